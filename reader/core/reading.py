"""Opening an article: read the whole file, clean it, and describe the result.

Shared by `reader clean` and the reading pane so that both hide exactly the same
blocks for the same reasons.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.clean import FeedEvidence, Rules, clean_blocks
from reader.core.document import count_words, reading_minutes
from reader.core.formats import Page, read_page
from reader.core.models import Article, CleanResult

# Pages of a feed sampled for recurring-line evidence: enough to see site-wide
# lines, few enough to read in a blink.
EVIDENCE_SAMPLE = 24


@dataclass(frozen=True, slots=True)
class Reading:
    """An opened article: its metadata, parsed page and the cleaner's verdict."""

    article: Article
    page: Page
    result: CleanResult

    @property
    def words(self) -> int:
        return count_words(self.result.blocks)

    @property
    def minutes(self) -> int:
        return reading_minutes(self.words)

    def meta_line(self) -> str:
        """`feed · date · N min read`, the line under the title."""
        date = self.article.date.isoformat() if self.article.date else "undated"
        return f"{self.article.feed} · {date} · {self.minutes} min read"

    def byline(self) -> str:
        """Dateline and byline the cleaner lifted out of the page, if any."""
        parts = (self.result.dateline, self.result.byline)
        return " · ".join(part for part in parts if part)

    def markdown(self) -> str:
        """The cleaned article as Markdown: title heading, metadata line, body."""
        parts = [f"# {self.article.title}", f"*{self.meta_line()}*"]
        if self.byline():
            parts.append(f"*{self.byline()}*")
        parts.extend(self.result.body)
        if self.page.truncated:
            parts.append("*[truncated: the file is larger than the reader shows]*")
        return "\n\n".join(parts) + "\n"

    def to_json(self) -> dict[str, object]:
        article = self.article
        return {
            "id": article.id,
            "title": article.title,
            "date": article.date.isoformat() if article.date else None,
            "feed": article.feed,
            "url": article.url,
            "dateline": self.result.dateline,
            "byline": self.result.byline,
            "body": self.result.body,
            "hidden": [{"reason": b.reason, "text": b.text} for b in self.result.hidden],
        }


def open_article(
    article: Article,
    *,
    page: Page | None = None,
    evidence: FeedEvidence | None = None,
    rules: Rules | None = None,
) -> Reading:
    """Read (unless `page` is given) and clean one article."""
    page = page or read_page(article.path)
    result = clean_blocks(page.blocks(), article.title, feed=evidence, rules=rules)
    return Reading(article, page, result)


@dataclass(frozen=True, slots=True)
class _Sample:
    """A feed's sampled pages (by path and article id) and their combined evidence."""

    pages: dict[tuple[str, str], list[str]]
    evidence: FeedEvidence


class EvidenceCache:
    """Recurring-line evidence per feed, built from a sample of the feed's pages.

    The sample's evidence is counted once per feed; an article outside the sample
    adds only its own page to it, so evidence costs no further reads and almost no
    counting (the indexer cleans every article this way). Thread-safe: the UI
    cleans in workers.
    """

    def __init__(self, sample: int = EVIDENCE_SAMPLE) -> None:
        self._sample_size = sample
        self._samples: dict[str, _Sample] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._samples.clear()

    def evidence_for(
        self, article: Article, page: Page, feed_articles: Sequence[Article]
    ) -> FeedEvidence | None:
        """Evidence for `article`'s feed (its own page included); None for a lone page."""
        if len(feed_articles) < 2:
            return None
        sample = self._sample(article.feed, feed_articles)
        own = page.blocks()
        if any(path == article.path or id_ == article.id for path, id_ in sample.pages):
            # Copies of this very article (a re-scrape shares its id) are not other
            # pages: their body lines would "recur" and be hidden.
            others = [
                blocks
                for (path, id_), blocks in sample.pages.items()
                if path != article.path and id_ != article.id
            ]
            return FeedEvidence.build([own, *others]) if others else None
        if not sample.pages:
            return None
        return _plus_page(sample.evidence, own)

    def _sample(self, feed: str, feed_articles: Sequence[Article]) -> _Sample:
        with self._lock:
            cached = self._samples.get(feed)
        if cached is not None:
            return cached
        chosen = list(feed_articles)
        if len(chosen) > self._sample_size:
            chosen = random.Random(feed).sample(chosen, self._sample_size)
        pages: dict[tuple[str, str], list[str]] = {}
        for other in chosen:
            try:
                pages[other.path, other.id] = read_page(other.path).blocks()
            except (OSError, ValueError):
                continue
        sample = _Sample(pages, FeedEvidence.build(pages.values()))
        with self._lock:
            self._samples[feed] = sample
        return sample


def _plus_page(evidence: FeedEvidence, blocks: Sequence[str]) -> FeedEvidence:
    """`evidence` with one more page counted (counts add up page by page)."""
    extra = FeedEvidence.build([blocks])
    counts = dict(evidence.counts)
    for key, count in extra.counts.items():
        counts[key] = counts.get(key, 0) + count
    return FeedEvidence(pages=evidence.pages + extra.pages, counts=counts)
