"""Per-block signals for the boilerplate cleaner (see `reader.core.clean`).

Everything here looks at one block at a time and is computed once per block:
its size, how much it reads like sentences (stopword density, punctuation), and
whether it is boilerplate wherever it stands (a repeat of the title, template
code, a share bar, an ad label, a photo caption, a "READ MORE: ..." link).
The regexes are compiled at import; each runs once per block, so cleaning stays
linear in the page size.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from itertools import filterfalse
from operator import attrgetter

from reader.core.clean_lexicon import (
    AD_LABELS,
    AD_SLOT_WORDS,
    CHROME_WORDS,
    CLOSING_HEADING_WORDS,
    COMMENT_HEADINGS,
    LINK_BLOCK_PREFIXES,
    SECTION_HEADINGS,
    STOPWORDS,
)


def _combining_marks() -> str:
    """A regex class body of the combining marks (Unicode categories Mn, Mc, Me) of the
    scripts that write vowels and points as marks on a letter: Devanagari and the other
    Indic scripts, Thai, Arabic, Hebrew, and the combining accents. `\\w` does not match
    them, so "मंजूरी" was four words and a Hindi paragraph no sentence of words."""
    spans = (
        (0x0300, 0x1D00),
        (0x1DC0, 0x1E00),
        (0x20D0, 0x2100),
        (0xA8E0, 0xA900),
        (0xFE20, 0xFE30),
    )
    marks = [c for lo, hi in spans for c in range(lo, hi) if unicodedata.category(chr(c))[0] == "M"]
    runs: list[tuple[int, int]] = []
    for c in marks:
        if runs and runs[-1][1] == c - 1:
            runs[-1] = (runs[-1][0], c)
        else:
            runs.append((c, c))
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in runs)


# A word: letters, digits and the marks written on them (`_combining_marks`).
WORD_RE = re.compile(rf"[\w{_combining_marks()}]+")
# `bytes.translate` table turning every ASCII character that `\w` does not match into
# a space: ASCII text translated and split gives `WORD_RE.findall`'s tokens, in less
# than half the time (see `_words`).
_ASCII_WORD_SPACES = bytes(
    c if c < 128 and (chr(c).isalnum() or chr(c) == "_") else 32 for c in range(256)
)
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# From the first block of `_CJK_RE` to its last: a line with no character there has none.
_CJK_SPAN_RE = re.compile(r"[\u3040-\ud7af]")
# The scripts beyond CJK written without spaces between words: Thai, Lao, Myanmar and
# Khmer. Their lines are sized by their letters (UNSPACED_WORD_CHARS), as CJK's are.
_SOUTHEAST_RE = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
# `_SOUTHEAST_RE`'s blocks and `_CJK_SPAN_RE`: a line with no character here is sized by
# its spaces (one search tells, for most lines beyond ASCII: Cyrillic, Greek, accents).
_UNSPACED_SPAN_RE = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\ud7af]")
# A word of Thai, Lao, Myanmar or Khmer is about this many characters, its vowel and
# tone marks included (they are characters of their own): Thai news prose segmented by
# hand runs 4.1 ("สภา|เมือง|ได้|อนุมัติ|..."), Khmer and Myanmar, which stack more marks,
# a little more. Too many words is the safe side: a line taken for longer than it is
# stays a paragraph, one taken for shorter may be hidden as a menu's or a link's.
UNSPACED_WORD_CHARS = 4
# A line of those scripts this heavy (in words, `BlockInfo.weight`: some 48 letters)
# reads as a sentence though it ends in no mark: Thai and Lao end a sentence with a
# space or the line's end, not a mark. Shorter lines are what a subheading or a link
# is at most (MAX_SUBHEADING_WORDS in clean_region): a menu's item is a word or two, a
# box's headline a dozen, and they stay headings and links (at 8, the length of a
# paragraph, a box's headlines read as sentences and the box was no longer named).
MIN_UNSPACED_SENTENCE_WORDS = 12
# closing quotes and brackets, CJK ones too ("他說：「……。」")
_CLOSERS = "'\"’”»)]」』）】》"
# "\u037e" is the Greek question mark (";" in Greek text, a code point of its own)
# the Arabic question mark and the full stops of Urdu, Devanagari (danda, double danda),
# Armenian, Ethiopic, Myanmar and Khmer (khan "។", and bariyoosan "៕" that ends a text)
_FULL_STOPS = "\u061f\u06d4\u0964\u0965\u0589\u1362\u104b\u17d4\u17d5"
_TERMINALS = frozenset(".!?。！？…:;\u037e" + _FULL_STOPS)
# How a question ends: the Latin, the full-width (CJK), the Arabic and the Greek
# question marks (Greek's as typed, a semicolon, is told by `asks`).
QUESTION_ENDS = ("?", "？", "\u061f", "\u037e")


def asks(text: str) -> bool:
    """`text` (its end stripped) ends in a question mark: also Greek's, which is most
    often typed as a semicolon after the question's last word ("Γιατί τώρα;")."""
    return text.endswith(QUESTION_ENDS) or (
        text.endswith(";") and len(text) > 1 and _greek_letter(text[-2])
    )


def _greek_letter(character: str) -> bool:
    return "\u0370" <= character <= "\u03ff" or "\u1f00" <= character <= "\u1fff"


# An interview's question is labelled with one letter in any language ("Q: Why now?",
# "Q. And then?", "В: Почему сейчас?", "P: Dlaczego?", "Ε: Γιατί;", "问：为什么？"); with a
# question's end (`asks`), the label says an interview's question.
INTERVIEW_QUESTION_RE = re.compile(r"\s*[*_]*[^\W\d_][*_]*(?:[:.]\s|：\s*)")


def reading_words(text: str) -> int:
    """How many words a reader reads in `text`, for its reading time: its words between
    spaces, and in Chinese or Japanese, which put no spaces between words, each
    character one (read at about the rate of English words: some 255 characters a
    minute in Chinese against 228 words in English, Trauzettel-Klosinski et al. 2012).
    Split at spaces, a Chinese article of 2,000 characters is a dozen "words". Korean
    puts spaces between its words, and is counted by them. Thai, Lao, Myanmar and Khmer
    put spaces between phrases only: a run of their letters is a word every
    UNSPACED_WORD_CHARS letters (split at spaces, a Thai sentence of some 30 words is
    2 "words", and a long article read in a minute)."""
    if text.isascii() or not _UNSPACED_SPAN_RE.search(text):
        return len(text.split())
    spaced = _UNSPACED_RE.sub(" ", _SOUTHEAST_RE.sub(" ", text))
    letters = len(_SOUTHEAST_RE.findall(text))
    return (
        len(spaced.split())
        + len(_UNSPACED_RE.findall(text))
        + (letters + UNSPACED_WORD_CHARS - 1) // UNSPACED_WORD_CHARS
    )


