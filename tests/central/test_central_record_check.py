"""Every check central makes on a record (docs/trust-model.md), one way to fail each,
and the shared formats held in step with the laptop's own code."""

from __future__ import annotations

import copy

import pytest
from central_factory import (
    LaptopStore,
    make_record,
    recountersign,
    sign,
    tampered,
)
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central.canonical import (
    audit_entry_hash,
    b64,
    canonical,
    content_hash,
    snapshot_hash,
    verification_code,
)
from central.record_check import Quarantine, check_record


@pytest.fixture
def store() -> LaptopStore:
    return LaptopStore()


def verdict(store: LaptopStore, record: dict) -> str:
    try:
        check_record(record, store.root_fingerprint, store.store_id)
    except Quarantine as exc:
        return str(exc)
    return "ok"


def test_a_valid_record_verifies(store):
    record = make_record(store)
    proved = check_record(record, store.root_fingerprint, store.store_id)
    assert proved.countersigner == "reviewer" and proved.authors == ["assessor"]
    assert proved.countersigned_at == record["countersignature"]["payload"]["at"]


def test_codes_may_be_written_with_dashes(store):
    record = make_record(store)
    for key, code in record["verification_codes"].items():
        record["verification_codes"][key] = code.replace(" ", "-").lower()
    assert verdict(store, record) == "ok"


def _resign_step(store, record, index, **changes):
    step = record["steps"][index]
    account = next(a for a in store.accounts.values() if a.id == step["signer"])
    step["payload"].update(changes)
    step["signature"] = b64(account.key.sign(canonical(step["payload"])))


def _forge_cert(record):
    cert = record["certificates"][2]
    cert["signature"] = b64(Ed25519PrivateKey.generate().sign(canonical(cert["payload"])))


def _stranger_root(record):
    record["certificates"][0] = LaptopStore(store_id=record["store_id"]).certificates[0]


def _bad_audit_signature(record):
    entry = record["audit"][1]
    entry["signature"] = record["audit"][0]["signature"]


def _pdf_not_pdf(record):
    record["pdfs"]["court/en"] = b64(b"<html>not a pdf</html>")


TAMPERING = [
    ("an answer changed", lambda r: r["answers"].update(phq9_1=3),
     "content hash does not match the answers"),
    ("an answer changed and rehashed",
     lambda r: (r["answers"].update(phq9_1=3),
                r.update(content_hash=content_hash(r["answers"]))),
     "countersignature was given to other answers"),
    ("the countersignature swapped",
     lambda r: r["countersignature"].update(
         signature=b64(Ed25519PrivateKey.generate().sign(b"x"))),
     "the countersignature does not verify under reviewer's key"),
    ("a certificate forged", _forge_cert, "its signature does not verify"),
    ("another store's root", _stranger_root,
     "root certificate's key does not have the record's root fingerprint"),
    ("a copy changed after countersigning",
     lambda r: r["snapshots"]["probation/en"].update(person="SOMEONE, Else"),
     "verification code of the probation/en copy does not recompute"),
    ("a code changed",
     lambda r: r["verification_codes"].update({"court/cy": "AAAA BBBB CCCC DDDD"}),
     "verification code of the court/cy copy does not recompute"),
    ("an audit entry altered", lambda r: r["audit"][1].update(new="changed"),
     "was altered (its hash does not recompute)"),
    ("an audit signature swapped", _bad_audit_signature, "signature does not verify"),
    ("an audit entry unsigned", lambda r: r["audit"][2].update(signer=None), "is not signed"),
    ("an audit entry signed for another", lambda r: r["audit"][0].update(
        signer=r["countersignature"]["signer"]), "signed by someone other than its actor"),
    ("a PDF that is not a PDF", _pdf_not_pdf, "the PDF court/en is not a PDF"),
    ("the answers missing", lambda r: r.pop("answers"), "'answers' is missing"),
    ("the wrong type", lambda r: r.update(type="cstr-record/9"), "not a cstr-record/1"),
    ("a copy without its code", lambda r: r["verification_codes"].pop("court/en"),
     "do not match one for one"),
    ("no certificates", lambda r: r.update(certificates=[]), "carries no certificates"),
]


@pytest.mark.parametrize("what,change,reason", TAMPERING, ids=[t[0] for t in TAMPERING])
def test_tampering_is_quarantined_with_its_reason(store, what, change, reason):
    record = make_record(store)
    assert verdict(store, record) == "ok"
    result = verdict(store, tampered(record, change))
    assert reason in result, result


def test_a_step_from_another_assessment(store):
    record = make_record(store)
    _resign_step(store, record, 0, assessment_id="00000000-0000-0000-0000-000000000000")
    assert verdict(store, record) == "lifecycle step 1 belongs to another assessment id"


def test_a_step_signed_by_someone_else(store):
    record = make_record(store)
    record["steps"][0]["signature"] = record["steps"][1]["signature"]
    assert verdict(store, record) == "lifecycle step 1 does not verify under assessor's key"


