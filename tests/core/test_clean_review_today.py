"""A second reading of the cleaner rules of issue 9 merged on the same day: hostile
input in bounded time, reasons that say what a block is, other languages, and the
story never hidden. Each page is made up for the test; each test failed before its fix.
"""

from __future__ import annotations

import time

from reader.core.clean import REPEATED_COPY, PageView, _hide_second_copy, _Labels, clean_blocks
from reader.core.clean_signals import block_key
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


def _numbered(i: int) -> str:
    return f"Paragraph {i} of the story tells what happened on day {i}, and the readers said so."


def test_a_page_of_many_short_copies_is_searched_in_near_linear_time() -> None:
    # 20,000 teasers of two paragraphs, each right over a byline and its copy: each
    # copy found sliced the rest of the page (3.0 s for these 100,000 blocks, 12 s for
    # twice as many; now 0.2 s)
    blocks = [
        line
        for i in range(20_000)
        for line in (
            _numbered(2 * i),
            _numbered(2 * i + 1),
            BYLINE,
            _numbered(2 * i),
            _numbered(2 * i + 1),
        )
    ]
    page = PageView.build(blocks, block_key(TITLE))
    labels = _Labels([False] * len(blocks), [""] * len(blocks))
    start = time.perf_counter()
    _hide_second_copy(page, labels, 0, len(blocks) - 1)
    assert time.perf_counter() - start < 1.5  # a hang detector, not a benchmark
    assert labels.reason[:5] == [REPEATED_COPY, REPEATED_COPY, "", "", ""]


def test_a_subheading_under_a_loading_box_goes_on_with_the_story() -> None:
    # an inline video's box in the middle of the story, then a subheading over the
    # rest: its first line is no paragraph, and the story under it was cut off as
    # 'after article'; a slideshow's text is slides, a title over one caption each
    page = page_of(
        [BYLINE],
        STORY,
        ["Related video:", "Loading..."],
        ["What happens next"],
        STORY_MORE,
        ARTICLE_END,
    )
    assert clean_blocks(page, TITLE).body == [
        *STORY,
        "What happens next",
        *STORY_MORE,
        *ARTICLE_END,
    ]


POLISH_TITLE = "Biblioteka miejska otwarta także w niedziele"
POLISH_STORY = [
    "Od marca biblioteka miejska będzie otwarta także w niedziele, poinformowała rada "
    "miasta we wtorek po roku, w którym czytelnie były pełne w każdą sobotę.",
    "Dodatkowy dzień pracy będzie kosztował około czterdziestu tysięcy złotych rocznie, "
    "głównie na wynagrodzenia, a pieniądze pochodzą z budżetu starego muzeum.",
]
POLISH_MORE = [
    "Czytelnicy prosili o zmianę w ankiecie jesienią, a ponad połowa z nich napisała, że "
    "może przychodzić tylko w weekend, ponieważ w tygodniu pracuje.",
    "Rada sprawdzi godziny otwarcia ponownie zimą, kiedy będzie wiadomo, ilu czytelników "
    "przyszło w niedziele i ile kosztował dodatkowy dzień.",
]


def test_a_polish_loading_box_inside_the_story_hides_only_its_two_lines() -> None:
    # the placeholder's words in another language, the story going on under the box
    page = [
        *["Strona główna", "Wiadomości", "Sport", "Pogoda", "Kultura", "Kontakt"],
        POLISH_TITLE,
        "Anna Nowak",
        *POLISH_STORY,
        "Więcej:",
        "Ładowanie...",
        *POLISH_MORE,
        "O nas",
        "Polityka prywatności",
        "© 2025 Kurier Miejski. Wszelkie prawa zastrzeżone.",
    ]
    result = clean_blocks(page, POLISH_TITLE)
    assert result.body == [*POLISH_STORY, *POLISH_MORE]
    reasons = {b.text: b.reason for b in result.blocks}
    assert (reasons["Więcej:"], reasons["Ładowanie..."]) == ("section heading", "template code")
