"""The cleaner never hides the story (issue 9): scraped pages whose shape misled it.

Each page is made up for the test, in the shape of a real scraped page: menus,
a headline, the article, then whatever a site puts around it. What used to go
wrong is named in each test: a comment counter near the top taken for the start
of a thread, a long comment thread or a site blurb outweighing a short article,
an article of one long line, numbered subheadings taken for comment headers.
"""

from __future__ import annotations

import pytest

from reader.core.clean import clean_blocks

TITLE = "Ferry operator adds a late crossing to the islands"
MENU = ["Home", "News", "Islands", "Weather", "Sport", "Opinion", "Contact"]
FOOTER = ["About us", "Advertise", "Privacy policy", "© 2025 Island Courier. All rights reserved."]
ARTICLE = [
    "The ferry operator will run a late crossing to the outer islands from next month, "
    "after two years of complaints from people who work on the mainland.",
    "The new sailing leaves the harbour at ten in the evening on weekdays and returns "
    "before midnight, the company said in a statement on Thursday.",
    "Councillors had asked for the change since the last bus from the hospital began to "
    "miss the final boat, leaving night-shift nurses to stay in town.",
]
TEASERS = [
    "Harbour wall repairs to start in spring",
    "School on the north island gets a new roof",
    "Fishing quotas cut again for the coming year",
    "Island choir wins the regional contest",
]


def under_share_bar(article: list[str]) -> list[str]:
    """`article` as a scraped page shows it: the menu and the headline over it, a share
    bar, a "Related" box and the footer under it."""
    return [*MENU, TITLE, *article, "Share", "Tweet", "Related", *TEASERS, *FOOTER]


def body(blocks: list[str], title: str = TITLE) -> list[str]:
    return clean_blocks(blocks, title).body


def test_a_comment_counter_near_the_top_does_not_hide_the_article() -> None:
    page = [*MENU, TITLE, "2483comments", "By Ana Lima", *ARTICLE, "Share", "Tweet"]
    page += ["Related", *TEASERS, *FOOTER]
    assert body(page) == ARTICLE


def test_a_comments_counter_line_above_the_text_is_no_thread() -> None:
    page = [*MENU, TITLE, "5 Comments", "By Ana Lima // May 2, 2025 // 9:41 am", *ARTICLE]
    page += ["Recent posts", *[f"{t} // May {n + 3}, 2025" for n, t in enumerate(TEASERS)]]
    page += FOOTER
    assert body(page) == ARTICLE


def test_an_article_of_one_long_line_in_the_middle_of_the_page_is_kept() -> None:
    long_line = " ".join(ARTICLE * 8)
    page = [*MENU, *TEASERS, TITLE, long_line, "Most read", *TEASERS, *MENU, *FOOTER]
    assert body(page) == [long_line]


def test_a_short_article_under_its_headline_wins_over_a_long_site_blurb() -> None:
    blurb = [
        "The Island Courier is the independent newspaper of the outer islands, written and "
        "edited by people who live here, and read by everyone who loves these places.",
        "We cover the councils, the schools, the harbours and the ferries, the farms and the "
        "fishing fleet, the sports clubs and the festivals, and the weather that rules it all.",
        "Our reporters have won regional awards for their work on housing, on the health "
        "service and on the future of the ferry routes, and we are proud of every one of them.",
        "If you would like to support local journalism, you can subscribe to the print edition "
        "or become a member of the website, which gives you early access to our stories.",
    ]
    page = [*MENU, TITLE, ARTICLE[0], "Share", "Tweet", *TEASERS, *TEASERS, "About the Courier"]
    page += [*blurb, *FOOTER]
    assert ARTICLE[0] in body(page)


def test_a_site_statement_at_the_foot_of_the_page_does_not_outweigh_the_article() -> None:
    # no headline on the page to anchor the article, and a long paragraph of the
    # site's own (a disclosure, an "about this blog") in the page's last lines
    statement = " ".join(
        [
            "This blog is written by one person in her spare time and it is not paid for by "
            "any of the companies whose products or services are mentioned in its posts.",
            "Some of the links on the site are affiliate links, which means that if you buy "
            "something after clicking on one of them the blog may receive a small commission.",
            "The opinions in every post are my own and they are not checked or approved by "
            "anybody else, so please write to me if you think that I have made a mistake.",
            "Comments are read before they are published, and comments that are rude to other "
            "readers or that try to sell something are deleted without any further notice.",
            "You are welcome to quote a short part of a post on your own site as long as you "
            "link back to it, but please ask before you copy a whole post or its pictures.",
        ]
    )
    page = [*MENU, *TEASERS, *ARTICLE, "Share", "Tweet", "More news", *TEASERS]
    page += ["Archive", "May", "April", "March", "February", "About this blog", statement]
    assert body(page) == ARTICLE


def test_a_long_comment_thread_under_a_short_article_is_hidden_as_comments() -> None:
    comment = (
        "I have taken that boat for twenty years and I think this is the best news we have had "
        "in a long time, because the last crossing was far too early for anyone who works late."
    )
    page = [*MENU, TITLE, *ARTICLE[:2], "Comments (6)"]
    for n in range(6):
        page += [f"Posted by reader{n} on May {n + 2}, 2025 at 10:{10 + n}", comment, "Reply"]
    page += FOOTER
    result = clean_blocks(page, TITLE)
    assert result.body == ARTICLE[:2]
    assert {b.reason for b in result.blocks if b.text == comment} == {"comments"}


def test_numbered_subheadings_are_not_comment_headers() -> None:
    options = [
        "Option 1: Ask the council",
        "Write to your councillor and say which crossing you need and why it matters to you.",
        "Councillors say that letters from residents carried the most weight in the talks.",
        "Option 2: Join the passenger group",
        "The passenger group meets on the first Monday of the month in the harbour office.",
        "It has asked the operator for a timetable that suits shift workers since 2023.",
        "Option 3: Share a car on the mainland",
        "Several employers now run a car-sharing board for staff who live on the islands.",
        "A shared car to the terminal saves the bus fare and the long wait in the rain.",
    ]
    page = [*MENU, TITLE, *ARTICLE, *options, *FOOTER]
    assert body(page) == [*ARTICLE, *options]


def test_hidden_blocks_are_named_for_what_they_are() -> None:
    published = "Published 7 August 2025, 12:30"
    page = [*MENU, "Subscribe", TITLE, "By Ana Lima", published, *ARTICLE]
    page += ["Related", *TEASERS, *FOOTER]
    result = clean_blocks(page, TITLE)
    reasons = {b.text: b.reason for b in result.blocks}
    assert reasons["Weather"] == "navigation"
    assert reasons[published] == "date line"
    assert result.byline == "By Ana Lima"
    assert reasons["Related"] == "section heading"
    assert reasons[TEASERS[0]] == "related-links list"
    assert reasons[FOOTER[-1]] == "footer"
    assert reasons["Privacy policy"] == "cookie/newsletter notice"


