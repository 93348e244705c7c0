"""Resume reading, mark-at-end, the links list, `o` without a browser, wide blocks."""

from __future__ import annotations

import json
import os
import webbrowser
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from reader.core.config import Config
from reader.core.models import Article
from reader.core.paths import settings_path
from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.dialogs import ConfirmScreen, LinksScreen
from tests.ui.articles import MTIME
from tests.ui.helpers import pane_text, settle, wait_until

FILLER = "\n\n".join(
    f"Paragraph {n} of the guide: words enough to fill a line or two of the pane, so "
    "that the article is much longer than the screen and has to be scrolled."
    for n in range(1, 41)
)

CODE_LINE = (
    "pip install --upgrade reader-tui && reader --state ~/.local/state/reader/state.json "
    "~/news/a/very/long/path/that/goes/on/and/on"
)

GUIDE = f"""\
---
title: A guide with a table, code and links
date: 2025-03-15
url: https://guide.example.org/setup
---

Read the [release notes](https://example.org/notes) and the **[install guide](https://example.org/install)**
first; the [notes](https://example.org/notes) list every change. Write to
[the team](mailto:team@example.org) or go back to [the top](#top).

| Tool | Version | Size |
|:-----|--------:|:----:|
| reader | 1.2 | small |
| a much longer tool name | 10.20.3 | big |

```
{CODE_LINE}
```

{FILLER}
"""

SHORT = """\
---
title: A short note without links
date: 2025-03-14
url: https://notes.example.org/short
---

Nothing to scroll here.
"""

LONG_PLAIN = f"""\
---
title: A long plain post
date: 2025-03-13
---

{FILLER}
"""


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    for name, text in {
        "docs/guide.md": GUIDE,
        "docs/short.md": SHORT,
        "docs/plain.md": LONG_PLAIN,
    }.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        os.utime(path, (MTIME, MTIME))
    return root


@asynccontextmanager
async def reader(
    library: Path, tmp_path: Path, config: Config | None = None, size: tuple[int, int] = (120, 30)
) -> AsyncIterator[tuple[ReaderApp, Pilot[None], list[str]]]:
    """The app (a fresh object each time, on the same state and settings files), and
    the text of every notice it gives."""
    store = StateStore(tmp_path / "state.json")
    store.load()
    app = ReaderApp([library], store, config=config)
    app.flow.read_after = 600
    notices: list[str] = []
    notify = app.notify

    def spy(message: str, *args: object, **kwargs: object) -> None:
        notices.append(message)
        notify(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = spy  # type: ignore[method-assign]
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: app.pane.reading is not None)
        yield app, pilot, notices


def titled(app: ReaderApp, words: str) -> Article:
    return next(a for a in app.article_list.rows if words in a.title)


async def show(app: ReaderApp, pilot: Pilot[None], article: Article) -> None:
    """Move the cursor to `article` and wait until the pane shows it, laid out."""
    app.article_list.move_to(app.article_list.rows.index(article))
    await wait_until(
        pilot, lambda: app.pane.reading is not None and app.pane.reading.article == article
    )
    await settle(pilot)
    await pilot.pause(0.1)


def saved_positions() -> dict[str, float]:
    path = settings_path()
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8")).get("positions", {}))


# -- resume ----------------------------------------------------------------------------


async def test_an_article_reopens_where_it_was_left_also_after_a_restart(
    library: Path, tmp_path: Path
) -> None:
    async with reader(library, tmp_path) as (app, pilot, _):
        guide = titled(app, "guide")
        await show(app, pilot, guide)
        app.pane.focus()
        await pilot.press("pagedown", "pagedown")
        left_at = app.pane.scroll_y
        assert left_at > 0
        where = app.pane.position
        await show(app, pilot, titled(app, "short note"))  # leaving saves the position
        assert saved_positions() == {guide.id: pytest.approx(where)}
        assert app.pane.scroll_y == 0  # another article opens at its top
        await show(app, pilot, guide)
        await wait_until(pilot, lambda: app.pane.scroll_y == left_at)
        assert app.pane.scroll_y == left_at
        await pilot.press("pagedown")
        where = app.pane.position
        await pilot.press("q")  # quitting saves the open article's position
    assert saved_positions() == {guide.id: pytest.approx(where)}
    async with reader(library, tmp_path) as (app, pilot, _):
        assert app.preferences.settings.positions[guide.id] == pytest.approx(where)
        await show(app, pilot, titled(app, "short note"))
        await show(app, pilot, titled(app, "guide"))
        await wait_until(pilot, lambda: app.pane.position == pytest.approx(where, abs=0.02))
        assert app.pane.position == pytest.approx(where, abs=0.02)
        assert app.pane.scroll_y > left_at


