"""Markdown (.md, .markdown): optional YAML front matter (title, date, url or link,
source, tags), the title else from the first heading; blocks are paragraphs
(fenced code kept whole) and are displayed rendered as Markdown."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reader.core.formats.base import (
    HEAD_BYTES,
    MAX_TITLE,
    Format,
    Markup,
    Page,
    first_line,
    matches,
    one_article,
    one_line,
    optional_line,
    parse_date,
)
from reader.core.sanitize import clean_display_text, clean_line

# Front matter must close within this many characters, which the head read by a
# scan always holds (HEAD_BYTES in any encoding, up to 4 bytes a character), so the
# list and the opened article agree on it. Longer "front matter" is body text.
MAX_FRONT_MATTER = HEAD_BYTES // 4 - 96
MAX_TAGS = 64
MAX_TAG = 100

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# What sniffing takes for Markdown: front matter, or a heading on the first line.
_SNIFF = re.compile(rb"(?:\xef\xbb\xbf)?(?:---[ \t]*\r?\n| {0,3}#{1,6}[ \t]+\S)")


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


MARKDOWN = Markup("markdown", split_markdown_blocks)


def parse_markdown_page(text: str, fallback_title: str, *, truncated: bool = False) -> Page:
    """Markdown with optional YAML front matter; the title falls back to the first heading."""
    text = clean_display_text(text)
    meta: dict[str, Any] = {}
    body = text
    match = _FRONT_MATTER.match(text, 0, MAX_FRONT_MATTER)
    if match:
        meta = _load_front_matter(match.group(1))
        body = text[match.end() :]
    title = optional_line(meta.get("title")) or _first_heading(body)
    title = title or first_line(body) or fallback_title
    return Page(
        title=title[:MAX_TITLE],
        date=parse_date(meta.get("date")),
        body=body,
        format="md",
        url=optional_line(meta.get("url") or meta.get("link")),
        source=optional_line(meta.get("source")),
        tags=_tags(meta.get("tags")),
        truncated=truncated,
        markup=MARKDOWN.name,
    )


FORMAT = Format(
    name="md",
    suffixes=(".md", ".markdown"),
    markup=MARKDOWN,
    parse=one_article(parse_markdown_page),
    probe_bytes=HEAD_BYTES,
    head_bytes=HEAD_BYTES,
    sniff=matches(_SNIFF),
)


def _load_front_matter(raw: str) -> dict[str, Any]:
    """YAML front matter; broken or hostile YAML is treated as absent rather than fatal."""
    # Imported here: PyYAML is a tenth of the start-up's imports, and most libraries
    # hold no Markdown with front matter at all.
    from reader.core.front_matter import load_front_matter

    return load_front_matter(raw)


def _first_heading(text: str) -> str:
    fence = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fence = not fence
        elif not fence and (match := _ATX_HEADING.match(line)):
            return clean_line(match.group(1)[: MAX_TITLE * 4])
    return ""


def _tags(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        items: Sequence[object] = value.split(",", MAX_TAGS)[:MAX_TAGS]
    elif isinstance(value, list):
        items = value[:MAX_TAGS]
    else:
        return ()
    return tuple(tag for item in items if (tag := one_line(item, MAX_TAG)))
