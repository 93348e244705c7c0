"""The key contract, driven through the real app with Pilot."""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from reader.core import library as library_module
from reader.core.indexer import BackgroundIndexer
from reader.core.query import parse_query
from reader.core.search import SearchIndex
from reader.core.state import StateStore
from reader.ui import app as app_module
from reader.ui.app import ReaderApp
from reader.ui.help import HelpScreen
from reader.ui.key_bar import KeyBar
from reader.ui.services.indexing import IndexingService
from tests.conftest import SAMPLE_FEEDS, SEED_LIKE_PAGE
from tests.ui.helpers import counts_text, indexed, pane_text, running, settle, wait_until

SAMPLE_COUNT = sum(1 for p in SAMPLE_FEEDS.rglob("*") if p.suffix in {".txt", ".md"})


@pytest.fixture
def library(tmp_path: Path) -> Path:
    target = tmp_path / "library"
    shutil.copytree(SAMPLE_FEEDS, target)
    return target


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state.json"


async def test_list_shows_every_article_newest_first(library: Path, state: Path) -> None:
    async with running([library], state) as (app, _pilot):
        rows = app.article_list.rows
        assert len(rows) == SAMPLE_COUNT
        dated = [a.date for a in rows if a.date]
        assert dated == sorted(dated, reverse=True)
        assert counts_text(app) == f"{SAMPLE_COUNT} unread / {SAMPLE_COUNT}"


