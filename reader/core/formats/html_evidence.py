"""What an HTML page's structure says about its blocks, before the cleaner reads them.

A page marks up its own chrome: `nav`, `aside` and `footer` elements, ARIA roles
(navigation, banner, contentinfo, complementary, search), and class or id words
(comments, share, cookie, related, sidebar, breadcrumb, newsletter, advert...).
`block_hints` gives each block the reason its surroundings give for hiding it, or
"" when they say nothing (the text cleaner decides those).

The article is protected from its own markup: a container holding most of the
page's prose (its `article`, `main` or content `div`) is never chrome, whatever
its class words say (`class="post has-comments"`), and neither is anything around
it. Elements hidden by the page never get here (the converter drops them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.core.formats.html_blocks import Container, HtmlBlock

# Tags and roles that are chrome wherever they stand (unless they hold the article).
CHROME_TAGS = {"nav": "navigation", "aside": "aside", "footer": "page footer"}
CHROME_ROLES = {
    "navigation": "navigation",
    "banner": "page header",
    "contentinfo": "page footer",
    "complementary": "aside",
    "search": "search box",
    "menu": "navigation",
    "menubar": "navigation",
    "dialog": "dialog",
    "alertdialog": "dialog",
}
# Class and id words (whole words of the names, split at non-letters).
CHROME_WORDS = {
    "comment": "comments",
    "comments": "comments",
    "disqus": "comments",
    "share": "share bar",
    "sharing": "share bar",
    "social": "share bar",
    "sharebar": "share bar",
    "cookie": "cookie notice",
    "cookies": "cookie notice",
    "consent": "cookie notice",
    "gdpr": "cookie notice",
    "related": "related links",
    "recommended": "related links",
    "sidebar": "sidebar",
    "breadcrumb": "breadcrumbs",
    "breadcrumbs": "breadcrumbs",
    "newsletter": "newsletter box",
    "subscribe": "newsletter box",
    "advert": "advertisement",
    "advertisement": "advertisement",
    "ad": "advertisement",
    "ads": "advertisement",
    "sponsored": "advertisement",
    "promo": "advertisement",
    "navbar": "navigation",
    "menu": "navigation",
    "nav": "navigation",
    "navigation": "navigation",
    "footer": "page footer",
    "masthead": "page header",
    "photo": "photo caption",
    "gallery": "photo gallery",
    "widget": "sidebar",
    "copyright": "page footer",
    "popup": "dialog",
    "modal": "dialog",
}
_WORD = re.compile(r"[a-z]+")
# Prose: a block of at least this many words, mostly not link text.
PROSE_WORDS = 8
PROSE_LINK_SHARE = 0.5


def block_hints(blocks: Sequence[HtmlBlock], best: Container | None) -> list[str]:
    """One reason per block ("" when the structure says nothing about it), `best`
    the article's element (`best_candidate`). A paragraph of prose in the article's
    element is never an advertisement, and an `<aside>` there holding prose is the
    author's note, not the page's sidebar (`_prose_in`): the cleaner judges it as it
    judges the rest of the article."""
    protected = set() if best is None else {id(node) for node in best.ancestors(limit=10_000)}
    verdicts: dict[int, str] = {}
    hints = [
        "" if reason in PROSE_KEPT and best is not None and _prose_in(block, best) else reason
        for block in blocks
        for reason in (_hint(block.container, protected, verdicts),)
    ]
    return _shapeless_comments(blocks, hints)


COMMENTS = "comments"


def _shapeless_comments(blocks: Sequence[HtmlBlock], hints: list[str]) -> list[str]:
    """A run of blocks the markup names comments holds readers' posts when two of its
    blocks are prose; it is a thread only by its shape, as the text cleaner demands it
    (issue 9): posts under headers with a time or a date, or a furniture line of one
    template under each ("Reply", "12 likes"). Posts without that shape (a story's
    short "Reader comments" box, a blog's posts signed with names alone) are left to
    the cleaner, as their text dump is: the class word alone says nothing of them. A
    run without posts (a comment form's heading and prompt, "No comments yet", a
    comment policy) stays hidden as comments."""
    i, n = 0, len(hints)
    while i < n:
        if hints[i] != COMMENTS:
            i += 1
            continue
        end = i
        while end < n and hints[end] == COMMENTS:
            end += 1
        run = blocks[i:end]
        posts = sum(1 for block in run if _prose_words(block))
        if posts >= THREAD_POSTS and not _thread_shape(run):
            hints[i:end] = [""] * (end - i)
        i = end
    return hints


# A thread: this many post headers (short lines with a time or a date), or one
# furniture line (digits aside) this many times.
THREAD_POSTS = 2
THREAD_FURNITURE = 3
# A post header or a furniture line is at most this many words.
THREAD_HEADER_WORDS = 16
THREAD_FURNITURE_WORDS = 4
_DIGITS = re.compile(r"\d+")


def _thread_shape(run: Sequence[HtmlBlock]) -> bool:
    from reader.core.clean_signals import DATE_OR_TIME_RE

    headers = 0
    furniture: dict[str, int] = {}
    for block in run:
        text = block.text.strip()
        words = text.count(" ") + 1
        if not text or block.kind == "heading":
            continue
        if words <= THREAD_HEADER_WORDS and text[-1] not in ".!?" and DATE_OR_TIME_RE.search(text):
            headers += 1
        if words <= THREAD_FURNITURE_WORDS:
            key = _DIGITS.sub("#", text.casefold())
            furniture[key] = furniture.get(key, 0) + 1
    return headers >= THREAD_POSTS or max(furniture.values(), default=0) >= THREAD_FURNITURE


ADVERTISEMENT = "advertisement"
# Reasons a paragraph of prose inside the article's element never has (`_prose_in`).
PROSE_KEPT = frozenset({ADVERTISEMENT, "aside"})


def _prose_in(block: HtmlBlock, best: Container) -> bool:
    """A paragraph of prose inside the article's element: the article's own, even in
    an element whose class words say advertisement (a slideshow's slide that holds
    an ad slot, `class="item ad-item"`): an advertisement there is an image or a
    frame with a label, not sentences."""
    return bool(_prose_words(block)) and any(node is best for node in block.container.ancestors())


def repeated(texts: Sequence[str], shown: Sequence[bool], scopes: Sequence[int]) -> list[bool]:
    """Per block, whether it is a paragraph shown again, word for word, in another
    element than a copy shown before it (a page holding its story twice, for two
    screen sizes or for printing): the later copy is hidden. A paragraph repeated
    within one element (an article quoting a passage again) is not."""
    first: dict[str, int] = {}  # paragraph -> the scope of its first shown copy
    out: list[bool] = []
    for text, show, scope in zip(texts, shown, scopes, strict=True):
        words = text.split()
        key = " ".join(words).casefold() if show and len(words) >= PROSE_WORDS else ""
        out.append(bool(key) and first.get(key, scope) != scope)
        if key:
            first.setdefault(key, scope)
    return out


REPEATED = "repeated paragraph"


def article_blocks(blocks: Sequence[HtmlBlock], best: Container | None) -> list[bool]:
    """Per block, whether it sits in `best`, the element the article's paragraphs
    sit in (`best_candidate`); every block when the page has no prose to find it by.
    Each element is looked at once: the walk up from a block stops at the first
    element whose answer is known."""
    if best is None:
        return [True] * len(blocks)
    inside: dict[int, bool] = {id(best): True}  # element -> in the article's element
    out: list[bool] = []
    for block in blocks:
        node: Container | None = block.container
        path: list[int] = []
        verdict = False
        while node is not None:
            known = inside.get(id(node))
            if known is not None:
                verdict = known
                break
            path.append(id(node))
            node = node.parent
        for key in path:
            inside[key] = verdict
        out.append(verdict)
    return out


def best_candidate(blocks: Sequence[HtmlBlock]) -> Container | None:
    """The container the article's paragraphs sit in: each prose block counts for its
    container fully and for the one around it by half (as readability does)."""
    score: dict[int, float] = {}
    nodes: dict[int, Container] = {}
    for block in blocks:
        words = _prose_words(block)
        if not words:
            continue
        node: Container | None = _scope(block.container)
        weight = CHROME_PROSE_WEIGHT ** _chrome_count(block.container)
        for _ in range(3):
            if node is None:
                break
            score[id(node)] = score.get(id(node), 0.0) + weight * words
            nodes[id(node)] = node
            node, weight = node.parent, weight / 2
    if not score:
        return None
    return nodes[max(score, key=lambda key: score[key])]


def _chrome_count(container: Container) -> int:
    """How many elements around a block name themselves chrome (a sidebar, comments,
    a widget...): its prose counts less towards the article for each."""
    return sum(1 for node in container.ancestors() if _chrome(node) or _WIDGET.search(node.names))


_WIDGET = re.compile(r"(?<![a-z])widget")
CHROME_PROSE_WEIGHT = 0.2


# Characters per space beyond which a block may be written without spaces between
# words (a word and its space are some 6 characters in English, 8 in Russian).
UNSPACED_CHARS = 12


def _prose_words(block: HtmlBlock) -> int:
    """The block's words when it is prose (PROSE_WORDS or more, mostly not link text),
    else 0. Chinese and Japanese put no spaces between words: there two characters
    count as a word (as the cleaner weighs them), or a page in those languages would
    have no prose and its article no element."""
    if block.kind in ("heading", "code", "table"):
        return 0
    words = block.text.count(" ") + 1
    if len(block.text) > UNSPACED_CHARS * words and not block.text.isascii():
        from reader.core.clean_signals import reading_words

        words = max(words, reading_words(block.text) // 2)
    if words < PROSE_WORDS or block.link_chars > PROSE_LINK_SHARE * len(block.text):
        return 0
    return words


def _hint(container: Container, protected: set[int], verdicts: dict[int, str]) -> str:
    """The chrome reason of the innermost chrome container around a block."""
    known = verdicts.get(id(container))
    if known is not None:
        return known
    reason = ""
    for node in container.ancestors():
        if id(node) in protected:
            break
        reason = _chrome(node)
        if reason:
            break
    verdicts[id(container)] = reason
    return reason


# The element `reader fetch` puts the feed's summary in, atop a page it fetched for
# an entry: hidden with its own reason, so `b` shows it with the article.
FEED_SUMMARY_CLASS = "reader-feed-summary"
FEED_SUMMARY = "the feed's summary"


def _chrome(node: Container) -> str:
    if node.tag in ("html", "body"):
        return ""
    if FEED_SUMMARY_CLASS in node.names.split():
        return FEED_SUMMARY
    if node.tag in CHROME_TAGS and not _quote_source(node):
        return CHROME_TAGS[node.tag]
    if node.role in CHROME_ROLES:
        return CHROME_ROLES[node.role]
    for word in _WORD.findall(node.names):
        if word in CHROME_WORDS:
            return CHROME_WORDS[word]
    return ""


def _quote_source(node: Container) -> bool:
    """A `<footer>` inside a `<blockquote>` or `<figure>` names who said the quote
    ("<footer>— <cite>Maria Lopes</cite></footer>", as the HTML standard writes
    attributions): part of the story, not the page's footer."""
    parent = node.parent
    return node.tag == "footer" and parent is not None and parent.tag in ("blockquote", "figure")


# Elements that hold a run of text rather than lay out the page: a block's scope is
# the nearest element around it that is not one of these.
_RUN_TAGS = frozenset(
    {
        "p", "li", "ul", "ol", "menu", "dir", "dl", "dt", "dd", "blockquote", "center",
        "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "pre", "figcaption", "caption",
    }
)  # fmt: skip


def _scope(container: Container) -> Container:
    """The nearest element around a block that lays out the page (not a run of text:
    a paragraph, a list, a quote), or the outermost one."""
    scope = container
    for node in container.ancestors():
        scope = node
        if node.tag not in _RUN_TAGS:
            break
    return scope


def block_scopes(blocks: Sequence[HtmlBlock]) -> list[int]:
    """Per block, a number naming its scope: the nearest element around it that lays
    out the page (a div, a section, an article, a table cell) rather than holds a
    run of text. Blocks with the same number sit in the same element."""
    numbers: dict[int, int] = {}
    out: list[int] = []
    for block in blocks:
        container = block.container
        if block.grid and container.parent is not None:
            container = container.parent  # a data table holds a run of data, not the page
        out.append(numbers.setdefault(id(_scope(container)), len(numbers)))
    return out


def link_shares(blocks: Sequence[HtmlBlock]) -> list[float]:
    """Per block, the share of its text inside links (0 for a block without one)."""
    return [min(1.0, block.link_chars / len(block.text)) if block.text else 0.0 for block in blocks]
