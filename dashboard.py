"""Streamlit app: the interactive timeline of events extracted from news articles.

    streamlit run dashboard.py                          # the bundled sample articles
    streamlit run dashboard.py -- --data DIR            # articles under DIR
    streamlit run dashboard.py -- --events FILE.csv     # an event table written by `python -m timeline extract`
    streamlit run dashboard.py -- --store DIR           # an event store built by `python -m timeline ingest`
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from timeline.app import charts
from timeline.app.data import (
    clustered_frame,
    csv_bytes,
    directory_events,
    frame_facets,
    normalise_frame,
    read_events_csv,
    rows_csv_bytes,
    upload_events,
)
from timeline.app.evidence import escape_markdown, highlighted_sentence
from timeline.models import EVENT_TYPES, MODALITIES, Event
from timeline.query.filters import QUERY_KEYS, FilterSpec, apply_filters, from_query_params, to_query_params

SAMPLE_DIR = Path(__file__).resolve().parent / "sample_data"
SAMPLE_GOLD = "expected_events.csv"  # the sample's table of expected events (for the golden test), not an article
UPLOAD_TYPES = ["txt", "md", "html", "htm", "json", "jsonl", "csv"]
TABLE_ROWS = 2000
STORE_ROWS = 200_000
TABLE_COLUMNS = {
    "event_date": "Date",
    "time_precision": "Precision",
    "event_type": "Type",
    "sub_event_type": "Sub-type",
    "modality": "Modality",
    "actor1": "Actor",
    "actor2": "Target / counterpart",
    "location": "Location",
    "date_text": "Date as written",
    "confidence": "Confidence",
    "num_sources": "Sources",
    "source_title": "Article",
}
LANE_PARAM = "lanes"
LANE_LABELS = {"actor": "Actor", "event_type": "Event type"}


@dataclass(frozen=True)
class Options:
    """Where the events come from, as given on the command line after `--`."""

    data: Path
    events: Path | None
    store: Path | None


def parse_options(argv: list[str]) -> Options:
    """The app's own options; anything else on the command line is left alone."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data", type=Path, default=SAMPLE_DIR)
    parser.add_argument("--events", type=Path)
    parser.add_argument("--store", type=Path)
    known, _ = parser.parse_known_args(argv)
    return Options(known.data, known.events, known.store)


# --- loading (cached) -------------------------------------------------------------------------


@st.cache_data(show_spinner="Reading the articles and extracting events…", max_entries=4)
def cached_directory_events(path: str) -> tuple[list[Event], list[str]]:
    directory = Path(path)
    if directory.resolve() == SAMPLE_DIR and directory.is_dir():
        return directory_events(sorted(p for p in directory.iterdir() if p.name != SAMPLE_GOLD))
    return directory_events([directory])


@st.cache_data(show_spinner=False, max_entries=256)
def cached_upload_events(
    digest: str, name: str, _data: bytes, published: dt.date | None
) -> tuple[list[Event], list[str]]:
    return upload_events(name, _data, published)


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_frame(token: str, _events: list[Event]) -> pd.DataFrame:
    return sort_by_date(clustered_frame(_events))


@st.cache_resource(show_spinner="Reading the event table…", max_entries=4)
def cached_events_csv(path: str, modified: float) -> pd.DataFrame:
    return sort_by_date(read_events_csv(path))


@st.cache_data(show_spinner=False, max_entries=8)
def cached_facets(token: str, _df: pd.DataFrame) -> tuple[dict[str, list[tuple[str, int]]], dict[str, str]]:
    """Facet counts, and the title of every source."""
    titles = _df.drop_duplicates("source").set_index("source")["source_title"]
    return frame_facets(_df), {str(k): str(v) for k, v in titles.items()}


# Figures are cached as objects (not copies): the same object on every run keeps the chart's
# identity, hence its selection, and skips serialising them in and out of the cache.
@st.cache_resource(show_spinner=False, max_entries=32)
def cached_timeline(token: str, view: str, lane_by: charts.LaneBy, _df: pd.DataFrame) -> go.Figure:
    return charts.timeline_figure(_df, lane_by)


@st.cache_resource(show_spinner=False, max_entries=32)
def cached_counts(token: str, view: str, _df: pd.DataFrame) -> go.Figure:
    return charts.counts_figure(_df)


