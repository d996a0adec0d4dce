"""Central's receipts, checked against the signing key pinned at enrolment."""

from __future__ import annotations

from typing import Any

from cstr_desktop.trust.signatures import fingerprint, load_public, signature_ok

RECEIPT_TYPE = "cstr-receipt/1"


def central_signer(signing_key: str) -> str:
    return "central:" + fingerprint(signing_key).replace(" ", "")


def signed_by_central(obj: Any, signing_key: str) -> bool:
    """Whether ``obj`` is a signed object that the pinned key ``signing_key`` verifies."""
    if not isinstance(obj, dict) or not isinstance(obj.get("payload"), dict):
        return False
    try:
        public = load_public(signing_key)
    except ValueError:
        return False
    return signature_ok(public, obj.get("signature"), obj["payload"])


def receipt_problem(receipt: Any, signing_key: str, assessment_id: str, version: int,
                    content_hash: str) -> str | None:
    """None when the receipt counts: signed by the pinned key, for exactly this version
    and content; otherwise what is wrong."""
    if not isinstance(receipt, dict) or not isinstance(receipt.get("payload"), dict):
        return "no receipt"
    p = receipt["payload"]
    if p.get("type") != RECEIPT_TYPE or not isinstance(p.get("receipt_id"), str):
        return "not a cstr-receipt/1"
    if (p.get("assessment_id"), p.get("version"), p.get("content_hash")) != \
            (assessment_id, version, content_hash):
        return "the receipt is for another version or content"
    if not signed_by_central(receipt, signing_key):
        return "the receipt is not signed by the central key pinned at enrolment"
    return None


OUTCOME_RECEIPT_TYPE = "cstr-outcome-receipt/1"


def outcome_receipt_problem(receipt: Any, signing_key: str, outcome_id: str,
                            assessment_id: str, content_hash: str) -> str | None:
    """As :func:`receipt_problem`, for an outcome addendum's ``cstr-outcome-receipt/1``."""
    if not isinstance(receipt, dict) or not isinstance(receipt.get("payload"), dict):
        return "no receipt"
    p = receipt["payload"]
    if p.get("type") != OUTCOME_RECEIPT_TYPE or not isinstance(p.get("receipt_id"), str):
        return "not a cstr-outcome-receipt/1"
    if (p.get("outcome_id"), p.get("assessment_id"), p.get("content_hash")) != \
            (outcome_id, assessment_id, content_hash):
        return "the receipt is for another outcome or content"
    if not signed_by_central(receipt, signing_key):
        return "the receipt is not signed by the central key pinned at enrolment"
    return None


def row_receipt_problem(row: dict, receipt: Any, signing_key: str) -> str | None:
    """Whether an outbox row's receipt counts (a record's or an outcome's)."""
    if row["kind"] == "outcome":
        return outcome_receipt_problem(receipt, signing_key, row["item_id"],
                                       row["assessment_id"], row["content_hash"])
    return receipt_problem(receipt, signing_key, row["assessment_id"], row["version"],
                           row["content_hash"])
