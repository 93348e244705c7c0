"""Four shapes of written text that lost part of the story (issue 9: "a text file
without page chrome is an article someone wrote: nothing of it is hidden but a
repeated title"; "never hide the story"). Every article here was written for these
tests; each fault is tested where it was met, and its guard beside it.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.clean import clean_blocks
from reader.core.formats import read_page
from reader.core.reading import _closing_statement, clean_page
from tests.core.test_clean_authored import assert_whole

# --------------------------------------------------------------------------
# a written list above the first sentence is no site menu


SHOPPING = [
    "Flour",
    "Eggs",
    "Milk",
    "Butter",
    "Apples",
    "That is everything we need for the apple cake on Sunday. I will bake it in the "
    "morning, so please bring the apples by Saturday evening if you can.",
    "The recipe is my grandmother's and it has never failed me yet.",
]


def test_a_written_list_above_the_first_sentence_is_kept() -> None:
    # Five short lines above the first sentence counted as a site's menu, and a menu
    # is page chrome: the post lost its list as "navigation".
    for fmt in ("txt", "md"):
        assert_whole(fmt, "Sunday market list", SHOPPING)


def test_the_same_lines_under_a_site_headline_are_still_a_menu() -> None:
    # A scraped page shows its headline under its menu: there the run is chrome.
    title = "Apple cake for Sunday"
    menu = ["Home", "Recipes", "Baking", "Contact"]
    page = [*menu, title, *SHOPPING[5:], "© 2025 Kitchen Notes"]
    result = clean_blocks(page, title)
    assert result.body == SHOPPING[5:]
    assert {h.reason for h in result.hidden if h.text in menu} == {"navigation"}


# --------------------------------------------------------------------------
# the copyright sign talked about is no footer

COPYRIGHT = [
    "When a friend takes your picture, who owns it? The law is plainer than most "
    "people think, and it rarely favours the person in the picture.",
    "© is the sign most people know, but the right exists without it: the moment the "
    "shutter closes, the photographer owns the picture.",
    "So ask before you post a friend's photograph of you, and expect the same courtesy in return.",
]


def test_a_sentence_opening_with_the_copyright_sign_is_kept() -> None:
    # The sign made the line a site's footer: the article was cut there, and lost
    # its last two paragraphs.
    for fmt in ("txt", "md"):
        assert_whole(fmt, "Who owns a photograph", COPYRIGHT)


def test_a_copyright_notice_still_ends_the_page() -> None:
    title = "Who owns a photograph"
    notices = ["© Harbour Times", "© 2025 Harbour Times. All rights reserved."]
    for notice in notices:
        result = clean_blocks(["Home", "News", title, *COPYRIGHT, notice], title)
        assert result.body == COPYRIGHT
        assert [h.reason for h in result.hidden if h.text == notice] == ["footer"]


# --------------------------------------------------------------------------
# a short Chinese lead over a subheading named like the comments

ZH_TITLE = "港口夜市周末重新开放"
ZH_LEAD = "经过三个月的整修，港口夜市将于本周六晚上重新向市民开放。"
ZH_STORY = [ZH_LEAD, "评论", "摊主们说，新的顶棚终于让他们在雨天也能照常营业，希望客人们会回来。"]


def test_a_short_chinese_lead_over_a_named_subheading_is_kept() -> None:
    # The 28-character lead earns less than a line costs (Chinese has no stop words
    # to vouch for it), and the body was taken to start under "评论": the story lost
    # its opening sentence as "before article".
    page = ["首页", "新闻", "体育", "财经", ZH_TITLE, "2026年11月20日 08:00", *ZH_STORY]
    page += ["热门文章", "市议会通过新预算", "周末风暴预警", "© 2025 城市日报 版权所有"]
    result = clean_blocks(page, ZH_TITLE)
    assert result.body == ZH_STORY


def test_a_teaser_above_the_subheading_is_not_taken_for_the_lead() -> None:
    # Only the story's head (its date line) may stand between the headline and the
    # lead: a line of the site's in between keeps the old start.
    page = ["首页", "新闻", "体育", ZH_TITLE, "相关阅读", ZH_LEAD, *ZH_STORY[1:]]
    page += ["热门文章", "市议会通过新预算", "周末风暴预警", "© 2025 城市日报 版权所有"]
    result = clean_blocks(page, ZH_TITLE)
    assert ZH_LEAD not in result.body
    assert result.body == ZH_STORY[2:]


# --------------------------------------------------------------------------
# a quote's <footer> names who said it

QUOTE_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>The ferry that never left</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>The ferry that never left</h1>
<p>For forty years the old ferry sat at the end of the pier, waiting for a crossing
that the council kept promising and never paid for.</p>
<blockquote><p>We painted it every spring, just in case the money came through.</p>
<footer>— <cite>Maria Lopes</cite>, harbour volunteer</footer></blockquote>
<p>Last week the council finally voted to sell the boat for scrap, and the volunteers
who kept it afloat say they are not surprised.</p>
</article>
<footer>© 2026 Harbour Times</footer>
</body></html>
"""


