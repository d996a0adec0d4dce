"""The court outcome after approval travels with sync (issues 12 and 13): the signed
addendum is queued in the outbox with it, ``cstr-desktop sync`` sends it to a real central
over TLS on loopback, central accepts it once, and the laptop keeps the receipt; a
purge later leaves the audit trail checking."""

from __future__ import annotations

import json

import pytest
from sync_support import (
    ADMIN,
    ASSESSOR,
    ASSESSOR_PW,
    admin,
    approve,
    case_number,
    make_laptop,
)
from test_sync import central_records, cli, enrol, outbox_rows

from cstr_desktop.form_loader import load_bundle
from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
from cstr_desktop.store import Store

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
