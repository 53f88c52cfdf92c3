"""Temporal expressions in English news: find them, type them, resolve them to TIMEX3 values.

`find_timexes(text, reference)` scans the text once with the compiled grammar
(grammar.py, patterns in resources/temporal_patterns.yaml), resolves every span with its
named rule (rules.py) against the reference date, the tense of its clause (tense.py) and the
dates mentioned before it, and returns Timex records with the day interval of each
calendar value (calendar.py).
"""

from __future__ import annotations

import datetime as dt

from timeline.models import Timex
from timeline.temporal import calendar as cal
from timeline.temporal.context import Anchor, Context, Resolution
from timeline.temporal.grammar import Candidate, grammar
from timeline.temporal.rules import RULES

__all__ = ["find_timexes"]

def _timex(text: str, start: int, end: int, res: Resolution) -> Timex:
    """The Timex of a resolved span; a range ("March 3-5") runs its interval to the last day."""
    interval = cal.interval_of(res.value) if res.type in ("DATE", "TIME") else None
    if interval is None:
        return Timex(start, end, text[start:end], res.type, res.value, rule=res.rule)
    first, last, granularity = interval
    if res.range_end is not None:
        last = res.range_end
    return Timex(start, end, text[start:end], res.type, res.value, first, last, granularity, res.rule)


def find_timexes(text: str, reference: dt.date | None) -> list[Timex]:
    """Temporal expressions of `text`, in order, resolved against the `reference` date."""
    ctx = Context(text, reference)

    def resolve(candidate: Candidate) -> Resolution | None:
        ctx.at(candidate.start, candidate.end)
        resolve_span = RULES[candidate.rule]  # every rule name was checked when the grammar was compiled
        try:
            return resolve_span(candidate.parts, ctx)
        except (ValueError, OverflowError, KeyError, IndexError):  # the parts make no real date ("February 30")
            return None

    found: list[Timex] = []
    for candidate, res in grammar().scan(text, resolve):
        timex = _timex(text, candidate.start, candidate.end, res)
        found.append(timex)
        if res.anchors and timex.date_start is not None and timex.granularity is not None:
            anchor = Anchor(timex.date_start, timex.granularity, timex.end)
            ctx.last_date = anchor
            if timex.granularity == "day":
                ctx.last_day = anchor
            elif timex.granularity == "quarter":
                ctx.last_quarter = anchor
    return found
