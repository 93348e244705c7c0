"""`reader search` with Chinese, Japanese and Korean words (sentences written here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from tests.core.test_search import write_library

PAGES = {
    "port/typhoon.txt": (
        "date 2025-08-02 台风来袭\n\n"
        "今天上午港口因台风关闭，所有渡轮停航，码头工人提前撤离。"
        "市政府表示，风力减弱后将重新评估开放时间。\n"
    ),
    "city/library.txt": (
        "date 2025-08-01 新しい図書館\n\n"
        "東京都は今日、駅の近くに新しい図書館を開館したと発表しました。"
        "館内にはカフェもあり、夜九時まで利用できます。\n"
    ),
    "city/bus.txt": (
        "date 2025-07-30 새 버스 노선\n\n"
        "서울시는 오늘부터 새로운 버스 노선을 운행한다고 밝혔습니다. "
        "시민들은 출퇴근 시간이 줄어들 것으로 기대하고 있습니다.\n"
    ),
}


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "lib", PAGES)


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("港口", ["台风来袭"]),
        ("台风关闭 -渡轮", []),
        ("図書館 OR 서울", ["新しい図書館", "새 버스 노선"]),
        ("カフェ feed:city", ["新しい図書館"]),
        ("버스", ["새 버스 노선"]),
        ("港口关闭", []),
    ],
)
def test_search_finds_cjk_words_inside_runs(
    capsys: pytest.CaptureFixture[str], library: Path, tmp_path: Path, query: str, titles: list[str]
) -> None:
    code = main(["search", *query.split(), str(library), "--state", str(tmp_path / "s.json")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert [line.split("\t")[4] for line in out.splitlines()] == titles
