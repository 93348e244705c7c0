"""The split of the main screen between the sidebar (the list) and the reading pane.

`Split` decides, from the terminal's width, the focus and the user's choices, which of
the two shows and how wide the list is (the widths are `reader.core.layout`'s):

- wide enough, the two side by side; `z` shows the article alone until `z` or `h` again;
- below `NARROW_BELOW` columns, one at a time, following the focus: the article once it
  has the focus (enter), the list otherwise (`h`, esc, `/`).

Whatever gets the focus is shown, and nothing hidden keeps it. The sidebar's right border
is the divider: dragging it with the mouse sets the list's width.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget

from reader.core.layout import is_narrow, list_width, stepped
from reader.ui.article_list import ArticleList


class Sidebar(Vertical):
    """The list's column; its right border is a divider the mouse can drag."""

    @dataclass
    class Dragged(Message):
        """The divider was dragged to make the list `width` columns; `done` at release."""

        width: int
        done: bool

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.dragging = False

    def _on_divider(self, event: events.MouseEvent) -> bool:
        return event.screen_x == self.region.right - 1

    def _width_at(self, event: events.MouseEvent) -> int:
        return event.screen_x - self.region.x + 1

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button == 1 and self._on_divider(event):
            event.stop()
            self.dragging = True
            self.capture_mouse()
            self.add_class("-dragging")

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self.dragging:
            event.stop()
            self.post_message(self.Dragged(self._width_at(event), done=False))
        else:
            self.set_class(self._on_divider(event), "-divider-hover")

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self.dragging:
            event.stop()
            self._end_drag()
            self.post_message(self.Dragged(self._width_at(event), done=True))

    def on_mouse_capture(self, event: events.MouseCapture) -> None:
        self.dragging = True

    def on_mouse_release(self, event: events.MouseRelease) -> None:
        if self.dragging:  # the capture ended without a button release (focus lost...)
            self._end_drag()

    def on_leave(self, event: events.Leave) -> None:
        self.remove_class("-divider-hover")

    def _end_drag(self) -> None:
        self.dragging = False
        self.remove_class("-dragging", "-divider-hover")
        if self.app.mouse_captured is self:
            self.release_mouse()


class Split:
    """Shows the list, the article or both, and sizes the list, for one screen."""

    def __init__(self, screen: Screen[None]) -> None:
        self.screen = screen  # with a #sidebar holding the #articles list, and a #pane
        self.chosen: int | None = None  # columns the user chose for the list (None: 40%)
        self.full = False  # the article alone, chosen with `z`
        self.reading = False  # the article was focused last (a narrow terminal shows it)

    @property
    def sidebar(self) -> Widget:
        return self.screen.query_one("#sidebar")

    @property
    def pane(self) -> Widget:
        return self.screen.query_one("#pane")

    @property
    def article_list(self) -> Widget:
        return self.screen.query_one("#articles")

    @property
    def terminal(self) -> int:
        return self.screen.size.width

    @property
    def narrow(self) -> bool:
        return is_narrow(self.terminal)

    @property
    def width(self) -> int:
        """The list's width when it shows beside the article."""
        return list_width(self.terminal, self.chosen)

    @property
    def list_shown(self) -> bool:
        return not self.sidebar.has_class("-off")

    @property
    def article_shown(self) -> bool:
        return bool(self.pane.display)

    def stepped(self, delta: int) -> int:
        return stepped(self.terminal, self.chosen, delta)

    def focus_moved(self, focused: Widget | None) -> None:
        """Show what got the focus. No focus (the terminal lost it) changes nothing."""
        if focused is None:
            return
        if self.sidebar in focused.ancestors_with_self or focused.id == "feeds":
            # the user went to the list (h, esc, `/`) or the feed view (`f`)
            self.full = self.reading = False
        elif focused is self.pane:
            self.reading = True
        self.apply()

    def apply(self) -> None:
        """Show what the size and the choices call for; move the focus off anything
        hidden."""
        sidebar, pane = self.sidebar, self.pane
        if self.full:
            show_list, show_pane = False, True
        elif self.narrow:
            show_list, show_pane = not self.reading, self.reading
        else:
            show_list = show_pane = True
        sidebar.styles.width = self.width if show_pane else "1fr"
        sidebar.set_class(not show_pane, "-alone")
        # No article beside it: a feed view in the list's place takes the whole width too.
        self.screen.set_class(not show_pane, "-list-alone")
        # A class, not an inline style: the feed view's own rule may hide the list too.
        sidebar.set_class(not show_list, "-off")
        pane.display = show_pane
        articles = self.article_list
        if isinstance(articles, ArticleList):  # it says "No article matches." when alone
            articles.set_alone(not show_pane)
        focused = self.screen.focused
        if focused is None:
            return
        if not show_list and sidebar in focused.ancestors_with_self:
            self.screen.set_focus(pane)
        elif not show_pane and focused is pane:
            self.screen.set_focus(self.article_list)

    def show_list(self) -> None:
        """Back to the list (h, esc): shown again and focused."""
        self.full = self.reading = False
        self.screen.set_focus(self.article_list)
        self.apply()

    def toggle_article_alone(self) -> None:
        """`z`: the article alone, or back to what was shown before."""
        if not self.list_shown:
            self.full = False
            if self.narrow:
                self.show_list()
                return
        else:
            self.full = True
            self.screen.set_focus(self.pane)
        self.apply()

    def set_width(self, width: int | None) -> int:
        """Make the list `width` columns (within the bounds; None: the default share of
        the terminal) and show it beside the article; returns the width it got."""
        self.chosen = None if width is None else list_width(self.terminal, width)
        self.full = False
        self.apply()
        return self.width
