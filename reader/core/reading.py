"""Opening an article: read the whole file, clean it, and describe the result.

`ReadingService` is the one pipeline (read -> feed evidence -> rules -> clean ->
display document) behind the reading pane, the search indexer and `reader clean`,
so all three hide exactly the same blocks for the same reasons.
"""

from __future__ import annotations

import gc
import random
import re
import threading
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reader.core.config import Config
from reader.core.document import DocBlock, count_words, document_blocks, reading_minutes
from reader.core.models import Article, Block, CleanResult, Rules

if TYPE_CHECKING:
    from reader.core.clean import FeedEvidence
    from reader.core.formats import Page

# The cleaner and the formats are imported where an article is opened, not with this
# module: the app imports it before its first frame, and they are a quarter of its
# imports (a warm start shows the list first).

# Pages of a feed sampled for recurring-line evidence: enough to see site-wide
# lines, few enough to read in a blink.
EVIDENCE_SAMPLE = 24


@dataclass(frozen=True, slots=True)
class Reading:
    """An opened article: its metadata, parsed page and the cleaner's verdict."""

    article: Article
    page: Page
    result: CleanResult

    @property
    def words(self) -> int:
        return count_words(self.result.blocks)

    @property
    def minutes(self) -> int:
        return reading_minutes(self.words)

    def meta_line(self) -> str:
        """`feed · date · N min read`, the line under the title: a date found in the
        text of an undated article marked "~", as the list marks it (the pane said
        "undated" beside a list row that showed the date)."""
        article = self.article
        if article.date is not None:
            date = article.date.isoformat()
        elif article.found_date is not None:
            date = "~" + article.found_date.isoformat()
        else:
            date = "undated"
        summary = " · summary only" if self.page.summary else ""
        return f"{self.article.feed} · {date} · {self.minutes} min read{summary}"

    def byline(self) -> str:
        """Dateline and byline the cleaner lifted out of the page, if any."""
        parts = (self.result.dateline, self.result.byline)
        return " · ".join(part for part in parts if part)

    def markdown(self) -> str:
        """The cleaned article as Markdown: title heading, metadata line, body."""
        parts = [f"# {self.article.title}", f"*{self.meta_line()}*"]
        if self.byline():
            parts.append(f"*{self.byline()}*")
        parts.extend(self.result.body)
        if self.page.truncated:
            parts.append("*[truncated: the file is larger than the reader shows]*")
        return "\n\n".join(parts) + "\n"

    def document(self, show_hidden: bool = False) -> list[DocBlock]:
        """The display document: what the reading pane paints (hidden blocks only
        when `show_hidden`, dimmed and labelled with their reason)."""
        return document_blocks(self.result.blocks, self.page.markup == "markdown", show_hidden)

    def to_json(self) -> dict[str, object]:
        article = self.article
        return {
            "id": article.id,
            "title": article.title,
            "date": article.date.isoformat() if article.date else None,
            "feed": article.feed,
            "url": article.url,
            "dateline": self.result.dateline,
            "byline": self.result.byline,
            "body": self.result.body,
            "hidden": [{"reason": b.reason, "text": b.text} for b in self.result.hidden],
            **({"summary": True} if self.page.summary else {}),
        }


# When the hints hide more than this share of the words the cleaner kept, the
# cleaner took chrome for the article (a sidebar, a results table): it labels the
# page again without the hinted blocks.
HINTED_BODY_SHARE = 0.5


def clean_page(
    page: Page,
    title: str | None = None,
    *,
    evidence: FeedEvidence | None = None,
    rules: Rules | None = None,
) -> CleanResult:
    """Clean a page's blocks. The cleaner reads every block (as `Page.clean_texts`
    gives it: an HTML page's plain words) and labels them among themselves; a
    format's hints (`Page.hints`: the page's own markup says a block is navigation,
    an aside...) then hide those blocks with that reason, whatever the cleaner said.
    The hinted blocks stay in what the cleaner reads: a "Comments" heading the
    markup names still tells it where the comments start. Only when the hints would
    hide most of what the cleaner kept (it took a sidebar for the article) does it
    label the page again without them. A `keep` rule still wins."""
    from reader.core.clean import clean_blocks
    from reader.core.clean_signals import block_key

    blocks = page.blocks()
    # `Page.clean_texts` without cutting the body into blocks again
    texts = list(page.plain) if len(page.plain) == len(blocks) else blocks
    hints = page.hints
    links = page.links if len(page.links) == len(blocks) else ()
    cleaned = clean_blocks(texts, title, feed=evidence, rules=rules, links=links)
    if hints and len(hints) == len(blocks) and any(hints):
        kept = sum(len(b.text.split()) for b in cleaned.blocks if not b.hidden)
        left = sum(
            len(b.text.split())
            for b, hint in zip(cleaned.blocks, hints, strict=True)
            if not b.hidden and not hint
        )
        labels = list(cleaned.blocks)
        if left < HINTED_BODY_SHARE * kept:
            rest = [i for i, hint in enumerate(hints) if not hint]
            if evidence is not None and evidence.page_pending:
                evidence = evidence.with_keys(map(block_key, texts))  # the whole page
            cleaned = clean_blocks(
                [texts[i] for i in rest],
                title,
                feed=evidence,
                rules=rules,
                links=[links[i] for i in rest] if links else (),
            )
            for i, label in zip(rest, cleaned.blocks, strict=True):
                labels[i] = label
        keep = rules.keep if rules else ()
        merged = [
            Block(block, True, hint)
            if hint and not _kept(label.text, keep)
            else Block(block, label.hidden, label.reason)
            for block, label, hint in zip(blocks, labels, hints, strict=True)
        ]
    elif texts is blocks:  # the cleaner's blocks are the page's
        merged = list(cleaned.blocks)
    else:
        merged = [
            Block(block, label.hidden, label.reason)
            for block, label in zip(blocks, cleaned.blocks, strict=True)
        ]
    merged = _article_sentences(page, texts, merged)
    merged = _named_sections(page, texts, merged)
    merged = _between_article_blocks(page, texts, merged)
    merged = _closing_sentences(page, texts, merged)
    if page.scopes:  # HTML: the cleaner read each table whole, like a paragraph
        merged = _under_comment_form(texts, merged)
    merged = _story_above(page, texts, merged)
    keep = rules.keep if rules else ()
    found = _article_found(page, texts, merged)
    if found:
        merged = _outside_article(page, texts, merged, keep)
        merged = _footnotes(page, texts, merged)
    merged = _boxes(page, texts, merged, keep, found)
    if len(page.scopes) == len(merged):
        merged = _repeated_paragraphs(texts, merged, page.scopes)
    result = replace(cleaned, blocks=tuple(merged))
    if result.byline is None and page.byline:
        result = replace(result, byline=page.byline)
    return result


