"""The metadata cache: list rows of a library, so a warm start reads no article file.

Rows are those of the list (one per entry: a file of several entries has several,
told apart by their entry id), trusted only while their file's size and mtime are
unchanged; anything unreadable or of another version is ignored (it is a cache:
the worst case is a cold start). Written atomically, in list order, so the
cached rows can be shown as they are, before the library is even stat-ed. Each write
has a generation of its own (a random token in the header): the indexer child, handed
the generation of the rows the app has just checked, knows from it whether its index
already covers them, or takes them from this file instead of checking every file again.

The file is a one-line JSON header followed by binary sections, one per column,
because loading it is most of a warm start. At 100,000 rows, JSON decoding and
checking the value of every row took 0.2 s; here each column decodes in one call
at C speed. Columns come in three shapes:

* text (path, id, title, url, source, entry, warning): the values joined with NUL, which
  no path or entry id can contain (a library whose other values hold one is not
  cached);
* a few distinct values (feed, format, date, tags, found_date): the distinct values in the
  header and one unsigned 32-bit index per row, so each is decoded, checked and
  interned once, not per row;
* numbers (size, mtime): machine-format arrays.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from array import array
from collections.abc import Callable, Hashable, Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from reader.core.models import Article, parse_iso_date
from reader.core.paths import cache_dir, library_key

# 2: rows made by the hardened parser (titles of hostile files differ from version 1).
# 3: one list per column instead of one list per row: 100,000 row lists cost 80 MB
#    of peak memory while the file was decoded.
# 4: binary columns after a JSON header (a warm start's load: 0.35 s -> 0.15 s).
# 5: an entry id column (files holding several entries give several rows).
# 6: a found_date column (a date found in the text of an undated article).
# 7: a warning column (files read despite a problem, listed under `!` on a warm start
#    too); feed files and rows of the empty files no longer listed.
# 8: ids of Markdown files with a `guid` in their front matter and of HTML pages with a
#    `reader:guid` meta tag come from it (what `reader fetch` writes).
# 9: HTML pages whose <title> names their site are listed without it (same ids).
# 10: an undated HTML page's found date is looked for in its body's text, not its markup
#     (a head's cache expiry was taken for the publication date).
CACHE_VERSION = 10

_SEPARATOR = "\0"
_TEXT = ("path", "id", "title", "url", "source", "entry", "warning")
# Text columns whose empty values read back as None (the others as "").
_OPTIONAL = frozenset({"url", "source"})
_CODED = ("feed", "format", "date", "tags", "found_date")
_NUMBERS = (("size", "q"), ("mtime", "d"))
_INDEX = "I"  # 32 bits at least on every platform CPython supports
_INDEX_SIZE = array(_INDEX).itemsize
# Rows per piece of a text column as it is written; a bound on any section's size.
_PIECE = 50_000
_MAX_SECTION = 10**15 - 1
# Undecodable file names hold lone surrogates; this keeps them round-tripping.
_ERRORS = "surrogatepass"


def cache_path(roots: Sequence[Path]) -> Path:
    """One cache file per set of library paths opened together."""
    return cache_dir() / f"library-v{CACHE_VERSION}-{library_key(roots)}.bin"


def load_cache(path: Path) -> list[Article]:
    """Cached rows in list order; [] when missing, unreadable or of another version."""
    return read_cache(path)[0]


def read_cache(path: Path) -> tuple[list[Article], str | None]:
    """Cached rows in list order and the generation they were written under (None for a
    file written before generations); ([], None) when missing,
    unreadable or of another version. One read: the generation is that of these rows."""
    try:
        with path.open("rb") as handle:
            header = json.loads(handle.readline())
            if not _current(header):
                return [], None
            body = os.fstat(handle.fileno()).st_size - handle.tell()
            rows = _decode(header, handle, body)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return [], None
    generation = header.get("generation")
    return rows, generation if isinstance(generation, str) else None


def load_cache_head(path: Path, count: int) -> tuple[list[Article], int]:
    """The cache's first `count` rows in list order and how many it holds in all;
    ([], 0) when missing, unreadable or of another version.

    A few small reads, whatever the library's size: a start shows these while the
    whole cache is decoded (at a million rows that is seconds). Only the header's
    sums are checked here, not every value: the whole load that follows checks the
    rest, and a cache it rejects costs a scan, as always."""
    try:
        with path.open("rb") as handle:
            header = json.loads(handle.readline())
            if not _current(header):
                return [], 0
            body = os.fstat(handle.fileno()).st_size - handle.tell()
            return _decode_head(header, handle, body, count)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return [], 0


class Signatures(NamedTuple):
    """What tells whether a cached row still stands for its file (the scan's
    `unchanged`), one value per row in list order: a check of the library against the
    cache needs these columns, not the rows."""

    paths: list[str]
    feeds: list[str]
    formats: list[str]
    sizes: array[int]
    mtimes: array[float]


def read_signatures(path: Path, generation: str) -> Signatures | None:
    """The rows' signatures of the cache file written under `generation`; None when
    the file holds another generation, or is missing, unreadable or of another
    version.

    A process of its own checks a large library against its cache at a warm start
    (`reader.core.warm_check`): it reads these five columns from the file itself,
    where the app would have to build and send them from its rows, a pass over every
    row in the process that paints."""
    try:
        with path.open("rb") as handle:
            header = json.loads(handle.readline())
            if not _current(header) or header.get("generation") != generation:
                return None
            body = os.fstat(handle.fileno()).st_size - handle.tell()
            rows, sizes = _checked_sizes(header, body)
            if rows == 0:
                return Signatures([], [], [], array(_NUMBERS[0][1]), array(_NUMBERS[1][1]))
            start = handle.tell()
            offsets = [start + sum(sizes[:i]) for i in range(len(sizes))]

            def section(name: str) -> memoryview:
                index = [*_TEXT, *_CODED, *(number for number, _code in _NUMBERS)].index(name)
                return _read_at(handle, offsets[index], sizes[index])

            tables = header["tables"]
            return Signatures(
                _text(section("path"), rows, optional=False),
                _coded(section("feed"), rows, _strings(tables["feed"])),
                _coded(section("format"), rows, _strings(tables["format"])),
                _array(section("size"), rows, _NUMBERS[0][1]),
                _array(section("mtime"), rows, _NUMBERS[1][1]),
            )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None


def save_cache(path: Path, articles: Sequence[Article]) -> str | None:
    """Write atomically; the new file's generation, or None when it was not written: a
    failure only costs the next start its speed (and the indexer child a check of
    every file), so it is ignored. Not written when a text value holds the separator
    (no path can: a hostile title).

    Caches of other versions for the same library are removed: nothing reads them.
    """
    generation = os.urandom(8).hex()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".cache-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                written = _write(handle, articles, generation)
            if written:
                os.replace(temp, path)
        finally:
            Path(temp).unlink(missing_ok=True)
        if written:
            _remove_other_versions(path)
    except OSError:
        return None
    return generation if written else None


def _remove_other_versions(path: Path) -> None:
    key = path.stem.rsplit("-", 1)[-1]
    for old in path.parent.glob(f"library-v*-{key}.*"):
        if old.name != path.name:
            old.unlink(missing_ok=True)


# -- writing -------------------------------------------------------------------------


def _write(handle: BinaryIO, articles: Sequence[Article], generation: str) -> bool:
    """The header and the sections, in the order `_decode` reads them; False when a
    text value holds the separator. Each section is written as it is made, a text
    column a piece at a time: building them all first held 0.2 GB more at a million
    rows. The header, whose section sizes are known only at the end, is written last
    over room kept for it at the start (JSON allows the trailing spaces)."""
    tables: dict[str, list[Any]] = {}
    coded: list[array[int]] = []
    for name in _CODED:
        table, indexes = _categories(getattr(a, name) for a in articles)
        tables[name] = [_jsonable(value) for value in table]
        coded.append(indexes)
    header = {
        "version": CACHE_VERSION,
        "rows": len(articles),
        "byteorder": sys.byteorder,
        "generation": generation,
        "tables": tables,
        "sections": [_MAX_SECTION] * (len(_TEXT) + len(_CODED) + len(_NUMBERS)),
    }
    room = len(json.dumps(header, separators=(",", ":")).encode("ascii"))
    handle.write(b" " * room + b"\n")
    sizes: list[int] = []
    for name in _TEXT:
        size = _write_text(handle, [getattr(a, name) or "" for a in articles])
        if size is None:
            return False
        sizes.append(size)
    for indexes in coded:
        sizes.append(_write_bytes(handle, indexes.tobytes()))
    for name, code in _NUMBERS:
        sizes.append(_write_bytes(handle, array(code, [getattr(a, name) for a in articles])))
    header["sections"] = sizes
    handle.seek(0)
    handle.write(json.dumps(header, separators=(",", ":")).encode("ascii").ljust(room))
    return True


def _write_text(handle: BinaryIO, values: list[str]) -> int | None:
    """`values` joined with the separator, in pieces; the bytes written, or None when a
    value holds the separator."""
    size = 0
    for start in range(0, len(values), _PIECE):
        piece = values[start : start + _PIECE]
        joined = _SEPARATOR.join(piece)
        if joined.count(_SEPARATOR) != len(piece) - 1:
            return None
        if start:
            size += handle.write(_SEPARATOR.encode())
        size += handle.write(joined.encode("utf-8", _ERRORS))
    return size


def _write_bytes(handle: BinaryIO, data: bytes | array[Any]) -> int:
    handle.write(data)
    return memoryview(data).nbytes


def _categories(values: Iterable[Hashable]) -> tuple[list[Any], array[int]]:
    """The distinct values in first-seen order and each value's index among them."""
    positions: dict[Hashable, int] = {}
    indexes = array(_INDEX, (positions.setdefault(v, len(positions)) for v in values))
    return list(positions), indexes


