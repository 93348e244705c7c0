"""Feed files (.rss, .atom, .xml, .json): RSS 0.9x/1.0/2.0, Atom and JSON Feed, one
article per entry.

An entry's identity (what its marks are keyed by) is its guid/id, else its link,
else its title and date; its entry id (the row's key in the file) is a hash of the
same, so both stay put when the feed file is rewritten with more entries. The body
is the entry's full content when it has one, else its summary (`Page.summary`).

Feeds are untrusted and parsed whole, so they are bounded before any parser sees
them: at most `MAX_FEED_BYTES` (a bigger file is refused, never cut: half an XML
document sends feedparser to its slow lenient parser), the newest `MAX_ENTRIES`
entries (picked by a streaming lxml pass; the others are left out with a
warning), and no XML entity declaration at all (the billion laughs and external
entities need one; real feeds never do): such files raise `NotArticle` with the
reason the user sees. XML is handed to feedparser as UTF-8 that we decoded
ourselves, so no declared charset (UTF-7, EBCDIC...) can hide a declaration from
the check, and a wrong or missing charset costs a few characters, not the feed.

A library scan lists a feed file without its entries' bodies (`list_feed`: plain RSS
2.0 read by lxml alone with feedparser's rules for each field, other feeds by
feedparser on the document without bodies), and opening an entry reads only the
entries that could be it (`feed_entry`, from an index of the file); both give
exactly what `parse_feed` gives for the same entry, or fall back to it.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import email.utils
import functools
import hashlib
import heapq
import html
import io
import json
import os
import re
import threading
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from reader.core.formats import feed_index
from reader.core.formats.base import (
    MAX_TITLE,
    Format,
    NotArticle,
    Page,
    byline_of,
    fallback_title,
    one_line,
    optional_line,
)
from reader.core.formats.text import TEXT
from reader.core.sanitize import clean_display_text
from reader.core.textio import decode

MAX_FEED_BYTES = 32 * 1024 * 1024
# Entries listed of one feed: its newest (feedparser takes about a millisecond an
# entry; a feed with more lists these, with a warning saying how many were left out).
MAX_ENTRIES = 5_000
# The longest body kept of one entry (characters): a feed can be one huge entry.
MAX_BODY = 1_000_000

_XML_SNIFF = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.{0,500}?-->\s*)*"
    rb"(?:<!DOCTYPE[^>]{0,300}>\s*)?<(?:rss|feed|rdf:RDF|RDF)[\s>]",
    re.DOTALL,
)
_JSON_SNIFF = re.compile(
    rb'(?:\xef\xbb\xbf)?\s*\{.{0,2000}?"version"\s*:\s*"https?://jsonfeed\.org/'
)
_XML_DECLARATION = re.compile(rb"\A\s*<\?xml[^>]{0,200}?\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_ENTRY_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]")
# A feed date as feedparser could not read it ("2025-02-03T10:00:00+01:00" it can).
_ISO_DAY = re.compile(r"\s*(\d{4})-(\d\d)-(\d\d)")


def sniff_feed(head: bytes) -> bool:
    """An XML feed (RSS, RDF or Atom root) or a JSON Feed, from its first bytes."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = decode(head, partial=True).encode("utf-8", "replace")
    return bool(_XML_SNIFF.match(head) or _JSON_SNIFF.match(head))


def parse_feed(data: bytes, path: str, truncated: bool, base_url: str | None = None) -> list[Page]:
    """Every entry of a feed file; raises `NotArticle` for a file that is refused or
    is no feed. Parsed once per content (the pane, the search index and the feed's
    evidence each ask for entries of the same big file). `base_url`: where the feed
    was fetched from (`reader fetch`), which relative entry links are resolved
    against (a feed file's relative links stay as they are)."""
    if truncated:
        raise NotArticle(f"feed file too large (over {MAX_FEED_BYTES // 2**20} MB)")
    key = (path + "\0" + (base_url or ""), hashlib.blake2b(data, digest_size=16).digest())
    with _LOCK:
        cached = _PARSED.get(key)
    if cached is not None:
        return cached
    base = base_url or ""
    pages = _json_feed(data, path, base) if _looks_json(data) else _xml_feed(data, path, base)
    with _LOCK:
        if len(_PARSED) >= 2:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[key] = pages
    return pages


_LOCK = threading.Lock()
_PARSED: dict[tuple[str, bytes], list[Page]] = {}


def list_feed(data: bytes, path: str, truncated: bool) -> list[Page]:
    """`FORMAT.listing`: the entries of a feed file as a library scan lists them, with
    the same ids, titles, dates, links, tags, feed names and warnings as `parse_feed`
    but without their bodies (`body` is "" unless the entry has no title, whose body
    titles it; `summary` is not kept). The bodies, the bulk of a feed, are taken out
    of the document before feedparser reads it (feedparser takes about a millisecond
    an entry, converting a body to Markdown as much again); a document where that
    might change what feedparser finds (not well-formed, a DOCTYPE, a parser
    warning) is read whole, as `parse_feed` reads it. Bounded as `parse_feed`."""
    if truncated:
        raise NotArticle(f"feed file too large (over {MAX_FEED_BYTES // 2**20} MB)")
    if _looks_json(data):
        return _json_feed(data, path, "", listing=True)
    return _xml_feed(data, path, "", listing=True)


FORMAT = Format(
    name="feed",
    suffixes=(".rss", ".atom", ".xml", ".json"),
    markup=TEXT,
    parse=parse_feed,
    probe_bytes=MAX_FEED_BYTES,
    head_bytes=MAX_FEED_BYTES,
    sniff=sniff_feed,
    listing=lambda data, path, truncated: list_feed(data, path, truncated),
    entry=lambda data, path, truncated, entry: feed_entry(data, path, truncated, entry),
    several=lambda data, path, truncated, entries: feed_entries(data, path, truncated, entries),
    indexed=lambda path, entry: indexed_entry(path, entry),
)


def feed_entry(data: bytes, path: str, truncated: bool, entry: str) -> Page | None:
    """`FORMAT.entry`: the entry `entry` of a feed file (the one `Format.entries`
    keeps for that id), or None when the file does not hold it; raises as
    `parse_feed`. It costs about one entry, not the whole feed: the XML entries
    whose guid or link could give that id (any entry without either) are picked
    from an index of the file (`_EntryIndex`, built by one streaming lxml pass and
    kept for the last files asked) and only those go through feedparser, in a
    document with the feed's head. When none of them turns out to be the entry
    (an odd feed where guessing the id from the XML fails), the whole feed is
    parsed, as `parse_feed` does. A big file without the index its listing leaves
    (`indexed_entry`: the listing was made by an older version, or the file
    changed since) is listed again first, which leaves one."""
    if truncated:
        raise NotArticle(f"feed file too large (over {MAX_FEED_BYTES // 2**20} MB)")
    digest = hashlib.blake2b(data, digest_size=16).digest()
    with _LOCK:
        parsed = _PARSED.get((path + "\0", digest))
    if parsed is None:
        if _looks_json(data):
            return next(iter(_json_feed(data, path, "", only=entry)), None)
        if len(data) >= feed_index.INDEX_MIN_BYTES and (found := _listed_anew(data, path, entry)):
            return found
        index = _entry_index(data, path, digest)
        found = index.find(entry, path) if index is not None else None
        if found is not None:
            return found
    return next((page for page in FORMAT.entries(data, path) if page.entry == entry), None)


