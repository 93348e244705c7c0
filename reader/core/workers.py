"""The worker processes a first scan reads its files in (`reader.core.library`).

Kept apart from the scan so that the app can start their fork server as it starts,
without importing the scan: a first start (no metadata cache) then has the server's
own start (a Python start and the scan's imports, 0.2-0.8 s by the machine's load)
behind it by the time the scan asks for workers, done on the core the app's
single-threaded start leaves idle.
"""

from __future__ import annotations

import os
from contextlib import suppress
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
        forkserver.ensure_running()
