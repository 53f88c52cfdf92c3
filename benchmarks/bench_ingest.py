"""Ingest throughput: articles/second and peak memory with 1 and 2 Dask workers, and the speed-up.

Generates N articles (default 5,000) from sample_data/ into a temporary directory: each is a few
consecutive paragraphs of a sample article with its people renamed and its years (and publication
date) shifted, written as a JSON record. Then, for each worker count, a fresh process starts a
local Dask cluster, warms the workers up (spaCy loaded), and times `ingest` of the whole corpus
into an empty store. Peak memory is the largest resident set of the driver and of any worker.

    python benchmarks/bench_ingest.py [--articles 5000] [--workers 1 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.ingest import read_paths  # noqa: E402
from timeline.models import Article  # noqa: E402
from timeline.parallel import DaskRunner, dask_client  # noqa: E402
from timeline.store_ingest import ExtractOptions, ingest_files, input_files  # noqa: E402

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


def measure(corpus: Path, store: Path, workers: int) -> dict[str, Any]:
    """Ingest `corpus` into the empty `store` on `workers` local workers; the figures of the run."""
    files = input_files([corpus], lambda f: print(f.message(), file=sys.stderr))
    with dask_client(workers=workers) as client:
        client.run(_warm_up)
        load = os.getloadavg()[0]
        worker_cpu = sum(client.run(_cpu_seconds).values())
        driver_cpu = _cpu_seconds()
        started = time.perf_counter()
        summary = ingest_files(
            store,
            files,
            runner=DaskRunner(client),
            options=ExtractOptions(),
            on_failure=lambda f: print(f.message(), file=sys.stderr),
            progress=False,
        )
        seconds = time.perf_counter() - started
        driver_cpu = _cpu_seconds() - driver_cpu
        worker_cpu = sum(client.run(_cpu_seconds).values()) - worker_cpu
        worker_peaks = client.run(_peak_rss_mb)
    return {
        "workers": workers,
        "articles": summary.stored,
        "events": summary.events,
        "failures": summary.failures,
        "seconds": seconds,
        "articles_per_second": summary.stored / seconds,
        "driver_peak_mb": _peak_rss_mb(),
        "worker_peak_mb": max(worker_peaks.values()),
        "driver_cpu_s": driver_cpu,
        "worker_cpu_s": worker_cpu,
        "load_before": load,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000, help="articles to generate (default 5,000)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to compare")
    parser.add_argument("--keep", type=Path, help="generate the corpus here and keep it (reused if present)")
    parser.add_argument("--measure", nargs=3, metavar=("CORPUS", "STORE", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        corpus, store, workers = args.measure
        print(json.dumps(measure(Path(corpus), Path(store), int(workers))))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        corpus = args.keep or Path(tmp) / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        if not any(corpus.iterdir()):
            started = time.perf_counter()
            generate(corpus, args.articles)
            print(f"generated {args.articles} articles in {time.perf_counter() - started:.1f} s")
        results = []
        for workers in args.workers:
            store = Path(tmp) / f"store-{workers}"
            command = [sys.executable, __file__, "--measure", str(corpus), str(store), str(workers)]
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            results.append(result)
            print(
                f"{workers} worker(s): {result['articles']} articles, {result['events']} events in"
                f" {result['seconds']:.1f} s = {result['articles_per_second']:.1f} articles/s;"
                f" peak memory driver {result['driver_peak_mb']:.0f} MB, worker {result['worker_peak_mb']:.0f} MB;"
                f" CPU driver {result['driver_cpu_s']:.1f} s, workers {result['worker_cpu_s']:.1f} s;"
                f" load average before {result['load_before']:.2f}"
            )
        base = results[0]
        for result in results[1:]:
            speed_up = result["articles_per_second"] / base["articles_per_second"]
            print(f"speed-up {result['workers']} vs {base['workers']} worker(s): {speed_up:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
