"""Rules for periods counted from the reference or from the previous date: "last week", "two days later",
"three years ago"."""

from __future__ import annotations

import datetime as dt

from timeline.temporal import calendar as cal
from timeline.temporal.context import Context, Resolution
from timeline.temporal.lexicon import lexicon
from timeline.temporal.rules.base import (
    BACKWARD_WORDS,
    DURATION,
    FORWARD_WORDS,
    PERIOD_UNITS,
    RELATIVE_TO_PREVIOUS,
    RELATIVE_TO_PUBLICATION,
    UNRESOLVED,
    VAGUE,
    Parts,
    duration_value,
    month_year_by_tense,
    normalised,
    quantity_of,
    rule,
    same_quarter_years_away,
    unit_of,
    with_part_of_day,
)
from timeline.temporal.rules.periods import season


def _period_value(base: dt.date, unit: str, amount: int) -> tuple[str, str] | None:
    """Value and granularity of the period `amount` units from the one containing `base`."""
    moved = cal.shift(base, amount, unit)
    if moved is None:
        return None
    if unit == "WE":
        return cal.week_value(moved) + "-WE", "week"
    granularity = {"DE": "decade", "CE": "century"}.get(unit, cal.UNIT_GRANULARITY.get(unit, "day"))
    return cal.render(moved, granularity), granularity


def _weekend(ref: dt.date, ctx: Context, amount: int) -> Resolution:
    if amount == 0 and ref.isoweekday() < 6 and not ctx.future:
        amount = -1
    found = _period_value(ref, "WE", amount)
    return Resolution("DATE", found[0] if found else "XXXX-WXX-WE", RELATIVE_TO_PUBLICATION)


@rule("relative_period")
def relative_period(parts: Parts, ctx: Context) -> Resolution | None:
    """ "last week", "next month", "this year", "earlier this month", "last summer", "the weekend"."""
    rel = normalised(parts["rel"])
    if "season" in parts:
        return season({"season": parts["season"], "rel": "this" if rel in ("earlier", "later") else rel}, ctx)
    if "month_name" in parts:
        month = lexicon().months[normalised(parts["month_name"])]
        found_year = month_year_by_tense(month, ctx, rel if rel != "the same" else None)
        if found_year is None:
            return Resolution("DATE", f"XXXX-{month:02d}", UNRESOLVED)
        return Resolution("DATE", f"{found_year:04d}-{month:02d}", RELATIVE_TO_PUBLICATION)
    period = normalised(parts["period"]).split()[-1].replace("year-earlier", "")
    words = normalised(parts["period"])
    if words in ("year earlier", "year-earlier period"):
        return _anaphoric_shift(ctx, "Y", -1, "year")
    unit = PERIOD_UNITS.get(period, "Y")
    if unit in ("DE", "CE") and rel in ("the past", "the last", "past"):
        return Resolution("DURATION", duration_value(1, unit, False), DURATION)
    if unit == "Y" and rel == "last" and (compared := same_quarter_years_away(ctx, -1)) is not None:
        return compared
    if ctx.reference is None:
        return Resolution("DATE", {"W": "XXXX-WXX", "M": "XXXX-XX", "WE": "XXXX-WXX-WE"}.get(unit, "XXXX"), UNRESOLVED)
    if rel == "the same":
        return _anaphoric_shift(ctx, unit, 0, cal.UNIT_GRANULARITY.get(unit, "year"))
    amount = -1 if rel in BACKWARD_WORDS else 1 if rel in FORWARD_WORDS - {"later"} else 0
    if "latest" in words and amount == 0:
        amount = -1
    if unit == "WE":
        return _weekend(ctx.reference, ctx, amount)
    found = _period_value(ctx.reference, unit, amount)
    return Resolution("DATE", found[0], RELATIVE_TO_PUBLICATION) if found else None


_FINER_THAN_WEEK = ("day", "week")


