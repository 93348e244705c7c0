"""A line ending in a colon right after the text announces the text's own list
(issue 9: lists are part of the article). "It agreed to:" over lower-case items
ending in ";" is one sentence spelled out as a list; "票价如下：" ("the fares are:")
over "label：value" items is a Chinese story's list, though a CJK line is one
"word" to the splitter. A share bar's "Pass this on:" over a menu's lower-case
links still goes. Every article here was written for these tests.
"""

from __future__ import annotations

from reader.core.clean import clean_blocks

MENU = ["Town Crier", "Home", "News", "Sport", "Opinion"]
END = [
    "Most read",
    "Council approves new budget",
    "Storm warning for the weekend",
    "Bridge repairs to start in May",
    "© 2025 Town Crier. All rights reserved.",
]


def body(title: str, article: list[str], after: list[str] = END) -> list[str]:
    return clean_blocks([*MENU, title, *article, *after], title).body


def test_a_sentence_spelled_out_as_a_list_is_kept() -> None:
    title = "What the council decided"
    article = [
        "The council met on Tuesday evening and took several decisions that will change "
        "life in the town over the next year.",
        "It agreed to:",
        "extend the bus lane on the high street;",
        "close the old car park;",
        "open a new library branch in the north.",
    ]
    assert body(title, article) == article


def test_a_chinese_list_announced_by_a_colon_is_kept() -> None:
    title = "城市公交线路调整"
    article = [
        "从下周一起，本市将调整十二条公交线路，以缓解早晚高峰的拥堵，市交通局今天发布了详细方案。",
        "票价如下：",
        "- 普通线路：2元",
        "- 快速线路：3元",
        "- 夜间线路：4元",
        "市民可通过官方应用查询最新时刻表。",
    ]
    tail = ["热门文章", "市议会通过新预算", "周末风暴预警", "© 2025 城市日报 版权所有"]
    assert body(title, article, tail) == article


def test_a_share_intro_over_a_menus_lower_case_links_credits_no_list() -> None:
    # lower-case lines that close no piece of a sentence are a menu's links, not the
    # items of a list the intro announces: the links after them stay hidden
    title = "Library opens in the north"
    article = [
        "The new library branch opened on Saturday with a reading by local children and "
        "a queue that reached the corner of the street.",
        "It holds twelve thousand books and a room for the town's archive.",
    ]
    share = ["Report this story on:", "print send", "All news about LIBRARIES", "all news"]
    kept = body(title, article, [*share, *END])
    assert kept[:2] == article
    assert "All news about LIBRARIES" not in kept and "all news" not in kept
