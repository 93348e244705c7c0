"""What every file format shares: the parsed page, a format's description, safe reads.

Format-neutral: nothing here knows a particular format, and nothing in the formats
package imports the cleaner, the library or the UI (the arrows point the other way:
they ask a format for a file's pages and a page for its blocks).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields

from reader.core.files import NotRegularFile as NotRegularFile  # re-exported: moved there
from reader.core.files import file_kind as file_kind
from reader.core.files import read_head as read_head
from reader.core.models import ENTRY_SEPARATOR, parse_iso_date
from reader.core.sanitize import clean_line
from reader.core.textio import NotText, decode
from reader.core.wording import word_cut

# Pages bigger than this are shown cut, with a notice: a scraper gone wrong can
# write hundreds of megabytes and the reader must stay responsive.
MAX_ARTICLE_BYTES = 8 * 1024 * 1024
# Enough to hold a header line or a front-matter block when scanning a library.
HEAD_BYTES = 16 * 1024
MAX_TITLE = 500
# The title of last resort, when the file is empty and its name cleans to nothing.
UNTITLED = "(untitled)"

# A line of only rule characters ("---", "====", "* * *") is no title.
_RULE_LINE = re.compile(r"[\s\-=*_#~`]*")


@dataclass(frozen=True, slots=True)
class Page:
    """One entry of a file, parsed: metadata from its header, then its body text.

    A file that is one article has one page, whose `entry` is "". A file holding
    several articles (a feed file) has one page per entry, each with an `entry` id
    of its own, unique in the file, never "" and without NUL: the list keys the
    article by the file's path and that id (`Article.key`).

    `format` is the name of the format that read the file (`Format.name`); `markup`
    the syntax of `body` (`Markup.name`), which decides both how the body is cut into
    the cleaner's blocks (`blocks()`) and how the blocks are displayed: a UI asks
    `page.markup` ("text": plain paragraphs; "markdown": rendered), never the format.

    `identity`, when a format sets it (a feed entry's guid), is what the article's
    id is made from instead of its title and date (`identity.entry_id`), so marks
    follow the entry whatever its title becomes. Text and Markdown files leave it
    None: their ids come from the title and date.

    `byline` is the author its metadata names (HTML, front matter, feed entries). `hints`, when
    a format sets them, are one per block of `blocks()`: "" for a block the cleaner
    decides on, else the reason the page's own structure gives for hiding it (a
    navigation bar, an aside); the reading pipeline honours them. `plain`, when a
    format sets it, is one per block of `blocks()` too: the block's words as a text
    dump shows them (no Markdown syntax, no link targets), which the cleaner reads
    instead of the Markdown. `scopes` and `links`, when set, are one per block too:
    a number naming the element the block sits in (blocks with the same number share
    it: an article's paragraphs) and the share of its text inside links; `kinds`, when
    set, what the markup made of each block ("para", "heading", "item", "quote",
    "code", "table", or "grid" for a table of rows and columns): a data table or a
    list item is the author's, however few its words. `article`, when set, says of each
    block whether it sits in the element that holds the page's prose (its `article`,
    `main` or content `div`): a block outside it is not the article's.

    `id_title`, when set, is the title the article's id is made from instead of
    `title`: an HTML page whose `<title>` glued its site's name to the headline is
    shown without it (`html.without_site_name`), and keeps the id (and marks) of
    its whole title.
    """

    title: str
    date: dt.date | None
    body: str
    format: str
    url: str | None = None
    source: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)
    truncated: bool = False
    markup: str = "text"
    entry: str = ""
    identity: str | None = None
    summary: bool = False
    feed: str | None = None
    warning: str | None = None
    byline: str | None = None
    hints: tuple[str, ...] = ()
    plain: tuple[str, ...] = ()
    scopes: tuple[int, ...] = ()
    links: tuple[float, ...] = ()
    kinds: tuple[str, ...] = ()
    article: tuple[bool, ...] = ()
    id_title: str | None = None

    def blocks(self) -> list[str]:
        """The body cut into the blocks the cleaner labels, as its markup cuts it."""
        # Imported here: the registry imports this module (and registers every markup).
        from reader.core.formats import markup_named

        return markup_named(self.markup).split_blocks(self.body)

    def clean_texts(self) -> list[str]:
        """What the cleaner reads of each block of `blocks()`: `plain` when the
        format gave one per block, else the blocks themselves."""
        blocks = self.blocks()
        return list(self.plain) if len(self.plain) == len(blocks) else blocks


def _quick_init() -> Callable[..., None]:
    """`Page.__init__` as the dataclass writes it, but setting each field through its
    slot (a frozen dataclass's `__init__` calls `object.__setattr__` per field: a
    Markdown post's or an HTML page's list row spent a tenth of its time building its
    page, and a feed file builds one per entry). The same signature and defaults (a
    test holds them to the dataclass's fields)."""
    slot = {name: Page.__dict__[name].__set__ for name in Page.__slots__}
    (s_title, s_date, s_body, s_format, s_url, s_source, s_tags, s_truncated, s_markup,
     s_entry, s_identity, s_summary, s_feed, s_warning, s_byline, s_hints, s_plain,
     s_scopes, s_links, s_kinds, s_article, s_id_title,
     ) = (slot[f.name] for f in fields(Page))  # fmt: skip

    def __init__(
        self: Page,
        title: str,
        date: dt.date | None,
        body: str,
        format: str,
        url: str | None = None,
        source: str | None = None,
        tags: tuple[str, ...] = (),
        truncated: bool = False,
        markup: str = "text",
        entry: str = "",
        identity: str | None = None,
        summary: bool = False,
        feed: str | None = None,
        warning: str | None = None,
        byline: str | None = None,
        hints: tuple[str, ...] = (),
        plain: tuple[str, ...] = (),
        scopes: tuple[int, ...] = (),
        links: tuple[float, ...] = (),
        kinds: tuple[str, ...] = (),
        article: tuple[bool, ...] = (),
        id_title: str | None = None,
    ) -> None:
        s_title(self, title)
        s_date(self, date)
        s_body(self, body)
        s_format(self, format)
        s_url(self, url)
        s_source(self, source)
        s_tags(self, tags)
        s_truncated(self, truncated)
        s_markup(self, markup)
        s_entry(self, entry)
        s_identity(self, identity)
        s_summary(self, summary)
        s_feed(self, feed)
        s_warning(self, warning)
        s_byline(self, byline)
        s_hints(self, hints)
        s_plain(self, plain)
        s_scopes(self, scopes)
        s_links(self, links)
        s_kinds(self, kinds)
        s_article(self, article)
        s_id_title(self, id_title)

    return __init__


Page.__init__ = _quick_init()  # type: ignore[method-assign]


@dataclass(frozen=True, slots=True)
class Markup:
    """A body syntax: how a body is cut into the cleaner's blocks, and (by `name`,
    which the UI reads from `Page.markup`) how the blocks are displayed."""

    name: str
    split_blocks: Callable[[str], list[str]]


Parse = Callable[[bytes, str, bool], list[Page]]
"""(the file's bytes or a prefix of them, its path, whether they are cut) -> its
pages: one for a file that is one article, one per entry otherwise (possibly none,
for a feed file without entries). Never raises for bad content: a format makes the
best page it can (the title falls back to the file's name)."""

Header = Callable[[bytes], tuple[str, dt.date | None] | None]
"""A list row's title and date straight from a scan's probe, without decoding the
page, or None (then the scan parses the probe)."""

Listed = tuple[str, dt.date | None, str | None, str | None, tuple[str, ...], str | None, str | None]
"""A list row's fields as a page of the file would give them, without the page: title
(cut to `MAX_TITLE`, never ""), date, url, source, tags, identity and warning."""

Lister = Callable[[bytes, str, bool], "Listed | list[Page]"]
"""(a scan's probe, the path, whether it is cut) -> the row's fields when the probe
makes them certain without a page (`Listed`), else the pages `Format.entries` gives
for a scan: a file that is one article listed without building its page, whose
Python costs as much as the rest of its row."""


@dataclass(frozen=True, slots=True)
class Format:
    """A file format: a module of `reader.core.formats` exposes one as `FORMAT`, and
    the registry (`reader.core.formats`) registers it.

    `name` is kept in each list row (`Article.format`) and in the metadata cache,
    so it stays short and never changes ("txt", "md"). `suffixes` are lower case,
    dot included. A library scan reads `probe_bytes` of each file first and gives
    the probe to `header` (if any), else to `parse`; a probe that was cut without a
    single complete line (a title may run on) is read again up to `head_bytes`.
    `sniff` tells the format from a file's first bytes, for files whose suffix no
    format claims or several formats claim.
    """

    name: str
    suffixes: tuple[str, ...]
    markup: Markup
    parse: Parse
    probe_bytes: int = HEAD_BYTES
    head_bytes: int = HEAD_BYTES
    header: Header | None = None
    sniff: Callable[[bytes], bool] | None = None
    # What a scan parses instead of `parse`, when the list row costs less than the
    # article (an HTML page's metadata without its body); the same titles and dates.
    listing: Parse | None = None
    # What a scan lists a file that is one article by, before `listing`: its row's
    # fields from the probe (`Lister`); the same fields as the page `listing` gives.
    row: Lister | None = None
    # What reads one entry of a file of several, when that costs less than reading
    # them all (a big feed file): (bytes, path, cut, entry id) -> the page that
    # `entries` keeps for that id, or None when the file does not hold it.
    entry: Callable[[bytes, str, bool, str], Page | None] | None = None
    # What reads several entries of such a file at once, when that costs less than
    # `entry` for each (one parse of them all): (bytes, path, cut, entry ids) -> the
    # pages `entry` gives, by entry id, for the ids it could read so (the others are
    # left to `entry`).
    several: Callable[[bytes, str, bool, Sequence[str]], dict[str, Page]] | None = None
    # What reads one entry of a file of several from an index kept of the file,
    # without reading the file whole (a big feed file): (path, entry id) -> the page
    # `entry` gives, or None when no index serves it (then the file is read).
    indexed: Callable[[str, str], Page | None] | None = None
    # The text an undated file's date is looked for in (`found_date`), from what the
    # scan read of it: (bytes, cut) -> text; None: the bytes decoded. A format whose
    # bytes are mostly markup says which text a reader sees (an HTML page's head holds
    # dates that are no publication's: a cache's expiry, a script's build).
    dated_text: Callable[[bytes, bool], str] | None = None

    def entries(
        self, data: bytes, path: str, *, truncated: bool = False, scan: bool = False
    ) -> list[Page]:
        """`parse` (`listing` for a `scan` when the format has one), with the entry
        contract kept: in a file of several entries, one without an id, with a NUL in
        it, or with an id seen before is left out (a key must name exactly one entry)."""
        parse = self.listing if scan and self.listing is not None else self.parse
        pages = parse(data, path, truncated)
        if len(pages) > 1 or (pages and pages[0].entry):
            return _distinct_entries(pages)
        return pages


def one_article(parse_text: Callable[..., Page]) -> Parse:
    """The `Parse` of a format whose file is one article: decode the bytes, then
    `parse_text(text, fallback_title, truncated=...)`."""

    def parse(data: bytes, path: str, truncated: bool) -> list[Page]:
        text = decode(data, partial=truncated)
        return [parse_text(text, fallback_title(path), truncated=truncated)]

    return parse


def matches(pattern: re.Pattern[bytes]) -> Callable[[bytes], bool]:
    """A sniffer: whether a file's first bytes match `pattern`."""
    return lambda head: pattern.match(head) is not None


def _distinct_entries(pages: list[Page]) -> list[Page]:
    seen: set[str] = set()
    kept: list[Page] = []
    for page in pages:
        entry = page.entry
        if entry and ENTRY_SEPARATOR not in entry and entry not in seen:
            seen.add(entry)
            kept.append(page)
    return kept


# -- what formats share ------------------------------------------------------------


def parse_date(value: object) -> dt.date | None:
    """A date from a header or front matter; anything unparseable means 'unknown'."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_iso_date(value.strip()[:10])
        except ValueError:
            return None
    return None


def shown_title(title: str) -> str:
    """A title as the reader shows it. The formats cut titles at `MAX_TITLE` characters
    and keep that text, the article's identity, as it is; a title that long was cut, so
    it is shown ending at a word boundary with "…"."""
    return title if len(title) < MAX_TITLE else word_cut(title, MAX_TITLE)


def fallback_title(path: str | os.PathLike[str]) -> str:
    """The title of a file whose content gives none: its name without the suffix."""
    stem = os.path.splitext(os.path.basename(os.fspath(path)))[0]
    return clean_line(stem) or UNTITLED


def first_line(text: str) -> str:
    """The first line of `text` that is not a rule ("---", "===="), as a clean title."""
    for line in text.splitlines():
        if not _RULE_LINE.fullmatch(line):
            return clean_line(line[: MAX_TITLE * 4].lstrip("#").strip())
    return ""


def scalar_text(value: object) -> str | None:
    """A metadata value as text, if it is a single value (never a list or mapping:
    str() of an aliased structure could be huge)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float | dt.date):
        try:
            return str(value)
        except ValueError:  # an int too long to print (sys.get_int_max_str_digits)
            return None
    return None


