"""What counts as read (issue 11, item 1) and moving through unread (item 4), with Pilot.

Every way an article must NOT be marked read (start-up, the search box, new rows) and
every way it must (enter, a double-click, space, dwelling after moving to it, n/p).
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from reader.core.config import load_config
from reader.core.models import Article
from reader.core.paths import config_path
from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from tests.ui.articles import MTIME, write_library
from tests.ui.helpers import counts_text, pane_text, running, settle, wait_until

# Long enough to pass on a loaded machine, short enough to keep the tests quick.
DELAY = 0.3
WAIT = 1.0  # more than DELAY, with room for a slow frame


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "library")


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state.json"


def read_titles(app: ReaderApp) -> list[str]:
    return [a.title for a in app.articles if app.store.is_read(a.id)]


def notices(app: ReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def shown_articles(app: ReaderApp) -> list[Article]:
    """The articles the pane will be given from now on, in order (kept up to date)."""
    shows: list[Article] = []
    pane_show = app.pane.show

    def counting_show(reading, **kw):  # type: ignore[no-untyped-def]
        shows.append(reading.article)
        pane_show(reading, **kw)

    app.pane.show = counting_show  # type: ignore[method-assign]
    return shows


def held_read(app: ReaderApp, held: Article) -> tuple[threading.Event, threading.Event]:
    """Make reading `held`'s file wait (a cold disk): (set when its read has started,
    set it to let the read go on)."""
    started, release = threading.Event(), threading.Event()
    service_open = app.reading_service.open

    def slow(article):  # type: ignore[no-untyped-def]
        if article.key == held.key:
            started.set()
            release.wait(5)
        return service_open(article)

    app.reading_service.open = slow  # type: ignore[method-assign]
    return started, release


# -- never read --------------------------------------------------------------------------


async def test_the_article_shown_at_start_up_is_not_read_by_waiting(
    library: Path, state: Path
) -> None:
    async with running([library], state, read_after=DELAY) as (app, pilot):
        await wait_until(pilot, lambda: app.pane.reading is not None)
        assert app.pane.reading is not None
        await pilot.pause(WAIT)
        await settle(pilot)
        assert read_titles(app) == []
        assert counts_text(app).startswith("3 unread / 3")


async def test_typing_a_search_marks_nothing_read(library: Path, state: Path) -> None:
    async with running([library], state, read_after=DELAY) as (app, pilot):
        await pilot.press("slash", *"bakery")  # moves the cursor to the one match
        await settle(pilot)
        assert [a.title for a in app.article_list.rows] == [
            "Valley bakery wins the regional bread prize"
        ]
        shown = lambda: app.pane.reading.article.title if app.pane.reading else ""  # noqa: E731
        await wait_until(pilot, lambda: "bakery" in shown())
        assert "bakery" in shown()
        await pilot.pause(WAIT)
        await settle(pilot)
        assert app.main.search_box.has_focus
        assert read_titles(app) == []


async def test_no_mark_while_the_search_box_has_focus_even_after_moving(
    library: Path, state: Path
) -> None:
    async with running([library], state, read_after=DELAY) as (app, pilot):
        await pilot.press("j")
        await wait_until(pilot, lambda: app.pane.reading is not None)
        await pilot.press("slash")  # before the delay is over
        await pilot.pause(WAIT)
        await settle(pilot)
        assert read_titles(app) == []


async def test_new_rows_moving_the_cursor_mark_nothing_read(library: Path, state: Path) -> None:
    async with running([library], state, read_after=DELAY) as (app, pilot):
        first = app.article_list.rows[0]
        os.remove(first.path)  # the row under the cursor goes: another one takes its place
        await wait_until(pilot, lambda: len(app.article_list.rows) == 2)
        assert app.article_list.rows[0].key != first.key
        await wait_until(pilot, lambda: app.pane.reading is not None)
        # A new file arriving above moves nothing either.
        newer = library / "valley-post" / "newer.md"
        newer.write_text("---\ntitle: Newer\ndate: 2025-04-01\n---\n\nText.\n", encoding="utf-8")
        os.utime(newer, (MTIME, MTIME))
        await wait_until(pilot, lambda: len(app.article_list.rows) == 3)
        await pilot.pause(WAIT)
        await settle(pilot)
        assert read_titles(app) == []


async def test_only_opening_marks_read_in_open_mode(library: Path, state: Path) -> None:
    async with running([library], state, read_after=DELAY) as (app, pilot):
        app.flow.mark_read = "open"
        await pilot.press("j")
        await pilot.pause(WAIT)
        await settle(pilot)
        assert read_titles(app) == []
        await pilot.press("enter")
        await settle(pilot)
        assert read_titles(app) == [app.article_list.rows[1].title]


# -- read --------------------------------------------------------------------------------


async def test_dwelling_after_moving_to_it_marks_read(library: Path, state: Path) -> None:
    async with running([library], state, read_after=DELAY) as (app, pilot):
        rows = app.article_list.rows
        await pilot.press("j")
        await wait_until(pilot, lambda: rows[1].title in read_titles(app))
        assert read_titles(app) == [rows[1].title]


async def test_moving_back_to_the_shown_article_starts_the_delay(
    library: Path, state: Path
) -> None:
    async with running([library], state, read_after=DELAY) as (app, pilot):
        rows = app.article_list.rows
        await wait_until(pilot, lambda: app.pane.reading is not None)
        await pilot.press("j", "k")  # away and back before the next article loaded
        await wait_until(pilot, lambda: rows[0].title in read_titles(app))
        assert read_titles(app) == [rows[0].title]


async def test_enter_double_click_and_space_mark_read(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        rows = app.article_list.rows
        await wait_until(pilot, lambda: app.pane.reading is not None)
        await pilot.press("space")  # space into the article shown at start-up
        await settle(pilot)
        assert rows[0].title in read_titles(app)
        await pilot.click("#articles", offset=(5, 1), times=2)
        await settle(pilot)
        assert rows[1].title in read_titles(app)
        await pilot.press("tab", "j")  # back to the list, which has the focus now
        assert app.article_list.has_focus
        await pilot.press("enter")
        await settle(pilot)
        assert read_titles(app) == [r.title for r in rows]


async def test_read_after_and_mark_read_come_from_config_toml(library: Path, state: Path) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[reading]\nread_after = 0.25\nmark_read = "open"\n', encoding="utf-8")
    store = StateStore(state)
    store.load()
    app = ReaderApp([library], store, config=load_config(path))
    async with app.run_test() as pilot:
        await settle(pilot)
        assert app.flow.read_after == 0.25
        assert app.flow.mark_read == "open"
        await pilot.press("j")
        await pilot.pause(WAIT)
        await settle(pilot)
        assert read_titles(app) == []


# -- moving through unread ------------------------------------------------------------


async def test_j_k_and_n_open_each_article_once(library: Path, state: Path) -> None:
    """J (and K, n, p) move the cursor and open the article at once; the cursor's move
    must not open it a second time a moment later (a second read, clean and layout).
    The rows around it are read ahead, each once, so that J/K onto them only paint."""
    async with running([library], state, read_after=DELAY) as (app, pilot):
        await wait_until(pilot, lambda: app.pane.reading is not None)
        opened: list[str] = []
        service_open = app.reading_service.open

        def counting(article):  # type: ignore[no-untyped-def]
            opened.append(article.title)
            time.sleep(0.15)  # a long article in a large library: the cursor's move comes first
            return service_open(article)

        app.reading_service.open = counting  # type: ignore[method-assign]
        shows = shown_articles(app)
        moved_to: list[str] = []
        for number, key in enumerate(("J", "J", "K", "n")):
            before = app.article_list.current
            if number == 1:  # read ahead once the first J's article showed
                assert app.article_list.rows[app.article_list.cursor + 1].title in opened
                reads = len(opened)
            await pilot.press(key)
            await pilot.pause(0.5)  # past the delay after which a cursor's stop opens
            await settle(pilot)
            current = app.article_list.current
            assert current is not None and current != before
            moved_to.append(current.title)
            if number == 1:
                assert len(opened) == reads  # shown as read ahead, no reading again
        assert [article.title for article in shows] == moved_to
        assert sorted(opened) == sorted(set(opened))  # none read twice (none changed)


@pytest.mark.parametrize("then", ["k", "j"])
async def test_a_slow_read_of_a_row_the_cursor_left_never_reaches_the_pane(
    library: Path, state: Path, then: str
) -> None:
    """The cursor stops on a row whose file is slow to read (a cold disk, a network
    share), then moves back to the article shown (k) or on to the next row (j) before
    that read ends: the row it left must never be shown, neither beside the cursor on
    another row nor for a moment before the next one, where its layout would also hold
    up the next key."""
    async with running([library], state) as (app, pilot):
        await wait_until(pilot, lambda: app.pane.reading is not None)
        listing = app.article_list
        first, left = listing.rows[0], listing.rows[1]
        assert app.pane.reading is not None and app.pane.reading.article == first
        app.opener.forget_prepared()  # read when the cursor stops, not ahead
        app.opener.prepare = lambda articles: None  # type: ignore[method-assign]
        started, release = held_read(app, left)
        shows = shown_articles(app)
        await pilot.press("j")
        await wait_until(pilot, started.is_set)
        assert started.is_set()  # the read of the row under the cursor is on its way
        await pilot.press(then)
        release.set()
        await pilot.pause(0.3)  # past the delay after which a cursor's stop opens
        await settle(pilot)
        current = listing.current
        assert current is not None and current != left
        assert app.pane.reading is not None and app.pane.reading.article == current
        assert left not in shows


async def test_moving_far_off_drops_what_is_read_ahead_for_the_rows_around(
    library: Path, state: Path
) -> None:
    """Once an article shows, the rows around it are read and laid out ahead (J/K
    onto them only paint). The cursor sent far off (G) while one of them is still being
    read drops that work: laid out late, it took the interpreter from the keys that
    followed."""
    for day in range(1, 5):  # older posts below the three articles
        post = library / "valley-post" / f"old-{day}.md"
        post.write_text(
            f"---\ntitle: Old valley post {day}\ndate: 2025-03-0{day}\n---\n\n"
            f"The valley's news of March {day}, told in one short paragraph.\n",
            encoding="utf-8",
        )
        os.utime(post, (MTIME, MTIME))
    async with running([library], state) as (app, pilot):
        await wait_until(pilot, lambda: app.pane.reading is not None)
        listing = app.article_list
        below = listing.rows[2]  # read ahead once the second row shows
        started, release = held_read(app, below)
        laid_out: list[Article] = []
        lay_out = app.opener.lay_out
        assert lay_out is not None

        def counting_maker():  # type: ignore[no-untyped-def]
            make = lay_out()

            def counting(reading):  # type: ignore[no-untyped-def]
                laid_out.append(reading.article)
                return make(reading) if make is not None else None

            return counting

        app.opener.lay_out = counting_maker
        await pilot.press("j")
        await wait_until(pilot, started.is_set)
        assert started.is_set()  # the row below the one shown is being read ahead
        await pilot.press("G")
        release.set()
        await pilot.pause(0.3)
        await settle(pilot)
        assert listing.current == listing.rows[-1]
        assert app.pane.reading is not None and app.pane.reading.article == listing.rows[-1]
        assert below not in laid_out


async def test_n_wraps_to_the_top_once_and_says_so(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        listing = app.article_list
        await pilot.press("G")  # the last row
        await pilot.press("n")
        await settle(pilot)
        assert listing.cursor == 0
        assert any("Wrapped to the top" in text for text in notices(app))
        await pilot.press("p")  # from the top, p wraps to the bottom
        await settle(pilot)
        assert listing.cursor == 2
        assert any("Wrapped to the bottom" in text for text in notices(app))


async def test_n_says_plainly_when_nothing_unread_is_left(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        for _ in range(3):
            await pilot.press("enter", "tab")
            await settle(pilot)
            await pilot.press("j")
        assert len(read_titles(app)) == 3
        app.clear_notifications()
        await pilot.press("n")
        await settle(pilot)
        assert "No unread articles left." in notices(app)


async def test_space_at_the_end_wraps_to_the_first_unread(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await pilot.press("G", "enter")
        await settle(pilot)
        for _ in range(30):
            if app.pane.at_end:
                break
            await pilot.press("space")
        await pilot.press("space")
        await settle(pilot)
        assert app.article_list.cursor == 0
        assert any("Wrapped to the top" in text for text in notices(app))


# -- found dates and sort orders -------------------------------------------------------


def row_text(app: ReaderApp, index: int) -> str:
    listing = app.article_list
    return listing.render_line(index - int(listing.scroll_offset.y)).text


async def test_an_undated_article_shows_the_date_found_in_it(library: Path, state: Path) -> None:
    found = library / "valley-post" / "fair.txt"
    found.write_text("Fair returns\nBy Ann\nPublished 11 March 2025, 19:12\nText.\n", "utf-8")
    plain = library / "valley-post" / "plain.txt"
    plain.write_text("Nothing dated here\nText.\n", "utf-8")
    for path in (found, plain):
        os.utime(path, (MTIME + 10**8, MTIME + 10**8))  # newer files than any date
    async with running([library], state) as (app, pilot):
        titles = [a.title for a in app.article_list.rows]
        # By the found date between the 12th and the 10th; the undated one last.
        assert titles == [
            "Night ferries return to the harbour route",
            "Storm warning issued for the coast",
            "Fair returns",
            "Valley bakery wins the regional bread prize",
            "Nothing dated here",
        ]
        assert "~2025-03-11" in row_text(app, 2)
        assert " 2025-03-14" in row_text(app, 0) and "~" not in row_text(app, 0)
        assert "undated" in row_text(app, 4)
        # the pane says it as the list does
        app.article_list.move_to(2)
        await wait_until(
            pilot,
            lambda: (
                app.pane.reading is not None and app.pane.reading.article.title == "Fair returns"
            ),
        )
        assert "valley-post · ~2025-03-11 ·" in pane_text(app)
        app.article_list.move_to(4)
        await wait_until(
            pilot,
            lambda: (
                app.pane.reading is not None
                and app.pane.reading.article.title == "Nothing dated here"
            ),
        )
        assert "valley-post · undated ·" in pane_text(app)


async def test_the_sort_key_cycles_the_orders_and_they_are_remembered(
    library: Path, state: Path
) -> None:
    apple = library / "valley-post" / "apple.md"
    apple.write_text("---\ntitle: Apple harvest\ndate: 2025-03-13\n---\n\nApples.\n", "utf-8")
    async with running([library], state) as (app, pilot):
        titles = lambda: [a.title.split()[0] for a in app.article_list.rows]  # noqa: E731
        assert titles() == ["Night", "Apple", "Storm", "Valley"]
        assert "first" not in counts_text(app)  # the default order is not spelled out
        expected = [
            ("oldest first", ["Valley", "Storm", "Apple", "Night"]),
            ("by feed", ["Night", "Storm", "Apple", "Valley"]),  # harbour-times, valley-post
            ("by title", ["Apple", "Night", "Storm", "Valley"]),
        ]
        await pilot.press("j")  # the cursor's article keeps the cursor through re-sorts
        current = app.article_list.current
        for label, order in expected:
            await pilot.press("O")
            assert label in counts_text(app)
            assert titles() == order
            assert app.article_list.current == current
        assert app.preferences.settings.sort == "title"
    async with running([library], state) as (app, pilot):
        assert "by title" in counts_text(app)  # restored at start
        await pilot.press("O")
        assert "unread first" in counts_text(app)
        assert app.preferences.settings.sort == "unread"
        await pilot.press("O")
        assert "first" not in counts_text(app)
        assert app.preferences.settings.sort == "newest"


async def test_unread_first_and_a_search_in_another_order(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        first = app.article_list.rows[0]
        await pilot.press("m")  # the newest is read
        await settle(pilot)
        for _ in range(4):
            await pilot.press("O")
        assert "unread first" in counts_text(app)
        assert app.article_list.rows[-1] == first
        await pilot.press("O", "O")  # oldest first, then search
        await pilot.press("slash", *"harbour")
        await settle(pilot)
        rows = [a.title.split()[0] for a in app.article_list.rows]
        assert rows == ["Storm", "Night"]  # the matches, oldest first


# -- messages read as sentences (item 8) ------------------------------------------------


async def test_counts_in_the_app_read_as_sentences(library: Path, state: Path) -> None:
    from textual.widgets import Static

    from reader.ui.dialogs import ConfirmScreen, ProblemsScreen

    os.mkfifo(library / "valley-post" / "pipe.txt")
    async with running([library], state) as (app, pilot):
        assert "1 file was skipped: press ! to see which and why." in notices(app)
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        texts = [str(s.content) for s in app.screen.query(Static)]
        assert "1 file was skipped" in texts
        await pilot.press("escape", "m", "A")  # one read: two left to mark
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert any("Mark 2 articles read?" in str(s.content) for s in app.screen.query(Static))
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Undone: 2 articles are unread again." in notices(app)
        assert not any("(s)" in text for text in notices(app))


def test_skipped_files_and_warnings_are_told_apart() -> None:
    """`!` lists files skipped and files listed with a warning (broken front matter):
    its title, the start-up notice and the status line say which is which."""
    from reader.core.library import Problem
    from reader.ui.dialogs import problems_summary
    from reader.ui.status_line import Status, status_text

    skipped = [Problem(Path("a.png"), "unknown type"), Problem(Path("b"), "empty file")]
    warned = [Problem(Path("c.md"), "broken front matter", listed=True)]
    assert problems_summary(skipped) == "2 files were skipped"
    assert problems_summary(warned) == "1 file was listed with a warning"
    assert problems_summary(skipped + warned) == "2 files were skipped, 1 was listed with a warning"
    assert problems_summary([]) == "No file was skipped"
    line = status_text(Status(loaded=True, articles=3, unread=3, skipped=2, warnings=1))
    assert line.endswith("2 skipped (!) · 1 warning (!)")


async def test_m_right_after_moving_to_a_read_article_is_not_undone_by_the_delay(
    library: Path, state: Path
) -> None:
    """`m` on a read article pressed before it showed in the pane: the read delay that
    started once it showed marked it read again, undoing the user's `m`."""
    async with running([library], state, read_after=DELAY) as (app, pilot):
        rows = app.article_list.rows
        app.store.set_read(rows[1].id, True)
        await settle(pilot)
        await pilot.press("j", "m")  # unread by hand, before the article opened
        await settle(pilot)
        assert not app.store.is_read(rows[1].id)
        await wait_until(
            pilot, lambda: app.pane.reading is not None and app.pane.reading.article == rows[1]
        )
        await pilot.pause(WAIT)
        await settle(pilot)
        assert not app.store.is_read(rows[1].id)
        # Away and back: the delay counts again.
        await pilot.press("k", "j")
        await wait_until(pilot, lambda: app.store.is_read(rows[1].id))
        assert app.store.is_read(rows[1].id)
