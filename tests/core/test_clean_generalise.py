"""The cleaner on pages it has never seen (issue 9, "Never hide the story").

Rules about the shape of a page, not its words, for the classes of loss that recur
across sites and languages. Each page is written for the test; each test of a kept
line fails without its rule.
"""

from __future__ import annotations

from reader.core.clean import clean_blocks

MENU = ["Harbour Gazette", "Home", "News", "Sport", "Weather", "Contact"]
SHARE = ["Facebook", "Reddit", "Tweet", "Email", "Print", "Reprints", "Post comment", "Text size:"]
FOOTER = ["Most read", "Ferry fares to rise in spring", "© 2025 Harbour Gazette"]

OPENING = [
    "The harbour master says the new breakwater will be the finest the town has ever "
    "had, and he has seen a few of them.",
    "For example, the old wall lost a stone a week to the winter storms, he said "
    "during a meeting with the council, and the fishermen had stopped trusting it.",
    "He also offered no excuses for the delays of the last two years, which he put "
    "down to the weather and to a contractor who went out of business.",
]
BODY = [
    "Work on the breakwater starts in March, when the first of the granite blocks "
    "arrive by barge from the quarry on the other side of the bay.",
    "The council has set aside four million pounds for the work, which it expects to "
    "take two summers, with the winter between spent on the foundations below the tide.",
    "Fishermen who moor inside the old wall will be moved to the east pier while the "
    "work goes on, and the ferry will use the south landing for the whole of the time.",
    "The harbour master said that the town had waited long enough for a wall that "
    "would stand up to the storms, and that the money was well spent on it.",
    "A public meeting on the plans will be held at the lifeboat station on the first "
    "Thursday of the month, and the drawings can be seen at the library until then.",
]


def test_paragraphs_over_a_related_links_box_open_the_article() -> None:
    box = [
        "Ann Lee Bio | E-mail | Recent columns",
        "Related links",
        "Breakwater plans: in photos",
        "The harbour by the numbers",
        "Storm damage in pictures",
        "The lifeboat crew that never missed a call",
    ]
    title = "A new breakwater for the harbour"
    page = [*MENU, title, *SHARE, *OPENING, *box, *BODY, *FOOTER]
    result = clean_blocks(page, title)
    assert result.body == [*OPENING, *BODY]
    assert all(b.hidden for b in result.blocks if b.text in box)


def test_dated_teasers_between_the_headline_and_the_article_stay_hidden() -> None:
    # "Related News" over teasers of the same site: a headline, its date, its blurb,
    # twice. (The last blurb, a sentence touching the body, is still taken in by
    # `extend_region`: a leftover, not a loss.)
    title = "A new breakwater for the harbour"
    teasers = [
        "Related News",
        "Ferry fares to rise in spring",
        "Monday, 16th January 2025",
        "The ferry company says fares on the harbour crossing will rise by a tenth in "
        "March, the first rise in four years, to pay for the new boat it ordered from "
        "the yard across the bay, which is to carry twice as many cars as the old one.",
        "Lifeboat crew honoured at the town hall",
        "Thursday, 5th January 2025",
        "The crew of the harbour lifeboat were given the freedom of the town on "
        "Thursday for their rescue of three fishermen in the autumn storms.",
    ]
    page = [*MENU, title, "Tuesday, 17th January 2025", *teasers, *BODY, *FOOTER]
    result = clean_blocks(page, title)
    assert result.body[-len(BODY) :] == BODY
    assert all(b.hidden for b in result.blocks if b.text in teasers[:-1])


def test_a_date_with_an_ordinal_day_is_a_date_line() -> None:
    title = "A new breakwater for the harbour"
    dates = ["Tuesday, 17th January 2025", "12:10pm on 16th Jan, 2025"]
    page = [*MENU, title, dates[0], *BODY, "Comments", "Ben", dates[1], "Well done.", *FOOTER]
    result = clean_blocks(page, title)
    assert [b.reason for b in result.blocks if b.text in dates] == ["date line", "date line"]


def test_a_byline_with_its_date_is_a_byline() -> None:
    title = "A new breakwater for the harbour"
    byline = "By Ann Lee // November 6th, 2025 // 6:25 pm"
    page = [*MENU, title, byline, *BODY, *FOOTER]
    result = clean_blocks(page, title)
    assert [b.reason for b in result.blocks if b.text == byline] == ["byline"]


def test_a_credit_that_opens_with_an_abbreviated_photo_is_a_caption() -> None:
    # Polish captions credit the photographer as "Fot. <name>", without a colon.
    title = "Nowy most na Wiśle otwarty dla pieszych"
    lead = (
        "W sobotę w Warszawie otwarto nowy most dla pieszych i rowerzystów, który "
        "połączył dwie dzielnice miasta i skrócił drogę do metra dla tysięcy mieszkańców."
    )
    more = (
        "Budowa mostu trwała prawie trzy lata, a w tym czasie wykonawca dwa razy "
        "zmieniał projekt, żeby zachować stare drzewa na bulwarach nad rzeką."
    )
    credits = ["Fot. Jan Nowak / PAP", "Zdj. Anna Lis"]
    page = ["Wiadomości", "Strona główna", "Polityka", "Sport", title, lead, credits[0]]
    page += [more, credits[1], "© 2025 Wiadomości. Wszelkie prawa zastrzeżone."]
    result = clean_blocks(page, title)
    assert result.body == [lead, more]
    assert [b.reason for b in result.blocks if b.text in credits] == ["photo caption"] * 2


