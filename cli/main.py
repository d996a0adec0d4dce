"""The ``cstr-desktop`` command line (contract.md section 3): the outer layer over the
core and the reports.

The command line cannot import the desktop app (it sits above it), so the
program's entry point (``ui/entry.py``) passes it in as :class:`Commands`; the
report renderer is imported only when a report is asked for. Exit codes (each
error carries its own, :mod:`cstr_desktop.errors`): 0 ok; 1 a check failed; 2 bad
input (one line on stderr, never a traceback; a full disk, a read-only folder and a
damaged store each in its own words); 3 not allowed; 4 busy (the store is open in
the app or another command, or another program is writing to it): nothing was
changed, try again.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from cli.parser import build_parser
from cstr_desktop.errors import UsageError
from cstr_desktop.local_text import tr

if TYPE_CHECKING:
    from cstr_desktop.forms.interview import InterviewState

from cstr_desktop.errors import (  # noqa: F401  (the exit codes, named here too)
    EXIT_BAD_INPUT,
    EXIT_BUSY,
    EXIT_CHECK_FAILED,
    EXIT_NOT_ALLOWED,
    EXIT_OK,
)


@dataclass
class Commands:
    """What the entry point supplies: the desktop app, which the command line may not
    import itself (and, for tests, another report renderer)."""

    run_app: Callable[[argparse.Namespace], int] | None = None
    report: Callable[[argparse.Namespace, TextIO, dict[str, str]], int] | None = None
    # Renders a kept report snapshot to PDF bytes (the record sent to central carries them).
    render_pdf: Callable[[dict], bytes] | None = None
    # Keeps an approved assessment's final reports, as the app does at countersigning
    # (the demo's approved case); by default reports.record.freeze_final_reports.
    countersigned: Callable[..., object] | None = None


def _assess(args: argparse.Namespace, out: TextIO) -> int:
    from cstr_desktop.forms.answers import read_answers_with_form
    from cstr_desktop.forms.interview import InterviewState
    from cstr_desktop.forms.loader import load_bundle

    bundle, answers = read_answers_with_form(args.file, load_bundle)
    state = InterviewState(bundle, answers)
    if args.json:
        json.dump(state.result(), out, ensure_ascii=False, indent=1)
        out.write("\n")
        return EXIT_OK
    out.write(render_summary(state))
    return EXIT_OK


def render_summary(state: InterviewState, lang: str = "en") -> str:
    """A plain-text summary of the result, for people at a terminal: the requirements
    being considered (the others named in one line), the warnings still open."""
    from cstr_desktop.local_text import count_text

    def answer(role: str, default: str) -> str:
        name = state.bundle.role(role)
        value = state.answers.get(name) if name else None
        return str(value) if value is not None else default

    lines = []
    name = f"{answer('given_names', '')} {answer('family_name', '')}".strip() or "(no name)"
    age = state.age if state.age is not None else "unknown"
    lines.append(f"{name}, case {answer('case_number', '(no case number)')}, age {age}")
    lines.append("")
    lines.append("Measures")
    for ident, s in state.scores.items():
        inst = state.bundle.instruments[ident]
        if s.complete:
            band = tr(s.band.label, lang) if s.band else ""
            lines.append(f"  {inst.short_title:<9} {s.total:>3}  {band}")
        elif len(s.missing) < len(inst.scoring.items):
            unanswered = count_text(len(s.missing), {"en": "item"}, {"en": "items"}, lang)
            lines.append(f"  {inst.short_title:<9}   -  incomplete ({unanswered} unanswered)")
    lines.append("  (screening scores, not diagnoses)")
    for alert in state.alerts:
        lines.append(f"  ALERT: {tr(alert.message, lang)}")
    lines.append("")
    lines.append("Statutory criteria")
    requirements = state.bundle.criteria.requirements
    if state.declined:
        lines.append("  The person declined the assessment: no assessment took place, and no "
                     "opinion is given on any requirement.")
    for req in requirements:
        if state.declined or req.id not in state.considered:
            continue
        result = state.requirements[req.id]
        lines.append(f"  {tr(req.title, lang)}: {result.status.replace('_', ' ')}")
        for c in result.criteria:
            mark = {True: "met", False: "NOT MET", None: "open"}[c.met]
            lines.append(f"    [{mark:^7}] {c.reason(lang)}")
    others = [r.id.upper() for r in requirements if r.id not in state.considered]
    if others and not state.declined:
        lines.append(f"  Not considered: {', '.join(others)}")
    if state.warnings:
        lines.append("")
        lines.append("Open warnings (the assessment cannot be countersigned until resolved)")
        lines.extend(f"  {w.code}: {w.text(lang)}" for w in state.warnings)
    flags = [f for f in state.bundle.criteria.flags if state.flags.get(f.id)]
    if flags:
        lines.append("")
        lines.extend(f"  Note: {tr(f.label, lang)}" for f in flags)
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None, commands: Commands | None = None,
         out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    commands = commands or Commands()
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
    except UsageError as exc:
        err.write(f"cstr-desktop: error: {exc} (see cstr-desktop --help)\n")
        return EXIT_BAD_INPUT
    except SystemExit as exc:  # --help and --version print and exit 0
        return int(exc.code or 0)
    if args.command is None:
        if commands.run_app is None:
            err.write("cstr-desktop: error: the desktop app is not available in this "
                      "installation\n")
            return EXIT_BAD_INPUT
        return commands.run_app(args)
    return _run_command(args, commands, out, err)


def _run_command(args: argparse.Namespace, commands: Commands, out: TextIO,
                 err: TextIO) -> int:
    """Run a subcommand; the forms, and for the store commands the store, load only now.

    Every error the core raises carries its exit code and its one line
    (:mod:`cstr_desktop.errors`): this is the one place they are written.
    """
    from cstr_desktop.errors import CstrError

    try:
        if args.command == "assess":
            # assess needs the forms only: the store and its libraries stay unloaded.
            return _assess(args, out)
        if args.command == "report" and args.file and not args.case:
            # So does a report from a file (no store needed, contract section 3).
            return _run_file_report(args, commands, out)
        return _run_store_command(args, commands, out, err)
    except BrokenPipeError:
        return EXIT_OK
    except CstrError as exc:
        err.write(f"cstr-desktop: {exc.command_line()}\n")
        return exc.exit_code
    except OSError as exc:
        if args.command == "assess":
            raise
        # A full disk, a read-only folder or a damaged store, each in its own words.
        from cstr_desktop.paths import default_data_dir
        from cstr_desktop.store.faults import fault

        folder = getattr(args, "data_dir", None) or default_data_dir()
        found = fault(exc, folder)
        err.write(f"cstr-desktop: {found.command_line()}\n")
        return found.exit_code


def _run_file_report(args: argparse.Namespace, commands: Commands, out: TextIO) -> int:
    """``report FILE``: without loading the store or its libraries."""
    import os

    from cli.report_command import run_report
    from cstr_desktop.hygiene import disable_core_dumps

    disable_core_dumps()  # the people's data are in this process's memory
    return (commands.report or run_report)(args, out, dict(os.environ))


def _run_store_command(args: argparse.Namespace, commands: Commands, out: TextIO,
                       err: TextIO) -> int:
    from cli import store_commands
    from cstr_desktop.hygiene import disable_core_dumps

    disable_core_dumps()  # the keys and the people's data are in this process's memory
    if args.handler == "report":
        from cli.report_command import run_report

        handler = commands.report or run_report
    elif args.handler.startswith("sync:"):
        from cli import sync_commands
        from cstr_desktop.sync.record import Renderer

        run = getattr(sync_commands, args.handler.removeprefix("sync:"))
        renderer = Renderer(commands.render_pdf or render_pdf)

        def handler(a, o, e):
            return run(a, o, e, renderer=renderer, err=err)
    elif args.handler.startswith("outcome:"):
        from cli import outcome_commands

        handler = getattr(outcome_commands, args.handler.removeprefix("outcome:"))
    elif args.handler == "cmd_demo":
        def handler(a, o, e):
            return store_commands.cmd_demo(a, o, e, countersigned=commands.countersigned
                                           or keep_final_reports)
    else:
        handler = getattr(store_commands, args.handler)
    return handler(args, out, store_commands.environment())


def render_pdf(snapshot: dict) -> bytes:
    """A kept report snapshot as PDF bytes (the record sent to central carries them)."""
    from reports.court_report import render

    return render(snapshot)


def keep_final_reports(store, row: dict) -> None:
    """At countersigning, keep the final reports (their codes), as the app does."""
    from datetime import UTC, datetime

    from reports.record import freeze_final_reports

    freeze_final_reports(store, row, datetime.now(UTC).isoformat(timespec="seconds"))



def entry() -> int:
    """``python -m cstr_desktop``: the command line without the desktop app."""
    return main()


__all__ = ["Commands", "UsageError", "build_parser", "main", "render_summary"]
