"""Dashboard speed at real size: load, filter and figure-building times on synthetic events, and whole page runs.

    python benchmarks/bench_dashboard.py [--events 100000]

Prints one line per measurement (best of a few repetitions, in milliseconds). The page runs go through
streamlit.testing.v1.AppTest: the server-side time of a first render (cold caches) and of a filter change.
Goals: first render under 3 s, filter change under 0.5 s with 100,000 events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.app import charts  # noqa: E402
from timeline.query import (  # noqa: E402
    FilterSpec,
    apply_filters,
    facet_counts,
)
from timeline.synthetic import synthetic_events  # noqa: E402
from timeline.table import csv_bytes, read_events_csv  # noqa: E402

SPECS = {
    "no filter": FilterSpec(),
    "one actor": FilterSpec(actors=("Iran",)),
    "two types + dates": FilterSpec(event_types=("strike", "attack"), date_from=dt.date(2020, 1, 1),
                                    date_to=dt.date(2021, 6, 30)),
    "free text": FilterSpec(text="hezbollah"),
    "everything": FilterSpec(actors=("Iran", "Israel"), event_types=("strike",), date_from=dt.date(2019, 6, 1),
                             text="strike", min_confidence=0.5, modalities=("asserted", "planned")),
}


def best_ms(work: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return 1000 * min(times)


def report(name: str, ms: float, note: str = "") -> None:
    print(f"{name:<44} {ms:9.1f} ms  {note}")


def page_runs(csv_path: Path) -> None:
    from streamlit.testing.v1 import AppTest

    sys.argv = [str(ROOT / "dashboard.py"), "--events", str(csv_path)]
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    start = time.perf_counter()
    at.run()
    report("page: first render (cold caches)", 1000 * (time.perf_counter() - start), "goal < 3000")
    if at.exception:
        raise SystemExit(f"the page failed: {at.exception[0].value}")
    changes: list[tuple[str, Callable[[], object]]] = [
        ("page: pick an actor", lambda: at.multiselect(key="f_actors").set_value(["Iran"])),
        ("page: add an event type", lambda: at.multiselect(key="f_event_types").set_value(["strike"])),
        ("page: type a search", lambda: at.text_input(key="f_text").set_value("base")),
        ("page: raise minimum confidence", lambda: at.slider(key="f_min_confidence").set_value(0.6)),
        ("page: reset (back to all events)", lambda: at.button[0].click()),
        ("page: switch lanes to event type", lambda: at.get("button_group")[0].set_value("event_type")),
        ("page: show all modalities", lambda: at.toggle(key="f_modalities").set_value(True)),
    ]
    for name, change in changes:
        change()
        start = time.perf_counter()
        at.run()
        report(name, 1000 * (time.perf_counter() - start), "goal < 500")
    start = time.perf_counter()
    at.run()
    report("page: rerun with nothing changed", 1000 * (time.perf_counter() - start))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="number of synthetic events")
    args = parser.parse_args()
    print(f"{args.events:,} synthetic events")
    events = synthetic_events(args.events)
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "events.csv"
        csv_path.write_bytes(csv_bytes(events))
        report("load: read the event CSV", best_ms(lambda: read_events_csv(csv_path), repeat=1),
               f"{csv_path.stat().st_size / 2**20:.0f} MB")
        report("load: facet counts (actors, types, sources)", best_ms(lambda: facet_counts(events)))
        for name, spec in SPECS.items():
            rows = len(apply_filters(events, spec))
            report(f"filter: {name}", best_ms(lambda spec=spec: apply_filters(events, spec)), f"{rows:,} rows")
        for lane in ("actor", "event_type"):
            figure = charts.timeline_figure(events, lane)  # type: ignore[arg-type]
            points = sum(len(trace.x) for trace in figure.data)
            ms = best_ms(lambda lane=lane: charts.timeline_figure(events, lane))
            size = f"{points:,} marks, {len(figure.to_json()) / 2**10:.0f} kB"
            report(f"figure: timeline, lanes by {lane}", ms, size)
        one_actor = apply_filters(events, SPECS["one actor"])
        report("figure: timeline, one actor", best_ms(lambda: charts.timeline_figure(one_actor)),
               f"{len(one_actor):,} events")
        report("figure: counts over time", best_ms(lambda: charts.counts_figure(events)))
        report("figure: map points", best_ms(lambda: charts.map_points(events)))
        report("download: CSV of every event", best_ms(lambda: csv_bytes(events), repeat=1))
        page_runs(csv_path)


if __name__ == "__main__":
    main()
