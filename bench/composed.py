"""How many articles composed of the kinds people write lose a block to the cleaner.

    python bench/composed.py [--count N] [--seed S] [--language en|ru|pl|el|zh]

Composes N articles (seeded) of the pieces `tests/core/test_clean_authored.py` draws its
property test from (paragraphs, one-line paragraphs, sections under plain and
page-section names, lists of every mark, bulleted notes, a quote and its source, Q&A, code
under a colon, a tab table), each opening with a paragraph, and counts those that lose a
block of the article in three settings:

    text     the article alone, as someone writes it (`clean_blocks`, title first);
    scraped  the same between a site's menu and its share bar, "Most read" box and
             copyright line, as a text dump of a page, read as the reader opens a
             `.txt` file (`read_page`, which reads a tab as spaces, then `clean_page`);
    html     the same as an HTML page: a <nav>, the article in <article> (lists as <ul>
             and <ol>, code in <pre>, the table as <table>, the quote and its source in
             <blockquote>), a <footer>.

For each it prints the count, how many lose a whole paragraph, and the most common first
block lost, with its reason. The text setting is the property test's claim (nothing
lost); the other two are what the region logic still misses on pages that have chrome.
`--language` composes the same pieces written in Russian, Polish, Greek or Chinese, with a
site's chrome in that language (`bench/composed_languages.py`).
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from reader.core.clean import clean_blocks  # noqa: E402
from reader.core.document import markdown_blocks  # noqa: E402
from reader.core.formats import read_page  # noqa: E402
from reader.core.reading import clean_page  # noqa: E402
from tests.core.test_clean_authored import _PARAGRAPHS, _PIECES  # noqa: E402

sys.path.insert(0, str(HERE / "bench"))
from composed_languages import LANGUAGES, Language  # noqa: E402

ENGLISH = Language(
    title="Harbour board backs breakwater",
    menu=["Harbour Gazette", "Home", "News", "Sport", "Weather", "Contact"],
    foot=[
        *["Share", "Tweet", "Email", "Most read"],
        *["Ferry fares to rise in spring", "© 2025 Gazette"],
    ],
    paragraphs=_PARAGRAPHS,
    pieces=_PIECES,
)

Lost = list[tuple[str, str]]
WORD_RE = re.compile(r"\w+")


def compose(rng: random.Random, language: Language = ENGLISH) -> list[str]:
    """An article: a paragraph, then up to six of the pieces in a random order."""
    paragraphs, pieces = language.paragraphs, language.pieces
    blocks = [rng.choice(paragraphs)]
    names: list[str | int] = [*pieces, *range(len(paragraphs))]
    for piece in rng.sample(names, rng.randint(0, 6)):
        more = [paragraphs[piece]] if isinstance(piece, int) else pieces[piece]
        if more[0] not in blocks:
            blocks += more
    return blocks


def lost_text(blocks: list[str], _: Path, language: Language) -> Lost:
    result = clean_blocks([language.title, *blocks], language.title)
    return [(b.reason, b.text) for b in result.blocks[1:] if b.hidden]


def lost_scraped(blocks: list[str], folder: Path, language: Language) -> Lost:
    """The page as the reader opens a text dump (`read_page`: tabs read as spaces)."""
    path = folder / "page.txt"
    title = language.title
    lines = [f"date 2025-05-02 {title}", *language.menu, title, *blocks, *language.foot]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = read_page(path)
    written = {b.expandtabs(4): b for b in blocks}
    result = clean_page(page, page.title)
    return [(b.reason, written[b.text]) for b in result.blocks if b.hidden and b.text in written]


def to_html(blocks: list[str], language: Language = ENGLISH) -> str:
    """The article as a page: a short line over a sentence as a heading, runs of list
    items, code, table rows and a quote with its source as their elements, the rest as
    paragraphs."""
    kinds: list[tuple[str, Callable[[str], bool]]] = [
        ("ul", lambda line: line.startswith(("- ", "• "))),
        ("ol", lambda line: line[:2] in ("1.", "2.", "3.")),
        ("table", lambda line: "\t" in line),
        ("pre", lambda line: line.endswith(";")),
        ("blockquote", lambda line: line.startswith(('"', "— "))),
        ("plain list", lambda line: len(line.split()) <= 2 and line[-1:].isalpha()),
    ]

    def heading(i: int) -> bool:
        nxt = blocks[i + 1] if i + 1 < len(blocks) else ""
        return (
            len(blocks[i].split()) <= 3
            and blocks[i][:1].isalpha()
            and blocks[i][-1:].isalpha()
            and len(nxt.split()) >= 5
        )

    out: list[str] = []
    i = 0
    while i < len(blocks):
        if heading(i):
            out.append(f"<h2>{html.escape(blocks[i])}</h2>")  # a section's heading
            i += 1
            continue
        kind = next((name for name, test in kinds if test(blocks[i])), "p")
        test = dict(kinds).get(kind)
        group = [blocks[i]]
        i += 1
        while test is not None and i < len(blocks) and test(blocks[i]) and not heading(i):
            group.append(blocks[i])
            i += 1
        cells = [html.escape(line) for line in group]
        if kind in ("ul", "ol"):
            items = "".join(f"<li>{c[2:].strip()}</li>" for c in cells)
            out.append(f"<{kind}>{items}</{kind}>")
        elif kind == "plain list":
            out.append("<ul>" + "".join(f"<li>{c}</li>" for c in cells) + "</ul>")
        elif kind == "table":
            rows = ("".join(f"<td>{cell}</td>" for cell in c.split("\t")) for c in cells)
            out.append("<table>" + "".join(f"<tr>{row}</tr>" for row in rows) + "</table>")
        elif kind == "pre":
            out.append("<pre><code>" + "\n".join(cells) + "</code></pre>")
        elif kind == "blockquote":
            out.append("<blockquote>" + "".join(f"<p>{c}</p>" for c in cells) + "</blockquote>")
        else:
            out.extend(f"<p>{c}</p>" for c in cells)
    title = language.title
    nav = "".join(f"<li><a href='/{w.lower()}'>{w}</a></li>" for w in language.menu[1:])
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><nav><ul>{nav}</ul></nav><article><h1>{title}</h1>{''.join(out)}</article>"
        f"<footer><p>{language.foot[-1]}</p></footer></body></html>"
    )


def lost_html(blocks: list[str], folder: Path, language: Language) -> Lost:
    path = folder / "page.html"
    path.write_text(to_html(blocks, language), encoding="utf-8")
    page = read_page(path)
    result = clean_page(page, page.title)
    shown = " ".join(
        WORD_RE.findall(" ".join(d.text for b in result.body for d in markdown_blocks(b)))
    )
    return [
        ("not shown", b)
        for b in blocks
        if " ".join(WORD_RE.findall(b.lstrip("-•123. "))) not in shown
    ]


SETTINGS: dict[str, Callable[[list[str], Path, Language], Lost]] = {
    "text": lost_text,
    "scraped": lost_scraped,
    "html": lost_html,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--language", choices=["en", *LANGUAGES], default="en")
    args = parser.parse_args()
    language = LANGUAGES.get(args.language, ENGLISH)
    articles = [compose(random.Random(args.seed + n), language) for n in range(args.count)]
    paragraphs = set(language.paragraphs)
    with tempfile.TemporaryDirectory() as folder:
        for name, lost in SETTINGS.items():
            firsts: Counter[str] = Counter()
            whole = 0
            for blocks in articles:
                if found := lost(blocks, Path(folder), language):
                    reason, text = found[0]
                    firsts[f"{reason}: {text[:40]!r}"] += 1
                    whole += any(text in paragraphs for _, text in found)
            total = sum(firsts.values())
            print(f"{name:8} {total:5d} of {len(articles)} lose a block, {whole} a whole paragraph")
            for what, count in firsts.most_common(3):
                print(f"{'':8} {count:5d}  first lost {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
