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


async def test_conflict_copies_wait_for_a_held_lock_without_holding_up_the_start(
    library: Path, tmp_path: Path
) -> None:
    """Another process holds the lock at start: the list shows, the copy's marks show,
    the wait is said on screen; once the lock is free the copy is saved and moved
    into the conflicts folder, said once."""
    import fcntl
    import json
    import os

    from reader.core.state import StateStore

    state = tmp_path / "state.json"
    seed = StateStore(state)
    seed.load()
    seed.set_read("a", True)
    copy = tmp_path / "state.sync-conflict-20240102-030405-ABCDEFG.json"
    copy.write_text(
        json.dumps({"schema": 1, "articles": {"c": {"starred": True, "starred_at": 2.0}}})
    )
    fd = os.open(seed.lock_path, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        async with running([library], state) as (app, pilot):
            assert app.article_list.rows, "the start did not wait for the lock"
            await wait_until(pilot, lambda: any("Waiting for another" in n for n in notices(app)))
            assert any("Waiting for another" in n for n in notices(app))
            assert app.store.is_starred("c"), "merged in memory while the lock is held"
            assert copy.exists(), "not moved before its marks are saved"
            os.close(fd)
            fd = -1
            moved = tmp_path / "state.json.conflicts" / copy.name
            await wait_until(pilot, moved.exists)
            await wait_until(pilot, lambda: any("conflict copy" in n for n in notices(app)))
            assert moved.exists() and not copy.exists()
            said = [n for n in notices(app) if "conflict copy" in n]
            assert len(said) == 1 and "moved them to" in said[0]
    finally:
        if fd >= 0:
            os.close(fd)
    fresh = StateStore(state)
    fresh.load()
    assert fresh.is_starred("c") and fresh.is_read("a")


async def test_conflict_copies_whose_save_timed_out_are_moved_once_saving_works(
    library: Path, tmp_path: Path
) -> None:
    """The lock stays held past the store's timeout: saving fails (said once), the copy
    stays; the app's retry saves the merged marks and then moves the copy."""
    import fcntl
    import json
    import os

    from reader.core.state import StateStore
    from reader.ui.app import ReaderApp
    from tests.ui.helpers import settle

    state = tmp_path / "state.json"
    copy = tmp_path / "state (conflicted copy 2024-01-02 030405).json"
    copy.write_text(
        json.dumps({"schema": 1, "articles": {"c": {"starred": True, "starred_at": 2.0}}})
    )
    store = StateStore(state, lock_timeout=0.4)
    store.load()
    fd = os.open(store.lock_path, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    app = ReaderApp([library], store)
    app.flow.read_after = 600
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await wait_until(pilot, lambda: any("not being saved" in n for n in notices(app)))
            assert any("not being saved" in n for n in notices(app)) and copy.exists()
            os.close(fd)
            fd = -1
            app.marks.merge_other_instances()  # what the app's timer does
            await wait_until(pilot, lambda: not copy.exists())
            await wait_until(pilot, lambda: any("conflict copy" in n for n in notices(app)))
            assert not copy.exists() and app.store.save_error is None
            assert [n for n in notices(app) if "conflict copy" in n] != []
    finally:
        if fd >= 0:
            os.close(fd)
    fresh = StateStore(state)
    fresh.load()
    assert fresh.is_starred("c")
    assert (tmp_path / "state.json.conflicts" / copy.name).exists()


async def test_a_mark_written_while_the_screen_closes_is_dropped(tmp_path: Path) -> None:
    """A mark's write can come back while the app quits, its widgets half removed: the
    counts are then left alone (the feed view's look-up raised, a crash at quit)."""
    library = tmp_path / "library"
    shutil.copytree(SAMPLE_FEEDS, library)
    async with running([library], tmp_path / "state.json") as (app, _pilot):
        await app.main.feed_view.remove()
        app._update_counts()  # (no NoMatches)
