"""The de-identified export for evaluation (MoJ, NHS England): one CSV row per assessment,
and a second CSV of the figures by month and court.

Nothing in it names anyone: no names, case numbers, dates of birth or free text. Each
assessment and each person has a pseudonym, an HMAC-SHA256 keyed with central's
pseudonym key (``pseudonym.key`` in the key folder, made on first use, never exported),
so the same person has the same pseudonym in every export from this central (and none
can be reversed or recomputed without the key; a new key unlinks them). Dates become
months; age becomes an age band. In the rows, an age band that fewer than 5 rows of the
same court and month share is written ``withheld``, so that no rare combination picks a
person out; in the figures, counts from 1 to 4 are written ``<5`` (as in the steering
report).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import os
import secrets
from collections import Counter
from pathlib import Path
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session

from central import kpis
from central.definitions import kpis as kpi_spec
from central.models import CaseFacts
from central.periods import Period

KEY_FILE = "pseudonym.key"
ROW_COLUMNS = (
    "case_pseudonym", "person_pseudonym", "court", "assessed_month", "age_band",
    "referral_source", "recommended", "first_outcome", "adjournment_reason", "sentenced",
    "sentenced_month", "sentenced_on_day", "sentence", "requirements", "cstr_combination",
    "recommendation_followed", "custody_indicated", "custody_avoided",
    "treatment_requirements", "first_appointment_recorded", "first_within_5_working_days",
    "first_attendance_recorded", "first_attended", "warned", "breach_proceedings",
    "order_end", "ended_month", "phq9_start", "phq9_end", "gad7_start", "gad7_end",
    "audit_start", "audit_end")
COUNT_COLUMNS = ("period", "court", "figure", "kind", "value", "numerator", "denominator")


def pseudonym_key(key_dir: Path) -> bytes:
    """Central's pseudonym key: 32 random bytes (mode 0600), made once and kept."""
    path = Path(key_dir) / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_bytes()
        with os.fdopen(fd, "wb") as out:
            out.write(secrets.token_bytes(32))
            out.flush()
            os.fsync(out.fileno())
    key = path.read_bytes()
    if len(key) != 32:
        raise ValueError(f"{path} is not a pseudonym key (32 bytes)")
    return key


def pseudonym(key: bytes, kind: str, value: str) -> str:
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:24]


def _yes(flag: int | None, applies: bool = True) -> str:
    if not applies:
        return ""
    return "yes" if flag else "no"


def _month(day: str | None) -> str:
    return day[:7] if day else ""


def _score(value: int | None) -> str:
    return "" if value is None else str(value)


def rows(session: Session, start: Period, end: Period, key: bytes) -> list[dict[str, str]]:
    """One row per assessment whose month of assessment is from ``start`` to ``end``."""
    facts = list(session.scalars(select(CaseFacts).where(
        CaseFacts.assessed_on >= start.start.isoformat(),
        CaseFacts.assessed_on < end.end.isoformat())
        .order_by(CaseFacts.assessed_on, CaseFacts.assessment_id)))
    groups = Counter((f.court_key, _month(f.assessed_on), f.age_band) for f in facts)
    out = []
    for f in facts:
        cstr = bool(f.cstr)
        rare = groups[(f.court_key, _month(f.assessed_on), f.age_band)] < kpis.SUPPRESS_BELOW
        out.append({
            "case_pseudonym": pseudonym(key, "assessment", f.assessment_id),
            "person_pseudonym": pseudonym(key, "person", str(f.person_key)),
            "court": f.court_name or "", "assessed_month": _month(f.assessed_on),
            "age_band": "withheld" if rare else f.age_band,
            "referral_source": f.referral_source or "", "recommended": f.recommended or "",
            "first_outcome": f.first_result or "", "adjournment_reason": f.adjourn_reason or "",
            "sentenced": _yes(f.sentenced, bool(f.outcome_known)),
            "sentenced_month": _month(f.sentenced_on),
            "sentenced_on_day": _yes(f.sentenced_on_day, bool(f.outcome_known)),
            "sentence": f.sentence or "", "requirements": f.requirements or "",
            "cstr_combination": f.combination or "",
            "recommendation_followed": _yes(f.rec_followed, bool(f.rec_considered)),
            "custody_indicated": _yes(f.custody_indicated_sentenced, bool(f.sentenced)),
            "custody_avoided": _yes(f.custody_avoided, bool(f.custody_indicated_sentenced)),
            "treatment_requirements": str(f.treatments) if cstr else "",
            "first_appointment_recorded": str(f.first_known) if cstr else "",
            "first_within_5_working_days": str(f.first_within5) if cstr else "",
            "first_attendance_recorded": str(f.first_attended_known) if cstr else "",
            "first_attended": str(f.first_attended) if cstr else "",
            "warned": _yes(f.warned, cstr), "breach_proceedings": _yes(f.breach, cstr),
            "order_end": f.end_status or "", "ended_month": _month(f.ended_on),
            "phq9_start": _score(f.phq9_start), "phq9_end": _score(f.phq9_end),
            "gad7_start": _score(f.gad7_start), "gad7_end": _score(f.gad7_end),
            "audit_start": _score(f.audit_start), "audit_end": _score(f.audit_end)})
    return out


def counts(session: Session, start: Period, end: Period,
           courts: list[tuple[str, str]]) -> list[dict[str, str]]:
    """Every figure for every month of the range, overall and court by court, with small
    numbers suppressed."""
    spec = kpi_spec()
    out = []
    month = start
    while month.start < end.end:
        for key, name in [(None, "all courts"), *courts]:
            for kpi_id, figure in kpis.compute(session, month, key, spec).items():
                value, _basis = kpis.shown(figure, "en", suppress=True)
                hidden = figure.suppressed()
                out.append({
                    "period": month.key, "court": name, "figure": kpi_id,
                    "kind": figure.kpi.kind,
                    "value": value.replace("−", "-").replace("–", "").replace(" points", "")
                    .replace("%", ""),
                    "numerator": "" if figure.kpi.kind == "mean" else
                    kpis.count_text(figure.numerator, True),
                    "denominator": "" if figure.denominator is None else
                    kpis.count_text(figure.denominator, True)})
                if hidden and figure.kpi.kind != "count":
                    out[-1]["value"] = ""
        month = Period.month(month.end.year, month.end.month)
    return out


def write(out: IO[str], columns: tuple[str, ...], items: list[dict[str, str]]) -> None:
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(items)
