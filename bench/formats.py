"""What a library scan pays per list row, by format, in one process.

    python bench/formats.py [LIBRARY] [--files N] [--runs N]

LIBRARY defaults to the mixed library of `bench/libgen.py --mixed 100000` (generated
in /tmp/reader-bench if missing). For each format (by suffix), up to N files (all
the feed files: a feed file is many rows) are read as a cold scan's workers read
them (`library.read_rows`), `--runs` times; the figures are CPU microseconds per
row (process time, so other processes on a shared machine count less), median and
min-max over the runs, and the ratio to a text dump's (the formats are timed in
turn, run after run). The files are read once before timing, so the page cache
holds them. To compare two trees, run the same command with PYTHONPATH pointing at
the other tree's checkout.

    python bench/formats.py --scan LIBRARY [LIBRARY ...] [--runs N]

times whole scans instead: `library.scan` of each library from an empty cache in
this one process (`workers=1`: the CPU a first start's scan spends, all of it in
one place), the libraries taken in turn run after run (so a busy machine weighs on
each alike), CPU seconds median and min-max, and each library's ratio to the first
one's (the 20,000-row text and mixed bench libraries:
`--scan /tmp/reader-bench/lib-20000-s1-v1 /tmp/reader-bench/lib-mixed-20000-s1-v1`).

    python bench/formats.py --first LIBRARY [--evict]

times a cold scan's first batch instead, in this fresh process: the scan's import, then
`library.read_task` of the first 200 files of the library's first folder (what the app
reads itself before its workers start), wall and CPU seconds, and whether PyYAML or lxml
was imported. `--evict` drops those files and the module files of PyYAML, feedparser and
lxml from the page cache first (`posix_fadvise`), a cold disk for them alone.

    python bench/formats.py --evidence LIBRARY [--runs N]

times the first open of a feed entry instead: the CPU milliseconds of the feed's
evidence sample (`EvidenceCache._sample`: 24 of the feed's articles read) and of
`ReadingService.open` of the library's first feed entry with no evidence yet, each
feed parse forgotten before, median and min-max over the runs.

    python bench/formats.py --instructions LIBRARY [--files N] [--python PY]

counts instructions a row instead, which a busy machine does not blur: for each format,
`valgrind --tool=cachegrind` over a process that reads N files (default 400; a feed
file is many rows: as many feed files as give about N rows) with `library.read_rows`,
less the same process reading none (both first read 20 other files of the format, so
lazy imports and first calls are not counted), `PYTHONHASHSEED=0`. Then the mix: the
rows' costs weighted by the library's own share of rows of each format. `--python`
runs another interpreter (a venv where `pip install .` built a compiled wheel);
`PYTHONPATH` another tree, as above. About half a minute of CPU a process.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from contextlib import suppress
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library", nargs="*", type=Path)
    parser.add_argument(
        "--files", type=int, help="files per format (not feeds; 2000, --instructions: 400)"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scan", action="store_true", help="time whole scans of each library")
    parser.add_argument("--evidence", action="store_true", help="time a feed entry's first open")
    parser.add_argument("--first", action="store_true", help="time a cold scan's first batch")
    parser.add_argument("--evict", action="store_true", help="with --first: those files uncached")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions a row (cachegrind)"
    )
    parser.add_argument("--python", default=sys.executable, help="with --instructions")
    parser.add_argument("--read", type=Path, help=argparse.SUPPRESS)  # `read_listed`'s list
    args = parser.parse_args()
    if args.read:
        read_listed(args.read)
        return
    if args.instructions:
        instructions(args.library[0], args.files or 400, args.python)
        return
    if args.first:
        first_batch(args.library[0], args.evict)
        return
    if args.scan:
        scans(args.library, args.runs)
        return
    if args.evidence:
        evidence(args.library[0], args.runs)
        return
    root = args.library[0] if args.library else None
    if root is None:
        import libgen

        root, _meta = libgen.ensure_library(Path("/tmp/reader-bench"), 100_000, mixed=True)

    from reader.core.library import Candidate, read_rows

    by_suffix = _by_suffix(root)
    feeds = {".rss", ".atom", ".xml", ".json"}
    chosen = {
        suffix: paths if suffix in feeds else paths[: args.files or 2000]
        for suffix, paths in by_suffix.items()
    }
    print(f"{root} · {sum(map(len, by_suffix.values())):,} files · {args.runs} runs")
    print(
        f"{'format':8} {'files':>7} {'rows':>7} {'µs/row median':>14} {'min':>8} {'max':>8}"
        f" {'x .txt':>7}"
    )
    costs: dict[str, list[float]] = defaultdict(list)
    counts: dict[str, int] = {}
    for paths in chosen.values():
        for path in paths:
            path.read_bytes()  # in the page cache
    for _ in range(args.runs):  # the formats in turn, run after run: alike under load
        for suffix, paths in chosen.items():
            rows: list[tuple[object, ...]] = []
            start = time.process_time()
            for path in paths:
                with suppress(OSError, ValueError):  # not listed (a .json that is no feed...)
                    read_rows(Candidate(str(path), "feed", -1, -1, False), rows)
            costs[suffix].append((time.process_time() - start) / max(1, len(rows)) * 1e6)
            counts[suffix] = len(rows)
    text = statistics.median(costs[".txt"]) if ".txt" in costs else float("nan")
    for suffix, paths in chosen.items():
        median = statistics.median(costs[suffix])
        print(
            f"{suffix:8} {len(paths):>7,} {counts[suffix]:>7,} {median:>14.0f}"
            f" {min(costs[suffix]):>8.0f} {max(costs[suffix]):>8.0f} {median / text:>7.2f}"
        )


def first_batch(root: Path, evict: bool) -> None:
    """A cold scan's first batch in this fresh process (see the module's docstring)."""
    import importlib.util
    import os

    folder = sorted(e.path for e in os.scandir(root) if e.is_dir())[0]
    files = sorted(e.path for e in os.scandir(folder) if e.is_file())[:200]

    def drop(path: str) -> None:
        with suppress(OSError):
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)

    if evict:
        for name in ("yaml", "_yaml", "feedparser", "lxml"):
            spec = importlib.util.find_spec(name)
            if spec is None:
                continue
            places = spec.submodule_search_locations or [os.path.dirname(spec.origin or "")]
            for place in places:
                for where, _dirs, names in os.walk(place):
                    for name_ in names:
                        drop(os.path.join(where, name_))
        for path in files:
            drop(path)
    wall, cpu = time.perf_counter(), time.process_time()
    from reader.core.library import read_task

    imported = time.perf_counter() - wall
    wall, cpu = time.perf_counter(), time.process_time()
    _columns, stamps, _failed = read_task([(path, "feed", False) for path in files])
    print(
        f"scan's import {imported:.3f} s; first batch of {len(files)} files: "
        f"{time.perf_counter() - wall:.3f} s wall, {time.process_time() - cpu:.3f} s CPU, "
        f"{len(stamps)} rows; PyYAML imported: {'yaml' in sys.modules}, "
        f"lxml: {'lxml.etree' in sys.modules}"
    )


# Files of a format read before the count starts, in both processes (and never counted).
WARM_FILES = 20


def _by_suffix(root: Path) -> dict[str, list[Path]]:
    by_suffix: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            by_suffix[path.suffix.lower()].append(path)
    return dict(sorted(by_suffix.items()))


def _rows_of(paths: list[str]) -> int:
    """The rows `library.read_rows` makes of `paths` (nothing else done per file)."""
    from reader.core.library import Candidate, read_rows

    rows: list[tuple[object, ...]] = []
    for path in paths:
        with suppress(OSError, ValueError):  # not listed (a .json that is no feed...)
            read_rows(Candidate(path, "feed", -1, -1, False), rows)
    return len(rows)


def read_listed(listing: Path) -> None:
    """The process cachegrind counts: reads the first `WARM_FILES` paths of `listing`
    (one a line), then the others, and prints the rows of those."""
    paths = listing.read_text().splitlines()  # str: a Path costs as much as a text row
    _rows_of(paths[:WARM_FILES])
    print(_rows_of(paths[WARM_FILES:]))


def _count(python: str, warm: list[str], counted: list[str]) -> tuple[int, int]:
    """Instructions and rows of a `read_listed` process under cachegrind."""
    import os
    import re
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".txt") as listing:
        listing.write("".join(f"{path}\n" for path in warm + counted))
        listing.flush()
        done = subprocess.run(
            [
                "valgrind", "--tool=cachegrind", "--cache-sim=no",
                "--cachegrind-out-file=/dev/null", python, __file__, "--read", listing.name,
            ],
            capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )  # fmt: skip
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count from valgrind: {done.stderr[-500:]}")
    return int(found.group(1).replace(",", "")), int(done.stdout.split()[-1])


def instructions(root: Path, files: int, python: str) -> None:
    """Instructions a row of each format, and of the library's mix (see the docstring)."""
    import math

    chosen: dict[str, int] = {}
    shares: dict[str, int] = {}
    by_suffix = {suffix: list(map(str, paths)) for suffix, paths in _by_suffix(root).items()}
    for suffix, paths in by_suffix.items():
        per_file = _rows_of(paths[:1])  # a feed file is many rows
        if per_file:
            chosen[suffix] = min(math.ceil(files / per_file), max(1, len(paths) - WARM_FILES))
            shares[suffix] = per_file * len(paths)
    print(f"{root} · {python} · instructions a row (cachegrind, less a process reading none)")
    print(f"{'format':8} {'files':>6} {'rows':>6} {'a row':>10} {'x .txt':>7} {'share':>6}")
    costs: dict[str, float] = {}
    counted: dict[str, int] = {}
    for suffix, count in chosen.items():
        warm = by_suffix[suffix][-WARM_FILES:]
        base, _ = _count(python, warm, [])
        total, counted[suffix] = _count(python, warm, by_suffix[suffix][:count])
        costs[suffix] = (total - base) / max(1, counted[suffix])
    text = costs.get(".txt", math.nan)
    weight = sum(shares.values())
    for suffix, cost in costs.items():
        share = shares[suffix] / weight
        print(
            f"{suffix:8} {chosen[suffix]:>6,} {counted[suffix]:>6,} {cost:>10,.0f}"
            f" {cost / text:>7.2f} {share:>6.0%}"
        )
    mix = sum(costs[s] * shares[s] for s in costs) / weight
    print(f"{'mix':8} {'':>6} {'':>6} {mix:>10,.0f} {mix / text:>7.2f}")


