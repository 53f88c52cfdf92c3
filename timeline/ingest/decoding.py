"""Bytes to text: BOMs, UTF-8, UTF-16 and legacy code pages detected; binary input refused."""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from typing import BinaryIO

import charset_normalizer

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
"""Byte-order marks and the codec of what follows them (UTF-32 first: its LE mark starts like UTF-16's)."""

MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
)
"""Starts of common binary formats, named in the error message."""

SAMPLE_BYTES = 64 * 1024
"""How much of a file is looked at to tell its encoding or to call it binary."""

DETECTION_MIN_BYTES = 200
"""Below this size charset detection is a guess; a failed UTF-8 is then read as Windows-1252."""

DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
"""`<meta charset="windows-1251">` or `<meta http-equiv=... content="text/html; charset=...">`."""

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff\ufffe]")
"""Characters never kept in article text (C0 controls except tab/newline/CR, DEL, zero-width, BOMs)."""


LINE_BREAKS = {0x85: "\n", 0x2028: "\n", 0x2029: "\n"}
"""Unicode line and paragraph separators, read as line breaks."""


class BinaryInputError(ValueError):
    """The input is not text (an image, an archive, random bytes)."""


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """Codec and BOM length when `data` starts with a byte-order mark."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None


def utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte of mostly-ASCII text is NUL."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def binary_reason(sample: bytes, *, any_nul: bool) -> str | None:
    """Why `sample` (the start of a BOM-less, non-UTF-16 input) is not text, or None if it may be.

    `any_nul` refuses an input for a single NUL byte; streamed record files are only refused
    when control bytes are common, so that one bad line does not cost the good ones.
    """
    for magic, kind in MAGIC_NUMBERS:
        if sample.startswith(magic):
            return f"binary file ({kind}), not text"
    if any_nul and b"\x00" in sample:
        return "binary file (contains NUL bytes), not text"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 11, 12, 13))
    if controls > max(8, 0.05 * len(sample)):
        return "binary file (mostly control bytes), not text"
    return None


def declared_charset(sample: bytes) -> str | None:
    """The codec an HTML page's `<meta charset>` (or http-equiv content type) names, if Python knows it."""
    match = DECLARED_CHARSET.search(sample[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match[1].decode("ascii")).name
    except LookupError:
        return None


def guess_encoding(sample: bytes, *, html: bool = False) -> str:
    """The encoding of a BOM-less input: UTF-8 when it decodes, else the page's declared charset
    (HTML) or charset-normalizer's best guess."""
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3 and len(sample) >= SAMPLE_BYTES:
            return "utf-8"  # only a character cut by the end of the sample
    declared = declared_charset(sample) if html else None
    if declared and not declared.startswith(("utf-16", "utf-32")):
        return declared
    if len(sample) < DETECTION_MIN_BYTES:
        return "cp1252"
    best = charset_normalizer.from_bytes(sample).best()
    if best is None or best.encoding.startswith(("utf", "ascii")):
        return "cp1252"  # UTF-16/32 without a BOM was ruled out above; a failed UTF-8 is a legacy code page
    return str(best.encoding)


def sniff(data: bytes, *, any_nul: bool = True, html: bool = False) -> tuple[str, int]:
    """Codec and number of leading BOM bytes to skip; raises BinaryInputError for binary input."""
    found = bom_encoding(data)
    if found:
        return found
    sample = data[:SAMPLE_BYTES]
    utf16 = utf16_without_bom(sample)
    if utf16:
        return utf16, 0
    reason = binary_reason(sample, any_nul=any_nul)
    if reason:
        raise BinaryInputError(reason)
    return guess_encoding(sample, html=html), 0


def clean_controls(text: str) -> str:
    """`text` with universal newlines (Unicode line separators too), without control or zero-width characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(LINE_BREAKS)
    return CONTROL_CHARS.sub("", text)


def decode(data: bytes, *, html: bool = False) -> str:
    """The text of a whole input; undecodable bytes become U+FFFD rather than an error."""
    codec, skip = sniff(data, html=html)
    return clean_controls(data[skip:].decode(codec, errors="replace"))


def decode_lines(stream: BinaryIO) -> Iterator[str]:
    """Lines (with their line ends) of a seekable binary stream, read one at a time.

    UTF-16/32 streams are decoded by a text wrapper; byte-oriented ones line by line, each line
    trying UTF-8 first and then the encoding guessed from the start of the stream.
    """
    codec, skip = sniff(stream.read(SAMPLE_BYTES), any_nul=False)
    stream.seek(skip)
    if codec.startswith(("utf-16", "utf-32")):
        yield from io.TextIOWrapper(stream, encoding=codec, errors="replace", newline="")
        return
    fallback = codec if codec != "utf-8" else "cp1252"
    for line in stream:
        yield decode_line(line, fallback)


def decode_line(line: bytes, fallback: str) -> str:
    """One line of a byte-oriented stream: UTF-8 if it decodes, else the fallback code page."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode(fallback, errors="replace")
