"""The cleaner on pages of shapes it was not built on (issue 9, a later round).

Each page is made up for the test in the shape of a real scraped page; what used to
go wrong is named in each test, and each test fails without its rule.
"""

from __future__ import annotations

import pytest

from reader.core.clean import clean_blocks
from tests.core.test_clean_recall import ARTICLE, ARTICLE_MORE, FOOTER, MENU, TEASERS, TITLE


def body(blocks: list[str], title: str = TITLE) -> list[str]:
    return clean_blocks(blocks, title).body


MORE = [
    "The operator said that the figures were better than it had hoped for, and that the "
    "late boat would stay in the timetable for the whole of the winter.",
    "A second late boat on Fridays will be tried in the spring if the numbers hold up, "
    "and the council will be asked to pay for the extra crew.",
]


def test_a_marked_list_between_two_parts_of_the_text_is_no_inline_box() -> None:
    # the text runs on past its own list of dashed items, which was bridged and hidden
    # as an "inline box"
    items = ["- night-shift nurses and doctors", "- students going home", "- the post"]
    items.append("- fresh fish for the morning market")
    page = [*MENU, TITLE, *ARTICLE, *items, *MORE, "Share", "Tweet", "Related", *TEASERS]
    page += FOOTER
    assert body(page) == [*ARTICLE, *items, *MORE]


@pytest.mark.parametrize(
    "box",
    [
        # a box of its own lines around a short list of headlines (a web page's <ul>)
        [
            "Live updates",
            "Streaming: the latest news and photos",
            *[f"- {t}" for t in TEASERS],
            "- Fares to rise in May",
            "Court hearing",
            "See the pictures from the hearing.",
            "View slideshow",
        ],
        ["Page", "- 1", "- 2", "- 3", "Next page »"],  # a pager: marks over no words
    ],
)
def test_a_box_with_a_few_marked_lines_between_two_parts_of_the_text_stays_hidden(
    box: list[str],
) -> None:
    rest = [*MORE, *ARTICLE_MORE]
    page = [*MENU, TITLE, *ARTICLE, *box, *rest, "Share", "Tweet", "Related", *TEASERS]
    page += FOOTER
    assert body(page) == [*ARTICLE, *rest]


def test_a_colon_line_announcing_links_after_the_text_is_not_its_last_line() -> None:
    # "More ... from ...:" heads the site's list of links, and "please share it on:"
    # the share buttons a scrape leaves out: with what they announce hidden, they
    # were kept as the article's last line
    for intro in ("More stories from the Island Courier:", "Other news from the islands:"):
        page = [*MENU, TITLE, *ARTICLE, intro, *TEASERS, *FOOTER]
        blocks = clean_blocks(page, TITLE).blocks
        assert body(page) == ARTICLE
        assert blocks[page.index(intro)].reason == "section heading"
    share = "Click to share this story via:"
    page = [*MENU, TITLE, *ARTICLE, share, "Posted in Islands", "By Ann Lee", *FOOTER]
    assert body(page) == ARTICLE
    assert clean_blocks(page, TITLE).blocks[page.index(share)].reason == "share bar"


def test_a_colon_line_announcing_the_texts_own_media_stays() -> None:
    for intro in ("Watch the video below:", "Twitter seemed confused by the new timetable:"):
        page = [*MENU, TITLE, *ARTICLE, intro, "Posted in Islands", *FOOTER]
        assert body(page) == [*ARTICLE, intro]


