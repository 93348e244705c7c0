"""Feed files: RSS 0.9x/1.0/2.0, Atom and JSON Feed, one article per entry.

Every feed here is written by the test; the hostile ones (XML bombs, huge feeds,
lying charsets) are generated small enough to keep the suite fast.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.formats import (
    NotArticle,
    feeds,
    format_for,
    read_entries,
)
from reader.core.identity import article_id, entry_id
from reader.core.library import scan
from reader.core.reading import ReadingService
from reader.core.textio import NotText
from tests.core.test_hostile import assert_screen_safe

RSS_ITEM = (
    "<item><title>{title}</title><link>https://harbour.example/{n}</link>"
    "<guid>https://harbour.example/guid/{n}</guid>"
    "<pubDate>Mon, 0{day} Feb 2025 10:00:00 GMT</pubDate>"
    "<description>{summary}</description>{content}</item>"
)


def rss(*items: str, title: str = "Harbour News") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>https://harbour.example/</link>"
        + "".join(items)
        + "</channel></rss>\n"
    )


def item(n: int, title: str, *, summary: str = "A summary.", content: str = "") -> str:
    full = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
    return RSS_ITEM.format(n=n, title=title, day=n % 9 + 1, summary=summary, content=full)


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Ferry &lt;i&gt;Log&lt;/i&gt;</title>
  <id>urn:uuid:feed</id>
  <entry>
    <id>tag:ferry.example,2025:1</id>
    <title>Crossing resumed</title>
    <link href="https://ferry.example/1"/>
    <updated>2025-02-03T10:00:00+01:00</updated>
    <content type="html">&lt;p&gt;The ferry sails &lt;b&gt;again&lt;/b&gt;.&lt;/p&gt;</content>
  </entry>
  <entry>
    <id>tag:ferry.example,2025:2</id>
    <title>Timetable</title>
    <updated>2025-02-04T08:00:00Z</updated>
    <summary>Only the summary.</summary>
  </entry>
</feed>
"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://rdf.example/"><title>RDF Site</title>
    <link>https://rdf.example/</link><description>d</description></channel>
  <item rdf:about="https://rdf.example/a"><title>RDF item</title>
    <link>https://rdf.example/a</link><description>RDF text.</description></item>
</rdf:RDF>
"""

