"""Word lists the cleaner uses as *supporting* evidence, in many languages.

Nothing here is load-bearing on its own: stopword density is one of several
prose signals (CJK text, which has no stopwords between spaces, is judged by
punctuation instead), and the boilerplate heading words only confirm what
position and structure already suggest. Lists are kept short and generic
(function words, section headings every news site uses), never site names.
"""

from __future__ import annotations

# Greek capitals drop the tonos and keep the dialytika as the only mark ("ΔΙΑΒΑΣΤΕ
# ΕΠΙΣΗΣ" for "Διαβάστε επίσης"): a heading or a word in capitals is matched against
# its unaccented spelling too.
_TONOS = str.maketrans("άέήίόύώΐΰ", "αεηιουωϊϋ")


def _greek_capitals(words: frozenset[str]) -> frozenset[str]:
    """The words (or phrases), and the Greek ones as they read in capitals."""
    return words | {w.translate(_TONOS) for w in words}


# Function words: running prose is full of them, menus and headlines are not.
_STOPWORDS_TEXT = """
a about after all also an and any are as at be been but by can could did do does
for from had has have he her his how i if in into is it its just more most my no
not of on or our out over said she so some than that the their them then there these
they this those to up was we were what when which who will with would you your
der die das den dem des ein eine einer eines einem und oder aber nicht ist sind war
waren wird werden hat haben mit von zu zum zur auf aus bei nach für über unter
auch noch nur sich sie er es wir ihr ich dass wenn wie als am im vom
le la les un une des du de et ou mais est sont été être avec pour par sur dans
qui que quoi dont ce cette ces il elle ils elles nous vous au aux ne pas plus se
el los las una unos unas y o pero es son fue ser con para por en del al que
lo su sus como más este esta estos estas entre sin sobre también ya muy
o os as um uma uns umas e ou mas é são foi ser com para por em no na nos nas do da
dos das ao aos que se seu sua seus suas mais como também pelo pela já
il lo gli i una uno e ed o ma è sono era con per tra fra in nel nella dei delle
degli del della al alla che non si più anche come questo questa
de het een en of maar is zijn was met voor op aan bij uit naar dat die niet ook
och att det som är var för med till av på inte den har ett
og at det som er var for med til af på ikke den har et
i w z na do nie się że jest to o jak ale od po przez dla jego jej są był była
oraz czy tak już także tylko może ich ten ta tym przy bez pod nad być który która które
a ze we za co lub albo też jako gdy gdzie aby bo jednak ma mają było były będzie mu
mi ci cię tego tej te tych temu swoje swój swoją swoich jeszcze bardzo więc nawet można
których którzy którego której którym nich nim niej kiedy sobie podczas według między niż
και το η ο της του τα σε να για με από που στο στη στην στον την των οι ένα μια είναι
δεν θα ως ή αλλά τον τις τους αυτό κατά μετά πριν όπως ότι
στα στις στους μας σας ενώ όμως έχει έχουν ήταν είχε πιο πολύ μόνο επίσης όταν αν
οποίο οποία οποίος οποίοι οποίες οποίων ένας ενός μιας αυτή αυτά αυτές αυτοί αυτών
αυτού αυτής έως προς χωρίς μέχρι όλα όλοι όλες πως τι μη μην ούτε ακόμη εκεί εδώ καθώς
и в во не что он она они на я с со как а то все так его но да ты к у же вы за
бы по только ее её мне было вот от меня еще ещё нет о из ему теперь когда даже
ну ли если уже или быть был была были него до вас нибудь там этот это эти
bir ve ile bu da de için gibi olarak daha çok ama en ne o şu
dan yang di ke dari untuk pada dengan ini itu tidak akan juga
"""

# casefolded, as the words they are matched against are: the Greek final sigma ("της",
# "τους") casefolds to "σ", and the list as written never matched those words
STOPWORDS: frozenset[str] = _greek_capitals(frozenset(_STOPWORDS_TEXT.casefold().split()))

# Headings that open a block of links or teasers rather than article text.
# an "about the author" box closes the article it follows
_AUTHOR_HEADINGS_TEXT = """
about the author|about the authors|author bio|über den autor|über die autorin
à propos de l'auteur|sobre el autor|sobre o autor|sull'autore|over de auteur|o autorze
об авторе|σχετικά με τον συγγραφέα|关于作者|作者简介
"""

AUTHOR_HEADINGS: frozenset[str] = _greek_capitals(
    frozenset(_AUTHOR_HEADINGS_TEXT.strip().replace("\n", "|").split("|"))
)

