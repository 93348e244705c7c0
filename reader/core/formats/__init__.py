"""The formats registry: which format reads a file, and reading a file's entries.

A format is a module of this package exposing a `FORMAT` (`base.Format`: its name,
suffixes, body markup, what a scan reads first, its parser); `register` below makes
it known to the library scan, the reading pane, the CLI and the search index.
Adding one (HTML pages, feed files) is one module and one `register` line.

A file's format comes from its suffix when exactly one format claims it; otherwise
(a suffix several formats claim, or none) from sniffing its first bytes. A file
holds one or more entries (`Page`s): one for a page or a post, one per item for a
feed file, each with its own entry id (`Page.entry`, "" for a file that is one
article).

Registration happens when this package is imported, so that a library scan's
worker processes (which import it afresh) know the same formats.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import suppress

from reader.core.formats import feeds, html, markdown, text
from reader.core.formats.base import (
    HEAD_BYTES,
    MAX_ARTICLE_BYTES,
    MAX_TITLE,
    UNTITLED,
    EntryGone,
    Format,
    Markup,
    NotArticle,
    NotRegularFile,
    Page,
    file_kind,
    parse_date,
    read_head,
    refuse_empty,
)

__all__ = [
    "DEFAULT",
    "FORMATS",
    "HEAD_BYTES",
    "MAX_ARTICLE_BYTES",
    "MAX_TITLE",
    "SNIFF_BYTES",
    "SUFFIXES",
    "UNTITLED",
    "EntryGone",
    "Format",
    "Markup",
    "NotArticle",
    "NotRegularFile",
    "Page",
    "file_kind",
    "format_for",
    "is_article_name",
    "markup_named",
    "parse_date",
    "parse_entries",
    "parse_page",
    "read_entries",
    "read_entries_of",
    "read_entry",
    "read_head",
    "read_page",
    "refuse_empty",
    "register",
    "suffix_of",
    "unregister",
]

# How much of a file sniffing looks at.
SNIFF_BYTES = 1024

FORMATS: list[Format] = []
"""Every registered format, in registration order (the order sniffing tries them)."""
SUFFIXES: dict[str, list[Format]] = {}
"""Lower-case suffix (dot included) -> the formats that claim it, first registered first.
The library's walk lists exactly the files with one of these suffixes."""
_MARKUPS: dict[str, Markup] = {}


def register(fmt: Format) -> Format:
    """Make `fmt` known: its suffixes, its markup, and a place among the sniffers."""
    if any(known.name == fmt.name for known in FORMATS):
        raise ValueError(f"a format named {fmt.name!r} is already registered")
    FORMATS.append(fmt)
    for suffix in fmt.suffixes:
        SUFFIXES.setdefault(suffix.lower(), []).append(fmt)
    _MARKUPS.setdefault(fmt.markup.name, fmt.markup)
    return fmt


def unregister(fmt: Format) -> None:
    """Forget `fmt` (tests register formats of their own for a while)."""
    FORMATS.remove(fmt)
    for suffix in fmt.suffixes:
        claimed = SUFFIXES[suffix.lower()]
        claimed.remove(fmt)
        if not claimed:
            del SUFFIXES[suffix.lower()]
    if _MARKUPS.get(fmt.markup.name) is fmt.markup and not any(
        other.markup is fmt.markup for other in FORMATS
    ):
        del _MARKUPS[fmt.markup.name]


DEFAULT = register(text.FORMAT)
"""What reads a file no format recognises when it is opened anyway (named on the
command line): the scraped-page text format, as the reader always did."""
register(markdown.FORMAT)
register(html.FORMAT)
register(feeds.FORMAT)


def suffix_of(path: str | os.PathLike[str]) -> str:
    """A path's suffix in lower case, as `os.path.splitext` finds it: without it (a scan
    asks for 100,000 files) when the file's name does not start with a dot and has one
    after its first character, where `splitext` takes the suffix from the last dot."""
    text = os.fspath(path)
    slash = text.rfind("/")
    dot = text.rfind(".")
    if dot > slash + 1 and text[slash + 1] != "." and _PLAIN_SEPARATOR:
        return text[dot:].lower()
    return os.path.splitext(text)[1].lower()


_PLAIN_SEPARATOR = os.sep == "/" and not os.altsep


def is_article_name(name: str) -> bool:
    """Whether a library scan lists a file of this name: not hidden, and a suffix
    some format claims."""
    dot = name.rfind(".")
    return dot > 0 and not name.startswith(".") and name[dot:].lower() in SUFFIXES


def format_for(path: str | os.PathLike[str], head: bytes | None = None) -> Format | None:
    """The format of a file: by its suffix when exactly one format claims it; else by
    sniffing `head` (its first bytes) among the formats that claim the suffix (all
    formats for a suffix none claims). A claimed suffix that no sniffer recognises
    gives the first format that claims it; an unknown one gives None, as does a
    suffix that needs sniffing when `head` is None."""
    claimed = SUFFIXES.get(suffix_of(path))
    if claimed is not None and len(claimed) == 1:
        return claimed[0]
    if head is None:
        return None
    head = head[:SNIFF_BYTES]
    for fmt in claimed or FORMATS:
        if fmt.sniff is not None and fmt.sniff(head):
            return fmt
    return claimed[0] if claimed else None


