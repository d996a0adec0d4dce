"""The standardised measures a copy prints: each instrument's score and band, and, for a
reader who reads the items, its key items and subscores."""

from __future__ import annotations

from typing import Any

from cstr_desktop.forms.conditions import holds
from cstr_desktop.forms.interview import InterviewState
from cstr_desktop.forms.readers import CopyPlan
from cstr_desktop.local_text import tr

from .answers import answer_text, texts


def measures(state: InterviewState, plan: CopyPlan, langs: tuple[str, ...]
             ) -> list[dict[str, Any]]:
    out = []
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
        out.append({
            "id": ident, "title": texts(inst.title, langs), "short_title": inst.short_title,
            "total": score.total, "max": inst.scoring.max, "complete": score.complete,
            "band": texts(score.band.label, langs) if score.band else None,
            "subscores": [{"label": texts(s.label, langs), "value": r.value}
                          for s, r in zip(inst.scoring.subscores, score.subscores, strict=True)]
            if detail else [],
            "key_items": key_items,
            "variant": variant,
            "version": answer_text(state, inst.variant_question, langs) if variant else None,
            "subject": answer_text(state, subject, langs) if subject else None,
            "asked_in": answer_text(state, asked_in, langs) if asked_in else None,
            "attribution": tr(inst.attribution, "en"),
            "translation_note": texts(inst.translation_note, langs) if note else None,
        })
    return out


def alerts(state: InterviewState, plan: CopyPlan, langs: tuple[str, ...]
           ) -> list[dict[str, str]]:
    """The instruments' alerts for the assessor, in a full copy of a reader who reads the
    risk formulation, for the instruments it prints."""
    if plan.kind != "full" or plan.risk != "full":
        return []
    return [texts(a.message, langs) for a in state.alerts if a.instrument in plan.measures]