# Reasons the cleaner gives a block for where it stands, not for what it is.
BEFORE_ARTICLE, AFTER_ARTICLE = "before article", "after article"
NAVIGATION = "navigation"
# What the cleaner calls a short box inside the text ("Read more: ...", a box's label
# and links between two paragraphs).
INLINE_BOX = "inline box"
POSITION_REASONS = frozenset({BEFORE_ARTICLE, AFTER_ARTICLE})
# A sentence of the article: this many words, at most ARTICLE_PARAGRAPH_LINKS of
# them in links (a paragraph naming a source, a place, a product).
ARTICLE_SENTENCE_WORDS = 8
# The author's sentence under a subheading named like a page section: this many words
# (Polish and Russian say in six what English says in eight: they have no articles).
SECTION_SENTENCE_WORDS = 6
# A paragraph of the article (kept): this many words, at most this share in links.
ARTICLE_PARAGRAPH_WORDS = 8
ARTICLE_PARAGRAPH_LINKS = 0.5
# What the markup made of a block that is the author's however few its words: a data
# table ("Pool | Opens"), a list item ("Bikes travel free."), a quote, a code sample.
AUTHORED_KINDS = frozenset({"grid", "item", "quote", "code"})
# What the markup marks as the author's between two shown blocks of the article: its
# subheadings and the author's kinds, never a menu, however short their lines.
MARKED_KINDS = AUTHORED_KINDS | {"heading"}
# A teaser list links to other stories: a list item without a link, in the
# article's element, is the author's list, whatever the cleaner took it for.
TEASER_LIST = "teaser list"
# What the cleaner calls a line of figures with a date or a time: in a table the
# markup shows, a table's rows (times, scores), never the post's date.
DATE_LINE = "date line"
# What the cleaner calls a script's leftovers in a text: in the markup's code sample
# (`<pre>`, `<code>`), code the page shows (its scripts never reach the blocks).
TEMPLATE_CODE = "template code"


def _markup(
    page: Page, count: int
) -> tuple[tuple[int, ...], tuple[float, ...], tuple[str, ...], tuple[str, ...]] | None:
    """What an HTML page's markup says of each of its `count` blocks (`Page.scopes`,
    `links`, `hints`, `kinds`; no hints or kinds read as ""), or None when it does not
    say it of each: a page of another format."""
    scopes, links = page.scopes, page.links
    hints = page.hints or ("",) * count
    kinds = page.kinds or ("",) * count
    if not (len(scopes) == len(links) == len(hints) == len(kinds) == count):
        return None
    return scopes, links, hints, kinds


