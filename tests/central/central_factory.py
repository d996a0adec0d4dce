"""Valid signed records built with ``cryptography`` directly, per docs/trust-model.md.

Independent of the laptop's code (which is changing): keys, the store's self-signed root
certificate, account certificates, signed lifecycle steps, the countersignature, signed
audit entries, snapshots, PDFs and verification codes.
"""

from __future__ import annotations

import copy
import io
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central.canonical import (
    audit_entry_hash,
    b64,
    canonical,
    content_hash,
    fingerprint,
    stamp,
    verification_code,
)

GENESIS = "0" * 64


def raw_public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw,
                                         serialization.PublicFormat.Raw)


def sign(key: Ed25519PrivateKey, payload: dict, signer: str | None) -> dict:
    return {"payload": payload, "signer": signer, "signature": b64(key.sign(canonical(payload)))}


@dataclass
class Account:
    id: str
    username: str
    role: str
    key: Ed25519PrivateKey
    cert: dict


@dataclass
class LaptopStore:
    """One laptop's store: its id, its root administrator and the accounts it certified."""

    store_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    clock: datetime = field(default_factory=lambda: datetime(2026, 11, 23, 8, 0, tzinfo=UTC))
    accounts: dict[str, Account] = field(default_factory=dict)
    certificates: list[dict] = field(default_factory=list)
    audit_seq: int = 0
    audit_prev: str = GENESIS

    def __post_init__(self) -> None:
        root_key = Ed25519PrivateKey.generate()
        root_id = str(uuid.uuid4())
        payload = self._cert_payload(root_id, "root-admin", "admin", root_key, root_id)
        cert = sign(root_key, payload, root_id)
        self.root = Account(root_id, "root-admin", "admin", root_key, cert)
        self.accounts["root-admin"] = self.root
        self.certificates.append(cert)
        self.device_key = Ed25519PrivateKey.generate()

    @property
    def root_fingerprint(self) -> str:
        return fingerprint(raw_public(self.root.key))

    @property
    def device_public(self) -> str:
        return b64(raw_public(self.device_key))

    def tick(self, minutes: int = 1) -> str:
        self.clock += timedelta(minutes=minutes)
        return stamp(self.clock)

    def _cert_payload(self, account_id: str, username: str, role: str,
                      key: Ed25519PrivateKey, issued_by: str, revoked: bool = False) -> dict:
        return {"type": "cstr-account-cert/1", "store_id": self.store_id,
                "account_id": account_id, "username": username, "role": role,
                "public_key": b64(raw_public(key)), "issued_at": self.tick(),
                "issued_by": issued_by, "revoked": revoked}

    def add_account(self, username: str, role: str, issuer: Account | None = None) -> Account:
        issuer = issuer or self.root
        key = Ed25519PrivateKey.generate()
        account_id = str(uuid.uuid4())
        cert = sign(issuer.key, self._cert_payload(account_id, username, role, key, issuer.id),
                    issuer.id)
        account = Account(account_id, username, role, key, cert)
        self.accounts[username] = account
        self.certificates.append(cert)
        return account

    def reissue(self, account: Account, role: str, revoked: bool = False,
                issuer: Account | None = None) -> dict:
        """A newer certificate for the same account (a role change or a removal)."""
        issuer = issuer or self.root
        payload = self._cert_payload(account.id, account.username, role, account.key,
                                     issuer.id, revoked)
        cert = sign(issuer.key, payload, issuer.id)
        account.role = role
        self.certificates.append(cert)
        return cert

    def audit(self, actor: Account, action: str, assessment_id: str, name: str | None = None,
              old: Any = None, new: Any = None, reason: str | None = None) -> dict:
        self.audit_seq += 1
        entry = {"seq": self.audit_seq, "id": str(uuid.uuid4()), "at": self.tick(),
                 "actor": actor.id, "action": action, "entity": "assessment",
                 "entity_id": assessment_id, "field": name, "old": old, "new": new,
                 "reason": reason, "prev_hash": self.audit_prev}
        entry["hash"] = audit_entry_hash(entry)
        entry["signer"] = actor.id
        entry["signature"] = b64(actor.key.sign(canonical({"type": "cstr-audit/1",
                                                           "hash": entry["hash"]})))
        self.audit_prev = entry["hash"]
        return entry

    def step(self, actor: Account, action: str, assessment_id: str, version: int,
             answers_hash: str, comment: str | None = None) -> dict:
        payload = {"type": "cstr-lifecycle/1", "store_id": self.store_id,
                   "assessment_id": assessment_id, "version": version, "action": action,
                   "content_hash": answers_hash, "audit_head": self.audit_prev,
                   "at": self.tick(), "actor": actor.id, "comment": comment}
        return sign(actor.key, payload, actor.id)


