"""Short scraped news pages: a few paragraphs inside a site's menu, byline, "Most
read" list and footer. Every paragraph earns little on its own, so the body used to
be the one best paragraph, and subheadings named like page sections and one-line
paragraphs ended it (issue 9: "a subheading followed by prose is part of the
article, whatever its words"; "one-line paragraphs go as navigation").

Each page is written for the test; each test fails without its rule.
"""

from __future__ import annotations

import pytest

from reader.core.clean import clean_blocks

TITLE = "Tidal power plant opens on the estuary"
TOP = ["Home", "News", "Sport", "Weather", "Search", TITLE, "By Ana Ruiz", "20 November 2025"]
END = [
    "Most read",
    "Storm closes the coast road",
    "Lido to reopen in spring",
    "Bakery wins award",
    "© 2025 Coast News. All rights reserved.",
]
LEAD = (
    "The first tidal turbines on the estuary began feeding the grid on Thursday, after "
    "six years of planning and two of building."
)


def kept(article: list[str]) -> list[str]:
    return clean_blocks([*TOP, *article, *END], TITLE).body


def test_subheadings_named_like_page_sections_keep_their_paragraphs() -> None:
    article = [
        LEAD,
        "Reactions",
        "Fishermen on the quay were divided, with some fearing for the salmon run.",
        "Related research",
        "A university study last year found no harm to fish at a similar site in the north.",
    ]
    assert kept(article) == article


def test_one_line_paragraphs_stay_with_the_text_around_them() -> None:
    article = [
        "The first tidal turbines on the estuary began feeding the grid on Thursday.",
        "Start early.",
        "The ferry is the best way to see them at low tide, the harbour master said.",
        "Bring a coat.",
        "Tours leave from the quay every hour from ten until four in the afternoon.",
    ]
    assert kept(article) == article


def test_a_closing_label_said_as_a_sentence_is_no_one_line_paragraph() -> None:
    # "Filed under news." between a post's last lines is the blog's, like "Tags: news"
    article = [
        LEAD,
        "Critics say the turbines may harm the salmon run; the operator says monitoring "
        "will continue for ten years.",
    ]
    tail = [
        "Filed under news.",
        "Bookmark the permalink and follow any comments here with the feed of this post.",
    ]
    body = kept([*article, *tail])
    assert body[: len(article)] == article
    assert "Filed under news." not in body


def test_a_subheading_over_a_paragraph_and_a_list_opens_a_section() -> None:
    # in a saved page the list keeps its bullets; the subheading was hidden as "after
    # article" with the paragraph under it
    section = [
        "How it works",
        "Twelve turbines sit on the river bed and turn with the ebb and the flood, as "
        "the operator explains.",
    ]
    items = ["• Capacity: 20 MW", "• Homes served: about 15,000"]
    body = kept([LEAD, *section, *items])
    assert body[:3] == [LEAD, *section]


