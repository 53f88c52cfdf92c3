"""Filtering events: the filters of filters.yaml applied in pandas or DuckDB, kept in URLs and command lines."""

from timeline.query.filters import FilterSpec, filters
from timeline.query.frame import apply_filters, facet_counts
from timeline.query.sql import filter_sql
from timeline.query.url import from_query_params, to_query_params

__all__ = ["FilterSpec", "apply_filters", "facet_counts", "filter_sql", "filters", "from_query_params",
           "to_query_params"]
