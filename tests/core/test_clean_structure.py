"""Cleaner tests for article structures and inputs unlike a typical news page.

Small made-up texts only (no corpus files): lists announced after the text,
sentences broken at commas, pages that are all body, very short articles,
one-sentence paragraphs, recipes, CJK and Markdown input.
"""

from __future__ import annotations

from reader.core.clean import clean_blocks

TITLE = "Harbour festival returns after three quiet years"

BODY = [
    "The harbour festival will return this summer after three years without it, the "
    "organisers said on Monday, with boats, music and food stalls along the old quay.",
    "About forty crews have already signed up for the regatta, which opens the festival "
    "on the first Saturday of July and ends with fireworks over the water.",
    "The town council has agreed to close the quay to cars for the whole weekend, and "
    "extra buses will run from the station until late in the evening.",
    "Tickets for the concerts go on sale next week, while the rest of the programme "
    "stays free for everyone who wants to come along.",
]

MENU = ["Home", "News", "Sport", "Culture", "Weather", "Contact"]
TEASERS = [
    "Bridge repairs will close the ring road in August",
    "School choir wins the regional contest",
    "New ferry timetable starts on Monday",
]
FOOTER = ["About us | Jobs | Advertise", "© 2025 Harbour Gazette. All rights reserved."]


def page(body: list[str]) -> list[str]:
    return [*MENU, TITLE, *body, "Most read", *TEASERS, *FOOTER]


# --------------------------------------------------------------------------
# lists announced by the text


def test_dated_list_announced_after_the_last_paragraph_is_kept() -> None:
    dates = [
        "July 4 -- Old Quay, Northport",
        "July 5 -- Market Square, Northport",
        "July 11 -- Lighthouse Park, Eastbay",
        "July 12 -- Town Hall Gardens, Eastbay",
        "July 18 -- Fish Market, Southcliff",
    ]
    body = [*BODY, "Festival dates:", *dates]
    result = clean_blocks(page(body), TITLE)
    assert result.body == body


def test_sources_announced_after_the_text_are_kept() -> None:
    sources = [
        "Festival programme: http://example.org/programme",
        "Town council notice: http://example.org/notice-2025",
    ]
    body = [*BODY, "On the web:", *sources]
    assert clean_blocks(page(body), TITLE).body == body


def test_numbered_list_of_one_word_items_is_kept() -> None:
    ranking = [
        f"{n}. {town}"
        for n, town in enumerate(
            ["Northport", "Eastbay", "Southcliff", "Westmoor", "Highfield", "Lowbridge"], 1
        )
    ]
    body = [BODY[0], "The towns with the most visitors last year were:", *ranking, *BODY[1:]]
    assert clean_blocks(page(body), TITLE).body == body


def test_headlines_after_a_colon_line_are_not_taken_as_a_list() -> None:
    blocks = [*MENU, TITLE, *BODY, "More from our harbour coverage:", *TEASERS, *FOOTER]
    assert clean_blocks(blocks, TITLE).body == BODY


def test_bulleted_results_the_body_ends_in_are_all_kept() -> None:
    results = [
        "• HARBOUR CUP: Blue Gull, who was the favourite with most of the crews on the "
        "quay, led from the start and held off Sea Mist by a length at the line.",
        "1. Blue Gull, 2. Sea Mist",
    ]
    for n, race in enumerate(["Quay Plate", "Lighthouse Trophy", "Ferry Stakes"]):
        results += [
            f"• {race.upper()} (1,{200 + n}m): 1. Blue Gull (4), 2. Sea Mist (1)",
            f"{n + 1}. Grey Heron, {n + 2}. Sea Mist",
        ]
    body = [*BODY[:2], *results]
    assert clean_blocks(page(body), TITLE).body == body


def test_interview_ending_in_short_questions_and_answers_is_kept() -> None:
    long_qa = [
        "Q: How did the festival start, and why did it stop for three years?",
        "A: It started with a few fishermen who wanted to race their boats on the last "
        "weekend of the season, and it grew from there until the money ran out and the "
        "council could no longer close the quay for a whole weekend.",
        "Q: What will be different this year, now that the festival is back?",
        "A: We have more volunteers than ever before, and the crews from the islands are "
        "coming for the first time, so the regatta will be the biggest we have had.",
        "Q: What do you say to the people who worry about the noise and the crowds?",
        "A: We have listened to them, and the music will stop at eleven every night, while "
        "the extra buses should keep most of the cars away from the old town.",
    ]
    short_qa = [
        "Q: Favourite boat?",
        "A: The old ferry.",
        "Q: Favourite food on the quay?",
        "A: Grilled sardines.",
        "Q: Best memory?",
        "A: My first regatta, when we came last.",
    ]
    body = [BODY[0], *long_qa, *short_qa]
    assert clean_blocks(page(body), TITLE).body == body


