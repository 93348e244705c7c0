"""Boilerplate removal for scraped news pages.

A page arrives as blocks of visible text (one line each for .txt pages, one
paragraph each for Markdown). Every block is labelled body or boilerplate, with a
short human reason, so the reader can show what it hid instead of deleting it.

How, in order:
1. per-block signals (length, stopword density, sentence punctuation, code-like
   and link-farm shapes, repetition inside the page, recurrence across the feed);
2. the main body is found as the heaviest *contiguous* run of prose blocks, where
   short gaps (sub-headings, an "Advertisement" line) are bridged but section
   headings such as "Related" or a numbered teaser list end the run;
3. inside that run everything is kept except blocks that are boilerplate
   wherever they stand (repeated title, template code, share bars, ...);
4. outside it everything is hidden, with a reason from the section it sits in;
5. feed evidence and user rules are applied last (keep rules win).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reader.core.clean_lexicon import (
    AD_LABELS,
    CHROME_WORDS,
    COMMENT_HEADINGS,
    SECTION_HEADINGS,
    STOPWORDS,
)
from reader.core.models import Block, CleanResult

# --------------------------------------------------------------------------
# public types


@dataclass(frozen=True)
class Rules:
    """User corrections for one feed: lines matching `hide` are always hidden,
    lines matching `keep` are always kept (keep wins)."""

    hide: tuple[re.Pattern[str], ...] = ()
    keep: tuple[re.Pattern[str], ...] = ()


@dataclass
class FeedEvidence:
    """Line recurrence across the pages of one feed (the cleaned page included).

    Site navigation, footers and "Latest news" items repeat from page to page of
    a site while article text does not, so a line seen on many pages of the same
    feed is boilerplate whatever it looks like.
    """

    pages: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, pages: Iterable[Sequence[str]]) -> FeedEvidence:
        ev = cls()
        for blocks in pages:
            ev.pages += 1
            for key in {_key(b) for b in blocks}:
                if key:
                    ev.counts[key] = ev.counts.get(key, 0) + 1
        return ev

    def recurs(self, block: str) -> bool:
        """True when the block is on enough pages of the feed to be site chrome."""
        if self.pages < 2:
            return False
        seen = self.counts.get(_key(block), 0)
        return seen >= 2 and seen >= FEED_MIN_SHARE * self.pages


FEED_MIN_SHARE = 0.34


def split_text_blocks(text: str) -> list[str]:
    """Blocks of a .txt page: its non-empty lines, right-stripped."""
    return [line.rstrip() for line in text.splitlines() if line.strip()]


# --------------------------------------------------------------------------
# per-block signals

_WORD_RE = re.compile(r"\w+")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_TERMINAL_RE = re.compile(r"[.!?。！？…:;]['\"’”»)\]]*\s*$")
_SENTENCE_END_RE = re.compile(r"[.!?。！？](?:['\"’”»)\]]*)(?:\s|$)")
_CJK_PUNCT_RE = re.compile(r"[。、，！？]")
_TEMPLATE_RE = re.compile(
    r"\w\?\.\w|\w+\.\w+\.\w+\(|\(\)\s*[\w}]|\{\{|\}\}|\{%|%\}|<%|%>|\$\{|\w+\.\w+\.\w+\.\w+"
    r"|^\s*(?:var|function|const|let)\s+\w+|[;{}]\s*$"
)
_LINK_SEP_RE = re.compile(r"\s[|•·»›/]\s|\s[|]|[|]\s")
_NUMBERED_RE = re.compile(r"^\s*(?:\d{1,3}[.)]|[•·▪►*-])\s+\S")
_CATEGORY_PREFIX_RE = re.compile(
    r"^\s*[A-ZÀ-ÖØ-Þ&]{3,}(?:\s[A-ZÀ-ÖØ-Þ&]{3,})?\s+[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]"
)
_COPYRIGHT_RE = re.compile(r"©|\(c\)\s*\d{4}|copyright|all rights reserved", re.IGNORECASE)
_FOOTER_RE = re.compile(r"©|\(c\)\s*\d{4}|all rights reserved|copyright \d{4}", re.IGNORECASE)
_COOKIE_RE = re.compile(r"\bcookies?\b|\bprivacy policy\b|\bnewsletter\b", re.IGNORECASE)
_BYLINE_RE = re.compile(r"^\s*(?:by|von|par|por|di|door|av|af|от|автор:?)\s+\S", re.IGNORECASE)
_DATELINE_WORD_RE = re.compile(r"^[^\W\d_a-zà-öø-ÿ][^\W\d_]*(?:[ .'’-]+[^\W\d_]+){0,3}$")
# Photo captions: an end-of-line credit, "(pictured)", or "(L)"/"(2nd R)" markers.
_CREDIT = (
    r"getty images|getty|afp|ap photo|ap|reuters|epa|shutterstock|xinhua|file photo|photo"
    r"|photos|image|images|foto|fotos|bild|picture|pic|credit|crédit|crédito|fonte|source"
)
_CAPTION_RE = re.compile(
    rf"\((?:[^()]*[/|]\s*)?(?:{_CREDIT})\b[^()]{{0,50}}\)\s*$"
    rf"|\b(?:{_CREDIT})\s*:\s*[^.:!?]{{2,60}}$"
    r"|\(pictured\)|\s\((?:\d(?:st|nd|rd|th) )?(?:[LRC]|left|right|centre|center)\)\s+[a-z]"
    r"|\bsecond from (?:left|right)\b",
    re.IGNORECASE,
)
_CREDIT_LINE_RE = re.compile(rf"(?:^|[|/]\s*)(?:{_CREDIT})\s*$", re.IGNORECASE)
# "READ MORE: <headline>", "Related: <headline>": a teaser link inside the text.
_LABEL_PREFIX_RE = re.compile(r"^\s*([^:：|»]{2,30}?)\s*[:：|»]\s*\S")
_HEADING_TRIM_RE = re.compile(r"^[\W_]+|[\W_]+$")
_COUNT_RE = re.compile(r"[(\[]?\d+[)\]]?")


def _key(text: str) -> str:
    """Case- and punctuation-insensitive identity of a block, for repetition."""
    return " ".join(_WORD_RE.findall(text.casefold()))


@dataclass(slots=True)
class _Signals:
    """What the classifier needs to know about one block, computed once."""

    key: str
    words: int
    weight: float
    stop: float
    cjk: bool
    terminal: bool
    sentences: int


def _signals(text: str) -> _Signals:
    words = _WORD_RE.findall(text.casefold())
    cjk_chars = len(_CJK_RE.findall(text))
    cjk = cjk_chars > 0.3 * max(1, len(text.strip()))
    n = len(words)
    stop = sum(1 for w in words if w in STOPWORDS) / n if n else 0.0
    weight = cjk_chars / 2.0 + n if cjk else float(n)
    return _Signals(
        key=" ".join(words),
        words=n,
        weight=weight,
        stop=stop,
        cjk=cjk,
        terminal=bool(_TERMINAL_RE.search(text)),
        sentences=len(_SENTENCE_END_RE.findall(text)) + len(_CJK_PUNCT_RE.findall(text)),
    )


def _is_prose(s: _Signals, use_stopwords: bool) -> bool:
    """Running text rather than a menu item, headline or label.

    Length plus sentence punctuation carries it; stopword density only vetoes
    long headline-like lines, and only when the page's language is one the
    stopword list knows (else it is ignored)."""
    if s.cjk:
        return s.weight >= 15 and s.sentences >= 1
    if s.words < 10:
        return False
    if use_stopwords and s.stop < 0.1:
        return False
    return s.terminal or s.sentences >= 2 or s.words >= 25


def _is_sentence(s: _Signals) -> bool:
    """A short block that still reads as a sentence (kept next to the body)."""
    return s.terminal and (s.words >= 4 or s.cjk)


def _heading_key(text: str) -> str:
    """Heading text without counts, arrows and punctuation ("7 Comments »" -> "comments")."""
    return " ".join(_HEADING_TRIM_RE.sub("", _COUNT_RE.sub(" ", text.casefold())).split())


def _is_section_heading(text: str) -> bool:
    """A 'Related' / 'Latest news' / 'Comments' style heading opening a link block."""
    if len(text) > 60:
        return False
    return _heading_key(text) in SECTION_HEADINGS


def _is_chrome(s: _Signals) -> bool:
    """Share bars and similar: a short line made only of social/utility words."""
    return 0 < s.words <= 12 and all(w in CHROME_WORDS for w in s.key.split())


def _is_template(text: str) -> bool:
    return (
        bool(_TEMPLATE_RE.search(text))
        and " " not in text.strip()[:40].strip()
        or bool(re.search(r"\w\?\.\w", text))
    )


# --------------------------------------------------------------------------
# the page


def _shape(s: _Signals) -> str:
    """Template identity of a short line: its first two words and whether it has
    digits. Comment and teaser furniture repeats with names and dates changed
    ("Posted by Ann on May 2, 2008", "Posted by Bob on May 3, 2008")."""
    if s.words > 15 or s.words < 3:
        return ""
    head = " ".join(s.key.split()[:2])
    return head + ("#" if any(c.isdigit() for c in s.key) else "")


MIN_SHAPE_REPEATS = 3


def _shape_repeats(page: _Page, s: _Signals) -> bool:
    shape = _shape(s)
    return bool(shape) and page.shapes[shape] >= MIN_SHAPE_REPEATS


@dataclass(slots=True)
class _Page:
    """Blocks with their signals and the verdicts being built."""

    texts: Sequence[str]
    sig: list[_Signals]
    title_key: str
    hidden: list[bool]
    reason: list[str]
    counts: Counter[str]
    shapes: Counter[str]


def _title_repeat(page: _Page, i: int) -> bool:
    """Block is the title again, maybe with the site name glued on."""
    key, title = page.sig[i].key, page.title_key
    if not title or not key:
        return False
    if key == title:
        return True
    extra = len(key.split()) - len(title.split())
    return 0 < extra <= 6 and (key.startswith(title + " ") or key.endswith(" " + title))


def _hard_reason(page: _Page, i: int) -> str:
    """Boilerplate wherever it stands, even between body paragraphs."""
    text, s = page.texts[i], page.sig[i]
    if not s.key:
        return "decoration"
    if _title_repeat(page, i):
        return "repeated title"
    if "?." in text or _TEMPLATE_RE.search(text) and s.stop == 0:
        return "template code"
    if _is_chrome(s):
        return "share bar"
    if s.words <= 6 and _heading_key(text) in AD_LABELS:
        return "advertisement"
    if _CAPTION_RE.search(text) or (s.words <= 8 and _CREDIT_LINE_RE.search(text)):
        return "photo caption"
    if s.words <= 30:
        m = _LABEL_PREFIX_RE.match(text)
        if m and _heading_key(m.group(1)) in SECTION_HEADINGS:
            return "related link"
    return ""


def _is_hard_break(page: _Page, i: int) -> bool:
    """A block after which the article does not go on (link-block heading, footer)."""
    text = page.texts[i]
    return _is_section_heading(text) or bool(_FOOTER_RE.search(text))


def _text_value(text: str, s: _Signals, use_stop: bool) -> float:
    """Size of a text weighted by how much it reads like sentences."""
    stop = min(1.0, s.stop / STOP_FULL) if use_stop and not s.cjk else 0.7
    if s.terminal:
        punct = 1.0
    elif s.sentences or "," in text:
        punct = 0.7
    else:
        punct = 0.4
    return s.weight * stop * punct


def _wrapped_runs(page: _Page) -> list[tuple[int, int]]:
    """Runs of lines that are one paragraph hard-wrapped at a fixed width (old
    press releases, e-mail and plain-text sources): each line is cut mid-sentence,
    so alone it looks like a headline; together they are prose."""
    runs = []
    n = len(page.texts)
    i = 0
    while i < n:
        j = i
        while j + 1 < n and _continues(page.texts[j], page.texts[j + 1]):
            j += 1
        if j - i >= 2 and _even_width(page.texts[i:j]):
            runs.append((i, j))
        i = j + 1
    return runs


def _even_width(lines: Sequence[str]) -> bool:
    """Wrapped lines (all but the last) fill nearly the same width."""
    widths = [len(line.rstrip()) for line in lines]
    return min(widths) >= 0.7 * max(widths)


def _continues(line: str, nxt: str) -> bool:
    line = line.rstrip()
    if len(line) < WRAP_MIN_CHARS or _TERMINAL_RE.search(line):
        return False
    head = nxt.split(None, 1)[0] if nxt.strip() else ""
    if head[:1].islower() and head.rstrip(",.;:").isalpha():
        return True
    last = line.rsplit(None, 1)[-1].casefold()
    return line.endswith((",", "-")) or last in STOPWORDS


WRAP_MIN_CHARS = 40


def _block_score(page: _Page, i: int, use_stop: bool) -> float:
    """Evidence that a block is article text: its size times how text-like it is,
    minus a fixed cost, so runs of short menu lines sink and paragraphs float
    (the idea of Finn et al.'s body-text extraction, on lines instead of tags)."""
    s = page.sig[i]
    reason = _hard_reason(page, i)
    if reason == "advertisement":
        return -1.0
    if reason:
        return -BLOCK_COST
    score = _text_value(page.texts[i], s, use_stop) - BLOCK_COST
    if page.counts[s.key] > 1 or _shape_repeats(page, s):
        score -= BLOCK_COST
    return score


BLOCK_COST = 11.0
STOP_FULL = 0.25
TITLE_BONUS = 0.0
HEADING_COST = 25.0


def _main_region(page: _Page, scores: list[float], breaks: list[bool]) -> tuple[int, int] | None:
    """(first, last) block of the maximum-sum run of scores.

    Plain maximum-sum would let a long article swallow anything after it that is
    worth a little more than the gap before it (comment threads, teaser blurbs),
    so a run also ends where its sum has fallen MAX_DRAWDOWN below its best point:
    a gap that long is a different part of the page, however big the article."""
    best: tuple[float, int, int] | None = None
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
            if best is None or peak > best[0]:
                best = (peak, start, peak_i)
            start = -1
    if start >= 0 and (best is None or peak > best[0]):
        best = (peak, start, peak_i)
    return None if best is None else (best[1], best[2])


MAX_DRAWDOWN = 90.0


def _cut_at_comments(page: _Page, scores: list[float], first: int, last: int) -> tuple[int, int]:
    """End the body at a comment-thread heading that follows real article text.

    Readers' comments are prose too, and a thread can outweigh the gap before it;
    but a "Comments" heading after the article has begun is where it stops. (The
    same word at the top of a page is a menu link, hence the mass condition.)"""
    mass = 0.0
    for i in range(first, last + 1):
        if mass >= COMMENT_CUT_MASS and _heading_key(page.texts[i]) in COMMENT_HEADINGS:
            end = i - 1
            while end > first and scores[end] <= 0:
                end -= 1
            return first, end
        mass += max(0.0, scores[i])
    return first, last


COMMENT_CUT_MASS = 50.0


def _score_wrapped_runs(page: _Page, scores: list[float], use_stop: bool) -> None:
    """Re-score hard-wrapped paragraphs as one block, spread over their lines."""
    for lo, hi in _wrapped_runs(page):
        if any(
            _hard_reason(page, k) or _is_section_heading(page.texts[k]) for k in range(lo, hi + 1)
        ):
            continue
        joined = " ".join(page.texts[k].strip() for k in range(lo, hi + 1))
        value = _text_value(joined, _signals(joined), use_stop) - BLOCK_COST
        total = sum(page.sig[k].weight for k in range(lo, hi + 1)) or 1.0
        for k in range(lo, hi + 1):
            scores[k] = max(scores[k], value * page.sig[k].weight / total)


def _add_title_bonus(page: _Page, scores: list[float]) -> None:
    """Articles start right after their title: favour the first positive block
    following a repeat of it (the page may also repeat it in teasers, so each
    repeat gets the bonus and the body's own weight decides)."""
    n = len(scores)
    for i in range(n):
        if not _title_repeat(page, i):
            continue
        for j in range(i + 1, min(n, i + 8)):
            if scores[j] > 0:
                scores[j] += TITLE_BONUS
                break


def _credit_announced_lists(page: _Page, scores: list[float]) -> None:
    """A block ending in a colon announces what follows ("the players invited are:"),
    so the short items after it belong to the article: give them a small positive
    score until the list visibly ends (a break, a repeat, or menu-like words)."""
    n = len(scores)
    i = 0
    while i < n:
        text = page.texts[i].rstrip()
        if not (text.endswith((":", "：")) and page.sig[i].words >= 4 and scores[i] > 0):
            i += 1
            continue
        j = i + 1
        tiny_run = 0
        while j < n and j - i <= MAX_LIST_ITEMS:
            if _is_hard_break(page, j) or page.counts[page.sig[j].key] > 1 or scores[j] > 0:
                break
            tiny_run = tiny_run + 1 if page.sig[j].words <= 2 else 0
            if tiny_run >= 3:
                j -= 2
                break
            j += 1
        for k in range(i + 1, j):
            if scores[k] > -BLOCK_COST or page.sig[k].words > 2:
                scores[k] = max(scores[k], LIST_ITEM_CREDIT)
        i = max(j, i + 1)


MAX_LIST_ITEMS = 200
LIST_ITEM_CREDIT = 0.5


def _extend(page: _Page, first: int, last: int) -> tuple[int, int]:
    """Take in sentence-like blocks touching the region (short lead or last lines)."""
    while first > 0 and _is_sentence(page.sig[first - 1]) and not _hard_reason(page, first - 1):
        first -= 1
    n = len(page.texts)
    while (
        last + 1 < n
        and _is_sentence(page.sig[last + 1])
        and not _hard_reason(page, last + 1)
        and not _COPYRIGHT_RE.search(page.texts[last + 1])
    ):
        last += 1
    return first, last


def _outside_reason(page: _Page, i: int, before: bool, section: str) -> str:
    text, s = page.texts[i], page.sig[i]
    if _COPYRIGHT_RE.search(text):
        return "footer"
    if _COOKIE_RE.search(text):
        return "cookie/newsletter notice"
    if _is_section_heading(text):
        return "section heading"
    if _NUMBERED_RE.match(text):
        return "teaser list"
    if page.counts[s.key] > 1 and s.words <= 30:
        return "teaser list"
    if _CATEGORY_PREFIX_RE.match(text):
        return "teaser list"
    if section:
        return section
    return "navigation" if before else "after article"


def _section_reason(text: str) -> str:
    if _heading_key(text) in COMMENT_HEADINGS:
        return "comments"
    return "related-links list"


# --------------------------------------------------------------------------
# metadata


def _find_dateline(page: _Page, first: int) -> tuple[int | None, str | None]:
    """A bare place-name line just before the body, echoed by the body's first words."""
    lead = page.texts[first].lstrip() if first < len(page.texts) else ""
    for i in range(first - 1, max(-1, first - 6), -1):
        text = page.texts[i].strip()
        if (
            len(text) <= 40
            and _DATELINE_WORD_RE.match(text)
            and text.upper() == text
            and lead.startswith(text)
        ):
            return i, text
    m = re.match(r"^([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .'’-]{1,30}?)(?:,| ?[–—-]{1,2} | \()", lead)
    if m and any(c.isalpha() for c in m.group(1)) and m.group(1).upper() == m.group(1):
        return None, m.group(1).strip()
    return None, None


def _find_byline(page: _Page, first: int, last: int) -> int | None:
    lo = max(0, first - 8)
    for i in range(lo, min(last + 1, first + 3)):
        text = page.texts[i]
        if page.sig[i].words <= 8 and _BYLINE_RE.match(text) and not page.sig[i].terminal:
            return i
    return None


# --------------------------------------------------------------------------
# entry points


def clean_blocks(
    blocks: Sequence[str],
    title: str | None = None,
    *,
    feed: FeedEvidence | None = None,
    rules: Rules | None = None,
) -> CleanResult:
    """Label every block body or boilerplate (order and text untouched)."""
    sig = [_signals(b) for b in blocks]
    n = len(blocks)
    page = _Page(
        texts=blocks,
        sig=sig,
        title_key=_key(title or ""),
        hidden=[True] * n,
        reason=[""] * n,
        counts=Counter(s.key for s in sig),
        shapes=Counter(_shape(s) for s in sig),
    )
    recurring = [feed.recurs(b) for b in blocks] if feed else [False] * n
    use_stop = _page_uses_stopwords(sig)
    scores = [-BLOCK_COST if recurring[i] else _block_score(page, i, use_stop) for i in range(n)]
    _score_wrapped_runs(page, scores, use_stop)
    _add_title_bonus(page, scores)
    _credit_announced_lists(page, scores)
    breaks = [False] * n
    for i in range(n):
        if _is_section_heading(page.texts[i]):
            scores[i] = -HEADING_COST
        elif _FOOTER_RE.search(page.texts[i]):
            breaks[i] = True
    region = _main_region(page, scores, breaks)
    dateline = byline = None
    if region is not None:
        region = _cut_at_comments(page, scores, *region)
        first, last = _extend(page, *region)
        _label_region(page, first, last)
        dl_index, dateline = _find_dateline(page, first)
        if dl_index is not None:
            page.hidden[dl_index], page.reason[dl_index] = True, "dateline"
        by_index = _find_byline(page, first, last)
        if by_index is not None:
            byline = blocks[by_index].strip()
            page.hidden[by_index], page.reason[by_index] = True, "byline"
    else:
        _label_outside(page, 0, n, before=True)
    for i in range(n):
        if recurring[i]:
            page.hidden[i], page.reason[i] = True, "recurs across feed"
    if rules:
        _apply_rules(page, rules)
    out = tuple(Block(t, h, r) for t, h, r in zip(blocks, page.hidden, page.reason, strict=True))
    return CleanResult(blocks=out, dateline=dateline, byline=byline)


def _page_uses_stopwords(sig: list[_Signals]) -> bool:
    """Whether the page is in a language the stopword list knows."""
    words = stops = 0.0
    for s in sig:
        if s.words >= 10 and not s.cjk:
            words += s.words
            stops += s.stop * s.words
    return words > 0 and stops / words >= 0.08


def _label_region(page: _Page, first: int, last: int) -> None:
    n = len(page.texts)
    _label_outside(page, 0, first, before=True)
    for i in range(first, last + 1):
        reason = _hard_reason(page, i)
        page.hidden[i], page.reason[i] = bool(reason), reason
    _label_outside(page, last + 1, n, before=False)


def _label_outside(page: _Page, lo: int, hi: int, *, before: bool) -> None:
    section = ""
    for i in range(lo, hi):
        text = page.texts[i]
        if _is_section_heading(text):
            section = _section_reason(text)
        reason = _hard_reason(page, i) or _outside_reason(page, i, before, section)
        page.hidden[i], page.reason[i] = True, reason


def _apply_rules(page: _Page, rules: Rules) -> None:
    for i, text in enumerate(page.texts):
        for pat in rules.keep:
            if pat.search(text):
                page.hidden[i], page.reason[i] = False, f"user rule: {pat.pattern}"
                break
        else:
            for pat in rules.hide:
                if pat.search(text):
                    page.hidden[i], page.reason[i] = True, f"user rule: {pat.pattern}"
                    break


def clean_text(
    text: str,
    title: str | None = None,
    *,
    feed: FeedEvidence | None = None,
    rules: Rules | None = None,
) -> CleanResult:
    """Clean a .txt page: `clean_blocks` over its non-empty lines."""
    return clean_blocks(split_text_blocks(text), title, feed=feed, rules=rules)
