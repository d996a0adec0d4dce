"""The court outcome after approval travels with sync (issues 12 and 13): the signed
addendum is queued in the outbox with it, ``cstr-desktop sync`` sends it to a real central
over TLS on loopback, central accepts it once, and the laptop keeps the receipt; a
purge later leaves the audit trail checking."""

from __future__ import annotations

import json

import pytest
from support.sync_stores import (
    ADMIN,
    ASSESSOR,
    ASSESSOR_PW,
    admin,
    approve,
    case_number,
    make_laptop,
)
from test_sync import _raw_files, central_records, cli, enrol, outbox_rows

from cstr_desktop.forms.loader import load_bundle
from cstr_desktop.store.session import Store
from cstr_desktop.trust.key_slots import FAST_KDF_FOR_TESTS

pytest.importorskip("central.outcomes", reason="central's outcomes are not on this branch")
pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def laptop(tmp_path):
    folder = tmp_path / "laptop"
    make_laptop(folder)
    return folder

SENTENCED = {"outcome_result": "sentenced", "outcome_time_sentenced": "12:40",
             "outcome_sentence": "community_order", "outcome_order_months": 12,
             "outcome_requirements": ["mhtr", "atr"], "outcome_length_mhtr": 6,
             "outcome_length_atr": 6, "outcome_recommendation_followed": "yes"}


def test_an_addendum_goes_with_sync_and_its_receipt_is_kept(make_server, tls, laptop):
    server = make_server("sqlite")
    [ident] = approve(laptop, [1])
    with Store.open(laptop, ASSESSOR, ASSESSOR_PW, kdf=FAST_KDF_FOR_TESTS) as sam:
        hearing = sam.answers(ident)["hearing_date"]
        kept = sam.record_outcome(load_bundle(), case_number(1),
                                  {**SENTENCED, "outcome_date": hearing})
    rows = outbox_rows(laptop)
    assert [(r["kind"], r["item_id"], r["state"]) for r in rows] == [
        ("record", "", "queued"), ("outcome", kept["outcome_id"], "queued")]
    enrol(server, laptop, tls)
    code, out, err = cli("sync", "--data-dir", str(laptop), user=ASSESSOR,
                         password=ASSESSOR_PW)
    assert code == 0, (out, err)
    assert "2 received by central; 0 waiting" in out
    rows = outbox_rows(laptop)
    assert {r["state"] for r in rows} == {"received"}
    receipt = json.loads(rows[1]["receipt"])
    assert receipt["payload"]["type"] == "cstr-outcome-receipt/1"
    assert receipt["payload"]["outcome_id"] == kept["outcome_id"]
    with admin(laptop) as store:
        assert store.pending_outcome_addenda() == []
        assert store.outcomes(case_number(1))[0]["sent_at"]
    assert [r["status"] for r in central_records(server)] == ["accepted"]
    # Again: nothing to send, nothing changes.
    code, out, err = cli("sync", "--data-dir", str(laptop), user=ASSESSOR,
                         password=ASSESSOR_PW)
    assert code == 0 and "0 received by central; 0 waiting" in out
    # The record is purged after its grace; the addendum's audit entry, redacted with the
    # assessment's, still checks.
    code, out, err = cli("purge", "--grace", "0", "--data-dir", str(laptop))
    assert code == 0, (out, err)
    code, out, err = cli("audit-verify", "--data-dir", str(laptop), user=ADMIN)
    assert code == 0, (out, err)


def _addendum_row(folder, outcome_id):
    with admin(folder) as store:
        return store.db["outcome_addenda"].get(outcome_id)


def test_a_purge_cuts_an_addendum_to_a_stub_only_after_its_own_receipt(make_server, tls,
                                                                      laptop):
    server = make_server("sqlite")
    first, second = approve(laptop, [0, 1])
    gone, kept_back = "Zephyrine Ashworth-Llewellyn", "Quillon Barrowcliffe-Pryce"
    with Store.open(laptop, ASSESSOR, ASSESSOR_PW, kdf=FAST_KDF_FOR_TESTS) as sam:
        hearing = sam.answers(first)["hearing_date"]
        sent = sam.record_outcome(load_bundle(), case_number(0), {
            **SENTENCED, "outcome_date": hearing, "outcome_court_said": gone})
    enrol(server, laptop, tls)
    assert cli("sync", "--data-dir", str(laptop))[0] == 0
    # Recorded after the sync: no receipt of its own yet, though its record has one.
    with Store.open(laptop, ASSESSOR, ASSESSOR_PW, kdf=FAST_KDF_FOR_TESTS) as sam:
        waiting = sam.record_outcome(load_bundle(), case_number(1), {
            **SENTENCED, "outcome_date": hearing, "outcome_court_said": kept_back})
    before = _raw_files(laptop)
    assert any(gone.encode() in blob for blob in before.values())

    code, out, err = cli("purge", "--grace", "0", "--data-dir", str(laptop))
    assert code == 0, (out, err)
    assert [(r["kind"], r["state"]) for r in outbox_rows(laptop)] == [
        ("record", "purged"), ("record", "purged"), ("outcome", "purged"),
        ("outcome", "queued")]
    stub = _addendum_row(laptop, sent["outcome_id"])
    assert (stub["case_number"], stub["payload"], stub["result"]) == (None, None, None)
    assert stub["purged_at"] and stub["sent_at"] and stub["outcome_date"] == hearing
    assert (stub["assessment_id"], stub["version"]) == (first, 1)
    receipt = json.loads(stub["receipt"])["payload"]
    assert (receipt["outcome_id"], receipt["content_hash"]) == (sent["outcome_id"],
                                                                 stub["content_hash"])
    assert receipt["receipt_id"]
    whole = _addendum_row(laptop, waiting["outcome_id"])
    assert whole["case_number"] == case_number(1) and whole["purged_at"] is None
    assert json.loads(whole["payload"])["answers"]["outcome_court_said"] == kept_back
    with admin(laptop) as store:
        entries = {r["seq"]: r for r in store.db["audit"].rows_where(
            "action = 'outcome_addendum'")}
        assert entries[stub["audit_seq"]]["redacted"] == 1
        assert entries[stub["audit_seq"]]["new"] is None
        assert not entries[whole["audit_seq"]]["redacted"]
        assert kept_back in entries[whole["audit_seq"]]["new"]
        assert store.verify_audit().ok
        assert [o["purged"] for o in store.latest_outcomes([first]).values()] == [True]
    after = _raw_files(laptop)
    for name, blob in after.items():
        for secret in (gone.encode(), case_number(0).encode()):
            assert secret not in blob, f"{secret!r} survives in {name}"
    # The control: the addendum still waiting for its receipt is all there.
    assert any(kept_back.encode() in blob for blob in after.values())

    # Its receipt comes with the next sync; the next purge cuts it too.
    assert cli("sync", "--data-dir", str(laptop))[0] == 0
    assert cli("purge", "--grace", "0", "--data-dir", str(laptop))[0] == 0
    assert _addendum_row(laptop, waiting["outcome_id"])["payload"] is None
    assert not any(kept_back.encode() in blob for blob in _raw_files(laptop).values())
    assert cli("audit-verify", "--data-dir", str(laptop), user=ADMIN)[0] == 0
