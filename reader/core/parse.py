"""Read article files (.txt page dumps and Markdown) into title, date and body text.

Both formats are parsed here and nowhere else, so the CLI, the UI and the library
scan agree on what an article's title and date are: the article's identity is
derived from them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from reader.core.clean import split_text_blocks
from reader.core.sanitize import clean_display_text, clean_line
from reader.core.textio import decode

TEXT_SUFFIXES = frozenset({".txt"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES
# Pages bigger than this are shown cut, with a notice: a scraper gone wrong can
# write hundreds of megabytes and the reader must stay responsive.
MAX_ARTICLE_BYTES = 8 * 1024 * 1024
# Enough to hold a header line or a front-matter block when scanning a library.
HEAD_BYTES = 16 * 1024

_HEADER = re.compile(r"^\s*date\s+(\S+)[ \t]*(.*)$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True, slots=True)
class Page:
    """An article file's parsed content: metadata from its header, then its body text."""

    title: str
    date: dt.date | None
    body: str
    format: str
    url: str | None = None
    source: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)
    truncated: bool = False

    def blocks(self) -> list[str]:
        """The body cut into the blocks the cleaner labels."""
        if self.format == "md":
            return split_markdown_blocks(self.body)
        return split_text_blocks(self.body)


def parse_date(value: object) -> dt.date | None:
    """A date from a header or front matter; anything unparseable means 'unknown'."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def parse_text_page(text: str, fallback_title: str) -> Page:
    """The scraped-page format: optional `date YYYY-MM-DD <title>` line, then the page."""
    text = clean_display_text(text)
    first, _, rest = text.partition("\n")
    match = _HEADER.match(first)
    if match:
        title = clean_line(match.group(2))
        date = parse_date(match.group(1))
        body = rest
    else:
        title, date, body = "", None, text
    if not title:
        title = _first_line(body) or fallback_title
    return Page(title=title[:500], date=date, body=body, format="txt")


def parse_markdown_page(text: str, fallback_title: str) -> Page:
    """Markdown with optional YAML front matter; the title falls back to the first heading."""
    text = clean_display_text(text)
    meta: dict[str, Any] = {}
    body = text
    match = _FRONT_MATTER.match(text)
    if match:
        meta = _load_front_matter(match.group(1))
        body = text[match.end() :]
    title = clean_line(str(meta.get("title") or "")) or _first_heading(body)
    title = title or _first_line(body) or fallback_title
    return Page(
        title=title[:500],
        date=parse_date(meta.get("date")),
        body=body,
        format="md",
        url=_optional_str(meta.get("url") or meta.get("link")),
        source=_optional_str(meta.get("source")),
        tags=_tags(meta.get("tags")),
    )


def parse_page(data: bytes, path: Path, *, truncated: bool = False) -> Page:
    """Parse an article file's bytes (or a prefix of them) by its suffix."""
    text = decode(data, partial=truncated)
    fallback = clean_line(path.stem)
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        page = parse_markdown_page(text, fallback)
    else:
        page = parse_text_page(text, fallback)
    return replace(page, truncated=True) if truncated else page


def read_page(path: Path, *, limit: int = MAX_ARTICLE_BYTES) -> Page:
    """Read and parse a whole article (up to `limit` bytes; beyond that it is marked cut)."""
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    return parse_page(data[:limit], path, truncated=len(data) > limit)


def split_markdown_blocks(text: str) -> list[str]:
    """Markdown paragraphs (blank-line separated), keeping fenced code blocks whole."""
    blocks: list[str] = []
    current: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        marker = _FENCE.match(line)
        if fence is None and marker:
            fence = marker.group(1)[0] * 3
        elif fence is not None and line.strip().startswith(fence):
            fence = None
        elif fence is None and not line.strip():
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line.rstrip())
    if current:
        blocks.append("\n".join(current))
    return blocks


def _load_front_matter(raw: str) -> dict[str, Any]:
    """YAML front matter; broken YAML is treated as absent rather than fatal."""
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return clean_line(line.lstrip("#").strip())
    return ""


def _first_heading(text: str) -> str:
    fence = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fence = not fence
        elif not fence and (match := _ATX_HEADING.match(line)):
            return clean_line(match.group(1))
    return ""


def _optional_str(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return clean_line(str(value)) or None


def _tags(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        items: list[object] = value.split(",")
    elif isinstance(value, list):
        items = value
    else:
        return ()
    return tuple(tag for item in items if (tag := clean_line(str(item))))
