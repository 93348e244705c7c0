"""Make untrusted article text safe to put on a terminal.

Textual's `Content` keeps ESC and C1 controls, so an article could otherwise
clear the screen, retitle the window or write the clipboard (OSC 52). Every
string that comes from a file (titles, bodies, feed and file names) passes
through `clean_display_text` once, at load time, so the UI never sees raw escapes.

What comes out holds no C0 or C1 control but newline, no DEL, no bidi control
(which could reorder what the user sees), no zero-width space, no lone surrogate
(undecodable bytes of a file name, which a terminal cannot encode); one-line
fields hold no run of more than `MAX_COMBINING` combining marks on a character
("Zalgo" text that paints over the rows around it). Markup such as `[bold]` is
left as it is: the UI shows text, never markup.
"""

from __future__ import annotations

import re

# Whole escape sequences first, so their parameters ("[2J", "]0;title") do not
# linger as visible garbage once the introducer is gone. String sequences end at
# their terminator, or at a line end when a hostile one is left open, so that one
# stray OSC cannot swallow the rest of an article.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?   # OSC ... BEL/ST (or unterminated)
    | \x9d[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?   # 8-bit OSC
    | \x1b[P^_X][^\x1b\x9c\n]*(?:\x1b\\|\x9c)?      # DCS / PM / APC / SOS strings
    | \x1b\[[0-?]*[ -/]*[@-~]?                       # CSI
    | \x9b[0-?]*[ -/]*[@-~]?                         # 8-bit CSI
    | \x1b[ -/]*[0-~]?                               # other two-byte escapes
    """,
    re.VERBOSE,
)
# C0 except tab and newline, DEL, C1; bidi marks, embeddings, overrides and
# isolates; zero-width space, word joiner, invisible operators, deprecated format
# controls, interlinear annotation marks, the BOM and the BMP's noncharacters.
# Zero-width (non-)joiners stay: emoji sequences and several scripts need them.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufdd0-\ufdef\ufeff\ufff9-\ufffb\ufffe\uffff]"
)
# Lone surrogates come from undecodable bytes in file names (os.fsdecode).
_SURROGATE = re.compile("[\ud800-\udfff]")
# Line and paragraph separators: str.splitlines() breaks on them, terminals do not.
_LINE_SEPARATOR = re.compile("[\u2028\u2029]")

MAX_COMBINING = 4
"""Combining marks kept on one character; Vietnamese needs two, real text rarely more."""
_COMBINING = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
_COMBINING_RUN = re.compile(f"([{_COMBINING}]{{{MAX_COMBINING}}})[{_COMBINING}]+")
_TOO_MANY_COMBINING = re.compile(f"[{_COMBINING}]{{{MAX_COMBINING + 1}}}")


def clean_display_text(text: str) -> str:
    """Strip escape sequences and invisible controls; tabs become four spaces.

    Text whose only non-printable character is the newline (most article text) is
    returned as it is after two quick C-speed checks.
    """
    if text.isprintable() or text.replace("\n", "").isprintable():
        return text
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_SEPARATOR.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    return text.replace("\t", "    ")


def clean_line(text: str) -> str:
    """Like `clean_display_text`, for one-line fields: newlines become spaces.

    One-line fields (titles, feed names, tags) also lose combining marks beyond
    `MAX_COMBINING` on one character, which would paint over the rows around them
    in the list. (Bodies keep them: checking every page would slow every scan.)
    """
    if not text.isprintable():
        text = " ".join(clean_display_text(text).split())
    elif "  " in text or text[:1] == " " or text[-1:] == " ":
        text = " ".join(text.split())
    # else one clean line already (the only whitespace printable text holds is the
    # space), which splitting and joining would give back: a list of its words
    # costs a title or byline more than the rest of its cleaning
    if not text.isascii() and _TOO_MANY_COMBINING.search(text):
        text = _COMBINING_RUN.sub(r"\1", text)
    return text
