"""Article identity: what read and starred marks are keyed by.

Marks must survive moving the library, renaming files, re-scraping a page whose
boilerplate changed and every improvement of the cleaner, so the id is derived
from the normalised title and the date only, never from the file path or the text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

from reader.core.models import iso_text

_NON_WORD = re.compile(r"[\W_]+")
# `_NON_WORD` and casefold on ASCII: letters lowered, digits kept, all else a space.
_ASCII_FOLD = {code: (chr(code).lower() if chr(code).isalnum() else " ") for code in range(128)}
# `_ASCII_FOLD` as a bytes table (bytes above ASCII never occur: it is for ASCII titles).
_ASCII_FOLD_BYTES = bytes(ord(_ASCII_FOLD[code]) for code in range(128)) + bytes(range(128, 256))
ID_LENGTH = 16


def normalise_title(title: str) -> str:
    """Fold case, compatibility forms, punctuation and spacing: re-scrapes differ in these."""
    if title.isascii():  # NFKC leaves ASCII alone: a quicker way to the same result
        return " ".join(title.translate(_ASCII_FOLD).split())
    folded = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(_NON_WORD.sub(" ", folded).split())


def article_id(title: str, date: dt.date | None, discriminator: str = "") -> str:
    """A stable id for an article; `discriminator` only separates genuine namesakes."""
    if title.isascii() and discriminator.isascii():
        # `normalise_title` on the bytes (the same key, at C speed: a scan makes 100,000)
        words = title.encode("ascii").translate(_ASCII_FOLD_BYTES).split()
        date_text = iso_text(date).encode("ascii") if date else b""
        data = b"\x1f".join((b" ".join(words), date_text, discriminator.encode("ascii")))
        return hashlib.blake2b(data, digest_size=ID_LENGTH // 2).hexdigest()
    key = "\x1f".join((normalise_title(title), iso_text(date) if date else "", discriminator))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=ID_LENGTH // 2).hexdigest()


def entry_id(identity: str) -> str:
    """The id of an article whose format names it (`Page.identity`: a feed entry's
    guid), so its marks follow it whatever its title or date become. Never equal to
    an `article_id`: those hash a normalised title, which cannot start with \\x1e."""
    key = "\x1eentry\x1e" + identity
    return hashlib.blake2b(
        key.encode("utf-8", "surrogatepass"), digest_size=ID_LENGTH // 2
    ).hexdigest()


def listed_id(
    title: str, date: dt.date | None, identity: str | None, id_title: str | None = None
) -> str:
    """The id the library lists an article under: from its identity (`Page.identity`:
    guid, else link) when its format names one, else from its title and date; the
    title the id is made of is `id_title` when the one shown is shorter (`Page.id_title`:
    an HTML page shown without its site's name keeps its whole title's id)."""
    if identity is not None:
        return entry_id(identity)
    return article_id(title if id_title is None else id_title, date)
