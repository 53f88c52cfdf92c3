"""Rules for dates written on the calendar: month and day, ISO and numeric dates, months, years, decades,
centuries and holidays."""

from __future__ import annotations

import datetime as dt
import re

from timeline.temporal import calendar as cal
from timeline.temporal.context import Context, Resolution
from timeline.temporal.lexicon import lexicon
from timeline.temporal.rules.base import (
    BACKWARD_WORDS,
    DURATION,
    EXPLICIT,
    FORWARD_WORDS,
    MAX_YEAR,
    MIN_YEAR,
    RELATIVE_TO_PUBLICATION,
    UNRESOLVED,
    YEAR_FROM_PUBLICATION,
    Parts,
    day_resolution,
    month_year_by_tense,
    normalised,
    rule,
    year_by_tense,
    year_of,
)

_CENTURY_WORDS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}


def _day_number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _calendar_day(year: int | None, month: int, day: int, ctx: Context, range_day: int | None) -> Resolution | None:
    """A day of a month, its year written or found by tense; an optional range end in the same month."""
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    how = EXPLICIT
    if year is None:
        year = year_by_tense(month, day, ctx)
        how = YEAR_FROM_PUBLICATION
        if year is None:
            if cal.safe_date(2000, month, day) is None:
                return None
            return Resolution("DATE", f"XXXX-{month:02d}-{day:02d}", UNRESOLVED)
    start = cal.safe_date(year, month, day)
    if start is None:
        return None
    range_end = cal.safe_date(year, month, range_day) if range_day else None
    if range_end is not None and range_end <= start:
        range_end = None
    return Resolution("DATE", cal.day_value(start), how, range_end)


@rule("month_day")
def month_day(parts: Parts, ctx: Context) -> Resolution | None:
    """ "Feb. 4", "February 4th, 2020", "Monday, Oct. 26", "March 3-5"."""
    month = lexicon().month_of(parts["month"])
    if month is None:
        return None
    day2 = _day_number(parts["day2"]) if "day2" in parts else None
    return _calendar_day(year_of(parts), month, _day_number(parts["day"]), ctx, day2)


@rule("day_month")
def day_month(parts: Parts, ctx: Context) -> Resolution | None:
    """ "4 February 2020", "the 4th of February", "3-5 March"."""
    return month_day(parts, ctx)


@rule("iso_date")
def iso_date(parts: Parts, ctx: Context) -> Resolution | None:
    """ "2020-02-04" (with an optional "T15:00")."""
    day = cal.safe_date(int(parts["y"]), int(parts["m"]), int(parts["d"]))
    if day is None:
        return None
    if "hh" in parts:
        return Resolution("TIME", f"{day.isoformat()}T{parts['hh']}:{parts['mi']}", EXPLICIT)
    return Resolution("DATE", day.isoformat(), EXPLICIT)


@rule("numeric_date")
def numeric_date(parts: Parts, ctx: Context) -> Resolution | None:
    """ "2/4/2020" (month first, as in US news, unless the first number cannot be a month)."""
    first, second, year = int(parts["a"]), int(parts["b"]), int(parts["y"])
    if year < 100:
        if parts["sep"] == ".":
            return None
        year += 1900 if year >= 50 else 2000
    month, day = (first, second) if first <= 12 else (second, first)
    if parts["sep"] == "." and second <= 12:
        month, day = second, first
    found = cal.safe_date(year, month, day)
    return day_resolution(found, EXPLICIT) if found else None


@rule("month_year")
def month_year(parts: Parts, ctx: Context) -> Resolution | None:
    """ "July 1997", "early March of 1990", "June last year"."""
    month = lexicon().month_of(parts.get("month") or parts["month_name"])
    if month is None:
        return None
    if "yrel" in parts:
        if ctx.reference is None:
            return Resolution("DATE", f"XXXX-{month:02d}", UNRESOLVED)
        offset = {"last": -1, "next": 1}.get(normalised(parts["yrel"]), 0)
        return Resolution("DATE", f"{ctx.reference.year + offset:04d}-{month:02d}", RELATIVE_TO_PUBLICATION)
    year = year_of(parts)
    if year is None:
        return None
    return Resolution("DATE", f"{year:04d}-{month:02d}", EXPLICIT)