def feed_entries(
    data: bytes, path: str, truncated: bool, entries: Sequence[str]
) -> dict[str, Page]:
    """`FORMAT.several`: `feed_entry` of several entries of a small feed file at once
    (a feed's evidence reads up to 24 of them), their candidates read by one
    feedparser pass (`_EntryIndex.find_many`); by entry id, the pages `feed_entry`
    gives, for the ids found so. The others (and every entry of a JSON Feed or of a
    big file, which `feed_entry` reads through its index) are left to `feed_entry`.
    Raises as `parse_feed`."""
    if truncated:
        raise NotArticle(f"feed file too large (over {MAX_FEED_BYTES // 2**20} MB)")
    digest = hashlib.blake2b(data, digest_size=16).digest()
    with _LOCK:
        parsed = _PARSED.get((path + "\0", digest))
    wanted = set(entries)
    if parsed is not None:  # as `feed_entry`: the first page of each id
        found: dict[str, Page] = {}
        for page in parsed:
            if page.entry in wanted and page.entry not in found:
                found[page.entry] = page
        return found
    if _looks_json(data) or len(data) >= feed_index.INDEX_MIN_BYTES:
        return {}
    index = _entry_index(data, path, digest)
    return {} if index is None else index.find_many(wanted, path)


def indexed_entry(path: str, entry: str) -> Page | None:
    """`FORMAT.indexed`: the entry `entry` of a big feed file, read through the index
    its listing left (`feed_index`): the feed's head and the entries of that id
    alone are read from the file and handed to feedparser as `feed_entry` hands
    them, so the page is the same. None when no index matches the file as it is
    now, or the index does not hold the entry (then the file is read whole)."""
    try:
        if os.stat(path).st_size < feed_index.INDEX_MIN_BYTES:
            return None  # a small file: read whole
    except OSError:
        return None
    index = feed_index.lookup(path)
    if index is None or index.size > MAX_FEED_BYTES:
        return None
    slots = index.slots(entry)
    if not slots:
        return None
    document = index.read(slots)
    if document is None:
        feed_index.forget(path)  # not the file indexed (any more): listed again when opened
        return None
    if b"<!ENTITY" in document:
        return None
    try:
        return _EntryIndex(document, index).find(entry, path)
    except NotArticle:
        return None


def _listed_anew(data: bytes, path: str, entry: str) -> Page | None:
    """`entry` through an index made by listing the file again, unless this process
    knows none can be made of the file as it is."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if info.st_size != len(data) or feed_index.known_none(path, info):
        return None
    with contextlib.suppress(NotArticle):  # said by `parse_feed`
        list_feed(data, path, False)
    found = indexed_entry(path, entry)
    if found is None and feed_index.lookup(path) is None:
        feed_index.remember_none(path, info)
    return found


_INDEXES: dict[tuple[str, bytes], _EntryIndex | None] = {}


def _entry_index(data: bytes, path: str, digest: bytes) -> _EntryIndex | None:
    key = (path, digest)
    with _LOCK:
        if key in _INDEXES:
            return _INDEXES[key]
    try:
        index: _EntryIndex | None = _EntryIndex(_xml_utf8(data))
    except NotArticle:
        index = None  # not a feed we can stream: `parse_feed` says why
    with _LOCK:
        if len(_INDEXES) >= 2:
            _INDEXES.pop(next(iter(_INDEXES)))
        _INDEXES[key] = index
    return index


_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"


class _EntryIndex:
    """The entries of an XML feed (its newest `MAX_ENTRIES`, as listed) as the
    document holds them, each with the entry id its guid or link would give, and
    the document around them: bytes, about the file's size, shared by threads."""

    def __init__(self, utf8: bytes, listed: feed_index.FeedIndex | None = None) -> None:
        """`listed`: `utf8` is the document `listed.read` made of a feed's head and
        some of its listed entries (read strictly: the whole document was), every
        entry of which is a candidate."""
        import secrets

        from lxml import etree

        # A feed read whole by feedparser is indexed only when lxml reads it as
        # feedparser's strict parser does; one of more entries is read as listed.
        strict = listed is not None or len(_ENTRY_TAG.findall(utf8, 0)) <= MAX_ENTRIES
        parent, entries, total = _stream_entries(utf8, MAX_ENTRIES, strict=strict)
        root = parent.getroottree().getroot()
        self._keys: list[str | None]
        if listed is not None:
            strict, total = listed.strict, listed.total
            self._keys = [None] * len(entries)
        else:
            feed, _entries = _feedparser(etree.tostring(root, encoding="utf-8"))
            feed_title = optional_line(_plain(feed.get("title_detail"), feed.get("title")))
            self._feed = _str(feed.get("link")) or feed_title or ""
            self._keys = [self._guess(el) for el in entries]
        self._warning = None if strict else _left_out(total)  # as `_xml_feed` says it
        # Each entry as `_newest_xml_entries` writes it back (its text after it
        # included), and the document cut where the entries go back (the end of
        # the element they were in).
        self._entries = [etree.tostring(el, encoding="utf-8") for el in entries]
        marker = etree.Comment(secrets.token_hex(16))
        parent.append(marker)
        document = etree.tostring(root, xml_declaration=True, encoding="utf-8")
        parts = document.split(etree.tostring(marker, encoding="utf-8"))
        if len(parts) != 2:
            raise NotArticle("no place for the entries")  # never: the marker is unique
        self._before, self._after = parts

    def _guess(self, el: Any) -> str | None:
        """The entry id an entry's guid or link gives, None when it has neither (a
        guess: feedparser has the last word)."""
        guid = link = ""
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = _local(child.tag)
            if name in ("guid", "id"):
                guid = child.text or ""
            elif name == "link" and not link and child.get("rel") in (None, "alternate"):
                link = child.get("href") or child.text or ""
        identity = _identity(guid or el.get(_RDF_ABOUT) or "", link, self._feed)
        return None if identity is None else _entry_key(identity)

    def find(self, entry: str, path: str) -> Page | None:
        """The entry `entry`, read by feedparser with the candidates alone."""
        pairs = zip(self._entries, self._keys, strict=True)
        chosen = [xml for xml, key in pairs if key in (entry, None)]
        if not chosen:
            return None
        try:
            feed, entries = _feedparser(self._before + b"".join(chosen) + self._after)
        except NotArticle:
            return None
        pages = _xml_pages(feed, entries, path, "", self._warning)
        return next((page for page in pages if page.entry == entry), None)

    def find_many(self, wanted: Collection[str], path: str) -> dict[str, Page]:
        """`find` of each entry of `wanted`, read by one feedparser pass over the
        candidates of them all: the page of an entry is taken only from a candidate
        `find` of that entry alone reads too (its guess is that id, or none), the
        first such, so it is the page `find` gives. An entry not found so is left out
        (the caller asks `find`), as are all when feedparser does not read one entry
        per candidate (then which page came of which candidate is not known)."""
        pairs = zip(self._entries, self._keys, strict=True)
        chosen = [(xml, key) for xml, key in pairs if key is None or key in wanted]
        if not chosen:
            return {}
        try:
            document = self._before + b"".join(xml for xml, _key in chosen) + self._after
            feed, entries = _feedparser(document)
        except NotArticle:
            return {}
        if len(entries) != len(chosen):
            return {}
        found: dict[str, Page] = {}
        pages = _xml_pages(feed, entries, path, "", self._warning)
        for page, (_xml, key) in zip(pages, chosen, strict=True):
            entry = page.entry
            if entry in wanted and entry not in found and key in (entry, None):
                found[entry] = page
        return found


