"""Text rebuilt from kept spans of a source text, with the map back to the source offsets."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from timeline.models import OffsetMap

Part = str | tuple[int, int]
"""A piece of rebuilt text: a literal string (a separator) or a `(start, end)` span of the source."""

Anchors = tuple[tuple[int, int], ...]


def assemble(source: str, parts: Iterable[Part]) -> tuple[str, Anchors]:
    """The text made of `parts` and an anchor `(offset, source_offset)` at the start of every source span."""
    chunks: list[str] = []
    anchors: list[tuple[int, int]] = []
    length = 0
    for part in parts:
        if isinstance(part, str):
            chunks.append(part)
            length += len(part)
            continue
        start, end = part
        if end <= start:
            continue
        if not anchors or anchors[-1][0] + (start - anchors[-1][1]) != length:
            anchors.append((length, start))
        chunks.append(source[start:end])
        length += end - start
    return "".join(chunks), tuple(anchors)


def compose(outer: Anchors, inner: Anchors) -> Anchors:
    """Anchors from the text of `outer` straight to the source of `inner` (outer maps into inner's text)."""
    if not inner:
        return outer
    if not outer:
        return inner
    inner_starts = [a[0] for a in inner]
    result: list[tuple[int, int]] = []
    for k, (clean, mid) in enumerate(outer):
        run_end = outer[k + 1][0] - clean + mid if k + 1 < len(outer) else None
        first = bisect.bisect_right(inner_starts, mid)
        if first:
            inner_mid, orig = inner[first - 1]
            result.append((clean, orig + mid - inner_mid))
        else:
            result.append((clean, mid))
        j = first
        while j < len(inner) and (run_end is None or inner[j][0] < run_end):
            result.append((clean + inner[j][0] - mid, inner[j][1]))
            j += 1
    return tuple(result)


def offset_map(anchors: Anchors) -> OffsetMap:
    """The OffsetMap of `anchors`, empty when every offset maps to itself."""
    if all(clean == orig for clean, orig in anchors):
        return OffsetMap()
    return OffsetMap(anchors)
