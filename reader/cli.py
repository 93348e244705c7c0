"""Command line entry point: the app, plus `list` and `clean` for scripts.

Kept free of Textual imports at module level so `reader list` and `reader clean`
start fast and work without a terminal.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import __version__
from reader.core.config import Config, ConfigError, load_config
from reader.core.keys import text_table
from reader.core.models import Article
from reader.core.paths import (
    config_path,
    default_state_path,
    news_path,
    sample_feeds_path,
    search_index_path,
)
from reader.core.query import QueryError, matches_metadata, parse_query
from reader.core.reading import Reading, ReadingService
from reader.core.sanitize import clean_line
from reader.core.session import LibrarySession, hold_collector, release_collector
from reader.core.state import StateStore
from reader.core.textio import NotText
from reader.core.transfer import (
    MAX_IMPORT_BYTES,
    TransferError,
    export_marks,
    export_text,
    import_data,
    import_marks,
    merge_conflict_copies,
    merge_copy,
)
from reader.core.wording import FORMATS_READ, count, listed_title

if TYPE_CHECKING:
    from reader.core.library import Problem

# The library scan (and the formats it reads) and the search index are imported by the
# commands that use them: the app shows its cached list before it needs either.

SUBCOMMANDS = ("list", "clean", "search", "state", "keys", "feed", "fetch")
STATELESS = ("clean", "keys", "feed", "fetch")  # subcommands that read no marks: --state is ignored
EXIT_USAGE = 2


class CliError(Exception):
    """A user-facing error: printed as one line on stderr, then exit non-zero."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        # Global options go anywhere on the line: before or after the subcommand.
        state, args = _pull_state(args)
        command, args = _pick_command(args)
        if state is not None and command not in STATELESS:
            args = _put_state(args, state)
        if command is not None:
            commands = {
                "list": run_list,
                "clean": run_clean,
                "search": run_search,
                "state": run_state,
                "keys": run_keys,
                "feed": _run_feed,
                "fetch": _run_fetch,
            }
            return commands[command](args)
        return run_app(args)
    except CliError as error:
        print(f"reader: {clean_line(str(error))}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader of our output went away (e.g. `| head`)
        return 0


def _run_feed(args: list[str]) -> int:
    from reader.fetch_cli import run_feed  # deferred: httpx is only for fetching

    return run_feed(args)


def _run_fetch(args: list[str]) -> int:
    from reader.fetch_cli import run_fetch

    return run_fetch(args)


def _pull_state(args: list[str]) -> tuple[str | None, list[str]]:
    """`--state FILE` (or `--state=FILE`) taken from anywhere before a `--`, and the rest."""
    state: str | None = None
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        if arg == "--state":
            if index + 1 >= len(args):
                raise CliError("--state needs a FILE (the state file to use)", EXIT_USAGE)
            state = args[index + 1]
            index += 2
            continue
        if arg.startswith("--state="):
            state = arg.removeprefix("--state=")
        else:
            rest.append(arg)
        index += 1
    return state, rest


def _pick_command(args: list[str]) -> tuple[str | None, list[str]]:
    """The subcommand (the first word that is no option, if it names one) and the rest:
    `reader --help search` is `reader search --help`."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if not arg.startswith("-"):
            if arg in SUBCOMMANDS:
                return arg, args[:index] + args[index + 1 :]
            break
    return None, args


def _put_state(args: list[str], state: str) -> list[str]:
    """`args` with `--state FILE` where the subcommand's parser takes it (before `--`)."""
    end = args.index("--") if "--" in args else len(args)
    return [*args[:end], "--state", state, *args[end:]]


def _version_text() -> str:
    """`reader 0.1.0 (cleaner: compiled (mypyc))`: the version, and which cleaner runs."""
    from reader.core.compiled import version_line

    return version_line(__version__)


class _VersionAction(argparse.Action):
    """--version: print _version_text() and exit (looked up only when asked)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings,
            dest=dest,
            default=argparse.SUPPRESS,
            nargs=0,
            help="show the version and whether the cleaner is compiled, then exit",
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(_version_text())
        parser.exit()


class _Parser(argparse.ArgumentParser):
    """A parser that takes --version. Sub-commands' parsers are made of the parent's
    class (`add_subparsers` defaults to it), so `reader feed list --version` works too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_argument("--version", action=_VersionAction)


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    return _Parser(prog=prog, description=description)


def _add_library_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="library folders or article files (default: config or samples)",
    )
    parser.add_argument(
        "--state",
        type=Path,
        metavar="FILE",
        help=f"read/starred state file (default: {default_state_path()})",
    )


