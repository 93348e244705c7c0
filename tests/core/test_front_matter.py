"""Markdown front matter: YAML and TOML (Hugo), and the warnings of broken ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.formats import format_for, markdown, read_page
from reader.core.formats.markdown import parse_markdown_page
from reader.core.library import scan

HUGO = """+++
title = "Harbour dredging starts"
date = 2025-02-03T10:00:00+01:00
tags = ["harbour", "works"]
url = "https://harbour.example/dredging"
+++

The dredgers arrived on Monday.
"""


def test_toml_front_matter_as_hugo_writes_it() -> None:
    page = parse_markdown_page(HUGO, "fallback")
    assert page.title == "Harbour dredging starts"  # no longer "+++"
    assert page.date == dt.date(2025, 2, 3)
    assert page.tags == ("harbour", "works")
    assert page.url == "https://harbour.example/dredging"
    assert page.body.strip() == "The dredgers arrived on Monday."
    assert page.warning is None
    assert format_for("post", HUGO.encode()) is markdown.FORMAT  # sniffed too


@pytest.mark.parametrize(
    ("front", "byline"),
    [
        ("author: Ann Lee", "Ann Lee"),
        ("authors: [Ann Lee, Tom Hale]", "Ann Lee, Tom Hale"),
        ("author:\n  name: Ann Lee\n  email: ann@harbour.example", "Ann Lee"),
        ("authors:\n  - name: Ann Lee\n  - Tom Hale\n  - Ann Lee", "Ann Lee, Tom Hale"),
        ("authors: [a, b, c, d, e, f, g]", "a, b, c, d, e and others"),
        ("author: ann@harbour.example", None),
        ("author: https://harbour.example/ann", None),
        ("author: 42", None),
        ("title: No author", None),
    ],
)
def test_the_posts_author_is_its_byline(front: str, byline: str | None) -> None:
    page = parse_markdown_page(f"---\n{front}\n---\n\nThe dredgers arrived.\n", "post")
    assert page.byline == byline
    assert "The dredgers arrived." in page.body


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.text(max_size=40) | st.integers(),
        lambda inner: st.lists(inner, max_size=8) | st.dictionaries(st.just("name"), inner),
        max_leaves=12,
    )
)
def test_any_author_value_is_one_clean_line_or_none(value: object) -> None:
    from reader.core.formats.base import MAX_TITLE, byline_of

    byline = byline_of(value)
    assert byline is None or (
        byline.strip() == byline and "\n" not in byline and 0 < len(byline) <= MAX_TITLE
    )
    assert byline is None or all(ord(c) >= 32 for c in byline)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2025-02-03", dt.date(2025, 2, 3)),
        ("2025-02-03T10:00:00+01:00", dt.date(2025, 2, 3)),
        ("'2025-02-03T10:00:00+01:00'", dt.date(2025, 2, 3)),
        ("2025-02-03 10:00", dt.date(2025, 2, 3)),
    ],
)
def test_unambiguous_dates_are_read(date: str, expected: dt.date) -> None:
    page = parse_markdown_page(f"---\ntitle: T\ndate: {date}\n---\nbody\n", "f")
    assert (page.date, page.warning) == (expected, None)


@pytest.mark.parametrize(
    ("date", "warning"),
    [
        ("2025-02-30", "front matter date '2025-02-30' is not a date"),
        ("07/09/2025", "front matter date '07/09/2025' is ambiguous"),
        ("next tuesday", "front matter date 'next tuesday' is not a date"),
        ("[1, 2]", "front matter date '?' is not a date"),
    ],
)
def test_dates_that_are_no_dates_get_a_warning(date: str, warning: str) -> None:
    page = parse_markdown_page(f"---\ntitle: Kept\ndate: {date}\n---\nbody\n", "f")
    assert page.title == "Kept" and page.date is None
    assert page.warning is not None and page.warning.startswith(warning)


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("---\ntitle: [unclosed\n---\n# Real title\n\nbody\n", "not valid YAML"),
        ("---\n- a\n- b\n---\n# Real title\n\nbody\n", "not a list of keys and values"),
        ("+++\ntitle = unquoted\n+++\n# Real title\n\nbody\n", "not valid TOML"),
        ("+++\ntitle = 'x'\n\n# Real title\n\nbody\n", "no +++ line closes it"),
        (
            "---\na: &a [1]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,"
            "*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n---\n# Real title\n",
            "too many YAML aliases",
        ),
        ("+++\nx = " + "[" * 1500 + "]" * 1500 + "\n+++\n# Real title\n", "not valid TOML"),
    ],
    ids=["yaml", "yaml-list", "toml", "unclosed", "aliases", "toml-nesting"],
)
def test_broken_front_matter_still_shows_the_post(text: str, warning: str) -> None:
    page = parse_markdown_page(text, "fallback")
    assert page.title == "Real title"
    assert page.warning is not None and warning in page.warning


def test_warned_files_are_listed_and_reported_also_from_the_cache(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    (lib / "blog").mkdir(parents=True)
    (lib / "blog" / "bad.md").write_text("---\ntitle: [oops\n---\n# Still here\n\ntext\n")
    (lib / "blog" / "good.md").write_text(HUGO)
    library = scan([lib])
    assert sorted(a.title for a in library.articles) == ["Harbour dredging starts", "Still here"]
    (problem,) = library.problems
    assert problem.listed and problem.path.name == "bad.md"
    assert "not valid YAML" in problem.reason and "listed" in str(problem)
    # A warm scan reuses the row without reading the file: the warning stays.
    warm = scan([lib], library.articles)
    assert [(p.path.name, p.listed) for p in warm.problems] == [("bad.md", True)]
    assert read_page(lib / "blog" / "bad.md").warning == problem.reason


@pytest.mark.parametrize(
    "raw",
    [
        'title: "Ferry operator adds a late crossing"\ndate: 2025-03-14\n',
        "tags:\n  - harbour\n  - ferries\nauthor: Ana Lima\n",
        "date: 2025-13-45\nupdated: 2025-02-03T10:00:00+01:00\n",
        "nested:\n  a:\n    b: [1, 2, {c: d}]\n",
        "title: [unclosed\n",
        "- a list\n- not a mapping\n",
    ],
)
def test_libyaml_reads_plain_front_matter_as_the_limited_loader_does(raw: str) -> None:
    from reader.core import front_matter

    fast = front_matter.load_yaml(raw)
    front_matter.yaml.__with_libyaml__, saved = False, front_matter.yaml.__with_libyaml__
    try:
        slow = front_matter.load_yaml(raw)
    finally:
        front_matter.yaml.__with_libyaml__ = saved
    assert front_matter._plain(raw)
    assert fast == slow


_KEYS = st.sampled_from(["title", "date", "author", "tags", "guid", "url", "yes", "On", "x_1"])
_WORDS = st.sampled_from(
    ["Ann", "Lee", "harbour", "No", "null", "true", "Off", "y", "2025", "12:30", "a:b", "#c",
     "it's", "-x", "&a", "*b", "!t", "[", "]", "{", "é", "Łódź", "x.y", "", " ", "\t", "'", '"',
     "\\", ",", "0x1F", "1e3", "~", "\x07", "\x85", "\u2028"]
)  # fmt: skip


def _values() -> st.SearchStrategy[str]:
    words = st.lists(_WORDS, min_size=1, max_size=4).map(" ".join)
    return st.one_of(
        words,
        words.map(lambda w: f'"{w}"'),
        words.map(lambda w: f"'{w}'"),
        st.lists(words, max_size=3).map(lambda ws: "[" + ", ".join(ws) + "]"),
        st.dates().map(dt.date.isoformat),
        st.from_regex(r"\d{4}-\d\d-\d\d", fullmatch=True),
    )


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_KEYS, _values(), st.sampled_from([" ", "  ", ""])), max_size=6))
def test_simple_front_matter_reads_as_yaml_does(lines: list[tuple[str, str, str]]) -> None:
    from reader.core import front_matter

    raw = "\n".join(f"{key}:{space}{value}" for key, value, space in lines)
    simple = front_matter._simple(raw)
    if simple is None:
        return  # YAML reads it
    loader = front_matter._FrontMatterLoader(raw)
    try:
        assert simple == loader.get_single_data()
    finally:
        loader.dispose()
