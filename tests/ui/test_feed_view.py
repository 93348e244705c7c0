"""The feed view (`f`): counts per feed, choosing a feed, live updates, focus, room."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.core.config import Config
from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.article_list import ArticleList
from reader.ui.feed_view import OVER_LIST_CLASS, FeedEntry
from tests.ui.articles import BAKERY_POST, write_library
from tests.ui.helpers import counts_text, running, settle, wait_until


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """harbour-times (a ferry page and a storm post) and valley-post (a bakery post)."""
    return write_library(tmp_path / "library")


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state.json"


def lines(app: ReaderApp) -> list[tuple[str, str, bool]]:
    """The feed view's lines: (label, counts, chosen)."""
    return [(e.label, e.counts, e.chosen) for e in app.main.feed_view.entries]


def entry(app: ReaderApp, label: str) -> FeedEntry:
    return next(e for e in app.main.feed_view.entries if e.label == label)


async def choose(app: ReaderApp, pilot: Pilot[None], label: str) -> None:
    """Move the feed view's cursor to `label` with j/k and press enter."""
    view = app.main.feed_view
    assert view.has_focus
    target = [e.label for e in view.entries].index(label)
    for _ in range(len(view.entries)):
        if view.cursor == target:
            break
        await pilot.press("j" if view.cursor < target else "k")
    assert view.cursor == target
    await pilot.press("enter")
    await settle(pilot)


