"""Opening an entry of a big feed file: the listing, then the first opens.

    python bench/bigfeed.py [--entries N] [--runs N] [--no-app]

Writes (once, in /tmp/reader-bigfeed/N) a library of two feed files of N entries
each, bodies included (an RSS 2.0 file and an Atom file, ~1.5 KB a body: ~30 MB
each at 20,000), then, in a fresh process per run and with empty caches:

* listing: each file read as a cold scan reads it (`library.read_rows`), CPU and wall;
* in-process, in a new process after the listing (what an app that did not list
  the file itself does): the first `read_entry` of the top, middle and last rows of
  each file, then the first `ReadingService.open` (the feed evidence samples 24
  other entries of the file) and the opens after it, wall and CPU (a shared
  machine's load stretches the wall times);
* in the app (`App.run_test`, headless, 120x40, cold start): from `open_article` to
  the pane showing the entry, for the top, middle and last rows of each feed (the
  first of a feed samples its evidence).

Figures are medians over the runs (min-max). To compare with another tree, run the
same command with PYTHONPATH pointing at that tree's checkout.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

WORDS = [
    *("harbour", "ferry", "storm", "council", "market", "bridge", "lighthouse", "fog"),
    *("quay", "tide", "river", "mayor", "school", "train", "timetable", "crossing"),
    *("fishermen", "weather", "season", "repairs", "vote", "budget"),
]


def _body(rng: random.Random) -> str:
    return "".join(
        "<p>" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 60))) + ".</p>"
        for _ in range(4)
    )


def _when(rng: random.Random) -> dt.datetime:
    return dt.datetime(2020, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=rng.randint(0, 50_000))


def write_rss(path: Path, entries: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        "<title>Big Harbour</title><link>https://big.example/</link>\n"
    ]
    for i in range(entries):
        stamp = _when(rng).strftime("%a, %d %b %Y %H:%M:%S +0000")
        parts.append(
            f"<item><title>Story {i} of the harbour</title><link>https://big.example/{i}</link>"
            f"<guid>https://big.example/g/{i}</guid><pubDate>{stamp}</pubDate>"
            f"<category>Port</category><description>{escape(_body(rng))}</description></item>\n"
        )
    parts.append("</channel></rss>\n")
    path.write_text("".join(parts), encoding="utf-8")


def write_atom(path: Path, entries: int, seed: int = 2) -> None:
    rng = random.Random(seed)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        '<title>Big Atom</title><link href="https://atom.example/"/><id>urn:big</id>'
        "<updated>2025-01-01T00:00:00Z</updated>\n"
    ]
    for i in range(entries):
        stamp = _when(rng).strftime("%Y-%m-%dT%H:%M:%SZ")
        parts.append(
            f'<entry><title>Atom story {i}</title><link href="https://atom.example/{i}"/>'
            f"<id>urn:atom:{i}</id><updated>{stamp}</updated><author><name>Ann</name></author>"
            f'<content type="html">{escape(_body(rng))}</content></entry>\n'
        )
    parts.append("</feed>\n")
    path.write_text("".join(parts), encoding="utf-8")


def ensure_library(entries: int) -> Path:
    root = Path("/tmp/reader-bigfeed") / str(entries)
    files = (root / "big-rss" / "big.rss", root / "big-atom" / "big.atom")
    if not all(f.exists() for f in files):
        for f, write in zip(files, (write_rss, write_atom), strict=True):
            f.parent.mkdir(parents=True, exist_ok=True)
            write(f, entries)
        # A small feed of text articles, opened first in the app (the imports of an open).
        (root / "small").mkdir(exist_ok=True)
        for i in range(3):
            body = " ".join(random.Random(i).choice(WORDS) for _ in range(200))
            text = f"date 2025-01-0{i + 1} A small article {i}\n\n{body}.\n"
            (root / "small" / f"note-{i}.txt").write_text(text, encoding="utf-8")
    return root


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def child(root: Path, app: bool) -> dict[str, object]:
    """One run, in a fresh process whose XDG folders are empty."""
    from reader.core.library import Candidate, read_rows

    out: dict[str, object] = {}
    rows_of: dict[str, list[tuple[object, ...]]] = {}
    for path in sorted(root.glob("big-*/*")):
        path.read_bytes()  # in the page cache
        rows: list[tuple[object, ...]] = []
        cpu, wall = time.process_time(), time.perf_counter()
        read_rows(Candidate(str(path), path.parent.name, -1, -1, False), rows)  # type: ignore[arg-type]
        out[f"list {path.suffix}"] = (
            _ms(time.process_time() - cpu),
            _ms(time.perf_counter() - wall),
        )
        rows_of[str(path)] = rows
    # The opens in a new process: the listing's is gone with its memory.
    script = (
        "import json, sys, time\n"
        "from reader.core.formats import read_entry\n"
        "from reader.core.models import Article\n"
        "from reader.core.reading import ReadingService\n"
        "t = time.perf_counter()\n"
        "import feedparser, lxml.etree, reader.core.clean\n"
        "imports = round((time.perf_counter() - t) * 1000, 1)\n"
        "data = json.load(sys.stdin)\n"
        "out = {'imports (feedparser, lxml, the cleaner)': imports}\n"
        "def articles(rows):\n"
        "    arts = [Article.from_row((*r[:10], tuple(r[10]), *r[11:])) for r in rows]\n"
        "    return sorted(arts, key=lambda a: a.order)\n"
        "everything = [a for rows in data.values() for a in articles(rows)]\n"
        "for path, rows in data.items():\n"
        "    arts = articles(rows)\n"
        "    suffix = path.rsplit('.', 1)[1]\n"
        "    times, cpus = [], []\n"
        "    for a in (arts[0], arts[len(arts) // 2], arts[-1]):\n"
        "        t, c = time.perf_counter(), time.process_time()\n"
        "        page = read_entry(a.path, a.entry)\n"
        "        times.append(round((time.perf_counter() - t) * 1000, 1))\n"
        "        cpus.append(round((time.process_time() - c) * 1000, 1))\n"
        "        assert page.title == a.title\n"
        "    out['read_entry .' + suffix] = times\n"
        "    out['read_entry CPU .' + suffix] = cpus\n"
        "service = ReadingService(articles=everything)\n"
        "for path, rows in data.items():\n"
        "    arts = articles(rows)\n"
        "    suffix = path.rsplit('.', 1)[1]\n"
        "    times, cpus = [], []\n"
        "    for a in (arts[1], arts[len(arts) // 3], arts[-2]):\n"
        "        t, c = time.perf_counter(), time.process_time()\n"
        "        service.open(a)\n"
        "        times.append(round((time.perf_counter() - t) * 1000, 1))\n"
        "        cpus.append(round((time.process_time() - c) * 1000, 1))\n"
        "    out['service.open .' + suffix] = times\n"
        "    out['service.open CPU .' + suffix] = cpus\n"
        "print(json.dumps(out))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(rows_of),
        capture_output=True,
        text=True,
        check=True,
    )
    out.update(json.loads(done.stdout))
    if app:
        count = sum(map(len, rows_of.values())) + len(list(root.glob("small/*")))
        out.update(asyncio.run(_app_opens(root, count)))
    return out


async def _app_opens(root: Path, count: int) -> dict[str, object]:
    from reader.core.state import StateStore
    from reader.ui.app import ReaderApp

    state = Path(tempfile.mkdtemp()) / "state.json"
    store = StateStore(state)
    app = ReaderApp([root], store, startup_messages=store.load())
    app.flow.read_after = 600
    out: dict[str, object] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        start = time.perf_counter()
        while not (app.loaded and len(app.article_list.rows) == count):
            await pilot.pause(0.05)
            if time.perf_counter() - start > 300:
                raise SystemExit("the library did not load")
        out["app: listed"] = _ms(time.perf_counter() - start)
        await app.workers.wait_for_complete()
        for feed in ("small", "big-rss", "big-atom"):
            arts = [a for a in app.articles if a.feed == feed]
            times = []
            for article in (arts[0], arts[len(arts) // 2], arts[-1]):
                await pilot.pause(0.2)
                t0 = time.perf_counter()
                app.open_article(article)
                while not (
                    app.pane.reading is not None and app.pane.reading.article.key == article.key
                ):
                    await asyncio.sleep(0.001)
                times.append(_ms(time.perf_counter() - t0))
            out[f"app: open {feed}"] = times
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-app", action="store_true")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, not args.no_app)))
        return
    root = ensure_library(args.entries)
    sizes = ", ".join(
        f"{f.name} {f.stat().st_size / 2**20:.1f} MB" for f in sorted(root.glob("*/*"))
    )
    print(f"{root}: {sizes}; load {os.getloadavg()[0]:.1f}")
    results = []
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as xdg:
            env = dict(os.environ)
            for name in ("DATA", "CACHE", "CONFIG", "STATE"):
                env[f"XDG_{name}_HOME"] = os.path.join(xdg, name.lower())
            argv = [sys.executable, __file__, "--child", str(root)]
            if args.no_app:
                argv.append("--no-app")
            done = subprocess.run(argv, env=env, capture_output=True, text=True)
            if done.returncode:
                raise SystemExit(done.stderr)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(f"run {run + 1}: load {os.getloadavg()[0]:.1f}", file=sys.stderr)
    print(f"{'ms (median of ' + str(args.runs) + ' runs, min-max)':44}")
    for key in results[0]:
        values = [r[key] for r in results]
        if isinstance(values[0], list):  # several figures each (cpu, wall) or (top, middle, end)
            cells = []
            for i in range(len(values[0])):
                column = [v[i] for v in values]
                cells.append(
                    f"{statistics.median(column):.1f} ({min(column):.1f}-{max(column):.1f})"
                )
            print(f"{key:32} " + " / ".join(cells))
        else:
            print(f"{key:32} {statistics.median(values):.1f} ({min(values):.1f}-{max(values):.1f})")


if __name__ == "__main__":
    main()
