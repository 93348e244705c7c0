"""Full-text index: query constructs, incremental updates, rebuilds, hostile input."""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import pickle
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from itertools import compress
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core import search
from reader.core.config import Config
from reader.core.formats import read_page
from reader.core.library import scan
from reader.core.models import Article, Rules
from reader.core.query import QueryError, matches_metadata, parse_query
from reader.core.reading import EVIDENCE_SAMPLE, EvidenceCache, ReadingService, open_article
from reader.core.search import (
    SCHEMA_VERSION,
    SearchIndex,
    _ListOrder,
    _rowid_chunks,
    _rowid_column,
    index_library,
)
from tests.conftest import SEED_LIKE_PAGE

FILLER = (
    "The statement was read aloud in the chamber on a grey morning, and the members "
    "listened in silence before the debate moved on to other business of the day."
)


def page(date: str | None, title: str, *sentences: str) -> str:
    """A page whose paragraphs are long enough for the cleaner to keep as body."""
    header = f"date {date} {title}" if date else title
    paragraphs = [f"{s} {FILLER}" for s in sentences] or [FILLER]
    return header + "\n\n" + "\n\n".join(paragraphs) + "\n"


PAGES = {
    "harbour/ferry.txt": page(
        "2025-03-14",
        "Council approves new ferry timetable",
        "The harbour council approved a new ferry timetable with late crossings.",
    ),
    "harbour/election.txt": page(
        "2025-02-01",
        "Élection du conseil portuaire",
        "Les électeurs de la Straße du port ont voté pour un nouveau conseil.",
    ),
    "harbour/undated.txt": page(
        None, "Lighthouse keeper retires", "The lighthouse keeper retires after forty years."
    ),
    "Tech Ledger/chips.txt": page(
        "2025-03-01",
        "Chip makers expand",
        "Chip makers announced new factories; the timetable for the ferry of parts slipped.",
    ),
    "Tech Ledger/sport.txt": page(
        "2025-01-10", "Rowing club wins title", "The rowing club won the regional title again."
    ),
}


# 2025-02-15: a file time between the chips and election pages, yet the undated page
# sorts after every dated one.
UNDATED_MTIME = 1_739_620_800
# Newest first, as the article list shows them.
ORDER = ["ferry", "chips", "election", "sport", "undated"]


def write_library(root: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def library(tmp_path: Path) -> list[Article]:
    root = write_library(tmp_path / "lib", PAGES)
    os.utime(root / "harbour" / "undated.txt", (UNDATED_MTIME, UNDATED_MTIME))
    return scan([root]).articles


@pytest.fixture
def index(tmp_path: Path, library: list[Article]) -> Iterator[SearchIndex]:
    db = tmp_path / "cache" / "search.sqlite"
    assert index_library(db, library) == len(PAGES)
    with SearchIndex(db) as opened:
        yield opened


def names(index: SearchIndex, text: str, limit: int | None = None) -> list[str]:
    return [Path(p).stem for p in index.search(parse_query(text), limit)]


# -- constructs ------------------------------------------------------------------------


def test_all_words_must_match_in_title_or_body(index: SearchIndex) -> None:
    assert names(index, "ferry timetable") == ["ferry", "chips"]
    assert names(index, "ferry council") == ["ferry"]
    assert names(index, "lighthouse Rowing") == []


def test_words_match_by_prefix_and_fold_case_and_accents(index: SearchIndex) -> None:
    assert names(index, "light") == ["undated"]
    assert names(index, "elect") == ["election"]
    assert names(index, "ELECTEURS strasse") == ["election"]


def test_phrase_needs_the_words_in_order(index: SearchIndex) -> None:
    assert names(index, '"ferry timetable"') == ["ferry"]
    assert names(index, '"timetable for the ferry"') == ["chips"]
    assert names(index, '"timetable ferry"') == []


def test_exclusions(index: SearchIndex) -> None:
    assert names(index, "ferry -chip") == ["ferry"]
    assert names(index, 'timetable -"new ferry"') == ["chips"]
    assert names(index, "-ferry -lighthouse") == ["election", "sport"]


def test_feed_filter_is_case_insensitive_and_any_of(index: SearchIndex) -> None:
    assert names(index, "feed:HARBOUR") == ["ferry", "election", "undated"]
    assert names(index, 'feed:"tech ledger" feed:nowhere') == ["chips", "sport"]
    assert names(index, "ferry -feed:harbour") == ["chips"]
    assert names(index, "feed:nowhere") == []


def test_feed_filter_matches_a_prefix_of_the_name(index: SearchIndex) -> None:
    assert names(index, "feed:harb") == ["ferry", "election", "undated"]
    assert names(index, "feed:TECH") == ["chips", "sport"]
    assert names(index, 'feed:"tech l"') == ["chips", "sport"]
    assert names(index, "feed:t feed:harbour") == ORDER
    assert names(index, "feed:arbour") == []  # a prefix, not a substring
    assert names(index, "feed:harbours") == []
    assert names(index, "-feed:h") == ["chips", "sport"]
    assert names(index, "chip -feed:te") == []


@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.text(alphabet="harbouteclgdHT ", min_size=1, max_size=9), max_size=3), st.booleans()
)
def test_feed_filter_agrees_with_matches_metadata(
    index: SearchIndex, library: list[Article], names_: list[str], negated: bool
) -> None:
    """The index and `matches_metadata` (the list while there is no index) agree."""
    terms = " ".join(f'{"-" if negated else ""}feed:"{name}"' for name in names_)
    query = parse_query(terms)
    expected = [
        str(a.path) for a in library if matches_metadata(query, a, read=False, starred=False)
    ]
    assert index.search(query) == expected


