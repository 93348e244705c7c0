"""The list's mask from bitsets of a query's leaves (`select_mask` once they are kept)
agrees with the query run whole in SQL (`search`, and `select_mask` before they are),
and the bitsets round-trip."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core import search
from reader.core.library import scan
from reader.core.models import Article
from reader.core.query import parse_query
from reader.core.search import SearchIndex, _pack, _unpack, index_library
from tests.core.test_query_or import AGREEMENT, LIBRARY
from tests.core.test_query_or import _articles as or_articles
from tests.core.test_search import PAGES, VOCABULARY_QUERIES, write_library


@given(st.lists(st.booleans(), max_size=200))
def test_a_mask_packs_into_a_bitset_and_back(flags: list[bool]) -> None:
    mask = bytes(flags)
    bits = _pack(mask)
    assert bits.bit_count() == sum(flags)
    assert [bool(bits >> i & 1) for i in range(len(flags))] == flags
    assert _unpack(bits, len(mask)) == mask


@pytest.fixture(scope="module")
def or_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    db = tmp_path_factory.mktemp("bits") / "search.sqlite3"
    with SearchIndex(db) as index:
        index.update((a, 1, LIBRARY[i][3]) for i, a in enumerate(or_articles()))
        yield index


def _fill(index: SearchIndex) -> int:
    """Keep every leaf the last search ran without (as the app does between searches);
    how many."""
    filled = 0
    while True:
        more = index.fill_leaves()
        filled += 1
        if not more:
            return filled


def _from_leaves(index: SearchIndex, text: str, keys: list[str]) -> list[bool]:
    """`select`, asserting that it needed no leaf it had not kept."""
    selected = index.select(parse_query(text), keys)
    assert getattr(index._local, "missing", None) is None, text
    return selected


def _by_sql(index: SearchIndex, text: str, keys: list[str]) -> list[bool]:
    found = set(index.search(parse_query(text)))
    return [key in found for key in keys]


@pytest.mark.parametrize("text", AGREEMENT)
def test_bitsets_select_what_sql_selects(or_index: SearchIndex, text: str) -> None:
    # The list: the library backwards, a key the index lacks, one listed twice.
    keys = [a.key for a in reversed(or_articles())] + ["/lib/none.txt", "/lib/0.txt"]
    expected = _by_sql(or_index, text, keys)
    assert or_index.select(parse_query(text), keys) == expected  # whole, in SQL
    _fill(or_index)
    assert _from_leaves(or_index, text, keys) == expected


def test_every_query_of_the_search_tests_agrees(tmp_path: Path) -> None:
    """The other tests' queries, through FTS5 prefixes and then the vocabulary's words,
    each twice (kept leaves), in one list whose leaves pile up."""
    library: list[Article] = scan([write_library(tmp_path / "lib", PAGES)]).articles
    db = tmp_path / "search.sqlite3"
    index_library(db, library)
    keys = [a.key for a in library]
    with SearchIndex(db) as index:
        for vocabulary in (False, True):
            if vocabulary:
                assert index.read_vocabulary() > 10
            for text in VOCABULARY_QUERIES + AGREEMENT:
                expected = _by_sql(index, text, keys)
                assert index.select(parse_query(text), keys) == expected, text
                _fill(index)
                assert _from_leaves(index, text, keys) == expected, text


def test_kept_leaves_stay_within_their_bytes(
    or_index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "LEAF_CACHE_BYTES", 100)
    keys = [a.key for a in or_articles()]
    for text in AGREEMENT:
        or_index.select(parse_query(text), keys)
        _fill(or_index)
        assert or_index.select(parse_query(text), keys) == _by_sql(or_index, text, keys)
    order = or_index._list_order(or_index._connection())
    assert 1 <= len(order._leaves) <= 3
    assert order._leaf_bytes[0] <= 100 or len(order._leaves) == 1


def test_a_changed_index_or_list_drops_the_kept_leaves(tmp_path: Path) -> None:
    articles = or_articles()
    with SearchIndex(tmp_path / "search.sqlite3") as index:
        index.update((a, 1, LIBRARY[i][3]) for i, a in enumerate(articles))
        keys = [a.key for a in articles]
        index.select(parse_query("roofs"), keys)
        assert _fill(index) == 1  # the one word
        before = _from_leaves(index, "roofs", keys)
        assert any(before)
        first = before.index(True)
        index.update([(articles[first], 2, "calm water")])
        after = index.select(parse_query("roofs"), keys)
        assert after[first] is False and sum(after) == sum(before) - 1 == 0
        shorter = keys[first + 1 :]
        assert index.select(parse_query("roofs"), shorter) == after[first + 1 :]


def test_frequent_words_are_asked_ahead_and_kept_for_the_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "WARM_DOCS_MIN", 2)
    articles = or_articles()
    with SearchIndex(tmp_path / "search.sqlite3") as index:
        index.update((a, 1, LIBRARY[i][3]) for i, a in enumerate(articles))
        assert index.frequent_words() == []  # not before the words are read
        assert index.read_vocabulary() > 10
        frequent = index.frequent_words()
        assert frequent and "the" in frequent and "roofs" not in frequent  # in one article
        keys = [a.key for a in articles]
        expected = index.select(parse_query("the"), keys)  # through a cold list order
        order = index._list_order(index._connection())
        order._leaves.clear()
        index.warm(keys, "the")
        kept = dict(order._leaves)
        assert ("text", '"the"') in kept
        assert _from_leaves(index, "the", keys) == expected
        assert order._leaves.keys() == kept.keys()  # the search asked nothing new
