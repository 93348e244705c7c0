"""Dates found in the text of undated articles: common forms, conservative, never future."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.found_date import MIN_YEAR, find_date

TODAY = dt.date(2026, 1, 15)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2025-08-07", dt.date(2025, 8, 7)),
        ("Updated 2025-08-07T10:15:00Z", dt.date(2025, 8, 7)),
        ("/news/2025/08/07/storm", dt.date(2025, 8, 7)),
        ("Published 7 August 2025, 19:12", dt.date(2025, 8, 7)),
        ("Thursday, 7th Aug. 2025", dt.date(2025, 8, 7)),
        ("the 7th of August, 2025", dt.date(2025, 8, 7)),
        ("August 7, 2025", dt.date(2025, 8, 7)),
        ("Posted by Ann on Aug 7th 2025 at 10:15", dt.date(2025, 8, 7)),
        ("SEPT 30 2024", dt.date(2024, 9, 30)),
        ("Mar. 1, 1999", dt.date(1999, 3, 1)),
        ("first 3 May 2020 then 2021-01-01", dt.date(2020, 5, 3)),  # the first one wins
        ("first 2021-01-01 then 3 May 2020", dt.date(2021, 1, 1)),
    ],
)
def test_common_forms(text: str, date: dt.date) -> None:
    assert find_date(text, TODAY) == date


@pytest.mark.parametrize(
    "text",
    [
        "",
        "No date at all",
        "07/08/2025",  # day-first or month-first: not read
        "8.7.2025",
        "May 2025",  # no day
        "You may 12 2025 things",  # 'may' as a word, then a number and a year: read? see below
        "31 June 2025",  # no such day
        "2025-13-01",
        "2025-02-30",
        "version 12025-01-01",  # inside a longer number
        "build 1.2025-01-01",
        "3 May 1850",  # before MIN_YEAR
        "2026-01-16",  # tomorrow
        "December 1, 2099",
        "12 Mayday 2025",
    ],
)
def test_what_is_not_a_found_date(text: str) -> None:
    found = find_date(text, TODAY)
    if text == "You may 12 2025 things":
        assert found == dt.date(2025, 5, 12)  # the month form matches; harmless for sorting
    else:
        assert found is None


def test_only_the_start_of_a_long_text_is_read() -> None:
    assert find_date("x" * 5000 + " 2025-08-07", TODAY) is None


def test_today_is_not_the_future() -> None:
    assert find_date("2026-01-15", TODAY) == TODAY


@given(st.text(max_size=300), st.dates(min_value=dt.date(1900, 1, 1)))
def test_never_a_date_in_the_future_or_too_old(text: str, today: dt.date) -> None:
    found = find_date(text, today)
    assert found is None or (found.year >= MIN_YEAR and found <= today)


@given(st.dates(min_value=dt.date(MIN_YEAR, 1, 1), max_value=TODAY), st.sampled_from(range(4)))
def test_every_date_written_in_a_known_form_is_found(date: dt.date, form: int) -> None:
    month = date.strftime("%B")
    text = [
        date.isoformat(),
        f"{date.day} {month} {date.year}",
        f"{month} {date.day}, {date.year}",
        f"{month[:3]}. {date.day} {date.year}",
    ][form]
    assert find_date(f"By Ann · {text} · 3 min read", TODAY) == date
