"""A Chinese, Japanese or Korean word typed after `/` narrows the list to the articles
with it anywhere in a run, and the open article highlights it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.core.test_search import write_library
from tests.ui.helpers import running, settle
from tests.ui.test_search_ui import highlighted, search, titles

FILES = {
    "port/typhoon.md": (
        "---\ntitle: 台风来袭\ndate: 2025-08-02\n---\n\n"
        "今天上午港口因台风关闭，所有渡轮停航，码头工人提前撤离。\n"
    ),
    "city/library.md": (
        "---\ntitle: 東京で新しい図書館が開館\ndate: 2025-08-01\n---\n\n"
        "館内にはカフェもあり、夜九時まで利用できます。\n"
    ),
    "city/bus.md": (
        "---\ntitle: 서울에서 새 버스 노선 개통\ndate: 2025-07-30\n---\n\n"
        "시민들은 출퇴근 시간이 줄어들 것으로 기대하고 있습니다.\n"
    ),
    "port/ferry.md": (
        "---\ntitle: Ferry timetable changes\ndate: 2025-07-28\n---\n\n"
        "The harbour council approved a new ferry timetable with late crossings.\n"
    ),
}


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = write_library(tmp_path / "library", FILES)
    for name in FILES:
        os.utime(root / name, (1_741_600_000, 1_741_600_000))
    return root


async def test_a_cjk_word_typed_after_slash_finds_its_articles(
    library: Path, tmp_path: Path
) -> None:
    async with running([library], tmp_path / "state.json") as (app, pilot):
        assert app.searcher.index_ready
        await search(pilot, "港口")
        assert titles(app) == ["台风来袭"]
        assert highlighted(app) == ["港口"]
        await pilot.press("ctrl+a", "ctrl+k", *"カフェ OR 서울")
        await pilot.pause(0.3)
        await settle(pilot)
        assert titles(app) == ["東京で新しい図書館が開館", "서울에서 새 버스 노선 개통"]
        await pilot.press("ctrl+a", "ctrl+k", *"港口关闭")  # not next to each other
        await pilot.pause(0.3)
        await settle(pilot)
        assert titles(app) == []
