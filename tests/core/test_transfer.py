"""Export and import of read/starred marks (reader.core.transfer)."""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path
from typing import Any

import pytest

from reader.core.state import Mark, StateStore, snapshot_entries
from reader.core.transfer import TransferError, export_marks, import_marks


class Clock:
    """A settable clock, so that every mark's timestamp is known."""

    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def on_disk(path: Path) -> dict[str, Any]:
    """The articles of a state snapshot on disk (schema 3 keeps them in columns)."""
    entries, dropped = snapshot_entries(json.loads(path.read_bytes()))
    assert dropped == []
    return entries


def make_store(path: Path, clock: Clock | None = None) -> StateStore:
    store = StateStore(path, clock=clock or Clock())
    assert store.load() == []
    return store


def at(store: StateStore, clock: Clock, when: float, setter: str, article_id: str, value: bool):
    clock.now = when
    getattr(store, setter)(article_id, value)


def test_round_trip(tmp_path: Path) -> None:
    clock = Clock()
    source = make_store(tmp_path / "a" / "state.json", clock)
    at(source, clock, 100.0, "set_read", "one", True)
    at(source, clock, 200.0, "set_starred", "one", True)
    at(source, clock, 300.0, "set_starred", "two\udcff", True)  # id of an undecodable name
    at(source, clock, 400.0, "set_read", "three", True)
    at(source, clock, 500.0, "set_read", "three", False)  # unread, but with a time
    export = tmp_path / "marks.json"
    assert export_marks(source, export) == 3

    document = json.loads(export.read_text("ascii"))
    assert (document["format"], document["version"]) == ("reader-marks", 1)
    assert document["exported_at"].endswith("+00:00")
    assert document["articles"]["one"] == {
        "read": True,
        "read_at": 100.0,
        "starred": True,
        "starred_at": 200.0,
    }
    assert document["articles"]["three"]["read_at"] == 500.0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    target = make_store(tmp_path / "b" / "state.json")
    assert import_marks(target, export) == 3
    assert target.marks() == source.marks()
    reopened = make_store(tmp_path / "b" / "state.json")
    assert reopened.marks() == source.marks()
    assert import_marks(target, export) == 0  # importing again changes nothing


def test_merge_keeps_the_later_timestamp_per_flag(tmp_path: Path) -> None:
    clock_a, clock_b = Clock(), Clock()
    a = make_store(tmp_path / "a.json", clock_a)
    b = make_store(tmp_path / "b.json", clock_b)
    at(a, clock_a, 100.0, "set_read", "x", True)  # older than b's unread: b keeps unread
    at(b, clock_b, 50.0, "set_read", "x", True)
    at(b, clock_b, 150.0, "set_read", "x", False)
    at(a, clock_a, 300.0, "set_starred", "x", True)  # later than b's: a's star wins
    at(b, clock_b, 200.0, "set_starred", "x", True)
    at(b, clock_b, 250.0, "set_starred", "x", False)
    at(a, clock_a, 400.0, "set_read", "tie", True)  # equal times: the store's mark stays
    at(b, clock_b, 10.0, "set_read", "tie", True)
    at(b, clock_b, 400.0, "set_read", "tie", False)
    at(a, clock_a, 500.0, "set_starred", "only-a", True)
    at(b, clock_b, 600.0, "set_starred", "only-b", True)
    export_marks(a, tmp_path / "marks.json")

    assert import_marks(b, tmp_path / "marks.json") == 2  # x (its star) and only-a
    assert b.mark("x") == Mark(read=False, read_at=150.0, starred=True, starred_at=300.0)
    assert b.mark("tie") == Mark(read=False, read_at=400.0)
    assert b.mark("only-a") == Mark(starred=True, starred_at=500.0)
    assert b.mark("only-b") == Mark(starred=True, starred_at=600.0)
    assert make_store(tmp_path / "b.json").marks() == b.marks()
    # A later change in the store still wins over what was imported.
    at(b, clock_b, 700.0, "set_starred", "x", False)
    assert not make_store(tmp_path / "b.json").is_starred("x")


def test_marks_only_in_memory_survive_an_import(tmp_path: Path) -> None:
    path = tmp_path / "ro" / "state.json"
    store = make_store(path)
    store.set_read("mine", True)
    export = tmp_path / "in.json"
    export.write_text(json.dumps({"format": "reader-marks", "version": 1, "articles": {}}))
    assert import_marks(store, export) == 0
    assert store.is_read("mine")


