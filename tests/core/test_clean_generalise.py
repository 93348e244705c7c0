"""The cleaner on pages it has never seen (issue 9, "Never hide the story").

Rules about the shape of a page, not its words, for the classes of loss that recur
across sites and languages. Each page is written for the test; each test of a kept
line fails without its rule.
"""

from __future__ import annotations

from reader.core.clean import clean_blocks

MENU = ["Harbour Gazette", "Home", "News", "Sport", "Weather", "Contact"]
SHARE = ["Facebook", "Reddit", "Tweet", "Email", "Print", "Reprints", "Post comment", "Text size:"]
FOOTER = ["Most read", "Ferry fares to rise in spring", "© 2025 Harbour Gazette"]

OPENING = [
    "The harbour master says the new breakwater will be the finest the town has ever "
    "had, and he has seen a few of them.",
    "For example, the old wall lost a stone a week to the winter storms, he said "
    "during a meeting with the council, and the fishermen had stopped trusting it.",
    "He also offered no excuses for the delays of the last two years, which he put "
    "down to the weather and to a contractor who went out of business.",
]
BODY = [
    "Work on the breakwater starts in March, when the first of the granite blocks "
    "arrive by barge from the quarry on the other side of the bay.",
    "The council has set aside four million pounds for the work, which it expects to "
    "take two summers, with the winter between spent on the foundations below the tide.",
    "Fishermen who moor inside the old wall will be moved to the east pier while the "
    "work goes on, and the ferry will use the south landing for the whole of the time.",
    "The harbour master said that the town had waited long enough for a wall that "
    "would stand up to the storms, and that the money was well spent on it.",
    "A public meeting on the plans will be held at the lifeboat station on the first "
    "Thursday of the month, and the drawings can be seen at the library until then.",
]


def test_paragraphs_over_a_related_links_box_open_the_article() -> None:
    box = [
        "Ann Lee Bio | E-mail | Recent columns",
        "Related links",
        "Breakwater plans: in photos",
        "The harbour by the numbers",
        "Storm damage in pictures",
        "The lifeboat crew that never missed a call",
    ]
    title = "A new breakwater for the harbour"
    page = [*MENU, title, *SHARE, *OPENING, *box, *BODY, *FOOTER]
    result = clean_blocks(page, title)
    assert result.body == [*OPENING, *BODY]
    assert all(b.hidden for b in result.blocks if b.text in box)