def scans(libraries: list[Path], runs: int) -> None:
    """CPU seconds of `library.scan` (one process, empty cache) per library."""
    import gc

    from reader.core.library import scan

    costs: dict[Path, list[float]] = {root: [] for root in libraries}
    rows: dict[Path, int] = {}
    for root in libraries:  # every file in the page cache, the imports done
        rows[root] = len(scan([root], workers=1).articles)
    for _ in range(runs):
        for root in libraries:
            gc.collect()
            start = time.process_time()
            scan([root], workers=1)
            costs[root].append(time.process_time() - start)
    first = statistics.median(costs[libraries[0]])
    print(f"{'library':40} {'rows':>8} {'CPU s median':>12} {'min':>6} {'max':>6} {'ratio':>6}")
    for root in libraries:
        median = statistics.median(costs[root])
        print(
            f"{root.name:40} {rows[root]:>8,} {median:>12.2f} {min(costs[root]):>6.2f}"
            f" {max(costs[root]):>6.2f} {median / first:>6.2f}"
        )


def evidence(root: Path, runs: int) -> None:
    """CPU ms of a feed's evidence sample and of the first open of one of its entries."""
    from reader.core.formats import feeds
    from reader.core.library import scan
    from reader.core.reading import EvidenceCache, ReadingService

    articles = scan([root], workers=1).articles
    target = next(a for a in articles if a.format == "feed")
    feed = [a for a in articles if a.feed == target.feed]
    samples: list[float] = []
    opens: list[float] = []
    for _ in range(runs):
        for costs, run in (
            (samples, lambda: EvidenceCache()._sample(target.feed, feed)),
            (opens, lambda: ReadingService(articles=articles).open(target)),
        ):
            feeds._PARSED.clear()
            feeds._INDEXES.clear()
            start = time.process_time()
            run()
            costs.append((time.process_time() - start) * 1e3)
    print(f"{root.name}: feed {target.feed!r} of {len(feed):,} articles, {runs} runs, CPU ms")
    for label, costs in (("evidence sample", samples), ("first open of an entry", opens)):
        print(f"  {label:24} {statistics.median(costs):7.1f} ({min(costs):.1f}-{max(costs):.1f})")


if __name__ == "__main__":
    main()
