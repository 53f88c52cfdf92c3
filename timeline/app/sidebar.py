"""The sidebar's filter widgets, one per filter of filters.yaml, and the view state they share with the URL.

Every widget's key is `f_<filter name>`. On a session's first run the widgets are set from the URL, so a
shared link restores the view; every run writes the current filters back to the URL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from timeline.models import MODALITIES
from timeline.query import FilterSpec, filters, from_query_params, to_query_params
from timeline.query.kinds import Actors, AtLeast, Filter, FromDate, Modality, Text, Values
from timeline.query.url import query_keys

LANE_PARAM = "lanes"
LANE_LABELS = {"actor": "Actor", "event_type": "Event type"}
EARLIEST_DAY = dt.date(1900, 1, 1)
MODALITY_CHOICE = "_modalities_asked"
"""Session key of the modalities a link asked for, shown when the modality switch is on."""


def key(f: Filter) -> str:
    """The session-state key of a filter's widget."""
    return f"f_{f.name}"


def widget_value(f: Filter, value: Any) -> Any:
    """What a filter's widget holds for a spec value."""
    if isinstance(f.kind, Modality):
        return bool(value != f.kind.default)
    if isinstance(f.kind, Values):
        return list(value)
    return value


def spec_value(f: Filter, held: Any) -> Any:
    """The spec value of what a filter's widget holds."""
    if isinstance(f.kind, Modality):
        asked = tuple(st.session_state.get(MODALITY_CHOICE) or ())
        return (asked if asked and asked != f.kind.default else MODALITIES) if held else f.kind.default
    return held


def seed_widgets_from_url() -> None:
    """On a session's first run, set the filter widgets from the URL so a shared link restores the view."""
    if st.session_state.get("_seeded"):
        return
    spec = from_query_params({name: st.query_params.get_all(name) for name in query_keys()}).values()
    state = {key(f): widget_value(f, spec[f.name]) for f in filters().values()}
    modality = next((f for f in filters().values() if isinstance(f.kind, Modality)), None)
    if modality is not None:
        state[MODALITY_CHOICE] = spec[modality.name]
    lanes = st.query_params.get(LANE_PARAM)
    st.session_state.update(state, f_lanes=lanes if lanes in LANE_LABELS else "actor", _seeded=True)


def spec_from_widgets() -> FilterSpec:
    """The filter spec the widgets hold."""
    return FilterSpec(**{f.name: spec_value(f, st.session_state[key(f)]) for f in filters().values()})


def write_url(spec: FilterSpec, lane_by: str) -> None:
    """Keep the URL in step with the view (only when it changed, so no rerun is triggered for nothing)."""
    params = to_query_params(spec)
    if lane_by != "actor":
        params[LANE_PARAM] = lane_by
    current = {name: st.query_params.get_all(name) for name in st.query_params}
    wanted = {name: value if isinstance(value, list) else [value] for name, value in params.items()}
    if current != wanted:
        st.query_params.from_dict(params)


def reset_filters() -> None:
    """Every filter back to its default."""
    st.session_state.update({key(f): widget_value(f, f.kind.default) for f in filters().values()})
    st.session_state[MODALITY_CHOICE] = ()


def counted(counts: dict[str, int], name: Callable[[str], str] = str) -> Callable[[str], str]:
    """A format function showing a value with its event count."""
    return lambda value: f"{name(value)} ({counts.get(value, 0):,})"


def options_with(values: list[tuple[str, int]], selected: list[str], choices: tuple[str, ...]) -> list[str]:
    """Facet values, most frequent first, then any selected value the data does not hold (from a link, say) and
    the filter's other allowed values."""
    names = [name for name, _ in values]
    extra = [name for name in [*selected, *choices] if name not in set(names)]
    return names + list(dict.fromkeys(extra))


def values_widget(f: Filter, container: Any, facets: dict[str, list[tuple[str, int]]],
                  titles: dict[str, str]) -> None:
    """A multiselect of a column's values with their counts (sources by their article title)."""
    counts = dict(facets.get(f.name, []))
    name: Callable[[str], str] = (lambda s: titles.get(s) or Path(s).name) if f.name == "sources" else str
    container.multiselect(
        f.label, options_with(facets.get(f.name, []), st.session_state[key(f)], f.choices), key=key(f),
        format_func=counted(counts, name), placeholder=f.placeholder or "Any", help=f.help or None,
    )


def sidebar_filters(facets: dict[str, list[tuple[str, int]]], source_titles: dict[str, str]) -> None:
    """The filter widgets in the order of filters.yaml, and a reset button."""
    sidebar = st.sidebar
    sidebar.header("Filters")
    table = list(filters().values())
    index = 0
    while index < len(table):
        f = table[index]
        following = table[index + 1] if index + 1 < len(table) else None
        if isinstance(f.kind, FromDate) and following is not None and isinstance(following.kind, FromDate):
            left, right = sidebar.columns(2)
            for column, date_filter in ((left, f), (right, following)):
                column.date_input(date_filter.label, key=key(date_filter), format="YYYY-MM-DD",
                                  min_value=EARLIEST_DAY, help=date_filter.help or None)
            index += 2
            continue
        if isinstance(f.kind, Modality):
            sidebar.toggle(f.label, key=key(f), help=f.help or None)
        elif isinstance(f.kind, Values | Actors):
            values_widget(f, sidebar, facets, source_titles)
        elif isinstance(f.kind, FromDate):
            sidebar.date_input(f.label, key=key(f), format="YYYY-MM-DD", min_value=EARLIEST_DAY, help=f.help or None)
        elif isinstance(f.kind, Text):
            sidebar.text_input(f.label, key=key(f), placeholder=f.placeholder, help=f.help or None)
        elif isinstance(f.kind, AtLeast):
            sidebar.slider(f.label, 0.0, 1.0, step=0.05, key=key(f), help=f.help or None)
        index += 1
    sidebar.button("Reset filters", on_click=reset_filters, width="stretch")
