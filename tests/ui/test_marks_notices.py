"""What the app says about the state file and the watcher (issue 14)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_FEEDS, SEED_LIKE_PAGE
from tests.ui.helpers import running, wait_until


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    shutil.copytree(SAMPLE_FEEDS, root)
    return root


def notices(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def test_a_watcher_that_fails_is_said_once_and_polling_takes_over(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import watchfiles

    from reader.core import watch as watch_module

    def broken_watch(*args: object, **kwargs: object) -> object:
        # What watchfiles raises for a file name that is not valid UTF-8.
        raise RuntimeError("Error converting path to str")
        yield  # pragma: no cover - makes this a generator like watchfiles.watch

    monkeypatch.setattr(watchfiles, "watch", broken_watch)
    monkeypatch.setattr(watch_module, "POLL_EVERY", 0.1)
    async with running([library], tmp_path / "state.json") as (app, pilot):
        count = len(app.article_list.rows)
        await wait_until(pilot, lambda: any("Live updates" in n for n in notices(app)))
        (library / "harbour-gazette" / "polled.txt").write_text(SEED_LIKE_PAGE, encoding="utf-8")
        await wait_until(pilot, lambda: len(app.article_list.rows) == count + 1)
        assert len(app.article_list.rows) == count + 1
        said = [n for n in notices(app) if "Live updates" in n]
        assert len(said) == 1 and "RuntimeError" in said[0]


async def test_a_state_path_that_is_not_ours_is_said_on_screen(
    library: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    async with running([library], notes) as (app, pilot):
        assert any("not a reader state file" in n for n in notices(app))
        await pilot.press("s")
        await wait_until(pilot, lambda: app.store.is_starred(app.article_list.rows[0].id))
        assert app.store.is_starred(app.article_list.rows[0].id), "kept in memory"
    assert notes.read_text() == "my notes\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["notes.txt"]


async def test_a_mark_waiting_for_a_held_lock_is_said_then_the_failure_once(
    library: Path, tmp_path: Path
) -> None:
    """Another process holds the lock: the star shows at once, a notice says why it is
    not saved yet (after `LOCK_NOTICE_AFTER`), then that saving failed, in one sentence
    each (no repeated "kept in memory"); the star reaches the disk once the lock is free."""
    import fcntl
    import os

    from reader.core.state import StateStore

    state = tmp_path / "state.json"
    async with running([library], state) as (app, pilot):
        app.store._lock_timeout = 1.0
        fd = os.open(app.store.lock_path, os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            await pilot.press("s")
            first = app.article_list.rows[0].id
            assert app.store.is_starred(first)
            await wait_until(pilot, lambda: any("not being saved" in n for n in notices(app)))
        finally:
            os.close(fd)
        said = notices(app)
        [waiting] = [n for n in said if "Waiting for another reader" in n]
        assert str(app.store.lock_path) in waiting
        [failed] = [n for n in said if "not being saved" in n]
        assert failed.count("kept in memory") == 1 and ".." not in failed
        app.marks.merge_other_instances()  # what the app's timer does: retries the save
        await wait_until(pilot, lambda: app.store.save_error is None)
    fresh = StateStore(state)
    fresh.load()
    assert fresh.is_starred(first)
