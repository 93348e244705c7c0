"""Dump every list row a scan makes of a library, to check that a change meant to
leave the listing alone (a speed-up of the per-file reads) changes no row.

    python bench/scan_rows.py LIBRARY OUT.jsonl [--workers N]
    python bench/scan_rows.py --compare OLD.jsonl NEW.jsonl

One JSON line per row, in list order, with every field of the row (id, path, feed,
title, date, size, mtime, format, url, source, tags, entry, found date, warning),
then one line per problem (path, reason, listed). The scan is `library.scan` from an
empty cache, as a first start makes it. To compare two trees, dump with each
(`PYTHONPATH` pointing at the other tree's checkout) and `--compare` the dumps:
it prints the first lines that differ and exits 1 when any does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def dump(library: Path, out: Path, workers: int) -> int:
    from reader.core.library import scan

    found = scan([library], workers=workers)
    with out.open("w") as handle:
        for a in found.articles:
            row = {
                "id": a.id, "path": a.path, "feed": a.feed, "title": a.title,
                "date": a.date.isoformat() if a.date else None, "size": a.size,
                "mtime": a.mtime, "format": a.format, "url": a.url, "source": a.source,
                "tags": list(a.tags), "entry": a.entry,
                "found_date": a.found_date.isoformat() if a.found_date else None,
                "warning": a.warning,
            }  # fmt: skip
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        problems = sorted((str(p.path), p.reason, p.listed) for p in found.problems)
        for path, reason, listed in problems:
            handle.write(json.dumps({"problem": path, "reason": reason, "listed": listed}) + "\n")
    print(f"{len(found.articles):,} rows, {len(found.problems):,} problems -> {out}")
    return 0


def compare(old: Path, new: Path) -> int:
    from itertools import zip_longest

    differ = 0
    with old.open() as a, new.open() as b:
        for number, (left, right) in enumerate(zip_longest(a, b, fillvalue=""), 1):
            if left != right:
                differ += 1
                if differ <= 10:
                    print(f"line {number}:\n  - {left.rstrip()}\n  + {right.rstrip()}")
    print(f"{differ} lines differ" if differ else "identical")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs=2, type=Path)
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if args.compare:
        return compare(*args.paths)
    return dump(args.paths[0], args.paths[1], args.workers)


if __name__ == "__main__":
    sys.exit(main())
