"""`reader feed add|list|remove|import|export` and `reader fetch`.

The work is the core's (`reader.core.subscriptions`, `reader.core.fetch`); this module
parses the command line and prints: a progress bar when stdout is a terminal, then
one line per feed that failed and a summary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from reader.cli import _parser  # the same --version as the other commands
from reader.core.config import ConfigError, load_config
from reader.core.fetch import (
    CANCELLED,
    FAILED,
    GONE,
    WAS_GONE,
    FetchEvent,
    FetchOptions,
    FetchReport,
    FetchStateError,
    fetch_all,
    fetch_library,
)
from reader.core.fetch.http import FetchError
from reader.core.fetch.store import fetch_lock, load_state, save_state
from reader.core.formats.base import NotArticle
from reader.core.paths import config_path, fetch_state_path, news_path, subscriptions_path
from reader.core.sanitize import clean_line
from reader.core.subscriptions import (
    Subscription,
    SubscriptionError,
    SubscriptionFile,
    check_name,
    check_url,
    free_name,
    import_opml,
    load_subscriptions,
    parse_opml,
    safe_name,
    to_opml,
)
from reader.core.wording import count

EXIT_USAGE = 2
MAX_OPML_INPUT = 8 * 1024 * 1024 + 1


class _Fail(Exception):
    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def _library_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library",
        type=Path,
        metavar="DIR",
        help=f"the library folder (default: `library` in config.toml, else {news_path()})",
    )


def _full_arg(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--full",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=f"{what} (--no-full: write the feed's summary as it is)",
    )


def _parse(parser: argparse.ArgumentParser, args: list[str]) -> argparse.Namespace:
    try:
        return parser.parse_args(args)
    except SystemExit as exit_:
        raise SystemExit(exit_.code) from None


def library_for(given: Path | None) -> Path:
    """Where articles go: --library, else config.toml's `library`, else the news folder."""
    if given is not None:
        return fetch_library(None, given)
    try:
        config = load_config(config_path())
    except ConfigError as error:
        raise _Fail(f"config: {error}") from error
    return fetch_library(config.library)


def main_feed(args: list[str]) -> int:
    parser = _parser(
        "reader feed",
        f"Manage subscriptions (kept in {subscriptions_path()}, which keeps your comments).",
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="subscribe to a feed URL")
    add.add_argument("url", metavar="URL")
    add.add_argument("--name", help="its name and folder (default: the feed's title)")
    _full_arg(add, "write each summary-only entry's linked page (the default)")
    listing = sub.add_parser("list", help="name, URL, last fetch, result, article count")
    _library_arg(listing)
    remove = sub.add_parser("remove", help="unsubscribe (the articles stay)")
    remove.add_argument("name", metavar="NAME")
    remove.add_argument(
        "--delete-files", action="store_true", help="delete the feed's folder of articles too"
    )
    _library_arg(remove)
    imp = sub.add_parser("import", help="subscribe to the feeds of an OPML file (- is stdin)")
    imp.add_argument("file", metavar="FILE")
    sub.add_parser("export", help="print the subscriptions as OPML")
    ns = _parse(parser, args)
    try:
        action = {
            "add": _feed_add,
            "list": _feed_list,
            "remove": _feed_remove,
            "import": _feed_import,
            "export": _feed_export,
        }[ns.action]
        return action(ns)
    except (SubscriptionError, FetchStateError) as error:
        raise _Fail(str(error)) from error
    except OSError as error:
        raise _Fail(f"{error.filename or ''}: {error.strerror}") from error


def _feed_add(ns: argparse.Namespace) -> int:
    url = check_url(ns.url)
    file = SubscriptionFile(subscriptions_path())
    if any(s.url == url for s in file.subscriptions):
        name = next(s.name for s in file.subscriptions if s.url == url)
        raise _Fail(f"already subscribed to {url} (as {name!r})")
    name = check_name(ns.name) if ns.name is not None else None
    title = None
    from reader.core.fetch.run import probe_feed

    try:
        title, url = probe_feed(url)
    except (FetchError, NotArticle) as error:
        if name is None:
            raise _Fail(f"{url}: {error} (give --name to subscribe anyway)") from error
        print(f"reader: warning: {clean_line(url)}: {clean_line(str(error))}", file=sys.stderr)
    if name is None:
        from urllib.parse import urlsplit

        name = free_name(safe_name(title or "", urlsplit(url).hostname or "feed"), file.names())
    file.add(Subscription(name, url, ns.full))
    file.save()
    print(f"subscribed to {clean_line(url)} as {name!r}")
    return 0


