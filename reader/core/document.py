"""Turn a cleaned article into display blocks, independent of any UI toolkit.

The UI paints these blocks itself instead of mounting Textual's Markdown widget:
one widget for the whole article keeps a 5,000-word page fast to open, and lets
hidden boilerplate be shown in place, dimmed and labelled with its reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.core.models import Block
from reader.core.sanitize import clean_line

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

WORDS_PER_MINUTE = 230


@dataclass(frozen=True, slots=True)
class Span:
    """A run of inline text with its emphasis; `link` is the target, shown not followed."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False
    link: str | None = None


@dataclass(frozen=True, slots=True)
class DocBlock:
    """A paragraph-level unit of the reading pane.

    kind is one of: heading, para, item, quote, code, table, rule, hidden, links.
    `prefix` is the list marker or quote bar, `reason` the cleaner's reason for a
    hidden block. A code block and a table are never to be wrapped: a table's text is
    its rows, each cell padded to its column's width; `links` is the numbered list of
    the article's link targets, under the article (`document_links` reads it).
    """

    kind: str
    spans: tuple[Span, ...] = field(default_factory=tuple)
    level: int = 0
    prefix: str = ""
    reason: str = ""

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


def cap_blocks(blocks: Sequence[DocBlock], limit: int) -> tuple[list[DocBlock], int]:
    """The blocks that fit in `limit` characters (the last one cut), and how many
    characters were left out. Wrapping megabytes of text for the screen takes
    minutes; the reader shows a long article's first part and says so."""
    kept: list[DocBlock] = []
    used = 0
    for index, block in enumerate(blocks):
        size = len(block.text)
        if used + size <= limit:
            kept.append(block)
            used += size
            continue
        room = limit - used
        if room > 0:
            kept.append(replace(block, spans=_cut_spans(block.spans, room)))
        left = size - max(room, 0) + sum(len(b.text) for b in blocks[index + 1 :])
        return kept, left
    return kept, 0


def _cut_spans(spans: Sequence[Span], room: int) -> tuple[Span, ...]:
    out: list[Span] = []
    for span in spans:
        if room <= 0:
            break
        text = span.text[:room]
        out.append(replace(span, text=text))
        room -= len(text)
    return tuple(out)


def reading_minutes(words: int) -> int:
    return max(1, round(words / WORDS_PER_MINUTE))


def count_words(blocks: Sequence[Block]) -> int:
    """The words of the shown blocks (`clean_signals.reading_words`: a CJK character is
    one), for the reading time."""
    from reader.core.clean_signals import reading_words

    return sum(reading_words(b.text) for b in blocks if not b.hidden)


def document_blocks(blocks: Sequence[Block], markdown: bool, show_hidden: bool) -> list[DocBlock]:
    """Display blocks for the body; hidden ones appear only when `show_hidden`.

    In Markdown, each link's text is followed by its number (`text [1]`; a target
    linked twice keeps its first number) and a `links` block lists the targets.

    A run of hidden blocks hidden for the same reason becomes one display block, so
    a twenty-line teaser list reads as one labelled section rather than twenty. In
    Markdown a hidden block shows its words as the article shows them, without the
    syntax (`hidden_text`): "## Most read", "[Home](https://...)" read "Most read",
    "Home".
    """
    out: list[DocBlock] = []
    references: dict[str, int] = {}  # link target -> its number
    for block in blocks:
        if block.hidden:
            if not show_hidden:
                continue
            text = hidden_text(block.text) if markdown else block.text
            previous = out[-1] if out else None
            if previous and previous.kind == "hidden" and previous.reason == block.reason:
                out[-1] = DocBlock(
                    "hidden", (*previous.spans, Span("\n" + text)), reason=block.reason
                )
            else:
                out.append(DocBlock("hidden", (Span(text),), reason=block.reason))
        elif markdown:
            out.extend(markdown_blocks(block.text, references))
        else:
            out.append(text_block(block.text))
    if references:
        out.append(links_block(references))
    return out


