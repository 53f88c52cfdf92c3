"""Entry point for `python -m timeline`."""

import sys

from timeline.cli import main

sys.exit(main(sys.argv[1:]))
