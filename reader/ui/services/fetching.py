"""Fetching the subscriptions from inside the app (`R`): one fetch at a time.

The core's `fetch_all` runs in a thread of its own (a daemon: it must never hold up
quitting; `stop()` cancels it and waits briefly, so what was written is remembered).
Progress and the end reach the app as messages. The articles it writes are files in
the library, which the library service's watcher picks up like any other new file.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.message import Message

from reader.core.paths import fetch_state_path, subscriptions_path
from reader.core.sanitize import clean_line
from reader.core.wording import count
from reader.ui.services import post

if TYPE_CHECKING:  # `reader.core.fetch` (httpx) is imported by a fetch, not by the app's start
    from reader.core.fetch import FetchEvent, FetchReport
    from reader.core.subscriptions import Subscription

# Seconds between progress messages while articles land (feeds always report).
PROGRESS_EVERY = 0.1
# Longest wait at quit for a cancelled fetch to save what it learned.
STOP_WAIT = 3.0
# Failed feeds named in the summary; the rest are counted.
NAMED_FAILURES = 5


class FetchingService:
    """Runs `fetch_all` for the app and reports its progress and outcome."""

    @dataclass
    class Progress(Message):
        """The fetch goes on (the status line shows how far)."""

        event: FetchEvent

    @dataclass
    class Finished(Message):
        """The fetch ended: its `report`, or the `error` that stopped it, a sentence
        (another fetch runs, the state file is a newer reader's...). `outside` counts
        the new articles written where this window does not look."""

        report: FetchReport | None
        error: str | None = None
        outside: int = 0

    def __init__(self, app: App[None], shown: Sequence[Path]) -> None:
        self.app = app
        self.shown = [os.path.realpath(p) for p in shown]
        self.progress: FetchEvent | None = None
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()

    @property
    def running(self) -> bool:
        """A fetch is going on (or its end has not been reported yet)."""
        return self._thread is not None

    def start(self, subscriptions: Sequence[Subscription], library: Path) -> None:
        """Fetch `subscriptions` into `library` in the background."""
        assert self._thread is None, "one fetch at a time"
        from reader.core.fetch import FetchEvent

        self._cancel = threading.Event()
        self.progress = FetchEvent("start", 0, len(subscriptions), 0, 0)
        self._thread = threading.Thread(
            target=self._run,
            args=(list(subscriptions), library, self._cancel),
            name="reader-fetch",
            daemon=True,
        )
        self._thread.start()

    def progressed(self, message: FetchingService.Progress) -> None:
        """(UI thread) Keep how far the fetch is, for `status()`."""
        if self._thread is not None:  # not a late message after the end
            self.progress = message.event

    def finished(self, message: FetchingService.Finished) -> None:
        """(UI thread) The end was reported: another fetch may start."""
        self._thread = None
        self.progress = None

    def how_far(self) -> str | None:
        """ "3/12 feeds, 41 new"; None when no fetch runs."""
        event = self.progress
        if event is None:
            return None
        return f"{event.done}/{event.total} feeds, {event.new:,} new"

    def status(self) -> str | None:
        """A few words for the status line, None when no fetch runs."""
        far = self.how_far()
        return None if far is None else f"fetching {far}"

    def stop(self) -> None:
        """Cancel a fetch in progress (quitting): it stops within a moment and saves
        what it learned; waits for that briefly, never for long."""
        self._cancel.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(STOP_WAIT)

    def is_shown(self, path: Path) -> bool:
        """Whether `path` is inside (or is) one of the paths the app shows."""
        real = os.path.realpath(path)
        return any(
            real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in self.shown
        )

    def _run(
        self, subscriptions: list[Subscription], library: Path, cancel: threading.Event
    ) -> None:
        from reader.core.fetch import FetchStateError, fetch_all

        last = 0.0

        def on_event(event: FetchEvent) -> None:
            nonlocal last
            now = time.monotonic()
            if event.kind == "article" and now - last < PROGRESS_EVERY:
                return
            last = now
            if not post(self.app, self.Progress(event)):
                cancel.set()  # the app has gone

        try:
            report = fetch_all(
                subscriptions,
                library,
                state_path=fetch_state_path(),
                subscriptions_path=subscriptions_path(),
                on_event=on_event,
                cancel=cancel,
            )
        except FetchStateError as error:
            message = self.Finished(None, clean_line(f"The fetch did not run: {error}"))
        except Exception as error:  # a bug must cost the fetch, not the app
            text = f"The fetch failed: {type(error).__name__}: {error}"
            message = self.Finished(None, clean_line(text))
        else:
            outside = sum(1 for r in report.results for path in r.files if not self.is_shown(path))
            message = self.Finished(report, None, outside)
        post(self.app, message)


def summary(report: FetchReport) -> tuple[str, bool]:
    """The end of a fetch in a few lines, and whether anything failed: the counts,
    then each failed feed with its reason (the first few), then the notices."""
    from reader.core.fetch import CANCELLED, FAILED, GONE

    lines = [f"{report.tally(FAILED, GONE)}."]
    failures = [r for r in report.results if r.status in (FAILED, GONE)]
    for r in failures[:NAMED_FAILURES]:
        lines.append(f"{clean_line(r.name)}: {clean_line(r.reason)}")
    if len(failures) > NAMED_FAILURES:
        more = len(failures) - NAMED_FAILURES
        lines.append(f"…and {more} more: `reader feed list` shows each feed's last result.")
    for r in report.results:
        if r.moved_to:
            lines.append(f"{clean_line(r.name)} moved to {clean_line(r.moved_to)} (saved).")
    lines.extend(clean_line(notice) for notice in report.notices)
    cancelled = report.count(CANCELLED)
    if cancelled:
        lines.append(f"{count(cancelled, 'feed')} not fetched: the fetch was stopped.")
    return "\n".join(lines), bool(failures) or not report.ok