async def test_movement_keys(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        listing = app.article_list
        await pilot.press("j", "j", "down")
        assert listing.cursor == 3
        await pilot.press("k", "up")
        assert listing.cursor == 1
        await pilot.press("G")
        assert listing.cursor == SAMPLE_COUNT - 1
        await pilot.press("g")
        assert listing.cursor == 0
        await pilot.press("end")
        assert listing.cursor == SAMPLE_COUNT - 1
        await pilot.press("home")
        assert listing.cursor == 0


async def test_enter_opens_focuses_and_marks_read(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await pilot.press("j", "enter")
        await settle(pilot)
        article = app.article_list.rows[1]
        assert app.pane.has_focus
        assert app.pane.reading is not None and app.pane.reading.article == article
        assert article.title in pane_text(app)
        fresh = StateStore(state)
        fresh.load()
        assert fresh.is_read(article.id)


async def test_quick_movement_does_not_mark_read_but_dwelling_does(
    library: Path, state: Path
) -> None:
    async with running([library], state, read_after=1.0) as (app, pilot):
        await pilot.press("j", "j", "j", "j")
        passed = app.article_list.rows[1:4]
        await pilot.pause(0.3)
        assert not any(app.store.is_read(a.id) for a in passed)
        current = app.article_list.rows[4]
        await pilot.pause(1.3)
        await settle(pilot)
        assert app.store.is_read(current.id)
        assert not any(app.store.is_read(a.id) for a in passed)


async def test_star_and_toggle_read_persist(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await pilot.press("s", "m")
        await settle(pilot)
        article = app.article_list.rows[0]
    fresh = StateStore(state)
    fresh.load()
    assert fresh.is_starred(article.id)
    assert fresh.is_read(article.id)
    async with running([library], state) as (app, pilot):
        await pilot.press("s")
        await settle(pilot)
        assert not app.store.is_starred(article.id)


async def test_unread_and_starred_filters(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await pilot.press("m", "j", "s")
        await settle(pilot)
        read_one, starred_one = app.article_list.rows[0], app.article_list.rows[1]
        await pilot.press("u")
        assert read_one not in app.article_list.rows
        assert len(app.article_list.rows) == SAMPLE_COUNT - 1
        assert "unread only" in counts_text(app)
        await pilot.press("u", "S")
        assert app.article_list.rows == [starred_one]
        await pilot.press("S")
        assert len(app.article_list.rows) == SAMPLE_COUNT


async def test_text_filter_matches_titles_and_bodies(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await pilot.press("slash", *"lido")
        await settle(pilot)
        titles = [a.title for a in app.article_list.rows]
        assert any("Lido" in t for t in titles)
        assert len(titles) < SAMPLE_COUNT
        await pilot.press("escape")
        await pilot.press("slash", *"wrenhaven")  # a town named inside bodies
        await settle(pilot)
        rows = app.article_list.rows
        assert 1 < len(rows) < SAMPLE_COUNT
        assert f"search: {len(rows)} matches" in counts_text(app)
        await pilot.press("escape")
        assert len(app.article_list.rows) == SAMPLE_COUNT
        assert app.article_list.has_focus


async def test_boilerplate_toggle_shows_reasons(seed_library: Path, state: Path) -> None:
    async with running([seed_library], state) as (app, pilot):
        await pilot.press("enter")
        await settle(pilot)
        text = pane_text(app)
        assert "approved a new ferry timetable" in text
        assert "LATEST NEWS" not in text
        assert "Lighthouse keeper retires" not in text
        await pilot.press("b")
        shown = pane_text(app)
        assert "LATEST NEWS" in shown and "⊘ hidden:" in shown
        await pilot.press("b")
        assert "LATEST NEWS" not in pane_text(app)


async def test_next_unread_and_article_stepping(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        rows = app.article_list.rows
        await pilot.press("j", "m", "k")  # row 1 read
        await settle(pilot)
        await pilot.press("n")
        assert app.article_list.cursor == 2
        await pilot.press("p")
        assert app.article_list.cursor == 0
        await pilot.press("J", "J")
        await settle(pilot)
        assert app.article_list.cursor == 2
        assert app.pane.reading is not None and app.pane.reading.article == rows[2]
        await pilot.press("K")
        assert app.article_list.cursor == 1


async def test_space_pages_then_moves_to_next_unread(library: Path, state: Path) -> None:
    async with running([library], state, size=(120, 20)) as (app, pilot):
        await pilot.press("enter")
        await settle(pilot)
        assert app.pane.max_scroll_y > 0
        await pilot.press("space")
        assert app.pane.scroll_y > 0
        for _ in range(60):
            if app.pane.at_end:
                break
            await pilot.press("space")
        await pilot.press("space")
        await settle(pilot)
        assert app.article_list.cursor == 1


async def test_help_screen_lists_keys(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_a_library_emptied_while_running_gives_the_empty_library_advice(
    tmp_path: Path, state: Path
) -> None:
    """The last file removed while the app runs: the pane kept showing the gone article,
    with no word of where the reader looks or which files it reads."""
    library = tmp_path / "lone"
    (library / "feed").mkdir(parents=True)
    lone = library / "feed" / "a.txt"
    lone.write_text("date 2025-01-02 A lone article\n\nThe only text here.\n", encoding="utf-8")
    async with running([library], state) as (app, pilot):
        await wait_until(pilot, lambda: "The only text here." in pane_text(app))
        assert "The only text here." in pane_text(app)
        lone.unlink()
        await wait_until(pilot, lambda: not app.articles and "Empty library" in pane_text(app))
        assert app.articles == []
        text = pane_text(app)
        assert "Empty library" in text and "The only text here." not in text
        assert str(library) in text and ".html" in text


async def test_the_key_bar_names_each_key_as_the_help_does(library: Path, state: Path) -> None:
    """The bar said pgdn, ⏎ and ^p where the help, `reader keys` and the README say
    PgDn, enter and ctrl+p: a key read on the bar could not be found in the help."""
    from reader.ui.help import help_content

    help_text = help_content().plain

    def named() -> list[str]:
        bar = app.screen.query_one(KeyBar)
        hints = [*bar.hints, *([bar.palette] if bar.palette else [])]
        return [hint.display for hint in hints]

    async with running([library], state) as (app, pilot):
        main_keys = named()
        assert "enter" in main_keys and "ctrl+p" in main_keys
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_keys = named()
        assert "PgDn" in help_keys and "pgdn" not in help_keys
    for key in [*main_keys, *help_keys]:
        assert key in help_text, key


async def test_the_key_bar_follows_the_focus_and_a_click_presses_the_key(
    library: Path, state: Path
) -> None:
    def hints() -> str:
        return app.query_one(KeyBar).render().plain

    async with running([library], state) as (app, pilot):
        assert "enter Open" in hints() and "q Quit" in hints()
        assert "Clear search" not in hints()
        await pilot.press("tab")  # the reading pane: enter opens nothing there
        assert "Open" not in hints() and "q Quit" in hints()
        await pilot.press("slash")
        assert "Done" in hints() and "Clear search" in hints() and "Quit" not in hints()
        await pilot.press(*"lido", "enter")
        await settle(pilot)
        assert "Clear search" in hints() and "enter Open" in hints()
        await pilot.press("escape")
        await pilot.pause()
        assert "Clear search" not in hints()
        bar = app.query_one(KeyBar)
        bar.render()
        start = next(start for start, _end, hint in bar.spans if hint.description == "Help")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("width", [60, 80, 100])
async def test_a_narrow_key_bar_keeps_help_and_quit_and_shows_no_cut_hint(
    library: Path, state: Path, width: int
) -> None:
    async with running([library], state, size=(width, 24)) as (app, _pilot):
        bar = app.query_one(KeyBar)
        line = bar.render()
        assert "? Help" in line.plain and "q Quit" in line.plain
        assert line.cell_len <= width
        shown = [hint.description for _start, _end, hint in bar.spans]
        assert shown[0] == "Open"  # the first hints of the table stay, in order
        assert all(f"{h.display} {h.description}" in line.plain for _s, _e, h in bar.spans)


async def test_reload_picks_up_new_files_and_tab_switches_focus(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        (library / "harbour-gazette" / "new.txt").write_text(SEED_LIKE_PAGE, encoding="utf-8")
        await pilot.press("r")
        await settle(pilot)
        assert len(app.article_list.rows) == SAMPLE_COUNT + 1
        await pilot.press("tab")
        assert app.pane.has_focus
        await pilot.press("tab")
        assert app.article_list.has_focus


async def test_empty_library_explains_what_to_do(tmp_path: Path, state: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    async with running([empty], state) as (app, _pilot):
        assert "No articles found" in pane_text(app)
        assert ".html" in pane_text(app) and ".rss" in pane_text(app)
        assert counts_text(app) == "0 unread / 0"


async def test_hostile_titles_are_shown_literally(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        index = next(i for i, a in enumerate(app.article_list.rows) if "URGENT" in a.title)
        app.article_list.move_to(index)
        await pilot.press("enter")
        await settle(pilot)
        text = pane_text(app)
        assert "[bold red]URGENT[/]" in text
        assert "\x1b" not in text
        assert app.is_running


async def test_mouse_click_selects_a_row(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await pilot.click("#articles", offset=(5, 3))
        assert app.article_list.cursor == 3


async def test_files_written_during_the_run_appear(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        app.article_list.move_to(2)
        selected = app.article_list.current
        (library / "harbour-gazette" / "fresh.txt").write_text(SEED_LIKE_PAGE, encoding="utf-8")
        await wait_until(pilot, lambda: len(app.article_list.rows) == SAMPLE_COUNT + 1)
        assert len(app.article_list.rows) == SAMPLE_COUNT + 1
        assert app.article_list.current == selected
        victim = next(a for a in app.article_list.rows if a.title.startswith("Northfields"))
        os.unlink(victim.path)
        await wait_until(pilot, lambda: victim not in app.article_list.rows)
        assert victim not in app.article_list.rows
        assert app.article_list.current == selected


async def test_a_file_written_during_the_run_is_found_by_full_text_search(
    library: Path, state: Path
) -> None:
    """The change re-runs the indexer; the app must notice it finish (a timer set from
    the watcher's callback) and search the new body, not just its title."""
    page = SEED_LIKE_PAGE.replace("late-evening crossings", "late-evening quokkaboat crossings")
    async with running([library], state) as (app, pilot):
        (library / "harbour-gazette" / "fresh.txt").write_text(page, encoding="utf-8")
        await wait_until(pilot, lambda: len(app.article_list.rows) == SAMPLE_COUNT + 1)
        # The run's end reaches the status line as a message after `busy` drops.
        await wait_until(pilot, lambda: indexed(app), seconds=60)
        await wait_until(pilot, lambda: "indexing" not in counts_text(app))
        assert "indexing" not in counts_text(app)
        await pilot.press("slash", *"quokkaboat")
        await settle(pilot)
        assert counts_text(app).startswith("search: 1 match ·")


async def test_the_indexer_child_is_handed_the_rows_the_app_checked(
    library: Path, state: Path
) -> None:
    """After its check the app saves the cache and hands the indexer child its generation:
    the index then covers it, a next start that finds nothing changed leaves the child
    nothing to do, and a change while the app runs is a new generation, indexed."""
    async with running([library], state) as (app, pilot):
        await wait_until(pilot, lambda: indexed(app), seconds=60)
        first = app.library.session.generation
        assert first is not None
        with SearchIndex(app.indexing.db_path) as index:
            assert index.covers(first)
    async with running([library], state) as (app, pilot):
        assert app.library.session.generation == first
        assert app.indexing.indexer.succeeded and app.indexing.indexer.progress() == (0, 0)
        page = SEED_LIKE_PAGE.replace("late-evening crossings", "late-evening quokkaboat crossings")
        (library / "harbour-gazette" / "fresh.txt").write_text(page, encoding="utf-8")
        await wait_until(pilot, lambda: app.library.session.generation != first)
        await wait_until(pilot, lambda: indexed(app), seconds=60)
        assert indexed(app)
        with SearchIndex(app.indexing.db_path) as index:
            assert len(index.search(parse_query("quokkaboat"))) == 1


async def test_the_search_is_prepared_once_the_keys_rest(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index run that ends while the reader moves through the list leaves the
    search's preparation (a second of Python at 100,000 articles, beside the UI) for
    the first pause of the keys, with the articles listed then."""
    monkeypatch.setattr(app_module, "PREPARE_PAUSE", 0.3)
    async with running([library], state) as (app, pilot):
        await wait_until(pilot, lambda: not app.indexing.busy, seconds=60)
        prepared: list[int] = []
        monkeypatch.setattr(app.searcher, "prepare", lambda rows: prepared.append(len(rows)))
        await pilot.press("j")
        app.post_message(IndexingService.Finished(True))
        for _ in range(4):  # keys 0.1 s apart: no pause long enough
            await pilot.pause(0.1)
            await pilot.press("j")
        assert prepared == []
        await wait_until(pilot, lambda: prepared == [SAMPLE_COUNT], seconds=5)
        assert app.article_list.cursor == 5


async def test_new_and_removed_feed_folders_are_followed(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        feed = library / "new-feed"
        (feed / "deeper").mkdir(parents=True)
        (feed / "deeper" / "one.txt").write_text(SEED_LIKE_PAGE, encoding="utf-8")
        await wait_until(pilot, lambda: len(app.article_list.rows) == SAMPLE_COUNT + 1)
        assert {a.feed for a in app.article_list.rows if "new-feed" in a.path} == {"new-feed"}
        # Files written later inside the new folders are seen too: they are watched now.
        later = SEED_LIKE_PAGE.replace("2025-", "2024-", 1).replace("Harbour", "Later", 1)
        (feed / "deeper" / "two.txt").write_text(later, encoding="utf-8")
        await wait_until(pilot, lambda: len(app.article_list.rows) == SAMPLE_COUNT + 2)
        assert len(app.article_list.rows) == SAMPLE_COUNT + 2
        shutil.rmtree(feed)
        await wait_until(pilot, lambda: len(app.article_list.rows) == SAMPLE_COUNT)
        assert len(app.article_list.rows) == SAMPLE_COUNT


async def test_marks_from_another_instance_show_up(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        article = app.article_list.rows[3]
        other = StateStore(state)
        other.load()
        other.set_starred(article.id, True)
        await wait_until(pilot, lambda: app.store.is_starred(article.id))
        assert app.store.is_starred(article.id)
        await pilot.press("s")  # our own change merges with theirs, losing neither
        await settle(pilot)
        other.refresh()
        assert other.is_starred(app.article_list.rows[0].id)
        assert other.is_starred(article.id)


async def test_search_syntax_and_errors_in_the_app(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await pilot.press("m")  # the first article is read
        await settle(pilot)
        first = app.article_list.rows[0]
        await pilot.press("slash", *"is:unread feed:tech-ledger")
        await pilot.pause(0.3)
        await settle(pilot)
        rows = app.article_list.rows
        assert rows and all(a.feed == "tech-ledger" for a in rows)
        assert first not in rows
        await pilot.press("ctrl+a", "ctrl+k", *"after:nope")
        await pilot.pause(0.3)
        await settle(pilot)
        assert "after: expects YYYY-MM-DD" in counts_text(app)


async def test_titles_are_searched_before_the_index_exists(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        app.searcher.index_ready = False
        await pilot.press("slash", *"lido")
        await pilot.pause(0.3)
        await settle(pilot)
        assert not app.searcher.index_ready
        assert [a.title for a in app.article_list.rows] == [
            a.title for a in app.articles if "Lido" in a.title
        ]
        # "search: 1 title match, no index yet · 15 unread / 15" is wider than the
        # sidebar: the short form keeps the facts (titles only) and the counts whole.
        assert counts_text(app) == "1 title match · 15 unread / 15"


async def test_a_failed_index_run_is_reported(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running([library], state) as (app, pilot):
        monkeypatch.setattr(BackgroundIndexer, "failed", property(lambda self: True))
        app.searcher.index_ready = False
        await pilot.press("slash", *"lido")
        await pilot.pause(0.3)
        await settle(pilot)
        assert counts_text(app) == "1 title match · 15 unread / 15 · indexing failed"


async def test_mark_all_read_asks_and_ctrl_z_undoes(library: Path, state: Path) -> None:
    from reader.ui.dialogs import ConfirmScreen

    async with running([library], state) as (app, pilot):
        await pilot.press("A")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert not any(app.store.is_read(a.id) for a in app.articles[1:])
        await pilot.press("A", "y")
        await settle(pilot)
        assert all(app.store.is_read(a.id) for a in app.articles)
        assert counts_text(app).startswith("0 unread")
        await pilot.press("ctrl+z")
        await settle(pilot)
        unread = [a for a in app.articles if not app.store.is_read(a.id)]
        assert len(unread) == SAMPLE_COUNT


async def test_open_url_asks_first(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    from reader.ui.dialogs import ConfirmScreen

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    async with running([library], state) as (app, pilot):
        index = next(i for i, a in enumerate(app.article_list.rows) if a.url)
        app.article_list.move_to(index)
        await pilot.press("o")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        assert opened == []
        await pilot.press("o", "enter")
        await settle(pilot)
        assert opened == [app.article_list.rows[index].url]
        app.article_list.move_to(next(i for i, a in enumerate(app.article_list.rows) if not a.url))
        await pilot.press("o", "y")  # no link: nothing to confirm, nothing opened
        assert len(opened) == 1


async def test_save_failure_is_shown_and_recovers(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os as os_module

    from reader.core import state as state_module

    async with running([library], state) as (app, pilot):
        real_replace = os_module.replace

        def full_disk(*args: object, **kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(state_module.os, "replace", full_disk)
        await pilot.press("s")
        await settle(pilot)
        starred = app.article_list.rows[0]
        assert app.store.is_starred(starred.id)
        assert "marks NOT saved" in counts_text(app)
        monkeypatch.setattr(state_module.os, "replace", real_replace)
        await wait_until(pilot, lambda: app.store.save_error is None)
        await settle(pilot)
        assert "marks NOT saved" not in counts_text(app)
    fresh = StateStore(state)
    fresh.load()
    assert fresh.is_starred(starred.id)


async def test_skipped_files_are_listed(library: Path, state: Path) -> None:
    from reader.ui.dialogs import ProblemsScreen

    os.mkfifo(library / "tech-ledger" / "pipe.txt")
    async with running([library], state) as (app, pilot):
        assert "1 skipped" in counts_text(app)
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        assert any("pipe.txt" in str(p) for p in app.screen.problems)


async def test_changes_are_polled_when_the_watcher_fails(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import watchfiles

    from reader.core import watch as watch_module

    def broken_watch(*args: object, **kwargs: object) -> object:
        raise OSError("cannot watch")
        yield  # pragma: no cover - makes this a generator like watchfiles.watch

    monkeypatch.setattr(watchfiles, "watch", broken_watch)
    monkeypatch.setattr(watch_module, "POLL_EVERY", 0.1)
    async with running([library], state) as (app, pilot):
        (library / "harbour-gazette" / "polled.txt").write_text(SEED_LIKE_PAGE, encoding="utf-8")
        await wait_until(pilot, lambda: len(app.article_list.rows) == SAMPLE_COUNT + 1)
        assert len(app.article_list.rows) == SAMPLE_COUNT + 1


async def test_narrow_terminal_gives_the_title_room_before_the_feed(
    library: Path, state: Path
) -> None:
    async with running([library], state, size=(80, 24)) as (app, _pilot):
        article = app.article_list.rows[0]
        line = app.article_list.render_line(0).text
        assert article.title[:15] in line
        assert article.feed not in line
    async with running([library], state, size=(160, 24)) as (app, _pilot):  # the widest list
        article = app.article_list.rows[0]
        assert article.feed[:8] in app.article_list.render_line(0).text


async def test_the_list_repaints_in_a_new_theme_and_on_focus_changes(
    library: Path, state: Path
) -> None:
    """The list keeps its line styles between frames; they must follow the theme and
    whether the list has focus."""

    def cursor_line_styles() -> set[str]:
        return {str(segment.style) for segment in app.article_list.render_line(0)}

    async with running([library], state) as (app, pilot):
        focused_dark = cursor_line_styles()
        app.theme = "textual-light"
        await pilot.pause()
        focused_light = cursor_line_styles()
        assert focused_light != focused_dark
        await pilot.press("tab")  # focus moves to the reading pane
        assert not app.article_list.has_focus
        assert cursor_line_styles() != focused_light


async def test_the_lists_kept_lines_are_the_lines_textual_would_paint(
    library: Path, state: Path
) -> None:
    """The list keeps its painted lines (by article, marks, cursor and focus) and paints
    them past Textual's per-line styling: what it paints must be what that styling
    paints, as the cursor moves, a mark changes, the focus, theme and width change."""
    from textual.geometry import Region
    from textual.scroll_view import ScrollView

    def both() -> tuple[list[list[object]], list[list[object]]]:
        listing = app.article_list
        crop = Region(0, 0, listing.region.width, listing.region.height)
        kept = [list(strip) for strip in listing.render_lines(crop)]
        listing._styles_cache.clear()
        styled = [list(strip) for strip in ScrollView.render_lines(listing, crop)]
        return kept, styled

    async with running([library], state, size=(100, 14)) as (app, pilot):
        seen = []
        for keys in ["", "j", "G", "g", "s", "m", "tab", "tab"]:
            for key in keys:
                await pilot.press(key)
            await pilot.pause(0.1)
            kept, styled = both()
            assert kept == styled, keys
            seen.append(kept)
        assert seen[1] != seen[0]  # the cursor moved: another line is highlighted
        assert seen[4] != seen[3] and seen[5] != seen[4]  # starred, then read
        app.theme = "textual-light"
        await pilot.pause()
        kept, styled = both()
        assert kept == styled and kept != seen[-1]
        await pilot.resize_terminal(70, 14)
        await pilot.pause(0.1)
        kept, styled = both()
        assert kept == styled
        crop = Region(2, 1, 9, 3)  # part of the list (the compositor asks for such)
        assert [list(s) for s in app.article_list.render_lines(crop)] == [
            list(s) for s in ScrollView.render_lines(app.article_list, crop)
        ]


def held_check_app(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[ReaderApp, threading.Event]:
    """A warm start whose check of the disk waits until the event is set."""
    checked = threading.Event()
    real_scan = library_module.scan  # the session imports it when it scans

    def held_scan(*args: Any, **kwargs: Any) -> Any:
        checked.wait(10)
        return real_scan(*args, **kwargs)

    monkeypatch.setattr(library_module, "scan", held_scan)
    store = StateStore(state)
    store.load()
    return ReaderApp([library], store), checked


async def test_a_warm_start_shows_the_cached_list_then_brings_what_changed(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with running([library], state):
        pass  # the first run writes the metadata cache
    (library / "harbour-gazette" / "fresh.txt").write_text(SEED_LIKE_PAGE, encoding="utf-8")
    app, checked = held_check_app(library, state, monkeypatch)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.loaded)
        assert len(app.article_list.rows) == SAMPLE_COUNT  # whole, before any file is checked
        assert f"unread / {SAMPLE_COUNT}" in counts_text(app)
        checked.set()
        await wait_until(pilot, lambda: len(app.article_list.rows) == SAMPLE_COUNT + 1)
        assert len(app.article_list.rows) == SAMPLE_COUNT + 1


async def test_a_warm_check_that_finds_nothing_changed_keeps_what_was_built_of_the_rows(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows shown from the cache stay when the check finds the disk as it was: a
    million rows set again dropped the feeds' grouping and evidence, and the next open
    waited 0.2-0.4 s to make them again. A problem the check found is still said."""
    async with running([library], state):
        pass  # the first run writes the metadata cache
    app, checked = held_check_app(library, state, monkeypatch)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.loaded)
        shown = app.articles
        feed = shown[0].feed
        grouped = app.reading_service.feed_articles(feed)
        (library / "harbour-gazette" / "notes.pdf").write_bytes(b"%PDF")  # no article
        checked.set()
        await wait_until(pilot, lambda: bool(app.problems))
        assert app.articles is shown
        assert app.reading_service.feed_articles(feed) is grouped  # not grouped again
        assert "notes.pdf" in str(app.problems[0])


async def test_a_cache_read_before_the_ui_is_shown_before_any_file_is_checked(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `reader` starts: the cache is read while the UI is imported (`preload`), the
    screen shows it when it comes up, and the scan, which holds the GIL for a while,
    starts once that list is painted. A file changed while the app was closed still
    shows up, and the cache is then rewritten."""
    from reader.core.cache import load_cache
    from reader.core.session import LibrarySession

    async with running([library], state):
        pass  # the first run writes the metadata cache
    target = library / "harbour-gazette" / "fresh.txt"
    target.write_text(SEED_LIKE_PAGE.replace("Harbour council", "Changed council", 1), "utf-8")
    real_scan = library_module.scan
    seen_at_scan: list[tuple[bool, int]] = []

    def watched_scan(*args: Any, **kwargs: Any) -> Any:
        seen_at_scan.append((app.loaded, len(app.article_list.rows)))
        return real_scan(*args, **kwargs)

    monkeypatch.setattr(library_module, "scan", watched_scan)
    session = LibrarySession([library])
    session.preload()
    store = StateStore(state)
    store.load()
    app = ReaderApp([library], store, session=session)
    assert app.library.session is session
    while not session.preloaded():  # (the CLI imports Textual meanwhile)
        await asyncio.sleep(0.01)
    first_frame: list[int] = []  # the rows shown when the app says its first frame is out
    app.after_first_frame = lambda: first_frame.append(len(app.article_list.rows))
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: len(app.article_list.rows) == SAMPLE_COUNT + 1)
        assert first_frame == [SAMPLE_COUNT]  # once, with the whole cached list in it
        assert seen_at_scan == [(True, SAMPLE_COUNT)]  # the cached list came first, whole
        assert "Changed council" in [a.title[:15] for a in app.articles]
        await settle(pilot)
    assert len(load_cache(session.cache_file)) == SAMPLE_COUNT + 1


def _slow_cache(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The metadata cache's decode waits until the returned event is set."""
    from reader.core import session as session_module

    decoded = threading.Event()
    real_load = session_module.read_cache

    def slow_load(path: Path) -> Any:
        decoded.wait(10)
        return real_load(path)

    monkeypatch.setattr(session_module, "read_cache", slow_load)
    return decoded


async def test_a_large_cache_shows_its_first_rows_while_the_rest_is_decoded(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a million rows the whole cache takes seconds to decode: the screen shows the
    cache's first rows meanwhile, as a list still loading, then the whole list with the
    cursor where it was. The first rows are those of the whole list (newest first), and
    the decode starts once the app says its first frame is out."""
    from reader.core import session as session_module
    from reader.core.session import LibrarySession

    async with running([library], state) as (app, _pilot):
        newest = [a.path for a in app.article_list.rows]
    decoded = _slow_cache(monkeypatch)
    monkeypatch.setattr(session_module, "HEAD_ROWS", 4)
    monkeypatch.setattr(session_module, "EAGER_ROWS", 0)  # decoded after the first frame
    monkeypatch.setattr(session_module, "FIRST_FRAME_WAIT", 60)  # which the app reports
    session = LibrarySession([library])
    session.preload()
    while not session.head()[0]:  # (the CLI imports Textual meanwhile)
        await asyncio.sleep(0.01)
    store = StateStore(state)
    store.load()
    app = ReaderApp([library], store, session=session)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: len(app.article_list.rows) == 4)
        assert [a.path for a in app.article_list.rows] == newest[:4]
        assert "loading… 4 articles so far" in counts_text(app)
        await pilot.press("j")
        decoded.set()
        await wait_until(pilot, lambda: app.loaded)
        await settle(pilot)
        assert [a.path for a in app.article_list.rows] == newest
        assert app.article_list.current is not None
        assert app.article_list.current.path == newest[1]  # the cursor stayed on its row
        assert f"unread / {SAMPLE_COUNT}" in counts_text(app)


def _staged_start(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch, oldest: int
) -> tuple[ReaderApp, threading.Event]:
    """The app on a first start whose scan shows the library's `oldest` rows first (a
    first folder's first files, where names start with their date) and completes once
    the returned event is set."""
    real_scan = library_module.scan
    go_on = threading.Event()

    def staged(*args: Any, **kwargs: Any) -> Any:
        on_batch = kwargs.pop("on_batch", None)
        library = real_scan(*args, **kwargs)
        if on_batch is not None:
            on_batch(list(library.articles[-oldest:]))
            go_on.wait(10)
        return library

    monkeypatch.setattr(library_module, "scan", staged)
    store = StateStore(state)
    store.load()
    return ReaderApp([library], store), go_on


async def test_a_first_listing_ends_on_its_newest_row_with_it_open(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first start's rows come oldest first: the cursor stayed on the first one to
    come, and the whole list showed the user articles years old, its newest far above.
    Until the user acts, the cursor follows the top row; nothing opens while rows come
    in, and the top one opens once they are all listed."""
    monkeypatch.setattr(app_module, "TOP_SETTLE", 60)  # (the next test has it settle)
    app, go_on = _staged_start(library, state, monkeypatch, oldest=3)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: len(app.article_list.rows) == 3)
        partial = list(app.article_list.rows)
        assert len(partial) == 3 and not app.loaded
        await pilot.pause(0.3)  # (longer than the open's delay)
        assert app.pane.reading is None
        go_on.set()
        await wait_until(pilot, lambda: app.loaded and app.pane.reading is not None)
        await settle(pilot)
        rows = app.article_list.rows
        assert len(rows) == SAMPLE_COUNT and rows[-3:] == partial
        assert app.article_list.cursor == 0
        assert int(app.article_list.scroll_offset.y) == 0
        assert app.pane.reading is not None and app.pane.reading.article == rows[0]


async def test_a_first_listings_top_opens_once_it_stays_the_top(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a million files on a cold disk the list takes minutes: a top row that stays
    the top a moment opens before the list is whole, and the newest once it is."""
    monkeypatch.setattr(app_module, "TOP_SETTLE", 0.1)
    app, go_on = _staged_start(library, state, monkeypatch, oldest=3)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.pane.reading is not None)
        assert not app.loaded
        partial = app.article_list.rows
        assert app.pane.reading is not None and app.pane.reading.article == partial[0]
        go_on.set()
        await wait_until(pilot, lambda: app.loaded)
        await settle(pilot)
        newest = app.article_list.rows[0]
        await wait_until(pilot, lambda: app.pane.reading.article == newest)  # type: ignore[union-attr]
        assert app.pane.reading is not None and app.pane.reading.article == newest != partial[0]


async def test_a_first_listing_keeps_the_row_the_user_moved_to(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the user moved while rows came in, the cursor stays on their article."""
    app, go_on = _staged_start(library, state, monkeypatch, oldest=3)
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: len(app.article_list.rows) == 3)
        await pilot.press("j")
        chosen = app.article_list.rows[1]
        await wait_until(pilot, lambda: app.pane.reading is not None)
        assert app.pane.reading is not None and app.pane.reading.article == chosen
        go_on.set()
        await wait_until(pilot, lambda: app.loaded)
        await settle(pilot)
        assert app.article_list.current == chosen
        assert app.pane.reading is not None and app.pane.reading.article == chosen


async def test_a_large_caches_first_rows_open_their_top_while_the_rest_is_decoded(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache's first rows are the list's top already (unlike a scan's first rows):
    the top article opens at once, not when the whole cache is decoded (seconds at a
    million rows)."""
    from reader.core import session as session_module
    from reader.core.session import LibrarySession

    async with running([library], state) as (app, _pilot):
        newest = app.article_list.rows[0].path
    decoded = _slow_cache(monkeypatch)
    monkeypatch.setattr(session_module, "HEAD_ROWS", 4)
    monkeypatch.setattr(session_module, "EAGER_ROWS", 0)
    monkeypatch.setattr(session_module, "FIRST_FRAME_WAIT", 60)
    session = LibrarySession([library])
    session.preload()
    while not session.head()[0]:
        await asyncio.sleep(0.01)
    store = StateStore(state)
    store.load()
    app = ReaderApp([library], store, session=session)
    try:
        async with app.run_test() as pilot:
            await wait_until(pilot, lambda: app.pane.reading is not None)
            assert not app.loaded  # (the rest is still being decoded)
            assert app.pane.reading is not None and app.pane.reading.article.path == newest
            decoded.set()
            await wait_until(pilot, lambda: app.loaded)
            await settle(pilot)
            assert app.article_list.cursor == 0
    finally:
        decoded.set()


async def test_enter_marks_the_article_read_once_it_is_on_screen(
    library: Path, state: Path
) -> None:
    async with running([library], state) as (app, pilot):
        target = app.article_list.rows[3]
        seen_on_marking: list[bool] = []
        real_set_read = app.marks.set_read

        def set_read(article: Any, value: bool) -> None:
            shown = app.pane.reading
            seen_on_marking.append(shown is not None and shown.article.path == article.path)
            real_set_read(article, value)

        app.marks.set_read = set_read  # type: ignore[method-assign]
        app.article_list.move_to(3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.store.is_read(target.id)
        assert seen_on_marking and all(seen_on_marking)


async def test_a_search_stays_applied_while_the_library_changes(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await pilot.press("slash", *"lido")
        await settle(pilot)
        matched = [a.path for a in app.article_list.rows]
        assert 0 < len(matched) < SAMPLE_COUNT
        (library / "harbour-gazette" / "fresh.txt").write_text(SEED_LIKE_PAGE, encoding="utf-8")
        await wait_until(pilot, lambda: len(app.articles) == SAMPLE_COUNT + 1)
        assert len(app.articles) == SAMPLE_COUNT + 1
        rows = app.article_list.rows
        assert [a.path for a in rows] == matched
        current = {id(a) for a in app.articles}
        assert all(id(a) in current for a in rows)  # the new rows' objects, not stale ones


async def test_textual_built_in_actions_work(library: Path, state: Path) -> None:
    """A keymap may bind Textual's own actions: `focus('pane')` once raised because the
    app's search shadowed DOMNode.query."""
    async with running([library], state) as (app, pilot):
        await app.run_action("focus('pane')")
        await pilot.pause()
        assert app.focused is app.pane


async def test_quitting_right_after_a_first_scan_keeps_the_cache(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scan's own cache write may not have run when the user quits: the quit
    writes it, so the next start is warm."""
    from reader.core.cache import load_cache
    from reader.core.session import LibrarySession

    real_save = LibrarySession.save
    calls: list[str] = []

    def late_save(self: LibrarySession) -> bool:
        calls.append(threading.current_thread().name)
        if len(calls) == 1:
            return False  # the scan worker's write, not done before the quit
        return real_save(self)

    monkeypatch.setattr(LibrarySession, "save", late_save)
    async with running([library], state) as (app, _pilot):
        cache_file = app.library.session.cache_file
        assert not cache_file.exists()
    assert len(calls) == 2
    assert len(load_cache(cache_file)) == SAMPLE_COUNT


async def test_a_warm_start_opens_the_first_article_as_a_cold_one_does(
    library: Path, state: Path
) -> None:
    """The cached rows are shown while the screen mounts; the list's first Highlighted
    made there once named the screen its sender, Textual stopped it at the screen, and
    a warm start left the reading pane empty until the user moved."""
    from reader.core.cache import load_cache

    async with running([library], state) as (app, pilot):
        await wait_until(pilot, lambda: app.pane.reading is not None)
        cold = app.pane.reading
        cache_file = app.library.session.cache_file
    assert cold is not None and load_cache(cache_file)
    async with running([library], state) as (app, pilot):
        assert app.library.session.cache_file.exists()
        await wait_until(pilot, lambda: app.pane.reading is not None)
        warm = app.pane.reading
        assert warm is not None and warm.article.key == cold.article.key
        assert app.article_list.current == warm.article
        assert warm.article.title in pane_text(app)


async def test_a_file_of_several_articles_lists_and_opens_each(tmp_path: Path, state: Path) -> None:
    """Entry keys through the app: each entry a row, each opens its own text, and a
    rewrite of the file replaces all its rows (a format registered for the test)."""
    from reader.core.formats import register, unregister
    from tests.core.test_formats import ENTRIES, MULTI, write_multi

    register(MULTI)
    try:
        digest = write_multi(tmp_path / "lib" / "news" / "digest.multi", ENTRIES)
        async with running([tmp_path / "lib"], state) as (app, pilot):
            titles = [a.title for a in app.article_list.rows]
            assert titles == ["Harbour dredged", "Lighthouse repainted", "Ferry crossings added"]
            await pilot.press("j", "enter")
            await settle(pilot)
            assert "coat of paint" in pane_text(app)
            assert "Dredgers" not in pane_text(app)
            fewer = {k: v for k, v in ENTRIES.items() if k != "e2"}
            write_multi(digest, fewer)
            await wait_until(pilot, lambda: len(app.article_list.rows) == 2)
            assert [a.title for a in app.article_list.rows] == [
                "Harbour dredged",
                "Ferry crossings added",
            ]
    finally:
        unregister(MULTI)


async def test_a_count_update_after_the_screens_are_gone_is_ignored(
    library: Path, state: Path
) -> None:
    # a read timer's or the indexer's message can arrive while the app shuts down
    async with running([library], state) as (app, pilot):
        await settle(pilot)
    app._update_counts()


async def test_a_narrow_empty_library_explains_what_to_do_in_the_list(
    tmp_path: Path, state: Path
) -> None:
    """Below 70 columns the list stands alone: it gives the advice the pane gives."""
    empty = tmp_path / "empty"
    empty.mkdir()
    async with running([empty], state, size=(60, 20)) as (app, pilot):
        assert not app.pane.display
        lines = [app.article_list.render_line(y).text for y in range(12)]
        text = " ".join(line.strip() for line in lines)
        assert lines[0].startswith("  No articles found in /")
        assert "press r to reload" in text and "press ! for the files it skipped" in text
        assert all(len(line) == app.article_list.scrollable_content_region.width for line in lines)
        await pilot.resize_terminal(120, 30)  # the pane beside it says it instead
        await settle(pilot)
        assert app.article_list.render_line(0).text.strip() == ""
        assert "No articles found" in pane_text(app)
