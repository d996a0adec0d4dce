"""Checks a received record (``cstr-record/1``) exactly as docs/trust-model.md says.

``check_record`` returns what it proved (who countersigned, when) or raises
``Quarantine`` with the first reason the record cannot be accepted, in words an office
worker can act on. It never changes the record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from central.canonical import (
    HEX32_RE,
    HEX64_RE,
    audit_entry_hash,
    content_hash,
    fingerprint,
    normalise_code,
    parse_time,
    public_key,
    signature_ok,
    unb64,
    verification_code,
)

# Lifecycle actions and the roles that may sign them (trust model, issue 9): submit by an
# assessor; request_changes and countersign by a reviewer; amend by the version's author
# (an assessor) or a reviewer.
STEP_ROLES = {"submit": {"assessor"}, "request_changes": {"reviewer"},
              "countersign": {"reviewer"}, "amend": {"assessor", "reviewer"},
              "reply": {"assessor", "reviewer", "admin"}}
EDIT_ACTIONS_PREFIX = "answer"  # answer_saved, answer_imported, ...

RECORD_FIELDS: dict[str, type | tuple[type, ...]] = {
    "store_id": str, "root_fingerprint": str, "assessment_id": str, "version": int,
    "case_number": str, "form_id": str, "form_version": int, "content_hash": str,
    "answers": dict, "result": dict, "snapshots": dict, "pdfs": dict,
    "verification_codes": dict, "steps": list, "countersignature": dict,
    "certificates": list, "audit": list, "audit_head": str, "audit_count": int,
}


class Quarantine(Exception):
    """The record does not verify; the message says why."""


@dataclass(frozen=True)
class Cert:
    account_id: str
    username: str
    role: str
    key: Any
    issued_at: datetime
    revoked: bool
    order: int


@dataclass
class Verified:
    countersigned_at: str
    countersigner: str
    authors: list[str] = field(default_factory=list)


def check_record(record: Mapping[str, Any], enrolled_root: str,
                 enrolled_store: str | None) -> Verified:
    _check_shape(record)
    if record["root_fingerprint"] != enrolled_root:
        raise Quarantine("the store's root key is not the one enrolled for this device "
                         f"(record {record['root_fingerprint']}, enrolled {enrolled_root})")
    if enrolled_store and record["store_id"] != enrolled_store:
        raise Quarantine("the record comes from another store than the one enrolled "
                         "for this device")
    if content_hash(record["answers"]) != record["content_hash"]:
        raise Quarantine("the content hash does not match the answers: the answers were "
                         "changed after they were hashed")
    certs = _certify(record)
    steps = _check_steps(record, certs)
    counter = record["countersignature"]
    if not steps or steps[-1] != counter:
        # The steps may end with the countersignature or leave it to its own field.
        if any(s["payload"]["action"] == "countersign" for s in steps):
            raise Quarantine("the countersignature is not the last step of the version")
        _check_step(record, certs, counter, len(steps) + 1)
    payload = counter["payload"]
    if payload.get("action") != "countersign":
        raise Quarantine("the countersignature is not a countersign step")
    signer = certs.in_force(payload["actor"], parse_time(payload["at"]))
    submitters = {s["payload"]["actor"] for s in steps if s["payload"]["action"] == "submit"}
    if not submitters:
        raise Quarantine("the version has no signed submit step, so it has no author")
    if payload["actor"] in submitters:
        raise Quarantine(f"the countersigning reviewer {signer.username} is the author")
    editors = _check_audit(record, certs)
    if payload["actor"] in editors:
        raise Quarantine(f"the countersigning reviewer {signer.username} edited answers "
                         "in this version")
    _check_copies(record, counter["signature"])
    authors = sorted({certs.in_force(a, None).username for a in submitters})
    return Verified(countersigned_at=payload["at"], countersigner=signer.username,
                    authors=authors)


def _check_shape(record: Mapping[str, Any]) -> None:
    if record.get("type") != "cstr-record/1":
        raise Quarantine("not a cstr-record/1 record")
    for name, kind in RECORD_FIELDS.items():
        value = record.get(name)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise Quarantine(f"the record's '{name}' is missing or not a {_kind(kind)}")
    if not HEX64_RE.match(record["content_hash"]):
        raise Quarantine("the content hash is not 64 lower-case hex characters")
    if not HEX32_RE.match(record["root_fingerprint"]):
        raise Quarantine("the root fingerprint is not 32 lower-case hex characters")
    if not record["certificates"]:
        raise Quarantine("the record carries no certificates")
    for name in ("snapshots", "pdfs", "verification_codes"):
        for key, value in record[name].items():
            want = dict if name == "snapshots" else str
            if not isinstance(value, want):
                raise Quarantine(f"'{name}' entry '{key}' is not a {_kind(want)}")


def _kind(kind: Any) -> str:
    return {str: "text", int: "whole number", dict: "JSON object",
            list: "JSON list"}.get(kind, "value")


class _Registry:
    """Certificates accepted so far, per account, in the order they took effect."""

    def __init__(self) -> None:
        self.by_account: dict[str, list[Cert]] = {}

    def add(self, cert: Cert) -> None:
        self.by_account.setdefault(cert.account_id, []).append(cert)
        self.by_account[cert.account_id].sort(key=lambda c: (c.issued_at, c.order))

    def in_force(self, account_id: str, at: datetime | None) -> Cert:
        """The account's newest certificate issued at or before ``at`` (None: the newest)."""
        held = [c for c in self.by_account.get(account_id, [])
                if at is None or c.issued_at <= at]
        if not held:
            raise Quarantine(f"no certificate for account {account_id} was in force then")
        return held[-1]


