"""Freeze everything one reader's copy prints into a snapshot (plain, JSON-ready data).

The renderer only lays the snapshot out; every decision about what is printed
is made here, and tested exactly. Text is kept per language
(``{"en": ..., "cy": ...}`` for the report's languages), so one snapshot
serves an English, a Welsh or a bilingual report.

Which answers a copy holds comes from :func:`cstr_desktop.readers.copy_plan`
(the form says which reader sees which question; the layout names the readers
and the consent each copy needs). A copy without its consent is a notice (the
court) or refused (:class:`CopyRefused`); a declined assessment's copy says that
no assessment took place.

The verification code is derived from the countersignature and the SHA-256 of
the canonical snapshot without its generation time (docs/trust-model.md), so
every print of the same countersigned copy carries the same code, each reader's
copy (and each language) its own, and no code can be made for a version no
reviewer signed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cstr_desktop.answers import parse_date
from cstr_desktop.conditions import holds
from cstr_desktop.criteria import criterion_label
from cstr_desktop.form_loader import FormBundle
from cstr_desktop.form_schema import (
    DateQuestion,
    IntegerQuestion,
    MultiChoiceQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from cstr_desktop.interview import InterviewState
from cstr_desktop.local_text import count_text, tr
from cstr_desktop.readers import (
    CopyPlan,
    CopyRefused,
    copy_plan,
    immediate_actions,
    refusal,
    risk_identified,
)
from cstr_desktop.trust import canonical as canonical_json
from cstr_desktop.trust import snapshot_hash
from cstr_desktop.trust import verification_code as code_from
from cstr_desktop.wording import t

from .wording import marking_text, say

SNAPSHOT_SCHEMA = "cstr-report-snapshot/2"
LANGS = {"en": ("en",), "cy": ("cy",), "both": ("en", "cy")}
DEFAULT_MARKING = "OFFICIAL-SENSITIVE"

@dataclass(frozen=True)
class ReportContext:
    """What the report needs beyond the answers: the record and the people."""

    assessment_id: str | None = None
    version: int = 1
    status: str = "draft"
    assessor: str | None = None
    assessor_role: str | None = None  # the profession, in the assessor's profile
    countersigned_by: str | None = None
    countersigned_at: str | None = None
    amendment_reason: str | None = None
    marking: str = DEFAULT_MARKING
    assessor_registration: str | None = None
    assessor_supervisor: str | None = None
    countersigner_role: str | None = None
    # The signed countersign step (base64 signature) and where the audit trail stood
    # when it was made: entries before it, and the newest entry's hash.
    countersignature: str | None = None
    audit_entries: int | None = None
    audit_head: str | None = None


def long_date(value: str, lang: str) -> str:
    parsed = parse_date(value)
    if parsed is None:
        return value
    month = t(f"core.month_{parsed.month}", lang)
    return f"{parsed.day} {month} {parsed.year}"


def _texts(local: dict[str, str] | None, langs: tuple[str, ...]) -> dict[str, str]:
    return {lang: tr(local, lang) for lang in langs}


def _said(key: str, langs: tuple[str, ...], **values: object) -> dict[str, str]:
    return {lang: say(key, lang, **values) for lang in langs}


def answer_text(state: InterviewState, name: str, langs: tuple[str, ...]) -> dict[str, str]:
    """An answer as printed, per language ("1 month", "9 months"; choices in words)."""
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
        return {lang: count_text(value, q.unit_one, q.unit, lang) for lang in langs}
    return {lang: str(value) for lang in langs}


def _item(state: InterviewState, name: str, langs: tuple[str, ...]) -> dict[str, Any]:
    q = state.bundle.questions[name]
    return {"name": name, "section": state.bundle.section_of[name],
            "label": {lang: state.label(name, lang) for lang in langs},
            "long": q.type == "long_text", "answer": answer_text(state, name, langs)}


def build_snapshot(bundle: FormBundle, answers: dict[str, Any], context: ReportContext,
                   lang: str, generated_at: str, reader: str | None = None) -> dict[str, Any]:
    """One reader's copy (``reader`` None: the court's, or the one copy of a form without
    readers). Raises :class:`CopyRefused` for a copy its consent does not allow."""
    if bundle.layout is None:
        raise CopyRefused(f"form '{bundle.id}' version {bundle.version} has no report layout")
    langs = LANGS[lang]
    state = InterviewState(bundle, answers)
    plan = copy_plan(state, reader)
    if plan.kind == "refused":
        raise CopyRefused(refusal(state, plan.reader))
    approved = context.status == "approved"
    printed = set(plan.questions)
    return {
        "schema": SNAPSHOT_SCHEMA,
        "langs": list(langs),
        "form": {"id": bundle.id, "version": bundle.version},
        "assessment": {"id": context.assessment_id, "version": context.version,
                       "status": context.status, "approved": approved,
                       "amendment_reason": context.amendment_reason},
        "marking": {lg: marking_text(context.marking, lg) for lg in langs},
        "reader": _reader(plan, langs),
        "copy": plan.kind,
        "person": _person(state, langs),
        "notice": _notice(state, plan, langs),
        "parts": _parts(state, plan, langs),
        "withheld": bool(plan.withheld),
        "measures": _measures(state, plan, langs),
        "caveat": _said("caveat", langs) if plan.measures else None,
        "measure_detail": plan.measure_detail,
        "alerts": ([_texts(a.message, langs) for a in state.alerts
                    if _instrument_printed(a.instrument, plan)]
                   if plan.kind == "full" and plan.risk == "full" else []),
        "risk_statement": _risk_statement(state, plan, langs),
        "gates": _criteria(state.requirements[bundle.criteria.requirements[0].id].criteria[
            :len(bundle.criteria.gates)], langs, printed, plan),
        "requirements": _requirements(state, plan, langs) if plan.kind == "full" else [],
        "recommendation_summary": _role_answer(state, "recommendation_summary", printed, langs),
        # Answers shown in the criteria tables, so not repeated beside them.
        "criteria_questions": sorted(
            name for c in [*bundle.criteria.gates,
                           *(c for r in bundle.criteria.requirements for c in r.criteria)]
            for name in (c.question, c.reason_question) if name),
        "flags": ([_texts(f.label, langs) for f in bundle.criteria.flags
                   if state.flags.get(f.id)] if plan.kind == "full" else []),
        "warnings": ([_texts(w.message, langs) for w in state.warnings]
                     if plan.kind == "full" else []),
        "signatures": _signatures(context, approved),
        "generated_at": generated_at,
    }


def _role_answer(state: InterviewState, role: str, printed: set[str],
                 langs: tuple[str, ...]) -> dict[str, str] | None:
    name = state.bundle.role(role)
    return answer_text(state, name, langs) if name in printed else None


def _instrument_printed(instrument: str, plan: CopyPlan) -> bool:
    return instrument in plan.measures


def _reader(plan: CopyPlan, langs: tuple[str, ...]) -> dict[str, Any] | None:
    if plan.reader is None:
        return None
    return {"id": plan.reader.id, "label": _texts(plan.reader.label, langs),
            "copy_title": _texts(plan.reader.copy_title, langs),
            "description": _texts(plan.reader.description, langs)}


def _person(state: InterviewState, langs: tuple[str, ...]) -> dict[str, Any]:
    bundle = state.bundle

    def answer(role: str) -> Any:
        name = bundle.role(role)
        return state.answers.get(name) if name else None

    offence = bundle.role("offence")
    return {"name": f"{answer('given_names') or ''} {answer('family_name') or ''}".strip(),
            "case_number": answer("case_number"), "date_of_birth": answer("date_of_birth"),
            "age": state.age, "age_at_conviction": state.age_at_conviction,
            "hearing_date": answer("hearing_date"), "court_name": answer("court_name"),
            "offence": answer_text(state, offence, langs)
            if offence and offence in state.shown_answers() else None}


def _notice(state: InterviewState, plan: CopyPlan, langs: tuple[str, ...]
            ) -> dict[str, str] | None:
    """The paragraph a notice or a declined assessment's copy says instead of an opinion."""
    hearing = state.answers.get(state.bundle.role("hearing_date") or "")
    if plan.kind == "declined":
        return {lg: say("declined_text", lg, date=long_date(hearing or "", lg) or "-")
                for lg in langs}
    if plan.kind == "notice":
        given = state.answers.get(plan.reader.consent)
        key = "notice_text_no" if given == "no" else "notice_text_unknown"
        return {lg: say(key, lg, reader=tr(plan.reader.label, lg)) for lg in langs}
    return None


