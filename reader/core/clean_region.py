"""Where the article is: the main body region of a page (see `reader.core.clean`).

Each block gets a score: positive for text that reads like sentences (its size
weighted by stopword density and punctuation), negative for menu lines, teaser
titles, repeats and section headings. The body is the run of blocks with the
largest score sum (the idea of Finn et al.'s Body Text Extraction, on lines
rather than HTML tags), with two guards: a footer line ends any run, and a run
stops where its sum has dropped far below its best point, so an article cannot
swallow a comment thread or teaser blurbs behind a long gap.

Structure adjusts the scores first: hard-wrapped paragraphs are scored as one
block, items of a list announced by "...:" (or a data list or fact box announced
right after the text) and runs of one-sentence paragraphs get a small credit, a
subheading between two paragraphs costs next to nothing, and a comment thread
(posts between dated header lines of one template) or a list of blurbs under a
section heading (texts interleaved with one repeated furniture line) is sunk.
Among the runs, the one right under the page's headline wins when it is worth a
share of the heaviest, and a run counts for less the lower it starts on the page
(down to nothing at its last line: a site's own statement, not an article). The
article starts under its headline: what a run took in above it is the site's. After
that, text that resumes after a short inline box is attached (one paragraph after
lines with nothing of the site's in them, three paragraphs in a row after any box an
article holds), so are the plain lines between the text and the site's closing
furniture when they hold a sentence, and a lead paragraph that a sidebar cuts off
from the rest right after the headline; the run is cut at a comment heading. A
bridged box is hidden only when something in it is the site's. Its edges then take
in what continues the body's own structure: a sentence broken at commas, a last
sentence of a few words, list items that carry on in lower case, the rest of a
bulleted list or of lines that open alike, an alternation of "Q:" / "A:" or quote /
attribution blocks, the lead above a labelled first paragraph, the plain lines between
the post's headline or date line and its text when they hold sentences or data (a
workout, a fact box). Every step is one pass: linear time.

Whether a page needs any of this is decided first (`has_chrome`): a page with no
page chrome is an article someone wrote and is kept whole.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from operator import attrgetter

from reader.core.clean_lexicon import (
    CHROME_WORDS,
    CLOSING_LABELS,
    FORM_HEADINGS,
    NOTICE_PHRASES,
    NOTICE_WORDS,
    SHARE_WORDS,
    STOPWORDS,
    TEASER_INTRO_WORDS,
)
from reader.core.clean_signals import (
    CLOSING_HEADINGS,
    INTERVIEW_QUESTION_RE,
    MAX_DATED_WORDS,
    NOTICE_TEXT,
    QUESTION_ENDS,
    STAMP_RE,
    BlockInfo,
    asks,
    block_key,
    describe,
    describe_page,
    ends_full_stop,
    ends_in_colon,
    ends_sentence,
    is_byline,
    is_sentence,
    is_signature,
    text_value,
)

# A block must be worth about this many sentence words to count for the body;
# menu lines and short titles therefore score about -BLOCK_COST.
BLOCK_COST = 11.0
# Repeated lines (teaser titles shown twice, comment furniture) cost this extra.
REPEAT_COST = 11.0
# A "Related" / "Most read" heading: usually where the article stops, but inline
# link boxes inside long articles exist, so it is a cost rather than a wall.
HEADING_COST = 25.0
# Ad labels and photo captions sit between paragraphs of the article itself:
# hidden, but they cost next to nothing, so the body runs on across them.
AD_COST = 1.0
INLINE_FURNITURE = frozenset({"advertisement", "photo caption", "decoration"})
# A run ends once its sum has fallen this far below its best point.
MAX_DRAWDOWN = 90.0
# Lines repeating the same template (first two words, digits) this often are furniture.
MIN_SHAPE_REPEATS = 3
# Body text needed before a "Comments" heading ends the article (vs. a menu link).
COMMENT_CUT_MASS = 50.0
# Hard-wrapped paragraphs: lines at least this long, cut mid-sentence.
WRAP_MIN_CHARS = 40
# Items after a block ending in ":" get this small credit (they belong to it).
LIST_ITEM_CREDIT = 0.5
MAX_LIST_ITEMS = 200
# Text resuming after an interruption of at most MAX_ATTACH_GAP lines (MAX_BOX_GAP
# when it holds a section heading) is attached if worth ATTACH_SHARE of the gap.
MAX_ATTACH_GAP = 10
MAX_BOX_GAP = 6
ATTACH_SHARE = 0.8
# How far after a comment heading to look for a thread's furniture lines.
THREAD_LOOKAHEAD = 40


@dataclass(slots=True)
class PageView:
    """The blocks of one page with their signals and in-page repetition counts."""

    texts: Sequence[str]
    infos: list[BlockInfo]
    counts: Counter[str]
    shapes: Counter[str]
    title_key: str  # `block_key` of the page's title, "" when it has none
    # the runs of readers' posts `score_blocks` sank by their shape (`_sink_thread`):
    # kept for the labels, as nothing else tells a thread with no heading above it
    threads: list[range] = field(default_factory=list)
    # the share of each block's text in links, when its format knows it (an HTML
    # page's plain words keep no link mark); empty when the texts say it themselves
    # (a Markdown link's "](")
    links: Sequence[float] = ()

    @classmethod
    def build(cls, texts: Sequence[str], title_key: str, links: Sequence[float] = ()) -> PageView:
        infos = describe_page(texts, title_key)
        return cls(
            texts=texts,
            infos=infos,
            counts=Counter(map(_KEY, infos)),
            shapes=Counter(filter(None, map(_SHAPE, infos))),
            title_key=title_key,
            links=links if len(links) == len(texts) else (),
        )

    def linked(self, k: int) -> bool:
        """Block `k` is mostly a link: a menu's, a box's, a share bar's."""
        if self.links:
            return self.links[k] >= LINKED_SHARE
        return "](" in self.texts[k]


# A block with this share of its text in links or more is a link (`PageView.linked`).
LINKED_SHARE = 0.5


# (attribute getters: counting through `map` costs less than a generator)
_KEY = attrgetter("key")
_SHAPE = attrgetter("shape")


def page_uses_stopwords(infos: Sequence[BlockInfo]) -> bool:
    """Whether the page is in a language the stopword list knows."""
    return page_stop_share(infos) >= MIN_PAGE_STOP


# A page whose long lines hold fewer stopwords is in a language the lists do not know.
MIN_PAGE_STOP = 0.08


def page_stop_share(infos: Sequence[BlockInfo]) -> float:
    """The share of stopwords in the page's lines of ten words or more (CJK aside):
    how much of its language's function words the word lists know."""
    words = stops = 0.0
    for info in infos:
        if info.words >= 10 and not info.cjk:
            words += info.words
            stops += info.stop * info.words
    return stops / words if words else 0.0


def score_blocks(page: PageView) -> list[float]:
    """Body evidence per block (see the module docstring)."""
    infos, counts, shapes = page.infos, page.counts, page.shapes
    page_share = page_stop_share(infos)
    use_stop = page_share >= MIN_PAGE_STOP  # (`page_uses_stopwords`, its share kept)
    scores: list[float] = []
    # the runs of quantity lines and of one-sentence paragraphs, credited below
    credit_runs: list[tuple[int, int]] = []
    sentence_start = verse_start = 0
    verse = _verse_lines(page)
    for i, info in enumerate(infos):
        hard = info.hard
        if hard:
            scores.append(-AD_COST if hard in INLINE_FURNITURE else -BLOCK_COST)
        else:
            value = info.value if use_stop else info.plain_value
            if info.words >= MIN_FAIR_WORDS:  # (`_long_sentence`'s cheapest test, first)
                text = page.texts[i]
                if use_stop:
                    value = _stop_text_value(text, info, page_share)
                else:
                    value = _plain_text_value(text, info)
            score = value - BLOCK_COST
            if counts[info.key] > 1 or (info.shape and shapes[info.shape] >= MIN_SHAPE_REPEATS):
                score -= REPEAT_COST
            scores.append(score)
        if hard or info.footer or info.section or not is_sentence(info):
            if i - sentence_start >= MIN_SENTENCE_RUN:
                credit_runs.append((sentence_start, i))
            sentence_start = i + 1
        if hard or info.footer or info.section or not verse[i]:
            if i - verse_start >= MIN_VERSE_LINES:
                credit_runs.append((verse_start, i))
            verse_start = i + 1
    n = len(scores)
    credit_runs += _quantity_runs(infos)
    credit_runs += _table_runs(page)
    if n - sentence_start >= MIN_SENTENCE_RUN:
        credit_runs.append((sentence_start, n))
    if n - verse_start >= MIN_VERSE_LINES:
        credit_runs.append((verse_start, n))
    _score_wrapped_runs(page, scores, use_stop)
    _credit_announced_lists(page, scores)
    _credit_content_lists(page, scores)
    for lo, hi in credit_runs:
        for k in range(lo, hi):
            scores[k] = max(scores[k], LIST_ITEM_CREDIT)
    for i, info in enumerate(infos):
        if info.section:
            scores[i] = -HEADING_COST
        elif (
            i
            and info.words <= MAX_PLACEHOLDER_WORDS
            and page.texts[i - 1].rstrip().endswith(_COLONS)  # (`ends_in_colon`, inline)
            and widget_box(page, i - 1)
        ):
            scores[i - 1] = scores[i] = -AD_COST  # a script's box inside the text
    _bridge_subheadings(page, scores)
    page.threads = _sink_comment_threads(page, scores)
    _sink_item_lists(page, scores)
    return scores


def _plain_text_value(text: str, info: BlockInfo) -> float:
    """A block's text value on a page whose language the stopword lists do not know
    (`page_uses_stopwords`), with a long sentence valued as prose by its shape.

    There a block earns 0.7 of its size by its punctuation alone, so a sentence had
    to hold 16 words to earn its block's cost, and a Russian or Ukrainian story's
    paragraphs of 15 words scored under zero where the same sentences in English
    earn their size. A `_long_sentence` earns its size as English prose does."""
    if info.plain_value < info.weight and _long_sentence(text, info):
        return info.weight
    return info.plain_value


def _stop_text_value(text: str, info: BlockInfo, page_share: float) -> float:
    """A block's text value on a page whose language the lists know, with a long
    sentence of the page's own language valued as prose.

    A sentence earns its whole size only at STOP_FULL stopwords, an English bar:
    Polish or Russian prose holds fewer function words than English, and a Polish
    paragraph of 18 words with 0.17 of them earned one point over its block's cost,
    too little to join the lead across a subheading ("Komentarze" then ended the
    story). A `_long_sentence` that holds the page's function words at FAIR_SHARE of
    the page's own rate or more earns at least what a sentence of FAIR_VALUE words
    earns in English; no more, so that a long line does not make a run outweigh
    the boxes and teasers after it (what the whole size lost, see PERFORMANCE.md)."""
    if (
        info.value < FAIR_VALUE
        and info.stop >= FAIR_SHARE * page_share
        and _long_sentence(text, info)
    ):
        return min(info.weight, FAIR_VALUE)
    return info.value


def _long_sentence(text: str, info: BlockInfo) -> bool:
    """A sentence of MIN_FAIR_WORDS words or more that ends in a full stop (not a
    teaser's ellipsis) and is no list item: prose by its shape in any spaced script
    (CJK lines are weighed by their characters already)."""
    return (
        info.words >= MIN_FAIR_WORDS
        and not (info.cjk or info.listed or info.bullet)
        and ends_full_stop(text)
    )


# A sentence this long that ends in a full stop is prose whatever its language.
MIN_FAIR_WORDS = 15
# On a page weighed by its stopwords, such a sentence holding this share of the
# page's rate of them earns at least the value of a sentence of FAIR_VALUE words.
FAIR_SHARE = 0.75
FAIR_VALUE = 16.0


def _bridge_subheadings(page: PageView, scores: list[float]) -> None:
    """A subheading between two paragraphs is part of the article, whatever its
    words ("Reactions", "Option 2: Join the group"): a short line that is not a
    sentence, with prose right before it and a section after it, costs next to
    nothing, so the body runs on across it. A section is two paragraphs, a long one
    (a teaser's headline has a one-line blurb), or the article's last paragraph,
    right before the page's closing furniture or its end. A heading named like a
    page section ("Reactions", "Related research") needs one paragraph and the
    article's next subheading after it: a site's sections open with headlines or
    links, and a comment form's notice is no subheading's. A one-line paragraph of a
    few words ("Start early.") between two paragraphs is text too. Blocks are taken
    last to first, so that the subheading after a section is known."""
    infos = page.infos
    n = len(scores)
    for i in range(n - 2, 0, -1):
        info = infos[i]
        if (
            scores[i] < 0
            and 0 < info.words <= MAX_SUBHEADING_WORDS
            and not info.hard
            and not info.bullet  # a list item, not a heading
            and not info.footer
            and (
                _prose(infos[i - 1], scores[i - 1])
                or (scores[i - 1] == -AD_COST and _prose_over_box(page, scores, i))
            )
            and _prose(infos[i + 1], scores[i + 1])
            # (said once, or again in the menu only: asked after the prose around it,
            # which a menu's repeated links lack, as the menu test reads the page)
            and (page.counts[info.key] == 1 or _said_in_menu(page, i))
            and (short_paragraph(page, i) if info.terminal else _opens_section(page, scores, i))
        ):
            scores[i] = -AD_COST


def _said_in_menu(page: PageView, i: int) -> bool:
    """Block `i` stands under the page's headline, and every other copy of it on the
    page stands above the headline: a word of the site's menu that the story also uses
    as a subheading ("评论", Opinion, a menu's link and the story's "Comments")."""
    headline = _first_headline(page.infos)
    if headline < 0 or i < headline:
        return False
    key = page.infos[i].key
    above = sum(1 for k in range(headline) if page.infos[k].key == key)
    return above == page.counts[key] - 1


def _widget_label(page: PageView, k: int) -> bool:
    """Block `k` could label a box of the site's: a short line ending in a colon that
    opens like a box of links ("More:", "Więcej:", "Other news:": `links_intro`)."""
    info = page.infos[k]
    return (
        info.words <= MAX_SUBHEADING_WORDS
        and ends_in_colon(page.texts[k])
        and links_intro(info.key) == "section heading"
    )


def widget_box(page: PageView, k: int) -> bool:
    """Blocks `k` and `k + 1` are a box a script fills: its label (`_widget_label`) over
    its placeholder ("Więcej:" / "Ładowanie…", "More:" / "Loading...")."""
    return _widget_label(page, k) and is_placeholder(page.texts[k + 1])


def _prose_over_box(page: PageView, scores: Sequence[float], i: int) -> bool:
    """Right above block `i` stands a script's box (`widget_box`), and above it a
    paragraph that earns (`_prose`): a subheading under the box follows that text."""
    return i >= 3 and widget_box(page, i - 2) and _prose(page.infos[i - 3], scores[i - 3])


def is_placeholder(text: str) -> bool:
    """The line is a script's placeholder ("Loading", "Loading slideshow...",
    "Ładowanie…"): what stood there was filled in by a script the page's text lost."""
    return _PLACEHOLDER_RE.match(text) is not None


# A script's placeholder text: "Loading", "Loading slideshow...", "Cargando…". The
# spaces before the dots sit inside their optional group: two optional runs of spaces
# in a row try every split of a long run of spaces, a time square in its length.
_PLACEHOLDER_RE = re.compile(
    r"\s*(?:loading|cargando|chargement|caricamento|wird geladen|carregando|ładowanie"
    r"|trwa ładowanie|wczytywanie|загрузка|загружается|φ[οό]ρτωση|φορτώνει|加载中|載入中"
    r"|正在加载|正在載入)(?:\s+\w+)?(?:\s*(?:\.\.\.|…))?\s*$",
    re.IGNORECASE,
)
# A placeholder is a word or three.
MAX_PLACEHOLDER_WORDS = 3
_COLONS = (":", "：")


def _opens_section(page: PageView, scores: Sequence[float], i: int) -> bool:
    """What follows the short line `i` (over a paragraph) is a section of the article
    (see `_bridge_subheadings`)."""
    infos, n = page.infos, len(scores)
    info, after = infos[i], i + 2
    if info.section:
        return after < n and (
            (scores[after] == -AD_COST and not infos[after].terminal)
            or _named_section_closes(page, i)
        )
    return (
        infos[i + 1].words >= MIN_SECTION_WORDS
        or (after < n and _prose(infos[after], scores[after]))
        or info.date_line  # a live blog's "10:42 GMT"
        or (not info.listed and (after == n or _closing_furniture(infos[after])))
        or _list_follows(page, after)
    )


def _named_section_closes(page: PageView, i: int) -> bool:
    """Under the heading named like a page section at block `i` ("Reactions",
    "Komentarze"), the paragraph under it is followed by the article's closing lines:
    a short sentence (`short_paragraph`: "Start early.", not a site's notice: "Login
    or register to comment.") or the text's own list, and
    no post's header (a name with a date or a time: `_post_header`) comes in the next
    THREAD_LOOKAHEAD lines; a footer's year ("© 2025 Coast News") signs no post. A
    thread has posts with headers; one paragraph and a list under a heading are a
    last section of the article."""
    after, n = i + 2, len(page.infos)
    return (
        after < n
        and (
            (short_paragraph(page, after) and not notice(page.infos[after].key))
            or _list_follows(page, after)
        )
        and not any(
            _post_header(page, k) and not page.infos[k].footer
            for k in range(i + 1, min(n, i + THREAD_LOOKAHEAD))
        )
    )


def _list_follows(page: PageView, start: int) -> bool:
    """A bulleted list of MIN_LIST_ITEMS items or more, none a link, opens at block
    `start`: a section's paragraph and its list ("How it works", a paragraph, then
    "• Capacity: 20 MW")."""
    infos = page.infos
    end = min(len(infos), start + MIN_LIST_ITEMS)
    return end - start == MIN_LIST_ITEMS and all(
        infos[k].bullet and not infos[k].hard and "](" not in page.texts[k]
        for k in range(start, end)
    )


# A list of at least this many items shows that a subheading opens a section.
MIN_LIST_ITEMS = 2


# A quote's marks before its first word: Markdown's "> ", quotation marks.
_QUOTE_MARKS = "> \"'“„«"


def short_paragraph(page: PageView, i: int) -> bool:
    """Block `i` is a paragraph of one short sentence ("Start early.", "Bring a
    coat!"): it opens with a capital, holds two words or more, and ends in a full stop
    or an exclamation mark (a menu's and a teaser's lines do not; "Read more..." and
    "Why?" are a site's prompts), and it is no closing label said as a sentence
    ("Filed under news."). A quote's marks may stand before the capital ("> We
    waited...", a Markdown quote). Chinese and Japanese have no capitals: there a line
    ending in "。" or "！" is one ("时间表将于稍后公布。")."""
    info = page.infos[i]
    if info.cjk:  # no capitals, no spaces: a short sentence ends in "。" or "！"
        return page.texts[i].rstrip().endswith(_CJK_SENTENCE_ENDS) and info.weight >= 2
    return (
        _short_sentence_end(page, i)
        and page.texts[i].lstrip(_QUOTE_MARKS)[:1].isupper()
        and not _says_closing_label(info.key)
    )


def _says_closing_label(key: str) -> bool:
    """The line (its `block_key`) opens with a closing label's words, colon or not
    ("filed under news", "tags harbour")."""
    return any(key.startswith(label + " ") for label in _CLOSING_LABELS)


# How a short sentence ends in a script without capitals (full-width stop, "!").
_CJK_SENTENCE_ENDS = ("。", "！")


def _short_sentence_end(page: PageView, i: int) -> bool:
    """Block `i` holds two words or more and ends in a full stop or an exclamation
    mark, not an ellipsis ("Read more..."), a colon or a question, or it is one word
    and an exclamation: how a short sentence of the text ends, where a site's prompts
    end otherwise."""
    end = page.texts[i].rstrip()
    if page.infos[i].words == 1:  # a writer's one-word exclamation ("Enjoy!", "Smacznego!")
        return end.endswith("!") and not end.endswith("!!") and end[:-1].isalpha()
    return page.infos[i].words >= 2 and end.endswith((".", "!")) and not end.endswith("..")


def _closing_furniture(info: BlockInfo) -> bool:
    """What a site prints under its articles starts here: a section heading, a footer
    line, or a block that is boilerplate wherever it stands."""
    return info.section or info.footer or bool(info.hard)


def _prose(info: BlockInfo, score: float) -> bool:
    """A paragraph that earns (`is_paragraph`)."""
    return score > 0 and is_paragraph(info)


def is_paragraph(info: BlockInfo) -> bool:
    """A sentence of MIN_PROSE_WORDS words or more."""
    return info.terminal and _size(info) >= MIN_PROSE_WORDS


def _size(info: BlockInfo) -> float:
    """A block's words; in Chinese or Japanese, which have no spaces between words,
    its weight (two characters a word), and so in Thai, Lao, Myanmar or Khmer (four)."""
    return info.weight if info.cjk or info.unspaced else info.words


MAX_SUBHEADING_WORDS = 12
MIN_PROSE_WORDS = 8
# What follows a subheading is a section of the article, not a teaser's one-line
# blurb: two paragraphs, or one of at least this many words.
MIN_SECTION_WORDS = 40


def _sink_comment_threads(page: PageView, scores: list[float]) -> list[range]:
    """Readers' comments are prose, and a long thread can outweigh the article.

    A thread is recognised by its shape, not by a heading word or a "334 comments"
    counter: after some article text, posts (texts) interleaved with furniture
    lines of one template, each a line repeated on the page ("Reply", "Flag as
    inappropriate") or a dated line of a repeated shape ("Posted by Ann on May 2,
    2008", "by bob on Tuesday July 24, @12:29PM"). From the first furniture line
    of such a run to the text after its last, everything is made to score as
    boilerplate; so is what follows a comment heading up to the next footer or
    section heading, when the thread starts right under it.

    Returns the runs sunk by their shape (a thread under a comment heading is known
    by its heading)."""
    n = len(scores)
    threads: list[range] = []
    mass = 0.0
    furniture: list[int] = []
    texts = 0
    byline = False  # between the page's headline and its first text: the byline's place
    for i in range(n + 1):
        info = page.infos[i] if i < n else None
        if info is not None:
            byline = info.hard == "repeated title" or (byline and scores[i] <= 0)
        is_furniture = (
            info is not None
            and not byline
            and mass >= COMMENT_CUT_MASS
            and _thread_furniture(page, i)
        )
        gap = i - furniture[-1] if furniture else 0
        if furniture and (info is None or gap > THREAD_GAP or info.footer):
            thread = _sink_thread(page, scores, furniture, texts)
            if thread and (posts := _readers_posts(page, thread)):
                threads.append(posts)
            furniture, texts = [], 0
        if info is None:
            break
        if is_furniture:
            if furniture and not any(scores[k] > 0 for k in range(furniture[-1] + 1, i)):
                furniture[-1] = i  # furniture lines in a row: one post header
            else:
                furniture.append(i)
        elif furniture and scores[i] > 0:
            texts += 1
        if info.comment and mass >= COMMENT_CUT_MASS and _looks_like_thread(page, scores, i):
            for j in range(i + 1, n):
                if page.infos[j].footer or (page.infos[j].section and not page.infos[j].comment):
                    break
                scores[j] = min(scores[j], -BLOCK_COST)
            return _joined(page, threads)
        if not furniture:
            mass += max(0.0, scores[i])
    return _joined(page, threads)


