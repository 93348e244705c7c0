"""Opening an article: read the whole file, clean it, and describe the result.

Shared by `reader clean` and the reading pane so that both hide exactly the same
blocks for the same reasons.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.clean import FeedEvidence, Rules, clean_blocks
from reader.core.document import count_words, reading_minutes
from reader.core.models import Article, CleanResult
from reader.core.parse import Page, read_page

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


class EvidenceCache:
    """Recurring-line evidence per feed, built from a sample of the feed's pages.

    Block lists of sampled pages are kept so that evidence for another article of
    the same feed costs no further reads. Thread-safe: the UI cleans in workers.
    """

    def __init__(self, sample: int = EVIDENCE_SAMPLE) -> None:
        self._sample = sample
        self._pages: dict[str, dict[tuple[Path, str], list[str]]] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()

    def evidence_for(
        self, article: Article, page: Page, feed_articles: Sequence[Article]
    ) -> FeedEvidence | None:
        """Evidence for `article`'s feed (its own page included); None for a lone page."""
        if len(feed_articles) < 2:
            return None
        pages = self._sampled(article.feed, feed_articles)
        # Copies of this very article (a re-scrape shares its id) are not other pages:
        # their body lines would "recur" and be hidden.
        others = [
            blocks
            for (path, id_), blocks in pages.items()
            if path != article.path and id_ != article.id
        ]
        return FeedEvidence.build([page.blocks(), *others]) if others else None

    def _sampled(
        self, feed: str, feed_articles: Sequence[Article]
    ) -> dict[tuple[Path, str], list[str]]:
        with self._lock:
            cached = self._pages.get(feed)
            if cached is not None:
                return cached
        chosen = list(feed_articles)
        if len(chosen) > self._sample:
            chosen = random.Random(feed).sample(chosen, self._sample)
        pages: dict[tuple[Path, str], list[str]] = {}
        for other in chosen:
            try:
                pages[other.path, other.id] = read_page(other.path).blocks()
            except (OSError, ValueError):
                continue
        with self._lock:
            self._pages[feed] = pages
        return pages
