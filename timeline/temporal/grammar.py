"""Span finding: the patterns of temporal_patterns.yaml compiled into one alternation.

Every pattern becomes a named branch of a single regular expression, scanned once over the
text; the branch that matched names the resolution rule. Vocabulary placeholders are
expanded from the lexicon; months and weekdays are matched case-sensitively (capitalised or
upper case) so that "may", "march" or "sat" in running text are not dates.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from timeline import resources
from timeline.temporal.alternation import words_pattern
from timeline.temporal.firstchars import first_chars
from timeline.temporal.lexicon import PATTERNS_FILE, Lexicon, lexicon
from timeline.temporal.rules import RULES

_PLACEHOLDER = re.compile(r"\{(\w+)(?::(\w+))?\}")
_GROUP = re.compile(r"\(\?P<(\w+)>")
_BACKREF = re.compile(r"\(\?P=(\w+)\)")

_CLOCK = (
    r"(?:(?:[01]?\d|2[0-3]):[0-5]\d(?:\s?[ap]\.?m\b\.?)?(?=\W|$)|(?:1[0-2]|0?[1-9])\.[0-5]\d\s?[ap]\.?m\b\.?"
    r"|(?:1[0-2]|0?[1-9])\s?(?:[ap]\.m\b\.?|[ap]m\b)"
    r"|(?:1[0-2]|0?[1-9])\s+in\s+the\s+(?:morning|afternoon|evening)|noon|midnight|midday)"
)


def _capitalised(words: Iterable[str]) -> str:
    """Case-sensitive alternation of the Capitalised and UPPER forms of `words`."""
    forms = [f for w in words for f in (w.capitalize(), w.upper())]
    return "(?-i:" + words_pattern(forms) + ")"


def _capitalise_words(phrase: str) -> str:
    """"new year's day" -> "New Year's Day" (str.title would give "Year'S")."""
    return " ".join(word[:1].upper() + word[1:] for word in phrase.split())


def _number(lex: Lexicon, articles: bool = True) -> str:
    """Figures, number words and composites of tens and units ("twenty-five"); "a"/"an" if `articles`."""
    tens = [w for w, v in lex.numbers.items() if 20 <= v < 100 and v % 10 == 0 and " " not in w]
    units = [w for w, v in lex.numbers.items() if 1 <= v <= 9 and w not in ("a", "an")]
    return (
        r"(?:\d{1,3}(?:,\d{3}){0,4}(?:\.\d{1,2})?|"
        + words_pattern(tens)
        + r"[\s-]"
        + words_pattern(units)
        + "|"
        + words_pattern(w for w in lex.numbers if articles or w not in ("a", "an"))
        + ")"
    )


def _is_plural(word: str, lex: Lexicon) -> bool:
    return (word.endswith("s") and word[:-1] in lex.units) or (word.endswith("ies") and word[:-3] + "y" in lex.units)


def _year_words(lex: Lexicon) -> str:
    """Years written out: "nineteen ninety-six", "eighteen hundred", "two thousand and one"."""
    tens = words_pattern(w for w, v in lex.numbers.items() if 20 <= v < 100 and v % 10 == 0 and " " not in w)
    units = words_pattern(w for w, v in lex.numbers.items() if 1 <= v <= 9 and w not in ("a", "an"))
    teens = words_pattern(w for w, v in lex.numbers.items() if 10 <= v <= 19)
    return (
        rf"(?:(?:eighteen|nineteen)[\s-]+(?:{tens}(?:[\s-]{units})?|{teens}|hundred)"
        rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{teens}|{units}))?)"
    )


def _pieces(lex: Lexicon) -> dict[str, str]:
    unit_singular = [w for w in lex.units if not _is_plural(w, lex)]
    return {
        "day": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:,]\d)",
        "year": r"(?:1[0-9]|20)\d\d(?![\d,]\d)",
        "clock": _CLOCK,
        "relday": r"(?:yesterday|today|tomorrow|tonight)",
        "yearword": _year_words(lex),
        "after_cue": "(?:" + "|".join(rf"(?<=(?<![\w']){re.escape(w)}\s)" for w in sorted(lex.context_cues)) + ")",
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
        "holiday": "(?-i:" + words_pattern(_capitalise_words(w) for w in lex.holidays) + ")",
    }


@dataclass(frozen=True, slots=True)
class Branch:
    """One pattern of the alternation: its rule and its groups (full name -> short name)."""

    rule: str
    groups: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span the grammar found, with the rule to resolve it and its named parts."""

    start: int
    end: int
    rule: str
    parts: dict[str, str]
    branch: int = 0


R = TypeVar("R")


_FUNCTION_WORDS = frozenset(("the", "a", "an", "in", "at", "as", "of", "right", "these"))

