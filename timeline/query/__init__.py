"""Filtering events: one filter spec applied in pandas or DuckDB and kept in URLs and command lines."""
