"""The library session (cache -> scan -> changes -> cache) and the watcher."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import json
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core import session as session_module
from reader.core import watch as watch_module
from reader.core.cache import load_cache
from reader.core.library import Library
from reader.core.models import ORDER, ORDER_KEY, Article, insert_sorted, merge_sorted
from reader.core.session import LibrarySession, collector_paused, hold_collector, release_collector
from reader.core.watch import LibraryWatcher
from tests.conftest import SEED_LIKE_PAGE


def _write(path: Path, title: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SEED_LIKE_PAGE.replace("Harbour council approves", title, 1), "utf-8")
    return path


@pytest.fixture
def library(tmp_path: Path) -> Path:
    for n in range(3):
        _write(tmp_path / "lib" / "harbour" / f"a{n}.txt", f"Story {n}")
    return tmp_path / "lib"


def test_a_first_scan_is_cached_and_a_second_session_starts_from_it(library: Path) -> None:
    first = LibrarySession([library])
    assert first.load_cached() == []
    first.scan()
    assert len(first.articles) == 3 and first.scanned
    assert first.save()
    assert not first.save()  # nothing changed since: no rewrite

    second = LibrarySession([library])
    cached = second.load_cached()
    assert [a.path for a in cached] == [a.path for a in first.articles]
    second.scan()
    assert not second.save()  # the disk matches the cache


def test_a_preloaded_cache_gives_the_same_rows_once_read(library: Path) -> None:
    """`preload` reads the cache in a thread (the app starts it before importing its UI);
    `load_cached` waits for that read and adopts its rows, the same a direct read gives."""
    first = LibrarySession([library])
    first.preload()  # no cache yet: an empty read
    assert first.load_cached() == [] and first.preloaded()
    first.scan()
    first.save()

    direct = LibrarySession([library]).load_cached()
    second = LibrarySession([library])
    second.preload()
    rows = second.load_cached()
    assert second.preloaded()
    assert [(a.key, a.id, a.title, a.date, a.mtime) for a in rows] == [
        (a.key, a.id, a.title, a.date, a.mtime) for a in direct
    ]
    assert second.articles is rows and len(rows) == 3
    second.preload()  # the cache was taken: nothing is read again
    assert second.preloaded()
    second.scan()
    assert not second.save()  # the disk matches the preloaded rows


def test_a_large_cache_shows_its_head_and_is_decoded_after_the_first_frame(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above `EAGER_ROWS` the whole decode waits for the UI's first frame (it would hold
    the interpreter that frame needs); its first rows are there meanwhile."""
    first = LibrarySession([library])
    first.scan()
    first.save()
    monkeypatch.setattr(session_module, "EAGER_ROWS", 2)
    monkeypatch.setattr(session_module, "HEAD_ROWS", 2)
    session = LibrarySession([library])
    session.preload()
    for _ in range(500):
        if session.head()[0]:
            break
        threading.Event().wait(0.01)
    head, total = session.head()
    assert [a.path for a in head] == [a.path for a in first.articles[:2]] and total == 3
    threading.Event().wait(0.1)
    assert not session.preloaded()  # waiting for the frame
    session.first_frame()
    assert len(session.load_cached()) == 3
    assert session.head() == ([], 0)  # taken with the whole rows


def test_rows_that_changed_are_saved_again(library: Path) -> None:
    session = LibrarySession([library])
    session.scan()
    session.save()
    _write(library / "harbour" / "new.txt", "A new story")
    session.scan()
    assert session.save()
    assert len(load_cache(session.cache_file)) == 4


def test_the_session_knows_the_generation_of_the_cache_holding_its_rows(library: Path) -> None:
    """What the app hands the indexer child: the generation of the cache file that holds
    its checked rows, kept while they are unchanged, a new one when they are saved."""
    first = LibrarySession([library])
    first.scan()
    assert first.generation is None
    assert first.save() and first.generation is not None
    second = LibrarySession([library])
    second.load_cached()
    assert second.generation == first.generation
    second.scan()
    assert not second.save() and second.generation == first.generation
    _write(library / "harbour" / "new.txt", "A new story")
    second.scan()
    assert second.save() and second.generation not in (None, first.generation)


def test_a_cache_without_a_generation_is_written_once_more(library: Path) -> None:
    """A cache written before generations: the rows are unchanged, but the child could
    not know them from it, so the first save after its check writes them again."""
    first = LibrarySession([library])
    first.scan()
    first.save()
    head, body = first.cache_file.read_bytes().split(b"\n", 1)
    header = json.loads(head)
    del header["generation"]
    first.cache_file.write_bytes(json.dumps(header).encode().ljust(len(head)) + b"\n" + body)
    second = LibrarySession([library])
    second.load_cached()
    second.scan()
    assert second.generation is None
    assert second.save() and second.generation is not None
    assert not second.save()


def test_apply_adds_changed_files_and_drops_removed_folders(library: Path) -> None:
    session = LibrarySession([library])
    session.scan()
    new = _write(library / "courier" / "b.txt", "Courier story")
    touched = {str(new)}
    rows = session.apply(touched, session.reread(touched))
    assert rows is not None and len(rows) == 4 and session.articles is rows
    assert session.apply({str(library / "nowhere.txt")}, {}) is None  # nothing changed
    for path in (library / "harbour").iterdir():
        path.unlink()
    (library / "harbour").rmdir()
    rows = session.apply({str(library / "harbour")}, {})
    assert rows is not None and [a.feed for a in rows] == ["courier"]


