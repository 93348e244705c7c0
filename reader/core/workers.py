"""The worker processes a first scan reads its files in (`reader.core.library`).

Kept apart from the scan so that the app can start their fork server as it starts,
without importing the scan: a first start (no metadata cache) then has the server's
own start (a Python start and the scan's imports, 0.2-0.8 s by the machine's load)
behind it by the time the scan asks for workers, done on the core the app's
single-threaded start leaves idle.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import suppress
from multiprocessing import resource_tracker
from multiprocessing.context import BaseContext

# What a fork server imports once, before it forks each worker ready to read.
SCAN_MODULE = "reader.core.library"


def worker_count() -> int:
    """Processes worth giving a scan: the CPUs this process may use, at most 4 (beyond
    that the disk, not the parsing, is what limits a scan)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(4, cpus))


def worker_context() -> BaseContext:
    """Where scan workers come from. Not "fork": the app has threads (the UI's), and
    forking them is unsafe. A fork server imports the program's main module and the
    scan once, then forks workers ready to read; "spawn" would start and import both
    in every worker."""
    from multiprocessing import get_context

    try:
        forkserver = get_context("forkserver")
    except ValueError:  # no fork server on this platform
        return get_context("spawn")
    forkserver.set_forkserver_preload(["__main__", SCAN_MODULE])
    return forkserver


def start_early() -> None:
    """Start the scan workers' fork server now, for a scan that is coming (a first
    start: no metadata cache). Nothing when workers would not be used (one CPU) or no
    fork server can start; the scan then starts what it needs as before. Call it while
    stderr is the real one (before a UI takes the terminal): the server and the
    resource tracker it starts keep it."""
    if worker_count() < 2 or worker_context().get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    with suppress(OSError):  # no processes here: the scan reads in its own process
        start_resource_tracker()  # first: the fork server would start it with our stderr
        forkserver.ensure_running()


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker, if it is not running, with /dev/null as
    its stderr.

    Its only words are a warning about the semaphores of a helper process killed at quit
    (the indexer's), printed on the user's shell after the app has gone. It must start
    while descriptor 2 is still a file descriptor (a running Textual app replaces
    sys.stderr with an object without one, and starting the tracker then fails), so the
    app's first helper process starts it early: the scan's fork server or the indexer.
    """
    with _stderr_to_null():
        resource_tracker.ensure_running()


@contextlib.contextmanager
def _stderr_to_null() -> Iterator[None]:
    """File descriptor 2 on /dev/null for the block: a helper process started in it
    inherits that, not the terminal."""
    saved = os.dup(2)
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(null)
