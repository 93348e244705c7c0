"""Article lines after the chosen body (issue 9, "after the body").

Each page is made up for the test in the shape of a real scraped page: the
article's closing part stands after what the cleaner first took for the body,
and the site's furniture after that. Each test fails without its rule.
"""

from __future__ import annotations

from reader.core.clean import clean_blocks
from tests.core.test_clean_recall import ARTICLE, ARTICLE_MORE, FOOTER, MENU, TEASERS, TITLE

SHARE = ["Share this article", "Facebook", "Twitter", "Email"]
RELATED = ["Related stories", *TEASERS]

MORE = [
    "The harbour office said the crews had asked for the late boats themselves, since most "
    "of them live on the islands and miss the last train too.",
    "A second crew will be trained over the summer, so that the boats can run every night "
    "of the week from the autumn.",
]
PS = (
    "P.S. Who will steer the late boats? We asked the harbour office for the crews' names "
    "and where they come from."
)
# The crews, a table printed one cell a line: a name line and two "label: value" rows each.
CREWS = [
    line
    for name, home, years in (
        ("Skipper Ann Lee", "the outer island, born and bred", "twenty years"),
        ("Skipper Bo Chen", "came over from the mainland as a boy", "six winters"),
        ("Skipper Cal Moss", "the north island, third generation", "since school"),
        ("Skipper Dee Hart", "harbour town, near the old quay", "eleven years"),
        ("Skipper Eli Ross", "the outer island, the school's old teacher", "two summers"),
        ("Skipper Fay Lund", "the lighthouse cottages on the point", "a dozen years"),
    )
    for line in (name, f"Home: {home}", f"At sea: {years}")
]
CLOSING = (
    "Find the new timetable at the harbour office. For more on the islands' boats, see our "
    "winter guide."
)


def test_the_closing_paragraph_after_a_list_the_body_was_extended_over_is_kept() -> None:
    # the crews' table is taken in after the text (`attach_content_list`), but the
    # text's continuation was looked for only from the body's first end, twenty lines
    # before the furniture: the closing paragraph was hidden as "after article"
    article = [*ARTICLE, *ARTICLE_MORE, *MORE, PS]
    page = [*MENU, TITLE, *article, *CREWS, CLOSING, "Photo: Courtesy of the Harbour Office"]
    page += ["Tags: ferries, islands, crews", *RELATED, *FOOTER]
    assert clean_blocks(page, TITLE).body == [*article, *CREWS, CLOSING]