def test_the_author_may_not_countersign_even_after_becoming_a_reviewer(store):
    record = make_record(store, assessor="amy")
    amy = store.accounts["amy"]
    store.reissue(amy, "reviewer")
    result = verdict(store, recountersign(store, record, amy))
    assert result == "the countersigning reviewer amy is the author"


def test_a_reviewer_who_edited_answers_may_not_countersign(store):
    record = make_record(store)
    reviewer = store.accounts["reviewer"]
    record["audit"].insert(2, store.audit(reviewer, "answer_saved", record["assessment_id"],
                                          "phq9_2", 1, 2))
    record["audit_count"] = store.audit_seq
    assert verdict(store, record) == \
        "the countersigning reviewer reviewer edited answers in this version"


def test_an_assessor_may_not_countersign(store):
    record = make_record(store)
    other = store.add_account("assessor-two", "assessor")
    result = verdict(store, recountersign(store, record, other))
    assert "whose role assessor may not countersign" in result


def test_a_removed_reviewer_may_not_countersign(store):
    record = make_record(store)
    reviewer = store.accounts["reviewer"]
    store.reissue(reviewer, "reviewer", revoked=True)
    result = verdict(store, recountersign(store, record, reviewer))
    assert "after their account was removed" in result


def test_a_certificate_issued_by_a_non_administrator(store):
    assessor = store.add_account("assessor", "assessor")
    store.add_account("reviewer", "reviewer", issuer=assessor)
    record = make_record(store)
    assert "assessor was not an administrator when it was issued" in verdict(store, record)


def test_a_certificate_issued_by_a_removed_administrator(store):
    admin = store.add_account("admin-two", "admin")
    store.reissue(admin, "admin", revoked=True)
    store.add_account("reviewer", "reviewer", issuer=admin)
    record = make_record(store)
    assert "admin-two was not an administrator" in verdict(store, record)


def test_a_role_change_counts_from_its_time(store):
    """A reviewer who was an assessor earlier countersigns: the newer certificate counts."""
    rita = store.add_account("rita", "assessor")
    store.reissue(rita, "reviewer")
    record = make_record(store, reviewer="rita")
    assert verdict(store, record) == "ok"


def test_the_device_must_be_enrolled_for_this_store(store):
    record = make_record(store)
    with pytest.raises(Quarantine, match="root key is not the one enrolled"):
        check_record(record, "0" * 32, store.store_id)
    with pytest.raises(Quarantine, match="another store"):
        check_record(record, store.root_fingerprint, "another-store")


def test_the_countersignature_may_stand_apart_from_the_steps(store):
    record = make_record(store)
    record["steps"] = record["steps"][:-1]
    assert verdict(store, record) == "ok"


# The formats shared with the laptop: central's copies equal the laptop's code --------


def test_formats_equal_the_laptops():
    """The laptop's own trust functions (cstr_desktop/trust.py) make the same bytes as
    this test-support factory and central's checks: the same hashes, the same codes, and
    (Ed25519 being deterministic) the same signatures over the same payloads."""
    from cstr_desktop.trust import signatures as trust
    from cstr_desktop.trust.audit_chain import entry_hash

    store = LaptopStore()
    record = make_record(store)
    for entry in record["audit"]:
        assert audit_entry_hash(entry) == entry_hash(entry)
    assert content_hash(record["answers"]) == trust.content_hash(record["answers"])
    counter = record["countersignature"]
    for key, snapshot in record["snapshots"].items():
        assert snapshot_hash(snapshot) == trust.snapshot_hash(copy.deepcopy(snapshot))
        laptop_code = trust.verification_code(counter["signature"], trust.snapshot_hash(snapshot))
        assert laptop_code == record["verification_codes"][key]
    reviewer = store.accounts["reviewer"]
    cert = reviewer.cert["payload"]
    assert trust.cert_payload(cert["store_id"], cert["account_id"], cert["username"],
                              cert["role"], cert["public_key"], cert["issued_at"],
                              cert["issued_by"], cert["revoked"]) == cert
    step = counter["payload"]
    laptop_step = trust.lifecycle_payload(step["store_id"], step["assessment_id"],
                                          step["version"], step["action"],
                                          step["content_hash"], step["audit_head"],
                                          step["at"], step["actor"], step["comment"])
    assert laptop_step == step
    assert trust.sign(step, reviewer.key, reviewer.id) == counter
    assert trust.audit_payload(record["audit"][0]["hash"]) == \
        {"type": "cstr-audit/1", "hash": record["audit"][0]["hash"]}


def test_a_signed_object_is_payload_signer_signature():
    key = Ed25519PrivateKey.generate()
    signed = sign(key, {"type": "cstr-x/1", "b": 1, "a": "é"}, "someone")
    assert canonical(signed["payload"]) == '{"a":"é","b":1,"type":"cstr-x/1"}'.encode()
    code = verification_code(signed["signature"], {"x": 1})
    assert len(code) == 19 and code.count("-") == 3
