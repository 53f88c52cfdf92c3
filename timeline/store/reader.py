"""Reading an event store: DuckDB queries over the committed Parquet parts, with the dashboard's filter semantics.

Only committed batches are read (see `timeline.store.schema`), so a store stays consistent while an
ingest is running or after one was killed. Columns missing from older parts read as the `Event`
defaults (schema evolution). `cluster_id` comes from the store-wide cluster table where it has the
event, and `num_sources` is computed at query time: the number of distinct sources whose events
share the event's `cluster_id`.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from timeline.models import EVENT_COLUMNS, Event
from timeline.query.filters import FilterSpec
from timeline.query.sql import facet_expressions, filter_sql
from timeline.settings import DEFAULTS, Settings
from timeline.store.schema import (
    ARTICLE_KEY,
    ARTICLE_SCHEMA,
    CLUSTERS_BATCHES_KEY,
    EVENT_SCHEMA,
    PARTITION_KEY,
    articles_root,
    batch_of,
    clusters_file,
    events_root,
    live_parts,
    sql_type,
)

"""Most values returned per facet."""

# The SQL below is assembled from schema column names and fixed fragments only; every value
# (file lists, filter values) is a bound parameter, hence the S608 exemptions.
_ORDER = "event_date IS NULL, event_date, source, char_start, event_id"
_READ_OPTIONS = f"hive_partitioning = true, union_by_name = true, hive_types = {{'{PARTITION_KEY}': 'VARCHAR'}}"


P = ParamSpec("P")
T = TypeVar("T")


class StoreError(Exception):
    """A path that is not a readable event store."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return repr(value)


_EVENT_DEFAULTS = {f.name: f.default for f in dataclasses.fields(Event)}


def _read_options(hive: bool) -> str:
    """read_parquet options: event parts are hive-partitioned by month, article parts are not."""
    return _READ_OPTIONS if hive else "union_by_name = true"


def _event_column(name: str, present: set[str]) -> str:
    """SELECT expression of an event column: the stored value in its type, or the Event default if absent."""
    kind = sql_type(EVENT_SCHEMA.field(name))
    default = _literal(_EVENT_DEFAULTS[name])
    if name not in present:
        return f"CAST({default} AS {kind}) AS {_quote(name)}"
    return f"coalesce(TRY_CAST({_quote(name)} AS {kind}), {default}) AS {_quote(name)}"


def _article_column(field_name: str, present: set[str]) -> str:
    kind = sql_type(ARTICLE_SCHEMA.field(field_name))
    if field_name not in present:
        return f"CAST(NULL AS {kind}) AS {_quote(field_name)}"
    return f"TRY_CAST({_quote(field_name)} AS {kind}) AS {_quote(field_name)}"


