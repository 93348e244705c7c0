"""Subscriptions: the feeds `reader fetch` brings into the library.

They live in one human-readable TOML file in the config folder
(`paths.subscriptions_path()`, `subscriptions.toml` beside `config.toml`), one table
per feed, keyed by the feed's name (which is also its folder in the library):

    # My news
    [feeds."Harbour Gazette"]
    url = "https://harbour.example/feed.xml"
    full = false        # optional: write the feed's summary, not the linked page

The file is the user's as much as ours: only `reader feed add|remove|import` and a
permanent redirect (301/308) found by a fetch rewrite it, and they edit the parsed
document in place (tomlkit), so comments, blank lines and key order the user wrote
stay as they were. It is read with the standard `tomllib` (strict, and fast).

OPML (`parse_opml`, `to_opml`) is how subscriptions move between readers.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

from reader.core.sanitize import clean_line
from reader.core.state import atomic_write

MAX_NAME = 80
MAX_URL = 2000
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_OPML_BYTES = 8 * 1024 * 1024
MAX_OPML_FEEDS = 10_000

_HEADER = (
    '# reader\'s subscriptions: one [feeds."NAME"] table per feed (NAME is its folder\n'
    "# in the library). `reader feed add|remove|import` edit this file and keep your\n"
    "# comments; `full = false` writes a feed's summaries instead of the linked pages.\n"
)
# Characters no folder name may hold on some system (Windows adds the five after "/").
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\<>:"|?*]+')
_RESERVED = re.compile(r"(?i)(con|prn|aux|nul|com\d|lpt\d)(\..*)?")


class SubscriptionError(ValueError):
    """A subscription file or OPML document that cannot be used; the message says why."""


@dataclass(frozen=True, slots=True)
class Subscription:
    name: str  # unique; the feed's folder in the library
    url: str  # http or https
    full: bool | None = None  # None: the fetch's default (fetch the linked pages)


def check_url(url: str) -> str:
    """`url` stripped, if it is an http or https URL with a host; else SubscriptionError."""
    url = url.strip()
    if len(url) > MAX_URL or any(ord(c) < 0x21 or ord(c) == 0x7F for c in url):
        raise SubscriptionError(f"not a feed URL: {clean_line(url[:200])!r}")
    try:
        parts = urlsplit(url)
    except ValueError as error:
        raise SubscriptionError(f"not a feed URL: {clean_line(url[:200])!r}") from error
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise SubscriptionError(
            f"not an http or https URL: {clean_line(url[:200])!r} (feeds are fetched over http)"
        )
    return url


def safe_name(title: str, fallback: str = "feed") -> str:
    """A feed's title made a folder name that works everywhere: one line, no path
    separators or characters Windows forbids, no leading dot (a hidden folder is not
    read), no trailing dot or space, at most `MAX_NAME` characters. `fallback` (then
    "feed") when nothing is left."""
    for candidate in (title, fallback, "feed"):
        text = unicodedata.normalize("NFC", clean_line(candidate[: MAX_NAME * 8]))
        text = " ".join(_UNSAFE.sub(" ", text).split())[:MAX_NAME]
        text = text.lstrip(".- ").rstrip(". ")
        if text and not _RESERVED.fullmatch(text):
            return text
    return "feed"


def check_name(name: str) -> str:
    """A name given by the user: it must already be a safe folder name."""
    if not name or safe_name(name, fallback="") != name:
        raise SubscriptionError(
            f"{clean_line(name[:200])!r} cannot be a feed's folder name (try {safe_name(name)!r})"
        )
    return name


def free_name(name: str, taken: Iterable[str]) -> str:
    """`name`, or `name 2`, `name 3`... whichever no other feed has (case-insensitively:
    folders differ only in case on some systems)."""
    used = {t.casefold() for t in taken}
    if name.casefold() not in used:
        return name
    for number in range(2, 10_000):
        candidate = f"{name[: MAX_NAME - 6]} {number}"
        if candidate.casefold() not in used:
            return candidate
    raise SubscriptionError(f"too many feeds named {name!r}")


# -- the file ----------------------------------------------------------------------


def parse_subscriptions(text: str, where: str = "subscriptions") -> list[Subscription]:
    """The subscriptions a file's text holds, in file order; SubscriptionError when it
    is no valid TOML or a table is wrong (the message names it)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SubscriptionError(f"{where}: {error}") from error
    feeds = data.get("feeds", {})
    if not isinstance(feeds, dict):
        raise SubscriptionError(f'{where}: "feeds" must be tables: [feeds."NAME"]')
    found: list[Subscription] = []
    for name, table in feeds.items():
        shown = clean_line(name[:100])
        if not isinstance(table, dict):
            raise SubscriptionError(f'{where}: [feeds."{shown}"] must be a table with a url')
        try:
            check_name(name)
            url = check_url(str(table.get("url", "")))
        except SubscriptionError as error:
            raise SubscriptionError(f'{where}: [feeds."{shown}"]: {error}') from error
        full = table.get("full")
        if full is not None and not isinstance(full, bool):
            raise SubscriptionError(f'{where}: [feeds."{shown}"]: full must be true or false')
        found.append(Subscription(name, url, full))
    return found


def load_subscriptions(path: Path) -> list[Subscription]:
    """The subscriptions in `path` ([] when it does not exist)."""
    try:
        raw = path.read_bytes()[: MAX_FILE_BYTES + 1]
    except FileNotFoundError:
        return []
    except OSError as error:
        raise SubscriptionError(f"{path}: {error.strerror}") from error
    if len(raw) > MAX_FILE_BYTES:
        raise SubscriptionError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SubscriptionError(f"{path}: not UTF-8 text") from error
    return parse_subscriptions(text, str(path))


