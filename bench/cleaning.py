"""Benchmark the boilerplate cleaner on the scored corpora of scraped pages.

Runs `reader.core.clean.clean_text` over every `NAME.txt` of each corpus split
folder and scores the body against `NAME.truth.txt` with the corpora's own
`score.py` (imported from the corpora folder at run time, so the metric is exactly
the one the project is judged by; failing that, from the parent of a --corpus path).

    python bench/cleaning.py [--corpora DIR] [--corpus NAME_OR_PATH ...]
                             [--split all|a|b] [--worst N] [--cold] [--repeat N] [--cpu]

--corpora DIR    folder holding score.py and the split folders; default
                 `../shared/corpus` next to the repository, wherever it is cloned.
--corpus X       a split to benchmark, repeatable: a plain name is a folder of
                 --corpora (`dev2`), anything else a path (`./x/dev`). Default:
                 each of dev, dev2, dev3 that exists, reported separately.
--split a|b      keep only the pages whose name hashes to that half, to check
                 that tuning on one half generalises to the other.
--worst N        list the N worst pages by F1 of each corpus, with P/R/F1.
--cold           forget the cleaner's per-line cache before each page (as for the
                 first page of a site); by default pages are cleaned one after the
                 other in one process, as the app and the indexer clean a feed's.
--repeat N       with --cold: clean each page N times and keep its fastest time
                 (scores come from the first run).
--cpu            time with the thread's CPU time (time.thread_time) instead of the
                 wall clock: on a shared machine, time spent waiting for a core is
                 left out (it is not the cleaner's), so figures move less with load.
--html [MODE]    clean each page's original NAME.html instead of its text dump, as
                 the reader opens an HTML page (read, convert, hint, clean; timed
                 whole): MODE `clean` (the default) or `flat`, the baseline that
                 flattens the page to lines and runs the text cleaner unchanged.
                 Scored on the text shown (Markdown rendered, link targets left out).

A first line says which cleaner was measured: `compiled (mypyc)` from an install of
the standard wheel (`pip install .`), `pure Python` from an editable one (see
reader/core/compiled.py). Then one row per corpus, then `ALL` pooling every page
benchmarked (means over pages, not over corpora):

    docs     pages scored
    P R F1   mean token precision / recall / F1 per page (score.token_prf)
    acc      share of pages with F1 >= 0.9
    R<.5     pages that keep less than half their article (recall < 0.5)
    ms med   median ms per page inside clean_text (time.perf_counter, in-process;
             with --cpu, time.thread_time)
    ms mean  mean ms per page inside clean_text
    base     median ms per page of a baseline timed in the same loop: reading the
             page's words (its lines, casefolded, split into \\w+ tokens)
    x base   median over pages of cleaner time / baseline time: steadier than ms
             on a shared machine whose speed changes from minute to minute

Exit status 2, with a one-line message on stderr, when a corpus folder (or score.py)
is missing or a corpus has no page to score.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from reader.core.clean import clean_text, split_text_blocks
from reader.core.clean_signals import WORD_RE, forget_lines
from reader.core.compiled import cleaner_build

DEFAULT_CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
DEFAULT_SPLITS = ("dev", "dev2", "dev3")
LOW_RECALL = 0.5
# The timer of every figure: the wall clock, or the thread's CPU time (--cpu).
clock = time.perf_counter

Row = dict[str, Any]


class BenchError(Exception):
    """A setup problem reported as one line on stderr with exit status 2."""


@dataclass
class CorpusRun:
    """Scores and cleaner timings of one corpus split."""

    label: str
    rows: list[Row]
    ms: list[float]
    base: list[float]


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


def load_score_module(corpora: Path, folders: Sequence[Path]) -> ModuleType:
    """Import score.py from the corpora folder (it is not a package), or failing
    that from the parent of the first corpus folder given by path that has one."""
    homes = [corpora, *(f.resolve().parent for f in folders)]
    home = next((h for h in homes if (h / "score.py").is_file()), None)
    if home is None:
        raise BenchError(f"no score.py in corpora folder {corpora}")
    sys.path.insert(0, str(home.resolve()))
    return importlib.import_module("score")


def resolve_corpora(corpora: Path, names: Sequence[str]) -> list[tuple[str, Path]]:
    """(label, folder) of each corpus to benchmark, in order, without repeats."""
    if not names:
        if not corpora.is_dir():
            raise BenchError(f"corpora folder not found: {corpora}")
        found = [(n, corpora / n) for n in DEFAULT_SPLITS if (corpora / n).is_dir()]
        if not found:
            raise BenchError(f"none of {', '.join(DEFAULT_SPLITS)} found in {corpora}")
        return found
    picked: list[tuple[str, Path]] = []
    seen: set[Path] = set()
    for name in names:
        plain = name not in (".", "..") and "/" not in name and "\\" not in name
        folder = corpora / name if plain else Path(name)
        if not folder.is_dir():
            raise BenchError(f"corpus folder not found: {folder}")
        if folder.resolve() in seen:
            continue
        seen.add(folder.resolve())
        picked.append((name if plain else folder.resolve().name, folder))
    return picked


def split_half(name: str) -> str:
    """Stable half ('a' or 'b') of a page, by hash of its name."""
    return "a" if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else "b"


def page_title(header: str) -> str | None:
    """Title from a `date YYYY-MM-DD <title>` header line."""
    parts = header.strip().split(" ", 2)
    return parts[2] if len(parts) == 3 and parts[0] == "date" else None


def baseline(text: str) -> int:
    """The least any cleaner does with a page: read its lines' words."""
    return sum(len(WORD_RE.findall(line.casefold())) for line in split_text_blocks(text))


