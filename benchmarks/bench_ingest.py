"""Ingest throughput: articles/second and peak memory with 1 and 2 Dask workers, and the speed-up.

Generates N articles (default 5,000) from sample_data/ into a temporary directory: each is a few
consecutive paragraphs of a sample article with its people renamed and its years (and publication
date) shifted, written as a JSON record. Starts one local Dask cluster per worker count, warms the
workers up (spaCy loaded), then ingests the corpus into one empty store per cluster and times it.
With --rounds R the corpus is ingested in R slices, the clusters taking turns, so that on a busy
machine both meet the same load (each slice then pays the end-of-ingest work again). Peak memory is the largest
resident set of a worker, and of this process (which writes the stores and runs the schedulers).

    python benchmarks/bench_ingest.py [--articles 5000] [--workers 1 2] [--rounds 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.ingest.files import read_paths  # noqa: E402
from timeline.models import Article  # noqa: E402
from timeline.store.ingest import ExtractOptions, ingest_files, input_files  # noqa: E402
from timeline.store.runners import DaskRunner, dask_client  # noqa: E402

SURNAMES = (
    "Trump", "Biden", "Putin", "Zelensky", "Netanyahu", "Blinken", "Pompeo", "Xi", "Macron", "Scholz", "Sunak",
    "Erdogan", "Soleimani", "Khamenei", "Abdul-Mahdi", "Sudani", "Kim", "Moon", "Lavrov", "Austin", "Sullivan",
)  # fmt: skip
"""Names in the sample articles that the generator replaces (every occurrence in one article alike)."""

NEW_SURNAMES = (
    "Okafor", "Lindqvist", "Haddad", "Moreau", "Tanaka", "Kowalski", "Silva", "Nakamura", "Petrov", "Rahman",
    "Fischer", "Costa", "Novak", "Ibrahim", "Larsen", "Ortega", "Mensah", "Volkov", "Santos", "Weber", "Duarte",
    "Yilmaz", "Kaur", "Mwangi", "Jensen", "Romero", "Hassan", "Bauer", "Ferrari", "Sato",
)  # fmt: skip

YEAR = re.compile(r"\b(19[5-9][0-9]|20[0-4][0-9])\b")


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def variant(article: Article, rng: random.Random) -> dict[str, object]:
    """A new article record from `article`: a run of its paragraphs, people renamed, years shifted."""
    paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
    count = min(len(paragraphs), rng.randint(2, 4))
    start = rng.randint(0, len(paragraphs) - count)
    text = "\n\n".join(paragraphs[start : start + count])
    names = dict(zip(SURNAMES, rng.sample(NEW_SURNAMES, len(SURNAMES)), strict=True))
    text = re.sub(r"\b(" + "|".join(map(re.escape, SURNAMES)) + r")\b", lambda m: names[m.group(1)], text)
    years = rng.randint(-4, 4)
    text = YEAR.sub(lambda m: str(int(m.group(1)) + years), text)
    published = _shift_year(article.published, years).isoformat() if article.published else None
    return {"title": article.title, "text": text, "published": published}


def generate(directory: Path, n: int, seed: int = 7) -> None:
    """Write `n` generated articles as JSON files into `directory`."""
    samples = [a for a in read_paths([ROOT / "sample_data"]) if isinstance(a, Article) and a.published]
    rng = random.Random(seed)
    for i in range(n):
        record = variant(samples[i % len(samples)], rng)
        record["text"] = f"{record['text']}\n\n(Report {i}.)"
        (directory / f"article_{i:05d}.json").write_text(json.dumps(record), encoding="utf-8")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _warm_up() -> int:
    from timeline.events import extract_events

    sample = "WASHINGTON — The president met the prime minister on Tuesday. A drone strike killed two men on Monday."
    return len(extract_events(Article(source="warm-up", text=sample, published=dt.date(2020, 1, 9))))


def measure(corpus: Path, stores: Path, worker_counts: list[int], rounds: int) -> dict[int, dict[str, float]]:
    """Ingest `corpus` in `rounds` slices, each slice by every cluster in turn (alternating the order).

    Taking turns on the same slices makes the configurations share whatever else the machine is
    doing, instead of the first run meeting a quiet machine and the second a busy one.
    """
    files = input_files([corpus], lambda f: print(f.message(), file=sys.stderr))
    step = -(-len(files) // rounds)
    slices = [files[i : i + step] for i in range(0, len(files), step)]
    totals = {w: {"seconds": 0.0, "articles": 0.0, "events": 0.0, "loads": 0.0} for w in worker_counts}
    with contextlib.ExitStack() as stack:
        clients = {w: stack.enter_context(dask_client(workers=w)) for w in worker_counts}
        cpu_before = {}
        for w, client in clients.items():
            client.run(_warm_up)
            cpu_before[w] = sum(client.run(_cpu_seconds).values())
        for n, part in enumerate(slices):
            for w in worker_counts if n % 2 == 0 else worker_counts[::-1]:
                totals[w]["loads"] += os.getloadavg()[0]
                started = time.perf_counter()
                summary = ingest_files(
                    stores / f"store-{w}",
                    part,
                    runner=DaskRunner(clients[w]),
                    options=ExtractOptions(),
                    on_failure=lambda f: print(f.message(), file=sys.stderr),
                    progress=False,
                )
                totals[w]["seconds"] += time.perf_counter() - started
                totals[w]["articles"] += summary.stored
                totals[w]["events"] += summary.events
        for w, client in clients.items():
            totals[w]["worker_cpu_s"] = sum(client.run(_cpu_seconds).values()) - cpu_before[w]
            totals[w]["worker_peak_mb"] = max(client.run(_peak_rss_mb).values())
            totals[w]["load"] = totals[w].pop("loads") / len(slices)
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000, help="articles to generate (default 5,000)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to compare")
    parser.add_argument(
        "--rounds", type=int, default=1, help="slices the configurations take turns on (more: fairer on a busy machine)"
    )
    parser.add_argument("--keep", type=Path, help="generate the corpus here and keep it (reused if present)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        corpus = args.keep or Path(tmp) / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        if not any(corpus.iterdir()):
            started = time.perf_counter()
            generate(corpus, args.articles)
            print(f"generated {args.articles} articles in {time.perf_counter() - started:.1f} s")
        results = measure(corpus, Path(tmp), args.workers, args.rounds)
        for workers, r in results.items():
            print(
                f"{workers} worker(s): {r['articles']:.0f} articles, {r['events']:.0f} events in {r['seconds']:.1f} s"
                f" = {r['articles'] / r['seconds']:.1f} articles/s; worker CPU {r['worker_cpu_s']:.1f} s;"
                f" peak memory per worker {r['worker_peak_mb']:.0f} MB; mean load average {r['load']:.2f}"
            )
        print(f"peak memory of the driver (store writer and scheduler): {_peak_rss_mb():.0f} MB")
        base = args.workers[0]
        for workers in args.workers[1:]:
            speed_up = results[base]["seconds"] / results[workers]["seconds"]
            print(f"speed-up {workers} vs {base} worker(s): {speed_up:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
