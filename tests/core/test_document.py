"""Display blocks: Markdown rendering and the hidden-block view."""

from __future__ import annotations

from reader.core.document import document_blocks, markdown_blocks, reading_minutes
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
