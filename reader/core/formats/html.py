"""HTML pages (.html, .htm, .xhtml): what "Save page as", SingleFile and wget write.

`html_to_markdown` is the converter every HTML body goes through (a page's, a feed
entry's content): Markdown text of the page's structure, safe to show.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import html as html_text
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from itertools import islice
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from reader.core.formats.base import (
    MAX_TITLE,
    Format,
    Listed,
    Page,
    fallback_title,
    matches,
    one_line,
    optional_line,
    parse_date,
)
from reader.core.formats.html_blocks import MAX_OUTPUT, MAX_URL, convert, to_markdown
from reader.core.formats.markdown import MARKDOWN
from reader.core.identity import normalise_title
from reader.core.textio import SAMPLE_BYTES, TEXT_BYTES, NotText, decode, is_byte_text

__all__ = [
    "FORMAT",
    "PageMeta",
    "decode_html",
    "html_to_markdown",
    "page_meta",
    "without_site_name",
]


def html_to_markdown(html: str, base_url: str | None = None) -> str:
    """Markdown of an HTML fragment or page: headings, paragraphs, list items, quotes,
    code, tables, emphasis and links (`[text](url)`, http/https/mailto only; relative
    ones resolved against `base_url`), one block per paragraph, blank-line separated.

    Scripts, styles, forms, frames, comments and hidden elements are dropped, entities
    decoded once, the text escaped so Markdown shows it literally and sanitised;
    at most `MAX_OUTPUT` characters. Never raises for bad markup.
    """
    return to_markdown(convert(html, base_url))[:MAX_OUTPUT]


# -- the HTML page format ----------------------------------------------------------

# A scan reads this much of a page for its list row: the head of most pages (a page
# saved by SingleFile, whose head holds whole style sheets, may keep its title
# further on, and is listed with the title of its <h1> or file name).
PROBE_BYTES = 64 * 1024
MAX_META = 2000  # meta, link and time elements looked at
MAX_JSON_LD = 256 * 1024

_SNIFF = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html|<head)",
    re.IGNORECASE | re.DOTALL,
)
_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})""")
_BODY = re.compile(rb"<body[\s>]", re.IGNORECASE)


class PageMeta(NamedTuple):
    """What a page says about itself. (A named tuple: a frozen dataclass's
    `__init__`, an `object.__setattr__` a field, cost 10,000 instructions a listed
    page, a named tuple's a third of that.)"""

    title: str = ""
    date: dt.date | None = None
    url: str | None = None
    byline: str | None = None
    source: str | None = None
    guid: str | None = None  # `<meta name="reader:guid">`: what `reader fetch` wrote
    # The page's whole title when `title` is it without the site's name
    # (`without_site_name`): what the article's id is made from.
    full_title: str | None = None


# The meta tag `reader fetch` writes into a page it fetched for a feed entry: the
# entry's identity, so the page's id (and marks) are the entry's whatever its file is
# named or its title becomes.
GUID_META = "reader:guid"
MAX_GUID = 2000


def decode_html(data: bytes, *, partial: bool = False) -> str:
    """A page's text: by its BOM, else the charset it declares (`<meta charset>`, the
    http-equiv Content-Type, an XML declaration) when its bytes are that, else the
    bytes (UTF-8, else cp1252). Raises `NotText` for binary data."""
    if data.startswith(_BOMS):
        return decode(data, partial=partial)
    if not is_byte_text(data):
        return decode(data, partial=partial)  # BOM-less UTF-16, or NotText
    return _decode_declared(data, partial)


_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _decode_declared(data: bytes, partial: bool) -> str:
    """`decode_html` of bytes without a BOM that `is_byte_text` found text."""
    declared = _declared(data)
    if declared == "utf-8":
        try:  # what nearly every page is: the sampling below is for the others
            if not partial:  # as the incremental decoder's final call, at C speed
                return data.decode("utf-8")
            return codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
        except UnicodeDecodeError:
            pass
        if _mostly_utf8(data):
            # As a browser reads it: a stray bad byte is one replacement character,
            # not a reason to read the whole page in another code page (whose C1
            # controls the sanitiser would take for escape sequences).
            return codecs.getincrementaldecoder("utf-8")("replace").decode(data, final=not partial)
    if declared and declared != "utf-8":
        try:
            return codecs.getincrementaldecoder(declared)().decode(data, final=not partial)
        except UnicodeDecodeError:
            pass  # not what it says: the bytes tell
    return decode(data, partial=partial)


