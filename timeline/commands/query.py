"""`query`: the events of a store that match a filter, printed or written as CSV, JSON Lines or TimelineJS."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.commands.argtypes import fraction, parse_date, whole_number
from timeline.export import WRITERS
from timeline.models import EVENT_TYPES, MODALITIES

if TYPE_CHECKING:
    from timeline.query.filters import FilterSpec

HELP = "print or write the events of a store that match a filter (the dashboard's filter semantics)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", type=Path, required=True, metavar="DIR", help="the event store to read")
    parser.add_argument(
        "--actor", nargs="+", action="extend", default=[], metavar="NAME", help="events with this actor in any role"
    )
    parser.add_argument(
        "--type", nargs="+", action="extend", default=[], choices=EVENT_TYPES, metavar="T", help="event types"
    )
    parser.add_argument("--from", dest="date_from", type=parse_date, metavar="D", help="on or after (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", type=parse_date, metavar="D", help="on or before (YYYY-MM-DD)")
    parser.add_argument(
        "--source", nargs="+", action="extend", default=[], metavar="S", help="events from these sources"
    )
    parser.add_argument("--text", default="", metavar="Q", help="words in the sentence, actors, location or title")
    parser.add_argument("--min-confidence", type=fraction, default=0.0, metavar="X", help="lowest confidence, 0-1")
    modality = parser.add_mutually_exclusive_group()
    modality.add_argument(
        "--modality", nargs="+", action="extend", choices=MODALITIES, metavar="M", help="modalities (default asserted)"
    )
    modality.add_argument("--all-modalities", action="store_true", help="also negated, planned, hypothetical events")
    parser.add_argument("--limit", type=whole_number(0), metavar="N", help="at most N events (the earliest)")
    parser.add_argument("--format", choices=sorted(WRITERS), default="csv", help="output format (default csv)")
    parser.add_argument("--output", "-o", type=Path, help="output file (default: standard output)")


def filter_spec(args: argparse.Namespace) -> FilterSpec:
    """The filter spec the command line asks for (a reversed date range is read the right way round)."""
    from timeline.query.filters import DEFAULT_MODALITIES, FilterSpec

    date_from, date_to = args.date_from, args.date_to
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    modalities: tuple[str, ...] = () if args.all_modalities else tuple(args.modality or DEFAULT_MODALITIES)
    return FilterSpec(
        actors=tuple(args.actor),
        event_types=tuple(args.type),
        date_from=date_from,
        date_to=date_to,
        sources=tuple(args.source),
        text=args.text.strip(),
        min_confidence=args.min_confidence,
        modalities=modalities,
    )


def run(args: argparse.Namespace) -> int:
    import duckdb

    from timeline.fileio import atomic_text_writer
    from timeline.store.reader import EventStore, StoreError

    try:
        store = EventStore(args.store)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rows = store.iter_rows(filter_spec(args), limit=args.limit)
    writer = WRITERS[args.format]
    try:
        if args.output is None:
            writer(rows, sys.stdout)
        else:
            with atomic_text_writer(args.output) as out:
                writer(rows, out)
    except duckdb.Error as exc:
        print(f"error: {args.store}: cannot read the store: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {args.output}: cannot write output: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0
