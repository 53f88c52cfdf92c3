"""Article records in JSON, JSON Lines and CSV: fields by name (with synonyms), bad records reported."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from timeline.ingest.article import Extracted
from timeline.ingest.decoding import clean_controls, decode, decode_lines
from timeline.ingest.fields import field_names
from timeline.ingest.pubdate import parse_date_value
from timeline.models import IngestFailure

Item = Extracted | IngestFailure

CSV_DELIMITERS = (",", ";", "\t", "|")
"""Field separators a CSV export may use (spreadsheets in many locales write semicolons)."""


def lower_keys(record: dict[Any, Any]) -> dict[str, Any]:
    """`record` with its keys stripped and in lower case (the first of clashing keys wins)."""
    lowered: dict[str, Any] = {}
    for key, value in record.items():
        lowered.setdefault(str(key).strip().lower(), value)
    return lowered


def first_field(record: dict[str, Any], part: str) -> object:
    """The value of the first key that names `part` and holds something (`record` has lower-case keys)."""
    for key in field_names()["record_fields"][part]:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def text_of(value: object) -> str:
    """A string field's value, '' for any other type."""
    return value if isinstance(value, str) else ""


def record_item(record: object, source: str, file_name: str) -> Item:
    """The Extracted text of one record, or why it cannot be used."""
    if not isinstance(record, dict):
        return IngestFailure(source, f"record is {type(record).__name__}, not an object with a text field")
    record = lower_keys(record)
    text = text_of(first_field(record, "text"))
    if not text.strip():
        names = ", ".join(field_names()["record_fields"]["text"][:3])
        return IngestFailure(source, f"record has no text (expected a string field such as {names})")
    day = parse_date_value(first_field(record, "published"))
    return Extracted(
        source=source,
        file_name=file_name,
        text=clean_controls(text),
        title=text_of(first_field(record, "title")),
        dates={"record": lambda: day},
        url=text_of(first_field(record, "url")),
        source_name=outlet_of(first_field(record, "source_name")),
    )


def outlet_of(value: object) -> str:
    """An outlet's name given as a string or as an object with a name ({"name": "Reuters"})."""
    if isinstance(value, dict):
        keys = lower_keys(value)
        value = keys.get("name") or keys.get("title")
    return text_of(value)


def record_list(data: object) -> list[Any] | None:
    """The records of a parsed JSON document that is a list, or an object wrapping one."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and first_field(lowered := lower_keys(data), "text") is None:
        for key in field_names()["record_lists"]:
            if isinstance(lowered.get(key), list):
                return list(lowered[key])
    return None


def read_json(data: bytes, source: str, file_name: str) -> Iterator[Item]:
    """The records of a JSON document: one object, or a list of them (`source#N`).

    A file of one object a line (JSON Lines under a .json name) is read as JSON Lines.
    """
    try:
        document = json.loads(decode(data))
    except RecursionError:
        yield IngestFailure(source, "invalid JSON: nested too deeply")
        return
    except ValueError as exc:
        if str(exc).startswith("Extra data") and data.lstrip()[:1] == b"{":
            yield from read_jsonl(io.BytesIO(data), source, file_name)  # JSON Lines saved as .json
        else:
            yield IngestFailure(source, f"invalid JSON: {exc}")
        return
    records = record_list(document)
    if records is None:
        yield record_item(document, source, file_name)
        return
    if not records:
        yield IngestFailure(source, "JSON list holds no records")
    for index, record in enumerate(records, 1):
        yield record_item(record, f"{source}#{index}", file_name)


def read_jsonl(stream: BinaryIO, source: str, file_name: str) -> Iterator[Item]:
    """One record a line, streamed; a bad line is reported as `source:LINE`, the rest go on."""
    index = 0
    for line_number, line in enumerate(decode_lines(stream), 1):
        line = clean_controls(line).strip()
        if not line:
            continue
        index += 1
        try:
            record = json.loads(line)
        except RecursionError:
            yield IngestFailure(f"{source}:{line_number}", "invalid JSON: nested too deeply")
            continue
        except ValueError as exc:
            yield IngestFailure(f"{source}:{line_number}", f"invalid JSON: {exc}")
            continue
        item = record_item(record, f"{source}#{index}", file_name)
        if isinstance(item, IngestFailure):
            item = IngestFailure(f"{source}:{line_number}", item.reason)
        yield item
    if index == 0:
        yield IngestFailure(source, "no records (the file is empty or holds only blank lines)")


def read_csv(stream: BinaryIO, source: str, file_name: str, max_bytes: int) -> Iterator[Item]:
    """One record a row (header names the columns), streamed; bad rows reported as `source:LINE`."""
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    lines = decode_lines(stream)
    first = next(lines, "")
    if not first.strip():
        yield IngestFailure(source, "empty CSV file (no header line)")
        return
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter_of(first))
    try:
        header = [clean_controls(h).strip().lower() for h in next(reader)]
    except csv.Error as exc:
        yield IngestFailure(source, f"unreadable CSV header: {exc}")
        return
    if not any(name in header for name in field_names()["record_fields"]["text"]):
        names = ", ".join(field_names()["record_fields"]["text"][:3])
        yield IngestFailure(source, f"no text column (expected one of {names}; found {', '.join(header)[:200]})")
        return
    index = 0
    while True:
        line_number = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            if index == 0:
                yield IngestFailure(source, "no records (only a header line)")
            return
        except csv.Error as exc:
            yield IngestFailure(f"{source}:{line_number}", f"unreadable CSV row: {exc}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        index += 1
        item = record_item(dict(zip(header, row, strict=False)), f"{source}#{index}", file_name)
        if isinstance(item, IngestFailure):
            item = IngestFailure(f"{source}:{line_number}", item.reason)
        yield item


def delimiter_of(header: str) -> str:
    """The field separator of a CSV file from its header line: comma, semicolon, tab or bar."""
    counts = {d: header.count(d) for d in CSV_DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > header.count(",") else ","


def front_matter_item(front: dict[str, Any], extracted: Extracted) -> Extracted:
    """`extracted` with the title, date, URL and outlet a Markdown front matter declares."""
    front = lower_keys(front)
    day: dt.date | None = parse_date_value(first_field(front, "published"))
    return Extracted(
        source=extracted.source,
        file_name=extracted.file_name,
        text=extracted.text,
        anchors=extracted.anchors,
        title=text_of(first_field(front, "title")) or extracted.title,
        dates={"record": lambda: day},
        url=text_of(first_field(front, "url")),
        source_name=text_of(first_field(front, "source_name")),
    )
