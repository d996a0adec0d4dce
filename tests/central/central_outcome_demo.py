"""A believable year of fictional court days at five courts, with outcomes and what
happened next, for the dashboard's screenshots and the benchmarks (random, seeded).

Through central's own ingest, outcome addenda and follow-ups, in process."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from central_factory import LaptopStore, make_outcome, make_record, sample_answers
from central_outcome_data import enrol_in_process, result, sentenced

from central.audit import Actor
from central.db import Database
from central.follow_ups import current, save
from central.ingest import receive
from central.keys import CentralKeys
from central.outcomes import receive_outcome
from central.periods import Period
from central.working_days import calendar

COURTS = ("Cardiff Crown Court", "Swansea Magistrates' Court", "Mold Crown Court",
          "Newport Magistrates' Court", "Cardiff Magistrates' Court")
COMBOS = ((("mhtr",), 55), (("atr",), 14), (("drr",), 12), (("mhtr", "atr"), 10),
          (("mhtr", "drr"), 6), (("drr", "atr"), 3))
FAMILIES = ("Jones", "Evans", "Williams", "Davies", "Thomas", "Roberts", "Lewis", "Morgan",
            "Griffiths", "Hughes", "Price", "Rees", "Owen", "Jenkins", "Powell")
GIVEN = ("Rhys", "Megan", "Owain", "Ffion", "Dylan", "Cerys", "Gareth", "Nia", "Iwan",
         "Seren", "Tomos", "Lowri")


def _pick(rng: random.Random, weighted):
    return rng.choices([w[0] for w in weighted], [w[1] for w in weighted])[0]


def _not_before(store: LaptopStore, day: date, hour: int) -> None:
    """Move the store's clock on to ``hour`` o'clock of ``day`` (never back)."""
    store.clock = max(store.clock, datetime(day.year, day.month, day.day, hour, tzinfo=UTC))


def _weekday(rng: random.Random, month: Period) -> date:
    while True:
        day = month.start + timedelta(days=rng.randrange((month.end - month.start).days))
        if calendar().is_working_day(day):
            return day


def demo_year(db: Database, keys: CentralKeys, last_month: str = "2026-11",
              seed: int = 13, scale: float = 1.0) -> int:
    """About 25 assessments a month (times ``scale``) for the twelve months to
    ``last_month``; returns how many were sent."""
    rng = random.Random(seed)
    store = LaptopStore(clock=datetime(2025, 11, 1, 8, 0, tzinfo=UTC))
    device = enrol_in_process(db, keys, store, name=f"demo-laptop-{seed}")
    actor = Actor("provider-import", "office")
    today = date(2026, 12, 3)
    sent = 0
    for month in Period.parse(last_month).trailing_months(12):
        for _ in range(int(rng.randint(18, 32) * scale)):
            sent += 1
            hearing = _weekday(rng, month)
            court = rng.choice(COURTS[:3] * 2 + COURTS[3:])
            combo = _pick(rng, COMBOS)
            answers = {**sample_answers(sent, hearing.isoformat()), "court_name": court,
                       "person_family_name": rng.choice(FAMILIES),
                       "person_given_names": rng.choice(GIVEN),
                       "person_dob": f"{rng.randint(1960, 2005)}-{rng.randint(1, 12):02d}-"
                                     f"{rng.randint(1, 28):02d}",
                       "case_number": f"CR-{hearing.year}-{sent:05d}",
                       "referral_source": rng.choice(("liaison_diversion", "probation",
                                                      "defence", "court")),
                       **{f"recommendation_{c}": "suitable" for c in combo}}
            if rng.random() < 0.3:
                answers["sentence_indicated"] = "custody"
            phq9 = rng.randint(6, 24) if "mhtr" in combo else None
            gad7 = rng.randint(5, 19) if "mhtr" in combo else None
            audit = rng.randint(12, 32) if "atr" in combo else None
            roll = rng.random()
            later: date | None = None
            if roll < 0.79:
                sentence_day = hearing
            elif roll < 0.93:
                answers.update(outcome_result="adjourned", outcome_adjournment_reason=rng.choice(
                    ("report_not_ready", "awaiting_assessment", "no_treatment_place", "other")))
                later = hearing + timedelta(days=rng.randint(7, 21))
                sentence_day = later if later < today and rng.random() < 0.8 else None
            elif roll < 0.97:
                answers["outcome_result"] = rng.choice(("remanded", "other"))
                sentence_day = None
            else:
                sentence_day = None  # no outcome recorded
            outcome = None
            if sentence_day is not None:
                kind = _pick(rng, (("community_order", 62), ("suspended_sentence_order", 26),
                                   ("custody", 12)))
                if answers.get("sentence_indicated") == "custody" and rng.random() < 0.35:
                    kind = "custody"
                outcome = sentenced(sentence_day.isoformat(), kind, list(combo),
                                    rng.choice(("yes", "yes", "yes", "partly")),
                                    **{c: rng.choice((6, 9, 12)) for c in combo})
                if later is None:
                    answers.update(outcome)
            _not_before(store, hearing, 16)  # countersigned after the hearing
            record = make_record(store, n=sent, answers=answers, pdfs=False,
                                 result=result(phq9=phq9, gad7=gad7, audit=audit))
            assert receive(db, keys, record, device).status == "accepted"
            if outcome is not None and later is not None:
                _not_before(store, later, 17)  # recorded after the later hearing
                addendum = make_outcome(store, record["assessment_id"], outcome)
                assert receive_outcome(db, keys, addendum, device).status == "accepted"
            if outcome is None or outcome["outcome_sentence"] == "custody":
                continue
            _follow_up(db, rng, record["assessment_id"], sentence_day, combo,
                       {"phq9": phq9, "gad7": gad7, "audit": audit}, today, actor)
    return sent


def _follow_up(db: Database, rng: random.Random, assessment_id: str, sentenced_on: date,
               combo: tuple[str, ...], start: dict[str, int | None], today: date,
               actor: Actor) -> None:
    treatments = {}
    for code in combo:
        roll = rng.random()
        if roll < 0.06 or sentenced_on + timedelta(days=2) > today:
            continue
        first = calendar().add(sentenced_on, rng.randint(1, 5) if roll < 0.8 else
                               rng.randint(6, 12))[0]
        if first > today:
            treatments[code] = {"first_date": first.isoformat()}
            continue
        attended = "yes" if rng.random() < 0.82 else "no"
        treatments[code] = {"first_date": first.isoformat(), "first_attended": attended,
                            "notified_date": (first + timedelta(days=rng.randint(0, 2)))
                            .isoformat()}
    order: dict = {}
    if rng.random() < 0.06:
        order["warnings"] = rng.randint(1, 2)
    if rng.random() < 0.03:
        order["breach_date"] = min(today, sentenced_on + timedelta(days=rng.randint(20, 90))
                                   ).isoformat()
    ends = sentenced_on + timedelta(days=rng.randint(150, 280))
    if ends < today and rng.random() < 0.9:
        status = _pick(rng, (("completed", 74), ("revoked", 17), ("transferred", 9)))
        order.update(end_status=status, end_date=ends.isoformat())
        if status == "completed":
            for name, score in start.items():
                if score is not None:
                    order[f"{name}_end"] = max(0, score - rng.randint(-2, 10))
    with db.write() as session:
        held_order, held_treatments = current(session, assessment_id)
        save(session, assessment_id, {**held_order, **order},
             {c: {**held_treatments[c], **v} for c, v in treatments.items()}, actor,
             via="csv")