def clean_page(score: ModuleType, path: str, cold: bool, repeat: int) -> tuple[str, float, float]:
    """(cleaned body of the first run, fastest run in ms, baseline in ms)."""
    header, rest = score.read_article_body(path)
    title = page_title(header)
    body = ""
    best = base = float("inf")
    for i in range(repeat if cold else 1):
        t0 = clock()
        baseline(rest)
        base = min(base, clock() - t0)
        if cold:
            forget_lines()
        t0 = clock()
        result = clean_text(rest, title)
        best = min(best, clock() - t0)
        if i == 0:
            body = "\n".join(result.body)
    return body, 1000 * best, 1000 * base


def clean_html_page(path: str, mode: str) -> tuple[str, float, float]:
    """(shown text of the cleaned NAME.html, ms to read and clean it, 0)."""
    from reader.core.document import markdown_blocks
    from reader.core.formats import read_page
    from reader.core.formats.html import decode_html
    from reader.core.formats.html_blocks import convert
    from reader.core.reading import clean_page as clean_html

    html = path[: -len(".txt")] + ".html"
    t0 = clock()
    if mode == "flat":
        with open(html, "rb") as f:
            blocks = convert(decode_html(f.read()))
        result = clean_text("\n".join(b.text.replace("\n", " ") for b in blocks))
        body = "\n".join(result.body)
    else:
        page = read_page(html)
        result = clean_html(page, page.title)
        body = "\n".join(d.text for b in result.body for d in markdown_blocks(b))
    return body, 1000 * (clock() - t0), 0.0


def run_corpus(
    score: ModuleType,
    label: str,
    folder: Path,
    split: str,
    cold: bool,
    repeat: int,
    html: str | None = None,
) -> CorpusRun:
    """Clean and score every page of one corpus (of one half with `split`)."""
    docs = score.load_corpus(str(folder))
    if split != "all":
        docs = [d for d in docs if split_half(d["name"]) == split]
    if not docs:
        raise BenchError(f"no documents with truth in {folder} (split {split})")
    pred: dict[str, str] = {}
    spent: dict[str, tuple[float, float]] = {}
    if html:
        docs = [d for d in docs if Path(d["path"][: -len(".txt")] + ".html").is_file()]
        if not docs:
            raise BenchError(f"no NAME.html pages in {folder}")
    for doc in docs:
        if html:
            pred[doc["name"]], ms, base = clean_html_page(doc["path"], html)
        else:
            pred[doc["name"]], ms, base = clean_page(score, doc["path"], cold, repeat)
        spent[doc["name"]] = (ms, base)
    rows = [r for r in score.score_texts(pred, str(folder))["per_doc"] if r["name"] in spent]
    return CorpusRun(
        label, rows, [spent[r["name"]][0] for r in rows], [spent[r["name"]][1] for r in rows]
    )


