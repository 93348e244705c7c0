"""The search box language: parse what the user typed into a `Query`.

Syntax (terms are separated by white space; all terms must hold):

    word            a word of the title or body, by prefix: `elect` finds "election"
    "two words"     an exact phrase (an unclosed quote runs to the end of the text)
    -word -"a b"    exclude articles that the word (by prefix) or phrase would find
    feed:NAME       the article's feed, case-insensitive, by prefix of its name
                    (`feed:diario` finds "Diario-del-Valle"); `feed:"two words"`
                    works; several feed: terms mean any of them; -feed:NAME excludes
    is:unread is:read is:starred (and -is:starred, -is:unread ...)
    after:YYYY-MM-DD before:YYYY-MM-DD
                    exclusive bounds on the article's date; undated articles never
                    pass a date bound

A `key:value` term with any other key is a plain word, so "10:30" still searches.
The parser is total: any text gives a `Query` or a `QueryError` whose message can
be shown to the user as is. It never touches the index, so the UI can parse on
every keystroke and show errors without a round trip.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from reader.core.models import Article

# Straight quotes plus the curly ones that phones and word processors substitute.
QUOTES = frozenset('"“”„')
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WORD = re.compile(r"\w+")
_STATES = {"unread": ("read", False), "read": ("read", True), "starred": ("starred", True)}
_KEYS = frozenset({"feed", "is", "after", "before"})
_LONGEST_KEY = max(map(len, _KEYS))
# A pasted page is not a query; the cap also bounds the SQL the index builds.
MAX_TERMS = 256


class QueryError(ValueError):
    """The text is not a valid query; `str(error)` is a message for the user."""


def fold(text: str) -> str:
    """Compatibility-normalise and casefold, the one comparison form for text.

    NFKC makes ligatures, full-width letters and the like equal to their plain
    forms; casefold (not lower) makes "Straße" equal "strasse". The index folds
    article text the same way, so query and documents always agree.
    """
    once = unicodedata.normalize("NFKC", text).casefold()
    return unicodedata.normalize("NFKC", once)


def has_token(text: str) -> bool:
    """Whether `text` holds a searchable character; pure punctuation finds nothing."""
    return any(c.isalnum() or unicodedata.category(c) == "Co" for c in text)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query. Text terms are folded (see `fold`) and never empty.

    `read`/`starred` are None when the query does not care; the last is: term for
    a flag wins. Date bounds are exclusive; several after: terms keep the latest.
    """

    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    exclude_words: tuple[str, ...] = ()
    exclude_phrases: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    exclude_feeds: tuple[str, ...] = ()
    read: bool | None = None
    starred: bool | None = None
    after: dt.date | None = None
    before: dt.date | None = None

    @property
    def has_text(self) -> bool:
        """Whether any word or phrase term (positive or excluded) needs the full text."""
        return bool(self.words or self.phrases or self.exclude_words or self.exclude_phrases)

    @property
    def is_empty(self) -> bool:
        """Whether the query accepts every article (nothing typed, or only punctuation)."""
        return not self.has_text and not self.has_metadata

    @property
    def has_metadata(self) -> bool:
        """Whether feed:, is: or date terms need `matches_metadata` (or the index's filters)."""
        return bool(
            self.feeds
            or self.exclude_feeds
            or self.read is not None
            or self.starred is not None
            or self.after is not None
            or self.before is not None
        )


@dataclass(frozen=True, slots=True)
class _Term:
    """One lexical term: `-`, an optional known key, the value, and whether it was quoted."""

    negated: bool
    key: str | None
    value: str
    quoted: bool


def parse_query(text: str) -> Query:
    """Parse the search box text; raises only `QueryError`."""
    builder = _Builder()
    terms = _terms(text)
    if len(terms) > MAX_TERMS:
        raise QueryError(f"too many terms (at most {MAX_TERMS})")
    for term in terms:
        builder.add(term)
    return builder.build()


def matches_metadata(query: Query, article: Article, *, read: bool, starred: bool) -> bool:
    """Whether `article` passes the non-text parts of `query` (feed, is:, dates).

    Pure so the caller can apply it with read/starred state that lives outside the
    search index; the index applies feed and date filters itself.
    """
    if query.feeds or query.exclude_feeds:
        feed = fold(article.feed)
        if query.feeds and not feed.startswith(query.feeds):
            return False
        if query.exclude_feeds and feed.startswith(query.exclude_feeds):
            return False
    if query.read is not None and read != query.read:
        return False
    if query.starred is not None and starred != query.starred:
        return False
    return date_in_bounds(query, article.date)


