"""One test per hostile-input bug found and fixed in parse, textio, sanitize and library."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import threading
import time
from pathlib import Path

import pytest

from reader.core import library as library_module
from reader.core.formats import (
    HEAD_BYTES,
    UNTITLED,
    NotRegularFile,
    Page,
    parse_page,
    read_head,
    read_page,
)
from reader.core.formats import text as text_format
from reader.core.formats.markdown import MAX_FRONT_MATTER, MAX_TAGS
from reader.core.library import Problem, display_name, read_article, scan
from reader.core.sanitize import MAX_COMBINING, clean_display_text, clean_line
from reader.core.textio import NotText, decode


def md(front: str, body: str = "# Heading\n\nBody.\n") -> bytes:
    return f"---\n{front}\n---\n{body}".encode()


# --------------------------------------------------------------------- front matter


def test_invalid_yaml_date_keeps_the_other_metadata() -> None:
    """PyYAML raised ValueError ("month must be in 1..12") through parse_page."""
    page = parse_page(md("title: Kept\ndate: 2025-13-45\nsource: S"), Path("a.md"))
    assert (page.title, page.date, page.source) == ("Kept", None, "S")
    assert parse_page(md("title: Y0\ndate: 0000-01-01"), Path("a.md")).date is None


def test_integer_too_long_to_print_is_no_title() -> None:
    """str() of a 3600-hex-digit int raised ValueError (int max str digits)."""
    page = parse_page(md("title: 0x" + "f" * 3600), Path("a.md"))
    assert page.title == "Heading"


def test_deeply_nested_front_matter_is_ignored() -> None:
    """Nesting raised RecursionError through parse_page."""
    page = parse_page(md("title: " + "[" * 1500 + "]" * 1500), Path("a.md"))
    assert page.title == "Heading"


def test_billion_laughs_is_refused_at_once() -> None:
    """safe_load shares aliased nodes, but str(title) expanded 9**9 items (hang, OOM)."""
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(8):
        prev, name = chr(97 + i), chr(98 + i)
        bomb += f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]\n"
    bomb += "title: *i\ntags: *i\n"
    outcome: list[object] = []
    worker = threading.Thread(
        target=lambda: outcome.append(parse_page(md(bomb), Path("a.md"))), daemon=True
    )
    worker.start()
    worker.join(60)  # a hang detector only: the refusal takes milliseconds
    assert not worker.is_alive(), "the YAML bomb was expanded"
    (page,) = outcome
    assert page.title == "Heading" and page.tags == ()  # type: ignore[attr-defined]


def test_a_few_aliases_still_work() -> None:
    page = parse_page(md("src: &s Ledger\nsource: *s\ntitle: T"), Path("a.md"))
    assert (page.title, page.source) == ("T", "Ledger")


def test_front_matter_values_must_be_scalars() -> None:
    front = "title: [a, b]\nurl: {x: 1}\nsource: 12\ntags: [a, [b], {c: d}, 3]"
    page = parse_page(md(front), Path("a.md"))
    assert page.title == "Heading"
    assert page.url is None and page.source == "12"
    assert page.tags == ("a", "3")


def test_tags_are_capped() -> None:
    tags = ",".join(f"t{i}" for i in range(300))
    assert len(parse_page(md(f"tags: {tags}"), Path("a.md")).tags) == MAX_TAGS


def test_noncharacters_do_not_cost_the_front_matter() -> None:
    """PyYAML refuses U+FFFF; the whole front matter was dropped."""
    page = parse_page(md("title: 'non\ufffe\uffffchar'"), Path("a.md"))
    assert page.title == "nonchar"


def test_front_matter_too_long_for_a_scan_is_body_in_both_reads(tmp_path: Path) -> None:
    """The scan reads HEAD_BYTES and never saw such a front matter end, while the
    opened page parsed it: their metadata differed. Now neither parses it."""
    path = tmp_path / "feed" / "long.md"
    path.parent.mkdir()
    path.write_text("---\ntitle: Long\nnote: " + "x" * HEAD_BYTES + "\n---\n# After\n")
    (article,) = scan([tmp_path]).articles
    assert article.title == "title: Long"  # the first line: the heading is past the head
    assert read_page(path).title == "After"  # but not "Long" either
    short = "---\ntitle: Short\nnote: " + "x" * (MAX_FRONT_MATTER - 40) + "\n---\n# After\n"
    assert parse_page(short.encode(), Path("a.md")).title == "Short"


def test_a_rule_line_is_no_title() -> None:
    assert parse_page(b"---\n\n=====\nReal title\n", Path("a.txt")).title == "Real title"
    assert parse_page(b"---\nno close\n", Path("a.md")).title == "no close"


# -------------------------------------------------------------------------- titles


def test_file_name_that_cleans_to_nothing_gets_a_title(tmp_path: Path) -> None:
    assert parse_page(b"", Path("\x1b[2J.txt")).title == UNTITLED
    assert parse_page(b"", Path("\u200b.md")).title == UNTITLED


def test_feed_named_only_by_an_escape_is_not_shown_raw(tmp_path: Path) -> None:
    """display_name fell back to the raw path, escapes and all."""
    folder = tmp_path / "\x1b[2J"
    assert "\x1b" not in display_name(folder)
    assert display_name(folder) == clean_line(str(tmp_path) + "/")


def test_huge_title_line_is_cut_before_cleaning() -> None:
    page = parse_page(b"date 2025-01-01 " + b"x " * 3_000_000 + b"\nbody\n", Path("a.txt"))
    assert len(page.title) <= 500 and page.date == dt.date(2025, 1, 1)


# ------------------------------------------------------------------------ sanitize


def test_lone_surrogates_become_replacement_characters() -> None:
    """Undecodable file names gave titles a terminal cannot encode (`reader list`
    crashed with UnicodeEncodeError under a strict UTF-8 stdout)."""
    title = parse_page(b"", Path(os.fsdecode(b"\xff\xfe.txt"))).title
    assert title == "\ufffd\ufffd"
    title.encode("utf-8")


def test_unterminated_osc_does_not_swallow_the_article() -> None:
    text = "Title\n\x1b]0;never closed\nThe body survives.\n\x1b]8;;x\x1b\\link\x1b]8;;\x1b\\\n"
    assert clean_display_text(text) == "Title\n\nThe body survives.\nlink\n"


def test_line_separators_become_newlines() -> None:
    assert clean_display_text("a\u2028b\u2029c") == "a\nb\nc"
    assert clean_line("a\u2028b") == "a b"


def test_more_invisible_controls_are_removed() -> None:
    text = "a\u061cb\u2061c\u206ad\ufff9e\ufffef\uffffg\ufdd0h"
    assert clean_display_text(text) == "abcdefgh"


def test_joiners_and_ordinary_combining_marks_stay() -> None:
    family = "👨\u200d👩\u200d👧"
    assert clean_line(family) == family
    assert clean_line("Tiếng Việt e\u0301\u0302") == "Tiếng Việt e\u0301\u0302"


def test_zalgo_titles_keep_a_few_marks() -> None:
    title = clean_line("Z" + "\u0301\u0302\u0303" * 100 + "algo")
    assert title == "Z" + ("\u0301\u0302\u0303" * 2)[:MAX_COMBINING] + "algo"


def test_plain_text_is_returned_unchanged_and_fast() -> None:
    text = "Plain words, “quotes” and\u00a0spaces.\n" * 200_000
    start = time.perf_counter()
    assert clean_display_text(text) is text
    assert time.perf_counter() - start < 5  # a sanity bound, not a benchmark


# -------------------------------------------------------------------------- decode


def test_binary_without_nul_bytes_is_refused() -> None:
    """Compressed or random data has few NULs and decoded as a latin-1 'article'."""
    import random

    junk = random.Random(7).randbytes(4096).replace(b"\0", b"\1")
    with pytest.raises(NotText, match="binary file"):
        decode(junk)
    with pytest.raises(NotText, match=r"binary file \(NUL bytes\)"):
        decode(b"\x00\x01\x02\x00" * 100)


def test_text_with_a_few_controls_is_still_text() -> None:
    assert decode(b"bell\x07 and \x01 start\x1f and ESC\x1b[1m bold\x08 x") is not None
    assert decode(b"\x0e\x0f" * 4 + b"text " * 100).endswith("text ")


# ------------------------------------------------------------------------- library


def test_read_page_on_a_fifo_neither_blocks_nor_reads(tmp_path: Path) -> None:
    """read_page opened FIFOs blocking: a pipe put where an article was hung the UI."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_page(fifo)
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "read_page blocked on a FIFO"
    assert isinstance(outcome[0], NotRegularFile)
    assert outcome[0].strerror == "not a regular file (FIFO)"


