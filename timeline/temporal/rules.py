"""Resolution rules: each turns the parts of a matched span into a TIMEX3 type and value.

Rules are registered by the name the patterns file uses. Each returns a Resolution, or None
to reject the span (a guard failed, or the parts do not make a real date). The `rule` field
of the result names how the value was obtained, in the vocabulary of the event table's
`date_rule` column.
"""

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

_BACKWARD = {"last", "past", "previous", "preceding", "prior", "the past", "the last", "this past", "before", "earlier"}
_FORWARD = {"next", "coming", "following", "ensuing", "succeeding", "this coming", "after", "later", "the coming"}
_PERIOD_UNIT = {"day": "D", "week": "W", "weekend": "WE", "month": "M", "year": "Y", "decade": "DE", "quarter": "Q"}
_CENTURY_WORDS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}
_MIN_YEAR, _MAX_YEAR = 1000, 2099
FUTURE_DISTANCE_WEIGHT = 2
"""Without tense cues a date after the reference must be this many times nearer than the one before it."""


def rule(name: str) -> Callable[[Rule], Rule]:
    """Register a resolution rule under the name the patterns file uses."""

    def register(func: Rule) -> Rule:
        RULES[name] = func
        return func

    return register


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _day(day: dt.date | None, how: str, unknown: str = "XXXX-XX-XX") -> Resolution:
    if day is None:
        return Resolution("DATE", unknown, UNRESOLVED)
    return Resolution("DATE", cal.day_value(day), how)


def _with_part(res: Resolution, part: str | None, lex: Lexicon) -> Resolution:
    """A day value refined by a part of the day ("Friday night" -> ...TNI), typed TIME."""
    if not part:
        return res
    return Resolution("TIME", f"{res.value}T{lex.parts_of_day[_norm(part)]}", res.rule, res.range_end)


# --------------------------------------------------------------------------- year by tense


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


def _month_year_by_tense(month: int, ctx: Context, rel: str | None) -> int | None:
    """Year of a month named without one ("in March", "last November")."""
    ref = ctx.reference
    if ref is None:
        return None
    rel = _norm(rel) if rel else None
    if rel in _BACKWARD:
        return ref.year if month < ref.month else ref.year - 1
    if rel in _FORWARD:
        return ref.year if month > ref.month else ref.year + 1
    if rel == "this":
        return ref.year
    return nearest_period_year(month, 12, ctx)


def _year(parts: Parts, key: str = "year") -> int | None:
    """The written year of a match: figures, or words in the `yearword` part."""
    text = parts.get(key)
    if text:
        return int(text)
    if key == "year" and "yearword" in parts:
        return lexicon().year_of_words(parts["yearword"])
    return None


# --------------------------------------------------------------------------- written dates


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
    """"Feb. 4", "February 4th, 2020", "Monday, Oct. 26", "March 3-5"."""
    month = lexicon().month_of(parts["month"])
    if month is None:
        return None
    day2 = _day_number(parts["day2"]) if "day2" in parts else None
    return _calendar_day(_year(parts), month, _day_number(parts["day"]), ctx, day2)


@rule("day_month")
def day_month(parts: Parts, ctx: Context) -> Resolution | None:
    """"4 February 2020", "the 4th of February", "3-5 March"."""
    return month_day(parts, ctx)


@rule("iso_date")
def iso_date(parts: Parts, ctx: Context) -> Resolution | None:
    """"2020-02-04" (with an optional "T15:00")."""
    day = cal.safe_date(int(parts["y"]), int(parts["m"]), int(parts["d"]))
    if day is None:
        return None
    if "hh" in parts:
        return Resolution("TIME", f"{day.isoformat()}T{parts['hh']}:{parts['mi']}", EXPLICIT)
    return Resolution("DATE", day.isoformat(), EXPLICIT)


@rule("numeric_date")
def numeric_date(parts: Parts, ctx: Context) -> Resolution | None:
    """"2/4/2020" (month first, as in US news, unless the first number cannot be a month)."""
    first, second, year = int(parts["a"]), int(parts["b"]), int(parts["y"])
    if year < 100:
        if parts["sep"] == ".":
            return None
        year += 1900 if year >= 50 else 2000
    month, day = (first, second) if first <= 12 else (second, first)
    if parts["sep"] == "." and second <= 12:
        month, day = second, first
    found = cal.safe_date(year, month, day)
    return _day(found, EXPLICIT) if found else None


