"""Time a first full-text index of a library into a fresh index file.

    python bench/index.py LIBRARY [--every N] [--workers N] [--runs N] [--keep DB]
                                  [--profile [N]]

The library is scanned once (not timed; `reader.core.library.scan`, no metadata
cache is read or written), every Nth article is kept (`--every 5`: a 20,000 subset
of a 100,000 library, each feed thinned alike), and `index_library` builds the index
into a new file in a temporary folder, deleted afterwards unless `--keep` names it.
The library itself is only read.

Per run it prints the wall time, the CPU seconds of this process (the writer) and of
its children (the cleaning workers), their sum, articles per CPU-second and the
index's size on disk; then the median and min-max of the runs. CPU seconds are the
steadier figure on a shared machine (wall time grows with the others' load).

`--profile N` instead reads and cleans N articles in this process under cProfile
(as one worker does, no index written) and prints the top functions, then the
writer's part: the same rows written into a fresh index as a first index writes them
(transactions of `BUILD_BATCH` rows, then `optimize`), timed.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from reader.core.compiled import cleaner_build
from reader.core.library import scan
from reader.core.models import Article
from reader.core.search import BUILD_BATCH, OPTIMIZE_MIN, SearchIndex, index_library


def cpu() -> tuple[float, float]:
    """(CPU seconds of this process, of its waited-for children)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def index_size(db: Path) -> int:
    return sum(
        os.path.getsize(f"{db}{suffix}")
        for suffix in ("", "-wal")
        if os.path.exists(f"{db}{suffix}")
    )


def one_run(articles: list[Article], db: Path, workers: int | None) -> dict[str, float]:
    own0, kids0 = cpu()
    t0 = time.perf_counter()
    indexed = index_library(db, articles, workers=workers)
    wall = time.perf_counter() - t0
    own1, kids1 = cpu()
    return {
        "wall": wall,
        "writer": own1 - own0,
        "workers": kids1 - kids0,
        "cpu": own1 - own0 + kids1 - kids0,
        "indexed": indexed,
        "mb": index_size(db) / 2**20,
    }


def profile(articles: list[Article], n: int) -> None:
    from reader.core.reading import ReadingService
    from reader.core.search import _FilePages, _read_all

    service = ReadingService(None, articles)
    todo = articles[:: max(1, len(articles) // n)][:n]
    files = _FilePages()
    profiler = cProfile.Profile()
    profiler.enable()
    rows, _, _ = _read_all(service, files, todo, None)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
    pstats.Stats(profiler).sort_stats("cumtime").print_stats(40)
    with tempfile.TemporaryDirectory() as folder:
        t0 = time.process_time()
        with SearchIndex(Path(folder) / "p.sqlite") as index:
            # as `index_library` writes a first index: big transactions, one merge
            index.tune(building=len(rows) >= OPTIMIZE_MIN)
            for start in range(0, len(rows), BUILD_BATCH):
                index.write(rows[start : start + BUILD_BATCH], BUILD_BATCH)
            t1 = time.process_time()
            index.optimize()
        t2 = time.process_time()
        print(
            f"writing {len(rows)} rows: {t2 - t0:.3f} CPU-s "
            f"(inserts {t1 - t0:.3f}, optimize {t2 - t1:.3f})"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("library", type=Path)
    ap.add_argument("--every", type=int, default=1, help="keep every Nth article")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--keep", type=Path, default=None, help="build the index here, keep it")
    ap.add_argument("--profile", type=int, nargs="?", const=2000, default=None, metavar="N")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    articles = scan([args.library]).articles[:: args.every]
    print(f"{len(articles)} articles (scan {time.perf_counter() - t0:.1f} s, not counted)")
    print(f"cleaner: {cleaner_build()}")
    if args.profile:
        profile(articles, args.profile)
        return 0
    runs: list[dict[str, float]] = []
    for i in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="index-bench-") as folder:
            db = args.keep or Path(folder) / "search.sqlite"
            if args.keep and db.exists():
                sys.exit(f"{db} exists: give a new path to --keep")
            run = one_run(articles, db, args.workers)
        runs.append(run)
        print(
            f"run {i + 1}: {run['indexed']:.0f} indexed, wall {run['wall']:.1f} s, "
            f"CPU {run['cpu']:.1f} s (writer {run['writer']:.1f}, workers "
            f"{run['workers']:.1f}), {run['indexed'] / run['cpu']:.0f} articles/CPU-s, "
            f"{run['mb']:.0f} MB",
            flush=True,
        )
    for key in ("wall", "cpu", "writer", "workers"):
        values = [r[key] for r in runs]
        print(
            f"{key:>8}: median {statistics.median(values):.1f} s "
            f"(min {min(values):.1f}, max {max(values):.1f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