# The characters of `_CJK_RE` that are written without spaces between words: kana and
# Han (Hangul is not).
_UNSPACED_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def ends_sentence(text: str) -> bool:
    """The text ends like a sentence (or a clause), closing quotes and brackets aside."""
    end = text.rstrip().rstrip(_CLOSERS)
    return bool(end) and end[-1] in _TERMINALS


def ends_full_stop(text: str) -> bool:
    """The text ends in a full stop, "!" or "?", closing quotes and brackets aside,
    not in an ellipsis ("...", "..", "…": a teaser's blurb cut short) nor at a clause
    mark: how a whole sentence ends in any spaced script."""
    end = text.rstrip().rstrip(_CLOSERS)
    return end.endswith((".", "!", "?")) and not end.endswith(("..", "…"))


def ends_in_colon(text: str) -> bool:
    """The text ends in a colon, ASCII or full-width: it announces what follows (a
    label's value, a list, links), whatever else it is."""
    return text.rstrip().endswith((":", "："))


_STOPS = frozenset(".!?。！？\u037e" + _FULL_STOPS)
_SENTENCE_END_RE = re.compile(rf"[.!?](?:['\"’”»)\]]*)(?:\s|$)|[。！？、，{_FULL_STOPS}]")
_TEMPLATE_RE = re.compile(
    r"\w\?\.\w|\w+\.\w+\.\w+\(|\(\)\s*[\w}]|\{\{|\}\}|\{%|%\}|<%|%>|\$\{|\w+\.\w+\.\w+\.\w+"
    r"|^\s*(?:var|function|const|let)\s+\w+|[{}]\s*$|[=(){}\[\].$:'\"&#][\s\S]*;\s*$"
)
FOOTER_RE = re.compile(
    r"©|\(c\)\s*(?:\d{4}|copyright)|all rights reserved|copyright (?:\(c\) )?\d{4}"
    # "all rights reserved" in Chinese, Russian, Polish and Greek
    r"|版权所有|版權所有|все права защищены|wszelkie prawa zastrzeżone"
    r"|π[αά]ντ[οό]ς δικαι[ωώ]μ[αά]τ[οό]ς",  # (Greek capitals drop their accents)
    re.IGNORECASE,
)
# Photo captions: an end-of-line credit, "(pictured)", or "(L)" / "(2nd R)" markers.
_CREDIT = (
    r"getty images|getty|afp|ap photo|ap|associated press|reuters|epa|shutterstock|xinhua"
    r"|file photo|photo|photos|image|images|foto|fotos|bild|picture|pic|credit|crédit|crédito"
    r"|image source"
    r"|fot|zdjęcie|фото|фотограф|снимок|φωτογραφία|φωτ"
)
_CREDIT_TAIL_RE = re.compile(rf"(?:^|[/|]\s*)(?:{_CREDIT})\b", re.IGNORECASE)
_CREDIT_COLON_RE = re.compile(rf"\b(?:{_CREDIT})\s*$", re.IGNORECASE)
# (searched from the bracket, so the search skips ahead to each "(")
_POSITION_RE = re.compile(
    r"\((?<=\s\()(?:\d(?:st|nd|rd|th) )?(?:[LRC]|left|right|centre|center)\)\s+[a-z]"
)
_CREDIT_LINE_RE = re.compile(rf"(?:^|[|/]\s*)(?:{_CREDIT})\s*$", re.IGNORECASE)
# "READ MORE: <headline>", "Related: <headline>": a teaser link inside the text. The
# label is what stands before the first separator, spaces aside, at most 30 characters;
# two characters at least stand there. The spaces are taken once (`*+`): with a label
# that could take them too, a line of spaces before a word and a colon backtracked in
# quadratic time (describe 2.5 s at 3,000 spaces).
_LABEL_PREFIX_RE = re.compile(r"^(?=[^:：|»]{2})\s*+([^:：|»]{0,30}?)\s*+[:：|»]\s*\S")
# A teaser: a Title-Case headline glued to its blurb ("... In DetroitIn the market ...").
# Where a headline ends and its blurb begins with no space: "...FiresFord is ...".
_GLUE_LOWER = "a-zß-öø-ÿа-яё"
# Matched at the capital (rare in text, so the search skips ahead quickly); the
# match is the glue "xYz" less its first letter.
_GLUE_RE = re.compile(rf"[A-ZÀ-ÖØ-ÞА-ЯЁ](?<=[{_GLUE_LOWER}?!].)(?=[{_GLUE_LOWER}])")
_DIGIT_RE = re.compile(r"\d")
_NUMBER_RE = re.compile(r"\d+")
_MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# Markdown blocks that are mostly link labels are menus or link lists.
MAX_LINK_SHARE = 0.6

MAX_HEADING_CHARS = 60
# A list has a comma for every this many words or fewer ("Tags: a, b c, d, ...").
WORDS_PER_LIST_COMMA = 3
# Longer blocks are article text even if they mention a copyright.
MAX_FOOTER_CHARS = 400
# Share of stopwords at which a text counts as fully sentence-like.
STOP_FULL = 0.25


@dataclass(slots=True)
class BlockInfo:
    """What the cleaner needs to know about one block, computed once."""

    key: str  # lower-cased words joined by spaces: identity for repetition
    words: int
    # size in words (CJK: characters / 2, as they have no spaces; Thai, Lao, Myanmar
    # and Khmer: characters / UNSPACED_WORD_CHARS)
    weight: float
    stop: float  # share of words that are stopwords
    cjk: bool
    # mostly in Thai, Lao, Myanmar or Khmer: no spaces between words (sized by `weight`,
    # as CJK is), and in Thai and Lao no mark at a sentence's end
    unspaced: bool
    # ends like a sentence; an `unspaced` line of MIN_UNSPACED_SENTENCE_WORDS words or
    # more is one whatever its end
    terminal: bool
    # has sentence or clause punctuation inside (or a comma); so has a long `unspaced` line
    clauses: bool
    heading: str  # the key without counts, "" for blocks too long to be a heading
    section: bool  # a 'Related' / 'Latest news' / 'Comments' style heading
    comment: bool  # a heading that opens readers' comments
    # template identity of a short line: its first two words, numbers made alike, and
    # "#" when it has digits ("Posted by Ann on May 2, 2008" ~ "Posted by Bob on ...")
    shape: str
    footer: bool  # a copyright / "all rights reserved" line
    hard: str  # why it is boilerplate wherever it stands, "" when it is not
    value: float  # `text_value` when the page's language has known stopwords
    plain_value: float  # `text_value` when it has not
    dated: bool  # a short line (<= MAX_DATED_WORDS words) with a year or a time in it
    date_line: bool  # a publication date or time on its own (see `_measure`)
    # what the block is when it stands outside the body, whatever the section:
    # "footer", "cookie/newsletter notice", "section heading", "date line" or ""
    kind: str
    listed: bool  # opens like an item of a list of teasers ("3. ...", "SPORT Storm ...")
    bullet: str  # the bullet mark the block opens with ("•", "*"), or ""
    # starts with a quantity and goes on in lower case ("3 tablespoons honey", "1-1/2
    # cups flour", "200 g de farine"): a recipe's or a kit's list, where a teaser
    # headline that starts with a number goes on in capitals ("5 Steps to ...")
    quantity: bool


