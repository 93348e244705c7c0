"""Chinese, Japanese and Korean search: a word of them is found anywhere in a run of
letters written without spaces, in the index, in titles searched without it and in
the highlights, with the rest of the query language as for any word."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core import search
from reader.core.library import scan
from reader.core.models import Article
from reader.core.query import (
    find_spans,
    fold,
    format_query,
    matches_text,
    needles,
    parse_query,
    spaced_cjk,
    word_needle,
)
from reader.core.search import SCHEMA_VERSION, SearchIndex, index_library, indexed_text
from tests.core.test_search import write_library

# Sentences written for these tests: a typhoon closes a port (Chinese), a library opens
# in Tokyo (Japanese), a new bus line in Seoul (Korean), a launch (mixed).
TYPHOON = (
    "date 2025-08-02 台风来袭 渡轮全部停航\n\n"
    "今天上午港口因台风关闭，所有渡轮停航，码头工人提前撤离。"
    "市政府表示，风力减弱后将重新评估开放时间。\n\n"
    "气象部门预计，台风将在傍晚前后登陆，沿海地区需要做好防范准备。\n"
)
LIBRARY = (
    "date 2025-08-01 東京で新しい図書館が開館\n\n"
    "東京都は今日、駅の近くに新しい図書館を開館したと発表しました。"
    "館内にはカフェもあり、夜九時まで利用できます。\n\n"
    "利用者はスマートフォンで本を予約でき、週末には読み聞かせ会も開かれます。\n"
)
BUS = (
    "date 2025-07-30 서울에서 새 버스 노선 개통\n\n"
    "서울시는 오늘부터 새로운 버스 노선을 운행한다고 밝혔습니다. "
    "이 노선은 부산항구행 열차와 연결됩니다.\n\n"
    "시민들은 출퇴근 시간이 줄어들 것으로 기대하고 있습니다.\n"
)
LAUNCH = (
    "date 2025-07-29 Phone maker holds its launch\n\n"
    "The iPhone发布会 drew a crowd of reporters to the harbour hall on Tuesday morning, "
    "and the ferry to the hall ran late because of the wind.\n"
)
FERRY = (
    "date 2025-07-28 Ferry timetable changes\n\n"
    "The harbour council approved a new ferry timetable with late crossings on Fridays, "
    "and the port will close early when a storm is forecast.\n"
)
PAGES = {
    "news/typhoon.txt": TYPHOON,
    "news/library.txt": LIBRARY,
    "news/bus.txt": BUS,
    "news/launch.txt": LAUNCH,
    "news/ferry.txt": FERRY,
}


@pytest.fixture
def library(tmp_path: Path) -> list[Article]:
    return scan([write_library(tmp_path / "lib", PAGES)]).articles


@pytest.fixture
def index(tmp_path: Path, library: list[Article]) -> Iterator[SearchIndex]:
    db = tmp_path / "search.sqlite"
    assert index_library(db, library) == len(PAGES)
    with SearchIndex(db) as opened:
        yield opened


def names(index: SearchIndex, text: str) -> set[str]:
    return {Path(key).stem for key in index.search(parse_query(text))}


# -- the index -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("港口", {"typhoon"}),  # inside a run of the body
        ("台风关闭", {"typhoon"}),
        ("渡轮", {"typhoon"}),  # in the title and the body
        ("来袭", {"typhoon"}),  # in the title only
        ("港", {"typhoon"}),  # one letter
        ("图书馆", set()),  # simplified Chinese letters are not the Japanese ones
        ("図書館", {"library"}),
        ("東京", {"library"}),
        ("カフェ", {"library"}),  # katakana
        ("できます", {"library"}),  # hiragana at the end of a sentence
        ("서울", {"bus"}),  # Korean: a word with its particle attached ("서울에서")
        ("항구", {"bus"}),  # inside a compound ("부산항구행")
        ("发布会", {"launch"}),  # CJK right after Latin letters
        ("iphone", {"launch"}),
        ("iPhone 发布会", {"launch"}),
        ("iPhone发布会", {"launch"}),
        ("iPhone发布", {"launch"}),
        ("港口 渡轮", {"typhoon"}),
        ("港口 ferry", set()),
        ('"港口因台风"', {"typhoon"}),
        ('"港口 关闭"', set()),  # a phrase: its words next to each other
        ("港口 -渡轮", set()),
        ("台风 -港口", set()),
        ("-港口 harbour", {"launch", "ferry"}),
        ("港口 OR 서울", {"typhoon", "bus"}),
        ("(港口 OR カフェ) -東京", {"typhoon"}),
        ("ferry (台风 OR 发布会)", {"launch"}),
        ("港口关闭", set()),  # the letters must follow each other
        ("关闭港口", set()),
    ],
)
def test_a_cjk_word_is_found_anywhere_in_a_run(
    index: SearchIndex, text: str, found: set[str]
) -> None:
    assert names(index, text) == found


def test_select_mask_agrees_with_search(index: SearchIndex, library: list[Article]) -> None:
    """The app's path (leaves kept as bitsets) finds what `search` does."""
    keys = [article.key for article in library]
    for text in ("港口", "iPhone 发布会", "港口 OR 서울", "-港口"):
        query = parse_query(text)
        mask = index.select_mask(query, keys)
        if not all(mask):
            index.fill_leaves()
            mask = index.select_mask(query, keys)
        chosen = {Path(k).stem for k, keep in zip(keys, mask, strict=True) if keep}
        assert chosen == names(index, text), text


