"""`query`: the events of a store that match a filter, printed or written as CSV, JSON Lines or TimelineJS."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from timeline.commands.argtypes import whole_number
from timeline.export import WRITERS
from timeline.fileio import atomic_text_writer
from timeline.query.options import add_filter_options, spec_from_args

HELP = "print or write the events of a store that match a filter (the dashboard's filter semantics)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", type=Path, required=True, metavar="DIR", help="the event store to read")
    add_filter_options(parser)
    parser.add_argument("--limit", type=whole_number(0), metavar="N", help="at most N events (the earliest)")
    parser.add_argument("--format", choices=sorted(WRITERS), default="csv", help="output format (default csv)")
    parser.add_argument("--output", "-o", type=Path, help="output file (default: standard output)")


def run(args: argparse.Namespace) -> int:
    # The store (DuckDB, PyArrow: about 0.25 s to import) is loaded only by the commands that use it.
    import duckdb

    from timeline.store.reader import EventStore, StoreError

    try:
        store = EventStore(args.store)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    rows = store.iter_rows(spec_from_args(args), limit=args.limit)
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
