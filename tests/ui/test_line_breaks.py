"""The reading pane's line breaks in Chinese and Japanese (`reader.ui.line_breaks`)."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.content import Content

from reader.ui.article_body import hung
from reader.ui.line_breaks import NO_END, NO_START, wrap

# Written for these tests: a market report and a Japanese notice.
REPORT = (
    "周二港口管理局宣布，新建的两艘电动渡轮（每艘可载三百人）将于下月启航，"
    "往返港口与东岸之间的航程将缩短一半。"
)
MIXED = "标准普尔（Standard & Poor's）周一调低了港口基金的信用评级，这可能削弱渡轮计划。"
NOTICE = "新しいフェリーは来月から運航を始めます。「港の再生」の第一歩です。"


def texts(lines: list[Content]) -> list[str]:
    return [line.plain for line in lines]


def test_a_comma_or_full_stop_never_starts_a_line() -> None:
    """Folded at the width, a line began with "，": the character before goes down
    with the mark."""
    for width in range(6, 60):
        lines = texts(wrap(Content(REPORT), width))
        assert "".join(lines) == REPORT
        assert all(line[0] not in NO_START for line in lines[1:]), (width, lines)
        assert all(line[-1] not in NO_END for line in lines[:-1]), (width, lines)
        assert all(cell_len(line) <= width for line in lines), (width, lines)


def test_chinese_after_latin_words_fills_the_line() -> None:
    """Textual takes a run without spaces for one word: the run after "Poor's" went
    whole to the next line and left this one half empty."""
    lines = texts(wrap(Content(MIXED), 40))
    assert cell_len(lines[0]) >= 36
    assert "".join(lines).replace(" ", "") == MIXED.replace(" ", "")
    # Latin words are still whole, broken at their spaces
    assert not any(line.endswith(("Stand", "Po")) for line in lines)


def test_japanese_small_kana_and_closing_quotes_do_not_start_a_line() -> None:
    for width in range(6, 40):
        lines = texts(wrap(Content(NOTICE), width))
        assert "".join(lines) == NOTICE
        assert all(line[0] not in NO_START for line in lines[1:]), (width, lines)


def test_other_scripts_keep_textuals_breaks() -> None:
    korean = "서울 시는 새 버스 노선을 발표했다"
    for text in ("Plain English that wraps at its spaces only.", korean):
        assert texts(wrap(Content(text), 12)) == texts(Content(text).wrap(12))


def test_a_list_item_in_chinese_hangs_under_its_words() -> None:
    lines = texts(hung(Content("- " + REPORT), 30))
    assert lines[0].startswith("- ") and all(line.startswith("  ") for line in lines[1:])
    assert all(cell_len(line) <= 30 for line in lines)
    assert all(line.strip()[0] not in NO_START for line in lines[1:])


def test_styles_follow_their_characters() -> None:
    content = Content(REPORT).stylize("bold", 2, 7)
    lines = wrap(content, 10)
    bold = "".join(line.plain[span.start : span.end] for line in lines for span in line.spans)
    assert bold == REPORT[2:7]


LETTERS = st.text(alphabet="港口管理局宣布新建渡轮下月启航フリ運航", min_size=1, max_size=6)
CLOSING = st.sampled_from(["，", "。", "）", "」", "、", "！"])
OPENING = st.sampled_from(["（", "「", "《"])
WORD = st.text(alphabet="abcdefgh", min_size=1, max_size=8)


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    """Runs of letters, each maybe opened and closed by a mark, and Latin words."""
    parts = []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            parts.append(" " + draw(WORD) + " ")
        else:
            run = draw(LETTERS)
            if kind == 2:
                run = draw(OPENING) + run
            parts.append(run + draw(CLOSING))
    return "".join(parts).strip()


@settings(max_examples=300, deadline=None)
@given(paragraphs(), st.integers(6, 50))
def test_breaks_keep_the_text_fit_the_width_and_follow_kinsoku(text: str, width: int) -> None:
    lines = texts(wrap(Content(text), width))
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(cell_len(line) <= width for line in lines)
    for before, line in pairwise(lines):
        assert line[:1] not in NO_START or len(before) <= 1
        assert before[-1:] not in NO_END
