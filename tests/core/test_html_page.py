"""HTML pages: metadata from the page, charset, structural hints, the library."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from reader.core import reading
from reader.core.formats import NotArticle, format_for, read_page
from reader.core.formats.html import decode_html
from reader.core.library import scan
from reader.core.query import parse_query
from reader.core.reading import clean_page
from reader.core.search import SearchIndex, index_library

STORY = [
    "The harbour board voted on Tuesday to close the old pier for repairs after "
    "engineers found cracks in three of its oldest pilings.",
    "Fishing crews who tie up at the pier will move to the east quay for the "
    "summer, the board said, and the ferry timetable will not change.",
    "The repairs are expected to cost about two million and to take until the "
    "autumn, when the pier will reopen with a new timber deck.",
    "Residents said they were relieved that the work would not stop the "
    "regatta, which has been held beside the pier every August since 1921.",
]

ARTICLE_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Pier to close for repairs | The Harbour Times</title>
<meta property="og:title" content="Pier to close for repairs">
<meta property="og:site_name" content="The Harbour Times">
<meta property="article:published_time" content="2024-05-06T09:30:00Z">
<meta name="author" content="Ann Lee">
<link rel="canonical" href="https://harbour.example/news/pier">
<script type="application/ld+json">{{"@type": "NewsArticle",
 "datePublished": "2024-05-07", "author": {{"name": "Ann Lee"}}}}</script>
<style>body {{ color: red }}</style><script>document.write("evil")</script>
</head><body>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<header><a href="/">The Harbour Times</a><nav><ul><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<main><article>
<h1>Pier to close for repairs</h1>
<div class="share-bar"><a href="https://social.example/share">Share on Social</a>
<a href="mailto:?subject=pier">Email this story</a></div>
<p>{STORY[0]}</p><p>{STORY[1]} It is <em>not</em> the first time.</p>
<h2>What happens next</h2>
<p>{STORY[2]}</p><blockquote><p>{STORY[3]}</p></blockquote>
</article>
<section class="comments"><h2>3 comments</h2>
<p>Great news, the pier has needed this work for years and I am glad it is done.</p>
<p>Another commenter writes a long reply about the regatta and the weather in August.</p>
</section></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Storm warning for the coast</a></li>
<li><a href="/b">Ferry fares to rise in June</a></li></ul></aside>
<footer><p>Copyright 2024 The Harbour Times. All rights reserved.</p>
<a href="/privacy">Privacy</a></footer>
<!-- a comment that must not show -->
</body></html>"""


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_metadata_from_the_page(tmp_path: Path) -> None:
    page = read_page(write(tmp_path, "pier.html", ARTICLE_PAGE))
    assert page.format == "html" and page.markup == "markdown"
    assert page.title == "Pier to close for repairs"
    assert page.date == dt.date(2024, 5, 7)  # JSON-LD first
    assert page.url == "https://harbour.example/news/pier"
    assert page.byline == "Ann Lee"
    assert page.source == "The Harbour Times"
    assert len(page.hints) == len(page.blocks())


def test_the_article_is_kept_and_the_chrome_hidden_with_reasons(tmp_path: Path) -> None:
    page = read_page(write(tmp_path, "pier.html", ARTICLE_PAGE))
    result = clean_page(page, page.title)
    body = "\n".join(result.body)
    for paragraph in STORY[:3]:
        assert paragraph in body
    assert STORY[3] in body and "> " + STORY[3] in body  # a quote stays a quote
    assert "## What happens next" in body
    assert "It is *not* the first time." in body
    assert "evil" not in page.body and "color" not in page.body
    assert "a comment that must not show" not in page.body
    hidden = {block.text.split("\n")[0]: block.reason for block in result.hidden}
    reasons = set(hidden.values())
    assert "[News](" not in body and "Sport" not in body
    assert "navigation" in reasons and "aside" in reasons and "page footer" in reasons
    assert "comments" in reasons and "cookie notice" in reasons and "share bar" in reasons
    assert all(reason for reason in hidden.values())
    assert "Copyright" not in body and "Great news" not in body and "cookies" not in body


def test_a_page_of_divs_only(tmp_path: Path) -> None:
    html = "<html><body>" + "".join(f"<div><div>{p}</div></div>" for p in STORY) + "</body></html>"
    page = read_page(write(tmp_path, "divs.htm", html))
    assert page.title == "divs"  # no title anywhere: the file's name
    result = clean_page(page, page.title)
    assert result.body == STORY


