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


# What a key that acts on the open article says when none is (o, s, m, b, L, enter on
# an empty list).
NO_ARTICLE = "No article is open."

# The longest title `reader list` and `reader search` print: a whole 500-character title
# would fill a terminal with one row. Longer titles end at a word boundary with "…".
LISTED_TITLE = 120


def word_cut(text: str, limit: int) -> str:
    """`text`, which is at least `limit` characters long, cut to `limit` characters
    ending with "…" at a word boundary (unless the text is one long word)."""
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def listed_title(title: str) -> str:
    """A title as `reader list` prints it: whole up to `LISTED_TITLE` characters."""
    return title if len(title) <= LISTED_TITLE else word_cut(title, LISTED_TITLE)


FORMATS_READ = (
    ".txt page dumps, Markdown (.md, .markdown) with YAML or TOML front matter, "
    "saved web pages (.html, .htm, .xhtml) and "
    "feed files (RSS, Atom, JSON Feed: .rss, .atom, .xml, .json)"
)
"""The formats read, by suffix, as `reader --help` and the empty library's screen say it."""
