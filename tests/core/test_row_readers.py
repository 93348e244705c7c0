"""The quick readers of a list row's pieces read as the regexes they stand in for:
a Markdown post's front matter found with `str.find` (`fenced_front_matter`), its
quoted values and dates told by string methods, and an HTML page's `</head` and the
elements after it found in the bytes (`_head_end`, `_SEARCHED`), on hostile input
too (fences left open, blanks without end, case and look-alike letters)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import front_matter
from reader.core.formats import html, markdown
from reader.core.formats.markdown import fenced_front_matter

_PIECES = ["---", "+++", "...", "\n", " ", "\t", "-", ".", "+", "a: b", "x", "\r", "é"]
_texts = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@settings(max_examples=1500)
@given(_texts, st.integers(0, 120))
def test_front_matter_is_found_as_the_patterns_find_it(text: str, end: int) -> None:
    end = min(end, len(text))
    for fence, pattern in (("---", markdown._FRONT_MATTER), ("+++", markdown._TOML_FRONT_MATTER)):
        match = pattern.match(text, 0, end)
        expected = None if match is None else (match.group(1), match.end())
        assert fenced_front_matter(text, end, fence) == expected, (fence, text, end)


def test_hostile_front_matter_is_found_in_one_pass() -> None:
    open_fence = "---\n" + "a: b\n" * 5000
    assert fenced_front_matter(open_fence, len(open_fence), "---") is None
    blanks = "---" + " \t" * 20000 + "\n"
    assert fenced_front_matter(blanks, len(blanks), "---") is None
    closers = "---\nx\n" + "\n--- x" * 5000 + "\n---\n"
    assert fenced_front_matter(closers, len(closers), "---") == (
        closers[4 : len(closers) - 5],
        len(closers),
    )


_values = st.one_of(
    st.text(st.sampled_from('"\'\\ab1-٣²'), max_size=12),
    st.sampled_from(['"a"', "'a'", '"', "'", '""', "''", '"a\\"', "2025-01-02", "٢٠٢٥-٠١-٠٢",
                     "2025-1-02", "²⁰²⁵-01-02", "2025-01-022", "2025/01/02"]),
)  # fmt: skip


@given(_values)
def test_quoted_values_and_dates_read_as_the_patterns_read_them(value: str) -> None:
    assert front_matter._quoted(value) == bool(re.fullmatch(r""""[^"\\]*"|'[^']*'""", value))
    assert front_matter._iso_date(value) == bool(re.fullmatch(r"\d{4}-\d\d-\d\d", value))


_page_bytes = st.lists(
    st.sampled_from(
        [b"<head>", b"</head>", b"</HEAD>", b"</hEaD", b"</he", b"<meta", b"<META", b"<Link",
         b"<lin", b"+json", b"+JSON", b"<menu", b"+lint", b"x", b" ", b"<", b"+", b"\x00",
         b"\xe2\x84\xaa", b"<title>T</title>"]
    ),
    max_size=20,
).map(b"".join)  # fmt: skip


def test_the_three_words_after_the_head_read_as_one() -> None:
    for word in (b"<meta", b"<META", b"<Link", b"+json", b"+JSON"):
        assert word[:4].translate(html._SEARCHED) == html._AFTER_HEAD
    for word in (b"<base", b"<title", b"<h1", b"json", b"<!--"):
        assert word[:4].translate(html._SEARCHED) != html._AFTER_HEAD


@settings(max_examples=1000)
@given(_page_bytes)
def test_the_head_end_and_what_follows_it_are_found_in_the_bytes(data: bytes) -> None:
    end = data.lower().find(b"</head")
    assert html._head_end(data) == end
    if end >= 0:
        searched = data.translate(html._SEARCHED)
        followed = any(data.lower().find(word, end) >= 0 for word in (b"<meta", b"<link", b"+json"))
        # every page the three searches found followed is found so (others may be too)
        assert not followed or searched.find(html._AFTER_HEAD, end) >= 0


def _fields(listed: object) -> tuple[object, ...]:
    if isinstance(listed, tuple):
        return listed[:4]
    (page,) = listed  # type: ignore[misc]
    return (page.title, page.date, page.url, page.source)


def test_a_page_whose_body_reads_like_a_meta_is_parsed_with_the_same_row() -> None:
    head = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>T | Site</title>'
        '<meta property="og:title" content="Storm"><meta property="article:published_time"'
        ' content="2025-02-03T08:00:00Z"></head>'
    )
    for body in ("<p>x</p>", "<menu><li>a</li></menu>", "<p>a+lint</p>",
                 '<META property="og:title" content="Other">', '<LINK rel="canonical" '
                 'href="https://x.example/a">', '<script type="application/LD+JSON">'
                 '{"datePublished": "2024-01-01"}</script>'):  # fmt: skip
        data = f"{head}<body>{body}</body></html>".encode()
        quick = html.html_row(data, "p.html", False)
        parsed = html.parse_html_page(data, "p.html", False, body=False)
        assert _fields(quick) == _fields(parsed), body
        assert isinstance(quick, tuple) == (body == "<p>x</p>"), body