def _parts(state: InterviewState, plan: CopyPlan, langs: tuple[str, ...]
           ) -> list[dict[str, Any]]:
    """Each part of the layout with the answers it prints. A notice prints none; a
    declined assessment only the identifiers and offences (and, with the reader's
    consent, what the person said)."""
    if plan.kind == "notice":
        return []
    layout = state.bundle.layout
    printed = set(plan.questions)
    out = []
    for part in layout.parts:
        if plan.kind == "declined" and not _in_declined_copy(state, plan, part):
            continue
        by_name = {section.name: section for section in state.bundle.sections}
        items = [_item(state, q.name, langs) for name in part.sections
                 for q in by_name[name].questions if q.name in printed]
        out.append({"key": part.key, "title": _texts(part.title, langs), "kind": part.kind,
                    "items": items})
    return out


def _in_declined_copy(state: InterviewState, plan: CopyPlan, part: Any) -> bool:
    own_words = state.bundle.role("own_words")
    if part.kind == "identifiers":
        return True
    sections = set(part.sections)
    if own_words and state.bundle.section_of.get(own_words) in sections:
        # What the person said about declining: only where they agreed to share.
        return plan.reader is None or state.answers.get(plan.reader.consent) == "yes"
    offence = state.bundle.role("offence")
    return bool(offence) and state.bundle.section_of.get(offence) in sections


