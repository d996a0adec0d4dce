"""What a record's page shows of the court outcome and of what happened next."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from central import facts, follow_ups
from central.definitions import requirements
from central.models import CaseFacts, OutcomeAddendum, Record
from central.outcome_fields import CourtOutcome, OutcomeError, parse_outcome


@dataclass
class ShownOutcome:
    source: str  # record, addendum
    state: str  # counted, replaced, quarantined, rejected, unusable
    outcome: CourtOutcome | None
    problem: str | None = None
    row: OutcomeAddendum | None = None


def _addendum(row: OutcomeAddendum) -> CourtOutcome | None:
    try:
        return parse_outcome(json.loads(row.body)["outcome"]["payload"]["answers"])
    except (OutcomeError, KeyError, TypeError, ValueError):
        return None


def shown_outcomes(session: Session, row: Record, record: dict) -> list[ShownOutcome]:
    answers = record.get("answers") if isinstance(record.get("answers"), dict) else {}
    own, problem = facts.record_outcome(answers, row.hearing_date)
    held = facts.addenda(session, row.assessment_id)
    replaced = {a.supersedes for a in held if a.status == "accepted" and a.supersedes}
    out: list[ShownOutcome] = []
    if own is not None or problem:
        state = "unusable" if problem else "replaced" if "record" in replaced else "counted"
        out.append(ShownOutcome("record", state, own, problem))
    for addendum in held:
        if addendum.resolution == "rejected":
            state = "rejected"
        elif addendum.status == "quarantined":
            state = "quarantined"
        else:
            state = "replaced" if addendum.outcome_id in replaced else "counted"
        out.append(ShownOutcome("addendum", state, _addendum(addendum),
                                addendum.resolution_reason if state == "rejected"
                                else addendum.reason, addendum))
    return out


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _problem(name: str, key: str, extra: dict[str, Any]) -> dict[str, Any]:
    code, _, base = name.partition("_")
    if code not in follow_ups.TREATMENTS:
        code, base = "", name
    return {"name": name, "code": code, "label": f"fu_{base}", "key": key, "values": extra}


def outcome_context(session: Session, row: Record, record: dict,
                    form: dict[str, Any] | None) -> dict[str, Any]:
    held_order, held_treatments = follow_ups.current(session, row.assessment_id)
    fact_row = session.get(CaseFacts, row.assessment_id)
    made = (fact_row.combination or "").split("+") if fact_row and fact_row.combination \
        else []
    codes = made or list(follow_ups.TREATMENTS)
    if form is not None:
        values = form["values"]
        problems = form["problems"]
    else:
        values = {n: _text(held_order[n]) for n in follow_ups.ORDER_FIELDS}
        for code in follow_ups.TREATMENTS:
            for name in follow_ups.TREATMENT_FIELDS:
                values[f"{code}_{name}"] = _text(held_treatments[code][name])
        problems = []
    spec = requirements()
    shown = [_problem(name, key, extra) for name, key, extra in problems]
    return {"court_outcomes": shown_outcomes(session, row, record), "facts_row": fact_row,
            "follow_values": values, "follow_codes": codes, "follow_problems": shown,
            "follow_errors": {p["name"]: p for p in shown},
            "follow_made": bool(made), "requirement_specs": spec.by_code(),
            "requirement_units": spec.units}
