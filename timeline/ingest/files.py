"""Read article files, directories and uploads into Articles (or one-line IngestFailures).

The façade of ingestion: it walks paths, enforces the size limit, picks the reader by file
extension and builds each Article (clean text, title, publication date, URL, outlet, hash).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from timeline.ingest.article import display_source, make_article
from timeline.ingest.decoding import BinaryInputError
from timeline.ingest.formats import Format, extensions, format_of
from timeline.models import Article, IngestFailure
from timeline.settings import DEFAULTS

Result = Article | IngestFailure


def unsupported(source: str, suffix: str) -> IngestFailure:
    """The failure for a file whose extension names no supported format."""
    what = f"'{suffix}'" if suffix else "without an extension"
    return IngestFailure(source, f"unsupported file type {what} (expected {' '.join(extensions())})")


def too_large(source: str, size: int, max_bytes: int) -> IngestFailure:
    """The failure for an input above the size limit."""
    return IngestFailure(source, f"file too large: {size:,} bytes exceeds the limit of {max_bytes:,} bytes")


def articles_of_stream(
    kind: Format, stream: BinaryIO, source: str, file_name: str, published: dt.date | None, max_bytes: int
) -> Iterator[Result]:
    """Articles and failures of one input; undecodable or binary input is one failure."""
    try:
        for item in kind.reader(stream, source, file_name, max_bytes):
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


def read_file(path: Path, kind: Format, published: dt.date | None, max_bytes: int) -> Iterator[Result]:
    """Articles of one regular file of a supported format."""
    source = display_source(str(path))
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
    max_bytes: int = DEFAULTS.max_file_bytes,
) -> Iterator[Result]:
    """Articles of every file under `paths` (directories recursed, hidden entries skipped), in order.

    Each input that cannot be used gives one IngestFailure instead, and the rest go on.
    """
    seen: set[tuple[int, int]] = set()
    for top in paths:
        for found in walk(Path(top), seen):
            if isinstance(found, IngestFailure):
                yield found
            elif (kind := format_of(found)) is None:
                yield unsupported(display_source(str(found)), found.suffix)
            else:
                yield from read_file(found, kind, published, max_bytes)


def read_upload(
    name: str,
    data: bytes,
    *,
    published: dt.date | None = None,
    max_bytes: int = DEFAULTS.max_file_bytes,
) -> Iterator[Result]:
    """Articles of one uploaded file, its format taken from `name`."""
    source = display_source(name)
    kind = format_of(name)
    if kind is None:
        yield unsupported(source, Path(name).suffix.lower())
        return
    if len(data) > max_bytes:
        yield too_large(source, len(data), max_bytes)
        return
    file_name = display_source(Path(name).name)
    yield from articles_of_stream(kind, io.BytesIO(data), source, file_name, published, max_bytes)