def _article_sentences(page: Page, texts: Sequence[str], labels: list[Block]) -> list[Block]:
    """Show again what the cleaner hid only for where it stands ("after article")
    when the page's markup puts it with the article: a sentence, mostly not link
    text, in the element that holds paragraphs the cleaner kept (a list, a quote, a
    paragraph it took for the end of the article), or a table, list item, quote or
    code sample there, whatever its length; a list item there that the cleaner
    took for a teaser though it links nowhere, and a code sample it took for a
    script's leftovers; and a quotation's source under it ("– Anna Lis, chair"),
    however short. A line after the article with a date
    or a time stays hidden: the post's metadata, not its text (its filing line,
    "This entry was posted on May 2, 2008 at 9:14 am and is filed under News"; a
    print edition's note, "A version of this article appeared May 2, 2008, on page
    A2")."""
    from reader.core.clean_region import names_speaker
    from reader.core.clean_signals import STAMP_RE

    markup = _article_markup(page, texts, labels)
    if markup is None:
        return labels
    scopes, links, hints, kinds, article = markup
    return [
        Block(label.text)
        if label.hidden
        and (
            label.reason in POSITION_REASONS
            or (label.reason == TEASER_LIST and kinds[i] == "item" and not links[i])
            or (label.reason == DATE_LINE and kinds[i] == "grid")  # a table of times
            or (label.reason == TEMPLATE_CODE and kinds[i] == "code")  # a code sample
        )
        and not hints[i]
        and links[i] <= ARTICLE_PARAGRAPH_LINKS
        and scopes[i] in article
        and (
            kinds[i] in AUTHORED_KINDS
            or _has_words(texts[i], ARTICLE_SENTENCE_WORDS)
            or (i > 0 and names_speaker(texts[i - 1], texts[i], len(texts[i].split())))
        )
        and not (label.reason == AFTER_ARTICLE and STAMP_RE.search(texts[i]))
        else label
        for i, label in enumerate(labels)
    ]


# What the cleaner calls a heading named like a page section ("Comments", "Related
# research") and what it hid under it for that section's sake.
SECTION_HEADING = "section heading"
SECTION_REASONS = frozenset({"comments", "related-links list", TEASER_LIST, AFTER_ARTICLE})
# A post's header in a thread: a short line with a date or a time ("Posted by: Ann |
# Mar 26, 2007 2:00 PM"), or a name alone over the post's text ("Glenn").
MAX_POST_HEADER_WORDS = 12
MAX_POST_NAME_WORDS = 4


def _named_sections(page: Page, texts: Sequence[str], labels: list[Block]) -> list[Block]:
    """Show again a subheading of the article's element named like a page section
    ("Comments", "Reactions", "Related research") with the author's sentence right
    under it, and what the cleaner hid under it for that section's sake, up to the
    element's end or the next block it hid for another reason: a subheading followed
    by prose is the article's, whatever its words. A readers' thread written inside
    the article's element keeps its reason: it has a post's shape (a short line with
    a date or a time, a name alone over a post, a line said twice: "Reply"); so do a
    comment form's heading ("Leave a reply"), what is mostly links, a first line cut
    short ("check out...") and a line that names the site's sections ("No related
    posts.")."""
    from reader.core.clean_region import FORM_KEYS
    from reader.core.clean_signals import block_key, ends_full_stop, names_section

    markup = _article_markup(page, texts, labels)
    if markup is None:
        return labels
    scopes, links, hints, kinds, article = markup
    out = list(labels)
    for h, label in enumerate(labels):
        if not (
            label.reason == SECTION_HEADING
            and kinds[h] == "heading"
            and scopes[h] in article
            and not hints[h]
            and block_key(texts[h]) not in FORM_KEYS
            and h + 1 < len(labels)
        ):
            continue
        end = _section_end(labels, scopes, hints, kinds, h)
        run = range(h + 1, end or h + 1)
        if (
            end is not None
            and scopes[h + 1] == scopes[h]
            and kinds[h + 1] != "heading"
            and _has_words(texts[h + 1], SECTION_SENTENCE_WORDS)
            and ends_full_stop(texts[h + 1])
            and all(links[j] <= ARTICLE_PARAGRAPH_LINKS for j in run)
            and not any(names_section(block_key(texts[j])) for j in run)
            and not _post_shaped(texts, kinds, run)
        ):
            for j in (h, *run):
                if labels[j].hidden:
                    out[j] = Block(labels[j].text)
    return out


def _section_end(
    labels: Sequence[Block],
    scopes: Sequence[int],
    hints: Sequence[str],
    kinds: Sequence[str],
    h: int,
) -> int | None:
    """Where the section under heading `h` ends: at the end of the heading's element,
    a block the markup names chrome or the next heading named like a page section;
    the blocks in it are shown or hidden for the
    section's sake (or a subheading, table, list item, quote or code sample taken for
    a menu's link, which `_between_article_blocks` shows between shown blocks). One
    hidden for another reason there (a footer, a share bar, a date line) makes the
    section the site's: then None."""
    end = h + 1
    while end < len(labels) and scopes[end] == scopes[h] and not hints[end]:
        label = labels[end]
        if label.reason == SECTION_HEADING and kinds[end] == "heading":
            break  # the next section: judged on its own ("Reader comments" over a thread)
        if (
            label.hidden
            and label.reason not in SECTION_REASONS
            and not (label.reason == NAVIGATION and kinds[end] in MARKED_KINDS)
        ):
            return None
        end += 1
    return end


