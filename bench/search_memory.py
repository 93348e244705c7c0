"""Peak memory and time of the search thread's steps, in process, on an existing index.

    python bench/search_memory.py INDEX [QUERY ...]      (default: said council gamota)

INDEX is a search index file (`reader.core.search`), e.g. the one `bench/scale.py` builds
beside a library (`/tmp/reader-bench/lib-100000-s1-v1.search.sqlite`); it is only read,
but SQLite's WAL mode writes `-wal`/`-shm` files beside it while it is open: use a copy of
an index another run may be using. The list is every indexed key in list order (the app's
list when the index is complete); then what the app's search thread does: `select_mask`
of the empty query (`SearchService.prepare`), and per query the first search (the whole
query in SQL, then its leaves filled as between searches) and the same search again.

Each step prints its wall time, this process's resident memory before and after, and its
peak (VmHWM, reset before the step through `/proc/self/clear_refs`; Linux only): the peak
above the memory before is what the step needed at once. Wall times vary with the
machine's load; memory does not.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from itertools import compress
from pathlib import Path
from typing import Any

from reader.core.query import parse_query
from reader.core.search import _ORDER, SearchIndex, _unblob


def memory() -> tuple[int, int]:
    """(VmRSS, VmHWM) of this process in MiB."""
    found = {}
    with open("/proc/self/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0]) // 1024
    return found["VmRSS"], found["VmHWM"]


def step(name: str, run: Callable[[], Any]) -> Any:
    """Run one step with the peak reset before it, and print what it took."""
    gc.collect()
    before, _ = memory()
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # resets VmHWM to the current VmRSS
    start = time.perf_counter()
    result = run()
    took = time.perf_counter() - start
    after, peak = memory()
    print(
        f"{name:34} {took * 1000:8.0f} ms  rss {before} -> {after} MiB"
        f"  peak {peak} (+{peak - before})",
        flush=True,
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("queries", nargs="*", default=["said", "council", "gamota"])
    args = parser.parse_args()
    with SearchIndex(args.index) as index:
        rows = index._connection().execute(f"SELECT key FROM docs {_ORDER}")
        keys = step("the list's keys", lambda: [_unblob(key) for (key,) in rows])
        print(f"{len(keys):,} articles")
        step("prepare (select_mask of '')", lambda: index.select_mask(parse_query(""), keys))
        for text in args.queries:
            query = parse_query(text)

            def first(query: Any = query) -> bytes:
                mask = index.select_mask(query, keys)
                while index.fill_leaves():
                    pass
                return mask

            mask = step(f"search {text!r}, first", first)
            print(f"  {sum(mask):,} matches")

            def rows_of(mask: bytes = mask) -> list[str]:
                return list(compress(keys, mask))

            step("  its rows", rows_of)

            def again(query: Any = query) -> bytes:
                return index.select_mask(query, keys)

            step(f"search {text!r}, again", again)
        rss, peak = memory()
    print(f"at the end: rss {rss} MiB, peak {peak} MiB")


if __name__ == "__main__":
    main()
