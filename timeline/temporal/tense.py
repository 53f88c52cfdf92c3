"""Tense of the clause around an expression: does it speak of the future or the past?"""

from __future__ import annotations

import functools
import re

from timeline.temporal.grammar import words_pattern
from timeline.temporal.lexicon import lexicon

WINDOW_BEFORE = 120
WINDOW_AFTER = 60
AFTER_WEIGHT = 2
"""A cue after the expression counts as if it were this many times farther away."""

_BOUNDARY = re.compile(r"[.!?;:]\s|\n\s*\n|[\"'`]{2}")


@functools.cache
def _cues() -> re.Pattern[str]:
    lex = lexicon()
    future = words_pattern(lex.future_cues)
    past = words_pattern(lex.past_cues)
    return re.compile(rf"(?<!\w)(?:(?P<future>{future})|(?P<past>{past}|\w{{2,20}}ed))(?!\w)", re.IGNORECASE)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the window around [start, end) that stays inside its sentence."""
    left = max(0, start - WINDOW_BEFORE)
    for boundary in _BOUNDARY.finditer(text, left, start):
        left = boundary.end()
    right = min(len(text), end + WINDOW_AFTER)
    if after := _BOUNDARY.search(text, end, right):
        right = after.start()
    return left, right


def is_future(text: str, start: int, end: int) -> bool:
    """True when the nearest tense cue of the clause around text[start:end] marks the future."""
    left, right = _clause(text, start, end)
    best: tuple[int, bool] | None = None
    cues = _cues()
    for m in cues.finditer(text, left, start):
        distance = start - m.end()
        if best is None or distance <= best[0]:
            best = (distance, m.group("future") is not None)
    for m in cues.finditer(text, end, right):
        distance = (m.start() - end) * AFTER_WEIGHT
        if best is None or distance < best[0]:
            best = (distance, m.group("future") is not None)
        break
    return best is not None and best[1]