# -- XML feeds ---------------------------------------------------------------------


def _looks_json(data: bytes) -> bool:
    start = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"{") or start.startswith(b"[")


def _xml_text(data: bytes) -> str:
    """The document as text: by its BOM, else its declared charset when that decodes
    it, else as any text file is read."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data)
    declaration = _XML_DECLARATION.match(data)
    found = _ENCODING.search(declaration.group(0)) if declaration else None
    if found:
        name = found.group(1).decode("ascii")
        try:
            codec = codecs.lookup(name)
        except LookupError:
            codec = None
        # Only charsets that keep ASCII as it is: a declaration is ASCII, so any
        # other (UTF-7, UTF-16 without BOM, EBCDIC) is a lie or a trick.
        if codec is not None and codec.name not in _NOT_ASCII:
            try:
                return data.decode(codec.name)
            except (UnicodeDecodeError, ValueError):
                pass  # a wrong charset: read it as any text file
    return decode(data)


_NOT_ASCII = frozenset(
    codecs.lookup(name).name
    for name in (
        "utf-7",
        "utf-16",
        "utf-16-le",
        "utf-16-be",
        "utf-32",
        "utf-32-le",
        "utf-32-be",
        "cp500",
        "cp037",
        "cp1026",
    )
)


def _xml_feed(
    data: bytes,
    path: str,
    base: str,
    *,
    listing: bool = False,
    whole: bool = False,
    shape: _Shape | None = None,
) -> list[Page]:
    """The entries of an XML feed. `listing`: without the bodies of titled entries
    (`list_feed`), read from the document without any body unless `whole`; the
    listing of a big file leaves an index of its entries behind (`_index_listing`;
    `shape`: what the listing's first pass learnt for it)."""
    utf8 = document = _xml_utf8(data)
    count = len(_ENTRY_TAG.findall(utf8, 0))
    if shape is None and listing and len(data) >= feed_index.INDEX_MIN_BYTES:
        shape = _Shape()
    warning = None
    slim = False  # entries' bodies taken out (a listing)
    quick = None  # the entries read without feedparser
    if count > MAX_ENTRIES:
        if listing and not whole:
            parent, chosen, total = _stream_entries(utf8, MAX_ENTRIES, slim=True, shape=shape)
            warning = _left_out(total)
            root = parent.getroottree().getroot()
            if parent.tag == "channel":
                quick = _rss_entries(root, chosen)
            elif parent is root and b"xml:base" not in utf8:
                quick = _atom_entries(root, chosen)
            if quick is None:
                utf8, slim = _with_entries(parent, chosen), True
        else:
            utf8, total = _newest_xml_entries(utf8, MAX_ENTRIES, shape=shape)
            warning = _left_out(total)
    elif listing and not whole and (read := _lxml_listing(utf8, shape)) is not None:
        if isinstance(read, bytes):
            utf8, slim = read, True
        else:  # RSS read without feedparser
            quick = read
    feed, entries = quick if quick is not None else _feedparser(utf8)
    titles = list(map(_entry_title, entries))
    if (slim or quick is not None) and not all(titles):
        # An entry without a title is titled from its body, which was taken out.
        return _xml_feed(data, path, base, listing=True, whole=True, shape=shape)
    pages = _xml_pages(feed, entries, path, base, warning, listing=listing, titles=titles)
    if shape is not None:
        _index_listing(path, data, document, shape, count <= MAX_ENTRIES, pages)
    return pages


def _index_listing(
    path: str, data: bytes, document: bytes, shape: _Shape, strict: bool, pages: list[Page]
) -> None:
    """Keep an index of the file's listed entries (`feed_index`), which opening one
    of them reads instead of the whole file, when the document lends itself to one:
    tidy (`_Shape`), its pages one per listed entry, UTF-8 as the file holds it."""
    index = None
    if shape.tidy and len(pages) == len(shape.positions):
        declaration = _XML_DECLARATION.match(document)
        index = feed_index.make_index(
            path,
            data,
            document,
            declaration.end() if declaration else 0,
            shape.total,
            strict,
            shape.positions,
            [page.entry for page in pages],
        )
    if index is not None:
        feed_index.remember(index)
        return
    try:
        info = os.stat(path)
    except OSError:
        return
    if info.st_size == len(data):  # the file listed: opening it reads it whole
        feed_index.remember_none(path, info)


def _xml_utf8(data: bytes) -> bytes:
    """The feed document as UTF-8 that says so, refused if it declares entities."""
    text = _xml_text(data)
    if "<!ENTITY" in text:
        raise NotArticle("feed refused: it declares XML entities (a possible XML bomb)")
    utf8 = text.encode("utf-8", "surrogatepass")
    return _XML_DECLARATION.sub(b'<?xml version="1.0" encoding="utf-8"?>', utf8, count=1)


def _feedparser(utf8: bytes) -> tuple[Mapping[str, Any], list[Mapping[str, Any]]]:
    """(the feed's head, its entries) as feedparser reads them."""
    # Imported here: feedparser is a large import, and most libraries hold no feed.
    import feedparser

    parsed = feedparser.parse(utf8, sanitize_html=False, resolve_relative_uris=False)
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        raise NotArticle("not a feed (no RSS, RDF or Atom root element)")
    return parsed.get("feed") or {}, list(parsed.entries)


def _xml_pages(
    feed: Mapping[str, Any],
    entries: list[Mapping[str, Any]],
    path: str,
    base: str,
    warning: str | None,
    *,
    listing: bool = False,
    titles: Sequence[str] | None = None,
) -> list[Page]:
    """The pages of feedparser's entries (`titles`: their `_entry_title`s, if known)."""
    feed_title = optional_line(_plain(feed.get("title_detail"), feed.get("title")))
    feed_link = _str(feed.get("link"))
    if titles is None:
        titles = list(map(_entry_title, entries))
    pages = [
        _xml_entry(entry, feed_title, feed_link, path, base, listing=listing, title=title)
        for entry, title in zip(entries, titles, strict=True)
    ]
    return [replace(page, warning=warning) for page in pages] if warning else pages


# The entries' children a listing takes out: their bodies (RSS description and
# content:encoded, Atom summary and content...), which no field of a list row needs.
_BODY_TAGS = frozenset({"description", "encoded", "content", "summary", "body", "fullitem"})
_TITLE_TAGS = frozenset({"title"})
_PARSE_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
}


