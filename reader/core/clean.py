"""Boilerplate removal for scraped news pages: hide what is not the story, and say why.

A page arrives as blocks of visible text (one line each for .txt pages, one
paragraph each for Markdown). Every block is labelled body or boilerplate, with
a short human reason, so the reader can show what it hid instead of deleting it.
Text and order are never changed: body + hidden blocks are the input, in order.

Keeping is the default; hiding needs evidence. How, in order:
1. per-block signals (`clean_signals`): size, stopword density, sentence
   punctuation, and boilerplate that is such wherever it stands (repeated
   title, template code, share bars, ad labels, photo captions);
2. page chrome is counted (`clean_region.has_chrome`): menus, share bars,
   footers, cookie lines, breadcrumbs, repeated lines, "Related" headings over
   link lists. A page without it is an article someone wrote, and is kept whole
   but for a repeat of its title;
3. otherwise the main body region (`clean_region`): the heaviest run of
   sentence-like blocks, preferring the one right under the page's headline and
   counting a run at the end of the page for less; subheadings, fact boxes and
   ad slots are bridged, long menus, teaser lists, footers and comment threads
   (recognised by their dated post headers) are not; text resuming after a short
   inline box, a lead paragraph cut off by a sidebar, list items that carry
   on after the text, and a list of the text's own after it (numbered in order,
   "label: value" rows, captions written to one pattern, a table one cell a line:
   `attach_content_list`) are attached (a page of one-line paragraphs and nothing
   else falls back to its longest run of sentences);
4. inside the region everything is kept except the step-1 boilerplate, the
   boxes it was bridged over, and the site's lines among the text (rows of ad
   slots' labels, prompts to click); outside it everything is hidden, with a reason
   from what the block is and the section it sits in;
5. the dateline and byline next to the body are lifted out as metadata;
6. feed evidence (lines recurring on many pages of the same site) and the
   user's rules are applied last; `keep` rules win over everything.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from reader.core.clean_lexicon import AUTHOR_HEADINGS
from reader.core.clean_region import (
    BLOCK_COST,
    LEAD_WINDOW,
    MAX_SUBHEADING_WORDS,
    MIN_PROSE_WORDS,
    PageView,
    _closing_furniture,
    _post_header,
    anchored_region,
    announced_code,
    attach_closing_run,
    attach_code_sample,
    attach_content_list,
    attach_first_section,
    attach_following_runs,
    attach_interview,
    attach_last_section,
    attach_lead,
    attach_live_entries,
    attach_point_list,
    attach_post_head,
    attach_preceding_runs,
    attach_quote_source,
    attach_sections,
    attach_sibling_items,
    attach_standfirst,
    attach_statement_section,
    attach_subsection,
    attach_text_after_own_lines,
    closing_label,
    continuation_line,
    cut_at_comments,
    extend_region,
    filing_line,
    footer_breaks,
    has_chrome,
    is_data_item,
    is_paragraph,
    links_intro,
    long_line_region,
    marked_item,
    notice,
    opens_like_links,
    paragraph_follows,
    post_under_headline,
    score_blocks,
    section_text,
    sentence_list,
    sentence_region,
    short_label,
    short_paragraph,
    statements_under,
    template_records,
    widget_box,
)
from reader.core.clean_signals import (
    STAMP_RE,
    YEAR_RE,
    block_key,
    ends_in_colon,
    ends_sentence,
    is_byline,
    is_caption,
    is_long_byline,
    is_signature,
)
from reader.core.formats.text import split_text_blocks
from reader.core.models import CleanResult, Rules, make_blocks

__all__ = ["FeedEvidence", "clean_blocks", "clean_text", "split_text_blocks"]

# A line on at least this share of a feed's pages (and on two or more) is site chrome.
FEED_MIN_SHARE = 0.34
# Short non-sentence lines on two pages or more already count ("Latest news" items
# rotate, so each is on only a few pages).
FEED_SHORT_WORDS = 12
# Share of a page's text found on other pages of the feed that means a copy of it.
COPY_SHARE = 0.5


@dataclass
class FeedEvidence:
    """Line recurrence across the pages of one feed (the cleaned page included).

    Site navigation, footers and "Latest news" items repeat from page to page of
    a site while article text does not, so a line seen on many pages of the same
    feed is boilerplate whatever it looks like on a single page.
    """

    pages: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    # The page being cleaned is still to be counted (`plus_page`): `clean_blocks`
    # adds it with the keys it has already worked out for its blocks.
    page_pending: bool = False

    @classmethod
    def build(cls, pages: Iterable[Sequence[str]]) -> FeedEvidence:
        ev = cls()
        for blocks in pages:
            ev.add_keys(map(block_key, blocks))
        return ev

    def add_keys(self, keys: Iterable[str]) -> None:
        """Count one more page, given the `block_key` of each of its blocks."""
        self.pages += 1
        counts = self.counts
        for key in set(keys):
            if key:
                counts[key] = counts.get(key, 0) + 1

    def plus_page(self) -> FeedEvidence:
        """This evidence with the cleaned page counted too (by `clean_blocks`, which
        knows its blocks' keys: they are not worked out twice). Only for `clean_blocks`."""
        return FeedEvidence(self.pages, self.counts, page_pending=True)

    def with_keys(self, keys: Iterable[str]) -> FeedEvidence:
        """A copy with one more page counted (`add_keys`); this one is unchanged."""
        ev = FeedEvidence(self.pages, dict(self.counts))
        ev.add_keys(keys)
        return ev

    def seen(self, block: str) -> int:
        """On how many pages of the feed the block is."""
        return self.counts.get(block_key(block), 0)

    def recurs(self, block: str, copies: int = 1) -> bool:
        """True when the block is on enough pages of the feed to be site chrome.
        `copies`: how many copies of the cleaned page the feed holds (they do not
        count as other pages)."""
        return self.recurs_key(block, block_key(block), copies)

    def recurs_key(self, block: str, key: str, copies: int = 1) -> bool:
        """`recurs` for a block whose `block_key` is known."""
        pages = self.pages - (copies - 1)
        seen = self.counts.get(key, 0) - (copies - 1)
        if pages < 2 or seen < 2:
            return False
        if seen >= FEED_MIN_SHARE * pages:
            return True
        return key.count(" ") < FEED_SHORT_WORDS and not ends_sentence(block)


def clean_blocks(
    blocks: Sequence[str],
    title: str | None = None,
    *,
    feed: FeedEvidence | None = None,
    rules: Rules | None = None,
    links: Sequence[float] = (),
) -> CleanResult:
    """Label every block body or boilerplate (order and text untouched). `links`: the
    share of each block's text in links, from a format whose blocks' plain words keep
    no link (HTML)."""
    n = len(blocks)
    page = PageView.build(blocks, block_key(title or ""), links)
    scores = score_blocks(page)
    recurring = _recurring(page, scores, feed)
    for i in range(n):
        if recurring[i]:
            scores[i] = min(scores[i], -BLOCK_COST)
    breaks = footer_breaks(page)
    labels = _Labels(hidden=[True] * n, reason=[""] * n)
    dateline = byline = None
    authored = n > 0 and not has_chrome(page, scores, recurring)
    region = None
    echoes = range(0)
    if n and not authored:
        region = (
            anchored_region(page, scores, breaks)
            or sentence_region(page, breaks)
            or long_line_region(page, breaks)
        )
        region = post_under_headline(page, scores, breaks, region)
    if authored:
        _label_authored(page, labels)
        dateline = _take_dateline(page, labels, 0)
        byline = _take_byline(page, labels, 0, n - 1)
    elif region is None:
        _label_outside(page, labels, 0, n, before=True)
    else:
        gaps: list[range] = []
        first, last = attach_following_runs(page, scores, breaks, *region, gaps)
        first = attach_preceding_runs(page, scores, breaks, first, gaps)
        first, last = attach_sections(page, scores, breaks, recurring, first, last)
        first, last = attach_lead(page, scores, breaks, first, last, gaps)
        first, last = attach_sibling_items(page, scores, breaks, first, last)
        first, cut = cut_at_comments(page, scores, first, last, gaps)
        first, last = extend_region(page, first, cut)
        last = _attach_tail(page, scores, breaks, recurring, first, last)
        records = template_records(page, breaks, last)  # product boxes, a meal plan's days
        last = records.stop - 1 if records else last
        if last > cut:
            # the body grew at its end (a last list, its closing lines): the text that
            # carries on after a box is looked for from its new end as well, and the
            # text's own parts under what that takes in
            first, last = attach_following_runs(page, scores, breaks, first, last, gaps)
            last = _attach_tail(page, scores, breaks, recurring, first, last)
        first = attach_standfirst(page, first)
        first = attach_post_head(page, scores, breaks, recurring, first)
        first = attach_first_section(page, first, last)
        tags = -1  # a line closing the article inside the body (`closing_label`)
        for k in range(first + 1, last):
            nxt = page.infos[k + 1]
            if closing_label(page, k) and not (is_paragraph(nxt) and scores[k + 1] > 0):
                last = k - 1
                tags = k
                break
        widget = _widget_intro(page, first, last)
        if widget >= 0 and _box_text_follows(page, widget):
            last = widget - 1
        echoes = _echo_list(page, first, last)
        first, last = _without(scores, echoes, first, last)
        gallery = _gallery_after(page, last)
        last = gallery.stop - 1 if gallery else last
        last = _before_post_notes(page, first, last)
        if _sign_off(page, last + 1):
            last += 1  # "Posted by Ann Lee, Harbour Master" under the text
        last = _post_close(page, breaks, last)
        if (tail := _article_tail(page, recurring, last)) > last:
            # the text's own parts may go on under its closing lines ("Nobody minded.",
            # then a subsection)
            last = _attach_tail(page, scores, breaks, recurring, first, tail)
        last = _before_thread(page, first, last)  # then a notice over the thread falls too
        while last > first and _site_notice(page, last):
            last -= 1  # the site's notices under the text ("comments powered by ...")
        intros = last
        while last > first and _intro_reason(page, last):
            last -= 1
        dated = _dated_links(page, first, last)
        last = dated.start - 1
        note = range(_before_author_note(page, first, last) + 1, last + 1)
        note = note or _signed_author_box(page, first, last)
        last = note.start - 1
        _label_outside(page, labels, 0, first, before=True)
        _label_region(page, scores, labels, first, last)
        _label_gaps(page, scores, labels, gaps, first, last)
        _label_outside(page, labels, last + 1, n, before=False)
        for i in note:
            if labels.reason[i] == "after article":
                labels.set(i, True, "about the author")
        for i in range(note.stop, intros + 1):
            if not page.infos[i].hard:
                labels.set(i, True, _intro_reason(page, i))
        for i in dated:
            labels.set(i, True, "section heading" if i == dated.start else "related-links list")
        if widget >= 0:
            labels.set(widget, True, "section heading")
            labels.set(widget + 1, True, "template code")
        if tags >= 0 and not page.infos[tags].hard:
            labels.set(tags, True, "related link")
        for i in gallery:
            if i <= last and labels.reason[i] == "photo caption":
                labels.set(i, False, "")
        for i in records:
            if i <= last:  # their heading and fixed lines are the list's, not a box's
                labels.set(i, bool(page.infos[i].hard), page.infos[i].hard)
        _label_author_box(page, labels)
        dateline = _take_dateline(page, labels, first)
        byline = _take_byline(page, labels, first, last)
        _hide_second_copy(page, labels, first, last)
    for i in echoes:
        labels.set(i, True, "related-links list")
    for i in range(n):
        if recurring[i] and not _kept_subheading(page, labels, i):
            # a label that says what the block is stays
            named = labels.hidden[i] and (page.infos[i].hard or labels.reason[i] in _METADATA)
            labels.set(i, True, labels.reason[i] if named else "recurs across feed")
    if rules:
        _apply_rules(blocks, labels, rules)
    out = make_blocks(blocks, labels.hidden, labels.reason)
    return CleanResult(blocks=out, dateline=dateline, byline=byline)


_METADATA = frozenset({"byline", "dateline", "date line"})

# A paragraph of a copy: at least this many words (CJK: weight), ending a sentence.
COPY_PARAGRAPH_WORDS = 15
# A copy holds at least this many such paragraphs in a row.
MIN_COPY_PARAGRAPHS = 2
# The line heading a copy (a byline, a date) is short and no sentence.
MAX_COPY_HEADING_WORDS = 12
REPEATED_COPY = "repeated copy of the article"


def _hide_second_copy(page: PageView, labels: _Labels, first: int, last: int) -> None:
    """Hide one of two copies of the article that the body holds (a page printing its
    story twice, for the screen and for printing): a run of kept blocks with at least
    MIN_COPY_PARAGRAPHS paragraphs of prose, repeated word for word (whitespace aside)
    later in the body, each copy under the same heading line (its byline or date): the
    whole article printed twice, not a passage quoted again; or a teaser of the story
    right over its heading line (`_teaser_before`). Showing one copy hides nothing of
    the story. Short lines repeated (a song's chorus, a refrain) are never a copy, nor
    is one paragraph printed again (a pull quote). Two equal copies with nothing over
    the first are left: nothing tells them from a page that means to print both."""
    infos, counts = page.infos, page.counts
    if sum(1 for i in range(first, last + 1) if counts[infos[i].key] > 1) < 2 * MIN_COPY_PARAGRAPHS:
        return  # (most pages: no line of the body is on the page twice)
    kept = [i for i in range(first, last + 1) if not labels.hidden[i]]
    prose = [infos[i].weight >= COPY_PARAGRAPH_WORDS and infos[i].terminal for i in kept]
    again = [pr and counts[infos[i].key] > 1 for pr, i in zip(prose, kept, strict=True)]
    # paragraphs before each place in `kept`: a count between two places in one step,
    # where a slice of `prose` for each copy found made a page of many copies quadratic
    ahead = list(accumulate(prose, initial=0))
    texts = [" ".join(page.texts[i].split()) for i in kept]
    seen: dict[str, int] = {}  # a paragraph -> where in `kept` it stands first
    q = 0
    while q < len(kept):
        if not again[q]:
            q += 1
            continue
        p = seen.setdefault(texts[q], q)
        size = 0  # the run repeated at p, from q on
        while q + size < len(kept) and p + size < q and texts[p + size] == texts[q + size]:
            size += 1
        if ahead[q + size] - ahead[q] >= MIN_COPY_PARAGRAPHS and (
            _same_heading(page, kept[p], kept[q]) or _teaser_before(page, kept, ahead, p, q, size)
        ):
            for k in _copy_to_hide(ahead, p, q, size):
                labels.set(kept[k], True, REPEATED_COPY)
        q += max(size, 1)


def _same_heading(page: PageView, a: int, b: int) -> bool:
    """Blocks `a` and `b` stand under the same short line that is no sentence (a
    byline, a date), hidden or not."""
    return (
        a > 0
        and _heading_line(page, a - 1)
        and " ".join(page.texts[a - 1].split()) == " ".join(page.texts[b - 1].split())
    )


def _heading_line(page: PageView, k: int) -> bool:
    """Block `k` could head a copy of the article: a short line, no sentence (a byline,
    a date line, the headline)."""
    info = page.infos[k]
    return 0 < info.words <= MAX_COPY_HEADING_WORDS and not info.terminal


def _teaser_before(
    page: PageView, kept: Sequence[int], ahead: Sequence[int], p: int, q: int, size: int
) -> bool:
    """The copy at p is a teaser of the story at q: the story's heading line (its
    byline) is all that stands between them, and the story carries on past the copy
    (`ahead`: the paragraphs before each place in `kept`)."""
    end, start = kept[p + size - 1], kept[q]
    return end + 2 == start and _heading_line(page, start - 1) and ahead[-1] > ahead[q + size]


def _copy_to_hide(ahead: Sequence[int], p: int, q: int, size: int) -> range:
    """Of the copies at p and q (`size` kept blocks each), the one that is not the
    fuller: the earlier, unless the text carries on after it and the later one ends
    the body (a teaser printed after the story). When both carry on, neither is a
    plain copy (empty range). `ahead`: the paragraphs before each place."""
    if ahead[q] == ahead[p + size]:
        return range(p, p + size)
    if ahead[-1] == ahead[q + size]:
        return range(q, q + size)
    return range(0)


def _widget_intro(page: PageView, first: int, last: int) -> int:
    """The block inside the body that announces a box of the site's loaded by a script,
    or -1: a label ending in a colon that opens like a box of links ("Related on our
    site:", `links_intro`) right over the script's placeholder ("Loading slideshow",
    "Loading..."). Both are the site's furniture."""
    for k in range(first + 1, last):
        if widget_box(page, k):
            return k
    return -1


def _box_text_follows(page: PageView, widget: int) -> bool:
    """What follows a script's box (`_widget_intro`) is the box's text when it opens
    with MIN_SLIDES slides, each a title over one paragraph (its caption): the box's
    items, however much they read like prose. A paragraph there is the article going
    on past a box whose text the page did not hold; so is a subheading over two
    paragraphs or more (an inline video's box in the middle of the story)."""
    start = widget + 2
    if start + 2 * MIN_SLIDES > len(page.infos):
        return False
    return all(
        not is_paragraph(page.infos[k]) and is_paragraph(page.infos[k + 1])
        for k in range(start, start + 2 * MIN_SLIDES, 2)
    )


# A script's box holds its text when at least this many slides open it.
MIN_SLIDES = 2


def _gallery_after(page: PageView, last: int) -> range:
    """The photo gallery right after the body's last block, when there is one: at
    least MIN_GALLERY_CAPTIONS captions in a row, each a sentence with its credit
    ("A man in a pumpkin mask waits for the parade. (Ann Lee/Agency)"). A gallery
    article is a paragraph over its photos, and the captions are its text; a single
    caption inside a story stays a caption."""
    n = len(page.infos)
    k = last + 1
    while k < n and _gallery_caption(page, k):
        k += 1
    return range(last + 1, k) if k - last - 1 >= MIN_GALLERY_CAPTIONS else range(0)


def _gallery_caption(page: PageView, k: int) -> bool:
    """Block `k` is a photo's caption of a sentence or more, with its credit."""
    info = page.infos[k]
    if info.words < MIN_PROSE_WORDS or (info.hard and info.hard != "photo caption"):
        return False
    return info.hard == "photo caption" or is_caption(page.texts[k], info)


MIN_GALLERY_CAPTIONS = 4


def _echo_list(page: PageView, first: int, last: int) -> range:
    """A list of links to what others wrote about the site's posts, among blocks
    `first` to `last` ("Ann on Why the late boat matters", "Bob on Harbour fees"): at
    least MIN_ECHOES lines in a row, each a name, a word that links ("on", "sur", "о"),
    and a title the page prints elsewhere on its own; the lines around them with the
    same linking word belong to the list too. Empty when there is none."""
    run: list[int] = []
    link = ""
    for i in range(first, last + 1):
        word = _echo_link(page, i)
        if word and (not run or (i == run[-1] + 1 and word == link)):
            run.append(i)
            link = word
        elif len(run) >= MIN_ECHOES:
            break
        else:
            run = [i] if word else []
            link = word
    if len(run) < MIN_ECHOES:
        return range(0)
    lo, hi = run[0], run[-1]
    while lo > 0 and _links_with(page, lo - 1, link):
        lo -= 1
    while hi + 1 < len(page.infos) and _links_with(page, hi + 1, link):
        hi += 1
    rest = (k for k in range(first, last + 1) if not lo <= k <= hi)
    if not any(page.infos[k].words >= MIN_PROSE_WORDS and page.infos[k].terminal for k in rest):
        return range(0)  # nothing else to choose: the list is all the body holds
    return range(lo, hi + 1)


def _without(scores: Sequence[float], part: range, first: int, last: int) -> tuple[int, int]:
    """The region `first`..`last` without `part` at its start or its end (from the
    next or to the previous block of text); a part inside it is hidden by label."""
    if part and part.start <= first:
        first = next((k for k in range(part.stop, last + 1) if scores[k] > 0), first)
    elif part and part.stop > last:
        last = next((k for k in range(part.start - 1, first - 1, -1) if scores[k] > 0), last)
    return first, last


def _echo_link(page: PageView, i: int) -> str:
    """The linking word of block `i` when it reads "<name> <word> <a title the page
    prints on its own>", else ""."""
    info = page.infos[i]
    if not MIN_ECHO_WORDS <= info.words <= MAX_ECHO_WORDS:
        return ""
    key = info.key  # words joined by single spaces
    counts = page.counts
    start = key.find(" ") + 1  # where word 1 starts
    for _ in range(min(MAX_ECHO_NAME, info.words - 3)):
        end = key.find(" ", start)  # word `d` (the link) is key[start:end]
        if end < 0:
            break
        if counts.get(key[end + 1 :], 0):
            return key[start:end]
        start = end + 1
    return ""


def _links_with(page: PageView, i: int, link: str) -> bool:
    """Block `i` reads "<name> <link> <title>", the title anywhere."""
    info = page.infos[i]
    if not MIN_ECHO_WORDS <= info.words <= MAX_ECHO_WORDS:
        return False
    return link in info.key.split(None, MAX_ECHO_NAME + 1)[1 : MAX_ECHO_NAME + 1]


MIN_ECHOES = 3
MIN_ECHO_WORDS = 4
MAX_ECHO_WORDS = 24
# A commenter's name is at most this many words.
MAX_ECHO_NAME = 4


def _before_post_notes(page: PageView, first: int, last: int) -> int:
    """The region's last block once the notes a blog prints under a post are left
    out ("This entry was posted on ... and is filed under ...", "Posted by Ann at
    9:41", "A version of this article appeared in print ..."): from the first such
    note that only short lines or other notes follow."""
    end = last
    cut = last + 1
    while end > first:
        if _POST_NOTE_RE.match(page.texts[end]):
            cut = end
        elif page.infos[end].words >= MIN_PROSE_WORDS:
            break
        end -= 1
    return cut - 1


_POST_NOTE_RE = re.compile(
    r"\s*(?:this (?:entry|post|article|story) (?:was|is) (?:posted|filed|published|written) "
    r"|this was written by .{1,60}?\. posted "  # "This was written by Ann. Posted on ..."
    r"|posted (?:by|on|in|at) |filed (?:under|in) |a version of this (?:article|story) "
    r"|if you (?:enjoyed|liked) this |you can follow any responses |disclaimer\b"
    r"|to receive these entries )",
    re.IGNORECASE,
)


def _sign_off(page: PageView, k: int) -> bool:
    """Block `k`, right after the body, is the post's sign-off: a signature with the
    writer's role and no date or time ("Posted by Ann Lee, Harbour Master", or a name
    and a role in lower case: `_named_role`), the post's last line. (With a date it is
    the blog's note: "Posted by Ann at 9:41".)"""
    if k >= len(page.infos):
        return False
    info = page.infos[k]
    text = page.texts[k]
    return not info.dated and "," in text and (is_signature(text, info) or _named_role(text))


def _named_role(text: str) -> bool:
    """`text` is a writer's name and role, the way a sign-off without "by" reads in
    languages that write a role in lower case ("Иван Петров, корреспондент", "Jan Nowak,
    dziennikarz", "Μαρία Παπαδοπούλου, δημοσιογράφος"): two or three capitalised words, a
    comma, and one to MAX_ROLE_WORDS words in lower case. (Uncased scripts have no
    capitals to know a name by.)"""
    m = _NAMED_ROLE_RE.match(text)
    return (
        m is not None
        and all(w[:1].isupper() for w in m.group(1).split())
        and m.group(2)[:1].islower()
    )


MAX_ROLE_WORDS = 5
_NAMED_ROLE_RE = re.compile(
    r"\s*((?:[^\W\d_][\w'’.-]*\s+){1,2}[^\W\d_][\w'’-]*),\s+"
    rf"([^\W\d_][\w-]*(?:\s+[\w-]+){{0,{MAX_ROLE_WORDS - 1}}})\s*$"
)


def _post_close(page: PageView, breaks: Sequence[bool], last: int) -> int:
    """The body's last block once the post's own closing lines are taken in: the
    sentences between the text (block `last`) and the line that closes the post with
    its date or time ("at 2:30 PM", "Posted by Ann on May 2, 2012", "May 2, 2012 |
    Permalink": `_post_header`), at most MAX_CLOSE_LINES lines on, with nothing between
    but boilerplate hidden wherever it stands (a tags line, a share bar). A blogger's
    sign-off ("Namaste!", "What say you?") or a note on where the post came from is
    the post's, inside it; the site's notes ("A version of this article appeared
    ...": `_POST_NOTE_RE`), its notices, a label ending in a colon and a copyright line
    are not."""
    infos = page.infos
    end = min(len(infos), last + 2 + MAX_CLOSE_LINES)
    close = next((k for k in range(last + 1, end) if _post_header(page, k)), -1)
    if close < 0 or breaks[close]:
        return last
    lines = [k for k in range(last + 1, close) if not infos[k].hard]
    if not all(_closing_sentence(page, k) for k in lines):
        return last
    return lines[-1] if lines else last


def _article_tail(page: PageView, recurring: Sequence[bool], last: int) -> int:
    """The body's last block once its closing short lines are taken in: the lines
    between the text (block `last`) and the first line of the page's furniture (a
    section heading, a footer line, boilerplate wherever it stands, a line that recurs
    across the feed) or the page's end, when the first of them is a short sentence
    (`short_paragraph`: "Start early."), up to the last such sentence among them
    (with a list's "Cars: 2 euros" lines before it). Nothing condemns them: short,
    said once, no link, no label ending in a colon, no date, no site notice; a run of
    more than MAX_TAIL_LINES, or one that ends at a line that is neither, is left out
    (no furniture bounds it). A teaser's headline is no sentence ("Storm warning"),
    nor is a site's prompt ("What is this?"). Losing the article's last lines is worse
    than showing a teaser's line."""
    infos, n = page.infos, len(page.infos)
    end = last
    for k in range(last + 1, min(n, last + 2 + MAX_TAIL_LINES)):
        info = infos[k]
        if _closing_furniture(info) or recurring[k]:
            return end
        sentence = short_paragraph(page, k)
        if not _tail_line(page, k) or (k == last + 1 and not sentence):
            return last
        if sentence:
            end = k
    return end if last + 1 + MAX_TAIL_LINES >= n else last


def _before_thread(page: PageView, first: int, last: int) -> int:
    """The body's last block once a readers' thread that opens inside its end is
    left out: when a run of posts found by its shape (`PageView.threads`) starts in
    the body's last MAX_POST_HEAD_LINES blocks and goes on past it, the body ends
    over the run's first block. The scorer sinks the thread from its first timed
    header, and the first post's own line over it ("1. Ann says:") is a short line
    that scores like the text's last, so the body took it in; the run begins there
    (`_readers_posts`) because the later posts' lines of the same mark are theirs.
    Only the run's head is cut: a run that starts further up the body is no thread
    glued to the text's end, and hiding the article's text is the worst fault. An
    article's own numbered list ("1. Preheat the oven") has no timed, signed headers
    and makes no run."""
    for run in page.threads:
        if last - MAX_POST_HEAD_LINES < run.start <= last < run.stop - 1 and run.start > first:
            return run.start - 1
    return last


# The first post's lines over its timed header that the body may have taken in.
MAX_POST_HEAD_LINES = 2


def _tail_line(page: PageView, k: int) -> bool:
    """Block `k` is a short line nothing marks as the site's (`_article_tail`)."""
    info, text = page.infos[k], page.texts[k]
    return (
        0 < info.words <= MAX_SUBHEADING_WORDS
        and page.counts[info.key] == 1
        and not info.dated
        and not ends_in_colon(text)
        and "://" not in text
        and "www." not in text
        and not notice(info.key)
        and _POST_NOTE_RE.match(text) is None
    )


# An article's closing short lines: at most this many before the page's furniture.
MAX_TAIL_LINES = 6


def _closing_sentence(page: PageView, k: int) -> bool:
    """Block `k` is a sentence of the post's close (`_post_close`)."""
    info, text = page.infos[k], page.texts[k]
    return (
        info.terminal
        and not info.footer
        and not ends_in_colon(text)
        and not notice(info.key)
        and _POST_NOTE_RE.match(text) is None
    )


MAX_CLOSE_LINES = 3


def _dated_links(page: PageView, first: int, last: int) -> range:
    """The list of the blog's dated posts that ends the body, with the line that
    announces it (empty when there is none): a short line ending in a colon ("On this
    day in other years:"), then MIN_DATED_LINKS or more short lines each ending in a
    dash and a year ("Harbour lights - 2009"), up to block `last`. Titles that carry
    their year are links to other posts, not the text's own list (whose items say
    more than a title), and a blog lists them newest first: a timeline, oldest first
    ("Key dates:", "First crossing - 1998", ...), is the text's."""
    k = last
    while k > first and _dated_link(page, k):
        k -= 1
    years = [page.texts[i].rstrip()[-4:] for i in range(k + 1, last + 1)]
    if (
        len(years) >= MIN_DATED_LINKS
        and years == sorted(years, reverse=True)
        and years[0] != years[-1]
        and 0 < page.infos[k].words <= MAX_SUBHEADING_WORDS
        and ends_in_colon(page.texts[k])
    ):
        return range(k, last + 1)
    return range(last + 1, last + 1)


def _dated_link(page: PageView, k: int) -> bool:
    """Block `k` is a post's title with its year ("Harbour lights - 2009")."""
    return 0 < page.infos[k].words <= MAX_LINK_WORDS and bool(_TITLE_YEAR_RE.search(page.texts[k]))


MIN_DATED_LINKS = 3
_TITLE_YEAR_RE = re.compile(r"\S\s+[-–—|]\s*(?:19|20)\d\d\s*$")


def _site_notice(page: PageView, i: int) -> bool:
    """Block `i`, the body's last, is the site's notice, at most MAX_NOTICE_LINE_WORDS
    words: a prompt to click ("Click here to get our headlines on your phone."), or a
    notice of its comment system, newsletter or subscription (`notice`) that is no
    sentence ("comments powered by Disqus") or a blurb of two ("Follow me on Twitter.
    Subscribe to new posts by email."). A single sentence about comments is the
    author's ("Let us know in the comments below!"), and stays."""
    info = page.infos[i]
    if not 0 < info.words <= MAX_NOTICE_LINE_WORDS:
        return False
    if _CLICK_RE.match(page.texts[i]):
        return _click_prompt(page, i)
    if not notice(info.key):
        return False
    return not info.terminal or _NEXT_SENTENCE_RE.search(page.texts[i]) is not None


def _click_prompt(page: PageView, i: int) -> bool:
    """Block `i` is the site's prompt to click, wherever it stands in the body ("Click
    here for more sailing headlines!", "CLICK HERE to get the app"): at most
    MAX_NOTICE_LINE_WORDS words. One announcing links or sharing ("Click to share this
    via:") is `_intro_reason`'s; a longer one tells what the link holds, as the text's
    own sentence ("Click here to find out which nine other stocks ... this week")."""
    text = page.texts[i]
    return (
        0 < page.infos[i].words <= MAX_NOTICE_LINE_WORDS
        and _CLICK_RE.match(text) is not None
        and not ends_in_colon(text)
    )


def _site_line(page: PageView, i: int) -> str:
    """Why block `i`, a line of the body, is the site's and not the text's ("" when it
    is not), wherever it stands: a line of at most MAX_NOTICE_LINE_WORDS words that is
    - a prompt to follow the site or its writer ("Follow @harbourdesk", "Like us on
      Facebook!", "Connect with us on Twitter": the verb first, then a handle or
      "us"/"me" on a named network), or a row of two networks or more with their
      followers ("Twitter (1,204 followers) • Facebook (310 likes)");
    - a link that moves a screen reader about the page ("Skip to next paragraph",
      "Start of sidebar. Skip to end of sidebar."), MAX_SKIP_WORDS words at most;
    - the site's offer of its ad space ("Reach our readers - Advertise With Us"), no
      sentence, "Advertise" with a capital as a link reads;
    - a media widget's link (`_media_link`).
    News pages put these between the paragraphs. A sentence that only starts the same
    way ("Like me, she ...", "Back to the quay they went", "Firms that advertise on TV
    ...") names no network, moves nowhere, offers nothing, and stays."""
    info = page.infos[i]
    if not 0 < info.words <= MAX_NOTICE_LINE_WORDS:
        return ""
    text = page.texts[i]
    if _FOLLOW_RE.match(text) or ("(" in text and len(_FOLLOWERS_RE.findall(text)) >= 2):
        return "prompt to follow"
    if info.words <= MAX_SKIP_WORDS and _SKIP_RE.match(text):
        return "navigation"
    if info.terminal:
        return ""
    if "Advertise" in text and _ADVERTISE_RE.search(text):
        return "advertisement"
    return "media link" if _media_link(page, i) else ""


def _media_link(page: PageView, i: int) -> bool:
    """Block `i`, a short line and no sentence (`_site_line`), is a media widget's link
    in the body: a photo count ("23 Photos"), a line ending in the widget's button
    ("... Watch Video", "View the Full Gallery »", "View Full Size"), or the gallery's
    title between its count and its button. A sentence ("Watch the video to see
    why.") is text."""
    if _MEDIA_RE.search(page.texts[i]):
        return True
    return (
        0 < i < len(page.infos) - 1
        and _PHOTO_COUNT_RE.fullmatch(page.texts[i - 1]) is not None
        and _short_media_line(page, i + 1)
        and _MEDIA_RE.search(page.texts[i + 1]) is not None
    )


def _short_media_line(page: PageView, i: int) -> bool:
    """Block `i` could be a widget's line: at most MAX_LINK_WORDS words, no sentence."""
    info = page.infos[i]
    return 0 < info.words <= MAX_LINK_WORDS and not info.terminal


# a photo count, or a media widget's button at the line's end
_PHOTO_COUNT_RE = re.compile(r"\s*\d+ (?:photos|pictures|images)\s*", re.IGNORECASE)
_MEDIA_RE = re.compile(
    r"^\s*\d+ (?:photos|pictures|images)\s*$|(?:watch video|view (?:the )?(?:full )?"
    r"(?:gallery|size|interactive))\W*$",
    re.IGNORECASE,
)
MAX_SKIP_WORDS = 10
_SKIP_RE = re.compile(
    r"\s*(?:(?:start|end) of (?:the )?\w+\.\s+)?(?:skip|jump|return|back) to (?:the )?"
    r"(?:start|end|top|main|next|previous|content|navigation)\b",
    re.IGNORECASE,
)
MAX_NOTICE_LINE_WORDS = 15
# "Advertise On ...", "Advertise with us", "Advertise here"
_ADVERTISE_RE = re.compile(r"\bAdvertise (?i:on|with|here)\b")
# "Follow @handle", or "Follow us on Twitter" with the network named
_FOLLOW_RE = re.compile(
    r"\s*(?:follow|like|connect with|find|join) (?:@\w|(?:us|me) on "
    r"(?:twitter|facebook|instagram|linkedin|pinterest|google|youtube|tumblr)\b)",
    re.IGNORECASE,
)
# "(1,204 followers)": a network's link with its count
_FOLLOWERS_RE = re.compile(
    r"\(\d[\d,.]*k? (?:followers|likes|fans|subscribers|contacts)\)", re.IGNORECASE
)
# a prompt to click, in the page's words for it
_CLICK_RE = re.compile(r"\s*(?:click (?:here|to)|kliknij|cliquez|haga clic|clicca|нажмите)\b", re.I)
# a sentence's end with another sentence after it
_NEXT_SENTENCE_RE = re.compile(r"[.!?]\s+[^\W\d_]")


def _intro_reason(page: PageView, i: int) -> str:
    """Why block `i`, the body's last, is left out ("" when it is not): a short line
    ending in a colon that announces links rather than more of the text. It opens like
    a teaser list's heading ("More world stories from our site:", "Other news:") or asks
    to share ("If you enjoyed this, please share it on:", or a share bar follows it), or
    it is a widget's label of three words at most (`short_label`: "Save it to:", "You
    might like:"), whose buttons or links the page's text lost.
    What it announced is not the article (it was left out), so the line is not either.
    A colon line that announces the text's own list, quote or video ("Twitter seemed
    confused by the campaign:", "Watch the video below:") stays."""
    info = page.infos[i]
    if not 0 < info.words <= MAX_SUBHEADING_WORDS or not ends_in_colon(page.texts[i]):
        return ""
    if reason := links_intro(info.key):
        return reason
    if i + 1 < len(page.infos) and page.infos[i + 1].hard == "share bar":
        return "share bar"
    if short_label(page, i):
        return "widget label"  # "Save it to:", "Also worth reading:": its buttons or links lost
    return ""


def _before_author_note(page: PageView, first: int, last: int) -> int:
    """The region's last block once a note about the author is left out: after the
    text or over its last paragraph, an "About Ann Lee" line (or the name alone over
    a paragraph in the first person: "Ann", "I am a teacher ..."), or a last paragraph
    that opens with the name the page signs the article with ("by Ann Lee" ... "Ann
    Lee is a writer who ...")."""
    end = _last_prose(page, first, last)
    if end <= first or not any(_ABOUT_RE.match(page.texts[k]) for k in range(end - 1, last + 1)):
        return last  # nothing there could say who someone is: the names are not needed
    names = _author_names(page)
    if not names or len(names) > MAX_SIGNERS:
        return last
    if end - 1 > first and _heads_author_note(page.texts[end - 1], page.texts[end], names):
        end -= 2  # "About Ann Lee" over the last paragraph, or "Ann" over "I am a ..."
    elif _about(page.texts[end], names):
        end -= 1
    elif not any(_about(page.texts[k], names) for k in range(end + 1, last + 1)):
        return last
    return _last_prose(page, first, end)


def _signed_author_box(page: PageView, first: int, last: int) -> range:
    """The author box that ends the region, signature line to `last` (empty when there
    is none): a line signed with a name after the text ("Author: Ann Lee", "by Ann
    Lee"), at most MAX_BOX_LINES short lines ("Follow me"), then the region's last
    paragraph, in which the name (whole, or its first word) is the subject of a verb
    in the first sentence ("As the editor of the site, Ann spends her days ..."). A
    post's byline opens the post, above its text; signed again under it, over a
    paragraph about the signer, it heads a note about who wrote it, not the story.
    A page signed by more than MAX_SIGNERS names does not tell its author apart, as
    for `_before_author_note`."""
    none = range(last + 1, last + 1)
    if page.infos[last].words < MIN_PROSE_WORDS:
        return none
    for sign in range(last - 1, max(first, last - MAX_BOX_LINES - 1), -1):
        words = page.infos[sign].words
        if words >= MIN_PROSE_WORDS:
            break
        # as in `_author_names`: most lines have neither word, and the test is cheap
        if words > MAX_SIGNATURE_WORDS or not _SIGN_WORDS_RE.search(page.texts[sign]):
            continue
        for m in _SIGNED_RE.finditer(page.texts[sign]):
            name = " ".join(m.group(1).split())
            sentence = _FIRST_SENTENCE_RE.match(page.texts[last])
            if sentence and any(
                re.search(rf"\b{re.escape(said)} [a-z]+s\b", sentence.group())
                for said in {name, name.split(" ")[0]}
            ):
                # nothing of the text above the box, or more signers than an author
                # has (a thread's): no box
                if (
                    _last_prose(page, first, sign) <= first
                    or len(_author_names(page)) > MAX_SIGNERS
                ):
                    return none
                return range(sign, last + 1)
    return none


# Lines between the signature and the paragraph about the signer ("Follow me", "Website").
MAX_BOX_LINES = 2
_SIGN_WORDS_RE = re.compile(r"by|author", re.IGNORECASE)
# A paragraph's first sentence (its end at ". " before a capital, or the whole text).
_FIRST_SENTENCE_RE = re.compile(r".*?(?:[.!?](?=\s+[A-Z])|$)", re.DOTALL)


def _heads_author_note(line: str, paragraph: str, names: set[str]) -> bool:
    """`line` heads a note about one of `names` in `paragraph`: "About Ann Lee", or the
    name alone over a paragraph in the first person ("Ann" over "I am a teacher ...")."""
    if not _about(line, names):
        return False
    if _ABOUT_HEADING_RE.match(line):
        return True
    return " ".join(line.split()).lower() in names and bool(_FIRST_PERSON_RE.match(paragraph))


def _label_author_box(page: PageView, labels: _Labels) -> None:
    """Hide the note under each "About the author" heading as "about the author": the
    first paragraph after it, or the one after a line with the name, when it opens by
    saying who someone is ("Ann is a reporter who ..."). The heading
    closes an article, so the body can only start after it: a box above the article
    would otherwise open the body."""
    n = len(page.infos)
    for k, info in enumerate(page.infos):
        if info.section and info.heading in _AUTHOR_KEYS:
            for i in range(k + 1, min(n, k + 3)):
                if page.infos[i].words >= MIN_PROSE_WORDS:
                    if _ABOUT_RE.match(page.texts[i]):  # "Ann is a reporter who ..."
                        labels.set(i, True, "about the author")
                    break


_AUTHOR_KEYS = frozenset(map(block_key, AUTHOR_HEADINGS))


def _last_prose(page: PageView, first: int, end: int) -> int:
    """The last block from `end` back to `first` that is a paragraph, not a short line."""
    while end > first and page.infos[end].words < MIN_PROSE_WORDS:
        end -= 1
    return end


def _author_names(page: PageView) -> set[str]:
    """Names the page signs with, lower-cased ("by Ann Lee", "Author: Ann", a dated
    "Ann Lee on May 2, 2025 at 7:37 pm")."""
    names = set()
    for text, info in zip(page.texts, page.infos, strict=True):
        if info.words > MAX_SIGNATURE_WORDS:
            continue
        # the pattern needs "by" or "author" (in any case): most lines have neither,
        # and testing for them costs less than the search
        if "by" in (low := text.lower()) or "author" in low:
            for m in _SIGNED_RE.finditer(text):
                names.add(" ".join(m.group(1).split()).lower())
        elif info.dated and (on := _NAME_ON_RE.match(text)) and STAMP_RE.search(text, on.end()):
            names.add(" ".join(on.group(1).split()).lower())
    return names


MAX_SIGNATURE_WORDS = 16
# More names than this sign a comment thread's posts: the author is not told apart.
MAX_SIGNERS = 3
# "Ann Lee on May 2, 2025 at 7:37 pm": a post's signature without "by" (a dated line)
_NAME_ON_RE = re.compile(r"\s*((?:[A-Z][\w'’.-]+ ){1,2}[A-Z][\w'’.-]+) on ")
_SIGNED_RE = re.compile(
    r"(?:\bby|\bauthor:|\bposted by)\s+([^\W\d_][\w'’.-]*(?: (?-i:[A-Z])[\w'’.-]*){0,2})",
    re.IGNORECASE,
)


def _about(text: str, names: set[str]) -> bool:
    """`text` opens by saying who one of `names` is ("Ann Lee is a writer",
    "Hi, I'm Ann and I ...")."""
    m = _ABOUT_RE.match(text)
    if m is None:
        return False
    said = " ".join(m.group(1).split()).lower()
    if said in names:
        return True
    # a signer's first name alone when a verb follows it ("Ann is a reporter who ..."),
    # not a comma ("Ann, an engineer on the team, is excited to ...": a caption)
    return text[m.end(1) : m.end(1) + 1] == " " and any(
        name.startswith(said + " ") for name in names
    )


_FIRST_PERSON_RE = re.compile(r"\s*(?:i am|i['’]m|i live|i have|i['’]ve|hi|hello)\b", re.I)
_ABOUT_HEADING_RE = re.compile(r"\s*about (?:the author:? )?\S", re.IGNORECASE)
_ABOUT_RE = re.compile(
    r"\s*(?:hi,? i['’]m |hello,? i['’]m |about the author:? |about )?"
    r"([^\W\d_][\w'’.-]*(?: [^\W\d_][\w'’.-]*){0,2}?)"
    r"(?:$|[,.:] | is | was | has | lives | works | and i )",
    re.IGNORECASE,
)


def _kept_subheading(page: PageView, labels: _Labels, i: int) -> bool:
    """A subheading of the body that the feed's other posts share ("## What happened"):
    a short line kept in the body with a kept paragraph right after it."""
    info, nxt = page.infos[i], i + 1
    return (
        not labels.hidden[i]
        and 0 < info.words <= MAX_SUBHEADING_WORDS
        and not info.terminal
        and nxt < len(page.infos)
        and not labels.hidden[nxt]
        and is_paragraph(page.infos[nxt])
    )


def _recurring(page: PageView, scores: Sequence[float], feed: FeedEvidence | None) -> list[bool]:
    """Blocks that are site chrome by feed evidence.

    When most of the page's text recurs, the feed holds another copy of this very
    article (a re-scrape, a syndicated copy): then only the non-text lines count
    as recurring, or the article would be hidden as its own boilerplate."""
    n = len(page.texts)
    if feed is None:
        return [False] * n
    # the blocks' keys as `block_key` gives them: the measured key, but for Markdown
    # links (measured without their targets)
    keys = [
        info.key if "](" not in text else block_key(text)
        for text, info in zip(page.texts, page.infos, strict=True)
    ]
    if feed.page_pending:
        feed = feed.with_keys(keys)
    if feed.pages < 2:
        return [False] * n
    recurs = feed.recurs_key
    recurring = list(map(recurs, page.texts, keys))
    text = [i for i in range(n) if scores[i] > 0]
    text_weight = sum(page.infos[i].weight for i in text)
    shared = sum(page.infos[i].weight for i in text if recurring[i])
    if not text_weight or shared < COPY_SHARE * text_weight:
        return recurring
    copies = statistics.median_low(feed.counts.get(keys[i], 0) for i in text)
    return [recurs(t, key, copies) for t, key in zip(page.texts, keys, strict=True)]


def clean_text(
    text: str,
    title: str | None = None,
    *,
    feed: FeedEvidence | None = None,
    rules: Rules | None = None,
) -> CleanResult:
    """Clean a .txt page: `clean_blocks` over its non-empty lines."""
    return clean_blocks(split_text_blocks(text), title, feed=feed, rules=rules)


# --------------------------------------------------------------------------
# labels


@dataclass(slots=True)
class _Labels:
    hidden: list[bool]
    reason: list[str]

    def set(self, i: int, hidden: bool, reason: str) -> None:
        self.hidden[i], self.reason[i] = hidden, reason


# Longer lines, or sentences, are not the links of a menu or a related-links list.
MAX_LINK_WORDS = 15


def _attach_tail(
    page: PageView,
    scores: Sequence[float],
    breaks: Sequence[bool],
    recurring: Sequence[bool],
    first: int,
    last: int,
) -> int:
    """The body's last block once the text's own parts under it are taken in, one
    after the other in any order, as long as one follows: its lists (a recipe's
    ingredients, then its numbered steps), points, sections, live entries, an
    interview, a code sample, a quotation's source, subsections ("Getting there",
    then "Comments" over the author's own sentence)."""
    while True:
        grown = last
        while (more := attach_content_list(page, scores, breaks, recurring, grown)) > grown:
            grown = more
        grown = attach_point_list(page, recurring, grown)
        grown = attach_statement_section(page, grown)
        grown = attach_last_section(page, scores, breaks, first, grown)
        grown = attach_live_entries(page, recurring, grown)
        grown = attach_interview(page, recurring, grown)
        grown = attach_code_sample(page, recurring, grown)
        grown = attach_closing_run(page, recurring, grown)
        grown = attach_quote_source(page, recurring, grown)
        grown = attach_subsection(page, recurring, grown)
        grown = attach_text_after_own_lines(page, scores, breaks, recurring, grown)
        if grown == last:
            return last
        last = grown


def _label_region(
    page: PageView, scores: Sequence[float], labels: _Labels, first: int, last: int
) -> None:
    """Keep the body, except boilerplate that stands inside it: captions, ad labels,
    inline link boxes (a section heading, or a box's heading like "More from the
    blog" (`_teaser_heading`), and the lines after it that do not read as text; a
    heading over a paragraph is a subheading, and stays), and the
    publication date among the body's first lines (around a standfirst), alone or in
    the post's filing line ("May 2, 2025 | Tags: ferries"). So are the labels of a row
    of ad slots (`_slot_label`), the site's prompts to click (`_click_prompt`) and its
    other lines (`_site_line`: prompts to follow it, skip links, its offer of ad space,
    media widgets' links)."""
    in_box = False
    for i in range(first, last + 1):
        info = page.infos[i]
        lead = i < first + LEAD_WINDOW
        if lead and (
            (info.date_line and YEAR_RE.search(page.texts[i]))
            or filing_line(page, i)  # "May 2, 2025 | Tags: ferries"
        ):
            labels.set(i, True, "date line")
        elif _slot_label(page, scores, i):
            labels.set(i, True, "advertisement")
        elif _click_prompt(page, i):
            labels.set(i, True, "prompt to click")
        elif info.words <= MAX_NOTICE_LINE_WORDS and (reason := _site_line(page, i)):
            labels.set(i, True, reason)
        elif (
            (info.section or _teaser_heading(page, i))
            and not paragraph_follows(page, scores, i, last)
            and not sentence_list(page, i + 1)
            and not section_text(page, i + 1)
            and not statements_under(page, i)
        ):
            in_box = True
            labels.set(i, True, info.hard or "section heading")  # a share bar's "Share"
        elif in_box and scores[i] <= 0:
            labels.set(i, True, info.hard or "related-links list")
        elif announced_code(page, i):
            in_box = False
            labels.set(i, False, "")  # a code sample the text announces
        else:
            in_box = False
            labels.set(i, bool(info.hard), info.hard)


def _slot_label(page: PageView, scores: Sequence[float], k: int) -> bool:
    """Block `k` is the label of an ad slot: a line that earns nothing and ends no
    sentence, that stands next to a copy of itself and recurs MIN_SLOT_COPIES times or more on
    the page ("Sponsored | Ad info" over each of a row of empty slots). A writer
    does not print one caption twice in a row and again elsewhere."""
    info = page.infos[k]
    if scores[k] > 0 or info.terminal or not info.key or page.counts[info.key] < MIN_SLOT_COPIES:
        return False
    infos = page.infos
    return (k > 0 and infos[k - 1].key == info.key) or (
        k + 1 < len(infos) and infos[k + 1].key == info.key
    )


MIN_SLOT_COPIES = 3


def _teaser_heading(page: PageView, k: int) -> bool:
    """Block `k` heads a box of the site's links inside the body: a short capitalised
    line, no sentence and no "label: link", that opens like "More Harbour Notes" or
    "Related Sections" (`opens_like_links`), over a line that is no
    list item (a subheading "Other changes" over the text's own list stays)."""
    info = page.infos[k]
    if info.terminal or not 0 < info.words <= MAX_SUBHEADING_WORDS or k + 1 >= len(page.infos):
        return False
    text = page.texts[k].lstrip()
    nxt = page.infos[k + 1]
    return (
        opens_like_links(info.key)
        and text[:1].isupper()
        and ":" not in text
        and not (nxt.bullet or nxt.listed)
    )


def _label_authored(page: PageView, labels: _Labels) -> None:
    """An article someone wrote: keep everything but a repeat of its title."""
    for i, info in enumerate(page.infos):
        hide = info.hard == "repeated title"
        labels.set(i, hide, info.hard if hide else "")


def _label_gaps(
    page: PageView,
    scores: Sequence[float],
    labels: _Labels,
    gaps: Sequence[range],
    first: int,
    last: int,
) -> None:
    """Hide what the body was bridged over: an inline box between two of its runs.
    A line that carries on a sentence (`continuation_line`: it opens in lower case,
    "body and spirit are transformed by play") is a note of the text, not a box's."""
    for gap in gaps:
        if _data_list(page, gap) or _marked_list(page, gap):
            continue  # the text's own list of figures or of marked items, not a box
        for i in gap:
            if (
                first <= i <= last
                and scores[i] <= 0
                and not labels.hidden[i]
                and not continuation_line(page, i)
            ):
                labels.set(i, True, "inline box")


def _data_list(page: PageView, gap: range) -> bool:
    """The lines of `gap` are a list of data (`is_data_item`: figures, "label: value",
    "date -- place"), at least MIN_DATA_ITEMS of them and none a date line or a notice:
    results, rates or dates the text lists, where a box holds headlines."""
    items = [i for i in gap if not page.infos[i].hard]
    return len(items) >= MIN_DATA_ITEMS and all(
        not page.infos[i].kind and is_data_item(page.texts[i]) for i in items
    )


MIN_DATA_ITEMS = 3


def _marked_list(page: PageView, gap: range) -> bool:
    """The lines of `gap` are the text's own list: at least MIN_MARKED_ITEMS of them,
    and two in three or more, open with a list's mark ("1.", "2)", "-", "•"), and no
    section heading ("Related", "Most read") or footer stands among them; the rest are
    the list's intro and subheadings. A box inside an article has a heading of its
    own, or more lines of its own around its list ("Live updates", "Streaming: ...",
    "View slideshow"; "Likes:", "Dislikes:", "Gallery", "See all photos")."""
    infos = page.infos
    lines = [i for i in gap if not infos[i].hard]
    if any(infos[i].section or infos[i].footer for i in gap):
        return False
    marked = sum(1 for i in lines if marked_item(page.texts[i]))
    return marked >= MIN_MARKED_ITEMS and 3 * marked >= 2 * len(lines)


MIN_MARKED_ITEMS = 2


def _label_outside(page: PageView, labels: _Labels, lo: int, hi: int, *, before: bool) -> None:
    """Hide blocks outside the body, naming the kind of boilerplate each one is.
    A section ("Related", "Comments") runs from its heading to the page's headline, or
    after the article to a copyright line, whose section (the page's foot) follows it.

    The reason is what the block is wherever it stands (`BlockInfo.hard`), else, after
    the article, in a run of posts that `score_blocks` found by its shape with no
    heading above it (`PageView.threads`), the readers' comments: a post's header, its
    time line, its text and its "Reply" are all the thread's, though alone they read
    as a teaser's line, a date line or text after the article. Else what the block is
    by its kind (`BlockInfo.kind`: a footer, a notice, a heading, a date line), else
    what the section makes of it (comments), else a teaser list's item (numbered, or
    a line repeated on the page), else a link of the section, navigation before the
    article or text after it."""
    section = ""
    hidden, reason = labels.hidden, labels.reason
    infos, counts = page.infos, page.counts
    posts = set() if before else {k for run in page.threads for k in run if lo <= k < hi}
    for i in range(lo, hi):
        info = infos[i]
        if info.section and not (before and info.comment):
            # (before the article a comment heading is a menu's link: "评论" is a Chinese
            # site's "Opinion", not the readers' comments, which follow the article)
            section = "comments" if info.comment else "related-links list"
        elif info.hard == "repeated title":
            section = ""
        elif info.footer and not before:
            section = "footer"  # the page's foot: its links, no longer the readers' thread
        hidden[i] = True
        if info.hard:
            reason[i] = info.hard
        elif i in posts and info.kind in _POST_KINDS and section != "footer":
            reason[i] = "comments"
        elif info.kind and not (before and info.date_line and _signed(page, i)):
            reason[i] = info.kind  # (a byline with its date is a byline)
        elif section == "comments":
            reason[i] = section
        elif before and _signed(page, i):
            reason[i] = "byline"
        elif info.listed or (info.words <= 30 and counts[info.key] > 1):
            reason[i] = "teaser list"
        elif not section and info.dated and not info.terminal and STAMP_RE.search(page.texts[i]):
            reason[i] = "date line"  # "Posted on Fri, Jan. 18, 2008", "Updated 9:17 a.m."
        elif info.words <= MAX_LINK_WORDS and not info.terminal:  # a link's words
            reason[i] = section or ("navigation" if before else "after article")
        else:
            reason[i] = "before article" if before else "after article"


# What a block of a thread may be by its kind and still be a post's: a header's time
# line ("March 3, 2024 at 6:24 am"); a footer, a notice or a heading is the site's.
_POST_KINDS = frozenset({"", "date line"})


def _signed(page: PageView, i: int) -> bool:
    """Block `i` names the author: a signature or a long byline ("By Ann Lee //
    November 6th, 2025 // 6:25 pm")."""
    return is_signature(page.texts[i], page.infos[i]) or is_long_byline(
        page.texts[i], page.infos[i]
    )


def _apply_rules(blocks: Sequence[str], labels: _Labels, rules: Rules) -> None:
    """User rules beat the heuristics; a `keep` match beats a `hide` match."""
    for i, text in enumerate(blocks):
        keep = next((p for p in rules.keep if p.search(text)), None)
        if keep is not None:
            labels.set(i, False, f"user rule: {keep.pattern}")
            continue
        hide = next((p for p in rules.hide if p.search(text)), None)
        if hide is not None:
            labels.set(i, True, f"user rule: {hide.pattern}")


# --------------------------------------------------------------------------
# metadata

# An all-capitals place name, maybe followed by a dash or comma ("NEW YORK --").
_DATELINE_LINE_RE = re.compile(
    r"^([^\W\d_a-zà-öø-ÿ][^\W\d_]*(?:[ .'’-]+[^\W\d_]+){0,3})\s*(?:[–—-]{1,2}|,)?$"
)
# The same at the start of the first paragraph: "PARIS -- ...", "MANILA, Nov. 24 ...".
_DATELINE_LEAD_RE = re.compile(r"^([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .'’-]{1,30}?)(?:,| ?[–—-]{1,2} | \()")
MAX_DATELINE_CHARS = 40


def _take_dateline(page: PageView, labels: _Labels, first: int) -> str | None:
    """The dateline: a capitalised place-name line just before the body that the
    first paragraph repeats ("ANKARA" / "ANKARA – ..."), or that ends in a dash
    ("NEW YORK --"), is hidden and returned; else the place opening the first
    paragraph is returned. (A capitalised line alone may be an author name.)"""
    lead = page.texts[first].lstrip()
    for i in range(first - 1, max(-1, first - 6), -1):
        text = page.texts[i].strip()
        m = _DATELINE_LINE_RE.match(text)
        if not m or len(text) > MAX_DATELINE_CHARS or text.upper() != text:
            continue
        place = m.group(1).strip()
        if not any(c.isupper() for c in place):
            continue  # uncased scripts: no capitals to recognise a place name by
        if lead.startswith(place) or (i == first - 1 and text != place):
            labels.set(i, True, "dateline")
            return place
    m = _DATELINE_LEAD_RE.match(lead)
    if m and any(c.isupper() for c in m.group(1)) and m.group(1).upper() == m.group(1):
        return m.group(1).strip()
    return None


def _take_byline(page: PageView, labels: _Labels, first: int, last: int) -> str | None:
    """A short "By ..." line near the start of the body, else a long byline
    (`is_long_byline`) above it (hidden, and returned). A long one in the body stays
    there: the cleaner took it in with the text, and it is shown where it stands."""
    above = range(max(0, first - 8), first)
    near = range(above.start, min(last + 1, first + 3))
    for test, window in ((is_byline, near), (is_long_byline, above)):
        for i in window:
            if test(page.texts[i], page.infos[i]):
                labels.set(i, True, "byline")
                return page.texts[i].strip().strip("*_").strip()
    return None
