"""Read/starred marks, kept in a JSON snapshot and a JSON-lines journal shared by every
running reader.

Why it is built this way:

* The user may run several readers at once (two terminals, a `reader list` in a
  script while the UI is open). Every write happens under an exclusive `flock` on a
  sibling ``<name>.lock`` file, and every read merges what is on disk into memory:
  per article and per flag the later timestamp wins, and on equal timestamps our own
  value is kept. No instance ever loses another's marks.
* A mark costs the same whatever the file holds: it is one line appended (and
  fsynced) to ``<name>.journal``; the snapshot ``<name>`` is rewritten only when the
  journal has grown to half the snapshot's size (`StateStore.compact`, which the app
  runs in the background). Other readers read only the journal's new lines, and the
  whole snapshot only after a compaction.
* A crash (or SIGKILL, or power loss) must never leave a half-written snapshot: it is
  written to a temporary file in the same folder, fsynced, ``os.replace``d over the old
  one and the folder fsynced. A journal line cut short by a crash was never
  acknowledged; it is ignored, and cut off by the next writer.
* Replaying a journal line is a merge, so replaying it twice, or after the snapshot
  already holds it, changes nothing. A compaction writes the new snapshot (with a new
  journal ``generation``) first and the new, empty journal after it; a journal whose
  generation is older than the snapshot's is already in it and is ignored.
* Marks are tedious to redo, so a bad file of ours is never deleted or overwritten:
  writers move it aside to ``<name>.corrupt-<YYYYmmdd-HHMMSS>`` and the user is told
  where; marks in memory are written back at once.
* The state path is not always ours. Ours is the default state file (in our data
  folder) whatever it holds, a JSON object with our ``schema`` key, or a path where
  nothing exists yet. Anything else (a user's notes given to ``--state``, a symlink to
  some other file, a FIFO, a device, a folder) is never moved, copied over or written:
  marks are kept in memory and `read_only_reason` says why. Nothing that is not a
  regular file is even opened, and reads are capped at `MAX_FILE_BYTES`.
* Read-only commands (``StateStore(..., writable=False)``) never move, create or
  rewrite anything, not even the lock file.
* A full disk or a read-only home must not crash the UI: saving never raises, it
  sets `StateStore.save_error`, keeps every mark in memory and tries again on the
  next change (or `StateStore.retry`).
* A file written by a newer reader (higher ``schema``) is never written to, since we
  cannot know what we would destroy; its marks are shown if we can make sense of them.
  Readers of schemas 1 and 2 find no ``articles`` in a schema 3 snapshot: they say it
  is newer, show no marks and write nothing (tests/core/legacy holds frozen copies).
* One article entry with a wrong type does not cost the user all other marks: it is
  ignored (with one notice for all such entries), and an exact copy of the file is
  kept aside before the first rewrite drops it.
* Older schemas are upgraded by `_migrate`, one registered step per version
  (`_MIGRATIONS`); version 0 is the pre-versioning ``{"read": [...], "starred": [...]}``.

Snapshot, schema version 3: the marks in columns (see `Articles`), each a flat list of
article id and time pairs, which ``json.loads`` decodes in a third of the time that an
object per article (schemas 1 and 2) took::

    {"schema": 3, "journal": 7,
     "read": ["<article id>", 1700000000.5, ...], "unread": [...],
     "starred": [...], "unstarred": ["<article id>", 1700000100.0, ...],
     "other": {"<article id>": {"note": "kept"}}}

Journal (``<name>.journal``), one JSON object per line; the first names the snapshot
generation it continues, each other one is an article's flags after a change::

    {"schema": 3, "journal": 7}
    {"id": "<article id>", "read": true, "read_at": 1700000200.0}

``*_at`` is absent for a flag that was never set; an article with nothing set is
absent. A flag set to false keeps its ``*_at`` (the time it was cleared), because that
timestamp is what lets "unread" win a merge against an older "read" in another
instance. Unknown keys, at the top level and per article, are kept on rewrite.

After `StateStore.undo` an article may carry ``read_changed_at`` /
``starred_changed_at``. Undo restores the previous flag *and* its previous timestamp,
which is older than the change being undone, so on its own it would lose every later
merge and the undone change would come back from another instance's memory.
``*_changed_at`` is the merge clock of the flag when it differs from ``*_at``. When
undo clears a flag that had never been set, that key may be all the article has left.

Nothing here imports Textual: the CLI and the tests use this without an event loop.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import math
import os
import secrets
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from itertools import chain, compress, count
from pathlib import Path
from typing import Any, TypeGuard, TypeVar

from reader.core import state_cache
from reader.core.files import UNKNOWN_KIND, file_kind

__all__ = ["SCHEMA_VERSION", "Mark", "StateStore", "UndoRecord"]

SCHEMA_VERSION = 3
"""The schema this code reads and writes. Bump it only together with a migration."""

FLAGS: tuple[str, ...] = ("read", "starred")

MAX_FILE_BYTES = 512 * 1024 * 1024
"""The most we read of a snapshot or journal (1,000,000 marks take ~70 MB)."""
KEPT_IN_MEMORY = "They are kept in memory and saving is retried on the next change."
"""How every `StateStore.save_error` ends (a command that exits says something else)."""
LOCK_NOTICE_AFTER = 0.15
"""Seconds of waiting for the file lock after which `StateStore.on_wait` is told (a
write holds it for milliseconds; the message must be on screen within half a second)."""
COMPACT_MIN_BYTES = 256 * 1024
"""A journal smaller than this is never worth compacting."""

_FLAG_KEYS: dict[str, tuple[str, str, str]] = {
    flag: (flag, f"{flag}_at", f"{flag}_changed_at") for flag in FLAGS
}
_ALL_FLAG_KEYS: frozenset[str] = frozenset(k for keys in _FLAG_KEYS.values() for k in keys)
_JOURNAL_KEYS: tuple[str, ...] = tuple(k for keys in _FLAG_KEYS.values() for k in keys)
_NEVER = -math.inf
_encode = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True).encode

Entry = dict[str, Any]
"""One article's JSON object, as stored in the file (flag keys plus unknown keys)."""

Signature = tuple[int, int, int]
"""(inode, mtime_ns, size) of the state file: tells `refresh` whether to re-read."""


@dataclass(frozen=True, slots=True)
class Mark:
    """An article's flags as the list and the UI show them.

    ``read_at`` / ``starred_at`` is when the flag last changed (also when it was
    cleared); ``None`` means the flag was never set.
    """

    read: bool = False
    read_at: float | None = None
    starred: bool = False
    starred_at: float | None = None


_EMPTY_MARK = Mark()


@dataclass(frozen=True, slots=True)
class _UndoEntry:
    """One article changed by a bulk operation: its flag keys before, its clock after."""

    article_id: str
    before: tuple[tuple[str, Any], ...]
    after_clock: float