_SECTION_HEADINGS_TEXT = (
    _AUTHOR_HEADINGS_TEXT
    + """
related|related stories|related articles|related news|related content|related links
related posts|related topics|see also|see more|more stories|more news|more from|more on this
more on this story|read more|read next|read also|also read|you may also like
you might also like|recommended|recommended for you|recommended stories|most popular
most read|most viewed|most shared|most commented|popular|popular stories|trending
trending now|latest|latest news|latest stories|latest headlines|top stories|top headlines
top news|headlines|in other news|other news|more headlines|editor's picks|editors picks
other posts|other articles
don't miss|must read|what to read next|elsewhere|around the web|from the web
sponsored content|promoted stories|partner content
newsletter|sign up|subscribe
follow us|share|share this|share this article|share this story|tags|topics|categories
weitere artikel|mehr zum thema|das könnte sie auch interessieren|das könnte sie interessieren
meistgelesen
ähnliche artikel|verwandte artikel|neueste artikel|aktuelle nachrichten
lire aussi|à lire aussi|sur le même sujet|articles similaires|les plus lus|vous aimerez aussi
vous aimerez peut-être aussi
dernières actualités|voir aussi
leer más|lee también|te puede interesar|también te puede interesar|te puede gustar
noticias relacionadas|lo más leído
más noticias|últimas noticias|relacionados
leia também|leia mais|veja também|você pode gostar|você também pode gostar|talvez você goste
notícias relacionadas|mais lidas|mais lidos
últimas notícias|relacionadas|recomendados
leggi anche|articoli correlati|potrebbe interessarti|i più letti|più letti
ultime notizie|correlati
lees ook|gerelateerd|meest gelezen|laatste nieuws
zobacz też|zobacz także|czytaj też|czytaj także|podobne artykuły|najpopularniejsze|najnowsze
polecane|najczęściej czytane|polecamy|powiązane artykuły|najnowsze wiadomości
inne wpisy|inne artykuły
tagi|udostępnij|obserwuj nas
διαβάστε επίσης|σχετικά άρθρα|σχετικά|δημοφιλή|τελευταία νέα|ροή ειδήσεων
δείτε επίσης|διαβάστε ακόμα|σχετικές ειδήσεις|πιο δημοφιλή|τα πιο δημοφιλή|προτεινόμενα
τελευταίες ειδήσεις|ετικέτες|κοινοποίηση|ακολουθήστε μας
άλλες αναρτήσεις|άλλα άρθρα
читайте также|смотрите также|похожие новости|популярное|последние новости
новости по теме|материалы по теме|самое читаемое|другие новости|ещё по теме|по теме
самое популярное|популярные новости|лента новостей|новости партнеров|рекомендуем
другие записи|другие статьи|інші записи|інші статті|інші новини
читайте також|дивіться також|схожі новини|новини за темою|популярне|останні новини
найпопулярніше|рекомендуємо|поділитися
други публикации|други статии|други новини
теги|метки|поделиться
関連記事|関連ニュース|人気記事|最新記事|おすすめ記事|ランキング
相关新闻|相关文章|热门文章|最新文章|推荐阅读|相關新聞|熱門文章
相关阅读|延伸阅读|相关推荐|猜你喜欢|热门推荐|精彩推荐|编辑推荐|为您推荐|相關閱讀|延伸閱讀
其他文章|更多文章
标签|分享到
관련기사|관련 기사|많이 본 뉴스|인기기사|최신기사|추천기사
اقرأ أيضا|اقرأ ايضا|إقرأ أيضا|مواضيع ذات صلة|أخبار ذات صلة|مقالات ذات صلة|ذات صلة
الأكثر قراءة|الأكثر مشاهدة|آخر الأخبار|أحدث الأخبار|قد يعجبك أيضا|مقالات أخرى
الوسوم|كلمات مفتاحية|شارك|شارك المقال|شارك الخبر|تابعنا
مطالب مرتبط|اخبار مرتبط|بیشتر بخوانید|پربازدیدترین|آخرین اخبار|برچسب ها
כתבות נוספות|עוד באותו נושא|הכי נקראים|כתבות אחרונות|שתפו
související články|související|čtěte také|přečtěte si také|nejčtenější|další články
nejnovější|štítky|sdílet
ข่าวที่เกี่ยวข้อง|บทความที่เกี่ยวข้อง|ข่าวแนะนำ|อ่านเพิ่มเติม|ข่าวล่าสุด|ยอดนิยม|แท็ก|แชร์
ຂ່າວທີ່ກ່ຽວຂ້ອງ|ບົດຄວາມທີ່ກ່ຽວຂ້ອງ|ຂ່າວລ່າສຸດ|ອ່ານເພີ່ມເຕີມ
ព័ត៌មានពាក់ព័ន្ធ|អត្ថបទពាក់ព័ន្ធ|ព័ត៌មានថ្មីៗ|អានបន្ថែម
ဆက်စပ်သတင်းများ|နောက်ဆုံးရသတင်းများ
ilgili haberler|benzer haberler|ilginizi çekebilir|en çok okunanlar|son haberler|etiketler
paylaş
"""
)

