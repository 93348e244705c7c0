"""The HTML path's article region: what the page's markup says about where the story is,
when the cleaner anchored the body somewhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import reading
from reader.core.formats import html_evidence, read_page
from reader.core.reading import clean_page

POST = [
    "Every autumn the orchard behind our house drops more plums than we can eat, "
    "so this year I finally learned to put them up for the winter.",
    "The method is older than anyone in the family can remember, and it needs "
    "nothing more than a deep pot, clean jars and an afternoon.",
    "Wash the plums, cut them in half and take out the stones, then weigh what "
    "is left so you know how much sugar to add.",
    "Cook the fruit slowly with the sugar and a little water until it thickens "
    "enough to coat the back of a wooden spoon.",
    "Fill the warm jars to just below the rim, wipe the edges clean and close the "
    "lids while the jam is still hot.",
    "Stored in a cool cupboard the jars keep for a year, and they make a fine "
    "present to bring to a neighbour's table in December.",
]
HEADINGS = ["WHAT YOU NEED", "COOKING THE FRUIT", "FILLING THE JARS"]
CARD = ["1 kg ripe plums", "500 g sugar", "1 lemon", "A splash of water"]
STEPS = [
    "Halve the plums, remove the stones and weigh the fruit before you start.",
    "Simmer the fruit with the sugar, the lemon juice and the water until thick.",
    "Ladle the jam into warm jars, close them and boil them for ten minutes.",
    "Leave the jars to cool overnight before you label them and put them away.",
]


def write(tmp_path: Path, name: str, html: str) -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def shown_texts(path: Path) -> list[str]:
    """The blocks the reader shows of the page at `path`, as it opens it."""
    page = read_page(path)
    return [b.text for b in clean_page(page, page.title).blocks if not b.hidden]


def recipe_page() -> str:
    """A recipe post: its story, in sections, above a recipe card that repeats the
    page's title word for word (where the cleaner anchors the body)."""
    menu = "".join(f"<li><a href='/c{i}'>Category {i}</a></li>" for i in range(12))
    sections = "".join(
        f"<h2>{heading}</h2><p>{POST[2 * i]}</p><p>{POST[2 * i + 1]}</p>"
        for i, heading in enumerate(HEADINGS)
    )
    card = "".join(f"<li>{item}</li>" for item in CARD)
    steps = "".join(f"<li>{step}</li>" for step in STEPS)
    return (
        "<html><head><title>Winter Plum Jam Recipe | The Orchard Kitchen</title></head>"
        f"<body><nav><ul>{menu}</ul></nav>"
        "<h1>Homemade Winter Plum Jam for Cold Evenings</h1>"
        f"<div class='entry-content'>{sections}"
        f"<div class='recipe-card'><h2>Winter Plum Jam Recipe</h2><h3>Ingredients</h3>"
        f"<ul>{card}</ul><h3>Instructions</h3><ol>{steps}</ol></div></div>"
        "<p>Copyright 2024 The Orchard Kitchen. All rights reserved.</p></body></html>"
    )


def test_a_story_above_a_card_repeating_the_title_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cleaner anchors the body at the card's heading (it repeats the title) and
    # hides the post above it as the page's head; those paragraphs sit in one element
    # and outweigh the card, so they come back, with the element's subheadings
    # (which the cleaner took for navigation) between them.
    page = read_page(write(tmp_path, "jam.html", recipe_page()))
    body = clean_page(page, page.title).body
    assert all(any(paragraph in block for block in body) for paragraph in POST)
    assert all(f"## {heading}" in body for heading in HEADINGS)
    assert any(CARD[0] in block for block in body)
    assert not any("Category" in block or "Copyright" in block for block in body)
    monkeypatch.setattr(reading, "STORY_PARAGRAPHS", 1000)
    assert not any(POST[0] in block for block in clean_page(page, page.title).body)


STORY = [
    "The county hospital reopened its heart ward on Monday after a year of repairs "
    "that cost eleven million and replaced every bed and monitor.",
    "Surgeons said the new theatre lets them operate on two patients at once, "
    "which should halve the waiting list by the end of the summer.",
    "The work was paid for by the national and the county budgets, and the old "
    "ward will become a training centre for nurses next year.",
]
COMMENTS = [
    ("Guest", "Good news for the town, my father waited a year for his operation there."),
    ("Mark from the valley", "The car park is still too small for the visitors who come."),
    ("A nurse", "We were promised new monitors three times before, so we will believe it now."),
    ("Reader", "Why did it take a whole year to repair one ward of a single hospital?"),
]


def ward_page(after_story: str, div_attrs: str = "") -> str:
    """The story in its element, `after_story` after it there, a copyright line below."""
    return (
        "<html><head><title>Heart ward reopens</title></head><body>"
        f"<div{div_attrs}><h1>Heart ward reopens</h1>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in STORY)
        + f"{after_story}</div>"
        "<p>Copyright 2024 The County News. All rights reserved.</p></body></html>"
    )


