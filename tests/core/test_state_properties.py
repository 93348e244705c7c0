"""Property tests of the state store: it agrees with a plain dict model, and no file
content whatsoever makes `load()` raise or lose the original bytes."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core import state as state_mod
from reader.core.state import Mark, StateStore, UndoRecord


class TickingClock:
    """Strictly increasing, so the model knows the exact timestamp of every change."""

    def __init__(self) -> None:
        self.last = 1_700_000_000.0

    def __call__(self) -> float:
        self.last += 1.0
        return self.last


@dataclass
class Model:
    """What the store should hold: flags, their times, and for undo which change set
    each read flag last (its clock)."""

    marks: dict[str, dict[str, Any]] = field(default_factory=dict)

    def get(self, article_id: str) -> dict[str, Any]:
        return self.marks.setdefault(
            article_id,
            {"read": False, "read_at": None, "starred": False, "starred_at": None, "clock": None},
        )

    def set(self, article_id: str, flag: str, value: bool, now: float) -> bool:
        entry = self.get(article_id)
        if entry[flag] == value:
            return False
        entry[flag] = value
        entry[f"{flag}_at"] = now
        if flag == "read":
            entry["clock"] = now
        return True

    def expected(self) -> dict[str, Mark]:
        out = {}
        for article_id, e in self.marks.items():
            mark = Mark(e["read"], e["read_at"], e["starred"], e["starred_at"])
            if mark != Mark():
                out[article_id] = mark
        return out


REAL_WRITE = state_mod.atomic_write


def dies_before_the_journal(target: Path, payload: bytes) -> None:
    """A compaction killed after writing its snapshot, before the new journal."""
    if target.name.endswith(".journal"):
        raise OSError(5, "killed")
    REAL_WRITE(target, payload)


IDS = st.sampled_from(["a", "b", "c", "x\udcff"])  # few ids: operations must collide
OPS = st.one_of(
    st.tuples(st.just("set_read"), IDS, st.booleans()),
    st.tuples(st.just("set_starred"), IDS, st.booleans()),
    st.tuples(st.just("toggle_read"), IDS),
    st.tuples(st.just("toggle_starred"), IDS),
    st.tuples(st.just("read_many"), st.lists(IDS, max_size=5), st.booleans()),
    st.tuples(st.just("undo"), st.integers(min_value=0, max_value=3)),
    st.tuples(st.just("undo"), st.just(-1)),  # the latest bulk change, as ctrl+z does
    st.tuples(st.just("reopen")),
    st.tuples(st.just("refresh")),
    # The journal: a compaction; a writer killed mid-line (a torn, unacknowledged line);
    # a compaction killed between the new snapshot and the new journal; another
    # instance's mark.
    st.tuples(st.just("compact")),
    st.tuples(st.just("torn"), st.binary(min_size=1, max_size=30)),
    st.tuples(st.just("crash_compact")),
    st.tuples(st.just("other"), IDS),
)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(OPS, min_size=1, max_size=40))
def test_store_agrees_with_a_dict_model(ops: list[tuple[Any, ...]]) -> None:
    _agrees_with_the_model(ops)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(OPS, min_size=1, max_size=40), singles=st.integers(0, 3))
def test_store_with_lazy_columns_agrees_with_a_dict_model(
    ops: list[tuple[Any, ...]], singles: int
) -> None:
    """The same with every loaded set-flag column lazy (`_LAZY_FROM` 0): journal lines,
    imports and marks of articles read in the snapshot fetch their times from the lists,
    and after `singles` single lookups the map is built. The read log keeps one change
    (trimmed whenever it reaches two), so its readers often have to count again."""
    saved = state_mod._LAZY_FROM, state_mod._SINGLES_MAX, state_mod._LOG_KEPT
    state_mod._LAZY_FROM, state_mod._SINGLES_MAX, state_mod._LOG_KEPT = 0, singles, 1
    try:
        _agrees_with_the_model(ops)
    finally:
        state_mod._LAZY_FROM, state_mod._SINGLES_MAX, state_mod._LOG_KEPT = saved


def _read_at(store: StateStore) -> tuple[int, set[str]]:
    """The read log's position and the read ids then (one thread: nothing between)."""
    return store.read_flags([])[0], store.read_ids()


