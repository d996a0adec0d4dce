"""Receiving one version exactly once, with its signed receipt.

A version is (assessment id, version) and carries its content hash. The first content
received for a version is copy 0; the same content again changes nothing and returns
what was returned the first time (the same receipt). A different content for a version
already held is a conflict: it is kept as the next copy, and every copy of that version
is quarantined until the office resolves it. A record that does not verify is kept,
quarantined with the reason. Only an accepted version gets a receipt.

Unique constraints on (assessment, version, copy) and (assessment, version, hash) make
this safe when several workers or hosts write at once: a loser of a race retries and
finds the winner's row.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central import facts
from central.audit import Actor, record_event
from central.canonical import (
    HEX64_RE,
    case_form,
    normalise_code,
    now,
    search_terms,
)
from central.db import Database
from central.keys import CentralKeys
from central.models import (
    Court,
    Device,
    Record,
    RecordBody,
    SearchTerm,
    VerificationCode,
)
from central.record_check import Quarantine, Verified, check_record
from central.send_result import SendResult, answer_for, quarantine_copies

RETRIES = 5


@dataclass
class Outcome(SendResult):
    """Central's answer for one record version."""

    assessment_id: Any = None
    version: Any = None
    record_id: str | None = None

    def identity(self) -> dict:
        return {"assessment_id": self.assessment_id, "version": self.version}


def identity(record: Any) -> tuple[str, int, str] | str:
    """(assessment id, version, content hash), or why the record cannot be identified."""
    if not isinstance(record, dict):
        return "the record is not a JSON object"
    assessment_id, version, hash_ = (record.get("assessment_id"), record.get("version"),
                                     record.get("content_hash"))
    try:
        if str(uuid.UUID(str(assessment_id))) != assessment_id:
            raise ValueError
    except ValueError:
        return "assessment_id is not a UUID in its usual form"
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return "version is not a whole number from 1"
    if not isinstance(hash_, str) or not HEX64_RE.match(hash_):
        return "content_hash is not 64 lower-case hex characters"
    return assessment_id, version, hash_


def make_receipt(keys: CentralKeys, row: Record) -> dict:
    return keys.sign({"type": "cstr-receipt/1", "receipt_id": row.receipt_id,
                      "assessment_id": row.assessment_id, "version": row.version,
                      "content_hash": row.content_hash, "received_at": row.received_at})


def outcome_of(row: Record, fresh: bool = False) -> Outcome:
    """What to answer about a row held (``fresh``: it was inserted by this request)."""
    return answer_for(Outcome, row, fresh, assessment_id=row.assessment_id,
                      version=row.version, record_id=row.id)


def _text(answers: dict, name: str, size: int) -> str | None:
    value = answers.get(name)
    return value[:size] if isinstance(value, str) else None


def _row_for(record: dict, ident: tuple[str, int, str], device: Device | None,
             via: str) -> Record:
    answers = record.get("answers") if isinstance(record.get("answers"), dict) else {}
    family = _text(answers, "person_family_name", 200)
    given = _text(answers, "person_given_names", 200)
    court = _text(answers, "court_name", 200)
    case = record.get("case_number") if isinstance(record.get("case_number"), str) \
        else _text(answers, "case_number", 200)
    hearing = _text(answers, "hearing_date", 10)
    form_version = record.get("form_version")
    return Record(
        id=str(uuid.uuid4()), assessment_id=ident[0], version=ident[1],
        content_hash=ident[2], device_id=device.id if device else None, via=via,
        store_id=str(record.get("store_id"))[:64] if record.get("store_id") else None,
        case_number=case[:200] if case else None, case_search=case_form(case)[:200] or None,
        family_name=family, given_names=given, court_name=court, hearing_date=hearing,
        form_id=str(record.get("form_id"))[:100] if record.get("form_id") else None,
        form_version=form_version if isinstance(form_version, int) else None,
        received_at=now(), conflict=False)


def receive(db: Database, keys: CentralKeys, record: Any, device: Device | None,
            via: str = "api") -> Outcome:
    ident = identity(record)
    if isinstance(ident, str):
        return Outcome(400, "invalid", reason=ident)
    assessment_id, version, hash_ = ident
    with db.read() as session:
        held = session.scalar(select(Record).where(
            Record.assessment_id == assessment_id, Record.version == version,
            Record.content_hash == hash_))
        if held is not None:
            return outcome_of(held)
    try:
        verified: Verified | None = check_record(
            record, device.root_fingerprint if device else "", device.store_id if device else None)
        failure = None
    except Quarantine as exc:
        verified, failure = None, str(exc)
    body = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    for _attempt in range(RETRIES):
        try:
            with db.write() as session:
                return _store(session, keys, record, ident, device, via, verified, failure,
                              body)
        except IntegrityError:
            continue  # another worker stored this version meanwhile: look again
    raise RuntimeError("could not store the record after several attempts")


