"""Helpers for driving the app with Pilot."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from reader.core.search import SearchIndex
from reader.core.state import StateStore
from reader.ui.app import ReaderApp


async def settle(pilot: Pilot[None]) -> None:
    """Let workers (the search indexer process, the marks' writer) finish and their
    results show."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    for _ in range(3):
        await app.workers.wait_for_complete()
        while app.searcher.pending or app.marks.busy:  # (a mark's key: on the writer thread)
            await pilot.pause(0.01)
        await pilot.pause()
    while app.indexing.busy:
        await pilot.pause(0.05)
    await app.workers.wait_for_complete()
    await pilot.pause()


@asynccontextmanager
async def running(
    paths: list[Path], state: Path, size: tuple[int, int] = (120, 40), read_after: float = 600
) -> AsyncIterator[tuple[ReaderApp, Pilot[None]]]:
    """The app on `paths`; articles count as read after `read_after` seconds on screen
    (long by default, so that slow set-up on a loaded machine marks nothing read)."""
    store = StateStore(state)
    messages = store.load()
    app = ReaderApp(paths, store, startup_messages=messages)
    app.flow.read_after = read_after
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield app, pilot


async def wait_until(
    pilot: Pilot[None], condition: Callable[[], bool], seconds: float = 6.0
) -> None:
    """Pause until `condition()` holds (a file watcher or timer acted), or give up quietly:
    the caller's assertion then says what did not happen."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)


def indexed(app: ReaderApp) -> bool:
    """The search index covers the library's current generation and no run is going on.

    A change sets the new generation before the app hands it to the indexer (its `Saved`
    message is still queued), so an idle indexer alone does not mean the change is in."""
    generation = app.library.session.generation
    if generation is None or app.indexing.busy:
        return False
    with SearchIndex(app.indexing.db_path) as index:
        return index.covers(generation)


def pane_text(app: ReaderApp) -> str:
    """The pane's title, metadata and body, code blocks and tables included."""
    parts = ["#pane-title", "#pane-meta"]
    texts = [str(app.query_one(part, Static).content) for part in parts]
    texts += [part.content.plain for part in app.pane.body.laid_out.parts]
    return "\n".join(texts)


def counts_text(app: ReaderApp) -> str:
    return str(app.query_one("#counts", Static).content)
