"""Find the article files of a library and read their metadata.

A library is a folder: each first-level sub-folder is a feed, files in the root
form a feed named after the root. Files and folders can also be named directly.
Nothing here raises for a bad file: it is skipped and reported as a `Problem`.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.core.identity import article_id, normalise_title
from reader.core.models import Article
from reader.core.parse import (
    ARTICLE_SUFFIXES,
    HEAD_BYTES,
    MARKDOWN_SUFFIXES,
    file_kind,
    parse_page,
    read_head,
)
from reader.core.sanitize import clean_line
from reader.core.textio import NotText

# The first read of a .txt file in a scan: its header line (title and date) is
# almost always well inside; reading 16 KiB instead costs 2x the whole scan.
PROBE_BYTES = 2048
# Deeper trees than this are almost certainly a mistake (or a loop of bind mounts).
MAX_DEPTH = 32


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that could not be loaded, and why, for the user to see.

    `reason` is short and plain ("permission denied", "binary file (NUL bytes)",
    "not a regular file (FIFO)", "symlink loop", "removed while reading"). `path` is
    the file's real name, which may hold escape sequences or newlines: show
    `display_path`, never `path`, on a terminal.
    """

    path: Path
    reason: str

    @property
    def display_path(self) -> str:
        """The path made safe to print (controls stripped, one line)."""
        return clean_line(str(self.path)) or "?"

    def __str__(self) -> str:
        return f"{self.display_path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Candidate:
    """An article file found on disk, before it is read."""

    path: Path
    feed: str
    mtime: float
    size: int


