"""Sub-commands of `python -m timeline`, one module each with `add_arguments` and `run`."""
