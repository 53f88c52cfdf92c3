"""Which characters can a regular expression's match begin with? Used to skip patterns early.

The answer comes from the parse tree of Python's own regex parser (`re._parser`); anything it
cannot bound (a negated class, `.`, `\\w`, a possibly empty match) answers None, "any
character", which only costs speed, never a match.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from typing import Any

_SPACES = frozenset(" \t\n\r\f\v")
_DIGITS = frozenset("0123456789")
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}


def first_chars(pattern: str) -> frozenset[str] | None:
    """Lower-cased characters a match of `pattern` may start with, or None when unbounded."""
    try:
        chars, nullable = _sequence(list(sre_parse.parse(pattern, re.IGNORECASE)))
    except (re.error, TypeError, ValueError):
        return None
    if chars is None or nullable:
        return None
    return frozenset(c.lower() for c in chars)


def _sequence(items: list[Any]) -> tuple[set[str] | None, bool]:
    found: set[str] = set()
    for op, arg in items:
        chars, nullable = _item(op, arg)
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _item(op: Any, arg: Any) -> tuple[set[str] | None, bool]:
    if op == sre.LITERAL:
        return {chr(arg)}, False
    if op == sre.IN:
        return _charset(arg), False
    if op == sre.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op == sre.BRANCH:
        union: set[str] = set()
        any_nullable = False
        for alternative in arg[1]:
            chars, nullable = _sequence(list(alternative))
            if chars is None:
                return None, False
            union |= chars
            any_nullable = any_nullable or nullable
        return union, any_nullable
    if op in _REPEATS:
        low, _, body = arg
        chars, nullable = _sequence(list(body))
        return chars, nullable or low == 0
    if op in _ZERO_WIDTH:
        return set(), True
    return None, False


def _charset(items: list[Any]) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        if op == sre.LITERAL:
            chars.add(chr(arg))
        elif op == sre.RANGE and arg[1] - arg[0] < 256:
            chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
        elif op == sre.CATEGORY and arg == sre.CATEGORY_DIGIT:
            chars |= _DIGITS
        elif op == sre.CATEGORY and arg == sre.CATEGORY_SPACE:
            chars |= _SPACES
        else:
            return None
    return chars
