"""Reading and cleaning the article to show, off the UI thread.

The newest request wins (an exclusive worker), and a cursor passing over rows only
opens the row it stops on (a short delay), so holding j reads no file it passes.
While the user reads article by article (J/K), once the cursor stops on a row, or once
input rests after a row was shown by itself (a search's results), the rows next to the
article shown are read and cleaned ahead (`prepare`), so that moving onto one only paints
it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
# Articles kept read and cleaned (the open one, the rows around it), at most.
KEPT = 4


class OpenerService:
    """Opens articles through the core's `ReadingService` in a worker thread."""

    @dataclass
    class Opened(Message):
        reading: Reading
        layout: object = None  # what `lay_out` made of it (the pane's body), if set

    @dataclass
    class Failed(Message):
        article: Article
        reason: str

    def __init__(self, app: App[None], service: ReadingService) -> None:
        self.app = app
        self.service = service
        self._timer: Timer | None = None
        self._reading: str | None = None  # key of the article the last read started for
        self._preparing: frozenset[str] = frozenset()  # keys the read ahead was asked for
        # Entry key -> the article read and cleaned ahead (`prepare`), and what
        # `lay_out` made of it; at most a few.
        self._ahead: dict[str, tuple[Reading, object]] = {}
        # Set by the app: called on the UI thread when a read starts, it gives what
        # lays a reading out for the screen in the worker thread, with the reading
        # (the pane's body: drawing it then costs the UI thread little).
        self.lay_out: Callable[[], Callable[[Reading], object] | None] | None = None

    def open_soon(self, article: Article, delay: float = LOAD_DELAY) -> None:
        """Open `article` unless another request comes within `delay` seconds. The
        cursor left the rows around the article shown unless it is on one of them: what
        is being read ahead for them is dropped (laying a page out takes the interpreter
        from the UI thread for milliseconds, which the next keys waited behind)."""
        self.cancel(keep=article)
        if self._preparing and article.key not in self._preparing:
            self._preparing = frozenset()
            self.app.workers.cancel_group(self.app, "ahead")
        self._timer = self.app.set_timer(delay, partial(self.open, article))

    def cancel(self, keep: Article | None = None) -> None:
        """Forget an `open_soon` that has not started, and a read on its way unless it
        is `keep`'s: the cursor left that article. Left to land, a slow read (a cold
        disk) put the article the cursor had left in the pane, beside the one it came
        back to, and its layout took the UI thread while the next key waited."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._reading is not None and (keep is None or keep.key != self._reading):
            self._reading = None
            self.app.workers.cancel_group(self.app, "article")

    def open(self, article: Article) -> None:
        """Open `article` now (any earlier open is cancelled)."""
        self.cancel()
        ready = self._ahead.get(article.key) if self._prepared(article) else None
        if ready is not None:
            self._keep(*ready)
            self.app.workers.cancel_group(self.app, "article")  # an older open lands never
            self.app.post_message(self.Opened(*ready))
            return
        self._reading = article.key
        self.app.run_worker(
            partial(self._read, article, self._layout_maker()),
            thread=True,
            exclusive=True,
            group="article",
            exit_on_error=False,
        )

    def prepare(self, articles: Sequence[Article]) -> None:
        """Read and clean `articles` in the background, ahead of J/K onto them (the
        `KEPT` articles read last are kept)."""
        wanted = [a for a in articles if self._prepared(a) is None]
        if wanted:
            self._preparing = frozenset(a.key for a in wanted)
            self.app.run_worker(
                partial(self._read_ahead, wanted, self._layout_maker()),
                thread=True,
                exclusive=True,
                group="ahead",
                exit_on_error=False,
            )

    def forget_prepared(self) -> None:
        """The library changed (a feed's evidence with it): prepare again when asked."""
        self._ahead = {}

    def _prepared(self, article: Article) -> Reading | None:
        """The reading prepared for `article`, if it is of the same file as listed."""
        ready = self._ahead.get(article.key)
        return ready[0] if ready is not None and ready[0].article == article else None

    def _layout_maker(self) -> Callable[[Reading], object] | None:
        return self.lay_out() if self.lay_out is not None else None

    @staticmethod
    def _laid_out(reading: Reading, make: Callable[[Reading], object] | None) -> object:
        return make(reading) if make is not None else None

    def _read_ahead(
        self, articles: Sequence[Article], make: Callable[[Reading], object] | None
    ) -> None:
        worker = get_current_worker()
        for article in articles:
            if worker.is_cancelled:
                return
            try:
                reading = self.service.open(article)
            except (OSError, NotText):
                continue  # said when it is opened
            if worker.is_cancelled:
                return  # the cursor went elsewhere while it was read: no layout
            self._keep(reading, self._laid_out(reading, make))

    def _keep(self, reading: Reading, layout: object) -> None:
        ahead = self._ahead
        ahead.pop(reading.article.key, None)
        ahead[reading.article.key] = (reading, layout)  # the newest last
        while len(ahead) > KEPT:
            del ahead[next(iter(ahead))]

    def _read(self, article: Article, make: Callable[[Reading], object] | None) -> None:
        try:
            reading = self.service.open(article)
            layout = self._laid_out(reading, make)
            self._keep(reading, layout)  # K back onto it after J needs no reading again
            message: Message = self.Opened(reading, layout)
        except (OSError, NotText) as error:
            message = self.Failed(article, getattr(error, "strerror", None) or str(error))
        if not get_current_worker().is_cancelled:
            post(self.app, message)
