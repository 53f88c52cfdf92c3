"""Filter kinds: how one kind of filter matches in pandas and in DuckDB, and how its value is written in a URL
and read from a URL or a command line. resources/filters.yaml names a kind for every filter."""

from __future__ import annotations

import argparse
import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from timeline.commands.argtypes import fraction, parse_date
from timeline.models import MODALITIES
from timeline.settings import DEFAULTS

ACTOR_SEPARATOR = ";"
"""Separator of the names in `other_actors`."""


@dataclass(frozen=True, slots=True)
class Filter:
    """One entry of filters.yaml: a named filter of a kind, with how users see and write it."""

    name: str
    kind: Kind
    label: str
    help: str
    param: str
    option: str
    metavar: str
    columns: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    facet: bool = False
    placeholder: str = ""

    @property
    def column(self) -> str:
        """The one column a single-column kind reads."""
        return self.columns[0]


def text_column(df: pd.DataFrame, column: str) -> pd.Series:
    """A column as strings ("" where missing or absent)."""
    if column not in df.columns:
        return pd.Series("", index=df.index, dtype="str")
    values = df[column]
    return values.where(values.notna(), "").astype("str")


def as_dates(column: pd.Series) -> pd.Series:
    """A date column as timestamps (NaT where there is no date)."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return column
    return pd.to_datetime(column.astype("string"), format="ISO8601", errors="coerce")


def interval(df: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Every row's date interval: start and end (the start where the end is missing)."""
    start = as_dates(df["date_start"])
    return start, as_dates(df["date_end"]).fillna(start)


SQL_START = "TRY_CAST(CAST(date_start AS VARCHAR) AS DATE)"
SQL_END = f"coalesce(TRY_CAST(CAST(date_end AS VARCHAR) AS DATE), {SQL_START})"


def sql_text(column: str) -> str:
    """A column as text in DuckDB ("" where missing)."""
    return f"coalesce(CAST({column} AS VARCHAR), '')"


def param_values(raw: object) -> list[str]:
    """The distinct non-empty values of a query parameter, at most `max_param_values` of them."""
    if raw is None:
        return []
    items: Iterable[object] = [raw] if isinstance(raw, str) or not isinstance(raw, Iterable) else raw
    out: list[str] = []
    for item in items:
        text = str(item).strip()
        if text and text not in out:
            out.append(text)
        if len(out) >= DEFAULTS.max_param_values:
            break
    return out


def first_value(raw: object) -> str:
    """The first value of a query parameter ("" when there is none)."""
    values = param_values(raw)
    return values[0] if values else ""


class Kind:
    """The behaviour shared by every filter of one kind. A value equal to `default` places no restriction."""

    default: ClassVar[Any] = None

    def normalise(self, f: Filter, value: Any) -> Any:
        """The value in its canonical form (tuples for lists)."""
        return value

    def is_set(self, f: Filter, value: Any) -> bool:
        """True when the value restricts the events."""
        return bool(value != self.default)

    def mask(self, f: Filter, df: pd.DataFrame, value: Any) -> np.ndarray:
        """Which rows of `df` match."""
        raise NotImplementedError

    def sql(self, f: Filter, value: Any, params: list[object]) -> str:
        """A DuckDB condition with the semantics of `mask`; values go to `params`."""
        raise NotImplementedError

    def to_param(self, f: Filter, value: Any) -> str | list[str]:
        """The value as written in the URL."""
        raise NotImplementedError

    def from_param(self, f: Filter, raw: object) -> Any:
        """The value read from the URL; malformed values read as the default."""
        raise NotImplementedError

    def add_option(self, f: Filter, parser: argparse.ArgumentParser) -> None:
        """The command-line option of the filter."""
        parser.add_argument(f.option, dest=f.name, metavar=f.metavar, help=f.help)

    def from_args(self, f: Filter, args: argparse.Namespace) -> Any:
        """The value given on the command line."""
        return getattr(args, f.name)


