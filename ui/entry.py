"""The program's entry point: the command line, with the desktop app plugged in.

Qt is imported only when the desktop app starts, so ``cstr-desktop assess``
and the other commands start quickly and run on machines without a display.
"""

from __future__ import annotations

import argparse
import sys

from cstr_desktop.cli import Commands
from cstr_desktop.cli import main as cli_main


def run_app(args: argparse.Namespace) -> int:
    from ui.app import run

    return run(args)


def run_report(args: argparse.Namespace, out, env: dict[str, str]) -> int:
    from reports.command import run_report as report

    return report(args, out, env)


def render_pdf(snapshot: dict) -> bytes:
    from reports.court_report import render

    return render(snapshot)


def keep_final_reports(store, row: dict) -> None:
    """At countersigning, keep the final reports (their codes), as the app does."""
    from datetime import UTC, datetime

    from reports.record import freeze_final_reports

    freeze_final_reports(store, row, datetime.now(UTC).isoformat(timespec="seconds"))


def commands() -> Commands:
    return Commands(run_app=run_app, report=run_report, render_pdf=render_pdf,
                    countersigned=keep_final_reports)


def main() -> int:
    return cli_main(commands=commands())


if __name__ == "__main__":
    sys.exit(main())
