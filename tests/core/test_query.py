"""Search box language: each construct, error messages, metadata matching, totality."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.models import Article
from reader.core.query import MAX_TERMS, Query, QueryError, fold, matches_metadata, parse_query


def article(feed: str = "Harbour", date: dt.date | None = dt.date(2025, 3, 14)) -> Article:
    return Article(id="x", path=Path("/x.txt"), feed=feed, title="T", date=date, mtime=0.0)


def test_words_are_folded_and_all_kept() -> None:
    query = parse_query("Ferry  TIMETABLE")
    assert query.words == ("ferry", "timetable")
    assert not query.is_empty and query.has_text


def test_folding_is_casefold_plus_nfkc() -> None:
    assert parse_query("Straße ﬁnance ＡＢＣ").words == ("strasse", "finance", "abc")
    assert fold("ÉLECTION") == "élection"


def test_repeated_words_count_once() -> None:
    assert parse_query("ferry Ferry").words == ("ferry",)


def test_phrase_keeps_order_and_collapses_spaces() -> None:
    query = parse_query('harbour "Ferry   Timetable" council')
    assert query.phrases == ("ferry timetable",)
    assert query.words == ("harbour", "council")


def test_unbalanced_quote_takes_the_rest_as_phrase() -> None:
    assert parse_query('vote "new ferry timetable').phrases == ("new ferry timetable",)


def test_curly_quotes_delimit_phrases_too() -> None:
    assert parse_query("“ferry timetable”").phrases == ("ferry timetable",)


def test_exclusions_of_words_and_phrases() -> None:
    query = parse_query('council -sport -"fish market"')
    assert query.words == ("council",)
    assert query.exclude_words == ("sport",)
    assert query.exclude_phrases == ("fish market",)


def test_lone_dash_and_punctuation_are_ignored() -> None:
    query = parse_query('- -- ... "" ?!')
    assert query == Query()
    assert query.is_empty


def test_feed_terms_are_folded_and_any_of_them() -> None:
    query = parse_query('feed:Harbour FEED:"Tech Ledger" -feed:Sport')
    assert query.feeds == ("harbour", "tech ledger")
    assert query.exclude_feeds == ("sport",)
    assert not query.has_text and query.has_metadata


def test_key_without_value_is_no_constraint_yet() -> None:
    assert parse_query("feed: is: after:").is_empty


@pytest.mark.parametrize(
    ("text", "read", "starred"),
    [
        ("is:unread", False, None),
        ("is:read", True, None),
        ("is:starred", None, True),
        ("-is:starred", None, False),
        ("-is:unread IS:Starred", True, True),
        ("is:read is:unread", False, None),  # the last one wins
    ],
)
def test_state_terms(text: str, read: bool | None, starred: bool | None) -> None:
    query = parse_query(text)
    assert (query.read, query.starred) == (read, starred)


def test_unknown_state_is_an_error() -> None:
    with pytest.raises(QueryError, match=r"is: expects unread, read or starred"):
        parse_query("is:later")


def test_date_bounds_keep_the_tightest() -> None:
    query = parse_query("after:2025-01-01 after:2025-02-01 before:2025-06-01 before:2025-05-01")
    assert query.after == dt.date(2025, 2, 1)
    assert query.before == dt.date(2025, 5, 1)


@pytest.mark.parametrize("value", ["2025-1-1", "2025-13-01", "2025-02-30", "x", "２０２５-1-01"])
@pytest.mark.parametrize("key", ["after", "before"])
def test_bad_dates_say_what_is_expected(key: str, value: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(f"ferry {key}:{value}")
    assert str(caught.value) == f"{key}: expects YYYY-MM-DD, as in {key}:2025-03-14"


def test_full_width_text_reads_as_its_plain_form() -> None:
    """The text is NFKC-normalised before it is read: full-width digits, colons and
    parentheses (an IME's) are the plain ones."""
    query = parse_query("ａｆｔｅｒ：２０２５-01-01 （ｇａｌｅ ＯＲ ｗｉｎｄ）")
    assert query.after == dt.date(2025, 1, 1)
    assert query.any_of == ((Query(words=("gale",)), Query(words=("wind",))),)


def test_negated_date_is_an_error() -> None:
    with pytest.raises(QueryError, match="before:"):
        parse_query("-after:2025-01-01")


@pytest.mark.parametrize("text", ["10:30", "http://example.com/a", "re:vote", "-x:y"])
def test_unknown_keys_are_plain_words(text: str) -> None:
    query = parse_query(text)
    terms = query.exclude_words if text.startswith("-") else query.words
    assert terms == (text.lstrip("-"),)


def test_quoted_key_is_a_phrase() -> None:
    assert parse_query('"feed:harbour"').phrases == ("feed:harbour",)


def test_too_many_terms() -> None:
    with pytest.raises(QueryError, match="too many terms"):
        parse_query("w " * (MAX_TERMS + 1))
    assert len(parse_query(" ".join(f"w{i}" for i in range(MAX_TERMS))).words) == MAX_TERMS


# -- matches_metadata --------------------------------------------------------------


def test_metadata_feed_is_case_insensitive_any_of() -> None:
    query = parse_query("feed:harbour feed:tech")
    assert matches_metadata(query, article("HARBOUR"), read=False, starred=False)
    assert matches_metadata(query, article("Technology"), read=False, starred=False)
    assert not matches_metadata(query, article("Sport"), read=False, starred=False)
    assert not matches_metadata(parse_query("-feed:harbour"), article(), read=False, starred=False)


def test_metadata_feed_matches_a_prefix_of_the_name() -> None:
    def passes(text: str, feed: str) -> bool:
        return matches_metadata(parse_query(text), article(feed), read=False, starred=False)

    assert passes("feed:diario", "diario-del-valle")
    assert passes("feed:DIARIO-DEL", "Diario-del-Valle")
    assert passes('feed:"harbour g"', "Harbour Gazette")
    assert passes("feed:ﬁsh", "Fisheries")  # folded like the name: the ligature is "fi"
    assert not passes("feed:valle", "diario-del-valle")  # a prefix, not a substring
    assert not passes("feed:diario-del-valle-x", "diario-del-valle")
    assert not passes("-feed:diario", "diario-del-valle")
    assert passes("-feed:diario", "harbour")


def test_metadata_flags() -> None:
    unread_starred = parse_query("is:unread is:starred")
    assert matches_metadata(unread_starred, article(), read=False, starred=True)
    assert not matches_metadata(unread_starred, article(), read=True, starred=True)
    assert not matches_metadata(unread_starred, article(), read=False, starred=False)


def test_metadata_date_bounds_are_exclusive_and_skip_undated() -> None:
    query = parse_query("after:2025-03-13 before:2025-03-15")
    assert matches_metadata(query, article(date=dt.date(2025, 3, 14)), read=False, starred=False)
    for date in (dt.date(2025, 3, 13), dt.date(2025, 3, 15), None):
        assert not matches_metadata(query, article(date=date), read=False, starred=False)
    assert matches_metadata(parse_query("ferry"), article(date=None), read=True, starred=True)


# -- totality ------------------------------------------------------------------------

# Pieces that combine into near-miss syntax: keys, quotes, dashes, dates, odd letters.
_PIECES = [*'ab -:"“”*()^+.,éß ﬁ\t\n\x000123456789', "feed:", "is:", "after:", "2025-01-01"]
_QUERYISH = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@given(st.one_of(st.text(max_size=200), _QUERYISH))
def test_parse_never_raises_anything_but_query_error(text: str) -> None:
    try:
        query = parse_query(text)
    except QueryError as error:
        assert str(error)
        return
    for term in (*query.words, *query.phrases, *query.exclude_words, *query.exclude_phrases):
        assert term and fold(term) == term


def test_matches_text_without_the_index() -> None:
    from reader.core.query import matches_text

    title = "Storm Hesper: roofs torn off as gusts reach 91mph"
    assert matches_text(parse_query("hesp roof"), title)
    assert matches_text(parse_query('"roofs torn"'), title)
    assert not matches_text(parse_query("storm -gust"), title)
    assert not matches_text(parse_query('"torn roofs"'), title)
    assert matches_text(parse_query("STORM"), title)
