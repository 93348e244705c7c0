"""The `?` screen: every key the reader understands, from the core's key table."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.core.keys import help_sections, or_keys
from reader.core.query import QUERY_HELP
from reader.ui.bindings import bindings


def help_content(keymap: Mapping[str, str] | None = None) -> Content:
    """The key table by scope, with the keys `keymap` (config.toml's [keys]) gives."""
    sections = help_sections(keymap)
    width = max(len(keys) for _title, rows in sections for keys, _ in rows) + 2
    parts: list[str | tuple[str, str]] = []
    for title, rows in sections:
        parts.append((f"{title}\n", "bold underline"))
        for keys, description in rows:
            parts += [(keys.ljust(width), "bold"), description, "\n"]
        parts.append("\n")
    parts += query_help_parts(keymap)
    parts.append(
        (
            "An article is marked read when opened with enter or shown for a second. "
            "Marks are saved at once. Keys can be remapped in config.toml ([keys]; "
            f"`reader keys` lists the ids).\nPress {or_keys('help.close', keymap)} to close.",
            "dim",
        )
    )
    return Content.assemble(*parts)


def query_help_parts(keymap: Mapping[str, str] | None = None) -> list[str | tuple[str, str]]:
    """The search language, term by term (a long term gets a line of its own)."""
    parts: list[str | tuple[str, str]] = [
        (f"Search ({or_keys('reader.search', keymap)}): the query language\n", "bold underline")
    ]
    width = 18
    for term, meaning in QUERY_HELP:
        if len(term) < width:
            parts.append((term.ljust(width), "bold"))
        else:
            parts += [(term, "bold"), "\n", " " * width]
        parts += [meaning.replace("\n", "\n" + " " * width), "\n"]
    parts += [
        (
            f"Matches are highlighted in the article; {or_keys('reader.next_match', keymap)} "
            f"and {or_keys('reader.previous_match', keymap)} jump between them, and "
            f"{or_keys('reader.find', keymap)} finds other words in the article.\n\n",
            "dim",
        )
    ]
    return parts


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; any of esc, q or ? closes it."""

    BINDINGS = bindings("help")

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = dict(keymap or {})

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_content(self.keymap), markup=False)