def _declared(data: bytes) -> str | None:
    """The Python codec of the charset a page's bytes declare (`_codec`), if any."""
    match = _XML_ENCODING.match(data, 0, 4096) or _CHARSET.search(data, 0, 4096)
    return _codec(match.group(1).decode("ascii")) if match else None


# Bytes that start a multi-byte UTF-8 sequence, and the ones that follow it.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def _mostly_utf8(data: bytes) -> bool:
    """Whether most of the non-ASCII bytes of `data` form UTF-8 sequences (a page
    declared UTF-8 with a few broken bytes), rather than a legacy code page's
    characters (a page whose declaration is wrong)."""
    sample = data[: 1024 * 1024]
    valid = sum(len(m) for m in _UTF8_SEQUENCE.findall(sample))
    return valid >= 0.8 * len(_HIGH_BYTE.findall(sample))


@functools.lru_cache(maxsize=256)
def _codec(label: str) -> str | None:
    """The Python codec of a charset label, as browsers read labels: Latin-1 and
    ASCII mean windows-1252; UTF-16 in a meta tag means the page is ASCII-compatible."""
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    if name.startswith(("utf-16", "utf-32")) or name in ("utf-7",):
        return "utf-8"
    return name


FindH1 = Callable[[], "str | None"]
"""What finds the text of a page's first h1 when the page's parse has not (a scan
that read its head alone): asked only when a title's site part is in question."""


def page_meta(root: Any, find_h1: FindH1 | None = None) -> PageMeta:
    """Title, date, canonical URL, byline and site name from a parsed page.
    `find_h1`: what finds the page's h1 when `root` holds none (its head alone)."""
    metas = (el.attrib for el in islice(root.iter("meta"), MAX_META))
    ld, title, h1 = _json_ld(root), _title(root), _h1(root)
    return _page_meta(metas, ld, title, h1, _time(root), _canonical(root), find_h1)


def _page_meta(
    metas: Iterable[Mapping[str, str]],
    ld: dict[str, str],
    title_text: str | None,
    h1_text: str | None,
    time_text: str | None,
    canonical: str | None,
    find_h1: FindH1 | None = None,
) -> PageMeta:
    """`page_meta` of what a page holds: the attributes of its meta elements (in
    order), its JSON-LD fields, its first title's and h1's text, the first usable
    time and the canonical link; `find_h1`, what finds its h1 when `h1_text` is
    None because the page's head alone was read. (A value that is None is passed
    over without a call: it gives nothing.)"""
    meta: dict[str, str] = {}
    for attrib in metas:
        key = (attrib.get("property") or attrib.get("name") or attrib.get("itemprop") or "").lower()
        content = attrib.get("content")
        if key and content and key not in meta:
            meta[key.strip()] = content
    title = ""
    for value in (meta.get("og:title"), meta.get("twitter:title"), title_text, h1_text):
        if value is not None and (title := one_line(value, MAX_TITLE)):
            break
    # A title of the page's <title> element: it may name the site too.
    from_title = value is title_text and title_text is not None and bool(title)
    date = None
    for value in (
        ld.get("datePublished"),
        meta.get("article:published_time"),
        meta.get("og:published_time"),
        meta.get("datepublished"),
        meta.get("date"),
        meta.get("dc.date"),
        meta.get("dc.date.issued"),
        meta.get("pubdate"),
        meta.get("publishdate"),
        time_text,
    ):
        if value is not None and (date := parse_date(value)):
            break
    url = None
    for value in (canonical, meta.get("og:url")):
        if value is not None and (url := _http_url(value)) is not None:
            break
    byline = None
    for value in (ld.get("author"), meta.get("author"), meta.get("article:author")):
        if value is None:
            continue
        if (byline := optional_line(value)) and not byline.startswith(("http:", "https:")):
            break
        byline = None
    source = optional_line(meta.get("og:site_name")) or optional_line(ld.get("publisher"))
    guid = (meta.get(GUID_META) or "").strip()
    full = None
    if from_title:
        sites = (meta.get("og:site_name"), meta.get("application-name"), ld.get("publisher"))
        shown = without_site_name(title, sites, url, find_h1 if h1_text is None else h1_text)
        if shown != title:
            title, full = shown, title
    return PageMeta(title, date, url, byline, source, guid[:MAX_GUID] or None, full)