def _lxml_listing(
    utf8: bytes, shape: _Shape | None = None
) -> tuple[Mapping[str, Any], list[Mapping[str, Any]]] | bytes | None:
    """What a listing reads of an XML feed instead of the whole document: the
    entries of a plain RSS 2.0 feed as feedparser gives them (`_rss_entries`), else
    the document without its entries' bodies (see `_drop_body`), or None when
    feedparser might read the feed differently than lxml: lxml finds the document
    not well-formed (feedparser would read it with its lenient parser) or warns
    (an undeclared prefix or entity), or it has a DOCTYPE. Entities are never
    resolved, no DTD is loaded, nothing is fetched. `shape` learns what an index
    of the file needs (`_Shape`)."""
    from lxml import etree

    parser = etree.XMLParser(**_PARSE_OPTIONS)
    try:
        root = etree.fromstring(utf8, parser)
    except etree.XMLSyntaxError:
        return None
    tree = root.getroottree()
    if len(parser.error_log) or tree.docinfo.doctype:
        return None
    if shape is not None:
        found = list(root.iter("item", "entry", "{*}item", "{*}entry"))
        parent = found[0].getparent() if found else None
        tidy = parent is not None and all(el.getparent() is parent for el in found)
        shape.learn(len(found), range(1, len(found) + 1), tidy)
    quick = _rss_entries(root)
    if quick is None and b"xml:base" not in utf8:
        quick = _atom_entries(root) or _rdf_entries(root)
    if quick is not None:
        return quick
    for el in root.iter("item", "entry", "{*}item", "{*}entry"):
        _drop_body(el)
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8")  # type: ignore[no-any-return]


# The children of an RSS 2.0 item that `_rss_entries` reads, by what they are: any
# other child (another namespace, another case: feedparser ignores case), a child
# with children or unexpected attributes, or two of a kind sends the feed to
# feedparser. Bodies and authors are passed over (no list row needs them).
_RSS_CHILDREN = {
    "title": "title",
    "link": "link",
    "guid": "guid",
    "pubDate": "date",
    "category": "category",
    "description": "",
    "{http://purl.org/rss/1.0/modules/content/}encoded": "",
    "author": "",
    "{http://purl.org/dc/elements/1.1/}creator": "",
    "comments": "",
    "enclosure": "",
}
_ATTRIBUTES_ALLOWED = {"guid": frozenset({"isPermaLink"}), "": frozenset({"url", "length", "type"})}
_NO_ATTRIBUTES: frozenset[str] = frozenset()


def _rss_entries(
    root: Any, detached: list[Any] | None = None
) -> tuple[Mapping[str, Any], list[Mapping[str, Any]]] | None:
    """(the feed's head, its entries) of an RSS 2.0 document whose items are plain
    (see `_RSS_CHILDREN`), with the entries' titles, links, guids, dates and tags
    exactly as feedparser 6 reads them (its strict parser: stripped, no entity
    decoding, URIs through its `_urljoin`, its date parser, its repair of UTF-8 read
    as latin-1 and of cp1252 code points) without feedparser reading the entries;
    the head, small, is read by feedparser. None for any other document.
    `detached`: the items, taken out of the channel already (`_stream_entries`)."""
    from lxml import etree

    if root.tag != "rss" or set(root.attrib) - {"version"}:
        return None
    heads = [child for child in root if isinstance(child.tag, str)]
    if len(heads) != 1 or heads[0].tag != "channel" or heads[0].attrib:
        return None
    channel = heads[0]
    items = [] if detached is None else detached
    for child in channel:
        if isinstance(child.tag, str) and _local(child.tag).lower() in ("item", "entry"):
            if child.tag != "item" or detached is not None:
                return None
            items.append(child)
    entries = _every_entry(items, _rss_entry)
    if entries is None:
        return None
    if detached is None:
        for item in items:
            channel.remove(item)
    head = _rss_head(channel)
    if head is not None:
        return head, entries
    feed, others = _feedparser(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
    return None if others else (feed, entries)


# The children of an RSS 2.0 channel that `_rss_head` passes over (feedparser reads
# none of them into the feed's title or link); any other sends the head to feedparser.
_RSS_HEAD_OTHERS = frozenset(
    {
        "description", "language", "copyright", "managingEditor", "webMaster", "pubDate",
        "lastBuildDate", "generator", "docs", "ttl",
    }
)  # fmt: skip


_ATOM_LINK = "{http://www.w3.org/2005/Atom}link"
_SELF_LINK_ATTRIBUTES = frozenset({"href", "rel", "type"})


def _rss_head(channel: Any) -> dict[str, Any] | None:
    """The feed's title and link as feedparser reads them (as `_rss_entry` reads an
    item's), from a channel (its items taken out) whose children are one title, one
    link, an Atom link to the feed itself (rel="self") and others of
    `_RSS_HEAD_OTHERS`, none with other attributes or children; None
    for any other channel (feedparser then reads the head: a listing of a 50-entry
    feed spent a sixth of its time in feedparser's reading of the head alone)."""
    looks_like_html = _feedparser_parts()[1]
    feed: dict[str, Any] = {}
    for child in channel:
        tag = child.tag
        if tag == _ATOM_LINK and child.get("rel") == "self" and not len(child):
            if set(child.attrib) <= _SELF_LINK_ATTRIBUTES:
                continue  # where the feed lives (what most RSS 2.0 feeds name): no link
            return None
        if not isinstance(tag, str) or child.attrib or len(child):
            return None  # a comment, an attribute, a child: left to feedparser
        if tag == "title" and "title" not in feed:
            text = (child.text or "").strip()
            html_like = ("<" in text or "&" in text) and looks_like_html(text)
            feed["title"] = _repaired(text)
            feed["title_detail"] = {"type": "text/html" if html_like else "text/plain"}
        elif tag == "link" and "link" not in feed:
            link = _repaired(_joined((child.text or "").strip()))
            if "&" in link:
                link = _LINK_REF.sub(r"&\g<1>", link.replace("&amp;", "&"))
            feed["link"] = link
        elif tag not in _RSS_HEAD_OTHERS:
            return None
    return feed


# An RFC 822 date as nearly every RSS feed writes it ("Mon, 03 Feb 2025 10:00:00 +0000").
_RFC822_PLAIN = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d\d?) "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d\d):(\d\d):(\d\d) "
    r"(?:([+-])(\d\d)(\d\d)|GMT|UT|Z)"
)


