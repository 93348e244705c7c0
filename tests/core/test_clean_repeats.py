"""Pages that hold their article twice, or text that is legitimately repeated (issue 9).

A scraped page may print its story twice (for the screen and for printing): the same
byline and paragraphs, word for word, one copy after the other. Showing one copy hides
nothing of the story; a refrain, a chorus or a pull quote repeated is the text's own.
Each page is made up for the test.
"""

from __future__ import annotations

from reader.core.clean import REPEATED_COPY, clean_blocks
from tests.core.test_clean_recall import FOOTER, MENU, TEASERS

TITLE = "Library opens its doors on Sundays from March"
BYLINE = "By Maria Costa"
STORY = [
    "The town library will open on Sundays from the first week of March, the council "
    "said on Tuesday, after a year in which its reading rooms were full every Saturday.",
    "Opening on one more day a week will cost about forty thousand a year, most of it for "
    "the extra staff, and the money will come from the budget for the old museum.",
]
STORY_MORE = [
    "Readers asked for the change in a survey last autumn, and more than half of those "
    "who answered said they could only come at the weekend because of their work.",
]
TOOLS = ["Print", "Email", "Share"]


def page_of(*parts: list[str]) -> list[str]:
    """A scraped page: the site's menu, the headline, the parts, related links, a footer."""
    return [*MENU, TITLE, *(line for part in parts for line in part), "Related", *TEASERS, *FOOTER]


def test_an_article_printed_twice_is_shown_once() -> None:
    # the byline and the paragraphs again, under the first copy: both were kept
    page = page_of(TOOLS, [BYLINE], STORY, [BYLINE], STORY)
    result = clean_blocks(page, TITLE)
    assert result.body == STORY
    assert result.byline == BYLINE
    hidden = [b for b in result.blocks if b.reason == REPEATED_COPY]
    assert [b.text for b in hidden] == STORY


def test_the_copies_match_whatever_their_spacing() -> None:
    spaced = [line.replace(" the ", "  the ") + " " for line in STORY]
    result = clean_blocks(page_of([BYLINE], STORY, [BYLINE], spaced), TITLE)
    assert result.body == spaced


def test_a_teaser_copy_goes_and_the_full_story_stays() -> None:
    # the first paragraphs as a teaser, then the whole story under the byline again
    page = page_of([BYLINE], STORY, [BYLINE], STORY, STORY_MORE)
    assert clean_blocks(page, TITLE).body == [*STORY, *STORY_MORE]


def test_a_short_copy_after_the_full_story_goes() -> None:
    # the whole story, then its first paragraphs again (a print teaser at the end)
    page = page_of([BYLINE], STORY, STORY_MORE, [BYLINE], STORY)
    result = clean_blocks(page, TITLE)
    assert result.body == [*STORY, *STORY_MORE]
    end = len(page) - 1 - len(TEASERS) - len(FOOTER)
    assert [b.reason for b in result.blocks[end - len(STORY) : end]] == [REPEATED_COPY] * 2


def test_a_single_paragraph_repeated_is_kept() -> None:
    # a pull quote: one paragraph printed again further down is the text's own
    quote = STORY[0]
    page = page_of([BYLINE], STORY, STORY_MORE, [BYLINE], [quote], STORY_MORE)
    assert REPEATED_COPY not in {b.reason for b in clean_blocks(page, TITLE).blocks}


def test_paragraphs_quoted_again_without_the_heading_are_kept() -> None:
    # the same paragraphs twice, but not under the same heading line: a passage quoted
    # again, not the page's second copy of its article
    page = page_of([BYLINE], STORY, ["Here is the council's notice in full:"], STORY)
    assert clean_blocks(page, TITLE).body == [
        *STORY,
        "Here is the council's notice in full:",
        *STORY,
    ]


def test_a_songs_chorus_is_kept_every_time() -> None:
    # lyrics: the chorus, short lines, sung again after each verse
    chorus = ["Oh the harbour lights are calling,", "calling me home again."]
    verses = [
        ["We sailed out in the morning with the tide,", "the gulls behind us and the town asleep."],
        ["The nets were heavy and the sea was grey,", "and we sang to keep the cold away."],
    ]
    intro = [
        "The choir sang this old fishing song at the end of the evening, and the whole hall "
        "stood up to sing the chorus with them.",
        "Here are the words, as the choir's leader wrote them down from her grandmother.",
    ]
    lyrics = [*verses[0], *chorus, *verses[1], *chorus]
    page = page_of([BYLINE], intro, lyrics, STORY_MORE)
    assert clean_blocks(page, TITLE).body == [*intro, *lyrics, *STORY_MORE]


def test_a_script_loaded_box_under_a_related_label_is_not_the_article() -> None:
    # "Related on ...:" over the script's placeholder, then a slideshow's captions (a
    # name over a paragraph each): they read like prose and were kept with the article
    captions = [
        "NORTH HARBOUR",
        "The branch on the quay was the first to open on Sundays, in a trial two years ago "
        "that the council has called a success in every report since then.",
        "WEST HILL",
        "The smallest of the town's libraries has asked for a Sunday opening for years, but "
        "its building needs new heating before it can stay open in the winter.",
        "OLD TOWN",
        "The main library will open its reading rooms and the children's floor, while the "
        "archive on the top floor will stay closed on Sundays for the time being.",
    ]
    page = page_of([BYLINE], STORY, STORY_MORE, ["More from the Courier:", "Loading slideshow..."])
    page[-len(TEASERS) - len(FOOTER) - 1 : -len(TEASERS) - len(FOOTER) - 1] = captions
    result = clean_blocks(page, TITLE)
    assert result.body == [*STORY, *STORY_MORE]
    reasons = {b.text: b.reason for b in result.blocks}
    assert reasons["More from the Courier:"] == "section heading"
    assert reasons["Loading slideshow..."] == "template code"


def test_the_article_going_on_under_a_loading_box_is_kept() -> None:
    # the box's text was not in the page: paragraphs right under the placeholder are the
    # article's, and only the label and the placeholder go (they were kept)
    page = page_of([BYLINE], STORY, ["Related video:", "Loading..."], STORY_MORE, ARTICLE_END)
    result = clean_blocks(page, TITLE)
    assert result.body == [*STORY, *STORY_MORE, *ARTICLE_END]
    reasons = {b.text: b.reason for b in result.blocks}
    assert (reasons["Related video:"], reasons["Loading..."]) == (
        "section heading",
        "template code",
    )


ARTICLE_END = [
    "The council will look again at the opening hours next winter, when it knows how many "
    "readers came on Sundays and what the extra day cost.",
]


def test_a_teaser_without_the_byline_goes_when_the_story_under_it_is_fuller() -> None:
    # the lead paragraphs as a summary, then the byline and the whole story
    page = page_of(TOOLS, STORY, [BYLINE], STORY, STORY_MORE)
    result = clean_blocks(page, TITLE)
    assert [b.text for b in result.blocks if b.reason == REPEATED_COPY] == STORY
    assert [t for t in result.body if t != BYLINE] == [*STORY, *STORY_MORE]


def test_two_equal_copies_without_the_heading_over_both_are_kept() -> None:
    # the story, the byline, the story again and nothing more: not told apart from a
    # page that means to print both (a truth of the corpora keeps both)
    page = page_of(TOOLS, STORY, [BYLINE], STORY)
    assert REPEATED_COPY not in {b.reason for b in clean_blocks(page, TITLE).blocks}