# What stands between a headline and a site's name in a page's <title>
# (`_separators`): a bar, a middle dot, a bullet, a guillemet, an en or em dash, a
# double colon; a hyphen, tilde or slash between spaces ("e-mail" is one word); a
# colon followed by a space ("Site Name: Headline"; "10:30" is no separator). The
# characters found first (a character class is searched for at C speed; the
# pattern with its spaces cost 2 µs a title), their surroundings then checked.
_SEPARATOR_CHARS = re.compile("[|\u00b7\u2022\u00bb\u2013\u2014:~/-]")
_ALWAYS = frozenset("|\u00b7\u2022\u00bb\u2013\u2014")
# Separators a site's name stands either side of ("Site » Headline", "Headline »
# Site"); after the others, but before a colon written after a word ("Site Name:
# Headline"). What an h1 alone may tell (`without_site_name`).
_EITHER_SIDE = frozenset({"\u00bb", "::"})
# Host labels that name no site: a mobile or web prefix.
_HOST_PREFIXES = frozenset({"www", "m", "mobile", "amp", "en"})


def _separators(title: str) -> list[tuple[int, int, str]]:
    """(start, end, mark) of each separator of `title` that may stand between a
    headline and a site's name, in order; `mark` "::" or the character."""
    found: list[tuple[int, int, str]] = []
    last = len(title) - 1
    skip = -1
    for match in _SEPARATOR_CHARS.finditer(title):
        at = match.start()
        if at <= skip:
            continue
        char = title[at]
        if char in _ALWAYS:
            found.append((at, at + 1, char))
        elif char == ":":
            if at < last and title[at + 1] == ":":
                found.append((at, at + 2, "::"))
                skip = at + 1
            elif at < last and title[at + 1].isspace():
                found.append((at, at + 1, ":"))
        elif 0 < at < last and title[at - 1].isspace() and title[at + 1].isspace():
            found.append((at, at + 1, char))
    return found


def without_site_name(
    title: str,
    sites: Iterable[str | None] = (),
    url: str | None = None,
    h1: str | Callable[[], str | None] | None = None,
) -> str:
    """`title` (a page's `<title>`) without the site's name glued before or after
    the headline ("Headline | Site", "Headline - Site", "Site: Headline", with any
    of the separators of `_separators`), when the page gives evidence that the
    part is its site's name and not words of the headline: the part is one of
    `sites` (the page's og:site_name, application-name, JSON-LD publisher), compared
    as ids compare titles (`normalise_title`); or its letters are the host name of
    `url` (the canonical URL), loosely ("The Harbour Gazette" ~ harbourgazette.com);
    or the rest is the page's `h1`, on the side the separator puts a site's name
    (after a bar or a dash, before a colon written after a word; either side of a
    guillemet or `::`), no shorter than the part dropped, and the h1 not itself the
    site's name. (A blog's name is often its pages' first h1, its title "Blog Name:
    Post title": an h1 alone never drops the words after such a colon. `h1` may be
    a function that finds it, called only when the rest gives no evidence.) Without
    evidence, `title` whole: a headline may hold a separator. Never "" (the rest
    holds a letter or digit), never longer than `title`. The one owner of this
    rule: the scan's list row and the opened page both go through it.
    """
    separators = _separators(title)
    if not separators:
        return title
    names = {key for site in sites if site and (key := normalise_title(site))}
    hosts = _host_keys(url)
    splits: list[tuple[str, str]] = []  # (rest, site part) an h1 may tell
    for start, end, mark in separators:
        before, after = title[:start].strip(), title[end:].strip()
        if not before or not after:
            continue
        either = mark in _EITHER_SIDE
        # a colon after a word ("Site Name: Headline") has the site before it, the
        # others ("Headline | Site", "Headline : Site") after
        site_first = either or (mark == ":" and not title[start - 1].isspace())
        site_last = either or not site_first
        for rest, site, h1_side in ((before, after, site_last), (after, before, site_first)):
            if not _has_word(rest):
                continue
            if names or hosts:
                rest_key, site_key = normalise_title(rest), normalise_title(site)
                if (
                    rest_key
                    and site_key
                    and _is_site(site_key, names, hosts)
                    and not _is_site(rest_key, names, hosts)
                ):
                    return rest
            if h1_side and len(rest) >= len(site):
                splits.append((rest, site))
    if not splits:
        return title
    if callable(h1):  # looked for only now: the site's names decided nothing
        h1 = h1()
    head = normalise_title(h1) if h1 else ""
    if not head or _is_site(head, names, hosts):
        return title  # no h1, or the site's logo: nothing said of the headline
    for rest, site in splits:
        if normalise_title(rest) == head and normalise_title(site):
            return rest
    return title


