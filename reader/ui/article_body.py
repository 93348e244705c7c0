"""The article's body in the reading pane: lines wrapped once, painted one at a time.

A `Static` holding a 1,000-word article wraps it twice when the pane lays it out
(its height without styles, then its lines with them) and draws every line of it on
each paint; that took most of an open (~48 ms of the UI thread at 100,000 articles).
Here the body is laid out once per width as a `BodyLayout` (the display blocks as
`Content`, wrapped into lines), which needs no app and so runs in the opener's
worker thread with the article's reading; the widget (Textual's Line API) then only
styles the lines on screen, each once until the styles change. A layout made for
another width (a resize, the scroll bar coming or going) is made again when Textual
lays the pane out.

What it shows is what the Statics showed: text wrapped at the pane's measure (88
columns at most), code blocks and tables never wrapped (the pane scrolls sideways;
a code block on its own background, a column of padding each side), one blank line
between parts, all left-aligned in a column the pane centres.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual.content import Content
from textual.geometry import Region, Size
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style as TextualStyle
from textual.widget import Widget

from reader.core.document import DocBlock, Span, cap_blocks, document_links
from reader.core.highlight import Match, block_marks, find_matches
from reader.core.query import Needle
from reader.ui import line_breaks
from reader.ui.painting import filtered_crop, styled_past_content

if TYPE_CHECKING:
    from reader.core.reading import Reading

# Characters of an article put on screen at most: 100,000 characters is some 16,000
# words (wrapping a megabyte of text for the screen takes seconds).
DISPLAY_LIMIT = 100_000
# The widest the text runs (the pane centres it when wider): a comfortable measure.
MEASURE = 88
# Blocks that are never wrapped (the pane scrolls sideways when one is wider).
WIDE_KINDS = ("code", "table")
# Wide blocks kept unwrapped, at most; further ones are wrapped with the text around
# them (as when each was a widget of its own: the picture stays the same).
MAX_WIDE_PARTS = 40
# A code block's background (the pane's CSS had it on the block's widget).
CODE_STYLE = "on $panel"
# Words of the search (or of find) in the article, and the one the match keys went to.
MATCH_STYLE = "$text on $warning-muted"
CURRENT_MATCH_STYLE = "bold $background on $warning"

# The marker a list item's or a quote's line starts with, as `block_parts` writes it
# (indented two spaces a level): its wrapped lines hang under the words after it, a
# quote's under its bar again, so an item or a quote reads as one block.
HANG = re.compile(r" *(?:▎ |[-*•·▪◦] |\d{1,3}[.)] )")

PartList = list[str | tuple[str, str]]
Marks = Sequence[tuple[int, int, bool]]  # (start, end, current) in a block's text


@dataclass(frozen=True)
class Part:
    """A run of the body laid out alike: `kind` "" (text, wrapped), "code" or "table"."""

    kind: str
    content: Content
    first_line: int  # where its lines start in the layout


@dataclass
class BodyLayout:
    """The body's lines at one text width, and what the pane needs to know of it."""

    text_width: int
    lines: list[Content]
    width: int  # of the widest line (a code block with its padding), text_width at least
    parts: list[Part] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)
    current_match: int | None = None
    # Makes the same layout at another text width (None: never needed, e.g. blank).
    redo: Callable[[int], BodyLayout] | None = None
    # What it was made of (the pane compares it with what it is asked to show).
    key: tuple[object, ...] = ()
    # Made narrower for a scroll bar that is to show: the text width without it
    # (Textual lays the pane out at that width first, then again with the bar).
    before_bar: int | None = None

    @property
    def plain(self) -> str:
        """The body's text, parts a blank line apart (unwrapped)."""
        return "\n\n".join(part.content.plain for part in self.parts)


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
    if block.kind == "code":
        return [(block.text, "")]  # on the code block's own background
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
    """All display blocks as one Content, a blank line between blocks but between the
    items of a list (a list reads as one block, as Markdown shows a tight list);
    `marks` holds each block's ranges to highlight."""
    parts: PartList = []
    for index, block in enumerate(blocks):
        if index:
            tight = block.kind == "item" and blocks[index - 1].kind == "item"
            parts.append("\n" if tight else "\n\n")
        parts.extend(block_parts(block, marks[index] if marks else ()))
    return Content.assemble(*parts)


