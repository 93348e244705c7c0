"""A feed's evidence sample reads each file once: the entries of a feed file it
holds come from one read and one feedparser pass, and the evidence found is the
same as reading each sampled entry alone.

Every article here is written by the test.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core import formats
from reader.core.clean_signals import block_key
from reader.core.formats import feeds, read_entries_of, read_entry
from reader.core.library import scan
from reader.core.models import Article
from reader.core.reading import EVIDENCE_SAMPLE, EvidenceCache, ReadingService

from .test_feed_listing import counting_feedparser

SITE = "Support the Harbour Gazette: subscribe for a year of news from the quay."


def _item(n: int, *, guid: bool = True, body: str = "") -> str:
    parts = [f"<title>Harbour story {n}</title>", f"<link>https://gazette.example/{n}</link>"]
    if guid:
        parts.append(f"<guid>https://gazette.example/g/{n}</guid>")
    parts.append(f"<pubDate>Mon, {n % 28 + 1:02d} Feb 2025 10:00:00 GMT</pubDate>")
    text = body or f"The tide of day {n} reached the harbour wall before noon."
    parts.append(f"<description>&lt;p&gt;{text}&lt;/p&gt;&lt;p&gt;{SITE}&lt;/p&gt;</description>")
    return "<item>" + "".join(parts) + "</item>\n"


def _rss(items: list[str], title: str = "Harbour Gazette") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://gazette.example/</link>\n"
        + "".join(items)
        + "</channel></rss>\n"
    ).encode()


def _one_by_one(cache: EvidenceCache, feed: str, articles: list[Article]) -> dict[Any, set[str]]:
    """The evidence pages as the sample was read before: each entry read alone."""
    pages: dict[Any, set[str]] = {}
    for other in cache.sample_of(feed, articles):
        try:
            texts = read_entry(other.path, other.entry).clean_texts()
        except (OSError, ValueError):
            continue
        pages[other.key, other.id] = set(map(block_key, texts))
    return pages


def _forget() -> None:
    feeds._PARSED.clear()
    feeds._INDEXES.clear()


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    real: Callable[..., Any] = formats._read_whole

    def read_whole(path: Any, limit: int) -> Any:
        reads.append(str(path))
        return real(path, limit)

    monkeypatch.setattr(formats, "_read_whole", read_whole)
    return reads


def test_a_feed_files_sampled_entries_are_read_in_one_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "lib" / "gazette.rss"  # in the root: its entries are one feed
    path.parent.mkdir()
    path.write_bytes(_rss([_item(n) for n in range(60)]))
    articles = scan([path.parent]).articles
    assert len(articles) == 60 and {a.feed for a in articles} == {"Harbour Gazette"}
    _forget()
    expected = _one_by_one(EvidenceCache(), "Harbour Gazette", articles)
    assert len(expected) == EVIDENCE_SAMPLE
    _forget()
    reads = _counting_reads(monkeypatch)
    sizes = counting_feedparser(monkeypatch)
    cache = EvidenceCache()
    sample = cache._sample("Harbour Gazette", articles)
    assert sample.pages == expected
    assert list(sample.pages) == list(expected)  # in the sample's order
    assert reads == [str(path)]  # the file read once, not once an entry
    assert sizes[-1] == EVIDENCE_SAMPLE and sum(sizes) == EVIDENCE_SAMPLE  # one pass
    # the line every entry ends with is in every sampled page's evidence
    assert all(block_key(SITE) in keys for keys in sample.pages.values())
    reading = ReadingService(articles=articles).open(articles[0])
    assert reading.page.title == articles[0].title


def test_a_mixed_feed_folder_gives_the_same_evidence(tmp_path: Path) -> None:
    folder = tmp_path / "lib" / "gazette"
    folder.mkdir(parents=True)
    (folder / "a.rss").write_bytes(_rss([_item(n) for n in range(12)]))
    (folder / "b.rss").write_bytes(_rss([_item(n) for n in range(100, 110)], title="B"))
    for n in range(8):
        text = f"date 2025-03-{n + 1:02d} Text {n}\n\nBody {n}.\n{SITE}\n"
        (folder / f"t{n}.txt").write_text(text)
        (folder / f"m{n}.md").write_text(f"---\ntitle: Post {n}\ndate: 2025-04-01\n---\nPost.\n")
        (folder / f"h{n}.html").write_text(
            f"<html><head><title>Page {n}</title></head><body><p>Page body {n}.</p>"
            f"<footer>{SITE}</footer></body></html>"
        )
    (folder / "gone.txt").write_text("date 2025-03-09 Gone\n\nSoon gone.\n")
    articles = scan([tmp_path / "lib"]).articles
    assert len(articles) == 22 + 24 + 1
    (folder / "gone.txt").unlink()  # sampled or not, a file removed since is no evidence
    _forget()
    expected = _one_by_one(EvidenceCache(), "gazette", articles)
    _forget()
    assert EvidenceCache()._sample("gazette", articles).pages == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.booleans(), st.sampled_from(["", "x", SITE])), min_size=2, max_size=30),
    st.integers(0, 2**32),
)
def test_entries_read_together_are_the_entries_read_alone(
    tmp_path_factory: pytest.TempPathFactory, items: list[tuple[bool, str]], seed: int
) -> None:
    """Entries with and without guids (whose ids the index cannot guess), with the
    same or other bodies: each read together is what it is read alone."""
    folder = tmp_path_factory.mktemp("feed")
    path = folder / "f.rss"
    path.write_bytes(
        _rss([_item(n % 7, guid=guid, body=body) for n, (guid, body) in enumerate(items)])
    )
    _forget()
    pages = formats.read_entries(path)
    entries = [page.entry for page in pages]
    wanted = random.Random(seed).sample(entries, min(len(entries), 1 + seed % len(entries)))
    alone = {entry: read_entry(path, entry) for entry in wanted}
    _forget()
    together = read_entries_of(path, [*wanted, "0123456789abcdef"])
    assert together == alone
