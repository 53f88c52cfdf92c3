"""Unit tests of the temporal resolver's named rules, calendar arithmetic, tense cues and scanner."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from timeline.temporal import calendar as cal
from timeline.temporal import find_timexes
from timeline.temporal.alternation import words_pattern
from timeline.temporal.context import Context
from timeline.temporal.grammar import grammar
from timeline.temporal.lexicon import lexicon
from timeline.temporal.rules import (
    RULES,
    duration_value,
    holiday_date,
    latest_begun_year,
    nearest_period_year,
    weekday_date,
    year_by_tense,
)
from timeline.temporal.tense import FUTURE, PAST, TenseIndex

WEDNESDAY = dt.date(2020, 2, 5)


def _context(sentence: str, span: str, reference: dt.date | None = WEDNESDAY) -> Context:
    ctx = Context(sentence, reference)
    start = sentence.index(span)
    ctx.at(start, start + len(span))
    return ctx


def _one(text: str, reference: dt.date | None = WEDNESDAY) -> tuple[str, str, str, str]:
    found = find_timexes(text, reference)
    assert len(found) == 1, found
    t = found[0]
    return t.text, t.type, t.value, t.rule


# --------------------------------------------------------------------------- calendar


@pytest.mark.parametrize(
    ("value", "start", "end", "granularity"),
    [
        ("2020-02-04", "2020-02-04", "2020-02-04", "day"),
        ("2020-02-04TNI", "2020-02-04", "2020-02-04", "day"),
        ("2020-W06", "2020-02-03", "2020-02-09", "week"),
        ("2020-W06-WE", "2020-02-08", "2020-02-09", "week"),
        ("2020-02", "2020-02-01", "2020-02-29", "month"),
        ("2020-Q1", "2020-01-01", "2020-03-31", "quarter"),
        ("2020-H2", "2020-07-01", "2020-12-31", "half"),
        ("2019-WI", "2019-12-01", "2020-02-29", "season"),
        ("2020", "2020-01-01", "2020-12-31", "year"),
        ("199", "1990-01-01", "1999-12-31", "decade"),
        ("19", "1900-01-01", "1999-12-31", "century"),
    ],
)
def test_interval_of_calendar_values(value: str, start: str, end: str, granularity: str) -> None:
    assert cal.interval_of(value) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end), granularity)


@pytest.mark.parametrize("value", ["P2W", "PRESENT_REF", "XXXX-12-31", "XXXX-WXX-5", "2020-02-30", "2020-W54", ""])
def test_interval_of_non_calendar_or_absurd_values_is_none(value: str) -> None:
    assert cal.interval_of(value) is None


def test_shift_clamps_to_month_end_and_stays_on_the_calendar() -> None:
    assert cal.shift(dt.date(2020, 3, 31), -1, "M") == dt.date(2020, 2, 29)
    assert cal.shift(dt.date(2020, 2, 5), -3, "W") == dt.date(2020, 1, 15)
    assert cal.shift(dt.date(9999, 12, 1), 1, "Y") is None
    assert cal.render(dt.date(2020, 2, 5), "quarter") == "2020-Q1"
    assert cal.render(dt.date(1995, 6, 1), "decade") == "199"


# --------------------------------------------------------------------------- year by tense


@pytest.mark.parametrize(
    ("sentence", "span", "month_day", "reference", "year"),
    [
        ("The embassy was stormed on December 31.", "December 31", (12, 31), dt.date(2020, 1, 5), 2019),
        ("The new law will take effect on January 1.", "January 1", (1, 1), dt.date(2020, 12, 28), 2021),
        ("The dividend is payable Jan. 2.", "Jan. 2", (1, 2), dt.date(1989, 11, 2), 1990),
        ("The quarter ended Sept. 30.", "Sept. 30", (9, 30), dt.date(1989, 11, 2), 1989),
    ],
)
def test_year_by_tense(sentence: str, span: str, month_day: tuple[int, int], reference: dt.date, year: int) -> None:
    assert year_by_tense(*month_day, _context(sentence, span, reference)) == year


def test_year_by_tense_skips_years_without_february_29() -> None:
    assert year_by_tense(2, 29, _context("It happened on Feb. 29.", "Feb. 29", dt.date(2021, 3, 1))) == 2020


def test_quarters_are_the_latest_begun_whatever_the_tense() -> None:
    assert latest_begun_year(3, 4, dt.date(1989, 10, 25)) == 1989
    assert latest_begun_year(4, 4, dt.date(1989, 10, 25)) == 1989
    assert latest_begun_year(1, 2, dt.date(1989, 3, 1)) == 1989
    assert latest_begun_year(2, 2, dt.date(1989, 3, 1)) == 1988


def test_nearest_period_year_for_months_follows_tense() -> None:
    assert nearest_period_year(3, 12, _context("Elections will be held in March.", "March")) == 2020
    assert nearest_period_year(3, 12, _context("The army attacked in March.", "March")) == 2019


@pytest.mark.parametrize(
    ("sentence", "weekday", "relation", "expected"),
    [
        ("Troops withdrew on Friday.", 5, "", "2020-01-31"),
        ("The talks will resume on Friday.", 5, "", "2020-02-07"),
        ("He spoke on Wednesday.", 3, "", "2020-02-05"),
        ("They will meet on Wednesday.", 3, "", "2020-02-12"),
        ("He spoke last Wednesday.", 3, "last", "2020-01-29"),
        ("They will meet next Wednesday.", 3, "next", "2020-02-12"),
        ("The vote is this Monday.", 1, "this", "2020-02-03"),
    ],
)
def test_weekday_date(sentence: str, weekday: int, relation: str, expected: str) -> None:
    span = sentence.split()[-1].rstrip(".")
    assert weekday_date(weekday, _context(sentence, span), relation) == dt.date.fromisoformat(expected)


def test_weekday_without_reference_is_unresolved() -> None:
    assert _one("Troops withdrew on Friday.", None) == ("Friday", "DATE", "XXXX-WXX-5", "unresolved")


# --------------------------------------------------------------------------- named rules through the finder


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The strike came on 4 February 2020.", ("4 February 2020", "DATE", "2020-02-04", "explicit")),
        ("He left on Dec. 31.", ("Dec. 31", "DATE", "2019-12-31", "year-from-publication")),
        ("They met two days ago.", ("two days ago", "DATE", "2020-02-03", "relative-to-publication")),
        ("Prices rose last week.", ("last week", "DATE", "2020-W05", "relative-to-publication")),
        ("It rained earlier this month.", ("earlier this month", "DATE", "2020-02", "relative-to-publication")),
        ("The 1990s were calm.", ("The 1990s", "DATE", "199", "explicit")),
        ("A two-week tour began.", ("two-week", "DURATION", "P2W", "duration")),
        ("Guards patrol every Friday.", ("every Friday", "SET", "XXXX-WXX-5", "set")),
        ("Tuesday night was quiet.", ("Tuesday night", "TIME", "2020-02-04TNI", "weekday-before-publication")),
        ("Profit fell in the third quarter.", ("the third quarter", "DATE", "2019-Q3", "year-from-publication")),
        ("Nothing changes now.", ("now", "DATE", "PRESENT_REF", "vague")),
        ("Shops open daily.", ("daily", "SET", "P1D", "set")),
    ],
)
def test_named_rules(text: str, expected: tuple[str, str, str, str]) -> None:
    assert _one(text) == expected


def test_relative_to_previous_date_counts_from_the_last_day_mentioned() -> None:
    found = find_timexes("The siege began on 6 January. Three weeks later the city fell.", WEDNESDAY)
    assert [(t.value, t.rule) for t in found] == [
        ("2020-01-06", "year-from-publication"),
        ("2020-01-27", "relative-to-previous-date"),
    ]


def test_anaphor_without_earlier_date_falls_back_to_the_reference() -> None:
    assert _one("Officials said the day before that no deal was near.")[2:] == (
        "2020-02-04",
        "relative-to-publication",
    )


def test_year_ago_in_a_quarterly_report_is_the_same_quarter_a_year_earlier() -> None:
    text = "Net income in the third quarter rose 5% from a year ago."
    found = find_timexes(text, dt.date(1989, 10, 25))
    assert [t.value for t in found] == ["1989-Q3", "1988-Q3"]


def test_comparison_periods_do_not_become_the_anchor() -> None:
    text = "Sales in the third quarter rose from a year earlier. The year-ago quarter was weak."
    found = find_timexes(text, dt.date(1989, 10, 25))
    assert [t.value for t in found] == ["1989-Q3", "1988-Q3", "1988-Q3"]


def test_range_in_one_month_is_one_timex_running_to_its_last_day() -> None:
    (timex,) = find_timexes("Talks will be held March 3-5 in Oslo.", WEDNESDAY)
    assert (timex.text, timex.value, timex.date_start, timex.date_end) == (
        "March 3-5",
        "2020-03-03",
        dt.date(2020, 3, 3),
        dt.date(2020, 3, 5),
    )


def test_duration_values() -> None:
    assert duration_value(2.5, "Y", False) == "P2Y6M"
    assert duration_value(5.5, "H", True) == "PT5H30M"
    assert duration_value(None, "DE", False) == "PXY"
    assert duration_value(3, "DE", False) == "P30Y"
    assert duration_value(1.5, "D", False) == "P1DT12H"


def test_holiday_dates() -> None:
    assert holiday_date("easter", 2020) == dt.date(2020, 4, 12)
    assert holiday_date("thanksgiving", 1998) == dt.date(1998, 11, 26)
    assert holiday_date("christmas", 2019) == dt.date(2019, 12, 25)


def test_every_pattern_names_a_registered_rule() -> None:
    assert {branch.rule for branch in grammar()._branches} <= set(RULES)


# --------------------------------------------------------------------------- tense


@pytest.mark.parametrize(
    ("sentence", "span", "tense"),
    [
        ("Elections will be held in March.", "March", FUTURE),
        ("The army attacked in March.", "March", PAST),
        ("Officials said Thursday that the border would reopen.", "Thursday", PAST),
        ("The meeting is on Thursday.", "Thursday", None),
        ("Parliament reconvenes on Monday.", "Monday", FUTURE),
    ],
)
def test_tense_of_the_clause(sentence: str, span: str, tense: str | None) -> None:
    start = sentence.index(span)
    assert TenseIndex(sentence).tense(start, start + len(span)) == tense


# --------------------------------------------------------------------------- scanner and vocabulary


@pytest.mark.parametrize(
    "text",
    ["You may go.", "They march on the capital.", "We sat down.", "A 65-year-old man died.", "It cost 2,500 dollars."],
)
def test_common_words_and_numbers_are_not_dates(text: str) -> None:
    assert find_timexes(text, WEDNESDAY) == []


def test_rejected_match_lets_a_later_pattern_match_at_the_same_place() -> None:
    assert _one("The ban will last a year.") == ("a year", "DURATION", "P1Y", "duration")


def test_words_pattern_prefers_the_longest_word() -> None:
    pattern = re.compile(r"\b" + words_pattern(["may", "mayor", "a few"]) + r"\b")
    assert pattern.findall("mayor may a  few") == ["mayor", "may", "a  few"]


def test_number_words() -> None:
    lex = lexicon()
    assert lex.number_of("twenty-five") == 25
    assert lex.number_of("a") == 1
    assert lex.number_of("several") is None


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("The boy must be returned by Jan. 14.", dt.date(2000, 1, 7), "2000-01-14"),
        ("Through Oct. 19, the funds returned 0.85%.", dt.date(1989, 10, 27), "1989-10-19"),
        ("They had not called him a suspect until Thursday.", dt.date(1999, 5, 7), "1999-05-13"),
        ("They will look for ways around Wednesday's ruling.", dt.date(2000, 1, 7), "2000-01-05"),
        ("The strikes began at 2230 GMT Tuesday.", dt.date(2020, 1, 8), "2020-01-07T22:30"),
        ("At 3:45 on Tuesday afternoon the sirens sounded.", WEDNESDAY, "2020-02-04T15:45"),
        ("Atlanta, nineteen ninety-six.", WEDNESDAY, "1996"),
        ("Prices fell through the nineties.", WEDNESDAY, "199"),
        ("The leaders were arrested in June last year.", WEDNESDAY, "2019-06"),
        ("It rained in the summer.", WEDNESDAY, "2019-SU"),
        ("Growth slowed in Q1 2019.", WEDNESDAY, "2019-Q1"),
        ("Sales rose in H1 2020.", WEDNESDAY, "2020-H1"),
    ],
)
def test_deadline_open_and_possessive_cues_and_written_out_times(text: str, reference: dt.date, value: str) -> None:
    assert [t.value for t in find_timexes(text, reference)] == [value]


@pytest.mark.parametrize(
    "text",
    ["A quarter of the shares were sold.", "He won a second term.", "Prices began to fall again.", "1,000,000 people"],
)
def test_fractions_ordinals_and_verbs_are_not_timexes(text: str) -> None:
    assert find_timexes(text, WEDNESDAY) == []


def test_the_year_ended_is_a_duration_and_for_the_year_is_the_reference_year() -> None:
    text = "Net income for the year ended June 30 rose. For the year, sales were flat."
    found = find_timexes(text, dt.date(1989, 11, 2))
    assert [(t.text, t.type, t.value) for t in found] == [
        ("the year", "DURATION", "P1Y"),
        ("June 30", "DATE", "1989-06-30"),
        ("the year", "DATE", "1989"),
    ]
