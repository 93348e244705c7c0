"""Time this tree's cleaner against another checkout's, page by page, in one process.

    python bench/clean_pair.py BASE_TREE [--corpora DIR] [--corpus NAME ...] [--passes N]
                                         [--every K]

Each page of the corpora is cleaned by both trees one after the other (`clean_text`, the
page's title from its header line; which tree goes first alternates from page to page and
from pass to pass), timed with the thread's CPU time. Both trees' modules are loaded in
this process side by side, each with its own line cache. For each pass and corpus it
prints the median over pages of this tree's time divided by BASE_TREE's: on a shared
machine whose speed changes from minute to minute, a ratio taken a page at a time moves
far less than two runs of `bench/cleaning.py` do.

BASE_TREE is a checkout of the project (`git worktree add /tmp/base COMMIT`).
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = HERE.parent / "shared" / "corpus"

Cleaner = Callable[[str, str | None], object]


def load_cleaner(tree: Path) -> Cleaner:
    """`reader.core.clean.clean_text` of the checkout at `tree`, imported anew."""
    for name in [m for m in sys.modules if m == "reader" or m.startswith("reader.")]:
        del sys.modules[name]
    sys.path.insert(0, str(tree))
    try:
        module = importlib.import_module("reader.core.clean")
    finally:
        sys.path.remove(str(tree))
    if not str(module.__file__).startswith(str(tree)):
        raise SystemExit(f"error: reader imported from {module.__file__}, not {tree}")
    clean: Cleaner = module.clean_text
    return clean


def read_pages(folder: Path, every: int) -> list[tuple[str | None, str]]:
    """(title, text) of every `every`-th page of a corpus folder."""
    pages = []
    paths = sorted(p for p in folder.glob("*.txt") if not p.name.endswith(".truth.txt"))
    for path in paths[::every]:
        header, _, rest = path.read_text(encoding="utf-8").partition("\n")
        parts = header.strip().split(" ", 2)
        title = parts[2] if len(parts) == 3 and parts[0] == "date" else None
        pages.append((title, rest.lstrip("\n")))
    return pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("base", type=Path, metavar="BASE_TREE")
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--corpus", action="append", default=[])
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--every", type=int, default=1, help="every K-th page only")
    args = ap.parse_args(argv)
    names = args.corpus or [n for n in ("dev", "dev2", "dev3") if (args.corpora / n).is_dir()]
    if not names:
        print(f"error: no corpus in {args.corpora}", file=sys.stderr)
        return 2
    base = load_cleaner(args.base.resolve())
    new = load_cleaner(HERE)
    corpora = {name: read_pages(args.corpora / name, args.every) for name in names}
    clock = time.thread_time
    for rep in range(args.passes):
        cells = []
        for name, pages in corpora.items():
            ratios = []
            for k, (title, text) in enumerate(pages):
                spent = {}
                for label, clean in (("base", base), ("new", new))[:: 1 if (k + rep) % 2 else -1]:
                    t0 = clock()
                    clean(text, title)
                    spent[label] = clock() - t0
                if spent["base"] > 0:
                    ratios.append(spent["new"] / spent["base"])
            cells.append(f"{name} {statistics.median(ratios):.3f}")
        print(f"pass {rep + 1}: new/base per page, median: " + ", ".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
