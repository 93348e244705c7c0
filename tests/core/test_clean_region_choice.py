"""Which block is the article on a short post (issue 9, "Never hide the story").

A blog post of a paragraph or a list earns little against a sidebar's "about me"
blurb, the text of a comment form or a "recent comments" list, so the heaviest run
of prose was some other block of the page and the post was hidden. Each page is
written for the test; each test fails without its rule.
"""

from __future__ import annotations

from reader.core.clean import clean_blocks

BLOG = "Harbour Notes"


def test_the_headline_spelt_with_an_apostrophe_heads_the_post() -> None:
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
        "Anna’s Winter Regatta Results, Photos and Recordings",
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