# A text dump's list item: a bullet ("- ", "* ", "• ") or a number of at most three
# digits ("3. ", "12) ") before the words. A year ("1999. ") is no number of a list.
_TEXT_ITEM = re.compile(r"([-*•·▪◦]|\d{1,3}[.)])[ \t]+(?=\S)")


def text_block(text: str) -> DocBlock:
    """A plain-text paragraph, or a list item when it starts with a list's marker: a
    run of them then reads as one list, as Markdown shows a tight list (each line of
    a text dump is a paragraph of its own). The marker stays as written: a line of
    dialogue opening with a dash ("- Where to? - he asked.") keeps its dash."""
    found = _TEXT_ITEM.match(text)
    if found is None:
        return DocBlock("para", (Span(text),))
    prefix = found.group(1) + " "
    return DocBlock("item", (Span(text[found.end() :]),), level=1, prefix=prefix)


# A link target is shown up to this many characters (it is opened whole).
MAX_SHOWN_URL = 2000


def links_block(references: dict[str, int]) -> DocBlock:
    """The list under the article: `[1] https://...`, one numbered target a line."""
    spans: list[Span] = [Span("Links", bold=True)]
    for url, number in references.items():
        shown = clean_line(url)
        if len(shown) > MAX_SHOWN_URL:
            shown = shown[: MAX_SHOWN_URL - 1] + "…"
        spans += [Span(f"\n[{number}] "), Span(shown, link=url)]
    return DocBlock("links", tuple(spans))


def document_links(blocks: Sequence[DocBlock]) -> list[str]:
    """The link targets of a display document, in their numbers' order (1 first)."""
    for block in reversed(blocks):
        if block.kind == "links":
            return [span.link for span in block.spans if span.link]
    return []


def _is_reference(url: str) -> bool:
    """Whether a link gets a number: an anchor within the page ("#notes") does not."""
    return not url.startswith("#")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Imported on first use: markdown-it is a tenth of the start-up's imports, and the
    # list is on screen before any article is opened.
    from markdown_it import MarkdownIt

    # "commonmark" with tables and strikethrough; html off so tags show as text
    # (Textual's Markdown would silently drop them, losing the words inside).
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(
        ["table", "strikethrough"]
    )


def hidden_text(source: str) -> str:
    """A hidden Markdown block's words as the reading pane would show them, one line
    for each of its display blocks: no heading marks, link targets or emphasis marks;
    a list item keeps its marker, a table its cells. Shown dimmed under the block's
    reason, where Markdown's syntax is noise."""
    lines = []
    for block in markdown_blocks(source):
        lines.append(f"{block.prefix}{block.text}" if block.kind == "item" else block.text)
    return "\n".join(lines) if lines else source


def markdown_blocks(source: str, references: dict[str, int] | None = None) -> list[DocBlock]:
    """Parse one Markdown block (usually a paragraph) into display blocks.

    With `references` (link target -> number, shared by the article's blocks), each
    link's text is followed by its number, new targets being numbered on.
    """
    return list(_walk(_parser().parse(source), references))


