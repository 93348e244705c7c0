"""Turn a cleaned article into display blocks, independent of any UI toolkit.

The UI paints these blocks itself instead of mounting Textual's Markdown widget:
one widget for the whole article keeps a 5,000-word page fast to open, and lets
hidden boilerplate be shown in place, dimmed and labelled with its reason.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.core.models import Block

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

    kind is one of: heading, para, item, quote, code, rule, hidden. `prefix` is the
    list marker or quote bar, `reason` the cleaner's reason for a hidden block.
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
    return sum(len(b.text.split()) for b in blocks if not b.hidden)


def document_blocks(blocks: Sequence[Block], markdown: bool, show_hidden: bool) -> list[DocBlock]:
    """Display blocks for the body; hidden ones appear only when `show_hidden`.

    A run of hidden blocks hidden for the same reason becomes one display block, so
    a twenty-line teaser list reads as one labelled section rather than twenty.
    """
    out: list[DocBlock] = []
    for block in blocks:
        if block.hidden:
            if not show_hidden:
                continue
            previous = out[-1] if out else None
            if previous and previous.kind == "hidden" and previous.reason == block.reason:
                out[-1] = DocBlock(
                    "hidden", (*previous.spans, Span("\n" + block.text)), reason=block.reason
                )
            else:
                out.append(DocBlock("hidden", (Span(block.text),), reason=block.reason))
        elif markdown:
            out.extend(markdown_blocks(block.text))
        else:
            out.append(DocBlock("para", (Span(block.text),)))
    return out


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


def markdown_blocks(source: str) -> list[DocBlock]:
    """Parse one Markdown block (usually a paragraph) into display blocks."""
    return list(_walk(_parser().parse(source)))


def _walk(tokens: list[Token]) -> Iterator[DocBlock]:
    lists: list[list[int]] = []  # stack of [next number] (or [-1] for bullets)
    quote = 0
    item_prefix = ""
    heading = 0
    row: list[str] = []
    table: list[str] = []
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
        elif kind == "tr_close":
            table.append(" │ ".join(cell.strip() for cell in row))
            row = []
        elif kind == "table_close":
            yield DocBlock("para", (Span("\n".join(table)),))
            table = []
        elif kind == "inline" and row:
            row[-1] += "".join(span.text for span in _inline(token.children or []))
        elif kind == "inline":
            spans = tuple(_inline(token.children or []))
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


def _inline(children: list[Token]) -> Iterator[Span]:
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
            link = None
        elif kind == "image":
            alt = child.content or str(child.attrGet("alt") or "")
            yield Span(f"[image: {alt}]" if alt else "[image]", italic=True)
