"""Property tests with arbitrary and hostile bytes for everything that reads article files.

Sized for CI (a few seconds in all). For a long session multiply every example
count, e.g. `READER_FUZZ_SCALE=200 pytest tests/core/test_fuzz.py
--hypothesis-show-statistics`; `tests/hostile/fuzz_loop.py` mutates the hostile
corpus instead.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reader.core.clean import FeedEvidence
from reader.core.formats import MAX_TITLE, Page, parse_page
from reader.core.formats.markdown import split_markdown_blocks
from reader.core.formats.text import text_header
from reader.core.identity import normalise_title
from reader.core.library import Candidate, read_article
from reader.core.models import Article, Rules
from reader.core.reading import open_article
from reader.core.sanitize import MAX_COMBINING, clean_display_text, clean_line
from reader.core.state import StateStore
from reader.core.textio import NotText, decode
from tests.core.test_hostile import assert_screen_safe
from tests.core.test_state_properties import FILE_BYTES

SCALE = float(os.environ.get("READER_FUZZ_SCALE", "1"))


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=max(1, int(examples * SCALE)),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


# Pieces that hostile pages are made of, mixed with arbitrary text.
PIECES = st.sampled_from(
    [
        "\x1b[2J",
        "\x1b[31m",
        "\x1b]0;title\x07",
        "\x1b]52;c;ZXZpbA==\x1b\\",
        "\x1b]8;;https://x\x1b\\",
        "\x1b]",
        "\x1bP",
        "\x1b",
        "\x9b",
        "\x9d",
        "\x85",
        "\r",
        "\r\n",
        "\n",
        "\n\n",
        "\t",
        "\x00",
        "\x0c",
        "\ufeff",
        "\u202e",
        "\u2066",
        "\u200b",
        "\u2028",
        "\udcff",
        "\uffff",
        "\u0301" * 7,
        "東京",
        "👨\u200d👩\u200d👧",
        "---\n",
        "...\n",
        "date ",
        "2025-01-01 ",
        "9999-99-99",
        "# ",
        "## Heading\n",
        "```\n",
        "~~~\n",
        "[bold]",
        "[/]",
        "[@click=app.quit]",
        "[link=x]",
        "title: ",
        "date: 2025-13-45\n",
        "tags: [a, *x]\n",
        "&x ",
        "*x",
        "!!binary ",
        "{",
        "[",
        ": ",
        "- ",
        "0x" + "f" * 40,
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=12), PIECES), max_size=40).map("".join)
FRONT_MATTER = st.builds(lambda fm, body: f"---\n{fm}\n---\n{body}", TEXT, TEXT)
HEADER = st.builds(lambda title, body: f"date 2025-01-01 {title}\n{body}", TEXT, TEXT)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252"]


def _encode(text: str, encoding: str) -> bytes:
    errors = "surrogatepass" if encoding.startswith("utf") else "replace"
    return text.encode(encoding, errors)


PAGE_BYTES = st.one_of(
    st.binary(max_size=1500),
    st.builds(_encode, st.one_of(TEXT, FRONT_MATTER, HEADER), st.sampled_from(ENCODINGS)),
)
NAMES = st.sampled_from(["a.txt", "a.md", "b.markdown", "\x1b[2J.txt", "\udcff.md", "[b].TXT"])
COMBINING = re.compile(
    f"[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
    f"{{{MAX_COMBINING + 1}}}"
)


def check_page(page: Page) -> None:
    assert page.title and len(page.title) <= MAX_TITLE
    assert page.title == page.title.strip()
    assert_screen_safe(page.title, multiline=False, what="title")
    assert_screen_safe(page.body, multiline=True, what="body")
    for field in (page.url or "", page.source or "", *page.tags):
        assert_screen_safe(field, multiline=False, what="metadata")
    assert page.date is None or isinstance(page.date, dt.date)
    for block in page.blocks():
        assert block.strip()
        assert_screen_safe(block, multiline=True, what="block")


@fuzz(300)
@given(data=PAGE_BYTES, name=NAMES, truncated=st.booleans())
def test_parse_page_never_raises_and_is_screen_safe(
    data: bytes, name: str, truncated: bool
) -> None:
    try:
        page = parse_page(data, Path(name), truncated=truncated)
    except NotText as error:
        assert str(error).startswith("binary file")
        return
    assert page.truncated == truncated
    assert page.format == ("txt" if name.lower().endswith(".txt") else "md")
    check_page(page)


# A first line of ASCII (controls and all) in the shapes a header takes, then any bytes.
ASCII_HEADER = st.builds(
    lambda lead, sep, date, gap, title, end: f"{lead}date{sep}{date}{gap}{title}{end}",
    st.sampled_from(["", " ", "\t", " \t", "\x0c", "x"]),
    st.sampled_from([" ", "\t", "  ", "", "\x0b"]),
    st.sampled_from(["2025-01-01", "2025-13-45", "x", "2025-01-01T10:00", "", "2025-01-01\x1b"]),
    st.sampled_from([" ", "\t", "", " \r "]),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127), max_size=60),
    st.sampled_from(["\n", "\r\n", "\r", "", " \n", "\t\r\n"]),
)
HEADED_BYTES = st.builds(
    lambda head, rest: head.encode("ascii") + rest,
    ASCII_HEADER,
    st.one_of(PAGE_BYTES, st.just(b"")),
)


@fuzz(500)
@given(data=HEADED_BYTES, truncated=st.booleans())
def test_text_header_agrees_with_parse_page(data: bytes, truncated: bool) -> None:
    """The scan's shortcut for plain header lines gives what the full parse gives, or passes."""
    header = text_header(data)
    try:
        page = parse_page(data, "a.txt", truncated=truncated)
    except NotText:
        assert header is None
        return
    assert header is None or header == (page.title, page.date)


