"""The fetch state file: whatever it holds, loading gives a usable state or a clear refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.fetch.store import (
    SCHEMA,
    FeedMemory,
    FetchState,
    FetchStateError,
    fetch_lock,
    load_state,
    save_state,
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values)
def test_any_feed_entry_loads_as_a_memory(value: object) -> None:
    memory = FeedMemory.from_json(value)
    assert isinstance(memory.seen, dict)
    assert all(isinstance(v, list) for v in memory.seen.values())
    json.dumps(memory.to_json())  # and can be written back


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=50)
@given(st.dictionaries(st.text(min_size=1, max_size=10), json_values, max_size=4))
def test_any_schema_1_file_loads_and_round_trips(tmp_path: Path, feeds: dict[str, object]) -> None:
    path = tmp_path / "fetch.json"
    path.write_text(json.dumps({"schema": 1, "feeds": feeds}))
    state = load_state(path)
    save_state(path, state)
    again = load_state(path)
    assert {k: v.to_json() for k, v in again.feeds.items()} == {
        k: v.to_json() for k, v in state.feeds.items()
    }


def test_a_stored_schema_1_file(tmp_path: Path) -> None:
    """A file as schema 1 writes it keeps everything (the test a later migration extends)."""
    path = tmp_path / "fetch.json"
    path.write_text(
        '{"schema": 1, "feeds": {"Harbour": {"url": "https://h.example/f", "etag": "\\"v1\\"",'
        ' "last_modified": "Mon, 03 Feb 2025 10:00:00 GMT", "last_fetch": 1738576800.0,'
        ' "result": "fetched", "gone": false,'
        ' "seen": {"0123456789abcdef": ["2025-02-03-storm.md", "2025-02-03"]}}}}'
    )
    memory = load_state(path).feeds["Harbour"]
    assert memory.etag == '"v1"' and memory.result == "fetched" and not memory.gone
    assert memory.seen == {"0123456789abcdef": ["2025-02-03-storm.md", "2025-02-03"]}
    assert json.loads(FetchState({"Harbour": memory}).to_bytes())["schema"] == SCHEMA


def test_old_entries_are_forgotten_after_a_while() -> None:
    import datetime as dt

    memory = FeedMemory(seen={"a": ["a.md", "2020-01-01"], "b": ["b.md", "2025-01-01"]})
    memory.forget_old(dt.date(2025, 6, 1))
    assert list(memory.seen) == ["b"]


def test_one_fetch_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "fetch.json"
    with fetch_lock(path), pytest.raises(FetchStateError, match="another fetch"), fetch_lock(path):
        pass
    with fetch_lock(path):  # free again
        pass
