"""What an event store holds on disk: directory layout, part-file names and the Parquet schemas.

    DIR/events/month=YYYY-MM/part-<batch>.parquet   event rows, partitioned by month of the event
    DIR/events/month=undated/part-<batch>.parquet   events without a date
    DIR/events/month=YYYY-MM/merged-<batch>.parquet the parts it names in its metadata, merged into one
    DIR/articles/part-<batch>.parquet               one row per stored article; its presence commits <batch>
    DIR/clusters.parquet                            event_id -> cluster_id across the whole store

A batch is committed by its article part, written last: event parts whose batch has no article part
are leftovers of an interrupted run and are never read. A committed merged part replaces the parts
of its partition whose batch ids its metadata lists (compaction); those are never read either.
The cluster table is recomputed after an ingest and names the batches it covers in its metadata;
events of newer batches keep the cluster ids computed within their batch until the next ingest
recomputes it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from timeline.models import COLUMN_TYPES, Article

EVENTS_DIR = "events"
ARTICLES_DIR = "articles"
LOCK_FILE = ".lock"
CLUSTERS_FILE = "clusters.parquet"
REPLACES_KEY = b"timeline.replaces"
"""Metadata key of a merged part: the JSON list of the batch ids whose parts of its partition it replaces."""
CLUSTERS_BATCHES_KEY = b"timeline.batches"
"""Metadata key of the cluster table: the JSON list of the batch ids it was computed over."""
PARTITION_KEY = "month"
UNDATED_PARTITION = "undated"
ARTICLE_KEY = "content_hash"
"""Column of the event parts naming the article (its content hash) an event came from."""

_PART_NAME = re.compile(r"(?P<kind>part|merged)-(?P<batch>[0-9]{8}T[0-9]{12}-[0-9a-f]{8})\.parquet")
_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")

_ARROW_TYPES = {"str": pa.string(), "int": pa.int64(), "int | None": pa.int64(), "float": pa.float64(),
                "float | None": pa.float64(), "dt.date | None": pa.date32()}
_UTC_TIMESTAMP = pa.timestamp("us", tz="UTC")
_SQL_TYPES = {pa.string(): "VARCHAR", pa.int64(): "BIGINT", pa.float64(): "DOUBLE", pa.date32(): "DATE",
              _UTC_TIMESTAMP: "TIMESTAMPTZ"}

EVENT_SCHEMA = pa.schema(
    [pa.field(name, _ARROW_TYPES[kind]) for name, kind in COLUMN_TYPES.items()]
    + [pa.field(ARTICLE_KEY, pa.string())]
)
"""Columns of an event part: the event columns in CSV order, then the article's content hash."""

ARTICLE_SCHEMA = pa.schema(
    [
        pa.field("source", pa.string()),
        pa.field("content_hash", pa.string()),
        pa.field("title", pa.string()),
        pa.field("published", pa.string()),
        pa.field("pub_date_source", pa.string()),
        pa.field("url", pa.string()),
        pa.field("source_name", pa.string()),
        pa.field("n_events", pa.int64()),
        pa.field("ingested_at", _UTC_TIMESTAMP),
    ]
)
"""Columns of an article part."""

CLUSTER_SCHEMA = pa.schema([pa.field("event_id", pa.string()), pa.field("cluster_id", pa.string())])
"""Columns of the cluster table."""


def sql_type(field: pa.Field) -> str:
    """The DuckDB type of a schema column."""
    return _SQL_TYPES[field.type]


def new_batch_id(now: dt.datetime | None = None) -> str:
    """A fresh batch id: UTC time (so names sort by age) and a random suffix."""
    now = now or dt.datetime.now(dt.UTC)
    return f"{now:%Y%m%dT%H%M%S%f}-{secrets.token_hex(4)}"


def part_name(batch_id: str) -> str:
    """File name of a part of `batch_id`."""
    return f"part-{batch_id}.parquet"


def merged_name(batch_id: str) -> str:
    """File name of a merged part written by compaction batch `batch_id`."""
    return f"merged-{batch_id}.parquet"


def replaced_by(part: Path) -> frozenset[str]:
    """Batch ids whose parts a merged part replaces (none for an ordinary part)."""
    if not part.name.startswith("merged-"):
        return frozenset()
    metadata = pq.read_schema(part).metadata or {}
    return frozenset(json.loads(metadata.get(REPLACES_KEY, b"[]")))


def live_parts(directory: Path, committed: frozenset[str]) -> list[Path]:
    """The parts of one partition a reader uses: committed ones not replaced by a committed merged part."""
    parts = [p for p in directory.iterdir() if batch_of(p.name) in committed]
    replaced = frozenset().union(*(replaced_by(p) for p in parts))
    return sorted(p for p in parts if batch_of(p.name) not in replaced)


def batch_of(name: str) -> str | None:
    """The batch id of a part file name, or None for anything else (temporary files, strays)."""
    match = _PART_NAME.fullmatch(name)
    return match["batch"] if match else None


def partition_of(event_date: object) -> str:
    """The month partition of an event date; anything that is not an ISO date goes to `undated`."""
    text = str(event_date or "")[:7]
    return text if _MONTH.fullmatch(text) else UNDATED_PARTITION


def events_root(store: Path) -> Path:
    return store / EVENTS_DIR


def articles_root(store: Path) -> Path:
    return store / ARTICLES_DIR


def clusters_file(store: Path) -> Path:
    return store / CLUSTERS_FILE


def partition_dir(store: Path, partition: str) -> Path:
    return events_root(store) / f"{PARTITION_KEY}={partition}"


def article_record(article: Article, n_events: int, ingested_at: dt.datetime) -> dict[str, object]:
    """The article-table row of a stored article."""
    return {
        "source": article.source,
        "content_hash": article.content_hash,
        "title": article.title,
        "published": article.published.isoformat() if article.published else "",
        "pub_date_source": article.pub_date_source,
        "url": article.url,
        "source_name": article.source_name,
        "n_events": n_events,
        "ingested_at": ingested_at,
    }