@st.cache_data(show_spinner=False, max_entries=32)
def cached_map_points(token: str, view: str, _df: pd.DataFrame) -> pd.DataFrame:
    return charts.map_points(_df)


@st.cache_data(show_spinner=False, max_entries=8)
def cached_store_facets(token: str, _store: Any) -> dict[str, list[tuple[str, int]]]:
    facets: dict[str, list[tuple[str, int]]] = _store.facets()
    return facets


@st.cache_resource(show_spinner="Querying the event store…", max_entries=32)
def cached_store_query(token: str, view: str, _store: Any, _spec: FilterSpec) -> tuple[pd.DataFrame, int]:
    """The first `STORE_ROWS` events matching the filters, and how many match in all."""
    return normalise_frame(_store.query(_spec, limit=STORE_ROWS)), int(_store.count(_spec))


@st.cache_resource(show_spinner=False)
def open_store(path: str) -> Any:
    from timeline.store.reader import EventStore

    return EventStore(path)


def sort_by_date(df: pd.DataFrame) -> pd.DataFrame:
    """Events in date order (undated last), so every view and download reads chronologically."""
    undated = df["event_date"] == ""
    return df.assign(_undated=undated).sort_values(["_undated", "event_date"], kind="stable").drop(
        columns="_undated"
    ).reset_index(drop=True)


INLINE_DOWNLOAD_ROWS = 20_000
"""Up to this many rows the CSV is built with the page: a file registered by one session outlives other sessions'
reruns, while a deferred one is dropped by Streamlit after two of them. Larger downloads are built on click."""


@st.cache_data(show_spinner=False, max_entries=16)
def cached_csv(token: str, view: str, _df: pd.DataFrame) -> bytes:
    return csv_bytes(_df)


@st.cache_data(show_spinner=False, max_entries=16)
def cached_store_csv(token: str, view: str, _store: Any, _spec: FilterSpec) -> bytes:
    return rows_csv_bytes(_store.iter_rows(_spec))


def download_data(
    token: str, view: str, store: Any, spec: FilterSpec, filtered: pd.DataFrame, matched: int
) -> bytes | Callable[[], bytes]:
    """The CSV of exactly the filtered events, inline when small, otherwise built when clicked."""
    if matched > INLINE_DOWNLOAD_ROWS:
        if store is not None:
            return lambda: rows_csv_bytes(store.iter_rows(spec))
        return lambda: csv_bytes(filtered)
    if store is not None:
        return cached_store_csv(token, view, store, spec)
    return cached_csv(token, view, filtered)


@st.cache_data(show_spinner=False, max_entries=32)
def cached_summary(token: str, view: str, _df: pd.DataFrame) -> tuple[int, int, str, str]:
    """Articles, named actors, first and last event date of the filtered events."""
    named = pd.concat([_df["actor1"], _df["actor2"]])
    dated = _df["event_date"][_df["event_date"] != ""]
    first, last = (str(dated.min()), str(dated.max())) if len(dated) else ("", "")
    return int(_df["source"].nunique()), int(named[named != ""].nunique()), first, last


def period_label(first: str, last: str) -> str:
    """A short label of the span between two ISO dates: "2019 – 2024", "Jan – Mar 2020" or one day."""
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    if start.year != end.year:
        return f"{start.year} – {end.year}"
    if start.month != end.month:
        return f"{start:%b} – {end:%b %Y}"
    return f"{start.day} – {end.day} {end:%b %Y}" if start != end else f"{start.day} {start:%b %Y}"


def show_errors(errors: list[str]) -> None:
    for message in errors:
        st.error(escape_markdown(message), icon="⚠️")


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


# --- view state: widgets <-> URL query parameters -----------------------------------------------


def seed_widgets_from_url() -> None:
    """On a session's first run, set the filter widgets from the URL so a shared link restores the view."""
    if st.session_state.get("_seeded"):
        return
    spec = from_query_params({key: st.query_params.get_all(key) for key in QUERY_KEYS})
    st.session_state.update(
        f_actors=list(spec.actors),
        f_types=list(spec.event_types),
        f_from=spec.date_from,
        f_to=spec.date_to,
        f_sources=list(spec.sources),
        f_text=spec.text,
        f_confidence=spec.min_confidence,
        f_all_modalities=set(spec.modalities) != {"asserted"},
        f_modalities=spec.modalities,
        f_lanes=st.query_params.get(LANE_PARAM) if st.query_params.get(LANE_PARAM) in LANE_LABELS else "actor",
        _seeded=True,
    )


