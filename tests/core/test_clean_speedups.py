"""The cleaner's shortcuts give exactly what the plain code they replace gives."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

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

# Characters the template pattern cares about, and a few that it does not.
_CODE_TEXT = st.text(alphabet="ab1_ .?(){}%$<>;:\t\n\u00a0é", max_size=16)
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
# a combining mark that folds to a letter, CJK, Cyrillic).
_ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=127),
        st.sampled_from("ßẞİıſK\u0345é©«»“”’\u3042\u4e00\uac00йЁΣς・•"),
    ),
    max_size=40,
)


@settings(max_examples=600, deadline=None)
@given(_ANY_TEXT)
def test_words_are_the_word_pattern_tokens(text: str) -> None:
    for folded in (text, text.casefold()):
        assert _words(folded) == WORD_RE.findall(folded)
    assert block_key(text) == " ".join(WORD_RE.findall(text.casefold()))


@settings(max_examples=600, deadline=None)
@given(_ANY_TEXT)
def test_measured_words_and_cjk_weight_are_the_plain_ones(text: str) -> None:
    info = _measure(text)
    words = WORD_RE.findall(text.casefold())
    assert info.key == " ".join(words) and info.words == len(words)
    cjk_chars = len(_CJK_RE.findall(text))
    if cjk_chars > 0.3 * max(1, len(text.strip())):
        assert info.cjk and info.weight == cjk_chars / 2.0 + len(words)
    else:
        assert not info.cjk and info.weight == float(len(words))


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(["", "by ", "BY ", "Posted By: ", "author: ", "AUTHOR:\t"]), _ANY_TEXT)
def test_a_signature_needs_by_or_author(opening: str, rest: str) -> None:
    # `_author_names` searches only lines holding one of the two words
    text = opening + rest
    if _SIGNED_RE.search(text):
        low = text.lower()
        assert "by" in low or "author" in low
