"""Painting past Textual's per-line styling: the lists' and the reading pane's lines
(`styled_past_content`, `filtered_crop`), and their scroll bars, whose lines are
painted once per distinct line; and the main screen's compositor, which asks only the
widgets a partial frame shows for their lines (`ShownCompositor`).

Textual repaints a scroll bar whenever its position changes (every `G`, `g`, page,
scrolled `j` and open), and paints each of its lines through its per-line styling: ~43
lines at 140×45, each a few new `Strip`s (each `Strip` makes seven caches), 1.4–8 ms
of a `G` frame's 7–10 ms headless at 100,000 articles (wall, at load 3–6). A vertical
bar has at most five distinct lines (above the thumb, its two ends, the thumb, below
it): `PaintedScrollBar` paints each of them once, as that styling would (as the lists
paint their lines), and repeats it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from itertools import repeat

from rich.color import Color as RichColor
from rich.segment import Segment
from textual._compositor import Compositor
from textual.color import Color
from textual.filter import LineFilter
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.style import Style as TextualStyle
from textual.widget import Widget


def styled_past_content(widget: Widget) -> bool:
    """Whether `widget` has a border, padding, outline, tint, opacity or hatch: what a
    widget painting its own kept lines leaves to Textual's per-line styling."""
    styles = widget.styles
    return bool(
        any(styles.gutter)
        or any(kind for kind, _ in styles.outline)
        or styles.tint.a
        or widget.opacity != 1.0
        or styles.text_opacity != 1.0
        or styles.has_rule("hatch")
    )


def filtered_crop(
    strips: list[Strip], filters: Sequence[LineFilter], background: Color, crop: Region, width: int
) -> list[Strip]:
    """Painted lines `width` wide as the screen takes them: the app's line filters
    applied (as Textual's styling would), cut to `crop`'s columns."""
    for line_filter in filters:
        strips = [strip.apply_filter(line_filter, background) for strip in strips]
    if crop.column_span != (0, width):
        x1, x2 = crop.column_span
        strips = [strip.crop(x1, x2) for strip in strips]
    return strips


class PaintedScrollBar(ScrollBar):
    """A `ScrollBar` that paints its lines from the bar's segments (one a line, as
    Textual's `ScrollBarRender` makes them), each distinct line once, and paints again
    only when the bar changes (Textual asks every widget beside a changed row for its
    lines: the list's bar at every `j`).

    Textual renders the bar as a Rich renderable through its visual pipeline each
    time the bar moves: ~43 lines, each a new `Strip`, a third of a `G` frame's CPU at
    100,000 articles after the list's lines came from their cache."""

    def __init__(self, vertical: bool = True, name: str | None = None, *, thickness: int = 1):
        super().__init__(vertical, name, thickness=thickness)
        # What the last call painted: what it was painted from, and the painted lines.
        self._painted: tuple[Hashable, list[Strip]] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        bar = self.render()
        if styled_past_content(self) or not isinstance(bar, ScrollBarRender):
            return super().render_lines(crop)
        width, height = self.size
        base_background, background = self.background_colors
        filters = self.get_line_filters()
        base = self.visual_style.rich_style
        style = self.app.console.get_style(bar.style)
        key = (
            (crop, width, height, base, base_background, background, tuple(filters), style),
            (bar.virtual_size, bar.window_size, bar.position, bar.thickness),
        )
        kept = self._painted
        if kept is not None and kept[0] == key:
            return kept[1]
        segments = bar.render_bar(  # what `ScrollBarRender` renders at this size
            size=height,
            virtual_size=bar.virtual_size,
            window_size=bar.window_size,
            position=bar.position,
            thickness=width,
            vertical=True,
            back_color=style.bgcolor or RichColor.parse("#555555"),
            bar_color=style.color or RichColor.parse("bright_magenta"),
        ).segments
        pad = TextualStyle(background=base_background + background).rich_style
        blank = Segment(" " * width, base)  # past the bar's end: Textual's blank line
        painted: dict[Segment, Strip] = {}
        strips: list[Strip] = []
        for y in crop.line_range:
            segment = segments[y] if y < len(segments) else blank
            strip = painted.get(segment)
            if strip is None:
                # As Textual's pipeline paints it: the widget's style under the bar's.
                line = Strip([Segment(segment.text, base + segment.style)])
                strip = painted[segment] = Strip(line.adjust_cell_length(width, pad), width)
            strips.append(strip)
        strips = filtered_crop(strips, filters, background, crop, width)
        self._painted = key, strips
        return strips


def painted_vertical_scrollbar(widget: Widget) -> ScrollBar:
    """`widget`'s vertical scroll bar, made a `PaintedScrollBar` (as Textual's
    `Widget.vertical_scrollbar` makes its own `ScrollBar`: hidden, then started)."""
    bar = widget._vertical_scrollbar
    if bar is None:
        bar = PaintedScrollBar(
            vertical=True, name="vertical", thickness=widget.scrollbar_size_vertical
        )
        bar.display = False
        widget._vertical_scrollbar = bar
        widget.app._start_widget(widget, bar)
    return bar


class ShownCompositor(Compositor):
    """Textual's compositor, asking only the widgets that show inside a partial
    update's area, and are not hidden there by a widget in front, for their lines.

    Textual asks every widget whose *container* overlaps the area (its clip), so a
    `G` (the list and its scroll bar) also had the reading pane, the status line and
    the key bar render all their lines, and the screen and the containers behind the
    list render theirs, each cut at every column where widgets meet, for none of it to
    reach the screen: a partial update writes only its spans, which lie inside the
    area, and there the widget in front wins (a widget's lines fill its region). So a
    widget whose visible part is outside the area, or whose part inside it lies within
    a widget in front, gives the same screen unasked."""

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterator[tuple[Region, Region, list[Strip]]]:
        if crop is None:  # the whole screen: Textual's own
            yield from super()._get_renders(crop)
            return
        in_front: list[Region] = []  # what the widgets asked so far show (front first)
        for widget, (region, clip) in self.visible_widgets.items():
            shown = region.intersection(clip)
            needed = shown.intersection(crop)
            if not needed.area or any(map(Region.contains_region, in_front, repeat(needed))):
                continue
            in_front.append(shown)
            lines = Region(shown.x - region.x, shown.y - region.y, shown.width, shown.height)
            yield region, clip, widget.render_lines(lines)