def _parse(parser: argparse.ArgumentParser, args: list[str]) -> argparse.Namespace:
    try:
        return parser.parse_args(args)
    except SystemExit as exit_:
        # argparse already printed its one-line usage error (or the help/version text).
        raise SystemExit(exit_.code) from None


def _config() -> Config:
    try:
        return load_config(config_path())
    except ConfigError as error:
        raise CliError(f"config: {error}") from error


def resolve_paths(paths: list[Path], config: Config) -> list[Path]:
    """The paths to load: as given, else the configured library, else the folder
    `reader fetch` fills (when it exists), else the samples."""
    if not paths:
        if config.library is not None and not config.library.exists():
            raise CliError(
                f"no such folder: {clean_line(str(config.library))} (the library in "
                f"{clean_line(str(config_path()))}; create it, or name a folder: reader PATH)",
                EXIT_USAGE,
            )
        news = news_path()
        paths = [config.library or (news if news.is_dir() else sample_feeds_path())]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise CliError(f"no such file or folder: {clean_line(str(missing[0]))}", EXIT_USAGE)
    for path in paths:
        if not path.is_dir():
            _check_named_file(path)
    return paths


def _check_named_file(path: Path) -> None:
    """A file named on the command line that will not be listed: say why, exit 1."""
    from reader.core.library import Problem, find_files, read_articles

    problems: list[Problem] = []
    try:
        for candidate in find_files([path], problems):
            if not read_articles(candidate):
                problems.append(Problem(path, "a feed file without entries"))
    except NotText as error:
        problems.append(Problem(path, str(error)))
    except OSError as error:
        problems.append(Problem(path, _error_text(error)))
    if problems:
        raise CliError(str(problems[0]))


def _state(
    path: Path | None, *, writable: bool = True, conflicts: bool = True
) -> tuple[StateStore, list[str]]:
    """The store, loaded, and what loading said; with `conflicts`, sync conflict copies
    merged (the app merges them itself, in the background)."""
    store = StateStore(path or default_state_path(), writable=writable)
    store.on_wait = _say_waiting
    messages = store.load()
    return store, messages + (merge_conflict_copies(store) if conflicts else [])


def _say_waiting(message: str) -> None:
    print(f"reader: {clean_line(message)}", file=sys.stderr, flush=True)


def _script_state(path: Path | None, *, writable: bool = False) -> StateStore:
    """The state store for a scripting command; what loading it says goes to stderr.
    Commands that only read (`list`, `search`, `state export`) never write, move or
    create anything on disk."""
    store, messages = _state(path, writable=writable)
    for message in messages:
        print(f"reader: {clean_line(message)}", file=sys.stderr)
    return store


def run_app(args: list[str]) -> int:
    parser = _parser(
        "reader",
        "Read local news article files in the terminal: "
        f"{FORMATS_READ}. "
        "Subcommands: `reader list`, `reader search`, `reader clean`, "
        "`reader state export|import|merge`, `reader keys`, `reader feed add|list|remove|"
        "import|export`, `reader fetch` (see their --help). "
        "--state and --help go anywhere on the line, before or after the subcommand. "
        "In the app, ? lists every key (`reader keys` too, as config.toml remaps them).",
    )
    _add_library_args(parser)
    ns = _parse(parser, args)
    config = _config()
    _say_notices(config)
    paths = resolve_paths(ns.paths, config)
    # No garbage collection until the app's first frame: a start makes many objects and
    # few cycles, and the collector's ~90 passes over them took 30-50 ms (released by the
    # app once that frame is painted, or here when it never is).
    hold_collector()
    released = threading.Event()

    def release() -> None:
        if not released.is_set():
            released.set()
            release_collector()

    session = LibrarySession(paths)
    session.preload()  # the metadata cache is read while Textual is imported
    if not session.cache_file.exists():  # a first start: the scan's workers will be needed
        from reader.core.workers import start_early

        start_early()  # their fork server starts while the UI does, on another core
    store, messages = _state(ns.state, conflicts=False)  # never wait for a lock at start
    from reader.ui.app import ReaderApp  # deferred: only the app needs Textual

    app = ReaderApp(paths, store, config=config, startup_messages=messages, session=session)
    app.after_first_frame = release
    try:
        app.run()
    finally:
        release()
    return 0