def _measures(state: InterviewState, plan: CopyPlan, langs: tuple[str, ...]
              ) -> list[dict[str, Any]]:
    measures = []
    bilingual = (any(lang != "en" for lang in langs)
                 or (state.bundle.layout.bilingual_when is not None
                     and holds(state.bundle.layout.bilingual_when, state.answers)))
    for ident in plan.measures:
        inst = state.bundle.instruments[ident]
        score = state.scores[ident]
        detail = plan.measure_detail == "items"
        key_items = [{"item": inst.scoring.items.index(n) + 1 if n in inst.scoring.items
                      else None,
                      "label": {lang: state.label(n, lang) for lang in langs},
                      "answer": answer_text(state, n, langs)}
                     for n in inst.key_items if n in state.answers] if detail else []
        variant = state.answers.get(inst.variant_question) if inst.variant_question else None
        if plan.reader is None:  # the one copy of a form without readers: as it printed
            note = inst.translation_note and any(lang != "en" for lang in langs)
        else:
            note = inst.translation_note and bilingual and (
                inst.translation_note_when is None
                or holds(inst.translation_note_when, state.answers))
        asked_in = inst.language_question if inst.language_question in state.answers else None
        subject = inst.subject_question if inst.subject_question in state.answers else None
        measures.append({
            "id": ident, "title": _texts(inst.title, langs), "short_title": inst.short_title,
            "total": score.total, "max": inst.scoring.max, "complete": score.complete,
            "band": _texts(score.band.label, langs) if score.band else None,
            "subscores": [{"label": _texts(s.label, langs), "value": r.value}
                          for s, r in zip(inst.scoring.subscores, score.subscores, strict=True)]
            if detail else [],
            "key_items": key_items,
            "variant": variant,
            "version": answer_text(state, inst.variant_question, langs) if variant else None,
            "subject": answer_text(state, subject, langs) if subject else None,
            "asked_in": answer_text(state, asked_in, langs) if asked_in else None,
            "attribution": tr(inst.attribution, "en"),
            "translation_note": _texts(inst.translation_note, langs) if note else None,
        })
    return measures