def _cert_payload(signed: Any, index: int) -> tuple[dict, Cert]:
    where = f"certificate {index + 1}"
    if not isinstance(signed, dict) or not isinstance(signed.get("payload"), dict):
        raise Quarantine(f"{where} is not a signed object")
    p = signed["payload"]
    if p.get("type") != "cstr-account-cert/1":
        raise Quarantine(f"{where} is not a cstr-account-cert/1 certificate")
    try:
        cert = Cert(account_id=_text(p, "account_id"), username=_text(p, "username"),
                    role=_text(p, "role"), key=public_key(p.get("public_key")),
                    issued_at=parse_time(p.get("issued_at")), revoked=p.get("revoked") is True,
                    order=index)
        _text(p, "issued_by")
    except ValueError as exc:
        raise Quarantine(f"{where} is malformed: {exc}") from exc
    if cert.role not in ("assessor", "reviewer", "admin"):
        raise Quarantine(f"{where} has an unknown role '{cert.role}'")
    return p, cert


def _text(obj: Mapping[str, Any], name: str) -> str:
    value = obj.get(name)
    if not isinstance(value, str) or not value:
        raise ValueError(f"'{name}' is missing")
    return value


def certify(store_id: str, root_fingerprint: str, certificates: list) -> _Registry:
    """The certificates of a store checked to its root, as for a record (used for the
    outcome addenda, which carry their own chain)."""
    if not certificates:
        raise Quarantine("no certificates were sent")
    return _certify({"store_id": store_id, "root_fingerprint": root_fingerprint,
                     "certificates": certificates})


def _certify(record: Mapping[str, Any]) -> _Registry:
    registry = _Registry()
    parsed = [(_cert_payload(c, i), c) for i, c in enumerate(record["certificates"])]
    for (payload, cert), _signed in parsed:
        if payload.get("store_id") != record["store_id"]:
            raise Quarantine(f"the certificate of {cert.username} belongs to another store")
    (root_payload, root), root_signed = parsed[0]
    if root_payload["issued_by"] != root.account_id:
        raise Quarantine("the first certificate is not the store's self-signed root")
    if fingerprint(unb64(root_payload["public_key"])) != record["root_fingerprint"]:
        raise Quarantine("the root certificate's key does not have the record's root "
                         "fingerprint")
    if root.role != "admin" or root.revoked:
        raise Quarantine("the root certificate is not an administrator's")
    if root_signed.get("signer") != root.account_id or \
            not signature_ok(root.key, root_payload, root_signed.get("signature")):
        raise Quarantine("the root certificate's self-signature does not verify")
    registry.add(root)
    rest = sorted(parsed[1:], key=lambda item: (item[0][1].issued_at, item[0][1].order))
    for (payload, cert), signed in rest:
        issuer_id = payload["issued_by"]
        who = f"the certificate of {cert.username} issued {payload['issued_at']}"
        try:
            issuer = registry.in_force(issuer_id, cert.issued_at)
        except Quarantine as exc:
            raise Quarantine(f"{who} is not properly certified: its issuer holds no "
                             "certificate that chains to the root") from exc
        if issuer.role != "admin" or issuer.revoked:
            raise Quarantine(f"{who} is not properly certified: {issuer.username} was not "
                             "an administrator when it was issued")
        if signed.get("signer") != issuer_id or \
                not signature_ok(issuer.key, payload, signed.get("signature")):
            raise Quarantine(f"{who} is not properly certified: its signature does not "
                             f"verify under {issuer.username}'s key")
        registry.add(cert)
    return registry


