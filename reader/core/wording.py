"""Counts in sentences: "1 article", "2 articles", never "article(s)"."""

from __future__ import annotations


def count(number: int, singular: str, plural: str | None = None) -> str:
    """`number` and the noun that agrees with it, thousands separated: "1 file",
    "1,204 files", "0 files"."""
    noun = singular if number == 1 else (plural or singular + "s")
    return f"{number:,} {noun}"