RSS091 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old Site</title><link>http://old.example/</link>
<description>d</description><language>en</language>
<item><title>Caf\xe9 opened</title><link>http://old.example/cafe</link>
<description>The caf\xe9 opened.</description></item>
</channel></rss>
"""

JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Lighthouse Notes",
    "home_page_url": "https://lighthouse.example/",
    "items": [
        {
            "id": "1",
            "title": "Lamp replaced",
            "url": "https://lighthouse.example/lamp",
            "content_text": "The lamp was replaced.\nIt is brighter.",
            "date_published": "2025-02-03T10:00:00+01:00",
            "tags": ["lamp", "works"],
        },
        {"id": "2", "title": "Fog", "summary": "Fog all week.", "date_published": "2025-02-05"},
        {"id": "3", "title": "Paint", "content_html": "<p>Red and <em>white</em>.</p>"},
    ],
}


# -- the formats ---------------------------------------------------------------------


def test_rss_entries_with_content_or_summary(tmp_path: Path) -> None:
    path = write(
        tmp_path / "news" / "feed.rss",
        rss(
            item(1, "Dredging begins", content="<p>Full text of the dredging.</p>"),
            item(2, "Pier &amp; quay", summary="&lt;p&gt;Only &lt;b&gt;this&lt;/b&gt;.&lt;/p&gt;"),
        ),
    )
    pages = read_entries(path)
    assert [p.title for p in pages] == ["Dredging begins", "Pier & quay"]
    first, second = pages
    assert (first.format, first.summary, first.date) == ("feed", False, dt.date(2025, 2, 2))
    assert "Full text of the dredging." in first.body and "<p>" not in first.body
    assert second.summary and "Only" in second.body and "<b>" not in second.body
    assert first.url == "https://harbour.example/1"
    assert first.identity == "https://harbour.example/guid/1"
    assert first.source == first.feed == "Harbour News"
    assert first.entry and first.entry != second.entry


def test_atom_rdf_rss091_and_json_feed(tmp_path: Path) -> None:
    atom = read_entries(write(tmp_path / "a.atom", ATOM))
    assert [(p.title, p.summary) for p in atom] == [
        ("Crossing resumed", False),
        ("Timetable", True),
    ]
    assert atom[0].date == dt.date(2025, 2, 3) and atom[0].feed == "Ferry Log"
    assert "again" in atom[0].body and "<b>" not in atom[0].body
    assert atom[0].url == "https://ferry.example/1"
    rdf = read_entries(write(tmp_path / "r.xml", RDF))
    assert [(p.title, p.feed, p.summary) for p in rdf] == [("RDF item", "RDF Site", True)]
    old = read_entries(write(tmp_path / "old.rss", RSS091.encode("latin-1")))
    assert [p.title for p in old] == ["Café opened"] and "café" in old[0].body
    jf = read_entries(write(tmp_path / "notes.json", json.dumps(JSON_FEED)))
    assert [(p.title, p.summary) for p in jf] == [
        ("Lamp replaced", False),
        ("Fog", True),
        ("Paint", False),
    ]
    assert jf[0].date == dt.date(2025, 2, 3) and jf[0].tags == ("lamp", "works")
    assert jf[0].body.splitlines() == ["The lamp was replaced.", "It is brighter."]
    assert "white" in jf[2].body and "<em>" not in jf[2].body


def test_an_entry_names_its_authors_in_the_header(tmp_path: Path) -> None:
    """The entry's author(s) are its byline, whatever the feed's dialect; an e-mail
    address alone names nobody."""
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Log</title>'
        "<entry><title>Tides</title><id>urn:t:1</id><updated>2025-05-08T09:00:00Z</updated>"
        "<author><name>Jo Park</name></author><author><name>Li Wei</name></author>"
        '<content type="html">&lt;p&gt;High tide at noon.&lt;/p&gt;</content></entry>'
        "<entry><title>Fog</title><id>urn:t:2</id><updated>2025-05-09T09:00:00Z</updated>"
        "<author><email>desk@log.example</email></author>"
        '<content type="html">&lt;p&gt;Fog all day.&lt;/p&gt;</content></entry></feed>'
    )
    rss = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<channel><title>Valley</title><item><title>Market</title><guid>v-1</guid>"
        "<dc:creator>Ann Lee</dc:creator><description>Moved.</description></item>"
        "</channel></rss>"
    )
    jf = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Notes",
        "items": [
            {"id": "1", "title": "Lamp", "content_text": "Replaced.", "authors": [{"name": "Sam"}]},
            {"id": "2", "title": "Old", "content_text": "Kept.", "author": {"name": "Kim"}},
        ],
    }
    bylines = {
        page.title: page.byline
        for path, text in (("a.atom", atom), ("v.rss", rss), ("n.json", json.dumps(jf)))
        for page in read_entries(write(tmp_path / path, text))
    }
    assert bylines == {
        "Tides": "Jo Park, Li Wei",
        "Fog": None,
        "Market": "Ann Lee",
        "Lamp": "Sam",
        "Old": "Kim",
    }
    library = scan([tmp_path])
    service = ReadingService(articles=library.articles)
    tides = next(a for a in library.articles if a.title == "Tides")
    assert service.open(tides).byline() == "Jo Park, Li Wei"


def test_sniffing_and_files_that_are_no_feed(tmp_path: Path) -> None:
    assert format_for("x.feed", rss().encode()) is feeds.FORMAT
    assert format_for("x", ATOM.encode("utf-16")) is feeds.FORMAT
    assert format_for("x", json.dumps(JSON_FEED).encode()) is feeds.FORMAT
    assert format_for("x", b"<html><body>no</body></html>") is not feeds.FORMAT
    assert format_for("x", b'{"a": 1}') is None
    sniffed = write(tmp_path / "download", rss(item(1, "Sniffed")))
    assert [p.title for p in read_entries(sniffed)] == ["Sniffed"]
    for name, data, reason in [
        ("config.json", '{"name": "x"}', "a .json file that is not a JSON Feed"),
        ("broken.json", '{"version": ', "a .json file that is not a JSON Feed"),
        ("list.json", "[1, 2]", "a .json file that is not a JSON Feed"),
        ("pom.xml", "<project><version>1</version></project>", "not a feed"),
        ("junk.rss", "just some words", "not a feed"),
    ]:
        with pytest.raises(NotArticle, match=reason):
            read_entries(write(tmp_path / name, data))


def test_a_feed_without_entries_lists_nothing_and_is_no_problem(tmp_path: Path) -> None:
    write(tmp_path / "lib" / "f" / "empty-feed.rss", rss())
    library = scan([tmp_path / "lib"])
    assert library.articles == [] and library.problems == []


# -- the library ---------------------------------------------------------------------


def test_feed_naming_by_folder_or_by_the_feed_title_in_the_root(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib / "harbour" / "feed.rss", rss(item(1, "In a folder")))
    write(lib / "loose.rss", rss(item(2, "In the root"), title="Root Feed Title"))
    write(lib / "page.txt", "date 2025-01-01 A page in the root\nbody\n")
    feeds_by_title = {a.title: a.feed for a in scan([lib]).articles}
    assert feeds_by_title == {
        "In a folder": "harbour",
        "In the root": "Root Feed Title",
        "A page in the root": "lib",
    }
    # Named directly, a feed file is in no folder's feed either.
    assert {a.feed for a in scan([lib / "loose.rss"]).articles} == {"Root Feed Title"}


def test_identity_guid_then_link_then_title_and_date(tmp_path: Path) -> None:
    feed = rss(
        "<item><title>By guid</title><guid>urn:x:1</guid></item>",
        "<item><title>Short guid</title><guid>7</guid></item>",
        "<item><title>By link</title><link>https://h.example/l</link></item>",
        "<item><title>By title</title><pubDate>Tue, 04 Feb 2025 10:00:00 GMT</pubDate></item>",
    )
    rows = {a.title: a for a in scan([write(tmp_path / "f" / "x.rss", feed)]).articles}
    assert rows["By guid"].id == entry_id("urn:x:1")
    # A bare number is unique only in its feed: the feed's link comes with it.
    assert rows["Short guid"].id == entry_id("https://harbour.example/#7")
    assert rows["By link"].id == entry_id("https://h.example/l")
    assert rows["By title"].id == article_id("By title", dt.date(2025, 2, 4))


def test_a_rewritten_feed_keeps_the_ids_and_keys_of_its_entries(tmp_path: Path) -> None:
    path = tmp_path / "lib" / "f" / "feed.rss"
    write(path, rss(item(1, "One"), item(2, "Two")))
    before = {a.title: (a.id, a.key) for a in scan([tmp_path / "lib"]).articles}
    time.sleep(0.01)
    write(path, rss(item(3, "Three"), item(4, "Four"), item(1, "One (updated)"), item(2, "Two")))
    after = scan([tmp_path / "lib"]).articles
    assert len(after) == 4
    by_title = {a.title: (a.id, a.key) for a in after}
    assert by_title["One (updated)"] == before["One"]  # the guid keeps the marks
    assert by_title["Two"] == before["Two"]


def test_summary_entries_say_so(tmp_path: Path) -> None:
    path = write(tmp_path / "f" / "x.rss", rss(item(1, "Short one", summary="Just a teaser.")))
    (article,) = scan([tmp_path / "f"]).articles
    reading = ReadingService(articles=[article]).open(article)
    assert reading.meta_line().endswith("summary only")
    assert reading.to_json()["summary"] is True
    assert "Just a teaser." in reading.result.body
    write(path, rss(item(1, "Long one", content="<p>All of it, in full.</p>")))
    (article,) = scan([tmp_path / "f"]).articles
    reading = ReadingService(articles=[article]).open(article)
    assert "summary" not in reading.to_json() and "summary" not in reading.meta_line()


# -- hostile feeds ---------------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<rss version="2.0"><channel><title>&f;</title>
<item><title>&f;</title><description>&f;</description></item></channel></rss>
"""


