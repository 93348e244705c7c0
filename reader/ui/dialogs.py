"""Small modal screens: a yes/no question, a list of skipped files, the links list.

Every piece of text in them comes from files or the user's library, so it is
passed as `Content` (never markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.core.keys import display_keys, effective_keys, or_keys
from reader.core.sanitize import clean_line
from reader.core.wording import count
from reader.ui.bindings import bindings
from reader.ui.key_bar import KeyBar

if TYPE_CHECKING:
    from reader.core.library import Problem


class ConfirmScreen(ModalScreen[bool]):
    """Ask before doing something the user may regret; y/enter yes, n/esc no."""

    BINDINGS = bindings("dialog")

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled(self.question, "bold"), markup=False)
            if self.detail:
                yield Static(Content(self.detail), markup=False, classes="dialog-detail")
            keymap = getattr(self.app, "keymap", None)
            answers = f"{or_keys('dialog.yes', keymap)}: yes    {or_keys('dialog.no', keymap)}: no"
            yield Static(Content.styled(answers, "dim"), markup=False)
        yield KeyBar()  # this dialog's keys, over the main screen's (which do nothing here)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def problems_summary(problems: Sequence[Problem]) -> str:
    """ "2 files were skipped, 1 was listed with a warning": what `!` lists, in words."""
    warned = sum(1 for problem in problems if problem.listed)
    skipped = len(problems) - warned
    parts = []
    if skipped:
        parts.append(f"{count(skipped, 'file')} {'was' if skipped == 1 else 'were'} skipped")
    if warned:
        verb = "was" if warned == 1 else "were"
        listed = f"{verb} listed with a warning"
        parts.append(f"{warned:,} {listed}" if parts else f"{count(warned, 'file')} {listed}")
    return ", ".join(parts) or "No file was skipped"


class ProblemsScreen(ModalScreen[None]):
    """The files the scan skipped, and those it listed with a warning, with reasons."""

    BINDINGS = bindings("problems")

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.problems = list(problems)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            title = problems_summary(self.problems) if self.problems else "Skipped files"
            yield Static(Content.styled(title, "bold"), markup=False)
            body = "\n".join(map(str, self.problems)) or "No file was skipped."
            yield Static(Content(body), markup=False, classes="dialog-detail")
            close = or_keys("problems.close", getattr(self.app, "keymap", None))
            yield Static(Content.styled(f"{close}: close", "dim"), markup=False)
        yield KeyBar()


LINK_MOVES = ("links.down", "links.up")


class _LinkRows(VerticalScroll, can_focus=False):
    """The links, one a line; the screen's keys move the cursor, not this scroll."""


class LinksScreen(ModalScreen[str | None]):
    """The open article's links, numbered as in the text: j/k and enter choose one, or
    its number (1 then 2 for 12); the screen returns its target (None: closed)."""

    BINDINGS = bindings("links")

    def __init__(self, links: Sequence[str]) -> None:
        super().__init__()
        self.links = list(links)
        self.cursor = 0
        self._typed = ""  # digits typed so far, for numbers above 9
        self._character = ""  # what the last key typed (links.number reads it)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            count = len(self.links)
            title = f"{count} link{'s' if count != 1 else ''} in this article"
            yield Static(Content.styled(title, "bold"), markup=False)
            with _LinkRows(id="link-rows"):
                yield Static(self._rows(), markup=False, id="links-list")
            keymap = getattr(self.app, "keymap", None)
            down, up = (display_keys(effective_keys(keymap or {})[i]) for i in LINK_MOVES)
            hint = (
                f"{down.split(' / ')[0]}/{up.split(' / ')[0]}: move    "
                f"{or_keys('links.open', keymap)} or its number: open    "
                f"{or_keys('links.close', keymap)}: close"
            )
            yield Static(Content.styled(hint, "dim"), markup=False)
        yield KeyBar()

    def _rows(self) -> Content:
        width = len(str(len(self.links)))
        parts: list[str | tuple[str, str]] = []
        for index, url in enumerate(self.links):
            if index:
                parts.append("\n")
            line = f"{index + 1:>{width}}  {clean_line(url)}"
            parts.append((line, "reverse bold") if index == self.cursor else line)
        return Content.assemble(*parts)

    def _move(self, index: int) -> None:
        self.cursor = max(0, min(index, len(self.links) - 1))
        rows = self.query_one("#links-list", Static)
        rows.update(self._rows())
        self.query_one(_LinkRows).scroll_to_region(
            Region(0, self.cursor, 1, 1), animate=False, immediate=True
        )

    def on_key(self, event: events.Key) -> None:
        # Seen before the bindings act: which digit `links.number` was pressed for.
        self._character = event.character or ""

    def action_cursor_down(self) -> None:
        self._typed = ""
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._typed = ""
        self._move(self.cursor - 1)

    def action_choose(self) -> None:
        self.dismiss(self.links[self.cursor])

    def action_number(self) -> None:
        """A digit: choose the link of the number typed once no longer number starts
        with it; until then the cursor shows it and enter chooses it."""
        digit = self._character
        if not digit.isdigit():
            return
        typed = self._typed + digit
        if not self._numbered(typed):
            typed = digit  # no such number: a new one starts
        if not self._numbered(typed):
            self._typed = ""
            return
        number = int(typed)
        longer = any(str(n).startswith(typed) for n in range(number * 10, len(self.links) + 1))
        if 1 <= number <= len(self.links):
            self._move(number - 1)
            if not longer:
                self.dismiss(self.links[number - 1])
                return
        self._typed = typed

    def _numbered(self, typed: str) -> bool:
        """Whether some link's number starts with `typed`."""
        return not typed.startswith("0") and any(
            str(n).startswith(typed) for n in range(1, len(self.links) + 1)
        )
