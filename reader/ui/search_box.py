"""The search box: hidden until `/`, it asks for a search once typing pauses."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

# Pause after a keystroke before searching: a search per key would queue up.
SEARCH_DELAY = 0.12
HINT = 'search: words, "phrase", -word, feed:, is:unread, after:'


class SearchBox(Input):
    """An Input that posts `Search` a moment after the text last changed."""

    @dataclass
    class Search(Message):
        text: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=HINT, id=id)
        self._timer: Timer | None = None

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

    def _on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._stop_timer()
        text = event.value
        self._timer = self.set_timer(SEARCH_DELAY, lambda: self.post_message(self.Search(text)))

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
