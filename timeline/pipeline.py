"""The batch path every front end uses: paths -> articles -> events -> clustered events, failures reported per
file; and the start-up check of every data file the stages read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from timeline.event_types import event_types
from timeline.events import cluster_events, extract_events
from timeline.events.dating import anaphora, named_events
from timeline.events.geo import country_names
from timeline.events.lexicon import actors, modality_cues, triggers
from timeline.ingest import read_paths
from timeline.ingest.cleaning import noise_rules
from timeline.ingest.fields import field_names
from timeline.ingest.formats import formats
from timeline.models import Article, Event, IngestFailure
from timeline.query.filters import filters
from timeline.settings import DEFAULTS, Settings
from timeline.temporal.grammar import grammar

FailureHandler = Callable[[IngestFailure], None]


def check_resources() -> None:
    """Read and check every data file now, so a mistake stops start-up with one line naming the file and line
    (`timeline.resources.ResourceError`) instead of surfacing in the middle of a batch."""
    for load in (grammar, formats, field_names, noise_rules, event_types, triggers, modality_cues, actors,
                 named_events, anaphora, country_names, filters):
        load()


def events_of_articles(
    items: Iterable[Article | IngestFailure], on_failure: FailureHandler, settings: Settings = DEFAULTS
) -> Iterator[Event]:
    """Events of every article in turn; a failed input or a failed extraction goes to `on_failure`."""
    for item in items:
        if isinstance(item, IngestFailure):
            on_failure(item)
            continue
        try:
            yield from extract_events(item, settings)
        except Exception as exc:  # one bad article must not stop the batch
            on_failure(IngestFailure(item.source, f"extraction failed: {type(exc).__name__}: {exc}"))


def extract_paths(
    paths: Sequence[str | Path],
    *,
    published: dt.date | None = None,
    settings: Settings = DEFAULTS,
    on_failure: FailureHandler,
) -> list[Event]:
    """All events of the files and directories under `paths`, clustered across articles."""
    items = read_paths(paths, published=published, max_bytes=settings.max_file_bytes)
    return cluster_events(list(events_of_articles(items, on_failure, settings)), settings.cluster_span_days)
