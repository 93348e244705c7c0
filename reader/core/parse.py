"""Read article files (.txt page dumps and Markdown) into title, date and body text.

Both formats are parsed here and nowhere else, so the CLI, the UI and the library
scan agree on what an article's title and date are: the article's identity is
derived from them.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.core.clean import split_text_blocks
from reader.core.models import parse_iso_date
from reader.core.sanitize import clean_display_text, clean_line
from reader.core.textio import decode, is_byte_text

TEXT_SUFFIXES = frozenset({".txt"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES
# Pages bigger than this are shown cut, with a notice: a scraper gone wrong can
# write hundreds of megabytes and the reader must stay responsive.
MAX_ARTICLE_BYTES = 8 * 1024 * 1024
# Enough to hold a header line or a front-matter block when scanning a library.
HEAD_BYTES = 16 * 1024
# Front matter must close within this many characters, which the head read by a
# scan always holds (HEAD_BYTES in any encoding, up to 4 bytes a character), so the
# list and the opened article agree on it. Longer "front matter" is body text.
MAX_FRONT_MATTER = HEAD_BYTES // 4 - 96
MAX_TITLE = 500
# The title of last resort, when the file is empty and its name cleans to nothing.
UNTITLED = "(untitled)"
MAX_TAGS = 64
MAX_TAG = 100

_HEADER = re.compile(r"^\s*date\s+(\S+)[ \t]*(.*)$")
# `_HEADER` on a first line of printable ASCII (and tabs), with its line end.
_ASCII_HEADER = re.compile(rb"[ \t]*date[ \t]+([!-~]+)[ \t]*([\t -~]*)\r?\n")
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A line of only rule characters ("---", "====", "* * *") is no title.
_RULE_LINE = re.compile(r"[\s\-=*_#~`]*")


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
            return parse_iso_date(value.strip()[:10])
        except ValueError:
            return None
    return None


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
        title = _first_line(body) or fallback_title
    return Page(title=title[:MAX_TITLE], date=date, body=body, format="txt", truncated=truncated)


def parse_markdown_page(text: str, fallback_title: str, *, truncated: bool = False) -> Page:
    """Markdown with optional YAML front matter; the title falls back to the first heading."""
    text = clean_display_text(text)
    meta: dict[str, Any] = {}
    body = text
    match = _FRONT_MATTER.match(text, 0, MAX_FRONT_MATTER)
    if match:
        meta = _load_front_matter(match.group(1))
        body = text[match.end() :]
    title = _optional_str(meta.get("title")) or _first_heading(body)
    title = title or _first_line(body) or fallback_title
    return Page(
        title=title[:MAX_TITLE],
        date=parse_date(meta.get("date")),
        body=body,
        format="md",
        url=_optional_str(meta.get("url") or meta.get("link")),
        source=_optional_str(meta.get("source")),
        tags=_tags(meta.get("tags")),
        truncated=truncated,
    )


def text_header(data: bytes) -> tuple[str, dt.date | None] | None:
    """The title and date `parse_page` finds in a .txt page that starts with a plain
    ASCII header line, without decoding or cleaning the rest of the page.

    A library scan reads 100,000 headers and nearly all are like this; anything else
    (no header, non-ASCII or control characters in it, no line end, bytes `decode`
    would refuse or read as UTF-16) gives None, and the caller uses `parse_page`.
    """
    match = _ASCII_HEADER.match(data)
    if match is None or not is_byte_text(data):
        return None
    title = clean_line(match.group(2)[: MAX_TITLE * 4].decode("ascii"))
    if not title:
        return None
    return title[:MAX_TITLE], parse_date(match.group(1).decode("ascii"))


def is_markdown(path: str | os.PathLike[str]) -> bool:
    """Whether the file is parsed as Markdown (by its suffix)."""
    return os.path.splitext(os.fspath(path))[1].lower() in MARKDOWN_SUFFIXES


def parse_page(data: bytes, path: str | os.PathLike[str], *, truncated: bool = False) -> Page:
    """Parse an article file's bytes (or a prefix of them) by its suffix."""
    text = decode(data, partial=truncated)
    stem = os.path.splitext(os.path.basename(os.fspath(path)))[0]
    fallback = clean_line(stem) or UNTITLED
    if is_markdown(path):
        return parse_markdown_page(text, fallback, truncated=truncated)
    return parse_text_page(text, fallback, truncated=truncated)


