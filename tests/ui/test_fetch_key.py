"""`R` in the app: fetching the subscriptions in the background (issue 13).

A real HTTP server on 127.0.0.1 (tests/feed_server.py) serves the feeds; the app
opens the news folder the fetch writes into, so the watcher shows the new rows.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reader.core.fetch.store import fetch_lock, load_state
from reader.core.paths import fetch_state_path, news_path, subscriptions_path
from reader.ui.app import ReaderApp
from tests.feed_server import FeedServer, Request, feed_server, item, rss
from tests.ui.helpers import counts_text, running, wait_until

__all__ = ["feed_server"]


def notices(app: ReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def subscribe(server: FeedServer, *paths: str) -> None:
    """Subscriptions to the server's feeds at `paths`, named after them."""
    file = subscriptions_path()
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(
        "".join(f'[feeds."{p.strip("/")}"]\nurl = "{server.url(p)}"\n' for p in paths),
        encoding="utf-8",
    )


def old_news() -> Path:
    """The news folder with one feed of two articles read before."""
    news = news_path()
    old = news / "old"
    old.mkdir(parents=True)
    for n, day in ((1, "01"), (2, "02")):
        (old / f"old-{n}.md").write_text(
            f"---\ntitle: Old story {n}\ndate: 2025-01-{day}\n---\n\nSeen before.\n",
            encoding="utf-8",
        )
    return news


def gated(server: FeedServer, path: str, body: str, gate: threading.Event) -> None:
    """A feed at `path` that answers only once `gate` is set (or the test ends)."""

    def reply(request: Request, handler: object) -> tuple[int, dict[str, str], bytes]:
        while not gate.wait(0.05) and not server.stop.is_set():
            pass
        return 200, {"Content-Type": "application/rss+xml"}, body.encode()

    server.routes[path] = reply


def titles(app: ReaderApp) -> set[str]:
    return {a.title for a in app.article_list.rows}