class Values(Kind):
    """The column's value is one of the chosen values."""

    default: ClassVar[tuple[str, ...]] = ()

    def normalise(self, f: Filter, value: Any) -> tuple[str, ...]:
        return tuple(str(v) for v in value or ())

    def mask(self, f: Filter, df: pd.DataFrame, value: tuple[str, ...]) -> np.ndarray:
        return np.asarray(text_column(df, f.column).isin(value).to_numpy(), dtype=bool)

    def sql(self, f: Filter, value: tuple[str, ...], params: list[object]) -> str:
        params.append(list(value))
        return f"list_contains(?::VARCHAR[], {sql_text(f.column)})"

    def to_param(self, f: Filter, value: tuple[str, ...]) -> list[str]:
        return list(value)

    def from_param(self, f: Filter, raw: object) -> tuple[str, ...]:
        return tuple(param_values(raw))

    def add_option(self, f: Filter, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(f.option, dest=f.name, nargs="+", action="extend", default=[], metavar=f.metavar,
                            choices=f.choices or None, help=f.help)

    def from_args(self, f: Filter, args: argparse.Namespace) -> tuple[str, ...]:
        return tuple(getattr(args, f.name))


class Actors(Values):
    """actor1, actor2 or one of the `;`-separated other_actors is one of the chosen names."""

    def mask(self, f: Filter, df: pd.DataFrame, value: tuple[str, ...]) -> np.ndarray:
        wanted = set(value)
        mask = text_column(df, "actor1").isin(wanted).to_numpy() | text_column(df, "actor2").isin(wanted).to_numpy()
        others = text_column(df, "other_actors").reset_index(drop=True)
        has_others = (others != "").to_numpy()
        if has_others.any():
            names = others[has_others].str.split(ACTOR_SEPARATOR).explode().str.strip(" ")
            hit = names.isin(wanted).groupby(level=0).any()
            mask[hit.index[hit.to_numpy()].to_numpy()] = True
        return np.asarray(mask, dtype=bool)

    def sql(self, f: Filter, value: tuple[str, ...], params: list[object]) -> str:
        params.extend([list(value)] * 3)
        return (
            f"(list_contains(?::VARCHAR[], {sql_text('actor1')}) OR list_contains(?::VARCHAR[], {sql_text('actor2')})"
            f" OR list_has_any(list_transform(string_split({sql_text('other_actors')}, '{ACTOR_SEPARATOR}'),"
            " lambda name: trim(name)), ?::VARCHAR[]))"
        )


class FromDate(Kind):
    """The event's date interval ends on or after the day (undated events never match)."""

    def mask(self, f: Filter, df: pd.DataFrame, value: dt.date) -> np.ndarray:
        _, end = interval(df)
        return np.asarray((end >= pd.Timestamp(value)).fillna(False).to_numpy(dtype=bool), dtype=bool)

    def sql(self, f: Filter, value: dt.date, params: list[object]) -> str:
        params.append(value)
        return f"coalesce({SQL_END} >= ?, false)"

    def to_param(self, f: Filter, value: dt.date) -> str:
        return value.isoformat()

    def from_param(self, f: Filter, raw: object) -> dt.date | None:
        try:
            return dt.date.fromisoformat(first_value(raw)[:10])
        except ValueError:
            return None

    def add_option(self, f: Filter, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(f.option, dest=f.name, type=parse_date, metavar=f.metavar, help=f.help)


class ToDate(FromDate):
    """The event's date interval starts on or before the day (undated events never match)."""

    def mask(self, f: Filter, df: pd.DataFrame, value: dt.date) -> np.ndarray:
        start, _ = interval(df)
        return np.asarray((start <= pd.Timestamp(value)).fillna(False).to_numpy(dtype=bool), dtype=bool)

    def sql(self, f: Filter, value: dt.date, params: list[object]) -> str:
        params.append(value)
        return f"coalesce({SQL_START} <= ?, false)"


class Text(Kind):
    """A case-insensitive substring of one of the columns."""

    default: ClassVar[str] = ""

    def normalise(self, f: Filter, value: Any) -> str:
        return str(value or "").strip()[: DEFAULTS.max_text_filter_chars]

    def mask(self, f: Filter, df: pd.DataFrame, value: str) -> np.ndarray:
        needle = value.lower()
        found = np.zeros(len(df), dtype=bool)
        for column in f.columns:
            found |= text_column(df, column).str.lower().str.contains(needle, regex=False).to_numpy(dtype=bool)
        return found

    def sql(self, f: Filter, value: str, params: list[object]) -> str:
        params.extend([value.lower()] * len(f.columns))
        return "(" + " OR ".join(f"contains(lower({sql_text(c)}), ?)" for c in f.columns) + ")"

    def to_param(self, f: Filter, value: str) -> str:
        return value

    def from_param(self, f: Filter, raw: object) -> str:
        return first_value(raw)

    def add_option(self, f: Filter, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(f.option, dest=f.name, default="", metavar=f.metavar, help=f.help)


class AtLeast(Kind):
    """The number in the column (missing: 0) is at least the value, a fraction between 0 and 1."""

    default: ClassVar[float] = 0.0

    def normalise(self, f: Filter, value: Any) -> float:
        number = float(value or 0.0)
        return min(max(number, 0.0), 1.0) if math.isfinite(number) else 0.0

    def is_set(self, f: Filter, value: float) -> bool:
        return value > 0

    def mask(self, f: Filter, df: pd.DataFrame, value: float) -> np.ndarray:
        numbers = pd.to_numeric(df[f.column], errors="coerce").fillna(0.0)
        return np.asarray((numbers >= value).to_numpy(), dtype=bool)

    def sql(self, f: Filter, value: float, params: list[object]) -> str:
        params.append(float(value))
        return f"coalesce(TRY_CAST({f.column} AS DOUBLE), 0) >= ?"

    def to_param(self, f: Filter, value: float) -> str:
        return f"{value:g}"

    def from_param(self, f: Filter, raw: object) -> float:
        try:
            return self.normalise(f, float(first_value(raw) or 0))
        except ValueError:
            return 0.0

    def add_option(self, f: Filter, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(f.option, dest=f.name, type=fraction, default=0.0, metavar=f.metavar, help=f.help)


class Modality(Values):
    """The modality is one of the chosen ones; only asserted events unless asked (an empty choice: all)."""

    default: ClassVar[tuple[str, ...]] = ("asserted",)

    def is_set(self, f: Filter, value: tuple[str, ...]) -> bool:
        return bool(value)

    def to_param(self, f: Filter, value: tuple[str, ...]) -> list[str]:
        return list(value or MODALITIES)

    def from_param(self, f: Filter, raw: object) -> tuple[str, ...]:
        return tuple(m for m in param_values(raw) if m in MODALITIES) or self.default

    def add_option(self, f: Filter, parser: argparse.ArgumentParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument(f.option, dest=f.name, nargs="+", action="extend", choices=MODALITIES, metavar=f.metavar,
                           help=f"modalities (default {' '.join(self.default)})")
        group.add_argument(f"--all-{f.name}", dest=f"all_{f.name}", action="store_true", help=f.help)

    def from_args(self, f: Filter, args: argparse.Namespace) -> tuple[str, ...]:
        if getattr(args, f"all_{f.name}"):
            return ()
        return tuple(getattr(args, f.name) or self.default)


KINDS: dict[str, Kind] = {
    "values": Values(),
    "actors": Actors(),
    "from_date": FromDate(),
    "to_date": ToDate(),
    "text": Text(),
    "at_least": AtLeast(),
    "modality": Modality(),
}
"""Kind by the name filters.yaml uses."""
