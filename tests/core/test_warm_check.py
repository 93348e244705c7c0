"""A warm scan of a large library checked by a child process (`reader.core.warm_check`):
the same rows, order, problems and folders as the app's own check, only the files
that changed read by the app, and nothing left running after a stop."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.core import library as library_module
from reader.core import warm_check
from reader.core.cache import read_cache, save_cache
from reader.core.library import Library, scan
from reader.core.models import Article
from reader.core.session import LibrarySession

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>First wire story</title><guid>w1</guid>
<pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate>
<description>one</description></item>
<item><title>Second wire story</title><guid>w2</guid>
<pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate>
<description>two</description></item>
</channel></rss>
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_library(root: Path) -> Path:
    """Text and Markdown files in three feeds, a feed file of two entries in a feed
    and one in the root, a file of an unknown type and a FIFO."""
    for i in range(12):
        write(root / f"feed{i % 3}" / f"a{i:02}.txt", f"date 2025-01-{i + 1:02} Story {i}\nbody\n")
    write(root / "feed0" / "m.md", "---\ntitle: Markdown one\ndate: 2025-02-01\n---\nbody\n")
    write(root / "feed1" / "wire.rss", RSS)
    write(root / "top.rss", RSS.replace("Wire", "Top").replace("wire", "top"))
    write(root / "feed2" / "notes.pdf", "%PDF")
    os.mkfifo(root / "feed1" / "pipe.txt")
    return root


def cached_library(root: Path, cache: Path) -> tuple[list[Article], str]:
    """A first scan's rows, saved to `cache` and read back as a warm start has them."""
    save_cache(cache, scan([root]).articles)
    rows, generation = read_cache(cache)
    assert rows and generation is not None
    return rows, generation


def change(root: Path) -> None:
    """A story rewritten, one removed, one new, one moved to another feed, one
    become binary, and a feed file with an entry more."""
    write(root / "feed0" / "a00.txt", "date 2025-04-01 Story 0 rewritten\nbody, longer now\n")
    (root / "feed1" / "a01.txt").unlink()
    write(root / "feed2" / "new.txt", "date 2025-05-01 A new story\nbody\n")
    (root / "feed0" / "a03.txt").rename(root / "feed1" / "a03.txt")
    (root / "feed2" / "a02.txt").write_bytes(bytes(range(256)) * 4)
    extra = "<item><title>Third wire story</title><guid>w3</guid></item>\n</channel>"
    write(root / "feed1" / "wire.rss", RSS.replace("</channel>", extra))


def same(checked: Library, alone: Library) -> None:
    assert checked.articles == alone.articles
    assert [a.id for a in checked.articles] == [a.id for a in alone.articles]
    assert sorted(map(str, checked.problems)) == sorted(map(str, alone.problems))
    assert sorted(checked.folders) == sorted(alone.folders)


