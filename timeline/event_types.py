"""The event types of resources/event_types.yaml: families, role frames, colours and CAMEO codes.

The one place that says which types exist. Extraction reads the frames and triggers, deduplication and
clustering the families, the command line and the dashboard the names, labels and colours.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from timeline import resources

TYPES_FILE = "event_types.yaml"

OBJECT_ROLES = frozenset({"target", "destination"})
PASSIVE_ROLES = frozenset({"target", "initiator"})
PREP_ROLES = frozenset(
    {"initiator", "target", "counterpart", "person_counterpart", "destination", "target_or_place", "part", "place",
     "visitor_or_place"}
)
COUNTERPART_ROLES = frozenset({"counterpart", "person_counterpart"})
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_FRAME_FLAGS = (
    "targets_locate", "destination_is_not_target", "no_weapon_subject", "named_counterpart_suffices", "mutual"
)


@dataclass(frozen=True, slots=True)
class Frame:
    """Which role each part of a trigger's clause plays (see the header of event_types.yaml)."""

    object: str
    passive_subject: str
    preps: dict[str, str]
    carried_by: frozenset[str]
    targets_locate: bool = False
    destination_is_not_target: bool = False
    no_weapon_subject: bool = False
    named_counterpart_suffices: bool = False
    mutual: bool = False

    @property
    def counterpart_preps(self) -> frozenset[str]:
        """Prepositions whose object is a counterpart ("talks with", "a call between")."""
        return frozenset(p for p, role in self.preps.items() if role in COUNTERPART_ROLES)


@dataclass(frozen=True, slots=True)
class Family:
    """A family of event types: merged and clustered together, with one role frame."""

    name: str
    labels: tuple[str, str]
    frame: Frame


@dataclass(frozen=True, slots=True)
class EventType:
    """One event type: its family, colour, CAMEO code, special conditions and trigger entries."""

    name: str
    family: Family
    colour: str
    cameo: str
    not_accidental: bool
    refined_by_modifiers: bool
    triggers: tuple[Any, ...]


def _frame(node: Any) -> Frame:
    frame = resources.field(node, "frame", dict)
    object_role = resources.field(frame, "object")
    passive = resources.field(frame, "passive_subject")
    preps = resources.field(frame, "preps", dict)
    if object_role not in OBJECT_ROLES:
        resources.fail(frame, f"object role {object_role!r} is not one of {sorted(OBJECT_ROLES)}")
    if passive not in PASSIVE_ROLES:
        resources.fail(frame, f"passive_subject role {passive!r} is not one of {sorted(PASSIVE_ROLES)}")
    for prep, role in preps.items():
        if role not in PREP_ROLES:
            resources.fail(preps, f"preposition {prep!r}: role {role!r} is not one of {sorted(PREP_ROLES)}")
    unknown = set(frame) - {"object", "passive_subject", "preps", "carried_by", *_FRAME_FLAGS}
    if unknown:
        resources.fail(frame, f"unknown frame fields {sorted(unknown)}")
    return Frame(
        object=object_role,
        passive_subject=passive,
        preps={str(p).lower(): str(r) for p, r in preps.items()},
        carried_by=resources.words(frame.get("carried_by")),
        **{flag: bool(frame.get(flag, False)) for flag in _FRAME_FLAGS},
    )


@functools.cache
def event_types() -> dict[str, EventType]:
    """Every event type by name, in display order; a mistake in the file stops with its file and line."""
    data = resources.load(TYPES_FILE)
    families_data = resources.section(data, "families", resources.display_path(TYPES_FILE), dict)
    families: dict[str, Family] = {}
    for name, node in families_data.items():
        labels = resources.field(node, "labels", list)
        if len(labels) != 2:
            resources.fail(node, f"family {name!r}: labels must name actor1 and actor2")
        families[str(name)] = Family(str(name), (str(labels[0]), str(labels[1])), _frame(node))
    types: dict[str, EventType] = {}
    for name, node in resources.section(data, "types", resources.display_path(TYPES_FILE), dict).items():
        if not isinstance(node, dict):
            resources.fail(data["types"], f"type {name!r} must be a mapping")
        family = resources.field(node, "family")
        if family not in families:
            resources.fail(node, f"type {name!r}: family {family!r} is not one of {sorted(families)}")
        if "colour" not in node:
            resources.fail(node, f"type {name!r} has no colour")
        colour = resources.field(node, "colour")
        if not _COLOUR.fullmatch(colour):
            resources.fail(node, f"type {name!r}: colour {colour!r} is not #rrggbb")
        triggers = resources.field(node, "triggers", list)
        types[str(name)] = EventType(
            name=str(name),
            family=families[family],
            colour=colour,
            cameo=str(resources.field(node, "cameo")),
            not_accidental=bool(node.get("not_accidental", False)),
            refined_by_modifiers=bool(node.get("refined_by_modifiers", False)),
            triggers=tuple(triggers),
        )
    if not types:
        resources.fail(data, "no event types", resources.display_path(TYPES_FILE))
    return types


def type_names() -> tuple[str, ...]:
    """The event type names, in display order."""
    return tuple(event_types())


def family_of(event_type: str) -> str:
    """The family of an event type (an unknown type is its own family)."""
    known = event_types().get(event_type)
    return known.family.name if known else event_type


def colour_of(event_type: str, default: str) -> str:
    """The colour of an event type, or `default` for a type the file does not know."""
    known = event_types().get(event_type)
    return known.colour if known else default


def actor_labels(event_type: str) -> tuple[str, str]:
    """What actor1 and actor2 of an event of this type are called ("Attacker", "Target")."""
    known = event_types().get(event_type)
    return known.family.labels if known else ("Actor", "Target / counterpart")
