"""The statutory criteria a copy prints: the gates, and each requirement considered with
its status, its own criteria, its arrangements, recommendation, period and first
appointment (each bound to its questions in the criteria file)."""

from __future__ import annotations

from typing import Any

from cstr_desktop.forms.criteria import criterion_label
from cstr_desktop.forms.interview import InterviewState
from cstr_desktop.forms.readers import CopyPlan

from .answers import answer_text, item, texts


def criteria(results: Any, langs: tuple[str, ...], printed: set[str],
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


def gates(state: InterviewState, plan: CopyPlan, langs: tuple[str, ...]
          ) -> list[dict[str, Any]]:
    """The gates every requirement shares, as the first requirement's result has them."""
    first = state.bundle.criteria.requirements[0].id
    results = state.requirements[first].criteria[:len(state.bundle.criteria.gates)]
    return criteria(results, langs, set(plan.questions), plan)


def criteria_questions(state: InterviewState) -> list[str]:
    """The questions answered in the criteria tables (so not repeated beside them)."""
    found = state.bundle.criteria
    return sorted(name for c in [*found.gates, *(c for r in found.requirements
                                                 for c in r.criteria)]
                  for name in (c.question, c.reason_question) if name)


def requirements(state: InterviewState, plan: CopyPlan, langs: tuple[str, ...]
                 ) -> list[dict[str, Any]]:
    """Each requirement considered: its status (gates included), its own criteria, its
    arrangements, and what the recommendation section says about it."""
    if plan.kind != "full":
        return []
    gate_count = len(state.bundle.criteria.gates)
    printed = set(plan.questions)
    out = []
    for req in state.bundle.criteria.requirements:
        if req.id not in state.considered:
            continue
        result = state.requirements[req.id]
        section = next((s for s in state.bundle.sections if s.name == req.arrangements_section),
                       None)
        arrangements = [item(state, q.name, langs) for q in (section.questions if section
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
            "id": req.id, "title": texts(req.title, langs),
            "statute": texts(req.statute, langs), "status": result.status,
            "criteria": criteria(result.criteria[gate_count:], langs, printed, plan),
            "arrangements": arrangements, "recommendation": recommendation,
            "period": answer_text(state, period, langs) if period in printed else None,
            "first_appointment": {lang: " · ".join(answer_text(state, n, langs)[lang]
                                                   for n in appointment) for lang in langs}
            if appointment else None})
    return out
