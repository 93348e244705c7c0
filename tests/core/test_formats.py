"""The formats registry: choosing a file's format, and files that hold several entries.

A fake format registered here only (`.multi`: one entry a line) stands in for the
feed files to come: the scan, the metadata cache and the search index must treat
each of its entries as an article of its own, keyed by path and entry id.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core import formats
from reader.core import library as library_module
from reader.core.cache import load_cache, save_cache
from reader.core.formats import (
    EntryGone,
    Format,
    Page,
    format_for,
    markdown,
    parse_date,
    read_entries,
    read_entry,
    read_page,
    register,
    text,
    unregister,
)
from reader.core.identity import article_id, entry_id
from reader.core.library import Candidate, read_article, read_articles, scan
from reader.core.models import ENTRY_SEPARATOR, entry_key, split_key
from reader.core.query import parse_query
from reader.core.search import SearchIndex, index_library

# -- choosing a format -----------------------------------------------------------------


def test_the_suffix_picks_the_format() -> None:
    assert format_for("a.txt") is text.FORMAT
    assert format_for("/x/b.TXT") is text.FORMAT
    assert format_for("c.md") is markdown.FORMAT
    assert format_for("d.Markdown") is markdown.FORMAT
    # A suffix one format claims needs no look at the content, whatever it holds.
    assert format_for("e.md", b"date 2025-01-02 Looks like text\n") is markdown.FORMAT


def test_an_unknown_suffix_is_sniffed() -> None:
    assert format_for("a.page") is None  # nothing to sniff
    assert format_for("a.page", b"date 2025-01-02 A page dump\nbody") is text.FORMAT
    assert format_for("a.page", b"---\ntitle: Post\n---\nbody") is markdown.FORMAT
    assert format_for("a", b"# A heading\n\nbody") is markdown.FORMAT
    assert format_for("a.page", b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\n") is markdown.FORMAT
    assert format_for("a.page", b"Just some words\n") is None
    assert format_for("a.page", b"\x89PNG\r\n\x1a\n") is None


def _sniffing(name: str, magic: bytes) -> Format:
    return Format(
        name=name,
        suffixes=(".shared",),
        markup=text.TEXT,
        parse=text.FORMAT.parse,
        sniff=lambda head: head.startswith(magic),
    )


def test_a_suffix_several_formats_claim_is_sniffed() -> None:
    first, second = _sniffing("first", b"ONE"), _sniffing("second", b"TWO")
    register(first)
    register(second)
    try:
        assert format_for("a.shared") is None  # the head is needed
        assert format_for("a.shared", b"TWO and more") is second
        assert format_for("a.shared", b"ONE and more") is first
        assert format_for("a.shared", b"neither") is first  # the first that claims it
        # Only the formats claiming the suffix are tried, not text's header sniffer.
        assert format_for("a.shared", b"date 2025-01-02 T\n") is first
    finally:
        unregister(second)
        unregister(first)
    assert ".shared" not in formats.SUFFIXES


def test_a_format_name_is_registered_once() -> None:
    with pytest.raises(ValueError, match="already registered"):
        register(_sniffing("txt", b"x"))


def test_opening_a_file_of_an_unknown_suffix(tmp_path: Path) -> None:
    sniffed = tmp_path / "post.page"
    sniffed.write_text("---\ntitle: Sniffed post\n---\n# Heading\n\nBody.\n")
    page = read_page(sniffed)
    assert (page.format, page.title, page.markup) == ("md", "Sniffed post", "markdown")
    plain = tmp_path / "notes.page"
    plain.write_text("Some notes\nsecond line\n")
    assert read_page(plain).format == "txt"  # as the reader always read such files


def test_the_page_says_how_its_blocks_are_cut_and_shown(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("date 2025-01-02 T\nline one\nline two\n")
    (tmp_path / "b.md").write_text("# T\n\nPara one\nstill one\n\n```\ncode\n\nmore\n```\n")
    txt, md = read_page(tmp_path / "a.txt"), read_page(tmp_path / "b.md")
    assert (txt.markup, txt.blocks()) == ("text", ["line one", "line two"])
    assert (md.markup, md.blocks()) == ("markdown", ["# T", "Para one\nstill one", md.blocks()[2]])
    assert md.blocks()[2].startswith("```") and md.blocks()[2].endswith("```")


# -- a fake format of several entries a file ---------------------------------------------


def _parse_multi(data: bytes, path: str, truncated: bool) -> list[Page]:
    """`MULTI` on its first line, then `id|date|title|body` lines; an id starting with
    `guid:` is also the entry's identity."""
    pages = []
    for line in data.decode().splitlines()[1:]:
        entry, date, title, body = line.split("|")
        identity = entry if entry.startswith("guid:") else None
        pages.append(Page(title, parse_date(date), body, "multi", entry=entry, identity=identity))
    return pages


