"""Every bundled sample article ingests cleanly and has a publication date."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.ingest import read_paths
from timeline.ingest.formats import format_of
from timeline.models import Article

SAMPLE_DATA = Path(__file__).resolve().parent.parent / "sample_data"
ARTICLE_FILES = sorted(p for p in SAMPLE_DATA.iterdir() if format_of(p) is not None)


def test_sample_data_has_many_articles_in_every_format() -> None:
    articles = list(read_paths(ARTICLE_FILES))
    assert len(articles) >= 16
    assert {p.suffix for p in ARTICLE_FILES} >= {".txt", ".md", ".html", ".json", ".jsonl", ".csv"}


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.name)
def test_sample_file_ingests_with_a_publication_date(path: Path) -> None:
    items = list(read_paths([path]))
    assert items
    for item in items:
        assert isinstance(item, Article), item
        assert item.published is not None, f"{item.source}: no publication date"
        assert item.pub_date_source != "override"
        assert item.title and len(item.text) > 200
