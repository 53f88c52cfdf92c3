"""Hostile inputs through the real command line and the dashboard's upload path.

Each file of the generated corpus (tests/hostile.py) must give events or a clear one-line
error naming it; the batch always finishes; the exit status follows the contract; no
traceback reaches the user; spreadsheet formulas and live markup never leave as such; peak
memory stays under 2 GB.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile import (
    FORMULAS,
    LIVE_MARKUP,
    MARKUP_NAMES,
    PUBLISHED,
    CliRun,
    HostileFile,
    big_cases,
    run_cli,
    small_cases,
    write_cases,
    write_symlink_loop,
)

from timeline.models import EVENT_COLUMNS, Article, IngestFailure
from timeline.settings import DEFAULTS

PEAK_MEMORY_LIMIT = 2 * 1024**3
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
DATE_COLUMNS = ("event_date", "date_start", "date_end", "pub_date")
ENCODING_CASES = ("h10_", "h11_", "h12_", "h13_", "h14_", "h15_", "h16_")


@dataclass(frozen=True)
class Batch:
    """One CLI run over a generated corpus: the run, the CSV as text and rows, the cases by file name."""

    run: CliRun
    csv_text: str
    rows: list[dict[str, str]]
    cases: dict[str, HostileFile]
    seconds: float


def _file_name(case: HostileFile) -> str:
    return Path(case.relpath).name


def _rows_of(batch: Batch, case: HostileFile) -> list[dict[str, str]]:
    name = _file_name(case)
    return [r for r in batch.rows if name in r["source"]]


def _errors_of(batch: Batch, case: HostileFile) -> list[str]:
    name = _file_name(case).split("\x1b")[0]
    return [line for line in batch.run.stderr.splitlines() if name in line]


def _run_batch(root: Path, cases: list[HostileFile], *, loop: bool) -> Batch:
    corpus = root / "corpus"
    corpus.mkdir()
    written = write_cases(corpus, cases)
    if loop:
        write_symlink_loop(corpus)
    output = root / "events.csv"
    started = time.perf_counter()
    run = run_cli(["extract", str(corpus), "--published", PUBLISHED, "--output", str(output)], timeout=600)
    seconds = time.perf_counter() - started
    text = output.read_text(encoding="utf-8") if output.exists() else ""
    rows = list(csv.DictReader(io.StringIO(text)))
    by_name = {Path(p).name: c for p, c in written.items()}
    return Batch(run, text, rows, by_name, seconds)


@pytest.fixture(scope="module")
def small_batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    return _run_batch(tmp_path_factory.mktemp("hostile-small"), small_cases(), loop=True)


@pytest.fixture(scope="module")
def big_batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    return _run_batch(tmp_path_factory.mktemp("hostile-big"), big_cases(), loop=False)


def _check_run_contract(batch: Batch) -> None:
    run = batch.run
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout, run.stderr[-3000:]
    assert run.returncode in (0, 1), f"exit {run.returncode}: {run.stderr[-3000:]}"
    assert run.stdout == "", "with --output nothing belongs on standard output"
    for line in run.stderr.splitlines():
        assert line.startswith("error: "), f"not a one-line error: {line!r}"
    assert run.peak_rss_bytes < PEAK_MEMORY_LIMIT, f"peak memory {run.peak_rss_bytes / 2**20:.0f} MiB"
    header = next(csv.reader(io.StringIO(batch.csv_text)))
    assert tuple(header) == EVENT_COLUMNS


def _check_case(batch: Batch, case: HostileFile) -> None:
    rows, errors = _rows_of(batch, case), _errors_of(batch, case)
    if case.expect in ("events", "events+error"):
        assert rows, f"{case.note}: no events; errors: {errors}"
    if case.expect in ("error", "events+error"):
        assert errors, f"{case.note}: expected an error line naming the file"
    if case.expect == "error":
        assert not rows, f"{case.note}: a file reported as failed still gave events"
    sources = {r["source"][: r["source"].index(_file_name(case)) + len(_file_name(case))] for r in rows}
    assert len(sources) <= 1, f"{case.note}: the same file was read through several paths: {sources}"


def _cells(rows: Iterable[dict[str, str]]) -> Iterable[str]:
    for row in rows:
        yield from row.values()


# -- the small batch: every cheap hostile file in one directory, with a symlink loop ----------------------------


def test_small_batch_finishes_within_the_contract(small_batch: Batch) -> None:
    _check_run_contract(small_batch)
    assert small_batch.run.returncode == 1, "the corpus holds unparseable files, so the exit status is 1"


@pytest.mark.parametrize("case", small_cases(), ids=lambda c: c.relpath.split(".")[0][:12])
def test_each_hostile_file_gives_events_or_a_clear_error(small_batch: Batch, case: HostileFile) -> None:
    _check_case(small_batch, case)


def test_no_cell_is_left_as_a_live_spreadsheet_formula(small_batch: Batch) -> None:
    for cell in _cells(small_batch.rows):
        assert not (cell.startswith(FORMULA_START) and not NUMBER.fullmatch(cell)), repr(cell)


def test_formula_titles_come_out_quoted(small_batch: Batch) -> None:
    case = small_batch.cases["h22_formulas.json"]
    rows = _rows_of(small_batch, case)
    allowed = {"'" + f for f in FORMULAS} | {"'" + f.strip() for f in FORMULAS} | set(MARKUP_NAMES)
    titles = {r["source_title"] for r in rows}
    assert titles, "the formula-titled records gave no events"
    assert titles <= allowed, titles - allowed


def test_html_scripts_handlers_and_links_never_reach_the_output(small_batch: Batch) -> None:
    for name in ("h20_scripts.html", "h21_markup.md", "h07_image.html"):
        for cell in _cells(_rows_of(small_batch, small_batch.cases[name])):
            lowered = cell.lower()
            assert not any(m in lowered for m in LIVE_MARKUP if name.endswith(".html")), cell
            assert "SCRIPTONLY" not in cell, "text written by a script became article text"
    md_rows = _rows_of(small_batch, small_batch.cases["h21_markup.md"])
    assert all("<script" not in r["source_sentence"] for r in md_rows)


def test_source_urls_are_only_web_links(small_batch: Batch) -> None:
    for row in small_batch.rows:
        url = row["source_url"]
        assert url == "" or url.startswith(("http://", "https://")), f"{row['source']}: {url!r}"


def test_encodings_decode_without_mojibake(small_batch: Batch) -> None:
    for name, case in small_batch.cases.items():
        if not name.startswith(ENCODING_CASES):
            continue
        rows = _rows_of(small_batch, case)
        assert rows, f"{case.note}: no events"
        for cell in _cells(rows):
            for bad in ("\ufeff", "\ufffd", "Ã", "\x00", "ÿþ", "þÿ"):
                assert bad not in cell, f"{case.note}: {bad!r} in {cell!r}"
            if "Caf" in cell:
                assert "Café" in cell, f"{case.note}: {cell!r}"


def test_dates_are_valid_iso_days_in_order(small_batch: Batch) -> None:
    for row in small_batch.rows:
        days = {c: dt.date.fromisoformat(row[c]) for c in DATE_COLUMNS if row[c]}
        if "date_start" in days and "date_end" in days:
            assert days["date_start"] <= days["date_end"], row
            if "event_date" in days:
                assert days["date_start"] <= days["event_date"] <= days["date_end"], row


def test_impossible_dates_never_become_event_dates(small_batch: Batch) -> None:
    rows = _rows_of(small_batch, small_batch.cases["h40_impossible_dates.txt"])
    assert any(r["event_date"] == "2020-01-08" for r in rows), "the one valid event was lost"
    for row in rows:
        assert row["date_text"] not in ("February 30th, 2020", "31/31/2020", "2020-13-45", "0000-00-00"), row


def test_file_name_with_control_characters_stays_on_one_line(small_batch: Batch) -> None:
    assert "\x1b" not in small_batch.run.stderr, "a terminal escape from a file name reached the terminal"
    lines = [line for line in small_batch.run.stderr.splitlines() if "h41_ctrl" in line]
    assert len(lines) == 1 and "INJECTED" in lines[0], small_batch.run.stderr


def test_bad_jsonl_lines_are_reported_with_their_line_number(small_batch: Batch) -> None:
    errors = _errors_of(small_batch, small_batch.cases["h34_bad.jsonl"])
    assert any(re.search(r"(line \d+|:\d+)", e) for e in errors), errors
    good = _rows_of(small_batch, small_batch.cases["h34_bad.jsonl"])
    assert {r["event_date"] for r in good} >= {"2020-01-03", "2020-01-08"}


def test_symlink_loop_is_walked_once(small_batch: Batch) -> None:
    rows = [r for r in small_batch.rows if "h50_loop_article" in r["source"]]
    assert rows, "the article inside the looping directory was not read"
    assert len({r["source"] for r in rows}) == 1, {r["source"] for r in rows}
    assert len({r["event_id"] for r in small_batch.rows}) == len(small_batch.rows), "duplicate event ids"


# -- the big batch: size, backtracking bait and thousands of dates ----------------------------------------------


@pytest.mark.slow
def test_big_batch_finishes_within_the_contract(big_batch: Batch) -> None:
    _check_run_contract(big_batch)
    print(
        f"big hostile batch: {big_batch.seconds:.1f} s, peak RSS {big_batch.run.peak_rss_bytes / 2**20:.0f} MiB, "
        f"{len(big_batch.rows)} events"
    )


@pytest.mark.slow
@pytest.mark.parametrize("case", big_cases(), ids=lambda c: c.relpath.split(".")[0])
def test_each_big_file_gives_events_or_a_clear_error(big_batch: Batch, case: HostileFile) -> None:
    _check_case(big_batch, case)


@pytest.mark.slow
def test_the_end_of_a_20_mb_article_is_read(big_batch: Batch) -> None:
    rows = _rows_of(big_batch, big_batch.cases["b01_20mb.txt"])
    assert {"2020-01-03", "2020-01-08"} <= {r["event_date"] for r in rows}


# -- the dashboard's path: uploaded bytes ----------------------------------------------------------------------


def read_upload(name: str, data: bytes, max_bytes: int = DEFAULTS.max_file_bytes) -> list[Article | IngestFailure]:
    """Call the ingest upload entry point as the dashboard does and collect what it gives."""
    from timeline.ingest.files import read_upload as ingest_upload

    items = list(ingest_upload(name, data, max_bytes=max_bytes))
    for item in items:
        assert isinstance(item, Article | IngestFailure), type(item)
        if isinstance(item, IngestFailure):
            message = item.message()
            assert "\n" not in message and "\r" not in message and "Traceback" not in message, message
    return items


@pytest.mark.parametrize("case", small_cases(), ids=lambda c: c.relpath.split(".")[0][:12])
def test_uploads_of_hostile_files_never_raise(case: HostileFile) -> None:
    items = read_upload(Path(case.relpath).name, case.data)
    articles = [i for i in items if isinstance(i, Article)]
    if case.expect in ("events", "events+error"):
        assert articles, f"{case.note}: no article from the upload"
    if case.expect == "error":
        assert not articles and items, f"{case.note}: expected a failure"
    for article in articles:
        assert isinstance(article.text, str)
        if case.relpath.endswith(".html"):
            lowered = article.text.lower()
            assert not any(m in lowered for m in LIVE_MARKUP), article.text[:500]
        if case.relpath.startswith(ENCODING_CASES) and "Caf" in article.text:
            assert "Café" in article.text and "\ufeff" not in article.text


@pytest.mark.slow
@pytest.mark.parametrize("case", big_cases()[:3], ids=lambda c: c.relpath.split(".")[0])
def test_uploads_of_big_files_never_raise(case: HostileFile) -> None:
    read_upload(Path(case.relpath).name, case.data)


def test_oversized_upload_is_rejected_with_a_message() -> None:
    limit = 1024
    items = read_upload("huge.txt", b"x" * (limit + 1), max_bytes=limit)
    assert len(items) == 1 and isinstance(items[0], IngestFailure), items
    assert re.search(r"larg|limit|size|exceed|bytes|MB", items[0].reason, re.IGNORECASE), items[0].reason
    assert read_upload("fits.txt", b"x" * limit, max_bytes=limit) != items


def test_oversized_file_is_rejected_by_the_command_line(tmp_path: Path) -> None:
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_bytes(b"word " * 1000)
    small.write_text("On 8 January 2020, Iran launched a missile strike on the Ain al-Asad air base.", encoding="utf-8")
    out = tmp_path / "out.csv"
    run = run_cli(["extract", str(big), str(small), "--max-bytes", "2000", "--output", str(out)])
    assert run.returncode == 1
    errors = run.stderr.splitlines()
    assert len(errors) == 1 and errors[0].startswith(f"error: {big}: "), run.stderr
    assert str(small) in out.read_text(encoding="utf-8")
