"""Writing read and starred marks: one thread, so marks reach the disk in the order
they were made, and the UI never waits for a write."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from textual.app import App
from textual.message import Message

from reader.core.models import Article
from reader.core.state import StateStore, UndoRecord
from reader.core.transfer import merge_conflict_copies
from reader.ui.services import post

WRITE_SWITCH_INTERVAL = 0.0005
"""Python's switch interval (seconds) while a mark is being written: the writer thread
waits at most this long for the interpreter after each system call (the fsync above
all) while the UI thread repaints, instead of the default 5 ms."""


class MarksService:
    """Applies mark changes to the store on its writer thread and reports them."""

    @dataclass
    class Written(Message):
        """Marks changed: `article`'s row (None: any row) needs repainting; `notices`
        are messages about the state file for the user."""

        article: Article | None
        notices: Sequence[str] = ()

    def __init__(self, app: App[None], store: StateStore) -> None:
        self.app = app
        self.store = store
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="state")
        self._undo: list[UndoRecord] = []
        self._shown_error: str | None = None
        self._copies_left = False  # conflict copies merged in memory, not saved yet
        self._in_flight = 0  # writes submitted and not finished (under `_count_lock`)
        self._count_lock = threading.Lock()
        self._interval = sys.getswitchinterval()  # put back when no write is in flight
        # The journal is folded into the snapshot here, after the mark is reported,
        # not inside the mark's own write; a wait for another reader's lock is said.
        store.auto_compact = False
        store.on_wait = lambda text: post(self.app, self.Written(None, (text,)))

    def set_read(self, article: Article, value: bool) -> None:
        if self.store.is_read(article.id) != value:
            self.write(lambda: self.store.set_read(article.id, value), article)

    def toggle_read(self, article: Article) -> None:
        self.write(lambda: self.store.toggle_read(article.id), article)

    def toggle_starred(self, article: Article) -> None:
        self.write(lambda: self.store.toggle_starred(article.id), article)

    def mark_all_read(self, ids: list[str]) -> None:
        """Mark `ids` read as one change that `undo` takes back."""
        self.write(lambda: self._undo.append(self.store.set_read_many(ids, True)), None)

    def undo(self) -> int | None:
        """Take back the last mark-all-read; how many articles it covered (None: nothing)."""
        if not self._undo:
            return None
        record = self._undo.pop()
        self.write(lambda: self.store.undo(record), None)
        return len(record)

    def write(self, change: Callable[[], object], article: Article | None) -> None:
        """Apply a mark change on the writer thread, then report what it affects."""

        def run() -> None:
            try:
                change()
            finally:
                self._written()
                # A message, not call_from_thread: that blocks, and at exit the loop
                # waits for this thread.
                post(self.app, self.Written(article))
            if self.store.needs_compaction:
                self.store.compact()

        self._writing()
        try:
            self._writer.submit(run)
        except BaseException:  # shut down: nothing will run
            self._written()
            raise

    @property
    def busy(self) -> bool:
        """Whether a mark change is handed to the writer thread and not applied yet."""
        with self._count_lock:
            return self._in_flight > 0

    def _writing(self) -> None:
        """A write is handed to the writer thread: the interpreter switches threads
        sooner until it is done, so the mark reaches the disk while the UI works."""
        with self._count_lock:
            self._in_flight += 1
            if self._in_flight == 1:
                self._interval = sys.getswitchinterval()
                sys.setswitchinterval(min(self._interval, WRITE_SWITCH_INTERVAL))

    def _written(self) -> None:
        with self._count_lock:
            self._in_flight -= 1
            if self._in_flight == 0:
                sys.setswitchinterval(self._interval)

    def merge_conflict_copies(self) -> None:
        """Merge the conflict copies a sync tool left beside the state file, on the
        writer thread: the start never waits for another reader's lock (a wait is said
        on screen, and the merged marks show meanwhile). Copies whose marks could not
        be saved are merged again, and moved, once saving works."""

        def run() -> None:
            notices = merge_conflict_copies(self.store)
            self._copies_left = self.store.unsaved and self.store.read_only_reason is None
            if notices or self.store.unsaved:
                post(self.app, self.Written(None, notices))

        self._writer.submit(run)

    def merge_other_instances(self) -> None:
        """Pick up marks another running reader saved (cheap when the file is unchanged),
        and retry saving when saves were failing."""
        before = self.store.revision

        def run() -> None:
            failing = self.store.save_error is not None
            if failing and self.store.read_only_reason is None:
                self.store.retry()  # the disk may have room again
            notices = self.store.refresh()
            if self._copies_left and not self.store.unsaved:
                self._copies_left = False
                notices += merge_conflict_copies(self.store)
            if notices or self.store.revision != before or failing:
                post(self.app, self.Written(None, notices))

        self._writer.submit(run)

    def save_notice(self) -> tuple[str, str] | None:
        """(message, severity) when saving started failing or works again, once each."""
        error = self.store.save_error
        shown, self._shown_error = self._shown_error, error
        if error and error != shown:
            # `error` says why, and that the marks are kept and saving is retried.
            text = f"Marks are not being saved. {error}"
            return text, "error"
        if shown and not error:
            return "Marks are being saved again.", "information"
        return None

    def close(self) -> None:
        """Wait for the marks in flight: they are on screen, so they must reach the disk."""
        self._writer.shutdown(wait=True)