@rule("month_year")
def month_year(parts: Parts, ctx: Context) -> Resolution | None:
    """"July 1997", "early March of 1990", "June last year"."""
    month = lexicon().month_of(parts.get("month") or parts["month_name"])
    if month is None:
        return None
    if "yrel" in parts:
        if ctx.reference is None:
            return Resolution("DATE", f"XXXX-{month:02d}", UNRESOLVED)
        offset = {"last": -1, "next": 1}.get(_norm(parts["yrel"]), 0)
        return Resolution("DATE", f"{ctx.reference.year + offset:04d}-{month:02d}", RELATIVE_TO_PUBLICATION)
    year = _year(parts)
    if year is None:
        return None
    return Resolution("DATE", f"{year:04d}-{month:02d}", EXPLICIT)


@rule("month_alone")
def month_alone(parts: Parts, ctx: Context) -> Resolution | None:
    """"in March", "late November": the year by tense (the pattern asks for a cue word before a bare name)."""
    lex = lexicon()
    month = lex.months[_norm(parts["month_name"])]
    if "edge" not in parts and re.match(r"\s+(?-i:[A-Z][a-z])", ctx.following_text()):
        return None
    year = _month_year_by_tense(month, ctx, None)
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
    rule_text = lexicon().holidays[_norm(name)]
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
    """"Christmas", "Thanksgiving Day", "last Easter", "Christmas 1998"."""
    name = parts["holiday"]
    year = _year(parts)
    if year is not None:
        return _day(holiday_date(name, year), EXPLICIT)
    ref = ctx.reference
    if ref is None:
        return Resolution("DATE", "XXXX-XX-XX", UNRESOLVED)
    rel = _norm(parts.get("rel", ""))
    this_year = holiday_date(name, ref.year)
    if this_year is None:
        return None
    backward = rel == "last" or (rel != "next" and not ctx.future)
    if backward and this_year > ref:
        return _day(holiday_date(name, ref.year - 1), YEAR_FROM_PUBLICATION)
    if not backward and this_year < ref:
        return _day(holiday_date(name, ref.year + 1), YEAR_FROM_PUBLICATION)
    return _day(this_year, YEAR_FROM_PUBLICATION)


# --------------------------------------------------------------------------- years and larger


@rule("year")
def year(parts: Parts, ctx: Context) -> Resolution | None:
    """"1990", "fiscal 1989", "the end of 1990", "nineteen ninety-six": a year, not a count or an amount."""
    if "yearword" in parts:
        spelled = _year(parts)
        thousands = _norm(parts["yearword"]).startswith("two thousand")
        if spelled is None or (thousands and not _norm(ctx.text[ctx.start : ctx.end]).startswith("the year")):
            return None
        return Resolution("DATE", f"{spelled:04d}", EXPLICIT)
    value = int(parts["year"])
    if not _MIN_YEAR <= value <= _MAX_YEAR or ctx.preceding_char() in ("$", "#", "£", "€"):
        return None
    if value < 1900 and "fiscal" not in parts and "edge" not in parts and ctx.previous_word() not in ("in", "since"):
        return None
    return Resolution("DATE", f"{value:04d}", EXPLICIT)


def _decade_word_tens(word: str) -> int:
    """"nineties" -> 9."""
    return lexicon().numbers[_norm(word)[:-3] + "y"] // 10


@rule("the_year")
def the_year(parts: Parts, ctx: Context) -> Resolution | None:
    """"for the year" -> the reference's year; "the (fiscal) year ended June 30" -> a year, P1Y."""
    if "ended" in parts:
        return Resolution("DURATION", "P1Y", DURATION)
    if ctx.reference is None:
        return Resolution("DATE", "XXXX", UNRESOLVED)
    return Resolution("DATE", f"{ctx.reference.year:04d}", RELATIVE_TO_PUBLICATION)


@rule("decade")
def decade(parts: Parts, ctx: Context) -> Resolution | None:
    """"the 1990s", "the mid-1980s", "the '80s", "the nineties" -> 199, 198, 199."""
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
    """"the 20th century" -> 19, "this century" -> the reference's century."""
    if "cent" in parts:
        return Resolution("DATE", f"{int(parts['cent']) - 1:02d}", EXPLICIT)
    if "centword" in parts:
        return Resolution("DATE", f"{_CENTURY_WORDS[_norm(parts['centword'])] - 1:02d}", EXPLICIT)
    if ctx.reference is None:
        return Resolution("DATE", "XX", UNRESOLVED)
    rel = _norm(parts["crel"])
    offset = -1 if rel in _BACKWARD else 1 if rel in _FORWARD or rel == "the next" else 0
    return Resolution("DATE", f"{ctx.reference.year // 100 + offset:02d}", RELATIVE_TO_PUBLICATION)


