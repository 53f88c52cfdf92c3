"""The event table: events as one typed DataFrame (what the dashboard filters, draws and downloads), read from
and written as the command line's CSV."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from timeline.export import write_csv
from timeline.models import (
    DATE_COLUMNS,
    EVENT_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    OPTIONAL_INT_COLUMNS,
    Event,
)


def dates_of(values: pd.Series) -> pd.Series:
    """A date column as timestamps (NaT where there is no date), from dates, timestamps or ISO text."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.astype("datetime64[ns]")
    text = values.astype("string").str.slice(0, 10)
    dates = pd.to_datetime(text.where(text != "", None), format="%Y-%m-%d", errors="coerce")
    typed: pd.Series = dates.astype("datetime64[ns]")
    return typed


def normalise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with exactly the event columns, in CSV order: dates as timestamps (NaT for none), text as `str` ("" for
    missing), numbers numeric (offsets that may be unknown as nullable integers)."""
    out: dict[str, pd.Series] = {}
    for column in EVENT_COLUMNS:
        values = df[column] if column in df.columns else pd.Series([None] * len(df), index=df.index, dtype=object)
        if column in DATE_COLUMNS:
            out[column] = dates_of(values)
        elif column in INT_COLUMNS:
            default = 1 if column == "num_sources" else 0
            out[column] = pd.to_numeric(values, errors="coerce").fillna(default).astype("int64")
        elif column in OPTIONAL_INT_COLUMNS:
            out[column] = pd.to_numeric(values, errors="coerce").astype("Int64")
        elif column in FLOAT_COLUMNS:
            out[column] = pd.to_numeric(values, errors="coerce").astype("float64")
        else:
            out[column] = values.where(values.notna(), "").astype("str")
    return pd.DataFrame(out, index=df.index).reset_index(drop=True)


def iso_dates(values: pd.Series) -> pd.Series:
    """A timestamp column as ISO days ("" where there is none), for display."""
    days: pd.Series = values.dt.strftime("%Y-%m-%d").fillna("")
    return days


def events_frame(events: Iterable[Event]) -> pd.DataFrame:
    """The event table of `events`, typed by `normalise_frame`."""
    rows = [event.as_row() for event in events]
    return normalise_frame(pd.DataFrame(rows, columns=list(EVENT_COLUMNS)))


def rows_csv_bytes(rows: Iterable[Mapping[str, object]]) -> bytes:
    """Event rows as the CLI's CSV (event columns, formula-safe), UTF-8 encoded."""
    out = io.StringIO()
    write_csv(rows, out)
    return out.getvalue().encode("utf-8")


def frame_rows(df: pd.DataFrame) -> Iterator[dict[str, object]]:
    """The rows of a normalised event table as plain values, like `Event.as_row()`: dates as dates, None where
    a date, an offset or a number is missing."""
    table = df.reindex(columns=list(EVENT_COLUMNS))
    columns = [
        np.array([None if pd.isna(v) else v.date() for v in table[c]], dtype=object) if c in DATE_COLUMNS
        else table[c].astype(object).where(table[c].notna(), None).to_numpy(dtype=object)
        for c in EVENT_COLUMNS
    ]
    for values in zip(*columns, strict=True):
        yield dict(zip(EVENT_COLUMNS, values, strict=True))


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The rows of `df` (a normalised event table) as the CLI's CSV."""
    return rows_csv_bytes(frame_rows(df))








def read_events_csv(path: str | Path) -> pd.DataFrame:
    """An event table written by `python -m timeline extract --format csv`."""
    return normalise_frame(pd.read_csv(path, dtype=str, keep_default_na=False, engine="pyarrow"))