def test_comments_laid_out_as_tables_under_a_comment_form_are_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Readers' comments, each a table (the reader's name, then the comment), under
    # the form's "Leave a comment" heading in the article's own element: the cleaner
    # reads each table whole, like a paragraph, and keeps them with the story; nothing
    # of the post follows a comment form's heading, so they are hidden.
    tables = "".join(
        f"<table><tr><td><b>Comment from our reader: {name}</b></td></tr>"
        f"<tr><td>{text}</td></tr></table>"
        for name, text in COMMENTS
    )
    page = read_page(write(tmp_path, "ward.html", ward_page(f"<p>Leave a comment</p>{tables}")))
    result = clean_page(page, page.title)
    assert result.body == STORY
    reasons = [block.reason for block in result.hidden]
    assert reasons[-len(COMMENTS) - 2 : -1] == [reading.COMMENTS] * (len(COMMENTS) + 1)
    monkeypatch.setattr(reading, "MAX_FORM_HEADING_CHARS", 0)
    assert any("car park" in block for block in clean_page(page, page.title).body)


SLIDES = [
    "The old lighthouse keeper's cottage was the first building on the island, "
    "raised in 1820 from stone carried over by boat.",
    "The chapel beside the harbour was rebuilt twice after storms, and its bell "
    "still rings for every boat that leaves in the morning.",
    "The school closed in 1962 when the last three families moved to the mainland, "
    "and its desks are now in the county museum.",
]


def test_a_slide_whose_class_names_an_ad_slot_is_the_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A slideshow in the article's element whose second slide also holds an ad slot
    # (`class="slide ad-item"`): its paragraph is the article's, not an advertisement;
    # the ad slot's label in the same slide, no sentence, stays hidden.
    slides = "".join(
        f"<li class='slide{' ad-item' if i == 1 else ''}'><p>{text}</p>"
        + ("<p>Advertisement</p>" if i == 1 else "")
        + "</li>"
        for i, text in enumerate(SLIDES)
    )
    html = (
        "<html><head><title>The island's buildings</title></head><body>"
        f"<div class='story'><h1>The island's buildings</h1><ul>{slides}</ul></div>"
        "<p>Copyright 2024 The Island Post. All rights reserved.</p></body></html>"
    )
    page = read_page(write(tmp_path, "island.html", html))
    assert page.hints[2] == "" and page.hints[3] == "advertisement"
    body = clean_page(page, page.title).body
    assert all(any(text in block for block in body) for text in SLIDES)
    monkeypatch.setattr(html_evidence, "_prose_in", lambda block, best: False)
    page = read_page(write(tmp_path, "island.html", html))
    assert page.hints[2] == "advertisement"
    assert not any(SLIDES[1] in block for block in clean_page(page, page.title).body)


FILING_LINES = [
    "This entry was posted on Monday, March 4th, 2024 at 9:14 am and is filed under "
    "<a href='/c/harbour'>Harbour</a>, <a href='/c/news'>News</a>.",
    "A version of this article appeared March 4, 2024, on page A2 of the county edition.",
]


@pytest.mark.parametrize("line", FILING_LINES)
def test_the_posts_metadata_after_the_article_stays_hidden(tmp_path: Path, line: str) -> None:
    # WordPress's line under a post (a date, a time and the categories it links), a
    # print edition's note: the cleaner ends the article above it, and though it is a
    # sentence in the article's element it is the post's metadata, so it is not shown
    # again with the article.
    page = read_page(write(tmp_path, "filed.html", ward_page(f"<p>{line}</p>", " class='post'")))
    result = clean_page(page, page.title)
    assert result.body == STORY
    assert any(block.text.startswith(line[:20]) for block in result.hidden)


def linked_titles_page() -> str:
    """A post whose element holds its paragraphs (one of them wholly a link, to a
    source), followed outside that element by links to other posts, one a line."""
    story = "".join(f"<p>{paragraph}</p>" for paragraph in POST[:4])
    source = "<p><a href='/report.pdf'>The county's preserving guide, as a PDF</a></p>"
    others = (
        "<div class='pager'><p><a href='/p/41'>How we pruned the old pear tree in March"
        "</a></p></div><div class='more'><h3><a href='/p/43'>A cider press built from an "
        "old car jack</a></h3><p>We pressed forty litres in a weekend.</p></div>"
    )
    return (
        "<html><head><title>Plum Jam | The Orchard Kitchen</title></head><body>"
        f"<h1>Plum Jam</h1><div class='post'>{story}{source}{POST[4]}</div>{others}"
        "</body></html>"
    )


def test_a_link_alone_outside_the_article_is_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cleaner shows the links to other posts after the story (headline-like lines);
    # the markup says each is a link and nothing else, outside the element holding the
    # story's paragraphs. The story's own link-only paragraph stays: it is inside.
    page = read_page(write(tmp_path, "jam.html", linked_titles_page()))
    result = clean_page(page, page.title)
    hidden = {b.text: b.reason for b in result.hidden}
    assert any("pruned the old pear tree" in text for text in hidden)
    assert any("cider press" in text for text in hidden)
    assert set(hidden.values()) <= {reading.LINK_OUTSIDE, "after article", "teaser list"}
    assert reading.LINK_OUTSIDE in hidden.values()
    assert any("preserving guide" in block for block in result.body)
    assert all(any(paragraph in block for block in result.body) for paragraph in POST[:5])
    monkeypatch.setattr(reading, "LINK_BLOCK_SHARE", 2.0)
    body = clean_page(page, page.title).body
    assert any("pruned the old pear tree" in block for block in body)