_FRACTION_WORDS = ("a", "one", "two", "three", "and", "first")
_COMPARISON = ("year-ago", "year-earlier", "year-before", "prior-year", "comparable", "corresponding")


@rule("quarter")
def quarter(parts: Parts, ctx: Context) -> Resolution | None:
    """"the third quarter", "fourth-quarter", "Q1 2019", "the year-ago quarter", "the 1988 period"."""
    ref = ctx.reference
    explicit_year = _year(parts, "qyear") or _year(parts)
    if "qnum" in parts:
        parts = {**parts, "ord": parts["qnum"] + {"1": "st", "2": "nd", "3": "rd"}.get(parts["qnum"], "th")}
    if "ord" not in parts:
        return _relative_quarter(_norm(parts.get("qrel", "")), parts.get("qnoun", "quarter"), explicit_year, ctx)
    index = lexicon().ordinals[_norm(parts["ord"])]
    if not 1 <= index <= 4:
        return None
    if explicit_year is not None:
        return Resolution("DATE", cal.quarter_value(explicit_year, index), EXPLICIT)
    if ref is None:
        return Resolution("DATE", f"XXXX-Q{index}", UNRESOLVED)
    if "qago" in parts:
        year_before = latest_begun_year(index, 4, ref) - 1
        return Resolution("DATE", cal.quarter_value(year_before, index), RELATIVE_TO_PREVIOUS, anchors=False)
    qrel = _norm(parts.get("qrel", ""))
    if qrel:
        offset = -1 if "last" in qrel or "previous" in qrel else 1 if "next" in qrel else 0
        return Resolution("DATE", cal.quarter_value(ref.year + offset, index), RELATIVE_TO_PUBLICATION)
    return Resolution("DATE", cal.quarter_value(latest_begun_year(index, 4, ref), index), YEAR_FROM_PUBLICATION)


def _relative_quarter(qrel: str, noun: str, explicit_year: int | None, ctx: Context) -> Resolution | None:
    """A quarter named by its relation to the reference or to the quarter under discussion."""
    if not qrel and ctx.previous_word() in _FRACTION_WORDS:
        return None  # "a quarter", "three quarters": a fraction
    ref = ctx.reference
    if noun.lower() == "period" and not qrel and explicit_year is None:
        return None
    if ref is None:
        return Resolution("DATE", "XXXX-QX", UNRESOLVED)
    current = dt.date(ref.year, (cal.quarter_of(ref) - 1) * 3 + 1, 1)
    latest = cal.add_months(current, -3) or current
    discussed = ctx.last_quarter.start if ctx.last_quarter is not None else latest
    anchors, how = True, RELATIVE_TO_PUBLICATION
    if qrel in ("current", "fiscal") and noun.lower() == "quarter":
        base = current
    elif qrel in ("next", "coming", "following"):
        base = cal.add_months(current, 3) or current
    elif qrel in _COMPARISON:
        base, anchors, how = cal.add_months(discussed, -12) or discussed, False, RELATIVE_TO_PREVIOUS
    elif explicit_year is not None:
        base, anchors, how = dt.date(explicit_year, discussed.month, 1), False, RELATIVE_TO_PREVIOUS
    elif qrel in ("same", "that", "latest", "most recent", "recent") or not qrel:
        base, how = discussed, RELATIVE_TO_PREVIOUS if ctx.last_quarter else RELATIVE_TO_PUBLICATION
    else:
        base = latest
    return Resolution("DATE", cal.quarter_value(base.year, cal.quarter_of(base)), how, anchors=anchors)


@rule("year_ago_adjective")
def year_ago_adjective(parts: Parts, ctx: Context) -> Resolution | None:
    """"year-earlier profit", "year-ago results": the period under discussion, a year before."""
    if ctx.last_quarter is not None:
        moved = cal.add_months(ctx.last_quarter.start, -12)
        if moved is not None:
            return Resolution("DATE", cal.render(moved, "quarter"), RELATIVE_TO_PREVIOUS, anchors=False)
    if ctx.reference is None:
        return Resolution("DATE", "XXXX", UNRESOLVED)
    return Resolution("DATE", f"{ctx.reference.year - 1:04d}", RELATIVE_TO_PUBLICATION, anchors=False)


