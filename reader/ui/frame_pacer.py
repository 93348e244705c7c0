"""When the main screen paints: as soon as it has something to paint, at most
`MAX_FPS` times a second.

Textual paints a screen on a repeating timer (60 a second) that it pauses when
nothing changed and resumes when something did. Its ticks keep to a grid counted
from the timer's start, and after a paint the next one waits for the second grid line
after it, 17–33 ms later: a key pressed 17–33 ms after the last frame (holding j
repeats it every ~30 ms) waited for that line with the screen idle. Headless at
100,000 articles (j every 30 ms, 80 presses a run), the wait from the screen's
request to its paint was p95 2.5–6.1 ms (max 5.6–11.9) in four runs. `FramePacer`
keeps the same limit, measured from the last paint instead: the paint comes at once
when the last one is a period old, and a burst of changes (rows arriving, a search's
results) is still painted at most once a period (the same runs after: p95 0.10–0.17 ms).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual import constants

PERIOD = 1 / constants.MAX_FPS  # Textual's own (TEXTUAL_FPS, 60 by default)


class FramePacer:
    """Stands for Textual's screen update timer: `resume` asks for `update` to run,
    `pause` withdraws the request (Textual pauses it while it lays the screen out,
    and at each paint), `stop` ends it."""

    def __init__(
        self,
        update: Callable[[], None],
        on_error: Callable[[Exception], None],
        period: float = PERIOD,
    ) -> None:
        self._update = update
        self._on_error = on_error
        self._period = period
        self._last = float("-inf")  # when `update` last ran (time.monotonic)
        self._pending: asyncio.TimerHandle | asyncio.Handle | None = None
        self._stopped = False

    def resume(self) -> None:
        if self._pending is not None or self._stopped:
            return
        loop = asyncio.get_running_loop()
        wait = self._last + self._period - time.monotonic()
        self._pending = loop.call_later(wait, self._run) if wait > 0 else loop.call_soon(self._run)

    def pause(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None

    def stop(self) -> None:
        self.pause()
        self._stopped = True

    def _run(self) -> None:
        self._pending = None
        self._last = time.monotonic()
        try:
            self._update()
        except Exception as error:  # as Textual's timer does: the app reports it and exits
            self._on_error(error)