def test_charset_from_meta_bom_or_bytes(tmp_path: Path) -> None:
    text = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=koi8-r'>"
    text += "<title>Привет, мир</title></head><body><p>Доброе утро</p></body></html>"
    page = read_page(write(tmp_path, "ru.html", text.encode("koi8-r")))
    assert page.title == "Привет, мир" and "Доброе утро" in page.body
    latin = "<meta charset='iso-8859-1'><title>Caf\u00e9 \u201cquotes\u201d</title>".encode(
        "cp1252"
    )
    assert read_page(write(tmp_path, "l.html", latin)).title == "Café “quotes”"
    # A declaration the bytes do not fit (not UTF-8 either): the bytes tell (cp1252).
    wrong = "<meta charset='utf-8'><title>Café</title>".encode("cp1252")
    assert "Café" in decode_html(wrong)
    bom = "\ufeff<title>Zürich</title>".encode("utf-16-le")
    assert read_page(write(tmp_path, "b.html", b"\xff\xfe" + bom[2:])).title == "Zürich"
    assert read_page(write(tmp_path, "n.html", "<title>Zürich</title>".encode())).title == "Zürich"


def test_hostile_pages(tmp_path: Path) -> None:
    hostile = {
        "deep.html": "<title>Deep</title>" + "<div>" * 10_000 + "x" + "</div>" * 10_000,
        "esc.html": "<title>\x1b]0;pwn\x07Esc \x1b[2Jtitle</title><p>\x1b[31mred\x1b[0m</p>",
        "junk.html": "<html>\x00\x00<<<>>>&&&;;<p <p>> </ </title>",
        "empty.html": "",
        "hugeattr.html": "<p class='" + "a" * 1_000_000 + "'>text</p>",
        "ld.html": "<script type='application/ld+json'>" + "[" * 100_000 + "</script><p>ok</p>",
        "meta.html": "<meta property='og:title' content='" + "T" * 100_000 + "'>",
        "link.html": "<a href='javascript:alert(1)'>click</a><a href='data:x'>d</a>",
        "forms.html": "<div><form><span>" * 3000 + "x" + "</span></form></div>" * 3000,
        "manyforms.html": "<form><p>a</p><b></b></form>" * 20_000,
    }
    for name, html in hostile.items():
        started = time.perf_counter()
        if not html:  # an empty file is no article
            with pytest.raises(NotArticle, match="empty file"):
                read_page(write(tmp_path, name, html))
            continue
        page = read_page(write(tmp_path, name, html))
        assert time.perf_counter() - started < 10
        assert "\x1b" not in page.title and "\x1b" not in page.body
        assert len(page.title) <= 500
        clean_page(page, page.title)
    assert read_page(tmp_path / "esc.html").title == "Esc title"
    assert "javascript" not in read_page(tmp_path / "link.html").body
    assert read_page(tmp_path / "ld.html").body == "ok"


def test_sniffed_and_listed_searched_opened(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib / "harbour", "pier.html", ARTICLE_PAGE)
    write(lib / "harbour", "old.htm", "<title>Old page</title><p>lighthouse keepers</p>")
    write(lib / "harbour", "x.xhtml", '<?xml version="1.0"?><html><title>X</title></html>')
    write(lib / "harbour" / "pier_files", "frame.html", "<title>asset</title>")
    assert format_for("page.unknown", b"<!DOCTYPE html><html>") is not None
    articles = scan([lib]).articles
    titles = sorted(a.title for a in articles)
    assert titles == ["Old page", "Pier to close for repairs", "X"]
    pier = next(a for a in articles if a.title.startswith("Pier"))
    assert pier.url == "https://harbour.example/news/pier"
    assert pier.date == dt.date(2024, 5, 7) and pier.feed == "harbour"
    db = tmp_path / "search.sqlite"
    index_library(db, articles)
    with SearchIndex(db) as index:
        assert index.search(parse_query("pilings")) == [pier.key]
        assert index.search(parse_query("Weather")) == []  # navigation is not indexed


