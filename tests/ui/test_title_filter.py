"""The quick test before a title is matched token by token (search without an index)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.models import Article
from reader.core.query import QueryError, matches, parse_query
from reader.core.state import StateStore
from reader.ui.services.search import SearchService, title_filter

WORDS = ["storm", "Storm", "gale", "uk", "e-mail", "café", "CAFE", "straße", "harbour", "for"]
TITLE = st.lists(st.sampled_from([*WORDS, ",", "-", "(x)", "Ünïcode", "42"]), max_size=6)
TERM = st.sampled_from([*WORDS, "sto", "ha", '"storm gale"', '"for harbour"', "-gale", "feed:x"])


@st.composite
def queries(draw: st.DrawFn) -> str:
    parts = draw(st.lists(TERM, min_size=1, max_size=4))
    if draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), "OR")
    if draw(st.booleans()) and len(parts) > 1:
        parts[0] = "(" + parts[0]
        parts[-1] = parts[-1] + ")"
    return " ".join(parts)


@given(TITLE, queries())
@settings(max_examples=400, deadline=None)
def test_the_quick_test_never_drops_a_title_that_matches(words: list[str], text: str) -> None:
    title = " ".join(words)
    try:
        query = parse_query(text)
    except QueryError:
        return
    if matches(query, title, read=False, starred=False):
        assert title_filter(query)(title), (title, text)


def test_it_drops_titles_without_a_needed_word() -> None:
    possible = title_filter(parse_query('"storm gale" OR (harbour -council)'))
    assert not possible("Quiet day in the village")
    assert possible("A storm and a gale")  # may match: `matches` decides
    assert possible("Harbour news")
    assert possible("Tempête à Brest")  # not ASCII: always left to `matches`


def test_a_title_search_gives_up_when_a_newer_one_waits(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.json")
    service = SearchService.__new__(SearchService)
    service.store, service.index_ready = store, False
    rows = [Article(f"i{n}", f"/l/f/{n}.txt", "f", f"storm {n}", None, 0.0) for n in range(5)]
    assert service._query("storm", rows)[1] == rows
    assert service._query("storm", rows, stale=lambda: True)[1] == []
