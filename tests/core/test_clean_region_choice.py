"""Which block is the article on a short post (issue 9, "Never hide the story").

A blog post of a paragraph or a list earns little against a sidebar's "about me"
blurb, the text of a comment form or a "recent comments" list, so the heaviest run
of prose was some other block of the page and the post was hidden. Each page is
written for the test; each test fails without its rule.
"""

from __future__ import annotations

import pytest

from reader.core.clean import clean_blocks

BLOG = "Harbour Notes"


# An apostrophe as typed: the typographic one, the typewriter's, and the marks that
# stand for it on keyboards without one (a left quote, an acute accent, a grave).
APOSTROPHES = ["’", "'", "‘", "´", "`"]


@pytest.mark.parametrize("apostrophe", APOSTROPHES)
def test_the_headline_spelt_with_an_apostrophe_heads_the_post(apostrophe: str) -> None:
    # The page's title drops the apostrophe ("Annas"), the post's headline keeps it
    # ("Anna’s"); a later copy of the title in "Recent posts" must not be taken for the
    # headline, or the "recent comments" lines under it become the article.
    title = "Annas Winter Regatta Results, Photos and Recordings - Harbour Notes"
    post = (
        "All - my recap of the winter regatta (with plenty of links) and the photos of "
        "the prize giving from last week are up now, thanks to everyone who sailed"
    )
    page = [
        BLOG,
        "Home",
        "Archives",
        "Subscribe",
        "November 02, 2025",
        f"Anna{apostrophe}s Winter Regatta Results, Photos and Recordings",
        post,
        "Posted at 11:28 AM | Permalink",
        "Comments",
        "Recent Posts",
        "Ferry timetable changes for the spring season",
        "Annas Winter Regatta Results, Photos and Recordings",
        "New moorings at the east pier are open",
        "Recent Comments",
        "Jo Park on Will the ferry timetable change again before the spring season?",
        "Sam Lee on Is there room for all of us at the new moorings on the east pier?",
        "Kit Moss on Is there room for all of us at the new moorings on the east pier?",
        "Ben Ode on Is there room for all of us at the new moorings on the east pier?",
        "Ria Sen on Will the ferry timetable change again before the spring season?",
        "Al Chow on Will the ferry timetable change again before the spring season?",
        "© 2025 Harbour Notes",
    ]
    assert clean_blocks(page, title).body == [post]


ABOUT = (
    "The best harbour blogger in the world, now writing for the Coast Gazette. I have "
    "been a ferry skipper for twenty years, and I write here about boats, storms and "
    "the people of the harbour; what I say is my own, not my employer's."
)


def test_a_list_post_under_its_headline_wins_over_the_about_me_blurb_above_it() -> None:
    title = "The five best harbour posts of the week"
    post = [
        "• The quietest cove on the north coast.",
        "• A lighthouse keeper's log from 1911 (part one, part two).",
        "• Why the ferry still runs on Sundays.",
        "• The best crab sandwich in the harbour, tried and ranked.",
        "• Seven photos of the winter storm.",
    ]
    page = [
        BLOG,
        "About Me",
        "Name: Ann Lee",
        "Location: Porthmoor",
        ABOUT,
        "View my complete profile",
        "Previous Posts",
        "Storm watch, part three.",
        "Quiet coves I love.",
        "Subscribe to Harbour Notes",
        "Sunday, November 02, 2025",
        title,
        *post,
        "posted by Ann Lee @ 6:43 PM",
        "0 Comments:",
        "Post a Comment",
        "<< Home",
    ]
    assert clean_blocks(page, title).body == post


def test_a_post_of_credit_lines_wins_over_the_sidebar_blurb_after_its_comment_form() -> None:
    title = "The Daily Picture - Monday"
    post = [
        "(click the pictures to make them bigger)",
        "Coast Gazette Magazine",
        "Design Director: Ann Lee",
        "Director of Photography: Bob Marsh",
        "Art Director: Cy Dunn",
        "Photo Editors: Di Fenn, Ed Gray, Flo Hart",
        "Photographer: Gus Ives",
    ]
    signed = "by Ann Lee on November 3, 2025 · 1 comment"  # the post's, kept under it
    page = [
        BLOG,
        "Subscribe:",
        title,
        *post,
        signed,
        "1 Jo November 3, 2025 at 3:04 pm",
        "Lovely work. I should visit the site more often.",
        "Reply",
        "Leave a Comment",
        "Name *",
        "Website",
        "About:",
        ABOUT,
        "Email me:",
        "Recent Comments",
        "© 2025 Harbour Notes",
    ]
    assert clean_blocks(page, title).body == [*post, signed]


def test_a_copy_of_the_title_in_a_latest_articles_list_heads_no_post() -> None:
    # the headline carries its date, so it is no copy of the title; the first copy is
    # in the "Latest articles" list, whose bulleted titles are no post: they must not
    # replace the article (a paragraph, as short as a sidebar's blurb)
    headline = "Ferry returns to the north quay"
    title = f"{headline} | Harbour Notes"
    article = [
        "The ferry returned to the north quay on Friday after the storm damage was "
        "repaired, two weeks earlier than the harbour board had said it would be; the "
        "first crossing was full, and the cafe on the quay ran out of crab sandwiches "
        "by noon, its owner said with some pride."
    ]
    page = [
        "News",
        "Ferries",
        "About",
        f"{headline} August 8",
        "by Harbour Notes Staff, Filed under: Ferries, Quays",
        *article,
        "Comments",
        "1. Jo - August 8, 2025",
        "Great news for the quay!",
        "Latest Articles",
        f"• {headline}",
        "• Storm season: what the harbour board plans for 2026",
        "• Crab prices up 20% since spring",
        "• Lighthouse open days: 12 and 13 September",
        "• Q&A: the harbour master on the new moorings",
        "Categories",
        "• Ferries",
        "© 2025 Harbour Notes",
    ]
    assert clean_blocks(page, title).body == article