def test_the_cleaner_reads_plain_words_not_markdown(tmp_path: Path) -> None:
    html = (
        "<title>Plain</title><p>See <a href='https://x.example/a'>the report</a> and "
        "<em>this</em> [bracket].</p><ul><li>first</li><li><b>second</b></li></ul>"
        "<ol start='3'><li>third</li></ol><h2>Heading</h2>"
    )
    page = read_page(write(tmp_path, "plain.html", html))
    assert page.blocks()[0].startswith("See [the report](https://x.example/a)")
    assert page.clean_texts() == [
        "See the report and this [bracket].",
        "• first",
        "• second",
        "3. third",
        "Heading",
    ]
    # Shown as Markdown all the same.
    result = clean_page(page, page.title)
    assert [block.text for block in result.blocks] == page.blocks()


COMMENTS = [
    "I have tied up at that pier for twenty years and it was about time somebody fixed it.",
    "The east quay is too shallow at low tide for the bigger boats, this will be a mess.",
    "Will the regatta really go ahead? Last time they said the same and then cancelled it.",
    "My grandfather helped build the old deck, sad to see it go but it had to be done.",
]


def test_a_comments_heading_the_markup_names_still_starts_the_comments(
    tmp_path: Path,
) -> None:
    # The heading is hinted (its id says comments) but the comments' own boxes
    # carry no word the hints know: the cleaner still sees the heading, and hides
    # what follows it as comments.
    comments = "".join(
        f"<div class='cbox'><p class='by'>Posted by reader{i} at 7:0{i} AM</p><p>{c}</p></div>"
        for i, c in enumerate(COMMENTS)
    )
    html = (
        "<title>Pier to close</title><body><div class='story'><h1>Pier to close</h1>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "</div><h2 id='comments'>Comments</h2>"
        + comments
        + "</body>"
    )
    page = read_page(write(tmp_path, "c.html", html))
    result = clean_page(page, page.title)
    assert result.body == STORY
    assert all(c not in result.body for c in COMMENTS)


def test_when_the_cleaner_took_chrome_for_the_article_it_labels_again_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Linked teasers that read like sentences, in an aside ending with a copyright
    # line: the cleaner alone takes the teasers for the article and the story after
    # the "footer" for what follows it; the hints hide the teasers, which would
    # leave nothing, so the page is labelled again without the hinted blocks.
    teasers = "".join(
        f"<p><a href='/r{i}'>In match {i} the home side beat the visitors by {i} goals "
        f"to nil in front of a crowd of {i}000 people, the league said on Sunday.</a></p>"
        for i in range(12)
    )
    html = (
        "<title>Pier to close</title><body><aside>"
        + teasers
        + "<p>Copyright 2024 The Harbour Times. All rights reserved.</p></aside>"
        + f"<div class='story'><h1>Pier to close</h1><p>{STORY[0]}</p></div></body>"
    )
    page = read_page(write(tmp_path, "teasers.html", html))
    assert clean_page(page, page.title).body == [STORY[0]]
    monkeypatch.setattr(reading, "HINTED_BODY_SHARE", 0.0)
    assert clean_page(page, page.title).body == []


def test_a_form_around_the_article_is_kept_a_search_form_dropped(tmp_path: Path) -> None:
    # A story wrapped in a print-and-mail form (with a script far longer than the
    # story): its visible text tells it from a search form (whose options do not
    # count either).
    story = [
        *STORY,
        *COMMENTS,
        "The board will publish the engineers' full report next month, together with "
        "a plan for the old fish market, which stands on the same stretch of the quay.",
    ]
    html = (
        "<title>Pier</title><body><form action='/search'><label>Search</label>"
        "<input name='q'><p>Search the archive</p><select><option>"
        + "All sections " * 200
        + "</option></select></form><form name='mail'><script>"
        + "x = 1;" * 500
        + "</script><table><tr><td>"
        + "".join(f"<p>{p}</p>" for p in story)
        + "</td></tr></table><input type='submit'></form></body>"
    )
    page = read_page(write(tmp_path, "form.html", html))
    assert clean_page(page, page.title).body == story
    assert "Search the archive" not in page.body and "All sections" not in page.body


CREDITS = [
    "photographed by Ann Lee",
    "sent in from Stone Quay",
    "taken at dawn",
    "our reader Bo's",
    "seen from the ferry deck by Cy",
    "a gift",
]
NAMES = ["Ann", "Bo Chen", "Cy", "Di Fenn of the lifeboat crew", "Ed", "Flo Hart"]


