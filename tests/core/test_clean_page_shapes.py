"""The cleaner on shapes of scraped pages it was not built on (issue 9, round 9d).

Each page is made up for the test in the shape of a real scraped page; what used to
go wrong is named in each test, and each test fails without its rule.
"""

from __future__ import annotations

from reader.core.clean import clean_blocks
from tests.core.test_clean_recall import ARTICLE, ARTICLE_MORE, FOOTER, MENU, TEASERS, TITLE
from tests.core.test_clean_unseen import MORE

REST = [*MORE, *ARTICLE_MORE]


def test_a_row_of_ad_slot_labels_inside_the_body_is_hidden() -> None:
    # the label over each of a row of empty ad slots, which the page prints in other
    # places too: the row was kept inside the body, between two paragraphs
    slot = "Advertise | Ad settings"
    page = [*MENU, slot, TITLE, *ARTICLE, slot, slot, slot, *REST, "Share", "Tweet"]
    page += ["Related", *TEASERS, slot, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == [*ARTICLE, *REST]
    inside = result.blocks[len(MENU) + 2 + len(ARTICLE) :][:3]
    assert [(b.text, b.reason) for b in inside] == [(slot, "advertisement")] * 3


def test_a_repeated_line_of_the_text_stays() -> None:
    # a refrain the writer quotes twice in a row is the text's, not a slot's label
    refrain = "We love you, harbour"
    page = [*MENU, TITLE, *ARTICLE, refrain, refrain, *REST, "Share", "Tweet", *FOOTER]
    assert clean_blocks(page, TITLE).body == [*ARTICLE, refrain, refrain, *REST]


def test_a_wire_storys_credit_line_under_it_is_kept() -> None:
    # the bracketed line naming who reported and edited the story, over the agency's
    # copyright line: it was hidden as "after article"
    credit = "(Reporting by Ann Lee in Harbourton; Editing by Bo Chen)"
    page = [*MENU, TITLE, *ARTICLE, *ARTICLE_MORE, credit, "© Island Wire 2025", "Share:"]
    page += ["Facebook", "Twitter", "More island news", *TEASERS]
    assert clean_blocks(page, TITLE).body == [*ARTICLE, *ARTICLE_MORE, credit]


def test_the_sites_prompts_to_click_inside_the_body_are_hidden() -> None:
    # a row of the site's prompts between two parts of the story: kept as text (only the
    # body's last line was checked for one)
    prompts = ["Click here for more island headlines!", "Click here for ferry text alerts!"]
    page = [*MENU, TITLE, *ARTICLE, *prompts, *REST, "Share", "Tweet", *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == [*ARTICLE, *REST]
    assert {b.text: b.reason for b in result.hidden}[prompts[0]] == "prompt to click"


def test_a_long_sentence_opening_with_click_here_stays() -> None:
    # the writer's sentence telling what the link holds is the text's
    line = (
        "Click here to find out which nine other harbours recently crossed above their "
        "ten-year average of passengers this week."
    )
    page = [*MENU, TITLE, *ARTICLE, line, *REST, "Share", "Tweet", *FOOTER]
    assert clean_blocks(page, TITLE).body == [*ARTICLE, line, *REST]