def test_the_writers_e_mail_address_does_not_carry_the_body_on() -> None:
    # an address in lower case read as a line carrying on the text's last sentence,
    # and the site's offer under it came in as the article's last sentence
    email = "ann.lee@islandcourier.example"
    offer = "Subscribe to the Courier today!"
    page = [*MENU, TITLE, *ARTICLE, email, offer, *SHARE, *RELATED, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == ARTICLE
    assert result.blocks[page.index(offer)].hidden


# A song printed one line a block, with no punctuation at the lines' ends.
SONG_INTRO = [
    "The island's choir sang the old rowing song at the opening of the new quay, and many "
    "readers asked us for the words.",
    "Here they are, as the choir's director wrote them down for us:",
]
STANZA = ["The fishermen came down at dusk", "And pushed their boats away"]
STANZA += ["They sang the old song as they went", "The way they do each day"]
CHORUS = ["So row, row, the tide is turning", "Row the boat for home"]
CHORUS += ["The lamps are lit on the harbour wall", "And the gulls have gone to roam"]
STANZA_2 = ["The night was long, the nets were full", "The wind blew from the east"]
STANZA_2 += ["And every man who pulled an oar", "Was thinking of the feast"]
SONG = [*STANZA, *CHORUS, *STANZA_2, *CHORUS, *CHORUS]


def test_a_song_after_its_first_stanza_is_kept_with_its_chorus() -> None:
    # the body ended with the first stanza: the chorus, printed three times, was hidden
    # as a "teaser list" (a line repeated on the page) and the second stanza after it
    page = [*MENU, TITLE, *SONG_INTRO, *SONG, *SHARE, *RELATED, *FOOTER]
    assert clean_blocks(page, TITLE).body == [*SONG_INTRO, *SONG]


def test_a_teaser_list_after_a_song_stays_hidden() -> None:
    page = [*MENU, TITLE, *SONG_INTRO, *STANZA, *RELATED, *SHARE, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == [*SONG_INTRO, *STANZA]
    assert all(b.hidden for b in result.blocks if b.text in TEASERS)


def test_a_list_item_of_one_word_ending_in_a_semicolon_is_no_template_code() -> None:
    # "everywhere;" has no function word and ends in ";": it was taken for a line of
    # unrendered code ("template code") and hidden with the list's last lines after it
    items = ["Sing it in the kitchen;", "at the bus stop;", "on the late ferry home;"]
    items += ["everywhere;", "barefoot;", "just sing it out loud."]
    page = [*MENU, TITLE, *SONG_INTRO, *items, *SHARE, *RELATED, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == [*SONG_INTRO, *items]
    assert not any(b.reason == "template code" for b in result.blocks)


# Readers' posts under the article with no "Comments" heading over them (issue 9, "the
# reason says what the block is"): each post's name, time, text and "Reply".
POSTS = [
    (
        "Dana Whitfield",
        "March 3, 2024 at 6:24 am",
        "About a year ago I started taking the late boat home on Fridays, and it changed how "
        "I plan the whole week, so I am glad they are adding more crossings.",
    ),
    (
        "Oskar",
        "March 3, 2024 at 10:33 am",
        "I have missed the last boat more often than I care to admit, and the night on the "
        "mainland always costs more than the ticket would have.",
    ),
    (
        "Priya Moreno",
        "March 4, 2024 at 2:05 pm",
        "The crews deserve a lot of credit for asking for this, since they are the ones who "
        "will be working the late hours all winter long.",
    ),
]
NOTICE = "This website is supported, in part, by affiliate arrangements."


def test_a_numbered_thread_after_the_article_is_labelled_comments() -> None:
    # "2. Oskar says:" read as a teaser list's item, "March 3, 2024 at 10:33 am" as a
    # date line and the posts' text as text "after article": all of it is the thread's
    thread = [
        line
        for n, (name, when, text) in enumerate(POSTS, 1)
        for line in (f"{n}. {name} says:", when, text)
    ]
    page = [*MENU, TITLE, *ARTICLE, *ARTICLE_MORE, NOTICE, *thread, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body[: len(ARTICLE) + len(ARTICLE_MORE)] == [*ARTICLE, *ARTICLE_MORE]
    posts = result.blocks[page.index(thread[1]) : page.index(thread[-1]) + 1]
    assert all(b.hidden for b in posts)
    assert {b.reason for b in posts} == {"comments"}
    assert result.blocks[page.index(FOOTER[0])].reason == "after article"  # the site's links


# Stories under a list's heading, each with its title, time and blurb: dated like posts,
# but nobody's (no name, no "Reply").
STORIES = [
    "Latest Headlines",
    "Harbour wall repairs start",
    "updated 9:12 AM, Mon March 4, 2024",
    "The council has started the repairs on the old harbour wall, which should take until the "
    "end of the summer.",
    "School roof finished early",
    "updated 8:40 AM, Mon March 4, 2024",
    "The new roof of the school on the north island was finished two weeks early, the builders "
    "said on Monday.",
    "Fishing quotas cut again",
    "updated 7:05 AM, Mon March 4, 2024",
    "The fishing quotas for the coming year were cut again, to the dismay of the island's "
    "last few trawler crews.",
]


def test_a_thread_of_name_and_time_lines_with_replies_is_labelled_comments() -> None:
    # "Oskar March 3, 2024 at 10:33 am #" was a date line, "Reply" a teaser list's
    # line, a pingback ("[...] a title [...]") between the posts text after the article
    thread = [line for name, when, text in POSTS for line in (f"{name} {when} #", text, "Reply")]
    pingback = "[...] Late boats to the islands, at last: a round-up of the week [...]"
    thread[3:3] = [pingback]
    page = [*MENU, TITLE, *ARTICLE, *ARTICLE_MORE, *thread, *STORIES, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == [*ARTICLE, *ARTICLE_MORE]
    posts = result.blocks[page.index(thread[0]) : page.index(thread[-1]) + 1]
    assert {b.reason for b in posts} == {"comments"}
    stories = result.blocks[page.index(STORIES[0]) : page.index(STORIES[-1]) + 1]
    assert all(b.hidden for b in stories)
    assert "comments" not in {b.reason for b in stories}


def test_a_numbered_threads_first_post_line_is_not_the_articles_last() -> None:
    # the scorer sank the thread from its first timed header: "1. Dana Whitfield says:"
    # over it scored like a short line of the text and was shown as the body's last
    thread = [
        line
        for n, (name, when, text) in enumerate(POSTS, 1)
        for line in (f"{n}. {name} says:", when, text)
    ]
    page = [*MENU, TITLE, *ARTICLE, *ARTICLE_MORE, *thread, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == [*ARTICLE, *ARTICLE_MORE]
    assert result.blocks[page.index(thread[0])].reason == "comments"


# The article's own numbered steps at its end, some with a time of day: no names, no
# "Reply", no posts' paragraphs between them.
STEPS = [
    "To catch the late boat from the city:",
    "1. Take the last train to the harbour, which leaves at 9:15 pm.",
    "2. Buy your ticket at the machine by the gate, not on board.",
    "3. Wait on the north quay, where the boat docks at 9:50 pm.",
    "4. Show your ticket to the crew before the ramp goes up.",
]


def test_an_article_ending_with_its_own_numbered_steps_keeps_them() -> None:
    page = [*MENU, TITLE, *ARTICLE, *ARTICLE_MORE, *STEPS, *FOOTER]
    assert clean_blocks(page, TITLE).body == [*ARTICLE, *ARTICLE_MORE, *STEPS]