def _risk_statement(state: InterviewState, plan: CopyPlan, langs: tuple[str, ...]
                    ) -> dict[str, str] | None:
    """For a reader who reads a statement instead of the risk formulation (the court):
    whether risk to self was identified, and the immediate actions taken."""
    if plan.kind != "full" or plan.risk != "summary":
        return None
    summary = state.bundle.layout.risk_summary
    if summary is None:
        return None
    found = risk_identified(state)
    if found is None:
        return _said("risk_not_assessed", langs)
    if not found:
        return _said("risk_not_identified", langs)
    actions = immediate_actions(state)
    labels = {c.value: c.label for c in state.choices(summary.actions_question)}
    details = next((r for r in state.bundle.layout.readers if r.id == summary.details_in), None)
    out = {}
    for lang in langs:
        text = say("risk_identified", lang) + " "
        text += (say("risk_actions", lang, actions="; ".join(tr(labels.get(a), lang) or str(a)
                                                            for a in actions))
                 if actions else say("risk_no_actions", lang))
        if details is not None:
            title = tr(details.copy_title, lang)
            text += " " + say("risk_details_in", lang, copy=title[:1].lower() + title[1:])
        out[lang] = text
    return out


def _criteria(results: Any, langs: tuple[str, ...], printed: set[str],
              plan: CopyPlan) -> list[dict[str, Any]]:
    if plan.kind != "full":
        return []
    out = []
    for c in results:
        reason_name = c.criterion.reason_question
        reason = c.assessor_reason if (reason_name in printed or plan.reader is None) else None
        out.append({"id": c.id, "met": c.met,
                    "label": {lang: criterion_label(c.criterion, lang) for lang in langs},
                    "reason": {lang: c.reason(lang) for lang in langs},
                    "assessor_reason": reason})
    return out


def _requirements(state: InterviewState, plan: CopyPlan, langs: tuple[str, ...]
                  ) -> list[dict[str, Any]]:
    """Each requirement considered: its status (gates included), its own criteria, its
    arrangements, and what the recommendation section says about it."""
    gates = len(state.bundle.criteria.gates)
    printed = set(plan.questions)
    out = []
    for req in state.bundle.criteria.requirements:
        if req.id not in state.considered:
            continue
        result = state.requirements[req.id]
        section = next((s for s in state.bundle.sections if s.name == req.arrangements_section),
                       None)
        arrangements = [_item(state, q.name, langs) for q in (section.questions if section
                                                               else ()) if q.name in printed]
        recommendation = None
        if req.recommendation is not None:
            name = req.recommendation.question
            given = state.answers.get(name) if name in printed else None
            recommendation = {
                "text": answer_text(state, name, langs) if given is not None else None,
                "recommended": given is not None and given in req.recommendation.recommends}
        period = req.period_question
        appointment = [n for n in req.first_appointment if n in printed]
        out.append({
            "id": req.id, "title": _texts(req.title, langs),
            "statute": _texts(req.statute, langs), "status": result.status,
            "criteria": _criteria(result.criteria[gates:], langs, printed, plan),
            "arrangements": arrangements, "recommendation": recommendation,
            "period": answer_text(state, period, langs) if period in printed else None,
            "first_appointment": {lang: " · ".join(answer_text(state, n, langs)[lang]
                                                   for n in appointment) for lang in langs}
            if appointment else None})
    return out


def _signatures(context: ReportContext, approved: bool) -> dict[str, Any]:
    return {"assessor": context.assessor, "assessor_role": context.assessor_role,
            "assessor_registration": context.assessor_registration,
            "assessor_supervisor": context.assessor_supervisor,
            "countersigned_by": context.countersigned_by if approved else None,
            "countersigner_role": context.countersigner_role if approved else None,
            "countersigned_at": context.countersigned_at if approved else None,
            "countersignature": context.countersignature if approved else None,
            "audit": ({"entries": context.audit_entries, "head": context.audit_head}
                      if approved and context.audit_head else None)}


def canonical(snapshot: dict[str, Any]) -> bytes:
    """The canonical snapshot: the trust model's canonical JSON, without ``generated_at``."""
    return canonical_json({k: v for k, v in snapshot.items() if k != "generated_at"})


def verification_code(snapshot: dict[str, Any]) -> str:
    """The code printed on this snapshot's copy: from its countersignature and its hash
    (one function, ``cstr_desktop.trust.verification_code``, for every copy)."""
    signature = (snapshot.get("signatures") or {}).get("countersignature")
    return code_from(signature, snapshot_hash(snapshot))


__all__ = ["CopyRefused", "DEFAULT_MARKING", "LANGS", "ReportContext",
           "answer_text", "build_snapshot", "canonical", "long_date", "snapshot_hash",
           "verification_code"]