def _check_steps(record: Mapping[str, Any], certs: _Registry) -> list[dict]:
    steps = record["steps"]
    for number, step in enumerate(steps, start=1):
        _check_step(record, certs, step, number)
    return steps


def _check_step(record: Mapping[str, Any], certs: _Registry, step: Any, number: int) -> None:
    where = f"lifecycle step {number}"
    if not isinstance(step, dict) or not isinstance(step.get("payload"), dict):
        raise Quarantine(f"{where} is not a signed object")
    p = step["payload"]
    if p.get("type") != "cstr-lifecycle/1":
        raise Quarantine(f"{where} is not a cstr-lifecycle/1 step")
    for name in ("store_id", "assessment_id", "version"):
        if p.get(name) != record[name]:
            raise Quarantine(f"{where} belongs to another {name.replace('_', ' ')}")
    action = p.get("action")
    if action not in STEP_ROLES:
        raise Quarantine(f"{where} has an unknown action '{action}'")
    if action == "countersign" and p.get("content_hash") != record["content_hash"]:
        raise Quarantine("the countersignature was given to other answers (its content "
                         "hash differs)")
    try:
        at = parse_time(p.get("at"))
    except ValueError as exc:
        raise Quarantine(f"{where} has no valid time") from exc
    actor = p.get("actor")
    if step.get("signer") != actor:
        raise Quarantine(f"{where} is signed by someone other than its actor")
    cert = certs.in_force(actor, at)
    if cert.revoked:
        raise Quarantine(f"{where} was signed by {cert.username} after their account "
                         "was removed")
    if cert.role not in STEP_ROLES[action]:
        raise Quarantine(f"{where} ({action}) was signed by {cert.username}, whose role "
                         f"{cert.role} may not {action.replace('_', ' ')}")
    if not signature_ok(cert.key, p, step.get("signature")):
        noun = "the countersignature" if action == "countersign" else where
        raise Quarantine(f"{noun} does not verify under {cert.username}'s key")


def _check_audit(record: Mapping[str, Any], certs: _Registry) -> set[str]:
    editors: set[str] = set()
    for number, entry in enumerate(record["audit"], start=1):
        where = f"audit entry {entry.get('seq', number) if isinstance(entry, dict) else number}"
        if not isinstance(entry, dict):
            raise Quarantine(f"{where} is not a JSON object")
        if audit_entry_hash(entry) != entry.get("hash"):
            raise Quarantine(f"{where} was altered (its hash does not recompute)")
        signer = entry.get("signer")
        if not signer:
            raise Quarantine(f"{where} is not signed")
        if signer != entry.get("actor"):
            raise Quarantine(f"{where} is signed by someone other than its actor")
        try:
            cert = certs.in_force(signer, parse_time(entry.get("at")))
        except ValueError as exc:
            raise Quarantine(f"{where} has no valid time") from exc
        if not signature_ok(cert.key, {"type": "cstr-audit/1", "hash": entry["hash"]},
                            entry.get("signature")):
            raise Quarantine(f"{where}'s signature does not verify under "
                             f"{cert.username}'s key")
        if str(entry.get("action", "")).startswith(EDIT_ACTIONS_PREFIX):
            editors.add(str(entry.get("actor")))
            editors.add(signer)
    if not HEX64_RE.match(record["audit_head"]):
        raise Quarantine("the audit chain head is not 64 lower-case hex characters")
    if record["audit_count"] < len(record["audit"]):
        raise Quarantine("the audit count is smaller than the entries sent")
    return editors


def _check_copies(record: Mapping[str, Any], countersignature: Any) -> None:
    snapshots, codes = record["snapshots"], record["verification_codes"]
    if not snapshots:
        raise Quarantine("the record carries no reader copies")
    if set(snapshots) != set(codes):
        raise Quarantine("the reader copies and their verification codes do not match "
                         "one for one")
    for key, snapshot in snapshots.items():
        if normalise_code(verification_code(countersignature, snapshot)) != \
                normalise_code(codes[key]):
            raise Quarantine(f"the verification code of the {key} copy does not recompute: "
                             "the copy was changed after it was countersigned")
    for key, pdf in record["pdfs"].items():
        if key not in snapshots:
            raise Quarantine(f"the PDF {key} has no snapshot")
        try:
            data = unb64(pdf)
        except ValueError as exc:
            raise Quarantine(f"the PDF {key} is not base64") from exc
        if not data.startswith(b"%PDF-"):
            raise Quarantine(f"the PDF {key} is not a PDF")
