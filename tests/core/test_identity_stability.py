"""Article identities do not change when the code that reads files does.

Marks are keyed by `article_id(title, date)`, so a change in how .txt and .md files
are read must give every file the id it had. The ids below were computed by the
reader before the formats registry existed (commit 922610f) and are fixed here.
"""

from __future__ import annotations

import os
from pathlib import Path

from reader.core.library import scan
from tests.conftest import REPO

FILES = {
    "news/header.txt": b"date 2025-03-04 Ferry timetable changes\nMenu\nThe ferry leaves.\n",
    "news/no-header.txt": b"\n\n  Storm hits the coast  \nSecond line\n",
    "news/bad-date.txt": b"date 2025-13-45 A title with a bad date\nbody\n",
    "news/unicode.txt": (
        "date 2025-01-02 Caf\u00e9 \u00ab\u00a0Stra\u00dfe\u00a0\u00bb opens\nbody\n".encode()
    ),
    "news/empty.txt": b"",
    "news/utf16.txt": "date 2025-05-06 Wide title\nbody\n".encode("utf-16"),
    "news/long-probe.txt": b"x" * 3000 + b" end of a very long first line\nbody\n",
    "blog/front.md": (
        b"---\ntitle: Front matter title\ndate: 2024-12-31\nurl: https://x.example/a\n"
        b"tags: [a, b]\n---\n# Ignored heading\n\nBody.\n"
    ),
    "blog/heading.md": b"Intro line\n\n## The heading\n\nBody.\n",
    "blog/broken.markdown": b"---\n: [unclosed\n---\nIntro\n\n## The heading\n",
    "blog/datetime.md": b"---\ntitle: Timed\ndate: 2025-02-03 10:00:00\n---\nbody\n",
    "blog/header.txt": b"date 2025-03-04 Ferry timetable changes\nA namesake in another feed.\n",
    "top.txt": b"date 2020-01-01 In the root\nbody\n",
}

EXPECTED = {
    "blog/broken.markdown": ("0b2693f111965beb", "md"),
    "blog/datetime.md": ("d919e40fa8eccba7", "md"),
    "blog/front.md": ("dc9646b9f140e98d", "md"),
    "blog/header.txt": ("b0f42d2572adecca", "txt"),
    "blog/heading.md": ("0b2693f111965beb", "md"),
    "news/bad-date.txt": ("152ebed6b06623e0", "txt"),
    "news/header.txt": ("84c7ea2f885e8204", "txt"),
    "news/long-probe.txt": ("7e8e3ffdc5ca2047", "txt"),
    "news/no-header.txt": ("1cd59c4a432d5911", "txt"),
    "news/unicode.txt": ("08a8584a36b3f39d", "txt"),
    "news/utf16.txt": ("eb9f93b6d12d010a", "txt"),
    "top.txt": ("0fe658f7faeaed63", "txt"),
}

SAMPLE_IDS = {
    "diario-del-valle/2025-01-22-reabre-mercado-de-abastos.txt": "8bd13e9aa07995eb",
    "diario-del-valle/2025-05-06-el-campuzo-se-desborda.txt": "b71ccbd4709c62dc",
    "diario-del-valle/2025-07-30-alerta-naranja-calor.txt": "257c40b4d04bf9fb",
    "diario-del-valle/2025-09-15-fiesta-de-la-vendimia-record.txt": "c54332bf49744d00",
    "harbour-gazette/2025-02-11-council-approves-412m-budget.txt": "c8f0eead8630b0f8",
    "harbour-gazette/2025-04-03-harbour-dredging-contract.txt": "f226cd82befe42fe",
    "harbour-gazette/2025-08-07-northfields-lido-closes.txt": "f2dbb7e17bbff4a7",
    "harbour-gazette/2025-10-28-storm-hesper-live-aftermath.txt": "3b8d209b8588fd66",
    "harbour-gazette/2025-12-02-net-loft-community-bakery.txt": "885ef12d0ac4d17a",
    "harbour-gazette/sea-shanty-festival-returns.txt": "39a8b7ad627a6323",
    "tech-ledger/2025-03-14-mature-node-chip-squeeze.txt": "9c7990f950a8793e",
    "tech-ledger/2025-06-09-tidewater-2-0-release.md": "5d3944e01425eb7f",
    "tech-ledger/2025-09-23-terminal-escape-injection-warning.txt": "374f287010bb4a1f",
    "tech-ledger/2025-11-18-cloud-egress-fees-inquiry.md": "71e1e68b7b4b101e",
    "tech-ledger/lumenfold-e-paper-dashboard-hands-on.md": "e2d0406c1131c88d",
}


def test_ids_of_text_and_markdown_files_are_unchanged(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    for name, data in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    library = scan([root])
    # An empty file is no article; broken front matter is listed, with a warning.
    problems = {os.path.relpath(p.path, root): (p.reason, p.listed) for p in library.problems}
    assert problems == {
        "news/empty.txt": ("empty file", False),
        "blog/broken.markdown": ("front matter ignored: not valid YAML", True),
    }
    got = {os.path.relpath(a.path, root): (a.id, a.format) for a in library.articles}
    assert got == EXPECTED
    assert all(a.key == a.path and a.entry == "" for a in library.articles)


def test_ids_of_the_bundled_samples_are_unchanged() -> None:
    root = REPO / "sample_feeds"
    got = {os.path.relpath(a.path, root): a.id for a in scan([root]).articles}
    assert got == SAMPLE_IDS