def _say_notices(config: Config) -> None:
    """What config.toml asks for that cannot be done (a bad key...), one line each."""
    for notice in config.notices:
        print(f"reader: config: {clean_line(notice)}", file=sys.stderr)


def run_keys(args: list[str]) -> int:
    parser = _parser(
        "reader keys",
        "Every key binding, one tab-separated line each: id, keys, what it does. "
        'Remap one in config.toml: [keys] then <id> = "key,key". '
        "The keys shown include config.toml's remaps; - marks keys that cannot be remapped.",
    )
    parser.add_argument(
        "--defaults", action="store_true", help="the default keys, without config.toml's remaps"
    )
    ns = _parse(parser, args)
    keymap: dict[str, str] = {}
    if not ns.defaults:
        config = _config()
        _say_notices(config)
        keymap = config.keys
    for row in text_table(keymap):
        sys.stdout.write("\t".join(row) + "\n")
    return 0


def run_list(args: list[str]) -> int:
    parser = _parser(
        "reader list",
        "One tab-separated line per article, newest first: "
        "id, date, feed, flags (R read, * starred, - neither), title.",
    )
    _add_library_args(parser)
    parser.add_argument("--unread", action="store_true", help="only unread articles")
    parser.add_argument("--starred", action="store_true", help="only starred articles")
    parser.add_argument("--verbose", action="store_true", help="report skipped files on stderr")
    ns = _parse(parser, args)
    paths = resolve_paths(ns.paths, _config())
    store = _script_state(ns.state)
    printed = 0
    for article in _scan(paths, ns.verbose).articles:
        read, starred = store.is_read(article.id), store.is_starred(article.id)
        if (ns.unread and read) or (ns.starred and not starred):
            continue
        print_row(article, read, starred)
        printed += 1
    if not printed:
        which = " ".join(w for w, on in (("unread", ns.unread), ("starred", ns.starred)) if on)
        _say_none(f"No {which + ' ' if which else ''}articles.")
    return 0


def _say_none(text: str) -> None:
    """An empty result said on stderr when a person reads the output (a terminal): a
    script piping it gets no line, as before."""
    if sys.stdout.isatty():
        print(f"reader: {text}", file=sys.stderr)


def print_row(article: Article, read: bool, starred: bool) -> None:
    """One `reader list` line: id, date, feed, flags, title, tab-separated."""
    flags = ("R" if read else "") + ("*" if starred else "") or "-"
    date = article.date.isoformat() if article.date else ""
    title = listed_title(article.title)
    sys.stdout.write(f"{article.id}\t{date}\t{article.feed}\t{flags}\t{title}\n")


def _scan(paths: list[Path], verbose: bool) -> LibrarySession:
    """Open the library as the app does (its session and metadata cache), reporting
    skipped files if asked."""
    session = LibrarySession(paths)
    session.load_cached()
    session.scan()
    session.save()
    if verbose:
        for problem in session.problems:
            what = "warning" if problem.listed else "skipped"
            print(f"reader: {what} {problem}", file=sys.stderr)
    return session


SEARCH_HELP = """\
QUERY is one or more words, quoted or not: `reader search storm hesper ~/news` searches
for "storm hesper" in ~/news. The words after the first that name existing files or
folders are the PATHs. A word starting with - excludes it (`reader search -storm`,
`reader search -is:starred ~/news`); to be sure a word is read as the query and never as
an option, put -- before the query: `reader search -- --strange-word`.

Terms: words (prefix match; a word of 1-2 letters whole), "a phrase", -word,
a OR b (AND binds tighter), ( ), feed:NAME (a prefix of the feed's name), is:unread,
is:read, is:starred, after:YYYY-MM-DD, before:YYYY-MM-DD.
"""