def test_a_quotes_footer_is_shown_and_the_pages_footer_hidden(tmp_path: Path) -> None:
    # The HTML standard writes a quote's source in a <footer> inside the
    # <blockquote>; the element's name made it "page footer".
    path = tmp_path / "ferry.html"
    path.write_text(QUOTE_PAGE, encoding="utf-8")
    page = read_page(path)
    result = clean_page(page, page.title)
    assert any("Maria Lopes" in block for block in result.body)
    assert [h.reason for h in result.hidden if "Harbour Times" in h.text] == ["page footer"]


# --------------------------------------------------------------------------
# scraped pages: a story's short pieces between its sentences

SITE_TOP = ["Harbour Times", "Home", "News", "Sport", "Weather", "Log in"]
SITE_END = [
    "Share",
    "Tweet",
    "Email",
    "Most read",
    "Ferry fares to rise in spring",
    "Storm closes coast road",
    "New school opens in the valley",
    "© 2026 Harbour Times. All rights reserved.",
]


def scraped(title: str, story: list[str], after: list[str] | None = None) -> list[str]:
    """What a scraper keeps of a news page: the site's head and menu, the headline, its
    byline and date, the story, then what the site prints under it."""
    head = [*SITE_TOP, title, "By Ann Lee", "24 November 2026"]
    return [*head, *story, *(after or []), *SITE_END]


def test_a_list_announced_by_a_colon_in_lower_case_words_is_kept() -> None:
    # One- and two-word lines in a row ended the list as a menu, and the intro with
    # its items and the closing sentence were hidden as "after article".
    title = "Το λιμάνι ανοίγει ξανά"
    story = [
        "Μετά από τρεις μήνες εργασιών, το παλιό λιμάνι ανοίγει ξανά για τους επισκέπτες "
        "το Σάββατο.",
        "Τι αλλάζει:",
        "νέα προβλήτα",
        "φωτισμός",
        "παγκάκια",
        "Ο δήμαρχος είπε ότι οι εργασίες τελείωσαν νωρίτερα από το αναμενόμενο.",
    ]
    assert clean_blocks(scraped(title, story), title).body == story


def test_lower_case_share_links_under_the_story_stay_hidden() -> None:
    title = "Harbour night market reopens"
    story = [
        "After three months of repairs, the harbour night market reopens to the public "
        "on Saturday evening.",
        "Stallholders say the new roof lets them trade in the rain, and they hope the "
        "customers will come back.",
    ]
    after = ["Share this story:", "email", "print", "facebook", "Thanks for reading us."]
    assert clean_blocks(scraped(title, story, after), title).body == story


UPDATES = [
    "The coast road was closed on Monday morning after a landslide near the old quarry.",
    "Police said nobody was hurt.",
    "Update, 14:00:",
    "The council says the road will stay closed until Wednesday.",
    "Update, 17:30:",
    "A diversion through the valley is now signposted.",
]


def test_updates_with_their_times_are_kept() -> None:
    # "Update, 14:00:" was a date line and its sentence "after article": the story
    # lost its updates. One update is enough when the line says what it is.
    title = "Road to the harbour closed after landslide"
    assert clean_blocks(scraped(title, UPDATES), title).body == UPDATES
    assert clean_blocks(scraped(title, UPDATES[:4]), title).body == UPDATES[:4]