def _looks_like_thread(page: PageView, scores: Sequence[float], heading: int) -> bool:
    texts = dated = 0
    for j in range(heading + 1, min(len(scores), heading + THREAD_LOOKAHEAD)):
        if page.infos[j].hard == "repeated title" and not dated:
            return False  # a menu's "Comments" link over the page's own headline
        shape = page.infos[j].shape
        if shape.endswith("#") and page.shapes[shape] >= MIN_SHAPE_REPEATS:
            dated += 1
        elif scores[j] > 0:
            texts += 1
    return dated >= 2 and texts >= 2


def _thread_furniture(page: PageView, i: int) -> bool:
    info = page.infos[i]
    if (
        not info.dated
        and page.counts[info.key] < MIN_SHAPE_REPEATS
        and not info.shape.endswith("#")
    ):
        return False  # none of what makes furniture below (the cheapest tests, first)
    if (
        info.hard in INLINE_FURNITURE
        or info.words > MAX_FURNITURE_WORDS
        or _ends_statement(page, i)
    ):
        return False
    if "://" in page.texts[i] or "www." in page.texts[i]:
        return False  # a list's links, not a post's header
    if page.counts[info.key] >= MIN_SHAPE_REPEATS:
        return True
    if info.shape.endswith("#") and page.shapes[info.shape] >= MIN_SHAPE_REPEATS:
        return True
    return _signed_post_header(page, i)


def _signed_post_header(page: PageView, i: int) -> bool:
    """Who posted when, each post's line different ("Tim Worstall 11.06.12 at 11:06
    am"): a date or a time, and words besides it (a bare "10:42" is a live blog's)."""
    if not _post_header(page, i):
        return False
    if len(_signature(page.infos[i].key).split()) < MIN_HEADER_NAME_WORDS:
        return False
    # a time or a whole date: "2009 Land Rover Range Rover" is a subheading
    return bool(STAMP_RE.search(page.texts[i]))


MIN_HEADER_NAME_WORDS = 2


def _sink_thread(
    page: PageView, scores: list[float], furniture: list[int], texts: int
) -> range | None:
    """Sink one run of posts: at least MIN_POSTS furniture lines with text between
    them, and as many short lines with a date or a time among them, signed by at
    least MIN_POSTS different names (the posts' headers). An article's numbered or
    repeated subheadings have no date; a live blog's "Updated 10:42 GMT" stamps
    have no names. Returns the run sunk, None when it is no thread."""
    end = furniture[-1] + 1
    while end < len(scores) and end - furniture[-1] <= THREAD_GAP and scores[end] > 0:
        end += 1
    if len(furniture) < MIN_POSTS or texts < MIN_POSTS - 1:
        return None
    headers = [k for k in range(furniture[0], end) if _post_header(page, k)]
    signatures = {_signature(page.infos[k].key) for k in headers}
    if len(headers) < MIN_POSTS or len(signatures) < MIN_POSTS:
        return None
    if len(headers) == MIN_POSTS and not any(
        page.counts[page.infos[k].key] >= MIN_SHAPE_REPEATS or _TIME_RE.search(page.texts[k])
        for k in range(furniture[0], end)
    ):
        return None  # two dated headings and no "Reply" or time of day: a list of events
    thread = range(_first_post(page, furniture[0]), end)
    for j in thread:
        scores[j] = min(scores[j], -BLOCK_COST)
    return thread


def _readers_posts(page: PageView, thread: range) -> range | None:
    """The readers' comments in the run of posts `thread`, when it is one and not
    only sunk like one: at least MIN_POSTS headers that say when to the minute they
    were posted (a time of day: "Ann May 2, 2012 at 9:14 am"; a list of stories
    dates them by the day), at least MIN_POSTS paragraphs (`is_paragraph`: what
    readers wrote, where a list of titles with their times has short lines), at
    least MIN_POSTS headers that name who posted (`_names_poster`) or a line
    repeated on the page ("Reply", "Report abuse"), and no heading of the site's
    over the first post's MAX_POST_LEAD lines ("Latest news" over stories, each with
    its title, time and blurb).

    The comments run from the first of those headers (what the run took in above it
    may be a list's items dated by the day) to a heading of the site's ("Most
    Popular") or a footer line; the first post's own line over its header is
    theirs ("1. Ann says:" over "May 2, 2012 at 9:14 am"), as the later posts'
    are. None when the run is no thread."""
    infos, texts = page.infos, page.texts
    end = next((k for k in thread if _site_heading(infos[k]) or infos[k].footer), thread.stop)
    headers = [
        k for k in range(thread.start, end) if _post_header(page, k) and _TIME_RE.search(texts[k])
    ]
    if len(headers) < MIN_POSTS:
        return None
    start = headers[0]
    lead = _mark(texts[start - 1]) if start else ""
    if start and (
        ends_in_colon(texts[start - 1])
        or any(_mark(texts[h - 1]) == lead != "" for h in headers[1:])
    ):
        start -= 1
    posts = range(start, end)
    if sum(1 for k in posts if is_paragraph(infos[k])) < MIN_POSTS:
        return None
    if sum(_names_poster(page, k) for k in headers) < MIN_POSTS and not any(
        not infos[k].dated
        and (
            page.counts[infos[k].key] >= MIN_SHAPE_REPEATS
            or page.shapes[infos[k].shape] >= MIN_SHAPE_REPEATS  # "1. Reply", "2. Reply"
        )
        for k in posts
    ):
        return None  # no names, no "Reply": stories stamped "updated 9:12 AM, March 4"
    if any(_site_heading(infos[k]) for k in range(max(0, start - MAX_POST_LEAD), start)):
        return None
    return posts


def _names_poster(page: PageView, k: int) -> bool:
    """The post header at block `k` names who posted, or numbers the post: a
    capitalised word before its time or date ("Ann Lee May 2, 2012 at 9:14 am", "by
    Bob on Tuesday, @9:14AM") or a name of a few words after it ("9:14 pm,
    2-May-2012 Ann Lee"); or the line over it ends in a colon ("Ann says:" over "May
    2, 2012 at 9:14 am"); or it or the line over it opens with the post's number
    ("#7 Ann 2.5.12, 9:14", "2. Ann" over "May 2, 2012 at 9:14 am"); or the line over
    it is a name (`_name_line`). A story's stamp names nobody ("updated 9:12 AM, Mon
    March 4, 2024"), nor does a list of titles with their times ("science 11:30 AM
    Two new moons found around the ringed planet")."""
    text = page.texts[k]
    stamps = [*STAMP_RE.finditer(text), *_TIME_RE.finditer(text)]
    start = min((m.start() for m in stamps), default=len(text))
    after = text[max((m.end() for m in stamps), default=len(text)) :].split()
    above = page.texts[k - 1] if k else ""
    return (
        any(word[:1].isupper() for word in text[:start].split())
        or (0 < len(after) <= MAX_NAME_WORDS and after[-1][:1].isupper())
        or ends_in_colon(above)
        or bool(_POST_NUMBER_RE.match(text) or _POST_NUMBER_RE.match(above))
        or (k > 0 and _name_line(page, k - 1))
    )


def _name_line(page: PageView, i: int) -> bool:
    """Block `i` may be a poster's name on its own line: at most MAX_NAME_WORDS
    words, the first capitalised, no date, no sentence's end ("Ann Lee", not a
    story's title of more words, "School roof finished early", nor "Thanks!")."""
    info = page.infos[i]
    words = page.texts[i].split()
    return (
        0 < len(words) <= MAX_NAME_WORDS
        and words[0][:1].isupper()
        and not info.dated
        and not info.terminal
        and not info.hard
    )


# A poster's name after the time of a post: at most this many words.
MAX_NAME_WORDS = 3
# A post's number opening its header or the line over it: "#7", "2.", "2)", "2 Ann".
_POST_NUMBER_RE = re.compile(r"\s*(?:#\d|\d{1,3}[.)]?\s)")


# The lines over a post's header line that may be its own (a title, a number).
MAX_POST_LEAD = 3


def _site_heading(info: BlockInfo) -> bool:
    """A heading of one of the site's sections ("Related", "Most Popular"), not of
    the readers' comments nor a share bar's ("Share": it stands over threads too)."""
    return info.section and not info.comment and not info.hard


def _joined(page: PageView, threads: list[range]) -> list[range]:
    """The runs of posts `threads` with the blocks between two of them that are the
    thread's too: at most THREAD_LOOKAHEAD blocks, no heading of the site's nor a
    footer line among them (posts whose header lines came too far apart to count)."""
    joined: list[range] = []
    for run in threads:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and run.start - prev.stop <= THREAD_LOOKAHEAD
            and not any(
                _site_heading(page.infos[k]) or page.infos[k].footer
                for k in range(prev.stop, run.start)
            )
        ):
            joined[-1] = range(prev.start, run.stop)
        else:
            joined.append(run)
    return joined


def _first_post(page: PageView, header: int) -> int:
    """Where the thread whose first counted post header is block `header` starts: the
    earlier headers of the same numbered template ("1. Ann, on May 7th" before "2. Bob,
    on May 7th"), each within THREAD_GAP lines of the next, came too early on the page
    to count as furniture."""
    mark = _mark(page.texts[header])
    if not mark or mark[-1] != ":":
        return header
    first = header
    k = first - 1
    while k >= 0 and first - k <= THREAD_GAP:
        if _mark(page.texts[k]) == mark and _signed_post_header(page, k):
            first = k
        k -= 1
    return first


_TIME_RE = re.compile(r"\d:[0-5]\d")


def _signature(key: str) -> str:
    """A post header without its numbers: who posted (and the template's words)."""
    return " ".join(word for word in key.split() if not word.isdigit())


def _post_header(page: PageView, i: int) -> bool:
    """A short line with a date or a time: who posted when ("On May 2, 2012 at
    10:12 am Ann said:" opens a post; it is no sentence). An embedded social post's
    signature ("— Ann Lee (@annlee) May 2, 2012") is a quote's credit inside the
    text, not the header of a reader's post."""
    info = page.infos[i]
    return (
        info.dated
        and not info.footer  # "© 2025 港新聞": the site's year, nobody's post
        and info.words <= MAX_FURNITURE_WORDS
        and not _ends_statement(page, i)
        and _HANDLE_RE.search(page.texts[i]) is None
    )


# A handle in brackets, as an embedded post signs: "(@annlee)".
_HANDLE_RE = re.compile(r"\(@\w+\)")


def _ends_statement(page: PageView, i: int) -> bool:
    """Block `i` ends like a sentence, not in the colon that opens what follows."""
    return page.infos[i].terminal and not ends_in_colon(page.texts[i])


# Posts of a thread: at least this many, their furniture lines at most this far
# apart and this long.
MIN_POSTS = 2
THREAD_GAP = 8
MAX_FURNITURE_WORDS = MAX_DATED_WORDS  # a line that long is checked for a date


def _sink_item_lists(page: PageView, scores: list[float]) -> None:
    """A "You may also like" heading over a list of quotes or blurbs, each with the
    same furniture line (a share bar, a "Read more" link) before or after it: the
    blurbs are prose, but the list is not the article. From the heading to the
    item after the last furniture line, everything is made to score as
    boilerplate."""
    n = len(scores)
    i = 0
    while i < n:
        info = page.infos[i]
        if not info.section or info.comment:
            i += 1
            continue
        end = _item_list_end(page, scores, i)
        for j in range(i + 1, end):
            scores[j] = min(scores[j], -BLOCK_COST)
        i = max(end, i + 1)


def _item_list_end(page: PageView, scores: Sequence[float], heading: int) -> int:
    """Index past the item list under `heading` (`heading + 1` if there is none):
    texts alternating with one repeated furniture line, or with date lines (dated
    teasers: a headline, its date, its blurb). The item after the last furniture line
    is the list's when the list's first text follows its furniture line."""
    n = len(scores)
    furniture: list[int] = []
    texts = 0
    first_text = n
    j = heading + 1
    while j < n and j - (furniture[-1] if furniture else heading) <= ITEM_GAP:
        info = page.infos[j]
        if info.footer or info.section:
            break
        if (
            page.counts[info.key] >= MIN_SHAPE_REPEATS and info.hard not in INLINE_FURNITURE
        ) or info.date_line:
            furniture.append(j)
        elif scores[j] > 0:
            texts += 1
            first_text = min(first_text, j)
        j += 1
    if len(furniture) < 2 or texts < 2:
        return heading + 1
    end = furniture[-1] + 1
    first_item = furniture[0] - heading <= 1 or first_text == furniture[0] + 1
    if first_item and end < n and scores[end] > 0:
        end += 1  # furniture line first, then its item
    return end


# Lines between two furniture lines of an item list.
ITEM_GAP = 3


def footer_breaks(page: PageView) -> list[bool]:
    """Copyright lines and closing headings: the article never continues past one."""
    return [info.footer or _closing(info) for info in page.infos]


def main_region(scores: Sequence[float], breaks: Sequence[bool]) -> tuple[int, int] | None:
    """(first, last) block of the maximum-sum run of scores (see `runs`)."""
    best = max(runs(scores, breaks), key=lambda run: run[0], default=None)
    return None if best is None else (best[1], best[2])


def runs(scores: Sequence[float], breaks: Sequence[bool]) -> list[tuple[float, int, int]]:
    """Every candidate body run as (sum, first, last), in page order.

    Plain maximum-sum would let a long article swallow anything after it that is
    worth a little more than the gap before it (comment threads, teaser blurbs),
    so a run also ends where its sum has fallen MAX_DRAWDOWN below its best point:
    a gap that long is a different part of the page, however big the article."""
    found: list[tuple[float, int, int]] = []
    start = peak_i = -1
    cur = peak = 0.0
    for i, sc in enumerate(scores):
        if start < 0:
            if sc > 0 and not breaks[i]:
                start, peak_i, cur, peak = i, i, sc, sc
            continue
        cur += -MAX_DRAWDOWN if breaks[i] else sc
        if cur > peak:
            peak, peak_i = cur, i
        if breaks[i] or cur <= 0 or peak - cur > MAX_DRAWDOWN:
            found.append((peak, start, peak_i))
            start = -1
    if start >= 0:
        found.append((peak, start, peak_i))
    return found


def has_chrome(page: PageView, scores: Sequence[float], recurring: Sequence[bool]) -> bool:
    """Whether the page has at least MIN_CHROME blocks of page chrome: the evidence
    that it was scraped from a site rather than written as an article.

    Counted, never guessed from one line: share bars, template code, link-only
    Markdown lines, glued teasers, copyright and cookie lines, lines the feed's
    other pages share, short lines repeated on the page, breadcrumbs,
    "Related"-style headings over something that is not prose, and menus: three
    or more short lines in a row above the first sentence of the page or below its
    last, eight or more anywhere (between the headline and the first sentence or
    under a line announcing them, such a run counts once; after a line of the text and
    before a sentence or the page's end, not at all: `_between_sentences`); six or
    more bulleted headlines in a row (not between the text's lines). A
    copyright line is enough on its own: it is a site's footer. So are two lines
    above the page's headline: an article someone wrote starts with its title (or
    its text), a page with the site's name and menus. An article has none of these.
    What an article holds is not counted: code between its first and last text or
    under a line ending in a colon (a tutorial's lines, not a site's script), nor a
    short line repeated over text (a refrain, a subheading each section repeats:
    `_text_goes_on`)."""
    infos = page.infos
    n = len(infos)
    prose = [i for i, sc in enumerate(scores) if sc > 0]
    top, bottom = (prose[0], prose[-1]) if prose else (n, -1)
    first_headline = _first_headline(infos)
    headline = max(0, first_headline)
    count = min(headline, MIN_CHROME)  # an article starts with its title; a page does not
    menu_run = teaser_run = heading_list_end = 0
    announced = False  # the menu-like run under way follows a line announcing it
    between = own_teasers = False  # the runs under way are inside the text's lines
    code_announced = False  # the code under way follows a line ending in a colon
    for i, info in enumerate(infos):
        if (
            info.section
            and i + 1 < n
            and scores[i + 1] <= 0
            and heading_list_end <= i
            and not sentence_list(page, i + 1)
            and not section_text(page, i + 1)
        ):
            heading_list_end = i + 1
            while heading_list_end < n and scores[heading_list_end] <= 0:
                heading_list_end += 1
        inside = top < i < bottom  # between the page's first and last text
        code = info.hard == "template code"
        if code and (i == 0 or infos[i - 1].hard != "template code"):
            code_announced = i > 0 and ends_in_colon(page.texts[i - 1])
        if info.footer:
            count += MIN_CHROME  # a copyright line: a site's page, not an article's text
        elif (
            recurring[i]
            or (info.hard in CHROME_REASONS and not (code and (inside or code_announced)))
            or i < heading_list_end
            or (
                page.counts[info.key] > 1
                and not info.terminal
                and info.words <= 12
                and not _text_goes_on(page, i)
            )
            or (info.words <= MAX_NOTICE_WORDS and NOTICE_RE.search(page.texts[i]))
            or (_BREADCRUMB_MARKS & set(page.texts[i]) and BREADCRUMB_RE.search(page.texts[i]))
        ):
            count += 1
        menu_run = menu_run + 1 if _menu_line(page.texts[i], info) else 0
        edge = MIN_MENU_RUN if i < top or i > bottom else MIN_INNER_MENU_RUN
        # short lines under the headline (or on a page without one) and above the first
        # sentence are as likely the author's list (what to buy) as a site's menu: one
        # piece of evidence; a site's menu stands above the headline. So are short lines
        # under a line that announces them ("What to pack:"), wherever they stand. Short
        # lines that follow a line of the text and end with a sentence or the page
        # (`_between_sentences`, looked for once the run is long enough to count) are
        # none: a site's menu follows its own headings and links.
        if menu_run == 1:
            above = infos[i - 1] if i else None
            announced = (
                above is not None
                and ends_in_colon(page.texts[i - 1])
                and not (above.section or above.hard)
                and not NOTICE_RE.search(page.texts[i - 1])
            )
            between = False
        elif menu_run == edge:
            between = _between_sentences(page, i - edge + 1, _menu_line, to_end=True)
        own_list = first_headline < i < top or announced
        if menu_run == edge and not between:
            count += 1 if own_list else edge
        elif menu_run > edge and not (own_list or between):
            count += 1
        teaser_run = teaser_run + 1 if _teaser_item(page.texts[i], info) else 0
        if teaser_run == MIN_TEASER_RUN:
            own_teasers = _between_sentences(
                page, i - MIN_TEASER_RUN + 1, _teaser_item, to_end=False
            )
            if not own_teasers:
                count += MIN_TEASER_RUN
        elif teaser_run > MIN_TEASER_RUN and not own_teasers:
            count += 1
        if count >= MIN_CHROME:
            return True
    return False


# A page with fewer blocks of page chrome than this is an article someone wrote.
MIN_CHROME = 2
CHROME_REASONS = frozenset(
    {
        "template code",
        "share bar",
        "teaser",
        "teaser list",
        "related link",
        "link list",
        "advertisement",
    }
)
# A notice of the site's (`NOTICE_TEXT`), or its prompt to subscribe: a line opening with
# the word, or asking to subscribe now or to its own list ("I subscribe to that view" is
# none).
NOTICE_RE = re.compile(
    rf"{NOTICE_TEXT}|^\s*subscribe\b|\bsubscribe (?:now|today|here|for free|to (?:our|my))\b",
    re.I,
)
MAX_NOTICE_WORDS = 30
# "Home > World > Europe", "News | Sport | Weather": short items between separators.
BREADCRUMB_RE = re.compile(r"^\s*(?:[^>»|]{1,25}\s[>»|]\s){2,}[^>»|]{1,40}$")
_BREADCRUMB_MARKS = frozenset(">»|")
MIN_MENU_RUN = 3
# Bulleted headlines in a row: a teaser list (an article's own list has fewer, or
# sentences).
MIN_TEASER_RUN = 6
MIN_INNER_MENU_RUN = 8
MAX_MENU_WORDS = 3
MAX_MENU_CJK_CHARS = 8


def _between_sentences(
    page: PageView, start: int, item: Callable[[str, BlockInfo], bool], *, to_end: bool
) -> bool:
    """The run of `item` lines (menu lines, bulleted headlines) from block `start`
    has a line of the text right above it (`_text_line`: a paragraph, a quote's
    source, a table's row, a tutorial's code) and a sentence, another list's item or a
    table's row right below it, or (`to_end`) ends the page: the author's list inside
    the text
    ("Potatoes", "Carrots", ... after "This year we grew more than ever."), where a
    site's menu stands under a heading or among its other chrome. (Bulleted headlines
    that end a page after its text are a box of the site's teasers.)"""
    end = start
    n = len(page.infos)
    while end < n and item(page.texts[end], page.infos[end]):
        end += 1
    if start == 0 or not _text_line(page, start - 1):
        return False
    if end == n:
        return to_end
    below, text = page.infos[end], page.texts[end]
    return _text_line(page, end) and (
        below.terminal
        or ends_in_colon(text)  # (a full-width colon too: "整个脚本只有两行：")
        or marked_item(text)
        or _row_cells(text) >= 2
    )


def _text_line(page: PageView, k: int) -> bool:
    """Block `k` may be a line of the text: nothing of the site's (a tutorial's code
    may be), said once, no menu line."""
    info = page.infos[k]
    return (
        info.hard in ("", "template code")
        and not (info.footer or info.section)
        and page.counts[info.key] == 1
        and not _menu_line(page.texts[k], info)
    )


def _text_goes_on(page: PageView, i: int) -> bool:
    """The line after block `i` carries the text on: a sentence, or a line of verse
    (it ends in a comma). A short line said twice over text is the text's own: a
    subheading each of its sections repeats ("Distance", "Verdict"), a song's refrain;
    a site's repeats (a menu printed twice, "Reply" under each post) stand among its
    other short lines."""
    nxt = i + 1
    return nxt < len(page.infos) and (
        page.infos[nxt].terminal or page.texts[nxt].rstrip().endswith((",", "，", "、"))
    )


