"""Benchmark the boilerplate cleaner on a scored corpus of scraped pages.

Runs `reader.core.clean.clean_text` over every `NAME.txt` of a corpus folder and
scores the body against `NAME.truth.txt` with the corpus's own `score.py` (imported
from the corpus folder's parent at run time, so the metric is exactly the one the
project is judged by). Prints precision, recall, F1, accuracy (share of pages with
F1 >= 0.9) and ms/page, overall and per source (the name prefix before '-').

    python bench/cleaning.py [--corpus DIR] [--worst N] [--split all|a|b]

`--split a|b` keeps only the half of the pages whose name hashes to that half, to
check that tuning on one half generalises to the other.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from reader.core.clean import clean_text

DEFAULT_CORPUS = "/work/shared/corpus/dev"


def load_score_module(corpus: Path) -> ModuleType:
    """Import score.py from the corpus folder's parent (it is not a package)."""
    sys.path.insert(0, str(corpus.resolve().parent))
    import score  # type: ignore[import-not-found]

    return score


def split_half(name: str) -> str:
    """Stable half ('a' or 'b') of a page, by hash of its name."""
    return "a" if hashlib.sha1(name.encode()).digest()[0] % 2 == 0 else "b"


def page_title(header: str) -> str | None:
    """Title from a `date YYYY-MM-DD <title>` header line."""
    parts = header.strip().split(" ", 2)
    return parts[2] if len(parts) == 3 and parts[0] == "date" else None


def clean_corpus(
    score: ModuleType, docs: list[dict[str, Any]]
) -> tuple[dict[str, str], dict[str, float]]:
    """Clean every page; returns ({name: body}, {name: milliseconds in the cleaner})."""
    pred: dict[str, str] = {}
    spent: dict[str, float] = {}
    for doc in docs:
        header, rest = score.read_article_body(doc["path"])
        t0 = time.perf_counter()
        result = clean_text(rest, page_title(header))
        spent[doc["name"]] = 1000 * (time.perf_counter() - t0)
        pred[doc["name"]] = "\n".join(result.body)
    return pred, spent


def source_of(name: str) -> str:
    return name.split("-", 1)[0]


def report(score: ModuleType, rows: list[dict[str, Any]], spent: dict[str, float]) -> str:
    """Table of P/R/F1/accuracy/timing overall and per source."""
    lines = [
        f"{'subset':<8} {'docs':>5} {'P':>6} {'R':>6} {'F1':>6} {'acc':>6} "
        f"{'ms med':>7} {'ms mean':>8}"
    ]
    groups = [("ALL", rows)]
    for src in sorted({source_of(r["name"]) for r in rows}):
        groups.append((src, [r for r in rows if source_of(r["name"]) == src]))
    for label, group in groups:
        s = score.summarize(group)
        ms = [spent[r["name"]] for r in group]
        lines.append(
            f"{label:<8} {s['docs']:>5} {s['precision']:>6.3f} {s['recall']:>6.3f} "
            f"{s['f1']:>6.3f} {s['accuracy']:>6.3f} {statistics.median(ms):>7.2f} "
            f"{statistics.mean(ms):>8.2f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="corpus split folder")
    ap.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    ap.add_argument("--split", choices=("all", "a", "b"), default="all")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    score = load_score_module(corpus)
    docs = score.load_corpus(str(corpus))
    if args.split != "all":
        docs = [d for d in docs if split_half(d["name"]) == args.split]
    if not docs:
        print(f"error: no documents with truth in {corpus}", file=sys.stderr)
        return 2
    pred, spent = clean_corpus(score, docs)
    wanted = {d["name"] for d in docs}
    rows = [r for r in score.score_texts(pred, str(corpus))["per_doc"] if r["name"] in wanted]
    print(report(score, rows, spent))
    if args.worst:
        print(f"worst {args.worst} by F1:")
        for r in sorted(rows, key=lambda r: (r["f1"], r["name"]))[: args.worst]:
            print(f"  {r['name']}  P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