def test_sentences_in_the_articles_element_are_not_after_the_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Captions without a full stop after the first paragraph, credited each its own
    # way (captions written to one pattern are a list the cleaner keeps by itself):
    # the cleaner ends the article before them, but they sit, without a link, in the
    # element that holds its paragraph, so they are shown, and the short statement
    # closing that element under them (`_closing_sentences`). The linked teasers in
    # their own element stay hidden.
    captions = [
        f"“Sunrise over the old pier, day {i} of the repairs,” {credit}"
        for i, credit in enumerate(CREDITS, 1)
    ]
    menu = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(10))
    html = (
        f"<title>Pier photos</title><body><ul>{menu}</ul><div><h1>Pier photos</h1>"
        f"<p>{STORY[0]}</p>"
        + "".join(f"<p>{caption}</p>" for caption in captions)
        + "<p>Send us yours at the harbour office.</p></div><div><h3>More</h3>"
        "<p><a href='/a'>Storm warning for the coast</a></p></div>"
        "<p>Copyright 2024 The Harbour Times. All rights reserved.</p></body>"
    )
    page = read_page(write(tmp_path, "photos.html", html))
    closing = "Send us yours at the harbour office."
    assert clean_page(page, page.title).body == [STORY[0], *captions, closing]
    monkeypatch.setattr(reading, "ARTICLE_SENTENCE_WORDS", 1000)
    assert clean_page(page, page.title).body == [STORY[0]]


def test_chinese_captions_in_the_articles_element_are_shown(tmp_path: Path) -> None:
    # As above in Chinese, which puts no spaces between words: each caption, and the
    # paragraph that makes the element the article's, counted as one word
    story = (
        "市议会周二表示，从三月第一周起，市图书馆将在星期日开放，因为过去一年每个星期六"
        "阅览室都坐满了读者，很多人只能在周末来借书。"
    )
    captions = [
        f"修缮工程第{i}天清晨老码头上空的日出景色，由住在港口附近的读者{i}拍摄" for i in range(1, 7)
    ]
    menu = "".join(f"<li><a href='/s{i}'>栏目{i}</a></li>" for i in range(10))
    html = (
        f"<title>码头照片</title><body><ul>{menu}</ul><div><h1>码头照片</h1><p>{story}</p>"
        + "".join(f"<p>{caption}</p>" for caption in captions)
        + "<p>欢迎投稿。</p></div><div><h3>更多</h3><p><a href='/a'>沿海风暴预警</a></p></div>"
        "<p>版权所有 2024 港口时报。保留所有权利。</p></body>"
    )
    page = read_page(write(tmp_path, "photos.html", html))
    assert clean_page(page, page.title).body == [story, *captions]


def test_a_sentence_with_a_link_in_the_articles_element_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As above, each caption naming its photographer by a link: a sentence mostly
    # not link text is still the article's.
    captions = [
        f"“Sunrise over the old pier, day {i} of the repairs,” {credit} <a href='/r{i}'>{name}</a>"
        for i, (credit, name) in enumerate(zip(CREDITS, NAMES, strict=True), 1)
    ]
    html = (
        f"<title>Pier photos</title><body><div><h1>Pier photos</h1><p>{STORY[0]}</p>"
        + "".join(f"<p>{caption}</p>" for caption in captions)
        + "</div><p>Copyright 2024 The Harbour Times. All rights reserved.</p></body>"
    )
    page = read_page(write(tmp_path, "linked.html", html))
    body = clean_page(page, page.title).body
    assert len(body) == 7 and "[Flo Hart](" not in body[0] and "day 6" in body[6]
    monkeypatch.setattr(reading, "ARTICLE_PARAGRAPH_LINKS", 0.0)
    assert clean_page(page, page.title).body == [STORY[0]]


