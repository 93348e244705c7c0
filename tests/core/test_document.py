"""Display blocks: Markdown rendering and the hidden-block view."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.document import (
    MAX_SHOWN_URL,
    document_blocks,
    document_links,
    markdown_blocks,
    reading_minutes,
)
from reader.core.formats.base import MAX_TITLE, shown_title
from reader.core.formats.markdown import parse_markdown_page
from reader.core.identity import article_id
from reader.core.models import Block


def test_markdown_structure_becomes_display_blocks() -> None:
    kinds = [
        (b.kind, b.prefix, b.text)
        for b in markdown_blocks(
            "## Head *x*\n\n1. one\n2. two\n\n> said\n\n---\n\n```\nc = 1\n```"
        )
    ]
    assert kinds == [
        ("heading", "", "Head x"),
        ("item", "1. ", "one"),
        ("item", "2. ", "two"),
        ("quote", "▎ ", "said"),
        ("rule", "", ""),
        ("code", "", "c = 1"),
    ]


def test_links_are_kept_as_data_and_html_as_text() -> None:
    (block,) = markdown_blocks("See [the report](https://example.com/r) <b>now</b>")
    assert block.text == "See the report <b>now</b>"
    assert [s.link for s in block.spans if s.link] == ["https://example.com/r"]


def test_hidden_runs_are_grouped_and_shown_only_on_request() -> None:
    blocks = [
        Block("Body one."),
        Block("Teaser A", True, "teaser list"),
        Block("Teaser B", True, "teaser list"),
        Block("Footer", True, "footer"),
    ]
    assert [b.text for b in document_blocks(blocks, markdown=False, show_hidden=False)] == [
        "Body one."
    ]
    shown = document_blocks(blocks, markdown=False, show_hidden=True)
    assert [(b.kind, b.reason, b.text) for b in shown] == [
        ("para", "", "Body one."),
        ("hidden", "teaser list", "Teaser A\nTeaser B"),
        ("hidden", "footer", "Footer"),
    ]


def test_plain_text_is_not_interpreted_as_markdown() -> None:
    (block,) = document_blocks(
        [Block("# not a heading *really*")], markdown=False, show_hidden=False
    )
    assert (block.kind, block.text) == ("para", "# not a heading *really*")


def test_a_text_dumps_list_lines_are_list_items() -> None:
    # Each line of a text dump is a paragraph; a run of bulleted or numbered lines
    # reads as a list (the pane shows consecutive items tight), each marker as
    # written (a dash may open a line of dialogue). A year, a "-30-" sign-off and a
    # lone dash are no list.
    lines = ["What changes:", "- Four crossings.", "• Bikes free.", "3) Night fares.",
             "1999. The year it closed.", "-30-", "*emphasis* stays a paragraph"]  # fmt: skip
    blocks = document_blocks([Block(line) for line in lines], markdown=False, show_hidden=False)
    assert [(b.kind, b.prefix, b.text) for b in blocks] == [
        ("para", "", "What changes:"),
        ("item", "- ", "Four crossings."),
        ("item", "• ", "Bikes free."),
        ("item", "3) ", "Night fares."),
        ("para", "", "1999. The year it closed."),
        ("para", "", "-30-"),
        ("para", "", "*emphasis* stays a paragraph"),
    ]


def test_reading_time_is_at_least_a_minute() -> None:
    assert reading_minutes(0) == 1
    assert reading_minutes(2300) == 10


def test_cap_blocks_cuts_at_the_limit_and_counts_the_rest() -> None:
    from reader.core.document import cap_blocks

    blocks = document_blocks([Block("a" * 60), Block("b" * 60), Block("c" * 30)], False, False)
    kept, left = cap_blocks(blocks, 100)
    assert [b.text for b in kept] == ["a" * 60, "b" * 40]
    assert left == 20 + 30
    assert cap_blocks(blocks, 1000) == (blocks, 0)


def test_a_table_is_aligned_in_columns() -> None:
    source = (
        "| Name | Qty | 名前 |\n|:-----|----:|:---:|\n"
        "| apple | 3 | りんご |\n| a long name | 120 | a |"
    )
    (block,) = markdown_blocks(source)
    assert block.kind == "table"
    assert block.text.split("\n") == [
        "Name        │ Qty │  名前",
        "────────────┼─────┼───────",
        "apple       │   3 │ りんご",
        "a long name │ 120 │   a",
    ]
    assert [s.bold for s in block.spans] == [True, False, False, False]


def test_a_ragged_table_gets_empty_cells() -> None:
    (block,) = markdown_blocks("| a | b |\n|---|---|\n| x |\n| y | z | extra |")
    assert block.text.split("\n") == ["a │ b", "──┼──", "x │", "y │ z"]


def test_code_is_kept_whole_with_its_spacing() -> None:
    line = "pip install   --upgrade reader " + "x" * 200
    (block,) = markdown_blocks(f"```sh\n{line}\n  indented\n```")
    assert (block.kind, block.text) == ("code", f"{line}\n  indented")


def test_links_are_numbered_once_and_listed_under_the_article() -> None:
    blocks = [
        Block("Read [the notes](https://e.org/n) and [a **bold** guide](https://e.org/g)."),
        Block("Hidden [link](https://e.org/hidden)", True, "footer"),
        Block("| col |\n|---|\n| [cell](https://e.org/c) |"),
        Block("Again [the notes](https://e.org/n), [top](#top), [mail](mailto:a@e.org)."),
    ]
    shown = document_blocks(blocks, markdown=True, show_hidden=False)
    assert [b.text for b in shown[:-1]] == [
        "Read the notes [1] and a bold guide [2].",
        "col\n────────\ncell [3]",
        "Again the notes [1], top, mail [4].",
    ]
    links = shown[-1]
    assert links.kind == "links"
    assert links.text == (
        "Links\n[1] https://e.org/n\n[2] https://e.org/g\n[3] https://e.org/c\n[4] mailto:a@e.org"
    )
    assert document_links(shown) == [
        "https://e.org/n",
        "https://e.org/g",
        "https://e.org/c",
        "mailto:a@e.org",
    ]


def test_no_links_no_list_and_plain_text_links_are_not_parsed() -> None:
    assert [b.kind for b in document_blocks([Block("No links.")], True, False)] == ["para"]
    plain = document_blocks([Block("[a](https://e.org)")], markdown=False, show_hidden=False)
    assert document_links(plain) == []


def test_a_long_link_target_is_shown_cut_and_kept_whole() -> None:
    url = "https://e.org/[bold]" + "y" * 3000
    (para, links) = document_blocks([Block(f"[x](<{url}>)")], True, False)
    assert para.text == "x [1]"
    shown = links.text.split("\n", 1)[1]
    assert shown.startswith("[1] https://e.org/")
    assert len(shown) == 4 + MAX_SHOWN_URL
    assert shown.endswith("…")
    assert document_links([para, links]) == [url.replace("[", "%5B").replace("]", "%5D")]


@given(st.lists(st.text(max_size=30), min_size=1, max_size=6))
def test_markdown_with_links_never_fails_and_numbers_from_one(lines: list[str]) -> None:
    shown = document_blocks([Block(line) for line in lines], markdown=True, show_hidden=False)
    links = document_links(shown)
    assert len(links) == len(set(links))
    for number in range(1, len(links) + 1):
        assert any(f"[{number}]" in b.text for b in shown if b.kind != "links")


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("Short title", "Short title"),
        ("word " * 99 + "abcd", "word " * 99 + "abcd"),  # 499 characters: not cut
        ("word " * 100, ("word " * 99).rstrip() + "…"),  # cut at a word boundary
        ("x" * 500, "x" * 499 + "…"),  # one long word: cut within it
        ("a, " * 166 + "bb", ("a, " * 166).rstrip(" ,") + "…"),
    ],
)
def test_a_cut_title_ends_with_an_ellipsis_at_a_word(title: str, shown: str) -> None:
    assert len(title) <= MAX_TITLE or title != shown
    assert shown_title(title[:MAX_TITLE]) == shown


def test_the_id_of_a_long_title_stays_what_it_was() -> None:
    """Only the shown title changes: the id still hashes the title as cut at MAX_TITLE."""
    page = parse_markdown_page("---\ntitle: " + "word " * 300 + "\n---\nBody", "f")
    assert page.title == ("word " * 100)[:MAX_TITLE]
    assert article_id(page.title, None) == article_id(("word " * 100)[:MAX_TITLE], None)
    assert shown_title(page.title).endswith("word…")


def test_hidden_markdown_blocks_show_their_words_without_the_syntax() -> None:
    # `b` on a saved page showed "## Most read" and "[Home](https://...)" as written.
    blocks = [
        Block("[Home](https://e.org/) | [News](https://e.org/n)", True, "navigation"),
        Block("# The ferry that never left", True, "repeated title"),
        Block("The ferry sat at the end of the pier for forty years."),
        Block("## Most read", True, "aside"),
        Block("- [Ferry fares rise](https://e.org/f)\n- Storm closes road", True, "aside"),
    ]
    shown = document_blocks(blocks, markdown=True, show_hidden=True)
    assert [(b.kind, b.reason, b.text) for b in shown] == [
        ("hidden", "navigation", "Home | News"),
        ("hidden", "repeated title", "The ferry that never left"),
        ("para", "", "The ferry sat at the end of the pier for forty years."),
        ("hidden", "aside", "Most read\n• Ferry fares rise\n• Storm closes road"),
    ]
    # hidden links are not numbered: the list under the article names shown ones only
    assert document_links(shown) == []
    # a text dump's hidden lines are shown as written
    (plain,) = document_blocks([Block("## Not a heading", True, "x")], False, True)
    assert plain.text == "## Not a heading"
