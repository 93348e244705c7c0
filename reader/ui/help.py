"""The `?` screen: every key the reader understands, in one place."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

# The key contract users and tests rely on; README's key map mirrors this table.
KEYS: tuple[tuple[str, str], ...] = (
    ("j / ↓", "next row (in the list) · scroll down (in the article)"),
    ("k / ↑", "previous row · scroll up"),
    ("g / Home", "first row · top of the article"),
    ("G / End", "last row · end of the article"),
    ("enter", "open the article and focus the reading pane"),
    ("space", "page down in the article; at its end, open the next unread"),
    ("J / K", "next / previous article"),
    ("n / p", "next / previous unread article"),
    ("s", "star / unstar"),
    ("m", "toggle read"),
    ("u", "show unread only (toggle)"),
    ("S", "show starred only (toggle)"),
    ("/", "filter by text in titles and bodies (esc clears)"),
    ("b", "show / hide the hidden boilerplate, labelled with its reason"),
    ("o", "open the article's link in the browser (http/https only; asks first)"),
    ("A", "mark every listed article read (asks first)"),
    ("ctrl+z", "undo the last mark-all-read"),
    ("!", "list the files that were skipped, and why"),
    ("r", "reload the library"),
    ("tab", "switch focus between the list and the article"),
    ("?", "this help"),
    ("q", "quit"),
)


def help_content() -> Content:
    width = max(len(key) for key, _ in KEYS) + 2
    parts: list[str | tuple[str, str]] = [("Keys\n\n", "bold underline")]
    for key, description in KEYS:
        parts += [(key.ljust(width), "bold"), description, "\n"]
    parts.append(
        (
            "\nAn article is marked read when opened with enter or shown for a second. "
            "Marks are saved at once.\nPress esc, q or ? to close.",
            "dim",
        )
    )
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; any of esc, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_content(), markup=False)
