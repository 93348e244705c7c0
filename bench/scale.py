"""Scale benchmark: the reader app on synthetic libraries of 1,000 to 100,000 articles.

    python bench/scale.py [--sizes 1000,10000,100000] [--runs N] [--keep DIR]
                          [--no-search] [--profile] [--json FILE] [--mixed]
    python bench/scale.py --terminal [--sizes 100000] [--runs N] [--nice -10]
                          [--cold-runs N] [--tree DIR] [--poll]   (the real app in tmux:
                          see bench/terminal.py; the figures the README reports)

Libraries come from `bench/libgen.py` (20 feeds of ~6 KB scraped-page dumps) and
are cached in `--keep DIR` (default /tmp/reader-bench), so re-runs skip generation.
`--mixed` benchmarks a mixed library instead: the same number of articles as text
dumps, Markdown posts, HTML pages and entries of RSS files (`libgen.py --mixed`).
Every app measurement runs in a fresh subprocess (`python bench/scale.py --driver
...`), with XDG_CACHE_HOME / XDG_DATA_HOME / XDG_CONFIG_HOME pointing into a
temporary folder: the user's cache, state and config are never touched, and
"cold" means that folder's cache directory was emptied.

What is timed (all clocks are CLOCK_MONOTONIC, which `time.perf_counter()` is on
Linux, so the parent's stamp taken just before spawning is comparable with the
child's stamps; "since spawn" includes fork/exec, interpreter start and imports):

* baseline: a fresh `python -c` that lists the library with os.walk and reads the
  first line of every article file (.txt; with --mixed also .md, .html, .rss);
  spawn -> done. Run before each app run (baseline,
  cold app, warm app, alternating), and every app time is also given as a ratio
  to the baseline of the same run.
* cold/warm start: the driver does what `reader` does (import reader.cli, load the
  config, `StateStore.load()`, import the app) and runs a `ReaderApp` subclass
  with `App.run(headless=True, size=(120, 40))`. The subclass only observes:
  the `LibraryService` messages record when the UI thread got the rows, and
  `_display` (called by the screen's update with the compositor's output) records
  frames. Headless Textual computes every frame but skips the terminal write, so
  the override also encodes each frame to escape sequences
  (`render_segments`) to pay for what a terminal launch would.
  - first rows   = the first frame after the UI thread first has rows (> 0);
  - complete     = the first frame after `app.loaded` is true with rows == N
                   (warm: the cached list, shown whole before the disk is checked);
  - checked      = the first frame after the scan's result reached the UI thread
                   (warm: every file stat-ed and the cached rows confirmed).
  Cold: no cache file (the run then waits for the cache to be written before it
  exits). Warm: the cache file the cold run wrote is present.
* opening an article: `app.open_article(article)` (what enter, n/p and J/K call) -> the
  first frame where `app.pane.reading.article` is that article. Split into the
  worker (thread hop + read + feed evidence + clean, up to `show_reading`),
  `pane.show` (display blocks -> Content -> Static.update), and the frame (layout:
  wrapping the article to the pane width, compositor, encoding). Long pages: per
  feed one ~1,000-word and one ~5,000-word body. Reported separately: the first
  open in a feed (evidence sampling reads 24 pages of the feed; the evidence cache
  is cleared before that pass) and later opens (evidence cached).
* a key in the list: a `Key` event sent through the headless driver exactly as a
  terminal would (`driver.send_message`, no Pilot idle waits) -> the first frame
  showing the new cursor position. Split into dispatch (key -> the screen's
  update begins: message hops, bindings, the action and the messages it posts)
  and update (layout + render of dirty lines + encoding). j is sent 30 ms apart
  (key-repeat speed), G/g and n after 150 ms of quiet; n waits for its article to
  show before the next key, like a reader would.
* search (if `reader.core.search` exists): setup builds the SQLite FTS5 index with
  `index_library` (timed, once per library; the index is kept beside the library),
  then a fresh subprocess per run times `SearchIndex.search(parse_query(q))` for
  queries of different selectivity (15 repeats each after a first call; the first
  call of the process, which loads the list order, is reported on its own).
  In the app (warm run, once its startup indexer has finished): `app.run_search(q)`
  (what the search box calls after its 0.12 s typing pause) -> the first frame
  after `show_search`, split into the worker, `show_search` and the frame. The
  warm run gets a copy of the prebuilt index where the app looks for it (a warm
  start has an index); the cold run has none and starts building one, which is
  stopped when it exits.
* peak RSS: `ru_maxrss` of the app process at exit (after the interactions).
* full garbage collections: a `gc.callbacks` hook records every generation-2
  collection, so each open/key/search reports the GC pause inside it, and each
  start the GC time before the list was complete.
* the CPU other processes used during each app run (from /proc/stat), so that a
  busy shared machine shows up in the table instead of in the numbers.

Times are medians over runs with min and max; for distributions (keys, opens,
searches), each run's p50/p95 is computed and those are summarised over runs.

`--profile` adds, per size, a cold and a warm run under py-spy (all threads,
`--nonblocking`, summarised by thread: scan worker, article worker, UI thread)
and a warm run with cProfile on the UI thread per phase (start, open, keys,
app_search); the raw files are kept in the `--keep` folder.
"""

from __future__ import annotations

import os
import sys
import time

SIZE = (120, 40)
DEFAULT_BASE = "/tmp/reader-bench"
SEARCH_REPEATS = 15
# The app polls its indexer every 0.5 s; after the child ends, wait that long.
INDEX_POLL_SLACK = 0.6
QUERIES = [
    ("said", "very common word"),
    ("council", "common word"),
    ("harbour", "news word"),
    ("referendum", "rarer word"),
    ("{place}", "very rare name"),
    ("council budget", "two words"),
    ('"city centre"', "phrase"),
    ("elect", "prefix elect*"),
    ("feed:{feed} storm", "feed + word"),
    ("council -budget", "exclusion"),
    ("after:2025-06-01 flood", "date + word"),
]
TARGETS_NOTE = "targets are the issue's, for 100k; shown at every size for reference"

BASELINE_CODE = r"""
import os, sys, time, json
root, out, spawn = sys.argv[1], sys.argv[2], float(os.environ["BENCH_SPAWN"])
t0 = time.perf_counter()
files = []
for dirpath, dirnames, filenames in os.walk(root):
    for name in filenames:
        if name.endswith((".txt", ".md", ".html", ".rss")):
            files.append(os.path.join(dirpath, name))
t1 = time.perf_counter()
for path in files:
    with open(path, "rb") as f:
        f.readline()
t2 = time.perf_counter()
with open(out, "w") as f:
    json.dump({"total": t2 - spawn, "start": t0 - spawn, "walk": t1 - t0, "read": t2 - t1,
               "files": len(files), "cpu": sum(os.times()[:2])}, f)
"""


# -- the app driver (runs in the measured subprocess) ---------------------------------


