"""What the article list and the feed view share: a cursor over lines painted one
at a time (Textual's Line API), moved by the same keys and the mouse, with the line
styles looked up once until the styles change.

A subclass says how many lines it has (`line_count`), what moving the cursor does
(`_move`: the article list reports the article under it, the feed view does not),
what a click does (`_clicked`), which styles its lines use (`_build_styles`) and
paints its lines (`_row`, finishing each with `_finish_line`), and may say what
a line looks like (`_line_key`) so that its painted line is kept and painted again
without `_row` or Textual's per-line styling: the keys `G` and `g` repaint
every line on screen, and going back to lines seen before (g after G, k after j)
then costs a look-up each.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, Protocol, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.style import Style as TextualStyle

from reader.ui.painting import filtered_crop, painted_vertical_scrollbar, styled_past_content

# Painted lines kept per list (a few screens' worth at any terminal size).
LINE_CACHE_SIZE = 1024


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
        # Line index -> (what it looked like, its painted line): see `render_lines`.
        self._painted: LRUCache[int, tuple[Hashable, Strip]] = LRUCache(LINE_CACHE_SIZE)
        self._painted_width = -1

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

    def _line_key(self, index: int) -> Hashable | None:
        """What line `index` shows, as far as the list's styles and width do not say:
        two lines with equal keys are painted alike. None: paint it every time."""
        return None

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's, its lines painted once per distinct line (`G` repaints it)."""
        return painted_vertical_scrollbar(self)

    def _set_lines(self, lines: int) -> None:
        """Hold `lines` lines (the list's `virtual_size`) without the layout of the whole
        screen that setting the reactive asks for: the list's own size never depends on
        how many lines it holds (a scroll bar shown or hidden does, and that asks for
        its layout itself). A search's results come in a frame of the list alone."""
        size = Size(self.size.width, lines)
        if size != self.virtual_size:
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
            self.refresh()

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Textual's, only when the list's size changed: ScrollView's compares the
        virtual size the layout passes (the content region's) with its own (the lines),
        which always differ, so every layout of the screen (an open, a search) updated
        and repainted the list's scroll bar (`_set_lines` updates it when the lines
        change)."""
        if size == self._size and container_size == self.container_size:
            return False
        return super()._size_updated(size, virtual_size, container_size, layout)

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
            self._painted.clear()
        return styles

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines of `crop`, as Textual's own styling would paint them, from the
        painted lines kept by `_line_key` (the cursor's and the focus's part of it
        added here).

        A list with a border, padding, outline, tint or opacity of its own is left to
        Textual's per-line styling, which this takes a short cut past (about 0.2 ms a
        line, most of the time `G` took)."""
        if styled_past_content(self):
            return super().render_lines(crop)
        self._line_styles()  # (clears the painted lines when the styles changed)
        width = self.region.width
        if width != self._painted_width:
            self._painted.clear()
            self._painted_width = width
        base_background, background = self.background_colors
        pad = TextualStyle(background=base_background + background).rich_style
        content_width = self.content_region.width
        row_width = self.scrollable_content_region.width
        filters = self.app.get_line_filters()
        top = int(self.scroll_offset.y)
        cursor, focused = self.cursor, self.has_focus
        painted = self._painted
        strips: list[Strip] = []
        for y in crop.line_range:
            index = top + y
            key = self._line_key(index)
            if key is not None:
                at_cursor = index == cursor
                key = (key, at_cursor, at_cursor and focused)
                kept = painted.get(index)
                if kept is not None and kept[0] == key:
                    strip = kept[1]
                else:
                    strip = self._paint(index, row_width, content_width, pad)
                    if kept is not None:
                        # Textual's LRUCache never replaces a key's value: without this,
                        # a line that changed (rows arriving, the cursor, a mark) was
                        # painted again on every frame from then on.
                        painted.discard(index)
                    painted[index] = (key, strip)
            else:
                strip = self._paint(index, row_width, content_width, pad)
            strips.append(strip)
        return filtered_crop(strips, filters, background, crop, width)

    def _paint(self, index: int, row_width: int, content_width: int, pad: Style) -> Strip:
        """Line `index` as Textual's styling paints a line of content (no border nor
        padding): padded to the content's width (the scroll bar's columns)."""
        return self._row(index, row_width).adjust_cell_length(content_width, pad)

    def render_line(self, y: int) -> Strip:
        """Screen line `y` (Textual's Line API, for its per-line styling)."""
        return self._row(int(self.scroll_offset.y) + y, self.scrollable_content_region.width)

    def _row(self, index: int, width: int) -> Strip:
        """Line `index`, `width` cells wide (finished by `_finish_line`)."""
        raise NotImplementedError

    def _finish_line(self, index: int, segments: list[Segment], width: int) -> Strip:
        """Line `index` from its segments: the cursor's style on the cursor's line,
        cut or padded to `width`, on the list's background.

        Each segment's style is made in one pass, and the line is one `Strip` when
        its segments fill `width` (a row's columns do): cutting, padding and styling
        it a step at a time made four (each with its seven caches), a third of
        painting a screen of new rows (a `G`, a page, a search's results)."""
        styles = self._line_styles()
        base = styles.base
        if index == self.cursor:
            cursor = styles.cursor if self.has_focus else styles.cursor_blurred
            painted = [
                Segment(text, base + (style + cursor if style else cursor))
                for text, style, _ in segments
            ]
        else:
            painted = [Segment(text, base + style) for text, style, _ in segments]
        strip = Strip(painted)
        if strip.cell_length != width:
            strip = strip.crop(0, width).adjust_cell_length(width, base)
        return strip

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