def test_xml_bombs_and_external_entities_are_refused(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "TOP-SECRET-CONTENT")
    external = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        '<rss version="2.0"><channel><title>t</title>'
        "<item><title>&x;</title><description>&x;</description></item></channel></rss>"
    )
    # UTF-7 can spell "<!ENTITY" without a "<" byte: a declared charset is no hiding place.
    utf7 = BILLION_LAUGHS.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-7"?>')
    utf7_bytes = utf7.encode("utf-7").replace(b"+ADw-?xml", b"<?xml", 1)
    cases = {
        "laughs.rss": BILLION_LAUGHS.encode(),
        "external.xml": external.encode(),
        "utf16.atom": BILLION_LAUGHS.encode("utf-16"),
        "utf7.rss": utf7_bytes,
    }
    lib = tmp_path / "lib"
    for name, data in cases.items():
        write(lib / "f" / name, data)
    start = time.monotonic()
    library = scan([lib])
    assert time.monotonic() - start < 10
    assert library.articles == []
    reasons = {p.path.name: p.reason for p in library.problems}
    for name in cases:
        assert reasons.get(name, "").startswith(("feed refused", "not a feed")), (name, reasons)
        assert "XML" in reasons[name] or "not a feed" in reasons[name]
    with pytest.raises(NotArticle, match="entities"):
        read_entries(lib / "f" / "external.xml")


