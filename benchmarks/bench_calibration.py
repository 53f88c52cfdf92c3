"""Calibration of event confidence: precision of asserted events by confidence bucket on the
development set (../shared/events_eval/dev), judged by that set's own scorer rules.

    python benchmarks/bench_calibration.py [--set DIR] [--buckets N]

Every article is read through the normal ingest path (with the gold publication date when the
gold gives one), its events are extracted, and each asserted claim is labelled the way
events_eval/score.py labels it: matched to a gold event (right), neutral (fits only an undated
gold event; left out), or wrong (a false positive or a duplicate). A confidence that means
something shows precision rising from the lowest bucket to the highest. Prints figures only;
exits with a message when the development set is absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.events import extract_events  # noqa: E402
from timeline.ingest.files import read_paths  # noqa: E402
from timeline.models import Article  # noqa: E402

DEFAULT_SET = ROOT.parent / "shared" / "events_eval" / "dev"


def load_scorer(set_dir: Path) -> ModuleType:
    """The development set's scorer module (standard library only)."""
    spec = importlib.util.spec_from_file_location("events_eval_score", set_dir.parent / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer beside {set_dir}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def labelled_claims(set_dir: Path, score: ModuleType) -> list[tuple[float, bool]]:
    """(confidence, right) for every asserted, non-neutral claim of the set."""
    out: list[tuple[float, bool]] = []
    for gold_path in sorted((set_dir / "gold").glob("*.json")):
        gold = score.load_gold(gold_path)
        published = dt.date.fromisoformat(gold["published"]) if gold.get("published") else None
        events = []
        for item in read_paths([set_dir / "articles" / gold["article"]], published=published):
            if isinstance(item, Article):
                events += extract_events(item)
        rows = [{k: "" if v is None else str(v) for k, v in e.as_row().items()} for e in events]
        claims = [r for r in rows if score.asserted(r) and score.row_family(r)]
        adj = [[i for i, ev in enumerate(gold["events"])
                if score.matches(r, score.row_text(r), score.row_family(r), ev)] for r in claims]
        neutral = {c for c, es in enumerate(adj) if es and all(gold["events"][e]["_periods"] is None for e in es)}
        adj = [[] if c in neutral else es for c, es in enumerate(adj)]
        core = {i for i, ev in enumerate(gold["events"]) if ev.get("core")}
        assigned = score.assign(adj, core)
        for c, row in enumerate(claims):
            if c not in neutral:
                out.append((float(row["confidence"]), c in assigned))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="folder with articles/ and gold/")
    parser.add_argument("--buckets", type=int, default=4)
    args = parser.parse_args(argv)
    if not (args.set / "gold").is_dir():
        print(f"development set not found at {args.set}; nothing to measure")
        return 0
    claims = sorted(labelled_claims(args.set, load_scorer(args.set)))
    if not claims:
        print("no claims")
        return 0
    size = -(-len(claims) // args.buckets)
    print(f"{len(claims)} asserted claims, {sum(r for _, r in claims)} right")
    print("confidence range      claims  right  precision")
    for start in range(0, len(claims), size):
        bucket = claims[start : start + size]
        right = sum(r for _, r in bucket)
        print(f"{bucket[0][0]:.2f} - {bucket[-1][0]:.2f}       {len(bucket):6d} {right:6d}  {right / len(bucket):9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
