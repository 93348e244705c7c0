"""The reading pane: title, metadata line and the cleaned body.

The body is one `Static` holding styled `Content` built from the core's display
blocks. Article text is only ever data (never markup), and one widget for the
whole article keeps long pages quick to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import AwaitMount
from textual.widgets import Static

from reader.core.document import DocBlock, Span, cap_blocks, document_links
from reader.core.highlight import Match, block_marks, find_matches, step
from reader.core.models import Article
from reader.core.query import Needle
from reader.core.sanitize import clean_line
from reader.ui.bindings import bindings
from reader.ui.search_box import FindBox

if TYPE_CHECKING:
    from reader.core.reading import Reading

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
    """All display blocks as one Content, a blank line between blocks; `marks` holds
    each block's ranges to highlight."""
    parts: PartList = []
    for index, block in enumerate(blocks):
        if index:
            parts.append("\n\n")
        parts.extend(block_parts(block, marks[index] if marks else ()))
    return Content.assemble(*parts)


# Blocks that are never wrapped (the pane scrolls sideways when one is wider).
WIDE_KINDS = ("code", "table")
# Columns ←/→ scroll the pane sideways by.
SIDEWAYS_STEP = 8
# Wide blocks given a widget of their own, at most; further ones are wrapped with the
# text around them (an article of a thousand code blocks must still open quickly).
MAX_WIDE_PARTS = 40


def wide_parts(blocks: Sequence[DocBlock]) -> tuple[list[DocBlock], list[list[DocBlock]]]:
    """The blocks before the first wide one (code, table), and the rest in groups: each
    wide block alone, the blocks between them together. Wrapping is set per widget, so
    each wide block is a widget of its own that never wraps."""
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


