"""The UI thread's CPU for putting a 1,000-word article in the reading pane.

    python bench/pane.py [--keep DIR] [--runs N] [--opens N] [--size 140x45]

Headless (`App.run_test`), on the 2,000-article library of `bench/libgen.py` (generated
under `--keep`, /tmp/reader-bench by default, if missing): the long pages of
`.bench-meta.json` and a short article are read and cleaned first, off the clock (the
opener does that in its worker, ahead of J/K), and laid out as the opener's worker does
where the tree has one (`ReadingPane.layout_maker`); then, alternately, the 1,000-word
page and the short one are put in the pane (`show_reading`) and the frame is drawn
(`pilot.pause()`). The figure is the UI thread's CPU time (`time.thread_time`) from the
call to the drawn frame, so other processes on a shared machine count little; it leaves
out what a terminal adds (turning the frame into escape codes and writing them), which
`scale.py --terminal` times from the screen. Medians, p95, min–max over the runs. The
search indexer is not started (it would compete for the CPU).

Compare two trees with the same command, PYTHONPATH pointing at the other checkout
(`git archive COMMIT | tar -x -C DIR`), alternated.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


async def one_run(root: Path, opens: int, size: tuple[int, int], state: Path) -> list[float]:
    from reader.core.state import StateStore
    from reader.ui.app import ReaderApp

    meta = json.loads((root / ".bench-meta.json").read_text())
    long_paths = {entry["path"] for entry in meta["long_pages"]["1000"]}
    store = StateStore(state)
    store.load()
    app = ReaderApp([root], store)
    app.flow.read_after = 3600
    app.indexing.request = lambda generation: None  # type: ignore[method-assign]  # no indexer
    took: list[float] = []
    async with app.run_test(size=size) as pilot:
        for _ in range(1200):  # the whole library listed (no rows arriving meanwhile)
            await pilot.pause(0.05)
            if len(app.articles) >= meta["count"] and app.pane.reading is not None:
                break
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        longs = [a for a in app.articles if str(a.path) in long_paths]
        shorts = [a for a in app.articles if str(a.path) not in long_paths][: len(longs)]
        service = app.reading_service
        pairs = [(service.open(a), service.open(b)) for a, b in zip(longs, shorts, strict=False)]
        pane = app.pane
        takes_layout = "layout" in inspect.signature(app.show_reading).parameters
        for index in range(opens):
            long_reading, short_reading = pairs[index % len(pairs)]
            for reading in (short_reading, long_reading):
                layout = pane.layout_maker()(reading) if takes_layout else None
                start = time.thread_time()
                if takes_layout:
                    app.show_reading(reading, layout)
                else:
                    app.show_reading(reading)
                await pilot.pause()
                if reading is long_reading:
                    took.append(time.thread_time() - start)
                await pilot.pause(0.02)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, default=Path("/tmp/reader-bench"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--opens", type=int, default=20, help="1,000-word opens a run")
    parser.add_argument("--size", default="140x45")
    args = parser.parse_args()
    import tempfile

    import libgen  # type: ignore[import-not-found]

    root, _ = libgen.ensure_library(args.keep, 2000)
    cols, rows = (int(n) for n in args.size.split("x"))
    import reader

    print(f"tree: {Path(reader.__file__).resolve().parent.parent} · {args.size} · {root}")
    medians, p95s = [], []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("DATA", "CACHE", "CONFIG", "STATE"):  # the app's files: not the user's
                os.environ[f"XDG_{name}_HOME"] = str(Path(tmp) / name.lower())
            took = asyncio.run(one_run(root, args.opens, (cols, rows), Path(tmp) / "s.json"))
        ms = sorted(t * 1000 for t in took)
        medians.append(statistics.median(ms))
        p95s.append(ms[max(0, round(0.95 * len(ms)) - 1)])
        print(f"  run {run + 1}: p50 {medians[-1]:.1f} ms, p95 {p95s[-1]:.1f} ms ({len(ms)})")
    p50 = statistics.median(medians)
    print(
        f"UI-thread CPU, show a 1,000-word article + its frame: p50 {p50:.1f}"
        f" ms ({min(medians):.1f}–{max(medians):.1f}), p95 {statistics.median(p95s):.1f} ms "
        f"({min(p95s):.1f}–{max(p95s):.1f}), medians over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