def _teaser_item(text: str, info: BlockInfo) -> bool:
    """A bulleted headline ("· Storm closes ports", "· Who pays for the bridge?",
    "· Council cuts ..."): in a run, a list of teasers."""
    if not info.bullet:
        return False
    end = text.rstrip()
    return not info.terminal or end.endswith(("...", "…", *QUESTION_ENDS))


def _menu_line(text: str, info: BlockInfo) -> bool:
    """A menu entry: a few words (CJK: characters) not starting in lower case, with
    no digits and no sentence or clause punctuation."""
    size = info.weight * 2 / MAX_MENU_CJK_CHARS * MAX_MENU_WORDS if info.cjk else info.words
    return (
        0 < size <= MAX_MENU_WORDS
        and not info.terminal
        and not info.clauses
        and not text.lstrip()[:1].islower()
        and not _DIGIT_RE.search(text)
    )


def anchored_region(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool]
) -> tuple[int, int] | None:
    """The body run, preferring the one that starts right under the page's headline.

    The heaviest run of prose is usually the article, but not when a short article
    sits above a long comment thread, a site blurb or a glued "latest news" line:
    then the text that begins just after the page repeats the article's title is
    the article. That run wins when it is worth ANCHOR_SHARE of the heaviest; when
    the heaviest comes after it with nothing but photos or data between them (see
    `_clean_gap`), the article is both. The headline that counts is the first with
    text under it: a later repeat of the title heads a "recent posts" box or a video's
    caption, so its run never wins over the heaviest one, even when the text under the
    first is too light to win itself. A tab of the menu under the headline ("Comments",
    `_menu_tab`) does not end what is under it. A run that takes in text above the
    headline starts under it (`_from_headline`)."""
    n = len(scores)
    repeats = [i for i, info in enumerate(page.infos) if info.hard == "repeated title"]
    headline = repeats[0] if repeats else n
    found = [
        _from_headline(scores, _under_repeat(scores, run, repeats), headline)
        for run in runs(scores, breaks)
    ]
    if not found:
        return None
    best = max(found, key=lambda run: run[0] * _position_weight(run[1], n))
    # block -> the repeat of the title it starts under (the earliest, when several);
    # what follows a footer or a comment form's heading ("Post a Comment" over no
    # text) is not under it
    under_headline: dict[int, int] = {}
    for i, info in enumerate(page.infos):
        if info.hard == "repeated title":
            for k in range(i + 1, min(n, i + 1 + LEAD_WINDOW)):
                if breaks[k] or (
                    page.infos[k].comment
                    and not paragraph_follows(page, scores, k, n - 1)
                    and not _menu_tab(page, k)
                ):
                    break
                under_headline.setdefault(k, i)
    # under the first headline with text under it, not under a later repeat that
    # heads a box ("recent posts", a video's caption), however light its text
    top = min((under_headline[run[1]] for run in found if run[1] in under_headline), default=n)
    anchored = [
        run
        for run in found
        if under_headline.get(run[1]) == top
        and (run[0] >= ANCHOR_SHARE * best[0] or _form_between(page, run, best))
    ]
    if anchored:
        lead = max(anchored, key=lambda r: r[0])
        if lead is not best and not _leads_into(page, scores, breaks, lead, best):
            if (
                lead[1] < best[1]
                and sum(sc > 0 for sc in scores[best[1] : best[2] + 1]) >= MIN_MERGE_BLOCKS
                and _clean_gap(page, scores, breaks, lead[2] + 1, best[1])
            ):
                return lead[1], best[2]
            best = lead
    return best[1], best[2]


def _menu_tab(page: PageView, k: int) -> bool:
    """Block `k` (a "Comments" line) is a tab of the menu under the headline
    ("Article", "Video", "Comments"): a menu line after another menu line. It opens
    no comment thread, so the article's text under the menu is still the
    headline's."""
    above = k - 1
    return (
        above >= 0
        and not page.infos[above].comment
        and _menu_line(page.texts[k], page.infos[k])
        and _menu_line(page.texts[above], page.infos[above])
    )


def post_under_headline(
    page: PageView,
    scores: Sequence[float],
    breaks: Sequence[bool],
    region: tuple[int, int] | None,
) -> tuple[int, int] | None:
    """The short post right under the page's headline, in place of `region` when the
    page has left that post before `region` starts.

    A blog post that is a list (five bullets, a calendar, a photo shoot's credits)
    earns nothing as prose, so the heaviest run is some other block of the page: the
    blog's "about me" blurb in a sidebar above the post, or a sidebar's blurb after
    the post's comment form. The post is the lines under the first headline (past its
    date, byline and share line) up to the line that closes it: the post's signature
    or date ("posted by Ann @ 6:43 PM"), a comment or section heading, a footer. It
    wins when it holds MIN_POST_ITEMS such lines (`_post_item`) and `region` lies
    above the headline or past a heading or footer below the post's close."""
    start = _post_start(page, breaks)
    if start < 0 or (region is not None and region[0] <= start <= region[1]):
        return region  # no post, or the region starts it (the common case: tested first)
    end = _post_end(page, breaks, start)
    if end < 0:
        return region
    if region is not None and region[0] <= end and region[1] >= start:
        return region  # the region is (in) the post
    if region is not None and _article_mass(scores, region, above=region[1] < start):
        return region
    if region is not None and region[0] > end:
        infos = page.infos
        if not any(breaks[k] or infos[k].section for k in range(end, region[0])):
            return region  # nothing says the post ended: the region carries it on
    last = end - 1
    while last > start and page.infos[last].hard:
        last -= 1
    return start, last


def _article_mass(scores: Sequence[float], region: tuple[int, int], *, above: bool) -> bool:
    """The region holds more text than a sidebar's blurbs (one blurb when it stands
    `above` the headline, where an article cut off from its headline is more likely
    than a sidebar): an article."""
    part = scores[region[0] : region[1] + 1]
    blurbs = 1 if above else MAX_BLURBS
    return sum(sc > 0 for sc in part) > blurbs or sum(max(0.0, sc) for sc in part) > MAX_BLURB_MASS


# A sidebar's blurbs: at most this many blocks, worth this much.
MAX_BLURBS = 3
MAX_BLURB_MASS = 150.0
# A post of fewer lines (`_post_item`) is no post.
MIN_POST_ITEMS = 3
# The post closes within this many lines of its headline.
MAX_POST_LINES = 40


def _post_start(page: PageView, breaks: Sequence[bool]) -> int:
    """The first line of the post under the page's first headline, past the post's
    date, byline and share line; -1 when the page has no headline standing apart."""
    infos, texts = page.infos, page.texts
    n = len(infos)
    headline = _first_headline(infos)
    if headline < 0 or not _stands_apart(page, breaks, headline):
        return -1
    start = headline + 1
    while start < min(n, headline + LEAD_WINDOW) and (
        infos[start].hard or infos[start].dated or is_signature(texts[start], infos[start])
    ):
        start += 1
    return start


def _post_end(page: PageView, breaks: Sequence[bool], start: int) -> int:
    """The line that closes the post opening at `start`; -1 when it does not close
    within MAX_POST_LINES or holds fewer than MIN_POST_ITEMS lines of text."""
    infos, texts = page.infos, page.texts
    items = 0
    for k in range(start, min(len(infos), start + MAX_POST_LINES)):
        info = infos[k]
        if breaks[k] or info.section or info.comment or info.hard == "repeated title":
            return k if items >= MIN_POST_ITEMS else -1
        if items >= MIN_POST_ITEMS and (info.dated or is_signature(texts[k], info)):
            return k  # a short dated line among the first is a subheading
        items += _post_item(texts[k], info)
    return -1


def _first_headline(infos: Sequence[BlockInfo]) -> int:
    """The page's first repeat of its title, which heads the story (a later one is a
    copy in a "recent posts" list), or -1."""
    return next((i for i, info in enumerate(infos) if info.hard == "repeated title"), -1)


def _headline_above(infos: Sequence[BlockInfo], first: int) -> int:
    """The nearest repeat of the page's title above block `first` (the headline of the
    text that starts there), or -1."""
    return next((k for k in range(first - 1, -1, -1) if infos[k].hard == "repeated title"), -1)


def _stands_apart(page: PageView, breaks: Sequence[bool], headline: int) -> bool:
    """Nothing like a title stands right above the headline: a post's headline follows
    its date, a menu or a heading, where a copy of the title in a "recent posts" list
    follows another post's title."""
    above = headline - 1
    if above < 0:
        return True
    info = page.infos[above]
    return bool(
        breaks[above]
        or info.hard
        or info.dated
        or info.section
        or _menu_line(page.texts[above], info)
    )


def _post_item(text: str, info: BlockInfo) -> bool:
    """A line of a post made of lines: a sentence or a line of data (`is_data_item`:
    "• The seven best zoo ads.", "Art Director: Ann Lee", "3rd stage: 22 April"),
    where a menu's entries (bulleted or not) and a related-links list's headlines are
    neither."""
    return (
        not info.hard
        and (info.terminal or info.clauses or is_data_item(text))
        and not _teaser_item(text, info)
    )


def _form_between(
    page: PageView, run: tuple[float, int, int], best: tuple[float, int, int]
) -> bool:
    """The heading of a form to write a comment ("Post a Comment") stands right under
    `run`, before the heavier `best`: the post ended there, and what follows the form
    is the site's sidebar, however long."""
    return run[2] < best[1] and any(
        page.infos[k].heading in FORM_KEYS
        for k in range(run[2] + 1, min(best[1], run[2] + 1 + MAX_FORM_GAP))
    )


# The form's heading is this close under the post (its labels, share line and a
# sponsor's lines between).
MAX_FORM_GAP = 10
FORM_KEYS = frozenset(map(block_key, FORM_HEADINGS))


def _under_repeat(
    scores: Sequence[float], run: tuple[float, int, int], repeats: Sequence[int]
) -> tuple[float, int, int]:
    """The run, started under a repeat of the title among its first blocks when a
    single block of text stands above it (a blog's tagline under the blog's name,
    above the post's own title)."""
    _, first, last = run
    for h in repeats:
        if first < h <= min(last, first + 2) and sum(sc > 0 for sc in scores[first:h]) == 1:
            below = scores[h + 1 : last + 1]
            if sum(max(0.0, sc) for sc in below) >= LEAD_MIN_GAIN:
                return sum(below), h + 1, last
    return run


def _from_headline(
    scores: Sequence[float], run: tuple[float, int, int], headline: int
) -> tuple[float, int, int]:
    """The run, started under the page's headline (block `headline`, its first repeat
    of the title) when it lies inside: what the run took in above it is the site's
    (a welcome blurb, a sidebar's testimonial or "about" text), however long, as long
    as text worth a lead follows the headline. A run that starts below the headline
    is left as it is: a repeat inside it is a subheading."""
    _, first, last = run
    if not first < headline <= last or not any(sc > 0 for sc in scores[first:headline]):
        return run
    below = scores[headline + 1 : last + 1]
    if sum(max(0.0, sc) for sc in below) >= LEAD_MIN_GAIN:
        return sum(below), headline + 1, last
    return run


def _leads_into(
    page: PageView,
    scores: Sequence[float],
    breaks: Sequence[bool],
    lead: tuple[float, int, int],
    body: tuple[float, int, int],
) -> bool:
    """The lead run is the opening of `body`, cut off by a box `attach_lead` bridges."""
    gap = range(lead[2] + 1, body[1])
    return (
        0 < len(gap) <= MAX_LEAD_GAP
        and lead[0] >= LEAD_MIN_GAIN
        and not any(breaks[k] or _opens_thread(page, scores, k) for k in gap)
    )


def _thread_in_box(page: PageView, scores: Sequence[float], k: int) -> bool:
    """Block `k`, in a box between the lead and the rest of the article, opens a comment
    thread: posts with their dated headers follow it. A "Comments" link alone (a news
    page's comments widget: "Weigh In", "Corrections?") opens none."""
    return _opens_thread(page, scores, k) and _looks_like_thread(page, scores, k)


ANCHOR_SHARE = 0.2


def _clean_gap(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], lo: int, hi: int
) -> bool:
    """Nothing between blocks `lo` and `hi` (excluded) says the page has left the
    article (`_chrome_free`), within MAX_MERGE_GAP."""
    return hi - lo <= MAX_MERGE_GAP and all(
        _chrome_free(page, scores, breaks, k) for k in range(lo, hi)
    )


def _chrome_free(page: PageView, scores: Sequence[float], breaks: Sequence[bool], k: int) -> bool:
    """Block `k` is no footer, section heading, share bar, link list, comment
    thread's heading or post header ("Ann on May 2, 2025 at 10:12")."""
    info = page.infos[k]
    return not (
        breaks[k]
        or info.section
        or info.hard in CHROME_REASONS
        or _post_header(page, k)
        or _opens_thread(page, scores, k)
    )


MAX_MERGE_GAP = 60
# The heavier run joined to the lead is an article's text, not one blurb: it has
# at least this many blocks of text.
MIN_MERGE_BLOCKS = 3
# Text after a chrome-free stretch is attached when worth this share of what the
# stretch costs (less than after a box: nothing in it says the article ended).
STRETCH_SHARE = 0.3


def _position_weight(start: int, n: int) -> float:
    """What a run starting at block `start` of `n` is worth against its sum: little
    is lost in the top half of the page, nearly all at its foot, where sites put
    their own long paragraphs (an "about this blog", a disclosure, a licence)."""
    return 1.0 - (start / n) ** 2


def sentence_region(page: PageView, breaks: Sequence[bool]) -> tuple[int, int] | None:
    """The longest run of sentences, for a page where no block is worth a body on
    its own (an article of one-line paragraphs and nothing else)."""
    votes = [
        1.0 if _plain_sentence(info) or (info.cjk and info.terminal) else -1.0
        for info in page.infos
    ]
    return main_region(votes, breaks)


def long_line_region(page: PageView, breaks: Sequence[bool]) -> tuple[int, int] | None:
    """The longest run of long lines, for a page where neither prose nor sentences
    were found: a script that ends no sentence with a mark and puts no space between
    its words (Thai, Lao, Khmer), whose paragraphs are long lines all the same. Hiding
    the whole page would hide the story; its long lines are the best guess of it."""
    votes = [
        1.0
        if len(text) >= LONG_LINE_CHARS and not (info.hard or info.footer or info.section)
        else -1.0
        for text, info in zip(page.texts, page.infos, strict=True)
    ]
    return main_region(votes, breaks)


# A paragraph's length in characters, in any script; a menu's item or a teaser's
# headline is shorter.
LONG_LINE_CHARS = 60


def attach_following_runs(
    page: PageView,
    scores: Sequence[float],
    breaks: Sequence[bool],
    first: int,
    last: int,
    gaps: list[range],
) -> tuple[int, int]:
    """Take in article text that carries on after a short interruption.

    Long articles are often cut by an inline "Related" box of three or four links,
    or by a photo-gallery widget; maximum-sum alone drops whatever follows when it
    is worth a little less than the interruption costs. A following run is
    attached when the gap is short (MAX_ATTACH_GAP lines, MAX_BOX_GAP if it holds a
    section heading), has no footer or comment heading, and the run recovers at
    least ATTACH_SHARE of what the gap cost. Bridged gaps are added to `gaps` (hidden
    as an inline box) unless nothing in them is the site's (`_plain_run`): lines the
    text runs on across with no evidence against them are its own (a short list), and so
    is a subheading named like a page section over the text (`_named_subheading`). In an
    article made of sections, a last short section is attached too (`_next_section`);
    the body's subheadings are counted once each, as the body grows."""
    heads, counted = 0, first  # subheadings over prose in the body, counted up to `counted`
    while True:
        found = _next_part(page, scores, breaks, last)
        if found is None:
            nxt = _next_section(page, scores, breaks, last)
            if nxt is None:
                return first, last
            heads += _sections(page, scores, breaks, range(counted, last))
            counted = last
            if heads < MIN_SECTIONS:
                return first, last
            last = nxt
            continue
        gap = range(last + 1, found[0])
        if not (
            _plain_run(page, scores, breaks, gap) or _named_subheading(page, scores, breaks, gap)
        ):
            gaps.append(gap)
        last = found[1]


def _next_section(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], last: int
) -> int | None:
    """The last block of one more section after block `last`, for an article made of
    sections (at least MIN_SECTIONS subheadings over prose in the body: the caller
    counts them): a subheading right after it over a paragraph, however short (a caption
    between them was measured: it let teasers in)."""
    n = len(scores)
    k = last + 1
    while k < n and k - last <= MAX_SECTION_GAP and _subheading(page, scores, breaks, k):
        k += 1
    if k == last + 1 or k >= n:
        return None
    if not _prose(page.infos[k], scores[k]) or page.counts[page.infos[k].key] > 1:
        return None
    end, _ = _run_from(scores, breaks, k)
    return end


def _sections(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], blocks: range
) -> int:
    """How many of `blocks` are subheadings over prose."""
    return sum(
        1
        for j in blocks
        if _subheading(page, scores, breaks, j) and _prose(page.infos[j + 1], scores[j + 1])
    )


# A body with this many subheadings over prose is made of sections; a section's
# subheading (and nothing else) comes at most this many lines after the text before it.
MIN_SECTIONS = 2
MAX_SECTION_GAP = 1


def _subheading(page: PageView, scores: Sequence[float], breaks: Sequence[bool], k: int) -> bool:
    """A short line that is no sentence, no chrome and no repeat: a subheading, or a
    caption over one."""
    info = page.infos[k]
    return (
        scores[k] <= 0
        and 0 < info.words <= MAX_SUBHEADING_WORDS
        and not info.terminal
        and (not info.hard or info.hard in INLINE_FURNITURE)
        and page.counts[info.key] == 1
        and _chrome_free(page, scores, breaks, k)
    )


def attach_preceding_runs(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], first: int, gaps: list[range]
) -> int:
    """Take in article text that comes before the body across a short box (the
    mirror of `attach_following_runs`): a "Live updates" list or a slideshow link
    inside a long article can leave its opening a separate, lighter run. Never
    above the page's headline: the article starts under it. A paragraph right over a
    short "Related" box is the article's lead (`_lead_over_box`), and where it opens;
    paragraphs over a short box are crossed however little they earn
    (`_paragraphs_before_box`)."""
    top = _headline_above(page.infos, first)
    while True:
        end = first - 1
        while end > top and scores[end] <= 0 and first - end <= MAX_LONG_BOX:
            end -= 1
        if end <= top or first - end > MAX_LONG_BOX:
            return first
        gap = range(end + 1, first)
        start, gain = _run_to(scores, breaks, end, top + 1)
        if _lead_over_box(page, scores, breaks, gap):
            gaps.append(gap)
            return end  # the article opens with its lead: nothing above it is taken in
        if len(gap) > MAX_ATTACH_GAP and gain < -sum(scores[k] for k in gap):
            return first
        if start >= end or not (
            _bridges_box(page, scores, breaks, gap, gain)
            or _paragraphs_before_box(page, scores, breaks, gap, start)
        ):
            return first
        gaps.append(gap)
        first = start


def attach_sections(
    page: PageView,
    scores: Sequence[float],
    breaks: Sequence[bool],
    recurring: Sequence[bool],
    first: int,
    last: int,
) -> tuple[int, int]:
    """Take in the rest of an article made of sections when the body is one of them.

    A post of paragraph / subheading / paragraph / subheading / paragraph, whose
    paragraphs are whole sentences (`_section_sentence`) and whose subheadings are
    short lines without a full stop (`_subheading`), is one article's sections. In a
    language whose function words the lists barely know (Russian, Polish) some of its
    paragraphs score under `BLOCK_COST` line by line, and the body was one section:
    the last, cut at its subheading, or a middle one. When the run of sections around
    the body starts right under the page's headline (its date and byline lines
    aside), the article starts there: the run is taken in, from its lead to its last
    section. A site's teasers do not pass for sections: a section heading ("Other
    posts") is no subheading, and a teaser's blurb is short or ends in an ellipsis;
    a line the feed's other pages carry (`recurring`) is no part of this article."""
    infos = page.infos
    if not (_section_sentence(page, recurring, first) and _section_sentence(page, recurring, last)):
        return first, last
    top = _headline_above(infos, first)
    if top < 0:
        return first, last
    start = _sections_beyond(page, scores, breaks, recurring, first, -1, top)
    if not all(_story_head(page, k) for k in range(top + 1, start)):
        return first, last
    return start, _sections_beyond(page, scores, breaks, recurring, last, 1, len(infos))


def _sections_beyond(
    page: PageView,
    scores: Sequence[float],
    breaks: Sequence[bool],
    recurring: Sequence[bool],
    edge: int,
    step: int,
    bound: int,
) -> int:
    """The far edge of the sections (a subheading, then its paragraphs) that follow
    block `edge` in the direction `step` (-1 up, 1 down), short of block `bound`;
    `edge` itself when none does. A subheading with no paragraph beyond it ends them."""

    def inside(k: int) -> bool:
        return k > bound if step < 0 else k < bound

    while inside(edge + 2 * step) and _section_heading(
        page, scores, breaks, recurring, edge + step
    ):
        k = edge + step
        while (
            inside(k + step)
            and _section_sentence(page, recurring, k + step)
            and not breaks[k + step]
        ):
            k += step
        if k == edge + step:
            break
        edge = k
    return edge


def _section_heading(
    page: PageView,
    scores: Sequence[float],
    breaks: Sequence[bool],
    recurring: Sequence[bool],
    k: int,
) -> bool:
    """Block `k` is the subheading of one article's section (`_subheading`), not a
    page section's heading ("Other posts") nor a line of the feed's other pages."""
    return not (page.infos[k].section or recurring[k]) and _subheading(page, scores, breaks, k)


def _section_sentence(page: PageView, recurring: Sequence[bool], k: int) -> bool:
    """Block `k` is a paragraph of one article's section: a sentence of
    MIN_SECTION_SENTENCE_WORDS words or more ending in a full stop (not a teaser's
    ellipsis), no list item, no chrome, not repeated on the page or in the feed."""
    info = page.infos[k]
    return (
        not recurring[k]
        and info.words >= MIN_SECTION_SENTENCE_WORDS
        and not (info.hard or info.listed or info.bullet or info.footer)
        and page.counts[info.key] == 1
        and ends_full_stop(page.texts[k])
    )


def _story_head(page: PageView, k: int) -> bool:
    """Block `k`, between a headline and its text, is the story's date or byline."""
    info = page.infos[k]
    return info.date_line or info.dated or is_byline(page.texts[k], info)


# A paragraph of an article's section (`attach_sections`) is this long at least.
MIN_SECTION_SENTENCE_WORDS = 12