def test_the_standfirst_under_the_headline_is_kept_and_the_date_goes_to_the_header() -> None:
    standfirst = "Night-shift workers will no longer have to stay in town after late shifts"
    published = "Published 7 August 2025, 12:30"
    page = [*MENU, "Subscribe", TITLE, standfirst, "By Ana Lima", published, *ARTICLE]
    page += ["Related", *TEASERS, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == [standfirst, *ARTICLE]
    assert result.byline == "By Ana Lima"
    assert {b.text: b.reason for b in result.hidden}[published] == "date line"


def test_comments_signed_with_a_name_and_a_time_are_a_thread() -> None:
    names = ["Tim Walker", "ohreally", "Ana from Leith", "Old Salt", "Mara K", "Bryn"]
    page = [*MENU, TITLE, *ARTICLE, "{ 6 comments… read them below or add one }"]
    for n, name in enumerate(names):
        page += [f"{n + 1}", f"{name} 11.06.25 at 11:{10 + n} am", f"I agree with point {n}."]
        page += ["The boat has been late every evening this winter, and nobody told us why."]
    page += FOOTER
    assert body(page) == ARTICLE


@pytest.mark.parametrize("stamp", ["10:{m} GMT", "Updated 10:{m} GMT", "Posted at 10:{m}"])
def test_a_live_blog_of_timestamped_updates_is_kept(stamp: str) -> None:
    intro = (
        "Storm Calla reached the coast overnight with gusts of more than eighty miles an "
        "hour, and the ferry company has suspended its services until further notice, the "
        "harbour master said this morning."
    )
    more = [
        "Passengers on the first late boat said the crossing was calm and the cafe stayed "
        "open, which few of them had expected at that hour.",
        "The company said it would publish the winter timetable next week, with the late "
        "sailing on Fridays as well if demand holds up.",
    ]
    updates = []
    for n, text in enumerate([*ARTICLE, *more]):
        updates += [stamp.format(m=10 + 5 * n), text]
    page = [*MENU, TITLE, intro, *updates, *FOOTER]
    kept = body(page)
    assert [intro, *updates[1::2]] == [line for line in kept if line in [intro, *updates[1::2]]]


def test_a_run_of_bulleted_headlines_is_page_chrome_in_any_script() -> None:
    title = "海港渡轮增开夜班航次"
    article = [
        "渡轮公司周四宣布，从下个月起每个工作日晚上十点增开一班前往外岛的航次。",
        "不少在大陆上夜班的居民两年来一直要求增加航次，市议会也多次提出这一问题。",
        "公司表示，如果乘客数量稳定，冬季时刻表还将在周五增加同样的夜班航次。",
    ]
    teasers = [
        "·港口防波堤春季开始维修",
        "·北岛小学获得新屋顶",
        "·明年渔业配额再次削减",
        "·岛上合唱团赢得地区比赛",
        "·新图书馆何时开放？",
        "·暴雨过后道路恢复通行 ...",
    ]
    page = [title, *article, *teasers]
    result = clean_blocks(page, title)
    assert result.body == article


@pytest.mark.parametrize("heading", ["Reactions", "Comments", "Related research", "More on this"])
def test_a_subheading_named_like_a_page_section_is_part_of_a_scraped_article(
    heading: str,
) -> None:
    section = [
        "The harbour master said the late crossing would be reviewed after six months, and "
        "that the company had agreed to publish the number of passengers on each sailing.",
        "Island councillors welcomed the decision but said the buses on the mainland would "
        "also have to change their timetable if the new boat is to be of any use.",
    ]
    before = [
        *ARTICLE,
        "The operator said the new sailing would use the smaller of its two boats, which "
        "carries fewer cars but needs only half the crew of the larger one.",
        "Tickets for the late crossing go on sale on Monday at the harbour office and on the "
        "company's website, at the same price as the daytime sailings.",
    ]
    page = [*MENU, TITLE, *before, heading, *section, "Share", "Tweet", *FOOTER]
    assert body(page) == [*before, heading, *section]


@pytest.mark.parametrize("heading", ["Comments »", "12 Comments"])
def test_a_comment_link_or_counter_over_a_notice_still_ends_the_article(heading: str) -> None:
    before = [
        *ARTICLE,
        "The operator said the new sailing would use the smaller of its two boats, which "
        "carries fewer cars but needs only half the crew of the larger one.",
        "Tickets for the late crossing go on sale on Monday at the harbour office and on the "
        "company's website, at the same price as the daytime sailings.",
    ]
    notice = [
        "The comments below are from readers. In no way do they represent the views of the "
        "Island Courier, and we remove those that break our rules.",
        "Sign in to post a comment of no more than 150 words, and please keep it civil.",
    ]
    page = [*MENU, TITLE, *before, heading, *notice, *FOOTER]
    assert body(page) == before


def test_a_share_line_under_the_headline_is_no_standfirst() -> None:
    share = "E-mail Article Print-Friendly Subscribe to RSS Feed"
    page = [*MENU, TITLE, share, *ARTICLE, *FOOTER]
    assert body(page) == ARTICLE


def test_a_recipe_after_the_post_keeps_its_quantities_and_method() -> None:
    title = "Pickled plums for the winter shelf"
    post = [
        "My grandmother kept a row of pickled plums on the pantry shelf every winter, and I "
        "never understood how she made them taste of summer in January.",
        "This year I finally asked my aunt for the recipe, and it turned out to be far simpler "
        "than I had feared, with only a handful of things from the cupboard.",
    ]
    recipe = [
        "Recipe",
        "3 tablespoons honey",
        "2 tablespoons cider vinegar",
        "1 cup cold water",
        "1-1/2 teaspoons ground allspice",
        "6 ripe plums, halved and stoned",
        "Whisk the honey, vinegar, water and allspice in a large jar, add the plums, close "
        "the lid and keep the jar in the fridge for at least two days before eating.",
    ]
    page = [*MENU, title, *post, *recipe, "Share", "Tweet", *FOOTER]
    kept = body(page, title)
    assert all(line in kept for line in post + recipe[1:])


def test_a_greek_page_keeps_its_article_and_hides_its_related_box() -> None:
    title = "Νέο δρομολόγιο του πλοίου για τα νησιά"
    article = [
        "Η ακτοπλοϊκή εταιρεία θα προσθέσει από τον επόμενο μήνα ένα βραδινό δρομολόγιο "
        "προς τα νησιά, μετά από δύο χρόνια διαμαρτυριών από τους κατοίκους.",
        "Το νέο πλοίο θα φεύγει από το λιμάνι στις δέκα το βράδυ και θα επιστρέφει πριν "
        "από τα μεσάνυχτα, όπως ανακοίνωσε η εταιρεία την Πέμπτη.",
        "Οι νοσηλευτές της νυχτερινής βάρδιας λένε ότι δεν θα χρειάζεται πια να μένουν "
        "στην πόλη μετά τη δουλειά.",
    ]
    menu = ["Αρχική", "Ειδήσεις", "Νησιά", "Καιρός", "Αθλητικά"]
    related = ["Σχετικά άρθρα", "Ξεκινούν οι εργασίες στο λιμάνι", "Νέα στέγη για το σχολείο"]
    page = [*menu, title, *article, *related, "© 2025 Νησιωτικά Νέα"]
    result = clean_blocks(page, title)
    assert result.body == article
    assert {b.text: b.reason for b in result.hidden}["Σχετικά άρθρα"] == "section heading"


def test_subheadings_every_post_of_a_feed_shares_stay_visible() -> None:
    from reader.core.clean import FeedEvidence

    def post(n: int) -> list[str]:
        return [
            f"# Weekly harbour notes {n}",
            f"The harbour board met on Tuesday for the {n}th time this year and spent most "
            "of the evening on the state of the north quay.",
            "## What happened",
            f"Repairs to berth {n} finished two weeks early, and the crane will be back in "
            "service by the end of the month, the engineer told the board.",
            "## What comes next",
            f"The board will vote on the dredging contract for basin {n} at its next meeting, "
            "after the public has had a month to comment on the plans.",
        ]

    posts = [post(n) for n in range(1, 6)]
    result = clean_blocks(posts[0], "Weekly harbour notes 1", feed=FeedEvidence.build(posts))
    assert result.body == posts[0][1:]


@pytest.mark.parametrize(
    "line", ["(c) Copyright Island Courier 2006 Contact Us", "Copyright (c) 2008 X"]
)
def test_copyright_lines_in_any_order_are_footers(line: str) -> None:
    result = clean_blocks([*MENU, TITLE, *ARTICLE, line], TITLE)
    assert result.body == ARTICLE
    assert result.hidden[-1].reason == "footer"


WELCOME = (
    "Welcome to the Island Courier! If you are new here, you can read about us, browse the "
    "archive of every story since 2009, or sign up to hear about new posts by e-mail. We are "
    "a small team of writers who live on the islands and we write about the things that "
    "matter to the people who live here, from the ferries to the schools and the harbours."
)


def test_a_comments_link_right_above_the_headline_does_not_sink_the_article() -> None:
    # the site's welcome blurb gives enough "text" above the menu's "Comments" link for
    # it to look like a thread's heading; the headline under it says otherwise
    page = [*MENU, WELCOME, "Comments", TITLE, "By Ana Lima on May 2, 2025", *ARTICLE]
    page += ["3 Comments"]
    for n in range(3):
        page += [f"reader{n} on May {n + 2}, 2025 at 10:{10 + n}", "Great news for us.", "Reply"]
    page += FOOTER
    assert body(page) == ARTICLE


def test_a_welcome_blurb_above_the_headline_is_not_the_article() -> None:
    page = [*MENU, WELCOME, "Share", TITLE, *ARTICLE, "Related", *TEASERS, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == ARTICLE
    assert next(b for b in result.blocks if b.text == WELCOME).hidden


def test_the_title_repeated_in_a_recent_comments_box_does_not_anchor_the_box() -> None:
    recent = [
        f"{TITLE} {text}"
        for text in [
            "I have waited years for this and my whole street is delighted about it, thanks.",
            "Will the late boat also run on Saturdays in the summer, or only on the weekdays?",
            "My daughter works nights at the hospital and this changes everything for her.",
            "About time too. The council should have pushed for this a long time ago, really.",
            "The fares went up again last month, so I hope the late crossing is not dearer.",
            "Does anyone know if bicycles are allowed on the late sailing from the harbour?",
        ]
    ]
    page = [*MENU, TITLE, "Posted by Ana Lima / May 2, 2025", ARTICLE[0], "Share", "Tweet"]
    page += ["More stories", TITLE, *TEASERS, "Recent comments", *recent, *FOOTER]
    assert body(page) == [ARTICLE[0]]


def test_a_lead_under_the_headline_joins_the_long_text_after_a_photo_block() -> None:
    lead = [
        "We went to the islands for one weekend in May and stayed for a week, because the "
        "ferry back was cancelled twice and nobody minded in the least.",
        "These are the notes I made on the way, with the places we ate and the walks we did.",
    ]
    # a gallery longer than a sidebar between a lead and the rest of the text
    photos = [
        line
        for n in range(1, 16)
        for line in (f"Day {n}", f"The north beach, picture {n}", "photo by the author")
    ]
    rest = [
        f"On the {day} day we walked from the harbour to the lighthouse along the cliffs, "
        "stopping at the bakery for bread and cheese, and came back by the beach at low tide "
        "when the sand was firm enough to walk on without sinking to the ankles."
        for day in ("first", "second", "third", "fourth", "fifth", "sixth")
    ]
    page = under_share_bar([*lead, *photos, *rest])
    kept = body(page)
    assert all(line in kept for line in lead + rest)


STANZA = [
    "I walk the shore at break of day,",
    "And hear the gulls above the bay:",
    "How long the night, how cold the sea?",
    "The tide comes in and carries me,",
    "Past harbour wall and sleeping town,",
    "Until the sun at last comes down.",
]


def test_a_hymn_of_short_rhymed_lines_is_kept() -> None:
    title = "A hymn for the shore"
    hymn = [
        *STANZA,
        "I walk the shore when day is done,",
        "And count the boats in, one by one;",
        "The lamps are lit along the quay,",
        "And every light comes home to me.",
    ]
    blurb = (
        "The Harbour Hymnal is a small website where a group of friends from the islands "
        "share the songs they sing on Sundays, with the tunes and the stories behind them."
    )
    page = [*MENU, title, "Posted by Ana Lima", "8 8 6. D", *hymn, "Posted May 2, 2025"]
    page += ["Subscribe via RSS", "Recent posts", *TEASERS, "About the Hymnal", blurb, *FOOTER]
    assert body(page, title) == hymn


def test_a_photo_credit_closing_a_paragraph_is_no_copyright_footer() -> None:
    title = "A drawing that looks like a photograph"
    text = (
        "No matter how long I look at this picture of the harbour at night, and however close "
        "I get to the screen, I still cannot believe that it is a pencil drawing. Artwork and "
        "photos © Ana Lima"
    )
    page = [*MENU, title, text, "Posted by Paul at 6:35 AM", "Labels: drawing, harbour"]
    page += ["Post a Comment", "Older Post Home", *FOOTER]
    assert body(page, title) == [text]


def test_a_blog_blurb_above_the_headline_does_not_drag_the_post_below_the_about_text() -> None:
    title = "Island Notes: Ferry operator adds a late crossing"
    tagline = (
        "Island Notes is where I write about the ferries, the weather and the people of the "
        "outer islands, in the evenings, after the last boat has gone. It has no adverts and "
        "no sponsors, and it is read by more people than I ever thought it would be."
    )
    post = f"{ARTICLE[0]} {ARTICLE[1]}"
    about = " ".join(
        [
            "Before I started this blog I worked for twenty years on the ferries, first as a "
            "deckhand and then as the mate of the night boat to the north island, and I have "
            "seen every storm and every timetable change the company has made since 1990.",
        ]
        * 2
    )
    page = ["Island Notes", tagline, "Sunday, May 4, 2025", "Ferry operator adds a late crossing"]
    page += [post, "Posted by Ana Lima at 12:16 AM", "No comments:", "Post a Comment"]
    page += ["Newer Post Older Post Home", "About Me", "Ana Lima", about, "View my profile"]
    page += ["Blog Archive", *TEASERS, *FOOTER]
    assert body(page, title) == [post]


PLUM_POST = [
    "It rained all weekend on the island, so we stayed in and baked the plum cake my "
    "grandmother made every autumn, with the last plums from the tree by the gate.",
    "The cake keeps for a week in a tin, if you can leave it alone for that long, and it "
    "is even better on the second day with a cup of strong tea.",
]
PLUM_METHOD = [
    "Heat the oven to 180 degrees and butter a round tin, then line its base with paper.",
    "Beat the butter and sugar until pale, add the eggs one at a time, then fold in the "
    "flour, the baking powder and the salt until the batter is smooth.",
    "Spread the batter in the tin, press the plums into it cut side up, and bake for "
    "about fifty minutes, until a skewer comes out clean.",
    "Let the cake cool in the tin for ten minutes before you turn it out onto a rack.",
]


def test_the_method_after_a_long_recipe_card_is_kept() -> None:
    title = "Plum cake for a wet Sunday"
    post = PLUM_POST
    card = ["Print this recipe", "Preparation time: 20 minutes", "Baking time: 50 minutes"]
    card += ["Serves 8", "Ingredients", "250 g flour", "200 g butter", "180 g sugar", "3 eggs"]
    card += ["1 teaspoon baking powder", "a pinch of salt", "12 plums, halved", "Method"]
    method = PLUM_METHOD
    page = [*MENU, title, *post, *card, *method, "Share", "Tweet", "Related", *TEASERS, *FOOTER]
    kept = body(page, title)
    assert all(line in kept for line in post + method)


LONG_ARTICLE = [
    f"{sentence} The harbour master said the {n}th crossing of the night would wait for the "
    "last train from the city, so that nobody is left on the quay in the dark."
    for n, sentence in enumerate(ARTICLE * 2, start=1)
]


def test_the_opening_of_an_article_cut_off_by_a_live_updates_box_is_kept() -> None:
    # the box costs more than the opening is worth: the opening is a run of its own
    box = ["Live updates", "Ferry timetable changes", "Night boat trial extended"]
    box += ["Harbour wall closed", "Bus times for the winter", "Quay lights repaired"]
    box += ["Storm warning for the weekend", "Ferry fares frozen", "View slideshow"]
    # and the page does not repeat its title, so no headline marks the start
    page = [*MENU, "By Ana Lima", *LONG_ARTICLE[:2], *box, *LONG_ARTICLE[2:]]
    page += ["Share", "Tweet", "Related", *TEASERS, *FOOTER]
    kept = body(page)
    assert all(line in kept for line in LONG_ARTICLE)


def test_the_opening_of_an_article_before_a_long_box_of_links_is_kept() -> None:
    """A box of twelve lines between the opening (worth more than the whole box
    costs, less than the rest) and the rest of the article is crossed."""
    box = ["Live updates", "Ferry timetable changes", "Night boat trial extended"]
    box += ["Harbour wall closed", "Bus times for the winter", "Quay lights repaired"]
    box += ["Storm warning for the weekend", "Ferry fares frozen", "Pier reopens"]
    box += ["School run by boat", "Photo: Getty", "View slideshow"]
    opening = [f"{LONG_ARTICLE[0]} {LONG_ARTICLE[1]}", f"{LONG_ARTICLE[2]} {LONG_ARTICLE[3]}"]
    rest = [f"{line} {more}" for line in LONG_ARTICLE[2:] for more in ARTICLE_MORE]
    page = [*MENU, "By Ana Lima", *opening, *box, *rest]
    page += ["Share", "Tweet", "Related", *TEASERS, *FOOTER]
    kept = body(page)
    assert kept[:2] == opening and all(line in kept for line in rest)
    assert not any(line in kept for line in box[1:])


def test_the_lead_above_a_roster_box_is_kept_when_the_byline_marks_the_start() -> None:
    """No headline repeats the title, so the byline tells where the article starts:
    its lead paragraph, then a box of twenty names, then the rest."""
    roster = ["Crew list", "Deck", *[f"Sailor {n}, Porthmoor (2013)" for n in range(9)]]
    roster += ["Engine room", *[f"Engineer {n}, Tresco Vale (2014)" for n in range(8)]]
    lead = f"{LONG_ARTICLE[0]} {LONG_ARTICLE[1]}"
    rest = [f"{line} {more}" for line in LONG_ARTICLE[2:] for more in ARTICLE_MORE]
    page = [*MENU, "Ferry news", "By Ana Lima - Harbour reporter", "Print", lead, *roster]
    page += [*rest, "Related", *TEASERS, *FOOTER]
    assert body(page) == [lead, *rest]


def test_a_comments_tab_in_a_row_of_tabs_is_no_thread_heading() -> None:
    tabs = ["Article", "Video", "Slideshow", "Comments"]
    page = [*MENU, TITLE, "Updated May 2, 2025, 7:10 p.m.", *tabs, "By Ana Lima", *ARTICLE]
    page += ["Ana Lima on May 2, 2025 at 10:10", "Tom Reed on May 2, 2025 at 10:12"]
    page += [*FOOTER]
    assert body(page) == ARTICLE


BIO = (
    "Ana Lima is a reporter who has covered the islands' ferries, schools and councils "
    "for the Courier since 2019, and lives on the north island with her two dogs."
)


@pytest.mark.parametrize(
    "note",
    [
        ["About the Author", BIO],
        ["About Ana Lima", BIO],
        ["Friend me", "Connect", BIO],
        ["Ana Lima", "Hi, I'm Ana Lima. " + BIO.split(" is ", 1)[1]],
    ],
)
def test_a_note_about_the_author_after_the_text_is_not_the_article(note: list[str]) -> None:
    page = [*MENU, TITLE, "By Ana Lima", *ARTICLE, *note]
    page += ["Related", *TEASERS, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == ARTICLE
    assert BIO.split(" is ", 1)[1] not in " ".join(result.body)


def test_an_about_heading_over_a_first_person_note_closes_the_article() -> None:
    # the page signs in a longer dated line, the name followed by lower-case words
    signed = "Published on 05/09/2025 by Ana Lima in Islands, Ferries"
    note = [
        "About Ana Lima",
        "I started this blog because nobody else wrote about the ferries, and after six "
        "years of crossings I still learn something new about the islands every week.",
    ]
    page = [*MENU, TITLE, signed, *ARTICLE, *note, "Related", *TEASERS, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body[-len(ARTICLE) :] == ARTICLE
    assert {b.text: b.reason for b in result.hidden}[note[1]] == "about the author"


def test_a_last_paragraph_about_someone_else_or_unsigned_stays() -> None:
    quote = (
        "Maria Costa is a nurse who has waited for the last boat every night for two "
        "years, and she said the new crossing would give her an hour of sleep back."
    )
    signed = [*MENU, TITLE, "By Ana Lima", *ARTICLE, quote, "Share", *FOOTER]
    assert body(signed) == [*ARTICLE, quote]
    unsigned = [*MENU, TITLE, *ARTICLE, BIO, "Share", *FOOTER]
    assert body(unsigned) == [*ARTICLE, BIO]


def test_the_notes_a_blog_prints_under_a_post_are_not_the_article() -> None:
    notes = [
        "This entry was posted on Monday, May 5th, 2025 at 9:41 am and is filed under "
        "Islands, Ferries. You can follow any responses to this entry through the feed.",
        "Posted by Ana Lima at 9:41 AM",
    ]
    series = (
        "This post is part of a year-long series on island life, in which we visit one "
        "harbour every week and talk to the people who work there."
    )
    page = [*MENU, TITLE, *ARTICLE, series, "Be sociable, share!", *notes, "Related", *TEASERS]
    result = clean_blocks([*page, *FOOTER], TITLE)
    assert result.body == [*ARTICLE, series, "Be sociable, share!"]
    reasons = [b.reason for b in result.blocks if b.text in notes]
    assert reasons == ["after article", "date line"]


def test_an_ingredient_list_with_items_of_no_quantity_is_part_of_the_recipe() -> None:
    title = "Spiced apple butter"
    post = [
        "A few people asked for this after I mentioned it last week, and it is easier to "
        "post it here than to answer every message one by one.",
        "Basically you put everything in the pot and cook it down slowly until it turns "
        "dark and thick, stirring now and then so that it does not catch on the bottom.",
    ]
    recipe = [
        "Ingredients",
        "4 pounds apples, quartered and cored",
        "scant 1/4 cup brown sugar",
        "generous pinch of salt",
        "1 cup apple cider",
        "2 cinnamon sticks",
        "1 teaspoon lemon zest",
        "2 tablespoons lemon juice",
        "If you want to keep it for the winter, fill hot jars, close them and boil them "
        "in a water bath for fifteen minutes.",
    ]
    page = [*MENU, title, *post, *recipe, "Posted by Ann at 9:00 PM", "Share", *FOOTER]
    assert body(page, title) == [*post, *recipe]


@pytest.mark.parametrize(
    "signed",
    [
        "By Ana Lima posted May 2nd 2025 12:58PM",
        "Posted by Ana Lima, Ferries Correspondent",
        "Written By: Ana Lima - May• 06•25",
    ],
)
def test_a_byline_in_any_of_its_forms_is_named_a_byline(signed: str) -> None:
    page = [*MENU, "Back to mobile view", TITLE, "Subscribe", signed, "Tweet", *ARTICLE]
    page += ["Related", *TEASERS, *FOOTER]
    reasons = {b.text: b.reason for b in clean_blocks(page, TITLE).blocks}
    assert reasons[signed] == "byline"


@pytest.mark.parametrize(
    "stamp", ["Posted on Fri, Jan. 17, 2025", "Last Updated: Monday, January 13, 2025 | 2:21 PM ET"]
)
def test_a_publication_stamp_above_the_article_is_named_a_date_line(stamp: str) -> None:
    page = [*MENU, TITLE, stamp, "Email to a friend", "Print", *ARTICLE, *FOOTER]
    reasons = {b.text: b.reason for b in clean_blocks(page, TITLE).blocks}
    assert reasons[stamp] == "date line"


def test_a_blog_tagline_between_the_blog_name_and_the_post_title_is_not_the_post() -> None:
    title = "Notes from the Harbour: A late crossing at last"
    tagline = (
        "Every day I write about the boats, the islands and the people who keep them "
        "running, from the harbour office where I have worked for twenty years, and on "
        "this blog I share what I see there with anyone who wants to read about it."
    )
    page = ["Notes from the Harbour", tagline, "Tuesday, May 6, 2025", "A late crossing at last"]
    page += [*ARTICLE, "Posted by Ana at 4:02 PM", "Blog archive", *TEASERS, *FOOTER]
    assert body(page, title) == ARTICLE


def test_a_hymn_whose_lines_run_on_unpunctuated_is_kept_whole() -> None:
    title = "A hymn for the shore"
    hymn = [
        *STANZA,
        "Weary and worn and far from home,",
        "I wonder shall I ever come",
        "To rest where quiet waters are?",
        "The light is near, though I am far,",
        "It bids me come, and I am blest,",
        "And there I find my place of rest.",
        "All my wandering and my fear",
        "Of every storm is ended here:",
        "The lamps are lit along the quay,",
        "And every light comes home to me.",
    ]
    page = [*MENU, title, "Posted by Ana Lima", "8 8 6. D", *hymn, "Posted May 2, 2025"]
    page += ["Subscribe via RSS", "Recent posts", *TEASERS, *FOOTER]
    assert body(page, title) == hymn


def test_the_recipe_card_named_like_the_post_does_not_end_the_article() -> None:
    # the dish's name is the title without the site's name, printed three times: in the
    # menu, over the post and over the card; repeated lines after the text are a
    # thread's "Reply" buttons, but not the page's own headline
    title = "Plum cake | Island Kitchen"
    post = PLUM_POST
    card = ["Print this recipe", "PLUM CAKE", "Preparation time: 20 minutes", "Serves 8"]
    card += ["Ingredients", "250 g flour", "200 g butter", "180 g sugar", "3 eggs", "Salt"]
    card += ["a handful of almonds", "icing sugar to dust", "12 plums, halved", "Method"]
    method = PLUM_METHOD[:3]
    page = [*MENU, "Plum cake", "Plum cake", "May 2, 2025", *post, *card, *method]
    page += ["Share", "Tweet", "Related", *TEASERS, *FOOTER]
    kept = body(page, title)
    assert all(line in kept for line in post + method)


@pytest.mark.parametrize("form", ["Post a Comment", "Leave a Reply", "Dodaj komentarz"])
def test_a_one_paragraph_post_above_the_comment_form_wins_over_a_long_sidebar(form: str) -> None:
    title = "Not a photograph"
    post = [
        "No matter how long I look at this, I still cannot believe it was drawn with a pencil, "
        "and not taken with a camera."
    ]
    sidebar = [
        "Who writes this blog?",
        "Ann Lee is a maker, writer and ukulele player who lives by the sea with two cats, a "
        "workshop full of half-finished boats and far too many pencils, and who has written "
        "about things people make with their hands for more than ten years.",
        "About this blog",
        "This blog is about making things, and about the people who make them, whether they "
        "use a lathe, a needle, a brush or a soldering iron; it shows the work of readers too, "
        "and every week it picks one project that deserves a wider audience than it had.",
        "Thanks for dropping by!",
    ]
    sponsors = ["Our sponsors this month!", "Shop for a home gym.", "Buy good wine for less!"]
    page = ["Monday", title, *post, *sponsors, "Email This", "Posted by Ann Lee at 6:35 AM"]
    page += ["Labels: drawing", "No comments:", form, "Older Post", "Home", *sidebar]
    page += ["Followers", "Blog Archive"]
    kept = body(page, title)
    assert post[0] in kept
    assert not set(sidebar) & set(kept)


def test_the_first_post_of_a_numbered_thread_under_a_short_article_is_a_comment() -> None:
    # the article is too short for its first post header to count as a thread's: the
    # later headers of the same numbered template show where the thread began
    title = "New work: a mark for the harbour trust"
    post = [
        "The harbour trust asked me for a mark that works on a flag, a ferry ticket and a sign.",
        "My sketches and the reasoning behind them are on the portfolio page.",
    ]
    names = ["Jamie Wayne", "Luke Ross", "Sean Hill", "Meena Das", "Rachel Bell", "Iain Gray"]
    thread: list[str] = []
    for n, name in enumerate(names, start=1):
        thread += [
            f"  {n}. {name}, on November {n + 6}th, 2025 // Twitter: @{name.split()[0]}",
            f"    Well done on this project, {name.split()[0]} here: the circle outside the "
            "square reads well at every size, the colours hold up in print too, and I "
            "think the trust will be glad of a mark that is as plain as the harbour itself.",
        ]
    page = [*MENU, title, "Published on November 7th, 2025", *post, *thread, *FOOTER]
    kept = body(page, title)
    assert kept == post


@pytest.mark.parametrize("counter", ["One Comment", "Two Responses", "No Comments"])
def test_a_comment_counter_in_words_heads_the_thread(counter: str) -> None:
    comment = (
        "    Agree that this is a real worry for the islands, but I want to note that the "
        "late crossing was promised twice before, and both times the timetable quietly "
        "dropped it after a single winter, so I will believe it when I see the boat."
    )
    page = [*MENU, TITLE, "Written By: Ana Lima - May 4, 2025", *ARTICLE]
    page += ["Posted in Islands, Ferries | 1 Comment »"]
    page += ["You can follow any responses to this entry through the RSS 2.0 feed. You can "]
    page[-1] += "leave a response, or trackback from your own site."
    page += [counter, "  1. Bob says:"]
    page += ["    May 5, 2025 at 10:52 am", comment, "Leave a Reply", "Name *", *FOOTER]
    assert body(page) == ARTICLE


def test_a_diary_of_events_with_dated_headings_is_no_comment_thread() -> None:
    title = "Friday arts diary"
    diary = [
        "Opening tonight with a gala of songs at the harbour hall, the island music "
        "festival brings singers from every village to ten stages over the next week, "
        "and most of the concerts are free for anyone who turns up early enough.",
        "Comedy",
        "For the second year running, the storytelling festival returns to the old fish "
        "market, with tall tales from the boats, a night of ghost stories in the lighthouse "
        "and an afternoon for children who want to tell their own.",
        "Art",
        "Colours of the Coast, Harbour Gallery, 8 November - 27 January, 2026",
        "Perhaps the best-loved painter the islands ever had, Mara Lind worked in colour "
        "long before her friends on the mainland would, and this show brings forty of her "
        "harbour scenes together for the first time since her death.",
        "Theatre",
        "The Ferry, Island Theatre, until 9 February, 2026",
        "When a playwright has a reputation like that of Tomas Berg, every new play is an "
        "event, and his first comedy in ten years about a night crossing that never ends is "
        "no exception: book early, the run is short and the hall is small.",
    ]
    page = [*MENU, title, "By Ana Lima, 7 November 2025 17:39", *diary, "Related", *TEASERS]
    assert body([*page, *FOOTER], title) == diary


def test_an_article_cut_by_a_site_stamp_between_paragraphs_keeps_its_first_parts() -> None:
    # a site prints its name between the paragraphs it copies, and a block of them
    # between two reports; the earlier report ends with a short paragraph next to one,
    # and no headline on the page says where the article starts
    stamp, other = "Island Courier, www.courier.example", "courier.example"
    first = [
        "The post office began selling the new year stamps on Monday, and a queue had "
        "formed outside the harbour branch an hour before the doors opened, with people "
        "who had come in on the first ferry from the outer islands at the front of it, and "
        "the staff handed out tea to those who had waited longest in the cold wind.",
        stamp,
        "Collectors said they come every year, and several bought a whole sheet of each "
        "design, along with the folder signed by the artist who drew them, which the post "
        "office sells only on the first day and which is worth far more a year later, as "
        "one of them said while he counted his change at the counter by the window.",
        other,
        "The stamps cost a dollar each, and the folder that the artist signs is twenty.",
    ]
    gap = [stamp, other, "Island Courier", "courier"]
    second = [
        f"{sentence} The artist said she had spent two years on the designs, and that "
        "the harbour at dawn had given her the colours of the whole series."
        for sentence in ARTICLE
    ]
    page = [*MENU, *first, *gap, *second, "Related", *TEASERS, *FOOTER]
    kept = body(page)
    assert all(line in kept for line in [first[0], first[2], first[4], *second])


def test_the_rules_under_a_submit_a_comment_heading_are_not_the_article() -> None:
    form = [
        "Submit a Comment",
        "This form is not used for e-mailing the article to a friend. Please use the link "
        "at the top of the article to send it to someone you know.",
        "The Courier is not responsible for posted comments. Please be polite and keep your "
        "comments to the subject of the article, or they will be taken down.",
        "Your name* Email* Comment*",
    ]
    page = [*MENU, TITLE, *ARTICLE, "Rate", "Top of the page", *form, "Advertising", *FOOTER]
    assert body(page) == ARTICLE


@pytest.mark.parametrize("bullet", ["・", "• "])
def test_headlines_run_together_after_bullets_are_a_teaser_list(bullet: str) -> None:
    glued = " ".join(bullet + headline for headline in [*TEASERS, "Harbour fees to rise in May"])
    page = [*MENU, glued, TITLE, *ARTICLE, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == ARTICLE
    assert {b.text: b.reason for b in result.hidden}[glued] == "teaser list"


def test_sentences_after_bullets_in_one_paragraph_stay() -> None:
    points = (
        "The council listed its reasons: • the last bus misses the boat. • Nurses stay in "
        "town overnight. • The school run starts before dawn. • Shops close early."
    )
    page = [*MENU, TITLE, *ARTICLE[:2], points, ARTICLE[2], *FOOTER]
    assert body(page) == [*ARTICLE[:2], points, ARTICLE[2]]


def test_an_about_the_author_box_above_the_article_is_not_its_opening() -> None:
    page = [*MENU, "Island Courier | 19 July 2025", TITLE, "Ana Lima", "About the author", BIO]
    page += ["Islands", "Ferries", "Share this page", *ARTICLE, "Related", *TEASERS, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == ARTICLE
    assert {b.text: b.reason for b in result.hidden}[BIO] == "about the author"


def test_an_about_the_author_link_over_the_articles_opening_hides_nothing() -> None:
    page = [*MENU, TITLE, "Ana Lima", "About the author", *ARTICLE, "Related", *TEASERS]
    assert body([*page, *FOOTER]) == ARTICLE


def test_the_signing_name_over_a_first_person_note_closes_the_article() -> None:
    note = [
        "Ana",
        "I am a reporter turned full-time mum of two, and I live on the north island, "
        "where I write about the ferries whenever the children let me.",
    ]
    page = [*MENU, TITLE, "May 4, 2025 by Ana", *ARTICLE, *note, "More Posts", *FOOTER]
    assert body(page)[-len(ARTICLE) :] == ARTICLE
    assert note[1] not in body(page)


HOMES = [
    (
        "Harbour Row, Porthmoor",
        "For sale: £412,000",
        "A stone cottage two streets from the quay, "
        "with a slate roof, three bedrooms and a garden that runs down to the old rope walk.",
    ),
    (
        "Mill Lane, Tresco Vale",
        "For sale: £409,500",
        "A former miller's house with its wheel "
        "still in place, four bedrooms and a workshop the last owner used as a pottery.",
    ),
    (
        "Chapel Hill, Polwenna",
        "For sale: £415,000",
        "A converted chapel with the gallery kept "
        "as a sleeping loft, two bedrooms and views across the bay from every window.",
    ),
    (
        "Fore Street, St Anta",
        "For sale: £410,000",
        "A shop with a flat above it on the main "
        "street, sold with the shop's fittings and a yard where the bakery's oven once stood.",
    ),
]


def test_a_gallery_of_like_items_is_kept_whole_with_each_items_head() -> None:
    """Each home's head (place, price) costs more than its paragraph earns: the body
    was one home. The heads share their make, so the homes are the article."""
    intro = (
        "Each week we look at what a budget buys on the islands. This week, homes for "
        "a little over four hundred thousand pounds."
    )
    items = [line for place, price, text in HOMES for line in (place, price, text)]
    page = [*MENU, TITLE, "Date: May 2, 2025 | Homes", intro, *items]
    page += ["Related:", *TEASERS, *FOOTER]
    assert body(page) == [intro, *items]


ARTICLE_MORE = [
    "The first late boats will run as a trial until the end of the summer, when the "
    "operator will count the passengers and decide whether to keep the crossing.",
    "Islanders who work evenings said the change would let them live at home again "
    "instead of renting rooms in town during the week.",
]


def test_notes_in_lower_case_inside_the_article_are_not_an_inline_box() -> None:
    """Talk notes bridged over as a box: lines that open in lower case carry on the
    text (a box's links and labels never do), so they stay."""
    notes = [
        "Play (seven minutes, Ana Lima)",
        "play shapes how children see the world",
        "little chances to fail and try again",
        "rules change while the game goes on",
    ]
    page = [*MENU, TITLE, *ARTICLE, *notes, *ARTICLE_MORE, "Related", *TEASERS, *FOOTER]
    kept = body(page)
    assert all(line in kept for line in notes[1:]), kept
    assert kept[: len(ARTICLE)] == ARTICLE and kept[-len(ARTICLE_MORE) :] == ARTICLE_MORE


@pytest.mark.parametrize(
    "tags",
    ["теги: выборы, городской совет", "tagi: wybory, rada miasta", "ετικέτες: εκλογές, δημοτικό"],
)
def test_a_tags_line_closing_the_article_is_chrome_in_other_languages(tags: str) -> None:
    """A line that carries on in lower case was taken in as more of the text; a
    "tags:" label names it a list of topic links, in Russian, Polish and Greek too."""
    stamp = "posted May 5, 2012 at 18:15, views: 5377"
    page = [*MENU, TITLE, *ARTICLE, "source: Island Courier", tags, stamp, "Tweet", *TEASERS]
    assert body([*page, *FOOTER]) == [*ARTICLE, "source: Island Courier"]


def test_more_stories_announced_with_a_colon_after_the_article_are_teasers() -> None:
    """Headlines with colons in them ("Going for gold: ...") look like data items;
    a line opening "More ..." announces links, not the article's own list."""
    more = ["More island stories from the Courier:", "Going for gold: rowers train at dawn"]
    more += ["Harbour fees: what the rise means", "Ferry F-16 timetable out", "Video: the storm"]
    more += ["Fishing quotas: a year of cuts", "Follow the Courier on Twitter"]
    page = [*MENU, TITLE, *ARTICLE, *more, "older", "24", "Jul", "2025", "newer", *FOOTER]
    kept = body(page)
    assert kept[:3] == ARTICLE and not any(line in kept for line in more[1:])


def test_post_headers_ending_in_said_colon_head_a_comment_thread() -> None:
    """WordPress's "On <date> at <time> <name> said:" ends in a colon: it opens a
    post, it is no sentence, so the posts under it are a thread (they used to be
    taken in as more of the article, as long as each post outweighed its "Reply")."""
    posts = [
        (
            "Maggie Dodson",
            "10:12 am",
            "You know it is lucky to be hit by a bird, they say so "
            "in every harbour town I have lived in, and I have lived in quite a few of them.",
        ),
        (
            "Joy Marsh",
            "11:19 am",
            "Oh no, I had heard it was lucky but never that it could "
            "happen twice in one week to the same person on the same quay.",
        ),
        (
            "Leyla Giray",
            "11:21 am",
            "I loved these stories, I thought I was special with two "
            "seagull incidents to my name but you have me beaten by a long way.",
        ),
    ]
    thread = ["Tweet Pin It", "3 comments to Ferry operator adds a late crossing"]
    for n, (name, time, text) in enumerate(posts, start=1):
        reply = f"{text} {ARTICLE_MORE[n % 2]} {ARTICLE[n % 3]}"  # outweighs its Reply
        thread += [f"  {n}. On May 2, 2025 at {time} {name} said:", reply, "Reply"]
    page = [*MENU, TITLE, *ARTICLE, *thread, "Leave a Reply", *FOOTER]
    assert body(page) == ARTICLE


def test_a_paragraph_with_a_camel_case_name_after_a_full_stop_is_no_glued_teaser() -> None:
    """ "Obama. According to ... FiveThirtyEight blog" looked like a Title-Case headline
    glued to its blurb at "FiveThirty"; a headline has no sentence's full stop."""
    lead = (
        "Harbour Master Ann Lewis. According to Tide Desk's HarbourWatch blog, the late "
        "crossing has a nine in ten chance of running all winter, weather permitting."
    )
    page = [*MENU, TITLE, "Written By: Ana Lima - May 2, 2025", lead, *ARTICLE, *FOOTER]
    assert body(page) == [lead, *ARTICLE]


def test_a_long_item_of_an_announced_list_does_not_end_the_list() -> None:
    # an item long enough to score as text, but not a sentence: the items after it and
    # the closing paragraph were hidden as "after article"
    items = [
        "The new timetable, which the council approved at its meeting on Monday, brings "
        "these changes for the passengers:",
        "A late crossing on every weekday",
        "A Friday sailing that waits for the last train from the city, so that people who "
        "work in town can be home before it is dark",
        "Cheaper tickets for night-shift workers",
        "Bicycles carried free of charge",
        "Hot drinks on board",
    ]
    closing = (
        "The operator said it would look again at the timetable in the spring, once it "
        "knows how many people take the late boats."
    )
    page = [*MENU, TITLE, *ARTICLE, *items, closing, "Share", "Tweet", "Related", *TEASERS]
    page += FOOTER
    assert body(page) == [*ARTICLE, *items, closing]


def test_a_short_lead_above_a_photo_caption_is_kept() -> None:
    # no repeat of the title marks the headline, so the lead sentence is reached only
    # past the caption between it and the text (it was hidden as "before article")
    lead = "Night-shift nurses will get home before midnight."
    caption = "The harbour at dusk, where the late boat will berth (Image: Ann Lee)"
    page = [*MENU, "Home > Islands", "A late boat home", lead, caption, *ARTICLE]
    page += ["Share", "Tweet", *TEASERS, *FOOTER]
    result = clean_blocks(page, TITLE)
    assert result.body == [lead, *ARTICLE]
    assert {b.text: b.reason for b in result.hidden}[caption] == "photo caption"


def test_a_caption_over_its_credit_line_is_not_taken_for_the_lead() -> None:
    # a credit in brackets on a line of its own closes the caption written above it
    caption = "The harbour at dusk, where the late boat will berth."
    page = [*MENU, "Home > Islands", "A late boat home", caption, "(Image: Ann Lee)"]
    page += [*ARTICLE, "Share", "Tweet", *TEASERS, *FOOTER]
    assert body(page) == ARTICLE


def test_a_list_of_figures_between_two_parts_of_the_text_is_no_inline_box() -> None:
    # the text runs on past the list, which was bridged and hidden as an "inline box"
    more = [
        "The operator said that the figures were better than it had hoped for, and that the "
        "late boat would stay in the timetable for the whole of the winter.",
        "A second late boat on Fridays will be tried in the spring if the numbers hold up, "
        "and the council will be asked to pay for the extra crew.",
    ]
    rates = ["North Island – 41%", "Outer Skerries – 37%", "South Island – 29%"]
    rates.append("Lighthouse Point – 12%")
    page = [*MENU, TITLE, *ARTICLE, *rates, *more, "Share", "Tweet", "Related", *TEASERS]
    page += FOOTER
    assert body(page) == [*ARTICLE, *rates, *more]


def test_a_comments_link_in_the_box_under_the_lead_does_not_cut_the_lead_off() -> None:
    # a news page's comments widget ("Comments", "Weigh In") between the lead and the
    # rest: no post follows it, so it opens no thread and the lead is the article's
    rest = [
        ARTICLE[2],
        *ARTICLE_MORE,
        "Passengers on the first late boat said the crossing was calm and the cafe stayed "
        "open, which few of them had expected at that hour of the night.",
        "The company said it would publish the winter timetable next week, with the late "
        "sailing on Fridays as well if demand holds up over the coming months.",
        "The operator said that the figures were better than it had hoped for, and that the "
        "late boat would stay in the timetable for the whole of the winter.",
        "A second late boat on Fridays will be tried in the spring if the numbers hold up, "
        "and the council will be asked to pay for the extra crew on the boats.",
        "Islanders who work in the hospital said that the change would let them see their "
        "children in the morning for the first time in two years of night shifts.",
        "The council will review the timetable again next autumn, when the new harbour "
        "wall is finished and the larger boat can berth at low tide as well.",
    ]
    widget = ["Loading...", "Comments", "Weigh In", "Corrections?", "Print"]
    page = [*MENU, TITLE, "By Ana Lima", "May 2, 2025 10:42", *ARTICLE[:2], *widget, *rest]
    page += ["Share", "Tweet", *FOOTER]
    assert body(page) == [*ARTICLE[:2], *rest]


def test_a_last_short_section_of_an_article_made_of_sections_is_kept() -> None:
    # each section a subheading over prose; the last one's paragraph is short, and the
    # teasers' cost after it left it out of the body
    sections = [
        ARTICLE[0],
        "Cheaper tickets",
        ARTICLE[1],
        "Why now",
        ARTICLE[2],
        "What next",
        "The council meets again in June to look at the figures, and it will decide "
        "then whether the boat runs on.",
    ]
    page = [*MENU, TITLE, *sections, *TEASERS, "Related", *TEASERS, *FOOTER]
    assert body(page) == sections


def test_a_colon_sentence_worth_exactly_a_block_announces_the_list_after_it() -> None:
    # eleven words full of function words score exactly a block's cost: the list after
    # it (words, not figures) and the closing paragraph were hidden as "after article"
    intro = "On the new map, you will find all of the following:"
    items = ["Sailing times for every route", "Where to wait for the late boat"]
    items += ["Which buses meet it on the islands", "Where to leave a bicycle"]
    closing = (
        "You can share the map and put it on your own website, and the operator will keep "
        "it up to date as the timetable changes over the winter."
    )
    page = [*MENU, TITLE, *ARTICLE, intro, *items, closing, "Share", "Tweet", "Related"]
    page += [*TEASERS, *FOOTER]
    assert body(page) == [*ARTICLE, intro, *items, closing]


def test_a_closing_paragraph_after_a_long_list_before_the_share_bar_is_kept() -> None:
    # a long stretch with no chrome (a list of the timetable's stops), then the last
    # paragraph, then the page's share bar: the paragraph was hidden as "after article"
    stops = [
        "Harbour Quay",
        "North Pier",
        "Lighthouse Point",
        "Outer Skerries",
        "South Island jetty",
        "Kelp Bay",
        "Old Mill slip",
        "Seal Rocks",
        "West Sound",
        "Ferry House",
        "Gull Island",
        "Harbour Quay again",
    ]
    closing = (
        "The operator said it would look again at the timetable in the spring, once it "
        "knows how many people take the late boats, and that it would ask the council for "
        "the money to keep them running if the numbers hold up. Until then, the boats will "
        "call at every stop on the way, as they do in the day, and the fares stay the same."
    )
    page = [*MENU, TITLE, *ARTICLE, *stops, closing, "Share", "Tweet", "Related", *TEASERS]
    page += FOOTER
    # the stops stay too: nothing in them is the site's (hiding needs evidence)
    assert clean_blocks(page, TITLE).body == [*ARTICLE, *stops, closing]


@pytest.mark.parametrize("gap", ["\t", "    "], ids=["tabs", "spaces"])
def test_a_small_table_inside_a_short_story_keeps_the_text_after_it(gap: str) -> None:
    # A table's rows score as short lines (a menu's or a box's), and the two paragraphs
    # after it earned less than the rows cost: they were hidden as "after article".
    # Lines split into the same number of columns, three or more in a row, are a table.
    rows = [
        gap.join(["Year", "Sailings", "Passengers"]),
        gap.join(["2023", "1,820", "412,000"]),
        gap.join(["2024", "1,904", "436,500"]),
    ]
    page = [*MENU, TITLE, ARTICLE[0], ARTICLE[1], *rows, ARTICLE[2], *ARTICLE_MORE[:1]]
    page += ["Share", "Tweet", *FOOTER]
    kept = body(page)
    assert all(line in kept for line in [*ARTICLE, *ARTICLE_MORE[:1], *rows])


def test_the_first_numbered_section_heading_over_the_text_is_kept() -> None:
    # "1. Why now" stood between the headline and the first paragraph, where a site's
    # label would stand; the body's "2. The timetable" says it is the first section's.
    heads = ["1. Why now", "2. The timetable", "3. What it costs"]
    page = [*MENU, TITLE, heads[0], ARTICLE[0], heads[1], ARTICLE[1], heads[2], ARTICLE[2]]
    page += ["Share", "Tweet", *FOOTER]
    assert body(page) == [heads[0], ARTICLE[0], heads[1], ARTICLE[1], heads[2], ARTICLE[2]]


def test_a_numbered_teaser_over_the_text_is_not_a_section() -> None:
    # Without the next number inside the body, a numbered line over the text is not
    # taken in as the article's first section.
    page = [*MENU, TITLE, "1. Storm closes ports", *ARTICLE, "Share", *FOOTER]
    assert body(page) == ARTICLE


def test_a_fenced_template_sample_in_a_markdown_dump_is_the_texts() -> None:
    # "{{ title }}" reads like a template's unrendered leftovers; inside a code fence it
    # is a sample the page shows, and the text goes on after it.
    from reader.core.formats.markdown import parse_markdown_page
    from reader.core.reading import clean_page

    sample = "```\n<h1>{{ title }}</h1>\n```"
    after = "Render it with a title and the heading appears with your words in it."
    source = "\n\n".join(
        [
            "# Templates in five minutes",
            "- [Home](/)\n- [News](/news)\n- [Sport](/sport)",
            "A template is a page with holes in it, and the engine fills each hole with a "
            "value from your data.",
            "The smallest one has a single hole:",
            sample,
            after,
            "© 2025 Harbour Gazette",
        ]
    )
    page = parse_markdown_page(source + "\n", "fallback")
    shown = [b.text for b in clean_page(page, page.title).blocks if not b.hidden]
    assert sample in shown
    assert after in shown


@pytest.mark.parametrize(
    "after",
    [
        [],
        ["Run it once a night.", "Nobody minded."],
        [
            '"It is the biggest thing we have done in fifty years," she said.',
            "— Ann Lee, chair of the board",
            "Nobody minded.",
            "Q: Why now?",
            "A: The old wall is failing.",
        ],
    ],
)
def test_a_code_sample_the_article_announces_is_kept(after: list[str]) -> None:
    # Lines ending in ";" read as a script's leftovers; under a sentence of the article
    # that ends in a colon they are a sample the writer shows, and so are the
    # sentences under them, up to the share bar.
    code = ["let timetable = load('winter');", "timetable.addSailing('22:00');"]
    article = [*ARTICLE, "The change to the booking system is two lines:", *code, *after]
    page = under_share_bar(article)
    assert body(page) == article


def test_a_script_under_a_widgets_label_is_still_hidden() -> None:
    # "Share:" is a widget's label: the script under it is no sample of the article.
    page = [*MENU, TITLE, *ARTICLE, "Share:", "var s = window.shareBar;", "s.init();"]
    page += ["Related", *TEASERS, *FOOTER]
    assert body(page) == ARTICLE


def test_a_code_sample_the_article_announces_between_its_paragraphs_is_kept() -> None:
    code = ["let timetable = load('winter');", "timetable.addSailing('22:00');"]
    article = [ARTICLE[0], "The change to the booking system is two lines:", *code, *ARTICLE[1:]]
    page = under_share_bar(article)
    assert body(page) == article


def test_an_interviews_labelled_questions_under_the_article_are_kept() -> None:
    # The body's last paragraph asks nothing, but a question labelled as an
    # interview's ("Q:") right under it opens the interview that ends the story.
    qa = ["Q: Why now?", "A: The old wall is failing.", "Q: And the cost?", "A: Four million."]
    page = under_share_bar([*ARTICLE, *qa])
    assert body(page) == [*ARTICLE, *qa]


def test_the_source_of_a_quote_said_with_its_speaker_is_kept() -> None:
    # A quotation that names its speaker after the closing mark ("..., she said.")
    # is still a quotation: the dash line under it names who spoke, and the
    # sentence under that ends the story.
    quote = ['"It is the biggest thing we have done in fifty years," she said.']
    tail = ["— Ann Lee, chair of the board", "Nobody minded."]
    page = under_share_bar([*ARTICLE, *quote, *tail])
    assert body(page) == [*ARTICLE, *quote, *tail]


def test_bulleted_label_and_value_rows_after_the_article_are_kept() -> None:
    # Rows of "label: value" ("Jura: deer") are the article's whether or not the page
    # marks them as a list's items: headlines share no such structure.
    rows = ["- Islay: whisky", "- Jura: deer", "- Coll: stars", "- Tiree: surf"]
    page = under_share_bar([*ARTICLE, *rows])
    assert body(page) == [*ARTICLE, *rows]


SHORT_LEAD = "Nobody on the island could remember a summer as dry as this one."


@pytest.mark.parametrize(
    "between",
    [
        ["Potatoes", "Carrots", "Leeks"],
        ["- Passport", "- Sun cream", "- Good shoes"],
        ["Getting there", "The first ferry leaves at seven and takes an hour."],
        ["The whole script is two lines:", "let x = 1;", "x.init();"],
        [
            "Getting there",
            "The first ferry leaves at seven and takes an hour.",
            "The whole script is two lines:",
            "let x = 1;",
            "x.init();",
            "Nobody minded.",
        ],
    ],
)
def test_a_short_lead_over_the_articles_own_lines_is_kept(between: list[str]) -> None:
    # A one-sentence lead earns little against the lines under it; when those are the
    # text's own (a short list, a subheading, a sentence, a code sample) the lead is
    # still the article's opening, not the page's head.
    article = [SHORT_LEAD, *between, *ARTICLE]
    page = under_share_bar(article)
    assert body(page) == article


def test_a_caption_over_the_storys_dateline_stays_hidden() -> None:
    # The story starts under its dateline in capitals ("PORTREE --"): a sentence above
    # it, over a link's words, is a photo's caption, not the lead.
    caption = "The harbour master walks the new pier in Portree, in this file photo from June 3."
    page = [*MENU, TITLE, caption, "Portree official site", "PORTREE --", *ARTICLE]
    page += ["Share", "Related", *FOOTER]
    assert body(page) == ARTICLE


def test_subsections_one_after_the_other_under_the_article_are_kept() -> None:
    # "Getting there" and its sentence are taken in; so is the next subheading, named
    # like a page section, over the author's own sentence: no post's shape under it.
    tail = [
        "Getting there",
        "The first ferry leaves at seven and takes an hour.",
        "Comments",
        "Residents who came to the meeting were mostly in favour.",
    ]
    page = under_share_bar([*ARTICLE, *tail])
    assert body(page) == [*ARTICLE, *tail]


@pytest.mark.parametrize(
    "lines",
    [
        ["Potatoes", "Carrots", "Leeks"],
        ['"It is the biggest thing we have done in fifty years," she said.', "— Ann Lee"],
        ["Q: Why now?", "A: The old wall is failing."],
    ],
)
def test_a_subsection_of_sentences_and_the_texts_own_lines_is_kept(lines: list[str]) -> None:
    # Under a subheading, a short list, a quotation's source or an interview's
    # question among the sentences does not make the section the site's.
    tail = ["What grew", "The gardens on the hill did better than the ones below.", *lines]
    tail += ["Nobody minded."]
    page = under_share_bar([*ARTICLE, *tail])
    assert body(page) == [*ARTICLE, *tail]


def test_a_thread_under_a_comments_heading_is_still_hidden() -> None:
    thread = [
        "Comments",
        "Great news for the night shift at last.",
        "Ann Lee May 2, 2025 at 9:41 am",
        "About time, the last boat was always full.",
        "Tom Hale May 2, 2025 at 10:02 am",
    ]
    page = [*MENU, TITLE, *ARTICLE, *thread, "Share", "Related", *TEASERS, *FOOTER]
    assert body(page) == ARTICLE


def test_the_text_after_the_articles_own_list_is_kept() -> None:
    # A short list between two paragraphs is the article's, and so is the paragraph
    # that goes on under it, with its table, up to the share bar.
    quote = ['"It is the biggest thing we have done in fifty years," she said.', "— Ann Lee"]
    rest = [
        "- Passport",
        "- Sun cream",
        "- Good shoes",
        "Work will start in March, when the first granite blocks arrive by barge.",
        "Year\tCost",
        "2026\t£1.5m",
        "2027\t£2.5m",
    ]
    article = [ARTICLE[0], *quote, ARTICLE[1], *rest]
    page = under_share_bar(article)
    assert body(page) == article


def test_a_site_blurb_under_the_articles_tags_stays_hidden() -> None:
    blurb = "This site is supported by its readers, and by affiliate links to the shops we name."
    page = [*MENU, TITLE, *ARTICLE, "Tags: harbour, ferries", blurb, *FOOTER]
    assert body(page) == ARTICLE


def test_a_short_lead_over_a_short_list_and_a_quote_with_its_source_is_kept() -> None:
    quote = ['"It is the biggest thing we have done in fifty years," she said.']
    between = ["Potatoes", "Carrots", "Leeks", *quote, "— Ann Lee, chair of the board"]
    article = [SHORT_LEAD, *between, *ARTICLE]
    page = under_share_bar(article)
    assert body(page) == article


def test_the_text_after_a_numbered_list_and_a_short_list_is_kept_with_its_code() -> None:
    # The body ends in a numbered list; a short list, then a paragraph and a code sample
    # it announces run to the share bar: all of it is the article's.
    steps = ["1. Survey the seabed", "2. Lay the foundations", "3. Build the wall"]
    rest = [
        "Potatoes",
        "Carrots",
        "Fishermen who moor inside the old wall will use the east pier meanwhile.",
        "The whole script is two lines:",
        "let x = 1;",
        "x.init();",
    ]
    article = [*ARTICLE, *steps, *rest]
    page = under_share_bar(article)
    assert body(page) == article


def test_a_comment_forms_lines_under_the_last_paragraph_stay_hidden() -> None:
    # Unmarked short lines and a notice under the text's last run are the site's.
    form = [
        "Reuters/Billboard",
        "Discuss this Article",
        "NOTE: You will be asked to sign in or register before your comment is posted.",
        "1000 characters remaining",
        "0 Comments",
    ]
    closing = "Fishermen who moor inside the old wall will use the east pier meanwhile."
    page = [*MENU, TITLE, *ARTICLE, "Potatoes", "Carrots", closing, *form, *FOOTER]
    kept = body(page)
    assert kept[:3] == ARTICLE
    assert not any(line in kept for line in form)


@pytest.mark.parametrize(
    "tail",
    [
        ["- Passport", "- Sun cream", "- Good shoes"],
        ["• Islay: whisky", "• Jura: deer", "• Coll: stars", "• Tiree: surf"],
        # a marked list, then the text's own lines up to the share bar
        ["- Passport", "- Sun cream", "- Good shoes", "Getting there", "The first ferry is at 7."],
        ["- Passport", "- Sun cream", "- Good shoes", "Year\tCost", "2026\t£1.5m", "2027\t£2.5m"],
    ],
)
def test_a_marked_list_that_ends_the_article_is_kept(tail: list[str]) -> None:
    # Right under the text, items that carry one list's mark and end the text (the
    # share bar, or only the text's own lines, follow) are what the text lists last.
    page = under_share_bar([*ARTICLE, *tail])
    assert body(page) == [*ARTICLE, *tail]


def test_a_marked_list_of_links_or_under_a_boxs_heading_stays_hidden() -> None:
    links = ["- [Trade](https://example.com/trade)", "- [Travel](https://example.com/travel)"]
    links.append("- [Ports](https://example.com/ports)")
    page = [*MENU, TITLE, *ARTICLE, *links, "Share", "Tweet", *FOOTER]
    assert body(page) == ARTICLE
    tags = ["Related Tags", "- Transportation", "- Travel", "- Emerging markets"]
    page = [*MENU, TITLE, *ARTICLE, *tags, "Share", "Tweet", *FOOTER]
    assert body(page) == ARTICLE


def test_numbered_one_word_tags_under_the_text_stay_hidden() -> None:
    # A numbered list is told by its items' length: "1. bags" is a site's tag.
    tags = ["1. bags", "2. leather", "3. video"]
    page = [*MENU, TITLE, *ARTICLE, *tags, "Fancy", "Related Posts", *TEASERS, *FOOTER]
    assert body(page) == ARTICLE


def test_a_long_subsection_keeps_its_list_whole() -> None:
    # Past the lines a subsection is read over, a list that goes on is read to its end:
    # its last item was taken for the heading of a box of links over the share bar.
    tail = [
        "Comments",
        "Residents who came to the meeting were mostly in favour.",
        '"It is the biggest thing we have done in fifty years," she said.',
        "— Ann Lee, chair of the board",
        "Nobody minded.",
        "• Islay: whisky",
        "• Jura: deer",
        "• Coll: stars",
    ]
    page = [*MENU, TITLE, *ARTICLE, *tail, "Share", "Tweet", "Email", "Most read", *FOOTER]
    assert body(page) == [*ARTICLE, *tail]


@pytest.mark.parametrize(
    "tail",
    [
        # the line announcing a code sample, under the body's last line
        [
            '"It is the biggest thing we have done in fifty years," she said.',
            "— Ann Lee, chair of the board",
            "The whole script is two lines:",
            "let x = 1;",
            "x.init();",
        ],
        # a closing line, then a subsection named like a page section
        ["Nobody minded.", "Comments", "Residents who came to the meeting were mostly in favour."],
        # a section named like a page's, over a table with years in its rows
        ["Comments", "Residents were in favour.", "Year\tCost", "2026\t£1.5m", "2027\t£2.5m"],
        # a short sentence, then a table or a code sample, up to the share bar
        ["Start early.", "Year\tCost", "2026\t£1.5m", "2027\t£2.5m"],
        # the same table as the reader reads a text file's tabs: spaces
        ["Start early.", "Year    Cost", "2026    £1.5m", "2027    £2.5m"],
        ["Start early.", "The whole script is two lines:", "let x = 1;", "x.init();"],
        # an interview, then a subheading over a sentence
        ["Q: Why now?", "A: The old wall is failing.", "Getting there", "The ferry is at 7."],
    ],
)
def test_the_texts_own_parts_up_to_the_share_bar_are_kept(tail: list[str]) -> None:
    page = under_share_bar([*ARTICLE, *tail])
    assert body(page) == [*ARTICLE, *tail]


def test_a_lead_over_a_list_and_a_subheading_named_like_a_section_is_kept() -> None:
    # Between the lead and the rest: a short list, then "Comments" over the author's
    # sentence, which is no thread (no post's shape under it).
    lead = "We walked from the lighthouse to the north beach and back, which took all day."
    between = ["Potatoes", "Carrots", "Leeks", "Comments", "Residents were mostly in favour."]
    article = [lead, *between, *ARTICLE]
    page = under_share_bar(article)
    assert body(page) == article


def test_a_long_section_named_like_comments_without_posts_is_kept() -> None:
    # A dozen lines under "Comments": sentences, an interview, a list and a subsection,
    # none with a post's name and time: the author's section, up to the share bar.
    section = [
        "Comments",
        "Residents who came to the meeting were mostly in favour.",
        "Q: Why now?",
        "A: The old wall is failing.",
        "- Passport",
        "- Sun cream",
        "- Good shoes",
        "Getting there",
        "The first ferry leaves at seven and takes an hour.",
        "Work will start in March, when the first granite blocks arrive by barge.",
    ]
    page = under_share_bar([*ARTICLE, *section])
    assert body(page) == [*ARTICLE, *section]


def test_the_text_after_a_quotes_source_and_a_short_list_is_kept() -> None:
    quote = ['"It is the biggest thing we have done in fifty years," she said.', "— Ann Lee"]
    rest = ["Potatoes", "Carrots", "Leeks", "The whole script is two lines:", "let x = 1;"]
    rest += [
        "x.init();",
        "Work will start in March, when the first granite blocks arrive by barge.",
    ]
    page = under_share_bar([*ARTICLE, *quote, *rest])
    assert body(page) == [*ARTICLE, *quote, *rest]


def test_a_section_of_many_parts_under_comments_is_kept_whole() -> None:
    # Seventeen lines under "Comments": a quote and its source, notes, a table as a
    # text file's reader gives it (tabs as spaces), a list under its intro. No post's
    # shape: all of it is the author's, up to the share bar.
    section = [
        "Comments",
        "Residents who came to the meeting were mostly in favour.",
        '"It is the biggest thing we have done in fifty years," she said.',
        "— Ann Lee, chair of the board",
        "Nobody minded.",
        "• Islay: whisky",
        "• Jura: deer",
        "• Coll: stars",
        "Start early.",
        "Year    Cost",
        "2026    £1.5m",
        "2027    £2.5m",
        "What to bring:",
        "- Passport",
        "- Sun cream",
        "- Good shoes",
    ]
    page = [*MENU, TITLE, *ARTICLE, *section, "Share", "Tweet", "Most read", *TEASERS, *FOOTER]
    assert body(page) == [*ARTICLE, *section]


def test_a_section_named_comments_over_a_thread_under_its_own_heading_is_kept() -> None:
    # The posts' dated headers below "Reader comments" are that section's: the
    # author's "Comments" above the share bar is judged on what it holds.
    section = ["Comments", "Residents who came to the meeting were mostly in favour."]
    thread = [
        "Reader comments",
        "Ann Lee May 2, 2025 at 9:41 am",
        "Great news for the night shift.",
        "Tom Hale May 2, 2025 at 10:02 am",
        "About time, the last boat was always full.",
    ]
    page = [*MENU, TITLE, *ARTICLE, *section, "Share", "Advertisement", *thread, *FOOTER]
    assert body(page) == [*ARTICLE, *section]


RU_MENU = ["Островная газета", "Главная", "Новости", "Спорт", "Погода", "Контакты"]
RU_TITLE = "Совет гавани поддержал волнорез"
RU_ARTICLE = [
    "Совет гавани собрался во вторник вечером и проголосовал за новый волнорез.",
    "Работы начнутся в марте, когда первые гранитные блоки прибудут на барже из карьера.",
]
RU_FOOT = ["Поделиться", "ВКонтакте", "Самое читаемое", "Тарифы на паром вырастут весной"]
RU_FOOT.append("© 2025 Островная газета")


@pytest.mark.parametrize(
    "tail",
    [
        # an interview's questions labelled in the article's language
        ["В: Почему сейчас?", "О: Старая стена разрушается."],
        ["P: Dlaczego teraz?", "O: Stary mur się sypie."],
        ["问：为什么是现在？", "答：旧墙快塌了。"],
        # Greek asks with a semicolon: a question, not a line of code
        ["Ε: Γιατί τώρα;", "Α: Το παλιό τείχος καταρρέει."],
        # numbered steps said in fewer words than English needs, each with a capital
        ["1. Обследовать дно", "2. Заложить основание", "3. Построить стену"],
    ],
)
def test_the_texts_own_parts_in_other_languages_end_the_article(tail: list[str]) -> None:
    page = [*RU_MENU, RU_TITLE, *RU_ARTICLE, *tail, *RU_FOOT]
    assert body(page, RU_TITLE) == [*RU_ARTICLE, *tail]


def test_a_short_greek_question_is_no_code() -> None:
    # "Κ." or a colon before the Greek question mark (";") read as a statement's
    # characters before its closing semicolon: the line was "template code".
    article = [
        "Το λιμενικό συμβούλιο συνεδρίασε την Τρίτη και ψήφισε για τον νέο κυματοθραύστη.",
        "Κ. Παπαδόπουλε, γιατί τώρα;",
        "Οι εργασίες θα ξεκινήσουν τον Μάρτιο, όταν φτάσουν οι πρώτοι όγκοι γρανίτη.",
        "Ερώτηση: πόσο κοστίζει;",
        "Τέσσερα εκατομμύρια, είπε το συμβούλιο μετά τη συνεδρίαση της Τρίτης.",
    ]
    page = [*RU_MENU, RU_TITLE, *article, *RU_FOOT]
    assert body(page, RU_TITLE) == article


def test_a_chinese_section_ending_in_marked_lists_is_kept() -> None:
    # Chinese has no lower case: a short line there is as likely a box's label as a
    # list's item, unless it carries a mark the next or the last line carries too.
    menu = ["海岛日报", "首页", "新闻", "体育", "天气", "联系我们"]
    title = "港务委员会支持修建防波堤"
    article = [
        "港务委员会周二晚上开会，投票决定拨款四百万元在海湾东侧修建一座新的防波堤。",
        "岛上没有人记得有哪个夏天像今年这样干旱，水库的水位就是证明。",
        "评论",
        "来参加会议的居民大多表示赞成。",
        "我们从灯塔走到北边的海滩再走回来，花掉了大半个下午和所有的三明治。",
        "- 护照",
        "- 防晒霜",
        "- 舒适的鞋",
        "• 艾雷岛：威士忌",
        "• 朱拉岛：鹿",
        "• 科尔岛：星空",
    ]
    foot = ["分享", "微博", "微信", "热门文章", "渡轮票价春季上涨", "© 2025 海岛日报 版权所有"]
    assert body([*menu, title, *article, *foot], title) == article


def test_a_marked_list_of_statements_ends_the_article_and_headlines_do_not() -> None:
    points = [
        "- The wall will be three hundred metres long.",
        "- The first blocks arrive in March.",
        "- Fishermen will use the east pier meanwhile.",
    ]
    assert body(under_share_bar([*ARTICLE, *points])) == [*ARTICLE, *points]
    headlines = [
        "- Harbour wall repairs to start in spring",
        "- School on the north island gets a new roof",
        "- Fishing quotas cut again for the coming year",
    ]
    assert body(under_share_bar([*ARTICLE, *headlines])) == ARTICLE


def test_a_chinese_article_alone_keeps_its_list_over_announced_code() -> None:
    # Written by hand, no chrome: the bulleted list is no menu when the line under it
    # announces what follows with a full-width colon, as English does with ":".
    title = "港务委员会支持修建防波堤"
    article = [
        "我们从灯塔走到北边的海滩再走回来，花掉了大半个下午和所有的三明治。",
        "- 护照",
        "- 防晒霜",
        "- 舒适的鞋",
        "整个脚本只有两行：",
        "let x = 1;",
        "x.init();",
    ]
    assert body([title, *article], title) == article
