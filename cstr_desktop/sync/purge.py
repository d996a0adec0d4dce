"""Clearing identifiable data after central's receipt (issue 12, "Purge after receipt").

A version is purged only when its receipt verifies under the central key pinned at
enrolment, for exactly that version and content, and the grace period has passed since
it was received. What goes: the kept answers of the version, its kept reader copies
(snapshots), the record built to send it (with its PDFs); and, once the
assessment's current version is the one purged, the live answers, the case's listing
(names, date of birth, PNC and CRN numbers, offence), the review's comments, and the
values in its audit entries (cleared and marked ``redacted``: they are then checked by
their signature and place in the chain). What stays is the stub in the outbox: the
UUID, version, dates, receipt and content hash.

The bytes must not survive: deletes run with ``secure_delete``, the full-text index is
merged, the file is VACUUMed and its WAL truncated, and every backup made before the
purge is replaced by one made after it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .. import backups
from . import enrolment as enrolment_mod
from . import outbox
from .receipts import row_receipt_problem
from .settings import DEFAULT_GRACE_DAYS, GRACE_SETTING

PURGE_ACTION = "sync_purged"
ADDENDUM_ACTION = "outcome_addendum"


@dataclass(frozen=True)
class PurgeItem:
    row: dict
    case_number: str | None
    whole_assessment: bool


def grace_days(db) -> int:
    row = db.execute("SELECT value FROM meta WHERE key = ?", [GRACE_SETTING]).fetchone()
    try:
        return max(0, int(row[0])) if row else DEFAULT_GRACE_DAYS
    except ValueError:
        return DEFAULT_GRACE_DAYS


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def due(db, grace: int, now: datetime | None = None) -> list[PurgeItem]:
    """The received versions past the grace period whose receipt verifies now."""
    found = enrolment_mod.load(db)
    if found is None:
        return []
    limit = (now or datetime.now(UTC)) - timedelta(days=grace)
    items = []
    for row in outbox.rows(db, (outbox.RECEIVED,)):
        if not row["received_at"] or _parse(row["received_at"]) > limit:
            continue
        if row_receipt_problem(row, outbox.receipt(db, row["id"]),
                               found.signing_key) is not None:
            continue
        if row["kind"] != "record":
            items.append(PurgeItem(row, None, False))
            continue
        current = next(db["assessments"].rows_where("id = ?", [row["assessment_id"]]), None)
        whole = current is not None and current["version"] == row["version"] and \
            current["status"] == "approved"
        items.append(PurgeItem(row, current["case_number"] if current else None, whole))
    return items


def _purge_one(store, item: PurgeItem) -> None:
    db, row = store.db, item.row
    ident, version = row["assessment_id"], row["version"]
    db.execute("UPDATE outbox SET payload = NULL, state = ?, purged_at = ? WHERE id = ?",
               [outbox.PURGED, store._clock(), row["id"]])
    if row["kind"] == "record":
        db.execute("UPDATE assessment_versions SET answers = NULL WHERE assessment_id = ? "
                   "AND version = ?", [ident, version])
        db.execute("DELETE FROM frozen_reports WHERE assessment_id = ? AND version = ?",
                   [ident, version])
    if item.whole_assessment:
        db.execute("DELETE FROM answers WHERE assessment_id = ?", [ident])
        db.execute("DELETE FROM review_comments WHERE assessment_id = ?", [ident])
        db.execute("UPDATE assessment_versions SET answers = NULL WHERE assessment_id = ?",
                   [ident])
        db.execute("DELETE FROM frozen_reports WHERE assessment_id = ?", [ident])
        db.execute("UPDATE assessments SET case_number = NULL, review_comment = NULL, "
                   "amendment_reason = NULL, resume_section = NULL, resume_question = NULL "
                   "WHERE id = ?", [ident])
        if item.case_number:
            db.execute("DELETE FROM cases WHERE case_number = ?", [item.case_number])
        # An outcome addendum's entry is redacted with the addendum, once it has its own
        # receipt (cstr_desktop.outcomes.addendum_rows.stub_purged).
        db.execute("UPDATE audit SET old = NULL, new = NULL, reason = NULL, redacted = 1 "
                   "WHERE entity_id = ? AND action NOT IN (?, ?)",
                   [ident, PURGE_ACTION, ADDENDUM_ACTION])
    store._audit(PURGE_ACTION, "assessment", ident, new={
        "kind": row["kind"], "version": version, "content_hash": row["content_hash"],
        "receipt_id": row["receipt_id"], "received_at": row["received_at"],
        "whole_assessment": item.whole_assessment})


def _stub_addenda(store, items: list[PurgeItem]) -> None:
    """The court outcome addenda (issue 13) of each assessment touched: cut to a stub once
    both their assessment's version and they themselves are purged after valid receipts."""
    from ..outcomes.addendum_rows import stub_purged

    signing_key = enrolment_mod.require(store.db).signing_key
    for ident in dict.fromkeys(item.row["assessment_id"] for item in items):
        for outcome_id in stub_purged(store.db, ident, signing_key, store._clock()):
            store._audit(PURGE_ACTION, "outcome", outcome_id, new={
                "assessment_id": ident, "stub": True})


def purge(store, grace: int | None = None, dry_run: bool = False,
          now: datetime | None = None) -> list[PurgeItem]:
    """Purge what is due (``dry_run``: only list it); returns the versions."""
    grace = grace_days(store.db) if grace is None else grace
    items = due(store.db, grace, now)
    if dry_run or not items:
        with store._transaction():
            store._audit("sync_purge_listed" if dry_run else "sync_purge_none", "store",
                         store.store_id, new={"due": len(items), "grace_days": grace})
        return items
    before = backups.backups(store.folder)
    conn = store.db.conn
    conn.execute("PRAGMA secure_delete = ON")
    try:
        with store._transaction():
            for item in items:
                _purge_one(store, item)
            _stub_addenda(store, items)
        with contextlib.suppress(Exception):
            conn.execute("INSERT INTO cases_fts(cases_fts) VALUES('optimize')")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.execute("PRAGMA secure_delete = OFF")
    store.checkpoint()
    # Backups made before the purge still hold what was cleared: one made now replaces them.
    store._backup()
    for old in before:
        for path in (old.path, old.keys_path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    return items


def describe(item: PurgeItem) -> str:
    row = item.row
    what = "the whole assessment" if item.whole_assessment else "this version's copies"
    return (f"{row['kind']} {row['assessment_id']} version {row['version']} "
            f"(received {row['received_at']}, receipt {row['receipt_id']}): {what}")


def stub(row: dict) -> dict:
    return {k: row[k] for k in ("kind", "assessment_id", "version", "content_hash",
                                "approved_at", "queued_at", "received_at", "receipt_id",
                                "purged_at", "state")}


__all__ = ["DEFAULT_GRACE_DAYS", "PurgeItem", "describe", "due", "grace_days", "purge",
           "stub"]
