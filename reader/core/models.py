"""The article model shared by the CLI, the UI and the tests."""

from __future__ import annotations

import datetime as dt
import re
import sys
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from itertools import repeat
from operator import attrgetter
from typing import Any


@dataclass(frozen=True, slots=True)
class Block:
    """One block of page text with the cleaner's verdict.

    `hidden` blocks are boilerplate; `reason` says why, so the reader can show the
    user what was hidden instead of silently deleting it.
    """

    text: str
    hidden: bool = False
    reason: str = ""


# `Block`'s slots, set as its generated `__init__` sets them (a frozen dataclass's
# `__init__` goes through `object.__setattr__` once a field: `make_blocks` sets each
# field of all the blocks in one C-level `map`). A field added to `Block` makes
# `make_blocks` fail loudly (its `zip` is strict), never leave a slot unset.
_BLOCK_SLOTS = tuple(Block.__dict__[f.name].__set__ for f in fields(Block))


def make_blocks(
    texts: Sequence[str], hidden: Sequence[bool], reasons: Sequence[str]
) -> tuple[Block, ...]:
    """`tuple(map(Block, texts, hidden, reasons))` for three sequences of one length, in
    less than two thirds of the time: the cleaner labels every block of every page it
    reads (issue 9's speed figure)."""
    blocks = list(map(object.__new__, repeat(Block, len(texts))))
    for set_field, values in zip(_BLOCK_SLOTS, (texts, hidden, reasons), strict=True):
        deque(map(set_field, blocks, values), maxlen=0)
    return tuple(blocks)


@dataclass(frozen=True, slots=True)
class Rules:
    """User corrections for one feed (`[rules]` in config.toml): lines matching `hide`
    are always hidden, lines matching `keep` are always kept (keep wins)."""

    hide: tuple[re.Pattern[str], ...] = ()
    keep: tuple[re.Pattern[str], ...] = ()


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
# Where articles without any date sort: after every dated one (the first sort key is
# minus a time, and no date's time reaches past 1e12 s), newest file time first.
_UNDATED = 1e12
_MTIME_BOUND = 1e11

Row = tuple[Any, ...]
"""An article as plain values, in `Article.from_row`'s order: what scan worker processes
send back (far cheaper to pickle than objects)."""

ENTRY_SEPARATOR = "\0"
"""Between a file's path and an entry id in an entry key (`Article.key`). NUL is the
one character no path can hold (nor a file name on any system), so a key is never
mistaken for a path and `split_key` always gives the path back whole."""


def entry_key(path: str, entry: str) -> str:
    """The key of entry `entry` of the file `path`: the path itself for a file that is
    one article (entry ""), else the path, `ENTRY_SEPARATOR` and the entry id."""
    return path + ENTRY_SEPARATOR + entry if entry else path


def split_key(key: str) -> tuple[str, str]:
    """(path, entry id) of an entry key; the entry id is "" for a plain path."""
    path, _, entry = key.partition(ENTRY_SEPARATOR)
    return path, entry


