"""Filtering an event table: one filter spec, applied in pandas or as a DuckDB WHERE clause, and kept in the URL."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from timeline.models import MODALITIES

TEXT_COLUMNS = ("source_sentence", "actor1", "actor2", "other_actors", "location", "source_title")
"""Columns the free-text filter searches (case-insensitive substring)."""

ACTOR_SEPARATOR = ";"
"""Separator of the names in `other_actors`."""

MAX_PARAM_VALUES = 200
"""Most values read from one query parameter; the rest of a longer list is ignored."""

MAX_TEXT_LENGTH = 500
"""Longest free-text filter read from the URL."""

PARAM_ACTOR, PARAM_TYPE, PARAM_SOURCE, PARAM_MODALITY = "actor", "type", "source", "modality"
PARAM_FROM, PARAM_TO, PARAM_TEXT, PARAM_CONFIDENCE = "from", "to", "q", "min_conf"
QUERY_KEYS = (PARAM_ACTOR, PARAM_TYPE, PARAM_FROM, PARAM_TO, PARAM_SOURCE, PARAM_TEXT, PARAM_CONFIDENCE, PARAM_MODALITY)
"""Every URL query parameter a filter spec is kept in."""

DEFAULT_MODALITIES = ("asserted",)


@dataclass(frozen=True)
class FilterSpec:
    """What a person asked to see. An empty tuple places no restriction on that field.

    - actors: an event matches when actor1, actor2 or one of its `;`-separated other_actors is listed;
    - event_types, sources (the `source` column), modalities: the column's value is listed;
    - date_from / date_to: the event's [date_start, date_end] interval overlaps the range (inclusive);
      events without a date are kept only while neither bound is set;
    - text: case-insensitive substring of the sentence, the actors, the location or the source title;
    - min_confidence: confidence (missing counts as 0) is at least this.
    """

    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sources: tuple[str, ...] = ()
    text: str = ""
    min_confidence: float = 0.0
    modalities: tuple[str, ...] = DEFAULT_MODALITIES


def _as_dates(column: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(column):
        return column
    return pd.to_datetime(column.astype("string"), format="ISO8601", errors="coerce")


def _text(df: pd.DataFrame, column: str) -> pd.Series:
    if column not in df.columns:
        return pd.Series("", index=df.index, dtype="str")
    values = df[column]
    return values.where(values.notna(), "").astype("str")


def _actor_mask(df: pd.DataFrame, actors: tuple[str, ...]) -> np.ndarray:
    wanted = set(actors)
    mask = _text(df, "actor1").isin(wanted).to_numpy() | _text(df, "actor2").isin(wanted).to_numpy()
    others = _text(df, "other_actors").reset_index(drop=True)
    has_others = (others != "").to_numpy()
    if has_others.any():
        names = others[has_others].str.split(ACTOR_SEPARATOR).explode().str.strip(" ")
        hit = names.isin(wanted).groupby(level=0).any()
        mask[hit.index[hit.to_numpy()].to_numpy()] = True
    return mask


def apply_filters(df: pd.DataFrame, spec: FilterSpec) -> pd.DataFrame:
    """The rows of `df` that match `spec`, in their original order."""
    mask = np.ones(len(df), dtype=bool)
    if spec.actors:
        mask &= _actor_mask(df, spec.actors)
    if spec.event_types:
        mask &= _text(df, "event_type").isin(spec.event_types).to_numpy()
    if spec.sources:
        mask &= _text(df, "source").isin(spec.sources).to_numpy()
    if spec.modalities:
        mask &= _text(df, "modality").isin(spec.modalities).to_numpy()
    if spec.min_confidence > 0:
        confidence = pd.to_numeric(df["confidence"], errors="coerce").fillna(0.0)
        mask &= (confidence >= spec.min_confidence).to_numpy()
    if spec.date_from is not None or spec.date_to is not None:
        start = _as_dates(df["date_start"])
        end = _as_dates(df["date_end"]).fillna(start)
        if spec.date_from is not None:
            mask &= (end >= pd.Timestamp(spec.date_from)).fillna(False).to_numpy(dtype=bool)
        if spec.date_to is not None:
            mask &= (start <= pd.Timestamp(spec.date_to)).fillna(False).to_numpy(dtype=bool)
    if spec.text:
        needle = spec.text.lower()
        found = np.zeros(len(df), dtype=bool)
        for column in TEXT_COLUMNS:
            found |= _text(df, column).str.lower().str.contains(needle, regex=False).to_numpy(dtype=bool)
        mask &= found
    return df[mask]


def _in_list(column: str, values: tuple[str, ...], params: list[object]) -> str:
    params.append(list(values))
    return f"list_contains(?::VARCHAR[], coalesce(CAST({column} AS VARCHAR), ''))"


def filter_sql(spec: FilterSpec) -> tuple[str, list[object]]:
    """A parameterised DuckDB WHERE condition (without the keyword) with the semantics of `apply_filters`."""
    clauses: list[str] = []
    params: list[object] = []
    if spec.actors:
        params.extend([list(spec.actors)] * 3)
        clauses.append(
            "(list_contains(?::VARCHAR[], coalesce(CAST(actor1 AS VARCHAR), ''))"
            " OR list_contains(?::VARCHAR[], coalesce(CAST(actor2 AS VARCHAR), ''))"
            " OR list_has_any(list_transform(string_split(coalesce(CAST(other_actors AS VARCHAR), ''),"
            f" '{ACTOR_SEPARATOR}'), lambda name: trim(name)), ?::VARCHAR[]))"
        )
    if spec.event_types:
        clauses.append(_in_list("event_type", spec.event_types, params))
    if spec.sources:
        clauses.append(_in_list("source", spec.sources, params))
    if spec.modalities:
        clauses.append(_in_list("modality", spec.modalities, params))
    if spec.min_confidence > 0:
        clauses.append("coalesce(TRY_CAST(confidence AS DOUBLE), 0) >= ?")
        params.append(float(spec.min_confidence))
    start = "TRY_CAST(CAST(date_start AS VARCHAR) AS DATE)"
    end = f"coalesce(TRY_CAST(CAST(date_end AS VARCHAR) AS DATE), {start})"
    if spec.date_from is not None:
        clauses.append(f"coalesce({end} >= ?, false)")
        params.append(spec.date_from)
    if spec.date_to is not None:
        clauses.append(f"coalesce({start} <= ?, false)")
        params.append(spec.date_to)
    if spec.text:
        parts = [f"contains(lower(coalesce(CAST({c} AS VARCHAR), '')), ?)" for c in TEXT_COLUMNS]
        clauses.append("(" + " OR ".join(parts) + ")")
        params.extend([spec.text.lower()] * len(TEXT_COLUMNS))
    return (" AND ".join(clauses) or "true"), params


def to_query_params(spec: FilterSpec) -> dict[str, str | list[str]]:
    """URL query parameters holding `spec`; fields at their default are left out."""
    params: dict[str, str | list[str]] = {}
    for key, values in ((PARAM_ACTOR, spec.actors), (PARAM_TYPE, spec.event_types), (PARAM_SOURCE, spec.sources)):
        if values:
            params[key] = list(values)
    if spec.date_from is not None:
        params[PARAM_FROM] = spec.date_from.isoformat()
    if spec.date_to is not None:
        params[PARAM_TO] = spec.date_to.isoformat()
    if spec.text:
        params[PARAM_TEXT] = spec.text
    if spec.min_confidence > 0:
        params[PARAM_CONFIDENCE] = f"{spec.min_confidence:g}"
    if tuple(spec.modalities) != DEFAULT_MODALITIES:
        params[PARAM_MODALITY] = list(spec.modalities or MODALITIES)
    return params


def _values(raw: object) -> list[str]:
    items: Iterable[object]
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) or not isinstance(raw, Iterable) else raw
    out: list[str] = []
    for item in items:
        text = str(item).strip()
        if text and text not in out:
            out.append(text)
        if len(out) >= MAX_PARAM_VALUES:
            break
    return out


def _first(raw: object) -> str:
    values = _values(raw)
    return values[0] if values else ""


def _date(raw: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(_first(raw)[:10])
    except ValueError:
        return None


def _confidence(raw: object) -> float:
    try:
        value = float(_first(raw) or 0)
    except ValueError:
        return 0.0
    return min(max(value, 0.0), 1.0) if math.isfinite(value) else 0.0


def from_query_params(params: Mapping[str, object]) -> FilterSpec:
    """The filter spec kept in URL query parameters; malformed or unknown values are ignored."""
    modalities = tuple(m for m in _values(params.get(PARAM_MODALITY)) if m in MODALITIES)
    date_from, date_to = _date(params.get(PARAM_FROM)), _date(params.get(PARAM_TO))
    if date_from is not None and date_to is not None and date_from > date_to:
        date_from, date_to = date_to, date_from
    return FilterSpec(
        actors=tuple(_values(params.get(PARAM_ACTOR))),
        event_types=tuple(_values(params.get(PARAM_TYPE))),
        date_from=date_from,
        date_to=date_to,
        sources=tuple(_values(params.get(PARAM_SOURCE))),
        text=_first(params.get(PARAM_TEXT))[:MAX_TEXT_LENGTH],
        min_confidence=_confidence(params.get(PARAM_CONFIDENCE)),
        modalities=modalities or DEFAULT_MODALITIES,
    )


def facet_counts(df: pd.DataFrame, column: str) -> list[tuple[str, int]]:
    """(value, number of events) for a column, most frequent first; actors count every role of an event."""
    if column == "actor":
        rows = df.reset_index(drop=True)
        first, second, others = _text(rows, "actor1"), _text(rows, "actor2"), _text(rows, "other_actors")
        listed = others[others != ""].str.split(ACTOR_SEPARATOR).explode().str.strip(" ")
        pairs = pd.DataFrame({"row": listed.index, "name": listed.to_numpy()}).drop_duplicates()
        rows_of = pairs["row"].to_numpy()
        named = (pairs["name"].to_numpy() != first.to_numpy()[rows_of]) & (
            pairs["name"].to_numpy() != second.to_numpy()[rows_of]
        )
        names = pd.concat([first, second.where(second != first, ""), pairs["name"][named]], ignore_index=True)
    else:
        names = _text(df, column)
    counts = names[names != ""].value_counts()
    return [(str(name), int(n)) for name, n in counts.items()]