def _has_word(text: str) -> bool:
    return any(char.isalnum() for char in text)


def _letters(key: str) -> str:
    """A `normalise_title` key's letters and digits, accents dropped: what a host
    name spells of a site's name."""
    if not key.isascii():
        key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    return key.replace(" ", "")


def _is_site(key: str, names: set[str], hosts: frozenset[str]) -> bool:
    """Whether the `normalise_title` key `key` names the site: one of `names`, or
    spelling one of `hosts` (a leading "the" aside)."""
    if key in names:
        return True
    if not hosts:
        return False
    letters = _letters(key)
    return letters in hosts or (key.startswith("the ") and letters[3:] in hosts)


def _host_keys(url: str | None) -> frozenset[str]:
    """What a site's name may spell of the host of `url`: the host name's letters
    (without "www."), with and without its last label, and each label of three
    letters or more but the last ("news.harbourgazette.co.uk": "harbourgazette",
    "newsharbourgazetteco"...)."""
    if not url:
        return frozenset()
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return frozenset()
    labels = [label for label in host.split(".") if label]
    while len(labels) > 2 and labels[0] in _HOST_PREFIXES:
        labels = labels[1:]
    if len(labels) < 2:
        return frozenset()
    keys = {"".join(labels), "".join(labels[:-1])}
    keys.update(label for label in labels[:-1] if len(label) >= 3)
    return frozenset(key.replace("-", "") for key in keys if len(key) >= 3)


def _head_meta(
    data: bytes, text: str | None, searched: bytes | None = None, end: int | None = None
) -> PageMeta | None:
    """The page's metadata from its head alone, when the rest cannot change it: the
    head names a title and a date, and no meta, link or JSON-LD element follows it
    (a list row's whole cost is otherwise the parse of a body it does not show).
    `text`: the page decoded, or None when the bytes before its `</head` are ASCII
    that the page's decoding reads as itself (`_quick_head`), so the head's text is
    those bytes. `searched`: `data.translate(_SEARCHED)`, if at hand; `end`: where
    its `</head` is (`_head_end`), if known."""
    if end is None:
        end = _head_end(data)
    if end < 0:
        return None
    if searched is None:
        searched = data.translate(_SEARCHED)
    # elements after the head that `page_meta` reads: meta, link, JSON-LD (whose
    # type says "+json"); one search finds the three (`_SEARCHED`)
    if searched.find(_AFTER_HEAD, end) >= 0:
        return None
    if text is None:
        head = data[:end].decode("ascii")
    else:
        cut = _HEAD_END.search(text)
        if cut is None:
            return None
        head = text[: cut.start()]
    find_h1 = partial(_first_h1, data, end)
    meta = plain_head_meta(head, find_h1)
    if meta is None:
        from reader.core.formats.html_blocks import parse_html

        root = parse_html(head)
        if root is None:
            return None
        meta = page_meta(root, find_h1)
    return meta if meta.title and meta.date else None


def plain_head_meta(head: str, find_h1: FindH1 | None = None) -> PageMeta | None:
    """`page_meta` of a page's head (the text before `</head`) read without a parser,
    when it is plain: only a doctype, comments, `html`/`head`/`meta`/`link`/`base`
    tags with well-formed attributes free of entities, titles of plain text, and
    scripts and styles (not JSON-LD) without `</` or `<!--` inside; None for any
    other head (the parser reads it). Where the parser and this read the same
    markup, they find the same title, date, URL, byline, source and guid (a property
    test holds them to it). `find_h1`: as `_page_meta` takes it."""
    if "\x00" in head or ("+" in head and _LD_JSON.search(head)):
        return None
    metas: list[dict[str, str]] = []
    links: list[dict[str, str]] = []
    title: str | None = None
    covered = 0
    # The tokens one after the other: `finditer` finds at each position the token a
    # match there finds, and passes over what no token matches, which leaves a gap
    # (where the head is not plain: refused at once, as a match at each position
    # refused it). A run of the pieces that say nothing (spaces, doctype, comments,
    # scripts, styles, html and head tags, end tags) is one token without a group:
    # each token costs a match object and its groups' strings, which made half of a
    # plain head's instructions when each piece was one.
    for match in _HEAD_TOKENS.finditer(head):
        if match.start() != covered:
            return None
        covered = match.end()
        kind = match.lastgroup  # the group that closed last: a tag's "attrs"
        if kind is None:
            continue
        if kind == "title":
            if title is None:
                title = match.group("title")[: MAX_TITLE * 4]
            continue
        tag, first, value, second, other, rest = match.group("tag", "n1", "v1", "n2", "v2", "attrs")
        if first is None:
            attrib = _attributes(rest)
        elif second is None:
            attrib = {first: value} if not rest else _attributes(rest, {first: value})
        elif first == second:
            attrib = None
        else:
            attrib = {first: value, second: other}
            if rest:
                attrib = _attributes(rest, attrib)
        if attrib is None:
            return None
        if tag[0] in "mM":
            metas.append(attrib)
        elif tag[0] in "lL":
            links.append(attrib)
    if covered != len(head) or len(metas) > MAX_META:
        return None
    canonical = None
    for attrib in links[:MAX_META]:
        if "canonical" in (attrib.get("rel") or "").lower().split():
            canonical = attrib.get("href")
            break
    return _page_meta(metas, {}, title, None, None, canonical, find_h1)


