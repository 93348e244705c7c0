"""A Markdown post is listed from its front matter alone exactly as the whole parse
lists it: the same title, date, url, source, tags, identity and warning."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.formats import markdown
from reader.core.formats.base import Page
from reader.core.formats.markdown import list_markdown_page, parse_markdown_page
from reader.core.textio import NotText

PATH = "/lib/feed/post.md"


def _row(page: Page) -> tuple[object, ...]:
    return (
        page.title, page.date, page.url, page.source, page.tags, page.identity,
        page.warning, page.format, page.truncated, page.markup,
    )  # fmt: skip


def _whole(data: bytes, truncated: bool) -> Page:
    return markdown.FORMAT.parse(data, PATH, truncated)[0]


_pieces = st.sampled_from(
    [
        "---\n", "+++\n", "---", "...\n", "--- \n", "\n", "\r\n", "\r", "\t", " ",
        "title: A post\n", 'title: "Quoted: post"\n', "title: \n", 'title = "Toml post"\n',
        "date: 2025-02-03\n", "date = 2025-02-03\n", "date: 2025-02-30\n", "date: 07/09/2025\n",
        "url: https://x.example/a\n", "tags: [a, b]\n", "guid: g-1\n", "source: Paper\n",
        "# A heading\n", "```\n", "body text\n", "\x1b[2J", "\x1b]0;t\x07", "\u200b", "é",
        "key: [unclosed\n", ": bad\n", "a: &x 1\n", "---x\n",
    ]
)  # fmt: skip
_lines = st.sampled_from(
    [
        "title: A post", 'title: "Quoted: post"', "title:", 'title = "Toml post"',
        "title: \x1b[2JEscaped", "title: Caf\u00e9", "date: 2025-02-03", "date = 2025-02-03",
        "date: 2025-02-30", "date: 07/09/2025", "url: https://x.example/a", "tags: [a, b]",
        'tags = ["a"]', "guid: g-1", "source: Paper", "key: [unclosed", ": bad", "a: &x 1",
        "---x", "", " ", "\t", "title: A\r", "title: x\u2028y",
    ]
)  # fmt: skip
_printable = st.characters(categories=["L", "N", "P", "S", "Zs"])
_structured = st.tuples(
    st.sampled_from(["---", "+++", "--- ", "---\r"]),
    st.lists(_lines | _lines | st.text(_printable, max_size=4), max_size=6).flatmap(
        lambda lines: st.sampled_from(["title: A post", 'title = "Toml post"']).map(
            lambda title: [title, *lines]
        )
    ),
    st.sampled_from(["---", "+++", "...", "--- ", "----", "---\r", ""]),
    st.lists(_pieces, max_size=8),
).map(lambda t: "\n".join([t[0], *t[1], t[2]]) + "\n" + "".join(t[3]))
_texts = _structured | st.lists(_pieces | st.text(max_size=5), max_size=30).map("".join)


@settings(max_examples=600)
@given(_texts, st.booleans(), st.sampled_from([None, 12, 40]))
def test_a_post_is_listed_as_its_whole_parse_lists_it(
    text: str, truncated: bool, limit: int | None
) -> None:
    data = text.encode("utf-8")
    with mock.patch.object(markdown, "MAX_FRONT_MATTER", limit or markdown.MAX_FRONT_MATTER):
        try:
            whole = _whole(data, truncated)
        except NotText:  # a NUL byte: both refuse the file as binary
            with pytest.raises(NotText):
                list_markdown_page(data, PATH, truncated)
            return
        listed = list_markdown_page(data, PATH, truncated)
    assert len(listed) == 1
    assert _row(listed[0]) == _row(whole)


def test_the_body_of_a_post_with_a_titled_front_matter_is_not_read() -> None:
    data = b"---\ntitle: A post\ndate: 2025-02-03\n---\n" + b"# Not this\n" + b"x \x1b[2J" * 5000
    with mock.patch.object(markdown, "clean_display_text", side_effect=AssertionError):
        (page,) = list_markdown_page(data, PATH, False)
    assert (page.title, str(page.date), page.body) == ("A post", "2025-02-03", "")
    assert _row(page) == _row(parse_markdown_page(data.decode(), "post"))


def test_without_a_title_in_the_front_matter_the_first_heading_is_read() -> None:
    data = b"---\ndate: 2025-02-03\n---\nIntro\n\n## The heading\n"
    (page,) = list_markdown_page(data, PATH, False)
    assert page.title == "The heading"


def test_simple_front_matter_is_listed_without_importing_pyyaml(tmp_path: Path) -> None:
    """PyYAML is imported at the first front matter that is not simple (a tenth of a
    second on a cold disk, in the app's first rows and in each scan worker)."""
    post = tmp_path / "post.md"
    post.write_text('---\ntitle: "A post"\ndate: 2025-02-03\ntags: [a, b]\n---\nBody\n')
    odd = tmp_path / "odd.md"
    odd.write_text("---\ntitle: A post\nnested:\n  a: 1\n---\nBody\n")
    code = (
        "import sys\nfrom reader.core.library import read_articles, Candidate\n"
        "a = read_articles(Candidate(sys.argv[1], 'f'))[0]\n"
        "print(a.title, a.date, a.tags, 'yaml' in sys.modules)\n"
        "read_articles(Candidate(sys.argv[2], 'f'))\n"
        "print('yaml' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(post), str(odd)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split("\n")[:2] == ["A post 2025-02-03 ('a', 'b') False", "True"]
