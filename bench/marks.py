"""Marks at scale: what a read or star costs with 100,000 (or more) marks in the state.

    python bench/marks.py [--sizes 100000,1000000] [--marks 40] [--runs 3] [--current-only]
                          [--app [--gap SECONDS] [--library FOLDER]] [--counts]

In-process, in a temporary folder. For each size it builds a realistic state (every
article read, 2% starred) and times, for the current store (snapshot + journal) and
for the schema 1 store it replaced (a frozen copy in tests/core/legacy, one whole
fsynced rewrite per mark), in the same run:

* load: `StateStore(path).load()` of that state as written by schema 1 (the current
  store migrates it), then ("load upgraded") of the current snapshot after the first
  mark rewrote it (its columns read from the snapshot cache that the rewrite made),
  the same read as JSON ("load upgraded, JSON": the cache left out, as after another
  program changed the snapshot), and ("load after marks") with the marks' journal
  lines too;
* a mark on disk: `set_starred` on a loaded store, p50 and p95 over `--marks` marks
  (each returns once the mark is fsynced);
* baseline: appending one short line to a file and fsyncing it (the floor of any
  durable mark on this disk), and `json.loads` of the schema 1 file's bytes (one
  object per article, as schemas 1 and 2 stored them).

With ``--counts``, the unread counts after each mark (`ListFilters`, what the status
line and the feed view show) on a library of `size` rows with that state: the count
after a mark (moved by the mark's rows) against counting every row again from a copy
of the read ids (what each mark cost before), p50 over `--marks` marks.

With ``--app``, first in the app itself (headless, the bundled sample feeds or
``--library``'s articles, a state of that size): from pressing ``s`` to the star fsynced
by the writer thread, p50/p95, and that time in parts (`PARTS`: the key's arrival, its
dispatch, the hand-over to the writer thread, its work up to the fsync, the fsync system
call, the writer's wait for the interpreter after it). A library of long pages times a
mark while the opener cleans one (each ``j`` opens the next row's article).
Each ``s`` follows a ``j`` (the next row); ``--gap`` waits that long after the ``j``
before the ``s``: 0 (the default) presses them back to back, at key-repeat pace, while
the ``j``'s repaint and the opener's work are still in flight; a reader who stars what
they have just read pauses first (``--gap 0.3``).

Medians over `--runs` runs; every time also as a ratio to the baseline of its run,
since this shared machine's speed changes from minute to minute.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# The repository for `tests.core.legacy`, after the installed packages: an installed
# wheel's compiled cleaner is measured, not the sources beside this file.
sys.path.append(str(Path(__file__).resolve().parents[1]))

from reader.core import state_cache
from reader.core.compiled import cleaner_build
from reader.core.state import StateStore
from tests.core.legacy import state_schema1 as legacy


def build(path: Path, size: int) -> bytes:
    articles = {}
    for i in range(size):
        entry: dict[str, object] = {"read": True, "read_at": 1.7e9 + i}
        if i % 50 == 0:
            entry.update(starred=True, starred_at=1.7e9 + i)
        articles[f"{i:016x}"] = entry
    raw = json.dumps({"schema": 1, "articles": articles}, separators=(",", ":")).encode()
    path.write_bytes(raw)
    return raw


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * len(ordered)) - 1))]


def fsync_line(folder: Path, n: int) -> float:
    """Median time to append and fsync one short line."""
    times = []
    with open(folder / "floor", "ab") as handle:
        for i in range(n):
            start = time.perf_counter()
            handle.write(b'{"id":"%d","starred":true}\n' % i)
            handle.flush()
            os.fsync(handle.fileno())
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def one_run(size: int, marks: int, current_only: bool = False) -> dict[str, float]:
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="reader-marks-") as folder:
        root = Path(folder)
        out["floor"] = fsync_line(root, marks)
        stores = (("before", legacy.StateStore), ("after", StateStore))
        for name, cls in stores[1:] if current_only else stores:
            path = root / name / "state.json"
            path.parent.mkdir()
            raw = build(path, size)
            out["json"] = timed(lambda raw=raw: json.loads(raw))
            kwargs = {"home": path, "cache_dir": root / "cache"} if cls is StateStore else {}
            store = cls(path, **kwargs)
            out[f"{name} load"] = timed(store.load)  # the schema 1 file as it is
            store.set_starred("first", True)  # the upgrade to the current schema, once
            if cls is StateStore:
                out["after load upgraded"] = timed(cls(path, **kwargs).load)
                cache_from, state_cache.CACHE_FROM = state_cache.CACHE_FROM, 2**62
                try:
                    out["after load upgraded, JSON"] = timed(cls(path, **kwargs).load)
                finally:
                    state_cache.CACHE_FROM = cache_from
            times = []
            for i in range(marks):
                start = time.perf_counter()
                store.toggle_starred(f"{i:016x}")
                times.append(time.perf_counter() - start)
            assert store.save_error is None, store.save_error
            out[f"{name} mark p50"] = pct(times, 50)
            out[f"{name} mark p95"] = pct(times, 95)
            again = cls(path, **kwargs)
            out[f"{name} load after marks"] = timed(again.load)
            assert again.is_starred("first")
    return out


PARTS = (
    "key -> app",
    "app -> action",
    "action -> writer thread",
    "writer thread -> fsync call",
    "fsync (the system call)",
    "fsync -> interpreter back",
    "interpreter back -> done",
)
"""Where a mark's time goes in the app (`app_marks`): "key -> app" runs from the press to
the app's first look at the key, "app -> action" is its way from there through the
focused widget and its containers back to the app's bindings; "fsync (the system call)"
runs from the call of `os.fsync` to the kernel's return (the disk's part), "fsync ->
interpreter back" from there to the writer thread running Python again (its wait for the
interpreter). Telling those two apart needs `stamped_fsync`; without it the two are one
part, shown as the system call's."""