@pytest.mark.parametrize(
    "article",
    [
        [
            "Первые приливные турбины в эстуарии начали подавать ток в сеть в четверг после "
            "шести лет планирования.",
            "Реакция",
            "Рыбаки на причале разделились во мнениях: одни рады новой работе, другие боятся "
            "за лосося и за свой улов.",
            "Оператор обещает следить за рекой ещё десять лет.",
        ],
        [
            "Pierwsze turbiny pływowe w ujściu rzeki zaczęły w czwartek dostarczać prąd do "
            "sieci po sześciu latach planowania.",
            "Reakcje",
            "Rybacy na nabrzeżu byli podzieleni: jedni cieszą się z nowej pracy, inni boją się "
            "o łososie i o swoje połowy.",
            "Operator obiecuje monitorować rzekę przez dziesięć lat.",
        ],
        [
            "Οι πρώτες παλιρροϊκές τουρμπίνες στις εκβολές άρχισαν να τροφοδοτούν το δίκτυο "
            "την Πέμπτη, μετά από έξι χρόνια σχεδιασμού.",
            "Αντιδράσεις",
            "Οι ψαράδες στην προκυμαία ήταν διχασμένοι: κάποιοι χαίρονται για τις νέες "
            "δουλειές, άλλοι φοβούνται για τον σολομό και την ψαριά τους.",
            "Ο φορέας θα παρακολουθεί τον ποταμό για δέκα χρόνια.",
        ],
        [
            "河口的第一批潮汐涡轮机在周四开始向电网供电，此前经历了六年的规划和两年的建设。",
            "反应",
            "码头上的渔民意见不一，有些人欢迎新的工作机会，也有人担心鲑鱼洄游和自己的渔获会受到影响。",
            "运营商表示，对河流和鱼类的监测将持续十年，并会每年公布一次结果。",
        ],
    ],
    ids=["ru", "pl", "el", "zh"],
)
def test_a_lead_that_earns_little_is_kept_over_a_subheading(article: list[str]) -> None:
    # in a language with few stopwords a lead of one sentence earns little; with a
    # subheading under it, the body started after it and lead and subheading went as
    # "before article" (in Chinese, a paragraph's size is counted in characters)
    assert kept(article) == article


@pytest.mark.parametrize(
    "rest",
    [
        [  # a fact list and a quote
            "How it works",
            "Twelve turbines sit on the river bed and turn with the ebb and the flood, as "
            "the operator explains.",
            "Capacity: 20 MW",
            "Homes served: about 15,000",
            "We waited a long time for this, said a fisherman.",
            "Critics say the turbines may harm the salmon run; the operator says "
            "monitoring will continue.",
        ],
        [  # quotes, each with who said it
            '"We waited a long time for this."',
            "— a fisherman on the quay",
            '"It is a good day for the town."',
            "— the mayor",
            "The operator says monitoring of the river will continue for ten years.",
        ],
        [  # key figures
            "Key figures",
            "20 MW of capacity",
            "15,000 homes",
            "£48m cost",
            "The operator says monitoring of the river will continue for ten years.",
        ],
        [  # a list announced by a line of its own, with no figures in it
            "What you need to know:",
            "The plant has twelve turbines",
            "It can power 15,000 homes",
            "Tours start in spring",
            "More turbines may follow next year if the fish counts in the river hold up, "
            "the operator said.",
        ],
    ],
    ids=["facts", "quotes", "figures", "announced list"],
)
def test_the_lines_between_the_text_and_the_closing_furniture_are_the_article(
    rest: list[str],
) -> None:
    # nothing of the site's stands before "Most read": the body used to be the lead
    assert kept([LEAD, *rest]) == [LEAD, *rest]


FOOTER = "© 2025 Coast News. All rights reserved."
# A teaser with no section heading over it: a headline and its blurb.
TEASER = ["Lido reopens", "The pool opens in April."]


@pytest.mark.parametrize(
    "ending",
    [
        [  # a one-line paragraph, a list of prices, a quote
            "Start early.",
            "Cars: 2 euros",
            "Vans: 4 euros",
            "We waited long enough, said one driver.",
        ],
        [  # Polish: a one-line paragraph and a list
            "Warto przyjść wcześnie.",
            "Bilet normalny: 12 zł",
            "Bilet ulgowy: 6 zł",
            "Zwiedzanie trwa godzinę.",
        ],
        [  # Russian: two one-line paragraphs
            "Приходите пораньше.",
            "Экскурсии начнутся весной.",
        ],
    ],
    ids=["english", "polish", "russian"],
)
def test_the_short_lines_closing_the_article_before_the_furniture_are_kept(
    ending: list[str],
) -> None:
    # the article ends in short lines, none a paragraph that earns, right above a
    # teaser with no heading and the footer: they used to go as "after article"
    article = [
        LEAD,
        "What happens next",
        "Fishermen who had worked the estuary since the seventies welcomed the plant, "
        "though some said the fish would suffer.",
        *ending,
    ]
    body = clean_blocks([*TOP, *article, *TEASER, FOOTER], TITLE).body
    assert body[: len(article)] == article


