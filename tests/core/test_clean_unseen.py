"""The cleaner on pages of shapes it was not built on (issue 9, a later round).

Each page is made up for the test in the shape of a real scraped page; what used to
go wrong is named in each test, and each test fails without its rule.
"""

from __future__ import annotations

from reader.core.clean import clean_blocks
from tests.core.test_clean_recall import ARTICLE, FOOTER, MENU, TEASERS, TITLE


def body(blocks: list[str], title: str = TITLE) -> list[str]:
    return clean_blocks(blocks, title).body


MORE = [
    "The operator said that the figures were better than it had hoped for, and that the "
    "late boat would stay in the timetable for the whole of the winter.",
    "A second late boat on Fridays will be tried in the spring if the numbers hold up, "
    "and the council will be asked to pay for the extra crew.",
]


def test_a_marked_list_between_two_parts_of_the_text_is_no_inline_box() -> None:
    # the text runs on past its own list of dashed items, which was bridged and hidden
    # as an "inline box"
    items = ["- night-shift nurses and doctors", "- students going home", "- the post"]
    items.append("- fresh fish for the morning market")
    page = [*MENU, TITLE, *ARTICLE, *items, *MORE, "Share", "Tweet", "Related", *TEASERS]
    page += FOOTER
    assert body(page) == [*ARTICLE, *items, *MORE]
