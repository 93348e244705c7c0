"""Turn the bytes of an article file into text, whatever the scraper wrote.

Scraped files arrive as UTF-8, UTF-8 with a BOM, UTF-16 (Windows tools) or a
legacy single-byte code page. Decoding never fails on bad bytes: the worst case
is latin-1, which maps every byte to some character. Only bytes that are no text
at all (NUL or control bytes in bulk: images, archives, executables) raise
`NotText`, whose message is the reason shown to the user.
"""

from __future__ import annotations

import codecs

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Share of NUL bytes above which a file without a BOM is not plain 8-bit text:
# it is UTF-16 (NULs on one side of each byte pair) or binary.
_NUL_SHARE = 0.1
# Control bytes that text never holds in bulk (not NUL, counted above; not tab,
# newlines, form feed, backspace of overstruck text or ESC of coloured text).
# Random bytes are ~9% of them; a text file with a few stray ones is still text.
_BINARY_BYTES = bytes([*range(0x01, 0x08), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_BINARY_SHARE = 0.05
# Every byte mapped to 1 but NUL and `_BINARY_BYTES`, which map to 0: `translate`
# by it tells at C speed whether a sample holds any of them.
_TEXT_BYTES = TEXT_BYTES = bytes(
    0 if code == 0 or code in _BINARY_BYTES else 1 for code in range(256)
)
# How much of the data the checks above look at.
SAMPLE_BYTES = 8192
_BINARY_MIN = 8


class NotText(ValueError):
    """The file's bytes are not text in any encoding we accept."""


def decode(data: bytes, *, partial: bool = False) -> str:
    """Decode by BOM, else strict UTF-8, else cp1252, else latin-1.

    cp1252 before latin-1 because Windows-made pages put curly quotes and dashes
    in 0x80-0x9f, which latin-1 would turn into invisible C1 controls. `partial`
    says `data` is a prefix of the file, so a character cut at its end is not
    evidence against UTF-8.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    sample = data[:SAMPLE_BYTES]
    if 0 in sample.translate(_TEXT_BYTES):  # else no NUL nor control byte: text
        if _nul_heavy(sample):
            return _decode_utf16_or_refuse(data, sample)
        if _binary(sample):
            raise NotText("binary file (control bytes)")
    try:
        if not partial:
            return data.decode("utf-8")
        return codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def is_byte_text(data: bytes) -> bool:
    """Whether `decode` reads `data` (which has no BOM) as UTF-8 or a single-byte code
    page, so that its ASCII characters decode as themselves: not UTF-16, not binary."""
    sample = data[:SAMPLE_BYTES]
    if 0 not in sample.translate(_TEXT_BYTES):
        return True  # no NUL and no control byte at all: what nearly every file is
    return not _nul_heavy(sample) and not _binary(sample)


def _nul_heavy(sample: bytes) -> bool:
    return bool(sample) and sample.count(0) / len(sample) > _NUL_SHARE


def _binary(sample: bytes) -> bool:
    return _binary_count(sample) > max(_BINARY_MIN, _BINARY_SHARE * len(sample))


def _decode_utf16_or_refuse(data: bytes, sample: bytes) -> str:
    """BOM-less UTF-16 has its NULs on the odd (LE) or even (BE) bytes; binary has them anywhere."""
    pairs = len(sample) // 2 or 1
    odd, even = sample[1::2].count(0) / pairs, sample[0::2].count(0) / pairs
    if odd > 0.3 and even < 0.05:
        return data.decode("utf-16-le", errors="replace")
    if even > 0.3 and odd < 0.05:
        return data.decode("utf-16-be", errors="replace")
    raise NotText("binary file (NUL bytes)")


def _binary_count(sample: bytes) -> int:
    """How many bytes of `sample` are control bytes that text does not contain."""
    return len(sample) - len(sample.translate(None, _BINARY_BYTES))
