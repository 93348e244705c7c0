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