def _jsonable(value: Any) -> Any:
    """A table value as JSON holds it: dates as ISO text, tag tuples as lists."""
    if isinstance(value, tuple):
        return list(value)
    return value.isoformat() if isinstance(value, dt.date) else value


# -- reading -------------------------------------------------------------------------


def _current(header: Any) -> bool:
    return (
        isinstance(header, dict)
        and header.get("version") == CACHE_VERSION
        and header.get("byteorder") == sys.byteorder
    )


def _decode(header: dict[str, Any], handle: BinaryIO, body: int) -> list[Article]:
    """The rows, or ValueError/TypeError/KeyError for anything that does not add up:
    a cache edited by hand (or by a bug) must cost a cold start, not a crash when a
    title turns out to be a number. The `body` bytes after the header are read a
    section at a time (the whole file at once held 0.2 GB more at a million rows)."""
    rows, sizes = _checked_sizes(header, body)
    if rows == 0:
        return []
    chunks = iter(_sections(handle, sizes))
    columns: dict[str, list[Any]] = {}
    for name in _TEXT:
        columns[name] = _text(next(chunks), rows, optional=name in _OPTIONAL)
    tables = header["tables"]
    for name in _CODED:
        columns[name] = _coded(next(chunks), rows, _TABLE_CHECKS[name](tables[name]))
    for name, code in _NUMBERS:
        columns[name] = _numbers(next(chunks), rows, code)
    return Article.from_columns(columns)


