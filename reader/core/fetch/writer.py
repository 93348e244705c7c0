"""Feed entries written as article files the formats already read.

- An entry with its content becomes Markdown with YAML front matter: `title`,
  `date`, `url`, `source`, `tags` and `guid` (the entry's identity as the feed
  reader computes it, which the Markdown reader makes the post's identity, so its id
  and marks are the entry's whatever the file is called).
- A summary-only entry whose page was fetched (`--full`) becomes that page's HTML,
  re-encoded as UTF-8, with the entry's metadata first in its head (`og:title`,
  `article:published_time`, `og:site_name`, a canonical link, `reader:guid`) and the
  feed's summary first in its body, in `<aside class="reader-feed-summary">`, which
  the HTML reader hides as "the feed's summary" (shown by `b`); the cleaner removes
  the page's own boilerplate as for any saved page.

Files are written once and never again: a temporary hidden file, fsynced, then
linked to the first free name (`2025-02-03-the-title.md`, then `...-2.md`), so a
file the user wrote or changed is never replaced and no reader sees half a file.
"""

from __future__ import annotations

import contextlib
import functools
import html
import os
import re
import secrets
import unicodedata
from pathlib import Path
from typing import Any

from reader.core.formats.base import Page
from reader.core.formats.html import GUID_META, decode_html
from reader.core.formats.html_evidence import FEED_SUMMARY_CLASS
from reader.core.state import move_to_free_name
from reader.core.textio import NotText

MAX_SLUG = 60
# Front matter must close near the top for the Markdown reader (MAX_FRONT_MATTER):
# long values are left out rather than break it.
MAX_FRONT_VALUE = 1000

_SLUG_DROP = re.compile(r"[^\w]+")
_HEAD = re.compile(r"<head(?=[\s>/])[^>]{0,2000}>", re.IGNORECASE)
_HTML = re.compile(r"<html(?=[\s>/])[^>]{0,2000}>", re.IGNORECASE)
_BODY = re.compile(r"<body(?=[\s>/])[^>]{0,2000}>", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]{0,200}\?>")
_META_CHARSET = re.compile(rb"<meta[^>]{0,300}charset", re.IGNORECASE)
_CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", re.IGNORECASE)


def file_stem(page: Page) -> str:
    """`YYYY-MM-DD-words-of-the-title` (or `undated-...`): readable and sortable."""
    folded = unicodedata.normalize("NFKC", page.title).casefold()
    slug = _SLUG_DROP.sub("-", folded).strip("-_")[:MAX_SLUG].rstrip("-_") or "entry"
    return f"{page.date.isoformat() if page.date else 'undated'}-{slug}"


def yaml_string(value: str) -> str:
    """`value` as a YAML double-quoted scalar that reads back exactly: anything YAML
    would not keep as it is (controls, line breaks, surrogates) is escaped."""
    out = ['"']
    for char in value:
        code = ord(char)
        if char == '"' or char == "\\":
            out.append("\\" + char)
        elif (
            (0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD)
            and (code not in (0x2028, 0x2029, 0xFEFF))
        ) or code >= 0x10000:
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        else:
            out.append(f"\\u{code:04x}")
    out.append('"')
    return "".join(out)


def markdown_file(page: Page, *, source: str, guid: str | None) -> bytes:
    """The Markdown file of an entry: front matter, then its body."""
    fields: list[tuple[str, str]] = [("title", yaml_string(page.title))]
    if page.date is not None:
        fields.append(("date", page.date.isoformat()))
    if page.url and len(page.url) <= MAX_FRONT_VALUE:
        fields.append(("url", yaml_string(page.url)))
    fields.append(("source", yaml_string(source[:MAX_FRONT_VALUE])))
    if page.byline and len(page.byline) <= MAX_FRONT_VALUE:
        fields.append(("author", yaml_string(page.byline)))
    if guid is not None and len(guid) <= MAX_FRONT_VALUE:
        fields.append(("guid", yaml_string(guid)))
    tags = [yaml_string(t) for t in page.tags[:20]]
    if tags and sum(map(len, tags)) <= MAX_FRONT_VALUE:
        fields.append(("tags", "[" + ", ".join(tags) + "]"))
    front = "\n".join(f"{key}: {value}" for key, value in fields)
    return f"---\n{front}\n---\n\n{markdown_body(page)}\n".encode("utf-8", "replace")