def test_a_last_paragraph_about_the_signer_by_first_name_is_the_authors_note() -> None:
    # the page signs "By Ana Lima"; the note under the text names her "Ana" alone
    note = (
        "Ana is a reporter for the Island Courier who has covered the ferries, the harbour "
        "and the island councils since 2019."
    )
    page = [*MENU, TITLE, "By Ana Lima", *ARTICLE, note, "Related", *TEASERS, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == ARTICLE
    assert {b.text: b.reason for b in result.hidden}[note] == "about the author"


def test_a_last_paragraph_naming_the_signer_before_a_comma_stays() -> None:
    # "Ana, a reporter ..., is excited to ..." reads like a caption, not a note about her
    last = (
        "Ana, a reporter who takes the late boat home herself, is excited to see the new "
        "crossing in the timetable at last."
    )
    page = [*MENU, TITLE, "By Ana Lima", *ARTICLE, last, "Related", *TEASERS, *FOOTER]
    assert body(page) == [*ARTICLE, last]


GALLERY = [
    "Passengers queue on the pier for the first late crossing of the winter. (Ann Lee/AFP)",
    "The crew of the late boat checks the ropes before it leaves the harbour. (Ann Lee/AFP)",
    "A nurse back from the night shift reads on the upper deck. (Photo: Bo Chen)",
    "The lights of the outer islands come into view just before midnight. (Bo Chen/Reuters)",
    "Children wave from the quay as the boat comes in to berth at last. (Ann Lee/AFP)",
]


def test_a_photo_gallery_under_a_short_article_is_its_text() -> None:
    # a gallery article is a paragraph over its photos: the captions, each a sentence
    # with its credit, were hidden as "photo caption" and the story kept one paragraph
    page = [*MENU, f"Photos: {TITLE}", "Share", "Tweet", ARTICLE[0], *GALLERY]
    page += ["Tags", "Islands", "Ferries", *FOOTER]
    assert body(page, f"Photos: {TITLE}") == [ARTICLE[0], *GALLERY]


def test_a_gallery_credited_to_a_wire_agency_by_name_is_the_articles_text() -> None:
    # captions credited "(Ann Lee/Associated Press)" were not known for captions, so the
    # gallery ended at the first of them and the rest went as "after article"
    more = [
        "A man dressed as a lighthouse keeper waits for the boat. (Bo Chen/Associated Press)",
        "Two islanders in oilskins joke with the crew on the quay. (Ann Lee/Associated Press)",
    ]
    page = [*MENU, f"Photos: {TITLE}", "Share", "Tweet", ARTICLE[0], *GALLERY, *more]
    page += ["Tags", "Islands", "Ferries", *FOOTER]
    assert body(page, f"Photos: {TITLE}") == [ARTICLE[0], *GALLERY, *more]


def test_one_caption_inside_a_story_stays_a_caption() -> None:
    page = [*MENU, TITLE, ARTICLE[0], GALLERY[0], *ARTICLE[1:], GALLERY[1], *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == ARTICLE
    assert {b.text: b.reason for b in result.hidden}[GALLERY[0]] == "photo caption"


POSTS = [
    "Harbour wall repairs: what the work in the spring will mean for the ferries and for us",
    "The school on the north island is to get a new roof, and the children will move for a term",
    "Fishing quotas were cut again for the coming year, and there is less left for the boats",
    "A second late boat on Fridays could be tried in the spring if the numbers hold up",
    "Island choir wins the regional contest for the third time in a row, with a song of its own",
]


@pytest.mark.parametrize(
    ("heading", "link", "names"),
    [
        ("Recent comments", "on", ["Ann Lee", "Bob", "Chris Ward", "Dee", "Ed Hart"]),
        ("Derniers commentaires", "sur", ["Anne", "Benoît Roy", "Claire", "Denis", "Émile"]),
    ],
)
def test_a_recent_comments_list_above_a_short_post_is_not_its_text(
    heading: str, link: str, names: list[str]
) -> None:
    # each line is a reader's name, a linking word and the title of a post the page
    # lists on its own; the lines read like text, and the post under them was taken
    # in with them as the rest of one article
    comments = [f"{name} {link} {post}" for name, post in zip(names, POSTS, strict=True)]
    page = [*MENU, "Recent posts", TITLE, *POSTS, heading, *comments, "« Older post | Main"]
    page += [TITLE, *ARTICLE[:2], "Posted by Ann Lee at 9:41 | Permalink", *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == ARTICLE[:2]
    reasons = {b.text: b.reason for b in result.hidden}
    assert {reasons[c] for c in comments} == {"related-links list"}


@pytest.mark.parametrize(
    "tags",
    [
        "Tags: islands, ferries, timetable",
        "Tagged with: islands, ferries, timetable",
        "Filed under: News, Islands",
        "Метки: острова, паромы",
    ],
)
def test_the_text_ends_at_its_tags_line_however_long_the_blurbs_below(tags: str) -> None:
    # a "Tags:" line closes an article: the longer run of blurbs under it was taken
    # for the body and the story joined to it as its "lead" across a 20-line box
    blurb = (
        "The {} said on Monday that it would look again at the plans for the coming year, "
        "after a long meeting with the people who live on the islands and who had asked "
        "for a change to the timetable, the fares and the way the boats are run."
    )
    blurbs = []
    for n, who in enumerate(["council", "operator", "school", "harbour board", "choir"]):
        blurbs += [f"{TEASERS[n % 4]} ({n + 1})", blurb.format(who)]
    page = [*MENU, TITLE, "By Ana Lima", *ARTICLE, tags]
    page += ["Most popular", *[f"{t} today" for t in TEASERS], "Car tools", *MENU]
    page += ["Get a quote", "Find a dealer", "Latest videos", *blurbs, *FOOTER]
    assert body(page) == ARTICLE


@pytest.mark.parametrize("tags", ["Tags: islands, ferries", "Tagged as: islands, ferries"])
def test_the_body_ends_at_a_tags_line_inside_it(tags: str) -> None:
    # the body ran on past its tags line into the site's notes under it; a paragraph
    # right after the tags line (an author's note) is left to the rules for it
    terms = (
        "Terms of use: the views and opinions posted here are yours, and are not endorsed "
        "by this web site, which will take down any comment that breaks the law."
    )
    page = [*MENU, TITLE, *ARTICLE, tags, "Read the house rules before you post"]
    page += [terms, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == ARTICLE
    assert {b.text: b.reason for b in result.hidden}[tags] == "related link"


def test_a_line_ending_in_a_one_word_title_is_no_repeat_of_it() -> None:
    # a file whose first line is "Home": "- students going home" was hidden as "repeated
    # title" (a title with a site name around it), so a list lost an item
    text = [
        "The school day ended early on Friday after the heating failed in the main hall.",
        "What happened next:",
        "- students going home",
        "- teachers staying for a meeting",
        "The head teacher said that lessons would start again on Monday morning.",
    ]
    assert body(["Home", *text], "Home") == text
    assert body(["Going home", *text], "Going home") == text


DOWNLOADS = ["Phone", "Tablet", "1280×800", "1600×1200", "Desktop (wide)"]
AFTERWORD = (
    "While I am here I should explain why the blog went quiet over the summer. The boat "
    "was in the yard for most of it, and so was I, scraping and painting the hull and "
    "waiting for the parts that the yard had ordered in the spring. She is back in the "
    "water now, and the posts will come back as well."
)


def test_one_paragraph_after_the_texts_own_short_list_is_more_of_the_text() -> None:
    # a post of one paragraph, its list of downloads and one more paragraph: the
    # last paragraph, a run of one block, was never attached across the list
    # (a run had to hold two blocks), and went as "after article"
    lead = " ".join(ARTICLE)
    page = [*MENU, TITLE, lead, *DOWNLOADS, AFTERWORD, "Share", "Tweet", "Related", *TEASERS]
    page += FOOTER
    assert body(page) == [lead, *DOWNLOADS, AFTERWORD]


@pytest.mark.parametrize(
    "box",
    [
        # the site's comment form and its notice
        ["Log in to comment", "Name", "Email", "Website", "Comments are moderated"],
        # a "like" widget with its label, whose buttons the dump lost
        ["Add to favourites:", "Like", "Love", "Wow", "Sad", "One reader likes this"],
    ],
)
def test_a_paragraph_after_the_sites_own_lines_stays_hidden(box: list[str]) -> None:
    lead = " ".join(ARTICLE)
    page = [*MENU, TITLE, lead, *box, AFTERWORD, "Share", "Tweet", "Related", *TEASERS]
    page += FOOTER
    assert body(page) == [lead]


LINKS = [
    "Gull numbers on the harbour – Who else has seen them opening the bins?",
    "Ferry timetables for the winter",
    "The island choir on the radio – I could listen to this all day.",
]


def test_the_posts_closing_lines_before_its_tags_are_kept() -> None:
    # a link post: its last links and remarks stand between its text and the "Tags:"
    # line the site prints under every post, and went as "after article"
    page = [*MENU, TITLE, *ARTICLE, *LINKS, "Tags: islands, ferries", "Share", "Tweet"]
    page += ["Related", *TEASERS, *FOOTER]
    assert body(page) == [*ARTICLE, *LINKS]


def test_the_sites_notices_before_its_tags_stay_hidden() -> None:
    notices = [
        "Ann Lee",  # the sign-off: no sentence, so the text does not run on to what follows
        "Comments are now closed on this story.",
        "Have something to say? Sign up for our newsletter to hear from us.",
    ]
    page = [*MENU, TITLE, *ARTICLE, *notices, "Tags: islands, ferries", "Share", "Tweet"]
    page += ["Related", *TEASERS, *FOOTER]
    assert body(page) == ARTICLE


@pytest.mark.parametrize("close", ["Just a thought.", "See you there!"])
def test_a_short_last_sentence_of_the_post_is_kept(close: str) -> None:
    # a sentence of two or three words after the last paragraph went as "after article"
    page = [*MENU, TITLE, *ARTICLE, close, "Posted in Islands", "Share", "Tweet"]
    page += ["Related", *TEASERS, *FOOTER]
    assert body(page) == [*ARTICLE, close]


@pytest.mark.parametrize("line", ["Read more...", "Liked this post?", "More news:"])
def test_a_short_line_of_the_site_after_the_post_stays_hidden(line: str) -> None:
    page = [*MENU, TITLE, *ARTICLE, line, "Posted in Islands", "Share", "Tweet"]
    page += ["Related", *TEASERS, *FOOTER]
    assert body(page) == ARTICLE


def test_the_rest_of_a_list_of_lines_with_one_opening_is_kept() -> None:
    # a list whose lines all open alike ("ISLAND LIFE IS: ..."): one item without a
    # full stop broke the run of sentences, and the items after it went as "after
    # article"
    items = [
        "ISLAND LIFE IS: The first boat in the fog.",
        "ISLAND LIFE IS: Knowing the name of every dog on the quay.",
        "ISLAND LIFE IS: A shop that shuts for lunch.",
        "ISLAND LIFE IS: The ferry cancelled again",
        "ISLAND LIFE IS: Tea with the lifeboat crew.",
        "ISLAND LIFE IS: A bus that waits for you.",
    ]
    page = [*MENU, TITLE, *ARTICLE, *items, "Posted in Islands", "Share", "Tweet"]
    page += ["Related", *TEASERS, *FOOTER]
    assert body(page) == [*ARTICLE, *items]


def test_three_paragraphs_in_a_row_after_an_inline_box_are_more_of_the_text() -> None:
    # short paragraphs after a "Don't miss" box of links inside the article earn less
    # than the box costs, and went as "after article"
    box = ["Don't miss", *TEASERS[:3], "The harbour at dusk (Image: Ann Lee)"]
    rest = [
        "The operator said the late boat is the first new crossing in ten years.",
        "It will carry cars as well as people on the weekday evening runs.",
        "Tickets go on sale at the harbour office from the first of the month.",
    ]
    page = [*MENU, TITLE, *ARTICLE, *box, *rest, "Related articles", *TEASERS, *FOOTER]
    assert body(page) == [*ARTICLE, *rest]


def test_short_sentences_of_the_site_after_an_inline_box_stay_hidden() -> None:
    # three sentences in a row, each too light to earn on its own (only as a run of
    # one-sentence paragraphs): the site's lines under the post, not more of it
    box = ["Don't miss", *TEASERS[:3], "The harbour at dusk (Image: Ann Lee)"]
    notes = [
        "Comments are now closed on this story for good.",
        "Have something to say? Write to the editor by email.",
        "Visit the archive for hundreds more stories from here.",
    ]
    page = [*MENU, TITLE, *ARTICLE, *box, *notes, "Related articles", *TEASERS, *FOOTER]
    assert body(page) == ARTICLE


def test_plain_lines_the_text_runs_on_across_are_kept() -> None:
    # the text runs on across its own short list (no marks, no figures, nothing of the
    # site's): the list was bridged and hidden as an "inline box" without evidence
    items = ["What it does", "Timetables for every island", "Live boat positions"]
    items.append("Alerts when a crossing is cancelled")
    text = [*ARTICLE, *ARTICLE_MORE]
    page = [*MENU, TITLE, *text, *items, *MORE, "Share", "Tweet", "Related", *TEASERS]
    page += FOOTER
    assert body(page) == [*text, *items, *MORE]


def test_the_lines_above_a_labelled_paragraph_are_the_articles_lead() -> None:
    # the body was the paragraph under "Deadline:" alone: the label stopped the body
    # from taking in the sentences above it, which went as "before article"
    lead = [
        "The theme of this month's photo contest is the harbour at night.",
        "Send us your pictures and tag them with the name of your island.",
    ]
    rule = (
        "Send your photographs before the end of the month. We will pick the best of "
        "them and show them in a gallery here, with the names of the people who took "
        "them and a word or two about how each picture was made."
    )
    page = [*MENU, TITLE, "by Ann Lee", "Tweet", *lead, "Deadline:", rule, "Share", "Tweet"]
    page += ["Related", *TEASERS, *FOOTER]
    assert body(page) == [*lead, "Deadline:", rule]


def test_a_line_opening_with_by_that_runs_on_is_no_byline() -> None:
    # a quoted verse in the text, "By the ..." ending in a comma, was hidden as a byline
    verse = ["By the light of the harbour lamps,", "The last boat comes home."]
    page = [*MENU, TITLE, ARTICLE[0], *verse, "Share", "Tweet", "Related", *TEASERS]
    page += FOOTER
    result = clean_blocks(page, TITLE)
    assert result.body == [ARTICLE[0], *verse]
    assert result.byline is None


def test_the_text_after_embedded_social_posts_is_kept() -> None:
    # two embedded posts quoted in the text, each a line and its signature ("Ann Lee
    # (@annlee) May 2, 2025"): the signatures were taken for a comment thread's post
    # headers, so the paragraphs after the posts went as "after article"
    posts = [
        "The last boat left without me again tonight, third time this month —",
        "Ann Lee (@annlee) May 2, 2025",
        "Ten at night is still too early for a nurse on a late shift —",
        "Tom Berg (@tomberg_ferries) May 2, 2025",
    ]
    rest = [
        "The operator said it had read the complaints and would look again at the "
        "timetable for the winter months, when the evening boats are fullest.",
        "The council did not immediately reply to a request for comment.",
    ]
    page = [*MENU, TITLE, *ARTICLE, *posts, *rest, "Topics:", "Ferries, Islands", "Share"]
    page += ["Related", *TEASERS, *FOOTER]
    assert body(page) == [*ARTICLE, *posts, *rest]


def test_a_note_about_the_author_signed_by_name_on_a_date_is_no_article_text() -> None:
    # the post is signed "Ann Lee on <date>" (no "by"): her note under the post was kept
    # as the article's last paragraph
    signed = "Ann Lee on May 2, 2025 – 7:37 pm"
    note = (
        "Ann Lee is a reporter who has covered the islands and their ferries for ten "
        "years, and tries to keep a tab on every timetable change in the region."
    )
    page = [*MENU, TITLE, signed, "Tweet", *ARTICLE, *ARTICLE_MORE, "Tweet", note]
    page += ["Related Articles", *TEASERS, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == [*ARTICLE, *ARTICLE_MORE]
    assert any(b.text == note and b.reason == "about the author" for b in result.blocks)


def test_a_reply_after_the_posts_filing_line_is_no_article_text() -> None:
    # under the post, its filing line (the date, "Tags:", "Category:" after bars) and one
    # reader's reply: the reply earned more than the lines before it cost, and the body
    # was bridged across them to take it in
    filing = "September 18th, 2025 | Tags: ferries, islands, late boats | Category: News"
    reply = (
        "Woe is me, because I sound just like my father when I talk about the boats, but "
        "I think the key to all of this is that the late crossing should have come years "
        "ago, when the hospital first changed its shifts and the nurses began to complain. "
        "My own daughter works nights there, and for two winters she has slept on a "
        "friend's sofa in town three nights a week because there was no way home after "
        "her shift. So thank you for writing about it, and let us hope the trial goes well."
    )
    thread = ["1 comment to Three questions about the late boat", "Ted Wilson"]
    thread += ["September 19th, 2025 at 4:51 pm", reply, "Ted", "Leave a Reply"]
    page = [*MENU, TITLE, *ARTICLE, *ARTICLE_MORE, filing, *thread, "Name (required)"]
    page += ["Website", *FOOTER]
    assert body(page) == [*ARTICLE, *ARTICLE_MORE]


def test_the_posts_filing_line_over_it_is_a_date_line() -> None:
    # the date and the post's tags over its first paragraph were kept as its text
    filing = "Published on May 2, 2025 in Islands. Tags: ferries, late boat, timetable."
    page = [*MENU, TITLE, filing, *ARTICLE, "Share", "Tweet", "Related Posts", *TEASERS]
    page += FOOTER
    result = clean_blocks(page, TITLE)
    assert result.body == ARTICLE
    assert any(b.text == filing and b.reason == "date line" for b in result.blocks)


def test_a_signed_note_under_the_post_is_no_article_text() -> None:
    # "This was written by <name>. Posted on <date>. Filed under ...": the blog's note
    # under the post was kept as its last paragraph
    note = (
        "This was written by A.N. Lee. Posted on Friday, May 2, 2025, at 1:23 pm. Filed "
        "under Islands, Ferries. Bookmark the permalink. Follow any comments here with the "
        "RSS feed for this post."
    )
    page = [*MENU, TITLE, *ARTICLE, *ARTICLE_MORE, note, "One Comment", "Julie wrote:"]
    page += ["Welcome back, I missed these posts!", *FOOTER]
    assert body(page) == [*ARTICLE, *ARTICLE_MORE]


def test_a_box_of_links_under_a_more_heading_inside_the_text_is_hidden() -> None:
    # "More <column name>" over five headlines between two parts of a column: the box
    # costs less than the text around it earns, so it stood inside the body and was kept
    box = [
        "More Harbour Notes",
        "Why the old pier still matters to the town",
        "Is the new car park about money?",
        "Islanders told to book the spring boats early",
        "How the ferry company can win back the north island",
    ]
    text = [*ARTICLE, *box, *ARTICLE_MORE, *MORE]
    page = [*MENU, TITLE, *text, "Topics:", "Ferries", "Share", "Related", *TEASERS, *FOOTER]
    assert body(page) == [*ARTICLE, *ARTICLE_MORE, *MORE]


def test_a_subheading_over_the_texts_own_list_is_no_box_of_links() -> None:
    # a subheading opening like a box's ("Other changes") over the text's own list stays
    items = ["- Fares for children go down", "- Bikes travel free on the late boat"]
    text = [*ARTICLE, "Other changes", *items, *ARTICLE_MORE]
    page = [*MENU, TITLE, *text, "Topics:", "Ferries", "Share", "Related", *TEASERS, *FOOTER]
    assert body(page) == text


def test_a_list_announced_under_the_text_before_the_sites_furniture_is_kept() -> None:
    # a photo of nine things under the post, and their names: "From left to right:"
    # over a numbered list, then the site's "Related posts:". The list held no
    # sentence, and was longer than the tail looked at, so it went as "teaser list"
    items = [
        "1. Owls of the Outer Isles print",
        "2. Blue harbour print",
        "3. Yellow ferry print by Ann Lee",
        "4. Lighthouse print",
        "5. Pier at night print",
        "6. One yard of vintage sailcloth",
        "7. Original timetable poster from the sixties",
        "8. Quay print",
        "9. Gull print",
        "10. Rope basket",
        "11. Tide clock",
    ]
    tail = ["Picture via Ann Lee", "From left to right:", *items]
    page = [*MENU, TITLE, *ARTICLE, *tail, "Related posts:", *TEASERS, *FOOTER]
    assert body(page) == [*ARTICLE, *tail]


def test_the_results_after_a_match_report_before_a_top_headlines_box_are_kept() -> None:
    # the report's last part, the other results (a score over its paragraph), before the
    # site's "TOP HEADLINES": that heading was not known for a section's, so nothing
    # closed the report and its last part went as "after article"
    rest = [
        "Elsewhere in the league it was: Harbour 2 Pier 1 (OT) and Quay 1 North Island 3",
        "Harbour 2 Pier 1 (OT)",
        "At Pier Road, Bo Chen scored 2:13 into overtime as Harbour (11-4-3) slipped past "
        "Pier (9-8-2).",
        "North Island 3 Quay 1",
        "At Quay Park, Ann Lee had a goal and two assists as North Island (10-9-1) beat Quay "
        "(4-11-2) with Tom Berg making 31 saves.",
    ]
    headlines = ["League news", "Ferries cup draw | Photos", "Cup final: Harbour v Quay | Video"]
    page = [*MENU, TITLE, *ARTICLE, *ARTICLE_MORE, *rest, "TOP HEADLINES", *headlines]
    page += [*TEASERS, *FOOTER]
    assert body(page) == [*ARTICLE, *ARTICLE_MORE, *rest]


def test_a_colon_line_over_sharing_links_under_the_text_stays_hidden() -> None:
    # "Share/save this article:" over its links is the site's, not a list of the post's
    links = [
        "- Stumble this article",
        "- Like this article on Facebook",
        "- Save this article on your bookmarks",
        "- Vote this article up",
    ]
    tail = ["Get free email updates", "Share/save this article:", *links]
    page = [*MENU, TITLE, *ARTICLE, *tail, "Related posts:", *TEASERS, *FOOTER]
    assert body(page) == ARTICLE


@pytest.mark.parametrize(
    "notice",
    [
        "comments powered by Talkbox",
        "Follow me on Twitter. Subscribe to new posts by email.",
        "Save over half off the newsstand price. Subscribe to the Courier now!",
        "Click here to get the Courier's headlines on your phone.",
    ],
)
def test_the_sites_notice_as_the_bodys_last_line_is_hidden(notice: str) -> None:
    # the site's notice under the text (its comment system, a subscription blurb of two
    # sentences) was kept as the article's last line
    page = [*MENU, TITLE, *ARTICLE, *ARTICLE_MORE, notice, *FOOTER]
    assert body(page) == [*ARTICLE, *ARTICLE_MORE]


def test_the_authors_one_sentence_about_comments_stays() -> None:
    last = "Tell us how you use the late boat in the comments below!"
    page = [*MENU, TITLE, *ARTICLE, *ARTICLE_MORE, last, *FOOTER]
    assert body(page) == [*ARTICLE, *ARTICLE_MORE, last]


def test_the_lead_over_a_related_box_is_the_articles_opening() -> None:
    # the lead sums the story up over a "Related" box of three links, the rest of the
    # text under the box: the lead alone earned less than the box cost, and went as
    # "before article"
    lead = (
        "Night-shift workers on the outer islands will be able to get home after work "
        "from next month, when a late ferry joins the timetable."
    )
    box = ["Related", "Why the late boat took two years", "Fares to rise in May"]
    box.append("Harbour wall repairs begin")
    page = [*MENU, "Share this page", "(Photo: Ann Lee)", lead, *box, *ARTICLE, *ARTICLE_MORE]
    page += ["Share", "Tweet", *FOOTER]
    assert body(page, "A late ferry for the islands") == [lead, *ARTICLE, *ARTICLE_MORE]


def test_a_sign_off_with_the_writers_role_under_the_post_is_its_last_line() -> None:
    # "Posted by <name>, <role>" under a company blog's post went as "after article"
    sign_off = "Posted by Ann Lee, Harbour Master"
    page = [*MENU, TITLE, *ARTICLE, sign_off, "Permalink", "Labels: ferries, islands"]
    page += ["Newer Post Older Post Home", *FOOTER]
    assert body(page) == [*ARTICLE, sign_off]


def test_a_signed_note_with_a_time_under_the_post_stays_hidden() -> None:
    note = "Posted by Ann Lee, at 9:41 PM"
    page = [*MENU, TITLE, *ARTICLE, note, "Permalink", "Labels: ferries, islands"]
    page += ["Newer Post Older Post Home", *FOOTER]
    assert body(page) == ARTICLE


def test_a_press_release_paragraph_before_a_camelcase_name_is_no_glued_teaser() -> None:
    # "... and WaveMotive, Inc., have ...": the CamelCase name read as a headline glued to
    # its blurb ("...and Wave" + "Motive"), and the release's first paragraph went as a
    # "teaser"
    lead = (
        "HARBOURTON, Isl., May 2, 2025 — Island Ferries (IFL) and WaveMotive, Inc., have "
        "completed a series of night crossings with the first ferry powered by the tide, to "
        "show that the late boat can run all winter."
    )
    page = [*MENU, TITLE, lead, *ARTICLE, "Share", "Tweet", "Related", *TEASERS, *FOOTER]
    assert body(page) == [lead, *ARTICLE]


def test_nothing_above_the_lead_over_a_related_box_is_taken_in() -> None:
    # over the lead: the author's note and the story's section links; taking the lead in
    # let the note above it count as the lead, and the links between came in with it
    lead = (
        "Night-shift workers on the outer islands will be able to get home after work "
        "from next month, when a late ferry joins the timetable."
    )
    note = (
        "Ann is the presenter of the island radio's morning show, and she writes about "
        "how people on the islands get to work, to school and to the hospital and back. "
        "Before that she was a deckhand on the ferries for ten years, and she still "
        "takes the first boat of the day whenever she can."
    )
    top = [TITLE, "Ann Lee", "About the author", note, "- Islands", "- Ferries", "- Transport"]
    top += ["Share this page", "(Photo: Bo Chen)"]
    box = ["Related", "Why the late boat took two years", "Fares to rise in May"]
    page = [*MENU, *top, lead, *box, *ARTICLE, *ARTICLE_MORE, "Share", "Tweet", *FOOTER]
    assert body(page) == [lead, *ARTICLE, *ARTICLE_MORE]


def test_a_long_list_of_the_posts_categories_is_no_article_text() -> None:
    # "Categories:" over forty names, a line longer than a label's: it was kept as the
    # body's first paragraph
    names = ", ".join(f"Island news {k}" for k in range(1, 21))
    categories = f"Categories: Ferries, Harbour, {names}, Weather."
    page = [*MENU, TITLE, categories, "View Comments", *ARTICLE, *ARTICLE_MORE, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == [*ARTICLE, *ARTICLE_MORE]
    assert {b.text: b.reason for b in result.hidden}[categories] == "related link"


@pytest.mark.parametrize("label", ["Save it to:", "Also worth reading:"])
def test_a_widgets_label_as_the_bodys_last_line_is_hidden(label: str) -> None:
    # the label of a widget whose buttons or links the page's text lost, over the blog's
    # note (left out): it was kept as the article's last line
    note = (
        "This was written by A.N. Lee. Posted on Friday, May 2, 2025, at 1:23 pm. Filed "
        "under Islands, Ferries. Bookmark the permalink."
    )
    page = [*MENU, TITLE, *ARTICLE, *ARTICLE_MORE, label, note, "One Comment", "Julie wrote:"]
    page += ["Welcome back, I missed these posts!", *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == [*ARTICLE, *ARTICLE_MORE]
    assert {b.text: b.reason for b in result.hidden}[label] == "widget label"
