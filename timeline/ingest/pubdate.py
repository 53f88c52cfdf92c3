"""Publication dates: parse record, metadata and dateline values; reject impossible ones."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import dateparser

from timeline.ingest.fields import field_names
from timeline.settings import DEFAULTS
from timeline.temporal.lexicon import lexicon

EARLIEST = dt.date(1900, 1, 1)
"""No news article in this product's scope was published before this day."""

FUTURE_SLACK = dt.timedelta(days=2)
"""How far after today a publication date may lie (time zones, embargoed copy)."""

ISO_DAY = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+)?(?:Z|[+-]\d{2}:?\d{2})?\s*")
DIGITS = re.compile(r"\s*\d{9,13}(?:\.\d+)?\s*")
WRITTEN_DAY = re.compile(
    r"(?:[A-Za-z]{3,9}\.?,?\s+)?"  # an optional weekday
    r"(?:(?P<m1>[A-Za-z]{3,9})\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>[A-Za-z]{3,9})\.?,?\s+(?P<y2>\d{4}))"
    r"(?:(?:,|\s+at)?\s+\d{1,2}[:.]\d{2}\b.*)?\s*"
)
"""The common written forms ("June 17, 2021", "Thu, 17 Jun 2021 09:30 GMT"), read without dateparser."""

SOURCES = ("override", "record", "html-meta", "json-ld", "html-time", "htmldate", "dateline", "none")
"""Where a publication date may come from, in the order they are tried (`pub_date_source`)."""

DateSources = Mapping[str, Callable[[], dt.date | None]]
"""Places an input may declare its publication date, by SOURCES name, each read only when asked."""


def publication_date(sources: DateSources) -> tuple[str, dt.date | None]:
    """The publication date and where it came from: the first of SOURCES that gives one, else ("none", None)."""
    unknown = set(sources) - set(SOURCES)
    if unknown:
        raise ValueError(f"unknown publication date sources: {sorted(unknown)}")
    for name in SOURCES:
        read = sources.get(name)
        day = read() if read is not None else None
        if day is not None:
            return name, day
    return "none", None
"""Values of Article.pub_date_source, in the order the ladder tries them (see README, Ingestion)."""


def plausible(day: dt.date) -> dt.date | None:
    """`day` if a news article could have been published on it, else None."""
    if EARLIEST <= day <= dt.date.today() + FUTURE_SLACK:
        return day
    return None


def from_timestamp(seconds: float) -> dt.date | None:
    """The UTC day of a Unix timestamp in seconds or milliseconds."""
    if not math.isfinite(seconds) or seconds <= 0:
        return None
    if seconds > 1e11:
        seconds /= 1000
    try:
        return plausible(dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date())
    except (OverflowError, OSError, ValueError):
        return None


def written_day(text: str) -> dt.date | None:
    """The day of a common written date with an English month name, or None when it is not one."""
    match = WRITTEN_DAY.fullmatch(text)
    if not match:
        return None
    month = lexicon().month_of(match["m1"] or match["m2"])
    if month is None:
        return None
    try:
        return dt.date(int(match["y1"] or match["y2"]), month, int(match["d1"] or match["d2"]))
    except ValueError:
        return None


@functools.lru_cache(maxsize=1)
def date_parser() -> Any:
    """A dateparser parser for whole English dates that need a day, a month and a year."""
    return dateparser.DateDataParser(
        languages=list(DEFAULTS.languages),
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False},
    )


@functools.lru_cache(maxsize=4096)
def parse_date_text(text: str) -> dt.date | None:
    """The day written in `text` ("2023-06-20T05:12:00Z", "June 17, 2021", "1592352000"), or None."""
    text = text.strip()
    if not text or len(text) > 80:
        return None
    iso = ISO_DAY.fullmatch(text)
    if iso:
        try:
            return plausible(dt.date(int(iso[1]), int(iso[2]), int(iso[3])))
        except ValueError:
            return None
    if DIGITS.fullmatch(text):
        return from_timestamp(float(text))
    if not re.search(r"\d{4}", text):
        return None  # without a year the day cannot be placed
    if WRITTEN_DAY.fullmatch(text):
        day = written_day(text)
        return plausible(day) if day else None
    try:
        found = date_parser().get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    if found.date_obj is None or found.period != "day":
        return None
    return plausible(found.date_obj.date())


def parse_date_value(value: object) -> dt.date | None:
    """A publication day from a record or metadata value of any type; None when absent or absurd."""
    if isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return plausible(value.date())
    if isinstance(value, dt.date):
        return plausible(value)
    if isinstance(value, int | float):
        return from_timestamp(float(value))
    if isinstance(value, str):
        return parse_date_text(value)
    return None


@dataclass(frozen=True, slots=True)
class DatelineMatch:
    """A dateline or "Published ..." line found at the start of a line of text.

    `date` is the day it gives (None when it has no year); `cut` is the span of the line
    (offsets into the line) to remove from the text, `keep_place` whether the place name before
    it stays (then a space replaces the cut).
    """

    date: dt.date | None
    cut: tuple[int, int]
    keep_place: bool


@functools.lru_cache(maxsize=1)
def dateline_patterns() -> tuple[re.Pattern[str], ...]:
    """The `text_date_lines` patterns of ingest_fields.yaml, compiled."""
    return tuple(re.compile(p) for p in field_names()["text_date_lines"])


def find_dateline(line: str) -> DatelineMatch | None:
    """The dateline or publication line at the start of `line`, if there is one."""
    for pattern in dateline_patterns():
        match = pattern.match(line)
        if not match:
            continue
        day = parse_date_text(match["date"])
        place = "place" in pattern.groupindex and match["place"] is not None
        if place:
            return DatelineMatch(day, (match.end("place"), match.end()), True)
        if day is None:
            continue  # a "Published" line needs a real date to count
        whole = not line[match.end() :].strip()
        return DatelineMatch(day, (0, len(line)) if whole else (match.start("date"), match.end()), False)
    return None
