"""A date found in the text of an undated article, for sorting and display only.

An article without a date in its header (a `.txt` page without a `date` line, Markdown
without `date:`) often says when it was published near its top: "Published 21 June
2025", "August 7, 2025", "2025-08-07". The scan looks for one in what it has read of
the file anyway (the first 2 KiB of a `.txt`), so finding it costs no read.

The found date never takes part in the article's id (`identity`): marks stay keyed by
the title and the missing date, so a better or worse finder never loses them.

Conservative on purpose: only whole dates (day, month and year) in unambiguous forms
(ISO, or with the month named in English), years from `MIN_YEAR`, never a date after
`today`. Numeric forms such as 07/08/2025 are day-first in some countries and
month-first in others, so they are not read at all. The first date in the text wins:
the one near the headline is the publication date far more often than a later one.
"""

from __future__ import annotations

import datetime as dt
import re

MIN_YEAR = 1990
# Look at most this far into the text (the scan's probe of a .txt is 2 KiB anyway).
FIND_CHARS = 4096

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_FORMS = (
    # 2025-08-07, 2025/08/07 (also the date of 2025-08-07T10:00): not inside a number.
    re.compile(
        r"(?<![\w.-])(?P<year>(?:19|20)\d\d)([-/])(?P<month>[01]\d)\2(?P<day>[0-3]\d)(?!\d)"
    ),
    # 7 August 2025, 7th Aug. 2025, 7 of August, 2025
    re.compile(rf"(?<![\w.]){_DAY}\.?\s+(?:of\s+)?{_MONTH}\s*,?\s+{_YEAR}(?!\d)", re.IGNORECASE),
    # August 7, 2025, Aug 7th 2025
    re.compile(rf"(?<![\w.]){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.IGNORECASE),
)


def find_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """The first date in `text` (its first `FIND_CHARS`) written in a form above, from
    `MIN_YEAR` up to `today`; None when there is none."""
    text = text[:FIND_CHARS]
    today = today or dt.date.today()
    best: tuple[int, dt.date] | None = None
    for form in _FORMS:
        for match in form.finditer(text, 0, best[0] if best else len(text)):
            date = _date(match)
            if date is not None and date.year >= MIN_YEAR and date <= today:
                best = (match.start(), date)
                break
    return best[1] if best else None


def _date(match: re.Match[str]) -> dt.date | None:
    month = match["month"]
    number = int(month) if month.isdigit() else _MONTHS[month[:3].lower()]
    try:
        return dt.date(int(match["year"]), number, int(match["day"]))
    except ValueError:  # 31 June, month 13
        return None