@dataclass(slots=True)
class Article:
    """An article's metadata, without its text: one entry of an article file.

    The list holds one of these per entry (one per file, but for files holding
    several, such as feed files), so it stays small (100,000 rows fit in memory);
    the page text is read again when the article is opened. `size` and `mtime` are
    the file's at the time it was read: the metadata cache is keyed by them. `path`
    is a string, not a `Path`: 100,000 `Path` objects cost 50 MB and a tenth of a
    second to build.

    `entry` is the entry's id in its file ("" for a file that is one article) and
    `key` names the row: use it, not `path`, to find, compare or index rows, since
    the entries of one file share their path. Marks are keyed by `id`, which stays
    derived from the title and date (or a format's own identity, such as a guid).
    `warning` says what is wrong in a file that was read anyway ("" for nothing).

    Not frozen, for speed: a frozen dataclass's __init__ costs four times as much,
    which is most of a warm start at 100,000 rows. Treat instances as immutable.
    """

    id: str
    path: str
    feed: str
    title: str
    date: dt.date | None
    mtime: float
    size: int = 0
    format: str = "txt"
    url: str | None = None
    source: str | None = None
    tags: tuple[str, ...] = ()
    entry: str = ""
    found_date: dt.date | None = None  # found in the text of an undated article (found_date)
    warning: str = ""  # read despite a problem: shown under `!`
    _order: tuple[float, str, str] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def key(self) -> str:
        """The row's key: the path for a file that is one article, else the path,
        `ENTRY_SEPARATOR` and the entry id (`entry_key`). Never shown to the user."""
        entry = self.entry
        return self.path + ENTRY_SEPARATOR + entry if entry else self.path

    @property
    def order(self) -> tuple[float, str, str]:
        """The list's sort key: newest first by the date, else the date found in the text;
        articles with neither come after every dated one (newest file first). Then
        title and key. Computed on each use, not kept: kept, the keys of a warm
        start's check (which sorts every row) held 160 MiB of the app's 895 at a million
        rows, for the whole session. A scan sets `_order` on the rows
        it reads, for its own sorts (`ORDER_KEY`), and `drop_orders` lets them go."""
        order = self._order
        if order is None:
            stamp = order_stamp(self.date or self.found_date, self.mtime)
            return (stamp, self.title.casefold(), self.key)
        return order

    @property
    def shown_date(self) -> dt.date | None:
        """The date to show and sort by: the article's own, else the one found in it."""
        return self.date or self.found_date

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Article:
        """The article of a `Row` (path, size, mtime, id, feed, title, ISO date or None,
        format, url, source, tags, entry, found ISO date or None, warning). The row is
        trusted: our own scan made it."""
        path, size, mtime, id_, feed, title, date, fmt, url, source, tags, entry, found, warning = (
            row
        )
        return cls(
            id_,
            path,
            sys.intern(feed),  # one string per feed, not per row
            title,
            _optional_date(date),
            mtime,
            size,
            sys.intern(fmt),
            url,
            source,
            tuple(tags),
            entry,
            _optional_date(found),
            warning,
        )

    @classmethod
    def from_row_columns(
        cls, columns: Sequence[Sequence[Any]], stamps: Sequence[float]
    ) -> list[Article]:
        """The articles of many `Row`s given as columns (`zip(*rows)`: one sequence per
        field, in `from_row`'s order), with each row's `order_stamp`: what a scan
        worker sends back. Built at C speed (no Python call per row but the
        dataclass's own), with `order` already set, so sorting them calls no Python
        either (`ORDER_KEY`). The same articles as `from_row`, row by row."""
        path, size, mtime, id_, feed, title, date, fmt, url, source, tags, entry, found, warning = (
            columns
        )
        articles = list(
            map(
                cls,
                id_,
                path,
                map(sys.intern, feed),
                title,
                _dates(date),
                mtime,
                size,
                map(sys.intern, fmt),
                url,
                source,
                tags,
                entry,
                _dates(found),
                warning,
            )
        )
        keys = map(entry_key, path, entry) if any(entry) else path
        orders = zip(stamps, map(str.casefold, title), keys, strict=True)
        deque(map(_SET_ORDER, articles, orders), maxlen=0)
        return articles

    @classmethod
    def from_columns(cls, columns: Mapping[str, Sequence[Any]]) -> list[Article]:
        """Articles from one sequence of ready values per field (the metadata cache's
        checked columns), built at C speed: no Python call per row but the dataclass's
        own."""
        names = [f.name for f in fields(cls) if f.init]
        return list(map(cls, *(columns[name] for name in names)))


def _optional_date(text: str | None) -> dt.date | None:
    return parse_iso_date(text) if text else None


def _dates(texts: Sequence[str | None]) -> list[dt.date | None]:
    """`_optional_date` of each of `texts`, by look-ups at C speed (a library has a
    few hundred distinct dates)."""
    known: dict[str | None, dt.date | None] = {None: None, "": None}
    for text in set(texts).difference(known):
        known[text] = parse_iso_date(text)  # type: ignore[arg-type]
    return list(map(known.__getitem__, texts))


