"""Where the listed entries of a big feed file lie in it, so that opening one reads
that entry and the feed's head, not the whole file.

A feed file of many entries (tens of megabytes) is listed by one pass over the whole
document; opening an entry used to read the whole file again, and each entry the
feed evidence samples too. The listing now leaves an index behind (`FeedIndex`):
for each listed entry (the newest `MAX_ENTRIES`), the span of the document it takes,
its entry id and a hash of its bytes, and the pieces of the document that are no
entry (the feed's head). Opening an entry reads those spans alone (`FeedIndex.read`)
and hands feedparser the same document the whole-file path builds
(`feeds.feed_entry`), so the page is the same.

The index is a cache, trusted only for the file it was made from: its size,
modification time and inode must be the file's, and every span read must hash to
what the listing read; anything else (a changed file, a damaged index) sends the
open to the whole-file path. It is kept in memory for the last files opened and on
disk in the cache folder (`index_dir`), so a warm start, whose rows come from the
metadata cache without a listing, opens as quickly. Only documents that are UTF-8
as the file holds them (past their XML declaration) are indexed: their document
offsets are the file's.

Finding the spans (`entry_spans`) runs on a document lxml has just read without an
error, and is checked against it (the same number of entries, in one element, none
inside another), so a span is an entry exactly as lxml cut it: the element and the
text after it (its tail), up to the next markup.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import threading
from array import array
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.files import open_regular

# Feed files smaller than this are read whole when an entry is opened (a few
# milliseconds); an index is kept of bigger ones.
INDEX_MIN_BYTES = 1 << 20
# The pieces of a document outside its entries, at most (their count and their
# size): a feed's head is small; a document that interleaves other markup with
# every entry, or has a huge head, is read whole.
MAX_HEAD_PIECES = 256
MAX_HEAD_BYTES = 1 << 20
# Entries of a document whose spans are looked for, at most (past this, a streaming
# pass over the tags costs seconds more than it saves).
MAX_SPANNED = 500_000
# Indexes kept in memory (a few hundred kilobytes each), and on disk.
KEPT = 8
KEPT_FILES = 256
VERSION = 1
_HASH = 8

# An entry's start tag (`item` or `entry` in any namespace, as `feeds._ENTRY_TAG`
# counts them) and its end tag.
_START_TAG = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)"
    rb"""(?:\s+[^\s=/>]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*(/?)>"""
)
_END_TAG = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")


@dataclass(frozen=True, slots=True)
class FeedIndex:
    """The listed entries of one feed file, as spans of its document.

    The document is the feed as `feeds._xml_utf8` makes it: `prefix` (its XML
    declaration as rewritten) then the file's bytes from `len(prefix) + shift` on.
    `heads` are the (start, end) spans of the document outside every entry (its
    head, and anything between entries), in order, with `head_hash` over them all;
    `starts`/`ends` the span of each listed entry (file order, tail included),
    `keys` their entry ids (8 bytes each, `Page.entry` in hex) and `hashes` the
    hash of each span. `total` and `strict` are what the whole-file path needs to
    build the same document: how many entries the feed has, and whether it is read
    strictly (at most `MAX_ENTRIES` entries)."""

    path: str
    size: int
    mtime_ns: int
    inode: int
    prefix: bytes
    shift: int
    total: int
    strict: bool
    heads: tuple[tuple[int, int], ...]
    head_hash: bytes
    starts: array[int]
    ends: array[int]
    keys: bytes
    hashes: bytes

    def slots(self, entry: str) -> list[int]:
        """The listed entries whose id is `entry` (more than one only for a feed
        repeating an id, whose first is the entry)."""
        try:
            key = bytes.fromhex(entry)
        except ValueError:
            return []
        if len(key) != _HASH:
            return []
        found = []
        keys = self.keys
        at = keys.find(key)
        while at >= 0:
            if at % _HASH == 0:
                found.append(at // _HASH)
            at = keys.find(key, at + 1)
        return found

    def read(self, slots: Collection[int]) -> bytes | None:
        """The document with the entries `slots` alone (and the whole head), read from
        the file; None when the file is not the one indexed (its size, time, inode,
        or the bytes read, differ)."""
        wanted = sorted(set(slots))
        spans = [(self.starts[i], self.ends[i]) for i in wanted]
        length = self.size - self.shift  # the document's
        if not all(0 <= a <= b <= length for a, b in (*self.heads, *spans)) or (
            sum(b - a for a, b in self.heads) > MAX_HEAD_BYTES
        ):
            return None  # a damaged index: never read more than the file
        try:
            fd, info = open_regular(self.path)
        except OSError:
            return None
        try:
            if not self._same(info):
                return None
            heads = [self._read(fd, a, b) for a, b in self.heads]
            entries = [self._read(fd, a, b) for a, b in spans]
        except OSError:
            return None
        finally:
            os.close(fd)
        hashed = hashlib.blake2b(digest_size=_HASH)
        for piece in heads:
            hashed.update(piece)
        if hashed.digest() != self.head_hash:
            return None
        for i, piece in zip(wanted, entries, strict=True):
            if _digest(piece) != self.hashes[i * _HASH : (i + 1) * _HASH]:
                return None
        # The head pieces and the entries, in document order.
        parts = sorted(
            [(a, piece) for (a, _b), piece in zip(self.heads, heads, strict=True)]
            + [(a, piece) for (a, _b), piece in zip(spans, entries, strict=True)],
            key=lambda part: part[0],
        )
        return b"".join(piece for _a, piece in parts)

    def _same(self, info: os.stat_result) -> bool:
        return (info.st_size, info.st_mtime_ns, info.st_ino) == (
            self.size,
            self.mtime_ns,
            self.inode,
        )

    def _read(self, fd: int, start: int, end: int) -> bytes:
        """The document's bytes [start, end): the prefix's, then the file's."""
        cut = len(self.prefix)
        head = self.prefix[start:end] if start < cut else b""
        start = max(start, cut)
        if end <= start:
            return head
        want = end - start
        data = os.pread(fd, want, start + self.shift)
        if len(data) != want:
            raise OSError("the file is shorter than its index says")
        return head + data


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=_HASH).digest()