PEOPLE = [("Pritchard", "Elin Mair", "Cardiff Crown Court"),
          ("Okafor", "Daniel", "Swansea Magistrates' Court"),
          ("Hughes", "Siân", "Mold Crown Court"),
          ("Kowalski", "Tomasz", "Newport Magistrates' Court"),
          ("Ahmed", "Yasmin", "Cardiff Magistrates' Court")]


def sample_answers(n: int = 0, hearing: str = "2026-11-23") -> dict[str, Any]:
    family, given, court = PEOPLE[n % len(PEOPLE)]
    return {"person_family_name": family if n < len(PEOPLE) else f"{family}-{n}",
            "person_given_names": given, "person_dob": "1988-03-14", "hearing_date": hearing,
            "court_name": court, "courtroom": "3", "case_number": f"CR-2026-{1000 + n:05d}",
            "language_preference": "en", "convicted": "yes", "offence_imprisonable": "yes",
            "capacity_to_consent": "yes", "consent_assessment": "yes",
            "consent_share_court": "yes", "consent_share_probation": "yes",
            "phq9_1": 2, "phq9_2": 2, "phq9_9": 0, "mh_requires_treatment": "yes"}


_PDF_CACHE: dict[tuple[str, str], bytes] = {}


def make_pdf(title: str, lines: list[str]) -> bytes:
    key = (title, "\n".join(lines))
    if key not in _PDF_CACHE:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        out = io.BytesIO()
        page = canvas.Canvas(out, pagesize=A4)
        page.setTitle(title)
        page.setFont("Helvetica-Bold", 16)
        page.drawString(60, 780, title)
        page.setFont("Helvetica", 11)
        for number, line in enumerate(lines):
            page.drawString(60, 750 - 18 * number, line)
        page.setFont("Helvetica", 8)
        page.drawString(60, 40, "OFFICIAL-SENSITIVE  ·  fictional test record")
        page.showPage()
        page.save()
        _PDF_CACHE[key] = out.getvalue()
    return _PDF_CACHE[key]


