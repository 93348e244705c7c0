"""Library scan: feeds, skipped files, identity and ordering."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from reader.core import library as library_module
from reader.core import workers as workers_module
from reader.core.identity import article_id, normalise_title
from reader.core.library import Library, scan
from reader.core.models import Article, merge_sorted


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_feeds_come_from_first_level_folders(tmp_path: Path) -> None:
    lib = tmp_path / "news"
    write(lib / "alpha" / "a.txt", "date 2025-01-02 Alpha one\nbody")
    write(lib / "alpha" / "deeper" / "b.md", "# Alpha deep\n")
    write(lib / "root.txt", "date 2025-01-03 Root article\nbody")
    library = scan([lib])
    feeds = {a.title: a.feed for a in library.articles}
    assert feeds == {"Alpha one": "alpha", "Alpha deep": "alpha", "Root article": "news"}


def test_hidden_files_are_skipped_silently_and_other_types_with_a_reason(tmp_path: Path) -> None:
    lib = tmp_path / "news"
    write(lib / "f" / "notes.pdf", "x")
    write(lib / "f" / ".hidden.txt", "date 2025-01-01 Hidden\n")
    write(lib / ".git" / "x.txt", "date 2025-01-01 In hidden folder\n")
    write(lib / "f" / "ok.txt", "date 2025-01-01 Visible\n")
    write(lib / "f" / "page.html", "<html>x</html>")
    write(lib / "f" / "page_files" / "style.css", "x")  # a saved page's assets
    write(lib / "f" / "my_files" / "README", "x")  # a folder that is no page's assets
    library = scan([lib])
    assert sorted(a.path.rsplit("/", 1)[1] for a in library.articles) == ["ok.txt", "page.html"]
    reasons = {p.path.name: p.reason for p in library.problems}
    assert set(reasons) == {"notes.pdf", "README"}
    assert reasons["notes.pdf"].startswith("unknown type (.pdf)")
    assert reasons["README"].startswith("unknown type (no suffix)")
    assert not any(p.listed for p in library.problems)


def test_newest_first_undated_after_dated_newest_file_first(tmp_path: Path) -> None:
    lib = tmp_path / "news"
    write(lib / "f" / "old.txt", "date 2020-01-01 Old\n")
    write(lib / "f" / "new.txt", "date 2025-06-01 New\n")
    undated = write(lib / "f" / "undated.txt", "Undated title\nbody\n")
    os.utime(undated, (1_700_000_000, 1_700_000_000))  # 2023-11-14
    older = write(lib / "f" / "older.txt", "Older undated\nbody\n")
    os.utime(older, (1_600_000_000, 1_600_000_000))
    future = write(lib / "f" / "future.txt", "Touched undated\nbody\n")
    os.utime(future, (4_000_000_000, 4_000_000_000))  # a file time in 2096
    titles = [a.title for a in scan([lib]).articles]
    assert titles == ["New", "Old", "Touched undated", "Undated title", "Older undated"]


def test_an_undated_article_takes_a_date_found_in_its_text(tmp_path: Path) -> None:
    lib = tmp_path / "news"
    write(lib / "f" / "old.txt", "date 2020-01-01 Old\n")
    write(lib / "f" / "new.txt", "date 2025-06-01 New\n")
    write(lib / "f" / "found.txt", "Festival returns\nBy Ann\nPublished 21 June 2023, 19:12\n")
    write(lib / "f" / "post.md", "# A post\n\nWritten on August 7, 2021.\n")
    write(lib / "f" / "plain.txt", "Nothing dated\nbody\n")
    articles = scan([lib]).articles
    titles = [a.title for a in articles]
    assert titles == ["New", "Festival returns", "A post", "Old", "Nothing dated"]
    by_title = {a.title: a for a in articles}
    found = by_title["Festival returns"]
    assert found.date is None and found.found_date == dt.date(2023, 6, 21)
    assert found.shown_date == dt.date(2023, 6, 21)
    assert by_title["A post"].found_date == dt.date(2021, 8, 7)
    # The id stays that of an undated article: marks never depend on the finder.
    assert found.id == article_id("Festival returns", None)
    assert by_title["Nothing dated"].found_date is None
    assert by_title["New"].found_date is None


def test_an_undated_html_pages_date_is_found_in_what_a_reader_sees(tmp_path: Path) -> None:
    """An HTML page's head holds dates that are no publication's (a cache's expiry, a
    script's build): the page of 2012 below was listed as of "~2013-01-11". Its date
    is looked for in the text of its body, scripts, styles and comments left out."""
    lib = tmp_path / "news"
    head = (
        "<html><head><title>Ferry returns</title>"
        '<meta http-equiv="expires" content="Fri, 11 Jan 2013 14:56:16 GMT">'
        '<script>var built = "2014-03-02";</script></head>'
    )
    body = (
        "<body><!-- cached 2015-05-05 --><nav><a href='/'>Home</a></nav>"
        "<style>.a{} /* 2016-06-06 */</style><script>render('2017-07-07')</script>"
        "<p class='meta'>Posted&nbsp;12 January 2012</p><p>The ferry is back.</p></body></html>"
    )
    write(lib / "f" / "page.html", head + body)
    bare = head.replace("Ferry returns", "Nothing dated") + "<body><p>Text.</p></body></html>"
    write(lib / "f" / "bare.html", bare)
    by_title = {a.title: a for a in scan([lib]).articles}
    assert by_title["Ferry returns"].found_date == dt.date(2012, 1, 12)
    assert by_title["Nothing dated"].found_date is None


def test_the_found_date_is_looked_for_in_the_scan_probe_only(tmp_path: Path) -> None:
    lib = tmp_path / "news"
    late = "Late date\n" + "filler line\n" * 400 + "Published 21 June 2023\n"
    write(lib / "f" / "late.txt", late)
    (article,) = scan([lib]).articles
    assert article.found_date is None


def test_files_given_directly_and_missing_paths(tmp_path: Path) -> None:
    path = write(tmp_path / "feedname" / "one.txt", "date 2025-01-01 One\n")
    library = scan([path, tmp_path / "missing"])
    assert [(a.title, a.feed) for a in library.articles] == [("One", "feedname")]
    assert [p.path.name for p in library.problems] == ["missing"]


def test_identity_survives_moves_renames_and_rescrapes(tmp_path: Path) -> None:
    first = write(tmp_path / "a" / "f" / "x.txt", "date 2025-01-01 Same  Story!\nnav\nbody one")
    before = scan([tmp_path / "a"]).articles[0].id
    moved = tmp_path / "b" / "f" / "renamed.txt"
    moved.parent.mkdir(parents=True)
    first.rename(moved)
    moved.write_text(
        "date 2025-01-01 same story\nother nav\nbody one\nnew footer", encoding="utf-8"
    )
    assert scan([tmp_path / "b"]).articles[0].id == before
    assert before == article_id("Same Story", dt.date(2025, 1, 1))


def test_namesakes_in_other_feeds_get_their_own_id(tmp_path: Path) -> None:
    lib = tmp_path / "news"
    write(lib / "aaa" / "w.txt", "date 2025-01-01 Weather\n")
    write(lib / "bbb" / "w.txt", "date 2025-01-01 Weather\n")
    write(lib / "bbb" / "copy.txt", "date 2025-01-01 Weather\n")
    ids = {(a.feed, Path(a.path).name): a.id for a in scan([lib]).articles}
    assert ids[("aaa", "w.txt")] == article_id("Weather", dt.date(2025, 1, 1))
    assert ids[("bbb", "w.txt")] != ids[("aaa", "w.txt")]
    assert ids[("bbb", "w.txt")] == ids[("bbb", "copy.txt")]


def test_fifo_is_skipped_with_a_reason(tmp_path: Path) -> None:
    lib = tmp_path / "news"
    write(lib / "f" / "ok.txt", "date 2025-01-01 Fine\n")
    os.mkfifo(lib / "f" / "pipe.txt")
    library = scan([lib])
    assert [a.title for a in library.articles] == ["Fine"]
    assert [(p.path.name, p.reason) for p in library.problems] == [
        ("pipe.txt", "not a regular file (FIFO)")
    ]


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    lib = tmp_path / "news"
    write(lib / "f" / "ok.txt", "date 2025-01-01 Fine\n")
    (lib / "f" / "loop").symlink_to(lib)
    assert [a.title for a in scan([lib]).articles] == ["Fine"]


def test_normalised_title_ignores_case_punctuation_and_spacing() -> None:
    assert normalise_title("  Ｆｕｌｌ-width: TITLE!! ") == normalise_title("full width title")


def test_locate_gives_the_same_feed_as_a_scan(tmp_path: Path) -> None:
    from reader.core.library import locate

    lib = tmp_path / "news"
    deep = write(lib / "alpha" / "x" / "deep.txt", "date 2025-01-01 Deep\n")
    top = write(lib / "top.txt", "date 2025-01-01 Top\n")
    hidden = write(lib / "alpha" / ".h.txt", "date 2025-01-01 H\n")
    other = write(lib / "alpha" / "notes.pdf", "x")
    scanned = {a.path: a.feed for a in scan([lib]).articles}
    for path in (deep, top):
        candidate = locate(path, [lib])
        assert candidate is not None and candidate.feed == scanned[str(path)]
    assert locate(hidden, [lib]) is None
    assert locate(other, [lib]) is None
    assert locate(tmp_path / "elsewhere.txt", [lib]) is None


def _mixed_library(root: Path) -> Path:
    """Plain headers, Markdown, no header, a non-ASCII title, a binary file and a FIFO."""
    for i in range(12):
        write(root / f"feed{i % 3}" / f"a{i:02}.txt", f"date 2025-01-{i + 1:02} Story {i}\nbody\n")
    write(root / "feed0" / "m.md", "---\ntitle: Markdown one\ndate: 2025-02-01\n---\nbody\n")
    write(root / "feed1" / "plain.txt", "No header here\nbody\n")
    write(root / "feed2" / "cafe.txt", "date 2025-03-01 Café reopens\nbody\n")
    (root / "feed2" / "junk.txt").write_bytes(bytes(range(256)) * 4)
    os.mkfifo(root / "feed1" / "pipe.txt")
    return root


@pytest.fixture
def mixed(tmp_path: Path) -> tuple[Path, Library]:
    """The mixed library and how a scan in one process sees it."""
    lib = _mixed_library(tmp_path / "news")
    return lib, scan([lib])


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Worker processes for a handful of files, a few files per task."""
    monkeypatch.setattr(library_module, "CHUNK", 4)
    monkeypatch.setattr(library_module, "PARALLEL_MIN", 8)
    return monkeypatch


def test_worker_processes_scan_exactly_like_one(
    mixed: tuple[Path, Library], small_chunks: pytest.MonkeyPatch
) -> None:
    lib, alone = mixed
    batches: list[int] = []
    shared = scan(
        [lib], workers=2, on_batch=lambda rows: batches.append(len(rows)), batch_seconds=0
    )
    assert shared.articles == alone.articles and len(alone.articles) == 15
    assert sorted(shared.problems, key=str) == sorted(alone.problems, key=str)
    assert len(alone.problems) == 2
    assert batches and batches == sorted(batches)  # rows arrive while the workers read
    assert batches[0] < len(alone.articles)  # the first ones before every file is read


def test_folders_the_workers_walk_are_listed_as_the_scan_would(
    tmp_path: Path, small_chunks: pytest.MonkeyPatch
) -> None:
    """Once its workers run, a first scan hands them the folders it has not entered,
    a slice of each a worker (`walk_task`): the same rows, problems and watched folders
    as a scan in one process, folders below those and what they skip included."""
    lib = tmp_path / "news"
    for feed in ("alpha", "beta", "gamma", "delta"):
        for i in range(9):
            write(lib / feed / f"a{i}.txt", f"date 2025-01-{i + 1:02} {feed} story {i}\nbody\n")
        write(lib / feed / "2024" / "old.txt", f"date 2024-05-01 {feed} from last year\nbody\n")
        write(lib / feed / "notes.docx", "not an article")
        write(lib / feed / "page.html", "<title>Saved</title><p>A page saved with its assets.</p>")
        write(lib / feed / "page_files" / "x.txt", "date 2025-01-01 Never listed\nbody\n")
        write(lib / feed / ".hidden" / "y.txt", "date 2025-01-01 Never listed\nbody\n")
    (lib / "gamma" / "junk.txt").write_bytes(bytes(range(256)) * 4)
    os.mkfifo(lib / "delta" / "pipe.txt")
    # A page in one worker's slice, its assets folder in the other's.
    zeta = lib / "zeta"
    write(zeta / "a.html", "<title>Saved too</title><p>Its assets are beside it.</p>")
    write(zeta / "a.x.txt", "date 2025-02-01 A dump\nbody\n")
    write(zeta / "a.y.txt", "date 2025-02-02 Another\nbody\n")
    write(zeta / "a_files" / "x.txt", "date 2025-01-01 Never listed\nbody\n")
    alone = scan([lib])
    handed: list[tuple[str, bool]] = []
    add_folder = library_module._Reader.add_folder

    def spy(reader: library_module._Reader, folder: str, *rest: object) -> bool:
        taken = add_folder(reader, folder, *rest)  # type: ignore[arg-type]
        handed.append((os.path.basename(folder), taken))
        return taken

    small_chunks.setattr(library_module._Reader, "add_folder", spy)
    shared = scan([lib], workers=2)
    assert ("zeta", True) in handed and ("alpha", False) in handed  # (walked here)
    assert shared.articles == alone.articles and len(alone.articles) == 4 * 11 + 3
    assert sorted(map(str, shared.problems)) == sorted(map(str, alone.problems))
    assert len(alone.problems) == 4 + 2  # the .docx files, the binary, the FIFO
    assert sorted(shared.folders) == sorted(alone.folders) and len(alone.folders) == 2 + 4 * 2


def test_a_folder_the_workers_share_has_its_problem_said_once(
    tmp_path: Path, small_chunks: pytest.MonkeyPatch
) -> None:
    """A folder handed to the workers in slices that is too deep to enter is one
    problem, not one a slice."""
    lib = tmp_path / "news"
    deepest = lib.joinpath(*["d"] * library_module.MAX_DEPTH)
    for i in range(12):  # files enough, as deep as a walk goes, for the workers to start
        write(deepest / f"{i:02}.txt", f"date 2025-01-{i + 1:02} Story {i}\nbody\n")
    write(deepest / "x" / "a.txt", "date 2025-02-01 Too deep\nbody\n")
    alone, shared = scan([lib]), scan([lib], workers=2)
    assert shared.articles == alone.articles and len(alone.articles) == 12
    assert list(map(str, shared.problems)) == list(map(str, alone.problems))
    assert [p.path.name for p in alone.problems] == ["x"]


@pytest.mark.parametrize("namesakes", [False, True])
def test_a_scan_that_sorts_as_it_waits_lists_as_one_sort(
    tmp_path: Path, small_chunks: pytest.MonkeyPatch, namesakes: bool
) -> None:
    """A cold scan with workers sorts its rows while it waits for the last chunks, then
    puts the last rows in their places (`merge_sorted`), knows the ids it read and
    whether any row has a warning: the same rows, order, ids and problems as a scan
    in one process, with and without namesakes (the same title and date in two feeds)."""
    small_chunks.setattr(library_module, "FIRST_BATCH", 5)
    lib = tmp_path / "news"
    for i in range(60):
        # Many rows of one date: their order is the title's, then the path's. Namesakes:
        # each title and date three times, in three feeds.
        day = 1 + (i % 4 if namesakes else i % 9)
        title = f"Story {i % 5}" if namesakes else f"Story {i}"
        write(lib / f"feed{i % 3}" / f"a{i:02}.txt", f"date 2025-01-{day:02} {title}\nbody\n")
    (lib / "feed1" / "junk.txt").write_bytes(bytes(range(256)) * 4)
    alone = scan([lib])
    batches: list[int] = []
    merges: list[int] = []

    def merge(rows: list[Article], in_order: int) -> list[Article]:
        merges.append(len(rows) - in_order)
        return merge_sorted(rows, in_order)

    small_chunks.setattr(library_module, "merge_sorted", merge)
    shared = scan([lib], workers=2, on_batch=lambda rows: batches.append(len(rows)))
    assert len(merges) == (not namesakes)  # namesakes renamed: the rows are sorted whole
    assert [a.id for a in shared.articles] == [a.id for a in alone.articles]
    assert shared.articles == alone.articles and len(alone.articles) == 60
    assert len({a.id for a in alone.articles}) == 60  # namesakes were told apart
    assert shared.problems == alone.problems and len(alone.problems) == 1
    assert batches[0] == 5  # the first batch, then (batches 0.5 s apart) the whole list


def test_batches_come_less_often_as_the_list_grows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sorting and showing a batch costs in proportion to its rows: past `BATCH_ROWS`
    rows the wait between batches grows with them. A clock that moves one second per
    look makes the schedule exact."""
    lib = tmp_path / "news"
    for i in range(24):
        write(lib / "feed" / f"{i:02d}.txt", f"date 2025-01-{i + 1:02d} Article {i}\nbody")
    monkeypatch.setattr(library_module, "CHUNK", 1)
    monkeypatch.setattr(library_module, "FIRST_BATCH", 1)
    ticks = iter(range(1_000_000))
    monkeypatch.setattr(library_module.time, "monotonic", lambda: float(next(ticks)))

    def batches(rows_per_wait: int) -> list[int]:
        monkeypatch.setattr(library_module, "BATCH_ROWS", rows_per_wait)
        sizes: list[int] = []
        done = scan([lib], on_batch=lambda rows: sizes.append(len(rows)), batch_seconds=1)
        assert len(done.articles) == 24
        return sizes

    steady = batches(10**9)  # a batch whenever a second has passed
    growing = batches(4)
    assert steady[0] == growing[0] == 1 and steady == sorted(steady)
    assert len(growing) < len(steady) / 2
    gaps = [b - a for a, b in itertools.pairwise(growing)]
    assert gaps == sorted(gaps) and gaps[-1] > gaps[0]


def test_scan_workers_run_behind_the_app() -> None:
    """The app's own process (the walk, the rows, the screen) is the first scan's longest
    chain: its workers run at a higher niceness."""
    pool = library_module._start_pool(1)
    try:
        niceness = pool.submit(os.nice, 0).result(timeout=60)
    finally:
        pool.shutdown()
    assert niceness == min(19, os.nice(0) + library_module.WORKER_NICE)


def test_a_cold_scan_shows_its_first_files_before_the_walk_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first few files found are read at once and handed over (sorted), before
    the rest of the library is even listed; the whole list follows."""
    monkeypatch.setattr(library_module, "FIRST_BATCH", 3)
    lib = tmp_path / "news"
    for i in range(10):
        write(lib / "feed" / f"{i}.txt", f"date 2025-01-{i + 1:02d} Article {i}\nbody")
    batches: list[list[str]] = []
    done = scan(
        [lib], on_batch=lambda rows: batches.append([a.title for a in rows]), batch_seconds=60
    )
    assert len(batches) == 1 and len(batches[0]) == 3  # later ones wait batch_seconds
    assert set(batches[0]) < {a.title for a in done.articles}
    assert len(done.articles) == 10
    assert [a.title for a in done.articles] == [f"Article {i}" for i in range(9, -1, -1)]


def test_a_cold_scan_without_stat_rows_matches_a_warm_one(
    mixed: tuple[Path, Library], tmp_path: Path
) -> None:
    lib, cold = mixed
    unrelated = [dataclasses.replace(cold.articles[0], path=str(tmp_path / "gone.txt"))]
    checked = scan([lib], unrelated)  # a cache is given: every file is stat-ed first
    assert checked.articles == cold.articles
    assert all(a.size > 0 and a.mtime > 0 for a in cold.articles)


def test_a_check_that_finds_nothing_changed_keeps_the_cached_order(
    mixed: tuple[Path, Library], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every cached row unchanged (entries of a feed file too) and no other file: the
    rows come back in the cache's order without a sort (its keys were 190 MiB for a
    moment at a million rows); one changed file and they are sorted again."""
    lib, _ = mixed
    items = "".join(
        f"<item><title>Ferry {n}</title><guid>f{n}</guid>"
        f"<pubDate>Mon, 0{n} Mar 2025 10:00:00 GMT</pubDate><description>x</description></item>"
        for n in (3, 4)
    )
    write(lib / "feed0" / "ferries.rss", f"<rss version='2.0'><channel>{items}</channel></rss>")
    cold = scan([lib])
    assert sum(bool(a.entry) for a in cold.articles) == 2

    def no_sort(*args: object) -> None:
        raise AssertionError("sorted")

    with monkeypatch.context() as patched:
        patched.setattr(library_module, "sort_articles", no_sort)
        patched.setattr(library_module, "separate_namesakes", no_sort)
        checked = scan([lib], cold.articles)
    assert checked.articles == cold.articles and checked.articles is not cold.articles
    assert all(a is b for a, b in zip(checked.articles, cold.articles, strict=True))
    assert sorted(map(str, checked.problems)) == sorted(map(str, cold.problems))
    path = Path(cold.articles[-1].path)
    path.write_text("date 2030-01-01 Now the newest\nbody", encoding="utf-8")
    assert scan([lib], cold.articles).articles == scan([lib]).articles


def test_a_file_found_twice_is_reused_once(tmp_path: Path) -> None:
    """Paths that overlap walk a file twice: its cached row is taken once, so a cached
    row of a file that is gone never stands in for the second copy."""
    lib = tmp_path / "news"
    write(lib / "alpha" / "a.txt", "date 2025-01-02 Alpha one\nbody")
    alone = scan([lib]).articles
    gone = dataclasses.replace(alone[0], path=str(lib / "alpha" / "gone.txt"), id="gone")
    checked = scan([lib, lib], [alone[0], gone]).articles
    assert [a.path for a in checked] == [alone[0].path] * 2


class _BrokenPool:
    """A process pool whose workers all died: every task fails."""

    def submit(self, *args: object) -> Future[object]:
        future: Future[object] = Future()
        future.set_exception(BrokenProcessPool("a worker was killed"))
        return future

    def shutdown(self, **kwargs: object) -> None:
        pass


def test_chunks_of_a_dead_worker_are_read_in_the_scan_itself(
    mixed: tuple[Path, Library], small_chunks: pytest.MonkeyPatch
) -> None:
    lib, alone = mixed
    small_chunks.setattr(library_module, "_start_pool", lambda workers: _BrokenPool())
    assert scan([lib], workers=2).articles == alone.articles


def test_a_scan_reads_in_process_when_no_worker_can_start(
    mixed: tuple[Path, Library], small_chunks: pytest.MonkeyPatch
) -> None:
    lib, alone = mixed

    def refuse(workers: int) -> None:
        raise OSError(38, "Function not implemented")  # e.g. no /dev/shm for the locks

    small_chunks.setattr(library_module, "_start_pool", refuse)
    assert scan([lib], workers=2).articles == alone.articles


def test_the_fork_server_preloads_the_scan() -> None:
    assert library_module.__name__ == workers_module.SCAN_MODULE


def test_a_fork_server_started_early_is_the_one_the_scan_workers_come_from() -> None:
    """A first start starts the workers' fork server as the app starts (`start_early`);
    the scan's pool then forks its workers from that server, not from a new one."""
    from multiprocessing import forkserver

    if workers_module.worker_count() < 2:
        pytest.skip("one CPU: a scan starts no workers")
    workers_module.start_early()
    server = forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
    assert server is not None
    pool = library_module._start_pool(1)
    try:
        parent = pool.submit(os.getppid).result(timeout=60)
    finally:
        pool.shutdown()
    assert parent == server
