"""Pages that kept less than half their article: the list the text goes on with is kept
(issue 9, "Never hide the story").

Each page is made up for the test, in the shape of a scraped page: a menu, the
headline, a short text, then a list whose records are printed from one template (a
shop's product boxes, a meal plan's days), then what a site prints under an article.
The records' fixed lines recur from record to record, which alone reads as a site's
repeated teasers; every copy standing in one stretch right after the text, in the same
order in each record, shows they are the list's. A teaser deck whose lines recur
elsewhere on the page, or a comment thread, stays hidden. A blog post's sentences between
its text and the line that closes it with its date or time (a sign-off, a note on where the
post came from) are the post's; the site's note there ("A version of this article
appeared ...") is not.
"""

from __future__ import annotations

from reader.core.clean import clean_blocks

MENU = ["Home", "Reviews", "Deals", "Guides", "Recipes", "Contact"]
SHARE = ["Share", "Tweet", "Email"]
FOOTER = ["About us", "Advertise", "Privacy policy", "© 2025 Kitchen Ledger. All rights reserved."]


def body(blocks: list[str], title: str) -> list[str]:
    return clean_blocks(blocks, title).body


DEALS_TITLE = "The four best kettle deals of the autumn sale"
DEALS_INTRO = [
    "The autumn sale has started early this year, and kettles are among the first things "
    "to drop in price, with several of our favourite models at their lowest price yet.",
    "We picked four that boil quickly, pour cleanly and switch off reliably, from a "
    "budget plastic jug to a glass model that lights up while it heats.",
]
BUY_BOX = ["Available from Harbour Stores", "We may earn a commission", "Buy Now"]


def product(name: str, features: list[str], price: str) -> list[str]:
    return [name, *features, f"{name} (new edition)", price, *BUY_BOX]


PRODUCTS = [
    *product("Brightwell Rapid Kettle", ["1.7 litre jug", "Boils a cup in 45 seconds"], "$24.99"),
    *product("Stonebridge Glass Kettle", ["Blue light while heating", "Lift-out filter"], "$39.00"),
    *product("Marlow Gooseneck Kettle", ["Temperature hold for 30 minutes"], "$59.95"),
    *product("Copperfield Classic", ["Whistles when ready", "Works on induction"], "$32.50"),
]
DEAL_TEASERS = [
    "Picked For You",
    "The best coffee grinders for every budget",
    "By Ann Lee 2 days ago",
    "Toasters that brown both sides evenly",
    "By Ann Lee 3 days ago",
]


def test_product_boxes_after_a_short_text_are_kept() -> None:
    page = [*MENU, DEALS_TITLE, "Ann Lee", *SHARE, *DEALS_INTRO, "Our picks:", *PRODUCTS]
    page += ["Tags: Deals", *DEAL_TEASERS, *FOOTER]
    assert body(page, DEALS_TITLE) == [*DEALS_INTRO, "Our picks:", *PRODUCTS]


def test_product_boxes_under_a_heading_are_kept() -> None:
    # a heading like a box's ("Don't miss:") over records is the list's heading
    page = [*MENU, DEALS_TITLE, "Ann Lee", *SHARE, *DEALS_INTRO, "Don't Miss:", *PRODUCTS]
    page += ["Tags: Deals", *DEAL_TEASERS, *FOOTER]
    assert body(page, DEALS_TITLE) == [*DEALS_INTRO, "Don't Miss:", *PRODUCTS]


MEAL_TITLE = "Meal prep for the second week of the programme"
MEAL_INTRO = [
    "If you followed the first week of the programme, you already know how much easier "
    "the days go when the food is cooked and portioned on Sunday.",
    "The second week follows the same plan, so you can use the same portions and simply "
    "swap in the dishes below; each plan suits a different daily calorie target.",
]


def day(plan: str, breakfast: str, lunch: str) -> list[str]:
    return [
        f"Meal prep menu for plan {plan}",
        "Breakfast",
        "Eat within an hour of waking",
        breakfast,
        "Portions: 1 green, 1 red",
        "Lunch",
        "Eat four hours later",
        lunch,
        "Evening snack",
        "One hour before bed",
    ]


