"""A list that is the article's own content is kept; a site's teaser list is not (issue 9).

Each page is made up for the test, in the shape of a scraped page: a menu, the
headline, a short text, then a list, then what a site prints under an article. A
list after the text is kept when its items share a structure that a column of
headlines lacks (numbered 1, 2, 3 ... in order; "label: value" rows with different
labels), with nothing of the site's between it and the text; a "Most read" list
under its own heading is still hidden.
"""

from __future__ import annotations

from reader.core.clean import clean_blocks

TITLE = "Harbour Hawks host the Valley Foxes in the cup's second round"
MENU = ["Home", "News", "Sport", "Results", "Fixtures", "Weather", "Contact"]
SHARE = ["Share", "Tweet", "Email"]
FOOTER = ["About us", "Advertise", "Privacy policy", "© 2025 Harbour Post. All rights reserved."]
INTRO = [
    "The Harbour Hawks welcome the Valley Foxes to the sea-front ground on Saturday "
    "afternoon, with both sides missing players through injury and suspension.",
]
TEASERS = [
    "Ferry timetable changes for the winter months",
    "New playground opens by the old lighthouse",
    "Council delays the vote on the marina plan",
    "Fishing fleet returns early as storm nears",
]
MOST_READ = ["Most read", *(f"{n}. {t}" for n, t in enumerate(TEASERS, 1))]


def body(blocks: list[str], title: str = TITLE) -> list[str]:
    return clean_blocks(blocks, title).body


LINEUP = [
    "1. Tom Reyes (R) LF 1. Ian Moss (L) LF",
    "2. Carl Dunn (L) CF 2. Bo Hart (R) CF",
    "3. Eli Park (R) 1B 3. Ned Lowe (L) RF",
    "4. Sam Ruiz (S) SS 4. Al Ford (R) DH",
]


def test_a_numbered_lineup_after_a_short_text_is_kept() -> None:
    page = [*MENU, TITLE, *INTRO, "Hawks Foxes", *LINEUP, *SHARE, *MOST_READ, *FOOTER]
    kept = body(page)
    assert kept == [*INTRO, "Hawks Foxes", *LINEUP]


RESULTS = [
    "Double: Sea Mist — Gale Force",
    "Jackpot: (i) 3, 4, 5, 6 & 7. (ii) 5, 6, 7, 8 & 9.",
    "Treble: (i) 3, 4 & 5. (ii) 4, 6 & 7.",
    "Quartet: All races.",
    "Super Jackpot: 4, 5, 6, 7, 8 & 9.",
]


def test_label_value_rows_after_a_short_text_are_kept() -> None:
    intro = [
        "The first race goes off at noon on a firm track, with a field of twelve in the "
        "opening sprint and the going expected to hold all afternoon.",
        "Day's best: Sea Mist",
    ]
    tools = ["Printer friendly page", "Send this article to a friend by e-mail"]
    page = [*MENU, TITLE, *intro, *RESULTS, *tools, *MOST_READ, *FOOTER]
    assert body(page) == [*intro, *RESULTS]


def test_a_numbered_teaser_list_under_its_heading_is_still_hidden() -> None:
    page = [*MENU, TITLE, *INTRO, *MOST_READ, *FOOTER]
    assert body(page) == INTRO


def test_numbered_tags_after_the_text_are_still_hidden() -> None:
    tags = ["1. hawks", "2. valley foxes", "3. cup"]
    page = [*MENU, TITLE, *INTRO, *tags, *SHARE, *FOOTER]
    assert body(page) == INTRO


CALENDAR = [
    f"{n}a etapa: {n + 3} de maio – Circuito {name}"
    for n, name in enumerate(["Norte", "Sul", "Leste", "Oeste", "Central", "do Vale"], 1)
]
PROMOS = [
    "Click the picture above to see how the drivers stand in this season's power ranking, "
    "with every race weekend's results, the points table and our writers' verdicts.",
    "» Preview – the season opener, with the times of every practice session, the "
    "qualifying and the race, and where to watch each of them on television this year.",
    "Our podcast is back for a new season, talking about everything that happened on and "
    "off the track this week, with guests from the paddock and your questions answered.",
]


def test_a_calendar_under_the_headline_wins_over_the_sites_promotions() -> None:
    page = [*MENU, TITLE, "May 2, 2025 at 10:12", "Race calendar 2025", *CALENDAR]
    page += ["Tags", "calendar, racing", "Columns", *PROMOS, *FOOTER]
    kept = body(page)
    assert [line for line in kept if line in CALENDAR] == CALENDAR
    assert not any(line in kept for line in PROMOS)


def test_metadata_rows_under_the_headline_are_no_list() -> None:
    meta = ["Contributed by: Ann Lee", "Source: harbourpost.example", "Posted on: May 2, 2025"]
    meta += ["Filed under: Sport, Cup"]
    page = [*MENU, TITLE, *meta, *INTRO, *SHARE, *MOST_READ, *FOOTER]
    assert not any(line in body(page) for line in meta[:2])


