"""The trust model's formats (docs/trust-model.md), as central records will check them."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from support.reporting import APPROVED, snapshot
from support.stores import KDF

from cstr_desktop.key_wrap import recovery_key_from_text, recovery_key_text
from cstr_desktop.trust import (
    CertificateBook,
    canonical,
    cert_payload,
    fingerprint,
    fold_name,
    public_b64,
    sign,
    signature_ok,
    snapshot_hash,
    verification_code,
)

STORE = str(uuid.uuid4())


def test_canonical_json_is_the_trust_models():
    assert canonical({"b": 1, "a": "Siân", "c": [None, True]}) == \
        '{"a":"Siân","b":1,"c":[null,true]}'.encode()


def test_a_fingerprint_is_8_groups_of_4_hex_of_the_keys_sha256():
    key = Ed25519PrivateKey.generate()
    raw = base64.b64decode(public_b64(key))
    expected = hashlib.sha256(raw).hexdigest()[:32]
    assert fingerprint(public_b64(key)) == " ".join(expected[i:i + 4] for i in range(0, 32, 4))


def test_the_verification_code_follows_the_trust_model_exactly():
    signature, digest = "c2lnbmF0dXJl", "ab" * 32
    body = json.dumps({"countersignature": signature, "snapshot": digest}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False).encode()
    text = base64.b32encode(hashlib.sha256(body).digest()).decode()[:16]
    assert verification_code(signature, digest) == "-".join(text[i:i + 4]
                                                             for i in range(0, 16, 4))


def test_the_report_prints_the_one_functions_code():
    from reports.snapshot import verification_code as report_code

    snap = snapshot(context=APPROVED)
    assert report_code(snap) == verification_code(APPROVED.countersignature,
                                                  snapshot_hash(snap))
    # generated_at (the time of the print) is left out of the hash
    assert snapshot_hash({**snap, "generated_at": "2030-01-01"}) == snapshot_hash(snap)


def test_a_signature_verifies_only_for_its_payload_and_purpose():
    key = Ed25519PrivateKey.generate()
    signed = sign({"type": "cstr-audit/1", "hash": "0" * 64}, key, "a")
    public = key.public_key()
    assert signature_ok(public, signed["signature"], signed["payload"])
    assert not signature_ok(public, signed["signature"], {"type": "cstr-lifecycle/1",
                                                         "hash": "0" * 64})
    assert not signature_ok(public, "not base64!", signed["payload"])
    with pytest.raises(ValueError):
        sign({"hash": "0" * 64}, key, "a")


def test_names_are_compared_after_nfkc_and_case_folding():
    assert fold_name("Demo-Reviewer") == fold_name("demo-reviewer")
    assert fold_name("ＤＥＭＯ-reviewer") == fold_name("demo-reviewer")
    assert fold_name("STRASSE") == fold_name("straße")


def book_of(*certs):
    root_key = certs[0][1]
    return CertificateBook(STORE, public_b64(root_key),
                           [(i + 1, c[0]) for i, c in enumerate(certs)])


def cert(account, name, role, key, issuer, issuer_key, at, revoked=False):
    return sign(cert_payload(STORE, account, name, role, public_b64(key), at, issuer, revoked),
                issuer_key, issuer), key


def test_certificates_chain_to_the_root_through_administrators():
    root, admin2, sam, eve = (Ed25519PrivateKey.generate() for _ in range(4))
    ids = {n: str(uuid.uuid4()) for n in ("root", "admin2", "sam", "eve")}
    book = book_of(
        cert(ids["root"], "root", "admin", root, ids["root"], root, "2026-01-01"),
        cert(ids["admin2"], "admin2", "admin", admin2, ids["root"], root, "2026-01-02"),
        cert(ids["sam"], "sam", "assessor", sam, ids["admin2"], admin2, "2026-01-03"),
        # An assessor cannot certify anyone, not even as an administrator.
        cert(ids["eve"], "eve", "admin", eve, ids["sam"], sam, "2026-01-04"),
        # A removal: sam's certificate is revoked from 2026-02-01.
        cert(ids["sam"], "sam", "assessor", sam, ids["root"], root, "2026-02-01", True),
    )
    assert book.current(ids["admin2"]).role == "admin"
    assert book.current(ids["eve"]) is None and len(book.problems) == 1
    assert "issuer was not a certified administrator" in book.problems[0]
    assert book.at(ids["sam"], "2026-01-15").revoked is False
    assert book.current(ids["sam"]).revoked is True
    payload = {"type": "cstr-audit/1", "hash": "1" * 64}
    good = sign(payload, sam, ids["sam"])["signature"]
    assert book.signer_ok(ids["sam"], "2026-01-15", good, payload) is None
    assert "removed" in book.signer_ok(ids["sam"], "2026-02-15", good, payload)
    assert "not reviewer" in book.signer_ok(ids["sam"], "2026-01-15", good, payload,
                                            ("reviewer",))
    assert "no certified account" in book.signer_ok(ids["sam"], "2025-12-31", good, payload)


def test_a_certificate_of_another_store_or_altered_counts_for_nothing():
    root, sam = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    rid, sid = str(uuid.uuid4()), str(uuid.uuid4())
    root_cert = cert(rid, "root", "admin", root, rid, root, "2026-01-01")
    altered, _ = cert(sid, "sam", "assessor", sam, rid, root, "2026-01-02")
    altered = {**altered, "payload": {**altered["payload"], "role": "admin"}}
    other = sign(cert_payload(str(uuid.uuid4()), sid, "sam", "assessor", public_b64(sam),
                              "2026-01-02", rid), root, rid)
    book = book_of(root_cert, (altered, sam), (other, sam))
    assert book.current(sid) is None and len(book.problems) == 2


def test_the_recovery_key_reads_back_in_any_spelling():
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from cstr_desktop.key_wrap import box_public

    private = X25519PrivateKey.generate()
    text = recovery_key_text(private)
    assert len(text.split("-")) == 14
    again = recovery_key_from_text(text.lower().replace("-", " "))
    assert box_public(again) == box_public(private)
    with pytest.raises(ValueError):
        recovery_key_from_text("not a key")


def test_the_store_records_follow_the_trust_model(tmp_path, bundle):
    """What central will receive: certificates and signed steps that check out alone."""
    from support.reporting import full_answers
    from support.stores import make_store

    from cstr_desktop.store import Store
    from cstr_desktop.trust import content_hash, load_public

    folder = tmp_path / "data"
    make_store(folder, {"sam": ("assessor password", "assessor"),
                        "rita": ("reviewer password", "reviewer")})
    with Store.open(folder, "sam", "assessor password", kdf=KDF) as sam:
        a = sam.create_assessment(bundle, "CF-1")
        sam.import_answers(bundle, a, full_answers())
        sam.submit_for_review(a)
    with Store.open(folder, "rita", "reviewer password", kdf=KDF) as rita:
        rita.countersign(a, "reviewer password")
        certs = rita.certificates()
        steps = rita.signed_steps(a)
        answers = rita.answers(a)
        store_id = rita.store_id
    root = certs[0]
    assert root["payload"]["issued_by"] == root["payload"]["account_id"] == root["signer"]
    assert [s["payload"]["action"] for s in steps] == ["submit", "countersign"]
    counter = steps[-1]
    assert set(counter["payload"]) == {"type", "store_id", "assessment_id", "version",
                                       "action", "content_hash", "audit_head", "at", "actor",
                                       "comment"}
    assert counter["payload"]["store_id"] == store_id
    assert counter["payload"]["content_hash"] == content_hash(answers)
    rita_cert = next(c for c in certs if c["payload"]["username"] == "rita")
    assert rita_cert["payload"]["role"] == "reviewer"
    assert signature_ok(load_public(rita_cert["payload"]["public_key"]),
                        counter["signature"], counter["payload"])


def test_many_signatures_are_checked_on_every_core_and_the_bad_ones_named(monkeypatch):
    from cstr_desktop import signature_pool

    key = Ed25519PrivateKey.generate()
    raw = base64.b64decode(public_b64(key))
    items = []
    for seq in range(1, 61):
        message = canonical({"type": "cstr-audit/1", "hash": f"{seq:064x}"})
        signature = key.sign(message if seq not in (7, 42) else b"something else")
        items.append((seq, raw, signature, message))
    monkeypatch.setattr(signature_pool, "PARALLEL_FROM", 10)
    monkeypatch.setattr(signature_pool, "CHUNK", 16)
    assert signature_pool.failing_in_parallel(items) == [7, 42]
    assert signature_pool.failing(items) == [7, 42]
