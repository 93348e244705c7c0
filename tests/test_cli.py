"""The command line: `reader list`, `reader clean`, errors and exit codes."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.cli import main
from reader.core.paths import search_index_path
from reader.core.search import SearchIndex
from reader.core.session import LibrarySession
from reader.core.state import StateStore
from reader.core.wording import count
from tests.conftest import SAMPLE_FEEDS


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_prints_tab_separated_rows_newest_first(
    capsys: pytest.CaptureFixture[str], seed_library: Path, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    code, out, _ = run(capsys, "list", str(seed_library), "--state", str(state))
    assert code == 0
    (line,) = out.splitlines()
    article_id, date, feed, flags, title = line.split("\t")
    assert (date, feed, flags) == ("2025-03-14", "harbour", "-")
    assert title == "Harbour council approves new ferry timetable"
    store = StateStore(state)
    store.load()
    store.set_read(article_id, True)
    store.set_starred(article_id, True)
    _, out, _ = run(capsys, "list", str(seed_library), "--state", str(state))
    assert out.split("\t")[3] == "R*"
    _, out, _ = run(capsys, "list", str(seed_library), "--state", str(state), "--unread")
    assert out == ""
    _, out, _ = run(capsys, "list", str(seed_library), "--state", str(state), "--starred")
    assert out.startswith(article_id)


def test_list_of_samples_covers_every_feed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", str(SAMPLE_FEEDS))
    feeds = {line.split("\t")[2] for line in out.splitlines()}
    assert code == 0
    assert feeds == {p.name for p in SAMPLE_FEEDS.iterdir() if p.is_dir()}
    dates = [d for line in out.splitlines() if (d := line.split("\t")[1])]
    assert dates == sorted(dates, reverse=True)


def test_missing_path_is_exit_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", "/no/such/folder")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "no such file or folder" in err


def test_clean_prints_the_article_text_alone(
    capsys: pytest.CaptureFixture[str], seed_library: Path
) -> None:
    """The default output is what extraction tools print and scorers compare: the
    body, paragraphs apart, with no title heading or metadata line."""
    code, out, _ = run(capsys, "clean", str(seed_library / "harbour" / "ferry.txt"))
    assert code == 0
    assert "shift workers" in out
    assert "LATEST NEWS" not in out
    assert "# Harbour council" not in out and "*harbour · 2025-03-14" not in out
    assert "\n\n" in out and out.endswith("\n") and not out.endswith("\n\n")


def test_clean_markdown_adds_the_title_and_metadata(
    capsys: pytest.CaptureFixture[str], seed_library: Path
) -> None:
    path = str(seed_library / "harbour" / "ferry.txt")
    _, text, _ = run(capsys, "clean", path)
    code, out, _ = run(capsys, "clean", "--markdown", path)
    assert code == 0
    assert out.startswith("# Harbour council approves new ferry timetable\n\n*harbour · 2025-03-14")
    assert out.endswith(text)  # the body part of the Markdown output, unchanged
    with pytest.raises(SystemExit) as exit_info:
        main(["clean", "--markdown", "--json", path])
    assert exit_info.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


@pytest.mark.parametrize("option", [[], ["--markdown"]])
def test_clean_puts_a_blank_line_between_articles(
    capsys: pytest.CaptureFixture[str], seed_library: Path, option: list[str]
) -> None:
    path = str(seed_library / "harbour" / "ferry.txt")
    _, one, _ = run(capsys, "clean", *option, path)
    code, two, _ = run(capsys, "clean", *option, path, path)
    assert code == 0
    assert two == one + "\n" + one


def test_clean_json_keeps_order_and_reports_failures(
    capsys: pytest.CaptureFixture[str], seed_library: Path
) -> None:
    good = seed_library / "harbour" / "ferry.txt"
    code, out, _ = run(capsys, "clean", "--json", str(good), "/no/such.txt", str(good))
    assert code == 1
    first, failed, last = (json.loads(line) for line in out.splitlines())
    assert first == last
    assert set(first) >= {"id", "title", "date", "feed", "url", "body", "hidden"}
    assert first["date"] == "2025-03-14"
    assert any("shift workers" in p for p in first["body"])
    assert all({"reason", "text"} == set(h) and h["reason"] for h in first["hidden"])
    assert failed["path"] == "/no/such.txt" and failed["error"]


def test_clean_uses_feed_rules_from_config(
    capsys: pytest.CaptureFixture[str], seed_library: Path, isolated_dirs: Path
) -> None:
    config = isolated_dirs / "xdg_config_home" / "reader" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[rules.harbour]\nhide = ["shift workers"]\n', encoding="utf-8")
    _, out, _ = run(capsys, "clean", "--json", str(seed_library / "harbour" / "ferry.txt"))
    data = json.loads(out)
    assert not any("shift workers" in p for p in data["body"])
    assert any(h["reason"].startswith("user rule") for h in data["hidden"])


def test_version_and_help() -> None:
    for flag in ("--version", "--help"):
        done = subprocess.run(
            [sys.executable, "-m", "reader", flag], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0
        assert "reader" in done.stdout


@pytest.mark.parametrize(
    "command",
    [["list"], ["search"], ["clean"], ["state", "export"], ["feed"], ["feed", "list"], ["fetch"]],
)
def test_version_after_any_command(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    """`--version` is read wherever it stands, a sub-command's sub-command included, and
    runs nothing else (no state file, no library)."""
    with pytest.raises(SystemExit) as stop:
        main([*command, "--version"])
    assert stop.value.code in (0, None)
    out, err = capsys.readouterr()
    assert out.startswith("reader ") and "cleaner:" in out
    assert err == ""


def test_bad_option_is_an_error_without_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reader", "list", "--bogus"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_search_prints_matches_like_list(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    code, out, _ = run(capsys, "search", "storm", str(SAMPLE_FEEDS), "--state", str(state))
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows and all(len(r) == 5 for r in rows)
    assert any("Storm Hesper" in r[4] for r in rows)
    storm_id = next(r[0] for r in rows if "Storm Hesper" in r[4])
    store = StateStore(state)
    store.load()
    store.set_read(storm_id, True)
    _, out, _ = run(capsys, "search", "storm is:unread", str(SAMPLE_FEEDS), "--state", str(state))
    assert storm_id not in out
    _, out, _ = run(capsys, "search", "feed:diario-del-valle", str(SAMPLE_FEEDS))
    assert {line.split("\t")[2] for line in out.splitlines()} == {"diario-del-valle"}


def test_search_leaves_the_index_covering_the_cache_it_checked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`reader search` brings the index up to date with the rows it checked and saved:
    the app's indexer child, handed the same cache generation, then has nothing to do."""
    run(capsys, "search", "storm", str(SAMPLE_FEEDS))
    session = LibrarySession([SAMPLE_FEEDS])
    session.load_cached()
    assert session.generation is not None
    with SearchIndex(search_index_path([SAMPLE_FEEDS])) as index:
        assert index.covers(session.generation)


