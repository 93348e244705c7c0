"""What the article list shows: the library's rows, narrowed by the active search
and the unread-only and starred-only toggles. Plain state, no widgets: the app
hands `visible()` to the list and `unread_count()` to the status line."""

from __future__ import annotations

import gc
from operator import attrgetter

from reader.core.models import Article
from reader.core.query import Query
from reader.core.state import StateStore


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
        self._unread: tuple[int, int, int] = (-1, -1, 0)  # (revision, rows' id, count)

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

    def visible(self) -> list[Article]:
        """The rows the list shows, in list order."""
        rows = self.articles if self.hits is None else self.hits
        if self.unread_only:
            read = self.store.read_ids()  # one set, not a store lookup per row
            rows = [a for a in rows if a.id not in read]
        if self.starred_only:
            is_starred = self.store.is_starred
            rows = [a for a in rows if is_starred(a.id)]
        return rows

    def unread_count(self) -> int:
        """Unread articles in the library, counted again only when marks or rows changed."""
        key = (self.store.revision, id(self.articles))
        if self._unread[:2] != key:
            read = self.store.read_ids()
            ids = map(attrgetter("id"), self.articles)
            self._unread = (*key, len(self.articles) - sum(map(read.__contains__, ids)))
        return self._unread[2]
