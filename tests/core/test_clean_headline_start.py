"""Where the body starts when the page repeats its headline (issue 9, "Never hide the story").

The page's first repeat of its title is the article's headline; a later repeat heads a
box (a video's caption, "recent posts") or is a heading of the post itself. The text
under the first headline is the article's, even when a menu of tabs ("Article",
"Video", "Comments") stands between them. Each page is written for the test; each test
fails without its rule.
"""

from __future__ import annotations

from reader.core.clean import clean_blocks

TITLE = "Ferry Captain Is Silent at His Hearing"
MENU = ["Harbour Times", "Home", "News", "Business", "Sport", "Opinion"]
TABS = ["Article", "Video", "Slideshow", "Comments"]
LEAD = [
    "The ferry captain made his first court appearance with a tired face and said nothing.",
    "PORT ELLEN — The captain of the ferry that ran aground last winter appeared in court "
    "on Monday, where his lawyer asked for more time to read the evidence.",
]
PHOTO = ["Enlarge Image", "Close", "Harbour Press"]
BODY = [
    "The judge granted the request and set the next hearing for the first week of June, "
    "when the prosecution is expected to explain why it brought the charges it did.",
    "Families of the passengers who were hurt filled the small courtroom, and several of "
    "them said afterwards that they had hoped to hear the captain speak for himself.",
    "The harbour authority has said that it will publish its own report on the grounding "
    "once the trial is over, and that it has already changed the rules for night crossings.",
    "A lawyer for the ferry company said that the company was cooperating with the "
    "investigation and that it had offered help to every family that had asked for it.",
    "The captain, who has worked on the route for nineteen years, is free on bail and has "
    "not been back on a ship since the night the ferry struck the rocks off the point.",
]
VIDEO = [
    "Email",
    "Print",
    "Most Popular",
    "Storm closes ports",
    "Council cuts bus routes",
    "New pier opens at last",
    "Video",
    TITLE,
    "PORT ELLEN — The captain of the ferry that ran aground last winter appeared in court "
    "on Monday, where his lawyer asked for more time to read the evidence and said little.",
    "The judge granted the request and set the next hearing for the first week of June, "
    "when the prosecution must explain itself, the court said at the end of the morning.",
]
FOOT = ["Previous", "Next", "© 2025 Harbour Times"]


def test_a_comments_tab_under_the_headline_leaves_the_story_under_it() -> None:
    page = [*MENU, TITLE, *TABS, "By Ann Lee", *LEAD, *PHOTO, *BODY, *VIDEO, *FOOT]
    body = clean_blocks(page, TITLE).body
    assert body[: len(BODY)] == BODY or body[: len(LEAD)] == LEAD
    assert all(line in body for line in BODY)


def test_a_light_lead_under_the_headline_outranks_a_later_repeat() -> None:
    box = [*PHOTO, "Related Coverage", "Ferry runs aground off the point", "Divers reach the wreck"]
    more = [
        "Watch the families of the passengers speak outside the courtroom after the hearing, "
        "where they asked the harbour authority to explain the rules for night crossings.",
        "Our reporter explains what happens next in the case and why the trial may not "
        "begin before the autumn, when the court returns from its long summer break.",
    ]
    page = [*MENU, TITLE, "By Ann Lee", LEAD[0], *box, *BODY, *VIDEO, *more, *FOOT]
    body = clean_blocks(page, TITLE).body
    assert all(line in body for line in BODY)


def test_a_lead_over_a_heading_that_repeats_part_of_the_title_is_kept() -> None:
    title = "The Harbour Day Show: Live broadcast this Friday"
    lead = "In my talk on Friday there will be news for every sailor on the coast."
    event = ["The Harbour Day Show", "Friday, November 7, 2025", "12:45pm (Harbour Time)"]
    text = [
        "This talk will give an update on the new pier, the ferry timetable and the plans "
        "for the lifeboat station, both for this winter and for the years after it.",
        "The talk will be broadcast live, and you can watch it again afterwards.",
        "If you know people who sail from the harbour, you will want to tell them to tune in.",
    ]
    close = ["Posted in Harbour, Talks | Leave a Comment", "Leave a Reply", "Name (required)"]
    header = [*MENU, "« Older post", title, "2025-10-29 by Ann Lee"]
    result = clean_blocks([*header, lead, *event, *text, *close], title)
    assert result.body[0] == lead
    assert all(line in result.body for line in text)


def test_a_standfirst_under_a_posted_ago_line_is_kept() -> None:
    standfirst = "The captain said nothing as the families of the passengers filled the courtroom"
    page = [*MENU, TITLE, "Harbour Press – 2 hours ago", standfirst, "By Ann Lee", *BODY, *FOOT]
    assert clean_blocks(page, TITLE).body[:2] == [standfirst, BODY[0]]


def test_a_standfirst_over_the_date_line_does_not_cut_the_lead_off() -> None:
    """A standfirst under the headline earns little, and the date line and the photo's
    caption under it cost more: the lead is the run of paragraphs after them, however
    short, and a box of links between it and the rest of the text is the box's."""
    standfirst = "The captain's lawyer asked for more time, and the judge agreed to it."
    lead = [
        "The captain of the ferry that ran aground last winter appeared in court on "
        "Monday, where he said nothing at all in the short hearing.",
        '"The cause of the grounding is still being looked into," his lawyer told the '
        "court, asking the judge for four more weeks.",
    ]
    box = ["More:", "Storm closes ports", "Council cuts bus routes", "New pier opens at last"]
    page = [*MENU, TITLE, standfirst, "20 Nov 2025 08:00 GMT", "The ferry at the pier [Ann Lee]"]
    page += [*lead, *box, *BODY, *FOOT]
    kept = clean_blocks(page, TITLE).body
    assert all(line in kept for line in lead + BODY)
    assert not any(line in kept for line in box)
