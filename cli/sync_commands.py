"""The sync commands of ``cstr-desktop`` (contract.md section 5): enrol, sync, purge,
export-bundle, import-receipts and outbox. Each signs in like every store command and
is written to the audit trail."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from cli.store_commands import CommandError, sign_in
from cstr_desktop.errors import NotEnrolled
from cstr_desktop.sync import bundle, enrolment, outbox, purge
from cstr_desktop.sync.record import Renderer
from cstr_desktop.sync.sender import SyncReport, prepare, sync_once

EXIT_SOME_NOT_SENT = 1
EXIT_NOT_ENROLLED = 2


def _case_of(store, row: dict) -> str:
    found = store.db.execute("SELECT case_number FROM assessments WHERE id = ?",
                             [row["assessment_id"]]).fetchone()
    return (found[0] if found and found[0] else "(cleared)")


def _name(store, row: dict) -> str:
    return f"case {_case_of(store, row)} ({row['kind']} {row['assessment_id']} " \
           f"version {row['version']})"


def cmd_enrol(args: argparse.Namespace, out: TextIO, env: dict[str, str],
              renderer: Renderer | None = None, err: TextIO | None = None) -> int:
    with sign_in(args, env) as store:
        found = enrolment.enrol(store, args.url, args.code, args.ca_file, args.tls_fingerprint)
    out.write(f"Enrolled with central records at {found.url} as device "
              f"'{found.device_name}' ({found.device_id}).\n"
              f"Central's signing key (pinned): {found.signing_fingerprint}\n"
              f"Central's TLS certificate (pinned): {found.tls_fingerprint or 'none (loopback)'}\n")
    return 0


def _report_lines(store, report: SyncReport, out: TextIO, err: TextIO) -> None:
    for row, state, reason in report.held:
        err.write(f"cstr-desktop: held at central ({state}): {_name(store, row)}: {reason}\n")
    for row, why in report.not_sent:
        err.write(f"cstr-desktop: not sent: {_name(store, row)}: {why}\n")


def cmd_sync(args: argparse.Namespace, out: TextIO, env: dict[str, str],
             renderer: Renderer | None = None, err: TextIO | None = None) -> int:
    err = err or sys.stderr
    with sign_in(args, env) as store:
        try:
            found = enrolment.require(store.db)
        except NotEnrolled as exc:
            err.write(f"cstr-desktop: error: {exc}\n")
            return EXIT_NOT_ENROLLED
        key = found.device_key(store._key(), store.store_id)
        report = sync_once(store.db, found, key, renderer)
        counts = outbox.counts(store.db)
        with store.unit.transaction():
            store.unit.audit("sync_run", "store", store.store_id, new={
                "received": report.received, "held": len(report.held),
                "not_sent": len(report.not_sent), "waiting": counts.waiting,
                "error": report.error})
        _report_lines(store, report, out, err)
        out.write(f"{report.received} received by central; {counts.waiting} waiting to "
                  f"sync; {counts.needs_office} held at central for the office.\n")
        if report.error:
            err.write(f"cstr-desktop: sync stopped: {report.error}\n")
    # Held at central (quarantined, in conflict, rejected) counts as not received.
    done = counts.waiting == 0 and counts.needs_office == 0 and not report.not_sent and \
        not report.error
    return 0 if done else EXIT_SOME_NOT_SENT


def cmd_purge(args: argparse.Namespace, out: TextIO, env: dict[str, str],
              renderer: Renderer | None = None, err: TextIO | None = None) -> int:
    if args.grace is not None and args.grace < 0:
        raise CommandError("--grace is a number of days, 0 or more")
    with sign_in(args, env) as store:
        items = purge.purge(store, args.grace, args.dry_run)
    verb = "Would purge" if args.dry_run else "Purged"
    out.write(f"{verb} {len(items)} version(s).\n")
    for item in items:
        out.write(f"  {purge.describe(item)}\n")
    return 0


def cmd_export_bundle(args: argparse.Namespace, out: TextIO, env: dict[str, str],
                      renderer: Renderer | None = None, err: TextIO | None = None) -> int:
    with sign_in(args, env) as store:
        found = enrolment.require(store.db)
        report = SyncReport()
        # Records only: outcome addenda do not travel in bundles (docs/sync-protocol.md).
        items = prepare(store.db, outbox.rows(store.db, (outbox.QUEUED,), kind="record"),
                        renderer, report)
        if not items:
            raise CommandError("nothing is waiting to sync: no bundle written")
        key = found.device_key(store._key(), store.store_id)
        bundle_id = bundle.write_bundle(Path(args.out), items, found, key)
        with store.unit.transaction():
            store.unit.audit("bundle_exported", "store", store.store_id, new={
                "bundle_id": bundle_id, "records": len(items),
                "versions": [[r["assessment_id"], r["version"]] for r, _ in items]})
    out.write(f"Wrote {args.out}: {len(items)} record(s) sealed to central's bundle key "
              f"(bundle {bundle_id}). Take it to central; bring back its receipts file.\n")
    return 0


def cmd_import_receipts(args: argparse.Namespace, out: TextIO, env: dict[str, str],
                        renderer: Renderer | None = None, err: TextIO | None = None) -> int:
    err = err or sys.stderr
    with sign_in(args, env) as store:
        found = enrolment.require(store.db)
        report = bundle.import_receipts(store.db, Path(args.file), found)
        with store.unit.transaction():
            store.unit.audit("receipts_imported", "store", store.store_id, new={
                "received": report.received, "held": len(report.held),
                "not_taken": len(report.not_sent)})
        _report_lines(store, report, out, err)
        counts = outbox.counts(store.db)
    out.write(f"{report.received} receipt(s) taken; {counts.waiting} waiting to sync; "
              f"{counts.needs_office} held at central for the office.\n")
    return 0 if not report.not_sent else EXIT_SOME_NOT_SENT


def cmd_outbox(args: argparse.Namespace, out: TextIO, env: dict[str, str],
               renderer: Renderer | None = None, err: TextIO | None = None) -> int:
    with sign_in(args, env) as store:
        rows = outbox.rows(store.db)
        store.log("outbox_listed", "store", store.store_id)
    if args.json:
        json.dump([{**purge.stub(r), "last_error": r["last_error"]} for r in rows], out,
                  indent=1)
        out.write("\n")
        return 0
    for r in rows:
        out.write(f"{r['state']:<12} {r['kind']:<8} {r['assessment_id']} v{r['version']} "
                  f"{r['receipt_id'] or ''}\n")
    return 0