@rule("half")
def half(parts: Parts, ctx: Context) -> Resolution | None:
    """"the first half", "the second half of 1989" -> 1989-H2, "H1 2020"."""
    index = int(parts["hnum"]) if "hnum" in parts else 1 if _norm(parts["hord"]) in ("first", "1st") else 2
    explicit_year = _year(parts, "qyear") or _year(parts)
    if explicit_year is not None:
        return Resolution("DATE", f"{explicit_year:04d}-H{index}", EXPLICIT)
    if ctx.reference is None:
        return Resolution("DATE", f"XXXX-H{index}", UNRESOLVED)
    return Resolution("DATE", f"{latest_begun_year(index, 2, ctx.reference):04d}-H{index}", YEAR_FROM_PUBLICATION)


def _season_year(code: str, ctx: Context, rel: str) -> int | None:
    ref = ctx.reference
    if ref is None:
        return None
    this_year = cal.interval_of(f"{ref.year:04d}-{code}")
    if this_year is None:
        return None
    start, end, _ = this_year
    if rel == "this":
        return ref.year
    if rel in _BACKWARD or (not rel and not ctx.future):
        latest = ref.year if (start <= ref if not rel else end < ref) else ref.year - 1
        return latest
    return ref.year if (end >= ref if not rel else start > ref) else ref.year + 1


_VERB_SEASONS = ("fall", "spring")


@rule("season")
def season(parts: Parts, ctx: Context) -> Resolution | None:
    """"last summer", "this fall", "spring 1998", "in the winter"."""
    lex = lexicon()
    code = lex.seasons[_norm(parts["season"])]
    written = _year(parts)
    if written is not None:
        return Resolution("DATE", f"{written:04d}-{code}", EXPLICIT)
    rel = _norm(parts.get("rel", ""))
    if _norm(parts["season"]) in _VERB_SEASONS and ctx.previous_word() in ("to", "and", "or", ","):
        return None
    needs_cue = not rel and "edge" not in parts and "det" not in parts
    if needs_cue and ctx.previous_word() not in lex.context_cues:
        return None
    if not rel and re.match(r"\s+of\b", ctx.following_text()):
        return None  # "the fall of Saigon"
    found = _season_year(code, ctx, rel)
    if found is None:
        return Resolution("DATE", f"XXXX-{code}", UNRESOLVED)
    return Resolution("DATE", f"{found:04d}-{code}", RELATIVE_TO_PUBLICATION if rel else YEAR_FROM_PUBLICATION)


# --------------------------------------------------------------------------- days and weeks


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
    """"Friday", "last Tuesday", "Tuesday night" (by tense around the expression)."""
    lex = lexicon()
    number = lex.weekdays[_norm(parts["weekday"])]
    rel = _norm(parts.get("rel", ""))
    if ctx.following_text(2) in ("'s", "’s"):
        ctx.assume_tense(None)  # "Wednesday's ruling": an event reported, whatever the verb says
    day = weekday_date(number, ctx, rel)
    if day is None:
        res = Resolution("DATE", f"XXXX-WXX-{number}", UNRESOLVED)
    else:
        res = _day(day, WEEKDAY_BEFORE if day <= ctx.reference else WEEKDAY_AFTER)  # type: ignore[operator]
    return _with_part(res, parts.get("part"), lex)


_RELDAY_OFFSET = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}


@rule("relative_day")
def relative_day(parts: Parts, ctx: Context) -> Resolution | None:
    """"yesterday", "today", "tomorrow morning", "tonight", "last night", "late yesterday"."""
    lex = lexicon()
    part: str | None = parts.get("part")
    if "beyond" in parts:
        offset = -2 if _norm(parts["beyond"]).startswith("before") else 2
    elif "lastnight" in parts:
        offset, part = -1, part or "night"
    else:
        word = _norm(parts["relday"])
        offset, part = _RELDAY_OFFSET[word], part or ("night" if word == "tonight" else None)
    ref = ctx.reference
    day = cal.add_days(ref, offset) if ref else None
    return _with_part(_day(day, RELATIVE_TO_PUBLICATION), part, lex)


@rule("part_of_today")
def part_of_today(parts: Parts, ctx: Context) -> Resolution | None:
    """"this morning", "earlier this evening": a part of the reference day."""
    return _with_part(_day(ctx.reference, RELATIVE_TO_PUBLICATION), parts["part"], lexicon())


