"""Read article files, directories and uploads into Articles (or one-line IngestFailures).

The façade of ingestion: it walks paths, enforces the size limit, picks the reader by file
extension and builds each Article (clean text, title, publication date, URL, outlet, hash).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from timeline import settings
from timeline.ingest.article import Extracted, display_source, make_article
from timeline.ingest.decoding import BinaryInputError, decode
from timeline.ingest.html import read_html
from timeline.ingest.markdown import to_plain_text
from timeline.ingest.records import front_matter_item, read_csv, read_json, read_jsonl
from timeline.models import Article, IngestFailure

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}
"""File extension (lower case) -> input format."""

HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)?<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)
"""The start of a web page, whatever the file is called."""

Item = Extracted | IngestFailure
Result = Article | IngestFailure


SUPPORTED = ".txt .md .html .htm .json .jsonl .csv"
"""The extensions named in the error for an unsupported file."""


def unsupported(source: str, suffix: str) -> IngestFailure:
    """The failure for a file whose extension names no supported format."""
    what = f"'{suffix}'" if suffix else "without an extension"
    return IngestFailure(source, f"unsupported file type {what} (expected one of {SUPPORTED})")


def too_large(source: str, size: int, max_bytes: int) -> IngestFailure:
    """The failure for an input above the size limit."""
    return IngestFailure(source, f"file too large: {size:,} bytes exceeds the limit of {max_bytes:,} bytes")


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
        date=page.date,
        url=page.url,
        source_name=page.site_name,
        hard_wrapped=False,
    )


WHOLE_READERS: dict[str, Callable[[bytes, str, str], Iterator[Item]]] = {
    "text": text_item,
    "markdown": markdown_item,
    "html": html_item,
    "json": read_json,
}
"""Readers of formats that are parsed whole (the file is read into memory, within the size limit)."""


def items_of_stream(kind: str, stream: BinaryIO, source: str, file_name: str, max_bytes: int) -> Iterator[Item]:
    """The extracted records of one input; JSON Lines and CSV are read line by line."""
    if kind == "jsonl":
        yield from read_jsonl(stream, source, file_name)
    elif kind == "csv":
        yield from read_csv(stream, source, file_name, max_bytes)
    else:
        data = stream.read(max_bytes + 1)
        if not data.strip():
            yield IngestFailure(source, "empty file")
            return
        yield from WHOLE_READERS[kind](data, source, file_name)


def articles_of_stream(
    kind: str, stream: BinaryIO, source: str, file_name: str, published: dt.date | None, max_bytes: int
) -> Iterator[Result]:
    """Articles and failures of one input; undecodable or binary input is one failure."""
    try:
        for item in items_of_stream(kind, stream, source, file_name, max_bytes):
            if isinstance(item, IngestFailure):
                yield IngestFailure(item.source, display_source(item.reason))  # reasons may quote the input
            else:
                yield make_article(item, published)
    except BinaryInputError as exc:
        yield IngestFailure(source, str(exc))
    except (UnicodeError, LookupError) as exc:
        yield IngestFailure(source, f"cannot decode the text: {exc}")
    except OSError as exc:
        yield IngestFailure(source, f"cannot read: {exc.strerror or exc}")


def read_file(path: Path, published: dt.date | None, max_bytes: int) -> Iterator[Result]:
    """Articles of one regular file (its kind already known to be supported)."""
    source = display_source(str(path))
    kind = FORMATS[path.suffix.lower()]
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > max_bytes:
                yield too_large(source, size, max_bytes)
                return
            yield from articles_of_stream(kind, stream, source, path.name, published, max_bytes)
    except OSError as exc:
        yield IngestFailure(source, f"cannot read: {exc.strerror or exc}")


def visit(path: Path, seen: set[tuple[int, int]]) -> Path | IngestFailure | list[Path]:
    """One walk step: a file to read, a failure, or a directory's entries in name order."""
    source = display_source(str(path))
    try:
        info = path.stat()
    except FileNotFoundError:
        return IngestFailure(source, "broken symbolic link" if path.is_symlink() else "no such file or directory")
    except OSError as exc:
        return IngestFailure(source, f"cannot read: {exc.strerror or exc}")
    key = (info.st_dev, info.st_ino)
    if key in seen:
        what = "directory" if stat.S_ISDIR(info.st_mode) else "file"
        return IngestFailure(source, f"skipped: this {what} was already read through another path (symbolic link loop)")
    seen.add(key)
    if stat.S_ISREG(info.st_mode):
        return path
    if not stat.S_ISDIR(info.st_mode):
        return IngestFailure(source, "not a regular file or directory")
    try:
        names = sorted(entry.name for entry in os.scandir(path))
    except OSError as exc:
        return IngestFailure(source, f"cannot list directory: {exc.strerror or exc}")
    return [path / name for name in names if not name.startswith(".")]


def walk(top: Path, seen: set[tuple[int, int]]) -> Iterator[Path | IngestFailure]:
    """Files under `top` in name order, each real file or directory once; loops and bad entries reported."""
    pending = [top]
    while pending:
        found = visit(pending.pop(), seen)
        if isinstance(found, list):
            pending.extend(reversed(found))
        else:
            yield found


def read_paths(
    paths: Sequence[str | Path],
    *,
    published: dt.date | None = None,
    max_bytes: int = settings.MAX_FILE_BYTES,
) -> Iterator[Result]:
    """Articles of every file under `paths` (directories recursed, hidden entries skipped), in order.

    Each input that cannot be used gives one IngestFailure instead, and the rest go on.
    """
    seen: set[tuple[int, int]] = set()
    for top in paths:
        for found in walk(Path(top), seen):
            if isinstance(found, IngestFailure):
                yield found
            elif found.suffix.lower() not in FORMATS:
                yield unsupported(display_source(str(found)), found.suffix)
            else:
                yield from read_file(found, published, max_bytes)


def read_upload(
    name: str,
    data: bytes,
    *,
    published: dt.date | None = None,
    max_bytes: int = settings.MAX_FILE_BYTES,
) -> Iterator[Result]:
    """Articles of one uploaded file, its format taken from `name`."""
    source = display_source(name)
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        yield unsupported(source, suffix)
        return
    if len(data) > max_bytes:
        yield too_large(source, len(data), max_bytes)
        return
    file_name = display_source(Path(name).name)
    yield from articles_of_stream(FORMATS[suffix], io.BytesIO(data), source, file_name, published, max_bytes)
