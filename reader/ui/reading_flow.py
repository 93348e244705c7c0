"""The reading flow: which article the pane shows, when it counts as read, and
moving to the next one (J/K, n/p, space).

An article is marked read when it is opened on purpose (enter, n/p, J/K, space),
once the screen shows it, or after it has stayed in the pane for `read_after`
seconds; holding j over the list marks nothing and reads no file it passes.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.timer import Timer

from reader.core.models import Article
from reader.core.reading import Reading
from reader.core.sanitize import clean_line
from reader.core.state import StateStore
from reader.ui.main_screen import MainScreen
from reader.ui.services.marks import MarksService
from reader.ui.services.opener import OpenerService

# Seconds an article must stay on screen before it counts as read.
READ_AFTER = 1.0


class ReadingFlow:
    """Opens articles into the main screen's pane and marks them read."""

    def __init__(
        self,
        app: App[None],
        main: Callable[[], MainScreen],
        opener: OpenerService,
        marks: MarksService,
        store: StateStore,
    ) -> None:
        self.app = app
        self._main = main
        self.opener = opener
        self.marks = marks
        self.store = store
        self.read_after = READ_AFTER
        self._read_timer: Timer | None = None
        self._read_once_shown: Article | None = None  # opened on purpose, not shown yet

    def highlighted(self, article: Article) -> None:
        """The cursor stopped on `article`: show it soon (unless it is shown already)."""
        shown = self._main().pane.reading
        if shown is not None and shown.article == article:
            return  # the same article moved in the list (rows arrived): keep its scroll
        self.opener.open_soon(article)

    def open(self, article: Article, *, focus: bool = False) -> None:
        """Open now (enter, n/p, J/K): show it, mark it read, optionally focus the pane."""
        self.opener.cancel()
        pane = self._main().pane
        shown = pane.reading
        if shown is None or shown.article.key != article.key:
            self._read_once_shown = article
            self.opener.open(article)
        else:
            self.marks.set_read(article, True)
        if focus:
            self.app.screen.set_focus(pane)

    def show(self, reading: Reading) -> None:
        """Put `reading` in the pane; it counts as read after `read_after` seconds there."""
        self._main().pane.show(reading)
        self._mark_opened()
        self.stop_read_timer()
        article = reading.article
        self._read_timer = self.app.set_timer(self.read_after, lambda: self._read_if_shown(article))

    def failed(self, article: Article, reason: str) -> None:
        self._main().pane.show_message(
            f"Cannot read {clean_line(article.path)}: {reason}", article.title
        )
        self._mark_opened()

    def stop_read_timer(self) -> None:
        """The user set the mark by hand (m): the timer must not override it."""
        if self._read_timer is not None:
            self._read_timer.stop()

    def step(self, delta: int) -> None:
        """Open the article `delta` rows away (J/K)."""
        listing = self._main().article_list
        if listing.rows:
            listing.move_to(listing.cursor + delta)
            if listing.current is not None:
                self.open(listing.current)

    def jump_unread(self, direction: int) -> None:
        """Open the next unread article below (1) or above (-1) the cursor (n/p)."""
        listing = self._main().article_list
        rows = listing.rows
        index = listing.cursor + direction
        while 0 <= index < len(rows):
            if not self.store.is_read(rows[index].id):
                listing.move_to(index)
                self.open(rows[index])
                return
            index += direction
        self.app.notify(
            "No more unread articles " + ("below." if direction > 0 else "above."),
            markup=False,
            timeout=3,
        )

    def page_or_next(self) -> None:
        """Space: open the cursor's article, else page down, else the next unread."""
        main = self._main()
        pane = main.pane
        if pane.reading is None:
            current = main.article_list.current
            if current is not None:
                self.open(current)
        elif not pane.at_end:
            pane.scroll_page_down(animate=False)
        else:
            self.jump_unread(1)

    def _mark_opened(self) -> None:
        """Mark the article opened on purpose read, once the screen shows what came of
        it: writing the mark while it is read and cleaned would slow the open."""
        opened, self._read_once_shown = self._read_once_shown, None
        if opened is not None:
            self.app.call_after_refresh(self.marks.set_read, opened, True)

    def _read_if_shown(self, article: Article) -> None:
        shown = self._main().pane.reading
        if shown is not None and shown.article.key == article.key:
            self.marks.set_read(article, True)
