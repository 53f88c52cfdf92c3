"""Date attachment: which date expression, if any, gives an event its date, and why (the date_rule)."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from timeline import resources
from timeline.events.lexicon import triggers
from timeline.events.reporting import CONTENT_DEPS, is_report, reporting_verb
from timeline.models import Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3}
UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
         "year": "year", "years": "year"}
MODIFIER_DEPS = frozenset({"compound", "nummod", "amod", "nmod", "poss"})
ANCHOR_PREPS = frozenset({"before", "after", "during", "at"})
NAMED_EVENTS_FILE = "named_events.yaml"
ANAPHORA_FILE = "anaphora.yaml"
SINCE = "since"
"""The relation of a date that opens a running total ("since March")."""
OWN_SENTENCE_KINDS = frozenset({"own", "clause", "sentence"})
"""Kinds of attachment whose date expression stands in the event's own sentence."""
STRENGTH = {"own": 4, "clause": 3, "anchor": 3, "sentence": 2, "narrative": 1, "publication": 0, "none": 0}
"""How directly each kind of attachment ties the date to the event (used for confidence and dedup)."""


@dataclass(frozen=True, slots=True)
class DateChoice:
    """The date given to an event: interval, precision, the expression as written and the rule that chose it."""

    start: dt.date
    end: dt.date
    precision: str
    text: str
    rule: str
    kind: str
    span: tuple[int, int] | None = None
    """Offsets of the expression in the article's text, where it is known."""

    @property
    def strength(self) -> int:
        """3-4 the event's own clause, 2 its sentence, 1 the narrative, 0 the publication date."""
        return STRENGTH[self.kind]

    def with_kind(self, kind: str, rule: str | None = None) -> DateChoice:
        """The same interval reached another way."""
        return DateChoice(self.start, self.end, self.precision, self.text, rule or self.rule, kind, self.span)


@dataclass(frozen=True, slots=True)
class PlacedTimex:
    """A calendar date expression of a sentence and the word of the parse it modifies."""

    timex: Timex
    node: Token
    relation: str
    first: int
    length: int = 1

    def choice(self, kind: str) -> DateChoice:
        """This expression as an event date."""
        t = self.timex
        start = t.date_start or dt.date.min
        return DateChoice(start, t.date_end or start, t.granularity or "day", t.text, t.rule or "explicit",
                          kind, (t.start, t.end))


@functools.cache
def named_events() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Patterns of events known by their date (resources/named_events.yaml)."""
    entries = resources.section(resources.load(NAMED_EVENTS_FILE), "named_events", NAMED_EVENTS_FILE)
    return tuple((resources.pattern(e, "pattern", re.IGNORECASE), str(resources.field(e, "date"))) for e in entries)


def period(value: str) -> tuple[dt.date, dt.date, str]:
    """The interval and precision of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day, "day"
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], calendar.monthrange(*parts)[1]), "month"
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), "year"


def named_event_date(sentence: str, offset: int, sentence_start: int = 0) -> DateChoice | None:
    """The date of a named event ("the Sept. 11 attacks") whose name covers character `offset` of `sentence`,
    which starts at `sentence_start` in the article."""
    for pattern, value in named_events():
        for match in pattern.finditer(sentence):
            if match.start() <= offset < match.end():
                start, end, precision = period(value)
                span = (sentence_start + match.start(), sentence_start + match.end())
                return DateChoice(start, end, precision, match.group(0), "named-event", "own", span)
    return None