def spec_from_widgets() -> FilterSpec:
    state = st.session_state
    modalities = tuple(state["f_modalities"]) if set(state["f_modalities"]) != {"asserted"} else MODALITIES
    date_from, date_to = state["f_from"], state["f_to"]
    if date_from is not None and date_to is not None and date_from > date_to:
        date_from, date_to = date_to, date_from
    return FilterSpec(
        actors=tuple(state["f_actors"]),
        event_types=tuple(state["f_types"]),
        date_from=date_from,
        date_to=date_to,
        sources=tuple(state["f_sources"]),
        text=state["f_text"].strip(),
        min_confidence=float(state["f_confidence"]),
        modalities=modalities if state["f_all_modalities"] else ("asserted",),
    )


def write_url(spec: FilterSpec, lane_by: str) -> None:
    params = to_query_params(spec)
    if lane_by != "actor":
        params[LANE_PARAM] = lane_by
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    wanted = {key: value if isinstance(value, list) else [value] for key, value in params.items()}
    if current != wanted:
        st.query_params.from_dict(params)


def reset_filters() -> None:
    st.session_state.update(
        f_actors=[], f_types=[], f_from=None, f_to=None, f_sources=[], f_text="", f_confidence=0.0,
        f_all_modalities=False, f_modalities=("asserted",),
    )


def counted(counts: dict[str, int]) -> Callable[[str], str]:
    return lambda value: f"{value} ({counts.get(value, 0):,})"


def options_with(values: list[tuple[str, int]], selected: list[str]) -> list[str]:
    """Facet values, most frequent first, plus any selected value the data does not hold (e.g. from a link)."""
    names = [name for name, _ in values]
    return names + [name for name in selected if name not in set(names)]


def sidebar_filters(facets: dict[str, list[tuple[str, int]]], source_titles: dict[str, str]) -> None:
    sidebar = st.sidebar
    sidebar.header("Filters")
    actor_counts = dict(facets["actors"])
    sidebar.multiselect(
        "Actors", options_with(facets["actors"], st.session_state["f_actors"]), key="f_actors",
        format_func=counted(actor_counts), placeholder="Any actor",
        help="An event matches when the actor struck, visited or called, was the target or host, or took part.",
    )
    type_counts = dict(facets["event_types"])
    types = options_with(facets["event_types"], st.session_state["f_types"])
    types += [t for t in EVENT_TYPES if t not in types]
    sidebar.multiselect("Event types", types, key="f_types", format_func=counted(type_counts), placeholder="Any type")
    left, right = sidebar.columns(2)
    left.date_input("From", key="f_from", format="YYYY-MM-DD", min_value=dt.date(1900, 1, 1))
    right.date_input("To", key="f_to", format="YYYY-MM-DD", min_value=dt.date(1900, 1, 1))
    source_counts = dict(facets["sources"])
    sidebar.multiselect(
        "Sources", options_with(facets["sources"], st.session_state["f_sources"]), key="f_sources",
        format_func=lambda s: f"{source_titles.get(s) or Path(s).name} ({source_counts.get(s, 0):,})",
        placeholder="Any article",
    )
    sidebar.text_input("Search text", key="f_text", placeholder="words in the sentence, actors, place, title")
    sidebar.slider("Minimum confidence", 0.0, 1.0, step=0.05, key="f_confidence")
    sidebar.toggle(
        "Show negated, planned and hypothetical events", key="f_all_modalities",
        help="Events the articles deny, announce or only consider. They are drawn hollow.",
    )
    sidebar.button("Reset filters", on_click=reset_filters, width="stretch")


# --- selection ----------------------------------------------------------------------------------


def chart_pick(state: Any) -> tuple[str, bool]:
    """The event id of the first selected timeline mark, and whether only aggregated marks were selected."""
    points = state["selection"]["points"] if state else []
    ids = [str(point.get("customdata") or "") for point in points]
    return next((i for i in ids if i), ""), bool(points) and not any(ids)


def table_pick(state: Any, shown_ids: list[str]) -> str:
    rows = state["selection"]["rows"] if state else []
    return shown_ids[rows[0]] if rows and 0 <= rows[0] < len(shown_ids) else ""


