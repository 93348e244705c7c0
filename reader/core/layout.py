"""How the main screen splits the terminal between the article list and the article.

The list takes about 40% of the width, between `MIN_LIST` and `MAX_LIST` columns, and
leaves the article at least `MIN_ARTICLE`; a width the user chose (keys or the mouse,
kept in settings.json) wins within the same bounds. Below `NARROW_BELOW` columns the two
take turns: the list alone, or the article alone once one is open.
"""

from __future__ import annotations

MIN_LIST = 30
MAX_LIST = 60
LIST_SHARE = 0.4
MIN_ARTICLE = 30  # columns the article keeps beside the list
NARROW_BELOW = 70  # terminal columns under which the list and the article take turns
STEP = 4  # columns one press of the widen / narrow keys moves the divider


def is_narrow(terminal: int) -> bool:
    """Whether a terminal `terminal` columns wide shows the list or the article, not both."""
    return terminal < NARROW_BELOW


def widest_list(terminal: int) -> int:
    """The widest the list may be beside the article."""
    return max(MIN_LIST, min(MAX_LIST, terminal - MIN_ARTICLE))


def list_width(terminal: int, chosen: int | None = None) -> int:
    """Columns of the list (its border included) beside the article: the width `chosen`
    by the user, else `LIST_SHARE` of the terminal, kept within the bounds."""
    wanted = round(terminal * LIST_SHARE) if chosen is None else chosen
    return max(MIN_LIST, min(widest_list(terminal), wanted))


def stepped(terminal: int, chosen: int | None, delta: int) -> int:
    """The list's width after moving the divider `delta` columns (within the bounds)."""
    return list_width(terminal, list_width(terminal, chosen) + delta)
