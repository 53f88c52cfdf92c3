"""The filters of resources/filters.yaml (the one FILTERS table) and FilterSpec, a value for each of them."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from timeline import resources
from timeline.event_types import type_names
from timeline.query.kinds import KINDS, Filter

FILTERS_FILE = "filters.yaml"
SINGLE_COLUMN_KINDS = frozenset({"values", "at_least", "modality"})
CHOICES = {"event_types": type_names}
"""Where a filter's allowed values may come from (`choices:` in filters.yaml)."""
FIELDS = frozenset({"name", "kind", "label", "help", "param", "option", "metavar", "column", "columns", "choices",
                    "facet", "placeholder"})


def _filter(entry: Any) -> Filter:
    name = resources.field(entry, "name")
    unknown = set(entry) - FIELDS
    if unknown:
        resources.fail(entry, f"filter {name!r}: unknown fields {sorted(unknown)}")
    kind = resources.field(entry, "kind")
    if kind not in KINDS:
        resources.fail(entry, f"filter {name!r}: kind {kind!r} is not one of {sorted(KINDS)}")
    columns: tuple[str, ...] = ()
    if kind in SINGLE_COLUMN_KINDS:
        columns = (resources.field(entry, "column"),)
    elif kind == "text":
        columns = tuple(str(c) for c in resources.field(entry, "columns", list))
    choices = entry.get("choices")
    if choices is not None and choices not in CHOICES:
        resources.fail(entry, f"filter {name!r}: choices {choices!r} is not one of {sorted(CHOICES)}")
    option = resources.field(entry, "option")
    if not option.startswith("--"):
        resources.fail(entry, f"filter {name!r}: option {option!r} must start with --")
    return Filter(
        name=name,
        kind=KINDS[kind],
        label=resources.field(entry, "label"),
        help=str(entry.get("help", "")),
        param=resources.field(entry, "param"),
        option=option,
        metavar=str(entry.get("metavar", name.upper())),
        columns=columns,
        choices=CHOICES[choices]() if choices else (),
        facet=bool(entry.get("facet", False)),
        placeholder=str(entry.get("placeholder", "")),
    )


@functools.cache
def filters() -> dict[str, Filter]:
    """Every filter by name, in sidebar order; a mistake in the file stops with its file and line."""
    entries = resources.section(resources.load(FILTERS_FILE), "filters", resources.display_path(FILTERS_FILE))
    table: dict[str, Filter] = {}
    for entry in entries:
        found = _filter(entry)
        clash = next((f for f in table.values() if found.name == f.name or found.param == f.param
                      or found.option == f.option), None)
        if clash is not None:
            resources.fail(entry, f"filter {found.name!r}: name, param or option already used by {clash.name!r}")
        table[found.name] = found
    return table


class FilterSpec:
    """What a person asked to see: one value per filter (by name); a filter not given is at its default, which
    places no restriction (but modalities: asserted events only). A reversed date range is read the right
    way round.

        FilterSpec(actors=("Iran",), event_types=("strike",), date_from=dt.date(2020, 1, 1))
    """

    __slots__ = ("_values",)

    def __init__(self, **values: Any) -> None:
        table = filters()
        unknown = set(values) - set(table)
        if unknown:
            raise TypeError(f"unknown filters: {sorted(unknown)} (filters.yaml has {sorted(table)})")
        merged = {
            name: f.kind.normalise(f, values[name]) if name in values else f.kind.default for name, f in table.items()
        }
        start = next((n for n, f in table.items() if f.kind is KINDS["from_date"]), None)
        end = next((n for n, f in table.items() if f.kind is KINDS["to_date"]), None)
        if start and end and merged[start] is not None and merged[end] is not None and merged[start] > merged[end]:
            merged[start], merged[end] = merged[end], merged[start]
        object.__setattr__(self, "_values", merged)

    def __getattr__(self, name: str) -> Any:
        if name == "_values":
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("FilterSpec is immutable")

    def active(self) -> Iterator[tuple[Filter, Any]]:
        """The filters that restrict the events, with their values, in table order."""
        for name, f in filters().items():
            value = self._values[name]
            if f.kind.is_set(f, value):
                yield f, value

    def values(self) -> dict[str, Any]:
        """Every filter's value by name."""
        return dict(self._values)

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuilt, (self._values,)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FilterSpec) and self._values == other._values

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._values.items(), key=lambda item: item[0])))

    def __repr__(self) -> str:
        given = ", ".join(f"{name}={value!r}" for name, value in self._values.items())
        return f"FilterSpec({given})"


def _rebuilt(values: dict[str, Any]) -> FilterSpec:
    """A FilterSpec from its values (unpickling)."""
    spec = FilterSpec.__new__(FilterSpec)
    object.__setattr__(spec, "_values", values)
    return spec