def test_a_table_of_short_rows_outside_the_article_is_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A box of headlines laid out as a table after the post: the cleaner reads the
    # table whole, like a paragraph, and shows it; outside the post's element, every
    # row short, it is hidden. A table of sentences there (a page laid out in tables)
    # is prose and stays.
    rows = "".join(
        f"<tr><td>{headline}</td></tr>"
        for headline in ("Local News", "Hall roof mended", "Ferry timetable changes")
    )
    prose = f"<table><tr><td>{POST[5]} {POST[4]}</td></tr></table>"
    story = "".join(f"<p>{paragraph}</p>" for paragraph in POST[:4])
    html = (
        "<html><head><title>Plum Jam</title></head><body><h1>Plum Jam</h1>"
        f"<div class='post'>{story}</div><table>{rows}</table>{prose}</body></html>"
    )
    page = read_page(write(tmp_path, "jam.html", html))
    result = clean_page(page, page.title)
    assert {b.reason for b in result.hidden if "Ferry" in b.text} == {reading.TABLE_OUTSIDE}
    assert all(any(paragraph in block for block in result.body) for paragraph in POST)
    monkeypatch.setattr(reading, "TABLE_ROW_WORDS", 1)
    assert any("Ferry" in block for block in clean_page(page, page.title).body)


def teaser_box_page() -> str:
    """A post in sections, then outside its element a box of other stories: each a
    headline over a line of summary and a date."""
    sections = "".join(
        f"<h2>{heading}</h2><p>{POST[2 * i]}</p><p>{POST[2 * i + 1]}</p>"
        for i, heading in enumerate(HEADINGS)
    )
    teasers = "".join(
        f"<h3>{headline}</h3><ul><li>{summary}</li></ul><p>2024-10-0{n}</p>"
        for n, (headline, summary) in enumerate(
            [
                ("Village fair returns with a bigger cider tent", "Stalls open at ten."),
                ("New footpath links the two orchards by the river", "It took a year."),
                ("Beekeepers report their best honey harvest in years", "Warm spring."),
            ],
            start=1,
        )
    )
    return (
        "<html><head><title>Plum Jam | The Orchard Kitchen</title></head><body>"
        f"<h1>Plum Jam</h1><div class='post'>{sections}</div>"
        f"<div class='box'>{teasers}</div></body></html>"
    )


def test_a_box_of_headlines_over_short_blurbs_outside_the_article_is_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cleaner reads the box as more short sections of the post; the markup puts
    # it outside the post's element, headline over blurb over date, three times.
    # The post's own sections (headings over paragraphs) are inside and stay.
    page = read_page(write(tmp_path, "jam.html", teaser_box_page()))
    result = clean_page(page, page.title)
    assert all(any(paragraph in block for block in result.body) for paragraph in POST)
    assert all(f"## {heading}" in result.body for heading in HEADINGS)
    assert not any("cider tent" in block or "2024-10" in block for block in result.body)
    assert {b.reason for b in result.hidden if "footpath" in b.text} == {reading.TEASER_LIST}
    monkeypatch.setattr(reading, "TEASER_HEADINGS", 1000)
    assert any("cider tent" in block for block in clean_page(page, page.title).body)


ZH_POST = [
    "今年秋天，村后的果园结出的李子比往年多得多，我们一家人怎么也吃不完，于是决定学着做果酱。",
    "做法其实很简单：把李子洗净切半去核，称好重量，再按比例加入白糖，用小火慢慢熬煮。",
    "熬到果酱能挂在木勺背面时就可以关火，趁热装进消过毒的玻璃瓶里，拧紧瓶盖后倒扣放凉。",
    "放在阴凉的柜子里，这些果酱可以保存一年，冬天送给邻居也是一份很体面的礼物。",
]


def test_a_chinese_article_is_found_by_its_characters(tmp_path: Path) -> None:
    # Chinese puts no spaces between words: its paragraphs are prose by their
    # characters, so their element is the article's and is not taken for chrome
    # for a class word ("share"), and a link alone after it is outside it.
    story = "".join(f"<p>{paragraph}</p>" for paragraph in ZH_POST)
    html = (
        "<html><head><meta charset='utf-8'><title>李子果酱</title></head><body>"
        f"<h1>李子果酱</h1><div class='post share-enabled'>{story}</div>"
        "<p><a href='/p/41'>上一篇：三月里我们修剪了那棵老梨树</a></p></body></html>"
    )
    page = read_page(write(tmp_path, "jam.html", html))
    assert page.article == (False, True, True, True, True, False)
    result = clean_page(page, page.title)
    assert result.body == ZH_POST
    assert [b.reason for b in result.hidden if "老梨树" in b.text] == [reading.LINK_OUTSIDE]


