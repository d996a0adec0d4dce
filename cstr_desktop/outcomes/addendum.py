"""The signed addendum: an outcome recorded after approval (docs/outcomes.md at central).

An approved report is never amended to record what the court did. The outcome is a
``cstr-outcome/1`` payload signed by the account that records it (an assessor or a
reviewer), sent in a ``cstr-outcome-addendum/1`` envelope with the store's root
fingerprint and the certificates that prove the signer, root first. Its content hash is
the SHA-256 of the canonical payload; with ``outcome_id`` it identifies the addendum
exactly once at central, which answers with a signed ``cstr-outcome-receipt/1``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..trust import (
    CertificateBook,
    canonical,
    sha256_hex,
    unb64,
)
from .fields import OutcomeError, check_outcome

OUTCOME_TYPE = "cstr-outcome/1"
ADDENDUM_TYPE = "cstr-outcome-addendum/1"
RECEIPT_TYPE = "cstr-outcome-receipt/1"
SIGNER_ROLES = ("assessor", "reviewer")


def outcome_payload(outcome_id: str, store_id: str, assessment_id: str, version: int,
                    case_number: str | None, answers: Mapping[str, Any],
                    supersedes: str | None, at: str, actor: str) -> dict[str, Any]:
    return {"type": OUTCOME_TYPE, "outcome_id": outcome_id, "store_id": store_id,
            "assessment_id": assessment_id, "version": version, "case_number": case_number,
            "answers": dict(answers), "supersedes": supersedes, "at": at, "actor": actor}


def addendum_hash(payload: Mapping[str, Any]) -> str:
    """The addendum's content hash: SHA-256 of its canonical signed payload."""
    return sha256_hex(canonical(dict(payload)))


def root_hex(root_public_key: str) -> str:
    """The root key's fingerprint as central keeps it: 32 lower-case hex, no spaces."""
    return sha256_hex(unb64(root_public_key, 32))[:32]


def certificates_for(book: CertificateBook, account_id: str) -> list[dict]:
    """The certificates that prove ``account_id``: the root's first, then every
    certificate of the account and of each administrator in its chain of issuers."""
    root = next(c for certs in book.valid.values() for c in certs
                if c.issued_by == c.account_id and c.public_key == book.root_public_key)
    wanted, todo = set(), [account_id]
    while todo:
        ident = todo.pop()
        if ident in wanted:
            continue
        wanted.add(ident)
        todo.extend(c.issued_by for c in book.valid.get(ident, ()))
    rest = sorted((c for ident in wanted for c in book.valid.get(ident, ()) if c is not root),
                  key=lambda c: (c.issued_at, c.seq))
    return [root.signed, *(c.signed for c in rest)]


def envelope(signed: Mapping[str, Any], book: CertificateBook) -> dict[str, Any]:
    """The body of ``PUT /api/v1/outcomes/<outcome_id>``."""
    return {"type": ADDENDUM_TYPE, "root_fingerprint": root_hex(book.root_public_key),
            "certificates": certificates_for(book, signed["signer"]), "outcome": dict(signed)}


def addendum_problem(body: Mapping[str, Any], book: CertificateBook,
                     store_id: str) -> str | None:
    """None when the addendum is sound as central will check it; otherwise why not."""
    if body.get("type") != ADDENDUM_TYPE:
        return f"not a {ADDENDUM_TYPE} envelope"
    if body.get("root_fingerprint") != root_hex(book.root_public_key):
        return "the root fingerprint is not this store's"
    signed = body.get("outcome") or {}
    return signed_outcome_problem(signed, book, store_id)


def signed_outcome_problem(signed: Mapping[str, Any], book: CertificateBook,
                           store_id: str) -> str | None:
    payload = signed.get("payload")
    if not isinstance(payload, dict) or payload.get("type") != OUTCOME_TYPE:
        return f"the signed payload is not a {OUTCOME_TYPE} outcome"
    if payload.get("store_id") != store_id:
        return "the outcome is of another store"
    if signed.get("signer") != payload.get("actor"):
        return "the outcome is signed by someone other than its actor"
    problem = book.signer_ok(payload.get("actor"), str(payload.get("at")),
                             signed.get("signature"), payload, roles=SIGNER_ROLES)
    if problem:
        return f"the outcome: {problem}"
    try:
        check_outcome(payload.get("answers") or {})
    except OutcomeError as exc:
        return f"the outcome's answers: {exc}"
    return None