def _attributes(text: str, first: dict[str, str] | None = None) -> dict[str, str] | None:
    """The attributes of a tag, names in lower case as the parser gives them, after
    those in `first` (the tag's first ones, as `_HEAD_TOKENS` took them); None when
    a name comes twice (which one the parser keeps is its business)."""
    pairs = _ATTRIBUTE.findall(text)
    attrib = {name.lower(): value[1:-1] if value[0] in "'\"" else value for name, value in pairs}
    if first is None:
        return attrib if len(attrib) == len(pairs) else None
    merged = first | attrib
    return merged if len(merged) == len(first) + len(pairs) else None


_SPACE = "[ \t\n\f]"
_ATTRIBUTE_TEXT = (
    f"{_SPACE}+([a-zA-Z_:][-a-zA-Z0-9_:.]*){_SPACE}*={_SPACE}*"
    """("[^"<&\r]*"|'[^'<&\r]*'|[^ \t\n\f\r"'=<>`&]+)"""
)
_ATTRIBUTE = re.compile(_ATTRIBUTE_TEXT)


def _any_case(word: str) -> str:
    """A pattern of `word` in any ASCII case (`re.IGNORECASE` would also take some
    letters of other scripts for ASCII ones, as the Kelvin sign for k, which the
    parser does not, and costs the regex engine a case fold per letter)."""
    return "".join(f"[{c.lower()}{c.upper()}]" for c in word)


_META, _LINK, _BASE, _HTML, _HEAD, _SCRIPT, _STYLE, _TITLE_TAG = map(
    _any_case, ("meta", "link", "base", "html", "head", "script", "style", "title")
)
_RAW_ATTRIBUTES = (
    f"""(?:{_SPACE}+[a-zA-Z_:][-a-zA-Z0-9_:.]*"""
    f"""(?:{_SPACE}*={_SPACE}*(?:"[^"<>&]*"|'[^'<>&]*'|[^ \t\n\f\r"'=<>`&]+))?)*{_SPACE}*>"""
)
_RAW_TEXT = "[^<]*(?:<(?![/!])[^<]*)*"
# One piece of a plain head (`plain_head_meta`): a meta, link or base tag, whose
# first two attributes, when written as most pages write them (a name in lower case,
# `="value"`), are groups of their own (n1, v1, n2, v2: their names need no lower
# case and their values no quotes cut, and no `findall` reads them again) and the
# others the group attrs; a title; or a run of pieces that say nothing, without a
# group. Every attribute in the forms `_ATTRIBUTE_TEXT` takes; a tag's first ones
# in the groups' form only when they are in it (else n1 does not match and attrs
# takes them), so a tag is the same piece whichever group took its attributes.
# `_ATTRIBUTE_TEXT` without its groups: a group inside a repetition costs the regex
# engine a save of its marks at every attribute
_ATTRIBUTE_SEEN = re.sub(r"\((?!\?)", "(?:", _ATTRIBUTE_TEXT)


def _named(name: str, value: str) -> str:
    """An attribute in the form most pages write, its name and value as groups."""
    return f"""{_SPACE}+(?P<{name}>[a-z][-a-z0-9_:.]*)="(?P<{value}>[^"<&\r]*)\""""


