"""The `?` screen: every key the reader understands, from the core's key table."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget

from reader.core.config import Config
from reader.core.keys import effective_keys, help_sections, or_keys
from reader.core.query import QUERY_HELP
from reader.ui.article_body import hanging
from reader.ui.bindings import bindings
from reader.ui.key_bar import KeyBar

# A line of the help and where its wrapped lines hang: under the text after this many
# characters (a key's column, a term's), or flush left (0) for a sentence.
HelpLine = tuple[Content, int]

QUERY_TERM_WIDTH = 18


def help_lines(
    keymap: Mapping[str, str] | None = None, config: Config | None = None
) -> list[HelpLine]:
    """The key table by scope, with the keys `keymap` (config.toml's [keys]) gives, then
    the search language and how marking read works as `config` sets it."""
    sections = help_sections(keymap)
    width = max(len(keys) for _title, rows in sections for keys, _ in rows) + 2
    lines: list[HelpLine] = []
    for title, rows in sections:
        lines.append((Content.styled(title, "bold underline"), 0))
        for keys, description in rows:
            lines.append((Content.assemble((keys.ljust(width), "bold"), description), width))
        lines.append((Content(""), 0))
    lines += query_help_lines(keymap)
    for note in (
        marking_note(keymap, config or Config()),
        "Marks are saved at once. Keys can be remapped in config.toml ([keys]; "
        "`reader keys` lists the ids).",
        f"Press {or_keys('help.close', keymap)} to close.",
    ):
        lines.append((Content.styled(note, "dim"), 0))
    return lines


def help_content(keymap: Mapping[str, str] | None = None, config: Config | None = None) -> Content:
    """The whole help as one text, a line of `help_lines` a line."""
    return Content("\n").join(line for line, _start in help_lines(keymap, config))


def marking_note(keymap: Mapping[str, str] | None, config: Config) -> str:
    """When an article counts as read, as config.toml's [reading] says."""
    opened = f"An article is marked read when opened with {or_keys('list.open', keymap)}"
    if config.mark_read != "open":
        after = config.read_after
        opened += " or shown for " + ("a second" if after == 1 else f"{after:g} seconds")
    if config.mark_read_at_end:
        opened += " or scrolled to its end"
    return opened + "."


def query_help_lines(keymap: Mapping[str, str] | None = None) -> list[HelpLine]:
    """The search language, term by term (a long term gets a line of its own)."""
    width = QUERY_TERM_WIDTH
    title = f"Search ({or_keys('reader.search', keymap)}): the query language"
    lines: list[HelpLine] = [(Content.styled(title, "bold underline"), 0)]
    for term, meaning in QUERY_HELP:
        first, *more = meaning.split("\n")
        if len(term) < width:
            lines.append((Content.assemble((term.ljust(width), "bold"), first), width))
        else:
            lines += [(Content.styled(term, "bold"), 0), (Content(" " * width + first), width)]
        lines += [(Content(" " * width + line), width) for line in more]
    matches = (
        f"Matches are highlighted in the article; {or_keys('reader.next_match', keymap)} "
        f"and {or_keys('reader.previous_match', keymap)} jump between them, and "
        f"{or_keys('reader.find', keymap)} finds other words in the article."
    )
    lines += [(Content.styled(matches, "dim"), 0), (Content(""), 0)]
    return lines


class HelpText(Widget):
    """The help's lines, wrapped at the widget's width with each line's later lines
    hanging under its text (the reading pane's `hanging`), not flush left."""

    DEFAULT_CSS = "HelpText { height: auto; }"

    def __init__(self, lines: list[HelpLine]) -> None:
        super().__init__()
        self.lines = lines
        self._wrapped: tuple[int, list[Content]] = (-1, [])

    def wrapped(self, width: int) -> list[Content]:
        if self._wrapped[0] != width:
            out: list[Content] = []
            for line, start in self.lines:
                out += hanging(line, start, width) if width > 0 else [line]
            self._wrapped = (width, out)
        return self._wrapped[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.wrapped(width))

    def render(self) -> Content:
        return Content("\n").join(self.wrapped(self.size.width))


class HelpScroll(VerticalScroll, inherit_bindings=False):
    """The help's scrolling box, without Textual's scroll keys: the screen's (the key
    table's `help.*`, remappable) scroll it, and the key bar shows those."""


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; esc, q, ? or the help's own key (as remapped) closes it,
    j/k, PgDn/PgUp, g/G scroll it; its key bar shows those keys."""

    BINDINGS = bindings("help")

    def __init__(
        self, keymap: Mapping[str, str] | None = None, config: Config | None = None
    ) -> None:
        super().__init__()
        self.keymap = dict(keymap or {})
        self.config = config
        # The key that opened the help closes it too (a modal screen hides the app's keys).
        self._bindings.bind(effective_keys(self.keymap)["reader.help"], "dismiss", show=False)

    def compose(self) -> ComposeResult:
        with HelpScroll(id="help"):
            yield HelpText(help_lines(self.keymap, self.config))
        # Its own key bar, over the main screen's (whose keys do nothing here).
        yield KeyBar()

    def action_scroll_help(self, where: str) -> None:
        """j/k, PgDn/PgUp, g/G (or their remaps): scroll the help."""
        scroll = self.query_one("#help", HelpScroll)
        actions = {
            "down": scroll.scroll_down,
            "up": scroll.scroll_up,
            "page_down": scroll.scroll_page_down,
            "page_up": scroll.scroll_page_up,
            "home": scroll.scroll_home,
            "end": scroll.scroll_end,
        }
        actions[where](animate=False)