def _relisting(method: Callable[Concatenate[EventStore, P], T]) -> Callable[Concatenate[EventStore, P], T]:
    """Run a query again on a fresh listing if a part vanished under it (replaced by a compaction)."""

    @functools.wraps(method)
    def run(store: EventStore, /, *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(store, *args, **kwargs)
        except duckdb.IOException:
            store.forget_listing()
            return method(store, *args, **kwargs)

    return run


@dataclasses.dataclass(frozen=True)
class _Snapshot:
    """The committed parts at one moment and the SQL that reads them."""

    key: tuple[frozenset[str], float | None]
    event_files: list[str]
    clusters: str | None
    article_files: list[str]
    events_sql: str
    articles_sql: str


class EventStore:
    """A store directory opened for queries; it sees batches committed after it was opened."""

    def __init__(self, path: str | Path, settings: Settings = DEFAULTS) -> None:
        self.path = Path(path)
        self.settings = settings
        if not articles_root(self.path).is_dir() or not events_root(self.path).is_dir():
            raise StoreError(f"{self.path}: not an event store (run `python -m timeline ingest ... --store DIR`)")
        # Parts are immutable once renamed into place, so their Parquet metadata can be cached.
        self._con = duckdb.connect(":memory:")
        self._con.execute("SET GLOBAL parquet_metadata_cache = true")
        self._lock = threading.Lock()
        self._snapshot: _Snapshot | None = None

    def forget_listing(self) -> None:
        """Read the part files again at the next query."""
        with self._lock:
            self._snapshot = None

    def committed_batches(self) -> frozenset[str]:
        """Ids of the committed batches."""
        names = (batch_of(p.name) for p in articles_root(self.path).iterdir())
        return frozenset(b for b in names if b is not None)

    def clustered_batches(self) -> frozenset[str]:
        """Ids of the batches the cluster table was computed over (none when there is no table)."""
        try:
            metadata = pq.read_schema(clusters_file(self.path)).metadata or {}
        except (OSError, ValueError):
            return frozenset()
        return frozenset(json.loads(metadata.get(CLUSTERS_BATCHES_KEY, b"[]")))

    def _clusters_version(self) -> float | None:
        try:
            return clusters_file(self.path).stat().st_mtime
        except OSError:
            return None

    def _columns(self, files: list[str], hive: bool) -> set[str]:
        sql = f"DESCRIBE SELECT * FROM read_parquet(?, {_read_options(hive)})"  # noqa: S608
        rows = self._execute(sql, [files]).fetchall()
        return {str(r[0]) for r in rows}

    def _select_parts(
        self, files: list[str], hive: bool, names: Sequence[str], column: Callable[[str, set[str]], str]
    ) -> str:
        """SELECT of `names` over the Parquet `files` (one parameter), missing columns given their defaults;
        with no files, a SELECT of the defaults that yields no row."""
        present = self._columns(files, hive) if files else set()
        select = ", ".join(column(c, present) for c in names)
        if not files:
            return f"SELECT {select} WHERE false"
        return f"SELECT {select} FROM read_parquet(?, {_read_options(hive)})"  # noqa: S608

    def _current(self) -> _Snapshot:
        batches = self.committed_batches()
        key = (batches, self._clusters_version())
        with self._lock:
            if self._snapshot is not None and self._snapshot.key == key:
                return self._snapshot
            event_files = sorted(
                str(part)
                for directory in events_root(self.path).iterdir()
                if directory.is_dir() and directory.name.startswith(f"{PARTITION_KEY}=")
                for part in live_parts(directory, batches)
            )
            article_files = sorted(
                str(part) for part in articles_root(self.path).iterdir() if batch_of(part.name) in batches
            )
            events_sql = self._select_parts(event_files, True, EVENT_COLUMNS, _event_column)
            articles_sql = self._select_parts(article_files, False, ARTICLE_SCHEMA.names, _article_column)
            clusters = str(clusters_file(self.path)) if key[1] is not None else None
            self._snapshot = _Snapshot(key, event_files, clusters, article_files, events_sql, articles_sql)
            return self._snapshot

    def _execute(self, sql: str, params: list[object]) -> duckdb.DuckDBPyConnection:
        return self._con.cursor().execute(sql, params)

    def _events_query(self, select: str, spec: FilterSpec | None, tail: str = "") -> tuple[str, list[object]]:
        """SQL selecting from the filtered events (num_sources counted over the whole store), and its parameters."""
        where, filter_params = filter_sql(spec) if spec is not None else ("true", [])
        snapshot = self._current()
        params: list[object] = [snapshot.event_files] if snapshot.event_files else []
        clustered = "SELECT * FROM stored"
        if snapshot.clusters is not None and snapshot.event_files:
            params.append(snapshot.clusters)
            clustered = (
                "SELECT stored.* REPLACE (coalesce(assigned.cluster_id, stored.cluster_id) AS cluster_id)"
                " FROM stored LEFT JOIN (SELECT event_id, cluster_id FROM read_parquet(?)) AS assigned USING (event_id)"
            )
        params.extend(filter_params)
        sql = (
            f"WITH stored AS ({snapshot.events_sql}), clustered AS ({clustered}), "  # noqa: S608
            "reports AS (SELECT cluster_id, count(DISTINCT source) AS n FROM clustered"
            " WHERE cluster_id <> '' GROUP BY cluster_id), "
            "events AS (SELECT clustered.* REPLACE (coalesce(reports.n, clustered.num_sources) AS num_sources)"
            " FROM clustered LEFT JOIN reports USING (cluster_id)) "
            f"SELECT {select} FROM events WHERE {where} {tail}"
        )
        return sql, params

    @_relisting
    def query(self, spec: FilterSpec | None = None, limit: int | None = None) -> pd.DataFrame:
        """The events matching `spec` (all events when None) in date order, as a DataFrame of the event columns."""
        tail = f"ORDER BY {_ORDER}" + (f" LIMIT {int(limit)}" if limit is not None else "")
        sql, params = self._events_query(", ".join(_quote(c) for c in EVENT_COLUMNS), spec, tail)
        return self._execute(sql, params).df()

    def iter_rows(
        self,
        spec: FilterSpec | None = None,
        limit: int | None = None,
        chunk: int = 10_000,
        columns: Sequence[str] = EVENT_COLUMNS,
    ) -> Iterator[dict[str, object]]:
        """The matching events one row (column -> value) at a time, read in chunks: for exports of any size."""
        unknown = set(columns) - set(EVENT_COLUMNS)
        if unknown:
            raise ValueError(f"not event columns: {sorted(unknown)}")
        tail = f"ORDER BY {_ORDER}" + (f" LIMIT {int(limit)}" if limit is not None else "")
        sql, params = self._events_query(", ".join(_quote(c) for c in columns), spec, tail)
        cursor = self._execute(sql, params)
        while rows := cursor.fetchmany(chunk):
            for row in rows:
                yield dict(zip(columns, row, strict=True))

    @_relisting
    def count(self, spec: FilterSpec | None = None) -> int:
        """How many events match `spec` (all events when None)."""
        sql, params = self._events_query("count(*)", spec)
        row = self._execute(sql, params).fetchone()
        return int(row[0]) if row else 0

    @_relisting
    def facets(self, spec: FilterSpec | None = None) -> dict[str, list[tuple[str, int]]]:
        """For every facet filter (actors in any role, event types, sources, ...), its values with their event
        counts, most frequent first (at most `facet_limit` each)."""
        result: dict[str, list[tuple[str, int]]] = {}
        for key, expression in facet_expressions().items():
            inner, params = self._events_query(f"{expression} AS value", spec)
            sql = (
                f"SELECT value, count(*) AS n FROM ({inner}) WHERE value <> '' GROUP BY value"  # noqa: S608
                f" ORDER BY n DESC, value LIMIT {int(self.settings.facet_limit)}"
            )
            result[key] = [(str(v), int(n)) for v, n in self._execute(sql, params).fetchall()]
        return result

    @_relisting
    def articles(self) -> pd.DataFrame:
        """The article table: one row per stored article, oldest ingest first."""
        snapshot = self._current()
        sql = f"SELECT * FROM ({snapshot.articles_sql}) ORDER BY ingested_at, source"  # noqa: S608
        return self._execute(sql, [snapshot.article_files] if snapshot.article_files else []).df()

    @_relisting
    def article_event_counts(self) -> dict[str, int]:
        """Events stored per article (content hash), counted in the committed event parts."""
        snapshot = self._current()
        if not snapshot.event_files or ARTICLE_KEY not in self._columns(snapshot.event_files, hive=True):
            return {}
        sql = f"SELECT {ARTICLE_KEY}, count(*) FROM read_parquet(?, {_READ_OPTIONS}) GROUP BY 1"  # noqa: S608
        return {str(h): int(n) for h, n in self._execute(sql, [snapshot.event_files]).fetchall()}

    @_relisting
    def content_hashes(self) -> set[str]:
        """Content hashes of every stored article."""
        snapshot = self._current()
        sql = f"SELECT DISTINCT content_hash FROM ({snapshot.articles_sql}) WHERE content_hash <> ''"  # noqa: S608
        params: list[object] = [snapshot.article_files] if snapshot.article_files else []
        return {str(r[0]) for r in self._execute(sql, params).fetchall()}