_STAMPED_FSYNC_C = """
#include <time.h>
#include <unistd.h>
int fsync_stamped(int fd, double *returned) {
    int result = fsync(fd);
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    *returned = now.tv_sec + now.tv_nsec * 1e-9;
    return result;
}
"""


def stamped_fsync(folder: Path) -> Callable[[int], float] | None:
    """An fsync that also says when the system call returned, on `time.perf_counter`'s
    clock: a few lines of C called through ctypes, which lets the interpreter go for
    the call, so the time stamped is before the thread waits to get it back (Python
    can only stamp after). None without a C compiler or where `perf_counter` is not
    CLOCK_MONOTONIC."""
    import ctypes
    import shutil
    import subprocess

    clock = time.get_clock_info("perf_counter").implementation
    compiler = shutil.which("cc") or shutil.which("gcc")
    if clock != "clock_gettime(CLOCK_MONOTONIC)" or compiler is None:
        return None
    source, library = folder / "fsync_stamped.c", folder / "fsync_stamped.so"
    source.write_text(_STAMPED_FSYNC_C)
    try:
        subprocess.run(
            [compiler, "-O2", "-shared", "-fPIC", "-o", str(library), str(source)],
            check=True,
            capture_output=True,
        )
        call = ctypes.CDLL(str(library), use_errno=True).fsync_stamped
    except (OSError, subprocess.CalledProcessError):
        return None
    call.argtypes = (ctypes.c_int, ctypes.POINTER(ctypes.c_double))
    returned = ctypes.c_double()

    def fsync(fd: int) -> float:
        if call(fd, ctypes.byref(returned)) != 0:
            error = ctypes.get_errno()
            raise OSError(error, os.strerror(error))
        return returned.value

    return fsync


SAMPLES = Path(__file__).resolve().parents[1] / "sample_feeds"