def _rfc822_date(text: str) -> time.struct_time | None:
    """feedparser's `_parse_date` of a date of `_RFC822_PLAIN`'s form, computed as its
    RFC 822 handler computes it (its W3DTF handler, tried first, never reads one: the
    first word is no four-digit year); None for any other text (feedparser reads it:
    its handlers cost a fifth of a feed entry's listing)."""
    match = _RFC822_PLAIN.fullmatch(text)
    if match is None:
        return None
    day, month, year, hour, minute, second, sign, zone_hours, zone_minutes = match.groups()
    try:
        stamp = dt.datetime(
            int(year), _MONTHS[month.lower()], int(day), int(hour), int(minute), int(second)
        )
        if sign is not None and zone_hours + zone_minutes != "0000":
            offset = int(zone_hours) * 3600 + int(zone_minutes) * 60
            stamp -= dt.timedelta(0, offset if sign == "+" else -offset)
        return stamp.utctimetuple()
    except (ValueError, OverflowError):
        return None  # feedparser's other handlers may read it


def _rss_entry(item: Any, rdf: bool = False) -> dict[str, Any] | None:
    """An RSS item's fields as feedparser gives them, or None (see `_rss_entries`).
    `rdf`: an RSS 1.0 item (`_rdf_entries`)."""
    _parse_date, looks_like_html, _urifixer, _urljoin = _feedparser_parts()
    entry: dict[str, Any] = {}
    if rdf:
        if item.tag != _RSS1 + "item" or set(item.attrib) - {_RDF_ABOUT}:
            return None
        if about := item.get(_RDF_ABOUT):
            entry["id"] = about  # as feedparser takes it: the attribute as it is
        children, date_key = _RDF_CHILDREN, "updated"
    elif item.tag != "item" or item.attrib:
        return None
    else:
        children, date_key = _RSS_CHILDREN, "published"
    tags: list[str] = []
    seen: set[str] = set()
    guid_link = None
    for child in item:
        if not isinstance(child.tag, str):
            continue  # a comment
        kind = children.get(child.tag)
        if kind is None or len(child):
            return None
        allowed = _ATTRIBUTES_ALLOWED.get(kind, _NO_ATTRIBUTES)
        if child.attrib and not set(child.attrib) <= allowed:
            return None
        if not kind:
            continue  # a body or an author: its text (the bulk of a feed) is not read
        if kind in seen and kind != "category":
            return None
        seen.add(kind)
        text = (child.text or "").strip()
        if kind == "title":
            html_like = ("<" in text or "&" in text) and looks_like_html(text)
            entry["title"] = _repaired(text)
            entry["title_detail"] = {"type": "text/html" if html_like else "text/plain"}
        elif kind == "link":
            link = _repaired(_joined(text))
            if "&" in link:
                link = _LINK_REF.sub(r"&\g<1>", link.replace("&amp;", "&"))
            entry["link"] = link
        elif kind == "guid":
            permalink = child.get("isPermaLink", "true") == "true"
            entry["id"] = _repaired(_joined(text) if permalink else text)
            guid_link = entry["id"] if permalink else None
        elif kind == "date":
            entry[date_key] = _repaired(text)
            entry[date_key + "_parsed"] = _rfc822_date(entry[date_key]) or _parse_date(
                entry[date_key]
            )
        elif kind == "category":
            tag = _repaired(text)
            if tag and tag not in tags:
                tags.append(tag)
    if guid_link is not None and "link" not in entry:
        entry["link"] = guid_link  # a permalink guid is the link of an item without one
    if tags:
        entry["tags"] = [{"term": tag} for tag in tags]
    return entry


_RSS1 = "{http://purl.org/rss/1.0/}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_RDF_ROOT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF"
# The children of an RSS 1.0 item that `_rdf_entries` reads (see `_RSS_CHILDREN`):
# feedparser reads dc:date as the entry's `updated`, dc:subject as a category.
_RDF_CHILDREN = {
    _RSS1 + "title": "title",
    _RSS1 + "link": "link",
    _DC + "date": "date",
    _DC + "subject": "category",
    _RSS1 + "description": "",
    "{http://purl.org/rss/1.0/modules/content/}encoded": "",
    _DC + "creator": "",
}


