"""HTML to Markdown blocks: the converter behind HTML pages and feed entries' HTML.

`convert(html, base_url)` parses an HTML page or fragment (lxml, no network, no
entities beyond HTML's own) and walks it without recursion into `HtmlBlock`s: one
Markdown block per paragraph, heading, list item, quote paragraph, code block or
table, each with the element it sits in (`Container`), so that a cleaner can weigh
the evidence only HTML has (navigation, asides, footers, link density, ARIA roles,
class and id words).

Never interpreted, only read: scripts, styles, forms, frames, embedded objects,
comments and elements hidden by the page (`hidden`, `aria-hidden`, `display:none`)
are dropped; entities are decoded once by the parser and the text is escaped so
that Markdown shows it as it was; links keep only http(s) and mailto targets
(relative ones resolved against `base_url`). Bounded: the input is cut at
`MAX_INPUT` characters, the output at `MAX_OUTPUT`, the walk at `MAX_ELEMENTS`
elements; libxml2 stops nesting at 2048 levels (deeper content is lost, never a
crash). Every block is sanitised (`clean_display_text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from reader.core.sanitize import clean_display_text, clean_line

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MAX_INPUT = 8 * 1024 * 1024
MAX_OUTPUT = 4 * 1024 * 1024
MAX_ELEMENTS = 100_000
MAX_URL = 2000
MAX_TABLE_COLUMNS = 24
MAX_TABLE_ROWS = 500
# A table is laid out as a page (its cells are blocks) rather than shown as a
# table when it holds nested tables or block elements, or this many elements.
_LAYOUT_TABLE_ELEMENTS = 3000
# A form with this many visible characters (spaces not counted) wraps a page, or
# at least an article (a search, login, comment or newsletter form holds far less).
_PAGE_FORM_CHARS = 800
# Elements looked at in a form before it is taken to wrap the page.
_FORM_ELEMENTS = 5000

# Elements whose content never reaches the screen.
DROP = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
        "embed", "applet", "svg", "math", "canvas", "video", "audio", "source", "track",
        "picture", "img", "map", "area", "input", "button", "select", "option", "optgroup",
        "textarea", "datalist", "label", "output", "progress", "meter", "dialog", "head",
        "title", "meta", "link", "base",
    }
)  # fmt: skip
# Elements that start and end a block.
BLOCK = frozenset(
    {
        "html", "body", "p", "div", "section", "article", "main", "header", "footer", "nav",
        "aside", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "menu", "li", "dl", "dt",
        "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "caption", "figure", "figcaption", "address", "details", "summary", "center",
        "fieldset", "legend", "form", "hgroup", "br", "hr", "dir", "listing", "xmp",
        "plaintext", "search",
    }
)  # fmt: skip
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_EMPHASIS = {
    "em": "*", "i": "*", "cite": "*", "dfn": "*", "var": "*",
    "strong": "**", "b": "**",
    "del": "~~", "s": "~~", "strike": "~~",
}  # fmt: skip
_CODE = frozenset({"code", "kbd", "samp", "tt"})
_PRE = frozenset({"pre", "listing", "xmp", "plaintext"})
_LISTS = frozenset({"ul", "ol", "menu", "dir"})
# A definition list's term and description (`<dl>`): a glossary, the author's list.
_TERMS = frozenset({"dt", "dd"})

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
# Characters Markdown would read as syntax anywhere in a line.
_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]<>&~|])")
# What Markdown would read as a block marker at a line's start.
_LINE_START = re.compile(r"^([-+=#>])")
_MARKER_STARTS = frozenset("-+=#>0123456789")
_NUMBER_START = re.compile(r"^(\d{1,9})([.)])")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>", re.IGNORECASE)
_BACKTICKS = re.compile(r"`+")
# For markup too deeply nested to parse: scripts and styles out, then every tag but
# the paragraphs, headings and line breaks (which cannot nest), then every tag.
_SCRIPTS = re.compile(
    r"<(script|style|template|svg|math)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_FLATTEN = re.compile(r"<(?!/?(?:p|br|h[1-6])\b)[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


@dataclass(eq=False, slots=True)
class Container:
    """A block-level element that holds blocks: what a cleaner asks about a block's
    surroundings. `parent` is the enclosing container (None for the root)."""

    tag: str
    names: str  # class and id, lower case, space separated
    role: str
    parent: Container | None
    depth: int
    attrs: dict[str, str] = field(default_factory=dict)

    def ancestors(self, limit: int = 64) -> list[Container]:
        """This container and the ones around it, innermost first (at most `limit`)."""
        out: list[Container] = []
        node: Container | None = self
        while node is not None and len(out) < limit:
            out.append(node)
            node = node.parent
        return out


@dataclass(slots=True)
class HtmlBlock:
    """One Markdown block and what HTML says about it."""

    markdown: str
    text: str  # the visible words, without Markdown syntax
    kind: str  # para, heading, item, quote, code, table
    container: Container
    link_chars: int = 0  # characters of text inside links
    level: int = 0  # heading level
    marker: str = ""  # a list item's marker ("- ", "3. ")
    grid: bool = False  # a table of rows and columns, not a list laid out as one

    def plain(self) -> str:
        """The block as a text dump shows it: its words, a list item's marker before
        them ("• " for a bullet), no Markdown syntax. What the cleaner reads."""
        if not self.marker:
            return self.text
        return ("• " if self.marker == "- " else self.marker) + self.text


@dataclass(slots=True)
class _Inline:
    """An inline element being collected: where its text starts in the buffer."""

    tag: str
    start: int
    href: str | None = None


@dataclass(slots=True)
class _Walk:
    base_url: str | None
    blocks: list[HtmlBlock] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # Markdown of the current block
    plain: list[str] = field(default_factory=list)  # its plain text
    inline: list[_Inline] = field(default_factory=list)
    link_chars: int = 0
    links: int = 0  # depth of open links
    code: int = 0
    pre: int = 0
    quote: int = 0
    lists: list[list[int]] = field(default_factory=list)  # [next number] or [-1]
    item: str = ""  # a list item's marker, until its first block
    term: str = ""  # "dt" or "dd" inside a definition list's term or description
    heading: int = 0
    size: int = 0
    full: bool = False

    def text(self, raw: str | None) -> None:
        if not raw or self.full:
            return
        raw = clean_display_text(raw)
        if self.pre:
            self.parts.append(raw)
            self.plain.append(raw)
            return
        text = _SPACE.sub(" ", raw)
        if not self.parts and not text.strip():
            return
        if self.code:
            self.parts.append(text)
        else:
            self.parts.append(_INLINE_SYNTAX.sub(r"\\\1", text))
        self.plain.append(text)
        if self.links:
            self.link_chars += len(text.strip())

    def open_inline(self, tag: str, href: str | None = None) -> None:
        self.inline.append(_Inline(tag, len(self.parts), href))
        if tag == "a":
            self.links += 1
        elif tag in _CODE:
            self.code += 1

    def close_inline(self, tag: str) -> None:
        if not self.inline or self.inline[-1].tag != tag:
            return
        frame = self.inline.pop()
        if tag == "a":
            self.links -= 1
        elif tag in _CODE:
            self.code -= 1
        if self.pre or frame.start > len(self.parts):
            return
        inner = "".join(self.parts[frame.start :])
        core = inner.strip()
        if not core:
            return
        lead = " " if inner[:1].isspace() else ""
        trail = " " if inner[-1:].isspace() else ""
        if tag == "a":
            url = _link_target(frame.href, self.base_url)
            wrapped = f"[{core}]({url})" if url and "](" not in core else core
        elif tag in _CODE:
            wrapped = _code_span(core)
        else:
            mark = _EMPHASIS[tag]
            wrapped = core if core.startswith(mark[0]) else f"{mark}{core}{mark}"
        del self.parts[frame.start :]
        self.parts.append(lead + wrapped + trail)

    def flush(self, container: Container, kind: str = "", grid: bool = False) -> None:
        """End the current block (if it holds any text) as a block of `container`
        (`grid`: a table's, when `_Table.grid` says it is one)."""
        # An inline element left open across the block boundary goes on in the next.
        self.inline = [_Inline(f.tag, 0, f.href) for f in self.inline]
        parts, plain = self.parts, self.plain
        self.parts, self.plain = [], []
        link_chars, self.link_chars = self.link_chars, 0
        text = clean_display_text("".join(plain))
        if not text.strip():
            return
        body = "".join(parts)
        if kind == "code":
            fence = "`" * max(3, 1 + max((len(m) for m in _BACKTICKS.findall(body)), default=0))
            markdown = f"{fence}\n{body.strip(chr(10))}\n{fence}"
            self._add(HtmlBlock(markdown, text.strip("\n"), "code", container))
            return
        if kind == "table":
            links = min(link_chars, len(text))
            self._add(HtmlBlock(body, text, "table", container, links, grid=grid))
            return
        text = " ".join(text.split())
        body = " ".join(body.split())
        if body[:1] in _MARKER_STARTS:
            body = _NUMBER_START.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", body))
        level = 0
        marker = ""
        if self.heading:
            level = self.heading
            body = "#" * level + " " + body
            kind = "heading"
        elif self.item:
            body = self.item + body
            kind = "item"
            marker, self.item = self.item, ""
        elif self.term:  # a glossary's term (in bold) and its description: the author's list
            body = f"**{body}**" if self.term == "dt" else body
            kind = "item"
        elif kind != "table":
            kind = "quote" if self.quote else "para"
        if self.quote:
            body = "> " * self.quote + body
        self._add(HtmlBlock(body, text, kind, container, min(link_chars, len(text)), level, marker))

    def _add(self, block: HtmlBlock) -> None:
        room = MAX_OUTPUT - self.size
        self.size += len(block.markdown) + 2
        if self.size > MAX_OUTPUT:
            self.full = True
            if block.kind in ("code", "table") or room < 1000:
                return
            block.markdown = block.markdown[:room].rstrip("\\")
            block.text = block.text[:room]
        self.blocks.append(block)


def parse_html(html: str) -> HtmlElement | None:
    """The document tree of `html` (a page or a fragment), or None when it holds
    nothing. Never raises for bad markup. Markup nested deeper than libxml2 goes
    (2048 levels, where it stops reading) is read again flattened: its paragraphs
    and headings, without the elements around them."""
    html = _XML_DECLARATION.sub("", html[:MAX_INPUT], count=1).replace("\x00", "")
    if not html.strip():
        return None
    root, too_deep = _parse(html)
    if too_deep:
        flat = _FLATTEN.sub(" ", _SCRIPTS.sub(" ", html))
        root, too_deep = _parse(flat)
        if too_deep:
            root, _ = _parse(_TAG.sub(" ", flat))
    return root


def _parse(html: str) -> tuple[HtmlElement | None, bool]:
    from lxml import etree
    from lxml.html import HTMLParser, document_fromstring

    parser = HTMLParser(
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        recover=True,
        huge_tree=True,  # nesting deeper than 256 levels is kept (to 2048)
        default_doctype=False,
    )
    try:
        root: HtmlElement = document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return None, False
    too_deep = any("depth" in entry.message for entry in parser.error_log)
    return root, too_deep


def convert(html: str, base_url: str | None = None) -> list[HtmlBlock]:
    """The Markdown blocks of an HTML page or fragment, in reading order."""
    root = parse_html(html)
    return [] if root is None else blocks_of(root, base_url)


def blocks_of(root: HtmlElement, base_url: str | None = None) -> list[HtmlBlock]:
    """The Markdown blocks of a parsed tree (`parse_html`)."""
    from lxml import etree

    walk = _Walk(_safe_base(base_url))
    top = Container("html", "", "", None, 0)
    containers: list[Container] = [top]
    # What each open element did at its start, so its end undoes exactly that.
    opened: list[str] = []
    tables: list[_Table] = []
    events = etree.iterwalk(root, events=("start", "end"))
    seen = 0
    for event, el in events:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if event == "start":
            seen += 1
            if not tag or tag in DROP or _hidden(el) or _dropped_form(el, tag):
                events.skip_subtree()
                opened.append("skip")
                continue
            if seen > MAX_ELEMENTS or walk.full:
                events.skip_subtree()
                opened.append("skip")
                continue
            if tables and tables[-1].data and tag in ("tr", "td", "th"):
                table = tables[-1]
                if tag == "tr":
                    table.rows.append([])
                elif table.rows:
                    walk.flush(containers[-1])  # text before a cell's first block
                    table.rows[-1].append("")
                    table.cell = len(walk.parts)
                opened.append("cell" if tag != "tr" else "row")
                walk.text(el.text)
                continue
            if tag in BLOCK:
                walk.flush(containers[-1])
                container = _container(el, tag, containers[-1])
                containers.append(container)
                opened.append("block")
                if tag == "table":
                    tables.append(_Table(data=_is_data_table(el)))
                    if tables[-1].data:
                        opened[-1] = "table"
                elif tag in HEADINGS:
                    walk.heading = HEADINGS[tag]
                elif tag in _LISTS:
                    start = el.get("start", "1") if tag == "ol" else ""
                    walk.lists.append([_int(start, 1)] if tag == "ol" else [-1])
                elif tag == "li":
                    walk.item = _list_marker(walk.lists)
                elif tag in _TERMS:
                    walk.term = tag
                elif tag == "blockquote":
                    walk.quote += 1
                elif tag in _PRE:
                    walk.pre += 1
                walk.text(el.text)
                continue
            if tag == "a":
                walk.open_inline("a", el.get("href"))
            elif tag in _EMPHASIS or tag in _CODE:
                walk.open_inline(tag)
            opened.append("inline:" + tag)
            walk.text(el.text)
            continue
        # end
        what = opened.pop() if opened else "skip"
        if what == "cell" and tables:
            table = tables[-1]
            if table.rows and table.rows[-1]:
                cell = "".join(walk.parts[table.cell :])
                del walk.parts[table.cell :]
                del walk.plain[:]
                table.rows[-1][-1] = " ".join(cell.split())
        elif what == "table":
            table = tables.pop()
            walk.parts, walk.plain = [], []
            md, plain = table.markdown()
            if md:
                walk.parts, walk.plain = [md], [plain]
                walk.flush(containers[-1], "table", table.grid())
            containers.pop()
        elif what == "block":
            container = containers.pop()
            walk.flush(container, "code" if tag in _PRE and walk.pre == 1 else "")
            if tag == "table" and tables:
                tables.pop()
            elif tag in HEADINGS:
                walk.heading = 0
            elif tag in _LISTS and walk.lists:
                walk.lists.pop()
            elif tag == "li":
                walk.item = ""
            elif tag in _TERMS:
                walk.term = ""
            elif tag == "blockquote":
                walk.quote = max(0, walk.quote - 1)
            elif tag in _PRE:
                walk.pre = max(0, walk.pre - 1)
        elif what.startswith("inline:"):
            walk.close_inline(what[7:])
        walk.text(el.tail)
    walk.flush(containers[0])
    return walk.blocks


def to_markdown(blocks: list[HtmlBlock]) -> str:
    return "\n\n".join(block.markdown for block in blocks)


@dataclass(slots=True)
class _Table:
    data: bool
    rows: list[list[str]] = field(default_factory=list)
    cell: int = 0

    def markdown(self) -> tuple[str, str]:
        rows = [row[:MAX_TABLE_COLUMNS] for row in self.rows[:MAX_TABLE_ROWS] if any(row)]
        if not rows:
            return "", ""
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        lines = ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
        lines.insert(1, "|" + " --- |" * width)
        plain = "\n".join(" ".join(cell for cell in row if cell) for row in rows)
        return "\n".join(lines), _unescape(plain)

    def grid(self) -> bool:
        """Rows and columns: two rows or more, most of them with two cells or more
        that say something. A column of headlines in a table ("Latest stories" over
        one link a row) is a list laid out as a table, not data."""
        rows = [sum(1 for cell in row if cell.strip()) for row in self.rows[:MAX_TABLE_ROWS]]
        rows = [cells for cells in rows if cells]
        return len(rows) >= 2 and 2 * sum(1 for cells in rows if cells >= 2) > len(rows)


def _unescape(text: str) -> str:
    return re.sub(r"\\([\\`*_\[\]<>&~|])", r"\1", text)


def _container(el: Any, tag: str, parent: Container) -> Container:
    names = f"{el.get('class', '')} {el.get('id', '')}".lower()
    role = (el.get("role") or "").lower().strip()
    attrs = {}
    if el.get("itemprop"):
        attrs["itemprop"] = str(el.get("itemprop")).lower()
    return Container(tag, names[:400], role[:40], parent, parent.depth + 1, attrs)


def _hidden(el: Any) -> bool:
    if el.get("hidden") is not None:
        return True
    if (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = el.get("style")
    return bool(style) and _HIDDEN_STYLE.search(style[:2000]) is not None


def _dropped_form(el: Any, tag: str) -> bool:
    """A form is dropped unless it wraps the page or its article (as ASP.NET and
    some site builders do, or a print-and-mail form around a story: then it holds
    the article's text, and only its controls are dropped). Its size is its
    visible text: what scripts, styles and controls hold does not count."""
    if tag != "form":
        return False
    from lxml import etree

    size = 0
    walk = etree.iterwalk(el, events=("start", "end"))
    for count, (event, child) in enumerate(walk):
        if count > 2 * _FORM_ELEMENTS:
            return False
        name = child.tag.lower() if isinstance(child.tag, str) else ""
        if event == "start":
            if name in DROP or not name:
                walk.skip_subtree()
            else:
                size += _visible(child.text)
        elif child is not el:
            size += _visible(child.tail)
        if size > _PAGE_FORM_CHARS:
            return False
    return True


def _visible(text: str | None) -> int:
    return len(text) - sum(map(text.count, " \t\r\n")) if text else 0


def _is_data_table(el: Any) -> bool:
    """A table of data (shown as a table), not one that lays out a page."""
    for count, child in enumerate(el.iter(), 1):
        if count > _LAYOUT_TABLE_ELEMENTS:
            return False
        tag = child.tag if isinstance(child.tag, str) else ""
        if child is not el and tag in (
            "table", "p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "pre", "blockquote",
            "section", "article", "br", "dl", "h5", "h6", "li", "figure", "form",
        ):  # fmt: skip
            return False
    return True


def _int(text: str, default: int) -> int:
    text = text.strip()
    return int(text) if text.isdigit() and len(text) < 9 else default


def _list_marker(lists: list[list[int]]) -> str:
    if not lists or lists[-1][0] < 0:
        return "- "
    counter = lists[-1]
    counter[0] += 1
    return f"{counter[0] - 1}. "


def _code_span(text: str) -> str:
    longest = max((len(m) for m in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _safe_base(base_url: str | None) -> str | None:
    if not base_url:
        return None
    base = clean_line(base_url[:MAX_URL])
    try:
        return base if urlsplit(base).scheme.lower() in ("http", "https") else None
    except ValueError:  # "http://[::1/x": a feed entry's link can be anything
        return None


def _link_target(href: str | None, base_url: str | None) -> str | None:
    """An http(s) or mailto URL to show for a link, or None (no link: scripts, data,
    fragments, relative links without a base)."""
    if not href:
        return None
    href = clean_line(href[: MAX_URL * 2])
    if not href or href.startswith("#"):
        return None
    try:
        scheme = urlsplit(href).scheme.lower()
        if not scheme and base_url:
            href = urljoin(base_url, href)
            scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return None
    if scheme not in ("http", "https", "mailto") or len(href) > MAX_URL:
        return None
    return (
        href.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C")
        .replace(">", "%3E")
    )  # fmt: skip
