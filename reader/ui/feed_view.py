"""The feed view: "All", "Unread", "Starred", then every feed with its unread and
total counts (`harbour-gazette  3/12`). Choosing an entry (enter, a click) posts
`Chosen`, and the app narrows the list.

Like the article list it paints only the lines on screen (Textual's Line API), so
hundreds of feeds cost what fits in the pane. The counts come from
`ListFilters.feed_counts()` (one pass when rows or marks change). `f` shows it
beside the list, or in the list's place below `OVER_LIST_BELOW` columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip

from reader.ui.article_list import fit
from reader.ui.bindings import bindings
from reader.ui.line_list import LineList
from reader.ui.list_filters import FeedCount, FeedCounts

# Below this many columns the feed view takes the list's place while it is shown.
OVER_LIST_BELOW = 100
# The screen's class while the feed view stands in for the list (reader.tcss).
OVER_LIST_CLASS = "-feeds-over-list"

Kind = Literal["all", "unread", "starred", "feed"]


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One line of the feed view. `feed` is the feed's name for a feed's line."""

    kind: Kind
    label: str
    counts: str
    chosen: bool  # part of what the list shows now (marked, and in the accent colour)
    unread: bool  # has unread articles (bold)
    feed: str | None = None

    @property
    def key(self) -> tuple[Kind, str | None]:
        return self.kind, self.feed


def feed_entries(
    counts: FeedCounts, *, feed: str | None, unread_only: bool, starred_only: bool
) -> list[FeedEntry]:
    """The lines of the view: "All" (chosen when nothing narrows the list), "Unread" and
    "Starred" (chosen while their toggle is on), then the feeds by name. A chosen feed
    that has no article (its files went away) keeps its line, at 0/0."""
    feeds = list(counts.feeds)
    if feed is not None and all(f.name != feed for f in feeds):
        feeds.append(FeedCount(feed, 0, 0))
    everything = feed is None and not unread_only and not starred_only
    return [
        FeedEntry(
            "all", "All", f"{counts.unread:,}/{counts.total:,}", everything, counts.unread > 0
        ),
        FeedEntry("unread", "Unread", f"{counts.unread:,}", unread_only, counts.unread > 0),
        FeedEntry(
            "starred",
            "Starred",
            f"{counts.starred_unread:,}/{counts.starred:,}",
            starred_only,
            counts.starred_unread > 0,
        ),
        *(
            FeedEntry(
                "feed", f.name, f"{f.unread:,}/{f.total:,}", f.name == feed, f.unread > 0, f.name
            )
            for f in feeds
        ),
    ]


class _LineStyles(NamedTuple):
    base: Style
    cursor: Style
    cursor_blurred: Style
    chosen: Style
    unread: Style
    read: Style
    counts: Style


