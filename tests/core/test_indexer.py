"""The background indexer: a child process that brings the search index up to date."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core import search
from reader.core.config import Config
from reader.core.indexer import INDEXER_NICENESS, BackgroundIndexer, refresh_index
from reader.core.library import scan
from reader.core.query import parse_query
from reader.core.search import SearchIndex
from reader.core.session import LibrarySession
from tests.conftest import SAMPLE_FEEDS


def test_indexes_in_a_child_and_reports_progress(tmp_path: Path) -> None:
    articles = scan([SAMPLE_FEEDS]).articles
    indexer = BackgroundIndexer(tmp_path / "search.sqlite3")
    indexer.start([SAMPLE_FEEDS], {}, None)
    assert indexer.wait(120)
    assert indexer.succeeded
    assert indexer.progress() == (len(articles), len(articles))
    with SearchIndex(indexer.db_path) as index:
        hits = index.search(parse_query("dredging"))
    assert any("dredging" in Path(p).name for p in hits)
    indexer.start([SAMPLE_FEEDS], {}, None)  # a second run finds nothing stale
    assert indexer.wait(120)
    assert indexer.progress() == (0, 0)


def test_a_child_handed_a_covered_generation_reads_nothing(tmp_path: Path) -> None:
    """The app hands the child the generation of its checked rows: once an index covers
    it, a later start that found nothing changed costs the child no cache read and no
    stat (at a million articles 40-53 s of it at every start)."""
    library = _library(tmp_path / "lib", 3)
    app = _app_check(library)
    indexer = BackgroundIndexer(tmp_path / "search.sqlite3")
    indexer.start([library], {}, app.generation)
    assert indexer.wait(120) and indexer.succeeded
    assert indexer.progress() == (3, 3)
    # A change no check has seen: a child that read the cache and checked the files
    # would index it; this one trusts the generation (the app's check, the watcher or
    # the next start's check hands it a new one for a change).
    _write(library / "feed0" / "0.txt", "Story 0", "now about a zeppelin")
    indexer.start([library], {}, app.generation)
    assert indexer.wait(120) and indexer.succeeded
    assert indexer.progress() == (0, 0)
    with SearchIndex(indexer.db_path) as index:
        assert index.search(parse_query("zeppelin")) == []


def test_a_covered_generation_is_known_from_the_index_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = _library(tmp_path / "lib", 3)
    generation = _app_check(library).generation
    db = tmp_path / "search.sqlite3"
    assert refresh_index(db, [library], Config(), generation) == 3
    monkeypatch.setattr(LibrarySession, "load_cached", _no_check)
    progress: list[tuple[int, int]] = []
    assert refresh_index(db, [library], Config(), generation, progress=_append(progress)) == 0
    assert progress == [(0, 0)]


def test_the_child_takes_the_checked_rows_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not covered yet (a first index, or changes the app's check found): the rows are
    the cache's, which the app has just checked, not checked again."""
    library = _library(tmp_path / "lib", 3)
    generation = _app_check(library).generation
    monkeypatch.setattr(LibrarySession, "scan", _no_check)
    db = tmp_path / "search.sqlite3"
    assert refresh_index(db, [library], Config(), generation) == 3
    with SearchIndex(db) as index:
        assert index.covers(generation) and len(index.search(parse_query("quill1"))) == 1


def test_changes_made_while_the_app_was_closed_are_indexed(tmp_path: Path) -> None:
    library = _library(tmp_path / "lib", 3)
    db = tmp_path / "search.sqlite3"
    first = _app_check(library).generation
    refresh_index(db, [library], Config(), first)
    _write(library / "feed0" / "0.txt", "Story 0", "now about a zeppelin")
    (library / "feed1" / "1.txt").unlink()
    _write(library / "feed2" / "new.txt", "Story new", "and a dirigible")
    again = _app_check(library).generation  # the next start's check finds the changes
    assert again != first
    assert refresh_index(db, [library], Config(), again) == 2
    with SearchIndex(db) as index:
        assert [Path(p).name for p in index.search(parse_query("zeppelin"))] == ["0.txt"]
        assert [Path(p).name for p in index.search(parse_query("dirigible"))] == ["new.txt"]
        assert index.search(parse_query("quill1")) == [] and len(index) == 3
        assert index.covers(again) and not index.covers(first)


def test_changes_made_while_the_app_runs_are_indexed(tmp_path: Path) -> None:
    """A change the watcher reports: the rows are saved (a new generation) and the child,
    handed it, indexes the changed file alone."""
    library = _library(tmp_path / "lib", 3)
    db = tmp_path / "search.sqlite3"
    app = _app_check(library)
    refresh_index(db, [library], Config(), app.generation)
    changed = _write(library / "feed0" / "0.txt", "Story 0", "now about a zeppelin")
    app.apply({str(changed)}, app.reread([str(changed)]))
    assert app.save()
    assert refresh_index(db, [library], Config(), app.generation) == 1
    with SearchIndex(db) as index:
        assert [Path(p).name for p in index.search(parse_query("zeppelin"))] == ["0.txt"]