def selected_event(chart: tuple[str, bool], table: str) -> tuple[str, bool]:
    """The event to detail: whichever of the chart and the table selection changed last."""
    state = st.session_state
    previous_chart, previous_table = state.get("_chart_pick"), state.get("_table_pick", "")
    state["_chart_pick"], state["_table_pick"] = chart, table
    if chart != previous_chart and (chart[0] or chart[1]):
        state["_selected"] = chart
    elif table != previous_table and table:
        state["_selected"] = (table, False)
    selected: tuple[str, bool] = state.get("_selected", ("", False))
    return selected


def show_details(event: pd.Series, events: pd.DataFrame) -> None:
    sentence = str(event["source_sentence"])
    st.markdown(
        f"**{escape_markdown(str(event['event_type']).capitalize())}**"
        + (f" · {escape_markdown(str(event['sub_event_type']))}" if event["sub_event_type"] else "")
        + (f" · *{escape_markdown(str(event['modality']))}*" if event["modality"] != "asserted" else "")
        + f" on **{escape_markdown(str(event['event_date']) or 'an unknown date')}**"
    )
    st.markdown("> " + highlighted_sentence(sentence, str(event["date_text"]), str(event["event_type"])))
    facts = {
        "Actor": event["actor1"],
        "Target / counterpart": event["actor2"],
        "Also involved": str(event["other_actors"]).replace(";", ", "),
        "Where": ", ".join(v for v in (str(event["location"]), str(event["country"])) if v),
        "Date as written": event["date_text"],
        "Interval": f"{event['date_start']} – {event['date_end']} ({event['time_precision']})"
        if event["date_start"] else "",
        "How the date was resolved": event["date_rule"],
        "Published": event["pub_date"] or "unknown",
        "Article": event["source_title"] or event["source"],
        "Confidence": f"{float(event['confidence']):.2f}",
    }
    st.markdown(
        "\n".join(f"- **{escape_markdown(k)}:** {escape_markdown(str(v))}" for k, v in facts.items() if str(v))
    )
    if event["source_url"]:
        st.text(f"Source URL: {event['source_url']}")
    if event["cluster_id"]:
        others = events[(events["cluster_id"] == event["cluster_id"]) & (events["event_id"] != event["event_id"])]
        if len(others):
            st.markdown(f"**Other reports of this event ({len(others)})**")
            st.dataframe(
                others[["event_date", "date_text", "pub_date", "source_title", "source_sentence"]],
                hide_index=True, width="stretch",
            )
        else:
            st.caption("No other article reports this event.")


# --- page ---------------------------------------------------------------------------------------


