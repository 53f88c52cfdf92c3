"""The Streamlit dashboard: where events come from and their caches (sources), the filter widgets (sidebar),
the page (views), Plotly figures (charts) and the evidence of an event (evidence)."""

from __future__ import annotations

from pathlib import Path

from timeline.app.views import page


def main(sample_dir: Path) -> None:
    """Run the page; `--data`, `--events` or `--store` after `--` choose the events, the sample articles otherwise."""
    page(sample_dir)