def _words(folded: str) -> list[str]:
    """`WORD_RE.findall(folded)`: ASCII text is translated and split instead (the
    same tokens, faster than the pattern; `isascii` reads a flag of the string), and
    so is Latin-script text once its typographic marks are spaced out (`_wide_words`)."""
    if folded.isascii():
        return folded.encode().translate(_ASCII_WORD_SPACES).decode().split()
    return _wide_words(folded)


def _wide_words(folded: str) -> list[str]:
    """`WORD_RE.findall(folded)` of a line beyond ASCII. Most such lines are in a
    Latin script and hold no letter beyond ASCII, only typographic marks (’ “ ” —
    … and the no-break space): with those spaced out (a mark is no word character,
    so the words stay the same), the line is ASCII and is translated and split like
    one, for a fraction of what the pattern costs on a wide string. A line whose
    first character beyond ASCII is no such mark (a letter: Cyrillic, Greek, CJK,
    "é") goes to the pattern at once."""
    wide = _WIDE_RE.search(folded)
    if wide is None or folded[wide.start()] not in _WIDE_MARKS:
        return WORD_RE.findall(folded)
    plain = folded
    for mark in _WIDE_MARKS:
        if mark in plain:
            plain = plain.replace(mark, " ")
    return _words(plain) if plain.isascii() else WORD_RE.findall(folded)


# Marks beyond ASCII that scraped Latin-script text holds most, the commonest first;
# none is a word character (tests/core/test_clean_speedups.py).
_WIDE_MARKS = "’“”\u00a0—–…»«‘•©·"
_WIDE_RE = re.compile(r"[^\x00-\x7f]")


def block_key(text: str) -> str:
    """Case- and punctuation-insensitive identity of a block, for repetition."""
    return " ".join(_words(fold(text)))


def fold(text: str) -> str:
    """`text.casefold()`, but Turkish "İ" folds to "i" alone: casefold gives "i" and a
    combining dot above, and "İLGİLİ HABERLER" would not be "ilgili haberler"."""
    folded = text.casefold()
    return folded.replace("\u0307", "") if "\u0307" in folded else folded


# Counts in words, as a comment counter spells them.
_COUNT_WORDS = frozenset(
    ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
)
# The word lists in key form, as blocks are matched against them.
_SECTION_KEYS = frozenset(map(block_key, SECTION_HEADINGS))


def names_section(key: str) -> bool:
    """The line (its `block_key`) names one of a site's sections among its words ("no
    related posts", "be the first to comment": "related posts", "comment"): a line about
    the page's boxes, not the story's."""
    words = key.split()
    return any(
        " ".join(words[i : i + size]) in _SECTION_KEYS
        for size in (1, 2, 3)
        for i in range(len(words) - size + 1)
    )


_COMMENT_KEYS = frozenset(map(block_key, COMMENT_HEADINGS))
_AD_KEYS = frozenset(map(block_key, AD_LABELS))
_AD_SLOT_WORDS = frozenset(key for key in _AD_KEYS if " " not in key) | AD_SLOT_WORDS
CLOSING_HEADINGS = frozenset(map(block_key, CLOSING_HEADING_WORDS))
_PREFIX_KEYS = tuple(block_key(prefix) + " " for prefix in LINK_BLOCK_PREFIXES)


MIN_SHAPE_WORDS = 3
MAX_SHAPE_WORDS = 15


def describe(text: str, title_key: str = "") -> BlockInfo:
    """Measure one block (`title_key` is `block_key` of the page title, or "").

    Lines up to CACHED_CHARS long are measured once per process: a site's menus,
    share bars and footers are the same on every page of a feed, and half the lines
    of a page are such lines. The result is shared, so it is never changed: a repeat
    of the title (the one page-dependent verdict) gets a copy."""
    info = _measure_cached(text) if len(text) <= CACHED_CHARS else _measure(text)
    if title_key and info.key and _repeats_title(info, title_key):
        return _repeated_title(info)
    return info


def describe_page(texts: Sequence[str], title_key: str) -> list[BlockInfo]:
    """`describe` of every block of a page, in order."""
    cached, measure = _measure_cached, _measure
    infos = [cached(t) if len(t) <= CACHED_CHARS else measure(t) for t in texts]
    if title_key:
        longest = len(title_key) + MAX_EXTRA_TITLE_CHARS
        first = len(infos)  # the first repeat of the title
        for i, info in enumerate(infos):
            key = info.key
            if (
                key
                and len(key) <= longest
                and (key in title_key or title_key in key or key.rstrip(_COUNT_CHARS) in title_key)
                and _repeats_title(info, title_key)
            ):
                infos[i] = _repeated_title(info)
                first = min(first, i)
        _headline_unclipped(texts, infos, title_key, first)
    return infos


def _headline_unclipped(
    texts: Sequence[str], infos: list[BlockInfo], title_key: str, first: int
) -> None:
    """Mark the headline above the title's first repeat (block `first`) that spells a
    possessive or a negation unlike the title ("Chad’s" / "Chads"): the first headline
    heads the story, not a copy in a "recent posts" list further down."""
    title_folded = _fold_clitics(title_key)
    clitic_title = title_folded != title_key
    longest = len(title_key) + MAX_EXTRA_TITLE_CHARS
    for i in range(first):
        key, text = infos[i].key, texts[i]
        if not key or len(key) > longest:
            continue
        # what is typed for an apostrophe, each splitting a word in a block's key: the
        # typographic and the typewriter's, and on keyboards without one a left quote,
        # an acute accent or a grave ("Chad´s", where the keyboard has dead accents);
        # written out, five tests cost a quarter of a pattern's search on these lines
        if "’" in text or "'" in text or "‘" in text or "´" in text or "`" in text:
            key = _fold_clitics(key)
        elif not clitic_title:
            continue
        if _holds_title(key, title_folded) and _repeats_title(infos[i], title_folded, key):
            infos[i] = _repeated_title(infos[i])
            return


def _holds_title(key: str, title_key: str) -> bool:
    """One key holds the other (the block's once a comment count after it is set
    aside): true of every kind of repeat of the title, and a quick test."""
    return key in title_key or title_key in key or key.rstrip(_COUNT_CHARS) in title_key


# A clitic that an apostrophe split off its word: "Chad’s" keys as "chad s".
_CLITIC_RE = re.compile(r" (?=[st](?: |$))")


def _fold_clitics(key: str) -> str:
    """`key` with split-off clitics joined back ("chad s" -> "chads"): a headline
    says "Chad’s" where the page's title says "Chads" (or the other way round), and
    the first headline, not a later copy in a "recent posts" list, heads the story."""
    return _CLITIC_RE.sub("", key)


_info_fields = attrgetter(*(f.name for f in fields(BlockInfo)))


