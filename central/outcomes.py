"""Court outcomes sent after approval: signed ``cstr-outcome/1`` addenda, kept exactly once.

An addendum (docs/outcomes.md, docs/trust-model.md) is signed by an assessor or a reviewer
whose certificate chains to the store's root, and carries the certificates that prove it.
It is identified by its ``outcome_id`` and the hash of its signed payload: the same again
changes nothing and returns the same receipt; another content under an ``outcome_id``
held is a conflict, kept and quarantined with the first. One that does not verify is
kept, quarantined with the reason. Only an accepted addendum counts in the figures.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central import facts
from central.audit import Actor, record_event
from central.canonical import HEX32_RE, canonical, now, parse_time, sha256_hex, signature_ok
from central.db import Database
from central.keys import CentralKeys
from central.models import Device, OutcomeAddendum, Record
from central.outcome_fields import CourtOutcome, OutcomeError, parse_outcome
from central.record_check import Quarantine, certify
from central.send_result import SendResult, answer_for, quarantine_copies

ADDENDUM_TYPE = "cstr-outcome-addendum/1"
PAYLOAD_TYPE = "cstr-outcome/1"
RECEIPT_TYPE = "cstr-outcome-receipt/1"
SIGNER_ROLES = ("assessor", "reviewer")
RETRIES = 5


@dataclass
class OutcomeResult(SendResult):
    """Central's answer for one outcome addendum."""

    outcome_id: Any = None
    assessment_id: Any = None

    def identity(self) -> dict:
        return {"outcome_id": self.outcome_id, "assessment_id": self.assessment_id}


@dataclass(frozen=True)
class Verified:
    signer: str
    role: str
    signed_at: str
    outcome: CourtOutcome


def _uuid(value: Any) -> bool:
    try:
        return str(uuid.UUID(str(value))) == value
    except ValueError:
        return False


def identity(body: Any) -> tuple[str, str, str] | str:
    """(outcome id, assessment id, content hash), or why the addendum cannot be identified.
    The content hash is the SHA-256 of the canonical signed payload."""
    signed = body.get("outcome") if isinstance(body, dict) else None
    payload = signed.get("payload") if isinstance(signed, dict) else None
    if not isinstance(payload, dict):
        return "the body has no signed outcome (outcome.payload)"
    if not _uuid(payload.get("outcome_id")):
        return "outcome_id is not a UUID in its usual form"
    if not _uuid(payload.get("assessment_id")):
        return "assessment_id is not a UUID in its usual form"
    try:
        hash_ = sha256_hex(canonical(payload))
    except (TypeError, ValueError):
        return "the payload cannot be written as canonical JSON"
    return payload["outcome_id"], payload["assessment_id"], hash_


def check_addendum(body: dict, enrolled_root: str, enrolled_store: str | None) -> Verified:
    """What the addendum proves, or ``Quarantine`` with the first reason it does not."""
    if body.get("type") != ADDENDUM_TYPE:
        raise Quarantine(f"not a {ADDENDUM_TYPE} addendum")
    signed, root = body["outcome"], body.get("root_fingerprint")
    payload = signed["payload"]
    if payload.get("type") != PAYLOAD_TYPE:
        raise Quarantine(f"the signed payload is not a {PAYLOAD_TYPE} outcome")
    if not isinstance(root, str) or not HEX32_RE.match(root):
        raise Quarantine("the root fingerprint is not 32 lower-case hex characters")
    if root != enrolled_root:
        raise Quarantine("the store's root key is not the one enrolled for this device "
                         f"(addendum {root}, enrolled {enrolled_root})")
    store = payload.get("store_id")
    if not isinstance(store, str) or (enrolled_store and store != enrolled_store):
        raise Quarantine("the addendum comes from another store than the one enrolled for "
                         "this device")
    version = payload.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise Quarantine("the addendum's version is not a whole number from 1")
    certificates = body.get("certificates")
    if not isinstance(certificates, list):
        raise Quarantine("the addendum carries no certificates")
    registry = certify(store, root, certificates)
    actor = payload.get("actor")
    if signed.get("signer") != actor:
        raise Quarantine("the outcome is signed by someone other than its actor")
    try:
        at = parse_time(payload.get("at"))
    except ValueError as exc:
        raise Quarantine("the outcome has no valid time") from exc
    cert = registry.in_force(str(actor), at)
    if cert.revoked:
        raise Quarantine(f"the outcome was signed by {cert.username} after their account "
                         "was removed")
    if cert.role not in SIGNER_ROLES:
        raise Quarantine(f"the outcome was signed by {cert.username}, whose role {cert.role} "
                         "may not record an outcome (an assessor or a reviewer may)")
    if not signature_ok(cert.key, payload, signed.get("signature")):
        raise Quarantine(f"the outcome's signature does not verify under {cert.username}'s "
                         "key")
    supersedes = payload.get("supersedes")
    if supersedes is not None and supersedes != "record" and not _uuid(supersedes):
        raise Quarantine("'supersedes' is neither null, \"record\" nor an outcome id")
    answers = payload.get("answers")
    if not isinstance(answers, dict):
        raise Quarantine("the outcome has no answers")
    try:
        outcome = parse_outcome(answers)
    except OutcomeError as exc:
        raise Quarantine(f"the outcome's answers are not usable: {exc}") from exc
    return Verified(cert.username, cert.role, payload["at"], outcome)


