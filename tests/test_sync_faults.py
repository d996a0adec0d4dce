"""Sync faults (issue 12), each against a real central on loopback over real TLS: central
down, 500s, timeouts, the answer lost after central committed, central killed mid-batch,
a tampered record, a conflict, a replayed enrolment code, a revoked device, a wrong TLS
certificate. After each: every approved version at central exactly once, nothing lost,
nothing purged without a valid receipt."""

from __future__ import annotations

import json
import random
import threading
import time

import pytest
from central_fixtures import add_device_code, run_cli
from support.sync_checks import central_records, check_invariants, laptop_state, sync_here
from support.sync_proxy import DROP_AFTER, ERROR_500, STALL, FaultProxy
from support.sync_stores import admin, approve, cli, make_laptop

from cstr_desktop.sync import outbox
from cstr_desktop.trust.signatures import content_hash

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def laptop(tmp_path):
    folder = tmp_path / "laptop"
    make_laptop(folder)
    return folder


def enrol_at(url, folder, server, tls, name=None):
    code = add_device_code(server, name)
    result = cli("enrol", url, code, "--ca-file", tls.ca_file, "--data-dir", str(folder))
    assert result[0] == 0, result
    return code


@pytest.fixture
def proxy_for(tls):
    made = []

    def make(server):
        proxy = FaultProxy(server.base_url, tls.cert_file, tls.key_file, tls.ca_file)
        made.append(proxy)
        return proxy

    yield make
    for proxy in made:
        proxy.close()


def test_central_down_then_up(make_server, tls, laptop):
    server = make_server("sqlite")
    approve(laptop, range(3))
    enrol_at(server.base_url, laptop, server, tls)
    server.stop()
    code, out, err = cli("sync", "--data-dir", str(laptop))
    assert code == 1
    assert "could not be reached" in err and "3 waiting to sync" in out
    _, rows = laptop_state(laptop)
    assert {r["state"] for r in rows} == {"queued"} and all(r["attempts"] == 1 for r in rows)
    assert all("could not be reached" in r["last_error"] for r in rows)
    server.start()
    assert cli("sync", "--data-dir", str(laptop))[0] == 0
    check_invariants(server, laptop)


def test_a_500_keeps_everything_and_the_next_sync_sends_it(make_server, tls, laptop,
                                                           proxy_for):
    server = make_server("sqlite")
    proxy = proxy_for(server)
    approve(laptop, range(2))
    enrol_at(proxy.url, laptop, server, tls)
    proxy.then(ERROR_500)
    report = sync_here(laptop)
    assert report.error == "central answered 500: try again later"
    assert report.received == 0 and central_records(server) == []
    report = sync_here(laptop)
    assert report.error is None and report.received == 2
    check_invariants(server, laptop)


def test_a_timeout_keeps_everything(make_server, tls, laptop, proxy_for):
    server = make_server("sqlite")
    proxy = proxy_for(server)
    approve(laptop, range(2))
    enrol_at(proxy.url, laptop, server, tls)
    proxy.then(STALL)
    started = time.monotonic()
    report = sync_here(laptop, timeout=2.0)
    assert time.monotonic() - started < 20
    assert report.error == "central did not answer in time"
    _, rows = laptop_state(laptop)
    assert {r["state"] for r in rows} == {"queued"}
    assert sync_here(laptop).received == 2
    check_invariants(server, laptop)


def test_answer_lost_after_central_committed(make_server, tls, laptop, proxy_for):
    """Central stored the batch, the connection dropped before the laptop saw the answer:
    sending again is answered 'duplicate' with the same receipts, stored once."""
    server = make_server("sqlite")
    proxy = proxy_for(server)
    approve(laptop, range(3))
    enrol_at(proxy.url, laptop, server, tls)
    proxy.then(DROP_AFTER)
    report = sync_here(laptop)
    assert report.error and report.received == 0
    assert len(central_records(server)) == 3  # committed at central
    _, rows = laptop_state(laptop)
    assert {r["state"] for r in rows} == {"queued"}
    report = sync_here(laptop)
    assert report.received == 3 and report.error is None
    assert [a for _, path, a in proxy.seen if path == "/api/v1/batches"] == \
        [DROP_AFTER, "pass"]
    check_invariants(server, laptop)


