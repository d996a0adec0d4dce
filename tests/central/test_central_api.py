"""The laptops' API against a real server over TLS, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from central_factory import LaptopStore, make_record, tampered
from central_fixtures import add_device_code, ca_context, run_cli
from central_laptop import Laptop
from sqlalchemy import select

from central.canonical import stamp
from central.models import Device, Record


def held(server, assessment_id: str) -> list[Record]:
    db = server.db()
    try:
        with db.read() as session:
            return list(session.scalars(select(Record).where(
                Record.assessment_id == assessment_id).order_by(Record.copy_no)))
    finally:
        db.dispose()


def test_a_record_is_received_once_with_a_signed_receipt(server, enrolled):
    laptop = enrolled(server)
    record = make_record(laptop.store)

    first = laptop.put_record(record)
    assert first.status_code == 201, first.text
    answer = first.json()
    assert answer["status"] == "accepted"
    assert laptop.receipt_ok(answer["receipt"], record)
    payload = answer["receipt"]["payload"]
    assert set(payload) == {"type", "receipt_id", "assessment_id", "version", "content_hash",
                            "received_at"}

    again = laptop.put_record(record)
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert again.json()["receipt"] == answer["receipt"]  # the same receipt, byte for byte

    rows = held(server, record["assessment_id"])
    assert [(r.version, r.status, r.receipt_id) for r in rows] == \
        [(1, "accepted", payload["receipt_id"])]
    assert rows[0].family_name == "Pritchard" and rows[0].countersigner == "reviewer"


def test_a_receipt_from_another_key_does_not_count(server, enrolled):
    laptop = enrolled(server)
    record = make_record(laptop.store)
    receipt = laptop.put_record(record).json()["receipt"]
    forged = json.loads(json.dumps(receipt))
    forged["payload"]["content_hash"] = "0" * 64
    assert not laptop.receipt_ok(forged, {**record, "content_hash": "0" * 64})
    other = make_record(laptop.store)
    assert not laptop.receipt_ok(receipt, other)


def test_a_tampered_record_is_quarantined_with_the_reason_and_kept(server, enrolled):
    laptop = enrolled(server)
    record = make_record(laptop.store)
    bad = tampered(record, lambda r: r["answers"].update(phq9_1=3))

    response = laptop.put_record(bad)
    assert response.status_code == 422
    body = response.json()
    assert body["status"] == "quarantined" and body["receipt"] is None
    assert "content hash does not match" in body["reason"]
    rows = held(server, record["assessment_id"])
    assert [(r.status, r.receipt_id) for r in rows] == [("quarantined", None)]

    again = laptop.put_record(bad)  # the same content again: the same answer, no new row
    assert again.status_code == 422 and again.json()["reason"] == body["reason"]
    assert len(held(server, record["assessment_id"])) == 1


def test_a_different_content_for_a_version_held_is_a_conflict_both_kept(server, enrolled):
    laptop = enrolled(server)
    record = make_record(laptop.store)
    assert laptop.put_record(record).status_code == 201
    other = make_record(laptop.store, assessment_id=record["assessment_id"],
                        answers={**record["answers"], "phq9_2": 0})

    response = laptop.put_record(other)
    assert response.status_code == 409
    body = response.json()
    assert body["status"] == "conflict" and body["conflict"] is True
    assert body["held_content_hash"] == record["content_hash"]
    rows = held(server, record["assessment_id"])
    assert [(r.copy_no, r.content_hash, r.status, r.conflict) for r in rows] == [
        (0, record["content_hash"], "quarantined", True),
        (1, other["content_hash"], "quarantined", True)]
    assert rows[0].receipt_id  # the receipt given before stays valid

    assert laptop.put_record(other).status_code == 409  # again: the same, nothing added
    original = laptop.put_record(record)
    assert original.status_code == 200 and original.json()["conflict"] is True
    assert len(held(server, record["assessment_id"])) == 2


def test_a_batch_takes_each_record_on_its_own(server, enrolled):
    laptop = enrolled(server)
    records = [make_record(laptop.store, n=n) for n in range(5)]
    records[2] = tampered(records[2], lambda r: r["snapshots"]["court/en"].update(
        person="SOMEONE, Else"))
    response = laptop.send_batch(records)
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["accepted", "accepted", "quarantined",
                                              "accepted", "accepted"]
    assert "verification code of the court/en copy does not recompute" in results[2]["reason"]
    again = laptop.send_batch(records).json()["results"]
    assert [r["status"] for r in again] == ["duplicate", "duplicate", "quarantined",
                                            "duplicate", "duplicate"]
    assert [r["receipt"] for r in again] == [r["receipt"] for r in results]

    looked = laptop.lookup(records + [make_record(laptop.store)]).json()["results"]
    assert [r["status"] for r in looked] == ["duplicate"] * 2 + ["quarantined"] + \
        ["duplicate"] * 2 + ["unknown"]
    assert looked[0]["receipt"] == results[0]["receipt"]


def test_a_record_from_another_store_is_quarantined(server, enrolled):
    laptop = enrolled(server)
    stranger = LaptopStore()
    record = make_record(stranger)
    response = laptop.put_record(record)
    assert response.status_code == 422
    assert "root key is not the one enrolled for this device" in response.json()["reason"]


def test_enrolment_codes_work_once(server, tls):
    code = add_device_code(server)
    first = Laptop(server.base_url, tls.ca_file)
    second = Laptop(server.base_url, tls.ca_file)
    try:
        answer = first.enrol(code)
        assert answer.status_code == 201
        payload = answer.json()["payload"]
        health = first.http.get("/api/v1/health").json()
        assert payload["signing_key"] == health["signing_key"]
        assert payload["root_fingerprint"] == first.store.root_fingerprint

        replay = second.http.post("/api/v1/enrol", json=first.enrol_body(code))
        assert replay.status_code == 409 and replay.json()["error"] == "code_used"
        other = second.enrol(code)
        assert other.status_code == 409 and other.json()["error"] == "code_used"
        unknown = second.enrol("AAAAA-BBBBB-CCCCC-DDDDD")
        assert unknown.status_code == 403 and unknown.json()["error"] == "code_unknown"
        forged = first.enrol_body(add_device_code(server))
        forged["payload"]["device_public_key"] = second.store.device_public
        refused = second.http.post("/api/v1/enrol", json=forged)
        assert refused.status_code == 400 and refused.json()["error"] == "bad_signature"
    finally:
        first.close()
        second.close()


def test_an_expired_code_is_refused(server, tls):
    name = "expired-laptop-" + datetime.now(UTC).strftime("%H%M%S%f")
    code = add_device_code(server, name)
    db = server.db()
    with db.write() as session:
        device = session.scalar(select(Device).where(Device.name == name))
        device.code_expires_at = stamp(datetime.now(UTC) - timedelta(minutes=1))
    db.dispose()
    laptop = Laptop(server.base_url, tls.ca_file)
    try:
        response = laptop.enrol(code)
        assert response.status_code == 403 and response.json()["error"] == "code_expired"
    finally:
        laptop.close()


def test_a_revoked_device_is_refused_at_once(server, enrolled):
    laptop = enrolled(server, name=f"to-revoke-{datetime.now(UTC).timestamp():.0f}")
    assert laptop.put_record(make_record(laptop.store)).status_code == 201
    db = server.db()
    with db.read() as session:
        name = session.get(Device, laptop.device_id).name
    db.dispose()

    done = run_cli(server, "device", "revoke", name)
    assert done.returncode == 0, done.stderr
    response = laptop.put_record(make_record(laptop.store))
    assert response.status_code == 403 and response.json()["error"] == "device_revoked"
    assert laptop.send_batch([make_record(laptop.store)]).status_code == 403
    unknown = run_cli(server, "device", "revoke", "no-such-laptop")
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == \
        "cstr-central: error: no device is named 'no-such-laptop'"


def test_requests_must_be_signed_fresh_and_never_replayed(server, enrolled):
    laptop = enrolled(server)
    record = make_record(laptop.store)
    path = f"/api/v1/records/{record['assessment_id']}/1"
    body = json.dumps(record).encode()

    unsigned = laptop.http.put(path, content=body)
    assert unsigned.status_code == 401 and unsigned.json()["error"] == "auth_missing"

    headers = laptop.signed_headers("PUT", path, body)
    altered = laptop.http.put(path, content=body.replace(b"Pritchard", b"Pritchord"),
                              headers=headers)
    assert altered.status_code == 401 and altered.json()["error"] == "bad_signature"

    first = laptop.http.put(path, content=body, headers=headers)
    # The altered body was refused before its nonce was recorded, so the original goes.
    assert first.status_code == 201, first.text
    replay = laptop.http.put(path, content=body, headers=headers)
    assert replay.status_code == 401 and replay.json()["error"] == "replayed"

    old = stamp(datetime.now(UTC) - timedelta(minutes=10))
    stale = laptop.send("PUT", path, record, timestamp=old)
    assert stale.status_code == 401 and stale.json()["error"] == "clock_skew"

    stranger = Laptop(server.base_url, server.tls.ca_file)
    try:
        stranger.device_id = laptop.device_id  # claims to be the laptop, another key
        forged = stranger.put_record(record)
        assert forged.status_code == 401 and forged.json()["error"] == "bad_signature"
    finally:
        stranger.close()


def test_the_path_must_name_the_version_sent(server, enrolled):
    laptop = enrolled(server)
    record = make_record(laptop.store)
    response = laptop.send("PUT", f"/api/v1/records/{record['assessment_id']}/2", record)
    assert response.status_code == 400 and response.json()["error"] == "path_mismatch"


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_wrong_tls_certificate_is_refused(server, tls, make_server):
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        httpx.get(f"{server.base_url}/api/v1/health", verify=ca_context(tls.other_ca_file))
    impostor = make_server("sqlite", cert=tls.other_cert_file, key=tls.other_key_file,
                           ca=tls.other_ca_file)
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        httpx.get(f"{impostor.base_url}/api/v1/health", verify=ca_context(tls.ca_file))
    good = httpx.get(f"{server.base_url}/api/v1/health", verify=ca_context(tls.ca_file))
    assert good.status_code == 200