def test_a_readers_name_and_time_is_no_update() -> None:
    title = "Road to the harbour closed after landslide"
    posts = ["Ann 14:02", "Lovely news, we will be there.", "Tom 14:10", "About time."]
    assert clean_blocks(scraped(title, UPDATES[:2], posts), title).body == UPDATES[:2]


def test_a_short_lead_over_a_read_more_heading_is_kept() -> None:
    # The lead earns nothing on its own (nine words) and stood above "Czytaj także"
    # ("Read also"), over the rest of the story: it was hidden as "before article".
    title = "Nowy most w Gdańsku"
    story = [
        "Nowy most nad Motławą zostanie otwarty w przyszły piątek.",
        "Czytaj także",
        "Most ma 120 metrów długości i kosztował 40 milionów złotych.",
        "Budowa trwała dwa lata.",
    ]
    body = clean_blocks(scraped(title, story), title).body
    assert story[0] in body and story[2:] == body[-2:]


# --------------------------------------------------------------------------
# saved pages: an interview's last answers, a list's intro, a table and its note


def saved_page(title: str, article: str) -> str:
    """A news site's saved page: its header and menu, the article in <article>, a
    "Most read" aside and the copyright footer."""
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
        '<body><header><a href="/">Harbour Times</a><nav><ul><li><a href="/n">News</a></li>'
        '<li><a href="/s">Sport</a></li><li><a href="/w">Weather</a></li></ul></nav></header>'
        f'<main><article><h1>{title}</h1><p class="byline">By Ann Lee</p>'
        f'<time datetime="2026-11-24">24 November 2026</time>{article}</article></main>'
        '<aside><h2>Most read</h2><ul><li><a href="/1">Ferry fares to rise in spring</a></li>'
        '<li><a href="/2">Storm closes coast road</a></li></ul></aside>'
        "<footer><p>© 2026 Harbour Times. All rights reserved.</p></footer></body></html>"
    )


def shown(tmp_path: Path, title: str, article: str) -> str:
    path = tmp_path / "page.html"
    path.write_text(saved_page(title, article), encoding="utf-8")
    page = read_page(path)
    result = clean_page(page, page.title)
    assert not any("Ferry fares" in block or "©" in block for block in result.body)
    return "\n".join(result.body)


def test_an_interviews_short_last_answers_are_shown(tmp_path: Path) -> None:
    # "No." is too short to be text on its own: the interview was cut there, and its
    # last question and answer went with it as "after article".
    article = (
        "<p>Anna Berg has kept the north light for twenty-two years. We asked her three "
        "questions.</p><p><strong>What does a day look like?</strong></p>"
        "<p>Quiet. I check the lamp, the log and the weather.</p>"
        "<p><strong>Do you get lonely?</strong></p><p>No.</p>"
        "<p><strong>Will you retire?</strong></p><p>Next spring.</p>"
    )
    body = shown(tmp_path, "Three questions for the lighthouse keeper", article)
    for line in ("Do you get lonely?", "No.", "Will you retire?", "Next spring."):
        assert line in body


def test_answers_that_run_into_teasers_stay_hidden() -> None:
    # The story ends in a question; what follows runs on into the site's headlines,
    # not to its furniture: no interview, and nothing is taken in.
    title = "Harbour night market reopens"
    story = [
        "After three months of repairs, the harbour night market reopens to the public "
        "on Saturday evening.",
        "Stallholders say the new roof lets them trade in the rain. Will the customers "
        "come back before the winter?",
    ]
    after = ["Nobody knows yet.", "Storm closes coast road", "Ferry fares rise in spring"]
    assert clean_blocks(scraped(title, story, after), title).body == story


