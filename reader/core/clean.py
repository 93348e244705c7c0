"""Boilerplate removal (placeholder until the real cleaner lands): keeps every line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reader.core.models import Block, CleanResult


@dataclass(frozen=True)
class Rules:
    """User corrections for one feed: lines matching `hide` are always hidden,
    lines matching `keep` are always kept (keep wins)."""

    hide: tuple[re.Pattern[str], ...] = ()
    keep: tuple[re.Pattern[str], ...] = ()


@dataclass
class FeedEvidence:
    """Line recurrence across the pages of one feed (the cleaned page included)."""

    pages: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, pages: Iterable[Sequence[str]]) -> FeedEvidence:
        ev = cls()
        for blocks in pages:
            ev.pages += 1
            for key in {b.strip().casefold() for b in blocks}:
                ev.counts[key] = ev.counts.get(key, 0) + 1
        return ev


def split_text_blocks(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def clean_blocks(
    blocks: Sequence[str],
    title: str | None = None,
    *,
    feed: FeedEvidence | None = None,
    rules: Rules | None = None,
) -> CleanResult:
    return CleanResult(blocks=tuple(Block(b) for b in blocks))


def clean_text(
    text: str,
    title: str | None = None,
    *,
    feed: FeedEvidence | None = None,
    rules: Rules | None = None,
) -> CleanResult:
    return clean_blocks(split_text_blocks(text), title, feed=feed, rules=rules)
