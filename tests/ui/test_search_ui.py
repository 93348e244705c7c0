"""Search as people expect, in the running app: OR, highlighted matches and the keys
between them, find in the article, the language on `?`, errors in full."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

from reader.core import search as search_module
from reader.ui.help import HelpScreen, HelpText
from reader.ui.reading_pane import CURRENT_MATCH_STYLE, MATCH_STYLE
from reader.ui.search_box import FindBox
from reader.ui.services import search as search_service
from tests.ui.helpers import counts_text, running, settle, wait_until

FILLER = "The council met again and talked about the budget for the coming year at length."
LONG_POST = (
    "---\ntitle: Harbour works\ndate: 2025-03-14\n---\n\n"
    + "\n\n".join(
        f"Paragraph {i}. {FILLER}" + (" The lighthouse keeper waved." if i in (3, 40) else "")
        for i in range(60)
    )
    + "\n"
)
STORM_POST = (
    "---\ntitle: Storm warning for the coast\ndate: 2025-03-12\n---\n\n"
    "Gales along the coast tonight. The storm should pass by morning.\n"
)
BAKERY_POST = (
    "---\ntitle: Valley bakery wins the bread prize\ndate: 2025-03-10\n---\n\n"
    "A family bakery in the valley won the regional prize for its rye loaf.\n"
)
FILES = {
    "harbour/works.md": LONG_POST,
    "harbour/storm.md": STORM_POST,
    "valley/bakery.md": BAKERY_POST,
}


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        os.utime(path, (1_741_600_000, 1_741_600_000))
    return root


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state.json"


def titles(app: object) -> list[str]:
    return [a.title for a in app.article_list.rows]  # type: ignore[attr-defined]


def highlighted(app: object, style: str = MATCH_STYLE) -> list[str]:
    """The body's text in spans of `style` (a highlight)."""
    parts = app.pane.body.laid_out.parts  # type: ignore[attr-defined]
    return [
        part.content.plain[span.start : span.end]
        for part in parts
        for span in part.content.spans
        if str(span.style).endswith(style)
    ]


def screen_text(app: object) -> str:
    """What the terminal shows, line by line."""
    update = app.screen._compositor.render_update(full=True)  # type: ignore[attr-defined]
    return "\n".join("".join(strip.text for strip in line) for line in update.strips)


