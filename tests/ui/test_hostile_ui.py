"""Hostile article text drives through the app as plain text: nothing is interpreted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_FEEDS
from tests.ui.helpers import pane_text, running, settle

HOSTILE_TITLE = "[@click=app.quit]Click[/] [bold]me[/bold] [link=file:///etc/passwd]x[/link] [/]"
HOSTILE_BODY = (
    "Markup [red]red[/red] and [@click=app.quit]quit[/] and [/] stray.\n"
    "Escapes \x1b[2J\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07"
    "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ end.\n"
    "C1 \u009b31m controls \u0085 and bidi \u202eevil\u202c and zero\u200bwidth.\n"
    + "A" * 100_000
    + "\n"
    + "寛容な読者のための長い行 😀 " * 200
    + "\n"
)


@pytest.fixture
def hostile_library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    shutil.copytree(SAMPLE_FEEDS, root)
    feed = root / "[bold]feed[red]\x1b[31m"
    feed.mkdir()
    (feed / "evil.txt").write_text(f"date 2025-12-31 {HOSTILE_TITLE}\n{HOSTILE_BODY}", "utf-8")
    return root


def screen_text(app: object) -> str:
    return app.export_screenshot()  # type: ignore[attr-defined, no-any-return]


async def test_hostile_titles_bodies_and_names_are_literal(
    hostile_library: Path, tmp_path: Path
) -> None:
    async with running([hostile_library], tmp_path / "state.json") as (app, pilot):
        evil = next(a for a in app.article_list.rows if a.title.startswith("[@click"))
        assert evil.title == HOSTILE_TITLE
        assert evil.feed == "[bold]feed[red]"
        app.article_list.move_to(app.article_list.rows.index(evil))
        await pilot.press("enter", "b")  # show hidden blocks too: every line is on screen
        await settle(pilot)
        text = pane_text(app)
        assert HOSTILE_TITLE in text
        assert "Markup [red]red[/red] and [@click=app.quit]quit[/] and [/] stray." in text
        assert "Escapes  end." in text or "Escapes link end." in text
        assert "[truncated: " in text  # 100,000 letters of one word exceed the display limit
        for forbidden in ("\x1b", "\x07", "\u009b", "\u0085", "\u202e", "\u200b"):
            assert forbidden not in text
        svg = screen_text(app)
        assert "\x1b" not in svg and "\u009b" not in svg
        assert "[@click=app.quit]" in svg
        # Clicking where the injected action would sit does nothing but focus the pane.
        await pilot.click("#pane-title", offset=(2, 0))
        await pilot.click("#pane-body", offset=(20, 0))
        assert app.is_running
        await pilot.press("G", "space", "K", "J")
        await settle(pilot)
        assert app.is_running


async def test_every_sample_article_opens_with_and_without_boilerplate(
    hostile_library: Path, tmp_path: Path
) -> None:
    async with running([hostile_library], tmp_path / "state.json") as (app, pilot):
        for index in range(len(app.article_list.rows)):
            app.article_list.move_to(index)
            await pilot.press("enter", "b")
            await settle(pilot)
            assert app.pane.reading is not None
            assert app.pane.reading.article == app.article_list.rows[index]
            await pilot.press("b", "tab")
        assert app.is_running


async def test_the_hostile_corpus_loads_and_opens_in_the_app(tmp_path: Path) -> None:
    from tests.hostile.make_corpus import build

    root = tmp_path / "hostile"
    build(root, big=False)
    async with running([root], tmp_path / "state.json") as (app, pilot):
        rows = list(app.article_list.rows)
        assert rows
        assert app.problems  # FIFOs, binaries, loops... are listed with their reasons
        for index in range(len(rows)):
            app.article_list.move_to(index)
            await pilot.press("enter", "b")
            await settle(pilot)
            text = pane_text(app)
            for forbidden in ("\x1b", "\x07", "\u009b", "\u202e"):
                assert forbidden not in text, (rows[index].path.name, forbidden)
            await pilot.press("b", "tab")
        await pilot.press("exclamation_mark")
        assert app.is_running