def test_a_cache_of_other_rows_than_the_app_checked_is_checked_again(tmp_path: Path) -> None:
    """The cache file holds another generation than the child was handed (another
    process rewrote it), or the app could hand none: the child checks the library
    itself, and records no generation."""
    library = _library(tmp_path / "lib", 3)
    db = tmp_path / "search.sqlite3"
    handed = _app_check(library).generation
    _app_check(library, save=True, force=True)  # another writer of the same cache
    _write(library / "feed0" / "0.txt", "Story 0", "now about a zeppelin")
    assert refresh_index(db, [library], Config(), handed) == 3
    with SearchIndex(db) as index:
        assert len(index.search(parse_query("zeppelin"))) == 1
        assert not index.covers(handed)
    _write(library / "feed1" / "1.txt", "Story 1", "and a dirigible")
    assert refresh_index(db, [library], Config(), None) == 1


def _append(calls: list[tuple[int, int]]) -> Callable[[int, int], None]:
    return lambda done, of: calls.append((done, of))


def _no_check(*args: object, **kwargs: object) -> None:
    raise AssertionError("the library was checked again")


def _write(path: Path, title: str, words: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"date 2025-01-01 {title}\n\nThe harbour story {words}, told at length.\n")
    return path


def _library(root: Path, count: int) -> Path:
    for n in range(count):
        _write(root / f"feed{n}" / f"{n}.txt", f"Story {n}", f"of quill{n}")
    return root


def _app_check(library: Path, *, save: bool = True, force: bool = False) -> LibrarySession:
    """What the app does at a start: the cached rows, checked against the disk, saved."""
    session = LibrarySession([library])
    session.load_cached()
    session.scan()
    if force:
        session.generation = None  # rewritten even though the rows are unchanged
    if save:
        session.save()
    return session


def test_stop_ends_the_child(tmp_path: Path) -> None:
    indexer = BackgroundIndexer(tmp_path / "search.sqlite3")
    indexer.start([SAMPLE_FEEDS], {}, None)
    indexer.stop()
    assert not indexer.running


def test_the_indexer_child_runs_at_a_lower_priority() -> None:
    """Checked in a fresh interpreter: lowering this process would slow the rest of the run."""
    code = (
        "import os; from reader.core.indexer import lower_priority; "
        "lower_priority(); print(os.nice(0))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout) == min(19, os.nice(0) + INDEXER_NICENESS)


def test_the_child_cleans_in_workers_of_its_own(tmp_path: Path) -> None:
    """A library large enough for worker processes: the child (a daemon to the app)
    starts them and indexes everything."""
    count = search.PARALLEL_MIN
    for n in range(count):
        folder = tmp_path / "lib" / f"feed{n % 4}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{n}.txt").write_text(
            f"date 2025-01-01 Story {n}\n\nThe word quill{n} and the quay of the harbour town, "
            "which the council repaved in the spring after a long and costly debate.\n"
        )
    indexer = BackgroundIndexer(tmp_path / "search.sqlite3")
    indexer.start([tmp_path / "lib"], {}, None)
    assert indexer.wait(300)
    assert indexer.succeeded
    assert indexer.progress() == (count, count)
    with SearchIndex(indexer.db_path) as index:
        assert len(index.search(parse_query("harbour"))) == count
        assert [Path(p).name for p in index.search(parse_query('"quill7"'))] == ["7.txt"]


def test_the_indexer_and_its_workers_write_their_stderr_to_a_log(tmp_path: Path) -> None:
    """What the indexer child and the cleaning workers it starts write on stderr (a
    BrokenPipeError traceback from a worker when the app quits mid-index) goes to a
    log beside the index, never to the user's terminal."""
    log = tmp_path / "search.sqlite3.log"
    code = (
        "import os, subprocess, sys\n"
        "from pathlib import Path\n"
        "from reader.core.indexer import log_stderr\n"
        f"log_stderr(Path({str(log)!r}))\n"
        "print('from the indexer', file=sys.stderr, flush=True)\n"
        "subprocess.run([sys.executable, '-c', "
        "'import sys; print(\"from a worker\", file=sys.stderr)'], check=True)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stderr == ""
    assert log.read_text().splitlines() == ["from the indexer", "from a worker"]


def test_the_scan_fork_server_starts_the_resource_tracker_on_dev_null() -> None:
    """A first start's fork server (`start_early`) starts multiprocessing's resource
    tracker before the indexer does; it must not keep the terminal as its stderr, or its
    "leaked semaphore objects" warning lands on the user's shell after a quit mid-index."""
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("no /proc to read a process's descriptors from")
    code = (
        "import os\n"
        "from multiprocessing import resource_tracker\n"
        "from reader.core import workers\n"
        "workers.worker_count = lambda: 2\n"
        "workers.start_early()\n"
        "pid = resource_tracker._resource_tracker._pid\n"
        "print(os.readlink(f'/proc/{pid}/fd/2') if pid else 'not started')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == os.devnull
