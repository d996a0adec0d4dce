"""The per-assessment facts every figure is a sum of (``case_facts``, docs/outcomes.md).

``compute`` is pure: from the newest accepted version's answers and result, the court
outcomes (the one in the record and the signed addenda), and what happened next, it works
out one row of 0/1 flags, small counts, dates and categories. ``refresh`` does that for one
assessment inside the transaction that changed it (a version received or accepted, an
outcome received, a follow-up saved), so the figures are always up to date and a month's
figures are sums over an index range.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import delete, or_, select, text
from sqlalchemy.orm import Session

from central import monthly
from central.canonical import now, search_form, search_terms
from central.db import Database
from central.models import (
    CaseFacts,
    OrderFollowUp,
    OutcomeAddendum,
    Record,
    RecordBody,
    TreatmentFollowUp,
)
from central.outcome_fields import (
    COMMUNITY,
    CourtOutcome,
    OutcomeError,
    outcome_answers,
    parse_outcome,
)
from central.working_days import Calendar, calendar

FACTS_VERSION = 1
RECOMMENDED = ("suitable", "suitable_subject_to")
AGE_BANDS = ((18, 24), (25, 34), (35, 44), (45, 54), (55, 64))
FIRST_APPOINTMENT_DAYS = 5


@dataclass
class Inputs:
    """Everything one assessment's facts depend on."""

    assessment_id: str
    record_id: str
    answers: dict[str, Any]
    result: dict[str, Any]
    court_name: str | None
    hearing_date: str | None
    family_name: str | None = None
    given_names: str | None = None
    received_at: str = ""
    outcomes: list[CourtOutcome] = field(default_factory=list)
    order: dict[str, Any] = field(default_factory=dict)
    treatments: dict[str, dict[str, Any]] = field(default_factory=dict)


def _day(value: Any) -> date | None:
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def age_band(dob: Any, on: date) -> str:
    born = _day(dob)
    if born is None:
        return "unknown"
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if age < 18:
        return "under_18"
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low}-{high}"
    return "65+"


def person_key(inputs: Inputs) -> int:
    """The same person in every case: folded names and date of birth, hashed to a 63-bit
    whole number (internal to central: counting different people over a year is quicker
    on numbers; the de-identified export hashes it again with central's key)."""
    dob = inputs.answers.get("person_dob")
    family = " ".join(search_terms(inputs.family_name))
    given = " ".join(search_terms(inputs.given_names))
    if not (_day(dob) and family):
        basis = f"assessment:{inputs.assessment_id}"
    else:
        basis = f"person:{search_form(family)}|{search_form(given)}|{dob}"
    return int.from_bytes(hashlib.sha256(basis.encode("utf-8")).digest()[:8], "big") >> 1


def _score(result: dict[str, Any], name: str) -> int | None:
    scores = result.get("scores") if isinstance(result.get("scores"), dict) else {}
    entry = scores.get(name) if isinstance(scores.get(name), dict) else {}
    total = entry.get("total")
    return total if isinstance(total, int) and not isinstance(total, bool) else None


def _order_key(outcome: CourtOutcome) -> tuple:
    return (outcome.on, outcome.time_sentenced or "")