def app_marks(
    size: int, marks: int, gap: float = 0.0, library: Path = SAMPLES
) -> tuple[list[float], list[float], list[float], dict[str, list[float]]]:
    """In the app (headless, on `library`) with a state of `size` marks:
    from the key press (`s`, star) to the mark fsynced by the writer thread, each time,
    of that the writer's part (handed to the writer thread -> fsynced), then, in the
    same folder, the store alone (`toggle_starred` returns after the fsync), and each
    mark's time split into `PARTS`. `gap` seconds pass between each `j` and the next `s`."""
    import asyncio
    import threading

    from reader.ui.app import ReaderApp

    times: list[float] = []
    writer: list[float] = []
    alone: list[float] = []
    parts: dict[str, list[float]] = {name: [] for name in PARTS}
    stamps: dict[str, float] = {}
    real_fsync = os.fsync

    with tempfile.TemporaryDirectory(prefix="reader-marks-fsync-") as folder:
        stamped = stamped_fsync(Path(folder))

    def fsync(fd: int) -> None:
        if not threading.current_thread().name.startswith("state"):
            return real_fsync(fd)
        stamps["fsync"] = time.perf_counter()
        if stamped is None:
            real_fsync(fd)
            stamps["returned"] = stamps["back"] = time.perf_counter()
        else:
            stamps["returned"] = stamped(fd)
            stamps["back"] = time.perf_counter()
        return None

    os.fsync = fsync  # type: ignore[assignment]
    from textual import events
    from textual.app import App

    on_event = App.on_event

    async def arrived(self: App[None], event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and event.key == "s":
            stamps["app"] = time.perf_counter()
        await on_event(self, event)

    App.on_event = arrived  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory(prefix="reader-marks-app-") as folder:
        path = Path(folder) / "state.json"
        build(path, size)
        cache = Path(folder) / "cache"
        upgrade = StateStore(path, home=path, cache_dir=cache)
        upgrade.load()
        assert upgrade.compact()  # the current schema, as a long-time user has it
        store = StateStore(path, home=path, cache_dir=cache)
        store.load()
        app = ReaderApp([library], store)
        app.flow.read_after = 600
        done: list[float] = []
        seen: list[dict[str, float]] = []
        original = app.marks.write
        action = app.action_toggle_star

        def toggle_star() -> None:
            stamps["action"] = time.perf_counter()
            action()

        app.action_toggle_star = toggle_star  # type: ignore[method-assign]

        def write(change: object, article: object) -> None:
            submitted = time.perf_counter()

            def timed() -> None:
                stamps["run"] = time.perf_counter()
                change()  # type: ignore[operator]
                done.append(time.perf_counter())
                writer.append(done[-1] - submitted)
                seen.append({**stamps, "done": done[-1]})

            original(timed, article)  # type: ignore[arg-type]

        app.marks.write = write  # type: ignore[method-assign]

        async def drive() -> None:
            async with app.run_test(size=(120, 40)) as pilot:
                while not app.article_list.rows:
                    await pilot.pause(0.05)
                for i in range(marks):
                    start = time.perf_counter()
                    await pilot.press("s")
                    while len(done) <= i:
                        await asyncio.sleep(0.0005)
                    times.append(done[i] - start)
                    at = seen[i]
                    bounds = (
                        start,
                        at["app"],
                        at["action"],
                        at["run"],
                        at["fsync"],
                        at["returned"],
                        at["back"],
                    )
                    ends = (*bounds[1:], at["done"])
                    for name, begin, end in zip(PARTS, bounds, ends, strict=True):
                        parts[name].append(end - begin)
                    await pilot.press("j")
                    if gap:
                        await asyncio.sleep(gap)
                assert store.save_error is None, store.save_error

        try:
            asyncio.run(drive())
        finally:
            os.fsync = real_fsync
            App.on_event = on_event  # type: ignore[method-assign]
        store = StateStore(path, home=path, cache_dir=cache)
        store.load()
        for i in range(marks):
            start = time.perf_counter()
            store.toggle_starred(f"alone-{i}")
            alone.append(time.perf_counter() - start)
    return times, writer, alone, parts


def counts(size: int, marks: int) -> dict[str, float]:
    """Unread counts after a mark with `size` rows and marks: followed by the read log
    (`unread_count`, `feed_counts`) against a recount of every row (the baseline)."""
    import datetime as dt
    from operator import attrgetter

    from reader.core.models import Article
    from reader.ui.list_filters import ListFilters

    out: dict[str, list[float]] = {"recount": [], "unread_count": [], "feed_counts": []}
    with tempfile.TemporaryDirectory(prefix="reader-marks-counts-") as folder:
        path = Path(folder) / "state.json"
        build(path, size)
        cache = Path(folder) / "cache"
        upgrade = StateStore(path, home=path, cache_dir=cache)
        upgrade.load()
        assert upgrade.compact()
        store = StateStore(path, home=path, cache_dir=cache)
        store.load()
        rows = [
            Article(
                id=f"{i:016x}",
                path=Path(f"/library/feed-{i % 20}/{i}.txt"),
                feed=f"feed-{i % 20}",
                title=f"Article {i}",
                date=dt.date(2025, 1, 1),
                mtime=0.0,
            )
            for i in range(size)
        ]
        filters = ListFilters(store)
        filters.set_articles(rows)
        filters.unread_count()
        filters.feed_counts()
        for i in range(marks):
            store.toggle_read(f"{i:016x}")
            out["recount"].append(
                timed(
                    lambda: (
                        len(rows)
                        - sum(map(store.read_ids().__contains__, map(attrgetter("id"), rows)))
                    )
                )
            )
            out["unread_count"].append(timed(filters.unread_count))
            out["feed_counts"].append(timed(filters.feed_counts))
    return {key: pct(values, 50) for key, values in out.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description="Marks at scale (see the module docstring).")
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--marks", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--current-only", action="store_true", help="skip the schema 1 store (slow at 1M)"
    )
    parser.add_argument(
        "--app", action="store_true", help="also time key press -> mark on disk in the app"
    )
    parser.add_argument(
        "--gap",
        type=float,
        default=0.0,
        help="with --app: seconds between each j and the next s (default 0: back to back)",
    )
    parser.add_argument(
        "--library",
        type=Path,
        default=SAMPLES,
        help="with --app: the articles the app shows (default: the bundled sample feeds)",
    )
    parser.add_argument(
        "--counts", action="store_true", help="only time the unread counts after a mark"
    )
    args = parser.parse_args()
    print(f"cleaner: {cleaner_build()}")
    if args.counts:
        for size in (int(s) for s in args.sizes.split(",")):
            runs = [counts(size, args.marks) for _ in range(args.runs)]
            print(f"== unread counts after a mark, {size:,} rows and marks (p50 per run) ==")
            for key in runs[0]:
                values = [r[key] for r in runs]
                ratios = [r[key] / r["recount"] for r in runs]
                print(
                    f"{key:14s} {statistics.median(values) * 1000:9.3f} ms "
                    f"[{min(values) * 1000:.3f}–{max(values) * 1000:.3f}]"
                    f"   {statistics.median(ratios):8.4f}× recount"
                )
        return 0
    if args.app:
        for size in (int(s) for s in args.sizes.split(",")):
            both = [app_marks(size, args.marks, args.gap, args.library) for _ in range(args.runs)]
            runs = [b[0] for b in both]
            writers = [b[1] for b in both]
            alones = [b[2] for b in both]
            floors = []
            with tempfile.TemporaryDirectory() as folder:
                floors = [fsync_line(Path(folder), args.marks) for _ in range(args.runs)]
            pace = f"{args.gap:g} s after a j" if args.gap else "right after a j"
            print(f"== in the app, {size:,} marks: key press -> mark fsynced ({pace}) ==")
            for p in (50, 95):
                values = [pct(r, p) for r in runs]
                ratios = [v / f for v, f in zip(values, floors, strict=True)]
                print(
                    f"p{p:<3d} {statistics.median(values) * 1000:8.2f} ms "
                    f"[{min(values) * 1000:.2f}–{max(values) * 1000:.2f}]"
                    f"   {statistics.median(ratios):6.2f}× floor"
                )
                values = [pct(r, p) for r in writers]
                print(
                    f"  p{p} of it on the writer thread (handed over -> fsynced) "
                    f"{statistics.median(values) * 1000:.2f} ms "
                    f"[{min(values) * 1000:.2f}–{max(values) * 1000:.2f}]"
                )
                values = [pct(r, p) for r in alones]
                ratios = [pct(r, p) / pct(a, p) for r, a in zip(runs, alones, strict=True)]
                print(
                    f"  p{p} of the store alone (same state, after each run) "
                    f"{statistics.median(values) * 1000:.2f} ms "
                    f"[{min(values) * 1000:.2f}–{max(values) * 1000:.2f}]; "
                    f"app / store per run {' '.join(f'{r:.2f}' for r in ratios)}"
                )
            for name in PARTS:
                line = []
                for p in (50, 95):
                    values = [pct(b[3][name], p) for b in both]
                    line.append(
                        f"p{p} {statistics.median(values) * 1000:.2f} ms "
                        f"[{min(values) * 1000:.2f}–{max(values) * 1000:.2f}]"
                    )
                print(f"  {name:28s} {'  '.join(line)}")
            print(flush=True)
    for size in (int(s) for s in args.sizes.split(",")):
        runs = [one_run(size, args.marks, args.current_only) for _ in range(args.runs)]
        print(f"== {size:,} marks (all read, 2% starred) · {args.runs} runs · medians [min–max] ==")
        for key in runs[0]:
            values = [r[key] for r in runs]
            base = "floor" if key.endswith(("p50", "p95")) else "json"
            ratios = [r[key] / r[base] for r in runs]
            print(
                f"{key:28s} {statistics.median(values) * 1000:10.2f} ms "
                f"[{min(values) * 1000:.2f}–{max(values) * 1000:.2f}]"
                f"   {statistics.median(ratios):8.2f}× {base}"
            )
        print(flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