def test_text_header_takes_the_plain_header_line() -> None:
    data = b"  date 2025-01-02\t Ferry  timetable changes \r\nbody\r\n"
    assert text_header(data) == ("Ferry timetable changes", dt.date(2025, 1, 2))
    assert text_header(b"date 2025-01-02 Caf\xc3\xa9 opens\nbody") is None  # not ASCII
    assert text_header(b"date 2025-01-02 Ferry\nbody\x00" + b"\x01" * 40) is None  # binary


@fuzz(150)
@given(data=PAGE_BYTES, name=NAMES)
def test_read_article_and_open_article_on_any_file(data: bytes, name: str) -> None:
    """The scan's row and the opened page agree on a file of any content."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        candidate = Candidate(str(path), "feed", 0.0, 0)
        try:
            article = read_article(candidate)
        except NotText:
            return
        assert article.size == len(data)
        assert_screen_safe(article.title, multiline=False, what="row title")
        reading = open_article(article)
        assert reading.page.title == article.title  # small files: the head is the file
        assert [b.text for b in reading.result.blocks] == reading.page.blocks()
        assert_screen_safe(reading.markdown(), multiline=True, what="markdown")


@fuzz(300)
@given(data=st.binary(max_size=3000), partial=st.booleans())
def test_decode_returns_text_or_refuses_binary(data: bytes, partial: bool) -> None:
    try:
        text = decode(data, partial=partial)
    except NotText as error:
        assert str(error).startswith("binary file")
        return
    assert isinstance(text, str)


CLEAN_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp"), blacklist_characters="\x00")
)


@fuzz(200)
@given(text=CLEAN_TEXT, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decode_round_trips_text(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)) == text


@fuzz(200)
@given(text=CLEAN_TEXT, cut=st.integers(min_value=0, max_value=400))
def test_decode_of_a_prefix_is_a_prefix(text: str, cut: int) -> None:
    """A head cut inside a character loses that character, nothing else (partial=True)."""
    data = text.encode("utf-8")
    assert text.startswith(decode(data[:cut], partial=True))


@fuzz(500)
@given(text=st.one_of(TEXT, st.text()))
def test_clean_display_text_is_safe_and_idempotent(text: str) -> None:
    out = clean_display_text(text)
    assert_screen_safe(out, multiline=True, what="clean_display_text")
    assert clean_display_text(out) == out


NONCHARACTERS = "".join(map(chr, range(0xFDD0, 0xFDF0))) + "\ufffe\uffff"


@fuzz(200)
@given(
    text=st.text(
        st.characters(
            blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp"),
            blacklist_characters=NONCHARACTERS,
        )
    )
)
def test_clean_display_text_leaves_clean_text_alone(text: str) -> None:
    assert clean_display_text(text + "\n" + text) == text + "\n" + text


@fuzz(500)
@given(text=st.one_of(TEXT, st.text()))
def test_clean_line_is_one_tidy_line(text: str) -> None:
    out = clean_line(text)
    assert_screen_safe(out, multiline=False, what="clean_line")
    assert out == out.strip() and "  " not in out
    assert COMBINING.search(out) is None
    assert clean_line(out) == out


@fuzz(300)
@given(text=st.one_of(TEXT, st.text()))
def test_split_markdown_blocks_keeps_every_line_in_order(text: str) -> None:
    blocks = split_markdown_blocks(text)
    assert all(block.strip() for block in blocks)
    lines_in = [line.rstrip() for line in text.splitlines() if line.strip()]
    lines_out = [line for block in blocks for line in block.split("\n") if line.strip()]
    assert lines_out == lines_in


@fuzz(150)
@given(data=PAGE_BYTES, other=PAGE_BYTES, name=NAMES, hide=st.booleans())
def test_cleaning_keeps_every_block_in_order(
    data: bytes, other: bytes, name: str, hide: bool
) -> None:
    """body + hidden == blocks, with feed evidence and rules too (as `open_article`)."""
    try:
        page = parse_page(data, Path(name))
        second = parse_page(other, Path(name)).blocks()
    except NotText:
        assume(False)
        return
    blocks = page.blocks()
    evidence = FeedEvidence.build([blocks, second, second])
    rules = Rules(hide=(re.compile("a"),), keep=(re.compile("b"),)) if hide else None
    article = Article(id="x", path=Path(name), feed="f", title=page.title, date=None, mtime=0)
    result = open_article(article, page=page, evidence=evidence, rules=rules).result
    assert [b.text for b in result.blocks] == blocks
    assert len(result.body) + len(result.hidden) == len(blocks)
    assert all(b.reason for b in result.hidden)
    for extra in (result.dateline, result.byline):
        assert extra is None or "\n" not in extra


@fuzz(60)
@given(raw=FILE_BYTES)
def test_refresh_survives_any_file_written_by_someone_else(raw: bytes) -> None:
    """Extends test_state_properties (load of any bytes): the file turns into anything
    *while* a store is open; refresh and the next save must cope, and our mark stays."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "state.json"
        store = StateStore(path)
        store.load()
        store.set_starred("mine", True)
        path.write_bytes(raw)
        notices = store.refresh()
        assert all(isinstance(n, str) and n for n in notices)
        store.set_read("probe", True)
        assert store.is_read("probe")
        if store.read_only_reason is None:
            assert store.save_error is None
            again = StateStore(path)
            again.load()
            assert again.is_read("probe")


@fuzz(300)
@given(title=st.text(alphabet=st.characters(max_codepoint=127)))
def test_normalise_title_takes_a_shortcut_for_ascii_only(title: str) -> None:
    folded = unicodedata.normalize("NFKC", title).casefold()
    assert normalise_title(title) == " ".join(re.sub(r"[\W_]+", " ", folded).split())
