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


VERB_GROUP_REACH = 20
"""A past-looking word this close after a future cue belongs to its verb group ("will be held")."""


def is_future(text: str, start: int, end: int) -> bool:
    """True when the nearest tense cue of the clause around text[start:end] marks the future."""
    left, right = _clause(text, start, end)
    cues = _cues()
    best: re.Match[str] | None = None
    best_distance = right - left + 1
    for m in cues.finditer(text, left, start):
        if start - m.end() <= best_distance:
            best, best_distance = m, start - m.end()
    after = cues.search(text, end, right)
    if after is not None and (after.start() - end) * AFTER_WEIGHT < best_distance:
        best = after
    if best is None:
        return False
    if best.group("future") is not None:
        return True
    return any(m.group("future") for m in cues.finditer(text, max(left, best.start() - VERB_GROUP_REACH), best.start()))