def _rdf_entries(root: Any) -> tuple[Mapping[str, Any], list[Mapping[str, Any]]] | None:
    """`_rss_entries` for an RSS 1.0 (RDF) document: its items (beside its channel)
    as feedparser reads them, or None."""
    from lxml import etree

    if root.tag != _RDF_ROOT or root.attrib:
        return None
    items = []
    for child in root:
        if isinstance(child.tag, str) and _local(child.tag).lower() in ("item", "entry"):
            if child.tag != _RSS1 + "item":
                return None
            items.append(child)
    entries: list[Mapping[str, Any]] = []
    for item in items:
        entry = _rss_entry(item, rdf=True)
        if entry is None:
            return None
        entries.append(entry)
    for item in items:
        root.remove(item)
    feed, others = _feedparser(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
    return None if others else (feed, entries)


_ATOM = "{http://www.w3.org/2005/Atom}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The children of an Atom entry that `_atom_entries` reads, by what they are, and the
# attributes each may have (others, or any other child, send the feed to feedparser).
# Bodies and authors are passed over, as for RSS.
_ATOM_CHILDREN = {
    _ATOM + "id": ("id", frozenset()),
    _ATOM + "title": ("title", frozenset({"type"})),
    _ATOM + "link": ("link", frozenset({"href", "rel", "type", "title", "hreflang", "length"})),
    _ATOM + "published": ("published", frozenset()),
    _ATOM + "updated": ("updated", frozenset()),
    _ATOM + "category": ("category", frozenset({"term", "scheme", "label"})),
    _ATOM + "summary": ("", frozenset()),
    _ATOM + "content": ("", frozenset()),
}
_ATOM_PEOPLE = frozenset({_ATOM + "author", _ATOM + "contributor"})
_ATOM_PERSON = frozenset({_ATOM + "name", _ATOM + "email", _ATOM + "uri"})
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _every_entry(
    items: Sequence[Any], build: Callable[[Any], Mapping[str, Any] | None]
) -> list[Mapping[str, Any]] | None:
    """`build` of every item, or None as soon as one is not plain enough for it."""
    entries: list[Mapping[str, Any]] = []
    for item in items:
        entry = build(item)
        if entry is None:
            return None
        entries.append(entry)
    return entries


def _atom_entries(
    root: Any, detached: list[Any] | None = None
) -> tuple[Mapping[str, Any], list[Mapping[str, Any]]] | None:
    """(the feed's head, its entries) of an Atom 1.0 document whose entries are plain
    (see `_ATOM_CHILDREN`), with the entries' ids, titles, links, dates and tags as
    feedparser 6 reads them, like `_rss_entries` for RSS 2.0; None for any other
    document. The caller makes sure no `xml:base` changes the URIs. `detached`: the
    entries, taken out of the feed already (`_stream_entries`)."""
    from lxml import etree

    if root.tag != _ATOM + "feed" or set(root.attrib) - {_XML_LANG}:
        return None
    items = [] if detached is None else detached
    for child in root if detached is None else detached:
        if isinstance(child.tag, str) and _local(child.tag).lower() in ("item", "entry"):
            if child.tag != _ATOM + "entry" or set(child.attrib) - {_XML_LANG}:
                return None
            if detached is None:
                items.append(child)
    entries = _every_entry(items, _atom_entry)
    if entries is None:
        return None
    for item in items if detached is None else ():
        root.remove(item)
    feed, others = _feedparser(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
    return None if others else (feed, entries)


def _atom_entry(item: Any) -> dict[str, Any] | None:
    """An Atom entry's fields as feedparser gives them, or None (see `_atom_entries`)."""
    _parse_date = _feedparser_parts()[0]
    entry: dict[str, Any] = {}
    tags: list[tuple[str | None, str | None, str | None]] = []
    seen: set[str] = set()
    for child in item:
        tag = child.tag
        if not isinstance(tag, str):
            continue  # a comment
        if tag in _ATOM_PEOPLE:
            if child.attrib or any(
                not isinstance(c.tag, str) or c.tag not in _ATOM_PERSON or len(c) or c.attrib
                for c in child
            ):
                return None
            continue
        if tag not in _ATOM_CHILDREN:
            return None
        kind, allowed = _ATOM_CHILDREN[tag]
        if not kind:
            continue  # a body: no field of a list row
        if len(child) or not set(child.attrib) <= allowed:
            return None
        if kind in seen and kind not in ("link", "category"):
            return None
        seen.add(kind)
        text = (child.text or "").strip()
        if kind == "id":
            entry["id"] = _repaired(_joined(text)) if text else ""
            entry.setdefault("link", entry["id"])  # a guid is a permalink in Atom
        elif kind == "title":
            mime = _content_type(child.get("type", "text/plain"))
            if mime == "application/xhtml+xml":
                return None
            entry["title"] = _repaired(text)
            entry["title_detail"] = {"type": mime}
        elif kind == "link":
            if child.text or child.get("href") is None:
                return None
            rel = child.get("rel", "alternate").lower()
            default = "application/atom+xml" if rel == "self" else "text/html"
            if rel == "alternate" and _content_type(child.get("type", default)) in _HTML_TYPES:
                entry["link"] = _joined(child.get("href"))
        elif kind in ("published", "updated"):
            entry[kind] = _repaired(text)
            entry[kind + "_parsed"] = _parse_date(entry[kind])
        elif kind == "category":
            if child.text:
                return None
            found = (child.get("term"), child.get("scheme"), child.get("label"))
            if any(found) and found not in tags:
                tags.append(found)
    if tags:
        entry["tags"] = [{"term": term} for term, _scheme, _label in tags]
    return entry


def _joined(uri: str) -> str:
    """feedparser's `_urljoin("", uri)`: with no base, `urljoin` gives the URI back, and
    only feedparser's repair of a `scheme:///` with extra slashes applies (skipped,
    with its substitution, when there are none)."""
    _parse_date, _looks_like_html, urifixer, urljoin = _feedparser_parts()
    fixed = urifixer.match(uri)
    return uri if fixed is None or not fixed.group(2) else urljoin("", uri)


@functools.cache
def _feedparser_parts() -> tuple[Any, Any, Any, Any]:
    """feedparser's date parser, HTML sniffer and URI repair, which the quick
    listings use per entry (imported once: feedparser is imported only for feeds)."""
    from feedparser.datetimes import _parse_date
    from feedparser.mixin import _FeedParserMixin
    from feedparser.urls import _urifixer, _urljoin

    return _parse_date, _FeedParserMixin.looks_like_html, _urifixer, _urljoin


def _content_type(value: str) -> str:
    """feedparser's `map_content_type` (of a lowered `type` attribute)."""
    value = value.lower()
    return {"text": "text/plain", "plain": "text/plain", "html": "text/html",
            "xhtml": "application/xhtml+xml"}.get(value, value)  # fmt: skip


# What feedparser turns into a plain "&" in an entry's link ("&b;" -> "&b").
_LINK_REF = re.compile("&([A-Za-z0-9_]+);")


def _repaired(text: str) -> str:
    """What feedparser makes of an element's text in a UTF-8 document: UTF-8 that
    was read as latin-1 repaired, cp1252's code points mapped."""
    if text.isascii():
        return text  # neither applies
    from feedparser.html import _cp1252

    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        text = text.encode("iso-8859-1").decode("utf-8")
    return text.translate(_cp1252)


def _drop_body(entry: Any) -> None:
    """Take the body elements out of an entry that has a title element with text
    (an entry without one is titled from its body). The text after a removed
    element stays where it was."""
    children = [child for child in entry if isinstance(child.tag, str)]
    if not any(
        _local(child.tag) in _TITLE_TAGS and "".join(child.itertext()).strip() for child in children
    ):
        return
    for child in children:
        if _local(child.tag) in _BODY_TAGS:
            tail = child.tail
            if tail:
                previous = child.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + tail
                else:
                    entry.text = (entry.text or "") + tail
            entry.remove(child)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _left_out(total: int) -> str:
    return (
        f"feed of {total:,} entries: the newest {MAX_ENTRIES:,} are listed, "
        f"{total - MAX_ENTRIES:,} left out"
    )


# Elements that date an entry (RSS pubDate, Atom published and updated, dc:date...).
_DATE_TAGS = frozenset({"pubDate", "published", "updated", "date", "issued", "modified", "created"})


def _newest_xml_entries(
    utf8: bytes, keep: int, *, shape: _Shape | None = None
) -> tuple[bytes, int]:
    """(the feed with only its `keep` newest entries, how many it had). Streamed with
    lxml (entities never resolved, no DTD, no network), so that a feed of 100,000
    entries costs seconds and little memory, and feedparser, which takes about a
    millisecond an entry, reads only the entries listed. Newest by the entry's date;
    undated entries after dated ones, earlier in the file first (feeds list their
    newest first)."""
    parent, chosen, total = _stream_entries(utf8, keep, shape=shape)
    return _with_entries(parent, chosen), total


def _with_entries(parent: Any, entries: list[Any]) -> bytes:
    """The document of `parent` with `entries` put back in it."""
    from lxml import etree

    for el in entries:
        parent.append(el)
    root = parent.getroottree().getroot()
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")  # type: ignore[no-any-return]


def _stream_entries(
    utf8: bytes,
    keep: int,
    *,
    slim: bool = False,
    strict: bool = False,
    shape: _Shape | None = None,
) -> tuple[Any, list[Any], int]:
    """(the element the entries were in, its `keep` newest entries in file order,
    how many there were), streamed: every entry is detached from the tree, which
    keeps only the feed's head. See `_newest_xml_entries`. `strict`: a document
    that is not well-formed, has a DOCTYPE or makes lxml warn is refused
    (`NotArticle`) instead of read as far as it can be. `shape` learns what an
    index of the file needs (`_Shape`)."""
    from lxml import etree

    # The entries in file order, until there are more than `keep`: then a heap of
    # (date, -position, element), dates read only once there is a choice to make.
    first: list[Any] | None = []
    chosen: list[tuple[float, int, Any]] = []
    parent = None
    total = 0
    tidy = True  # every entry in one element (and none in another entry)
    events = etree.iterparse(
        io.BytesIO(utf8),
        events=("end",),
        tag=("item", "entry", "{*}item", "{*}entry"),
        recover=not strict,
        **_PARSE_OPTIONS,
    )
    try:
        for _event, el in events:
            total += 1
            above = el.getparent()
            if above is not None:
                parent = above if parent is None else parent
                tidy = tidy and above is parent
                above.remove(el)  # detached: the tree keeps only the feed's head
            else:
                tidy = False
            if slim:
                _drop_body(el)
            if first is not None:
                first.append(el)
                if len(first) <= keep:
                    continue
                chosen = [(_entry_time(e), -n, e) for n, e in enumerate(first, 1)]
                first = None
                heapq.heapify(chosen)
                heapq.heappop(chosen)
                continue
            item = (_entry_time(el), -total, el)
            if item[:2] > chosen[0][:2]:
                heapq.heapreplace(chosen, item)
    except etree.XMLSyntaxError as error:
        raise NotArticle(f"broken feed of more than {keep:,} entries ({error.msg})") from error
    if parent is None:
        raise NotArticle("not a feed (no RSS, RDF or Atom root element)")
    odd = bool(len(events.error_log) or parent.getroottree().docinfo.doctype)
    if strict and odd:
        raise NotArticle("a feed lxml reads otherwise than feedparser")
    if first is not None:
        if shape is not None:
            shape.learn(total, range(1, total + 1), tidy and not odd)
        return parent, first, total
    chosen.sort(key=lambda item: -item[1])
    if shape is not None:
        shape.learn(total, [-item[1] for item in chosen], tidy and not odd)
    return parent, [el for _t, _p, el in chosen], total


@dataclass(slots=True)
class _Shape:
    """What a listing's pass over a feed document learnt that an index of the file
    (`feed_index`) needs: how many entries lxml found, the numbers (1-based, file
    order) of those listed, and whether the document is tidy enough to index:
    well-formed, no DOCTYPE, every entry in one element."""

    total: int = 0
    positions: Sequence[int] = ()
    tidy: bool = False

    def learn(self, total: int, positions: Sequence[int], tidy: bool) -> None:
        self.total, self.positions, self.tidy = total, positions, tidy


def _entry_time(el: Any) -> float:
    """When an entry was published (a POSIX time), or -inf when it does not say."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        dates = _IS_DATE_TAG.get(tag)
        if dates is None:
            dates = tag.rsplit("}", 1)[-1] in _DATE_TAGS
            if len(_IS_DATE_TAG) < 1000:  # a hostile feed may use endless tag names
                _IS_DATE_TAG[tag] = dates
        if dates and (when := _timestamp((child.text or "").strip()[:100])) is not None:
            return when
    return float("-inf")


_IS_DATE_TAG: dict[str, bool] = {}


_RFC822 = re.compile(
    r"(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d\d):(\d\d)(?::(\d\d))?"
    r"\s*([+-]\d{4}|[A-Za-z]{1,3})?\s*\Z"
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_ZONES = {"EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
          "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600}  # fmt: skip
_EPOCH = dt.date(1970, 1, 1).toordinal()


def _offset(zone: str) -> int:
    sign = -1 if zone[0] == "-" else 1
    return sign * (int(zone[1:3]) * 3600 + int(zone[3:5]) * 60)


def _timestamp(text: str) -> float | None:
    """The POSIX time of an RFC 822 or ISO 8601 date (UTC when it names no zone)."""
    if not text:
        return None
    if text[:1].isdigit() and text[4:5] == "-":
        try:
            when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            if when.tzinfo is None:
                when = when.replace(tzinfo=dt.UTC)
            return when.timestamp()
        except (ValueError, OverflowError, OSError):
            return None
    if match := _RFC822.match(text):  # the common form, read fast
        day, month, year, hour, minute, second, zone = match.groups()
        try:
            days = dt.date(int(year), _MONTHS[month.lower()], int(day)).toordinal() - _EPOCH
        except ValueError:
            return None
        if not zone:
            offset = 0  # no zone named: UTC
        elif zone[0] in "+-":
            offset = _offset(zone)
        else:
            offset = _ZONES.get(zone.upper(), 0)
        return float(days * 86400 + int(hour) * 3600 + int(minute) * 60 + int(second or 0) - offset)
    try:
        parts = email.utils.parsedate_tz(text)
        return None if parts is None else float(email.utils.mktime_tz(parts))
    except (TypeError, ValueError, OverflowError, IndexError):
        return None


def _entry_title(entry: Mapping[str, Any]) -> str:
    return one_line(_plain(entry.get("title_detail"), entry.get("title")), MAX_TITLE)


def _tag(term: object) -> str:
    """A category's term as one line, its character references decoded: feedparser's
    lenient parser (a feed that is not well-formed) leaves some undecoded ("x&lt;y",
    "Line&#10;break" in an Atom term) where lxml and the strict parser decode them, and
    a tag must read the same however its feed was parsed."""
    return one_line(html.unescape(term) if isinstance(term, str) else term, 100)


def _xml_entry(
    entry: Mapping[str, Any],
    feed_title: str | None,
    feed_link: str,
    path: str,
    base: str = "",
    *,
    listing: bool = False,
    title: str | None = None,
) -> Page:
    """An entry as a page; `listing`: without its body when it has a title
    (`title`: its `_entry_title`, if known)."""
    if title is None:
        title = _entry_title(entry)
    date = _struct_date(_raw(entry, "published_parsed") or _raw(entry, "updated_parsed"))
    if date is None:
        date = _day(_str(entry.get("published") or entry.get("updated")))
    link = _resolve(_str(entry.get("link")), base)
    content = _content(entry.get("content"))
    summary = content is None
    if content is None:
        detail = entry.get("summary_detail") or {}
        content = (_str(entry.get("summary")), _str(detail.get("type")) or "text/html")
    body, markup = ("", TEXT.name) if listing and title else _body(*content, base=link or feed_link)
    tags = tuple(
        tag
        for item in (entry.get("tags") or [])[:64]
        if isinstance(item, Mapping) and (tag := _tag(item.get("term")))
    )
    return _page(
        guid=_str(entry.get("id")),
        link=link,
        title=title,
        date=date,
        body=body,
        markup=markup,
        summary=summary,
        feed_title=feed_title,
        feed_link=feed_link,
        tags=tags,
        path=path,
        byline=None if listing else byline_of(entry.get("authors") or entry.get("author")),
    )


def _content(value: object) -> tuple[str, str] | None:
    """(text, MIME type) of an entry's full content, preferring HTML; None if none."""
    if not isinstance(value, list):
        return None
    found = [
        (_str(item.get("value")), _str(item.get("type")))
        for item in value
        if isinstance(item, Mapping) and _str(item.get("value")).strip()
    ]
    if not found:
        return None
    return next((item for item in found if "html" in item[1]), found[0])


def _struct_date(value: object) -> dt.date | None:
    if isinstance(value, time.struct_time):
        try:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
        except ValueError:
            return None
    return None


# -- JSON Feed ---------------------------------------------------------------------


def _json_feed(
    data: bytes, path: str, base: str, *, listing: bool = False, only: str | None = None
) -> list[Page]:
    """The items of a JSON Feed. `listing`: without the bodies of titled items;
    `only`: just the (first) item of that entry id, or none."""
    try:
        feed = json.loads(decode(data))
    except (ValueError, RecursionError) as error:
        raise NotArticle("a .json file that is not a JSON Feed (not valid JSON)") from error
    version = feed.get("version") if isinstance(feed, dict) else None
    if not isinstance(version, str) or "jsonfeed.org/version/" not in version:
        raise NotArticle("a .json file that is not a JSON Feed (no jsonfeed.org version)")
    items = feed.get("items")
    if not isinstance(items, list):
        items = []
    items = [item for item in items if isinstance(item, dict)]
    warning = None
    if len(items) > MAX_ENTRIES:
        warning = _left_out(len(items))
        newest = heapq.nlargest(
            MAX_ENTRIES, range(len(items)), key=lambda i: (_json_time(items[i]), -i)
        )
        items = [items[i] for i in sorted(newest)]
    feed_title = optional_line(feed.get("title"))
    feed_link = _str(feed.get("home_page_url")) or _str(feed.get("feed_url"))
    if only is not None:
        keys = (_json_item(item, feed_title, feed_link, path, base, True).entry for item in items)
        found = next((item for item, key in zip(items, keys, strict=False) if key == only), None)
        items = [] if found is None else [found]
    pages = [_json_item(item, feed_title, feed_link, path, base, listing) for item in items]
    return [replace(page, warning=warning) for page in pages] if warning else pages


def _json_time(item: dict[str, Any]) -> float:
    for key in ("date_published", "date_modified"):
        if (when := _timestamp(_str(item.get(key)).strip()[:100])) is not None:
            return when
    return float("-inf")


def _json_item(
    item: dict[str, Any],
    feed_title: str | None,
    feed_link: str,
    path: str,
    base: str = "",
    listing: bool = False,
) -> Page:
    """An item as a page; `listing`: without its body when it has a title."""
    link = _resolve(_str(item.get("url")) or _str(item.get("external_url")), base)
    title = one_line(item.get("title"), MAX_TITLE)
    content_html, content_text = _str(item.get("content_html")), _str(item.get("content_text"))
    summary = False
    if content_html.strip():
        content = (content_html, "text/html")
    elif content_text.strip():
        content = (content_text, "text/plain")
    else:
        content, summary = (_str(item.get("summary")), "text/plain"), True
    body, markup = ("", TEXT.name) if listing and title else _body(*content, base=link or feed_link)
    tags = item.get("tags")
    return _page(
        guid=_str(item.get("id")) if not isinstance(item.get("id"), bool) else "",
        link=link,
        title=title,
        date=_day(_str(item.get("date_published")) or _str(item.get("date_modified"))),
        body=body,
        markup=markup,
        summary=summary,
        feed_title=feed_title,
        feed_link=feed_link,
        tags=tuple(
            tag
            for value in (tags if isinstance(tags, list) else [])[:64]
            if (tag := one_line(value, 100))
        ),
        path=path,
        byline=None if listing else byline_of(item.get("authors") or item.get("author")),
    )


# -- what both share ---------------------------------------------------------------


def _page(
    *,
    guid: str,
    link: str,
    title: str,
    date: dt.date | None,
    body: str,
    markup: str,
    summary: bool,
    feed_title: str | None,
    feed_link: str,
    tags: tuple[str, ...],
    path: str,
    byline: str | None = None,
) -> Page:
    guid, link = guid.strip()[:2000], link.strip()[:2000]
    identity = _identity(guid, link, feed_link or feed_title or "")
    entry = _entry_key(identity if identity is not None else f"{title}\x1f{date}")
    return Page(
        title=title or _first_words(body) or fallback_title(path),
        date=date,
        body=body,
        format=FORMAT.name,
        url=optional_line(link) if link.startswith(("http://", "https://")) else None,
        source=feed_title,
        byline=byline,
        tags=tags,
        markup=markup,
        entry=entry,
        identity=identity,
        summary=summary,
        feed=feed_title,
    )


def _identity(guid: str, link: str, feed: str) -> str | None:
    """An entry's identity: its guid (with `feed`, its feed's link or else title,
    when the guid is no URL, urn: or tag:), else its link, else None (then its
    title and date, as for any article)."""
    guid, link = guid.strip()[:2000], link.strip()[:2000]
    if guid:
        # A guid such as "42" is only unique in its feed; a URL, urn: or tag: is global.
        return guid if ":" in guid else f"{feed}#{guid}"
    return link or None


def _entry_key(name: str) -> str:
    """An entry id (`Page.entry`) from the entry's identity, or its title and date."""
    return hashlib.blake2b(name.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _body(value: str, mime: str, *, base: str) -> tuple[str, str]:
    """An entry's body as (text, markup): HTML through the HTML path, text as it is."""
    value = value[: MAX_BODY * 4]
    if "html" in mime or "xhtml" in mime:
        return _html_body(value, base)
    return clean_display_text(value)[:MAX_BODY], TEXT.name


def _html_body(value: str, base: str) -> tuple[str, str]:
    # Imported here: lxml is a large import, and most libraries hold no feed.
    from reader.core.formats.html import html_to_markdown

    return clean_display_text(html_to_markdown(value, base or None))[:MAX_BODY], "markdown"


def _plain(detail: object, value: object) -> str:
    """A title as plain text: feedparser keeps the markup of an HTML title."""
    text = _str(value)
    mime = _str(detail.get("type")) if isinstance(detail, Mapping) else ""
    if "html" in mime and ("<" in text or "&" in text):
        text = html.unescape(re.sub(r"<[^>]{0,2000}>", "", text[: MAX_TITLE * 8]))
    return text


def _first_words(body: str) -> str:
    """The title of an entry without one: the start of its first line, cut short and
    marked so, never the whole line (a title repeated in the body is hidden as such)."""
    for line in body.splitlines():
        if words := one_line(line.lstrip("#> *-"), 200):
            if len(words) <= 60:
                return UNTITLED_ENTRY
            cut = words[:60].rsplit(" ", 1)[0] or words[:60]
            return cut.rstrip(" ,.;:") + "…"
    return ""


UNTITLED_ENTRY = "(untitled entry)"


def _day(value: str) -> dt.date | None:
    match = _ISO_DAY.match(value)
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def _raw(entry: Mapping[str, Any], key: str) -> object:
    """`entry[key]` or None, without feedparser's fallbacks (which warn)."""
    return dict.get(entry, key) if isinstance(entry, dict) else entry.get(key)


def _resolve(link: str, base: str) -> str:
    """`link` made absolute against `base` (the URL a feed was fetched from), when
    there is one; only http and https results are kept absolute."""
    if not base or not link.strip():
        return link
    from urllib.parse import urljoin, urlsplit

    try:
        joined = urljoin(base, link.strip()[:2000])
        return joined if urlsplit(joined).scheme in ("http", "https") else link
    except ValueError:
        return link


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""
