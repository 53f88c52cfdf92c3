"""The event store: a directory of Parquet parts, written in atomic batches and queried with DuckDB."""

from timeline.store.reader import EventStore, StoreError

__all__ = ["EventStore", "StoreError"]
