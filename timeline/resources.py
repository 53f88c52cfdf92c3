"""The one loader of the data files under timeline/resources/: YAML that remembers where each entry was written.

Every mapping and list read from a resource file is a `Located` dict or list carrying the line it started
on, so a stage that finds a mistake in the data (an unknown rule name, a type without a colour) stops with
one line naming the file and the line: `timeline/resources/event_types.yaml:42: ...`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources as package_files
from pathlib import Path
from typing import Any, NoReturn

import yaml

PACKAGE = "timeline"
FOLDER = "resources"


class ResourceError(Exception):
    """A mistake in a data file; its message is one line naming the file and, where known, the line."""


class LocatedDict(dict[Any, Any]):
    """A mapping read from a data file, with the file and the line (1-based) it starts on."""

    file: str = ""
    line: int = 0


class LocatedList(list[Any]):
    """A list read from a data file, with the file and the line (1-based) it starts on."""

    file: str = ""
    line: int = 0


Located = LocatedDict | LocatedList


def _loader(file: str) -> type[yaml.SafeLoader]:
    """A safe YAML loader whose mappings and sequences remember `file` and their line."""

    class Loader(yaml.SafeLoader):
        pass

    def mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LocatedDict:
        out = LocatedDict(loader.construct_mapping(node, deep=True))
        out.file, out.line = file, node.start_mark.line + 1
        return out

    def sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LocatedList:
        out = LocatedList(loader.construct_sequence(node, deep=True))
        out.file, out.line = file, node.start_mark.line + 1
        return out

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, sequence)
    return Loader


def parse(text: str, file: str) -> Any:
    """The data of YAML `text` read from `file` (named in errors); a syntax error is a ResourceError."""
    try:
        return yaml.load(text, Loader=_loader(file))  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{file}:{mark.line + 1}" if mark is not None else file
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ResourceError(f"{where}: not valid YAML: {problem}") from None


def display_path(name: str) -> str:
    """How a bundled data file is named in messages."""
    return f"{PACKAGE}/{FOLDER}/{name}"


@functools.cache
def load(name: str) -> Any:
    """The data of the bundled file `resources/<name>` (read once per process)."""
    try:
        text = package_files.files(PACKAGE).joinpath(FOLDER, name).read_text(encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        raise ResourceError(f"{display_path(name)}: cannot read: {exc}") from None
    return parse(text, display_path(name))


def load_file(path: Path) -> Any:
    """The data of a user's YAML file (an alias file, say); errors name the path."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        raise ResourceError(f"{path}: cannot read: {exc}") from None
    return parse(text, str(path))


def where(node: object, fallback: str = "") -> str:
    """`file:line` of a node read by this module (the fallback name for anything else)."""
    if isinstance(node, LocatedDict | LocatedList) and node.file:
        return f"{node.file}:{node.line}"
    return fallback


def fail(node: object, message: str, fallback: str = "") -> NoReturn:
    """Stop on a mistake in the data at `node`."""
    raise ResourceError(f"{where(node, fallback)}: {message}")


def section(data: object, key: str, file: str, kind: type = list) -> Any:
    """`data[key]`, which must be present and of `kind` (list or dict)."""
    if not isinstance(data, dict):
        fail(data, "expected a mapping at the top of the file", file)
    value = data.get(key)
    if not isinstance(value, kind):
        fail(data, f"'{key}' must be a {'list' if kind is list else 'mapping'}", file)
    return value


def field(entry: object, key: str, kind: type = str) -> Any:
    """A required field of a mapping entry, of the given kind."""
    if not isinstance(entry, dict):
        fail(entry, f"expected a mapping with '{key}'")
    if key not in entry:
        fail(entry, f"missing '{key}'")
    value = entry[key]
    if not isinstance(value, kind):
        fail(entry, f"'{key}' must be a {kind.__name__}, not {type(value).__name__}")
    return value


def words(values: Iterable[object] | None) -> frozenset[str]:
    """A list of words as a lower-case set (absent: empty)."""
    return frozenset(str(v).lower() for v in (values or ()))


def compiled(node: object, text: str, flags: int = 0) -> re.Pattern[str]:
    """`text` compiled as a regular expression; a bad one stops with the place it was written."""
    try:
        return re.compile(text, flags)
    except re.error as exc:
        fail(node, f"bad regular expression {text[:60]!r}: {exc}")


def pattern(entry: object, key: str, flags: int = 0) -> re.Pattern[str]:
    """The regular expression in the field `key` of a mapping entry."""
    return compiled(entry, field(entry, key), flags)
