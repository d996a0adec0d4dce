"""Treatment providers' CSV files of what happened next (docs/outcomes.md has the format).

UTF-8 (with or without BOM), a header row, one row per case and requirement. All or
nothing, like the court list (contract.md section 4): a file with any bad row changes
nothing and names every bad row and why. A blank cell leaves what is held as it is.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central import follow_ups
from central.audit import Actor, record_event
from central.canonical import case_form
from central.db import Database
from central.follow_ups import Problems, check_rules, current, parse_value, sentenced_on
from central.models import CaseFacts, Record

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# CSV column -> (order or treatment, field)
COLUMNS: dict[str, tuple[str, str]] = {
    "first_appointment_date": ("treatment", "first_date"),
    "first_appointment_attended": ("treatment", "first_attended"),
    "attendance_notified_date": ("treatment", "notified_date"),
    "warnings": ("order", "warnings"),
    "breach_proceedings_date": ("order", "breach_date"),
    "order_end": ("order", "end_status"),
    "order_end_date": ("order", "end_date"),
    "phq9_end": ("order", "phq9_end"),
    "gad7_end": ("order", "gad7_end"),
    "audit_end": ("order", "audit_end"),
}
KEYS = ("case_number", "assessment_id", "requirement")
ALL_COLUMNS = (*KEYS, *COLUMNS)
FIELD_COLUMN = {fieldname: column for column, (_scope, fieldname) in COLUMNS.items()}


class ImportRefused(Exception):
    """Nothing was imported; ``problems`` names every fault (header or row by row)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class Summary:
    rows: int
    cases: int
    changed: int


Say = Callable[..., str]


def _assessments(session: Session, case_number: str) -> list[str]:
    return list(session.scalars(select(Record.assessment_id).where(
        Record.case_search == case_form(case_number)[:200], Record.status == "accepted")
        .distinct()))


