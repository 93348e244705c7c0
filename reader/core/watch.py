"""Watch a library for files added, changed or removed while the reader runs.

inotify (through watchfiles) when it works, else a stat-only rescan every few
seconds. Runs in a daemon thread of its own, which must never hold up quitting,
and reports through callbacks that the caller makes thread-safe (the app posts
Textual messages from them).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable

from reader.core.models import Article
from reader.core.session import LibrarySession, rows_changed

# Seconds between rescans when the file watcher cannot run.
POLL_EVERY = 3.0

Changed = Callable[[set[str], dict[str, list[Article]]], bool]
"""(paths touched, the entries read from each) -> False once nobody listens."""
Rescanned = Callable[[list[Article]], bool]
"""(the rows a polling rescan found) -> False once nobody listens."""
Fallback = Callable[[str], object]
"""(why the file watcher stopped) -> called once, when polling takes over."""


class LibraryWatcher:
    """Reports changes under a session's folders until `stop()`."""

    def __init__(
        self,
        session: LibrarySession,
        on_change: Changed,
        on_rescan: Rescanned,
        on_fallback: Fallback | None = None,
    ) -> None:
        self.session = session
        self.on_change = on_change
        self.on_rescan = on_rescan
        self.on_fallback = on_fallback
        self.polling = False  # the fallback is in use (for the user and the tests)
        self._stop = threading.Event()
        self._watched: set[str] = set()

    def start(self, folders: Iterable[str]) -> None:
        """Watch `folders` (those the scan listed) and the files named as roots."""
        roots = (os.fspath(p) for p in self.session.roots if p.is_file())
        self._watched = {*folders, *roots}
        if self._watched:
            threading.Thread(target=self._run, daemon=True, name="library-watch").start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        try:
            self._watch()
        except Exception as error:  # watchfiles gave up (an undecodable name, no inotify...)
            if not self._stop.is_set():
                self.polling = True
                if self.on_fallback is not None:
                    self.on_fallback(f"{type(error).__name__}: {error}")
                self._poll()

    def _watch(self) -> None:
        """Each folder the scan listed is watched on its own, not the roots recursively:
        a recursive watch lists the whole tree again while holding the GIL (a quarter
        of a second of frozen UI at 100,000 files). A new folder restarts the watch."""
        from watchfiles import Change, watch  # deferred: only the running app watches

        while not self._stop.is_set():
            for changes in watch(
                *sorted(self._watched),
                stop_event=self._stop,
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
                if not self.on_change(touched, self.session.reread(touched)):
                    self._stop.set()
                    return
                if added:
                    break  # watch again, with the new folders

    def _watch_folder(self, folder: str) -> list[str]:
        """Add a new folder (and those inside it) to the watch; returns the files in it."""
        files: list[str] = []
        for parent, subfolders, names in os.walk(folder):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            self._watched.add(parent)
            files.extend(os.path.join(parent, name) for name in names)
        return files

    def _poll(self) -> None:
        """The fallback: a stat-only rescan every few seconds."""
        self.polling = True
        while not self._stop.wait(POLL_EVERY):
            current = self.session.articles
            from reader.core.library import scan  # not imported with the app

            library = scan(self.session.roots, current, should_stop=self._stop.is_set)
            if self._stop.is_set():
                return
            if rows_changed(current, library.articles) and not self.on_rescan(library.articles):
                return