def test_imports_a_raw_state_file_and_a_legacy_one(tmp_path: Path) -> None:
    state = tmp_path / "other-state.json"
    state.write_text(
        json.dumps(
            {
                "schema": 1,
                "future": {"kept": True},
                "articles": {
                    "undone": {"read": False, "read_at": 5.0, "read_changed_at": 900.0},
                    "read": {"read": True, "read_at": 100.0, "note": "unknown key"},
                    "bare": {"starred": True},
                },
            }
        )
    )
    clock = Clock()
    store = make_store(tmp_path / "state.json", clock)
    at(store, clock, 800.0, "set_read", "undone", True)
    assert import_marks(store, state) == 3
    assert not store.is_read("undone")  # its undo (changed at 900) is later than 800
    assert store.mark("read") == Mark(read=True, read_at=100.0)
    assert store.mark("bare") == Mark(starred=True, starred_at=0.0)

    legacy = tmp_path / "legacy.json"
    legacy.write_text(json.dumps({"read": ["l1", "read"], "starred": ["l1"]}))
    assert import_marks(store, legacy) == 1  # "read" already has a later read_at
    assert store.mark("l1") == Mark(read=True, read_at=0.0, starred=True, starred_at=0.0)


def test_import_keeps_what_it_does_not_know_in_the_state_file(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(
        json.dumps(
            {
                "schema": 1,
                "extra": [1, 2],
                "articles": {"a": {"read": True, "read_at": 1.0, "x-key": "kept"}},
            }
        )
    )
    os.chmod(path, 0o640)
    store = make_store(path)
    export = tmp_path / "in.json"
    export.write_text(
        json.dumps(
            {
                "format": "reader-marks",
                "version": 1,
                "articles": {"a": {"read": False, "read_at": 2.0, "starred": False}},
            }
        )
    )
    assert import_marks(store, export) == 1
    data = json.loads(path.read_text())
    assert data["extra"] == [1, 2]
    assert on_disk(path)["a"] == {"read": False, "read_at": 2.0, "x-key": "kept"}
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert not store.is_read("a")


def test_import_into_a_store_without_a_file_yet(tmp_path: Path) -> None:
    source = make_store(tmp_path / "a.json")
    source.set_read("n", True)
    export_marks(source, tmp_path / "m.json")
    target = make_store(tmp_path / "new" / "deeper" / "state.json")
    assert import_marks(target, tmp_path / "m.json") == 1
    assert make_store(tmp_path / "new" / "deeper" / "state.json").is_read("n")


GOOD_ENTRY = {"read": True, "read_at": 1.0}
BAD_FILES = {
    "empty": (b"", "not valid JSON"),
    "binary": (b"\xff\xfe\x00\x01garbage", "not UTF-8"),
    "not json": (b"read: yes\n", "not valid JSON"),
    "a list": (b"[1, 2]", "JSON list, not an object"),
    "deep": (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    "other json": (b'{"name": "x"}', "neither a reader marks export nor a reader state file"),
    "other format": (b'{"format": "opml", "version": 1}', "not a reader marks export"),
    "newer export": (
        json.dumps({"format": "reader-marks", "version": 2, "articles": {}}).encode(),
        "exported by a newer reader (version 2)",
    ),
    "version text": (
        json.dumps({"format": "reader-marks", "version": "1", "articles": {}}).encode(),
        "version '1' is not a whole number",
    ),
    "articles list": (
        json.dumps({"format": "reader-marks", "version": 1, "articles": []}).encode(),
        "'articles' entry is not an object",
    ),
    "bad flag": (
        json.dumps(
            {"format": "reader-marks", "version": 1, "articles": {"a": {"read": "yes"}}}
        ).encode(),
        "article 'a': 'read' is 'yes', not true or false",
    ),
    "bad time": (
        json.dumps(
            {"format": "reader-marks", "version": 1, "articles": {"a": {"read_at": "noon"}}}
        ).encode(),
        "'read_at' is 'noon', not a time in seconds",
    ),
    "nan time": (
        b'{"format": "reader-marks", "version": 1, "articles": {"a": {"read_at": NaN}}}',
        "not a time in seconds",
    ),
    "entry not object": (
        json.dumps({"format": "reader-marks", "version": 1, "articles": {"a": 1}}).encode(),
        "its marks are not an object",
    ),
    "newer state": (
        json.dumps({"schema": 9, "articles": {"a": GOOD_ENTRY}}).encode(),
        "written by a newer reader (state schema 9)",
    ),
    "state without articles": (b'{"schema": 1}', "'articles' entry is not an object"),
    "legacy not list": (b'{"read": "abc"}', "'read' entry is not a list of article ids"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_files_are_refused_with_a_reason_and_change_nothing(tmp_path: Path, case: str) -> None:
    content, reason = BAD_FILES[case]
    path = tmp_path / "state.json"
    store = make_store(path)
    store.set_read("kept", True)
    before = path.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(TransferError) as caught:
        import_marks(store, bad)
    assert reason in str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert path.read_bytes() == before
    assert store.marks().keys() == {"kept"}


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    store = make_store(tmp_path / "state.json")
    with pytest.raises(TransferError, match=r"cannot read .*No such file"):
        import_marks(store, tmp_path / "missing.json")
    with pytest.raises(TransferError, match="cannot read"):
        import_marks(store, tmp_path)


def test_a_read_only_store_is_not_changed(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    raw = json.dumps({"schema": 99, "articles": {}}).encode()
    path.write_bytes(raw)
    store = StateStore(path)
    store.load()
    assert store.read_only_reason
    export = tmp_path / "m.json"
    export.write_text(
        json.dumps({"format": "reader-marks", "version": 1, "articles": {"a": GOOD_ENTRY}})
    )
    with pytest.raises(TransferError, match="cannot be changed"):
        import_marks(store, export)
    assert path.read_bytes() == raw


def test_an_unreadable_state_file_is_kept_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    store = StateStore(path, clock=Clock(), home=path)  # the default file: ours
    assert store.load() == []
    path.write_bytes(b"{broken")  # broken after the store was loaded
    export = tmp_path / "m.json"
    export.write_text(
        json.dumps({"format": "reader-marks", "version": 1, "articles": {"a": GOOD_ENTRY}})
    )
    assert import_marks(store, export) == 1
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("state.json.corrupt-")]
    assert [p.read_bytes() for p in kept] == [b"{broken"]
    assert "a" in on_disk(path)
    assert any("unreadable" in notice for notice in store.refresh() + store.load())


def test_a_held_lock_gives_up_with_a_reason(tmp_path: Path) -> None:
    store = make_store(tmp_path / "state.json")
    store.set_read("x", True)
    export = tmp_path / "m.json"
    export_marks(store, export)
    other = StateStore(tmp_path / "other.json", lock_timeout=0.05)
    other.load()
    fd = os.open(other.lock_path, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(TransferError, match="lock") as raised:
            import_marks(other, export)
        assert "kept in memory" not in str(raised.value), "the command exits"
        assert "Run it again" in str(raised.value)
    finally:
        os.close(fd)
    assert other.is_read("x")  # merged in memory, saved once the lock is free
    assert other.retry()
    assert on_disk(tmp_path / "other.json")["x"]["read"]


def test_export_to_an_unwritable_place_is_a_transfer_error(tmp_path: Path) -> None:
    store = make_store(tmp_path / "state.json")
    with pytest.raises(TransferError, match="could not write"):
        export_marks(store, tmp_path / "no" / "such" / "folder" / "m.json")
    assert export_marks(store, tmp_path / "empty.json") == 0


def test_a_schema_3_state_file_imports_from_its_columns(tmp_path: Path) -> None:
    """A conflict copy of today's snapshot (columns of id, time pairs) merges like any."""
    clock = Clock()
    other = make_store(tmp_path / "other" / "state.json", clock)
    other.set_read("a", True)
    other.set_starred("b", True)
    other.set_starred("b", False)  # a cleared star keeps its time
    assert other.compact()
    store = make_store(tmp_path / "state.json")
    assert import_marks(store, tmp_path / "other" / "state.json") == 2
    assert store.mark("a") == Mark(read=True, read_at=clock.now)
    assert store.mark("b") == other.mark("b") and not store.is_starred("b")


@pytest.mark.parametrize(
    ("snapshot", "reason"),
    [
        ({"schema": 3, "read": ["a"]}, "'read' entry is not a list of ids and times"),
        ({"schema": 3, "read": ["a", "noon"]}, "article 'a': a time is not a number"),
        ({"schema": 3, "other": []}, "'other' entry is not an object"),
    ],
)
def test_a_broken_schema_3_state_file_is_refused_with_the_reason(
    tmp_path: Path, snapshot: dict[str, Any], reason: str
) -> None:
    store = make_store(tmp_path / "state.json")
    copy = tmp_path / "copy.json"
    copy.write_text(json.dumps(snapshot))
    with pytest.raises(TransferError, match=reason):
        import_marks(store, copy)
