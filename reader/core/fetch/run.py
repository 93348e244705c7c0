"""`fetch_all`: bring every subscription's new entries into the library.

The one entry point for `reader fetch` and the app: it never prints, it reports by
`on_event` (called in the caller's thread, from inside the run) and returns a
`FetchReport`; `cancel` (a `threading.Event`) stops it at the next await, keeping
what was written. A feed that fails keeps its old articles and never stops the
others.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.fetch.http import FetchError, Http, Politeness, http_url
from reader.core.fetch.store import (
    FeedMemory,
    FetchState,
    fetch_lock,
    load_state,
    save_state,
)
from reader.core.fetch.writer import (
    fetched_page_text,
    file_stem,
    html_file,
    markdown_file,
    write_new,
)
from reader.core.formats.base import MAX_ARTICLE_BYTES, NotArticle, Page
from reader.core.formats.feeds import MAX_FEED_BYTES, parse_feed
from reader.core.identity import listed_id
from reader.core.paths import news_path
from reader.core.subscriptions import Subscription, SubscriptionError, SubscriptionFile
from reader.core.wording import count

# What a feed's fetch ended as (`FeedResult.status`).
FETCHED = "fetched"  # new entries written
UNCHANGED = "unchanged"  # 304, or nothing new in it
FAILED = "failed"
GONE = "gone"  # 410 this time: marked gone (the run fails)
WAS_GONE = "gone before"  # found gone by an earlier run: skipped (not a failure)
CANCELLED = "cancelled"
OK_STATUSES = (FETCHED, UNCHANGED, WAS_GONE)

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
WRITERS = 16  # threads writing (and fsyncing) article files
SAVE_EVERY = 2.0  # seconds: the state is saved this often while fetching, and at the end


@dataclass(frozen=True, slots=True)
class FetchOptions:
    politeness: Politeness = field(default_factory=Politeness)
    full: bool | None = None  # None: each feed's own setting (default: fetch the pages)
    max_feed_bytes: int = MAX_FEED_BYTES
    max_page_bytes: int = MAX_ARTICLE_BYTES


@dataclass(frozen=True, slots=True)
class FeedResult:
    name: str
    url: str
    status: str  # one of FETCHED, UNCHANGED, FAILED, GONE, WAS_GONE, CANCELLED
    new: int = 0  # articles written
    bytes: int = 0  # received (compressed), pages included
    reason: str = ""  # why it failed
    moved_to: str | None = None  # a permanent redirect: the URL now stored
    files: tuple[Path, ...] = ()
    page_failures: int = 0  # pages that could not be fetched: their summary was written

    @property
    def ok(self) -> bool:
        return self.status in OK_STATUSES


@dataclass(frozen=True, slots=True)
class FetchEvent:
    """Progress: `kind` is "start" (before any request), "article" (`path` written, for
    feed `feed`), "feed" (`result` finished) or "end". The counts are the run's so far."""

    kind: str
    done: int
    total: int
    new: int
    bytes: int
    feed: str = ""
    path: Path | None = None
    result: FeedResult | None = None


@dataclass(frozen=True, slots=True)
class FetchReport:
    results: tuple[FeedResult, ...]
    library: Path
    notices: tuple[str, ...] = ()
    cancelled: bool = False

    def count(self, *statuses: str) -> int:
        return sum(1 for r in self.results if r.status in statuses)

    @property
    def new(self) -> int:
        return sum(r.new for r in self.results)

    @property
    def bytes(self) -> int:
        return sum(r.bytes for r in self.results)

    @property
    def ok(self) -> bool:
        return not self.cancelled and all(r.ok for r in self.results)

    def tally(self, *failed: str) -> str:
        """ "12 feeds: 10 fetched, 1 unchanged, 1 failed; 44 new articles", counting
        the statuses `failed` as failed (the CLI counts a cancelled feed in, the app
        says it apart), with "N gone" for feeds an earlier fetch found gone."""
        parts = [
            f"{self.count(FETCHED)} fetched",
            f"{self.count(UNCHANGED)} unchanged",
            f"{self.count(*failed)} failed",
        ]
        if gone := self.count(WAS_GONE):
            parts.append(f"{gone} gone")
        return (
            f"{count(len(self.results), 'feed')}: {', '.join(parts)}; "
            f"{count(self.new, 'new article')}"
        )


