"""Exports: CSV safe for spreadsheets, JSON Lines that round-trip, TimelineJS documents with escaped text."""

from __future__ import annotations

import csv
import io
import json

import pytest

from timeline.export import WRITERS, neutralise_cell, timelinejs_event, write_csv, write_jsonl, write_timelinejs
from timeline.models import EVENT_COLUMNS, Event


def rows() -> list[dict[str, object]]:
    return [
        Event(
            event_id="e1",
            event_date="2020-01-03",
            date_start="2020-01-03",
            date_end="2020-01-03",
            time_precision="day",
            event_type="strike",
            sub_event_type="air_strike",
            actor1="United States",
            actor2='=HYPERLINK("http://x")',
            location="Baghdad",
            source_sentence='A <b>drone</b> struck & killed "him".',
            confidence=0.9,
            latitude=33.31,
            source="a.txt",
            source_title="Strike",
            source_url="https://news.example/a",
            pub_date="2020-01-03",
        ).as_row(),
        Event(
            event_id="e2",
            event_date="2020-03-01",
            date_start="2020-03-01",
            date_end="2020-03-31",
            time_precision="month",
            event_type="call",
            modality="planned",
            actor1="-Iran",
            source_url="javascript:alert(1)",
            source_title="Calls",
        ).as_row(),
        Event(event_id="e3", event_type="visit", date_start="2020-W06", time_precision="week").as_row(),
        Event(
            event_id="e4",
            event_date="2020-02-03",
            date_start="2020-02-03",
            date_end="2020-02-09",
            time_precision="week",
            event_type="meeting",
        ).as_row(),
        Event(event_id="e5", event_type="attack").as_row(),
    ]


@pytest.mark.parametrize(
    ("value", "cell"),
    [("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("-3.5", "-3.5"), ("a", "a")],
)
def test_cells_that_a_spreadsheet_would_run_are_neutralised(value: str, cell: str) -> None:
    assert neutralise_cell(value) == cell


def test_csv_has_the_event_columns_and_neutralised_text() -> None:
    out = io.StringIO()
    assert write_csv(rows(), out) == 5
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(table[0]) == EVENT_COLUMNS
    assert table[0]["actor2"] == '\'=HYPERLINK("http://x")'
    assert table[1]["actor1"] == "'-Iran"
    assert table[0]["latitude"] == "33.31" and table[1]["latitude"] == ""


def test_csv_header_is_written_for_no_rows() -> None:
    out = io.StringIO()
    assert write_csv([], out) == 0
    assert out.getvalue().strip() == ",".join(EVENT_COLUMNS)


def test_jsonl_round_trips() -> None:
    out = io.StringIO()
    assert write_jsonl(rows(), out) == 5
    back = [json.loads(line) for line in out.getvalue().splitlines()]
    assert back == [{c: r[c] for c in EVENT_COLUMNS} for r in rows()]


def test_timelinejs_document_structure() -> None:
    out = io.StringIO()
    assert write_timelinejs(rows(), out, title="Gulf <crisis>") == 3
    doc = json.loads(out.getvalue())
    assert doc["title"]["text"]["headline"] == "Gulf &lt;crisis&gt;"
    first, second, third = doc["events"]
    assert first["start_date"] == {"year": 2020, "month": 1, "day": 3} and "end_date" not in first
    assert first["group"] == "strike" and first["unique_id"] == "e1"
    assert first["text"]["headline"].startswith("Air strike: United States → =HYPERLINK(&quot;")
    assert "&lt;b&gt;drone&lt;/b&gt; struck &amp; killed &quot;him&quot;." in first["text"]["text"]
    assert '<a href="https://news.example/a">Strike</a>' in first["text"]["text"]
    assert second["start_date"] == {"year": 2020, "month": 3} and second["text"]["headline"].endswith("[planned]")
    assert "javascript" not in second["text"]["text"]
    assert third["start_date"] == {"year": 2020, "month": 2, "day": 3}
    assert third["end_date"] == {"year": 2020, "month": 2, "day": 9}


def test_timelinejs_leaves_out_undated_events() -> None:
    assert timelinejs_event(rows()[4]) is None
    out = io.StringIO()
    assert write_timelinejs([], out) == 0
    assert json.loads(out.getvalue())["events"] == []


def test_every_format_is_offered() -> None:
    assert set(WRITERS) == {"csv", "jsonl", "timelinejs"}
