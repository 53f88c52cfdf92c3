"""Ingesting files into an event store: extraction runs as tasks (here or on a cluster), commits happen here.

Each task reads a few files and extracts the events of every article whose content hash is not yet
stored. Results come back as tasks finish and are committed in batches (`StoreWriter.commit`), so an
interrupted ingest loses at most the batch in progress and running it again finishes the job
without duplicates: stored articles are skipped by content hash.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from timeline.events import cluster_events
from timeline.ingest import read_paths
from timeline.ingest.files import walk
from timeline.models import Event, IngestFailure
from timeline.pipeline import events_of_articles
from timeline.query.filters import FilterSpec
from timeline.settings import DEFAULTS, Settings
from timeline.store.reader import EventStore
from timeline.store.runners import TaskRunner
from timeline.store.schema import ARTICLE_KEY, article_record
from timeline.store.writer import StoreWriter

FailureHandler = Callable[[IngestFailure], None]

@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """What every task needs besides its files."""

    published: dt.date | None = None
    settings: Settings = DEFAULTS


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    """One article's row of the article table and its events."""

    record: dict[str, object]
    events: list[Event]


@dataclass(slots=True)
class TaskOutput:
    """What a task returns: the new articles, the inputs that failed and how many articles were already stored."""

    articles: list[ExtractedArticle] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)
    skipped: int = 0


def extract_files(paths: Sequence[str], options: ExtractOptions, known: Collection[str]) -> TaskOutput:
    """Read `paths` and extract the events of each article not in `known` (content hashes). Runs on a worker."""
    output = TaskOutput()
    settings = options.settings
    for item in read_paths(list(paths), published=options.published, max_bytes=settings.max_file_bytes):
        if isinstance(item, IngestFailure):
            output.failures.append(item)
            continue
        if item.content_hash in known:
            output.skipped += 1
            continue
        article_failures: list[IngestFailure] = []
        events = list(events_of_articles([item], article_failures.append, settings))
        if article_failures:
            output.failures.extend(article_failures)
            continue
        record = article_record(item, len(events), dt.datetime.now(dt.UTC))
        output.articles.append(ExtractedArticle(record, events))
    return output


def input_files(paths: Sequence[str | Path], on_failure: FailureHandler) -> list[str]:
    """The files under `paths` (directories recursed, hidden entries skipped); missing paths go to `on_failure`."""
    seen: set[tuple[int, int]] = set()
    files: list[str] = []
    for top in paths:
        for found in walk(Path(top), seen):
            if isinstance(found, IngestFailure):
                on_failure(found)
            else:
                files.append(str(found))
    return files


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did."""

    files: int = 0
    stored: int = 0
    skipped: int = 0
    events: int = 0
    batches: int = 0
    failures: int = 0
    seconds: float = 0.0

    def message(self) -> str:
        """One line for the user."""
        rate = self.stored / self.seconds if self.seconds > 0 else 0.0
        return (
            f"ingest: {self.stored} articles stored ({self.events} events), {self.skipped} already stored,"
            f" {self.failures} failed; {self.files} files in {self.seconds:.1f} s ({rate:.1f} articles/s)"
        )


@dataclass(slots=True)
class _PendingBatch:
    articles: list[dict[str, object]] = field(default_factory=list)
    events: list[tuple[Event, str]] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)


CLUSTER_INPUT_COLUMNS = (
    "event_id", "event_type", "modality", "date_start", "date_end", "actor1", "actor2", "other_actors",
    "location", "country", "source",
)  # fmt: skip
"""What `cluster_events` looks at."""


def recluster(store: EventStore, writer: StoreWriter, span_days: int) -> int:
    """Recompute the store-wide cluster table over every committed batch; returns the events clustered.

    Only asserted events can share a cluster; the others keep the ids their batch gave them.
    """
    batches = store.committed_batches()
    rows = store.iter_rows(FilterSpec(modalities=("asserted",)), columns=CLUSTER_INPUT_COLUMNS)
    clustered = cluster_events([Event(**row) for row in rows], span_days)  # type: ignore[arg-type]
    writer.write_clusters({e.event_id: e.cluster_id for e in clustered}, batches)
    return len(clustered)


def batch_rows(events: Sequence[tuple[Event, str]], span_days: int) -> list[dict[str, object]]:
    """Event-part rows of a batch of (event, article content hash), clustered within the batch."""
    clustered = cluster_events([event for event, _ in events], span_days)
    return [dict(e.as_row(), **{ARTICLE_KEY: h}) for e, (_, h) in zip(clustered, events, strict=True)]


def _tasks(files: Sequence[str], max_task_files: int) -> list[list[str]]:
    """The files split into tasks of at most `max_task_files`; small inputs finer, so every worker gets some."""
    size = max(1, min(max_task_files, len(files) // 64))
    return [list(files[i : i + size]) for i in range(0, len(files), size)]


def ingest_files(
    store_path: str | Path,
    files: Sequence[str],
    *,
    runner: TaskRunner,
    options: ExtractOptions,
    on_failure: FailureHandler,
    progress: bool | None = None,
) -> IngestSummary:
    """Extract the events of `files` into the store at `store_path` (created if missing), committing a batch
    every `commit_articles` articles or `commit_seconds` seconds of the options' settings.

    `progress` shows a bar on standard error: True always, None only on a terminal, False never.
    """
    settings = options.settings
    started = time.monotonic()
    summary = IngestSummary(files=len(files))
    with StoreWriter(store_path) as writer:
        seen = EventStore(store_path).content_hashes()
        pending = _PendingBatch()

        def commit() -> None:
            nonlocal pending
            if pending.articles:
                writer.commit(pending.articles, batch_rows(pending.events, settings.cluster_span_days))
                summary.batches += 1
            pending = _PendingBatch()

        disable = None if progress is None else not progress
        bar = tqdm(total=len(files), unit="file", desc="ingest", file=sys.stderr, disable=disable)
        try:
            tasks = _tasks(files, settings.max_task_files)
            results = runner.map_unordered(extract_files, tasks, options, frozenset(seen))
            for task, outcome in results:
                if isinstance(outcome, BaseException):
                    first_line = next(iter(str(outcome).splitlines()), "")
                    reason = f"extraction failed: {type(outcome).__name__}: {first_line}"
                    outcome = TaskOutput(failures=[IngestFailure(path, reason) for path in task])
                for failure in outcome.failures:
                    summary.failures += 1
                    on_failure(failure)
                summary.skipped += outcome.skipped
                for article in outcome.articles:
                    content_hash = str(article.record["content_hash"])
                    if content_hash in seen:  # the same text twice in this run
                        summary.skipped += 1
                        continue
                    seen.add(content_hash)
                    pending.articles.append(article.record)
                    pending.events.extend((e, content_hash) for e in article.events)
                    summary.stored += 1
                    summary.events += len(article.events)
                bar.update(len(task))
                rate = summary.stored / (time.monotonic() - started)
                bar.set_postfix_str(f"{rate:.1f} articles/s, {summary.events} events", refresh=False)
                due = time.monotonic() - pending.started >= settings.commit_seconds
                if len(pending.articles) >= settings.commit_articles or due:
                    commit()
            commit()
        except KeyboardInterrupt:
            commit()  # what is complete is kept; the rest is done by the next run
            raise
        finally:
            bar.close()
        if summary.stored:
            writer.compact(settings.compact_min_parts)
        store = EventStore(store_path)
        if store.clustered_batches() != store.committed_batches():
            recluster(store, writer, settings.cluster_span_days)
    summary.seconds = time.monotonic() - started
    return summary
