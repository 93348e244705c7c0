"""Build a library of hostile article files: every kind of input a scraper, a broken
disk or an attacker can leave in a news folder.

`build(root)` writes the corpus below `root` (feed sub-folders) and returns
{relative path: what it is}. Paths are `str` and may hold newlines, escapes or
lone surrogates (undecodable bytes, as `os.fsdecode` gives them). Nothing big is
committed: the 50 MB file and the 10 MB line are written here, at test time.

Cases that the machine cannot make (a device node without CAP_MKNOD, a socket
path too long for AF_UNIX) are left out of the returned dict.

Run it by hand to look at a corpus: `python tests/hostile/make_corpus.py /tmp/lib`
then `reader list --verbose /tmp/lib` or `reader /tmp/lib`.
"""

from __future__ import annotations

import contextlib
import os
import random
import socket
import stat
import sys
from pathlib import Path

BIG_FILE_BYTES = 50 * 1024 * 1024
LONG_LINE_BYTES = 10 * 1024 * 1024
LONG_WORD_CHARS = 100_000
DEEP_LEVELS = 200

# Escape sequences a hostile page could carry to the terminal.
CLEAR_SCREEN = "\x1b[2J\x1b[H"
SET_TITLE = "\x1b]0;pwned window title\x07"
OSC8_LINK = "\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\"
OSC52_CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4vCg==\x07"  # "rm -rf ~/" into the clipboard
DCS = "\x1bP+q544e\x1b\\"
C0 = "".join(chr(c) for c in range(32) if chr(c) not in "\n\t")
C1 = "".join(chr(c) for c in range(0x80, 0xA0))
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u2060\ufeff"
ZALGO = "Z" + "\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309" * 30 + "algo"
WIDE = "東京で地震 🌋🇯🇵 👨‍👩‍👧‍👦 한국어 ｆｕｌｌ"
MARKUP = "[bold red]URGENT[/] [link=https://evil.example]x[/link] [@click=app.quit]quit[/] [/]"
UNBALANCED = "[/][[[[bold [link= ]]]] [@click=app.bell"

BILLION_LAUGHS = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
    )
    + "title: *i\ntags: *i\nsource: *i\n"
)


# An article whose title can only come from its name (a rule line is no title; an
# empty file is no article).
NAME_ONLY = "---\n"


def build(root: Path, *, big: bool = True) -> dict[str, str]:
    """Write the hostile corpus below `root`; returns {relative path: what it is}.

    `big=False` leaves out the 50 MB file and the 10 MB line (for quick runs).
    """
    root.mkdir(parents=True, exist_ok=True)
    cases: dict[str, str] = {}

    def put(rel: str, data: bytes | str, what: str) -> Path:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data)
        cases[rel] = what
        return path

    _encodings(put)
    _terminal(put)
    _markup(put)
    _front_matter(put)
    _big(root, put, cases, big)
    _file_system(root, put, cases)
    _names(root, put, cases)
    _deep(root, put, cases)
    return cases


def _encodings(put) -> None:
    rng = random.Random(1)
    body = "Ferry timetable changes.\nThe council approved late crossings on weekdays.\n"
    put("encodings/empty.txt", b"", "empty .txt file")
    put("encodings/empty.md", b"", "empty .md file")
    put("encodings/binary.txt", rng.randbytes(20_000), "random binary junk")
    put(
        "encodings/binary-no-nul.md",
        rng.randbytes(20_000).replace(b"\0", b"\1"),
        "binary junk without NUL bytes",
    )
    put("encodings/image.txt", b"\x89PNG\r\n\x1a\n" + bytes(4000), "a PNG named .txt")
    put(
        "encodings/nul-inside.txt",
        b"date 2025-01-02 Nul\x00 bytes\x00 inside\n" + b"Body\x00 with a NUL.\n" * 20,
        "text with NUL bytes inside",
    )
    put(
        "encodings/invalid-utf8.txt",
        b"date 2025-01-03 Invalid \xff\xfe UTF-8 \xc3\x28 title\nbody \xed\xa0\x80 surrogate"
        b" \xf4\x90\x80\x80 too big \xc0\xaf overlong\x81\x8d\x8f\x90\x9d\n",
        "invalid UTF-8 (falls back to a single-byte code page)",
    )
    text = "date 2025-01-04 UTF-16 Überschrift\n" + body
    put("encodings/utf16le-bom.txt", b"\xff\xfe" + text.encode("utf-16-le"), "UTF-16 LE + BOM")
    put("encodings/utf16be-bom.txt", b"\xfe\xff" + text.encode("utf-16-be"), "UTF-16 BE + BOM")
    put("encodings/utf16le-nobom.txt", text.encode("utf-16-le"), "UTF-16 LE without BOM")
    put("encodings/utf16be-nobom.txt", text.encode("utf-16-be"), "UTF-16 BE without BOM")
    put(
        "encodings/utf16-odd-length.txt",
        (b"\xff\xfe" + text.encode("utf-16-le"))[:-1],
        "UTF-16 cut in the middle of a character",
    )
    put("encodings/utf32-bom.txt", text.encode("utf-32"), "UTF-32 with BOM")
    put(
        "encodings/utf8-bom.md",
        b"\xef\xbb\xbf---\ntitle: BOM front matter\ndate: 2025-01-05\n---\n" + body.encode(),
        "UTF-8 with BOM before front matter",
    )
    put(
        "encodings/cr-only.txt",
        ("date 2025-01-06 CR only\r" + body.replace("\n", "\r")).encode(),
        "classic Mac CR line ends",
    )
    put(
        "encodings/crlf.md",
        ("---\r\ntitle: CRLF front matter\r\ndate: 2025-01-07\r\n---\r\n" + body).replace(
            "\n", "\r\n"
        ),
        "CRLF line ends, front matter too",
    )
    put(
        "encodings/cp1252.txt",
        "date 2025-01-08 “Curly” quotes – dashes… café\n".encode("cp1252") + b"\x80 body\n",
        "Windows-1252 text",
    )
    put(
        "encodings/latin1-c1.txt",
        b"date 2025-01-09 Raw C1 \x9b2J\x9d0;title\x07 bytes\n\x85body\x90dcs\x9c\n",
        "8-bit C1 controls (CSI, OSC, NEL, DCS) as raw bytes",
    )