def test_search_with_a_bad_query_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "after:someday", str(SAMPLE_FEEDS))
    assert code == 2
    assert out == ""
    assert "after: expects YYYY-MM-DD" in err


def test_state_export_then_import_elsewhere(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, second, backup = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "backup.json"
    store = StateStore(first)
    store.load()
    store.set_starred("story-1", True)
    store.set_read("story-2", True)
    code, _, err = run(capsys, "state", "export", str(backup), "--state", str(first))
    assert code == 0 and err == f"Exported the marks of 2 articles to {backup}.\n"
    code, _, err = run(capsys, "state", "import", str(backup), "--state", str(second))
    assert code == 0 and err == f"Imported the marks of {backup}: 2 articles changed.\n"
    code, _, err = run(capsys, "state", "import", str(backup), "--state", str(second))
    assert code == 0 and err == f"Imported the marks of {backup}: no article changed.\n"
    merged = StateStore(second)
    merged.load()
    assert merged.is_starred("story-1") and merged.is_read("story-2")


def test_state_import_of_a_bad_file_fails_cleanly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    code, out, err = run(capsys, "state", "import", str(bad), "--state", str(tmp_path / "s"))
    assert code == 1
    assert out == "" and err.count("\n") == 1 and str(bad) in err


def test_keys_prints_every_binding(capsys: pytest.CaptureFixture[str]) -> None:
    from reader.core.keys import KEY_TABLE

    code, out, err = run(capsys, "keys")
    assert code == 0 and err == ""
    rows = [line.split("\t") for line in out.splitlines()]
    assert len(rows) == len(KEY_TABLE)
    assert all(len(row) == 3 for row in rows)
    assert ["reader.next_unread", "n", "next unread article"] in rows
    assert ["list.page_down", "pagedown", "a page down the list"] in rows


def test_keys_shows_remaps_and_names_bad_ones_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from reader.core.paths import config_path

    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text(
        '[keys]\nreader.next_unread = "N,ctrl+right"\nreader.nope = "x"\nreader.quit = "ctrl+"\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "keys")
    assert code == 0
    rows = {line.split("\t")[0]: line.split("\t")[1] for line in out.splitlines()}
    assert rows["reader.next_unread"] == "N,ctrl+right"
    assert rows["reader.quit"] == "q"
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.startswith("reader: config: [keys] ") for line in lines)
    assert "reader.nope" in lines[0] and "reader.quit" in lines[1]
    _, out, err = run(capsys, "keys", "--defaults")
    assert err == "" and "reader.next_unread\tn\t" in out


def test_the_app_names_bad_keys_on_stderr_at_start(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, seed_library: Path
) -> None:
    from reader.core.paths import config_path
    from reader.ui.app import ReaderApp

    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text('[keys]\nreader.nope = "x"\nreader.help = "f1"\n', encoding="utf-8")
    started: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self: started.append(self))
    code, _out, err = run(capsys, str(seed_library))
    assert code == 0
    assert err.splitlines() == [
        "reader: config: [keys] 'reader.nope' is not a binding id (`reader keys` lists them)"
    ]
    (app,) = started
    assert app.keymap == {"reader.help": "f1"}


