"""The background indexer: a child process that brings the search index up to date."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
