"""Dump every label the cleaner gives on the scored corpora, to check that a change
meant to be behaviour-neutral (a speed-up) leaves the output byte-identical.

    python bench/clean_dump.py OUT.jsonl [--corpora DIR] [--corpus NAME ...]
    python bench/clean_dump.py --compare OLD.jsonl NEW.jsonl

One JSON line per page and mode: the corpus, the page name, the mode, and every
block's (hidden, reason) with the dateline and byline. Modes:

    text   `clean_text(page, title)`, pages one after the other in one process
           (as bench/cleaning.py runs them);
    feed   the same with feed evidence: each corpus's first EVIDENCE pages stand
           for a feed's sample, plus the page itself (as `ReadingService` does);
    html   the page's NAME.html read and cleaned as the reader opens it
           (`read_page` + `reading.clean_page`), when it exists.

`--compare` prints the pages whose lines differ and exits 1 when any does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.core.clean import FeedEvidence, clean_text
from reader.core.formats.text import split_text_blocks
from reader.core.models import CleanResult

DEFAULT_CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
EVIDENCE = 24


def _line(corpus: str, name: str, mode: str, result: CleanResult) -> str:
    return json.dumps(
        {
            "corpus": corpus,
            "name": name,
            "mode": mode,
            "labels": [[b.hidden, b.reason] for b in result.blocks],
            "texts": [b.text for b in result.blocks],
            "dateline": result.dateline,
            "byline": result.byline,
        },
        ensure_ascii=False,
    )


def _page(path: Path) -> tuple[str | None, str]:
    header, _, rest = path.read_text(encoding="utf-8").partition("\n")
    parts = header.strip().split(" ", 2)
    title = parts[2] if len(parts) == 3 and parts[0] == "date" else None
    return title, rest.lstrip("\n")


def dump(corpora: Path, names: list[str], out: Path) -> int:
    from reader.core.formats import read_page
    from reader.core.reading import clean_page

    count = 0
    with out.open("w", encoding="utf-8") as f:
        for corpus in names:
            folder = corpora / corpus
            paths = sorted(p for p in folder.glob("*.txt") if not p.name.endswith(".truth.txt"))
            pages = [(p.stem, *_page(p)) for p in paths]
            for name, title, text in pages:
                f.write(_line(corpus, name, "text", clean_text(text, title)) + "\n")
            sample = [split_text_blocks(text) for _, _, text in pages[:EVIDENCE]]
            for i, (name, title, text) in enumerate(pages):
                own = split_text_blocks(text)
                others = [s for j, s in enumerate(sample) if j != i]
                if hasattr(FeedEvidence, "plus_page"):  # the page counted by the cleaner
                    feed = FeedEvidence.build(others).plus_page()
                else:
                    feed = FeedEvidence.build([own, *others])
                f.write(_line(corpus, name, "feed", clean_text(text, title, feed=feed)) + "\n")
            for path in paths:
                html = path.with_suffix(".html")
                if html.is_file():
                    page = read_page(str(html))
                    result = clean_page(page, page.title)
                    f.write(_line(corpus, path.stem, "html", result) + "\n")
            count += len(pages)
    return count


def compare(old: Path, new: Path) -> int:
    a = old.read_text(encoding="utf-8").splitlines()
    b = new.read_text(encoding="utf-8").splitlines()
    if len(a) != len(b):
        print(f"{len(a)} lines in {old}, {len(b)} in {new}")
    differ = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            differ += 1
            page = json.loads(x)
            print(f"differs: {page['corpus']} {page['name']} {page['mode']}")
    print(f"{min(len(a), len(b))} pages compared, {differ} differ")
    return 1 if differ or len(a) != len(b) else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", nargs="?", type=Path)
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--corpus", action="append", default=[])
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    args = ap.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        ap.error("OUT is required without --compare")
    names = args.corpus or [n for n in ("dev", "dev2", "dev3") if (args.corpora / n).is_dir()]
    print(f"{dump(args.corpora, names, args.out)} pages dumped to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
