"""Clusters across articles: rows of several articles that report one real-world event share a cluster id."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence

from timeline.event_types import family_of
from timeline.events.dedup import actor_keys, interval
from timeline.events.lexicon import name_key
from timeline.models import Event
from timeline.settings import DEFAULTS


def _day_keys(event: Event, span_days: int) -> Iterable[dt.date]:
    """The days of an event's interval, none when it spans more than `span_days`."""
    days = interval(event)
    if days is None:
        return ()
    start, end = days
    if (end - start).days > span_days:
        return ()
    return (start + dt.timedelta(days=n) for n in range((end - start).days + 1))


def cluster_events(events: Sequence[Event], span_days: int = DEFAULTS.cluster_span_days) -> list[Event]:
    """Rows of several articles that report one real-world event share `cluster_id`; `num_sources` counts sources.
    Events whose date spans more than `span_days` are not clustered."""
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[str, dt.date], list[int]] = defaultdict(list)
    keys = [actor_keys(e) | ({name_key(e.location)} if e.location else set()) for e in events]
    for i, event in enumerate(events):
        family = family_of(event.event_type)
        if event.modality != "asserted":
            continue
        for day in _day_keys(event, span_days):
            for j in buckets[(family, day)]:
                if events[j].source != event.source and keys[i] & keys[j] and find(i) != find(j):
                    parent[find(i)] = find(j)
            buckets[(family, day)].append(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(events)):
        groups[find(i)].append(i)
    out = list(events)
    for members in groups.values():
        ids = sorted(events[i].event_id for i in members)
        cluster = hashlib.sha1(ids[0].encode(), usedforsecurity=False).hexdigest()[:12]
        sources = len({events[i].source for i in members})
        for i in members:
            out[i] = dataclasses.replace(events[i], cluster_id=cluster, num_sources=sources)
    return out
