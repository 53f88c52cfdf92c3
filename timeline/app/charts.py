"""Plotly figures of an event table: the timeline (lanes, markers, interval bars), counts over time, map points."""

from __future__ import annotations

import html
from typing import Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.event_types import colour_of
from timeline.settings import DEFAULTS, Settings
from timeline.table import iso_dates

LaneBy = Literal["actor", "event_type"]

OTHER_COLOUR = "#7f7f7f"
OTHER_LANE = "other actors"
NO_ACTOR_LANE = "(no actor named)"
DAY = pd.Timedelta(days=1)
MIN_PAD = pd.Timedelta(days=3)
EPOCH = pd.Timestamp("1970-01-05")
"""A Monday: aggregation periods are counted in whole days from it, so weeks start on Mondays."""
PERIODS = (("day", 1), ("week", 7), ("4 weeks", 28), ("quarter", 91), ("year", 364))


def type_colour(event_type: str) -> str:
    """The colour of an event type (stable across figures)."""
    return colour_of(event_type, OTHER_COLOUR)


def event_dates(df: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Interval start and end (inclusive day) of every row as timestamps; NaT where there is no date."""
    start, end = df["date_start"], df["date_end"].fillna(df["date_start"])
    return start, end.where(end >= start, start)


def label(text: str) -> str:
    """`text` for a Plotly label or hover: markup characters as entities Plotly turns back into text."""
    return html.escape(text, quote=False)


def _escaped(values: pd.Series) -> pd.Series:
    codes, uniques = pd.factorize(values.astype("str"))
    escaped = np.array([label(str(u)) for u in uniques] + [""], dtype=object)
    return pd.Series(escaped[codes], index=values.index, dtype="str")


def _hover(df: pd.DataFrame) -> pd.Series:
    actors = df["actor1"].astype("str").str.cat(df["actor2"].astype("str"), sep=" → ").str.strip(" →")
    sentence = df["source_sentence"].astype("str")
    limit = DEFAULTS.hover_sentence_chars
    short = sentence.where(sentence.str.len() <= limit, sentence.str[: limit - 1] + "…")
    date_text = df["date_text"].astype("str")
    return (
        "<b>"
        + _escaped(iso_dates(df["event_date"]))
        + "</b> "
        + _escaped(date_text.where(date_text == "", "“" + date_text + "”"))
        + " · "
        + _escaped(df["time_precision"])
        + "<br>"
        + _escaped(df["event_type"])
        + " ("
        + _escaped(df["modality"])
        + ")<br>"
        + _escaped(actors)
        + "<br><i>"
        + _escaped(short)
        + "</i>"
    )


def _lanes(df: pd.DataFrame, lane_by: LaneBy, max_lanes: int) -> pd.DataFrame:
    """One row per (event, lane): the event's type lane, or a lane for each of its two main actors.

    `pos` is the row's position in `df`. Actors beyond the `max_lanes - 1` most frequent share one lane.
    """
    n = len(df)
    if lane_by == "event_type":
        return pd.DataFrame({"pos": np.arange(n), "lane": df["event_type"].astype("str").to_numpy()})
    codes, names = pd.factorize(pd.concat([df["actor1"], df["actor2"]], ignore_index=True).astype("str"))
    lane_names = np.append(np.asarray(names, dtype=object), [NO_ACTOR_LANE, OTHER_LANE])
    no_actor, other = len(lane_names) - 2, len(lane_names) - 1
    empty = np.flatnonzero(lane_names == "")
    if len(empty):
        codes[codes == empty[0]] = -1
    first, second = codes[:n].copy(), codes[n:].copy()
    first[(first < 0) & (second < 0)] = no_actor
    second[second == first] = -1
    both = np.concatenate([first, second])
    counts = np.bincount(both[both >= 0], minlength=len(lane_names))
    if np.count_nonzero(counts) > max_lanes:
        keep = np.zeros(len(lane_names), dtype=bool)
        keep[np.argsort(-counts, kind="stable")[: max_lanes - 1]] = True
        keep[no_actor] = True
        first = np.where((first >= 0) & ~keep[np.maximum(first, 0)], other, first)
        second = np.where((second >= 0) & ~keep[np.maximum(second, 0)], other, second)
    second[second == first] = -1
    positions = np.concatenate([np.arange(n), np.arange(n)])
    lane_codes = np.concatenate([first, second])
    used = lane_codes >= 0
    return pd.DataFrame({"pos": positions[used], "lane": lane_names[lane_codes[used]]})


def _bin(rows: pd.DataFrame, max_groups: int) -> tuple[str, int]:
    """The shortest period whose (lane, period, type) groups number at most `max_groups`."""
    days = (rows["start"] - EPOCH).dt.days.to_numpy(dtype="int64")
    keys = pd.factorize(rows["lane"])[0].astype("int64") * 64 + pd.factorize(rows["event_type"])[0] * 2
    keys = keys + rows["hollow"].to_numpy(dtype="int64")
    groups = pd.unique(keys * 1_000_000 + days)
    for period, bin_days in PERIODS:
        if len(pd.unique(groups // 1_000_000 * 1_000_000 + groups % 1_000_000 // bin_days)) <= max_groups:
            return period, bin_days
    return PERIODS[-1]


def _axis_range(start: pd.Series, end: pd.Series) -> list[str]:
    low, high = start.min(), end.max() + DAY
    pad = max(MIN_PAD, (high - low) * 0.03)
    return [(low - pad).isoformat(), (high + pad).isoformat()]


def _days(values: pd.Series) -> np.ndarray:
    """Timestamps as ISO days: the shortest form Plotly reads as dates."""
    return np.datetime_as_string(values.to_numpy(dtype="datetime64[ns]"), unit="D")


def _counted(rows: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The distinct combinations of `columns` in `rows`, with their number of rows as `n`."""
    key = np.zeros(len(rows), dtype=np.int64)
    for column in columns:
        codes, uniques = pd.factorize(rows[column])
        key = key * (len(uniques) + 1) + codes
    _, first, counts = np.unique(key, return_index=True, return_counts=True)
    distinct = rows[columns].iloc[first].reset_index(drop=True)
    distinct["n"] = counts
    return distinct


def _marker_traces(rows: pd.DataFrame, source: pd.DataFrame, limits: Settings) -> list[go.Scattergl]:
    traces: list[go.Scattergl] = []
    aggregate = len(rows) > limits.max_markers
    if aggregate:
        period, bin_days = _bin(rows, limits.max_groups)
        days = (rows["start"] - EPOCH).dt.days.to_numpy(dtype="int64")
        period_start = EPOCH + pd.to_timedelta(days // bin_days * bin_days, unit="D")
        binned = rows[["event_type", "hollow", "lane"]].assign(start=period_start)
        rows = _counted(binned, ["event_type", "hollow", "lane", "start"])
    for (event_type, hollow), group in rows.groupby(["event_type", "hollow"], sort=True):
        name = label(str(event_type)) + (" (not asserted)" if hollow else "")
        marker: dict[str, object] = {
            "color": type_colour(str(event_type)),
            "symbol": "circle-open" if hollow else "circle",
            "line": {"width": 2 if hollow else 0.5, "color": type_colour(str(event_type)) if hollow else "white"},
        }
        if aggregate:
            bins = group
            marker["size"] = (5 + 2.5 * np.sqrt(bins["n"].to_numpy())).clip(max=28)
            text = (
                bins["n"].astype("str") + " " + label(str(event_type)) + " events, " + period + " of "
                + bins["start"].dt.strftime("%Y-%m-%d") + "<br>" + _escaped(bins["lane"])
                + "<br>zoom in or narrow the filters to see each one"
            )
            x, y, ids = _days(bins["start"]), _escaped(bins["lane"]), np.full(len(bins), "", dtype=object)
        else:
            marker["size"] = 11
            x, y = _days(group["start"]), _escaped(group["lane"])
            text, ids = _hover(source.iloc[group["pos"].to_numpy()]), group["event_id"].to_numpy(dtype=object)
        traces.append(
            go.Scattergl(
                x=x, y=y, mode="markers", name=name, legendgroup=str(event_type), marker=marker,
                customdata=ids, hovertext=text, hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    return traces


def _bar_traces(rows: pd.DataFrame, source: pd.DataFrame, limits: Settings) -> list[go.Bar]:
    if rows.empty:
        return []
    if len(rows) > limits.max_bars:
        groups = _counted(rows, ["lane", "event_type", "hollow", "start", "end"])
        rows = groups.nlargest(limits.max_bars, "n", keep="first").reset_index(drop=True)
        rows["event_id"] = ""
        text = (
            rows["n"].astype("str") + " events from " + rows["start"].dt.strftime("%Y-%m-%d") + " to "
            + rows["end"].dt.strftime("%Y-%m-%d") + "<br>" + _escaped(rows["lane"])
        )
    else:
        text = _hover(source.iloc[rows["pos"].to_numpy()]).set_axis(rows.index)
    traces: list[go.Bar] = []
    for (event_type, hollow), group in rows.groupby(["event_type", "hollow"], sort=True):
        colour = type_colour(str(event_type))
        width_ms = ((group["end"] + DAY - group["start"]).dt.total_seconds() * 1000).to_numpy()
        traces.append(
            go.Bar(
                base=group["start"].dt.strftime("%Y-%m-%d"), x=width_ms, y=_escaped(group["lane"]), orientation="h",
                name=label(str(event_type)) + " (interval)", legendgroup=str(event_type), showlegend=False,
                marker={
                    "color": colour, "opacity": 0.35, "line": {"color": colour, "width": 1},
                    "pattern": {"shape": "/" if hollow else ""},
                },
                width=0.5, customdata=np.asarray(group["event_id"], dtype=object), hovertext=text.loc[group.index],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    return traces


def timeline_figure(df: pd.DataFrame, lane_by: LaneBy = "actor", limits: Settings = DEFAULTS) -> go.Figure:
    """Events on a date axis, one lane per actor or event type; day events as markers, longer ones as bars.

    Not-asserted events (negated, planned, hypothetical) are drawn hollow; the event id of each mark is its
    `customdata` (empty for aggregated marks). Rows without a date are left out.
    """
    start, end = event_dates(df)
    dated_positions = np.flatnonzero(start.notna().to_numpy())
    fig = go.Figure()
    if not len(dated_positions):
        fig.update_layout(height=260, xaxis={"visible": False}, yaxis={"visible": False})
        fig.add_annotation(text="No dated events match the filters.", showarrow=False, font={"size": 16})
        return fig
    dated = df[["event_id", "event_type", "modality", "actor1", "actor2"]].iloc[dated_positions]
    lanes = _lanes(dated, lane_by, limits.max_lanes)
    positions = dated_positions[lanes["pos"].to_numpy()]
    rows = df[["event_id", "event_type", "modality"]].iloc[positions].reset_index(drop=True)
    rows["lane"] = lanes["lane"].to_numpy()
    rows["pos"] = positions
    rows["start"] = start.to_numpy()[positions]
    rows["end"] = end.to_numpy()[positions]
    rows["hollow"] = rows["modality"].astype("str") != "asserted"
    is_day = rows["start"] == rows["end"]
    for trace in _bar_traces(rows[~is_day], df, limits):
        fig.add_trace(trace)
    for trace in _marker_traces(rows[is_day], df, limits):
        fig.add_trace(trace)
    start, end = start.iloc[dated_positions], end.iloc[dated_positions]
    by_count = rows["lane"].value_counts(ascending=True).index
    catch_all = [lane for lane in (OTHER_LANE, NO_ACTOR_LANE) if lane in by_count and lane_by == "actor"]
    lane_order = catch_all + [lane for lane in by_count if lane not in catch_all]
    fig.update_layout(
        height=max(320, 140 + 30 * len(lane_order)),
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
        barmode="overlay",
        hovermode="closest",
        clickmode="event+select",
        dragmode="zoom",
        uirevision=lane_by,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right", "title": None},
        xaxis={
            "type": "date",
            "range": _axis_range(start, end),
            "rangeselector": {
                "buttons": [
                    {"count": 7, "label": "1w", "step": "day", "stepmode": "backward"},
                    {"count": 1, "label": "1m", "step": "month", "stepmode": "backward"},
                    {"count": 6, "label": "6m", "step": "month", "stepmode": "backward"},
                    {"count": 1, "label": "1y", "step": "year", "stepmode": "backward"},
                    {"step": "all", "label": "all"},
                ],
                "x": 0, "y": 1.02, "yanchor": "bottom",
            },
            "showgrid": True,
        },
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": [label(str(lane)) for lane in lane_order],
            "automargin": True,
            "showgrid": True,
        },
    )
    return fig


def _period(span: pd.Timedelta) -> tuple[str, str]:
    if span <= pd.Timedelta(days=120):
        return "D", "day"
    if span <= pd.Timedelta(days=3 * 365):
        return "W", "week"
    return "M", "month"


def counts_figure(df: pd.DataFrame) -> go.Figure:
    """Events per day, week or month (by the span of the data), stacked by event type."""
    start, end = event_dates(df)
    fig = go.Figure()
    dated = start.notna()
    if not dated.any():
        fig.update_layout(height=260)
        fig.add_annotation(text="No dated events.", showarrow=False)
        return fig
    freq, unit = _period(end[dated].max() - start[dated].min())
    periods = start[dated].dt.to_period(freq).dt.start_time
    counts = pd.DataFrame({"period": periods, "event_type": df.loc[dated, "event_type"].astype("str")})
    table = counts.groupby(["period", "event_type"]).size().unstack(fill_value=0).sort_index()
    for event_type in table.columns:
        fig.add_trace(
            go.Bar(
                x=table.index, y=table[event_type], name=label(str(event_type)),
                marker_color=type_colour(str(event_type)),
                hovertemplate="%{x|%Y-%m-%d}: %{y} " + label(str(event_type)) + "<extra></extra>",
            )
        )
    low, high = table.index.min(), table.index.max()
    pad = max(MIN_PAD, (high - low) * 0.03)
    fig.update_layout(
        barmode="stack", height=300, margin={"l": 10, "r": 10, "t": 30, "b": 10}, showlegend=False,
        title={"text": f"Events per {unit}", "font": {"size": 14}},
        xaxis={"type": "date", "range": [(low - pad).isoformat(), (high + pad).isoformat()]},
        yaxis={"title": None},
    )
    return fig


def map_points(df: pd.DataFrame) -> pd.DataFrame:
    """One point per located place: latitude, longitude, place name, event count and a marker size in metres."""
    located = df[df["latitude"].notna() & df["longitude"].notna()]
    points = (
        located.groupby(["latitude", "longitude"], sort=False)
        .agg(location=("location", "first"), events=("event_id", "size"))
        .reset_index()
    )
    points["size"] = 20000 + 15000 * np.sqrt(points["events"].to_numpy(dtype=float))
    return points