async def test_passing_through_articles_writes_no_settings(library: Path, tmp_path: Path) -> None:
    async with reader(library, tmp_path) as (app, pilot, _):
        for words in ("short note", "plain post", "guide", "plain post"):
            await show(app, pilot, titled(app, words))
        await pilot.press("q")
    assert not settings_path().exists()


async def test_positions_are_kept_in_the_settings_file_not_the_marks_file(
    library: Path, tmp_path: Path
) -> None:
    async with reader(library, tmp_path) as (app, pilot, _):
        await show(app, pilot, titled(app, "plain post"))
        app.pane.focus()
        await pilot.press("pagedown")
        await pilot.press("q")
    assert saved_positions()
    state = tmp_path / "state.json"
    assert not state.exists() or "positions" not in state.read_text(encoding="utf-8")


# -- mark read at the end -----------------------------------------------------------------


@pytest.mark.parametrize("setting", [True, False])
async def test_reaching_the_end_marks_read_only_with_the_setting(
    library: Path, tmp_path: Path, setting: bool
) -> None:
    async with reader(library, tmp_path, Config(mark_read_at_end=setting)) as (app, pilot, _):
        plain = titled(app, "plain post")
        await show(app, pilot, plain)
        app.pane.focus()
        await pilot.press("pagedown")
        await settle(pilot)
        assert not app.store.is_read(plain.id)  # not at the end yet
        await pilot.press("G")
        await settle(pilot)
        assert app.pane.at_end
        assert app.store.is_read(plain.id) is setting


async def test_coming_back_to_the_end_is_not_reaching_it(library: Path, tmp_path: Path) -> None:
    """An article left at its end and marked unread stays unread when reopened there."""
    async with reader(library, tmp_path, Config(mark_read_at_end=True)) as (app, pilot, _):
        plain = titled(app, "plain post")
        await show(app, pilot, plain)
        app.pane.focus()
        await pilot.press("G", "m")  # read at the end, then unread by hand
        await settle(pilot)
        assert not app.store.is_read(plain.id)
        await show(app, pilot, titled(app, "short note"))
        await show(app, pilot, plain)
        await wait_until(pilot, lambda: app.pane.at_end and app.pane.scroll_y > 0)
        await settle(pilot)
        assert app.pane.scroll_y > 0
        assert not app.store.is_read(plain.id)


# -- links --------------------------------------------------------------------------------


async def test_links_are_numbered_and_listed_under_the_article(
    library: Path, tmp_path: Path
) -> None:
    async with reader(library, tmp_path) as (app, pilot, _):
        await show(app, pilot, titled(app, "guide"))
        text = pane_text(app)
        assert "release notes [1]" in text
        assert "install guide [2]" in text
        assert "the notes [1]" in text  # the same target keeps its number
        assert "the team [3]" in text
        assert "the top [" not in text  # an anchor in the page gets no number
        assert "[1] https://example.org/notes\n[2] https://example.org/install" in text
        assert "https://guide.example.org/setup" in text  # the article's own URL, in its header
        assert app.pane.links == [
            "https://example.org/notes",
            "https://example.org/install",
            "mailto:team@example.org",
        ]