PLANS = [
    *day("A", "Porridge with 1 cup berries and a spoon of seeds", "Bean salad with feta"),
    *day("B", "Two poached eggs on rye toast", "Chicken soup with barley"),
    *day("C", "Yoghurt with oats and sliced pear", "Lentil stew with spinach"),
]
RELATED = [
    "Related Articles",
    "Why breakfast matters, but only if you do it right",
    "Five soups to batch cook this winter",
]


def test_a_meal_plan_whose_lines_repeat_from_plan_to_plan_is_kept() -> None:
    page = [*MENU, MEAL_TITLE, "October 2, 2025", *MEAL_INTRO, "Now get cooking!", *PLANS]
    page += [*RELATED, *SHARE, *FOOTER]
    assert body(page, MEAL_TITLE) == [*MEAL_INTRO, "Now get cooking!", *PLANS]


def test_a_teaser_deck_whose_lines_recur_elsewhere_stays_hidden() -> None:
    # the same "Staff pick" / "Save for later" pair under each teaser, and in the sidebar
    deck = []
    for headline in ("Five soups to batch cook", "Toasters compared", "The best grinders"):
        deck += [headline, "Staff pick", "Save for later"]
    sidebar = ["Popular", "Kettles tested", "Staff pick", "Save for later"]
    page = [*MENU, MEAL_TITLE, *sidebar, *MEAL_INTRO, *deck, *FOOTER]
    assert body(page, MEAL_TITLE) == MEAL_INTRO


def test_a_comment_thread_after_the_text_stays_hidden() -> None:
    # each post's "Reply" / "Like" lines recur in the same order, under a dated header
    thread = []
    for name, day_ in (("Tom Hale", 3), ("Jo Marsh", 4), ("Ed Vance", 5)):
        thread += [
            name,
            f"October {day_}, 2025 at 7:03 pm",
            "Great plan, I tried it and it worked for me all week.",
            "Reply",
            "Like",
        ]
    page = [*MENU, MEAL_TITLE, *MEAL_INTRO, *thread, *FOOTER]
    assert body(page, MEAL_TITLE) == MEAL_INTRO


BLOG_TITLE = "Teach this: a video lesson plan that works"
BLOG_MENU = ["Cool Class Blog", "Pages", "Home", "Books", "About Me"]
BLOG_TEXT = (
    "A fine example of how a teacher takes the class through making a short film, step "
    "by step, with handouts for planning the shots and writing the script together."
)
BLOG_SIDEBAR = [
    "Older Post Home",
    "Search This Blog",
    "Labels",
    "assessment (44)",
    "blogging (38)",
    "teaching (354)",
    "© 2025 Cool Class Blog",
]


def blog_page(close: list[str]) -> list[str]:
    head = ["Monday, November 3, 2025", BLOG_TITLE, "Posted by Ann Lee", "Share to Twitter"]
    return [*BLOG_MENU, *head, BLOG_TEXT, *close, *BLOG_SIDEBAR]


def test_a_sentence_before_the_posts_time_line_is_kept() -> None:
    note = "Posted from my phone. The rest of my favourite links are here."
    page = blog_page(["tags: teaching video film", note, "at 2:30 PM"])
    assert body(page, BLOG_TITLE) == [BLOG_TEXT, note]


def test_a_sign_off_before_the_posts_date_line_is_kept() -> None:
    page = blog_page(["Namaste!", "November 3, 2025 | Permalink"])
    assert body(page, BLOG_TITLE) == [BLOG_TEXT, "Namaste!"]


def test_the_sites_note_before_the_posts_time_line_stays_hidden() -> None:
    note = "A version of this article appeared in print on page 12 of the weekend edition."
    page = blog_page(["tags: teaching video film", note, "at 2:30 PM"])
    assert body(page, BLOG_TITLE) == [BLOG_TEXT]


def test_a_thread_of_undated_posts_after_the_text_stays_hidden() -> None:
    # "Reply" / "Like" under each post, a "2 hours ago" header and no comment heading
    thread = []
    for name, hours in (("Tom Hale", 2), ("Jo Marsh", 3), ("Ed Vance", 5)):
        thread += [name, f"{hours} hours ago", f"Thanks {name}, the plan worked.", "Reply", "Like"]
    page = [*MENU, MEAL_TITLE, *MEAL_INTRO, *thread, *FOOTER]
    assert body(page, MEAL_TITLE) == MEAL_INTRO