_HEAD_TOKENS = re.compile(
    f"""
    <(?P<tag>{_META}|{_LINK}|{_BASE})
      (?:{_named("n1", "v1")}(?:{_named("n2", "v2")})?)?
      (?P<attrs>(?:{_ATTRIBUTE_SEEN})*){_SPACE}*/?>
    | <{_TITLE_TAG}>(?P<title>[^<&\r]*)</{_TITLE_TAG}>
    | (?:
        {_SPACE}+
      | <{_SCRIPT}{_RAW_ATTRIBUTES}{_RAW_TEXT}</{_SCRIPT}>
      | <{_STYLE}{_RAW_ATTRIBUTES}{_RAW_TEXT}</{_STYLE}>
      | <(?:{_HTML}|{_HEAD})(?:{_ATTRIBUTE_SEEN})*{_SPACE}*>
      | </(?:{_HTML}|{_HEAD}|{_META}|{_LINK}|{_BASE})>
      | <!{_any_case("doctype")}[ \t\n\f][^<>&]*>
      | <!--(?![->])(?:[^-]|-(?!-))*-->
      )+
    """,
    re.VERBOSE,
)
_LD_JSON = re.compile("ld\\+json", re.IGNORECASE)


_HEAD_END = re.compile(r"</head", re.IGNORECASE)


def list_html_page(data: bytes, path: str, truncated: bool) -> list[Page]:
    """What a scan needs of a page: `parse_html_page` without the body (converting
    it costs most of a page's parse, and the list row shows none of it). The same
    row as `parse_html_page`."""
    meta, text = _quick_head(data, truncated)
    if meta is None:  # the page's parse
        return parse_html_page(data, path, truncated, body=False, text=text)
    return [_head_page(meta)]


def _head_page(meta: PageMeta) -> Page:
    """The page, without a body, of a page whose head said it all (`_head_meta`)."""
    full = meta.full_title
    return Page(
        title=meta.title[:MAX_TITLE],  # never "": `_head_meta` wants one
        date=meta.date,
        body="",
        format=FORMAT.name,
        url=meta.url,
        source=meta.source,
        markup=MARKDOWN.name,
        byline=meta.byline,
        identity=meta.guid,
        id_title=None if full is None else full[:MAX_TITLE],
    )


def html_row(data: bytes, path: str, truncated: bool) -> Listed | list[Page]:
    """`FORMAT.row`: `list_html_page`'s row of a page whose head says it all, without
    building the page; else its pages."""
    meta, text = _quick_head(data, truncated)
    if meta is None:
        return parse_html_page(data, path, truncated, body=False, text=text)
    if meta.full_title is not None:  # an id of another title than the one shown: a page
        return [_head_page(meta)]
    return (meta.title[:MAX_TITLE], meta.date, meta.url, meta.source, (), meta.guid, None)


def _quick_head(data: bytes, truncated: bool) -> tuple[PageMeta | None, str | None]:
    """The metadata of a whole page (not cut) that is text without a BOM, whose head
    says it all (`_head_meta`), found in as few passes over its bytes as can be: one
    translation tells that the bytes are text (as `is_byte_text` does) and gives the
    bytes `_head_meta` searches after the head (`_SEARCHED`). (None, the decoded
    page) when its head does not say it all, (None, None) when the page is not of
    that kind."""
    if not truncated and not data.startswith(_BOMS):
        searched = data.translate(_SEARCHED)
        if searched.find(0, 0, SAMPLE_BYTES) < 0:  # no NUL, no control byte: text
            end = _head_end(data)
            if end >= 0 and data[:end].isascii() and _declared(data) in (None, "utf-8"):
                # An ASCII head that UTF-8, and each code page `decode` falls back
                # to, read as itself: the rest of the page is not decoded unless needed.
                meta = _head_meta(data, None, searched, end)
                return (meta, None) if meta is not None else (None, _decode_declared(data, False))
            text = _decode_declared(data, False)
            meta = _head_meta(data, text, searched, end)
            return (meta, None) if meta is not None else (None, text)
    return None, None


def _head_end(data: bytes) -> int:
    """Where a page's first `</head` (in any ASCII case) is, -1 if nowhere. A search
    of the bytes up to it, not of a lower-cased copy of the page."""
    found = _HEAD_END_BYTES.search(data)
    return -1 if found is None else found.start()


_HEAD_END_BYTES = re.compile(rb"</[hH][eE][aA][dD]")

# The bytes `_head_meta` searches, made in the pass over the page that also tells it
# is text (as `is_byte_text` does): NUL and the control bytes `is_byte_text` looks
# for made NUL; "<" and "+", and the letters of "meta", "link" and "json" place by
# place, in either ASCII case, made one byte each, so that `<meta`, `<link` and
# `+json` all read `_AFTER_HEAD` (as "<met", "<lin" and "+jso") and one search
# finds whichever comes first. (Other words read so too, as `<menu`, `+lint`: such
# a page is parsed, as a page whose head does not say it all is, with the same row.)
_SAME = {"+": "<", "l": "m", "j": "m", "i": "e", "s": "e", "n": "t", "o": "t"}
_SEARCHED = bytes(
    0 if not TEXT_BYTES[code]
    else ord(_SAME.get(chr(code).lower(), chr(code).lower())) if code < 128
    else code
    for code in range(256)
)  # fmt: skip
_AFTER_HEAD = b"<met".translate(_SEARCHED)