def entry_spans(
    utf8: bytes, total: int, wanted: Sequence[int]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]] | None:
    """(the span of each entry numbered in `wanted` (1-based, in file order), the
    spans outside every entry) of a well-formed feed document of `total` entries,
    all in one element; None when the entries found are not `total` (a document
    this search reads otherwise than lxml: one is inside another, they are named
    differently...) or the head is bigger than an index keeps. An entry's span runs
    from its start tag to the next markup after its end tag (what lxml keeps as
    its tail, CDATA included)."""
    if total > MAX_SPANNED:
        return None
    return _spans(utf8, total, set(wanted))


def _spans(
    utf8: bytes, total: int, wanted: set[int]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]] | None:
    find = utf8.find
    # The entries' tag, as the first is written (`item`, `entry`, `rss:item`...),
    # then every place that tag starts or ends, or a CDATA section, a comment or a
    # processing instruction starts (whose text is skipped: it may look like a tag).
    first = _FIRST.search(utf8)
    if first is None:
        return None
    name = re.escape(first.group(1))
    marks = re.compile(rb"<(?:(/?)" + name + rb"[\s>/]|(!\[CDATA\[|!--|\?))").search
    spans: list[tuple[int, int]] = []
    heads: list[tuple[int, int]] = []
    head_bytes = 0
    pos = last = 0  # the search's place; the end of the last entry's span
    count = 0
    opened = -1  # where the entry being read starts
    while (mark := marks(utf8, pos)) is not None:
        at = mark.start()
        skipped = mark.group(2)
        if skipped:
            closer = _CLOSERS[skipped]
            end = find(closer, mark.end())
            if end < 0:
                return None
            pos = end + len(closer)
            continue
        if not mark.group(1):  # a start tag
            tag = _START_TAG.match(utf8, at)
            if tag is None or opened >= 0:
                return None  # not a tag this search reads, or an entry in an entry
            if not tag.group(1):  # not <item/>: its content, up to its end tag
                opened, pos = at, tag.end()
                continue
            end = tag.end()
        else:
            ended = _END_TAG.match(utf8, at)
            if ended is None or opened < 0:
                return None
            at, end, opened = opened, ended.end(), -1
        # The tail: text (and CDATA) up to the next markup.
        tail = find(b"<", end)
        while tail >= 0 and utf8.startswith(b"<![CDATA[", tail):
            close = find(b"]]>", tail + 9)
            if close < 0:
                return None
            tail = find(b"<", close + 3)
        if tail < 0:
            return None
        count += 1
        if count > total:
            return None
        if at > last or count == 1:
            heads.append((last, at))
            head_bytes += at - last
            if len(heads) > MAX_HEAD_PIECES or head_bytes > MAX_HEAD_BYTES:
                return None
        if count in wanted:
            spans.append((at, tail))
        last = pos = tail
    if opened >= 0 or count != total or len(spans) != len(wanted):
        return None
    heads.append((last, len(utf8)))
    if head_bytes + len(utf8) - last > MAX_HEAD_BYTES:
        return None
    return spans, heads


