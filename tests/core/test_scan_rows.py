"""The scan's quick paths give exactly what the plain ones give: rows built from
columns, ids hashed from bytes, the quick text check, the walk's candidates."""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import hashlib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.core import library as library_module
from reader.core import textio
from reader.core.identity import ID_LENGTH, article_id, normalise_title
from reader.core.library import Candidate, find_files, read_task, scan, sort_articles
from reader.core.models import Article
from reader.core.textio import NotText, _binary, _nul_heavy, decode, is_byte_text

_text = st.text(max_size=40)
_ascii = st.text(st.characters(max_codepoint=127), max_size=60)
_dates = st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
_rows = st.tuples(
    st.text(min_size=1, max_size=20),  # path
    st.integers(0, 10**9),  # size
    st.floats(-1e12, 1e12, allow_nan=False),  # mtime
    st.text(max_size=16),  # id
    st.sampled_from(["a", "feed b"]),  # feed
    _text,  # title
    _dates,  # date
    st.sampled_from(["txt", "md", "html", "feed"]),
    st.none() | _text,  # url
    st.none() | _text,  # source
    st.lists(_text, max_size=3).map(tuple),  # tags
    st.sampled_from(["", "e1", "e2"]),  # entry
    _dates,  # found date
    _text,  # warning
)


@given(st.lists(_rows, min_size=1, max_size=20))
def test_rows_from_columns_are_the_rows_from_row(rows: list[tuple[object, ...]]) -> None:
    stamps = [
        library_module.order_stamp(library_module._iso(r[6] or r[12]), r[2])  # type: ignore[arg-type]
        for r in rows
    ]
    built = Article.from_row_columns(tuple(zip(*rows, strict=True)), stamps)
    one_by_one = [Article.from_row(row) for row in rows]
    assert built == one_by_one
    # the order set at build time is the one the property computes
    assert [a._order for a in built] == [a.order for a in one_by_one]


def _reference_id(title: str, date: dt.date | None, discriminator: str = "") -> str:
    """`article_id` as it always was: the ids of every mark ever made."""
    key = "\x1f".join((normalise_title(title), date.isoformat() if date else "", discriminator))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=ID_LENGTH // 2).hexdigest()


@given(_ascii | st.text(), st.none() | st.dates(), _ascii | st.text(max_size=10))
def test_article_ids_are_the_ids_they_always_were(
    title: str, date: dt.date | None, discriminator: str
) -> None:
    assert article_id(title, date, discriminator) == _reference_id(title, date, discriminator)
    assert article_id(title, date) == _reference_id(title, date)


_bytes = st.binary(max_size=300) | st.lists(
    st.sampled_from([b"a", b" ", b"\n", b"\x00", b"\x01", b"\x1b", b"\x7f", b"\xe9"]),
    max_size=400,
).map(b"".join)


@given(_bytes)
def test_the_quick_text_check_agrees_with_the_counts(data: bytes) -> None:
    sample = data[:8192]
    assert is_byte_text(data) == (not _nul_heavy(sample) and not _binary(sample))


def test_the_walk_gives_the_candidates_it_always_gave(tmp_path: Path) -> None:
    lib = tmp_path / "news"
    (lib / "feed").mkdir(parents=True)
    (lib / "feed" / "a.TXT").write_bytes(b"date 2025-01-02 A\n")
    (lib / "feed" / "b.md").write_bytes(b"# B\n")
    (lib / "feed" / "c.png").write_bytes(b"\x89PNG")
    (lib / "feed" / ".d.txt").write_bytes(b"hidden\n")
    (lib / "top.txt").write_bytes(b"top\n")
    problems: list[library_module.Problem] = []
    found = list(find_files([lib], problems, stat_files=False))
    assert found == [
        Candidate(str(lib / "feed" / "a.TXT"), "feed", in_root=False),
        Candidate(str(lib / "feed" / "b.md"), "feed", in_root=False),
        Candidate(str(lib / "top.txt"), "news", in_root=True),
    ]
    assert all(type(c) is Candidate for c in found)
    assert [p.path.name for p in problems] == ["c.png"]


def test_a_task_comes_back_as_columns_of_the_rows_it_read(tmp_path: Path) -> None:
    lib = tmp_path / "news"
    (lib / "f").mkdir(parents=True)
    (lib / "f" / "a.txt").write_bytes(b"date 2025-01-02 A title\nbody\n")
    (lib / "f" / "b.txt").write_bytes(b"Undated, 3 March 2024\nbody\n")
    (lib / "f" / "c.txt").write_bytes(b"")
    task = [(str(lib / "f" / n), "f", False) for n in ("a.txt", "b.txt", "c.txt")]
    columns, stamps, failed = read_task(task)
    articles = Article.from_row_columns(columns, stamps)
    assert [a.title for a in articles] == ["A title", "Undated, 3 March 2024"]
    assert articles[1].found_date == dt.date(2024, 3, 3)
    assert failed == [(task[2][0], "empty file")]
    assert read_task([]) == ((), [], [])


def test_a_scan_sorts_as_sort_articles_does(tmp_path: Path) -> None:
    lib = tmp_path / "news"
    for i in range(12):
        folder = lib / f"feed{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        date = f"date 2025-01-{1 + i % 4:02d} " if i % 5 else ""
        (folder / f"{i}.txt").write_text(f"{date}Title {i % 6}\nbody\n")
    articles = scan([lib]).articles
    fresh = [dataclasses.replace(a) for a in articles]  # orders computed afresh
    assert articles == sort_articles(fresh)
    assert len({a.id for a in articles}) == len(articles)  # namesakes separated


def _reference_decode(data: bytes, partial: bool) -> str:
    """`decode` as it was before its quick check (the BOMs aside)."""
    sample = data[:8192]
    if _nul_heavy(sample):
        return textio._decode_utf16_or_refuse(data, sample)
    if _binary(sample):
        raise NotText("binary file (control bytes)")
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(data, final=not partial)
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


@given(_bytes | st.text().map(str.encode), st.booleans())
def test_decoding_reads_every_text_as_it_did(data: bytes, partial: bool) -> None:
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return  # by the BOM, before either check
    try:
        expected: str | None = _reference_decode(data, partial)
    except NotText:
        expected = None
    try:
        got: str | None = decode(data, partial=partial)
    except NotText:
        got = None
    assert got == expected
