"""Timeline, counts and map figures built from event tables: marks, lanes, aggregation, escaping, axis range."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest

from timeline.app.charts import (
    NO_ACTOR_LANE,
    OTHER_LANE,
    counts_figure,
    map_points,
    timeline_figure,
)
from timeline.app.evidence import escape_markdown, find_spans, highlighted_sentence
from timeline.settings import DEFAULTS
from timeline.synthetic import synthetic_events
from timeline.table import normalise_frame


def frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    return normalise_frame(pd.DataFrame(rows))


def event(event_id: str, start: str, end: str | None = None, **fields: object) -> dict[str, object]:
    row: dict[str, object] = {
        "event_id": event_id, "event_date": start, "date_start": start, "date_end": end or start,
        "time_precision": "day" if (end or start) == start else "month", "event_type": "strike",
        "modality": "asserted", "actor1": "Iran", "actor2": "United States", "date_text": "on Wednesday",
        "source_sentence": "Iran struck a base on Wednesday.",
    }
    row.update(fields)
    return row


def marks(fig: object) -> list[tuple[str, str, object]]:
    """(trace type, event id, x) of every drawn mark."""
    out = []
    for trace in fig.data:  # type: ignore[attr-defined]
        for i, event_id in enumerate(trace.customdata):
            x = trace.base[i] if trace.type == "bar" else trace.x[i]
            out.append((trace.type, event_id, str(x)[:10]))
    return out


def test_day_events_are_markers_and_intervals_are_bars() -> None:
    df = frame([event("d", "2020-01-08"), event("m", "2020-01-01", "2020-01-31", event_type="visit")])
    fig = timeline_figure(df, "event_type")
    assert sorted(marks(fig)) == [("bar", "m", "2020-01-01"), ("scattergl", "d", "2020-01-08")]
    bar = next(t for t in fig.data if t.type == "bar")
    assert bar.x[0] == 31 * 24 * 3600 * 1000  # the whole of January, inclusive
    assert bar.orientation == "h"


def test_a_single_day_gets_an_axis_of_several_days() -> None:
    fig = timeline_figure(frame([event("d", "2020-01-08")]))
    low, high = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert high - low >= pd.Timedelta(days=6)
    assert fig.layout.xaxis.type == "date"
    assert fig.layout.xaxis.rangeselector.buttons


def test_actor_lanes_hold_each_event_once_per_actor() -> None:
    df = frame([event("a", "2020-01-03"), event("b", "2020-01-04", actor1="", actor2=""),
                event("c", "2020-01-05", actor2="Iran")])
    lanes = sorted((e, y) for t in timeline_figure(df, "actor").data for e, y in zip(t.customdata, t.y, strict=True))
    assert lanes == [("a", "Iran"), ("a", "United States"), ("b", NO_ACTOR_LANE), ("c", "Iran")]


def test_rare_actors_share_one_lane() -> None:
    rows = [event(f"e{i}", "2020-01-03", actor1=f"Actor {i % 8}", actor2="") for i in range(40)]
    fig = timeline_figure(frame(rows), "actor", dataclasses.replace(DEFAULTS, max_lanes=4))
    lanes = {y for t in fig.data for y in t.y}
    assert len(lanes) == 4
    assert OTHER_LANE in lanes
    assert fig.layout.yaxis.categoryarray[0] == OTHER_LANE


def test_not_asserted_events_are_hollow() -> None:
    df = frame([event("a", "2020-01-03"), event("p", "2020-01-09", modality="planned")])
    symbols = {t.customdata[0]: t.marker.symbol for t in timeline_figure(df).data}
    assert symbols == {"a": "circle", "p": "circle-open"}


def test_undated_events_are_left_out_and_an_empty_table_draws_a_message() -> None:
    df = frame([event("u", "", date_end="", event_date="")])
    fig = timeline_figure(df)
    assert not fig.data
    assert "No dated events" in fig.layout.annotations[0].text


def test_hover_and_labels_are_escaped() -> None:
    hostile = "<img src=x onerror=alert(1)>"
    df = frame([event("h", "2020-01-03", actor1=hostile, source_sentence=f"{hostile} struck.")])
    spec = timeline_figure(df).to_json()
    assert "<img" not in spec
    assert "&lt;img src=x onerror=alert(1)&gt;" in json.loads(spec)["data"][0]["hovertext"][0]


def test_hover_shows_date_expression_type_actors_and_a_short_sentence() -> None:
    df = frame([event("a", "2020-01-08", source_sentence="Iran struck. " + "x" * 400)])
    hover = timeline_figure(df).data[0].hovertext[0]
    for part in ("2020-01-08", "“on Wednesday”", "strike", "Iran → United States", "Iran struck."):
        assert part in hover
    assert len(hover) < 400


def test_many_events_are_aggregated_into_few_marks() -> None:
    df = synthetic_events(20_000, seed=3)
    fig = timeline_figure(df, "actor", dataclasses.replace(DEFAULTS, max_markers=1000, max_groups=3000, max_bars=100))
    markers = [t for t in fig.data if t.type == "scattergl"]
    bars = [t for t in fig.data if t.type == "bar"]
    assert sum(len(t.x) for t in markers) <= 3000
    assert sum(len(t.x) for t in bars) <= 100
    assert all(not any(t.customdata) for t in markers)
    assert "events" in markers[0].hovertext[0]


def test_counts_are_stacked_per_type_and_sum_to_the_dated_events() -> None:
    df = frame([event("a", "2020-01-03"), event("b", "2020-01-03", event_type="visit"), event("c", "2020-01-05"),
                event("u", "", date_end="", event_date="")])
    fig = counts_figure(df)
    assert sum(sum(t.y) for t in fig.data) == 3
    assert {t.name for t in fig.data} == {"strike", "visit"}
    assert fig.layout.barmode == "stack"


def test_map_points_group_located_events() -> None:
    df = frame([event("a", "2020-01-03", location="Baghdad", latitude=33.3, longitude=44.4),
                event("b", "2020-01-04", location="Baghdad", latitude=33.3, longitude=44.4),
                event("c", "2020-01-05")])
    points = map_points(df)
    assert points[["location", "events"]].to_dict("records") == [{"location": "Baghdad", "events": 2}]


@pytest.mark.parametrize(
    "text",
    ["<img src=x onerror=alert(1)>", "[link](javascript:alert(1))", ":red[boom] $x^2$ **bold**", "a\nb\\c", "#hdr"],
)
def test_markdown_escaping_leaves_no_markup(text: str) -> None:
    escaped = escape_markdown(text)
    unescaped = escaped.replace("\\\\", "\0").replace("\\", "").replace("\0", "\\")
    assert unescaped == text.replace("\n", " ")
    for mark in "<>[]()*$:#":
        assert mark not in escaped.replace("\\" + mark, "")


def evidence(sentence: str, at: int, trigger: str, date: str) -> dict[str, object]:
    """An event row whose sentence starts at `at` in its article, with the offsets of its trigger and date."""
    t, d = sentence.index(trigger), sentence.index(date) if date else -1
    return {"source_sentence": sentence, "char_start": at,
            "trigger_start": at + t, "trigger_end": at + t + len(trigger),
            "date_char_start": at + d if date else None, "date_char_end": at + d + len(date) if date else None}


def test_trigger_and_date_expression_are_highlighted_from_the_stored_offsets() -> None:
    sentence = "On Wednesday, Iran launched a missile strike on the base."
    event = evidence(sentence, 500, "strike", "On Wednesday")
    assert find_spans(event) == [(0, 12, "date"), (38, 44, "trigger")]
    marked = highlighted_sentence(sentence, event)
    assert marked.startswith(":blue-background[**On Wednesday**]\\,")
    assert ":orange-background[**strike**]" in marked


def test_an_inherited_date_is_not_highlighted_and_bad_offsets_are_ignored() -> None:
    sentence = "Iran struck the base again."
    assert find_spans(evidence(sentence, 0, "struck", "")) == [(5, 11, "trigger")]
    assert find_spans(dict(evidence(sentence, 0, "struck", ""), trigger_end=900)) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('=HYPERLINK("http://evil.example/a?b=1","x")', "http://evil.example/a?b=1"),
        ("write to bob@evil.example today", "bob@evil.example"),
        ("see www.evil.example", "www.evil.example"),
    ],
)
def test_addresses_become_inline_code_so_they_are_never_links(text: str, code: str) -> None:
    assert f"` {code} `" in escape_markdown(text)