MULTI = Format(
    name="multi",
    suffixes=(".multi",),
    markup=text.TEXT,
    parse=_parse_multi,
    probe_bytes=formats.MAX_ARTICLE_BYTES,
    head_bytes=formats.MAX_ARTICLE_BYTES,
    sniff=lambda head: head.startswith(b"MULTI\n"),
)

ENTRIES = {
    "e1": ("2025-03-01", "Ferry crossings added", "The council added zeppelin crossings."),
    "e2": ("2025-03-02", "Lighthouse repainted", "The lighthouse got a coat of paint."),
    "guid:e3": ("2025-03-03", "Harbour dredged", "Dredgers worked the harbour mouth."),
}


def write_multi(path: Path, entries: dict[str, tuple[str, str, str]]) -> Path:
    lines = ["MULTI", *("|".join((key, *values)) for key, values in entries.items())]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture
def multi() -> Iterator[Format]:
    register(MULTI)
    yield MULTI
    unregister(MULTI)


@pytest.fixture
def lib(tmp_path: Path, multi: Format) -> Path:
    root = tmp_path / "lib"
    write_multi(root / "news" / "digest.multi", ENTRIES)
    (root / "news" / "single.txt").write_text("date 2025-03-04 A page of its own\nbody\n")
    return root


def test_each_entry_is_a_row_with_a_key_of_its_own(lib: Path) -> None:
    library = scan([lib])
    assert library.problems == []
    path = str(lib / "news" / "digest.multi")
    rows = {a.key: a for a in library.articles}
    assert len(rows) == len(library.articles) == 4
    for entry, (date, title, _body) in ENTRIES.items():
        article = rows[path + ENTRY_SEPARATOR + entry]
        assert (article.path, article.entry, article.title) == (path, entry, title)
        assert article.date == dt.date.fromisoformat(date)
        assert article.format == "multi" and article.feed == "news"
        assert split_key(article.key) == (path, entry)
        assert entry_key(path, entry) == article.key
    single = rows[str(lib / "news" / "single.txt")]
    assert (single.entry, single.key, split_key(single.key)) == ("", single.path, (single.path, ""))
    # Ids: from title and date, but from the identity a format gives.
    assert rows[entry_key(path, "e1")].id == article_id(
        "Ferry crossings added", dt.date(2025, 3, 1)
    )
    assert rows[entry_key(path, "guid:e3")].id == entry_id("guid:e3")
    assert len({a.id for a in library.articles}) == 4


def test_reading_one_entry(lib: Path) -> None:
    path = lib / "news" / "digest.multi"
    assert [p.entry for p in read_entries(path)] == list(ENTRIES)
    assert read_entry(path, "e2").title == "Lighthouse repainted"
    assert read_page(path).entry == "e1"  # a file's first entry
    with pytest.raises(EntryGone):
        read_entry(path, "gone")
    with pytest.raises(EntryGone):
        read_entry(path, "")  # the entries all have ids
    single = lib / "news" / "single.txt"
    assert read_entry(single, "") == read_page(single)
    candidate = Candidate(str(path), "news")
    assert [a.entry for a in read_articles(candidate)] == list(ENTRIES)
    assert read_article(candidate).entry == "e1"


def test_entry_ids_that_would_not_make_distinct_keys_are_left_out(
    tmp_path: Path, multi: Format
) -> None:
    path = write_multi(
        tmp_path / "f" / "bad.multi",
        {
            "a": ("", "First", "x"),
            "": ("", "No id", "x"),
            "b\0c": ("", "A NUL in the id", "x"),
            "b": ("", "Second", "x"),
        },
    )
    path.write_text(path.read_text() + "a||A second a|x\n")
    assert [(p.entry, p.title) for p in read_entries(path)] == [("a", "First"), ("b", "Second")]


def test_an_empty_file_of_entries_gives_no_rows(tmp_path: Path, multi: Format) -> None:
    path = write_multi(tmp_path / "f" / "empty.multi", {})
    assert scan([tmp_path]).articles == []
    with pytest.raises(EntryGone):
        read_page(path)


