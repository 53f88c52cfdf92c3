"""`ingest` and `query` on the command line: idempotence, crash-resume, per-file errors, Dask workers, filters."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_store import sample_store

from timeline.cli import main
from timeline.models import EVENT_COLUMNS
from timeline.store.reader import EventStore
from timeline.store.schema import articles_root

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = "2020-01-09"
NAMES = ("Anna Berg", "Omar Haddad", "Lena Fischer", "Kenji Sato", "Maria Costa", "Ivan Petrov", "Grace Mensah")
CITIES = ("Baghdad", "Kabul", "Damascus", "Beirut", "Tripoli", "Sanaa")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday")


def write_corpus(directory: Path, n: int) -> list[Path]:
    """`n` short, distinct articles, each reporting a strike and a meeting."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        name, city, day = NAMES[i % len(NAMES)], CITIES[i % len(CITIES)], WEEKDAYS[i % len(WEEKDAYS)]
        text = (
            f"Report {i}.\n\nUS forces carried out an air strike on a militia base near {city} on {day},"
            f" killing {i % 9 + 2} fighters, officials said.\n\n"
            f"Foreign Minister {name} met her Iraqi counterpart in {city} on {day} to discuss the strike.\n"
        )
        path = directory / f"report_{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def check_consistent(store_dir: Path) -> EventStore:
    """The store opens; event ids are unique; every article holds exactly the events it says it has."""
    store = EventStore(store_dir)
    events = store.query()
    assert events["event_id"].is_unique
    articles = store.articles()
    assert articles["content_hash"].is_unique
    stored = store.article_event_counts()
    for content_hash, n_events in zip(articles["content_hash"], articles["n_events"], strict=True):
        assert stored.get(content_hash, 0) == n_events
    return store


def test_ingest_twice_stores_each_article_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_corpus(tmp_path / "corpus", 6)
    store_dir = tmp_path / "store"
    args = ["ingest", str(tmp_path / "corpus"), "--store", str(store_dir), "--published", PUBLISHED]
    status, _, err = run(args, capsys)
    assert status == 0, err
    first = check_consistent(store_dir)
    n_events, n_articles = first.count(), len(first.articles())
    assert n_articles == 6 and n_events >= 6
    assert "6 articles stored" in err

    status, _, err = run(args, capsys)
    assert status == 0, err
    assert "0 articles stored" in err and "6 already stored" in err
    again = check_consistent(store_dir)
    assert again.count() == n_events and len(again.articles()) == n_articles


