"""Keep the search index current in a separate process.

Reading and cleaning every article of a large library costs minutes of CPU the
first time; in a thread that would hold the GIL against the UI, so it runs in a
child process, and the UI only polls its progress. The app starts it after every
check of the library and every change, once the metadata cache holds the rows.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Sequence
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

from reader.core.config import Config
from reader.core.search import SearchIndex, index_library
from reader.core.session import LibrarySession
from reader.core.workers import start_resource_tracker

# How much lower the indexer child runs than the app (Unix niceness, 19 at most).
INDEXER_NICENESS = 10


def _run(
    db_path: Path,
    roots: Sequence[Path],
    config: Config,
    generation: str | None,
    done: Synchronized[int],
    total: Synchronized[int],
    stop: Any,
) -> None:
    """The child's entry point: `refresh_index`, its progress in shared counters."""

    def progress(count: int, of: int) -> None:
        done.value, total.value = count, of

    lower_priority()
    log_stderr(db_path.with_name(db_path.name + ".log"))
    # The app sees a daemon (ended at its exit); here the flag only forbids children,
    # and `index_library` cleans in worker processes. They are daemons of this process
    # and exit with it (when it ends, or at once when their pipe from it closes).
    multiprocessing.current_process().daemon = False
    refresh_index(db_path, roots, config, generation, progress=progress, should_stop=stop.is_set)


def refresh_index(
    db_path: Path,
    roots: Sequence[Path],
    config: Config,
    generation: str | None,
    *,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> int:
    """Bring the index of the library at `roots` up to date; how many were indexed.

    `generation` is that of the metadata cache holding the rows the app has just
    checked against the disk (None when it could not be written). An index that
    covers it has nothing to do: nothing else is read. Otherwise the rows are that
    cache's, not checked again (at a million articles that second check was 40-53 s
    of this process at every start). Without it, or when the file holds other rows
    (another process wrote it since), the library is checked here, as the app did.
    """
    if generation is not None:
        with SearchIndex(db_path) as index:
            if index.covers(generation):
                if progress:
                    progress(0, 0)
                return 0
    session = LibrarySession(roots)
    session.load_cached()
    if generation is None or session.generation != generation:
        session.scan(should_stop=should_stop, workers=1)
        generation = None
    return index_library(
        db_path,
        session.articles,
        progress=progress,
        should_stop=should_stop,
        config=config,
        generation=generation,
    )


def log_stderr(log: Path) -> None:
    """Send this process's stderr (file descriptor 2, which its cleaning workers
    inherit) to `log`, written afresh each run: the terminal belongs to the app. A
    worker whose pipe closes when the app quits mid-index printed a BrokenPipeError
    traceback there, after the app had gone (and anything written while it runs
    would land on Textual's screen). Left as it is when the log cannot be opened."""
    try:
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError:
        return
    os.dup2(fd, 2)
    os.close(fd)


def lower_priority() -> None:
    """Yield the CPU to the reader the user is looking at: a first index of a large
    library takes minutes, and on a machine with one or two cores it would otherwise
    slow every key press and article open while it runs."""
    with contextlib.suppress(OSError, AttributeError):  # no os.nice outside Unix
        os.nice(INDEXER_NICENESS)


class BackgroundIndexer:
    """One indexing run at a time in a child process; a later request waits for it."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._context = multiprocessing.get_context("spawn")
        self._process: Any = None
        # Shared counters and the stop flag are made on first start, but the helper
        # process that tracks them starts now, while the app has not started yet.
        start_resource_tracker()
        self._done: Any = None
        self._total: Any = None
        self._stop: Any = None

    def start(self, roots: Sequence[Path], config: Config, generation: str | None) -> None:
        """Index what changed in the library at `roots` (the caller checks `running`);
        `generation`: the metadata cache's, holding the rows the app has checked.

        The child reads the rows from that cache rather than receiving them: pickling
        100,000 of them took 3.8 s of the UI thread and doubled the peak memory.
        """
        if self._stop is None:
            self._done = self._context.Value("q", 0)
            self._total = self._context.Value("q", 0)
            self._stop = self._context.Event()
        self._done.value, self._total.value = 0, -1
        self._stop.clear()
        self._process = self._context.Process(
            target=_run,
            args=(
                self.db_path,
                list(roots),
                config,
                generation,
                self._done,
                self._total,
                self._stop,
            ),
            name="reader-indexer",
            daemon=True,
        )
        self._process.start()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the run ends; True when it ended (successfully or not)."""
        if self._process is None:
            return True
        self._process.join(timeout)
        return not self._process.is_alive()

    @property
    def succeeded(self) -> bool:
        return self._process is not None and self._process.exitcode == 0

    @property
    def failed(self) -> bool:
        """The last run ended with an error (or was killed)."""
        return self._process is not None and self._process.exitcode not in (0, None)

    def progress(self) -> tuple[int, int]:
        """(articles indexed, articles to index); total is -1 until the child counted."""
        if self._done is None:
            return 0, -1
        return int(self._done.value), int(self._total.value)

    def stop(self, *, wait: bool = True) -> None:
        """Ask the child to stop after the current article (what it wrote is kept).

        Without `wait`, return at once: the child is a daemon, ended at our exit.
        """
        if self._stop is not None:
            self._stop.set()
        if wait and self._process is not None:
            self._process.join(5)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join(5)  # SIGTERM is not instant on a busy machine
