"""Make untrusted article text safe to put on a terminal.

Textual's `Content` keeps ESC and C1 controls, so an article could otherwise
clear the screen, retitle the window or write the clipboard (OSC 52). Every
string that comes from a file (titles, bodies, feed and file names) passes
through `clean_display_text` once, at load time, so the UI never sees raw escapes.
"""

from __future__ import annotations

import re

# Whole escape sequences first, so their parameters ("[2J", "]0;title") do not
# linger as visible garbage once the introducer is gone.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?   # OSC ... BEL/ST (or unterminated)
    | \x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?   # 8-bit OSC
    | \x1b[P^_X][^\x1b\x9c]*(?:\x1b\\|\x9c)?      # DCS / PM / APC / SOS strings
    | \x1b\[[0-?]*[ -/]*[@-~]?                     # CSI
    | \x9b[0-?]*[ -/]*[@-~]?                       # 8-bit CSI
    | \x1b[ -/]*[0-~]?                             # other two-byte escapes
    """,
    re.VERBOSE,
)
# C0 except tab and newline, DEL, C1; bidi embeddings/overrides/isolates (they can
# reorder what the user sees); zero-width spaces and the BOM (they break widths).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)


def clean_display_text(text: str) -> str:
    """Strip escape sequences and invisible controls; tabs become four spaces."""
    if not text.isprintable():
        text = _ESCAPE_SEQUENCE.sub("", text)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = _INVISIBLE.sub("", text)
    return text.replace("\t", "    ")


def clean_line(text: str) -> str:
    """Like `clean_display_text`, for one-line fields: newlines become spaces."""
    return " ".join(clean_display_text(text).split())
