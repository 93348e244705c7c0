"""The Textual app: wiring between the services, the screen and the marks.

Background work lives in services (`reader.ui.services`): the library session and
its watcher, opening articles, searching, indexing and writing marks. Each owns
its threads and state and reports back with a message; this module handles those
messages, keeps the filters, and holds the app-wide actions the keys call.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from time import monotonic
from types import ModuleType
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import App
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input

from reader.core.config import Config
from reader.core.keys import display_key, or_keys
from reader.core.layout import NARROW_BELOW, STEP
from reader.core.models import Article
from reader.core.paths import search_index_path, settings_path, subscriptions_path
from reader.core.query import find_needle, needles
from reader.core.reading import ReadingService
from reader.core.sanitize import clean_line
from reader.core.session import LibrarySession
from reader.core.state import StateStore
from reader.core.wording import FORMATS_READ, NO_ARTICLE, count
from reader.ui.article_body import BodyLayout
from reader.ui.article_list import ArticleList
from reader.ui.bindings import bindings
from reader.ui.cell_widths import count_spacing_marks
from reader.ui.feed_view import FeedView
from reader.ui.list_filters import SORT_LABELS, SORTS, ListFilters
from reader.ui.main_screen import MainScreen
from reader.ui.preferences import Preferences
from reader.ui.reading_flow import ReadingFlow
from reader.ui.reading_pane import ReadingPane
from reader.ui.search_box import FindBox, SearchBox
from reader.ui.services.fetching import FetchingService, summary
from reader.ui.services.indexing import IndexingService
from reader.ui.services.library import LibraryService
from reader.ui.services.marks import MarksService
from reader.ui.services.opener import OpenerService
from reader.ui.services.search import SearchService
from reader.ui.split import Sidebar
from reader.ui.status_line import Status

# The dialogs, the help screen, webbrowser and shlex are imported by the actions that
# use them (`dialogs()`, `action_help`...): the first frame needs none of them.

if TYPE_CHECKING:  # the fetch (httpx) and the scan load when first used, after the list shows
    from reader.core.library import Problem
    from reader.core.reading import Reading

# What the pane (and a list without the pane beside it) says when no article is listed.
NO_MATCH = "No article matches."
SAFE_URL_SCHEMES = ("http://", "https://")
# Seconds between looks at the state file for marks made by another instance.
MERGE_EVERY = 2.0
# While typing a search, the open article's highlights wait for a pause this long:
# laying a long article out again takes tens of ms, which the next key would wait behind.
HIGHLIGHT_PAUSE = 0.15
# How long another thread may keep the interpreter while the UI thread waits for it
# (Python's default: 5 ms). A key passes through several of Textual's message queues, and
# the UI thread gives the interpreter up at each (the event loop polls its files); with a
# background thread busy in Python (a search, cleaning the next article), each of those
# waited up to the whole interval.
SWITCH_INTERVAL = 0.001
# The search's preparation after an index run (the index's list order matched to the
# list, its words read and warmed: about a second of Python at 100,000 articles, on
# threads that share the interpreter with the UI) waits for the keys and the mouse to
# rest this long: a run that ends right after a start would otherwise slow the first
# keys (`j` p95 14 -> 31 ms in the terminal bench). A search asked meanwhile prepares
# what it needs itself. Reading the index's words and warming each frequent one wait for
# such a rest again before each step (`SearchService.rest_left`).
PREPARE_PAUSE = 1.0
# While a first scan's rows come in (the user has not acted), the top row opens once it
# has stayed the top this long: not each row that passes there (every batch may bring a
# newer one, and reading each, with its feed's sample, takes the UI's process from the
# scan: at 1 s, a first start of 100,000 files read a moment ago opened one or two
# midway, +0.1 s of the app's CPU to the complete list), yet not only at the end (at a
# million files on a cold disk the list takes minutes).
TOP_SETTLE = 3.0
# A key typed in the search box (with the index, searched at once, a few ms) holds the
# screen's paint until its results are shown, at most this long: the box's echo and the
# list then come in one frame, where the list's frame waited for the next of Textual's
# 60 a second after the echo's.
SEARCH_FRAME_HOLD = 0.05
EMPTY_LIBRARY = (
    "No articles found in {where}.\n\nPut article files in a folder per feed, for example "
    "~/news/<feed>/<article>.txt, then press {reload} to reload. The reader reads "
    f"{FORMATS_READ}; press {{problems}} for the files it skipped. Run `reader --help` for more."
)


class ReaderApp(App[None]):
    """Sidebar list of articles, reading pane, read and starred marks."""

    CSS_PATH = "reader.tcss"
    TITLE = "reader"

    BINDINGS = bindings("app")  # reader.core.keys: ids, keys, priority, footer hints

    def __init__(
        self,
        paths: Sequence[Path],
        store: StateStore,
        *,
        config: Config | None = None,
        startup_messages: Iterable[str] = (),
        session: LibrarySession | None = None,
    ) -> None:
        super().__init__()
        count_spacing_marks()  # Hindi's vowel signs take the cell the terminal gives them
        self.paths = [Path(os.path.abspath(p)) for p in paths]
        self.store = store
        self.config = config or Config()
        self.startup_messages = list(startup_messages)
        self.reading_service = ReadingService(self.config)
        self.library = LibraryService(self, session or LibrarySession(self.paths))
        self.opener = OpenerService(self, self.reading_service)
        self.opener.lay_out = self._body_layout_maker  # the pane's body, in the worker
        db_path = search_index_path(self.paths)
        self.searcher = SearchService(self, db_path, store)
        self.indexing = IndexingService(self, db_path, self.paths, self.config)
        self.marks = MarksService(self, store)
        self.fetching = FetchingService(self, self.paths)
        self.flow = ReadingFlow(self, lambda: self.main, self.opener, self.marks, store)
        self.flow.read_after = self.config.read_after
        self.flow.mark_read = self.config.mark_read
        self.filters = ListFilters(store)
        self.flow.unread_in_library = self.filters.unread_count
        self.flow.list_filtered = lambda: len(self.article_list.rows) < len(self.articles)
        self.flow.list_whole = lambda: self.loaded
        self.flow.input_rest = lambda: monotonic() - self._input_at
        self.keymap = dict(self.config.keys)  # binding id -> keys, from config.toml's [keys]
        self.preferences = Preferences(self, self.config, settings_path())
        self.problems: list[Problem] = []
        # Called once the first frame is painted (the CLI resumes the garbage collector).
        self.after_first_frame: Callable[[], None] = lambda: None

    # -- layout and life -----------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.marks_of, ready=self._start)

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    @property
    def article_list(self) -> ArticleList:
        return self.main.article_list

    @property
    def pane(self) -> ReadingPane:
        return self.main.pane

    @property
    def articles(self) -> list[Article]:
        """Every article of the library, newest first."""
        return self.filters.articles

    @property
    def loaded(self) -> bool:
        """A whole list (cached or scanned) is shown."""
        return self.library.loaded

    def get_key_display(self, binding: Binding) -> str:
        """Every key bar names a key as the help, `reader keys` and the README do
        (`display_key`: PgDn, enter, ctrl+p), not in Textual's own words (pgdn, ⏎, ^p):
        a key read on the bar is found under the same name in the help."""
        return binding.key_display or display_key(binding.key)

    _switch_interval: float | None = None  # Python's, restored on leaving

    def on_mount(self) -> None:
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(SWITCH_INTERVAL, self._switch_interval))
        self.preferences.apply()  # keymap, theme, and notices about config.toml
        self._restore_sort()

    def _start(self) -> None:
        """The screen's widgets are mounted (its first frame is still to come): load the
        library, watch for other readers' marks."""
        self.call_after_refresh(self._first_frame)
        self.main.split.chosen = self.preferences.settings.list_width
        self.main.split.apply()
        self.article_list.focus()
        for message in self.startup_messages:
            self.notify(message, title="State file", severity="warning", markup=False, timeout=12)
        cached = self.library.cached_rows(wait=False)  # read meanwhile (a warm start)
        if cached:
            self._show_cached(cached)
            self.call_after_refresh(self.library.load)  # the scan holds the GIL: paint first
        else:
            self.pane.show_message("Loading the library…")
            self._update_counts()
            self._show_head()
            self.library.load()
        self.marks.merge_conflict_copies()
        self.set_interval(MERGE_EVERY, self.marks.merge_other_instances)
        self.main.search_box.at_once = lambda: self.searcher.index_ready
        self.main.search_box.search = self._search_typed
        self.searcher.building = lambda: self.indexing.busy
        self.searcher.rest_left = lambda: self._input_at + PREPARE_PAUSE - monotonic()

    def _first_frame(self) -> None:
        self.library.session.first_frame()
        self.after_first_frame()

    def on_unmount(self) -> None:
        self.fetching.stop()  # cancelled: it keeps what it wrote and saves what it learned
        self.library.close()
        self.indexing.stop()
        self.searcher.close()
        self.marks.close()
        self._release_frames(paint=False)
        if self._switch_interval is not None:
            sys.setswitchinterval(self._switch_interval)

    # -- the library ---------------------------------------------------------------

    @on(LibraryService.RowsArrived)
    def _rows_arrived(self, message: LibraryService.RowsArrived) -> None:
        """A partial list while a cold scan goes on: show it, keep the cursor's article."""
        self._scan_rows = True
        self._set_articles(message.rows)
        self._apply_filters()

    def _show_head(self) -> None:
        """A large cache is still being decoded: show its first rows meanwhile, as a
        partial list (the status line says it is loading). In any order but the cache's
        own (newest first) they would not be the list's first rows, so they wait."""
        head = self.library.head_rows()
        if head and self.filters.sort == SORTS[0]:
            self._set_articles(head)
            self._apply_filters()

    @on(LibraryService.CacheLoaded)
    def _cache_loaded(self, message: LibraryService.CacheLoaded) -> None:
        self._show_cached(message.rows)
        self.call_after_refresh(message.painted.set)

    def _show_cached(self, rows: list[Article]) -> None:
        """The library as last seen, shown whole while the scan checks it against the disk."""
        self.library.loaded = True
        self._set_articles(rows)
        self._apply_filters()
        self._first_listing_whole()

    @on(LibraryService.Loaded)
    def _library_loaded(self, message: LibraryService.Loaded) -> None:
        library = message.library
        self.library.loaded = True
        self.problems = list(library.problems)
        if message.as_shown:
            # (the rows shown stay, with what was built of them: re-setting a million
            # rows dropped the feeds' grouping and evidence, and the next open waited
            # 0.2-0.4 s to group them again)
            self._update_counts()
        else:
            self._set_articles(library.articles)
            self._apply_filters()
        self._first_listing_whole()
        self.call_after_refresh(message.painted.set)
        if not self.articles:
            self._show_empty_library()
        if self.problems:
            self.notify(
                f"{dialogs().problems_summary(self.problems)}: press "
                f"{self._keys('reader.problems')} to see which and why.",
                severity="warning",
                markup=False,
            )

    @on(LibraryService.Changed)
    def _library_changed(self, message: LibraryService.Changed) -> None:
        """The library changed on disk: new rows and fresh evidence (the index follows
        once the cache holds them: `Saved`)."""
        if self.is_running:
            self._set_articles(message.rows)
            self._apply_filters()
            if not self.articles:  # the last file went: not the gone article, the advice
                self._show_empty_library()

    def _show_empty_library(self) -> None:
        """What an empty library says, in the pane and the list: where the reader looked,
        which files it reads, how to reload and see the skipped files."""
        where = ", ".join(str(p) for p in self.paths)
        reload, problems = self._keys("reader.reload"), self._keys("reader.problems")
        text = EMPTY_LIBRARY.format(where=where, reload=reload, problems=problems)
        self.pane.show_message(text, title="Empty library")
        self.article_list.set_empty_text(text)

    @on(LibraryService.Saved)
    def _library_saved(self, message: LibraryService.Saved) -> None:
        """The cache holds the checked rows: the indexer child is handed them."""
        if self.is_running:
            self.indexing.request(message.generation)

    @on(LibraryService.WatchFailed)
    def _watch_failed(self, message: LibraryService.WatchFailed) -> None:
        """Said once: the watcher reports only its first failure."""
        self.notify(
            f"Live updates of the library stopped ({message.reason}); "
            "it is checked for changes every few seconds instead.",
            severity="warning",
            markup=False,
            timeout=10,
        )

    def _set_articles(self, rows: list[Article]) -> None:
        self.filters.set_articles(rows)
        self.reading_service.set_library(rows)
        self.opener.forget_prepared()

    # -- search and the search index -------------------------------------------------

    @on(IndexingService.Progress)
    def _index_progress(self) -> None:
        self._update_counts()

    @on(IndexingService.Finished)
    def _index_finished(self, message: IndexingService.Finished) -> None:
        self.searcher.index_ready = message.succeeded or self.searcher.index_ready
        self._update_counts()
        if self.searcher.index_ready:
            self._prepare_search_when_idle()
        if self.filters.search_query is not None:
            self.run_search(self.main.search_box.value)

    _input_at = 0.0  # (monotonic) the last key or mouse event
    _listing_first = True  # until the first listing is whole (`_at_the_top`)
    _scan_rows = False  # a cold scan's partial rows are shown (`_rows_arrived`)
    _top_timer: Timer | None = None  # the top row waiting to stay the top (`_settle_top`)
    _prepare_timer: Timer | None = None  # the search's preparation waiting for a pause

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._input_at = monotonic()
        await super().on_event(event)

    def _prepare_search_when_idle(self) -> None:
        """Prepare the search (`SearchService.prepare`) once input has rested for
        PREPARE_PAUSE, with the articles listed then."""
        if self._prepare_timer is not None:
            self._prepare_timer.stop()
        wait = self._input_at + PREPARE_PAUSE - monotonic()
        if wait > 0:
            self._prepare_timer = self.set_timer(wait, self._prepare_search_when_idle)
            return
        self._prepare_timer = None
        self.searcher.prepare(self.articles)

    @on(SearchBox.Search)
    def _search_asked(self, message: SearchBox.Search) -> None:
        self.run_search(message.text)

    def run_search(self, text: str) -> None:
        """Search the list for `text` (the newest request wins)."""
        self.searcher.run(text, self.articles)

    def _search_typed(self, text: str) -> None:
        """A key in the search box: search, its echo held until the results show."""
        if self.searcher.index_ready:
            self._hold_frames()
        self.run_search(text)

    @on(SearchService.Done)
    def _search_done(self, done: SearchService.Done) -> None:
        if self.searcher.accept(done):
            self.show_search(done)
            self._release_frames()

    _frames_held: tuple[AbstractContextManager[None], Timer] | None = None

    def _hold_frames(self) -> None:
        """Paint nothing until `_release_frames` (at most `SEARCH_FRAME_HOLD` seconds)."""
        if self._frames_held is None:
            batch = self.batch_update()
            batch.__enter__()
            self._frames_held = batch, self.set_timer(SEARCH_FRAME_HOLD, self._release_frames)

    def _release_frames(self, paint: bool = True) -> None:
        held, self._frames_held = self._frames_held, None
        if held is not None:
            batch, timer = held
            timer.stop()
            batch.__exit__(None, None, None)
            if paint:
                self.screen.check_idle()  # (what changed meanwhile is painted now)

    def show_search(self, done: SearchService.Done) -> None:
        """Narrow the list to a search's matches (or show it whole: no query)."""
        self.filters.set_search(done.query, done.hits, done.error)
        self._apply_filters()
        if done.error is None:  # an error while typing keeps the last highlights
            # After the list is on screen: highlighting lays the open article out again.
            wanted = needles(done.query) if done.query else ()
            if self._highlight_timer is not None:
                self._highlight_timer.stop()
                self._highlight_timer = None
            if wanted and self.focused is self.main.search_box:  # typing: once it pauses
                # The pane's timer: it dies with the pane (an app's timer may fire
                # while the app closes, once its screens are gone).
                pane = self.pane
                self._highlight_timer = pane.set_timer(
                    HIGHLIGHT_PAUSE, lambda: pane.highlight_search(wanted)
                )
            else:
                self.call_after_refresh(self.pane.highlight_search, wanted)
        self._update_search_hint()

    _highlight_timer: Timer | None = None  # the highlights waiting for a typing pause

    def _update_search_hint(self) -> None:
        """The line under the search box: the whole error, else the language while
        the box has the focus."""
        box = self.main.search_box
        typing = box.display and self.focused is box
        self.main.search_hint.show(error=self.filters.search_error, open=typing)
        self.article_list.set_class(box.in_use, "-searching")  # (its scroll bar stays)

    # -- find in the article and the matches -------------------------------------------

    def action_find(self) -> None:
        if self.pane.reading is None:
            self.notify("No article is open to find in.", markup=False, timeout=3)
            return
        self.query_one("#find", FindBox).open()
        self.pane.highlight_find(())

    @on(FindBox.Find)
    def _find(self, message: FindBox.Find) -> None:
        needle = find_needle(message.text)
        self.pane.highlight_find((needle,) if needle else ())
        found = self.pane.jump(1) if needle is not None else None
        count = f"{found[0]} of {found[1]}" if found else "no match"
        self.query_one("#find", FindBox).border_subtitle = count if needle else ""

    @on(FindBox.Closed)
    def _find_closed(self, message: FindBox.Closed) -> None:
        if not message.keep:
            self.pane.highlight_find(None)
        self.screen.set_focus(self.pane)

    def action_next_match(self) -> None:
        self._jump(1)

    def action_previous_match(self) -> None:
        self._jump(-1)

    def _jump(self, direction: int) -> None:
        if self.pane.reading is None:
            return
        found = self.pane.jump(direction)
        if found is None:
            wanted = self.pane.find_needles or self.pane.search_needles
            text = "No match in this article." if wanted else "Search (/) or find (f) first."
            self.notify(text, markup=False, timeout=2)
        elif found[2]:
            where = "first" if direction > 0 else "last"
            self.notify(f"Wrapped to the {where} match.", markup=False, timeout=2)

    # -- list and filters ----------------------------------------------------------

    def marks_of(self, article: Article) -> tuple[bool, bool]:
        return self.store.is_read(article.id), self.store.is_starred(article.id)

    def _apply_filters(self) -> None:
        try:
            rows = self.filters.visible()
            top = rows[0] if rows and self._at_the_top() else None
            self.article_list.set_rows(rows, keep=top)
        except (NoMatches, IndexError):  # a service's message arrived while the app closes
            return
        self._update_counts()

    def _at_the_top(self) -> bool:
        """Whether the cursor follows the list's top row: until the first listing is
        whole, while the user has pressed no key nor touched the mouse. The first rows
        of a scan are the first folder's first files (the oldest, where names start
        with their date); kept under the cursor, they left a new user looking at
        articles years old once the list was whole, its newest far above."""
        return self._listing_first and not self._input_at

    def _first_listing_whole(self) -> None:
        """The first listing is whole (the scan's, or the cache's): the cursor stops
        following the top, and the row under it opens if the pane shows another. Later
        listings (a reload) open nothing themselves: new rows that change the article
        under the cursor say so (`ArticleList.set_rows`), and that opens it."""
        if not self._listing_first:
            return
        self._listing_first = False
        self._show_current()

    def _settle_top(self) -> None:
        """Open the top row once it has stayed the top for TOP_SETTLE."""
        if self._top_timer is not None:
            self._top_timer.stop()
        self._top_timer = self.set_timer(TOP_SETTLE, self._top_settled)

    def _top_settled(self) -> None:
        self._top_timer = None
        if self._at_the_top():  # (else the user acted meanwhile: their moves open)
            self._show_current()

    def _show_current(self) -> None:
        """Open the row under the cursor unless the pane shows it."""
        if self._top_timer is not None:
            self._top_timer.stop()
            self._top_timer = None
        current = self.article_list.current
        shown = self.pane.reading
        if current is not None and (shown is None or shown.article.key != current.key):
            self.flow.highlighted(current, by_user=False)

    def _update_counts(self) -> None:
        try:
            status_line = self.main.status_line
            self._update_feed_view()  # first: its pass also counts the status line's unread
        except (NoMatches, IndexError):  # a service's message arrived while the app closes
            return
        filters, loaded = self.filters, self.loaded
        unread, articles = filters.chosen_counts() if loaded else (0, len(filters.articles))
        status = Status(
            loaded=loaded,
            articles=articles,
            unread=unread,
            found=len(self.article_list.rows) if filters.search_query is not None else None,
            search_error=filters.search_error,
            index_ready=self.searcher.index_ready,
            partial=self.searcher.shown_partial,
            indexing=self.indexing.status(),
            unread_only=filters.unread_only,
            starred_only=filters.starred_only,
            sort=None if filters.sort == SORTS[0] else SORT_LABELS[filters.sort],
            skipped=sum(1 for problem in self.problems if not problem.listed),
            warnings=sum(1 for problem in self.problems if problem.listed),
            marks_unsaved=bool(self.store.read_only_reason or self.store.save_error),
            feed=filters.feed,
            fetching=self.fetching.status(),
        )
        status_line.show(status)

    # -- the feed view ---------------------------------------------------------------

    def _update_feed_view(self) -> None:
        """Fresh counts and choice in the feed view, while it is shown (the counts are
        only counted again when rows or marks changed)."""
        view = self.main.feed_view
        if view.shown and self.loaded:
            filters = self.filters
            view.show_counts(
                filters.feed_counts(),
                feed=filters.feed,
                unread_only=filters.unread_only,
                starred_only=filters.starred_only,
            )

    def action_toggle_feeds(self) -> None:
        """Show the feed view and go to it; from inside it, hide it (back to the list)."""
        view = self.main.feed_view
        if view.shown and view.has_focus:
            view.hide()
            self.screen.set_focus(self.article_list)
            return
        if not view.shown:
            view.show()
            self._update_feed_view()
            if self.filters.feed is not None:
                view.move_to_entry("feed", self.filters.feed)
        self.screen.set_focus(view)

    @on(FeedView.Chosen)
    def _feed_chosen(self, message: FeedView.Chosen) -> None:
        """All: every filter off; Unread, Starred: the u and S toggles; a feed: its
        articles (with the toggles and the search). A feed or All goes to the list."""
        entry, filters = message.entry, self.filters
        if entry.kind == "unread":
            filters.unread_only = not filters.unread_only
        elif entry.kind == "starred":
            filters.starred_only = not filters.starred_only
        else:
            filters.feed = entry.feed
            if entry.kind == "all":
                filters.unread_only = filters.starred_only = False
        self._apply_filters()
        if entry.kind in ("all", "feed"):
            view = self.main.feed_view
            if view.over_list:  # the list is behind the view: show it
                view.hide()
            self.screen.set_focus(self.article_list)

    # -- the open article ----------------------------------------------------------

    @on(ArticleList.Highlighted)
    def _on_highlighted(self, message: ArticleList.Highlighted) -> None:
        if not self.screen_stack:  # delivered as the app closes (the list emptied meanwhile)
            return
        if message.article is not None:
            if not message.by_user and self._scan_rows and self._at_the_top():
                # A scan's rows still arriving move the top row under the cursor: it
                # opens once it stays there (`_settle_top`). (The cache's first rows,
                # shown while the rest is decoded, are the list's top already: that
                # one opens at once.)
                self._settle_top()
                return
            self.flow.highlighted(message.article, by_user=message.by_user)
        elif self.loaded and self.articles:
            self.pane.show_message(NO_MATCH)
        # The list says it too when the pane is not beside it (a narrow terminal).
        if self.loaded and self.articles:
            self.article_list.set_empty_text(NO_MATCH)
        elif self.article_list.empty_text == NO_MATCH:
            self.article_list.set_empty_text("")

    @on(ArticleList.Selected)
    def _on_selected(self, message: ArticleList.Selected) -> None:
        self.flow.open(message.article, focus=True)

    def open_article(self, article: Article, *, focus: bool = False) -> None:
        """Open `article` now, as enter, n/p and J/K do (and count it read)."""
        self.flow.open(article, focus=focus)

    @on(OpenerService.Failed)
    def _show_error(self, message: OpenerService.Failed) -> None:
        try:
            self.flow.failed(message.article, message.reason)
        except NoMatches:  # closing: the pane's parts are gone (a read finished late)
            return

    @on(OpenerService.Opened)
    def _show_reading(self, message: OpenerService.Opened) -> None:
        if not self.screen_stack:  # closing: even the screen is gone (a read finished late)
            return
        try:
            layout = message.layout if isinstance(message.layout, BodyLayout) else None
            self.show_reading(message.reading, layout)
        except NoMatches:  # closing: the pane's parts are gone (a read finished late)
            return

    def _body_layout_maker(self) -> Callable[[Reading], BodyLayout] | None:
        """What lays out an article's body for the pane as it is now (for the opener's
        worker); None once the pane is gone (closing)."""
        if not self.screen_stack:
            return None
        try:
            return self.pane.layout_maker()
        except NoMatches:
            return None

    def show_reading(self, reading: Reading, layout: BodyLayout | None = None) -> None:
        """Put `reading` in the pane (the benchmark times this), where the user left it;
        `layout`: its body laid out already."""
        pane = self.pane
        shown = pane.reading
        if shown is not None and shown.article.key == reading.article.key:
            where = pane.position  # the same article again (its file changed): stay
        else:
            where = self.preferences.settings.positions.get(reading.article.id, 0.0)
        self.flow.show(reading, layout)
        pane.resume(where)

    # -- where the user is in each article -------------------------------------------

    @on(ReadingPane.Left)
    def _left_article(self, message: ReadingPane.Left) -> None:
        self.remember_position(message.article, message.where)

    def remember_position(self, article: Article, where: float) -> None:
        """Keep where the user left `article` in the settings file (by its id, so it
        survives renames); nothing is written when it did not move, so passing through
        articles writes nothing."""
        settings = self.preferences.settings
        if abs(settings.positions.get(article.id, 0.0) - where) < 0.001:
            return
        self.preferences.update(positions=settings.with_position(article.id, where).positions)

    async def action_quit(self) -> None:
        """Quit, remembering where the user is in the open article."""
        reading = self.pane.reading
        if reading is not None:
            self.remember_position(reading.article, self.pane.position)
        await super().action_quit()

    @on(ReadingPane.ReachedEnd)
    def _reached_end(self, message: ReadingPane.ReachedEnd) -> None:
        """The user scrolled to an article's end: read, with [reading] mark_read_at_end."""
        if self.config.mark_read_at_end:
            self.marks.set_read(message.article, True)

    # -- marks ---------------------------------------------------------------------

    @on(MarksService.Written)
    def _marks_written(self, message: MarksService.Written) -> None:
        for notice in message.notices:
            self.notify(notice, title="State file", severity="warning", markup=False)
        try:
            article_list = self.article_list
        except (NoMatches, AssertionError, IndexError):  # closing: nothing to repaint
            return
        if message.article is not None:
            article_list.refresh_article(message.article)
        else:
            article_list.refresh()
        self._update_counts()
        notice = self.marks.save_notice()
        if notice is not None:
            text, severity = notice
            timeout = 15 if severity == "error" else 5
            self.notify(text, severity=severity, markup=False, timeout=timeout)  # type: ignore[arg-type]

    # -- actions ---------------------------------------------------------------------

    def action_help(self) -> None:
        from reader.ui.help import HelpScreen

        self.push_screen(HelpScreen(self.keymap, self.config))

    def action_toggle_star(self) -> None:
        article = self._target(say=True)
        if article is not None:
            self.marks.toggle_starred(article)

    def action_toggle_read(self) -> None:
        article = self._target(say=True)
        if article is not None:
            self.flow.marked_by_hand(article)
            self.marks.toggle_read(article)

    def action_toggle_unread_only(self) -> None:
        self.filters.unread_only = not self.filters.unread_only
        self._apply_filters()

    def action_toggle_starred_only(self) -> None:
        self.filters.starred_only = not self.filters.starred_only
        self._apply_filters()

    def action_cycle_sort(self) -> None:
        """The next sort order (newest, oldest, feed, title, unread first), remembered."""
        filters = self.filters
        filters.sort = SORTS[(SORTS.index(filters.sort) + 1) % len(SORTS)]
        self._apply_filters()
        self.preferences.update(sort=filters.sort)
        self.notify(f"Sorted {SORT_LABELS[filters.sort]}.", markup=False, timeout=2)

    def _restore_sort(self) -> None:
        saved = self.preferences.settings.sort
        if saved in SORTS:
            self.filters.sort = saved
        elif saved is not None:
            self.notify(
                f"The saved sort order {saved!r} is unknown; sorting newest first.",
                title="Settings",
                severity="warning",
                markup=False,
            )

    def action_filter(self) -> None:
        self.main.search_box.open()
        self._update_search_hint()

    def action_clear_filter(self) -> None:
        box = self.main.search_box
        if box.in_use:
            box.clear_search()
            self._search_done(self.searcher.cancel())  # any search still running is void
            self.screen.set_focus(self.article_list)
            self._update_search_hint()
            self.refresh_bindings()  # esc has nothing left to clear: drop its hint

    def action_submit_search(self) -> None:
        self.screen.set_focus(self.article_list)
        self._update_search_hint()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Gate the priority bindings: `/` types a slash inside the search box, enter
        there ends the search, and none of them act under a dialog."""
        if action not in ("filter", "clear_filter", "submit_search"):
            return True
        if self.screen is not self.screen_stack[0] or isinstance(self.focused, FindBox):
            return False  # the find box has its own enter and esc, and types /
        in_box = isinstance(self.focused, Input)
        if action == "filter":
            return not in_box
        if action == "submit_search":
            return in_box
        return in_box or self.main.search_box.in_use

    def action_toggle_boilerplate(self) -> None:
        if self.pane.reading is None and self.article_list.current is None:
            self.notify(NO_ARTICLE, markup=False, timeout=3)  # (one being opened: b applies)
            return
        shown = self.pane.toggle_hidden()
        reading = self.pane.reading
        if reading is not None:
            hidden = len(reading.result.hidden)
            state = "shown (dimmed)" if shown else "hidden"
            text = f"{count(hidden, 'boilerplate block')} {state}."
            if not hidden:
                text = "Nothing is hidden in this article."
            self.notify(text, markup=False, timeout=3)

    def action_open_url(self) -> None:
        """Open the article's link after showing it; only http(s), never file: or the like."""
        article = self._target(say=True)
        if article is None:
            return
        if not article.url:
            self.notify("This article has no link.", markup=False, timeout=3)
        else:
            self.ask_to_open(article.url)

    def action_links(self) -> None:
        """List the open article's links; the one chosen is opened as `o` opens."""
        pane = self.pane
        if pane.reading is None:
            self.notify(NO_ARTICLE, markup=False, timeout=3)
        elif not pane.links:
            self.notify("This article has no links.", markup=False, timeout=3)
        else:

            def chosen(url: str | None) -> None:
                if url:
                    self.ask_to_open(url)

            self.push_screen(dialogs().LinksScreen(pane.links), chosen)

    def ask_to_open(self, url: str) -> None:
        """Show `url` and open it in the browser if the user says yes; only http(s),
        never file: or the like. The URL is untrusted: shown cleaned, as text."""
        shown = clean_line(url)
        if not url.lower().startswith(SAFE_URL_SCHEMES):
            self.notify(
                f"Not opening {shown}: only http and https links are opened.",
                severity="warning",
                markup=False,
            )
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.open_in_browser(url)

        self.push_screen(dialogs().ConfirmScreen("Open this link in the browser?", shown), answered)

    def open_in_browser(self, url: str) -> None:
        """Open `url` in the user's browser and say so when none could be started.

        Textual's `App.open_url` calls `webbrowser.open` and drops its answer (False
        when no browser was found), so in a terminal the reader calls it itself, in a
        thread: starting a browser can take a while. Served to a web browser
        (`textual serve`), Textual's own way opens it there.
        """
        if self.is_web:
            self.open_url(url)
        else:
            self._start_browser(url)

    @work(thread=True, group="browser")
    def _start_browser(self, url: str) -> None:
        import webbrowser

        try:
            started = webbrowser.open(url)
        except (webbrowser.Error, OSError):
            started = False
        if not started:
            self.call_from_thread(
                self.notify,
                f"No browser could be started for {clean_line(url)}. Set $BROWSER, or "
                "copy the link from the article's header or its links list.",
                title="Open link",
                severity="warning",
                markup=False,
                timeout=10,
            )

    def action_mark_all_read(self) -> None:
        """Mark every listed unread article read, after asking; ctrl+z undoes it."""
        ids = list(
            dict.fromkeys(a.id for a in self.article_list.rows if not self.store.is_read(a.id))
        )
        if not ids:
            self.notify("Every listed article is already read.", markup=False, timeout=3)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.marks.mark_all_read(ids)

        detail = "Only the articles in the list now (filters apply). ctrl+z undoes it."
        self.push_screen(
            dialogs().ConfirmScreen(f"Mark {count(len(ids), 'article')} read?", detail), answered
        )

    def action_undo(self) -> None:
        undone = self.marks.undo()
        if undone is None:
            self.notify("Nothing to undo.", markup=False, timeout=3)
        else:
            verb = "is" if undone == 1 else "are"
            text = f"Undone: {count(undone, 'article')} {verb} unread again."
            self.notify(text, markup=False, timeout=4)

    def action_problems(self) -> None:
        self.push_screen(dialogs().ProblemsScreen(self.problems))

    def action_reload(self) -> None:
        self.notify("Reloading the library…", markup=False, timeout=2)
        self.library.load()

    # -- fetching the subscriptions (R) ----------------------------------------------

    def action_fetch(self) -> None:
        """Fetch every subscription into the library in the background; the watcher
        shows the new articles as they land."""
        if self.fetching.running:
            far = self.fetching.how_far()
            self.notify(f"A fetch is already running ({far}).", markup=False, timeout=3)
            return
        from reader.core.subscriptions import SubscriptionError, load_subscriptions  # (xml)

        try:
            subscriptions = load_subscriptions(subscriptions_path())
        except SubscriptionError as error:
            self.notify(clean_line(str(error)), title="Fetch", severity="error", markup=False)
            return
        if not subscriptions:
            self.notify(
                "No subscriptions yet: add one with `reader feed add URL` in a shell "
                f"(they are kept in {subscriptions_path()}), then press "
                f"{self._keys('reader.fetch')}.",
                title="Fetch",
                markup=False,
                timeout=10,
            )
            return
        from reader.core.fetch import fetch_library

        self.fetching.start(subscriptions, fetch_library(self.config.library))
        self._update_counts()

    @on(FetchingService.Progress)
    def _fetch_progress(self, message: FetchingService.Progress) -> None:
        self.fetching.progressed(message)
        self._update_counts()

    @on(FetchingService.Finished)
    def _fetch_finished(self, message: FetchingService.Finished) -> None:
        self.fetching.finished(message)
        self._update_counts()
        report = message.report
        if report is None:
            text = message.error or "The fetch failed."
            self.notify(text, title="Fetch", severity="error", markup=False, timeout=10)
            return
        text, failed = summary(report)
        severity = "warning" if failed else "information"
        self.notify(
            text, title="Fetched", severity=severity, markup=False, timeout=12 if failed else 6
        )
        if message.outside:
            from shlex import quote

            where = clean_line(str(report.library))
            some = count(message.outside, "new article")
            if message.outside < report.new:  # the app shows some of the library's feeds
                some = f"{message.outside:,} of the {report.new:,} new articles"
            self.notify(
                f"{some} went to {where}, which this window does not show: "
                f"`reader {quote(where)}` opens it.",
                title="Fetch",
                markup=False,
                timeout=15,
            )

    def action_next_article(self) -> None:
        self._opening(lambda: self.flow.step(1), always=True)

    def action_previous_article(self) -> None:
        self._opening(lambda: self.flow.step(-1), always=True)

    def action_next_unread(self) -> None:
        self._opening(lambda: self.flow.jump_unread(1))

    def action_previous_unread(self) -> None:
        self._opening(lambda: self.flow.jump_unread(-1))

    def action_page_or_next(self) -> None:
        current = self.article_list.current
        if self.main.split.article_shown:
            self.flow.page_or_next()
        elif current is not None:  # a narrow terminal shows the list alone: open, as enter
            self.open_article(current, focus=True)

    # -- room to read: the split between the list and the article ------------------

    def action_full_screen(self) -> None:
        self.main.split.toggle_article_alone()

    def action_back_to_list(self) -> None:
        self.main.split.show_list()

    def action_wider_list(self) -> None:
        self._step_list(STEP)

    def action_narrower_list(self) -> None:
        self._step_list(-STEP)

    def action_reset_split(self) -> None:
        split = self.main.split
        if self._too_narrow_for_split():
            return
        width = split.set_width(None)  # follows the terminal again
        self.preferences.update(list_width=None)
        self.notify(f"The list is {width} columns wide (the default).", markup=False, timeout=2)

    def _opening(self, open_: Callable[[], None], *, always: bool = False) -> None:
        """Run `open_` (n, p, J, K); when a narrow terminal shows the list alone, show the
        article it opened (`always`: J and K open one whenever the list has rows)."""
        listing = self.article_list
        before = listing.current
        open_()
        opened = listing.current is not None and (always or listing.current != before)
        if opened and not self.main.split.article_shown:
            self.main.set_focus(self.pane)

    def _step_list(self, delta: int) -> None:
        split = self.main.split
        if self._too_narrow_for_split():
            return
        width = split.stepped(delta)
        if width == split.width and split.list_shown:
            self.bell()  # at its bound already
            return
        self._choose_list_width(width)

    @on(Sidebar.Dragged)
    def _divider_dragged(self, message: Sidebar.Dragged) -> None:
        split = self.main.split
        if split.narrow:
            return
        if message.done:
            self._choose_list_width(message.width)
        else:
            split.set_width(message.width)

    def _choose_list_width(self, width: int) -> None:
        """Make the list `width` columns and remember it for the next start."""
        self.preferences.update(list_width=self.main.split.set_width(width))

    def _too_narrow_for_split(self) -> bool:
        if not self.main.split.narrow:
            return False
        self.notify(
            f"The terminal is too narrow to show the list beside the article "
            f"(it needs {NARROW_BELOW} columns).",
            markup=False,
            timeout=3,
        )
        return True

    # -- helpers -------------------------------------------------------------------

    def _keys(self, binding_id: str) -> str:
        """A binding's keys in a sentence, as config.toml maps them ("r", "f5 or r")."""
        return or_keys(binding_id, self.keymap)

    def _target(self, *, say: bool = False) -> Article | None:
        """The article an action applies to: the one open in the pane, else the cursor's;
        with `say`, a notice when there is none (a key never does nothing silently)."""
        if self.pane.reading is not None and self.pane.has_focus:
            return self.pane.reading.article
        article = self.article_list.current
        if article is None and say:
            self.notify(NO_ARTICLE, markup=False, timeout=3)
        return article


def dialogs() -> ModuleType:
    """`reader.ui.dialogs`, imported when a dialog is first shown (not before the first
    frame: a warm start never needs it)."""
    from reader.ui import dialogs as module

    return module
