"""The reading pane's body: laid out once per width, off the UI thread when it can be,
and painted line by line (reader.ui.article_body)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from textual.content import Content

from reader.core.document import markdown_blocks
from reader.ui.article_body import (
    CODE_STYLE,
    BodyParts,
    body_content,
    lay_out_parts,
    message_layout,
)
from reader.ui.reading_pane import fitted
from tests.ui.helpers import settle, wait_until
from tests.ui.test_links_resume import CODE_LINE, library, reader, show, titled

__all__ = ["library"]  # the fixture, shared with the links and resume tests

WORDS = "The harbour master said the night ferries would run again from April. " * 12


def test_text_is_wrapped_at_the_text_width_and_parts_are_a_blank_line_apart() -> None:
    layout = lay_out_parts(
        [("", Content(WORDS)), ("code", Content(CODE_LINE)), ("", Content("After."))], 40
    )
    kinds = [part.kind for part in layout.parts]
    assert kinds == ["", "code", ""]
    code = layout.parts[1]
    text_lines = layout.lines[: code.first_line - 1]
    assert len(text_lines) > 5
    assert all(line.cell_length <= 40 for line in text_lines)
    assert " ".join(line.plain.strip() for line in text_lines) == WORDS.strip()
    assert layout.lines[code.first_line - 1].plain == ""  # the blank line before the code
    # The code block: never wrapped, a column of padding each side, on its background.
    line = layout.lines[code.first_line]
    assert line.plain == f" {CODE_LINE} "
    assert [span.style for span in line.spans] == [CODE_STYLE]
    assert layout.width == len(CODE_LINE) + 2 > 40
    assert layout.lines[code.first_line + 1].plain == ""
    assert layout.lines[-1].plain == "After."
    assert layout.plain == f"{WORDS}\n\n{CODE_LINE}\n\nAfter."


def test_a_lists_items_are_one_block_with_blank_lines_around_the_list() -> None:
    blocks = markdown_blocks("Before.\n\n- one\n- two\n  - nested\n\nAfter.")
    lines = body_content(blocks).plain.split("\n")
    assert [line.strip() for line in lines] == [
        "Before.",
        "",
        "• one",
        "• two",
        "• nested",
        "",
        "After.",
    ]


def test_a_wrapped_item_hangs_under_its_words_and_a_quote_keeps_its_bar() -> None:
    long = "the allotment holders planted broad beans and early potatoes before the frost"
    blocks = markdown_blocks(f"- {long}\n\nBetween.\n\n1. {long}\n\n> {long}\n\n{long}")
    lines = [line.plain for line in lay_out_parts([("", body_content(blocks))], 30).lines]
    assert all(len(line) <= 30 for line in lines)
    item, _, number, quote, para = (group.split("\n") for group in "\n".join(lines).split("\n\n"))
    assert item[0].startswith("• ") and all(line.startswith("  ") for line in item[1:])
    assert number[0].startswith("1. ") and all(line.startswith("   ") for line in number[1:])
    assert len(quote) > 2 and all(line.startswith("▎ ") for line in quote)
    assert not para[1].startswith(" ")  # a paragraph hangs nothing
    for group, marker in ((item, 2), (number, 3), (quote, 2)):
        assert " ".join(line[marker:] for line in group) == long


def test_a_marker_wider_than_half_the_width_hangs_nothing() -> None:
    blocks = markdown_blocks("- one two three four five six")
    lines = [line.plain for line in lay_out_parts([("", body_content(blocks))], 3).lines]
    assert lines[0] == "•" and "one" in lines  # wrapped as a paragraph is


def test_a_code_blocks_lines_share_one_width_and_a_tables_keep_theirs() -> None:
    code = lay_out_parts([("code", Content("a\n\tb\nlonger line"))], 80)
    assert [line.plain for line in code.lines] == [
        " a           ",
        "         b   ",  # the tab expanded to 8 columns
        " longer line ",
    ]
    table = lay_out_parts([("table", Content("x │ y\nlonger │ row"))], 80)
    assert [line.plain for line in table.lines] == ["x │ y", "longer │ row"]
    assert table.width == 80  # the text width at least


def test_a_message_is_laid_out_again_at_another_width() -> None:
    layout = message_layout("one two three four five six", 10)
    assert [line.plain for line in layout.lines] == ["one two", "three four", "five six"]
    assert layout.redo is not None
    wider = layout.redo(30)
    assert [line.plain for line in wider.lines] == ["one two three four five six"]


def parts_of(text: str) -> BodyParts:
    return BodyParts([("", Content(text))], [], [], None, ())


def test_the_width_leaves_room_for_the_scroll_bar_only_when_one_will_show() -> None:
    long_text = parts_of(WORDS * 4)
    short = parts_of("A short note.")
    # A pane wider than the measure: the scroll bar never takes a text column.
    assert fitted(long_text, 120, 40, 2, 4).text_width == 88
    # A narrow pane: the scroll bar's columns are taken when the article is taller.
    assert fitted(long_text, 60, 40, 2, 4).text_width == 58
    assert fitted(short, 60, 40, 2, 4).text_width == 60
    assert fitted(long_text, 60, 40, 0, 4).text_width == 60  # no scroll bar at all
    assert fitted(long_text, 0, 0, 2, 4).text_width == 88  # not laid out yet


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=300),
    width=st.integers(2, 100),
)
@example(text="00\xa0", width=2)  # a no-break space at the break is dropped like a space
def test_any_text_wraps_within_its_width_and_keeps_every_character(text: str, width: int) -> None:
    assume("▎" not in text)  # a quote's bar is drawn again on each of its lines
    content = Content(text)
    layout = lay_out_parts([("", content)], width)
    assert layout.lines
    assert all(line.cell_length <= width for line in layout.lines)

    # Wrapping only breaks lines at white space (dropped at the break, a no-break space
    # too, which Python's `isspace` counts): no other character is lost.
    def squeeze(s: str) -> str:
        return "".join(s.split())

    assert squeeze("".join(line.plain for line in layout.lines)) == (
        squeeze(content.expand_tabs(8).plain)
    )


# -- in the app ---------------------------------------------------------------------------


@pytest.fixture
def laid_out_where(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The thread each body layout of an article is made on."""
    threads: list[str] = []
    lay_out = BodyParts.lay_out

    def spy(self: BodyParts, text_width: int):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)

        return lay_out(self, text_width)

    monkeypatch.setattr(BodyParts, "lay_out", spy)
    return threads


