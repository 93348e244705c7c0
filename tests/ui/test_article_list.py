"""The list's row lookup, which keeps the cursor on its article as rows change."""

from __future__ import annotations

import dataclasses
import datetime as dt

from reader.core.library import sort_articles
from reader.core.models import Article
from reader.ui.article_list import find_row


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
