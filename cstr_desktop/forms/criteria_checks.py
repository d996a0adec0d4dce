"""Check a criteria file's references against the form that uses it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cstr_desktop.errors import FormProblem
from cstr_desktop.forms.condition_checks import check_condition, possible_values
from cstr_desktop.forms.schema import (
    CriteriaFile,
    Criterion,
    DateQuestion,
    IntegerQuestion,
    LongTextQuestion,
    MultiChoiceQuestion,
    NoteQuestion,
    Requirement,
    SingleChoiceQuestion,
    TextQuestion,
)

if TYPE_CHECKING:
    from cstr_desktop.forms.bundle import FormBundle


def check_criteria(criteria: CriteriaFile, bundle: FormBundle, file: str) -> list[FormProblem]:
    problems: list[FormProblem] = []
    age_dates = [criteria.age.date_of_birth, criteria.age.on_date]
    if criteria.age.convicted_on is not None:
        age_dates.append(criteria.age.convicted_on)
    for name in age_dates:
        if not isinstance(bundle.questions.get(name), DateQuestion):
            problems.append(FormProblem(
                "FORM_007", file, "age", f"'{name}' is not a date question of form "
                f"'{bundle.id}'"))
    seen: set[str] = set()
    all_criteria: list[Criterion] = list(criteria.gates)
    for req in criteria.requirements:
        if req.id in seen:
            problems.append(FormProblem("FORM_005", file, f"requirement '{req.id}'",
                                        "the id is used twice"))
        seen.add(req.id)
        all_criteria.extend(req.criteria)
    for crit in all_criteria:
        subject = f"criterion '{crit.id}'"
        if crit.question is not None:
            q = bundle.questions.get(crit.question)
            if q is None or isinstance(q, NoteQuestion):
                problems.append(FormProblem(
                    "FORM_007", file, subject,
                    f"refers to unknown question '{crit.question}'"))
                continue
            allowed = possible_values(q, bundle)
            if allowed is not None and not any(
                    crit.met_when == a and type(crit.met_when) is type(a) for a in allowed):
                problems.append(FormProblem(
                    "FORM_008", file, subject,
                    f"met_when {crit.met_when!r} is not an answer '{crit.question}' can take "
                    f"{allowed}"))
        if crit.reason_question is not None and not isinstance(
                bundle.questions.get(crit.reason_question), LongTextQuestion | TextQuestion):
            problems.append(FormProblem(
                "FORM_007", file, subject,
                f"reason_question '{crit.reason_question}' is not a text question of the form"))
    for flag in criteria.flags:
        problems.extend(check_condition(flag.when, bundle, file, f"flag '{flag.id}'", None))
    if criteria.declined_when is not None:
        problems.extend(check_condition(criteria.declined_when, bundle, file,
                                        "declined_when", None))
    if criteria.considered_by is not None:
        problems.extend(_check_considered_by(criteria, bundle, file))
    for req in criteria.requirements:
        problems.extend(_check_requirement_questions(req, bundle, file))
    problems.extend(_check_warnings(criteria, bundle, file))
    if criteria.period_limits is not None:
        problems.extend(_check_period_limits(criteria, bundle, file))
    return problems


def _check_requirement_questions(req: Requirement, bundle: FormBundle,
                                 file: str) -> list[FormProblem]:
    """A requirement's recommendation, period, arrangements and first appointment."""
    problems: list[FormProblem] = []
    subject = f"requirement '{req.id}'"

    def bad(detail: str) -> None:
        problems.append(FormProblem("FORM_007", file, subject, detail))

    if req.recommendation is not None:
        q = bundle.questions.get(req.recommendation.question)
        if not isinstance(q, SingleChoiceQuestion):
            bad(f"recommendation question '{req.recommendation.question}' is not a "
                "single_choice question of the form")
        else:
            allowed = possible_values(q, bundle) or []
            for value in req.recommendation.recommends:
                if not any(value == a and type(value) is type(a) for a in allowed):
                    bad(f"recommends {value!r}, which is not an answer of "
                        f"'{req.recommendation.question}' {allowed}")
    if req.period_question is not None and not isinstance(
            bundle.questions.get(req.period_question), IntegerQuestion):
        bad(f"period_question '{req.period_question}' is not an integer question of the form")
    if req.arrangements_section is not None and req.arrangements_section not in {
            s.name for s in bundle.sections}:
        bad(f"arrangements_section '{req.arrangements_section}' is not a section of the form")
    for name in req.first_appointment:
        if name not in bundle.questions:
            bad(f"first_appointment names '{name}', which is not a question of the form")
    return problems


def _check_warnings(criteria: CriteriaFile, bundle: FormBundle,
                    file: str) -> list[FormProblem]:
    problems: list[FormProblem] = []
    codes: set[str] = set()
    requirement_ids = {req.id for req in criteria.requirements}
    if criteria.period_limits is not None:
        codes.add(criteria.period_limits.code)
    for warning in criteria.warnings:
        subject = f"warning '{warning.code}'"
        if warning.code in codes:
            problems.append(FormProblem("FORM_005", file, subject, "the code is used twice"))
        codes.add(warning.code)
        problems.extend(check_condition(warning.when, bundle, file, subject, None))
        for name in warning.questions:
            q = bundle.questions.get(name)
            if q is None or isinstance(q, NoteQuestion):
                problems.append(FormProblem(
                    "FORM_007", file, subject,
                    f"names '{name}' as the question to fix it, which is not a question of the "
                    "form"))
        if warning.applies_to is not None and warning.applies_to not in requirement_ids:
            problems.append(FormProblem(
                "FORM_007", file, subject,
                f"applies_to '{warning.applies_to}' is not a requirement of the criteria"))
    return problems


def _check_period_limits(criteria: CriteriaFile, bundle: FormBundle,
                         file: str) -> list[FormProblem]:
    limits = criteria.period_limits
    problems: list[FormProblem] = []

    def bad(detail: str) -> None:
        problems.append(FormProblem("FORM_007", file, "period_limits", detail))

    q = bundle.questions.get(limits.order_question)
    if not isinstance(q, SingleChoiceQuestion):
        bad(f"order_question '{limits.order_question}' is not a single_choice question of the "
            "form")
        return problems
    allowed = possible_values(q, bundle) or []
    for order in limits.orders:
        if not any(order.order == a and type(order.order) is type(a) for a in allowed):
            bad(f"order {order.order!r} is not an answer of '{limits.order_question}' "
                f"{allowed}")
        if order.within is not None and not isinstance(bundle.questions.get(order.within),
                                                       IntegerQuestion):
            bad(f"within '{order.within}' is not an integer question of the form")
    if not any(req.period_question for req in criteria.requirements):
        bad("no requirement names a period_question, so there is nothing to limit")
    return problems


def _check_considered_by(criteria: CriteriaFile, bundle: FormBundle,
                         file: str) -> list[FormProblem]:
    name = criteria.considered_by
    q = bundle.questions.get(name)
    if not isinstance(q, MultiChoiceQuestion):
        return [FormProblem("FORM_007", file, "considered_by",
                            f"'{name}' is not a multi_choice question of form '{bundle.id}'")]
    values = {c.value for c in bundle.choices(q)}
    return [FormProblem("FORM_007", file, "considered_by",
                        f"requirement '{req.id}' is not a choice of '{name}'")
            for req in criteria.requirements if req.id not in values]
