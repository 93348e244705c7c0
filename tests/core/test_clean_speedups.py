"""The cleaner's shortcuts give exactly what the plain code they replace gives."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reader.core.clean_signals as cs
from reader.core.clean import _SIGNED_RE, FeedEvidence, clean_blocks
from reader.core.clean_signals import (
    _CJK_RE,
    _TEMPLATE_RE,
    WORD_RE,
    _measure,
    _template_code,
    _words,
    block_key,
    describe,
)
from reader.core.models import Block, make_blocks

# Characters the template pattern cares about, and a few that it does not.
_CODE_TEXT = st.text(alphabet="ab1_ .?(){}%$<>;:=[]'\"&#\t\n\u00a0é", max_size=16)
_OPENINGS = st.sampled_from(["", "var ", "let\t", " const x", "function", "a.b.c", "x?.y", "()"])


@settings(max_examples=400, deadline=None)
@given(_OPENINGS, _CODE_TEXT)
def test_template_code_is_the_template_pattern(opening: str, rest: str) -> None:
    text = opening + rest
    assert _template_code(text) == bool(_TEMPLATE_RE.search(text))


def test_template_code_on_known_lines() -> None:
    for text in ["{{ title }}", "Model.Title?.ToUpper()", "var x = 1;", "a.b.c.d", "end {"]:
        assert _template_code(text), text
    for text in ["The storm hit the quay. Ferries stopped.", "Read more (photos)", ""]:
        assert not _template_code(text), text


def test_a_repeated_title_is_a_copy_with_its_reason() -> None:
    line = "Council approves harbour budget"
    info = describe(line, "council approves harbour budget")
    measured = _measure(line)
    assert info.hard == "repeated title" and measured.hard == ""
    assert info == dataclasses.replace(measured, hard="repeated title")


PAGES = [
    [
        "Home",
        "News",
        "Sport",
        f"Story {i} of the harbour, told at length by the people who were there.",
        "Subscribe to our newsletter",
        "© Harbour Gazette",
    ]
    for i in range(4)
]


def test_the_page_counted_by_the_cleaner_is_the_page_counted_before() -> None:
    page, others = PAGES[0], PAGES[1:]
    counted = clean_blocks(page, "Story 0", feed=FeedEvidence.build([page, *others]))
    pending = clean_blocks(page, "Story 0", feed=FeedEvidence.build(others).plus_page())
    assert pending == counted
    assert [b.text for b in counted.hidden if b.reason == "recurs across feed"]


def test_pending_evidence_leaves_the_sample_unchanged() -> None:
    sample = FeedEvidence.build(PAGES[1:])
    before = dict(sample.counts)
    clean_blocks(PAGES[0], "Story 0", feed=sample.plus_page())
    assert sample.counts == before and sample.pages == 3


# ASCII (control characters and every separator included), and a few characters
# beyond it whose case or word class is special (ß, dotted I, long s, Kelvin sign,
# a combining mark that folds to a letter, CJK, Cyrillic, Thai, Lao, Myanmar, Khmer
# and its full stop).
_ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=127),
        st.sampled_from("ßẞİıſK\u0345é©«»“”’\u3042\u4e00\uac00йЁΣς・•กั่ກကក\u17d4"),
    ),
    max_size=40,
)


@settings(max_examples=600, deadline=None)
@given(_ANY_TEXT)
def test_words_are_the_word_pattern_tokens(text: str) -> None:
    for folded in (text, text.casefold()):
        assert _words(folded) == WORD_RE.findall(folded)
    assert block_key(text) == " ".join(WORD_RE.findall(cs.fold(text)))


@settings(max_examples=600, deadline=None)
@given(_ANY_TEXT)
def test_measured_words_and_cjk_weight_are_the_plain_ones(text: str) -> None:
    info = _measure(text)
    words = WORD_RE.findall(cs.fold(text))
    assert info.key == " ".join(words) and info.words == len(words)
    cjk_chars = len(_CJK_RE.findall(text))
    letters = len(cs._SOUTHEAST_RE.findall(text))
    least = 0.3 * max(1, len(text.strip()))
    if cjk_chars > least:
        assert info.cjk and info.weight == cjk_chars / 2.0 + len(words)
    elif letters > least:
        assert info.unspaced and info.weight == letters / cs.UNSPACED_WORD_CHARS + len(words)
    else:
        assert not info.cjk and not info.unspaced and info.weight == float(len(words))


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(["", "by ", "BY ", "Posted By: ", "author: ", "AUTHOR:\t"]), _ANY_TEXT)
def test_a_signature_needs_by_or_author(opening: str, rest: str) -> None:
    # `_author_names` searches only lines holding one of the two words
    text = opening + rest
    if _SIGNED_RE.search(text):
        low = text.lower()
        assert "by" in low or "author" in low


# --------------------------------------------------------------------------
# the per-line record (`_measure`) and the checks written out or guarded in it


# The plain code `_measure` writes out, kept here as the reference it must equal.


def is_date_line(text: str, info: cs.BlockInfo) -> bool:
    """A publication date or time on its own ("Published 7 August 2025, 12:30",
    "28.11.2011 18:20"): a few words, most of them numbers, with a time or a whole
    date (a row of figures with a year in it is a table's)."""
    if info.words > cs.MAX_DATE_LINE_WORDS or (not info.shape.endswith("#") and info.words > 2):
        return False  # no digits (the shape of a 3-15 word line says so)
    numbers = sum(map(str.isdigit, info.key.split()))
    if numbers and numbers * 2 + 2 >= info.words - 1:  # and an ordinal day ("16th", "1er")
        numbers += len(cs._ORDINAL_DAY_RE.findall(text))
    return numbers >= 2 and numbers * 2 >= info.words - 1 and bool(cs.STAMP_RE.search(text))


def _text_values(
    weight: float, stop: float, cjk: bool, terminal: bool, clauses: bool
) -> tuple[float, float]:
    """(`text_value` with stopwords trusted, without)."""
    if terminal:
        punct = 1.0
    elif clauses:
        punct = 0.7
    else:
        punct = 0.4
    plain = weight * 0.7 * punct
    return (plain if cjk else weight * min(1.0, stop / cs.STOP_FULL) * punct), plain


def _measure_long(text: str) -> cs.BlockInfo:
    """`_measure` as it was before it was written for speed: the plain code (the
    record set field by field, `_text_values`, `is_date_line`, `_is_template`,
    `is_caption` and `_is_glued_teaser` called as they are)."""
    raw, link_share = text, 0.0
    if "](" in text:  # Markdown: measure the visible text, not the link targets
        text, link_share = cs._strip_markdown_links(text)
    folded = cs.fold(text)
    ascii_text = text.isascii()
    words = (
        folded.encode().translate(cs._ASCII_WORD_SPACES).decode().split()
        if ascii_text
        else cs._findall_words(folded)
    )
    n = len(words)
    key = " ".join(words)
    size = len(text)
    cjk_chars = len(cs._CJK_RE.findall(text))
    letters = len(cs._SOUTHEAST_RE.findall(text))  # Thai, Lao, Myanmar, Khmer
    if ascii_text:
        cjk, unspaced, weight = False, False, float(n)
    else:
        cjk = cjk_chars > 0.3 * max(1, len(text.strip()))
        unspaced = not cjk and letters > 0.3 * max(1, len(text.strip()))
        if cjk:
            weight = cjk_chars / 2.0 + n
        elif unspaced:
            weight = letters / cs.UNSPACED_WORD_CHARS + n
        else:
            weight = float(n)
    digits = (
        (size <= cs.MAX_HEADING_CHARS or n <= cs.MAX_DATED_WORDS)
        and not "".join(words).isalpha()
        and bool(cs._DIGIT_RE.search(key))
    )
    heading, section, comment = "", False, False
    if size <= cs.MAX_HEADING_CHARS:  # "7 Comments »" -> "comments"
        heading = " ".join(w for w in words if not w.isdigit()) if digits else key
        if n == 2 and words[0] in cs._COUNT_WORDS and words[1] in cs._COMMENT_KEYS:
            heading = words[1]  # "One Comment", "No Responses": a counter in words
        if heading:
            comment = heading in cs._COMMENT_KEYS
            section = heading in cs._SECTION_KEYS or (
                n <= cs.MAX_PREFIX_HEADING_WORDS and heading.startswith(cs._PREFIX_KEYS)
            )
    shape = ""
    if cs.MIN_SHAPE_WORDS <= n <= cs.MAX_SHAPE_WORDS:
        shape = key[: key.find(" ", key.find(" ") + 1)]  # the first two words
        if digits:
            shape = cs._NUMBER_RE.sub("0", shape) + "#"
    end = text.rstrip().rstrip(cs._CLOSERS)
    stop = len(list(filter(cs.STOPWORDS.__contains__, words))) / n if n else 0.0
    stamp = raw.translate(cs._WIDE_DIGITS) if cjk_chars and digits else raw  # "２０１２年"
    terminal = bool(end) and end[-1] in cs._TERMINALS
    # no mark ends a sentence in Thai or Lao: a long line is one, with a clause
    long_line = unspaced and not terminal and weight >= cs.MIN_UNSPACED_SENTENCE_WORDS
    terminal = terminal or long_line
    clauses = (
        long_line
        or "," in text
        or (terminal and end[-1] in cs._STOPS)
        or (
            ("." in text or "!" in text or "?" in text or not ascii_text)
            and bool(cs._SENTENCE_END_RE.search(text))
        )
    )
    value, plain_value = _text_values(weight, stop, cjk or unspaced, terminal, clauses)
    info = cs.BlockInfo(
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
        size <= cs.MAX_FOOTER_CHARS and cs._footer_mark(text),
        "",
        value,
        plain_value,
        n <= cs.MAX_DATED_WORDS
        and (digits or raw is not text)  # a link's target may hold the date
        and bool(cs.DATE_OR_TIME_RE.search(stamp)),
        False,
        "",
        False,
        "",
        False,
    )
    if digits and n <= cs.MAX_DATE_LINE_WORDS:
        info.date_line = is_date_line(stamp, info)
    if not info.date_line and digits and cjk_chars and n <= cs.MAX_DATED_WORDS and not terminal:
        info.date_line = bool(cs._CJK_STAMP_RE.search(stamp))  # a CJK line's words are phrases
    if info.footer:
        info.kind = "footer"
    elif (
        n <= cs.MAX_NOTICE_LABEL_WORDS
        and ("cookie" in key or "privacy" in key or "newsletter" in key)
        and cs._NOTICE_WORDS_RE.search(key)
    ):
        info.kind = "cookie/newsletter notice"
    elif section:
        info.kind = "section heading"
    elif info.date_line:
        info.kind = "date line"
    opening = raw.lstrip()[:3]
    head = opening[:1]
    if head in cs.BULLETS:
        info.bullet = head
    if head.isdigit() or head in cs._QUANTITY_MARKS:
        info.quantity = bool(cs._QUANTITY_RE.match(raw))
    if head.isdigit() or head in cs._LIST_MARKS:
        info.listed = bool(cs._NUMBERED_RE.match(raw))
    elif len(opening) == 3 and (opening.isupper() or "&" in opening):
        info.listed = bool(cs._CATEGORY_PREFIX_RE.match(raw))
    if not key:
        info.hard = "decoration"
    elif (stop == 0 or "?." in text) and cs._is_template(text, info):
        info.hard = "template code"
    elif n <= 12 and cs.CHROME_WORDS.issuperset(words):
        info.hard = "share bar"
    elif n <= 6 and (heading in cs._AD_KEYS or (n > 1 and cs._AD_SLOT_WORDS.issuperset(words))):
        info.hard = "advertisement"
    elif (
        n <= cs.MAX_CAPTION_WORDS
        and (
            "(" in text
            or ")" in text
            or "）" in text
            or ":" in text
            or "]" in text
            or "second from" in text
            or (n <= 8 and key.endswith(cs._CREDIT_WORDS))
            or (n <= 8 and key.startswith(cs._ABBREVIATED_CREDITS))
        )
        and cs.is_caption(text, info)
    ):
        info.hard = "photo caption"
    elif size >= cs.MIN_TEASER_CHARS and text[:1].isupper() and cs._is_glued_teaser(text):
        info.hard = "teaser"
    elif (
        not ascii_text  # both bullets are outside ASCII
        and text.count("・") + text.count("•") >= cs.MIN_GLUED_ITEMS - 1
        and cs._is_glued_list(text)
    ):
        info.hard = "teaser list"
    elif n <= 30 and (":" in text or "|" in text or "»" in text or "：" in text):
        m = cs._LABEL_PREFIX_RE.match(text)
        if m and cs.block_key(m.group(1)) in cs._SECTION_KEYS:
            info.hard = "related link"
    if not info.hard and link_share >= cs.MAX_LINK_SHARE:
        info.hard = "link list"
    return info


# Lines of the kinds `_measure`'s shortcuts are about: dates and times, captions and
# credits, glued teasers, template code, labels, bullets, quantities, footers, links.
_LINE_PARTS = st.sampled_from(
    [
        "",
        " ",
        "  ",
        "\t",
        "By Ann Lee",
        "Posted by Bob on May 2, 2008",
        "12:30",
        "7 August 2025",
        "28.11.2011 18:20",
        "1999",
        "2012-07-30",
        "(AP Photo)",
        "Photo: Getty Images",
        "Credit: ESA",
        " | Reuters",
        "(L)",
        "second from left",
        "(pictured)",
        "Ford Recalls Trucks Over Loose CableFord is recalling",
        "iPhone",
        "{{ x }}",
        "var x = 1;",
        "a.b.c(",
        "Related: ",
        "READ MORE: ",
        "Tags | ",
        "» ",
        "• ",
        "* ",
        "3. ",
        "2 cups flour",
        "½ tsp salt",
        "SPORT Storm",
        "© 2024 Gazette. All rights reserved",
        "港口日报 版权所有",
        "Все права защищены.",
        "２０１２年１月１７日",
        "2012年1月17日 15:08",
        "（图：港口日报）",
        "(李敏摄)",
        "他說：「好。」",
        "cookie policy",
        "[Home](/index)",
        "the council said.",
        "and, ",
        "?",
        "!",
        "…",
        "”",
        "・",
        "\u4e00\u4e8c\u4e09",
        "Привет, мир",
        "Comments",
        "One Comment",
        "Advertisement",
        "Share on Facebook",
        "Monday, 16th January 2012",
        "1er janvier 2012",
        "17 de enero de 2012",
        "1º ",
        "Fot. Jan Nowak",
    ]
)
_LINES = st.lists(st.one_of(_LINE_PARTS, _ANY_TEXT), max_size=6).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_LINES)
def test_measure_is_the_plain_measure(text: str) -> None:
    assert _measure(text) == _measure_long(text)


