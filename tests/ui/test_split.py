"""Room to read: the split between the list and the article, its keys, the mouse, and
the narrow terminal where the two take turns."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.layout import MAX_LIST, MIN_ARTICLE, STEP
from reader.core.paths import settings_path
from reader.core.settings import Settings, load_settings, save_settings
from reader.ui.app import ReaderApp
from reader.ui.article_list import column_widths
from tests.ui.articles import write_library
from tests.ui.helpers import running, settle, wait_until


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "library")


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state.json"


def list_width(app: ReaderApp) -> int:
    return app.main.query_one("#sidebar").outer_size.width


def list_shown(app: ReaderApp) -> bool:
    return bool(app.main.query_one("#sidebar").display)


def article_shown(app: ReaderApp) -> bool:
    return bool(app.pane.display)


def saved_width() -> int | None:
    return load_settings(settings_path())[0].list_width


def focus_is_shown(app: ReaderApp) -> bool:
    """Something has the focus, and it is on screen."""
    focused = app.focused
    return focused is not None and all(node.display for node in focused.ancestors_with_self)


async def test_the_split_follows_the_terminal(library: Path, state: Path) -> None:
    async with running([library], state, size=(120, 40)) as (app, pilot):
        assert list_width(app) == 48  # 40%
        assert list_shown(app) and article_shown(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert list_width(app) == 32
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert list_width(app) == MAX_LIST  # not 80


async def test_article_text_has_a_measure_and_is_centred_in_a_wide_pane(
    library: Path, state: Path
) -> None:
    async with running([library], state, size=(200, 60)) as (app, pilot):
        await wait_until(pilot, lambda: app.pane.reading is not None)
        body = app.pane.query_one("#pane-body")
        pane = app.pane.content_region
        assert 80 <= body.region.width <= 100
        left, right = body.region.x - pane.x, pane.right - body.region.right
        assert abs(left - right) <= 2  # centred, not left-aligned with 56 columns spare
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert body.region.x == app.pane.content_region.x  # a narrow pane: all of it


async def test_wider_and_narrower_keys_move_the_divider_and_are_remembered(
    library: Path, state: Path
) -> None:
    async with running([library], state, size=(120, 40)) as (app, pilot):
        await pilot.press("greater_than_sign")
        assert list_width(app) == 48 + STEP
        assert saved_width() == 48 + STEP
        await pilot.press("less_than_sign", "less_than_sign")
        assert list_width(app) == 48 - STEP
        assert saved_width() == 48 - STEP
        for _ in range(10):
            await pilot.press("greater_than_sign")
        assert list_width(app) == MAX_LIST  # the bound
        assert saved_width() == MAX_LIST
        await pilot.press("equals_sign")  # back to the default, which follows the terminal
        assert list_width(app) == 48
        assert saved_width() is None
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert list_width(app) == 40


async def test_titles_get_more_room_as_the_list_widens(library: Path, state: Path) -> None:
    async with running([library], state, size=(80, 24)) as (app, pilot):
        titles, rows = [], []
        for _ in range(5):
            titles.append(column_widths(app.article_list.scrollable_content_region.width)[0])
            rows.append(app.article_list.render_line(0).text)
            await pilot.press("greater_than_sign")
        assert titles == sorted(titles) and titles[-1] >= titles[0] + 10
        assert "Night ferries return to the h" not in rows[0]
        assert "Night ferries return to the h" in rows[-1]


def test_column_widths_give_the_title_room_first() -> None:
    assert column_widths(30) == (17, 0, 6)  # the default list at 80 columns: short date
    title, feed, date = column_widths(57)  # the widest list
    assert title >= 30 and feed >= 8 and date == 10
    for width in range(20, 120):
        title, feed, date = column_widths(width)
        assert title + (feed + 1 if feed else 0) + date + 7 == width
        assert title >= min(24, width - 13)


async def test_a_remembered_width_is_restored_within_the_terminal(
    library: Path, state: Path
) -> None:
    save_settings(settings_path(), Settings(list_width=56))
    async with running([library], state, size=(120, 40)) as (app, pilot):
        assert list_width(app) == 56
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert list_width(app) == 80 - MIN_ARTICLE  # the article keeps room to read
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert list_width(app) == 56  # the choice, not the squeezed width
        assert saved_width() == 56


async def test_full_screen_and_back(library: Path, state: Path) -> None:
    async with running([library], state, size=(120, 40)) as (app, pilot):
        await pilot.press("z")
        assert not list_shown(app) and article_shown(app)
        assert app.pane.has_focus and focus_is_shown(app)
        await pilot.press("j")  # keys scroll the article, full-screen
        assert app.pane.has_focus
        await pilot.press("z")
        assert list_shown(app) and article_shown(app)
        await pilot.press("z", "h")  # back to the list from full-screen
        assert list_shown(app) and article_shown(app)
        assert app.article_list.has_focus
        await pilot.press("z", "escape")  # esc too, with no search to clear
        assert list_shown(app) and app.article_list.has_focus


async def test_h_goes_from_the_article_to_the_list_beside_it(library: Path, state: Path) -> None:
    async with running([library], state, size=(120, 40)) as (app, pilot):
        await pilot.press("enter")
        assert app.pane.has_focus
        await pilot.press("h")
        assert app.article_list.has_focus and article_shown(app)


async def test_search_from_full_screen_shows_the_list(library: Path, state: Path) -> None:
    async with running([library], state, size=(120, 40)) as (app, pilot):
        await pilot.press("z", "slash")
        assert list_shown(app) and app.main.search_box.has_focus
        await pilot.press(*"storm")
        await settle(pilot)
        assert len(app.article_list.rows) == 1


async def test_a_narrow_terminal_shows_the_list_or_the_article(library: Path, state: Path) -> None:
    async with running([library], state, size=(60, 20)) as (app, pilot):
        assert list_shown(app) and not article_shown(app)
        assert app.main.query_one("#sidebar").outer_size.width == 60  # all of it
        assert app.article_list.has_focus
        await pilot.press("j", "enter")
        await settle(pilot)
        assert article_shown(app) and not list_shown(app)
        assert app.pane.has_focus and focus_is_shown(app)
        assert app.pane.outer_size.width == 60
        assert app.pane.reading is not None
        assert app.pane.reading.article == app.article_list.rows[1]
        await pilot.press("h")
        assert list_shown(app) and not article_shown(app)
        assert app.article_list.has_focus
        await pilot.press("enter", "escape")
        assert list_shown(app) and app.article_list.has_focus
        await pilot.press("z")  # the article alone, from the list
        assert article_shown(app) and not list_shown(app) and app.pane.has_focus
        await pilot.press("z")
        assert list_shown(app) and app.article_list.has_focus
        await pilot.press("greater_than_sign")  # no room for both: says so, keeps the list
        assert list_shown(app) and not article_shown(app)
        assert saved_width() is None
        assert any("too narrow" in n.message for n in app._notifications)


async def test_resizing_keeps_the_view_and_the_focus_sensible(library: Path, state: Path) -> None:
    async with running([library], state, size=(120, 40)) as (app, pilot):
        await pilot.press("enter")  # reading, beside the list
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert article_shown(app) and not list_shown(app) and app.pane.has_focus
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert article_shown(app) and list_shown(app)
        await pilot.press("h")  # in the list, the narrow terminal shows the list
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert list_shown(app) and not article_shown(app)
        assert app.article_list.has_focus and focus_is_shown(app)


async def test_esc_clears_a_search_before_it_goes_back_to_the_list(
    library: Path, state: Path
) -> None:
    async with running([library], state, size=(60, 20)) as (app, pilot):
        await pilot.press("slash", *"storm")
        await settle(pilot)
        await pilot.press("enter", "enter")  # keep the results, open the match
        await settle(pilot)
        assert article_shown(app) and len(app.article_list.rows) == 1
        await pilot.press("escape")
        await settle(pilot)
        assert app.main.search_box.value == "" and len(app.article_list.rows) == 3
        assert list_shown(app) and app.article_list.has_focus


async def test_dragging_the_divider_resizes_the_list(library: Path, state: Path) -> None:
    async with running([library], state, size=(120, 40)) as (app, pilot):
        sidebar = app.main.query_one("#sidebar")
        border = (sidebar.outer_size.width - 1, 10)
        assert await pilot.mouse_down(sidebar, offset=border)
        await pilot.hover(None, offset=(39, 10))
        assert list_width(app) == 40
        assert saved_width() is None  # saved once, at the release
        await pilot.hover(None, offset=(54, 12))
        await pilot.mouse_up(None, offset=(54, 12))
        assert list_width(app) == 55
        assert saved_width() == 55
        await pilot.hover(None, offset=(20, 12))  # released: moving the mouse does nothing
        assert list_width(app) == 55
        # Beyond the bounds the divider stops.
        await pilot.mouse_down(sidebar, offset=(54, 5))
        await pilot.mouse_up(None, offset=(110, 5))
        assert list_width(app) == MAX_LIST and saved_width() == MAX_LIST


async def test_a_click_in_the_list_is_not_a_drag(library: Path, state: Path) -> None:
    async with running([library], state, size=(120, 40)) as (app, pilot):
        await pilot.click("#articles", offset=(10, 1))
        assert app.article_list.cursor == 1
        assert list_width(app) == 48 and saved_width() is None


async def test_opening_keys_show_the_article_in_a_narrow_terminal(
    library: Path, state: Path
) -> None:
    """With the list alone on screen, n, J and space open an article where it can be seen
    (they would otherwise open it, and count it read, out of sight)."""
    async with running([library], state, size=(60, 20)) as (app, pilot):
        rows = app.article_list.rows
        await pilot.press("space")
        await settle(pilot)
        assert article_shown(app) and app.pane.has_focus
        assert app.pane.reading is not None and app.pane.reading.article == rows[0]
        await pilot.press("h", "n")
        await settle(pilot)
        assert article_shown(app) and app.pane.reading.article == rows[1]
        await pilot.press("h", "J")
        await settle(pilot)
        assert article_shown(app) and app.pane.reading.article == rows[2]
        await pilot.press("h", "n")  # nothing unread below: the list stays
        assert list_shown(app) and app.article_list.has_focus


async def test_an_article_under_the_cursor_of_a_list_alone_is_not_read(
    library: Path, state: Path
) -> None:
    """In a narrow terminal the list shows alone: the article the cursor moved to is
    loaded behind it but not seen, so the read delay must not mark it read."""
    async with running([library], state, size=(60, 20), read_after=0.05) as (app, pilot):
        assert not app.pane.display
        await pilot.press("j")
        target = app.article_list.current
        assert target is not None
        await wait_until(pilot, lambda: app.pane.reading is not None, seconds=3)
        await pilot.pause(0.3)  # well past the read delay
        assert not app.store.is_read(target.id)
        await pilot.press("enter")  # opened on purpose: now it is read
        await settle(pilot)
        assert app.store.is_read(target.id)


async def test_timers_that_touch_the_screen_die_with_it(library: Path, state: Path) -> None:
    """Quitting while a search's highlights wait for a typing pause, or an article
    waits to count as read: the app's own timers may fire once its screens are gone
    (CI saw it), the screen's and the pane's are stopped with them."""
    async with running([library], state, size=(120, 40), read_after=600) as (app, pilot):
        await pilot.press("j")  # the cursor stops on an article: it counts as read later
        await wait_until(pilot, lambda: app.flow._read_timer is not None)
        assert app.flow._read_timer is not None
        assert app.flow._read_timer in app.main._timers
        await pilot.press("slash", *"storm")
        await wait_until(pilot, lambda: app._highlight_timer is not None)
        assert app._highlight_timer in app.pane._timers
