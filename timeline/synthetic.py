"""A deterministic synthetic event table with the real columns, for benchmarks and load tests at any size."""

from __future__ import annotations

import numpy as np
import pandas as pd

from timeline.event_types import type_names
from timeline.models import MODALITIES
from timeline.table import normalise_frame

ACTORS = (
    "United States", "Iran", "Iraq", "Israel", "Russia", "Ukraine", "China", "France", "Germany", "Turkey",
    "Saudi Arabia", "Syria", "Hezbollah", "Hamas", "NATO", "United Nations", "Donald Trump", "Joe Biden",
    "Vladimir Putin", "Volodymyr Zelensky", "Emmanuel Macron", "Xi Jinping", "Ali Khamenei", "Benjamin Netanyahu",
    "Recep Tayyip Erdogan", "Mike Pompeo", "Antony Blinken", "Adil Abdul-Mahdi", "Olaf Scholz", "Narendra Modi",
)
PLACES = (
    ("Baghdad", "Iraq", 33.31, 44.37), ("Kyiv", "Ukraine", 50.45, 30.52), ("Gaza", "Palestine", 31.50, 34.47),
    ("Damascus", "Syria", 33.51, 36.29), ("Tehran", "Iran", 35.69, 51.39), ("Moscow", "Russia", 55.76, 37.62),
    ("Beijing", "China", 39.90, 116.41), ("Paris", "France", 48.86, 2.35), ("Ankara", "Turkey", 39.93, 32.86),
    ("Riyadh", "Saudi Arabia", 24.71, 46.68), ("", "", float("nan"), float("nan")),
)
PRECISION_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def synthetic_events(n: int, *, seed: int = 0, start: str = "2019-01-01", days: int = 2200) -> pd.DataFrame:
    """`n` plausible events spread over `days` days from `start`, with every event column filled."""
    rng = np.random.default_rng(seed)
    base = np.datetime64(start, "D")
    offsets = rng.integers(0, days, n)
    precisions = rng.choice(list(PRECISION_DAYS), n, p=[0.8, 0.08, 0.09, 0.03])
    length = np.array([PRECISION_DAYS[p] for p in precisions]) - 1
    date_start = base + offsets.astype("timedelta64[D]")
    date_end = date_start + length.astype("timedelta64[D]")
    types = rng.choice(type_names(), n)
    actor1 = rng.choice(ACTORS, n)
    actor2 = rng.choice(ACTORS, n)
    place = rng.integers(0, len(PLACES), n)
    modality = rng.choice(MODALITIES, n, p=[0.85, 0.06, 0.06, 0.03])
    cluster = rng.integers(0, max(1, n // 2), n)
    iso_start = pd.Series(date_start.astype(str))
    frame = pd.DataFrame(
        {
            "event_id": [f"syn{i:07d}" for i in range(n)],
            "event_date": iso_start,
            "date_start": iso_start,
            "date_end": pd.Series(date_end.astype(str)),
            "time_precision": precisions,
            "date_text": np.where(precisions == "day", "on " + iso_start, "in " + iso_start.str[:7]),
            "date_rule": "explicit",
            "event_type": types,
            "modality": modality,
            "actor1": actor1,
            "actor2": actor2,
            "other_actors": np.where(rng.random(n) < 0.1, rng.choice(ACTORS, n), ""),
            "location": [PLACES[i][0] for i in place],
            "country": [PLACES[i][1] for i in place],
            "latitude": [PLACES[i][2] for i in place],
            "longitude": [PLACES[i][3] for i in place],
            "confidence": rng.uniform(0.3, 1.0, n).round(2),
            "source": [f"synthetic/article-{c % 5000:04d}.txt" for c in cluster],
            "source_title": [f"Report {c % 5000}" for c in cluster],
            "pub_date": iso_start,
            "cluster_id": [f"c{c:07d}" for c in cluster],
        }
    )
    frame["source_sentence"] = (
        frame["actor1"] + " " + frame["event_type"] + " event with " + frame["actor2"] + " " + frame["date_text"] + "."
    )
    frame["char_end"] = frame["source_sentence"].str.len()
    return normalise_frame(frame)
