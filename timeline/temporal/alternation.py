"""Word lists as compact regular expressions: an alternation built as a character trie."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


def words_pattern(words: Iterable[str]) -> str:
    """Alternation of `words` as a character trie (one comparison per character, longest first).

    Spaces inside a word match any run of whitespace.
    """
    trie: dict[str, dict[str, Any]] = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return "(?:" + _trie_body(trie) + ")"


def _trie_body(node: dict[str, dict[str, Any]]) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_body(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return body + "?" if len(branches) == 1 and len(body) == 1 else "(?:" + body + ")?"
    return body
