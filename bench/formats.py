"""What a library scan pays per list row, by format, in one process.

    python bench/formats.py [LIBRARY] [--files N] [--runs N]

LIBRARY defaults to the mixed library of `bench/libgen.py --mixed 100000` (generated
in /tmp/reader-bench if missing). For each format (by suffix), up to N files (all
the feed files: a feed file is many rows) are read as a cold scan's workers read
them (`library.read_rows`), `--runs` times; the figures are CPU microseconds per
row (process time, so other processes on a shared machine count less), median and
min-max over the runs. The files are read once before timing, so the page cache
holds them. To compare two trees, run the same command with PYTHONPATH pointing at
the other tree's checkout.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("library", nargs="?", type=Path)
    parser.add_argument("--files", type=int, default=2000, help="files per format (not feeds)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    root = args.library
    if root is None:
        import libgen

        root, _meta = libgen.ensure_library(Path("/tmp/reader-bench"), 100_000, mixed=True)

    from reader.core.library import Candidate, read_rows

    by_suffix: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            by_suffix[path.suffix.lower()].append(path)
    feeds = {".rss", ".atom", ".xml", ".json"}
    chosen = {
        suffix: paths if suffix in feeds else paths[: args.files]
        for suffix, paths in sorted(by_suffix.items())
    }
    print(f"{root} · {sum(map(len, by_suffix.values())):,} files · {args.runs} runs")
    print(f"{'format':8} {'files':>7} {'rows':>7} {'µs/row median':>14} {'min':>8} {'max':>8}")
    for suffix, paths in chosen.items():
        for path in paths:
            path.read_bytes()  # in the page cache
        costs = []
        rows: list[tuple[object, ...]] = []
        for _ in range(args.runs):
            rows = []
            start = time.process_time()
            for path in paths:
                read_rows(Candidate(str(path), "feed", -1, -1, False), rows)
            costs.append((time.process_time() - start) / max(1, len(rows)) * 1e6)
        print(
            f"{suffix:8} {len(paths):>7,} {len(rows):>7,} {statistics.median(costs):>14.0f}"
            f" {min(costs):>8.0f} {max(costs):>8.0f}"
        )


if __name__ == "__main__":
    main()
