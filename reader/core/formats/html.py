"""HTML pages (.html, .htm, .xhtml): what "Save page as", SingleFile and wget write.

`html_to_markdown` is the converter every HTML body goes through (a page's, a feed
entry's content): Markdown text of the page's structure, safe to show.
"""

from __future__ import annotations

from reader.core.formats.html_blocks import MAX_OUTPUT, convert, to_markdown

__all__ = ["html_to_markdown"]


def html_to_markdown(html: str, base_url: str | None = None) -> str:
    """Markdown of an HTML fragment or page: headings, paragraphs, list items, quotes,
    code, tables, emphasis and links (`[text](url)`, http/https/mailto only; relative
    ones resolved against `base_url`), one block per paragraph, blank-line separated.

    Scripts, styles, forms, frames, comments and hidden elements are dropped, entities
    decoded once, the text escaped so Markdown shows it literally and sanitised;
    at most `MAX_OUTPUT` characters. Never raises for bad markup.
    """
    return to_markdown(convert(html, base_url))[:MAX_OUTPUT]