def test_quotes_with_attribution_lines_are_kept() -> None:
    reviews = [
        "“The regatta was wonderful, and the crews were so friendly to the children who "
        "came to watch them get the boats ready on the quay in the morning.”",
        "– Ann**",
        "“We came for the fireworks and stayed for the whole weekend, eating fish on the "
        "quay and listening to the bands until late every night.”",
        "– Bo** Ka****",
        "“A lovely day out for the whole family, and the buses made it easy to get there "
        "and back without having to find somewhere to park the car.”",
        "– Cel***",
        "“Great music!”",
        "– Dan**",
        "“Too crowded.”",
        "– Eva****",
    ]
    body = [BODY[0], *reviews]
    assert clean_blocks(page(body), TITLE).body == body


# --------------------------------------------------------------------------
# sentences broken at commas


def test_last_sentence_broken_at_commas_is_kept() -> None:
    tail = [
        "In the end, after the boats have left,",
        "and the stalls are packed away,",
        "the quay belongs to the gulls again.",
    ]
    body = [*BODY, *tail]
    assert clean_blocks(page(body), TITLE).body == body


def test_cjk_sentence_broken_at_ideographic_commas_is_kept() -> None:
    body = [
        "港の祭りは今年の夏に三年ぶりに再開されると、主催者が月曜日に発表しました。"
        "古い岸壁に沿って船や音楽、屋台が並ぶ予定です。",
        "すでに約四十のチームがレガッタに申し込んでおり、七月の最初の土曜日に祭りが始まり、"
        "最後は水上の花火で締めくくられます。",
        "町議会は週末の間、岸壁を車両通行止めにすることに同意し、"
        "駅からは夜遅くまで臨時バスが運行されます。",
        "また、天気が良ければ、",
        "夜には港の灯台も特別に公開される予定です。",
    ]
    blocks = [
        "ホーム",
        "ニュース",
        "スポーツ",
        "港の祭りが再開",
        *body,
        "関連記事",
        "橋の工事で道路が閉鎖",
        "新しいフェリーの時刻表",
    ]
    assert clean_blocks(blocks).body == body


# --------------------------------------------------------------------------
# glued teasers


def test_glued_headline_and_blurb_teasers_before_the_article_are_hidden() -> None:
    teasers = [
        "Explore The 5 Best Cafes in the Old Harbour DistrictWhether you are visiting for "
        "a day or moving to town, these are the places locals love.",
        "Heading To The Regatta? Be Sure To Check Our Parking GuideIf you and your family "
        "are driving in this summer, read this before you leave.",
    ]
    blocks = [*MENU, *teasers, TITLE, *BODY, *FOOTER]
    result = clean_blocks(blocks, TITLE)
    assert result.body == BODY
    assert {b.reason for b in result.blocks if b.text in teasers} == {"teaser"}


def test_names_with_inner_capitals_do_not_make_a_teaser() -> None:
    body = [
        "Former Harbour Master John McAllister says the regatta will be the biggest in "
        "years, with crews coming from as far as the islands.",
        "Back in 2004, BoatCo Ltd. and the council signed a deal that kept the festival "
        "going for a decade, until the money ran out.",
        *BODY,
    ]
    assert clean_blocks(page(body), TITLE).body == body


# --------------------------------------------------------------------------
# item lists under a "you may also like" heading


def test_quotes_list_with_a_share_bar_per_item_is_not_the_article() -> None:
    share = "WhatsApp Facebook Save Copy"
    quotes = [
        "A calm sea never made a skilled sailor, and a quiet life never made a strong "
        "heart, so the old fishermen of the harbour like to say when the storms come in "
        "from the west and the boats stay tied to the quay for days on end, waiting for "
        "the wind to drop and the water to settle before they can go out again.",
        "Every boat that leaves the harbour carries a little of the town with it, and every "
        "boat that comes back brings a little of the world home to the quay and its people, "
        "which is why the whole town turns out to watch when the fleet returns in the "
        "evening light after a long week out on the open sea.",
        "The tide waits for no one, but the harbour always waits for its boats, however "
        "late they are and however long the night has been for the crews out at sea, and "
        "the lamp in the old lighthouse stays lit until the very last of them has come in "
        "safely and tied up alongside the others.",
    ]
    blocks = [*MENU, TITLE, share, BODY[0], "You may also like", share]
    for quote in quotes:
        blocks += [quote, share]
    blocks += FOOTER
    result = clean_blocks(blocks, TITLE)
    assert result.body == BODY[:1]


# --------------------------------------------------------------------------
# inputs unlike a typical scraped news page


def test_headline_without_the_site_name_is_the_title_again() -> None:
    blocks = [*MENU, "Harbour festival returns this summer", *BODY, *FOOTER]
    result = clean_blocks(blocks, "Harbour festival returns this summer | Harbour Gazette")
    assert result.body == BODY
    assert result.blocks[len(MENU)].reason == "repeated title"


def test_page_that_is_all_body_keeps_everything() -> None:
    blocks = [TITLE, *BODY, "The organisers thanked the volunteers."]
    result = clean_blocks(blocks, TITLE)
    assert result.body == blocks[1:]


def test_all_body_page_without_a_title_keeps_everything() -> None:
    blocks = [*BODY, "The organisers thanked the volunteers."]
    assert clean_blocks(blocks).body == blocks


