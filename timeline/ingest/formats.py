"""The input formats of resources/formats.yaml: file name ending -> format -> reader (the one such table)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import PurePath

from timeline import resources
from timeline.ingest.readers import READERS, Reader

FORMATS_FILE = "formats.yaml"


@dataclass(frozen=True, slots=True)
class Format:
    """One input format: its name, how users call it, its file name endings and its reader."""

    name: str
    label: str
    extensions: tuple[str, ...]
    reader: Reader


@functools.cache
def formats() -> dict[str, Format]:
    """Every format by file name ending (lower case, with the dot); mistakes stop with the file and line."""
    entries = resources.section(resources.load(FORMATS_FILE), "formats", resources.display_path(FORMATS_FILE))
    by_extension: dict[str, Format] = {}
    for entry in entries:
        name = resources.field(entry, "name")
        reader = resources.field(entry, "reader")
        if reader not in READERS:
            resources.fail(entry, f"format {name!r}: reader {reader!r} is not one of {sorted(READERS)}")
        extensions = tuple(str(e).lower() for e in resources.field(entry, "extensions", list))
        found = Format(name, str(entry.get("label", name)), extensions, READERS[reader])
        for extension in extensions:
            if not extension.startswith(".") or extension in by_extension:
                resources.fail(entry, f"format {name!r}: extension {extension!r} is not '.x' or belongs to two formats")
            by_extension[extension] = found
    return by_extension


def format_of(name: str | PurePath) -> Format | None:
    """The format of a file by its name's ending, or None when no format reads it."""
    return formats().get(PurePath(name).suffix.lower())


def extensions() -> tuple[str, ...]:
    """Every supported file name ending, in the file's order."""
    return tuple(formats())


def described() -> str:
    """The supported formats for a message: "plain text (.txt .text), Markdown (.md .markdown), ..."."""
    seen: dict[str, Format] = {f.name: f for f in formats().values()}
    return ", ".join(f"{f.label} ({' '.join(f.extensions)})" for f in seen.values())
