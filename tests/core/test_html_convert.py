"""HTML to Markdown (`html_to_markdown`): structure kept, hostile markup made harmless."""

from __future__ import annotations

import time
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.document import markdown_blocks
from reader.core.formats.html import html_to_markdown


def shown(markdown: str) -> str:
    """What the reading pane shows of the Markdown: its blocks' text."""
    return "\n".join(
        block.text for part in markdown.split("\n\n") for block in markdown_blocks(part)
    )


def test_structure_becomes_markdown() -> None:
    md = html_to_markdown(
        "<h2>Heading <em>here</em></h2><p>A <strong>bold</strong> and <i>soft</i> "
        "<a href='https://example.org/x'>link</a>.</p><ul><li>one</li><li>two</li></ul>"
        "<ol start='4'><li>four</li></ol><blockquote><p>Quoted words</p></blockquote>"
        "<pre><code>if a &lt; b:\n    pass</code></pre><p>Some <code>x_y</code> code.</p>"
        "<p>Gone <del>old</del></p>"
    )
    assert md.split("\n\n") == [
        "## Heading *here*",
        "A **bold** and *soft* [link](https://example.org/x).",
        "- one",
        "- two",
        "4. four",
        "> Quoted words",
        "```\nif a < b:\n    pass\n```",
        "Some `x_y` code.",
        "Gone ~~old~~",
    ]


def test_table() -> None:
    md = html_to_markdown(
        "<table><tr><th>Team</th><th>Score</th></tr><tr><td>Reds|Blues</td><td>3</td></tr></table>"
    )
    assert md == "| Team | Score |\n| --- | --- |\n| Reds\\|Blues | 3 |"
    blocks = markdown_blocks(md)
    assert blocks and "Reds|Blues" in blocks[0].text


def test_links_are_http_https_or_mailto_and_resolved_against_the_base() -> None:
    md = html_to_markdown(
        "<p><a href='/a (b)'>rel</a> <a href='javascript:alert(1)'>js</a> "
        "<a href='data:text/html,x'>data</a> <a href='#top'>top</a> "
        "<a href='mailto:a@b.org'>mail</a></p>",
        base_url="https://site.example/news/",
    )
    assert md == "[rel](https://site.example/a%20%28b%29) js data top [mail](mailto:a@b.org)"
    assert html_to_markdown("<a href='/x'>rel</a>") == "rel"  # no base: no link
    assert html_to_markdown("<a href='/x'>rel</a>", base_url="javascript:x") == "rel"


def test_what_never_reaches_the_screen() -> None:
    md = html_to_markdown(
        "<head><title>T</title><style>p{color:red}</style></head><body>"
        "<script>alert('s')</script><noscript>enable js</noscript><!-- a comment -->"
        "<p>Kept</p><iframe src='x'>framed</iframe><form><input value='v'>"
        "<button>Send</button>form words</form><div hidden>h1</div>"
        "<div style='display: none'>h2</div><span aria-hidden='true'>h3</span>"
        "<svg><text>vector</text></svg><template><p>tpl</p></template></body>"
    )
    assert md == "Kept"


def test_a_form_wrapping_the_page_keeps_its_text_but_not_its_controls() -> None:
    para = "A sentence of the article that goes on for a while. " * 30
    md = html_to_markdown(
        f"<form><p>{para}</p><p>{para}</p><h2>Head</h2><input value='v'>"
        "<select><option>opt</option></select></form>"
    )
    assert md == f"{para.strip()}\n\n{para.strip()}\n\n## Head"
    assert html_to_markdown("<form><p>Search the site</p><input></form><p>x</p>") == "x"


def test_entities_decoded_once_and_markdown_syntax_escaped() -> None:
    md = html_to_markdown(
        "<p>Fish &amp; chips &amp;lt;b&amp;gt; &eacute; &#x263A; *not em* [x](y)</p>"
        "<p># not a heading</p><p>1. not a list</p><p>- nor this</p><p>&gt; nor a quote</p>"
    )
    assert shown(md).split("\n") == [
        "Fish & chips &lt;b&gt; é ☺ *not em* [x](y)",
        "# not a heading",
        "1. not a list",
        "- nor this",
        "> nor a quote",
    ]
    assert [b.kind for part in md.split("\n\n") for b in markdown_blocks(part)] == ["para"] * 5


def test_escape_sequences_and_controls_are_removed() -> None:
    md = html_to_markdown("<p>a\x1b[2Jb\x1b]52;c;Zm9v\x07c\x9b1md\u202ee</p><h1>\x07t</h1>")
    assert md == "abcde\n\n# t"


def test_xhtml_with_a_declaration_and_empty_input() -> None:
    xhtml = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<body><p>x</p></body></html>"
    )
    assert html_to_markdown(xhtml) == "x"
    assert html_to_markdown("") == ""
    assert html_to_markdown("   ") == ""
    assert html_to_markdown("<!-- only a comment -->") == ""
    assert html_to_markdown("plain words") == "plain words"


def test_deep_nesting_is_bounded() -> None:
    for tag in ("div", "b", "blockquote", "ul><li", "table><tr><td", "a href='http://x'"):
        close = tag.split()[0].split("><")[0]
        html = "<p>before</p>" + f"<{tag}>" * 10_000 + "deep" + f"</{close}>" * 10_000
        html += "<p>after</p>"
        started = time.perf_counter()
        md = html_to_markdown(html)
        assert time.perf_counter() - started < 10
        assert "before" in md and "after" in md, tag
        assert len(md) < 1_000_000


def test_output_is_bounded() -> None:
    md = html_to_markdown("<p>" + "word " * 2_000_000 + "</p>")
    assert 0 < len(md) <= 4 * 1024 * 1024


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/ap =\"'&#;x\x1b[\n*_`|-1.!"))) | st.text())
def test_never_raises_and_output_is_clean(html: str) -> None:
    md = html_to_markdown(html)
    assert "\x1b" not in md and "\x00" not in md
    assert all(ch == "\n" or unicodedata.category(ch) != "Cc" for ch in md)
    for part in md.split("\n\n"):
        markdown_blocks(part)
