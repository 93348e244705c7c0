"""What a key repaints: an article opened is laid out in one pass of the screen (not a
second one for the pane's new virtual size) and painted in one frame (not a second one
for the pane's scroll bar), and the list's scroll bar is not updated and painted again
for it (issue 15's keys and opens)."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import os
import re
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from textual._compositor import Compositor
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.scrollbar import ScrollBar
from textual.visual import Visual
from textual.widget import Widget

from reader.ui.app import ReaderApp
from reader.ui.article_list import ArticleList
from reader.ui.frame_pacer import FramePacer
from reader.ui.key_bar import KeyBar
from reader.ui.painting import PaintedScrollBar, ShownCompositor
from reader.ui.reading_flow import AHEAD_REST
from reader.ui.reading_pane import ReadingPane
from reader.ui.status_line import StatusLine
from tests.ui.helpers import running, settle, wait_until

MTIME = 1_700_000_000


def write_library(root: Path) -> Path:
    """60 short articles (the list scrolls at 30 lines) and two long ones of different
    lengths (the pane scrolls)."""
    feed = root / "harbour"
    feed.mkdir(parents=True)
    for number in range(60):
        text = f"date 2025-01-{number % 28 + 1:02d} Short note {number}\n\nA line of news.\n"
        (feed / f"short-{number:02d}.txt").write_text(text, encoding="utf-8")
    for day, name, paragraphs in ((1, "long-a", 30), (2, "long-b", 45)):
        body = "\n\n".join(
            f"Paragraph {n} of {name}: the ferry company said the crossings would run "
            "again from April, with three extra boats on weekdays." * 2
            for n in range(paragraphs)
        )
        text = f"date 2025-02-0{day} The {name} report\n\n{body}\n"
        (feed / f"{name}.txt").write_text(text, encoding="utf-8")
    for path in feed.iterdir():
        os.utime(path, (MTIME, MTIME))
    return root


@contextlib.asynccontextmanager
async def list_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[ReaderApp, Pilot[None]]]:
    """The app at 120×30 on a written library, the list focused, opening nothing (a
    key's frame is the list's alone)."""
    library = write_library(tmp_path / "library")
    async with running([library], tmp_path / "state.json", size=(120, 30)) as (app, pilot):
        app.article_list.focus()
        monkeypatch.setattr(app.opener, "open_soon", lambda *args, **kwargs: None)
        await settle(pilot)
        yield app, pilot


async def test_an_article_of_another_length_is_laid_out_in_one_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = write_library(tmp_path / "library")
    async with running([library], tmp_path / "state.json", size=(120, 30)) as (app, pilot):
        listing = app.article_list
        assert listing.show_vertical_scrollbar
        articles = {article.title: article for article in listing.rows}
        layouts: list[Screen[object]] = []
        frames: list[list[Region]] = []  # what each frame painted
        bars: list[object] = []
        refresh_layout, scroll_update = Screen._refresh_layout, ArticleList._scroll_update
        compositor_refresh = Screen._compositor_refresh

        def counted_frame(self):  # type: ignore[no-untyped-def]
            frames.append(list(self._compositor._dirty_regions))
            return compositor_refresh(self)

        def counted_layout(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            layouts.append(self)
            return refresh_layout(self, *args, **kwargs)

        def counted_bar(self, virtual_size):  # type: ignore[no-untyped-def]
            bars.append(self)
            return scroll_update(self, virtual_size)

        monkeypatch.setattr(Screen, "_refresh_layout", counted_layout)
        monkeypatch.setattr(ArticleList, "_scroll_update", counted_bar)
        monkeypatch.setattr(Screen, "_compositor_refresh", counted_frame)
        assert app.pane.reading is not None
        assert app.pane.reading.article.title == "The long-b report"  # the newest
        done: list[str] = []
        # From a short one the pane's scroll bar comes, which lays the screen out again.
        for title in (
            "Short note 3",
            "The long-a report",
            "The long-b report",
            "The long-a report",
        ):
            layouts.clear()
            frames.clear()
            bars.clear()
            app.open_article(articles[title])  # (the list's cursor stays)
            await wait_until(
                pilot,
                lambda t=title: (
                    app.pane.reading is not None and app.pane.reading.article.title == t
                ),
            )
            await settle(pilot)
            await pilot.pause(0.1)
            done.append(title)
            if len(done) < 3:
                continue  # (the list's focus settles; the pane's scroll bar comes)
            assert len(layouts) == 1, title  # not again for the pane's new virtual size
            # The pane's scroll bar in the layout's frame, not in a frame of its own.
            bar_region = app.pane.vertical_scrollbar.region
            assert frames, title
            assert not [f for f in frames if all(bar_region.contains_region(r) for r in f)]
            # ... which that one frame painted as it is now: painting it again changes
            # nothing on screen.
            shown = app.export_screenshot()
            app.pane.vertical_scrollbar.refresh()
            await pilot.pause()
            assert app.export_screenshot() == shown, title
            assert bars == [], title  # the list's scroll bar was not updated (nor repainted)
            assert app.pane.show_vertical_scrollbar
            body = app.pane.body
            assert body.laid_out.text_width == app.pane.scrollable_content_region.width
            assert body.size.height == len(body.laid_out.lines)
            assert app.pane.virtual_size.height > app.pane.size.height


async def test_other_threads_give_the_interpreter_up_sooner_while_the_app_runs(
    tmp_path: Path,
) -> None:
    """A key waits at each of Textual's message hops for a thread busy in Python: the
    app shortens Python's switch interval while it runs and puts it back after."""
    import sys

    from reader.ui.app import SWITCH_INTERVAL

    before = sys.getswitchinterval()
    library = write_library(tmp_path / "library")
    async with running([library], tmp_path / "state.json"):
        assert sys.getswitchinterval() == pytest.approx(min(SWITCH_INTERVAL, before))
    assert sys.getswitchinterval() == before


