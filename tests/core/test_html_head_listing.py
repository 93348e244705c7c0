"""A page's head read without the parser (`plain_head_meta`) gives what the parser
gives (`page_meta`), or leaves the head to the parser."""

from __future__ import annotations

import re

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


# -- the head's tokens against the one-token-a-piece reading they replaced ---------

_REFERENCE_TOKENS = re.compile(
    f"""(
    <(?P<tag>{html._META}|{html._LINK}|{html._BASE})(?P<attrs>(?:{html._ATTRIBUTE_SEEN})*){html._SPACE}*/?>
    | {html._SPACE}+
    | <{html._TITLE_TAG}>(?P<title>[^<&\r]*)</{html._TITLE_TAG}>
    | <{html._SCRIPT}{html._RAW_ATTRIBUTES}{html._RAW_TEXT}</{html._SCRIPT}>
    | <{html._STYLE}{html._RAW_ATTRIBUTES}{html._RAW_TEXT}</{html._STYLE}>
    | <(?:{html._HTML}|{html._HEAD})(?:{html._ATTRIBUTE_SEEN})*{html._SPACE}*>
    | </(?:{html._HTML}|{html._HEAD}|{html._META}|{html._LINK}|{html._BASE})>
    | <!{html._any_case("doctype")}[ \t\n\f][^<>&]*>
    | <!--(?![->])(?:[^-]|-(?!-))*-->
    )""",
    re.VERBOSE,
)  # fmt: skip


def _reference_pieces(
    head: str,
) -> tuple[list[dict[str, str]], list[dict[str, str]], str | None] | None:
    """What `plain_head_meta` read of a head before its tokens took runs of pieces
    and a tag's first attributes as groups (dc1af83): one token a piece, every
    tag's attributes by `_ATTRIBUTE.findall`."""
    metas: list[dict[str, str]] = []
    links: list[dict[str, str]] = []
    title = None
    covered = 0
    for match in _REFERENCE_TOKENS.finditer(head):
        if match.start() != covered:
            return None
        covered = match.end()
        token = match.groups()
        tag = token[1]
        if tag:
            pairs = html._ATTRIBUTE.findall(token[2])
            attrib = {n.lower(): v[1:-1] if v[0] in "'\"" else v for n, v in pairs}
            if len(attrib) != len(pairs):
                return None
            if tag.lower() == "meta":
                metas.append(attrib)
            elif tag.lower() == "link":
                links.append(attrib)
        elif title is None and token[0][:7].lower() == "<title>":
            title = token[3][: html.MAX_TITLE * 4]
    if covered != len(head):
        return None
    return metas, links, title


def _read(head: str) -> tuple[object, ...] | None:
    """What `plain_head_meta` hands `_page_meta` now: the metas, title and canonical
    link it read (None when it leaves the head to the parser)."""
    seen: list[tuple[object, ...]] = []

    def spy(metas: list[dict[str, str]], ld: object, title: str | None, *rest: object) -> object:
        seen.append((list(metas), title, rest[2]))  # (h1, time, canonical, find_h1)
        return html.PageMeta()

    real = html._page_meta
    html._page_meta = spy  # type: ignore[assignment]
    try:
        meta = plain_head_meta(head)
    finally:
        html._page_meta = real
    return None if meta is None else seen[0]


def _reference_read(head: str) -> tuple[object, ...] | None:
    """`_read` as dc1af83 read the head."""
    if "\x00" in head or "ld+json" in head.lower():
        return None
    pieces = _reference_pieces(head)
    if pieces is None:
        return None
    metas, links, title = pieces
    canonical = next(
        (a.get("href") for a in links if "canonical" in (a.get("rel") or "").lower().split()),
        None,
    )
    return metas, title, canonical


_names_any_case = st.sampled_from(
    ["name", "Name", "content", "CONTENT", "property", "rel", "href", "a", "a-b", "x:y", "n1"]
)
_attribute_forms = st.tuples(
    _names_any_case,
    st.sampled_from(["=", " = ", "=\n", "\t="]),
    st.sampled_from(['"v"', "'v'", "v", '"a b"', '""', "''", '"a>b"', '"a<b"', '"&amp;"',
                     '"a\rb"', "'a\"b'", '"é"', "a/", "`x`"]),
).map(lambda a: f" {a[0]}{a[1]}{a[2]}")  # fmt: skip
_tag = st.tuples(
    st.sampled_from(["meta", "META", "Link", "link", "base", "html", "head", "metadata"]),
    st.lists(_attribute_forms, max_size=4),
    st.sampled_from([">", "/>", " >", " />", "", "\n>"]),
).map(lambda t: f"<{t[0]}{''.join(t[1])}{t[2]}")
_hostile_piece = st.sampled_from(
    [
        "<!-- <title>Fake</title> -->", "<![CDATA[<title>Fake</title>]]>", "<title>Real</title>",
        "<title>A</title", "<title>", "</title>", "<meta", '<meta name="a"', "<!-->",
        "<!--->", "<!---->", "<!-- a --->", "<!DOCTYPE>", "<!doctype html", "<script>",
        "<script><!--</script>", "<style>a</style>", "<title>&lt;b&gt;</title>",
        '<meta content="&amp;" name="author">', "<lin\u212a>", "\x00", "\f", "\r", "\u00a0",
        "<title>T\u00e9</title>", "</html>", "</HEAD>", "</meta>", "</base >",
    ]
)  # fmt: skip
_token_heads = st.lists(st.one_of(_piece, _tag, _tag, _hostile_piece), max_size=14).map("".join)


@settings(max_examples=2000)
@given(_token_heads)
def test_a_head_reads_as_it_read_one_piece_a_token(head: str) -> None:
    assert _read(head) == _reference_read(head)


def test_a_fake_title_in_a_comment_or_cdata_is_no_title() -> None:
    head = "<!-- <title>Fake</title> --><title>Real</title>"
    assert _read(head) == ([], "Real", None)
    assert plain_head_meta("<![CDATA[<title>Fake</title>]]><title>Real</title>") is None


def test_a_huge_plain_head_is_read_in_one_pass() -> None:
    head = '<meta name="author" content="A">' * 1000 + "<!-- x -->" * 2000 + "<title>T</title>"
    meta = plain_head_meta(head)
    assert meta is not None and (meta.title, meta.byline) == ("T", "A")
    assert plain_head_meta(head + "<style>" + "a<b" * 20000) is None