OnEvent = Callable[[FetchEvent], None]


def fetch_all(
    subscriptions: Sequence[Subscription],
    library: Path,
    *,
    state_path: Path,
    subscriptions_path: Path | None = None,
    options: FetchOptions | None = None,
    on_event: OnEvent | None = None,
    cancel: threading.Event | None = None,
    today: dt.date | None = None,
) -> FetchReport:
    """Fetch `subscriptions` into `library` (each feed in its sub-folder named after
    it). Blocking: run it in a worker thread from a UI. Raises `FetchStateError` when
    another fetch runs or the state is a newer reader's; every other problem is a
    feed's result. A permanent redirect updates the URL in `subscriptions_path`."""
    options = options or FetchOptions()
    with fetch_lock(state_path):
        state = load_state(state_path)
        run = _Run(library, state, state_path, options, on_event, cancel, today)
        try:
            results = asyncio.run(run.all(subscriptions))
        finally:
            save_state(state_path, state)  # what was written is remembered, whatever happens
        notices = [state.notice] if state.notice else []
        moved = [r for r in results if r.moved_to]
        if moved and subscriptions_path is not None:
            notices.extend(_store_moves(subscriptions_path, moved))
    report = FetchReport(tuple(results), library, tuple(notices), run.cancelled)
    if on_event is not None:
        on_event(FetchEvent("end", len(results), len(results), report.new, report.bytes))
    return report


def fetch_library(configured: Path | None, given: Path | None = None) -> Path:
    """Where fetched articles go: `given` (--library), else the configured library
    (config.toml's `library`), else the `news` folder in the user's data folder."""
    if given is not None:
        return given.expanduser()
    return configured or news_path()


def _store_moves(path: Path, moved: list[FeedResult]) -> list[str]:
    try:
        file = SubscriptionFile(path)
        for result in moved:
            found = file.find(result.name)
            # Unless the user changed the URL meanwhile.
            if result.moved_to and found is not None and found.url == result.url:
                file.set_url(result.name, result.moved_to)
        file.save()
    except (OSError, SubscriptionError) as error:
        return [f"the feeds' new URLs could not be saved: {error}"]
    return []


