"""Encodings: BOMs, UTF-16, legacy code pages; binary and undecodable input never crash."""

from __future__ import annotations

import codecs
import json
import random
from pathlib import Path

import pytest

from timeline.ingest.decoding import decode
from timeline.ingest.files import read_paths, read_upload
from timeline.models import Article, IngestFailure

TEXT = (
    "On 6 January 2020, Iraqi Prime Minister Adil Abdul-Mahdi met the French ambassador at the Café Riche "
    "in Baghdad. The “talks” lasted two hours – officials said – and ended without a statement."
)


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-32"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16be-bom", "utf16le-bom", "utf16le-no-bom", "utf32", "cp1252"],
)
def test_text_decodes_without_mojibake(encoded: bytes, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(encoded)
    [article] = list(read_paths([path]))
    assert isinstance(article, Article)
    assert article.text == TEXT


def test_latin1_is_read() -> None:
    latin = "On 6 January 2020 the minister met the ambassador at the Café Riche in Baghdad, officials said."
    assert decode((latin + " ").encode("latin-1") * 3).startswith(latin)


def test_cyrillic_code_page_is_detected() -> None:
    russian = "Президент России Владимир Путин провёл переговоры с премьер-министром Индии в Москве. " * 4
    assert decode(russian.encode("cp1251")) == russian


def test_crlf_and_control_characters_are_normalised() -> None:
    assert decode(b"one\r\ntwo\rthree\x07\x1b[31m four\xe2\x80\x8b") == "one\ntwo\nthree[31m four"
    assert decode("a\u2028b\u2029c\u0085d".encode()) == "a\nb\nc\nd"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
        (b"text with a NUL\x00 inside", "NUL bytes"),
        (random.Random(3).randbytes(4096), "binary file"),
    ],
    ids=["png", "jpeg", "pdf", "nul", "random"],
)
@pytest.mark.parametrize("name", ["x.txt", "x.html", "x.md", "x.json"])
def test_binary_input_is_refused_with_a_reason(data: bytes, reason: str, name: str) -> None:
    [failure] = list(read_upload(name, data))
    assert isinstance(failure, IngestFailure)
    assert reason in failure.reason and "binary" in failure.reason


def test_invalid_utf8_never_crashes() -> None:
    items = list(read_upload("bad.txt", b"Troops \xff\xfe stormed the \xc3\x28 embassy on 31 December 2019."))
    assert len(items) == 1 and isinstance(items[0], Article)
    assert "stormed the" in items[0].text


def test_utf16_csv_and_latin1_jsonl_lines_are_read() -> None:
    table = ("text,published\n" + f'"{TEXT}",2020-01-06\n').encode("utf-16")
    [article] = list(read_upload("t.csv", table))
    assert isinstance(article, Article) and article.text == TEXT
    line = json.dumps({"text": TEXT}, ensure_ascii=False).encode("cp1252", errors="replace")
    [article] = list(read_upload("t.jsonl", line + b"\n"))
    assert isinstance(article, Article) and "Café Riche" in article.text


def test_html_declared_charset_is_used_when_bytes_are_not_utf8() -> None:
    russian = "Президент России Владимир Путин провёл переговоры с премьер-министром Индии в Москве. "
    page = (
        f'<html><head><meta charset="windows-1251"></head><body><article><p>{russian * 4}</p></article></body></html>'
    )
    [article] = list(read_upload("page.html", page.encode("cp1251")))
    assert isinstance(article, Article) and article.text.startswith(russian.strip())
