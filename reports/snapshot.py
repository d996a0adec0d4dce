"""Freeze everything a report prints into a snapshot (plain, JSON-ready data).

The renderer only lays the snapshot out; every decision about what is printed
is made here, and tested exactly. Text is kept per language
(``{"en": ..., "cy": ...}`` for the report's languages), so one snapshot
serves an English, a Welsh or a bilingual report.

The verification code is derived from the countersignature and the SHA-256 of
the canonical snapshot without its generation time (docs/trust-model.md), so
every print of the same countersigned version carries the same code, and a code
cannot be made for a version no reviewer signed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cstr_desktop.answers import parse_date
from cstr_desktop.form_loader import FormBundle
from cstr_desktop.form_schema import (
    DateQuestion,
    IntegerQuestion,
    MultiChoiceQuestion,
    NoteQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from cstr_desktop.interview import InterviewState
from cstr_desktop.local_text import tr
from cstr_desktop.trust import canonical as canonical_json
from cstr_desktop.trust import snapshot_hash
from cstr_desktop.trust import verification_code as code_from

SNAPSHOT_SCHEMA = "cstr-report-snapshot/1"
LANGS = {"en": ("en",), "cy": ("cy",), "both": ("en", "cy")}

# The report's parts (domain.md 5.2) and the form sections printed in each.
PARTS = (
    ("s_identifiers", ("person_listing", "language")),
    ("s_offences", ("offences",)),
    ("s_sources", ("sources",)),
    ("s_needs", ("mental_health", "substance_use")),
    ("s_measures", ()),
    ("s_risk", ("risk_safety",)),
    ("s_opinion", ("requirements", "mhtr_criteria", "drr_criteria", "atr_criteria")),
    ("s_arrangements", ("arrangements",)),
    ("s_willingness", ("consent_capacity", "willingness", "consent_share")),
    ("s_recommendation", ("recommendation",)),
)

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "cy": ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst",
           "Medi", "Hydref", "Tachwedd", "Rhagfyr"],
}


@dataclass(frozen=True)
class ReportContext:
    """What the report needs beyond the answers: the record and the people."""

    assessment_id: str | None = None
    version: int = 1
    status: str = "draft"
    assessor: str | None = None
    assessor_role: str | None = None
    countersigned_by: str | None = None
    countersigned_at: str | None = None
    amendment_reason: str | None = None
    marking: str = "OFFICIAL"
    # The signed countersign step (base64 signature) and where the audit trail stood
    # when it was made: entries before it, and the newest entry's hash.
    countersignature: str | None = None
    audit_entries: int | None = None
    audit_head: str | None = None


def long_date(value: str, lang: str) -> str:
    parsed = parse_date(value)
    if parsed is None:
        return value
    return f"{parsed.day} {MONTHS[lang][parsed.month - 1]} {parsed.year}"


def _texts(local: dict[str, str] | None, langs: tuple[str, ...]) -> dict[str, str]:
    return {lang: tr(local, lang) for lang in langs}


def answer_text(state: InterviewState, name: str, langs: tuple[str, ...]) -> dict[str, str]:
    """An answer as printed, per language."""
    q = state.bundle.questions[name]
    value = state.answers[name]
    if isinstance(q, YesNoQuestion | SingleChoiceQuestion | MultiChoiceQuestion):
        labels = {c.value: c.label for c in state.choices(name)}
        values = value if isinstance(value, list) else [value]
        return {lang: "; ".join(tr(labels.get(v), lang) or str(v) for v in values)
                for lang in langs}
    if isinstance(q, DateQuestion):
        return {lang: long_date(value, lang) for lang in langs}
    if isinstance(q, IntegerQuestion) and q.unit:
        return {lang: f"{value} {tr(q.unit, lang)}" for lang in langs}
    return {lang: str(value) for lang in langs}


def build_snapshot(bundle: FormBundle, answers: dict[str, Any], context: ReportContext,
                   lang: str, generated_at: str) -> dict[str, Any]:
    langs = LANGS[lang]
    state = InterviewState(bundle, answers)
    shown = state.shown_answers()
    approved = context.status == "approved"

    def items(section_names: tuple[str, ...]) -> list[dict[str, Any]]:
        out = []
        by_name = {section.name: section for section in bundle.sections}
        for section in (by_name[n] for n in section_names if n in by_name):
            if section.instruments:
                continue
            for q in section.questions:
                if q.name in shown and not isinstance(q, NoteQuestion):
                    out.append({"name": q.name, "section": section.name,
                                "label": _texts(q.label, langs),
                                "long": q.type == "long_text",
                                "answer": answer_text(state, q.name, langs)})
        return out

    parts = [{"key": key, "items": items(sections)} for key, sections in PARTS]
    given = answers.get("person_given_names", "")
    family = answers.get("person_family_name", "")
    return {
        "schema": SNAPSHOT_SCHEMA,
        "langs": list(langs),
        "form": {"id": bundle.id, "version": bundle.version},
        "assessment": {"id": context.assessment_id, "version": context.version,
                       "status": context.status, "approved": approved,
                       "amendment_reason": context.amendment_reason},
        "marking": context.marking,
        "person": {"name": f"{given} {family}".strip(),
                   "case_number": answers.get("case_number"),
                   "date_of_birth": answers.get("person_dob"), "age": state.age,
                   "hearing_date": answers.get("hearing_date"),
                   "court_name": answers.get("court_name")},
        "parts": parts,
        "measures": _measures(state, langs),
        "alerts": [_texts(a.message, langs) for a in state.alerts],
        "gates": _criteria(state.requirements[bundle.criteria.requirements[0].id].criteria[
            :len(bundle.criteria.gates)], langs),
        "requirements": _requirements(state, langs),
        # Answers shown in the criteria tables, so not repeated beside them.
        "criteria_questions": sorted(
            name for c in [*bundle.criteria.gates,
                           *(c for r in bundle.criteria.requirements for c in r.criteria)]
            for name in (c.question, c.reason_question) if name),
        "flags": [_texts(f.label, langs) for f in bundle.criteria.flags
                  if state.flags.get(f.id)],
        "signatures": {"assessor": context.assessor, "assessor_role": context.assessor_role,
                       "countersigned_by": context.countersigned_by if approved else None,
                       "countersigned_at": context.countersigned_at if approved else None,
                       "countersignature": context.countersignature if approved else None,
                       "audit": ({"entries": context.audit_entries, "head": context.audit_head}
                                 if approved and context.audit_head else None)},
        "generated_at": generated_at,
    }


def _measures(state: InterviewState, langs: tuple[str, ...]) -> list[dict[str, Any]]:
    measures = []
    for ident, inst in state.bundle.instruments.items():
        score = state.scores[ident]
        answered = [n for n in inst.scoring.items if n in state.answers]
        if not answered:
            continue
        key_items = [{"item": inst.scoring.items.index(n) + 1 if n in inst.scoring.items else 0,
                      "label": {lang: state.label(n, lang) for lang in langs},
                      "answer": answer_text(state, n, langs)}
                     for n in inst.key_items if n in state.answers]
        measures.append({
            "id": ident, "title": _texts(inst.title, langs), "short_title": inst.short_title,
            "total": score.total, "max": inst.scoring.max, "complete": score.complete,
            "band": _texts(score.band.label, langs) if score.band else None,
            "subscores": [{"label": _texts(s.label, langs), "value": r.value}
                          for s, r in zip(inst.scoring.subscores, score.subscores, strict=True)],
            "key_items": key_items,
            "variant": state.answers.get(inst.variant_question) if inst.variant_question
            else None,
            "attribution": tr(inst.attribution, "en"),
            "translation_note": _texts(inst.translation_note, langs)
            if inst.translation_note and any(lang != "en" for lang in langs) else None,
        })
    return measures


def _criteria(results: Any, langs: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{"id": c.id, "met": c.met, "label": _texts(c.criterion.label, langs),
             "reason": {lang: c.reason(lang) for lang in langs},
             "assessor_reason": c.assessor_reason} for c in results]


def _requirements(state: InterviewState, langs: tuple[str, ...]) -> list[dict[str, Any]]:
    """Each requirement considered: its status (gates included) and its own criteria."""
    gates = len(state.bundle.criteria.gates)
    out = []
    for req in state.bundle.criteria.requirements:
        if req.id not in state.considered:
            continue
        result = state.requirements[req.id]
        out.append({"id": req.id, "title": _texts(req.title, langs),
                    "statute": _texts(req.statute, langs), "status": result.status,
                    "criteria": _criteria(result.criteria[gates:], langs)})
    return out


def canonical(snapshot: dict[str, Any]) -> bytes:
    """The canonical snapshot: the trust model's canonical JSON, without ``generated_at``."""
    return canonical_json({k: v for k, v in snapshot.items() if k != "generated_at"})


def verification_code(snapshot: dict[str, Any]) -> str:
    """The code printed on this snapshot's report: from its countersignature and its hash
    (one function, ``cstr_desktop.trust.verification_code``, for every copy)."""
    signature = (snapshot.get("signatures") or {}).get("countersignature") or ""
    return code_from(signature, snapshot_hash(snapshot))


__all__ = ["ReportContext", "build_snapshot", "canonical", "snapshot_hash",
           "verification_code"]
