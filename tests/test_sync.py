"""Sync to central records, the laptop's half (issue 12), against a real central server
over real TLS on loopback: enrol, sync, receipts, purge, bundles."""

from __future__ import annotations

import json
import ssl
import subprocess

import pytest
from central_fixtures import add_device_code, run_cli
from support.sync_stores import (
    ADMIN,
    ADMIN_PW,
    ASSESSOR,
    ASSESSOR_PW,
    admin,
    approve,
    case_number,
    cli,
    family_name,
    make_laptop,
)
from support.tools import tool

pytestmark = pytest.mark.timeout(300)


def central_records(server) -> list[dict]:
    proc = run_cli(server, "records", "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture
def laptop(tmp_path):
    folder = tmp_path / "laptop"
    make_laptop(folder)
    return folder


def enrol(server, folder, tls):
    code = add_device_code(server)
    result = cli("enrol", server.base_url, code, "--ca-file", tls.ca_file,
                 "--data-dir", str(folder))
    assert result[0] == 0, result
    return result


def outbox_rows(folder) -> list[dict]:
    with admin(folder) as store:
        return list(store.db["outbox"].rows_where(order_by="id"))


def test_enrol_sync_receipts_purge_end_to_end(make_server, tls, laptop):
    server = make_server("sqlite")
    ids = approve(laptop, range(3))
    rows = outbox_rows(laptop)
    # Approving queued each version in the countersignature's transaction.
    assert [(r["assessment_id"], r["version"], r["state"]) for r in rows] == \
        [(i, 1, "queued") for i in ids]

    code, out, err = enrol(server, laptop, tls)
    assert "Central's signing key (pinned)" in out
    with admin(laptop) as store:
        pinned = store.db["sync_central"].get(1)
        health = __import__("httpx").get(f"{server.base_url}/api/v1/health",
                                         verify=ssl.create_default_context(cafile=tls.ca_file)).json()
        assert pinned["signing_key"] == health["signing_key"]
        assert pinned["bundle_key"] == health["bundle_key"]
        assert pinned["tls_cert_pem"].startswith("-----BEGIN CERTIFICATE-----")
        assert "PRIVATE" not in pinned["device_key_wrapped"]

    code, out, err = cli("sync", "--data-dir", str(laptop), user=ASSESSOR, password=ASSESSOR_PW)
    assert code == 0, (out, err)
    assert "3 received by central; 0 waiting" in out
    held = central_records(server)
    assert sorted((r["uuid"], r["version"], r["status"]) for r in held) == \
        sorted((i, 1, "accepted") for i in ids)
    assert {r["case_number"] for r in held} == {case_number(n) for n in range(3)}
    rows = outbox_rows(laptop)
    assert {r["state"] for r in rows} == {"received"}
    assert all(r["receipt_id"] and json.loads(r["receipt"])["payload"]["content_hash"]
               == r["content_hash"] for r in rows)

    # Syncing again sends nothing and changes nothing at central.
    code, out, err = cli("sync", "--data-dir", str(laptop))
    assert code == 0 and "0 received by central; 0 waiting" in out
    assert len(central_records(server)) == 3

    # Within the grace period nothing goes; --dry-run lists and clears nothing.
    code, out, err = cli("purge", "--dry-run", "--data-dir", str(laptop))
    assert code == 0 and "Would purge 0 version(s)" in out
    code, out, err = cli("purge", "--grace", "0", "--dry-run", "--data-dir", str(laptop))
    assert code == 0 and "Would purge 3 version(s)" in out
    assert {r["state"] for r in outbox_rows(laptop)} == {"received"}
    code, out, err = cli("purge", "--grace", "0", "--data-dir", str(laptop))
    assert code == 0 and "Purged 3 version(s)" in out, (out, err)
    rows = outbox_rows(laptop)
    assert {r["state"] for r in rows} == {"purged"}
    assert all(r["payload"] is None and r["receipt_id"] and r["content_hash"] for r in rows)
    with admin(laptop) as store:
        assert store.db["answers"].count == 0
        assert store.db["frozen_reports"].count == 0
        assert store.db["cases"].count == 0
        assert store.db.execute("SELECT count(*) FROM assessment_versions WHERE answers "
                                "IS NOT NULL").fetchone()[0] == 0
        assert store.verify_audit().ok, store.verify_audit().problems
        actions = [e["action"] for e in store.audit_entries()]
        assert actions.count("sync_purged") == 3 and "central_enrolled" in actions
        assert "sync_run" in actions
    assert cli("audit-verify", "--data-dir", str(laptop))[0] == 0


def _raw_files(folder):
    """The store file, its WAL and every backup, decrypted page by page with the key."""
    from support.sync_stores import decrypted_pages

    with admin(folder) as store:
        key = store._key()
    files = [folder / "store.db", *sorted((folder / "backups").glob("store-*.db"))]
    wal = folder / "store.db-wal"
    blobs = {str(p): decrypted_pages(p, key) for p in files}
    if wal.exists() and wal.stat().st_size:
        blobs[str(wal)] = wal.read_bytes()
    return blobs


def test_purged_names_are_gone_from_the_file_and_the_backups(make_server, tls, laptop):
    server = make_server("sqlite")
    approve(laptop, [0, 1])
    enrol(server, laptop, tls)
    assert cli("sync", "--data-dir", str(laptop))[0] == 0
    approve(laptop, [2])  # approved after the sync: not received, so never purged
    before = _raw_files(laptop)
    gone = [family_name(0).encode(), family_name(1).encode(), case_number(1).encode()]
    assert any(name in blob for blob in before.values() for name in gone)
    old_backups = sorted((laptop / "backups").glob("store-*.db"))
    assert old_backups  # each close wrote one, holding the names

    code, out, err = cli("purge", "--grace", "0", "--data-dir", str(laptop))
    assert code == 0 and "Purged 2 version(s)" in out, (out, err)
    after = _raw_files(laptop)
    assert not any(old.exists() for old in old_backups)
    assert any("backups" in name for name in after)
    for name, blob in after.items():
        for secret in gone:
            assert secret not in blob, f"{secret!r} survives in {name}"
    # The control: the unsent assessment's name is still there, so the scan can find one.
    assert any(family_name(2).encode() in blob for blob in after.values())
    with admin(laptop) as store:
        assert [r["state"] for r in store.db["outbox"].rows_where(order_by="id")] == \
            ["purged", "purged", "queued"]
        assert store.verify_audit().ok


def test_nothing_is_purged_without_a_valid_receipt(make_server, tls, laptop):
    server = make_server("sqlite")
    approve(laptop, [0, 1])
    enrol(server, laptop, tls)
    assert cli("sync", "--data-dir", str(laptop))[0] == 0
    with admin(laptop) as store:
        rows = list(store.db["outbox"].rows_where(order_by="id"))
        receipt = json.loads(rows[0]["receipt"])
        # Altered: the receipt no longer verifies under the pinned key.
        receipt["payload"]["received_at"] = "2020-01-01T00:00:00.000Z"
        store.db["outbox"].update(rows[0]["id"], {"receipt": json.dumps(receipt)})
    code, out, err = cli("purge", "--grace", "0", "--data-dir", str(laptop))
    assert code == 0 and "Purged 1 version(s)" in out
    assert [r["state"] for r in outbox_rows(laptop)] == ["received", "purged"]
    with admin(laptop) as store:
        assert store.db["answers"].count_where("assessment_id = ?", [rows[0]["assessment_id"]])


def test_no_network_bundle_and_receipts_file(make_server, tls, laptop, tmp_path):
    server = make_server("sqlite")
    ids = approve(laptop, range(2))
    enrol(server, laptop, tls)
    out_file = tmp_path / "court-day.cstr-bundle"
    code, out, err = cli("export-bundle", "--out", str(out_file), "--data-dir", str(laptop))
    assert code == 0, err
    sealed = json.loads(out_file.read_text())
    assert sealed["type"] == "cstr-bundle/1" and family_name(0) not in out_file.read_text()
    assert {r["state"] for r in outbox_rows(laptop)} == {"queued"}  # not received yet
    proc = run_cli(server, "import-bundle", str(out_file))
    assert proc.returncode == 0, proc.stderr
    receipts = tmp_path / "court-day.cstr-bundle.receipts.json"
    assert receipts.exists()

    # A receipts file altered on the way is refused whole.
    forged = tmp_path / "forged.json"
    data = json.loads(receipts.read_text())
    data["payload"]["made_at"] = "2020-01-01T00:00:00.000Z"
    forged.write_text(json.dumps(data))
    code, out, err = cli("import-receipts", str(forged), "--data-dir", str(laptop))
    assert code == 2 and "not signed by the central key pinned" in err
    assert {r["state"] for r in outbox_rows(laptop)} == {"queued"}

    code, out, err = cli("import-receipts", str(receipts), "--data-dir", str(laptop))
    assert code == 0 and "2 receipt(s) taken" in out, (out, err)
    assert {r["state"] for r in outbox_rows(laptop)} == {"received"}
    # The network afterwards has nothing to send, and central holds each version once.
    assert cli("sync", "--data-dir", str(laptop))[0] == 0
    assert sorted(r["uuid"] for r in central_records(server)) == sorted(ids)
    code, out, err = cli("export-bundle", "--out", str(tmp_path / "again"), "--data-dir",
                         str(laptop))
    assert code == 2 and "nothing is waiting" in err


def test_device_key_survives_a_rekey(make_server, tls, laptop):
    server = make_server("sqlite")
    approve(laptop, range(1))
    enrol(server, laptop, tls)
    assert cli("rekey", "--data-dir", str(laptop))[0] == 0
    with admin(laptop) as store:
        row = store.db["sync_central"].get(1)
        assert row["device_key_next"] is None
    code, out, err = cli("sync", "--data-dir", str(laptop))
    assert code == 0, err
    assert len(central_records(server)) == 1


def test_sync_commands_as_real_processes(make_server, tls, laptop):
    """The installed command, as other systems run it (contract §5)."""
    import os

    server = make_server("sqlite")
    approve(laptop, range(1))
    cmd = tool("cstr-desktop")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("CSTR_")},
           "CSTR_PASSWORD": ADMIN_PW}

    def run(*args):
        return subprocess.run([cmd, *args, "--data-dir", str(laptop), "--user", ADMIN],
                              capture_output=True, text=True, env=env, timeout=120,
                              stdin=subprocess.DEVNULL)

    proc = run("sync")
    assert proc.returncode == 2 and "not enrolled" in proc.stderr
    proc = run("enrol", server.base_url, add_device_code(server), "--ca-file", tls.ca_file)
    assert proc.returncode == 0, proc.stderr
    proc = run("sync")
    assert proc.returncode == 0, proc.stderr
    record = next(r for r in central_records(server))
    assert record["status"] == "accepted"
    proc = run("outbox", "--json")
    stub = json.loads(proc.stdout)[0]
    assert stub["state"] == "received" and stub["receipt_id"]
    proc = run("purge", "--grace", "0", "--dry-run")
    assert proc.returncode == 0 and "Would purge 1" in proc.stdout


