"""Words the CLI and the app both show: counts in sentences ("1 article", "2 articles",
never "article(s)") and the file formats the reader reads.

Kept apart from the formats registry, whose import (feedparser, lxml) costs about
0.1 s: the app shows its cached list, and `reader --help` its text, without it. A
test holds `FORMATS_READ` to every suffix the registry claims.
"""

from __future__ import annotations


def count(number: int, singular: str, plural: str | None = None) -> str:
    """`number` and the noun that agrees with it, thousands separated: "1 file",
    "1,204 files", "0 files"."""
    noun = singular if number == 1 else (plural or singular + "s")
    return f"{number:,} {noun}"


FORMATS_READ = (
    ".txt page dumps, Markdown (.md, .markdown) with YAML or TOML front matter, "
    "saved web pages (.html, .htm, .xhtml) and "
    "feed files (RSS, Atom, JSON Feed: .rss, .atom, .xml, .json)"
)
"""The formats read, by suffix, as `reader --help` and the empty library's screen say it."""