def _repeated_title(info: BlockInfo) -> BlockInfo:
    """A copy of `info` (shared by the line cache) with the reason "repeated title"
    (`dataclasses.replace` did the same, several times slower)."""
    copy = BlockInfo(*_info_fields(info))
    copy.hard = "repeated title"
    return copy


def _repeats_title(info: BlockInfo, title_key: str, key: str = "") -> bool:
    """The block is the page's title again; a sentence that ends in the headline's
    words is the lead, not a repeat. `key`: the block's key as compared, when not
    its own (`_fold_clitics`)."""
    key = key or info.key
    if len(key) > len(title_key) + MAX_EXTRA_TITLE_CHARS:
        return False
    if not _holds_title(key, title_key):
        return False  # one holds the other in every kind of repeat (quick test first)
    return is_title_repeat(key, title_key) and (
        key == title_key or not info.terminal or len(key) <= len(title_key)
    )


# Longer blocks are not the title with a site name or a count added.
MAX_EXTRA_TITLE_CHARS = 120
_COUNT_CHARS = "0123456789 "
CACHED_CHARS = 300
_NUMBERED_RE = re.compile(r"^\s*(?:\d{1,3}[.)]|[•·▪►*-])\s+\S")
_LIST_MARKS = frozenset("•·▪►*-")
_QUANTITY_MARKS = frozenset("½¼¾⅓⅔⅛-•*·")
_QUANTITY_RE = re.compile(
    r"\s*(?:[-•*·]\s*)?(?:\d+(?:[.,/-]\d+)*|[½¼¾⅓⅔⅛])\s*[^\W\d_A-ZÀ-ÖØ-ÞА-ЯЁ]"
)
# Marks that open the items of a bulleted list.
BULLETS = frozenset("•·▪►■●*")
_CATEGORY_PREFIX_RE = re.compile(
    r"^\s*[A-ZÀ-ÖØ-Þ&]{3,}(?:\s[A-ZÀ-ÖØ-Þ&]{3,})?\s+[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]"
)
# A cookie or newsletter notice is a line or two, not an article about cookies.
MAX_NOTICE_LABEL_WORDS = 60
# A cookie notice says what the site does with its cookies ("We use cookies to improve
# your experience", "This site uses cookies", "Cookie settings", "Privacy & Cookies",
# "Diese Website verwendet Cookies"); a line that only names cookies ("My mother's
# gingerbread cookies", "They will give you a cookie and some juice") is no notice.
_COOKIE_NOTICE_TEXT = (
    r"\b(?:use|uses|using|accept|consent|agree|allow|enable|disable|block|manage)\b"
    r".{0,40}?\bcookies?\b"
    r"|\bcookies?\b.{0,40}?\b(?:policy|settings|preferences|notice|consent|site|website"
    r"|browser|browsing|experience|privacy|tracking)\b"
    r"|\b(?:privacy|site|website|webseite|sitio|strona|witryna|сайт)\b.{0,40}?\bcookies?\b"
)
# A line of the site's notices: its cookies (`_COOKIE_NOTICE_TEXT`), its privacy policy,
# its newsletter.
NOTICE_TEXT = rf"{_COOKIE_NOTICE_TEXT}|\bprivacy policy\b|\bnewsletter\b"
_NOTICE_WORDS_RE = re.compile(NOTICE_TEXT)  # on the key (folded: lower case)
# Lines up to this many words are checked for a date or a time (post headers).
MAX_DATED_WORDS = 16