def test_date_bounds_are_exclusive_and_skip_undated(index: SearchIndex) -> None:
    assert names(index, "after:2025-02-01") == ["ferry", "chips"]
    assert names(index, "before:2025-02-01") == ["sport"]
    assert names(index, "after:2025-01-10 before:2025-03-14") == ["chips", "election"]


def test_combination(index: SearchIndex) -> None:
    query = 'feed:harbour "ferry timetable" council -lighthouse after:2025-03-01'
    assert names(index, query) == ["ferry"]
    assert names(index, query.replace("after:2025-03-01", "before:2025-03-01")) == []


def test_results_come_in_list_order_and_respect_limit(
    index: SearchIndex, library: list[Article]
) -> None:
    assert [Path(a.path).stem for a in library] == ORDER
    assert index.search(parse_query("")) == [a.path for a in library]
    assert names(index, "the", limit=2) == [Path(a.path).stem for a in library[:2]]


def test_keep_applies_state_filters_before_the_limit(
    index: SearchIndex, library: list[Article]
) -> None:
    query = parse_query("the is:unread")
    read = {str(library[0].path)}
    by_path = {str(a.path): a for a in library}

    def keep(path: str) -> bool:
        return matches_metadata(query, by_path[path], read=path in read, starred=False)

    assert index.search(query, limit=1, keep=keep) == [str(library[1].path)]


def test_one_and_two_letter_words_match_whole_tokens_only(index: SearchIndex) -> None:
    assert names(index, "l") == []  # as a prefix it would match almost everything
    assert names(index, "li") == []
    assert names(index, "lig") == ["undated"]
    assert names(index, "du") == ["election"]  # "du" is a word there
    assert names(index, '"lighthouse ke"') == []  # a phrase is whole tokens anyway


def test_undecodable_file_and_folder_names(tmp_path: Path) -> None:
    root = os.fsencode(tmp_path / "lib")
    try:
        os.makedirs(root + b"/caf\xe9", exist_ok=True)
        path = Path(os.fsdecode(root + b"/caf\xe9/\xff.txt"))
        path.write_text(page("2025-01-01", "Zeppelin", "A zeppelin flew over the quay."))
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses names that are not UTF-8")
    articles = scan([tmp_path / "lib"]).articles
    index_library(tmp_path / "db", articles)
    with SearchIndex(tmp_path / "db") as index:
        assert index.search(parse_query("zeppelin")) == [str(path)]
        assert index.search(parse_query(f"feed:{articles[0].feed}")) == [str(path)]
        assert index.stale(articles) == ([], [])


def test_boilerplate_is_not_indexed(tmp_path: Path) -> None:
    articles = scan([write_library(tmp_path / "lib", {"h/ferry.txt": SEED_LIKE_PAGE})]).articles
    with SearchIndex(tmp_path / "db") as index:
        index_library(tmp_path / "db", articles)
        assert index.search(parse_query("ferry crossings"))
        for boilerplate in ("latest", "fish", "recommended", "rowing", '"storm warning"'):
            assert index.search(parse_query(boilerplate)) == [], boilerplate


@pytest.mark.parametrize("feed", ["harbour", "*"])
def test_feed_rules_are_applied(tmp_path: Path, library: list[Article], feed: str) -> None:
    """The feed's own rules and the rules for all feeds ("*") both hide from search."""
    config = Config(rules={feed: Rules(hide=(re.compile("late crossings"),))})
    index_library(tmp_path / "db", library, config=config)
    with SearchIndex(tmp_path / "db") as index:
        assert index.search(parse_query("crossings")) == []


# -- keeping current -------------------------------------------------------------------


def test_untouched_files_are_not_reindexed(tmp_path: Path, index: SearchIndex) -> None:
    articles = scan([tmp_path / "lib"]).articles
    assert index.stale(articles) == ([], [])
    assert index_library(index.db_path, articles) == 0


