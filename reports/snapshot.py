"""Freeze everything one reader's copy prints into a snapshot (plain, JSON-ready data).

The renderer only lays the snapshot out; every decision about what is printed
is made here and in the modules this one assembles (answers, measures, the risk
statement, requirements), and tested exactly. Text is kept per language
(``{"en": ..., "cy": ...}`` for the report's languages), so one snapshot
serves an English, a Welsh or a bilingual report.

Which answers a copy holds comes from :func:`cstr_desktop.forms.readers.copy_plan`
(the form says which reader sees which question; the layout names the readers
and the consent each copy needs). A copy without its consent is a notice (the
court) or refused (:class:`CopyRefused`); a declined assessment's copy says that
no assessment took place.

The verification code (:mod:`reports.verification`) is derived from the
countersignature and the SHA-256 of the canonical snapshot without its
generation time (docs/trust-model.md), so every print of the same countersigned
copy carries the same code, each reader's copy (and each language) its own, and
no code can be made for a version no reviewer signed.
"""

from __future__ import annotations

from typing import Any

from cstr_desktop.errors import CopyRefused
from cstr_desktop.forms.interview import InterviewState
from cstr_desktop.forms.loader import FormBundle
from cstr_desktop.forms.readers import CopyPlan, copy_plan, refusal
from cstr_desktop.local_text import tr

from .answers import answer_text, item, long_date, said, texts
from .context import DEFAULT_MARKING, ReportContext, signatures
from .measures import alerts, measures
from .requirements import criteria_questions, gates, requirements
from .risk_statement import risk_statement
from .verification import canonical, snapshot_hash, verification_code
from .wording import marking_text, say

SNAPSHOT_SCHEMA = "cstr-report-snapshot/2"
LANGS = {"en": ("en",), "cy": ("cy",), "both": ("en", "cy")}


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
        "measures": measures(state, plan, langs),
        "caveat": said("caveat", langs) if plan.measures else None,
        "measure_detail": plan.measure_detail,
        "alerts": alerts(state, plan, langs),
        "risk_statement": risk_statement(state, plan, langs),
        "gates": gates(state, plan, langs),
        "requirements": requirements(state, plan, langs),
        "recommendation_summary": _role_answer(state, "recommendation_summary", printed, langs),
        # Answers shown in the criteria tables, so not repeated beside them.
        "criteria_questions": criteria_questions(state),
        "flags": ([texts(f.label, langs) for f in bundle.criteria.flags
                   if state.flags.get(f.id)] if plan.kind == "full" else []),
        "warnings": ([texts(w.message, langs) for w in state.warnings]
                     if plan.kind == "full" else []),
        "signatures": signatures(context, approved),
        "generated_at": generated_at,
    }


def _role_answer(state: InterviewState, role: str, printed: set[str],
                 langs: tuple[str, ...]) -> dict[str, str] | None:
    name = state.bundle.role(role)
    return answer_text(state, name, langs) if name in printed else None


def _reader(plan: CopyPlan, langs: tuple[str, ...]) -> dict[str, Any] | None:
    if plan.reader is None:
        return None
    return {"id": plan.reader.id, "label": texts(plan.reader.label, langs),
            "copy_title": texts(plan.reader.copy_title, langs),
            "description": texts(plan.reader.description, langs)}


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
        items = [item(state, q.name, langs) for name in part.sections
                 for q in by_name[name].questions if q.name in printed]
        out.append({"key": part.key, "title": texts(part.title, langs), "kind": part.kind,
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


__all__ = ["CopyRefused", "DEFAULT_MARKING", "LANGS", "ReportContext",
           "answer_text", "build_snapshot", "canonical", "long_date", "snapshot_hash",
           "verification_code"]