def markdown_body(page: Page) -> str:
    """An entry's body as Markdown: a plain-text body has its Markdown syntax escaped."""
    if page.markup == "markdown":
        return page.body.strip()
    from reader.core.formats.html import html_to_markdown

    paragraphs = [p for p in re.split(r"\n\s*\n", page.body) if p.strip()]
    return html_to_markdown("".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)).strip()


def page_text(body: bytes, content_type: str) -> str:
    """A fetched page's text: as the HTML reader decodes a saved page, except that
    a charset named only by the server is used for bytes that are not UTF-8."""
    named = _CHARSET_PARAM.search(content_type or "")
    if named and not _META_CHARSET.search(body[:4096]) and not body.startswith(b"\xef\xbb\xbf"):
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            import codecs

            try:
                codec = codecs.lookup(named.group(1)).name
            except LookupError:
                codec = ""
            if codec and codec not in ("utf-8", "utf-7") and not codec.startswith("utf-16"):
                return body.decode(codec, "replace")
    return decode_html(body)


def html_file(page: Page, text: str, *, source: str, guid: str | None, url: str | None) -> bytes:
    """The fetched page `text` with the entry's metadata and summary put inside."""
    metas = ['<meta charset="utf-8">']
    if guid is not None:
        metas.append(f'<meta name="{GUID_META}" content="{_attr(guid)}">')
    metas.append(f'<meta property="og:title" content="{_attr(page.title)}">')
    if page.date is not None:
        metas.append(f'<meta property="article:published_time" content="{page.date}">')
    metas.append(f'<meta property="og:site_name" content="{_attr(source)}">')
    if url:
        metas.append(f'<link rel="canonical" href="{_attr(url)}">')
    head = "\n" + "\n".join(metas) + "\n"
    aside = f'\n<aside class="{FEED_SUMMARY_CLASS}">\n{_summary_html(page)}</aside>\n'
    text = _XML_DECLARATION.sub("", text.lstrip("\ufeff"), count=1)
    if match := _HEAD.search(text):
        text = text[: match.end()] + head + text[match.end() :]
    elif match := _HTML.search(text):
        text = text[: match.end()] + f"<head>{head}</head>" + text[match.end() :]
    else:
        text = f"<head>{head}</head>\n" + text
    if match := _BODY.search(text):
        text = text[: match.end()] + aside + text[match.end() :]
    else:
        end = text.lower().find("</head>")
        at = end + len("</head>") if end >= 0 else 0
        text = text[:at] + "<body>" + aside + text[at:]
    if not text.lstrip()[:20].lower().startswith("<!doctype"):
        text = "<!DOCTYPE html>\n" + text
    return text.encode("utf-8", "replace")


def _summary_html(page: Page) -> str:
    return str(_markdown_it().render(markdown_body(page)[:200_000]))


@functools.cache
def _markdown_it() -> Any:
    """One renderer (building one costs a millisecond); raw HTML in it is escaped."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def _attr(value: str) -> str:
    """An attribute value that reads back as it is (a parser folds raw line ends)."""
    escaped = html.escape(value, quote=True)
    return escaped.replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#9;")


def fetched_page_text(body: bytes, content_type: str) -> str | None:
    """The page's text when it is an HTML page, else None (written as Markdown)."""
    mime = content_type.split(";")[0].strip().lower()
    if mime and mime not in ("text/html", "application/xhtml+xml"):
        return None
    try:
        return page_text(body, content_type)
    except NotText:
        return None


def write_new(folder: Path, stem: str, suffix: str, payload: bytes) -> Path:
    """Write `payload` to the first free name `stem[-N]suffix` in `folder`, atomically,
    never replacing a file. Returns the path written."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{stem[:40]}.{secrets.token_hex(6)}.tmp"
    try:
        with open(tmp, "xb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        targets = (folder / f"{stem}{'' if n == 1 else f'-{n}'}{suffix}" for n in range(1, 1000))
        return move_to_free_name(tmp, targets, "for the entry")
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
