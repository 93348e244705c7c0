"""The reading pane: title, metadata line and the cleaned body.

The body is one `Static` holding styled `Content` built from the core's display
blocks. Article text is only ever data (never markup), and one widget for the
whole article keeps long pages quick to show.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from reader.core.document import DocBlock, Span, cap_blocks
from reader.core.highlight import Match, block_marks, find_matches, step
from reader.core.query import Needle
from reader.core.reading import Reading
from reader.ui.bindings import bindings
from reader.ui.search_box import FindBox

PartList = list[str | tuple[str, str]]
# Characters of an article put on screen at most: Textual wraps the whole body on the
# UI thread, about 4 s per megabyte here; 100,000 characters is some 16,000 words.
DISPLAY_LIMIT = 100_000
# Words of the search (or of find) in the article, and the one the match keys went to.
MATCH_STYLE = "$text on $warning-muted"
CURRENT_MATCH_STYLE = "bold $background on $warning"
Marks = Sequence[tuple[int, int, bool]]  # (start, end, current) in a block's text


def span_style(span: Span) -> str:
    styles = [
        name
        for name, on in (
            ("bold", span.bold),
            ("italic", span.italic),
            ("strike", span.strike),
            ("underline", span.link is not None),
            ("reverse", span.code),
        )
        if on
    ]
    return " ".join(styles)


def block_parts(block: DocBlock, marks: Marks = ()) -> PartList:
    """The styled pieces of one display block, without the separating blank line;
    `marks` are the ranges of its text to highlight."""
    if block.kind == "rule":
        return [("─" * 40, "dim")]
    if block.kind == "hidden":
        label = (f"⊘ hidden: {block.reason or 'boilerplate'}", "italic")
        return [label, "\n", *marked(block.text, "dim", 0, marks)]
    parts: PartList = []
    if block.kind in ("item", "quote"):
        parts.append(
            (
                "  " * max(0, block.level - 1) + block.prefix,
                "bold" if block.kind == "item" else "dim",
            )
        )
    heading = "bold underline" if block.kind == "heading" and block.level <= 2 else "bold"
    offset = 0
    for span in block.spans:
        style = span_style(span)
        if block.kind == "heading":
            style = f"{style} {heading}".strip()
        elif block.kind == "quote":
            style = f"{style} italic".strip()
        parts.extend(marked(span.text, style, offset, marks))
        offset += len(span.text)
    return parts


def marked(text: str, style: str, offset: int, marks: Marks) -> PartList:
    """`text` (at `offset` in its block) in `style`, the ranges of `marks` highlighted."""
    parts: PartList = []
    position = 0
    for start, end, current in marks:
        first, last = max(start - offset, position), min(end - offset, len(text))
        if first >= last:
            continue
        if first > position:
            parts.append((text[position:first], style))
        highlight = CURRENT_MATCH_STYLE if current else MATCH_STYLE
        parts.append((text[first:last], f"{style} {highlight}".strip()))
        position = last
    if position < len(text) or not parts:
        parts.append((text[position:], style))
    return parts


def body_content(blocks: Sequence[DocBlock], marks: Sequence[Marks] | None = None) -> Content:
    """All display blocks as one Content, a blank line between blocks; `marks` holds
    each block's ranges to highlight."""
    parts: PartList = []
    for index, block in enumerate(blocks):
        if index:
            parts.append("\n\n")
        parts.extend(block_parts(block, marks[index] if marks else ()))
    return Content.assemble(*parts)


