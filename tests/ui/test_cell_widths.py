"""Spacing combining marks measured as the terminal draws them (`reader.ui.cell_widths`)."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from reader.ui.cell_widths import _with_width_one, count_spacing_marks, spacing_marks


def test_spacing_marks_are_the_vowel_signs_not_the_joining_marks() -> None:
    marks = set(spacing_marks())
    assert {0x093E, 0x093F, 0x0940, 0x094B, 0x0BBE, 0x0DCF} <= marks  # Hindi, Tamil, Sinhala
    assert 0x094D not in marks  # the Devanagari virama joins letters (Mn)
    assert 0x1B44 not in marks  # a Balinese spacing virama: a combining class, no cell
    assert 0x0902 not in marks  # the anusvara sits on its letter (Mn)


def test_rich_measures_hindi_as_the_terminal_does() -> None:
    from rich.cells import cell_len

    assert count_spacing_marks()
    assert cell_len("का") == 2  # ka and the vowel sign aa: two cells in the terminal
    assert cell_len("क्ष") == 2  # ka, virama, ssa: the virama takes none
    assert cell_len("मंजूरी") == 4  # ma, anusvara (none), ja, uu (none), ra, ii
    assert cell_len("hello") == 5


@st.composite
def _spans(draw: st.DrawFn) -> list[tuple[int, int, int]]:
    bounds = sorted(set(draw(st.lists(st.integers(0, 400), min_size=2, max_size=30))))
    spans = []
    for first, nxt in itertools.pairwise(bounds):
        if draw(st.booleans()):
            spans.append((first, nxt - 1, draw(st.sampled_from([0, 0, 1, 2]))))
    return spans


@given(_spans(), st.sets(st.integers(0, 400)))
def test_splitting_gives_each_code_in_a_zero_range_one_cell(
    spans: list[tuple[int, int, int]], codes: set[int]
) -> None:
    def width(table: list[tuple[int, int, int]], code: int) -> int | None:
        return next((w for a, b, w in table if a <= code <= b), None)

    out = _with_width_one(spans, codes)
    assert all(a <= b for a, b, _ in out)
    assert all(b < c for (_, b, _), (c, _, _) in itertools.pairwise(out))
    for code in range(401):
        before = width(spans, code)
        expected = 1 if before == 0 and code in codes else before
        assert width(out, code) == expected