def _terminal(put) -> None:
    evil = CLEAR_SCREEN + SET_TITLE + OSC8_LINK + OSC52_CLIPBOARD + DCS
    put(
        "terminal/ansi.txt",
        f"date 2025-02-01 Title {evil}with escapes\n\n{evil}Body para.\n\x1b[31mRed\x1b[0m\n",
        "ANSI CSI/OSC/DCS: clear screen, window title, OSC 8 link, OSC 52 clipboard",
    )
    put(
        "terminal/ansi.md",
        f'---\ntitle: "T {SET_TITLE.replace(chr(7), "")} x"\n---\n# H {CLEAR_SCREEN}\n\n'
        f"{OSC52_CLIPBOARD}para\n",
        "escapes in front matter, heading and body",
    )
    put(
        "terminal/unterminated-osc.txt",
        "date 2025-02-02 Open OSC\n\x1b]0;never closed\nThe body must survive.\n",
        "an OSC that is never terminated",
    )
    put(
        "terminal/controls.txt",
        f"date 2025-02-03 C0{C0}C1{C1}end\n{C0}\n{C1}\nbody\x7f\n",
        "every C0 and C1 control (UTF-8 encoded) in title and body",
    )
    prose = "The council met on Thursday and approved the new timetable. " * 40
    put(
        "terminal/controls-sparse.txt",
        f"date 2025-02-07 Sparse\x07 con\x08trols\x7f\n{prose}\x01{prose}\x1f{prose}\x9b2J\n",
        "a few C0/C1 controls in otherwise normal text",
    )
    put(
        "terminal/bidi.md",
        f"---\ntitle: 'bidi {BIDI} gnp.exe'\n---\n\u202eevil\u202c body {BIDI}\n",
        "bidi overrides, isolates and marks",
    )
    put(
        "terminal/zero-width.txt",
        f"date 2025-02-04 Zero{ZERO_WIDTH}width\nbo{ZERO_WIDTH}dy\n",
        "zero-width characters",
    )
    put(
        "terminal/zalgo.txt",
        f"date 2025-02-05 {ZALGO}\n{ZALGO * 100}\nVietnamese: Tiếng Việt\n",
        "combining marks stacked hundreds deep",
    )
    put(
        "terminal/wide.md",
        f"---\ntitle: {WIDE}\ntags: [東京, 🌋]\n---\n{WIDE * 50}\n",
        "wide CJK and emoji in title and body",
    )
    put(
        "terminal/separators.txt",
        "date 2025-02-06 Line\u2028separator\u2029title\nbody\u2028more\u0085nel\x0bvt\x0cff\n",
        "Unicode line/paragraph separators, NEL, VT, FF",
    )
    put(
        "terminal/noncharacters.md",
        "---\ntitle: 'non\ufffe\uffffchar'\n---\nbody\ufdd0\n",
        "noncharacters (which PyYAML refuses)",
    )