def test_a_credit_in_square_brackets_ends_a_caption() -> None:
    # "[File: Reuters]", "[AFP]": some sites close a caption with its credit in square
    # brackets, as others do in round ones; a paragraph's bracket is no credit.
    title = "A new breakwater for the harbour"
    captions = [
        "The old wall after the storms of last winter, seen from the pier [File: Reuters]",
        "Fishermen on the east pier, where their boats will be moored [AFP]",
    ]
    aside = "The council said the work would start in March [and the quarry agreed]."
    page = [*MENU, title, captions[0], *OPENING, captions[1], aside, *BODY, *FOOTER]
    result = clean_blocks(page, title)
    assert result.body == [*OPENING, aside, *BODY]
    assert [b.reason for b in result.blocks if b.text in captions] == ["photo caption"] * 2


def test_french_spanish_portuguese_and_greek_dates_are_date_lines() -> None:
    # "1er", "1º" and "1η" are ordinals; Spanish and Portuguese put "de" before the month
    # and the year. Each was hidden as "navigation".
    title = "A new breakwater for the harbour"
    for date in [
        "Lundi 1er janvier 2025",
        "17 de enero de 2025",
        "1º de janeiro de 2025",
        "Τρίτη, 1η Μαΐου 2025",  # a Greek ordinal day
        "16η Ιανουαρίου 2025",
    ]:
        result = clean_blocks([*MENU, title, date, *BODY, *FOOTER], title)
        assert [b.reason for b in result.blocks if b.text == date] == ["date line"], date
        assert result.body == BODY


def test_a_lead_over_a_subheading_named_like_a_page_section_is_kept() -> None:
    # A lead in a language whose prose earns little (few stopwords, or none between
    # spaces) over a subheading that reads like the comments' heading, the rest of the
    # article under it: the text under the subheading is prose, so the lead and the
    # subheading are the article's.
    pages = {
        "Komentarze": (
            "Nowy most na Wiśle otwarty dla pieszych",
            [
                "W sobotę w Warszawie otwarto nowy most dla pieszych i rowerzystów, który "
                "połączył dwie dzielnice miasta i skrócił drogę do metra.",
                "Budowa mostu trwała prawie trzy lata, a w tym czasie wykonawca dwa razy "
                "zmieniał projekt, żeby zachować stare drzewa.",
            ],
            [
                "Według prezydenta miasta most jest częścią dużego programu, w którym są "
                "także nowe parki, ścieżki rowerowe i przystanki autobusowe.",
                "Mieszkańcy okolicznych bloków mówią, że czekali na ten most wiele lat, bo "
                "wcześniej do stacji metra szło się prawie czterdzieści minut.",
                "Miasto zapowiada, że kolejny most powstanie za dwa lata niżej na rzece, "
                "obok starego dworca rzecznego, jeśli uda się zdobyć pieniądze.",
            ],
        ),
        "评论": (
            "城市新建人行桥正式开通",
            [
                "本报讯（记者 李明）1月14日上午，连接城东和城西两个街区的新人行桥正式开通，"
                "数千名市民从此可以步行十分钟到达地铁站。",
                "据介绍，这座桥的建设历时近三年，其间施工方两次修改设计方案，以保留河岸边的老树。",
            ],
            [
                "市长在开通仪式上表示，这座桥是城市更新计划的一部分，计划还包括新建公园、自行车道和公交站点。",
                "附近小区的居民说，他们等这座桥已经等了很多年，以前走到地铁站需要将近四十分钟。",
                "专家认为，这座桥的设计很好，但两岸还缺少自行车停放点和沿路照明，需要尽快补上。",
                "市政府表示，下一座桥将在两年后在下游建设，位置就在老码头旁边，资金已经落实。",
            ],
        ),
    }
    for heading, (title, lead, rest) in pages.items():
        page = ["Wiadomości", "Polityka", "Gospodarka", "Sport", title, "14.01.2025 10:43"]
        page += [*lead, heading, *rest, "Udostępnij", "© 2025 Wiadomości"]
        result = clean_blocks(page, title)
        assert result.body == [*lead, heading, *rest], heading


def test_text_under_a_subheading_named_like_the_comments_is_kept() -> None:
    # The same subheading after the body's first run: three paragraphs under it, no
    # posts with their dated headers, are the rest of the article, not a thread.
    title = "城市新建人行桥正式开通"
    lead = [
        "本报讯（记者 李明）1月14日上午，连接城东和城西两个街区的新人行桥正式开通，"
        "数千名市民从此可以步行十分钟到达地铁站。",
        "据介绍，这座桥的建设历时近三年，其间施工方两次修改设计方案，以保留河岸边的老树。",
    ]
    rest = [
        "市长在开通仪式上表示，这座桥是城市更新计划的一部分，计划还包括新建公园、自行车道和公交站点。",
        "附近小区的居民说，他们等这座桥已经等了很多年，以前走到地铁站需要将近四十分钟。",
        "专家认为，这座桥的设计很好，但两岸还缺少自行车停放点和沿路照明，需要尽快补上。",
    ]
    page = ["首页", "新闻", "财经", "体育", title, "2025年01月14日 10:43", *lead, "评论", *rest]
    page += ["分享到：", "版权所有 © 2025 城市日报"]
    assert clean_blocks(page, title).body == [*lead, "评论", *rest]