def test_measure_is_the_plain_measure_on_known_lines() -> None:
    for text in [
        "Posted by Ann Lee on May 2, 2008 at 10:42",
        "Published 7 August 2025, 12:30",
        "This undated file photo shows Amelia Earhart. (AP Photo)",
        "Ford Recalls Trucks Over Loose CableFord is recalling 2,000 trucks",
        "  3. Council approves budget",
        "© 2024 Harbour Gazette. All rights reserved.",
        "[Home](/) [News](/news) [Sport](/sport)",
        "Model.Title?.ToUpper()",
        "Related: Council approves harbour budget",
        "ท่าเรือปิดเพราะพายุ",  # Thai, short: a heading's length
        "เรือข้ามฟากหยุดวิ่งตั้งแต่เช้าเพราะลมแรง และท่าเรือจะปิดจนถึงวันพรุ่งนี้",
        "港口 ท่าเรือปิดเพราะพายุและลมแรงมาก",  # CJK first, then Thai
        "ສະພາເມືອງອະນຸມັດທາງລົດໄຟໃຕ້ດິນສາຍໃໝ່",  # Lao
        "ក្រុមប្រឹក្សាក្រុងបានអនុម័តផែនការ។",  # Khmer, ending in its full stop
    ]:
        assert _measure(text) == _measure_long(text), text


