"""The search box language: parse what the user typed into a `Query`.

Syntax (terms are separated by white space; all terms must hold):

    word            a word of the title or body, by prefix: `elect` finds "election"
                    (a word of one or two letters, like `uk`, only as a whole word)
    "two words"     an exact phrase (an unclosed quote runs to the end of the text)
    -word -"a b"    exclude articles that the word (by prefix) or phrase would find
    a OR b          either side; `OR` in capitals (a lower-case "or" is a word).
                    AND binds tighter, as in most search engines: `a b OR c` is
                    `(a b) OR c`
    ( ... )         grouping: `storm (gale OR wind)`; `-(a OR b)` excludes both;
                    an unclosed `(` closes at the end of the text
    feed:NAME       the article's feed, case-insensitive, by prefix of its name
                    (`feed:diario` finds "Diario-del-Valle"); `feed:"two words"`
                    works; several feed: terms mean any of them; -feed:NAME excludes
    is:unread is:read is:starred (and -is:starred, -is:unread ...); only outside
                    parentheses and OR, where they apply to the whole query
    after:YYYY-MM-DD before:YYYY-MM-DD
                    exclusive bounds on the article's date; undated articles never
                    pass a date bound

A `key:value` term with any other key is a plain word, so "10:30" still searches.
The parser is total: any text gives a `Query` or a `QueryError` whose message can
be shown to the user as is. It never touches the index, so the UI can parse on
every keystroke and show errors without a round trip. `format_query` writes a
`Query` back as text that parses to the same `Query`.

Words and phrases match token by token as the index (SQLite FTS5, unicode61,
diacritics removed) does: `matches`/`matches_text` search titles before the index
exists, and `needles` + `find_spans` find what to highlight in an open article.
Chinese, Japanese and Korean letters are tokens one by one (`spaced_cjk`), so that
a word of them (`港口`) is the phrase of its letters, found inside a longer run.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from reader.core.models import Article

# Straight quotes plus the curly ones that phones and word processors substitute.
QUOTES = frozenset('"“”„')
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_STATES = {"unread": ("read", False), "read": ("read", True), "starred": ("starred", True)}
_KEYS = frozenset({"feed", "is", "after", "before"})
_LONGEST_KEY = max(map(len, _KEYS))
# A pasted page is not a query; the cap also bounds the SQL the index builds.
MAX_TERMS = 256
# A word's last token matches by prefix from this many characters on; a shorter
# one matches whole tokens only (`uk` is not "ukulele": a prefix that short matches
# nearly every article, and costs the index a scan of most of its vocabulary).
PREFIX_MIN = 3
# Parentheses inside parentheses; deeper nesting is never needed and FTS5 caps it.
MAX_DEPTH = 8
# Scripts written without spaces between words (Han, kana) and Hangul, whose words take
# their particles without one ("서울에서"): each letter of these is a token of its own
# (`spaced_cjk` makes it one for the index), so that a word of them is found anywhere in
# a run of them, as the phrase of its letters. Half-width kana and Hangul are here for
# the text as written; folded (NFKC), they are the full-width ones.
_CJK = (
    "\u1100-\u11ff"  # Hangul Jamo
    "\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c"  # 々 〆 〇, marks, numerals
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3100-\u318f"  # Bopomofo, Hangul compatibility Jamo
    "\u31a0-\u31bf\u31f0-\u31ff"  # Bopomofo extended, Katakana phonetic extensions
    "\u3400-\u4dbf\u4e00-\u9fff"  # CJK ideographs: extension A, unified
    "\ua960-\ua97f\uac00-\ud7ff"  # Hangul Jamo extended A, syllables, Jamo extended B
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uffdc"  # half-width Katakana and Hangul
    "\U00020000-\U0003134f"  # CJK ideographs: extensions B to H
)
# The same as (first, last) pairs.
CJK_RANGES: tuple[tuple[str, str], ...] = tuple(
    (pair[0], pair[-1]) for pair in re.findall(".-.", _CJK, re.DOTALL)
)
# One of those that is a letter or digit (the ranges hold punctuation too: "・").
_CJK_LETTER = f"[{_CJK}](?<![\\W_])"
# What unicode61 keeps in a token: letters, digits, private use; `_` separates. A CJK
# letter is a token alone (see `_CJK`).
_TOKEN = re.compile(rf"(?:[^\W_{_CJK}]|[\uE000-\uF8FF])+|{_CJK_LETTER}")
# The same tokens from text that `spaced_cjk` spaced: quicker (one class of letters).
_SPACED_TOKEN = re.compile(r"(?:[^\W_]|[\uE000-\uF8FF])+")
# A run of those (letters or not: spaced apart, punctuation still separates tokens).
_CJK_RUN = re.compile(f"[{_CJK}]+")
# The bytes other than those that start a character of `_CJK` in UTF-8 (E1, E3-ED, EF,
# F0): text without any of those is left as it is after a pass at C speed, where the
# regex alone took 3% of the time of cleaning a page.
_NOT_CJK_LEADS = bytes(b for b in range(256) if b not in {0xE1, *range(0xE3, 0xEE), 0xEF, 0xF0})
_OR = "OR"
# Combining marks (what NFD splits off accented letters), removed like unicode61's
# remove_diacritics; one regex pass is ten times quicker than a test per character.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_FLAGS_IN_GROUP = (
    "is: cannot be inside ( ) or next to OR; put it outside: is:unread (storm OR gale)"
)

# The query language as the `?` screen and the README show it: (term, what it finds).
QUERY_HELP: tuple[tuple[str, str], ...] = (
    ("word", "a word starting with it (of 1-2 letters: that word); every term must match"),
    ('"exact phrase"', "these words in this order"),
    ("港口  東京  서울", "Chinese, Japanese, Korean: those letters in a row, also inside a run"),
    ('-word  -"phrase"', "articles without it"),
    ("a OR b", "either (OR in capitals)\nAND binds tighter: a b OR c = (a b) OR c"),
    ("( )", "grouping: storm (gale OR wind)\n-(a OR b) excludes both"),
    ("feed:NAME", 'that feed; feed:"two words"; several = any of them'),
    ("is:unread  is:read  is:starred", "by mark (-is:starred negates); not inside ( ) or OR"),
    ("after:YYYY-MM-DD  before:YYYY-MM-DD", "by date, bounds excluded"),
)


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


def spaced_cjk(text: str) -> str:
    """`text` with a space either side of each Han, kana or Hangul letter: what the
    index is given (and asked), so that its tokenizer, which splits words at spaces and
    punctuation, makes each of them a token, as `_TOKEN` does. Other text is unchanged."""
    if text.isascii():
        return text
    if not text.encode("utf-8", "surrogatepass").translate(None, _NOT_CJK_LEADS):
        return text  # no byte that starts a CJK letter
    return _CJK_RUN.sub(_spaced_run, text)


def _spaced_run(run: re.Match[str]) -> str:
    # A call per run and a join at C speed: a replacement per letter took a
    # microsecond a letter, longer than cleaning the page.
    return " " + " ".join(run.group()) + " "


def has_token(text: str) -> bool:
    """Whether `text` holds a searchable character; pure punctuation finds nothing."""
    return any(c.isalnum() or unicodedata.category(c) == "Co" for c in text)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query. Text terms are folded (see `fold`) and never empty.

    `read`/`starred` are None when the query does not care; the last is: term for
    a flag wins. Date bounds are exclusive; several after: terms keep the latest.
    Every field must hold (AND): each of `any_of` is an OR group (one of its
    alternatives must hold), and none of `exclude_groups` may hold. Queries inside
    groups never set `read`/`starred` (the parser refuses is: there).
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
    any_of: tuple[tuple[Query, ...], ...] = ()
    exclude_groups: tuple[Query, ...] = ()

    @property
    def has_text(self) -> bool:
        """Whether any word or phrase term (positive or excluded) needs the full text."""
        return bool(
            self.words or self.phrases or self.exclude_words or self.exclude_phrases
        ) or any(q.has_text for q in self._groups())

    @property
    def is_empty(self) -> bool:
        """Whether the query accepts every article (nothing typed, or only punctuation)."""
        return not (self.has_text or self._has_own_metadata or self.any_of or self.exclude_groups)

    @property
    def has_metadata(self) -> bool:
        """Whether feed:, is: or date terms need `matches_metadata` (or the index's filters)."""
        return self._has_own_metadata or any(q.has_metadata for q in self._groups())

    @property
    def _has_own_metadata(self) -> bool:
        return bool(
            self.feeds
            or self.exclude_feeds
            or self.read is not None
            or self.starred is not None
            or self.after is not None
            or self.before is not None
        )

    def _groups(self) -> Iterator[Query]:
        for group in self.any_of:
            yield from group
        yield from self.exclude_groups


@dataclass(frozen=True, slots=True)
class _Term:
    """One lexical term: `-`, an optional known key, the value, and whether it was quoted."""

    negated: bool
    key: str | None
    value: str
    quoted: bool


@dataclass(frozen=True, slots=True)
class _Open:
    """`(` or `-(`."""

    negated: bool


class _Close:
    """`)` closing an open group."""


class _Or:
    """`OR` between alternatives."""


_Token = _Term | _Open | _Close | _Or


def parse_query(text: str) -> Query:
    """Parse the search box text; raises only `QueryError`."""
    tokens = _tokens(unicodedata.normalize("NFKC", text))
    if sum(isinstance(t, _Term) for t in tokens) > MAX_TERMS or len(tokens) > 2 * MAX_TERMS:
        raise QueryError(f"too many terms (at most {MAX_TERMS})")
    query, _ = _parse(tokens, 0, 0)
    return query


def format_query(query: Query) -> str:
    """`query` as text that `parse_query` reads back as the same `Query`."""
    return _format_inner(query, 0)


def matches_metadata(query: Query, article: Article, *, read: bool, starred: bool) -> bool:
    """Whether `article` passes the non-text terms of `query` outside its groups (feed,
    is:, dates).

    Pure so the caller can apply it with read/starred state that lives outside the
    search index; the index applies feed and date filters itself, groups included.
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


def matches(
    query: Query, text: str, article: Article | None = None, *, read: bool, starred: bool
) -> bool:
    """Whether `query` holds for an article whose searchable text is `text`, without
    the index: every term, groups included, as the index would match them. With no
    `article`, metadata terms (feed:, is:, dates) count as holding."""
    return _holds(query, _text_tokens(text), article, read, starred)


def matches_text(query: Query, text: str) -> bool:
    """Whether the text terms of `query` hold in `text` (metadata terms count as holding).

    Used on titles while the index is still being built: words match by prefix of
    a word of `text`, phrases token by token, as the index would match them.
    """
    return _holds(query, _text_tokens(text), None, False, False)


def date_in_bounds(query: Query, date: dt.date | None) -> bool:
    """Exclusive after:/before: bounds; an undated article never passes a bound."""
    if query.after is None and query.before is None:
        return True
    if date is None:
        return False
    if query.after is not None and date <= query.after:
        return False
    return query.before is None or date < query.before


# -- matching text as the index does ---------------------------------------------


@dataclass(frozen=True, slots=True)
class Needle:
    """What one word or phrase term finds: a run of tokens, the last one by prefix
    when `prefix` (a word whose last token has at least `PREFIX_MIN` characters)."""

    tokens: tuple[str, ...]
    prefix: bool

    def at(self, tokens: Sequence[str], i: int) -> bool:
        """Whether the needle matches `tokens` from index `i`."""
        mine = self.tokens
        n = len(mine)
        if i + n > len(tokens):
            return False
        for k in range(n - 1):
            if tokens[i + k] != mine[k]:
                return False
        last = tokens[i + n - 1]
        return last.startswith(mine[-1]) if self.prefix else last == mine[-1]


@lru_cache(maxsize=1024)
def word_needle(word: str) -> Needle | None:
    """The needle of a (folded) word term; None for one without a token."""
    tokens = _tokens_of(word)
    return Needle(tokens, len(_TOKEN.findall(word)[-1]) >= PREFIX_MIN) if tokens else None


@lru_cache(maxsize=1024)
def phrase_needle(phrase: str) -> Needle | None:
    """The needle of a (folded) phrase term; None for one without a token."""
    tokens = _tokens_of(phrase)
    return Needle(tokens, False) if tokens else None


def find_needle(text: str) -> Needle | None:
    """What find-in-article looks for: the typed words in order, the last by prefix."""
    tokens = _tokens_of(fold(text))
    return Needle(tokens, True) if tokens else None


def needles(query: Query) -> tuple[Needle, ...]:
    """What to highlight for `query`: its words and phrases, those of its OR groups
    included, never the excluded ones."""
    found: list[Needle] = []
    _collect_needles(query, found)
    return tuple(dict.fromkeys(found))


def find_spans(text: str, wanted: Sequence[Needle]) -> list[tuple[int, int]]:
    """The (start, end) character ranges of `text` that `wanted` match, in order and
    not overlapping. Tokens are compared folded and without diacritics, as the
    index compares them; a range covers whole tokens of `text`."""
    if not wanted or not text:
        return []
    spans: list[tuple[int, int]] = []
    tokens: list[str] = []
    for match in _TOKEN.finditer(text):
        for token in _tokens_of(fold(match.group())):
            tokens.append(token)
            spans.append(match.span())
    found: list[tuple[int, int]] = []
    i, n = 0, len(tokens)
    while i < n:
        length = max((len(w.tokens) for w in wanted if w.at(tokens, i)), default=0)
        if not length:
            i += 1
            continue
        start, end = spans[i][0], spans[i + length - 1][1]
        if found and start <= found[-1][1]:
            found[-1] = (found[-1][0], max(end, found[-1][1]))
        else:
            found.append((start, end))
        i += length
    return found


def _collect_needles(query: Query, found: list[Needle]) -> None:
    for word in query.words:
        needle = word_needle(word)
        if needle is not None:
            found.append(needle)
    for phrase in query.phrases:
        needle = phrase_needle(phrase)
        if needle is not None:
            found.append(needle)
    for group in query.any_of:
        for alternative in group:
            _collect_needles(alternative, found)


def _strip_marks(token: str) -> str:
    """`token` without diacritics, as unicode61's remove_diacritics does."""
    if token.isascii():
        return token
    decomposed = unicodedata.normalize("NFD", token)
    return unicodedata.normalize("NFC", _MARKS.sub("", decomposed))


def _tokens_of(folded: str) -> tuple[str, ...]:
    """The index's tokens of already folded text."""
    return tuple(_strip_marks(t) for t in _TOKEN.findall(folded))


def _text_tokens(text: str) -> list[str]:
    """The index's tokens of `text` (diacritics stripped from the whole text at once:
    titles are searched one by one on every keystroke until the index exists)."""
    folded = fold(text)
    if folded.isascii():
        return _SPACED_TOKEN.findall(folded)
    return _SPACED_TOKEN.findall(spaced_cjk(_strip_marks(folded)))


def _has(tokens: Sequence[str], needle: Needle | None) -> bool:
    if needle is None:
        return False
    if len(needle.tokens) == 1:  # the common case, kept quick for title search
        word = needle.tokens[0]
        if needle.prefix:
            return any(t.startswith(word) for t in tokens)
        return word in tokens
    return any(needle.at(tokens, i) for i in range(len(tokens)))


def _holds(
    query: Query, tokens: Sequence[str], article: Article | None, read: bool, starred: bool
) -> bool:
    if article is not None and not matches_metadata(query, article, read=read, starred=starred):
        return False
    return (
        all(_has(tokens, word_needle(w)) for w in query.words)
        and all(_has(tokens, phrase_needle(p)) for p in query.phrases)
        and not any(_has(tokens, word_needle(w)) for w in query.exclude_words)
        and not any(_has(tokens, phrase_needle(p)) for p in query.exclude_phrases)
        and all(
            any(_holds(q, tokens, article, read, starred) for q in group) for group in query.any_of
        )
        and not any(_holds(q, tokens, article, read, starred) for q in query.exclude_groups)
    )


# -- lexing and parsing -----------------------------------------------------------


def _tokens(text: str) -> list[_Token]:
    """Split `text` into terms, `(`, `)` and `OR`, honouring quotes (an unclosed quote
    runs to the end). `)` ends a bare word only inside parentheses, so "f(x)" or a
    smiley stays a word at the top level."""
    tokens: list[_Token] = []
    depth = 0
    i, n = 0, len(text)
    while i < n and len(tokens) <= 2 * MAX_TERMS:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c == ")" and depth:
            tokens.append(_Close())
            depth -= 1
            i += 1
            continue
        negated = c == "-"
        if negated:
            i += 1
        if i < n and text[i] == "(":
            tokens.append(_Open(negated))
            depth += 1
            i += 1
            continue
        key, i = _key_at(text, i)
        value, quoted, i = _value_at(text, i, depth)
        if not (negated or key or quoted) and value == _OR:
            tokens.append(_Or())
        else:
            tokens.append(_Term(negated, key, value, quoted))
    return tokens


def _key_at(text: str, i: int) -> tuple[str | None, int]:
    """A known `key:` at position `i`, and the position after it."""
    colon = text.find(":", i, i + _LONGEST_KEY + 1)
    if colon <= i:
        return None, i
    key = fold(text[i:colon])
    if key in _KEYS:
        return key, colon + 1
    return None, i


def _value_at(text: str, i: int, depth: int) -> tuple[str, bool, int]:
    """A quoted string or a bare word at `i`: (value, quoted, position after it)."""
    n = len(text)
    if i < n and text[i] in QUOTES:
        end = i + 1
        while end < n and text[end] not in QUOTES:
            end += 1
        return text[i + 1 : end], True, end + 1
    end = i
    while end < n and not text[end].isspace() and not (depth and text[end] == ")"):
        end += 1
    return text[i:end], False, end


def _parse(tokens: list[_Token], pos: int, depth: int) -> tuple[Query, int]:
    """The alternatives from `pos` to the `)` closing this depth (or the end)."""
    if depth > MAX_DEPTH:
        raise QueryError(f"too many parentheses inside each other (at most {MAX_DEPTH})")
    alternatives: list[Query] = []
    builder = _Builder()
    while pos < len(tokens):
        token = tokens[pos]
        pos += 1
        if isinstance(token, _Close):
            break
        if isinstance(token, _Or):
            alternatives.append(builder.build())
            builder = _Builder()
        elif isinstance(token, _Open):
            group, pos = _parse(tokens, pos, depth + 1)
            builder.add_group(group, token.negated)
        else:
            builder.add(token)
    alternatives.append(builder.build())
    kept = list(dict.fromkeys(q for q in alternatives if not q.is_empty))
    nested = len(kept) > 1 or (kept and depth)
    if nested and any(q.read is not None or q.starred is not None for q in kept):
        raise QueryError(_FLAGS_IN_GROUP)
    if len(kept) > 1:
        return Query(any_of=(tuple(kept),)), pos
    return (kept[0] if kept else Query()), pos


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
        self.any_of: list[tuple[Query, ...]] = []
        self.exclude_groups: list[Query] = []

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

    def add_group(self, group: Query, negated: bool) -> None:
        """A parenthesised group: text-only groups without OR merge into this level
        (AND is associative); others stay groups, as written."""
        if group.is_empty:
            return
        if negated:
            _append_new(self.exclude_groups, group)
        elif group.feeds or group.after or group.before:
            # Several feed: terms of one level mean any of them, and date bounds keep
            # the tightest: merged, `feed:a (feed:b x)` would change meaning.
            _append_new(self.any_of, (group,))
        else:
            for mine, theirs in (
                (self.words, group.words),
                (self.phrases, group.phrases),
                (self.exclude_words, group.exclude_words),
                (self.exclude_phrases, group.exclude_phrases),
            ):
                for text in theirs:
                    _append_new(mine, text)
            for alternatives in group.any_of:
                _append_new(self.any_of, alternatives)
            for excluded in group.exclude_groups:
                _append_new(self.exclude_groups, excluded)

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
            raise QueryError(f"{key}: expects YYYY-MM-DD, as in {key}:2025-03-14") from None
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
            any_of=tuple(self.any_of),
            exclude_groups=tuple(self.exclude_groups),
        )