class _Run:
    def __init__(
        self,
        library: Path,
        state: FetchState,
        state_path: Path,
        options: FetchOptions,
        on_event: OnEvent | None,
        cancel: threading.Event | None,
        today: dt.date | None,
    ) -> None:
        self.library = library
        self.state = state
        self.state_path = state_path
        self.options = options
        self.on_event = on_event
        self.cancel = cancel
        self.today = (today or dt.date.today()).isoformat()
        self.done = self.total = self.new = self.bytes = 0
        self.cancelled = False
        self.writers = ThreadPoolExecutor(WRITERS, "reader-fetch-write")
        self.saved = time.monotonic()

    def emit(self, kind: str, **fields: object) -> None:
        if self.on_event is not None:
            event = FetchEvent(kind, self.done, self.total, self.new, self.bytes, **fields)  # type: ignore[arg-type]
            self.on_event(event)

    async def all(self, subscriptions: Sequence[Subscription]) -> list[FeedResult]:
        self.total = len(subscriptions)
        self.emit("start")
        results: dict[str, FeedResult] = {}
        try:
            await self.fetch(subscriptions, results)
        finally:
            self.writers.shutdown(wait=True)
        return [
            results.get(sub.name) or FeedResult(sub.name, sub.url, CANCELLED)
            for sub in subscriptions
        ]

    async def fetch(
        self, subscriptions: Sequence[Subscription], results: dict[str, FeedResult]
    ) -> None:
        async with Http(self.options.politeness) as http:
            tasks = [asyncio.create_task(self.one(http, sub, results)) for sub in subscriptions]
            watcher = asyncio.create_task(self.watch_cancel(tasks))
            await asyncio.gather(*tasks, return_exceptions=True)
            watcher.cancel()

    async def watch_cancel(self, tasks: list[asyncio.Task[None]]) -> None:
        if self.cancel is None:
            return
        while not self.cancel.is_set():
            await asyncio.sleep(0.05)
        self.cancelled = True
        for task in tasks:
            task.cancel()

    async def one(self, http: Http, sub: Subscription, results: dict[str, FeedResult]) -> None:
        memory = self.state.feed(sub.name)
        try:
            result = await self.feed(http, sub, memory)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # one bad feed never stops the others
            result = FeedResult(sub.name, sub.url, FAILED, reason=f"internal error: {error!r}")
        memory.last_fetch = time.time()
        if result.status != WAS_GONE:
            memory.result = result.status
            memory.reason = result.reason
        results[sub.name] = result
        self.done += 1
        self.emit("feed", feed=sub.name, result=result)
        if time.monotonic() - self.saved > SAVE_EVERY:
            self.saved = time.monotonic()
            save_state(self.state_path, self.state)

    async def feed(self, http: Http, sub: Subscription, memory: FeedMemory) -> FeedResult:
        if memory.url != sub.url:  # a new subscription, or the user changed its URL
            memory.url, memory.etag, memory.last_modified, memory.gone = sub.url, None, None, False
        if memory.gone:
            return FeedResult(sub.name, sub.url, WAS_GONE, reason="HTTP 410 (gone)")
        headers = {}
        if memory.etag:
            headers["If-None-Match"] = memory.etag
        if memory.last_modified:
            headers["If-Modified-Since"] = memory.last_modified
        try:
            response = await http.get(
                sub.url, headers, max_bytes=self.options.max_feed_bytes, accept=FEED_ACCEPT
            )
        except FetchError as error:
            if error.status == 410:
                memory.gone = True
                return FeedResult(sub.name, sub.url, GONE, reason=str(error))
            return FeedResult(sub.name, sub.url, FAILED, reason=str(error))
        self.bytes += response.wire_bytes
        moved = response.moved_to
        if moved:
            memory.url = moved
        if response.status == 304:
            return FeedResult(sub.name, sub.url, UNCHANGED, 0, response.wire_bytes, moved_to=moved)
        try:
            # Parsed in a thread: the other feeds' requests go on meanwhile.
            pages = await asyncio.to_thread(
                parse_feed, response.body, sub.name, False, base_url=response.url
            )
        except NotArticle as error:
            return FeedResult(
                sub.name, sub.url, FAILED, 0, response.wire_bytes, str(error), moved_to=moved
            )
        folder = self.library / sub.name
        if not memory.seen:
            memory.seen = seen_in_folder(folder, self.today)
        fresh: list[tuple[str, Page]] = []
        for page in pages:
            id_ = page_id(page)
            if id_ in memory.seen:
                memory.seen[id_][1:] = [self.today]
            elif all(id_ != other for other, _ in fresh):
                fresh.append((id_, page))
        full = self.options.full if self.options.full is not None else sub.full is not False
        writes = [self.write(http, sub, folder, id_, page, full, memory) for id_, page in fresh]
        outcomes = await asyncio.gather(*writes, return_exceptions=True)
        files = [o[0] for o in outcomes if isinstance(o, tuple)]
        wire = response.wire_bytes + sum(o[1] for o in outcomes if isinstance(o, tuple))
        page_failures = sum(1 for o in outcomes if isinstance(o, tuple) and o[2])
        errors = [o for o in outcomes if isinstance(o, BaseException)]
        memory.forget_old(dt.date.fromisoformat(self.today))
        if errors:
            if any(isinstance(e, asyncio.CancelledError) for e in errors):
                raise asyncio.CancelledError
            reason = f"could not write: {errors[0]}"
            return FeedResult(
                sub.name, sub.url, FAILED, len(files), wire, reason, moved, tuple(files)
            )
        # Validators are kept only once every new entry is written: a run that failed
        # halfway gets the whole feed again next time.
        memory.etag = response.headers.get("etag")
        memory.last_modified = response.headers.get("last-modified")
        status = FETCHED if files else UNCHANGED
        return FeedResult(
            sub.name, sub.url, status, len(files), wire, "", moved, tuple(files), page_failures
        )

    async def write(
        self,
        http: Http,
        sub: Subscription,
        folder: Path,
        id_: str,
        page: Page,
        full: bool,
        memory: FeedMemory,
    ) -> tuple[Path, int, bool]:
        """Write one entry: (its file, bytes received for it, whether its page failed)."""
        source = page.source or sub.name
        guid = page.identity
        stem = file_stem(page)
        wire = 0
        failed = False
        if full and page.summary and page.url and http_url(page.url):
            try:
                response = await http.get(
                    page.url, max_bytes=self.options.max_page_bytes, accept=PAGE_ACCEPT
                )
                wire = response.wire_bytes
                self.bytes += wire
                text = fetched_page_text(response.body, response.headers.get("content-type", ""))
            except Exception:  # FetchError, or a link httpx cannot use: keep the summary
                text, failed = None, True
            if text is not None:
                payload = html_file(page, text, source=source, guid=guid, url=page.url)
                # Written (and fsynced) in a thread: the requests go on meanwhile.
                path = await self.write_file(folder, stem, ".html", payload)
                return self.wrote(sub, memory, id_, path, wire, failed)
            failed = True
        payload = markdown_file(page, source=source, guid=guid)
        path = await self.write_file(folder, stem, ".md", payload)
        return self.wrote(sub, memory, id_, path, wire, failed)

    async def write_file(self, folder: Path, stem: str, suffix: str, payload: bytes) -> Path:
        """`write_new` in a writer thread: the requests go on meanwhile, and the fsyncs
        of several threads share the file system's journal commits."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.writers, write_new, folder, stem, suffix, payload)

    def wrote(
        self, sub: Subscription, memory: FeedMemory, id_: str, path: Path, wire: int, failed: bool
    ) -> tuple[Path, int, bool]:
        memory.seen[id_] = [path.name, self.today]
        self.new += 1
        self.emit("article", feed=sub.name, path=path)
        return path, wire, failed


def page_id(page: Page) -> str:
    """The id the library gives the file written for `page` (and the feed reader gives
    the entry): `listed_id`, as the scan makes it."""
    return listed_id(page.title, page.date, page.identity, page.id_title)


def seen_in_folder(folder: Path, today: str) -> dict[str, list[str]]:
    """The ids of the articles already in a feed's folder: what a fetch without a
    memory of the feed (its first, or after the state was lost) must not write again."""
    if not folder.is_dir():
        return {}
    from reader.core.library import Problem, find_files, read_articles
    from reader.core.textio import NotText

    seen: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for candidate in find_files([folder], problems):
        try:
            articles = read_articles(candidate)
        except (OSError, NotText):
            continue
        for article in articles:
            seen.setdefault(article.id, [Path(article.path).name, today])
    return seen


def probe_feed(url: str, politeness: Politeness | None = None) -> tuple[str | None, str]:
    """(the feed's title, the URL to store: its new one after permanent redirects),
    for `reader feed add`. Raises `FetchError`, or `NotArticle` when it is no feed."""

    async def get() -> tuple[bytes, str, str]:
        async with Http(politeness) as http:
            response = await http.get(url, max_bytes=MAX_FEED_BYTES, accept=FEED_ACCEPT)
        return response.body, response.url, response.moved_to or url

    body, final, stored = asyncio.run(get())
    pages = parse_feed(body, "feed", False, base_url=final)
    title = next((page.feed for page in pages if page.feed), None) or _feed_title(body)
    return title, stored


def _feed_title(body: bytes) -> str | None:
    """The title of a feed without entries (parse_feed gives entries only)."""
    import re

    from reader.core.formats.base import optional_line

    match = re.search(rb"<title[^>]{0,200}>([^<]{1,2000})</title>", body[:65536])
    if match is None:
        match = re.search(rb'"title"\s*:\s*"([^"\\]{1,2000})"', body[:65536])
    if match is None:
        return None
    import html

    return optional_line(html.unescape(match.group(1).decode("utf-8", "replace")))