async def test_R_fetches_with_progress_and_the_rows_land_keeping_marks_and_cursor(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    news = old_news()
    feed_server.add(
        "/quick",
        rss(
            item("Quick one", guid="q1", content="<p>First.</p>"),
            item("Quick two", guid="q2", content="<p>Second.</p>"),
        ),
    )
    gate = threading.Event()
    gated(feed_server, "/slow", rss(item("Slow one", guid="s1", content="<p>Late.</p>")), gate)
    subscribe(feed_server, "/quick", "/slow")
    try:
        async with running([news], tmp_path / "state.json") as (app, pilot):
            await pilot.press("j")  # the cursor on the second row: Old story 1
            await pilot.press("s")
            cursor = app.article_list.current
            assert cursor is not None and cursor.title == "Old story 1"
            await wait_until(pilot, lambda: app.store.is_starred(cursor.id))

            await pilot.press("R")
            await wait_until(pilot, lambda: "fetching 1/2 feeds, 2 new" in counts_text(app))
            assert "fetching 1/2 feeds, 2 new" in counts_text(app)
            # The quick feed's articles show while the slow one still runs.
            await wait_until(pilot, lambda: {"Quick one", "Quick two"} <= titles(app))
            assert {"Quick one", "Quick two"} <= titles(app)
            assert app.fetching.running

            await pilot.press("R")  # one fetch at a time
            assert any("A fetch is already running (1/2 feeds, 2 new)." in n for n in notices(app))

            gate.set()
            await wait_until(pilot, lambda: not app.fetching.running)
            await wait_until(pilot, lambda: "Slow one" in titles(app))
            assert titles(app) == {
                "Old story 1",
                "Old story 2",
                "Quick one",
                "Quick two",
                "Slow one",
            }
            assert "fetching" not in counts_text(app)
            said = [n for n in notices(app) if "2 feeds:" in n]
            assert said == ["2 feeds: 2 fetched, 0 unchanged, 0 failed; 3 new articles."]
            assert not any("does not show" in n for n in notices(app))
            # The cursor stayed on its article, which kept its mark.
            assert app.article_list.current is not None
            assert app.article_list.current.id == cursor.id
            assert app.store.is_starred(cursor.id)
    finally:
        gate.set()
    assert len(feed_server.hits("/slow")) == 1, "the second R fetched nothing"
    assert len(list((news / "quick").iterdir())) == 2


async def test_R_without_subscriptions_says_how_to_add_one(tmp_path: Path) -> None:
    news = old_news()
    async with running([news], tmp_path / "state.json") as (app, pilot):
        await pilot.press("R")
        said = [n for n in notices(app) if "No subscriptions" in n]
        assert len(said) == 1 and "reader feed add URL" in said[0]
        assert str(subscriptions_path()) in said[0]
        assert not app.fetching.running


async def test_a_fetch_into_a_library_not_shown_says_where_the_articles_went(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere" / "feed"
    elsewhere.mkdir(parents=True)
    (elsewhere / "a.md").write_text("---\ntitle: Here\n---\n\nText.\n", encoding="utf-8")
    feed_server.add("/news", rss(item("Fetched story", guid="f1", content="<p>Body.</p>")))
    subscribe(feed_server, "/news", "/missing")  # the second one answers 404
    async with running([elsewhere.parent], tmp_path / "state.json") as (app, pilot):
        await pilot.press("R")
        await wait_until(pilot, lambda: any("went to" in n for n in notices(app)))
        went = [n for n in notices(app) if "went to" in n]
        assert went == [
            f"1 new article went to {news_path()}, which this window does not show: "
            f"`reader {news_path()}` opens it."
        ]
        summary = next(n for n in notices(app) if "2 feeds:" in n)
        assert summary.startswith("2 feeds: 1 fetched, 0 unchanged, 1 failed; 1 new article.")
        assert "missing: HTTP 404" in summary
        assert titles(app) == {"Here"}
    assert [p.suffix for p in (news_path() / "news").iterdir()] == [".md"]


async def test_R_while_another_fetch_runs_is_refused_with_the_reason(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    news = old_news()
    feed_server.add("/quick", rss(item("Quick one", guid="q1", content="<p>First.</p>")))
    subscribe(feed_server, "/quick")
    async with running([news], tmp_path / "state.json") as (app, pilot):
        with fetch_lock(fetch_state_path()):  # `reader fetch` in another terminal
            await pilot.press("R")
            await wait_until(pilot, lambda: not app.fetching.running)
        assert any("did not run: another fetch is running" in n for n in notices(app))
        assert "fetching" not in counts_text(app)
    assert feed_server.hits("/quick") == []


async def test_quitting_during_a_fetch_stops_it_and_keeps_what_it_learned(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    news = old_news()
    feed_server.add("/quick", rss(item("Quick one", guid="q1", content="<p>First.</p>")))
    gate = threading.Event()  # never set: the slow feed stalls until the app quits
    gated(feed_server, "/slow", rss(item("Slow one", guid="s1")), gate)
    subscribe(feed_server, "/quick", "/slow")
    async with running([news], tmp_path / "state.json") as (app, pilot):
        await pilot.press("R")
        await wait_until(pilot, lambda: "fetching 1/2 feeds" in counts_text(app))
        thread = app.fetching._thread
        assert thread is not None and thread.is_alive()
        await pilot.press("q")
    assert not thread.is_alive(), "the fetch stopped with the app"
    with fetch_lock(fetch_state_path()):  # and let go of its lock
        pass
    state = load_state(fetch_state_path())
    assert len(state.feeds["quick"].seen) == 1, "what was written is remembered"
    assert [p.suffix for p in (news / "quick").iterdir()] == [".md"]


def test_the_fetch_progress_comes_before_the_counts_after_a_search() -> None:
    """The status line is as narrow as the list (about 29 cells at 80 columns): the
    progress comes first, so it stays on screen; a search shown stays before it."""
    from reader.ui.status_line import Status, status_text

    fetching = "fetching 3/12 feeds, 41 new"
    line = status_text(Status(loaded=True, articles=50, unread=7, fetching=fetching))
    assert line == "fetching 3/12 feeds, 41 new · 7 unread / 50"
    searched = Status(
        loaded=True, articles=50, unread=7, found=2, index_ready=True, fetching=fetching
    )
    assert status_text(searched).startswith("search: 2 matches · fetching 3/12")


async def test_a_window_showing_one_feed_of_the_library_says_where_the_others_went(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    news = old_news()
    (news / "quick").mkdir()
    feed_server.add("/quick", rss(item("Quick one", guid="q1", content="<p>First.</p>")))
    feed_server.add("/other", rss(item("Other one", guid="o1", content="<p>Else.</p>")))
    subscribe(feed_server, "/quick", "/other")
    async with running([news / "quick"], tmp_path / "state.json") as (app, pilot):
        await pilot.press("R")
        await wait_until(pilot, lambda: any("went to" in n for n in notices(app)))
        went = [n for n in notices(app) if "went to" in n]
        assert len(went) == 1 and went[0].startswith(f"1 of the 2 new articles went to {news}")
        await wait_until(pilot, lambda: "Quick one" in titles(app))
        assert titles(app) == {"Quick one"}
