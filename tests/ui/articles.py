"""A small library written by the tests (fixed text, dates and file times)."""

from __future__ import annotations

import os
from pathlib import Path

# A scraped page: a menu above the article, a "Latest news" list and a footer below.
FERRY_PAGE = """\
date 2025-03-14 Night ferries return to the harbour route

Home
News
Sport
Weather
Contact

Night ferries return to the harbour route

PORTVILLE – Late-evening crossings return to the harbour route next month, the ferry \
company said on Friday, after two years in which the last boat left at nine.

The company will run three extra crossings on weekdays, starting on April 1. Shift \
workers at the container terminal had asked for them since the timetable was cut.

"We heard the people who use the boats every day," said Ana Ruiz, who runs the route. \
Crews for the new crossings are being trained this month.

LATEST NEWS
Storm warning issued for the coast
Fish market reopens after repairs
Lighthouse keeper retires after 40 years

Share on Facebook
Share on X
© 2025 Portville Times. All rights reserved.
"""

STORM_POST = """\
---
title: Storm warning issued for the coast
date: 2025-03-12
---

The weather service warned of gales along the coast on Wednesday night.

Boats were told to stay in the harbour until the wind drops.
"""

BAKERY_POST = """\
---
title: Valley bakery wins the regional bread prize
date: 2025-03-10
---

A family bakery in the valley won this year's regional bread prize.

The judges praised its rye loaf, baked in a wood-fired oven since 1962.
"""

FILES = {
    "harbour-times/ferry.txt": FERRY_PAGE,
    "harbour-times/storm.md": STORM_POST,
    "valley-post/bakery.md": BAKERY_POST,
}
MTIME = 1_741_600_000  # 2025-03-10: the files' times, so nothing depends on today


def write_library(root: Path) -> Path:
    """Write the three articles under `root` (two feeds) and return `root`."""
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        os.utime(path, (MTIME, MTIME))
    return root
