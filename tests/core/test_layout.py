"""The split between the list and the article: widths at each terminal size."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.layout import (
    MAX_LIST,
    MIN_ARTICLE,
    MIN_LIST,
    NARROW_BELOW,
    is_narrow,
    list_width,
    stepped,
    widest_list,
)


def test_the_list_takes_forty_percent_within_bounds() -> None:
    assert list_width(100) == 40
    assert list_width(120) == 48
    assert list_width(80) == MIN_LIST + 2
    assert list_width(70) == MIN_LIST
    assert list_width(200) == MAX_LIST


def test_a_chosen_width_wins_within_the_terminal() -> None:
    assert list_width(120, 55) == 55
    assert list_width(120, 10) == MIN_LIST
    assert list_width(120, 500) == MAX_LIST
    assert list_width(80, 55) == 80 - MIN_ARTICLE  # the article keeps its columns


def test_narrow_terminals_take_turns() -> None:
    assert is_narrow(NARROW_BELOW - 1) and is_narrow(40)
    assert not is_narrow(NARROW_BELOW) and not is_narrow(200)


def test_steps_move_the_divider_and_stop_at_the_bounds() -> None:
    assert stepped(120, None, 4) == 52
    assert stepped(120, None, -4) == 44
    assert stepped(120, MAX_LIST, 4) == MAX_LIST
    assert stepped(120, MIN_LIST, -4) == MIN_LIST
    assert stepped(80, 20, 4) == MIN_LIST + 4  # from the width shown, not the one stored


@given(st.integers(1, 1000), st.none() | st.integers(-100, 2000))
def test_width_is_always_within_bounds(terminal: int, chosen: int | None) -> None:
    width = list_width(terminal, chosen)
    assert MIN_LIST <= width <= MAX_LIST
    assert width <= widest_list(terminal)
    if terminal >= NARROW_BELOW:
        assert terminal - width >= MIN_ARTICLE
    if chosen is not None and MIN_LIST <= chosen <= widest_list(terminal):
        assert width == chosen
