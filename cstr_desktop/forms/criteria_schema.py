"""The shape of a criteria file: the statutory criteria, flags, warnings and period limits.

The law as the team reads it, as data: a change in the law is a new version of
the criteria file, not a change of code. Cross-references (a criterion naming
its question) are checked by :mod:`cstr_desktop.forms.criteria_checks`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from cstr_desktop.forms.schema_base import ChoiceValue, Condition, LocalText, Name, Strict


class AgeRule(Strict):
    """Where age is worked out: ``age`` is the age on ``on_date`` (the hearing).

    ``convicted_on`` names the date of conviction: when it is answered, the age
    gate (``derived: age_at_least``) is tested on it instead (s.202(1): 18 or over
    when convicted), and the result's ``age_at_conviction`` is the age on it.
    """

    date_of_birth: Name
    on_date: Name
    convicted_on: Name | None = None


class Criterion(Strict):
    """One thing the court must be satisfied of.

    Either an answer (``question`` with the value ``met_when``) or a derived
    fact (``derived: age_at_least`` with ``years``).
    """

    id: Name
    label: LocalText
    question: Name | None = None
    met_when: ChoiceValue | None = None
    derived: Literal["age_at_least"] | None = None
    years: int | None = Field(default=None, ge=0, le=150)
    not_met: LocalText
    reason_question: Name | None = None
    # Where the criterion comes from (a section of an Act, or good practice), and what
    # about it is not settled: printed in the README's note and shown in the app.
    source: LocalText | None = None
    uncertain: LocalText | None = None
    # Good practice rather than a condition of the statute (capacity, under the
    # Mental Capacity Act 2005): kept as a gate, but said so wherever it is shown.
    good_practice: LocalText | None = None

    @model_validator(mode="after")
    def _source(self) -> Criterion:
        if (self.question is None) == (self.derived is None):
            raise ValueError("a criterion needs exactly one of 'question' or 'derived'")
        if self.question is not None and self.met_when is None:
            raise ValueError("a criterion on a question needs 'met_when'")
        if self.derived == "age_at_least" and self.years is None:
            raise ValueError("'derived: age_at_least' needs 'years'")
        return self


class Recommendation(Strict):
    """The question that records the assessor's recommendation for a requirement, and the
    answers that recommend it (the summary card lists these, not merely eligibility)."""

    question: Name
    recommends: list[ChoiceValue] = Field(min_length=1)


class Requirement(Strict):
    id: Name
    title: LocalText
    statute: LocalText
    criteria: list[Criterion] = Field(min_length=1)
    recommendation: Recommendation | None = None
    # The proposed period (whole months) and the form section holding this
    # requirement's arrangements (treatment director, place, mode, first appointment).
    period_question: Name | None = None
    arrangements_section: Name | None = None
    # The first appointment, in this order: date, time, place (the summary card's line).
    first_appointment: list[Name] = []


class Flag(Strict):
    id: Name
    label: LocalText
    when: Condition


class ConsistencyWarning(Strict):
    """An inconsistency in the answers, caught before anyone relies on the report.

    Open while ``when`` holds (for ``applies_to`` a requirement: only while it is
    being considered). Shown in the side panel and by Ctrl+M (which goes to the
    first of ``questions``); a countersignature is refused while any is open.
    """

    code: str = Field(pattern=r"^W_[A-Z0-9_]+$", max_length=48)
    when: Condition
    message: LocalText
    questions: list[Name] = Field(min_length=1)
    applies_to: Name | None = None
    source: LocalText | None = None
    uncertain: LocalText | None = None


class OrderLimit(Strict):
    """How long a requirement may run under one type of order."""

    order: ChoiceValue  # a value of the period limits' ``order_question``
    label: LocalText
    # The longest period in whole months, and/or an answer the period may not exceed
    # (the supervision period of a suspended sentence order).
    max_months: int | None = Field(default=None, ge=1, le=240)
    within: Name | None = None
    rule: LocalText
    source: LocalText
    uncertain: LocalText | None = None

    @model_validator(mode="after")
    def _a_limit(self) -> OrderLimit:
        if self.max_months is None and self.within is None:
            raise ValueError("an order limit needs 'max_months', 'within' or both")
        return self


class PeriodLimits(Strict):
    """Period limits by order type: a proposed period beyond its order's limit is a
    warning (``code``), worded by ``message`` ({requirement}, {months}, {order},
    {limit}); numbers of months are written with ``unit`` (``unit_one`` after 1)."""

    code: str = Field(pattern=r"^W_[A-Z0-9_]+$", max_length=48)
    order_question: Name
    orders: list[OrderLimit] = Field(min_length=1)
    message: LocalText
    unit: LocalText
    unit_one: LocalText


class CriteriaFile(Strict):
    kind: Literal["criteria"]
    id: Name
    version: int = Field(ge=1)
    title: LocalText
    age: AgeRule
    gates: list[Criterion]
    requirements: list[Requirement] = Field(min_length=1)
    flags: list[Flag] = []
    # When this holds (the person declined the assessment), every requirement's
    # status is "not_assessed": no opinion can be given, whatever else was recorded.
    declined_when: Condition | None = None
    # The multi-choice question whose answer names the requirements being
    # considered (its choice values are requirement ids). Until it is answered,
    # every requirement is treated as considered.
    considered_by: Name | None = None
    warnings: list[ConsistencyWarning] = []
    period_limits: PeriodLimits | None = None
