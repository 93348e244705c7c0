"""Fetching subscriptions into the library, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
import zlib
from pathlib import Path

import brotli
import pytest

from reader.core.config import Config
from reader.core.fetch import (
    FAILED,
    FETCHED,
    GONE,
    UNCHANGED,
    WAS_GONE,
    FetchEvent,
    FetchOptions,
    FetchReport,
    FetchStateError,
    Politeness,
    fetch_all,
)
from reader.core.fetch.store import SCHEMA, load_state
from reader.core.formats.feeds import parse_feed
from reader.core.library import scan
from reader.core.reading import ReadingService
from reader.core.subscriptions import Subscription, SubscriptionFile, load_subscriptions
from tests.feed_server import FeedServer, endless, feed_server, gzipped, item, rss, serving

__all__ = ["feed_server"]

QUICK = Politeness(connect_timeout=2, total_timeout=3, backoff=0.02, max_retry_after=3)


def run(
    server: FeedServer,
    tmp_path: Path,
    *subs: Subscription,
    options: FetchOptions | None = None,
    **kwargs: object,
) -> FetchReport:
    subscriptions = list(subs) or [Subscription("gazette", server.url("/feed"))]
    return fetch_all(
        subscriptions,
        tmp_path / "library",
        state_path=tmp_path / "state" / "fetch.json",
        options=options or FetchOptions(politeness=QUICK),
        **kwargs,  # type: ignore[arg-type]
    )


def files(tmp_path: Path, feed: str = "gazette") -> list[Path]:
    folder = tmp_path / "library" / feed
    return (
        sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []
    )


def rows(tmp_path: Path):  # the library as the app lists it
    return scan([tmp_path / "library"]).articles


FULL_CONTENT = "<p>The ferry will run <b>every hour</b> from March, the council said.</p>"


# -- formats: RSS, Atom, JSON Feed ----------------------------------------------------


def test_rss_entries_become_markdown_files_with_their_metadata(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.add(
        "/feed",
        rss(
            item("Ferry timetable changes", guid="ferry-1", link="/ferry", content=FULL_CONTENT),
            item("Storm &amp; warning", guid="urn:storm:2", link="https://harbour.example/storm",
                 content="<p>Wind.</p>"),
        ),
        Content_Type="application/rss+xml",
    )  # fmt: skip
    report = run(feed_server, tmp_path)
    assert report.ok and report.new == 2 and report.results[0].status == FETCHED
    written = files(tmp_path)
    assert [p.name for p in written] == [
        "2025-02-03-ferry-timetable-changes.md",
        "2025-02-03-storm-warning.md",
    ]
    text = written[0].read_text()
    assert 'title: "Ferry timetable changes"' in text
    assert "date: 2025-02-03" in text
    assert f'url: "{feed_server.url("/ferry")}"' in text  # resolved against the feed's URL
    assert 'source: "Harbour Gazette"' in text
    assert 'guid: "https://harbour.example/#ferry-1"' in text
    assert "**every hour**" in text
    # The library lists each entry once, with the id the feed reader gives the entry.
    entries = parse_feed(feed_server.routes["/feed"](None, None)[2], "f.xml", False)  # type: ignore[arg-type,index,misc]
    by_title = {a.title: a for a in rows(tmp_path)}
    assert set(by_title) == {"Ferry timetable changes", "Storm & warning"}
    from reader.core.identity import entry_id

    assert {a.id for a in by_title.values()} == {entry_id(p.identity or "") for p in entries}


def test_atom_and_json_feed(feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.add(
        "/atom",
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        '<title>Atom Times</title><link href="https://atom.example/"/>'
        "<entry><title>Atom entry</title><id>tag:atom.example,2025:1</id>"
        '<link href="https://atom.example/1"/><updated>2025-03-01T10:00:00Z</updated>'
        '<content type="html">&lt;p&gt;Atom body text.&lt;/p&gt;</content></entry></feed>',
    )
    feed_server.add(
        "/json",
        json.dumps(
            {
                "version": "https://jsonfeed.org/version/1.1",
                "title": "JSON Daily",
                "items": [
                    {
                        "id": "j1",
                        "url": "https://json.example/1",
                        "title": "JSON entry",
                        "content_text": "Plain *text* body.",
                        "date_published": "2025-04-01T08:00:00Z",
                    }
                ],
            }
        ),
        Content_Type="application/feed+json",
    )
    report = run(
        feed_server,
        tmp_path,
        Subscription("atom", feed_server.url("/atom")),
        Subscription("json", feed_server.url("/json")),
    )
    assert report.ok and report.new == 2
    (atom,) = files(tmp_path, "atom")
    (jsonf,) = files(tmp_path, "json")
    assert atom.name == "2025-03-01-atom-entry.md"
    assert 'guid: "tag:atom.example,2025:1"' in atom.read_text()
    assert "Atom body text." in atom.read_text()
    text = jsonf.read_text()
    assert jsonf.name == "2025-04-01-json-entry.md" and 'source: "JSON Daily"' in text
    assert r"Plain \*text\* body." in text  # plain text is escaped, shown as written
    titles = {a.title: a.feed for a in rows(tmp_path)}
    assert titles == {"Atom entry": "atom", "JSON entry": "json"}


def test_entries_without_guid_link_or_date_and_duplicate_guids(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.add(
        "/feed",
        rss(
            item("No guid", link="https://harbour.example/a", content="<p>A.</p>"),
            item("No link either", content="<p>B.</p>"),
            item("Undated", guid="u1", date=None, content="<p>C.</p>"),
            item(None, guid="t1", content="<p>An entry without a title at all.</p>"),
            item("Dup one", guid="same", content="<p>D.</p>"),
            item("Dup two", guid="same", content="<p>E.</p>"),
        ),
    )
    first = run(feed_server, tmp_path)
    assert first.ok and first.new == 5  # the second "same" guid is the same entry
    names = [p.name for p in files(tmp_path)]
    assert "undated-undated.md" in names
    assert not any("dup-two" in n for n in names)
    listed = rows(tmp_path)
    assert len(listed) == 5 and len({a.id for a in listed}) == 5
    again = run(feed_server, tmp_path)
    assert again.ok and again.new == 0 and again.results[0].status == UNCHANGED
    assert len(files(tmp_path)) == 5


def test_a_second_fetch_with_one_new_entry_writes_exactly_one_file(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    items = [item(f"Story {n}", guid=f"s{n}", content=f"<p>Body {n}.</p>") for n in range(5)]
    feed_server.add("/feed", rss(*items))
    assert run(feed_server, tmp_path).new == 5
    before = set(files(tmp_path))
    feed_server.add("/feed", rss(item("Story new", guid="s-new", content="<p>N.</p>"), *items))
    report = run(feed_server, tmp_path)
    assert report.new == 1 and report.results[0].status == FETCHED
    (added,) = set(files(tmp_path)) - before
    assert added.name == "2025-02-03-story-new.md"


def test_renamed_deleted_or_changed_files_are_never_written_again(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.add(
        "/feed",
        rss(
            item("Keep me", guid="k", content="<p>K.</p>"),
            item("Delete me", guid="d", content="<p>D.</p>"),
            item("Change me", guid="c", content="<p>C.</p>"),
        ),
    )
    run(feed_server, tmp_path)
    folder = tmp_path / "library" / "gazette"
    ids_before = {a.title: a.id for a in rows(tmp_path)}
    (folder / "2025-02-03-keep-me.md").rename(folder / "renamed.md")
    (folder / "2025-02-03-delete-me.md").unlink()
    changed = folder / "2025-02-03-change-me.md"
    changed.write_text(
        '---\ntitle: Mine now\nguid: "https://harbour.example/#c"\n---\n\nMy words.\n'
    )
    report = run(feed_server, tmp_path)
    assert report.ok and report.new == 0
    assert sorted(p.name for p in files(tmp_path)) == ["2025-02-03-change-me.md", "renamed.md"]
    assert "My words." in changed.read_text()
    # The renamed file keeps its id (from its guid), and so its marks.
    ids_after = {a.title: a.id for a in rows(tmp_path)}
    assert ids_after["Keep me"] == ids_before["Keep me"]
    assert ids_after["Mine now"] == ids_before["Change me"]  # the guid, not the title


def test_a_lost_fetch_state_does_not_duplicate_the_articles(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.add("/feed", rss(item("One", guid="1", content="<p>1</p>"),
                                 item("Two", link="https://harbour.example/2", content="<p>2</p>"),
                                 item("Three", content="<p>3</p>")))  # fmt: skip
    run(feed_server, tmp_path)
    (tmp_path / "state" / "fetch.json").unlink()
    report = run(feed_server, tmp_path)
    assert report.new == 0 and len(files(tmp_path)) == 3


def test_a_corrupt_state_is_moved_aside_and_a_newer_one_refused(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.add("/feed", rss(item("One", guid="1", content="<p>1</p>")))
    state = tmp_path / "state" / "fetch.json"
    state.parent.mkdir(parents=True)
    state.write_text("{not json")
    report = run(feed_server, tmp_path)
    assert report.ok and "could not be read" in report.notices[0]
    assert (state.parent / "fetch.json.corrupt-1").read_text() == "{not json"
    assert json.loads(state.read_text())["schema"] == SCHEMA
    state.write_text(json.dumps({"schema": SCHEMA + 1, "feeds": {}}))
    with pytest.raises(FetchStateError, match="newer reader"):
        run(feed_server, tmp_path)
    assert json.loads(state.read_text())["schema"] == SCHEMA + 1  # left alone


# -- conditional GET, redirects, errors ----------------------------------------------


@pytest.mark.parametrize("validator", ["etag", "last-modified"])
def test_304_with_etag_or_last_modified_transfers_nothing(
    feed_server: FeedServer, tmp_path: Path, validator: str
) -> None:
    body = rss(item("One", guid="1", content="<p>1</p>")).encode()
    stamp = "Mon, 03 Feb 2025 10:00:00 GMT"

    @feed_server.on("/feed")
    def conditional(request, handler):  # type: ignore[no-untyped-def]
        if validator == "etag":
            if request.headers.get("if-none-match") == '"v1"':
                return 304, {"ETag": '"v1"'}, b""
            return 200, {"ETag": '"v1"'}, body
        if request.headers.get("if-modified-since") == stamp:
            return 304, {}, b""
        return 200, {"Last-Modified": stamp}, body

    assert run(feed_server, tmp_path).new == 1
    report = run(feed_server, tmp_path)
    (result,) = report.results
    assert result.status == UNCHANGED and result.bytes == 0 and report.ok
    header = "if-none-match" if validator == "etag" else "if-modified-since"
    assert header in feed_server.hits("/feed")[-1].headers


@pytest.mark.parametrize("status", [301, 308])
def test_a_permanent_redirect_updates_the_stored_url(
    feed_server: FeedServer, tmp_path: Path, status: int
) -> None:
    subs_path = tmp_path / "subscriptions.toml"
    subs_path.write_text(
        '# my feeds\n[feeds.gazette]  # the harbour one\nurl = "{}"\n'.format(
            feed_server.url("/old")
        )
    )
    feed_server.add("/old", b"", status, Location="/new")
    feed_server.add("/new", rss(item("One", guid="1", content="<p>1</p>")))
    (sub,) = load_subscriptions(subs_path)
    report = run(feed_server, tmp_path, sub, subscriptions_path=subs_path)
    assert report.ok and report.new == 1
    assert report.results[0].moved_to == feed_server.url("/new")
    text = subs_path.read_text()
    assert f'url = "{feed_server.url("/new")}"' in text
    assert "# my feeds" in text and "# the harbour one" in text  # comments kept


def test_a_temporary_redirect_keeps_the_url(feed_server: FeedServer, tmp_path: Path) -> None:
    subs_path = tmp_path / "subscriptions.toml"
    subs_path.write_text('[feeds.gazette]\nurl = "{}"\n'.format(feed_server.url("/old")))
    feed_server.add("/old", b"", 302, Location="/new")
    feed_server.add("/new", rss(item("One", guid="1", content="<p>1</p>")))
    (sub,) = load_subscriptions(subs_path)
    report = run(feed_server, tmp_path, sub, subscriptions_path=subs_path)
    assert report.ok and report.results[0].moved_to is None
    assert load_subscriptions(subs_path) == [sub]


def test_too_many_redirects_and_non_http_targets_fail(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    for n in range(7):
        feed_server.add(f"/r{n}", b"", 302, Location=f"/r{n + 1}")
    feed_server.add("/file", b"", 301, Location="file:///etc/passwd")
    report = run(
        feed_server,
        tmp_path,
        Subscription("loop", feed_server.url("/r0")),
        Subscription("file", feed_server.url("/file")),
    )
    loop, file = report.results
    assert loop.status == FAILED and "more than 5 redirects" in loop.reason
    assert len(feed_server.hits("/r5")) == 1 and not feed_server.hits("/r6")
    assert file.status == FAILED and "not an http or https URL" in file.reason


def test_404_fails_and_410_marks_the_feed_gone(feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.add("/gone", b"bye", 410)
    feed_server.add("/feed", rss(item("One", guid="1", content="<p>1</p>")))
    subs = (
        Subscription("missing", feed_server.url("/missing")),
        Subscription("gone", feed_server.url("/gone")),
        Subscription("gazette", feed_server.url("/feed")),
    )
    report = run(feed_server, tmp_path, *subs)
    missing, gone, fine = report.results
    assert missing.status == FAILED and missing.reason == "HTTP 404 (not found)"
    assert len(feed_server.hits("/missing")) == 1  # a 404 is not retried
    assert gone.status == GONE and not report.ok
    assert fine.status == FETCHED and fine.new == 1  # one bad feed never stops the others
    again = run(feed_server, tmp_path, *subs[1:])
    assert [r.status for r in again.results] == [WAS_GONE, UNCHANGED] and again.ok
    assert len(feed_server.hits("/gone")) == 1  # never asked again
    assert load_state(tmp_path / "state" / "fetch.json").feeds["gone"].gone


def test_429_waits_for_retry_after(feed_server: FeedServer, tmp_path: Path) -> None:
    body = rss(item("One", guid="1", content="<p>1</p>")).encode()

    @feed_server.on("/feed")
    def busy(request, handler):  # type: ignore[no-untyped-def]
        if len(feed_server.hits("/feed")) == 1:
            return 429, {"Retry-After": "1"}, b"slow down"
        return 200, {}, body

    report = run(feed_server, tmp_path)
    assert report.ok and report.new == 1
    first, second = feed_server.hits("/feed")
    assert second.at - first.at >= 0.95


def test_503_with_a_long_retry_after_fails_without_waiting(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.add("/feed", b"", 503, Retry_After="3600")
    started = time.monotonic()
    (result,) = run(feed_server, tmp_path).results
    assert result.status == FAILED and "wait 3600 s" in result.reason
    assert time.monotonic() - started < 30  # not the hour the server asked for


def test_500_backs_off_retries_then_fails_keeping_old_articles(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.add("/feed", rss(item("One", guid="1", content="<p>1</p>")))
    run(feed_server, tmp_path)
    feed_server.add("/feed", b"oops", 500)
    report = run(feed_server, tmp_path)
    (result,) = report.results
    assert result.status == FAILED and result.reason == "HTTP 500" and not report.ok
    hits = feed_server.hits("/feed")[1:]
    assert len(hits) == QUICK.retries + 1
    assert hits[2].at - hits[1].at >= hits[1].at - hits[0].at  # backing off
    assert len(files(tmp_path)) == 1  # the old article stays


def test_a_stalling_server_times_out(feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.routes["/feed"] = lambda request, handler: endless(handler, feed_server, b" ", 0.05)
    options = FetchOptions(politeness=Politeness(total_timeout=0.5, retries=0, backoff=0.01))
    started = time.monotonic()
    (result,) = run(feed_server, tmp_path, options=options).results
    assert result.status == FAILED and "timed out" in result.reason
    assert time.monotonic() - started < 30  # not forever (a bound a loaded machine keeps)


def test_a_huge_body_is_cut_off_at_the_cap(feed_server: FeedServer, tmp_path: Path) -> None:
    # An endless body standing in for 100 MB (no test allocates it): the cap stops it.
    feed_server.routes["/feed"] = lambda request, handler: endless(
        handler, feed_server, b"x" * 65536, 0
    )
    feed_server.add("/big", b"x" * 10, Content_Length=str(100 * 2**20))
    options = FetchOptions(politeness=QUICK, max_feed_bytes=2**20)
    started = time.monotonic()
    report = run(
        feed_server,
        tmp_path,
        Subscription("gazette", feed_server.url("/feed")),
        options=options,
    )
    (result,) = report.results
    assert result.status == FAILED and "larger than 1 MB" in result.reason
    assert result.bytes == 0 or result.bytes < 4 * 2**20
    assert time.monotonic() - started < 30  # not forever (a bound a loaded machine keeps)


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_compressed_feeds_are_decoded(
    feed_server: FeedServer, tmp_path: Path, encoding: str
) -> None:
    body = rss(*(item(f"Story {n}", guid=f"{n}", content="<p>words</p>" * 50) for n in range(20)))
    packed = {
        "gzip": gzipped(body),
        "deflate": zlib.compress(body.encode()),
        "br": brotli.compress(body.encode()),
    }[encoding]
    feed_server.add("/feed", packed, Content_Encoding=encoding)
    report = run(feed_server, tmp_path)
    assert report.ok and report.new == 20
    assert report.bytes == len(packed) < len(body)
    assert "gzip" in feed_server.hits("/feed")[0].headers["accept-encoding"]


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_a_compression_bomb_stops_at_the_cap(
    feed_server: FeedServer, tmp_path: Path, encoding: str
) -> None:
    zeros = b"\0" * (16 * 2**20)  # a few KB that decode to 16 MB
    packed = gzipped(zeros) if encoding == "gzip" else brotli.compress(zeros, quality=1)
    feed_server.add("/feed", packed, Content_Encoding=encoding)
    options = FetchOptions(politeness=QUICK, max_feed_bytes=2**20)
    (result,) = run(feed_server, tmp_path, options=options).results
    assert result.status == FAILED and "larger than 1 MB" in result.reason


def test_a_wrong_declared_charset(feed_server: FeedServer, tmp_path: Path) -> None:
    # Declared UTF-8 (in the XML and by the server) but written in Latin-1.
    body = rss(item("Café au port", guid="1", content="<p>Crème brûlée.</p>"))
    feed_server.add(
        "/feed", body.encode("latin-1"), Content_Type="application/rss+xml; charset=utf-8"
    )
    report = run(feed_server, tmp_path)
    assert report.ok
    (path,) = files(tmp_path)
    assert 'title: "Café au port"' in path.read_text(encoding="utf-8")
    assert "Crème brûlée." in path.read_text(encoding="utf-8")


def test_user_agent_and_concurrency_limits(feed_server: FeedServer, tmp_path: Path) -> None:
    body = rss(item("One", guid="1", content="<p>1</p>")).encode()

    def slow(request, handler):  # type: ignore[no-untyped-def]
        time.sleep(0.15)
        return 200, {}, body

    for n in range(6):
        feed_server.routes[f"/f{n}"] = slow
    subs = [Subscription(f"f{n}", feed_server.url(f"/f{n}")) for n in range(6)]
    report = run(feed_server, tmp_path, *subs)
    assert report.ok
    assert feed_server.most_active == 2  # one host: two at once, never more
    from reader import __version__

    assert {r.headers["user-agent"] for r in feed_server.requests} == {f"reader/{__version__}"}


def test_at_most_eight_requests_at_once_across_hosts(tmp_path: Path) -> None:
    hosts = [f"127.0.0.{n}" for n in range(2, 8)]  # six hosts: 2 each would be 12
    with serving(*hosts) as server:
        body = rss(item("One", guid="1", content="<p>1</p>")).encode()

        def slow(request, handler):  # type: ignore[no-untyped-def]
            time.sleep(0.3)
            return 200, {}, body

        subs = []
        for host in hosts:
            for n in range(3):
                server.routes[f"/f{n}"] = slow
                subs.append(Subscription(f"{host}-{n}", server.url(f"/f{n}", host)))
        report = run(server, tmp_path, *subs)
    assert report.ok
    assert 2 < server.most_active <= 8  # hosts in parallel, never more than 8 in all


def test_cancel_stops_the_fetch(feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.routes["/feed"] = lambda request, handler: endless(handler, feed_server, b" ", 0.05)
    cancel = threading.Event()
    timer = threading.Timer(0.3, cancel.set)
    timer.start()
    started = time.monotonic()
    report = run(feed_server, tmp_path, cancel=cancel)
    assert report.cancelled and not report.ok
    assert time.monotonic() - started < 30  # it stops; the endless body never would


def test_progress_events(feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.add("/feed", rss(item("One", guid="1", content="<p>1</p>"),
                                 item("Two", guid="2", content="<p>2</p>")))  # fmt: skip
    events: list[FetchEvent] = []
    report = run(feed_server, tmp_path, on_event=events.append)
    kinds = [e.kind for e in events]
    assert kinds[0] == "start" and kinds[-1] == "end"
    assert kinds.count("article") == 2 and kinds.count("feed") == 1
    feed = next(e for e in events if e.kind == "feed")
    assert feed.done == feed.total == 1 and feed.result == report.results[0]
    assert events[-1].new == 2 and events[-1].bytes == report.bytes > 0


# -- full articles -------------------------------------------------------------------

BOILERPLATE_PAGE = """<!doctype html><html><head><title>{title} | Harbour Gazette</title>
<meta charset="iso-8859-1"></head><body>
<nav class="menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">We use cookies to improve your experience on this site.</div>
<article><h1>{title}</h1>
<p>The storm arrived at dawn and the boats were tied up along the quay while the wind
rose steadily through the morning, the harbour master said.</p>
<p>By noon the port was closed to all traffic, and the fishermen waited in the café for
news of the weather, which did not improve until the evening.</p></article>
<aside class="related"><h2>Related</h2><ul><li><a href="/x">Fish market reopens</a></li>
<li><a href="/y">Lighthouse keeper retires</a></li></ul></aside>
<footer>Copyright Harbour Gazette. All rights reserved.</footer></body></html>"""


def test_summary_only_entries_fetch_the_page_and_clean_it(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.add(
        "/feed",
        rss(
            item("Storm hits the harbour", guid="s1", link="/storm",
                 description="A <b>short</b> summary of the storm."),
            item("Gale warning", guid="s2", link="/gale", description="Gale summary."),
            item("Broken page", guid="s3", link="/missing", description="Summary kept."),
            item("Bad scheme", guid="s4", link="javascript:alert(1)", description="JS."),
        ),
    )  # fmt: skip
    for path, title in (("/storm", "Storm hits the harbour"), ("/gale", "Gale warning")):
        feed_server.add(path, BOILERPLATE_PAGE.format(title=title).encode("latin-1"),
                        Content_Type="text/html")  # fmt: skip
    report = run(feed_server, tmp_path)
    (result,) = report.results
    assert result.status == FETCHED and result.new == 4 and result.page_failures == 1
    names = sorted(p.name for p in files(tmp_path))
    assert names == [
        "2025-02-03-bad-scheme.md",
        "2025-02-03-broken-page.md",
        "2025-02-03-gale-warning.html",
        "2025-02-03-storm-hits-the-harbour.html",
    ]
    assert not any("javascript" in r.path for r in feed_server.requests)
    library = scan([tmp_path / "library"])
    assert len(library.articles) == 4  # one row per entry
    storm = next(a for a in library.articles if a.title == "Storm hits the harbour")
    assert storm.url == feed_server.url("/storm") and storm.date.isoformat() == "2025-02-03"
    service = ReadingService(Config(), library.articles)
    reading = service.open(storm)
    body = " ".join(reading.result.body)
    assert "The storm arrived at dawn" in body and "café" in body  # Latin-1 page decoded
    hidden = {b.reason: b.text for b in reading.result.hidden}
    assert "Home" not in body and "cookies" not in body and "Lighthouse keeper" not in body
    assert "Copyright" not in body
    assert "short" in hidden["the feed's summary"]  # shown by `b`
    # Renamed or moved elsewhere in the library, the page keeps its id (the guid).
    path = Path(storm.path)
    moved = tmp_path / "library" / "elsewhere" / "x.html"
    moved.parent.mkdir()
    path.rename(moved)
    again = {a.title: a.id for a in scan([tmp_path / "library"]).articles}
    assert again["Storm hits the harbour"] == storm.id
    # --no-full writes the summary as Markdown.
    feed_server.add("/feed", rss(item("Quiet day", guid="s5", link="/storm", description="Calm.")))
    report = run(feed_server, tmp_path, options=FetchOptions(politeness=QUICK, full=False))
    assert report.new == 1 and (tmp_path / "library/gazette/2025-02-03-quiet-day.md").exists()


def test_a_feed_set_to_no_full_writes_summaries(feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.add("/feed", rss(item("Storm", guid="s1", link="/storm", description="Sum.")))
    feed_server.add("/storm", BOILERPLATE_PAGE.format(title="Storm"), Content_Type="text/html")
    run(feed_server, tmp_path, Subscription("gazette", feed_server.url("/feed"), full=False))
    (path,) = files(tmp_path)
    assert path.suffix == ".md" and not feed_server.hits("/storm")


def test_subscription_file_edits_keep_comments(tmp_path: Path) -> None:
    path = tmp_path / "subscriptions.toml"
    path.write_text('# top comment\n\n[feeds.a]\nurl = "https://a.example/f"  # why\n')
    file = SubscriptionFile(path)
    file.add(Subscription("b c", "https://b.example/f", full=False))
    file.save()
    file = SubscriptionFile(path)
    file.remove("a")
    file.save()
    text = path.read_text()
    assert text.startswith("# top comment\n")
    assert load_subscriptions(path) == [Subscription("b c", "https://b.example/f", False)]


def test_a_link_that_cannot_be_fetched_keeps_the_summary(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.add(
        "/feed",
        rss(
            item("Odd link", guid="o1", link="http://[::1/x", description="Odd."),
            item("File link", guid="o2", link="file:///etc/passwd", description="File."),
        ),
    )
    report = run(feed_server, tmp_path)
    assert report.ok and report.new == 2
    assert sorted(p.suffix for p in files(tmp_path)) == [".md", ".md"]
