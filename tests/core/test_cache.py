"""The metadata cache: warm scans reuse rows, and stale rows are never trusted."""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core import cache as cache_module
from reader.core import library as library_module
from reader.core.cache import (
    cache_path,
    load_cache,
    load_cache_head,
    read_cache,
    read_signatures,
    save_cache,
)
from reader.core.library import scan
from reader.core.models import Article


def make_library(root: Path) -> Path:
    for i in range(3):
        path = root / "feed" / f"a{i}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"date 2025-01-0{i + 1} Article {i}\nbody {i}\n", encoding="utf-8")
    return root


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    lib = make_library(tmp_path / "lib")
    (lib / "feed" / "odd\udcff name.txt").write_bytes(b"date 2025-02-01 Odd\nbody")
    (lib / "feed" / "m.md").write_text(
        "---\ntitle: M\nurl: https://x.example/m\ntags: [a, b]\nsource: S\n---\nbody",
        encoding="utf-8",
    )
    (lib / "feed" / "found.txt").write_text("Found\nPublished 7 August 2025\n", encoding="utf-8")
    articles = scan([lib]).articles
    assert any(a.found_date is not None for a in articles)
    file = cache_path([lib])
    save_cache(file, articles)
    assert load_cache(file) == articles
    assert [a.found_date for a in load_cache(file)] == [a.found_date for a in articles]


def test_each_write_has_a_generation_of_its_own(tmp_path: Path) -> None:
    """The indexer child knows the rows the app checked by the generation of the cache
    that holds them: the same rows written again are another generation, an unwritten
    cache has none, and one that is not a string counts as none."""
    articles = scan([make_library(tmp_path / "lib")]).articles
    file = cache_path([tmp_path / "lib"])
    first = save_cache(file, articles)
    assert first is not None and read_cache(file) == (articles, first)
    second = save_cache(file, articles)
    assert second not in (None, first) and read_cache(file) == (articles, second)
    hostile = [dataclasses.replace(articles[0], title="a\0b"), *articles[1:]]
    assert save_cache(file, hostile) is None and read_cache(file)[1] == second
    head, body = file.read_bytes().split(b"\n", 1)
    header = json.loads(head)
    header["generation"] = 7
    file.write_bytes(json.dumps(header).encode().ljust(len(head)) + b"\n" + body)
    assert read_cache(file) == (articles, None)
    assert read_cache(tmp_path / "missing.bin") == ([], None)


def test_warm_scan_reads_no_unchanged_file(tmp_path: Path, monkeypatch) -> None:
    lib = make_library(tmp_path / "lib")
    first = scan([lib]).articles
    reads: list[str] = []
    original = library_module.read_rows
    monkeypatch.setattr(
        library_module, "read_rows", lambda c, rows: reads.append(c.path) or original(c, rows)
    )
    again = scan([lib], first).articles
    assert again == first
    assert reads == []
    scan([lib])
    assert len(reads) == 3  # the spy sees the reads a scan makes


def test_changed_file_is_reread_and_removed_file_dropped(tmp_path: Path) -> None:
    lib = make_library(tmp_path / "lib")
    first = scan([lib]).articles
    changed = lib / "feed" / "a1.txt"
    changed.write_text("date 2025-01-02 Article one, revised headline\nbody\n", encoding="utf-8")
    os.utime(changed, (1_800_000_000, 1_800_000_000))
    (lib / "feed" / "a0.txt").unlink()
    titles = [a.title for a in scan([lib], first).articles]
    assert titles == ["Article 2", "Article one, revised headline"]