def wide_parts(blocks: Sequence[DocBlock]) -> tuple[list[DocBlock], list[list[DocBlock]]]:
    """The blocks before the first wide one (code, table), and the rest in groups: each
    wide block alone, the blocks between them together (`MAX_WIDE_PARTS` at most)."""
    first: list[DocBlock] = []
    groups: list[list[DocBlock]] = []
    wide = 0
    for block in blocks:
        if block.kind in WIDE_KINDS and wide < MAX_WIDE_PARTS:
            wide += 1
            groups += [[block], []]
        elif groups:
            groups[-1].append(block)
        else:
            first.append(block)
    return first, [group for group in groups if group]


def wide_lines(kind: str, content: Content) -> list[Content]:
    """A code block's or a table's lines, never wrapped: a code block's padded to its
    widest, a column of padding each side, on the code background."""
    lines = [line.expand_tabs(8) for line in content.split("\n", allow_blank=True)]
    if kind != "code":
        return lines
    widest = max((line.cell_length for line in lines), default=0)
    return [
        Content.assemble(" ", line, " " * (widest - line.cell_length + 1)).stylize(CODE_STYLE)
        for line in lines
    ]


def lay_out_parts(parts: Sequence[tuple[str, Content]], text_width: int) -> BodyLayout:
    """`parts` (kind, content) as lines, text wrapped at `text_width`, a blank line
    between parts. Needs no app: safe in a worker thread."""
    width = max(1, text_width)
    lines: list[Content] = []
    laid: list[Part] = []
    widest = width
    for index, (kind, content) in enumerate(parts):
        if index:
            lines.append(Content(""))
        laid.append(Part(kind, content, len(lines)))
        if kind in WIDE_KINDS:
            block = wide_lines(kind, content)
            widest = max(widest, *(line.cell_length for line in block))
        else:
            block = wrapped(content, width)
        lines.extend(block)
    return BodyLayout(width, lines, widest, laid)


def wrapped(content: Content, width: int) -> list[Content]:
    """`content` wrapped at `width`, a paragraph at a time (`hung`). In a worker thread
    it lets the UI thread have the interpreter between paragraphs: a thread that keeps
    it holds it for Python's whole switch interval (5 ms) each time the UI thread asks,
    so keys pressed while an article is laid out would wait."""
    in_worker = threading.current_thread() is not threading.main_thread()
    lines: list[Content] = []
    for line in content.split("\n", allow_blank=True):
        lines.extend(hung(line, width))
        if in_worker:
            time.sleep(0)  # (releases the interpreter: the UI thread takes it if it waits)
    return lines


def hung(line: Content, width: int) -> list[Content]:
    """One paragraph wrapped at `width`; a list item's or a quote's (`HANG`) with its
    later lines under its words, a quote's behind its bar, as terminal readers and
    Markdown viewers show them. A marker wider than half the width hangs nothing."""
    found = HANG.match(line.plain) if line.cell_length > width else None
    if found is None:
        return line_breaks.wrap(line, width)
    return hanging(line, found.end(), width, repeat="▎" in found.group())


def hanging(line: Content, start: int, width: int, *, repeat: bool = False) -> list[Content]:
    """`line` wrapped at `width` with its later lines under the text after its first
    `start` characters (a marker, a key's column): indented by the marker's width, or
    behind the marker again when `repeat` (a quote's bar). A marker wider than half the
    width hangs nothing."""
    marker = line[:start]
    indent = marker.cell_length
    if line.cell_length <= width or indent * 2 > width:
        return line_breaks.wrap(line, width)
    rest = line_breaks.wrap(line[start:], width - indent)
    hang = marker if repeat else Content(" " * indent)
    return [marker + rest[0], *(hang + part for part in rest[1:])]