def place_timexes(doc: Doc, sentence_start: int, timexes: Sequence[Timex]) -> list[PlacedTimex]:
    """The calendar dates of a parsed sentence with the word each one modifies."""
    placed = []
    for timex in timexes:
        if not timex.is_calendar_date or timex.type not in ("DATE", "TIME"):
            continue
        span = doc.char_span(timex.start - sentence_start, timex.end - sentence_start, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        head = span.root
        relation = head.dep_
        opening = doc[span.start - 1].lower_ if span.start > 0 else ""
        if opening in ("until", "till"):
            continue
        if opening == "since":  # "killed since March": a running total from that date, never one day
            placed.append(PlacedTimex(timex, doc[span.start - 1].head, SINCE, span.start, len(span)))
            continue
        node = head.head
        before = doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.dep_ == "prep" and before.lower_ in ("on", "in", "at", "by", "during"):
            relation, node = "prep", before.head
        elif node.pos_ == "ADP" or node.dep_ == "prep":
            relation = "prep"
            node = node.head
        placed.append(PlacedTimex(timex, node, relation, span.start, len(span)))
    return placed


def _is_since(token: Token) -> bool:
    """True for a clause or phrase of `since` (it dates something before the event)."""
    if token.dep_ == "pobj" and token.head.lower_ in ("since", "ago"):
        return True
    return any(c.dep_ in ("mark", "prep") and c.lower_ == "since" for c in token.children) and token.pos_ in (
        "VERB", "AUX")


def _offset(prep: Token) -> tuple[int, str] | None:
    """`(n, unit)` for a measured preposition ("a week after", "two months before"), else None."""
    for child in prep.children:
        if child.dep_ == "npadvmod" and child.lower_ in UNITS:
            count = 1
            for grand in child.children:
                if grand.dep_ in ("nummod", "det"):
                    word = grand.lower_
                    count = int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)
            return count, UNITS[child.lower_]
    return None


def _shift(choice: DateChoice, count: int, unit: str, direction: int) -> DateChoice:
    """`choice` moved by `count` units (direction -1: earlier)."""
    if unit in ("day", "week"):
        days = count * (7 if unit == "week" else 1) * direction
        return DateChoice(choice.start + dt.timedelta(days=days), choice.end + dt.timedelta(days=days),
                          choice.precision, choice.text, "offset-from-clause-date", "clause", choice.span)
    months = count * (12 if unit == "year" else 1) * direction
    index = choice.start.year * 12 + choice.start.month - 1 + months
    year, month = divmod(index, 12)
    start = dt.date(year, month + 1, 1)
    if unit == "year":
        return DateChoice(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", choice.text,
                          "offset-from-clause-date", "clause", choice.span)
    end = dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1])
    return DateChoice(start, end, "month", choice.text, "offset-from-clause-date", "clause", choice.span)


TIME_MARKS = frozenset({"after", "before", "since", "until", "once", "following"})
"""Conjunctions of a clause of an earlier or later time: a date inside such a clause dates that clause, not the
event above it (a clause of "when" or "as" shares its time with the event)."""


REPORTED_DEPS = CONTENT_DEPS | {"nsubj", "nsubjpass", "attr"}
"""How an event hangs on the verb that reports it: its content ("said [they struck]") or what is announced
("the visit was announced on Sunday"): the verb's date dates the report."""


def _clause_chain(trigger: Token) -> list[Token]:
    """The trigger and the words above it that its event's own clause is made of: up to a relative clause, a
    clause of `since`, or the verb that reports it."""
    chain = [trigger]
    node = trigger
    for _ in range(12):
        if node.head is node or node.dep_ == "relcl" or _is_since(node) or (
            node.dep_ in REPORTED_DEPS and is_report(node.head)
        ):
            break
        node = node.head
        chain.append(node)
    return chain


def _is_time_clause(token: Token) -> bool:
    """A subordinate clause of time ("after they met on Monday")."""
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in token.children)


def _attachment(date: PlacedTimex, chain: list[Token], triggers: frozenset[int]) -> int | None:
    """How far up the event's clause chain a date attaches (0: the trigger itself), or None when it belongs to
    another event, a relative clause or a clause of time below the chain."""
    steps = {t.i: n for n, t in enumerate(chain)}
    current = date.node
    for _ in range(14):
        if current.i in steps:
            return steps[current.i]
        describes_trigger = current.dep_ == "relcl" and current.head.i == chain[0].i  # "the summit, which opens ..."
        if current.i in triggers or (current.dep_ == "relcl" and not describes_trigger) or _is_time_clause(
            current
        ) or _is_since(current):
            return None
        if current.head is current:
            return None
        current = current.head
    return None


