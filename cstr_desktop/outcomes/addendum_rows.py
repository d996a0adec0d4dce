"""The kept addenda (``outcome_addenda``) as the sync sees them: marked sent once the
pinned key verifies central's receipt, and cut to a stub after the purge.

These work on the database connection inside the caller's transaction (the sync's sender
and purge have no account key). A stub keeps the ids (outcome, assessment, version,
signer, what it supersedes), the dates, the content hash, the signature and central's
receipt (its id); it loses the case number, the outcome's answers (the payload and the
result) and its audit entry's values (the entry stays, ``redacted``, its signature and
place in the chain checked as for any purged entry).
"""

from __future__ import annotations

import json
from typing import Any

from ..sync import outbox
from ..sync.receipts import row_receipt_problem

# The assessment was purged whole after central's receipt (cstr_desktop.sync.purge): only
# then may its audit entries be redacted (Store.verify_audit).
WHOLE_PURGE = ("SELECT 1 FROM audit WHERE action = 'sync_purged' AND entity_id = ? AND "
               "json_extract(new, '$.whole_assessment') = 1")


def mark_received(db, outcome_id: str, receipt: dict[str, Any], now: str) -> None:
    """The addendum was received by central: its receipt (already verified) is kept."""
    db.execute("UPDATE outcome_addenda SET sent_at = ?, receipt = ? WHERE outcome_id = ?",
               [now, json.dumps(receipt, ensure_ascii=False), outcome_id])


def stub_purged(db, assessment_id: str, signing_key: str, now: str) -> list[str]:
    """Cut to a stub each addendum of ``assessment_id`` whose assessment has been purged
    whole (its version's record purged after its receipt) and whose own outbox row has
    been purged after a receipt that the pinned ``signing_key`` verifies; returns their
    outcome ids. An addendum without its own valid receipt keeps everything."""
    stubbed = []
    for addendum in db.execute(
            "SELECT outcome_id, version, audit_seq FROM outcome_addenda "
            "WHERE assessment_id = ? AND purged_at IS NULL", [assessment_id]).fetchall():
        outcome_id, version, audit_seq = addendum
        record_purged = db.execute(
            "SELECT 1 FROM outbox WHERE kind = 'record' AND assessment_id = ? AND version = ? "
            "AND state = ?", [assessment_id, version, outbox.PURGED]).fetchone() and \
            db.execute(WHOLE_PURGE, [assessment_id]).fetchone()
        own = next((r for r in outbox.rows(db, (outbox.PURGED,), kind="outcome")
                    if r["item_id"] == outcome_id), None)
        if not record_purged or own is None or row_receipt_problem(
                own, outbox.receipt(db, own["id"]), signing_key) is not None:
            continue
        db.execute("UPDATE outcome_addenda SET case_number = NULL, payload = NULL, "
                   "result = NULL, purged_at = ? WHERE outcome_id = ?", [now, outcome_id])
        db.execute("UPDATE audit SET old = NULL, new = NULL, reason = NULL, redacted = 1 "
                   "WHERE seq = ?", [audit_seq])
        stubbed.append(outcome_id)
    return stubbed
