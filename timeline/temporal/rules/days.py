"""Rules for days named relative to the reference and times of day: weekdays, yesterday/today/tomorrow,
parts of today and clock times."""

from __future__ import annotations

import datetime as dt
import re

from timeline.temporal import calendar as cal
from timeline.temporal.context import Context, Resolution
from timeline.temporal.lexicon import lexicon
from timeline.temporal.rules.base import (
    RELATIVE_TO_PREVIOUS,
    RELATIVE_TO_PUBLICATION,
    UNRESOLVED,
    WEEKDAY_AFTER,
    WEEKDAY_BEFORE,
    Parts,
    day_resolution,
    normalised,
    rule,
    with_part_of_day,
)
from timeline.temporal.rules.dates import month_day


def weekday_date(weekday: int, ctx: Context, rel: str) -> dt.date | None:
    """Day of a named weekday: latest not after the reference in the past, next one in the future."""
    ref = ctx.reference
    if ref is None:
        return None
    back = (ref.isoweekday() - weekday) % 7
    ahead = (weekday - ref.isoweekday()) % 7
    if rel in ("last", "past", "this past"):
        return ref - dt.timedelta(days=back or 7)
    if rel in ("next", "coming", "this coming"):
        return ref + dt.timedelta(days=ahead or 7)
    if rel == "this":
        return ref + dt.timedelta(days=weekday - ref.isoweekday())
    if ctx.future:
        return ref + dt.timedelta(days=ahead or 7)  # "will meet on Wednesday" said on a Wednesday: next week
    return ref - dt.timedelta(days=back)


@rule("weekday")
def weekday(parts: Parts, ctx: Context) -> Resolution | None:
    """ "Friday", "last Tuesday", "Tuesday night" (by tense around the expression)."""
    lex = lexicon()
    number = lex.weekdays[normalised(parts["weekday"])]
    rel = normalised(parts.get("rel", ""))
    if ctx.following_text(2) in ("'s", "’s"):
        ctx.assume_tense(None)  # "Wednesday's ruling": an event reported, whatever the verb says
    day = weekday_date(number, ctx, rel)
    if day is None:
        res = Resolution("DATE", f"XXXX-WXX-{number}", UNRESOLVED)
    else:
        res = day_resolution(day, WEEKDAY_BEFORE if day <= ctx.reference else WEEKDAY_AFTER)  # type: ignore[operator]
    return with_part_of_day(res, parts.get("part"), lex)


_RELDAY_OFFSET = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}


@rule("relative_day")
def relative_day(parts: Parts, ctx: Context) -> Resolution | None:
    """ "yesterday", "today", "tomorrow morning", "tonight", "last night", "late yesterday"."""
    lex = lexicon()
    part: str | None = parts.get("part")
    if "beyond" in parts:
        offset = -2 if normalised(parts["beyond"]).startswith("before") else 2
    elif "lastnight" in parts:
        offset, part = -1, part or "night"
    else:
        word = normalised(parts["relday"])
        offset, part = _RELDAY_OFFSET[word], part or ("night" if word == "tonight" else None)
    ref = ctx.reference
    day = cal.add_days(ref, offset) if ref else None
    return with_part_of_day(day_resolution(day, RELATIVE_TO_PUBLICATION), part, lex)


@rule("part_of_today")
def part_of_today(parts: Parts, ctx: Context) -> Resolution | None:
    """ "this morning", "earlier this evening": a part of the reference day."""
    return with_part_of_day(day_resolution(ctx.reference, RELATIVE_TO_PUBLICATION), parts["part"], lexicon())


def _clock_value(text: str) -> str | None:
    """hh:mm of a clock expression ("10:35 a.m.", "6 p.m.", "noon", "4 in the morning")."""
    words = normalised(text)
    if words in ("noon", "midday"):
        return "12:00"
    if words == "midnight":
        return "24:00"
    m = re.match(r"(\d{1,2})(?:[:.](\d{2}))?\s*(?:([ap])\.?m|in the (morning|afternoon|evening))?", words)
    if m is None:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    afternoon = m.group(3) == "p" or m.group(4) in ("afternoon", "evening")
    morning = m.group(3) == "a" or m.group(4) == "morning"
    if afternoon and hour < 12:
        hour += 12
    elif morning and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


_CLOCK_CUES = {"at", "by", "from", "until", "till", "before", "after", "around", "about", "since", "to"}


@rule("clock")
def clock(parts: Parts, ctx: Context) -> Resolution | None:
    """ "10:35 a.m.", "noon", "1800 GMT": a time on the day being narrated."""
    if "mil" in parts:
        hhmm: str | None = f"{parts['mil'][:2]}:{parts['mil'][2:]}"
    else:
        text = parts["clock"]
        plain = re.fullmatch(r"\d{1,2}[:.]\d{2}", text) is not None
        if plain and "tz" not in parts and ctx.previous_word() not in _CLOCK_CUES:
            return None
        hhmm = _clock_value(text)
    if hhmm is None:
        return None
    if ctx.last_day is not None:
        return Resolution("TIME", f"{ctx.last_day.start.isoformat()}T{hhmm}", RELATIVE_TO_PREVIOUS)
    if ctx.reference is None:
        return Resolution("TIME", f"XXXX-XX-XXT{hhmm}", UNRESOLVED)
    return Resolution("TIME", f"{ctx.reference.isoformat()}T{hhmm}", RELATIVE_TO_PUBLICATION)


@rule("clock_on_day")
def clock_on_day(parts: Parts, ctx: Context) -> Resolution | None:
    """ "9 a.m. EST Tuesday", "2230 GMT Tuesday", "3:45 on Tuesday afternoon", "5 p.m. EST Nov. 9"."""
    hhmm = f"{parts['mil'][:2]}:{parts['mil'][2:]}" if "mil" in parts else _clock_value(parts["clock"])
    if hhmm is None:
        return None
    if parts.get("part") and lexicon().parts_of_day[normalised(parts["part"])] in ("AF", "EV", "NI") and hhmm < "12":
        hhmm = f"{int(hhmm[:2]) + 12:02d}{hhmm[2:]}"
    day_parts = {k: v for k, v in parts.items() if k != "part"}
    if "month" in parts:
        day = month_day(day_parts, ctx)
    elif "weekday" in parts:
        day = weekday(day_parts, ctx)
    else:
        day = relative_day(day_parts, ctx)
    if day is None:
        return None
    return Resolution("TIME", f"{day.value[:10]}T{hhmm}", day.rule)