@pytest.fixture
def elsewhere(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Any library large enough for the child's check."""
    monkeypatch.setattr(library_module, "CHECK_ELSEWHERE_MIN", 1)
    return monkeypatch


@pytest.fixture
def checks(elsewhere: pytest.MonkeyPatch) -> list[int]:
    """The children started (their pids)."""
    started: list[int] = []
    real = warm_check.WarmCheck.__init__

    def spy(self: warm_check.WarmCheck, *args: Any) -> None:
        real(self, *args)
        started.append(self._process.pid or 0)

    elsewhere.setattr(warm_check.WarmCheck, "__init__", spy)
    return started


# `changed`: the root, the cached rows, (cache file, generation), the app's own check.
Changed = tuple[Path, list[Article], tuple[Path, str], Library]


@pytest.fixture
def changed(tmp_path: Path) -> Changed:
    """A library cached, then changed (`change`): its root, the cached rows, the cache
    file and its generation, and how the app's own check lists it."""
    root = make_library(tmp_path / "news")
    rows, generation = cached_library(root, tmp_path / "cache.bin")
    change(root)
    return root, rows, (tmp_path / "cache.bin", generation), scan([root], rows)


def test_a_changed_library_is_listed_as_the_apps_own_check_lists_it(
    changed: Changed,
    checks: list[int],
    elsewhere: pytest.MonkeyPatch,
) -> None:
    root, rows, known, alone = changed
    assert len(checks) == 0  # (one process: no child)
    read: list[str] = []
    real = library_module.read_rows
    elsewhere.setattr(library_module, "read_rows", lambda c, r: read.append(c.path) or real(c, r))
    checked = scan([root], rows, workers=2, known_file=known)
    assert len(checks) == 1
    same(checked, alone)
    titles = {a.title for a in checked.articles}
    assert {"Story 0 rewritten", "A new story", "Third wire story"} <= titles
    assert "Story 1" not in titles and "Story 2" not in titles
    assert next(a.feed for a in checked.articles if a.title == "Story 3") == "feed1"
    names = sorted(os.path.basename(p) for p in read)
    assert names == ["a00.txt", "a02.txt", "a03.txt", "new.txt", "wire.rss"]  # nothing else


def test_an_unchanged_library_costs_the_app_no_read_and_keeps_the_cached_order(
    tmp_path: Path, checks: list[int], elsewhere: pytest.MonkeyPatch
) -> None:
    root = make_library(tmp_path / "news")
    rows, generation = cached_library(root, tmp_path / "cache.bin")

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the app walked or read the library itself")

    with elsewhere.context() as patch:
        patch.setattr(library_module, "find_files", refuse)
        patch.setattr(library_module, "read_rows", refuse)
        checked = scan([root], rows, workers=2, known_file=(tmp_path / "cache.bin", generation))
    assert len(checks) == 1
    assert checked.articles == rows and checked.articles is not rows
    same(checked, scan([root], rows))


def test_a_cache_file_holding_other_rows_leaves_the_check_to_the_app(
    tmp_path: Path, checks: list[int]
) -> None:
    """Another start rewrote the cache meanwhile: its rows are not those shown."""
    root = make_library(tmp_path / "news")
    rows, generation = cached_library(root, tmp_path / "cache.bin")
    change(root)
    save_cache(tmp_path / "cache.bin", scan([root]).articles)  # another generation
    checked = scan([root], rows, workers=2, known_file=(tmp_path / "cache.bin", generation))
    assert len(checks) == 1
    same(checked, scan([root], rows))


def test_a_child_that_dies_leaves_the_check_to_the_app(
    tmp_path: Path, elsewhere: pytest.MonkeyPatch
) -> None:
    root = make_library(tmp_path / "news")
    rows, generation = cached_library(root, tmp_path / "cache.bin")
    change(root)
    killed: list[bool] = []
    real = warm_check.WarmCheck.messages

    def die(self: warm_check.WarmCheck, should_stop: Any) -> Iterator[Any]:
        self._process.kill()
        killed.append(True)
        return real(self, should_stop)

    elsewhere.setattr(warm_check.WarmCheck, "messages", die)
    checked = scan([root], rows, workers=2, known_file=(tmp_path / "cache.bin", generation))
    assert killed == [True]
    same(checked, scan([root], rows))


def test_no_child_when_none_can_start_or_for_a_small_library(
    changed: Changed,
    checks: list[int],
    elsewhere: pytest.MonkeyPatch,
) -> None:
    root, rows, known, alone = changed
    elsewhere.setattr(library_module, "CHECK_ELSEWHERE_MIN", len(rows) + 1)
    same(scan([root], rows, workers=2, known_file=known), alone)
    assert checks == []

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("no processes here")

    elsewhere.setattr(library_module, "CHECK_ELSEWHERE_MIN", 1)
    elsewhere.setattr(warm_check.WarmCheck, "__init__", refuse)
    same(scan([root], rows, workers=2, known_file=known), alone)


def test_a_stop_ends_the_check_at_once_and_leaves_no_process(
    tmp_path: Path, checks: list[int]
) -> None:
    root = make_library(tmp_path / "news")
    rows, generation = cached_library(root, tmp_path / "cache.bin")
    asked: list[float] = []

    def stop_soon() -> bool:
        asked.append(time.monotonic())
        return len(asked) > 1

    checked = scan(
        [root],
        rows,
        workers=2,
        known_file=(tmp_path / "cache.bin", generation),
        should_stop=stop_soon,
    )
    assert len(checks) == 1 and len(asked) >= 2
    assert checks[0] not in [child.pid for child in multiprocessing.active_children()]
    assert checked.articles == []  # (a stopped scan's result is not used)


def test_a_session_hands_the_check_the_cache_file_only_while_it_shows_its_rows(
    tmp_path: Path, elsewhere: pytest.MonkeyPatch
) -> None:
    root = make_library(tmp_path / "news")
    handed: list[tuple[Path, str] | None] = []
    real = library_module.scan

    def spy(*args: Any, known_file: tuple[Path, str] | None = None, **kwargs: Any) -> Library:
        handed.append(known_file)
        return real(*args, known_file=known_file, **kwargs)

    elsewhere.setattr(library_module, "scan", spy)
    first = LibrarySession([root])
    first.scan(workers=2)
    first.save()
    session = LibrarySession([root])
    rows = session.load_cached()
    session.scan(workers=2)
    assert handed == [None, (session.cache_file, session.generation)]
    assert session.articles == rows
    session.articles = [*rows[1:]]  # (rows changed since: a watcher's)
    session.scan(workers=2)
    assert handed[-1] is None