def message_layout(text: str, text_width: int) -> BodyLayout:
    """A plain message in the body (an empty library, an error)."""
    layout = lay_out_parts([("", Content(text))], text_width)
    layout.redo = partial(message_layout, text)
    return layout


@dataclass(frozen=True)
class BodyParts:
    """A reading's body before it is wrapped: its parts, links and matches."""

    parts: list[tuple[str, Content]]
    links: list[str]
    matches: list[Match]
    current_match: int | None
    key: tuple[object, ...]

    def lines_at(self, text_width: int) -> int:
        """About how many lines the parts take at `text_width` (without wrapping)."""
        width = max(1, text_width)
        total = len(self.parts) - 1
        for kind, content in self.parts:
            text = content.plain
            if kind in WIDE_KINDS:
                total += text.count("\n") + 1
            else:
                total += len(text) // width + text.count("\n") + 1
        return total

    def lay_out(self, text_width: int) -> BodyLayout:
        layout = lay_out_parts(self.parts, text_width)
        layout.links = self.links
        layout.matches = self.matches
        layout.current_match = self.current_match
        layout.key = self.key
        layout.redo = self.lay_out
        return layout


def reading_parts(
    reading: Reading,
    show_hidden: bool,
    needles: tuple[Needle, ...],
    current_match: int | None,
) -> BodyParts:
    """The body of `reading` (its hidden blocks when `show_hidden`, the words of
    `needles` highlighted, match `current_match` as the current one), to be laid out
    at a width. Needs no app: the opener runs it in its worker thread."""
    blocks, left_out = cap_blocks(reading.document(show_hidden), DISPLAY_LIMIT)
    matches = find_matches(blocks, needles)
    if current_match is not None and current_match >= len(matches):
        current_match = None
    marks = list(block_marks(matches, len(blocks), current_match))
    mark_of = {id(block): mark for block, mark in zip(blocks, marks, strict=True)}
    first, groups = wide_parts(blocks)
    parts: list[tuple[str, Content]] = []
    if first or not groups:
        parts.append(("", body_content(first, [mark_of[id(block)] for block in first])))
    for group in groups:
        kind = group[0].kind if group[0].kind in WIDE_KINDS else ""
        parts.append((kind, body_content(group, [mark_of[id(block)] for block in group])))
    cuts = [f"{left_out:,} more characters are not shown"] if left_out else []
    if reading.page.truncated:
        cuts.append("the file is larger than the reader reads")
    if cuts:
        notice = Content.styled(f"[truncated: {'; '.join(cuts)}]", "bold italic")
        if groups:
            parts.append(("", notice))
        else:
            parts[0] = ("", Content.assemble(parts[0][1], "\n\n", notice))
    if not blocks:
        parts = [("", Content.styled("(This article has no body text.)", "italic dim"))]
    key = (reading, show_hidden, needles, current_match)
    return BodyParts(parts, document_links(blocks), matches, current_match, key)


def current_match_line(layout: BodyLayout) -> int | None:
    """The line of `layout` holding the current match, if any."""
    for line_number, line in enumerate(layout.lines):
        if any(CURRENT_MATCH_STYLE in str(span.style) for span in line.spans):
            return line_number
    return None


