"""``cstr-desktop report``: render one reader's copy (or its summary card) to a PDF file.

From an answers file (always DRAFT: nothing in a file is countersigned), or
from a case in the store (DRAFT until approved; an approved copy carries its
verification code). ``--for`` picks the reader: the court (the default),
probation or the treatment provider; a copy the person did not agree to is
refused (exit 2, naming the missing consent), except the court's, which is then a
notice. A bad input writes no file.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from cstr_desktop.answers import read_answers_with_form
from cstr_desktop.cli_parser import UsageError as CommandError
from cstr_desktop.form_loader import FormBundle, load_bundle

from .court_report import render
from .record import default_lang, stored_report
from .snapshot import CopyRefused, ReportContext, build_snapshot, verification_code
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


def _check_reader(bundle: FormBundle, who: str | None) -> None:
    if who not in (None, "court") and not bundle.reader_ids():
        raise CommandError(f"this assessment was made on form '{bundle.id}' version "
                           f"{bundle.version}, which has one report for every reader: print "
                           "it without --for")


def _copy_name(snapshot: dict) -> str:
    reader = snapshot.get("reader")
    if reader is None:
        return "the report"
    title = reader["copy_title"].get("en") or next(iter(reader["copy_title"].values()))
    name = f"the {title[:1].lower()}{title[1:]}"
    return name + {"notice": " (a notice: no consent to share)",
                   "declined": " (no assessment took place)"}.get(snapshot["copy"], "")


def run_report(args: argparse.Namespace, out: TextIO, env: dict[str, str]) -> int:
    if bool(args.file) == bool(args.case):
        raise CommandError("give either an answers FILE or --case CASE_NUMBER")
    now = datetime.now(UTC).isoformat(timespec="seconds")
    render_pdf = render_card if args.summary else render
    out_path = Path(args.out)
    who = getattr(args, "reader", None)
    if args.file:
        bundle, answers = read_answers_with_form(args.file, load_bundle)
        _check_reader(bundle, who)
        try:
            snapshot = build_snapshot(bundle, answers, ReportContext(),
                                      args.lang or default_lang(answers, bundle), now, who)
        except CopyRefused as exc:
            raise CommandError(str(exc)) from None
        write_atomically(out_path, render_pdf(snapshot))
        out.write(f"Wrote {out_path}, {_copy_name(snapshot)} (DRAFT).\n")
        return 0
    from cstr_desktop.cli_store import sign_in  # the store only for --case

    with sign_in(args, env) as store:
        row = store.assessment_for_case(args.case)
        _check_reader(load_bundle(row["form_id"], row["form_version"]), who)
        try:
            snapshot = stored_report(store, row, args.lang, now, who)
        except CopyRefused as exc:
            store.log("report_refused", "assessment", row["id"], reason=str(exc))
            raise CommandError(str(exc)) from None
        write_atomically(out_path, render_pdf(snapshot))
        approved = snapshot["assessment"]["approved"]
        code = verification_code(snapshot) if approved else None
        reader = (snapshot.get("reader") or {}).get("id", "all")
        store.log("report_printed", "assessment", row["id"],
                  reason=f"{'summary card' if args.summary else 'report'}; reader={reader}; "
                         f"lang={snapshot['langs']}; version={row['version']}; "
                         + (f"verification={code}" if code else "DRAFT"))
    out.write(f"Wrote {out_path}, {_copy_name(snapshot)}" + (
        f" (verification code {code}).\n" if code else " (DRAFT).\n"))
    return 0
