"""Written articles left whole, round 3 (issue 9: "articles you write ... 100% of the
body kept"). Each shape was written as a user would, in a plain text page (a menu, the
article, then a "Most read" box and a footer), and lost text before its rule:

- a table written one row a line ("Station | Monday | Tuesday", or cells parted by a
  tab, which the text reader turns into spaces) after the text;
- a recipe's ingredients ("200 g flour", "3 eggs") under their heading, then its
  numbered steps under theirs.

The site's boxes after such a list still go. Every article here was written for these
tests (fictional, no corpus text).
"""

from __future__ import annotations

import pytest

from reader.core.clean import clean_blocks
from reader.core.formats.text import parse_text_page

MENU = {
    "en": ["Valley Courier", "Home", "News", "Sport", "Food", "Opinion"],
    "pl": ["Kurier Doliny", "Strona główna", "Wiadomości", "Sport", "Kuchnia", "Opinie"],
    "ru": ["Речной вестник", "Главная", "Новости", "Спорт", "Кухня", "Мнения"],
    "el": ["Ο Ταχυδρόμος", "Αρχική", "Ειδήσεις", "Αθλητισμός", "Κουζίνα", "Απόψεις"],
}
MOST_READ = {
    "en": [
        "Most read",
        "Council approves a new budget for the harbour",
        "Storm warning issued for the weekend",
        "Bridge repairs to start in May",
        "© 2025 Valley Courier. All rights reserved.",
    ],
    "pl": [
        "Najczęściej czytane",
        "Rada miasta przyjęła nowy budżet portu",
        "Ostrzeżenie przed burzą na weekend",
        "Remont mostu ruszy w maju",
        "© 2025 Kurier Doliny. Wszelkie prawa zastrzeżone.",
    ],
    "ru": [
        "Самое читаемое",
        "Городской совет утвердил новый бюджет порта",
        "Штормовое предупреждение на выходные",
        "Ремонт моста начнётся в мае",
        "© 2025 Речной вестник. Все права защищены.",
    ],
    "el": [
        "Τα πιο δημοφιλή",
        "Το δημοτικό συμβούλιο ενέκρινε νέο προϋπολογισμό",
        "Προειδοποίηση για καταιγίδα το Σαββατοκύριακο",
        "Οι επισκευές της γέφυρας ξεκινούν τον Μάιο",
        "© 2025 Ο Ταχυδρόμος. Με την επιφύλαξη παντός δικαιώματος.",
    ],
}


def page_body(lang: str, title: str, article: list[str]) -> list[str]:
    """The body of a plain text page (`date` line, menu, title, article, box, footer)
    read as the app reads a .txt file."""
    lines = [*MENU[lang], title, *article, *MOST_READ[lang]]
    page = parse_text_page(f"date 2025-03-04 {title}\n" + "\n".join(lines) + "\n", "x")
    return clean_blocks(page.blocks(), page.title).body


def spaced(line: str) -> str:
    """A line as the text reader gives it: its tabs turned into spaces."""
    return line.replace("\t", "    ")


# --------------------------------------------------------------------------
# a table written one row a line

TABLES = {
    "en": (
        "Water levels along the river this week",
        [
            "The river rose again on Tuesday after two days of rain in the hills, and the "
            "gauges along its course show the highest levels since March.",
            "Station | Monday | Tuesday | Change",
            "Upper Ford | 1.20 m | 1.65 m | +0.45",
            "Mill Bridge | 2.10 m | 2.80 m | +0.70",
            "Harbour | 3.05 m | 3.40 m | +0.35",
            "The agency expects the water to fall slowly from Thursday.",
        ],
    ),
    "pl": (
        "Stany wody na rzece w tym tygodniu",
        [
            "Rzeka znowu wezbrała we wtorek po dwóch dniach deszczu w górach, a wodowskazy "
            "pokazują najwyższe stany od marca.",
            "| Stacja | Poniedziałek | Wtorek |",
            "| Górny Bród | 1,20 m | 1,65 m |",
            "| Most Młyński | 2,10 m | 2,80 m |",
            "| Port | 3,05 m | 3,40 m |",
            "Według prognoz woda zacznie powoli opadać od czwartku.",
        ],
    ),
    "ru": (
        "Уровень воды в реке на этой неделе",
        [
            "Река снова поднялась во вторник после двух дней дождей в горах, и посты "
            "показывают самый высокий уровень с марта.",
            "Пост\tПонедельник\tВторник\tИзменение",
            "Верхний брод\t1,20 м\t1,65 м\t+0,45",
            "Мельничный мост\t2,10 м\t2,80 м\t+0,70",
            "Порт\t3,05 м\t3,40 м\t+0,35",
            "Синоптики ожидают, что вода начнёт медленно спадать с четверга.",
        ],
    ),
}