def test_the_app_gets_a_session_whose_cache_is_read_from_the_start(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, seed_library: Path
) -> None:
    """`reader PATH` starts reading the metadata cache before it builds the app (and before
    it imports Textual): the app takes those rows."""
    from reader.core.session import LibrarySession
    from reader.ui.app import ReaderApp

    first = LibrarySession([seed_library])
    first.scan()
    assert first.save()
    events: list[str] = []
    real_preload, real_init = LibrarySession.preload, ReaderApp.__init__

    def preload(self: LibrarySession) -> None:
        events.append("preload")
        real_preload(self)

    def init(self: ReaderApp, *args: Any, **kwargs: Any) -> None:
        events.append("app")
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(LibrarySession, "preload", preload)
    monkeypatch.setattr(ReaderApp, "__init__", init)
    started: list[ReaderApp] = []
    monkeypatch.setattr(ReaderApp, "run", lambda self: started.append(self))
    code, _out, _err = run(capsys, str(seed_library))
    assert code == 0
    assert events[:2] == ["preload", "app"]
    (app,) = started
    rows = app.library.cached_rows()
    assert rows and [a.key for a in rows] == [a.key for a in first.articles]


# -- issue 11, item 8: queries, global options, stdout/stdin, sentences ---------------------


def search_titles(out: str) -> list[str]:
    return [line.split("\t")[4] for line in out.splitlines()]


def test_a_query_of_several_words_needs_no_quotes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    state = str(tmp_path / "s.json")
    code, out, err = run(capsys, "search", "storm", "hesper", str(SAMPLE_FEEDS), "--state", state)
    assert (code, err) == (0, "")
    titles = search_titles(out)
    assert titles and all("Storm Hesper" in title for title in titles)
    _, quoted, _ = run(capsys, "search", "storm hesper", str(SAMPLE_FEEDS), "--state", state)
    assert quoted == out
    # No path given: the words are all the query (the samples are searched).
    code, bare, err = run(capsys, "search", "storm", "hesper", "--state", state)
    assert (code, err, bare) == (0, "", out)


def test_a_word_after_the_paths_is_named_as_missing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "storm", str(SAMPLE_FEEDS), "hesper")
    assert (code, out) == (2, "")
    assert "no such file or folder: hesper" in err