def make_record(store: LaptopStore, *, n: int = 0, version: int = 1,
                assessment_id: str | None = None, answers: dict | None = None,
                copies: tuple[str, ...] = ("court/en", "court/cy", "probation/en"),
                assessor: str = "assessor", reviewer: str = "reviewer",
                pdfs: bool = True, result: dict | None = None) -> dict:
    """One countersigned version, valid in every respect."""
    author = store.accounts.get(assessor) or store.add_account(assessor, "assessor")
    checker = store.accounts.get(reviewer) or store.add_account(reviewer, "reviewer")
    assessment_id = assessment_id or str(uuid.uuid4())
    answers = dict(answers or sample_answers(n))
    answers_hash = content_hash(answers)
    audit = [store.audit(author, "answer_saved", assessment_id, name, None, value)
             for name, value in list(answers.items())[:4]]
    steps = [store.step(author, "submit", assessment_id, version, answers_hash)]
    audit.append(store.audit(author, "submit", assessment_id, old="draft",
                             new="awaiting_review"))
    counter = store.step(checker, "countersign", assessment_id, version, answers_hash)
    steps.append(counter)
    audit.append(store.audit(checker, "countersign", assessment_id, old="awaiting_review",
                             new="approved"))
    person = f"{answers['person_family_name'].upper()}, {answers['person_given_names']}"
    snapshots, codes, pdf_map = {}, {}, {}
    for key in copies:
        reader, lang = key.split("/")
        snapshot = {"schema": "cstr-report-snapshot/1", "reader": reader, "lang": lang,
                    "person": person, "case_number": answers["case_number"],
                    "court": answers["court_name"], "answers": answers, "version": version,
                    "generated_at": stamp(store.clock)}
        snapshots[key] = snapshot
        codes[key] = verification_code(counter["signature"], snapshot)
        if pdfs:
            title = ("Adroddiad i'r llys" if lang == "cy" else "Court report") \
                if reader == "court" else f"{reader.title()} copy"
            pdf_map[key] = b64(make_pdf(title, [
                person, f"Case {answers['case_number']} · {answers['court_name']}",
                f"Hearing {answers['hearing_date']} · version {version}",
                f"Verification code {codes[key]}"]))
    return {"type": "cstr-record/1", "store_id": store.store_id,
            "root_fingerprint": store.root_fingerprint, "assessment_id": assessment_id,
            "version": version, "case_number": answers["case_number"],
            "form_id": "cstr_court_day", "form_version": 2, "content_hash": answers_hash,
            "answers": answers,
            "result": result or {"schema": "cstr-assessment-result/1", "age": 38,
                                 "requirements": {"mhtr": {"status": "eligible",
                                                           "criteria": []}}},
            "snapshots": snapshots, "pdfs": pdf_map, "verification_codes": codes,
            "steps": steps, "countersignature": counter,
            "certificates": list(store.certificates), "audit": audit,
            "audit_head": store.audit_prev, "audit_count": store.audit_seq}


def recountersign(store: LaptopStore, record: dict, signer: Account) -> dict:
    """The same version countersigned by ``signer`` (its codes recomputed to match)."""
    out = copy.deepcopy(record)
    counter = store.step(signer, "countersign", out["assessment_id"], out["version"],
                         out["content_hash"])
    out["steps"][-1] = counter
    out["countersignature"] = counter
    out["verification_codes"] = {k: verification_code(counter["signature"], snap)
                                 for k, snap in out["snapshots"].items()}
    out["certificates"] = list(store.certificates)
    return out


def tampered(record: dict, change) -> dict:
    out = copy.deepcopy(record)
    change(out)
    return out


def make_outcome(store: LaptopStore, assessment_id: str, answers: dict, *,
                 signer: str = "assessor", version: int = 1, case_number: str | None = None,
                 supersedes: str | None = None, outcome_id: str | None = None) -> dict:
    """A court outcome recorded after approval: a ``cstr-outcome/1`` payload signed by an
    account of the store, in its ``cstr-outcome-addendum/1`` envelope with the store's
    certificates (docs/outcomes.md), built from the trust model alone."""
    account = store.accounts.get(signer) or store.add_account(
        signer, "reviewer" if "review" in signer else "assessor")
    payload = {"type": "cstr-outcome/1", "outcome_id": outcome_id or str(uuid.uuid4()),
               "store_id": store.store_id, "assessment_id": assessment_id,
               "version": version, "case_number": case_number, "answers": dict(answers),
               "supersedes": supersedes, "at": store.tick(), "actor": account.id}
    return {"type": "cstr-outcome-addendum/1", "root_fingerprint": store.root_fingerprint,
            "certificates": list(store.certificates),
            "outcome": sign(account.key, payload, account.id)}


def resign_outcome(store: LaptopStore, body: dict, signer: Account) -> dict:
    """The same addendum with its payload (perhaps changed) signed again by ``signer``."""
    out = copy.deepcopy(body)
    payload = out["outcome"]["payload"]
    payload["actor"] = signer.id
    out["outcome"] = sign(signer.key, payload, signer.id)
    out["certificates"] = list(store.certificates)
    return out
