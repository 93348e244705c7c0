"""Searching, on one long-lived thread; the newest request wins.

One thread, not a worker per keystroke: the index keeps a connection and the list
order (100,000 paths, 150 ms to read) per thread.
"""

from __future__ import annotations

import contextlib
import gc
import operator
import os
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import compress
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.message import Message

from reader.core.models import Article
from reader.core.query import (
    Query,
    QueryError,
    matches,
    matches_metadata,
    parse_query,
    phrase_needle,
    word_needle,
)
from reader.core.sanitize import clean_line
from reader.core.state import StateStore
from reader.ui.services import post

if TYPE_CHECKING:  # imported by the search thread: the app's start does without it
    from reader.core.search import SearchIndex


# How much lower the thread reading the index's words runs than the app (as the
# indexer, `reader.core.indexer.INDEXER_NICENESS`).
WORDS_NICENESS = 10
# Seconds without a new search before the last one's leaves are asked of the index.
FILL_PAUSE = 0.2
# Titles searched between two looks at whether a newer search is waiting.
TITLES_AT_ONCE = 20_000


class SearchService:
    """Runs queries against the full-text index (titles only until it exists)."""

    @dataclass
    class Done(Message):
        """A search's outcome: the query (None: no search), the matching articles in
        list order, or an error for the status line. `seq` orders requests."""

        query: Query | None
        hits: list[Article] | None
        error: str | None
        seq: int
        partial: bool = False  # the matches of a partial index, and titles beyond it

    def __init__(self, app: App[None], db_path: Path, store: StateStore) -> None:
        self.app = app
        self.db_path = db_path
        self.store = store
        self.index_ready = db_path.exists()  # else only titles are searched
        self._index: SearchIndex | None = None
        self._keys: tuple[list[Article] | None, list[str]] = (None, [])
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search")
        self._words = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-words")
        self._seq = self._shown = 0
        self._wake = threading.Event()  # set by each new search: see `_fill`
        # Set by the app: whether the index is being built (its first build, before
        # `index_ready`): what it holds so far is then searched, titles beyond it.
        self.building: Callable[[], bool] = lambda: False
        # Set by the app: seconds until the keys and the mouse will have rested long
        # enough for the index's words to be read and warmed (<= 0: they have). At
        # 1,000,000 articles that is ~15 CPU-seconds, in passes that hold the
        # interpreter for up to 50 ms: keys pressed meanwhile took twice their time.
        self.rest_left: Callable[[], float] = lambda: 0.0
        self._closing = threading.Event()
        self.shown_partial = False  # the search shown came from a partial index

    @property
    def pending(self) -> bool:
        """Whether the newest search has not reached the list yet."""
        return self._shown != self._seq

    def run(self, text: str, articles: list[Article]) -> None:
        """Search `articles` for `text`; a `Done` message follows."""
        self._seq += 1
        self._wake.set()
        partial = not self.index_ready and self.building()
        self._thread.submit(self._search, text, articles, self._seq, partial)

    def cancel(self) -> SearchService.Done:
        """Void any search in flight; the outcome of "no search", to apply at once."""
        self._seq += 1
        self._wake.set()
        return self.Done(None, None, None, self._seq)

    def accept(self, done: SearchService.Done) -> bool:
        """Whether `done` is the newest search's outcome (older ones are dropped)."""
        if done.seq != self._seq:
            return False
        self._shown = done.seq
        self.shown_partial = done.partial
        return True

    def prepare(self, articles: list[Article]) -> None:
        """Read the index's list order and match it to the list on the search thread
        before the first search needs it (0.3 s at 100,000 articles), and keep both
        out of the collector's way; then read the index's words on a thread of their
        own (see `SearchIndex.read_vocabulary`). Again after each change of the index."""

        def run() -> None:
            with contextlib.suppress(sqlite3.Error):
                index = self._search_index()
                index.select_mask(parse_query(""), self._key_column(articles))
                gc.freeze()
                self._words.submit(self._read_words, index)

        self._thread.submit(run)

    def _read_words(self, index: SearchIndex) -> None:
        """On the words thread, once input rests (`rest_left`): read the index's words,
        then have the search thread ask for the most frequent ones (`SearchIndex.warm`),
        one a turn and each once input rests, so that a search typed meanwhile waits for
        one word at most and keys never wait for any."""
        if not self._rested():
            return
        read_words(index)
        for word in index.frequent_words():
            if not self._rested():
                return
            try:
                if not self._thread.submit(self._warm, index, word).result():
                    return
            except (RuntimeError, CancelledError):  # shut down meanwhile
                return

    def _rested(self) -> bool:
        """Wait (on a background thread) until input has rested; False when the
        service closes meanwhile."""
        while (left := self.rest_left()) > 0:
            if self._closing.wait(left):
                return False
        return not self._closing.is_set()

    def _warm(self, index: SearchIndex, word: str) -> bool:
        """Warm `word`; whether the next word is worth warming."""
        held, column = self._keys
        if held is None or self._index is not index:
            return False  # (the list the next search asks about is the one to warm)
        try:
            index.warm(column, word)
        except sqlite3.Error:
            return False
        return True

    def close(self) -> None:
        self._closing.set()
        self._wake.set()
        self._thread.shutdown(wait=False, cancel_futures=True)
        self._words.shutdown(wait=False, cancel_futures=True)

    def _search(self, text: str, articles: list[Article], seq: int, partial: bool) -> None:
        if seq != self._seq:
            return  # a newer request is queued behind this one
        used = False
        try:
            query, hits, error, used = self._query_partial(
                text, articles, lambda: seq != self._seq, partial
            )
        except Exception as exc:  # a bug must cost the search, not the app
            query, hits = None, None
            error = clean_line(f"search failed: {type(exc).__name__}: {exc}")
        if seq == self._seq:
            post(self.app, self.Done(query, hits, error, seq, used))
            if self.index_ready and hits is not None:
                self._wake.clear()
                self._thread.submit(self._fill, seq, True)

    def _fill(self, seq: int, first: bool = False) -> None:
        """Between searches: keep the leaves of the last one that ran whole (see
        `SearchIndex.fill_leaves`), one a turn, while no newer search waits; the first
        once typing paused (`FILL_PAUSE`), not while the UI paints that search."""
        if first and self._wake.wait(FILL_PAUSE):
            return  # a newer search came: its own leaves follow it
        if seq != self._seq or self._index is None:
            return
        try:
            more = self._index.fill_leaves()
        except sqlite3.Error:
            return
        if more:
            with contextlib.suppress(RuntimeError):  # shut down meanwhile
                self._thread.submit(self._fill, seq)

    def _query_partial(
        self, text: str, articles: list[Article], stale: Callable[[], bool], partial: bool
    ) -> tuple[Query | None, list[Article] | None, str | None, bool]:
        """`_query`, or while the first index is built (`partial`) the matches of what
        it holds so far plus, for the articles not in it yet, their titles; the last
        item says whether the index was used so."""
        indexed = self._indexed_so_far(articles) if partial else None
        if indexed is None:
            return (*self._query(text, articles, stale), False)
        try:
            query = parse_query(text)
        except QueryError as error:
            return None, None, f"search: {error}", False
        if query.is_empty:
            return None, None, None, False
        try:
            chosen = bytearray(self._search_index().select_mask(query, self._key_column(articles)))
        except (QueryError, sqlite3.Error) as error:
            return None, None, f"search: {error}", False
        store = self.store
        possible = title_filter(query)
        for i in compress(range(len(articles)), map(operator.not_, indexed)):
            if stale():
                return query, [], None, True
            article = articles[i]
            if possible(article.title) and matches(
                query,
                article.title,
                article,
                read=store.is_read(article.id),
                starred=store.is_starred(article.id),
            ):
                chosen[i] = 2  # by title: its marks are checked already
        hits = list(compress(articles, chosen))
        if query.has_metadata:
            hits = [
                a
                for a, how in zip(hits, filter(None, chosen), strict=True)
                if how == 2
                or matches_metadata(
                    query, a, read=store.is_read(a.id), starred=store.is_starred(a.id)
                )
            ]
        return query, hits, None, True

    def _indexed_so_far(self, articles: list[Article]) -> bytes | None:
        """Which of `articles` the index holds (None: no index to search yet)."""
        if not self.db_path.exists():
            return None
        try:
            indexed = self._search_index().select_mask(parse_query(""), self._key_column(articles))
        except sqlite3.Error:
            return None
        return indexed if any(indexed) else None

    def _query(
        self, text: str, articles: list[Article], stale: Callable[[], bool] = lambda: False
    ) -> tuple[Query | None, list[Article] | None, str | None]:
        """Parse and run the query: (query, matching articles in list order, error).
        A search of titles alone gives up once `stale` (a newer one is waiting)."""
        try:
            query = parse_query(text)
        except QueryError as error:
            return None, None, f"search: {error}"
        if query.is_empty:
            return None, None, None
        store = self.store

        def keep(article: Article) -> bool:
            return matches_metadata(
                query,
                article,
                read=store.is_read(article.id),
                starred=store.is_starred(article.id),
            )

        if not self.index_ready:  # titles alone, every term (groups too) as the index would
            is_read, is_starred = store.is_read, store.is_starred
            possible = title_filter(query)
            hits = []
            for start in range(0, len(articles), TITLES_AT_ONCE):
                if stale():
                    return query, [], None
                hits += [
                    a
                    for a in articles[start : start + TITLES_AT_ONCE]
                    if possible(a.title)
                    and matches(query, a.title, a, read=is_read(a.id), starred=is_starred(a.id))
                ]
            return query, hits, None
        try:
            selected = self._search_index().select_mask(query, self._key_column(articles))
        except (QueryError, sqlite3.Error) as error:
            return None, None, f"search: {error}"
        hits = list(compress(articles, selected))  # the list's own order, not the index's
        if query.has_metadata:
            hits = [a for a in hits if keep(a)]
        return query, hits, None

    def _key_column(self, articles: list[Article]) -> list[str]:
        """The entry key of each of `articles`, kept while the list is the same (search
        results are matched against it column-wise, 100,000 rows in a few ms)."""
        held, column = self._keys
        if held is not articles:
            column = [a.key for a in articles]
            self._keys = (articles, column)
        return column

    def _search_index(self) -> SearchIndex:
        if self._index is None:
            from reader.core.search import SearchIndex

            self._index = SearchIndex(self.db_path)
        return self._index


