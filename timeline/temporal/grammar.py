"""Span finding: the patterns of temporal_patterns.yaml compiled into one alternation.

Every pattern becomes a named branch of a single regular expression, scanned once over the
text; the branch that matched names the resolution rule. Vocabulary placeholders are
expanded from the lexicon; months and weekdays are matched case-sensitively (capitalised or
upper case) so that "may", "march" or "sat" in running text are not dates.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from timeline.temporal.lexicon import PATTERNS_FILE, Lexicon, lexicon, read_resource

_PLACEHOLDER = re.compile(r"\{(\w+)(?::(\w+))?\}")
_GROUP = re.compile(r"\(\?P<(\w+)>")
_BACKREF = re.compile(r"\(\?P=(\w+)\)")

_CLOCK = (
    r"(?:(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s?[ap]\.?m\b\.?)?(?=\W|$)|(?:1[0-2]|0?[1-9])\s?(?:[ap]\.m\b\.?|[ap]m\b)"
    r"|(?:1[0-2]|0?[1-9])\s+in\s+the\s+(?:morning|afternoon|evening)|noon|midnight|midday)"
)


def words_pattern(words: Iterable[str]) -> str:
    """Alternation of words (longest first), spaces matching any run of whitespace."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def _capitalised(words: Iterable[str]) -> str:
    """Case-sensitive alternation of the Capitalised and UPPER forms of `words`."""
    forms = [f for w in words for f in (w.capitalize(), w.upper())]
    return "(?-i:" + words_pattern(forms) + ")"


def _number(lex: Lexicon, articles: bool = True) -> str:
    """Figures, number words and composites of tens and units ("twenty-five"); "a"/"an" if `articles`."""
    tens = [w for w, v in lex.numbers.items() if 20 <= v < 100 and v % 10 == 0 and " " not in w]
    units = [w for w, v in lex.numbers.items() if 1 <= v <= 9 and w not in ("a", "an")]
    return (
        r"(?:\d{1,3}(?:,\d{3})?(?:\.\d{1,2})?|"
        + words_pattern(tens)
        + r"[\s-]"
        + words_pattern(units)
        + "|"
        + words_pattern(w for w in lex.numbers if articles or w not in ("a", "an"))
        + ")"
    )


def _is_plural(word: str, lex: Lexicon) -> bool:
    return (word.endswith("s") and word[:-1] in lex.units) or (word.endswith("ies") and word[:-3] + "y" in lex.units)


def _pieces(lex: Lexicon) -> dict[str, str]:
    unit_singular = [w for w in lex.units if not _is_plural(w, lex)]
    return {
        "day": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:,]\d)",
        "year": r"(?:1[0-9]|20)\d\d(?![\d,]\d)",
        "clock": _CLOCK,
        "relday": r"(?:yesterday|today|tomorrow|tonight)",
        "num": _number(lex),
        "count": _number(lex, articles=False),
        "det": words_pattern(lex.determiners),
        "vnum": words_pattern(lex.vague_numbers),
        "month": "(?:"
        + _capitalised(lex.months)
        + "|"
        + _capitalised(lex.month_abbreviations)
        + r"\.?)",
        "month_name": _capitalised(lex.months),
        "weekday": _capitalised(lex.weekdays),
        "unit": words_pattern(lex.units),
        "unit_sing": words_pattern(unit_singular),
        "ord": words_pattern(lex.ordinals),
        "season": words_pattern(lex.seasons),
        "part": words_pattern(lex.parts_of_day),
        "tz": "(?-i:" + words_pattern(lex.timezones) + ")",
        "edge": words_pattern(lex.edges),
        "approx": words_pattern(lex.approximators),
        "vague": words_pattern(lex.vague),
        "setword": words_pattern(lex.sets),
        "holiday": "(?-i:" + words_pattern(w.title() for w in lex.holidays) + ")",
    }


