"""Gold cases for `find_timexes`: span, TIMEX3 type and value, interval, granularity and rule.

The cases live in tests/data/temporal_gold.psv (its header describes the columns). Each case is a
sentence written for the project, the reference (publication) date, the tense the sentence implies
and the expected timex; the timex checked is the first occurrence of the span in the sentence.

Conventions the table follows (TIMEX3 as annotated in TempEval-3):

* spans carry no leading preposition ("on Friday" -> "Friday", "in the coming days" -> "the coming
  days") but keep determiners and modifiers ("the third quarter", "last week", "every Friday");
* ranges: when the endpoints share their month and year ("March 3-5", "between 3 and 5 March",
  "Jan. 6-8", "10 to 12 January") the range is one DATE timex spanning both days ("March 3-5",
  "3 and 5 March"), valued as its first day (a TIMEX3 value cannot hold a range) with an interval
  that runs to the last day; a range between two complete expressions ("from Monday to Wednesday",
  "from 2010 to 2015", "from March 30 to April 2") is two timexes, one per endpoint, and the
  connective is in neither span;
* durations, sets and vague references (PRESENT_REF, PAST_REF, FUTURE_REF) are never placed on the
  calendar: interval and granularity are None;
* without a reference date, a value that needs one keeps X placeholders (`XXXX-12-31`,
  `XXXX-WXX-5`) and gets no interval; explicit dates are still placed.

Rows typed NONE are words and numbers that must not be found as timexes; rows typed SANE are absurd
dates that must neither crash nor give a malformed timex.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from temporal_support import check_well_formed

from timeline.models import PRECISIONS, TIMEX_TYPES, Timex
from timeline.temporal import find_timexes

GOLD_TABLE = Path(__file__).resolve().parent / "data" / "temporal_gold.psv"
FIELDS = ("reference", "tense", "sentence", "span", "type", "value", "date_start", "date_end", "granularity", "rule")
TENSES = ("past", "present", "future", "none")
CASE_TYPES = (*TIMEX_TYPES, "NONE", "SANE")
RULES = (
    "explicit",
    "year-from-publication",
    "weekday-before-publication",
    "weekday-after-publication",
    "relative-to-publication",
    "relative-to-previous-date",
    "vague",
    "duration",
    "set",
    "unresolved",
)
UNCHECKED = "*"
NO_VALUE = "-"

# Cases the resolver does not handle yet: (sentence, span) -> the gap, marked xfail(strict=True).
KNOWN_GAPS: dict[tuple[str, str], str] = {
    (
        "The president called an emergency meeting of his security council for Tuesday.",
        "Tuesday",
    ): "tense: a past verb scheduling an event 'for <weekday>' is read as past narration",
    (
        "The president, who faces re-election on Sept. 28, called for calm.",
        "Sept. 28",
    ): "tense: 'faces <event> on <date>' in a relative clause is not a future cue",
}


@dataclass(frozen=True)
class GoldCase:
    """One row of the gold table."""

    line: int
    reference: str
    tense: str
    sentence: str
    span: str
    type: str
    value: str
    date_start: str
    date_end: str
    granularity: str
    rule: str

    @property
    def reference_date(self) -> dt.date | None:
        return None if self.reference == NO_VALUE else dt.date.fromisoformat(self.reference)

    @property
    def span_start(self) -> int:
        return self.sentence.index(self.span)

    @property
    def span_end(self) -> int:
        return self.span_start + len(self.span)


def load_cases(path: Path = GOLD_TABLE) -> list[GoldCase]:
    """The rows of the gold table, with their line numbers."""
    cases = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in raw.split("|")]
        if len(cells) != len(FIELDS):
            raise ValueError(f"{path.name}:{number}: expected {len(FIELDS)} fields, got {len(cells)}")
        cases.append(GoldCase(number, *cells))
    return cases


CASES = load_cases()


def _param(case: GoldCase) -> object:
    marks = []
    gap = KNOWN_GAPS.get((case.sentence, case.span))
    if gap:
        marks.append(pytest.mark.xfail(strict=True, reason=gap))
    return pytest.param(case, id=f"{case.line}:{case.span}", marks=marks)


def _expected_date(cell: str) -> dt.date | None:
    return None if cell == NO_VALUE else dt.date.fromisoformat(cell)


def _describe(timexes: list[Timex]) -> str:
    return "; ".join(f"{t.text!r}@{t.start} {t.type} {t.value}" for t in timexes) or "nothing"


# --------------------------------------------------------------------------- the table itself

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(T.*)?")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
_QUARTER_OR_HALF = re.compile(r"(\d{4})-([QH])([1-4])")
_RANGE = re.compile(r"(?<![\d-])\d{1,2}\s*(?:-|–|to|and|through)\s*\d{1,2}(?![\d-])")
_YEAR, _DECADE, _CENTURY = re.compile(r"\d{4}"), re.compile(r"\d{3}"), re.compile(r"\d{2}")


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def interval_of_value(value: str) -> tuple[dt.date, dt.date] | None:
    """The interval a calendar-shaped TIMEX3 value denotes (an oracle for the table), else None."""
    if m := _DAY.fullmatch(value):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := _MONTH.fullmatch(value):
        return dt.date(int(m[1]), int(m[2]), 1), _month_end(int(m[1]), int(m[2]))
    if m := _WEEK.fullmatch(value):
        year, week = int(m[1]), int(m[2])
        return dt.date.fromisocalendar(year, week, 6 if m[3] else 1), dt.date.fromisocalendar(year, week, 7)
    if m := _QUARTER_OR_HALF.fullmatch(value):
        months = 3 if m[2] == "Q" else 6
        first = (int(m[3]) - 1) * months + 1
        return dt.date(int(m[1]), first, 1), _month_end(int(m[1]), first + months - 1)
    for pattern, years in ((_YEAR, 1), (_DECADE, 10), (_CENTURY, 100)):
        if pattern.fullmatch(value):
            first_year = int(value) * years
            return dt.date(first_year, 1, 1), dt.date(first_year + years - 1, 12, 31)
    return None


def test_table_has_enough_cases() -> None:
    assert len(CASES) >= 220
    assert len({(c.sentence, c.span, c.reference) for c in CASES}) == len(CASES), "duplicate rows"


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.line}:{c.span}")
def test_table_row_is_consistent(case: GoldCase) -> None:
    assert case.span in case.sentence
    assert case.tense in TENSES
    assert case.type in CASE_TYPES
    if case.reference != NO_VALUE:
        dt.date.fromisoformat(case.reference)
    if case.type in ("NONE", "SANE"):
        assert not (case.value or case.date_start or case.date_end or case.granularity or case.rule)
        return
    assert case.value
    assert case.granularity in ("", NO_VALUE, *PRECISIONS)
    assert case.rule in ("", *RULES)
    if UNCHECKED in (case.date_start, case.date_end):
        return
    start, end = _expected_date(case.date_start), _expected_date(case.date_end)
    assert (start is None) == (end is None)
    if start is not None and end is not None:
        assert start <= end
        implied = interval_of_value(case.value)
        if implied is not None and case.type == "DATE":
            if _RANGE.search(case.span):
                assert implied[0] == start and implied[1] < end, f"range valued {case.value} must run past it"
            else:
                assert implied == (start, end), f"value {case.value} denotes {implied}"
    if case.type in ("DURATION", "SET"):
        assert start is None and case.granularity == NO_VALUE


# --------------------------------------------------------------------------- the resolver on the table


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_gold_case(case: GoldCase) -> None:
    timexes = list(find_timexes(case.sentence, case.reference_date))
    check_well_formed(case.sentence, timexes)
    overlapping = [t for t in timexes if t.start < case.span_end and case.span_start < t.end]

    if case.type == "NONE":
        assert not overlapping, f"{case.span!r} must not be a timex, found {_describe(overlapping)}"
        return
    if case.type == "SANE":
        return

    found = [t for t in overlapping if (t.start, t.end) == (case.span_start, case.span_end)]
    assert found, f"expected the span {case.span!r}, found {_describe(overlapping)}"
    timex = found[0]
    assert timex.type == case.type, timex
    if case.value != UNCHECKED:
        assert timex.value == case.value, timex
    if case.date_start != UNCHECKED:
        assert timex.date_start == _expected_date(case.date_start), timex
    if case.date_end != UNCHECKED:
        assert timex.date_end == _expected_date(case.date_end), timex
    if case.granularity:
        expected_granularity = None if case.granularity == NO_VALUE else case.granularity
        assert timex.granularity == expected_granularity, timex
    if case.rule:
        assert timex.rule == case.rule, timex
