"""The dashboard as a person uses it, through AppTest: every widget, the URL, downloads, uploads."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from dashboard_events import FORMULA, event_frame
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from timeline.query import FilterSpec, apply_filters
from timeline.table import csv_bytes, frame_rows, iso_dates

APP = Path(__file__).resolve().parent.parent / "dashboard.py"
@pytest.fixture
def events_csv(tmp_path: Path) -> Path:
    path = tmp_path / "events.csv"
    path.write_bytes(csv_bytes(event_frame()))
    return path


def start(argv: list[str], monkeypatch: pytest.MonkeyPatch, params: dict[str, Any] | None = None) -> AppTest:
    monkeypatch.setattr(sys, "argv", [str(APP), *argv])
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params.update(params or {})
    return at.run()


@pytest.fixture
def app(events_csv: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return start(["--events", str(events_csv)], monkeypatch)


def table_ids(at: AppTest) -> list[str]:
    """Event ids of the table's rows, matched back through the (unique) sentence of each row."""
    shown = at.dataframe[-1].value
    frame = event_frame()
    days = iso_dates(frame["event_date"])
    by_key = {(day, r.actor1, r.date_text): r.event_id for day, r in zip(days, frame.itertuples(), strict=True)}
    return [by_key[(r.Date, r.Actor, r._9)] for r in shown.itertuples()]


def metric(at: AppTest, label: str) -> str:
    return next(str(m.value) for m in at.metric if m.label == label)


