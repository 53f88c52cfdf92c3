"""Filters as DuckDB SQL, with the semantics of `timeline.query.frame.apply_filters`."""

from __future__ import annotations

from timeline.query.filters import FilterSpec, filters
from timeline.query.kinds import ACTOR_SEPARATOR, Actors, sql_text


def filter_sql(spec: FilterSpec) -> tuple[str, list[object]]:
    """A parameterised DuckDB WHERE condition (without the keyword) and its parameters."""
    clauses: list[str] = []
    params: list[object] = []
    for f, value in spec.active():
        clauses.append(f.kind.sql(f, value, params))
    return (" AND ".join(clauses) or "true"), params


ACTOR_NAMES_SQL = (
    "unnest(list_distinct(list_filter([actor1, actor2] || list_transform("
    f"string_split(other_actors, '{ACTOR_SEPARATOR}'), lambda name: trim(name)), lambda name: name <> '')))"
)
"""Every actor name of an event once (any role), as rows."""


def facet_expressions() -> dict[str, str]:
    """For every facet filter, the SQL expression giving the values an event is counted under."""
    return {
        f.name: ACTOR_NAMES_SQL if isinstance(f.kind, Actors) else sql_text(f.column)
        for f in filters().values()
        if f.facet
    }