def test_changed_file_is_reread(tmp_path: Path, index: SearchIndex) -> None:
    assert names(index, "ferry") == ["ferry", "chips"]  # caches the list order
    path = tmp_path / "lib" / "harbour" / "ferry.txt"
    path.write_text(page("2025-03-14", "Council approves new bus timetable", "Buses run late."))
    os.utime(path, (1_800_000_000, 1_800_000_000))
    articles = scan([tmp_path / "lib"]).articles
    stale, gone = index.stale(articles)
    assert [a.path for a in stale] == [str(path)] and gone == []
    assert index_library(index.db_path, articles) == 1
    assert names(index, "buses") == ["ferry"]
    assert names(index, "ferry") == ["chips"]
    assert len(index) == len(PAGES)


def test_size_change_alone_makes_a_file_stale(
    tmp_path: Path, index: SearchIndex, library: list[Article]
) -> None:
    assert index.stale(library) == ([], [])
    path = library[0].path
    info = os.stat(path)
    with open(path, "ab") as handle:
        handle.write(b" ")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    checked = scan([tmp_path / "lib"], library).articles  # the row of the new size
    assert [a.path for a in index.stale(checked)[0]] == [path]


def test_stale_trusts_the_rows_it_is_given(index: SearchIndex, library: list[Article]) -> None:
    """The rows' size and mtime are compared, as the library's check found them: no file is
    stat-ed again (a million stats at every start); a change since is the watcher's."""
    with open(library[0].path, "ab") as handle:
        handle.write(b" more")
    os.unlink(library[1].path)
    assert index.stale(library) == ([], [])
    grown = dataclasses.replace(library[0], size=library[0].size + 5)
    assert index.stale([grown, *library[1:]])[0] == [grown]


def test_new_id_or_feed_makes_an_article_stale(index: SearchIndex, library: list[Article]) -> None:
    renamed = [dataclasses.replace(library[0], id="other"), *library[1:]]
    assert index.stale(renamed)[0] == [renamed[0]]
    moved = [dataclasses.replace(library[1], feed="elsewhere"), *library[2:]]
    assert index.stale(moved) == ([moved[0]], [library[0].path])


def test_stale_gives_each_key_once_in_list_order(
    tmp_path: Path, index: SearchIndex, library: list[Article]
) -> None:
    """Stored rows are compared as they are read (not held): what is stale still comes in
    the list's order, a key listed twice counts once (its first row), and the keys no
    longer listed are gone."""
    new = dataclasses.replace(library[0], path=str(tmp_path / "lib" / "new.txt"), id="new")
    moved = dataclasses.replace(library[1], mtime=library[1].mtime + 1)
    listed = [new, library[2], dataclasses.replace(library[2], id="twice"), moved, new]
    todo, gone = index.stale(listed)
    assert todo == [new, moved]
    assert sorted(gone) == sorted(a.key for a in library if a not in (library[1], library[2]))


def test_an_index_covers_the_generation_of_its_last_complete_run(
    tmp_path: Path, library: list[Article]
) -> None:
    """`covers`: every row matches the rows of that metadata cache generation. Set by a
    run that ends with every article indexed, forgotten by any other write."""
    db = tmp_path / "db"
    assert index_library(db, library, generation="g1") == len(PAGES)
    with SearchIndex(db) as index:
        assert index.covers("g1") and not index.covers("g2")
        index_library(db, library, generation="g2")  # nothing to index: covered all the same
        assert index.covers("g2") and not index.covers("g1")
        index_library(db, library)  # no generation: nothing written, still g2's rows
        assert index.covers("g2")
        index.remove([library[0].key])
        assert not index.covers("g2")
        index_library(db, library, generation="g3")
        assert index.covers("g3")
        index.update([(library[0], 1, "words")])
        assert not index.covers("g3")


def test_a_stopped_or_incomplete_run_covers_nothing(tmp_path: Path, library: list[Article]) -> None:
    db = tmp_path / "db"
    assert index_library(db, library, generation="g1", should_stop=lambda: True) == 0
    with SearchIndex(db) as index:
        assert not index.covers("g1")
    os.unlink(library[0].path)  # unreadable: retried by the next run, whatever its rows
    index_library(db, library, generation="g1")
    with SearchIndex(db) as index:
        assert not index.covers("g1") and len(index) == len(PAGES) - 1


def test_an_index_of_this_version_made_before_generations_gets_their_table(
    tmp_path: Path, library: list[Article]
) -> None:
    db = tmp_path / "db"
    index_library(db, library)
    with sqlite3.connect(db) as connection:
        connection.execute("DROP TABLE covered")
    with SearchIndex(db) as index:
        assert len(index) == len(PAGES) and not index.covers("g1")
    assert index_library(db, library, generation="g1") == 0
    with SearchIndex(db) as index:
        assert index.covers("g1")


def test_removed_file_disappears(tmp_path: Path, index: SearchIndex) -> None:
    (tmp_path / "lib" / "harbour" / "ferry.txt").unlink()
    articles = scan([tmp_path / "lib"]).articles
    assert index.stale(articles) == ([], [str(tmp_path / "lib" / "harbour" / "ferry.txt")])
    index_library(index.db_path, articles)
    assert names(index, "ferry") == ["chips"]
    assert len(index) == len(PAGES) - 1