def _lead_over_box(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], gap: range
) -> bool:
    """The blocks `gap` before the body are a short "Related" box (a section heading
    over at most MAX_BOX_GAP lines, none earning, `_inline_box`) right under a
    paragraph: the article's lead (a standfirst, a summary), which sites print above
    the box, and which earns too little alone to pay for it."""
    infos = page.infos
    head, above = gap.start, gap.start - 1
    return (
        len(gap) <= MAX_BOX_GAP
        and infos[head].section
        and not infos[head].comment
        and _prose(infos[above], scores[above])
        and not any(scores[k] > 0 for k in gap)
        and _inline_box(page, scores, breaks, gap)
    )


# A longer box before the body is crossed when the text before it is worth all it costs.
MAX_LONG_BOX = 2 * MAX_ATTACH_GAP


def _bridges_box(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], gap: range, gain: float
) -> bool:
    """Text worth `gain` across the short box `gap` is more of the article: the box
    is one an article holds (`_inline_box`), and the text recovers ATTACH_SHARE of
    what it costs."""
    return _inline_box(page, scores, breaks, gap) and gain >= ATTACH_SHARE * -sum(
        scores[k] for k in gap
    )


def _inline_box(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], gap: range
) -> bool:
    """The blocks `gap` can be a box inside an article: no footer, comment thread or
    closing heading (nor a section heading when longer than MAX_BOX_GAP)."""
    if any(breaks[k] or _opens_thread(page, scores, k) or _closing(page.infos[k]) for k in gap):
        return False
    return len(gap) <= MAX_BOX_GAP or not any(page.infos[k].section for k in gap)


def _paragraphs_after_box(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], gap: range, end: int
) -> bool:
    """The text after the short box `gap` (to block `end`) opens with MIN_MERGE_BLOCKS
    paragraphs in a row, each earning on its own (not only as a run of one-sentence
    lines), after a box an article holds (`_inline_box`): more of the article,
    however little the short paragraphs earn against the box ("Don't miss" and its
    links inside a news story). A site's teasers after a box alternate headlines and
    blurbs, and its notices are short sentences. A share bar under the story's header
    lines is such a box too (`_header_share_bar`), and there the story may be a brief
    of MIN_BRIEF_PARAGRAPHS. So is a subheading named like a page section ("评论",
    "Komentarze": `_named_subheading`) when what follows has no thread's shape
    (`_looks_like_thread`: posts under dated headers)."""
    start = gap.stop
    header = _header_share_bar(page, gap)
    size = MIN_BRIEF_PARAGRAPHS if header else MIN_MERGE_BLOCKS
    return (
        end - start + 1 >= size
        and all(
            _prose(page.infos[k], scores[k]) and scores[k] > LIST_ITEM_CREDIT
            for k in range(start, start + size)
        )
        and (
            header
            or _inline_box(page, scores, breaks, gap)
            or (
                _named_subheading(page, scores, breaks, gap)
                and not _looks_like_thread(page, scores, gap.start)
            )
        )
    )


# A news brief under a share bar has at least this many paragraphs.
MIN_BRIEF_PARAGRAPHS = 2


def _paragraphs_before_box(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], gap: range, start: int
) -> bool:
    """The text before the short box `gap` (from block `start`) ends with
    MIN_MERGE_BLOCKS paragraphs in a row, each earning on its own, over a box an
    article holds (`_inline_box`, at most MAX_BOX_GAP lines): the article's opening,
    however little it earns against the box (a column's first paragraphs over its
    "Related links" and the author's links), as `_paragraphs_after_box` takes in the
    text after one."""
    end = gap.start - 1
    return (
        len(gap) <= MAX_BOX_GAP
        and end - start + 1 >= MIN_MERGE_BLOCKS
        and all(
            _prose(page.infos[k], scores[k]) and scores[k] > LIST_ITEM_CREDIT
            for k in range(end - MIN_MERGE_BLOCKS + 1, end + 1)
        )
        and _inline_box(page, scores, breaks, gap)
    )


def _header_share_bar(page: PageView, gap: range) -> bool:
    """The blocks `gap` are a share bar under the story's header lines (a list of its
    facts or credits under the headline: the block over the bar is no paragraph), where
    the text begins; a share bar after a paragraph closes the story."""
    infos = page.infos
    return (
        len(gap) > 0
        and gap.start > 0
        and all(infos[k].hard == "share bar" for k in gap)
        and not is_paragraph(infos[gap.start - 1])
    )


def _run_to(
    scores: Sequence[float], breaks: Sequence[bool], end: int, top: int
) -> tuple[int, float]:
    """(first block, sum) of the best run of scores ending at `end`, from `top` on:
    past a short paragraph that the box before it outweighs (a site's stamp between
    the paragraphs it copies), as long as the run recovers within MAX_DRAWDOWN."""
    return _best_run(scores, breaks, range(end, top - 1, -1), tolerant=True)


def _next_part(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], last: int
) -> tuple[int, int] | None:
    """(first, last) of the text that carries on after block `last`, if any: after a
    short box (see `attach_following_runs`), or after a longer stretch with no
    chrome at all (a recipe's data, a gallery, a list) when it is more of the text or
    the page's closing furniture follows it (`_closes_text`)."""
    n = len(scores)
    start = last + 1
    while start < n and scores[start] <= 0 and start - last <= MAX_ATTACH_GAP:
        start += 1
    if start < n and start - last <= MAX_ATTACH_GAP:
        end, gain = _run_from(scores, breaks, start)
        if _paragraphs_after_box(page, scores, breaks, range(last + 1, start), end):
            return start, end
        if _bridges_box(page, scores, breaks, range(last + 1, start), gain):
            if end > start:
                return start, end
            if _prose(page.infos[start], scores[start]) and _plain_run(
                page, scores, breaks, range(last + 1, start + 1)
            ):
                return start, start  # one paragraph (its plain gap stays, see the caller)
    closed = _closed_tail(page, scores, breaks, last)
    if closed > last:
        return last + 1, closed
    cost = 0.0
    for start in range(last + 1, min(n, last + 1 + MAX_MERGE_GAP)):
        if scores[start] > 0 and start - last > MAX_ATTACH_GAP:
            end, gain = _run_from(scores, breaks, start)
            if gain >= STRETCH_SHARE * cost and (
                sum(sc > 0 for sc in scores[start : end + 1]) >= MIN_MERGE_BLOCKS
                or _closes_text(page, scores, breaks, start, end)
            ):
                return start, end
        info = page.infos[start]
        if not _chrome_free(page, scores, breaks, start) or (
            # after the text, a line repeated on the page is a thread's "Reply"; the
            # headline is often repeated too, and can be the title without the site name
            page.counts[info.key] >= MIN_SHAPE_REPEATS
            and info.hard != "repeated title"
            and info.key not in page.title_key
        ):
            return None
        cost -= scores[start]
    return None


def _closed_tail(page: PageView, scores: Sequence[float], breaks: Sequence[bool], last: int) -> int:
    """The last block of the plain lines (`_plain_run`) between block `last` and the
    page's closing furniture (a footer, a section or closing heading, a share bar, a
    "Tags:" line) within MAX_CLOSED_TAIL blocks, when they hold a sentence that reads
    as text, a colon line over a marked list (`_announces_items`) or a wire story's
    credit line (`_credit_line`): the post's closing lines (a list of links it
    recommends, a sign-off, a last remark, the items of its photo "From left to
    right:", "(Reporting by ...; Editing by ...)") stand between its text and the furniture a
    site prints under every article, with nothing that is the site's. `last` when
    there is none."""
    n = len(scores)
    prose = listed = False
    stop = last + 1 + MAX_CLOSED_TAIL
    k = last + 1
    while k < min(n, stop):
        info = page.infos[k]
        if breaks[k] or info.section or info.hard in CLOSING_FURNITURE or closing_label(page, k):
            return k - 1 if prose else last
        if not _plain_run(page, scores, breaks, range(k, k + 1)):
            return last
        if listed and marked_item(page.texts[k]):
            stop += 1  # the announced list's items count as one block of the tail
        else:
            listed = _announces_items(page, scores, breaks, k)
            prose = prose or listed or (scores[k] > 0 and info.terminal) or _credit_line(page, k)
        k += 1
    return last


def _credit_line(page: PageView, k: int) -> bool:
    """Block `k` is the story's credit line: a short line wholly in brackets that names
    who wrote or edited it ("(Reporting by Ann Lee; Editing by Bo Chen)"). Wire stories
    close with it, over the agency's copyright line."""
    return page.infos[k].words <= MAX_CREDIT_WORDS and _CREDIT_RE.match(page.texts[k]) is not None


# The brackets' shape is checked first, then "by" is looked for inside them: with a
# repeat on either side of "by", each "by" made the second one run to the end again
# (quadratic: 5.9 s for 100,000 characters of "(by A.by A..."; `_credit_line`'s
# word cap kept the cleaner's lines linear).
_CREDIT_RE = re.compile(r"\s*\((?=[^()]*\)\.?\s*$)[^()]*?\bby\s+[A-Z]")
MAX_CREDIT_WORDS = 30


def _announces_items(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], k: int
) -> bool:
    """Block `k` is a line ending in a colon over MIN_ANNOUNCED_ITEMS marked items
    (`marked_item`: "1. Owls of the Isles", "- Blue Floral") with nothing of the
    site's (`_plain_run`), and announces neither a box of links ("More stories from
    ...:") nor sharing ("Pass this story on via:", `links_intro`)."""
    info = page.infos[k]
    if info.words < 2 or not ends_in_colon(page.texts[k]):
        return False
    if links_intro(info.key):
        return False
    items = range(k + 1, min(len(page.texts), k + 1 + MIN_ANNOUNCED_ITEMS))
    return (
        len(items) == MIN_ANNOUNCED_ITEMS
        and all(marked_item(page.texts[j]) for j in items)
        and _plain_run(page, scores, breaks, items)
    )


MIN_ANNOUNCED_ITEMS = 3


def links_intro(key: str) -> str:
    """What a line ending in a colon (its `block_key`) announces when that is the
    site's, not the text's: "section heading" when it opens like a box of links ("More
    stories from our site:", `opens_like_links`), "share bar" when it asks to share
    ("Pass this story on via:", `SHARE_WORDS`), "" otherwise."""
    if opens_like_links(key):
        return "section heading"
    if any(w in SHARE_WORDS for w in key.split()):
        return "share bar"
    return ""


def opens_like_links(key: str) -> bool:
    """The line (its `block_key`) opens like the heading of a box of links: "More
    stories from our site", "Other news", "Related Sections" (`TEASER_INTRO_WORDS`)."""
    return key.split(" ", 1)[0] in TEASER_INTRO_WORDS


# The page's closing furniture stands at most this many blocks after the body.
MAX_CLOSED_TAIL = 12


def _plain_run(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], blocks: range
) -> bool:
    """None of `blocks` is evidence of the site's chrome: each is `_chrome_free`, not
    repeated on the page, no copyright line, no notice of the site's comment form or
    newsletter (`NOTICE_WORDS`), and no label ending in a colon with nothing after it
    ("Add to favourites:", "Share:": a widget's, whose buttons the text dump lost).
    What stands after an article with no such evidence is kept: hiding needs it."""
    for k in blocks:
        info = page.infos[k]
        if (
            not _chrome_free(page, scores, breaks, k)
            or page.counts[info.key] > 1
            or info.footer
            or notice(info.key)
            or short_label(page, k)
        ):
            return False
    return True


def short_label(page: PageView, k: int) -> bool:
    """Block `k` is a label of MAX_LABEL_WORDS words at most ending in a colon: a
    widget's ("Share:", "Add to favourites:") or a paragraph's ("Deadline:"). A longer
    line ending in a colon announces what follows ("What you need to know:")."""
    return page.infos[k].words <= MAX_LABEL_WORDS and ends_in_colon(page.texts[k])


def notice(key: str) -> bool:
    """The line (its `block_key`) is a site's notice: it holds one of `NOTICE_WORDS` or
    `NOTICE_PHRASES`."""
    if any(word in NOTICE_WORDS for word in key.split()):
        return True
    padded = f" {key} "
    return any(f" {phrase} " in padded for phrase in NOTICE_PHRASES)


def _closes_text(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], start: int, end: int
) -> bool:
    """The text from block `start` to `end` holds a paragraph, and the page's closing
    furniture (a share bar, a tags line, a section, closing or comment heading, a footer)
    follows within CLOSE_WINDOW blocks: where an article ends, a site prints that, so
    the text is the article's last part. (Measured for the text after a short box too:
    there a site's blurb before its share bar came in.)"""
    if not any(_prose(page.infos[k], scores[k]) for k in range(start, end + 1)):
        return False
    for k in range(end + 1, min(len(scores), end + 1 + CLOSE_WINDOW)):
        info = page.infos[k]
        if breaks[k] or info.section or info.hard in CLOSING_FURNITURE:
            return True
    return False


# The closing furniture is at most this many blocks after the text (a sign-off, an
# image's licence, a "Download" link between).
CLOSE_WINDOW = 5
CLOSING_FURNITURE = ("share bar", "related link")


def _closing(info: BlockInfo) -> bool:
    """A heading that closes an article ("Share this", "Tags", "Sign up"): unlike a
    "Related" box, it never stands between two parts of the text."""
    return info.section and info.heading in CLOSING_HEADINGS


def attach_lead(
    page: PageView,
    scores: Sequence[float],
    breaks: Sequence[bool],
    first: int,
    last: int,
    gaps: list[range],
) -> tuple[int, int]:
    """Take in the opening paragraph when a sidebar (a photo with its caption, a
    fact box, a stats table) stands between it and the rest of the article.

    The page's own headline (a repeat of the title, the first of two close together:
    `_post_headline`; on a page that does not repeat its title, the byline) marks
    where the article starts: text beginning within LEAD_WINDOW lines after it is the
    lead when the box after it is at most MAX_LEAD_GAP lines with no footer or comment
    heading, or a longer gallery with no chrome at all (`_clean_gap`). The box is
    added to `gaps`. A box that holds a line closing an article ("Tags: ...",
    `closing_label`) is no sidebar: the article ended there, and the lead alone is its
    text ((first, last) of what to keep). A lead that earns little is taken in over a
    subheading of plain words or over a repeat of the title with its date lines
    (`_lead_over_repeat`). A body that opens with a lead over a "Related" box
    (`_lead_over_box`, taken in by `attach_preceding_runs`) has its lead already:
    nothing above it is taken in."""
    if any(g.start == first + 1 and _lead_over_box(page, scores, breaks, g) for g in gaps):
        return first, last  # the article opens with its lead over a "Related" box
    h = _post_headline(page, breaks, _headline_above(page.infos, first))
    if h < 0:  # no headline: the byline marks the start
        bylines = (k for k in range(first - 1, -1, -1) if is_byline(page.texts[k], page.infos[k]))
        h = next(bylines, -1)
    if h < 0:
        return first, last
    start = next((k for k in range(h + 1, min(first, h + 1 + LEAD_WINDOW)) if scores[k] > 0), -1)
    if start < 0:
        return _quiet_lead(page, breaks, h, first), last
    start, end, gain = _lead_run(page, scores, breaks, start, min(first, h + 1 + LEAD_WINDOW))
    if end + 1 >= first:
        return first, last
    gap = range(end + 1, first)
    if gain < LEAD_MIN_GAIN:
        # a subheading under the lead is the article's (no box to hide in `gaps`)
        plain = (
            _plain_lead(page, scores, breaks, start, gap)
            or _lead_over_repeat(page, scores, start, gap)
            or _lead_over_own_lines(page, scores, breaks, start, gap)
        )
        return (start, last) if plain else (first, last)
    box = len(gap) <= MAX_LEAD_GAP and not any(
        breaks[k] or _thread_in_box(page, scores, k) for k in gap
    )
    if not box and not _clean_gap(page, scores, breaks, end + 1, first):
        return first, last
    if any(closing_label(page, k) for k in gap):
        return start, end
    gaps.append(gap)
    return start, last


def _lead_run(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], start: int, stop: int
) -> tuple[int, int, float]:
    """(first block, last block, sum) of the lead: the run from `start`, or, when that
    earns less than LEAD_MIN_GAIN and the story's date line follows it (a standfirst
    over the date and a photo's caption), the next run starting before `stop`, when
    that earns it. (The standfirst is taken in later: `attach_standfirst`.)"""
    end, gain = _run_from(scores, breaks, start)
    if gain >= LEAD_MIN_GAIN or end + 1 >= stop or not page.infos[end + 1].dated:
        return start, end, gain
    k = next((j for j in range(end + 1, stop) if scores[j] > 0), -1)
    if k < 0:
        return start, end, gain
    later, more = _run_from(scores, breaks, k)
    return (k, later, more) if more >= LEAD_MIN_GAIN else (start, end, gain)


def _quiet_lead(page: PageView, breaks: Sequence[bool], h: int, first: int) -> int:
    """The story's one-sentence lead that earns nothing on its own (28 Chinese
    characters, or a sentence of a language with few stop words), right under the
    headline `h` and its date lines, over a subheading named like a page section
    (`_named_heading`) right above the body, which opens with a sentence: "经过三个月的
    整修，夜市将于周六重新开放。", "评论", then the text. Its first block, or `first`
    when there is none."""
    k = first - 2
    if k <= h or k - h > LEAD_WINDOW or breaks[k]:
        return first
    info = page.infos[k]
    if (
        is_paragraph(info)
        and not info.hard
        and page.counts[info.key] == 1
        and all(_story_head(page, j) for j in range(h + 1, k))
        and _named_heading(page, breaks, k + 1)
        and is_sentence(page.infos[first])
    ):
        return k
    return first


def _plain_lead(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], start: int, gap: range
) -> bool:
    """A paragraph that earns little (a short page's lead, or one in a language with
    few stopwords) is still the lead when only a subheading of plain words
    (`_plain_run`: nothing of the site's) stand between it and the body, or one named
    like a page section that the body's prose follows (`_named_subheading`)."""
    return (
        _prose(page.infos[start], scores[start])
        and len(gap) <= MAX_PLAIN_LEAD_GAP
        and (_plain_run(page, scores, breaks, gap) or _named_subheading(page, scores, breaks, gap))
    )


def _lead_over_own_lines(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], start: int, gap: range
) -> bool:
    """A lead that earns little is still the lead over up to MAX_OWN_LINES_GAP lines of
    the text's own kinds (`_own_lines`). A box between a lead and the text holds what
    these are not: headlines ("Las Vegas gambles on cool gadgets"), a photo's credit,
    the story's byline or its dateline in capitals ("LONDON --"), under which the
    story starts: what is above it is a caption. A subheading named like a page
    section over a sentence is the text's too ("Comments", then "Residents were
    mostly in favour.")."""
    if not (_prose(page.infos[start], scores[start]) and 0 < len(gap) <= MAX_OWN_LINES_GAP):
        return False
    infos = page.infos
    return _own_lines(
        page,
        scores,
        breaks,
        [k for k in gap if not (_named_heading(page, breaks, k) and is_sentence(infos[k + 1]))],
    )


def _own_lines(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], gap: Iterable[int]
) -> bool:
    """Each line of `gap` is of the text's own kinds and none is the site's
    (`_plain_run`): a sentence, however short ("Nobody minded."), a list's item or a
    subheading of a few words with a lower-case letter ("Potatoes", "- Good shoes",
    "Getting there"), a code sample or the line that announces it, a quotation's
    source ("— Ann Lee, chair of the board"). Headlines (a few
    words more, no full stop), a photo's credit, a byline or a dateline in capitals
    ("LONDON --"), a pager's links ("<< Previous Post") and a closing label ("Filed
    under news.", "Tags: harbour") are none."""
    for k in gap:
        info = page.infos[k]
        # (a pager's arrows, "<< Previous Post", are the site's)
        short = _short_item(page, k) and not _PAGER_MARKS & set(page.texts[k])
        if (
            _story_head(page, k)
            or closing_label(page, k)
            or _says_closing_label(info.key)
            or not (
                is_sentence(info)
                or short_paragraph(page, k)  # "Nobody minded."
                or short
                or _code_or_intro(page, k)
                or _quote_source(page, k)
            )
        ):
            return False
    return all(
        _plain_run(page, scores, breaks, range(k, k + 1))
        for k in gap
        if not announced_code(page, k)  # (code is "template code": chrome elsewhere)
    )


MAX_OWN_LINES_GAP = 8
# Marks of a pager's or a menu's links ("<< Previous Post", "Next »", "Home | News").
_PAGER_MARKS = frozenset("<>«»‹›|→←")


def _named_subheading(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], gap: range
) -> bool:
    """The one line `gap` is a heading named like a page section ("Reactions",
    "Komentarze", "评论") with the body's first paragraph right under it: a site's
    section opens with headlines, links or a post's header, a subheading with prose."""
    if len(gap) != 1:
        return False
    k = gap.start
    nxt = k + 1
    return (
        _named_heading(page, breaks, k)
        and nxt < len(scores)
        and _prose(page.infos[nxt], scores[nxt])
    )


def _named_heading(page: PageView, breaks: Sequence[bool], k: int) -> bool:
    """Block `k` is a short heading named like a page section, said once."""
    info = page.infos[k]
    return (
        info.section
        and not breaks[k]
        and not info.terminal
        and info.words <= MAX_SUBHEADING_WORDS
        and page.counts[info.key] == 1
    )


# At most this many plain lines (a subheading) between a lead that earns little and the body.
MAX_PLAIN_LEAD_GAP = 1


def _post_headline(page: PageView, breaks: Sequence[bool], h: int) -> int:
    """The headline of the post whose text starts under the repeat of the title at
    block `h`: an earlier repeat at most LEAD_WINDOW lines above it, with no footer,
    section or comment heading between, is (a heading that partly repeats the title,
    an event's name over its date and time, is the post's own); else `h`."""
    infos = page.infos
    for k in range(h - 1, max(-1, h - 1 - LEAD_WINDOW), -1):
        info = infos[k]
        if info.hard == "repeated title":
            return k
        if breaks[k] or info.section or info.comment:
            break
    return h


def _lead_over_repeat(page: PageView, scores: Sequence[float], start: int, gap: range) -> bool:
    """A paragraph that earns little is still the lead when all that stands between
    it and the body is a repeat of the title with its date lines (an event's name,
    its day and hour): the post's header, shown in the reader's header, not a box."""
    infos = page.infos
    return (
        _prose(infos[start], scores[start])
        and 0 < len(gap) <= LEAD_WINDOW
        and infos[gap.start].hard == "repeated title"
        and all(infos[k].dated or is_byline(page.texts[k], infos[k]) for k in gap[1:])
    )


