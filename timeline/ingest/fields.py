"""Where ingestion looks for an article's parts: resources/ingest_fields.yaml, loaded once."""

from __future__ import annotations

import functools
from typing import Any

from timeline import resources


@functools.cache
def field_names() -> dict[str, Any]:
    """ingest_fields.yaml: record field synonyms, HTML meta names and dateline patterns."""
    data: dict[str, Any] = resources.load("ingest_fields.yaml")
    return data
