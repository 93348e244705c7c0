"""The benchmarks run: `bench/scale.py` subclasses the app to time it, so a changed
method of the app breaks the benchmark (a driver error), not the app's own tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
