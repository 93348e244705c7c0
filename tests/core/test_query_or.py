"""OR and parentheses in the search language; the matcher used without the index
agreeing with the index; highlighting needles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.models import Article
from reader.core.query import (
    MAX_DEPTH,
    QUERY_HELP,
    Needle,
    Query,
    QueryError,
    find_needle,
    find_spans,
    format_query,
    matches,
    matches_metadata,
    matches_text,
    needles,
    parse_query,
)
from reader.core.search import SearchIndex, match_sql


def words(*items: str) -> Query:
    return Query(words=items)


# -- parsing ---------------------------------------------------------------------------


def test_or_makes_one_group_of_alternatives() -> None:
    assert parse_query("storm OR gale") == Query(any_of=((words("storm"), words("gale")),))


def test_and_binds_tighter_than_or() -> None:
    assert parse_query("a b OR c") == Query(any_of=((words("a", "b"), words("c")),))


def test_parentheses_group_alternatives_inside_an_and() -> None:
    query = parse_query("storm (gale OR wind) -(hail OR snow)")
    assert query.words == ("storm",)
    assert query.any_of == ((words("gale"), words("wind")),)
    assert query.exclude_groups == (Query(any_of=((words("hail"), words("snow")),)),)


def test_lower_case_or_is_a_word() -> None:
    assert parse_query("this or that").words == ("this", "or", "that")
    assert parse_query('"OR"').phrases == ("or",)


def test_or_at_either_end_or_doubled_is_ignored_while_typing() -> None:
    assert parse_query("storm OR") == words("storm")
    assert parse_query("OR storm OR OR") == words("storm")
    assert parse_query("OR").is_empty


def test_text_groups_without_or_merge_into_their_level() -> None:
    assert parse_query("a (b (c -d))") == Query(words=("a", "b", "c"), exclude_words=("d",))


def test_unclosed_parenthesis_closes_at_the_end() -> None:
    assert parse_query("storm (gale OR wind") == parse_query("storm (gale OR wind)")
    assert parse_query("(((").is_empty


def test_a_closing_parenthesis_outside_a_group_is_part_of_a_word() -> None:
    assert parse_query("f(x)").words == ("f(x)",)
    # Inside a group the first `)` closes it.
    assert parse_query("(f(x OR y)").any_of == ((words("f(x"), words("y")),)


def test_metadata_terms_work_inside_groups() -> None:
    query = parse_query('(feed:harbour OR feed:"tech ledger") after:2025-01-01')
    assert query.after == dt.date(2025, 1, 1)
    assert query.any_of == ((Query(feeds=("harbour",)), Query(feeds=("tech ledger",))),)
    assert query.has_metadata


def test_feed_groups_keep_their_meaning() -> None:
    # Several feed: terms of one level are any of them: a group of its own stays apart.
    query = parse_query("feed:a (feed:b storm)")
    assert query.feeds == ("a",)
    assert query.any_of == ((Query(words=("storm",), feeds=("b",)),),)


@pytest.mark.parametrize(
    "text", ["is:unread storm OR gale", "(is:starred storm)", "storm OR -is:read", "-(is:read)"]
)
def test_is_terms_inside_groups_are_refused_with_the_fix(text: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    assert "put it outside: is:unread (storm OR gale)" in str(caught.value)
    assert parse_query("is:unread (storm OR gale)").read is False


def test_nesting_is_capped() -> None:
    parse_query("(" * MAX_DEPTH + "a")
    with pytest.raises(QueryError, match="too many parentheses"):
        parse_query("(" * (MAX_DEPTH + 1) + "a")


def test_query_help_names_every_construct() -> None:
    terms = " ".join(term for term, _ in QUERY_HELP)
    for construct in ("OR", "(", '"', "-word", "feed:", "is:unread", "after:", "before:"):
        assert construct in terms


# -- round trips -------------------------------------------------------------------

_WORDS = st.sampled_from(["storm", "gale", "Wind", "éte", "f(x", "10:30", "or", "a", "x_y"])
_FEEDS = st.sampled_from(["harbour", '"tech ledger"', "Sport"])
_DATES = st.sampled_from(["2025-01-01", "2025-03-14"])


def _leaf() -> st.SearchStrategy[str]:
    return st.one_of(
        _WORDS,
        _WORDS.map(lambda w: f"-{w}"),
        st.lists(_WORDS, min_size=1, max_size=3).map(lambda ws: '"' + " ".join(ws) + '"'),
        _FEEDS.map(lambda f: f"feed:{f}"),
        _FEEDS.map(lambda f: f"-feed:{f}"),
        _DATES.map(lambda d: f"after:{d}"),
        _DATES.map(lambda d: f"before:{d}"),
    )


def _expression(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    sequence = st.lists(children, min_size=1, max_size=3).map(" ".join)
    either = st.lists(sequence, min_size=1, max_size=3).map(" OR ".join)
    return st.one_of(either, either.map(lambda e: f"({e})"), either.map(lambda e: f"-({e})"))


SENSIBLE = st.recursive(_leaf(), _expression, max_leaves=12)
FLAGS = st.sampled_from(["", "is:unread ", "-is:starred ", "is:read is:starred "])


@settings(max_examples=300)
@given(FLAGS, SENSIBLE)
def test_sensible_queries_round_trip(flags: str, text: str) -> None:
    query = parse_query(f"{flags}({text})" if flags else text)
    assert parse_query(format_query(query)) == query


_PIECES = [*'ab -:"“”*()^+.,éß ﬁ\t\n\x000129', " OR ", "OR", "feed:", "is:", "after:", "(", ")"]


@given(
    st.one_of(st.text(max_size=120), st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
)
def test_parse_is_total_and_what_parses_round_trips(text: str) -> None:
    try:
        query = parse_query(text)
    except QueryError as error:
        assert str(error)
        return
    assert parse_query(format_query(query)) == query


# -- the index and the matcher agree ------------------------------------------------

LIBRARY = [
    (
        "harbour",
        dt.date(2025, 3, 14),
        "Storm Hesper batters the harbour",
        "Gale-force winds tore roofs off.",
    ),
    ("harbour", dt.date(2025, 2, 1), "Ferry timetable changes", "Late crossings return in spring."),
    (
        "harbour",
        None,
        "Lighthouse keeper retires",
        "After forty years the keeper hands over the light.",
    ),
    (
        "tech ledger",
        dt.date(2025, 3, 1),
        "Chip makers expand",
        "New factories; the storm delayed parts.",
    ),
    (
        "tech ledger",
        dt.date(2025, 1, 10),
        "Élection au club",
        "Les électeurs ont voté: e-mail vote.",
    ),
    ("sport", dt.date(2024, 12, 24), "Rowing club wins title", "The rowing club won in a gale."),
]
READ = {1, 3}
STARRED = {0, 4}

AGREEMENT = [
    "storm",
    "storm OR gale",
    "storm gale OR ferry",
    "(storm OR ferry) harbour",
    "-(storm OR gale)",
    "club -(rowing OR gale)",
    '"the storm" OR "late crossings"',
    "elect OR e-mail",
    "feed:harbour OR feed:sport",
    "(feed:harbour storm) OR (feed:sport gale)",
    "(after:2025-02-01 OR feed:sport) -chip",
    "-(feed:harbour OR before:2025-01-01)",
    "is:unread (storm OR gale OR ferry)",
    "-is:starred (club OR keeper)",
    "(-storm OR chip) (-gale OR rowing)",
    "gale -(after:2025-01-01)",
    "e",
    "ga OR ro",
    "gal OR row",
    '"rowing club" OR "club wins" OR (light -keeper)',
]


def _articles() -> list[Article]:
    return [
        Article(
            id=f"id{i}", path=f"/lib/{i}.txt", feed=feed, title=title, date=date, mtime=float(i)
        )
        for i, (feed, date, title, _) in enumerate(LIBRARY)
    ]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    db = tmp_path_factory.mktemp("or") / "search.sqlite3"
    with SearchIndex(db) as index:
        index.update((a, 1, LIBRARY[i][3]) for i, a in enumerate(_articles()))
        yield index


def _by_index(index: SearchIndex, query: Query) -> set[int]:
    articles = _articles()
    by_key = {a.key: i for i, a in enumerate(articles)}
    selected = index.select(query, [a.key for a in articles])
    return {
        i
        for i, a in enumerate(articles)
        if selected[i]
        and matches_metadata(query, a, read=i in READ, starred=i in STARRED)
        and by_key[a.key] == i
    }


def _by_matcher(query: Query) -> set[int]:
    return {
        i
        for i, a in enumerate(_articles())
        if matches(query, f"{a.title}\n\n{LIBRARY[i][3]}", a, read=i in READ, starred=i in STARRED)
    }


@pytest.mark.parametrize("text", AGREEMENT)
def test_the_matcher_without_the_index_agrees_with_the_index(
    indexed: SearchIndex, text: str
) -> None:
    query = parse_query(text)
    found = _by_index(indexed, query)
    assert found == _by_matcher(query)
    # each query finds something (words of one or two letters: no prefix)
    assert found or text in ("e", "ga OR ro")


def test_or_queries_find_what_they_say(indexed: SearchIndex) -> None:
    assert _by_index(indexed, parse_query("storm OR ferry")) == {0, 1, 3}
    assert _by_index(indexed, parse_query("storm gale OR ferry")) == {0, 1}
    assert _by_index(indexed, parse_query("feed:sport OR lighthouse")) == {2, 5}
    assert _by_index(indexed, parse_query("-(feed:harbour OR feed:sport)")) == {3, 4}
    assert _by_index(indexed, parse_query("is:unread (storm OR gale)")) == {0, 5}


_VOCABULARY = st.sampled_from(["storm", "gale", "club", "the", "elect", "keeper", "chip", "rowing"])
_AGREE_LEAF = st.one_of(
    _VOCABULARY,
    _VOCABULARY.map(lambda w: f"-{w}"),
    st.sampled_from(['"the storm"', '"rowing club"', "feed:harbour", "-feed:sport"]),
    st.sampled_from(["after:2025-02-01", "before:2025-03-01"]),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.recursive(_AGREE_LEAF, _expression, max_leaves=8))
def test_index_and_matcher_agree_on_generated_queries(indexed: SearchIndex, text: str) -> None:
    query = parse_query(text)
    assert _by_index(indexed, query) == _by_matcher(query)


def test_title_matcher_handles_or() -> None:
    title = "Storm Hesper: roofs torn off as gusts reach 91mph"
    assert matches_text(parse_query("hail OR hesp"), title)
    assert not matches_text(parse_query("hail OR snow"), title)
    assert matches_text(parse_query('"roofs, torn"'), title)  # punctuation between tokens
    assert not matches_text(parse_query("storm -(gusts OR hail)"), title)


def test_text_only_groups_become_one_fts_expression() -> None:
    sql, params = match_sql(parse_query("storm (gale OR wind) -(hail OR snow)"))
    assert sql == "SELECT group_concat(rowid) FROM docs_text WHERE docs_text MATCH ?"
    assert params == ['("storm"* AND (("gale"*) OR ("wind"*))) NOT (((("hail"*) OR ("snow"*))))']


def test_user_text_never_becomes_an_fts_operator() -> None:
    _, params = match_sql(parse_query('NEAR(a b) OR x* (AND OR "NOT")'))
    for param in params:
        unquoted = param.replace('""', "").split('"')[0::2]
        assert "NEAR" not in "".join(unquoted) and "NOT" not in "".join(unquoted)


# -- highlighting ----------------------------------------------------------------------


def test_needles_are_the_positive_words_and_phrases() -> None:
    found = needles(parse_query('storm "late crossings" -gale (wind OR e) -(hail)'))
    assert found == (
        Needle(("storm",), True),
        Needle(("late", "crossings"), False),
        Needle(("wind",), True),
        Needle(("e",), False),
    )


def test_find_spans_fold_like_the_index_and_cover_whole_words() -> None:
    text = "STORM warning: Élections, storms and the Straße; late  crossings."
    found = needles(parse_query('storm elect strasse "late crossings"'))
    spans = [text[a:b] for a, b in find_spans(text, found)]
    assert spans == ["STORM", "Élections", "storms", "Straße", "late  crossings"]


def test_find_spans_prefers_the_longest_match_and_never_overlaps() -> None:
    text = "the rowing club rowing"
    found = (Needle(("rowing",), False), Needle(("rowing", "club"), False))
    assert find_spans(text, found) == [(4, 15), (16, 22)]


def test_find_needle_reads_the_typed_words_as_a_phrase_ending_in_a_prefix() -> None:
    needle = find_needle("Storm HE")
    assert needle == Needle(("storm", "he"), True)
    assert find_spans("a storm hesper; storm", (needle,)) == [(2, 14)]
    assert find_needle("  ?! ") is None


# -- matches in display blocks -------------------------------------------------------


def test_find_matches_in_blocks_and_step_between_them() -> None:
    from reader.core.document import DocBlock, Span
    from reader.core.highlight import Match, block_marks, find_matches, step

    blocks = [
        DocBlock("heading", (Span("Storm "), Span("Hesper", bold=True))),
        DocBlock("rule"),
        DocBlock("para", (Span("The storm's eye passed; storms again."),)),
    ]
    found = find_matches(blocks, needles(parse_query('"storm hesper" OR storm')))
    assert found == [Match(0, 0, 12), Match(2, 4, 9), Match(2, 24, 30)]
    assert block_marks(found, 3, 1) == [[(0, 12, False)], [], [(4, 9, True), (24, 30, False)]]
    assert step(None, 3, 1) == (0, False) and step(None, 3, -1) == (2, False)
    assert step(2, 3, 1) == (0, True) and step(0, 3, -1) == (2, True)
    assert step(0, 3, 1) == (1, False)
    assert find_matches(blocks, ()) == []