def test_a_query_may_start_with_a_dash(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    state = tmp_path / "s.json"
    _, everything, _ = run(capsys, "list", str(SAMPLE_FEEDS), "--state", str(state))
    code, out, err = run(capsys, "search", "-storm", str(SAMPLE_FEEDS), "--state", str(state))
    assert (code, err) == (0, "")
    assert out and not any("Storm" in title for title in search_titles(out))
    assert len(out.splitlines()) < len(everything.splitlines())
    store = StateStore(state)
    store.load()
    starred = everything.splitlines()[0].split("\t")[0]
    store.set_starred(starred, True)
    code, out, _ = run(capsys, "search", "-is:starred", str(SAMPLE_FEEDS), "--state", str(state))
    assert code == 0 and starred not in out
    assert len(out.splitlines()) == len(everything.splitlines()) - 1
    code, after_dashes, _ = run(
        capsys, "search", "--state", str(state), "--", "-is:starred", str(SAMPLE_FEEDS)
    )
    assert (code, after_dashes) == (0, out)


def test_search_help_explains_the_query_and_double_dash(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for args in (["search", "--help"], ["--help", "search"]):
        with pytest.raises(SystemExit) as exit_:
            main(args)
        assert exit_.value.code == 0
        out = capsys.readouterr().out
        assert "reader search [--state FILE] [--] QUERY [PATH ...]" in out
        assert "reader search -- --strange-word" in out


def test_an_unknown_double_dash_option_of_search_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "search", "--bogus", str(SAMPLE_FEEDS))
    assert (code, out) == (2, "")
    assert "unknown option --bogus" in err and "put -- before" in err


def test_global_options_go_before_or_after_the_subcommand(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    state = tmp_path / "s.json"
    store = StateStore(state)
    store.load()
    store.set_read("story-1", True)
    for args in (
        ["--state", str(state), "state", "export", "-"],
        ["state", "--state", str(state), "export", "-"],
        [f"--state={state}", "state", "export", "-"],
        ["state", "export", "-", "--state", str(state)],
    ):
        code, out, err = run(capsys, *args)
        assert code == 0, args
        assert json.loads(out)["articles"]["story-1"]["read"] is True
        assert err == "Exported the marks of 1 article to standard output.\n"
    code, out, _ = run(capsys, "--state", str(state), "list", "--unread", str(SAMPLE_FEEDS))
    assert code == 0 and out
    code, out, err = run(capsys, "list", "--state")
    assert (code, out) == (2, "") and "--state needs a FILE" in err
    # keys and clean read no marks: a global --state does not stop them.
    code, out, _ = run(capsys, "--state", str(state), "keys")
    assert code == 0 and "reader.quit" in out


def test_state_import_reads_standard_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = StateStore(tmp_path / "a.json")
    source.load()
    source.set_starred("story-1", True)
    code, exported, _ = run(capsys, "state", "export", "-", "--state", str(tmp_path / "a.json"))
    assert code == 0
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(exported.encode("ascii"))))
    code, out, err = run(capsys, "state", "import", "-", "--state", str(tmp_path / "b.json"))
    assert (code, out) == (0, "")
    assert err == "Imported the marks of standard input: 1 article changed.\n"
    merged = StateStore(tmp_path / "b.json")
    merged.load()
    assert merged.is_starred("story-1")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"[1, 2")))
    code, _, err = run(capsys, "state", "import", "-", "--state", str(tmp_path / "b.json"))
    assert code == 1 and "standard input is not a marks file" in err


def test_no_message_says_article_s_or_file_s() -> None:
    """Counts are sentences ("1 article", "2 articles"): no noun(s) in the program."""
    root = Path(__file__).resolve().parent.parent / "reader"
    for path in root.rglob("*.py"):
        if path.name != "wording.py":  # which names the rule
            found = re.findall(r"[a-z]+\(s\)", path.read_text(encoding="utf-8"))
            assert set(found) <= {"http(s)"}, path


def test_counts_read_as_sentences() -> None:
    assert [count(n, "article") for n in (0, 1, 2, 1234)] == [
        "0 articles",
        "1 article",
        "2 articles",
        "1,234 articles",
    ]
    assert count(2, "entry", "entries") == "2 entries"


def _copy_with(path: Path, marks: dict[str, dict[str, object]]) -> None:
    path.write_text(json.dumps({"schema": 1, "articles": marks}), encoding="utf-8")


def test_state_merge_merges_a_copy_then_moves_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    store = StateStore(state)
    store.load()
    store.set_read("a", True)
    copy = tmp_path / "elsewhere.json"
    _copy_with(
        copy, {"b": {"starred": True, "starred_at": 5.0}, "a": {"read": False, "read_at": 1.0}}
    )
    code, _, err = run(capsys, "state", "merge", str(copy), "--state", str(state))
    assert code == 0 and "1 article changed" in err
    assert not copy.exists()
    assert (tmp_path / "state.json.conflicts" / "elsewhere.json").exists()
    fresh = StateStore(state)
    fresh.load()
    assert fresh.is_read("a"), "the later change wins"
    assert fresh.is_starred("b")


