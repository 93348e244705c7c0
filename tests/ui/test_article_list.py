"""The list's row lookup, which keeps the cursor on its article as rows change."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region

from reader.core.library import sort_articles
from reader.core.models import Article
from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.article_list import ArticleList, date_text, find_row
from tests.ui.helpers import settle


def rows(count: int) -> list[Article]:
    return sort_articles(
        Article(
            id=f"id{i}",
            path=f"/lib/feed/{i:05}.txt",
            feed="feed",
            title=f"Story {i % 7}",
            date=dt.date(2025, 1, 1) + dt.timedelta(days=i % 30),
            mtime=0.0,
        )
        for i in range(count)
    )


def test_find_row_finds_each_article_by_its_place_in_the_order() -> None:
    listed = rows(500)
    assert [find_row(listed, a) for a in listed] == list(range(500))


def test_find_row_follows_a_reread_article_by_path_and_gives_up_on_a_gone_one() -> None:
    listed = rows(50)
    reread = dataclasses.replace(listed[10], title="A new headline", date=dt.date(2030, 1, 1))
    assert find_row(listed, reread) == 10
    gone = dataclasses.replace(listed[10], path="/lib/feed/gone.txt")
    assert find_row(listed, gone) == -1
    assert find_row([], listed[0]) == -1


def list_alone() -> App[None]:
    """An app showing nothing but an article list (no marks: every row unread)."""

    class ListApp(App[None]):
        def compose(self) -> ComposeResult:
            yield ArticleList(lambda article: (False, False), id="articles")

    return ListApp()


async def test_a_row_that_changed_is_painted_once_not_on_every_frame() -> None:
    """Rows arriving (or a mark, or the cursor) change what a line shows: it is painted
    again once, and later frames take it from the painted lines."""
    app = list_alone()
    async with app.run_test(size=(80, 20)) as pilot:
        listing = app.query_one(ArticleList)
        painted: list[int] = []
        paint_row = listing._row

        def spy(index: int, width: int):  # type: ignore[no-untyped-def]
            painted.append(index)
            return paint_row(index, width)

        listing._row = spy  # type: ignore[method-assign]
        first = rows(100)
        listing.set_rows(first)
        await pilot.pause()
        assert painted  # the first rows, painted
        others = [
            dataclasses.replace(a, id=f"other-{a.id}", title=f"Other {a.title}") for a in first
        ]
        listing.set_rows(others)  # other articles on every line (the cursor stays at the top)
        await pilot.pause()
        painted.clear()
        listing.refresh()
        await pilot.pause()
        assert painted == []  # every line from the painted ones
        assert listing.size.height > 10 and listing.scroll_offset.y == 0


async def test_a_screen_of_new_rows_makes_a_strip_a_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """A `G`, a page or a search's results paint a screen of rows not painted before:
    each row is one `Strip` (each makes seven caches), then one padded under the scroll
    bar and one through the app's line filter, not one per step of cutting, padding
    and styling it (four in all)."""
    from textual.geometry import Region
    from textual.strip import Strip

    app = list_alone()
    async with app.run_test(size=(80, 20)) as pilot:
        listing = app.query_one(ArticleList)
        listing.set_rows(rows(100))
        await pilot.pause()
        listing.action_last()
        await pilot.pause()
        listing._painted.clear()
        made: list[Strip] = []
        init = Strip.__init__

        def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            made.append(self)
            init(self, *args, **kwargs)

        with monkeypatch.context() as patch:
            patch.setattr(Strip, "__init__", counted)
            lines = listing.render_lines(Region(0, 0, listing.size.width, listing.size.height))
        assert len(lines) == listing.size.height > 10
        assert len(app.get_line_filters()) == 1
        assert len(made) == 3 * len(lines)


def test_a_short_date_shows_its_year_unless_it_is_recent() -> None:
    """At 80 columns the date column is six cells: "14 Mar" would read as this year's,
    so a date of another year older than half a year shows its month and year."""
    today = dt.date(2026, 1, 10)
    assert date_text(dt.date(2026, 1, 3), 6, today) == "3 Jan"
    assert date_text(dt.date(2025, 12, 28), 6, today) == "28 Dec"  # last month
    assert date_text(dt.date(2025, 3, 14), 6, today) == "Mar’25"
    assert date_text(dt.date(2009, 1, 9), 6, today) == "Jan’09"
    assert date_text(dt.date(2026, 12, 1), 6, today) == "1 Dec"  # later this year
    assert date_text(dt.date(2027, 2, 1), 6, today) == "Feb’27"
    assert date_text(None, 6, today) == "–"
    assert date_text(dt.date(2019, 1, 9), 10, today) == "2019-01-09"


async def test_dates_line_up_whatever_their_kind(tmp_path: Path) -> None:
    """The date column: dates end in one column, a found date's "~" just before it, and
    a space between every title and its date, at 120 and at 80 columns."""
    feed = tmp_path / "library" / "coast"
    feed.mkdir(parents=True)
    long = "Lighthouse keepers gather on the northern pier for the yearly lamp festival"
    (feed / "a.txt").write_text(f"date 2025-03-14 {long}\nThe lamp.\n", encoding="utf-8")
    (feed / "b.txt").write_text(
        f"{long} again\nPublished 7 August 2025\nThe lamp again.\n", encoding="utf-8"
    )
    (feed / "c.txt").write_text(f"date 2025-03-04 {long} once more\nA.\n", encoding="utf-8")
    (feed / "d.txt").write_text("No date at all\nNothing.\n", encoding="utf-8")
    store = StateStore(tmp_path / "state.json")
    store.load()
    for size in ((120, 20), (80, 20)):
        app = ReaderApp([tmp_path / "library"], store)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            listing = app.article_list
            assert any(a.found_date is not None for a in listing.rows)
            width = listing.size.width
            lines = [
                "".join(s.text for s in strip)
                for strip in listing.render_lines(Region(0, 0, width, len(listing.rows)))
            ]
            ends = {len(line.rstrip()) for line in lines}
            assert len(ends) == 1, lines  # every date ends in the same column
            found = next(line for line in lines if "~" in line)
            assert found[found.index("~") - 1] == " ", found
            assert found[found.index("~") + 1].isdigit() or found[found.index("~") + 1].isalpha()
