"""What the article list and the feed view share: a cursor over lines painted one
at a time (Textual's Line API), moved by the same keys and the mouse, with the line
styles looked up once until the styles change.

A subclass says how many lines it has (`line_count`), what moving the cursor does
(`_move`: the article list reports the article under it, the feed view does not),
what a click does (`_clicked`), which styles its lines use (`_build_styles`) and
paints its lines (`render_line`, finishing each with `_finish_line`).
"""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip


class LineStyles(Protocol):
    """The styles every painted line needs; subclasses add their own."""

    @property
    def base(self) -> Style: ...

    @property
    def cursor(self) -> Style: ...

    @property
    def cursor_blurred(self) -> Style: ...


StylesT = TypeVar("StylesT", bound=LineStyles)


class LineList(ScrollView, Generic[StylesT], can_focus=True):
    """A focusable list of painted lines with a cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cursor = 0
        self._styles: StylesT | None = None

    def line_count(self) -> int:
        """How many lines the list holds."""
        raise NotImplementedError

    def _move(self, index: int) -> None:
        """Put the cursor on line `index` (clamped by the subclass)."""
        raise NotImplementedError

    def _clicked(self, index: int, chain: int) -> None:
        """Line `index` was clicked (`chain` 2 for a double click)."""
        raise NotImplementedError

    def _build_styles(self) -> StylesT:
        """The styles of this list's lines, from its component classes."""
        raise NotImplementedError

    # -- actions ---------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(self.line_count() - 1)

    def action_page_down(self) -> None:
        self._move(self.cursor + max(1, self.size.height - 1))

    def action_page_up(self) -> None:
        self._move(self.cursor - max(1, self.size.height - 1))

    async def _on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < self.line_count():
            self._clicked(index, event.chain)

    # -- the cursor ------------------------------------------------------------

    def _show_cursor(self, old: int, index: int) -> None:
        """Repaint the lines the cursor left and reached, and scroll to it."""
        self.refresh_line(old)
        self.refresh_line(index)
        self.scroll_to_region(Region(0, index, 1, 1), animate=False, force=True, immediate=True)

    # -- painting --------------------------------------------------------------

    def _line_styles(self) -> StylesT:
        """The styles every line uses, kept until the styles change: `rich_style` walks
        the ancestors on each call, a fifth of repainting the list (a search's frame)."""
        styles = self._styles
        if styles is None:
            styles = self._styles = self._build_styles()
        return styles

    def _finish_line(self, index: int, segments: list[Segment], width: int) -> Strip:
        """Line `index` from its segments: the cursor's style on the cursor's line,
        cut or padded to `width`, on the list's background."""
        styles = self._line_styles()
        if index == self.cursor:
            cursor = styles.cursor if self.has_focus else styles.cursor_blurred
            segments = list(Segment.apply_style(segments, post_style=cursor))
        strip = Strip(segments).crop(0, width)
        return strip.adjust_cell_length(width, styles.base).apply_style(styles.base)

    def _on_focus(self, event: events.Focus) -> None:
        self._styles = None  # :focus may style the list itself
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self._styles = None
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self.refresh()
