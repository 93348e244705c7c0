"""Snapshot tests: what the screens look like, compared with SVGs a person checked.

Regenerate with `pytest tests/ui/test_snapshots.py --snapshot-update`, then look at the SVGs
in tests/ui/__snapshots__/ before committing them. Every snapshot but the narrow terminal's
is taken at the same terminal size, of a library the tests write (fixed text, dates and file
times), in the default theme, once the scan, the open and the indexer are done and the
notices (which time out) are cleared: nothing on screen depends on today's date or the clock.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from tests.ui.articles import MTIME, write_library
from tests.ui.helpers import settle, wait_until

SIZE = (100, 30)
# The empty library's message names its folder: a fixed path keeps the screen the same.
EMPTY_LIBRARY = Path("/tmp/reader-snapshots/empty-library")
NARROW_EMPTY_LIBRARY = Path("/tmp/reader-snapshots/empty-library-narrow")

SnapCompare = Callable[..., bool]


def make_app(library: Path, tmp_path: Path) -> ReaderApp:
    store = StateStore(tmp_path / "state.json")
    store.load()
    app = ReaderApp([library], store)
    app.flow.read_after = 600  # nothing is marked read while the snapshot is taken
    return app


def ready(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Wait until the library is shown (and an article open, if any), press `keys`, wait
    again, and clear the notices."""

    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, ReaderApp)
        await settle(pilot)
        if app.articles:
            await wait_until(pilot, lambda: app.pane.reading is not None)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        app.clear_notifications()
        await pilot.pause()

    return run_before


def test_main_screen(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "library"), tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=ready())


def test_help_screen(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = make_app(write_library(tmp_path / "library"), tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=ready("question_mark"))


def test_boilerplate_view(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """`b` on the scraped page: its menu, repeated title, "Latest news" list and footer
    are shown dimmed, each under its reason."""
    app = make_app(write_library(tmp_path / "library"), tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=ready("b"))


def test_full_screen_reading(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """`z`: the article alone, its text at a readable measure in the middle."""
    app = make_app(write_library(tmp_path / "library"), tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=ready("z"))


def test_narrow_terminal_article(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """60×20, an article opened: it has the whole width (h or esc goes back to the list)."""
    app = make_app(write_library(tmp_path / "library"), tmp_path)
    assert snap_compare(app, terminal_size=(60, 20), run_before=ready("j", "enter"))


def test_narrow_terminal_list(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """60×20 at start: the list alone, titles at full length."""
    app = make_app(write_library(tmp_path / "library"), tmp_path)
    assert snap_compare(app, terminal_size=(60, 20), run_before=ready())


def test_narrow_terminal_no_match(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """60×20, a search that finds nothing, back in the list: the list says so, where the
    pane beside it says it in a wider terminal."""
    app = make_app(write_library(tmp_path / "library"), tmp_path)
    keys = ("slash", *"zebra", "enter")
    assert snap_compare(app, terminal_size=(60, 20), run_before=ready(*keys))


def test_empty_library(snap_compare: SnapCompare, tmp_path: Path) -> None:
    shutil.rmtree(EMPTY_LIBRARY, ignore_errors=True)
    EMPTY_LIBRARY.mkdir(parents=True)
    app = make_app(EMPTY_LIBRARY, tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=ready())


def test_narrow_empty_library(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """60×20, an empty library: the list, alone, gives the advice the pane gives beside it."""
    shutil.rmtree(NARROW_EMPTY_LIBRARY, ignore_errors=True)
    NARROW_EMPTY_LIBRARY.mkdir(parents=True)
    app = make_app(NARROW_EMPTY_LIBRARY, tmp_path)
    assert snap_compare(app, terminal_size=(60, 20), run_before=ready())


STRUCTURED_POST = """\
---
title: Setting up the harbour webcam
date: 2025-03-16
url: https://harbour.example.org/webcam
---

The [camera guide](https://example.org/camera) and the [mount notes](https://example.org/mount)
cover the hardware; the [camera guide](https://example.org/camera) also lists the cables.

| Part | Count | Price |
|:-----|------:|------:|
| Camera | 1 | 120.00 |
| Weatherproof housing | 1 | 45.50 |
| Cable (10 m) | 2 | 9.90 |

```
ffmpeg -i rtsp://camera.local/stream -vf fps=1/60 -update 1 /var/www/harbour/webcam/latest.jpg
```

Restart the service after changing the frame rate.
"""


def test_structured_article(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """A Markdown article with links, a table and a code block: links numbered with the
    list under the article, the table aligned, the code on one line (the pane scrolls
    sideways), the article's own URL in its header."""
    feed = tmp_path / "library" / "harbour-tech"
    feed.mkdir(parents=True)
    post = feed / "webcam.md"
    post.write_text(STRUCTURED_POST, encoding="utf-8")
    os.utime(post, (MTIME, MTIME))
    app = make_app(tmp_path / "library", tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=ready())


def test_feed_view(snap_compare: SnapCompare, tmp_path: Path) -> None:
    """`f`, enter on harbour-times, `f` again: the feed view beside the list, its counts,
    the chosen feed marked and the list narrowed to it (named in the status line)."""
    app = make_app(write_library(tmp_path / "library"), tmp_path)
    keys = ("f", "j", "j", "j", "enter", "f")
    assert snap_compare(app, terminal_size=SIZE, run_before=ready(*keys))