def _measure(text: str) -> BlockInfo:
    """Everything about a block that does not depend on the page it is on.

    This runs once per distinct line (half of the cleaner's time is here), and most
    lines are short, so it is written for few operations: every value is worked
    out in a local and the record is built once at the end (no field set twice, no
    call for what a line or two computes), and every check that cannot apply to
    the line is skipped by its cheapest condition first."""
    raw, link_share = text, 0.0
    if "](" in text:  # Markdown: measure the visible text, not the link targets
        text, link_share = _strip_markdown_links(text)
    folded = fold(text)
    ascii_text = text.isascii()
    # `_words`, written out: this runs for every new line
    words = _words(folded)
    n = len(words)
    key = " ".join(words)
    size = len(text)
    cjk_chars, cjk, unspaced, weight = 0, False, False, float(n)
    # (most lines beyond ASCII have no CJK, Thai, Lao, Myanmar or Khmer at all: one
    # search of the span of their blocks tells, for less than counting every character)
    if not ascii_text and (hit := _UNSPACED_SPAN_RE.search(text)):
        start, least = hit.start(), 0.3 * max(1, len(text.strip()))
        if text[start] >= "\u3040" or _CJK_SPAN_RE.search(text, start):
            cjk_chars = len(_CJK_RE.findall(text, start))
            cjk = cjk_chars > least
        if cjk:
            weight = cjk_chars / 2.0 + n
        elif text[start] < "\u3040" or _SOUTHEAST_RE.search(text, start):
            letters = len(_SOUTHEAST_RE.findall(text, start))
            if letters > least:
                unspaced, weight = True, letters / UNSPACED_WORD_CHARS + n
    # digits in the words: for the lines whose heading, shape or date they change
    # (words of letters alone have none: tested without a regex call, which costs more)
    digits = (
        (size <= MAX_HEADING_CHARS or n <= MAX_DATED_WORDS)
        and not "".join(words).isalpha()
        and bool(_DIGIT_RE.search(key))
    )
    heading, section, comment = "", False, False
    if size <= MAX_HEADING_CHARS:  # "7 Comments »" -> "comments"
        heading = " ".join(_filterfalse(_isdigit, words)) if digits else key
        if n == 2 and words[0] in _COUNT_WORDS and words[1] in _COMMENT_KEYS:
            heading = words[1]  # "One Comment", "No Responses": a counter in words
        if heading:
            comment = heading in _COMMENT_KEYS
            section = heading in _SECTION_KEYS or (
                n <= MAX_PREFIX_HEADING_WORDS and heading.startswith(_PREFIX_KEYS)
            )
    shape = ""
    if MIN_SHAPE_WORDS <= n <= MAX_SHAPE_WORDS:
        shape = words[0] + " " + words[1]  # the first two words
        if digits:
            shape = _NUMBER_RE.sub("0", shape) + "#"
    end = text.rstrip().rstrip(_CLOSERS)
    stop = len(list(filter(STOPWORDS.__contains__, words))) / n if n else 0.0
    terminal = bool(end) and end[-1] in _TERMINALS
    # Thai and Lao end a sentence with a space or the line's end, not a mark (and a
    # writer of Khmer or Myanmar may leave theirs out): a long line is a sentence, and
    # as one ended by a full stop holds a clause
    long_line = unspaced and not terminal and weight >= MIN_UNSPACED_SENTENCE_WORDS
    terminal = terminal or long_line
    # a sentence's end is a clause mark (the test is then not needed); ASCII text
    # without . ! or ? has none
    clauses = (
        long_line
        or "," in text
        or (terminal and end[-1] in _STOPS)
        or (
            ("." in text or "!" in text or "?" in text or not ascii_text)
            and bool(_SENTENCE_END_RE.search(text))
        )
    )
    # how much it reads like sentences: `text_value` with stopwords trusted, without
    punct = 1.0 if terminal else 0.7 if clauses else 0.4
    plain_value = weight * 0.7 * punct
    full = stop / STOP_FULL if stop < STOP_FULL else 1.0  # `min(1.0, stop / STOP_FULL)`
    value = plain_value if cjk or unspaced else weight * full * punct
    footer = (
        size <= MAX_FOOTER_CHARS
        and (
            "©" in text
            or "reserved" in folded
            or "copyright" in folded
            or "(c)" in folded
            # "all rights reserved" beyond ASCII (`FOOTER_RE`): "版权"/"版權" (copyright),
            # "права", "prawa", "δικαιώματα" (rights); four scans cost a third of a regex's
            or (
                not ascii_text
                and ("版" in text or "прав" in folded or "praw" in folded or "δικαι" in folded)
            )
        )
        and _footer_mark(text)
    )
    # CJK text writes its digits full-width ("２０１２年１月１７日"): dates are read in
    # ASCII digits
    stamp = raw.translate(_WIDE_DIGITS) if cjk_chars and digits else raw
    dated = (
        n <= MAX_DATED_WORDS
        and (digits or raw is not text)  # a link's target may hold the date
        # a year starts "18", "19" or "20", a time has a colon: the search finds
        # neither without one of them
        and (":" in stamp or "20" in stamp or "19" in stamp or "18" in stamp)
        and bool(DATE_OR_TIME_RE.search(stamp))
    )
    # A publication date or time on its own ("Published 7 August 2025, 12:30",
    # "28.11.2011 18:20"): a few words, most of them numbers, with a time or a whole
    # date (a row of figures with a year in it is a table's). A CJK line's words are
    # phrases, each worth several words of a spaced script, and glue to the digits
    # ("2012年1月17日" is one word): the source and time line of a Chinese story
    # ("新闻中心 (来源：日报，编辑：陈明) 2012-01-17 15:08") is a few of them and the
    # stamp, not a sentence.
    date_line = False
    if digits and n <= MAX_DATE_LINE_WORDS:
        numbers = len(list(filter(_isdigit, words)))
        if numbers and (numbers < 2 or numbers * 2 < n - 1) and numbers * 2 + 2 >= n - 1:
            # a date's day written as an ordinal ("16th", "1er", "1º") is one of its
            # numbers: looked for when one more number would make the line a date line
            numbers += len(_ORDINAL_DAY_RE.findall(stamp))
        date_line = numbers >= 2 and numbers * 2 >= n - 1 and bool(STAMP_RE.search(stamp))
    if not date_line and digits and cjk_chars and n <= MAX_DATED_WORDS and not terminal:
        date_line = bool(_CJK_STAMP_RE.search(stamp))
    if footer:
        kind = "footer"
    elif (
        n <= MAX_NOTICE_LABEL_WORDS
        and ("cookie" in key or "privacy" in key or "newsletter" in key)
        and _NOTICE_WORDS_RE.search(key)
    ):
        kind = "cookie/newsletter notice"
    elif section:
        kind = "section heading"
    elif date_line:
        kind = "date line"
    else:
        kind = ""
    # the first three characters after any leading space (`raw.lstrip()[:3]`, without
    # copying a long line to strip nothing)
    opening = raw.lstrip()[:3] if raw[:1].isspace() else raw[:3]
    head = opening[:1]
    bullet = head if head in BULLETS else ""
    quantity = listed = False
    if head.isdigit():
        quantity = bool(_QUANTITY_RE.match(raw))
        listed = bool(_NUMBERED_RE.match(raw))
    else:
        if head in _QUANTITY_MARKS:
            quantity = bool(_QUANTITY_RE.match(raw))
        if head in _LIST_MARKS:
            listed = bool(_NUMBERED_RE.match(raw))
        elif len(opening) == 3 and (opening.isupper() or "&" in opening):
            listed = bool(_CATEGORY_PREFIX_RE.match(raw))
    if not key:
        hard = "decoration"
    elif (
        (stop == 0 or "?." in text)  # `_is_template`, written out
        and (_CODE_CHAR_RE.search(text) or text.lstrip().startswith(_CODE_WORDS))
        and _template_code(text)
    ):
        hard = "template code"
    elif n <= 12 and CHROME_WORDS.issuperset(words):
        hard = "share bar"
    elif n <= 6 and (heading in _AD_KEYS or (n > 1 and _AD_SLOT_WORDS.issuperset(words))):
        hard = "advertisement"
    elif (
        n <= MAX_CAPTION_WORDS
        and (
            "(" in text
            or ")" in text
            or "）" in text
            or ":" in text
            or "]" in text
            or "second from" in text
            or (n <= 8 and key.endswith(_CREDIT_WORDS))
            or (n <= 8 and key.startswith(_ABBREVIATED_CREDITS))
        )
        and _caption(text, n, key)
    ):
        hard = "photo caption"
    elif (
        size >= MIN_TEASER_CHARS
        and text[:1].isupper()
        # a glue to start from (the search `_is_glued_teaser` starts with)
        and _GLUE_RE.search(text, 0, GLUE_SEARCH_CHARS)
        and _is_glued_teaser(text)
    ):
        hard = "teaser"
    elif (
        not ascii_text  # both bullets are outside ASCII
        and text.count("・") + text.count("•") >= MIN_GLUED_ITEMS - 1
        and _is_glued_list(text)
    ) or (
        # teasers of a headline's words at least, the first cut near the start, as a
        # teaser is short (as for the glue above)
        n >= MIN_CUT_TEASERS * MIN_HEAD_WORDS
        and text.find("...", 0, GLUE_SEARCH_CHARS) >= 0
        and len(_CUT_RE.findall(text)) >= MIN_CUT_TEASERS
    ):
        hard = "teaser list"  # bulleted headlines, or teasers cut short, run together
    elif (
        (":" in text or "|" in text or "»" in text or "：" in text)
        # a label's line, or a long list after one ("Categories: a, b, c, ...")
        and (n <= 30 or text.count(",") * WORDS_PER_LIST_COMMA >= n)
        and (m := _LABEL_PREFIX_RE.match(text))
        and block_key(m.group(1)) in _SECTION_KEYS
    ):
        hard = "related link"
    elif link_share >= MAX_LINK_SHARE:
        hard = "link list"
    else:
        hard = ""
    return BlockInfo(
        key,
        n,
        weight,
        stop,
        cjk,
        unspaced,
        terminal,
        clauses,
        heading,
        section,
        comment,
        shape,
        footer,
        hard,
        value,
        plain_value,
        dated,
        date_line,
        kind,
        listed,
        bullet,
        quantity,
    )


_findall_words = WORD_RE.findall
_filterfalse = filterfalse
_isdigit = str.isdigit