def closing_label(page: PageView, k: int) -> bool:
    """Block `k` is a labelled line that closes an article ("Tags: harbour, ferries",
    "Categories: Islands", "Tagged with: ...", "Filed under: ..."), or the post's
    filing line (`filing_line`)."""
    info = page.infos[k]
    text = page.texts[k]
    if not 0 < info.words <= MAX_LABEL_LINE_WORDS or (":" not in text and "：" not in text):
        return False
    key = block_key(text.lstrip().split(":", 1)[0].split("：", 1)[0])
    return (
        key in _CLOSING_LABELS
        or (info.hard == "related link" and key in CLOSING_HEADINGS)
        or filing_line(page, k)
    )


def filing_line(page: PageView, k: int) -> bool:
    """Block `k` is the post's filing line: a date, then a closing label after a bar
    or a full stop ("May 2nd, 2025 | Tags: ferries | Category: News", "Published on
    May 2, 2025 in News. Tags: ferries."). Blogs print it over or under the post."""
    text = page.texts[k]
    return (
        0 < page.infos[k].words <= MAX_LABEL_LINE_WORDS
        and (":" in text or "：" in text)
        and any(block_key(m.group(1)) in _FILING_KEYS for m in _INNER_LABEL_RE.finditer(text))
        and bool(STAMP_RE.search(text))
    )


# A label after a bar or a sentence's end, and the labels a post's filing line holds
_INNER_LABEL_RE = re.compile(r"(?:\||\.\s)\s*([^\W\d_][^:：|.]{0,30})[:：]")


MAX_LABEL_LINE_WORDS = 30
_CLOSING_LABELS = frozenset(map(block_key, CLOSING_LABELS))
_FILING_KEYS = _CLOSING_LABELS | CLOSING_HEADINGS


def attach_sibling_items(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], first: int, last: int
) -> tuple[int, int]:
    """Take in the other items of an article made of like items: a gallery or a list
    of homes, products or places, each a few short lines ("Tucson, AZ" / an address /
    "For sale: $599,000") over a paragraph. Each item's head costs more than its
    paragraph earns, so the body is one item; when the lines before the next (or the
    previous) paragraph have the same make as the lines before the body's own
    (`_parallel`), the body is one of several items, and the items are the article,
    their heads included."""
    found = False
    while True:  # items after the body's last
        start = last
        while start > first and scores[start - 1] > 0:
            start -= 1
        head = _item_head(page, scores, breaks, start)
        if head and head.start > first and not found:
            # items the body took in already (`_next_part`): the head of its first
            # paragraph is the same make as the head of its last one's
            found = _parallel(page, scores, breaks, _item_head(page, scores, breaks, first), head)
        nxt = range(last + 1, last + 1 + len(head))
        if not head or nxt.stop >= len(scores) or not _parallel(page, scores, breaks, head, nxt):
            break
        end, _ = _run_from(scores, breaks, nxt.stop)
        if not _item_text(page, scores, nxt.stop, end):
            break
        last, found = end, True
    while True:  # items before the body's first
        head = _item_head(page, scores, breaks, first)
        end = head.start - 1 if head else -1
        if end < 0 or not _item_text(page, scores, end, end):
            break
        start = end
        while start > 0 and scores[start - 1] > 0:
            start -= 1
        before = _item_head(page, scores, breaks, start)
        if not _parallel(page, scores, breaks, before, head):
            break
        first, found = start, True
    if found:
        first = _item_head(page, scores, breaks, first).start
    return first, last


# An item's head: at most this many short lines over its paragraph.
MAX_ITEM_HEAD = 4


def _item_head(page: PageView, scores: Sequence[float], breaks: Sequence[bool], i: int) -> range:
    """The short lines right before block `i` that earn nothing (empty if none, or
    more than MAX_ITEM_HEAD)."""
    k = i
    while k > 0 and i - k < MAX_ITEM_HEAD + 1 and scores[k - 1] <= 0:
        k -= 1
    head = range(k, i)
    if len(head) > MAX_ITEM_HEAD or any(not _head_line(page, breaks, j) for j in head):
        return range(i, i)
    return head


def _head_line(page: PageView, breaks: Sequence[bool], j: int) -> bool:
    info = page.infos[j]
    return (
        0 < info.words <= MAX_SUBHEADING_WORDS
        and not breaks[j]
        and not info.section
        and not info.footer
        and info.hard != "repeated title"
    )


def _item_text(page: PageView, scores: Sequence[float], start: int, end: int) -> bool:
    return start <= end and any(_prose(page.infos[k], scores[k]) for k in range(start, end + 1))


def _parallel(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], a: range, b: range
) -> bool:
    """Two items' heads of the same make: as many short lines, digits in the same
    places, and a line of the same template in both ("For sale: $599,000")."""
    if not a or len(a) != len(b) or not all(_head_line(page, breaks, j) for j in b):
        return False
    pairs = [(page.infos[i].shape, page.infos[j].shape) for i, j in zip(a, b, strict=True)]
    if any(x.endswith("#") != y.endswith("#") for x, y in pairs):
        return False
    return any(x and x == y for x, y in pairs)


# The lead starts this close after the headline; the box after it is at most this long.
LEAD_WINDOW = 8
LEAD_MIN_GAIN = 2 * BLOCK_COST
MAX_LEAD_GAP = 40


def _run_from(scores: Sequence[float], breaks: Sequence[bool], start: int) -> tuple[int, float]:
    """(last block, sum) of the best run of scores beginning at `start`."""
    return _best_run(scores, breaks, range(start, len(scores)))


def _best_run(
    scores: Sequence[float], breaks: Sequence[bool], walk: range, tolerant: bool = False
) -> tuple[int, float]:
    """(farthest block, sum) of the best run of scores along `walk` (forwards or
    backwards from its first block): it stops at a footer, or where the sum has
    fallen to nothing (once it was above nothing, only when not `tolerant`) or
    MAX_DRAWDOWN below its best."""
    cur = peak = 0.0
    peak_i = walk[0] if walk else 0
    for i in walk:
        if breaks[i]:
            break
        cur += scores[i]
        if cur > peak:
            peak, peak_i = cur, i
        if (cur <= 0 and not (tolerant and peak > 0)) or peak - cur > MAX_DRAWDOWN:
            break
    return peak_i, peak


def cut_at_comments(
    page: PageView,
    scores: Sequence[float],
    first: int,
    last: int,
    bridged: Sequence[range] = (),
) -> tuple[int, int]:
    """End the body at a comment-thread heading that follows real article text.

    Readers' comments are prose too, and a thread can outweigh the gap before it;
    but a "Comments" heading after the article has begun, over a thread, is where
    it stops. (The same word at the top of a page is a menu link, hence the mass
    condition; over a paragraph and no post header, it is a subheading; inside a box
    the body was `bridged` over, it is the box's link.)"""
    mass = 0.0
    for i in range(first, last + 1):
        if (
            mass >= COMMENT_CUT_MASS
            and page.infos[i].comment
            and _thread_under(page, scores, i)
            and not any(i in gap for gap in bridged)
        ):
            end = i - 1
            while end > first and scores[end] <= 0:
                end -= 1
            return first, end
        mass += max(0.0, scores[i])
    return first, last


def sentence_list(page: PageView, i: int) -> bool:
    """Block `i` opens a marked list ("- ", "• ", "1.") whose items are statements: the
    article's own points under a subheading ("Reactions", "What changes"). A teaser
    list's items are headlines, which end in no full stop; a thread's posts carry no
    list mark."""
    items = 0
    while i < len(page.infos) and marked_item(page.texts[i]) and items < SENTENCE_LIST_ITEMS:
        if not _point(page, i):
            return False  # a headline, a teaser's question or its cut-off text
        items += 1
        i += 1
    return items > 0


# How many items of a list `sentence_list` reads before it decides.
SENTENCE_LIST_ITEMS = 3


def _opens_thread(page: PageView, scores: Sequence[float], i: int) -> bool:
    return page.infos[i].comment and _thread_under(page, scores, i)


_LINK_MARK_RE = re.compile(r"[»›→>]\s*$|\d")


def paragraph_follows(page: PageView, scores: Sequence[float], i: int, last: int) -> bool:
    """A paragraph (a block that scores as text and ends like a sentence) comes right
    after block `i`, at or before `last`: what makes a heading a subheading."""
    nxt = i + 1
    return nxt <= last and scores[nxt] > 0 and page.infos[nxt].terminal


def _thread_under(page: PageView, scores: Sequence[float], heading: int) -> bool:
    """What follows a comment heading looks like a thread: not a paragraph at once,
    or a post header (a short dated line) among the next lines."""
    n = len(scores)
    if heading + 1 < n and page.infos[heading + 1].hard == "repeated title":
        return False  # a menu's "Comments" link over the page's own headline
    if not paragraph_follows(page, scores, heading, n - 1):
        return not sentence_list(page, heading + 1) or any(
            _post_header(page, k) for k in range(heading + 1, min(n, heading + THREAD_LOOKAHEAD))
        )
    if _LINK_MARK_RE.search(page.texts[heading]):
        return True  # "Comments »", "5 Comments": a link or a counter, never a subheading
    return any(
        _post_header(page, k) for k in range(heading + 1, min(n, heading + THREAD_LOOKAHEAD))
    )


def extend_region(page: PageView, first: int, last: int) -> tuple[int, int]:
    """Take in sentence-like blocks touching the region (a short lead or last line),
    a last sentence broken over short lines that end in a comma, lines that carry
    on in lower case or end in a semicolon (the items of a list, a headline never
    does), and the rest of a bulleted list the body ends in."""
    infos = page.infos
    while True:
        # the block before, past a photo caption or an ad label; a credit in brackets
        # on a line of its own ("(Image: Ann Lee)") closes the caption above it
        k = first - 1
        while (
            k > 0
            and first - k <= MAX_FURNITURE_SKIP
            and infos[k].hard in INLINE_FURNITURE
            and not page.texts[k].lstrip().startswith("(")
        ):
            k -= 1
        if k == first - 1 and k > 0 and _label_line(page, k):
            k -= 1  # a label over the body's first paragraph ("Deadline:")
        if k < 0 or not is_sentence(infos[k]) or infos[k].hard:
            break
        first = k
    n = len(infos)
    while True:
        j = last + 1
        while j < n and j - last <= MAX_CLAUSE_LINES and _clause_line(page, j):
            j += 1
        if (
            j < n
            and (is_sentence(infos[j]) or _short_sentence(page, j))
            and not infos[j].hard
            and not infos[j].footer
        ):
            last = j
        elif last + 1 < n and continuation_line(page, last + 1):
            last += 1
        elif (more := _continue_shape(page, first, last)) > last:
            last = more
        else:
            last = _continue_pattern(page, first, _continue_bullets(page, last))
            return first, _continue_stanza(page, first, last)


def _label_line(page: PageView, k: int) -> bool:
    """Block `k` is a label of a word or three ending in a colon ("Deadline:", "How to
    enter:"), not chrome, a section heading or a repeat: over a paragraph of the text,
    it labels that paragraph, and the text before it is the same article. (The same
    after the body, over a sentence, was measured: the site's "Note:" lines came in.)"""
    info = page.infos[k]
    return (
        info.words > 0
        and short_label(page, k)
        and not info.hard
        and not info.section
        and page.counts[info.key] == 1
    )


MAX_LABEL_WORDS = 3


def _short_sentence(page: PageView, j: int) -> bool:
    """Block `j` is a sentence of two or three words that closes a post ("Just a
    thought.", "See you there!"): it ends in a full stop or an exclamation mark (not
    an ellipsis, a colon or a question: "Read more...", "More news:", "Liked this
    post?" are a site's), holds a function word, and is not repeated on the page."""
    info = page.infos[j]
    return _short_sentence_end(page, j) and info.stop > 0 and page.counts[info.key] == 1


def _continue_shape(page: PageView, first: int, last: int) -> int:
    """When the body ends in MIN_SHAPE_REPEATS lines that open alike (the same first
    two words: "WHAT WE LOVE: ..."), the lines after it that open the same way are the
    rest of that list, up to a line of chrome, a footer or a section heading: one item
    without a full stop breaks the run of sentences that carried the others."""
    shape = page.infos[last].shape
    if not shape or last - MIN_SHAPE_REPEATS + 1 < first:
        return last
    if any(page.infos[k].shape != shape for k in range(last - MIN_SHAPE_REPEATS + 1, last)):
        return last
    n = len(page.infos)
    j = last + 1
    while j < n:
        info = page.infos[j]
        if info.hard or info.footer or info.section or info.shape != shape:
            break
        last = j
        j += 1
    return last


# A photo caption or an ad label between the region and a sentence before it: at
# most this many are stepped over.
MAX_FURNITURE_SKIP = 2
# Lines an item may run over after its bulleted first line.
MAX_ITEM_LINES = 3


def _continue_bullets(page: PageView, last: int) -> int:
    """When the body ends in a bulleted item, the items after it with the same
    bullet (and the lines of each item) are the rest of the list."""
    bullet = page.infos[last].bullet
    if not bullet:
        return last
    n = len(page.texts)
    item_lines = 1
    j = last + 1
    while j < n and j - last <= MAX_ITEM_LINES:
        info = page.infos[j]
        if info.hard or info.footer or info.section:
            break
        if info.bullet == bullet:
            item_lines = max(item_lines, j - last)
            last = j
        j += 1
    end = last  # the last item runs over as many lines as the others did
    for j in range(last + 1, min(n, last + item_lines)):
        info = page.infos[j]
        if info.hard or info.footer or info.section or page.counts[info.key] > 1:
            break
        end = j
    return end


# The mark a block opens with: a non-word character ("“", "–", "•") or a short
# label ("Q:", "A:", "3.", digits made alike).
_DIGIT_RE = re.compile(r"\d")
_MARK_RE = re.compile(r"\s*(?:([^\w\s])|(\w{1,3})[:.)]\s)")
_DIGITS_RE = re.compile(r"\d+")
# How many of the body's last blocks show an alternation of two marks.
PATTERN_TAIL = 6


def _mark(text: str) -> str:
    m = _MARK_RE.match(text)
    if m is None:
        return ""
    return m.group(1) or _DIGITS_RE.sub("#", m.group(2).casefold()) + ":"


def _continue_pattern(page: PageView, first: int, last: int) -> int:
    """When the body ends in an alternation of two kinds of marked blocks (an
    interview's "Q:" / "A:", quotes and their "– Name" attributions), the blocks
    after it that keep the alternation are more of the same."""
    tail = [_mark(page.texts[k]) for k in range(max(first, last - PATTERN_TAIL + 1), last + 1)]
    kinds = {k for k in tail if k}
    if (
        len(tail) < PATTERN_TAIL
        or len(kinds) != 2
        or tail.count("") > 1
        or any(tail.count(k) < 2 for k in kinds)
    ):
        return last
    j = last + 1
    while j < len(page.texts):
        info = page.infos[j]
        if info.hard or info.footer or info.section or _mark(page.texts[j]) not in kinds:
            break
        last = j
        j += 1
    return last


def _continue_stanza(page: PageView, first: int, last: int) -> int:
    """When the body ends in STANZA_TAIL lines of a song or poem printed without
    punctuation at their ends (`_lyric_line`: short, in sentence case, with a function
    word), the lines after it of the same kind are the rest of it, a chorus repeated
    on the page among them: a repeat is a site's teaser only among its furniture, and
    nothing of the site's (a heading, a footer, chrome, a date) stands in between."""
    tail = range(last - STANZA_TAIL + 1, last + 1)
    if tail.start < first or not all(_lyric_line(page, k) for k in tail):
        return last
    j = last + 1
    while j < len(page.texts) and _lyric_line(page, j):
        last = j
        j += 1
    return last


def _lyric_line(page: PageView, k: int) -> bool:
    """Block `k` can be a line of a song or a poem: MIN_VERSE_WORDS to MAX_VERSE_WORDS
    words with a function word among them, no figures, opening with a capital and
    going on in lower case (a headline capitalises its words: "Harbour Wall Repairs
    To Start"), and no question, label, heading, footer or boilerplate."""
    info = page.infos[k]
    if (
        not MIN_VERSE_WORDS <= info.words <= MAX_VERSE_WORDS
        or info.stop == 0
        or info.hard
        or info.footer
        or info.section
        or info.kind
        or info.cjk
    ):
        return False
    text = page.texts[k].strip()
    words = text.split()
    return (
        text[:1].isupper()
        and not _DIGIT_RE.search(text)
        and not text.endswith((*QUESTION_ENDS, ":", "…", "..."))
        and 3 * sum(w[:1].isupper() for w in words[1:]) <= len(words) - 1
    )


# The body's last lines that show it ends in a song or a poem.
STANZA_TAIL = 4


# A sentence broken over lines ("..., / ..., / ... ."): at most this many pieces.
MAX_CLAUSE_LINES = 4


def attach_standfirst(page: PageView, first: int) -> int:
    """Take in the standfirst: the line under the headline that sums the story up
    ("Libraries spared but parking charges will rise"), with the byline and date
    lines between it and the text; over it, a line saying how long ago the story was
    posted ("AP – 2 hours ago", `_relative_time`) is the story's date line. It reads
    as text by its stopwords, counted against the page's own share of them where the
    word lists know few of its language's."""
    infos = page.infos
    start = first
    least_stop = -1.0  # the page's bar (`_standfirst_stop`), worked out once a line needs it
    for k in range(first - 1, max(-1, first - 1 - LEAD_WINDOW), -1):
        info = infos[k]
        if info.hard == "repeated title":
            return start
        if info.hard or info.date_line or is_byline(page.texts[k], info) or _relative_time(page, k):
            continue
        if info.words >= MIN_STANDFIRST_WORDS and not info.cjk and info.stop < MIN_STANDFIRST_STOP:
            if least_stop < 0:
                least_stop = _standfirst_stop(infos)
            if info.stop < least_stop:
                return first  # no text by its stopwords
        if (
            info.words >= MIN_STANDFIRST_WORDS
            and len(CHROME_WORDS.intersection(info.key.split())) < 2  # not "E-mail, Print"
            and not NOTICE_RE.search(page.texts[k])
            and page.counts[info.key] == 1
            and not info.section
            and not info.footer
        ):
            start = k
            continue
        return first
    return first


def _standfirst_stop(infos: Sequence[BlockInfo]) -> float:
    """The share of stopwords a standfirst needs to read as text: MIN_STANDFIRST_STOP,
    or STANDFIRST_PAGE_STOP of the page's own share when that is less; on a page in a
    language the lists do not know, MIN_STANDFIRST_STOP (no lead by its stopwords)."""
    share = page_stop_share(infos)
    if share < MIN_PAGE_STOP:
        return MIN_STANDFIRST_STOP
    return min(MIN_STANDFIRST_STOP, STANDFIRST_PAGE_STOP * share)


MIN_STANDFIRST_WORDS = 6
MIN_STANDFIRST_STOP = 0.15
# ... or this share of the page's own (`page_stop_share`) when that is less: the word
# lists know fewer of some languages' function words (Russian has no articles, and
# its prose holds half the share of English prose), and a lead there reads as text
# with fewer of them
STANDFIRST_PAGE_STOP = 0.4


def attach_post_head(
    page: PageView,
    scores: Sequence[float],
    breaks: Sequence[bool],
    recurring: Sequence[bool],
    first: int,
) -> int:
    """Take in the plain lines between the post's head and the body.

    A post may open with lines that earn nothing as prose, so the body's run starts
    below them: a workout ("For time:", "Row 2,000 meters", "Post times to
    comments."), a fact box ("Name: ...", "Author: ..."), one-line paragraphs. They
    belong to the post when they stand between its headline, its date line or its
    byline and the body, none of them is the site's (`_post_head_line`), no three in
    a row are menu entries, and MIN_POST_HEAD_TEXTS of them are sentences or labelled
    data: a menu holds neither, a photo's caption or a standfirst is one line. A
    line that earns stops the search: it is a run of its own, which
    `attach_preceding_runs` weighs against the box between."""
    infos, texts = page.infos, page.texts
    texts_seen = 0
    menu_run = 0
    for k in range(first - 1, max(-1, first - 1 - MAX_POST_HEAD_LINES), -1):
        info = infos[k]
        if info.hard == "repeated title" or info.dated or is_signature(texts[k], info):
            return k + 1 if texts_seen >= MIN_POST_HEAD_TEXTS else first
        if scores[k] > 0 or not _post_head_line(page, breaks, recurring, k):
            return first  # text that earns is a run of its own (`attach_preceding_runs`)
        menu_run = menu_run + 1 if _menu_line(texts[k], info) else 0
        if menu_run >= MIN_MENU_RUN:
            return first
        texts_seen += (is_sentence(info) and info.stop > 0) or _labelled_data(texts[k], info)
    return first


def attach_first_section(page: PageView, first: int, last: int) -> int:
    """Take in the numbered subheading right over the body when the body holds the next
    one of the same template ("1. The vote" over the text, "2. The money" inside it):
    the first of the article's sections, not a teaser of the site's. `first` otherwise."""
    k = first - 1
    if k < 0 or page.infos[k].hard or not _short_heading(page, k):
        return first
    head = _SECTION_NUMBER_RE.match(page.texts[k])
    if head is None:
        return first
    following = f"{int(head.group(1)) + 1}{head.group(2)}"
    for j in range(first + 1, last + 1):
        nxt = _SECTION_NUMBER_RE.match(page.texts[j])
        if nxt is not None and nxt.group(1) + nxt.group(2) == following and _short_heading(page, j):
            return k
    return first


def _short_heading(page: PageView, k: int) -> bool:
    """Block `k` reads as a subheading: a few words, no sentence's end."""
    info = page.infos[k]
    return 0 < info.words <= MAX_SUBHEADING_WORDS and not info.terminal


# A section's number opening its heading: "1. ", "2) ", "3 - ".
_SECTION_NUMBER_RE = re.compile(r"\s*(\d{1,2})(\.|\)|\s[-–—:])\s")


# The post's head is this close above the body, and holds this many texts.
MAX_POST_HEAD_LINES = 10
MIN_POST_HEAD_TEXTS = 2
# "Name: Task List", "Author: Ann Lee": a label, a colon, a value in words
_LABELLED_RE = re.compile(r"\s*[^\W\d_][^:：]{0,30}[:：]\s+\w")
# a link's shape: an address, or entries set apart by bars, dots or arrows
_LINK_SHAPE_RE = re.compile(r"://|www\.|\.(?:com|org|net)\b|[|·»›]")


def _labelled_data(text: str, info: BlockInfo) -> bool:
    """A short line of labelled data ("Name: Task List", "Author: Ann Lee"), where
    a headline that names its speaker ("Ann Lee: Why the port must wait") runs on."""
    return info.words <= MAX_LABELLED_WORDS and _LABELLED_RE.match(text) is not None


MAX_LABELLED_WORDS = 6


