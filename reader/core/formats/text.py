"""The scraped-page dump (.txt): an optional `date YYYY-MM-DD <title>` line, then
the page's visible text, one block a line, shown as plain paragraphs."""

from __future__ import annotations

import datetime as dt
import re

from reader.core.formats.base import (
    HEAD_BYTES,
    MAX_TITLE,
    Format,
    Markup,
    Page,
    first_line,
    matches,
    one_article,
    parse_date,
)
from reader.core.sanitize import clean_display_text, clean_line
from reader.core.textio import is_byte_text

# The first read of a .txt file in a scan: its header line (title and date) is
# almost always well inside; reading 16 KiB instead costs 2x the whole scan.
PROBE_BYTES = 2048

_HEADER = re.compile(r"^\s*date\s+(\S+)[ \t]*(.*)$")
# `_HEADER` on a first line of printable ASCII (and tabs), with its line end.
_ASCII_HEADER = re.compile(rb"[ \t]*date[ \t]+([!-~]+)[ \t]*([\t -~]*)\r?\n")
# What sniffing takes for this format: a header line with an ISO date.
_SNIFF = re.compile(rb"[ \t]*date[ \t]+\d{4}-\d\d-\d\d(?:[ \t]|\r?\n)")


def split_text_blocks(text: str) -> list[str]:
    """Blocks of a .txt page: its non-empty lines, right-stripped (a line of
    spaces alone strips to nothing, and `filter` drops it: no Python loop a line)."""
    return list(filter(None, map(str.rstrip, text.splitlines())))


TEXT = Markup("text", split_text_blocks)


def parse_text_page(text: str, fallback_title: str, *, truncated: bool = False) -> Page:
    """The scraped-page format: optional `date YYYY-MM-DD <title>` line, then the page."""
    text = clean_display_text(text)
    first, _, rest = text.partition("\n")
    match = _HEADER.match(first)
    if match:
        title = clean_line(match.group(2)[: MAX_TITLE * 4])
        date = parse_date(match.group(1))
        body = rest
    else:
        title, date, body = "", None, text
    if not title:
        title = first_line(body) or fallback_title
    return Page(
        title=title[:MAX_TITLE],
        date=date,
        body=body,
        format="txt",
        truncated=truncated,
        markup=TEXT.name,
    )


def text_header(data: bytes) -> tuple[str, dt.date | None] | None:
    """The title and date `parse` finds in a .txt page that starts with a plain
    ASCII header line, without decoding or cleaning the rest of the page.

    A library scan reads 100,000 headers and nearly all are like this; anything else
    (no header, non-ASCII or control characters in it, no line end, bytes `decode`
    would refuse or read as UTF-16) gives None, and the caller uses `parse`.
    """
    match = _ASCII_HEADER.match(data)
    if match is None or not is_byte_text(data):
        return None
    raw = match.group(2)[: MAX_TITLE * 4].decode("ascii")
    # printable ASCII but for tabs: without a tab, `clean_line` is the split and join
    title = " ".join(raw.split()) if "\t" not in raw else clean_line(raw)
    if not title:
        return None
    return title[:MAX_TITLE], parse_date(match.group(1).decode("ascii"))


FORMAT = Format(
    name="txt",
    suffixes=(".txt",),
    markup=TEXT,
    parse=one_article(parse_text_page),
    probe_bytes=PROBE_BYTES,
    head_bytes=HEAD_BYTES,
    header=text_header,
    sniff=matches(_SNIFF),
)