def matches_text(query: Query, text: str) -> bool:
    """Whether the text terms of `query` hold in `text`, without the index.

    Used on titles while the index is still being built: words match by prefix of
    a word of `text`, phrases as substrings, as the index would match them.
    """
    folded = fold(text)
    tokens = _WORD.findall(folded)

    def has_word(word: str) -> bool:
        return any(token.startswith(word) for token in tokens)

    return (
        all(has_word(w) for w in query.words)
        and all(p in folded for p in query.phrases)
        and not any(has_word(w) for w in query.exclude_words)
        and not any(p in folded for p in query.exclude_phrases)
    )


def date_in_bounds(query: Query, date: dt.date | None) -> bool:
    """Exclusive after:/before: bounds; an undated article never passes a bound."""
    if query.after is None and query.before is None:
        return True
    if date is None:
        return False
    if query.after is not None and date <= query.after:
        return False
    return query.before is None or date < query.before


def _terms(text: str) -> list[_Term]:
    """Split `text` into terms, honouring quotes (an unclosed quote runs to the end)."""
    terms: list[_Term] = []
    i, n = 0, len(text)
    while i < n and len(terms) <= MAX_TERMS:
        if text[i].isspace():
            i += 1
            continue
        negated = text[i] == "-"
        if negated:
            i += 1
        key, i = _key_at(text, i)
        value, quoted, i = _value_at(text, i)
        terms.append(_Term(negated, key, value, quoted))
    return terms


def _key_at(text: str, i: int) -> tuple[str | None, int]:
    """A known `key:` at position `i`, and the position after it."""
    colon = text.find(":", i, i + _LONGEST_KEY + 1)
    if colon <= i:
        return None, i
    key = text[i:colon]
    if key.lower() in _KEYS:
        return key.lower(), colon + 1
    return None, i


def _value_at(text: str, i: int) -> tuple[str, bool, int]:
    """A quoted string or a bare word at `i`: (value, quoted, position after it)."""
    n = len(text)
    if i < n and text[i] in QUOTES:
        end = i + 1
        while end < n and text[end] not in QUOTES:
            end += 1
        return text[i + 1 : end], True, end + 1
    end = i
    while end < n and not text[end].isspace():
        end += 1
    return text[i:end], False, end


class _Builder:
    """Accumulates terms into the fields of a `Query`."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.phrases: list[str] = []
        self.exclude_words: list[str] = []
        self.exclude_phrases: list[str] = []
        self.feeds: list[str] = []
        self.exclude_feeds: list[str] = []
        self.flags: dict[str, bool] = {}
        self.after: dt.date | None = None
        self.before: dt.date | None = None

    def add(self, term: _Term) -> None:
        if term.key is None:
            self._add_text(term)
        elif not term.value.strip():
            return  # "feed:" while the user is still typing: no constraint yet
        elif term.key == "feed":
            _append_new(self.exclude_feeds if term.negated else self.feeds, fold(term.value))
        elif term.key == "is":
            self._add_state(term)
        else:
            self._add_date(term)

    def _add_text(self, term: _Term) -> None:
        value = fold(term.value)
        if not has_token(value):
            return
        if term.quoted:
            phrase = " ".join(value.split())
            _append_new(self.exclude_phrases if term.negated else self.phrases, phrase)
        else:
            _append_new(self.exclude_words if term.negated else self.words, value)

    def _add_state(self, term: _Term) -> None:
        state = _STATES.get(term.value.strip().lower())
        if state is None:
            raise QueryError("is: expects unread, read or starred")
        flag, value = state
        self.flags[flag] = value != term.negated

    def _add_date(self, term: _Term) -> None:
        key = term.key or ""
        if term.negated:
            raise QueryError(f"{key}: cannot be negated; use {_OTHER_BOUND[key]}: instead")
        value = term.value.strip()
        try:
            if not _DATE.fullmatch(value):
                raise ValueError(value)
            date = dt.date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"{key}: expects YYYY-MM-DD") from None
        if key == "after":
            self.after = date if self.after is None else max(self.after, date)
        else:
            self.before = date if self.before is None else min(self.before, date)

    def build(self) -> Query:
        return Query(
            words=tuple(self.words),
            phrases=tuple(self.phrases),
            exclude_words=tuple(self.exclude_words),
            exclude_phrases=tuple(self.exclude_phrases),
            feeds=tuple(self.feeds),
            exclude_feeds=tuple(self.exclude_feeds),
            read=self.flags.get("read"),
            starred=self.flags.get("starred"),
            after=self.after,
            before=self.before,
        )


_OTHER_BOUND = {"after": "before", "before": "after"}


def _append_new(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)
