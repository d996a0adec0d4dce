"""Check a condition's references against a form bundle (used by every file kind's checks)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cstr_desktop.errors import FormProblem
from cstr_desktop.forms.schema import (
    AllCondition,
    AnyCondition,
    Condition,
    IntegerQuestion,
    MultiChoiceQuestion,
    NotCondition,
    NoteQuestion,
    ScoreCondition,
    SingleChoiceQuestion,
    SumCondition,
    YesNoQuestion,
)

if TYPE_CHECKING:
    from cstr_desktop.forms.bundle import FormBundle


def possible_values(q: Any, bundle: FormBundle) -> list[Any] | None:
    """The values a question can take, or None when open (text, integers, dates)."""
    if isinstance(q, YesNoQuestion):
        return ["yes", "no"]
    if isinstance(q, SingleChoiceQuestion | MultiChoiceQuestion):
        return [c.value for c in bundle.choices(q)]
    return None


def check_condition(cond: Condition, bundle: FormBundle, file: str, subject: str,
                    self_name: str | None) -> list[FormProblem]:
    problems: list[FormProblem] = []
    if isinstance(cond, AllCondition | AnyCondition):
        for sub in (cond.all if isinstance(cond, AllCondition) else cond.any):
            problems.extend(check_condition(sub, bundle, file, subject, self_name))
        return problems
    if isinstance(cond, NotCondition):
        return check_condition(cond.not_, bundle, file, subject, self_name)
    if isinstance(cond, ScoreCondition):
        if cond.score not in bundle.instruments:
            problems.append(FormProblem(
                "FORM_003", file, subject,
                f"condition refers to unknown instrument '{cond.score}' (not in the form's "
                "'uses: instruments')"))
        return problems
    names = cond.sum if isinstance(cond, SumCondition) else [cond.question]
    for name in names:
        if name == self_name:
            problems.append(FormProblem("FORM_012", file, subject, "show_if refers to itself"))
            continue
        q = bundle.questions.get(name)
        if q is None:
            problems.append(FormProblem(
                "FORM_003", file, subject, f"condition refers to unknown question '{name}'"))
            continue
        if isinstance(cond, SumCondition):
            if not is_numeric(q, bundle):
                problems.append(FormProblem(
                    "FORM_009", file, subject,
                    f"sums '{name}', which does not take a whole number"))
            continue
        if isinstance(q, NoteQuestion):
            problems.append(FormProblem(
                "FORM_009", file, subject, f"tests '{name}', a note that takes no answer"))
            continue
        op, value = cond.comparison
        allowed = possible_values(q, bundle)
        if op in ("greater_than", "at_least", "less_than", "at_most"):
            if not is_numeric(q, bundle):
                problems.append(FormProblem(
                    "FORM_009", file, subject,
                    f"compares '{name}' as a number, but it is a {q.type} question"))
        elif op == "includes" and not isinstance(q, MultiChoiceQuestion):
            problems.append(FormProblem(
                "FORM_009", file, subject,
                f"'includes' needs a multi_choice question; '{name}' is {q.type}"))
        elif op in ("equals", "not_equals", "in") and isinstance(q, MultiChoiceQuestion):
            problems.append(FormProblem(
                "FORM_009", file, subject,
                f"'{op}' cannot test the multi_choice question '{name}': use 'includes'"))
        elif op in ("equals", "not_equals", "in", "includes") and allowed is not None:
            values = value if op == "in" else [value]
            for v in values:
                if not any(v == a and type(v) is type(a) for a in allowed):
                    problems.append(FormProblem(
                        "FORM_009", file, subject,
                        f"compares '{name}' with {v!r}, which is not one of its values "
                        f"{allowed}"))
    return problems


def is_numeric(q: Any, bundle: FormBundle) -> bool:
    if isinstance(q, IntegerQuestion):
        return True
    if isinstance(q, SingleChoiceQuestion):
        return all(isinstance(c.value, int) for c in bundle.choices(q))
    return False
