"""The background indexer: a child process that brings the search index up to date."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core import search
from reader.core.indexer import INDEXER_NICENESS, BackgroundIndexer
from reader.core.library import scan
from reader.core.query import parse_query
from reader.core.search import SearchIndex
from tests.conftest import SAMPLE_FEEDS


def test_indexes_in_a_child_and_reports_progress(tmp_path: Path) -> None:
    articles = scan([SAMPLE_FEEDS]).articles
    indexer = BackgroundIndexer(tmp_path / "search.sqlite3")
    indexer.start([SAMPLE_FEEDS], {})
    assert indexer.wait(120)
    assert indexer.succeeded
    assert indexer.progress() == (len(articles), len(articles))
    with SearchIndex(indexer.db_path) as index:
        hits = index.search(parse_query("dredging"))
    assert any("dredging" in Path(p).name for p in hits)
    indexer.start([SAMPLE_FEEDS], {})  # a second run finds nothing stale
    assert indexer.wait(120)
    assert indexer.progress() == (0, 0)


def test_stop_ends_the_child(tmp_path: Path) -> None:
    indexer = BackgroundIndexer(tmp_path / "search.sqlite3")
    indexer.start([SAMPLE_FEEDS], {})
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
    indexer.start([tmp_path / "lib"], {})
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
