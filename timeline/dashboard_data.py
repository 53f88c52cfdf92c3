"""Events in, one typed DataFrame out: the table the dashboard filters, draws and downloads."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterable

import pandas as pd

from timeline.export import write_csv
from timeline.models import EVENT_COLUMNS, Event

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


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The rows of `df` as the CLI's CSV (event columns, formula-safe), UTF-8 encoded."""
    out = io.StringIO()
    rows: list[dict[str, object]] = df.reindex(columns=list(EVENT_COLUMNS)).to_dict("records")  # type: ignore[assignment]
    write_csv(rows, out)
    return out.getvalue().encode("utf-8")
