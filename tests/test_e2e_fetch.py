"""End to end: `reader fetch` in a real terminal (tmux) shows its progress bar and
summary, and a bare `reader` then opens what was fetched."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from tests.feed_server import FeedServer, feed_server, item, rss
from tests.test_e2e_tmux import READER, Terminal, pytestmark, terminal_env, terminal_factory

__all__ = ["feed_server", "pytestmark", "terminal_env", "terminal_factory"]


def four_slow_feeds(server: FeedServer, env: dict[str, str], title: str, delay: float) -> None:
    """Four subscriptions in `env`'s config folder, each with one summary-only entry
    whose page answers after `delay` seconds (slow enough for the progress to be seen
    mid-way)."""
    page = b"<html><body><article><p>The whole story, from its page.</p></article></body></html>"

    def slow_page(request, handler):  # type: ignore[no-untyped-def]
        time.sleep(delay)
        return 200, {"Content-Type": "text/html"}, page

    for n in range(4):
        server.add(
            f"/f{n}",
            rss(item(f"{title} {n}", guid=f"s{n}", link=f"/p{n}", description="Sum."),
                title=f"Site {n}"),
        )  # fmt: skip
        server.routes[f"/p{n}"] = slow_page
    config = Path(env["XDG_CONFIG_HOME"]) / "reader"
    config.mkdir(parents=True)
    (config / "subscriptions.toml").write_text(
        "".join(f'[feeds."Site {n}"]\nurl = "{server.url(f"/f{n}")}"\n' for n in range(4))
    )


def test_fetch_shows_progress_then_the_app_lists_the_news(
    feed_server: FeedServer,
    terminal_env: dict[str, str],
    terminal_factory: Callable[[list[str], dict[str, str]], Terminal],
    tmp_path: Path,
) -> None:
    env = {**terminal_env, "XDG_STATE_HOME": str(tmp_path / "state")}
    four_slow_feeds(feed_server, env, "Story number", 0.4)
    term = terminal_factory([READER, "fetch"], env)
    screen = term.wait_for(lambda s: "feeds ·" in s and "░" in s)
    assert "/4 feeds" in screen
    screen = term.wait_for(lambda s: "EXITED=" in s)
    assert "4 feeds: 4 fetched, 0 unchanged, 0 failed; 4 new articles;" in screen
    assert "EXITED=0" in screen
    app = terminal_factory([READER], env)
    screen = app.wait_for(lambda s: "Story number 3" in s)
    assert "Story number 0" in screen
    app.keys("q")


def test_R_in_the_app_shows_progress_and_the_new_rows(
    feed_server: FeedServer,
    terminal_env: dict[str, str],
    terminal_factory: Callable[[list[str], dict[str, str]], Terminal],
    tmp_path: Path,
) -> None:
    env = {**terminal_env, "XDG_STATE_HOME": str(tmp_path / "state")}
    four_slow_feeds(feed_server, env, "Fresh story", 0.6)
    old = Path(env["XDG_DATA_HOME"]) / "reader" / "news" / "old"
    old.mkdir(parents=True)
    (old / "old.md").write_text("---\ntitle: Old story\ndate: 2025-01-01\n---\n\nSeen.\n")
    app = terminal_factory([READER], env)
    app.wait_for(lambda s: "Old story" in s and "1 unread / 1" in s)
    app.keys("R")
    screen = app.wait_for(lambda s: "fetching " in s and "/4 feeds" in s)
    assert screen.splitlines()[0].lstrip().startswith("fetching ")
    # the summary notice (shown 6 s) and the rows the watcher brings in, each in its time
    app.wait_for(lambda s: "4 feeds: 4 fetched, 0 unchanged, 0 failed; 4 new" in s)
    screen = app.wait_for(lambda s: "5 unread / 5" in s and "fetching" not in s)
    assert all(f"Fresh story {n}" in screen for n in range(4))
    app.keys("q")
    app.wait_for(lambda s: "EXITED=0" in s)
