"""The whole hostile corpus (tests/hostile/make_corpus.py) through the core.

Every file must come out as an article (degraded if need be) or as a `Problem`
with a plain reason; nothing may raise, hang, or put a control character, an
escape sequence or a bidi override on the screen. Timeouts here only detect
hangs (a FIFO opened for reading blocks forever); they are no speed targets.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from reader.core import library as library_module
from reader.core.formats import MAX_ARTICLE_BYTES, NotRegularFile, read_page
from reader.core.library import Library, Problem, read_article, scan
from reader.core.reading import open_article
from reader.core.state import StateStore
from reader.core.textio import NotText
from tests.conftest import REPO
from tests.hostile.make_corpus import DEEP_LEVELS, build

T = TypeVar("T")
HANG = 120.0  # seconds: far beyond any real run; only a hang gets there

# The files that must be refused, and the start of the reason the user sees.
# Every other file of the corpus must be listed as an article.
REFUSED = {
    "encodings/empty.txt": "empty file",
    "encodings/empty.md": "empty file",
    "encodings/binary.txt": "binary file",
    "encodings/binary-no-nul.md": "binary file",
    "encodings/image.txt": "binary file",
    "terminal/controls.txt": "binary file",  # more controls than text
    "fs/fifo.txt": "not a regular file",
    "fs/device.txt": "not a regular file",
    "fs/devnull.md": "not a regular file",
    "fs/zero.txt": "not a regular file",
    "fs/socket.txt": "not a regular file",
    "fs/loop.txt": "symlink loop",
    "fs/ping.md": "symlink loop",
    "fs/pong.md": "symlink loop",
    "fs/dangling.txt": "dangling symlink",
    "names/\x1b]0;pwned\x07\x1b[2J fifo.txt": "not a regular file",
    "names/\u202ebinary\n[bold].md": "binary file",
}
TRUNCATED = {"big/fifty-mb.md", "big/ten-mb-line.txt"}
DEEP_FILE = "deep/" + "d/" * DEEP_LEVELS + "level-200.txt"

# What must never reach the screen: C0 controls (newline only where lines are
# allowed), DEL, C1 controls (ESC and 8-bit CSI among them), bidi controls,
# zero-width spaces, the BOM and lone surrogates (undecodable file names).
_UNSAFE = (
    "\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
)
UNSAFE_TEXT = re.compile(f"[{_UNSAFE}\ud800-\udfff]")
UNSAFE_LINE = re.compile(f"[\n{_UNSAFE}\ud800-\udfff]")


def guarded(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run `fn` in a thread; fail (instead of hanging the suite) if it never returns."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = fn(*args, **kwargs)
        except BaseException as error:
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG)
    if thread.is_alive():
        pytest.fail(f"{fn.__name__} did not return within {HANG:g} s: it hangs")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def assert_screen_safe(text: str, *, multiline: bool, what: str = "") -> None:
    """No C0/C1 control but newline, no DEL, no ESC, no bidi control, no lone surrogate."""
    found = (UNSAFE_TEXT if multiline else UNSAFE_LINE).search(text)
    assert found is None, f"{what}: {found.group()!r} in {text[:200]!r}"


def rel(root: Path, path: str | Path) -> str:
    return Path(path).relative_to(root).as_posix()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("hostile") / "library"
    return root, build(root)


@pytest.fixture(scope="module")
def scanned(corpus: tuple[Path, dict[str, str]]) -> Library:
    root, _ = corpus
    return guarded(scan, [root])


def test_every_file_is_an_article_or_a_problem(
    corpus: tuple[Path, dict[str, str]], scanned: Library
) -> None:
    root, cases = corpus
    articles = {rel(root, a.path) for a in scanned.articles}
    problems = {rel(root, p.path): p.reason for p in scanned.problems}
    for name, what in cases.items():
        if name == DEEP_FILE:
            (deep,) = [p for p in problems if name.startswith(p + "/")]
            assert problems[deep].startswith("folders nested more than"), what
        elif name in REFUSED:
            assert name in problems, f"{name!r} ({what}) was not reported"
            assert problems[name].startswith(REFUSED[name]), (name, problems[name])
        else:
            assert name in articles, f"{name!r} ({what}): {problems.get(name)}"
    assert len(scanned.articles) == len(articles)  # each file once


def test_problem_reasons_are_plain_words(scanned: Library) -> None:
    assert scanned.problems
    for problem in scanned.problems:
        reason = problem.reason
        assert reason and reason.isprintable() and len(reason) <= 80, reason
        assert reason[0].islower() and "Errno" not in reason, reason
        assert_screen_safe(problem.display_path, multiline=False, what="problem path")
        assert_screen_safe(str(problem), multiline=False, what="problem")


def test_list_rows_are_screen_safe(scanned: Library) -> None:
    for article in scanned.articles:
        assert article.title.strip() and article.feed.strip(), article.path
        fields = [article.title, article.feed, article.url or "", article.source or ""]
        for field in [*fields, *article.tags]:
            assert_screen_safe(field, multiline=False, what=str(article.path))
        assert len(article.title) <= 500


def test_every_article_opens_and_cleans_safely(
    corpus: tuple[Path, dict[str, str]], scanned: Library
) -> None:
    root, _ = corpus
    for article in scanned.articles:
        name = rel(root, article.path)
        page = guarded(read_page, article.path)
        assert page.truncated == (name in TRUNCATED), name
        assert_screen_safe(page.title, multiline=False, what=name)
        assert_screen_safe(page.body, multiline=True, what=name)
        reading = open_article(article, page=page)
        blocks = page.blocks()
        assert [b.text for b in reading.result.blocks] == blocks, name
        assert len(reading.result.body) + len(reading.result.hidden) == len(blocks)
        for block in reading.result.blocks:
            assert_screen_safe(block.text, multiline=True, what=name)
        assert_screen_safe(reading.byline(), multiline=False, what=name)
        assert_screen_safe(reading.meta_line(), multiline=False, what=name)
        markdown = reading.markdown()
        assert_screen_safe(markdown, multiline=True, what=name)
        assert ("[truncated:" in markdown) == page.truncated, name
        json.dumps(reading.to_json(), ensure_ascii=False).encode("utf-8")  # no lone surrogate


def test_read_errors_of_the_corpus_are_os_errors_or_not_text(
    corpus: tuple[Path, dict[str, str]],
) -> None:
    """Opening a refused file directly (`reader clean PATH`) fails cleanly and at once."""
    root, _ = corpus
    for name, reason in REFUSED.items():
        path = root / name
        if not os.path.lexists(path):
            continue  # a device or socket this machine could not make
        with pytest.raises((OSError, NotText)) as caught:
            guarded(read_page, path)
        if reason == "not a regular file":
            assert isinstance(caught.value, NotRegularFile)
            assert "not a regular file (" in str(caught.value.strerror)


def test_huge_files_are_cut_within_bounded_memory(corpus: tuple[Path, dict[str, str]]) -> None:
    root, _ = corpus
    for name in sorted(TRUNCATED):
        path = root / name
        assert path.stat().st_size > MAX_ARTICLE_BYTES
        tracemalloc.start()
        try:
            page = read_page(path)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert page.truncated
        # Never the whole file (50 MB): the cut page, its text and a cleaned copy.
        assert peak < 5 * MAX_ARTICLE_BYTES, f"{name}: {peak / 1e6:.0f} MB"
        assert len(page.body) <= MAX_ARTICLE_BYTES


def test_marks_of_every_article_survive_a_reload(scanned: Library, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    store = StateStore(path)
    assert store.load() == []
    ids = {a.id for a in scanned.articles}
    for n, article_id in enumerate(sorted(ids)):
        store.set_read(article_id, True)
        if n % 2:
            store.set_starred(article_id, True)
    assert store.save_error is None
    again = StateStore(path)
    assert again.load() == []
    assert again.marks() == store.marks()
    assert {i for i in ids if again.is_read(i)} == ids


def test_permission_denied_is_reported(
    corpus: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root (CI) chmod 000 still reads, so the open is made to fail as it would."""
    root, _ = corpus
    locked = root / "fs" / "no-permission.txt"
    real_open = os.open

    def deny(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    library = scan([root / "fs"])
    assert Problem(locked, "permission denied") in library.problems
    assert locked not in {a.path for a in library.articles}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_for_real(corpus: tuple[Path, dict[str, str]]) -> None:
    root, _ = corpus
    locked = root / "fs" / "no-permission.txt"
    assert Problem(locked, "permission denied") in scan([root / "fs"]).problems


def _meddle_after_stat(
    monkeypatch: pytest.MonkeyPatch, name: str, meddle: Callable[[Path], None]
) -> None:
    """Change one file after the scan stat-ed it and before it reads it."""
    real_find = library_module.find_files

    def find(paths: Any, problems: list[Problem], **kwargs: Any) -> Any:
        for candidate in real_find(paths, problems, **kwargs):
            if os.path.basename(candidate.path) == name:
                meddle(Path(candidate.path))
            yield candidate

    monkeypatch.setattr(library_module, "find_files", find)


def test_file_removed_between_stat_and_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "library"
    cases = build(root, big=False)
    assert "fs/vanishing.txt" in cases
    _meddle_after_stat(monkeypatch, "vanishing.txt", Path.unlink)
    library = scan([root / "fs"])
    assert Problem(root / "fs" / "vanishing.txt", "removed while reading") in library.problems
    assert "A fine article" in {a.title for a in library.articles}


def test_file_rewritten_between_stat_and_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "library"
    build(root, big=False)
    new = b"date 2025-05-04 After the rewrite, longer\nbody\n"

    def rewrite(path: Path) -> None:
        path.write_bytes(new)
        os.utime(path, (1_800_000_000, 1_800_000_000))

    _meddle_after_stat(monkeypatch, "rewritten.txt", rewrite)
    library = scan([root / "fs"])
    (article,) = [a for a in library.articles if a.path.endswith("/rewritten.txt")]
    # The row describes the bytes that were read, so the cache key matches them.
    assert article.title == "After the rewrite, longer"
    assert (article.size, article.mtime) == (len(new), 1_800_000_000)


def test_file_replaced_by_a_fifo_after_the_scan_does_not_block(tmp_path: Path) -> None:
    path = tmp_path / "feed" / "a.txt"
    path.parent.mkdir()
    path.write_text("date 2025-01-01 Soon a pipe\nbody\n")
    (article,) = scan([tmp_path]).articles
    candidate = library_module.Candidate(path, "feed", article.mtime, article.size)
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(NotRegularFile, match=r"not a regular file \(FIFO\)"):
        guarded(read_page, path)
    with pytest.raises(NotRegularFile):
        guarded(read_article, candidate)
    with pytest.raises(OSError):
        guarded(open_article, article)
    assert scan([tmp_path]).problems[0].reason.startswith("not a regular file")


def test_cli_list_verbose_survives_the_corpus(tmp_path: Path) -> None:
    root = tmp_path / "library"
    build(root, big=False)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "reader", "list", "--verbose", str(root)],
        cwd=REPO,
        env=env,
        capture_output=True,
        timeout=HANG,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout.decode("utf-8")  # strict: no lone surrogate reached the terminal
    assert_screen_safe(out.replace("\t", " "), multiline=True, what="reader list")
    assert b"reader: skipped" in done.stderr
    assert b"not a regular file" in done.stderr
    err = done.stderr.decode("utf-8", "replace")
    assert_screen_safe(err, multiline=True, what="reader list --verbose (stderr)")
