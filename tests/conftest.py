"""Shared fixtures: keep every test away from the user's real config and state."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: examples that write and fsync a file take what the
# machine's disk takes, and a test must not assert on time (benchmarks measure it).
settings.register_profile("reader", deadline=None)
settings.load_profile("reader")

REPO = Path(__file__).resolve().parent.parent
SAMPLE_FEEDS = REPO / "sample_feeds"

SEED_LIKE_PAGE = """\
date 2025-03-14 Harbour council approves new ferry timetable

Harbour council approves new ferry timetable

PORTVILLE
Harbour council approves new ferry timetable

PORTVILLE – The harbour council on Thursday approved a new ferry timetable that adds \
late-evening crossings on weekdays, answering years of complaints from shift workers.

"We listened to the people who actually use the boats," council chair Mara Levin said \
after the vote, which passed by nine votes to two.

The new schedule starts on April 1 and adds three crossings after 10 p.m., the first \
change to the timetable since 2019, according to the council's transport office.

Operators warned that crews would need to be hired before the summer season, and the \
council set aside 1.2 million for training and recruitment.

Site.Models.Entities.Parent?.Title?.ToUpperInvariant() Storm warning issued for the coast

Storm warning issued for the coast
LATEST NEWS

  1. Storm warning issued for the coast

    Storm warning issued for the coast

  2. Fish market reopens after repairs

    Fish market reopens after repairs
Recommended
Fish market reopens after repairs

Fish market reopens after repairs
Lighthouse keeper retires after 40 years

Lighthouse keeper retires after 40 years
SPORTS Rowing club wins regional title

Rowing club wins regional title

The rowing club took the regional title on Saturday for the first time in a decade.
"""


XDG_NAMES = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point XDG config/data/cache at a temporary folder for every test.

    The test ends by checking they still do: a `monkeypatch.undo()` inside a test also
    undoes these, and what follows it writes to the real user's cache (an index left
    there once made a later run fail). Tests patch for a while with
    `monkeypatch.context()` instead."""
    home = tmp_path / "xdg"
    for name in XDG_NAMES:
        monkeypatch.setenv(name, str(home / name.lower()))
    yield home
    moved = [name for name in XDG_NAMES if os.environ.get(name) != str(home / name.lower())]
    assert not moved, f"the test undid the isolation of {moved}: use monkeypatch.context()"


@pytest.fixture
def seed_library(tmp_path: Path) -> Path:
    """A library with one feed holding one seed-shaped page."""
    feed = tmp_path / "library" / "harbour"
    feed.mkdir(parents=True)
    (feed / "ferry.txt").write_text(SEED_LIKE_PAGE, encoding="utf-8")
    return feed.parent
