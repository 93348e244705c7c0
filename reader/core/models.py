"""The article model shared by the CLI, the UI and the tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Block:
    """One block of page text with the cleaner's verdict.

    `hidden` blocks are boilerplate; `reason` says why, so the reader can show the
    user what was hidden instead of silently deleting it.
    """

    text: str
    hidden: bool = False
    reason: str = ""


@dataclass(frozen=True, slots=True)
class CleanResult:
    """What the cleaner makes of a page: every block, in order, plus metadata it found."""

    blocks: tuple[Block, ...]
    dateline: str | None = None
    byline: str | None = None

    @property
    def body(self) -> list[str]:
        return [b.text for b in self.blocks if not b.hidden]

    @property
    def hidden(self) -> list[Block]:
        return [b for b in self.blocks if b.hidden]


# Days from 0001-01-01 to 1970-01-01: a date's end as a Unix time without datetime.
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


@dataclass(slots=True)
class Article:
    """An article file's metadata, without its text.

    The list holds one of these per file, so it stays small (100,000 rows fit in
    memory); the page text is read again when the article is opened. `size` and
    `mtime` are the file's at the time it was read: the metadata cache is keyed by them.

    Not frozen, for speed: a frozen dataclass's __init__ costs four times as much,
    which is most of a warm start at 100,000 rows. Treat instances as immutable.
    """

    id: str
    path: Path
    feed: str
    title: str
    date: dt.date | None
    mtime: float
    size: int = 0
    format: str = "txt"
    url: str | None = None
    source: str | None = None
    tags: tuple[str, ...] = ()
    order: tuple[float, str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Computed once: sorting 100,000 rows must not rebuild it on every comparison.
        if self.date is not None:
            stamp = (self.date.toordinal() - _EPOCH_ORDINAL + 1) * 86400.0
        else:
            stamp = self.mtime
        self.order = (-stamp, self.title.casefold(), str(self.path))