# Section headings that close an article rather than interrupt it.
CLOSING_HEADING_WORDS: frozenset[str] = (
    _greek_capitals(
        frozenset(
            """share|share this|share this article|share this story|follow us|tags|topics
categories|newsletter|sign up|subscribe|tagi|udostępnij|obserwuj nas|ετικέτες|κοινοποίηση
ακολουθήστε μας|теги|метки|поделиться|标签|分享到|الوسوم|كلمات مفتاحية|شارك|شارك المقال
شارك الخبر|تابعنا|برچسب ها|שתפו|štítky|sdílet|แท็ก|แชร์|etiketler|paylaş""".replace("\n", "|").split(
                "|"
            )
        )
    )
    | AUTHOR_HEADINGS
)

# Labels of the line that files a post under its tags or sections ("Tagged with: ...",
# "Filed under: ..."), printed where an article ends.
CLOSING_LABELS: frozenset[str] = _greek_capitals(
    frozenset(
        """tagged|tagged with|tagged as|filed under|filed in|verschlagwortet mit|abgelegt unter
étiqueté|mots-clés|mots clés|classé dans|etiquetado|etiquetas|archivado en|arquivado em
marcadores|archiviato in|etichette|otagowane|tagi|метки|теги|рубрика|ετικέτες|标签
""".replace("\n", "|")
        .strip("|")
        .split("|")
    )
)

# Headings that open a readers' comment thread: after the article, never inside it.
_COMMENT_HEADINGS_TEXT = """
comments|comment|leave a comment|leave a reply|post a comment|add a comment|add comment
submit a comment|write a comment|post your comment|add your comment
join the discussion|discussion|reader comments|readers comments|readers' comments
user comments|your comments|have your say|your views|reader views|add your view
show comments|view comments|hide comments|comments are closed|responses|reactions
kommentare|kommentar|leserkommentare|diskussion|commentaires|réactions|comentarios
comentários|comente|deixe seu comentário|commenti|lascia un commento|reacties
komentarze|dodaj komentarz|σχόλια|γράψτε σχόλιο
комментарии|комментарий|коментарі|коментар|コメント|评论|評論|댓글
التعليقات|تعليقات|أضف تعليقا|اترك تعليقا|نظرات|תגובות|komentáře|diskuse
"""


def _phrases(text: str) -> frozenset[str]:
    return _greek_capitals(
        frozenset(h.strip() for line in text.strip().splitlines() for h in line.split("|"))
    )


COMMENT_HEADINGS = _phrases(_COMMENT_HEADINGS_TEXT)
# The comment headings that head a form to write one: nothing of the post follows them.
FORM_HEADINGS = _greek_capitals(
    frozenset(
        """leave a comment|leave a reply|post a comment|add a comment|add comment|add your view
submit a comment|write a comment|post your comment|add your comment
comments are closed|deixe seu comentário|lascia un commento|dodaj komentarz|γράψτε σχόλιο
kommentar schreiben|laisser un commentaire|deja un comentario|оставить комментарий
发表评论|写评论|コメントを書く""".replace("\n", "|").split("|")
    )
)
SECTION_HEADINGS = _phrases(_SECTION_HEADINGS_TEXT) | COMMENT_HEADINGS

# Words of share bars, cookie banners and site chrome (matched as whole lines' words).
_CHROME_WORDS_TEXT = """
facebook twitter x linkedin whatsapp telegram reddit pinterest tumblr email e-mail mail
print share tweet pin flipboard messenger vk ok line weibo wechat copy link url
google+ googleplus digg stumbleupon delicious blogger skype sms viber
teilen drucken partager imprimer compartir imprimir condividi stampa delen udostępnij drukuj
поделиться печать κοινοποίηση εκτύπωση 分享 打印 共有 印刷 공유 인쇄
поділитися друк فيسبوك تويتر واتساب تيليجرام شارك طباعة فیسبوک توییتر اشتراک چاپ
שתפו הדפסה sdílet tisk
"""

