"""One Article from extracted text and what is known about it: cleaning, title, date ladder, hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from timeline.ingest.cleaning import WRAP_MIN_CHARS, clean, noise_rules
from timeline.ingest.decoding import clean_controls
from timeline.ingest.html import url_host, web_url
from timeline.ingest.offsets import Anchors, compose, offset_map
from timeline.ingest.pubdate import DateSources, find_dateline, publication_date
from timeline.models import Article, IngestFailure
from timeline.settings import DEFAULTS

UNSAFE_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def display_source(source: str) -> str:
    """`source` safe to print on one line: control characters written as escapes."""
    return UNSAFE_NAME_CHARS.sub(lambda m: repr(m.group())[1:-1], source)


@dataclass(frozen=True, slots=True)
class Extracted:
    """Text taken out of an input (before cleaning) and the facts the input declared about it.

    `anchors` map offsets in `text` back to the decoded original (empty when they are the same).
    `dates` are the places the input itself declares its publication date (see `pubdate.publication_date`).
    """

    source: str
    file_name: str
    text: str
    anchors: Anchors = ()
    title: str = ""
    dates: DateSources = field(default_factory=dict)
    url: str = ""
    source_name: str = ""
    hard_wrapped: bool = True


def headline_of(text: str) -> str:
    """The first line of `text` that is not page noise, when it reads as a headline.

    A headline is short, does not end a sentence and is not a dateline; a long first line running
    on into the next one is the start of a hard-wrapped paragraph instead.
    """
    rules = noise_rules()
    lines = [line.strip() for line in text.split("\n")]
    for i, first in enumerate(lines):
        if not first or rules.is_noise(first):
            continue
        following = next((line for line in lines[i + 1 :] if line), "")
        wrapped = bool(lines[i + 1 : i + 2] and lines[i + 1]) and len(first) >= WRAP_MIN_CHARS
        if (
            not following
            or (wrapped and following != first)
            or len(first) > DEFAULTS.title_max_chars
            or first.endswith((".", "!", "?", ":", ";", ","))
            or find_dateline(first) is not None
        ):
            return ""
        return first
    return ""


def make_article(item: Extracted, published: dt.date | None) -> Article | IngestFailure:
    """The Article of `item`, or a failure when no text is left after cleaning."""
    title = " ".join(clean_controls(item.title).split())[: DEFAULTS.title_keep_chars] or headline_of(item.text)
    cleaned = clean(item.text, title, hard_wrapped=item.hard_wrapped)
    if not cleaned.text.strip():
        return IngestFailure(item.source, "no article text (empty, or nothing left after removing page noise)")
    date = publication_date(
        {"override": lambda: published, **item.dates, "dateline": lambda: cleaned.dateline_date}
    )
    url = web_url(item.url)
    name = " ".join(item.source_name.split()) or url_host(url) or item.file_name
    return Article(
        source=item.source,
        text=cleaned.text,
        title=title,
        published=date[1],
        pub_date_source=date[0],
        url=url,
        source_name=name,
        content_hash=hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest(),
        offset_map=offset_map(compose(cleaned.anchors, item.anchors)),
    )
