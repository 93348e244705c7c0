# A frozen copy of reader/core/state.py as released with state schema 1 (before the
# journal), so that tests can check what an older reader does with the files written now.
# Do not edit: it stands for code already on users' machines.
"""Read/starred marks, kept in one JSON file shared by every running reader.

Why it is built this way:

* The user may run several readers at once (two terminals, a `reader list` in a
  script while the UI is open). Each change is therefore written at once, under an
  exclusive `flock` on a sibling ``<name>.lock`` file, after re-reading the file and
  merging it into memory: per article and per flag the later timestamp wins, and on
  equal timestamps our own value is kept. No instance ever loses another's marks.
* A crash (or SIGKILL, or power loss) must never leave a half-written file: we write
  a temporary file in the same folder, fsync it, ``os.replace`` it over the old one
  and fsync the folder. A reader of the file sees either the old or the new version.
* Marks are tedious to redo, so a bad file is never deleted or overwritten: it is
  moved aside to ``<name>.corrupt-<YYYYmmdd-HHMMSS>`` and the user is told where.
* A full disk or a read-only home must not crash the UI: saving never raises, it
  sets `StateStore.save_error`, keeps every mark in memory and tries again on the
  next change (or `StateStore.retry`).
* A file written by a newer reader (higher ``schema``) is never written to, since we
  cannot know what we would destroy; its marks are shown if we can make sense of them.
* One article entry with a wrong type does not cost the user all other marks: it is
  ignored (with one notice for all such entries), and an exact copy of the file is
  kept aside before the first rewrite drops it.
* Older schemas are upgraded by `_migrate`, one registered step per version
  (`_MIGRATIONS`); version 0 is the pre-versioning ``{"read": [...], "starred": [...]}``.

File format, schema version 1::

    {"schema": 1,
     "articles": {"<article id>": {"read": true, "read_at": 1700000000.5,
                                   "starred": false, "starred_at": 1700000100.0}}}

``*_at`` is absent for a flag that was never set; an article with nothing set is
absent. A flag set to false keeps its ``*_at`` (the time it was cleared), because that
timestamp is what lets "unread" win a merge against an older "read" in another
instance. Unknown keys, at the top level and per article, are kept on rewrite.

One addition within schema 1: after `StateStore.undo` an article may carry
``read_changed_at`` / ``starred_changed_at``. Undo restores the previous flag *and*
its previous timestamp, which is older than the change being undone, so on its own it
would lose every later merge and the undone change would come back from another
instance's memory. ``*_changed_at`` is the merge clock of the flag when it differs
from ``*_at``; readers that do not know it fall back to ``*_at``, which only means
they may not see the undo. When undo clears a flag that had never been set, that key
may be all the article has left (it still has to win merges).

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
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

__all__ = ["SCHEMA_VERSION", "Mark", "StateStore", "UndoRecord"]

SCHEMA_VERSION = 1
"""The schema this code reads and writes. Bump it only together with a migration."""

FLAGS: tuple[str, ...] = ("read", "starred")

_FLAG_KEYS: dict[str, tuple[str, str, str]] = {
    flag: (flag, f"{flag}_at", f"{flag}_changed_at") for flag in FLAGS
}
_ALL_FLAG_KEYS: frozenset[str] = frozenset(k for keys in _FLAG_KEYS.values() for k in keys)
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
    """The file's contents cannot be understood at all; `reason` says why, for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class _Parsed:
    """A state file turned into our in-memory shape (already migrated to the current schema)."""

    schema: int
    top: dict[str, Any]
    articles: dict[str, Entry]
    dropped: list[str]


# --------------------------------------------------------------------------- parsing


def is_time(value: object) -> bool:
    """Whether `value` is a finite number of seconds (JSON's true and false are not)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def is_whole(value: object, minimum: int) -> TypeGuard[int]:
    """Whether `value` is a whole number of at least `minimum` (a version field)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def _clean_entry(entry: object) -> Entry | None:
    """Validate one article's object; ``None`` if it has a wrong type anywhere.

    A flag that is true without a timestamp (hand-edited files) is taken as set at
    time 0.0, so any real change elsewhere wins over it.
    """
    if not isinstance(entry, dict):
        return None
    fixed: Entry | None = None
    for k_val, k_at, k_changed in _FLAG_KEYS.values():
        value = entry.get(k_val)
        if value is not None and not isinstance(value, bool):
            return None
        if k_val in entry and value is None:
            return None
        for key in (k_at, k_changed):
            if key in entry and not is_time(entry[key]):
                return None
        if value is True and k_at not in entry:
            fixed = dict(entry) if fixed is None else fixed
            fixed[k_at] = 0.0
    return entry if fixed is None else fixed


