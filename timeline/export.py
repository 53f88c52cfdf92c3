"""Write event tables: CSV (the CLI's columns) and JSON Lines, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import IO

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
        writer.writerow([neutralise_cell(row.get(c)) for c in columns])
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


WRITERS = {"csv": write_csv, "jsonl": write_jsonl}
