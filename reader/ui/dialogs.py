"""Small modal screens: a yes/no question and a list of skipped files.

Every piece of text in them comes from files or the user's library, so it is
passed as `Content` (never markup).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.core.keys import or_keys
from reader.core.wording import count
from reader.ui.bindings import bindings


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

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class ProblemsScreen(ModalScreen[None]):
    """The files the scan skipped, each with its reason."""

    BINDINGS = bindings("problems")

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__()
        self.problems = list(problems)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            skipped = len(self.problems)
            title = f"{count(skipped, 'file')} skipped" if skipped else "Skipped files"
            yield Static(Content.styled(title, "bold"), markup=False)
            body = "\n".join(self.problems) or "No file was skipped."
            yield Static(Content(body), markup=False, classes="dialog-detail")
            close = or_keys("problems.close", getattr(self.app, "keymap", None))
            yield Static(Content.styled(f"{close}: close", "dim"), markup=False)