def test_very_short_article_amid_heavy_boilerplate() -> None:
    menu = [f"Section {name}" for name in "ABCDEFGHIJKLMNOPQRST"]
    blurbs = [
        "Drivers should allow extra time for their journeys while the work goes on.",
        "Forty singers travelled to the final, where they performed three songs.",
        "The first crossing will leave at six in the morning, an hour earlier than now.",
    ]
    latest = [line for pair in zip(TEASERS, blurbs, strict=True) for line in pair]
    blocks = [*menu, TITLE, *BODY[:2], "Latest news", *latest, *menu[:8], *FOOTER]
    assert clean_blocks(blocks, TITLE).body == BODY[:2]


def test_article_of_one_sentence_paragraphs() -> None:
    body = [
        "The boats came in just after dawn.",
        "Nobody on the quay said a word.",
        '"We waited all night," said one of the wives.',
        "Then the first engine could be heard beyond the breakwater.",
        "A cheer went up from the crowd.",
        "By eight o'clock every crew was safely home.",
        '"It was the longest night of my life," the harbour master said.',
        "The festival will go ahead as planned.",
    ]
    assert clean_blocks(page(body), TITLE).body == body


def test_recipe_with_ingredient_list_and_numbered_steps() -> None:
    body = [
        "This fish stew is what the crews eat after a cold night at sea, and it takes "
        "less than an hour to make at home with whatever fish the market has.",
        "For four people you will need:",
        "600 g white fish, in large pieces",
        "2 onions, sliced",
        "3 cloves of garlic",
        "1 tin of chopped tomatoes",
        "500 ml fish stock",
        "1. Soften the onions and garlic in olive oil for ten minutes.",
        "2. Add the tomatoes and the stock and simmer for twenty minutes.",
        "3. Add the fish and cook gently until it flakes, about eight minutes.",
        "4. Serve with bread and a green salad.",
    ]
    assert clean_blocks(page(body), TITLE).body == body


def test_chinese_page_without_spaces() -> None:
    body = [
        "港口节今年夏天将在停办三年后重新举行，主办方周一表示，届时老码头沿线将有船只、音乐和美食摊位。",
        "目前已有大约四十支队伍报名参加帆船赛，比赛将于七月的第一个星期六拉开帷幕，最后以水上烟花结束。",
        "市议会已同意在整个周末禁止车辆进入码头，并将增开从车站出发的夜间公交车。",
        "音乐会门票下周开始发售，其余活动对所有人免费开放。",
    ]
    blocks = [
        "首页",
        "新闻",
        "体育",
        "文化",
        "港口节重新举行",
        *body,
        "相关新闻",
        "环城路八月封闭维修",
        "新的渡轮时刻表周一起实行",
        "版权所有 © 2025",
    ]
    assert clean_blocks(blocks).body == body


def test_markdown_article_with_headings_lists_and_links() -> None:
    paragraphs = [
        "[Home](/) | [News](/news) | [Sport](/sport) | [Contact](/contact)",
        "# " + TITLE,
        BODY[0],
        "The [town council](https://example.org/council) has agreed to close the quay to "
        "cars for the whole weekend, and extra buses will run until late.",
        "## What is on",
        "- The regatta on the first Saturday of July\n- Concerts on the quay every evening\n"
        "- Fireworks over the water on the last night",
        BODY[3],
        "* [Privacy](/privacy)\n* [Terms](/terms)",
    ]
    result = clean_blocks(paragraphs, TITLE)
    assert result.body == paragraphs[2:7]


def test_article_of_short_lines_only_is_kept() -> None:
    blocks = [
        "The boats came in just after dawn.",
        "Nobody on the quay said a word.",
        "Then the engines.",
        "A cheer went up from the crowd.",
        "Everyone was home by eight.",
    ]
    assert clean_blocks(blocks).body == blocks


# --------------------------------------------------------------------------
# boxes inside the article


def test_lead_paragraph_before_a_long_fact_box_is_kept() -> None:
    lead = (
        "NORTHPORT -- The harbour festival is coming back. After three quiet years the "
        "organisers have found the money, the boats and the volunteers, and the quay will "
        "be full again on the first weekend of July."
    )
    box = ["Festival in numbers", "Edition Visitors Boats"] + [
        f"{2010 + n} {1000 * n} {10 + n}" for n in range(1, 12)
    ]
    blocks = [*MENU, TITLE, "By Ana Costa", "July 1, 2025", lead, *box, *BODY, *FOOTER]
    result = clean_blocks(blocks, TITLE)
    assert result.body == [lead, *BODY]
    assert {b.reason for b in result.blocks if b.text in box} == {"inline box"}


def test_caption_after_the_headline_is_not_taken_as_the_lead() -> None:
    caption = "Boats wait in the harbour before the regatta on Saturday morning."
    box = ["Festival in numbers"] + [f"{2010 + n} {1000 * n} {10 + n}" for n in range(1, 12)]
    blocks = [*MENU, TITLE, caption, *box, *BODY, *FOOTER]
    assert clean_blocks(blocks, TITLE).body == BODY