_OTHER_BOUND = {"after": "before", "before": "after"}
_T = TypeVar("_T")


def _append_new(items: list[_T], item: _T) -> None:
    if item not in items:
        items.append(item)


# -- formatting ---------------------------------------------------------------------


def _format(query: Query, depth: int) -> str:
    parts = [*query.words, *(f'"{p}"' for p in query.phrases)]
    parts += [f"-{w}" for w in query.exclude_words]
    parts += [f'-"{p}"' for p in query.exclude_phrases]
    parts += [f"feed:{_format_value(f, depth)}" for f in query.feeds]
    parts += [f"-feed:{_format_value(f, depth)}" for f in query.exclude_feeds]
    if query.read is not None:
        parts.append("is:read" if query.read else "is:unread")
    if query.starred is not None:
        parts.append("is:starred" if query.starred else "-is:starred")
    if query.after is not None:
        parts.append(f"after:{query.after.isoformat()}")
    if query.before is not None:
        parts.append(f"before:{query.before.isoformat()}")
    for group in query.any_of:
        parts.append("(" + f" {_OR} ".join(_format(q, depth + 1) for q in group) + ")")
    parts += [f"-({_format_inner(q, depth + 1)})" for q in query.exclude_groups]
    return " ".join(parts)


def _format_inner(query: Query, depth: int) -> str:
    """A group's contents: a lone OR group without its own parentheses."""
    if len(query.any_of) == 1 and len(query.any_of[0]) > 1 and Query(any_of=query.any_of) == query:
        return f" {_OR} ".join(_format(q, depth) for q in query.any_of[0])
    return _format(query, depth)


def _format_value(value: str, depth: int) -> str:
    """A feed name bare when it reads back the same, else quoted."""
    bare = (
        value
        and not any(c.isspace() for c in value)
        and value[0] not in QUOTES
        and not (depth and ")" in value)
    )
    return value if bare else f'"{value}"'
