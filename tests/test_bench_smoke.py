"""The benchmarks run: `bench/scale.py` subclasses the app to time it, so a changed
method of the app breaks the benchmark (a driver error), not the app's own tests."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from reader.core import compiled

BENCH = Path(__file__).resolve().parent.parent / "bench" / "scale.py"


def test_headless_scale_bench_runs_to_its_report(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--sizes",
            "60",
            "--runs",
            "1",
            "--no-search",
            "--keep",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = done.stdout
    for row in ("warm: complete list painted", "key j p95", "open 1,000-word page p95"):
        assert row in report, report[-3000:]
    assert "error" not in report.lower(), report[-3000:]


def _marks_bench() -> ModuleType:
    path = BENCH.parent / "marks.py"
    spec = importlib.util.spec_from_file_location("bench_marks", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_marks_bench_says_which_cleaner_it_measured() -> None:
    options = ["--counts", "--sizes", "200", "--marks", "2", "--runs", "1"]
    done = subprocess.run(
        [sys.executable, str(BENCH.parent / "marks.py"), *options],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.splitlines()[0] == f"cleaner: {compiled.cleaner_build()}"


def test_the_stamped_fsync_stamps_the_system_calls_return(tmp_path: Path) -> None:
    """The marks bench splits a mark's fsync into the system call and the writer's wait
    for the interpreter after it: the stamp falls between the call and Python's return."""
    fsync = _marks_bench().stamped_fsync(tmp_path)
    if fsync is None:
        pytest.skip("no C compiler")
    with open(tmp_path / "journal", "ab") as handle:
        handle.write(b"{}\n")
        handle.flush()
        before = time.perf_counter()
        returned = fsync(handle.fileno())
        after = time.perf_counter()
    assert before <= returned <= after
    with pytest.raises(OSError):
        fsync(-1)


def test_marks_bench_times_marks_in_the_app_on_a_library(tmp_path: Path) -> None:
    feed = tmp_path / "library" / "harbour"
    feed.mkdir(parents=True)
    for n in range(3):
        body = " ".join(f"The ferry ran late on day {n} and the pier was shut." for _ in range(9))
        (feed / f"day-{n}.txt").write_text(f"Ferry news {n}\n\n{body}\n")
    options = ["--app", "--library", str(tmp_path / "library"), "--sizes", "1000"]
    done = subprocess.run(
        [sys.executable, str(BENCH.parent / "marks.py"), *options, "--marks", "2", "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    for part in ("key press -> mark fsynced", "fsync (the system call)", "interpreter back"):
        assert part in done.stdout, done.stdout[-3000:]


def test_formats_bench_reads_the_listed_files_past_its_warm_up(tmp_path: Path) -> None:
    """`bench/formats.py --instructions` counts, under cachegrind, a process that reads
    `WARM_FILES` files uncounted and then the files measured, and says their rows."""
    feed = tmp_path / "harbour"
    feed.mkdir()
    pages = []
    for n in range(21):
        page = feed / f"day-{n:02}.txt"
        page.write_text(f"date 2025-03-{n + 1:02} Ferry news {n}\n\nThe ferry ran late.\n")
        pages.append(page)
    items = "".join(f"<item><title>Pier {n}</title><guid>pier-{n}</guid></item>" for n in range(2))
    (feed / "pier.rss").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Pier</title>{items}'
        "</channel></rss>"
    )
    listing = tmp_path / "listing"
    listing.write_text("".join(f"{p}\n" for p in [*pages, feed / "pier.rss"]))
    done = subprocess.run(
        [sys.executable, str(BENCH.parent / "formats.py"), "--read", str(listing)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split() == ["3"]  # the last page and the feed's two entries


def test_composed_articles_bench_reports_each_setting() -> None:
    """`bench/composed.py` composes articles of the property test's pieces and counts
    those that lose a block: written alone, none does (the property test's claim)."""
    done = subprocess.run(
        [sys.executable, str(BENCH.parent / "composed.py"), "--count", "40"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = {line.split()[0]: line for line in done.stdout.splitlines() if "of 40" in line}
    assert set(lines) == {"text", "scraped", "html"}, done.stdout
    assert lines["text"].split()[1] == "0", done.stdout
