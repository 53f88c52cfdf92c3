"""`extract`: read article files, extract dated events, write one table."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from timeline.commands.argtypes import parse_date
from timeline.export import WRITERS
from timeline.fileio import atomic_text_writer
from timeline.models import IngestFailure
from timeline.pipeline import extract_paths
from timeline.settings import DEFAULTS

HELP = "extract dated events from article files or directories and write them as one table"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or directories (recursed)")
    parser.add_argument("--published", type=parse_date, help="publication date of every input (YYYY-MM-DD)")
    parser.add_argument("--output", "-o", type=Path, help="output file (default: standard output)")
    parser.add_argument("--format", choices=sorted(WRITERS), default="csv", help="output format (default csv)")
    parser.add_argument(
        "--max-bytes", type=int, default=DEFAULTS.max_file_bytes, help="largest input file accepted, in bytes"
    )


def run(args: argparse.Namespace) -> int:
    failures: list[IngestFailure] = []

    def report(failure: IngestFailure) -> None:
        failures.append(failure)
        print(failure.message(), file=sys.stderr)

    settings = dataclasses.replace(DEFAULTS, max_file_bytes=args.max_bytes)
    events = extract_paths(args.paths, published=args.published, settings=settings, on_failure=report)
    rows = (e.as_row() for e in events)
    writer = WRITERS[args.format]
    if args.output is None:
        writer(rows, sys.stdout)
    else:
        try:
            with atomic_text_writer(args.output) as out:
                writer(rows, out)
        except OSError as exc:
            print(f"error: {args.output}: cannot write output: {exc.strerror or exc}", file=sys.stderr)
            return 1
    return 1 if failures else 0
