"""Where the dashboard's events come from (articles, an event table, a store, uploads) and the caches in front of
every costly step: extraction, reading, facets, figures and downloads."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from timeline import pipeline
from timeline.app import charts
from timeline.events import cluster_events
from timeline.ingest import read_upload
from timeline.models import Event, IngestFailure
from timeline.query import FilterSpec, facet_counts
from timeline.settings import DEFAULTS
from timeline.store import EventStore
from timeline.table import csv_bytes, events_frame, normalise_frame, read_events_csv, rows_csv_bytes


@dataclass(frozen=True)
class Options:
    """Where the events come from, as given on the command line after `--`."""

    data: Path
    events: Path | None
    store: Path | None


def parse_options(argv: list[str], sample_dir: Path) -> Options:
    """The app's own options; anything else on the command line is left alone."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data", type=Path, default=sample_dir)
    parser.add_argument("--events", type=Path)
    parser.add_argument("--store", type=Path)
    known, _ = parser.parse_known_args(argv)
    return Options(known.data, known.events, known.store)


@st.cache_data(show_spinner="Reading the articles and extracting events…", max_entries=4)
def cached_directory_events(path: str) -> tuple[list[Event], list[str]]:
    """Events and error lines of every article under a folder."""
    return directory_events([Path(path)])


@st.cache_data(show_spinner=False, max_entries=256)
def cached_upload_events(
    digest: str, name: str, _data: bytes, published: dt.date | None
) -> tuple[list[Event], list[str]]:
    """Events and error lines of one upload, keyed by its content digest."""
    return upload_events(name, _data, published)


def sort_by_date(df: pd.DataFrame) -> pd.DataFrame:
    """Events in date order (undated last), so every view and download reads chronologically."""
    return df.sort_values("event_date", kind="stable", na_position="last").reset_index(drop=True)


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_frame(token: str, _events: list[Event]) -> pd.DataFrame:
    """The clustered, date-ordered event table of extracted events."""
    return sort_by_date(clustered_frame(_events))


@st.cache_resource(show_spinner="Reading the event table…", max_entries=4)
def cached_events_csv(path: str, modified: float) -> pd.DataFrame:
    """An event table written by `extract`, date-ordered."""
    return sort_by_date(read_events_csv(path))


@st.cache_data(show_spinner=False, max_entries=8)
def cached_facets(token: str, _df: pd.DataFrame) -> tuple[dict[str, list[tuple[str, int]]], dict[str, str]]:
    """Facet counts, and the title of every source."""
    titles = _df.drop_duplicates("source").set_index("source")["source_title"]
    return facet_counts(_df), {str(k): str(v) for k, v in titles.items()}


# Figures are cached as objects (not copies): the same object on every run keeps the chart's
# identity, hence its selection, and skips serialising them in and out of the cache.
@st.cache_resource(show_spinner=False, max_entries=32)
def cached_timeline(token: str, view: str, lane_by: charts.LaneBy, _df: pd.DataFrame) -> go.Figure:
    """The timeline figure of a view."""
    return charts.timeline_figure(_df, lane_by)


@st.cache_resource(show_spinner=False, max_entries=32)
def cached_counts(token: str, view: str, _df: pd.DataFrame) -> go.Figure:
    """The counts-over-time figure of a view."""
    return charts.counts_figure(_df)


@st.cache_data(show_spinner=False, max_entries=32)
def cached_map_points(token: str, view: str, _df: pd.DataFrame) -> pd.DataFrame:
    """The located points of a view."""
    return charts.map_points(_df)


@st.cache_data(show_spinner=False, max_entries=8)
def cached_store_facets(token: str, _store: EventStore) -> dict[str, list[tuple[str, int]]]:
    """Facet counts over the whole store."""
    return _store.facets()