def compute(inputs: Inputs, days: Calendar | None = None) -> dict[str, Any]:
    days = days or calendar()
    answers = inputs.answers
    assessed_on = _day(inputs.hearing_date) or _day(inputs.received_at[:10]) or date.today()
    recommended = [c for c in ("mhtr", "drr", "atr")
                   if answers.get(f"recommendation_{c}") in RECOMMENDED]
    row: dict[str, Any] = {
        "assessment_id": inputs.assessment_id, "record_id": inputs.record_id,
        "facts_version": FACTS_VERSION, "updated_at": now(),
        "court_name": inputs.court_name,
        "court_key": " ".join(search_terms(inputs.court_name))[:200],
        "person_key": person_key(inputs),
        "age_band": age_band(answers.get("person_dob"), assessed_on),
        "referral_source": str(answers["referral_source"])[:40]
        if isinstance(answers.get("referral_source"), str) else None,
        "recommended": "+".join(recommended) or None,
        "assessed_on": assessed_on.isoformat(), "assessed": 1,
        "phq9_start": _score(inputs.result, "phq9"),
        "gad7_start": _score(inputs.result, "gad7"),
        "audit_start": _score(inputs.result, "audit"),
    }
    outcomes = sorted(inputs.outcomes, key=_order_key)
    first = outcomes[0] if outcomes else None
    row["outcome_known"] = int(first is not None)
    row["outcome_unknown"] = int(first is None)
    row["first_result"] = first.result if first else None
    row["adjourned_first"] = int(bool(first and first.result == "adjourned"))
    row["adjourn_reason"] = first.adjournment_reason if row["adjourned_first"] else None
    sentence = next((o for o in outcomes if o.result == "sentenced"), None)
    cstrs: tuple[str, ...] = sentence.cstrs if sentence else ()
    if sentence is not None:
        row.update(sentenced=1, sentenced_on=sentence.on.isoformat(),
                   sentenced_on_day=int(sentence.on == assessed_on),
                   sentence=sentence.sentence,
                   requirements="+".join(sentence.requirements)[:400] or None)
        if recommended:
            row["rec_considered"] = 1
            if sentence.recommendation_followed is not None:
                row["rec_followed"] = int(sentence.recommendation_followed == "yes")
            else:
                row["rec_followed"] = int(set(recommended) <= set(cstrs))
        if answers.get("sentence_indicated") == "custody":
            row["custody_indicated_sentenced"] = 1
            row["custody_avoided"] = int(sentence.sentence in COMMUNITY)
    for code in ("mhtr", "drr", "atr"):
        row[code] = int(code in cstrs)
    row["cstr"] = int(bool(cstrs))
    row["combined"] = int(len(cstrs) >= 2)
    row["combination"] = "+".join(cstrs) or None
    if cstrs:
        _treatment_facts(row, inputs, cstrs, sentence.on, days)
        _order_facts(row, inputs.order)
    return row


def _treatment_facts(row: dict[str, Any], inputs: Inputs, cstrs: Iterable[str],
                     sentenced_on: date, days: Calendar) -> None:
    counts = dict.fromkeys(("treatments", "first_known", "first_within5",
                            "first_attended_known", "first_attended", "uncertain_days"), 0)
    for code in cstrs:
        counts["treatments"] += 1
        follow = inputs.treatments.get(code) or {}
        first = _day(follow.get("first_date"))
        if first is not None:
            counts["first_known"] += 1
            within, certain = days.within(sentenced_on, first, FIRST_APPOINTMENT_DAYS)
            counts["first_within5"] += int(within)
            counts["uncertain_days"] = max(counts["uncertain_days"], int(not certain))
        if follow.get("first_attended") in ("yes", "no"):
            counts["first_attended_known"] += 1
            counts["first_attended"] += int(follow["first_attended"] == "yes")
    counts["first_missing"] = counts["treatments"] - counts["first_known"]
    row.update(counts)


def _order_facts(row: dict[str, Any], order: dict[str, Any]) -> None:
    warned = int((order.get("warnings") or 0) > 0)
    breach = int(bool(order.get("breach_date")))
    row.update(warned=warned, breach=breach, non_compliant=int(warned or breach))
    status, ended = order.get("end_status"), _day(order.get("end_date"))
    if status in ("completed", "revoked", "transferred") and ended is not None:
        row.update(end_status=status, ended_on=ended.isoformat(),
                   completed=int(status == "completed"), revoked=int(status == "revoked"),
                   transferred=int(status == "transferred"),
                   ended_decided=int(status in ("completed", "revoked")))
    for name in ("phq9", "gad7", "audit"):
        end = order.get(f"{name}_end")
        row[f"{name}_end"] = end
        start = row.get(f"{name}_start")
        if end is not None and start is not None:
            row[f"{name}_change"] = end - start


# In the database ----------------------------------------------------------------------


def newest_accepted(session: Session, assessment_id: str) -> Record | None:
    return session.scalar(select(Record).where(
        Record.assessment_id == assessment_id, Record.status == "accepted")
        .order_by(Record.central_version.desc(), Record.received_at.desc()).limit(1))


def record_outcome(answers: dict[str, Any], hearing_date: str | None
                   ) -> tuple[CourtOutcome | None, str | None]:
    """The outcome recorded in a version's own answers, or why it cannot be counted."""
    found = outcome_answers(answers)
    if not found.get("outcome_result"):
        return None, None
    try:
        return parse_outcome(found, hearing_date, strict=False), None
    except OutcomeError as exc:
        return None, str(exc)


def addenda(session: Session, assessment_id: str) -> list[OutcomeAddendum]:
    return list(session.scalars(select(OutcomeAddendum).where(
        OutcomeAddendum.assessment_id == assessment_id)
        .order_by(OutcomeAddendum.outcome_date, OutcomeAddendum.signed_at,
                  OutcomeAddendum.received_at)))


