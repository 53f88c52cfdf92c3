"""Duplicates within an article: mentions of one real-world event become one row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.event_types import event_types, family_of
from timeline.events.lexicon import name_key
from timeline.models import Event

"""Events whose dates span more than this are not clustered across articles."""


@dataclass
class Mention:
    """An event row while its article is processed, with what dedup needs to know about it."""

    event: Event
    strength: int
    order: int
    nominal: bool
    supporting: bool = False

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


def _dates_overlap(a: Event, b: Event) -> bool:
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return ia is None and ib is None
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def _related_names(a: frozenset[str], b: frozenset[str]) -> bool:
    """One participant set contains the other (a short name counts as its full name)."""

    def covered(small: frozenset[str], big: frozenset[str]) -> bool:
        return all(any(s == x or s in x.split() or x in s.split() for x in big) for s in small)

    return covered(a, b) or covered(b, a)


def _places_agree(a: Event, b: Event) -> bool:
    if not a.location or not b.location:
        return True
    return name_key(a.location) == name_key(b.location) or bool(a.country and a.country == b.country)


def same_event(kept: Mention, new: Mention) -> bool:
    """True when `new` reports the same real-world event as `kept` in one article."""
    if kept.family != new.family or kept.event.modality != new.event.modality:
        return False
    a, b = kept.event, new.event
    keys_a, keys_b = actor_keys(a), actor_keys(b)
    if not _related_names(keys_a, keys_b) or not _places_agree(a, b):
        return False
    if min(kept.strength, new.strength) >= 2:
        return _dates_overlap(a, b)
    weak_one = new if new.strength <= kept.strength else kept
    return weak_one.nominal or not (keys_a and keys_b) or _dates_overlap(a, b)


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
        rank_new = (not mention.supporting, mention.strength, -_span_days(mention.event))
        if rank_new > (not target.supporting, target.strength, -_span_days(target.event)):
            absorb(mention, target)
            kept[kept.index(target)] = mention
        else:
            absorb(target, mention)
    kept.sort(key=lambda m: m.order)
    return [m.event for m in kept if not m.supporting]