def parse_html_page(
    data: bytes, path: str, truncated: bool, body: bool = True, *, text: str | None = None
) -> list[Page]:
    """An HTML page: metadata from its head, body as Markdown blocks with the
    structural hints of `html_evidence`.

    A scan's probe (a cut prefix no longer than `PROBE_BYTES`) gives the metadata
    only: the list row needs nothing else, and converting a body costs as much as
    the rest of the scan. Opening reads the whole file (cut only beyond
    `MAX_ARTICLE_BYTES`, far longer than a probe). Without `body` (a scan of a
    whole small page), the metadata of the whole page, as opening finds it.
    `text`: the whole page decoded, whose head `_head_meta` found not enough (so
    the page is parsed)."""
    from reader.core.formats.html_blocks import blocks_of, parse_html

    probe = truncated and len(data) <= PROBE_BYTES
    find_h1: FindH1 | None = None
    if text is None:
        text = decode_html(data, partial=truncated)
        if probe and (start := _BODY.search(data)) is not None:
            text = decode_html(data[: start.start()], partial=True)
            find_h1 = partial(_first_h1, data, start.start())  # in the probe's body
        head = not body
    else:
        head = False
    if not head:
        meta = None
    elif probe:  # the head alone: read without the parser when plain, as it reads it
        meta = plain_head_meta(text, find_h1)
    else:
        meta = _head_meta(data, text)
    root = parse_html(text) if meta is None else None
    if root is not None:
        meta = page_meta(root, find_h1)
    if meta is None:
        return [Page(fallback_title(path), None, "", FORMAT.name, truncated=truncated,
                     markup=MARKDOWN.name)]  # fmt: skip
    title = meta.title or fallback_title(path)
    id_title = None if meta.full_title is None else meta.full_title[:MAX_TITLE]
    text_body, hints, plain = "", tuple[str, ...](), tuple[str, ...]()
    scopes, links, kinds = tuple[int, ...](), tuple[float, ...](), tuple[str, ...]()
    article = tuple[bool, ...]()
    if body and not probe and root is not None:
        from reader.core.formats.html_evidence import (
            article_blocks,
            best_candidate,
            block_hints,
            block_scopes,
            link_shares,
        )

        blocks = blocks_of(root, meta.url)
        text_body = to_markdown(blocks)
        best = best_candidate(blocks)
        hints = tuple(block_hints(blocks, best))
        plain = tuple(block.plain() for block in blocks)
        scopes = tuple(block_scopes(blocks))
        links = tuple(link_shares(blocks))
        kinds = tuple("grid" if block.grid else block.kind for block in blocks)
        article = tuple(article_blocks(blocks, best))
    return [
        Page(
            title=title[:MAX_TITLE],
            date=meta.date,
            body=text_body,
            format=FORMAT.name,
            url=meta.url,
            source=meta.source,
            truncated=truncated,
            markup=MARKDOWN.name,
            byline=meta.byline,
            identity=meta.guid,
            hints=hints,
            plain=plain,
            scopes=scopes,
            links=links,
            kinds=kinds,
            article=article,
            id_title=id_title,
        )
    ]


def dated_text(data: bytes, truncated: bool) -> str:
    """`FORMAT.dated_text`: the text a reader sees at the start of the page's body
    (its first `DATED_BYTES` of markup, tags, scripts, styles and comments left out,
    entities decoded), where a page without a date in its metadata says when it was
    published ("Posted 12 January 2012"). Not the head: its dates are a cache's expiry
    or a script's, which listed a page of 2012 as of 2013. No parser: the scan runs
    this for each undated page."""
    end = _head_end(data)
    start = end if end >= 0 else 0
    try:
        text = decode_html(data[: start + DATED_BYTES], partial=True)
    except NotText:
        return ""
    cut = _HEAD_END.search(text)
    body = text[text.find(">", cut.end()) + 1 :] if cut is not None else text
    return " ".join(html_text.unescape(_TAGS.sub(" ", _UNSEEN.sub(" ", body))).split())