def test_a_lists_intro_and_a_table_with_its_note_are_shown(tmp_path: Path) -> None:
    # "What changes:" was a box's label ("after article"); the table of times was a
    # "date line", and the sentence under it "after article".
    article = (
        "<p>After three months of works, the old harbour reopens for visitors on "
        "Saturday.</p><p>What changes:</p><ul><li>a new pier</li><li>lighting</li></ul>"
        "<p>High and low water at the harbour mouth this week, for the first visitors.</p>"
        "<table><tr><th>Day</th><th>High</th><th>Low</th></tr>"
        "<tr><td>Mon</td><td>06:12</td><td>12:30</td></tr>"
        "<tr><td>Tue</td><td>06:55</td><td>13:14</td></tr></table>"
        "<p>Add ten minutes for the inner basin.</p>"
    )
    body = shown(tmp_path, "The harbour reopens on Saturday", article)
    for line in ("What changes:", "| Mon | 06:12 | 12:30 |", "Add ten minutes"):
        assert line in body


def test_a_closing_statement_asks_nothing_and_says_something() -> None:
    assert _closing_statement("Add ten minutes for the inner basin.")
    assert _closing_statement("*A wireless connection is required.*")
    assert _closing_statement("Волонтёры не удивлены.")  # "The volunteers are not surprised."
    for line in (
        "No related posts.",
        "Want more? Check out our guide.",
        "More soon...",
        "Like us?",
    ):
        assert not _closing_statement(line)


QUOTED = [
    "For forty years the old ferry sat at the end of the pier, waiting for a crossing "
    "that never came.",
    "“We painted it every spring, just in case.”",
    "— Maria Lopes, harbour volunteer",
    "Last week the council voted to sell the boat for scrap.",
]


def test_a_quotes_source_and_the_sentence_under_it_are_kept() -> None:
    # A dash over a name reads as a credit ("— Financial Times"), which ended the
    # story: the source and the last sentence were hidden as "after article".
    title = "The ferry that never left"
    assert clean_blocks(scraped(title, QUOTED), title).body == QUOTED


def test_a_dashed_credit_under_a_paragraph_stays_hidden() -> None:
    title = "The ferry that never left"
    story = [QUOTED[0], "The council voted last week to sell the old boat for scrap."]
    after = ["— Ridge Weekly", "Ann Lee contributed to this story."]
    assert clean_blocks(scraped(title, story, after), title).body == story


def test_a_footnote_is_shown_and_a_teaser_stays_hidden(tmp_path: Path) -> None:
    # A footnote's list item, ending in its link back to the citation, was taken for
    # a teaser list.
    article = (
        "<p>Every tide table starts with a year of measurements at the harbour mouth"
        '<sup><a href="#fn1">1</a></sup>, taken every six minutes.</p>'
        "<p>The numbers are then fitted to the moon's and the sun's cycles, which gives "
        "the tables for years ahead.</p>"
        '<section class="footnotes"><ol><li id="fn1"><p>The gauge has stood by the '
        'lifeboat station since 1952. <a href="#ref1">↩</a></p></li></ol></section>'
        '<ol><li><a href="/tides-2025">Tide tables for 2025 are out now ↩</a></li></ol>'
    )
    body = shown(tmp_path, "How the tide tables are made", article)
    assert "The gauge has stood by the lifeboat station since 1952." in body
    assert "Tide tables for 2025" not in body


def test_an_authors_note_in_an_aside_inside_the_article_is_shown(tmp_path: Path) -> None:
    # An <aside> is the page's sidebar wherever it stands: the editor's note inside
    # the article was hidden as "aside". A box of links there stays hidden.
    note = (
        "This story was first published in the harbour newsletter in 1998 and is shown "
        "here with its author's permission."
    )
    article = (
        "<p>For forty years the old ferry sat at the end of the pier, waiting for a "
        "crossing that the council kept promising and never paid for.</p>"
        f'<aside class="note"><p>{note}</p></aside>'
        '<aside><h3>Related</h3><ul><li><a href="/a">Pier repairs begin</a></li>'
        '<li><a href="/b">Who owns the harbour?</a></li></ul></aside>'
        "<p>Last week the council voted to sell the boat for scrap, and the volunteers "
        "say they are not surprised.</p>"
    )
    body = shown(tmp_path, "The ferry that never left", article)
    assert note in body
    assert "Pier repairs begin" not in body and "Who owns the harbour" not in body
