"""Readers: one input stream -> extracted articles (or one-line failures), one reader per kind of file.

`READERS` is the table the formats of resources/formats.yaml name. A reader gets the open stream, the
name to report, the file's own name and the size limit; readers of whole documents read at most
`max_bytes + 1` bytes, readers of records (JSON Lines, CSV) stream them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import BinaryIO

from timeline.ingest.article import Extracted
from timeline.ingest.decoding import decode
from timeline.ingest.html import read_html
from timeline.ingest.markdown import to_plain_text
from timeline.ingest.records import front_matter_item, read_csv, read_json, read_jsonl
from timeline.models import IngestFailure

Item = Extracted | IngestFailure
Reader = Callable[[BinaryIO, str, str, int], Iterator[Item]]
"""(stream, source, file name, max bytes) -> extracted texts and failures."""

HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)?<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)
"""The start of a web page, whatever the file is called."""


def text_item(data: bytes, source: str, file_name: str) -> Iterator[Item]:
    """A plain-text article; a web page saved under a .txt name is read as HTML."""
    text = decode(data)
    if HTML_START.match(text):
        yield from html_item(data, source, file_name)
    else:
        yield Extracted(source=source, file_name=file_name, text=text)


def markdown_item(data: bytes, source: str, file_name: str) -> Iterator[Item]:
    """A Markdown article, with what its front matter declares."""
    page = to_plain_text(decode(data))
    extracted = Extracted(source, file_name, page.text, page.anchors, title=page.heading)
    yield front_matter_item(page.front_matter, extracted) if page.front_matter else extracted


def html_item(data: bytes, source: str, file_name: str) -> Iterator[Item]:
    """A saved web page: its main text and the metadata it declares."""
    page = read_html(decode(data, html=True))
    if page is None or not page.text.strip():
        yield IngestFailure(source, "no article text found in the HTML page")
        return
    yield Extracted(
        source=source,
        file_name=file_name,
        text=page.text,
        title=page.title,
        dates=page.dates,
        url=page.url,
        source_name=page.site_name,
        hard_wrapped=False,
    )


def whole(parse: Callable[[bytes, str, str], Iterator[Item]]) -> Reader:
    """A reader that reads the whole document (within the size limit) and hands it to `parse`."""

    def read(stream: BinaryIO, source: str, file_name: str, max_bytes: int) -> Iterator[Item]:
        data = stream.read(max_bytes + 1)
        if not data.strip():
            yield IngestFailure(source, "empty file")
            return
        yield from parse(data, source, file_name)

    return read


def json_lines(stream: BinaryIO, source: str, file_name: str, max_bytes: int) -> Iterator[Item]:
    """One JSON record a line, streamed (each line is bounded by the decoder)."""
    yield from read_jsonl(stream, source, file_name)


READERS: dict[str, Reader] = {
    "text": whole(text_item),
    "markdown": whole(markdown_item),
    "html": whole(html_item),
    "json": whole(read_json),
    "jsonl": json_lines,
    "csv": read_csv,
}
"""Reader by name, as resources/formats.yaml names them."""