def table_row(
    score: ModuleType, label: str, rows: list[Row], ms: list[float], base: list[float]
) -> str:
    s = score.summarize(rows)
    low = sum(1 for r in rows if r["recall"] < LOW_RECALL)
    ratios = [m / b for m, b in zip(ms, base, strict=True) if b > 0]
    ratio = statistics.median(ratios) if ratios else float("nan")
    return (
        f"{label:<8} {s['docs']:>5} {s['precision']:>6.3f} {s['recall']:>6.3f} "
        f"{s['f1']:>6.3f} {s['accuracy']:>6.3f} {low:>5} "
        f"{statistics.median(ms):>7.2f} {statistics.mean(ms):>8.2f} "
        f"{statistics.median(base):>6.3f} {ratio:>7.1f}"
    )


def report(score: ModuleType, runs: list[CorpusRun]) -> str:
    """Table: one row per corpus, then ALL pooling every page."""
    lines = [
        f"{'corpus':<8} {'docs':>5} {'P':>6} {'R':>6} {'F1':>6} {'acc':>6} {'R<.5':>5} "
        f"{'ms med':>7} {'ms mean':>8} {'base':>6} {'x base':>7}"
    ]
    lines += [table_row(score, run.label, run.rows, run.ms, run.base) for run in runs]
    all_rows = [r for run in runs for r in run.rows]
    all_ms = [m for run in runs for m in run.ms]
    all_base = [b for run in runs for b in run.base]
    lines.append(table_row(score, "ALL", all_rows, all_ms, all_base))
    return "\n".join(lines)


def worst_pages(runs: list[CorpusRun], n: int) -> str:
    """The n lowest-F1 pages of each corpus."""
    lines: list[str] = []
    for run in runs:
        lines.append(f"worst {n} by F1 in {run.label}:")
        for r in sorted(run.rows, key=lambda r: (r["f1"], r["name"]))[:n]:
            lines.append(
                f"  {r['name']}  P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}"
            )
    return "\n".join(lines)


def _origin() -> str:
    """The file the cleaner was loaded from: a `.so` when compiled, else its `.py`."""
    return str(getattr(sys.modules[clean_text.__module__], "__file__", "?"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument(
        "--corpora",
        type=Path,
        default=DEFAULT_CORPORA,
        metavar="DIR",
        help=f"folder with score.py and the splits (default {DEFAULT_CORPORA})",
    )
    ap.add_argument(
        "--corpus",
        action="append",
        default=[],
        metavar="NAME_OR_PATH",
        help="split to benchmark, repeatable (default: each of dev, dev2, dev3 found)",
    )
    ap.add_argument("--split", choices=("all", "a", "b"), default="all")
    ap.add_argument(
        "--worst",
        type=non_negative_int,
        default=0,
        metavar="N",
        help="list the N worst pages per corpus",
    )
    ap.add_argument("--cold", action="store_true", help="forget cached lines before each page")
    ap.add_argument(
        "--repeat",
        type=positive_int,
        default=1,
        metavar="N",
        help="with --cold: clean each page N times, keep min ms",
    )
    ap.add_argument(
        "--html",
        nargs="?",
        const="clean",
        choices=("clean", "flat"),
        help="clean NAME.html instead of the text dump (flat: the baseline)",
    )
    ap.add_argument(
        "--cpu", action="store_true", help="time with the thread's CPU time, not the wall clock"
    )
    args = ap.parse_args(argv)
    global clock
    clock = time.thread_time if args.cpu else time.perf_counter
    try:
        folders = resolve_corpora(args.corpora, args.corpus)
        score = load_score_module(args.corpora, [folder for _, folder in folders])
        runs = [
            run_corpus(score, label, folder, args.split, args.cold, args.repeat, args.html)
            for label, folder in folders
        ]
    except BenchError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"cleaner: {cleaner_build()} ({clean_text.__module__} from {_origin()})")
    print(report(score, runs))
    if args.worst:
        print(worst_pages(runs, args.worst))
    return 0


if __name__ == "__main__":
    sys.exit(main())
