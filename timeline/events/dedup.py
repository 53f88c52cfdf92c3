"""Duplicates within an article: mentions of one real-world event become one row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.event_types import event_types, family_of
from timeline.events.lexicon import name_key
from timeline.models import Event


@dataclass
class Mention:
    """An event row while its article is processed, with what dedup needs to know about it."""

    event: Event
    strength: int
    order: int
    nominal: bool
    supporting: bool = False
    anaphoric: bool = False
    """A definite noun that refers back to an event told before ("the strikes", "the visit")."""
    place_hint: str = ""
    """The place of the story the mention continues, for a mention that names none."""

    @property
    def family(self) -> str:
        """The type family: force, visit, meeting or call."""
        return family_of(self.event.event_type)


def actor_keys(event: Event) -> frozenset[str]:
    """Spelling-insensitive keys of an event's participants."""
    names = [event.actor1, event.actor2, *event.other_actors.split(";")]
    return frozenset(name_key(n) for n in names if n.strip())


def interval(event: Event) -> tuple[dt.date, dt.date] | None:
    """The event's date interval, None when it has no date."""
    if event.date_start is None:
        return None
    return event.date_start, event.date_end or event.date_start


def _span_days(event: Event) -> int:
    """Days the event's date covers (a day 1, a year 365); undated events count as the widest."""
    days = interval(event)
    return (days[1] - days[0]).days + 1 if days else 1_000_000


def dates_agree(a: Event, b: Event) -> bool:
    """The two events' date intervals overlap (or neither has a date)."""
    return _dates_overlap(a, b)


def _dates_overlap(a: Event, b: Event) -> bool:
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return ia is None and ib is None
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def _same_name(a: str, b: str) -> bool:
    """Two names of one actor: equal, or one the other's surname or short form ("Biden", "Joe Biden")."""
    ka, kb = name_key(a), name_key(b)
    return ka == kb or ka in kb.split() or kb in ka.split()


def _roles_agree(a: Event, b: Event) -> bool:
    """No participant contradicts: initiators agree where both are named, and so do targets or counterparts."""
    if a.actor1 and b.actor1 and not _same_name(a.actor1, b.actor1):
        return False
    return not (a.actor2 and b.actor2 and not _same_name(a.actor2, b.actor2))


def _shared_participant(a: Event, b: Event) -> bool:
    """The two events have a participant in common."""
    names_a = [n for n in (a.actor1, a.actor2, *a.other_actors.split(";")) if n.strip()]
    names_b = [n for n in (b.actor1, b.actor2, *b.other_actors.split(";")) if n.strip()]
    return any(_same_name(x, y) for x in names_a for y in names_b)


def _shared_name(a: Event, b: Event) -> bool:
    """The two events share a participant called by a proper name (not "people" or "troops")."""
    names_a = [n for n in (a.actor1, a.actor2, *a.other_actors.split(";")) if n.strip()[:1].isupper()]
    names_b = [n for n in (b.actor1, b.actor2, *b.other_actors.split(";")) if n.strip()[:1].isupper()]
    return any(_same_name(x, y) for x in names_a for y in names_b)


def _places_agree(a: Event, b: Event) -> bool:
    """Explicit places agree: the same place, or a town and the country it is in."""
    if not a.location or not b.location:
        return True
    if name_key(a.location) == name_key(b.location):
        return True
    country_level = name_key(a.location) == name_key(a.country) or name_key(b.location) == name_key(b.country)
    return country_level and bool(a.country) and a.country == b.country


def same_event(kept: Mention, new: Mention) -> bool:
    """True when `new` reports the same real-world event as `kept` in one article: the same family and modality,
    no contradicting participant or place, and dates that overlap; a mention without a date of its own joins
    only as a definite reference back ("the strikes") or through a shared participant."""
    if kept.family != new.family or kept.event.modality != new.event.modality:
        return False
    a, b = kept.event, new.event
    if not _roles_agree(a, b) or not _places_agree(a, b):
        return False
    if min(kept.strength, new.strength) >= 2:
        return _dates_overlap(a, b) and (_shared_participant(a, b) or (
            bool(a.location) and a.location == b.location and not (actor_keys(a) and actor_keys(b))
        ))
    weak = new if new.strength <= kept.strength else kept
    if weak.anaphoric or (weak.nominal and (_shared_participant(a, b) or not actor_keys(weak.event))):
        return True
    if weak.strength <= 1 and max(kept.strength, new.strength) >= 2 and a.event_type == b.event_type and \
            _shared_name(a, b):
        return True  # told again without a date of its own: "the F-4 was shot down inside Syrian airspace"
    return _shared_participant(a, b) and _dates_overlap(a, b)


def absorb(primary: Mention, other: Mention) -> None:
    """Fill what `primary` lacks from `other` and count the extra mention."""
    p, o = primary.event, other.event
    if not p.actor1 and o.actor1:
        p.actor1 = o.actor1
    if not p.actor2 and o.actor2 and o.actor2 != p.actor1:
        p.actor2 = o.actor2
    if not p.location and o.location:
        p.location, p.country, p.latitude, p.longitude = o.location, o.country, o.latitude, o.longitude
    known = actor_keys(p)
    extra = [n for n in [o.actor1, o.actor2, *o.other_actors.split(";")] if n and name_key(n) not in known]
    if extra:
        p.other_actors = ";".join([x for x in p.other_actors.split(";") if x] + sorted(set(extra)))
    generic = p.sub_event_type in event_types()
    if generic and o.sub_event_type != p.sub_event_type and o.event_type == p.event_type:
        p.sub_event_type, p.cameo_code = o.sub_event_type, o.cameo_code
    p.confidence = round(min(0.99, max(p.confidence, o.confidence) + 0.03), 3)


def _take_date(event: Event, source: Event) -> None:
    """Give `event` the date of `source`."""
    event.event_date, event.date_start, event.date_end = source.event_date, source.date_start, source.date_end
    event.time_precision, event.date_text, event.date_rule = source.time_precision, source.date_text, source.date_rule
    event.date_char_start = event.date_char_end = None  # the expression is not in the event's sentence


def _rank(mention: Mention) -> tuple[bool, int, int, int]:
    """Which of two mentions of one event gives the row its date: told in full, dated in its own clause, then
    the more precise date ("on Friday" over "this week"), then the closer tie."""
    return not mention.supporting, min(mention.strength, 3), -_span_days(mention.event), mention.strength


def merge_mentions(mentions: Sequence[Mention]) -> list[Event]:
    """One row per real-world event of an article: dated mentions first, then weaker ones joined to the nearest."""
    kept: list[Mention] = []
    ordered = sorted(mentions, key=lambda m: (-min(m.strength, 2), m.order))
    for mention in ordered:
        candidates = [k for k in kept if same_event(k, mention)]
        if not candidates:
            kept.append(mention)
            continue
        target = min(candidates, key=lambda k: (abs(k.order - mention.order), -k.strength))
        primary, other = (mention, target) if _rank(mention) > _rank(target) else (target, mention)
        absorb(primary, other)
        if primary is mention:
            kept[kept.index(target)] = mention
        if other.supporting and primary.strength == 0 and other.event.date_rule not in ("", "publication-date"):
            _take_date(primary.event, other.event)  # the headline dates what the story tells undated
    kept.sort(key=lambda m: m.order)
    return [m.event for m in kept if not m.supporting]
