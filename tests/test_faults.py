"""Faults around the batch: a full disk, an unwritable output, inputs that vanish or cannot be read, a killed ingest.

Each must end in a clear one-line error and a non-zero exit, never a traceback, and never a
partial output file left looking complete.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import time
from pathlib import Path

import pytest
from hostile import ARTICLE, EVENT_MISSILES, FILLER, PUBLISHED, CliRun, RunningCli, run_cli

from timeline.models import EVENT_COLUMNS

PREVIOUS = "a complete table from an earlier run\n"
CALM = f"{FILLER}\n"
"""An article without events: the output faults below need only the table's header, not extraction."""


def _article(directory: Path, name: str, text: str = ARTICLE) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def _one_error_line(run: CliRun, names: str) -> str:
    assert "Traceback" not in run.stderr, run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and names in lines[0], run.stderr
    return lines[0]


def _leftovers(directory: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name not in keep)


def test_full_disk_leaves_the_previous_output_intact(tmp_path: Path) -> None:
    source = _article(tmp_path, "article.txt", CALM)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    output = out_dir / "events.csv"
    output.write_text(PREVIOUS, encoding="utf-8")
    # The child may write no file beyond 200 bytes: the table's header alone is longer.
    run = run_cli(["extract", str(source), "--published", PUBLISHED, "--output", str(output)], file_size_limit=200)
    assert run.returncode != 0
    _one_error_line(run, str(output))
    assert output.read_text(encoding="utf-8") == PREVIOUS
    assert _leftovers(out_dir, {"events.csv"}) == [], "a partial temporary file was left behind"


def test_full_disk_without_a_previous_output_leaves_nothing(tmp_path: Path) -> None:
    source = _article(tmp_path, "article.txt", CALM)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    run = run_cli(["extract", str(source), "--output", str(out_dir / "events.csv")], file_size_limit=200)
    assert run.returncode != 0
    _one_error_line(run, "events.csv")
    assert _leftovers(out_dir, set()) == []


