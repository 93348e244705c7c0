"""A Markdown post's or an HTML page's list row read straight from its bytes
(`Format.row`, no page built) is the row the page would give: the same fields, and
the same rows of a scan with the quick path as without it."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.formats import html, markdown
from reader.core.formats.base import Format, Page
from reader.core.library import _iso, read_task
from reader.core.models import order_stamp
from reader.core.textio import NotText
from tests.core.test_html_head_listing import _heads
from tests.core.test_markdown_listing import _texts

PATH = "/lib/feed/post"


def _fields(page: Page) -> tuple[object, ...]:
    return (
        page.title, page.date, page.url, page.source, page.tags, page.identity,
        page.warning,
    )  # fmt: skip


_encodings = st.sampled_from(["utf-8", "utf-8", "cp1252", "utf-16-le", "utf-8-sig"])
_tails = st.sampled_from([b"", b"", b"\xe9", b"\xc3", b"\x00\x00\x00", b"\x01\x02" * 20, b"\r"])


def _encoded(text: str, encoding: str, tail: bytes) -> bytes:
    return text.encode(encoding, "replace") + tail


@settings(max_examples=600)
@given(_texts, _encodings, _tails, st.booleans())
def test_a_post_s_quick_row_is_its_listed_page_s(
    text: str, encoding: str, tail: bytes, truncated: bool
) -> None:
    data = _encoded(text, encoding, tail)
    path = PATH + ".md"
    try:
        pages = markdown.list_markdown_page(data, path, truncated)
    except NotText:  # binary: both refuse the file
        with pytest.raises(NotText):
            markdown.markdown_row(data, path, truncated)
        return
    row = markdown.markdown_row(data, path, truncated)
    if isinstance(row, tuple):
        assert row == _fields(pages[0])
        # and the whole parse (what opening the post shows) agrees
        assert row == _fields(markdown.FORMAT.parse(data, path, truncated)[0])
    else:
        assert row == pages


def test_a_post_with_plain_front_matter_is_listed_without_decoding_its_body() -> None:
    data = b'---\ntitle: "A post"\ndate: 2025-02-03\ntags: [a, b]\nguid: g-1\n---\n' + (
        "Caf\u00e9 \x1b[2J body\n".encode() * 400
    )
    row = markdown.markdown_row(data, PATH + ".md", False)
    assert isinstance(row, tuple)
    assert row[0] == "A post" and row[4] == ("a", "b") and row[5] == "g-1"
    # not plain up to the front matter's end: the page's way
    assert isinstance(markdown.markdown_row(b"---\ntitle: Caf\xc3\xa9\n---\n", "p.md", False), list)
    # a front matter that is no text (NUL bytes in bulk): refused as the page is
    with pytest.raises(NotText):
        markdown.markdown_row(b"---\ntitle: A\n---\n" + b"\x00" * 900, "p.md", False)


_page_tails = st.sampled_from(
    [
        "</head><body><p>Text</p></body></html>",
        "</head><body><meta name=author content=X><p>Text</p>",
        '</head><body><script type="application/ld+json">{"datePublished": "2024-05-09"}</script>',
        "</HEAD><BODY><LINK rel=canonical href=https://x.example/b>",
        "",
        "</head><body>\x1b[2J\u00e9",
    ]
)
_charsets = st.sampled_from(
    [
        "", "", '<meta charset="utf-8">', '<meta charset="iso-8859-1">', "<meta charset=cp037>",
        '<meta http-equiv="Content-Type" content="text/html; charset=iso-2022-jp">',
        '<?xml version="1.0" encoding="utf-16"?>', "\x1b$B", "\u00e9",
    ]
)  # fmt: skip
_dated_heads = st.tuples(
    st.sampled_from(["<!DOCTYPE html><html><head>", "<head>", ""]),
    _charsets,
    st.sampled_from(
        [
            "",
            '<meta property="article:published_time" content="2025-02-03T10:00:00Z">',
            '<meta name="date" content="2025-02-31">',
        ]
    ),
    st.sampled_from(["<title>A page</title>", "", '<meta property="og:title" content="OG">']),
    _heads,
    _page_tails,
).map("".join)


@settings(max_examples=600, suppress_health_check=[HealthCheck.too_slow])
@given(_dated_heads, _encodings, _tails, st.booleans())
def test_a_page_s_quick_row_is_its_listed_page_s(
    text: str, encoding: str, tail: bytes, truncated: bool
) -> None:
    data = _encoded(text, encoding, tail)
    path = PATH + ".html"
    try:
        # the page's own listing, which decodes the whole page
        pages = html.parse_html_page(data, path, truncated, body=False)
    except NotText:
        with pytest.raises(NotText):
            html.html_row(data, path, truncated)
        return
    row = html.html_row(data, path, truncated)
    if isinstance(row, tuple):
        assert row == _fields(pages[0])
    else:
        assert row == pages
    assert html.list_html_page(data, path, truncated) == pages


@contextmanager
def _without_rows(*formats: Format) -> Iterator[None]:
    """The formats' quick rows turned off: the scan builds each file's page."""
    kept = [fmt.row for fmt in formats]
    try:
        for fmt in formats:
            object.__setattr__(fmt, "row", None)
        yield
    finally:
        for fmt, row in zip(formats, kept, strict=True):
            object.__setattr__(fmt, "row", row)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_texts | _dated_heads, _encodings, _tails), min_size=1, max_size=6))
def test_a_scan_lists_the_same_rows_with_the_quick_rows_as_without(
    files: list[tuple[str, str, bytes]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        task = []
        for number, (text, encoding, tail) in enumerate(files):
            suffix = ".html" if "<" in text[:40] and number % 2 else ".md"
            path = os.path.join(folder, f"{number}{suffix}")
            with open(path, "wb") as handle:
                handle.write(_encoded(text, encoding, tail))
            task.append((path, "feed", False))
        quick = read_task(task)
        with _without_rows(markdown.FORMAT, html.FORMAT):
            slow = read_task(task)
    assert quick == slow
    # each row's stamp, dated rows' looked up by their date, is the row's own
    columns, stamps, _ = quick
    rows = list(zip(*columns, strict=True))
    assert stamps == [order_stamp(_iso(row[6] or row[12]), row[2]) for row in rows]


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=3000), st.integers(1, 2500), st.integers(1, 700))
def test_a_head_read_in_short_reads_is_the_head_read_at_once(
    data: bytes, limit: int, most: int
) -> None:
    """`read_head`'s one read of a small file, and the file system's short reads
    (`os.read` giving at most `most` bytes at a time) give the same head."""
    from unittest import mock

    from reader.core import files

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "a.txt")
        with open(path, "wb") as handle:
            handle.write(data)
        head, cut, info = files.read_head(path, limit)
        real = os.read
        with mock.patch.object(files.os, "read", lambda fd, n: real(fd, min(n, most))):
            short, short_cut, _ = files.read_head(path, limit)
    assert (head, cut, info.st_size) == (data[:limit], len(data) > limit, len(data))
    assert (short, short_cut) == (head, cut)


_names = st.lists(
    st.sampled_from(["a", ".", "/", "txt", "MD", "..", " ", "\u00e9", "x.y"]), max_size=10
).map("".join)


@given(_names)
def test_a_suffix_is_the_one_splitext_finds(path: str) -> None:
    from reader.core.formats import suffix_of

    assert suffix_of(path) == os.path.splitext(path)[1].lower()


@given(st.dates() | st.datetimes(timezones=st.timezones()))
def test_a_remembered_iso_text_is_the_date_s_own(date: dt.date) -> None:
    """`iso_text` (what a scan writes a row's date as, in its id and its row) is
    `isoformat()`, asked once or again, for a date or an aware datetime (whose equal
    values may read differently)."""
    from reader.core.models import iso_text

    assert iso_text(date) == iso_text(date) == date.isoformat()
