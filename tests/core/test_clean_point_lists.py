"""A subheading named like a page section over a list of the article's own points
(issue 9: "a subheading named like a page section hides what follows"; "authored
articles are left whole").

"Reactions" over "- Residents complained about the delay." is the story's list,
whatever the heading's word: its items are statements, ending in a full stop. A
"Related" or "Most read" box lists headlines, which end in none, and a thread's
posts carry no list mark. Every article here was written for these tests.
"""

from __future__ import annotations

import pytest

from reader.core.clean import clean_blocks
from tests.core.test_clean_authored import assert_whole

TITLE = "Ferries late again as the queue reaches the station"
LEAD = (
    "The ferries ran late again this morning, and the queue of passengers reached "
    "the station before eight o'clock, the operator said."
)
POINTS = {
    "Reactions": [
        "- Residents complained about the delay.",
        "- The operator apologised.",
        "- The council asked for a report by Friday.",
    ],
    "Komentarze": [
        "- Mieszkańcy skarżyli się na opóźnienie.",
        "- Przewoźnik przeprosił pasażerów.",
    ],
    "Комментарии": [
        "- Жители жаловались на задержку.",
        "- Перевозчик принёс извинения.",
    ],
    "Related research": [
        "1. A study in 2023 found the engines wear out in ten years.",
        "2. A second study found the same for the older boats.",
    ],
}
CLOSE = "Start early."
MENU = ["Harbour Gazette", "Home", "News", "Sport", "Opinion", TITLE]
MOST_READ = [
    "Most read",
    "Council approves new budget",
    "Storm warning for the weekend",
    "Bridge repairs to start in May",
    "© 2025 Harbour Gazette. All rights reserved.",
]


@pytest.mark.parametrize("heading", list(POINTS))
@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_a_written_article_keeps_a_list_under_a_section_named_heading(
    fmt: str, heading: str
) -> None:
    shown = f"## {heading}" if fmt == "md" else heading
    items = POINTS[heading] if fmt == "txt" else ["\n".join(POINTS[heading])]
    assert_whole(fmt, TITLE, [LEAD, shown, *items, CLOSE])


@pytest.mark.parametrize("heading", list(POINTS))
def test_a_scraped_page_keeps_the_list_and_still_loses_its_chrome(heading: str) -> None:
    article = [LEAD, heading, *POINTS[heading], CLOSE]
    result = clean_blocks([*MENU, *article, *MOST_READ], TITLE)
    assert result.body == article
    assert "Council approves new budget" not in result.body


def test_a_subheading_the_site_menu_also_has_keeps_its_list() -> None:
    # "评论" is a Chinese site's menu link (Opinion) and here the story's subheading
    title = "港口因台风关闭"
    menu = ["首页", "新闻", "体育", "评论", "财经", title]
    article = [
        "今天上午，港口因台风关闭，所有渡轮停运，数百名乘客滞留在码头等待消息。",
        "评论",
        "- 居民对延误表示不满。",
        "- 运营方向乘客道歉。",
        "请提前出发。",
    ]
    tail = ["热门文章", "市议会通过新预算", "周末风暴预警", "© 2025 港口日报 版权所有"]
    result = clean_blocks([*menu, *article, *tail], title)
    assert result.body == article


def test_a_box_of_headlines_under_a_section_heading_is_still_hidden() -> None:
    related = [
        "Related",
        "- Council approves new budget",
        "- Storm warning for the weekend",
        "- Bridge repairs to start in May",
    ]
    result = clean_blocks([*MENU, LEAD, *related, *MOST_READ], TITLE)
    assert result.body == [LEAD]
    assert [b.text for b in result.hidden if b.text in related] == related


def test_teasers_that_end_in_a_question_or_cut_short_are_no_points() -> None:
    teasers = [
        "Reactions",
        "- Will the ferries ever run on time?",
        "- The operator said the second boat would be back by…",
    ]
    result = clean_blocks([*MENU, LEAD, *teasers, *MOST_READ], TITLE)
    assert result.body == [LEAD]
