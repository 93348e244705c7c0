"""The pieces `bench/composed.py` composes articles of, written in other languages than
English (whose pieces are the property test's, `tests/core/test_clean_authored.py`), with
a site's chrome in the same language: a menu over the headline, a share bar, a "Most
read" box and a copyright line under the article. Written for the bench, as the English
ones were for the test: the same paragraphs, one-line paragraphs, sections under plain
and page-section names, lists of every mark, notes, a quote and its source, an
interview, code under its intro and a table, each said as that language says it (an
interview's labels, quotation marks, Greek's question mark typed as ";").
"""

from __future__ import annotations

from typing import NamedTuple


class Language(NamedTuple):
    """An article's pieces and the chrome around it, in one language."""

    title: str
    menu: list[str]
    foot: list[str]
    paragraphs: list[str]
    pieces: dict[str, list[str]]


_CODE = ["let x = 1;", "x.init();"]

RUSSIAN = Language(
    title="Совет гавани поддержал волнорез",
    menu=["Островная газета", "Главная", "Новости", "Спорт", "Погода", "Контакты"],
    foot=[
        "Поделиться",
        "ВКонтакте",
        "Telegram",
        "Самое читаемое",
        "Тарифы на паром вырастут весной",
        "© 2025 Островная газета",
    ],
    paragraphs=[
        "Совет гавани собрался во вторник вечером и проголосовал за то, чтобы потратить "
        "четыре миллиона на новый волнорез.",
        "Работы начнутся в марте, когда первые гранитные блоки прибудут на барже из "
        "карьера на другом берегу.",
        "Рыбаки, которые швартуются у старой стены, на время работ переберутся к "
        "восточному причалу, сообщил совет.",
        "Мы прошли от маяка до северного пляжа и обратно, и на это ушла большая часть дня "
        "и все бутерброды.",
        "Никто на острове не помнил такого сухого лета, и водохранилище это показало.",
    ],
    pieces={
        "short": ["Выходите пораньше."],
        "shorter": ["Никто не возражал."],
        "named section": ["Комментарии", "Жители, пришедшие на собрание, в основном были за."],
        "plain section": ["Как добраться", "Первый паром уходит в семь и идёт час."],
        "bullets": ["- Паспорт", "- Крем от солнца", "- Удобная обувь"],
        "numbers": ["1. Обследовать дно", "2. Заложить основание", "3. Построить стену"],
        "plain list": ["Картофель", "Морковь", "Лук-порей"],
        "notes": ["• Айла: виски", "• Джура: олени", "• Колл: звёзды"],
        "quote": [
            "«Это самое большое дело за пятьдесят лет», — сказала она.",
            "— Анна Ли, председатель совета",
        ],
        "q&a": ["В: Почему сейчас?", "О: Старая стена разрушается."],
        "code": ["Весь скрипт — две строки:", *_CODE],
        "table": ["Год\tСтоимость", "2026\t1,5 млн", "2027\t2,5 млн"],
    },
)

POLISH = Language(
    title="Zarząd portu popiera falochron",
    menu=["Gazeta Wyspiarska", "Strona główna", "Wiadomości", "Sport", "Pogoda", "Kontakt"],
    foot=[
        "Udostępnij",
        "Facebook",
        "Twitter",
        "Najczęściej czytane",
        "Ceny promów wzrosną wiosną",
        "© 2025 Gazeta Wyspiarska",
    ],
    paragraphs=[
        "Zarząd portu zebrał się we wtorek wieczorem i zagłosował za wydaniem czterech "
        "milionów na nowy falochron.",
        "Prace ruszą w marcu, gdy pierwsze bloki granitu przypłyną barką z kamieniołomu "
        "po drugiej stronie zatoki.",
        "Rybacy cumujący przy starym murze na czas prac przeniosą się na wschodnie "
        "nabrzeże, poinformował zarząd.",
        "Przeszliśmy od latarni do północnej plaży i z powrotem, co zajęło większość "
        "popołudnia i wszystkie kanapki.",
        "Nikt na wyspie nie pamiętał tak suchego lata, a zbiornik to pokazał.",
    ],
    pieces={
        "short": ["Wyjdźcie wcześnie."],
        "shorter": ["Nikt nie protestował."],
        "named section": ["Komentarze", "Mieszkańcy, którzy przyszli na zebranie, byli za."],
        "plain section": ["Dojazd", "Pierwszy prom odpływa o siódmej i płynie godzinę."],
        "bullets": ["- Paszport", "- Krem z filtrem", "- Wygodne buty"],
        "numbers": ["1. Zbadać dno", "2. Położyć fundamenty", "3. Zbudować mur"],
        "plain list": ["Ziemniaki", "Marchew", "Por"],
        "notes": ["• Islay: whisky", "• Jura: jelenie", "• Coll: gwiazdy"],
        "quote": [
            "„To największa rzecz, jaką zrobiliśmy od pięćdziesięciu lat” – powiedziała.",
            "– Anna Lis, przewodnicząca zarządu",
        ],
        "q&a": ["P: Dlaczego teraz?", "O: Stary mur się sypie."],
        "code": ["Cały skrypt to dwie linijki:", *_CODE],
        "table": ["Rok\tKoszt", "2026\t1,5 mln", "2027\t2,5 mln"],
    },
)

