"""A Chinese, Japanese or Korean word typed after `/` narrows the list to the articles
with it anywhere in a run, and the open article highlights it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.ui.reading_pane import MATCH_STYLE
from tests.ui.helpers import running, settle

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
    root = tmp_path / "library"
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        os.utime(path, (1_741_600_000, 1_741_600_000))
    return root


def titles(app: object) -> list[str]:
    return [a.title for a in app.article_list.rows]  # type: ignore[attr-defined]


def highlighted(app: object) -> list[str]:
    parts = app.pane.body.laid_out.parts  # type: ignore[attr-defined]
    return [
        part.content.plain[span.start : span.end]
        for part in parts
        for span in part.content.spans
        if str(span.style).endswith(MATCH_STYLE)
    ]


async def test_a_cjk_word_typed_after_slash_finds_its_articles(
    library: Path, tmp_path: Path
) -> None:
    async with running([library], tmp_path / "state.json") as (app, pilot):
        assert app.searcher.index_ready
        await pilot.press("slash", *"港口")
        await pilot.pause(0.3)
        await settle(pilot)
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