def _markup(put) -> None:
    put(
        "markup/title.txt",
        f"date 2025-03-01 {MARKUP}\n{MARKUP}\n{UNBALANCED}\n",
        "Rich/Textual markup in title and body",
    )
    put(
        "markup/front.md",
        f"---\ntitle: '{MARKUP}'\nsource: '[b]src'\nurl: '[link=x]u'\n"
        f"tags: ['[/]', '[@click=app.quit]']\n---\n# {UNBALANCED}\n\n{MARKUP}\n",
        "markup in front matter, heading and body",
    )
    put("[@click=app.quit]feed/[bold]file[link=x].md", NAME_ONLY, "markup in folder and file names")


def _front_matter(put) -> None:
    fm = "yaml/"
    put(f"{fm}broken.md", "---\ntitle: [unclosed\n  - : :\n---\n# Fallback\n", "broken YAML")
    put(f"{fm}list.md", "---\n- a\n- b\n---\n# List front matter\n", "front matter that is a list")
    put(f"{fm}scalar.md", "---\njust a string\n---\n# Scalar\n", "front matter that is a string")
    nested = "title: " + "[" * 500 + "]" * 500
    put(f"{fm}nested.md", f"---\n{nested}\n---\n# Nested\n", "deeply nested YAML list")
    wide = "".join(f"k{i}: {{a: [1, 2, {{b: c}}]}}\n" for i in range(150))
    put(f"{fm}huge-structure.md", f"---\n{wide}title: Wide\n---\nbody\n", "big YAML mapping")
    put(f"{fm}billion-laughs.md", f"---\n{BILLION_LAUGHS}---\n# Bomb\n", "YAML bomb (aliases)")
    put(
        f"{fm}bad-date.md",
        "---\ntitle: Bad date\ndate: 2025-13-45\n---\nbody\n",
        "invalid YAML timestamp (PyYAML raises ValueError)",
    )
    put(f"{fm}year-zero.md", "---\ntitle: Year zero\ndate: 0000-01-01\n---\nbody\n", "year 0")
    put(
        f"{fm}hex-title.md",
        "---\ntitle: 0x" + "f" * 3600 + "\n---\n# Hex\n",
        "an integer too long to print (int max str digits)",
    )
    put(
        f"{fm}types.md",
        "---\ntitle: !!binary aGVsbG8=\nurl: {a: 1}\nsource: [x]\ndate: [2025]\n"
        "tags: 7\n---\n# Odd types\n",
        "front-matter values of the wrong types",
    )
    put(
        f"{fm}python-tag.md",
        "---\ntitle: !!python/object/apply:os.system [ls]\n---\n# Py\n",
        "a python/object tag (safe_load must refuse it)",
    )
    put(f"{fm}unclosed.md", "---\ntitle: Never closed\n\n# Heading\nbody\n", "no closing ---")
    long_fm = "---\ntitle: Long\ndescription: " + "x" * 20_000 + "\n---\n# After\n"
    put(f"{fm}too-long.md", long_fm, "front matter longer than the scan reads")
    put(
        "yaml/absurd-date.txt",
        "date 9999-12-31 Far future\nbody\n",
        "absurd (but valid) date header",
    )
    put("yaml/bad-date.txt", "date 0000-00-00 Year zero\nbody\n", "impossible date header")
    put("yaml/huge-date.txt", "date 99999999999999999999 Huge\nbody\n", "huge date header")
    put("yaml/min-date.md", "---\ntitle: Min\ndate: 0001-01-01\n---\nbody\n", "date.min")