def _feed_list(ns: argparse.Namespace) -> int:
    subscriptions = load_subscriptions(subscriptions_path())
    library = library_for(ns.library)
    state = load_state(fetch_state_path(), move_aside=False)
    for sub in subscriptions:
        memory = state.feeds.get(sub.name) if state else None
        when = "never"
        result = "-"
        if memory is not None and memory.last_fetch is not None:
            stamp = dt.datetime.fromtimestamp(memory.last_fetch)
            when = stamp.strftime("%Y-%m-%d %H:%M")
            result = memory.result or "-"
            if memory.gone:
                result = "gone"
            elif memory.reason and memory.result == FAILED:
                result = f"failed: {memory.reason}"
        articles = _article_count(library / sub.name)
        row = (sub.name, sub.url, when, result, str(articles))
        print("\t".join(clean_line(part) for part in row))
    return 0


def _article_count(folder: Path) -> int:
    if not folder.is_dir():
        return 0
    from reader.core.library import Problem, find_files

    problems: list[Problem] = []
    return sum(1 for _ in find_files([folder], problems, stat_files=False))


def _feed_remove(ns: argparse.Namespace) -> int:
    file = SubscriptionFile(subscriptions_path())
    removed = file.remove(ns.name)
    file.save()
    state_path = fetch_state_path()
    try:
        with fetch_lock(state_path):
            state = load_state(state_path)
            if state.feeds.pop(removed.name, None) is not None:
                save_state(state_path, state)
    except FetchStateError:
        pass  # a fetch is running; the feed's memory is dropped next time it is re-added
    message = f"unsubscribed from {removed.name!r}"
    folder = library_for(ns.library) / removed.name
    if ns.delete_files and folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder)
        message += f"; deleted {folder}"
    elif folder.is_dir():
        message += f"; its articles stay in {folder}"
    print(clean_line(message))
    return 0


def _feed_import(ns: argparse.Namespace) -> int:
    if ns.file != "-" and not os.path.lexists(ns.file):
        # a missing path is a usage error (exit 2), as for `reader state import`
        raise _Fail(f"no such file: {clean_line(ns.file)}", EXIT_USAGE)
    if ns.file == "-":
        data = sys.stdin.buffer.read(MAX_OPML_INPUT)
    else:
        with open(ns.file, "rb") as f:
            data = f.read(MAX_OPML_INPUT)
    feeds = parse_opml(data)
    file = SubscriptionFile(subscriptions_path())
    added, skipped = import_opml(file, feeds)
    if added:
        file.save()
    already = f" ({count(skipped, 'feed')} already subscribed)" if skipped else ""
    print(f"imported {count(added, 'feed')}{already}")
    return 0


def _feed_export(ns: argparse.Namespace) -> int:
    sys.stdout.write(to_opml(load_subscriptions(subscriptions_path())))
    return 0


# -- reader fetch ------------------------------------------------------------------