class FeedView(LineList[_LineStyles]):
    """The feeds and their counts, one painted line each."""

    BINDINGS = bindings("feeds")

    COMPONENT_CLASSES = {
        "feed-view--cursor",
        "feed-view--cursor-blurred",
        "feed-view--chosen",
        "feed-view--unread",
        "feed-view--read",
        "feed-view--counts",
    }

    DEFAULT_CSS = """
    FeedView {
        overflow-x: hidden;
        & > .feed-view--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .feed-view--cursor-blurred { background: $block-cursor-blurred-background; }
        & > .feed-view--chosen { color: $accent; text-style: bold; }
        & > .feed-view--unread { text-style: bold; }
        & > .feed-view--read { color: $text-muted; }
        & > .feed-view--counts { color: $text-muted; }
    }
    """

    @dataclass
    class Chosen(Message):
        """The user chose `entry` (enter or a click)."""

        entry: FeedEntry

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[FeedEntry] = []
        self._shown_key: tuple[object, ...] = ()

    # -- showing ---------------------------------------------------------------

    @property
    def shown(self) -> bool:
        return self.has_class("-shown")

    @property
    def over_list(self) -> bool:
        """Whether the view stands in for the list (a narrow terminal)."""
        return self.shown and self.screen.has_class(OVER_LIST_CLASS)

    def show(self) -> None:
        self.add_class("-shown")
        self._fit()

    def hide(self) -> None:
        self.remove_class("-shown")
        self._fit()

    def on_mount(self) -> None:
        # A resize of the terminal lays the screen out again: check the room then.
        self.screen.screen_layout_refresh_signal.subscribe(self, self._fit)

    def on_unmount(self) -> None:
        self.screen.screen_layout_refresh_signal.unsubscribe(self)

    def _fit(self, _screen: Screen[object] | None = None) -> None:
        screen = self.screen
        over = self.shown and screen.size.width < OVER_LIST_BELOW
        if screen.has_class(OVER_LIST_CLASS) != over:
            screen.set_class(over, OVER_LIST_CLASS)

    # -- entries ---------------------------------------------------------------

    @property
    def current(self) -> FeedEntry | None:
        return self.entries[self.cursor] if self.entries else None

    def show_counts(
        self, counts: FeedCounts, *, feed: str | None, unread_only: bool, starred_only: bool
    ) -> None:
        """The lines for these counts and this choice (built again only when they change)."""
        key = (counts, feed, unread_only, starred_only)
        if key != self._shown_key:
            self._shown_key = key
            entries = feed_entries(
                counts, feed=feed, unread_only=unread_only, starred_only=starred_only
            )
            self.set_entries(entries)

    def set_entries(self, entries: list[FeedEntry]) -> None:
        """New counts or a new choice: the cursor stays on its entry."""
        if entries == self.entries:
            return
        current = self.current
        self.entries = entries
        keys = [entry.key for entry in entries]
        if current is not None and current.key in keys:
            self.cursor = keys.index(current.key)
        self.cursor = max(0, min(self.cursor, len(entries) - 1))
        self.virtual_size = Size(self.size.width, len(entries))
        self.refresh()

    def move_to_entry(self, kind: Kind, feed: str | None = None) -> None:
        """Put the cursor on an entry (the chosen feed, when the view opens)."""
        keys = [entry.key for entry in self.entries]
        if (kind, feed) in keys:
            self._move(keys.index((kind, feed)))

    def line_count(self) -> int:
        return len(self.entries)

    # -- actions ---------------------------------------------------------------

    def action_choose(self) -> None:
        if self.current is not None:
            self.post_message(self.Chosen(self.current))

    def _clicked(self, index: int, chain: int) -> None:
        self._move(index)
        self.action_choose()

    def _move(self, index: int) -> None:
        if not self.entries:
            return
        index = max(0, min(index, len(self.entries) - 1))
        old, self.cursor = self.cursor, index
        self._show_cursor(old, index)

    # -- painting --------------------------------------------------------------

    def _row(self, index: int, width: int) -> Strip:
        styles = self._line_styles()
        if index >= len(self.entries):
            return Strip.blank(width, styles.base)
        entry = self.entries[index]
        counts = " " + entry.counts + " "
        label_width = max(0, width - 2 - cell_len(counts))
        if entry.chosen:
            label_style = styles.chosen
        else:
            label_style = styles.unread if entry.unread else styles.read
        segments = [
            Segment("▸ " if entry.chosen else "  ", styles.chosen),
            Segment(fit(entry.label, label_width), label_style),
            Segment(counts, styles.counts),
        ]
        return self._finish_line(index, segments, width)

    def _line_key(self, index: int) -> FeedEntry | None:
        """A line looks as its entry says (label, counts, chosen, unread)."""
        return self.entries[index] if index < len(self.entries) else None

    def _build_styles(self) -> _LineStyles:
        component = self.get_component_rich_style
        return _LineStyles(
            base=self.rich_style,
            cursor=component("feed-view--cursor"),
            cursor_blurred=component("feed-view--cursor-blurred"),
            chosen=component("feed-view--chosen"),
            unread=component("feed-view--unread"),
            read=component("feed-view--read"),
            counts=component("feed-view--counts"),
        )
