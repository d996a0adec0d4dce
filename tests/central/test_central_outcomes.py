"""Court outcomes at central: in the record, and after approval as signed addenda sent to
``PUT /api/v1/outcomes/<id>`` with exactly-once semantics (docs/outcomes.md), over real
TLS to a real server, on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import json

import pytest
from central_factory import make_outcome, make_record, resign_outcome, sample_answers
from sqlalchemy import select

from central.audit import Actor
from central.models import CaseFacts, OutcomeAddendum
from central.outcomes import resolve_outcome

SENTENCED = {"outcome_result": "sentenced", "outcome_date": "2026-11-30",
             "outcome_time_sentenced": "15:10", "outcome_sentence": "community_order",
             "outcome_order_months": 12, "outcome_requirements": ["mhtr", "atr", "unpaid_work"],
             "outcome_length_mhtr": 6, "outcome_length_atr": 6,
             "outcome_length_unpaid_work": 80, "outcome_recommendation_followed": "yes"}
ADJOURNED = {"outcome_result": "adjourned", "outcome_adjourned_to": "2026-11-30",
             "outcome_adjournment_reason": "no_treatment_place"}


def facts_of(server, assessment_id: str) -> CaseFacts | None:
    db = server.db()
    try:
        with db.read() as session:
            return session.get(CaseFacts, assessment_id)
    finally:
        db.dispose()


def test_adjourned_in_the_record_then_sentenced_by_addendum_exactly_once(server, enrolled):
    laptop = enrolled(server)
    record = make_record(laptop.store, answers={**sample_answers(0, "2026-11-23"), **ADJOURNED,
                                                "recommendation_mhtr": "suitable"})
    assert laptop.put_record(record).status_code == 201
    before = facts_of(server, record["assessment_id"])
    assert (before.first_result, before.adjourned_first, before.adjourn_reason,
            before.sentenced, before.outcome_known) == ("adjourned", 1, "no_treatment_place",
                                                        0, 1)

    addendum = make_outcome(laptop.store, record["assessment_id"], SENTENCED,
                            case_number=record["case_number"])
    first = laptop.put_outcome(addendum)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["status"] == "accepted"
    assert laptop.outcome_receipt_ok(body["receipt"], addendum)

    again = laptop.put_outcome(addendum)  # a lost answer: sent again
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert again.json()["receipt"] == body["receipt"]

    after = facts_of(server, record["assessment_id"])
    assert (after.sentenced, after.sentenced_on, after.sentenced_on_day) == (1, "2026-11-30", 0)
    assert (after.cstr, after.mhtr, after.atr, after.drr, after.combined,
            after.combination) == (1, 1, 1, 0, 1, "mhtr+atr")
    assert (after.rec_considered, after.rec_followed) == (1, 1)
    assert after.requirements == "mhtr+atr+unpaid_work"

    changed = resign_outcome(laptop.store, addendum, laptop.store.accounts["assessor"])
    changed["outcome"]["payload"]["answers"]["outcome_sentence"] = "custody"
    changed = resign_outcome(laptop.store, changed, laptop.store.accounts["assessor"])
    conflict = laptop.put_outcome(changed)
    assert conflict.status_code == 409
    assert conflict.json()["held_content_hash"] == body["content_hash"]
    db = server.db()
    try:
        with db.read() as session:
            rows = list(session.scalars(select(OutcomeAddendum).where(
                OutcomeAddendum.outcome_id == addendum["outcome"]["payload"]["outcome_id"])
                .order_by(OutcomeAddendum.copy_no)))
    finally:
        db.dispose()
    assert [(r.copy_no, r.status, r.conflict) for r in rows] == [
        (0, "quarantined", True), (1, "quarantined", True)]
    # Neither copy counts while the conflict waits: the figures fall back to the record's.
    assert facts_of(server, record["assessment_id"]).sentenced == 0


def _store_of_another(laptop):
    from central_factory import LaptopStore

    other = LaptopStore()
    other.add_account("assessor", "assessor")
    return other


TAMPERING = {
    "signature": (lambda lap, b: b["outcome"].update(signature=b["outcome"]["signature"][::-1]),
                  "signature does not verify"),
    "answers changed after signing": (
        lambda lap, b: b["outcome"]["payload"]["answers"].update(outcome_sentence="custody"),
        "signature does not verify"),
    "signed by an administrator": (
        lambda lap, b: b.update(resign_outcome(lap.store, b, lap.store.root)),
        "may not record an outcome"),
    "signed by a removed account": (
        lambda lap, b: (lap.store.reissue(lap.store.accounts["assessor"], "assessor",
                                          revoked=True),
                        b.update(resign_outcome(lap.store, _retimed(lap.store, b),
                                                lap.store.accounts["assessor"]))),
        "after their account was removed"),
    "another store's root": (
        lambda lap, b: b.update(root_fingerprint=_store_of_another(lap).root_fingerprint),
        "root key is not the one enrolled"),
    "a certificate not issued by an administrator": (
        lambda lap, b: b["certificates"].pop(0), "root"),
    "an unknown result": (
        lambda lap, b: (b["outcome"]["payload"]["answers"].update(outcome_result="acquitted"),
                        b.update(resign_outcome(lap.store, b, lap.store.accounts["assessor"]))),
        "'outcome_result': 'acquitted' is not one of"),
    "an unknown id": (
        lambda lap, b: (b["outcome"]["payload"]["answers"].update(outcome_mood="calm"),
                        b.update(resign_outcome(lap.store, b, lap.store.accounts["assessor"]))),
        "'outcome_mood' is not an outcome id"),
    "a requirement not in s.201": (
        lambda lap, b: (b["outcome"]["payload"]["answers"].update(
            outcome_requirements=["mhtr", "hypnosis"]),
            b.update(resign_outcome(lap.store, b, lap.store.accounts["assessor"]))),
        "'hypnosis' is not a requirement"),
    "a wrong type": (lambda lap, b: b.update(type="cstr-outcome/9"), "not a cstr-outcome"),
}


def _retimed(store, body: dict) -> dict:
    out = copy.deepcopy(body)
    out["outcome"]["payload"]["at"] = store.tick()
    return out


@pytest.mark.parametrize("kind", list(TAMPERING))
def test_an_addendum_that_does_not_verify_is_kept_in_quarantine(shared_servers, enrolled,
                                                                kind):
    server = shared_servers("sqlite")
    laptop = enrolled(server)
    record = make_record(laptop.store)
    assert laptop.put_record(record).status_code == 201
    addendum = make_outcome(laptop.store, record["assessment_id"], SENTENCED)
    change, reason = TAMPERING[kind]
    change(laptop, addendum)
    response = laptop.put_outcome(addendum)
    assert response.status_code == 422, response.text
    assert response.json()["status"] == "quarantined"
    assert reason in response.json()["reason"]
    assert response.json()["receipt"] is None
    assert facts_of(server, record["assessment_id"]).sentenced == 0


def test_refused_before_it_is_stored(shared_servers, enrolled):
    server = shared_servers("sqlite")
    laptop = enrolled(server)
    addendum = make_outcome(laptop.store, "6a1f4f0e-0000-4000-8000-000000000001", SENTENCED)
    path = "/api/v1/outcomes/6a1f4f0e-0000-4000-8000-000000000009"
    mismatch = laptop.send("PUT", path, addendum)
    assert (mismatch.status_code, mismatch.json()["error"]) == (400, "path_mismatch")
    bad = copy.deepcopy(addendum)
    bad["outcome"]["payload"]["assessment_id"] = "not-a-uuid"
    invalid = laptop.put_outcome(bad)
    assert (invalid.status_code, invalid.json()["status"]) == (400, "invalid")
    unsigned = laptop.http.put(f"/api/v1/outcomes/{addendum['outcome']['payload']['outcome_id']}",
                               json=addendum)
    assert unsigned.status_code == 401


def test_office_accepts_a_quarantined_addendum_and_it_counts(shared_servers, enrolled):
    server = shared_servers("sqlite")
    laptop = enrolled(server)
    record = make_record(laptop.store)
    assert laptop.put_record(record).status_code == 201
    addendum = make_outcome(laptop.store, record["assessment_id"], SENTENCED,
                            signer="root-admin")
    assert laptop.put_outcome(addendum).status_code == 422  # an administrator signed it
    db = server.db()
    try:
        with db.read() as session:
            row = session.scalar(select(OutcomeAddendum).where(
                OutcomeAddendum.outcome_id == addendum["outcome"]["payload"]["outcome_id"]))
        from central.keys import load_keys

        keys = load_keys(server.settings.key_dir)
        with pytest.raises(ValueError, match="reason"):
            resolve_outcome(db, keys, row.id, "reject", " ", Actor("mared", "manager"))
        resolve_outcome(db, keys, row.id, "accept", "the court clerk confirmed it",
                        Actor("mared", "manager"))
    finally:
        db.dispose()
    facts = facts_of(server, record["assessment_id"])
    assert (facts.sentenced, facts.cstr, facts.combination) == (1, 1, "mhtr+atr")
    again = laptop.put_outcome(addendum)
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    assert laptop.outcome_receipt_ok(again.json()["receipt"], addendum)


def test_a_later_addendum_replaces_an_earlier_one(shared_servers, enrolled):
    server = shared_servers("sqlite")
    laptop = enrolled(server)
    record = make_record(laptop.store, answers={**sample_answers(2, "2026-11-23"),
                                                **SENTENCED, "outcome_date": "2026-11-23",
                                                "outcome_requirements": ["drr"],
                                                "outcome_length_drr": 6})
    assert laptop.put_record(record).status_code == 201
    assert facts_of(server, record["assessment_id"]).combination == "drr"
    fixed = make_outcome(laptop.store, record["assessment_id"],
                         {**SENTENCED, "outcome_date": "2026-11-23"}, supersedes="record",
                         signer="reviewer")
    assert laptop.put_outcome(fixed).status_code == 201
    facts = facts_of(server, record["assessment_id"])
    assert (facts.combination, facts.sentenced_on_day) == ("mhtr+atr", 1)
    body = json.loads(json.dumps(fixed))
    assert body["outcome"]["payload"]["supersedes"] == "record"


def test_an_addendum_before_its_record_counts_once_the_record_arrives(shared_servers,
                                                                      enrolled):
    server = shared_servers("sqlite")
    laptop = enrolled(server)
    record = make_record(laptop.store, answers={**sample_answers(3, "2026-11-23"),
                                                "recommendation_mhtr": "suitable"})
    addendum = make_outcome(laptop.store, record["assessment_id"],
                            {**SENTENCED, "outcome_date": "2026-11-23"},
                            case_number=record["case_number"])
    early = laptop.put_outcome(addendum)
    assert early.status_code == 201, early.text
    assert laptop.outcome_receipt_ok(early.json()["receipt"], addendum)
    assert facts_of(server, record["assessment_id"]) is None  # no record, nothing counts
    assert laptop.put_record(record).status_code == 201
    facts = facts_of(server, record["assessment_id"])
    assert (facts.sentenced, facts.sentenced_on, facts.sentenced_on_day,
            facts.combination) == (1, "2026-11-23", 1, "mhtr+atr")
