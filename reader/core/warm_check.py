"""A warm start's check of a large library against its metadata cache, in a process
of its own.

At a warm start the list comes from the cache at once; then every file is stat-ed to
find what changed since. At 1,000,000 files that walk is about 9 CPU-seconds of
Python, and in the app's own process it held the interpreter from the keys the user
pressed in the first seconds (a `j` or `G` 20-40 ms late). Here a child process does
it: it reads the cached rows' signatures from the cache file (`read_signatures`: the
app sends nothing per row), walks the library as the scan would, and sends back only
what differs: the files to read (new or changed) and the paths whose cached rows are
to go. The scan (`reader.core.library.scan`) reads those files and puts the list
together; a library that did not change costs the app nothing but the wait.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from reader.core.cache import read_signatures
from reader.core.library import CHUNK, Candidate, Problem, find_files, silence, unchanged
from reader.core.workers import start_resource_tracker, worker_context

# How often the app looks at whether to stop while it waits for the child, in seconds.
POLL_SECONDS = 0.05

Message = tuple[Any, ...]
"""What the child sends: ("read", files to read, paths whose rows go), any number of
times; then ("done", problems, folders listed). Or only ("stale",): the cache file holds
other rows than the app's, whose check is then the app's own."""


class WarmCheck:
    """The child process checking the library at `roots` against the rows of the cache
    file `cache_file` written under `generation` (the rows the app shows)."""

    def __init__(self, roots: Sequence[Path], cache_file: Path, generation: str) -> None:
        """Start the child; OSError when no process can start here."""
        context = worker_context()
        start_resource_tracker()  # with our stderr off the terminal the UI draws on
        self._ours, theirs = context.Pipe(duplex=False)
        args = ([str(root) for root in roots], str(cache_file), generation, theirs)
        self._process: BaseProcess = context.Process(  # type: ignore[attr-defined]
            target=check_in_child, args=args, daemon=True
        )
        try:
            self._process.start()
        finally:
            theirs.close()

    def __enter__(self) -> WarmCheck:
        return self

    def __exit__(self, *exc: object) -> None:
        """A check not done (a quit, a fallback) is stopped, not waited for: at a
        million files it has seconds of walking left."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._ours.close()

    def messages(self, should_stop: Callable[[], bool]) -> Iterator[Message]:
        """The child's messages as they come, up to its last ("done" or "stale"); they
        end early when `should_stop()` or when the child dies (the caller then checks
        the library itself)."""
        while not should_stop():
            try:
                if not self._ours.poll(POLL_SECONDS):
                    if not self._process.is_alive() and not self._ours.poll():
                        return
                    continue
                message: Message = self._ours.recv()
            except (EOFError, OSError):
                return
            yield message
            if message[0] != "read":
                return


def check_in_child(roots: list[str], cache_file: str, generation: str, out: Connection) -> None:
    """(the child process) Walk `roots` as a warm scan does and send what differs from
    the cache's rows, a chunk at a time: a changed file both goes (its rows) and is read
    anew; a file the walk finds twice (overlapping roots) is read the second time."""
    silence()
    try:
        signatures = read_signatures(Path(cache_file), generation)
        if signatures is None:
            out.send(("stale",))
            return
        paths, feeds, formats, sizes, mtimes = signatures
        known = dict(zip(paths, range(len(paths)), strict=True))  # a file's last row
        problems: list[Problem] = []
        folders: list[str] = []
        fresh: list[Candidate] = []
        gone: list[str] = []
        for candidate in find_files(map(Path, roots), problems, folders=folders):
            row = known.pop(candidate.path, None)
            if row is not None:
                if unchanged(candidate, sizes[row], mtimes[row], feeds[row], formats[row]):
                    continue
                gone.append(candidate.path)
            fresh.append(candidate)
            if len(fresh) + len(gone) >= CHUNK:
                out.send(("read", fresh, gone))
                fresh, gone = [], []
        gone.extend(known)  # files not found any more
        for start in range(0, max(len(gone), 1), CHUNK):
            out.send(("read", fresh if start == 0 else [], gone[start : start + CHUNK]))
        out.send(("done", problems, folders))
    finally:
        out.close()
