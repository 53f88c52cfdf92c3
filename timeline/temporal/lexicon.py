"""Vocabulary of the temporal resolver, loaded once from timeline/resources/temporal_lexicon.yaml."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from timeline import resources

LEXICON_FILE = "temporal_lexicon.yaml"
PATTERNS_FILE = "temporal_patterns.yaml"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word lists and mappings the span patterns and the resolution rules share."""

    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    vague_numbers: tuple[str, ...]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, bool]]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    vague: dict[str, str]
    guarded_vague: dict[str, str]
    sets: dict[str, str]
    holidays: dict[str, str]
    timezones: tuple[str, ...]
    edges: dict[str, str]
    approximators: tuple[str, ...]
    determiners: tuple[str, ...]
    context_cues: frozenset[str]
    prefix_words: tuple[str, ...]
    future_cues: tuple[str, ...]
    past_cues: tuple[str, ...]
    reporting_verbs: tuple[str, ...]
    deadline_words: tuple[str, ...]
    open_words: tuple[str, ...]
    key_words: tuple[str, ...]

    def month_of(self, word: str) -> int | None:
        """Month number of a month name or abbreviation (with or without a final dot)."""
        key = word.lower().rstrip(".")
        return self.months.get(key) or self.month_abbreviations.get(key)

    def number_of(self, word: str) -> int | None:
        """Integer value of a figure or a number word ("25", "twenty-five", "a"); None if vague."""
        key = " ".join(word.lower().replace(",", "").split())
        if key.isdigit():
            return int(key)
        if key in self.numbers:
            return self.numbers[key]
        total = 0
        for part in key.replace("-", " ").split():
            if part not in self.numbers:
                return None
            total += self.numbers[part]
        return total


    def year_of_words(self, words: str) -> int | None:
        """A year written out ("nineteen ninety-six" -> 1996, "two thousand and one" -> 2001)."""
        parts = words.lower().replace("-", " ").split()
        if parts[:2] == ["two", "thousand"]:
            rest = self.number_of(" ".join(p for p in parts[2:] if p != "and")) if len(parts) > 2 else 0
            return None if rest is None else 2000 + rest
        century = self.numbers.get(parts[0]) if parts else None
        if century is None or len(parts) < 2:
            return None
        rest = 0 if parts[1:] == ["hundred"] else self.number_of(" ".join(parts[1:]))
        return None if rest is None else century * 100 + rest


def _str_map(data: Any) -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in (data or {}).items()}


def _int_map(data: Any) -> dict[str, int]:
    return {str(k).lower(): int(v) for k, v in (data or {}).items()}


@functools.cache
def lexicon() -> Lexicon:
    """The vocabulary, parsed on first use and cached for the life of the process."""
    data = resources.load(LEXICON_FILE)
    return Lexicon(
        months=_int_map(data["months"]),
        month_abbreviations=_int_map(data["month_abbreviations"]),
        weekdays=_int_map(data["weekdays"]),
        numbers=_int_map(data["numbers"]),
        vague_numbers=tuple(str(w).lower() for w in data["vague_numbers"]),
        ordinals=_int_map(data["ordinals"]),
        units={str(k).lower(): (str(v[0]), bool(v[1])) for k, v in data["units"].items()},
        seasons=_str_map(data["seasons"]),
        parts_of_day=_str_map(data["parts_of_day"]),
        vague=_str_map(data["vague"]),
        guarded_vague=_str_map(data["guarded_vague"]),
        sets=_str_map(data["sets"]),
        holidays=_str_map(data["holidays"]),
        timezones=tuple(str(w) for w in data["timezones"]),
        edges=_str_map(data["edges"]),
        approximators=tuple(str(w).lower() for w in data["approximators"]),
        determiners=tuple(str(w).lower() for w in data["determiners"]),
        prefix_words=tuple(str(w).lower() for w in data["prefix_words"]),
        context_cues=frozenset(str(w).lower() for w in data["context_cues"]),
        future_cues=tuple(str(w).lower() for w in data["future_cues"]),
        past_cues=tuple(str(w).lower() for w in data["past_cues"]),
        reporting_verbs=tuple(str(w).lower() for w in data["reporting_verbs"]),
        deadline_words=tuple(str(w).lower() for w in data["deadline_words"]),
        open_words=tuple(str(w).lower() for w in data["open_words"]),
        key_words=tuple(str(w).lower() for w in data["key_words"]),
    )