def main_fetch(args: list[str]) -> int:
    parser = _parser(
        "reader fetch",
        "Fetch every subscription (or the named ones) into the library: one file per "
        "new entry in the feed's folder. Exit 0 when every feed was fetched or "
        "unchanged, 1 otherwise.",
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="only these feeds")
    _library_arg(parser)
    _full_arg(parser, "write each summary-only entry's linked page (default: per feed, on)")
    ns = _parse(parser, args)
    try:
        subscriptions = load_subscriptions(subscriptions_path())
    except SubscriptionError as error:
        raise _Fail(str(error)) from error
    if ns.names:
        known = {s.name: s for s in subscriptions}
        unknown = [n for n in ns.names if n not in known]
        if unknown:
            raise _Fail(f"no feed named {clean_line(unknown[0])!r} (see reader feed list)", 2)
        subscriptions = [known[n] for n in dict.fromkeys(ns.names)]
    if not subscriptions:
        print(f"no subscriptions yet: add one with `reader feed add URL` ({subscriptions_path()})")
        return 0
    library = library_for(ns.library)
    bar = _Bar(sys.stdout) if sys.stdout.isatty() else None
    cancel = threading.Event()
    outcome: list[FetchReport | BaseException] = []

    def work() -> None:
        try:
            outcome.append(
                fetch_all(
                    subscriptions,
                    library,
                    state_path=fetch_state_path(),
                    subscriptions_path=subscriptions_path(),
                    options=FetchOptions(full=ns.full),
                    on_event=bar.update if bar else None,
                    cancel=cancel,
                )
            )
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=work, name="reader-fetch", daemon=True)
    thread.start()
    interrupted = False
    while thread.is_alive():
        try:
            thread.join(0.2)
        except KeyboardInterrupt:
            interrupted = True
            cancel.set()
    if bar:
        bar.clear()
    result = outcome[0] if outcome else RuntimeError("the fetch stopped")
    if isinstance(result, FetchStateError):
        raise _Fail(str(result))
    if isinstance(result, BaseException):
        raise result
    print_report(result)
    if interrupted:
        return 130
    return 0 if result.ok else 1


def print_report(report: FetchReport) -> None:
    for notice in report.notices:
        print(f"reader: {clean_line(notice)}", file=sys.stderr)
    for r in report.results:
        name = clean_line(r.name)
        if r.status == FAILED:
            print(f"failed: {name}: {clean_line(r.reason)}")
        elif r.status == GONE:
            print(f"gone: {name}: {clean_line(r.reason)}; it will not be fetched again")
        elif r.status == WAS_GONE:
            print(f"gone: {name} (found gone by an earlier fetch; not fetched)")
        elif r.status == CANCELLED:
            print(f"cancelled: {name}")
        if r.moved_to:
            print(f"moved: {name} is now {clean_line(r.moved_to)} (subscription updated)")
        if r.page_failures:
            pages = count(r.page_failures, "page")
            print(f"note: {name}: {pages} could not be fetched; their summaries were kept")
    print(
        f"{report.tally(FAILED, GONE, CANCELLED)}; {human_bytes(report.bytes)} "
        f"-> {clean_line(str(report.library))}"
    )


def human_bytes(value: int) -> str:
    if value < 1024:
        return f"{value} B"
    if value < 1024**2:
        return f"{value / 1024:.1f} KB"
    return f"{value / 1024**2:.1f} MB"


class _Bar:
    """A one-line progress bar, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.last = 0.0
        self.lock = threading.Lock()

    def update(self, event: FetchEvent) -> None:
        now = time.monotonic()
        if event.kind in ("article",) and now - self.last < 0.1:
            return
        self.last = now
        width = shutil.get_terminal_size((80, 24)).columns
        total = max(event.total, 1)
        cells = 24
        filled = cells * event.done // total
        bar = "█" * filled + "░" * (cells - filled)
        name = clean_line(event.feed)[:30] if event.kind == "feed" else ""
        text = (
            f"{bar} {event.done}/{event.total} feeds · {count(event.new, 'new article')} · "
            f"{human_bytes(event.bytes)}  {name}"
        )
        with self.lock:
            self._write("\r" + text[: width - 1].ljust(width - 1))

    def clear(self) -> None:
        width = shutil.get_terminal_size((80, 24)).columns
        with self.lock:
            self._write("\r" + " " * (width - 1) + "\r")

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


def run_feed(args: list[str]) -> int:
    return _main(main_feed, args)


def run_fetch(args: list[str]) -> int:
    return _main(main_fetch, args)


def _main(command: Callable[[list[str]], int], args: list[str]) -> int:
    try:
        return command(args)
    except _Fail as error:
        print(f"reader: {clean_line(str(error))}", file=sys.stderr)
        return error.code