def main() -> None:
    options = parse_options(sys.argv[1:])
    st.set_page_config(page_title="Timeline of events", page_icon="🗓️", layout="wide")
    seed_widgets_from_url()
    st.title("Timeline of events")
    st.caption(
        "Strikes, attacks, killings, visits, meetings and calls read from news articles, each on the date "
        "the article gives it. Select a point or a table row to see why."
    )

    store = None
    if options.store is not None:
        try:
            store = open_store(str(options.store))
        except Exception as exc:  # a missing or unreadable store is a message, not a traceback
            st.error(escape_markdown(f"error: {options.store}: cannot open the event store: {exc}"), icon="⚠️")
            st.info("Build one with `python -m timeline ingest PATH... --store DIR`.")
            st.stop()

    errors: list[str] = []
    uploads: list[Any] = []
    published: dt.date | None = None
    include_base = True
    with st.sidebar.expander("Your articles", expanded=store is None and options.events is None):
        if store is None:
            uploads = list(
                st.file_uploader(
                    "Add article files", type=UPLOAD_TYPES, accept_multiple_files=True, key="uploads",
                    help="Text, Markdown, HTML, JSON, JSON Lines or CSV (column `text`). Several at once.",
                )
                or []
            )
            published = st.date_input(
                "Publication date of the uploads", value=None, key="upload_published", format="YYYY-MM-DD",
                help="Anchors relative dates (\"on Tuesday\", \"last week\"). Leave empty to read it from the files.",
            )
            include_base = st.checkbox("Include the sample articles", value=True, key="include_base")
        else:
            st.caption(escape_markdown(f"Event store: {options.store}"))

    if store is not None:
        total = store.count()
        token = f"store:{options.store}:{total}"  # a store that grew is a new data set
        facets, titles = cached_store_facets(token, store), dict[str, str]()
    else:
        events: list[Event] = []
        token = ""
        base = pd.DataFrame()
        if include_base and options.events is not None:
            try:
                base = cached_events_csv(str(options.events), options.events.stat().st_mtime)
                token = f"csv:{options.events}:{options.events.stat().st_mtime}"
            except Exception as exc:  # an unreadable table is one line, the uploads still load
                errors.append(f"error: {options.events}: {exc}")
        elif include_base:
            found, failed = cached_directory_events(str(options.data))
            events.extend(found)
            errors.extend(failed)
            token = f"dir:{options.data}"
        found, failed, upload_token = load_uploads(uploads, published)
        events.extend(found)
        errors.extend(failed)
        if events or base.empty:
            frame = cached_frame(f"{token}|{upload_token}|{published}", events)
            all_events = frame if base.empty else sort_by_date(pd.concat([base, frame], ignore_index=True))
        else:
            all_events = base
        token = f"{token}|{upload_token}|{published}"
        facets, titles = cached_facets(token, all_events)
    show_errors(errors)

    sidebar_filters(facets, titles)
    spec = spec_from_widgets()
    lane_by: charts.LaneBy = st.session_state["f_lanes"]
    write_url(spec, lane_by)

    view = repr(spec)
    if store is not None:
        filtered, matched = cached_store_query(token, view, store, spec)
    else:
        total = len(all_events)
        filtered = apply_filters(all_events, spec)
        matched = len(filtered)

    articles, actors, first, last = cached_summary(token, view, filtered)
    metrics = st.columns(4)
    metrics[0].metric("Events shown", f"{matched:,}", help=f"of {total:,} events")
    metrics[1].metric("Articles", f"{articles:,}")
    metrics[2].metric("Actors", f"{actors:,}")
    metrics[3].metric(
        "Period", period_label(first, last) if first else "–", help=f"{first} to {last}" if first else None
    )
    if matched > len(filtered):
        st.warning(f"Showing the first {len(filtered):,} of {matched:,} matching events: narrow the filters.")
    if total == 0 and not errors:
        st.info("No events yet: add article files in the sidebar.")

    st.segmented_control(
        "Lanes", list(LANE_LABELS), key="f_lanes", format_func=LANE_LABELS.__getitem__, required=True,
        label_visibility="collapsed",
    )
    chart_state = st.plotly_chart(
        cached_timeline(token, view, lane_by, filtered), key="timeline_chart", on_select="rerun",
        selection_mode="points", width="stretch", config={"displaylogo": False, "scrollZoom": True},
    )
    undated = int((filtered["event_date"] == "").sum())
    st.caption(
        "Dots are events dated to the day; bars span the week, month or year an article gave. "
        "Hollow marks are not asserted (negated, planned, hypothetical)."
        + (f" Undated events ({undated:,}) are only in the table." if undated else "")
    )

    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(cached_counts(token, view, filtered), key="counts_chart", width="stretch")
    with right:
        points = cached_map_points(token, view, filtered)
        st.markdown("**Where**")
        if len(points):
            st.map(points, latitude="latitude", longitude="longitude", size="size", height=260)
        else:
            st.caption("No located events match the filters.")

    st.subheader("Selected event")
    details = st.container()

    st.subheader("Events")
    shown = filtered.head(TABLE_ROWS)
    table_state = st.dataframe(
        shown[list(TABLE_COLUMNS)].rename(columns=TABLE_COLUMNS), key="event_table", on_select="rerun",
        selection_mode="single-row", hide_index=True, width="stretch", height=360,
        column_config={"Confidence": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="%.2f")},
    )
    if len(filtered) > TABLE_ROWS:
        st.caption(f"The table shows the first {TABLE_ROWS:,} events; the download has all {len(filtered):,}.")
    st.download_button(
        f"Download CSV ({matched:,} events)",
        data=download_data(token, view, store, spec, filtered, matched),
        file_name="timeline-events.csv",
        mime="text/csv", key="download_csv", on_click="ignore", icon="⬇️",
    )

    selected, aggregate = selected_event(chart_pick(chart_state), table_pick(table_state, list(shown["event_id"])))
    chosen = filtered[filtered["event_id"] == selected] if selected else filtered.iloc[0:0]
    with details:
        if len(chosen):
            show_details(chosen.iloc[0], filtered if store is not None else all_events)
        elif aggregate:
            st.info("That mark stands for many events: zoom in or narrow the filters to pick one.")
        else:
            st.caption("Click a point on the timeline or a row of the table.")


main()