@pytest.mark.parametrize("lang", list(TABLES))
def test_a_table_written_one_row_a_line_is_kept(lang: str) -> None:
    title, article = TABLES[lang]
    assert page_body(lang, title, article) == [spaced(line) for line in article]


def test_rows_of_different_widths_are_no_table() -> None:
    # a share bar and a breadcrumb parted by "|" are no rows of one table: still hidden
    title, article = TABLES["en"][0], TABLES["en"][1][:1]
    chrome = ["Share | Email | Print", "Home | News | Rivers | Water levels", "Tags | rivers"]
    body = page_body("en", title, [*article, *chrome])
    assert body == article


# --------------------------------------------------------------------------
# a recipe: ingredients under their heading, then numbered steps

RECIPES = {
    "en": (
        "Plum cake from the old farm kitchen",
        [
            "This plum cake is the one my aunt baked every September, when the trees "
            "behind the farm were heavy with fruit.",
            "Ingredients",
            "200 g flour",
            "150 g butter",
            "120 g sugar",
            "3 eggs",
            "500 g plums",
            "Method",
            "1. Beat the butter and the sugar until pale.",
            "2. Add the eggs one at a time, then fold in the flour.",
            "3. Spread the batter in a tin and press the halved plums into it.",
            "4. Bake for 45 minutes at 180 degrees.",
            "Enjoy!",
        ],
    ),
    "pl": (
        "Ciasto ze śliwkami z wiejskiej kuchni",
        [
            "To ciasto piekła moja ciotka co roku we wrześniu, kiedy drzewa za domem "
            "uginały się od owoców.",
            "Składniki",
            "200 g mąki",
            "150 g masła",
            "120 g cukru",
            "3 jajka",
            "500 g śliwek",
            "Przygotowanie",
            "1. Masło utrzyj z cukrem na puszystą masę.",
            "2. Dodawaj po jednym jajku, a potem wmieszaj mąkę.",
            "3. Ciasto przełóż do formy i wciśnij w nie połówki śliwek.",
            "4. Piecz 45 minut w temperaturze 180 stopni.",
            "Smacznego!",
        ],
    ),
    "ru": (
        "Сливовый пирог из деревенской кухни",
        [
            "Этот пирог моя тётя пекла каждый сентябрь, когда деревья за домом ломились от слив.",
            "Ингредиенты",
            "200 г муки",
            "150 г сливочного масла",
            "120 г сахара",
            "3 яйца",
            "500 г слив",
            "Приготовление",
            "1. Взбейте масло с сахаром до пышности.",
            "2. Добавляйте яйца по одному, затем вмешайте муку.",
            "3. Выложите тесто в форму и вдавите в него половинки слив.",
            "4. Выпекайте 45 минут при 180 градусах.",
            "Приятного аппетита!",
        ],
    ),
    "el": (
        "Κέικ με δαμάσκηνα από την παλιά κουζίνα",
        [
            "Αυτό το κέικ το έψηνε η θεία μου κάθε Σεπτέμβριο, όταν τα δέντρα πίσω από "
            "το σπίτι γέμιζαν φρούτα.",
            "Υλικά",
            "200 γρ. αλεύρι",
            "150 γρ. βούτυρο",
            "120 γρ. ζάχαρη",
            "3 αυγά",
            "500 γρ. δαμάσκηνα",
            "Εκτέλεση",
            "1. Χτυπάμε το βούτυρο με τη ζάχαρη μέχρι να αφρατέψει.",
            "2. Προσθέτουμε τα αυγά ένα ένα και μετά το αλεύρι.",
            "3. Στρώνουμε το μείγμα σε φόρμα και πιέζουμε μέσα τα δαμάσκηνα.",
            "4. Ψήνουμε για 45 λεπτά στους 180 βαθμούς.",
            "Καλή όρεξη!",
        ],
    ),
}


@pytest.mark.parametrize("lang", list(RECIPES))
def test_a_recipe_keeps_its_ingredients_and_steps(lang: str) -> None:
    title, article = RECIPES[lang]
    assert page_body(lang, title, article) == article


def test_a_box_of_numbered_headlines_after_a_recipe_is_still_hidden() -> None:
    title, article = RECIPES["en"]
    box = [
        "Most popular",
        "3 ways to use up old bread",
        "5 soups for a cold week",
        "7 cakes for a birthday",
    ]
    lines = [*MENU["en"], title, *article, *box, *MOST_READ["en"]]
    result = clean_blocks(lines, title)
    assert result.body == article


# --------------------------------------------------------------------------
# a last section under a heading named like a page section, its statements unmarked