def _post_shaped(texts: Sequence[str], kinds: Sequence[str], run: range) -> bool:
    """The run holds a post's furniture: a short line with a date or a time, a name
    alone over a post (a short paragraph that ends no sentence and announces nothing:
    no list item, no subheading), or a line said twice ("Reply", "Report"). A table's
    cells are its data, whatever years they hold."""
    from reader.core.clean_signals import STAMP_RE, block_key, ends_in_colon, ends_sentence

    seen: set[str] = set()
    for j in run:
        if kinds[j] in TABLE_KINDS:
            continue  # a table's years and times are its data ("2026 | £1.5m")
        text, words = texts[j], len(texts[j].split())
        if words <= MAX_POST_HEADER_WORDS and STAMP_RE.search(text):
            return True
        if (
            kinds[j] == "para"
            and words <= MAX_POST_NAME_WORDS
            and not ends_sentence(text)
            and not ends_in_colon(text)
        ):
            return True
        key = block_key(text)
        if key in seen:
            return True
        seen.add(key)
    return False


def _kept(text: str, keep: Sequence[re.Pattern[str]]) -> bool:
    """Whether one of the user's `keep` rules (config.toml) names `text`: it wins over
    every reason the markup gives to hide it."""
    return any(pattern.search(text) for pattern in keep)


def _between_article_blocks(page: Page, texts: Sequence[str], labels: list[Block]) -> list[Block]:
    """Show again what the cleaner hid only for where it stands ("after article",
    "before article") when shown blocks of its own element stand on both sides of it
    and that element holds a paragraph the cleaner kept, when it is a sentence: a
    sentence between two blocks of the article is never after it, however short
    ("Start early." between a paragraph and a list), and a subheading, table, list
    item, quote or code sample there (`MARKED_KINDS`), even one it took for a menu's
    link ("Getting there", a quote's "— Ann Lee") or, with a closing statement
    ("Nobody minded."), for a box inside the text, but for a box's label ("More:").
    Nothing the markup names chrome,
    nothing mostly links; a line that ends no sentence there is a credit, a source or
    a box's label ("Source: AP", "Brought to you by") and keeps its reason, but for a
    colon's line right over a shown list item or code sample: its intro ("What
    changes:", "The whole script is two lines:")."""
    from reader.core.clean_signals import ends_in_colon, ends_sentence

    markup = _article_markup(page, texts, labels)
    if markup is None:
        return labels
    scopes, links, hints, kinds, article = markup
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for i, label in enumerate(labels):
        if not label.hidden:
            first.setdefault(scopes[i], i)
            last[scopes[i]] = i
    return [
        Block(label.text)
        if (
            label.reason in POSITION_REASONS
            or (label.reason == NAVIGATION and kinds[i] in MARKED_KINDS)
            or (
                label.reason == INLINE_BOX
                and (kinds[i] in MARKED_KINDS or _closing_statement(texts[i]))
                and not ends_in_colon(texts[i])  # a box's label ("More:")
            )
        )
        and scopes[i] in article
        and first[scopes[i]] < i < last[scopes[i]]
        and (
            kinds[i] in MARKED_KINDS
            or (ends_sentence(texts[i]) and not ends_in_colon(texts[i]))
            or (
                ends_in_colon(texts[i])
                and kinds[i + 1] in ("item", "code")
                and not labels[i + 1].hidden
            )
        )
        and not hints[i]
        and links[i] <= ARTICLE_PARAGRAPH_LINKS
        else label
        for i, label in enumerate(labels)
    ]


def _closing_sentences(page: Page, texts: Sequence[str], labels: list[Block]) -> list[Block]:
    """Show again the sentences the cleaner hid as "after article" right under a shown
    block of their own element, when that element holds the article's paragraphs: the
    story's last lines, however short ("Add ten minutes for the inner basin." under
    a table): statements (`_closing_statement`), not headings, nothing the markup
    names chrome, nothing mostly links, no line with a date or a time (the post's
    filing line)."""
    from reader.core.clean_signals import STAMP_RE

    markup = _article_markup(page, texts, labels)
    if markup is None:
        return labels
    scopes, links, hints, kinds, article = markup
    out = list(labels)
    for i in range(1, len(out)):
        text = texts[i]
        if (
            out[i].reason == AFTER_ARTICLE
            and not out[i - 1].hidden
            and scopes[i] == scopes[i - 1]
            and scopes[i] in article
            and not hints[i]
            and links[i] <= ARTICLE_PARAGRAPH_LINKS
            and kinds[i] != "heading"
            and _closing_statement(text)
            and not STAMP_RE.search(text)
        ):
            out[i] = Block(out[i].text)
    return out


def _closing_statement(text: str) -> bool:
    """`text` is a statement of CLOSING_WORDS words or more that ends in a full stop
    and asks nothing: a site's invitations under a story ask ("Want more? Check out
    ...", "Like our site?"), and its notices name its boxes ("No related posts."). An
    interview's question, labelled "Q:", is the story's."""
    from reader.core.clean_signals import INTERVIEW_QUESTION_RE, asks, block_key, names_section

    end = text.rstrip().rstrip("*_")
    if INTERVIEW_QUESTION_RE.match(text) and asks(end):
        return len(text.split()) >= CLOSING_WORDS  # "Q: Why now?": an interview's question
    return (
        end.endswith((".", "。"))
        and not end.endswith(("..", "…"))
        and not text.lstrip().startswith(("..", "…"))  # "... contd.": a pager's
        and "?" not in text
        and len(text.split()) >= CLOSING_WORDS
        and not names_section(block_key(text))
    )


