"""The shared ground of the resolution rules: the registry, the rule names of `date_rule`, and the year and
day arithmetic every family uses (which year a month-day falls in, given the tense)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable

from timeline.temporal import calendar as cal
from timeline.temporal.context import Context, Resolution
from timeline.temporal.lexicon import Lexicon, lexicon
from timeline.temporal.tense import FUTURE, PAST

Parts = dict[str, str]


Rule = Callable[[Parts, Context], Resolution | None]


EXPLICIT = "explicit"


YEAR_FROM_PUBLICATION = "year-from-publication"


WEEKDAY_BEFORE = "weekday-before-publication"


WEEKDAY_AFTER = "weekday-after-publication"


RELATIVE_TO_PUBLICATION = "relative-to-publication"


RELATIVE_TO_PREVIOUS = "relative-to-previous-date"


VAGUE = "vague"


DURATION = "duration"


SET = "set"


UNRESOLVED = "unresolved"


RULES: dict[str, Rule] = {}


BACKWARD_WORDS = {
    "last",
    "past",
    "previous",
    "preceding",
    "prior",
    "the past",
    "the last",
    "this past",
    "before",
    "earlier",
}


FORWARD_WORDS = {"next", "coming", "following", "ensuing", "succeeding", "this coming", "after", "later", "the coming"}


PERIOD_UNITS = {"day": "D", "week": "W", "weekend": "WE", "month": "M", "year": "Y", "decade": "DE", "quarter": "Q"}


MIN_YEAR, MAX_YEAR = 1000, 2099


FUTURE_DISTANCE_WEIGHT = 2
"""Without tense cues a date after the reference must be this many times nearer than the one before it."""


def rule(name: str) -> Callable[[Rule], Rule]:
    """Register a resolution rule under the name the patterns file uses."""

    def register(func: Rule) -> Rule:
        RULES[name] = func
        return func

    return register


def normalised(text: str) -> str:
    return " ".join(text.lower().split())


def day_resolution(day: dt.date | None, how: str, unknown: str = "XXXX-XX-XX") -> Resolution:
    if day is None:
        return Resolution("DATE", unknown, UNRESOLVED)
    return Resolution("DATE", cal.day_value(day), how)


def with_part_of_day(res: Resolution, part: str | None, lex: Lexicon) -> Resolution:
    """A day value refined by a part of the day ("Friday night" -> ...TNI), typed TIME."""
    if not part:
        return res
    return Resolution("TIME", f"{res.value}T{lex.parts_of_day[normalised(part)]}", res.rule, res.range_end)


def year_by_tense(month: int, day: int, ctx: Context) -> int | None:
    """Year of a year-less date.

    Past narration takes the nearest such date not after the reference, future tense the
    nearest not before it; a clause without tense cues takes the nearest either way, a later
    date only when it is much nearer (FUTURE_DISTANCE_WEIGHT).
    """
    if ctx.reference is None:
        return None
    return _nearest_year(ctx.reference, month, day, ctx.tense)


@functools.lru_cache(maxsize=4096)
def _nearest_year(ref: dt.date, month: int, day: int, tense: str | None) -> int | None:
    offsets = (-1, 0, 1) if (month, day) != (2, 29) else (-4, -3, -2, -1, 0, 1, 2, 3, 4)
    candidates = [d for offset in offsets if (d := cal.safe_date(ref.year + offset, month, day)) is not None]
    if tense == FUTURE:
        candidates = [d for d in candidates if d >= ref]
    elif tense == PAST:
        candidates = [d for d in candidates if d <= ref]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (d - ref).days * FUTURE_DISTANCE_WEIGHT if d > ref else (ref - d).days).year


def nearest_period_year(index: int, per_year: int, ctx: Context) -> int | None:
    """Year of month number `index` (1-based, `per_year` periods a year) named without a year.

    Counted in periods from the one holding the reference, by tense as for year-less dates.
    """
    ref = ctx.reference
    if ref is None:
        return None
    current = (ref.month - 1) * per_year // 12 + 1
    offsets = [-1, 0, 1]
    if ctx.future:
        offsets = [o for o in offsets if (o, index) >= (0, current)]
    elif ctx.past:
        offsets = [o for o in offsets if (o, index) <= (0, current)]

    def distance(offset: int) -> int:
        periods = offset * per_year + index - current
        return periods * FUTURE_DISTANCE_WEIGHT if periods > 0 else -periods

    return ref.year + min(offsets, key=distance)


def latest_begun_year(index: int, per_year: int, reference: dt.date) -> int:
    """Year of the latest quarter/half number `index` that has begun by the reference.

    Quarters and halves are reported once they are under way or over, whatever the tense
    ("expects to report third-quarter results" in October is this year's third quarter).
    """
    current = (reference.month - 1) * per_year // 12 + 1
    return reference.year if index <= current else reference.year - 1


def month_year_by_tense(month: int, ctx: Context, rel: str | None) -> int | None:
    """Year of a month named without one ("in March", "last November")."""
    ref = ctx.reference
    if ref is None:
        return None
    rel = normalised(rel) if rel else None
    if rel in BACKWARD_WORDS:
        return ref.year if month < ref.month else ref.year - 1
    if rel in FORWARD_WORDS:
        return ref.year if month > ref.month else ref.year + 1
    if rel == "this":
        return ref.year
    return nearest_period_year(month, 12, ctx)


def year_of(parts: Parts, key: str = "year") -> int | None:
    """The written year of a match: figures, or words in the `yearword` part."""
    text = parts.get(key)
    if text:
        return int(text)
    if key == "year" and "yearword" in parts:
        return lexicon().year_of_words(parts["yearword"])
    return None


def quantity_of(parts: Parts) -> float | None:
    """The number of units of a quantity, None when vague ("several")."""
    if "vnum" in parts:
        return None
    text = parts.get("num", "a")
    value = lexicon().number_of(text)
    amount: float
    if value is None:
        try:
            amount = float(text.replace(",", ""))
        except ValueError:
            return None
    else:
        amount = value
    fraction = parts.get("frac") or parts.get("frac2") or ""
    if "half" in fraction:
        amount += 0.5
    elif m := re.fullmatch(r"(\d)/(\d)", fraction):
        amount += int(m.group(1)) / max(int(m.group(2)), 1)
    return amount


def unit_of(parts: Parts) -> tuple[str, bool]:
    return lexicon().units[normalised(parts["unit"])]


def same_quarter_years_away(ctx: Context, years: int, anywhere: bool = False) -> Resolution | None:
    """In a report on a quarter, "a year ago" / "last year" is that quarter a year away.

    "last year" needs the quarter in the same stretch of text; "a year ago" / "a year earlier"
    (`anywhere`) refer to the quarter under discussion wherever it was named.
    """
    near = ctx.near_date()
    quarter_near = near is not None and near.granularity == "quarter"
    if ctx.last_quarter is None or not (anywhere or quarter_near):
        return None
    moved = cal.add_months(ctx.last_quarter.start, 12 * years)
    if moved is None:
        return None
    return Resolution("DATE", cal.quarter_value(moved.year, cal.quarter_of(moved)), RELATIVE_TO_PREVIOUS, anchors=False)


def duration_value(amount: float | None, code: str, is_time: bool) -> str:
    """TIMEX3 duration: P2W, PT3H, P1Y6M, PXY ("several years")."""
    years_per = {"DE": 10, "CE": 100}
    if code in years_per:
        code, amount = "Y", None if amount is None else amount * years_per[code]
    if code == "WE":
        code, amount = "D", None if amount is None else amount * 2
    if code == "FN":
        code, amount = "W", None if amount is None else amount * 2
    prefix = "PT" if is_time else "P"
    if amount is None:
        return f"{prefix}X{code}"
    whole = int(amount)
    rest = amount - whole
    if rest < 1e-9:
        return f"{prefix}{whole}{code}"
    smaller = {"Y": ("M", 12, False), "M": ("D", 30, False), "W": ("D", 7, False), "D": ("H", 24, True)}
    if is_time:
        smaller = {"H": ("M", 60, True), "M": ("S", 60, True)}
    if code not in smaller:
        return f"{prefix}{amount:g}{code}"
    sub_code, factor, sub_time = smaller[code]
    head = f"{prefix}{whole}{code}" if whole else prefix
    sub = round(rest * factor)
    if sub_time and not is_time:
        return f"{head}T{sub}{sub_code}"
    return f"{head}{sub}{sub_code}"
