"""Searching while the first index is built: what it holds so far, titles beyond it."""

from __future__ import annotations

from pathlib import Path

from reader.core.library import scan
from reader.core.search import index_library
from reader.core.state import StateStore
from reader.ui.services.search import SearchService
from reader.ui.status_line import Status, status_text

FILLER = (
    "The statement was read aloud in the chamber on a grey morning, and the members "
    "listened in silence before the debate moved on to other business of the day."
)


def write(root: Path, name: str, date: str, title: str, body: str) -> None:
    path = root / "feed" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"date {date} {title}\n\n{body} {FILLER}\n\n{FILLER}\n")


def test_a_partial_index_is_searched_with_the_titles_of_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root, "a.txt", "2025-03-04", "Ferry timetable", "Gulls over the quay.")
    write(root, "b.txt", "2025-03-03", "Lighthouse keeper", "Gulls and a ferry at dawn.")
    write(root, "c.txt", "2025-03-02", "Gulls return", "A quiet ferry crossing.")
    write(root, "d.txt", "2025-03-01", "Market day", "Ferry fares go up; no gulls.")
    articles = scan([root]).articles
    assert [a.title for a in articles] == [
        "Ferry timetable",
        "Lighthouse keeper",
        "Gulls return",
        "Market day",
    ]
    db = tmp_path / "search.sqlite"
    index_library(db, articles[:2])  # the first two are indexed so far
    store = StateStore(tmp_path / "state.json")
    service = SearchService(None, db, store)  # type: ignore[arg-type]
    try:
        service.index_ready = False

        def titles(text: str, partial: bool = True) -> tuple[list[str], bool]:
            _, hits, error, used = service._query_partial(text, articles, lambda: False, partial)
            assert error is None and hits is not None
            return [a.title for a in hits], used

        # Indexed: title and body; not indexed yet: the title alone, in list order.
        assert titles("gulls") == (["Ferry timetable", "Lighthouse keeper", "Gulls return"], True)
        assert titles("ferry") == (["Ferry timetable", "Lighthouse keeper"], True)
        assert titles("market OR dawn") == (["Lighthouse keeper", "Market day"], True)
        assert titles("gulls -quay") == (["Lighthouse keeper", "Gulls return"], True)
        store.set_read(articles[1].id, True)
        assert titles("gulls is:unread") == (["Ferry timetable", "Gulls return"], True)
        # Not while building: the title search it replaces.
        assert titles("gulls", partial=False) == (["Gulls return"], False)
    finally:
        service.close()
    status = Status(loaded=True, articles=4, found=3, partial=True, indexing="indexing 50%")
    assert status_text(status).startswith("search: 3 matches, indexing 50%, the rest by title")


def test_no_index_file_yet_means_titles_alone(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root, "a.txt", "2025-03-04", "Ferry timetable", "Gulls over the quay.")
    articles = scan([root]).articles
    service = SearchService(None, tmp_path / "none.sqlite", StateStore(tmp_path / "s.json"))  # type: ignore[arg-type]
    try:
        service.index_ready = False
        _, hits, _, used = service._query_partial("ferry", articles, lambda: False, True)
        assert hits == articles and not used
        assert not (tmp_path / "none.sqlite").exists()
    finally:
        service.close()


def test_short_status_keeps_matches_counts_and_progress() -> None:
    """Too wide for the sidebar: the words around the facts go, the facts stay."""
    status = Status(
        loaded=True,
        articles=1200,
        unread=30,
        found=3,
        indexing="indexing 50%",
        skipped=2,
        warnings=1,
    )
    long = status_text(status)
    assert status_text(status, width=len(long)) == long
    short = status_text(status, width=30)
    assert short == "3 title matches · 30 unread / 1,200 · 3 (!) · indexing 50%"
