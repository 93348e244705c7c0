"""The metadata cache: warm scans reuse rows, and stale rows are never trusted."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

from reader.core import library as library_module
from reader.core.cache import cache_path, load_cache, save_cache
from reader.core.library import scan


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
    articles = scan([lib]).articles
    file = cache_path([lib])
    save_cache(file, articles)
    assert load_cache(file) == articles


def test_warm_scan_reads_no_unchanged_file(tmp_path: Path, monkeypatch) -> None:
    lib = make_library(tmp_path / "lib")
    first = scan([lib]).articles
    reads: list[str] = []
    original = library_module.read_row
    monkeypatch.setattr(library_module, "read_row", lambda c: reads.append(c.path) or original(c))
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
    file = tmp_path / "cache.json"
    for payload in (
        b"",
        b"{not json",
        b'{"version": 999, "articles": []}',
        b'{"version": 1}',
        b'{"version": 1, "articles": [[1, 2]]}',
        b"\xff\xfe",
        b'{"version": 3, "columns": [[1, 2]]}',
        b'{"version": 3, "columns": 7}',
    ):
        file.write_bytes(payload)
        assert load_cache(file) == []


def test_cache_lives_in_the_user_cache_dir(isolated_dirs: Path, tmp_path: Path) -> None:
    assert str(cache_path([tmp_path])).startswith(str(isolated_dirs / "xdg_cache_home"))
    assert cache_path([tmp_path]) != cache_path([tmp_path / "other"])


def test_a_cache_with_values_of_the_wrong_type_is_ignored(tmp_path: Path) -> None:
    lib = make_library(tmp_path / "lib")
    file = cache_path([lib])
    save_cache(file, scan([lib]).articles)
    good = json.loads(file.read_bytes())
    for column, value in ((5, 12), (6, "2025-99-01"), (10, [[1]]), (2, "soon"), (1, True)):
        bad = copy.deepcopy(good)
        bad["columns"][column][0] = value
        file.write_text(json.dumps(bad), encoding="ascii")
        assert load_cache(file) == [], (column, value)
    file.write_text(json.dumps(good), encoding="ascii")
    assert len(load_cache(file)) == 3
