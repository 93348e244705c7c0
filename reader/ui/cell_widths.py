"""Give spacing combining marks the cell a terminal gives them.

Rich (and Textual through it) counts every combining mark as zero cells wide. For the
marks that combine without advancing (Unicode category Mn, Me) that is right; a
*spacing* mark (category Mc: the vowel signs of Devanagari, Bengali, Tamil and the other
Indic scripts, of Myanmar, Khmer, Sinhala) takes a column of its own in a terminal that
measures with the C library's `wcwidth`, as tmux, xterm and the VTE terminals do. A
Hindi line was laid out a fifth narrower than the terminal drew it: its end ran past the
pane and the screen cut words off the story. The wcwidth project counts Mc as one cell
since 2026 for the same reason; marks with a canonical combining class (viramas and
their kin, which join the letters around them) stay zero-wide.

The table Rich measures with is patched in place, once, before the first frame; its
caches are cleared. Nothing here is the core's: only the screen's measure changes.
"""

from __future__ import annotations

import unicodedata

# The blocks that hold spacing marks written as a letter's vowel: Indic (Devanagari to
# Sinhala), Tibetan, Myanmar, Khmer, Balinese and the other scripts of U+1A00-U+1CFF,
# the Indic extensions of U+A800-U+ABFF, and the historic Brahmic scripts of the
# Supplementary Multilingual Plane (Brahmi, Kaithi, Sharada, ...).
_SPANS = ((0x0900, 0x0E00), (0x0F00, 0x10A0), (0x1780, 0x1800), (0x1A00, 0x1D00))
_SPANS += ((0xA800, 0xAC00), (0x11000, 0x11D00))


def spacing_marks() -> list[int]:
    """Code points of category Mc with no canonical combining class, in `_SPANS`."""
    return [
        code
        for lo, hi in _SPANS
        for code in range(lo, hi)
        if unicodedata.category(chr(code)) == "Mc" and not unicodedata.combining(chr(code))
    ]


_patched = False


def count_spacing_marks() -> bool:
    """Make Rich's cell table count each spacing mark as one cell (once a process).
    False when this Rich keeps its table otherwise: the layout then stays Rich's own."""
    global _patched
    if _patched:
        return True
    try:
        from rich import cells
        from rich._unicode_data import load
    except ImportError:
        return False
    widths = load("auto").widths
    if not isinstance(widths, list):
        return False
    widths[:] = _with_width_one(widths, set(spacing_marks()))
    cells.get_character_cell_size.cache_clear()
    cells.cached_cell_len.cache_clear()
    _patched = True
    return True


def _with_width_one(
    spans: list[tuple[int, int, int]], codes: set[int]
) -> list[tuple[int, int, int]]:
    """`spans` (sorted (first, last, width) ranges) with each of `codes` that lies in a
    zero-width range split out of it as a one-cell range of its own. Code points no
    range covers are one cell wide already."""
    out: list[tuple[int, int, int]] = []
    for first, last, width in spans:
        if width != 0:
            out.append((first, last, width))
            continue
        start = first
        for code in range(first, last + 1):
            if code in codes:
                if start < code:
                    out.append((start, code - 1, 0))
                out.append((code, code, 1))
                start = code + 1
        if start <= last:
            out.append((start, last, 0))
    return out
