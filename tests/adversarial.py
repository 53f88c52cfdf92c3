"""Megabyte-sized adversarial strings for the temporal resolver, generated on the fly.

Runs of digits, separators and date-word look-alikes that would make a backtracking regular
expression take quadratic or exponential time; used by tests/test_temporal_properties.py (a
generous time bound) and benchmarks/bench_temporal.py (the figures).
"""

from __future__ import annotations

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
        "month-numbers": _repeat("March 3 "),
        "hyphen-units": _repeat("two-"),
        "spaces": _repeat(" "),
    }