def run_search(args: list[str]) -> int:
    parser = _Parser(
        prog="reader search",
        usage="reader search [--state FILE] [--] QUERY [PATH ...]",
        description="Full-text search over titles and cleaned bodies; "
        "prints matches like `reader list`.",
        epilog=SEARCH_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("QUERY", help="the words to search for (see below)")
    parser.add_argument("PATH", nargs="*", help="library folders or article files")
    parser.add_argument("--state", metavar="FILE", help="read/starred state file")
    words, state = _search_words(parser, args)
    query_text, given = split_query(words)
    from reader.core.search import SearchIndex, index_library

    try:
        query = parse_query(query_text)
    except QueryError as error:
        raise CliError(f"search: {error}", EXIT_USAGE) from error
    config = _config()
    paths = resolve_paths(given, config)
    store = _script_state(state)
    session = _scan(paths, verbose=False)
    articles = session.articles
    db = search_index_path(paths)
    index_library(db, articles, config=config, generation=session.generation)
    by_key = {a.key: a for a in articles}

    def keep(key: str) -> bool:
        article = by_key.get(key)
        return article is not None and matches_metadata(
            query, article, read=store.is_read(article.id), starred=store.is_starred(article.id)
        )

    with SearchIndex(db) as index:
        matched = set(index.search(query, keep=keep))
    for article in articles:  # in list order, as `reader list` prints them
        if article.key in matched:
            print_row(article, store.is_read(article.id), store.is_starred(article.id))
    if not matched:
        _say_none("No article matches.")
    return 0


def _search_words(
    parser: argparse.ArgumentParser, args: list[str]
) -> tuple[list[str], Path | None]:
    """The query's words and paths, and --state: a word starting with - is a query word
    (`-storm` excludes storm), not an option; after `--` every word is."""
    words: list[str] = []
    state: Path | None = None
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            words.extend(args[index + 1 :])
            break
        if arg in ("-h", "--help"):
            parser.print_help()
            raise SystemExit(0)
        if arg == "--version":
            print(_version_text())
            raise SystemExit(0)
        if arg == "--state" and index + 1 < len(args):
            state = Path(args[index + 1])
            index += 2
            continue
        if arg.startswith("--") and len(arg) > 2:
            raise CliError(
                f"search: unknown option {arg} (put -- before a query that starts with --)",
                EXIT_USAGE,
            )
        words.append(arg)
        index += 1
    if not words:
        raise CliError("search: a QUERY is needed, like `reader search storm`", EXIT_USAGE)
    return words, state


def split_query(words: list[str]) -> tuple[str, list[Path]]:
    """The query and the paths in the words after `reader search`: the first word is
    the query's, and so is every later word up to the first that names an existing file
    or folder; from there on the words are paths."""
    for index in range(1, len(words)):
        if os.path.exists(words[index]):
            return " ".join(words[:index]), [Path(word) for word in words[index:]]
    return " ".join(words), []


def run_state(args: list[str]) -> int:
    parser = _parser("reader state", "Back up, move or merge read/starred marks.")
    sub = parser.add_subparsers(dest="action", required=True, metavar="export|import|merge")
    export = sub.add_parser("export", help="write every mark to FILE (JSON; - for stdout)")
    imported = sub.add_parser(
        "import",
        help="merge FILE (an export or a state.json; - for stdin) into "
        "the marks; per article, the later change wins",
    )
    merged = sub.add_parser(
        "merge",
        help="merge FILE (a conflict copy a sync tool left, or any state.json) into the "
        "marks, then move it into the conflicts folder beside the state file",
    )
    for command in (export, imported, merged):
        command.add_argument("file", metavar="FILE", help="a file, or - for stdout/stdin")
        command.add_argument(
            "--state",
            type=Path,
            metavar="FILE",
            help=f"state file (default: {default_state_path()})",
        )
    ns = _parse(parser, args)
    if ns.action != "export" and ns.file != "-" and not os.path.lexists(ns.file):
        # A missing path is a usage error (exit 2), as for `reader list`; a file that is
        # there but cannot be read or used is an error (exit 1).
        raise CliError(f"no such file: {clean_line(ns.file)}", EXIT_USAGE)
    store = _script_state(ns.state, writable=ns.action != "export")
    name = "standard output" if ns.file == "-" else clean_line(ns.file)
    try:
        if ns.action == "merge":
            changed, moved = merge_copy(store, Path(ns.file))
            print(
                f"Merged {name}: {count(changed, 'article')} changed; it was moved to "
                f"{clean_line(str(moved))}.",
                file=sys.stderr,
            )
        elif ns.action == "export":
            if ns.file == "-":
                payload, exported = export_text(store)
                sys.stdout.write(payload)
            else:
                exported = export_marks(store, Path(ns.file))
            print(f"Exported the marks of {count(exported, 'article')} to {name}.", file=sys.stderr)
        else:
            if ns.file == "-":
                name = "standard input"
                changed = import_data(store, sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1), name)
            else:
                changed = import_marks(store, Path(ns.file))
            what = f"{count(changed, 'article')} changed" if changed else "no article changed"
            print(f"Imported the marks of {name}: {what}.", file=sys.stderr)
    except TransferError as error:
        raise CliError(str(error)) from error
    return 0