class ReadingPane(VerticalScroll, can_focus=True):
    """Scrollable view of the open article."""

    BINDINGS = bindings("pane")

    class Left(Message):
        """The pane stopped showing `article`, `where` (0 to 1) down its length."""

        def __init__(self, article: Article, where: float) -> None:
            super().__init__()
            self.article = article
            self.where = where

    class ReachedEnd(Message):
        """The user scrolled to the end of `article`."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reading: Reading | None = None
        self.show_hidden = False
        self.links: list[str] = []  # the open article's link targets, [1] first
        self._parts_mounted: AwaitMount | None = None
        self._resuming = False
        self.search_needles: tuple[Needle, ...] = ()  # the active search's words
        self.find_needles: tuple[Needle, ...] | None = None  # find's, while it is on
        self.matches: list[Match] = []
        self.current_match: int | None = None

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="pane-title", markup=False)
        yield Static(id="pane-meta", markup=False)
        yield Static(id="pane-body", markup=False)
        yield FindBox(id="find")

    def show(self, reading: Reading | None, *, keep_scroll: bool = False) -> None:
        """Display `reading` (None: nothing selected)."""
        from reader.core.formats.base import shown_title  # loaded by the opening already

        self._leave(reading)
        if reading is None or self.reading is None or reading.article != self.reading.article:
            self.current_match = None
        self.reading = reading
        if reading is None:
            self.show_message("")
            return
        meta_parts: PartList = [(reading.meta_line(), "dim")]
        if reading.byline():
            meta_parts += ["\n", (reading.byline(), "italic dim")]
        if reading.article.url:
            meta_parts += ["\n", (clean_line(reading.article.url), "dim")]
        blocks, left_out = cap_blocks(reading.document(self.show_hidden), DISPLAY_LIMIT)
        marks = self._marks(blocks)
        mark_of = {id(block): mark for block, mark in zip(blocks, marks, strict=True)}
        self.links = document_links(blocks)
        first, groups = wide_parts(blocks)
        body = body_content(first, [mark_of[id(block)] for block in first])
        parts = [
            (
                g[0].kind if g[0].kind in WIDE_KINDS else "",
                body_content(g, [mark_of[id(block)] for block in g]),
            )
            for g in groups
        ]
        cuts = [f"{left_out:,} more characters are not shown"] if left_out else []
        if reading.page.truncated:
            cuts.append("the file is larger than the reader reads")
        if cuts:
            notice = Content.styled(f"[truncated: {'; '.join(cuts)}]", "bold italic")
            if parts:
                parts.append(("", notice))
            else:
                body = Content.assemble(body, "\n\n", notice)
        if not blocks:
            body = Content.styled("(This article has no body text.)", "italic dim")
        # One layout pass for the three updates and the scroll, not one each.
        with self.app.batch_update():
            self.query_one("#pane-title", Static).update(
                Content.styled(shown_title(reading.article.title), "bold")
            )
            self.query_one("#pane-meta", Static).update(Content.assemble(*meta_parts))
            body_widget = self.query_one("#pane-body", Static)
            body_widget.update(body)
            body_widget.display = bool(first) or not parts
            self._set_parts(parts)
            if not keep_scroll:
                self.scroll_home(animate=False)

    def _set_parts(self, parts: Sequence[tuple[str, Content]]) -> None:
        """Put the body's further parts (code blocks and tables each alone, the text
        between them) after #pane-body, replacing the previous article's."""
        classes = [f"pane-part pane-wide pane-{kind}" if kind else "pane-part" for kind, _ in parts]
        old = list(self.query(".pane-part").results(Static))
        if [set(w.classes) for w in old] == [set(c.split()) for c in classes]:
            # The same shape (the same article again, `b`): updated in place, keeping the
            # scroll where it is.
            for widget, (_kind, content) in zip(old, parts, strict=True):
                widget.update(content)
            return
        for widget in old:
            widget.remove()
        self._parts_mounted = None
        if parts:
            widgets = [
                Static(content, markup=False, classes=names)
                for names, (_kind, content) in zip(classes, parts, strict=True)
            ]
            self._parts_mounted = self.mount_all(widgets)

    def _leave(self, reading: Reading | None) -> None:
        """Say where the user was in the article shown, if `reading` is another one."""
        shown = self.reading
        if shown is not None and (reading is None or reading.article.key != shown.article.key):
            self.post_message(self.Left(shown.article, self.position))

    @property
    def position(self) -> float:
        """How far down the article the view is, from 0 (top) to 1 (the end in view)."""
        end = self.max_scroll_y
        return min(1.0, self.scroll_y / end) if end > 0 else 0.0

    def resume(self, where: float) -> None:
        """Scroll the article just shown `where` (0 to 1) down its length, once it is
        laid out (its code blocks and tables mounted). Coming back to where one was is
        not reaching the end."""
        if where <= 0 or self.reading is None:
            return
        key = self.reading.article.key
        mounted = self._parts_mounted

        async def when_laid_out() -> None:
            if mounted is not None:
                await mounted
            self.call_after_refresh(self._scroll_to_position, key, where)

        self.call_later(when_laid_out)

    def _scroll_to_position(self, key: str, where: float) -> None:
        if self.reading is None or self.reading.article.key != key:
            return  # the user moved on meanwhile
        self._resuming = True
        try:
            self.scroll_to(y=round(where * self.max_scroll_y), animate=False, immediate=True)
        finally:
            self._resuming = False

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        end = self.max_scroll_y
        if (
            self.reading is not None
            and not self._resuming
            and 0 < end <= new_value
            and old_value < new_value
        ):
            self.post_message(self.ReachedEnd(self.reading.article))

    def show_message(self, text: str, title: str = "") -> None:
        """Show a plain message instead of an article (empty library, errors)."""
        self._leave(None)
        self.reading = None
        self.links = []
        self.matches, self.current_match = [], None
        self.query_one("#pane-title", Static).update(Content.styled(title, "bold"))
        self.query_one("#pane-meta", Static).update(Content(""))
        body = self.query_one("#pane-body", Static)
        body.update(Content(text))
        body.display = True
        self._set_parts([])
        self.scroll_home(animate=False)

    def toggle_hidden(self) -> bool:
        """Show or hide the boilerplate blocks of the open article, keeping the scroll."""
        self.show_hidden = not self.show_hidden
        if self.reading is not None:
            self.show(self.reading, keep_scroll=True)
        return self.show_hidden

    def action_scroll_left(self) -> None:
        self.scroll_relative(x=-SIDEWAYS_STEP, animate=False)

    def action_scroll_right(self) -> None:
        self.scroll_relative(x=SIDEWAYS_STEP, animate=False)

    async def action_back_to_list(self) -> None:
        """h / esc: the app shows the list (again, if it was hidden) and focuses it."""
        await self.app.run_action("back_to_list")

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
        """Scroll so that the current match is a third of the way down the pane: it may
        be in the body or in one of the parts after it (code blocks and tables are not
        wrapped, the text between them is)."""
        widgets = [self.query_one("#pane-body", Static), *self.query(".pane-part").results(Static)]
        for widget in widgets:
            if not widget.display:
                continue
            content = widget.content
            if not isinstance(content, Content):
                continue
            if widget.has_class("pane-wide"):  # never wrapped
                rows = content.split("\n")
            else:
                rows = content.wrap(max(1, widget.size.width))
            for number, line in enumerate(rows):
                if any(CURRENT_MATCH_STYLE in str(span.style) for span in line.spans):
                    y = widget.virtual_region.y + number
                    self.scroll_to(y=max(0, y - self.size.height // 3), animate=False)
                    return

    def _marks(self, blocks: Sequence[DocBlock]) -> list[Marks]:
        wanted = self.search_needles if self.find_needles is None else self.find_needles
        self.matches = find_matches(blocks, wanted)
        if self.current_match is not None and self.current_match >= len(self.matches):
            self.current_match = None
        return list(block_marks(self.matches, len(blocks), self.current_match))