# A statement under the story's last block is this long at least ("Nobody minded.").
CLOSING_WORDS = 2


def _article_markup(
    page: Page, texts: Sequence[str], labels: Sequence[Block]
) -> tuple[tuple[int, ...], tuple[float, ...], tuple[str, ...], tuple[str, ...], set[int]] | None:
    """`_markup` of the page's blocks with the elements that hold the article as the
    labels say it now (`_article_scopes`), or None for a page of another format."""
    markup = _markup(page, len(labels))
    if markup is None:
        return None
    scopes, links, hints, kinds = markup
    return scopes, links, hints, kinds, _article_scopes(scopes, links, texts, labels)


def _article_scopes(
    scopes: Sequence[int], links: Sequence[float], texts: Sequence[str], labels: Sequence[Block]
) -> set[int]:
    """The elements that hold a paragraph the cleaner kept (ARTICLE_PARAGRAPH_WORDS
    words or more, at most ARTICLE_PARAGRAPH_LINKS of them in links): the article's."""
    return {
        scope
        for scope, link, text, label in zip(scopes, links, texts, labels, strict=True)
        if not label.hidden
        and link <= ARTICLE_PARAGRAPH_LINKS
        and _has_words(text, ARTICLE_PARAGRAPH_WORDS)
    }


# What the cleaner hides of the page's head: a run of the article it hid as "before
# article" comes back with the element's subheadings, which it took for navigation
# (short lines without a full stop).
STORY_HEADING_REASONS = frozenset({BEFORE_ARTICLE, NAVIGATION})
# A story has paragraphs: a run of fewer is a tagline or a standfirst, however long.
STORY_PARAGRAPHS = 3


def _story_above(page: Page, texts: Sequence[str], labels: list[Block]) -> list[Block]:
    """Show again the run of paragraphs the cleaner hid as "before article" in one
    element of the page when they outweigh everything it kept: it anchored the body
    at a later box (a recipe card repeating the title, a slideshow) and took the
    story above it for the page's head. The paragraphs come back from the first to
    the last such paragraph of that element (links at most ARTICLE_PARAGRAPH_LINKS of
    them, nothing the markup names chrome), with the element's headings among them and
    right above the first. A run of fewer than STORY_PARAGRAPHS paragraphs, or lighter
    than the kept part, is left hidden: a tagline, a standfirst, a teaser."""
    markup = _markup(page, len(labels))
    if markup is None:
        return labels
    scopes, links, hints, kinds = markup
    kept = sum(_size(text) for text, label in zip(texts, labels, strict=True) if not label.hidden)
    hidden: dict[int, list[int]] = {}  # scope -> its hidden paragraphs, in page order
    for i, label in enumerate(labels):
        if (
            label.reason == BEFORE_ARTICLE
            and not hints[i]
            and links[i] <= ARTICLE_PARAGRAPH_LINKS
            and _has_words(texts[i], ARTICLE_PARAGRAPH_WORDS)
        ):
            hidden.setdefault(scopes[i], []).append(i)
    if not hidden:
        return labels
    weight = {scope: sum(_size(texts[i]) for i in run) for scope, run in hidden.items()}
    scope = max(weight, key=weight.__getitem__)
    if weight[scope] <= kept or len(hidden[scope]) < STORY_PARAGRAPHS:
        return labels

    def heading(i: int) -> bool:
        return kinds[i] == "heading" and labels[i].reason in STORY_HEADING_REASONS

    first, last = hidden[scope][0], hidden[scope][-1]
    while first and scopes[first - 1] == scope and heading(first - 1):
        first -= 1  # the first section's heading
    return [
        Block(label.text)
        if first <= i <= last
        and label.hidden
        and scopes[i] == scope
        and not hints[i]
        and links[i] <= ARTICLE_PARAGRAPH_LINKS
        and (label.reason == BEFORE_ARTICLE or heading(i))
        else label
        for i, label in enumerate(labels)
    ]


# A block that is a link and nothing else: this share of its text in links.
LINK_BLOCK_SHARE = 0.9
LINK_BLOCK_KINDS = frozenset({"para", "heading"})
LINK_OUTSIDE = "link outside the article"
# A table of short rows (none of this many words): headlines, a menu, a spec sheet.
TABLE_ROW_WORDS = 20
TABLE_KINDS = frozenset({"table", "grid"})
TABLE_OUTSIDE = "table outside the article"


def _outside_article(
    page: Page, texts: Sequence[str], labels: list[Block], keep: Sequence[re.Pattern[str]]
) -> list[Block]:
    """Hide what the cleaner showed outside the element holding the page's prose
    (`Page.article`, which `_article_found` found to be the article's) when the markup
    says it is not prose (`_outside_reason`). The article's own links sit in its
    sentences, its tables among its paragraphs, both inside that element. A `keep`
    rule wins."""
    article, links, kinds = page.article, page.links, page.kinds
    out = list(labels)
    for i, label in enumerate(labels):
        if label.hidden or article[i]:
            continue
        reason = _outside_reason(texts[i], links[i], kinds[i])
        if reason and not _kept(label.text, keep):
            out[i] = Block(label.text, True, reason)
    return out


