"""The reading pane: title, metadata line and the cleaned body.

The title and the metadata line are `Static`s; the body is an `ArticleBody`, the
article's lines laid out once per width (in the opener's worker thread when it can)
and painted as they come on screen (see reader.ui.article_body). Article text is
only ever data (never markup).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.scrollbar import ScrollBar
from textual.widgets import Static

from reader.core.highlight import step
from reader.core.models import Article
from reader.core.query import Needle
from reader.core.sanitize import clean_line
from reader.ui.article_body import (
    CURRENT_MATCH_STYLE,
    MATCH_STYLE,
    MEASURE,
    ArticleBody,
    BodyLayout,
    BodyParts,
    current_match_line,
    message_layout,
    reading_parts,
)
from reader.ui.bindings import bindings
from reader.ui.painting import painted_vertical_scrollbar
from reader.ui.search_box import FindBox

if TYPE_CHECKING:
    from reader.core.highlight import Match
    from reader.core.reading import Reading

__all__ = ["CURRENT_MATCH_STYLE", "MATCH_STYLE", "ReadingPane"]  # (the styles: for tests)

PartList = list[str | tuple[str, str]]
# Columns ←/→ scroll the pane sideways by.
SIDEWAYS_STEP = 8


def fitted(body: BodyParts, width: int, height: int, bar: int, header: int) -> BodyLayout:
    """`body` laid out for a pane whose content is `width` × `height`, a vertical
    scroll bar `bar` columns wide taking its share when the body and the `header`
    lines above it are taller than the pane: at the width the pane will give the body,
    so that it is wrapped once."""
    if width <= 0:  # not laid out yet (or hidden): the measure, fixed when shown
        return body.lay_out(MEASURE)
    if not bar or width - bar >= MEASURE:  # the scroll bar takes no text column
        return body.lay_out(min(MEASURE, width))
    narrow = max(1, width - bar)
    tall = header + body.lines_at(narrow) > height
    layout = body.lay_out(narrow if tall else width)
    if tall != (header + len(layout.lines) > height):  # the guess was wrong
        tall = not tall
        layout = body.lay_out(narrow if tall else width)
    if tall:
        layout.before_bar = min(MEASURE, width)
    return layout


def header_lines(reading: Reading, width: int) -> int:
    """Lines of the title and the metadata (with the blank line under each)."""
    from reader.core.formats.base import shown_title  # loaded by the opening already

    title = len(Content(shown_title(reading.article.title)).wrap(max(1, min(MEASURE, width))))
    return title + 1 + 1 + bool(reading.byline()) + bool(reading.article.url) + 1


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
        self._resuming = False
        self.search_needles: tuple[Needle, ...] = ()  # the active search's words
        self.find_needles: tuple[Needle, ...] | None = None  # find's, while it is on
        self.matches: list[Match] = []
        self.current_match: int | None = None

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="pane-title", markup=False)
        yield Static(id="pane-meta", markup=False)
        yield ArticleBody(id="pane-body")
        yield FindBox(id="find")

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Textual's, without a second layout of the whole screen when the virtual size
        changed (every article of another length): the layout that measured it has
        placed everything already, and a scroll bar shown or hidden asks for its own.
        That second pass repainted the whole pane again, a third of an open's frame.

        Nor a frame for the scroll bar alone: Textual asks it to repaint itself here,
        inside the layout, whose frame paints the pane's whole region (its virtual size
        is part of its place on screen), the bar with its new thumb included; the bar's
        own request came after it, as a second frame of every open."""
        changed = super()._size_updated(size, virtual_size, container_size, layout=False)
        bar = self._vertical_scrollbar
        if changed and bar is not None:
            bar._repaint_required = False
        return changed

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's, its lines painted once per distinct line (every open repaints it)."""
        return painted_vertical_scrollbar(self)

    @property
    def body(self) -> ArticleBody:
        return self.query_one("#pane-body", ArticleBody)

    def _needles(self) -> tuple[Needle, ...]:
        return self.search_needles if self.find_needles is None else self.find_needles

    def layout_maker(self) -> Callable[[Reading], BodyLayout]:
        """What lays out an article's body as `show` would now (the pane's width and
        height, `b`, the search's words), without the app: for a worker thread."""
        region = self.content_region
        width, height = region.width, region.height
        bar = self.styles.scrollbar_size_vertical
        hidden, needles = self.show_hidden, self._needles()

        def make(reading: Reading) -> BodyLayout:
            body = reading_parts(reading, hidden, needles, None)
            return fitted(body, width, height, bar, header_lines(reading, width))

        return make

    def show(
        self,
        reading: Reading | None,
        *,
        keep_scroll: bool = False,
        layout: BodyLayout | None = None,
    ) -> None:
        """Display `reading` (None: nothing selected); `layout`: its body laid out
        already (by `layout_maker`'s function), used if it is still what the pane
        would show."""
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
        wanted = (self.show_hidden, self._needles(), self.current_match)
        if layout is None or layout.key[0] is not reading or layout.key[1:] != wanted:
            region = self.content_region
            body = reading_parts(reading, *wanted)
            header = header_lines(reading, region.width)
            layout = fitted(
                body, region.width, region.height, self.styles.scrollbar_size_vertical, header
            )
        self.links = layout.links
        self.matches, self.current_match = layout.matches, layout.current_match
        # One layout pass for the three updates and the scroll, not one each.
        with self.app.batch_update():
            self.query_one("#pane-title", Static).update(
                Content.styled(shown_title(reading.article.title), "bold")
            )
            self.query_one("#pane-meta", Static).update(Content.assemble(*meta_parts))
            self.body.show(layout)
            if not keep_scroll:
                self.scroll_home(animate=False)

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
        laid out. Coming back to where one was is not reaching the end."""
        if where <= 0 or self.reading is None:
            return
        self.call_after_refresh(self._scroll_to_position, self.reading.article.key, where)

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
        body = self.body
        body.show(message_layout(text, body.text_width_for(self.scrollable_content_region.width)))
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
        """Scroll so that the current match is a third of the way down the pane."""
        body = self.body
        line = current_match_line(body.laid_out)
        if line is not None:
            y = body.virtual_region.y + line
            self.scroll_to(y=max(0, y - self.size.height // 3), animate=False)