def test_the_text_of_a_photo_in_the_article_is_hidden_as_its_caption(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A photo between the paragraphs, its caption and credit in the photo's element:
    # the cleaner shows them as lines of the story; the element's class says photo.
    story = "".join(f"<p>{paragraph}</p>" for paragraph in POST[:3])
    photo = (
        "<div class='story-photo'><img src='jars.jpg' alt=''>"
        "<p>Jars of plum jam cooling on the kitchen table after an afternoon of work.</p>"
        "<p>Photo: Ann Orchard</p></div>"
    )
    rest = "".join(f"<p>{paragraph}</p>" for paragraph in POST[3:])
    html = (
        "<html><head><title>Plum Jam</title></head><body><h1>Plum Jam</h1>"
        f"<div class='post'>{story}{photo}{rest}</div></body></html>"
    )
    page = read_page(write(tmp_path, "jam.html", html))
    result = clean_page(page, page.title)
    assert result.body == POST
    assert {b.reason for b in result.hidden if "Jars of plum" in b.text} == {"photo caption"}
    monkeypatch.delitem(html_evidence.CHROME_WORDS, "photo")
    page = read_page(write(tmp_path, "jam.html", html))
    assert any("Jars of plum" in block for block in clean_page(page, page.title).body)


@pytest.mark.parametrize(
    ("names", "line", "reason"),
    [
        (
            "post-gallery",
            "The orchard in October, the jars on the shelf and the old copper pot.",
            "photo gallery",
        ),
        (
            "widget recent-posts",
            "Readers of this blog also liked the story of our walnut harvest last year.",
            "sidebar",
        ),
        (
            "site-copyright",
            "No part of this page may be reproduced without the written permission of the author.",
            "page footer",
        ),
    ],
)
def test_a_box_named_gallery_widget_or_copyright_is_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, names: str, line: str, reason: str
) -> None:
    # A box between the story's paragraphs, which the cleaner shows as one more of
    # them; its class names a photo gallery, a sidebar widget, a copyright notice.
    story = "".join(f"<p>{paragraph}</p>" for paragraph in POST[:3])
    rest = "".join(f"<p>{paragraph}</p>" for paragraph in POST[3:])
    html = (
        "<html><head><title>Plum Jam</title></head><body><h1>Plum Jam</h1>"
        f"<div class='post'>{story}<div class='{names}'><p>{line}</p></div>{rest}</div>"
        "</body></html>"
    )
    page = read_page(write(tmp_path, "jam.html", html))
    result = clean_page(page, page.title)
    assert result.body == POST
    assert [b.reason for b in result.hidden if b.text == line] == [reason]
    word = next(w for w in names.replace("-", " ").split() if w in html_evidence.CHROME_WORDS)
    monkeypatch.delitem(html_evidence.CHROME_WORDS, word)
    page = read_page(write(tmp_path, "jam.html", html))
    assert line in clean_page(page, page.title).body


def test_a_box_of_links_under_a_heading_set_in_the_article_is_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A box in the middle of the post, a heading over links to other posts, its own
    # element: hidden. The post's own sources, a heading over links among its
    # paragraphs in the post's element, stay.
    links = "".join(
        f"<li><a href='/p/{n}'>{title}</a></li>"
        for n, title in enumerate(
            [
                "How we pruned the old pear tree in March",
                "A cider press built from an old car jack",
                "Why quince paste needs a whole afternoon",
            ]
        )
    )
    box = f"<div class='box'><h3>The Orchard Notebook</h3><ul>{links}</ul></div>"
    sources = (
        "<h3>Sources</h3><ul><li><a href='/guide.pdf'>The county preserving guide</a></li>"
        "<li><a href='/sugar'>Sugar and set, a short note</a></li>"
        "<li><a href='/jars'>How to sterilise jars</a></li></ul>"
    )
    story = "".join(f"<p>{paragraph}</p>" for paragraph in POST[:3])
    rest = "".join(f"<p>{paragraph}</p>" for paragraph in POST[3:])
    html = (
        "<html><head><title>Plum Jam</title></head><body><h1>Plum Jam</h1>"
        f"<div class='post'>{story}{box}{rest}{sources}</div></body></html>"
    )
    page = read_page(write(tmp_path, "jam.html", html))
    result = clean_page(page, page.title)
    assert {b.reason for b in result.hidden if "pear tree" in b.text} == {reading.RELATED_LINKS}
    assert not any("Orchard Notebook" in block for block in result.body)
    assert any("preserving guide" in block for block in result.body)
    assert all(any(paragraph in block for block in result.body) for paragraph in POST)
    monkeypatch.setattr(reading, "LINK_BOX_ITEMS", 1000)
    assert any("pear tree" in block for block in clean_page(page, page.title).body)


def test_nothing_is_hidden_for_standing_outside_an_element_that_is_not_the_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The story's paragraphs are short (a line each, under PROSE_WORDS), its source a
    # link alone among them; the page's footer is one paragraph of prose, so it is the
    # element found for the article. Most of what the cleaner shows is outside that
    # element, which is not the article's: the story's link stays.
    short = [f"<p>{' '.join(p.split()[:7])}</p>" for p in POST + POST[::-1]]
    source = "<p><a href='/guide.pdf'>The county preserving guide, as a PDF</a></p>"
    story = "".join(short[:6]) + source + "".join(short[6:])
    footer = "© 2024 The Orchard Kitchen. All rights reserved. " + POST[0]
    html = (
        "<html><head><title>Plum Jam</title></head><body><h1>Plum Jam</h1>"
        f"<div class='story'>{story}</div><div class='about'><p>{footer}</p></div>"
        "</body></html>"
    )
    page = read_page(write(tmp_path, "jam.html", html))
    assert not any(page.article[:-1]) and page.article[-1]
    assert any("preserving guide" in block for block in clean_page(page, page.title).body)
    monkeypatch.setattr(reading, "ARTICLE_SHOWN_SHARE", 0.0)
    assert not any("preserving guide" in b for b in clean_page(page, page.title).body)