def _footnotes(page: Page, texts: Sequence[str], labels: list[Block]) -> list[Block]:
    """Show again the article's footnotes that the cleaner took for a teaser list: list
    items inside the element holding the article's prose (`Page.article`) that end in
    a link back to where they were cited ("The gauge has stood here since 1952. ↩",
    as Markdown's and blogs' footnotes end) and are otherwise text, not links. A
    teaser is a link to another story."""
    markup = _markup(page, len(labels))
    if markup is None:
        return labels
    _, links, hints, kinds = markup
    return [
        Block(label.text)
        if label.reason == TEASER_LIST
        and kinds[i] == "item"
        and page.article[i]
        and not hints[i]
        and links[i] <= FOOTNOTE_LINKS
        and texts[i].rstrip().endswith(BACK_REFERENCES)
        else label
        for i, label in enumerate(labels)
    ]


# How a footnote links back to its citation, and the most of its text in links.
BACK_REFERENCES = ("↩", "↩︎", "↑", "^")
FOOTNOTE_LINKS = 0.2


# The element found for the article is the article's when it holds this share of
# the characters shown.
ARTICLE_SHOWN_SHARE = 0.5


def _article_found(page: Page, texts: Sequence[str], labels: list[Block]) -> bool:
    """Whether an HTML page's markup says which blocks stand outside the element
    holding its prose (`Page.article`, `links` and `kinds` one per block, not every
    block inside) and that element is the article's: it holds ARTICLE_SHOWN_SHARE of
    the characters the cleaner shows or more. When it holds less, a long footer or a
    thread of comments outweighed the story's short paragraphs, and nothing is hidden
    for standing outside it."""
    article, links, kinds = page.article, page.links, page.kinds
    if not (len(article) == len(links) == len(kinds) == len(labels)) or all(article):
        return False
    shown = inside = 0
    for text, label, within in zip(texts, labels, article, strict=True):
        if not label.hidden:
            shown += len(text)
            inside += len(text) if within else 0
    return inside >= ARTICLE_SHOWN_SHARE * shown


def _outside_reason(text: str, link: float, kind: str) -> str:
    """Why a block outside the article's element is not the article's, or "": a
    paragraph or heading that is a link and nothing else (a teaser's title, a "next
    post" link, a promotion; a list item is left to the cleaner, a list of sources
    is the author's), or a table whose rows are all short (headlines, a menu, a
    download's spec sheet; a row of TABLE_ROW_WORDS words is a paragraph, in a page
    laid out in a table)."""
    if kind in LINK_BLOCK_KINDS:
        return LINK_OUTSIDE if link >= LINK_BLOCK_SHARE else ""
    if kind in TABLE_KINDS and all(_size(row) < TABLE_ROW_WORDS for row in text.splitlines()):
        return TABLE_OUTSIDE
    return ""


# A list of teasers: at least this many headings in one element, each over a blurb of
# at most TEASER_WORDS words.
TEASER_HEADINGS = 3
TEASER_WORDS = 60
# A box of links: a heading over at least this many list items, each a link alone.
LINK_BOX_ITEMS = 3
RELATED_LINKS = "related links"  # as `html_evidence` names a box whose class says related


def _boxes(
    page: Page,
    texts: Sequence[str],
    labels: list[Block],
    keep: Sequence[re.Pattern[str]],
    found: bool,
) -> list[Block]:
    """Hide what the cleaner showed of an element that the shape of its blocks says
    is a box of other pages (`_box_reason`; `found`: `_article_found`), which the
    cleaner read as a short section of the article. An element's blocks are those
    shown and those hidden as a link outside the article (a teaser's headline). A
    `keep` rule wins."""
    article, scopes, kinds, links = page.article, page.scopes, page.kinds, page.links
    if not (len(article) == len(scopes) == len(kinds) == len(links) == len(labels)):
        return labels
    runs: dict[int, list[int]] = {}  # element -> its blocks, in page order
    for i, label in enumerate(labels):
        if not label.hidden or label.reason == LINK_OUTSIDE:
            runs.setdefault(scopes[i], []).append(i)
    out = list(labels)
    for run in runs.values():
        shown = [i for i in run if not labels[i].hidden]
        reason = _box_reason(run, shown, texts, page, found) if shown else ""
        for i in shown if reason else ():
            if not _kept(labels[i].text, keep):
                out[i] = Block(labels[i].text, True, reason)
    return out


