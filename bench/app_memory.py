"""Where the app's memory goes on a large library: peak (VmHWM) by phase, headless.

    python bench/app_memory.py app LIBRARY [QUERY ...]   (the app: start, check, keys, searches)
    python bench/app_memory.py indexer LIBRARY [--uncovered]   (the indexer child's steps)

Run it with the library's metadata cache (and, for the searches, its search index) where
`reader` looks for them (`XDG_CACHE_HOME`): a warm start, as the terminal bench's warm
runs. `app` starts `ReaderApp` headless (140×45) as `reader LIBRARY` does, without the
indexer child (its run is `indexer`, a process of its own in the app too), and prints, per
phase, the resident memory at its end and the peak since the phase before (the peak is
reset between phases through `/proc/self/clear_refs`; Linux only): the cache's first rows,
the whole cache, the scan's check of every file, ten `j` and three `G`/`g`, the search box
opened, then each query typed a key at a time and its matches shown. `indexer` runs the
child (`reader.core.indexer.refresh_index`) in this process, handed the cache's generation
as the app hands it after a check that found the library unchanged: with an index that
covers it, nothing to do; `--uncovered` first forgets what the index covers (as after a
change to the library), so the cache's rows are compared with every stored row. Memory
does not vary with the machine's load; the times printed do.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import sys
import time
from pathlib import Path

from search_memory import memory  # type: ignore[import-not-found]

START = time.perf_counter()
PEAK = [0]


def phase(name: str) -> None:
    """Print the memory now and the peak since the last phase; reset the peak."""
    rss, peak = memory()
    PEAK[0] = max(PEAK[0], peak)
    print(
        f"{time.perf_counter() - START:7.1f} s  {name:40} rss {rss:5} MiB  peak {peak:5} MiB",
        flush=True,
    )
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # resets VmHWM to the current VmRSS


def run_app(root: Path, queries: list[str]) -> None:
    from reader.core.paths import default_state_path
    from reader.core.session import LibrarySession
    from reader.core.state import StateStore

    session = LibrarySession([root])
    session.preload()
    store = StateStore(default_state_path())
    store.load()
    from reader.ui.app import ReaderApp
    from reader.ui.services.indexing import IndexingService

    IndexingService.request = lambda self, generation: None  # type: ignore[method-assign]
    app = ReaderApp([root], store, session=session)
    phase("imports")

    async def drive() -> None:
        async with app.run_test(size=(140, 45)) as pilot:
            while not app.article_list.rows:
                await pilot.pause(0.05)
            phase(f"first rows ({len(app.article_list.rows):,})")
            while not app.library.loaded:
                await pilot.pause(0.05)
            phase(f"the whole cache ({len(app.article_list.rows):,} rows)")
            while not session.scanned:
                await pilot.pause(0.1)
            await pilot.pause(2)
            phase("checked (the scan)")
            for key in ["j"] * 10 + ["G", "g"] * 3:
                await pilot.press(key)
            await pilot.pause(1)
            phase("keys")
            if not queries:
                return
            await pilot.press("slash")
            await pilot.pause(5)
            phase("search box open (its list order read)")
            for text in queries:
                for key in text:
                    await pilot.press(key)
                    await pilot.pause(0.05)
                while app.searcher.pending:
                    await pilot.pause(0.02)
                await pilot.pause(0.5)
                phase(f"search {text!r}: {len(app.article_list.rows):,} rows")
                for _ in text:
                    await pilot.press("backspace")
                await pilot.pause(0.5)
            await pilot.press("escape")
            await pilot.pause(1)
            phase("search closed")

    asyncio.run(drive())


def run_indexer(root: Path, *, uncovered: bool) -> None:
    from reader.core.cache import cache_path
    from reader.core.config import Config
    from reader.core.indexer import refresh_index
    from reader.core.paths import search_index_path

    db = search_index_path([root])
    with cache_path([root]).open("rb") as cache:  # the header line alone, not the rows
        generation = json.loads(cache.readline()).get("generation")
    if generation is None:
        sys.exit("the cache has no generation yet: start the app (or `reader list`) once")
    if uncovered:
        with sqlite3.connect(db) as connection:
            connection.execute("DELETE FROM covered")
    phase("the cache's generation read")
    indexed = refresh_index(db, [root], Config(), generation)
    phase(f"index brought up to date ({indexed:,} indexed)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("app", "indexer"))
    parser.add_argument("library", type=Path)
    parser.add_argument("queries", nargs="*")
    parser.add_argument("--uncovered", action="store_true", help="indexer: as after a change")
    args = parser.parse_args()
    phase("start")
    if args.what == "app":
        run_app(args.library.resolve(), args.queries)
    else:
        run_indexer(args.library.resolve(), uncovered=args.uncovered)
    print(f"peak of the whole run: {PEAK[0]} MiB")


if __name__ == "__main__":
    sys.exit(main())
