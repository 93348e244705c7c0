"""Entries written as files: what the formats read back from them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.core.fetch.writer import file_stem, html_file, markdown_file, write_new
from reader.core.formats import read_entry  # noqa: F401  (the registry is loaded)
from reader.core.formats.base import Page, byline_of
from reader.core.formats.html import parse_html_page
from reader.core.formats.markdown import parse_markdown_page
from reader.core.identity import entry_id
from reader.core.library import Candidate, read_articles
from reader.core.sanitize import clean_line

lines = st.text(max_size=120).map(clean_line).filter(bool)


def entry(title: str = "Title", guid: str | None = "urn:x:1", **kw: object) -> Page:
    fields: dict[str, object] = {
        "title": title,
        "date": dt.date(2025, 2, 3),
        "body": "Body **text**.",
        "format": "feed",
        "url": "https://h.example/a",
        "source": "Harbour",
        "markup": "markdown",
        "identity": guid,
        "entry": "e1",
    }
    fields.update(kw)
    return Page(**fields)  # type: ignore[arg-type]


@given(
    title=lines,
    guid=st.text(min_size=1, max_size=200).filter(str.strip),
    source=lines,
    author=st.none() | lines,
)
def test_markdown_front_matter_reads_back_exactly(
    title: str, guid: str, source: str, author: str | None
) -> None:
    byline = byline_of(author)  # what a feed entry's page holds
    page = entry(title, guid, byline=byline)
    data = markdown_file(page, source=source, guid=guid).decode("utf-8")
    parsed = parse_markdown_page(data, "fallback")
    assert parsed.warning is None
    assert parsed.title == title[:500]
    assert parsed.date == page.date and parsed.url == page.url
    assert parsed.source == source
    assert parsed.identity == guid.strip()
    assert parsed.byline == byline  # the fetched post keeps the entry's byline


@given(
    title=lines,
    guid=st.text(st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from("\r\n\t"),
                 min_size=1, max_size=200).filter(str.strip),
)  # fmt: skip
def test_html_metadata_reads_back(title: str, guid: str) -> None:
    page = entry(title, guid, summary=True)
    original = "<html><head><title>Site title</title></head><body><p>Words.</p></body></html>"
    data = html_file(page, original, source="Harbour", guid=guid, url=page.url)
    (parsed,) = parse_html_page(data, "x.html", False)
    assert parsed.title == title
    assert parsed.identity == guid.strip()[:2000]
    assert parsed.date == page.date and parsed.url == page.url and parsed.source == "Harbour"


def test_html_without_head_or_body_and_with_a_declared_charset() -> None:
    page = entry("Café", summary=True)
    for original in (
        "<p>Just a fragment, no head, no body.</p>",
        '<?xml version="1.0" encoding="iso-8859-1"?><html><p>x</p></html>',
        '<html><head><meta charset="windows-1252"></head><body>é</body></html>',
    ):
        data = html_file(page, original, source="S", guid="g", url=None)
        (parsed,) = parse_html_page(data, "x.html", False)
        assert parsed.title == "Café" and parsed.identity == "g"
        assert "the feed's summary" in parsed.hints


def test_renamed_markdown_keeps_its_id(tmp_path: Path) -> None:
    page = entry("A title")
    path = write_new(
        tmp_path / "feed", file_stem(page), ".md", markdown_file(page, source="S", guid="urn:x:1")
    )
    assert path.name == "2025-02-03-a-title.md"
    (article,) = read_articles(Candidate(str(path), "feed"))
    assert article.id == entry_id("urn:x:1")
    moved = tmp_path / "other" / "renamed.md"
    moved.parent.mkdir()
    path.rename(moved)
    (again,) = read_articles(Candidate(str(moved), "other"))
    assert again.id == article.id
    # ... and so its marks.
    from reader.core.state import StateStore

    store = StateStore(tmp_path / "state.json")
    store.load()
    store.set_starred(article.id, True)
    reopened = StateStore(tmp_path / "state.json")
    reopened.load()
    assert reopened.is_starred(again.id)


def test_write_new_never_replaces_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "feed"
    folder.mkdir()
    (folder / "stem.md").write_text("mine")
    path = write_new(folder, "stem", ".md", b"new")
    assert path.name == "stem-2.md" and (folder / "stem.md").read_text() == "mine"
    assert sorted(p.name for p in folder.iterdir()) == ["stem-2.md", "stem.md"]  # no temp left


def test_file_stems() -> None:
    assert file_stem(entry("Ünïcode: déjà vu / 2")) == "2025-02-03-ünïcode-déjà-vu-2"
    assert file_stem(entry("???", date=None)) == "undated-entry"
    assert len(file_stem(entry("word " * 100))) <= len("2025-02-03-") + 60