def test_sync_conflict_copies_are_merged_at_start_and_only_writers_move_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from reader.core.paths import default_state_path
    from reader.core.transfer import merge_conflict_copies

    state = default_state_path()
    state.parent.mkdir(parents=True)
    _copy_with(state, {"a": {"read": True, "read_at": 1.0}})
    names = [
        "state.sync-conflict-20240102-030405-ABCDEFG.json",
        "state (Ann's conflicted copy 2024-01-02).json",
        "state (conflicted copy 2024-01-02 030405).json",
    ]
    for n, name in enumerate(names):
        _copy_with(state.parent / name, {f"c{n}": {"starred": True, "starred_at": 2.0}})
    (state.parent / "state (1).json").write_text("{}")  # not a conflict copy: left alone
    library = tmp_path / "lib"
    shutil.copytree(SAMPLE_FEEDS, library)
    code, _, err = run(capsys, "list", str(library))
    assert code == 0 and "3 conflict copies" in err
    assert all((state.parent / name).exists() for name in names), "read-only: nothing moved"
    store = StateStore(state)
    store.load()
    notices = merge_conflict_copies(store)
    assert len(notices) == 1 and "moved them to" in notices[0]
    assert all(store.is_starred(f"c{n}") for n in range(3)) and store.is_read("a")
    assert sorted(p.name for p in (state.parent / "state.json.conflicts").iterdir()) == sorted(
        names
    )
    assert (state.parent / "state (1).json").exists()
    assert merge_conflict_copies(store) == [], "said once"
    fresh = StateStore(state)
    fresh.load()
    assert all(fresh.is_starred(f"c{n}") for n in range(3))


# -- every file accounted for, every format alike ------------------------------------------


def _mixed_library(root: Path) -> Path:
    (root / "blog").mkdir(parents=True)
    (root / "blog" / "post.md").write_text("---\ntitle: A post\ndate: 2025-02-30\n---\nText.\n")
    (root / "blog" / "page.txt").write_text("date 2025-02-01 A page\nSome text.\n")
    (root / "blog" / "empty.txt").write_text("")
    (root / "blog" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "blog" / "settings.json").write_text('{"theme": "dark"}')
    (root / "blog" / "feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>'
        "<item><title>An entry</title><guid>urn:e:1</guid>"
        "<description>Teaser only.</description></item></channel></rss>"
    )
    return root


def test_list_verbose_names_every_file_not_listed_and_every_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lib = _mixed_library(tmp_path / "lib")
    code, out, err = run(capsys, "list", "--verbose", str(lib), "--state", str(tmp_path / "s"))
    assert code == 0
    assert sorted(line.split("\t")[4] for line in out.splitlines()) == [
        "A page",
        "A post",
        "An entry",
    ]
    said = {
        line.split(" ", 2)[2].split(": ", 1)[0].rsplit("/", 1)[-1]: line
        for line in err.splitlines()
    }
    assert set(said) == {"empty.txt", "photo.png", "settings.json", "post.md"}
    assert said["empty.txt"].startswith("reader: skipped") and "empty file" in said["empty.txt"]
    assert "unknown type (.png)" in said["photo.png"]
    assert "not a JSON Feed" in said["settings.json"]
    assert said["post.md"].startswith("reader: warning") and "2025-02-30" in said["post.md"]


def test_clean_json_gives_the_same_fields_for_every_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lib = _mixed_library(tmp_path / "lib")
    files = [str(lib / "blog" / name) for name in ("post.md", "page.txt", "feed.rss")]
    code, out, _ = run(capsys, "clean", "--json", *files)
    assert code == 0
    objects = [json.loads(line) for line in out.splitlines()]
    assert len(objects) == 3
    post, page, entry = objects
    assert set(post) == set(page) == set(entry) - {"summary"}
    assert entry["summary"] is True and entry["title"] == "An entry"
    assert entry["body"] == ["Teaser only."]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n", "unknown type (.png)"),
        ("empty.md", b"", "empty file"),
        ("bomb.rss", b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]><rss/>', "XML entities"),
        ("image.txt", bytes(range(256)) * 4, "binary file"),
    ],
)
def test_naming_a_file_that_is_not_read_says_why_and_exits_1(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    name: str,
    data: bytes,
    reason: str,
) -> None:
    from reader.ui.app import ReaderApp

    def started(self: ReaderApp) -> None:
        raise AssertionError("the app was started")

    monkeypatch.setattr(ReaderApp, "run", started)
    path = tmp_path / name
    path.write_bytes(data)
    for command in ([], ["list"]):
        code, out, err = run(capsys, *command, str(path), "--state", str(tmp_path / "s"))
        assert (code, out) == (1, "")
        assert err.startswith(f"reader: {path}: ") and reason in err, err