def test_teasers_whose_headlines_are_links_alone_are_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Outside the post's element, other stories as a linked title over a sentence of
    # summary, three times: the titles go as links outside the article, and their
    # blurbs with them, as a list of teasers.
    teasers = "".join(
        f"<p><a href='/p/{n}'>{title}</a></p><p>{blurb}</p>"
        for n, (title, blurb) in enumerate(
            [
                ("Seven ways to keep apples", "Cool, dark and dry: the old rules still hold."),
                ("Why the pears fell early", "A dry August and a windy week in September."),
                ("Our cider press, a year on", "It pressed four hundred litres without a fault."),
            ]
        )
    )
    story = "".join(f"<p>{paragraph}</p>" for paragraph in POST)
    html = (
        "<html><head><title>Plum Jam</title></head><body><h1>Plum Jam</h1>"
        f"<div class='post'>{story}</div><div class='more'>{teasers}</div></body></html>"
    )
    page = read_page(write(tmp_path, "jam.html", html))
    result = clean_page(page, page.title)
    assert result.body == POST
    assert {b.reason for b in result.hidden if "windy week" in b.text} == {reading.TEASER_LIST}
    monkeypatch.setattr(reading, "TEASER_HEADINGS", 1000)
    assert any("windy week" in block for block in clean_page(page, page.title).body)


def closing_lines_page(heading: str) -> str:
    """A short news story in an <article>: a lead, a subheading, a paragraph, a
    one-line paragraph, a list, a quote and a table; then a box of teasers and a
    footer outside it."""
    teasers = "".join(
        f"<h3><a href='/t{i}'>Headline {i}</a></h3><p>Blurb {i}.</p>" for i in range(3)
    )
    return (
        "<html><head><title>Plum harvest | Valley News</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Plum harvest</h1><p>{POST[0]}</p><h2>{heading}</h2><p>{POST[1]}</p>"
        "<p>Pick early.</p><ul><li>Jars: 2 euros</li><li>Lids: 1 euro</li></ul>"
        "<blockquote>The best year we have had, said one grower.</blockquote>"
        "<table><tr><th>Orchard</th><th>Opens</th></tr><tr><td>North</td><td>Monday</td>"
        f"</tr></table></article><aside class='widget'>{teasers}</aside>"
        "<footer>© 2026 Valley News. All rights reserved.</footer></body></html>"
    )


@pytest.mark.parametrize("heading", ["What happens next", "Reactions"])
def test_a_sentence_between_blocks_of_the_article_is_shown(tmp_path: Path, heading: str) -> None:
    # "Pick early." stands between the story's paragraph and its list, in its element:
    # it used to be hidden as "after article" while the list, quote and table after it
    # were shown
    page = read_page(write(tmp_path, "short.html", closing_lines_page(heading)))
    body = clean_page(page, page.title).body
    assert "Pick early." in body
    assert any("Jars: 2 euros" in block for block in body)
    assert not any("Blurb" in block for block in body)


def test_a_thai_pages_last_section_in_its_main_element_is_shown(tmp_path: Path) -> None:
    """Thai puts no spaces between words: a paragraph of the page's <main> counted as a
    few words, so its last subheading and paragraph, which the cleaner hid after the
    first two (its long lines, `long_line_region`), never came back as the element's
    sentences. (Before that fallback the cleaner kept nothing and the markup's story
    came back whole: this holds the two together.)"""
    headline = "สภาเมืองอนุมัติรถไฟใต้ดินสายใหม่เชื่อมท่าเรือกับใจกลางเมือง"
    text = [
        "สภาเมืองได้อนุมัติแผนการสร้างรถไฟใต้ดินสายใหม่ที่เชื่อมท่าเรือกับย่านเมืองเก่าเมื่อวานนี้ "
        "โครงการนี้ถูกถกเถียงมานานกว่ายี่สิบปี",
        "เส้นทางจะมีความยาวสิบเอ็ดกิโลเมตรและมีเก้าสถานี โดยคาดว่าจะมีค่าใช้จ่ายประมาณหนึ่งพันล้านยูโร",
        "งานจะเสร็จเมื่อไร",
        "การก่อสร้างจะเริ่มในปี 2026 และรถไฟจะเปิดให้บริการในปี 2031",
    ]
    html = (
        f"<html><head><meta charset='utf-8'><title>{headline}</title></head><body>"
        "<nav><a href='/'>หน้าแรก</a> <a href='/n'>ข่าว</a></nav>"
        f"<main><h1>{headline}</h1><p>{text[0]}</p><p>{text[1]}</p>"
        f"<h2>{text[2]}</h2><p>{text[3]}</p></main>"
        "<aside><h3>ข่าวที่เกี่ยวข้อง</h3><ul><li><a href='/a'>รถเมล์สายใหม่</a></li>"
        "<li><a href='/b'>การจัดการจราจร</a></li></ul></aside></body></html>"
    )
    shown = shown_texts(write(tmp_path, "thai.html", html))
    assert [line.lstrip("# ") for line in shown] == text


