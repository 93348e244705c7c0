"""A second reading of the cleaner rules of issue 9 merged on the same day: hostile
input in bounded time, reasons that say what a block is, other languages, and the
story never hidden. Each page is made up for the test; each test failed before its fix.
"""

from __future__ import annotations

import time

from reader.core.clean import clean_blocks
from tests.core.test_clean_repeats import (
    ARTICLE_END,
    BYLINE,
    STORY,
    STORY_MORE,
    TITLE,
    page_of,
)


def test_a_placeholder_line_of_a_million_spaces_is_read_in_linear_time() -> None:
    # "Loading", then a run of spaces that ends in no dots: the placeholder's pattern
    # tried every split of the run between two optional runs of spaces (16,000 spaces
    # took 0.9 s, a 1 MB line hours)
    line = "Loading" + " " * 1_000_000 + "!"
    page = page_of([BYLINE], STORY, ["Related video:", line], STORY_MORE, ARTICLE_END)
    start = time.perf_counter()
    result = clean_blocks(page, TITLE)
    assert time.perf_counter() - start < 2.0  # a hang detector, not a benchmark
    assert result.body[-len(ARTICLE_END) :] == ARTICLE_END