def test_replaced_and_removed_rows_leave_nothing_findable(
    tmp_path: Path, index: SearchIndex, library: list[Article]
) -> None:
    """The contentless table keeps the tokens of a replaced or removed article under a
    rowid nothing points to; a new article never gets that rowid (even the highest,
    which SQLite would otherwise hand out again)."""
    newest = max(library, key=lambda a: index.search(parse_query("")).index(a.key))
    assert index.remove([newest.key]) == 1
    assert index.dead_rows() == 1
    path = tmp_path / "lib" / "harbour" / "new.txt"
    path.write_text(page("2025-04-01", "Zeppelin lands", "A zeppelin landed on the quay."))
    articles = scan([tmp_path / "lib"]).articles
    assert index_library(index.db_path, articles) == 2  # the new page and `newest` again
    assert names(index, "zeppelin") == ["new"]
    assert index.dead_rows() == 1
    for word in ("ferry", "lighthouse", "rowing", "chip", "conseil"):
        hits = index.search(parse_query(word))
        assert len(hits) == len(set(hits)), word  # never twice


def test_an_index_of_mostly_dead_rows_is_rebuilt(
    tmp_path: Path, index: SearchIndex, library: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "DEAD_ROWS_MIN", 0)
    assert index.remove([a.key for a in library[:2]]) == 2
    assert not index.rebuild_if_mostly_dead()  # 2 dead, 3 alive
    assert index.remove([library[2].key]) == 1
    assert index.rebuild_if_mostly_dead()  # 3 dead, 2 alive
    assert len(index) == 0 and index.dead_rows() == 0
    assert index_library(index.db_path, library) == len(PAGES)
    assert names(index, "ferry") == ["ferry", "chips"]


def test_remove_and_update_directly(index: SearchIndex, library: list[Article]) -> None:
    assert index.remove([library[0].path, "/not/indexed"]) == 1
    assert len(index) == len(PAGES) - 1
    assert index.update([(library[0], 1, "Brand new zeppelin words")]) == 1
    assert index.search(parse_query("zeppelin")) == [library[0].path]
    assert index.stale(library)[0] == [library[0]]  # the size given was not the file's


def test_unreadable_files_are_skipped_and_retried(tmp_path: Path, library: list[Article]) -> None:
    gone, binary = Path(library[0].path), Path(library[1].path)
    gone.unlink()
    binary.write_bytes(b"\x00" * 400)  # NUL on both byte sides: not text
    assert index_library(tmp_path / "db", library) == len(PAGES) - 2
    with SearchIndex(tmp_path / "db") as index:
        stale, _ = index.stale(library)
        assert {a.path for a in stale} == {str(gone), str(binary)}


