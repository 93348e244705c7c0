"""Keeping the search index current: one indexer child process at a time.

The child reads and cleans what changed (minutes of CPU the first time, at a lower
priority); this side only starts it, polls its shared counters and tells the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.message import Message
from textual.timer import Timer

from reader.core.config import Config

if TYPE_CHECKING:
    from reader.core.indexer import BackgroundIndexer

# Seconds between looks at the child's progress.
INDEX_POLL = 0.5


class IndexingService:
    """Starts indexing runs on request and reports their progress and end."""

    @dataclass
    class Progress(Message):
        """The run goes on (the status line shows how far)."""

    @dataclass
    class Finished(Message):
        """The run ended; `succeeded` says whether the index is now complete."""

        succeeded: bool

    def __init__(self, app: App[None], db_path: Path, roots: list[Path], config: Config) -> None:
        self.app = app
        self.roots = roots
        self.config = config
        self.db_path = db_path
        # The indexer (and the search and formats modules it imports) is made at the
        # first request, once the list is shown; the helper process it needs starts now,
        # while stderr is still the real one (see `BackgroundIndexer`).
        from multiprocessing import resource_tracker  # (multiprocessing: here, not at import)

        resource_tracker.ensure_running()
        self._indexer: BackgroundIndexer | None = None
        self._pending = False  # a change arrived during a run: run again after it
        self._generation: str | None = None  # the metadata cache's, for the next run
        self._timer: Timer | None = None

    @property
    def indexer(self) -> BackgroundIndexer:
        if self._indexer is None:
            from reader.core.indexer import BackgroundIndexer

            self._indexer = BackgroundIndexer(self.db_path)
        return self._indexer

    @indexer.setter
    def indexer(self, indexer: BackgroundIndexer) -> None:
        self._indexer = indexer

    @property
    def busy(self) -> bool:
        """A run is going on or its end has not been reported yet."""
        return self._timer is not None or (self._indexer is not None and self._indexer.running)

    def request(self, generation: str | None) -> None:
        """Bring the index up to date with the rows of the metadata cache of
        `generation` (after the run in progress, if any)."""
        self._generation = generation
        if self.indexer.running:
            self._pending = True
            return
        self._pending = False
        self.indexer.start(self.roots, self.config, generation)
        if self._timer is None:
            self._timer = self.app.set_interval(INDEX_POLL, self._poll)
        self.app.post_message(self.Progress())

    def status(self) -> str | None:
        """A few words for the status line, None when there is nothing to say."""
        if self._indexer is None:
            return None
        if self.indexer.failed:
            return "indexing failed"
        if not self.indexer.running:
            return None
        done, of = self.indexer.progress()
        if of < 0:  # the child is still finding what changed since the last run: a
            # moment when its index covers the rows handed over, else a pass over every
            # stored row (about a second at 100,000 articles)
            return "checking the index…"
        return f"indexing {done * 100 // of}%" if of > 0 else None

    def stop(self) -> None:
        if self._indexer is not None:
            self._indexer.stop(wait=False)

    def _poll(self) -> None:
        if self.indexer.running:
            self.app.post_message(self.Progress())
            return
        if self._pending:
            self.request(self._generation)
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.app.post_message(self.Finished(self.indexer.succeeded))
