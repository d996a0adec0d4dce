"""Consistency warnings: answers that contradict each other or the law, as the criteria
file defines them (its ``warnings`` and ``period_limits``).

A warning is open while its condition holds; for a requirement (``applies_to``)
only while that requirement is being considered. An open warning is shown in the
side panel, reached by Ctrl+M, and refuses a countersignature.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cstr_desktop.forms.conditions import holds, same_value
from cstr_desktop.forms.criteria_schema import CriteriaFile, OrderLimit
from cstr_desktop.local_text import count_text, tr


@dataclass(frozen=True)
class OpenWarning:
    code: str
    message: dict[str, str]  # the words, per language, with any numbers filled in
    questions: tuple[str, ...]  # where to fix it; Ctrl+M goes to the first

    def text(self, lang: str = "en") -> str:
        return tr(self.message, lang)


def open_warnings(criteria: CriteriaFile, answers: Mapping[str, Any],
                  scores: Mapping[str, int | None], considered: tuple[str, ...]
                  ) -> list[OpenWarning]:
    """The warnings open for these answers, in the criteria file's order (period limits
    last)."""
    out = []
    for warning in criteria.warnings:
        if warning.applies_to is not None and warning.applies_to not in considered:
            continue
        if holds(warning.when, answers, scores):
            out.append(OpenWarning(warning.code, dict(warning.message),
                                   tuple(warning.questions)))
    return out + period_warnings(criteria, answers, considered)


def order_limit(criteria: CriteriaFile, answers: Mapping[str, Any]) -> OrderLimit | None:
    """The period limit of the order type the court has indicated, if it has one."""
    limits = criteria.period_limits
    if limits is None:
        return None
    order = answers.get(limits.order_question)
    return next((o for o in limits.orders if order is not None and same_value(o.order, order)),
                None)


def limit_months(limit: OrderLimit, answers: Mapping[str, Any]) -> int | None:
    """The longest period allowed, in months: the order's maximum, or less when the period
    it must fit within (the supervision period) is answered and shorter."""
    candidates = [limit.max_months] if limit.max_months is not None else []
    within = answers.get(limit.within) if limit.within else None
    if isinstance(within, int) and not isinstance(within, bool):
        candidates.append(within)
    return min(candidates) if candidates else None


def period_warnings(criteria: CriteriaFile, answers: Mapping[str, Any],
                    considered: tuple[str, ...]) -> list[OpenWarning]:
    limits = criteria.period_limits
    limit = order_limit(criteria, answers)
    if limits is None or limit is None:
        return []
    most = limit_months(limit, answers)
    if most is None:
        return []
    out = []
    for req in criteria.requirements:
        months = answers.get(req.period_question) if req.period_question else None
        if req.id not in considered or not isinstance(months, int) or months <= most:
            continue
        message = {lang: text.format(
            requirement=req.id.upper(), order=tr(limit.label, lang),
            months=count_text(months, limits.unit_one, limits.unit, lang),
            limit=count_text(most, limits.unit_one, limits.unit, lang))
            for lang, text in limits.message.items()}
        out.append(OpenWarning(limits.code, message, (req.period_question,)))
    return out