def test_progress_and_stop(tmp_path: Path, library: list[Article]) -> None:
    calls: list[tuple[int, int]] = []
    stop_after = iter(range(3, -1, -1))
    indexed = index_library(
        tmp_path / "db",
        library,
        progress=lambda done, total: calls.append((done, total)),
        should_stop=lambda: next(stop_after, 0) == 0,
    )
    assert indexed == 3
    assert calls == [(0, len(PAGES)), (3, len(PAGES))]
    assert index_library(tmp_path / "db", library) == len(PAGES) - 3


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stopped_index_resumes_where_it_stopped(
    tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Index part of a library, stop, start again: only what is missing is indexed,
    nothing twice, and everything is found (with cleaning in workers too)."""
    monkeypatch.setattr(search, "PARALLEL_MIN", 0)
    monkeypatch.setattr(search, "CHUNK_SIZE", 5)
    monkeypatch.setattr(search, "BATCH_SIZE", 5)
    monkeypatch.setattr(search, "BUILD_BATCH", 5)
    pages = {
        f"feed{n % 3}/story{n}.txt": page(
            "2025-03-01", f"Story {n}", f"The word marker{n} and the common quayside."
        )
        for n in range(40)
    }
    articles = scan([write_library(tmp_path / "lib", pages)]).articles
    db = tmp_path / "db"
    calls: list[tuple[int, int]] = []
    first = index_library(
        db,
        articles,
        progress=lambda done, total: calls.append((done, total)),
        should_stop=lambda: len(calls) >= 3,
        workers=workers,
    )
    assert 0 < first < len(pages)
    assert calls[0] == (0, len(pages)) and calls[-1][0] == first
    with SearchIndex(db) as index:
        assert len(index) == first
        assert len(index.stale(articles)[0]) == len(pages) - first
    again: list[tuple[int, int]] = []
    resumed = index_library(
        db, articles, progress=lambda done, total: again.append((done, total)), workers=workers
    )
    assert resumed == len(pages) - first
    # The status line goes on from where the last run stopped, over the whole library.
    assert again[0] == (first, len(pages)) and again[-1] == (len(pages), len(pages))
    with SearchIndex(db) as index:
        assert len(index) == len(pages) and index.dead_rows() == 0  # nothing indexed twice
        assert len(index.search(parse_query("quayside"))) == len(pages)
        assert names(index, "marker17") == ["story17"]
        assert index.stale(articles) == ([], [])
    assert index_library(db, articles, workers=workers) == 0


QUERIES = ["quayside", "marker17", "marker1", '"common quayside"', "story -marker3", "quay", "mark"]


def test_the_build_finds_what_article_by_article_writes_find(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first index written in big transactions by workers (no merging until its end)
    answers every query as one written a transaction per article, merging as it goes."""
    pages = {
        f"feed{n % 3}/story{n}.txt": page(
            f"2025-03-{1 + n % 28:02}", f"Story {n}", f"The word marker{n} and the common quayside."
        )
        for n in range(40)
    }
    articles = scan([write_library(tmp_path / "lib", pages)]).articles
    monkeypatch.setattr(search, "OPTIMIZE_MIN", 10)
    monkeypatch.setattr(search, "PARALLEL_MIN", 0)
    assert index_library(tmp_path / "built", articles, workers=2) == len(pages)
    monkeypatch.setattr(search, "OPTIMIZE_MIN", 1000)
    monkeypatch.setattr(search, "BUILD_BATCH", 1)
    assert index_library(tmp_path / "one-by-one", articles, workers=1) == len(pages)
    with SearchIndex(tmp_path / "built") as built, SearchIndex(tmp_path / "one-by-one") as one:
        for text in QUERIES:
            found = built.search(parse_query(text))
            assert found and found == one.search(parse_query(text)), text


def test_one_write_keeps_the_last_row_of_a_key_and_never_reuses_rowids(
    index: SearchIndex, library: list[Article]
) -> None:
    first, second = library[0], library[1]
    rows = [(first, 1, "", "zeppelin"), (second, 1, "", "airship"), (first, 1, "", "dirigible")]
    assert index.write(rows, batch_size=len(rows)) == 3
    assert len(index) == len(PAGES)
    assert index.search(parse_query("dirigible")) == [first.path]
    assert index.search(parse_query("zeppelin")) == []
    assert index.search(parse_query("airship")) == [second.path]
    with contextlib.closing(sqlite3.connect(index.db_path)) as connection:
        top = connection.execute("SELECT max(rowid) FROM docs").fetchone()[0]
    index.remove([first.path])
    index.write([(first, 1, "", "balloon")])
    with contextlib.closing(sqlite3.connect(index.db_path)) as connection:
        rowid = connection.execute("SELECT max(rowid) FROM docs").fetchone()[0]
    assert rowid == top + 1  # above every rowid given before, the removed one too
    assert index.search(parse_query("balloon")) == [first.path]
    assert index.search(parse_query("dirigible")) == []


def test_an_index_of_the_default_fts_settings_is_tuned_in_place(
    tmp_path: Path, library: list[Article]
) -> None:
    """A file written before the FTS5 settings (SQLite's defaults) keeps its rows and
    answers alike; the next run sets them without indexing anything again."""
    db = tmp_path / "db"
    index_library(db, library)
    with contextlib.closing(sqlite3.connect(db)) as connection:
        connection.execute("DELETE FROM docs_text_config WHERE k != 'version'")
        connection.commit()
    with SearchIndex(db) as index:
        before = {word: index.search(parse_query(word)) for word in ("ferry", "conseil", "ro")}
    assert index_library(db, library) == 0
    with contextlib.closing(sqlite3.connect(db)) as connection:
        held = dict(connection.execute("SELECT k, v FROM docs_text_config"))
    assert {k: held[k] for k in search.FTS_SETTINGS} == search.FTS_SETTINGS
    with SearchIndex(db) as index:
        assert {word: index.search(parse_query(word)) for word in before} == before
        assert before["ferry"]


# -- the cache file --------------------------------------------------------------------


def test_other_schema_version_is_rebuilt(tmp_path: Path, library: list[Article]) -> None:
    db = tmp_path / "db"
    index_library(db, library)
    with sqlite3.connect(db) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with SearchIndex(db) as index:
        assert len(index) == 0
        assert index.stale(library)[0] == library
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_large_run_ends_with_one_merged_segment(
    tmp_path: Path, library: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "OPTIMIZE_MIN", len(PAGES))
    monkeypatch.setattr(search, "BATCH_SIZE", 1)  # a segment per article
    monkeypatch.setattr(search, "BUILD_BATCH", 1)
    merged: list[int] = []
    optimize = SearchIndex.optimize

    def spy(index: SearchIndex) -> None:
        merged.append(len(index))
        optimize(index)

    monkeypatch.setattr(SearchIndex, "optimize", spy)
    db = tmp_path / "db"
    stop_after = iter(range(2, -1, -1))
    index_library(db, library, should_stop=lambda: next(stop_after, 0) == 0)
    assert merged == []  # a stopped run leaves it to a later one
    with SearchIndex(db) as index:
        assert index.merge_pending()
    index_library(db, library)
    assert merged == [len(PAGES)]  # 3 articles, but the first run's segments wait
    with SearchIndex(db) as index:
        assert not index.merge_pending()
    index_library(db, library[:2])  # the other 3 removed
    assert index_library(db, library) == 3 and merged == [len(PAGES)]  # too few
    monkeypatch.setattr(search, "OPTIMIZE_MIN", 3)
    for extra in library[:3]:
        os.utime(extra.path, (1_800_000_000, 1_800_000_000))
    assert index_library(db, scan([tmp_path / "lib"]).articles) == 3
    assert merged == [len(PAGES)] * 2
    with SearchIndex(db) as index:
        assert names(index, "ferry") == ["ferry", "chips"]
        assert names(index, "rowing") == ["sport"]
    with contextlib.closing(sqlite3.connect(db)) as connection:
        # the merged segments' pages went back to the file system
        assert connection.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # incremental
        free = connection.execute("PRAGMA freelist_count").fetchone()[0]
        assert free == 0


_SCHEMA_3 = """
CREATE TABLE docs (
    rowid INTEGER PRIMARY KEY, key BLOB UNIQUE NOT NULL, size INT NOT NULL,
    mtime REAL NOT NULL, article_id TEXT NOT NULL, feed BLOB NOT NULL,
    feed_key BLOB NOT NULL, date TEXT, stamp REAL NOT NULL, title_key BLOB NOT NULL
);
CREATE INDEX docs_order ON docs (stamp DESC, title_key, key);
CREATE INDEX docs_feed ON docs (feed_key);
CREATE VIRTUAL TABLE docs_text USING fts5 (
    title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
INSERT INTO docs VALUES (1, X'2f782e747874', 1, 1.0, 'x', X'68', X'68', NULL, 0, X'78');
INSERT INTO docs_text (rowid, title, body) VALUES (1, 'old', 'a copy of the whole text');
PRAGMA user_version = 3;
"""


def test_an_index_of_schema_3_is_rebuilt(tmp_path: Path, library: list[Article]) -> None:
    """Version 3 kept a copy of every text and prefix indexes: it is thrown away and
    the articles are indexed again into the contentless table."""
    db = tmp_path / "db"
    with contextlib.closing(sqlite3.connect(db)) as connection:
        connection.executescript(_SCHEMA_3)
    with SearchIndex(db) as index:
        assert len(index) == 0
        assert index.search(parse_query("copy")) == []
    assert index_library(db, library) == len(PAGES)
    with contextlib.closing(sqlite3.connect(db)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        sql = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'docs_text'")
        assert "content = ''" in sql.fetchone()[0]
        # no text is kept: a contentless table gives NULL for every column
        assert connection.execute("SELECT body FROM docs_text LIMIT 1").fetchone() == (None,)


def test_garbage_file_is_rebuilt(tmp_path: Path, library: list[Article]) -> None:
    db = tmp_path / "db"
    db.write_bytes(b"this is not a database at all" * 100)
    assert index_library(db, library) == len(PAGES)


def test_foreign_database_is_rebuilt(tmp_path: Path) -> None:
    db = tmp_path / "db"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE unrelated (x)")
    with SearchIndex(db) as index:
        assert len(index) == 0


# -- hostile input ---------------------------------------------------------------------

HOSTILE = [
    'AND OR "',
    "NOT",
    "OR",
    "*",
    "^ferry",
    "NEAR(ferry timetable, 2)",
    "title:ferry",
    "body : x",
    "ferry AND",
    '"',
    '""""',
    '-"',
    "- -",
    "()",
    "(ferry",
    "'; DROP TABLE docs; --",
    "{title body}: ferry",
    "+ferry",
    "ferry*",
    "\x00",
    "?!.,;",
    "fer'ry",
    'feed:"\'" after:2025-01-01',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_never_raise_sqlite_errors(index: SearchIndex, text: str) -> None:
    with contextlib.suppress(QueryError):
        index.search(parse_query(text))
    assert len(index) == len(PAGES)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("\"-*^:()+ {}ferytimNADOR'.,é\x00\x01")), max_size=40))
