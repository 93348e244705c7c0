"""The bottom line: the keys that work where the focus is, as one painted line.

Textual's Footer is a widget per key, rebuilt and restyled whenever the focus moves:
80 ms of a 0.5 s warm start at 100,000 articles, and again at every tab. This paints
the same hints as one line of text; a click on a hint presses its key.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from reader.core.keys import KEY_TABLE

TABLE_ORDER = {binding.id: index for index, binding in enumerate(KEY_TABLE) if binding.id}


class Hint(NamedTuple):
    key: str
    display: str
    description: str
    enabled: bool
    id: str = ""


# Hints that stay on a narrow bar when others must go: how to get help and how to leave
# (the main screen, the help, the lists over it).
KEPT_HINTS = frozenset(
    {"reader.help", "reader.quit", "help.close", "problems.close", "links.close"}
)


class KeyBar(Widget, can_focus=False):
    """The hints of the focused widget's shown bindings, the command palette's on the right."""

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--disabled"}

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--disabled { text-style: dim; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hints: list[Hint] = []
        self.palette: Hint | None = None
        self.spans: list[tuple[int, int, Hint]] = []  # cells each painted hint covers

    def on_mount(self) -> None:
        # The screen signals once its widgets are mounted and something has focus:
        # only then can every binding's check_action be asked.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        hints: dict[str, tuple[int, Hint]] = {}  # one per action: "j,down" shows as j
        palette = None
        for key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items():
            display = self.app.get_key_display(binding)
            hint = Hint(key, display, binding.description, enabled, binding.id or "")
            if key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = hint
            elif binding.show:
                hints.setdefault(binding.action, (TABLE_ORDER.get(binding.id, -1), hint))
        # In the key table's order, also for a binding a keymap moved to another key.
        ordered = sorted(hints.values(), key=lambda entry: entry[0])
        self.hints, self.palette = [hint for _order, hint in ordered], palette
        self.refresh()

    def render(self) -> Text:
        line = Text(no_wrap=True, overflow="crop")
        self.spans = []
        for hint in self._fitting():
            self._append(line, hint)
        if self.palette is not None:
            room = self.size.width - line.cell_len - self._width(self.palette)
            if room >= 1:
                line.append(" " * room)
                self._append(line, self.palette)
        return line

    def _append(self, line: Text, hint: Hint) -> None:
        start = line.cell_len
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        if not hint.enabled:
            dim = self.get_component_rich_style("key-bar--disabled")
            key_style, description_style = key_style + dim, description_style + dim
        line.append(f" {hint.display} ", key_style)
        line.append(f"{hint.description} ", description_style)
        self.spans.append((start, line.cell_len, hint))

    def _fitting(self) -> list[Hint]:
        """The hints that fit the bar whole, in order: when not all do, help and
        quit stay, and the others fill what is left in the key table's order."""
        room = self.size.width
        if sum(map(self._width, self.hints)) <= room:
            return self.hints
        room -= sum(self._width(hint) for hint in self.hints if hint.id in KEPT_HINTS)
        kept: set[int] = set()
        for index, hint in enumerate(self.hints):
            if hint.id not in KEPT_HINTS and self._width(hint) <= room:
                room -= self._width(hint)
                kept.add(index)
        return [h for i, h in enumerate(self.hints) if i in kept or h.id in KEPT_HINTS]

    @staticmethod
    def _width(hint: Hint) -> int:
        return cell_len(f" {hint.display} {hint.description} ")

    def on_click(self, event: events.Click) -> None:
        for start, end, hint in self.spans:
            if start <= event.x < end:
                if hint.enabled:
                    self.app.simulate_key(hint.key)
                else:
                    self.app.bell()
                return