def make_receipt(keys: CentralKeys, row: OutcomeAddendum) -> dict:
    return keys.sign({"type": RECEIPT_TYPE, "receipt_id": row.receipt_id,
                      "outcome_id": row.outcome_id, "assessment_id": row.assessment_id,
                      "content_hash": row.content_hash, "received_at": row.received_at})


def result_of(row: OutcomeAddendum, fresh: bool = False) -> OutcomeResult:
    return answer_for(OutcomeResult, row, fresh, outcome_id=row.outcome_id,
                      assessment_id=row.assessment_id)


def receive_outcome(db: Database, keys: CentralKeys, body: Any, device: Device | None,
                    via: str = "api") -> OutcomeResult:
    ident = identity(body)
    if isinstance(ident, str):
        return OutcomeResult(400, "invalid", reason=ident)
    outcome_id, _assessment, hash_ = ident
    with db.read() as session:
        held = session.scalar(select(OutcomeAddendum).where(
            OutcomeAddendum.outcome_id == outcome_id, OutcomeAddendum.content_hash == hash_))
        if held is not None:
            return result_of(held)
    try:
        verified: Verified | None = check_addendum(
            body, device.root_fingerprint if device else "", device.store_id if device else None)
        failure = None
    except Quarantine as exc:
        verified, failure = None, str(exc)
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    for _attempt in range(RETRIES):
        try:
            with db.write() as session:
                return _store(session, keys, body, ident, device, via, verified, failure, text)
        except IntegrityError:
            continue  # another worker stored this outcome meanwhile: look again
    raise RuntimeError("could not store the outcome after several attempts")


