"""Parsing of the two article formats and of hostile bytes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.core.formats import parse_page, read_page
from reader.core.formats.markdown import parse_markdown_page, split_markdown_blocks
from reader.core.formats.text import parse_text_page
from reader.core.textio import NotText, decode


def test_text_header_gives_title_and_date() -> None:
    page = parse_text_page("  date 2025-08-21 Drones and diplomacy\n\nBody line.\n", "stem")
    assert page.title == "Drones and diplomacy"
    assert page.date == dt.date(2025, 8, 21)
    assert page.blocks() == ["Body line."]


def test_text_without_header_uses_first_line_and_unknown_date() -> None:
    page = parse_text_page("\n\n  Storm hits the coast  \nSecond line\n", "stem")
    assert page.title == "Storm hits the coast"
    assert page.date is None
    assert page.blocks() == ["  Storm hits the coast", "Second line"]


def test_text_bad_date_is_unknown_not_an_error() -> None:
    page = parse_text_page("date 2025-13-45 A title\nbody", "stem")
    assert page.date is None
    assert page.title == "A title"


def test_empty_file_falls_back_to_file_stem() -> None:
    assert parse_page(b"", Path("my-article.txt")).title == "my-article"


def test_markdown_front_matter() -> None:
    text = (
        "---\ntitle: Chips are back\ndate: 2025-02-03\nsource: Ledger\n"
        "url: https://example.com/chips\ntags: [hardware, supply]\n---\n"
        "# Ignored heading\n\nBody.\n"
    )
    page = parse_markdown_page(text, "stem")
    assert (page.title, page.date, page.source) == ("Chips are back", dt.date(2025, 2, 3), "Ledger")
    assert page.url == "https://example.com/chips"
    assert page.tags == ("hardware", "supply")
    assert page.blocks() == ["# Ignored heading", "Body."]


def test_markdown_title_falls_back_to_heading_and_bad_yaml_is_ignored() -> None:
    page = parse_markdown_page("---\n: [unclosed\n---\nIntro\n\n## The heading\n", "stem")
    assert page.title == "The heading"
    assert page.date is None


def test_markdown_blocks_keep_fenced_code_whole() -> None:
    blocks = split_markdown_blocks("Para one\nstill one\n\n```\ncode\n\nmore code\n```\n\nEnd")
    assert blocks == ["Para one\nstill one", "```\ncode\n\nmore code\n```", "End"]


def test_decoding_fallbacks() -> None:
    assert decode("café".encode("cp1252")) == "café"
    assert decode("“quoted”".encode("cp1252")) == "“quoted”"
    assert decode("hello".encode("utf-16")) == "hello"
    assert decode("hello world".encode("utf-16-le")) == "hello world"
    assert decode(b"\xef\xbb\xbfbom") == "bom"
    assert decode("naïve".encode()[:3], partial=True) == "na"


def test_binary_data_is_refused() -> None:
    try:
        decode(b"\x00\x01\x02\x00" * 100)
    except NotText:
        return
    raise AssertionError("binary data was decoded")


def test_escape_sequences_and_controls_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "evil.txt"
    path.write_bytes(
        b"date 2025-01-01 Bad \x1b]0;pwned\x07title\x1b[31m\n\x1b[2Jbody\x00\xc2\x9b1m ok\r\n"
    )
    page = read_page(path)
    assert page.title == "Bad title"
    assert page.body == "body ok\n"


def test_large_file_is_cut_and_flagged(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("date 2025-01-01 Big\n" + "word " * 1000, encoding="utf-8")
    page = read_page(path, limit=100)
    assert page.truncated
    assert len(page.body) < 100


@given(st.binary(max_size=2000))
def test_any_bytes_parse_or_refuse_cleanly(data: bytes) -> None:
    for name in ("a.txt", "a.md"):
        try:
            page = parse_page(data, Path(name))
        except NotText:
            continue
        assert page.title
        assert "\x1b" not in page.title + page.body
        assert "\n" not in page.title