def test_central_killed_mid_batch(make_server, tls, laptop):
    server = make_server("sqlite")
    approve(laptop, range(12))
    enrol_at(server.base_url, laptop, server, tls)
    from cstr_desktop.sync.sender import SyncReport, prepare

    with admin(laptop) as store:  # records built beforehand: the run is all sending
        prepare(store.db, outbox.rows(store.db, ("queued",)), None, SyncReport())
    rng = random.Random(12)
    for _ in range(3):
        worker = threading.Thread(target=sync_here, args=(laptop,))
        worker.start()
        time.sleep(rng.uniform(0.05, 0.6))
        server.kill()
        worker.join(60)
        assert not worker.is_alive()
        server.start()
        check_invariants(server, laptop, all_sent=False)
    sync_here(laptop)
    check_invariants(server, laptop)


def test_tampered_record_is_quarantined_on_both_sides_and_never_purged(make_server, tls,
                                                                      laptop):
    server = make_server("sqlite")
    ids = approve(laptop, range(2))
    enrol_at(server.base_url, laptop, server, tls)
    from cstr_desktop.sync.sender import SyncReport, prepare

    with admin(laptop) as store:
        prepare(store.db, outbox.rows(store.db, ("queued",)), None, SyncReport())
        row = next(store.db["outbox"].rows_where("assessment_id = ?", [ids[0]]))
        record = json.loads(row["payload"])
        record["answers"]["phq9_9"] = 0 if record["answers"].get("phq9_9") else 3
        store.db["outbox"].update(row["id"], {"payload": json.dumps(record)})
    code, out, err = cli("sync", "--data-dir", str(laptop))
    assert code == 1
    assert "held at central (quarantined)" in err and "content hash does not match" in err
    held = {r["uuid"]: r["status"] for r in central_records(server)}
    assert held == {ids[0]: "quarantined", ids[1]: "accepted"}
    _, rows = laptop_state(laptop)
    assert {r["assessment_id"]: r["state"] for r in rows} == \
        {ids[0]: "quarantined", ids[1]: "received"}
    assert cli("purge", "--grace", "0", "--data-dir", str(laptop))[0] == 0
    _, rows = laptop_state(laptop)
    assert {r["assessment_id"]: r["state"] for r in rows} == \
        {ids[0]: "quarantined", ids[1]: "purged"}
    with admin(laptop) as store:
        assert store.answers(ids[0])  # kept
    check_invariants(server, laptop, all_sent=False)


def test_conflict_is_quarantined_on_the_laptop_too(make_server, tls, laptop):
    server = make_server("sqlite")
    ids = approve(laptop, range(1))
    enrol_at(server.base_url, laptop, server, tls)
    assert cli("sync", "--data-dir", str(laptop))[0] == 0
    with admin(laptop) as store:  # the same version with other content, as a fault might
        row = next(store.db["outbox"].rows_where())
        record = json.loads(row["payload"])
        record["answers"]["courtroom"] = "9"
        record["content_hash"] = content_hash(record["answers"])
        store.db["outbox"].update(row["id"], {"payload": json.dumps(record), "state": "queued",
                                              "content_hash": record["content_hash"],
                                              "receipt": None, "receipt_id": None})
    code, out, err = cli("sync", "--data-dir", str(laptop))
    assert code == 1 and "held at central (conflict)" in err
    _, rows = laptop_state(laptop)
    assert rows[0]["state"] == "conflict" and "both are kept" in rows[0]["last_error"]
    assert {r["status"] for r in central_records(server) if r["uuid"] == ids[0]} >= \
        {"quarantined"}
    assert cli("purge", "--grace", "0", "--data-dir", str(laptop))[1].startswith(
        "Purged 0")


def test_replayed_enrolment_code(make_server, tls, laptop, tmp_path):
    server = make_server("sqlite")
    code = enrol_at(server.base_url, laptop, server, tls)
    other = tmp_path / "other"
    make_laptop(other)
    result = cli("enrol", server.base_url, code, "--ca-file", tls.ca_file, "--data-dir",
                 str(other))
    assert result[0] == 2 and "used already" in result[2]
    assert len(result[2].splitlines()) == 1
    result = cli("sync", "--data-dir", str(other))
    assert result[0] == 2 and "not enrolled" in result[2]