def test_stale_entry_with_same_mtime_but_other_size_is_not_trusted(tmp_path: Path) -> None:
    lib = make_library(tmp_path / "lib")
    first = scan([lib]).articles
    path = lib / "feed" / "a2.txt"
    stat = path.stat()
    path.write_text("date 2025-01-03 Article 2 grew a longer title\nbody\n", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert "Article 2 grew a longer title" in [a.title for a in scan([lib], first).articles]


def test_unreadable_or_other_version_cache_is_ignored(tmp_path: Path) -> None:
    file = tmp_path / "cache.bin"
    for payload in (
        b"",
        b"{not json",
        b'{"version": 999, "articles": []}\n',
        b'{"version": 3, "columns": [[1, 2]]}',
        b"\xff\xfe",
        b"[4]\n",
        b'{"version": 4}\n',
    ):
        file.write_bytes(payload)
        assert load_cache(file) == []


def test_cache_lives_in_the_user_cache_dir(isolated_dirs: Path, tmp_path: Path) -> None:
    assert str(cache_path([tmp_path])).startswith(str(isolated_dirs / "xdg_cache_home"))
    assert cache_path([tmp_path]) != cache_path([tmp_path / "other"])


def saved(root: Path) -> tuple[Path, dict, bytes]:
    """A library's cache file, its header and its binary sections."""
    lib = make_library(root)
    file = cache_path([lib])
    save_cache(file, scan([lib]).articles)
    header, body = file.read_bytes().split(b"\n", 1)
    return file, json.loads(header), body


def test_a_tampered_cache_is_ignored(tmp_path: Path) -> None:
    file, good, body = saved(tmp_path)
    tampered = [
        ("rows", 4),
        ("rows", -1),
        ("rows", "3"),
        ("byteorder", "big" if sys.byteorder == "little" else "little"),
        ("sections", good["sections"][:-1]),
        ("sections", [n + 1 for n in good["sections"]]),
        ("tables", {**good["tables"], "feed": [12]}),
        ("tables", {**good["tables"], "feed": []}),  # indexes past the table
        ("tables", {**good["tables"], "date": ["2025-99-01", "2025-01-02", "2025-01-03"]}),
        ("tables", {**good["tables"], "tags": [[1]]}),
        ("tables", {**good["tables"], "tags": ["ab"]}),
    ]
    for key, value in tampered:
        header = copy.deepcopy(good)
        header[key] = value
        file.write_bytes(json.dumps(header).encode() + b"\n" + body)
        assert load_cache(file) == [], (key, value)
        if key != "tables" or value["feed"] != good["tables"]["feed"]:  # (columns it reads)
            assert read_signatures(file, good["generation"]) is None, (key, value)
    file.write_bytes(json.dumps(good).encode() + b"\n" + body)
    assert len(load_cache(file)) == 3
    assert len(read_signatures(file, good["generation"]) or ()) == 5


# tmp_path is shared by a test's examples: each one writes the files it reads.
FIXTURE_REUSED = [HealthCheck.function_scoped_fixture]


@given(cut=st.integers(min_value=0), flips=st.lists(st.tuples(st.integers(0), st.integers(1, 255))))
@settings(max_examples=300, deadline=None, suppress_health_check=FIXTURE_REUSED)
def test_a_damaged_cache_never_raises(tmp_path: Path, cut: int, flips: list) -> None:
    """Truncated or bit-flipped files load as no rows or as rows: never an exception."""
    file = tmp_path / "good.bin"
    if not file.exists():
        save_cache(file, scan([make_library(tmp_path / "lib")]).articles)
    data = bytearray(file.read_bytes())
    for position, mask in flips:
        data[position % len(data)] ^= mask
    damaged = tmp_path / "damaged.bin"
    damaged.write_bytes(bytes(data[: len(data) - cut % len(data)]))
    rows = load_cache(damaged)
    assert all(isinstance(row, Article) for row in rows)
    head, total = load_cache_head(damaged, 2)
    assert all(isinstance(row, Article) for row in head) and len(head) <= min(2, total)
    generation = read_cache(file)[1]
    assert generation is not None
    signatures = read_signatures(damaged, generation)
    if signatures is not None:  # columns of one length, or none at all
        assert len({len(column) for column in signatures}) == 1


text = st.text(st.characters(blacklist_categories=["Cs"]) | st.sampled_from("\udcff\0\x1f"))


@given(
    st.lists(
        st.builds(
            Article,
            id=text,
            path=text,
            feed=text,
            title=text,
            date=st.none() | st.dates(),
            mtime=st.floats(allow_nan=False),
            size=st.integers(0, 2**62),
            format=st.sampled_from(["txt", "md"]),
            url=st.none() | text.filter(bool),
            source=st.none() | text.filter(bool),
            tags=st.lists(text.filter(bool), max_size=3).map(tuple),
            entry=st.just("") | text,
            found_date=st.none() | st.dates(),
        ),
        max_size=5,
    )
)
@settings(max_examples=200, deadline=None, suppress_health_check=FIXTURE_REUSED)
def test_any_rows_round_trip_or_are_not_cached(tmp_path: Path, articles: list[Article]) -> None:
    """Whatever the values (surrogates, separators, entry ids), what loads is what was
    saved, entry keys included."""
    file = tmp_path / "any.bin"
    file.unlink(missing_ok=True)
    save_cache(file, articles)
    texts = (a.path + a.id + a.title + (a.url or "") + (a.source or "") + a.entry for a in articles)
    if any("\0" in value for value in texts):
        assert not file.exists()
    else:
        loaded, generation = read_cache(file)
        assert loaded == articles
        assert generation is not None
        signatures = read_signatures(file, generation)
        assert signatures is not None
        assert [list(column) for column in signatures] == [
            [a.path for a in articles],
            [a.feed for a in articles],
            [a.format for a in articles],
            [a.size for a in articles],
            [a.mtime for a in articles],
        ]
        assert read_signatures(file, generation + "0") is None  # rows of another write
        assert [a.key for a in loaded] == [a.key for a in articles]
        for count in range(len(articles) + 2):  # what a start shows first: the same rows
            assert load_cache_head(file, count) == (articles[:count], len(articles))


def test_saving_removes_caches_of_other_versions(tmp_path: Path) -> None:
    file, _header, _body = saved(tmp_path)
    key = file.stem.rsplit("-", 1)[-1]
    old = file.parent / f"library-v3-{key}.json"
    other_library = file.parent / "library-v3-0000000000000000.json"
    old.write_text("{}")
    other_library.write_text("{}")
    save_cache(file, load_cache(file))
    assert not old.exists()
    assert other_library.exists() and file.exists()


def test_text_columns_written_in_pieces_round_trip(tmp_path: Path, monkeypatch) -> None:
    """A column longer than a piece is written a piece at a time; a separator in a later
    piece still means no cache (and leaves the one already there)."""
    monkeypatch.setattr(cache_module, "_PIECE", 2)
    articles = [
        Article(f"id{i}", f"/lib/feed/a{i}.txt", "feed", f"Title {i} é\udcff", None, 1.5 * i, i)
        for i in range(7)
    ]
    file = tmp_path / "pieces.bin"
    save_cache(file, articles)
    assert load_cache(file) == articles
    hostile = [*articles[:5], Article("x", "/lib/feed/x.txt", "feed", "bad\0title", None, 0.0)]
    save_cache(file, hostile)
    assert load_cache(file) == articles
    assert [p.name for p in tmp_path.iterdir()] == ["pieces.bin"]  # no temporary file left


def test_the_head_of_a_large_cache_is_read_without_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A start shows the first rows while the whole cache is decoded: they are read from
    the start of each section (in steps, past the first step when values are long), not
    by reading the file."""
    articles = [
        Article(f"id{i}", f"/lib/feed/{'long' * 2000}{i}.txt", "feed", f"T{i} é", None, i, i)
        for i in range(40)
    ]
    file = tmp_path / "big.bin"
    save_cache(file, articles)
    reads: list[int] = []
    real_read_at = cache_module._read_at

    def counted(handle: Any, offset: int, size: int) -> memoryview:
        reads.append(size)
        return real_read_at(handle, offset, size)

    monkeypatch.setattr(cache_module, "_read_at", counted)
    assert load_cache_head(file, 5) == (articles[:5], 40)
    assert sum(reads) < file.stat().st_size / 2
    assert load_cache_head(file, 0) == ([], 40)
    assert load_cache_head(tmp_path / "missing.bin", 5) == ([], 0)