def test_read_page_refuses_devices_without_opening_them(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(NotRegularFile, match="character device"):
        read_page(link)
    with pytest.raises(NotRegularFile, match="folder"):
        read_head(tmp_path, 10)


def test_os_errors_become_plain_reasons(tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    feed.mkdir()
    (feed / "loop.txt").symlink_to("loop.txt")
    (feed / "dangling.md").symlink_to("missing.md")
    problems = {p.path.name: p.reason for p in scan([tmp_path, tmp_path / "gone"]).problems}
    assert problems == {
        "loop.txt": "symlink loop",
        "dangling.md": "dangling symlink (its target does not exist)",
        "gone": "not found (removed while scanning?)",
    }


def test_unreadable_folder_is_permission_denied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = tmp_path / "feed"
    feed.mkdir()
    real_scandir = os.scandir

    def deny(path: object) -> object:
        if os.fspath(path) == str(feed):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", deny)
    assert scan([tmp_path]).problems == [Problem(feed, "permission denied")]


def test_too_deep_folders_are_reported_once(tmp_path: Path) -> None:
    deep = tmp_path / "feed" / Path(*["d"] * 60)
    deep.mkdir(parents=True)
    (deep / "a.txt").write_text("x")
    (problem,) = scan([tmp_path]).problems
    assert problem.reason.startswith("folders nested more than")


def test_an_unexpected_parser_error_costs_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = tmp_path / "feed"
    feed.mkdir()
    (feed / "bad.txt").write_text("boom")
    (feed / "good.txt").write_text("fine")
    real = text_format.FORMAT

    def parse(data: bytes, path: str, truncated: bool) -> list[Page]:
        if path.endswith("bad.txt"):
            raise RuntimeError("parser bug \x1b[2J")
        return real.parse(data, path, truncated)

    broken = dataclasses.replace(real, parse=parse)
    monkeypatch.setattr(library_module, "format_for", lambda path, head=None: broken)
    library = scan([tmp_path])
    assert [a.title for a in library.articles] == ["fine"]
    (problem,) = library.problems
    assert problem.reason == "could not be read (RuntimeError: parser bug )"


def test_problem_display_path_is_screen_safe() -> None:
    problem = Problem(Path("/lib/\x1b]0;pwned\x07\nname\udcff.txt"), "binary file")
    assert problem.display_path == "/lib/ name\ufffd.txt"
    assert str(problem) == "/lib/ name\ufffd.txt: binary file"


def test_read_article_describes_the_bytes_it_read(tmp_path: Path) -> None:
    path = tmp_path / "feed" / "a.txt"
    path.parent.mkdir()
    path.write_text("date 2025-01-01 New\n")
    stale = library_module.Candidate(path, "feed", mtime=1.0, size=999)
    article = read_article(stale)
    assert (article.size, article.mtime) == (path.stat().st_size, path.stat().st_mtime)


@pytest.mark.parametrize("opening", ["by", "Autor", "作者"])
def test_a_byline_test_on_a_line_of_spaces_and_colons_is_quick(opening: str) -> None:
    # the byline pattern's repeats could take the same spaces: cubic backtracking, 10 s
    # for a line of 2,000 spaces with two colons, minutes for a longer one
    from reader.core.clean import clean_blocks
    from reader.core.clean_signals import describe, is_byline

    line = opening + " " * 20_000 + ":" + " " * 20_000 + ":x"
    start = time.perf_counter()
    assert not is_byline(line, describe(line))
    clean_blocks(["Home", "Title", line, "A paragraph of text that ends here."], "Title")
    assert time.perf_counter() - start < 2.0


def test_a_label_test_on_a_line_of_spaces_before_a_word_and_a_colon_is_quick() -> None:
    # the label pattern's leading spaces could be taken by the label too: quadratic
    # backtracking, 2.5 s to describe a line of 3,000 spaces before "xy: ", and the
    # text's, Markdown's and <pre>'s blocks keep a line's leading spaces
    from reader.core.clean import clean_text

    line = " " * 10_000 + "xy: "
    start = time.perf_counter()
    clean_text("Title\n\n" + line + "\n\nA paragraph of text that ends here.\n", "Title")
    assert time.perf_counter() - start < 2.0


def test_the_credit_line_pattern_on_a_long_bracket_of_names_is_quick() -> None:
    # a repeat on either side of "by": each "by" ran the second to the end again
    # (quadratic, 5.9 s for 100,000 characters; the cleaner's word cap kept its lines
    # short, this keeps the pattern safe wherever it is used)
    from reader.core.clean_region import _CREDIT_RE

    start = time.perf_counter()
    assert not _CREDIT_RE.match("(" + "by A." * 20_000)
    assert _CREDIT_RE.match("(Reporting by Ann Lee; Editing by Bo Chen)")
    assert time.perf_counter() - start < 1.0
