"""One library's life: load the cache, show it, scan, apply changes, save the cache.

The app, `reader list`/`search` and the indexer child all open a library through
a `LibrarySession`, so they agree on its rows and share one metadata cache. The
session is not tied to a UI: the app runs `scan` in a worker and hands the rows
of file changes (from `reader.core.watch`) to `apply`.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.cache import cache_path, load_cache_head, read_cache, save_cache
from reader.core.models import Article, drop_orders, insert_sorted

if TYPE_CHECKING:
    from reader.core.library import Library, Problem

HEAD_ROWS = 1_000
"""Rows `preload` reads ahead of the rest: more than any terminal shows at once, and
what a few pages of keys go through while the rest is decoded."""
EAGER_ROWS = 200_000
"""Caches of up to this many rows are decoded at once, while the UI starts: done by its
first frame (~0.3 s here), they put the whole list in it. A larger one would hold the
interpreter for seconds while the UI needs it for that frame, so it is decoded after
the frame, which shows its first rows."""
FIRST_FRAME_WAIT = 3.0
"""Longest wait (seconds) for `first_frame` before a large cache is decoded anyway."""

# `reader.core.library` (and the formats it imports: a fifth of the app's imports) is
# imported by the methods that read files: a warm start shows the cached rows first.


class LibrarySession:
    """The rows of the library at `roots`, kept in step with the disk and the cache.

    `articles` is replaced, never changed in place, so a caller holding the old
    list (the UI, a search in flight) keeps a consistent snapshot.
    """

    def __init__(self, roots: Sequence[Path]) -> None:
        self.roots = [Path(os.path.abspath(p)) for p in roots]
        self.cache_file = cache_path(self.roots)
        self.articles: list[Article] = []
        self.problems: list[Problem] = []
        self.folders: list[str] = []
        self.scanned = False  # a scan completed: the rows match the disk
        # The rows the cache file holds (as loaded or last saved): saving is skipped
        # when nothing changed, and a quit soon after a first scan still saves.
        self._cached: list[Article] | None = None
        # The cache file's generation (`reader.core.cache`) while it holds `_cached`;
        # None when it holds other rows or none, or was written before generations.
        self.generation: str | None = None
        self._save_lock = threading.Lock()
        self._preload: threading.Thread | None = None
        self._preloaded: tuple[list[Article], str | None] = ([], None)
        self._head: tuple[list[Article], int] = ([], 0)
        self._first_frame = threading.Event()

    def preload(self) -> None:
        """Start reading the cache in a thread of its own; `load_cached` takes its rows.
        The app calls this before it imports its UI: the rows are then read while
        Textual is imported and sets up the screen, and are there for its first frames."""
        if self._preload is None and self._cached is None:
            self._preload = threading.Thread(target=self._read_cache, name="cache", daemon=True)
            self._preload.start()

    def _read_cache(self) -> None:
        with collector_paused():
            self._head = load_cache_head(self.cache_file, HEAD_ROWS)
            if self._head[1] > EAGER_ROWS:
                self._first_frame.wait(FIRST_FRAME_WAIT)
            self._preloaded = read_cache(self.cache_file)

    def first_frame(self) -> None:
        """The UI painted its first frame: a large cache is decoded from now on."""
        self._first_frame.set()

    def head(self) -> tuple[list[Article], int]:
        """While `preload` reads the cache: its first rows (newest first) and how many
        rows it holds, so a start can show a screen of the list before the whole
        cache is decoded; ([], 0) before they are read, or when there is no cache."""
        return self._head if self._preload is not None else ([], 0)

    def preloaded(self) -> bool:
        """Whether `load_cached` would return without waiting for a read in progress."""
        return self._preload is None or not self._preload.is_alive()

    def load_cached(self) -> list[Article]:
        """The cached rows (newest first), adopted as the current ones; [] if none.
        Waits for the read `preload` started, if any."""
        if self._preload is not None:
            self._preload.join()
            (rows, generation), self._preloaded, self._preload = self._preloaded, ([], None), None
            self._head = ([], 0)
        else:
            rows, generation = read_cache(self.cache_file)
        self._cached, self.generation = rows, generation
        if rows:
            self.articles = rows
        return rows

    def scan(
        self,
        *,
        on_batch: Callable[[list[Article]], None] | None = None,
        should_stop: Callable[[], bool] = lambda: False,
        workers: int | None = None,
        on_complete: Callable[[Library], None] | None = None,
    ) -> Library:
        """Check every file against the current rows (a stat each; files that are new
        or changed are read). `on_batch` gets partial lists during a cold scan only:
        with known rows, the caller already shows a whole list. `on_complete` gets the
        complete result (the session's rows by then) before the rows let go of their
        sort keys, which only frees memory: a caller that shows the list does not wait
        for that pass over every row (100,000 rows: 20-50 ms of a first start's last,
        single-core stretch)."""
        from reader.core.library import scan, worker_count

        # The rows shown are the cache file's: a child process can check them from it.
        generation = self.generation if self.articles is self._cached else None
        library = scan(
            self.roots,
            self.articles,
            on_batch=None if self.articles else on_batch,
            should_stop=should_stop,
            workers=worker_count() if workers is None else workers,
            known_file=None if generation is None else (self.cache_file, generation),
        )
        if not should_stop():
            self.articles = library.articles
            self.problems = library.problems
            self.folders = library.folders
            self.scanned = True
            if on_complete is not None:
                on_complete(library)
            drop_orders(library.articles)  # sorted: the rows read kept their sort keys
        return library

    def save(self) -> bool:
        """Write the metadata cache if the rows differ from the file's, or the file has
        no generation yet; True if written. `generation` is then the file's, if written.

        Safe from any thread; a failure only costs the next start its speed.
        """
        with self._save_lock:
            rows = self.articles
            unchanged = self._cached is not None and not rows_changed(self._cached, rows)
            if unchanged and self.generation is not None:
                return False
            self.generation = save_cache(self.cache_file, rows)
            self._cached = rows
            return True

    def reread(self, paths: Iterable[str]) -> dict[str, list[Article]]:
        """Read the article files among `paths` (a watcher's changes): each file's
        entries. Files that are gone, unreadable or no articles are left out."""
        from reader.core.library import locate, read_articles
        from reader.core.textio import NotText

        fresh: dict[str, list[Article]] = {}
        for path in paths:
            try:
                candidate = locate(path, self.roots)
                if candidate is not None:
                    fresh[path] = read_articles(candidate)
            except (OSError, NotText):
                continue
        return fresh

    def apply(self, touched: set[str], fresh: dict[str, list[Article]]) -> list[Article] | None:
        """The rows after files `touched` changed (`fresh`: what `reread` found of them):
        every entry of a touched file is replaced; files under a touched path that is
        gone (a removed folder) go too. None when the rows are unchanged."""
        from reader.core.library import separate_namesakes

        gone = tuple(os.path.join(p, "") for p in touched if p not in fresh)

        def affected(article: Article) -> bool:
            path = article.path
            return path in touched or path.startswith(gone)

        kept = [a for a in self.articles if not affected(a)]
        if len(kept) == len(self.articles) and not fresh:
            return None
        # Renaming a namesake keeps its place (the title, date and key are its own).
        rows = separate_namesakes(insert_sorted(kept, chain.from_iterable(fresh.values())))
        self.articles = rows
        return rows

    def replace(self, rows: list[Article]) -> None:
        """Adopt rows found by a rescan (the polling watcher)."""
        self.articles = rows


@contextmanager
def collector_paused() -> Iterator[None]:
    """The garbage collector is paused meanwhile: building 100,000 rows would otherwise
    trigger about ten full collections, a second in all (the rows hold no cycles). The
    rows are then parked out of its way (`gc.freeze`) before it resumes: else its first
    full pass, landing in the UI thread's first frames, walks them."""
    hold_collector()
    try:
        yield
    finally:
        release_collector()


_holds = 0  # pauses of the garbage collector in force, from any thread
_holds_lock = threading.Lock()


def hold_collector() -> None:
    """Pause the garbage collector until as many `release_collector` calls: the pauses
    of several threads (the cache read, the scan, the app's start) overlap, and it
    runs again only when the last one ends."""
    global _holds
    with _holds_lock:
        _holds += 1
        gc.disable()


def release_collector() -> None:
    """End one `hold_collector`: what was made meanwhile is parked out of the
    collector's way (`gc.freeze`: long-lived rows, the UI's widgets), and after the last
    hold the collector runs again."""
    global _holds
    with _holds_lock:
        _holds = max(0, _holds - 1)
        gc.freeze()
        if _holds == 0:
            gc.enable()


def rows_changed(before: Sequence[Article], after: Sequence[Article]) -> bool:
    """Whether the cache needs rewriting: any row added, removed or re-read."""
    return len(before) != len(after) or any(a is not b for a, b in zip(before, after, strict=True))
