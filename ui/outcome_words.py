"""An outcome at court in words, for the day list's column and the dialog (English or
Welsh; the labels of results, sentences and requirements come from the data file)."""

from __future__ import annotations

from typing import Any

from cstr_desktop.local_text import tr
from cstr_desktop.outcomes import outcome_definitions

from .day_words import short_date
from .text import t

# The column's colour by result: a badge that reads at a glance down the list.
COLOURS = {"sentenced": "#e3f1e3", "adjourned": "#fff1cc", "remanded": "#f6e0e0",
           "other": "#ececec"}


def outcome_cell(outcome: dict[str, Any] | None, lang: str) -> str:
    """The day list's cell: the outcome as it stands, and "to send" while an addendum
    waits for central's receipt."""
    if not outcome:
        return ""
    text = summary(outcome["answers"], lang)
    if outcome.get("pending"):
        text += f"  ⟳ {t('outcome_to_send', lang)}"
    return text


def paint_outcome(item: Any, outcome: dict[str, Any], lang: str) -> None:
    """Colour the cell by result (a badge down the list) and give it the details."""
    from PySide6.QtGui import QBrush, QColor

    colour = COLOURS.get(outcome["answers"].get("outcome_result"), COLOURS["other"])
    item.setBackground(QBrush(QColor(colour)))
    item.setToolTip(details(outcome["answers"], lang))


def amount(n: int, unit: str, lang: str) -> str:
    """ "6 months", "1 month", "120 hours" (Welsh takes the singular after a number)."""
    word = t("unit_one_" + unit, lang) if n == 1 or lang == "cy" else \
        tr(outcome_definitions().units[unit], lang)
    return f"{n} {word}"


def choice_label(name: str, value: str | None, lang: str) -> str:
    label = outcome_definitions().label(name, value) if value else None
    return tr(label, lang) if label else (value or "")


def summary(answers: dict[str, Any] | None, lang: str) -> str:
    """One line for the list: "Sentenced: CO · MHTR, ATR", "Adjourned to 09/12/2026"."""
    if not answers:
        return ""
    defs = outcome_definitions()
    result = answers.get("outcome_result")
    text = choice_label("result", result, lang)
    if result == "sentenced":
        sentence = next((s for s in defs.sentences if s.value == answers.get(
            "outcome_sentence")), None)
        if sentence is not None:
            text += ": " + tr(sentence.short or sentence.label, lang)
        codes = answers.get("outcome_requirements") or []
        shorts = [tr(r.short, lang) for r in defs.requirements if r.code in codes]
        if shorts:
            text += " · " + ", ".join(shorts)
    elif result == "adjourned" and answers.get("outcome_adjourned_to"):
        text += " " + t("outcome_to", lang, day=short_date(answers["outcome_adjourned_to"],
                                                             lang))
    return text


def details(answers: dict[str, Any] | None, lang: str) -> str:
    """Everything recorded, one item a line (the column's tooltip)."""
    if not answers:
        return ""
    defs = outcome_definitions()
    lines = [choice_label("result", answers.get("outcome_result"), lang) + " · "
             + short_date(answers.get("outcome_date", ""), lang)]
    if answers.get("outcome_time_sentenced"):
        lines[0] += " " + t("outcome_at", lang, time=answers["outcome_time_sentenced"])
    if answers.get("outcome_sentence"):
        line = choice_label("sentence", answers["outcome_sentence"], lang)
        if answers.get("outcome_order_months"):
            line += f", {amount(answers['outcome_order_months'], 'months', lang)}"
        lines.append(line)
    for code in answers.get("outcome_requirements") or []:
        req = defs.requirement(code)
        if req is not None:
            length = answers.get("outcome_length_" + code)
            lines.append(f"  {tr(req.label, lang)}"
                         + (f": {amount(length, req.unit, lang)}" if length else ""))
    if answers.get("outcome_recommendation_followed"):
        lines.append(t("outcome_recommendation_followed", lang) + " " + choice_label(
            "recommendation_followed", answers["outcome_recommendation_followed"], lang))
    if answers.get("outcome_adjourned_to"):
        lines.append(t("outcome_to", lang, day=short_date(answers["outcome_adjourned_to"],
                                                           lang)).capitalize()
                     + " · " + choice_label("adjournment_reason",
                                            answers.get("outcome_adjournment_reason"), lang))
    for name in ("outcome_adjournment_other", "outcome_court_said", "outcome_detail"):
        if answers.get(name):
            lines.append(f"“{answers[name]}”")
    return "\n".join(lines)
