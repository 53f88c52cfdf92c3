"""Golden test: the bundled sample articles yield the events an analyst lists in tests/data/sample_expected_events.csv.

A row is found when an asserted event of the same family (force, visit, meeting/call) has the expected
date (inside the expected day, month or interval) and one of the expected actor names in its actor or
location columns, compared as whole words without case, accents or dots. `not_asserted` rows are
events the articles mention as negated, planned or hypothetical (`phrase` quotes the words that say
so): no asserted row from that sentence may report them.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest

from timeline.events import cluster_events, extract_events
from timeline.ingest import read_paths
from timeline.ingest.formats import format_of
from timeline.models import Article, Event

SAMPLE_DATA = Path(__file__).resolve().parent.parent / "sample_data"
EXPECTED = Path(__file__).parent / "data" / "sample_expected_events.csv"
FAMILIES = {"strike": "force", "attack": "force", "killing": "force", "visit": "visit", "meeting": "meeting",
            "call": "meeting"}
MIN_RECALL = 0.8


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).lower().replace(".", "")


def period(spec: str) -> tuple[dt.date, dt.date]:
    if "/" in spec:
        first, last = spec.split("/")
        return dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    parts = [int(p) for p in spec.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])


def date_matches(event: Event, spec: str) -> bool:
    if not spec:
        return True
    if event.date_start is None or event.event_date is None:
        return False
    first, last = period(spec)
    start, end = event.date_start, event.date_end or event.date_start
    inside = first <= start and end <= last
    day = event.event_date
    close = first <= day <= last and (end - start).days <= (last - first).days + 1
    return inside or close


def actor_matches(event: Event, aliases: str) -> bool:
    text = normalise(" | ".join([event.actor1, event.actor2, event.other_actors, event.location]))
    return any(re.search(rf"\b{re.escape(normalise(a))}(?:s|es|i|n|an|ian)?\b", text) for a in aliases.split("|"))


def matches(event: Event, row: dict[str, str]) -> bool:
    return (FAMILIES.get(event.event_type) == FAMILIES[row["event_type"]] and date_matches(event, row["date"])
            and actor_matches(event, row["actors"]))


@pytest.fixture(scope="module")
def events_by_source() -> dict[str, list[Event]]:
    if not EXPECTED.exists():
        pytest.skip("tests/data/sample_expected_events.csv is not present")
    files = sorted(p for p in SAMPLE_DATA.iterdir() if format_of(p) is not None and p != EXPECTED)
    events: list[Event] = []
    for item in read_paths(files):
        if isinstance(item, Article):
            events += extract_events(item)
    grouped: dict[str, list[Event]] = {}
    for event in cluster_events(events):
        grouped.setdefault(Path(event.source.split("#")[0]).name, []).append(event)
    return grouped


def expected_rows(kind: str) -> list[dict[str, str]]:
    with EXPECTED.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["expect"] == kind]


def test_expected_events_are_found(events_by_source: dict[str, list[Event]]) -> None:
    rows = expected_rows("asserted")
    missed = [f"{r['source']}: {r['note']}" for r in rows
              if not any(e.modality == "asserted" and matches(e, r) for e in events_by_source.get(r["source"], []))]
    recall = 1 - len(missed) / len(rows)
    assert recall >= MIN_RECALL, f"recall {recall:.2f}; missed:\n" + "\n".join(missed)


def test_negated_planned_and_hypothetical_events_are_not_asserted(events_by_source: dict[str, list[Event]]) -> None:
    hits = [f"{r['source']}: {r['note']}" for r in expected_rows("not_asserted")
            if any(e.modality == "asserted" and r["phrase"] in e.source_sentence and matches(e, r)
                   for e in events_by_source.get(r["source"], []))]
    assert not hits, "\n".join(hits)


def test_every_sample_event_points_at_its_sentence(events_by_source: dict[str, list[Event]]) -> None:
    for events in events_by_source.values():
        for event in events:
            assert event.source_sentence and event.char_end > event.char_start
            assert event.event_type in FAMILIES and 0 < event.confidence <= 1