def no_exceptions(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def test_opens_with_the_asserted_events(app: AppTest) -> None:
    no_exceptions(app)
    assert table_ids(app) == ["e4", "e1", "e2", "e6", "e3", "e7"]
    assert metric(app, "Events shown") == "6"
    assert app.title[0].value == "Timeline of events"
    assert dict(app.query_params) == {}


@pytest.mark.parametrize(
    ("key", "value", "expected", "url"),
    [
        ("f_actors", ["Iran"], ["e1", "e2", "e3"], {"actor": "Iran"}),
        ("f_actors", ["Iraq"], ["e4", "e3", "e7"], {"actor": "Iraq"}),
        ("f_event_types", ["strike", "call"], ["e1", "e2", "e3", "e7"], {"type": ["strike", "call"]}),
        ("f_sources", ["d.txt"], ["e6", "e7"], {"source": "d.txt"}),
        ("f_text", "pompeo", ["e4"], {"q": "pompeo"}),
        ("f_min_confidence", 0.75, ["e1", "e2", "e6"], {"min_conf": "0.75"}),
        ("f_date_from", dt.date(2020, 1, 5), ["e4", "e6", "e3"], {"from": "2020-01-05"}),
        ("f_date_to", dt.date(2020, 1, 2), ["e4"], {"to": "2020-01-02"}),
    ],
)
def test_each_filter_changes_the_table_and_the_url(
    app: AppTest, key: str, value: object, expected: list[str], url: dict[str, object]
) -> None:
    widget = next(w for w in (*app.multiselect, *app.text_input, *app.slider, *app.date_input) if w.key == key)
    widget.set_value(value).run()
    no_exceptions(app)
    assert table_ids(app) == expected
    assert dict(app.query_params) == url


def test_modality_toggle_shows_planned_events(app: AppTest) -> None:
    app.toggle(key="f_modalities").set_value(True).run()
    assert "e5" in table_ids(app)
    assert app.query_params["modality"] == ["asserted", "negated", "planned", "hypothetical"]


def test_reset_clears_every_filter(app: AppTest) -> None:
    app.multiselect(key="f_actors").set_value(["Iran"]).run()
    app.text_input(key="f_text").set_value("strike").run()
    assert table_ids(app) == ["e1", "e2", "e3"]
    app.button[0].click().run()
    assert len(table_ids(app)) == 6
    assert dict(app.query_params) == {}


def test_query_params_restore_a_view(events_csv: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    params = {"actor": ["United States"], "type": "strike", "from": "2020-01-04", "lanes": "event_type"}
    at = start(["--events", str(events_csv)], monkeypatch, params)
    no_exceptions(at)
    assert at.multiselect(key="f_actors").value == ["United States"]
    assert at.multiselect(key="f_event_types").value == ["strike"]
    assert at.date_input(key="f_date_from").value == dt.date(2020, 1, 4)
    assert table_ids(at) == ["e3"]
    lanes = {y for trace in timeline_spec(at)["data"] for y in trace.get("y", [])}
    assert lanes == {"strike"}


def test_malformed_query_params_do_not_break_the_page(events_csv: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    params = {"from": "soon", "min_conf": "high", "modality": "maybe", "lanes": "<script>", "actor": "Nobody"}
    at = start(["--events", str(events_csv)], monkeypatch, params)
    no_exceptions(at)
    assert at.multiselect(key="f_actors").value == ["Nobody"]
    assert table_ids(at) == []


def timeline_spec(at: AppTest) -> dict[str, Any]:
    chart = next(e for e in at.get("plotly_chart") if "timeline_chart" in e.proto.id)
    spec: dict[str, Any] = json.loads(chart.proto.spec)
    return spec


def test_lane_switch_redraws_the_timeline(app: AppTest) -> None:
    lanes = {y for trace in timeline_spec(app)["data"] for y in trace.get("y", [])}
    assert {"United States", "Iran", "Mike Pompeo"} <= lanes
    app.get("button_group")[0].set_value("event_type").run()
    lanes = {y for trace in timeline_spec(app)["data"] for y in trace.get("y", [])}
    assert lanes == {"strike", "visit", "attack"}
    assert app.query_params["lanes"] == "event_type"


def test_timeline_escapes_hostile_names(app: AppTest) -> None:
    text = json.dumps(timeline_spec(app))
    assert "<img" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


@pytest.fixture
def captured_downloads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Callable[[], Any]]]:
    """What the download buttons registered (inline bytes or a deferred callable), as callables serving it."""
    captured: list[Callable[[], Any]] = []
    original_deferred = MediaFileManager.add_deferred
    original_add = MediaFileManager.add

    def spy_deferred(self: MediaFileManager, data_callable: Callable[[], Any], *args: Any, **kwargs: Any) -> str:
        captured.append(data_callable)
        return original_deferred(self, data_callable, *args, **kwargs)

    def spy_add(self: MediaFileManager, data: bytes | str, *args: Any, **kwargs: Any) -> str:
        captured.append(lambda: data)
        return original_add(self, data, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy_deferred)
    monkeypatch.setattr(MediaFileManager, "add", spy_add)
    yield captured


def test_download_is_exactly_the_filtered_table(
    events_csv: Path, monkeypatch: pytest.MonkeyPatch, captured_downloads: list[Callable[[], Any]]
) -> None:
    at = start(["--events", str(events_csv)], monkeypatch)
    at.multiselect(key="f_event_types").set_value(["strike", "attack"]).run()
    assert "(4 events)" in at.download_button[0].label
    served = captured_downloads[-1]()
    expected = apply_filters(event_frame(), FilterSpec(event_types=("strike", "attack")))
    assert served == csv_bytes(expected.sort_values("event_date", kind="stable"))
    table = pd.read_csv(io.BytesIO(served), dtype=str, keep_default_na=False)
    assert list(table["event_id"]) == ["e1", "e2", "e6", "e3"] == table_ids(at)
    assert table.loc[table["event_id"] == "e6", "actor2"].item() == "'" + FORMULA


def test_selecting_a_row_shows_the_evidence_and_other_reports(app: AppTest) -> None:
    app.session_state["event_table"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    app.run()
    no_exceptions(app)
    text = "\n".join(m.value for m in app.markdown)
    assert ":orange-background[**strike**]" in text
    assert ":blue-background[**on Friday**]" in text
    assert "**How the date was resolved:** explicit" in text
    assert "Other reports of this event (1)" in text
    assert app.dataframe[0].value["source_title"].tolist() == ["B.TXT"]


def test_clicking_a_timeline_point_shows_a_hostile_name_as_text(app: AppTest) -> None:
    app.session_state["timeline_chart"] = {"selection": {"points": [{"customdata": "e6"}], "point_indices": [],
                                                         "box": [], "lasso": []}}
    app.run()
    no_exceptions(app)
    text = "\n".join(m.value for m in app.markdown)
    assert r"\<img src\=x onerror\=alert\(1\)\>" in text
    assert "<img" not in text.replace(r"\<img", "")


def test_missing_store_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = start(["--store", str(tmp_path / "nowhere")], monkeypatch)
    no_exceptions(at)
    assert len(at.error) == 1
    assert "cannot open the event store" in at.error[0].value


needs_extraction = pytest.mark.skipif(
    importlib.util.find_spec("timeline.events") is None or importlib.util.find_spec("timeline.ingest") is None,
    reason="event extraction (timeline.events, timeline.ingest) is not installed",
)

GOOD_ARTICLE = (
    "BAGHDAD (Reuters) - Iran launched a missile strike on the Ain al-Asad air base in Iraq on Wednesday, "
    "officials said.\n"
)


@needs_extraction
def test_opens_on_the_sample_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    at = start([], monkeypatch)
    no_exceptions(at)
    assert not at.error
    assert int(metric(at, "Events shown").replace(",", "")) >= 10
    assert timeline_spec(at)["data"]


@needs_extraction
def test_uploads_with_a_bad_file_show_one_error_and_load_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    at = start([], monkeypatch)
    at.checkbox(key="include_base").set_value(False)
    at.date_input(key="upload_published").set_value(dt.date(2020, 1, 10))
    at.file_uploader(key="uploads").set_value(
        [
            ("missiles.txt", GOOD_ARTICLE.encode(), "text/plain"),
            ("broken.json", b'{"text": "unterminated', "application/json"),
            ("records.jsonl", json.dumps({"text": GOOD_ARTICLE, "published": "2020-01-09"}).encode(), "text/plain"),
        ]
    )
    at.run()
    no_exceptions(at)
    assert len(at.error) == 1
    assert at.error[0].value.replace("\\", "").startswith("error: broken.json: ")
    dates = set(at.dataframe[-1].value["Date"])
    assert "2020-01-08" in dates  # "on Wednesday" before the 10 January override
    assert metric(at, "Articles") == "2"


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    """An event store holding the test events, one committed batch per article."""
    from timeline.models import Article
    from timeline.store.schema import ARTICLE_KEY, article_record
    from timeline.store.writer import StoreWriter

    frame = event_frame()
    now = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    with StoreWriter(tmp_path / "store") as writer:
        for source, rows in frame.groupby("source"):
            article = Article(source=str(source), text="text", content_hash=f"hash-{source}")
            records = [dict(row, **{ARTICLE_KEY: article.content_hash}) for row in frame_rows(rows)]
            writer.commit([article_record(article, len(records), now)], records)
    return tmp_path / "store"


def test_store_mode_filters_in_the_store_and_downloads_every_match(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch, captured_downloads: list[Callable[[], Any]]
) -> None:
    at = start(["--store", str(store_dir)], monkeypatch)
    no_exceptions(at)
    assert not at.error
    assert metric(at, "Events shown") == "6"
    assert "Iran (4)" in at.multiselect(key="f_actors").options  # counts every modality, like the table's facets
    at.multiselect(key="f_actors").set_value(["Iran"]).run()
    no_exceptions(at)
    assert sorted(table_ids(at)) == ["e1", "e2", "e3"]
    served = pd.read_csv(io.BytesIO(captured_downloads[-1]()), dtype=str, keep_default_na=False)
    assert sorted(served["event_id"]) == ["e1", "e2", "e3"]
    assert not at.file_uploader
