"""The search box: hidden until `/`, it asks for a search once typing pauses; the
line under it (the language's hint, or the whole error); and the find box that
looks for words in the open article."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Self

from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from reader.core.keys import or_keys
from reader.ui.bindings import bindings

# Pause after a keystroke before searching titles alone (no index yet): that search
# runs in Python over every title, and one per key would queue up. With the index, a
# search runs at each key (the search thread skips all but the newest request).
SEARCH_DELAY = 0.12
HINT = "search titles and text"
# Under the box while it is open: the language at a glance (it wraps in a narrow list).
LANGUAGE_HINT = (
    'words  "a phrase"  -word  a OR b  (a OR b) c  feed:NAME  is:unread  after:/before:YYYY-MM-DD'
)


def language_hint(keymap: Mapping[str, str] | None = None) -> str:
    """The language at a glance, then how to run the search and where the rest is, with
    the keys `keymap` (config.toml's [keys]) gives: `?` in the box is a character."""
    more = f"{or_keys('reader.submit_search', keymap)}, then {or_keys('reader.help', keymap)}"
    return f"{LANGUAGE_HINT}  ({more}: more)"


FIND_HINT = "find in the article"


class SearchBox(Input):
    """An Input that asks for a search when the text changes: at once while `at_once()`
    says so (the app: when the index exists), else a moment after typing pauses.

    It calls `search(text)` when the app set it (a key's search starts in the same
    turn of the event loop: a `Search` message bubbles to the app through the screen,
    a wait for each message queue on the way, 2-15 ms before any work), else posts
    `Search`."""

    @dataclass
    class Search(Message):
        text: str

    _value_changing = False  # inside `_watch_value`

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=HINT, id=id)
        self._timer: Timer | None = None
        self.at_once: Callable[[], bool] = lambda: False
        self.search: Callable[[str], None] | None = None

    @property
    def in_use(self) -> bool:
        """Shown, or holding a search (esc has something to clear)."""
        return self.display or bool(self.value)

    def open(self) -> None:
        """Show and focus the box at once (focus() is deferred): keys typed right after
        `/` must reach the box, not act on the list."""
        self.display = True
        self.screen.set_focus(self)

    def clear_search(self) -> None:
        """Hide the box and forget its text, without asking for a search."""
        self.display = False
        self._stop_timer()
        with self.prevent(Input.Changed):
            self.value = ""

    def _watch_value(self, value: str) -> None:
        """Input's own, without the layout of the whole screen that its new width
        (`virtual_size`, set at each key) asks for: the box's size never depends on
        its text, and that layout delayed the search's frame by a frame of its own."""
        self._value_changing = True
        try:
            super()._watch_value(value)
        finally:
            self._value_changing = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if self._value_changing and not self.styles.auto_dimensions:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._stop_timer()
        text = event.value
        if self.at_once():
            self._ask(text)
        else:
            self._timer = self.set_timer(SEARCH_DELAY, lambda: self._ask(text))

    def _ask(self, text: str) -> None:
        if self.search is not None:
            self.search(text)
        else:
            self.post_message(self.Search(text))

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None


class SearchHint(Static):
    """The line under the search box: the language while the box is open, or the
    search's error, whole (the status line is as narrow as the list)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._text: str | None = None

    def show(self, *, error: str | None, open: bool) -> None:
        self.set_class(bool(error), "-error")
        self.display = bool(error) or open
        text = error or language_hint(getattr(self.app, "keymap", None))
        if text != self._text:  # an update lays the screen out again: not at every search
            self._text = text
            self.update(Content(text))


class FindBox(Input):
    """Find in the open article: the pane highlights what is typed and jumps to it.

    Hidden until `ctrl+f`; enter goes back to the article keeping the highlights, esc
    closes the box and drops them."""

    BINDINGS = bindings("find")

    @dataclass
    class Find(Message):
        """The text to find changed ("" when the box closes)."""

        text: str

    @dataclass
    class Closed(Message):
        """The box closed; `keep` when the highlights stay (enter)."""

        keep: bool

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=FIND_HINT, id=id)

    def open(self) -> None:
        self.display = True
        self.screen.set_focus(self)

    def action_accept(self) -> None:
        self.display = False
        self.post_message(self.Closed(keep=True))

    def action_close(self) -> None:
        self.display = False
        with self.prevent(Input.Changed):
            self.value = ""
        self.post_message(self.Closed(keep=False))

    def _on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Find(event.value))
