"""Filters and facet counts over an event table in pandas, with the semantics of every filter kind."""

from __future__ import annotations

import numpy as np
import pandas as pd

from timeline.query.filters import FilterSpec, filters
from timeline.query.kinds import ACTOR_SEPARATOR, Actors, text_column


def apply_filters(df: pd.DataFrame, spec: FilterSpec) -> pd.DataFrame:
    """The rows of `df` that match `spec`, in their original order."""
    mask = np.ones(len(df), dtype=bool)
    for f, value in spec.active():
        mask &= f.kind.mask(f, df, value)
    return df[mask]


def actor_counts(df: pd.DataFrame) -> pd.Series:
    """Events per actor name, counting an event once per name in any role (actor1, actor2, other actors)."""
    rows = df.reset_index(drop=True)
    first, second, others = text_column(rows, "actor1"), text_column(rows, "actor2"), text_column(rows, "other_actors")
    listed = others[others != ""].str.split(ACTOR_SEPARATOR).explode().str.strip(" ")
    pairs = pd.DataFrame({"row": listed.index, "name": listed.to_numpy()}).drop_duplicates()
    rows_of = pairs["row"].to_numpy()
    named = (pairs["name"].to_numpy() != first.to_numpy()[rows_of]) & (
        pairs["name"].to_numpy() != second.to_numpy()[rows_of]
    )
    names = pd.concat([first, second.where(second != first, ""), pairs["name"][named]], ignore_index=True)
    counts: pd.Series = names[names != ""].value_counts()
    return counts


def facet_counts(df: pd.DataFrame) -> dict[str, list[tuple[str, int]]]:
    """For every facet filter, its values with their event counts, most frequent first.

    The same shape as `timeline.store.EventStore.facets`.
    """
    out: dict[str, list[tuple[str, int]]] = {}
    for f in filters().values():
        if not f.facet:
            continue
        if isinstance(f.kind, Actors):
            counts = actor_counts(df)
        else:
            values = text_column(df, f.column)
            counts = values[values != ""].value_counts()
        out[f.name] = [(str(name), int(n)) for name, n in counts.items()]
    return out