async def test_the_links_list_opens_the_chosen_link_after_asking(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    async with reader(library, tmp_path) as (app, pilot, notices):
        await show(app, pilot, titled(app, "guide"))
        await pilot.press("L")
        assert isinstance(app.screen, LinksScreen)
        assert "https://example.org/install" in str(app.screen.query_one("#links-list").render())
        await pilot.press("j", "enter")  # the second link
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert opened == []
        await pilot.press("L", "1")  # by its number
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert opened == ["https://example.org/notes"]
        await pilot.press("L", "3")  # mailto: is listed, never opened
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert any("only http and https" in n for n in notices)
        await pilot.press("L", "escape")
        assert not isinstance(app.screen, LinksScreen)
        await show(app, pilot, titled(app, "short note"))
        await pilot.press("L")
        assert not isinstance(app.screen, LinksScreen)
        assert "This article has no links." in notices
        assert opened == ["https://example.org/notes"]


async def test_numbers_above_nine_take_two_digits(tmp_path: Path) -> None:
    feed = tmp_path / "library" / "many"
    feed.mkdir(parents=True)
    links = " ".join(f"[link {n}](https://example.org/{n})" for n in range(1, 13))
    (feed / "many.md").write_text(f"# Twelve links\n\n{links}\n", encoding="utf-8")
    async with reader(tmp_path / "library", tmp_path) as (app, pilot, _):
        await pilot.press("L", "1")  # 1, 10, 11 or 12: wait for more
        screen = app.screen
        assert isinstance(screen, LinksScreen) and screen.cursor == 0
        await pilot.press("2")
        assert isinstance(app.screen, ConfirmScreen)
        assert "https://example.org/12" in str(app.screen.query(Static)[1].render())


@pytest.mark.parametrize("failure", ["returns False", "raises"])
async def test_o_says_so_when_no_browser_could_be_started(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    def no_browser(url: str, *args: object, **kwargs: object) -> bool:
        if failure == "raises":
            raise webbrowser.Error("could not locate runnable browser")
        return False

    monkeypatch.setattr(webbrowser, "open", no_browser)
    async with reader(library, tmp_path) as (app, pilot, notices):
        await show(app, pilot, titled(app, "short note"))
        await pilot.press("o")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        await wait_until(pilot, lambda: any("No browser" in n for n in notices))
        (notice,) = [n for n in notices if "No browser" in n]
        assert "https://notes.example.org/short" in notice


async def test_o_keeps_opening_the_articles_own_url(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    async with reader(library, tmp_path) as (app, pilot, notices):
        await show(app, pilot, titled(app, "guide"))
        await pilot.press("o", "y")
        await settle(pilot)
        assert opened == ["https://guide.example.org/setup"]
        assert not any("No browser" in n for n in notices)


# -- tables and code ---------------------------------------------------------------------


async def test_code_blocks_and_tables_are_not_wrapped(library: Path, tmp_path: Path) -> None:
    async with reader(library, tmp_path, size=(80, 24)) as (app, pilot, _):
        await show(app, pilot, titled(app, "guide"))
        pane = app.pane
        layout = pane.body.laid_out
        (code,) = [part for part in layout.parts if part.kind == "code"]
        (table,) = [part for part in layout.parts if part.kind == "table"]
        assert code.content.plain == CODE_LINE
        # One line, however narrow the pane (a column of padding each side).
        code_lines = layout.lines[code.first_line : code.first_line + 2]
        assert code_lines[0].plain.strip() == CODE_LINE and code_lines[1].plain == ""
        assert code_lines[0].cell_length > pane.size.width
        table_lines = layout.lines[table.first_line : table.first_line + 5]
        assert [line.plain != "" for line in table_lines] == [True] * 4 + [False]
        assert pane.body.size.width == code_lines[0].cell_length
        assert pane.max_scroll_x > 0
        pane.focus()
        await pilot.press("right", "right")
        assert pane.scroll_x > 0
        await pilot.press("left", "left")
        assert pane.scroll_x == 0
        # The text around them still wraps to the pane.
        assert layout.text_width <= pane.scrollable_content_region.width
        texts = [p for p in layout.parts if p.kind == ""]
        assert texts and all(
            line.cell_length <= layout.text_width
            for line in layout.lines[texts[0].first_line : code.first_line - 1]
        )


async def test_showing_the_boilerplate_keeps_the_code_blocks_and_the_scroll(
    library: Path, tmp_path: Path
) -> None:
    async with reader(library, tmp_path) as (app, pilot, _):
        await show(app, pilot, titled(app, "guide"))
        pane = app.pane
        pane.focus()
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: pane.scroll_y == pane.scroll_target_y)
        where = round(pane.scroll_y)
        assert where > 0
        await pilot.press("b")
        await settle(pilot)
        assert [p.kind for p in pane.body.laid_out.parts].count("code") == 1
        assert round(pane.scroll_y) == where


async def test_article_keys_say_so_when_no_article_is_open(library: Path, tmp_path: Path) -> None:
    """A search that matches nothing leaves no article: o, L, s, m, b and enter say so."""
    async with reader(library, tmp_path) as (app, pilot, notices):
        await pilot.press("slash", *"zqxjkvw")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.article_list.current is None and app.pane.reading is None
        for key in ("o", "L", "s", "m", "b", "enter"):
            notices.clear()
            await pilot.press(key)
            await pilot.pause()
            assert notices == ["No article is open."], key
