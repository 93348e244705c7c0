"""A binary copy of a large state snapshot's parsed columns, in the cache folder.

Loading 1,000,000 marks from the JSON snapshot is mostly ``json.loads`` (the ids, and
the times as decimal text) and the checks of every value's type. This file holds the
same columns as the snapshot it was made from, the ids as UTF-8 joined with NUL and
the times as machine-format doubles, so a start reads them in a few calls at C speed.

It is a cache, never the marks' home: it is trusted only for the snapshot whose size,
mtime and CRC-32 it was written for (the snapshot's bytes are read and checked every
time), and anything else (another snapshot, another version or byte order, a body
whose own CRC-32 or lengths do not add up, a file that is not regular) makes the
store read the JSON as before. It lives in the cache folder, one file per state file,
never beside the user's state file, and deleting it only costs the next start its
speed.

Layout: a one-line JSON header, then per column its ids then its times::

    {"version": 1, "byteorder": "little", "key": [size, mtime_ns, crc32],
     "gen": 7, "top": {...}, "other": {...}, "body": crc32,
     "columns": [["read", count, id_bytes], ...]}
    <ids joined with NUL, UTF-8 (lone surrogates kept)><count doubles>...

Only what the snapshot holds exactly is cached: ids with no NUL in them, and times
that are floats (a hand-edited whole number would come back as a float).

Nothing here imports Textual.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import stat
import sys
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CACHE_VERSION = 1
CACHE_FROM = 512 * 1024
"""Snapshots smaller than this are read as JSON (a few milliseconds), never cached."""
_MAX_BYTES = 1 << 30
_SEPARATOR = "\0"
_ERRORS = "surrogatepass"  # ids from undecodable file names hold lone surrogates
_DOUBLE = array("d").itemsize
_encode = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True).encode

Columns = dict[str, tuple[list[str], Sequence[float]]]
Key = tuple[int, int, int]
"""A snapshot's size, mtime (ns) and CRC-32."""


@dataclass
class Cached:
    """What a snapshot holds: its journal generation, its other top-level keys, its
    columns of ids and times, and ``other`` (per-article objects)."""

    gen: int
    top: dict[str, Any]
    columns: Columns
    other: dict[str, Any]


def read_to_end(fd: int, expected: int, limit: int) -> bytes:
    """The bytes of `fd` from its offset to its end, at most `limit`: all of them in one
    read when the file still has the `expected` bytes its fstat counted (no copy to
    join), then by 4 MB for what it grew by since."""
    chunks: list[bytes] = []
    left = limit
    size = max(expected + 1, 1 << 22)
    while left > 0:
        chunk = os.read(fd, min(left, size))
        if not chunk:
            break
        size = 1 << 22
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)  # one chunk: that chunk, not a copy


def key_of(raw: bytes, mtime_ns: int) -> Key:
    """The key a snapshot's cache is written for and looked up by."""
    return (len(raw), mtime_ns, zlib.crc32(raw))


def cache_file(folder: Path, state_path: Path) -> Path:
    """The cache of the state file at `state_path` (its real path): one per state file."""
    name = str(state_path).encode("utf-8", "surrogateescape")
    return folder / f"marks-v{CACHE_VERSION}-{hashlib.blake2b(name, digest_size=8).hexdigest()}.bin"


def load(path: Path, key: Key) -> Cached | None:
    """The cached snapshot if `path` holds the one of `key`, else None (never raises)."""
    try:
        raw = _read_regular(path)
        if raw is None:
            return None
        return _decode(raw, key)
    except (OSError, ValueError, TypeError, KeyError, IndexError, RecursionError):
        return None


def save(path: Path, key: Key, cached: Cached) -> bool:
    """Write the cache of the snapshot of `key` atomically; False (nothing written)
    when a value cannot be kept exactly, or on any error: it only costs speed."""
    try:
        body = _encode_body(cached.columns)
        if body is None:
            return False
        sections, blobs = body
        crc = 0
        for blob in blobs:
            crc = zlib.crc32(blob, crc)
        header = {
            "version": CACHE_VERSION,
            "byteorder": sys.byteorder,
            "key": list(key),
            "gen": cached.gen,
            "top": cached.top,
            "other": cached.other,
            "body": crc,
            "columns": sections,
        }
        head = _encode(header).encode("ascii") + b"\n"
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.{id(cached):x}.tmp")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(head)
                for blob in blobs:
                    handle.write(blob)
            os.replace(temp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        return True
    except (OSError, ValueError, TypeError, OverflowError, RecursionError):
        return False


def remove(path: Path) -> None:
    """Drop a cache that no longer matches anything we will write (best effort)."""
    with contextlib.suppress(OSError):
        os.unlink(path)


def _encode_body(columns: Columns) -> tuple[list[list[Any]], list[bytes]] | None:
    sections: list[list[Any]] = []
    blobs: list[bytes] = []
    for name, (ids, times) in columns.items():
        if len(ids) != len(times) or not ids:
            return None
        if set(map(type, ids)) - {str} or set(map(type, times)) - {float}:
            return None
        joined = _SEPARATOR.join(ids)
        if joined.count(_SEPARATOR) != len(ids) - 1:
            return None  # an id holding the separator
        id_bytes = joined.encode("utf-8", _ERRORS)
        blobs.append(id_bytes)
        blobs.append(array("d", times).tobytes())
        sections.append([name, len(ids), len(id_bytes)])
    return sections, blobs


def _read_regular(path: Path) -> bytes | None:
    """The bytes of a regular file (nothing that is not is opened: a FIFO cannot hang
    us), or None when absent or too large."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > _MAX_BYTES:
            return None
        data = read_to_end(fd, st.st_size, _MAX_BYTES + 1)
        return None if len(data) > _MAX_BYTES else data
    finally:
        os.close(fd)


def _decode(raw: bytes, key: Key) -> Cached | None:
    end = raw.find(b"\n")
    if end < 0:
        return None
    header = json.loads(raw[:end])
    if (
        type(header) is not dict
        or header.get("version") != CACHE_VERSION
        or header.get("byteorder") != sys.byteorder
        or header.get("key") != list(key)
    ):
        return None
    gen, top, other, sections = header["gen"], header["top"], header["other"], header["columns"]
    if (
        type(gen) is not int
        or gen < 0
        or type(top) is not dict
        or type(other) is not dict
        or type(sections) is not list
    ):
        return None
    body = memoryview(raw)[end + 1 :]
    if zlib.crc32(body) != header["body"]:
        return None
    columns: Columns = {}
    at = 0
    for section in sections:
        name, count, id_bytes = section
        if (
            type(name) is not str
            or name in columns
            or type(count) is not int
            or type(id_bytes) is not int
            or count < 1
            or id_bytes < count - 1
        ):
            return None
        time_bytes = count * _DOUBLE
        if at + id_bytes + time_bytes > len(body):
            return None
        ids = str(body[at : at + id_bytes], "utf-8", _ERRORS).split(_SEPARATOR)
        at += id_bytes
        times = array("d")
        times.frombytes(body[at : at + time_bytes])
        at += time_bytes
        if len(ids) != count or len(times) != count or not math.isfinite(sum(times)):
            return None
        columns[name] = (ids, times)
    if at != len(body):
        return None
    return Cached(gen, top, columns, other)
