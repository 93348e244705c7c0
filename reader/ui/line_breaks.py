"""Where the reading pane breaks a line of Chinese or Japanese.

Textual wraps at spaces: a run of Chinese or Japanese, which puts no spaces between its
words, is one "word" to it. A run that did not fit after some Latin text ("标准普尔
（Standard & Poor's）周一调低了…") went whole to the next line and left the line above
half empty, and a run folded at the width could start a line with a comma or a full
stop ("，日内汇价受阻…"), which Chinese and Japanese typesetting never does.

Here a line that holds such characters breaks between any two of them as well as at
spaces, and by the line-breaking rules of both languages (kinsoku): a closing mark
(`，。、）」` …) never starts a line and an opening one (`（「` …) never ends one; the
character before the mark goes down with it. Korean puts spaces between its words and
keeps Textual's breaks, as every other script does.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from textual.content import Content

# Han (its supplementary planes too), kana, CJK punctuation and full-width forms: a line
# may break before or after any of them (Hangul is not here: Korean breaks at its spaces).
_CJK = (
    "\u2e80-\u2fff\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
)
_HAS_CJK = re.compile(f"[{_CJK}]")
# What the line is made of: one CJK character, or a run of anything else up to a
# space or a CJK character, each with the spaces after it.
_UNITS = re.compile(f"[{_CJK}] *|[^ {_CJK}]+ *| +")
# A line never starts with these (closing marks, small kana, the prolonged sound mark)
# and never ends with those (opening marks).
NO_START = frozenset(
    "、。，．：；？！）］｝」』】〕〉》〗〙〟・ー…‥ゝゞヽヾ々"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
    ",.:;?!)]}’”%»"
)
NO_END = frozenset("（［｛「『【〔〈《〖〘〝([{‘“«")


def has_cjk(text: str) -> bool:
    """Whether `text` holds a character this module breaks around."""
    return _HAS_CJK.search(text) is not None


def wrap(line: Content, width: int) -> list[Content]:
    """`line` (one paragraph, no newline) in lines of at most `width` cells, as
    `Content.wrap` makes them: broken between CJK characters too, by kinsoku."""
    text = line.plain
    if not has_cjk(text):
        return line.wrap(width)
    cuts = break_offsets(text, max(1, width))
    if not cuts:
        return [line]
    pieces = line.divide(cuts)
    return [piece.rstrip() for piece in pieces[:-1]] + [pieces[-1]]


def break_offsets(text: str, width: int) -> list[int]:
    """Where `text` breaks into lines of at most `width` cells (the spaces at a line's
    end not counted): after as many units as fit, then moved back before a closing
    mark that would start the next line or an opening one that would end this one
    (never back to the line's start: a line of marks alone breaks where it must)."""
    units = [(m.start(), m.end()) for m in _UNITS.finditer(text)]
    cuts: list[int] = []
    first = 0  # the unit that starts the current line
    used = 0  # its cells so far, spaces included
    index = 0
    while index < len(units):
        start, end = units[index]
        piece = text[start:end]
        shown = cell_len(piece.rstrip(" "))
        if used + shown <= width:
            used += cell_len(piece)
            index += 1
            continue
        if index == first:  # a word wider than the line: folded at the width
            fold = _fold(text, start, end, width)
            if fold < end:
                units[index] = (fold, end)
            else:  # one character wider than the line: alone on it
                index += 1
            if index < len(units):
                cuts.append(fold)
            first, used = index, 0
            continue
        cut = index
        while cut - 1 > first and (
            text[units[cut][0]] in NO_START or text[units[cut - 1][1] - 1] in NO_END
        ):
            cut -= 1
        cuts.append(units[cut][0])
        first = index = cut
        used = 0
    return cuts


def _fold(text: str, start: int, end: int, width: int) -> int:
    """Where a word of `text[start:end]` wider than `width` is cut: after the most
    characters that fit (at least one)."""
    used = 0
    for at in range(start, end):
        used += cell_len(text[at])
        if used > width:
            return max(at, start + 1)
    return end