def markup_named(name: str) -> Markup:
    """The registered markup called `name` (`Page.markup`); text for an unknown name."""
    return _MARKUPS.get(name, text.TEXT)


def parse_entries(
    data: bytes, path: str | os.PathLike[str], *, truncated: bool = False
) -> list[Page]:
    """Every entry of a file's bytes (or a prefix of them), by the file's format."""
    fmt = format_for(path, data) or DEFAULT
    return fmt.entries(data, os.fspath(path), truncated=truncated)


def parse_page(data: bytes, path: str | os.PathLike[str], *, truncated: bool = False) -> Page:
    """The file's one entry (its first, for a file of several). Raises `EntryGone`
    for a file without entries."""
    pages = parse_entries(data, path, truncated=truncated)
    if not pages:
        raise EntryGone(path, "")
    return pages[0]


def read_entries(path: str | os.PathLike[str], *, limit: int = MAX_ARTICLE_BYTES) -> list[Page]:
    """Read and parse a whole file (up to `limit` bytes; beyond that it is marked cut).

    Raises OSError (`NotRegularFile` for a FIFO, device, folder...) or `NotText`
    (`NotArticle` for an empty file, or one its format refuses).
    """
    data, truncated = _read_whole(path, limit)
    return parse_entries(data, path, truncated=truncated)


def _read_whole(path: str | os.PathLike[str], limit: int) -> tuple[bytes, bool]:
    data, truncated, _ = read_head(path, limit)
    fmt = format_for(path, data) if truncated else None
    if fmt is not None and fmt.head_bytes > max(limit, MAX_ARTICLE_BYTES):
        # A format that reads more of a file than an article's limit (a feed file,
        # which is never cut: every entry is in it) reads as much as a scan does.
        data, truncated, _ = read_head(path, fmt.head_bytes)
    refuse_empty(data, truncated)
    return data, truncated


def read_page(path: str | os.PathLike[str], *, limit: int = MAX_ARTICLE_BYTES) -> Page:
    """`read_entries`' one entry (the first, for a file of several): what a file that
    is one article opens as. Raises as `read_entries`, or `EntryGone`."""
    pages = read_entries(path, limit=limit)
    if not pages:
        raise EntryGone(path, "")
    return pages[0]


def read_entries_of(
    path: str | os.PathLike[str], entries: Sequence[str], *, limit: int = MAX_ARTICLE_BYTES
) -> dict[str, Page]:
    """`read_entry` of each of `entries` of one file, the file read once (a feed's
    evidence reads several entries of one feed file): each entry's page, by its id,
    as `read_entry` gives it; an entry the file does not hold is left out. Raises as
    `read_entries` when the file cannot be read."""
    wanted = list(dict.fromkeys(entries))
    if len(wanted) < 2 or not all(wanted):
        found: dict[str, Page] = {}
        for entry in wanted:
            with suppress(EntryGone):
                found[entry] = read_entry(path, entry, limit=limit)
        return found
    found = {}
    fmt = format_for(path)
    if fmt is not None and fmt.indexed is not None:  # without reading the file whole
        for entry in wanted:
            page = fmt.indexed(os.fspath(path), entry)
            if page is not None:
                found[entry] = page
        wanted = [entry for entry in wanted if entry not in found]
        if not wanted:
            return found
    data, truncated = _read_whole(path, limit)
    fmt = format_for(path, data) or DEFAULT
    if fmt.entry is not None:
        if fmt.several is not None:
            found.update(fmt.several(data, os.fspath(path), truncated, wanted))
        for entry in wanted:
            if entry not in found:
                page = fmt.entry(data, os.fspath(path), truncated, entry)
                if page is not None:
                    found[entry] = page
        return found
    for page in parse_entries(data, path, truncated=truncated):
        if page.entry in wanted and page.entry not in found:
            found[page.entry] = page
    return found


def read_entry(path: str | os.PathLike[str], entry: str, *, limit: int = MAX_ARTICLE_BYTES) -> Page:
    """The entry `entry` of a file (`Article.entry`; "" for a file that is one
    article). Raises as `read_entries`, or `EntryGone` when the file no longer holds
    that entry (an OSError: callers that handle unreadable files handle it)."""
    if entry:
        fmt = format_for(path)
        if fmt is not None and fmt.indexed is not None:  # without reading the file whole
            page = fmt.indexed(os.fspath(path), entry)
            if page is not None:
                return page
        data, truncated = _read_whole(path, limit)
        fmt = format_for(path, data) or DEFAULT
        if fmt.entry is not None:  # the one entry, without reading the others
            page = fmt.entry(data, os.fspath(path), truncated, entry)
            if page is None:
                raise EntryGone(path, entry)
            return page
        pages = parse_entries(data, path, truncated=truncated)
    else:
        pages = read_entries(path, limit=limit)
    for page in pages:
        if page.entry == entry:
            return page
    raise EntryGone(path, entry)
