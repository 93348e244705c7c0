"""The list row and the reading pane show an HTML page's title without the site's
name its `<title>` glued to the headline, and its marks stay (issue 9)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Static

from reader.core.identity import article_id
from reader.core.state import StateStore
from tests.ui.helpers import running, settle

WHOLE = "Council approves record budget | The Harbour Gazette"
HEADLINE = "Council approves record budget"


async def test_the_list_row_and_the_pane_show_the_headline_and_keep_the_star(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "library" / "gazette"
    folder.mkdir(parents=True)
    (folder / "budget.html").write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{WHOLE}</title>"
        '<meta property="og:site_name" content="The Harbour Gazette">'
        '<meta property="article:published_time" content="2025-02-11T08:00:00Z">'
        "</head><body><article><h1>Council approves record budget</h1>"
        "<p>The council approved the budget on Tuesday after a long debate.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    state = tmp_path / "state.json"
    store = StateStore(state)
    store.load()
    # starred before: under the id of the whole title, as the reader always made it
    store.set_starred(article_id(WHOLE, dt.date(2025, 2, 11)), True)
    async with running([tmp_path / "library"], state) as (app, pilot):
        (row,) = app.article_list.rows
        assert row.title == HEADLINE
        line = "".join(segment.text for segment in app.article_list.render_line(0))
        assert HEADLINE in line and "Gazette" not in line.replace("gazette", "")
        assert app.store.is_starred(row.id)
        await pilot.press("enter")
        await settle(pilot)
        assert str(app.query_one("#pane-title", Static).content) == HEADLINE
