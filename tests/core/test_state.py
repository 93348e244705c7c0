"""Unit tests of the read/starred state store (`reader.core.state`).

The property tests live in test_state_properties.py, the multi-process ones (SIGKILL,
concurrent writers) in test_state_processes.py.
"""

from __future__ import annotations

import builtins
import errno
import fcntl
import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from reader.core import state as state_mod
from reader.core.paths import default_state_path
from reader.core.state import SCHEMA_VERSION, Mark, StateStore


class Clock:
    """A settable clock, so that timestamps and merge order are exact in assertions."""

    def __init__(self, t: float = 1000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


def read_json(path: Path) -> dict[str, Any]:
    """The snapshot with its journal's lines replayed, as a reader would see it."""
    data: dict[str, Any] = json.loads(path.read_bytes())
    if data.get("schema") == 3:  # its columns, as per-article objects
        articles, dropped = state_mod.snapshot_entries(data)
        assert dropped == []
        data = {k: v for k, v in data.items() if k not in state_mod._SECTIONS}
        data["articles"] = articles
    journal = path.with_name(path.name + ".journal")
    if journal.exists():
        lines = [json.loads(line) for line in journal.read_bytes().splitlines()]
        assert lines[0] == {"schema": 3, "journal": data["journal"]}, "the snapshot's journal"
        for line in lines[1:]:
            article_id = line.pop("id")
            articles = data["articles"]
            new = state_mod._merge_flags(articles.get(article_id), line)
            if new is not None:
                articles[article_id] = new
    return data


def leftovers(folder: Path) -> list[str]:
    """Files a writer should not leave behind (temp files)."""
    return sorted(n for n in os.listdir(folder) if n.endswith(".tmp"))


def asides(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.corrupt-*"))


@pytest.fixture
def path() -> Path:
    """The default state file (in the test's own XDG data folder): ours whatever it holds."""
    return default_state_path()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(path: Path, clock: Clock) -> StateStore:
    s = StateStore(path, clock=clock)
    assert s.load() == []
    return s


def reopen(path: Path, clock: Clock | None = None) -> StateStore:
    s = StateStore(path, clock=clock or Clock(10_000.0))
    assert s.load() == []
    return s


# ------------------------------------------------------------------ basic behaviour


def test_read_and_starred_id_sets_are_snapshots(store: StateStore) -> None:
    store.set_read("a", True)
    store.set_starred("a", True)
    store.set_starred("b", True)
    store.set_starred("c", True)
    store.set_starred("c", False)
    read, starred = store.read_ids(), store.starred_ids()
    assert (read, starred) == ({"a"}, {"a", "b"})
    store.set_starred("d", True)
    assert starred == {"a", "b"}  # a copy: later marks do not change it
    assert store.starred_ids() == {"a", "b", "d"}


def test_missing_file_is_an_empty_store(path: Path) -> None:
    store = StateStore(path)
    assert store.load() == []
    assert not store.is_read("a")
    assert not store.is_starred("a")
    assert store.marks() == {}
    assert store.mark("a") == Mark()
    assert not path.exists(), "loading alone must not create the state file"


def test_set_toggle_persist_and_reload(store: StateStore, path: Path, clock: Clock) -> None:
    store.set_read("a", True)
    clock.t = 1001.0
    assert store.toggle_starred("a") is True
    clock.t = 1002.0
    assert store.toggle_read("b") is True
    clock.t = 1003.0
    assert store.toggle_read("b") is False
    assert store.is_read("a") and store.is_starred("a")
    assert not store.is_read("b")
    expected = {
        "a": Mark(read=True, read_at=1000.0, starred=True, starred_at=1001.0),
        "b": Mark(read=False, read_at=1003.0),
    }
    assert store.marks() == expected
    assert store.save_error is None and not store.unsaved
    assert reopen(path).marks() == expected


def test_file_format_is_schema_3_compact_and_omits_unset(
    store: StateStore, path: Path, clock: Clock
) -> None:
    store.set_read("a", True)
    store.set_starred("b", True)
    clock.t = 1001.0
    store.set_starred("b", False)
    store.set_read("never", False)  # a no-op: nothing to record
    journal = path.with_name("state.json.journal").read_bytes().splitlines()
    assert journal[0] == b'{"schema":3,"journal":1}'
    assert journal[1:] == [
        b'{"id":"b","starred":true,"starred_at":1000.0}',
        b'{"id":"b","starred":false,"starred_at":1001.0}',
    ], "one line per change, the article's flags after it"
    assert store.compact()
    raw = path.read_bytes()
    assert b" " not in raw, "compact separators"
    assert path.with_name("state.json.journal").read_bytes() == b'{"schema":3,"journal":2}\n'
    assert json.loads(raw) == {
        "schema": 3,
        "journal": 2,
        "read": ["a", 1000.0],
        "unstarred": ["b", 1001.0],
    }, "columns of id, time pairs; empty ones left out"
    assert read_json(path) == {
        "schema": 3,
        "journal": 2,
        "articles": {
            "a": {"read": True, "read_at": 1000.0},
            # a cleared flag keeps its time: it is what lets "unstarred" win merges
            "b": {"starred": False, "starred_at": 1001.0},
        },
    }


def test_setting_the_same_value_keeps_the_original_timestamp(
    store: StateStore, path: Path, clock: Clock
) -> None:
    store.set_read("a", True)
    mtime = path.stat().st_mtime_ns
    clock.t = 2000.0
    store.set_read("a", True)
    assert store.mark("a").read_at == 1000.0
    assert path.stat().st_mtime_ns == mtime, "a no-op change must not rewrite the file"


def test_clock_going_backwards_still_moves_the_flag_forward(
    store: StateStore, path: Path, clock: Clock
) -> None:
    """Otherwise the new change would lose the merge against our own earlier write."""
    store.set_read("a", True)
    clock.t = 10.0  # the system clock jumped back
    store.set_read("a", False)
    mark = store.mark("a")
    assert mark.read is False and mark.read_at is not None and mark.read_at > 1000.0
    assert not reopen(path).is_read("a")


def test_no_temp_files_are_left_behind(store: StateStore, path: Path, clock: Clock) -> None:
    for i in range(20):
        clock.t += 1
        store.toggle_read(f"id{i % 3}")
    store.set_read_many([f"m{i}" for i in range(10)], True)
    assert leftovers(path.parent) == []
    assert sorted(os.listdir(path.parent)) == [
        "state.json",
        "state.json.journal",
        "state.json.lock",
    ]


def test_parent_folders_are_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "c" / "state.json"
    store = StateStore(path)
    store.load()
    store.set_starred("x", True)
    assert reopen(path).is_starred("x")


def test_article_ids_are_opaque_strings(store: StateStore, path: Path) -> None:
    """Ids may come from undecodable file names (lone surrogates), or look like JSON."""
    ids = ["x\udcff", "ünï/cödé", 'quote"{}', "", " ", "\n", "a" * 500]
    for article_id in ids:
        store.set_read(article_id, True)
    again = reopen(path)
    assert all(again.is_read(article_id) for article_id in ids)
    assert set(again.marks()) == set(ids)


def test_symlinked_state_file_stays_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real" / "state.json"
    target.parent.mkdir()
    target.write_text('{"schema": 1, "articles": {}}')  # ours: it has our schema key
    link = tmp_path / "state.json"
    link.symlink_to(target)
    store = StateStore(link)
    store.load()
    store.set_read("a", True)
    assert link.is_symlink()
    assert read_json(target)["articles"]["a"]["read"] is True


def test_marks_is_a_snapshot(store: StateStore) -> None:
    store.set_read("a", True)
    snap = store.marks()
    store.set_read("b", True)
    assert set(snap) == {"a"}


# ---------------------------------------------------------------------- corruption

CORRUPT_FILES: dict[str, bytes] = {
    "empty": b"",
    "blank": b" \n\t",
    "truncated": b'{"schema": 1, "articles": {"a": {"read": tr',
    "not an object": b"[1, 2, 3]",
    "a string": b'"state"',
    "null": b"null",
    "invalid utf-8": b'{"schema": 1, "articles": {"\xff\xfe": {}}}',
    "binary": bytes(range(256)),
    "schema is a string": b'{"schema": "1", "articles": {}}',
    "schema is a bool": b'{"schema": true, "articles": {}}',
    "schema is a float": b'{"schema": 1.0, "articles": {}}',
    "negative schema": b'{"schema": -1, "articles": {}}',
    "articles is a list": b'{"schema": 1, "articles": []}',
    "articles missing": b'{"schema": 1}',
    "articles without schema": b'{"articles": {}}',
    "legacy list is not a list": b'{"read": "a", "starred": []}',
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
    "huge number": b'{"schema": ' + b"9" * 5000 + b"}",
}


@pytest.mark.parametrize("content", CORRUPT_FILES.values(), ids=CORRUPT_FILES.keys())
def test_unreadable_file_is_moved_aside_with_a_message(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    store = StateStore(path, clock=Clock(time.mktime((2024, 5, 6, 7, 8, 9, 0, 0, -1))))
    messages = store.load()
    aside = path.with_name("state.json.corrupt-20240506-070809")
    assert len(messages) == 1
    assert str(aside) in messages[0]
    assert aside.read_bytes() == content
    assert not path.exists()
    assert store.marks() == {}
    # The store works on: the next mark starts a fresh, valid file.
    store.set_read("a", True)
    assert store.save_error is None
    assert read_json(path)["articles"] == {"a": {"read": True, "read_at": store.mark("a").read_at}}
    assert aside.read_bytes() == content


def test_moved_aside_files_are_never_overwritten(path: Path) -> None:
    path.parent.mkdir(parents=True)
    clock = Clock(time.mktime((2024, 5, 6, 7, 8, 9, 0, 0, -1)))
    first = path.with_name("state.json.corrupt-20240506-070809")
    first.write_bytes(b"an earlier casualty")
    for n, content in enumerate([b"{bad one", b"{bad two"], start=2):
        path.write_bytes(content)
        messages = StateStore(path, clock=clock).load()
        aside = path.with_name(f"state.json.corrupt-20240506-070809-{n}")
        assert str(aside) in messages[0]
        assert aside.read_bytes() == content
    assert first.read_bytes() == b"an earlier casualty"


def test_file_that_turns_unreadable_between_saves_is_moved_aside(
    store: StateStore, path: Path, clock: Clock
) -> None:
    store.set_read("a", True)
    path.write_bytes(b"\x00garbage")
    clock.t += 1
    store.set_read("b", True)
    assert store.save_error is None
    [aside] = asides(path.parent)
    assert aside.read_bytes() == b"\x00garbage"
    notices = store.refresh()
    assert len(notices) == 1 and str(aside) in notices[0]
    assert set(reopen(path).marks()) == {"a", "b"}, "this session's marks were written"


def test_refresh_moves_an_unreadable_file_aside(store: StateStore, path: Path) -> None:
    store.set_read("a", True)
    path.write_bytes(b"{")
    notices = store.refresh()
    [aside] = asides(path.parent)
    assert len(notices) == 1 and str(aside) in notices[0]
    assert store.is_read("a"), "memory is kept"
    assert store.refresh() == []


def test_entries_with_wrong_types_are_dropped_individually(path: Path) -> None:
    path.parent.mkdir(parents=True)
    original = {
        "schema": 1,
        "articles": {
            "good": {"read": True, "read_at": 5.0},
            "good int time": {"starred": True, "starred_at": 7},
            "read is a string": {"read": "yes", "read_at": 5.0},
            "read is null": {"read": None},
            "time is a string": {"read": True, "read_at": "yesterday"},
            "time is a bool": {"starred": True, "starred_at": True},
            "entry is a list": [True],
            "entry is a number": 1,
            "changed_at is bad": {"read": False, "read_changed_at": [1]},
        },
    }
    raw = json.dumps(original).encode()
    path.write_bytes(raw)
    store = StateStore(path, clock=Clock(2000.0))
    messages = store.load()
    assert len(messages) == 1
    assert "7 article entries" in messages[0]
    assert store.marks() == {
        "good": Mark(read=True, read_at=5.0),
        "good int time": Mark(starred=True, starred_at=7),
    }
    assert path.read_bytes() == raw, "loading does not rewrite"
    # The first write drops them for good, so it keeps a copy of the original first.
    store.set_read("new", True)
    assert store.save_error is None
    [copy] = asides(path.parent)
    assert copy.read_bytes() == raw
    assert set(read_json(path)["articles"]) == {"good", "good int time", "new"}
    notices = store.refresh()
    assert len(notices) == 1 and str(copy) in notices[0]
    store.set_read("newer", True)
    assert len(asides(path.parent)) == 1, "only one copy, the file is clean now"


def test_flag_without_timestamp_counts_as_set_at_time_zero(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text('{"schema": 1, "articles": {"a": {"read": true}, "b": {}}}')
    store = StateStore(path)
    assert store.load() == []
    assert store.marks() == {"a": Mark(read=True, read_at=0.0)}


def test_unreadable_file_in_a_folder_we_cannot_lock_is_left_alone(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{oops")

    def no_lock(self: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(state_mod._FileLock, "acquire", no_lock)
    store = StateStore(path)
    messages = store.load()
    assert len(messages) == 1 and "left untouched" in messages[0]
    assert path.read_bytes() == b"{oops"
    store.set_read("a", True)
    assert store.save_error is not None and "Read-only" in store.save_error
    assert path.read_bytes() == b"{oops"
    assert store.refresh() == [], "not repeated until the file changes"


def test_read_error_is_reported_not_raised(path: Path) -> None:
    path.mkdir(parents=True)  # a folder where the file should be
    store = StateStore(path)
    messages = store.load()
    assert len(messages) == 1 and "a folder, not a regular file" in messages[0]
    store.set_read("a", True)
    assert store.read_only_reason is not None and store.save_error is None
    assert store.is_read("a")
    assert path.is_dir() and os.listdir(path) == []


# -------------------------------------------------------------------- newer schema


def test_newer_schema_is_read_but_never_written(path: Path) -> None:
    path.parent.mkdir(parents=True)
    raw = json.dumps(
        {
            "schema": 4,
            "articles": {"a": {"read": True, "read_at": 5.0, "colour": "red"}},
            "new": {"stuff": 1},
        }
    ).encode()
    path.write_bytes(raw)
    store = StateStore(path)
    messages = store.load()
    assert store.read_only_reason is not None
    assert "newer version" in store.read_only_reason
    assert messages == [store.read_only_reason]
    assert store.marks() == {"a": Mark(read=True, read_at=5.0)}
    store.set_read("b", True)
    store.toggle_starred("a")
    store.set_read_many(["c", "d"], True)
    assert store.is_read("b") and store.is_starred("a"), "changes stay in memory"
    assert store.unsaved
    assert store.retry() is False
    assert path.read_bytes() == raw
    assert asides(path.parent) == []


def test_newer_schema_with_unknown_shape_is_not_treated_as_corrupt(path: Path) -> None:
    path.parent.mkdir(parents=True)
    raw = b'{"schema": 7, "articles": [["a", 1]]}'
    path.write_bytes(raw)
    store = StateStore(path)
    store.load()
    assert store.read_only_reason is not None
    assert store.marks() == {}
    store.set_read("a", True)
    assert path.read_bytes() == raw
    assert asides(path.parent) == []


def test_newer_schema_written_by_another_reader_while_we_run(store: StateStore, path: Path) -> None:
    store.set_read("a", True)
    raw = b'{"schema": 4, "articles": {}}'
    path.write_bytes(raw)
    store.set_read("b", True)
    assert store.read_only_reason is not None
    assert path.read_bytes() == raw
    assert store.is_read("a") and store.is_read("b")
    assert store.refresh() == [store.read_only_reason]


# ----------------------------------------------------------------- unknown keys


def test_unknown_keys_are_preserved_on_rewrite(path: Path, clock: Clock) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps(
            {
                "schema": 1,
                "sync": {"server": "x", "nan": float("nan")},
                "articles": {
                    "a": {"read": True, "read_at": 5.0, "note": "keep me", "labels": [1, 2]},
                    "only-extra": {"colour": "blue"},
                },
            }
        )
    )
    store = StateStore(path, clock=clock)
    assert store.load() == []
    store.set_starred("a", True)
    store.set_read("b", True)
    data = read_json(path)
    assert data["schema"] == 3
    assert data["sync"]["server"] == "x"
    assert data["articles"]["a"] == {
        "read": True,
        "read_at": 5.0,
        "note": "keep me",
        "labels": [1, 2],
        "starred": True,
        "starred_at": 1000.0,
    }
    assert data["articles"]["only-extra"] == {"colour": "blue"}
    assert "only-extra" not in store.marks()


def test_unknown_keys_written_by_another_reader_are_adopted(
    store: StateStore, path: Path, clock: Clock
) -> None:
    store.set_read("a", True)
    data = json.loads(path.read_bytes())
    data["other"] = {"a": {"note": "added later"}}
    data["extra"] = 1
    path.write_text(json.dumps(data))
    clock.t += 1
    store.set_starred("a", True)
    data = read_json(path)
    assert data["articles"]["a"]["note"] == "added later"
    assert data["extra"] == 1


# ------------------------------------------------------------------------ migrations


def test_every_older_schema_has_a_migration() -> None:
    assert set(state_mod._MIGRATIONS) == set(range(SCHEMA_VERSION))


def test_migrate_v0_to_v1() -> None:
    legacy = {"read": ["a", "b", 3], "starred": ["b", "c"], "theme": "dark"}
    assert state_mod._MIGRATIONS[0](legacy) == {
        "schema": 1,
        "theme": "dark",
        "articles": {
            "a": {"read": True, "read_at": 0.0},
            "b": {"read": True, "read_at": 0.0, "starred": True, "starred_at": 0.0},
            "c": {"starred": True, "starred_at": 0.0},
        },
    }
    current = {"schema": 3, "journal": 4, "read": ["a", 1.0]}
    assert state_mod._migrate(current) == current


def test_migrate_v1_to_v2() -> None:
    v1 = {"schema": 1, "articles": {"a": {"read": True, "read_at": 1.0}}, "x": [1]}
    assert state_mod._MIGRATIONS[1](v1) == {**v1, "schema": 2, "journal": 0}


def test_migrate_v2_to_v3() -> None:
    """Schema 2's per-article objects go to `other`, which the columns are read from."""
    entry = {"read": True, "read_at": 1.0, "note": "kept"}
    v2 = {"schema": 2, "journal": 4, "articles": {"a": entry}, "x": [1]}
    v3 = state_mod._MIGRATIONS[2](v2)
    assert v3 == {"schema": 3, "journal": 4, "other": {"a": entry}, "x": [1]}
    articles, dropped = state_mod.snapshot_entries(v3)
    assert articles == {"a": entry} and dropped == []


def test_a_schema_2_snapshot_and_journal_are_read_and_upgraded_at_the_first_mark(
    path: Path, clock: Clock
) -> None:
    """The lines of a schema 2 journal count (same generation); the first mark writes
    a schema 3 snapshot in columns and a fresh journal."""
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps(
            {
                "schema": 2,
                "journal": 5,
                "articles": {"a": {"read": True, "read_at": 1.0}, "b": {"x": 1}},
            }
        )
    )
    journal = path.with_name("state.json.journal")
    journal.write_text('{"schema":2,"journal":5}\n{"id":"c","starred":true,"starred_at":2.0}\n')
    store = StateStore(path, clock=clock)
    assert store.load() == []
    assert store.is_read("a") and store.is_starred("c")
    store.set_read("d", True)
    data = json.loads(path.read_bytes())
    assert data["schema"] == 3 and data["journal"] == 6
    assert data["read"] == ["a", 1.0, "d", 1000.0] and data["starred"] == ["c", 2.0]
    assert data["other"] == {"b": {"x": 1}}
    assert journal.read_bytes() == b'{"schema":3,"journal":6}\n'
    assert StateStore(path).load() == []


def test_v0_file_loads_and_is_rewritten_as_v3(path: Path, clock: Clock) -> None:
    path.parent.mkdir(parents=True)
    path.write_text('{"read": ["a", "b"], "starred": ["b"]}')
    store = StateStore(path, clock=clock)
    assert store.load() == []
    assert store.marks() == {
        "a": Mark(read=True, read_at=0.0),
        "b": Mark(read=True, read_at=0.0, starred=True, starred_at=0.0),
    }
    store.set_read("c", True)
    assert read_json(path) == {
        "schema": 3,
        "journal": 1,
        "articles": {
            "a": {"read": True, "read_at": 0.0},
            "b": {"read": True, "read_at": 0.0, "starred": True, "starred_at": 0.0},
            "c": {"read": True, "read_at": 1000.0},
        },
    }


def test_empty_legacy_object_is_an_empty_store(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text("{}")
    store = StateStore(path)
    assert store.load() == []
    assert store.marks() == {}


# ---------------------------------------------------------------------- save errors


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_failed_replace_keeps_marks_and_a_later_save_writes_them_all(
    store: StateStore, path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    store.set_read("before", True)
    good = path.read_bytes()

    def failing_replace(*args: object) -> None:
        raise OSError(code, os.strerror(code))

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", failing_replace)
        patch.setattr(state_mod, "_append", failing_replace)
        clock.t += 1
        store.set_read("a", True)  # must not raise
        clock.t += 1
        assert store.toggle_starred("b") is True
        assert store.save_error is not None
        assert os.strerror(code) in store.save_error
        assert errno.errorcode[code] in store.save_error
        assert store.unsaved
        assert store.is_read("a") and store.is_starred("b")
        assert path.read_bytes() == good, "the old file is intact"
        assert read_json(path)["articles"].keys() == {"before"}
        assert leftovers(path.parent) == [], "the failed temp file was removed"
        assert store.retry() is False

    clock.t += 1
    store.set_read("c", True)  # the next change saves everything pending
    assert store.save_error is None
    assert not store.unsaved
    assert set(reopen(path).marks()) == {"before", "a", "b", "c"}


def test_failed_temp_file_creation_then_retry(
    store: StateStore, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = builtins.open

    def full_disk_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if "x" in mode:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(file, mode, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(builtins, "open", full_disk_open)
        store.set_starred("a", True)
        assert store.save_error is not None and "No space left" in store.save_error
        assert not path.exists()
    assert store.retry() is True
    assert store.save_error is None
    assert reopen(path).is_starred("a")


def test_failed_fsync_leaves_no_temp_file(
    store: StateStore, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", failing_fsync)
        store.set_read("a", True)
        assert store.save_error is not None
        assert leftovers(path.parent) == []
    assert store.retry()


def test_folder_that_cannot_exist_is_a_save_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    store = StateStore(blocker / "state.json")
    assert len(store.load()) <= 1
    store.set_read("a", True)
    assert store.save_error is not None
    assert store.is_read("a")


def test_unexpected_exception_while_saving_is_not_raised(
    store: StateStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(state_mod, "atomic_write", broken)
    store.set_read("a", True)
    assert store.save_error is not None and "boom" in store.save_error


def test_lock_held_too_long_is_a_save_error(path: Path) -> None:
    store = StateStore(path, lock_timeout=0.05)
    store.load()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(store.lock_path, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        started = time.monotonic()
        store.set_read("a", True)
        assert time.monotonic() - started < 5  # its 0.05 s, not the default 10 s
        assert store.save_error is not None and "lock" in store.save_error
    finally:
        os.close(fd)
    assert store.retry() is True
    assert reopen(path).is_read("a")


# --------------------------------------------------------------------------- undo


def test_undo_restores_exactly_the_previous_marks(
    store: StateStore, path: Path, clock: Clock
) -> None:
    store.set_read("already", True)  # at 1000
    clock.t = 1001.0
    store.set_read("cleared", True)
    clock.t = 1002.0
    store.set_read("cleared", False)
    clock.t = 1003.0
    store.set_starred("starred", True)
    before = store.marks()

    clock.t = 2000.0
    record = store.set_read_many(["already", "cleared", "starred", "fresh", "fresh"], True)
    assert set(record.ids) == {"cleared", "starred", "fresh"}, "already read: untouched"
    assert len(record) == 3
    assert all(store.is_read(a) for a in ("already", "cleared", "starred", "fresh"))
    assert store.mark("already").read_at == 1000.0
    assert set(reopen(path).marks()) == {"already", "cleared", "starred", "fresh"}

    clock.t = 3000.0
    assert sorted(store.undo(record)) == ["cleared", "fresh", "starred"]
    assert store.marks() == before
    assert reopen(path).marks() == before
    assert store.undo(record) == [], "undoing twice does nothing"


def test_undo_of_mark_all_unread(store: StateStore, path: Path, clock: Clock) -> None:
    store.set_read_many(["a", "b"], True)
    before = store.marks()
    clock.t = 2000.0
    record = store.set_read_many(["a", "b", "c"], False)
    assert record.ids == ("a", "b")
    clock.t = 3000.0
    store.undo(record)
    assert store.marks() == before
    assert reopen(path).marks() == before


def test_undo_leaves_articles_changed_since_alone(store: StateStore, clock: Clock) -> None:
    clock.t = 2000.0
    record = store.set_read_many(["a", "b"], True)
    clock.t = 2500.0
    store.set_read("a", False)
    clock.t = 2600.0
    store.set_read("a", True)  # read again, deliberately, after the bulk change
    clock.t = 3000.0
    assert store.undo(record) == ["b"]
    assert store.is_read("a") and store.mark("a").read_at == 2600.0
    assert not store.is_read("b")


def test_undo_wins_against_another_reader_that_saw_the_bulk_change(
    path: Path, clock: Clock
) -> None:
    """The restored timestamps are older than the undone change; the undo must still
    win the merge, or the other reader would write the bulk change back."""
    ours = StateStore(path, clock=clock)
    ours.load()
    other = StateStore(path, clock=clock)
    other.load()
    clock.t = 2000.0
    record = ours.set_read_many(["a", "b"], True)
    other.refresh()
    assert other.is_read("a")
    clock.t = 3000.0
    ours.undo(record)
    clock.t = 3100.0
    other.set_starred("z", True)  # other saves, merging the file with its memory
    assert not other.is_read("a") and not other.is_read("b")
    final = reopen(path)
    assert not final.is_read("a") and not final.is_read("b")
    assert final.is_starred("z")
    # And a later change to the article after the undo works normally.
    clock.t = 4000.0
    other.set_read("a", True)
    ours.refresh()
    assert ours.is_read("a") and ours.mark("a").read_at == 4000.0


def test_empty_bulk_change(store: StateStore, path: Path) -> None:
    record = store.set_read_many([], True)
    assert len(record) == 0 and record.ids == ()
    assert store.undo(record) == []
    assert not path.exists()


# -------------------------------------------------------------------- merging


def test_two_readers_lose_none_of_each_others_marks(path: Path) -> None:
    a = StateStore(path, clock=Clock(100.0))
    b = StateStore(path, clock=Clock(200.0))
    a.load()
    b.load()
    a.set_read("x", True)
    b.set_starred("y", True)  # b has never seen x
    a.set_starred("x", True)
    b.set_read("y", True)
    expected = {
        "x": Mark(read=True, read_at=100.0, starred=True, starred_at=100.0),
        "y": Mark(read=True, read_at=200.0, starred=True, starred_at=200.0),
    }
    assert reopen(path).marks() == expected
    assert b.marks() == expected, "the save merged the file into memory"
    a.refresh()
    assert a.marks() == expected


def test_merge_is_per_flag_and_the_later_timestamp_wins(path: Path) -> None:
    clock_a, clock_b = Clock(200.0), Clock(100.0)
    a = StateStore(path, clock=clock_a)
    b = StateStore(path, clock=clock_b)
    b.load()
    b.set_read("x", True)  # read at 100
    a.load()  # a sees read@100
    clock_b.t = 150.0
    b.set_read("x", False)  # cleared at 150; a does not know yet
    a.set_starred("x", True)  # a saves its stale read@100 along with a star@200
    expected = Mark(read=False, read_at=150.0, starred=True, starred_at=200.0)
    assert a.mark("x") == expected, "the later clear won over a's older read"
    assert reopen(path).mark("x") == expected
    clock_b.t = 160.0
    b.set_starred("y", True)  # b, stale about the star, saves: a's later star stays
    assert b.mark("x") == expected
    assert reopen(path).mark("x") == expected


def test_equal_timestamps_keep_ours(path: Path) -> None:
    clock_c = Clock(50.0)
    c = StateStore(path, clock=clock_c)
    d = StateStore(path, clock=Clock(100.0), lock_timeout=0.01)
    c.load()
    d.load()
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_fd = os.open(c.lock_path, os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock_fd, fcntl.LOCK_EX)
    try:
        d.set_read("t", True)  # read at 100.0, kept in memory: the lock is busy
        assert d.save_error is not None
    finally:
        os.close(lock_fd)
    c.set_read("t", True)
    clock_c.t = 100.0
    c.set_read("t", False)  # cleared at exactly 100.0
    assert d.retry()
    assert d.mark("t") == Mark(read=True, read_at=100.0), "tie: d keeps its own value"
    assert reopen(path).is_read("t")
    c.refresh()
    assert c.mark("t") == Mark(read=False, read_at=100.0), "tie: c keeps its own value"


def test_refresh_merges_other_readers_and_is_cheap_when_unchanged(
    store: StateStore, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = StateStore(path, clock=Clock(5000.0))
    other.load()
    other.set_read("x", True)
    assert not store.is_read("x")
    assert store.refresh() == []
    assert store.is_read("x")

    calls = 0
    real_parse = state_mod._parse

    def counting_parse(raw: bytes) -> Any:
        nonlocal calls
        calls += 1
        return real_parse(raw)

    monkeypatch.setattr(state_mod, "_parse", counting_parse)
    for _ in range(5):
        store.refresh()
    assert calls == 0
    store.set_read("y", True)  # our own write: nothing new to parse either
    store.refresh()
    assert calls == 0
    other.set_read("z", True)  # a journal line: read without parsing the snapshot
    store.refresh()
    assert calls == 0 and store.is_read("z")
    assert other.compact()
    other.set_read("w", True)
    store.refresh()
    assert calls == 1 and store.is_read("w") and store.is_read("z")


def test_refresh_when_file_is_deleted_keeps_memory(store: StateStore, path: Path) -> None:
    store.set_read("a", True)
    path.unlink()
    assert store.refresh() == []
    assert store.is_read("a")
    store.set_read("b", True)
    assert set(reopen(path).marks()) == {"a", "b"}


def test_load_merges_with_marks_made_before(path: Path, clock: Clock) -> None:
    first = StateStore(path, clock=clock)
    first.set_read("a", True)  # without load(): the save merges anyway
    second = StateStore(path, clock=clock)
    second.set_starred("b", True)
    assert second.load() == []
    assert set(second.marks()) == {"a", "b"}


def test_load_removes_temp_files_of_killed_writers(path: Path) -> None:
    path.parent.mkdir(parents=True)
    stale = path.parent / ".state.json.0123456789ab.tmp"
    stale.write_text('{"schema":1,"art')
    unrelated = path.parent / "notes.tmp"
    unrelated.write_text("mine")
    StateStore(path).load()
    assert not stale.exists()
    assert unrelated.exists()


# ------------------------------------------------------------ threads, performance


def test_threads_writing_to_one_store_and_a_second_store(path: Path) -> None:
    store = StateStore(path)
    store.load()
    twin = StateStore(path)
    twin.load()
    errors: list[BaseException] = []

    def work(s: StateStore, prefix: str) -> None:
        try:
            for i in range(30):
                s.set_read(f"{prefix}{i}", True)
                s.is_read(f"{prefix}{i}")
                s.marks()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(store, f"t{n}-")) for n in range(3)]
    threads.append(threading.Thread(target=work, args=(twin, "twin-")))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.save_error is None and twin.save_error is None
    marks = reopen(path).marks()
    assert len(marks) == 4 * 30


# ------------------------------------------------------------------- the read log


def test_the_read_log_lists_each_change_of_a_read_flag_in_order(path: Path) -> None:
    store = StateStore(path)
    store.load()
    position, _ = store.read_flags([])
    assert store.read_ids() == set()
    store.set_read("a", True)
    store.set_starred("b", True)  # not a read flag
    store.set_read("a", True)  # no change
    store.toggle_read("b")
    store.set_read("a", False)
    end, changes = store.read_changes(position)
    assert changes == [("a", True), ("b", True), ("a", False)]
    assert store.read_changes(end) == (end, [])
    record = store.set_read_many(["c", "b", "d"], True)
    store.undo(record)
    assert store.read_changes(end)[1] == [("c", True), ("d", True), ("c", False), ("d", False)]


def test_the_read_log_cannot_answer_for_marks_adopted_wholesale(path: Path) -> None:
    """An empty store takes another reader's snapshot over wholesale: the log says it
    does not know what changed, and a count starts again with `read_flags`."""
    store = StateStore(path)
    store.load()
    position, _ = store.read_flags([])
    other = StateStore(path)
    other.load()
    other.set_read("x", True)
    assert other.compact()
    store.refresh()
    assert store.is_read("x")
    end, changes = store.read_changes(position)
    assert changes is None
    assert store.read_flags(["x"]) == (end, [True])
    assert store.read_ids() == {"x"}
    other.set_read("y", True)  # a journal line: merged article by article
    store.refresh()
    assert store.read_changes(end)[1] == [("y", True)]


def test_the_read_log_keeps_a_bounded_tail(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(state_mod, "_LOG_KEPT", 3)
    store = StateStore(path)
    store.load()
    start, _ = store.read_flags([])
    store.set_read_many([f"id{i}" for i in range(7)], True)  # 7 > 2 * 3: trimmed to 3
    end, changes = store.read_changes(start)
    assert changes is None  # too far behind: count again
    assert store.read_changes(end - 3)[1] == [("id4", True), ("id5", True), ("id6", True)]
    assert store.read_changes(end + 1)[1] is None  # a position from no store of ours
