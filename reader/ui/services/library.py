"""The library, as the app sees it: cached rows at once, then the scan, then changes.

Wraps a core `LibrarySession` with the app's threads: the scan runs in a worker,
the watcher in a daemon thread, cache writes in a thread of their own; each
result reaches the app as a message.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App
from textual.events import Callback
from textual.message import Message
from textual.worker import get_current_worker

from reader.core.models import Article
from reader.core.session import LibrarySession, collector_paused
from reader.core.watch import LibraryWatcher
from reader.ui.services import post

if TYPE_CHECKING:  # imported by the scan, once the cached rows are on screen
    from reader.core.library import Library

# Longest wait for the screen to show a list before the scan goes on (it holds the GIL).
PAINT_WAIT = 1.0


@dataclass
class _Painted(Message):
    """A message whose sender waits until the screen shows its effect: what the
    sending thread does next holds the GIL for a while. The handler calls `painted`."""

    painted: threading.Event = field(default_factory=threading.Event, kw_only=True)


class LibraryService:
    """Loads the library at the app's roots and keeps it current."""

    @dataclass
    class CacheLoaded(_Painted):
        """The cached rows: the library as last seen, usable at once while the scan
        checks it against the disk (a stat per file)."""

        rows: list[Article]

    @dataclass
    class RowsArrived(Message):
        """Rows found so far by a cold scan (sorted), while it goes on."""

        rows: list[Article]

    @dataclass
    class Loaded(_Painted):
        """The scan is complete: every row, the skipped files and the folders.
        `as_shown`: the rows are those of the cached list shown (`CacheLoaded`),
        found unchanged on disk, compared on the scan's thread."""

        library: Library
        as_shown: bool = False

    @dataclass
    class Saved(Message):
        """The metadata cache holds the rows of the last check or change (written now,
        or already): `generation` is its (None when it could not be written), what
        the indexer child is handed to bring the index up to date with."""

        generation: str | None

    @dataclass
    class WatchFailed(Message):
        """The file watcher stopped (`reason`); the library is polled instead."""

        reason: str

    @dataclass
    class Changed(Message):
        """Files changed while the app runs: the library's new rows."""

        rows: list[Article]

    def __init__(self, app: App[None], session: LibrarySession) -> None:
        self.app = app
        self.session = session
        self.loaded = False  # a whole list (cached or scanned) has been shown
        self.watcher: LibraryWatcher | None = None
        self._cache_writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cache")
        self._closed = False
        # The cached rows are read from now on (from before Textual's import when the
        # CLI started the read), while the app sets up its screen; the app shows them as
        # soon as its screen is up if they are there by then, else the scan worker does.
        session.preload()
        self._cached: list[Article] | None = None

    @property
    def articles(self) -> list[Article]:
        return self.session.articles

    def load(self) -> None:
        """Show cached rows at once (first load only), then scan in batches."""
        self.app.run_worker(
            self._load, thread=True, exclusive=True, group="scan", exit_on_error=False
        )

    def cached_rows(self, *, wait: bool = True) -> list[Article] | None:
        """The cached rows ([] if none); None if they are still being read and not `wait`.
        Taken once: by the app when its screen is up, else by the scan worker."""
        if self._cached is None:
            if not wait and not self.session.preloaded():
                return None
            self._cached = self.session.load_cached()
        return self._cached

    def head_rows(self) -> list[Article]:
        """The cache's first rows while the rest is still being read ([] otherwise)."""
        return [] if self.loaded or self._cached is not None else self.session.head()[0]

    def _load(self) -> None:
        rows = self.cached_rows() if not self.loaded else []
        with collector_paused():
            self._scan(rows)

    def _scan(self, cached: list[Article]) -> None:
        worker = get_current_worker()
        if cached:
            self._post_and_wait(self.CacheLoaded(cached))

        def batch(rows: list[Article]) -> None:
            if not worker.is_cancelled:
                post(self.app, self.RowsArrived(rows))

        shown = self.session.articles  # the cached rows, shown by now (or none)

        def complete(library: Library) -> None:
            as_shown = bool(shown) and library.articles == shown
            self._post_and_wait(self.Loaded(library, as_shown))

        library = self.session.scan(
            on_batch=batch, should_stop=lambda: worker.is_cancelled, on_complete=complete
        )
        if worker.is_cancelled:
            return
        self._save()
        if self.watcher is None:
            self.watcher = LibraryWatcher(
                self.session,
                self._files_changed,
                self._rescanned,
                lambda reason: not self._closed and post(self.app, self.WatchFailed(reason)),
            )
            self.watcher.start(library.folders)

    def _post_and_wait(self, message: _Painted) -> None:
        if post(self.app, message):
            message.painted.wait(PAINT_WAIT)

    def _files_changed(self, touched: set[str], fresh: dict[str, list[Article]]) -> bool:
        """(watcher thread) Hand the change to the UI thread, which owns the rows.
        A message (call_later), not loop.call_soon_threadsafe: the callback must run
        in the app's context, or the timers it sets never run."""
        return not self._closed and post(self.app, Callback(partial(self._apply, touched, fresh)))

    def _rescanned(self, rows: list[Article]) -> bool:
        """(watcher thread) The polling fallback found other rows."""
        return not self._closed and post(self.app, Callback(partial(self._replace, rows)))

    def _apply(self, touched: set[str], fresh: dict[str, list[Article]]) -> None:
        if self.loaded:
            rows = self.session.apply(touched, fresh)
            if rows is not None:
                self._changed(rows)

    def _replace(self, rows: list[Article]) -> None:
        if self.loaded:
            self.session.replace(rows)
            self._changed(rows)

    def _changed(self, rows: list[Article]) -> None:
        self._cache_writer.submit(self._save)
        self.app.post_message(self.Changed(rows))

    def _save(self) -> None:
        """(a worker thread) Write the cache if the rows changed, then say so."""
        self.session.save()
        if not self._closed:
            post(self.app, self.Saved(self.session.generation))

    def close(self) -> None:
        """Stop watching and write the cache if the rows changed since it was saved
        (a quit right after a first scan must not leave the next start cold)."""
        self._closed = True
        if self.watcher is not None:
            self.watcher.stop()
        self._cache_writer.shutdown(wait=True)
        if self.session.scanned:
            self.session.save()
