"""Speed of the temporal resolver on one core: TempEval-3 documents per second, and megabytes per
second on news-like text and on adversarial strings of digits and separators.

    python benchmarks/bench_temporal.py [--te3 DIR] [--repeat N]

The TempEval-3 part reads the .tml files itself (the text of <TEXT> with tags removed, and the
date of the document creation time) the way ../shared/te3/score.py does, and is skipped with a
message when that folder is absent. The news-like megabyte is assembled from the sentences of
the project's gold table (tests/data/temporal_gold.psv) and the bundled sample articles. Prints
figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from temporal_support import adversarial_texts, dense_dates_text  # noqa: E402

from timeline.models import Timex  # noqa: E402

Resolver = Callable[[str, dt.date | None], list[Timex]]

DEFAULT_TE3 = ROOT.parent / "shared" / "te3" / "tbaq"
GOLD_TABLE = ROOT / "tests" / "data" / "temporal_gold.psv"
SAMPLE_DIR = ROOT / "sample_data"
REFERENCE = dt.date(2020, 2, 5)
MEGABYTE = 1_000_000
_DCT_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


def pin_to_one_core() -> str:
    """Restrict the process to a single CPU where the platform allows it."""
    if hasattr(os, "sched_setaffinity") and hasattr(os, "sched_getaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read_tml(path: Path) -> tuple[str, dt.date] | None:
    """Text of <TEXT> (tags removed) and the DCT date of a TimeML file, or None if unusable."""
    try:
        tree = ET.parse(path)  # noqa: S314 - local evaluation files only
    except ET.ParseError:
        return None
    text_elem = next((e for e in tree.iter() if _local(e.tag) == "TEXT"), None)
    dct_elem = next((e for e in tree.iter() if _local(e.tag) == "DCT"), None)
    if text_elem is None or dct_elem is None:
        return None
    dct_value = next((e.get("value", "") for e in dct_elem.iter() if _local(e.tag) == "TIMEX3"), "")
    if not (m := _DCT_DATE.match(dct_value)):
        return None
    try:
        dct = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return "".join(text_elem.itertext()), dct


def timed(call: Callable[[], object], repeat: int) -> float:
    """Best wall time of `repeat` runs of `call`, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - began)
    return best


def bench_te3(find_timexes: Resolver, folder: Path, repeat: int) -> None:
    if not folder.is_dir():
        print(f"TempEval-3: skipped, {folder} not found (evaluation material absent)")
        return
    docs = [doc for path in sorted(folder.rglob("*.tml")) if not path.name.startswith("._") if (doc := read_tml(path))]
    if not docs:
        print(f"TempEval-3: skipped, no usable .tml files under {folder}")
        return
    chars = sum(len(text) for text, _ in docs)
    count = [0]

    def run() -> None:
        count[0] = sum(len(find_timexes(text, dct)) for text, dct in docs)

    seconds = timed(run, repeat)
    print(
        f"TempEval-3: {len(docs)} docs, {chars / MEGABYTE:.2f} MB, {count[0]} timexes in {seconds:.3f} s"
        f" -> {len(docs) / seconds:.0f} docs/s, {chars / MEGABYTE / seconds:.2f} MB/s"
    )


def newslike_megabyte() -> str:
    """About 1 MB of news-like paragraphs from the gold sentences and the sample articles."""
    sentences = []
    if GOLD_TABLE.is_file():
        for line in GOLD_TABLE.read_text(encoding="utf-8").splitlines():
            cells = [cell.strip() for cell in line.split("|")]
            if not line.lstrip().startswith("#") and len(cells) > 2:
                sentences.append(cells[2])
    for path in sorted(SAMPLE_DIR.glob("*")) if SAMPLE_DIR.is_dir() else []:
        if path.suffix in (".txt", ".md"):
            sentences.extend(p for p in path.read_text(encoding="utf-8", errors="replace").split("\n") if p.strip())
    if not sentences:
        sentences = ["The envoy arrived on Monday, two days after the strike of 3 January 2020."]
    rng = random.Random(0)
    paragraphs, size = [], 0
    while size < MEGABYTE:
        paragraph = " ".join(rng.choice(sentences) for _ in range(5))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:MEGABYTE]


def bench_text(find_timexes: Resolver, label: str, text: str, repeat: int) -> None:
    found = [0]

    def run() -> None:
        found[0] = len(find_timexes(text, REFERENCE))

    seconds = timed(run, repeat)
    size = len(text.encode("utf-8")) / MEGABYTE
    print(f"{label:<28} {size:5.2f} MB {seconds:7.3f} s {size / seconds:8.2f} MB/s {found[0]:8d} timexes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--te3", type=Path, default=DEFAULT_TE3, help="folder of TempEval-3 .tml files")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best is shown)")
    args = parser.parse_args(argv)
    print(f"temporal resolver benchmark, {pin_to_one_core()}, best of {args.repeat}")
    began = time.perf_counter()
    from timeline.temporal import find_timexes

    find_timexes("It happened on Monday.", REFERENCE)
    print(f"start-up (import, resources, grammar, first call): {time.perf_counter() - began:.3f} s")
    bench_te3(find_timexes, args.te3, args.repeat)
    bench_text(find_timexes, "news-like text", newslike_megabyte(), args.repeat)
    bench_text(find_timexes, "dense dates", dense_dates_text(), args.repeat)
    for name, text in sorted(adversarial_texts().items()):
        bench_text(find_timexes, f"adversarial {name}", text, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