def test_a_50_mb_feed_is_refused_by_its_size(tmp_path: Path) -> None:
    head = rss(item(1, "Big")).encode()
    path = write(tmp_path / "f" / "huge.rss", head[:-20] + b"<!-- " + b"x" * (50 * 2**20) + b" -->")
    start = time.monotonic()
    with pytest.raises(NotArticle, match="too large"):
        read_entries(path)
    library = scan([tmp_path / "f"])
    assert time.monotonic() - start < 10
    assert [p.reason for p in library.problems] == ["feed file too large (over 32 MB)"]


def test_a_feed_of_100000_entries_lists_its_newest_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The newest MAX_ENTRIES (here 40, so that feedparser's share stays small) by
    # date, in the file's order, wherever they stand; a warning says how many were
    # left out, under `!`, and the file is listed all the same.
    monkeypatch.setattr(feeds, "MAX_ENTRIES", 40)
    newest = set(range(50_000, 50_040))

    def when(n: int) -> dt.datetime:
        later = dt.timedelta(days=400) if n in newest else dt.timedelta(minutes=n)
        return dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + later

    entries = "".join(
        f"<item><guid>urn:e:{n}</guid><title>E{n}</title>"
        f"<pubDate>{when(n).strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate></item>"
        for n in range(100_000)
    )
    rss_path = write(tmp_path / "f" / "many.rss", rss(entries))
    items = [
        {"id": str(n), "content_text": "x", "title": f"E{n}", "date_published": when(n).isoformat()}
        for n in range(100_000)
    ]
    json_path = write(
        tmp_path / "f" / "many.json",
        json.dumps({"version": "https://jsonfeed.org/version/1", "items": items}),
    )
    warning = "feed of 100,000 entries: the newest 40 are listed, 99,960 left out"
    for path in (rss_path, json_path):
        pages = read_entries(path)
        assert [page.title for page in pages] == [f"E{n}" for n in sorted(newest)]
        assert {page.warning for page in pages} == {warning}
    library = scan([tmp_path / "f"])
    assert len(library.articles) == 80
    assert sorted((p.path.name, p.reason, p.listed) for p in library.problems) == [
        ("many.json", warning, True),
        ("many.rss", warning, True),
    ]


def test_a_big_feed_without_dates_lists_its_first_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(feeds, "MAX_ENTRIES", 3)
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        + "".join(f"<entry><id>urn:a:{n}</id><title>A{n}</title></entry>" for n in range(10))
        + "</feed>"
    )
    pages = read_entries(write(tmp_path / "f" / "undated.atom", atom))
    assert [page.title for page in pages] == ["A0", "A1", "A2"]
    assert pages[0].warning == "feed of 10 entries: the newest 3 are listed, 7 left out"
    broken = rss("".join(f"<item><guid>g{n}</guid><title>B{n}</title></item>" for n in range(5)))
    pages = read_entries(write(tmp_path / "f" / "broken.rss", broken[:-30]))
    assert [page.title for page in pages] == ["B0", "B1", "B2"]  # cut short: still read


def test_wrong_or_missing_charsets(tmp_path: Path) -> None:
    cafe = rss(item(1, "Café crème")).replace(' encoding="utf-8"', "")
    cases = {
        # Declared UTF-8, written in cp1252: read as a text file is.
        "lying.rss": rss(item(1, "Café crème")).encode("cp1252"),
        # No declaration, cp1252 bytes.
        "missing.rss": cafe.encode("cp1252"),
        # Declared latin-1, and so it is.
        "latin.rss": rss(item(1, "Café crème")).replace("utf-8", "iso-8859-1").encode("latin-1"),
        # A charset that does not exist.
        "bogus.rss": rss(item(1, "Café crème")).replace("utf-8", "x-no-such").encode(),
        "bom16.rss": rss(item(1, "Café crème")).replace("utf-8", "utf-16").encode("utf-16"),
    }
    for name, data in cases.items():
        (page,) = read_entries(write(tmp_path / name, data))
        assert page.title == "Café crème", name


ESC = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"


