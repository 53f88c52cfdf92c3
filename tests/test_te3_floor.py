"""Quality floor: the TempEval-3 scorer's figures must not drop below those in tests/te3_floor.json.

Runs ../shared/te3/score.py (the evaluation material beside the project checkout) on the TBAQ set
and compares strict span F1, value F1 and type F1 with the recorded floors, allowing the
recorded tolerance. Skips when the evaluation material is not there (a fresh machine).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "te3" / "score.py"
FLOOR_FILE = Path(__file__).resolve().parent / "te3_floor.json"
METRICS = ("strict_f1", "value_f1", "type_f1")
TIMEOUT_S = 600


def _floors() -> dict[str, float]:
    data = json.loads(FLOOR_FILE.read_text(encoding="utf-8"))
    return {key: float(data[key]) for key in (*METRICS, "tolerance")}


def test_floor_file_is_complete() -> None:
    floors = _floors()
    assert all(0.0 <= floors[m] <= 100.0 for m in METRICS)
    assert 0.0 <= floors["tolerance"] <= 2.0


@pytest.fixture(scope="module")
def te3_scores() -> dict[str, float]:
    if not SCORER.is_file():
        pytest.skip(f"TempEval-3 scorer not found at {SCORER} (evaluation material absent)")
    done = subprocess.run(
        [sys.executable, str(SCORER), "--json"], cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT_S
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    assert lines, f"the scorer printed nothing; stderr: {done.stderr[-2000:]}"
    scores: dict[str, float] = json.loads(lines[-1])
    return scores


@pytest.mark.slow
@pytest.mark.parametrize("metric", METRICS)
def test_te3_figure_stays_above_floor(te3_scores: dict[str, float], metric: str) -> None:
    floors = _floors()
    assert te3_scores[metric] >= floors[metric] - floors["tolerance"], (
        f"{metric} {te3_scores[metric]:.2f} fell below the floor {floors[metric]:.1f}"
        f" (tolerance {floors['tolerance']}); update tests/te3_floor.json only when a drop is intended"
    )


@pytest.mark.slow
def test_te3_run_has_no_errors(te3_scores: dict[str, float]) -> None:
    assert te3_scores["errors"] == 0, "the resolver raised on some TempEval-3 documents"
    assert te3_scores["invalid"] == 0, "the resolver returned offsets outside the text"
