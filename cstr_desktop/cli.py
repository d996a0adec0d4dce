"""The ``cstr-desktop`` command line (contract.md section 3).

The core cannot import the desktop app or the report renderer, so the
program's entry point (``ui/entry.py``) passes them in as :class:`Commands`.
Exit codes: 0 ok; 1 a check failed; 2 bad input (one line on stderr, never a
traceback; a full disk, a read-only folder and a damaged store each in its own
words); 3 not allowed; 4 busy (the store is open in the app or another command, or
another program is writing to it): nothing was changed, try again.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from .cli_parser import UsageError, build_parser
from .local_text import tr

if TYPE_CHECKING:
    from .interview import InterviewState

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_NOT_ALLOWED = 3
EXIT_BUSY = 4


@dataclass
class Commands:
    """What the entry point supplies: things the core may not import itself."""

    run_app: Callable[[argparse.Namespace], int] | None = None
    # The report renderer lives in reports/, which the core may not import.
    report: Callable[[argparse.Namespace, TextIO, dict[str, str]], int] | None = None
    # Renders a kept report snapshot to PDF bytes (the record sent to central carries them).
    render_pdf: Callable[[dict], bytes] | None = None
    # Keeps an approved assessment's final reports, as the app does at countersigning
    # (the demo's approved case): reports.record.freeze_final_reports.
    countersigned: Callable[..., object] | None = None


def _assess(args: argparse.Namespace, out: TextIO) -> int:
    from .answers import read_answers_with_form
    from .form_loader import load_bundle
    from .interview import InterviewState

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
    from .local_text import count_text

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


def _with_form_errors(run: Callable[[], int], err: TextIO) -> int:
    """Run a command, reporting faults in the answers or the form files in one line."""
    from .form_errors import AnswerError, FormError

    try:
        return run()
    except AnswerError as exc:
        err.write(f"cstr-desktop: error: {exc}\n")
        return EXIT_BAD_INPUT
    except FormError as exc:
        first = str(exc).splitlines()[0]
        err.write(f"cstr-desktop: error: the form files are faulty: {first}\n")
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK


def _run_command(args: argparse.Namespace, commands: Commands, out: TextIO,
                 err: TextIO) -> int:
    """Run a subcommand; the forms, and for the store commands the store, load only now."""
    if args.command == "assess":
        # assess needs the forms only: the store and its libraries stay unloaded.
        return _with_form_errors(lambda: _assess(args, out), err)
    if args.command == "report" and args.file and not args.case and commands.report:
        # So does a report from a file (no store needed, contract section 3).
        return _with_form_errors(lambda: _run_file_report(args, commands, out, err), err)
    return _with_form_errors(lambda: _run_store_command(args, commands, out, err), err)


def _run_file_report(args: argparse.Namespace, commands: Commands, out: TextIO,
                     err: TextIO) -> int:
    """``report FILE``: as a store command reports its errors, without loading the store."""
    import os

    from .hygiene import disable_core_dumps

    disable_core_dumps()  # the people's data are in this process's memory
    try:
        return commands.report(args, out, dict(os.environ))
    except UsageError as exc:
        err.write(f"cstr-desktop: error: {exc}\n")
        return EXIT_BAD_INPUT
    except OSError as exc:
        from .paths import default_data_dir
        from .store_errors import StoreBusy, fault

        folder = getattr(args, "data_dir", None) or default_data_dir()
        found = fault(exc, folder)
        err.write(f"cstr-desktop: {'busy' if isinstance(found, StoreBusy) else 'error'}: "
                  f"{found}\n")
        return EXIT_BUSY if isinstance(found, StoreBusy) else EXIT_BAD_INPUT


def _run_store_command(args: argparse.Namespace, commands: Commands, out: TextIO,
                       err: TextIO) -> int:
    import sqlcipher3

    from . import cli_store
    from .court_list import CourtListError
    from .hygiene import disable_core_dumps
    from .key_slots import SignInError
    from .lifecycle import LifecycleError, RoleError
    from .store import NotAllowed, StoreError
    from .store_errors import RecordAltered, StoreBusy, fault

    disable_core_dumps()  # the keys and the people's data are in this process's memory
    try:
        if args.handler == "report":
            if commands.report is None:
                raise UsageError("the report renderer is not available in this installation")
            handler = commands.report
        elif args.handler.startswith("sync:"):
            from .sync import commands as sync_commands
            from .sync.record import Renderer

            run = getattr(sync_commands, args.handler.removeprefix("sync:"))
            renderer = Renderer(commands.render_pdf)

            def handler(a, o, e):
                return run(a, o, e, renderer=renderer, err=err)
        elif ":" in args.handler:  # a command of a sub-package: ".outcomes.cli_outcomes:cmd"
            import importlib

            module, name = args.handler.split(":")
            handler = getattr(importlib.import_module(module, __package__), name)
        else:
            handler = getattr(cli_store, args.handler)
        if args.handler == "cmd_demo":
            return cli_store.cmd_demo(args, out, cli_store.environment(),
                                      countersigned=commands.countersigned)
        return handler(args, out, cli_store.environment())
    except BrokenPipeError:
        raise
    except (cli_store.CheckFailed, RecordAltered) as exc:
        err.write(f"cstr-desktop: {exc}\n")
        return EXIT_CHECK_FAILED
    except (SignInError, NotAllowed, RoleError) as exc:
        err.write(f"cstr-desktop: not allowed: {exc}\n")
        return EXIT_NOT_ALLOWED
    except StoreBusy as exc:
        # Open in the app or another command, or another program holding the write lock.
        err.write(f"cstr-desktop: busy: {exc}\n")
        return EXIT_BUSY
    except (sqlcipher3.Error, OSError) as exc:
        # Busy, disk full, read-only or damaged: each in its own words.
        found = fault(exc, cli_store.data_dir(args))
        if isinstance(found, StoreBusy):
            err.write(f"cstr-desktop: busy: {found}\n")
            return EXIT_BUSY
        err.write(f"cstr-desktop: error: {found}\n")
        return EXIT_BAD_INPUT
    except CourtListError as exc:
        err.write(f"cstr-desktop: error: {' | '.join(exc.problems)} (nothing was imported)\n")
        return EXIT_BAD_INPUT
    except (UsageError, StoreError, LifecycleError) as exc:
        err.write(f"cstr-desktop: error: {exc}\n")
        return EXIT_BAD_INPUT


def entry() -> int:
    """``python -m cstr_desktop``: the command line without the desktop app."""
    return main()


__all__ = ["Commands", "UsageError", "build_parser", "main", "render_summary"]
