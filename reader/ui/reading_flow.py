"""The reading flow: which article the pane shows, when it counts as read, and
moving to the next one (J/K, n/p, space).

An article is marked read when it is opened on purpose (enter, a double-click, n/p,
J/K, space), once the screen shows it, or (`mark_read` "delay", the default) after it
has stayed in the pane for `read_after` seconds *after the user moved to it*. Holding
j over the list marks nothing and reads no file it passes; the article shown at
start-up, or brought under the cursor by new rows or a search's results, is never
marked read by waiting, and nothing is while the search box has the focus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import App
from textual.timer import Timer

from reader.core.config import READ_AFTER
from reader.core.models import Article
from reader.core.reading import Reading
from reader.core.sanitize import clean_line
from reader.core.state import StateStore
from reader.ui.article_body import BodyLayout
from reader.ui.main_screen import MainScreen
from reader.ui.services.marks import MarksService
from reader.ui.services.opener import OpenerService

# An article shown by itself (a search's results, the top row once the whole list is
# shown) has the rows around it read ahead once the keys and the mouse have rested this
# long: J/K after a search then only paint (the first J onto a 1,000-word page of
# 1,000,000 articles took 30-86 ms, where one read ahead takes 10-20), while the read
# stays out of the way of a query still being typed.
AHEAD_REST = 0.4


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
        self.read_after = READ_AFTER  # seconds in the pane (config.toml [reading])
        self.mark_read = "delay"  # or "open": only opening marks read
        self._read_timer: Timer | None = None
        # The article whose read mark the user set with m while it is the chosen one:
        # no read delay overrides that mark until the user moves to another article.
        self._by_hand: str | None = None
        self._read_once_shown: Article | None = None  # opened on purpose, not shown yet
        self._chosen: str | None = None  # key of the article the user moved to
        self._opened: str | None = None  # key of the article last opened on purpose
        self._opening: str | None = None  # key of the article opened now, until shown
        # Set by the app: unread articles in the whole library, and whether the list
        # is narrowed (a search, unread-only, starred-only), for what n/p say.
        self.unread_in_library: Callable[[], int] = lambda: 0
        self.list_filtered: Callable[[], bool] = lambda: False
        # Set by the app: whether the whole list is shown (no first scan's rows coming
        # in), and the seconds since the last key or mouse event.
        self.list_whole: Callable[[], bool] = lambda: False
        self.input_rest: Callable[[], float] = lambda: AHEAD_REST
        self._ahead_timer: Timer | None = None

    def highlighted(self, article: Article, *, by_user: bool = True) -> None:
        """The cursor stopped on `article`: show it soon (unless it is shown already).

        Only an article the user moved to (`by_user`) starts the read delay; new rows
        moving the cursor (a scan batch, a file change, a search) never do."""
        if by_user:
            self._chosen = article.key
            if article.key != self._by_hand:
                self._by_hand = None
        elif article.key != self._chosen:
            self._chosen = None
        shown = self._main().pane.reading
        if shown is not None and shown.article == article:
            self.opener.cancel()  # back on the shown article before another one loaded
            if by_user and self._read_timer is None:
                self._start_read_timer(article)
            return  # the same article moved in the list (rows arrived): keep its scroll
        if article.key == self._opening:
            # J/K, n/p moved the cursor and opened it already: it is on its way (opening
            # it again would read, clean and lay it out twice).
            self.opener.cancel(keep=article)
            return
        self.stop_read_timer()
        self._opening = None  # another open will replace the one on its way
        self.opener.open_soon(article)

    def open(self, article: Article, *, focus: bool = False) -> None:
        """Open now (enter, n/p, J/K): show it, mark it read, optionally focus the pane."""
        self.opener.cancel(keep=article)
        self._chosen = self._opened = article.key
        pane = self._main().pane
        shown = pane.reading
        if shown is None or shown.article.key != article.key:
            self._read_once_shown = article
            self._opening = article.key
            self.opener.open(article)
        else:
            self.marks.set_read(article, True)
        if focus:
            self.app.screen.set_focus(pane)

    def show(self, reading: Reading, layout: BodyLayout | None = None) -> None:
        """Put `reading` in the pane (`layout`: its body laid out already); it counts
        as read after `read_after` seconds there."""
        if reading.article.key == self._opening:
            self._opening = None
        self._main().pane.show(reading, layout=layout)
        if reading.article.key in (self._opened, self._chosen):  # J/K may come next
            self.app.call_after_refresh(self._prepare_next, reading.article)
        elif self.list_whole():
            self._prepare_when_rested(reading.article)
        self._mark_opened()
        self.stop_read_timer()
        if reading.article.key == self._chosen:
            self._start_read_timer(reading.article)

    def failed(self, article: Article, reason: str) -> None:
        if article.key == self._opening:
            self._opening = None
        self._main().pane.show_message(
            f"Cannot read {clean_line(article.path)}: {reason}", article.title
        )
        self._mark_opened()

    def stop_read_timer(self) -> None:
        if self._read_timer is not None:
            self._read_timer.stop()
            self._read_timer = None

    def marked_by_hand(self, article: Article) -> None:
        """The user set `article`'s read mark (m): the read delay must not override it,
        neither the one running nor one started when the article, still on its way to
        the pane, shows (m pressed right after moving to it)."""
        self.stop_read_timer()
        self._by_hand = article.key

    def _start_read_timer(self, article: Article) -> None:
        self.stop_read_timer()
        if self.mark_read == "delay" and article.key != self._by_hand:
            # The screen's timer: it dies with the screen (an app's timer may fire
            # while the app closes, once its screens are gone).
            self._read_timer = self._main().set_timer(
                self.read_after, lambda: self._read_if_shown(article)
            )

    def step(self, delta: int) -> None:
        """Open the article `delta` rows away (J/K)."""
        listing = self._main().article_list
        if listing.rows:
            listing.move_to(listing.cursor + delta)
            if listing.current is not None:
                self.open(listing.current)

    def _prepare_when_rested(self, article: Article) -> None:
        """`_prepare_next` for an article shown by itself, once input has rested for
        `AHEAD_REST`."""
        if self._ahead_timer is not None:
            self._ahead_timer.stop()
            self._ahead_timer = None
        wait = AHEAD_REST - self.input_rest()
        if wait > 0:
            self._ahead_timer = self._main().set_timer(
                wait, lambda: self._prepare_when_rested(article)
            )
        else:
            self._prepare_next(article)

    def _prepare_next(self, article: Article) -> None:
        """Once `article` is on screen (opened, or where the user's cursor stopped), read
        and clean the rows above and below it."""
        listing = self._main().article_list
        current = listing.current
        if current is None or current.key != article.key:
            return  # the user moved on
        rows, cursor = listing.rows, listing.cursor
        self.opener.prepare([rows[i] for i in (cursor + 1, cursor - 1) if 0 <= i < len(rows)])

    def jump_unread(self, direction: int) -> None:
        """Open the next unread article below (1) or above (-1) the cursor (n/p); past
        the end of the list, go on from the other end (once, saying so)."""
        listing = self._main().article_list
        rows = listing.rows
        cursor = listing.cursor
        if direction > 0:
            ahead, behind = range(cursor + 1, len(rows)), range(cursor)
        else:
            ahead, behind = range(cursor - 1, -1, -1), range(len(rows) - 1, cursor, -1)
        is_read = self.store.is_read
        index = next((i for i in ahead if not is_read(rows[i].id)), None)
        wrapped = index is None
        if index is None:
            index = next((i for i in behind if not is_read(rows[i].id)), None)
        if index is None:
            self.app.notify(self._nothing_unread(rows, cursor), markup=False, timeout=4)
            return
        listing.move_to(index)
        self.open(rows[index])
        if wrapped:
            where = (
                "the top: no more unread articles below"
                if direction > 0
                else ("the bottom: no more unread articles above")
            )
            self.app.notify(f"Wrapped to {where}.", markup=False, timeout=3)

    def _nothing_unread(self, rows: Sequence[Article], cursor: int) -> str:
        """What n/p say when no other row of the list is unread."""
        if rows and not self.store.is_read(rows[cursor].id):
            return "No other unread articles."
        elsewhere = self.unread_in_library()
        if elsewhere > 0 and self.list_filtered():
            return f"No unread articles left in this list ({elsewhere:,} outside it)."
        return "No unread articles left."

    def page_or_next(self) -> None:
        """Space: open the cursor's article (the one shown counts as opened: it is
        marked read), then page down, and at its end open the next unread."""
        main = self._main()
        pane = main.pane
        shown, current = pane.reading, main.article_list.current
        if shown is None or (current is not None and current.key != shown.article.key):
            if current is not None:
                self.open(current)  # not shown yet (the cursor just moved): open it
            return
        if shown.article.key != self._opened:
            self.open(shown.article)  # space into the article shown: it is being read
        if not pane.at_end:
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
        """The read delay is over: mark `article` read if it is still the one shown and
        chosen, the pane is on screen (a narrow terminal shows the list alone) and the
        user is not typing a search."""
        self._read_timer = None
        main = self._main()
        shown = main.pane.reading
        if (
            shown is not None
            and shown.article.key == article.key == self._chosen
            and main.pane.display
            and not main.search_box.has_focus
        ):
            self.marks.set_read(article, True)
