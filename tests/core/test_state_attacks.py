"""The outside red-team's findings against the state file (issue 14), one test each,
and the rules that answer them: read-only commands change nothing on disk, nothing
that is not a regular file is read, a file that is not ours is never moved or
written, a file corrupted while we run is kept and our marks written back, and a
held lock is said at once instead of a silent wait. Every test here failed on the
code before the journal."""

from __future__ import annotations

import fcntl
import json
import os
import threading
from pathlib import Path
from types import ModuleType

import pytest

from reader.cli import main
from reader.core import state as state_mod
from reader.core.paths import default_state_path
from reader.core.state import StateStore

from .legacy import state_schema1 as legacy
from .legacy import state_schema2 as legacy2


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def finishes(call: object, timeout: float = 20.0) -> bool:
    """Runs `call` in a thread: False if it is still running after `timeout` (a hang)."""
    thread = threading.Thread(target=call, daemon=True)  # type: ignore[arg-type]
    thread.start()
    thread.join(timeout)
    return not thread.is_alive()


# -- 1. a non-JSON file at the state path: never moved by a read-only command, and
#       never moved or written at all when it is not ours


def test_reader_list_never_moves_a_symlinked_system_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    system = tmp_path / "etc" / "passwd"
    system.parent.mkdir()
    system.write_text("root:x:0:0:root:/root:/bin/bash\n")
    state = default_state_path()
    state.parent.mkdir(parents=True)
    state.symlink_to(system)
    before = listing(state.parent)
    assert main(["list", str(tmp_path / "etc")]) == 0
    assert system.read_text() == "root:x:0:0:root:/root:/bin/bash\n"
    assert state.is_symlink() and listing(state.parent) == before
    # A writer (the app) does not write through it either.
    store = StateStore(state)
    assert store.load() and store.read_only_reason is not None
    store.set_starred("a", True)
    assert store.is_starred("a"), "kept in memory"
    assert system.read_text() == "root:x:0:0:root:/root:/bin/bash\n"
    assert listing(state.parent) == before and listing(system.parent) == {
        "passwd": system.read_bytes()
    }


def test_the_users_notes_given_as_state_are_never_moved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("buy milk\n")
    library = tmp_path / "lib"
    library.mkdir()
    assert main(["list", str(library), "--state", str(notes)]) == 0
    err = capsys.readouterr().err
    assert "not a reader state file" in err and len(err.strip().splitlines()) == 1
    assert listing(tmp_path) == {"notes.txt": b"buy milk\n"}
    store = StateStore(notes)
    store.load()
    store.set_read("a", True)
    store.retry()
    assert listing(tmp_path) == {"notes.txt": b"buy milk\n"}, "no lock, no journal, no copy"


def test_read_only_commands_leave_a_corrupt_own_file_where_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    state = default_state_path()
    state.parent.mkdir(parents=True)
    state.write_bytes(b"{not json")
    library = tmp_path / "lib"
    library.mkdir()
    for args in (["list", str(library)], ["state", "export", str(tmp_path / "out.json")]):
        assert main(args) == 0
        assert listing(state.parent) == {"state.json": b"{not json"}, args
    assert "could not be read" in capsys.readouterr().err
    # A command that writes moves our own corrupt file aside, as before.
    store = StateStore(state)
    assert "moved to" in store.load()[0]
    assert [p.read_bytes() for p in state.parent.glob("state.json.corrupt-*")] == [b"{not json"]


