"""Text the cleaner kept that is not the article (issue 9, precision).

Recall comes first: each rule here hides a block only on evidence of what it is, and
each test pairs the page that needs the rule with one where the same words stay. The
pages are made up for the tests in the shape of real scraped pages.
"""

from __future__ import annotations

from reader.core.clean import clean_blocks
from tests.core.test_clean_recall import ARTICLE, ARTICLE_MORE, FOOTER, MENU, TEASERS, TITLE

# a third-person note on the writer that does not open with the name
BIO = (
    "As the features editor and the night-desk lead of the Courier, Ana spends her days "
    "on the ferries and her evenings on the copy of everyone else."
)


def test_a_signed_author_box_under_the_text_is_not_the_article() -> None:
    # the post signed again under its text, a follow link, then a note on the signer:
    # all three were kept as the article's last lines
    box = ["Author: Ana Lima", "Follow me", BIO]
    page = [*MENU, TITLE, "By Ana Lima", *ARTICLE, *box, "Related", *TEASERS, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == ARTICLE
    reasons = {b.text: b.reason for b in result.hidden}
    assert [reasons[line] for line in box] == ["about the author"] * 3


def test_a_last_paragraph_that_names_someone_else_or_signed_by_many_stays() -> None:
    quote = (
        "Asked about the new timetable at the quay, Maria Costa says she will take the "
        "late boat home on most nights of the week."
    )
    other = [*MENU, TITLE, *ARTICLE, "Author: Ana Lima", quote, "Related", *TEASERS, *FOOTER]
    assert clean_blocks(other, TITLE).body == [*ARTICLE, "Author: Ana Lima", quote]
    # four names sign lines of the page: its author is not told apart from a thread's
    signers = ["by Tom Hale", "by Eva Marsh", "by Joe Brand"]
    many = [*MENU, TITLE, *signers, *ARTICLE, "Author: Ana Lima", BIO, "Related", *TEASERS]
    assert BIO in clean_blocks([*many, *FOOTER], TITLE).body


def test_an_ad_slots_label_between_paragraphs_is_an_advertisement() -> None:
    # the slot's label with the ad industry's notice link was kept inside the text
    label = "Advertisement · AdChoices"
    page = [*MENU, TITLE, *ARTICLE[:2], label, *ARTICLE[2:], "Related", *TEASERS, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == ARTICLE
    assert {b.text: b.reason for b in result.hidden}[label] == "advertisement"
    # the footer's one-word link to the sales page is no ad slot
    assert {b.text: b.reason for b in result.hidden}["Advertise"] != "advertisement"


def test_a_prompt_to_follow_the_site_between_paragraphs_is_hidden() -> None:
    # the site's "follow us" lines were kept as lines of the text
    prompts = ["Follow @islandcourier", "Like us on Facebook!"]
    page = [*MENU, TITLE, *ARTICLE[:2], prompts[0], *ARTICLE[2:], prompts[1]]
    result = clean_blocks([*page, "Related", *TEASERS, *FOOTER], TITLE)
    assert result.body == ARTICLE
    reasons = {b.text: b.reason for b in result.hidden}
    assert [reasons[line] for line in prompts] == ["prompt to follow"] * 2


def test_a_row_of_networks_with_their_followers_is_a_prompt_to_follow() -> None:
    row = "Twitter (1,204 followers) • Facebook (310 likes) • Mastodon (96 followers)"
    page = [*MENU, TITLE, ARTICLE[0], row, *ARTICLE[1:], "Related", *TEASERS, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == ARTICLE
    assert {b.text: b.reason for b in result.hidden}[row] == "prompt to follow"


def test_a_sentence_that_opens_like_a_prompt_stays() -> None:
    line = "Like me, most of the crew would rather take the late boat than the bus."
    page = [*MENU, TITLE, *ARTICLE[:2], line, *ARTICLE[2:], "Related", *TEASERS, *FOOTER]
    assert clean_blocks(page, TITLE).body == [*ARTICLE[:2], line, *ARTICLE[2:]]


def test_the_sites_offer_of_ad_space_is_hidden_and_a_sentence_on_ads_stays() -> None:
    offer = "Reach Island Readers Every Day - Advertise With The Courier"
    said = "Shops that advertise on the ferry's screens say the late boat brings them trade."
    page = [*MENU, TITLE, *ARTICLE[:2], offer, *ARTICLE[2:], said, "Related", *TEASERS]
    result = clean_blocks([*page, *FOOTER], TITLE)
    assert result.body == [*ARTICLE, said]
    assert {b.text: b.reason for b in result.hidden}[offer] == "advertisement"


def test_links_that_skip_about_the_page_are_navigation() -> None:
    # a screen reader's marks around a box in the text were kept as its lines
    marks = ["Start of box. Skip to end of box.", "End of box. Return to start of box."]
    box = [marks[0], "Harbour webcam", marks[1]]
    page = [*MENU, TITLE, *ARTICLE[:2], *box, *ARTICLE[2:], "Related", *TEASERS, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert not set(marks) & set(result.body)
    assert {b.text: b.reason for b in result.hidden}[marks[0]] == "navigation"
    said = "Back to the quay they went, with the last of the catch still on deck."
    kept = [*MENU, TITLE, *ARTICLE[:2], said, *ARTICLE[2:], "Related", *TEASERS, *FOOTER]
    assert said in clean_blocks(kept, TITLE).body


def test_a_media_widgets_links_in_the_text_are_hidden() -> None:
    # a gallery's count, title and button, and a video teaser, were kept as text
    gallery = ["12 Photos", "The late boat's first night", "View the Full Gallery »"]
    video = "Islanders on the new crossing Watch Video"
    page = [*MENU, TITLE, *ARTICLE, *gallery, ARTICLE_MORE[0], video, *ARTICLE_MORE[1:]]
    result = clean_blocks([*page, "Related", *TEASERS, *FOOTER], TITLE)
    assert result.body == [*ARTICLE, *ARTICLE_MORE]
    reasons = {b.text: b.reason for b in result.hidden}
    assert [reasons[line] for line in [*gallery, video]] == ["media link"] * 4
    said = "Watch the video on the council's site to see why."
    kept = [*MENU, TITLE, *ARTICLE[:2], said, *ARTICLE[2:], "Related", *TEASERS, *FOOTER]
    assert said in clean_blocks(kept, TITLE).body


def test_the_story_continues_label_of_an_ad_slot_is_an_advertisement() -> None:
    page = [*MENU, TITLE, *ARTICLE[:2], "Story continues", *ARTICLE[2:], "Related", *TEASERS]
    result = clean_blocks([*page, *FOOTER], TITLE)
    assert result.body == ARTICLE
    assert {b.text: b.reason for b in result.hidden}["Story continues"] == "advertisement"


def test_a_list_of_the_blogs_posts_of_other_years_is_not_the_post() -> None:
    # the blog's posts of the same day in other years were kept after the post
    dated = ["On this day, in other years:", "Harbour lights - 2011", "Fog again - 2009"]
    dated.append("The old pier, one last time - 2009")
    page = [*MENU, TITLE, *ARTICLE, *dated, "Related", *TEASERS, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == ARTICLE
    reasons = [b.reason for b in result.blocks if b.text in dated]
    assert reasons == ["section heading"] + ["related-links list"] * 3


def test_a_timeline_that_ends_the_text_stays() -> None:
    timeline = ["Key dates:", "First crossing - 1998", "New pier - 2004", "Late boat - 2025"]
    page = [*MENU, TITLE, *ARTICLE, *timeline, "Related", *TEASERS, *FOOTER]
    assert clean_blocks(page, TITLE).body == [*ARTICLE, *timeline]


def test_teasers_cut_short_and_run_together_are_a_teaser_list() -> None:
    glued = (
        "Night ferry trial extended to the spring as numbers grow on ...Harbour wall "
        "repairs start with the east pier and its ...Island choir wins the regional ..."
    )
    page = [*MENU, TITLE, *ARTICLE, glued, "Related", *TEASERS, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == ARTICLE
    assert {b.text: b.reason for b in result.hidden}[glued] == "teaser list"
    said = "The crew waited ... and waited. Then the fog lifted ... Slowly, the boat left."
    kept = [*MENU, TITLE, *ARTICLE, said, "Related", *TEASERS, *FOOTER]
    assert clean_blocks(kept, TITLE).body == [*ARTICLE, said]