def _clock_value(text: str) -> str | None:
    """hh:mm of a clock expression ("10:35 a.m.", "6 p.m.", "noon", "4 in the morning")."""
    words = _norm(text)
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
    """"10:35 a.m.", "noon", "1800 GMT": a time on the day being narrated."""
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
    """"9 a.m. EST Tuesday", "2230 GMT Tuesday", "3:45 on Tuesday afternoon", "5 p.m. EST Nov. 9"."""
    hhmm = f"{parts['mil'][:2]}:{parts['mil'][2:]}" if "mil" in parts else _clock_value(parts["clock"])
    if hhmm is None:
        return None
    if parts.get("part") and lexicon().parts_of_day[_norm(parts["part"])] in ("AF", "EV", "NI") and hhmm < "12":
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


# --------------------------------------------------------------------------- relative periods


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
    """"last week", "next month", "this year", "earlier this month", "last summer", "the weekend"."""
    rel = _norm(parts["rel"])
    if "season" in parts:
        return season({"season": parts["season"], "rel": "this" if rel in ("earlier", "later") else rel}, ctx)
    if "month_name" in parts:
        month = lexicon().months[_norm(parts["month_name"])]
        found_year = _month_year_by_tense(month, ctx, rel if rel != "the same" else None)
        if found_year is None:
            return Resolution("DATE", f"XXXX-{month:02d}", UNRESOLVED)
        return Resolution("DATE", f"{found_year:04d}-{month:02d}", RELATIVE_TO_PUBLICATION)
    period = _norm(parts["period"]).split()[-1].replace("year-earlier", "")
    words = _norm(parts["period"])
    if words in ("year earlier", "year-earlier period"):
        return _anaphoric_shift(ctx, "Y", -1, "year")
    unit = _PERIOD_UNIT.get(period, "Y")
    if unit in ("DE", "CE") and rel in ("the past", "the last", "past"):
        return Resolution("DURATION", duration_value(1, unit, False), DURATION)
    if unit == "Y" and rel == "last" and (compared := _same_quarter_years_away(ctx, -1)) is not None:
        return compared
    if ctx.reference is None:
        return Resolution("DATE", {"W": "XXXX-WXX", "M": "XXXX-XX", "WE": "XXXX-WXX-WE"}.get(unit, "XXXX"), UNRESOLVED)
    if rel == "the same":
        return _anaphoric_shift(ctx, unit, 0, cal.UNIT_GRANULARITY.get(unit, "year"))
    amount = -1 if rel in _BACKWARD else 1 if rel in _FORWARD - {"later"} else 0
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
    """"the next day", "the following week", "that evening", "the same day", "the day before"."""
    lex = lexicon()
    direction = _norm(parts["dir"])
    if "weekday" in parts:
        return _anaphoric_weekday(lex.weekdays[_norm(parts["weekday"])], direction, ctx)
    period = _norm(parts["period"])
    default = -1 if direction in _BACKWARD else 1 if direction in _FORWARD else 0
    amount = _ANAPHORIC_DIRECTION.get(direction, default)
    if period in lex.parts_of_day:
        res = _anaphoric_shift(ctx, "D", amount, "day")
        if res is None:
            return None
        return _with_part(res, period, lex)
    unit = _PERIOD_UNIT[period]
    return _anaphoric_shift(ctx, unit, amount, cal.UNIT_GRANULARITY[unit])


def _anaphoric_weekday(weekday: int, direction: str, ctx: Context) -> Resolution:
    """"the following Monday", "the previous Friday": counted from the day narrated last."""
    base, mentioned = ctx.day_anchor()
    if base is None:
        return Resolution("DATE", f"XXXX-WXX-{weekday}", UNRESOLVED)
    if direction in _BACKWARD:
        day = base - dt.timedelta(days=(base.isoweekday() - weekday) % 7 or 7)
    else:
        day = base + dt.timedelta(days=(weekday - base.isoweekday()) % 7 or 7)
    return Resolution("DATE", day.isoformat(), RELATIVE_TO_PREVIOUS if mentioned else RELATIVE_TO_PUBLICATION)


def _quantity(parts: Parts) -> float | None:
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


def _unit(parts: Parts) -> tuple[str, bool]:
    return lexicon().units[_norm(parts["unit"])]


@rule("ago")
def ago(parts: Parts, ctx: Context) -> Resolution | None:
    """"two days ago", "a year earlier", "three weeks later", "five years from now"."""
    amount = _quantity(parts)
    code, is_time = _unit(parts)
    direction = _norm(parts["dir"])
    backward = direction in ("ago", "earlier", "before", "back")
    if is_time:
        return None
    if amount is None:
        return Resolution("DATE", "PAST_REF" if backward else "FUTURE_REF", VAGUE)
    steps = int(amount) * (-1 if backward else 1)
    if code == "Y" and (compared := _same_quarter_years_away(ctx, steps, anywhere=True)) is not None:
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


