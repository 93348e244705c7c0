"""The main screen: the sidebar (status line, search box, article list), the
reading pane and the key bar. Layout only; the app wires the behaviour."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen

from reader.ui.article_list import ArticleList, MarkLookup
from reader.ui.feed_view import FeedView
from reader.ui.frame_pacer import FramePacer
from reader.ui.key_bar import KeyBar
from reader.ui.painting import ShownCompositor
from reader.ui.reading_pane import ReadingPane
from reader.ui.search_box import SearchBox, SearchHint
from reader.ui.split import Sidebar, Split
from reader.ui.status_line import StatusLine


class MainScreen(Screen[None]):
    """The reader's one screen; dialogs and help are pushed over it."""

    def __init__(self, marks: MarkLookup, ready: Callable[[], None] = lambda: None) -> None:
        super().__init__()
        self._compositor = ShownCompositor()  # a frame asks only the widgets it shows
        self._marks = marks
        # Called once the widgets are mounted, before the screen's first layout and
        # frame, so that what the app puts in them (a warm start's whole list) is in
        # that first frame. (A message to the app arrived after three or four frames.)
        self._ready = ready
        self.split = Split(self)  # which of list and article show
        self._pacer: FramePacer | None = None

    @property
    def _update_timer(self) -> FramePacer:  # type: ignore[override]
        """What Textual resumes when the screen needs painting: a paint as soon as the
        last one is a period old, not at the next line of Textual's timer's grid (see
        reader.ui.frame_pacer)."""
        if self._pacer is None:
            self._pacer = FramePacer(self._on_timer_update, self.app._handle_exception)
        return self._pacer

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield FeedView(id="feeds")
            with Sidebar(id="sidebar"):
                yield StatusLine(id="counts")
                yield SearchBox(id="filter")
                yield SearchHint(id="filter-hint")
                yield ArticleList(self._marks, id="articles")
            yield ReadingPane(id="pane")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self, "focused", self.split.focus_moved, init=False)
        self.split.apply()
        # Run in the app's context, not the screen's: a message made here (the list's
        # first Highlighted when cached rows are shown) names the screen its sender, and
        # Textual stops a message's bubbling at its sender, so the app never heard it
        # and a warm start left the first article unopened.
        self.app.call_next(self._ready)

    def on_unmount(self) -> None:
        if self._pacer is not None:
            self._pacer.stop()

    def on_resize(self, event: events.Resize) -> None:
        self.split.apply()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    @property
    def feed_view(self) -> FeedView:
        return self.query_one("#feeds", FeedView)

    @property
    def pane(self) -> ReadingPane:
        return self.query_one("#pane", ReadingPane)

    @property
    def search_box(self) -> SearchBox:
        return self.query_one("#filter", SearchBox)

    @property
    def search_hint(self) -> SearchHint:
        return self.query_one("#filter-hint", SearchHint)

    @property
    def status_line(self) -> StatusLine:
        return self.query_one("#counts", StatusLine)