# The first entry tag of a document (it may be in a comment: then the search for
# that name finds too few entries), and how each skipped part ends.
_FIRST = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?(?:item|entry))[\s>/]")
_CLOSERS = {b"![CDATA[": b"]]>", b"!--": b"-->", b"?": b"?>"}


def make_index(
    path: str,
    data: bytes,
    utf8: bytes,
    prefix_end: int,
    total: int,
    strict: bool,
    wanted: Sequence[int],
    keys: Sequence[str],
) -> FeedIndex | None:
    """The index of a feed file whose bytes are `data` and document `utf8` (the
    first `prefix_end` bytes its rewritten declaration), listed as the entries
    numbered `wanted` (1-based, file order) with the entry ids `keys`; None when it
    cannot be indexed (see `entry_spans`) or the file changed meanwhile."""
    rest = len(utf8) - prefix_end
    if len(keys) != len(wanted) or rest < 0 or not data.endswith(memoryview(utf8)[prefix_end:]):
        return None  # a document re-encoded from another charset
    found = entry_spans(utf8, total, wanted)
    if found is None:
        return None
    spans, heads = found
    try:
        info = os.stat(path)
        key_bytes = b"".join(bytes.fromhex(key) for key in keys)
    except (OSError, ValueError):
        return None
    if info.st_size != len(data) or len(key_bytes) != _HASH * len(keys):
        return None
    hashed = hashlib.blake2b(digest_size=_HASH)
    for a, b in heads:
        hashed.update(utf8[a:b])
    return FeedIndex(
        path=path,
        size=info.st_size,
        mtime_ns=info.st_mtime_ns,
        inode=info.st_ino,
        prefix=utf8[:prefix_end],
        shift=len(data) - len(utf8),
        total=total,
        strict=strict,
        heads=tuple(heads),
        head_hash=hashed.digest(),
        starts=array("q", (a for a, _b in spans)),
        ends=array("q", (b for _a, b in spans)),
        keys=key_bytes,
        hashes=b"".join(_digest(utf8[a:b]) for a, b in spans),
    )


# -- kept in memory and on disk ----------------------------------------------------

_LOCK = threading.Lock()
_KEPT: dict[str, FeedIndex | None] = {}  # path -> its index (None: none can be made)
_NONE_SIGNATURES: dict[str, tuple[int, int, int]] = {}


def index_dir() -> Path:
    # Imported here: platformdirs is only needed once a big feed is listed or opened.
    from reader.core.paths import cache_dir

    return cache_dir() / "feed-index"


