"""The cleaner's shortcuts give exactly what the plain code they replace gives."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.clean import FeedEvidence, clean_blocks
from reader.core.clean_signals import _TEMPLATE_RE, _measure, _template_code, describe

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
