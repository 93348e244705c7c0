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
from reader.core.reading import Reading
from reader.ui.bindings import bindings

PartList = list[str | tuple[str, str]]
# Characters of an article put on screen at most: Textual wraps the whole body on the
# UI thread, about 4 s per megabyte here; 100,000 characters is some 16,000 words.
DISPLAY_LIMIT = 100_000


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


def block_parts(block: DocBlock) -> PartList:
    """The styled pieces of one display block, without the separating blank line."""
    if block.kind == "rule":
        return [("─" * 40, "dim")]
    if block.kind == "hidden":
        return [(f"⊘ hidden: {block.reason or 'boilerplate'}", "italic"), "\n", (block.text, "dim")]
    parts: PartList = []
    if block.kind in ("item", "quote"):
        parts.append(
            (
                "  " * max(0, block.level - 1) + block.prefix,
                "bold" if block.kind == "item" else "dim",
            )
        )
    heading = "bold underline" if block.kind == "heading" and block.level <= 2 else "bold"
    for span in block.spans:
        style = span_style(span)
        if block.kind == "heading":
            style = f"{style} {heading}".strip()
        elif block.kind == "quote":
            style = f"{style} italic".strip()
        parts.append((span.text, style))
    return parts


def body_content(blocks: Sequence[DocBlock]) -> Content:
    """All display blocks as one Content, a blank line between blocks."""
    parts: PartList = []
    for index, block in enumerate(blocks):
        if index:
            parts.append("\n\n")
        parts.extend(block_parts(block))
    return Content.assemble(*parts)


class ReadingPane(VerticalScroll, can_focus=True):
    """Scrollable view of the open article."""

    BINDINGS = bindings("pane")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reading: Reading | None = None
        self.show_hidden = False

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="pane-title", markup=False)
        yield Static(id="pane-meta", markup=False)
        yield Static(id="pane-body", markup=False)

    def show(self, reading: Reading | None, *, keep_scroll: bool = False) -> None:
        """Display `reading` (None: nothing selected)."""
        self.reading = reading
        if reading is None:
            self.show_message("")
            return
        meta_parts: PartList = [(reading.meta_line(), "dim")]
        if reading.byline():
            meta_parts += ["\n", (reading.byline(), "italic dim")]
        blocks, left_out = cap_blocks(reading.document(self.show_hidden), DISPLAY_LIMIT)
        body = body_content(blocks)
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
            if not keep_scroll:
                self.scroll_home(animate=False)

    def show_message(self, text: str, title: str = "") -> None:
        """Show a plain message instead of an article (empty library, errors)."""
        self.reading = None
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