def story_page(
    title: str,
    article: str,
    footer: str = "<p>© 2025 Harbour Gazette</p>",
    sections: tuple[str, ...] = ("Home", "News", "Sport"),
) -> str:
    """A page with a menu of `sections` in <nav>, `article` (its markup) in <article>
    under its <h1>, and `footer` in <footer>."""
    menu = "".join(f"<li><a href='/{w.lower()}'>{w}</a></li>" for w in sections)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><nav><ul>{menu}</ul></nav><article><h1>{title}</h1>{article}</article>"
        f"<footer>{footer}</footer></body></html>"
    )


def test_a_code_sample_that_ends_the_story_is_shown_with_its_intro(tmp_path: Path) -> None:
    # The cleaner reads a `<pre>` block's plain words and takes "let x = 1;" for a
    # script's leftovers; the markup says it is code the page shows, in the story.
    intro = "The whole script is two lines:"
    article = (
        f"<p>{POST[0]}</p><h2>Getting there</h2><p>{POST[1]}</p>"
        f"<p>{intro}</p><pre><code>let x = 1;\nx.init();</code></pre>"
    )
    page = read_page(write(tmp_path, "tides.html", story_page("Reading the tides", article)))
    blocks = clean_page(page, page.title).blocks
    shown = [b.text for b in blocks if not b.hidden]
    assert intro in shown
    assert any("let x = 1;" in text and "x.init();" in text for text in shown)
    assert not any("Harbour Gazette" in text for text in shown)


def test_a_question_and_answer_that_end_the_story_are_shown(tmp_path: Path) -> None:
    # Under a story a site's invitations ask ("Want more?"), so a closing question
    # stays hidden; one labelled "Q:" is the interview's, and its answer follows it.
    qa = ["Q: Why now?", "A: The old wall is failing."]
    article = f"<p>{POST[0]}</p><p>{POST[1]}</p><p>{qa[0]}</p><p>{qa[1]}</p>"
    footer = "<p>Want more? Sign up for our letters.</p><p>© 2025 Harbour Gazette</p>"
    html = story_page("The harbour wall", article, footer)
    shown = shown_texts(write(tmp_path, "wall.html", html))
    assert shown[-2:] == qa
    assert not any("Want more" in text for text in shown)


def test_a_two_word_sentence_that_ends_the_story_is_shown(tmp_path: Path) -> None:
    # "Nobody minded." under the story's list is its last line; a pager's "... contd."
    # is not.
    items = "".join(f"<li>{item}</li>" for item in ("Passport", "Sun cream", "Good shoes"))
    article = f"<p>{POST[0]}</p><ul>{items}</ul><p>Nobody minded.</p><p>... contd.</p>"
    shown = shown_texts(write(tmp_path, "end.html", story_page("The harbour wall", article)))
    assert "Nobody minded." in shown
    assert not any("contd" in text for text in shown)


@pytest.mark.parametrize("heading", ["Comments", "Reactions", "Related research"])
def test_a_subheading_named_like_a_page_section_over_prose_is_shown(
    tmp_path: Path, heading: str
) -> None:
    # A subheading followed by prose is the article's, whatever its words: the text
    # under it, its list and its closing paragraph come back with it.
    opening = "Residents who came to the meeting were mostly in favour."
    article = (
        f"<p>{POST[0]}</p><h2>{heading}</h2><p>{opening}</p>"
        "<ul><li>Islay: whisky</li><li>Jura: deer</li></ul><p>Nobody minded.</p>"
        f"<h2>Getting there</h2><p>{POST[2]}</p>"
    )
    shown = shown_texts(write(tmp_path, "isles.html", story_page("The isles", article)))
    assert shown[0] == POST[0]
    assert shown[1:4] == [f"## {heading}", opening, "- Islay: whisky"]
    assert shown[-3:] == ["Nobody minded.", "## Getting there", POST[2]]
    assert not any("Harbour Gazette" in text for text in shown)


def test_a_named_section_over_prose_is_shown_above_a_thread_in_the_same_element(
    tmp_path: Path,
) -> None:
    # Each section named like a page's is judged on its own: the thread under "Reader
    # comments" does not make the author's "Comments" section above it a thread.
    opening = "Residents who came to the meeting were mostly in favour."
    thread = (
        "<h2>Reader comments</h2><p>Lovely piece, we went last spring and loved it.</p>"
        "<p>Posted by: Tom Hale | Mar 3, 2025 2:00 PM</p>"
        "<p>The ferry was full both ways, book early.</p>"
        "<p>Posted by: Ann Lee | Mar 3, 2025 3:10 PM</p>"
    )
    article = (
        f"<p>{POST[0]}</p><h2>Comments</h2><p>{opening}</p>"
        f"<ul><li>Islay: whisky</li><li>Jura: deer</li></ul><p>Nobody minded.</p>{thread}"
    )
    shown = shown_texts(write(tmp_path, "isles.html", story_page("The isles", article)))
    assert shown == [
        POST[0],
        "## Comments",
        opening,
        "- Islay: whisky",
        "- Jura: deer",
        "Nobody minded.",
    ]