def _post_head_line(
    page: PageView, breaks: Sequence[bool], recurring: Sequence[bool], k: int
) -> bool:
    """Block `k` is a plain line: nothing says it is the site's (no chrome, heading,
    footer, notice, link's shape, teaser, line recurring across the feed)."""
    info = page.infos[k]
    text = page.texts[k]
    return not (
        info.hard
        or info.kind
        or info.section
        or info.footer
        or breaks[k]
        or recurring[k]
        or info.listed
        or _teaser_item(text, info)
        or CHROME_WORDS.intersection(info.key.split())
        or NOTICE_RE.search(text)
        or _LINK_SHAPE_RE.search(text)
        or (ends_in_colon(text) and links_intro(info.key) != "")  # "More:", "Share via:"
    )


def continuation_line(page: PageView, i: int) -> bool:
    """A line that carries on what came before: its first word is in lower case
    ("eGames", "iPhone" are names) or it ends in a semicolon; an e-mail address alone
    (`_address`) is in lower case too, and carries on nothing."""
    info = page.infos[i]
    text = page.texts[i].strip()
    return (
        not info.hard
        and not info.footer
        and not info.section
        and page.counts[info.key] == 1
        and not _address(text)
        and (
            (text[:1].islower() and text.split(None, 1)[0].islower()) or text.endswith((";", "；"))
        )
    )


def _address(text: str) -> bool:
    """The line is one e-mail address and nothing else ("ann.lee@example.com"): the
    writer's contact under the text, which no sentence carries on into."""
    return " " not in text and "@" in text and "/" not in text


def _clause_line(page: PageView, i: int) -> bool:
    """A piece of a sentence cut at a comma (Latin or CJK)."""
    info = page.infos[i]
    return (
        not info.hard
        and not info.footer
        and not info.section
        and page.texts[i].rstrip().endswith((",", "、", "，"))
    )


# --------------------------------------------------------------------------
# structures that change how lines score


def _score_wrapped_runs(page: PageView, scores: list[float], use_stop: bool) -> None:
    """Re-score hard-wrapped paragraphs as one block, spread over their lines."""
    for lo, hi in _wrapped_runs(page.texts):
        span = range(lo, hi + 1)
        if any(page.infos[k].hard or page.infos[k].section for k in span):
            continue
        joined = " ".join(page.texts[k].strip() for k in span)
        value = text_value(describe(joined), use_stop) - BLOCK_COST
        total = sum(page.infos[k].weight for k in span) or 1.0
        for k in span:
            scores[k] = max(scores[k], value * page.infos[k].weight / total)


def _wrapped_runs(texts: Sequence[str]) -> list[tuple[int, int]]:
    """Runs of lines that are one paragraph hard-wrapped at a fixed width (old
    press releases, e-mail and plain-text sources): each line is cut mid-sentence,
    so alone it looks like a headline; together they are prose."""
    runs = []
    n = len(texts)
    i = 0
    while i < n:
        j = i
        while j + 1 < n and len(texts[j]) >= WRAP_MIN_CHARS and _continues(texts[j], texts[j + 1]):
            j += 1
        if j - i >= 2 and _even_width(texts[i:j]):
            runs.append((i, j))
        i = j + 1
    return runs


def _even_width(lines: Sequence[str]) -> bool:
    """Wrapped lines (all but the last) fill nearly the same width."""
    widths = [len(line.rstrip()) for line in lines]
    return min(widths) >= 0.7 * max(widths)


def _continues(line: str, nxt: str) -> bool:
    """`nxt` carries on the sentence `line` was cut in."""
    line = line.rstrip()
    if len(line) < WRAP_MIN_CHARS or ends_sentence(line):
        return False
    head = nxt.split(None, 1)[0] if nxt.strip() else ""
    if head[:1].islower() and head[:1].isalpha() and "/" not in head:
        return True
    last = line.rsplit(None, 1)[-1].casefold()
    return line.endswith((",", "-")) or last in STOPWORDS


# A run of this many quantity lines (`BlockInfo.quantity`) is a list: a small credit.
MIN_QUANTITY_RUN = 3
# An ingredient list has items without a quantity ("generous pinch of salt"): up to
# this many short lines in a row between quantity lines stay in the run.
MAX_QUANTITY_GAP = 2
MAX_QUANTITY_ITEM_WORDS = 9  # a longer line between quantity lines is text: the list ended


def _quantity_runs(infos: Sequence[BlockInfo]) -> list[tuple[int, int]]:
    """The (start, end) ranges of quantity-line lists: MIN_QUANTITY_RUN quantity
    lines or more, with gaps of at most MAX_QUANTITY_GAP short items between them."""
    out: list[tuple[int, int]] = []
    start = end = -1  # the current run's first and last quantity lines
    lines = 0
    for i, info in enumerate(infos):
        if info.quantity and not info.hard:
            if start < 0 or i - end > MAX_QUANTITY_GAP + 1:
                if lines >= MIN_QUANTITY_RUN:
                    out.append((start, end + 1))
                start, lines = i, 0
            end, lines = i, lines + 1
        elif info.hard or info.section or info.footer or info.words > MAX_QUANTITY_ITEM_WORDS:
            if lines >= MIN_QUANTITY_RUN:
                out.append((start, end + 1))
            start, lines = -1, 0
    if lines >= MIN_QUANTITY_RUN:
        out.append((start, end + 1))
    return out


def _table_runs(page: PageView) -> list[tuple[int, int]]:
    """The (start, end) ranges of a table's rows: MIN_TABLE_ROWS lines or more in a
    row, each said once and holding the same number of cells apart by tabs or runs of
    spaces (`_row_cells`), two or more. A text dump keeps a table's columns so; a menu
    or a box of headlines has one item a line, and a site's lines parted by "|" ("About
    | Contact", "Advertise | Ad settings") are its links."""
    out: list[tuple[int, int]] = []
    start, cells = 0, 0
    texts, infos, counts = page.texts, page.infos, page.counts
    for i in range(len(texts) + 1):
        count = 0
        if i < len(texts) and "|" not in texts[i] and counts[infos[i].key] == 1:
            count = _row_cells(texts[i])
        if count != cells or count < 2:
            if cells >= 2 and i - start >= MIN_TABLE_ROWS:
                out.append((start, i))
            start, cells = i, count
    return out


# A table the text holds has this many rows at least.
MIN_TABLE_ROWS = 3


# Short paragraphs of one sentence each ("Nobody said a word.") score below the
# block cost one by one, but a run of them is prose: menus and teaser titles do
# not end in full stops. Each gets a small positive score (see `score_blocks`).
def _plain_sentence(info: BlockInfo) -> bool:
    return is_sentence(info) and not info.hard and not info.footer and not info.section


MIN_SENTENCE_RUN = 3


def _verse_line(text: str, info: BlockInfo) -> bool:
    """A line of a poem, a hymn or a song: a few words ending in punctuation, a
    comma or a colon as often as a full stop. One is a caption; MIN_VERSE_LINES
    in a row are a stanza (a menu or a headline list does not punctuate its ends)."""
    return MIN_VERSE_WORDS <= info.words <= MAX_VERSE_WORDS and (
        info.terminal or text.rstrip().endswith(_VERSE_ENDS)
    )


def _verse_lines(page: PageView) -> list[bool]:
    """Per block, whether it is a line of verse (`_verse_line`), or a line of verse's
    length that runs on into the next between two, one of them ending mid-stanza ("I
    wonder shall I ever gain" between "Weary and weak and full of pain," and "Relief
    when I'm oppressed?")."""
    verse = [_verse_line(text, info) for text, info in zip(page.texts, page.infos, strict=True)]
    for i in range(1, len(verse) - 1):
        info = page.infos[i]
        if (
            not verse[i]
            and verse[i + 1]
            and verse[i - 1]
            # the stanza goes on: a comma, colon or semicolon next to it
            and (
                page.texts[i - 1].rstrip().endswith(_VERSE_ENDS)
                or page.texts[i + 1].rstrip().endswith(_VERSE_ENDS)
            )
            and not (info.hard or info.cjk or info.dated or info.listed)
            and page.counts[info.key] == 1
            and MIN_VERSE_WORDS <= info.words <= MAX_VERSE_WORDS
        ):
            verse[i] = True
    return verse


_VERSE_ENDS = (",", ";", ":", "，", "；", "：", "—", "–")
MIN_VERSE_LINES = 6
MIN_VERSE_WORDS = 3
MAX_VERSE_WORDS = 14


def _credit_announced_lists(page: PageView, scores: list[float]) -> None:
    """A block ending in a colon announces what follows ("the players invited are:"),
    so the short items after it belong to the article: give them a small positive
    score until the list visibly ends (a heading, a repeat, a footer, or a run of
    one- and two-word menu lines).

    An intro that is not text itself ("Tour dates:", "On the Net:") counts when it
    carries on the text just before it and announces data: items with figures or
    "label: value" / "date -- place" separators (tour dates, results, sources),
    not a list of headlines or share buttons."""
    n = len(scores)
    infos = page.infos
    i = 0
    while i < n:
        info = infos[i]
        intro = "" if info.hard or _one_word(info) else _list_intro(page, scores, i)
        if not intro:
            i += 1
            continue
        j = _list_end(page, scores, i)
        items = [k for k in range(i + 1, j) if not page.infos[k].hard]
        if intro != "text":
            if intro == "after text":
                # data, or the pieces of the intro's sentence ("It agreed to:", then
                # "extend the bus lane;", "close the old car park;")
                data = sum(
                    1
                    for k in items
                    if _DATA_ITEM_RE.search(page.texts[k]) or _sentence_piece(page, k)
                )
                # (a CJK intro has no words to count, so its items show the list)
                enough = (
                    2 * data >= len(items) and (data >= MIN_CJK_DATA or not info.cjk)
                ) or _pieces_then_text(page, items)
            else:
                enough = all(_LABEL_VALUE_RE.search(page.texts[k]) for k in items)
            if len(items) < (2 if intro == "after text" else 3) or not enough:
                i += 1
                continue
            scores[i] = max(scores[i], LIST_ITEM_CREDIT)
        for k in items:
            scores[k] = max(scores[k], LIST_ITEM_CREDIT)
        i = max(j, i + 1)


def _sentence_piece(page: PageView, k: int) -> bool:
    """Block `k` carries on a sentence and closes its piece of it like an item of a
    spelled-out list ("close the old car park;"); a menu's lower-case links ("print
    send", "all news") close nothing."""
    return continuation_line(page, k) and page.texts[k].rstrip().endswith(_PIECE_ENDS)


def _pieces_then_text(page: PageView, items: Sequence[int]) -> bool:
    """The items carry on the intro's sentence in lower case, unpunctuated ("What
    changes:", then "a new pier", "lighting", "benches"), and the text goes on under
    them with sentences: a list inside the story. A menu's lower-case links ("print",
    "send") are followed by more of the site's, not by the story."""
    pieces = 0
    while pieces < len(items) and continuation_line(page, items[pieces]):
        pieces += 1
    rest = items[pieces:]
    return (
        pieces >= MIN_CONTENT_ITEMS - 1
        and bool(rest)
        and all(_said_once(page, k) and is_sentence(page.infos[k]) for k in rest)
    )


_PIECE_ENDS = (";", "；", ",", "，", ".", "。")
# A CJK intro that is no sentence itself announces at least this many items of data.
MIN_CJK_DATA = 2


def _one_word(info: BlockInfo) -> bool:
    """The block is one word, which announces nothing ("Share:"). A line of CJK text
    is one "word" to the splitter however long: its size is its weight ("票价如下：",
    "the fares are:", is two)."""
    return _size(info) < 2


_DATA_ITEM_RE = re.compile(r"\d|\S\s*[:：]\s|\s[–—-]{1,2}\s")


def is_data_item(text: str) -> bool:
    """A list item that holds data: a figure, "label: value" or "date -- place"."""
    return _DATA_ITEM_RE.search(text) is not None


_LABEL_VALUE_RE = re.compile(r"\w\)?\s*[:：]\s+\S")


def _list_intro(page: PageView, scores: Sequence[float], i: int) -> str:
    """Whether block `i` announces a list of the text's own items: "text" (it ends in
    a colon and reads as text), "after text" (it ends in a colon right after a
    sentence), "heading" (a short title right after a sentence: a fact box, whose
    items must all be data), or "". A colon line opening like "More stories from
    ..." or "Other news:" announces links, not items."""
    info = page.infos[i]
    if info.hard or _one_word(info):
        return ""
    colon = ends_in_colon(page.texts[i])
    if not colon and (info.words > MAX_BOX_HEADING_WORDS or info.clauses):
        return ""  # neither a colon's line nor a fact box's heading (the cheapest test)
    if colon and opens_like_links(info.key):
        return ""  # "More stories from our site:" announces links
    if colon and info.words >= 4 and scores[i] >= 0:
        return "text"  # worth its block's cost (a full sentence of 11 words) is text
    if i == 0 or info.section:
        return ""
    prev = page.infos[i - 1]
    if prev.hard or not (scores[i - 1] > 0 or is_sentence(prev)):
        return ""
    if colon:
        return "after text"
    return "heading" if info.words <= MAX_BOX_HEADING_WORDS and not info.clauses else ""


# A fact box's heading ("What it means for you") is at most this long.
MAX_BOX_HEADING_WORDS = 8


def _list_end(page: PageView, scores: Sequence[float], intro: int) -> int:
    """Index just past the items of the list announced by block `intro`."""
    n = len(scores)
    j = intro + 1
    tiny_run = 0
    while j < n and j - intro <= MAX_LIST_ITEMS:
        info = page.infos[j]
        if info.section or info.footer:
            break
        if page.counts[info.key] > 1 or (scores[j] > 0 and info.terminal):
            break  # a repeat, or a sentence: the text goes on (an item may be long)
        # one- and two-word lines in a row are a menu; numbered, or in lower case (the
        # intro's sentence carried on: "lighting", "benches"), they are the list's
        text = page.texts[j]
        piece = _ITEM_NUMBER_RE.match(text) or text.lstrip()[:1].islower()
        tiny_run = tiny_run + 1 if _size(info) <= 2 and not piece else 0
        if tiny_run >= 3:
            return j - 2
        j += 1
    return j


def marked_item(text: str) -> bool:
    """`text` opens with a list's mark ("1.", "2)", "-", "•") and then a word that opens
    with a letter (a pager's "- 1", "- 2" is no list)."""
    return _ITEM_MARK_RE.match(text) is not None


# The marks a list's items open with when they are not numbered.
BULLET_MARKS = "[-–•·▪►■●*]"
_ITEM_MARK_RE = re.compile(r"\s*(?:\d{1,2}[.)]|" + BULLET_MARKS + r")\s*[^\W\d_]")
# "7. Saskatoon", "12) Oslo": a numbered item is a list item however short.
_ITEM_NUMBER_RE = re.compile(r"\s*\d{1,3}[.)]\s+\S")


# --------------------------------------------------------------------------
# the text's own lists after the body


def attach_content_list(
    page: PageView,
    scores: Sequence[float],
    breaks: Sequence[bool],
    recurring: Sequence[bool],
    last: int,
) -> int:
    """The last block of a list of the text's own that follows the body (block `last`)
    across at most MAX_LIST_LEAD plain lines (`_plain_run`: its intro, a subheading, a
    sign-off), else `last`. A list is told from a site's teaser list by a structure
    its items share and headlines do not (`_content_list_end`): a site's "Most read"
    or "Related" list stands under a section heading or among chrome, which
    `_plain_run` refuses; a list the text goes on with has nothing of the site's
    before it. Right under the text, a list is also told by its marks alone when
    the text ends with it (`_marked_end`, `_ends_text_at`)."""
    n = len(scores)
    known: dict[int, bool] = {}

    def ends_text(end: int) -> bool:
        return _ends_text_at(page, recurring, end)

    def plain(k: int) -> bool:
        if k not in known:  # (each line is tested once for all the starts)
            known[k] = not page.infos[k].hard and _plain_run(page, scores, breaks, range(k, k + 1))
        return known[k]

    for k in range(last + 1, min(n, last + 2 + MAX_LIST_LEAD)):
        marked = k == last + 1 or _text_above(page, k)  # (no box's heading between)
        end = _content_list_end(
            page, k, plain, after_text=True, ends_text=ends_text if marked else None
        )
        if end > k:
            return end
        if not plain(k):
            return last
    return last


def attach_point_list(page: PageView, recurring: Sequence[bool], last: int) -> int:
    """Take in a subheading right under the body over a marked list of statements
    (`sentence_list`): "Reactions", then "- Residents complained about the delay.",
    "- The operator apologised." are the article's own points, whatever the heading's
    word, and whether or not the site's menu has it too ("评论" is a menu's link and a
    story's subheading). A "Most read" box lists headlines, and a thread's posts
    carry no mark."""
    head = last + 1
    n = len(page.infos)
    if head + MIN_POINTS >= n + 1 or not _heading_line(page, head):
        return last
    if not sentence_list(page, head + 1):
        return last
    end = head
    while end + 1 < n and marked_item(page.texts[end + 1]) and _point(page, end + 1):
        end += 1
    if end - head < MIN_POINTS or any(recurring[k] for k in range(head, end + 1)):
        return last  # (a rotating box recurs across the feed's pages)
    return end


def _heading_line(page: PageView, head: int, *, question: bool = False) -> bool:
    """Block `head` can be a subheading: one short line that ends no sentence (or, with
    `question`, asks one: "What next?", "Co dalej?"), said once on the page or also in
    its menu, nothing of the site's wherever it stands."""
    info = page.infos[head]
    asks = question and page.texts[head].rstrip().endswith(QUESTION_ENDS)
    return not (
        info.hard
        or info.footer
        or (info.terminal and not asks)
        or not info.heading  # (a table's rows, a long line: no subheading)
        or "\n" in page.texts[head]
        or info.words > MAX_SUBHEADING_WORDS
    )


def attach_subsection(page: PageView, recurring: Sequence[bool], last: int) -> int:
    """Take in a subheading right under the body and the sentences under it, up to the
    page's furniture: "Reactions", then "It was the best morning of my life." A
    subheading followed by prose is part of the article, whatever its words. What a
    site prints there instead is told apart: a thread by its posts' headers (a name
    and a date or time) among the lines that follow, a box of teasers by headlines,
    which are no sentences, a credit, a signature or a promotion by its heading
    (punctuation first, a colon, a comma, a link's mark or a count: "— Financial
    Times", "Reader comments 12", "Tax Center: Ann Lee, CPA"), and the comment form's
    or the newsletter's notices by their words. The sentences must end at the page's
    furniture or its end, within MAX_SUBSECTION_LINES; none of them, nor the heading,
    recurs across the feed (`recurring`: a rotating "Latest" item)."""
    head = last + 1
    n = len(page.infos)
    if head + 1 >= n or recurring[head] or not _plain_heading(page, head):
        return last
    if not (section_text(page, head + 1) or _unmarked_statement(page, head + 1)):
        return last
    end = _text_to_furniture(page, recurring, head, mixed=True)
    if end <= head:
        return last
    # Under a heading in the site's words ("Read more") one dated line among the next
    # lines says it heads the site's box or thread. Any other heading is the text's
    # when its sentences run to the furniture: a thread there takes its posts' shape
    # (two dated headers) among those lines and the one after them; one dated line
    # is the page's foot ("Hak cipta 2025 Harian Pelabuhan"), and a thread under the
    # furniture below is the site's, not this section's.
    named = page.infos[head].section
    stop = min(n, head + THREAD_LOOKAHEAD if named else end + 2)
    # (another section's heading under the text opens its own: its posts are not these)
    stop = next((k for k in range(end + 1, stop) if page.infos[k].section), stop)
    posts = sum(_post_header(page, k) and not _table_row(page, k) for k in range(head + 1, stop))
    return last if posts >= (1 if named else MIN_POSTS) else end


def _text_to_furniture(
    page: PageView, recurring: Sequence[bool], top: int, *, mixed: bool = False
) -> int:
    """The last of the sentences under block `top` (`section_text`, at most
    MAX_SUBSECTION_LINES) when they run to the page's furniture or its end and none
    is a notice (`_notice_words`) or recurs across the feed; else `top`: more
    follows that is neither text nor the site's furniture. With `mixed`, the text's
    other lines may stand among the sentences (`_own_line`: a list's short items, a
    code sample it announces); when with them the text does not run to the furniture
    (a short line there may head the site's box: "Baca juga"), the sentences alone
    are read."""
    if mixed and (end := _run_to_furniture(page, recurring, top, own=True)) > top:
        return end
    return _run_to_furniture(page, recurring, top, own=False)


def _run_to_furniture(page: PageView, recurring: Sequence[bool], top: int, *, own: bool) -> int:
    """`_text_to_furniture` of the sentences under block `top`, the text's own lines
    (`_own_line`) among them when `own`."""
    n = len(page.infos)
    end = top
    sentences = 0
    while end + 1 < n and (
        end - top < MAX_SUBSECTION_LINES
        or (own and end - top < 2 * MAX_SUBSECTION_LINES and _list_goes_on(page, end))
    ):
        if section_text(page, end + 1):
            sentences += 1
        elif own and _own_line(page, end + 1):
            sentences += _telling_line(page, end + 1)
        elif not _unmarked_statement(page, end + 1):
            break
        end += 1
    if end - top > 1 and not sentences:
        return top  # lines of an unspaced script, none a sentence: a box's headlines too
    if end + 1 < n and not (_closing_furniture(page.infos[end + 1]) or _links_box(page, end + 1)):
        return top
    if any(_notice_words(page.infos[k].key) or recurring[k] for k in range(top + 1, end + 1)):
        return top
    return end


def _text_above(page: PageView, k: int) -> bool:
    """The block over block `k` is the text's: a sentence, or a line announcing what
    follows ("Bring these:") in other words than a box of links' ("More from the
    coast:"), a site's notice ("Subscribe to our letters:") or a share bar's
    ("Share/save this article:")."""
    above = page.infos[k - 1]
    if not ends_in_colon(page.texts[k - 1]):
        return above.terminal
    return not (
        opens_like_links(above.key)
        or _notice_words(above.key)
        or above.section
        or not SHARE_WORDS.isdisjoint(above.key.split())
    )


def _list_goes_on(page: PageView, k: int) -> bool:
    """Block `k` is a list's item and the next block the same list's next item (the
    same mark), or a table's row and the next its next row: a list or a table is the
    text's whole, never cut after its first items."""
    text, nxt = page.texts[k], page.texts[k + 1]
    if marked_item(text):
        return marked_item(nxt) and _mark(text) == _mark(nxt)
    return _table_row(page, k) and _row_cells(nxt) == _row_cells(text)


def _telling_line(page: PageView, k: int) -> bool:
    """Block `k` is a line of the text's own that no site's box of headlines holds: a
    code sample or the line announcing it, a table's row, an interview's labelled
    question, a quotation's source. Among the lines under a text, it tells as much
    as a sentence does (`_run_to_furniture`)."""
    return (
        _code_or_intro(page, k)
        or _table_row(page, k)
        or _labelled_question(page, k)
        or _quote_source(page, k)
    )