def test_escape_sequences_and_markup_in_every_field(tmp_path: Path) -> None:
    hostile = f"{ESC}[bold]x[/bold][@click=app.quit]\u202e"
    feed = (
        (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{hostile}</title><link>https://h.example/{hostile}</link>"
            f"<item><title>{hostile}&lt;b&gt;</title><link>https://h.example/{hostile}</link>"
            f"<guid>{hostile}</guid><category>{hostile}</category><author>{hostile}</author>"
            f"<pubDate>{hostile}</pubDate>"
            f"<description><![CDATA[<p>{hostile}</p><script>{hostile}</script>]]></description>"
            "</item></channel></rss>"
        )
        .replace("\x1b", "&#27;")
        .replace("\x07", "&#7;")
    )
    jf = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": hostile,
        "items": [
            {
                "id": hostile,
                "title": hostile,
                "content_html": f"<b>{hostile}</b>",
                "url": hostile,
                "tags": [hostile],
                "authors": [{"name": hostile}],
                "date_published": hostile,
            }
        ],
    }
    lib = tmp_path / "lib"
    write(lib / "x.rss", feed)
    write(lib / "x.json", json.dumps(jf))
    library = scan([lib])
    assert len(library.articles) == 2, library.problems
    service = ReadingService(articles=library.articles)
    for article in library.articles:
        for value in (article.title, article.feed, article.url or "", *article.tags):
            assert_screen_safe(value, multiline=False, what="feed field")
        reading = service.open(article)
        assert_screen_safe(reading.meta_line(), multiline=False, what="meta line")
        assert_screen_safe(reading.byline(), multiline=False, what="byline")
        for block in reading.result.blocks:
            assert_screen_safe(block.text, multiline=True, what="feed body")
        assert article.url is None or article.url.startswith("https://")
        assert article.date is None


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([b"", b"<rss version='2.0'><channel>", b"{"]))
def test_any_bytes_make_entries_or_a_reason(data: bytes, prefix: bytes) -> None:
    try:
        pages = feeds.parse_feed(prefix + data, "x.rss", False)
    except NotText as error:  # NotArticle, or bytes that are no text at all
        assert str(error)
        return
    for page in pages:
        assert page.entry and page.title
        assert_screen_safe(page.title, multiline=False, what="title")
        assert_screen_safe(page.body, multiline=True, what="body")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200))
def test_any_text_in_a_json_feed_item(title: str, body: str) -> None:
    data = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1",
            "items": [{"id": title, "title": title, "content_html": body}],
        }
    ).encode()
    for page in feeds.parse_feed(data, "x.json", False):
        assert_screen_safe(page.title, multiline=False, what="title")
        assert_screen_safe(page.body, multiline=True, what="body")


def test_an_entry_without_a_title_keeps_its_body(tmp_path: Path) -> None:
    long = "A long note about the harbour, the ferry, the lighthouse and the fog that came in."
    items = [{"id": "1", "content_text": "Short note."}, {"id": "2", "content_text": long}]
    data = json.dumps({"version": "https://jsonfeed.org/version/1", "items": items})
    articles = scan([write(tmp_path / "f" / "notes.json", data)]).articles
    service = ReadingService(articles=articles)
    by_entry = {a.title: service.open(a) for a in articles}
    assert by_entry.pop("(untitled entry)").result.body == ["Short note."]
    ((title, reading),) = by_entry.items()
    assert title.startswith("A long note about the harbour") and title.endswith("…")
    assert reading.result.body == [long]


def test_an_entry_link_that_is_no_url_does_not_break_the_feed() -> None:
    from reader.core.formats.feeds import parse_feed

    data = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>Odd</title><link>http://[::1/x</link>"
        b"<description>&lt;a href='/y'&gt;y&lt;/a&gt;</description></item></channel></rss>"
    )
    (page,) = parse_feed(data, "odd.xml", False)
    assert page.title == "Odd" and "y" in page.body


def test_an_rfc_822_date_without_a_zone_is_read_as_utc() -> None:
    # The feed's newest entries are chosen by their dates before feedparser reads
    # them; a date naming no zone raised TypeError there and the feed was lost.
    from reader.core.formats.feeds import _timestamp

    utc = dt.datetime(2025, 2, 3, 23, 30, tzinfo=dt.UTC).timestamp()
    assert _timestamp("Mon, 03 Feb 2025 23:30:00") == utc
    assert _timestamp("Mon, 03 Feb 2025 23:30:00 GMT") == utc
    assert _timestamp("Mon, 03 Feb 2025 23:30:00 -0500") == utc + 5 * 3600
