"""A set of court days whose figures are known by construction (tests/central/
test_central_kpis.py holds the expected values, worked out by hand from this page).

Kinds of case, each repeated; the hearing (assessment) day is Friday 20 November 2026
unless said, so the 5th working day after a same-day sentence is Friday 27 November:

  A  x5  Cardiff Crown: sentenced on the day, community order, MHTR (recommended, followed
         "yes"); first appointment Fri 27 Nov (the 5th working day: within), attended;
         completed 14 May 2027; PHQ-9 14 -> 6, GAD-7 10 -> 4.
  A2 x1  as A, but 2 warnings, breach proceedings 20 Dec 2026, revoked 15 Jan 2027.
  B  x3  Swansea Mags: court indicated custody; sentenced on the day to a suspended sentence
         order with MHTR + ATR (both recommended, "followed" not recorded); MHTR first
         appointment Mon 30 Nov (6th working day: not within), ATR Mon 23 Nov (within);
         neither attended; 1 warning each.
  C  x2  Cardiff Crown: adjourned on the day (report not ready) to 3 Dec; the sentence, a
         community order with DRR (recommended), comes by signed addendum on 3 Dec.
  D  x1  Cardiff Crown: adjourned (awaiting assessment), nothing since.
  E  x2  Cardiff Crown: court indicated custody; sentenced on the day to immediate custody;
         MHTR had been recommended; followed "no".
  F  x1  Cardiff Crown: no outcome recorded.
  G  one person, two cases at Swansea Mags (20 and 24 Nov): each sentenced on its day to a
         community order with ATR (not recommended); no first appointment recorded.
  H  x1  Swansea Mags: remanded.
  I  x2  Swansea Mags, Tue 22 Dec 2026: sentenced on the day, community order, MHTR. The 5th
         working day after is Thu 31 Dec (25 and 28 Dec are bank holidays): I1's first
         appointment on 31 Dec is within, I2's on Mon 4 Jan 2027 is not.
  J  x1  Swansea Mags, Fri 5 Jan 2029 (a year the bank holidays file does not list):
         sentenced on the day, MHTR, first appointment 12 Jan 2029 (marked uncertain).

Also: one A case is sent again as version 2 (it counts once), and a tampered record of
20 Nov is quarantined (it does not count).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from central_factory import LaptopStore, make_outcome, make_record, sample_answers, tampered

from central.audit import Actor
from central.canonical import b64, canonical
from central.db import Database
from central.devices import add_device, enrol
from central.follow_ups import current, save
from central.ingest import receive
from central.keys import CentralKeys
from central.models import Device
from central.outcomes import receive_outcome

CARDIFF = "Cardiff Crown Court"
SWANSEA = "Swansea Magistrates' Court"


def result(phq9: int | None = None, gad7: int | None = None, audit: int | None = None) -> dict:
    def score(total):
        return {"total": total, "complete": total is not None}

    return {"schema": "cstr-assessment-result/1", "age": 38,
            "scores": {"phq9": score(phq9), "gad7": score(gad7), "audit": score(audit)},
            "requirements": {}}


def sentenced(on: str, sentence: str, reqs: list[str], followed: str | None = None,
              **lengths: int) -> dict:
    out = {"outcome_result": "sentenced", "outcome_date": on, "outcome_sentence": sentence,
           "outcome_time_sentenced": "14:30"}
    if sentence in ("community_order", "suspended_sentence_order"):
        out["outcome_requirements"] = reqs
        out["outcome_order_months"] = 12
        out.update({f"outcome_length_{k}": v for k, v in lengths.items()})
    if followed:
        out["outcome_recommendation_followed"] = followed
    return out


@dataclass
class Case:
    kind: str
    court: str
    hearing: str
    answers: dict
    result: dict = field(default_factory=dict)
    addenda: list[dict] = field(default_factory=list)
    order: dict = field(default_factory=dict)
    treatments: dict = field(default_factory=dict)
    person: tuple[str, str, str] | None = None  # family, given, dob


def cases() -> list[Case]:
    out: list[Case] = []
    day = "2026-11-20"

    def add(kind: str, court: str, hearing: str, extra: dict, **kw) -> Case:
        case = Case(kind, court, hearing, extra, **kw)
        out.append(case)
        return case

    for n in range(6):
        kind = "A" if n < 5 else "A2"
        order = {"end_status": "completed", "end_date": "2027-05-14", "phq9_end": 6,
                 "gad7_end": 4} if kind == "A" else {
            "warnings": 2, "breach_date": "2026-12-20", "end_status": "revoked",
            "end_date": "2027-01-15"}
        add(kind, CARDIFF, day, {**sentenced(day, "community_order", ["mhtr"], "yes", mhtr=6),
                                 "recommendation_mhtr": "suitable"},
            result=result(phq9=14, gad7=10), order=order,
            treatments={"mhtr": {"first_date": "2026-11-27", "first_attended": "yes",
                                 "notified_date": "2026-11-27"}})
    for _ in range(3):
        add("B", SWANSEA, day, {**sentenced(day, "suspended_sentence_order", ["mhtr", "atr"],
                                            mhtr=9, atr=6),
                                "recommendation_mhtr": "suitable",
                                "recommendation_atr": "suitable_subject_to",
                                "sentence_indicated": "custody"},
            order={"warnings": 1},
            treatments={"mhtr": {"first_date": "2026-11-30", "first_attended": "no"},
                        "atr": {"first_date": "2026-11-23", "first_attended": "no"}})
    for _ in range(2):
        add("C", CARDIFF, day, {"outcome_result": "adjourned", "outcome_adjourned_to":
                                "2026-12-03", "outcome_adjournment_reason": "report_not_ready",
                                "recommendation_drr": "suitable"},
            addenda=[sentenced("2026-12-03", "community_order", ["drr"], "yes", drr=6)])
    add("D", CARDIFF, day, {"outcome_result": "adjourned",
                            "outcome_adjournment_reason": "awaiting_assessment"})
    for _ in range(2):
        add("E", CARDIFF, day, {**sentenced(day, "custody", [], "no"),
                                "recommendation_mhtr": "suitable",
                                "sentence_indicated": "custody"})
    add("F", CARDIFF, day, {})
    for hearing in (day, "2026-11-24"):
        add("G", SWANSEA, hearing, sentenced(hearing, "community_order", ["atr"], atr=6),
            person=("Rees", "Gethin", "1979-06-02"))
    add("H", SWANSEA, day, {"outcome_result": "remanded"})
    for first in ("2026-12-31", "2027-01-04"):
        add("I", SWANSEA, "2026-12-22",
            sentenced("2026-12-22", "community_order", ["mhtr"], mhtr=6),
            treatments={"mhtr": {"first_date": first}})
    add("J", SWANSEA, "2029-01-05", sentenced("2029-01-05", "community_order", ["mhtr"]),
        treatments={"mhtr": {"first_date": "2029-01-12"}})
    return out


def enrol_in_process(db: Database, keys: CentralKeys, store: LaptopStore,
                     name: str = "kpi-laptop") -> Device:
    with db.write() as session:
        device, code = add_device(session, name, Actor("test", "cli"))
        device_id = device.id
    payload = {"type": "cstr-enrol/1", "code": code, "device_public_key": store.device_public,
               "root_fingerprint": store.root_fingerprint, "store_id": store.store_id,
               "at": "2026-11-20T08:00:00.000Z"}
    body = {"payload": payload, "signer": "device",
            "signature": b64(store.device_key.sign(canonical(payload)))}
    with db.write() as session:
        enrol(session, body, keys)
    with db.read() as session:
        return session.get(Device, device_id)


@dataclass
class Loaded:
    store: LaptopStore
    device: Device
    records: dict[str, list[dict]] = field(default_factory=dict)  # kind -> records


def load(db: Database, keys: CentralKeys) -> Loaded:
    """Every case through central's own ingest, addenda and follow-ups, in process."""
    store = LaptopStore()
    device = enrol_in_process(db, keys, store)
    loaded = Loaded(store, device)
    actor = Actor("provider-test", "office")
    for n, case in enumerate(cases()):
        answers = {**sample_answers(100 + n, case.hearing), "court_name": case.court,
                   "referral_source": "liaison_diversion", **case.answers}
        if case.person:
            family, given, dob = case.person
            answers.update(person_family_name=family, person_given_names=given,
                           person_dob=dob)
        record = make_record(store, n=100 + n, answers=answers, pdfs=False,
                             result=case.result or None)
        assert receive(db, keys, record, device).status == "accepted"
        loaded.records.setdefault(case.kind, []).append(record)
        for outcome in case.addenda:
            addendum = make_outcome(store, record["assessment_id"], outcome,
                                    case_number=answers["case_number"])
            assert receive_outcome(db, keys, addendum, device).status == "accepted"
        if case.order or case.treatments:
            with db.write() as session:
                held_order, held_treatments = current(session, record["assessment_id"])
                save(session, record["assessment_id"], {**held_order, **case.order},
                     {code: {**held_treatments[code], **values}
                      for code, values in case.treatments.items()}, actor, via="test")
    first = loaded.records["A"][0]
    again = make_record(store, version=2, assessment_id=first["assessment_id"],
                        answers={**first["answers"], "phq9_2": 3}, pdfs=False,
                        result=first["result"])
    assert receive(db, keys, again, device).status == "accepted"
    bad = tampered(make_record(store, n=99, answers={**sample_answers(99, "2026-11-20"),
                                                     "court_name": CARDIFF}, pdfs=False),
                   lambda r: r["answers"].update(phq9_1=3))
    assert receive(db, keys, bad, device).status == "quarantined"
    return loaded