MENU["zh"] = ["山谷日报", "首页", "新闻", "体育", "评论", "联系我们"]
MOST_READ["zh"] = [
    "热门文章",
    "市议会通过港口新预算",
    "周末发布风暴预警",
    "© 2025 山谷日报 版权所有",
]
STATEMENTS = {
    "ru": (
        "Паромы снова опаздывают, очередь дошла до вокзала",
        [
            "Паромы сегодня утром снова опоздали, и очередь пассажиров дошла до вокзала "
            "ещё до восьми часов.",
            "Комментарии",
            "Жители жаловались на задержку.",
            "Перевозчик принёс извинения.",
            "Совет потребовал отчёт к пятнице.",
        ],
    ),
    "en": (
        "Ferries late again as queues reach the station",
        [
            "The ferries ran late again this morning, and the queue of passengers reached "
            "the station before eight o'clock.",
            "Reactions",
            "Residents complained about the delay.",
            "The operator apologised.",
        ],
    ),
    # "评论" is the site's menu link (Opinion) and the story's subheading
    "zh": (
        "港口因台风关闭一天",
        [
            "今天上午，港口因台风关闭，所有渡轮停运，数百名乘客滞留在码头等待消息。",
            "评论",
            "这已经是今年第三次因天气原因关闭港口，不少居民认为应当修建新的防波堤。",
            "运营方表示，明天上午将视天气情况恢复航班。",
        ],
    ),
}


@pytest.mark.parametrize("lang", list(STATEMENTS))
def test_a_last_section_of_unmarked_statements_is_kept(lang: str) -> None:
    title, article = STATEMENTS[lang]
    assert page_body(lang, title, article) == article


def test_a_thread_of_signed_posts_under_comments_is_still_hidden() -> None:
    title, article = STATEMENTS["en"][0], STATEMENTS["en"][1][:1]
    thread = [
        "Comments",
        "Anna Kowal 12 March 2025, 10:15",
        "Thanks for the update.",
        "Tom Reed 12 March 2025, 11:02",
        "The ferries are always late.",
    ]
    assert page_body("en", title, [*article, *thread]) == article


# --------------------------------------------------------------------------
# an article made of sections whose last one is a single short sentence

SECTIONS = {
    "zh": (
        "我们如何修好那条旧船",
        [
            "今年夏天，我和哥哥终于动手修理那条在爷爷棚子里放了十年的旧木船。",
            "第一步",
            "我们先刮掉旧漆，发现船底有两道裂缝，只好用树脂和新木板把它们补好。",
            "结果",
            "船又能浮在水上了，爷爷多年来第一次笑了。",
        ],
    ),
    "ru": (
        "Как мы чинили старую лодку",
        [
            "Этим летом мы с братом наконец взялись за старую деревянную лодку, которая "
            "десять лет стояла в сарае у деда.",
            "Первые шаги",
            "Сначала мы сняли старую краску и нашли две трещины в днище, которые пришлось "
            "заделывать смолой и новыми досками.",
            "Итог",
            "Лодка снова держится на воде, и дед впервые за годы улыбался.",
        ],
    ),
}


@pytest.mark.parametrize("lang", list(SECTIONS))
def test_a_last_section_of_one_short_sentence_is_kept(lang: str) -> None:
    title, article = SECTIONS[lang]
    assert page_body(lang, title, article) == article


# --------------------------------------------------------------------------
# a subheading the lexicon does not know over two statements, and a live blog's
# last entry under its time

STATEMENTS["el"] = (
    "Καθυστερήσεις ξανά στα πλοία της γραμμής",
    [
        "Τα πλοία της γραμμής καθυστέρησαν ξανά σήμερα το πρωί και η ουρά των επιβατών "
        "έφτασε ως τον σταθμό.",
        "Αντιδράσεις",
        "Οι κάτοικοι διαμαρτυρήθηκαν για την καθυστέρηση.",
        "Η εταιρεία ζήτησε συγγνώμη από τους επιβάτες.",
    ],
)


def test_a_greek_last_section_of_two_statements_is_kept() -> None:
    title, article = STATEMENTS["el"]
    assert page_body("el", title, article) == article


def test_a_box_of_links_with_blurbs_after_the_text_is_still_hidden() -> None:
    title, article = STATEMENTS["en"][0], STATEMENTS["en"][1][:1]
    box = [
        "More from the coast",
        "Ferry fares will rise in April.",
        "The lido closes for the winter.",
    ]
    assert page_body("en", title, [*article, *box]) == article


LIVE = [
    "Thousands of runners are crossing the old town this morning. Follow the race with us.",
    "11:05",
    "The leaders have passed the harbour and are heading for the bridge.",
    "10:40",
    "A runner dressed as a lighthouse has drawn the biggest cheer of the day.",
    "10:12",
    "The race has started on time under a clear sky.",
]


