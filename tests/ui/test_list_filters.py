"""ListFilters: the chosen feed with the other filters, and the counts per feed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.models import Article
from reader.core.state import StateStore
from reader.ui.feed_view import feed_entries
from reader.ui.list_filters import FeedCount, ListFilters, sort_rows


def article(n: int, feed: str) -> Article:
    return Article(
        id=f"id{n}",
        path=Path(f"/lib/{feed}/{n}.txt"),
        feed=feed,
        title=f"T{n}",
        date=dt.date(2025, 1, 1),
        mtime=0.0,
    )


def make(tmp_path: Path) -> tuple[ListFilters, StateStore, list[Article]]:
    store = StateStore(tmp_path / "state.json")
    store.load()
    rows = [article(1, "b-feed"), article(2, "A-feed"), article(3, "b-feed"), article(4, "c")]
    filters = ListFilters(store)
    filters.set_articles(rows)
    return filters, store, rows


def test_counts_per_feed_follow_marks_and_rows(tmp_path: Path) -> None:
    filters, store, rows = make(tmp_path)
    counts = filters.feed_counts()
    assert counts.feeds == (
        FeedCount("A-feed", 1, 1),
        FeedCount("b-feed", 2, 2),
        FeedCount("c", 1, 1),
    )  # by folded name
    assert (counts.unread, counts.total, counts.starred_unread, counts.starred) == (4, 4, 0, 0)
    assert filters.feed_counts() is counts  # nothing changed: not counted again
    store.set_read("id1", True)
    store.set_starred("id1", True)
    store.set_starred("id3", True)
    counts = filters.feed_counts()
    assert counts.feeds[1] == FeedCount("b-feed", 1, 2)
    assert (counts.unread, counts.starred_unread, counts.starred) == (3, 1, 2)
    assert filters.unread_count() == 3
    filters.set_articles([*rows, article(5, "c")])
    assert filters.feed_counts().feeds[2] == FeedCount("c", 2, 2)
    assert filters.chosen_counts() == (4, 5)
    filters.feed = "b-feed"
    assert filters.chosen_counts() == (1, 2)
    filters.feed = "gone"
    assert filters.chosen_counts() == (0, 0)


def test_the_chosen_feed_combines_with_search_and_toggles(tmp_path: Path) -> None:
    filters, store, rows = make(tmp_path)
    filters.feed = "b-feed"
    assert [a.id for a in filters.visible()] == ["id1", "id3"]
    store.set_read("id1", True)
    filters.unread_only = True
    assert [a.id for a in filters.visible()] == ["id3"]
    filters.unread_only = False
    filters.set_search(None, [rows[0], rows[1]], None)  # a search that matched 1 and 2
    assert [a.id for a in filters.visible()] == ["id1"]
    filters.feed = "B-FEED"  # the choice is the exact name, not a query
    assert filters.visible() == []


def test_entries_mark_the_choice_and_keep_a_chosen_feed_that_is_gone(tmp_path: Path) -> None:
    filters, _store, _rows = make(tmp_path)
    counts = filters.feed_counts()
    plain = feed_entries(counts, feed=None, unread_only=False, starred_only=False)
    assert [(e.label, e.counts, e.chosen) for e in plain] == [
        ("All", "4/4", True),
        ("Unread", "4", False),
        ("Starred", "0/0", False),
        ("A-feed", "1/1", False),
        ("b-feed", "2/2", False),
        ("c", "1/1", False),
    ]
    chosen = feed_entries(counts, feed="gone", unread_only=True, starred_only=False)
    assert [e.label for e in chosen if e.chosen] == ["Unread", "gone"]
    assert chosen[-1].counts == "0/0" and chosen[-1].feed == "gone"


def test_counts_follow_each_mark_without_counting_the_rows_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the first count, a mark moves the unread counts by its rows (an article on
    two rows counts twice, in each of its feeds); only new rows are counted again.
    Every count agrees with counting from scratch."""
    filters, store, rows = make(tmp_path)
    twin = article(1, "c")  # id1 again, in another feed
    filters.set_articles([*rows, twin])
    counted: list[int] = []
    read_flags = store.read_flags

    def counting(ids: Iterable[str]) -> tuple[int, list[bool]]:
        counted.append(1)
        return read_flags(ids)

    monkeypatch.setattr(store, "read_flags", counting)

    def check() -> None:
        read = store.read_ids()
        shown = filters.articles
        assert filters.unread_count() == sum(a.id not in read for a in shown)
        for entry in filters.feed_counts().feeds:
            mine = [a for a in shown if a.feed == entry.name]
            assert (entry.unread, entry.total) == (sum(a.id not in read for a in mine), len(mine))
        counts = filters.feed_counts()
        starred = [a for a in shown if store.is_starred(a.id)]
        assert (counts.starred, counts.starred_unread) == (
            len(starred),
            sum(a.id not in read for a in starred),
        )

    check()
    assert len(counted) == 2  # the unread count and the feeds' counts: once each
    store.set_read("id1", True)
    check()
    store.set_starred("id1", True)
    store.set_starred("id2", True)
    check()
    record = store.set_read_many(["id2", "id3", "gone"], True)
    check()
    store.undo(record)
    check()
    other = StateStore(tmp_path / "state.json")
    other.load()
    other.set_read("id4", True)
    store.refresh()  # another reader's mark
    assert store.is_read("id4")
    check()
    store.toggle_read("id1")
    check()
    assert len(counted) == 2  # no mark counted the rows again
    filters.set_articles(rows)
    check()
    assert len(counted) == 4


def test_unread_only_looks_the_rows_up_without_copying_every_read_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    filters, store, _rows = make(tmp_path)
    store.set_read("id2", True)

    def copied() -> set[str]:
        raise AssertionError("a copy of every read id (1,000,000 with as many marks)")

    monkeypatch.setattr(store, "read_ids", copied)
    filters.unread_only = True
    assert [a.id for a in filters.visible()] == ["id1", "id3", "id4"]
    assert filters.unread_count() == 3


@given(
    st.lists(
        st.tuples(
            st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2020, 1, 4)),
            st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2020, 1, 4)),
            st.sampled_from(["Gale", "gale", "Storm", "ß", "SS"]),
            st.floats(0, 10, allow_nan=False),
        ),
        max_size=20,
    )
)
def test_sorts_by_title_and_date_follow_the_list_order(
    stories: list[tuple[dt.date | None, dt.date | None, str, float]],
) -> None:
    """The title and date sorts use those parts of `Article.order` alone (rows keep no
    sort key): the same order as sorting by the whole key's parts."""
    rows = sorted(
        (
            Article(f"id{n}", f"/lib/f/{n}.txt", "f", title, date, mtime, found_date=found)
            for n, (date, found, title, mtime) in enumerate(stories)
        ),
        key=lambda a: a.order,
    )
    assert sort_rows(rows, "title", lambda _: False) == sorted(rows, key=lambda a: a.order[1])
    dated = [a for a in rows if a.shown_date is not None]
    undated = [a for a in rows if a.shown_date is None]
    assert sort_rows(rows, "oldest", lambda _: False) == (
        sorted(dated, key=lambda a: -a.order[0]) + undated
    )
