"""Ingestion: files, directories and uploads -> Articles (clean text, title, publication date, source)."""

from timeline.ingest.files import read_paths, read_upload

__all__ = ["read_paths", "read_upload"]
