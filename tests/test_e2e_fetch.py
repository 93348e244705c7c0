"""End to end: `reader fetch` in a real terminal (tmux) shows its progress bar and
summary, and a bare `reader` then opens what was fetched."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from tests.feed_server import FeedServer, feed_server, item, rss
from tests.test_e2e_tmux import READER, Terminal, pytestmark, terminal_env, terminal_factory

__all__ = ["feed_server", "pytestmark", "terminal_env", "terminal_factory"]


def test_fetch_shows_progress_then_the_app_lists_the_news(
    feed_server: FeedServer,
    terminal_env: dict[str, str],
    terminal_factory: Callable[[list[str], dict[str, str]], Terminal],
    tmp_path: Path,
) -> None:
    page = b"<html><body><article><p>The whole story, from its page.</p></article></body></html>"

    def slow_page(request, handler):  # type: ignore[no-untyped-def]
        time.sleep(0.4)  # slow enough for the bar to be seen mid-way
        return 200, {"Content-Type": "text/html"}, page

    for n in range(4):
        feed_server.add(
            f"/f{n}",
            rss(item(f"Story number {n}", guid=f"s{n}", link=f"/p{n}", description="Sum."),
                title=f"Site {n}"),
        )  # fmt: skip
        feed_server.routes[f"/p{n}"] = slow_page
    env = {**terminal_env, "XDG_STATE_HOME": str(tmp_path / "state")}
    config = Path(env["XDG_CONFIG_HOME"]) / "reader"
    config.mkdir(parents=True)
    (config / "subscriptions.toml").write_text(
        "".join(f'[feeds."Site {n}"]\nurl = "{feed_server.url(f"/f{n}")}"\n' for n in range(4))
    )
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