class SubscriptionFile:
    """The subscription file opened for a change: edit, then `save()` (atomically).

    Every edit goes through tomlkit's document, so whatever the user wrote around the
    tables we touch (comments, spacing, other keys) is written back unchanged."""

    def __init__(self, path: Path) -> None:
        import tomlkit  # only the commands that change subscriptions need it

        self.path = path
        try:
            text = path.read_bytes()[: MAX_FILE_BYTES + 1].decode("utf-8")
        except FileNotFoundError:
            text = _HEADER
        except (OSError, UnicodeDecodeError) as error:
            raise SubscriptionError(f"{path}: cannot be read ({error})") from error
        self.subscriptions = parse_subscriptions(text, str(path))  # checks it first
        self._doc = tomlkit.parse(text)

    def _feeds(self) -> Any:
        import tomlkit

        feeds = self._doc.get("feeds")
        if feeds is None:
            feeds = tomlkit.table(is_super_table=True)
            self._doc["feeds"] = feeds
        return feeds

    def names(self) -> list[str]:
        return [s.name for s in self.subscriptions]

    def find(self, name: str) -> Subscription | None:
        return next((s for s in self.subscriptions if s.name == name), None)

    def add(self, subscription: Subscription) -> None:
        import tomlkit

        if any(s.name.casefold() == subscription.name.casefold() for s in self.subscriptions):
            raise SubscriptionError(f"a feed named {subscription.name!r} exists")
        table = tomlkit.table()
        table["url"] = subscription.url
        if subscription.full is not None:
            table["full"] = subscription.full
        self._feeds()[subscription.name] = table
        self.subscriptions.append(subscription)

    def remove(self, name: str) -> Subscription:
        found = self.find(name)
        if found is None:
            raise SubscriptionError(f"no feed named {clean_line(name[:200])!r}")
        del self._feeds()[name]
        self.subscriptions.remove(found)
        return found

    def set_url(self, name: str, url: str) -> None:
        found = self.find(name)
        if found is None:
            return
        self._feeds()[name]["url"] = check_url(url)
        index = self.subscriptions.index(found)
        self.subscriptions[index] = Subscription(found.name, url, found.full)

    def text(self) -> str:
        import tomlkit

        return tomlkit.dumps(self._doc)

    def save(self) -> None:
        text = self.text()
        parse_subscriptions(text, str(self.path))  # never write what we cannot read
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, text.encode("utf-8"))


# -- OPML --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    title: str
    url: str
    full: bool | None = None


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """Every feed outline (`xmlUrl`) of an OPML document, nested categories
    included, in document order; outlines without an http(s) URL are skipped. The
    document is untrusted: bounded in size and count, no entity declarations."""
    if len(data) > MAX_OPML_BYTES:
        raise SubscriptionError(f"OPML file larger than {MAX_OPML_BYTES // 2**20} MB")
    if b"<!ENTITY" in data or b"<\x00!\x00E\x00N\x00T" in data:
        raise SubscriptionError("OPML refused: it declares XML entities")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise SubscriptionError(f"not an OPML document: {error}") from error
    if root.tag.rpartition("}")[2].lower() != "opml":
        raise SubscriptionError("not an OPML document (no <opml> root)")
    feeds: list[OpmlFeed] = []
    for element in root.iter():
        if element.tag.rpartition("}")[2] != "outline":
            continue
        raw = element.get("xmlUrl") or element.get("xmlurl") or ""
        try:
            url = check_url(raw)
        except SubscriptionError:
            continue
        title = clean_line((element.get("title") or element.get("text") or "")[:1000])
        full = {"true": True, "false": False}.get((element.get("full") or "").strip().lower())
        feeds.append(OpmlFeed(title, url, full))
        if len(feeds) >= MAX_OPML_FEEDS:
            break
    return feeds


def to_opml(subscriptions: Sequence[Subscription], title: str = "reader subscriptions") -> str:
    """An OPML 2.0 document of `subscriptions` (`full="false"` kept as an attribute
    other readers ignore)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{_xml_text(title)}</title></head>",
        "  <body>",
    ]
    for sub in subscriptions:
        full = "" if sub.full is None else f" full={quoteattr(str(sub.full).lower())}"
        lines.append(
            f'    <outline type="rss" text={_attr(sub.name)} title={_attr(sub.name)} '
            f"xmlUrl={_attr(sub.url)}{full}/>"
        )
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _attr(value: str) -> str:
    return quoteattr(_xml_chars(value), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _xml_text(value: str) -> str:
    from xml.sax.saxutils import escape

    return escape(_xml_chars(value))


def _xml_chars(value: str) -> str:
    """Only the characters XML 1.0 allows."""
    return "".join(
        c
        for c in value
        if c in "\t\n\r"
        or 0x20 <= ord(c) <= 0xD7FF
        or 0xE000 <= ord(c) <= 0xFFFD
        or ord(c) >= 0x10000
    )


def import_opml(file: SubscriptionFile, feeds: Iterable[OpmlFeed]) -> tuple[int, int]:
    """Add the feeds whose URL is not subscribed yet: (added, already there)."""
    known = {s.url for s in file.subscriptions}
    added = skipped = 0
    for feed in feeds:
        if feed.url in known:
            skipped += 1
            continue
        host = urlsplit(feed.url).hostname or "feed"
        name = free_name(safe_name(feed.title, fallback=host), file.names())
        file.add(Subscription(name, feed.url, feed.full))
        known.add(feed.url)
        added += 1
    return added, skipped