class ReadingPane(VerticalScroll, can_focus=True):
    """Scrollable view of the open article."""

    BINDINGS = bindings("pane")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reading: Reading | None = None
        self.show_hidden = False
        self.search_needles: tuple[Needle, ...] = ()  # the active search's words
        self.find_needles: tuple[Needle, ...] | None = None  # find's, while it is on
        self.matches: list[Match] = []
        self.current_match: int | None = None
        self._body = Content("")

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="pane-title", markup=False)
        yield Static(id="pane-meta", markup=False)
        yield Static(id="pane-body", markup=False)
        yield FindBox(id="find")

    def show(self, reading: Reading | None, *, keep_scroll: bool = False) -> None:
        """Display `reading` (None: nothing selected)."""
        if reading is None or self.reading is None or reading.article != self.reading.article:
            self.current_match = None
        self.reading = reading
        if reading is None:
            self.show_message("")
            return
        meta_parts: PartList = [(reading.meta_line(), "dim")]
        if reading.byline():
            meta_parts += ["\n", (reading.byline(), "italic dim")]
        blocks, left_out = cap_blocks(reading.document(self.show_hidden), DISPLAY_LIMIT)
        body = body_content(blocks, self._marks(blocks))
        cuts = [f"{left_out:,} more characters are not shown"] if left_out else []
        if reading.page.truncated:
            cuts.append("the file is larger than the reader reads")
        if cuts:
            notice = f"[truncated: {'; '.join(cuts)}]"
            body = Content.assemble(body, "\n\n", (notice, "bold italic"))
        if not blocks:
            body = Content.styled("(This article has no body text.)", "italic dim")
        # One layout pass for the three updates and the scroll, not one each.
        with self.app.batch_update():
            self.query_one("#pane-title", Static).update(
                Content.styled(reading.article.title, "bold")
            )
            self.query_one("#pane-meta", Static).update(Content.assemble(*meta_parts))
            self.query_one("#pane-body", Static).update(body)
            self._body = body
            if not keep_scroll:
                self.scroll_home(animate=False)

    def show_message(self, text: str, title: str = "") -> None:
        """Show a plain message instead of an article (empty library, errors)."""
        self.reading = None
        self.matches, self.current_match = [], None
        self.query_one("#pane-title", Static).update(Content.styled(title, "bold"))
        self.query_one("#pane-meta", Static).update(Content(""))
        self.query_one("#pane-body", Static).update(Content(text))
        self.scroll_home(animate=False)

    def toggle_hidden(self) -> bool:
        """Show or hide the boilerplate blocks of the open article, keeping the scroll."""
        self.show_hidden = not self.show_hidden
        if self.reading is not None:
            self.show(self.reading, keep_scroll=True)
        return self.show_hidden

    def action_top(self) -> None:
        self.scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.scroll_end(animate=False)

    @property
    def at_end(self) -> bool:
        return self.scroll_y >= self.max_scroll_y

    # -- highlighted matches -----------------------------------------------------------

    def highlight_search(self, wanted: tuple[Needle, ...]) -> None:
        """Highlight the words of the active search (none: no search)."""
        if wanted != self.search_needles:
            self.search_needles = wanted
            if self.find_needles is None:
                self._repaint()

    def highlight_find(self, wanted: tuple[Needle, ...] | None) -> None:
        """Highlight what find looks for instead of the search's words (None: find is
        off, the search's words again)."""
        if wanted != self.find_needles:
            self.find_needles = wanted
            self._repaint()

    def _repaint(self) -> None:
        self.current_match = None
        if self.reading is not None:
            self.show(self.reading, keep_scroll=True)

    def jump(self, direction: int) -> tuple[int, int, bool] | None:
        """Go to the next (1) or previous (-1) match and scroll to it: (its number,
        how many, whether it wrapped); None when the article has no match."""
        if self.reading is None or not self.matches:
            return None
        self.current_match, wrapped = step(self.current_match, len(self.matches), direction)
        self.show(self.reading, keep_scroll=True)
        self.call_after_refresh(self.scroll_to_match)
        return self.current_match + 1, len(self.matches), wrapped

    def scroll_to_match(self) -> None:
        """Scroll so that the current match is a third of the way down the pane."""
        body = self.query_one("#pane-body", Static)
        lines = self._body.wrap(max(1, body.size.width))
        for number, line in enumerate(lines):
            if any(CURRENT_MATCH_STYLE in str(span.style) for span in line.spans):
                y = body.virtual_region.y + number
                self.scroll_to(y=max(0, y - self.size.height // 3), animate=False)
                return

    def _marks(self, blocks: Sequence[DocBlock]) -> list[Marks]:
        wanted = self.search_needles if self.find_needles is None else self.find_needles
        self.matches = find_matches(blocks, wanted)
        if self.current_match is not None and self.current_match >= len(self.matches):
            self.current_match = None
        return list(block_marks(self.matches, len(blocks), self.current_match))