def one_line(value: object, limit: int) -> str:
    """A scalar metadata value as one clean line of at most `limit` characters."""
    if value is None:  # what most metadata fields are: nothing to look at
        return ""
    text = scalar_text(value)
    # Cut before cleaning, so a megabyte-long value costs no more than a short one.
    return clean_line(text[: limit * 4])[:limit] if text else ""


def optional_line(value: object) -> str | None:
    """`one_line` at title length, None when nothing is left."""
    if value is None:  # most optional fields: without the call to `one_line`
        return None
    return one_line(value, MAX_TITLE) or None


# Names a byline lists at most (a post credited to a whole team says "and others").
MAX_BYLINE_NAMES = 5


def byline_of(value: object) -> str | None:
    """The authors a post's front matter or a feed entry names, as one line for the
    article's header: a name, a mapping with a `name` (JSON Feed, feedparser, Hugo's
    author objects), or a list of either (`authors`). A link or an e-mail address alone
    names nobody a reader knows, and is left out."""
    items = value[: MAX_BYLINE_NAMES + 1] if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, Mapping):
            item = item.get("name")
        name = optional_line(item) if isinstance(item, str) else None
        if (
            name
            and not name.startswith(("http:", "https:", "mailto:"))
            and not (" " not in name and "@" in name)
            and name not in names
        ):
            names.append(name)
    if len(names) > MAX_BYLINE_NAMES:
        names[MAX_BYLINE_NAMES - 1 :] = [f"{names[MAX_BYLINE_NAMES - 1]} and others"]
    return ", ".join(names)[:MAX_TITLE] or None


# -- reading files safely ----------------------------------------------------------


class NotArticle(NotText):
    """A file that holds no article: empty, a feed refused (too large, too many
    entries, XML entity declarations), a .json that is no JSON Feed. The message is
    the reason shown to the user; whoever handles `NotText` handles it."""


def refuse_empty(data: bytes, truncated: bool) -> None:
    """Raise `NotArticle` for a file's bytes that hold nothing (but spaces, line
    ends, a BOM): an empty file is no article."""
    if not truncated and not data.strip(_BLANK_BYTES):
        raise NotArticle("empty file")


_BLANK_BYTES = b" \t\r\n\f\v\xef\xbb\xbf\x00\xff\xfe"


class EntryGone(OSError):
    """The entry asked for is no longer in its file (the feed file was rewritten
    without it), or the file holds no entry at all."""

    def __init__(self, path: str | os.PathLike[str], entry: str) -> None:
        what = "no such entry in the file" if entry else "no entry in the file"
        super().__init__(errno.ENOENT, what, str(path))
        self.entry = entry
