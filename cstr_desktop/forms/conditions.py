"""Evaluate a form condition (``show_if``, skip rules, alerts, flags) on answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cstr_desktop.forms.schema import (
    AllCondition,
    AnyCondition,
    NotCondition,
    QuestionCondition,
    ScoreCondition,
    SumCondition,
)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def same_value(a: Any, b: Any) -> bool:
    """Equal and of the same kind: the answer 1 does not equal the choice "1"."""
    return a == b and (_number(a) is None) == (_number(b) is None)


def _compare(op: str, value: float, target: float) -> bool:
    return {
        "equals": value == target,
        "greater_than": value > target,
        "at_least": value >= target,
        "less_than": value < target,
        "at_most": value <= target,
    }[op]


def holds(cond: Any, answers: Mapping[str, Any],
          scores: Mapping[str, int | None] | None = None) -> bool:
    """True when the condition holds. A test on an unanswered question is false, and so
    is a test on a score that is not known (or when no ``scores`` are given)."""
    if isinstance(cond, AllCondition):
        return all(holds(c, answers, scores) for c in cond.all)
    if isinstance(cond, AnyCondition):
        return any(holds(c, answers, scores) for c in cond.any)
    if isinstance(cond, NotCondition):
        return not holds(cond.not_, answers, scores)
    if isinstance(cond, ScoreCondition):
        total = (scores or {}).get(cond.score)
        if total is None:
            return False
        op, target = cond.comparison
        return _compare(op, total, target)
    if isinstance(cond, SumCondition):
        values = [_number(answers.get(name)) for name in cond.sum]
        if any(v is None for v in values):
            return False
        op, target = cond.comparison
        return _compare(op, sum(values), target)
    assert isinstance(cond, QuestionCondition)
    value = answers.get(cond.question)
    op, target = cond.comparison
    if op == "answered":
        return (value is not None) is target
    if value is None:
        return False
    if op == "equals":
        return same_value(value, target)
    if op == "not_equals":
        return not same_value(value, target)
    if op == "in":
        return any(same_value(value, t) for t in target)
    if op == "includes":
        return isinstance(value, list) and any(same_value(v, target) for v in value)
    number = _number(value)
    if number is None:
        return False
    return _compare(op, number, target)


def questions_in(cond: Any) -> set[str]:
    """The questions a condition reads."""
    if isinstance(cond, AllCondition | AnyCondition):
        parts = cond.all if isinstance(cond, AllCondition) else cond.any
        return set().union(*(questions_in(c) for c in parts))
    if isinstance(cond, NotCondition):
        return questions_in(cond.not_)
    if isinstance(cond, SumCondition):
        return set(cond.sum)
    if isinstance(cond, QuestionCondition):
        return {cond.question}
    return set()