# A day written as an ordinal ("16th", "1st", "1er", "1º", "1η"), as a date line's words are
# ("Monday, 16th January 2012").
_ORDINAL_DAY_RE = re.compile(r"(?<!\w)\d{1,2}(?:st|nd|rd|th|er|º|ª|ης|η)(?!\w)", re.IGNORECASE)


_measure_cached = lru_cache(maxsize=16384)(_measure)


def forget_lines() -> None:
    """Empty the per-line cache (a benchmark's cold start)."""
    _measure_cached.cache_clear()


def _strip_markdown_links(text: str) -> tuple[str, float]:
    """(text with `[label](target)` reduced to `label`, share of it that is links)."""
    link_chars = 0

    def label(m: re.Match[str]) -> str:
        nonlocal link_chars
        link_chars += len(m.group(1))
        return m.group(1)

    visible = _MD_LINK_RE.sub(label, text)
    letters = len(visible.strip()) or 1
    return visible, link_chars / letters


def _footer_mark(text: str) -> bool:
    """A copyright mark that makes the line a site's footer: not a photo credit
    closing a paragraph ("... I still can't believe it. Photos © Ann Lee"), where
    whole sentences come before the mark, and not the sign talked about ("© is the
    sign most people know"): a notice names its holder or its year after the sign,
    a sentence goes on with a lowercase word."""
    for m in FOOTER_RE.finditer(text):
        if _sign_in_prose(text, m.start(), m.end()):
            continue
        before = text[: m.start()]
        return len(before.split()) < MIN_PROSE_BEFORE_MARK or not _SENTENCE_END_RE.search(before)
    return False


def _sign_in_prose(text: str, start: int, end: int) -> bool:
    """The "©" at text[start:end] stands alone as a word and a lowercase word follows
    it: the sign is the sentence's subject or object, not a notice's mark."""
    if text[start:end] != "©" or (start and not text[start - 1].isspace()):
        return False
    after = text[end : end + 2]
    return len(after) == 2 and after[0] == " " and after[1].islower()


# Words of prose before a copyright mark that make it a credit, not a footer.
MIN_PROSE_BEFORE_MARK = 12


def is_title_repeat(key: str, title_key: str) -> bool:
    """The block is the title again, maybe with the site name or a comment count
    glued on."""
    if not title_key or not key:
        return False
    if key[-1].isdigit() and " " in key:
        head, _, count = key.rpartition(" ")
        if count.isdigit() and _title_match(head, title_key):
            return True
    return _title_match(key, title_key)


def _title_match(key: str, title_key: str) -> bool:
    if key == title_key:
        return True
    if "_" in title_key or "_" in key:  # "Headline_Site": "_" is a word character
        key, title_key = key.replace("_", " "), title_key.replace("_", " ")
    extra = key.count(" ") - title_key.count(" ")
    if 0 < extra <= MAX_SITE_NAME_WORDS and _key_words(title_key) >= MIN_NAMED_TITLE_WORDS:
        return key.startswith(title_key + " ") or key.endswith(" " + title_key)
    if 0 < -extra <= MAX_TITLE_SUFFIX_WORDS and _key_words(key) >= MIN_HEADLINE_WORDS:
        # the page title carries the site name (and section), the headline does not;
        # it may carry both, one before the headline and one after ("Science. <headline>
        # » Site"): then the headline is most of the title, not a phrase of it
        return (
            title_key.startswith(key + " ")
            or title_key.endswith(" " + key)
            or (f" {key} " in title_key and 2 * _key_words(key) > _key_words(title_key))
        )
    return False


def _key_words(key: str) -> float:
    """How many words a key is worth as a headline: its words, and in CJK text (no
    spaces between words) half a word more for each CJK character, as `BlockInfo.weight`
    counts them (though here whatever their share of the key: the weight counts them
    only on a line more than 30% CJK): a Chinese headline is one or two "words"
    between spaces."""
    words = key.count(" ") + 1
    if key.isascii() or not _CJK_SPAN_RE.search(key):
        return words
    return words + len(_CJK_RE.findall(key)) / 2


MAX_SITE_NAME_WORDS = 6
# A title this short ("Home", "Going home") is no evidence with words around it: "students
# going home" is a sentence of the text, not the title with a site name.
MIN_NAMED_TITLE_WORDS = 3
MAX_TITLE_SUFFIX_WORDS = 12
MIN_HEADLINE_WORDS = 4


def _is_template(text: str, info: BlockInfo) -> bool:
    """Unrendered template or script code (`Model.Title?.ToUpper()`, `{{ x }}`):
    a code-like token, in a line with no stopwords or with a `?.` operator."""
    if info.stop > 0 and "?." not in text:
        return False
    if not _CODE_CHAR_RE.search(text) and not text.lstrip().startswith(_CODE_WORDS):
        return False
    return _template_code(text)


_CODE_CHAR_RE = re.compile(r"[.(){}%$;]")
_CODE_WORDS = ("var ", "function", "const ", "let ")
# `_TEMPLATE_RE` in parts, each tried only on a text that holds what it needs: the
# whole pattern tried its `\w+\.` branches at every letter of a paragraph.
_TEMPLATE_MARKS = ("{{", "}}", "{%", "%}", "<%", "%>", "${")
_SAFE_CALL_RE = re.compile(r"\w\?\.\w")
_EMPTY_CALL_RE = re.compile(r"\(\)\s*[\w}]")
_DOTTED_RE = re.compile(r"\w\.\w+\.\w+(?:\(|\.\w)")  # a.b.c( or a.b.c.d
_DECLARATION_RE = re.compile(r"\s*(?:var|function|const|let)\s+\w+")


# What a statement holds before its closing ";" (a call, an assignment, a property, an
# HTML entity's "&").
_STATEMENT_CHARS = frozenset("=(){}[].$:'\"&#")


def _template_code(text: str) -> bool:
    """`bool(_TEMPLATE_RE.search(text))`, faster. A fenced code block (what the
    Markdown and HTML readers make of code a page shows, in `<pre>` or between
    backticks) is the page's text, never a script's leftovers: those never reach a
    fence."""
    if text.startswith(("```", "~~~")):
        return False
    if ("{" in text or "}" in text or "%" in text) and any(m in text for m in _TEMPLATE_MARKS):
        return True
    end = text.rstrip()
    if end and end[-1] in "{}":
        return True
    if (
        end.endswith(";")
        and any(c in _STATEMENT_CHARS for c in end[:-1])
        and not asks(end)  # a question in Greek: "Ε: Γιατί τώρα;"
    ):
        return True  # "x.init();", "color: red;", "&nbsp;" (a list's "everywhere;" is no code)
    if "?." in text and _SAFE_CALL_RE.search(text):
        return True
    if "()" in text and _EMPTY_CALL_RE.search(text):
        return True
    if text.count(".") >= 2 and _DOTTED_RE.search(text):
        return True
    return _DECLARATION_RE.match(text) is not None