def test_read_only_commands_create_nothing(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    library.mkdir()
    assert main(["list", str(library)]) == 0
    assert not default_state_path().parent.exists()


def test_a_json_file_with_our_schema_key_is_ours_anywhere(tmp_path: Path) -> None:
    path = tmp_path / "marks.json"
    path.write_text('{"schema": 1, "articles": []}')  # ours, but broken: moved aside
    store = StateStore(path)
    assert "moved to" in store.load()[0]
    store.set_read("a", True)
    assert store.save_error is None and StateStore(path).load() == []


def test_a_dangling_symlink_is_not_followed_to_create_a_file(tmp_path: Path) -> None:
    link = tmp_path / "state.json"
    link.symlink_to(tmp_path / "elsewhere" / "victim")
    (tmp_path / "elsewhere").mkdir()
    store = StateStore(link)
    assert "does not exist" in store.load()[0]
    store.set_read("a", True)
    assert not (tmp_path / "elsewhere" / "victim").exists()


# -- 2. and 3. devices and FIFOs are refused without reading; reads are capped


def test_a_device_is_refused_without_reading_it() -> None:
    store = StateStore("/dev/zero")
    messages = store.load()
    assert len(messages) == 1 and "character device" in messages[0]
    store.set_read("a", True)
    assert store.is_read("a") and store.save_error is None


def test_a_fifo_never_hangs_load_refresh_or_a_save(tmp_path: Path) -> None:
    fifo = tmp_path / "state.json"
    os.mkfifo(fifo)
    store = StateStore(fifo)
    assert finishes(lambda: store.load())
    assert store.read_only_reason is not None and "FIFO" in store.read_only_reason
    assert finishes(lambda: (store.set_read("a", True), store.refresh()))


def test_a_fifo_swapped_in_while_we_run_never_hangs(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    store = StateStore(path, home=path)
    store.load()
    store.set_read("a", True)
    path.unlink()
    os.mkfifo(path)
    notices: list[str] = []
    assert finishes(lambda: notices.extend(store.refresh()))
    assert finishes(lambda: store.set_read("b", True))
    assert "FIFO" in " ".join(notices) and store.is_read("b")


def test_a_fifo_as_the_state_of_reader_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    library = tmp_path / "lib"
    library.mkdir()
    assert finishes(lambda: main(["list", str(library), "--state", str(fifo)]))
    assert "FIFO" in capsys.readouterr().err


def test_reads_are_size_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    path = default_state_path()
    path.parent.mkdir(parents=True)
    raw = json.dumps({"schema": 1, "articles": {f"a{i}": {"read": True} for i in range(50)}})
    path.write_text(raw)
    monkeypatch.setattr(state_mod, "MAX_FILE_BYTES", 100)
    store = StateStore(path, writable=False)
    assert "larger than" in store.load()[0]
    assert path.read_text() == raw


# -- 4. a file corrupted by another program while we run: kept, marks written back


def test_a_file_corrupted_while_we_run_is_kept_and_our_marks_written_back() -> None:
    path = default_state_path()
    store = StateStore(path)
    store.load()
    store.set_read("a", True)
    store.set_starred("b", True)
    path.write_bytes(b"\x00 scribbled over by another program")
    notices = store.refresh()
    assert len(notices) == 1 and "written back" in notices[0]
    [kept] = path.parent.glob("state.json.corrupt-*")
    assert kept.read_bytes() == b"\x00 scribbled over by another program"
    fresh = StateStore(path)
    assert fresh.load() == []
    assert fresh.is_read("a") and fresh.is_starred("b"), "written back without a new mark"


# -- 6. a held lock: load does not wait, a save says so at once


def test_load_does_not_wait_for_a_held_lock() -> None:
    path = default_state_path()
    StateStore(path).set_read("a", True)
    fd = os.open(path.with_name("state.json.lock"), os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        store = StateStore(path, lock_timeout=60)
        waited: list[str] = []
        store.on_wait = waited.append
        assert finishes(lambda: store.load(), timeout=30)
        assert store.is_read("a") and waited == []
    finally:
        os.close(fd)


def test_a_save_waiting_for_a_held_lock_says_so() -> None:
    path = default_state_path()
    store = StateStore(path, lock_timeout=1.5)
    store.load()
    store.set_read("a", True)
    waited: list[str] = []
    store.on_wait = waited.append
    fd = os.open(store.lock_path, os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        store.set_read("b", True)
    finally:
        os.close(fd)
    assert len(waited) == 1 and "Waiting for another reader" in waited[0]
    assert store.save_error is not None
    assert store.retry() and StateStore(path).load() == []


# -- migration, both ways


@pytest.mark.parametrize("old_reader", [legacy, legacy2], ids=["schema 1", "schema 2"])
def test_an_older_reader_gets_newer_schema_never_a_reset(old_reader: ModuleType) -> None:
    path = default_state_path()
    store = StateStore(path)
    store.load()
    store.set_read("a", True)
    store.compact()
    store.set_starred("b", True)  # in the journal only
    before = listing(path.parent)
    old = old_reader.StateStore(path)
    messages = old.load()
    assert old.read_only_reason is not None and "newer version" in old.read_only_reason
    assert "schema 3" in old.read_only_reason
    assert messages == [old.read_only_reason]
    old.set_read("c", True)
    old.toggle_starred("a")
    assert old.is_read("c"), "its changes stay in its memory"
    assert listing(path.parent) == before, "never written"
    assert not list(path.parent.glob("*.corrupt-*"))
    fresh = StateStore(path)
    assert fresh.load() == [] and fresh.is_read("a") and fresh.is_starred("b")


@pytest.mark.parametrize("old_reader", [legacy, legacy2], ids=["schema 1", "schema 2"])
def test_an_older_schema_file_is_read_and_upgraded_on_the_first_write(
    old_reader: ModuleType,
) -> None:
    path = default_state_path()
    old = old_reader.StateStore(path)
    old.load()
    old.set_read("a", True)
    old.set_starred("b", True)
    old.set_read("b", True)
    store = StateStore(path)
    assert store.load() == []
    assert store.is_read("a") and store.is_starred("b") and store.is_read("b")
    mine = {k: (m.read, m.read_at, m.starred, m.starred_at) for k, m in store.marks().items()}
    theirs = {k: (m.read, m.read_at, m.starred, m.starred_at) for k, m in old.marks().items()}
    assert mine == theirs
    store.set_read("c", True)
    data = json.loads(path.read_bytes())
    assert data["schema"] == 3 and "articles" not in data
    assert data["read"][0::2] == ["a", "b", "c"] and data["starred"][0::2] == ["b"]
    journal = path.with_name("state.json.journal").read_bytes()
    assert journal == b'{"schema":3,"journal":%d}\n' % data["journal"]


def test_a_journal_we_cannot_read_is_kept_aside_not_replaced() -> None:
    path = default_state_path()
    store = StateStore(path)
    store.load()
    store.set_read("a", True)
    journal = path.with_name("state.json.journal")
    scribbled = b'garbage header\n{"id":"b","starred":true,"starred_at":5.0}\n'
    journal.write_bytes(scribbled)
    again = StateStore(path)
    again.load()
    again.set_read("c", True)
    assert again.save_error is None
    [kept] = path.parent.glob("state.json.journal.corrupt-*")
    assert kept.read_bytes() == scribbled
    fresh = StateStore(path)
    assert fresh.load() == []
    assert fresh.is_read("a") and fresh.is_read("c")