GREEK = Language(
    title="Το λιμενικό συμβούλιο στηρίζει τον κυματοθραύστη",
    menu=["Νησιωτική Εφημερίδα", "Αρχική", "Ειδήσεις", "Αθλητικά", "Καιρός", "Επικοινωνία"],
    foot=[
        "Κοινοποίηση",
        "Facebook",
        "Twitter",
        "Τα πιο δημοφιλή",
        "Αυξάνονται τα εισιτήρια την άνοιξη",
        "© 2025 Νησιωτική Εφημερίδα",
    ],
    paragraphs=[
        "Το λιμενικό συμβούλιο συνεδρίασε την Τρίτη το βράδυ και ψήφισε να δαπανήσει "
        "τέσσερα εκατομμύρια για νέο κυματοθραύστη.",
        "Οι εργασίες θα ξεκινήσουν τον Μάρτιο, όταν φτάσουν με φορτηγίδα οι πρώτοι όγκοι "
        "γρανίτη από το λατομείο.",
        "Οι ψαράδες που δένουν στο παλιό τείχος θα μετακινηθούν στην ανατολική προβλήτα "
        "όσο διαρκούν οι εργασίες.",
        "Περπατήσαμε από τον φάρο ως τη βόρεια παραλία και πίσω, κάτι που μας πήρε σχεδόν "
        "όλο το απόγευμα.",
        "Κανείς στο νησί δεν θυμόταν τόσο ξερό καλοκαίρι, και η δεξαμενή το έδειχνε.",
    ],
    pieces={
        "short": ["Ξεκινήστε νωρίς."],
        "shorter": ["Κανείς δεν αντέδρασε."],
        "named section": ["Σχόλια", "Οι κάτοικοι που ήρθαν στη συνάντηση ήταν κυρίως υπέρ."],
        "plain section": ["Πώς θα πάτε", "Το πρώτο πλοίο φεύγει στις επτά και κάνει μία ώρα."],
        "bullets": ["- Διαβατήριο", "- Αντηλιακό", "- Άνετα παπούτσια"],
        "numbers": ["1. Έρευνα του βυθού", "2. Θεμέλια", "3. Κατασκευή του τείχους"],
        "plain list": ["Πατάτες", "Καρότα", "Πράσα"],
        "notes": ["• Ίσλεϊ: ουίσκι", "• Τζούρα: ελάφια", "• Κολ: αστέρια"],
        "quote": [
            "«Είναι το μεγαλύτερο έργο εδώ και πενήντα χρόνια», είπε.",
            "— Άννα Λη, πρόεδρος του συμβουλίου",
        ],
        "q&a": ["Ε: Γιατί τώρα;", "Α: Το παλιό τείχος καταρρέει."],
        "code": ["Όλο το σενάριο είναι δύο γραμμές:", *_CODE],
        "table": ["Έτος\tΚόστος", "2026\t1,5 εκ.", "2027\t2,5 εκ."],
    },
)

CHINESE = Language(
    title="港务委员会支持修建防波堤",
    menu=["海岛日报", "首页", "新闻", "体育", "天气", "联系我们"],
    foot=["分享", "微博", "微信", "热门文章", "渡轮票价春季上涨", "© 2025 海岛日报 版权所有"],
    paragraphs=[
        "港务委员会周二晚上开会，投票决定拨款四百万元在海湾东侧修建一座新的防波堤。",
        "工程将于三月开工，届时第一批花岗岩石块将由驳船从对岸的采石场运来。",
        "在旧堤内停泊的渔民在施工期间将迁往东码头，委员会在会后表示。",
        "我们从灯塔走到北边的海滩再走回来，花掉了大半个下午和所有的三明治。",
        "岛上没有人记得有哪个夏天像今年这样干旱，水库的水位就是证明。",
    ],
    pieces={
        "short": ["早点出发。"],
        "shorter": ["没有人反对。"],
        "named section": ["评论", "来参加会议的居民大多表示赞成。"],
        "plain section": ["交通", "第一班渡轮七点开，航程一小时。"],
        "bullets": ["- 护照", "- 防晒霜", "- 舒适的鞋"],
        "numbers": ["1. 勘察海底", "2. 打好地基", "3. 建造堤坝"],
        "plain list": ["土豆", "胡萝卜", "韭葱"],
        "notes": ["• 艾雷岛：威士忌", "• 朱拉岛：鹿", "• 科尔岛：星空"],
        "quote": ["“这是我们五十年来做过的最大的事，”她说。", "—— 李安，委员会主席"],
        "q&a": ["问：为什么是现在？", "答：旧堤快塌了。"],
        "code": ["整个脚本只有两行：", *_CODE],
        "table": ["年份\t费用", "2026\t150万", "2027\t250万"],
    },
)

LANGUAGES = {"ru": RUSSIAN, "pl": POLISH, "el": GREEK, "zh": CHINESE}