def _in_other_clause(date: PlacedTimex, trigger: Token, triggers: frozenset[int]) -> bool:
    """The date sits in a relative clause, a clause of time or another event's phrase that does not hold the
    trigger ("In Hama, where the revolt was crushed in 1982, ..."): it dates that clause only. A relative clause
    on the event's own subject tells where the subject was at the time ("Erdogan, who attended the opening on
    Sunday, shook hands there with ...") and may date it."""
    ancestors = {t.i for t in trigger.ancestors} | {trigger.i}
    subjects = {c.i for a in (trigger, *trigger.ancestors) for c in a.children if c.dep_ in ("nsubj", "nsubjpass")}
    current = date.node
    for _ in range(14):
        if current.i in ancestors or current.head is current:
            return False
        if current.dep_ == "relcl" and current.head.i in subjects:
            return False
        if current.i in triggers or current.dep_ == "relcl" or _is_time_clause(current) or _is_since(current):
            return True
        current = current.head
    return False


AnchorLookup = Callable[[str], DateChoice | None]


def attach_date(
    trigger: Token,
    placed: Sequence[PlacedTimex],
    triggers: frozenset[int],
    anchor: AnchorLookup,
    narrative: DateChoice | None = None,
    reference: dt.date | None = None,
) -> DateChoice | None:
    """The date of the event at `trigger` from its own clause, the clauses above it, or its sentence.

    A date belongs to the event whose clause it attaches to nearest in the parse ("struck a base used by
    the group on Saturday": Saturday dates the strike); a date that modifies another noun ("the 2011
    election"), another event, a relative clause, a clause of time or the verb that reports the event ("said
    on Friday that ...") does not date it. A running total ("killed since March") gets the interval from that
    date to the `reference` day. None when the sentence does not date it (the caller then uses the narrative
    date).
    """
    report = reporting_verb(trigger)
    own = [p for p in placed if (p.relation not in MODIFIER_DEPS or p.node.i == trigger.i)
           and p.relation != SINCE and (report is None or p.node.i != report.i)]
    antecedent = _dated_antecedent(trigger, own)
    if antecedent is not None:
        return antecedent
    chain = _clause_chain(trigger)
    others = triggers - {trigger.i}
    since = [p for p in placed if p.relation == SINCE and p.node.i in (chain[0].i, *(c.i for c in chain[0].children))]
    if since and reference is not None and since[0].timex.date_start is not None and (
        since[0].timex.date_start <= reference
    ):
        start = since[0].timex.date_start
        return DateChoice(start, reference, "day", since[0].timex.text, "since-date", "clause",
                          (since[0].timex.start, since[0].timex.end))
    attached = [(depth, p) for p in own if (depth := _attachment(p, chain, others)) is not None]
    attached = [(d, p) for d, p in attached if p.relation not in MODIFIER_DEPS or p.node.i == trigger.i]
    shift = _measured_shift(chain)
    if attached:
        depth, nearest = min(attached, key=lambda dp: dp[0])
        choice = nearest.choice("own" if depth == 0 else "clause")
        return _shift(choice, *shift) if shift and depth > 0 else choice
    measured_anchor = _measured_from_dated_event(chain, own)
    if measured_anchor is not None:
        return measured_anchor
    for node in chain[1:]:
        anchored = _anchor_of(node, trigger, anchor)
        if anchored:
            return anchored
    if shift:
        return _shift(narrative, *shift).with_kind("clause", "offset-from-narrative-date") if narrative else None
    before = [p for p in own if p.first < trigger.i and p.relation not in MODIFIER_DEPS
              and not _in_other_clause(p, trigger, others)]
    if before:
        return before[-1].choice("sentence")
    return _anchor_of(trigger, trigger, anchor)


def _dated_antecedent(trigger: Token, placed: Sequence[PlacedTimex]) -> DateChoice | None:
    """The date a relative clause holding the trigger describes ("in 2011, when Biden travelled to Moscow")."""
    node = trigger
    for _ in range(6):
        if node.dep_ == "relcl":
            return next((p.choice("clause") for p in placed if p.first <= node.head.i < p.first + p.length), None)
        if node.head is node or node.dep_ not in ("conj", "xcomp", "ccomp", "advcl", "prep", "pobj", "dobj"):
            return None
        node = node.head
    return None