async def test_f_shows_and_hides_the_feed_view_with_counts(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        view = app.main.feed_view
        assert not view.display or not view.shown
        assert view.region.width == 0  # takes no room while hidden
        await pilot.press("f")
        assert view.shown and view.has_focus and view.region.width >= 24
        assert app.article_list.region.width > 0  # beside the list at 120 columns
        assert lines(app) == [
            ("All", "3/3", True),
            ("Unread", "3", False),
            ("Starred", "0/0", False),
            ("harbour-times", "2/2", False),
            ("valley-post", "1/1", False),
        ]
        await pilot.press("tab")  # to the list: f goes back to the view
        await pilot.press("f")
        assert view.shown and view.has_focus
        await pilot.press("f")  # in the view: f hides it
        assert not view.shown and view.region.width == 0
        assert app.article_list.has_focus


async def test_choosing_a_feed_filters_the_list(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await pilot.press("f")
        await choose(app, pilot, "valley-post")
        assert [a.title for a in app.article_list.rows] == [
            "Valley bakery wins the regional bread prize"
        ]
        assert app.article_list.has_focus  # enter goes to the list, as in newsboat
        assert entry(app, "valley-post").chosen and not entry(app, "All").chosen
        assert counts_text(app) == "valley-post: 1 unread / 1"
        await pilot.press("shift+tab")
        assert app.main.feed_view.has_focus
        await choose(app, pilot, "All")
        assert len(app.article_list.rows) == 3
        assert counts_text(app) == "3 unread / 3"
        assert entry(app, "All").chosen and not entry(app, "valley-post").chosen


async def test_a_click_chooses_a_feed(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await pilot.press("f")
        await pilot.click("#feeds", offset=(3, 3))  # the fourth line: harbour-times
        await settle(pilot)
        assert {a.feed for a in app.article_list.rows} == {"harbour-times"}
        assert len(app.article_list.rows) == 2


async def test_unread_and_starred_entries_are_the_u_and_s_toggles(
    library: Path, state: Path
) -> None:
    async with running([library], state) as (app, pilot):
        storm = next(a for a in app.articles if a.title.startswith("Storm"))
        app.store.set_starred(storm.id, True)
        app.store.set_read(storm.id, True)
        await pilot.press("f")
        await choose(app, pilot, "harbour-times")
        await pilot.press("shift+tab")
        await choose(app, pilot, "Unread")
        assert app.filters.unread_only and app.main.feed_view.has_focus  # a toggle: stays
        assert [a.title for a in app.article_list.rows] == [
            "Night ferries return to the harbour route"
        ]
        assert entry(app, "Unread").chosen and entry(app, "harbour-times").chosen
        await pilot.press("u")  # the same toggle, from the key
        assert not app.filters.unread_only and not entry(app, "Unread").chosen
        await choose(app, pilot, "Starred")
        assert app.filters.starred_only and entry(app, "Starred").counts == "0/1"
        assert [a.title for a in app.article_list.rows] == [storm.title]
        assert "starred only" in counts_text(app)
        await choose(app, pilot, "All")  # every filter off
        assert not app.filters.starred_only and app.filters.feed is None
        assert len(app.article_list.rows) == 3


async def test_the_feed_combines_with_a_search(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await pilot.press("slash", *"-ferry", "enter")
        await settle(pilot)
        assert [a.title[:6] for a in app.article_list.rows] == ["Storm ", "Valley"]
        await pilot.press("f")
        await choose(app, pilot, "valley-post")
        assert [a.title[:6] for a in app.article_list.rows] == ["Valley"]
        await pilot.press("f")
        await choose(app, pilot, "harbour-times")
        assert [a.title[:6] for a in app.article_list.rows] == ["Storm "]
        assert app.filters.search_query is not None  # the search stays
        assert counts_text(app).startswith("search: 1 match")
        await pilot.press("shift+tab")  # the search box is open: it comes between
        assert app.main.search_box.has_focus


async def test_counts_follow_marks(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await pilot.press("f")
        await choose(app, pilot, "valley-post")
        await pilot.press("m")  # the bakery post: read
        await wait_until(pilot, lambda: entry(app, "valley-post").counts == "0/1")
        assert entry(app, "valley-post").counts == "0/1"
        assert entry(app, "All").counts == "2/3"
        assert counts_text(app) == "valley-post: 0 unread / 1"
        await pilot.press("s")
        await wait_until(pilot, lambda: entry(app, "Starred").counts == "0/1")
        assert entry(app, "Starred").counts == "0/1"


async def test_the_feed_views_kept_lines_are_the_lines_textual_would_paint(
    library: Path, state: Path
) -> None:
    """Its painted lines are kept by entry (counts, chosen) like the article list's."""
    from textual.geometry import Region
    from textual.scroll_view import ScrollView

    def same() -> bool:
        view = app.main.feed_view
        crop = Region(0, 0, view.region.width, view.region.height)
        kept = [list(strip) for strip in view.render_lines(crop)]
        view._styles_cache.clear()
        return kept == [list(strip) for strip in ScrollView.render_lines(view, crop)]

    async with running([library], state) as (app, pilot):
        await pilot.press("f")
        await settle(pilot)
        assert same()
        await choose(app, pilot, "valley-post")
        await pilot.press("f")  # back to the feed view: the chosen feed is marked
        await settle(pilot)
        assert same()
        assert app.main.feed_view.has_focus
        same()  # painted and kept with the focus where it stays now
        await pilot.press("m")  # the bakery post read: its feed's counts change
        await wait_until(pilot, lambda: entry(app, "valley-post").counts == "0/1")
        assert app.main.feed_view.has_focus
        assert same()


async def test_counts_follow_files_added_and_removed(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await pilot.press("f")
        await choose(app, pilot, "valley-post")
        (library / "valley-post" / "mill.md").write_text(
            BAKERY_POST.replace("Valley bakery wins", "Old mill reopens as"), encoding="utf-8"
        )
        await wait_until(pilot, lambda: entry(app, "valley-post").counts == "2/2")
        assert entry(app, "valley-post").counts == "2/2"
        assert len(app.article_list.rows) == 2
        (library / "new-feed").mkdir()
        (library / "new-feed" / "a.md").write_text(BAKERY_POST.replace("Valley", "New"))
        await wait_until(
            pilot, lambda: any(e.label == "new-feed" for e in app.main.feed_view.entries)
        )
        assert entry(app, "new-feed").counts == "1/1"
        for path in (library / "valley-post").iterdir():
            path.unlink()
        await wait_until(pilot, lambda: entry(app, "valley-post").counts == "0/0")
        # The chosen feed keeps its line (at 0/0) while it has no article.
        assert entry(app, "valley-post").chosen and app.article_list.rows == []


async def test_keyboard_focus_moves_through_feeds_list_and_article(
    library: Path, state: Path
) -> None:
    async with running([library], state) as (app, pilot):
        view = app.main.feed_view
        await pilot.press("f")
        assert view.has_focus and view.cursor == 0
        await pilot.press("j", "down", "k")
        assert view.cursor == 1
        await pilot.press("G")
        assert view.current is not None and view.current.label == "valley-post"
        await pilot.press("g")
        assert view.cursor == 0
        await pilot.press("tab")
        assert app.article_list.has_focus
        await pilot.press("tab")
        assert app.pane.has_focus
        await pilot.press("tab")
        assert view.has_focus
        await pilot.press("j")  # the feed view's j, not the list's
        assert view.cursor == 1 and app.article_list.cursor == 0


async def test_narrow_terminal_shows_the_feed_view_in_place_of_the_list(
    library: Path, state: Path
) -> None:
    async with running([library], state, size=(80, 24)) as (app, pilot):
        await pilot.press("f")
        await pilot.pause()
        assert app.main.has_class(OVER_LIST_CLASS)
        assert app.article_list.region.width == 0 and app.pane.region.width > 30
        await choose(app, pilot, "harbour-times")
        assert not app.main.feed_view.shown and not app.main.has_class(OVER_LIST_CLASS)
        assert app.article_list.has_focus and app.article_list.region.width > 0
        assert counts_text(app) == "harbour-times: 2 unread / 2"
        await pilot.press("f")
        view = app.main.feed_view
        assert view.current is not None and view.current.label == "harbour-times"
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not app.main.has_class(OVER_LIST_CLASS)  # room again: beside the list
        assert app.article_list.region.width > 0


@pytest.mark.parametrize("reading", [False, True])
async def test_a_terminal_too_narrow_for_two_panes_gives_the_feed_view_its_whole_width(
    library: Path, state: Path, reading: bool
) -> None:
    async with running([library], state, size=(60, 20)) as (app, pilot):
        if reading:  # the article alone on screen when `f` is pressed
            await pilot.press("enter")
            await settle(pilot)
            assert app.pane.region.width == 60
        await pilot.press("f")
        await pilot.pause()
        view = app.main.feed_view
        assert view.has_focus and view.region.width == 60
        assert app.pane.region.width == 0 and app.article_list.region.width == 0
        await choose(app, pilot, "harbour-times")
        assert app.article_list.has_focus and app.article_list.region.width == 60


async def test_feed_keys_are_remappable(library: Path, tmp_path: Path) -> None:
    config = Config(keys={"reader.feeds": "F", "feeds.cursor_down": "ctrl+n"})
    store = StateStore(tmp_path / "state.json")
    store.load()
    app = ReaderApp([library], store, config=config)
    app.flow.read_after = 600
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        assert not app.main.feed_view.shown
        await pilot.press("F")
        assert app.main.feed_view.has_focus
        await pilot.press("j", "ctrl+n")
        assert app.main.feed_view.cursor == 1


async def test_many_feeds_scroll_with_the_cursor(tmp_path: Path, state: Path) -> None:
    root = tmp_path / "many"
    for n in range(120):
        (root / f"feed-{n:03}").mkdir(parents=True)
        (root / f"feed-{n:03}" / "a.md").write_text(BAKERY_POST.replace("Valley", f"V{n}"))
    async with running([root], state, size=(120, 30)) as (app, pilot):
        view = app.main.feed_view
        await pilot.press("f")
        assert len(view.entries) == 3 + 120 and view.virtual_size.height == 123
        await pilot.press("G")
        assert view.current is not None and view.current.label == "feed-119"
        assert view.scroll_offset.y > 0  # the cursor's line is on screen
        assert view.cursor - view.scroll_offset.y < view.size.height
        await pilot.press("pageup")
        assert view.cursor == 122 - (view.size.height - 1)
        await pilot.press("enter")
        await settle(pilot)
        assert {a.feed for a in app.article_list.rows} == {view.entries[view.cursor].label}


async def test_a_list_emptied_as_the_app_closes_is_no_crash(library: Path, state: Path) -> None:
    """The list's "nothing highlighted" can reach the app after its screens are gone
    (the feed's files removed just before quitting): it is dropped, not shown."""
    async with running([library], state) as (app, _pilot):
        assert app.loaded and app.articles
    assert not app.screen_stack
    app._on_highlighted(ArticleList.Highlighted(None))  # as the queue delivers it late
