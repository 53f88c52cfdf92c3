"""Rules for parts of a year: quarters, halves, seasons and the end of a year."""

from __future__ import annotations

import datetime as dt
import re

from timeline.temporal import calendar as cal
from timeline.temporal.context import Context, Resolution
from timeline.temporal.lexicon import lexicon
from timeline.temporal.rules.base import (
    BACKWARD_WORDS,
    EXPLICIT,
    RELATIVE_TO_PREVIOUS,
    RELATIVE_TO_PUBLICATION,
    UNRESOLVED,
    YEAR_FROM_PUBLICATION,
    Parts,
    day_resolution,
    latest_begun_year,
    normalised,
    rule,
    year_of,
)

_FRACTION_WORDS = ("a", "one", "two", "three", "and", "first")


_COMPARISON = ("year-ago", "year-earlier", "year-before", "prior-year", "comparable", "corresponding")


@rule("quarter")
def quarter(parts: Parts, ctx: Context) -> Resolution | None:
    """ "the third quarter", "fourth-quarter", "Q1 2019", "the year-ago quarter", "the 1988 period"."""
    ref = ctx.reference
    explicit_year = year_of(parts, "qyear") or year_of(parts)
    if "qnum" in parts:
        parts = {**parts, "ord": parts["qnum"] + {"1": "st", "2": "nd", "3": "rd"}.get(parts["qnum"], "th")}
    if "ord" not in parts:
        return _relative_quarter(normalised(parts.get("qrel", "")), parts.get("qnoun", "quarter"), explicit_year, ctx)
    index = lexicon().ordinals[normalised(parts["ord"])]
    if not 1 <= index <= 4:
        return None
    if explicit_year is not None:
        return Resolution("DATE", cal.quarter_value(explicit_year, index), EXPLICIT)
    if ref is None:
        return Resolution("DATE", f"XXXX-Q{index}", UNRESOLVED)
    if "qago" in parts:
        year_before = latest_begun_year(index, 4, ref) - 1
        return Resolution("DATE", cal.quarter_value(year_before, index), RELATIVE_TO_PREVIOUS, anchors=False)
    qrel = normalised(parts.get("qrel", ""))
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
    """ "year-earlier profit", "year-ago results": the period under discussion, a year before."""
    if ctx.last_quarter is not None:
        moved = cal.add_months(ctx.last_quarter.start, -12)
        if moved is not None:
            return Resolution("DATE", cal.render(moved, "quarter"), RELATIVE_TO_PREVIOUS, anchors=False)
    if ctx.reference is None:
        return Resolution("DATE", "XXXX", UNRESOLVED)
    return Resolution("DATE", f"{ctx.reference.year - 1:04d}", RELATIVE_TO_PUBLICATION, anchors=False)


@rule("half")
def half(parts: Parts, ctx: Context) -> Resolution | None:
    """ "the first half", "the second half of 1989" -> 1989-H2, "H1 2020"."""
    index = int(parts["hnum"]) if "hnum" in parts else 1 if normalised(parts["hord"]) in ("first", "1st") else 2
    explicit_year = year_of(parts, "qyear") or year_of(parts)
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
    if rel in BACKWARD_WORDS or (not rel and not ctx.future):
        latest = ref.year if (start <= ref if not rel else end < ref) else ref.year - 1
        return latest
    return ref.year if (end >= ref if not rel else start > ref) else ref.year + 1


_VERB_SEASONS = ("fall", "spring")


@rule("season")
def season(parts: Parts, ctx: Context) -> Resolution | None:
    """ "last summer", "this fall", "spring 1998", "in the winter"."""
    lex = lexicon()
    code = lex.seasons[normalised(parts["season"])]
    written = year_of(parts)
    if written is not None:
        return Resolution("DATE", f"{written:04d}-{code}", EXPLICIT)
    rel = normalised(parts.get("rel", ""))
    if normalised(parts["season"]) in _VERB_SEASONS and ctx.previous_word() in ("to", "and", "or", ","):
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


@rule("year_end")
def year_end(parts: Parts, ctx: Context) -> Resolution | None:
    """ "year-end", "month-end", "quarter-end": the last day of the current period."""
    ref = ctx.reference
    if ref is None:
        return Resolution("DATE", "XXXX-XX-XX", UNRESOLVED)
    kind = normalised(parts["rel"])
    if kind == "year":
        end = dt.date(ref.year, 12, 31)
    elif kind == "month":
        end = cal.month_end(ref.year, ref.month)
    else:
        q = cal.quarter_of(ref)
        end = cal.month_end(ref.year, q * 3)
    return day_resolution(end, RELATIVE_TO_PUBLICATION)
