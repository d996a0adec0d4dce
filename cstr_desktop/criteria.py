"""Check the statutory criteria for each requirement against the answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from .answers import parse_date
from .conditions import holds, same_value
from .form_schema import CriteriaFile, Criterion
from .local_text import tr

Status = Literal["eligible", "incomplete", "not_eligible", "not_assessed"]


def age_on(date_of_birth: date, on: date) -> int:
    """Whole years of age on a date (a 29 February birthday falls on 1 March)."""
    before_birthday = (on.month, on.day) < (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - before_birthday


def _age_at(criteria: CriteriaFile, answers: Mapping[str, Any], on_name: str | None
            ) -> int | None:
    dob = parse_date(answers.get(criteria.age.date_of_birth))
    on = parse_date(answers.get(on_name)) if on_name else None
    if dob is None or on is None or dob > on:
        return None
    return age_on(dob, on)


def age_from_answers(criteria: CriteriaFile, answers: Mapping[str, Any]) -> int | None:
    """Age on the hearing date (the criteria file's ``age.on_date``)."""
    return _age_at(criteria, answers, criteria.age.on_date)


def age_at_conviction(criteria: CriteriaFile, answers: Mapping[str, Any]) -> int | None:
    """Age on the date of conviction, or None when that is not answered (or not asked)."""
    return _age_at(criteria, answers, criteria.age.convicted_on)


def age_for_gate(criteria: CriteriaFile, answers: Mapping[str, Any]) -> int | None:
    """The age the age gate tests: at conviction when its date is answered, else at the
    hearing (after a guilty plea on the day, the two are the same date)."""
    convicted_on = criteria.age.convicted_on
    if convicted_on and answers.get(convicted_on) is not None:
        return age_at_conviction(criteria, answers)
    return age_from_answers(criteria, answers)


def assessment_declined(criteria: CriteriaFile, answers: Mapping[str, Any]) -> bool:
    """True when the person declined the assessment (the criteria's ``declined_when``)."""
    return criteria.declined_when is not None and holds(criteria.declined_when, answers)


def criterion_label(criterion: Criterion, lang: str = "en") -> str:
    label = tr(criterion.label, lang)
    if criterion.good_practice:
        label += f" ({tr(criterion.good_practice, lang)})"
    return label


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    met: bool | None
    # The assessor's own reasons, from the criterion's reason question.
    assessor_reason: str | None

    @property
    def id(self) -> str:
        return self.criterion.id

    def label(self, lang: str = "en") -> str:
        """The criterion's label, with its basis when it is good practice rather than the
        statute ("Has capacity to consent (good practice under the Mental Capacity Act
        2005, not a condition of Schedule 9)")."""
        return criterion_label(self.criterion, lang)

    def reason(self, lang: str = "en") -> str:
        """Why the criterion is met, not met or open, in words for the screen and report."""
        label = self.label(lang)
        if self.met is True:
            return label
        if self.met is False:
            return tr(self.criterion.not_met, lang)
        from .wording import t

        return t("core.not_yet_answered", lang, label=label)


@dataclass(frozen=True)
class RequirementResult:
    id: str
    status: Status
    criteria: tuple[CriterionResult, ...]

    @property
    def unmet(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.met is False]

    @property
    def unanswered(self) -> list[CriterionResult]:
        return [c for c in self.criteria if c.met is None]

    def as_result(self) -> dict[str, Any]:
        return {"status": self.status,
                "criteria": [{"id": c.id, "met": c.met} for c in self.criteria]}


def _met(criterion: Criterion, answers: Mapping[str, Any], age: int | None) -> bool | None:
    if criterion.derived == "age_at_least":
        return None if age is None else age >= criterion.years
    value = answers.get(criterion.question)
    if value is None:
        return None
    return same_value(value, criterion.met_when)


def requirement_status(met: list[bool | None], declined: bool = False) -> Status:
    if declined:
        return "not_assessed"
    if any(m is False for m in met):
        return "not_eligible"
    if any(m is None for m in met):
        return "incomplete"
    return "eligible"


def evaluate_requirements(criteria: CriteriaFile, answers: Mapping[str, Any]
                          ) -> dict[str, RequirementResult]:
    age = age_for_gate(criteria, answers)
    declined = assessment_declined(criteria, answers)

    def result(c: Criterion) -> CriterionResult:
        reason = answers.get(c.reason_question) if c.reason_question else None
        return CriterionResult(c, _met(c, answers, age), reason or None)

    gates = [result(c) for c in criteria.gates]
    out: dict[str, RequirementResult] = {}
    for req in criteria.requirements:
        items = tuple(gates + [result(c) for c in req.criteria])
        out[req.id] = RequirementResult(req.id, requirement_status([c.met for c in items],
                                                                  declined), items)
    return out


def evaluate_flags(criteria: CriteriaFile, answers: Mapping[str, Any]) -> dict[str, bool]:
    return {flag.id: holds(flag.when, answers) for flag in criteria.flags}