def read_words(index: SearchIndex) -> None:
    """Read the index's words at the indexer's lower priority (this thread only, where
    the system allows it): seconds of CPU that the UI must not wait behind."""
    with contextlib.suppress(OSError, AttributeError):
        thread = threading.get_native_id()
        niceness = os.getpriority(os.PRIO_PROCESS, thread) + WORDS_NICENESS
        os.setpriority(os.PRIO_PROCESS, thread, min(19, niceness))
    with contextlib.suppress(sqlite3.Error):
        index.read_vocabulary()


def title_filter(query: Query) -> Callable[[str], bool]:
    """A quick test that a title may match `query`: False only for a title that cannot
    (`matches` decides for the others). Matching a title token by token costs tens of
    microseconds, a search of a million titles a minute; most titles lack a word the
    query needs, and in an ASCII title (folded, it is the lower-cased text) that shows
    as a missing substring."""
    test = _needs(query)
    if test is None:
        return lambda title: True

    def possible(title: str) -> bool:
        return not title.isascii() or test(title.lower())

    return possible


def _needs(query: Query) -> Callable[[str], bool] | None:
    """A test of a lower-cased ASCII title that holds whenever `query` matches it: every
    token of the words and phrases it needs is in the title, and one alternative of each
    group passes its own test. None when the query needs no token."""
    needles = [word_needle(w) for w in query.words] + [phrase_needle(p) for p in query.phrases]
    tokens = sorted({t for n in needles if n is not None for t in n.tokens}, key=len, reverse=True)
    groups: list[list[Callable[[str], bool]]] = []
    for group in query.any_of:
        tests = [_needs(alternative) for alternative in group]
        if all(test is not None for test in tests):
            groups.append([test for test in tests if test is not None])
    if not tokens and not groups:
        return None

    def test(low: str) -> bool:  # loops, not all()/any() of generators: twice as quick
        for token in tokens:
            if token not in low:
                return False
        for tests in groups:
            for alternative in tests:
                if alternative(low):
                    break
            else:
                return False
        return True

    return test