def test_a_related_box_inside_the_article_element_stays_hidden(tmp_path: Path) -> None:
    # Under "Related posts" the site's line is cut short ("read these...") or names its
    # boxes ("No related posts."): no author's sentence, whatever follows the box.
    article = (
        f"<p>{POST[0]}</p><p>{POST[1]}</p><h3>Related posts</h3>"
        "<p>If you liked this story about the harbour, read these too...</p>"
        "<p>No related posts.</p><h3>1 Comment</h3><p>Tom said:</p>"
    )
    shown = shown_texts(write(tmp_path, "box.html", story_page("The isles", article)))
    assert shown[:2] == [POST[0], POST[1]]
    assert not any("Related posts" in text or "No related" in text for text in shown)


THREAD_POSTS = [
    ("<p>Posted by: Ann Lee | Mar 26, 2024 2:00 PM</p>", "Posted by: Ann Lee"),
    ("<p>Tom Hale</p>", "Tom Hale"),
    ("<p>Reply</p>", "Reply"),
]


@pytest.mark.parametrize(("furniture", "seen"), THREAD_POSTS)
def test_readers_comments_inside_the_article_element_stay_hidden(
    tmp_path: Path, furniture: str, seen: str
) -> None:
    # A thread written inside the article's element has a post's shape: a dated
    # header, a name alone over a post, a line said twice ("Reply").
    posts = [
        "What a lovely walk this sounds, we will try it when the ferry runs again.",
        "We went last spring and the north beach was closed for the nesting terns.",
    ]
    thread = "".join(f"<p>{post}</p>{furniture}" for post in posts)
    article = f"<p>{POST[0]}</p><p>{POST[1]}</p><h2>Comments</h2>{thread}"
    shown = shown_texts(write(tmp_path, "walk.html", story_page("The north beach", article)))
    assert POST[1] in shown
    assert not any(post in text for post in posts for text in shown)
    assert not any(seen in text for text in shown)
    assert "## Comments" not in shown


def test_a_comment_forms_heading_inside_the_article_element_stays_hidden(tmp_path: Path) -> None:
    # "Leave a reply" heads a form to write one: nothing of the post follows it.
    article = (
        f"<p>{POST[0]}</p><p>{POST[1]}</p><h2>Leave a reply</h2>"
        "<p>Your email address will not be published, and we read every note first.</p>"
    )
    shown = shown_texts(write(tmp_path, "form.html", story_page("The north beach", article)))
    assert POST[1] in shown
    assert not any("Leave a reply" in text or "email address" in text for text in shown)


@pytest.mark.parametrize(
    ("element", "seen"),
    [
        (
            "<table><tr><td>Year</td><td>Cost</td></tr><tr><td>2026</td><td>£1.5m</td></tr>"
            "<tr><td>2027</td><td>£2.5m</td></tr></table>",
            "£2.5m",
        ),
        (
            '<h2>Leeks</h2><blockquote><p>"It is the biggest thing we have done in fifty '
            'years," she said.</p><p>— Ann Lee, chair of the board</p></blockquote>',
            "Ann Lee",
        ),
    ],
)
def test_a_table_or_a_quotes_source_between_the_articles_blocks_is_shown(
    tmp_path: Path, element: str, seen: str
) -> None:
    # The cleaner may take a short table or a quote's source for a menu's links; the
    # markup marks them as the author's, between two shown blocks of the article.
    story = [
        "Work will start in March, when the first granite blocks arrive by barge from "
        "the quarry on the other side of the water.",
        "Fishermen who moor inside the old wall will move to the east pier while the "
        "work goes on, the board said after the meeting.",
    ]
    article = (
        f"<p>{story[0]}</p><ul><li>Passport</li><li>Sun cream</li><li>Good shoes</li></ul>"
        f"{element}<p>{story[1]}</p><p>Q: Why now?</p><p>A: The old wall is failing.</p>"
    )
    menu = ("Home", "News", "Sport", "Weather", "Contact")
    shown = shown_texts(write(tmp_path, "t.html", story_page("The isles", article, sections=menu)))
    assert any(seen in text for text in shown)
    assert shown[-3:] == [story[1], "Q: Why now?", "A: The old wall is failing."]


COMPOSED = [
    "Fishermen who moor inside the old wall will move to the east pier while the work "
    "goes on, the board said after the meeting.",
    "Nobody on the island could remember a summer as dry as this one, and the "
    "reservoir showed its old walls.",
    "We walked from the lighthouse to the north beach and back, which took most of the afternoon.",
    "Work will start in March, when the first granite blocks arrive by barge from the "
    "quarry on the other side of the water.",
]
FIVE_SECTIONS = ("Home", "News", "Sport", "Weather", "Contact")


