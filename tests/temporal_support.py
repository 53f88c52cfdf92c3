"""Helpers shared by the temporal tests and benchmarks/bench_temporal.py.

`check_well_formed` states what every returned Timex owes the text it came from;
`adversarial_texts` generates megabyte-sized runs of digits, separators and date-word look-alikes
that would make a backtracking regular expression take quadratic or exponential time.
"""

from __future__ import annotations

from timeline.models import TIMEX_TYPES, Timex

ADVERSARIAL_SIZE = 1_000_000


def _repeat(unit: str, size: int = ADVERSARIAL_SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def adversarial_texts() -> dict[str, str]:
    """Name -> about one megabyte of text built to provoke backtracking."""
    return {
        "slashes": _repeat("1/"),
        "dashes": _repeat("2020-"),
        "spaced-numbers": _repeat("12 "),
        "may-may": "May may " * 50_000,
        "dots": _repeat("1."),
        "commas": _repeat("1,"),
        "colons": _repeat("12:"),
        "digits": _repeat("1234567890"),
        "ordinals": _repeat("3rd "),
        "hyphen-units": _repeat("two-"),
        "spaces": _repeat(" "),
    }


def dense_dates_text() -> str:
    """About one megabyte of back-to-back dates ("March 3 March 3 ..."): a timex every 8 characters."""
    return _repeat("March 3 ")


def check_well_formed(text: str, timexes: list[Timex]) -> None:
    """Offsets inside the text and matching it, known types, values, ordered intervals for dates only."""
    for t in timexes:
        assert 0 <= t.start < t.end <= len(text), t
        assert t.text == text[t.start : t.end], t
        assert t.type in TIMEX_TYPES, t
        assert isinstance(t.value, str) and t.value, t
        assert (t.date_start is None) == (t.date_end is None), t
        if t.date_start is not None and t.date_end is not None:
            assert t.type in ("DATE", "TIME"), t
            assert t.date_start <= t.date_end, t