def _file_for(path: str) -> Path:
    name = hashlib.blake2b(path.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    return index_dir() / f"{name}.v{VERSION}"


def remember(index: FeedIndex) -> None:
    """Keep `index` in memory and on disk (a failure to write costs the next
    process its speed, nothing else)."""
    _keep(index.path, index)
    with contextlib.suppress(OSError):
        _save(index)


def forget(path: str) -> None:
    """Drop what is kept of `path` in memory (its file changed)."""
    with _LOCK:
        _KEPT.pop(path, None)
        _NONE_SIGNATURES.pop(path, None)


def remember_none(path: str, info: os.stat_result) -> None:
    """No index can be made of `path` as it is now (`info`): do not try again, in this
    process or the next, until it changes."""
    with _LOCK:
        _NONE_SIGNATURES[path] = _signature(info)
        _KEPT.pop(path, None)
        while len(_NONE_SIGNATURES) > 4 * KEPT:
            del _NONE_SIGNATURES[next(iter(_NONE_SIGNATURES))]
    header = {"version": VERSION, "path": path, "none": list(_signature(info))}
    with contextlib.suppress(OSError):
        _write(path, json.dumps(header, ensure_ascii=True).encode("ascii") + b"\n")


def known_none(path: str, info: os.stat_result) -> bool:
    """Whether no index can be made of `path` as it is now (`remember_none`)."""
    with _LOCK:
        if _NONE_SIGNATURES.get(path) == _signature(info):
            return True
    try:
        fd, _info = open_regular(_file_for(path))
    except OSError:
        return False
    try:
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            header = json.loads(handle.readline(4096))
    except (OSError, ValueError):
        return False
    finally:
        if fd >= 0:
            os.close(fd)
    if not isinstance(header, dict) or header.get("path") != path:
        return False
    if header.get("version") != VERSION or header.get("none") != list(_signature(info)):
        return False
    with _LOCK:
        _NONE_SIGNATURES[path] = _signature(info)
    return True


def _signature(info: os.stat_result) -> tuple[int, int, int]:
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def _keep(path: str, index: FeedIndex | None) -> None:
    with _LOCK:
        _KEPT.pop(path, None)
        _KEPT[path] = index
        while len(_KEPT) > KEPT:
            del _KEPT[next(iter(_KEPT))]


def lookup(path: str) -> FeedIndex | None:
    """The index kept of `path` (in memory, else on disk), whatever the file is now:
    `FeedIndex.read` checks it against the file."""
    with _LOCK:
        index = _KEPT.get(path)
    if index is not None:
        return index
    index = _load(path)
    if index is not None:
        _keep(path, index)
    return index


def _save(index: FeedIndex) -> None:
    header = {
        "version": VERSION,
        "path": index.path,
        "size": index.size,
        "mtime_ns": index.mtime_ns,
        "inode": index.inode,
        "prefix": index.prefix.hex(),
        "shift": index.shift,
        "total": index.total,
        "strict": index.strict,
        "heads": index.heads,
        "head_hash": index.head_hash.hex(),
        "entries": len(index.starts),
    }
    body = (
        json.dumps(header, ensure_ascii=True).encode("ascii")
        + b"\n"
        + index.starts.tobytes()
        + index.ends.tobytes()
        + index.keys
        + index.hashes
    )
    _write(index.path, body)


def _write(path: str, body: bytes) -> None:
    """The index file of `path` is `body`, atomically; the oldest beyond `KEPT_FILES` go."""
    folder = index_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = _file_for(path)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".index")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _prune(folder)


def _prune(folder: Path) -> None:
    """Keep the `KEPT_FILES` indexes written last."""
    try:
        names = [entry for entry in os.scandir(folder) if entry.name.endswith(f".v{VERSION}")]
        if len(names) <= KEPT_FILES:
            return
        names.sort(key=lambda entry: entry.stat().st_mtime_ns)
        for entry in names[: len(names) - KEPT_FILES]:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    except OSError:
        return


_MAX_INDEX_BYTES = 64 << 20


def _load(path: str) -> FeedIndex | None:
    """The index of `path` on disk, or None (missing, of another version or file,
    damaged: it is a cache)."""
    try:
        fd, info = open_regular(_file_for(path))
    except OSError:
        return None
    try:
        if info.st_size > _MAX_INDEX_BYTES:
            return None
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            header = json.loads(handle.readline(1 << 20))
            rest = handle.read()
        return _decode(path, header, rest)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None
    finally:
        if fd >= 0:
            os.close(fd)


def _decode(path: str, header: dict[str, object], rest: bytes) -> FeedIndex | None:
    if header.get("version") != VERSION or header.get("path") != path or "none" in header:
        return None
    count = _int(header["entries"])
    width = array("q").itemsize
    if len(rest) != count * (2 * width + 2 * _HASH):
        return None
    starts, ends = array("q"), array("q")
    starts.frombytes(rest[: count * width])
    ends.frombytes(rest[count * width : 2 * count * width])
    keys = rest[2 * count * width : 2 * count * width + count * _HASH]
    hashes = rest[2 * count * width + count * _HASH :]
    raw_heads = header["heads"]
    if not isinstance(raw_heads, list) or len(raw_heads) > MAX_HEAD_PIECES + 1:
        return None
    heads = tuple((_int(a), _int(b)) for a, b in raw_heads)
    strict = header["strict"]
    if not isinstance(strict, bool):
        return None
    return FeedIndex(
        path=path,
        size=_int(header["size"]),
        mtime_ns=_int(header["mtime_ns"]),
        inode=_int(header["inode"]),
        prefix=bytes.fromhex(_text(header["prefix"])),
        shift=_int(header["shift"]),
        total=_int(header["total"]),
        strict=strict,
        heads=heads,
        head_hash=bytes.fromhex(_text(header["head_hash"])),
        starts=starts,
        ends=ends,
        keys=keys,
        hashes=hashes,
    )


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("not an integer")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("not text")
    return value
