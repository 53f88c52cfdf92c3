"""Filter semantics in pandas and DuckDB, and the filter spec's round trip through URL query parameters."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.query import FilterSpec, apply_filters, facet_counts, filter_sql, from_query_params, to_query_params
from timeline.synthetic import synthetic_events
from timeline.table import normalise_frame

D = dt.date

ROWS = [
    # event_id, date_start, date_end, type, modality, actor1, actor2, other_actors, source, confidence, sentence
    ("a", "2020-01-03", "2020-01-03", "strike", "asserted", "United States", "Iran", "", "s1.txt", 0.9,
     "A US drone strike killed Qasem Soleimani near Baghdad."),
    ("b", "2020-01-08", "2020-01-08", "strike", "asserted", "Iran", "United States", "Iraq; NATO", "s2.txt", 0.8,
     "Iran launched missiles at the Ain al-Asad base."),
    ("c", "2020-01-01", "2020-01-31", "visit", "planned", "Mike Pompeo", "Iraq", "", "s1.txt", 0.4,
     "Pompeo will visit Baghdad in January."),
    ("d", "", "", "meeting", "asserted", "Emmanuel Macron", "", " Olaf Scholz ;Xi Jinping", "s3.txt", float("nan"),
     "Macron met counterparts; date unknown."),
    ("e", "2019-12-31", "2019-12-31", "attack", "negated", "<img src=x onerror=alert(1)>", "", "", "s3.txt", 0.6,
     "=HYPERLINK(\"x\") did not attack the embassy."),
    ("f", "2020-02-01", "", "call", "asserted", "Donald Trump", "Iraqi", "", "s2.txt", 0.7,
     "Trump called the Iraqi prime minister."),
]


@pytest.fixture
def events() -> pd.DataFrame:
    columns = ["event_id", "date_start", "date_end", "event_type", "modality", "actor1", "actor2", "other_actors",
               "source", "confidence", "source_sentence"]
    frame = pd.DataFrame(ROWS, columns=columns)
    frame["location"] = ["Baghdad", "Ain al-Asad", "Baghdad", "", "Baghdad", ""]
    frame["source_title"] = ["Soleimani killed", "Missiles", "Plans", "Summit", "Embassy", "Call"]
    return normalise_frame(frame)


def ids(df: pd.DataFrame) -> list[str]:
    return list(df["event_id"])


def duckdb_ids(df: pd.DataFrame, spec: FilterSpec) -> list[str]:
    where, params = filter_sql(spec)
    con = duckdb.connect()
    con.register("events", df.reset_index().rename(columns={"index": "row_order"}))
    rows = con.execute(f"SELECT event_id FROM events WHERE {where} ORDER BY row_order", params).fetchall()  # noqa: S608
    return [r[0] for r in rows]


ALL = ("asserted", "negated", "planned", "hypothetical")
CASES = [
    (FilterSpec(), ["a", "b", "d", "f"]),
    (FilterSpec(modalities=ALL), ["a", "b", "c", "d", "e", "f"]),
    (FilterSpec(modalities=()), ["a", "b", "c", "d", "e", "f"]),
    (FilterSpec(actors=("Iran",)), ["a", "b"]),
    (FilterSpec(actors=("NATO",)), ["b"]),
    (FilterSpec(actors=("Olaf Scholz", "Xi Jinping")), ["d"]),
    (FilterSpec(actors=("Ira",)), []),
    (FilterSpec(event_types=("strike", "call")), ["a", "b", "f"]),
    (FilterSpec(date_from=D(2020, 1, 5)), ["b", "f"]),
    (FilterSpec(date_to=D(2020, 1, 5), modalities=ALL), ["a", "c", "e"]),
    (FilterSpec(date_from=D(2020, 1, 10), date_to=D(2020, 1, 20), modalities=ALL), ["c"]),
    (FilterSpec(date_from=D(2020, 2, 1), date_to=D(2020, 2, 1)), ["f"]),
    (FilterSpec(sources=("s3.txt",), modalities=ALL), ["d", "e"]),
    (FilterSpec(text="BAGHDAD"), ["a"]),
    (FilterSpec(text="iraq", modalities=ALL), ["b", "c", "f"]),
    (FilterSpec(text="<img", modalities=ALL), ["e"]),
    (FilterSpec(min_confidence=0.75), ["a", "b"]),
    (FilterSpec(actors=("Iran",), event_types=("strike",), date_from=D(2020, 1, 4), text="missiles"), ["b"]),
]


@pytest.mark.parametrize(("spec", "expected"), CASES)
def test_pandas_filters(events: pd.DataFrame, spec: FilterSpec, expected: list[str]) -> None:
    assert ids(apply_filters(events, spec)) == expected


@pytest.mark.parametrize(("spec", "expected"), CASES)
def test_duckdb_filter_gives_the_same_rows(events: pd.DataFrame, spec: FilterSpec, expected: list[str]) -> None:
    assert duckdb_ids(events, spec) == expected


def test_filters_accept_datetime_columns(events: pd.DataFrame) -> None:
    typed = events.assign(
        date_start=pd.to_datetime(events["date_start"], errors="coerce"),
        date_end=pd.to_datetime(events["date_end"], errors="coerce"),
    )
    spec = FilterSpec(date_from=D(2020, 1, 5))
    assert ids(apply_filters(typed, spec)) == ["b", "f"]


SYNTHETIC = synthetic_events(2000, seed=7)
names = st.sampled_from(["Iran", "Iraq", "NATO", "Hamas", "Joe Biden", "nobody"])
spec_strategy = st.builds(
    FilterSpec,
    actors=st.lists(names, max_size=2).map(tuple),
    event_types=st.lists(st.sampled_from(["strike", "visit", "call", "other"]), max_size=2).map(tuple),
    date_from=st.none() | st.dates(D(2018, 6, 1), D(2025, 6, 1)),
    date_to=st.none() | st.dates(D(2018, 6, 1), D(2025, 6, 1)),
    sources=st.lists(st.sampled_from(["synthetic/article-0001.txt", "synthetic/article-0042.txt"]), max_size=1).map(
        tuple
    ),
    text=st.sampled_from(["", "iran", "STRIKE", "in 2020-0", "ü"]),
    min_confidence=st.sampled_from([0.0, 0.5, 0.95]),
    modalities=st.lists(st.sampled_from(ALL), max_size=2).map(tuple),
)


@settings(max_examples=30, deadline=None)
@given(spec=spec_strategy)
def test_pandas_and_duckdb_agree_on_synthetic_data(spec: FilterSpec) -> None:
    assert ids(apply_filters(SYNTHETIC, spec)) == duckdb_ids(SYNTHETIC, spec)


@settings(max_examples=30, deadline=None)
@given(spec=spec_strategy)
def test_query_params_round_trip(spec: FilterSpec) -> None:
    restored = from_query_params(to_query_params(spec))
    assert ids(apply_filters(SYNTHETIC, restored)) == ids(apply_filters(SYNTHETIC, spec))


def test_query_params_round_trip_exactly() -> None:
    spec = FilterSpec(
        actors=("Iran", "United States"), event_types=("strike",), date_from=D(2020, 1, 1), date_to=D(2020, 1, 31),
        sources=("a.txt",), text="drone", min_confidence=0.5, modalities=("asserted", "planned"),
    )
    params = to_query_params(spec)
    assert params["actor"] == ["Iran", "United States"]
    assert params["from"] == "2020-01-01"
    assert from_query_params(params) == spec
    assert to_query_params(FilterSpec()) == {}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, FilterSpec()),
        ({"from": "yesterday", "to": "2020-13-45", "min_conf": "lots"}, FilterSpec()),
        ({"min_conf": "7"}, FilterSpec(min_confidence=1.0)),
        ({"min_conf": "nan"}, FilterSpec()),
        ({"min_conf": "-1"}, FilterSpec()),
        ({"from": "2020-02-01", "to": "2020-01-01"}, FilterSpec(date_from=D(2020, 1, 1), date_to=D(2020, 2, 1))),
        ({"actor": "Iran"}, FilterSpec(actors=("Iran",))),
        ({"actor": ["Iran", "", "Iran", " Iraq "]}, FilterSpec(actors=("Iran", "Iraq"))),
        ({"modality": ["bogus"]}, FilterSpec()),
        ({"modality": ["negated", "bogus"]}, FilterSpec(modalities=("negated",))),
        ({"q": ["x" * 5000]}, FilterSpec(text="x" * 500)),
        ({"actor": [str(i) for i in range(1000)]}, FilterSpec(actors=tuple(str(i) for i in range(200)))),
        ({"actor": 5, "type": None}, FilterSpec(actors=("5",))),
    ],
)
def test_malformed_query_params_are_ignored(params: dict[str, object], expected: FilterSpec) -> None:
    assert from_query_params(params) == expected


def test_facet_counts_count_each_event_once_per_actor(events: pd.DataFrame) -> None:
    counts = dict(facet_counts(events)["actors"])
    assert counts["Iran"] == 2
    assert counts["Iraq"] == 2
    assert counts["Olaf Scholz"] == 1
    assert "" not in counts
    assert facet_counts(events)["event_types"][0] == ("strike", 2)
    doubled = normalise_frame(pd.DataFrame({"actor1": ["X"], "actor2": ["X"], "other_actors": ["X;X"]}))
    assert facet_counts(doubled)["actors"] == [("X", 1)]


def test_a_reversed_date_range_is_read_the_right_way_round() -> None:
    spec = FilterSpec(date_from=D(2020, 2, 1), date_to=D(2020, 1, 1))
    assert (spec.date_from, spec.date_to) == (D(2020, 1, 1), D(2020, 2, 1))