def test_enrol_is_for_administrators_and_checks_its_input(make_server, tls, laptop):
    from support.sync_stores import ASSESSOR, ASSESSOR_PW

    server = make_server("sqlite")
    code = add_device_code(server)
    result = cli("enrol", server.base_url, code, "--ca-file", tls.ca_file, "--data-dir",
                 str(laptop), user=ASSESSOR, password=ASSESSOR_PW)
    assert result[0] == 3
    for url, bad_code, message in ((server.base_url, "NOT-A-CODE", "20 letters"),
                                   ("ftp://x", code, "not a central records URL"),
                                   ("http://example.org", code, "over https"),
                                   (server.base_url, "ABCDE-FGHJK-MNPQR-STVWX",
                                    "does not know this code")):
        result = cli("enrol", url, bad_code, "--ca-file", tls.ca_file, "--data-dir",
                     str(laptop))
        assert result[0] == 2 and message in result[2], result
        assert len(result[2].splitlines()) == 1


def test_revoked_device_stops_and_keeps_everything(make_server, tls, laptop):
    server = make_server("sqlite")
    approve(laptop, range(2))
    enrol_at(server.base_url, laptop, server, tls, name="court-laptop-7")
    proc = run_cli(server, "device", "revoke", "court-laptop-7")
    assert proc.returncode == 0, proc.stderr
    code, out, err = cli("sync", "--data-dir", str(laptop))
    assert code == 1 and "revoked this device" in err
    _, rows = laptop_state(laptop)
    assert {r["state"] for r in rows} == {"queued"}
    assert central_records(server) == []


def test_wrong_tls_certificate(make_server, tls, laptop, tmp_path):
    server = make_server("sqlite")
    approve(laptop, range(1))
    enrol_at(server.base_url, laptop, server, tls)
    server.stop()
    server.cert, server.key, server.ca = tls.other_cert_file, tls.other_key_file, \
        tls.other_ca_file
    server.start()
    code, out, err = cli("sync", "--data-dir", str(laptop))
    assert code == 1 and "not the one pinned" in err
    _, rows = laptop_state(laptop)
    assert {r["state"] for r in rows} == {"queued"}
    assert central_records(server) == []
    # Enrolling with a certificate this laptop does not trust needs its fingerprint.
    other = tmp_path / "other"
    make_laptop(other)
    code_text = add_device_code(server)
    result = cli("enrol", server.base_url, code_text, "--data-dir", str(other))
    assert result[0] == 2 and "--tls-fingerprint" in result[2]
    seen = result[2].split("fingerprint ")[1].split(" ")[0]
    result = cli("enrol", server.base_url, code_text, "--tls-fingerprint", seen,
                 "--data-dir", str(other))
    assert result[0] == 0, result


@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_laptop_killed_mid_sync_50_times(make_server, tls, laptop):
    """``cstr-desktop sync`` SIGKILLed at 50 random moments (starting, building records,
    sending, taking receipts) while new versions keep being approved: nothing lost, each
    version at central once, nothing counted received without a valid receipt."""
    import os
    import signal
    import subprocess

    from support.sync_stores import ADMIN, ADMIN_PW
    from support.tools import tool

    server = make_server("sqlite")
    approve(laptop, range(4))
    enrol_at(server.base_url, laptop, server, tls)
    cmd = [tool("cstr-desktop"), "sync", "--data-dir", str(laptop),
           "--user", ADMIN]
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("CSTR_")},
           "CSTR_PASSWORD": ADMIN_PW}
    rng = random.Random(50)
    finished = 0
    for round_number in range(50):
        approve(laptop, [100 + round_number])
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 4.5))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        else:
            finished += 1
        proc.wait(30)
        check_invariants(server, laptop, all_sent=False)
    assert finished < 45  # most runs were cut short
    code, out, err = cli("sync", "--data-dir", str(laptop))
    assert code == 0, err
    rows = check_invariants(server, laptop)
    assert len(rows) == 54
    with admin(laptop) as store:
        assert store.verify_audit().ok