class ArticleBody(Widget):
    """The body's lines (a `BodyLayout`), painted one at a time as they come on screen."""

    DEFAULT_CSS = """
    ArticleBody {
        width: auto;
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.laid_out = message_layout("", MEASURE)
        # Line -> its painted strip (for `_strips_style`), and padded to the widget's
        # width on its background (for `_padded_key`): painted once while shown.
        self._strips: dict[int, Strip] = {}
        self._strips_style: object = None
        self._padded: dict[int, Strip] = {}
        self._padded_key: object = None

    def show(self, layout: BodyLayout) -> None:
        """Show `layout`'s lines (laid out again by Textual if its width is not the
        one the pane gives)."""
        self.laid_out = layout
        self._forget_painted()
        self.refresh(layout=True)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Textual's, without the second layout of the whole screen that a new virtual
        size asks for (see `ReadingPane._size_updated`)."""
        return super()._size_updated(size, virtual_size, container_size, layout=False)

    def text_width_for(self, available: int) -> int:
        """The width text wraps at when the pane gives `available` columns."""
        return max(1, min(MEASURE, available))

    def _fit(self, available: int) -> None:
        """Lay the body out again if the pane's width calls for another text width."""
        wanted = self.text_width_for(available)
        layout = self.laid_out
        if wanted == layout.text_width:
            return
        parent = self.parent
        bar_shown = isinstance(parent, Widget) and parent.show_vertical_scrollbar
        if wanted == layout.before_bar and not bar_shown:
            return  # the scroll bar shows once the lines are counted: then it fits
        if layout.redo is not None:
            self.laid_out = layout.redo(wanted)
            self._forget_painted()

    def get_content_width(self, container: Size, viewport: Size) -> int:
        self._fit(container.width)
        return self.laid_out.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.laid_out.lines)

    def render_line(self, y: int) -> Strip:
        return self._paint_line(y, self.text_selection)

    def _paint_line(self, y: int, selection: Selection | None) -> Strip:
        """Line `y` on the body's style, the mouse's `selection` shown on it."""
        style = self.visual_style
        if style != self._strips_style:
            self._forget_painted()
            self._strips_style = style
        strip = self._strips.get(y)
        if strip is not None:
            return strip
        lines = self.laid_out.lines
        if not 0 <= y < len(lines):
            return Strip.blank(self.size.width, style.rich_style)
        line = lines[y]
        selected = selection.get_span(y) if selection is not None else None
        if selected is not None:  # the mouse's selection, in the screen's style
            start, end = selected
            chosen = TextualStyle.from_styles(self.screen.get_component_styles("screen--selection"))
            line = line.stylize(chosen, start, len(line.plain) if end == -1 else end)
        # Each piece carries its place (line, column) for the mouse's selection.
        segments = []
        x = 0
        for text, text_style in line.render(style, end=""):
            segments.append(Segment(text, text_style.rich_style_with_offset(x, y)))
            x += len(text)
        strip = Strip(segments, line.cell_length)
        if selected is None:
            self._strips[y] = strip
        return strip

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The text under the mouse's selection (lines as wrapped on screen)."""
        text = "\n".join(line.plain for line in self.laid_out.lines)
        return selection.extract(text), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._forget_painted()
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines of `crop` as Textual's styling paints a widget's lines of content
        (padded to its width on its background, the app's line filters applied), from
        the lines painted before: Textual's per-line styling costs more than all the
        rest of painting an article. A body given a border, padding, outline, tint or
        opacity is left to Textual's styling."""
        if styled_past_content(self):
            return super().render_lines(crop)
        width = self.size.width
        base_background, background = self.background_colors
        pad = TextualStyle(background=base_background + background).rich_style
        key = (width, pad)
        if key != self._padded_key:
            self._padded.clear()
            self._padded_key = key
        filters = self.app.get_line_filters()
        padded = self._padded
        selection = self.text_selection
        strips: list[Strip] = []
        for y in crop.line_range:
            strip = padded.get(y)
            if strip is None:
                strip = self._paint_line(y, selection).adjust_cell_length(width, pad)
                if selection is None or selection.get_span(y) is None:
                    padded[y] = strip  # (a selected line: painted while it is selected)
            strips.append(strip)
        return filtered_crop(strips, filters, background, crop, width)

    def _forget_painted(self) -> None:
        self._strips.clear()
        self._padded.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_painted()  # a theme: the lines' own styles ($warning...) may change