@pytest.mark.parametrize(
    ("middle", "seen"),
    [
        (
            "<p>Nobody minded.</p><h2>Getting there</h2>"
            "<p>The first ferry leaves at seven and takes an hour.</p>",
            ["Nobody minded.", "## Getting there"],
        ),
        (
            "<p>The whole script is two lines:</p><pre><code>let x = 1;\nx.init();</code></pre>"
            "<p>Start early.</p>",
            ["The whole script is two lines:", "Start early."],
        ),
    ],
)
def test_lines_the_cleaner_took_for_a_box_between_the_articles_blocks_are_shown(
    tmp_path: Path, middle: str, seen: list[str]
) -> None:
    # Between two shown blocks of the article's element, a closing statement, a
    # subheading or a code sample is the article's, not a box inside it.
    article = (
        f"<p>{COMPOSED[0]}</p><p>{COMPOSED[1]}</p>{middle}<p>{COMPOSED[2]}</p><p>{COMPOSED[3]}</p>"
    )
    html = story_page("Harbour board backs breakwater", article, sections=FIVE_SECTIONS)
    shown = shown_texts(write(tmp_path, "box.html", html))
    assert all(line in shown for line in seen)
    assert shown[-2:] == COMPOSED[2:]


def test_a_boxs_label_between_the_articles_paragraphs_stays_hidden(tmp_path: Path) -> None:
    article = (
        f"<p>{COMPOSED[0]}</p><p>{COMPOSED[1]}</p><h4>More:</h4>"
        "<p><a href='/a'>Ferry fares to rise in spring</a></p>"
        f"<p>{COMPOSED[2]}</p><p>{COMPOSED[3]}</p>"
    )
    html = story_page("Harbour board backs breakwater", article, sections=FIVE_SECTIONS)
    shown = shown_texts(write(tmp_path, "more.html", html))
    assert not any("More:" in text for text in shown)
    assert shown[-2:] == COMPOSED[2:]


def test_a_list_of_links_under_the_story_stays_hidden(tmp_path: Path) -> None:
    # The cleaner reads a list's plain words ("• Charming penthouse in Stockholm"), as
    # marked as a list the story ends with; the markup's links say they are a box's.
    links = "".join(
        f"<li><a href='/story/{n}'>{text}</a></li>"
        for n, text in enumerate(
            ["Charming penthouse in Stockholm", "A loft with rustic details", "Bright rooms"]
        )
    )
    article = f"<p>{POST[0]}</p><p>{POST[1]}</p><ul>{links}</ul>"
    page = read_page(write(tmp_path, "loft.html", story_page("A loft in Stockholm", article)))
    shown = [b.text for b in clean_page(page, page.title).blocks if not b.hidden]
    assert shown[-1] == POST[1]
    # The same list written without links is the story's last list.
    items = "".join(f"<li>{w}</li>" for w in ("Passport", "Sun cream", "Good shoes"))
    article = f"<p>{POST[0]}</p><p>{POST[1]}</p><ul>{items}</ul>"
    shown = shown_texts(write(tmp_path, "trip.html", story_page("Packing for the isles", article)))
    assert "Good shoes" in shown[-1]


def test_a_section_named_like_comments_over_a_table_of_years_is_shown(tmp_path: Path) -> None:
    # The table's years read as a date line; neither that nor its years are a post's
    # furniture: the section is the author's, with its interview and its table.
    article = (
        "<p>Мы прошли от маяка до северного пляжа и обратно, и на это ушла большая часть "
        "дня.</p><ul><li>Картофель</li><li>Морковь</li></ul><h2>Комментарии</h2>"
        "<p>Жители, пришедшие на собрание, в основном были за.</p>"
        "<p>Рыбаки, которые швартуются у старой стены, переберутся к восточному причалу.</p>"
        "<p>В: Почему сейчас?</p><p>О: Старая стена разрушается.</p>"
        "<table><tr><td>Год</td><td>Стоимость</td></tr><tr><td>2026</td><td>1,5 млн</td></tr>"
        "<tr><td>2027</td><td>2,5 млн</td></tr></table>"
    )
    html = story_page("Совет гавани поддержал волнорез", article, "<p>© 2025 Газета</p>")
    shown = shown_texts(write(tmp_path, "wall.html", html))
    assert any("Комментарии" in text for text in shown)
    assert "В: Почему сейчас?" in shown
    assert any("2027" in text for text in shown)
    assert not any("Газета" in text for text in shown)


def test_a_quotes_source_paragraph_under_the_quote_is_shown(tmp_path: Path) -> None:
    # The source is a paragraph of its own, too short for a sentence of the article;
    # under a quotation it names who spoke, whatever section follows.
    article = (
        "<p>Przeszliśmy od latarni do północnej plaży i z powrotem, co zajęło większość "
        "popołudnia.</p><table><tr><td>Rok</td><td>Koszt</td></tr><tr><td>2026</td>"
        "<td>1,5 mln</td></tr><tr><td>2027</td><td>2,5 mln</td></tr></table>"
        "<p>„To największa rzecz, jaką zrobiliśmy od pięćdziesięciu lat” – powiedziała.</p>"
        "<p>– Anna Lis, przewodnicząca zarządu</p><h2>Komentarze</h2>"
        "<p>Mieszkańcy, którzy przyszli na zebranie, byli za.</p>"
        "<p>Rybacy cumujący przy starym murze przeniosą się na wschodnie nabrzeże.</p>"
    )
    html = story_page("Zarząd portu popiera falochron", article, "<p>© 2025 Gazeta</p>")
    shown = shown_texts(write(tmp_path, "mur.html", html))
    assert "– Anna Lis, przewodnicząca zarządu" in shown
    assert any("Komentarze" in text for text in shown)
    assert not any("Gazeta" in text for text in shown)
