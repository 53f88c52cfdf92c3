"""`ingest`: extract the events of article files into an event store, incrementally, here or on a Dask cluster."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import sys
from pathlib import Path

from tqdm import tqdm

from timeline.commands.argtypes import parse_date, whole_number
from timeline.models import IngestFailure
from timeline.settings import DEFAULTS

HELP = "extract events from article files into a Parquet event store (skips articles already stored)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or directories (recursed)")
    parser.add_argument("--store", type=Path, required=True, metavar="DIR", help="the event store (created if missing)")
    parser.add_argument("--published", type=parse_date, help="publication date of every input (YYYY-MM-DD)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--workers", type=whole_number(1), metavar="N", help="extract on a local Dask cluster of N worker processes"
    )
    where.add_argument(
        "--scheduler", metavar="ADDRESS", help="extract on the Dask cluster at ADDRESS (tcp://host:port)"
    )
    parser.add_argument(
        "--batch-size",
        type=whole_number(1),
        default=DEFAULTS.commit_articles,
        metavar="N",
        help=f"articles per committed batch (default {DEFAULTS.commit_articles})",
    )
    parser.add_argument(
        "--max-bytes", type=int, default=DEFAULTS.max_file_bytes, help="largest input file accepted, in bytes"
    )
    progress = parser.add_mutually_exclusive_group()
    progress.add_argument("--progress", action="store_true", default=None, help="always show the progress bar")
    progress.add_argument(
        "--no-progress", dest="progress", action="store_false", help="never show it (default: on a terminal)"
    )


def run(args: argparse.Namespace) -> int:
    # The store (DuckDB, PyArrow: about 0.25 s to import) is loaded only by the commands that use it.
    from timeline.store.ingest import ExtractOptions, ingest_files, input_files
    from timeline.store.runners import DaskRunner, SerialRunner, TaskRunner, dask_client
    from timeline.store.writer import StoreLockedError

    failed = False

    def report(failure: IngestFailure) -> None:
        nonlocal failed
        failed = True
        tqdm.write(failure.message(), file=sys.stderr)

    files = input_files(args.paths, report)
    settings = dataclasses.replace(DEFAULTS, max_file_bytes=args.max_bytes, commit_articles=args.batch_size)
    options = ExtractOptions(published=args.published, settings=settings)
    with contextlib.ExitStack() as stack:
        runner: TaskRunner = SerialRunner()
        if args.workers is not None or args.scheduler is not None:
            try:
                runner = DaskRunner(stack.enter_context(dask_client(args.workers, args.scheduler)))
            except (OSError, ValueError) as exc:
                print(f"error: {args.scheduler or 'local cluster'}: cannot start Dask: {exc}", file=sys.stderr)
                return 1
        try:
            summary = ingest_files(
                args.store,
                files,
                runner=runner,
                options=options,
                on_failure=report,
                progress=args.progress,
            )
        except StoreLockedError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        except OSError as exc:
            print(f"error: {args.store}: cannot write the store: {exc.strerror or exc}", file=sys.stderr)
            return 1
    print(summary.message(), file=sys.stderr)
    return 1 if failed else 0