async def test_where_the_cursor_stops_the_rows_around_are_read_ahead(tmp_path: Path) -> None:
    """Moving with j and stopping shows the row after a moment; then the rows above and
    below it are read and cleaned ahead, so that J onto the next only paints it."""
    library = write_library(tmp_path / "library")
    async with running([library], tmp_path / "state.json") as (app, pilot):
        listing = app.article_list
        await pilot.press("j", "j", "j")
        stopped = listing.current
        assert stopped is not None
        await wait_until(
            pilot, lambda: app.pane.reading is not None and app.pane.reading.article == stopped
        )
        await settle(pilot)
        around = [listing.rows[listing.cursor + 1], listing.rows[listing.cursor - 1]]
        assert all(app.opener._prepared(article) is not None for article in around)
        reads: list[str] = []
        service_open = app.reading_service.open

        def counting(article):  # type: ignore[no-untyped-def]
            reads.append(article.title)
            return service_open(article)

        app.reading_service.open = counting  # type: ignore[method-assign]
        await pilot.press("J")
        await wait_until(
            pilot, lambda: app.pane.reading is not None and app.pane.reading.article == around[0]
        )
        await settle(pilot)
        assert app.pane.reading is not None and app.pane.reading.article == around[0]
        assert around[0].title not in reads  # shown as read ahead


async def test_a_row_shown_by_itself_has_the_rows_around_read_ahead_once_input_rests(
    tmp_path: Path,
) -> None:
    """The top row at a start, and a row a search's results put under the cursor, show
    without the user moving to them: once the keys and the mouse rest, the rows around
    are read ahead too, so that the first J only paints; while keys keep coming (a query
    being typed) nothing is read ahead."""
    library = write_library(tmp_path / "library")
    async with running([library], tmp_path / "state.json") as (app, pilot):
        listing = app.article_list
        assert listing.cursor == 0 and app.pane.reading is not None
        await wait_until(pilot, lambda: app.opener._prepared(listing.rows[1]) is not None)
        assert app.opener._prepared(listing.rows[1]) is not None  # the start's top row
        rest = [0.0]  # keys keep coming
        app.flow.input_rest = lambda: rest[0]
        app.opener.forget_prepared()
        listing.move_to(1, by_user=False)  # as a search's results move the cursor
        await wait_until(
            pilot,
            lambda: app.pane.reading is not None and app.pane.reading.article == listing.rows[1],
        )
        await pilot.pause(AHEAD_REST * 1.5)
        await settle(pilot)
        around = [listing.rows[0], listing.rows[2]]
        assert [app.opener._prepared(article) for article in around] == [None, None]
        rest[0] = AHEAD_REST  # the keys rest
        await wait_until(
            pilot, lambda: all(app.opener._prepared(article) is not None for article in around)
        )
        assert all(app.opener._prepared(article) is not None for article in around)


async def test_a_frame_comes_at_once_when_the_last_one_is_a_period_old() -> None:
    """The main screen's paints: at most one a period, but never held to a grid (a key
    pressed 16-33 ms after the last frame waited for Textual's timer's next line)."""
    painted: list[float] = []
    errors: list[Exception] = []
    pacer = FramePacer(lambda: painted.append(time.monotonic()), errors.append, period=0.2)
    pacer.resume()
    await asyncio.sleep(0)
    assert len(painted) == 1  # nothing painted for a period: at once
    pacer.resume()
    await asyncio.sleep(0.05)
    assert len(painted) == 1  # a period has not passed since
    pacer.pause()  # withdrawn (Textual pauses it while it lays the screen out)
    await asyncio.sleep(0.25)
    assert len(painted) == 1
    pacer.resume()
    await asyncio.sleep(0)
    assert len(painted) == 2  # the last paint is a period old: at once again
    pacer.resume()
    await asyncio.sleep(0.3)
    assert len(painted) == 3 and painted[2] - painted[1] >= 0.2
    pacer.stop()
    pacer.resume()
    await asyncio.sleep(0.25)
    assert len(painted) == 3 and not errors


async def test_the_main_screen_paints_through_the_pacer(tmp_path: Path) -> None:
    library = write_library(tmp_path / "library")
    async with running([library], tmp_path / "state.json") as (app, pilot):
        pacer = app.main._update_timer
        assert isinstance(pacer, FramePacer)
        paints: list[float] = []
        run = pacer._run

        def counted() -> None:
            paints.append(time.monotonic())
            run()

        pacer._run = counted  # type: ignore[method-assign]
        cursor = app.article_list.cursor
        await pilot.press("j")
        await wait_until(pilot, lambda: bool(paints))
        assert app.article_list.cursor == cursor + 1