def driver_main(argv: list[str]) -> int:
    """`--driver MODE CONFIG_JSON`: one measured app launch; writes its results as JSON."""
    spawn = float(os.environ["BENCH_SPAWN"])
    t_script = time.perf_counter()
    import json

    mode, config_file = argv[0], argv[1]
    with open(config_file) as handle:
        cfg = json.load(handle)
    if mode == "search":
        return _search_driver(cfg, spawn)
    if mode == "index":
        return _index_driver(cfg)
    return _app_driver(mode, cfg, spawn, t_script)


def _app_driver(mode: str, cfg: dict, spawn: float, t_script: float) -> int:
    import asyncio
    import json
    import resource
    import traceback
    from pathlib import Path

    # What `reader PATH` does before the app runs (reader.cli.run_app).
    import reader.cli  # noqa: F401  (the console script's module and its imports)
    from reader.core.config import load_config
    from reader.core.paths import config_path, default_state_path
    from reader.core.state import StateStore

    config = load_config(config_path())
    store = StateStore(default_state_path())
    t_state = time.perf_counter()
    messages = store.load()
    t_state = time.perf_counter() - t_state
    from textual import events, on
    from textual.screen import Screen

    from reader.ui.app import ReaderApp
    from reader.ui.services.library import LibraryService

    t_imports = time.perf_counter()
    expected = int(cfg["count"])
    out: dict = {"mode": mode, "errors": [], "script": t_script - spawn}
    out["imports"] = t_imports - spawn
    out["state_load"] = t_state
    now = time.perf_counter

    original_update = Screen._on_timer_update

    def timed_update(screen: Screen) -> None:
        app = screen.app
        app._bench_update_start = now()  # type: ignore[attr-defined]
        original_update(screen)

    Screen._on_timer_update = timed_update  # type: ignore[method-assign]

    import reader.ui.app as app_module

    css = ReaderApp.CSS_PATH
    app_dir = Path(app_module.__file__).parent
    if isinstance(css, (str, Path)):
        css = str(app_dir / css)
    elif css:
        css = [str(app_dir / c) for c in css]

    class BenchApp(ReaderApp):
        CSS_PATH = css  # resolved beside reader/ui/app.py, not beside this script

        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            self._bench_waiters: list[tuple] = []
            self._bench_update_start = 0.0
            self.last_frame = 0.0
            self.frames = 0
            self.shows: list[tuple[float, float]] = []
            self.searches: list[tuple[float, float]] = []
            self.first_rows_set: float | None = None
            self.loaded_set: float | None = None
            self.checked_set: float | None = None
            self.complete_future: asyncio.Future | None = None

        def _display(self, screen, renderable) -> None:  # type: ignore[no-untyped-def]
            super()._display(screen, renderable)
            if renderable is None:
                return
            if self.is_headless and hasattr(renderable, "render_segments"):
                renderable.render_segments(self.console)  # the terminal write's encoding
            t = now()
            self.frames += 1
            self.last_frame = t
            out.setdefault("first_frame", t - spawn)
            for waiter in list(self._bench_waiters):
                predicate, future = waiter
                if future.done():
                    self._bench_waiters.remove(waiter)
                elif predicate():
                    self._bench_waiters.remove(waiter)
                    future.set_result((t, self._bench_update_start))

        def expect_frame(self, predicate) -> asyncio.Future:  # type: ignore[no-untyped-def]
            future = asyncio.get_running_loop().create_future()
            self._bench_waiters.append((predicate, future))
            return future

        # Message handlers of a subclass run before the app's own: each one defers
        # its bookkeeping until the app has handled the message.
        @on(LibraryService.RowsArrived)
        def _bench_rows_arrived(self) -> None:
            self.call_later(self._bench_rows_shown)

        def _bench_rows_shown(self) -> None:
            if self.first_rows_set is None and len(self.article_list.rows) > 0:
                self.first_rows_set = now()
                self.first_rows_future = self.expect_frame(lambda: True)

        @on(LibraryService.CacheLoaded)
        def _bench_cache_loaded(self) -> None:
            self.call_later(self._bench_loaded)

        @on(LibraryService.Loaded)
        def _bench_library_loaded(self) -> None:
            self.call_later(self._bench_checked)

        def _bench_checked(self) -> None:
            if self.checked_set is None:
                self.checked_set = now()
                self.checked_future = self.expect_frame(lambda: True)
            self._bench_loaded()

        def _bench_loaded(self) -> None:
            """The list is complete: from the cache (warm) or from the scan (cold)."""
            if self.loaded_set is None:
                self.loaded_set = now()
                if self.first_rows_set is None and len(self.article_list.rows) > 0:
                    self.first_rows_set = self.loaded_set
                    self.first_rows_future = self.expect_frame(lambda: True)
                # Registered here, on the UI thread, so the very next frame is caught.
                self.complete_future = self.expect_frame(complete)

        def show_reading(self, reading, layout=None) -> None:  # type: ignore[no-untyped-def]
            start = now()
            super().show_reading(reading, layout)
            self.shows.append((start, now()))

        def show_search(self, done) -> None:  # type: ignore[no-untyped-def]
            start = now()
            super().show_search(done)
            self.searches.append((start, now()))

    import gc

    gc_pauses: list[tuple[float, float]] = []  # (start, end) of each gen-2 collection
    gc_started = [0.0]

    def gc_callback(phase: str, info: dict) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            gc_started[0] = now()
        else:
            gc_pauses.append((gc_started[0], now()))

    gc.callbacks.append(gc_callback)

    def gc_within(start: float, end: float) -> float:
        """Seconds of full (gen-2) garbage collection inside [start, end]."""
        return sum(max(0.0, min(b, end) - max(a, start)) for a, b in gc_pauses)

    app = BenchApp([Path(cfg["root"])], store, config=config, startup_messages=messages)

    def complete() -> bool:
        return app.loaded and len(app.article_list.rows) == expected

    async def settle(quiet: float, limit: float = 3.0) -> None:
        """Wait until no frame was drawn for `quiet` seconds (at most `limit`)."""
        start = now()
        while now() - start < limit:
            await asyncio.sleep(quiet / 3)
            if now() - app.last_frame >= quiet:
                return

    async def wait_until(predicate, timeout: float, step: float = 0.005) -> bool:  # type: ignore[no-untyped-def]
        start = now()
        while not predicate():
            if now() - start > timeout:
                return False
            await asyncio.sleep(step)
        return True

    async def press(key: str, predicate, quiet: float) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
        await settle(quiet)
        future = app.expect_frame(predicate)
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        t0 = now()
        app._driver.send_message(event)  # type: ignore[union-attr]
        t_frame, t_update = await asyncio.wait_for(future, 10)
        gc_time = gc_within(t0, t_frame)
        return t_frame - t0, max(0.0, t_update - t0), t_frame - max(t_update, t0), gc_time

    async def open_one(article) -> dict:  # type: ignore[no-untyped-def]
        await settle(0.1)
        path = article.path
        future = app.expect_frame(
            lambda: app.pane.reading is not None and app.pane.reading.article.path == path
        )
        shows_before = len(app.shows)
        t0 = now()
        app.open_article(article)
        t_frame, _ = await asyncio.wait_for(future, 30)
        show_start, show_end = (
            app.shows[shows_before]
            if len(app.shows) > shows_before
            else (
                t_frame,
                t_frame,
            )
        )
        return {
            "total": t_frame - t0,
            "worker": show_start - t0,
            "show": show_end - show_start,
            "frame": t_frame - show_end,
            "gc": gc_within(t0, t_frame),
            "words": app.pane.reading.words if app.pane.reading else 0,
        }

    profile_dir = cfg.get("cprofile")
    profilers: dict[str, object] = {}

    def phase_start(name: str) -> None:
        """cProfile the UI thread during a phase (only with cfg["cprofile"])."""
        if profile_dir:
            import cProfile

            profiler = cProfile.Profile()
            profilers[name] = profiler
            profiler.enable()

    def phase_end(name: str) -> None:
        profiler = profilers.get(name)
        if profiler is not None:
            profiler.disable()  # type: ignore[attr-defined]
            profiler.dump_stats(os.path.join(profile_dir, f"{name}.prof"))  # type: ignore[attr-defined]

    async def interactions() -> None:
        phase_start("open")
        by_path = {str(a.path): a for a in app.articles}
        opens: dict[str, dict[str, list[dict]]] = {}
        for words, pages in cfg["long_pages"].items():
            targets = [by_path[p["path"]] for p in pages if p["path"] in by_path]
            result: dict[str, list[dict]] = {"first_in_feed": [], "later": []}
            app.reading_service.evidence.clear()
            for article in targets:
                result["first_in_feed"].append(await open_one(article))
            for _ in range(2):
                for article in targets:
                    result["later"].append(await open_one(article))
            opens[words] = result
        out["opens"] = opens
        phase_end("open")

        phase_start("keys")
        listing = app.article_list
        listing.move_to(0)
        await settle(0.3)
        keys: dict[str, list[tuple[float, float, float]]] = {"j": [], "G": [], "g": [], "n": []}
        for _ in range(4):
            for _ in range(10):
                target = listing.cursor + 1
                keys["j"].append(await press("j", lambda t=target: listing.cursor == t, 0.03))
            last = len(listing.rows) - 1
            keys["G"].append(await press("G", lambda t=last: listing.cursor == t, 0.15))
            keys["g"].append(await press("g", lambda: listing.cursor == 0, 0.15))
            for _ in range(5):
                rows = listing.rows
                index = next(
                    (
                        i
                        for i in range(listing.cursor + 1, len(rows))
                        if not app.store.is_read(rows[i].id)
                    ),
                    None,
                )
                if index is None:
                    break
                keys["n"].append(await press("n", lambda t=index: listing.cursor == t, 0.15))
                target = rows[index].path
                await wait_until(
                    lambda t=target: (
                        app.pane.reading is not None and app.pane.reading.article.path == t
                    ),
                    5,
                )
        out["keys"] = keys
        phase_end("keys")
        if hasattr(app, "run_search") and cfg.get("queries"):
            phase_start("app_search")
            await app_searches()
            phase_end("app_search")

    async def app_searches() -> None:
        """Query -> the list shows the hits, through the app (no typing debounce)."""
        indexing = getattr(app, "indexing", None)
        if indexing is not None:
            start = now()
            await wait_until(lambda: not indexing.indexer.running, 600)
            out["indexer_wait"] = now() - start
            await asyncio.sleep(INDEX_POLL_SLACK)  # let the app notice the index is ready
        out["index_ready"] = app.searcher.index_ready
        samples: dict[str, list[dict]] = {}
        for text in [*cfg["queries"], ""]:
            for _ in range(3):
                await settle(0.15)
                done_before = len(app.searches)
                future = app.expect_frame(lambda n=done_before: len(app.searches) > n)
                t0 = now()
                app.run_search(text)
                t_frame, _ = await asyncio.wait_for(future, 60)
                handled = app.searches[done_before]
                samples.setdefault(text, []).append(
                    {
                        "total": t_frame - t0,
                        "worker": handled[0] - t0,
                        "apply": handled[1] - handled[0],
                        "frame": t_frame - handled[1],
                        "gc": gc_within(t0, t_frame),
                        "rows": len(app.article_list.rows),
                    }
                )
                if text:  # back to the whole list, untimed
                    await settle(0.05)
                    done_before = len(app.searches)
                    app.run_search("")
                    await wait_until(lambda n=done_before: len(app.searches) > n, 60)
        out["app_search"] = samples

    async def autopilot(pilot) -> None:  # type: ignore[no-untyped-def]
        try:
            timeout = float(cfg.get("timeout", 900))

            def scan_failed() -> bool:
                return any(w.group == "scan" and w.error is not None for w in app.workers)

            if not await wait_until(
                lambda: app.loaded_set is not None or scan_failed() or out["errors"],
                timeout,
                step=0.05,
            ):
                out["errors"].append(f"library never loaded: {len(app.article_list.rows)} rows")
                return
            if app.loaded_set is None:
                errors = [repr(w.error) for w in app.workers if w.error is not None]
                out["errors"].append(f"the library did not load: {errors}")
                return
            try:
                t_frame, _ = await asyncio.wait_for(app.complete_future, 60)
            except TimeoutError:
                rows = len(app.article_list.rows)
                out["errors"].append(f"no frame with the complete list ({rows} of {expected})")
                return
            out["complete"] = t_frame - spawn
            phase_end("start")
            out["loaded_set"] = (app.loaded_set or t_frame) - spawn
            if app.first_rows_set is not None:
                t_first, _ = await asyncio.wait_for(app.first_rows_future, 30)
                out["first_rows"] = t_first - spawn
                out["first_rows_set"] = app.first_rows_set - spawn
            out["rows"] = len(app.article_list.rows)
            if await wait_until(lambda: app.checked_set is not None, timeout, step=0.01):
                t_checked, _ = await asyncio.wait_for(app.checked_future, 30)
                out["checked"] = t_checked - spawn
            if mode == "cold":  # the next (warm) run needs the cache this run writes
                await wait_until(
                    lambda: all(w.is_finished for w in app.workers if w.group == "scan"), 120
                )
                from reader.core.cache import cache_path

                out["cache_written"] = cache_path(app.paths).exists()
            if cfg.get("interact"):
                await interactions()
        except Exception:
            out["errors"].append(traceback.format_exc())
        finally:
            out["gc_full"] = [(a - spawn, b - a) for a, b in gc_pauses]
            out["frames"] = app.frames
            out["rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            app.exit()

    phase_start("start")
    try:
        app.run(headless=True, size=SIZE, auto_pilot=autopilot)
    except Exception:
        out["errors"].append(traceback.format_exc())
    if "complete" not in out and not out["errors"]:
        out["errors"].append("the app stopped before the list was complete (see stderr)")
    out["exit"] = time.perf_counter() - spawn
    with open(cfg["out"], "w") as handle:
        json.dump(out, handle)
    return 0


def _index_driver(cfg: dict) -> int:
    """Setup step: build (or bring up to date) the search index of a library."""
    import json
    import resource
    from pathlib import Path

    from reader.core.library import scan
    from reader.core.search import index_library

    t0 = time.perf_counter()
    articles = scan([Path(cfg["root"])]).articles
    t1 = time.perf_counter()
    indexed = index_library(Path(cfg["db"]), articles)
    t2 = time.perf_counter()
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the indexer's cleaning workers
    with open(cfg["out"], "w") as handle:
        json.dump(
            {
                "scan": t1 - t0,
                "index": t2 - t1,
                "cpu": own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime,
                "indexed": indexed,
                "articles": len(articles),
                "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            },
            handle,
        )
    return 0


def _search_driver(cfg: dict, spawn: float) -> int:
    import json
    import resource
    from pathlib import Path

    t0 = time.perf_counter()
    from reader.core.query import parse_query
    from reader.core.search import SearchIndex

    t1 = time.perf_counter()
    out: dict = {"imports": t1 - t0, "queries": {}}
    with SearchIndex(Path(cfg["db"])) as index:
        t2 = time.perf_counter()
        out["open"] = t2 - t1
        first = True
        for text in cfg["queries"]:
            samples = []
            hits = 0
            for rep in range(SEARCH_REPEATS + 1):
                start = time.perf_counter()
                hits = len(index.search(parse_query(text)))
                elapsed = time.perf_counter() - start
                if rep == 0:
                    if first:
                        out["first_search"] = elapsed
                        first = False
                    continue
                samples.append(elapsed)
            out["queries"][text] = {"hits": hits, "samples": samples}
    out["rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open(cfg["out"], "w") as handle:
        json.dump(out, handle)
    return 0


# -- the orchestrator --------------------------------------------------------------------


def _busy_seconds() -> float:
    """CPU seconds all processes spent busy since boot (Linux /proc/stat), 0 elsewhere."""
    try:
        with open("/proc/stat") as handle:
            fields = handle.readline().split()[1:]
        ticks = [int(v) for v in fields]
        idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
        return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    import math

    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


class Bench:
    def __init__(self, args) -> None:  # type: ignore[no-untyped-def]
        import tempfile
        from pathlib import Path

        self.args = args
        self.base = Path(args.keep)
        self.base.mkdir(parents=True, exist_ok=True)
        self.repo = Path(__file__).resolve().parents[1]
        self.script = Path(__file__).resolve()
        self.tmp = Path(tempfile.mkdtemp(prefix="reader-scale-"))
        self.xdg = {
            "XDG_CACHE_HOME": str(self.tmp / "cache"),
            "XDG_DATA_HOME": str(self.tmp / "data"),
            "XDG_CONFIG_HOME": str(self.tmp / "config"),
            "XDG_STATE_HOME": str(self.tmp / "state"),
        }
        self.counter = 0

    def log(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(self.xdg)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(self.repo), os.environ.get("PYTHONPATH", "")) if p
        )
        env.pop("TEXTUAL", None)
        env.pop("TEXTUAL_PRESS", None)
        return env

    def spawn(self, argv: list[str], timeout: float, prefix: list[str] | None = None) -> float:
        import resource
        import subprocess

        env = self.env()
        busy_before, own_before = _busy_seconds(), resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        env["BENCH_SPAWN"] = repr(start)
        proc = subprocess.run(
            [*(prefix or []), *argv],
            env=env,
            cwd=str(self.tmp),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
        )
        elapsed = time.perf_counter() - start
        own_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        own = (own_after.ru_utime + own_after.ru_stime) - (
            own_before.ru_utime + own_before.ru_stime
        )
        # CPU that other processes used meanwhile, in cores (noise from a shared machine).
        self.last_other_load = max(0.0, (_busy_seconds() - busy_before - own) / max(elapsed, 1e-9))
        self.last_stderr = proc.stderr.decode(errors="replace")
        if proc.returncode != 0:
            raise RuntimeError(f"{argv[:4]} exited {proc.returncode}:\n{self.last_stderr}")
        return time.perf_counter() - start

    def run_json(
        self, mode: str, cfg: dict, timeout: float = 1800, prefix: list[str] | None = None
    ) -> dict:
        import json
        from pathlib import Path

        self.counter += 1
        cfg = dict(cfg, out=str(self.tmp / f"out-{self.counter}.json"))
        config_file = self.tmp / f"cfg-{self.counter}.json"
        config_file.write_text(json.dumps(cfg))
        wall = self.spawn(
            [sys.executable, str(self.script), "--driver", mode, str(config_file)],
            timeout,
            prefix,
        )
        try:
            result = json.loads(Path(cfg["out"]).read_text())
        except (OSError, ValueError) as error:
            raise RuntimeError(
                f"{mode} driver left no results ({error}):\n{self.last_stderr}"
            ) from error
        result["wall"] = wall
        result["other_load"] = self.last_other_load
        if result.get("errors"):
            raise RuntimeError(
                f"{mode} driver failed: {result['errors']}\n--- stderr ---\n{self.last_stderr}"
            )
        return result

    def baseline(self, root) -> dict:  # type: ignore[no-untyped-def]
        import json

        self.counter += 1
        out = self.tmp / f"out-{self.counter}.json"
        self.spawn([sys.executable, "-c", BASELINE_CODE, str(root), str(out)], 1800)
        return json.loads(out.read_text())

    def reset(self, cache: bool) -> None:
        import shutil
        from pathlib import Path

        if cache:
            shutil.rmtree(Path(self.xdg["XDG_CACHE_HOME"]), ignore_errors=True)
        shutil.rmtree(Path(self.xdg["XDG_DATA_HOME"]), ignore_errors=True)

    def install_state(self, root) -> None:  # type: ignore[no-untyped-def]
        """A realistic state file where the app looks for it: every article of the library
        read, 2% starred (built once per library from the metadata cache, kept beside it),
        as the current store writes it (a long-time user's file, upgraded long ago)."""
        import shutil
        import subprocess
        from pathlib import Path

        kept = self.base / f"{root.name}.state-s3.json"
        if not kept.exists():
            code = (
                "import sys, json\n"
                "from pathlib import Path\n"
                "from reader.core.session import LibrarySession\n"
                "s = LibrarySession([Path(sys.argv[1])])\n"
                "rows = s.load_cached() or s.scan().articles\n"
                "arts = {}\n"
                "for i, a in enumerate(rows):\n"
                "    e = {'read': True, 'read_at': 1.7e9 + i}\n"
                "    if i % 50 == 0: e.update(starred=True, starred_at=1.7e9 + i)\n"
                "    arts[a.id] = e\n"
                "Path(sys.argv[2]).write_text(json.dumps({'schema': 1, 'articles': arts}))\n"
                "from reader.core.state import StateStore\n"
                "st = StateStore(sys.argv[2], home=Path(sys.argv[2]))\n"
                "st.load()\n"
                "assert st.compact()  # written in the current schema\n"
            )
            subprocess.run(
                [sys.executable, "-c", code, str(root), str(kept)], env=self.env(), check=True
            )
        target = Path(self.xdg["XDG_DATA_HOME"]) / "reader" / "state.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(kept, target)

    def install_index(self, root, db) -> None:  # type: ignore[no-untyped-def]
        """Put the prebuilt search index where the app looks for it (a warm start has one)."""
        import shutil

        target = self.app_index_path(root)
        if target is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            # A -wal/-shm left by the cold run's (stopped) indexer would be replayed
            # onto the copy and make the app re-index everything.
            for leftover in target.parent.glob(target.name + "*"):
                leftover.unlink()
            shutil.copyfile(db, target)
            # Written back now, not while the warm run is timed (a 1 GB copy's dirty
            # pages otherwise flush during its start-up).
            with open(target, "rb") as handle:
                os.fsync(handle.fileno())

    def app_index_path(self, root):  # type: ignore[no-untyped-def]
        """`reader.core.paths.search_index_path` under the benchmark's XDG cache (or None)."""
        old = os.environ.get("XDG_CACHE_HOME")
        os.environ["XDG_CACHE_HOME"] = self.xdg["XDG_CACHE_HOME"]
        sys.path.insert(0, str(self.repo))
        try:
            from reader.core.paths import search_index_path

            return search_index_path([root])
        except ImportError:
            return None
        finally:
            sys.path.pop(0)
            if old is None:
                del os.environ["XDG_CACHE_HOME"]
            else:
                os.environ["XDG_CACHE_HOME"] = old

    def search_available(self) -> bool:
        import importlib.util

        sys.path.insert(0, str(self.repo))
        try:
            return importlib.util.find_spec("reader.core.search") is not None and (
                importlib.util.find_spec("reader.core.query") is not None
            )
        finally:
            sys.path.pop(0)

    def ensure_index(self, root, count: int) -> dict:  # type: ignore[no-untyped-def]
        """Build the index once per library; later runs reuse it and only time a refresh."""
        import json

        db = self.base / f"{root.name}.search.sqlite"
        info_file = self.base / f"{root.name}.search.json"
        info: dict = {}
        if db.exists() and info_file.exists():
            info = json.loads(info_file.read_text())
        if not info.get("built"):
            for leftover in db.parent.glob(db.name + "*"):
                leftover.unlink()
            self.log(f"  building the search index of {count:,} articles (setup, once) …")
            result = self.run_json("index", {"root": str(root), "db": str(db)}, timeout=7200)
            info = {"built": result, "reused": False}
            info_file.write_text(json.dumps({"built": result}))
        else:
            info["reused"] = True
        refresh = self.run_json("index", {"root": str(root), "db": str(db)}, timeout=7200)
        info["refresh"] = refresh
        info["db"] = str(db)
        info["db_bytes"] = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
        return info

    def run_size(self, count: int) -> dict:
        import libgen  # type: ignore[import-not-found]

        mixed = getattr(self.args, "mixed", False)
        root, meta = libgen.ensure_library(self.base, count, log=self.log, mixed=mixed)
        runs = self.args.runs or (3 if count >= 100_000 else 5)
        result: dict = {"count": count, "root": str(root), "meta": meta, "runs": []}
        queries = [
            q.format(place=meta["places"][0].lower(), feed=meta["feeds"][0]) for q, _ in QUERIES
        ]
        result["queries"] = queries
        search = not self.args.no_search and self.search_available()
        result["search"] = search
        if search:
            result["index"] = self.ensure_index(root, count)
        cfg = {"root": str(root), "count": count, "long_pages": meta["long_pages"]}
        for run in range(runs):
            self.log(f"  {count:,}: run {run + 1}/{runs}")
            entry: dict = {"baseline": self.baseline(root)}
            self.reset(cache=True)
            entry["cold"] = self.run_json("cold", dict(cfg, interact=False))
            self.reset(cache=False)
            warm_cfg = dict(cfg, interact=True)
            if search:
                warm_cfg["queries"] = queries
                self.install_index(root, result["index"]["db"])
            entry["warm"] = self.run_json("warm", warm_cfg)
            # The same warm start for a long-time user: every article read, 2% starred.
            self.install_state(root)
            entry["warm_marked"] = self.run_json("warm", dict(cfg, interact=False))
            self.reset(cache=False)
            if search:
                entry["search"] = self.run_json(
                    "search", {"db": result["index"]["db"], "queries": queries}
                )
            for key in ("cold", "warm"):
                for error in entry[key]["errors"]:
                    self.log(f"  {key} run error: {error}")
            result["runs"].append(entry)
        if self.args.profile:
            warm_cfg = dict(cfg, interact=True)
            if search:
                warm_cfg["queries"] = queries

            def install() -> None:
                if search:
                    self.install_index(root, result["index"]["db"])

            try:
                result["profile"] = self.profile(dict(cfg, interact=False), warm_cfg, install)
            except (RuntimeError, OSError) as error:
                result["profile"] = {"error": str(error)[-3000:]}
        return result

    def profile(self, cfg: dict, warm_cfg: dict, install) -> dict:  # type: ignore[no-untyped-def]
        """py-spy over cold and warm runs (all threads), and cProfile of the UI thread per phase."""
        import shutil
        import tempfile

        spy = shutil.which("py-spy") or os.path.join(os.path.dirname(sys.executable), "py-spy")
        report: dict = {}
        for mode in ("cold", "warm"):
            if not os.path.exists(spy):
                report["error"] = "py-spy not found (pip install py-spy)"
                break
            self.reset(cache=mode == "cold")
            if mode == "warm":
                install()
            raw = self.tmp / f"profile-{mode}-{cfg['count']}.txt"
            prefix = [
                spy,
                "record",
                "--threads",
                "--nonblocking",
                "-r",
                "200",
                "-f",
                "raw",
                "-o",
                str(raw),
                "--",
            ]
            self.run_json(mode, warm_cfg if mode == "warm" else cfg, prefix=prefix)
            keep = self.base / raw.name
            shutil.copy(raw, keep)
            report[f"py-spy {mode}"] = dict(summarise_profile(raw.read_text()), raw=str(keep))
        self.reset(cache=False)
        install()
        folder = tempfile.mkdtemp(prefix=f"cprofile-{cfg['count']}-", dir=self.base)
        self.run_json("warm", dict(warm_cfg, cprofile=folder))
        report["cprofile"] = {"dir": folder, "phases": summarise_cprofile(folder)}
        return report


def summarise_cprofile(folder: str, top: int = 16) -> dict:
    """Top functions by own time and by cumulative time for each phase's .prof file."""
    import pstats

    phases = {}
    for name in ("start", "open", "keys", "app_search"):
        path = os.path.join(folder, f"{name}.prof")
        if not os.path.exists(path):
            continue
        stats = pstats.Stats(path)
        rows = []
        for (file, line, func), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
            where = "/".join(file.split("/")[-2:])
            rows.append((f"{func} ({where}:{line})", calls, tottime, cumtime))
        total = stats.total_tt  # type: ignore[attr-defined]
        plumbing = ("asyncio/", "threading.py", "_callback.py", "bench/scale.py", "events.py")
        phases[name] = {
            "total": total,
            "self": sorted(rows, key=lambda r: -r[2])[:top],
            "cum": [
                r for r in sorted(rows, key=lambda r: -r[3]) if not any(p in r[0] for p in plumbing)
            ][: top * 2],
        }
    return phases


# Leaf frames where a thread waits (py-spy's idle detection misses some C-level waits).
WAITS = (
    "_worker (futures/thread.py)",
    "watch (watchfiles/main.py)",
    "EpollSelector.select (",
    "Condition.wait (",
    "Event.wait (",
    "Thread.join (",
    "Queue.get (",
)


# Frames every stack of a thread goes through: left out of the inclusive listing.
PLUMBING = (
    "(asyncio/events.py)",
    "(asyncio/base_events.py)",
    "(asyncio/runners.py)",
    "(python3.11/threading.py)",
    "(textual/_callback.py)",
    "(futures/thread.py)",
    "(bench/scale.py)",
    "(textual/worker.py)",
    "(textual/timer.py)",
)


def summarise_profile(raw: str, top: int = 14) -> dict:
    """Self and inclusive samples per function and per thread, from `py-spy -f raw --threads`.

    Samples whose leaf is a wait (see WAITS) are counted as waiting, not as work.
    """
    threads: dict[str, dict] = {}
    for line in raw.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        name = frames[0].partition(": ")[2] if frames[0].startswith("thread (") else ""
        frames = frames[1:] if frames[0].startswith("thread (") else frames
        if any("load_library" in f for f in frames):
            kind = "scan worker (load_library)"
        elif any("load_article" in f for f in frames):
            kind = "article worker (load_article)"
        elif any("index_bodies" in f for f in frames):
            kind = "filter indexer (index_bodies)"
        elif name == "MainThread":
            kind = "main thread (event loop)"
        else:
            kind = f"thread {name.rstrip('0123456789_') or '?'}"
        data = threads.setdefault(kind, {"total": 0, "waiting": 0, "self": {}, "incl": {}})
        leaf = _short(frames[-1]) if frames else "?"
        if any(leaf.startswith(w) for w in WAITS):
            data["waiting"] += count
            continue
        data["total"] += count
        data["self"][leaf] = data["self"].get(leaf, 0) + count
        for func in {_short(f) for f in frames}:
            data["incl"][func] = data["incl"].get(func, 0) + count
    summary = {}
    for kind, data in sorted(threads.items(), key=lambda kv: -kv[1]["total"]):
        if not data["total"]:
            continue
        summary[kind] = {
            "samples": data["total"],
            "waiting": data["waiting"],
            "self": sorted(data["self"].items(), key=lambda kv: -kv[1])[:top],
            "incl": sorted(
                ((f, n) for f, n in data["incl"].items() if not f.endswith(PLUMBING)),
                key=lambda kv: -kv[1],
            )[: top * 2],
        }
    return summary


def _short(frame: str) -> str:
    """'func (path/to/module.py:123)' -> 'func (module.py)'."""
    name, _, where = frame.partition(" (")
    where = where.rstrip(")").rsplit(":", 1)[0]
    parts = where.split("/")
    module = "/".join(parts[-2:]) if len(parts) > 1 else where
    return f"{name} ({module})"


# -- the report ----------------------------------------------------------------------------


def _fmt_ms(seconds: float) -> str:
    ms = seconds * 1000
    if ms != ms:  # nan
        return "–"
    return f"{ms:,.0f}" if ms >= 100 else f"{ms:,.1f}" if ms >= 10 else f"{ms:.2f}"


class Table:
    def __init__(self) -> None:
        self.rows: list[list[str]] = []

    def add(
        self,
        label: str,
        values: list[float],
        baselines: list[float] | None = None,
        target: str = "",
        verdict: bool | None = None,
        unit: str = "ms",
    ) -> None:
        import statistics

        values = [v for v in values if v == v]
        if not values:
            self.rows.append([label, "–", "–", "–", "", target, "n/a" if target else ""])
            return
        med = statistics.median(values)
        fmt = {"ms": _fmt_ms, "cores": lambda v: f"{v:.2f}"}.get(unit, lambda v: f"{v:,.0f}")
        ratio = ""
        if baselines:
            ratios = [v / b for v, b in zip(values, baselines, strict=False) if b]
            if ratios:
                r = statistics.median(ratios)
                ratio = f"{r:.2f}×" if r >= 0.01 else f"{r:.4f}×"
        result = "" if verdict is None else ("PASS" if verdict else "MISS")
        self.rows.append(
            [label, fmt(med), fmt(min(values)), fmt(max(values)), ratio, target, result]
        )

    def note(self, text: str) -> None:
        self.rows.append([text])

    def render(self) -> str:
        head = ["measure", "median", "min", "max", "×baseline", "target (100k)", "result"]
        widths = [max(len(r[i]) for r in [head, *self.rows] if len(r) > 1) for i in range(7)]
        lines = []

        def fmt(row: list[str]) -> str:
            cells = [row[0].ljust(widths[0])]
            cells += [row[i].rjust(widths[i]) for i in range(1, 5)]
            cells += [row[5].ljust(widths[5]), row[6]]
            return "  ".join(cells).rstrip()

        lines.append(fmt(head))
        lines.append("  ".join("-" * w for w in widths))
        for row in self.rows:
            lines.append(fmt(row) if len(row) > 1 else row[0])
        return "\n".join(lines)


def report(result: dict) -> str:
    import statistics

    runs = result["runs"]
    count = result["count"]
    meta = result["meta"]
    table = Table()
    base = [r["baseline"]["total"] for r in runs]

    def col(kind: str, key: str) -> list[float]:
        return [r[kind].get(key, float("nan")) for r in runs]

    def med(values: list[float]) -> float:
        values = [v for v in values if v == v]
        return statistics.median(values) if values else float("nan")

    loads = [
        r[k].get("other_load", float("nan")) for r in runs for k in ("cold", "warm", "warm_marked")
    ]
    table.add("other processes' CPU during app runs (cores)", loads, unit="cores")
    table.add("baseline: os.walk + first line of each file", base, base)
    table.add(
        "  of which interpreter start (spawn → script)", [r["baseline"]["start"] for r in runs]
    )
    cold_first = col("cold", "first_rows")
    table.add("cold: first frame ('Loading…')", col("cold", "first_frame"), base)
    table.add("cold: imports done (reader.cli + app)", col("cold", "imports"), base)
    table.add("cold: first rows reach the UI thread", col("cold", "first_rows_set"), base)
    table.add(
        "cold: first screen showing rows",
        cold_first,
        base,
        "≤ 1.0 s",
        med(cold_first) <= 1.0,
    )
    cold_done = col("cold", "complete")
    ratio_cold = med([c / b for c, b in zip(cold_done, base, strict=True)])
    table.add("cold: complete list painted", cold_done, base, "≤ 1.5× baseline", ratio_cold <= 1.5)
    warm_first = col("warm", "first_rows")
    table.add("warm: first screen showing rows", warm_first, base, "≤ 1.0 s", med(warm_first) <= 1)
    warm_done = col("warm", "complete")
    ratio_warm = med([c / b for c, b in zip(warm_done, base, strict=True)])
    table.add("warm: complete list painted", warm_done, base, "≤ 0.5× baseline", ratio_warm <= 0.5)
    table.add("  warm: the scan's check of the cached rows applied", col("warm", "checked"), base)
    marked_done = col("warm_marked", "complete")
    ratios = [m / w for m, w in zip(marked_done, warm_done, strict=True)]
    ratio_marked = med(ratios)
    table.add(
        f"warm, every article read + 2% starred: complete list ({ratio_marked:.2f}× empty "
        f"state, {min(ratios):.2f}–{max(ratios):.2f})",
        marked_done,
        base,
        "≤ 1.1× empty state",
        ratio_marked <= 1.1,
    )
    if all("state_load" in r["warm_marked"] for r in runs):
        table.add(
            "  of which loading the marks (StateStore.load)", col("warm_marked", "state_load")
        )

    # Keys: per-run p50/p95 of total; plus the dispatch/update split of p95.
    for key in ("j", "G", "g", "n"):
        per_run = [r["warm"].get("keys", {}).get(key, []) for r in runs]
        p50 = [percentile([s[0] for s in samples], 50) for samples in per_run]
        p95 = [percentile([s[0] for s in samples], 95) for samples in per_run]
        n = sum(len(s) for s in per_run)
        if key == "g":
            table.add(f"key g p95 ({n} presses, no target in the issue)", p95, base)
            continue
        table.add(f"key {key} p50 ({n} presses)", p50, base)
        table.add(f"key {key} p95", p95, base, "≤ 16 ms", med(p95) <= 0.016)
        gcs = [max([s[3] for s in samples if len(s) > 3], default=0.0) for samples in per_run]
        table.add(f"  key {key}: longest full GC inside one press", gcs)
        disp = [percentile([s[1] for s in samples], 95) for samples in per_run]
        upd = [percentile([s[2] for s in samples], 95) for samples in per_run]
        table.add(f"  key {key} p95 of dispatch (key → update starts)", disp)
        table.add(f"  key {key} p95 of update (layout, paint, encode)", upd)

    for words, target in (("1000", 0.050), ("5000", 0.150)):
        label = f"{int(words):,}"
        pieces = [r["warm"].get("opens", {}).get(words, {}) for r in runs]
        got_words = [o["words"] for p in pieces for o in p.get("later", [])]
        wtxt = f"~{int(statistics.median(got_words)):,} words" if got_words else ""
        for phase, name in (("later", "open"), ("first_in_feed", "open, first in its feed")):
            samples = [[o["total"] for o in p.get(phase, [])] for p in pieces]
            n = sum(len(s) for s in samples)
            p50 = [percentile(s, 50) for s in samples]
            p95 = [percentile(s, 95) for s in samples]
            table.add(f"{name} {label}-word page p50 ({n}, {wtxt})", p50, base)
            table.add(
                f"{name} {label}-word page p95",
                p95,
                base,
                f"≤ {target * 1000:.0f} ms",
                med(p95) <= target,
            )
            for part in ("worker", "show", "frame", "gc"):
                parts = [
                    percentile([o.get(part, 0.0) for o in p.get(phase, [])], 95) for p in pieces
                ]
                what = {
                    "worker": "worker: read + evidence + clean",
                    "show": "pane.show: blocks → Content",
                    "frame": "frame: layout + paint",
                    "gc": "full GC pauses inside the open",
                }[part]
                table.add(f"  p95 of {what}", parts)

    if result.get("search"):
        index = result["index"]
        built = index["built"]
        table.note(
            f"search index: built in {built['index']:.1f} s for {built['indexed']:,} articles "
            f"({built['indexed'] / max(built['index'], 1e-9):,.0f}/s"
            + (f", {built['cpu']:.0f} CPU-s in all processes" if "cpu" in built else "")
            + f"{', built by an earlier invocation' if index.get('reused') else ''}); "
            f"refresh before the runs: {index['refresh']['indexed']:,} re-indexed in "
            f"{index['refresh']['index']:.2f} s; "
            f"{index['db_bytes'] / 2**20:,.0f} MiB on disk"
            + (
                f", {index['db_bytes'] / result['meta']['bytes']:.2f}x the library's files"
                if result.get("meta", {}).get("bytes")
                else ""
            )
        )
        all_p95 = []
        searches = [r["search"] for r in runs]
        table.add("search: first query of a process", [s["first_search"] for s in searches], base)
        for text, (_, label) in zip(result["queries"], QUERIES, strict=True):
            per_run = [s["queries"][text]["samples"] for s in searches]
            hits = searches[-1]["queries"][text]["hits"]
            p95 = [percentile(x, 95) for x in per_run]
            all_p95.append(p95)
            table.add(f"  search {text!r} p95 ({label}, {hits:,} hits)", p95, base)
        pooled = [
            percentile([v for text in result["queries"] for v in s["queries"][text]["samples"]], 95)
            for s in searches
        ]
        table.add("search p95, all queries pooled", pooled, base, "≤ 50 ms", med(pooled) <= 0.05)
        app_runs = [r["warm"].get("app_search") for r in runs]
        if all(app_runs):
            ready = all(r["warm"].get("index_ready") for r in runs)
            waits = [r["warm"].get("indexer_wait", float("nan")) for r in runs]
            table.add("app: wait for the startup indexer check (warm, index present)", waits)

            def pooled_app(part: str, clear: bool) -> list[float]:
                return [
                    percentile(
                        [x[part] for t, xs in a.items() if (t == "") == clear for x in xs], 95
                    )
                    for a in app_runs
                ]

            n = sum(len(xs) for t, xs in app_runs[0].items() if t)
            label = "app search p95: query → list shows hits" + ("" if ready else " (NO INDEX)")
            table.add(
                f"{label} ({n}/run)",
                pooled_app("total", False),
                base,
                "≤ 50 ms",
                med(pooled_app("total", False)) <= 0.05,
            )
            table.add(
                "  p95 of worker: parse + by_path + index.search", pooled_app("worker", False)
            )
            table.add(
                "  p95 of show_search: filter rows + set_rows + counts", pooled_app("apply", False)
            )
            table.add("  p95 of frame", pooled_app("frame", False))
            table.add("  p95 of full GC pauses inside", pooled_app("gc", False))
            table.add(
                "app search p95: clear the search (whole list back)",
                pooled_app("total", True),
                base,
            )
    else:
        table.note("search: reader.core.search not available (or --no-search): skipped")

    for kind in ("cold", "warm"):
        until = [r[kind].get("complete", 0) for r in runs]
        full = [
            sum(d for t, d in r[kind].get("gc_full", []) if t <= c)
            for r, c in zip(runs, until, strict=True)
        ]
        counts = [
            sum(1 for t, _ in r[kind].get("gc_full", []) if t <= c)
            for r, c in zip(runs, until, strict=True)
        ]
        table.add(f"{kind}: full GC time before the list is complete", full)
        table.add(f"{kind}: full GC count before the list is complete", counts, unit="n")
    mb = 1024 / 1e6  # ru_maxrss is in KiB
    rss_cold = [r["cold"]["rss_kb"] * mb for r in runs]
    rss_warm = [r["warm"]["rss_kb"] * mb for r in runs]
    both = [max(a, b) for a, b in zip(rss_cold, rss_warm, strict=True)]
    table.add("peak RSS (MB), cold start", rss_cold, unit="MB")
    table.add("peak RSS (MB), warm start + opens + keys", rss_warm, unit="MB")
    table.add(
        "peak RSS (MB), the larger", both, target="≤ 250 MB", verdict=med(both) <= 250, unit="MB"
    )
    if result.get("search"):
        search_rss = [r["search"]["rss_kb"] * mb for r in runs]
        table.add("  (search process, MB)", search_rss, unit="MB")

    header = (
        f"== {count:,} articles · {len(meta['feeds'])} feeds · "
        f"{meta['bytes'] / count / 1024:.1f} KiB/page · {len(runs)} runs · "
        f"terminal {SIZE[0]}×{SIZE[1]} headless =="
    )
    errors = [e for r in runs for k in ("cold", "warm", "warm_marked") for e in r[k]["errors"]]
    tail = f"\n!! {len(errors)} error(s) in driver runs (see stderr)" if errors else ""
    return header + "\n" + table.render() + tail


def report_profile(result: dict) -> str:
    lines = []
    count = result["count"]
    for key, threads in result.get("profile", {}).items():
        if key == "error":
            lines.append(f"profile: {threads}")
        elif key.startswith("py-spy"):
            lines.append(f"-- {key} run, {count:,} articles, all threads ({threads['raw']}) --")
            for kind, data in threads.items():
                if kind == "raw":
                    continue
                lines.append(
                    f"  [{kind}] {data['samples']} busy samples at 200/s "
                    f"({data['waiting']} waiting not counted); top self:"
                )
                lines += [f"     {n:6d}  {name}" for name, n in data["self"]]
                lines.append("   top inclusive:")
                lines += [f"     {n:6d}  {name}" for name, n in data["incl"]]
        elif key == "cprofile":
            for phase, data in threads["phases"].items():
                lines.append(
                    f"-- cProfile of the UI thread, warm run, phase '{phase}', {count:,} articles: "
                    f"{data['total']:.2f} s profiled ({threads['dir']}/{phase}.prof) --"
                )
                lines.append("   own time (s)   calls  function")
                lines += [f"     {t:8.3f} {c:8d}  {f}" for f, c, t, _ in data["self"]]
                lines.append("   cumulative (s)  calls  function")
                lines += [f"     {cum:8.3f} {c:8d}  {f}" for f, c, _, cum in data["cum"]]
    return "\n".join(lines)


def describe_tree(repo) -> str:  # type: ignore[no-untyped-def]
    """The commit measured, and how many files of the working tree differ from it."""
    import subprocess

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=20
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    head = git("rev-parse", "--short", "HEAD") or "unknown commit"
    changed = [line for line in git("status", "--porcelain", "--", "reader").splitlines() if line]
    dirty = f" + {len(changed)} uncommitted file(s) under reader/" if changed else ""
    return f"tree {head}{dirty}"


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json
    import shutil

    parser = argparse.ArgumentParser(
        description="Scale benchmark of the reader app (see the module docstring)."
    )
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated counts")
    parser.add_argument("--runs", type=int, default=0, help="runs per size (default 5; 3 at 100k)")
    parser.add_argument("--keep", default=DEFAULT_BASE, help="folder for generated libraries")
    parser.add_argument("--no-search", action="store_true", help="skip the search benchmark")
    parser.add_argument("--profile", action="store_true", help="also profile with py-spy")
    parser.add_argument("--json", help="write all raw results to this file")
    parser.add_argument(
        "--mixed",
        action="store_true",
        help="a mixed library: text, Markdown, HTML and RSS files (libgen.py --mixed)",
    )
    parser.add_argument(
        "--terminal",
        action="store_true",
        help="run the real `reader` in tmux and time it from the screen (bench/terminal.py)",
    )
    parser.add_argument(
        "--tree",
        help="with --terminal: run the `reader` package found in this folder instead "
        "(python -m reader, PYTHONPATH=TREE), e.g. an older commit's `git archive`",
    )
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="run everything (the baseline loop and the app too) at this niceness: "
        "a negative one (root) shields the figures from other processes on a shared machine",
    )
    parser.add_argument(
        "--cold-runs",
        type=int,
        help="with --terminal: how many of the runs also start cold (default: all; with "
        "0 the first 'warm' start scans a cold library): warm figures in less time",
    )
    parser.add_argument(
        "--starts-only",
        action="store_true",
        help="with --terminal: time the starts only (no keys, opens or searches)",
    )
    parser.add_argument(
        "--searches-only",
        action="store_true",
        help="with --terminal: of the interactions, time the searches only (no keys or opens)",
    )
    parser.add_argument(
        "--no-searches",
        action="store_true",
        help="with --terminal: of the interactions, time the keys and the opens only (the "
        "search index is still installed, so that no indexer runs meanwhile)",
    )
    parser.add_argument(
        "--marked",
        action="store_true",
        help="with --terminal: start with a long-time user's state file (every article "
        "read, 2%% starred, as the headless bench's warm_marked) instead of none",
    )
    parser.add_argument(
        "--poll",
        action="store_true",
        help="with --terminal: read the screen in a loop rather than when output arrives",
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.nice:
        os.nice(args.nice)  # inherited by every process the benchmark starts
    bench = Bench(args)
    results = []
    tree = f"--tree {args.tree}" if args.terminal and args.tree else describe_tree(bench.repo)
    nice = f" · niceness {os.nice(0)}" if args.nice else ""
    print(f"reader scale benchmark · {tree} · python {sys.version.split()[0]}{nice}")
    try:
        for count in sizes:
            if args.terminal:
                import terminal  # type: ignore[import-not-found]

                result = terminal.TerminalBench(bench, poll=args.poll, tree=args.tree).run_size(
                    count
                )
                results.append(result)
                print(terminal.report(result), flush=True)
                if args.json:
                    with open(args.json, "w") as handle:
                        json.dump(results, handle, indent=1)
                continue
            result = bench.run_size(count)
            results.append(result)
            print(report(result), flush=True)
            if result.get("profile"):
                print(report_profile(result), flush=True)
            print(flush=True)
            if args.json:
                with open(args.json, "w") as handle:
                    json.dump(results, handle, indent=1)
    finally:
        if args.terminal:
            import terminal  # type: ignore[import-not-found]

            terminal.kill_server()
        shutil.rmtree(bench.tmp, ignore_errors=True)
    print(TARGETS_NOTE)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--driver":
        sys.exit(driver_main(sys.argv[2:]))
    sys.exit(main())
