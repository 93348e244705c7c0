"""Terminal safety of article text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.core.sanitize import clean_display_text, clean_line


def test_escape_sequences_go_whole() -> None:
    text = "a\x1b[2Jb\x1b]0;title\x07c\x1b]52;c;ZXZpbA==\x1b\\d\x1b[31mred\x1b[0m\x1bPdcs\x1b\\e"
    assert clean_display_text(text) == "abcdrede"


def test_controls_bidi_and_zero_width_removed_tabs_expanded() -> None:
    assert clean_display_text("x\x00\x07\u202eevil\u200b\ufeff\tend\r\n") == "xevil    end\n"


def test_markup_is_left_as_literal_text() -> None:
    text = "[bold red]URGENT[/] [@click=app.quit]x[/]"
    assert clean_display_text(text) == text


def test_clean_line_is_one_line() -> None:
    assert clean_line(" a\n b\t c ") == "a b c"


@given(st.text())
def test_no_control_characters_survive(text: str) -> None:
    out = clean_display_text(text)
    assert not any(ord(c) < 32 and c != "\n" for c in out)
    assert not any(0x7F <= ord(c) <= 0x9F for c in out)


def _clean_line_by_words(text: str) -> str:
    """`clean_line` as it was written before its quick return (dc1af83)."""
    from reader.core import sanitize

    text = " ".join(clean_display_text(text).split())
    if not text.isascii() and sanitize._TOO_MANY_COMBINING.search(text):
        text = sanitize._COMBINING_RUN.sub(r"\1", text)
    return text


@given(
    st.text(
        st.one_of(
            st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000\u200b\x1b[0m\u0301ab"),
            st.characters(),
        ),
        max_size=40,
    )
)
def test_clean_line_reads_as_by_its_words(text: str) -> None:
    assert clean_line(text) == _clean_line_by_words(text)