@st.cache_resource(show_spinner="Querying the event store…", max_entries=32)
def cached_store_query(token: str, view: str, _store: EventStore, _spec: FilterSpec) -> tuple[pd.DataFrame, int]:
    """The first `store_rows` events matching the filters, and how many match in all."""
    return normalise_frame(_store.query(_spec, limit=DEFAULTS.store_rows)), int(_store.count(_spec))


@st.cache_resource(show_spinner=False)
def open_store(path: str) -> EventStore:
    """The event store at `path`, opened once per server."""
    return EventStore(path)


@st.cache_data(show_spinner=False, max_entries=16)
def cached_csv(token: str, view: str, _df: pd.DataFrame) -> bytes:
    """The CSV of a view's events."""
    return csv_bytes(_df)


@st.cache_data(show_spinner=False, max_entries=16)
def cached_store_csv(token: str, view: str, _store: EventStore, _spec: FilterSpec) -> bytes:
    """The CSV of a store view's events."""
    return rows_csv_bytes(_store.iter_rows(_spec))


def download_data(
    token: str, view: str, store: EventStore | None, spec: FilterSpec, filtered: pd.DataFrame, matched: int
) -> bytes | Callable[[], bytes]:
    """The CSV of exactly the filtered events, inline when small, otherwise built when clicked."""
    if matched > DEFAULTS.inline_download_rows:
        if store is not None:
            return lambda: rows_csv_bytes(store.iter_rows(spec))
        return lambda: csv_bytes(filtered)
    if store is not None:
        return cached_store_csv(token, view, store, spec)
    return cached_csv(token, view, filtered)


@st.cache_data(show_spinner=False, max_entries=32)
def cached_summary(token: str, view: str, _df: pd.DataFrame) -> tuple[int, int, dt.date | None, dt.date | None]:
    """Articles, named actors, first and last event date of the filtered events."""
    named = pd.concat([_df["actor1"], _df["actor2"]])
    dated = _df["event_date"].dropna()
    first, last = (dated.min().date(), dated.max().date()) if len(dated) else (None, None)
    return int(_df["source"].nunique()), int(named[named != ""].nunique()), first, last


def load_uploads(files: list[Any], published: dt.date | None) -> tuple[list[Event], list[str], str]:
    """Events of every uploaded file with a progress bar; one error line per file that failed."""
    events: list[Event] = []
    errors: list[str] = []
    digests: list[str] = []
    if not files:
        return events, errors, ""
    progress = st.progress(0.0, text="Extracting events…")
    for done, upload in enumerate(files):
        progress.progress(done / len(files), text=f"Extracting events from {upload.name}…")
        data = upload.getvalue()
        digest = hashlib.sha256(data).hexdigest()
        found, failed = cached_upload_events(digest, upload.name, data, published)
        events.extend(found)
        errors.extend(failed)
        digests.append(f"{upload.name}:{digest}")
    progress.empty()
    return events, errors, "|".join(digests)

def directory_events(paths: Sequence[str | Path]) -> tuple[list[Event], list[str]]:
    """Clustered events of every article file or directory in `paths`, and one error line per input that failed."""
    errors: list[str] = []
    events = pipeline.extract_paths(paths, on_failure=lambda failure: errors.append(failure.message()))
    return events, errors

def upload_events(name: str, data: bytes, published: dt.date | None) -> tuple[list[Event], list[str]]:
    """Events (not yet clustered) of one uploaded file, and one error line per record or file that failed."""
    errors: list[str] = []
    try:
        items = list(read_upload(name, data, published=published))
        events = list(pipeline.events_of_articles(items, lambda failure: errors.append(failure.message())))
    except Exception as exc:  # an upload the reader cannot handle must not stop the others
        return [], [IngestFailure(name, f"{type(exc).__name__}: {exc}").message()]
    return events, errors

def clustered_frame(events: Sequence[Event]) -> pd.DataFrame:
    """The event table of `events` with the same real-world event across articles sharing a cluster."""
    return events_frame(cluster_events(list(events)))
