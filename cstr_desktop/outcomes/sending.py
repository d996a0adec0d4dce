"""Sending the outbox's outcome addenda (kind ``outcome``) to central, one
``PUT /api/v1/outcomes/<outcome_id>`` each (docs/sync-protocol.md, docs/outcomes.md), and
keeping central's ``cstr-outcome-receipt/1`` once the pinned key verifies it for exactly
that addendum. Called by the sync's sender after the records; like it, it works on a
database connection and the device's client only (no account key), each answer written
in its own short transaction, so sending again is always safe."""

from __future__ import annotations

from ..sync import outbox
from ..sync.client import CentralClient, now_iso
from ..sync.enrolment import Enrolment
from ..sync.errors import CentralRefused
from .addendum import receipt_problem

HELD = {"conflict": outbox.CONFLICT, "quarantined": outbox.QUARANTINED,
        "rejected": outbox.REJECTED, "invalid": outbox.QUARANTINED}
# Refusals that stop the whole run (the sender says why); any other marks the one addendum.
STOPPING = ("device_revoked", "device_unknown", "clock_skew")


def send_outcomes(client: CentralClient, db, enrolment: Enrolment, report,
                  transaction) -> None:
    for row in outbox.rows(db, outbox.SENDABLE, kind="outcome"):
        body = outbox.payload(db, row["id"])
        if body is None:
            report.not_sent.append((row, "its addendum is missing"))
            continue
        try:
            answer = client.call("PUT", f"/outcomes/{row['item_id']}", body,
                                 ok=(200, 201, 409, 422))
        except CentralRefused as exc:
            if exc.code in STOPPING:
                raise
            with transaction(db):
                outbox.mark_failed(db, [row["id"]], f"central refused: {exc} ({exc.code})",
                                   now_iso())
            report.not_sent.append((row, f"central refused: {exc} ({exc.code})"))
            continue
        report.contacted = True
        with transaction(db):
            apply_outcome_result(db, enrolment, row, answer, now_iso(), report)


def apply_outcome_result(db, enrolment: Enrolment, row: dict, result: dict, now: str,
                         report) -> None:
    if (result.get("outcome_id"), result.get("content_hash")) != (row["item_id"],
                                                                   row["content_hash"]):
        report.not_sent.append((row, "central's answer names another outcome or content"))
        return
    status = result.get("status")
    if status in ("accepted", "duplicate"):
        problem = receipt_problem(result.get("receipt"), enrolment.signing_key,
                                  row["item_id"], row["content_hash"])
        if problem:
            outbox.mark_failed(db, [row["id"]], problem, now)
            report.not_sent.append((row, problem))
            return
        outbox.mark_received(db, row["id"], result["receipt"], now)
        from ..store_assessments import dump

        db.execute("UPDATE outcome_addenda SET sent_at = ?, receipt = ? WHERE outcome_id = ?",
                   [now, dump(result["receipt"]), row["item_id"]])
        report.received += 1
        return
    if status in HELD:
        reason = result.get("reason") or status
        outbox.mark_held(db, row["id"], HELD[status], reason, now)
        report.held.append((row, HELD[status], reason))
        return
    outbox.mark_failed(db, [row["id"]], f"central answered {status!r}", now)
    report.not_sent.append((row, f"central answered {status!r}"))