class ReadFollower:
    """What the unread count does: the read ids once, then only the read log's changes
    (`StateStore.read_changes`), counting again when the log cannot say."""

    def __init__(self, store: StateStore) -> None:
        self.store = store
        self.position, self.read = _read_at(store)
        self.recounts = 0

    def check(self) -> None:
        position, changes = self.store.read_changes(self.position)
        if changes is None:
            self.position, self.read = _read_at(self.store)
            self.recounts += 1
        else:
            for article_id, read in changes:  # each a real change, in order
                assert (article_id in self.read) is not read
                (self.read.add if read else self.read.remove)(article_id)
            self.position = position
        assert self.read == self.store.read_ids()
        ids = ["a", "b", "c", "x\udcff", "never"]
        assert self.store.read_flags(ids) == (self.position, [i in self.read for i in ids])


def _agrees_with_the_model(ops: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "state.json"
        clock = TickingClock()
        store = StateStore(path, clock=clock)
        assert store.load() == []
        follower = ReadFollower(store)
        model = Model()
        # (record, model's view of it: id, read, read_at, clock after the change)
        undos: list[tuple[UndoRecord, list[tuple[str, bool, float | None, float | None]]]] = []
        for op in ops:
            name = op[0]
            if name in ("set_read", "set_starred"):
                getattr(store, name)(op[1], op[2])
                model.set(op[1], name[4:], op[2], clock.last)
            elif name in ("toggle_read", "toggle_starred"):
                flag = name[7:]
                new = getattr(store, name)(op[1])
                assert new is (not model.get(op[1])[flag])
                model.set(op[1], flag, new, clock.last)
            elif name == "read_many":
                record = store.set_read_many(op[1], op[2])
                changes = []
                for article_id in dict.fromkeys(op[1]):
                    e = dict(model.get(article_id))
                    if model.set(article_id, "read", op[2], clock.last):
                        changes.append((article_id, e["read"], e["read_at"], clock.last))
                assert list(record.ids) == [c[0] for c in changes]
                undos.append((record, changes))
            elif name == "undo" and undos:
                record, changes = undos[op[1] % len(undos)]
                restored = store.undo(record)
                now = clock.last
                expected_restored = []
                for article_id, read, read_at, after in changes:
                    e = model.get(article_id)
                    if e["clock"] == after:
                        e["read"], e["read_at"], e["clock"] = read, read_at, now
                        expected_restored.append(article_id)
                assert restored == expected_restored
            elif name == "reopen":
                store = StateStore(path, clock=clock)
                assert store.load() == []
            elif name == "compact":
                assert store.compact()
            elif name == "torn":
                journal = path.with_name("state.json.journal")
                if journal.exists():
                    with open(journal, "ab") as handle:
                        handle.write(
                            b'{"id":"a","read":true,"read_at":9' + op[1].replace(b"\n", b"")
                        )
            elif name == "crash_compact":
                state_mod.atomic_write = dies_before_the_journal  # type: ignore[assignment]
                try:
                    store.compact()
                finally:
                    state_mod.atomic_write = REAL_WRITE
                store = StateStore(path, clock=clock)  # the process died: a new one
                assert store.load() == []
            elif name == "other":
                other = StateStore(path, clock=clock)
                other.load()
                new = other.toggle_starred(op[1])
                model.set(op[1], "starred", new, clock.last)
                store.refresh()
            elif name == "refresh":
                assert store.refresh() == []
            assert store.save_error is None
            if follower.store is not store:
                follower = ReadFollower(store)
            follower.check()
            expected = model.expected()
            assert store.marks() == expected
            for article_id in model.marks:
                assert store.is_read(article_id) == expected.get(article_id, Mark()).read
                assert store.is_starred(article_id) == expected.get(article_id, Mark()).starred
        fresh = StateStore(path, clock=clock)
        assert fresh.load() == []
        assert fresh.marks() == model.expected()
        assert set(os.listdir(folder)) <= {
            "state.json",
            "state.json.lock",
            "state.json.journal",
        }, "no temp files"


JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=5),
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)
ENTRY = st.one_of(
    st.dictionaries(
        st.sampled_from(
            ["read", "read_at", "starred", "starred_at", "read_changed_at", "starred_changed_at"]
        )
        | st.text(max_size=3),
        st.one_of(st.booleans(), st.floats(), st.integers(), JSON_VALUES),
        max_size=5,
    ),
    JSON_VALUES,
)
STATE_LIKE = st.one_of(
    st.fixed_dictionaries(
        {
            "schema": st.one_of(st.integers(-1, 3), JSON_SCALARS),
            "articles": st.one_of(st.dictionaries(st.text(max_size=4), ENTRY), JSON_VALUES),
        },
        optional={"other": JSON_VALUES},
    ),
    st.fixed_dictionaries(  # schema 3: columns of id, time pairs
        {"schema": st.just(3)},
        optional={
            name: st.one_of(
                st.lists(st.one_of(st.sampled_from(["a", "b"]), JSON_SCALARS), max_size=6),
                JSON_VALUES,
            )
            for name in state_mod._SECTIONS[:-1]
        }
        | {"other": st.one_of(st.dictionaries(st.text(max_size=4), ENTRY), JSON_VALUES)},
    ),
    st.fixed_dictionaries(
        {},
        optional={
            "read": st.one_of(st.lists(st.one_of(st.text(max_size=3), JSON_SCALARS)), JSON_VALUES),
            "starred": st.lists(st.text(max_size=3)),
        },
    ),
    JSON_VALUES,
)


