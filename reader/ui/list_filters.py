"""What the article list shows: the library's rows, narrowed by the active search,
the feed chosen in the feed view and the unread-only and starred-only toggles, in the
chosen sort order. Plain state, no widgets: the app hands `visible()` to the list,
`unread_count()` to the status line and `feed_counts()` to the feed view."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter, not_

from reader.core.models import Article, order_stamp
from reader.core.query import Query, fold
from reader.core.state import StateStore

# Sort orders, in the order the sort key cycles through them; the library's rows come
# newest first (`Article.order`), so "newest" costs nothing.
SORTS = ("newest", "oldest", "feed", "title", "unread")
SORT_LABELS = {
    "newest": "newest first",
    "oldest": "oldest first",
    "feed": "by feed",
    "title": "by title",
    "unread": "unread first",
}


def sort_rows(rows: list[Article], sort: str, is_read: Callable[[str], bool]) -> list[Article]:
    """`rows` (newest first) in the order `sort` names. Stable sorts on one cheap key
    each: articles equal in it stay newest first. Undated articles stay at the end of
    "oldest" too."""
    if sort == "oldest":
        dated = [a for a in rows if a.shown_date is not None]
        undated = [a for a in rows if a.shown_date is None]
        return sorted(dated, key=_stamp) + undated
    if sort == "feed":
        return sorted(rows, key=_feed_key)
    if sort == "title":
        return sorted(rows, key=_title_key)
    if sort == "unread":
        return sorted(rows, key=lambda a: is_read(a.id))
    return rows


def _stamp(article: Article) -> float:
    """`-article.order[0]`, without the rest of the key (rows keep no sort key: a sort
    by title or date computed the whole key per row, twice the time at a million)."""
    return -order_stamp(article.shown_date, article.mtime)


def _feed_key(article: Article) -> str:
    return article.feed.casefold()


def _title_key(article: Article) -> str:
    """`article.order[1]`, without the rest of the key (see `_stamp`)."""
    return article.title.casefold()


@dataclass(frozen=True, slots=True)
class FeedCount:
    """One feed's unread and total articles."""

    name: str
    unread: int
    total: int


@dataclass(frozen=True, slots=True)
class FeedCounts:
    """The library's counts: all articles, the starred ones, and each feed's (by name)."""

    unread: int
    total: int
    starred_unread: int
    starred: int
    feeds: tuple[FeedCount, ...]


