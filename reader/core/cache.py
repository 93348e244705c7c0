"""The metadata cache: list rows of a library, so a warm start reads no article file.

Entries are keyed by path and trusted only while the file's size and mtime are
unchanged; anything unreadable or of another version is ignored (it is a cache:
the worst case is a cold start). Written atomically, in list order, so the
cached rows can be shown as they are, before the library is even stat-ed.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from reader.core.models import Article, parse_iso_date
from reader.core.paths import cache_dir, library_key

# 2: rows made by the hardened parser (titles of hostile files differ from version 1).
# 3: one list per column instead of one list per row: 100,000 row lists cost 80 MB
#    of peak memory while the file was decoded.
CACHE_VERSION = 3


def cache_path(roots: Sequence[Path]) -> Path:
    """One cache file per set of library paths opened together."""
    return cache_dir() / f"library-v{CACHE_VERSION}-{library_key(roots)}.json"


def load_cache(path: Path) -> list[Article]:
    """Cached rows in list order; [] when missing, unreadable or of another version."""
    try:
        data = json.loads(path.read_bytes())
        if data.get("version") != CACHE_VERSION:
            return []
        columns = data["columns"]
        return Article.from_columns(columns) if columns and _valid(columns) else []
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return []


def save_cache(path: Path, articles: Sequence[Article]) -> None:
    """Write atomically; a failure only costs the next start its speed, so it is ignored.

    Written a column at a time: the file is tens of megabytes at 100,000 rows, and
    encoding it whole (plus a tuple per row) raised the peak memory by as much again.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".cache-", suffix=".tmp")
        try:
            # ASCII escapes keep undecodable file names (surrogates) round-tripping.
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(f'{{"version":{CACHE_VERSION},"columns":[')
                for i, column in enumerate(_columns(articles) if articles else ()):
                    handle.write(("," if i else "") + json.dumps(column, separators=(",", ":")))
                handle.write("]}")
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        return


def _columns(articles: Sequence[Article]) -> Iterator[list[Any]]:
    """The columns `Article.from_columns` takes, one at a time."""
    yield [a.path for a in articles]
    yield [a.size for a in articles]
    yield [a.mtime for a in articles]
    yield [a.id for a in articles]
    yield [a.feed for a in articles]
    yield [a.title for a in articles]
    yield [a.date.isoformat() if a.date else None for a in articles]
    yield [a.format for a in articles]
    yield [a.url for a in articles]
    yield [a.source for a in articles]
    yield [list(a.tags) for a in articles]


# The types each column of `Article.from_columns` may hold once decoded from JSON.
_COLUMN_TYPES: tuple[set[type], ...] = (
    {str},  # path
    {int},  # size
    {float, int},  # mtime
    {str},  # id
    {str},  # feed
    {str},  # title
    {str, type(None)},  # date
    {str},  # format
    {str, type(None)},  # url
    {str, type(None)},  # source
    {list},  # tags
)


def _valid(columns: list[Any]) -> bool:
    """Whether the columns are equally long and every value has its column's type: a
    cache edited by hand (or by a bug) must cost a cold start, not a crash when a title
    turns out to be a number."""
    if len(columns) != len(_COLUMN_TYPES):
        return False
    for column, types in zip(columns, _COLUMN_TYPES, strict=True):
        if not isinstance(column, list) or not set(map(type, column)) <= types:
            return False
    if len({len(column) for column in columns}) > 1:
        return False
    tags = (tag for row_tags in columns[-1] for tag in row_tags)
    return set(map(type, tags)) <= {str} and all(map(_valid_date, columns[6]))


def _valid_date(date: str | None) -> bool:
    try:
        return date is None or parse_iso_date(date) is not None
    except ValueError:
        return False