def test_a_table_and_a_short_list_in_the_articles_element_are_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A data table and a list of short items after the last paragraph, inside the
    # article's element: the cleaner ends the article at the last sentence, but the
    # markup says they are the author's, however few their words. A column of
    # headlines laid out as a table in the same element ("Latest stories") is no
    # data table and stays hidden, as do the linked teasers outside the article.
    html = (
        "<title>Pool closes</title><body><nav><a href='/'>Home</a></nav><article>"
        f"<h1>Pool closes</h1><p>{STORY[0]}</p><p>{STORY[1]}</p>"
        "<table><tr><th>Pool</th><th>Opens</th></tr><tr><td>Sports centre</td>"
        "<td>7am</td></tr><tr><td>Lido</td><td>May</td></tr></table>"
        "<ul><li>Bring a lock.</li><li>Towels for hire.</li></ul>"
        "<table><tr><td>Latest harbour stories today</td></tr>"
        "<tr><td>FERRY TIMETABLE CHANGES AGAIN NEXT MONTH</td></tr>"
        "<tr><td>FISH MARKET MOVES TO THE NORTH PIER</td></tr></table>"
        "</article><aside><h2>Most read</h2><ul><li><a href='/a'>Storm warning</a></li>"
        "</ul></aside></body>"
    )
    page = read_page(write(tmp_path, "pool.html", html))
    body = clean_page(page, page.title).body
    assert body[:2] == [STORY[0], STORY[1]]
    assert body[2].startswith("| Pool | Opens |") and "| Lido | May |" in body[2]
    assert body[3:] == ["- Bring a lock.", "- Towels for hire."]
    monkeypatch.setattr(reading, "AUTHORED_KINDS", frozenset())
    assert clean_page(page, page.title).body == [STORY[0], STORY[1]]


def test_a_table_of_one_column_is_not_a_grid(tmp_path: Path) -> None:
    html = (
        "<title>T</title><table><tr><th>Name</th><th>Age</th></tr><tr><td>Ann</td>"
        "<td>41</td></tr></table><table><tr><td>One</td><td></td></tr><tr><td>Two</td>"
        "<td></td></tr></table><table><tr><td>Alone</td><td>row</td></tr></table>"
    )
    assert read_page(write(tmp_path, "t.html", html)).kinds == ("grid", "table", "table")


def test_scopes_and_link_shares_of_an_html_page(tmp_path: Path) -> None:
    html = (
        "<title>S</title><div><p>one</p><ul><li>two</li></ul><blockquote><p>three</p>"
        "</blockquote><div><p>four <a href='/x'>link</a></p></div></div>"
    )
    page = read_page(write(tmp_path, "s.html", html))
    assert page.clean_texts() == ["one", "• two", "three", "four link"]
    first, item, quote, inner = page.scopes
    assert first == item == quote != inner  # a list and a quote sit in the div
    assert page.links == (0.0, 0.0, 0.0, 4 / 9)


def test_a_page_declared_utf8_with_a_stray_bad_byte_is_read_as_utf8(tmp_path: Path) -> None:
    # One broken byte does not turn the page into cp1252 mojibake whose C1 controls
    # (the second byte of a curly quote) would cut the paragraph short.
    text = (
        "<meta charset='utf-8'><title>Pier</title><p>A \u201cnew\u201d deck, "
        "then the rest of the sentence.</p><p>Broken \xff here.</p>"
    )
    data = text.encode("utf-8").replace(b"\xc3\xbf", b"\xff")
    page = read_page(write(tmp_path, "stray.html", data))
    assert "A \u201cnew\u201d deck, then the rest of the sentence." in page.body
    assert "Broken \ufffd here." in page.body
    # Declared UTF-8 but written in a legacy code page: the bytes still tell.
    assert "Café “x”" in decode_html("<meta charset='utf-8'>Café “x”".encode("cp1252"))


def _sidebar(paragraphs: int) -> str:
    return "".join(
        f"<div class='widget text'><p>About this blog: the author has written about boats "
        f"and harbours for {i + 10} years, and lives by the sea with two cats and a dog.</p></div>"
        for i in range(paragraphs)
    )


def test_a_short_article_beside_a_wordier_sidebar_is_the_article(tmp_path: Path) -> None:
    # The sidebar holds more prose than the story: its own markup (a sidebar of
    # widgets) says it is not the article, and the story's element is protected.
    html = (
        "<title>Pier to close</title><body><div class='main'><div class='post'>"
        f"<h1>Pier to close</h1><div class='post-body'><p>{STORY[0]}</p></div></div></div>"
        f"<div class='sidebar'>{_sidebar(6)}</div></body>"
    )
    page = read_page(write(tmp_path, "short.html", html))
    result = clean_page(page, page.title)
    assert result.body == [STORY[0]]
    assert {block.reason for block in result.hidden if "About this blog" in block.text} == {
        "sidebar"
    }


