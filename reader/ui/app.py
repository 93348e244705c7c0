"""The Textual app: wires the library scan, the state store and the widgets.

Blocking work (scanning, reading and cleaning files, writing marks) runs in
worker threads; this module only moves results between the core and the widgets.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import compress
from operator import attrgetter
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from reader.core.cache import cache_path, load_cache, save_cache
from reader.core.config import Config
from reader.core.formats import read_page
from reader.core.indexer import BackgroundIndexer
from reader.core.library import (
    Library,
    locate,
    read_article,
    scan,
    separate_namesakes,
    sort_articles,
    worker_count,
)
from reader.core.models import Article
from reader.core.paths import search_index_path
from reader.core.query import Query, QueryError, matches_metadata, matches_text, parse_query
from reader.core.reading import EvidenceCache, Reading, open_article
from reader.core.sanitize import clean_line
from reader.core.search import SearchIndex
from reader.core.state import StateStore, UndoRecord
from reader.core.textio import NotText
from reader.ui.article_list import ArticleList
from reader.ui.dialogs import ConfirmScreen, ProblemsScreen
from reader.ui.help import HelpScreen
from reader.ui.key_bar import KeyBar
from reader.ui.reading_pane import ReadingPane

# Seconds an article must stay on screen before it counts as read, and the pause
# after the cursor stops before the article under it is loaded: holding j must
# neither mark every row read nor read every file it passes.
READ_AFTER = 1.0
LOAD_DELAY = 0.08
SAFE_URL_SCHEMES = ("http://", "https://")
# Seconds between looks at the state file for marks made by another instance.
MERGE_EVERY = 2.0
# Seconds between rescans when the file watcher cannot run.
POLL_EVERY = 3.0
# Pause after a keystroke in the search box before searching; indexer poll period.
SEARCH_DELAY = 0.12
INDEX_POLL = 0.5


class ReaderApp(App[None]):
    """Sidebar list of articles, reading pane, read and starred marks."""

    CSS_PATH = "reader.tcss"
    TITLE = "reader"

    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("space", "page_or_next", "Page/next", show=False),
        Binding("J", "next_article", "Next article", show=False),
        Binding("K", "previous_article", "Previous article", show=False),
        Binding("n", "next_unread", "Next unread"),
        Binding("p", "previous_unread", "Prev unread", show=False),
        Binding("s", "toggle_star", "Star"),
        Binding("m", "toggle_read", "Read"),
        Binding("u", "toggle_unread_only", "Unread only"),
        Binding("S", "toggle_starred_only", "Starred", show=False),
        # Focus-moving keys are priority bindings, resolved as the key arrives: keys
        # typed right after them must land where the focus went (check_action gates them).
        Binding("slash", "filter", "Search", priority=True),
        Binding("escape", "clear_filter", "Clear search", priority=True),
        Binding("enter", "submit_search", "Done", priority=True),
        Binding("b", "toggle_boilerplate", "Boilerplate"),
        Binding("o", "open_url", "Open link", show=False),
        Binding("r", "reload", "Reload", show=False),
        Binding("A", "mark_all_read", "Mark all read", show=False),
        Binding("ctrl+z", "undo", "Undo", show=False),
        Binding("exclamation_mark", "problems", "Skipped files", show=False),
    ]

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
        self.articles: list[Article] = []
        self._by_feed: dict[str, list[Article]] | None = None
        self._paths: tuple[list[Article] | None, list[str]] = (None, [])
        self._unread: tuple[int, int, int] = (-1, -1, 0)  # (revision, rows' id, count)
        self.problems: list[str] = []
        self.search_query: Query | None = None  # the active search, None when not searching
        self.hits: list[Article] | None = None  # what the search matched, in list order
        self.search_error: str | None = None
        self.indexer = BackgroundIndexer(search_index_path(self.paths))
        self.index_ready = self.indexer.db_path.exists()
        self._index: SearchIndex | None = None
        self._index_pending = False
        self._index_timer: Timer | None = None
        self._search_timer: Timer | None = None
        self._searcher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search")
        self._search_seq = self._search_shown = 0
        self.unread_only = False
        self.starred_only = False
        self.filter_text = ""
        self.loaded = False
        self._watching = False
        self._watched: set[str] = set()
        self.evidence = EvidenceCache()
        self._load_timer: Timer | None = None
        self._read_timer: Timer | None = None
        self._read_once_shown: Article | None = None  # opened with enter, not shown yet
        self._shown_save_error: str | None = None
        self._undo: list[UndoRecord] = []
        self.read_after = READ_AFTER
        # One thread for state writes keeps marks in the order they were made.
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="state")
        self._cache_writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cache")
        self._watch_stop = threading.Event()

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            with Vertical(id="sidebar"):
                yield Static(id="counts", markup=False)
                yield Input(
                    placeholder='search: words, "phrase", -word, feed:, is:unread, after:',
                    id="filter",
                )
                yield ArticleList(self.marks_of, id="articles")
            yield ReadingPane(id="pane")
        yield KeyBar()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    @property
    def pane(self) -> ReadingPane:
        return self.query_one("#pane", ReadingPane)

    def on_mount(self) -> None:
        self.article_list.focus()
        self.pane.show_message("Loading the library…")
        self._update_counts()
        for message in self.startup_messages:
            self.notify(message, title="State file", severity="warning", markup=False, timeout=12)
        self.load_library()
        self.set_interval(MERGE_EVERY, self._merge_other_instances)

    def _merge_other_instances(self) -> None:
        """Pick up marks another running reader saved (cheap when the file is unchanged)."""
        before = self.store.revision

        def run() -> None:
            failing = self.store.save_error is not None
            if failing and self.store.read_only_reason is None:
                self.store.retry()  # the disk may have room again
            notices = self.store.refresh()
            if notices or self.store.revision != before or failing:
                self.call_later(self._after_merge, notices)

        self._writer.submit(run)

    def _after_merge(self, notices: list[str]) -> None:
        for notice in notices:
            self.notify(notice, title="State file", severity="warning", markup=False)
        self._after_write(None)

    def on_unmount(self) -> None:
        self._watch_stop.set()
        self.indexer.stop(wait=False)
        self._searcher.shutdown(wait=False, cancel_futures=True)
        self._writer.shutdown(wait=True)
        self._cache_writer.shutdown(wait=True)

    # -- loading -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="scan", exit_on_error=False)
    def load_library(self) -> None:
        """Show cached rows at once, then scan (stat, read what changed) in batches.

        The collector is paused meanwhile: building 100,000 rows would otherwise
        trigger about ten full collections, a second in all (the rows hold no cycles).
        """
        gc.disable()
        try:
            self._load_library()
        finally:
            gc.enable()

    def _load_library(self) -> None:
        worker = get_current_worker()
        cache_file = cache_path(self.paths)
        known = self.articles if self.loaded else load_cache(cache_file)
        if known and not self.loaded:
            self._call_and_paint(self._cache_loaded, known)  # then check 100,000 files

        def batch(rows: list[Article]) -> None:
            if not worker.is_cancelled:
                self.call_from_thread(self._rows_arrived, rows)

        library = scan(
            self.paths,
            known,
            on_batch=None if known else batch,
            should_stop=lambda: worker.is_cancelled,
            workers=worker_count(),
        )
        if worker.is_cancelled:
            return
        self._call_and_paint(self._library_loaded, library)  # then write the cache
        if _rows_changed(known, library.articles):
            save_cache(cache_file, library.articles)

    def _call_and_paint(self, callback: Callable[..., None], *args: object) -> None:
        """Run `callback` on the UI thread and wait (a second at most) until the screen
        shows its effect: what the calling thread does next holds the GIL for a while."""
        painted = threading.Event()

        def run() -> None:
            callback(*args)
            self.call_after_refresh(painted.set)

        self.call_from_thread(run)
        painted.wait(1.0)

    def _save_cache_later(self) -> None:
        rows = list(self.articles)
        self._cache_writer.submit(save_cache, cache_path(self.paths), rows)

    def start_watching(self, folders: Iterable[str]) -> None:
        """Watch the library in a daemon thread: it must never hold up quitting."""
        self._watched = {*folders, *(os.fspath(p) for p in self.paths if p.is_file())}
        if self._watched:
            threading.Thread(target=self._watch, daemon=True, name="library-watch").start()

    def _watch(self) -> None:
        """Apply files added, changed or removed while the app runs (inotify via watchfiles).

        Each folder the scan listed is watched on its own, not the roots recursively:
        a recursive watch lists the whole tree again while holding the GIL (a quarter
        of a second of frozen UI at 100,000 files). A new folder restarts the watch.
        """
        from watchfiles import Change, watch  # deferred: only the running app watches

        try:
            while not self._watch_stop.is_set():
                for changes in watch(
                    *sorted(self._watched),
                    stop_event=self._watch_stop,
                    debounce=400,
                    step=100,
                    watch_filter=None,
                    raise_interrupt=False,
                    ignore_permission_denied=True,
                    recursive=False,
                ):
                    touched = {path for _change, path in changes}
                    added = {p for c, p in changes if c == Change.added and os.path.isdir(p)}
                    for folder in added:
                        touched.update(self._watch_folder(folder))
                    fresh = self._reread(touched)
                    # call_later (a message): the callback runs in the app's context, so
                    # the timers it sets run (not so from loop.call_soon_threadsafe).
                    self.call_later(self._files_changed, touched, fresh)
                    if added:
                        break  # watch again, with the new folders
        except RuntimeError:  # the app's loop is closed: we are quitting
            return
        except Exception:  # watchfiles gave up (an undecodable folder name, no inotify...)
            self._poll()

    def _watch_folder(self, folder: str) -> list[str]:
        """Add a new folder (and those inside it) to the watch; returns the files in it."""
        files: list[str] = []
        for parent, subfolders, names in os.walk(folder):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            self._watched.add(parent)
            files.extend(os.path.join(parent, name) for name in names)
        return files

    def _poll(self) -> None:
        """The fallback watcher: a stat-only rescan every few seconds."""
        while not self._watch_stop.wait(POLL_EVERY):
            current = self.articles
            library = scan(self.paths, current, should_stop=self._watch_stop.is_set)
            if self._watch_stop.is_set():
                return
            if _rows_changed(current, library.articles):
                try:
                    self.call_later(self._replace_rows, library.articles)
                except RuntimeError:
                    return

    def _reread(self, paths: set[str]) -> dict[str, Article]:
        """Read the changed article files (in the watcher thread); missing ones are left out."""
        fresh: dict[str, Article] = {}
        for path in paths:
            try:
                candidate = locate(path, self.paths)
                if candidate is not None:
                    fresh[path] = read_article(candidate)
            except (OSError, NotText):
                continue
        return fresh

    def _files_changed(self, touched: set[str], fresh: dict[str, Article]) -> None:
        """Replace the rows of touched paths (and of files under touched folders)."""
        if not self.loaded or not self.is_running:
            return
        gone = tuple(os.path.join(p, "") for p in touched if p not in fresh)

        def affected(article: Article) -> bool:
            path = article.path
            return path in touched or path.startswith(gone)

        kept = [a for a in self.articles if not affected(a)]
        rows = sort_articles(separate_namesakes([*kept, *fresh.values()]))
        if len(rows) != len(self.articles) or fresh:
            self._replace_rows(rows)

    def _replace_rows(self, rows: list[Article]) -> None:
        """The library changed on disk: new rows, fresh evidence, cache and index."""
        if not self.loaded or not self.is_running:
            return
        self._set_articles(rows)
        self.evidence.clear()
        self._apply_filters()
        self._save_cache_later()
        self._request_index()

    def _rows_arrived(self, rows: list[Article]) -> None:
        """A partial list while the scan goes on: show it, keep the cursor's article."""
        self._set_articles(rows)
        self._apply_filters()

    def _cache_loaded(self, rows: list[Article]) -> None:
        """The cached list is the library as last seen: usable whole at once, while the
        scan checks it against the disk (a stat per file) and brings what changed."""
        self._set_articles(rows)
        self.loaded = True
        self._apply_filters()

    def _set_articles(self, rows: list[Article]) -> None:
        self.articles = rows
        self._by_feed = None  # built when first needed, not per scan batch
        if self.hits is not None:  # the same articles, as the new rows have them
            matched = {hit.path for hit in self.hits}
            self.hits = [a for a in rows if a.path in matched]
        # 100,000 long-lived rows make every full garbage collection walk them (over
        # 100 ms each, landing in key presses and opens): park them out of its way.
        gc.freeze()

    @property
    def by_feed(self) -> dict[str, list[Article]]:
        """The articles of each feed (opening an article samples its feed's pages)."""
        by_feed = self._by_feed
        if by_feed is None:
            feeds: dict[str, list[Article]] = defaultdict(list)
            for article in self.articles:
                feeds[article.feed].append(article)
            by_feed = self._by_feed = dict(feeds)
            gc.freeze()
        return by_feed

    def _library_loaded(self, library: Library) -> None:
        if not self._watching:
            self._watching = True
            self.start_watching(library.folders)
        self._set_articles(library.articles)
        self.problems = [str(p) for p in library.problems]
        self.evidence.clear()
        self.loaded = True
        self._apply_filters()
        if not self.articles:
            where = ", ".join(str(p) for p in self.paths)
            self.pane.show_message(
                f"No articles found in {where}.\n\nPut article files (.txt page dumps or .md) "
                "in a folder per feed, for example ~/news/<feed>/<article>.txt, then press r "
                "to reload. Run `reader --help` for the file formats.",
                title="Empty library",
            )
        if self.problems:
            self.notify(
                f"{len(self.problems):,} file(s) skipped: press ! to see which and why.",
                severity="warning",
                markup=False,
            )
        self._request_index()

    # -- search index --------------------------------------------------------------

    def _request_index(self) -> None:
        """Bring the search index up to date in a child process (one run at a time)."""
        if self.indexer.running:
            self._index_pending = True
            return
        self._index_pending = False
        self.indexer.start(self.paths, self.config.rules)
        if self._index_timer is None:
            self._index_timer = self.set_interval(INDEX_POLL, self._poll_index)
        self._update_counts()

    def _poll_index(self) -> None:
        if self.indexer.running:
            self._update_counts()
            return
        if self._index_pending:
            self._request_index()
            return
        if self._index_timer is not None:
            self._index_timer.stop()
            self._index_timer = None
        self.index_ready = self.indexer.succeeded or self.index_ready
        self._update_counts()
        if self.search_query is not None:
            self.run_search(self.filter_text)
        elif self.index_ready:
            self._searcher.submit(self._prepare_search)

    def _prepare_search(self) -> None:
        """Read the index's list order and match it to the list on the search thread
        before the first search needs it (0.3 s at 100,000 articles), and keep both
        out of the collector's way."""
        with contextlib.suppress(sqlite3.Error):
            self._search_index().select(parse_query(""), self._path_column(self.articles))
            gc.freeze()

    # -- list and filters ----------------------------------------------------------

    def marks_of(self, article: Article) -> tuple[bool, bool]:
        return self.store.is_read(article.id), self.store.is_starred(article.id)

    def _apply_filters(self, keep: Article | None = None) -> None:
        rows = self.articles if self.hits is None else self.hits
        if self.unread_only:
            read = self.store.read_ids()  # one set, not a store lookup per row
            rows = [a for a in rows if a.id not in read]
        if self.starred_only:
            is_starred = self.store.is_starred
            rows = [a for a in rows if is_starred(a.id)]
        self.article_list.set_rows(rows, keep=keep)
        self._update_counts()

    def _unread_count(self) -> int:
        """Unread articles in the library, counted again only when marks or rows changed."""
        key = (self.store.revision, id(self.articles))
        if self._unread[:2] != key:
            read = self.store.read_ids()
            ids = map(attrgetter("id"), self.articles)
            self._unread = (*key, len(self.articles) - sum(map(read.__contains__, ids)))
        return self._unread[2]

    def _update_counts(self) -> None:
        """The status line. It is as wide as the sidebar (about 47 cells in a 120-column
        terminal), so what the user is doing right now (a search) comes first."""
        if not self.loaded:
            text = f"loading… {len(self.articles):,} articles so far"
            self.query_one("#counts", Static).update(Content(text), layout=False)
            return
        parts = []
        indexing = self._index_status()
        if self.search_error:
            parts.append(self.search_error)
        elif self.search_query is not None:
            found = len(self.article_list.rows)
            kind = "" if self.index_ready else "title "
            search = f"search: {found:,} {kind}match" + ("" if found == 1 else "es")
            # Matches may be missing while the index is (re)built: say so right here.
            status = indexing or (None if self.index_ready else "no index yet")
            parts.append(f"{search}, {status}" if status else search)
            indexing = None
        parts.append(f"{self._unread_count():,} unread / {len(self.articles):,}")
        if self.unread_only:
            parts.append("unread only")
        if self.starred_only:
            parts.append("starred only")
        if self.problems:
            parts.append(f"{len(self.problems):,} skipped (!)")
        if self.store.read_only_reason or self.store.save_error:
            parts.append("marks NOT saved")
        if indexing:
            parts.append(indexing)
        self.query_one("#counts", Static).update(Content(" · ".join(parts)), layout=False)

    def _index_status(self) -> str | None:
        if self.indexer.failed:
            return "indexing failed"
        if not self.indexer.running:
            return None
        done, of = self.indexer.progress()
        return f"indexing {done * 100 // of}%" if of > 0 else "indexing…"

    # -- search ----------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self.run_search(event.value))

    def run_search(self, text: str) -> None:
        """Search on the one search thread; the newest request wins.

        One long-lived thread, not a worker per keystroke: the index keeps a
        connection and the list order (100,000 paths, 150 ms to read) per thread.
        """
        self._search_seq += 1
        self._searcher.submit(self._search, text, self._search_seq)

    @property
    def search_pending(self) -> bool:
        """Whether the newest search has not reached the list yet."""
        return self._search_shown != self._search_seq

    def _search(self, text: str, seq: int) -> None:
        if seq != self._search_seq:
            return  # a newer request is queued behind this one
        try:
            result = self._query(text)
        except Exception as error:  # a bug must cost the search, not the app
            result = (None, None, clean_line(f"search failed: {type(error).__name__}: {error}"))
        if seq == self._search_seq:
            with contextlib.suppress(RuntimeError):  # the app is closing
                self.call_from_thread(self._search_done, *result, seq)

    def _query(self, text: str) -> tuple[Query | None, list[Article] | None, str | None]:
        """Parse and run the query: (query, matching articles in list order, error)."""
        try:
            query = parse_query(text)
        except QueryError as error:
            return None, None, f"search: {error}"
        if query.is_empty:
            return None, None, None

        def keep(article: Article) -> bool:
            return matches_metadata(
                query,
                article,
                read=self.store.is_read(article.id),
                starred=self.store.is_starred(article.id),
            )

        articles = self.articles
        if not self.index_ready:
            return query, [a for a in articles if keep(a) and matches_text(query, a.title)], None
        try:
            selected = self._search_index().select(query, self._path_column(articles))
        except (QueryError, sqlite3.Error) as error:
            return None, None, f"search: {error}"
        hits = list(compress(articles, selected))  # the list's own order, not the index's
        if query.has_metadata:
            hits = [a for a in hits if keep(a)]
        return query, hits, None

    def _path_column(self, articles: list[Article]) -> list[str]:
        """The path of each of `articles`, kept while the list is the same (search
        results are matched against it column-wise, 100,000 rows in a few ms)."""
        held, column = self._paths
        if held is not articles:
            column = [a.path for a in articles]
            self._paths = (articles, column)
        return column

    def _search_index(self) -> SearchIndex:
        if self._index is None:
            self._index = SearchIndex(self.indexer.db_path)
        return self._index

    def _search_done(
        self, query: Query | None, hits: list[Article] | None, error: str | None, seq: int
    ) -> None:
        if seq != self._search_seq:
            return
        self._search_shown = seq
        self.search_query, self.hits, self.search_error = query, hits, error
        self._apply_filters()

    # -- the open article ----------------------------------------------------------

    @on(ArticleList.Highlighted)
    def _on_highlighted(self, message: ArticleList.Highlighted) -> None:
        if message.article is None:
            if self.loaded and self.articles:
                self.pane.show_message("No article matches.")
            return
        shown = self.pane.reading
        if shown is not None and shown.article == message.article:
            return  # the same article moved in the list (rows arrived): keep its scroll
        self._schedule_load(message.article, LOAD_DELAY)

    @on(ArticleList.Selected)
    def _on_selected(self, message: ArticleList.Selected) -> None:
        self._open(message.article, focus=True)

    def _schedule_load(self, article: Article, delay: float) -> None:
        if self._load_timer is not None:
            self._load_timer.stop()
        self._load_timer = self.set_timer(delay, lambda: self.load_article(article))

    def _open(self, article: Article, *, focus: bool = False) -> None:
        """Open now (enter, n/p, J/K): show it, mark it read, optionally focus the pane."""
        if self._load_timer is not None:
            self._load_timer.stop()
        shown = self.pane.reading
        if shown is None or shown.article.path != article.path:
            self._read_once_shown = article
            self.load_article(article)
        else:
            self._set_read(article, True)
        if focus:
            self.screen.set_focus(self.pane)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def load_article(self, article: Article) -> None:
        try:
            page = read_page(article.path)
            evidence = self.evidence.evidence_for(article, page, self.by_feed.get(article.feed, []))
            reading = open_article(
                article, page=page, evidence=evidence, rules=self.config.rules_for(article.feed)
            )
        except (OSError, NotText) as error:
            reason = getattr(error, "strerror", None) or str(error)
            if not get_current_worker().is_cancelled:
                self.call_from_thread(self._show_error, article, reason)
            return
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._show_reading, reading)

    def _show_error(self, article: Article, reason: str) -> None:
        self.pane.show_message(f"Cannot read {clean_line(article.path)}: {reason}", article.title)
        self._mark_opened()

    def _show_reading(self, reading: Reading) -> None:
        self.pane.show(reading)
        self._mark_opened()
        if self._read_timer is not None:
            self._read_timer.stop()
        article = reading.article
        self._read_timer = self.set_timer(self.read_after, lambda: self._read_if_shown(article))

    def _mark_opened(self) -> None:
        """Mark the article opened with enter (n, p...) read, once the screen shows what
        came of it: writing the mark while it is read and cleaned would slow the open."""
        opened, self._read_once_shown = self._read_once_shown, None
        if opened is not None:
            self.call_after_refresh(self._set_read, opened, True)

    def _read_if_shown(self, article: Article) -> None:
        shown = self.pane.reading
        if shown is not None and shown.article.path == article.path:
            self._set_read(article, True)

    # -- marks ---------------------------------------------------------------------

    def _set_read(self, article: Article, value: bool) -> None:
        if self.store.is_read(article.id) != value:
            self._write(lambda: self.store.set_read(article.id, value), article)

    def _write(self, change: Callable[[], object], article: Article | None) -> None:
        """Apply a mark change on the writer thread, then repaint what it affects."""

        def run() -> None:
            try:
                change()
            finally:
                # Not call_from_thread: that blocks, and at exit the loop waits for us.
                self.call_later(self._after_write, article)

        self._writer.submit(run)

    def _after_write(self, article: Article | None) -> None:
        try:
            article_list = self.article_list
        except NoMatches:  # the app is closing: nothing left to repaint
            return
        if article is not None:
            article_list.refresh_article(article)
        else:
            article_list.refresh()
        self._update_counts()
        error = self.store.save_error
        if error and error != self._shown_save_error:
            self.notify(
                f"Marks are not being saved: {error}. They are kept in memory and "
                "saved as soon as possible.",
                severity="error",
                markup=False,
                timeout=15,
            )
        elif self._shown_save_error and not error:
            self.notify("Marks are being saved again.", markup=False, timeout=5)
        self._shown_save_error = error

    # -- actions ---------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_toggle_star(self) -> None:
        article = self._target()
        if article is not None:
            self._write(lambda: self.store.toggle_starred(article.id), article)

    def action_toggle_read(self) -> None:
        article = self._target()
        if article is not None:
            if self._read_timer is not None:
                self._read_timer.stop()
            self._write(lambda: self.store.toggle_read(article.id), article)

    def action_toggle_unread_only(self) -> None:
        self.unread_only = not self.unread_only
        self._apply_filters()

    def action_toggle_starred_only(self) -> None:
        self.starred_only = not self.starred_only
        self._apply_filters()

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        # Shown and focused at once (focus() is deferred): keys typed right after `/`
        # must reach the box, not act on the list.
        box.display = True
        self.screen.set_focus(box)

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if not box.display and not self.filter_text:
            return
        box.display = False
        if self._search_timer is not None:
            self._search_timer.stop()
        with box.prevent(Input.Changed):
            box.value = ""
        self.filter_text = ""
        self._search_seq += 1  # any search still running is void
        self._search_done(None, None, None, self._search_seq)
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
        return in_box or bool(self.filter_text) or self.query_one("#filter", Input).display

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
                self._write(lambda: self._undo.append(self.store.set_read_many(ids, True)), None)

        detail = "Only the articles in the list now (filters apply). ctrl+z undoes it."
        self.push_screen(ConfirmScreen(f"Mark {len(ids):,} article(s) read?", detail), answered)

    def action_undo(self) -> None:
        if not self._undo:
            self.notify("Nothing to undo.", markup=False, timeout=3)
            return
        record = self._undo.pop()
        self._write(lambda: self.store.undo(record), None)
        self.notify(f"Undone: {len(record):,} article(s) unread again.", markup=False, timeout=4)

    def action_problems(self) -> None:
        self.push_screen(ProblemsScreen(self.problems))

    def action_reload(self) -> None:
        self.notify("Reloading the library…", markup=False, timeout=2)
        self.load_library()

    def action_next_article(self) -> None:
        self._step(1)

    def action_previous_article(self) -> None:
        self._step(-1)

    def action_next_unread(self) -> None:
        self._jump_unread(1)

    def action_previous_unread(self) -> None:
        self._jump_unread(-1)

    def action_page_or_next(self) -> None:
        pane = self.pane
        if pane.reading is None:
            current = self.article_list.current
            if current is not None:
                self._open(current)
        elif not pane.at_end:
            pane.scroll_page_down(animate=False)
        else:
            self._jump_unread(1)

    # -- helpers -------------------------------------------------------------------

    def _target(self) -> Article | None:
        """The article an action applies to: the one open in the pane, else the cursor's."""
        if self.pane.reading is not None and self.pane.has_focus:
            return self.pane.reading.article
        return self.article_list.current

    def _step(self, delta: int) -> None:
        listing = self.article_list
        if listing.rows:
            listing.move_to(listing.cursor + delta)
            if listing.current is not None:
                self._open(listing.current)

    def _jump_unread(self, direction: int) -> None:
        listing = self.article_list
        rows = listing.rows
        index = listing.cursor + direction
        while 0 <= index < len(rows):
            if not self.store.is_read(rows[index].id):
                listing.move_to(index)
                self._open(rows[index])
                return
            index += direction
        self.notify(
            "No more unread articles " + ("below." if direction > 0 else "above."),
            markup=False,
            timeout=3,
        )


def _rows_changed(before: Sequence[Article], after: Sequence[Article]) -> bool:
    """Whether the cache needs rewriting: any row added, removed or re-read."""
    return len(before) != len(after) or any(a is not b for a, b in zip(before, after, strict=True))
