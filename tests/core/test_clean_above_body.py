"""Article lines above the body (issue 9, "Never hide the story").

A post may open with lines that earn nothing as prose: a workout's items, a fact box,
one-line paragraphs. The body's heaviest run starts below them, and they were hidden
as "navigation" or "before article". Between the post's headline or date line and the
body, plain lines that hold sentences or labelled data are the post's; a menu, a
share bar, a teaser box or a single caption there stays hidden. Each page is written
for the test; each test of a kept line fails without its rule.
"""

from __future__ import annotations

import time

from reader.core.clean import clean_blocks

MENU = ["Harbour Fitness", "Home", "Workouts", "Coaches", "Shop", "Contact"]
STORY = (
    "Today's workout honours the lifeboat crews of the harbour, who trained on the "
    "sea wall every morning of the winter and never once missed a call-out."
)
MORE = (
    "Scale the distance to what you can hold at a steady pace, and walk the stairs "
    "rather than skip them; the point is to finish together with the rest of the class."
)
TAIL = [
    "Posted by Coach Ann at 5:00 PM",
    "Comments",
    "Great one, see you all at six.",
    "Comment #1 - Posted by: Ben at 6:12 PM",
    "© 2025 Harbour Fitness",
]


def _kept(page: list[str], title: str) -> list[str]:
    return clean_blocks(page, title).body


def test_a_workout_between_the_date_line_and_the_story_is_the_posts() -> None:
    workout = [
        "For time:",
        "Row 2,000 meters",
        "100 Stair climbs",
        "Partition the row and stair climbs as needed.",
        "Post times to comments.",
        "Why we row",
    ]
    page = [*MENU, "Lifeboat Day", "November 11, 2025", *workout, STORY, MORE, *TAIL]
    assert _kept(page, "Lifeboat Day")[: len(workout) + 2] == [*workout, STORY, MORE]


def test_one_line_paragraphs_under_the_headline_are_not_navigation() -> None:
    lines = ["Start early and bring water.", "Meet at the pier at six.", "About the day"]
    page = [*MENU, "Lifeboat Day", "November 11, 2025", *lines, STORY, MORE, *TAIL]
    result = clean_blocks(page, "Lifeboat Day")
    assert result.body[:4] == [*lines, STORY]
    assert not any(b.reason == "navigation" for b in result.blocks if b.text in lines)


def test_a_fact_box_under_the_headline_is_the_posts() -> None:
    facts = ["Name: Tide Table", "Author: Kit Moss"]
    text = [
        "Description: Shows the next high and low tide for your harbour.",
        "Each week this blog features a new gadget for sailors that looks promising, "
        "and this week it is a small tide table that sits on your desktop all day.",
        "It reads the tide tables of every harbour on the coast and warns you an hour "
        "before the water turns, so you never have to check the almanac again.",
    ]
    page = [*MENU, "Gadget of the week: Tide Table", "Tuesday, April 28, 2025", *facts, *text]
    page += TAIL
    assert _kept(page, "Gadget of the week: Tide Table")[:3] == [*facts, text[0]]


def test_a_menu_between_the_date_line_and_the_story_stays_hidden() -> None:
    menu = ["Workouts", "Coaches", "Shop"]
    page = [*MENU, "Lifeboat Day", "November 11, 2025", *menu, STORY, MORE, *TAIL]
    assert _kept(page, "Lifeboat Day")[:2] == [STORY, MORE]


def test_a_caption_and_a_share_bar_under_the_headline_stay_hidden() -> None:
    caption = "The lifeboat crew trains on the sea wall at dawn, in a file photo."
    lines = [caption, "Share | Tweet | Email", "Sponsored: www.example.com"]
    page = [*MENU, "Lifeboat Day", "November 11, 2025", *lines, STORY, MORE, *TAIL]
    assert _kept(page, "Lifeboat Day")[:2] == [STORY, MORE]


def test_teaser_headlines_announced_by_more_stay_hidden() -> None:
    teasers = ["More:", "Ferry timetable changes for spring", "New moorings at the east pier"]
    page = [*MENU, "Lifeboat Day", "November 11, 2025", "Start early and bring water."]
    page += ["Meet at the pier at six.", *teasers, STORY, MORE, *TAIL]
    result = clean_blocks(page, "Lifeboat Day")
    assert all(b.hidden for b in result.blocks if b.text in teasers)


def test_plain_lines_under_a_paragraph_that_earns_are_not_taken_with_it() -> None:
    # The paragraph is text of its own, weighed with the box under it elsewhere
    # (`attach_preceding_runs`): the search for the post's head stops there.
    lead = (
        "The lifeboat crews of the harbour trained on the sea wall every morning of the "
        "winter, and we row today in their honour."
    )
    teasers = ["Ferry timetable changes for spring", "New moorings at the east pier"]
    page = [*MENU, "Lifeboat Day", "November 11, 2025", lead, "Start early and bring water."]
    page += ["Meet at the pier at six.", *teasers, STORY, MORE, *TAIL]
    result = clean_blocks(page, "Lifeboat Day")
    assert all(b.hidden for b in result.blocks if b.text in teasers)


def test_a_long_byline_is_shown_in_the_header_not_hidden_as_navigation() -> None:
    byline = "By ANN LEE, KIT MOSS, JO PARK | Harbour Gazette – 1 hour ago"
    page = [*MENU, "Lifeboat Day", byline, STORY, MORE, *TAIL]
    result = clean_blocks(page, "Lifeboat Day")
    assert result.byline == byline
    assert [b.reason for b in result.blocks if b.text == byline] == ["byline"]
    assert result.body[:2] == [STORY, MORE]


def test_a_signature_above_the_post_is_its_byline() -> None:
    signature = "Posted by Ann Lee, Engineer, Harbour Lights Team"
    page = [*MENU, "Lifeboat Day", signature, STORY, MORE, *TAIL]
    assert clean_blocks(page, "Lifeboat Day").byline == signature


def test_a_line_opening_with_by_and_a_lower_case_word_is_no_byline() -> None:
    line = "by the time the ferry came in we had all gone home"
    page = [*MENU, "Lifeboat Day", line, STORY, MORE, *TAIL]
    assert clean_blocks(page, "Lifeboat Day").byline is None


def test_a_long_run_of_spaces_after_by_is_read_in_linear_time() -> None:
    # hostile input: "by", 40,000 spaces and tabs, then no name (too many words for a
    # short byline); a backtracking pattern took half a minute over it
    line = "by" + " \t" * 20_000 + "1 2 3 4 5 6 7 8 9"
    page = [*MENU, "Lifeboat Day", line, STORY, MORE, *TAIL]
    start = time.perf_counter()
    clean_blocks(page, "Lifeboat Day")
    assert time.perf_counter() - start < 1.0