def test_the_cache_round_trips_entries(lib: Path, tmp_path: Path) -> None:
    articles = scan([lib]).articles
    file = tmp_path / "cache.bin"
    save_cache(file, articles)
    loaded = load_cache(file)
    assert loaded == articles
    assert [a.key for a in loaded] == [a.key for a in articles]


def test_a_warm_scan_reuses_every_entry_without_reading(
    lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = scan([lib]).articles
    reads: list[str] = []
    original = library_module.read_rows
    monkeypatch.setattr(
        library_module, "read_rows", lambda c, rows: reads.append(c.path) or original(c, rows)
    )
    assert scan([lib], first).articles == first
    assert reads == []


def test_a_changed_file_replaces_all_its_rows_and_a_removed_one_removes_them(
    lib: Path,
) -> None:
    first = scan([lib]).articles
    path = lib / "news" / "digest.multi"
    changed = {"e2": ENTRIES["e2"], "e4": ("2025-03-05", "New entry", "Fresh text.")}
    write_multi(path, changed)
    os.utime(path, (1_800_000_000, 1_800_000_000))
    again = scan([lib], first).articles
    assert sorted(a.entry for a in again if a.path == str(path)) == ["e2", "e4"]
    path.unlink()
    assert [a.path for a in scan([lib], again).articles] == [str(lib / "news" / "single.txt")]


def test_the_search_index_holds_each_entry(lib: Path, tmp_path: Path) -> None:
    db = tmp_path / "search.sqlite"
    articles = scan([lib]).articles
    assert index_library(db, articles) == 4
    path = str(lib / "news" / "digest.multi")
    with SearchIndex(db) as index:
        assert len(index) == 4
        assert index.search(parse_query("zeppelin")) == [entry_key(path, "e1")]
        assert index.search(parse_query("dredgers")) == [entry_key(path, "guid:e3")]
        assert index.select(parse_query("lighthouse"), [a.key for a in articles]) == [
            a.entry == "e2" for a in articles
        ]
        assert index.stale(articles) == ([], [])
        # A changed file makes all its entries stale, by the file's size and mtime.
        os.utime(path, (1_800_000_000, 1_800_000_000))
        touched = scan([lib], articles).articles
        todo, gone = index.stale(touched)
        assert sorted(a.entry for a in todo) == sorted(ENTRIES) and gone == []
        index_library(db, touched)
        assert index.stale(touched) == ([], [])
        # A removed file takes all its rows with it.
        os.unlink(path)
        remaining = scan([lib], touched).articles
        assert sorted(index.stale(remaining)[1]) == sorted(entry_key(path, e) for e in ENTRIES)
        index_library(db, remaining)
        assert len(index) == 1
        assert index.search(parse_query("zeppelin")) == []


def test_article_keys_order_entries_of_one_title(tmp_path: Path, multi: Format) -> None:
    """Entries alike in date and title sort by key, as the search index sorts them."""
    write_multi(tmp_path / "f" / "same.multi", {"b": ("", "Same", "x"), "a": ("", "Same", "y")})
    articles = scan([tmp_path]).articles
    assert [a.entry for a in articles] == ["a", "b"]


def test_a_page_is_built_with_the_fields_and_defaults_of_its_dataclass() -> None:
    """`Page.__init__` is written by hand (it sets each slot directly): the dataclass's
    fields, in their order, with their defaults, and a page as frozen as before."""
    import dataclasses
    import inspect

    from reader.core.formats.base import Page

    params = list(inspect.signature(Page.__init__).parameters.values())[1:]
    expected = []
    for f in dataclasses.fields(Page):
        if f.default is not dataclasses.MISSING:
            expected.append((f.name, f.default))
        elif f.default_factory is not dataclasses.MISSING:
            expected.append((f.name, f.default_factory()))
        else:
            expected.append((f.name, inspect.Parameter.empty))
    assert [(p.name, p.default) for p in params] == expected
    page = Page("T", None, "b", "md", tags=("a",), entry="e", links=(0.5,))
    assert (page.title, page.tags, page.entry, page.links, page.markup) == (
        "T", ("a",), "e", (0.5,), "text",
    )  # fmt: skip
    assert dataclasses.replace(page, title="U") == Page("U", None, "b", "md", tags=("a",),
                                                        entry="e", links=(0.5,))  # fmt: skip
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.title = "V"  # type: ignore[misc]
