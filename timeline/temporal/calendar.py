"""Calendar arithmetic on TIMEX3 values: render a period, shift it, and give its day interval."""

from __future__ import annotations

import datetime as dt
import functools
import re

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
"""First and last month of each season (winter runs into the next year)."""

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"(\d{4})-(\d{2})$")
_PART = re.compile(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_YEAR = re.compile(r"(\d{2,4})$")

Interval = tuple[dt.date, dt.date, str]


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the parts do not make one (February 30th, year 0)."""
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def add_days(day: dt.date, days: int) -> dt.date | None:
    """`day` moved by `days`, or None off the calendar."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def add_months(day: dt.date, months: int) -> dt.date | None:
    """`day` moved by whole months, clamped to the end of shorter months."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        return None
    last = month_end(year, month + 1).day
    return dt.date(year, month + 1, min(day.day, last))


def month_end(year: int, month: int) -> dt.date:
    """Last day of a month."""
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def day_value(day: dt.date) -> str:
    """TIMEX3 value of a day: 2020-02-04."""
    return day.isoformat()


def month_value(day: dt.date) -> str:
    """TIMEX3 value of the month containing `day`: 2020-02."""
    return f"{day.year:04d}-{day.month:02d}"


def week_value(day: dt.date) -> str:
    """TIMEX3 value of the ISO week containing `day`: 2020-W06."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(day: dt.date) -> int:
    """Calendar quarter (1-4) of a day."""
    return (day.month - 1) // 3 + 1


def quarter_value(year: int, quarter: int) -> str:
    """TIMEX3 value of a quarter: 2020-Q1."""
    return f"{year:04d}-Q{quarter}"


def season_of(day: dt.date) -> tuple[int, str]:
    """Year and season code of a day (December belongs to the winter of the next year's start)."""
    code = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(day.month, "FA")
    return (day.year - 1 if day.month in (1, 2) else day.year), code


def render(day: dt.date, granularity: str) -> str:
    """TIMEX3 value of the period of the given granularity that contains `day`."""
    if granularity == "day":
        return day_value(day)
    if granularity == "week":
        return week_value(day)
    if granularity == "month":
        return month_value(day)
    if granularity == "quarter":
        return quarter_value(day.year, quarter_of(day))
    if granularity == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if granularity == "season":
        year, code = season_of(day)
        return f"{year:04d}-{code}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


def shift(day: dt.date, amount: int, unit: str) -> dt.date | None:
    """`day` moved by `amount` TIMEX3 units (D, W, M, Q, Y, DE, CE, FN)."""
    days = {"D": 1, "W": 7, "FN": 14, "WE": 7}.get(unit)
    if days is not None:
        return add_days(day, amount * days)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    if months is not None:
        return add_months(day, amount * months)
    return None


UNIT_GRANULARITY = {"D": "day", "W": "week", "WE": "week", "FN": "week", "M": "month", "Q": "quarter", "Y": "year"}
"""Granularity of the value a shift by one unit gives ("two weeks ago" -> a week)."""


@functools.lru_cache(maxsize=8192)
def interval_of(value: str) -> Interval | None:
    """Inclusive day interval and granularity of a calendar value; None when it has none."""
    try:
        return _interval(value)
    except (ValueError, OverflowError):
        return None


def _interval(value: str) -> Interval | None:
    if m := _DAY.match(value):
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return day, day, "day"
    if m := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        if m.group(3):
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "week"
        return monday, monday + dt.timedelta(days=6), "week"
    if m := _MONTH.match(value):
        year, month = int(m.group(1)), int(m.group(2))
        return dt.date(year, month, 1), month_end(year, month), "month"
    if m := _PART.match(value):
        return _part_interval(int(m.group(1)), m.group(2))
    if m := _YEAR.match(value):
        digits = m.group(1)
        if len(digits) == 4:
            year = int(digits)
            return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
        if len(digits) == 3:
            first = max(int(digits) * 10, 1)
            return dt.date(first, 1, 1), dt.date(int(digits) * 10 + 9, 12, 31), "decade"
        first = max(int(digits) * 100, 1)
        return dt.date(first, 1, 1), dt.date(int(digits) * 100 + 99, 12, 31), "century"
    return None


def _part_interval(year: int, part: str) -> Interval:
    if part.startswith("Q"):
        first = (int(part[1]) - 1) * 3 + 1
        return dt.date(year, first, 1), month_end(year, first + 2), "quarter"
    if part.startswith("H"):
        first = 1 if part == "H1" else 7
        return dt.date(year, first, 1), month_end(year, first + 5), "half"
    start_month, end_month = SEASON_MONTHS[part]
    end_year = year + 1 if end_month < start_month else year
    return dt.date(year, start_month, 1), month_end(end_year, end_month), "season"
