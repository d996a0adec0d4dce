"""What happened next: the order (warnings, breach proceedings, how it ended, the scores at
the end of treatment) and each treatment requirement's start (first appointment offered,
attended or not, attendance notified to probation).

Recorded by office staff on a record's page, or imported from treatment providers' CSV
files (``follow_up_csv.py``). Every change is written to the audit trail with its old and
new value, in the transaction that makes it, and the assessment's facts are worked out
again there too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central import facts
from central.audit import Actor, record_event
from central.canonical import now
from central.models import CaseFacts, OrderFollowUp, TreatmentFollowUp

TREATMENTS = ("mhtr", "drr", "atr")
END_STATUSES = ("completed", "revoked", "transferred")
ORDER_FIELDS = ("warnings", "breach_date", "end_status", "end_date", "phq9_end", "gad7_end",
                "audit_end")
TREATMENT_FIELDS = ("first_date", "first_attended", "notified_date")
SCORE_RANGES = {"phq9_end": 27, "gad7_end": 21, "audit_end": 40}
DATE_FIELDS = ("breach_date", "end_date", "first_date", "notified_date")
FUTURE_DAYS = 366  # a first appointment may be booked ahead, but not years ahead


@dataclass
class Problems(Exception):
    """Values that cannot be saved: (field, message key, values for the message)."""

    items: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)

    def add(self, name: str, key: str, **values: Any) -> None:
        self.items.append((name, key, values))

    def __bool__(self) -> bool:
        return bool(self.items)


def parse_value(name: str, raw: str, problems: Problems, today: date | None = None) -> Any:
    """One typed value from what was typed (stripped; blank is None)."""
    text = raw.strip()
    if not text:
        return None
    today = today or date.today()
    if name in DATE_FIELDS:
        try:
            day = date.fromisoformat(text) if len(text) == 10 else None
        except ValueError:
            day = None
        if day is None:
            problems.add(name, "fu_bad_date", value=text[:20])
            return None
        limit = today + timedelta(days=FUTURE_DAYS) if name == "first_date" else today
        if day > limit:
            problems.add(name, "fu_future", value=text)
            return None
        return text
    if name == "first_attended":
        if text.lower() not in ("yes", "no"):
            problems.add(name, "fu_bad_yes_no", value=text[:20])
            return None
        return text.lower()
    if name == "end_status":
        if text.lower() not in END_STATUSES:
            problems.add(name, "fu_bad_end", value=text[:20])
            return None
        return text.lower()
    high = SCORE_RANGES.get(name, 99)
    if not text.isdigit() or not 0 <= int(text) <= high:
        problems.add(name, "fu_bad_number", value=text[:20], high=high)
        return None
    return int(text)


def check_rules(order: dict[str, Any], treatments: dict[str, dict[str, Any]],
                sentenced_on: str | None, problems: Problems) -> None:
    """Rules across fields, on the values as they will be after the change."""
    if bool(order.get("end_status")) != bool(order.get("end_date")):
        problems.add("end_date" if order.get("end_status") else "end_status", "fu_end_pair")
    for name in ("end_date", "breach_date"):
        if order.get(name) and sentenced_on and order[name] < sentenced_on:
            problems.add(name, "fu_before_sentence", sentenced=sentenced_on)
    for code, values in treatments.items():
        first, notified = values.get("first_date"), values.get("notified_date")
        if first and sentenced_on and first < sentenced_on:
            problems.add(f"{code}_first_date", "fu_before_sentence", sentenced=sentenced_on)
        if values.get("first_attended") and not first:
            problems.add(f"{code}_first_attended", "fu_attended_needs_date")
        if notified and not first:
            problems.add(f"{code}_notified_date", "fu_notified_needs_date")
        elif notified and first and notified < first:
            problems.add(f"{code}_notified_date", "fu_notified_before")


def current(session: Session, assessment_id: str) -> tuple[dict[str, Any],
                                                             dict[str, dict[str, Any]]]:
    """What is held now: the order's values and each treatment's."""
    order = session.get(OrderFollowUp, assessment_id)
    held = {name: getattr(order, name) for name in ORDER_FIELDS} if order else \
        dict.fromkeys(ORDER_FIELDS)
    treatments = {code: dict.fromkeys(TREATMENT_FIELDS) for code in TREATMENTS}
    for row in session.scalars(select(TreatmentFollowUp).where(
            TreatmentFollowUp.assessment_id == assessment_id)):
        treatments[row.requirement] = {n: getattr(row, n) for n in TREATMENT_FIELDS}
    return held, treatments


def sentenced_on(session: Session, assessment_id: str) -> str | None:
    row = session.get(CaseFacts, assessment_id)
    return row.sentenced_on if row else None


def save(session: Session, assessment_id: str, order: dict[str, Any],
         treatments: dict[str, dict[str, Any]], actor: Actor, via: str) -> int:
    """Write the new values (all of them: ``None`` clears one), auditing each change with
    its old and new value; returns how many values changed."""
    held_order, held_treatments = current(session, assessment_id)
    record = facts.newest_accepted(session, assessment_id)
    stamp, changed = now(), 0
    order_changes = {n: [held_order[n], order[n]] for n in ORDER_FIELDS
                     if n in order and held_order[n] != order[n]}
    if order_changes:
        row = session.get(OrderFollowUp, assessment_id) or OrderFollowUp(
            assessment_id=assessment_id)
        for name, (_old, new) in order_changes.items():
            setattr(row, name, new)
        row.updated_at, row.updated_by = stamp, actor.name
        session.add(row)
        record_event(session, actor, "follow_up_change", record,
                     detail={"assessment_id": assessment_id, "scope": "order",
                             "changes": order_changes, "via": via})
        changed += len(order_changes)
    for code, values in treatments.items():
        held = held_treatments.get(code) or dict.fromkeys(TREATMENT_FIELDS)
        changes = {n: [held[n], values[n]] for n in TREATMENT_FIELDS
                   if n in values and held[n] != values[n]}
        if not changes:
            continue
        row = session.get(TreatmentFollowUp, (assessment_id, code)) or TreatmentFollowUp(
            assessment_id=assessment_id, requirement=code)
        for name, (_old, new) in changes.items():
            setattr(row, name, new)
        row.updated_at, row.updated_by = stamp, actor.name
        session.add(row)
        record_event(session, actor, "follow_up_change", record,
                     detail={"assessment_id": assessment_id, "scope": code,
                             "changes": changes, "via": via})
        changed += len(changes)
    if changed:
        facts.refresh(session, assessment_id)
    return changed


def from_form(session: Session, assessment_id: str, form: dict[str, str],
              today: date | None = None) -> tuple[dict[str, Any], dict[str, dict[str, Any]],
                                                  Problems]:
    """The values of the record page's form (every field present: blank clears it)."""
    problems = Problems()
    order = {n: parse_value(n, form.get(n, ""), problems, today) for n in ORDER_FIELDS}
    treatments: dict[str, dict[str, Any]] = {}
    for code in TREATMENTS:
        if f"{code}_first_date" not in form:
            continue  # this requirement's fields were not on the page
        sub = Problems()
        treatments[code] = {n: parse_value(n, form.get(f"{code}_{n}", ""), sub, today)
                            for n in TREATMENT_FIELDS}
        problems.items += [(f"{code}_{name}", key, values) for name, key, values in sub.items]
    if not problems:
        check_rules(order, treatments, sentenced_on(session, assessment_id), problems)
    return order, treatments, problems