FAILURE_WINDOW = (32, 96)
"""Characters before and after a start that decide whether anything matches there: the rules
look at most 30 characters back, and no pattern spans more than 96 characters."""


def _whole_words(pattern: str) -> re.Pattern[str]:
    """`pattern` compiled case-insensitively to match whole words only (not inside a number)."""
    return re.compile(r"(?<![\w'])(?<!\d[,.])(?:" + pattern + r")(?!\w)", re.IGNORECASE)


def _first_char_guard(first: frozenset[str] | None) -> str:
    """A look-ahead that fails at once where a pattern cannot start (empty when it can start anywhere)."""
    if first is None:
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted(first)) + "])"


PREFIX_REACH = 80
"""How far (characters) before a key word a temporal expression may start."""

_WORD_START = re.compile(r"(?<![\w'])[\w'$–-]")


def key_pattern(lex: Lexicon, shapes: Sequence[str]) -> re.Pattern[str]:
    """The words and shapes every temporal expression contains at least one of: the vocabulary's words, the
    lexicon's `key_words` and the patterns file's `key_shapes`."""
    words: set[str] = set(lex.key_words)
    for vocabulary_words in (lex.units, lex.seasons, lex.parts_of_day, lex.sets):
        words.update(vocabulary_words)
    for phrase in (*lex.vague, *lex.guarded_vague, *lex.holidays):
        words.update(w for w in phrase.split() if w not in _FUNCTION_WORDS)
    words.update(w.lower() for w in lex.timezones)
    names = [*lex.months, *lex.month_abbreviations, *lex.weekdays, *(w + "s" for w in lex.weekdays)]
    vocabulary = r"(?<![\w'])(?:" + words_pattern(words) + "|" + _capitalised(names) + r")(?!\w)"
    return re.compile("(?=[\\w'])(?:" + "|".join((vocabulary, *shapes)) + ")", re.IGNORECASE)


def prefix_chain_pattern(lex: Lexicon) -> re.Pattern[str]:
    """A run of words that may open an expression, ending where its key word begins."""
    words = {*lex.prefix_words, *lex.numbers, *lex.vague_numbers, *lex.ordinals, *lex.approximators}
    words.update(lex.determiners)
    words.update(lex.edges)
    words.update(w.lower() for w in lex.weekdays)
    token = r"(?:" + words_pattern(w for w in words if w not in ("-", "–")) + r"|\d[\d,./:]{0,12}(?:st|nd|rd|th)?)"
    return re.compile(r"(?<![\w'])(?:" + token + r"(?![\w'])(?:,?\s{1,3}|\s?[-–]\s?)){1,8}$", re.IGNORECASE)


class Grammar:
    """The compiled alternation; scanning keeps the first pattern whose rule accepts the span.

    The scan visits only key words (see `key_pattern`), so text without any costs one fast
    regular-expression pass; from each key word it walks back over opening words and tries
    the alternation at each word start, leftmost first.
    """

    def __init__(self, bodies: list[str], branches: list[Branch], lex: Lexicon, shapes: Sequence[str]) -> None:
        self._branches = branches
        self._first = [first_chars(body) for body in bodies]
        guards = [_first_char_guard(first) for first in self._first]
        named = [f"(?P<b{i}>{guard}{body})" for i, (guard, body) in enumerate(zip(guards, bodies, strict=True))]
        self.regex = _whole_words("|".join(named))
        self._single = [_whole_words(branch) for branch in named]
        self._keys = key_pattern(lex, shapes)
        self._prefix = prefix_chain_pattern(lex)

    def branch_pattern(self, index: int) -> re.Pattern[str]:
        """The compiled pattern of one branch alone."""
        return self._single[index]

    def _candidate(self, match: re.Match[str]) -> tuple[int, Candidate]:
        name = match.lastgroup or "b0"
        index = int(name[1:])
        branch = self._branches[index]
        parts = {short: value for full, short in branch.groups if (value := match.group(full)) is not None}
        return index, Candidate(match.start(), match.end(), branch.rule, parts, index)

    def _accepted_at(
        self, text: str, start: int, accept: Callable[[Candidate], R | None]
    ) -> tuple[Candidate, R] | None:
        """The first pattern matching at `start` whose rule accepts the span.

        When the rule rejects the match, the later patterns that may start with the same
        character are tried one by one.
        """
        if start >= len(text):
            return None
        match = self.regex.match(text, start)
        if match is None:
            return None
        char = text[start].lower()
        while True:
            index, candidate = self._candidate(match)
            result = accept(candidate)
            if result is not None:
                return candidate, result
            match = None
            for later in range(index + 1, len(self._single)):
                first = self._first[later]
                if (first is None or char in first) and (match := self._single[later].match(text, start)):
                    break
            if match is None:
                return None

    def _starts(self, text: str, pos: int, key_start: int) -> list[int]:
        """Word starts from which an expression containing the key word at `key_start` may begin."""
        lo = max(pos, key_start - PREFIX_REACH)
        before = text[max(lo, key_start - 24) : key_start].split()
        if not before or not self._prefix.search(before[-1] + " "):
            return [key_start]
        chain = self._prefix.search(text, lo, key_start)
        if chain is None:
            return [key_start]
        return [m.start() for m in _WORD_START.finditer(text, chain.start(), key_start)] + [key_start]

    def scan(self, text: str, accept: Callable[[Candidate], R | None]) -> Iterator[tuple[Candidate, R]]:
        """Leftmost non-overlapping spans of `text` that `accept` resolves, with its results.

        A start that gave nothing is remembered by the text around it (FAILURE_WINDOW), so
        a text repeating the same words ("May may May may ...") is tried once, not once per copy.
        """
        pos = 0
        failed: set[str] = set()
        before, after = FAILURE_WINDOW
        for key in self._keys.finditer(text):
            if key.start() < pos:
                continue
            for start in self._starts(text, pos, key.start()):
                if start < pos:
                    continue
                window = text[max(0, start - before) : start + after] if start >= before else ""
                if window in failed:
                    continue
                found = self._accepted_at(text, start, accept)
                if found is None:
                    if window:
                        failed.add(window)
                    continue
                yield found
                pos = max(found[0].end, start + 1)