def _clean_articles(raw: dict[str, Any]) -> tuple[dict[str, Entry], list[str]]:
    """Keep the valid article entries, listing the ids of those dropped for wrong types."""
    good: dict[str, Entry] = {}
    dropped: list[str] = []
    for article_id, entry in raw.items():
        clean = _clean_entry(entry)
        if clean is None:
            dropped.append(article_id)
        elif clean:
            good[article_id] = clean
    return good, dropped


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


_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    0: _migrate_0_to_1,
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
    if not raw.strip():
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
    version = _schema_of(data)
    if version > SCHEMA_VERSION:
        # Not ours to judge: never unreadable, read what we can, and never write it.
        raw_articles = data.get("articles")
        articles, dropped = (
            _clean_articles(raw_articles) if isinstance(raw_articles, dict) else ({}, [])
        )
        top = {k: v for k, v in data.items() if k not in ("schema", "articles")}
        return _Parsed(version, top, articles, dropped)
    data = _migrate(data)
    raw_articles = data.get("articles")
    if not isinstance(raw_articles, dict):
        raise _Unreadable("its 'articles' entry is not an object")
    articles, dropped = _clean_articles(raw_articles)
    top = {k: v for k, v in data.items() if k not in ("schema", "articles")}
    return _Parsed(SCHEMA_VERSION, top, articles, dropped)


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


def _merge_articles(ours: dict[str, Entry], theirs: dict[str, Entry]) -> None:
    """Merge the file's articles into ours, in place. Articles only we know are kept."""
    for article_id, entry in theirs.items():
        mine = ours.get(article_id)
        if mine is None:
            ours[article_id] = entry
        elif mine != entry:
            ours[article_id] = _merge_entry(mine, entry)


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
    the state file is replaced on every write and a lock on a replaced inode locks
    nothing. Polling with LOCK_NB instead of blocking so that a hung reader holding
    the lock turns into a `save_error` instead of a frozen UI.
    """

    def __init__(self, path: Path, timeout: float) -> None:
        self._path = path
        self._timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        deadline = time.monotonic() + self._timeout
        delay = 0.0005
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise TimeoutError(
                            errno.EAGAIN,
                            f"another reader has held the lock {self._path} "
                            f"for over {self._timeout:g} s",
                        ) from None
                    time.sleep(delay)
                    delay = min(delay * 2, 0.02)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

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


def _read_file(path: Path) -> tuple[bytes, Signature] | None:
    """The file's bytes and the signature of exactly those bytes; ``None`` if absent."""
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            return f.read(), (st.st_ino, st.st_mtime_ns, st.st_size)
    except FileNotFoundError:
        return None


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
    """Rename an unreadable file to a fresh ``.corrupt-<time>`` name, never overwriting.

    `os.link` + unlink fails instead of replacing an existing file; file systems
    without hard links fall back to a checked rename (we hold the lock, so only a
    non-reader process could race us).
    """
    for target in _free_aside_paths(path, clock):
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
    raise FileExistsError(errno.EEXIST, "no free name to move the state file aside", str(path))


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


# ------------------------------------------------------------------------------- store