def _checked_sizes(header: dict[str, Any], body: int) -> tuple[int, list[int]]:
    rows, sizes = header["rows"], header["sections"]
    if type(rows) is not int or rows < 0 or not all(type(n) is int and n >= 0 for n in sizes):
        raise ValueError("bad header")
    if rows and (len(sizes) != len(_TEXT) + len(_CODED) + len(_NUMBERS) or sum(sizes) != body):
        raise ValueError("sections do not add up")
    return rows, sizes


def _decode_head(
    header: dict[str, Any], handle: BinaryIO, body: int, count: int
) -> tuple[list[Article], int]:
    """`_decode` of the first `count` rows: of each section only the bytes they take."""
    rows, sizes = _checked_sizes(header, body)
    wanted = min(count, rows)
    if wanted <= 0:
        return [], rows
    start = handle.tell()
    offsets = [start + sum(sizes[:i]) for i in range(len(sizes))]
    sections = iter(zip(offsets, sizes, strict=True))
    columns: dict[str, list[Any]] = {}
    for name in _TEXT:
        offset, size = next(sections)
        columns[name] = _text_head(handle, offset, size, wanted, optional=name in _OPTIONAL)
    tables = header["tables"]
    for name in _CODED:
        offset, size = next(sections)
        chunk = _read_at(handle, offset, wanted * _INDEX_SIZE)
        columns[name] = _coded(chunk, wanted, _TABLE_CHECKS[name](tables[name]))
    for name, code in _NUMBERS:
        offset, size = next(sections)
        chunk = _read_at(handle, offset, wanted * array(code).itemsize)
        columns[name] = _numbers(chunk, wanted, code)
    return Article.from_columns(columns), rows