def _as_bytes(value: Any, cut: int | None) -> bytes:
    raw = json.dumps(value).encode("utf-8", "surrogatepass")
    return raw if cut is None else raw[:cut]


FILE_BYTES = st.one_of(
    st.binary(max_size=300),
    st.builds(_as_bytes, STATE_LIKE, st.none() | st.integers(min_value=0, max_value=200)),
)


@settings(max_examples=300, deadline=None)
@given(raw=FILE_BYTES)
def test_no_file_content_makes_load_raise_or_lose_data(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "state.json"
        path.write_bytes(raw)
        store = StateStore(path, home=path)  # ours whatever it holds, as the default file
        messages = store.load()
        assert all(isinstance(m, str) and m for m in messages)
        store.marks()
        store.set_read("probe", True)
        store.toggle_starred("probe")
        store.set_read_many(["probe", "other"], False)
        assert store.is_starred("probe")
        if store.read_only_reason is not None:
            assert path.read_bytes() == raw, "a newer schema is never written"
            return
        assert store.save_error is None
        again = StateStore(path, home=path)
        assert again.load() == []
        assert again.is_starred("probe")
        if messages:
            # Whatever was wrong, the original bytes still exist somewhere.
            kept = [p.read_bytes() for p in Path(folder).glob("state.json.corrupt-*")]
            assert raw in kept


TIME = st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers(-(2**40), 2**40))
CLEAN_ENTRY = st.dictionaries(
    st.sampled_from(["read_at", "starred_at", "read_changed_at", "starred_changed_at"]),
    TIME,
).flatmap(
    lambda times: st.fixed_dictionaries(
        {},
        optional={
            "read": st.booleans(),
            "starred": st.booleans(),
            "note": st.lists(st.integers(-5, 5), max_size=2),
            "x": st.text(max_size=3),
        },
    ).map(lambda rest: {**times, **rest})
)


@settings(max_examples=200, deadline=None)
@given(
    entries=st.dictionaries(st.text(max_size=4), CLEAN_ENTRY.filter(bool), max_size=8),
    changes=st.lists(st.tuples(st.text(max_size=4), CLEAN_ENTRY), max_size=6),
)
def test_the_columns_hold_any_entry_and_round_trip_through_the_snapshot(
    entries: dict[str, dict[str, Any]], changes: list[tuple[str, dict[str, Any]]]
) -> None:
    """`Articles` is a mapping of id to entry like a dict, whatever keys an entry has;
    its snapshot columns read back as the same entries."""
    model = {k: state_mod._clean_entry(v) for k, v in entries.items()}
    articles = state_mod.Articles()
    for article_id, entry in model.items():
        articles[article_id] = entry  # type: ignore[assignment]
    for article_id, entry in changes:
        clean = state_mod._clean_entry(entry)
        assert clean is not None
        if clean:
            model[article_id] = clean
            articles[article_id] = clean
        elif article_id in model:
            del model[article_id]
            del articles[article_id]
    assert dict(articles.items()) == model
    assert len(articles) == len(model) and bool(articles) == bool(model)
    assert articles.ids_with("read") == {k for k, e in model.items() if e.get("read")}
    raw = json.dumps(articles.to_file())
    again, dropped = state_mod.Articles.from_file(json.loads(raw))
    assert dropped == [] and dict(again.items()) == model
    migrated, dropped = state_mod.Articles.from_file({"other": model})  # as from schema 2
    assert dropped == [] and dict(migrated.items()) == model