def _same_quarter_years_away(ctx: Context, years: int, anywhere: bool = False) -> Resolution | None:
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


@rule("year_end")
def year_end(parts: Parts, ctx: Context) -> Resolution | None:
    """"year-end", "month-end", "quarter-end": the last day of the current period."""
    ref = ctx.reference
    if ref is None:
        return Resolution("DATE", "XXXX-XX-XX", UNRESOLVED)
    kind = _norm(parts["rel"])
    if kind == "year":
        end = dt.date(ref.year, 12, 31)
    elif kind == "month":
        end = cal.month_end(ref.year, ref.month)
    else:
        q = cal.quarter_of(ref)
        end = cal.month_end(ref.year, q * 3)
    return _day(end, RELATIVE_TO_PUBLICATION)


@rule("vague")
def vague(parts: Parts, ctx: Context) -> Resolution | None:
    """"now" PRESENT_REF, "recently" PAST_REF, "in the coming days" FUTURE_REF."""
    word = _norm(parts["vague"])
    if word == "current" and not re.match(r"\s*[,.;:)]", ctx.following_text()):
        return None
    lex = lexicon()
    return Resolution("DATE", lex.vague.get(word) or lex.guarded_vague[word], VAGUE)


# --------------------------------------------------------------------------- durations and sets


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


@rule("duration")
def duration(parts: Parts, ctx: Context) -> Resolution | None:
    """"two weeks", "a two-week tour", "the past three months", "several years", "half an hour"."""
    lex = lexicon()
    if "bare" in parts:
        code, is_time = lex.units[_norm(parts["bare"])]
        if "vrel" not in parts and ctx.previous_word() not in lex.context_cues:
            return None
        return Resolution("DURATION", duration_value(None, code, is_time), DURATION)
    code, is_time = _unit(parts)
    unit_word = _norm(parts["unit"])
    if "num" not in parts and unit_word == "second" and re.match(r"\s+[a-z]", ctx.following_text()):
        return None  # "a second term": the ordinal, not a duration
    if unit_word.startswith("quarter") and re.match(r"\s+of\b", ctx.following_text()):
        return None  # "a quarter of the shares", "three quarters of them": a fraction
    amount = 0.5 if "half" in parts else _quantity(parts)
    return Resolution("DURATION", duration_value(amount, code, is_time), DURATION)


_RATE_WORD = re.compile(r"\d|%|percent|cents?|dollars?|pounds?|euros?|yuan|yen|times|once|twice")


@rule("set_every")
def set_every(parts: Parts, ctx: Context) -> Resolution | None:
    """"every Friday" XXXX-WXX-5, "each year" P1Y, "twice a week" P1W, "every morning", "each July"."""
    lex = lexicon()
    if "weekday" in parts:
        return Resolution("SET", f"XXXX-WXX-{lex.weekdays[_norm(parts['weekday'])]}", SET)
    if "part" in parts:
        return Resolution("SET", f"XXXX-XX-XXT{lex.parts_of_day[_norm(parts['part'])]}", SET)
    if "month_name" in parts:
        return Resolution("SET", f"XXXX-{lex.months[_norm(parts['month_name'])]:02d}", SET)
    article = _norm(parts.get("per", "per")) != "per"
    if article and "times" not in parts and not _RATE_WORD.search(ctx.previous_word()):
        return None
    unit_word = parts.get("unit") or parts["perunit"]
    code, is_time = lex.units[_norm(unit_word)]
    amount = _quantity(parts) if "num" in parts and "times" not in parts else 1.0
    return Resolution("SET", duration_value(amount, code, is_time), SET)


@rule("set_word")
def set_word(parts: Parts, ctx: Context) -> Resolution | None:
    """"daily" P1D, "weekly" P1W, "annually" P1Y."""
    return Resolution("SET", lexicon().sets[_norm(parts["setword"])], SET)


@rule("set_weekdays")
def set_weekdays(parts: Parts, ctx: Context) -> Resolution | None:
    """"Fridays" -> XXXX-WXX-5."""
    return Resolution("SET", f"XXXX-WXX-{lexicon().weekdays[_norm(parts['wds'])[:-1]]}", SET)
