"""Writing an event store: one writer at a time, each batch committed atomically (events first, article part last)."""

from __future__ import annotations

import fcntl
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

import pyarrow as pa
import pyarrow.parquet as pq

from timeline.fileio import TEMP_SUFFIX, atomic_path, fsync_directory
from timeline.settings import DEFAULTS
from timeline.store.schema import (
    ARTICLE_SCHEMA,
    CLUSTER_SCHEMA,
    CLUSTERS_BATCHES_KEY,
    EVENT_SCHEMA,
    LOCK_FILE,
    REPLACES_KEY,
    articles_root,
    batch_of,
    clusters_file,
    events_root,
    live_parts,
    merged_name,
    new_batch_id,
    part_name,
    partition_dir,
    partition_of,
)

Row = Mapping[str, object]



def _stale(path: Path) -> bool:
    """A temporary file left by an interrupted write."""
    return path.name.startswith(".") and path.name.endswith(TEMP_SUFFIX)


class StoreLockedError(RuntimeError):
    """Another process is writing the store."""


def _write_parquet(rows: Sequence[Row], schema: pa.Schema, path: Path) -> None:
    table = pa.Table.from_pylist([dict(r) for r in rows], schema=schema)
    _write_table(table, path)


def _write_table(table: pa.Table, path: Path) -> None:
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp, compression="zstd")


class StoreWriter:
    """The single writer of a store directory (created if missing), holding an exclusive lock while open.

    Opening it removes what an interrupted run left behind: temporary files and event parts of
    batches that were never committed.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        events_root(self.path).mkdir(parents=True, exist_ok=True)
        articles_root(self.path).mkdir(parents=True, exist_ok=True)
        self._lock = open(self.path / LOCK_FILE, "a+b")  # noqa: SIM115 (held for the writer's lifetime)
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise StoreLockedError(f"{self.path}: another ingest is writing this store") from None
        self.remove_uncommitted()

    def close(self) -> None:
        """Release the lock."""
        if not self._lock.closed:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _committed(self) -> frozenset[str]:
        return frozenset(b for b in (batch_of(p.name) for p in articles_root(self.path).iterdir()) if b is not None)

    def _partitions(self) -> list[Path]:
        return sorted(d for d in events_root(self.path).iterdir() if d.is_dir())

    def remove_uncommitted(self) -> int:
        """Delete temporary files, event parts without a committed batch and replaced parts; returns how many."""
        committed = self._committed()
        articles = articles_root(self.path).iterdir()
        doomed = [p for p in articles if _stale(p) or batch_of(p.name) not in committed | {None}]
        for directory in self._partitions():
            live = set(live_parts(directory, committed))
            doomed += [p for p in directory.iterdir() if _stale(p) or (batch_of(p.name) and p not in live)]
        for part in doomed:
            part.unlink(missing_ok=True)
        return len(doomed)

    def compact(self, min_parts: int = DEFAULTS.compact_min_parts) -> int:
        """Merge every partition of at least `min_parts` parts into one part; returns the partitions merged.

        The merged parts belong to a new batch, committed by an empty article part once all are written;
        until then readers see the old parts, after it only the merged ones. Replaced parts are then deleted.
        """
        committed = self._committed()
        batch_id = new_batch_id()
        merged = 0
        for directory in self._partitions():
            parts = live_parts(directory, committed)
            if len(parts) < min_parts:
                continue
            replaces = {batch_of(p.name) for p in parts} - {None}
            tables = [pq.ParquetFile(p).read() for p in parts]
            table = pa.concat_tables(tables, promote_options="default")
            metadata = {REPLACES_KEY: json.dumps(sorted(str(b) for b in replaces)).encode()}
            _write_table(table.replace_schema_metadata(metadata), directory / merged_name(batch_id))
            merged += 1
        if merged:
            _write_parquet([], ARTICLE_SCHEMA, articles_root(self.path) / part_name(batch_id))
            self.remove_uncommitted()
        return merged

    def commit(self, articles: Sequence[Row], events: Sequence[Row]) -> str:
        """Store a batch: its event parts (one per month), made durable, then the article part that commits it.

        Returns the batch id. An interruption at any point leaves either the whole batch or none of it visible.
        """
        batch_id = new_batch_id()
        by_partition: dict[str, list[Row]] = defaultdict(list)
        for row in events:
            by_partition[partition_of(row.get("event_date"))].append(row)
        for partition, rows in sorted(by_partition.items()):
            directory = partition_dir(self.path, partition)
            if not directory.is_dir():
                directory.mkdir(parents=True, exist_ok=True)
                fsync_directory(events_root(self.path))
            _write_parquet(rows, EVENT_SCHEMA, directory / part_name(batch_id))
        _write_parquet(articles, ARTICLE_SCHEMA, articles_root(self.path) / part_name(batch_id))
        return batch_id

    def write_clusters(self, assignments: Mapping[str, str], batches: frozenset[str]) -> None:
        """Replace the cluster table with `assignments` (event id -> cluster id) computed over `batches`."""
        table = pa.table(
            {"event_id": list(assignments), "cluster_id": list(assignments.values())}, schema=CLUSTER_SCHEMA
        ).replace_schema_metadata({CLUSTERS_BATCHES_KEY: json.dumps(sorted(batches)).encode()})
        _write_table(table, clusters_file(self.path))