def addendum_outcome(row: OutcomeAddendum) -> CourtOutcome:
    payload = json.loads(row.body)["outcome"]["payload"]
    return parse_outcome(payload["answers"])


def counted_outcomes(record_side: CourtOutcome | None, held: list[OutcomeAddendum]
                     ) -> list[CourtOutcome]:
    """The accepted outcomes, leaving out every one a later accepted addendum replaces."""
    accepted = [a for a in held if a.status == "accepted"]
    replaced = {a.supersedes for a in accepted if a.supersedes}
    out = [] if record_side is None or "record" in replaced else [record_side]
    for addendum in accepted:
        if addendum.outcome_id not in replaced:
            try:
                out.append(addendum_outcome(addendum))
            except (OutcomeError, KeyError, TypeError, ValueError):
                continue  # accepted only when usable; an unusable one counts for nothing
    return out


def _lock(session: Session, assessment_id: str) -> None:
    """On PostgreSQL one refresh of an assessment at a time: a later one waits and then
    sees what the earlier one committed (SQLite writers are one at a time already)."""
    if session.get_bind().dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(assessment_id.encode()).digest()[:8], "big",
                             signed=True)
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def inputs_for(session: Session, assessment_id: str, record: dict | None = None
               ) -> Inputs | None:
    row = newest_accepted(session, assessment_id)
    if row is None:
        return None
    if record is None or record.get("content_hash") != row.content_hash:
        body = session.get(RecordBody, row.id)
        record = json.loads(body.body) if body else {}
    answers = record.get("answers") if isinstance(record.get("answers"), dict) else {}
    result = record.get("result") if isinstance(record.get("result"), dict) else {}
    own, _problem = record_outcome(answers, row.hearing_date)
    order = session.get(OrderFollowUp, assessment_id)
    treatments = session.scalars(select(TreatmentFollowUp).where(
        TreatmentFollowUp.assessment_id == assessment_id))
    return Inputs(
        assessment_id=assessment_id, record_id=row.id, answers=answers, result=result,
        court_name=row.court_name, hearing_date=row.hearing_date,
        family_name=row.family_name, given_names=row.given_names,
        received_at=row.received_at,
        outcomes=counted_outcomes(own, addenda(session, assessment_id)),
        order={c: getattr(order, c) for c in ("warnings", "breach_date", "end_status",
                                              "end_date", "phq9_end", "gad7_end",
                                              "audit_end")} if order else {},
        treatments={t.requirement: {"first_date": t.first_date,
                                    "first_attended": t.first_attended,
                                    "notified_date": t.notified_date} for t in treatments})


def refresh(session: Session, assessment_id: str, record: dict | None = None) -> None:
    """Work out one assessment's facts again, in the caller's transaction."""
    _lock(session, assessment_id)
    session.flush()
    old = monthly.as_dict(session.get(CaseFacts, assessment_id, populate_existing=True))
    found = inputs_for(session, assessment_id, record)
    if found is None:
        if old is not None:
            monthly.apply(session, old, None)
            session.execute(delete(CaseFacts).where(CaseFacts.assessment_id == assessment_id))
        return
    new = {**_defaults(), **compute(found)}
    monthly.apply(session, old, new)
    session.merge(CaseFacts(**new))


def _defaults() -> dict[str, Any]:
    return {c.name: (0 if c.name in _FLAG_NAMES else None)
            for c in CaseFacts.__table__.columns}


_FLAG_NAMES = {c.name for c in CaseFacts.__table__.columns
               if not c.nullable and str(c.type) == "INTEGER"} - {"facts_version"}


def rebuild(db: Database, everything: bool = False, batch: int = 500) -> int:
    """Facts for every assessment with an accepted version that has none, or whose facts
    were worked out by an older version of this code (``everything``: all of them)."""
    with db.read() as session:
        query = select(Record.assessment_id).where(Record.status == "accepted").distinct()
        if not everything:
            query = query.outerjoin(CaseFacts, CaseFacts.assessment_id ==
                                    Record.assessment_id).where(or_(
                                        CaseFacts.assessment_id.is_(None),
                                        CaseFacts.facts_version != FACTS_VERSION))
        todo = list(session.scalars(query))
    for start in range(0, len(todo), batch):
        with db.write() as session:
            for assessment_id in todo[start:start + batch]:
                refresh(session, assessment_id)
    if todo or everything:  # the monthly sums from scratch: right whatever came before
        with db.write() as session:
            monthly.rebuild(session)
    return len(todo)
