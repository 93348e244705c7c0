"""Find the article files of a library and read their metadata.

A library is a folder: each first-level sub-folder is a feed, files in the root
form a feed named after the root. Files and folders can also be named directly.
Nothing here raises for a bad file: it is skipped and reported as a `Problem`.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import suppress
from dataclasses import dataclass, field, replace
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from reader.core.formats import (
    DEFAULT,
    HEAD_BYTES,
    SUFFIXES,
    EntryGone,
    Page,
    file_kind,
    format_for,
    is_article_name,
    read_head,
    refuse_empty,
)
from reader.core.formats.base import Format, Listed
from reader.core.found_date import find_date
from reader.core.identity import article_id, listed_id, normalise_title
from reader.core.models import (
    ORDER_KEY,
    Article,
    Row,
    iso_text,
    merge_sorted,
    order_stamp,
    parse_iso_date,
)
from reader.core.sanitize import clean_line
from reader.core.textio import NotText, decode
from reader.core.workers import worker_context
from reader.core.workers import worker_count as worker_count  # (its home was here)

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# Deeper trees than this are almost certainly a mistake (or a loop of bind mounts).
MAX_DEPTH = 32
# Files read per task of a scan worker process: big enough that sending the task and
# its rows costs little next to reading them, small enough that rows arrive often.
CHUNK = 1000
# Niceness a scan worker adds to the app's: the app's own process (the walk, taking the
# workers' rows, sorting and painting them) is the longest chain of a first scan, and with
# two workers on two cores it got only two thirds of a core (first start of 100,000
# articles, paired runs: complete list 8-11% sooner at +5; +10 starved the workers).
WORKER_NICE = 5
# Below this many files to read, starting worker processes (a Python start and the
# parser's imports each, ~0.2 s) costs more than it saves.
PARALLEL_MIN = 4 * CHUNK
# Cached rows from which a warm scan has its files checked by a process of its own
# (`reader.core.warm_check`): below, starting one (a Python start and the scan's
# imports, 0.2-0.8 s of the other core) costs more than the walk it takes off the
# app's process (about 9 microseconds a file).
CHECK_ELSEWHERE_MIN = 20_000
# Files a cold scan reads itself, as soon as the walk finds them, to show a first
# page of rows at once: the walk of a large library and the workers' start take
# seconds on a busy machine, and the list would stay empty meanwhile.
FIRST_BATCH = 200
# Rows shown per `batch_seconds` of wait between two batches of a cold scan: sorting and
# showing a batch costs in proportion to the rows so far, so the wait grows with them
# (at 100,000 rows a batch every 2 s, not every 0.5 s: the sorts alone were 0.2 s of CPU).
BATCH_ROWS = 25_000
# Rows read after the list was last sorted that the end of a scan puts in their places
# one by one (`merge_sorted`), not by sorting the whole list again: a binary search
# each costs less than reading every row's key up to a few thousand of them.
MERGE_ROWS = 4 * CHUNK
# An undated file's date is looked for in this much of what the scan read: the probe of
# a .txt (2 KiB) whole, the first part of a Markdown file's head.
FIND_BYTES = 2048


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
    listed: bool = False  # the file is listed all the same: `reason` is a warning

    @property
    def display_path(self) -> str:
        """The path made safe to print (controls stripped, one line)."""
        return clean_line(str(self.path)) or "?"

    def __str__(self) -> str:
        if self.listed:
            return f"{self.display_path}: {self.reason} (listed all the same)"
        return f"{self.display_path}: {self.reason}"


class Candidate(NamedTuple):
    """An article file found on disk, before it is read.

    `mtime` and `size` are -1 when the walk did not stat the file: a cold scan
    reads every file anyway, and the read's own `fstat` gives them. `in_root`: the
    file lies in a library's root (or was named itself), where `feed` is the root's
    name; a feed file there names its feed with its own title.
    """

    path: str
    feed: str
    mtime: float = -1.0
    size: int = -1
    in_root: bool = False


@dataclass(slots=True)
class Library:
    """The result of a scan: articles newest first, plus the files that were skipped."""

    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    folders: list[str] = field(default_factory=list)  # every folder listed, roots first


def find_files(
    paths: Iterable[Path],
    problems: list[Problem],
    *,
    stat_files: bool = True,
    folders: list[str] | None = None,
    delegate: Delegate | None = None,
) -> Iterator[Candidate]:
    """Every article file below `paths`, with the feed it belongs to (no reads).

    Without `stat_files`, regular files are known from the folder listing alone
    (only symlinks and odd file systems are stat-ed), which saves a system call
    per file when every file is going to be read anyway. `folders` receives every
    folder listed (what a watcher has to watch). A folder below a root that
    `delegate(folder, feed, depth, root_feed)` takes is not walked here: the caller
    has it walked elsewhere (a first scan's workers: `walk_task`).
    """
    for root in paths:
        try:
            info = root.stat()
        except OSError as error:
            problems.append(Problem(root, _stat_reason(error, root)))
            continue
        if stat.S_ISDIR(info.st_mode):
            walk = _Walk(display_name(root.resolve()), problems, stat_files, folders, delegate)
            yield from walk.folder(os.fspath(root), None, 0)
        elif is_article_name(root.name):
            feed = display_name(root.resolve().parent)
            candidate = _candidate(os.fspath(root), feed, info, problems, in_root=True)
            if candidate:
                yield candidate
        else:
            problems.append(Problem(root, unknown_type(root.name)))


def locate(file: str | os.PathLike[str], roots: Iterable[Path]) -> Candidate | None:
    """The candidate for one changed file (from a watcher), or None if it is no article.

    The feed is worked out exactly as a full scan would (first folder below the root).
    The file's new rows are `read_articles(candidate)`: they replace every row whose
    `path` is the file's (a file of several entries has several). Raises OSError
    when the file cannot be stat-ed (e.g. removed meanwhile).
    """
    path = os.fspath(file)
    for root in roots:
        if path == os.fspath(root):
            feed = display_name(root.resolve().parent)
            in_root = True
        else:
            try:
                parts = Path(path).relative_to(root).parts
            except ValueError:
                continue
            if any(part.startswith(".") for part in parts):
                return None
            feed = display_name(root.resolve() if len(parts) == 1 else root / parts[0])
            in_root = len(parts) == 1
        if not is_article_name(os.path.basename(path)):
            return None
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        return Candidate(path, feed, info.st_mtime, info.st_size, in_root)
    return None


def read_articles(candidate: Candidate) -> list[Article]:
    """Read just enough of a file for its list rows: one per entry (a file that is one
    article has one), from the header or front matter.

    Size and mtime are those of the file as read, not as the scan found it: a file
    rewritten in between is cached under its new signature, with its new title.
    Raises OSError (`NotRegularFile` if it is no longer a regular file) or `NotText`.
    """
    rows: list[Row] = []
    read_rows(candidate, rows)
    return list(map(Article.from_row, rows))


def read_article(candidate: Candidate) -> Article:
    """`read_articles`' first row: the article of a file that is one article.
    Raises as `read_articles`, or `EntryGone` for a file without entries."""
    rows: list[Row] = []
    read_rows(candidate, rows)
    if not rows:
        raise EntryGone(candidate.path, "")
    return Article.from_row(rows[0])


def read_rows(candidate: Candidate, rows: list[Row]) -> None:
    """`read_articles` as plain values (which a worker process sends back cheaply),
    appended to `rows`: nothing is allocated per file but its row."""
    path, feed, in_root = candidate.path, candidate.feed, candidate.in_root
    fmt = format_for(path)
    if fmt is None:  # a suffix several formats claim: the head tells
        data, truncated, info = read_head(path, HEAD_BYTES, known_regular=True)
        fmt = format_for(path, data) or DEFAULT
        if fmt.probe_bytes > HEAD_BYTES:
            data, truncated, info = read_head(path, fmt.probe_bytes, known_regular=True)
    else:
        data, truncated, info = read_head(path, fmt.probe_bytes, known_regular=True)
    header = fmt.header
    if header is not None and (found := header(data)) is not None:
        title, date = found  # the common case, without decoding the page
        date_text = iso_text(date) if date else None
        id_ = article_id(title, date)
        size, mtime, name = info.st_size, info.st_mtime, fmt.name
        seen = None if date else _found_date(data, truncated, fmt)
        row = (path, size, mtime, id_, feed, title, date_text, name, None, None, (), "", seen, "")
        rows.append(row)
        return
    refuse_empty(data, truncated)
    lister = fmt.row
    if lister is None:
        pages = fmt.entries(data, path, truncated=truncated, scan=True)
    elif isinstance(listed := lister(data, path, truncated), tuple):
        # a file that is one article, its row without its page
        seen = None if listed[1] else _found_date(data, truncated, fmt)
        size, mtime = info.st_size, info.st_mtime
        rows.append(_listed_row(listed, path, size, mtime, feed, fmt.name, "", seen))
        return
    else:
        pages = listed
    undated = not pages or pages[0].date is None
    if truncated and undated and len(data) < fmt.head_bytes and not _has_line(data):
        # No header and no complete line in the probe: read as much as a header gets.
        data, truncated, info = read_head(path, fmt.head_bytes, known_regular=True)
        pages = fmt.entries(data, path, truncated=truncated, scan=True)
    size, mtime = info.st_size, info.st_mtime
    for page in pages:
        # A file that is one article may say its date in the text the scan has read.
        seen = _found_date(data, truncated, fmt) if page.date is None and not page.entry else None
        rows.append(_page_row(page, path, size, mtime, (in_root and page.feed) or feed, seen))


def _page_row(
    page: Page, path: str, size: int, mtime: float, feed: str, found: str | None = None
) -> Row:
    listed = (page.title, page.date, page.url, page.source, page.tags, page.identity, page.warning)
    return _listed_row(
        listed, path, size, mtime, feed, page.format, page.entry, found, page.id_title
    )


def _listed_row(
    listed: Listed,
    path: str,
    size: int,
    mtime: float,
    feed: str,
    fmt: str,
    entry: str,
    found: str | None,
    id_title: str | None = None,
) -> Row:
    """The row of an article whose fields are `listed` (a page's, or `Format.row`'s).
    `id_title`: the title its id is made of when it is not the one shown
    (`Page.id_title`: a page shown without its site's name keeps its id)."""
    title, date, url, source, tags, identity, warning = listed
    id_ = listed_id(title, date, identity, id_title)
    date_text = iso_text(date) if date else None
    return (
        path, size, mtime, id_, feed, title, date_text, fmt, url, source, tags, entry, found,
        warning or "",
    )  # fmt: skip


def _found_date(data: bytes, truncated: bool, fmt: Format) -> str | None:
    """The date found in the first `FIND_BYTES` of an undated file (of the text its
    format says a reader sees: `Format.dated_text`), as ISO text: for sorting and
    display only (the id never uses it, see `found_date`)."""
    if fmt.dated_text is not None:
        text = fmt.dated_text(data, truncated)
    else:
        try:
            text = decode(data[:FIND_BYTES], partial=truncated or len(data) > FIND_BYTES)
        except NotText:
            return None
    found = find_date(text)
    return found.isoformat() if found else None


def _has_line(data: bytes) -> bool:
    """Whether a complete non-empty line (a title candidate) is in `data`."""
    return any(line.strip() for line in data.split(b"\n")[:-1])


def scan(
    paths: Iterable[Path],
    cached: Iterable[Article] = (),
    *,
    on_batch: Callable[[list[Article]], None] | None = None,
    batch_seconds: float = 0.5,
    should_stop: Callable[[], bool] = lambda: False,
    workers: int = 1,
    known_file: tuple[Path, str] | None = None,
) -> Library:
    """Find and read every article under `paths`, newest first.

    `cached` rows (in list order, as a session holds them) are reused for files whose
    size and mtime are unchanged (every row of a file of several entries), so a warm
    scan only stats files; a file that changed gets all its rows anew, a file that is
    gone loses them all. When every cached row is reused and no other is found, the
    result is `cached` in its own order: nothing is sorted (at a million rows the sort's
    keys were 190 MiB for a moment, the app's peak). `on_batch`
    receives the sorted rows found so far, first as soon as there are any and then
    every `batch_seconds` (longer once there are more than `BATCH_ROWS`), so a caller
    can show a large library while it is still read. With `workers` > 1, many files to read are
    shared among that many processes (reading and parsing is CPU-bound Python:
    threads would not help); with no cached rows, once those run they also walk the
    folders the scan has not entered (`_Reader.add_folder`).

    `known_file`: the metadata cache file and the generation `cached` was read from.
    A large library is then checked against it by a process of its own
    (`reader.core.warm_check`), and this process only reads what changed.
    """
    cached = cached if isinstance(cached, Sequence) else list(cached)
    if known_file is not None and workers > 1 and len(cached) >= CHECK_ELSEWHERE_MIN:
        checked = _scan_checked(paths, cached, known_file, should_stop, workers)
        if checked is not None:
            return checked
    # A file of several entries: its last one. Taken out once reused, so that a file the
    # walk finds twice (overlapping paths) is read the second time, never reused twice.
    known = {a.path: a for a in cached}
    reused = 0  # rows taken from `cached`
    files: dict[str, list[Article]] | None = None  # built if a file has several
    library = Library()
    found: list[Article] = []
    with _Reader(workers, should_stop) as reader:
        listing = find_files(
            paths,
            library.problems,
            stat_files=bool(known),
            folders=library.folders,
            # (a warm scan stats files: nothing for the workers to read)
            delegate=None if known else reader.add_folder,
        )
        early: Task | None = [] if on_batch is not None else None
        last_batch = 0.0

        ordered = True  # every row in `found` has its `order` set: sorting calls no Python
        # What the end of a first scan, alone on one core once the workers are done, need
        # not do again over every row: `found[:in_order]` is sorted already (by a batch,
        # or while the scan waited for its last chunks: `sort_while_waiting`), the ids of
        # the rows read are known (their column, at C speed), and so is whether any row
        # has a warning.
        in_order = 0
        ids: set[str] = set()
        warned = False

        def add(columns: Sequence[Sequence[Any]], stamps: list[float]) -> None:
            nonlocal warned
            found.extend(Article.from_row_columns(columns, stamps))
            ids.update(columns[3])
            warned = warned or any(columns[13])

        def take(results: Iterable[Walked]) -> None:
            nonlocal last_batch, in_order
            for (columns, stamps, failed), problems, folders in results:
                if stamps:
                    add(columns, stamps)
                library.problems.extend(problems)
                library.problems.extend(Problem(Path(path), reason) for path, reason in failed)
                library.folders.extend(folders)
                wait = batch_seconds * max(1.0, len(found) / BATCH_ROWS)
                if on_batch is not None and time.monotonic() - last_batch >= wait:
                    # sorted runs: timsort merges them
                    found.sort(key=ORDER_KEY if ordered else _order)
                    in_order = len(found)
                    on_batch(list(found))
                    last_batch = time.monotonic()

        def sort_while_waiting(tasks_left: int) -> None:
            """(the scan is about to wait for a chunk) Once only the last chunks are
            being read, sort what has come: the scan's thread would idle meanwhile, and
            the rows of those last chunks then find their places by binary search."""
            nonlocal in_order
            if ordered and tasks_left <= reader.workers and len(found) - in_order > CHUNK:
                found.sort(key=ORDER_KEY)
                in_order = len(found)

        for candidate in listing:
            article = _reuse(known.pop(candidate.path, None), candidate) if known else None
            if article is None:
                if early is None:
                    reader.add(candidate)
                    if reader.count % CHUNK == 0:
                        take(reader.results(wait=False))
                    continue
                early.append((candidate.path, candidate.feed, candidate.in_root))
                if len(early) >= FIRST_BATCH and on_batch is not None:
                    columns, stamps, failed = read_task(early)
                    if stamps:
                        add(columns, stamps)
                    library.problems.extend(Problem(Path(p), r) for p, r in failed)
                    if found:
                        found.sort(key=ORDER_KEY if ordered else _order)
                        in_order = len(found)
                        on_batch(list(found))
                        last_batch = time.monotonic()
                    early = None
            elif not article.entry:
                found.append(article)
                warned = warned or bool(article.warning)
                reused += 1
                ordered = False
            else:  # all the entries of the file, unchanged with it
                if files is None:
                    files = _entries_by_file(cached)
                entries = files[article.path]
                found.extend(entries)
                warned = warned or any(a.warning for a in entries)
                reused += len(entries)
                ordered = False
        for path, feed, in_root in early or ():  # a library smaller than a first batch
            reader.add(Candidate(path, feed, in_root=in_root))
        if early is not None:
            last_batch = 0.0
        take(reader.results(idle=sort_while_waiting))
        # Only looked for when a row has a warning (read or reused).
        library.problems.extend(_warnings(found if warned else ()))
    if reused == len(found) == len(cached):  # every cached row, unchanged, and no other
        library.articles = list(cached)
        return library
    # Every row read, each id once: no namesakes (`separate_namesakes` without its pass).
    articles = found if not reused and len(ids) == len(found) else separate_namesakes(found)
    if ordered and articles is found:  # no namesakes renamed: every order is set
        if in_order and len(found) - in_order <= MERGE_ROWS:
            articles = merge_sorted(found, in_order)
        else:
            found.sort(key=ORDER_KEY)
    else:
        articles = sort_articles(articles)
    library.articles = articles
    return library


def _scan_checked(
    paths: Iterable[Path],
    cached: Sequence[Article],
    known_file: tuple[Path, str],
    should_stop: Callable[[], bool],
    workers: int,
) -> Library | None:
    """`scan` of a library whose cached rows a child process checks (`WarmCheck`):
    the same result, this process reading only the files the child finds new or
    changed. None when the child cannot start, dies, or finds the cache file holding
    other rows: the caller then checks the files itself."""
    from reader.core.warm_check import WarmCheck

    library = Library()
    read: list[Article] = []
    drop: set[str] = set()
    done = False

    def take(results: Iterable[Walked]) -> None:
        for (columns, stamps, failed), problems, _folders in results:
            if stamps:
                read.extend(Article.from_row_columns(columns, stamps))
            library.problems.extend(problems)
            library.problems.extend(Problem(Path(path), reason) for path, reason in failed)

    try:
        check = WarmCheck(list(paths), *known_file)
    except OSError:  # no processes here (a process limit...)
        return None
    with check, _Reader(workers, should_stop) as reader:
        for message in check.messages(should_stop):
            if message[0] == "stale":
                return None
            if message[0] == "done":
                walk_problems, folders = message[1:]
                library.problems[:0] = walk_problems  # the walk's come first, as in `scan`
                library.folders.extend(folders)
                done = True
                break
            for candidate in message[1]:
                reader.add(candidate)
            drop.update(message[2])
            take(reader.results(wait=False))
        if not done:
            return library if should_stop() else None
        take(reader.results())
    found = [a for a in cached if a.path not in drop] if drop else list(cached)
    found.extend(read)
    library.problems.extend(_warnings(found))
    if not drop and not read:  # every cached row, unchanged, and no other
        library.articles = found
    else:
        library.articles = sort_articles(separate_namesakes(found))
    return library


def _warnings(rows: Iterable[Article]) -> Iterator[Problem]:
    """The files read in spite of a problem (cached or not), once each, in the order of
    `rows` (the list's as it stands): listed all the same, with their warning."""
    seen: set[str] = set()
    for article in rows:
        if article.warning and article.path not in seen:
            seen.add(article.path)
            yield Problem(Path(article.path), article.warning, True)


Task = list[tuple[str, str, bool]]  # (path, feed, in_root) of the files to read
Result = tuple[Sequence[Sequence[Any]], list[float], list[tuple[str, str]]]
"""A task's rows as columns (`zip(*rows)`, for `Article.from_row_columns`), each row's
`order_stamp`, and (path, reason) of the files that could not be read: cheap to send
back from a worker process (one tuple per field, not one per row)."""
FolderJob = tuple[str, str, int, str, int, int]
"""A folder a first scan hands to a worker: (folder, feed, depth, the root's feed,
part, parts): the `part`-th of `parts` slices of its sorted entries."""
Walked = tuple[Result, list[Problem], list[str]]
"""A job's rows, the problems its walk met and the folders it listed (none for a
chunk of files the scan's own walk found)."""
Delegate = Callable[[str, str, int, str], bool]
"""Takes a folder's walk off the scan's own: (folder, feed, depth, the root's feed)."""


class _Reader:
    """Reads the files a walk finds, a chunk at a time, in worker processes once there
    are enough of them: the workers start (and read) while the walk goes on. Once they
    run, the folders the walk has not entered yet are theirs to walk too
    (`add_folder`): a first scan's process then neither lists nor sends those files,
    and both cores go to reading them."""

    def __init__(self, workers: int, should_stop: Callable[[], bool]) -> None:
        self.workers = workers
        self.should_stop = should_stop
        self.chunk: Task = []
        # Dropped as their results are taken: a chunk's rows are not held to the end.
        self.queued: deque[tuple[Task | FolderJob, Future[Walked] | None]] = deque()
        self.count = 0
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> _Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)

    def add(self, candidate: Candidate) -> None:
        self.chunk.append((candidate.path, candidate.feed, candidate.in_root))
        self.count += 1
        if len(self.chunk) >= CHUNK:
            self._queue()

    def add_folder(self, folder: str, feed: str, depth: int, root_feed: str) -> bool:
        """(a `Delegate`) Hand `folder` to the workers, walk and reads, in as many
        slices as there are workers (a library of one large folder a feed is shared
        out as evenly as one of many small ones); False until the workers run: the
        walk then enters it itself."""
        if self.pool is None:
            return False
        for part in range(self.workers):
            job = (folder, feed, depth, root_feed, part, self.workers)
            self.queued.append((job, self.pool.submit(walk_task, job)))
        return True

    def _queue(self) -> None:
        task, self.chunk = self.chunk, []
        if self.pool is None and self.workers > 1 and self.count >= PARALLEL_MIN:
            try:
                pool = self.pool = _start_pool(self.workers)
            except OSError:  # no processes here (no /dev/shm, a process limit...)
                self.workers = 1
            else:
                self.queued = deque((t, pool.submit(_run, t)) for t, _ in self.queued)
        self.queued.append((task, None if self.pool is None else self.pool.submit(_run, task)))

    def results(
        self, *, wait: bool = True, idle: Callable[[int], None] | None = None
    ) -> Iterator[Walked]:
        """Each job's rows and failures, in the order the walk found the files and
        folders, each given once. `wait=False` (while the walk goes on): only the jobs
        the workers have already done, so their rows are not all held until the walk
        ends (a million rows as the workers send them: 0.4 GB more at the peak of a
        first scan). `idle(jobs left)` is called before each wait for a worker's job:
        the caller's thread has nothing else to do then."""
        if wait and self.chunk:
            self._queue()
        while self.queued:
            job, future = self.queued[0]
            if not wait and (future is None or not future.done()):
                return
            if idle is not None and future is not None and not future.done():
                idle(len(self.queued))
            if self.should_stop():
                return
            self.queued.popleft()
            try:
                yield _run(job) if future is None else future.result()
            except Exception:  # a worker died (killed, out of memory): do it here
                yield _run(job)


def _run(job: Task | FolderJob) -> Walked:
    """A job done, by a worker or by the scan itself: a chunk of files to read, or a
    folder to walk and read (`walk_task`)."""
    if isinstance(job, list):
        return read_task(job), [], []
    return walk_task(job)


def walk_task(job: FolderJob) -> Walked:
    """A worker's share of a folder a first scan handed over: its slice of the
    folder's entries walked (every folder below them too) and their files read."""
    folder, feed, depth, root_feed, part, parts = job
    problems: list[Problem] = []
    folders: list[str] = []
    walk = _Walk(root_feed, problems, False, folders)
    result = _read_candidates(walk.folder(folder, feed, depth, part, parts))
    return result, problems, folders


def _start_pool(workers: int) -> ProcessPoolExecutor:
    # Imported here, not at start-up: only a large cold scan starts workers.
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import resource_tracker

    # The tracker of the pool's locks inherits our stderr, which must be the real one:
    # a running Textual app replaces sys.stderr with an object without a descriptor.
    resource_tracker.ensure_running()
    # A fork server (started already when the app began a first start: `workers`).
    context = worker_context()
    return ProcessPoolExecutor(workers, mp_context=context, initializer=silence)


def silence() -> None:
    """A scan worker (or the warm check's child) shares the terminal the UI draws on:
    nothing it writes may land there. It also runs at `WORKER_NICE`, behind the
    process it works for."""
    with suppress(OSError):
        os.nice(WORKER_NICE)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def read_task(task: Task) -> Result:
    """Rows of the files of `task` that could be read, and (path, reason) for those that
    could not: a worker process's task, so nothing here raises for a bad file."""
    return _read_candidates(_new_candidate((p, feed, -1.0, -1, r)) for p, feed, r in task)


def _read_candidates(candidates: Iterable[Candidate]) -> Result:
    """`read_task` of the files a walk found (`walk_task`: its candidates as they come,
    not made a `Task` first)."""
    rows, failed = _read_rows_of(candidates)
    # A dated row's stamp is its date's (a library has a few hundred dates): looked up.
    known: dict[str, float] = {}
    stamps: list[float] = []
    for row in rows:
        if text := row[6] or row[12]:
            stamp = known.get(text)
            if stamp is None:
                stamp = known[text] = order_stamp(parse_iso_date(text), 0.0)
        else:
            stamp = order_stamp(None, row[2])
        stamps.append(stamp)
    return tuple(zip(*rows, strict=True)), stamps, failed


def _iso(text: str | None) -> dt.date | None:
    return parse_iso_date(text) if text else None


def _read_rows_of(candidates: Iterable[Candidate]) -> tuple[list[Row], list[tuple[str, str]]]:
    rows: list[Row] = []
    failed: list[tuple[str, str]] = []
    for candidate in candidates:
        try:
            read_rows(candidate, rows)
        except NotText as error:
            failed.append((candidate.path, str(error)))
        except OSError as error:
            failed.append((candidate.path, _read_reason(error)))
        except Exception as error:  # a parser bug must cost one file, not the scan
            reason = f"could not be read ({type(error).__name__}: {error})"
            failed.append((candidate.path, clean_line(reason)[:200]))
    return rows, failed


def _entries_by_file(articles: Iterable[Article]) -> dict[str, list[Article]]:
    files: dict[str, list[Article]] = {}
    for article in articles:
        if article.entry:
            files.setdefault(article.path, []).append(article)
    return files


def _reuse(cached: Article | None, candidate: Candidate) -> Article | None:
    if cached is not None and unchanged(
        candidate, cached.size, cached.mtime, cached.feed, cached.format
    ):
        return cached
    return None


def unchanged(candidate: Candidate, size: int, mtime: float, feed: str, fmt: str) -> bool:
    """Whether a row cached of the file `candidate` (its file's `size` and `mtime`, its
    `feed` and format) still stands: the file is as it was and in the same feed (a
    feed file in a root names its feed itself)."""
    return (
        size == candidate.size
        and mtime == candidate.mtime
        and (feed == candidate.feed or (candidate.in_root and fmt == "feed"))
    )


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
    if len({a.id for a in articles}) == len(articles):
        return articles  # the usual case, found at C speed
    by_id: dict[str, list[Article]] = {}
    for article in articles:
        by_id.setdefault(article.id, []).append(article)
    renamed: dict[int, Article] = {}
    for group in by_id.values():
        if len(group) == 1:
            continue
        feeds = sorted({a.feed for a in group}, key=lambda f: (normalise_title(f), f))
        for article in group:
            if article.feed != feeds[0]:
                title = _id_title(article)
                new_id = article_id(title, article.date, normalise_title(article.feed))
                renamed[id(article)] = replace(article, id=new_id)
    return [renamed.get(id(a), a) for a in articles]


def _id_title(article: Article) -> str:
    """The title `article`'s id is made of: its own, but for a page shown without its
    site's name (`Page.id_title`), whose file is read again for it (a namesake's,
    rare: the same page in two feeds)."""
    if article.format != "html" or article.entry:
        return article.title
    fmt = format_for(article.path)
    if fmt is None:
        return article.title
    try:  # as the scan read it
        data, truncated, _ = read_head(article.path, fmt.probe_bytes)
        pages = fmt.entries(data, article.path, truncated=truncated, scan=True)
    except (OSError, NotText):
        return article.title
    page = pages[0] if pages else None
    if page is None or page.title != article.title or page.id_title is None:
        return article.title
    return page.id_title


class _Walk:
    """One recursive listing of a library folder, collecting problems as it goes."""

    def __init__(
        self,
        root_feed: str,
        problems: list[Problem],
        stat_files: bool,
        folders: list[str] | None,
        delegate: Delegate | None = None,
    ) -> None:
        self.root_feed = root_feed
        self.problems = problems
        self.stat_files = stat_files
        self.folders = [] if folders is None else folders
        self.delegate = delegate

    def folder(
        self, folder: str, feed: str | None, depth: int, part: int = 0, parts: int = 1
    ) -> Iterator[Candidate]:
        """The candidates below `folder`; with `parts` > 1, only those of the `part`-th
        slice of its sorted entries (a worker's share of a large folder)."""
        # (a folder's problem is said once: by the worker given its first slice)
        if depth > MAX_DEPTH:
            if part == 0:
                reason = f"folders nested more than {MAX_DEPTH} deep: not scanned further"
                self.problems.append(Problem(Path(folder), reason))
            return
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=_ENTRY_NAME)
        except OSError as error:
            if part == 0:
                self.problems.append(Problem(Path(folder), _stat_reason(error, Path(folder))))
            return
        listed = entries
        if parts > 1:
            entries = entries[len(listed) * part // parts : len(listed) * (part + 1) // parts]
        if part == 0:
            self.folders.append(folder)
        assets: set[str] | None = None
        in_root = feed is None
        # Per file, the common case (an article file, not stat-ed) calls no Python
        # function: a walk of 100,000 files is part of every cold start.
        file_feed = feed or self.root_feed
        stat_files = self.stat_files
        suffixes = SUFFIXES
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if name.endswith("_files"):
                        if assets is None:
                            assets = _page_stems(listed)
                        if name[: -len("_files")] in assets:
                            continue  # what a browser saved beside a page: no articles
                    sub_feed = feed or display_name(name)
                    delegate = self.delegate
                    if delegate is None or not delegate(
                        entry.path, sub_feed, depth + 1, self.root_feed
                    ):
                        yield from self.folder(entry.path, sub_feed, depth + 1)
                    continue
                dot = name.rfind(".")
                if dot <= 0 or name[dot:].lower() not in suffixes:  # not is_article_name
                    reason = unknown_type(name)
                    if entry.is_symlink() and entry.is_dir():
                        reason = "symlink to a folder: not followed"
                    self.problems.append(Problem(Path(entry.path), reason))
                    continue
                if not stat_files and entry.is_file(follow_symlinks=False):
                    yield _new_candidate((entry.path, file_feed, -1.0, -1, in_root))
                    continue
                info = entry.stat(follow_symlinks=True)
            except OSError as error:
                if is_article_name(entry.name):
                    path = Path(entry.path)
                    self.problems.append(Problem(path, _stat_reason(error, path)))
                continue
            candidate = _candidate(
                entry.path, feed or self.root_feed, info, self.problems, in_root=in_root
            )
            if candidate:
                yield candidate


def _page_stems(entries: list[os.DirEntry[str]]) -> set[str]:
    """The names (without suffix) of the files of a folder: `NAME_files/` beside
    `NAME.html` is that page's assets."""
    return {os.path.splitext(e.name)[0] for e in entries if "." in e.name}


def unknown_type(name: str) -> str:
    """Why a file of a name no format claims is not listed."""
    suffix = os.path.splitext(name)[1]
    what = f"({clean_line(suffix.lower())[:20]})" if suffix and suffix != name else "(no suffix)"
    return f"unknown type {what}: not a format the reader reads"


_ENTRY_NAME = attrgetter("name")
# `Candidate(path, feed, mtime, size, in_root)` without the Python-level `__new__`.
_new_candidate = partial(tuple.__new__, Candidate)


def _candidate(
    path: str, feed: str, info: os.stat_result, problems: list[Problem], *, in_root: bool = False
) -> Candidate | None:
    if not stat.S_ISREG(info.st_mode):
        problems.append(Problem(Path(path), f"not a regular file ({file_kind(info.st_mode)})"))
        return None
    return Candidate(path, feed, info.st_mtime, info.st_size, in_root)


def display_name(path: str | os.PathLike[str]) -> str:
    """A file or folder name fit for the screen (a feed's name, a fallback title)."""
    text = os.fspath(path)
    return clean_line(os.path.basename(text)) or clean_line(text) or "?"


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
