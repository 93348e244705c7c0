"""Reading and cleaning the article to show, off the UI thread.

The newest request wins (an exclusive worker), and a cursor passing over rows only
opens the row it stops on (a short delay), so holding j reads no file it passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.app import App
from textual.message import Message
from textual.timer import Timer
from textual.worker import get_current_worker

from reader.core.models import Article
from reader.core.reading import Reading, ReadingService
from reader.core.textio import NotText
from reader.ui.services import post

# The pause after the cursor stops before the article under it is loaded.
LOAD_DELAY = 0.08


class OpenerService:
    """Opens articles through the core's `ReadingService` in a worker thread."""

    @dataclass
    class Opened(Message):
        reading: Reading

    @dataclass
    class Failed(Message):
        article: Article
        reason: str

    def __init__(self, app: App[None], service: ReadingService) -> None:
        self.app = app
        self.service = service
        self._timer: Timer | None = None

    def open_soon(self, article: Article, delay: float = LOAD_DELAY) -> None:
        """Open `article` unless another request comes within `delay` seconds."""
        self.cancel()
        self._timer = self.app.set_timer(delay, partial(self.open, article))

    def cancel(self) -> None:
        """Forget an `open_soon` that has not started."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def open(self, article: Article) -> None:
        """Open `article` now (any earlier open is cancelled)."""
        self.cancel()
        self.app.run_worker(
            partial(self._read, article),
            thread=True,
            exclusive=True,
            group="article",
            exit_on_error=False,
        )

    def _read(self, article: Article) -> None:
        try:
            message: Message = self.Opened(self.service.open(article))
        except (OSError, NotText) as error:
            message = self.Failed(article, getattr(error, "strerror", None) or str(error))
        if not get_current_worker().is_cancelled:
            post(self.app, message)
