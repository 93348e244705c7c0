"""A page's head read without the parser (`plain_head_meta`) gives what the parser
gives (`page_meta`), or leaves the head to the parser."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.formats import html
from reader.core.formats.html import page_meta, plain_head_meta
from reader.core.formats.html_blocks import parse_html

_values = st.sampled_from(
    [
        "A title", "Caf\u00e9 \u00ab news \u00bb", "2025-02-03", "2025-02-03T10:00:00Z",
        "https://x.example/a", "/relative", "canonical", "Canonical stylesheet", "", " ",
        "a\nb", "a\tb", "x>y", "Ann Author", "https://x.example/author", "[bold]", "\u200b",
        "\x1b[2J", "utf-8",
    ]
)  # fmt: skip
_names = st.sampled_from(
    [
        "property", "name", "itemprop", "content", "rel", "href", "charset", "PROPERTY",
        "Content", "data-x", "http-equiv",
    ]
)  # fmt: skip
_keys = st.sampled_from(
    [
        "og:title", "twitter:title", "article:published_time", "og:published_time",
        "datePublished", "date", "dc.date", "pubdate", "author", "article:author",
        "og:site_name", "og:url", "reader:guid", "description", " OG:Title ",
    ]
)  # fmt: skip


def _quoted(value: str) -> str:
    if '"' not in value:
        return f'"{value}"'
    return f"'{value}'"


_attribute = st.one_of(
    st.tuples(_names, _values).map(lambda a: f" {a[0]}={_quoted(a[1])}"),
    st.tuples(_names, _keys).map(lambda a: f" {a[0]}={_quoted(a[1])}"),
    st.tuples(_names, st.sampled_from(["x", "2025-01-02", "a/b"])).map(lambda a: f" {a[0]}={a[1]}"),
    st.sampled_from([" async", " defer", " content", "  ", "\n"]),
)
_meta = st.tuples(
    st.sampled_from(["property", "name", "itemprop"]),
    _keys,
    _values,
    st.lists(_attribute, max_size=2),
).map(lambda m: f'<meta {m[0]}="{m[1]}" content={_quoted(m[2])}{"".join(m[3])}>')
_piece = st.one_of(
    _meta,
    _meta,
    st.tuples(st.sampled_from(["meta", "link", "base", "html", "head", "META"]),
              st.lists(_attribute, max_size=3), st.sampled_from([">", "/>", " />"]))
    .map(lambda t: f"<{t[0]}{''.join(t[1])}{t[2]}"),
    st.tuples(_values, _values).map(lambda t: f'<link rel="{t[0]}" href="{t[1]}">'),
    _values.map(lambda v: f"<title>{v}</title>"),
    _values.map(lambda v: f"<TITLE>{v}</Title>"),
    st.sampled_from(
        [
            "<!DOCTYPE html>", "<!-- saved from url=x -->", "<!-- a -- b -->", "<!-->", "\n",
            "  ", "<script>var x = 1 < 2;</script>", "<script async src=a.js></script>",
            '<script type="application/ld+json">{"datePublished": "2024-01-01"}</script>',
            "<style>p { x: y }</style>", "<style>a</style >", "<script>a</b></script>",
            "<noscript><p>x</p></noscript>", "text", "<h1>Heading</h1>", "<time datetime="
            '"2025-01-01">x</time>', "&amp;", "<title>A &amp; B</title>", "\r\n", "\x00",
            "<meta content='x' content='y' name='author'>", "<title a=b>T</title>",
        ]
    ),
)  # fmt: skip
_heads = st.lists(_piece, max_size=12).map("".join)


@settings(max_examples=800)
@given(_heads)
def test_a_plain_head_reads_as_the_parser_reads_it(head: str) -> None:
    plain = plain_head_meta(head)
    if plain is None:
        return
    root = parse_html(head)
    parsed = page_meta(root) if root is not None else html.PageMeta()
    assert plain == parsed


def test_plain_heads_are_read_without_the_parser() -> None:
    head = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>Storm | Paper</title><meta property=og:title content='Storm hits'>"
        '<meta property="article:published_time" content="2025-02-03T08:00:00Z">'
        '<link rel="canonical" href="https://x.example/storm"><style>p{}</style>'
        "<script>var x = 1;</script>"
    )
    meta = plain_head_meta(head)
    assert meta is not None and meta == page_meta(parse_html(head))
    assert (meta.title, str(meta.date), meta.url) == (
        "Storm hits",
        "2025-02-03",
        "https://x.example/storm",
    )


def test_heads_the_parser_must_read_are_left_to_it() -> None:
    for head in (
        '<title>A</title><script type="application/ld+json">{}</script>',
        "<title>A &amp; B</title>",
        "<title>A</title><div>x</div>",
        "<meta name=a name=b content=c>",
        "<title>A</title><script>x</y></script>",
        # a Kelvin sign is no k to the parser (a case-blind regex took it for one)
        '<title>A</title><lin\u212a rel="canonical" href="https://x.example/">',
        "<\u017fcript>x</script><title>A</title>",
    ):
        assert plain_head_meta(head) is None, head


def test_hostile_heads_are_left_to_the_parser_without_a_hang() -> None:
    for head in (
        "<meta" + ' a="1"' * 10000,
        "<meta" + " " * 60000 + "x",
        "<script>" + "a<b" * 20000,
        "<!--" + "-a" * 30000,
        '<meta name="a" content="b">' * (html.MAX_META + 1),
    ):
        assert plain_head_meta(head) is None