async def test_the_scroll_bars_are_painted_as_textual_paints_them(tmp_path: Path) -> None:
    """The list's and the pane's scroll bars paint each distinct line once (`G`, `g`
    and every open repainted all of them), and the lines are Textual's own."""
    library = write_library(tmp_path / "library")
    async with running([library], tmp_path / "state.json", size=(120, 30)) as (app, pilot):
        listing, pane = app.article_list, app.pane
        bars = [listing.vertical_scrollbar, pane.vertical_scrollbar]
        assert all(isinstance(bar, PaintedScrollBar) for bar in bars)

        def same_lines(bar: ScrollBar) -> None:
            assert bar.display and bar.size.height
            for hover in (False, True):
                bar.mouse_over = hover
                crop = Region(0, 0, bar.size.width, bar.size.height)
                ours = PaintedScrollBar.render_lines(bar, crop)
                textual = ScrollBar.render_lines(bar, crop)
                assert ours == textual
                assert [s.cell_length for s in ours] == [s.cell_length for s in textual]
            bar.mouse_over = False

        articles = {article.title: article for article in listing.rows}
        for title in ("The long-a report", "The long-b report"):
            app.open_article(articles[title])
            await wait_until(
                pilot, lambda t=title: pane.reading is not None and pane.reading.article.title == t
            )
            await pilot.pause()
            same_lines(bars[1])
            pane.scroll_end(animate=False)
            await pilot.pause()
            same_lines(bars[1])
        listing.focus()
        for key in ("G", "k", "g", "pagedown", "j"):
            await pilot.press(key)
            await pilot.pause()
            same_lines(bars[0])
        for y in range(int(listing.max_scroll_y) + 1):  # the thumb's ends at every eighth
            listing.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            same_lines(bars[0])


async def test_a_scroll_bar_that_moves_is_painted_from_its_segments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`G` and `g` move the list's scroll bar: its lines come from the bar's segments,
    not from Textual's rendering of the bar as a Rich renderable (43 new lines a key
    at 140×45)."""
    async with list_keys(tmp_path, monkeypatch) as (app, pilot):
        listing = app.article_list
        rendered: list[object] = []
        to_strips = Visual.to_strips.__func__  # type: ignore[attr-defined]

        def counted(cls, widget, *args, **kwargs):  # type: ignore[no-untyped-def]
            rendered.append(widget)
            return to_strips(cls, widget, *args, **kwargs)

        monkeypatch.setattr(Visual, "to_strips", classmethod(counted))
        bar = listing.vertical_scrollbar
        for key in ("G", "g", "G"):
            painted = bar._painted
            await pilot.press(key)
            await settle(pilot)
            assert bar._painted is not painted  # the bar moved and was painted
        assert not [widget for widget in rendered if isinstance(widget, ScrollBar)]


async def test_a_frame_of_the_list_asks_no_other_widget_for_its_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`G` and `g` repaint the list and its scroll bar: the reading pane, the status
    line and the key bar are not asked for their lines (Textual asked every widget whose
    container overlaps what changed), nor the screen and the containers behind the list,
    and a frame writes what Textual's compositor writes."""
    async with list_keys(tmp_path, monkeypatch) as (app, pilot):
        listing = app.article_list
        asked: list[str] = []
        for kind in (Widget, ReadingPane, StatusLine, KeyBar, ArticleList):
            original = kind.render_lines

            def counted(self, crop, original=original):  # type: ignore[no-untyped-def]
                asked.append(type(self).__name__)
                return original(self, crop)

            monkeypatch.setattr(kind, "render_lines", counted)
        for key, row in (("G", len(listing.rows) - 1), ("g", 0)):
            asked.clear()
            await pilot.press(key)
            await settle(pilot)
            assert listing.cursor == row
            # Only the list is asked, once or more: a refresh of its own landing in the
            # same wait (a slow machine's timers) paints it again, and asks no other.
            assert asked and set(asked) == {"ArticleList"}, (key, asked)

        compositor = app.main._compositor
        assert isinstance(compositor, ShownCompositor)
        textual = copy.copy(compositor)
        textual.__class__ = Compositor
        bar = listing.vertical_scrollbar.region
        row = Region(listing.region.x, listing.region.y + 2, listing.region.width, 1)
        for regions in ([listing.region, bar], [row], [row, app.main.status_line.region]):
            written = []
            for which in (compositor, textual):
                which._dirty_regions.clear()
                which._dirty_regions.update(regions)
                update = which.render_partial_update()
                assert update is not None
                written.append(update.render_segments(app.console))
            # The same text in the same places (Textual also moves the cursor to where
            # a widget begins just past the update, and writes nothing there).
            idle_move = re.compile(r"\x1b\[\d+;\d+H(?=\x1b\[\d+;\d+H|\n|$)")
            assert idle_move.sub("", written[0]) == idle_move.sub("", written[1])
