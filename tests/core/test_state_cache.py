"""The snapshot cache (`reader.core.state_cache`): a large snapshot's columns read back
from a binary copy in the cache folder, only for exactly the bytes it was made from;
anything else reads the JSON as before, and the user's files are never touched by it."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core import state as state_mod
from reader.core import state_cache
from reader.core.paths import cache_dir, default_state_path
from reader.core.state import Mark, StateStore


@pytest.fixture(autouse=True)
def cache_every_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small snapshots are cached too here (only large ones are, outside the tests)."""
    monkeypatch.setattr(state_cache, "CACHE_FROM", 0)


@pytest.fixture
def path() -> Path:
    return default_state_path()


class Parses:
    """Counts the snapshots read as JSON (`state._parse`)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = state_mod._parse

        def counting(raw: bytes) -> Any:
            self.count += 1
            return real(raw)

        monkeypatch.setattr(state_mod, "_parse", counting)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Parses:
    return Parses(monkeypatch)


def caches() -> list[Path]:
    folder = cache_dir()
    return sorted(folder.glob("marks-*.bin")) if folder.is_dir() else []


def a_state(path: Path) -> dict[str, Mark]:
    """A state of every kind of column (set, cleared, undo clocks, `other`, unknown top
    keys, an id from an undecodable file name), compacted: the snapshot and its cache."""
    clock = iter(range(1000, 2000))
    store = StateStore(path, clock=lambda: float(next(clock)))
    store.load()
    store._top["future"] = {"kept": [1, 2]}
    for i in range(40):
        store.set_read(f"a{i:02d}", True)
    store.set_starred("a00", True)
    store.set_starred("a01", True)
    store.set_starred("a01", False)
    store.set_read("x\udcff", True)
    undo = store.set_read_many(["a02", "b"], False)
    store.undo(undo)
    store.merge_marks({"n": {"note": "kept", "read_at": 5.0}})
    assert store.compact() and store.save_error is None
    return store.marks()


def test_a_compaction_caches_the_snapshot_and_the_next_load_reads_no_json(
    path: Path, parses: Parses
) -> None:
    marks = a_state(path)
    [cache] = caches()
    assert cache.parent == cache_dir() and cache.parent != path.parent
    assert sorted(os.listdir(path.parent)) == [
        "state.json",
        "state.json.journal",
        "state.json.lock",
    ]
    before = parses.count
    again = StateStore(path)
    assert again.load() == []
    assert parses.count == before, "read from the cache"
    assert again.marks() == marks
    assert again.mark("n") == Mark(read_at=5.0)  # a time without its flag: kept
    assert again._articles.get("n") == {"note": "kept", "read_at": 5.0}
    assert again._top == {"future": {"kept": [1, 2]}}
    assert again.is_read("x\udcff") and not again.is_starred("a01")
    # Written back the same: the next compaction's snapshot is byte for byte the JSON one.
    json_store = StateStore(path, cache_dir=path.parent / "elsewhere")
    json_store.load()
    gen = again._gen
    assert gen is not None
    assert again._serialize(gen + 1) == json_store._serialize(gen + 1)


def test_marks_made_after_the_snapshot_come_from_the_journal(path: Path, parses: Parses) -> None:
    a_state(path)
    writer = StateStore(path)
    writer.load()
    writer.set_read("late", True)
    writer.set_read("a03", False)
    before = parses.count
    again = StateStore(path)
    again.load()
    assert parses.count == before
    assert again.is_read("late") and not again.is_read("a03") and again.is_read("a04")


def test_a_snapshot_read_as_json_is_cached_for_the_next_load(path: Path, parses: Parses) -> None:
    marks = a_state(path)
    for cache in caches():
        cache.unlink()
    first = StateStore(path)
    first.load()
    assert parses.count == 1 and len(caches()) == 1
    second = StateStore(path)
    second.load()
    assert parses.count == 1
    assert first.marks() == second.marks() == marks


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(path: Path, parses: Parses) -> None:
    """The cache is keyed by the snapshot's checksum too: a hand edit of the same length,
    its mtime put back, reads the JSON."""
    a_state(path)
    st = os.stat(path)
    raw = path.read_bytes()
    edited = raw.replace(b'"a05"', b'"z05"', 1)
    assert edited != raw and len(edited) == len(raw)
    path.write_bytes(edited)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(path).st_mtime_ns == st.st_mtime_ns
    before = parses.count
    again = StateStore(path)
    again.load()
    assert parses.count == before + 1
    assert again.is_read("z05") and not again.is_read("a05")


@pytest.mark.parametrize(
    "damage",
    [
        "flip a byte of the body",
        "cut the body short",
        "add a byte",
        "a header that is not JSON",
        "another version",
        "another byte order",
        "empty",
        "a FIFO",
        "a folder",
        "a symlink to the snapshot",
        "columns that do not add up",
        "a time that is not finite",
    ],
)
def test_a_damaged_cache_reads_the_json_and_is_written_again(
    path: Path, parses: Parses, damage: str
) -> None:
    marks = a_state(path)
    [cache] = caches()
    raw = cache.read_bytes()
    head, _, body = raw.partition(b"\n")
    header = json.loads(head)
    if damage == "flip a byte of the body":
        cache.write_bytes(head + b"\n" + bytes([body[0] ^ 1]) + body[1:])
    elif damage == "cut the body short":
        cache.write_bytes(raw[:-3])
    elif damage == "add a byte":
        cache.write_bytes(raw + b"\0")
    elif damage == "a header that is not JSON":
        cache.write_bytes(b"\x00{" + raw)
    elif damage in ("another version", "another byte order"):
        field, value = ("version", 0) if damage == "another version" else ("byteorder", "x")
        header[field] = value
        cache.write_bytes(json.dumps(header).encode() + b"\n" + body)
    elif damage == "empty":
        cache.write_bytes(b"")
    elif damage == "a FIFO":
        cache.unlink()
        os.mkfifo(cache)
    elif damage == "a folder":
        cache.unlink()
        cache.mkdir()
    elif damage == "a symlink to the snapshot":
        cache.unlink()
        cache.symlink_to(path)
    elif damage == "columns that do not add up":
        header["columns"][0][1] += 1
        cache.write_bytes(json.dumps(header).encode() + b"\n" + body)
    elif damage == "a time that is not finite":
        _, _, id_bytes = header["columns"][0]
        body = body[:id_bytes] + b"\x00" * 6 + b"\xf0\x7f" + body[id_bytes + 8 :]  # +inf
        header["body"] = state_cache.zlib.crc32(body)
        cache.write_bytes(json.dumps(header).encode() + b"\n" + body)
    before = parses.count
    again = StateStore(path)
    assert again.load() == []
    assert parses.count == before + 1, "read from the JSON"
    assert again.marks() == marks
    if damage not in ("a FIFO", "a folder"):  # replaced by a good cache
        third = StateStore(path)
        third.load()
        assert parses.count == before + 1 and third.marks() == marks
    assert sorted(os.listdir(path.parent)) == [
        "state.json",
        "state.json.journal",
        "state.json.lock",
    ]


def test_a_cache_of_another_state_file_is_never_used(tmp_path: Path, parses: Parses) -> None:
    """One cache per state file: two state files, each read right."""
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    for path, article in ((one, "first"), (two, "second")):
        store = StateStore(path)
        store.load()
        store.set_read(article, True)
        assert store.compact()
    assert len(caches()) == 2
    a, b = StateStore(one), StateStore(two)
    a.load()
    b.load()
    assert a.is_read("first") and not a.is_read("second")
    assert b.is_read("second") and not b.is_read("first")


def test_whole_number_times_are_not_cached_and_stay_whole(path: Path, parses: Parses) -> None:
    """A time a hand edit wrote as a whole number would come back from the doubles as
    a float: such a snapshot is read as JSON every time, and written back as it was."""
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"schema": 3, "journal": 1, "read": ["a", 5, "b", 6.5]}))
    for expected in (1, 2):
        store = StateStore(path)
        store.load()
        assert parses.count == expected
        assert store.mark("a") == Mark(read=True, read_at=5)
    assert caches() == []
    store.set_read("c", True)
    assert store.compact()
    assert json.loads(path.read_bytes())["read"][:2] == ["a", 5]
    assert caches() == []


def test_a_newer_schema_or_a_file_with_bad_entries_is_not_cached(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"schema": 99, "journal": 1, "read": ["a", 5.0]}))
    StateStore(path).load()
    path.write_text(json.dumps({"schema": 3, "journal": 1, "read": ["a", "not a time"]}))
    StateStore(path).load()
    assert caches() == []


def test_another_readers_compaction_is_picked_up_through_the_cache(
    path: Path, parses: Parses
) -> None:
    a_state(path)
    reader_one, reader_two = StateStore(path), StateStore(path)
    reader_one.load()
    reader_two.load()
    reader_two.set_starred("a07", True)
    assert reader_two.compact()
    before = parses.count
    assert reader_one.refresh() == []
    assert parses.count == before
    assert reader_one.is_starred("a07")


def test_a_read_only_store_reads_the_cache_and_touches_no_state_file(path: Path) -> None:
    marks = a_state(path)
    listing = {n: os.stat(path.parent / n).st_mtime_ns for n in os.listdir(path.parent)}
    store = StateStore(path, writable=False)
    assert store.load() == []
    assert store.marks() == marks
    assert {n: os.stat(path.parent / n).st_mtime_ns for n in os.listdir(path.parent)} == listing


def test_an_id_holding_the_separator_is_not_cached(path: Path) -> None:
    store = StateStore(path)
    store.load()
    store.set_read("a\0b", True)
    assert store.compact()
    assert caches() == []
    again = StateStore(path)
    again.load()
    assert again.is_read("a\0b")


def test_an_unwritable_cache_folder_only_costs_speed(path: Path) -> None:
    blocked = cache_dir()
    blocked.parent.mkdir(parents=True, exist_ok=True)
    blocked.write_text("not a folder")
    marks = a_state(path)
    again = StateStore(path)
    assert again.load() == []
    assert again.marks() == marks and again.save_error is None


def test_large_snapshots_only_are_cached(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(state_cache, "CACHE_FROM", 10_000)
    store = StateStore(path)
    store.load()
    store.set_read("small", True)
    assert store.compact()
    assert caches() == []
    store.set_read_many([f"{i:016x}" for i in range(1000)], True)
    assert store.compact()
    assert len(caches()) == 1


TIMES = st.floats(allow_nan=False, allow_infinity=False)
ENTRY = st.fixed_dictionaries(
    {},
    optional={
        "read": st.booleans(),
        "read_at": TIMES,
        "starred": st.booleans(),
        "starred_at": TIMES,
        "read_changed_at": TIMES,
        "note": st.text(max_size=3),
    },
).filter(bool)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entries=st.dictionaries(st.text(max_size=5), ENTRY, max_size=12),
    top=st.dictionaries(st.sampled_from(["x", "future"]), st.integers() | st.text(max_size=3)),
    lazy=st.booleans(),
)
def test_a_cached_load_equals_a_json_load(
    entries: dict[str, dict[str, Any]], top: dict[str, Any], lazy: bool
) -> None:
    """Any snapshot we write reads back from the cache as from its JSON, lazily built
    columns included."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "state.json"
        cache = Path(folder) / "cache"
        store = StateStore(path, home=path, cache_dir=cache, clock=lambda: 1.0)
        store.load()
        store._top.update(top)
        store.merge_marks(entries)
        saved = state_mod._LAZY_FROM
        state_mod._LAZY_FROM = 0 if lazy else saved
        try:
            assert store.compact()
            from_json = StateStore(path, home=path, cache_dir=Path(folder) / "none")
            from_cache = StateStore(path, home=path, cache_dir=cache)
            assert from_json.load() == from_cache.load() == []
        finally:
            state_mod._LAZY_FROM = saved
        assert dict(from_cache._articles.items()) == dict(from_json._articles.items())
        assert from_cache._top == from_json._top and from_cache._gen == from_json._gen
        assert from_cache.read_ids() == from_json.read_ids()
        columns, _ = store._articles.columns()
        separator = any("\0" in i for ids, _ in columns.values() for i in ids)
        assert len(list(cache.glob("marks-*.bin"))) == (0 if separator else 1)
