"""The Textual app: wiring between the services, the screen and the marks.

Background work lives in services (`reader.ui.services`): the library session and
its watcher, opening articles, searching, indexing and writing marks. Each owns
its threads and state and reports back with a message; this module handles those
messages, keeps the filters, and holds the app-wide actions the keys call.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from textual import on
from textual.app import App
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Input

from reader.core.config import Config
from reader.core.models import Article
from reader.core.paths import search_index_path, settings_path
from reader.core.reading import Reading, ReadingService
from reader.core.session import LibrarySession
from reader.core.state import StateStore
from reader.ui.article_list import ArticleList
from reader.ui.bindings import bindings
from reader.ui.dialogs import ConfirmScreen, ProblemsScreen
from reader.ui.help import HelpScreen
from reader.ui.list_filters import ListFilters
from reader.ui.main_screen import MainScreen
from reader.ui.preferences import Preferences
from reader.ui.reading_flow import ReadingFlow
from reader.ui.reading_pane import ReadingPane
from reader.ui.search_box import SearchBox
from reader.ui.services.indexing import IndexingService
from reader.ui.services.library import LibraryService
from reader.ui.services.marks import MarksService
from reader.ui.services.opener import OpenerService
from reader.ui.services.search import SearchService
from reader.ui.status_line import Status

SAFE_URL_SCHEMES = ("http://", "https://")
# Seconds between looks at the state file for marks made by another instance.
MERGE_EVERY = 2.0
EMPTY_LIBRARY = (
    "No articles found in {where}.\n\nPut article files in a folder per feed, for example "
    "~/news/<feed>/<article>.txt, then press r to reload. The reader reads .txt page dumps, "
    "Markdown (.md, .markdown) and feed files (RSS, Atom, JSON Feed: .rss, .atom, .xml, "
    ".json); press ! for the files it skipped. Run `reader --help` for more."
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
    ) -> None:
        super().__init__()
        self.paths = [Path(os.path.abspath(p)) for p in paths]
        self.store = store
        self.config = config or Config()
        self.startup_messages = list(startup_messages)
        self.reading_service = ReadingService(self.config)
        self.library = LibraryService(self, LibrarySession(self.paths))
        self.opener = OpenerService(self, self.reading_service)
        db_path = search_index_path(self.paths)
        self.searcher = SearchService(self, db_path, store)
        self.indexing = IndexingService(self, db_path, self.paths, self.config)
        self.marks = MarksService(self, store)
        self.flow = ReadingFlow(self, lambda: self.main, self.opener, self.marks, store)
        self.filters = ListFilters(store)
        self.keymap = dict(self.config.keys)  # binding id -> keys, from config.toml's [keys]
        self.preferences = Preferences(self, self.config, settings_path())
        self.problems: list[str] = []

    # -- layout and life -----------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.marks_of)

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

    def on_mount(self) -> None:
        self.preferences.apply()  # keymap, theme, and notices about config.toml

    @on(MainScreen.Ready)
    def _start(self) -> None:
        """The screen is up: load the library, watch for other readers' marks."""
        self.article_list.focus()
        self.pane.show_message("Loading the library…")
        self._update_counts()
        for message in self.startup_messages:
            self.notify(message, title="State file", severity="warning", markup=False, timeout=12)
        self.library.load()
        self.set_interval(MERGE_EVERY, self.marks.merge_other_instances)

    def on_unmount(self) -> None:
        self.library.close()
        self.indexing.stop()
        self.searcher.close()
        self.marks.close()

    # -- the library ---------------------------------------------------------------

    @on(LibraryService.RowsArrived)
    def _rows_arrived(self, message: LibraryService.RowsArrived) -> None:
        """A partial list while a cold scan goes on: show it, keep the cursor's article."""
        self._set_articles(message.rows)
        self._apply_filters()

    @on(LibraryService.CacheLoaded)
    def _cache_loaded(self, message: LibraryService.CacheLoaded) -> None:
        self.library.loaded = True
        self._set_articles(message.rows)
        self._apply_filters()
        self.call_after_refresh(message.painted.set)

    @on(LibraryService.Loaded)
    def _library_loaded(self, message: LibraryService.Loaded) -> None:
        library = message.library
        self.library.loaded = True
        self._set_articles(library.articles)
        self.problems = [str(p) for p in library.problems]
        self._apply_filters()
        self.call_after_refresh(message.painted.set)
        if not self.articles:
            where = ", ".join(str(p) for p in self.paths)
            self.pane.show_message(EMPTY_LIBRARY.format(where=where), title="Empty library")
        if self.problems:
            self.notify(
                f"{len(self.problems):,} file(s) skipped: press ! to see which and why.",
                severity="warning",
                markup=False,
            )
        self.indexing.request()

    @on(LibraryService.Changed)
    def _library_changed(self, message: LibraryService.Changed) -> None:
        """The library changed on disk: new rows, fresh evidence and index."""
        if self.is_running:
            self._set_articles(message.rows)
            self._apply_filters()
            self.indexing.request()

    def _set_articles(self, rows: list[Article]) -> None:
        self.filters.set_articles(rows)
        self.reading_service.set_library(rows)

    # -- search and the search index -------------------------------------------------

    @on(IndexingService.Progress)
    def _index_progress(self) -> None:
        self._update_counts()

    @on(IndexingService.Finished)
    def _index_finished(self, message: IndexingService.Finished) -> None:
        self.searcher.index_ready = message.succeeded or self.searcher.index_ready
        self._update_counts()
        if self.filters.search_query is not None:
            self.run_search(self.main.search_box.value)
        elif self.searcher.index_ready:
            self.searcher.prepare(self.articles)

    @on(SearchBox.Search)
    def _search_asked(self, message: SearchBox.Search) -> None:
        self.run_search(message.text)

    def run_search(self, text: str) -> None:
        """Search the list for `text` (the newest request wins)."""
        self.searcher.run(text, self.articles)

    @on(SearchService.Done)
    def _search_done(self, done: SearchService.Done) -> None:
        if self.searcher.accept(done):
            self.show_search(done)

    def show_search(self, done: SearchService.Done) -> None:
        """Narrow the list to a search's matches (or show it whole: no query)."""
        self.filters.set_search(done.query, done.hits, done.error)
        self._apply_filters()

    # -- list and filters ----------------------------------------------------------

    def marks_of(self, article: Article) -> tuple[bool, bool]:
        return self.store.is_read(article.id), self.store.is_starred(article.id)

    def _apply_filters(self) -> None:
        self.article_list.set_rows(self.filters.visible())
        self._update_counts()

    def _update_counts(self) -> None:
        filters, loaded = self.filters, self.loaded
        status = Status(
            loaded=loaded,
            articles=len(filters.articles),
            unread=filters.unread_count() if loaded else 0,
            found=len(self.article_list.rows) if filters.search_query is not None else None,
            search_error=filters.search_error,
            index_ready=self.searcher.index_ready,
            indexing=self.indexing.status(),
            unread_only=filters.unread_only,
            starred_only=filters.starred_only,
            skipped=len(self.problems),
            marks_unsaved=bool(self.store.read_only_reason or self.store.save_error),
        )
        self.main.status_line.show(status)

    # -- the open article ----------------------------------------------------------

    @on(ArticleList.Highlighted)
    def _on_highlighted(self, message: ArticleList.Highlighted) -> None:
        if message.article is not None:
            self.flow.highlighted(message.article)
        elif self.loaded and self.articles:
            self.pane.show_message("No article matches.")

    @on(ArticleList.Selected)
    def _on_selected(self, message: ArticleList.Selected) -> None:
        self.flow.open(message.article, focus=True)

    def open_article(self, article: Article, *, focus: bool = False) -> None:
        """Open `article` now, as enter, n/p and J/K do (and count it read)."""
        self.flow.open(article, focus=focus)

    @on(OpenerService.Failed)
    def _show_error(self, message: OpenerService.Failed) -> None:
        self.flow.failed(message.article, message.reason)

    @on(OpenerService.Opened)
    def _show_reading(self, message: OpenerService.Opened) -> None:
        self.show_reading(message.reading)

    def show_reading(self, reading: Reading) -> None:
        """Put `reading` in the pane (the benchmark times this)."""
        self.flow.show(reading)

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
        self.push_screen(HelpScreen(self.keymap))

    def action_toggle_star(self) -> None:
        article = self._target()
        if article is not None:
            self.marks.toggle_starred(article)

    def action_toggle_read(self) -> None:
        article = self._target()
        if article is not None:
            self.flow.stop_read_timer()
            self.marks.toggle_read(article)

    def action_toggle_unread_only(self) -> None:
        self.filters.unread_only = not self.filters.unread_only
        self._apply_filters()

    def action_toggle_starred_only(self) -> None:
        self.filters.starred_only = not self.filters.starred_only
        self._apply_filters()

    def action_filter(self) -> None:
        self.main.search_box.open()

    def action_clear_filter(self) -> None:
        box = self.main.search_box
        if box.in_use:
            box.clear_search()
            self._search_done(self.searcher.cancel())  # any search still running is void
            self.screen.set_focus(self.article_list)
            self.refresh_bindings()  # esc has nothing left to clear: drop its hint

    def action_submit_search(self) -> None:
        self.screen.set_focus(self.article_list)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Gate the priority bindings: `/` types a slash inside the search box, enter
        there ends the search, and none of them act under a dialog."""
        if action not in ("filter", "clear_filter", "submit_search"):
            return True
        if self.screen is not self.screen_stack[0]:
            return False
        in_box = isinstance(self.focused, Input)
        if action == "filter":
            return not in_box
        if action == "submit_search":
            return in_box
        return in_box or self.main.search_box.in_use

    def action_toggle_boilerplate(self) -> None:
        shown = self.pane.toggle_hidden()
        reading = self.pane.reading
        if reading is not None:
            count = len(reading.result.hidden)
            state = "shown (dimmed)" if shown else "hidden"
            self.notify(f"{count} boilerplate block(s) {state}.", markup=False, timeout=3)

    def action_open_url(self) -> None:
        """Open the article's link after showing it; only http(s), never file: or the like."""
        article = self._target()
        url = article.url if article else None
        if not url:
            self.notify("This article has no link.", markup=False, timeout=3)
        elif not url.lower().startswith(SAFE_URL_SCHEMES):
            self.notify(
                f"Not opening {url}: only http and https links are opened.",
                severity="warning",
                markup=False,
            )
        else:

            def answered(yes: bool | None) -> None:
                if yes:
                    self.open_url(url)

            self.push_screen(ConfirmScreen("Open this link in the browser?", url), answered)

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
        self.push_screen(ConfirmScreen(f"Mark {len(ids):,} article(s) read?", detail), answered)

    def action_undo(self) -> None:
        count = self.marks.undo()
        if count is None:
            self.notify("Nothing to undo.", markup=False, timeout=3)
        else:
            self.notify(f"Undone: {count:,} article(s) unread again.", markup=False, timeout=4)

    def action_problems(self) -> None:
        self.push_screen(ProblemsScreen(self.problems))

    def action_reload(self) -> None:
        self.notify("Reloading the library…", markup=False, timeout=2)
        self.library.load()

    def action_next_article(self) -> None:
        self.flow.step(1)

    def action_previous_article(self) -> None:
        self.flow.step(-1)

    def action_next_unread(self) -> None:
        self.flow.jump_unread(1)

    def action_previous_unread(self) -> None:
        self.flow.jump_unread(-1)

    def action_page_or_next(self) -> None:
        self.flow.page_or_next()

    # -- helpers -------------------------------------------------------------------

    def _target(self) -> Article | None:
        """The article an action applies to: the one open in the pane, else the cursor's."""
        if self.pane.reading is not None and self.pane.has_focus:
            return self.pane.reading.article
        return self.article_list.current
