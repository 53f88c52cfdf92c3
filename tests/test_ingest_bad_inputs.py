"""Bad inputs: broken records keep their neighbours, limits, empty and binary files, symlink loops."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from timeline.ingest.files import read_paths, read_upload
from timeline.models import Article, IngestFailure

GOOD = "On 8 January 2020, Iran launched a missile strike on the Ain al-Asad air base in Iraq."


def split(items: object) -> tuple[list[Article], list[IngestFailure]]:
    found = list(items)  # type: ignore[call-overload]
    articles = [i for i in found if isinstance(i, Article)]
    failures = [i for i in found if isinstance(i, IngestFailure)]
    assert len(articles) + len(failures) == len(found)
    for failure in failures:
        assert "\n" not in failure.message() and "\r" not in failure.message()
    return articles, failures


def test_bad_jsonl_lines_are_reported_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": GOOD}), "{not json", "", "42", json.dumps({"text": 5}), json.dumps({"body": GOOD})]
    path.write_bytes(("\n".join(lines) + "\n").encode() + b"\xff\xfe broken\n")
    articles, failures = split(read_paths([path]))
    assert [a.source for a in articles] == [f"{path}#1", f"{path}#5"]
    assert [f.source for f in failures] == [f"{path}:{n}" for n in (2, 4, 5, 7)]
    assert failures[0].message().startswith(f"error: {path}:2: invalid JSON")
    assert "no text" in failures[2].reason


def test_bad_csv_rows_are_reported_and_good_rows_kept(tmp_path: Path) -> None:
    path = tmp_path / "table.csv"
    path.write_text(
        f'text,title,published\n"{GOOD}",ok,2020-01-08\n,empty text,2020-01-08\n"{GOOD}\nsecond line",multi,\n'
        f'"{GOOD}",late,not a date\n',
        encoding="utf-8",
    )
    articles, failures = split(read_paths([path]))
    assert [a.title for a in articles] == ["ok", "multi", "late"]
    assert [f.source for f in failures] == [f"{path}:3"]
    assert articles[2].published is None


def test_csv_without_a_text_column_is_one_failure() -> None:
    articles, failures = split(read_upload("t.csv", b"foo,bar\n1,2\n"))
    assert not articles and len(failures) == 1 and "no text column" in failures[0].reason


def test_csv_field_larger_than_the_csv_module_default() -> None:
    body = GOOD + " " + "word " * 60_000
    articles, _ = split(read_upload("big.csv", f'text\n"{body}"\n'.encode()))
    assert len(articles) == 1 and articles[0].text.endswith("word")


def test_broken_json_is_one_failure() -> None:
    articles, failures = split(read_upload("t.json", b'{"text": "unterminated'))
    assert not articles and failures[0].reason.startswith("invalid JSON")
    _, deep = split(read_upload("deep.json", b"[" * 100_000 + b"]" * 100_000))
    assert deep and "JSON" in deep[0].reason


def test_bad_records_in_a_json_list_name_their_index() -> None:
    data = json.dumps([{"text": GOOD}, "a string", {"text": None}, {"text": GOOD, "title": {"a": 1}, "url": 7}])
    articles, failures = split(read_upload("list.json", data.encode()))
    assert [a.source for a in articles] == ["list.json#1", "list.json#4"]
    assert [f.source for f in failures] == ["list.json#2", "list.json#3"]
    assert (articles[1].title, articles[1].url) == ("", "")


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    big, small = tmp_path / "big.txt", tmp_path / "small.jsonl"
    big.write_bytes(b"word " * 1000)
    small.write_text(json.dumps({"text": GOOD}), encoding="utf-8")
    articles, failures = split(read_paths([big, small], max_bytes=2000))
    assert [a.source for a in articles] == [f"{small}#1"]
    assert failures[0].source == str(big) and "5,000 bytes exceeds the limit of 2,000 bytes" in failures[0].reason
    _, upload_failures = split(read_upload("big.csv", b"text\n" + b"x" * 3000, max_bytes=2000))
    assert "too large" in upload_failures[0].reason


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.html", "empty.json", "empty.jsonl", "empty.csv"])
def test_empty_files_are_reported(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    articles, failures = split(read_paths([path]))
    assert not articles and len(failures) <= 1
    assert all("empty" in f.reason for f in failures)
    _, blank = split(read_upload("blank.txt", b"  \n\t\n \r\n\x0b\x0c \xc2\xa0\n"))
    assert len(blank) == 1 and "no article text" in blank[0].reason


def test_page_of_only_noise_is_reported() -> None:
    _, failures = split(read_upload("noise.txt", b"Advertisement\n\nShare on Facebook | Share on X\n"))
    assert len(failures) == 1 and "no article text" in failures[0].reason


def test_symlink_loop_and_dangling_link_are_reported_and_each_file_read_once(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "nested").mkdir(parents=True)
    (root / "article.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(".", root / "self")
    os.symlink("../..", root / "nested" / "back")
    os.symlink("article.txt", root / "alias.txt")
    os.symlink("missing.txt", root / "dangling.txt")
    articles, failures = split(read_paths([root, root / "article.txt"]))
    assert [a.source for a in articles] == [str(root / "alias.txt")]
    reasons = {Path(f.source).name: f.reason for f in failures}
    assert "broken symbolic link" in reasons["dangling.txt"]
    assert "already read" in reasons["self"] and "already read" in reasons["article.txt"]


def test_missing_path_and_special_file_are_reported(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    _, failures = split(read_paths([tmp_path / "nope.txt", fifo]))
    assert [f.reason for f in failures] == ["no such file or directory", "not a regular file or directory"]


def test_control_characters_in_names_stay_on_one_line() -> None:
    _, failures = split(read_upload("a\x1b[31m\nINJECTED.json", b"{ not json"))
    assert "\x1b" not in failures[0].message() and "INJECTED" in failures[0].message()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without read permission")
def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    _, failures = split(read_paths([path]))
    assert "cannot read" in failures[0].reason


@pytest.mark.parametrize(("name", "data"), [("h.csv", b"text,title\n\n"), ("b.jsonl", b"\n  \n")])
def test_record_files_without_records_are_reported(name: str, data: bytes) -> None:
    articles, failures = split(read_upload(name, data))
    assert not articles and len(failures) == 1 and "no records" in failures[0].reason


def test_deeply_nested_directories_are_walked(tmp_path: Path) -> None:
    levels = [tmp_path / "nest"]
    for _ in range(1100):  # deeper than Python's recursion limit
        levels.append(levels[-1] / "d")
    for level in levels:
        level.mkdir()
    (levels[-1] / "a.txt").write_text(GOOD, encoding="utf-8")
    articles, failures = split(read_paths([levels[0]]))
    assert len(articles) == 1 and not failures
    (levels[-1] / "a.txt").unlink()
    for level in reversed(levels):  # pytest's recursive clean-up would hit the recursion limit
        level.rmdir()


def test_reasons_quoting_the_input_stay_on_one_line() -> None:
    _, failures = split(read_upload("t.csv", "foo\u2028bar,baz\x85qux\n1,2\n".encode()))
    assert len(failures[0].message().splitlines()) == 1