def _anaphoric_shift(ctx: Context, unit: str, amount: int, granularity: str | None = None) -> Resolution | None:
    """The date narrated last moved by `amount` units (the reference when none was narrated).

    The result has the given granularity, or, when None, the granularity of the date it is
    counted from ("a week later" after a day is a day; "a year earlier" after a quarter is a
    quarter). Day and week steps count from the last day-precise date.
    """
    anchor = ctx.last_date
    if unit in ("D", "W", "WE") and (anchor is None or anchor.granularity not in _FINER_THAN_WEEK):
        anchor = ctx.last_day
    base: dt.date | None
    if anchor is not None:
        base, mentioned, own = anchor.start, True, anchor.granularity
    else:
        base, mentioned, own = ctx.reference, False, cal.UNIT_GRANULARITY.get(unit, "year")
    if base is None:
        return Resolution("DATE", "XXXX-XX-XX" if unit == "D" else "XXXX", UNRESOLVED)
    moved = cal.shift(base, amount, unit)
    if moved is None:
        return None
    value = cal.week_value(moved) + "-WE" if unit == "WE" else cal.render(moved, granularity or own)
    return Resolution("DATE", value, RELATIVE_TO_PREVIOUS if mentioned else RELATIVE_TO_PUBLICATION)


_ANAPHORIC_DIRECTION = {"before": -1, "earlier": -1, "after": 1}


@rule("anaphoric")
def anaphoric(parts: Parts, ctx: Context) -> Resolution | None:
    """ "the next day", "the following week", "that evening", "the same day", "the day before"."""
    lex = lexicon()
    direction = normalised(parts["dir"])
    if "weekday" in parts:
        return _anaphoric_weekday(lex.weekdays[normalised(parts["weekday"])], direction, ctx)
    period = normalised(parts["period"])
    default = -1 if direction in BACKWARD_WORDS else 1 if direction in FORWARD_WORDS else 0
    amount = _ANAPHORIC_DIRECTION.get(direction, default)
    if period in lex.parts_of_day:
        res = _anaphoric_shift(ctx, "D", amount, "day")
        if res is None:
            return None
        return with_part_of_day(res, period, lex)
    unit = PERIOD_UNITS[period]
    return _anaphoric_shift(ctx, unit, amount, cal.UNIT_GRANULARITY[unit])


def _anaphoric_weekday(weekday: int, direction: str, ctx: Context) -> Resolution:
    """ "the following Monday", "the previous Friday": counted from the day narrated last."""
    base, mentioned = ctx.day_anchor()
    if base is None:
        return Resolution("DATE", f"XXXX-WXX-{weekday}", UNRESOLVED)
    if direction in BACKWARD_WORDS:
        day = base - dt.timedelta(days=(base.isoweekday() - weekday) % 7 or 7)
    else:
        day = base + dt.timedelta(days=(weekday - base.isoweekday()) % 7 or 7)
    return Resolution("DATE", day.isoformat(), RELATIVE_TO_PREVIOUS if mentioned else RELATIVE_TO_PUBLICATION)


@rule("ago")
def ago(parts: Parts, ctx: Context) -> Resolution | None:
    """ "two days ago", "a year earlier", "three weeks later", "five years from now"."""
    amount = quantity_of(parts)
    code, is_time = unit_of(parts)
    direction = normalised(parts["dir"])
    backward = direction in ("ago", "earlier", "before", "back")
    if is_time:
        return None
    if amount is None:
        return Resolution("DATE", "PAST_REF" if backward else "FUTURE_REF", VAGUE)
    steps = int(amount) * (-1 if backward else 1)
    if code == "Y" and (compared := same_quarter_years_away(ctx, steps, anywhere=True)) is not None:
        return compared
    if direction in ("ago", "back", "from now", "hence"):
        ref = ctx.reference
        if ref is None:
            return Resolution("DATE", "XXXX-XX-XX" if code == "D" else "XXXX", UNRESOLVED)
        found = _period_value(ref, "Y" if code in ("DE", "CE") else code, steps * {"DE": 10, "CE": 100}.get(code, 1))
        return Resolution("DATE", found[0], RELATIVE_TO_PUBLICATION) if found else None
    if code in ("DE", "CE"):
        return _anaphoric_shift(ctx, "Y", steps * {"DE": 10, "CE": 100}[code])
    res = _anaphoric_shift(ctx, code, steps)
    return Resolution(res.type, res.value, res.rule, anchors=False) if res is not None and code == "Y" else res
