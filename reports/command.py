"""``cstr-desktop report``: render the court report (or summary card) to a PDF file.

From an answers file (always DRAFT: nothing in a file is countersigned), or
from a case in the store (DRAFT until approved; an approved one carries its
verification code). A bad input writes no file.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from cstr_desktop.answers import read_answers_file
from cstr_desktop.cli_store import CommandError, sign_in
from cstr_desktop.form_loader import load_bundle

from .court_report import render
from .record import default_lang, stored_report
from .snapshot import ReportContext, build_snapshot, verification_code
from .summary_card import render_card


def write_atomically(path: Path, data: bytes) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise CommandError(f"no such folder for the report: {folder}")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".report-", suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run_report(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    if bool(args.file) == bool(args.case):
        raise CommandError("give either an answers FILE or --case CASE_NUMBER")
    now = datetime.now(UTC).isoformat(timespec="seconds")
    render_pdf = render_card if args.summary else render
    out_path = Path(args.out)
    if args.file:
        bundle = load_bundle()
        answers = read_answers_file(args.file, bundle)
        snapshot = build_snapshot(bundle, answers, ReportContext(),
                                  args.lang or default_lang(answers), now)
        write_atomically(out_path, render_pdf(snapshot))
        out.write(f"Wrote {out_path} (DRAFT).\n")
        return 0
    with sign_in(args, env) as store:
        row = store.assessment_for_case(args.case)
        snapshot = stored_report(store, row, args.lang, now)
        write_atomically(out_path, render_pdf(snapshot))
        approved = snapshot["assessment"]["approved"]
        code = verification_code(snapshot) if approved else None
        store.log("report_printed", "assessment", row["id"],
                  reason=f"{'summary card' if args.summary else 'report'}; "
                         f"lang={snapshot['langs']}; version={row['version']}; "
                         + (f"verification={code}" if code else "DRAFT"))
    out.write(f"Wrote {out_path}" + (f" (verification code {code}).\n" if code
                                      else " (DRAFT).\n"))
    return 0
