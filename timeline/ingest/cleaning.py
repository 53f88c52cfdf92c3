"""Article text cleaning: page noise out (patterns in resources/noise.yaml), paragraphs kept."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from timeline import resources
from timeline.ingest.offsets import Anchors, Part, assemble
from timeline.ingest.pubdate import find_dateline

DATELINE_SEARCH_LINES = 3
"""How many of the first kept lines may hold a dateline or a "Published ..." line."""

WRAP_MIN_CHARS = 50
"""A line at least this long not ending a sentence is taken as hard-wrapped and joined to the next."""

SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "]")
WORDS = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class NoiseRules:
    """The compiled patterns of noise.yaml."""

    drop_lines: tuple[re.Pattern[str], ...]
    drop_inline: tuple[re.Pattern[str], ...]
    max_line_chars: int

    def is_noise(self, line: str) -> bool:
        """True when the whole (stripped) line is page furniture, not reporting."""
        return len(line) <= self.max_line_chars and any(p.fullmatch(line) for p in self.drop_lines)


@functools.cache
def noise_rules() -> NoiseRules:
    """noise.yaml, parsed and compiled once."""
    data = resources.load("noise.yaml")
    flags = re.IGNORECASE
    return NoiseRules(
        drop_lines=tuple(re.compile(p, flags) for p in data["drop_lines"]),
        drop_inline=tuple(re.compile(p, flags) for p in data["drop_inline"]),
        max_line_chars=int(data["max_line_chars"]),
    )


@dataclass(frozen=True, slots=True)
class CleanText:
    """Cleaned text, its anchors back into the input text, and the dateline's day if one was read."""

    text: str
    anchors: Anchors
    dateline_date: dt.date | None


Line = list[tuple[int, int]]
"""A line as spans of the input text (several when inline noise was cut out of it)."""


def split_lines(text: str) -> Iterator[tuple[int, int]]:
    """`(start, end)` of every line of `text`, without line ends or surrounding spaces."""
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        start = pos + (len(raw) - len(raw.lstrip()))
        yield start, start + len(stripped)
        pos += len(raw) + 1


def cut_inline(text: str, start: int, end: int, rules: NoiseRules) -> Line:
    """The spans of `text[start:end]` left after removing inline noise."""
    spans: Line = [(start, end)]
    for pattern in rules.drop_inline:
        kept: Line = []
        for s, e in spans:
            pos = s
            for match in pattern.finditer(text, s, e):
                kept.append((pos, match.start()))
                pos = match.end()
            kept.append((pos, e))
        spans = [(s, e) for s, e in kept if text[s:e].strip()]
    return spans


def line_text(text: str, line: Line) -> str:
    """The visible text of a line made of spans, without surrounding spaces."""
    return "".join(text[s:e] for s, e in line).strip()


def same_words(a: str, b: str) -> bool:
    """True when `a` and `b` have the same words, ignoring case, spacing and punctuation."""
    words = WORDS.findall(a.casefold())
    return bool(words) and words == WORDS.findall(b.casefold())


def cut_dateline(text: str, line: Line) -> tuple[list[Part], dt.date | None] | None:
    """The line with its dateline's date (or a whole "Published ..." line) cut, and the day it gave."""
    start, end = line[0]
    found = find_dateline(text[start:end])
    if found is None:
        return None
    cut_start, cut_end = start + found.cut[0], start + found.cut[1]
    parts: list[Part] = [(start, cut_start)]
    if found.keep_place:
        parts.append(" ")
    parts.append((cut_end, end))
    parts.extend(line[1:])
    spans = [p for p in parts if not isinstance(p, str) and text[p[0] : p[1]].strip()]
    return (parts if spans else []), found.date


def clean(text: str, title: str = "", *, hard_wrapped: bool = True) -> CleanText:
    """`text` without page noise, a repeated title or a dateline's date, paragraphs split by blank lines.

    `hard_wrapped` says that a line break inside a paragraph may be a wrap (plain text, Markdown,
    records); otherwise every line is a paragraph (text extracted from HTML). The first day a
    dateline or "Published ..." line gives is returned as `dateline_date`.
    """
    rules = noise_rules()
    lines: list[list[Part] | None] = []  # None marks a blank line
    dateline_date: dt.date | None = None
    kept_lines = 0
    for start, end in split_lines(text):
        if start == end:
            lines.append(None)
            continue
        line: Line = cut_inline(text, start, end, rules)
        visible = line_text(text, line)
        if not visible or rules.is_noise(visible):
            continue
        if kept_lines == 0 and title and same_words(visible, title):
            continue
        parts: list[Part] = list(line)
        cut = cut_dateline(text, line) if kept_lines < DATELINE_SEARCH_LINES else None
        if cut is not None:
            parts = cut[0]
            dateline_date = dateline_date or cut[1]
            if not parts:
                continue
        kept_lines += 1
        lines.append(parts)
    return CleanText(*assemble(text, join_paragraphs(text, lines, hard_wrapped)), dateline_date)


def join_paragraphs(text: str, lines: list[list[Part] | None], hard_wrapped: bool) -> Iterator[Part]:
    """The parts of all lines with a space inside wrapped paragraphs and a blank line between paragraphs."""
    previous: str | None = None
    blank = False
    for line in lines:
        if line is None:
            blank = True
            continue
        if previous is not None:
            wrapped = (
                hard_wrapped and not blank and len(previous) >= WRAP_MIN_CHARS and not previous.endswith(SENTENCE_END)
            )
            yield " " if wrapped else "\n\n"
        yield from line
        previous = "".join(p if isinstance(p, str) else text[p[0] : p[1]] for p in line).rstrip()
        blank = False
