"""Write event tables: CSV (the CLI's columns, safe to open in a spreadsheet), JSON Lines and TimelineJS JSON."""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import IO
from urllib.parse import urlsplit

from timeline.models import EVENT_COLUMNS

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise_cell(value: object) -> str:
    """The cell as text; one that a spreadsheet would run as a formula gets a leading quote."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_csv(rows: Iterable[Mapping[str, object]], out: IO[str], columns: tuple[str, ...] = EVENT_COLUMNS) -> int:
    """Write rows as CSV with a header (always present); returns the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        # A bare CR is not quoted with a "\n" terminator, and a spreadsheet would start a new row at it
        # (where a formula would run): line breaks inside a cell become "\n", which the writer quotes.
        writer.writerow([neutralise_cell(row.get(c)).replace("\r\n", "\n").replace("\r", "\n") for c in columns])
        n += 1
    return n


def _json_value(value: object) -> object:
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def write_jsonl(rows: Iterable[Mapping[str, object]], out: IO[str], columns: tuple[str, ...] = EVENT_COLUMNS) -> int:
    """Write rows as JSON Lines with the event columns; returns the number of rows."""
    n = 0
    for row in rows:
        out.write(json.dumps({c: _json_value(row.get(c)) for c in columns}, ensure_ascii=False, default=str))
        out.write("\n")
        n += 1
    return n


TIMELINEJS_TITLE = "Timeline of events"
_RANGE_PRECISIONS = ("day", "month", "year")
"""Precisions TimelineJS can show as a single date; any other interval is given as start and end days."""


def _text(row: Mapping[str, object], column: str) -> str:
    value = row.get(column)
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(value: object) -> dt.date | None:
    """A row's date: a date as it is, ISO text (a CSV row) read, anything else None."""
    if isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    text = "" if value is None else str(value)
    if not _ISO_DAY.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _timelinejs_date(day: dt.date, precision: str) -> dict[str, int]:
    date = {"year": day.year}
    if precision in ("day", "month"):
        date["month"] = day.month
    if precision == "day":
        date["day"] = day.day
    return date


def _headline(row: Mapping[str, object]) -> str:
    kind = (_text(row, "sub_event_type") or _text(row, "event_type") or "event").replace("_", " ")
    actors = " → ".join(a for a in (_text(row, "actor1"), _text(row, "actor2")) if a)
    headline = kind[:1].upper() + kind[1:] + (f": {actors}" if actors else "")
    if _text(row, "location"):
        headline += f" ({_text(row, 'location')})"
    modality = _text(row, "modality")
    if modality and modality != "asserted":
        headline += f" [{modality}]"
    return html.escape(headline)


def _safe_url(url: str) -> str:
    return url if urlsplit(url).scheme.lower() in ("http", "https") else ""


def _body(row: Mapping[str, object]) -> str:
    sentence = html.escape(_text(row, "source_sentence"))
    title = html.escape(_text(row, "source_title") or _text(row, "source_url") or _text(row, "source"))
    url = _safe_url(_text(row, "source_url"))
    source = f'<a href="{html.escape(url, quote=True)}">{title}</a>' if url and title else title
    details = [d for d in (source, html.escape(_text(row, "pub_date")), html.escape(_text(row, "date_text"))) if d]
    return f"<p>{sentence}</p><p><small>{' · '.join(details)}</small></p>" if details else f"<p>{sentence}</p>"


def timelinejs_event(row: Mapping[str, object]) -> dict[str, object] | None:
    """One TimelineJS slide for an event row, or None when the event has no calendar date."""
    start = _date(row.get("date_start")) or _date(row.get("event_date"))
    if start is None:
        return None
    end = _date(row.get("date_end")) or start
    precision = _text(row, "time_precision") or "day"
    slide: dict[str, object] = {}
    if precision in _RANGE_PRECISIONS:
        slide["start_date"] = _timelinejs_date(start, precision)
    else:
        slide["start_date"] = _timelinejs_date(start, "day")
        if end > start:
            slide["end_date"] = _timelinejs_date(end, "day")
    slide["text"] = {"headline": _headline(row), "text": _body(row)}
    slide["group"] = html.escape(_text(row, "event_type"))
    if _text(row, "event_id"):
        slide["unique_id"] = _text(row, "event_id")
    return slide


def write_timelinejs(
    rows: Iterable[Mapping[str, object]],
    out: IO[str],
    columns: tuple[str, ...] = EVENT_COLUMNS,
    title: str = TIMELINEJS_TITLE,
) -> int:
    """Write a TimelineJS 3 JSON document, one slide per dated event (text HTML-escaped); returns the slides written.

    Events without a calendar date cannot be placed on a TimelineJS timeline and are left out.
    `columns` is accepted for the common writer signature; the slide takes what it needs from each row.
    """
    head = {"title": {"text": {"headline": html.escape(title), "text": ""}}}
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "events": [')
    n = 0
    for row in rows:
        slide = timelinejs_event(row)
        if slide is None:
            continue
        out.write(("\n  " if n == 0 else ",\n  ") + json.dumps(slide, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


WRITERS = {"csv": write_csv, "jsonl": write_jsonl, "timelinejs": write_timelinejs}
