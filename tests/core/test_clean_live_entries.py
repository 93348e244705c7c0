"""A live blog's entries: a bare time on a line of its own over the entry's
sentences, one entry after the other under the lead (issue 9: "live-blog lines").
In a saved HTML page the time is its own element (`<time>`), so the time and the
text are two blocks; they were hidden as "date line" and "after article", all but
the lead. Every page here was written for these tests.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.clean import clean_blocks
from reader.core.formats import read_page
from reader.core.reading import clean_page

MENU = ["Coast News", "Home", "News", "Sport", "Weather"]
END = [
    "Most read",
    "Council approves new budget",
    "Bridge repairs to start in May",
    "© 2025 Coast News. All rights reserved.",
]
TITLE = "Storm live: the coast road is closed"
LEAD = "Follow the latest on the storm as it moves along the coast tonight."
ENTRIES = [
    ("10:42", ["Police say the coast road is closed in both directions."]),
    ("10:55", ["The ferry operator has cancelled all evening crossings.", "Buses replace them."]),
    ("11:20 pm", ["Power is out in around 2,000 homes, the network says."]),
]


def test_a_live_blogs_entries_under_the_lead_are_kept() -> None:
    article = [LEAD]
    for stamp, text in ENTRIES:
        article += [stamp, *text]
    assert clean_blocks([*MENU, TITLE, *article, *END], TITLE).body == article


def test_one_time_over_a_sentence_is_no_live_blog() -> None:
    # one stamp and its line after the story: a teaser's time, not a blog's entries
    article = [LEAD, "The storm is expected to ease after midnight, forecasters said."]
    after = ["09:15", "Ferry fares to rise in spring."]
    assert clean_blocks([*MENU, TITLE, *article, *after, *END], TITLE).body == article


def test_a_saved_live_blog_page_keeps_its_entries(tmp_path: Path) -> None:
    entries = "".join(
        f"<div class='entry'><time>{stamp}</time>{''.join(f'<p>{t}</p>' for t in text)}</div>"
        for stamp, text in ENTRIES
    )
    html = (
        f"<!doctype html><html><head><title>{TITLE}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<main><article><h1>{TITLE}</h1><p>{LEAD}</p>{entries}</article></main>"
        "<aside><h3>Most read</h3><ul><li><a href='/a'>Council approves new budget</a></li>"
        "<li><a href='/b'>Bridge repairs to start in May</a></li></ul></aside>"
        "<footer><p>© 2025 Coast News. All rights reserved.</p></footer></body></html>"
    )
    path = tmp_path / "storm.html"
    path.write_text(html, encoding="utf-8")
    page = read_page(path)
    body = clean_page(page, page.title).body
    for stamp, text in ENTRIES:
        assert stamp in body and all(t in body for t in text)
