"""Speed and memory of event extraction on one core: articles per second and peak memory on
generated news-length articles (about 800 words each), streamed one at a time.

    python benchmarks/bench_extract.py [--articles N] [--words W] [--seed S]

Each article is assembled from wire-style sentence templates (strikes, visits, meetings, calls,
negations, plans, background and filler) with random actors, places and dates, so about a third
of its sentences hold an event trigger, as in real news. The spaCy model is loaded before the
clock starts. Peak resident memory is printed at checkpoints to show that it stays flat as the
batch grows. Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.events import extract_events  # noqa: E402
from timeline.events.lexicon import triggers  # noqa: E402
from timeline.events.nlp import parse, split_sentences  # noqa: E402
from timeline.models import Article  # noqa: E402

PEOPLE = ["President Joe Biden", "Prime Minister Rishi Sunak", "Chancellor Olaf Scholz", "President Xi Jinping",
          "Foreign Minister Sergei Lavrov", "Secretary of State Antony Blinken", "President Emmanuel Macron",
          "Prime Minister Benjamin Netanyahu", "President Recep Tayyip Erdogan", "King Abdullah II"]
COUNTRIES = ["Iran", "Israel", "Turkey", "Russia", "Ukraine", "China", "Syria", "Iraq", "Yemen", "Egypt"]
DEMONYMS = ["Iranian", "Israeli", "Turkish", "Russian", "Ukrainian", "Chinese", "Syrian", "Iraqi", "American"]
CITIES = ["Baghdad", "Damascus", "Kyiv", "Beijing", "Cairo", "Ankara", "Tehran", "Amman", "Geneva", "Doha"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]

EVENT_TEMPLATES = [
    "{demonym} warplanes struck targets near {city} early on {weekday}, the military said.",
    "{person} met {person2} in {city} on {weekday} for talks on the crisis.",
    "{person} arrived in {city} on {weekday} on a two-day visit.",
    "{person} spoke by phone with {person2} on {weekday}, officials said.",
    "Militants attacked a checkpoint outside {city} on {month} {day}, killing four soldiers.",
    "{country} did not take part in the strikes, a spokesman said.",
    "{person} is expected to visit {city} next week.",
    "Officials warned that {country} could strike again if the talks fail.",
    "The talks followed a meeting of foreign ministers in {city} last month.",
    "A day earlier, {person} held talks with {person2} in {city}.",
]
FILLER = [
    "Markets in the region were calm, and the price of oil rose slightly in early trading.",
    "The statement gave no further details about the figures it cited or how they were collected.",
    "Analysts said the coming weeks would show whether the two sides were willing to compromise.",
    "Residents described long queues at petrol stations and shortages of bread in several districts.",
    "The ministry has published a report on the state of the economy every quarter since 2015.",
    "Humanitarian groups called for more access to areas where civilians have been cut off for months.",
    "The government has said it wants to reduce its dependence on imported energy within a decade.",
    "Diplomats said the wording of the resolution was still being negotiated late into the evening.",
    "The opposition accused the government of mismanaging the budget and ignoring rising prices.",
    "Local television showed crowds gathering in the main square as night fell over the capital.",
]


def sentence(rng: random.Random) -> str:
    """One sentence: an event template a third of the time, filler otherwise."""
    if rng.random() < 0.33:
        person, person2 = rng.sample(PEOPLE, 2)
        return rng.choice(EVENT_TEMPLATES).format(
            person=person, person2=person2, country=rng.choice(COUNTRIES), demonym=rng.choice(DEMONYMS),
            city=rng.choice(CITIES), weekday=rng.choice(WEEKDAYS), month=rng.choice(MONTHS), day=rng.randint(1, 28))
    return rng.choice(FILLER)


def articles(count: int, words: int, seed: int) -> Iterator[Article]:
    """`count` generated articles of about `words` words, one at a time."""
    rng = random.Random(seed)
    for n in range(count):
        paragraphs, length = [], 0
        while length < words:
            paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
            paragraphs.append(paragraph)
            length += len(paragraph.split())
        published = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 600))
        yield Article(source=f"generated-{n}.txt", text="\n\n".join(paragraphs), title=f"Article {n}",
                      published=published)


def parser_tokens_per_second(sample: Article) -> float:
    """Raw speed of the spaCy pipeline on this machine now (a reference for the figures below)."""
    texts = [s.text for s in split_sentences(sample.text)] * 3
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in parse(texts))
    return tokens / (time.perf_counter() - start)


def parsed_words(article: Article) -> int:
    """Words in the sentences the extractor parses (those that may hold a trigger)."""
    keep = triggers().sentence_filter.may_hold_trigger
    return sum(len(s.text.split()) for s in split_sentences(article.text) if keep(s.text))


def peak_mib() -> float:
    """Peak resident memory of this process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    warm = time.perf_counter()
    sample = next(articles(1, args.words, args.seed + 1))
    extract_events(sample)
    print(f"model load and warm-up: {time.perf_counter() - warm:.2f} s, peak memory {peak_mib():.0f} MiB")
    print(f"spaCy pipeline on this machine now: {parser_tokens_per_second(sample):.0f} tokens/s "
          f"(load average {os.getloadavg()[0]:.1f})")

    checkpoints = {args.articles // 10, args.articles // 4, args.articles // 2, args.articles}
    elapsed = 0.0
    words = events = parsed = 0
    for n, article in enumerate(articles(args.articles, args.words, args.seed), start=1):
        words += len(article.text.split())
        parsed += parsed_words(article)
        start = time.perf_counter()
        events += len(extract_events(article))
        elapsed += time.perf_counter() - start
        if n in checkpoints:
            print(f"{n:6d} articles  {n / elapsed:6.1f} articles/s  {words / elapsed:8.0f} words/s  "
                  f"{events:6d} events  {parsed / n:4.0f} words parsed/article  peak memory {peak_mib():6.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
