"""A big feed file in the app (issue 12): its entries open through the index its listing
left, never by reading the file whole, and show what reading the whole file shows;
marks made on them survive a restart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reader.core import formats
from reader.core.formats import feed_index, feeds
from tests.ui.helpers import pane_text, running, settle, wait_until


def feed(entries: int) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>https://harbour.example/{n}</link>"
        f"<guid>https://harbour.example/g/{n}</guid>"
        f"<pubDate>Mon, {n % 28 + 1:02d} Feb 2025 10:{n % 60:02d}:00 GMT</pubDate>"
        f"<description>&lt;p&gt;The body of story {n}, about the harbour.&lt;/p&gt;"
        "</description></item>\n"
        for n in range(entries)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>Harbour</title><link>https://harbour.example/</link>\n{items}</channel></rss>\n"
    ).encode()


def shown(app: Any) -> str | None:
    reading = app.pane.reading
    return None if reading is None else str(reading.article.key)


async def test_entries_of_a_big_feed_open_from_its_index_and_keep_their_marks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A small file stands for a big one; more entries than are listed.
    monkeypatch.setattr(feed_index, "INDEX_MIN_BYTES", 0)
    monkeypatch.setattr(feeds, "MAX_ENTRIES", 30)
    path = tmp_path / "library" / "harbour" / "big.rss"
    path.parent.mkdir(parents=True)
    path.write_bytes(feed(120))
    state = tmp_path / "state.json"
    whole = {page.title: page for page in feeds.FORMAT.entries(path.read_bytes(), str(path))}
    read_whole: list[str] = []
    real = formats._read_whole

    def counted(*args: Any, **kwargs: Any) -> Any:
        read_whole.append(str(args[0]))
        return real(*args, **kwargs)

    monkeypatch.setattr(formats, "_read_whole", counted)
    async with running([tmp_path / "library"], state) as (app, pilot):
        rows = app.article_list.rows
        assert len(rows) == 30
        for index in (0, len(rows) // 2, len(rows) - 1):
            article = rows[index]
            app.open_article(article)
            await wait_until(pilot, lambda a=article: shown(app) == a.key)
            assert app.pane.reading is not None
            assert app.pane.reading.page == whole[article.title]
            assert f"The body of {article.title.lower()}" in pane_text(app)
        await pilot.press("s")
        await settle(pilot)
        starred = [a.id for a in app.articles if app.store.is_starred(a.id)]
        assert len(starred) == 1
        opened = {rows[0].id, rows[len(rows) // 2].id, rows[-1].id}
    assert read_whole == []  # every entry came from the index (the evidence's too)
    async with running([tmp_path / "library"], state) as (app, pilot):
        await settle(pilot)
        assert {a.id for a in app.articles if app.store.is_read(a.id)} >= opened
        assert [a.id for a in app.articles if app.store.is_starred(a.id)] == starred