def test_standard_output_on_a_full_device_is_one_error_line(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("this system has no /dev/full")
    source = _article(tmp_path, "article.txt", CALM)
    run = run_cli(["extract", str(source), "--published", PUBLISHED], stdout_path="/dev/full")
    assert run.returncode != 0
    line = _one_error_line(run, "error: ")
    assert "space" in line.lower() or "write" in line.lower(), line


@pytest.mark.parametrize("parent", ["missing-dir", "a-file"])
def test_output_whose_parent_cannot_hold_it(tmp_path: Path, parent: str) -> None:
    source = _article(tmp_path, "article.txt", CALM)
    if parent == "a-file":
        (tmp_path / parent).write_text("not a directory", encoding="utf-8")
    output = tmp_path / parent / "events.csv"
    run = run_cli(["extract", str(source), "--output", str(output)])
    assert run.returncode != 0
    _one_error_line(run, str(output))
    assert not output.exists()


def test_read_only_output_directory(tmp_path: Path) -> None:
    source = _article(tmp_path, "article.txt", CALM)
    out_dir = tmp_path / "read-only"
    out_dir.mkdir()
    out_dir.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(out_dir, os.W_OK):
            pytest.skip("running as a user who may write anywhere (root): a read-only mode cannot be simulated")
        run = run_cli(["extract", str(source), "--output", str(out_dir / "events.csv")])
        assert run.returncode != 0
        _one_error_line(run, "events.csv")
        assert _leftovers(out_dir, set()) == []
    finally:
        out_dir.chmod(stat.S_IRWXU)


def _events_by_source(output: Path) -> dict[str, int]:
    rows = list(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8"))))
    counts: dict[str, int] = {}
    for row in rows:
        name = Path(row["source"]).name
        counts[name] = counts.get(name, 0) + 1
    return counts


def test_file_deleted_mid_batch_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    slow = _article(tmp_path, "a_slow.txt", f"{EVENT_MISSILES}\n\n" + (FILLER + "\n\n") * 3_000)
    doomed = _article(tmp_path, "b_vanishes.txt")
    kept = _article(tmp_path, "c_kept.txt")
    output = tmp_path / "events.csv"
    cli = RunningCli(["extract", str(slow), str(doomed), str(kept), "--published", PUBLISHED, "--output", str(output)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and cli.proc.poll() is None and str(slow) not in cli.open_files():
        time.sleep(0.002)
    doomed.unlink()  # while the first file is being read or processed (or, at worst, before the batch starts)
    run = cli.finish()
    assert run.returncode == 1
    _one_error_line(run, str(doomed))
    counts = _events_by_source(output)
    assert counts.get("a_slow.txt") and counts.get("c_kept.txt"), counts


def test_vanished_file_and_fifo_inside_a_directory_walk(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    os.mkfifo(corpus / "a_pipe.txt")  # opening it for reading would block forever: no writer ever comes
    _article(corpus, "b_kept.txt")
    os.symlink("deleted-after-listing.txt", corpus / "c_vanished.txt")  # listed by the walk, gone when read
    output = tmp_path / "events.csv"
    run = run_cli(["extract", str(corpus), "--published", PUBLISHED, "--output", str(output)], timeout=120)
    assert "Traceback" not in run.stderr
    assert run.returncode == (1 if run.stderr else 0)
    for line in run.stderr.splitlines():
        assert line.startswith("error: ") and ("a_pipe.txt" in line or "c_vanished.txt" in line), run.stderr
    assert _events_by_source(output).get("b_kept.txt")


def test_unreadable_file_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    locked = _article(tmp_path, "locked.txt")
    kept = _article(tmp_path, "kept.txt")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user who may read anything (root): chmod 000 does not block reading")
        output = tmp_path / "events.csv"
        run = run_cli(["extract", str(locked), str(kept), "--published", PUBLISHED, "--output", str(output)])
        assert run.returncode == 1
        _one_error_line(run, str(locked))
        assert _events_by_source(output).get("kept.txt")
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_interrupted_store_ingest_leaves_a_store_that_opens_and_queries(tmp_path: Path) -> None:
    from timeline.cli import COMMANDS

    if "ingest" not in COMMANDS or "query" not in COMMANDS:
        pytest.xfail("the store's ingest and query commands are not available")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(60):
        _article(corpus, f"article_{i:03}.txt", f"Report {i}.\n\n{ARTICLE}")
    store = tmp_path / "store"
    cli = RunningCli(["ingest", str(corpus), "--store", str(store), "--published", PUBLISHED])
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and cli.proc.poll() is None:
        if store.exists() and any(p.is_file() for p in store.rglob("*")):
            break
        time.sleep(0.005)
    cli.kill()  # mid-write: as soon as the store has its first file (or at the end, if it was faster)
    query = run_cli(["query", "--store", str(store)], timeout=120)
    assert query.returncode == 0, query.stderr
    assert "Traceback" not in query.stderr
    header = next(csv.reader(io.StringIO(query.stdout)))
    assert tuple(header) == EVENT_COLUMNS
    resumed = run_cli(["ingest", str(corpus), "--store", str(store), "--published", PUBLISHED], timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    final = run_cli(["query", "--store", str(store)], timeout=120)
    rows = list(csv.DictReader(io.StringIO(final.stdout)))
    assert len({r["event_id"] for r in rows}) == len(rows), "the resumed ingest stored duplicates"
    assert {Path(r["source"]).name for r in rows} == {p.name for p in corpus.iterdir()}


def _committed_store(path: Path, n_events: int) -> None:
    """A store holding one committed batch of synthetic events."""
    from timeline.store.schema import ARTICLE_KEY
    from timeline.store.writer import StoreWriter
    from timeline.synthetic import synthetic_events

    frame = synthetic_events(n_events, seed=3)
    frame[ARTICLE_KEY] = "hash-" + frame["source"]
    events = [
        {str(k): v for k, v in r.items()} for r in frame.astype(object).where(frame.notna(), None).to_dict("records")
    ]
    articles = [
        {"source": s, "content_hash": f"hash-{s}", "title": "", "published": "", "pub_date_source": "none", "url": "",
         "source_name": "", "n_events": 1, "ingested_at": None}
        for s in sorted(set(frame["source"]))
    ]  # fmt: skip
    with StoreWriter(path) as writer:
        writer.commit(articles, events)


def test_store_interrupted_mid_write_opens_and_queries(tmp_path: Path) -> None:
    """What a crash mid-commit leaves (half-written temporaries, event parts of an uncommitted batch) is never read."""
    from timeline.fileio import TEMP_SUFFIX
    from timeline.store.reader import EventStore
    from timeline.store.schema import articles_root, events_root, new_batch_id, part_name

    store = tmp_path / "store"
    _committed_store(store, 200)
    part = next(events_root(store).rglob("part-*.parquet"))
    data = part.read_bytes()
    stray = part_name(new_batch_id())
    (part.parent / stray).write_bytes(data)  # a whole event part whose batch never committed
    (part.parent / f"x{stray}").write_bytes(data[: len(data) // 2])  # a torn file under a foreign name
    (part.parent / f".{stray}.abc{TEMP_SUFFIX}").write_bytes(data[: len(data) // 3])  # a torn temporary
    (articles_root(store) / f".{stray}.def{TEMP_SUFFIX}").write_bytes(b"PAR1\x00\x01")
    opened = EventStore(store)
    assert opened.count() == 200
    assert len(opened.query()) == 200
    output = tmp_path / "events.csv"
    run = run_cli(["query", "--store", str(store), "--all-modalities", "--output", str(output)], timeout=120)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    rows = list(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8"))))
    assert len(rows) == 200 and len({r["event_id"] for r in rows}) == 200