def _big(root: Path, put, cases: dict[str, str], big: bool) -> None:
    word = "x" * LONG_WORD_CHARS
    put("big/long-word.md", f"# Long word\n\n{word}\n\nend\n", "a 100,000-character word")
    put(
        "big/long-title.txt",
        f"date 2025-04-01 {word}\nbody\n",
        "a 100,000-character title line",
    )
    if not big:
        return
    line = root / "big" / "ten-mb-line.txt"
    with line.open("wb") as f:
        f.write(b"date 2025-04-02 Ten megabyte line\n")
        chunk = b"word " * 200_000
        for _ in range(LONG_LINE_BYTES // len(chunk) + 1):
            f.write(chunk)
    cases["big/ten-mb-line.txt"] = "a single 10 MB line"
    huge = root / "big" / "fifty-mb.md"
    with huge.open("wb") as f:
        f.write(b"---\ntitle: Fifty megabytes\n---\n")
        paragraph = (
            b"A scraper gone wrong keeps writing the same long paragraph, sentence after "
            b"sentence, so that the file grows without end and the reader must cut it. " * 12
        ) + b"\n\n"
        chunk = paragraph * 100
        for _ in range(BIG_FILE_BYTES // len(chunk) + 1):
            f.write(chunk)
    cases["big/fifty-mb.md"] = "a 50 MB file"


def _file_system(root: Path, put, cases: dict[str, str]) -> None:
    fs = root / "fs"
    fs.mkdir(parents=True, exist_ok=True)
    put("fs/ok.txt", "date 2025-05-01 A fine article\nbody\n", "a normal file, for contrast")
    os.mkfifo(fs / "fifo.txt")
    cases["fs/fifo.txt"] = "a FIFO (opening it for reading would block)"
    with contextlib.suppress(OSError):
        os.mknod(fs / "device.txt", stat.S_IFCHR | 0o600, os.makedev(1, 3))
        cases["fs/device.txt"] = "a character device node (like /dev/null)"
    (fs / "devnull.md").symlink_to("/dev/null")
    cases["fs/devnull.md"] = "a symlink to /dev/null"
    if sys.platform.startswith("linux"):
        (fs / "zero.txt").symlink_to("/dev/zero")
        cases["fs/zero.txt"] = "a symlink to /dev/zero (endless)"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(fs / "socket.txt"))
        cases["fs/socket.txt"] = "a Unix socket"
    except OSError:
        pass
    finally:
        sock.close()
    (fs / "loop.txt").symlink_to("loop.txt")
    cases["fs/loop.txt"] = "a symlink to itself"
    (fs / "ping.md").symlink_to("pong.md")
    (fs / "pong.md").symlink_to("ping.md")
    cases["fs/ping.md"] = "a symlink loop of two"
    cases["fs/pong.md"] = "a symlink loop of two"
    (fs / "dangling.txt").symlink_to("does-not-exist.txt")
    cases["fs/dangling.txt"] = "a dangling symlink"
    (fs / "dir-loop").symlink_to("..")
    put("fs/folder.txt/inside.txt", "date 2025-05-05 Inside\n", "in a folder named like an article")
    locked = put("fs/no-permission.txt", "date 2025-05-02 Locked\nbody\n", "no read permission")
    locked.chmod(0)
    put("fs/vanishing.txt", "date 2025-05-03 Vanishing\nbody\n", "removed between stat and read")
    put("fs/rewritten.txt", "date 2025-05-04 Before\nbody\n", "rewritten between stat and read")


def _names(root: Path, put, cases: dict[str, str]) -> None:
    names = root / "names"
    names.mkdir(parents=True, exist_ok=True)
    put("names/new\nline.txt", NAME_ONLY, "newline in the file name")
    put("names/tab\there.md", NAME_ONLY, "tab in the file name")
    put("names/\x1b[2J\x1b]0;t\x07esc.txt", NAME_ONLY, "escape sequences in the file name")
    put("names/\x1b[2J.txt", NAME_ONLY, "a file name that is only an escape sequence")
    put("names/\u202egnp.txt", NAME_ONLY, "bidi override in the file name")
    put("names/[bold]markup[@click=app.quit].txt", NAME_ONLY, "markup in the file name")
    put("names/" + "n" * 250 + ".txt", NAME_ONLY, "a 254-byte file name")
    raw = os.path.join(os.fsencode(names), b"\xff\xfe undecodable.txt")
    with open(raw, "wb") as f:
        f.write(NAME_ONLY.encode())
    cases["names/" + os.fsdecode(b"\xff\xfe undecodable.txt")] = "undecodable bytes in the name"
    folder = os.path.join(os.fsencode(root), b"\xff feed \x1b[31m")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, b"in-bad-folder.txt"), "wb") as f:
        f.write(b"date 2025-06-01 In a badly named folder\nbody\n")
    cases[os.fsdecode(b"\xff feed \x1b[31m/in-bad-folder.txt")] = "undecodable, escaped folder name"
    put("\x1b]0;pwned\x07\n[bold]feed/x.txt", NAME_ONLY, "escape, newline and markup in a feed name")
    # Refused files with hostile names: their names are printed with the reason.
    os.mkfifo(names / "\x1b]0;pwned\x07\x1b[2J fifo.txt")
    cases["names/\x1b]0;pwned\x07\x1b[2J fifo.txt"] = "a FIFO with escapes in its name"
    put("names/\u202ebinary\n[bold].md", bytes(range(256)) * 8, "binary, bidi and newline in name")


def _deep(root: Path, put, cases: dict[str, str]) -> None:
    rel = "deep/" + "d/" * 10
    put(rel + "level-10.txt", "date 2025-07-01 Ten levels down\nbody\n", "10 folders deep")
    rel = "deep/" + "d/" * DEEP_LEVELS
    put(rel + "level-200.txt", "date 2025-07-02 Too deep\nbody\n", f"{DEEP_LEVELS} folders deep")


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-library")
    for name, what in build(target).items():
        print(f"{name!r}: {what}")