def is_caption(text: str, info: BlockInfo) -> bool:
    """A photo caption: a credit at the end ("... (Image: Getty)", "... Credit: ESA",
    "Jane Doe | Agency") or at the start ("Fot. Jan Nowak / PAP"), "(pictured)", or
    people placed "(L)" / "second from right"."""
    return _caption(text, info.words, info.key)


def _caption(text: str, words: int, key: str) -> bool:
    """`is_caption` of a block of `words` words and key `key`."""
    if words <= 8 and key.endswith(_CREDIT_WORDS) and _CREDIT_LINE_RE.search(text):
        return True
    if words <= 8 and key.startswith(_ABBREVIATED_CREDITS) and _CREDIT_HEAD_RE.match(text):
        return True
    tail = text.rstrip()
    if tail.endswith((")", "）")):
        inner = tail[max(tail.rfind("("), tail.rfind("（")) + 1 : -1]
        if len(inner) <= MAX_CREDIT_CHARS and (
            _CREDIT_TAIL_RE.search(inner) or _CJK_CREDIT_RE.search(inner)
        ):
            return True
    elif tail.endswith("]"):  # "[File: Reuters]", "[AFP]" (escaped in Markdown: "\\[AFP\\]")
        inner = tail[tail.rfind("[") + 1 : -1]
        if len(inner) <= MAX_CREDIT_CHARS and (
            _CREDIT_TAIL_RE.search(inner)
            or _CREDIT_LINE_RE.match(inner.rpartition(":")[2].strip(" \\"))
        ):
            return True
    colon = tail.rfind(":")
    if (
        colon > 0
        and 1 < len(tail) - colon <= MAX_CREDIT_CHARS
        and any(map(str.isalnum, tail[colon:]))
        and "." not in tail[colon:]
        and "!" not in tail[colon:]
        and "?" not in tail[colon:]
        and _CREDIT_COLON_RE.search(tail, max(0, colon - 12), colon)
    ):
        return True
    if "(" in text and ("(pictured)" in text or _POSITION_RE.search(text)):
        return True
    return "second from" in text and bool(re.search(r"\bsecond from (?:left|right)\b", text))


MAX_CREDIT_CHARS = 60
# A credit line that opens with an abbreviated "photo" and names the photographer or
# agency: "Fot. Jan Nowak / PAP", "Zdj. Anna Lis", "Phot. A. Martin" (Polish and
# French captions credit so, without a colon).
_CREDIT_HEAD_RE = re.compile(r"\s*(?:fot|phot|zdj)\.\s*[^\W\d_]", re.IGNORECASE)
_ABBREVIATED_CREDITS = ("fot ", "phot ", "zdj ")
# A Chinese photo credit in brackets: "(李敏摄)" ("shot by Li Min"), "（图：新华社）",
# "(资料图片)" (a file photo).
_CJK_CREDIT_RE = re.compile(r"[摄攝]$|^(?:图|圖|图片|圖片|照片|资料图片|資料圖片)(?:$|[:：/])")
# A longer block is a paragraph, whatever credit it ends with.
MAX_CAPTION_WORDS = 150
_CREDIT_WORDS = tuple(_CREDIT.split("|"))


# A word that ends a sentence ("Obama."), not an abbreviation ("U.S.", "Dr.", "St.").
# (A question or an exclamation may stand in a headline: "Heading To The Regatta? Be ...")
_FULL_STOP_RE = re.compile(r"^[^\W\d_]*[a-zß-ÿа-я]{3}\.$")


def _is_glued_teaser(text: str) -> bool:
    """Scraped teaser: a Title-Case headline and its blurb run together with no
    space between ("Ford Recalls Trucks Over Loose CableFord is recalling ...").
    The headline is Title Case: its lower-case words are short function words."""
    if len(text) < MIN_TEASER_CHARS or not text[:1].isupper():
        return False
    seen = -3
    for m in _GLUE_RE.finditer(text, 0, GLUE_SEARCH_CHARS):
        glue = m.start()
        if glue < seen + 3:
            continue  # overlaps the glue before it ("xYzW"): one glue
        seen = glue
        head = text[:glue].split()
        if len(head) < MIN_HEAD_WORDS:
            continue
        if head[-1][-1].isalpha() and not head[-1][-MIN_GLUED_LOWER:].islower():
            continue  # "McDonald": a short prefix is part of a name, not a glue
        lower = [w for w in head if w[:1].islower()]
        if len(lower) > (1 - TITLE_CASE_SHARE) * len(head):
            return False
        if any(_FULL_STOP_RE.search(w) for w in head[:-1]):
            return False  # "Barack Obama. According to ... FiveThirtyEight": prose
        if sum(1 for w in head if w.endswith(",")) > MAX_HEAD_COMMAS:
            return False  # "PORT ELLEN, Islay, May 2 — ... TideWorks": a sentence's clauses
        if any(len(w.strip(",;:")) > MAX_TITLE_LOWER_CHARS for w in lower):
            return False
        blurb = text[glue:].split(None, MAX_BLURB_CAPITALS + 1)[1 : MAX_BLURB_CAPITALS + 1]
        return any(w[:1].islower() for w in blurb)
    return False


def _is_glued_list(text: str) -> bool:
    """A list of headlines run together in one line, each after a bullet ("・Council
    approves budget ・New ferry for the islands ・..."): items that end without a
    sentence's stop, and a bullet before each."""
    items = [item.strip() for item in _GLUED_BULLET_RE.split(text)]
    items = [item for item in items if item]
    if len(items) < MIN_GLUED_ITEMS:
        return False
    stops = sum(1 for item in items if item[-1] in _STOPS)
    return stops * 2 < len(items) and max(map(len, items)) <= MAX_GLUED_ITEM_CHARS


# Teasers cut short and run together, their links' texts lost ("... video to your
# ...Point and Click Dictionary puts ..."): a word, its cut, and the next teaser's first
# word right after the dots (prose puts a space there), this many times at least.
_CUT_RE = re.compile(r"\.\.\.(?=[A-Z])(?<=\w \.\.\.)")  # the dots first: searched fast
MIN_CUT_TEASERS = 2
# A bullet that opens an item: at the start or after a space (not "l·l" in a word).
_GLUED_BULLET_RE = re.compile(r"(?:^|(?<=\s))[・•]")
MIN_GLUED_ITEMS = 4
MAX_GLUED_ITEM_CHARS = 80


# The headline has at least this many words, and its lower-case words at most
# this many letters; the glued word ends a lower-case run at least this long; the
# blurb has a lower-case word among its first few words.
MIN_HEAD_WORDS = 5
# A headline holds at most this many commas; a sentence before a CamelCase name, more.
MAX_HEAD_COMMAS = 1
MAX_TITLE_LOWER_CHARS = 3
MIN_GLUED_LOWER = 3
MAX_BLURB_CAPITALS = 5
MIN_TEASER_CHARS = 40
GLUE_SEARCH_CHARS = 200
TITLE_CASE_SHARE = 0.75


MAX_PREFIX_HEADING_WORDS = 5