@dataclass(frozen=True, slots=True)
class UndoRecord:
    """What `StateStore.set_read_many` changed, so that `StateStore.undo` can put it back.

    Only articles whose flag actually changed are listed: marking an already read
    article read again neither touches it nor is undone.
    """

    flag: str
    value: bool
    entries: tuple[_UndoEntry, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        """The articles the bulk change modified (in the order they were given)."""
        return tuple(e.article_id for e in self.entries)

    def __len__(self) -> int:
        return len(self.entries)


class _Unreadable(Exception):
    """The file's contents cannot be understood at all; `reason` says why, for the user.

    `ours` says the contents themselves show the file is a state file (a JSON object
    with our ``schema`` key), so that it may be moved aside even outside our folder.
    """

    def __init__(self, reason: str, *, ours: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.ours = ours


class _NotOurs(Exception):
    """The state path holds something we must not read or touch (a FIFO, a device...)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class _Parsed:
    """A state file turned into our in-memory shape (already migrated to the current schema)."""

    schema: int
    top: dict[str, Any]
    articles: Articles
    dropped: list[str]
    gen: int | None = None
    """The journal generation this snapshot goes with; None: no journal (schema < 2)."""
    ours: bool = True
    """The file says it is a state file (it has our ``schema`` key)."""
    on_disk: int = 3
    """The schema the file was written in (an older one is rewritten at the first mark)."""
    cacheable: state_cache.Cached | None = None
    """What the snapshot cache keeps of it: set only for a current snapshot of ours with
    a journal generation and no entry dropped."""


# --------------------------------------------------------------------------- parsing


_TIME_LIMIT = 2**62  # larger whole numbers are no timestamps (and overflow a float)


def is_time(value: object) -> bool:
    """Whether `value` is a finite number of seconds (JSON's true and false are not)."""
    kind = type(value)
    if kind is float:
        return math.isfinite(value)  # type: ignore[arg-type]
    if kind is int:
        return -_TIME_LIMIT < value < _TIME_LIMIT  # type: ignore[operator]
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and is_time(
            float(value)  # a subclass (never from JSON): judged by its value
        )
    )


def is_whole(value: object, minimum: int) -> TypeGuard[int]:
    """Whether `value` is a whole number of at least `minimum` (a version field)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


_KEY_IS_FLAG: dict[str, bool] = {
    key: key == keys[0] for keys in _FLAG_KEYS.values() for key in keys
}
"""Each flag key: True for the flag itself, False for its timestamps."""


def _clean_entry(entry: object) -> Entry | None:
    """Validate one article's object; ``None`` if it has a wrong type anywhere.

    A flag that is true without a timestamp (hand-edited files) is taken as set at
    time 0.0, so any real change elsewhere wins over it. Runs once per article on
    every load, so it looks at each key once, by exact type (JSON makes no subclasses).
    """
    if type(entry) is not dict:
        return None if not isinstance(entry, dict) else _clean_entry(dict(entry))
    kinds = _KEY_IS_FLAG
    for key, value in entry.items():
        is_flag = kinds.get(key)
        if is_flag is None:
            continue  # an unknown key: kept as it is
        if is_flag:
            if type(value) is not bool:
                return None
        elif type(value) is float:
            if value - value != 0.0:  # inf or nan
                return None
        elif not is_time(value):
            return None
    fixed: Entry | None = None
    for k_val, k_at, _ in _FLAG_KEYS.values():
        if entry.get(k_val) is True and k_at not in entry:
            fixed = dict(entry) if fixed is None else fixed
            fixed[k_at] = 0.0
    return entry if fixed is None else fixed


def _clean_articles(raw: dict[str, Any]) -> tuple[Articles, list[str]]:
    """Keep the valid article entries, listing the ids of those dropped for wrong types."""
    good = Articles()
    dropped: list[str] = []
    for article_id, entry in raw.items():
        clean = _clean_entry(entry)
        if clean is None:
            dropped.append(article_id)
        elif clean:
            good[article_id] = clean
    return good, dropped


_SECTIONS: tuple[str, ...] = (
    *(name for flag in FLAGS for name in (flag, f"un{flag}", f"{flag}_changed_at")),
    "other",
)
"""The top-level keys of a schema 3 snapshot that hold marks (see `Articles`)."""


class Articles(MutableMapping[str, Entry]):
    """Every article's flags, by id, kept in columns so that a snapshot of 100,000 marks
    loads at C speed: per flag one map of id to time for the articles where it is set
    (``read``), one for those where it was cleared (``unread``), one for the
    ``*_changed_at`` clocks, and ``other`` for whatever else an article holds (unknown
    keys; a time without its flag).

    To the rest of this module it is a mapping of id to the article's JSON object
    (`Entry`), built on each lookup and taken apart on each store: entries are never
    changed in place, only replaced. The snapshot stores the same columns, each a flat
    JSON list ``[id, time, id, time, ...]`` (what ``json.loads`` decodes fastest), and
    ``other`` as an object of per-article objects::

        {"schema": 3, "journal": 7,
         "read": ["<id>", 1700000000.5, ...], "unread": [...],
         "starred": ["<id>", 1700000100.0, ...], "unstarred": [...],
         "read_changed_at": [...], "starred_changed_at": [...],
         "other": {"<id>": {"note": "kept"}}}

    A column with nothing in it is left out.
    """

    __slots__ = (
        "_changed",
        "_gone",
        "_lazy_ids",
        "_log",
        "_log_start",
        "_off",
        "_on",
        "_pending",
        "_rest",
        "_singles",
    )

    def __init__(self) -> None:
        self._log: list[tuple[str, bool]] = []
        """The articles whose read flag was set or cleared, in order, each with its new
        value: what lets a count of unread articles follow a mark without a recount."""
        self._log_start = 0
        """The position of `_log`'s first change (positions only grow)."""
        self._clear()

    def _clear(self) -> None:
        self._on: dict[str, dict[str, Any]] = {flag: {} for flag in FLAGS}
        self._off: dict[str, dict[str, Any]] = {flag: {} for flag in FLAGS}
        self._changed: dict[str, dict[str, Any]] = {flag: {} for flag in FLAGS}
        self._rest: dict[str, Entry] = {}
        self._pending: list[tuple[str, list[str], Sequence[float]]] = []
        """Large set-flag columns read from a snapshot whose id -> time maps are not
        built yet (each id once in its list). For such a flag, ``_on`` holds only the
        times looked up or stored since (`_fetch`); the others are in these lists until
        something needs the whole map (`_realize`)."""
        self._lazy_ids: dict[str, set[str]] | None = None
        """While `_pending`: the ids with each flag set, exactly (a set builds in a third
        of the time of a map, and is all that start-up asks for)."""
        self._gone: dict[str, set[str]] = {}
        """While `_pending`: per pending flag, ids no longer set whose old time is still
        in the lists (left out when the map is built)."""
        self._singles = 0
        """Ids fetched one at a time (a scan of the list each): past `_SINGLES_MAX` the
        map is built instead."""

    def _realize(self) -> None:
        """Build the pending id -> time maps (before anything but `has`, `ids_with` and
        the lookups of single articles)."""
        if self._lazy_ids is None:
            return
        for flag, ids, times in self._pending:
            built = dict(zip(ids, times, strict=True))
            for article_id in self._gone.get(flag, ()):
                built.pop(article_id, None)
            built.update(self._on[flag])  # looked up or stored since: the later word
            self._on[flag] = built
        self._pending = []
        self._gone = {}
        self._lazy_ids = None  # last: another thread's `has` reads the sets until here

    def _touch(self, article_id: str) -> None:
        """Before looking up or storing one article: fetch its time from the pending
        lists if it has one there (a mark of a new article, the usual case, costs
        nothing; one of an article read long ago, a scan of the list at C speed)."""
        lazy = self._lazy_ids
        if lazy is None:
            return
        for flag, ids, times in self._pending:
            if article_id in lazy[flag] and article_id not in self._on[flag]:
                self._singles += 1
                if self._singles > _SINGLES_MAX:
                    self._realize()
                    return
                self._on[flag][article_id] = times[ids.index(article_id)]

    def prefetch(self, article_ids: Iterable[str]) -> None:
        """Before looking up or storing many articles (a journal's lines, an import):
        fetch their times from the pending lists in one pass per column, or build the
        maps when they are a good part of the column. Replaying a journal costs its
        lines, not the snapshot's size."""
        lazy = self._lazy_ids
        if lazy is None:
            return
        wanted = set(article_ids)
        for flag, ids, times in self._pending:
            on = self._on[flag]
            needed = {i for i in wanted & lazy[flag] if i not in on}
            if not needed:
                continue
            if len(needed) > len(ids) // 8:
                self._realize()
                return
            if len(needed) <= 2:
                for article_id in needed:
                    on[article_id] = times[ids.index(article_id)]
                continue
            for at in compress(count(), map(needed.__contains__, ids)):
                on[ids[at]] = times[at]

    def _columns(self) -> list[dict[str, Any]]:
        self._realize()
        return [*self._on.values(), *self._off.values(), *self._changed.values(), self._rest]

    def _cleared(self, flag: str, article_id: str) -> None:
        """The flag is no longer set for the article: the lazy set follows, and a time
        still in the pending lists is left out when the map is built."""
        lazy = self._lazy_ids
        if lazy is not None:
            lazy[flag].discard(article_id)
            gone = self._gone.get(flag)
            if gone is not None:
                gone.add(article_id)

    # -- the read log

    @property
    def read_log_end(self) -> int:
        """The position after the last change of a read flag (see `read_changes`)."""
        return self._log_start + len(self._log)

    def read_changes(self, since: int) -> list[tuple[str, bool]] | None:
        """The read flags set (True) or cleared (False) since position `since`, in
        order, each a real change; None when they are not known (columns taken over
        wholesale since, or more changes than the log keeps): count again."""
        at = since - self._log_start
        if at < 0 or since > self.read_log_end:
            return None
        return self._log[at:]

    def _logged(self, article_id: str, was_read: bool) -> None:
        """After a store: log the read flag's change, if it changed."""
        now = self.has(article_id, "read")
        if now != was_read:
            log = self._log
            log.append((article_id, now))
            if len(log) > 2 * _LOG_KEPT:
                dropped = len(log) - _LOG_KEPT
                del log[:dropped]
                self._log_start += dropped

    # -- fast paths for the UI

    def has(self, article_id: str, flag: str) -> bool:
        """Whether the flag is set for the article (no entry is built)."""
        lazy = self._lazy_ids
        return article_id in (self._on[flag] if lazy is None else lazy[flag])

    def among(self, article_ids: Iterable[str], flag: str) -> list[str]:
        """Those of `article_ids` with the flag set, in their order (at C speed)."""
        lazy = self._lazy_ids
        column = self._on[flag] if lazy is None else lazy[flag]
        return list(filter(column.__contains__, article_ids))

    def flags(self, article_ids: Iterable[str], flag: str) -> list[bool]:
        """Whether the flag is set, for each of `article_ids` (at C speed)."""
        lazy = self._lazy_ids
        column = self._on[flag] if lazy is None else lazy[flag]
        return list(map(column.__contains__, article_ids))

    def ids_with(self, flag: str) -> set[str]:
        """The ids with the flag set, as a new set (built at C speed)."""
        lazy = self._lazy_ids
        return set(self._on[flag] if lazy is None else lazy[flag])

    def take(self, other: Articles) -> None:
        """Adopt `other`'s columns wholesale (when this holds nothing yet). The read log
        cannot say what changed: a position past its end tells its readers so."""
        self._log_start = self.read_log_end + 1
        self._log = []
        self._on, self._off = other._on, other._off
        self._changed, self._rest = other._changed, other._rest
        self._pending, self._lazy_ids = other._pending, other._lazy_ids
        self._gone, self._singles = other._gone, other._singles
        other._clear()

    def differing(self, other: Articles) -> set[str]:
        """The ids whose entries may differ between the two (at C speed per column: the
        symmetric difference of the columns' items)."""
        self._realize()
        other._realize()
        ids: set[str] = set()
        for mine, theirs in zip(
            [*self._on.values(), *self._off.values(), *self._changed.values()],
            [*other._on.values(), *other._off.values(), *other._changed.values()],
            strict=True,
        ):
            if mine != theirs:
                ids.update(key for key, _ in mine.items() ^ theirs.items())
        rest, other_rest = self._rest, other._rest
        if rest != other_rest:
            ids.update(
                k for k in rest.keys() | other_rest.keys() if rest.get(k) != other_rest.get(k)
            )
        return ids

    # -- the mapping

    def get(self, article_id: str, default: Any = None) -> Any:
        self._touch(article_id)
        entry: Entry | None = None
        for flag, (k_val, k_at, k_changed) in _FLAG_KEYS.items():
            at = self._on[flag].get(article_id, _MISSING)
            if at is not _MISSING:
                entry = (
                    {k_val: True, k_at: at} if entry is None else {**entry, k_val: True, k_at: at}
                )
            else:
                at = self._off[flag].get(article_id, _MISSING)
                if at is not _MISSING:
                    entry = (
                        {k_val: False, k_at: at}
                        if entry is None
                        else {**entry, k_val: False, k_at: at}
                    )
            clock = self._changed[flag].get(article_id, _MISSING)
            if clock is not _MISSING:
                entry = {k_changed: clock} if entry is None else {**entry, k_changed: clock}
        rest = self._rest.get(article_id)
        if rest is not None:
            entry = dict(rest) if entry is None else {**rest, **entry}
        return default if entry is None else entry

    def __getitem__(self, article_id: str) -> Entry:
        entry: Entry | None = self.get(article_id)
        if entry is None:
            raise KeyError(article_id)
        return entry

    def __setitem__(self, article_id: str, entry: Entry) -> None:
        # No `_touch`: a time stored in `_on` is the later word over the pending lists.
        was_read = self.has(article_id, "read")
        lazy = self._lazy_ids
        rest = {k: v for k, v in entry.items() if k not in _ALL_FLAG_KEYS}
        for flag, (k_val, k_at, k_changed) in _FLAG_KEYS.items():
            on, off = self._on[flag], self._off[flag]
            value = entry.get(k_val)
            if type(value) is bool and k_at in entry:
                # the new place first: a reader on another thread never sees neither
                (on if value else off)[article_id] = entry[k_at]
                (off if value else on).pop(article_id, None)
                if lazy is None:
                    pass
                elif value:
                    lazy[flag].add(article_id)
                else:
                    self._cleared(flag, article_id)
            else:
                on.pop(article_id, None)
                off.pop(article_id, None)
                self._cleared(flag, article_id)
                for key in (k_val, k_at):
                    if key in entry:
                        rest[key] = entry[key]
            if k_changed in entry:
                self._changed[flag][article_id] = entry[k_changed]
            else:
                self._changed[flag].pop(article_id, None)
        if rest:
            self._rest[article_id] = rest
        else:
            self._rest.pop(article_id, None)
        self._logged(article_id, was_read)

    def __delitem__(self, article_id: str) -> None:
        if article_id not in self:
            raise KeyError(article_id)
        was_read = self.has(article_id, "read")
        for flag in FLAGS:
            self._on[flag].pop(article_id, None)
            self._cleared(flag, article_id)
            self._off[flag].pop(article_id, None)
            self._changed[flag].pop(article_id, None)
        self._rest.pop(article_id, None)
        self._logged(article_id, was_read)

    def _unbuilt(self) -> list[Any]:
        """The columns as they are, with the lazy sets for the set flags: what tells
        whether an article is there without building the pending maps."""
        lazy = self._lazy_ids
        on = self._on.values() if lazy is None else lazy.values()
        return [*on, *self._off.values(), *self._changed.values(), self._rest]

    def __contains__(self, article_id: object) -> bool:
        return any(article_id in column for column in self._unbuilt())

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(chain.from_iterable(self._columns())))

    def __len__(self) -> int:
        return len(dict.fromkeys(chain.from_iterable(self._columns())))

    def __bool__(self) -> bool:
        return any(self._unbuilt())

    # -- the snapshot

    def to_file(self) -> dict[str, Any]:
        """The columns as the snapshot stores them (see the class docstring)."""
        self._realize()
        out: dict[str, Any] = {}
        for flag in FLAGS:
            for name, column in (
                (flag, self._on[flag]),
                (f"un{flag}", self._off[flag]),
                (f"{flag}_changed_at", self._changed[flag]),
            ):
                if column:  # an empty column is left out
                    out[name] = list(chain.from_iterable(column.items()))
        if self._rest:
            out["other"] = self._rest
        return out

    def columns(self) -> tuple[Columns, dict[str, Entry]]:
        """The columns as `to_file` writes them, each as its ids and times, and
        ``other`` (a copy: entries are replaced, never changed in place)."""
        self._realize()
        out: Columns = {}
        for flag in FLAGS:
            for name, column in (
                (flag, self._on[flag]),
                (f"un{flag}", self._off[flag]),
                (f"{flag}_changed_at", self._changed[flag]),
            ):
                if column:
                    out[name] = (list(column), list(column.values()))
        return out, dict(self._rest)

    @classmethod
    def from_file(cls, data: Mapping[str, Any]) -> tuple[Articles, list[str]]:
        """Read the columns of a snapshot; returns the marks and the ids of the entries
        dropped for wrong types. Raises `_Unreadable` when a column is no flat list of
        pairs, or ``other`` no object."""
        columns, dropped = _columns_of(data)
        other = data.get("other", {})
        articles, more = cls.from_columns(columns, other)
        return articles, dropped + more

    @classmethod
    def from_columns(cls, columns: Columns, other: object) -> tuple[Articles, list[str]]:
        """The marks of a snapshot's columns, each already split into its ids and times
        (`_columns_of`, or the snapshot cache) and ``other``; returns them with the ids
        of the entries in ``other`` dropped for wrong types. Raises `_Unreadable` when
        ``other`` is no object. A large set-flag column whose ids are each there once
        is kept as its lists (`_pending`), with the set of its ids."""
        articles = cls()
        dropped: list[str] = []
        lazy_ids: dict[str, set[str]] = {}
        for flag in FLAGS:
            for name, column in (
                (flag, articles._on[flag]),
                (f"un{flag}", articles._off[flag]),
                (f"{flag}_changed_at", articles._changed[flag]),
            ):
                found = columns.get(name)
                if found is None:
                    continue
                ids, times = found
                if column is articles._on[flag] and len(ids) > _LAZY_FROM:
                    unique = set(ids)
                    if len(unique) == len(ids):  # each id once: its time is found by index
                        articles._pending.append((flag, ids, times))  # built when needed
                        lazy_ids[flag] = unique
                        continue
                column.update(zip(ids, times, strict=True))
            on, off = articles._on[flag], articles._off[flag]
            if flag in lazy_ids and any(k in lazy_ids[flag] for k in off):
                del lazy_ids[flag]  # set and cleared (a hand edit): the map is needed now
                [(_, ids, times)] = [p for p in articles._pending if p[0] == flag]
                articles._pending = [p for p in articles._pending if p[0] != flag]
                on.update(zip(ids, times, strict=True))
            for article_id in [k for k in off if k in on]:  # both set and cleared: later wins
                if off[article_id] > on[article_id]:
                    del on[article_id]
                else:
                    del off[article_id]
        if articles._pending:
            articles._lazy_ids = {
                flag: lazy_ids[flag] if flag in lazy_ids else set(articles._on[flag])
                for flag in FLAGS
            }
            articles._gone = {flag: set() for flag, _, _ in articles._pending}
        if type(other) is not dict:
            raise _Unreadable("its 'other' entry is not an object")
        fresh = bool(other) and not articles  # nothing in the columns (a schema 2 file)
        if other and not fresh:
            articles.prefetch(other)
        for article_id, entry in other.items():
            clean = _clean_entry(entry)
            if clean is None:
                dropped.append(article_id)
            elif fresh:
                articles._put_new(article_id, clean)
            elif clean:
                known = articles.get(article_id)
                articles[article_id] = clean if known is None else {**clean, **known}
        return articles, dropped

    def _put_new(self, article_id: str, entry: Entry) -> None:
        """`__setitem__` for an id in no column yet (a migration: 100,000 of them)."""
        rest: Entry | None = None
        for key, value in entry.items():
            keys = _KEY_FLAG.get(key)
            if keys is None:
                rest = {key: value} if rest is None else {**rest, key: value}
            elif key == keys[2]:
                self._changed[keys[3]][article_id] = value
            elif key == keys[1] and type(entry.get(keys[0])) is bool:
                (self._on if entry[keys[0]] else self._off)[keys[3]][article_id] = value
            elif key == keys[0] and type(value) is bool and keys[1] in entry:
                continue  # stored with its time
            else:
                rest = {key: value} if rest is None else {**rest, key: value}
        if rest:
            self._rest[article_id] = rest


_MISSING: Any = object()
_LAZY_FROM = 1000
"""A set-flag column of more pairs than this has its id -> time map built lazily."""
_SINGLES_MAX = 32
_LOG_KEPT = 4096
"""Changes of read flags the read log keeps at least (a reader further behind counts
again); it is trimmed to this when it reaches twice as many."""
"""Articles of a lazy column looked up one by one before its map is built instead."""
_KEY_FLAG: dict[str, tuple[str, str, str, str]] = {
    key: (*keys, flag) for flag, keys in _FLAG_KEYS.items() for key in keys
}
"""Each flag key: its flag's three keys and the flag's name."""
_STR: frozenset[type] = frozenset({str})
_FLOAT: frozenset[type] = frozenset({float})

_COLUMNS: tuple[str, ...] = tuple(
    name for flag in FLAGS for name in (flag, f"un{flag}", f"{flag}_changed_at")
)
"""The snapshot's columns of ids and times (`_SECTIONS` without ``other``)."""

Columns = state_cache.Columns
"""A snapshot's columns by name, each as its ids and their times, in the file's order."""


def _columns_of(data: Mapping[str, Any]) -> tuple[Columns, list[str]]:
    """Split a snapshot's flat columns into ids and times; returns them with the ids of
    the pairs dropped for wrong types. Raises `_Unreadable` when a column is no flat
    list of pairs. Checks each column by the set of its value types (C speed), and
    pair by pair only when that finds something amiss; a column so checked keeps its
    good pairs, each id once (the later pair wins)."""
    columns: Columns = {}
    dropped: list[str] = []
    for name in _COLUMNS:
        flat = data.get(name, [])
        if type(flat) is not list or len(flat) % 2:
            raise _Unreadable(f"its {name!r} entry is not a list of ids and times")
        if not flat:
            continue
        ids, times = flat[0::2], flat[1::2]
        if not _exact(ids, times):
            good: dict[str, Any] = {}
            for article_id, at in zip(ids, times, strict=True):
                if type(article_id) is str and is_time(at):
                    good[article_id] = at
                else:
                    dropped.append(article_id if type(article_id) is str else repr(article_id))
            ids, times = list(good), list(good.values())
        columns[name] = (ids, times)
    return columns, dropped


def _exact(ids: list[Any], times: Sequence[Any]) -> bool:
    """Every id a str and every time a finite float (at C speed)."""
    return (
        set(map(type, ids)) <= _STR
        and set(map(type, times)) <= _FLOAT
        and math.isfinite(sum(times))
    )


def snapshot_entries(data: Mapping[str, Any]) -> tuple[dict[str, Entry], list[str]]:
    """The articles of a schema 3 snapshot as ``{id: {flag keys...}}`` objects, and the
    ids of entries with wrong types (for `reader state import` and conflict copies).
    Raises ValueError with the reason when the snapshot's shape is wrong."""
    try:
        articles, dropped = Articles.from_file(data)
    except _Unreadable as exc:
        raise ValueError(exc.reason) from None
    return dict(articles.items()), dropped


def _schema_of(data: dict[str, Any]) -> int:
    """The schema version of a decoded file; files from before versioning are version 0."""
    if "schema" in data:
        version = data["schema"]
        if not is_whole(version, 0):
            raise _Unreadable(f"its schema version {version!r} is not a whole number")
        return version
    if "articles" in data:
        raise _Unreadable("it has articles but no schema version")
    return 0


def _migrate_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 0: ``{"read": [ids], "starred": [ids]}`` with no timestamps.

    Every listed flag becomes set at time 0.0, so that any timestamped change made
    by a current reader wins a merge against it. Non-string ids cannot be article
    ids and are skipped; a list that is not a list makes the file unreadable.
    """
    articles: dict[str, Entry] = {}
    for flag in FLAGS:
        ids = data.get(flag, [])
        if not isinstance(ids, list):
            raise _Unreadable(f"its legacy {flag!r} entry is not a list")
        for article_id in ids:
            if isinstance(article_id, str):
                entry = articles.setdefault(article_id, {})
                entry[flag] = True
                entry[f"{flag}_at"] = 0.0
    rest = {k: v for k, v in data.items() if k not in FLAGS}
    return {**rest, "schema": 1, "articles": articles}


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 adds the journal: the same articles, and ``journal`` 0, the generation
    of no journal at all (a schema 1 file on disk has none; `StateStore` writes a
    snapshot and its first journal before it appends to one)."""
    return {**data, "schema": 2, "journal": 0}


def _migrate_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 keeps the marks in columns (`Articles`): schema 2's per-article objects
    all go to ``other``, which takes any article's object and is read into the columns
    (entry by entry, once; the next snapshot is written in columns). The journal is
    the same."""
    articles = data.get("articles")
    if not isinstance(articles, dict):
        raise _Unreadable("its 'articles' entry is not an object")
    rest = {k: v for k, v in data.items() if k not in ("articles", *_SECTIONS)}
    return {**rest, "schema": 3, "other": articles}


_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    0: _migrate_0_to_1,
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
}
"""Migration from schema version N (the key) to N + 1. Every schema bump adds one."""


def _migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a decoded file of any older schema up to `SCHEMA_VERSION`, step by step.

    Raises `_Unreadable` if a step cannot make sense of the data.
    """
    version = _schema_of(data)
    while version < SCHEMA_VERSION:
        step = _MIGRATIONS.get(version)
        if step is None:
            raise _Unreadable(f"schema version {version} is not supported")
        data = step(data)
        new_version = _schema_of(data)
        if new_version != version + 1:  # a broken migration must not loop forever
            raise AssertionError(f"migration from {version} produced {new_version}")
        version = new_version
    return data


def _parse(raw: bytes) -> _Parsed:
    """Decode the bytes of a state file. Raises `_Unreadable` with a reason for the user."""
    if not raw or raw.isspace():  # (no stripped copy of a 38 MB file)
        raise _Unreadable("the file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Unreadable("it is not valid UTF-8 text") from None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise _Unreadable(f"it is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise _Unreadable(f"it holds a JSON {type(data).__name__}, not an object")
    ours = "schema" in data
    try:
        return _parse_object(data, ours)
    except _Unreadable as exc:
        raise _Unreadable(exc.reason, ours=ours) from None


def _parse_object(data: dict[str, Any], ours: bool) -> _Parsed:
    version = _schema_of(data)
    gen = data.get("journal")
    if version > SCHEMA_VERSION:
        # Not ours to judge: never unreadable, read what we can, and never write it.
        try:
            articles, dropped = Articles.from_file(data)
        except _Unreadable:
            articles, dropped = Articles(), []
        raw_articles = data.get("articles")
        if isinstance(raw_articles, dict):
            more, more_dropped = _clean_articles(raw_articles)
            _merge_articles(articles, more)
            dropped += more_dropped
        top = {k: v for k, v in data.items() if k not in ("schema", "articles", *_SECTIONS)}
        return _Parsed(version, top, articles, dropped, None, ours, version)
    data = _migrate(data)
    columns, dropped = _columns_of(data)
    other = data.get("other", {})
    articles, invalid = Articles.from_columns(columns, other)
    dropped += invalid
    top = {k: v for k, v in data.items() if k not in ("schema", "journal", *_SECTIONS)}
    # A schema 2 journal goes on with the migrated snapshot (same lines, same generation).
    journal = gen if version >= 2 and is_whole(gen, 0) else None
    parsed = _Parsed(SCHEMA_VERSION, top, articles, dropped, journal, ours, version)
    if version == SCHEMA_VERSION and journal is not None and ours and not dropped:
        parsed.cacheable = state_cache.Cached(journal, top, columns, other)
    return parsed


def _journal_header(gen: int) -> bytes:
    return _encode({"schema": SCHEMA_VERSION, "journal": gen}).encode("ascii") + b"\n"


def _journal_line(article_id: str, entry: Entry) -> str:
    flags = {k: entry[k] for k in _JOURNAL_KEYS if k in entry}
    return _encode({"id": article_id, **flags})


def journal_entries(raw: bytes) -> dict[str, Entry] | None:
    """The marks in the bytes of a journal (a conflict copy of one), folded in order;
    None if `raw` does not start with a journal's header line."""
    first = raw.split(b"\n", 1)[0]
    try:
        head = json.loads(first)
    except (ValueError, RecursionError):
        return None
    if (
        not isinstance(head, dict)
        or "journal" not in head
        or not head.keys() <= {"schema", "journal"}
    ):
        return None  # a snapshot has its marks (or at least "articles", before schema 3)
    folded: dict[str, Entry] = _fold(_parse_journal(raw + b"\n", 0).entries, {})
    return folded


@dataclass
class _JournalChunk:
    """Lines read from a journal: the complete ones, up to `end` (bytes from the start)."""

    entries: list[tuple[str, Entry]]
    end: int
    bad: int  # complete lines that are no valid entry (kept aside before a compaction)
    gen: int | None = None  # the header's generation (only when read from the start)


def _parse_journal(data: bytes, start: int) -> _JournalChunk:
    """Parse the complete lines of `data` (the journal's bytes from offset `start`).

    A last line without its newline is a write cut short: not read, not counted.
    """
    cut = data.rfind(b"\n") + 1
    entries: list[tuple[str, Entry]] = []
    bad = 0
    gen: int | None = None
    for number, line in enumerate(data[:cut].splitlines()):
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError):
            bad += bool(line.strip())
            continue
        if not isinstance(obj, dict):
            bad += 1
            continue
        if start == 0 and number == 0 and "journal" in obj:
            gen = obj["journal"] if is_whole(obj["journal"], 0) else None
            continue
        article_id = obj.pop("id", None)
        entry = _clean_entry(obj) if isinstance(article_id, str) else None
        if entry is None:
            bad += 1
        else:
            entries.append((article_id, {k: v for k, v in entry.items() if k in _ALL_FLAG_KEYS}))
    return _JournalChunk(entries, start + cut, bad, gen)


# ----------------------------------------------------------------------------- merging


def _flag_clock(entry: Entry | None, flag: str) -> float:
    """When the flag last changed, for merging: ``*_changed_at`` if set, else ``*_at``."""
    if entry is None:
        return _NEVER
    _, k_at, k_changed = _FLAG_KEYS[flag]
    clock = entry.get(k_changed)
    if clock is None:
        clock = entry.get(k_at)
    return _NEVER if clock is None else float(clock)


def _merge_entry(ours: Entry, theirs: Entry) -> Entry:
    """Per flag, the later clock wins (ties keep ours); unknown keys come from the file."""
    merged = {k: v for k, v in theirs.items() if k not in _ALL_FLAG_KEYS}
    for flag, keys in _FLAG_KEYS.items():
        source = theirs if _flag_clock(theirs, flag) > _flag_clock(ours, flag) else ours
        for key in keys:
            if key in source:
                merged[key] = source[key]
    return merged


def _merge_articles(ours: Articles, theirs: Articles) -> None:
    """Merge the file's articles into ours, in place. Articles only we know are kept.
    `theirs` is consumed (its columns may be taken over)."""
    if not ours:  # the first load: nothing to compare with
        ours.take(theirs)
        return
    for article_id in ours.differing(theirs):  # another reader's compaction: a few
        entry = theirs.get(article_id)
        if entry is None:
            continue
        mine = ours.get(article_id)
        if mine is None:
            ours[article_id] = entry
        elif mine != entry:
            ours[article_id] = _merge_entry(mine, entry)


def _merge_flags(ours: Entry | None, theirs: Entry, *, later: bool = False) -> Entry | None:
    """Replay one journal line: each flag it carries replaces ours if its clock is later
    (ties keep ours; with `later`, ties go to `theirs`, the line written after ours).
    Returns the new entry, or None when nothing changes."""
    new: Entry | None = None
    for flag, keys in _FLAG_KEYS.items():
        if not any(k in theirs for k in keys):
            continue
        mine, other = _flag_clock(ours, flag), _flag_clock(theirs, flag)
        if other > mine or (
            later
            and other == mine
            and ours is not None
            and any(ours.get(k) != theirs.get(k) for k in keys)
        ):
            if new is None:
                new = dict(ours) if ours else {}
            for key in keys:
                if key in theirs:
                    new[key] = theirs[key]
                else:
                    new.pop(key, None)
    return new


_Into = TypeVar("_Into", bound=MutableMapping[str, Entry])


def _fold(lines: list[tuple[str, Entry]], into: _Into) -> _Into:
    """Replay journal lines in order onto `into` (changed in place, and returned)."""
    for article_id, line in lines:
        new = _merge_flags(into.get(article_id), line, later=True)
        if new is not None:
            into[article_id] = new
    return into


def _to_mark(entry: Entry) -> Mark:
    return Mark(
        read=entry.get("read", False),
        read_at=entry.get("read_at"),
        starred=entry.get("starred", False),
        starred_at=entry.get("starred_at"),
    )


# -------------------------------------------------------------------------- file system


class _FileLock:
    """An exclusive `flock` on a lock file, given up after `timeout` seconds.

    A separate lock file (never deleted) rather than the state file itself, because
    the state file is replaced on every compaction and a lock on a replaced inode locks
    nothing. Polling with LOCK_NB instead of blocking so that a hung reader holding
    the lock turns into a `save_error` instead of a frozen UI; `on_wait` is told once
    when the wait passes `LOCK_NOTICE_AFTER` seconds, so the user knows why.
    """

    def __init__(
        self,
        path: Path,
        timeout: float,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self._path = path
        self._timeout = timeout
        self._on_wait = on_wait
        self._fd: int | None = None

    def acquire(self, *, blocking: bool = True) -> bool:
        """Take the lock; False only when not `blocking` and another reader holds it."""
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
        start = time.monotonic()
        deadline = start + self._timeout
        told = False
        delay = 0.0005
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    now = time.monotonic()
                    if not blocking:
                        os.close(fd)
                        return False
                    if now >= deadline:
                        raise TimeoutError(
                            errno.EAGAIN,
                            f"another reader has held the lock {self._path} "
                            f"for over {self._timeout:g} s",
                        ) from None
                    if not told and now - start >= LOCK_NOTICE_AFTER and self._on_wait:
                        told = True
                        self._on_wait(
                            f"Waiting for another reader, which holds the lock {self._path}, "
                            f"to save the read/starred marks (up to {self._timeout:g} s)…"
                        )
                    time.sleep(delay)
                    delay = min(delay * 2, 0.02)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)

    def __enter__(self) -> _FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _not_regular(mode: int) -> str | None:
    """What a non-regular file is, for the user ("a FIFO"); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kind = file_kind(mode)
    return "not a regular file" if kind == UNKNOWN_KIND else f"a {kind}"


def _read_file(path: Path, start: int = 0) -> tuple[bytes, Signature] | None:
    """The bytes of a regular file from `start` on, and the signature of exactly those
    bytes; ``None`` if absent. Raises `_NotOurs` for anything that is not a regular
    file (nothing is opened then, so a FIFO cannot hang us) and `_Unreadable` for a
    file over `MAX_FILE_BYTES`."""
    try:
        before = os.stat(path)
    except FileNotFoundError:
        return None
    kind = _not_regular(before.st_mode)
    if kind is not None:
        raise _NotOurs(f"it is {kind}, not a regular file")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY)
    except FileNotFoundError:
        return None
    try:
        st = os.fstat(fd)
        kind = _not_regular(st.st_mode)
        if kind is not None:  # swapped in between the two looks
            raise _NotOurs(f"it is {kind}, not a regular file")
        if st.st_size > MAX_FILE_BYTES:
            raise _Unreadable(f"it is larger than {MAX_FILE_BYTES // 2**20} MB")
        if start:
            os.lseek(fd, start, os.SEEK_SET)
        data = state_cache.read_to_end(fd, st.st_size - start, MAX_FILE_BYTES + 1 - start)
        if start + len(data) > MAX_FILE_BYTES:
            raise _Unreadable(f"it is larger than {MAX_FILE_BYTES // 2**20} MB")
        return data, (st.st_ino, st.st_mtime_ns, st.st_size)
    finally:
        os.close(fd)


def _signature(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable. Best effort: some file systems refuse fsync on folders."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def atomic_write(path: Path, payload: bytes) -> None:
    """Write `payload` to `path` so that readers (and crashes) see old or new, never half.

    The temp file lives in the same folder so that `os.replace` is a rename, not a copy.
    It is removed again if anything fails.
    """
    tmp = path.with_name(f"{_temp_prefix(path)}{secrets.token_hex(6)}.tmp")
    try:
        mode = os.stat(path).st_mode & 0o777
    except OSError:
        mode = None
    try:
        with open(tmp, "xb") as f:
            if mode is not None:
                with contextlib.suppress(OSError):
                    os.fchmod(f.fileno(), mode)
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _append(path: Path, payload: bytes, expected: Signature | None) -> Signature:
    """Append `payload` to the journal and fsync it (caller holds the file lock).

    A torn last line (a writer killed mid-line) is cut off first, at the end of the
    last complete line: it was never acknowledged. Raises `_Stale` when the journal is
    not the one we read (`expected`: its inode and the size we had read up to).
    """
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or expected is None or st.st_ino != expected[0]:
            raise _Stale
        size, end = st.st_size, expected[2]
        if size < end:
            raise _Stale  # truncated by someone else: read it again
        if size > end:
            tail = os.pread(fd, size - end + 1, end)
            if size - end > 65536 or b"\n" in tail:
                raise _Stale  # complete lines we have not read: read them first
            os.ftruncate(fd, end)  # a line cut short by a killed writer
        written = os.write(fd, payload)
        if written != len(payload):  # a full disk: what was written is read as torn
            raise OSError(errno.ENOSPC, "the journal line could not be written whole")
        os.fsync(fd)
        # Its inode and length are what a journal's signature is compared by.
        return (st.st_ino, st.st_mtime_ns, end + written)
    finally:
        os.close(fd)


class _Stale(Exception):
    """The journal on disk is not where our view of it ends."""


def _aside_name(path: Path, clock: Callable[[], float]) -> str:
    try:
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(clock()))
    except (OverflowError, ValueError, OSError):
        stamp = time.strftime("%Y%m%d-%H%M%S")
    return f"{path.name}.corrupt-{stamp}"


def _free_aside_paths(path: Path, clock: Callable[[], float]) -> Iterable[Path]:
    base = _aside_name(path, clock)
    yield path.with_name(base)
    for n in range(2, 10_000):
        yield path.with_name(f"{base}-{n}")


def _move_aside(path: Path, clock: Callable[[], float]) -> Path:
    """Rename an unreadable file to a fresh ``.corrupt-<time>`` name, never overwriting."""
    return move_to_free_name(path, _free_aside_paths(path, clock), "to move the state file aside")


def move_to_free_name(path: Path, targets: Iterable[Path], what: str) -> Path:
    """Move `path` to the first of `targets` that does not exist, never overwriting.

    `os.link` + unlink fails instead of replacing an existing file; file systems
    without hard links fall back to a checked rename (we hold the lock, so only a
    non-reader process could race us).
    """
    for target in targets:
        try:
            os.link(path, target)
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                raise
            if target.exists():
                continue
            os.rename(path, target)
            return target
        os.unlink(path)
        return target
    raise FileExistsError(errno.EEXIST, f"no free name {what}", str(path))


def _copy_aside(path: Path, raw: bytes, clock: Callable[[], float]) -> Path:
    """Keep an exact copy of a file we are about to rewrite with some entries dropped."""
    for target in _free_aside_paths(path, clock):
        try:
            with open(target, "xb") as f:
                f.write(raw)
                f.flush()
                os.fsync(f.fileno())
        except FileExistsError:
            continue
        return target
    raise FileExistsError(errno.EEXIST, "no free name to copy the state file aside", str(path))


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc)
        return (
            f"{reason} ({errno.errorcode[exc.errno]})"
            if exc.errno is not None and exc.errno in errno.errorcode
            else reason
        )
    return f"{type(exc).__name__}: {exc}"


def _same_file(a: Path, b: Path) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


# ------------------------------------------------------------------------------- store


class StateStore:
    """The read/starred marks of all articles, backed by a snapshot and a journal.

    Use: ``store = StateStore(path); notices = store.load()``; show `notices` to the
    user. Every setter writes before returning (see the module docstring for how);
    check `save_error` and `read_only_reason` afterwards to tell the user when marks
    are only in memory. `writable=False` is for commands that only read: nothing on
    disk is created, moved or written then.

    Thread-safe: the UI reads flags on its own thread while a worker writes. Two
    locks so that reading never waits for disk I/O: `_lock` guards memory and is held
    only briefly; `_io_lock` serialises the file operations of this instance.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        clock: Callable[[], float] = time.time,
        lock_timeout: float = 10.0,
        writable: bool = True,
        home: Path | None = None,
        auto_compact: bool = True,
        cache_dir: Path | None = None,
    ) -> None:
        self.path = Path(path)
        self._cache_dir = cache_dir
        """Where the snapshot's parsed columns are cached (`state_cache`); None: the
        user's cache folder."""
        self.save_error: str | None = None
        self.read_only_reason: str | None = None
        self.writable = writable
        self.auto_compact = auto_compact
        """Compact inline when the journal is due (the app does it in the background)."""
        self.on_wait: Callable[[str], None] | None = None
        """Told (from the writing thread) when a write waits for another reader's lock."""
        self._home = home
        self._clock = clock
        self._lock_timeout = lock_timeout
        self._lock = threading.Lock()
        self._io_lock = threading.Lock()
        self._articles = Articles()
        self._top: dict[str, Any] = {}
        self._seq = 0  # bumped on every change in memory
        self._adopted = 0  # bumped whenever a file's marks are merged into memory
        self._saved_seq = 0  # the last `_seq` that reached the file
        self._dirty: dict[str, None] = {}  # articles changed here and not yet written
        self._foreign = False  # the state path is not ours: never touched again
        self._snap_sig: Signature | None = None  # the snapshot merged into memory
        self._snap_bad: Signature | None = None  # an unreadable snapshot already reported
        self._snap_size = 0
        self._snap_dropped = False  # it had invalid entries we will not write back
        self._gen: int | None = None  # its journal generation (None: no journal yet)
        self._journal_sig: Signature | None = None  # (inode, -, bytes read) of the journal
        self._journal_bad = 0  # invalid complete lines in it (kept aside on compaction)
        self._notices: list[str] = []
        self._snap_old = False  # the snapshot is of an older schema: rewritten at once

    # ----------------------------------------------------------------- reading flags

    def is_read(self, article_id: str) -> bool:
        return self._articles.has(article_id, "read")

    def read_ids(self) -> set[str]:
        """The ids marked read, as a snapshot: counting 100,000 rows against a set runs
        at C speed, where `is_read` per row costs tens of milliseconds."""
        with self._lock:
            return self._articles.ids_with("read")

    def starred_ids(self) -> set[str]:
        """The ids starred, as a snapshot (see `read_ids`)."""
        with self._lock:
            return self._articles.ids_with("starred")

    def read_among(self, article_ids: Iterable[str]) -> list[str]:
        """Those of `article_ids` marked read (at C speed: no `is_read` per id)."""
        with self._lock:
            return self._articles.among(article_ids, "read")

    def read_flags(self, article_ids: Iterable[str]) -> tuple[int, list[bool]]:
        """Whether each of `article_ids` is read, with the read log's position they
        reflect (`read_changes`): one lookup per id at C speed, without the copy of
        every read id that `read_ids` makes (1,000,000 marks: a 1,000,000-id set)."""
        with self._lock:
            articles = self._articles
            return articles.read_log_end, articles.flags(article_ids, "read")

    def read_changes(self, since: int) -> tuple[int, list[tuple[str, bool]] | None]:
        """The read log's position, and the articles whose read flag changed since
        `since` (a position from here or `read_flags`), in order, each with its new
        value; None when that is not known (count again with `read_flags`). What a
        count of unread articles follows a mark by, instead of counting again."""
        with self._lock:
            articles = self._articles
            return articles.read_log_end, articles.read_changes(since)

    def is_starred(self, article_id: str) -> bool:
        return self._articles.has(article_id, "starred")

    def mark(self, article_id: str) -> Mark:
        """One article's mark (all false / ``None`` if it has none)."""
        with self._lock:  # a lookup may build the pending columns (`Articles._touch`)
            entry = self._articles.get(article_id)
        return _EMPTY_MARK if entry is None else _to_mark(entry)

    def marks(self) -> dict[str, Mark]:
        """Every article with a flag or timestamp set (a snapshot; safe to keep)."""
        with self._lock:
            entries = list(self._articles.items())
        out: dict[str, Mark] = {}
        for article_id, entry in entries:
            mark = _to_mark(entry)
            if mark != _EMPTY_MARK:
                out[article_id] = mark
        return out

    @property
    def lock_path(self) -> Path:
        """The sibling file every reader `flock`s before writing (kept, never deleted)."""
        real = self._real_path()
        return real.with_name(real.name + ".lock")

    @property
    def journal_path(self) -> Path:
        """The sibling JSON-lines file that each mark is appended to."""
        real = self._real_path()
        return real.with_name(real.name + ".journal")

    @property
    def revision(self) -> int:
        """Grows whenever marks in memory may have changed (ours or merged from the file):
        the UI repaints only when it moved."""
        return self._seq + self._adopted

    @property
    def unsaved(self) -> bool:
        """True while some change is only in memory (after a failed or refused save)."""
        return self._seq != self._saved_seq

    @property
    def needs_compaction(self) -> bool:
        """The journal has grown past half the snapshot (and `COMPACT_MIN_BYTES`)."""
        sig = self._journal_sig
        return (
            sig is not None
            and self.read_only_reason is None
            and sig[2] > max(COMPACT_MIN_BYTES, self._snap_size // 2)
        )

    # -------------------------------------------------------------------- changing

    def set_read(self, article_id: str, value: bool) -> None:
        """Set the flag and save before returning (failures go to `save_error`).

        Setting the value the flag already has changes nothing, so ``read_at`` stays
        the time the article was first marked read (opening it again is a no-op).
        """
        self._set(article_id, "read", value)

    def set_starred(self, article_id: str, value: bool) -> None:
        """Like `set_read`, for the star."""
        self._set(article_id, "starred", value)

    def toggle_read(self, article_id: str) -> bool:
        """Flip the flag; returns the new value."""
        return self._toggle(article_id, "read")

    def toggle_starred(self, article_id: str) -> bool:
        """Flip the flag; returns the new value."""
        return self._toggle(article_id, "starred")

    def set_read_many(self, article_ids: Iterable[str], value: bool) -> UndoRecord:
        """Mark many articles at once (mark-all-read) with a single write.

        Returns what changed, for `undo` (ctrl+z).
        """
        return self._set_many(article_ids, "read", value)

    def undo(self, record: UndoRecord) -> list[str]:
        """Put back the flags and timestamps the bulk change in `record` replaced.

        Articles whose flag was changed again since (here, or by another reader whose
        change we have merged) are left alone: undo must not clobber a newer decision.
        Returns the ids actually restored; undoing twice restores nothing.
        """
        flag = record.flag
        k_changed = _FLAG_KEYS[flag][2]
        restored: list[str] = []
        with self._lock:
            now = self._now()
            self._articles.prefetch(record.ids)
            for item in record.entries:
                entry = self._articles.get(item.article_id)
                if entry is None or _flag_clock(entry, flag) != item.after_clock:
                    continue
                new = {k: v for k, v in entry.items() if k not in _FLAG_KEYS[flag]}
                new.update(item.before)
                new[k_changed] = now if now > item.after_clock else _after(item.after_clock)
                self._articles[item.article_id] = new
                self._dirty[item.article_id] = None
                restored.append(item.article_id)
            if restored:
                self._seq += 1
        self._save()
        return restored

    def merge_marks(self, entries: Mapping[str, Entry], *, save: bool = True) -> int:
        """Merge timestamped entries (an import) as another reader's file would merge:
        per article and flag the later timestamp wins, ties keep ours. Saves (unless
        not `save`: `retry` does it later), and returns how many articles changed (see
        `save_error` for a failed save)."""
        changed = 0
        with self._lock:
            self._articles.prefetch(entries)
            for article_id, entry in entries.items():
                mine = self._articles.get(article_id)
                merged = dict(entry) if mine is None else _merge_entry(mine, entry)
                for key, value in (mine or {}).items():
                    merged.setdefault(key, value)  # keys only our file knows stay
                if merged != mine:
                    self._articles[article_id] = merged
                    self._dirty[article_id] = None
                    changed += 1
            if changed:
                self._seq += 1
        if save:
            self._save()
        return changed

    def retry(self) -> bool:
        """Try again to write marks that a failed save left in memory.

        Returns True when nothing is left unsaved.
        """
        self._save()
        return not self.unsaved

    def compact(self) -> bool:
        """Fold the journal into a new snapshot (under the file lock). Never raises;
        returns True when done. The app calls it in the background when
        `needs_compaction` says so; a failure leaves the journal as it was."""
        with self._io_lock, self._resolved():
            if not self._may_write():
                return False
            try:
                with self._file_lock():
                    if not self._catch_up_locked():
                        return False
                    self._compact_locked()
            except Exception as exc:
                self.save_error = (
                    f"Could not save read/starred marks to {self.path}: {describe_error(exc)}. "
                    f"{KEPT_IN_MEMORY}"
                )
                return False
            return True

    # ------------------------------------------------------------------- file sync

    def load(self) -> list[str]:
        """Read the files into memory; returns notices for the user (empty if all is well).

        Never raises, and never waits for another reader's lock. An unreadable file of
        ours is moved aside by a writable store (the store starts empty); a newer-schema
        file or a path that is not ours sets `read_only_reason`. Also removes temp files
        that a killed writer left behind. Merges rather than replaces, so marks made
        before `load` (or left unsaved) survive.
        """
        with self._io_lock, self._resolved():
            messages = self._ingest(locked=False)
            if self.writable and not self._foreign:
                self._remove_stale_temps()
            return self._take_notices() + messages

    def refresh(self) -> list[str]:
        """Merge changes other readers wrote since we last looked; returns notices.

        Reads only the journal's new lines when the snapshot is unchanged, and
        nothing at all when the journal is too. Skipped (returns ``[]``) while this
        store is saving, since a save catches up anyway.
        """
        if not self._io_lock.acquire(blocking=False):
            return []
        try:
            with self._resolved():
                if self._foreign:
                    return self._take_notices()
                messages = self._ingest(locked=False)
                if self.writable and self.unsaved and self._write_back_due:
                    self._write_back_due = False
                    self._save_locked_io()
                return self._take_notices() + messages
        finally:
            self._io_lock.release()

    # ------------------------------------------------------------------- internals

    _write_back_due = False

    def _real_path(self) -> Path:
        """The file to replace: through symlinks, so a symlinked state file stays one.
        Resolved once per file operation (`_resolved`): a mark costs a dozen system
        calls, not forty, and each one is a chance for a busy UI thread to keep the GIL."""
        real = self._real
        return Path(os.path.realpath(self.path)) if real is None else real

    _real: Path | None = None

    @contextlib.contextmanager
    def _resolved(self) -> Iterator[None]:
        """One file operation (caller holds `_io_lock`): the path resolved once for it."""
        self._real = None
        self._real = self._real_path()
        try:
            yield
        finally:
            self._real = None

    def _at_home(self) -> bool:
        """The state path is our own data folder's state file (ours whatever it holds)."""
        if self._home is None:
            from reader.core.paths import default_state_path  # deferred: platformdirs

            self._home = default_state_path()
        return _same_file(self.path, self._home) and not self.path.is_symlink()

    def _may_write(self) -> bool:
        return self.writable and not self._foreign and self.read_only_reason is None

    def _file_lock(self) -> _FileLock:
        return _FileLock(self.lock_path, self._lock_timeout, self.on_wait)

    def _now(self) -> float:
        now = self._clock()
        return now if is_time(now) else time.time()

    def _take_notices(self) -> list[str]:
        with self._lock:
            notices, self._notices = self._notices, []
        return notices

    def _apply(self, article_id: str, flag: str, value: bool, now: float) -> float | None:
        """Set one flag in memory (caller holds `_lock`); returns its new clock, or
        ``None`` if the flag already had that value (nothing to write, `*_at` kept).

        The new timestamp is strictly after the flag's previous one even if the system
        clock went backwards, or the change would lose the merge against our own
        earlier write.
        """
        k_val, k_at, k_changed = _FLAG_KEYS[flag]
        entry = self._articles.get(article_id)
        if bool(entry and entry.get(k_val, False)) == value:
            return None
        previous = _flag_clock(entry, flag)
        at = now if now > previous else _after(previous)
        new = dict(entry) if entry else {}
        new[k_val] = value
        new[k_at] = at
        new.pop(k_changed, None)
        self._articles[article_id] = new
        self._dirty[article_id] = None
        return at

    def _set(self, article_id: str, flag: str, value: bool) -> None:
        with self._lock:
            if self._apply(article_id, flag, value, self._now()) is not None:
                self._seq += 1
        self._save()

    def _toggle(self, article_id: str, flag: str) -> bool:
        with self._lock:
            entry = self._articles.get(article_id)
            value = not (entry and entry.get(flag, False))
            self._apply(article_id, flag, value, self._now())
            self._seq += 1
        self._save()
        return value

    def _set_many(self, article_ids: Iterable[str], flag: str, value: bool) -> UndoRecord:
        keys = _FLAG_KEYS[flag]
        changed: list[_UndoEntry] = []
        with self._lock:
            now = self._now()
            unique = list(dict.fromkeys(article_ids))
            self._articles.prefetch(unique)
            for article_id in unique:
                entry = self._articles.get(article_id) or {}
                before = tuple((k, entry[k]) for k in keys if k in entry)
                at = self._apply(article_id, flag, value, now)
                if at is not None:
                    changed.append(_UndoEntry(article_id, before, at))
            if changed:
                self._seq += 1
        self._save()
        return UndoRecord(flag, value, tuple(changed))

    def _newer_reason(self, real: Path, schema: int) -> str:
        return (
            f"{real} was written by a newer version of reader (state schema {schema}; "
            f"this version knows up to {SCHEMA_VERSION}). It will not be changed: "
            "read/starred changes are kept only until you quit."
        )

    def _refuse(self, real: Path, reason: str) -> list[str]:
        """The state path is not ours: never touch it again (caller holds `_io_lock`)."""
        self._foreign = True
        shown = real if _same_file(real, self.path) else f"{self.path} (-> {real})"
        self.read_only_reason = (
            f"{shown} is not a reader state file ({reason}); it is left as it is. "
            "Read/starred marks are kept only until you quit: name another state file "
            "with --state FILE."
        )
        return [self.read_only_reason]

    def _cache_file(self, real: Path) -> Path:
        folder = self._cache_dir
        if folder is None:
            from reader.core.paths import cache_dir  # deferred: platformdirs

            folder = self._cache_dir = cache_dir()
        return state_cache.cache_file(folder, real)

    def _parse_snapshot(self, real: Path, raw: bytes, sig: Signature) -> _Parsed:
        """`_parse`, or for a large snapshot its columns from the snapshot cache when
        they were cached for exactly these bytes; a snapshot parsed from JSON is
        cached for the next start. Raises `_Unreadable` as `_parse` does."""
        if len(raw) < state_cache.CACHE_FROM:
            return _parse(raw)
        cache = self._cache_file(real)
        key = state_cache.key_of(raw, sig[1])
        hit = state_cache.load(cache, key)
        if hit is not None:
            try:
                articles, dropped = Articles.from_columns(hit.columns, hit.other)
            except _Unreadable:
                dropped = ["?"]
            if not dropped:
                return _Parsed(SCHEMA_VERSION, hit.top, articles, [], hit.gen)
        parsed = _parse(raw)
        if parsed.cacheable is not None:
            state_cache.save(cache, key, parsed.cacheable)
            parsed.cacheable = None
        return parsed

    def _ingest(self, *, locked: bool) -> list[str]:
        """Bring memory up to date with the snapshot and the journal; returns notices.
        Caller holds `_io_lock`. A few tries: a compaction may replace both files
        between our reads of them."""
        real = self._real_path()
        for _ in range(5):
            outcome = self._ingest_once(real, locked=locked)
            if outcome is not None:
                return outcome
        return []

    def _ingest_once(self, real: Path, *, locked: bool) -> list[str] | None:
        """One try of `_ingest`; None when the files changed under us (try again)."""
        sig = _signature(real)
        if sig is None and os.path.islink(self.path) and not os.path.exists(self.path):
            return self._refuse(real, f"it is a symlink to {real}, which does not exist")
        if sig is None or sig != self._snap_sig:
            try:
                found = _read_file(real)
            except _NotOurs as exc:
                return self._refuse(real, exc.reason)
            except _Unreadable as exc:
                return self._unreadable(real, exc, sig, locked=locked)
            except OSError as exc:
                return [
                    f"Could not read the read/starred state file {real}: "
                    f"{describe_error(exc)}. Marks will not be saved until it can be read."
                ]
            if found is None:  # the journal read so far stays known: it may be replaced
                with self._lock:
                    self._snap_sig = None
                    self._snap_size = 0
                    self._gen = None
                return []
            raw, sig = found
            if sig == self._snap_bad:
                return []  # reported already; left as it is until it changes
            try:
                parsed = self._parse_snapshot(real, raw, sig)
            except _Unreadable as exc:
                return self._unreadable(real, exc, sig, locked=locked)
            if not parsed.ours and not self._at_home():
                messages = self._refuse(real, "it has no reader 'schema' key")
                with self._lock:
                    _merge_articles(self._articles, parsed.articles)
                    self._adopted += 1
                return messages
            journal = self._read_journal(parsed.gen, 0) if parsed.gen is not None else None
            if journal is not None and journal.gen is not None and journal.gen > (parsed.gen or 0):
                return None  # compacted meanwhile: read the new snapshot
            if journal is not None and journal.gen != parsed.gen:
                journal = None  # stale (already in the snapshot) or headless
            if journal is not None:  # the disk's view: its lines were written after it
                parsed.articles.prefetch(article_id for article_id, _ in journal.entries)
                _fold(journal.entries, parsed.articles)
            messages = self._adopt(real, parsed, raw, sig)
            with self._lock:
                self._journal_sig = None
                if journal is not None:
                    self._journal_bad += journal.bad
                    self._journal_sig = self._pending_journal_sig
            return messages
        # The snapshot is the one we have: only the journal's new lines.
        if self._gen is None:
            return []
        journal_sig = _signature(self.journal_path)
        known = self._journal_sig
        if journal_sig is None or known is None or journal_sig[0] != known[0]:
            if journal_sig is None and known is None:
                return []
            return None if _signature(real) != sig else self._reread_journal()
        if journal_sig[2] == known[2]:
            return []
        if journal_sig[2] < known[2]:
            return self._reread_journal()
        chunk = self._read_journal(self._gen, known[2])
        if chunk is not None:
            with self._lock:
                self._replay(chunk)
        return []

    def _reread_journal(self) -> list[str]:
        chunk = self._read_journal(self._gen, 0)
        with self._lock:
            self._journal_sig = None
            if chunk is not None and chunk.gen == self._gen:
                self._replay(chunk)
        return []

    def _read_journal(self, gen: int | None, start: int) -> _JournalChunk | None:
        """The journal's complete lines from `start`; None if absent or not a file we read."""
        try:
            found = _read_file(self.journal_path, start)
        except (_NotOurs, _Unreadable, OSError):
            return None
        if found is None:
            return None
        data, sig = found
        if start and (self._journal_sig is None or sig[0] != self._journal_sig[0]):
            return None
        chunk = _parse_journal(data, start)
        chunk_sig = (sig[0], sig[1], chunk.end)
        self._pending_journal_sig = chunk_sig
        return chunk

    _pending_journal_sig: Signature | None = None

    def _replay(self, chunk: _JournalChunk) -> None:
        """Merge journal lines into memory (caller holds `_lock`). The lines are folded
        together first, a later line winning ties (its writer had read the earlier
        ones), and the result merged as any file is: ties keep ours."""
        folded: dict[str, Entry] = _fold(chunk.entries, {})
        articles = self._articles
        articles.prefetch(folded)
        changed = False
        for article_id, line in folded.items():
            new = _merge_flags(articles.get(article_id), line)
            if new is not None:
                articles[article_id] = new
                changed = True
        if changed:
            self._adopted += 1
        self._journal_bad += chunk.bad
        self._journal_sig = self._pending_journal_sig

    def _adopt(self, real: Path, parsed: _Parsed, raw: bytes, sig: Signature) -> list[str]:
        """Merge a parsed snapshot into memory and remember it; returns notices."""
        messages: list[str] = []
        if parsed.dropped:
            n = len(parsed.dropped)
            messages.append(
                f"{n} article entr{'y' if n == 1 else 'ies'} in {real} had invalid values "
                f"and {'was' if n == 1 else 'were'} ignored (first: {parsed.dropped[0]!r}). "
                "A copy of the file will be kept next to it before it is next written."
            )
        with self._lock:
            _merge_articles(self._articles, parsed.articles)
            self._adopted += 1
            self._top = parsed.top
            self._snap_sig = sig
            self._snap_bad = None
            self._snap_size = len(raw)
            self._snap_dropped = bool(parsed.dropped)
            self._snap_raw_if_dropped = raw if parsed.dropped else None
            self._gen = parsed.gen
            self._snap_old = parsed.on_disk < SCHEMA_VERSION
            self._journal_bad = 0
            if parsed.schema > SCHEMA_VERSION and self.read_only_reason is None:
                self.read_only_reason = self._newer_reason(real, parsed.schema)
                messages.append(self.read_only_reason)
        return messages

    _snap_raw_if_dropped: bytes | None = None

    def _unreadable(
        self, real: Path, exc: _Unreadable, sig: Signature | None, *, locked: bool
    ) -> list[str]:
        """An unreadable snapshot: moved aside if it is ours and we may write, else left."""
        if not exc.ours and not self._at_home():
            return self._refuse(real, exc.reason)
        if not self.writable:
            with self._lock:
                self._snap_bad = sig
            return [
                f"The read/starred state file {real} could not be read ({exc.reason}); "
                "it was left as it is."
            ]
        if not locked:  # move it aside only under the lock, after looking again
            try:
                with self._file_lock():
                    return self._ingest(locked=True)
            except OSError:
                with self._lock:
                    self._snap_bad = sig
                return [
                    f"The read/starred state file {real} could not be read ({exc.reason}), "
                    "and it could not be moved aside; it was left untouched. "
                    "Marks will not be saved until it is fixed or removed."
                ]
        try:
            aside = _move_aside(real, self._clock)
        except OSError as err:
            with self._lock:
                self._snap_bad = sig
            return [
                f"The read/starred state file {real} could not be read ({exc.reason}), "
                f"and moving it aside failed: {describe_error(err)}. "
                "Marks will not be saved until it is fixed or removed."
            ]
        with self._lock:
            self._snap_sig = None
            self._snap_bad = None
            self._snap_size = 0
            self._gen = None  # its journal, if read to the end, is in memory (`_journal_folded`)
            has_marks = bool(self._articles)
            if has_marks:  # write them back at once (`refresh` does, after this)
                self._dirty.update(dict.fromkeys(self._articles))
                self._seq += 1
                self._write_back_due = True
        if has_marks:
            return [
                f"The read/starred state file {real} had become unreadable ({exc.reason}). "
                f"It was kept as {aside}, and the marks in memory are written back."
            ]
        return [
            f"The read/starred state file {real} could not be read ({exc.reason}). "
            f"It was moved to {aside}; read/starred marks start empty."
        ]

    def _remove_stale_temps(self) -> None:
        """Delete temp files of writers killed mid-write: only if the lock is free at
        once (never wait at start), and temp files exist only while their writer holds
        it, so these are orphans."""
        real = self._real_path()
        if not real.parent.is_dir():
            return
        lock = self._file_lock()
        try:
            if not lock.acquire(blocking=False):
                return
        except OSError:
            return
        try:
            prefixes = (_temp_prefix(real), _temp_prefix(self.journal_path))
            try:
                names = os.listdir(real.parent)
            except OSError:
                return
            for name in names:
                if name.startswith(prefixes) and name.endswith(".tmp"):
                    with contextlib.suppress(OSError):
                        os.unlink(real.parent / name)
        finally:
            lock.release()

    def _save(self) -> None:
        """Write every unsaved mark. Never raises: sets `save_error`."""
        with self._io_lock, self._resolved():
            self._save_locked_io()

    def _save_locked_io(self) -> None:
        if not self.unsaved or not self._may_write():
            return
        try:
            self._write_through()
        except Exception as exc:
            self.save_error = (
                f"Could not save read/starred marks to {self.path}: {describe_error(exc)}. "
                f"{KEPT_IN_MEMORY}"
            )

    def _catch_up_locked(self) -> bool:
        """Under the file lock: merge whatever is on disk; False if we must not write."""
        for notice in self._ingest(locked=True):
            with self._lock:
                self._notices.append(notice)
        return self._may_write()

    def _write_through(self) -> None:
        """Lock, catch up, append our changed articles to the journal (or write a whole
        snapshot when there is no journal yet), unlock (caller holds `_io_lock`)."""
        lock = self._file_lock()
        try:
            lock.acquire()
        except FileNotFoundError:  # no folder yet (the first mark)
            self._real_path().parent.mkdir(parents=True, exist_ok=True)
            lock.acquire()
        try:
            if not self._catch_up_locked():
                return
            if self._gen is None or self._journal_sig is None or self._snap_old:
                self._compact_locked()  # also upgrades an older schema's snapshot
                return
            with self._lock:
                seq = self._seq
                ids = list(self._dirty)
                self._dirty.clear()
                lines = [_journal_line(i, self._articles[i]) for i in ids if i in self._articles]
            try:
                if lines:
                    payload = ("\n".join(lines) + "\n").encode("ascii")
                    sig = _append(self.journal_path, payload, self._journal_sig)
                else:
                    sig = self._journal_sig
            except _Stale:
                with self._lock:
                    self._dirty.update(dict.fromkeys(ids))
                self._compact_locked()
                return
            except BaseException:
                with self._lock:
                    self._dirty.update(dict.fromkeys(ids))
                raise
            with self._lock:
                self._journal_sig = sig
                self._saved_seq = max(self._saved_seq, seq)
                self.save_error = None
        finally:
            lock.release()
        if self.auto_compact and self.needs_compaction:
            self._compact_now()

    def _compact_now(self) -> None:
        """`compact` for a caller that already holds `_io_lock` (errors are raised)."""
        with self._file_lock():
            if self._catch_up_locked():
                self._compact_locked()

    def _compact_locked(self) -> None:
        """Write memory as a new snapshot, then an empty journal of its generation
        (caller holds the file lock and `_io_lock`). Anything invalid that the rewrite
        drops is copied aside first."""
        real = self._real_path()
        journal = self.journal_path
        if self._snap_raw_if_dropped is not None:
            self._keep_copy(real, self._snap_raw_if_dropped)
            self._snap_raw_if_dropped = None
        keep_journal = self._journal_bad > 0 or not self._journal_folded(journal)
        gen = (self._gen or 0) + 1
        with self._lock:
            seq = self._seq
            dirty = list(self._dirty)
            self._dirty.clear()
            payload = self._serialize(gen)
            cached = (
                state_cache.Cached(gen, dict(self._top), *self._articles.columns())
                if len(payload) >= state_cache.CACHE_FROM
                else None
            )
        try:
            atomic_write(real, payload)
            if keep_journal:  # lines we could not read: never replaced, moved aside
                aside = _move_aside(journal, self._clock)
                with self._lock:
                    self._journal_bad = 0
                    self._notices.append(
                        f"The journal {journal} had lines that could not be read; "
                        f"it was kept as {aside}."
                    )
            header = _journal_header(gen)
            atomic_write(journal, header)
        except BaseException:
            with self._lock:
                self._dirty.update(dict.fromkeys(dirty))
            raise
        snap_sig = _signature(real)
        journal_sig = _signature(journal)
        if cached is not None:  # the next start reads the columns from the cache
            cache = self._cache_file(real)
            if snap_sig is None or not state_cache.save(
                cache, state_cache.key_of(payload, snap_sig[1]), cached
            ):
                state_cache.remove(cache)
        with self._lock:
            self._snap_sig = snap_sig
            self._snap_size = len(payload)
            self._snap_dropped = False
            self._snap_old = False
            self._gen = gen
            self._journal_sig = (
                None if journal_sig is None else (journal_sig[0], journal_sig[1], len(header))
            )
            self._journal_bad = 0
            self._saved_seq = max(self._saved_seq, seq)
            self.save_error = None

    def _journal_folded(self, journal: Path) -> bool:
        """Whether every line of the journal on disk is in memory (caller holds the file
        lock, after catching up): absent, read to its end (but for a torn last line),
        or older than our snapshot (already in it)."""
        try:
            st = os.lstat(journal)
        except FileNotFoundError:
            return True
        except OSError:
            return False
        if not stat.S_ISREG(st.st_mode):
            return True  # never read, never ours: its name is simply replaced
        known = self._journal_sig
        if known is not None and known[0] == st.st_ino:
            if st.st_size == known[2]:
                return True
            try:
                found = _read_file(journal, known[2])
            except (_NotOurs, _Unreadable, OSError):
                return False
            return found is not None and b"\n" not in found[0]  # a torn last line only
        try:
            with open(journal, "rb") as handle:
                first = handle.readline(4096)
            head = json.loads(first)
        except (OSError, ValueError, RecursionError):
            return False
        gen = head.get("journal") if isinstance(head, dict) else None
        return is_whole(gen, 0) and self._gen is not None and gen < self._gen

    def _serialize(self, gen: int) -> bytes:
        """The whole snapshot, compact JSON (caller holds `_lock`): the columns of
        `Articles`, each a flat list built at C speed. ASCII-only output, so that ids
        with lone surrogates (undecodable file names) survive the round trip."""
        data = {"schema": SCHEMA_VERSION, **self._top, "journal": gen, **self._articles.to_file()}
        return _encode(data).encode("ascii")

    def _keep_copy(self, real: Path, raw: bytes) -> None:
        """Copy a file with invalid entries aside before the rewrite drops them for good.

        Raises OSError (failing the save) rather than losing them without a copy.
        """
        aside = _copy_aside(real, raw, self._clock)
        with self._lock:
            self._notices.append(
                f"Invalid entries in {real} were dropped when it was rewritten; "
                f"the original file was kept as {aside}."
            )


def _after(clock: float) -> float:
    """The smallest timestamp strictly later than `clock`."""
    return 0.0 if clock == _NEVER else math.nextafter(clock, math.inf)