def test_a_session_keeps_no_sort_keys(library: Path) -> None:
    """A kept sort key costs about 200 bytes a row (0.2 GB at a million rows): neither a
    first scan (whose rows came with their keys) nor the check of cached rows, which
    sorts them all, leaves one behind, nor does asking a row for its `order`."""
    first = LibrarySession([library])
    first.scan()
    first.save()
    second = LibrarySession([library])
    second.load_cached()
    second.scan()
    for session in (first, second):
        assert session.articles and all(a._order is None for a in session.articles)
    article = second.articles[0]
    assert article.order == article.order and article._order is None


def test_a_scan_hands_on_its_complete_rows_before_their_sort_keys_go(library: Path) -> None:
    """The app shows the complete list (`on_complete`) before the pass over every row
    that lets their sort keys go: that pass only frees memory."""
    session = LibrarySession([library])
    seen: list[tuple[bool, list[bool]]] = []

    def complete(found: Library) -> None:
        keys = [a._order is not None for a in found.articles]
        seen.append((session.articles is found.articles and session.scanned, keys))

    found = session.scan(on_complete=complete)
    assert seen == [(True, [True, True, True])]
    assert all(a._order is None for a in found.articles)
    session.scan(on_complete=complete)  # a check of known rows: complete as well
    assert len(seen) == 2


def test_apply_puts_a_changed_file_in_its_place(library: Path) -> None:
    session = LibrarySession([library])
    session.scan()
    changed = _write(library / "harbour" / "a1.txt", "Another title")
    new = _write(library / "courier" / "b.txt", "Courier story")
    touched = {str(changed), str(new)}
    rows = session.apply(touched, session.reread(touched))
    assert rows is not None and len(rows) == 4
    rescanned = LibrarySession([library])
    rescanned.scan()
    assert rows == rescanned.articles  # the rows a scan gives, in its order


_stories = st.lists(
    st.tuples(
        st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2020, 1, 5)),
        st.sampled_from(["Gale", "gale", "Storm", "Ä"]),
        st.floats(0, 10, allow_nan=False),
        st.booleans(),  # a row already listed (else one that arrives)
    ),
    max_size=30,
)


@given(_stories)
def test_inserting_rows_in_their_places_is_sorting_them_all(
    stories: list[tuple[dt.date | None, str, float, bool]],
) -> None:
    articles = [
        (Article(f"id{n}", f"/lib/f/{n}.txt", "f", title, date, mtime), listed)
        for n, (date, title, mtime, listed) in enumerate(stories)
    ]
    listed = sorted((a for a, old in articles if old), key=ORDER)
    new = [a for a, old in articles if not old]
    assert insert_sorted(listed, new) == sorted(listed + new, key=ORDER)


@given(_stories)
def test_merging_a_sorted_list_s_new_rows_is_sorting_them_all(
    stories: list[tuple[dt.date | None, str, float, bool]],
) -> None:
    """`merge_sorted`: the first rows sorted (a scan's list as last sorted), the rest
    as they came; equal keys (the same row twice) keep a stable sort's order."""
    articles = []
    for n, (date, title, mtime, _) in enumerate(stories):
        article = Article(f"id{n}", f"/lib/f/{n % 4}.txt", "f", title, date, mtime)
        article._order = article.order  # as `from_row_columns` sets it
        articles.append(article)
    twins = [dataclasses.replace(a, id=a.id + "'") for a in articles[::3]]  # equal keys
    for twin in twins:
        twin._order = twin.order
    for start in {0, len(articles) // 2, len(articles)}:
        rows = sorted(articles[:start], key=ORDER_KEY) + articles[start:] + twins
        merged = merge_sorted(rows, start)
        assert merged == sorted(rows, key=ORDER_KEY)
        assert [a.id for a in merged] == [a.id for a in sorted(rows, key=ORDER_KEY)]


def test_a_watcher_that_cannot_watch_polls(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """watchfiles refusing a folder (an undecodable name raises RuntimeError) must not
    end live updates: the stat-only rescan takes over."""
    import watchfiles

    def broken_watch(*args: object, **kwargs: object) -> object:
        raise RuntimeError("cannot watch this folder")
        yield  # pragma: no cover - makes this a generator like watchfiles.watch

    monkeypatch.setattr(watchfiles, "watch", broken_watch)
    monkeypatch.setattr(watch_module, "POLL_EVERY", 0.05)
    session = LibrarySession([library])
    library_scan = session.scan()
    found = threading.Event()
    seen: list[list[Article]] = []

    def rescanned(rows: list[Article]) -> bool:
        seen.append(rows)
        found.set()
        return False  # nobody listens any more: the watcher stops

    said: list[str] = []
    watcher = LibraryWatcher(session, lambda touched, fresh: True, rescanned, said.append)
    watcher.start(library_scan.folders)
    _write(library / "harbour" / "late.txt", "A late story")
    try:
        assert found.wait(10)
    finally:
        watcher.stop()
    assert watcher.polling
    assert len(seen[0]) == 4
    assert said == ["RuntimeError: cannot watch this folder"], "said once, with the reason"


def test_the_collector_runs_again_only_after_the_last_hold() -> None:
    """The app's start, the cache read and the scan each pause the garbage collector;
    their pauses overlap, and it resumes when the last one ends."""
    assert gc.isenabled()
    hold_collector()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the start's hold is still in force
    release_collector()
    assert gc.isenabled()