def _store(session: Session, keys: CentralKeys, body: dict, ident: tuple[str, str, str],
           device: Device | None, via: str, verified: Verified | None, failure: str | None,
           text: str) -> OutcomeResult:
    outcome_id, assessment_id, hash_ = ident
    payload = body["outcome"]["payload"]
    copies = list(session.scalars(select(OutcomeAddendum).where(
        OutcomeAddendum.outcome_id == outcome_id).order_by(OutcomeAddendum.copy_no)))
    for held in copies:
        if held.content_hash == hash_:
            return result_of(held)
    if failure is None:
        failure = _other_store(session, assessment_id, payload.get("store_id"))
    row = OutcomeAddendum(
        id=str(uuid.uuid4()), outcome_id=outcome_id, assessment_id=assessment_id,
        content_hash=hash_, copy_no=len(copies) and max(c.copy_no for c in copies) + 1,
        version=payload["version"] if isinstance(payload.get("version"), int) else None,
        store_id=str(payload.get("store_id"))[:64] if payload.get("store_id") else None,
        case_number=str(payload["case_number"])[:200]
        if isinstance(payload.get("case_number"), str) else None,
        device_id=device.id if device else None, via=via, received_at=now(), conflict=False,
        supersedes=str(payload["supersedes"])[:36]
        if isinstance(payload.get("supersedes"), str) else None, body=text)
    if verified is not None:
        row.signer, row.signer_role, row.signed_at = (verified.signer[:200], verified.role,
                                                      verified.signed_at[:40])
        row.outcome_date, row.result = verified.outcome.on.isoformat(), verified.outcome.result
    if copies:
        quarantine_copies(row, copies, f"outcome {outcome_id}", "outcome", hash_, failure)
    elif failure is not None:
        row.status, row.reason = "quarantined", failure
    else:
        row.status, row.receipt_id = "accepted", str(uuid.uuid4())
        row.receipt = json.dumps(make_receipt(keys, row), ensure_ascii=False)
    session.add(row)
    session.flush()
    actor = Actor(f"device:{device.name}" if device else "bundle", "device")
    record_event(session, actor, "outcome_receive", _record_of(session, assessment_id),
                 detail={"outcome_id": outcome_id, "status": row.status, "via": via,
                         "result": row.result, "conflict": row.conflict},
                 subject=None if _record_of(session, assessment_id) else
                 f"case {row.case_number or '?'}")
    facts.refresh(session, assessment_id)
    out = result_of(row, fresh=True)
    if copies:
        out.held_content_hash = copies[0].content_hash
    return out


def _other_store(session: Session, assessment_id: str, store_id: Any) -> str | None:
    stores = set(session.scalars(select(Record.store_id).where(
        Record.assessment_id == assessment_id).distinct()))
    if stores and store_id not in stores:
        return "the assessment's record at central came from another store"
    return None


def _record_of(session: Session, assessment_id: str) -> Record | None:
    """The newest version central holds of the assessment (for the audit's subject)."""
    return facts.newest_accepted(session, assessment_id) or session.scalar(
        select(Record).where(Record.assessment_id == assessment_id)
        .order_by(Record.received_at.desc()).limit(1))


def resolve_outcome(db: Database, keys: CentralKeys, row_id: str, decision: str,
                    reason: str, actor: Actor) -> OutcomeAddendum:
    """The office's decision on a quarantined addendum: accept it (it then counts, and
    gets a receipt) or reject it with a reason. Nothing is deleted."""
    reason = reason.strip()
    if decision not in ("accept", "reject"):
        raise ValueError("the decision is accept or reject")
    if decision == "reject" and not reason:
        raise ValueError("a reason is required to reject")
    with db.write() as session:
        row = session.get(OutcomeAddendum, row_id)
        if row is None:
            raise LookupError("no such outcome")
        if row.status != "quarantined" or row.resolution == "rejected":
            raise ValueError("this outcome is not waiting in the quarantine")
        if decision == "accept":
            try:
                usable = parse_outcome(json.loads(row.body)["outcome"]["payload"]["answers"])
            except (OutcomeError, KeyError, TypeError, ValueError) as exc:
                raise ValueError("its answers are not a usable outcome; reject it") from exc
            row.outcome_date, row.result = usable.on.isoformat(), usable.result
        row.resolved_by, row.resolved_at = actor.name, now()
        row.resolution_reason = reason or None
        if decision == "accept":
            row.status, row.resolution = "accepted", "accepted"
            if not row.receipt_id:
                row.receipt_id = str(uuid.uuid4())
                row.receipt = json.dumps(make_receipt(keys, row), ensure_ascii=False)
        else:
            row.resolution = "rejected"
        record_event(session, actor, f"outcome_{decision}", _record_of(session,
                                                                        row.assessment_id),
                     detail={"outcome_id": row.outcome_id, "reason": reason})
        facts.refresh(session, row.assessment_id)
        return row


def quarantined(session: Session) -> list[OutcomeAddendum]:
    return list(session.scalars(select(OutcomeAddendum).where(
        OutcomeAddendum.status == "quarantined", OutcomeAddendum.resolution.is_(None))
        .order_by(OutcomeAddendum.received_at.desc()).limit(500)))
