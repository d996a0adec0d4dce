"""The outbox: what waits to go to central, and afterwards the stub of what went.

One row per (kind, assessment, version). A countersigned version is queued in the same
transaction as its countersignature (:func:`queue` inside the store's transaction), so a
crash can never leave an approved version that is not queued. ``kind`` is ``record``
(a ``cstr-record/1``) or ``outcome`` (a court outcome addendum, ``cstr-outcome/1``).

States: ``queued`` (waiting; sent again until central answers), ``received`` (a receipt
that the pinned key verifies is kept), ``conflict`` and ``quarantined`` and ``rejected``
(central holds it but the office must act: shown to the user, never purged), ``purged``
(the identifiable data is gone, the stub stays: ids, dates, receipt, content hash).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

KINDS = ("record", "outcome")
QUEUED, RECEIVED, CONFLICT, QUARANTINED, REJECTED, PURGED = (
    "queued", "received", "conflict", "quarantined", "rejected", "purged")
NEEDS_OFFICE = (CONFLICT, QUARANTINED, REJECTED)
# A quarantined or conflicting version is still sent again (central answers with the same
# status, or, once the office accepts it, with its receipt).
SENDABLE = (QUEUED, CONFLICT, QUARANTINED, REJECTED)


@dataclass(frozen=True)
class Counts:
    waiting: int = 0
    received: int = 0
    needs_office: int = 0
    purged: int = 0


def queue(db, kind: str, assessment_id: str, version: int, content_hash: str, now: str,
          payload: Any = None, approved_at: str | None = None, item_id: str = "") -> None:
    """Queue a version, or an outcome addendum (``kind`` "outcome", ``item_id`` its
    outcome_id, ``payload`` the whole ``cstr-outcome-addendum/1`` body), inside the
    caller's transaction; queuing the same thing twice is harmless. Addenda are sent
    with ``PUT /api/v1/outcomes/<outcome_id>`` after the records (use
    :func:`queue_outcome`)."""
    if kind not in KINDS:
        raise ValueError(f"unknown outbox kind {kind!r}")
    if kind == "outcome" and not item_id:
        raise ValueError("an outcome addendum is queued with its outcome_id")
    db.execute(
        "INSERT OR IGNORE INTO outbox (kind, item_id, assessment_id, version, content_hash, "
        "state, queued_at, payload, attempts, approved_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
        [kind, item_id, assessment_id, version, content_hash, QUEUED, now,
         None if payload is None else json.dumps(payload, ensure_ascii=False), approved_at])


def rows(db, states: tuple[str, ...] | None = None, kind: str | None = None,
         limit: int | None = None) -> list[dict]:
    where, params = [], []
    if states:
        where.append(f"state IN ({','.join('?' * len(states))})")
        params += list(states)
    if kind:
        where.append("kind = ?")
        params.append(kind)
    return list(db["outbox"].rows_where(" AND ".join(where) or None, params, order_by="id",
                                        limit=limit, select="id, kind, item_id, assessment_id, "
                                        "version, content_hash, state, queued_at, attempts, "
                                        "last_attempt_at, last_error, receipt_id, "
                                        "received_at, purged_at, approved_at"))


def payload(db, row_id: int) -> dict | None:
    found = db.execute("SELECT payload FROM outbox WHERE id = ?", [row_id]).fetchone()
    return json.loads(found[0]) if found and found[0] else None


def set_payload(db, row_id: int, record: dict) -> None:
    db.execute("UPDATE outbox SET payload = ? WHERE id = ?",
               [json.dumps(record, ensure_ascii=False), row_id])


def counts(db) -> Counts:
    found = dict(db.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
    return Counts(waiting=found.get(QUEUED, 0), received=found.get(RECEIVED, 0),
                  needs_office=sum(found.get(s, 0) for s in NEEDS_OFFICE),
                  purged=found.get(PURGED, 0))


def mark_received(db, row_id: int, receipt: dict, now: str) -> None:
    db.execute("UPDATE outbox SET state = ?, receipt = ?, receipt_id = ?, received_at = ?, "
               "last_error = NULL, last_attempt_at = ?, attempts = attempts + 1 "
               "WHERE id = ? AND state != ?",
               [RECEIVED, json.dumps(receipt, ensure_ascii=False),
                receipt["payload"]["receipt_id"], now, now, row_id, PURGED])


def mark_held(db, row_id: int, state: str, reason: str | None, now: str) -> None:
    """Central holds it but the office must act (conflict, quarantined, rejected)."""
    db.execute("UPDATE outbox SET state = ?, last_error = ?, last_attempt_at = ?, "
               "attempts = attempts + 1 WHERE id = ? AND state NOT IN (?, ?)",
               [state, reason, now, row_id, RECEIVED, PURGED])


def mark_failed(db, row_ids: list[int], error: str, now: str) -> None:
    for row_id in row_ids:
        db.execute("UPDATE outbox SET last_error = ?, last_attempt_at = ?, "
                   "attempts = attempts + 1 WHERE id = ?", [error, now, row_id])


def receipt(db, row_id: int) -> dict | None:
    found = db.execute("SELECT receipt FROM outbox WHERE id = ?", [row_id]).fetchone()
    return json.loads(found[0]) if found and found[0] else None


def queue_outcome(db, body: dict, now: str) -> str:
    """Queue a ``cstr-outcome-addendum/1`` body (docs/sync-protocol.md, "Court outcomes
    after approval") inside the caller's transaction; returns its content hash, the
    SHA-256 of the canonical signed payload."""
    from cstr_desktop.trust.signatures import canonical, sha256_hex

    payload = body["outcome"]["payload"]
    content = sha256_hex(canonical(payload))
    queue(db, "outcome", payload["assessment_id"], payload["version"], content, now,
          payload=body, item_id=payload["outcome_id"])
    return content
