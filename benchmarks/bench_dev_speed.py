"""Extraction speed on event-dense news: the written development articles (../shared/events_eval/dev), each
repeated `--copies` times in one batch, on one core; beside it, dateparser's `search_dates` alone on the same
texts, the naive baseline every article would pay anyway.

    python benchmarks/bench_dev_speed.py [--set DIR] [--copies N]

The articles are read once through the normal ingest path (HTML, Markdown and JSON included) with the gold
publication date where the gold gives one; the clock covers extraction only. Prints figures only; exits with a
message when the development set is absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.events import extract_events  # noqa: E402
from timeline.ingest.files import read_paths  # noqa: E402
from timeline.models import Article  # noqa: E402

DEFAULT_SET = ROOT.parent / "shared" / "events_eval" / "dev"


def dev_articles(set_dir: Path) -> list[Article]:
    """The set's articles, read as the CLI reads them, with the gold publication date where there is one."""
    found: list[Article] = []
    for gold_path in sorted((set_dir / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        published = gold.get("published")
        date = dt.date.fromisoformat(published) if published else None
        for result in read_paths([set_dir / "articles" / gold["article"]], published=date):
            if isinstance(result, Article):
                found.append(result)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--copies", type=int, default=40)
    args = parser.parse_args(argv)
    if not (args.set / "articles").is_dir():
        print(f"no development set at {args.set}")
        return 1
    sample = dev_articles(args.set)
    batch = sample * args.copies
    words = sum(len(a.text.split()) for a in batch)
    extract_events(sample[0])  # load the model before the clock starts

    start = time.perf_counter()
    events = sum(len(extract_events(article)) for article in batch)
    extraction = time.perf_counter() - start

    from dateparser.search import search_dates  # imported here: only the baseline uses it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        for article in sample * max(1, args.copies // 8):
            search_dates(article.text, languages=["en"])
        baseline = (time.perf_counter() - start) / (len(sample) * max(1, args.copies // 8))

    rate = len(batch) / extraction
    print(f"{len(batch)} articles ({len(sample)} x {args.copies}), {words} words, {events} events, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"extraction            {rate:6.1f} articles/s  {words / extraction:7.0f} words/s")
    print(f"search_dates alone    {1 / baseline:6.1f} articles/s")
    print(f"ratio                 {rate * baseline:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