CAPTIONS = [
    "“Ready for the storm,” shared by harbourgirl",
    "“My grandfather's old boat, still afloat,” shared by seadog",
    "“Low tide at six,” shared by AnnaPaints",
    "“The new ferry, from the top deck,” shared by tomtom",
    "“Gulls everywhere,” shared by birdwatch",
]


def test_captions_written_to_one_pattern_after_a_short_text_are_kept() -> None:
    intro = [
        "Our readers sent in hundreds of pictures of the harbour this week, from the storm "
        "to the first sunny morning. Here are the ones we liked best."
    ]
    closing = "Send us yours with the app's camera button."
    page = [*MENU, TITLE, *intro, *CAPTIONS, closing, "Tags: harbour, photos"]
    page += ["Related", *TEASERS, *FOOTER]
    assert body(page) == [*intro, *CAPTIONS, closing]


def test_a_share_widget_with_one_phrase_everywhere_is_no_caption_list() -> None:
    widget = [
        "Stumble this article",
        "Like this article on Facebook",
        "Save this article on your reading list",
        "Vote this article up",
    ]
    page = [*MENU, TITLE, *INTRO, "Share/save this article:", *widget, "Related", *TEASERS]
    page += FOOTER
    assert body(page) == INTRO


RECORDS = [
    "Skipper Ann Lee",
    "Boat: Sea Mist, built 1962",
    "Home port: North Harbour",
    "Skipper Bo Chen",
    "Boat: Gale Force, built 1978",
    "Home port: Stone Quay",
    "Skipper Cara Diaz",
    "Boat: Little Auk, built 1990",
    "Home port: the Narrows",
]


def test_a_table_printed_one_cell_a_line_after_the_text_is_kept() -> None:
    intro = [
        "Three crews will race the old boats around the islands this summer, and each "
        "of them has sailed these waters for more than twenty years.",
    ]
    closing = "The race starts from the harbour mouth at noon on the first Saturday of July."
    page = [*MENU, TITLE, *intro, *RECORDS, closing, *MOST_READ, *FOOTER]
    assert body(page) == [*intro, *RECORDS, closing]


def test_headlines_over_bylines_are_no_table() -> None:
    teasers = [line for t in TEASERS for line in (t, "By Ann Lee")]
    page = [*MENU, TITLE, *INTRO, *SHARE, *teasers, *FOOTER]
    assert body(page) == INTRO


def test_a_chinese_numbered_list_after_a_short_text_is_kept() -> None:
    # Chinese puts no spaces between words: an item of nine characters is one or two
    # "words" between spaces, and the list was taken for numbered tags (a teaser list)
    title = "本周港口最好的五个去处"
    intro = [
        "港口周边有很多值得一去的地方，我们的记者这个星期走遍了整个海岸，为读者挑选出了"
        "下面这五个最好的去处。"
    ]
    items = [
        "1. 北海岸最安静的海湾",
        "2. 老灯塔和它的小博物馆",
        "3. 星期日早上的鱼市场",
        "4. 港口最好吃的蟹肉三明治",
        "5. 看日落最好的东码头",
    ]
    page = [*MENU, title, *intro, *items, *SHARE, *MOST_READ, *FOOTER]
    assert body(page, title) == [*intro, *items]


PORTRAITS = [
    "Mara Quist, baker",
    "Olek and Dana, street musicians",
    "Ruth Amsel, retired ferry captain",
    "Jonah, apprentice",
    "Pim Varga, DJ",
]


def test_a_photo_essays_name_and_role_captions_after_the_text_are_kept() -> None:
    """Captions of one shape, a name and what the person does, are the essay's own
    list; headlines never read "Name, lower-case role"."""
    intro = [
        "For a year the photographer walked the harbour at dawn and asked the people "
        "she met there to stand still for one picture in the light of the quay.",
        "The portraits hang in the old customs house until the end of the month, "
        "and the sitters were invited to the opening with their families.",
    ]
    page = [*MENU, TITLE, *intro, *PORTRAITS, *SHARE, *MOST_READ, *FOOTER]
    assert body(page) == [*intro, *PORTRAITS]


def test_headlines_with_a_comma_are_no_captions() -> None:
    """A teaser list whose headlines carry a comma ("Obama, Romney Clash") or a
    sentence after it stays hidden."""
    headlines = [
        "Harbour, Valley Clash Over Ferry Money",
        "Council, unions agree on a new pay deal for port staff.",
        "Storm warning, ferries cancelled",
        "Ferry fares rise, again",
    ]
    intro = INTRO
    page = [*MENU, TITLE, *intro, *SHARE, *headlines, *FOOTER]
    kept = body(page)
    assert kept == intro