@dataclass(frozen=True, slots=True)
class Branch:
    """One pattern of the alternation: its rule and its groups (full name -> short name)."""

    rule: str
    groups: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span the grammar found, with the rule to resolve it, its named parts and their offsets."""

    start: int
    end: int
    rule: str
    parts: dict[str, str]
    spans: dict[str, tuple[int, int]]


R = TypeVar("R")


class Grammar:
    """The compiled alternation; scanning keeps the first pattern whose rule accepts the span."""

    def __init__(self, alternatives: list[str], branches: list[Branch]) -> None:
        self._alternatives = alternatives
        self._branches = branches
        self._tails: dict[int, re.Pattern[str]] = {}
        self.regex = self._tail(0)

    def _tail(self, first: int) -> re.Pattern[str]:
        """The alternation of the patterns from index `first` on (compiled once, on demand)."""
        if first not in self._tails:
            body = "|".join(self._alternatives[first:]) or "(?!)"
            self._tails[first] = re.compile(r"(?<![\w'])(?:" + body + r")(?!\w)", re.IGNORECASE)
        return self._tails[first]

    def _candidate(self, match: re.Match[str]) -> tuple[int, Candidate]:
        name = match.lastgroup or "b0"
        index = int(name[1:])
        branch = self._branches[index]
        parts: dict[str, str] = {}
        spans: dict[str, tuple[int, int]] = {}
        for full, short in branch.groups:
            value = match.group(full)
            if value is not None:
                parts[short] = value
                spans[short] = match.span(full)
        return index, Candidate(match.start(), match.end(), branch.rule, parts, spans)

    def scan(self, text: str, accept: Callable[[Candidate], R | None]) -> Iterator[tuple[Candidate, R]]:
        """Leftmost non-overlapping spans of `text` that `accept` resolves, with its results.

        When `accept` rejects a match, the later patterns are tried at the same position
        before the scan moves on.
        """
        pos = 0
        while (match := self.regex.search(text, pos)) is not None:
            first_start = match.start()
            found: tuple[Candidate, R] | None = None
            while match is not None:
                index, candidate = self._candidate(match)
                result = accept(candidate)
                if result is not None:
                    found = (candidate, result)
                    break
                match = self._tail(index + 1).match(text, candidate.start) if index + 1 < len(self._branches) else None
            if found is None:
                pos = first_start + 1
                continue
            yield found
            pos = max(found[0].end, found[0].start + 1)


def _expand(pattern: str, pieces: dict[str, str]) -> str:
    def piece(match: re.Match[str]) -> str:
        name, alias = match.group(1), match.group(2) or match.group(1)
        if name not in pieces:
            raise ValueError(f"{PATTERNS_FILE}: unknown placeholder {{{name}}}")
        return f"(?P<{alias}>{pieces[name]})"

    return _PLACEHOLDER.sub(piece, pattern)


def compile_grammar(patterns: list[dict[str, str]], lex: Lexicon) -> Grammar:
    """One case-insensitive alternation of all patterns, each wrapped in a named branch."""
    pieces = _pieces(lex)
    alternatives: list[str] = []
    branches: list[Branch] = []
    for index, entry in enumerate(patterns):
        prefix = f"b{index}_"
        body = _expand(entry["pattern"], pieces)
        body = _GROUP.sub(lambda m, p=prefix: f"(?P<{p}{m.group(1)}>", body)  # type: ignore[misc]
        body = _BACKREF.sub(lambda m, p=prefix: f"(?P={p}{m.group(1)})", body)  # type: ignore[misc]
        names = tuple(dict.fromkeys(_GROUP.findall(body)))
        branches.append(Branch(entry["rule"], tuple((n, n[len(prefix) :]) for n in names)))
        alternatives.append(f"(?P<b{index}>{body})")
    return Grammar(alternatives, branches)


@functools.cache
def grammar() -> Grammar:
    """The grammar of the bundled resource files, compiled on first use."""
    data = read_resource(PATTERNS_FILE)
    return compile_grammar(list(data["patterns"]), lexicon())