@settings(max_examples=150, deadline=None)
@given(
    read=st.lists(st.tuples(st.sampled_from("abcdef"), TIME), max_size=8),
    unread=st.lists(st.tuples(st.sampled_from("abcdef"), TIME), max_size=3),
    changes=st.lists(
        st.tuples(
            st.sampled_from("az"),
            st.fixed_dictionaries({"read": st.booleans(), "read_at": TIME}) | st.just({"x": 1}),
        ),
        max_size=3,
    ),
    looks=st.lists(
        st.tuples(st.sampled_from(["get", "prefetch", "del"]), st.sampled_from("abcz")),
        max_size=6,
    ),
)
def test_lazily_built_columns_answer_as_built_ones(
    read: list[tuple[str, float]],
    unread: list[tuple[str, float]],
    changes: list[tuple[str, dict[str, Any]]],
    looks: list[tuple[str, str]],
) -> None:
    """A large set-flag column is kept as lists with a set of its ids until the whole
    map is asked for (`_LAZY_FROM` forced to 0 here): before and after, it answers as
    the column built at once, hand-edited overlaps of set and cleared included; single
    lookups, stores and removals build nothing."""
    data = {
        "read": [x for pair in read for x in pair],
        "unread": [x for pair in unread for x in pair],
    }
    built, _ = state_mod.Articles.from_file(data)
    saved = state_mod._LAZY_FROM
    state_mod._LAZY_FROM = 0
    try:
        lazy, _ = state_mod.Articles.from_file(data)
    finally:
        state_mod._LAZY_FROM = saved
    was_lazy = lazy._lazy_ids is not None  # not when an id repeats, or is also cleared
    assert lazy.ids_with("read") == built.ids_with("read")
    assert all(lazy.has(k, "read") == built.has(k, "read") for k in "abcdef")
    for article_id, entry in changes:  # stored while lazy: nothing is built
        lazy[article_id] = built[article_id] = entry
        assert lazy.ids_with("read") == built.ids_with("read")
        assert all(lazy.has(k, "read") == built.has(k, "read") for k in "abcdefz")
    for kind, article_id in looks:  # looked up, fetched, removed while lazy
        if kind == "get":
            assert lazy.get(article_id) == built.get(article_id)
        elif kind == "prefetch":
            lazy.prefetch([article_id, "z"])
        elif kind == "del" and article_id in built:
            del lazy[article_id], built[article_id]
        assert (article_id in lazy) == (article_id in built)
        assert bool(lazy) == bool(built)
        assert lazy.ids_with("read") == built.ids_with("read")
    if all(kind != "prefetch" for kind, _ in looks):  # many of a small column: built
        assert (lazy._lazy_ids is not None) == was_lazy, "single lookups build no map"
    assert dict(lazy.items()) == dict(built.items())
    assert lazy._lazy_ids is None and lazy.ids_with("read") == built.ids_with("read")


@settings(max_examples=200, deadline=None)
@given(
    ours=st.dictionaries(st.sampled_from("abcd"), CLEAN_ENTRY.filter(bool), max_size=4),
    theirs=st.dictionaries(st.sampled_from("abcd"), CLEAN_ENTRY.filter(bool), max_size=4),
)
def test_merging_only_the_differing_ids_equals_merging_all(
    ours: dict[str, dict[str, Any]], theirs: dict[str, dict[str, Any]]
) -> None:
    """A snapshot merged in (another reader's compaction) changes the same articles as
    the entry-by-entry merge, though only the ids whose columns differ are looked at."""
    clean_ours = {k: state_mod._clean_entry(v) for k, v in ours.items()}
    clean_theirs = {k: state_mod._clean_entry(v) for k, v in theirs.items()}
    expected = dict(clean_ours)
    for article_id, entry in clean_theirs.items():
        mine = expected.get(article_id)
        if mine is None:
            expected[article_id] = entry  # type: ignore[assignment]
        elif mine != entry:
            expected[article_id] = state_mod._merge_entry(mine, entry)  # type: ignore[arg-type]
    mine_cols, theirs_cols = state_mod.Articles(), state_mod.Articles()
    for article_id, entry in clean_ours.items():
        mine_cols[article_id] = entry  # type: ignore[assignment]
    for article_id, entry in clean_theirs.items():
        theirs_cols[article_id] = entry  # type: ignore[assignment]
    state_mod._merge_articles(mine_cols, theirs_cols)
    # an entry left with no marks at all ({"note": []} cleaned) is not kept in columns
    assert dict(mine_cols.items()) == {k: v for k, v in expected.items() if v}