def _read_at(handle: BinaryIO, offset: int, size: int) -> memoryview:
    handle.seek(offset)
    chunk = handle.read(size)
    if len(chunk) != size:
        raise ValueError("the file ended early")
    return memoryview(chunk)


def _text_head(
    handle: BinaryIO, offset: int, size: int, wanted: int, *, optional: bool
) -> list[Any]:
    """The first `wanted` values of a text section, read in growing steps until they
    are all there (their separators found) or the section ends."""
    step = 16_384
    while True:
        data = _read_at(handle, offset, min(step, size)).tobytes()
        parts = data.split(_SEPARATOR.encode(), wanted)
        if len(parts) > wanted or len(data) == size:
            break
        step *= 4
    if len(parts) < wanted:
        raise ValueError("a text column of another length")
    values = [part.decode("utf-8", _ERRORS) for part in parts[:wanted]]
    return [value or None for value in values] if optional else values


def _sections(handle: BinaryIO, sizes: list[int]) -> Iterable[memoryview]:
    for size in sizes:
        chunk = handle.read(size)
        if len(chunk) != size:
            raise ValueError("the file ended early")
        yield memoryview(chunk)


def _text(chunk: memoryview, rows: int, *, optional: bool) -> list[Any]:
    if len(chunk) == rows - 1:  # separators only: the usual url, source and entry
        return [None if optional else ""] * rows
    values = str(chunk, "utf-8", _ERRORS).split(_SEPARATOR)
    if len(values) != rows:
        raise ValueError("a text column of another length")
    return [value or None for value in values] if optional else values


def _coded(chunk: memoryview, rows: int, table: list[Any]) -> list[Any]:
    if len(table) == 1 and len(chunk) == rows * _INDEX_SIZE:  # one value: every index is 0
        if chunk.tobytes().count(0) != len(chunk):
            raise ValueError("a coded column past its table")
        return table * rows
    indexes = _array(chunk, rows, _INDEX)
    if max(indexes) >= len(table):
        raise ValueError("a coded column past its table")
    return list(map(table.__getitem__, indexes))


def _numbers(chunk: memoryview, rows: int, code: str) -> list[Any]:
    return _array(chunk, rows, code).tolist()


def _array(chunk: memoryview, rows: int, code: str) -> array[Any]:
    values = array(code)
    values.frombytes(chunk)
    if len(values) != rows:
        raise ValueError("a binary column of another length")
    return values


def _strings(table: Any) -> list[str]:
    """Feed and format names: checked, and interned so rows share one string each."""
    if not isinstance(table, list) or not all(type(value) is str for value in table):
        raise TypeError("expected strings")
    return [sys.intern(value) for value in table]


def _dates(table: Any) -> list[Any]:
    if not isinstance(table, list):
        raise TypeError("expected a list")
    return [None if value is None else parse_iso_date(value) for value in table]


def _tags(table: Any) -> list[tuple[str, ...]]:
    if not isinstance(table, list) or not all(isinstance(tags, list) for tags in table):
        raise TypeError("expected lists")
    tuples = [tuple(tags) for tags in table]
    if not all(type(tag) is str for tags in tuples for tag in tags):
        raise TypeError("expected strings")
    return tuples


_TABLE_CHECKS: dict[str, Callable[[Any], list[Any]]] = {
    "feed": _strings,
    "format": _strings,
    "date": _dates,
    "tags": _tags,
    "found_date": _dates,
}
