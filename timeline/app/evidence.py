"""An event's evidence as safe Markdown: its source sentence with the trigger and the date expression marked."""

from __future__ import annotations

import functools
import re
import string

from timeline.events import lexicon as lexicons

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


@functools.cache
def _trigger_pattern(event_type: str) -> re.Pattern[str] | None:
    forms = {
        form
        for entries in lexicons.triggers().by_lemma.values()
        for trigger in entries
        if trigger.event_type == event_type
        for form in trigger.forms
    }
    if not forms:
        return None
    alternatives = "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def find_spans(sentence: str, date_text: str, event_type: str) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, kind) spans of the date expression ("date") and the trigger ("trigger")."""
    spans: list[tuple[int, int, str]] = []
    if date_text.strip():
        at = sentence.lower().find(date_text.strip().lower())
        if at >= 0:
            spans.append((at, at + len(date_text.strip()), "date"))
    pattern = _trigger_pattern(event_type)
    if pattern is not None:
        for match in pattern.finditer(sentence):
            if all(match.end() <= s or match.start() >= e for s, e, _ in spans):
                spans.append((match.start(), match.end(), "trigger"))
                break
    return sorted(spans)


def highlighted_sentence(sentence: str, date_text: str, event_type: str) -> str:
    """Markdown of `sentence` (escaped) with its trigger and date expression highlighted."""
    out: list[str] = []
    cursor = 0
    for start, end, kind in find_spans(sentence, date_text, event_type):
        out.append(escape_markdown(sentence[cursor:start]))
        style = DATE_STYLE if kind == "date" else TRIGGER_STYLE
        out.append(style.format(escape_markdown(sentence[start:end])))
        cursor = end
    out.append(escape_markdown(sentence[cursor:]))
    return "".join(out)
