"""Event extraction: an Article and its date expressions -> typed, dated, attributed events."""

from timeline.events.cluster import cluster_events
from timeline.events.extract import extract_events, extract_with_timexes

__all__ = ["cluster_events", "extract_events", "extract_with_timexes"]