def _store(session: Session, keys: CentralKeys, record: dict, ident: tuple[str, int, str],
           device: Device | None, via: str, verified: Verified | None,
           failure: str | None, body: str) -> Outcome:
    assessment_id, version, hash_ = ident
    copies = list(session.scalars(select(Record).where(
        Record.assessment_id == assessment_id, Record.version == version)
        .order_by(Record.copy_no)))
    for held in copies:
        if held.content_hash == hash_:
            return outcome_of(held)
    row = _row_for(record, ident, device, via)
    row.copy_no = len(copies) and max(c.copy_no for c in copies) + 1
    actor = Actor(f"device:{device.name}" if device else "bundle", "device")
    if copies:
        quarantine_copies(row, copies, f"version {version} of this assessment", "version",
                          hash_, failure)
    elif failure is not None:
        row.status, row.reason = "quarantined", failure
    else:
        row.status = "accepted"
        row.central_version = _central_version(session, row)
        row.receipt_id = str(uuid.uuid4())
    if verified is not None:
        row.countersigned_at, row.countersigner = (verified.countersigned_at[:40],
                                                   verified.countersigner[:200])
    if row.receipt_id:
        row.receipt = json.dumps(make_receipt(keys, row), ensure_ascii=False)
    session.add(row)
    session.flush()
    session.add(RecordBody(record_id=row.id, body=body))
    _add_codes(session, row, record)
    add_terms(session, row)
    record_event(session, actor, "record_receive", row,
                 detail={"version": version, "status": row.status, "via": via,
                         "conflict": row.conflict})
    session.flush()
    facts.refresh(session, assessment_id, record)
    outcome = outcome_of(row, fresh=True)
    if copies:
        outcome.held_content_hash = copies[0].content_hash
    return outcome


def _add_codes(session: Session, row: Record, record: dict) -> None:
    codes = record.get("verification_codes")
    if not isinstance(codes, dict):
        return
    seen: set[str] = set()
    for key, text in codes.items():
        code = normalise_code(text) if isinstance(text, str) else None
        if code and code not in seen:
            seen.add(code)
            session.add(VerificationCode(code=code, record_id=row.id, copy_key=str(key)[:40]))


def add_terms(session: Session, row: Record) -> None:
    """What the records page searches by: the words of the names, and the court."""
    for term in search_terms(f"{row.family_name or ''} {row.given_names or ''}"):
        session.add(SearchTerm(kind="name", term=term, received_at=row.received_at,
                               record_id=row.id))
    folded = " ".join(search_terms(row.court_name))
    if folded and session.get(Court, folded[:200]) is None:
        session.add(Court(court_search=folded[:200], court_name=row.court_name))


def _central_version(session: Session, row: Record) -> int:
    """The version's own number when no accepted copy holds it, else the next free one."""
    taken = set(session.scalars(select(Record.central_version).where(
        Record.assessment_id == row.assessment_id, Record.status == "accepted",
        Record.id != row.id, Record.central_version.is_not(None))))
    if row.copy_no == 0 and row.version not in taken:
        return row.version
    return max(taken | {row.version}) + 1


def resolve(db: Database, keys: CentralKeys, record_id: str, decision: str,
            reason: str, actor: Actor) -> Record:
    """The office's decision on a quarantined copy: accept it (as a version of its own,
    with a receipt) or reject it with a reason. Both are audited; nothing is deleted."""
    reason = reason.strip()
    if decision not in ("accept", "reject"):
        raise ValueError("the decision is accept or reject")
    if decision == "reject" and not reason:
        raise ValueError("a reason is required to reject")
    with db.write() as session:
        row = session.get(Record, record_id)
        if row is None:
            raise LookupError("no such record")
        if row.status != "quarantined" or row.resolution == "rejected":
            raise ValueError("this record is not waiting in the quarantine")
        row.resolved_by, row.resolved_at = actor.name, now()
        row.resolution_reason = reason or None
        if decision == "accept":
            row.status, row.resolution = "accepted", "accepted"
            row.central_version = _central_version(session, row)
            if not row.receipt_id:
                row.receipt_id = str(uuid.uuid4())
                row.receipt = json.dumps(make_receipt(keys, row), ensure_ascii=False)
        else:
            row.resolution = "rejected"
        record_event(session, actor, f"quarantine_{decision}", row,
                     detail={"reason": reason, "central_version": row.central_version})
        facts.refresh(session, row.assessment_id)
        return row


def lookup(session: Session, items: Any, device: Device) -> list[Outcome]:
    """What central holds for versions a device asks about (after a lost answer)."""
    out = []
    for item in items if isinstance(items, list) else []:
        ident = identity(item)
        if isinstance(ident, str):
            out.append(Outcome(400, "invalid", reason=ident))
            continue
        row = session.scalar(select(Record).where(
            Record.assessment_id == ident[0], Record.version == ident[1],
            Record.content_hash == ident[2], Record.store_id == device.store_id))
        unknown = Outcome(404, "unknown", assessment_id=ident[0], version=ident[1],
                          content_hash=ident[2])
        out.append(outcome_of(row) if row else unknown)
    return out


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Record)) or 0
