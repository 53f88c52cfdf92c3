"""Records passed between the stages: Timex, Article, Event (the single source of the column list)."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from dataclasses import dataclass, field

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
MODALITIES = ("asserted", "negated", "planned", "hypothetical")
PRECISIONS = ("day", "week", "month", "quarter", "half", "season", "year", "decade", "century")


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression found in a text, with its TIMEX3 type and value.

    `start`/`end` are character offsets into the text (end exclusive) and
    `text == source[start:end]`. For dates, `date_start`/`date_end` give the
    interval the expression denotes (inclusive days) and `granularity` its
    precision; they are None when the value cannot be placed on the calendar
    (durations, sets, vague references, or a missing reference date).
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    granularity: str | None = None
    rule: str = ""

    @property
    def is_calendar_date(self) -> bool:
        """True when the expression pins down an interval on the calendar."""
        return self.date_start is not None and self.type in ("DATE", "TIME")


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in cleaned text back to offsets in the original text.

    `anchors` are sorted `(clean_offset, original_offset)` pairs, one at the
    start of every run of cleaned text that was copied unchanged.
    """

    anchors: tuple[tuple[int, int], ...] = ()

    def to_original(self, clean_offset: int) -> int:
        """Offset in the original text of the character at `clean_offset`."""
        if not self.anchors:
            return clean_offset
        i = bisect.bisect_right(self.anchors, clean_offset, key=lambda anchor: anchor[0]) - 1
        if i < 0:
            return clean_offset
        clean, orig = self.anchors[i]
        return orig + (clean_offset - clean)


@dataclass(frozen=True, slots=True)
class Article:
    """One news article after ingestion: clean text plus where and when it came from."""

    source: str
    text: str
    title: str = ""
    published: dt.date | None = None
    pub_date_source: str = "none"
    url: str = ""
    source_name: str = ""
    content_hash: str = ""
    offset_map: OffsetMap = field(default_factory=OffsetMap)


@dataclass(slots=True)
class Event:
    """One event row; the field order is the CSV column order (see DESIGN.md's event columns).

    Dates are dates (None when unknown) and become ISO text only when written out. Offsets are into the
    article's cleaned text: `char_start`/`char_end` of the sentence, `trigger_*` of the word or phrase that
    names the event, `date_char_*` of the date expression that dated it (None when the date was inherited from
    another sentence or is the publication date).
    """

    event_id: str = ""
    event_date: dt.date | None = None
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    time_precision: str = ""
    date_text: str = ""
    date_rule: str = ""
    event_type: str = ""
    sub_event_type: str = ""
    modality: str = "asserted"
    actor1: str = ""
    actor2: str = ""
    other_actors: str = ""
    location: str = ""
    country: str = ""
    latitude: float | None = None
    longitude: float | None = None
    cameo_code: str = ""
    source_sentence: str = ""
    char_start: int = 0
    char_end: int = 0
    trigger_start: int | None = None
    trigger_end: int | None = None
    date_char_start: int | None = None
    date_char_end: int | None = None
    reported_by: str = ""
    confidence: float = 0.0
    source: str = ""
    source_title: str = ""
    source_url: str = ""
    pub_date: dt.date | None = None
    cluster_id: str = ""
    num_sources: int = 1

    def as_row(self) -> dict[str, object]:
        """The event as a column -> value mapping in CSV order."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


EVENT_COLUMNS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Event))

COLUMN_TYPES: dict[str, str] = {f.name: str(f.type) for f in dataclasses.fields(Event)}
"""Column -> its type as written on the Event field ("str", "int", "int | None", "float | None", "dt.date | None")."""
DATE_COLUMNS = tuple(c for c, t in COLUMN_TYPES.items() if t == "dt.date | None")
INT_COLUMNS = tuple(c for c, t in COLUMN_TYPES.items() if t == "int")
OPTIONAL_INT_COLUMNS = tuple(c for c, t in COLUMN_TYPES.items() if t == "int | None")
FLOAT_COLUMNS = tuple(c for c, t in COLUMN_TYPES.items() if t in ("float", "float | None"))
TEXT_COLUMNS = tuple(c for c, t in COLUMN_TYPES.items() if t == "str")


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """An input that could not be read: which one and why, in one line."""

    source: str
    reason: str

    def message(self) -> str:
        """The one-line error shown to the user."""
        return f"error: {self.source}: {self.reason}"