def test_a_teasers_headline_after_the_article_is_no_closing_sentence() -> None:
    # the site's list under the text, with no heading of its own, opens with a headline
    article = [
        LEAD,
        "Fishermen on the quay were divided, with some fearing for the salmon run, "
        "though most welcomed the jobs.",
    ]
    teasers = ["Storm warning", "Lido to reopen", "Bakery wins award!"]
    assert clean_blocks([*TOP, *article, *teasers, FOOTER], TITLE).body == article


@pytest.mark.parametrize(
    ("heading", "paragraph", "ending"),
    [
        (
            "Reactions",
            "Fishermen who had worked the estuary since the seventies welcomed the plant, "
            "though some said the fish would suffer.",
            ["Start early.", "Cars: 2 euros", "Vans: 4 euros"],
        ),
        (
            "Komentarze",
            "Rybacy, którzy od lat siedemdziesiątych łowią w ujściu rzeki, przyjęli "
            "elektrownię dobrze, choć niektórzy obawiają się o ryby.",
            ["Warto przyjść wcześnie.", "Bilet normalny: 12 zł"],
        ),
    ],
    ids=["reactions", "polish"],
)
def test_a_heading_named_like_comments_over_one_paragraph_is_a_subheading(
    heading: str, paragraph: str, ending: list[str]
) -> None:
    # one paragraph and the article's closing lines under it, no post's header:
    # a last section of the article, not a thread (it used to go as "comments")
    article = [LEAD, heading, paragraph, *ending]
    body = clean_blocks([*TOP, *article, *TEASER, FOOTER], TITLE).body
    assert body[: len(article)] == article


def test_a_footers_year_under_a_heading_named_like_comments_signs_no_post() -> None:
    # "© 2025 Coast News" is a short line with a year, as a post's header is: it
    # made the heading over one paragraph a thread's, and the story was its lead
    article = [
        LEAD,
        "Reactions",
        "Fishermen who had worked the estuary since the seventies welcomed the plant, "
        "though some said the fish would suffer.",
        "Start early.",
    ]
    body = clean_blocks([*TOP, *article, *TEASER, "© 2025 Coast News"], TITLE).body
    assert body[: len(article)] == article


def test_a_thread_under_a_comments_heading_stays_hidden() -> None:
    # posts with their writers' names and times: the shape of a thread
    article = [
        LEAD,
        "Fishermen who had worked the estuary since the seventies welcomed the plant, "
        "though some said the fish would suffer.",
    ]
    thread = [
        "Comments",
        "Great news for the town, and about time too if you ask me.",
        "Start early.",
        "Ann Lee, 21 November 2025 at 9:14",
        "I hope the salmon are fine with it, we will see next spring.",
        "Tom Reed, 21 November 2025 at 10:02",
        "Finally some jobs on this side of the river.",
    ]
    assert clean_blocks([*TOP, *article, *thread, FOOTER], TITLE).body == article


def test_a_quote_closing_a_markdown_dump_is_a_closing_sentence() -> None:
    # a scraped page as Markdown: a menu of links, the story, a linked teaser, a footer;
    # the story's last block is a quote, its "> " mark before the capital
    article = [
        LEAD,
        "## What happens next",
        "Fishermen who had worked the estuary since the seventies welcomed the plant, "
        "though some said the fish would suffer.",
        "Start early.",
        "- Tours: 4 euros\n- Boats: 9 euros",
        "> We waited a long time for this, said one fisherman.",
    ]
    page = [
        "[Home](https://example.org/) [News](https://example.org/news)",
        f"# {TITLE}",
        *article,
        "### [Lido reopens](https://example.org/lido)",
        "The pool opens in April.",
        FOOTER,
    ]
    body = clean_blocks(page, TITLE).body
    assert body[: len(article)] == article