def _walk(tokens: list[Token], references: dict[str, int] | None = None) -> Iterator[DocBlock]:
    lists: list[list[int]] = []  # stack of [next number] (or [-1] for bullets)
    quote = 0
    item_prefix = ""
    heading = 0
    row: list[str] = []
    table: list[list[str]] = []
    aligns: list[str] = []  # of the header's cells: "left", "right" or "center"
    head_rows = 0
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            heading = int(token.tag[1:])
        elif kind == "heading_close":
            heading = 0
        elif kind == "bullet_list_open":
            lists.append([-1])
        elif kind == "ordered_list_open":
            lists.append([int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            item_prefix = _list_marker(lists)
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind in ("fence", "code_block"):
            yield DocBlock("code", (Span(token.content.rstrip("\n"), code=True),))
        elif kind == "hr":
            yield DocBlock("rule")
        elif kind in ("th_open", "td_open"):
            row.append("")
            if kind == "th_open":
                style = str(token.attrGet("style") or "")
                aligns.append(style.partition("text-align:")[2].strip() or "left")
        elif kind == "tr_close":
            table.append([" ".join(cell.split()) for cell in row])
            row = []
        elif kind == "thead_close":
            head_rows = len(table)
        elif kind == "table_close":
            yield table_block(table, head_rows, aligns)
            table, aligns, head_rows = [], [], 0
        elif kind == "inline" and row:
            row[-1] += "".join(span.text for span in _inline(token.children or [], references))
        elif kind == "inline":
            spans = tuple(_inline(token.children or [], references))
            if heading:
                yield DocBlock("heading", spans, level=heading)
            elif item_prefix:
                yield DocBlock("item", spans, level=len(lists), prefix=item_prefix)
                item_prefix = ""
            elif lists:
                yield DocBlock("item", spans, level=len(lists), prefix="  ")
            elif quote:
                yield DocBlock("quote", spans, level=quote, prefix="▎ ")
            else:
                yield DocBlock("para", spans)


def _list_marker(lists: list[list[int]]) -> str:
    if not lists:
        return "• "
    counter = lists[-1]
    if counter[0] < 0:
        return "• "
    counter[0] += 1
    return f"{counter[0] - 1}. "


def table_block(rows: Sequence[Sequence[str]], head_rows: int, aligns: Sequence[str]) -> DocBlock:
    """A table as aligned text: each cell padded to its column's width (in terminal
    cells), columns apart by " │ ", the header bold over a rule. Rows are never
    wrapped: a table wider than the pane scrolls sideways with it."""
    columns = max((len(r) for r in rows), default=0)
    cells = [[*r, *[""] * (columns - len(r))] for r in rows]
    widths = [max((cell_width(r[c]) for r in cells), default=0) for c in range(columns)]
    aligns = [*aligns[:columns], *["left"] * (columns - len(aligns))]

    def line(r: Sequence[str]) -> str:
        return " │ ".join(_pad(t, w, a) for t, w, a in zip(r, widths, aligns, strict=True))

    spans: list[Span] = []
    for index, r in enumerate(cells):
        text = line(r).rstrip()
        if index == head_rows and head_rows:
            spans.append(Span("\n" + "─┼─".join("─" * w for w in widths)))
        spans.append(Span(("\n" if index else "") + text, bold=index < head_rows))
    return DocBlock("table", tuple(spans))


def _pad(text: str, width: int, align: str) -> str:
    room = width - cell_width(text)
    if align == "right":
        return " " * room + text
    if align == "center":
        return " " * (room // 2) + text + " " * (room - room // 2)
    return text + " " * room


def cell_width(text: str) -> int:
    """Terminal cells `text` takes: wide (East Asian) characters two, combining marks
    and zero-width joiners none. ASCII, most text, is one a character."""
    if text.isascii():
        return len(text)
    width = 0
    for character in text:
        if unicodedata.combining(character) or character in "\u200c\u200d":
            continue
        width += 2 if unicodedata.east_asian_width(character) in "WF" else 1
    return width


def _inline(children: list[Token], references: dict[str, int] | None = None) -> Iterator[Span]:
    bold = italic = strike = False
    link: str | None = None
    for child in children:
        kind = child.type
        if kind == "text" or kind == "html_inline":
            yield Span(child.content, bold, italic, False, strike, link)
        elif kind == "softbreak":
            yield Span(" ", bold, italic, False, strike, link)
        elif kind == "hardbreak":
            yield Span("\n")
        elif kind == "code_inline":
            yield Span(child.content, bold, italic, True, strike, link)
        elif kind in ("strong_open", "strong_close"):
            bold = kind == "strong_open"
        elif kind in ("em_open", "em_close"):
            italic = kind == "em_open"
        elif kind in ("s_open", "s_close"):
            strike = kind == "s_open"
        elif kind == "link_open":
            link = str(child.attrGet("href") or "") or None
        elif kind == "link_close":
            if references is not None and link is not None and _is_reference(link):
                number = references.setdefault(link, len(references) + 1)
                yield Span(f" [{number}]")
            link = None
        elif kind == "image":
            alt = child.content or str(child.attrGet("alt") or "")
            yield Span(f"[image: {alt}]" if alt else "[image]", italic=True)