async def test_j_and_k_onto_read_ahead_articles_lay_nothing_out_on_the_ui_thread(
    library: Path, tmp_path: Path, laid_out_where: list[str]
) -> None:
    async with reader(library, tmp_path, size=(120, 30)) as (app, pilot, _):
        await show(app, pilot, titled(app, "guide"))
        app.pane.focus()
        await pilot.press("J")  # opened now; the rows around it are read ahead
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        shown = app.pane.reading
        laid_out_where.clear()
        await pilot.press("K")
        await wait_until(pilot, lambda: app.pane.reading is not shown)
        await settle(pilot)
        assert app.pane.reading is not None and app.pane.reading.article != shown.article
        main = threading.main_thread().name
        assert main not in laid_out_where  # drawn from the lines the worker wrapped
        # Wrapped at the width the pane gives (its scroll bar's columns left out).
        assert app.pane.body.laid_out.text_width == app.pane.scrollable_content_region.width


async def test_a_resize_wraps_the_body_again_at_the_new_width(
    library: Path, tmp_path: Path
) -> None:
    async with reader(library, tmp_path, size=(160, 40)) as (app, pilot, _):
        await show(app, pilot, titled(app, "long plain"))
        body = app.pane.body
        assert body.laid_out.text_width == 88
        await pilot.resize_terminal(70, 30)
        await settle(pilot)
        await pilot.pause(0.1)
        pane = app.pane
        width = pane.scrollable_content_region.width
        assert width < 88
        assert body.laid_out.text_width == width  # the scroll bar's columns left out
        text = [line for line in body.laid_out.lines if line.plain]
        assert all(line.cell_length <= width for line in text)
        assert max(line.cell_length for line in text) > width - 12  # filled, not narrower
        assert body.size.width == width


async def test_the_mouse_selection_copies_the_body_and_shows_on_its_lines(
    library: Path, tmp_path: Path
) -> None:
    async with reader(library, tmp_path, size=(120, 30)) as (app, pilot, _):
        await show(app, pilot, titled(app, "long plain"))
        body = app.pane.body
        body.text_select_all()
        await pilot.pause()
        selected = app.screen.get_selected_text() or ""
        assert "Paragraph 1 of the guide: words enough" in selected
        assert "Paragraph 40 of the guide" in selected
        # The selected lines are painted in the selection's style (not from the cache).
        chosen = app.screen.get_component_rich_style("screen--selection")
        line = body.render_line(0)
        assert any(segment.style and segment.style.bgcolor == chosen.bgcolor for segment in line)
        app.screen.clear_selection()
        await pilot.pause()
        line = body.render_line(0)
        assert not any(s.style and s.style.bgcolor == chosen.bgcolor for s in line)


def test_a_worker_wraps_paragraph_by_paragraph_to_the_same_lines() -> None:
    content = Content.assemble(
        (WORDS, "bold"), "\n\n", "tab\there", "\n", ("x" * 130, "italic"), "\n\n", ""
    )
    on_ui_thread = lay_out_parts([("", content)], 37)
    found: list[list[Content]] = []
    worker = threading.Thread(target=lambda: found.append(lay_out_parts([("", content)], 37).lines))
    worker.start()
    worker.join()
    assert found[0] == on_ui_thread.lines
    assert [line.spans for line in found[0]] == [line.spans for line in on_ui_thread.lines]
