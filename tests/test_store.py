"""The event store: atomic batch commits, what readers see, schema evolution, queries with the dashboard's filters."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from timeline.models import DATE_COLUMNS, EVENT_COLUMNS, Article, Event
from timeline.query import FilterSpec, apply_filters
from timeline.store.reader import EventStore, StoreError
from timeline.store.schema import (
    ARTICLE_KEY,
    ARTICLE_SCHEMA,
    REPLACES_KEY,
    article_record,
    articles_root,
    batch_of,
    merged_name,
    new_batch_id,
    part_name,
    partition_dir,
    partition_of,
)
from timeline.store.writer import StoreLockedError, StoreWriter
from timeline.table import iso_dates

NOW = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)


def event(source: str, n: int, **fields: object) -> Event:
    """An event of `source` with sensible defaults; `fields` override them."""
    values: dict[str, object] = {
        "event_id": f"{source}#{n}",
        "event_date": "2020-01-03",
        "date_start": "2020-01-03",
        "date_end": "2020-01-03",
        "time_precision": "day",
        "event_type": "strike",
        "actor1": "United States",
        "actor2": "Iran",
        "source_sentence": f"Sentence {n} of {source}.",
        "char_start": n * 100,
        "char_end": n * 100 + 50,
        "confidence": 0.8,
        "source": source,
    }
    values.update(fields)
    for column in DATE_COLUMNS:  # dates written as ISO text here for brevity; "" is no date
        if isinstance(values.get(column), str):
            values[column] = dt.date.fromisoformat(str(values[column])) if values[column] else None
    return Event(**values)  # type: ignore[arg-type]


def commit_article(writer: StoreWriter, source: str, events: list[Event], published: dt.date | None = None) -> str:
    """Commit one article (content hash derived from its source) with its events as a batch."""
    article = Article(source=source, text="text", content_hash=f"hash-{source}", published=published)
    rows = [dict(e.as_row(), **{ARTICLE_KEY: article.content_hash}) for e in events]
    return writer.commit([article_record(article, len(events), NOW)], rows)


def sample_store(path: Path) -> EventStore:
    """A store of three articles: strikes, a visit with other actors, a planned call and an undated attack."""
    with StoreWriter(path) as writer:
        commit_article(
            writer,
            "a.txt",
            [
                event("a.txt", 0, cluster_id="soleimani"),
                event(
                    "a.txt",
                    1,
                    event_type="visit",
                    event_date="2020-02-10",
                    date_start="2020-02-10",
                    date_end="2020-02-10",
                    actor1="Mike Pompeo",
                    actor2="Iraq",
                    other_actors="NATO; Adil Abdul-Mahdi",
                    location="Baghdad",
                ),
            ],
        )
        commit_article(
            writer,
            "b.txt",
            [
                event("b.txt", 0, cluster_id="soleimani", confidence=0.4),
                event(
                    "b.txt",
                    1,
                    event_type="call",
                    modality="planned",
                    event_date="2020-03-01",
                    date_start="2020-03-01",
                    date_end="2020-03-31",
                    time_precision="month",
                ),
            ],
        )
        commit_article(writer, "c.txt", [event("c.txt", 0, event_type="attack", event_date="", date_start="")])
    return EventStore(path)


def test_batches_are_month_partitions_committed_by_the_article_part(tmp_path: Path) -> None:
    sample_store(tmp_path)
    months = sorted(p.name for p in (tmp_path / "events").iterdir())
    assert months == ["month=2020-01", "month=2020-02", "month=2020-03", "month=undated"]
    batches = {batch_of(p.name) for p in articles_root(tmp_path).iterdir()}
    assert len(batches) == 3
    for part in (tmp_path / "events").glob("month=*/*.parquet"):
        assert batch_of(part.name) in batches
    assert not list(tmp_path.rglob("*.tmp"))


def test_query_returns_event_columns_in_date_order(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    df = store.query()
    assert tuple(df.columns) == EVENT_COLUMNS
    assert len(df) == store.count() == 5
    assert list(iso_dates(df["event_date"])) == ["2020-01-03", "2020-01-03", "2020-02-10", "2020-03-01", ""]
    assert list(iso_dates(store.query(limit=2)["event_date"])) == ["2020-01-03", "2020-01-03"]


def test_num_sources_is_counted_across_articles(tmp_path: Path) -> None:
    df = sample_store(tmp_path).query()
    clustered = df[df["cluster_id"] == "soleimani"]
    assert len(clustered) == 2 and set(clustered["num_sources"]) == {2}
    assert set(df[df["cluster_id"] == ""]["num_sources"]) == {1}


@pytest.mark.parametrize(
    "spec",
    [
        FilterSpec(),
        FilterSpec(modalities=()),
        FilterSpec(actors=("NATO",)),
        FilterSpec(actors=("Iran", "Iraq"), modalities=()),
        FilterSpec(event_types=("strike", "attack")),
        FilterSpec(date_from=dt.date(2020, 2, 1)),
        FilterSpec(date_from=dt.date(2020, 3, 15), date_to=dt.date(2020, 4, 1), modalities=()),
        FilterSpec(date_to=dt.date(2020, 1, 31)),
        FilterSpec(sources=("b.txt",), modalities=()),
        FilterSpec(text="baghdad"),
        FilterSpec(min_confidence=0.5),
    ],
)
def test_store_filters_match_the_pandas_filters(tmp_path: Path, spec: FilterSpec) -> None:
    store = sample_store(tmp_path)
    everything = store.query()
    expected = apply_filters(everything, spec)
    got = store.query(spec)
    assert sorted(got["event_id"]) == sorted(expected["event_id"])
    assert store.count(spec) == len(expected)
    assert [r["event_id"] for r in store.iter_rows(spec, chunk=2)] == list(got["event_id"])


def test_facets_count_events_per_value(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    facets = store.facets()
    assert facets["event_types"] == [("strike", 2), ("attack", 1), ("call", 1), ("visit", 1)]
    assert ("United States", 4) in facets["actors"] and ("NATO", 1) in facets["actors"]
    assert dict(facets["sources"]) == {"a.txt": 2, "b.txt": 2, "c.txt": 1}
    filtered = store.facets(FilterSpec(event_types=("visit",)))
    assert dict(filtered["actors"]) == {"Mike Pompeo": 1, "Iraq": 1, "NATO": 1, "Adil Abdul-Mahdi": 1}


def test_articles_table(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    articles = store.articles()
    assert list(articles.columns) == ARTICLE_SCHEMA.names
    assert sorted(articles["source"]) == ["a.txt", "b.txt", "c.txt"]
    assert dict(zip(articles["source"], articles["n_events"], strict=True)) == {"a.txt": 2, "b.txt": 2, "c.txt": 1}
    assert store.content_hashes() == {"hash-a.txt", "hash-b.txt", "hash-c.txt"}


def test_uncommitted_event_parts_are_invisible_and_removed_by_the_next_writer(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    orphan = partition_dir(tmp_path, "2020-01") / part_name(new_batch_id())
    pq.write_table(pq.read_table(next(partition_dir(tmp_path, "2020-01").glob("*.parquet"))), orphan)
    stale = articles_root(tmp_path) / ".part-x.parquet.abc.tmp"
    stale.write_bytes(b"half written")
    assert store.count() == 5
    with StoreWriter(tmp_path):
        pass
    assert not orphan.exists() and not stale.exists()
    assert EventStore(tmp_path).count() == 5


def test_a_store_sees_batches_committed_after_it_was_opened(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    assert store.count() == 5
    with StoreWriter(tmp_path) as writer:
        commit_article(writer, "d.txt", [event("d.txt", 0)])
    assert store.count() == 6


def test_only_one_writer_at_a_time(tmp_path: Path) -> None:
    with StoreWriter(tmp_path), pytest.raises(StoreLockedError):
        StoreWriter(tmp_path)
    with StoreWriter(tmp_path):
        pass


def test_an_empty_store_queries_to_empty_results(tmp_path: Path) -> None:
    StoreWriter(tmp_path).close()
    store = EventStore(tmp_path)
    assert store.count() == 0
    assert tuple(store.query().columns) == EVENT_COLUMNS and store.query().empty
    assert store.facets() == {"actors": [], "event_types": [], "sources": []}
    assert store.articles().empty and store.content_hashes() == set()


def test_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not an event store"):
        EventStore(tmp_path / "nowhere")


def test_a_store_written_before_newer_columns_still_opens(tmp_path: Path) -> None:
    """Parts that lack columns added later read those columns as the Event defaults."""
    sample_store(tmp_path)
    old_columns = [c for c in EVENT_COLUMNS if c not in ("cluster_id", "num_sources", "modality", "cameo_code")]
    batch = new_batch_id()
    old_rows = [{c: getattr(event("old.txt", 0, event_date="2020-02-20"), c) for c in old_columns}]
    old_rows[0]["date_start"] = old_rows[0]["date_end"] = "2020-02-20"
    pq.write_table(pa.Table.from_pylist(old_rows), partition_dir(tmp_path, "2020-02") / part_name(batch))
    old_article = {"source": "old.txt", "content_hash": "hash-old", "title": "Old", "n_events": 1}
    pq.write_table(pa.Table.from_pylist([old_article]), articles_root(tmp_path) / part_name(batch))

    store = EventStore(tmp_path)
    df = store.query(FilterSpec(sources=("old.txt",)))
    assert len(df) == 1
    row = df.iloc[0]
    assert row["modality"] == "asserted" and row["cluster_id"] == "" and row["num_sources"] == 1
    assert store.count() == 6
    articles = store.articles()
    assert set(articles["source"]) == {"a.txt", "b.txt", "c.txt", "old.txt"}
    assert pd.isna(articles.loc[articles["source"] == "old.txt", "ingested_at"]).all()


def test_a_store_where_no_part_has_a_column_still_opens(tmp_path: Path) -> None:
    batch = new_batch_id()
    directory = partition_dir(tmp_path, "2021-05")
    directory.mkdir(parents=True)
    articles_root(tmp_path).mkdir()
    rows = [{"event_id": "x1", "event_date": "2021-05-02", "event_type": "meeting", "source": "x.txt"}]
    pq.write_table(pa.Table.from_pylist(rows), directory / part_name(batch))
    pq.write_table(
        pa.Table.from_pylist([{"source": "x.txt", "content_hash": "hx"}]), articles_root(tmp_path) / part_name(batch)
    )
    store = EventStore(tmp_path)
    df = store.query(FilterSpec(actors=()))
    assert df["event_id"].tolist() == ["x1"] and df["confidence"].tolist() == [0.0]
    assert store.count(FilterSpec(min_confidence=0.5)) == 0


@pytest.mark.parametrize(
    ("event_date", "partition"),
    [("2020-01-03", "2020-01"), ("2020-12", "2020-12"), ("", "undated"), ("../../etc", "undated"), (None, "undated")],
)
def test_partition_of(event_date: str | None, partition: str) -> None:
    assert partition_of(event_date) == partition


def test_compaction_merges_partitions_and_keeps_every_event(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    with StoreWriter(tmp_path) as writer:
        for i in range(4):
            commit_article(writer, f"more{i}.txt", [event(f"more{i}.txt", 0), event(f"more{i}.txt", 1)])
        before = store.query(FilterSpec(modalities=()))
        assert len(list(partition_dir(tmp_path, "2020-01").glob("*.parquet"))) == 6
        assert writer.compact(min_parts=4) == 1
    parts = [p.name for p in partition_dir(tmp_path, "2020-01").iterdir()]
    assert len(parts) == 1 and parts[0].startswith("merged-")
    after = EventStore(tmp_path).query(FilterSpec(modalities=()))
    pd.testing.assert_frame_equal(before, after)
    assert store.count(FilterSpec(modalities=())) == len(before)  # a store opened before sees the merged parts


def test_an_uncommitted_merge_is_invisible_and_a_committed_one_replaces_its_parts(tmp_path: Path) -> None:
    store = sample_store(tmp_path)
    with StoreWriter(tmp_path) as writer:
        for i in range(3):
            commit_article(writer, f"more{i}.txt", [event(f"more{i}.txt", 0)])
    total = store.count()
    directory = partition_dir(tmp_path, "2020-01")
    merged = pq.read_table(next(directory.glob("part-*.parquet")))
    batch = new_batch_id()
    replaced = sorted(str(batch_of(p.name)) for p in directory.glob("part-*.parquet"))
    metadata = {REPLACES_KEY: json.dumps(replaced).encode()}
    whole = pa.concat_tables([pq.ParquetFile(p).read() for p in sorted(directory.glob("part-*.parquet"))])
    pq.write_table(whole.replace_schema_metadata(metadata), directory / merged_name(batch))
    assert store.count() == total  # written but not committed: a crash here changes nothing
    pq.write_table(pa.Table.from_pylist([], schema=ARTICLE_SCHEMA), articles_root(tmp_path) / part_name(batch))
    assert store.count() == total and len(merged) >= 1  # committed: the merged part stands in for the others
    with StoreWriter(tmp_path):
        pass
    assert [p.name for p in directory.iterdir()] == [merged_name(batch)]
    assert EventStore(tmp_path).count() == total
