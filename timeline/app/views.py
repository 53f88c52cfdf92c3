"""The page: the summary, the timeline, counts and map, the selected event's evidence, the table and download."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from timeline.app import charts
from timeline.app.evidence import escape_markdown, highlighted_sentence
from timeline.app.sidebar import LANE_LABELS, seed_widgets_from_url, sidebar_filters, spec_from_widgets, write_url
from timeline.app.sources import (
    cached_counts,
    cached_directory_events,
    cached_events_csv,
    cached_facets,
    cached_frame,
    cached_map_points,
    cached_store_facets,
    cached_store_query,
    cached_summary,
    cached_timeline,
    download_data,
    load_uploads,
    open_store,
    parse_options,
    sort_by_date,
)
from timeline.event_types import actor_labels
from timeline.ingest.formats import extensions
from timeline.models import Event
from timeline.pipeline import check_resources
from timeline.query import apply_filters
from timeline.resources import ResourceError
from timeline.settings import DEFAULTS
from timeline.store import EventStore
from timeline.table import iso_dates

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


def period_label(first: dt.date, last: dt.date) -> str:
    """A short label of the span between two days: "2019 – 2024", "Jan – Mar 2020" or one day."""
    if first.year != last.year:
        return f"{first.year} – {last.year}"
    if first.month != last.month:
        return f"{first:%b} – {last:%b %Y}"
    return f"{first.day} – {last.day} {last:%b %Y}" if first != last else f"{first.day} {first:%b %Y}"


def show_errors(errors: list[str]) -> None:
    """One error line per input that failed."""
    for message in errors:
        st.error(escape_markdown(message), icon="⚠️")


def chart_pick(state: Any) -> tuple[str, bool]:
    """The event id of the first selected timeline mark, and whether only aggregated marks were selected."""
    points = state["selection"]["points"] if state else []
    ids = [str(point.get("customdata") or "") for point in points]
    return next((i for i in ids if i), ""), bool(points) and not any(ids)


def table_pick(state: Any, shown_ids: list[str]) -> str:
    """The event id of the selected table row."""
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


def day_text(value: Any, missing: str = "") -> str:
    """A timestamp of the event table as an ISO day."""
    return missing if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def show_details(event: pd.Series, events: pd.DataFrame) -> None:
    """The selected event: its sentence with the trigger and date marked, its facts, the other reports of it."""
    sentence = str(event["source_sentence"])
    st.markdown(
        f"**{escape_markdown(str(event['event_type']).capitalize())}**"
        + (f" · {escape_markdown(str(event['sub_event_type']))}" if event["sub_event_type"] else "")
        + (f" · *{escape_markdown(str(event['modality']))}*" if event["modality"] != "asserted" else "")
        + f" on **{escape_markdown(day_text(event['event_date'], 'an unknown date'))}**"
    )
    st.markdown("> " + highlighted_sentence(sentence, {str(k): v for k, v in event.items()}))
    initiator, target = actor_labels(str(event["event_type"]))
    facts = {
        initiator: event["actor1"],
        target: event["actor2"],
        "Also involved": str(event["other_actors"]).replace(";", ", "),
        "Where": ", ".join(v for v in (str(event["location"]), str(event["country"])) if v),
        "Date as written": event["date_text"],
        "Interval": f"{day_text(event['date_start'])} – {day_text(event['date_end'])} ({event['time_precision']})"
        if not pd.isna(event["date_start"]) else "",
        "How the date was resolved": event["date_rule"],
        "Reported by": event["reported_by"],
        "Published": day_text(event["pub_date"], "unknown"),
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
            shown = others[["event_date", "date_text", "pub_date", "source_title", "source_sentence"]].assign(
                event_date=iso_dates(others["event_date"]), pub_date=iso_dates(others["pub_date"])
            )
            st.dataframe(shown, hide_index=True, width="stretch")
        else:
            st.caption("No other article reports this event.")


def open_store_or_stop(path: Path) -> EventStore:
    """The event store the app was started on; a missing or unreadable one is a message, not a traceback."""
    try:
        return open_store(str(path))
    except Exception as exc:  # a missing or unreadable store is a message, not a traceback
        st.error(escape_markdown(f"error: {path}: cannot open the event store: {exc}"), icon="⚠️")
        st.info("Build one with `python -m timeline ingest PATH... --store DIR`.")
        st.stop()


def main(sample_dir: Path) -> None:
    """The whole page, on the data the command line names (the sample articles by default)."""
    options = parse_options(sys.argv[1:], sample_dir)
    st.set_page_config(page_title="Timeline of events", page_icon="🗓️", layout="wide")
    try:
        check_resources()
    except ResourceError as exc:
        st.error(escape_markdown(f"error: {exc}"), icon="⚠️")
        st.stop()
    seed_widgets_from_url()
    st.title("Timeline of events")
    st.caption(
        "Strikes, attacks, killings, visits, meetings and calls read from news articles, each on the date "
        "the article gives it. Select a point or a table row to see why."
    )

    store = open_store_or_stop(options.store) if options.store is not None else None

    errors: list[str] = []
    uploads: list[Any] = []
    published: dt.date | None = None
    include_base = True
    with st.sidebar.expander("Your articles", expanded=store is None and options.events is None):
        if store is None:
            uploads = list(
                st.file_uploader(
                    "Add article files", type=[e.lstrip(".") for e in extensions()], accept_multiple_files=True,
                    key="uploads",
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

    all_events = pd.DataFrame()
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
        "Period",
        period_label(first, last) if first and last else "–",
        help=f"{first} to {last}" if first and last else None,
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
    undated = int(filtered["event_date"].isna().sum())
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
    rows = DEFAULTS.table_rows
    shown = filtered.head(rows)
    table = shown[list(TABLE_COLUMNS)].assign(event_date=iso_dates(shown["event_date"]))
    table_state = st.dataframe(
        table.rename(columns=TABLE_COLUMNS), key="event_table", on_select="rerun",
        selection_mode="single-row", hide_index=True, width="stretch", height=360,
        column_config={"Confidence": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="%.2f")},
    )
    if len(filtered) > rows:
        st.caption(f"The table shows the first {rows:,} events; the download has all {len(filtered):,}.")
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