# "By Jane Doe", "Von Max Muster", "Por: Ana Lima", "Autor: Jan Nowak", "Γράφει η Άννα
# Λάμπρου", "بقلم مريم حداد", "作者：李明", "本报记者 李明" (a paper's or an agency's
# reporter: a few Han characters before "记者", no comma or full stop after it, which a
# sentence has) (no other colon: "Di Rossi: ..." is a headline). No two repeats
# can take the same space (the name opens with a letter, not a space): overlapping ones
# backtracked in cubic time on a line of spaces and colons (10 s at 2,000 spaces).
BYLINE_RE = re.compile(
    r"^\s*[*_]*(?:(?:by|von|par|por|di|door|av|af|от|автор|autor|autorka|γράφει|γράφουν|بقلم)"
    r"(?:\s*:)?\s+[^:\s][^:]*|[\u4e00-\u9fff]{0,6}?(?:作者|记者|記者)(?:\s*[:：])?\s*[^:：\s，,。][^:：，,。]*)$",
    re.IGNORECASE,
)
# A Greek byline names the writer in the genitive, capitalised: "Της Μαρίας Παπαδοπούλου".
_GREEK_BYLINE_RE = re.compile(r"^\s*(?:Του|Της)(?:\s+[Α-ΩΆΈΉΊΌΎΏ][^\W\d_]+){2,3}\s*$")
BYLINE_MAX_WORDS = 8


def is_byline(text: str, info: BlockInfo) -> bool:
    """A short "By Jane Doe" line; not one ending in a comma, which runs on into the
    next line ("By the light of the harbour lamps," in a verse the text quotes)."""
    return (
        info.words <= BYLINE_MAX_WORDS
        and not info.terminal
        and not text.rstrip().endswith(",")
        and bool(BYLINE_RE.match(text) or _GREEK_BYLINE_RE.match(text))
    )


# a byline that carries its date and time ("By Ann Lee posted May 2nd 2025 12:58PM")
DATED_BYLINE_MAX_WORDS = 14
_CLOCK_RE = re.compile(r"\d:\d")


def is_signature(text: str, info: BlockInfo) -> bool:
    """A byline in any of its forms: "By Jane Doe", "Posted by Jane Doe, Engineer",
    "Written By: Jane Doe - Nov 6, 2012", "By Jane Doe posted May 2nd 2025 12:58PM"
    (a colon in a time allowed)."""
    if info.words > DATED_BYLINE_MAX_WORDS or info.terminal:
        return False
    if info.dated:
        text = _CLOCK_RE.sub("", text)
    if text.lstrip().lstrip("*_")[:1].lower() not in _SIGNATURE_OPENINGS:
        return False  # no word either pattern needs opens it (a cheap test first)
    if not info.dated and info.words > BYLINE_MAX_WORDS:
        return False
    return bool(BYLINE_RE.match(_SIGNED_BY_RE.sub("by ", text, count=1)))


_SIGNED_VERBS = ("posted", "written", "published", "reported")
_SIGNED_BY_RE = re.compile(rf"^\s*(?:{'|'.join(_SIGNED_VERBS)})\s+by\s*:?\s*", re.IGNORECASE)

# The first letters of the words a signature opens with (`BYLINE_RE`, `_SIGNED_BY_RE`),
# in lower case: none of them has a case-insensitive match outside its two cases.
# (о and а: Cyrillic; γ: Greek "γράφει"; ب: Arabic "بقلم"; 作 记 記: Chinese "作者", "记者")
_SIGNATURE_OPENINGS = frozenset("bvpdawr\u043e\u0430γب作记記")


def is_long_byline(text: str, info: BlockInfo) -> bool:
    """A byline longer than `is_byline` takes: several names, a name with the
    writer's post, place or the time since posting, a signature ("By Ann Lee, Kit
    Moss and Jo Park", "By ANN LEE, AP Business Writer 47 minutes ago", "By Ann Lee |
    Harbour Gazette", "Posted by Ann Lee, Engineer"). The name opens in capitals,
    where a sentence goes on in lower case ("By the time the ferry came ..."). One
    that carries a date is left to `is_signature`: it is a date line as much."""
    if info.words > LONG_BYLINE_MAX_WORDS or info.terminal:
        return False
    if not info.key.startswith(_LONG_BYLINE_KEYS):
        return False  # a cheap test first: its words open like one
    text = text.lstrip(" -–—*_")
    m = _LONG_BYLINE_RE.match(_SIGNED_BY_RE.sub("by ", text, count=1))
    return m is not None and m.group(1).isupper() and not DATE_OR_TIME_RE.search(text)


LONG_BYLINE_MAX_WORDS = 18
# how the line's `block_key` opens: "by ...", "posted by ..."
_LONG_BYLINE_KEYS = ("by ", *(f"{verb} by " for verb in _SIGNED_VERBS))
# "by", the name's first letter, and no label after it ("... Filed under: News"); the
# spaces taken possessively, or a long run of them before no letter takes quadratic time
_LONG_BYLINE_RE = re.compile(r"(?i:by)(?:\s*+:)?\s++([^\W\d_])[^:：]*$")


MAX_DATE_LINE_WORDS = 10
# A time, or a whole date: 28.11.2011, 2011-11-28, 5 January 2012, Jan. 5th, 2012.
_YEAR = r"(?:1[89]|20)\d\d"
# a day of the month as written before its month: "16", "16th", "1er", "1º", the Greek
# "1η" (not the German "1.": a numbered item, "13. Superbowl 2012", reads the same);
# Spanish and Portuguese put "de" before the month and the year ("17 de enero de 2012")
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|º|ª|ης|η)?"
STAMP_RE = re.compile(
    rf"\d:[0-5]\d|\b\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}\b|\b{_YEAR}-\d\d-\d\d\b"
    rf"|\b{_DAY},?\s+(?:de\s+)?[^\W\d_]+\.?,?\s+(?:de\s+)?{_YEAR}\b"
    rf"|\b[^\W\d_]+\.?\s+{_DAY},?\s+{_YEAR}\b"
)
# ... and a whole date as CJK text writes it ("2012年1月17日"), tried on CJK lines only
_CJK_STAMP_RE = re.compile(
    rf"{STAMP_RE.pattern}|(?<!\d){_YEAR}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日"
)
# full-width digits (U+FF10-FF19) to ASCII
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
YEAR_RE = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
DATE_OR_TIME_RE = re.compile(rf"(?<!\d){_YEAR}(?!\d)|\d:[0-5]\d")


def text_value(info: BlockInfo, use_stopwords: bool) -> float:
    """Size of a text weighted by how much it reads like sentences.

    Stopword density is only trusted when the page's language is one the
    stopword list knows (`use_stopwords`); CJK text is judged by length and
    punctuation alone. (Both values are worked out with the block's signals.)"""
    return info.value if use_stopwords else info.plain_value


def is_sentence(info: BlockInfo) -> bool:
    """A short block that still reads as a sentence (kept next to the body)."""
    return info.terminal and (info.words >= 4 or info.cjk)
