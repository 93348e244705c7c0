"""Where the words of a search (or of find-in-article) are in an article's display
blocks: what the reading pane highlights and the match keys jump between."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.document import DocBlock
from reader.core.query import Needle, find_spans


@dataclass(frozen=True, slots=True)
class Match:
    """One highlighted range: characters `start` to `end` of block `block`'s text."""

    block: int
    start: int
    end: int


def find_matches(blocks: Sequence[DocBlock], wanted: Sequence[Needle]) -> list[Match]:
    """Every match of `wanted` in `blocks`, in reading order."""
    if not wanted:
        return []
    return [
        Match(index, start, end)
        for index, block in enumerate(blocks)
        for start, end in find_spans(block.text, wanted)
    ]


def block_marks(
    matches: Sequence[Match], count: int, current: int | None
) -> list[list[tuple[int, int, bool]]]:
    """Per block (of `count`), its (start, end, is the current one) ranges."""
    marks: list[list[tuple[int, int, bool]]] = [[] for _ in range(count)]
    for index, match in enumerate(matches):
        if match.block < count:
            marks[match.block].append((match.start, match.end, index == current))
    return marks


def step(current: int | None, count: int, direction: int) -> tuple[int, bool]:
    """The match `direction` (1 or -1) from `current` (None: none yet), and whether
    that wrapped around the article's end or start."""
    if current is None:
        return (0 if direction > 0 else count - 1), False
    target = current + direction
    return target % count, not 0 <= target < count