def test_a_comment_longer_than_each_paragraph_does_not_make_the_comments_the_article(
    tmp_path: Path,
) -> None:
    comment = " ".join(STORY)  # one comment as long as the whole story
    html = (
        "<title>Pier to close</title><body><div class='content'>"
        "<div class='entry-content'>" + "".join(f"<p>{p}</p>" for p in STORY) + "</div>"
        "<div class='comment-stream'><div class='comment-item'><div class='comment-body'>"
        f"<p>{comment}</p></div></div></div></div></body>"
    )
    page = read_page(write(tmp_path, "talk.html", html))
    result = clean_page(page, page.title)
    assert result.body == STORY
    assert [block.reason for block in result.hidden] == ["comments"]


REMARKS = [
    "We asked readers who fish from the pier what the closure means for them this summer.",
    "Most said they would follow the crews to the east quay and come back in the autumn.",
    "A few asked the board to keep the steps at the end open for swimmers in August.",
]


def discussion_page(discussion: str) -> str:
    """The story, then a box the markup names comments (inside the article)."""
    return (
        "<title>Pier to close</title><body><article><h1>Pier to close</h1>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + f"<div class='comments'>{discussion}</div></article>"
        "<footer><p>Copyright 2024 The Harbour Times.</p></footer></body>"
    )


@pytest.mark.parametrize(
    "discussion",
    [
        "<h2>What readers said</h2>" + "".join(f"<p>{r}</p>" for r in REMARKS[:2]),
        "".join(  # posts signed with names alone: no time, no Reply
            f"<div class='comment'><p class='name'>{name}</p><p>{remark}</p></div>"
            for name, remark in zip(["Ann Lee", "Tom Berg"], REMARKS[:2], strict=True)
        ),
    ],
    ids=["readers-said", "signed-posts"],
)
def test_a_reader_discussion_named_comments_without_a_threads_shape_is_kept(
    tmp_path: Path, discussion: str
) -> None:
    # The class word alone is no thread (issue 9): its posts go to the cleaner, which
    # keeps them after the story as it keeps them in the page's text dump.
    page = read_page(write(tmp_path, "readers.html", discussion_page(discussion)))
    result = clean_page(page, page.title)
    assert result.body[: len(STORY)] == STORY
    assert REMARKS[0] in result.body and REMARKS[1] in result.body
    assert "comments" not in {block.reason for block in result.hidden}


@pytest.mark.parametrize(
    "header, furniture",
    [
        ("{name} on May {day}, 2024 at 10:{day}2 am", ""),  # names and times
        ("{name}", "<p><a href='#reply'>Reply</a></p>"),  # names and a Reply line
        ("{name}", "<p>{day} likes</p>"),  # names and a vote line
    ],
    ids=["dated", "reply", "votes"],
)
def test_a_thread_named_comments_with_names_times_or_replies_is_hidden_as_comments(
    tmp_path: Path, header: str, furniture: str
) -> None:
    posts = "".join(
        f"<div class='comment'><p class='meta'>{header.format(name=name, day=day)}</p>"
        f"<p>{remark}</p>{furniture.format(day=day)}</div>"
        for name, remark, day in zip(
            ["Ann Lee", "Tom Berg", "Joe Ray"], REMARKS, (2, 3, 4), strict=True
        )
    )
    page = read_page(write(tmp_path, "thread.html", discussion_page(posts)))
    result = clean_page(page, page.title)
    assert result.body == STORY
    hidden = {block.text: block.reason for block in result.hidden}
    assert all(hidden.get(remark) == "comments" for remark in REMARKS)
    assert hidden.get("Ann Lee") in (None, "comments")


def test_a_comment_box_without_posts_stays_hidden_as_comments(tmp_path: Path) -> None:
    # No posts to judge (a heading, the form's prompt, an empty thread's line): the
    # box the markup names is the comment form's furniture.
    box = "<h3>Comments on this story</h3><p>Add your comment here</p><p>No comments yet</p>"
    page = read_page(write(tmp_path, "box.html", discussion_page(box)))
    result = clean_page(page, page.title)
    assert result.body == STORY
    hidden = {block.text: block.reason for block in result.hidden}
    assert hidden["Add your comment here"] == hidden["No comments yet"] == "comments"