def _measured_shift(chain: list[Token]) -> tuple[int, str, int] | None:
    """(count, unit, direction) when the event is placed a measured time after or before its clause's date ("a
    week after", "three days before")."""
    shift: tuple[int, str, int] | None = None
    for node in chain[:-1]:
        if node.dep_ == "pobj" and node.head.lower_ in ("after", "before", "following"):
            measured = _offset(node.head)
            if measured:
                shift = (measured[0], measured[1], -1 if node.head.lower_ != "before" else 1)
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("after", "before") for c in node.children):
            mark = next(c for c in node.children if c.dep_ == "mark" and c.lower_ in ("after", "before"))
            measured = _offset(mark) or _offset(node) or _offset(node.head)
            if measured:
                shift = (measured[0], measured[1], -1 if mark.lower_ == "after" else 1)
    return shift


def _measured_from_dated_event(chain: list[Token], placed: Sequence[PlacedTimex]) -> DateChoice | None:
    """The date of an event placed a measured time after or before another event the sentence dates ("four months
    after the invasion of Iraq in 2003", "two days before the 2011 vote"). A shift finer than that date's precision
    leaves its precision as it is."""
    for node in chain:
        for prep in node.children:
            measured = _offset(prep) if prep.dep_ == "prep" and prep.lower_ in ("after", "before") else None
            objects = [o for o in prep.children if o.dep_ == "pobj"] if measured else []
            for obj in objects:
                inside = [p for p in placed if p.node.i == obj.i or obj in p.node.ancestors]
                if not inside or measured is None:
                    continue
                choice = inside[0].choice("clause").with_kind("clause", "offset-from-clause-date")
                count, unit = measured
                if choice.precision == "year" and unit != "year":
                    return choice
                return _shift(choice, count, unit, 1 if prep.lower_ == "after" else -1)
    return None


def report_date(trigger: Token, placed: Sequence[PlacedTimex]) -> DateChoice | None:
    """The date of the verb that reports the event ("officials said on Friday that ..."): the last resort before
    the publication date."""
    report = reporting_verb(trigger)
    found = [p for p in placed if report is not None and p.node.i == report.i and p.relation != SINCE]
    return found[0].choice("publication").with_kind("publication", "reporting-date") if found else None