def _own_line(page: PageView, k: int) -> bool:
    """Block `k` is a line of the text's own kinds that is no sentence, said once and
    nothing of the site's: a table's row (`_table_row`, a year in it or not), a
    code sample's intro, a list's item of at most MAX_LABEL_WORDS words besides its
    mark, in lower case as well as capitals ("Potatoes", "- Good shoes", "• Jura:
    deer"; in a script without cases a short line is as likely a box's label, "اقرأ
    أيضاً", as an item), an interview's labelled question ("Q: Why now?"),
    the source of the quotation above it ("— Ann Lee, chair of the board"), or code
    the text announces."""
    info = page.infos[k]
    if info.hard or info.footer or info.section or page.counts[info.key] > 1:
        return announced_code(page, k)
    if _table_row(page, k):  # (whatever its length, and a year in it: "2026<TAB>£1.5m")
        return True
    if info.dated:  # a post's header, a dateline
        return False
    return (
        _labelled_question(page, k)
        or _quote_source(page, k)
        or _short_item(page, k)
        or _code_or_intro(page, k)  # "The whole script is two lines:"
    )


def _table_row(page: PageView, k: int) -> bool:
    """Block `k` is a row of a table written a row a line (`_row_cells`; two cells
    parted by a tab are a row too, or by the spaces a reader turned a tab into), with
    a row of as many cells above or below it."""
    texts = page.texts
    cells = _row_cells(texts[k])
    least = MIN_TAB_CELLS if _TAB_GAP_RE.search(texts[k]) else MIN_TABLE_CELLS
    return cells >= least and any(
        0 <= j < len(texts) and _row_cells(texts[j]) == cells for j in (k - 1, k + 1)
    )


def _short_item(page: PageView, k: int) -> bool:
    """Block `k` can be a short list's item or subheading: at most MAX_LABEL_WORDS
    words and a lower-case letter (a line in capitals alone is a dateline or a box's
    label; in a script without cases a short line is as likely a box's label as an
    item, unless it carries a list's mark its neighbour carries too: "1. 勘察海底" over
    "2. 打好地基")."""
    text = page.texts[k]
    if page.infos[k].words > MAX_LABEL_WORDS:
        return False
    if any(c.islower() for c in text):
        return True
    return not any(c.isupper() for c in text) and (
        (k > 0 and _list_goes_on(page, k - 1))
        or (k + 1 < len(page.texts) and _list_goes_on(page, k))
    )


def _code_or_intro(page: PageView, k: int) -> bool:
    """Block `k` is a code sample the text announces (`announced_code`), or the line
    announcing it."""
    return announced_code(page, k) or (k + 1 < len(page.infos) and announced_code(page, k + 1))


def _links_box(page: PageView, k: int) -> bool:
    """Block `k` heads a box of links in words no lexicon holds ("Baca juga", "اقرأ
    أيضاً" spelt otherwise): a short line, no sentence, over at least MIN_BOX_LINKS
    lines that are no sentences either (the box's headlines). The site's furniture as
    much as a heading the cleaner knows: what stands above it is the article's end."""
    infos = page.infos
    links = infos[k + 1 : k + 1 + MIN_BOX_LINKS]
    return (
        _size(infos[k]) <= MAX_LINKS_HEADING_WORDS
        and not infos[k].terminal
        and len(links) == MIN_BOX_LINKS
        and all(not i.terminal and _size(i) <= MAX_SUBHEADING_WORDS for i in links)
    )


MIN_BOX_LINKS = 2
MAX_LINKS_HEADING_WORDS = 4  # a box of links' heading ("Baca juga", "Tin liên quan")


def _plain_heading(page: PageView, head: int) -> bool:
    """Block `head` reads as a subheading of the text (`_heading_line`, said once),
    not a site's label: it opens with a letter, holds no colon, comma, link mark or
    figure, does not open like a box of links ("More from the coast"), and is no
    e-mail address and no notice ("Newsletter sign up")."""
    text = page.texts[head].strip()
    info = page.infos[head]
    return (
        _heading_line(page, head, question=True)
        and page.counts[info.key] == 1
        and text[:1].isalpha()
        and not _address(text)
        and not any(mark in text for mark in _LABEL_MARKS)
        and _LINK_MARK_RE.search(text) is None
        and not opens_like_links(info.key)  # "More from the coast"
        and (info.comment or not notice(info.key))
    )


def _notice_words(key: str) -> bool:
    """The line (its `block_key`) is a site's notice (`notice`), also in another form of
    its word ("Get more by subscribing to the feed.", "Leave a comment below.")."""
    return notice(key) or any(word[:STEM] in _NOTICE_STEMS for word in key.split())


STEM = 7
_NOTICE_STEMS = frozenset(word[:STEM] for word in NOTICE_WORDS if len(word) >= STEM)
_LABEL_MARKS = (":", "：", ",", "，", "|")
# A subsection under the body holds at most this many sentences.
MAX_SUBSECTION_LINES = 30


def section_text(page: PageView, k: int) -> bool:
    """Block `k` is a sentence of the text (`is_sentence`, or a short one: "I will be
    back!"), said once, nothing of the site's."""
    info = page.infos[k]
    return (
        not (info.footer or info.section)
        and _said_once(page, k)
        and (is_sentence(info) or short_paragraph(page, k))
    )


def _unmarked_statement(page: PageView, k: int) -> bool:
    """Block `k` is a line of Thai, Lao, Khmer or Myanmar of MIN_UNMARKED_WORDS or more
    (four letters a word), said once, nothing of the site's, not ending in a colon:
    Thai and Lao end a sentence at the line's end, with no mark, so a short paragraph
    ("การก่อสร้างจะเริ่มในปีหน้า") is no sentence by its marks (`section_text`), and the
    story's last section under its subheading was hidden."""
    info = page.infos[k]
    return (
        info.unspaced
        and _size(info) >= MIN_UNMARKED_WORDS
        and not (info.footer or info.section or info.hard or info.date_line)
        and page.counts[info.key] == 1
        and not ends_in_colon(page.texts[k])
    )


# An unspaced script's line that short (four letters a word) is a heading or a menu's.
MIN_UNMARKED_WORDS = 4


def attach_statement_section(page: PageView, last: int) -> int:
    """Take in a heading named like a page section right under the body ("Reactions",
    "Комментарии", "评论", also when the site's menu has the word) over a few plain
    statements that run to the page's closing furniture or its end
    (`statement_section`): the article's last section, written without list marks.
    A thread's posts carry their authors' names and times; a box lists headlines."""
    head = last + 1
    if head >= len(page.infos) or not statements_under(page, head):
        return last
    return statement_section(page, head + 1)


def statements_under(page: PageView, head: int) -> bool:
    """Block `head` is a heading named like a page section (not a box of links: "More
    from the coast"; no counter or link mark: "3 comments", "Comments »") over a last
    section of statements (`statement_section`)."""
    info = page.infos[head]
    return (
        info.section
        and not info.hard
        and info.words <= MAX_SUBHEADING_WORDS
        and not opens_like_links(info.key)
        and _LINK_MARK_RE.search(page.texts[head]) is None  # "3 comments", "Comments »"
        and statement_section(page, head + 1) >= 0
    )


def attach_last_section(
    page: PageView, scores: Sequence[float], breaks: Sequence[bool], first: int, last: int
) -> int:
    """Take in the article's last section right under the body: a subheading
    (`_subheading`, not one named like a page section) over statements that run to the
    page's closing furniture or its end (`statement_section`). When the body is made
    of sections already (a subheading over prose in it) one statement is enough ("In
    the end", then "The boat floats again.": a short sentence in Chinese earns less
    than a block's cost, so such an article lost its last section); else it takes
    MIN_STATEMENTS ("Αντιδράσεις" over two sentences), under a heading that does not
    open like a box of links. A live blog's last entry under its time ("10:12") is
    taken in when the body's entries stand under such times."""
    head = last + 1
    if head + 1 >= len(page.infos) or page.infos[head].section:
        return last
    if _stamp_head(page, head):
        # a live blog's last entry under its time ("10:12"), when the body's entries
        # stand under such times too
        if _stamped_entries(page, scores, range(first, last)) < MIN_SECTIONS:
            return last
    elif not _subheading(page, scores, breaks, head):
        return last
    elif not _sections(page, scores, breaks, range(first, last)):
        # no sections in the body: a subheading over MIN_STATEMENTS statements or more
        # that run to the closing boxes ("Αντιδράσεις", then two sentences), unless it
        # opens like a box of links ("More from the coast")
        if opens_like_links(page.infos[head].key):
            return last
        end = statement_section(page, head + 1)
        return end if end >= 0 else max(last, _section_run(page, scores, breaks, head))
    end = statement_section(page, head + 1, 1)
    return end if end >= 0 else last


def _section_run(page: PageView, scores: Sequence[float], breaks: Sequence[bool], head: int) -> int:
    """The last block of the article's last sections, opening at the subheading `head`
    and running to the page's closing furniture or its end within MAX_SECTION_RUN
    lines, or -1: subheadings (`_subheading`, none opening like a box of links) and
    their statements (`_statement`) or short lines (an intro ending in a colon and its
    items), MIN_RUN_SECTIONS subheadings or more each right over a statement or an
    intro, each of MAX_RUN_HEADING_WORDS words at most (a teaser's headline over its
    blurb is longer). Short Chinese sections ("开放时间", then "周二至周日…开放。") earn
    less than a block's cost each."""
    n = len(page.infos)
    sections = 0
    k = head
    while k < n and not _closing_furniture(page.infos[k]):
        if k - head >= MAX_SECTION_RUN:
            return -1
        if not _statement(page, k):
            if not _subheading(page, scores, breaks, k) or opens_like_links(page.infos[k].key):
                return -1
            if k + 1 < n and (_statement(page, k + 1) or ends_in_colon(page.texts[k + 1])):
                if _size(page.infos[k]) > MAX_RUN_HEADING_WORDS:
                    return -1  # a teaser's headline over its blurb, not a subheading
                sections += 1
        k += 1
    return k - 1 if sections >= MIN_RUN_SECTIONS else -1


# The last sections of an article taken in at once: at least this many subheadings,
# within this many lines.
MIN_RUN_SECTIONS = 2
MAX_SECTION_RUN = 16
MAX_RUN_HEADING_WORDS = 4


def _stamp_head(page: PageView, k: int) -> bool:
    """Block `k` is a time standing alone over an entry ("10:42", "10:42 GMT")."""
    info = page.infos[k]
    return info.date_line and info.words <= MAX_STAMP_WORDS and not info.terminal


def _stamped_entries(page: PageView, scores: Sequence[float], blocks: range) -> int:
    """How many of `blocks` are a time alone (`_stamp_head`) over a paragraph."""
    return sum(
        1 for j in blocks if _stamp_head(page, j) and _prose(page.infos[j + 1], scores[j + 1])
    )


# A live blog's time over its entry is a word or three ("10:42", "10:42 GMT").
MAX_STAMP_WORDS = 3


def statement_section(page: PageView, i: int, least: int = 0) -> int:
    """The last block of `least` (MIN_STATEMENTS by default) to MAX_STATEMENTS
    statements opening at block `i` (`_point`s, no list mark needed: "Жители
    жаловались на задержку.") that the page's closing furniture (a section heading, a
    footer) or its end follows, with no post's header (a name with a date or a time)
    among them; else -1."""
    n = len(page.infos)
    k = i
    while k < n and k - i < MAX_STATEMENTS and _statement(page, k):
        k += 1
    if k - i < (least or MIN_STATEMENTS) or (k < n and not _closing_furniture(page.infos[k])):
        return -1
    if any(_post_header(page, j) for j in range(i, k)):
        return -1
    return k - 1


def _statement(page: PageView, i: int) -> bool:
    """Block `i` is a statement of the text: a `_point` that is no heading, footer,
    date line or notice of the site's ("Comments are closed.")."""
    info = page.infos[i]
    return (
        not (info.section or info.footer or info.date_line)
        and _point(page, i)
        and not notice(info.key)
    )


# A last section of statements under a section-named heading holds this many.
MIN_STATEMENTS = 2
MAX_STATEMENTS = 6


def _point(page: PageView, i: int) -> bool:
    """Block `i` is an item of a list of statements, said once on the page."""
    info = page.infos[i]
    return (info.words >= 2 or info.cjk) and _said_once(page, i)


def _said_once(page: PageView, i: int) -> bool:
    """Block `i` is nothing of the site's wherever it stands, said once on the page, and
    ends like a statement: not in a colon, a question (a teaser's) or an ellipsis (a
    blurb cut short). What `_point` and `section_text` ask of a line alike."""
    info = page.infos[i]
    return (
        not info.hard
        and page.counts[info.key] == 1
        and _ends_statement(page, i)
        and not page.texts[i].rstrip().endswith((*QUESTION_ENDS, *_ELLIPSES))
    )


# A subheading's list of points has at least this many items.
MIN_POINTS = 2


def attach_live_entries(page: PageView, recurring: Sequence[bool], last: int) -> int:
    """Take in a live blog's entries under the body (block `last`): a bare time on a
    line of its own ("10:42", "9.15 pm", "Update, 14:00:") over the sentences of its
    entry, at least MIN_LIVE_ENTRIES times in a row (once, for an update that says
    so). A reader's post is headed by a name as well as a time, and a teaser by its
    headline: neither opens with a time alone."""
    n = len(page.infos)
    k, end, entries = last + 1, last, 0
    while k + 1 < n and (time := _BARE_TIME_RE.match(page.texts[k])) and _entry_text(page, k + 1):
        # an update says what it is: one is enough
        entries += MIN_LIVE_ENTRIES if time["update"] else 1
        k += 1
        while k < n and _entry_text(page, k):
            end = k
            k += 1
    if entries < MIN_LIVE_ENTRIES or any(recurring[k] for k in range(last + 1, end + 1)):
        return last
    return end


def attach_quote_source(page: PageView, recurring: Sequence[bool], last: int) -> int:
    """Take in the source of a quote that ends the body ("“We painted it every spring.”",
    then "— Maria Lopes, harbour volunteer") and the sentences under it, up to the
    page's furniture or its end. A dash over a name after a paragraph is a credit
    ("— Financial Times"); after a quotation (`_quotation`) it names who spoke."""
    head = last + 1
    if head >= len(page.infos) or not _quote_source(page, head):
        return last
    info = page.infos[head]
    if page.counts[info.key] > 1 or info.hard or info.footer or info.section or recurring[head]:
        return last
    return _text_to_furniture(page, recurring, head)  # else the source alone


def _quotation(text: str) -> bool:
    """`text` is a quotation: it ends in a closing quotation mark, or opens with a
    quotation mark that closes further on ("“It is the biggest thing,” she said.")."""
    text = text.strip()
    return text.endswith(_QUOTE_ENDS) or (
        text[:1] in _QUOTE_OPENS and any(mark in text[1:] for mark in _QUOTE_ENDS)
    )


def _quote_source(page: PageView, k: int) -> bool:
    """Block `k` names who spoke the quotation above it (`names_speaker`)."""
    return k > 0 and names_speaker(page.texts[k - 1], page.texts[k], page.infos[k].words)


def names_speaker(above: str, text: str, words: int) -> bool:
    """`text`, of `words` words, names who spoke the quotation `above`: a dash, then at
    most MAX_SOURCE_WORDS words ("— Ann Lee, chair of the board")."""
    return text.lstrip()[:1] in _DASHES and 0 < words <= MAX_SOURCE_WORDS and _quotation(above)


_QUOTE_ENDS = ("”", '"', "»", "’", "」", "』", "“", "«")
_QUOTE_OPENS = frozenset('“"«„「『‘')
_DASHES = frozenset("—–―-")
# A quote's source ("— Maria Lopes, harbour volunteer") is at most this many words.
MAX_SOURCE_WORDS = 8


def attach_closing_run(page: PageView, recurring: Sequence[bool], last: int) -> int:
    """Take in the text's last lines under the body (block `last`) when a sentence opens
    them ("Start early.") and nothing but sentences and the text's own lines (a table's
    rows, a code sample and its intro, a list's short items) stands between it and the
    page's furniture or its end (`_text_to_furniture`; not a line that may head a box
    of links, which may as well be a site's headline: "Storm closes coast road"). A
    line that opens with an ellipsis is a pager's ("... contd."), not the text's."""
    n = len(page.infos)
    if last + 1 >= n or not section_text(page, last + 1):
        return last
    end = _text_to_furniture(page, recurring, last, mixed=True)
    if end + 1 < n and not _closing_furniture(page.infos[end + 1]):
        return last
    if any(page.texts[k].lstrip().startswith(_ELLIPSES) for k in range(last + 1, end + 1)):
        return last
    return end


def _code_intro(page: PageView, recurring: Sequence[bool], k: int) -> bool:
    """Block `k`, over a code sample, is the text's line announcing it: said once,
    nothing of the site's, in no notice's words ("Paste this code into your site:")."""
    info = page.infos[k]
    return not (info.hard or recurring[k] or page.counts[info.key] > 1 or _notice_words(info.key))


def attach_code_sample(page: PageView, recurring: Sequence[bool], last: int) -> int:
    """Take in a code sample that the body's last line announces ("The whole script
    is two lines:", then "let x = 1;"), and the sentences under it up to the page's
    furniture or its end, the text's own lines among them (`_text_to_furniture`). A
    script's leftovers in a page's dump follow no sentence of the article that ends
    in a colon; the line announcing it may stand under the body too (`_code_intro`)."""
    n = len(page.infos)
    k = last + 1
    if k + 1 < n and announced_code(page, k + 1) and _code_intro(page, recurring, k):
        k += 1  # "The whole script is two lines:", under the body
    start = k
    while k < n and announced_code(page, k) and not recurring[k]:
        k += 1
    if k == start:
        return last
    return _text_to_furniture(page, recurring, k - 1, mixed=True)


def attach_text_after_own_lines(
    page: PageView,
    scores: Sequence[float],
    breaks: Sequence[bool],
    recurring: Sequence[bool],
    last: int,
) -> int:
    """Take in the text that goes on under the body (block `last`, a sentence, a
    list's item or a quotation's source) after up to MAX_OWN_LINES_GAP lines of its
    own kinds (`_own_lines`: "Potatoes", "Carrots", "- Good shoes"), when a
    paragraph opens it and its best run ends at the page's furniture or its end, or
    at more of the text's own lines that do, each marked as such
    (`_marked_own_line`): lists between two paragraphs are the article's. A site's
    tags or links under an article are followed by its furniture, not by more of
    the text."""
    n = len(page.infos)
    if not (
        page.infos[last].terminal or marked_item(page.texts[last]) or _quote_source(page, last)
    ):
        return last
    k = last + 1
    while k < n and k - last <= MAX_OWN_LINES_GAP and not _prose(page.infos[k], scores[k]):
        k += 1
    gap = range(last + 1, k)
    if not gap or k >= n or not _prose(page.infos[k], scores[k]) or any(recurring[j] for j in gap):
        return last
    if not _own_lines(page, scores, breaks, gap):
        return last
    end, _ = _run_from(scores, breaks, k)
    stop = end + 1
    while stop < n and stop - end <= MAX_OWN_LINES_GAP and not _ends_text(page, breaks, stop):
        stop += 1
    if stop < n and not _ends_text(page, breaks, stop):
        return last
    tail = range(end + 1, stop)
    if any(recurring[j] or not _marked_own_line(page, j) for j in tail):
        return last
    if tail and not _own_lines(page, scores, breaks, tail):
        return last
    return stop - 1


def _marked_own_line(page: PageView, k: int) -> bool:
    """Block `k` is one of the text's own lines that its form marks as such: a list's
    item, a table's row, a code sample or its intro, a quotation's source. Unmarked
    short lines under a text's last run ("Discuss this Article", "1000 characters
    remaining") are as likely the site's."""
    text = page.texts[k]
    return (
        marked_item(text)
        or _row_cells(text) >= 2
        or _code_or_intro(page, k)
        or _quote_source(page, k)
    )


def _ends_text(page: PageView, breaks: Sequence[bool], k: int) -> bool:
    """Block `k` is where a site's furniture starts under a text: a footer's break, a
    section heading, a footer line or a block that is boilerplate wherever it stands
    (`_closing_furniture`)."""
    return breaks[k] or _closing_furniture(page.infos[k])


def announced_code(page: PageView, k: int) -> bool:
    """Block `k` is a line of template code (`BlockInfo.hard`) in a run of such lines
    under a line of more than MAX_LABEL_WORDS words ending in a colon: code a writer
    shows ("The whole script is two lines:"), not a widget's label over its script
    ("Share:")."""
    infos = page.infos
    if infos[k].hard != "template code":
        return False
    top = k - 1
    while top >= 0 and infos[top].hard == "template code":
        top -= 1
    return top >= 0 and ends_in_colon(page.texts[top]) and infos[top].words > MAX_LABEL_WORDS


def attach_interview(page: PageView, recurring: Sequence[bool], last: int) -> int:
    """Take in the rest of an interview under the body (block `last`): the body ends in
    a question ("Do you get lonely?") or a question and its answer, or a question
    labelled as an interview's ("Q: Why now?") stands right under it, and below it
    answers ("No.", however short) and questions take turns up to the page's furniture
    or its end, or to more of the text's lines that run there (`_ends_text_at`: a
    subheading over a sentence, a table). A box of teasers asks questions too, but
    under a heading, and a body that asked none does not go on with answers."""
    n = len(page.infos)
    labelled = last + 1 < n and _labelled_question(page, last + 1)
    if not labelled and not any(_question(page, k) for k in range(max(0, last - 1), last + 1)):
        return last
    k, end = last + 1, last
    answered = labelled or not _question(page, last)
    while k < n and not recurring[k]:
        if _question(page, k) and answered:
            answered = False
        elif _entry_text(page, k) and not _question(page, k):
            answered = True
            end = k
        else:
            break
        k += 1
    if end == last or not _ends_text_at(page, recurring, end):
        return last
    return end


def _question(page: PageView, k: int) -> bool:
    """Block `k` is an interviewer's question: a line of at most MAX_QUESTION_WORDS
    words that ends in a question mark, said once, nothing of the site's."""
    info = page.infos[k]
    end = page.texts[k].rstrip().rstrip("*_")
    return (
        asks(end)
        and _size(info) <= MAX_QUESTION_WORDS
        and page.counts[info.key] == 1
        and not (info.hard or info.footer or info.section)
    )


MAX_QUESTION_WORDS = 30


def _labelled_question(page: PageView, k: int) -> bool:
    """Block `k` is an interviewer's question labelled as one ("Q: Why now?")."""
    return _question(page, k) and bool(INTERVIEW_QUESTION_RE.match(page.texts[k]))