class StateStore:
    """The read/starred marks of all articles, backed by one JSON file.

    Use: ``store = StateStore(path); notices = store.load()``; show `notices` to the
    user. Every setter writes the file before returning (see the module docstring for
    how); check `save_error` and `read_only_reason` afterwards to tell the user when
    marks are only in memory.

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
    ) -> None:
        self.path = Path(path)
        self.save_error: str | None = None
        self.read_only_reason: str | None = None
        self._clock = clock
        self._lock_timeout = lock_timeout
        self._lock = threading.Lock()
        self._io_lock = threading.Lock()
        self._articles: dict[str, Entry] = {}
        self._top: dict[str, Any] = {}
        self._seq = 0  # bumped on every change in memory
        self._adopted = 0  # bumped whenever a file's marks are merged into memory
        self._saved_seq = 0  # the last `_seq` that reached the file
        self._last_raw: bytes | None = None  # file bytes already merged into memory
        self._last_sig: Signature | None = None
        self._last_dropped = False  # `_last_raw` had invalid entries we will not write back
        self._notices: list[str] = []
        self._encoded: dict[str, tuple[Entry, str]] = {}  # see `_serialize`

    # ----------------------------------------------------------------- reading flags

    def is_read(self, article_id: str) -> bool:
        entry = self._articles.get(article_id)
        return bool(entry and entry.get("read", False))

    def read_ids(self) -> set[str]:
        """The ids marked read, as a snapshot: counting 100,000 rows against a set runs
        at C speed, where `is_read` per row costs tens of milliseconds."""
        with self._lock:
            return {key for key, entry in self._articles.items() if entry.get("read", False)}

    def is_starred(self, article_id: str) -> bool:
        entry = self._articles.get(article_id)
        return bool(entry and entry.get("starred", False))

    def mark(self, article_id: str) -> Mark:
        """One article's mark (all false / ``None`` if it has none)."""
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
    def revision(self) -> int:
        """Grows whenever marks in memory may have changed (ours or merged from the file):
        the UI repaints only when it moved."""
        return self._seq + self._adopted

    @property
    def unsaved(self) -> bool:
        """True while some change is only in memory (after a failed or refused save)."""
        return self._seq != self._saved_seq

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
            for item in record.entries:
                entry = self._articles.get(item.article_id)
                if entry is None or _flag_clock(entry, flag) != item.after_clock:
                    continue
                new = {k: v for k, v in entry.items() if k not in _FLAG_KEYS[flag]}
                new.update(item.before)
                new[k_changed] = now if now > item.after_clock else _after(item.after_clock)
                self._articles[item.article_id] = new
                restored.append(item.article_id)
            if restored:
                self._seq += 1
        self._save()
        return restored

    def merge_marks(self, entries: Mapping[str, Entry]) -> int:
        """Merge timestamped entries (an import) as another reader's file would merge:
        per article and flag the later timestamp wins, ties keep ours. Saves, and
        returns how many articles changed (see `save_error` for a failed save)."""
        changed = 0
        with self._lock:
            for article_id, entry in entries.items():
                mine = self._articles.get(article_id)
                merged = dict(entry) if mine is None else _merge_entry(mine, entry)
                for key, value in (mine or {}).items():
                    merged.setdefault(key, value)  # keys only our file knows stay
                if merged != mine:
                    self._articles[article_id] = merged
                    changed += 1
            if changed:
                self._seq += 1
        self._save()
        return changed

    def retry(self) -> bool:
        """Try again to write marks that a failed save left in memory.

        Returns True when nothing is left unsaved.
        """
        self._save()
        return not self.unsaved

    # ------------------------------------------------------------------- file sync

    def load(self) -> list[str]:
        """Read the file into memory; returns notices for the user (empty if all is well).

        Never raises. An unreadable file is moved aside and the store starts empty; a
        newer-schema file sets `read_only_reason`. Also removes temp files that a
        killed writer left behind. Merges rather than replaces, so marks made before
        `load` (or left unsaved) survive.
        """
        with self._io_lock:
            real = self._real_path()
            messages = self._ingest(real, may_lock=True, cleanup=True)
            return self._take_notices() + messages

    def refresh(self) -> list[str]:
        """Merge changes other readers wrote since we last looked; returns notices.

        Cheap when the file's inode, mtime and size are unchanged. Skipped (returns
        ``[]``) while this store is saving, since a save merges the file anyway.
        """
        if not self._io_lock.acquire(blocking=False):
            return []
        try:
            real = self._real_path()
            sig = _signature(real)
            if sig is not None and sig == self._last_sig:
                return self._take_notices()
            messages = self._ingest(real, may_lock=False, cleanup=False)
            return self._take_notices() + messages
        finally:
            self._io_lock.release()

    # ------------------------------------------------------------------- internals

    def _real_path(self) -> Path:
        """The file to replace: through symlinks, so a symlinked state file stays one."""
        return Path(os.path.realpath(self.path))

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
            for article_id in dict.fromkeys(article_ids):
                entry = self._articles.get(article_id) or {}
                before = tuple((k, entry[k]) for k in keys if k in entry)
                at = self._apply(article_id, flag, value, now)
                if at is not None:
                    changed.append(_UndoEntry(article_id, before, at))
            if changed:
                self._seq += 1
        self._save()
        return UndoRecord(flag, value, tuple(changed))

    def _adopt(self, parsed: _Parsed, raw: bytes, sig: Signature | None) -> None:
        """Merge a parsed file into memory and remember its bytes (caller holds `_lock`)."""
        _merge_articles(self._articles, parsed.articles)
        self._adopted += 1
        self._top = parsed.top
        self._last_raw = raw
        self._last_sig = sig
        self._last_dropped = bool(parsed.dropped)

    def _newer_reason(self, real: Path, schema: int) -> str:
        return (
            f"{real} was written by a newer version of reader (state schema {schema}; "
            f"this version knows up to {SCHEMA_VERSION}). It will not be changed: "
            "read/starred changes are kept only until you quit."
        )

    def _ingest(self, real: Path, *, may_lock: bool, cleanup: bool) -> list[str]:
        """Read the file and merge it into memory; returns notices. Caller holds `_io_lock`.

        Moving an unreadable file aside happens only under the file lock, re-reading
        first: otherwise we could move away a good file another reader had just put
        in place. `refresh` reads without the lock and takes it only then; if the lock
        cannot be had (read-only folder) the file is left as it is and the notice
        says so. Entries with wrong types are only ignored here; the copy of the file
        is made when a write is about to drop them (`_keep_copy`).
        """
        lock: _FileLock | None = None
        if may_lock:
            lock = _FileLock(self.lock_path, self._lock_timeout)
            try:
                real.parent.mkdir(parents=True, exist_ok=True)
                lock.acquire()
            except OSError:
                lock = None
        try:
            if lock is not None and cleanup:
                self._remove_stale_temps(real)
            return self._ingest_locked(real, locked=lock is not None, may_lock=may_lock)
        finally:
            if lock is not None:
                lock.release()

    def _ingest_locked(self, real: Path, *, locked: bool, may_lock: bool) -> list[str]:
        try:
            found = _read_file(real)
        except OSError as exc:
            return [
                f"Could not read the read/starred state file {real}: {describe_error(exc)}. "
                "Marks will not be saved until it can be read."
            ]
        if found is None:
            with self._lock:
                self._last_raw = None
                self._last_sig = None
            return []
        raw, sig = found
        if raw == self._last_raw:
            with self._lock:
                self._last_sig = sig
            return []
        try:
            parsed = _parse(raw)
        except _Unreadable as exc:
            if not locked and not may_lock:  # refresh: take the lock and look again
                return self._ingest(real, may_lock=True, cleanup=False)
            with self._lock:  # so that `refresh` does not repeat this until the file changes
                self._last_sig = sig
            if not locked:
                return [
                    f"The read/starred state file {real} could not be read ({exc.reason}), "
                    "and it could not be moved aside; it was left untouched. "
                    "Marks will not be saved until it is fixed or removed."
                ]
            try:
                aside = _move_aside(real, self._clock)
            except OSError as err:
                return [
                    f"The read/starred state file {real} could not be read ({exc.reason}), "
                    f"and moving it aside failed: {describe_error(err)}. "
                    "Marks will not be saved until it is fixed or removed."
                ]
            with self._lock:
                self._last_raw = None
                self._last_sig = None
            return [
                f"The read/starred state file {real} could not be read ({exc.reason}). "
                f"It was moved to {aside}; read/starred marks start empty."
            ]
        messages: list[str] = []
        if parsed.dropped:
            n = len(parsed.dropped)
            messages.append(
                f"{n} article entr{'y' if n == 1 else 'ies'} in {real} had invalid values "
                f"and {'was' if n == 1 else 'were'} ignored (first: {parsed.dropped[0]!r}). "
                "A copy of the file will be kept next to it before it is next written."
            )
        with self._lock:
            self._adopt(parsed, raw, sig)
            if parsed.schema > SCHEMA_VERSION and self.read_only_reason is None:
                self.read_only_reason = self._newer_reason(real, parsed.schema)
                messages.append(self.read_only_reason)
        return messages

    def _remove_stale_temps(self, real: Path) -> None:
        """Delete temp files of writers killed mid-write. Only called under the file lock,
        and temp files exist only while their writer holds it, so these are orphans."""
        prefix = _temp_prefix(real)
        try:
            names = os.listdir(real.parent)
        except OSError:
            return
        for name in names:
            if name.startswith(prefix) and name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(real.parent / name)

    def _save(self) -> None:
        """Write every mark to the file if any is unsaved. Never raises: sets `save_error`."""
        with self._io_lock:
            if not self.unsaved or self.read_only_reason is not None:
                return
            try:
                self._write_through()
            except Exception as exc:
                self.save_error = (
                    f"Could not save read/starred marks to {self.path}: {describe_error(exc)}. "
                    "They are kept in memory and saving is retried on the next change."
                )

    def _write_through(self) -> None:
        """Lock, re-read, merge, write atomically, unlock (caller holds `_io_lock`)."""
        real = self._real_path()
        real.parent.mkdir(parents=True, exist_ok=True)
        with _FileLock(self.lock_path, self._lock_timeout):
            found = _read_file(real)
            parsed: _Parsed | None = None
            if found is not None and found[0] == self._last_raw and self._last_dropped:
                self._keep_copy(real, found[0])
            elif found is not None and found[0] != self._last_raw:
                raw, found_sig = found
                try:
                    parsed = _parse(raw)
                except _Unreadable as exc:
                    aside = _move_aside(real, self._clock)
                    with self._lock:
                        self._notices.append(
                            f"The read/starred state file {real} had become unreadable "
                            f"({exc.reason}). It was moved to {aside}; the marks of this "
                            "session were saved in a new file."
                        )
                else:
                    if parsed.dropped:
                        self._keep_copy(real, raw)
                    with self._lock:
                        self._adopt(parsed, raw, found_sig)
                        if parsed.schema > SCHEMA_VERSION:
                            if self.read_only_reason is None:
                                self.read_only_reason = self._newer_reason(real, parsed.schema)
                                self._notices.append(self.read_only_reason)
                            return
            with self._lock:
                seq = self._seq
                payload = self._serialize()
            atomic_write(real, payload)
            sig = _signature(real)
        with self._lock:
            self._last_raw = payload
            self._last_sig = sig
            self._saved_seq = max(self._saved_seq, seq)
            self._last_dropped = False
            self.save_error = None

    def _serialize(self) -> bytes:
        """The whole file, compact JSON (caller holds `_lock`).

        Each article's JSON text is cached with the entry object it was made from
        (entries are never changed in place, only replaced), so a single mark in a
        store of 10,000 articles re-encodes one entry and joins the rest: a few ms
        instead of the ~10 ms a full `json.dumps` takes. ASCII-only output, so that
        ids with lone surrogates (undecodable file names) survive the round trip.
        """
        cache = self._encoded
        parts: list[str] = []
        for article_id, entry in self._articles.items():
            hit = cache.get(article_id)
            if hit is None or hit[0] is not entry:
                text = f"{_encode(article_id)}:{_encode(entry)}"
                cache[article_id] = (entry, text)
            else:
                text = hit[1]
            parts.append(text)
        head = _encode({"schema": SCHEMA_VERSION, **self._top})
        return f'{head[:-1]},"articles":{{{",".join(parts)}}}}}'.encode("ascii")

    def _keep_copy(self, real: Path, raw: bytes) -> None:
        """Copy a file with invalid entries aside before the rewrite drops them for good.

        Raises OSError (failing the save) rather than losing them without a copy.
        """
        aside = _copy_aside(real, raw, self._clock)
        with self._lock:
            self._notices.append(
                f"Invalid article entries in {real} were dropped when it was rewritten; "
                f"the original file was kept as {aside}."
            )


def _after(clock: float) -> float:
    """The smallest timestamp strictly later than `clock`."""
    return 0.0 if clock == _NEVER else math.nextafter(clock, math.inf)
