"""Sending the outbox to central and taking the receipts (docs/sync-protocol.md).

Works on a database connection and an open device key only, so the window's sync
worker runs it on its own connection off the window's thread, and ``cstr-desktop sync``
on the store's. Every outcome is written as soon as it is known, each batch in one
short transaction: a process killed at any moment loses nothing, since sending a
version again is answered with the same receipt.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from . import outbox
from .client import CentralClient, now_iso
from .enrolment import Enrolment
from .errors import CentralRefused, CentralUnreachable, SyncError, WrongCertificate
from .receipts import row_receipt_problem
from .record import Renderer, build_record

BATCH_RECORDS = 25
BATCH_BYTES = 24 * 1024 * 1024
LOOKUP_MAX = 1000
HELD = {"conflict": outbox.CONFLICT, "quarantined": outbox.QUARANTINED,
        "rejected": outbox.REJECTED, "invalid": outbox.QUARANTINED}
STOPPING = {"device_revoked": "central revoked this device: nothing more is sent, and "
                              "everything is kept. Tell the administrator",
            "device_unknown": "central does not know this device: an administrator must "
                              "enrol this laptop again",
            "clock_skew": "this laptop's clock is wrong by more than 5 minutes"}


@dataclass
class SyncReport:
    received: int = 0
    held: list[tuple[dict, str, str]] = field(default_factory=list)  # row, state, reason
    not_sent: list[tuple[dict, str]] = field(default_factory=list)  # row, why
    error: str | None = None  # why the run stopped early (central down, revoked, ...)
    contacted: bool = False

    @property
    def all_sent(self) -> bool:
        return not self.not_sent and self.error is None


@contextlib.contextmanager
def transaction(db) -> Iterator[None]:
    conn = db.conn
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise


def _describe(row: dict) -> str:
    return f"{row['assessment_id']} version {row['version']}"


def prepare(db, rows: list[dict], renderer: Renderer | None,
            report: SyncReport) -> list[tuple[dict, dict]]:
    """Each row with its record (built once and kept until it is purged)."""
    out = []
    for row in rows:
        record = outbox.payload(db, row["id"])
        if record is None:
            if row["kind"] != "record":
                report.not_sent.append((row, "its addendum is missing"))
                continue
            try:
                record = build_record(db, row["assessment_id"], row["version"], renderer)
            except SyncError as exc:
                report.not_sent.append((row, str(exc)))
                continue
            with transaction(db):
                outbox.set_payload(db, row["id"], record)
        out.append((row, record))
    return out


def _batches(items: list[tuple[dict, dict]], size: int) -> Iterator[list[tuple[dict, dict]]]:
    batch: list[tuple[dict, dict]] = []
    total = 0
    for item in items:
        length = len(json.dumps(item[1], ensure_ascii=False).encode("utf-8"))
        if batch and (len(batch) >= size or total + length > BATCH_BYTES):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += length
    if batch:
        yield batch


def apply_result(db, enrolment: Enrolment, row: dict, result: dict, now: str,
                 report: SyncReport) -> None:
    """One result from central (a batch item, a lookup or a receipts file) written to the
    outbox: a receipt counts only if the pinned key verifies it for exactly this version."""
    names = (result.get("assessment_id"), result.get("outcome_id") if row["kind"] == "outcome"
             else result.get("version")) if isinstance(result, dict) else None
    if names != (row["assessment_id"], row["item_id"] if row["kind"] == "outcome"
                 else row["version"]):
        report.not_sent.append((row, "central's answer names another version"))
        return
    status = result.get("status")
    if status in ("accepted", "duplicate"):
        problem = row_receipt_problem(row, result.get("receipt"), enrolment.signing_key)
        if problem:
            outbox.mark_failed(db, [row["id"]], problem, now)
            report.not_sent.append((row, problem))
            return
        outbox.mark_received(db, row["id"], result["receipt"], now)
        if row["kind"] == "outcome":
            from ..outcomes.addendum_rows import mark_received

            mark_received(db, row["item_id"], result["receipt"], now)
        report.received += 1
        return
    if status in HELD:
        reason = result.get("reason") or status
        if status == "conflict":
            reason = (f"central holds this version with other content "
                      f"({result.get('held_content_hash') or '?'}); both are kept for the "
                      "office to resolve")
        outbox.mark_held(db, row["id"], HELD[status], reason, now)
        report.held.append((row, HELD[status], reason))
        return
    if status == "unknown":
        return  # asked about it, central does not hold it: it stays as it is
    outbox.mark_failed(db, [row["id"]], f"central answered {status!r}", now)
    report.not_sent.append((row, f"central answered {status!r}"))


def _send_batch(client: CentralClient, db, enrolment: Enrolment,
                batch: list[tuple[dict, dict]], report: SyncReport) -> None:
    answer = client.call("POST", "/batches", {"type": "cstr-batch/1",
                                               "records": [r for _, r in batch]})
    report.contacted = True
    results = answer.get("results")
    if not isinstance(results, list) or len(results) != len(batch):
        raise CentralUnreachable("central's answer to a batch does not have one result per "
                                 "record")
    now = now_iso()
    with transaction(db):
        for (row, _), result in zip(batch, results, strict=True):
            apply_result(db, enrolment, row, result, now, report)


def _look_up(client: CentralClient, db, enrolment: Enrolment, rows: list[dict],
             report: SyncReport) -> None:
    """Ask for the receipts of versions the office had to act on."""
    for start in range(0, len(rows), LOOKUP_MAX):
        part = rows[start:start + LOOKUP_MAX]
        answer = client.call("POST", "/receipts", {"versions": [
            {k: r[k] for k in ("assessment_id", "version", "content_hash")} for r in part]})
        report.contacted = True
        results = answer.get("results")
        if not isinstance(results, list) or len(results) != len(part):
            return
        now = now_iso()
        with transaction(db):
            for row, result in zip(part, results, strict=True):
                if result.get("status") in ("accepted", "duplicate"):
                    apply_result(db, enrolment, row, result, now, report)


def _send_outcomes(client: CentralClient, db, enrolment: Enrolment,
                   report: SyncReport) -> None:
    """Court outcome addenda, one PUT each, after the records (sending one again is
    answered with the same receipt, so a held one is simply sent again)."""
    for row in outbox.rows(db, (outbox.QUEUED, *outbox.NEEDS_OFFICE), kind="outcome"):
        body = outbox.payload(db, row["id"])
        if body is None:
            report.not_sent.append((row, "its addendum is missing"))
            continue
        answer = client.call("PUT", f"/outcomes/{row['item_id']}", body,
                             ok=(200, 201, 400, 409, 422))
        report.contacted = True
        with transaction(db):
            if "error" in answer:
                outbox.mark_failed(db, [row["id"]], str(answer.get("message")), now_iso())
                report.not_sent.append((row, str(answer.get("message"))))
            else:
                apply_result(db, enrolment, row, answer, now_iso(), report)


def sync_once(db, enrolment: Enrolment, device_key, renderer: Renderer | None = None,
              client_factory: Callable[..., CentralClient] = CentralClient,
              batch_size: int = BATCH_RECORDS) -> SyncReport:
    """Send every queued version and take the receipts; ask after the held ones."""
    report = SyncReport()
    queued = outbox.rows(db, (outbox.QUEUED,), kind="record")
    held = outbox.rows(db, outbox.NEEDS_OFFICE, kind="record")
    items = prepare(db, queued, renderer, report)
    client = client_factory(enrolment.url, enrolment.tls_cert_pem, enrolment.device_id,
                            device_key)
    try:
        batches = list(_batches(items, batch_size))
        for number, batch in enumerate(batches):
            try:
                _send_batch(client, db, enrolment, batch, report)
            except CentralRefused as exc:
                if exc.code in ("too_large", "too_many") and len(batch) > 1:
                    for single in batch:
                        _send_batch(client, db, enrolment, [single], report)
                    continue
                raise
            except (CentralUnreachable, WrongCertificate) as exc:
                rest = [row for b in batches[number:] for row, _ in b]
                with transaction(db):
                    outbox.mark_failed(db, [r["id"] for r in rest], str(exc), now_iso())
                report.not_sent.extend((r, str(exc)) for r in rest)
                report.error = str(exc)
                return report
        if held:
            _look_up(client, db, enrolment, held, report)
        _send_outcomes(client, db, enrolment, report)
    except CentralRefused as exc:
        report.error = STOPPING.get(exc.code, f"central refused: {exc} ({exc.code})")
        sent = {r["id"] for r, _ in report.held} | {r["id"] for r, _ in report.not_sent}
        still = [r for r in outbox.rows(db, (outbox.QUEUED,), kind="record")
                 if r["id"] not in sent]
        report.not_sent.extend((r, report.error) for r in still)
    except (CentralUnreachable, WrongCertificate) as exc:
        report.error = str(exc)
    finally:
        client.close()
        if report.contacted:
            with transaction(db):
                db["meta"].upsert({"key": "sync_last_at", "value": now_iso()}, pk="key")
    return report
