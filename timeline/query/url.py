"""A filter spec kept in URL query parameters, so a filtered view can be shared as a link."""

from __future__ import annotations

from collections.abc import Mapping

from timeline.query.filters import FilterSpec, filters


def query_keys() -> tuple[str, ...]:
    """Every URL query parameter a filter spec is kept in."""
    return tuple(f.param for f in filters().values())


def to_query_params(spec: FilterSpec) -> dict[str, str | list[str]]:
    """URL query parameters holding `spec`; filters at their default are left out."""
    values = spec.values()
    return {f.param: f.kind.to_param(f, values[f.name]) for f in filters().values()
            if values[f.name] != f.kind.default}


def from_query_params(params: Mapping[str, object]) -> FilterSpec:
    """The filter spec kept in URL query parameters; malformed or unknown values are ignored."""
    return FilterSpec(**{f.name: f.kind.from_param(f, params.get(f.param)) for f in filters().values()})