def _box_reason(
    run: Sequence[int], shown: Sequence[int], texts: Sequence[str], page: Page, found: bool
) -> str:
    """What an element's blocks `run` (`shown`: those shown) make it, or "": a heading
    over LINK_BOX_ITEMS list items or more that are each a link and nothing else,
    anywhere (a "More from this blog" box set in the article; the article's own list
    of sources shares its element with its paragraphs), or, outside the element
    holding the page's prose (`Page.article`), TEASER_HEADINGS headlines or more (a
    heading, or a paragraph that is a link alone) each over a blurb of at most
    TEASER_WORDS words (other stories: a headline, a line of summary, a date, again
    and again; the article's own sections sit inside its element), when that element
    is the article's (`found`, `_article_found`)."""
    kinds, links = page.kinds, page.links
    if (
        kinds[shown[0]] == "heading"
        and len(shown) > LINK_BOX_ITEMS
        and all(kinds[i] == "item" and links[i] >= LINK_BLOCK_SHARE for i in shown[1:])
    ):
        return RELATED_LINKS
    if not found or page.article[run[0]]:
        return ""
    sections: list[float] = []  # words under each headline
    for i in run:
        if kinds[i] == "heading" or (kinds[i] == "para" and links[i] >= LINK_BLOCK_SHARE):
            sections.append(0.0)
        elif sections:
            sections[-1] += _size(texts[i])
        else:
            return ""  # text before the first headline: not a list of teasers
    if len(sections) >= TEASER_HEADINGS and all(0 < words <= TEASER_WORDS for words in sections):
        return TEASER_LIST
    return ""


# A comment form's heading is a few words ("Leave a comment", "Оставить комментарий *").
MAX_FORM_HEADING_CHARS = 40
COMMENTS = "comments"


def _under_comment_form(texts: Sequence[str], labels: list[Block]) -> list[Block]:
    """Hide what is shown from the heading of a form to write a comment ("Leave a
    comment", `clean_region.FORM_KEYS`) on, when the article was shown above it:
    nothing of the post follows that heading; readers' comments do, which a page may
    lay out as tables the cleaner reads whole, each like a paragraph."""
    from reader.core.clean_region import FORM_KEYS
    from reader.core.clean_signals import block_key

    shown = False
    for i, (text, label) in enumerate(zip(texts, labels, strict=True)):
        if label.hidden:
            continue
        if shown and len(text) <= MAX_FORM_HEADING_CHARS and block_key(text) in FORM_KEYS:
            return labels[:i] + [
                later if later.hidden else Block(later.text, True, COMMENTS) for later in labels[i:]
            ]
        shown = True
    return labels


def _has_words(text: str, least: int) -> bool:
    """The block holds `least` words or more; in Chinese or Japanese, which put no
    spaces between words, by its weight (`BlockInfo.weight`: two characters a word),
    or a sentence there would count as one word and never be the article's."""
    return len(text.split()) >= least or (not text.isascii() and _size(text) >= least)


def _size(text: str) -> float:
    """The block's size in words: its words between spaces, or in a script that puts
    no spaces between words (Chinese, Japanese; Thai, Lao, Myanmar, Khmer) its weight
    (`BlockInfo.weight`: two characters a word in the first, four in the others), as
    `_has_words` counts them (a Thai paragraph is a few "words" between its clauses'
    spaces)."""
    words = len(text.split())
    if text.isascii():
        return words
    from reader.core.clean_signals import describe

    info = describe(text)
    return info.weight if info.cjk or info.unspaced else words


def _repeated_paragraphs(
    texts: Sequence[str], labels: list[Block], scopes: Sequence[int]
) -> list[Block]:
    """Hide a paragraph a page shows again, word for word, in another of its elements
    after a shown copy (`html_evidence.repeated`)."""
    from reader.core.formats.html_evidence import REPEATED, repeated

    again = repeated(texts, [not label.hidden for label in labels], scopes)
    return [
        Block(label.text, True, REPEATED) if twice else label
        for label, twice in zip(labels, again, strict=True)
    ]


def open_article(
    article: Article,
    *,
    page: Page | None = None,
    evidence: FeedEvidence | None = None,
    rules: Rules | None = None,
) -> Reading:
    """Read (unless `page` is given) and clean one article."""
    from reader.core.formats import read_entry

    page = page or read_entry(article.path, article.entry)
    title = cleaned_title(article, page)
    return Reading(article, page, clean_page(page, title, evidence=evidence, rules=rules))


def cleaned_title(article: Article, page: Page) -> str:
    """The title the cleaner looks for repeats of: the article's, but the page's
    whole title when it is shown without its site's name (`Page.id_title`), as the
    cleaner always read it: a line of the site's name alone repeats that title."""
    if page.id_title is not None and page.title == article.title:
        return page.id_title
    return article.title


