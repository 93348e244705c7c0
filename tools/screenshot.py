"""Regenerate docs/screenshot.svg, the README's picture of the reader.

Run: python tools/screenshot.py  (uses the bundled sample feeds and a throwaway state file)
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from reader.core.paths import sample_feeds_path
from reader.core.state import StateStore
from reader.ui.app import ReaderApp

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "screenshot.svg"


async def shoot() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = StateStore(Path(folder) / "state.json")
        store.load()
        app = ReaderApp([sample_feeds_path()], store)
        async with app.run_test(size=(120, 36)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            rows = app.article_list.rows
            index = next(i for i, a in enumerate(rows) if "Storm" in a.title)
            app.article_list.move_to(index + 2)
            await pilot.press("s", "m")
            app.article_list.move_to(index)
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause(0.3)
            app.article_list.focus()
            await pilot.pause()
            app.save_screenshot(filename=OUTPUT.name, path=str(OUTPUT.parent))
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    asyncio.run(shoot())
