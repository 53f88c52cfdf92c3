"""Events in, one typed DataFrame out: the table the dashboard filters, draws and downloads."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from timeline import pipeline
from timeline.export import write_csv
from timeline.models import EVENT_COLUMNS, Event, IngestFailure
from timeline.query.filters import facet_counts

INT_COLUMNS = tuple(f.name for f in dataclasses.fields(Event) if f.type == "int")
FLOAT_COLUMNS = tuple(f.name for f in dataclasses.fields(Event) if f.type in ("float", "float | None"))
TEXT_COLUMNS = tuple(c for c in EVENT_COLUMNS if c not in INT_COLUMNS + FLOAT_COLUMNS)
"""Event columns by dtype: text columns hold strings ("" when empty, dates as ISO text, as in the CSV)."""


def normalise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with exactly the event columns, in CSV order: text as `str` ("" for missing), numbers numeric."""
    out: dict[str, pd.Series] = {}
    for column in EVENT_COLUMNS:
        values = df[column] if column in df.columns else pd.Series([None] * len(df), index=df.index, dtype=object)
        if column in INT_COLUMNS:
            default = 1 if column == "num_sources" else 0
            out[column] = pd.to_numeric(values, errors="coerce").fillna(default).astype("int64")
        elif column in FLOAT_COLUMNS:
            out[column] = pd.to_numeric(values, errors="coerce").astype("float64")
        else:
            out[column] = values.where(values.notna(), "").astype("str")
    return pd.DataFrame(out, index=df.index).reset_index(drop=True)


def events_frame(events: Iterable[Event]) -> pd.DataFrame:
    """The event table of `events`, typed by `normalise_frame`."""
    rows = [event.as_row() for event in events]
    return normalise_frame(pd.DataFrame(rows, columns=list(EVENT_COLUMNS)))


def rows_csv_bytes(rows: Iterable[Mapping[str, object]]) -> bytes:
    """Event rows as the CLI's CSV (event columns, formula-safe), UTF-8 encoded."""
    out = io.StringIO()
    write_csv(rows, out)
    return out.getvalue().encode("utf-8")


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The rows of `df` as the CLI's CSV."""
    table = df.reindex(columns=list(EVENT_COLUMNS))
    columns = [table[c].to_numpy(dtype=object) for c in EVENT_COLUMNS]
    return rows_csv_bytes(dict(zip(EVENT_COLUMNS, values, strict=True)) for values in zip(*columns, strict=True))


def directory_events(paths: Sequence[str | Path]) -> tuple[list[Event], list[str]]:
    """Clustered events of every article file or directory in `paths`, and one error line per input that failed."""
    errors: list[str] = []
    events = pipeline.extract_paths(paths, on_failure=lambda failure: errors.append(failure.message()))
    return events, errors


def upload_events(name: str, data: bytes, published: dt.date | None) -> tuple[list[Event], list[str]]:
    """Events (not yet clustered) of one uploaded file, and one error line per record or file that failed."""
    from timeline.ingest.files import read_upload

    errors: list[str] = []
    try:
        items = list(read_upload(name, data, published=published))
        events = list(pipeline.events_of_articles(items, lambda failure: errors.append(failure.message())))
    except Exception as exc:  # an upload the reader cannot handle must not stop the others
        return [], [IngestFailure(name, f"{type(exc).__name__}: {exc}").message()]
    return events, errors


def clustered_frame(events: Sequence[Event]) -> pd.DataFrame:
    """The event table of `events` with the same real-world event across articles sharing a cluster."""
    from timeline.events.extract import cluster_events

    return events_frame(cluster_events(list(events)))


def read_events_csv(path: str | Path) -> pd.DataFrame:
    """An event table written by `python -m timeline extract --format csv`."""
    return normalise_frame(pd.read_csv(path, dtype=str, keep_default_na=False, engine="pyarrow"))


def frame_facets(df: pd.DataFrame) -> dict[str, list[tuple[str, int]]]:
    """Actor (any role), event type and source values with their event counts, most frequent first.

    The same shape as `timeline.store.reader.EventStore.facets`.
    """
    return {
        "actors": facet_counts(df, "actor"),
        "event_types": facet_counts(df, "event_type"),
        "sources": facet_counts(df, "source"),
    }