def test_a_live_blogs_last_entry_under_its_time_is_kept() -> None:
    body = page_body("en", "Live: the marathon in the old town", LIVE)
    # the times may stay or go as date lines; every entry stays
    assert [line for line in LIVE if line[:2] not in ("10", "11")] == [
        line for line in body if line[:2] not in ("10", "11")
    ]


# --------------------------------------------------------------------------
# a Chinese recipe: the figure comes after the thing ("面粉200克")

ZH_RECIPE = [
    "这款李子蛋糕是我姑姑每年九月都会烤的，那时候屋后的李子树上挂满了果实。",
    "材料",
    "面粉200克",
    "黄油150克",
    "白糖120克",
    "鸡蛋3个",
    "李子500克",
    "做法",
    "1. 将黄油和白糖打发至颜色变浅。",
    "2. 逐个加入鸡蛋，再拌入面粉。",
    "3. 把面糊倒入模具，将切半的李子压进去。",
    "4. 以180度烘烤45分钟。",
    "祝你好胃口！",
]


def test_a_chinese_recipe_keeps_its_ingredients_and_steps() -> None:
    assert page_body("zh", "老农家厨房的李子蛋糕", ZH_RECIPE) == ZH_RECIPE


def test_chinese_headlines_with_figures_under_most_read_are_still_hidden() -> None:
    box = ["热门文章", "大桥维修5月开工", "新预算增加3亿", "周末2场风暴"]
    lines = [*MENU["zh"], "老农家厨房的李子蛋糕", *ZH_RECIPE, *box, *MOST_READ["zh"][1:]]
    assert clean_blocks(lines, "老农家厨房的李子蛋糕").body == ZH_RECIPE


# --------------------------------------------------------------------------
# a Chinese story whose last sections are short: a heading over one sentence, a
# heading over a line ending in "：" and its items

ZH_SECTIONS = [
    "经过半年的翻修，社区图书馆于本周六重新开放，新馆增加了儿童阅读区和自习室。",
    "开放时间",
    "周二至周日上午九点到晚上八点开放，周一闭馆。",
    "新增服务",
    "图书馆新增了以下服务：",
    "自助借还书机",
    "电子阅览室",
    "老年人读书会",
    "交通",
    "可乘坐12路或35路公交车到图书馆站下车。",
]


def test_chinese_short_sections_after_the_lead_are_kept() -> None:
    assert page_body("zh", "社区图书馆重新开放", ZH_SECTIONS) == ZH_SECTIONS


def test_headline_and_blurb_teasers_under_a_box_heading_are_still_hidden() -> None:
    title, article = STATEMENTS["en"][0], STATEMENTS["en"][1][:1]
    teasers = [
        "More from the coast",
        "Ferry fares rise in April",
        "The operator blames the price of fuel.",
        "The lido closes for the winter",
        "The pool needs a new roof.",
    ]
    assert page_body("en", title, [*article, *teasers]) == article


def test_headline_and_blurb_teasers_without_a_heading_are_still_hidden() -> None:
    title, article = STATEMENTS["en"][0], STATEMENTS["en"][1][:1]
    teasers = [
        "Ferry fares rise in April",
        "The operator blames the price of fuel.",
        "The lido closes for the winter",
        "The pool needs a new roof.",
    ]
    assert page_body("en", title, [*article, *teasers]) == article


# --------------------------------------------------------------------------
# a subheading the site's menu also has, in the middle of the story

ZH_MENU_MIDDLE = [
    "今天上午，港口因台风关闭，所有渡轮停运，数百名乘客滞留在码头等待消息，不少人只能在候船厅过夜。",
    "评论",
    "这已经是今年第三次因天气原因关闭港口，不少居民认为应当尽快修建新的防波堤，以免影响生活。",
    "下一步",
    "运营方表示，明天上午将视天气情况恢复航班，并为滞留乘客提供免费餐食和临时住宿安排。",
    "市政府也承诺将在下个月公布防波堤工程的详细计划，并听取沿海居民的意见和建议。",
]


def test_a_subheading_the_menu_also_has_does_not_end_the_story() -> None:
    # "评论" is the menu's link (Opinion) and the story's first subheading
    result = clean_blocks(
        [*MENU["zh"], "港口因台风关闭一天半", *ZH_MENU_MIDDLE, *MOST_READ["zh"]],
        "港口因台风关闭一天半",
    )
    assert result.body == ZH_MENU_MIDDLE
    assert [b.text for b in result.hidden[: len(MENU["zh"])]] == MENU["zh"]