class ListFilters:
    """The rows of the library and the filters applied to them."""

    def __init__(self, store: StateStore) -> None:
        self.store = store
        self.articles: list[Article] = []
        self.search_query: Query | None = None  # the active search, None when not searching
        self.hits: list[Article] | None = None  # what the search matched, in list order
        self.search_error: str | None = None
        self.unread_only = False
        self.starred_only = False
        self.feed: str | None = None  # the feed chosen in the feed view (its exact name)
        self.sort = "newest"  # one of SORTS
        self._sorted: tuple[list[Article], str, list[Article]] | None = None
        # (rows, read log position, unread count): a mark moves the count by its rows
        # (`StateStore.read_changes`), the rows are counted again only when they change.
        self._unread: tuple[list[Article] | None, int, int] = (None, -1, 0)
        # The rows' feed and id columns and their counts, kept while the rows are the same.
        self._columns: tuple[
            list[Article] | None, list[str], list[str], Counter[str], Counter[str]
        ] = (None, [], [], Counter(), Counter())
        self._feed_of: dict[str, str] | None = None  # id -> feed, for ids on one row
        # (rows, read log position, read rows per feed), kept as `_unread` is.
        self._read_per_feed: tuple[list[Article] | None, int, Counter[str]] = (
            None,
            -1,
            Counter(),
        )
        self._counts: tuple[tuple[int, int], FeedCounts | None] = ((-1, -1), None)

    def set_articles(self, rows: list[Article]) -> None:
        """New rows (a scan batch, a file change): a search's matches follow them."""
        self.articles = rows
        if self.hits is not None:  # the same articles, as the new rows have them
            matched = {hit.key for hit in self.hits}
            self.hits = [a for a in rows if a.key in matched]
        # 100,000 long-lived rows make every full garbage collection walk them (over
        # 100 ms each, landing in key presses and opens): park them out of its way.
        gc.freeze()

    def set_search(
        self, query: Query | None, hits: list[Article] | None, error: str | None
    ) -> None:
        self.search_query, self.hits, self.search_error = query, hits, error

    def sorted_articles(self) -> list[Article]:
        """Every row in the sort order: sorted once per change of rows or order (not per
        repaint or search); "unread first" places rows by their marks at that time."""
        if self.sort == "newest":
            return self.articles
        held = self._sorted
        if held is None or held[0] is not self.articles or held[1] != self.sort:
            rows = sort_rows(self.articles, self.sort, self.store.is_read)
            held = self._sorted = (self.articles, self.sort, rows)
        return held[2]

    def visible(self) -> list[Article]:
        """The rows the list shows, in list order."""
        if self.sort == "newest":
            rows = self.articles if self.hits is None else self.hits
        else:
            rows = self.sorted_articles()
            if self.hits is not None:  # the matches, in the sort order (at C speed)
                matched = set(map(id, self.hits))
                rows = list(compress(rows, map(matched.__contains__, map(id, rows))))
        if self.feed is not None:
            feed = self.feed
            rows = [a for a in rows if a.feed == feed]
        if self.unread_only:  # one pass at C speed, no copy of every read id
            _, read = self.store.read_flags(map(attrgetter("id"), rows))
            rows = list(compress(rows, map(not_, read)))
        if self.starred_only:
            is_starred = self.store.is_starred
            rows = [a for a in rows if is_starred(a.id)]
        return rows

    def unread_count(self) -> int:
        """Unread articles in the library: counted once per new rows, then moved by
        each mark's rows (a read flag that changed), never counted again per mark."""
        rows, since, unread = self._unread
        if rows is self.articles:
            position, changes = self.store.read_changes(since)
            if changes is not None:
                if changes:
                    per_id = self._rows_columns()[4]
                    for article_id, read in changes:
                        n = per_id.get(article_id, 0)
                        unread += -n if read else n
                self._unread = (rows, position, unread)
                return unread
        rows = self.articles
        position, flags = self.store.read_flags(map(attrgetter("id"), rows))
        unread = len(rows) - sum(flags)
        self._unread = (rows, position, unread)
        return unread

    def _rows_columns(
        self,
    ) -> tuple[list[Article], list[str], list[str], Counter[str], Counter[str]]:
        """The rows, their feeds and ids, the rows per feed and per id (once per rows)."""
        rows, feeds, ids, totals, per_id = self._columns
        if rows is not self.articles:
            rows = self.articles
            feeds = list(map(attrgetter("feed"), rows))
            ids = list(map(attrgetter("id"), rows))
            totals, per_id = Counter(feeds), Counter(ids)
            self._columns = (rows, feeds, ids, totals, per_id)
            self._feed_of = None
        return rows, feeds, ids, totals, per_id

    def _read_feeds(self) -> Counter[str]:
        """Read rows per feed: counted once per new rows, then moved by each mark."""
        rows, feeds, ids, _totals, per_id = self._rows_columns()
        held, since, per_feed = self._read_per_feed
        if held is rows:
            position, changes = self.store.read_changes(since)
            if changes is not None:
                for article_id, read in changes:
                    step = 1 if read else -1
                    n = per_id.get(article_id, 0)
                    if n == 1:
                        feed_of = self._feed_of
                        if feed_of is None:
                            feed_of = self._feed_of = dict(zip(ids, feeds, strict=True))
                        per_feed[feed_of[article_id]] += step
                    elif n:  # an article on several rows (rare): find them
                        for feed, row_id in zip(feeds, ids, strict=True):
                            if row_id == article_id:
                                per_feed[feed] += step
                self._read_per_feed = (rows, position, per_feed)
                return per_feed
        position, flags = self.store.read_flags(ids)
        per_feed = Counter(compress(feeds, flags))
        self._read_per_feed = (rows, position, per_feed)
        return per_feed

    def feed_counts(self) -> FeedCounts:
        """Unread and total articles per feed, all and starred: the read rows per feed
        follow the marks (`_read_feeds`), the totals are counted once per new rows;
        starred articles are few, so they are looked up. Never per repaint."""
        key = (self.store.revision, id(self.articles))
        held_key, counts = self._counts
        if counts is not None and held_key == key:
            return counts
        _rows, _feeds, ids, totals, per_id = self._rows_columns()
        read_per_feed = self._read_feeds()
        # The starred articles on some row (few: looked up in the rows at C speed).
        shown = list(filter(per_id.__contains__, self.store.starred_ids()))
        rows_of = per_id.__getitem__
        starred = sum(map(rows_of, shown))
        starred_unread = starred - sum(map(rows_of, self.store.read_among(shown)))
        per_feed = tuple(
            FeedCount(name, total - read_per_feed[name], total)
            for name, total in sorted(totals.items(), key=lambda item: (fold(item[0]), item[0]))
        )
        counts = FeedCounts(
            unread=len(ids) - sum(read_per_feed.values()),
            total=len(ids),
            starred_unread=starred_unread,
            starred=starred,
            feeds=per_feed,
        )
        self._counts = (key, counts)
        return counts

    def chosen_counts(self) -> tuple[int, int]:
        """Unread and total articles of the chosen feed, or of the library."""
        if self.feed is None:
            return self.unread_count(), len(self.articles)
        feed = self.feed
        found = next((f for f in self.feed_counts().feeds if f.name == feed), None)
        return (found.unread, found.total) if found is not None else (0, 0)