def _signature_long(text: str, info: cs.BlockInfo) -> bool:
    """`is_signature` without its test of the opening letter."""
    if info.words > cs.DATED_BYLINE_MAX_WORDS or info.terminal:
        return False
    if info.dated:
        text = cs._CLOCK_RE.sub("", text)
    if not info.dated and info.words > cs.BYLINE_MAX_WORDS:
        return False
    return bool(cs.BYLINE_RE.match(cs._SIGNED_BY_RE.sub("by ", text, count=1)))


_SIGNATURE_OPENERS = st.sampled_from(
    [
        "",
        " ",
        "*",
        "_*",
        " *",
        "1:2",
        "By ",
        "BY: ",
        "bY\t",
        "Von ",
        "POR: ",
        "di ",
        "Door ",
        "av ",
        "AF ",
        "от ",
        "Автор: ",
        "ОТ ",
        "Posted BY ",
        "written by: ",
        "REPORTED by ",
        "Published By ",
        "\u00a0by ",
        "\u2003By ",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(_SIGNATURE_OPENERS, _LINES)
def test_signature_is_the_plain_signature(opening: str, rest: str) -> None:
    text = opening + rest
    info = _measure(text)
    assert cs.is_signature(text, info) == _signature_long(text, info)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_ANY_TEXT, max_size=8).flatmap(
        lambda texts: st.tuples(
            st.just(texts),
            st.lists(st.booleans(), min_size=len(texts), max_size=len(texts)),
            st.lists(_ANY_TEXT, min_size=len(texts), max_size=len(texts)),
        )
    )
)
def test_make_blocks_is_the_plain_constructor(
    args: tuple[list[str], list[bool], list[str]],
) -> None:
    made = make_blocks(*args)
    assert made == tuple(map(Block, *args))
    assert all(type(b) is Block for b in made)
    if made:
        with pytest.raises(dataclasses.FrozenInstanceError):
            made[0].text = "changed"  # type: ignore[misc]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("a \t\n\r\x0b\x0c\x1c\u2028\u00a0\u3000é"), max_size=30))
def test_text_blocks_are_the_plain_lines(text: str) -> None:
    from reader.core.formats.text import split_text_blocks

    assert split_text_blocks(text) == [line.rstrip() for line in text.splitlines() if line.strip()]


def test_the_wide_marks_are_no_word_characters() -> None:
    assert not any(WORD_RE.match(mark) for mark in cs._WIDE_MARKS)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([*cs._WIDE_MARKS, "naïve", "Zoë", "ß", "\u4e00", "_"]), _ANY_TEXT
        ),
        max_size=6,
    ).map("".join)
)
def test_wide_words_are_the_word_pattern_tokens(text: str) -> None:
    folded = text.casefold()
    assert cs._wide_words(folded) == WORD_RE.findall(folded)


def test_a_turkish_capital_i_keys_as_its_lower_case() -> None:
    """Casefolding gives "İ" a combining dot above that lower-case "i" has not: the key
    drops it, so a heading in capitals matches the lexicon's lower-case words."""
    assert block_key("İLGİLİ HABERLER") == block_key("ilgili haberler") == "ilgili haberler"
    assert _measure("İLGİLİ HABERLER").key == "ilgili haberler"