def test_arbitrary_queries_never_raise_sqlite_errors(index: SearchIndex, text: str) -> None:
    try:
        query = parse_query(text)
    except QueryError:
        return
    index.search(query)


# -- concurrency -----------------------------------------------------------------------


def test_queries_run_while_another_thread_writes(
    index: SearchIndex, library: list[Article]
) -> None:
    errors: list[BaseException] = []
    rows = [
        (dataclasses.replace(library[0], path=f"/synthetic/{i}.txt"), 1, f"zebra {i}")
        for i in range(600)
    ]

    def write() -> None:
        try:
            index.update(rows)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    writer = threading.Thread(target=write)
    writer.start()
    while writer.is_alive():
        found = index.search(parse_query("zebra"))
        assert len(found) % 200 == 0  # readers see whole committed batches only
    writer.join()
    assert not errors
    assert len(index.search(parse_query("zebra"))) == 600


def test_a_search_opened_while_another_process_writes_answers_at_once(
    index: SearchIndex, library: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app opens its index on its search thread at its first search, often while
    the indexer child is mid-transaction (issue 15: a search typed during the child's
    check did nothing until it ended). Opening a current index takes no write lock, so
    the search answers from what is committed instead of waiting out the busy timeout
    (and failing with "database is locked")."""
    monkeypatch.setattr(search, "BUSY_TIMEOUT_MS", 2000)
    writer = sqlite3.connect(index.db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # what the child holds while it writes a batch
    writer.execute("DELETE FROM docs")  # uncommitted: no reader may see it
    try:
        started = time.monotonic()
        with SearchIndex(index.db_path) as opened:
            mask = opened.select_mask(parse_query("ferry"), [a.key for a in library])
        assert time.monotonic() - started < 1.0
        found = [Path(a.path).stem for a in compress(library, mask)]
        assert sorted(found) == ["chips", "ferry"]
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_index_library_runs_in_another_process(tmp_path: Path, library: list[Article]) -> None:
    assert pickle.loads(pickle.dumps(library)) == library
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        assert pool.apply(index_library, (tmp_path / "db", library)) == len(PAGES)
    with SearchIndex(tmp_path / "db") as index:
        assert names(index, "ferry") == ["ferry", "chips"]


# -- feed evidence -----------------------------------------------------------------------

APPEAL = "Our newsroom is supported by readers like you, and every contribution keeps it going."


def test_feed_evidence_matches_the_reading_pane(tmp_path: Path) -> None:
    """Recurring site lines are hidden by feed evidence exactly as the pane hides them."""
    pages = {
        f"gazette/p{i:02}.txt": page(
            f"2025-01-{1 + i % 28:02}",
            f"Story number {i}" if i != 29 else "Story number 3",  # a copy of p03's id
            f"Unique{i} things happened at the quay today, witnesses said.",
        ).replace("\n\n", f"\n\n{APPEAL}\n\n", 1)
        for i in range(30)
    }
    articles = scan([write_library(tmp_path / "lib", pages)]).articles
    assert len(articles) > EVIDENCE_SAMPLE
    pane = EvidenceCache()
    service = ReadingService(articles=articles)
    for article in articles:
        body = service.open(article).result.body
        page_ = read_page(article.path)
        evidence = pane.evidence_for(article, articles)
        expected = open_article(article, page=page_, evidence=evidence).result.body
        assert body == expected
        assert APPEAL not in "\n\n".join(body)
    index_library(tmp_path / "db", articles)
    with SearchIndex(tmp_path / "db") as index:
        assert index.search(parse_query("newsroom")) == []
        assert len(index.search(parse_query("unique7"))) == 1


def test_select_marks_the_matches_of_a_list_in_its_own_order(
    index: SearchIndex, library: list[Article]
) -> None:
    paths = [a.path for a in reversed(library)] + ["/not/indexed.txt"]
    expected = set(index.search(parse_query("ferry")))
    assert expected and len(expected) < len(library)
    selected = index.select(parse_query("ferry"), paths)
    assert selected == [path in expected for path in paths]
    assert index.select(parse_query("feed:harbour"), paths)[-1] is False
    assert index.select(parse_query("is:unread"), paths) == [True] * len(library) + [False]
    first = paths.index(library[0].path)
    assert index.select(parse_query("the"), paths)[first]
    index.remove([library[0].path])  # the index changed: rowids are looked up again
    assert not index.select(parse_query("the"), paths)[first]


@pytest.mark.parametrize("part", [3, search.ROWS_PART])
@given(
    indexed=st.lists(st.integers(1, 60), unique=True, max_size=40),
    listed=st.lists(st.integers(1, 80), unique=True, max_size=50),
    queries=st.lists(st.lists(st.integers(1, 90), unique=True, max_size=30), max_size=4),
)
def test_selected_places_few_and_many_matches_alike(
    part: int, indexed: list[int], listed: list[int], queries: list[list[int]]
) -> None:
    """Each listed key is chosen exactly when its rowid matched (rowids start at 1),
    rowids matched beyond the list's (dead rows) included, also when the same list
    is asked again (its column is kept); the same when the list's passes go a few
    rows at a time (`ROWS_PART`: a million rows' are taken in parts)."""
    with _rows_part(part):
        order = _ListOrder((0, 0))
        keys = [f"k{n}" for n in listed]
        order.place(keys, lambda: [(n, f"k{n}".encode()) for n in indexed])
        assert order.placed.top == max(set(indexed) & set(listed), default=0)
        assert list(map(bool, order.mask(None))) == [n in indexed for n in listed]
        for query in queries:
            joined = ",".join(str(n) for n in query)
            expected = [n in indexed and n in query for n in listed]
            assert list(map(bool, order.mask(joined))) == expected


@contextlib.contextmanager
def _rows_part(part: int) -> Iterator[None]:
    """`search.ROWS_PART` set to `part` for a block (hypothesis tests take no
    function-scoped monkeypatch)."""
    kept = search.ROWS_PART
    search.ROWS_PART = part
    try:
        yield
    finally:
        search.ROWS_PART = kept


def test_many_matches_are_read_a_part_at_a_time_and_placed_alike() -> None:
    """A common word's rowids (hundreds of KB of text) are read in parts, none lost at
    a part's edge, and rowids beyond the list's are on none of its rows."""
    rowids = list(range(1, 200_001, 2))
    joined = ",".join(map(str, rowids))
    parts = list(_rowid_chunks(joined))
    assert len(parts) > 3 and [r for part in parts for r in part] == rowids
    order = _ListOrder((0, 0))
    listed = list(range(1, 150_001))
    order.place([f"k{n}" for n in listed], lambda: [(n, f"k{n}".encode()) for n in listed])
    assert order.mask(joined) == bytes(n % 2 for n in listed)


@pytest.mark.parametrize("part", [3, search.ROWS_PART])
@given(
    indexed=st.lists(st.integers(1, 60), unique=True, max_size=40),
    listed=st.lists(st.integers(1, 80), max_size=60),
    shift=st.integers(0, 5),
)
def test_each_listed_key_finds_its_rowid_in_any_order(
    part: int, indexed: list[int], listed: list[int], shift: int
) -> None:
    """The index's rows and the list are walked in step, yet a key finds its rowid
    wherever either has it: lists in another order, with keys listed twice or not
    indexed, and the index's own order shifted by rows the list lacks; also when the
    passes over the list go a few rows at a time."""
    rows = [(n + 1000, f"k{n}".encode()) for n in [90 + i for i in range(shift)] + indexed]
    keys = [f"k{n}" for n in listed]
    expected = [n + 1000 if n in indexed else 0 for n in listed]
    with _rows_part(part):
        assert list(_rowid_column(keys, rows)) == expected
        in_step = [f"k{n}" for n in indexed]
        assert list(_rowid_column(in_step, rows)) == [n + 1000 for n in indexed]


# -- prefixes through the index's words -------------------------------------------------


VOCABULARY_QUERIES = [
    "ferry",
    "elect",
    "light",
    "tim",
    "ferry timetable",
    "council -ferry",
    "(ferry OR lighthouse) -chip",
    "ferr OR keep",
    "feed:harbour (elect OR ferr)",
    "-(chip OR ferr)",
    "strasse",
    '"ferry timetable" counc',
    "nothingstartslikethis",
]


@pytest.mark.parametrize("text", VOCABULARY_QUERIES)
def test_prefixes_through_the_vocabulary_find_what_fts5_prefixes_find(
    index: SearchIndex, text: str
) -> None:
    before = names(index, text)
    assert index.read_vocabulary() > 10
    assert index._expander(index._connection()) is not None  # current: it is used
    assert names(index, text) == before


def test_the_vocabulary_expands_a_plain_prefix_into_the_words_it_covers(
    index: SearchIndex,
) -> None:
    index.read_vocabulary()
    expand = index._expander(index._connection())
    assert expand is not None
    assert expand("ferr") == ["ferry"]
    assert expand("zzzz") == []
    _, params = search.match_sql(parse_query("ferr light"), expand)
    assert params == ['("ferry") AND ("lighthouse")']
    # Too many words for one prefix: FTS5's own prefix match.
    many = search._Vocabulary(b"s", [f"word{i:03d}" for i in range(search.EXPAND_MAX + 1)])
    assert many.expand("word") is None
    assert search._fts_word("word", many.expand) == '"word"*'
    # Not one plain token (the tokenizer would change it): FTS5's own prefix match.
    assert search._fts_word("e-mail", expand) == '"e-mail"*'
    assert search._fts_word("élec", expand) == '"élec"*'


def test_a_changed_index_stops_using_the_vocabulary_until_it_is_read_again(
    tmp_path: Path, index: SearchIndex, library: list[Article]
) -> None:
    index.read_vocabulary()
    assert names(index, "ferr") == ["ferry", "chips"]
    extra = tmp_path / "lib" / "harbour" / "ferrets.txt"
    extra.write_text(page("2025-03-20", "Ferrets loose", "Ferrets were seen on the quay."))
    index_library(index.db_path, scan([tmp_path / "lib"]).articles)
    # "ferrets" is a word the vocabulary was not read with: it must still be found.
    assert index._expander(index._connection()) is None
    assert names(index, "ferr") == ["ferrets", "ferry", "chips"]
    index.read_vocabulary()
    assert index._expander(index._connection()) is not None
    assert names(index, "ferr") == ["ferrets", "ferry", "chips"]