def test_a_bad_file_is_reported_and_the_rest_stored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_corpus(tmp_path / "corpus", 3)
    (tmp_path / "corpus" / "broken.json").write_text("{not json", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    status, _, err = run(
        ["ingest", str(tmp_path / "corpus"), str(missing), "--store", str(tmp_path / "s"), "--published", PUBLISHED],
        capsys,
    )
    assert status == 1
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2
    assert any("broken.json" in line for line in errors) and any("missing.txt" in line for line in errors)
    assert "Traceback" not in err
    assert len(EventStore(tmp_path / "s").articles()) == 3


def test_ingest_killed_mid_run_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "corpus", 240)
    store_dir = tmp_path / "store"
    command = [sys.executable, "-m", "timeline", "ingest", str(tmp_path / "corpus"), "--store", str(store_dir)]
    command += ["--published", PUBLISHED, "--batch-size", "10", "--no-progress"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if articles_root(store_dir).is_dir() and len(list(articles_root(store_dir).glob("part-*"))) >= 2:
                break
            time.sleep(0.01)
        killed_mid_run = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        assert proc.stderr is not None
        proc.stderr.close()
    assert killed_mid_run, "the ingest finished before it could be killed"

    interrupted = check_consistent(store_dir)
    stored_before = len(interrupted.articles())
    assert 0 < stored_before < len(paths)

    resumed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{stored_before} already stored" in resumed.stderr
    final = check_consistent(store_dir)
    assert len(final.articles()) == len(paths)
    assert {Path(s).name for s in final.query()["source"]} == {p.name for p in paths}
    assert not list(store_dir.rglob("*.tmp"))


def test_dask_workers_and_an_existing_scheduler(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Extraction on a 2-worker LocalCluster, reached by address, gives what the in-process path gives."""
    pytest.importorskip("distributed")
    from timeline.store.runners import dask_client

    write_corpus(tmp_path / "corpus", 8)
    status, _, err = run(
        ["ingest", str(tmp_path / "corpus"), "--store", str(tmp_path / "serial"), "--published", PUBLISHED], capsys
    )
    assert status == 0, err
    with dask_client(workers=2) as client:
        address = client.scheduler.address
        assert address.startswith("tcp://127.0.0.1:")
        store = tmp_path / "dask"
        args = ["ingest", str(tmp_path / "corpus"), "--store", str(store), "--published", PUBLISHED]
        status, _, err = run([*args, "--scheduler", address], capsys)
        assert status == 0, err
        assert len(client.nthreads()) == 2
    serial, parallel = EventStore(tmp_path / "serial").query(), check_consistent(store).query()
    assert sorted(parallel["event_id"]) == sorted(serial["event_id"])
    assert len(parallel) >= 8


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_corpus(tmp_path / "corpus", 1)
    status, _, err = run(
        ["ingest", str(tmp_path / "corpus"), "--store", str(tmp_path / "s"), "--scheduler", "not-an-address"],
        capsys,
    )
    assert status == 1
    assert err.startswith("error: not-an-address: cannot start Dask") and len(err.splitlines()) == 1


def test_query_filters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample_store(tmp_path)

    def ids(*options: str) -> list[str]:
        status, out, err = run(["query", "--store", str(tmp_path), *options], capsys)
        assert status == 0, err
        rows = list(csv.DictReader(io.StringIO(out)))
        return [r["event_id"] for r in rows]

    assert ids() == ["a.txt#0", "b.txt#0", "a.txt#1", "c.txt#0"]
    assert ids("--all-modalities") == ["a.txt#0", "b.txt#0", "a.txt#1", "b.txt#1", "c.txt#0"]
    assert ids("--modality", "planned") == ["b.txt#1"]
    assert ids("--actor", "NATO") == ["a.txt#1"]
    assert ids("--actor", "Iran", "--actor", "Mike Pompeo", "--type", "visit") == ["a.txt#1"]
    assert ids("--type", "strike", "attack") == ["a.txt#0", "b.txt#0", "c.txt#0"]
    assert ids("--from", "2020-02-01", "--to", "2020-03-31", "--all-modalities") == ["a.txt#1", "b.txt#1"]
    assert ids("--from", "2020-03-31", "--to", "2020-02-01", "--all-modalities") == ["a.txt#1", "b.txt#1"]
    assert ids("--source", "b.txt") == ["b.txt#0"]
    assert ids("--text", "BAGHDAD") == ["a.txt#1"]
    assert ids("--min-confidence", "0.5") == ["a.txt#0", "a.txt#1", "c.txt#0"]
    assert ids("--limit", "1") == ["a.txt#0"]


def test_query_formats_and_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample_store(tmp_path / "store")
    status, out, _ = run(["query", "--store", str(tmp_path / "store"), "--format", "jsonl"], capsys)
    assert status == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 4 and tuple(rows[0]) == EVENT_COLUMNS and rows[0]["num_sources"] == 2
    target = tmp_path / "timeline.json"
    status, out, _ = run(
        ["query", "--store", str(tmp_path / "store"), "--format", "timelinejs", "-o", str(target)], capsys
    )
    assert status == 0 and out == ""
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert [e["unique_id"] for e in doc["events"]] == ["a.txt#0", "b.txt#0", "a.txt#1"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--type", "picnic"], "invalid choice"),
        (["--min-confidence", "2"], "between 0 and 1"),
        (["--from", "yesterday"], "not a date"),
    ],
)
def test_query_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    sample_store(tmp_path)
    status, _, err = run(["query", "--store", str(tmp_path), *options], capsys)
    assert status == 2 and message in err and len(err.splitlines()) == 1


def test_query_of_a_directory_that_is_not_a_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(["query", "--store", str(tmp_path)], capsys)
    assert status == 2 and "not an event store" in err


def test_extract_writes_timelinejs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_corpus(tmp_path / "corpus", 2)
    status, out, err = run(
        ["extract", str(tmp_path / "corpus"), "--published", PUBLISHED, "--format", "timelinejs"], capsys
    )
    assert status == 0, err
    doc = json.loads(out)
    assert doc["events"] and {"start_date", "text", "group"} <= set(doc["events"][0])
