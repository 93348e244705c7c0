"""A subheading under the story's last paragraph over a short sentence or two is
part of the article, whatever its words (issue 9: "a subheading followed by prose
is part of the article, whatever its words"; "a subheading named like a page
section ('Reactions', 'Related research') hides what follows"). What sites print
there is told apart by its own marks, and stays hidden: a thread's post headers, a
signature or promotion heading, a notice of the comment form. Every page here was
written for these tests.
"""

from __future__ import annotations

import pytest

from reader.core.clean import clean_blocks
from tests.core.test_clean_authored import assert_whole

MENU = ["Trail Notes", "Home", "Walks", "Gear", "About"]
END = [
    "Most read",
    "Ten walks for a wet weekend",
    "How to dry your boots",
    "© 2025 Trail Notes. All rights reserved.",
]
TITLE = "How we met the sunrise on the ridge"
LEAD = (
    "We left the camp at four in the morning, when it was still quite dark and cold, "
    "and walked for almost two hours along a narrow path to the ridge."
)
SECTIONS = {
    "Reactions": ["It was the best sunrise of my life.", "I will come back!"],
    "Afterwards": ["We slept until noon."],
    "Comments": ["Nobody said a word on the way down."],
    "Комментарии": ["Это был лучший рассвет в моей жизни.", "Вернусь обязательно!"],
    "Co dalej?": ["Latem wrócimy na grań z namiotem.", "Zapraszamy na spacer!"],
    "What next?": ["In spring we will walk the whole ridge in one day."],
}


def kept(blocks: list[str]) -> list[str]:
    return clean_blocks([*MENU, TITLE, *blocks, *END], TITLE).body


@pytest.mark.parametrize("heading", list(SECTIONS))
def test_a_subheading_over_short_sentences_after_the_story_is_kept(heading: str) -> None:
    article = [LEAD, heading, *SECTIONS[heading]]
    assert kept(article) == article


@pytest.mark.parametrize(
    "furniture",
    [
        ["Comments", "There are no comments on this article."],
        ["Comments", "Be polite and stay on topic.", "Log in or register to comment."],
        ["Reader comments 12", "Thanks for a lovely story."],
        ["— Ridge Weekly", "Ann Lee contributed to this story."],
        ["Walk Shop: Ann Lee, guide", "Book your own sunrise walk with our guides today."],
        ["Newsletter sign up", "Get our walks in your inbox every week."],
        ["Liked this post?", "Get more by subscribing to our feed."],
    ],
)
def test_a_sites_notice_credit_or_promotion_under_the_story_stays_hidden(
    furniture: list[str],
) -> None:
    assert kept([LEAD, *furniture]) == [LEAD]


def test_a_thread_with_post_headers_under_a_heading_stays_hidden() -> None:
    thread = [
        "Reactions",
        "Great story, thanks.",
        "Oskar · 7 August 2025, 13:02",
        "I was there too!",
        "Lin · 7 August 2025, 13:40",
    ]
    assert kept([LEAD, *thread]) == [LEAD]


WRITTEN = {
    "zh": (
        "周末笔记",
        [
            "周六我们去了湖边，天气很冷，但是阳光很好。",
            "评论",
            "孩子们还是下水游泳了。",
            "夏天再来！",
        ],
    ),
    "el": (
        "Σημειώσεις του Σαββατοκύριακου",
        [
            "Το Σάββατο πήγαμε στη λίμνη, έκανε κρύο αλλά είχε ήλιο.",
            "Σχόλια",
            "Τα παιδιά κολύμπησαν.",
        ],
    ),
}


@pytest.mark.parametrize("lang", list(WRITTEN))
@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_a_written_post_with_a_comments_named_subheading_over_sentences_is_whole(
    fmt: str, lang: str
) -> None:
    # A section heading over sentences is no box of teasers: a post with one is still an
    # article someone wrote (no page chrome), and loses nothing; its short Chinese lead
    # was hidden as "before article", the Greek sentence as "comments".
    title, blocks = WRITTEN[lang]
    if fmt == "md":
        blocks = [f"## {b}" if b == blocks[1] else b for b in blocks]
    assert_whole(fmt, title, blocks)