def run_clean(args: list[str]) -> int:
    parser = _parser(
        "reader clean",
        "Print article files without their boilerplate: the article's text alone, "
        "paragraphs apart (as extraction tools and scorers expect), the article as "
        "Markdown with its title and metadata with --markdown, or one JSON object per "
        "line with --json.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="one JSON object per file and line")
    output.add_argument(
        "--markdown",
        action="store_true",
        help="the article as Markdown: title heading, metadata line, byline, body",
    )
    ns = _parse(parser, args)
    config = _config()
    readings = clean_files(ns.files, config)
    failed = False
    texts = 0  # articles printed: a blank line between two of them
    for path, outcome in zip(ns.files, readings, strict=True):
        if isinstance(outcome, str):
            failed = True
            if ns.json:
                print(json.dumps({"path": str(path), "error": outcome}))  # ASCII: names may be junk
            else:
                print(f"reader: {clean_line(str(path))}: {outcome}", file=sys.stderr)
        else:
            for reading in outcome:  # a file of several articles prints each
                if ns.json:
                    print(json.dumps(reading.to_json(), ensure_ascii=False))
                else:
                    text = (
                        reading.markdown()
                        if ns.markdown
                        else "\n\n".join(reading.result.body) + "\n"
                    )
                    sys.stdout.write("\n" * (texts > 0) + text)
                    texts += 1
    return 1 if failed else 0


def clean_files(files: list[Path], config: Config) -> list[list[Reading] | str]:
    """Clean each file as the app shows it: the same `ReadingService`, with the
    rules of its feed and evidence from the other articles of its feed folder.

    Returns, per file in the order given, the Reading of each article it holds (one
    for most formats) or the error message.
    """
    from reader.core.library import Candidate, display_name, read_articles

    feeds: dict[str, tuple[ReadingService, dict[str, list[Article]]]] = {}
    results: list[list[Reading] | str] = []
    for path in files:
        try:
            if not path.is_file():
                raise (
                    IsADirectoryError(21, "not a regular file")
                    if path.exists()
                    else (FileNotFoundError(2, "No such file or directory"))
                )
            folder, in_library = feed_folder(path, config.library)
            key = os.fspath(folder)
            if key not in feeds:
                feeds[key] = _feed_service(folder, in_library, config)
            service, by_path = feeds[key]
            articles = by_path.get(os.path.abspath(path))
            if articles is None:  # not an article name (or hidden): read it alone
                candidate = Candidate(os.path.abspath(path), display_name(folder))
                articles = read_articles(candidate)
            results.append([service.open(article) for article in articles])
        except (OSError, NotText) as error:
            results.append(_error_text(error))
    return results


def feed_folder(path: Path, library: Path | None) -> tuple[Path, bool]:
    """The folder of `path`'s feed, as the app would group it, and whether it is the
    root of `library`: the first folder below the library when the file is inside
    it, else the folder the file is in."""
    file = Path(os.path.abspath(path))
    if library is not None:
        root = Path(os.path.abspath(library))
        try:
            parts = file.relative_to(root).parts
        except ValueError:
            parts = ()
        if len(parts) > 1:
            return root / parts[0], False
        if len(parts) == 1:
            return root, True
    return file.parent, False


def _feed_service(
    folder: Path, library_root: bool, config: Config
) -> tuple[ReadingService, dict[str, list[Article]]]:
    """A reading service over one feed folder's articles, and those articles by file.

    Every article below the folder is of its feed (as in the app, where a feed is a
    first-level folder); in a library's root only the files lying there are."""
    from reader.core.library import display_name, scan, worker_count

    feed = display_name(folder)
    articles = scan([folder], workers=worker_count()).articles
    here = os.fspath(folder)

    def own_feed(article: Article) -> bool:
        # A feed file lying in the folder itself names its feed with its own title.
        return article.format == "feed" and os.path.dirname(article.path) == here

    if library_root:
        articles = [a for a in articles if a.feed == feed or own_feed(a)]
    else:
        articles = [a if a.feed == feed or own_feed(a) else replace(a, feed=feed) for a in articles]
    by_path: dict[str, list[Article]] = {}
    for article in articles:
        by_path.setdefault(article.path, []).append(article)
    return ReadingService(config, articles), by_path


def _error_text(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return str(error)
