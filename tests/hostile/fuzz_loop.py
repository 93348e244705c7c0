"""A long mutation-fuzz session over the hostile corpus (not run by CI).

    python -m tests.hostile.fuzz_loop --seconds 600 [--seed 1]

Each round takes a file of the corpus (or a marks export), mutates it (bit flips,
hostile pieces spliced in, cuts, splices of two files, re-encoding) and runs it
through decode, parse_page (.txt and .md), the cleaner and the marks importer,
checking the same invariants as tests/core/test_hostile.py. Failures are written
to a folder as reproducers and counted; the summary says how many inputs ran.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import re
import tempfile
import time
import traceback
from pathlib import Path

from reader.core.clean import FeedEvidence, clean_blocks
from reader.core.formats import parse_page
from reader.core.textio import NotText, decode
from reader.core.transfer import TransferError, _read_incoming
from tests.hostile.make_corpus import build

PIECES = [
    b"\x1b[2J",
    b"\x1b]0;x\x07",
    b"\x1b]52;c;AAAA\x1b\\",
    b"\x1b]",
    b"\x9b",
    b"\xc2\x9b",
    b"\xc2\x9d",
    b"\r",
    b"\r\n",
    b"\n",
    b"\t",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xe2\x80\xae",
    b"\xe2\x80\xa8",
    b"\xed\xb3\xbf",
    b"\xef\xbf\xbf",
    b"\xcc\x81" * 9,
    b"---\n",
    b"...\n",
    b"date 2025-01-01 ",
    b"date: 2025-13-45\n",
    b"title: ",
    b"# ",
    b"```\n",
    b"[bold]",
    b"[/]",
    b"&a ",
    b"*a ",
    b"[*a, *a, *a]",
    b"{",
    b"[",
    b"!!binary ",
    b"!!python/object:os.system ",
    b"0x" + b"f" * 3700,
    b'"',
    b"'",
    b"NaN",
    b"1e999",
    b"-1",
    b"true",
    b"null",
    b'"read_at": ',
    b'"articles": ',
    b'"format": "reader-marks", "version": 1, ',
]
_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069"
    "\ufeff\ud800-\udfff]"
)


def mutate(rng: random.Random, data: bytes, other: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(8)
        pos = rng.randint(0, len(out))
        if op == 0 and out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
        elif op == 1:
            out[pos:pos] = rng.choice(PIECES)
        elif op == 2:
            del out[pos : pos + rng.randint(1, 64)]
        elif op == 3:
            start = rng.randint(0, len(other))
            out[pos:pos] = other[start : start + rng.randint(1, 2000)]
        elif op == 4:
            out[pos:pos] = rng.randbytes(rng.randint(1, 32))
        elif op == 5 and out:
            cut = rng.randint(0, len(out))
            out = out[:cut] + out[cut:] * rng.randint(1, 3)
        elif op == 6:
            text = bytes(out).decode("utf-8", "surrogateescape")
            codec = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
            out = bytearray(text.encode(codec, "surrogatepass"))
        else:
            out = out[: rng.randint(0, len(out))]
    return bytes(out[:200_000])


def check_page(data: bytes, name: str) -> None:
    with contextlib.suppress(NotText):
        decode(data, partial=True)
    try:
        page = parse_page(data, Path(name))
    except NotText as error:
        assert str(error).startswith("binary file"), error
        return
    assert page.title and len(page.title) <= 500
    assert not _UNSAFE.search(page.title) and "\n" not in page.title, page.title
    assert not _UNSAFE.search(page.body), "unsafe body"
    for field in (page.url or "", page.source or "", *page.tags):
        assert not _UNSAFE.search(field) and "\n" not in field, field
    blocks = page.blocks()
    result = clean_blocks(blocks, page.title, feed=FeedEvidence.build([blocks, blocks[:3]]))
    assert [b.text for b in result.blocks] == blocks


def check_import(data: bytes, folder: Path) -> None:
    path = folder / "marks.json"
    path.write_bytes(data)
    with contextlib.suppress(TransferError):
        _read_incoming(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--failures", type=Path, default=Path("fuzz-failures"))
    ns = parser.parse_args()
    rng = random.Random(ns.seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "library"
        build(root, big=False)
        seeds = [
            p.read_bytes()
            for p in sorted(root.rglob("*"), key=str)
            if p.is_file() and not p.is_symlink() and p.stat().st_size < 300_000
        ]
        seeds.append(
            b'{"format": "reader-marks", "version": 1, "exported_at": "x", "articles": '
            b'{"a": {"read": true, "read_at": 1.5, "starred": false, "starred_at": null}}}'
        )
        seeds.append(b'{"schema":1,"articles":{"b":{"read":false,"read_changed_at":2}}}')
        deadline = time.monotonic() + ns.seconds
        runs = failures = 0
        while time.monotonic() < deadline:
            data = mutate(rng, rng.choice(seeds), rng.choice(seeds))
            for target in ("a.txt", "a.md", "marks"):
                runs += 1
                try:
                    if target == "marks":
                        check_import(data, Path(tmp))
                    else:
                        check_page(data, target)
                except Exception:
                    failures += 1
                    ns.failures.mkdir(parents=True, exist_ok=True)
                    (ns.failures / f"{failures:04d}-{target}").write_bytes(data)
                    if failures <= 5:
                        traceback.print_exc()
    print(f"fuzz_loop: {runs} inputs run, {failures} failed (seed {ns.seed})")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