async def search(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("slash", *text)
    await pilot.pause(0.3)
    await settle(pilot)


async def test_or_and_parentheses_search_in_the_app(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await search(pilot, "storm OR bakery")
        assert titles(app) == ["Storm warning for the coast", "Valley bakery wins the bread prize"]
        await pilot.press("ctrl+a", "ctrl+k", *"(lighthouse OR rye) -feed:valley")
        await pilot.pause(0.3)
        await settle(pilot)
        assert titles(app) == ["Harbour works"]


async def test_matches_are_highlighted_and_the_keys_jump_between_them(
    library: Path, state: Path
) -> None:
    async with running([library], state, size=(100, 30)) as (app, pilot):
        await search(pilot, "lighthouse OR keep")
        assert titles(app) == ["Harbour works"]
        await pilot.press("enter", "enter")  # back to the list, then open the article
        await settle(pilot)
        pane = app.pane
        assert pane.has_focus
        assert highlighted(app) == ["lighthouse", "keeper", "lighthouse", "keeper"]
        assert pane.scroll_y == 0
        unread_before = app.article_list.cursor
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert pane.current_match == 2
        assert highlighted(app, CURRENT_MATCH_STYLE) == ["lighthouse"]
        # The third match is in paragraph 40: the pane scrolled to show it.
        assert pane.scroll_y > 20
        assert "Paragraph 40." in screen_text(app)
        assert "Paragraph 3." not in screen_text(app)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert pane.current_match == 0
        await pilot.press("left_square_bracket")  # wraps to the last
        await pilot.pause()
        assert pane.current_match == 3
        assert app.article_list.cursor == unread_before  # n/p untouched: still this article


async def test_the_match_keys_leave_n_and_p_alone(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await search(pilot, "the")
        await pilot.press("enter", "enter")
        await settle(pilot)
        opened = app.pane.reading
        assert opened is not None
        await pilot.press("right_square_bracket")
        assert app.pane.reading is opened and app.pane.current_match == 0
        await pilot.press("n")
        await settle(pilot)
        assert app.pane.reading is not None and app.pane.reading.article != opened.article


async def test_find_in_the_article(library: Path, state: Path) -> None:
    async with running([library], state, size=(100, 30)) as (app, pilot):
        await pilot.press("enter")
        await settle(pilot)
        assert app.pane.reading is not None
        assert app.pane.reading.article.title == "Harbour works"
        rows_before = titles(app)
        await pilot.press("ctrl+f")
        box = app.query_one("#find", FindBox)
        assert box.display and box.has_focus
        await pilot.press(*"lighthouse kee")
        await pilot.pause()
        assert highlighted(app, CURRENT_MATCH_STYLE) == ["lighthouse keeper"]
        assert highlighted(app) == ["lighthouse keeper"]
        assert box.border_subtitle == "1 of 2"
        assert titles(app) == rows_before  # the list is not searched
        await pilot.press("enter")  # back to the article, the highlights stay
        assert not box.display and app.pane.has_focus
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.pane.current_match == 1
        assert "Paragraph 40." in screen_text(app)
        await pilot.press("ctrl+f", *"budget")
        await pilot.pause()
        assert len(highlighted(app)) == 59
        await pilot.press(*"xyz")
        assert box.border_subtitle == "no match" and highlighted(app) == []
        await pilot.press("escape")  # closes find and its highlights, not the search
        assert not box.display and app.pane.has_focus
        assert highlighted(app) == [] and highlighted(app, CURRENT_MATCH_STYLE) == []


async def test_find_types_what_the_app_keys_would_take(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+f", *"q/n?")
        box = app.query_one("#find", FindBox)
        assert box.value == "q/n?" and box.has_focus
        assert app.is_running and not isinstance(app.screen, HelpScreen)


async def test_search_highlights_the_matched_words_while_typing(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await search(pilot, "gale")
        assert app.pane.reading is not None
        assert highlighted(app) == ["Gales"]
        await pilot.press("escape")
        await settle(pilot)
        assert highlighted(app) == []


async def test_long_errors_are_shown_whole_under_the_box(library: Path, state: Path) -> None:
    async with running([library], state, size=(80, 24)) as (app, pilot):
        await pilot.press("slash")
        hint = app.query_one("#filter-hint", Static)
        assert hint.display and str(hint.content).endswith("  (enter, then ?: more)")
        await pilot.press(*"is:unread storm OR gale")
        await pilot.pause(0.3)
        await settle(pilot)
        message = (
            "search: is: cannot be inside ( ) or next to OR; put it outside: "
            "is:unread (storm OR gale)"
        )
        assert str(hint.content) == message and hint.has_class("-error")
        assert hint.size.width < len(message)  # wrapped, not cut
        assert hint.size.height >= 2
        width = app.query_one("#sidebar").size.width
        shown = " ".join(line[:width].strip() for line in screen_text(app).splitlines())
        assert "put it outside: is:unread (storm OR gale)" in shown
        assert counts_text(app).startswith("search: is:")
        await pilot.press("escape")
        await settle(pilot)
        assert not hint.display


async def test_the_help_screen_shows_the_query_language(library: Path, state: Path) -> None:
    async with running([library], state) as (app, pilot):
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.query_one("#help HelpText", HelpText).render().plain
        assert "the query language" in text
        for term in ("a OR b", '"exact phrase"', "feed:NAME", "after:YYYY-MM-DD", "( )", "港口"):
            assert term in text
        assert "] and [ jump between them" in text


async def test_with_the_index_each_key_searches_at_once(library: Path, state: Path) -> None:
    """Once the index exists a key asks for its search straight away (no typing pause);
    without it (titles alone, searched in Python) the box waits for a pause in typing."""
    async with running([library], state) as (app, pilot):
        assert app.searcher.index_ready
        box = app.main.search_box
        asked = app.searcher._seq
        await pilot.press("slash", "s", "t", "o")  # words under 3 letters match whole
        assert box._timer is None and app.searcher._seq == asked + 3
        await settle(pilot)
        assert titles(app) == ["Storm warning for the coast"]
        app.searcher.index_ready = False
        await pilot.press("r")
        assert box._timer is not None and app.searcher._seq == asked + 3
        await pilot.pause(0.3)
        assert app.searcher._seq == asked + 4
        assert titles(app) == ["Storm warning for the coast"]


async def test_the_index_words_are_read_once_the_keys_rest(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading the index's words and warming the most frequent ones (15 CPU-seconds at
    1,000,000 articles, in passes that hold the interpreter for up to 50 ms) wait until
    the keys and the mouse have rested: keys pressed meanwhile took twice their time."""
    read: list[object] = []
    monkeypatch.setattr(search_service, "read_words", read.append)
    async with running([library], state) as (app, pilot):
        assert app.searcher.index_ready
        read.clear()
        await pilot.press("j")
        app.searcher.prepare(app.articles)
        await pilot.pause(0.4)
        assert read == []  # a key a moment ago
        await wait_until(pilot, lambda: bool(read))
        assert len(read) == 1


async def test_a_first_search_answers_while_the_indexer_holds_the_write_lock(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15: the search thread opens the index at its first search; while the indexer
    child held a write transaction that open waited out the busy timeout and failed, and
    the whole list stayed shown under the query (here after the shortened timeout)."""
    monkeypatch.setattr(search_module, "BUSY_TIMEOUT_MS", 2000)
    async with running([library], state) as (app, pilot):
        assert app.searcher.index_ready and app.searcher._index is not None
        app.searcher._index.close()
        app.searcher._index = None  # as at a first search
        writer = sqlite3.connect(app.searcher.db_path, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")  # what the child holds while it writes
        writer.execute("DELETE FROM docs")
        try:
            await search(pilot, "storm OR bakery")
            assert titles(app) == [
                "Storm warning for the coast",
                "Valley bakery wins the bread prize",
            ]
        finally:
            writer.execute("ROLLBACK")
            writer.close()


async def test_search_keys_repaint_the_list_without_laying_the_screen_out(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key in the search box and the list's new length (a scroll bar shown or hidden
    with it) used to lay the whole screen out at every key, before the results showed."""
    async with running([library], state) as (app, pilot):
        await search(pilot, "storm")
        assert titles(app) == ["Storm warning for the coast"]
        laid_out: list[str] = []
        refresh = Widget.refresh

        def spy(widget: Widget, *regions: Region, **kwargs: bool) -> Widget:
            if kwargs.get("layout"):
                laid_out.append(type(widget).__name__)
            return refresh(widget, *regions, **kwargs)

        monkeypatch.setattr(Widget, "refresh", spy)
        for keys, expected in (
            ([*" OR bakery"], 2),
            (["x"], 1),  # "bakeryx": the storm alone
            (["backspace"], 2),
            (["ctrl+a", "ctrl+k", *"(gale OR rye) -valley"], 1),
        ):
            await pilot.press(*keys)
            await pilot.pause(0.05)
            await settle(pilot)
            assert len(titles(app)) == expected, keys
        assert not {"ArticleList", "SearchBox", "ScrollBar"} & set(laid_out), laid_out
        assert app.article_list.show_vertical_scrollbar  # kept while searching
        await pilot.press("escape")
        await settle(pilot)
        assert not app.article_list.show_vertical_scrollbar  # three rows: none needed


async def test_a_search_key_and_its_results_come_in_one_frame(
    library: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the index, the box's echo of a key waits for the key's results: no frame
    shows the new text over the old list (the list's own frame used to wait for the
    next of Textual's 60 frames a second after the echo's)."""
    from textual.app import App

    import reader.ui.app as app_module

    monkeypatch.setattr(app_module, "SEARCH_FRAME_HOLD", 30.0)  # (a slow machine's search)
    async with running([library], state) as (app, pilot):
        await search(pilot, "storm OR bakery")
        assert len(titles(app)) == 2
        frames: list[tuple[str, int]] = []
        display = App._display

        def spy(self: App[None], screen: object, renderable: object) -> None:
            if renderable is not None:
                frames.append((app.main.search_box.value, len(app.article_list.rows)))
            display(self, screen, renderable)  # type: ignore[arg-type]

        monkeypatch.setattr(App, "_display", spy)
        await pilot.press("x")  # "bakeryx": the storm alone
        await settle(pilot)
        await pilot.pause(0.05)
        assert titles(app) == ["Storm warning for the coast"]
        assert frames and frames[0] == ("storm OR bakeryx", 1), frames
        assert app._frames_held is None

        # No results (a search lost): the hold ends by itself and the echo shows.
        monkeypatch.setattr(app_module, "SEARCH_FRAME_HOLD", 0.1)
        monkeypatch.setattr(app.searcher, "run", lambda text, articles: None)
        frames.clear()
        await pilot.press("y")
        await pilot.pause(0.3)
        assert app._frames_held is None
        assert ("storm OR bakeryxy", 1) in frames


async def test_narrow_status_line_keeps_the_counts_whole(library: Path, state: Path) -> None:
    """At 80 columns the long search part pushed the counts off the sidebar's edge."""
    async with running([library], state, size=(80, 24)) as (app, pilot):
        await search(pilot, "storm OR bakery")
        line = app.query_one("#counts", Static)
        assert counts_text(app) == "2 matches · 3 unread / 3"
        assert len(counts_text(app)) <= line.content_size.width
        await pilot.resize_terminal(140, 30)
        await settle(pilot)
        assert counts_text(app).startswith("search: 2 matches")


async def test_a_search_without_matches_says_so_in_a_narrow_list(
    library: Path, state: Path
) -> None:
    """Below 70 columns the list stands alone, without the pane that says "No article
    matches.": the list says it on its first line, as long as it is empty and alone."""
    async with running([library], state, size=(60, 20)) as (app, pilot):
        await search(pilot, "zebra")
        assert app.article_list.rows == []
        assert "No article matches." in screen_text(app)
        await pilot.press("enter")  # back to the list, keeping the (no) results
        await settle(pilot)
        assert app.article_list.render_line(0).text.startswith("  No article matches.")
        await pilot.resize_terminal(120, 30)  # the pane beside the list says it instead
        await settle(pilot)
        assert app.article_list.render_line(0).text.strip() == ""
        assert screen_text(app).count("No article matches.") == 1
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        assert "No article matches." in app.article_list.render_line(0).text
        await pilot.press("escape")  # the search cleared: rows again, no message
        await settle(pilot)
        assert len(app.article_list.rows) == 3
        assert "No article matches." not in screen_text(app)