def _addendum(folder, assessment_id, answers, supersedes=None):
    """A court outcome recorded after approval, signed by the assessor's own key, in its
    envelope with the store's certificates (docs/sync-protocol.md, as issue 13 makes it)."""
    import uuid

    from support.sync_stores import KDF

    from cstr_desktop.store.session import Store
    from cstr_desktop.trust.signatures import sign

    with Store.open(folder, ASSESSOR, ASSESSOR_PW, kdf=KDF) as sam:
        payload = {"type": "cstr-outcome/1", "outcome_id": str(uuid.uuid4()),
                   "store_id": sam.store_id, "assessment_id": assessment_id, "version": 1,
                   "case_number": case_number(0), "answers": answers,
                   "supersedes": supersedes, "at": sam.unit.now(), "actor": sam.user.id}
        certificates = [{"payload": json.loads(r[0]), "signer": r[1], "signature": r[2]}
                        for r in sam.db.execute("SELECT payload, signer, signature FROM "
                                                "certificates ORDER BY seq").fetchall()]
        return {"type": "cstr-outcome-addendum/1",
                "root_fingerprint": sam.root_fingerprint().replace(" ", ""),
                "certificates": certificates,
                "outcome": sign(payload, sam._signing_key, sam.user.id)}


def test_outcome_addenda_go_after_the_record_with_their_own_receipts(make_server, tls,
                                                                      laptop):
    from sqlalchemy import func, select

    from central.models import OutcomeAddendum
    from cstr_desktop.sync import outbox as outbox_mod

    server = make_server("sqlite")
    ident = approve(laptop, [0])[0]
    sentenced = _addendum(laptop, ident, {"outcome_result": "sentenced",
                                          "outcome_date": "2026-11-25",
                                          "outcome_sentence": "community_order"})
    forged = _addendum(laptop, ident, {"outcome_result": "remanded",
                                       "outcome_date": "2026-11-25"})
    forged["outcome"]["payload"]["answers"]["outcome_result"] = "adjourned"  # after signing
    with admin(laptop) as store:
        with store.unit.transaction():
            outbox_mod.queue_outcome(store.db, sentenced, store.unit.now())
            outbox_mod.queue_outcome(store.db, forged, store.unit.now())
            outbox_mod.queue_outcome(store.db, sentenced, store.unit.now())  # twice: once
    enrol(server, laptop, tls)
    code, out, err = cli("sync", "--data-dir", str(laptop))
    assert code == 1 and "held at central (quarantined)" in err
    rows = outbox_rows(laptop)
    assert [(r["kind"], r["state"]) for r in rows] == \
        [("record", "received"), ("outcome", "received"), ("outcome", "quarantined")]
    receipt = json.loads(rows[1]["receipt"])["payload"]
    assert receipt["type"] == "cstr-outcome-receipt/1"
    assert receipt["outcome_id"] == sentenced["outcome"]["payload"]["outcome_id"]
    cli("sync", "--data-dir", str(laptop))  # sent again: the same answer, stored once
    db = server.db()
    try:
        with db.read() as session:
            held = dict(session.execute(select(OutcomeAddendum.outcome_id, func.count())
                                        .group_by(OutcomeAddendum.outcome_id)).all())
    finally:
        db.dispose()
    assert held == {sentenced["outcome"]["payload"]["outcome_id"]: 1,
                    forged["outcome"]["payload"]["outcome_id"]: 1}
    # The received addendum is purged like a record (its receipt checked); the forged one
    # never is.
    assert cli("purge", "--grace", "0", "--data-dir", str(laptop))[0] == 0
    assert [r["state"] for r in outbox_rows(laptop)] == ["purged", "purged", "quarantined"]