@rule("month_alone")
def month_alone(parts: Parts, ctx: Context) -> Resolution | None:
    """ "in March", "late November": the year by tense (the pattern asks for a cue word before a bare name)."""
    lex = lexicon()
    month = lex.months[normalised(parts["month_name"])]
    if "edge" not in parts and re.match(r"\s+(?-i:[A-Z][a-z])", ctx.following_text()):
        return None
    year = month_year_by_tense(month, ctx, None)
    if year is None:
        return Resolution("DATE", f"XXXX-{month:02d}", UNRESOLVED)
    return Resolution("DATE", f"{year:04d}-{month:02d}", YEAR_FROM_PUBLICATION)


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lm = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lm) // 451
    month, day = divmod(h + lm - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday_date(name: str, year: int) -> dt.date | None:
    """The day of a holiday in a year."""
    rule_text = lexicon().holidays[normalised(name)]
    if rule_text == "easter":
        return _easter(year)
    if rule_text == "election":
        first_monday = dt.date(year, 11, 1) + dt.timedelta(days=(0 - dt.date(year, 11, 1).weekday()) % 7)
        return first_monday + dt.timedelta(days=1)
    if rule_text == "thanksgiving":
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    month, day = (int(p) for p in rule_text.split("-"))
    return cal.safe_date(year, month, day)


@rule("holiday")
def holiday(parts: Parts, ctx: Context) -> Resolution | None:
    """ "Christmas", "Thanksgiving Day", "last Easter", "Christmas 1998"."""
    name = parts["holiday"]
    year = year_of(parts)
    if year is not None:
        return day_resolution(holiday_date(name, year), EXPLICIT)
    ref = ctx.reference
    if ref is None:
        return Resolution("DATE", "XXXX-XX-XX", UNRESOLVED)
    rel = normalised(parts.get("rel", ""))
    this_year = holiday_date(name, ref.year)
    if this_year is None:
        return None
    backward = rel == "last" or (rel != "next" and not ctx.future)
    if backward and this_year > ref:
        return day_resolution(holiday_date(name, ref.year - 1), YEAR_FROM_PUBLICATION)
    if not backward and this_year < ref:
        return day_resolution(holiday_date(name, ref.year + 1), YEAR_FROM_PUBLICATION)
    return day_resolution(this_year, YEAR_FROM_PUBLICATION)


@rule("year")
def year(parts: Parts, ctx: Context) -> Resolution | None:
    """ "1990", "fiscal 1989", "the end of 1990", "nineteen ninety-six": a year, not a count or an amount."""
    if "yearword" in parts:
        spelled = year_of(parts)
        thousands = normalised(parts["yearword"]).startswith("two thousand")
        if spelled is None or (thousands and not normalised(ctx.text[ctx.start : ctx.end]).startswith("the year")):
            return None
        return Resolution("DATE", f"{spelled:04d}", EXPLICIT)
    value = int(parts["year"])
    if not MIN_YEAR <= value <= MAX_YEAR or ctx.preceding_char() in ("$", "#", "£", "€"):
        return None
    if value < 1900 and "fiscal" not in parts and "edge" not in parts and ctx.previous_word() not in ("in", "since"):
        return None
    return Resolution("DATE", f"{value:04d}", EXPLICIT)


def _decade_word_tens(word: str) -> int:
    """ "nineties" -> 9."""
    return lexicon().numbers[normalised(word)[:-3] + "y"] // 10


@rule("the_year")
def the_year(parts: Parts, ctx: Context) -> Resolution | None:
    """ "for the year" -> the reference's year; "the (fiscal) year ended June 30" -> a year, P1Y."""
    if "ended" in parts:
        return Resolution("DURATION", "P1Y", DURATION)
    if ctx.reference is None:
        return Resolution("DATE", "XXXX", UNRESOLVED)
    return Resolution("DATE", f"{ctx.reference.year:04d}", RELATIVE_TO_PUBLICATION)


@rule("decade")
def decade(parts: Parts, ctx: Context) -> Resolution | None:
    """ "the 1990s", "the mid-1980s", "the '80s", "the nineties" -> 199, 198, 199."""
    if "dec" in parts:
        return Resolution("DATE", parts["dec"], EXPLICIT)
    century = (ctx.reference.year // 100) if ctx.reference else 19
    tens = _decade_word_tens(parts["decword"]) if "decword" in parts else int(parts["dec2"])
    value = century * 10 + tens
    if ctx.reference and value * 10 > ctx.reference.year:
        value -= 10
    return Resolution("DATE", f"{value:03d}", EXPLICIT)


@rule("century")
def century(parts: Parts, ctx: Context) -> Resolution | None:
    """ "the 20th century" -> 19, "this century" -> the reference's century."""
    if "cent" in parts:
        return Resolution("DATE", f"{int(parts['cent']) - 1:02d}", EXPLICIT)
    if "centword" in parts:
        return Resolution("DATE", f"{_CENTURY_WORDS[normalised(parts['centword'])] - 1:02d}", EXPLICIT)
    if ctx.reference is None:
        return Resolution("DATE", "XX", UNRESOLVED)
    rel = normalised(parts["crel"])
    offset = -1 if rel in BACKWARD_WORDS else 1 if rel in FORWARD_WORDS or rel == "the next" else 0
    return Resolution("DATE", f"{ctx.reference.year // 100 + offset:02d}", RELATIVE_TO_PUBLICATION)
