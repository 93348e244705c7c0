"""One reading pipeline: the pane, the search index and `reader clean` hide the same
blocks for the same reasons, whatever the rules."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from reader.cli import clean_files, feed_folder
from reader.core import search
from reader.core.config import Config
from reader.core.library import scan
from reader.core.models import Rules
from reader.core.query import fold
from reader.core.reading import ReadingService
from reader.core.search import Row, SearchIndex, index_library

SITE_LINE = "Support independent harbour journalism: become a member of the Gazette today."
BODY = (
    "The {n} tide came in higher than the harbour master had forecast, and the quay "
    "flooded for an hour before the pumps caught up with the water."
)
RULE_LINE = "Corrections to tide report {n} can be sent to the desk by any reader at all."


def _page(n: int) -> str:
    return (
        f"date 2025-02-{n + 1:02} Tide report number {n}\n\n"
        f"Tide report number {n}\n\n{BODY.format(n=n)}\n\n{RULE_LINE.format(n=n)}\n\n"
        f"Home\nNews\nSport\nWeather\n\n{SITE_LINE}\n\nCopyright 2025 Gazette\n"
    )


@pytest.fixture
def library(tmp_path: Path) -> Path:
    for feed in ("gazette", "courier"):
        folder = tmp_path / "lib" / feed
        folder.mkdir(parents=True)
        for n in range(6):
            (folder / f"tide-{n}.txt").write_text(_page(n), encoding="utf-8")
    return tmp_path / "lib"


CONFIGS = {
    "no rules": Config(),
    "all feeds": Config(rules={"*": Rules(hide=(re.compile("^Corrections to"),))}),
    "one feed": Config(rules={"gazette": Rules(hide=(re.compile("^Corrections to"),))}),
}


@pytest.mark.parametrize(
    ("name", "workers"), [*((name, 1) for name in CONFIGS), ("one feed", 2), ("no rules", 2)]
)
def test_the_index_and_the_pane_hide_the_same_blocks(
    library: Path, tmp_path: Path, name: str, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index keeps no text (a contentless table): what it is given to tokenize is
    the pane's body, also when worker processes clean (with their feed samples)."""
    config = CONFIGS[name]
    articles = scan([library]).articles
    db = tmp_path / f"{name}.sqlite3"
    indexed: dict[str, str] = {}
    write = SearchIndex.write

    def spy(index: SearchIndex, rows: Iterable[Row], batch_size: int = search.BATCH_SIZE) -> int:
        rows = list(rows)
        indexed.update((article.key, body) for article, _, _, body in rows)
        return write(index, rows, batch_size)

    monkeypatch.setattr(SearchIndex, "write", spy)
    monkeypatch.setattr(search, "PARALLEL_MIN", 0)
    monkeypatch.setattr(search, "CHUNK_SIZE", 2)
    assert index_library(db, articles, config=config, workers=workers) == len(articles)
    pane = ReadingService(config, articles)  # what the app shows
    for article in articles:
        body = pane.open(article).result.body
        assert fold("\n\n".join(body)) == indexed[article.key]
        ruled = name == "all feeds" or (name == "one feed" and article.feed == "gazette")
        assert any(line.startswith("Corrections to") for line in body) is not ruled
        assert SITE_LINE not in body  # feed evidence applies in both


@pytest.mark.parametrize("name", CONFIGS)
def test_reader_clean_labels_a_file_as_the_app_does(library: Path, name: str) -> None:
    """`reader clean FILE` takes evidence from the file's feed folder and the rules of
    its feed, so every block gets the app's label."""
    config = CONFIGS[name]
    articles = scan([library]).articles
    app = ReadingService(config, articles)
    files = [Path(a.path) for a in articles[:4]]
    for readings, article in zip(clean_files(files, config), articles[:4], strict=True):
        assert not isinstance(readings, str)
        (reading,) = readings
        assert reading.result == app.open(article).result


def test_reader_clean_finds_feed_evidence_in_the_folder(library: Path) -> None:
    """A site line on every page of the folder is hidden as recurring, as in the app."""
    ((reading,),) = clean_files([library / "gazette" / "tide-2.txt"], Config())
    assert SITE_LINE not in reading.result.body
    reasons = {b.reason for b in reading.result.hidden if b.text == SITE_LINE}
    assert reasons == {"recurs across feed"}


def test_the_feed_folder_is_the_first_folder_below_the_library(tmp_path: Path) -> None:
    library = tmp_path / "news"
    deep = library / "gazette" / "2025" / "a.txt"
    assert feed_folder(deep, library) == (library / "gazette", False)
    assert feed_folder(library / "a.txt", library) == (library, True)
    assert feed_folder(tmp_path / "elsewhere" / "a.txt", library) == (
        tmp_path / "elsewhere",
        False,
    )
    assert feed_folder(deep, None) == (deep.parent, False)


def test_each_feeds_rows_are_grouped_out_of_the_collectors_way(library: Path) -> None:
    """The lists of each feed's rows refer to every row of the library: every full
    garbage collection walked them (4.5 ms of each at 100,000 rows) until frozen."""
    service = ReadingService(Config())
    service.set_library(scan([library]).articles)
    gazette = service.feed_articles("gazette")
    assert [article.feed for article in gazette] == ["gazette"] * 6
    tracked = {id(o) for o in gc.get_objects() if type(o) is list}
    assert id(gazette) not in tracked  # frozen (gc.get_objects leaves frozen ones out)
    assert id(service.feed_articles("courier")) not in tracked
