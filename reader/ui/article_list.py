"""The sidebar: one painted line per article, whatever the number of articles.

A widget per row (ListView) takes tens of seconds at 10,000 rows, and OptionList
measures every option up front; this list only paints the rows on screen
(Textual's Line API), so it costs the same at 100 rows and 100,000.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter, indexOf
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.message import Message
from textual.strip import Strip

from reader.core.models import Article
from reader.core.wording import NO_ARTICLE
from reader.ui.bindings import bindings
from reader.ui.line_list import LineList

FEED_WIDTH = 14
MIN_FEED_WIDTH = 8
DATE_WIDTH = 10
SHORT_DATE_WIDTH = 6
MIN_TITLE_WIDTH = 24  # below this the date shortens ("2025-03-14" to "14 Mar")
FEED_TITLE_WIDTH = 30  # the feed column shows once the title keeps this much
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MarkLookup = Callable[[Article], tuple[bool, bool]]


def column_widths(width: int) -> tuple[int, int, int]:
    """Title, feed and date widths for a row `width` cells wide.

    The title is what a reader scans, so it gets the room first: the feed column shows
    only beside a title of `FEED_TITLE_WIDTH`, and in a narrow list (the default at 80
    columns) the date shortens to day and month.
    """
    date_width = DATE_WIDTH
    # dot and star, a space, the date's `~` cell and the date, right margin
    room = width - (4 + 1 + 1 + date_width + 1)
    if room < MIN_TITLE_WIDTH:
        date_width = SHORT_DATE_WIDTH
        room = width - (4 + 1 + 1 + date_width + 1)
    feed_width = min(FEED_WIDTH, room - FEED_TITLE_WIDTH - 1)
    if feed_width < MIN_FEED_WIDTH:
        return max(0, room), 0, date_width
    return room - feed_width - 1, feed_width, date_width


RECENT_DAYS = 183
"""A short date without its year ("14 Mar") is one of the last half year or of this
year: older ones show month and year instead ("Mar’25"; `ls -l` also drops the day
for the year), or an archive's "14 Mar" would read as this year's."""


def date_text(day: dt.date | None, width: int, today: dt.date | None = None) -> str:
    """An article's date in a date column `width` wide (`today`: the day it is)."""
    if width < DATE_WIDTH:
        if day is None:
            return "–"
        today = today or dt.date.today()
        if day.year == today.year or 0 <= (today - day).days <= RECENT_DAYS:
            return f"{day.day} {MONTHS[day.month - 1]}"
        return f"{MONTHS[day.month - 1]}’{day.year % 100:02d}"
    return day.isoformat() if day else "undated"


def find_row(rows: Sequence[Article], article: Article) -> int:
    """Where `article` (or the article with its entry key) is in `rows`, or -1.

    The rows are in list order, so a binary search by the sort key finds it: this
    runs for every scan batch and file change, on lists of 100,000 rows. Only an
    article re-read with another title or date is looked for row by row.
    """
    index = bisect_left(rows, article.order, key=attrgetter("order"))
    if index < len(rows) and rows[index].key == article.key:
        return index
    path, entry = article.path, article.entry
    try:
        index = indexOf(map(attrgetter("path"), rows), path)  # C speed: 2 ms
    except ValueError:
        return -1
    if rows[index].entry == entry:
        return index
    # One entry of a file of several: its rows share the path (rare, so row by row).
    return next((i for i, row in enumerate(rows) if row.path == path and row.entry == entry), -1)


def _date_column(article: Article, width: int) -> tuple[str, str]:
    """The date column's text (`width` wide) and the cell before it: "~" marks a date
    found in the article's text (it has none of its own), "undated" one without either."""
    if article.date is not None:
        return date_text(article.date, width), " "
    if article.found_date is not None:
        return date_text(article.found_date, width), "~"
    return date_text(None, width), " "