@dataclass(slots=True)
class Library:
    """The result of a scan: articles newest first, plus the files that were skipped."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def find_files(paths: Iterable[Path], problems: list[Problem]) -> Iterator[Candidate]:
    """Every article file below `paths`, with the feed it belongs to (stat only, no reads)."""
    for root in paths:
        try:
            info = root.stat()
        except OSError as error:
            problems.append(Problem(root, _stat_reason(error, root)))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(root, display_name(root.resolve()), None, 0, problems)
        elif _is_article_name(root.name):
            feed = display_name(root.resolve().parent)
            candidate = _candidate(root, feed, info, problems)
            if candidate:
                yield candidate


def locate(path: Path, roots: Iterable[Path]) -> Candidate | None:
    """The candidate for one changed file (from a watcher), or None if it is no article.

    The feed is worked out exactly as a full scan would (first folder below the root).
    Raises OSError when the file cannot be stat-ed (e.g. removed meanwhile).
    """
    for root in roots:
        if path == root:
            feed = display_name(root.resolve().parent)
        else:
            try:
                parts = path.relative_to(root).parts
            except ValueError:
                continue
            if any(part.startswith(".") for part in parts):
                return None
            feed = display_name(root.resolve() if len(parts) == 1 else root / parts[0])
        if not _is_article_name(path.name):
            return None
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None
        return Candidate(path=path, feed=feed, mtime=info.st_mtime, size=info.st_size)
    return None


def read_article(candidate: Candidate) -> Article:
    """Read just enough of a file for its list row: the header or front matter.

    Size and mtime are those of the file as read, not as the scan found it: a file
    rewritten in between is cached under its new signature, with its new title.
    Raises OSError (`NotRegularFile` if it is no longer a regular file) or `NotText`.
    """
    path = candidate.path
    markdown = os.path.splitext(path.name)[1].lower() in MARKDOWN_SUFFIXES
    data, truncated, info = read_head(
        path, HEAD_BYTES if markdown else PROBE_BYTES, known_regular=True
    )
    page = parse_page(data, path, truncated=truncated)
    if truncated and not markdown and page.date is None and not _has_line(data):
        # No header and no complete line in the probe: read as much as Markdown gets.
        data, truncated, info = read_head(path, HEAD_BYTES, known_regular=True)
        page = parse_page(data, path, truncated=truncated)
    return Article(
        id=article_id(page.title, page.date),
        path=candidate.path,
        feed=candidate.feed,
        title=page.title,
        date=page.date,
        mtime=info.st_mtime,
        size=info.st_size,
        format=page.format,
        url=page.url,
        source=page.source,
        tags=page.tags,
    )


def _has_line(data: bytes) -> bool:
    """Whether a complete non-empty line (a title candidate) is in `data`."""
    return any(line.strip() for line in data.split(b"\n")[:-1])


def scan(
    paths: Iterable[Path],
    cached: Iterable[Article] = (),
    *,
    on_batch: Callable[[list[Article]], None] | None = None,
    batch_seconds: float = 0.25,
    should_stop: Callable[[], bool] = lambda: False,
) -> Library:
    """Find and read every article under `paths`, newest first.

    `cached` rows are reused for files whose size and mtime are unchanged, so a warm
    scan only stats files. `on_batch` receives the sorted rows found so far every
    `batch_seconds`, so a caller can show a large library while it is still read.
    """
    known = {a.path: a for a in cached}
    library = Library()
    found: list[Article] = []
    last_batch = time.monotonic()
    for candidate in find_files(paths, library.problems):
        if should_stop():
            break
        article = _reuse(known.get(candidate.path), candidate)
        if article is None:
            try:
                article = read_article(candidate)
            except NotText as error:
                library.problems.append(Problem(candidate.path, str(error)))
                continue
            except OSError as error:
                library.problems.append(Problem(candidate.path, _read_reason(error)))
                continue
            except Exception as error:  # a parser bug must cost one file, not the scan
                reason = f"could not be read ({type(error).__name__}: {error})"
                library.problems.append(Problem(candidate.path, clean_line(reason)[:200]))
                continue
        found.append(article)
        if on_batch is not None and time.monotonic() - last_batch >= batch_seconds:
            found.sort(key=_order)  # nearly sorted already: timsort merges the new run
            on_batch(list(found))
            last_batch = time.monotonic()
    library.articles = sort_articles(separate_namesakes(found))
    return library


def _reuse(cached: Article | None, candidate: Candidate) -> Article | None:
    if (
        cached is not None
        and cached.size == candidate.size
        and cached.mtime == candidate.mtime
        and cached.feed == candidate.feed
    ):
        return cached
    return None


def sort_articles(articles: Iterable[Article]) -> list[Article]:
    """Newest first (dated by date, undated by file time), then by title and path."""
    return sorted(articles, key=_order)


def _order(article: Article) -> tuple[float, str, str]:
    return article.order


def separate_namesakes(articles: list[Article]) -> list[Article]:
    """Give articles of different feeds that share a title and date ids of their own.

    Copies within one feed keep one id (the same story saved twice shares its marks);
    across feeds the first feed by name keeps the plain id and the others add the
    feed's name, so a new namesake never takes over marks made on an existing article.
    """
    by_id: dict[str, list[Article]] = {}
    for article in articles:
        by_id.setdefault(article.id, []).append(article)
    renamed: dict[int, Article] = {}
    for group in by_id.values():
        feeds = sorted({a.feed for a in group}, key=lambda f: (normalise_title(f), f))
        for article in group:
            if article.feed != feeds[0]:
                new_id = article_id(article.title, article.date, normalise_title(article.feed))
                renamed[id(article)] = replace(article, id=new_id)
    return [renamed.get(id(a), a) for a in articles]


def _walk(
    folder: Path, root_feed: str, feed: str | None, depth: int, problems: list[Problem]
) -> Iterator[Candidate]:
    if depth > MAX_DEPTH:
        problems.append(
            Problem(folder, f"folders nested more than {MAX_DEPTH} deep: not scanned further")
        )
        return
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as error:
        problems.append(Problem(folder, _stat_reason(error, folder)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name  # cheaper than Path(entry.path): parses the name only
        try:
            if entry.is_dir(follow_symlinks=False):
                sub_feed = feed or display_name(path)
                yield from _walk(path, root_feed, sub_feed, depth + 1, problems)
                continue
            if not _is_article_name(entry.name):
                continue
            info = entry.stat(follow_symlinks=True)
        except OSError as error:
            if _is_article_name(entry.name):
                problems.append(Problem(path, _stat_reason(error, path)))
            continue
        candidate = _candidate(path, feed or root_feed, info, problems)
        if candidate:
            yield candidate


def _candidate(
    path: Path, feed: str, info: os.stat_result, problems: list[Problem]
) -> Candidate | None:
    if not stat.S_ISREG(info.st_mode):
        problems.append(Problem(path, f"not a regular file ({file_kind(info.st_mode)})"))
        return None
    return Candidate(path=path, feed=feed, mtime=info.st_mtime, size=info.st_size)


def _is_article_name(name: str) -> bool:
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES


def display_name(path: Path) -> str:
    """A file or folder name fit for the screen (a feed's name, a fallback title)."""
    return clean_line(path.name) or clean_line(str(path)) or "?"


_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ELOOP: "symlink loop",
    errno.ENAMETOOLONG: "name too long",
    errno.EIO: "input/output error (disk or network trouble)",
    errno.EISDIR: "not a regular file (folder)",
    errno.ENOTDIR: "not found (a part of the path is not a folder)",
}


def _os_reason(error: OSError) -> str:
    """A short reason for the user, in the words of `Problem`'s docstring."""
    if isinstance(error.errno, int) and error.errno in _REASONS:
        return _REASONS[error.errno]
    return clean_line(error.strerror or str(error) or type(error).__name__)


def _stat_reason(error: OSError, path: Path) -> str:
    """Why a path found while scanning could not be stat-ed."""
    if error.errno == errno.ENOENT:
        if os.path.islink(path):
            return "dangling symlink (its target does not exist)"
        return "not found (removed while scanning?)"
    return _os_reason(error)


def _read_reason(error: OSError) -> str:
    """Why a file the scan had found could not be read."""
    if error.errno == errno.ENOENT:
        return "removed while reading"
    return _os_reason(error)