def _expand(entry: Any, pieces: dict[str, str]) -> str:
    """The pattern of an entry with its vocabulary placeholders written out."""

    def piece(match: re.Match[str]) -> str:
        name, alias = match.group(1), match.group(2) or match.group(1)
        if name not in pieces:
            resources.fail(entry, f"unknown placeholder {{{name}}} (known: {', '.join(sorted(pieces))})")
        return f"(?P<{alias}>{pieces[name]})"

    return _PLACEHOLDER.sub(piece, resources.field(entry, "pattern"))


def compile_grammar(patterns: Sequence[Any], shapes: Sequence[str], lex: Lexicon, rules: Collection[str]) -> Grammar:
    """One case-insensitive alternation of all patterns, each wrapped in a named branch, checked: every rule
    name is a rule of `rules`, every pattern compiles and finds its own example (see `check_examples`)."""
    pieces = _pieces(lex)
    bodies: list[str] = []
    branches: list[Branch] = []
    for index, entry in enumerate(patterns):
        rule = resources.field(entry, "rule")
        if rule not in rules:
            resources.fail(entry, f"unknown rule {rule!r} (a rule of timeline/temporal/rules/)")
        prefix = f"b{index}_"
        body = _expand(entry, pieces)
        body = _GROUP.sub(lambda m, p=prefix: f"(?P<{p}{m.group(1)}>", body)  # type: ignore[misc]
        body = _BACKREF.sub(lambda m, p=prefix: f"(?P={p}{m.group(1)})", body)  # type: ignore[misc]
        resources.compiled(entry, body)
        names = tuple(dict.fromkeys(_GROUP.findall(body)))
        branches.append(Branch(rule, tuple((n, n[len(prefix) :]) for n in names)))
        bodies.append(body)
    for shape in shapes:
        resources.compiled(shapes, shape)
    compiled = Grammar(bodies, branches, lex, shapes)
    check_examples(compiled, patterns)
    return compiled


def check_examples(compiled: Grammar, patterns: Sequence[Any]) -> None:
    """Every pattern finds its `example` when the text is scanned: the scanner reaches it through a key word or
    shape, and no earlier pattern takes the same text first. A pattern that fails this could never fire."""
    for index, entry in enumerate(patterns):
        example = resources.field(entry, "example")
        own = compiled.branch_pattern(index).search(example)
        if own is None:
            resources.fail(entry, f"pattern of rule {entry['rule']!r} does not match its example {example!r}")
        found = [c for c, _ in compiled.scan(example, lambda c: c) if c.start < own.end() and own.start() < c.end]
        if not found:
            resources.fail(entry, f"the scanner never reaches the example {example!r} of rule {entry['rule']!r}: none "
                                  "of its words is a key word (add one to key_words in temporal_lexicon.yaml)")
        if all(c.branch != index for c in found):
            resources.fail(entry, f"the example {example!r} of rule {entry['rule']!r} is taken first by the pattern "
                                  f"of rule {found[0].rule!r} ({resources.where(patterns[found[0].branch])})")


@functools.cache
def grammar() -> Grammar:
    """The grammar of the bundled resource files, compiled and checked on first use."""
    data = resources.load(PATTERNS_FILE)
    where = resources.display_path(PATTERNS_FILE)
    patterns = resources.section(data, "patterns", where)
    shapes = resources.section(data, "key_shapes", where)
    return compile_grammar(patterns, [str(s) for s in shapes], lexicon(), RULES)
