"""Export read/starred marks to a file, and merge such a file back into a store.

An export is one JSON object::

    {"format": "reader-marks", "version": 1, "exported_at": "2025-01-02T03:04:05+00:00",
     "articles": {"<article id>": {"read": true, "read_at": 1700000000.5,
                                   "starred": false, "starred_at": null}}}

Import also takes the state file itself (``state.json``, schema 0 or 1), so a user
can bring the marks of another machine without exporting them there first.

Import merges as running readers do (see `reader.core.state`): per article and per
flag the later timestamp wins, and on equal timestamps the marks already in the
store are kept. The imported timestamps are kept too: the validated entries go to
`StateStore.merge_marks`, which saves them with the store's own locking protocol.
This module only reads, checks and writes the files.

Nothing here imports Textual.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from reader.core.state import (
    FLAGS,
    KEPT_IN_MEMORY,
    SCHEMA_VERSION,
    StateStore,
    atomic_write,
    describe_error,
    is_time,
    is_whole,
    journal_entries,
    move_to_free_name,
    snapshot_entries,
)

__all__ = [
    "FORMAT",
    "VERSION",
    "TransferError",
    "conflict_copies",
    "export_marks",
    "import_marks",
    "merge_conflict_copies",
    "merge_copy",
]

FORMAT = "reader-marks"
VERSION = 1
# An export of 100,000 articles is ~10 MB; anything far bigger is no marks file.
MAX_IMPORT_BYTES = 256 * 1024 * 1024

Entry = dict[str, Any]


class TransferError(ValueError):
    """A marks file that cannot be read, written or understood; the message says why."""


# ------------------------------------------------------------------------------ export


def export_marks(store: StateStore, path: Path) -> int:
    """Write every article's marks to `path` (atomically); returns how many articles.

    Articles without any mark are left out. Raises `TransferError` if the file
    cannot be written.
    """
    payload, exported = export_text(store)
    try:
        atomic_write(Path(path), payload.encode("ascii"))
    except OSError as error:
        raise TransferError(f"could not write {path}: {describe_error(error)}") from error
    return exported


def export_text(store: StateStore) -> tuple[str, int]:
    """The export of every article's marks (ASCII JSON, as `export_marks` writes it:
    `reader state export -` prints it) and how many articles it holds."""
    marks = store.marks()
    articles = {
        article_id: {
            "read": mark.read,
            "read_at": mark.read_at,
            "starred": mark.starred,
            "starred_at": mark.starred_at,
        }
        for article_id, mark in sorted(marks.items())
    }
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "articles": articles,
    }
    # ASCII escapes: ids of undecodable file names hold lone surrogates.
    payload = json.dumps(document, ensure_ascii=True, indent=1, allow_nan=False) + "\n"
    return payload, len(articles)


# ------------------------------------------------------------------------------ import


def import_marks(store: StateStore, path: Path) -> int:
    """Merge the marks in `path` (an export, or a state file) into `store`.

    Per article and flag the later timestamp wins; ties keep the store's mark.
    Returns how many articles changed. Raises `TransferError` when `path` cannot
    be read or is no marks file (nothing is changed then), or when the merged
    marks cannot be saved (they stay in the store's memory, as any unsaved mark).
    """
    return _merge(store, _read_incoming(Path(path)))


def import_data(store: StateStore, raw: bytes, name: str) -> int:
    """`import_marks` of marks already read (`reader state import -` reads stdin);
    `name` says where they came from in messages."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise TransferError(f"{name} is too big for a marks file")
    return _merge(store, _incoming(raw, Path(name)))


def _merge(store: StateStore, incoming: dict[str, Entry]) -> int:
    if store.read_only_reason is not None:
        raise TransferError(f"the marks cannot be changed: {store.read_only_reason}")
    changed = store.merge_marks(incoming)
    if store.save_error is not None:  # the command exits: nothing stays in memory
        reason = store.save_error.removesuffix(KEPT_IN_MEMORY).rstrip()
        raise TransferError(
            f"{reason} Run it again once that is fixed (merging twice changes nothing more)."
        )
    if store.read_only_reason is not None:  # found out while saving
        raise TransferError(f"the marks were not saved: {store.read_only_reason}")
    return changed


def _read_incoming(path: Path) -> dict[str, Entry]:
    """The valid, timestamped entries of an export or a state file."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise TransferError(f"cannot read {path}: it is not a regular file (nothing was read)")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise TransferError(
                    f"cannot read {path}: it is not a regular file (nothing was read)"
                )
            raw = handle.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise TransferError(f"cannot read {path}: {describe_error(error)}") from error
    if len(raw) > MAX_IMPORT_BYTES:
        raise TransferError(f"{path} is too big for a marks file")
    return _incoming(raw, path)


def _incoming(raw: bytes, path: Path) -> dict[str, Entry]:
    journal = journal_entries(raw)
    data = (
        {"schema": SCHEMA_VERSION, "articles": journal}
        if journal is not None
        else _json_object(raw, f"{path} is not a marks file")
    )
    if "format" in data or "version" in data:
        entries = _export_articles(data, path)
    elif "schema" in data or "read" in data or "starred" in data:
        entries = _state_articles(data, path)
    else:
        raise TransferError(
            f"{path} is neither a reader marks export nor a reader state file "
            "(it has no 'format' or 'schema')"
        )
    incoming: dict[str, Entry] = {}
    for article_id, entry in entries.items():
        problem = _entry_problem(entry)
        if problem:
            raise TransferError(f"{path}: article {article_id!r}: {problem}")
        clean = _timestamped(entry)
        if clean:
            incoming[article_id] = clean
    return incoming


def _json_object(raw: bytes, what: str) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise TransferError(f"{what}: it is not UTF-8 text") from None
    except (ValueError, RecursionError) as error:
        raise TransferError(f"{what}: it is not valid JSON ({error})") from None
    if not isinstance(data, dict):
        raise TransferError(f"{what}: it holds a JSON {type(data).__name__}, not an object")
    return data


def _export_articles(data: dict[str, Any], path: Path) -> dict[str, Any]:
    if data.get("format") != FORMAT:
        raise TransferError(f"{path} is not a reader marks export (format {data.get('format')!r})")
    version = data.get("version")
    if not is_whole(version, 1):
        raise TransferError(f"{path}: its version {version!r} is not a whole number")
    if version > VERSION:
        raise TransferError(
            f"{path} was exported by a newer reader (version {version}); "
            f"this one reads version {VERSION}"
        )
    return _articles_object(data, path)


def _state_articles(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """The articles of a state file: schema 0 (lists of ids), 1 and 2 (an object per
    article) or 3 (columns)."""
    schema = data.get("schema", 0)
    if not is_whole(schema, 0):
        raise TransferError(f"{path}: its schema version {schema!r} is not a whole number")
    if schema > SCHEMA_VERSION:
        raise TransferError(
            f"{path} was written by a newer reader (state schema {schema}); "
            f"this one reads up to {SCHEMA_VERSION}"
        )
    if schema == 0:
        return _legacy_articles(data, path)
    if schema >= 3:  # columns (a snapshot of schema 3)
        try:
            entries, dropped = snapshot_entries(data)
        except ValueError as error:
            raise TransferError(f"{path}: {error}") from None
        if dropped:
            raise TransferError(f"{path}: article {dropped[0]!r}: a time is not a number")
        return entries
    return _articles_object(data, path)


def _articles_object(data: dict[str, Any], path: Path) -> dict[str, Any]:
    articles = data.get("articles")
    if not isinstance(articles, dict):
        raise TransferError(f"{path}: its 'articles' entry is not an object")
    return articles


def _legacy_articles(data: dict[str, Any], path: Path) -> dict[str, Entry]:
    """Schema 0: ``{"read": [ids], "starred": [ids]}``, flags set at time 0.0."""
    articles: dict[str, Entry] = {}
    for flag in FLAGS:
        ids = data.get(flag, [])
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise TransferError(f"{path}: its {flag!r} entry is not a list of article ids")
        for article_id in ids:
            articles.setdefault(article_id, {}).update({flag: True, f"{flag}_at": 0.0})
    return articles


# ----------------------------------------------------------------------------- entries


def _entry_problem(entry: object) -> str | None:
    """Why an article entry is invalid, or None (the rules of the state file)."""
    if not isinstance(entry, dict):
        return "its marks are not an object"
    for flag in FLAGS:
        value = entry.get(flag)
        if value is not None and not isinstance(value, bool):
            return f"{flag!r} is {value!r}, not true or false"
        for key in (f"{flag}_at", f"{flag}_changed_at"):
            if entry.get(key) is not None and not is_time(entry[key]):
                return f"{key!r} is {entry[key]!r}, not a time in seconds"
    return None


def _timestamped(entry: Entry) -> Entry:
    """The flag keys that take part in a merge: a flag counts once it has a clock.

    A flag that is true without a time (hand-edited files) counts as set at 0.0.
    """
    out: Entry = {}
    for flag in FLAGS:
        at, changed = entry.get(f"{flag}_at"), entry.get(f"{flag}_changed_at")
        value = bool(entry.get(flag))
        if at is None and value:
            at = 0.0
        if at is None and changed is None:
            continue
        out[flag] = value
        if at is not None:
            out[f"{flag}_at"] = float(at)
        if changed is not None:
            out[f"{flag}_changed_at"] = float(changed)
    return out


# ----------------------------------------------------------------- sync conflict copies

CONFLICTS_SUFFIX = ".conflicts"
"""Merged conflict copies go to ``<state file>.conflicts/`` beside the state file."""


def _conflict_pattern(name: str) -> re.Pattern[str]:
    """Names that Syncthing, Dropbox and Nextcloud give conflict copies of `name`:
    ``state.sync-conflict-20240102-030405-ABCDEFG.json``,
    ``state (Ann's conflicted copy 2024-01-02).json``,
    ``state (conflicted copy 2024-01-02 030405).json``."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ext = f".{ext}" if dot else ""
    stem, ext = re.escape(stem), re.escape(ext)
    syncthing = rf"{stem}\.sync-conflict-[0-9A-Za-z-]+{ext}"
    dropbox_nextcloud = rf"{stem} \([^()/]*conflicted copy[^()/]*\){ext}"
    return re.compile(rf"^(?:{syncthing}|{dropbox_nextcloud})$")


def conflict_copies(state_path: Path) -> list[Path]:
    """The conflict copies of the state file (and of its journal) lying beside it:
    regular files only, never symlinks, sorted by name."""
    real = Path(os.path.realpath(state_path))
    patterns = [_conflict_pattern(real.name), _conflict_pattern(real.name + ".journal")]
    try:
        names = os.listdir(real.parent)
    except OSError:
        return []
    found: list[Path] = []
    for name in sorted(names):
        if any(p.match(name) for p in patterns):
            candidate = real.parent / name
            try:
                if stat.S_ISREG(os.lstat(candidate).st_mode):
                    found.append(candidate)
            except OSError:
                continue
    return found


def _move_into(folder: Path, path: Path) -> Path:
    """Move `path` into `folder` under a free name (never overwriting anything)."""
    folder.mkdir(exist_ok=True)
    names = (path.name if n == 0 else f"{path.name}.{n + 1}" for n in range(10_000))
    return move_to_free_name(path, (folder / name for name in names), "in the conflicts folder")


def merge_copy(store: StateStore, path: Path, *, move: bool = True) -> tuple[int, Path | None]:
    """Merge a conflict copy (or any state file or export) into `store` with the
    per-flag rules of running readers, then move it into the conflicts folder beside
    the state file once the merged marks are saved. Returns (articles changed, where
    the copy went: None when it was not moved)."""
    changed = import_marks(store, Path(path)) if move else _merge_in_memory(store, Path(path))
    if not move or not store.writable:
        return changed, None
    real = Path(os.path.realpath(store.path))
    try:
        moved = _move_into(real.with_name(real.name + CONFLICTS_SUFFIX), Path(path))
    except OSError as error:
        raise TransferError(
            f"the marks of {path} were merged, but it could not be moved: {describe_error(error)}"
        ) from error
    return changed, moved


def _merge_in_memory(store: StateStore, path: Path) -> int:
    return store.merge_marks(_read_incoming(path))


def merge_conflict_copies(store: StateStore) -> list[str]:
    """At start: merge every conflict copy beside the state file into memory, save once
    (which may wait for another reader's lock: `StateStore.on_wait` says so), and then
    a writable store moves them into the conflicts folder. Returns notices (one for all
    copies). Copies whose marks could not be saved stay where they are: merging them
    again changes nothing more, so a later call finishes the job."""
    copies = conflict_copies(store.path)
    if not copies:
        return []
    merged: list[Path] = []
    problems: list[str] = []
    for copy in copies:
        try:
            store.merge_marks(_read_incoming(copy), save=False)
        except TransferError as error:
            problems.append(str(error))
            continue
        merged.append(copy)
    notices: list[str] = [f"A conflict copy was not merged: {p}" for p in problems[:3]]
    if not merged:
        return notices
    movable = store.writable and store.read_only_reason is None
    if movable and not store.retry():
        return notices  # the save's failure is the store's `save_error`; moved later
    folder = None
    if movable and store.read_only_reason is None:
        real = Path(os.path.realpath(store.path))
        for copy in merged:
            try:
                folder = _move_into(real.with_name(real.name + CONFLICTS_SUFFIX), copy).parent
            except OSError as error:
                notices.append(
                    f"A conflict copy was merged but could not be moved: {copy}: "
                    f"{describe_error(error)}"
                )
    names = ", ".join(p.name for p in merged)
    where = f" and moved them to {folder}" if folder is not None else ""
    notices.insert(
        0,
        f"Merged the marks of {len(merged)} conflict cop{'y' if len(merged) == 1 else 'ies'} "
        f"of the state file that a sync tool left ({names}){where}.",
    )
    return notices