def test_a_story_shown_twice_is_shown_once_a_passage_quoted_twice_stays(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY[:2])
    html = (
        "<title>Pier to close</title><body><article>"
        f"<div class='story wide'>{paragraphs}</div><div class='story narrow'>{paragraphs}</div>"
        "</article></body>"
    )
    page = read_page(write(tmp_path, "twice.html", html))
    result = clean_page(page, page.title)
    assert result.body == STORY[:2]
    assert [block.reason for block in result.hidden] == ["repeated paragraph"] * 2
    quoted = (
        f"<title>Pier</title><body><article><p>{STORY[0]}</p><p>{STORY[1]}</p>"
        f"<p>{STORY[2]}</p><p>{STORY[0]}</p></article></body>"
    )
    page = read_page(write(tmp_path, "quoted.html", quoted))
    assert clean_page(page, page.title).body == [STORY[0], STORY[1], STORY[2], STORY[0]]


def test_a_scan_reads_a_pages_metadata_without_converting_its_body(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core.formats import html_blocks

    path = write(tmp_path / "lib" / "news", "pier.html", ARTICLE_PAGE)
    write(tmp_path / "lib" / "news", "untitled.html", f"<body><h1>Only a heading</h1><p>{STORY[0]}")
    opened = {p.name: read_page(p) for p in (path, path.with_name("untitled.html"))}

    def no_body(*args: object, **kwargs: object) -> None:
        raise AssertionError("a scan converted a body")

    monkeypatch.setattr(html_blocks, "blocks_of", no_body)
    library = scan([tmp_path / "lib"])
    rows = {Path(a.path).name: a for a in library.articles}
    assert set(rows) == set(opened)
    for name, page in opened.items():
        assert (rows[name].title, rows[name].date, rows[name].url) == (
            page.title,
            page.date,
            page.url,
        )
    assert rows["untitled.html"].title == "Only a heading"


HEAD = (
    '<html><head><meta charset="utf-8"><title>Pier to close</title>'
    '<meta property="article:published_time" content="2024-05-06T09:30:00Z"></head>'
)


@pytest.mark.parametrize(
    ("body", "date"),
    [
        (f"<body><p>{STORY[0]}</p></body></html>", dt.date(2024, 5, 6)),
        # what follows the head can change the metadata: the whole page is read
        (
            '<body><script type="application/ld+json">{"datePublished": "2024-05-09"}'
            f"</script><p>{STORY[0]}</p></body>",
            dt.date(2024, 5, 9),
        ),
        (
            f'<BODY><META itemprop="datePublished" content="2024-05-08"><p>{STORY[0]}</p>',
            dt.date(2024, 5, 6),
        ),
    ],
)
def test_a_listed_page_has_the_metadata_opening_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, date: dt.date
) -> None:
    from reader.core.formats import html, html_blocks

    path = write(tmp_path / "lib", "pier.html", HEAD + body)
    parsed: list[str] = []
    real = html_blocks.parse_html
    monkeypatch.setattr(html_blocks, "parse_html", lambda text: parsed.append(text) or real(text))
    listed = html.list_html_page(path.read_bytes(), str(path), truncated=False)[0]
    # a head that says it all is read alone (a plain one without the parser); a body
    # with metadata is read too
    assert (bool(parsed) and "<p>" in parsed[-1]) == (
        body != f"<body><p>{STORY[0]}</p></body></html>"
    )
    opened = read_page(path)
    assert (listed.title, listed.date) == (opened.title, opened.date) == ("Pier to close", date)


def test_a_glossary_in_the_articles_element_is_shown(tmp_path: Path) -> None:
    # A definition list after the last paragraph: its terms (bold) and descriptions are
    # the author's list, as a `<ul>` there is; they were short paragraphs after the
    # article to the cleaner, and hidden.
    html = (
        "<title>Harbour words</title><body><nav><a href='/'>Home</a> <a href='/n'>News</a>"
        f"</nav><article><h1>Harbour words</h1><p>{STORY[0]}</p><dl><dt>Berth</dt>"
        "<dd>A place where a ship ties up.</dd><dt>Slipway</dt><dd>A ramp into the water.</dd>"
        "</dl></article><aside><h2>Most read</h2><ul><li><a href='/a'>Storm warning</a></li>"
        "</ul></aside><footer><p>© 2024 The Harbour Times.</p></footer></body>"
    )
    page = read_page(write(tmp_path, "words.html", html))
    body = clean_page(page, page.title).body
    assert body == [
        STORY[0],
        "**Berth**",
        "A place where a ship ties up.",
        "**Slipway**",
        "A ramp into the water.",
    ]
