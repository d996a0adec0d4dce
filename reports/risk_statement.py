"""The risk statement read instead of the risk formulation (the court's copy)."""

from __future__ import annotations

from cstr_desktop.forms.interview import InterviewState
from cstr_desktop.forms.readers import CopyPlan, immediate_actions, risk_identified
from cstr_desktop.local_text import tr

from .answers import said
from .wording import say


def risk_statement(state: InterviewState, plan: CopyPlan, langs: tuple[str, ...]
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
        return said("risk_not_assessed", langs)
    if not found:
        return said("risk_not_identified", langs)
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
