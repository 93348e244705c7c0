"""The metadata cache: list rows of a library, so a warm start reads no article file.

Entries are keyed by path and trusted only while the file's size and mtime are
unchanged; anything unreadable or of another version is ignored (it is a cache:
the worst case is a cold start). Written atomically, in list order, so the first
screen can show the cached rows before the library is even stat-ed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from reader.core.models import Article
from reader.core.paths import cache_dir, library_key

# 2: rows made by the hardened parser (titles of hostile files differ from version 1).
CACHE_VERSION = 2


def cache_path(roots: Sequence[Path]) -> Path:
    """One cache file per set of library paths opened together."""
    return cache_dir() / f"library-v{CACHE_VERSION}-{library_key(roots)}.json"


def load_cache(
    path: Path, first: Callable[[list[Article]], None] | None = None, first_rows: int = 500
) -> list[Article]:
    """Cached rows in list order; [] when missing, unreadable or of another version.

    `first` receives the first `first_rows` rows as soon as they are built: the file is
    in list order, so a screenful can be shown while the other 100,000 are made.
    """
    try:
        data = json.loads(path.read_bytes())
        if data.get("version") != CACHE_VERSION:
            return []
        rows = data["articles"]
        articles = [_article(row) for row in rows[:first_rows]]
        if first is not None and len(rows) > first_rows:
            first(list(articles))
        articles.extend(_article(row) for row in rows[first_rows:])
        return articles
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return []


def save_cache(path: Path, articles: Iterable[Article]) -> None:
    """Write atomically; a failure only costs the next start its speed, so it is ignored."""
    rows = [_row(a) for a in articles]
    # ASCII escapes keep undecodable file names (surrogates) round-tripping.
    payload = json.dumps(
        {"version": CACHE_VERSION, "articles": rows}, separators=(",", ":")
    ).encode("ascii")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".cache-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        return


def _row(a: Article) -> list[object]:
    return [
        os.fsdecode(a.path),
        a.size,
        a.mtime,
        a.id,
        a.feed,
        a.title,
        a.date.isoformat() if a.date else None,
        a.format,
        a.url,
        a.source,
        list(a.tags),
    ]


def _article(row: list[object]) -> Article:
    path, size, mtime, id_, feed, title, date, fmt, url, source, tags = row
    return Article(
        id=str(id_),
        path=Path(str(path)),
        feed=sys.intern(str(feed)),  # one string per feed, not per row
        title=str(title),
        date=dt.date.fromisoformat(str(date)) if date else None,
        mtime=float(mtime),
        size=int(size),
        format=sys.intern(str(fmt)),
        url=str(url) if url else None,
        source=str(source) if source else None,
        tags=tuple(str(t) for t in tags),  # type: ignore[union-attr]
    )