def fit(text: str, width: int) -> str:
    """Pad or cut `text` to exactly `width` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


class _LineStyles(NamedTuple):
    base: Style
    cursor: Style
    cursor_blurred: Style
    unread: Style
    read: Style
    dot: Style
    star: Style
    meta: Style
    found: Style  # a date found in the text: `~` and italic


class ArticleList(LineList[_LineStyles]):
    """A keyboard- and mouse-driven list of articles, painted line by line."""

    BINDINGS = bindings("list")

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--cursor-blurred",
        "article-list--unread",
        "article-list--dot",
        "article-list--read",
        "article-list--star",
        "article-list--meta",
    }

    DEFAULT_CSS = """
    ArticleList {
        overflow-x: hidden;
        /* While searching, the scroll bar stays whatever the matches: showing or
           hiding it lays the whole screen out, at a key's search. */
        &.-searching { overflow-y: scroll; }
        & > .article-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .article-list--cursor-blurred { background: $block-cursor-blurred-background; }
        & > .article-list--unread { text-style: bold; }
        & > .article-list--read { color: $text-muted; }
        & > .article-list--dot { color: $accent; }
        & > .article-list--star { color: $warning; }
        & > .article-list--meta { color: $text-muted; }
    }
    """

    @dataclass
    class Highlighted(Message):
        """The cursor moved to `article` (None when the list is empty). `by_user` is
        False when new rows moved it (a scan batch, a file change, a search's results):
        only an article the user moved to may count as read."""

        article: Article | None
        by_user: bool = True

    @dataclass
    class Selected(Message):
        """The user asked to open `article` (enter or double click)."""

        article: Article

    def __init__(self, marks: MarkLookup, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Article] = []
        self._marks = marks
        # What the list says when it has no rows ("No article matches.", the empty
        # library's advice), shown while the reading pane, which says it too, is not
        # beside it; its lines wrapped at a width, kept for that width.
        self.empty_text = ""
        self.alone = False
        self._empty_lines: tuple[int, list[str]] = (-1, [])

    @property
    def rows(self) -> Sequence[Article]:
        return self._rows

    @property
    def current(self) -> Article | None:
        return self._rows[self.cursor] if self._rows else None

    def set_rows(self, rows: list[Article], keep: Article | None = None) -> None:
        """Replace the rows, keeping the cursor on `keep` (or the current article).

        The cursor's article also keeps its place on screen, so rows arriving above
        it (a new file, a batch of the scan) do not make the list jump.
        """
        previous = self.current
        anchor = keep or previous
        screen_offset = self.cursor - int(self.scroll_offset.y)
        self._rows = rows
        index = -1
        if anchor is not None:
            index = find_row(rows, anchor)
        self._set_lines(len(rows))
        if index >= 0:
            self.scroll_to(y=max(0, index - screen_offset), animate=False, immediate=True)
            # (`keep` may be another article than the one the cursor was on)
            force = index != self.cursor or previous is None or previous.key != rows[index].key
        else:  # the article is gone from the list: another one is under the cursor now
            index = min(self.cursor, max(len(rows) - 1, 0))
            force = True
        self._move(index, force=force, by_user=False)
        self.refresh()

    def refresh_article(self, article: Article) -> None:
        """Repaint the rows showing `article` (its marks changed)."""
        top = int(self.scroll_offset.y)
        for y in range(self.size.height):
            index = top + y
            if index < len(self._rows) and self._rows[index].id == article.id:
                self.refresh_line(index)

    def set_empty_text(self, text: str) -> None:
        """What the list says when it has no rows ("": nothing)."""
        if text != self.empty_text:
            self.empty_text = text
            self._empty_lines = (-1, [])
            self.refresh()

    def set_alone(self, alone: bool) -> None:
        """Whether the list shows without the reading pane beside it (a narrow
        terminal): only then does it say its `empty_text` itself."""
        if alone != self.alone:
            self.alone = alone
            self.refresh()

    def _said(self, width: int) -> list[str]:
        """`empty_text` in lines of `width` cells, two columns in, as the rows start."""
        if self._empty_lines[0] != width:
            lines: list[str] = []
            for paragraph in self.empty_text.splitlines():
                wrapped = textwrap.wrap(paragraph, max(1, width - 3), break_on_hyphens=False)
                lines += [f"  {line}" for line in wrapped] or [""]
            self._empty_lines = (width, lines)
        return self._empty_lines[1]

    def move_to(self, index: int, *, by_user: bool = True) -> None:
        self._move(index, by_user=by_user)

    def line_count(self) -> int:
        return len(self._rows)

    # -- actions ---------------------------------------------------------------

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self.current))
        else:  # an empty list, or no match: say why nothing opens
            self.app.notify(NO_ARTICLE, markup=False, timeout=3)

    def _clicked(self, index: int, chain: int) -> None:
        self._move(index)
        if chain >= 2:
            self.action_select()

    def _move(self, index: int, force: bool = False, by_user: bool = True) -> None:
        if not self._rows:
            changed = self.cursor != 0 or force
            self.cursor = 0
            if changed:
                self.post_message(self.Highlighted(None, by_user))
            return
        index = max(0, min(index, len(self._rows) - 1))
        if index == self.cursor and not force:
            return
        old, self.cursor = self.cursor, index
        self._show_cursor(old, index)
        self.post_message(self.Highlighted(self._rows[index], by_user))

    # -- painting --------------------------------------------------------------

    def _row(self, index: int, width: int) -> Strip:
        styles = self._line_styles()
        if index >= len(self._rows):
            said = self._said(width) if self.alone and not self._rows else []
            if index < len(said):
                return Strip([Segment(fit(said[index], width), styles.base)])
            return Strip.blank(width, styles.base)
        article = self._rows[index]
        read, starred = self._marks(article)
        title_width, feed_width, date_width = column_widths(width)
        date, lead = _date_column(article, date_width)
        segments = [
            Segment("  " if read else " ●", styles.dot),
            Segment("★ " if starred else "  ", styles.star),
            Segment(fit(article.title, title_width), styles.read if read else styles.unread),
        ]
        if feed_width:
            segments.append(Segment(" " + fit(article.feed, feed_width), styles.meta))
        # A space after the title, then the dates aligned on their right edge (a short
        # date's day may be one digit), a found date's "~" right before it.
        shown = (lead.strip() + date).rjust(date_width + 1)
        segments.append(Segment(" " + shown + " ", styles.found if lead == "~" else styles.meta))
        return self._finish_line(index, segments, width)

    def _line_key(self, index: int) -> tuple[Article, bool, bool] | None:
        """A row looks as its article (every field of it) and its marks say."""
        if index >= len(self._rows):
            return None
        article = self._rows[index]
        return (article, *self._marks(article))

    def _build_styles(self) -> _LineStyles:
        component = self.get_component_rich_style
        return _LineStyles(
            base=self.rich_style,
            cursor=component("article-list--cursor"),
            cursor_blurred=component("article-list--cursor-blurred"),
            unread=component("article-list--unread"),
            read=component("article-list--read"),
            dot=component("article-list--dot"),
            star=component("article-list--star"),
            meta=component("article-list--meta"),
            found=component("article-list--meta") + Style(italic=True),
        )