def _anchor_of(node: Token, trigger: Token, anchor: AnchorLookup) -> DateChoice | None:
    """The date of an earlier event that `node` is placed against ("before the summit", "on the day of the talks")."""
    table = triggers().by_lemma
    for prep in node.children:
        if prep.dep_ != "prep" or prep.i == trigger.i:
            continue
        word = prep.lower_
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            target = obj
            if obj.lower_ in ("day", "eve") and word == "on":
                inner = [g for p in obj.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
                if not inner:
                    continue
                target = inner[0]
                word = obj.lower_
            elif word not in ANCHOR_PREPS:
                continue
            if target.i == trigger.i or not any(d.dep_ == "det" and d.lower_ in ("the", "this", "that")
                                                for d in target.children):
                continue
            for pos in ("NOUN",):
                for entry in table.get((target.lemma_.lower(), pos), ()):
                    found = anchor(entry.event_type)
                    if found:
                        if word == "eve":
                            day = found.start - dt.timedelta(days=1)
                            return DateChoice(day, day, "day", found.text, "anchored-to-event", "anchor")
                        return found.with_kind("anchor", "anchored-to-event")
    return None


def in_since_clause(node: Token) -> bool:
    """True when `node` lies in a clause or phrase of `since` (a date before the story)."""
    current = node
    for _ in range(12):
        if _is_since(current):
            return True
        if current.head is current:
            return False
        current = current.head
    return False


def last_mentioned_date(placed: Sequence[PlacedTimex]) -> DateChoice | None:
    """The last day-precise date of a sentence that later anaphora ("that afternoon") may count from."""
    usable = [p for p in placed if p.timex.granularity == "day" and p.relation not in MODIFIER_DEPS
              and p.relation != SINCE and not in_since_clause(p.node)]
    return usable[-1].choice("narrative") if usable else None


def main_clause_date(doc: Doc, placed: Sequence[PlacedTimex]) -> DateChoice | None:
    """The date the sentence's main clause is set at (the narrative date it gives later sentences)."""
    for p in placed:
        node = p.node
        if p.relation == SINCE or is_report(node):
            continue
        argument_of_root = p.relation == "prep" and node.dep_ in ("dobj", "attr", "nsubj") and node.head.dep_ == "ROOT"
        if node.pos_ not in ("VERB", "AUX") and not argument_of_root and node.dep_ != "ROOT":
            continue  # a date on the root dates the sentence even when the parser missed its verb
        ok = True
        for _ in range(12):
            if node.head is node:
                break
            if node.dep_ in ("relcl", "acl", "appos") or _is_since(node):
                ok = False
                break
            node = node.head
        if ok:
            return p.choice("narrative")
    return None


def first_date(timexes: Sequence[Timex]) -> DateChoice | None:
    """The first calendar date of an unparsed sentence, as a narrative date."""
    for t in timexes:
        if t.is_calendar_date and t.date_start is not None:
            return DateChoice(t.date_start, t.date_end or t.date_start, t.granularity or "day", t.text,
                              t.rule or "explicit", "narrative", (t.start, t.end))
    return None


@dataclass(frozen=True, slots=True)
class Anaphor:
    """An expression counted from an earlier date: which pattern, how many days on, whether a week, from what."""

    pattern: re.Pattern[str]
    days: int
    week: bool
    from_narrative: bool


@functools.cache
def anaphora() -> tuple[Anaphor, ...]:
    """Expressions counted from the narrative date (resources/anaphora.yaml)."""
    entries = resources.section(resources.load(ANAPHORA_FILE), "anaphora", ANAPHORA_FILE)
    return tuple(
        Anaphor(resources.pattern(e, "pattern", re.IGNORECASE), int(resources.field(e, "days", int)),
                bool(e.get("week", False)), e.get("from", "mentioned") == "narrative")
        for e in entries
    )


def reanchor(timexes: Sequence[Timex], mentioned: DateChoice | None, narrative: DateChoice | None) -> list[Timex]:
    """`timexes` with "the next day", "that evening" ... counted from the last date mentioned (or the narrative
    date where there is none), and bare clock times placed on the narrative date of the main clauses."""
    out: list[Timex] = []
    for timex in timexes:
        if any(t.granularity == "day" and t.is_calendar_date for t in out):
            out.append(timex)
            continue
        for anaphor in anaphora():
            anchor = narrative if anaphor.from_narrative else (mentioned or narrative)
            if anchor is None or anchor.precision != "day":
                continue
            if timex.type in ("DATE", "TIME") and anaphor.pattern.fullmatch(timex.text.strip()):
                start = anchor.start + dt.timedelta(days=anaphor.days)
                if anaphor.week:
                    start -= dt.timedelta(days=start.weekday())
                end = start + dt.timedelta(days=6 if anaphor.week else 0)
                value = f"{start.isocalendar()[0]}-W{start.isocalendar()[1]:02d}" if anaphor.week else start.isoformat()
                timex = dataclasses.replace(timex, value=value, date_start=start, date_end=end,
                                            granularity="week" if anaphor.week else "day",
                                            rule="relative-to-narrative-date")
                break
        out.append(timex)
    return out


HEADLINE_FUTURE = re.compile(r"\b(?:will|to|plans?|expected|set|due)\b", re.IGNORECASE)
"""Words that make a headline speak of what is coming ("X to meet Y on Thursday")."""


def headline_past(timexes: Sequence[Timex], headline: str) -> list[Timex]:
    """A headline tells past news in the present ("Ochieng meets Pennington on Thursday"): a weekday read as the
    coming one is the one just past, unless the headline speaks of the future."""
    if HEADLINE_FUTURE.search(headline):
        return list(timexes)
    week = dt.timedelta(days=7)
    return [dataclasses.replace(t, date_start=t.date_start - week, date_end=t.date_end - week,
                                value=(t.date_start - week).isoformat(), rule="weekday-in-headline")
            if t.rule == "weekday-after-publication" and t.date_start and t.date_end else t for t in timexes]


def publication(published: dt.date) -> DateChoice:
    """The publication date as the last resort."""
    return DateChoice(published, published, "day", "", "publication-date", "publication")
