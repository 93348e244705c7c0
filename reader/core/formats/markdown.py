"""Markdown (.md, .markdown): optional front matter, YAML between `---` lines or TOML
between `+++` lines as Hugo writes it (title, date, url or link, source, tags), the
title else from the first heading; blocks are paragraphs (fenced code kept whole)
and are displayed rendered as Markdown. A `guid` key (what `reader fetch` writes) is
the post's identity (`Page.identity`). Front matter that cannot be read, or a date
that is no date, gives the page a warning (`Page.warning`): the post is still shown."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from reader.core.formats.base import (
    HEAD_BYTES,
    MAX_TITLE,
    Format,
    Listed,
    Markup,
    Page,
    byline_of,
    fallback_title,
    first_line,
    matches,
    one_article,
    one_line,
    optional_line,
    parse_date,
)
from reader.core.sanitize import clean_display_text, clean_line
from reader.core.textio import decode, is_byte_text

# Front matter must close within this many characters, which the head read by a
# scan always holds (HEAD_BYTES in any encoding, up to 4 bytes a character), so the
# list and the opened article agree on it. Longer "front matter" is body text.
MAX_FRONT_MATTER = HEAD_BYTES // 4 - 96
MAX_TAGS = 64
# `guid` in the front matter (as `reader fetch` writes it) is the post's identity: its
# id, and so its marks, come from it instead of its title and date.
MAX_GUID = 2000
MAX_TAG = 100

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\n(.*?)\n\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)
_OPENING = re.compile(r"\A(---|\+\+\+)[ \t]*\n")
_DAY_FIRST = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# What sniffing takes for Markdown: front matter, or a heading on the first line.
_SNIFF = re.compile(rb"(?:\xef\xbb\xbf)?(?:---[ \t]*\r?\n|\+\+\+[ \t]*\r?\n| {0,3}#{1,6}[ \t]+\S)")


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
    """Markdown with optional YAML or TOML front matter; the title falls back to the
    first heading."""
    text = clean_display_text(text)
    meta: dict[str, Any] = {}
    warning: str | None = None
    body = titled = text
    match = _FRONT_MATTER.match(text, 0, MAX_FRONT_MATTER)
    toml = match is None and (match := _TOML_FRONT_MATTER.match(text, 0, MAX_FRONT_MATTER))
    if match:
        meta, warning = _load_front_matter(match.group(1), toml=bool(toml))
        body = titled = text[match.end() :]
    elif opening := _OPENING.match(text):
        fence = opening.group(1)
        warning = f"front matter ignored: no {fence} line closes it near the top"
        titled = text[opening.end() :]
    title = optional_line(meta.get("title")) or _first_heading(titled)
    title = title or first_line(titled) or fallback_title
    return _page(meta, title, body, warning, truncated)


def _page(
    meta: dict[str, Any], title: str, body: str, warning: str | None, truncated: bool
) -> Page:
    """The page of a post with front matter `meta` (a date that is no real date adds
    a warning, when there is none yet)."""
    title, date, url, source, tags, identity, warning = _fields(meta, title, warning)
    return Page(
        title=title,
        date=date,
        body=body,
        format="md",
        url=url,
        byline=byline_of(meta.get("author") or meta.get("authors")),
        source=source,
        tags=tags,
        truncated=truncated,
        markup=MARKDOWN.name,
        identity=identity,
        warning=warning,
    )


def _fields(meta: dict[str, Any], title: str, warning: str | None) -> Listed:
    """The list row's fields of a post with front matter `meta` and title `title`:
    what `_page` puts in the page, and a scan lists (`markdown_row`)."""
    date = parse_date(meta.get("date"))
    if date is None and meta.get("date") not in (None, ""):
        warning = warning or _date_warning(meta["date"])
    guid = meta.get("guid")
    return (
        title[:MAX_TITLE],
        date,
        optional_line(meta.get("url") or meta.get("link")),
        optional_line(meta.get("source")),
        _tags(meta.get("tags")),
        (guid.strip()[:MAX_GUID] or None) if isinstance(guid, str) else None,
        warning,
    )


def list_markdown_page(data: bytes, path: str, truncated: bool) -> list[Page]:
    """What a scan needs of a post: its front matter, when that names the title, read
    without cleaning or searching the body (a list row shows none of it); else the
    whole parse. The same rows as `parse_markdown_page`."""
    text = decode(data, partial=truncated)
    page = _listed(text, truncated)
    return [page or parse_markdown_page(text, fallback_title(path), truncated=truncated)]


def _listed(text: str, truncated: bool) -> Page | None:
    """The row of a post whose front matter has a title, from the text up to the
    front matter's end; None when the whole text has to be read.

    The front matter is matched in a prefix of the text that needs no cleaning (only
    printable characters and newlines), which is then also the prefix of the cleaned
    text: every pattern `clean_display_text` removes or replaces starts with a
    character that is not printable."""
    if text.startswith("---"):
        closing = min(_find(text, "\n---"), _find(text, "\n..."))
    elif text.startswith("+++"):
        closing = _find(text, "\n+++")
    else:
        return None
    if closing > MAX_FRONT_MATTER:
        return None
    line_end = text.find("\n", closing + 4)
    prefix = text if line_end < 0 else text[: line_end + 1]
    if not prefix.replace("\n", "").isprintable():
        return None
    found = _titled_front_matter(prefix, len(text))
    if found is None:
        return None
    meta, title, warning = found
    return _page(meta, title, "", warning, truncated)


def _titled_front_matter(prefix: str, length: int) -> tuple[dict[str, Any], str, str | None] | None:
    """The front matter, title and warning of a post of `length` characters whose
    first characters are `prefix`, printable but for newlines and running to the end
    of the line that closes the front matter (or to the post's end), when the front
    matter names a title; else None. A match must end with its line end inside the
    prefix (the pattern's end of text would otherwise match at the cut)."""
    end = min(len(prefix), MAX_FRONT_MATTER)
    whole = end in (length, MAX_FRONT_MATTER)
    toml = prefix.startswith("+++")
    found = fenced_front_matter(prefix, end, "+++" if toml else "---")
    if found is None:
        return None
    raw, matched = found
    if not (whole or prefix[matched - 1] == "\n"):
        return None
    meta, warning = _load_front_matter(raw, toml=toml)
    title = optional_line(meta.get("title"))
    if not title:
        return None  # from the first heading, which the whole text holds
    return meta, title, warning


def fenced_front_matter(text: str, end: int, fence: str) -> tuple[str, int] | None:
    """What `_FRONT_MATTER.match(text, 0, end)` (`fence` "---") or
    `_TOML_FRONT_MATTER.match(text, 0, end)` ("+++") finds: the front matter (group
    1) and where the match ends; None where it finds none. Found with `str.find`:
    the patterns' lazy `(.*?)` costs the regex engine ~150 instructions a character
    (24,000 for a four-line front matter), a find of the closing line a few."""
    if not text.startswith(fence, 0, end):
        return None
    start = _past_blanks(text, 3, end)
    if start >= end or text[start] != "\n":
        return None
    start += 1
    closer, other = ("\n---", "\n...") if fence == "---" else ("\n+++", "\n+++")
    at = start
    while True:
        found = text.find(closer, at, end)
        # the other closing mark only where it comes first
        first = text.find(other, at, end if found < 0 else found + 3)
        at = found if first < 0 else first
        if at < 0:
            return None
        after = _past_blanks(text, at + 4, end) if text[at + 4 : at + 5] in " \t" else at + 4
        if after == end:  # `\Z`: the end of what is matched
            return text[start:at], after
        if text[after] == "\n":
            return text[start:at], after + 1
        at += 1


def _past_blanks(text: str, at: int, end: int) -> int:
    """Where the spaces and tabs from `at` end (`[ \t]*`), at most `end`."""
    while at < end and text[at] in " \t":
        at += 1
    return at


def markdown_row(data: bytes, path: str, truncated: bool) -> Listed | list[Page]:
    """`FORMAT.row`: a post's list row read from its bytes, when its front matter names
    the title and the bytes up to the front matter's end are printable ASCII (and
    newlines): those decode and clean to themselves, so `_listed` would read the same
    prefix, without decoding the rest of the post or building its page. Else the
    pages `list_markdown_page` gives. The same fields as `list_markdown_page`."""
    if data.startswith(b"---"):
        closing = _find_bytes(data, b"\n---")
        # "..." closes it too when it comes first: looked for only up to there (a
        # search of the whole probe for a mark most posts lack cost 10,000
        # instructions a post)
        dots = data.find(b"\n...", 0, closing + 3)
        closing = closing if dots < 0 else dots
    elif data.startswith(b"+++"):
        closing = _find_bytes(data, b"\n+++")
    else:
        return list_markdown_page(data, path, truncated)
    if closing <= MAX_FRONT_MATTER:
        line_end = data.find(b"\n", closing + 4)
        prefix = data if line_end < 0 else data[: line_end + 1]
        # Printable ASCII and newlines up to there, and bytes `decode` reads as UTF-8
        # or a code page (not UTF-16, not binary), which leave ASCII as it is.
        if not prefix.translate(None, _PRINTABLE_LINES) and is_byte_text(data):
            found = _titled_front_matter(prefix.decode("ascii"), len(data))
            if found is not None:
                return _fields(*found)
    return list_markdown_page(data, path, truncated)


# Printable ASCII and the newline: what `bytes.translate` deletes to tell that a
# prefix is only those.
_PRINTABLE_LINES = bytes(range(0x20, 0x7F)) + b"\n"


def _find_bytes(data: bytes, mark: bytes) -> int:
    """`_find` of bytes."""
    at = data.find(mark)
    return len(data) + 1 if at < 0 else at


def _find(text: str, mark: str) -> int:
    """Where `mark` first is in `text`, or past any text's end."""
    at = text.find(mark)
    return len(text) + 1 if at < 0 else at


FORMAT = Format(
    name="md",
    suffixes=(".md", ".markdown"),
    markup=MARKDOWN,
    parse=one_article(parse_markdown_page),
    listing=list_markdown_page,
    row=markdown_row,
    probe_bytes=HEAD_BYTES,
    head_bytes=HEAD_BYTES,
    sniff=matches(_SNIFF),
)


_Loader = Callable[[str], tuple[dict[str, Any], str | None]]


def _load_front_matter(raw: str, *, toml: bool) -> tuple[dict[str, Any], str | None]:
    """Front matter, and a warning when it is broken or hostile (it is then absent)."""
    global _LOADERS
    if _LOADERS is None:
        # Imported here: PyYAML is a tenth of the start-up's imports, and most
        # libraries hold no Markdown with front matter at all. (Kept: an import
        # statement per post is a tenth of listing it.)
        from reader.core.front_matter import load_toml, load_yaml

        _LOADERS = (load_yaml, load_toml)
    return _LOADERS[toml](raw)


_LOADERS: tuple[_Loader, _Loader] | None = None


def _date_warning(value: object) -> str:
    shown = one_line(value, 30) or "?"
    if isinstance(value, str) and _DAY_FIRST.match(value.strip()):
        return f"front matter date {shown!r} is ambiguous: write YYYY-MM-DD"
    return f"front matter date {shown!r} is not a date: write YYYY-MM-DD"


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
