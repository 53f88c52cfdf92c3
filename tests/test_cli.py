"""The command line's contract: help, usage errors in one line with exit 2, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from timeline.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_module_help_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    assert "extract" in done.stdout


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["extract"],
        ["extract", "x.txt", "--published", "05/02/2020"],
        ["extract", "x.txt", "--format", "xml"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2_with_one_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    if argv:
        assert err.startswith("error: ")
        assert len(err.splitlines()) == 1
        assert "Traceback" not in err


def test_missing_input_is_reported_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "events.csv"
    missing = tmp_path / "missing.txt"
    assert main(["extract", str(missing), "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"error: {missing}" in err
    assert out.read_text(encoding="utf-8").startswith("event_id,event_date,")
