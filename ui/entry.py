"""The program's entry point: the command line, with the desktop app plugged in.

Qt is imported only when the desktop app starts, so ``cstr-desktop assess``
and the other commands start quickly and run on machines without a display.
"""

from __future__ import annotations

import argparse
import sys

from cli.main import Commands, keep_final_reports  # noqa: F401  (scripts use it)
from cli.main import main as cli_main


def run_app(args: argparse.Namespace) -> int:
    from ui.app import run

    return run(args)


def commands() -> Commands:
    """What the command line is given: the desktop app (the report renderer and the final
    reports at countersigning it imports itself)."""
    return Commands(run_app=run_app)


def main() -> int:
    return cli_main(commands=commands())


if __name__ == "__main__":
    sys.exit(main())
