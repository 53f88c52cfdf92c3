"""Properties of `find_timexes` on any input: it never raises and its output is always well-formed.

Random text exercises the robustness; text assembled from date-like fragments (month and weekday
names, numbers, separators, relative words) exercises the grammar much harder than random
characters would. The linear-time checks run megabyte-sized strings made to provoke regular
expression backtracking and assert a generous bound; the speed figures themselves are printed
by benchmarks/bench_temporal.py.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from temporal_support import adversarial_texts, check_well_formed

from timeline.temporal import find_timexes

FRAGMENTS = (
    "January", "Feb.", "March", "march", "May", "may", "Sept.", "Dec", "Monday", "Friday", "sat", "Sun",
    "on", "in", "the", "of", "last", "next", "this", "every", "each", "ago", "later", "earlier", "before",
    "following", "day", "days", "week", "weeks", "weekend", "month", "year", "years", "decade", "century",
    "quarter", "third", "half", "summer", "night", "morning", "yesterday", "today", "tonight", "now",
    "recently", "daily", "a", "two", "twenty-five", "several", "1", "3", "4th", "12", "29", "30", "31",
    "99", "1990s", "2020", "1999", "99999", "0", "00", "2/4/2020", "2020-02-04", "32/13/2020", "15:00",
    "3 p.m.", "GMT", "-", "/", ":", ",", ".", "'", "between", "and", "to", "from", "65-year-old",
    "2,500", "We", "\n", "  ",
)  # fmt: skip
"""Pieces of date expressions and of their look-alikes, recombined by the strategies below."""

REFERENCES = st.one_of(st.none(), st.dates(), st.sampled_from([dt.date.min, dt.date.max, dt.date(2020, 2, 29)]))
NEWSLIKE = st.lists(st.sampled_from(FRAGMENTS), max_size=40).flatmap(
    lambda words: st.lists(st.sampled_from(" ,-/"), min_size=len(words), max_size=len(words)).map(
        lambda seps: "".join(w + s for w, s in zip(words, seps, strict=True))
    )
)
PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

LINEAR_TIME_BOUND_S = 5.0
"""Generous bound for one megabyte of adversarial text (the goal, measured in the benchmark, is < 1 s)."""


@PROPERTY_SETTINGS
@given(text=st.text(max_size=300), reference=REFERENCES)
def test_any_text_gives_well_formed_timexes(text: str, reference: dt.date | None) -> None:
    check_well_formed(text, list(find_timexes(text, reference)))


@PROPERTY_SETTINGS
@given(text=NEWSLIKE, reference=REFERENCES)
def test_date_like_text_gives_well_formed_timexes(text: str, reference: dt.date | None) -> None:
    check_well_formed(text, list(find_timexes(text, reference)))


@PROPERTY_SETTINGS
@given(text=NEWSLIKE, reference=REFERENCES)
def test_timexes_are_in_text_order_without_overlap_and_repeatable(text: str, reference: dt.date | None) -> None:
    timexes = find_timexes(text, reference)
    assert all(a.end <= b.start for a, b in itertools.pairwise(timexes)), timexes
    assert find_timexes(text, reference) == timexes


@PROPERTY_SETTINGS
@given(text=NEWSLIKE)
def test_without_reference_only_written_dates_are_placed(text: str) -> None:
    """With no publication date, a calendar interval can only come from the text itself."""
    for t in find_timexes(text, None):
        if t.date_start is not None:
            assert t.rule in ("explicit", "relative-to-previous-date"), t


@PROPERTY_SETTINGS
@given(text=NEWSLIKE, reference=st.dates())
def test_result_does_not_depend_on_surrounding_text(text: str, reference: dt.date) -> None:
    """A paragraph put before the text shifts the offsets and changes no span."""
    prefix = "Officials spoke.\n\n"
    alone = [(t.start, t.end) for t in find_timexes(text, reference)]
    shifted = [(t.start - len(prefix), t.end - len(prefix)) for t in find_timexes(prefix + text, reference)]
    assert shifted == alone


@pytest.mark.parametrize("name", sorted(adversarial_texts()))
def test_adversarial_megabyte_finishes_in_linear_time(name: str) -> None:
    text = adversarial_texts()[name]
    began = time.perf_counter()
    timexes = list(find_timexes(text, dt.date(2020, 2, 5)))
    elapsed = time.perf_counter() - began
    assert elapsed < LINEAR_TIME_BOUND_S, f"{name}: {len(text)} chars took {elapsed:.1f} s"
    check_well_formed(text, timexes[:1000])
