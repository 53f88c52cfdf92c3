"""Tense of the clause around an expression: does it speak of the future or the past?

The cue words (temporal_lexicon.yaml: future_cues, past_cues, plus any word ending in -ed)
and the sentence boundaries of a text are found in one pass; each question then looks only
at the cues of its own clause.
"""

from __future__ import annotations

import bisect
import functools
import re

from timeline.temporal.alternation import words_pattern
from timeline.temporal.lexicon import lexicon

WINDOW_BEFORE = 120
WINDOW_AFTER = 30
AFTER_WEIGHT = 2
"""A cue after the expression counts as if it were this many times farther away."""
VERB_GROUP_REACH = 20
"""A past-looking word this close after a future cue belongs to its verb group ("will be held")."""

FUTURE, PAST = "future", "past"

_BOUNDARY = re.compile(r"[.!?;:]\s|\n\s*\n|[\"'`]{2}")


@functools.cache
def _cues() -> re.Pattern[str]:
    lex = lexicon()
    future = words_pattern(lex.future_cues)
    past = words_pattern(lex.past_cues)
    report = words_pattern(lex.reporting_verbs)
    deadline = words_pattern(lex.deadline_words)
    unsure = words_pattern(lex.open_words)
    return re.compile(
        rf"(?<!\w)(?:(?P<deadline>{deadline})|(?P<future>{future})|(?P<report>{report})|(?P<open>{unsure})"
        rf"|(?P<past>{past}|[a-z]{{2,20}}ed))(?!\w)",
        re.IGNORECASE,
    )


class TenseIndex:
    """Tense cues and sentence boundaries of one text, for questions about its expressions."""

    def __init__(self, text: str) -> None:
        months = lexicon().months
        cues = [m for m in _cues().finditer(text)  # "in May 2015" is a month, not the modal "may"
                if not (m.group("future") and m.group(0)[0].isupper() and m.group(0).lower() in months)]
        self._reports = {m.end() for m in cues if m.group("report")}
        self._deadlines = {m.end() for m in cues if m.group("deadline")}
        self._open = {m.end() for m in cues if m.group("open")}
        cues = [m for m in cues if not (m.group("report") or m.group("deadline") or m.group("open"))]
        self._cue_starts = [m.start() for m in cues]
        self._cue_ends = [m.end() for m in cues]
        self._cue_future = [m.group("future") is not None for m in cues]
        self._boundaries = [m.end() for m in _BOUNDARY.finditer(text)]
        self._length = len(text)

    def _clause(self, start: int, end: int) -> tuple[int, int]:
        """Bounds of the window around [start, end) that stays inside its sentence."""
        left = max(0, start - WINDOW_BEFORE)
        right = min(self._length, end + WINDOW_AFTER)
        i = bisect.bisect_right(self._boundaries, start) - 1
        if i >= 0:
            left = max(left, self._boundaries[i])
        j = bisect.bisect_right(self._boundaries, end)
        if j < len(self._boundaries):
            right = min(right, self._boundaries[j] - 2)
        return left, right

    def _past_verb_follows(self, start: int, end: int) -> bool:
        """A deadline word in past narration: "by Saturday morning they had taken the city"."""
        _, right = self._clause(start, end)
        after = bisect.bisect_left(self._cue_starts, end)
        return after < len(self._cue_starts) and self._cue_starts[after] < right and not self._cue_future[after]

    def tense(self, start: int, end: int) -> str | None:
        """"future" or "past" as the nearest tense cue of the clause around [start, end) says; None without one."""
        if start - 1 in self._reports:
            return PAST
        if start - 1 in self._deadlines:
            return PAST if self._past_verb_follows(start, end) else FUTURE
        if start - 1 in self._open:
            return None
        left, right = self._clause(start, end)
        first = bisect.bisect_left(self._cue_starts, left)
        before = bisect.bisect_left(self._cue_starts, start, lo=first)
        after = bisect.bisect_left(self._cue_starts, end, lo=before)
        best, best_distance = -1, right - left + 1
        if before > first and self._cue_ends[before - 1] <= start:
            best, best_distance = before - 1, start - self._cue_ends[before - 1]
        has_after = after < len(self._cue_starts) and self._cue_starts[after] < right
        if has_after and (self._cue_starts[after] - end) * AFTER_WEIGHT < best_distance:
            best = after
        if best < 0:
            return None
        if self._cue_future[best]:
            return FUTURE
        reach = self._cue_starts[best] - VERB_GROUP_REACH
        k = best - 1
        while k >= first and self._cue_starts[k] >= reach:
            if self._cue_future[k]:
                return FUTURE
            k -= 1
        return PAST
