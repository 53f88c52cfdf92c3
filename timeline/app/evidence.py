"""An event's evidence as safe Markdown: its source sentence with the trigger and the date expression marked."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

import pandas as pd

_MARKDOWN_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")
_WHITESPACE = re.compile(r"\s+")
_LINKABLE = re.compile(
    r"((?:(?:https?|ftp)://|www\.)[^\s<>\"']+|[^\s<>\"'@]+@[^\s<>\"'@]+\.[a-z]{2,})", re.IGNORECASE
)
"""Web and e-mail addresses, which GitHub-flavoured Markdown turns into links even when their punctuation is escaped."""
TRIGGER_STYLE = ":orange-background[**{}**]"
DATE_STYLE = ":blue-background[**{}**]"


def _code_span(text: str) -> str:
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


def escape_markdown(text: str) -> str:
    """`text` shown literally by Markdown: every ASCII punctuation mark backslash-escaped, line breaks as spaces.

    HTML, links, emphasis, LaTeX (`$`), emoji shortcodes and Streamlit directives (`:red[...]`) all come out as
    text; web and e-mail addresses, which Markdown would link even when escaped, become inline code.
    """
    parts = _LINKABLE.split(_WHITESPACE.sub(" ", text))
    return "".join(
        _code_span(part) if i % 2 else _MARKDOWN_SPECIAL.sub(r"\\\1", part) for i, part in enumerate(parts)
    )


def _offset(value: object) -> int | None:
    """An offset of the event table (a nullable integer column) as an int, None where unknown."""
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def find_spans(event: Mapping[str, object]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, kind) spans of the trigger ("trigger") and the date expression ("date") in the
    event's source sentence, from the offsets the extractor kept (none where they are unknown)."""
    sentence = str(event["source_sentence"])
    base = _offset(event["char_start"]) or 0
    spans: list[tuple[int, int, str]] = []
    for kind, start_column, end_column in (("date", "date_char_start", "date_char_end"),
                                           ("trigger", "trigger_start", "trigger_end")):
        start, end = _offset(event.get(start_column)), _offset(event.get(end_column))
        if start is None or end is None:
            continue
        start, end = start - base, end - base
        if 0 <= start < end <= len(sentence) and all(end <= s or start >= e for s, e, _ in spans):
            spans.append((start, end, kind))
    return sorted(spans)


def highlighted_sentence(sentence: str, event: Mapping[str, object]) -> str:
    """Markdown of `sentence` (escaped) with the event's trigger and date expression highlighted."""
    out: list[str] = []
    cursor = 0
    for start, end, kind in find_spans(event):
        out.append(escape_markdown(sentence[cursor:start]))
        style = DATE_STYLE if kind == "date" else TRIGGER_STYLE
        out.append(style.format(escape_markdown(sentence[start:end])))
        cursor = end
    out.append(escape_markdown(sentence[cursor:]))
    return "".join(out)