def read(data: bytes, say: Say) -> tuple[list[str], list[list[str]]]:
    if len(data) > MAX_BYTES:
        raise ImportRefused([say("csv_too_big", mib=MAX_BYTES // 2**20)])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused([say("csv_not_utf8", byte=exc.start)]) from None
    try:
        rows = [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]
    except csv.Error as exc:
        raise ImportRefused([say("csv_not_csv", detail=str(exc))]) from None
    if not rows:
        raise ImportRefused([say("csv_empty")])
    header = [h.strip().lower() for h in rows[0]]
    problems = []
    if "case_number" not in header:
        problems.append(say("csv_missing_column", column="case_number"))
    unknown = [h for h in header if h not in ALL_COLUMNS]
    if unknown:
        problems.append(say("csv_unknown_columns", columns=", ".join(unknown)))
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        problems.append(say("csv_repeated_columns", columns=", ".join(repeated)))
    if problems:
        raise ImportRefused(problems)
    if len(rows) == 1:
        raise ImportRefused([say("csv_no_rows")])
    if len(rows) - 1 > MAX_ROWS:
        raise ImportRefused([say("csv_too_many", most=MAX_ROWS)])
    return header, rows[1:]


def plan(session: Session, header: list[str], rows: list[list[str]], say: Say,
         today: date | None = None) -> list[tuple[str, dict, dict]]:
    """Every row checked against what central holds: the changes to make, one
    (assessment, order values, treatment values) per row, or ``ImportRefused``."""
    problems: list[str] = []
    planned: list[tuple[str, dict, dict]] = []
    seen: dict[tuple[str, str], int] = {}
    state: dict[str, tuple[dict, dict]] = {}
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            problems.append(say("csv_row", row=number, reasons=say(
                "csv_field_count", got=len(row), want=len(header))))
            continue
        values = {h: cell.strip() for h, cell in zip(header, row, strict=True)}
        reasons: list[str] = []
        assessment_id = _which(session, values, reasons, say)
        code = values.get("requirement", "").lower()
        treatment_columns = [c for c, (scope, _f) in COLUMNS.items()
                             if scope == "treatment" and values.get(c)]
        if treatment_columns and not code:
            reasons.append(say("csv_requirement_needed", columns=", ".join(treatment_columns)))
        elif code and code not in follow_ups.TREATMENTS:
            reasons.append(say("csv_bad_requirement", value=code[:20]))
            code = ""
        parsed = Problems()
        order = {f: parse_value(f, values[c], parsed, today) for c, (s, f) in COLUMNS.items()
                 if s == "order" and values.get(c)}
        treatment = {f: parse_value(f, values[c], parsed, today)
                     for c, (s, f) in COLUMNS.items() if s == "treatment" and values.get(c)}
        reasons += [f"{FIELD_COLUMN[name]}: {say(key, **extra)}"
                    for name, key, extra in parsed.items]
        if assessment_id:
            key = (assessment_id, code or "order")
            if key in seen:
                reasons.append(say("csv_repeat", row=seen[key]))
            seen.setdefault(key, number)
            facts_row = session.get(CaseFacts, assessment_id)
            made = (facts_row.combination or "").split("+") if facts_row and \
                facts_row.sentenced else None
            if code and treatment and made is not None and code not in made:
                reasons.append(say("csv_not_imposed", requirement=code.upper()))
            if not reasons:
                held_order, held_treatments = state.get(assessment_id) or current(
                    session, assessment_id)
                new_order = {**held_order, **order}
                new_treatments = dict(held_treatments)
                if code:
                    new_treatments[code] = {**held_treatments[code], **treatment}
                rules = Problems()
                check_rules(new_order, {code: new_treatments[code]} if code else {},
                            sentenced_on(session, assessment_id), rules)
                reasons += [f"{_column_of(name)}: {say(k, **extra)}"
                            for name, k, extra in rules.items]
                state[assessment_id] = (new_order, new_treatments)
        if reasons:
            problems.append(say("csv_row", row=number, reasons="; ".join(reasons)))
        elif assessment_id:
            planned.append((assessment_id, order, {code: treatment} if code else {}))
    if problems:
        raise ImportRefused(problems)
    return planned


def _column_of(name: str) -> str:
    for code in follow_ups.TREATMENTS:
        if name.startswith(f"{code}_"):
            name = name[len(code) + 1:]
    return FIELD_COLUMN.get(name, name)


def _which(session: Session, values: dict[str, str], reasons: list[str],
           say: Say) -> str | None:
    case = values.get("case_number", "")
    if not case:
        reasons.append(say("csv_no_case"))
        return None
    found = _assessments(session, case)
    wanted = values.get("assessment_id", "")
    if not found:
        reasons.append(say("csv_unknown_case", case=case[:40]))
        return None
    if wanted:
        if wanted not in found:
            reasons.append(say("csv_wrong_assessment", case=case[:40], id=wanted[:40]))
            return None
        return wanted
    if len(found) > 1:
        reasons.append(say("csv_ambiguous", case=case[:40], n=len(found)))
        return None
    return found[0]


def import_csv(db: Database, data: bytes, actor: Actor, name: str, say: Say,
               today: date | None = None) -> Summary:
    """Check every row, then make every change in one transaction (or none)."""
    header, rows = read(data, say)
    with db.write() as session:
        planned = plan(session, header, rows, say, today)
        changed = 0
        for assessment_id, order, treatments in planned:
            held_order, held_treatments = current(session, assessment_id)
            changed += follow_ups.save(
                session, assessment_id, {**held_order, **order},
                {code: {**held_treatments[code], **values}
                 for code, values in treatments.items()}, actor, via="csv")
        record_event(session, actor, "follow_up_import", detail={
            "file": name[:200], "sha256": hashlib.sha256(data).hexdigest(),
            "rows": len(rows), "changed": changed})
    return Summary(rows=len(rows), cases=len({p[0] for p in planned}), changed=changed)


def english(key: str, **values: Any) -> str:
    from central.text import translate

    return translate("en", key, **values)
