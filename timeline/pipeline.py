"""The batch path: paths -> articles -> events -> clustered events, failures reported per file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from timeline import settings
from timeline.models import Article, Event, IngestFailure

FailureHandler = Callable[[IngestFailure], None]


def events_of_articles(items: Iterable[Article | IngestFailure], on_failure: FailureHandler) -> Iterator[Event]:
    """Events of every article in turn; a failed input or a failed extraction goes to `on_failure`."""
    from timeline.events.extract import extract_events

    for item in items:
        if isinstance(item, IngestFailure):
            on_failure(item)
            continue
        try:
            yield from extract_events(item)
        except Exception as exc:  # one bad article must not stop the batch
            on_failure(IngestFailure(item.source, f"extraction failed: {type(exc).__name__}: {exc}"))


def extract_paths(
    paths: Sequence[str | Path],
    *,
    published: dt.date | None = None,
    max_bytes: int = settings.MAX_FILE_BYTES,
    on_failure: FailureHandler,
) -> list[Event]:
    """All events of the files and directories under `paths`, clustered across articles."""
    from timeline.events.extract import cluster_events
    from timeline.ingest.files import read_paths

    items = read_paths(paths, published=published, max_bytes=max_bytes)
    return cluster_events(list(events_of_articles(items, on_failure)))