def _entry_text(page: PageView, k: int) -> bool:
    """Block `k` is a sentence said once and nothing of the site's."""
    info = page.infos[k]
    return (
        info.terminal
        and not (info.hard or info.footer or info.section)
        and page.counts[info.key] == 1
        and _BARE_TIME_RE.match(page.texts[k]) is None
    )


# "10:42", "9.15", "9:15 pm", "21h30": a time and nothing else, or after a word for an
# update ("Update, 14:00:", "Обновлено 14:00", "更新 14:00").
_BARE_TIME_RE = re.compile(
    r"\s*(?P<update>(?i:update|updated|aktualizacja|zaktualizowano|обновление|обновлено|оновлення"
    r"|оновлено|ενημέρωση|更新|actualización|atualização|aggiornamento|aktualisierung)"
    r"[,:]?\s*)?"
    r"(?:[01]?\d|2[0-3])(?:[:.h])[0-5]\d(?:\s*(?:[ap]\.?m\.?|[AP]\.?M\.?))?\s*:?\s*$"
)
MIN_LIVE_ENTRIES = 2


# An item of a list (a chapter's title, a row, a caption, a table's cell) is at most
# this long.
MAX_CONTENT_ITEM_WORDS = 30
# Plain lines between the body and a list of its own (an intro, a subheading, a
# writer's sign-off and date).
MAX_LIST_LEAD = 5
# A list shows its structure in at least this many items.
MIN_CONTENT_ITEMS = 3


def _content_list_end(
    page: PageView,
    start: int,
    plain: Callable[[int], bool],
    *,
    after_text: bool = False,
    ends_text: Callable[[int], bool] | None = None,
) -> int:
    """The last item of a list of the text's own that opens at block `start`, or
    `start` when none does: lines that are `plain` (the caller's test: nothing of the
    site's), none longer than MAX_CONTENT_ITEM_WORDS (a paragraph is no item, and its
    words are not read) or cut short with an ellipsis (a teaser's blurb), that share a
    structure a column of headlines lacks (`_numbered_end`, `_rows_end`,
    `_phrase_end`, `_records_end`). Each shape reads the lines' text only as far as
    it holds, and asks `plain` last (it is the dearer test): most lines start no
    list, and a page's lines are not read to their end. `after_text`: the list goes
    on after the text, where a table one row a line (`_table_end`) and a list of
    quantities (`_quantity_end`, a recipe's ingredients) are the text's too; under
    the headline they are a recipe card's, which would outweigh its blog post.
    `ends_text`: the list follows the text itself (no box's heading between), where
    items that carry one list's mark are the text's when it ends the text
    (`ends_text(its last item)`: `_marked_end`)."""
    if page.infos[start].words > MAX_CONTENT_ITEM_WORDS:
        return start  # (the commonest case: a paragraph opens no list)

    def item(k: int) -> bool:
        return _list_item(page, k, start, plain)

    if not (item(start) and item(start + MIN_CONTENT_ITEMS - 1)):
        return start  # (every shape needs that many items)
    return max(
        _numbered_end(page, start, item, after_text=after_text),
        _rows_end(page, start, item, marked=after_text),
        _phrase_end(page, start, item),
        _records_end(page, start, item),
        _name_roles_end(page, start, item),
        _table_end(page, start, item) if after_text else start,
        _quantity_end(page, start, item) if after_text else start,
        _marked_end(page, start, item, ends_text) if ends_text else start,
    )


def _marked_end(
    page: PageView, start: int, item: Callable[[int], bool], ends_text: Callable[[int], bool]
) -> int:
    """MIN_CONTENT_ITEMS items or more under the text that carry one list's mark ("- ",
    "• "), each a short item or a statement (a teaser's headline is neither), and end
    the text (`ends_text`: "- Passport", "- Sun cream", "- Good shoes", then the share
    bar): what the text lists last, right under it (the caller's word). A list of
    links ("- [Trade](https://...)") is the site's; a numbered one is told by its
    items' length (`_numbered_end`: "1. bags", "2. video" are tags)."""
    if not _BULLET_RE.match(page.texts[start]):
        return start

    def listed(k: int) -> bool:  # a short item or a statement, no teaser's headline
        short = _short_item(page, k) and _size(page.infos[k]) <= MAX_MARKED_ITEM_SIZE
        return item(k) and (short or _ends_statement(page, k))

    end = start
    while end + 1 < len(page.texts) and listed(end + 1) and _list_goes_on(page, end):
        end += 1
    if end + 1 - start < MIN_CONTENT_ITEMS or not listed(start):
        return start
    if any(page.linked(k) for k in range(start, end + 1)):
        return start
    return end if ends_text(end) else start


_BULLET_RE = re.compile(r"\s*" + BULLET_MARKS)
# A marked item of the text's last list is at most this big, as `_size` counts: a
# teaser's headline in Chinese weighs more ("·港口防波堤春季开始维修": 6.5).
MAX_MARKED_ITEM_SIZE = 5


def _ends_text_at(page: PageView, recurring: Sequence[bool], end: int) -> bool:
    """Nothing but the text's own lines and sentences (`_run_to_furniture`) stands
    between block `end` and the page's furniture or its end."""
    n = len(page.infos)
    if end + 1 == n or _closing_furniture(page.infos[end + 1]):
        return True
    return _run_to_furniture(page, recurring, end, own=True) > end


def _list_item(page: PageView, k: int, start: int, plain: Callable[[int], bool]) -> bool:
    """Block `k` can be an item of a list opening at block `start`: on the page, within
    MAX_LIST_ITEMS of the start, no longer than MAX_CONTENT_ITEM_WORDS, not cut short
    with an ellipsis, and `plain` (the caller's test, asked last: the dearest)."""
    return (
        k < len(page.texts)
        and k - start < MAX_LIST_ITEMS
        and page.infos[k].words <= MAX_CONTENT_ITEM_WORDS
        and not page.texts[k].rstrip().endswith(_ELLIPSES)
        and plain(k)
    )


def _numbered_end(
    page: PageView, start: int, item: Callable[[int], bool], *, after_text: bool = False
) -> int:
    """MIN_CONTENT_ITEMS items or more numbered 1, 2, 3 ... in order ("1. Introduction",
    "2a etapa: ..."; a headline list's numbers are ranks under its own heading), and
    longer than a tag's word or two: MIN_NUMBERED_WORDS words, or, `after_text` (the
    list goes on after the text), one fewer when each item opens with a capital ("1.
    Обследовать дно": a language without articles says a step in fewer words; tags run
    in lower case, "1. bags", "2. frank clegg")."""
    number = 0
    words: list[float] = []
    capitals = True
    k = start
    while k < len(page.texts):
        m = _ORDINAL_RE.match(page.texts[k])
        if m is None or int(m.group(1)) != number + 1 or not item(k):
            break
        number += 1
        words.append(_size(page.infos[k]))
        capitals = capitals and page.texts[k][m.end() : m.end() + 1].isupper()
        k += 1
    least = MIN_NUMBERED_WORDS - 1 if capitals and after_text else MIN_NUMBERED_WORDS
    if number >= MIN_CONTENT_ITEMS and sorted(words)[number // 2] >= least:
        return start + number - 1
    return start


def _rows_end(
    page: PageView, start: int, item: Callable[[int], bool], *, marked: bool = False
) -> int:
    """MIN_CONTENT_ROWS "label: value" rows or more with labels all different and short
    values ("Photographer: Ann Lee": the credits' or a fact box's rows, where a
    headline's colon comes before a sentence); with `marked`, rows marked as a list's
    items too ("• Jura: deer", after the text: under the headline such rows, an
    interview's "Q:" and "A:" among them, would outweigh the text's first lines)."""
    labels: set[str] = set()
    k = start
    while k < len(page.texts):
        key = _row_label(page.texts[k], marked=marked)
        if (
            not key
            or key in labels
            or page.infos[k].words - len(key.split()) > MAX_ROW_VALUE_WORDS
            or not item(k)
        ):
            break
        labels.add(key)
        k += 1
    return start + len(labels) - 1 if len(labels) >= MIN_CONTENT_ROWS else start


def _phrase_end(page: PageView, start: int, item: Callable[[int], bool]) -> int:
    """MIN_PHRASE_ITEMS items or more that end in the same pattern: two words (no
    figures) the same distance from the end of each, after its first word ("“Cozy,
    cozy,” scouted by ann", "“Voter attire,” scouted by bo"): captions or entries
    written to one pattern, where a column of headlines shares no words, or shares
    them where they fall in each sentence ("Like this article on Facebook", "Save
    this article")."""
    common: set[tuple[int, str, str]] | None = None
    k = start
    stop = min(len(page.texts), start + MAX_LIST_ITEMS)
    while k < stop and page.infos[k].words <= MAX_CONTENT_ITEM_WORDS:
        words = page.infos[k].key.split()
        size = len(words)
        pairs = {
            (size - j, words[j], words[j + 1])
            for j in range(1, size - 1)
            if not (words[j].isdigit() or words[j + 1].isdigit())
        }
        common = pairs if common is None else common & pairs
        if not common:
            break
        k += 1
    if k - start < MIN_PHRASE_ITEMS:
        return start
    end = start
    while end < k and item(end):
        end += 1
    return end - 1 if end - start >= MIN_PHRASE_ITEMS else start


# "Ann Lee, fashion designer", "Jean and Paul, DJ", "Pere Ubu, band": a name (words
# that open with a capital, or joined by "and" / "&") and what the person does (words
# in lower case, or a capitalised acronym such as "DJ"), with no sentence's stop.
_NAME_ROLE_RE = re.compile(
    r"(?:[^\W\d_][\w'’.-]*\s+(?:(?:and|&)\s+)?){0,3}[^\W\d_][\w'’.-]*"
    r",\s+(?:[^\W\d_]+\s+){0,3}[^\W\d_]+"
)


def _table_end(page: PageView, start: int, item: Callable[[int], bool]) -> int:
    """MIN_CONTENT_ITEMS lines or more, one after the other, each a table's row written
    on one line: MIN_TABLE_CELLS cells or more parted by "|" or a tab, as many in every
    row ("Station | Monday | Tuesday", "Mill Bridge | 2.10 m | 2.80 m"). A site's
    menu parts its links so on one line, not on several of one width."""
    cells = _row_cells(page.texts[start])
    if cells < MIN_TABLE_CELLS:
        return start
    k = start
    while k < len(page.texts) and _row_cells(page.texts[k]) == cells and item(k):
        k += 1
    return k - 1 if k - start >= MIN_CONTENT_ITEMS else start


def _row_cells(text: str) -> int:
    """How many cells a line written as a table's row holds ("a | b | c", "a<TAB>b",
    "a    b": a tab the page's reader turned into spaces): its separators plus one (a
    "|" at either end opens or closes no cell), else 0."""
    line = text.strip()
    if "|" in line:
        return line.strip("|").count("|") + 1
    if "\t" not in line and "  " not in line:
        return 0  # (most lines: no separator at all)
    return len(_CELL_GAP_RE.findall(line)) + 1


# Cells of a row written on one line without "|": a tab, or two spaces or more.
_CELL_GAP_RE = re.compile(r"\t[\t ]*| {2,}")


# A table's row written on one line has at least this many cells.
MIN_TABLE_CELLS = 3
# A row whose cells a tab parts has at least this many (a tab is no menu's separator),
# and what a tab reads as: itself, or the spaces a page's reader put for it.
MIN_TAB_CELLS = 2
_TAB_GAP_RE = re.compile(r"\t| {3,}")


def _quantity_end(page: PageView, start: int, item: Callable[[int], bool]) -> int:
    """MIN_CONTENT_ITEMS quantity lines or more in a row ("200 g flour", "3 eggs"): a
    recipe's ingredients or a list of supplies, which the text's own heading may
    announce ("Ingredients"); a headline opens with a number and goes on in capitals.
    In Chinese the figure comes after the thing (`_cjk_quantity`)."""
    k = start
    while k < len(page.texts) and (page.infos[k].quantity or _cjk_quantity(page, k)) and item(k):
        k += 1
    return k - 1 if k - start >= MIN_CONTENT_ITEMS else start


def _cjk_quantity(page: PageView, k: int) -> bool:
    """Block `k` is a quantity line in Chinese or Japanese, which writes the figure after
    the thing ("面粉200克", flour 200 g): a few characters holding a figure, no sentence."""
    info = page.infos[k]
    return (
        info.cjk
        and info.weight <= MAX_CJK_QUANTITY_WEIGHT
        and not info.terminal
        and any(c.isdigit() for c in page.texts[k])
    )


# A CJK quantity line is this short (in `BlockInfo.weight`, two characters a word).
MAX_CJK_QUANTITY_WEIGHT = 6


def _name_roles_end(page: PageView, start: int, item: Callable[[int], bool]) -> int:
    """MIN_CONTENT_ITEMS lines or more, one after the other, each a name and what
    that person does ("Ann Lee, fashion designer" / "Bo, actor"): a photo essay's
    captions or a cast list, where a headline is a sentence, names more than one
    thing, or carries on after its comma with capitals ("Obama, Romney Clash")."""
    k = start
    while k < len(page.texts) and _is_name_role(page.texts[k]) and item(k):
        k += 1
    return k - 1 if k - start >= MIN_CONTENT_ITEMS else start


def _is_name_role(text: str) -> bool:
    """A line of `_name_roles_end`'s shape: capitalised name words before one comma,
    lower-case role words after it (an acronym allowed)."""
    line = text.strip()
    if _NAME_ROLE_RE.fullmatch(line) is None:
        return False
    name, role = line.split(",", 1)
    if not all(word[0].isupper() or word in ("and", "&") for word in name.split()):
        return False
    return all(word.islower() or (word.isupper() and len(word) <= 4) for word in role.split())


def _records_end(page: PageView, start: int, item: Callable[[int], bool]) -> int:
    """MIN_RECORDS records or more of two to MAX_RECORD_LINES lines each, whose lines
    open alike from record to record (the same first word, or the same label before
    a colon) with at least one "label: value" line in each ("Actress Ann Lee" /
    "Roots: daughter of ..." / "Role: ..."): a table printed one cell a line, where
    a teaser list's headlines open each their own way."""
    texts = page.texts
    n = len(texts)
    opening = _line_opening
    best = start
    for size in range(2, MAX_RECORD_LINES + 1):
        head = range(start, min(n, start + size))
        if (
            start + size >= n
            or opening(texts[start + size]) != opening(texts[start])
            or not any(opening(texts[k]).endswith(":") for k in head)
            or not item(start + MIN_RECORDS * size - 1)
        ):
            continue
        k = start + size
        while (
            k < n and opening(texts[k]) == opening(texts[k - size]) and item(k) and item(k - size)
        ):
            k += 1
        if (k - start) // size >= MIN_RECORDS:
            best = max(best, k - 1)
    return best


def _line_opening(text: str) -> str:
    """What a line opens with: its label before a colon (with the colon), else its
    first word."""
    label = _row_label(text)
    if label:
        return label + ":"
    words = text.split(None, 1)
    return words[0].casefold() if words else ""


# A record (a row of a table printed one cell a line) has at most this many lines,
# and a table shows itself in this many records.
MAX_RECORD_LINES = 4
MIN_RECORDS = 3
# An item's number: "1.", "2)", "3a", "4th" before a word.
_ORDINAL_RE = re.compile(r"\s*(\d{1,3})(?:[.)]\s*|[^\W\d_]{1,2}\s+)(?=[^\W\d_])")


# A row's label of one to four words before a colon, and a value after it.
def _row_label(text: str, *, marked: bool = False) -> str:
    """The label of a "label: value" row (casefolded), or ""; with `marked`, of a row
    marked as a list's item too ("• Photographer: Ann Lee"). The colon is looked for
    first, among the line's first MAX_ROW_LABEL_CHARS characters: most lines have
    none there, and the pattern costs far more than a `find`."""
    head = text[:MAX_ROW_LABEL_CHARS]
    if ":" not in head and "：" not in head:
        return ""
    row = (_MARKED_ROW_LABEL_RE if marked else _ROW_LABEL_RE).match(text)
    return row.group(1).casefold() if row is not None else ""


MAX_ROW_LABEL_CHARS = 60
_ROW_LABEL_TEXT = r"([^\W\d_][^\W\d_'’&/-]*(?: [^\W\d_'’&/-]+){0,3})\s*[:：]\s+\S"
_ROW_LABEL_RE = re.compile(r"\s*" + _ROW_LABEL_TEXT)
_MARKED_ROW_LABEL_RE = re.compile(r"\s*(?:" + BULLET_MARKS + r"\s+)?" + _ROW_LABEL_TEXT)
_ELLIPSES = ("...", "…")
# A numbered item's words (its number counted), the median of the list's: tags
# ("1. bags", "2. frank clegg") are shorter.
MIN_NUMBERED_WORDS = 4
# Items written to one pattern show it in this many.
MIN_PHRASE_ITEMS = 4
# Rows of "label: value" (credits, a fact box) show their structure in this many, each
# value at most this long (a name, a figure, a place).
MIN_CONTENT_ROWS = 4
MAX_ROW_VALUE_WORDS = 14


def _credit_content_lists(page: PageView, scores: list[float]) -> None:
    """Give the items of a list of the text's own (`_content_list_end`: numbered in
    order, or "label: value" rows) that opens under the page's headline (its first
    repeat, within LEAD_WINDOW blocks) a positive score (HEADLINE_LIST_CREDIT each): a
    race calendar or a magazine's credits right under the headline are the article,
    however short their lines, where the heaviest prose on the page is often the
    site's promotion or blurb. Only lines that are no chrome, heading, footer, date
    line, notice or repeat count as items (the page's breaks are not known yet; a
    "Posted on: <date>" row makes rows the post's metadata); a list under a section
    heading ("Related posts") is the site's, and one after a paragraph is no longer
    under the headline (`attach_content_list` takes it in after the text)."""
    infos, counts = page.infos, page.counts
    headline = _first_headline(infos)
    if headline < 0:
        return

    known: dict[int, bool] = {}

    def plain(k: int) -> bool:
        if k not in known:  # (each line is tested once for all the starts)
            info = infos[k]
            known[k] = not (
                info.hard
                or info.section
                or info.footer
                or info.date_line
                or counts[info.key] > 1
                or notice(info.key)
            )
        return known[k]

    for i in range(headline + 1, min(len(scores), headline + 1 + LEAD_WINDOW)):
        if (infos[i].section and not infos[i].hard) or infos[i].words > MAX_CONTENT_ITEM_WORDS:
            return  # "Related posts" (a share bar's "Share" is none), or the text has begun
        end = _content_list_end(page, i, plain)
        if end > i:
            lead = i
            while lead > headline + 1 and plain(lead - 1):
                lead -= 1  # the post's own lines over its list ("click to enlarge")
            for k in range(lead, end + 1):
                scores[k] = max(scores[k], HEADLINE_LIST_CREDIT)
            return


# What each item of a list under the headline earns: enough for a dozen items to be
# worth ANCHOR_SHARE of a run of promotions further down (measured: 2 to 5 gave the
# same pages, 0.5 left the calendar's page to its sidebar).
HEADLINE_LIST_CREDIT = 2.0


# --------------------------------------------------------------------------
# records printed from one template after the body


def template_records(page: PageView, breaks: Sequence[bool], last: int) -> range:
    """The records of a list the text goes on with after the body (block `last`), each
    printed from one template: a shop's product boxes ("<name>", its features, "$139",
    "Available from ...", "Buy Now"), a meal plan's days ("Meal 1", "Eat every 2-3
    hours", the dish, the portions). Their fixed lines recur from record to record, so
    they read as a site's repeated teasers; what tells them from the site's is where
    the copies are. Every copy of each recurring line stands inside one stretch right
    after the text, MIN_TEMPLATE_RECORDS copies or more (a menu or a teaser printed
    twice recurs elsewhere on the page too); the first record opens there (after at
    most MAX_LIST_LEAD lines of an intro or a heading); two fixed lines follow one
    another in the same order in each record; and no line of the stretch is the
    site's (a share bar, a footer, a comment heading, or a dated line: a teaser's or a
    comment's header, "May 2, 2025 at 7:03 pm"; nor "2 hours ago", a post's header
    where the thread gives no date). The stretch ends with its last fixed line. Empty
    when there is no such list."""
    infos, counts = page.infos, page.counts
    n = len(infos)
    start = last + 1
    end = start
    while end < n and not (
        breaks[end]
        or infos[end].footer
        or infos[end].comment
        or infos[end].dated
        or (infos[end].hard and infos[end].hard not in INLINE_FURNITURE)
        or (infos[end].section and end > start + MAX_LIST_LEAD)
    ):
        end += 1
    inside: Counter[str] = Counter(infos[k].key for k in range(start, end))
    fixed = [
        k
        for k in range(start, end)
        if infos[k].key
        and counts[infos[k].key] >= MIN_TEMPLATE_RECORDS
        and inside[infos[k].key] == counts[infos[k].key]
    ]
    if not fixed:
        return range(0)
    # the records start right after the text: no more than one record (the distance
    # between the first two copies of the first fixed line) and an intro before it
    first = infos[fixed[0]].key
    period = next(k for k in fixed[1:] if infos[k].key == first) - fixed[0]
    if fixed[0] - start > period + MAX_LIST_LEAD:
        return range(0)
    # the fixed lines that follow one another in the same order from record to record
    pairs = Counter((infos[a].key, infos[b].key) for a, b in pairwise(fixed) if b == a + 1)
    if not any(c >= MIN_TEMPLATE_RECORDS and a != b for (a, b), c in pairs.items()):
        return range(0)
    records = range(start, fixed[-1] + 1)
    if any(_relative_time(page, k) for k in records):
        return range(0)  # (asked last: the pattern costs more than all the rest)
    return records


# A list of records shows its template in at least this many.
MIN_TEMPLATE_RECORDS = 3


def _relative_time(page: PageView, k: int) -> bool:
    """Block `k` is a short line saying how long ago something was posted ("2 hours
    ago", "vor 3 Tagen", "hace 5 días", "3 дня назад", "2 godziny temu", "3小时前"): a
    reader's post header where the thread gives no date."""
    return page.infos[k].words <= MAX_FURNITURE_WORDS and bool(
        _RELATIVE_TIME_RE.search(page.texts[k])
    )


_RELATIVE_TIME_RE = re.compile(
    r"\b(?:\d+|an?|one)\s+[^\W\d_]+\s+ago\b|\b(?:vor|hace|il y a)\s+\d+\s+[^\W\d_]"
    r"|\b\d+\s+[^\W\d_]+\s+(?:назад|temu)\b|(?<!\d)\d+\s*(?:分钟|小时|天|周|个月|年)前",
    re.IGNORECASE,
)