def test_latin_text_is_indexed_as_before() -> None:
    """Text without a CJK letter is handed to the index as it is (the same object)."""
    for text in ("The harbour council", "Élection du conseil “portuaire”", "Москва", "Việt"):
        folded = fold(text)
        assert spaced_cjk(folded) is folded
    title, body = indexed_text("港口 news", ["今天港口关闭。", "More"])
    assert title.split() == ["港", "口", "news"]
    assert body.split() == ["今", "天", "港", "口", "关", "闭", "。", "more"]


def test_an_index_of_the_old_version_is_rebuilt_and_finds_the_word(
    tmp_path: Path, library: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Schema 4 made a token of a whole run: such a file is thrown away at its first
    open and the articles indexed again, after which 港口 is found."""
    db = tmp_path / "search.sqlite"
    with monkeypatch.context() as old:  # the code of schema 4
        old.setattr(search, "spaced_cjk", lambda text: text)
        old.setattr(search, "SCHEMA_VERSION", 4)
        assert index_library(db, library) == len(PAGES)
    with contextlib.closing(sqlite3.connect(db)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 4
    with SearchIndex(db) as index:
        assert len(index) == 0  # rebuilt: every article is stale again
        assert index.stale(library)[0]
    assert index_library(db, library) == len(PAGES)
    with SearchIndex(db) as index:
        assert names(index, "港口") == {"typhoon"}
    with contextlib.closing(sqlite3.connect(db)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5


def test_an_index_of_the_old_version_without_cjk_is_kept(
    tmp_path: Path, library: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A schema 4 file of a library without Chinese, Japanese or Korean holds what
    schema 5 writes: its version is raised and nothing is indexed again."""
    latin = [a for a in library if Path(a.path).stem in ("ferry", "launch")]
    db = tmp_path / "search.sqlite"
    with monkeypatch.context() as old:
        old.setattr(search, "spaced_cjk", lambda text: text)
        old.setattr(search, "SCHEMA_VERSION", 4)
        index_library(db, [a for a in latin if Path(a.path).stem == "ferry"])
    with SearchIndex(db) as index:
        assert len(index) == 1  # kept
        assert names(index, "ferry") == {"ferry"}
    with contextlib.closing(sqlite3.connect(db)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert index_library(db, latin) == 1  # only the article it did not hold
    with SearchIndex(db) as index:
        assert names(index, "发布会") == {"launch"}


def test_the_old_tokens_do_not_find_the_word(
    tmp_path: Path, library: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why the rebuild is needed: rows tokenized by schema 4, read as current, miss 港口."""
    db = tmp_path / "search.sqlite"
    with monkeypatch.context() as old:
        old.setattr(search, "spaced_cjk", lambda text: text)
        index_library(db, library)
    with SearchIndex(db) as index:
        assert names(index, "港口") == set()
        assert names(index, "ferry") == {"launch", "ferry"}


# -- the query, without the index -------------------------------------------------------


def test_a_cjk_word_is_the_phrase_of_its_letters() -> None:
    assert parse_query("港口").words == ("港口",)
    needle = word_needle("台风关闭")
    assert needle is not None and needle.tokens == ("台", "风", "关", "闭")
    assert not needle.prefix  # a letter is a whole token
    mixed = word_needle(fold("iPhone发布"))
    assert mixed is not None and mixed.tokens == ("iphone", "发", "布")
    latin_last = word_needle(fold("东京2025"))
    assert latin_last is not None and latin_last.tokens == ("东", "京", "2025")
    assert latin_last.prefix
    for text in ("港口", '"港口 关闭"', "-渡轮 (東京 OR 서울)", "iPhone 发布会"):
        query = parse_query(text)
        assert parse_query(format_query(query)) == query


@pytest.mark.parametrize(
    ("text", "title", "holds"),
    [
        ("港口", "今天上午港口因台风关闭", True),
        ("港口", "今天上午港因台风口关闭", False),
        ("台风 -关闭", "今天上午港口因台风关闭", False),
        ("東京", "東京で新しい図書館が開館", True),
        ("서울", "서울에서 새 버스 노선 개통", True),
        ("발표", "서울에서 새 버스 노선 개통", False),
        ("发布会", "The iPhone发布会", True),
        ("iphone", "The iPhone发布会", True),
        ('"新しい図書館"', "東京で新しい図書館が開館", True),
    ],
)
def test_titles_match_as_the_index_does(text: str, title: str, holds: bool) -> None:
    """Titles are searched in Python until the index exists: the same tokens."""
    assert matches_text(parse_query(text), title) is holds


def test_highlights_mark_the_cjk_match() -> None:
    text = "今天上午，港口因台风关闭。The iPhone发布会 ran late."
    found = find_spans(text, needles(parse_query("港口 台风 发布会")))
    assert [text[a:b] for a, b in found] == ["港口", "台风", "发布会"]
    found = find_spans(text, needles(parse_query("口因台")))
    assert [text[a:b] for a, b in found] == ["口因台"]
    korean = "서울에서 새 버스 노선"
    assert [korean[a:b] for a, b in find_spans(korean, needles(parse_query("서울")))] == ["서울"]
    wide = "ｶﾌｪで会う"  # half-width katakana, folded to the full-width letters
    assert [wide[a:b] for a, b in find_spans(wide, needles(parse_query("カフェ")))] == ["ｶﾌｪ"]


def test_cjk_punctuation_is_not_a_token() -> None:
    title, body = indexed_text("東京・大阪", ["「港口」"])
    assert title.split() == ["東", "京", "・", "大", "阪"]  # "・" separates, as a space
    assert body.split() == ["「", "港", "口", "」"]
    assert parse_query("・").is_empty and parse_query("「」").is_empty
    assert matches_text(parse_query("「港口」"), "「港口」")


@pytest.mark.skipif(os.name != "posix", reason="file times")
def test_a_changed_article_is_found_by_its_new_words(
    tmp_path: Path, library: list[Article]
) -> None:
    db = tmp_path / "search.sqlite"
    index_library(db, library)
    path = tmp_path / "lib" / "news" / "typhoon.txt"
    path.write_text(TYPHOON.replace("港口", "机场"), encoding="utf-8")
    os.utime(path, (1_800_000_000, 1_800_000_000))
    index_library(db, scan([tmp_path / "lib"]).articles)
    with SearchIndex(db) as index:
        assert names(index, "港口") == set()
        assert names(index, "机场") == {"typhoon"}


# -- the index and the Python matching agree --------------------------------------------

_LETTERS = list("港口台风关闭東京カフェーｶﾌｪﾞ々〇ㄅㅎ서울에ab1 ・，。")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    bodies=st.lists(st.text(alphabet=_LETTERS, max_size=24), min_size=1, max_size=6),
    words=st.lists(st.text(alphabet=_LETTERS, min_size=1, max_size=4), min_size=1, max_size=2),
    quoted=st.booleans(),
)
def test_the_index_finds_what_the_titles_search_finds(
    bodies: list[str], words: list[str], quoted: bool
) -> None:
    """For any text of these letters the index (unicode61 over `spaced_cjk`) and the
    Python matching (`_TOKEN`) find the same articles, so titles searched before the
    index exists and highlights agree with it."""
    query = parse_query(" ".join(f'"{w}"' if quoted else w for w in words))
    base = Article(id="x", path="/none", title="zz", feed="f", date=None, mtime=1.0, size=1)
    rows = [(dataclasses.replace(base, path=f"/t/{i}.txt"), 1, b) for i, b in enumerate(bodies)]
    with tempfile.TemporaryDirectory() as folder, SearchIndex(Path(folder) / "db") as index:
        index.update(rows)
        found = set(index.search(query))
    expected = {row[0].key for row in rows if matches_text(query, row[2])}
    assert found == expected, (bodies, query)