def order_stamp(date: dt.date | None, mtime: float) -> float:
    """The first part of `Article.order`: minus the date's end as a Unix time (newest
    first), or for an article without any date, after every dated one by file time."""
    if date is not None:
        return -((date.toordinal() - _EPOCH_ORDINAL + 1) * 86400.0)
    return -(max(-_MTIME_BOUND, min(mtime, _MTIME_BOUND)) - _UNDATED)


ORDER_KEY = attrgetter("_order")
"""The sort key of articles whose `order` is already set (`from_row_columns`): the
same order as `Article.order`, without a Python call per article."""
_SET_ORDER: Callable[[Article, tuple[float, str, str] | None], None] = Article.__dict__[
    "_order"
].__set__
ORDER = attrgetter("order")
"""The sort key of any article (`Article.order`), set or not."""


def drop_orders(articles: Sequence[Article]) -> None:
    """Let go of the sort keys a scan set on `articles` (`from_row_columns`), once they
    are sorted: about 0.2 GB at a million rows (a million sorted by their keys held 212
    MiB more). At C speed."""
    deque(map(_SET_ORDER, articles, repeat(None)), maxlen=0)


def insert_sorted(rows: Sequence[Article], new: Iterable[Article]) -> list[Article]:
    """`rows` (in list order) with `new` put in their places: the same list as sorting
    them all by `Article.order`, but only the new rows' keys and a binary search each
    are computed, not a key per row (a file change in a library of a million rows)."""
    merged: list[Article] = []
    start = 0
    for article in sorted(new, key=ORDER):
        index = bisect_left(rows, article.order, lo=start, key=ORDER)
        merged += rows[start:index]
        merged.append(article)
        start = index
    merged += rows[start:]
    return merged


def merge_sorted(rows: Sequence[Article], in_order: int) -> list[Article]:
    """`sorted(rows, key=ORDER_KEY)` for rows whose first `in_order` are in that order
    already and whose `order` is set (`from_row_columns`): the others are sorted, then
    each finds its place by binary search. Only their keys and those the searches probe
    are read, not one key per row: at the end of a first scan of 100,000 files the last
    chunks' 1,000-2,000 rows went in several times faster than the sort that read every
    row's key (through its row: a cache miss each). Ties keep a stable sort's order."""
    merged: list[Article] = []
    start = 0
    for article in sorted(rows[in_order:], key=ORDER_KEY):
        index = bisect_right(rows, article._order, lo=start, hi=in_order, key=ORDER_KEY)
        merged += rows[start:index]
        merged.append(article)
        start = index
    merged += rows[start:in_order]
    return merged


_DATES: dict[str, dt.date] = {}
_MAX_DATES = 100_000


def parse_iso_date(text: str) -> dt.date:
    """`date.fromisoformat`, remembered: a library has a few hundred distinct dates, and
    one shared object per date saves parsing and memory at 100,000 rows."""
    date = _DATES.get(text)
    if date is None:
        date = dt.date.fromisoformat(text)
        if len(_DATES) >= _MAX_DATES:  # hostile input: keep the memo bounded
            _DATES.clear()
        _DATES[text] = date
    return date


_ISO_TEXTS: dict[dt.date, str] = {}


def iso_text(date: dt.date) -> str:
    """`date.isoformat()`, remembered as `parse_iso_date` remembers dates: a scan writes
    each dated row's date as text twice (in its id and in its row), and formatting it
    cost a twelfth of a text dump's row. Only plain dates are remembered (aware
    datetimes of different text can be equal)."""
    if type(date) is not dt.date:
        return date.isoformat()
    text = _ISO_TEXTS.get(date)
    if text is None:
        text = date.isoformat()
        if len(_ISO_TEXTS) >= _MAX_DATES:  # hostile input: keep the memo bounded
            _ISO_TEXTS.clear()
        _ISO_TEXTS[date] = text
    return text
