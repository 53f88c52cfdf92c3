"""Command line: `python -m timeline COMMAND ...`; `main(argv)` returns the exit status."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn, Protocol

from timeline import __version__
from timeline.pipeline import check_resources
from timeline.resources import ResourceError

COMMANDS: dict[str, str] = {
    "extract": "timeline.commands.extract",
    "ingest": "timeline.commands.ingest",
    "query": "timeline.commands.query",
}
"""Sub-command name -> module providing `HELP`, `add_arguments(parser)` and `run(args) -> int`."""

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A command line that cannot be run; reported in one line with exit status 2."""


class _Command(Protocol):
    HELP: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and an exception, not an exit."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """The full parser with every sub-command."""
    parser = _Parser(prog="python -m timeline", description="Turn news articles into a timeline of dated events.")
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, module_name in COMMANDS.items():
        command: _Command = importlib.import_module(module_name)
        sp = sub.add_parser(name, help=command.HELP, description=command.HELP)
        command.add_arguments(sp)
        sp.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status (0 ok, 1 some inputs failed, 2 usage or a broken data
    file)."""
    try:
        check_resources()
    except ResourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
        if not getattr(args, "command", None):
            parser.print_help()
            return EXIT_USAGE
        status = int(args.run(args))
        sys.stdout.flush()  # here, not at exit, so a failed write is reported like any other
        return status
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_OK
    except OSError as exc:  # standard output on a full disk or a device that refuses writes
        _discard_stdout()
        print(f"error: {exc.filename or 'standard output'}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_SOME_FAILED


def _discard_stdout() -> None:
    """Point standard output at /dev/null so the interpreter's final flush cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
