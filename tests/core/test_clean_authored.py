"""Articles someone wrote are left whole (issue 9, "Never hide the story").

Hiding text needs evidence; keeping is the default. A Markdown post, or a .txt
article without page chrome (menus, share bars, footers, cookie banners, teaser
lists), loses nothing but a line that repeats its title. Bylines and datelines
may move to the header (`CleanResult.byline` / `.dateline`); they are never
hidden as navigation. A subheading followed by prose belongs to the article
whatever its words.

Every article here was written for these tests (fictional, no corpus text).
Each test first checks that the file parses into the blocks it was written as,
so a failure means the cleaner hid text, not that the test built the wrong page.
The last tests check that real page chrome still goes, so keeping everything is
not the answer either.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.core.clean import clean_blocks
from reader.core.formats import read_page
from reader.core.formats.markdown import parse_markdown_page
from reader.core.formats.text import parse_text_page
from reader.core.models import Article, CleanResult
from reader.core.reading import open_article

SAMPLES = Path(__file__).resolve().parents[2] / "sample_feeds"
DATE = "2025-08-07"


def _norm(text: str) -> str:
    """Text without Markdown heading/emphasis marks and case, for comparing lines."""
    return " ".join(text.strip().lstrip("#").strip().strip("*_").split()).casefold()


def lost(result: CleanResult, title: str) -> list[tuple[str, str]]:
    """The hidden blocks an authored article may not lose, as (reason, text).

    Allowed to be hidden: a repeat of the title, a byline that the result returns in
    `.byline`, a dateline that it returns in `.dateline`. Tests assert `== []`, so a
    failure lists what was hidden and why."""
    out = []
    for block in result.hidden:
        if _norm(block.text) == _norm(title):
            continue
        if block.reason == "byline" and result.byline and _norm(result.byline) in _norm(block.text):
            continue
        if block.reason == "dateline" and result.dateline and result.dateline in block.text:
            continue
        out.append((block.reason, block.text))
    return out


def report(hidden: list[tuple[str, str]]) -> str:
    """A failure message: one `[reason] text` line per hidden block."""
    return "hidden:\n" + "\n".join(f"  [{reason}] {text!r}" for reason, text in hidden)


def assert_nothing_lost(result: CleanResult, title: str) -> None:
    hidden = lost(result, title)
    assert hidden == [], report(hidden)


def txt_source(title: str, blocks: list[str]) -> str:
    """A .txt article: the `date` header line, the title line, then one line a block."""
    return f"date {DATE} {title}\n" + "\n".join([title, *blocks]) + "\n"


def md_source(title: str, blocks: list[str]) -> str:
    """A Markdown post: a `#` title heading, then blank-line separated blocks."""
    return "\n\n".join([f"# {title}", *blocks]) + "\n"


def clean_article(fmt: str, title: str, blocks: list[str]) -> CleanResult:
    """Parse the article as the app does, check it split as written, and clean it."""
    blocks = [b.replace("\t", "    ") for b in blocks]  # the parser expands tabs
    if fmt == "md":
        page = parse_markdown_page(md_source(title, blocks), "fallback")
        assert page.blocks() == [f"# {title}", *blocks]
    else:
        page = parse_text_page(txt_source(title, blocks), "fallback")
        assert page.blocks() == [title, *blocks]
    assert page.title == title
    return clean_blocks(page.blocks(), page.title)


def assert_whole(fmt: str, title: str, blocks: list[str]) -> None:
    assert_nothing_lost(clean_article(fmt, title, blocks), title)


# --------------------------------------------------------------------------
# a hand-written Markdown post

POST_TITLE = "Notes from a week of stubborn sourdough"
POST = [
    "I baked a loaf every morning last week, mostly to find out whether the old starter "
    "at the back of my fridge could still be saved.",
    "## What I changed",
    "- Fed the starter twice a day\n- Kept the dough near the radiator\n"
    "- Used a little less water in the first mix",
    "> Bread is patience you can eat.",
    "My grandmother used to say that, and she never weighed anything in her life. "
    "By Friday the loaf finally rose the way hers did.",
]


def test_handwritten_markdown_post_is_kept_whole() -> None:
    assert_whole("md", POST_TITLE, POST)


def test_markdown_post_opened_by_the_app_is_kept_whole(tmp_path: Path) -> None:
    path = tmp_path / "sourdough.md"
    path.write_text(md_source(POST_TITLE, POST), encoding="utf-8")
    article = Article("a1", str(path), "blog", POST_TITLE, None, 0.0, format="md")
    reading = open_article(article)
    assert_nothing_lost(reading.result, POST_TITLE)
    assert reading.result.body[-len(POST) :] == POST


# --------------------------------------------------------------------------
# a news brief: lead paragraph, then a subheading

BRIEF_TITLE = "Island ferry fares to rise by six per cent in April"
BRIEF = [
    "Fares on the island ferries will rise by six per cent from 1 April, the operator "
    "said on Thursday, blaming higher fuel and crew costs.",
    "What changes",
    "A return ticket for a car and driver will cost £48, up from £45. Foot passengers "
    "will pay £9.50 for a return.",
    "Season tickets bought before the end of March keep the old price.",
]


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_news_brief_with_a_subheading_after_the_lead(fmt: str) -> None:
    blocks = [f"## {b}" if fmt == "md" and b == "What changes" else b for b in BRIEF]
    assert_whole(fmt, BRIEF_TITLE, blocks)


# --------------------------------------------------------------------------
# subheadings named like page sections, each followed by prose

PIPES_TITLE = "Water board to replace lead pipes in 9,000 older homes"
PIPES_LEAD = [
    "The regional water board will spend £30 million over five years to replace lead "
    "pipes in older homes, it announced on Wednesday.",
    "About 9,000 houses built before 1970 are thought to still have lead supply pipes, "
    "most of them in the terraced streets around the old mill district.",
    "How the work will be done",
    "Crews will start in the mill district in May and move street by street. Residents "
    "will get two weeks' notice, and the water will be off for no more than a day.",
]
SECTIONS = {
    "Reactions": [
        "Residents' groups welcomed the plan but said it had come late. \"We have been "
        'asking for this since 2012," said Lena Park of the Mill Streets Association.',
        "The opposition members of the board said the budget would not cover every house.",
    ],
    "Related research": [
        "A study by the university's public health school last year found raised lead "
        "levels in tap water in one in twelve of the homes it tested in the district.",
        "The researchers said running the tap for a minute in the morning cut the levels.",
    ],
    "More on this": [
        "Households that want to know whether their home is affected can ask the board "
        "for a free test. The results take about three weeks.",
        "Tenants should ask their landlord first, the board said.",
    ],
    "Comments": [
        "The board said it had received more than 400 comments during its consultation, "
        "most of them asking for the work to start sooner.",
        "Several people asked for help with the pipes inside the home, which the plan "
        "does not cover.",
    ],
    "Comments from the minister": [
        "The environment minister, Rosa Idris, called the plan a model for other regions "
        "and promised national money for the next stage.",
        "She did not say how much.",
    ],
}


def _heading(fmt: str, text: str) -> str:
    return f"## {text}" if fmt == "md" else text


def _pipes(fmt: str, headings: list[str]) -> list[str]:
    blocks = [_heading(fmt, b) if b == PIPES_LEAD[2] else b for b in PIPES_LEAD]
    for heading in headings:
        blocks += [_heading(fmt, heading), *SECTIONS[heading]]
    return blocks


@pytest.mark.parametrize("heading", list(SECTIONS))
@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_section_named_subheading_followed_by_prose_is_kept(fmt: str, heading: str) -> None:
    assert_whole(fmt, PIPES_TITLE, _pipes(fmt, [heading]))


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_several_section_named_subheadings_in_one_article(fmt: str) -> None:
    headings = ["Reactions", "Related research", "More on this", "Comments"]
    assert_whole(fmt, PIPES_TITLE, _pipes(fmt, headings))


# --------------------------------------------------------------------------
# an article of one-line paragraphs

DAWN_TITLE = "What a month of running at dawn taught me"
DAWN = [
    "Start early.",
    "The streets are empty before six.",
    "I set two alarms.",
    "The first week was hard.",
    "My knees complained.",
    "So I slowed down.",
    "I bought better shoes.",
    "By the third week I looked forward to it.",
    "It worked.",
    "I am still running.",
]


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_article_of_one_line_paragraphs_is_kept_whole(fmt: str) -> None:
    assert_whole(fmt, DAWN_TITLE, DAWN)


# --------------------------------------------------------------------------
# lists of short items without punctuation

SOUP_TITLE = "Red lentil soup for a cold evening"
SOUP_INTRO = (
    "This soup takes forty minutes and feeds four. It keeps for three days in the "
    "fridge and tastes better on the second."
)
INGREDIENTS = [
    "200 g red lentils",
    "1 onion",
    "2 carrots",
    "1 litre vegetable stock",
    "1 teaspoon ground cumin",
    "Salt and pepper",
]
STEPS = [
    "Chop the onion and carrots",
    "Soften them in oil for ten minutes",
    "Add the lentils, stock and cumin",
    "Simmer for twenty-five minutes",
    "Blend until smooth",
]
SOUP_END = "Serve with bread and a squeeze of lemon."


def test_txt_recipe_lists_without_punctuation_are_kept() -> None:
    blocks = [SOUP_INTRO, "Ingredients", *INGREDIENTS, "Method", *STEPS, SOUP_END]
    assert_whole("txt", SOUP_TITLE, blocks)


def test_markdown_recipe_lists_without_punctuation_are_kept() -> None:
    blocks = [
        SOUP_INTRO,
        "## Ingredients",
        "\n".join(f"- {item}" for item in INGREDIENTS),
        "## Method",
        "\n".join(f"{n}. {step}" for n, step in enumerate(STEPS, 1)),
        SOUP_END,
    ]
    assert_whole("md", SOUP_TITLE, blocks)


# --------------------------------------------------------------------------
# quotes and attributions

RESCUE_TITLE = "Four fishermen rescued after engine fails off the north cape"
RESCUE_TXT = [
    "Four fishermen were rescued on Sunday after their trawler lost power in heavy seas "
    "off the north cape.",
    "The skipper, Marta Keel, said the engine stopped just after dawn.",
    "“We were lucky,” she said.",
    "“The lifeboat reached us in forty minutes.”",
    "The crew spent the night in hospital and went home on Monday.",
    "“The sea does not forgive mistakes. This time it forgave ours.”",
    "— Ana Lima, lifeboat coxswain",
]
RESCUE_MD = [
    *RESCUE_TXT[:5],
    "> “The sea does not forgive mistakes. This time it forgave ours.”\n>\n> — Ana Lima",
]


@pytest.mark.parametrize(
    ("fmt", "blocks"), [("txt", RESCUE_TXT), ("md", RESCUE_MD)], ids=["txt", "md"]
)
def test_quotes_and_attributions_are_kept(fmt: str, blocks: list[str]) -> None:
    assert_whole(fmt, RESCUE_TITLE, blocks)


# --------------------------------------------------------------------------
# code

BACKUP_TITLE = "How I back up my notes with one rsync line"
BACKUP_INTRO = [
    "My notes live in a single folder, and for years I copied it to a USB stick by hand "
    "whenever I remembered, which was not often.",
    "Now a small script does it every night. The important line is this one:",
]
BACKUP_END = "Since then I have not lost a single note."


def test_txt_indented_command_lines_are_kept() -> None:
    blocks = [
        *BACKUP_INTRO,
        "    rsync -a --delete ~/notes/ /mnt/backup/notes/",
        "To see what it would do without copying anything, add the dry-run flag:",
        "    rsync -an --delete ~/notes/ /mnt/backup/notes/",
        "I run it from cron at two in the morning:",
        "    0 2 * * * /home/kim/bin/backup-notes",
        BACKUP_END,
    ]
    assert_whole("txt", BACKUP_TITLE, blocks)


def test_markdown_fenced_code_block_is_kept() -> None:
    blocks = [
        *BACKUP_INTRO,
        "```sh\nrsync -a --delete ~/notes/ /mnt/backup/notes/\n"
        "rsync -an --delete ~/notes/ /mnt/backup/notes/\n```",
        "I run it from cron at two in the morning:",
        "```\n0 2 * * * /home/kim/bin/backup-notes\n```",
        BACKUP_END,
    ]
    assert_whole("md", BACKUP_TITLE, blocks)


# --------------------------------------------------------------------------
# tables

RAIN_TITLE = "The valley's wettest autumn in twenty years"
RAIN_INTRO = (
    "The valley had its wettest autumn in twenty years, according to the volunteer "
    "weather station at Elm Farm, which has kept records since 1998."
)
RAIN_ROWS = [
    ("Month", "Rain (mm)", "Average (mm)"),
    ("September", "112", "64"),
    ("October", "158", "81"),
    ("November", "140", "90"),
]
RAIN_END = (
    "The station's keeper, Rob Hale, said the fields had not been so wet since 2004, "
    "and that the river was still running high."
)


def _tab_rows() -> list[str]:
    return ["\t".join(row) for row in RAIN_ROWS]


def _space_rows() -> list[str]:
    return ["".join(cell.ljust(14) for cell in row).rstrip() for row in RAIN_ROWS]


@pytest.mark.parametrize("rows", [_tab_rows, _space_rows], ids=["tabs", "spaces"])
def test_txt_table_of_columns_is_kept(rows: Callable[[], list[str]]) -> None:
    assert_whole("txt", RAIN_TITLE, [RAIN_INTRO, *rows(), RAIN_END])


def test_markdown_pipe_table_is_kept() -> None:
    table = "\n".join(
        [
            "| Month | Rain (mm) | Average (mm) |",
            "|---|---:|---:|",
            *(f"| {a} | {b} | {c} |" for a, b, c in RAIN_ROWS[1:]),
        ]
    )
    assert_whole("md", RAIN_TITLE, [RAIN_INTRO, table, RAIN_END])


# --------------------------------------------------------------------------
# a Q&A interview

KEEPER_TITLE = "Five questions for the lighthouse keeper of Skerry Point"
KEEPER_INTRO = "Mira Voss has kept the Skerry Point light for eleven years. We asked her about it."
KEEPER_QA = [
    ("What does a normal day look like?", "Quiet. I check the lamp, log the weather, paint."),
    ("Do you get lonely?", "Not really. The supply boat comes twice a week."),
    ("What is the hardest part?", "Winter storms. You don't sleep much."),
    ("Will the light be automated?", "It mostly is already. I'm the backup."),
    ("Would you do it again?", "Tomorrow."),
]


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_qa_interview_is_kept_whole(fmt: str) -> None:
    blocks = [KEEPER_INTRO]
    for q, a in KEEPER_QA:
        if fmt == "md":
            blocks += [f"**Q:** {q}", f"**A:** {a}"]
        else:
            blocks += [f"Q: {q}", f"A: {a}"]
    assert_whole(fmt, KEEPER_TITLE, blocks)


# --------------------------------------------------------------------------
# a live blog

STORM_TITLE = "Storm Calla: live updates from the coast"
STORM = [
    "Storm Calla reached the coast overnight, with gusts above 80 mph. Follow the latest "
    "updates here.",
    "10:42 — Ferry services suspended.",
    "10:55 — Coastal road closed at Gull Bay.",
    "11:20 — Power cut to 2,000 homes in Westhaven.",
    "11:48 — Schools in the district close early.",
    "12:05 — Gust of 91 mph recorded at the pier.",
    "12:30 — Council opens a rest centre at the sports hall.",
]


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_live_blog_lines_are_kept(fmt: str) -> None:
    assert_whole(fmt, STORM_TITLE, STORM)


def test_markdown_live_blog_with_bold_times_is_kept() -> None:
    blocks = [STORM[0], *(f"**{line[:5]}** {line[6:]}" for line in STORM[1:])]
    assert_whole("md", STORM_TITLE, blocks)


# --------------------------------------------------------------------------
# an image in a Markdown post

HARBOUR_TITLE = "Morning light at the old harbour"


def test_markdown_image_line_is_part_of_the_post() -> None:
    blocks = [
        "![A harbour at dawn](harbour.jpg)",
        "I walked down to the harbour before sunrise on Saturday, when the only sound was "
        "the rigging knocking against the masts.",
        "The fishing boats had gone out an hour earlier. Only the ferry was still tied up, "
        "its deck lights on.",
    ]
    assert_whole("md", HARBOUR_TITLE, blocks)


# --------------------------------------------------------------------------
# a lead sentence that contains the headline


# --------------------------------------------------------------------------
# a post about cookies and newsletters, which are no site's notices

COOKIES_TITLE = "Baking with my grandmother"
COOKIES = [
    "Every Sunday my grandmother baked cookies for the whole street.",
    "She never used a recipe, and she never burned a single batch.",
    "Ingredients",
    "- 200 g butter",
    "- 150 g sugar",
    "- 300 g flour",
    "Subscribe to nothing; just bake.",
    "The cookies went fast.",
    "Comments",
    "I subscribe to three baking newsletters now, and none of them comes close.",
    "My own children ask for the same cookies, and I make them the way she did.",
]


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_a_post_that_names_cookies_and_newsletters_is_kept_whole(fmt: str) -> None:
    # A cookie notice says what a site does with its cookies ("We use cookies to ...");
    # naming cookies, a prompt of the author's own or a newsletter read is no page
    # chrome, and no line of the post is a notice.
    blocks = COOKIES
    if fmt == "md":
        items = "\n".join(b for b in COOKIES if b.startswith("- "))
        blocks = [b for b in COOKIES if not b.startswith("- ")]
        blocks.insert(blocks.index("Ingredients") + 1, items)
        blocks = [f"## {b}" if b in ("Ingredients", "Comments") else b for b in blocks]
    assert_nothing_lost(clean_article(fmt, COOKIES_TITLE, blocks), COOKIES_TITLE)


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_a_list_of_short_items_the_post_announces_at_its_end_is_kept(fmt: str) -> None:
    # Three short lines or more below a text's last sentence read like a site's menu,
    # unless a line of the text announces them ("What to pack:").
    blocks = [
        "We spent a week on the islands in May, walking from one harbour to the next and "
        "sleeping wherever the ferry left us.",
        "The weather held for six days out of seven, which the locals told us was a small "
        "miracle for the time of year.",
        "What to pack:",
        "Passport",
        "Sun cream",
        "Good shoes",
        "A warm hat",
    ]
    if fmt == "md":
        blocks = [*blocks[:3], "\n".join(f"- {item}" for item in blocks[3:])]
    assert_whole(fmt, "A week on the islands", blocks)


# Texts whose lines read like page chrome one by one: a refrain said three times (a
# site's repeated link), a subheading each section repeats, code between the text's
# sentences or under a line ending in a colon (a site's script left in a dump).
WHOLE_TEXTS = {
    "refrain": (
        "Song of the ferry",
        [
            "The ferry leaves at seven,",
            "Oh row, my love, row",
            "The gulls are on the water,",
            "Oh row, my love, row",
            "The lights are in the harbour,",
            "Oh row, my love, row",
        ],
    ),
    "repeated subheading": (
        "Two walks on the island",
        [
            "North walk",
            "The north walk follows the cliffs from the harbour to the lighthouse.",
            "Distance",
            "Six miles, three hours.",
            "South walk",
            "The south walk crosses the dunes and comes back along the beach.",
            "Distance",
            "Four miles, two hours.",
        ],
    ),
    "code between sentences": (
        "Debouncing in five lines",
        [
            "Here is the smallest debounce I know, and it has served me well for years.",
            "let timer;",
            "function debounce(fn, ms) {",
            "  clearTimeout(timer);",
            "  timer = setTimeout(fn, ms);",
            "}",
            "Call it from your input handler and the search waits until typing stops.",
        ],
    ),
    "code under a colon": (
        "Reading the tide table",
        [
            "The harbour's tide table is easy to read from a script once you know its format.",
            "Most of the work is one call, and the rest is printing what it returns:",
            "const tides = loadTable(path);",
            "console.log(tides.next());",
        ],
    ),
}


@pytest.mark.parametrize("kind", list(WHOLE_TEXTS))
def test_a_text_whose_lines_read_like_chrome_is_kept_whole(kind: str) -> None:
    title, blocks = WHOLE_TEXTS[kind]
    assert_whole("txt", title, blocks)


@pytest.mark.parametrize(
    ("title", "before", "items", "after"),
    [
        (  # eight one-word lines in a row read like a menu
            "Our allotment this year",
            "This year we grew more than ever, mostly because the spring was kind.",
            ["Potatoes", "Carrots", "Leeks", "Beans", "Peas", "Onions", "Garlic", "Kale"],
            "Next year we will try squash and sweetcorn, if the slugs allow it.",
        ),
        (  # six bulleted lines that end in no full stop read like a box of headlines
            "The best islands for a week",
            "My favourite islands, with a line on each.",
            [
                "• Islay: whisky and birds",
                "• Jura: one road, many deer",
                "• Colonsay: beaches and a bakery",
                "• Gigha: gardens",
                "• Coll: stars at night",
                "• Tiree: wind and surf",
            ],
            "That is the list; go to any of them.",
        ),
    ],
    ids=["one-word lines", "bulleted notes"],
)
def test_a_list_between_two_sentences_is_kept(
    title: str, before: str, items: list[str], after: str
) -> None:
    # The post's sentences right above and below the list say it is its own.
    assert_whole("txt", title, [before, *items, after])


@pytest.mark.parametrize(
    "items",
    [["- Passport", "- Sun cream", "- Good shoes"], ["Potatoes", "Carrots", "Leeks"]],
    ids=["bulleted", "plain"],
)
def test_a_list_that_ends_a_post_after_a_sentence_is_kept(items: list[str]) -> None:
    # Short lines below the text's last sentence read like a site's footer menu; right
    # after a sentence of the text, and ending the page, they are the author's list.
    blocks = [
        "We walked from the lighthouse to the north beach and back, which took most of "
        "the afternoon and all of our sandwiches.",
        "Start early.",
        *items,
    ]
    assert_whole("txt", "A walk to the north beach", blocks)


def test_a_line_naming_cookies_is_not_labelled_a_notice() -> None:
    title = "Harbour bakery wins a prize"
    notice = "We use cookies to improve your experience. By browsing this site you agree."
    teaser = "My mother's gingerbread cookies"
    page = ["Harbour Gazette", "Home", "News", "Sport", title, *BRIEF, "Most read", teaser]
    page += [notice, "© 2025 Harbour Gazette"]
    reasons = {b.text: b.reason for b in clean_blocks(page, title).blocks}
    assert reasons[notice] == "cookie/newsletter notice"
    assert reasons[teaser] != "cookie/newsletter notice"


@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_lead_sentence_ending_in_the_headline_is_not_a_title_repeat(fmt: str) -> None:
    blocks = [
        "After two years of building work, a new park opens by the sea.",
        "It has a playground, a row of pine trees and benches facing the water.",
        "The gates open at seven every morning and close at sunset.",
    ]
    assert_whole(fmt, "A new park opens by the sea", blocks)


# --------------------------------------------------------------------------
# articles in other languages

FOREIGN = {
    "ru": (
        "В городе открылась новая библиотека",
        [
            "В субботу в центре города открылась новая библиотека.",
            "Здание строили два года.",
            "Внутри есть читальный зал на сто мест.",
            "Что внутри",
            "На первом этаже находится детский отдел.",
            "На втором этаже собраны книги на пяти языках.",
            "Вход свободный.",
            "Библиотека работает каждый день, кроме понедельника.",
        ],
    ),
    "pl": (
        "Nowy most nad rzeką jest gotowy",
        [
            "Nowy most nad rzeką jest już gotowy.",
            "Budowa trwała trzy lata.",
            "W sobotę przejdą po nim pierwsi mieszkańcy.",
            "Co dalej",
            "Samochody wjadą na most w październiku.",
            "Autobusy pojadą nową trasą od listopada.",
            "Burmistrz zaprasza wszystkich na otwarcie.",
        ],
    ),
    "el": (
        "Η πόλη απέκτησε πάρκο στην παραλία",
        [
            "Ο δήμος άνοιξε νέο πάρκο δίπλα στη θάλασσα.",
            "Τα έργα κράτησαν έναν χρόνο.",
            "Υπάρχουν δέντρα, παγκάκια και παιδική χαρά.",
            "Τι λένε οι κάτοικοι",
            "Οι κάτοικοι είναι ικανοποιημένοι.",
            "«Επιτέλους έχουμε πράσινο», είπε μια μητέρα.",
            "Το πάρκο είναι ανοιχτό κάθε μέρα.",
        ],
    ),
    "zh": (
        "小镇举办第一届风筝节",
        [
            "上周六，小镇举办了第一届风筝节。",
            "附近村庄的三百多人参加了活动。",
            "那天天气很好，风也不大。",
            "比赛结果",
            "一位七岁的女孩赢得了最高奖。",
            "她的风筝是一条红色的龙。",
            "组委会说，明年还会再办。",
        ],
    ),
}


@pytest.mark.parametrize("lang", list(FOREIGN))
@pytest.mark.parametrize("fmt", ["txt", "md"])
def test_non_english_article_with_subheading_is_kept_whole(fmt: str, lang: str) -> None:
    title, blocks = FOREIGN[lang]
    heading = blocks[3]
    assert_whole(fmt, title, [_heading(fmt, b) if b == heading else b for b in blocks])


# --------------------------------------------------------------------------
# byline and publication date

BUS_TITLE = "Night buses return to the three valley routes"
BUS_BODY = [
    "Night buses will run again on the three valley routes from Friday, ending a two-year "
    "gap that left late-shift workers with long walks home.",
    "The buses will leave the station every hour between midnight and five in the morning, "
    "the transport authority said.",
    "“People who clean offices and staff hospitals need to get home too,” said councillor "
    "Ewa Brandt, who campaigned for the service.",
]
BYLINE = "By Jane Doe"
PUBLISHED = "Published 7 August 2025, 12:30"


STANDFIRST = "Hourly services from midnight will link the station with the three valleys"


def assert_byline_shown(result: CleanResult, line: str, name: str) -> None:
    """The byline line is kept, or hidden as a byline that `.byline` returns."""
    block = next(b for b in result.blocks if b.text == line)
    if block.hidden:
        verdict = (block.reason, result.byline)
        assert block.reason == "byline", verdict
        assert result.byline is not None and name in result.byline, verdict


def assert_date_line_shown(result: CleanResult, line: str) -> None:
    """The publication date line is kept, or hidden as a date (never as links or menu)."""
    block = next(b for b in result.blocks if b.text == line)
    assert block.reason != "related-links list", block
    assert not block.hidden or "date" in block.reason, block


@pytest.mark.parametrize("standfirst", [False, True], ids=["plain", "standfirst"])
def test_txt_byline_and_publication_date_are_not_hidden_as_navigation(standfirst: bool) -> None:
    head = [STANDFIRST] if standfirst else []
    result = clean_article("txt", BUS_TITLE, [*head, BYLINE, PUBLISHED, *BUS_BODY])
    assert_byline_shown(result, BYLINE, "Jane Doe")
    assert_date_line_shown(result, PUBLISHED)
    others = [(r, t) for r, t in lost(result, BUS_TITLE) if t not in (BYLINE, PUBLISHED)]
    assert others == [], report(others)


def test_markdown_emphasised_byline_is_not_hidden_as_navigation() -> None:
    result = clean_article("md", BUS_TITLE, [f"*{BYLINE}*", *BUS_BODY])
    assert_byline_shown(result, f"*{BYLINE}*", "Jane Doe")
    assert_nothing_lost(result, BUS_TITLE)


# --------------------------------------------------------------------------
# the project's sample feeds


def _clean_sample(relative: str) -> CleanResult:
    page = read_page(SAMPLES / relative)
    return clean_blocks(page.blocks(), page.title)


def _hidden(result: CleanResult, texts: list[str]) -> list[tuple[str, str]]:
    """(reason, text) of the given blocks that were hidden (all must be on the page)."""
    by_text = {b.text: b for b in result.blocks}
    missing = [t for t in texts if t not in by_text]
    assert missing == [], "test bug: not blocks of the page"
    return [(by_text[t].reason, t) for t in texts if by_text[t].hidden]


def test_sample_budget_story_keeps_its_box_and_closing_sentence() -> None:
    result = _clean_sample("harbour-gazette/2025-02-11-council-approves-412m-budget.txt")
    box = [
        "What it means for you",
        "Band D council tax (council share): £1,965.12, up £93.40",
        "City-centre parking: up 40p an hour from 1 April",
        "Evening parking at Quayside and Market Street: £2 flat rate, 6pm to midnight",
        "Garden waste subscription: unchanged at £52",
        "Library opening hours: unchanged",
    ]
    closing = (
        "Final bills, including precepts for the police and fire authorities and parish "
        "councils where they apply, will be sent to households in March."
    )
    hidden = _hidden(result, [*box, closing])
    assert hidden == [], report(hidden)


def test_sample_budget_story_byline_and_date_line() -> None:
    result = _clean_sample("harbour-gazette/2025-02-11-council-approves-412m-budget.txt")
    assert_byline_shown(result, "By Helen Marsh, Local Democracy Reporter", "Helen Marsh")
    assert_date_line_shown(result, "Published 11 February 2025, 21:47")


def test_sample_tidewater_release_keeps_the_upgrade_paragraph() -> None:
    result = _clean_sample("tech-ledger/2025-06-09-tidewater-2-0-release.md")
    upgrade = [b for b in result.blocks if b.text.startswith("The upgrade tool converts existing")]
    assert len(upgrade) == 1, "test bug: the paragraph is not a block of the page"
    hidden = [(b.reason, b.text) for b in upgrade if b.hidden]
    assert hidden == [], report(hidden)


SAMPLE_MARKDOWN = sorted(
    str(p.relative_to(SAMPLES))
    for p in SAMPLES.glob("*/*.md")
    if any(line.startswith("*By ") for line in p.read_text(encoding="utf-8").splitlines())
)


def test_sample_feeds_hold_markdown_with_bylines() -> None:
    assert len(SAMPLE_MARKDOWN) >= 2


@pytest.mark.parametrize("relative", SAMPLE_MARKDOWN)
def test_sample_markdown_byline_is_kept_or_lifted(relative: str) -> None:
    result = _clean_sample(relative)
    bylines = [b for b in result.blocks if b.text.startswith("*By ")]
    assert len(bylines) == 1, "test bug: no byline block"
    (byline,) = bylines
    name = byline.text.strip("*")[3:].split("·")[0].strip()
    assert_byline_shown(result, byline.text, name)


# --------------------------------------------------------------------------
# counter-tests: page chrome still goes

MENU = ["Skip to content", "Valley Courier", "Home", "News", "Sport", "Business", "Weather"]
RELATED = [
    "Related",
    "Bridge repairs will close the ring road for two weeks in August",
    "School choir wins the regional contest for the third year running",
    "Market hall reopens after a two-year restoration",
    "Farmers warn of a poor apple harvest after the late frost",
]
FOOTER = ["© 2025 Valley Courier Ltd. All rights reserved."]


def test_scraped_txt_page_still_loses_menu_teasers_and_footer() -> None:
    body = [
        *BUS_BODY,
        "The service had been cut in 2023 to save money. Passenger groups collected more "
        "than 6,000 signatures to bring it back.",
        "The authority said it would review the timetable after six months.",
    ]
    blocks = [*MENU, BUS_TITLE, *body, *RELATED, *FOOTER]
    page = parse_text_page("\n".join(blocks) + "\n", "x")
    assert page.blocks() == blocks
    result = clean_blocks(page.blocks(), BUS_TITLE)
    assert result.body == body
    assert [t for t in [*MENU, *RELATED, *FOOTER] if t in result.body] == []


def test_comment_thread_recognised_by_its_shape_is_still_hidden() -> None:
    posts = [
        ("Oskar · 7 August 2025, 13:02", "About time. I walked home after late shifts for years."),
        ("Lin_W · 7 August 2025, 13:40", "Hourly is fine, but Fridays need a bus every half hour."),
        ("petra88 · 7 August 2025, 14:15", "Will it stop at the hospital gate? Nobody says."),
    ]
    thread = ["3 comments"]
    for head, text in posts:
        thread += [head, text, "Reply · Like · Report"]
    result = clean_blocks([BUS_TITLE, *BUS_BODY, *thread], BUS_TITLE)
    assert result.body == BUS_BODY


LINK_NAV = [
    "[Skip to content](#main)",
    "* [Home](https://valleycourier.example/)\n"
    "* [News](https://valleycourier.example/news)\n"
    "* [Sport](https://valleycourier.example/sport)\n"
    "* [Weather](https://valleycourier.example/weather)",
    "[Sign in](https://valleycourier.example/login)",
]
LINK_TAIL = [
    "[Share on Facebook](https://facebook.example/share?u=valleycourier)",
    "## Related",
    "[Bridge repairs will close the ring road for two weeks in August]"
    "(https://valleycourier.example/news/ring-road)",
    "[School choir wins the regional contest](https://valleycourier.example/news/choir)",
    "[Market hall reopens after a restoration](https://valleycourier.example/news/market)",
    "[Privacy policy](https://valleycourier.example/privacy)",
    "[Contact us](https://valleycourier.example/contact)",
]


def test_scraped_markdown_dump_still_loses_its_link_only_lines() -> None:
    blocks = [*LINK_NAV, f"# {BUS_TITLE}", *BUS_BODY, *LINK_TAIL]
    page = parse_markdown_page("\n\n".join(blocks) + "\n", "x")
    assert page.blocks() == blocks
    result = clean_blocks(page.blocks(), page.title)
    assert result.body == BUS_BODY
    links = [b for b in result.blocks if b.text.startswith(("[", "* ["))]
    assert len(links) == 9
    assert [b.text for b in links if not b.hidden] == []


# --------------------------------------------------------------------------
# articles composed of the kinds above, in any order: nothing is lost

_PARAGRAPHS = [
    "The harbour board met on Tuesday night and voted to spend four million pounds on a "
    "new breakwater for the east side of the bay.",
    "Work will start in March, when the first granite blocks arrive by barge from the "
    "quarry on the other side of the water.",
    "Fishermen who moor inside the old wall will move to the east pier while the work "
    "goes on, the board said after the meeting.",
    "We walked from the lighthouse to the north beach and back, which took most of the "
    "afternoon and all of our sandwiches.",
    "Nobody on the island could remember a summer as dry as this one, and the reservoir showed it.",
]
_PIECES: dict[str, list[str]] = {
    "short": ["Start early."],
    "shorter": ["Nobody minded."],
    "named section": ["Comments", "Residents who came to the meeting were mostly in favour."],
    "plain section": ["Getting there", "The first ferry leaves at seven and takes an hour."],
    "bullets": ["- Passport", "- Sun cream", "- Good shoes"],
    "numbers": ["1. Survey the seabed", "2. Lay the foundations", "3. Build the wall"],
    "plain list": ["Potatoes", "Carrots", "Leeks"],
    "notes": ["• Islay: whisky", "• Jura: deer", "• Coll: stars"],
    "quote": [
        '"It is the biggest thing we have done in fifty years," she said.',
        "— Ann Lee, chair of the board",
    ],
    "q&a": ["Q: Why now?", "A: The old wall is failing."],
    "code": ["The whole script is two lines:", "let x = 1;", "x.init();"],
    "table": ["Year\tCost", "2026\t£1.5m", "2027\t£2.5m"],
}


@given(
    first=st.sampled_from(_PARAGRAPHS),
    pieces=st.lists(st.sampled_from([*_PIECES, *range(len(_PARAGRAPHS))]), max_size=6, unique=True),
)
@example(first=_PARAGRAPHS[0], pieces=["numbers", "bullets", "plain list", "notes", "table"])
@example(first=_PARAGRAPHS[0], pieces=["short", "named section", "plain list", "numbers"])
@example(first=_PARAGRAPHS[1], pieces=["q&a", "notes", "plain list", "bullets", "shorter", "code"])
@settings(max_examples=150, deadline=None)
def test_an_article_of_any_of_these_kinds_in_any_order_loses_nothing(
    first: str, pieces: list[str | int]
) -> None:
    """A text article that opens with a paragraph and goes on with any of the kinds a
    person writes (paragraphs, one-line paragraphs, sections under plain or page-section
    names, lists of every mark, quotes, Q&A, code, a table) is left whole."""
    blocks = [first]
    for piece in pieces:
        more = [_PARAGRAPHS[piece]] if isinstance(piece, int) else _PIECES[piece]
        if more[0] not in blocks:
            blocks += more
    title = "A note from the harbour"
    result = clean_blocks([title, *blocks], title)
    assert_nothing_lost(result, title)