CHROME_WORDS: frozenset[str] = _greek_capitals(frozenset(_CHROME_WORDS_TEXT.split()))
# The verbs among them ("please share it on:"), where a network's name may be the
# subject of a sentence ("Twitter seemed confused by the campaign:").
_SHARE_WORDS_TEXT = """
share print tweet email e-mail teilen drucken partager imprimer compartir imprimir
condividi stampa delen udostępnij drukuj поделиться печать κοινοποίηση εκτύπωση
分享 打印 共有 印刷 공유 인쇄 поділитися друк شارك طباعة اشتراک چاپ שתפו הדפסה sdílet tisk
"""
SHARE_WORDS: frozenset[str] = _greek_capitals(frozenset(_SHARE_WORDS_TEXT.split()))

# Labels of inline ad slots: noise inside the body, not the end of it.
AD_LABELS: frozenset[str] = frozenset(
    """advertisement|advertising|advert|ad|ads|sponsored|promoted|anzeige|werbung
publicité|publicidad|publicidade|pubblicità|reclame|advertentie|reklama|reklam|реклама
story continues below advertisement|article continues below advertisement
continue reading below|article continues below|content continues below|article continues
story continues below|story continues
広告|スポンサーリンク|广告|廣告|광고""".replace("\n", "|").split("|")
)
# Words of the links an ad slot carries under its label ("Advertise | AdChoices": the
# ad industry's notice icon and the site's sales page): a line of them and AD_LABELS'
# words alone, two words or more, is the slot's label.
AD_SLOT_WORDS: frozenset[str] = frozenset(["adchoices", "advertise"])

# Heading *prefixes* of link blocks ("More in Sports", "Mehr aus Berlin").
LINK_BLOCK_PREFIXES: tuple[str, ...] = (
    "more in ",
    "more from ",
    "more on ",
    "more about ",
    "latest in ",
    "latest from ",
    "more stories from ",
    "other stories in ",
    "top stories in ",
    "most read in ",
    "mehr aus ",
    "mehr zu ",
    "mehr zum ",
    "plus de ",
    "plus d'",
    "más de ",
    "más noticias de ",
    "mais de ",
    "mais notícias de ",
    "altro da ",
    "altre notizie di ",
    "ещё из ",
    "другие новости ",
)

# First words of a line that announces a list of links rather than of the text's
# own items ("More world stories from our site:", "Other news:"). In Thai, Lao, Khmer
# and Myanmar, which put no spaces between words, a box's heading is one "word": their
# box headings are here whole (a long headline of theirs reads as a sentence, and
# under a heading of these the box's headlines are not the article's last section).
_TEASER_INTRO_TEXT = """
more other others related recent latest popular recommended trending
mehr weitere andere plus autres más otras otros mais outras outros altri altre
więcej inne ещё еще другие περισσότερα άλλα 更多 其他
ข่าวที่เกี่ยวข้อง บทความที่เกี่ยวข้อง ข่าวแนะนำ ข่าวล่าสุด ยอดนิยม อ่านเพิ่มเติม
ຂ່າວທີ່ກ່ຽວຂ້ອງ ບົດຄວາມທີ່ກ່ຽວຂ້ອງ ຂ່າວລ່າສຸດ ອ່ານເພີ່ມເຕີມ
ព័ត៌មានពាក់ព័ន្ធ អត្ថបទពាក់ព័ន្ធ ព័ត៌មានថ្មីៗ អានបន្ថែម ဆက်စပ်သတင်းများ နောက်ဆုံးရသတင်းများ
"""
TEASER_INTRO_WORDS: frozenset[str] = _greek_capitals(frozenset(_TEASER_INTRO_TEXT.split()))

# Words of a site's own notices around its comment form and newsletter box ("Comments
# are now closed", "Sign up for our newsletter", "Log in to comment"), matched as the
# words of a line: text after an article that holds one is the site's, not the post's.
_NOTICE_TEXT = """
comments newsletter newsletters subscribe unsubscribe subscription
kommentare abonnieren commentaires abonnez abonner comentarios suscríbete suscribirse
comentários assine commenti iscriviti abbonati reacties abonneer komentarze subskrybuj
σχόλια εγγραφείτε комментарии подписаться подпишитесь
"""
NOTICE_WORDS: frozenset[str] = _greek_capitals(frozenset(_NOTICE_TEXT.split()))
# Two-word notices, in `block_key` form (a line's words joined by single spaces).
NOTICE_PHRASES: tuple[str, ...] = ("sign up", "sign in", "log in", "register to")