class ReadingService:
    """Opens articles of one library exactly alike for every caller.

    Holds what opening needs beyond the file: the user's rules (`[rules."*"]` and
    the feed's own, merged by `Config.rules_for`) and the feed evidence, sampled
    from the other articles of the article's feed. Thread-safe: the UI opens in
    workers while the library may be replaced from another thread.
    """

    def __init__(self, config: Config | None = None, articles: Sequence[Article] = ()) -> None:
        self.config = config or Config()
        self.evidence = EvidenceCache()
        self._articles: Sequence[Article] = articles
        self._by_feed: dict[str, list[Article]] | None = None
        self._lock = threading.Lock()

    def set_library(self, articles: Sequence[Article]) -> None:
        """The library changed: its feeds are grouped again and evidence re-sampled."""
        with self._lock:
            self._articles = articles
            self._by_feed = None
        self.evidence.clear()

    def feed_articles(self, feed: str) -> list[Article]:
        """The articles of `feed` (grouped on first use: a warm start never needs it)."""
        with self._lock:
            by_feed = self._by_feed
            if by_feed is None:
                grouped: dict[str, list[Article]] = {}
                for article in self._articles:
                    grouped.setdefault(article.feed, []).append(article)
                by_feed = self._by_feed = grouped
                # Out of the garbage collector's way, as the rows themselves are: these
                # lists refer to every row, and each full collection walked them all
                # (4.5 ms of each at 100,000 rows, landing in keys and opens).
                gc.freeze()
        return by_feed.get(feed, [])

    def evidence_articles(self) -> list[Article]:
        """Each feed's evidence sample: a `ReadingService` of these articles (and this
        one's config) opens every article of the library exactly as this one does,
        and is cheap to send to another process (the indexer's workers)."""
        with self._lock:
            articles = self._articles
        feeds: dict[str, list[Article]] = {}
        for article in articles:
            feeds.setdefault(article.feed, []).append(article)
        return [a for feed, them in feeds.items() for a in self.evidence.sample_of(feed, them)]

    def open(self, article: Article, page: Page | None = None) -> Reading:
        """Read (unless `page` is given) and clean `article` as every view shows it.

        Raises OSError or `NotText` when the file cannot be read.
        """
        from reader.core.formats import read_entry

        page = page or read_entry(article.path, article.entry)
        evidence = self.evidence.evidence_for(article, self.feed_articles(article.feed))
        return open_article(
            article, page=page, evidence=evidence, rules=self.config.rules_for(article.feed)
        )


@dataclass(frozen=True, slots=True)
class _Sample:
    """A feed's sampled pages (by entry key and article id: the `block_key`s of their
    blocks) and their combined evidence."""

    pages: dict[tuple[str, str], set[str]]
    evidence: FeedEvidence


class EvidenceCache:
    """Recurring-line evidence per feed, built from a sample of the feed's pages.

    The sample's evidence is counted once per feed; an article outside the sample
    adds only its own page to it, so evidence costs no further reads and almost no
    counting (the indexer cleans every article this way). Thread-safe: the UI
    cleans in workers.
    """

    def __init__(self, sample: int = EVIDENCE_SAMPLE) -> None:
        self._sample_size = sample
        self._samples: dict[str, _Sample] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._samples.clear()

    def evidence_for(
        self, article: Article, feed_articles: Sequence[Article]
    ) -> FeedEvidence | None:
        """Evidence for `article`'s feed (its own page included); None for a lone page."""
        from reader.core.clean import FeedEvidence

        if len(feed_articles) < 2:
            return None
        sample = self._sample(article.feed, feed_articles)
        if any(key == article.key or id_ == article.id for key, id_ in sample.pages):
            # Copies of this very article (a re-scrape shares its id) are not other
            # pages: their body lines would "recur" and be hidden.
            others = [
                keys
                for (key, id_), keys in sample.pages.items()
                if key != article.key and id_ != article.id
            ]
            if not others:
                return None
            evidence = FeedEvidence()
            for keys in others:
                evidence.add_keys(keys)
            return evidence.plus_page()
        if not sample.pages:
            return None
        # the page itself is counted by the cleaner, which works out its lines' keys
        return sample.evidence.plus_page()

    def sample_of(self, feed: str, feed_articles: Sequence[Article]) -> list[Article]:
        """The articles of `feed` whose pages make its evidence (the same every time:
        a feed of at most the sample's size is its own sample)."""
        chosen = list(feed_articles)
        if len(chosen) > self._sample_size:
            chosen = random.Random(feed).sample(chosen, self._sample_size)
        return chosen

    def _sample(self, feed: str, feed_articles: Sequence[Article]) -> _Sample:
        with self._lock:
            cached = self._samples.get(feed)
        if cached is not None:
            return cached
        from reader.core.clean import FeedEvidence
        from reader.core.clean_signals import block_key
        from reader.core.formats import read_entries_of, read_entry

        chosen = self.sample_of(feed, feed_articles)
        # Each file read once for the entries of it the sample holds (a feed file's
        # entries: one read and one parse of them all, not one of each).
        by_file: dict[str, list[str]] = {}
        for other in chosen:
            by_file.setdefault(other.path, []).append(other.entry)
        read: dict[tuple[str, str], Page] = {}
        for path, entries in by_file.items():
            try:
                found = read_entries_of(path, entries)
            except (OSError, ValueError):
                found = {}  # one by one, as ever: what can be read of it is
                for entry in entries if len(entries) > 1 else ():
                    with suppress(OSError, ValueError):
                        found[entry] = read_entry(path, entry)
            read.update(((path, entry), page) for entry, page in found.items())
        pages: dict[tuple[str, str], set[str]] = {}
        for other in chosen:  # in the sample's order, as before
            page = read.get((other.path, other.entry))
            if page is None:
                continue
            try:
                texts = page.clean_texts()
            except ValueError:
                continue
            pages[other.key, other.id] = set(map(block_key, texts))
        evidence = FeedEvidence()
        for keys in pages.values():
            evidence.add_keys(keys)
        sample = _Sample(pages, evidence)
        with self._lock:
            self._samples[feed] = sample
        return sample
