"""Filters as command-line options (the `query` command), one option per filter of filters.yaml."""

from __future__ import annotations

import argparse

from timeline.query.filters import FilterSpec, filters


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """One option per filter."""
    for f in filters().values():
        f.kind.add_option(f, parser)


def spec_from_args(args: argparse.Namespace) -> FilterSpec:
    """The filter spec the command line asks for."""
    return FilterSpec(**{f.name: f.kind.from_args(f, args) for f in filters().values()})
