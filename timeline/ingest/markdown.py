"""Markdown to plain text: front matter read, markup removed, every kept character mapped back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from timeline.ingest.offsets import Anchors, Part, assemble, compose

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
LINK_TARGET = r"\((?:[^()\n]|\([^()\n]{0,500}\)){0,2000}\)"
"""A link target in parentheses, allowing one level of nested parentheses."""
HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(?P<keep>.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)

MARKUP: tuple[tuple[re.Pattern[str], bool], ...] = (
    # (pattern, keeps its `keep` group); applied in order, each over the output of the previous
    (re.compile(r"<(script|style|iframe|noscript)\b.*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL), False),
    (re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL), False),
    (re.compile(r"</?[A-Za-z][^<>\n]*>"), False),
    (re.compile(r"^[ \t]*```.*$|^[ \t]*~~~.*$", re.MULTILINE), False),
    (re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$|^[ \t]*=+[ \t]*$", re.MULTILINE), False),
    (re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.MULTILINE), False),
    (HEADING, True),
    (re.compile(r"^[ \t]*(?:>[ \t]?)+(?P<keep>.*)$", re.MULTILINE), True),
    (re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+(?P<keep>.*)$", re.MULTILINE), True),
    (re.compile(r"!\[[^\]\n]{0,500}\](?:" + LINK_TARGET + r"|\[[^\]\n]{0,500}\])"), False),
    (re.compile(r"\[(?P<keep>[^\]\n]{0,500})\](?:" + LINK_TARGET + r"|\[[^\]\n]{0,500}\])"), True),
    (re.compile(r"<(?:https?|mailto):[^>\s]*>"), False),
    (re.compile(r"(?<![\w*])(?P<m>\*\*|\*)(?=\S)(?P<keep>[^\n]{0,300}?\S)(?P=m)(?![\w*])"), True),
    (re.compile(r"(?<![\w_])(?P<m>__|_)(?=\S)(?P<keep>[^\n]{0,300}?\S)(?P=m)(?![\w_])"), True),
    (re.compile(r"(?<!\w)~~(?P<keep>[^\n]{0,300}?)~~"), True),
    (re.compile(r"`+(?P<keep>[^`\n]+)`+"), True),
    (re.compile(r"\\(?P<keep>[\\`*_{}\[\]()#+\-.!|>])"), True),
)
"""Markdown syntax rules: a match is dropped, or replaced by its `keep` group."""


@dataclass(frozen=True, slots=True)
class MarkdownText:
    """Plain text of a Markdown document, anchors back into it, front matter and first heading."""

    text: str
    anchors: Anchors
    front_matter: dict[str, Any] = field(default_factory=dict)
    heading: str = ""


def rewrite(text: str, pattern: re.Pattern[str], keeps: bool) -> tuple[str, Anchors]:
    """`text` with each match of `pattern` dropped or replaced by its `keep` group."""
    parts: list[Part] = []
    pos = 0
    for match in pattern.finditer(text):
        parts.append((pos, match.start()))
        if keeps:
            parts.append(match.span("keep"))
        pos = match.end()
    parts.append((pos, len(text)))
    return assemble(text, parts)


def read_front_matter(text: str) -> tuple[dict[str, Any], int]:
    """The YAML front matter of `text` as a mapping and where the body starts (0 when none)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    try:
        data = yaml.safe_load(match["body"])
    except yaml.YAMLError:
        return {}, 0
    if not isinstance(data, dict):
        return {}, 0
    return {str(k): v for k, v in data.items()}, match.end()


def to_plain_text(markdown: str) -> MarkdownText:
    """Plain text of `markdown` (images and markup removed, link text kept) and what it declared."""
    front, body_start = read_front_matter(markdown)
    text, anchors = assemble(markdown, [(body_start, len(markdown))])
    heading_match = HEADING.search(text)
    heading = strip_markup(heading_match["keep"])[0].strip() if heading_match else ""
    text, markup_anchors = strip_markup(text)
    return MarkdownText(text, compose(markup_anchors, anchors), front, heading)


def strip_markup(text: str) -> tuple[str, Anchors]:
    """`text` with every MARKUP rule applied, and anchors back into `text`."""
    anchors: Anchors = ((0, 0),)
    for pattern, keeps in MARKUP:
        text, step = rewrite(text, pattern, keeps)
        anchors = compose(step, anchors)
    return text, anchors
