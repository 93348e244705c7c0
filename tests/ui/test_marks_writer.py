"""The marks writer thread: Python switches threads sooner while a mark is written."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from reader.core.state import StateStore
from reader.ui.services import marks as marks_module
from reader.ui.services.marks import MarksService


class Posts:
    """Stands in for the app: keeps the messages the writer thread posts."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    def post_message(self, message: Any) -> bool:
        self.messages.append(message)
        return True


def test_the_switch_interval_is_short_while_marks_are_written(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.json")
    store.load()
    posts = Posts()
    service = MarksService(posts, store)  # type: ignore[arg-type]
    before = sys.getswitchinterval()
    assert before > marks_module.WRITE_SWITCH_INTERVAL
    release = threading.Event()
    seen: list[float] = []

    def first() -> None:
        release.wait(10)
        seen.append(sys.getswitchinterval())

    try:
        service.write(first, None)
        service.write(lambda: seen.append(sys.getswitchinterval()), None)  # queued behind
        assert sys.getswitchinterval() == marks_module.WRITE_SWITCH_INTERVAL
        release.set()
    finally:
        release.set()
        service.close()
    assert seen == [marks_module.WRITE_SWITCH_INTERVAL] * 2
    assert sys.getswitchinterval() == before  # put back once nothing is in flight
    assert len(posts.messages) == 2


def test_a_failing_write_puts_the_switch_interval_back(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.json")
    store.load()
    service = MarksService(Posts(), store)  # type: ignore[arg-type]
    before = sys.getswitchinterval()

    def fails() -> None:
        raise OSError("disk gone")

    service.write(fails, None)
    service.close()
    assert sys.getswitchinterval() == before
    with pytest.raises(RuntimeError):
        service.write(lambda: None, None)  # after close: refused
    assert sys.getswitchinterval() == before
