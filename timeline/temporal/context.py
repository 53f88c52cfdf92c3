"""What a resolution rule sees (the match, the reference, earlier dates) and what it returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from timeline.temporal.tense import FUTURE, PAST, TenseIndex

SENTENCE_REACH = 250
"""How far back (characters) an earlier date still counts as the same stretch of narration."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """A calendar date mentioned earlier in the text, which anaphoric expressions refer to."""

    start: dt.date
    granularity: str
    position: int


@dataclass(slots=True)
class Context:
    """The text, the reference date and the dates mentioned so far, for one candidate span."""

    text: str
    reference: dt.date | None
    start: int = 0
    end: int = 0
    last_date: Anchor | None = None
    last_day: Anchor | None = None
    last_quarter: Anchor | None = None
    _tense: str | None = field(default=None, repr=False)
    _tense_known: bool = field(default=False, repr=False)
    _tenses: TenseIndex | None = field(default=None, repr=False)

    @property
    def tense(self) -> str | None:
        """"future" or "past" as the clause around the span says, None when it gives no cue."""
        if not self._tense_known:
            if self._tenses is None:
                self._tenses = TenseIndex(self.text)
            self._tense, self._tense_known = self._tenses.tense(self.start, self.end), True
        return self._tense

    @property
    def future(self) -> bool:
        """True when the clause around the span speaks of the future."""
        return self.tense == FUTURE

    @property
    def past(self) -> bool:
        """True when the clause around the span speaks of the past."""
        return self.tense == PAST

    def assume_tense(self, tense: str | None) -> None:
        """Override the tense of the current span (a rule that knows better than the clause)."""
        self._tense, self._tense_known = tense, True

    def at(self, start: int, end: int) -> None:
        """Point the context at a new candidate span."""
        self.start, self.end, self._tense_known = start, end, False

    def previous_word(self) -> str:
        """The word (or comma) just before the span, lower-cased."""
        head = self.text[max(0, self.start - 30) : self.start].rstrip()
        if head.endswith(","):
            return ","
        words = head.split()
        return words[-1].lower().strip("\"'`(") if words else ""

    def following_text(self, size: int = 30) -> str:
        """The characters just after the span."""
        return self.text[self.end : self.end + size]

    def preceding_char(self) -> str:
        """The first non-space character before the span ('' at the start)."""
        head = self.text[max(0, self.start - 5) : self.start].rstrip()
        return head[-1] if head else ""

    def day_anchor(self) -> tuple[dt.date | None, bool]:
        """The most recent day-precise date mentioned (else the reference) and whether it was mentioned."""
        if self.last_day is not None:
            return self.last_day.start, True
        return self.reference, False

    def near_date(self) -> Anchor | None:
        """The last date mentioned within the same stretch of narration, if any."""
        if self.last_date is not None and self.start - self.last_date.position <= SENTENCE_REACH:
            return self.last_date
        return None


@dataclass(frozen=True, slots=True)
class Resolution:
    """A resolved expression: TIMEX3 type and value, the rule's name, optional range end."""

    type: str
    value: str
    rule: str
    range_end: dt.date | None = None
    anchors: bool = True
    """False for comparison periods ("a year earlier"), which later expressions do not count from."""