# The markup `dated_text` reads of a page's body: a date beyond it is too far down to be
# the page's own (the scan's probe of a text file is 2 KiB of text).
DATED_BYTES = 32 * 1024
_UNSEEN = re.compile(
    r"<(script|style|noscript|template|svg)\b.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)",
    re.IGNORECASE | re.DOTALL,
)
_TAGS = re.compile(r"<[^>]*>?")


FORMAT = Format(
    name="html",
    suffixes=(".html", ".htm", ".xhtml"),
    markup=MARKDOWN,
    parse=parse_html_page,
    listing=list_html_page,
    row=html_row,
    probe_bytes=PROBE_BYTES,
    head_bytes=PROBE_BYTES,
    sniff=matches(_SNIFF),
    dated_text=dated_text,
)


def _title(root: Any) -> str | None:
    el = next(root.iter("title"), None)
    return None if el is None else el.text_content()[: MAX_TITLE * 4]


def _h1(root: Any) -> str | None:
    el = next(root.iter("h1"), None)
    return None if el is None else el.text_content()[: MAX_TITLE * 4]


_H1_END = re.compile(rb"</[hH]1[\s>]")
_H1_NEXT = frozenset(bytes([code]) for code in b" \t\n\r\f/>")  # what may follow "<h1"
_TAG = re.compile(r"<[^>]*>?")


def _first_h1(data: bytes, start: int) -> str | None:
    """The text of the first h1 in `data` from `start` on (after a page's head),
    found without parsing the page: the scan of a page whose head alone was read
    asks for it only when a title's site part is in question (`without_site_name`),
    which a parse of the page would judge by its h1 too. Tags dropped, entities
    decoded, in the charset the page declares; not cleaned for the screen (it is
    compared, as `_h1` of a parsed page is, never shown)."""
    at = data.find(b"<h1", start)
    if at < 0 or data[at + 3 : at + 4] not in _H1_NEXT:
        upper = data.find(b"<H1", start)  # rare: searched for when no "<h1" is one
        at = upper if upper >= 0 and (at < 0 or upper < at) else at
        if at < 0 or data[at + 3 : at + 4] not in _H1_NEXT:
            return None
    opened = data.find(b">", at)
    if opened < 0:
        return None
    end = _H1_END.search(data, opened, opened + MAX_TITLE * 16)
    if end is None:
        return None
    raw = data[opened + 1 : end.start()]
    if raw.isascii():
        text = raw.decode("ascii")
    else:
        try:
            text = raw.decode(_declared(data) or "utf-8", "replace")
        except LookupError:
            return None
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html_text.unescape(text)
    return text[: MAX_TITLE * 4]


def _time(root: Any) -> str | None:
    for count, el in enumerate(root.iter("time"), 1):
        if count > MAX_META:
            break
        value = el.get("datetime") or el.get("content")
        if value and parse_date(value):
            return str(value)
    return None


def _canonical(root: Any) -> str | None:
    for count, el in enumerate(root.iter("link"), 1):
        if count > MAX_META:
            break
        if "canonical" in (el.get("rel") or "").lower().split():
            return el.get("href")  # type: ignore[no-any-return]
    return None


def _http_url(value: object) -> str | None:
    text = one_line(value, MAX_URL)
    if not text or urlsplit(text).scheme.lower() not in ("http", "https"):
        return None
    return text


def _json_ld(root: Any) -> dict[str, str]:
    """datePublished, author and publisher (names) of the page's JSON-LD, if any."""
    found: dict[str, str] = {}
    budget = MAX_JSON_LD
    for el in root.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = el.text or ""
        budget -= len(raw)
        if budget < 0:
            break
        try:
            value = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        _ld_fields(value, found)
    return found


def _ld_fields(value: object, found: dict[str, str]) -> None:
    """Walk a JSON-LD value (without recursion, bounded) for the fields we show."""
    stack = [value]
    seen = 0
    while stack and seen < 5000:
        seen += 1
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item[:200]))
        elif isinstance(item, dict):
            for key in ("datePublished", "author", "publisher"):
                if key in item and key not in found:
                    name = _ld_name(item[key])
                    if name:
                        found[key] = name
            graph = item.get("@graph")
            if isinstance(graph, list):
                stack.extend(reversed(graph[:200]))


def _ld_name(value: object) -> str | None:
    if isinstance(value, list) and value:
        names = [n for v in value[:10] if (n := _ld_name(v))]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _ld_name(value.get("name"))
    return value if isinstance(value, str) and value.strip() else None