def test_help_says_which_formats_are_read() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--help"], capture_output=True, text=True, timeout=60
    )
    text = " ".join(done.stdout.split())
    for word in ("Markdown", "TOML", "RSS", "Atom", "JSON Feed", "web pages"):
        assert word in text
    # Every suffix a registered format claims is named (HTML was once left out).
    from reader.core.formats import SUFFIXES

    assert SUFFIXES
    for suffix in SUFFIXES:
        assert re.search(rf"{re.escape(suffix)}\b", text), suffix


def test_list_and_search_cut_a_very_long_title_at_a_word(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, isolated_dirs: Path
) -> None:
    from reader.core.wording import LISTED_TITLE

    title = " ".join(["lighthouse"] * 40)  # 439 characters
    feed = tmp_path / "lib" / "coast"
    feed.mkdir(parents=True)
    (feed / "long.txt").write_text(
        f"date 2025-04-02 {title}\nThe keeper lit the lamp at dusk.\n", encoding="utf-8"
    )
    (feed / "short.txt").write_text(
        "date 2025-04-01 Short lighthouse news\nA lamp.\n", encoding="utf-8"
    )
    state = str(tmp_path / "state.json")
    for command in (["list"], ["search", "lighthouse"]):
        code, out, _ = run(capsys, *command, str(tmp_path / "lib"), "--state", state)
        assert code == 0
        titles = [line.split("\t")[4] for line in out.splitlines()]
        long, short = titles
        assert short == "Short lighthouse news"
        assert len(long) <= LISTED_TITLE and long.endswith("lighthouse…")
        assert title.startswith(long[:-1] + " ")


@pytest.mark.parametrize("action", ["import", "merge"])
def test_state_import_of_a_missing_file_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, action: str
) -> None:
    """As the README says: 2 for a missing path, 1 for a file that cannot be used."""
    state = tmp_path / "state.json"
    missing = tmp_path / "no-such-export.json"
    code, out, err = run(capsys, "state", action, str(missing), "--state", str(state))
    assert code == 2
    assert out == "" and err == f"reader: no such file: {missing}\n"
    assert not state.exists()  # nothing loaded or written for a command that cannot run


def test_an_empty_result_is_said_on_a_terminal_only(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    isolated_dirs: Path,
) -> None:
    feed = tmp_path / "lib" / "coast"
    feed.mkdir(parents=True)
    (feed / "a.txt").write_text("date 2025-04-01 Lamp news\nThe lamp.\n", encoding="utf-8")
    state = str(tmp_path / "state.json")
    lib = str(tmp_path / "lib")
    assert run(capsys, "search", "zebra", lib, "--state", state) == (0, "", "")  # piped
    assert run(capsys, "list", lib, "--starred", "--state", state) == (0, "", "")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = run(capsys, "search", "zebra", lib, "--state", state)
    assert (code, out, err) == (0, "", "reader: No article matches.\n")
    code, out, err = run(capsys, "list", lib, "--starred", "--state", state)
    assert (code, out, err) == (0, "", "reader: No starred articles.\n")
    code, out, err = run(capsys, "list", lib, "--state", state)
    assert out.endswith("\tLamp news\n") and err == ""


def test_a_configured_library_that_is_missing_is_named_with_its_config(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, isolated_dirs: Path
) -> None:
    from reader.core.paths import config_path

    gone = tmp_path / "moved-away"
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(f'library = "{gone}"\n', encoding="utf-8")
    code, out, err = run(capsys, "list")
    assert (code, out) == (2, "")
    assert err.startswith(f"reader: no such folder: {gone} (the library in {config_path()};")
    assert err.count("\n") == 1


def test_the_apps_help_names_every_state_command_and_the_keys(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "`reader state export|import|merge`" in text
    assert "In the app, ? lists every key" in text
