"""`reader feed ...` and `reader fetch` from the command line, against a local server."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main, resolve_paths
from reader.core.config import Config
from reader.core.paths import news_path, sample_feeds_path, subscriptions_path
from tests.feed_server import FeedServer, feed_server, item, rss

__all__ = ["feed_server"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_fetch_list_and_the_bare_reader_default(
    capsys: pytest.CaptureFixture[str], feed_server: FeedServer
) -> None:
    feed_server.add("/feed", rss(item("Storm", guid="1", content="<p>Wind.</p>")))
    assert resolve_paths([], Config()) == [sample_feeds_path()]  # nothing fetched yet
    code, out, err = run(capsys, "feed", "add", feed_server.url("/feed"), "--no-full")
    assert (code, err) == (0, "")
    assert out == f"subscribed to {feed_server.url('/feed')} as 'Harbour Gazette'\n"
    text = subscriptions_path().read_text()
    assert '[feeds."Harbour Gazette"]' in text and "full = false" in text
    code, out, err = run(capsys, "fetch")
    assert code == 0 and "\r" not in out  # piped: no progress bar
    assert out == (
        f"1 feed: 1 fetched, 0 unchanged, 0 failed; 1 new article; "
        f"{out.split('; ')[2].split(' -> ')[0]} -> {news_path()}\n"
    )
    assert (news_path() / "Harbour Gazette" / "2025-02-03-storm.md").is_file()
    assert resolve_paths([], Config()) == [news_path()]  # a bare `reader` opens it now
    code, out, _ = run(capsys, "feed", "list")
    name, url, _when, result, count = out.rstrip("\n").split("\t")
    assert (name, url, result, count) == (
        "Harbour Gazette",
        feed_server.url("/feed"),
        "fetched",
        "1",
    )
    code, out, _ = run(capsys, "list")
    assert out.split("\t")[2:] == ["Harbour Gazette", "-", "Storm\n"]


def test_failures_gone_and_exit_codes(
    capsys: pytest.CaptureFixture[str], feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.add("/feed", rss(item("Storm", guid="1", content="<p>Wind.</p>")))
    feed_server.add("/gone", b"", 410)
    library = tmp_path / "lib"
    for name, path in (("ok", "/feed"), ("dead", "/gone"), ("lost", "/nowhere")):
        assert run(capsys, "feed", "add", feed_server.url(path), "--name", name)[0] == 0
    code, out, err = run(capsys, "fetch", "--library", str(library))
    assert code == 1
    lines = out.splitlines()
    assert "gone: dead: HTTP 410 (gone); it will not be fetched again" in lines
    assert "failed: lost: HTTP 404 (not found)" in lines
    assert lines[-1].startswith("3 feeds: 1 fetched, 0 unchanged, 2 failed; 1 new article;")
    code, out, err = run(capsys, "fetch", "--library", str(library), "ok", "dead")
    assert code == 0
    assert "gone: dead (found gone by an earlier fetch; not fetched)" in out
    assert "2 feeds: 0 fetched, 1 unchanged, 0 failed, 1 gone" in out
    code, out, err = run(capsys, "fetch", "nope")
    assert code == 2 and "no feed named 'nope'" in err
    code, out, _ = run(capsys, "feed", "list", "--library", str(library))
    assert [line.split("\t")[3] for line in out.splitlines()] == [
        "unchanged", "gone", "failed: HTTP 404 (not found)"
    ]  # fmt: skip


def test_add_refuses_what_is_no_feed(
    capsys: pytest.CaptureFixture[str], feed_server: FeedServer
) -> None:
    feed_server.add("/page", "<html><body>hello</body></html>", Content_Type="text/html")
    code, _, err = run(capsys, "feed", "add", feed_server.url("/page"))
    assert code == 1 and "not a feed" in err
    code, _, err = run(capsys, "feed", "add", "file:///etc/passwd")
    assert code == 1 and "not an http or https URL" in err
    assert not subscriptions_path().exists()


def test_export_import_remove(
    capsys: pytest.CaptureFixture[str], feed_server: FeedServer, tmp_path: Path
) -> None:
    subscriptions_path().parent.mkdir(parents=True)
    subscriptions_path().write_text(
        '# mine\n[feeds.one]\nurl = "https://one.example/f"\n\n'
        '[feeds."two words"]\nurl = "https://two.example/f"\nfull = false\n'
    )
    code, opml, _ = run(capsys, "feed", "export")
    assert code == 0 and 'xmlUrl="https://two.example/f" full="false"' in opml
    exported = tmp_path / "feeds.opml"
    exported.write_text(opml)
    code, out, _ = run(capsys, "feed", "import", str(exported))
    assert out == "imported 0 feeds (2 feeds already subscribed)\n"
    library = tmp_path / "lib"
    (library / "one").mkdir(parents=True)
    (library / "one" / "a.md").write_text("# A\n")
    code, out, _ = run(capsys, "feed", "remove", "one", "--library", str(library))
    assert code == 0 and "its articles stay" in out and (library / "one" / "a.md").exists()
    code, out, _ = run(capsys, "feed", "remove", "two words", "--delete-files")
    assert code == 0
    assert subscriptions_path().read_text().startswith("# mine\n")
    code, _, _ = run(capsys, "feed", "import", str(exported))
    code, again, _ = run(capsys, "feed", "export")
    assert again == opml  # import -> export -> import: the same subscriptions
    code, _, err = run(capsys, "feed", "remove", "nope")
    assert code == 1 and "no feed named 'nope'" in err


def test_import_of_a_missing_file_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # exit 2, as `reader state import` of a missing file; a file that is there but is no
    # OPML stays an error (exit 1)
    code, _, err = run(capsys, "feed", "import", str(tmp_path / "missing.opml"))
    assert code == 2 and "no such file:" in err and "missing.opml" in err
    (tmp_path / "bad.opml").write_text("not xml at all")
    code, _, err = run(capsys, "feed", "import", str(tmp_path / "bad.opml"))
    assert code == 1
    assert not subscriptions_path().exists()


def test_feed_list_leaves_an_unreadable_state_alone(capsys: pytest.CaptureFixture[str]) -> None:
    from reader.core.paths import fetch_state_path

    subscriptions_path().parent.mkdir(parents=True)
    subscriptions_path().write_text('[feeds.one]\nurl = "https://one.example/f"\n')
    fetch_state_path().parent.mkdir(parents=True)
    fetch_state_path().write_text("{broken")
    code, out, _ = run(capsys, "feed", "list")
    assert code == 0 and out.split("\t")[:4] == ["one", "https://one.example/f", "never", "-"]
    assert fetch_state_path().read_text() == "{broken"