def read_page(path: str | os.PathLike[str], *, limit: int = MAX_ARTICLE_BYTES) -> Page:
    """Read and parse a whole article (up to `limit` bytes; beyond that it is marked cut).

    Raises OSError (`NotRegularFile` for a FIFO, device, folder...) or `NotText`.
    """
    data, truncated, _ = read_head(path, limit)
    return parse_page(data, path, truncated=truncated)


class NotRegularFile(OSError):
    """An article path that is a FIFO, a device, a socket or a folder: never read."""

    def __init__(self, path: str | os.PathLike[str], mode: int) -> None:
        super().__init__(errno.EINVAL, f"not a regular file ({file_kind(mode)})", str(path))


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words for the user."""
    kinds = (
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISDIR, "folder"),
        (stat.S_ISLNK, "symlink"),
    )
    return next((name for test, name in kinds if test(mode)), "unknown kind of file")


def read_head(
    path: str | os.PathLike[str], limit: int, *, known_regular: bool = False
) -> tuple[bytes, bool, os.stat_result]:
    """The first `limit` bytes of a regular file, whether it has more, and its `fstat`.

    `known_regular`: the caller stat-ed the path a moment ago (a library scan), so the
    check before opening is skipped; the one after opening still runs.

    Only regular files are read: the path is checked before opening (opening some
    devices has side effects) and the open file again after (it may have been
    swapped meanwhile). The open never blocks, so a FIFO put in an article's place
    cannot hang the reader. The stat is that of the bytes read, not of an earlier scan.
    """
    if not known_regular:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, info.st_mode)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(path, info.st_mode)
        data = _read_up_to(fd, limit + 1, info.st_size)
    finally:
        os.close(fd)
    return data[:limit], len(data) > limit, info


def _read_up_to(fd: int, limit: int, expected: int) -> bytes:
    """Up to `limit` bytes of `fd`: in one read when the file is `expected` bytes long
    (a scan reads 100,000 heads; no buffered file object per file), more if the file
    system returns short reads or reports no size."""
    chunks: list[bytes] = []
    got = 0
    while got < limit:
        chunk = os.read(fd, min(limit - got, max(expected + 1 - got, 65536)))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
        if 0 < expected <= got:
            break  # all the bytes fstat counted
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


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
    """YAML front matter; broken or hostile YAML is treated as absent rather than fatal."""
    # Imported here: PyYAML is a tenth of the start-up's imports, and most libraries
    # hold no Markdown with front matter at all.
    from reader.core.front_matter import load_front_matter

    return load_front_matter(raw)


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if not _RULE_LINE.fullmatch(line):
            return clean_line(line[: MAX_TITLE * 4].lstrip("#").strip())
    return ""


def _first_heading(text: str) -> str:
    fence = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fence = not fence
        elif not fence and (match := _ATX_HEADING.match(line)):
            return clean_line(match.group(1)[: MAX_TITLE * 4])
    return ""


def _scalar(value: object) -> str | None:
    """A front-matter value as text, if it is a single value (never a list or mapping:
    str() of an aliased structure could be huge)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float | dt.date):
        try:
            return str(value)
        except ValueError:  # an int too long to print (sys.get_int_max_str_digits)
            return None
    return None


def _one_line(value: object, limit: int) -> str:
    """A scalar front-matter value as one clean line of at most `limit` characters."""
    text = _scalar(value)
    # Cut before cleaning, so a megabyte-long value costs no more than a short one.
    return clean_line(text[: limit * 4])[:limit] if text else ""


def _optional_str(value: object) -> str | None:
    return _one_line(value, MAX_TITLE) or None


def _tags(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        items: Sequence[object] = value.split(",", MAX_TAGS)[:MAX_TAGS]
    elif isinstance(value, list):
        items = value[:MAX_TAGS]
    else:
        return ()
    return tuple(tag for item in items if (tag := _one_line(item, MAX_TAG)))
