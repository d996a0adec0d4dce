"""The outcome at court, as answers under ``outcome_*`` ids (docs/outcomes.md).

The same ids travel in two ways: inside a record's ``answers`` when the assessor records
the outcome before the version is countersigned, and in the ``answers`` of a signed
``cstr-outcome/1`` addendum afterwards. ``parse_outcome`` reads either into one
``CourtOutcome`` or raises ``OutcomeError`` naming the first fault.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from central.definitions import requirements

PREFIX = "outcome_"
RESULTS = ("sentenced", "adjourned", "remanded", "other")
ADJOURN_REASONS = ("awaiting_assessment", "report_not_ready", "no_treatment_place", "other")
SENTENCES = ("community_order", "suspended_sentence_order", "custody", "other")
COMMUNITY = ("community_order", "suspended_sentence_order")
FOLLOWED = ("yes", "partly", "no")
TEXT_MAX = 2000
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
FIELDS = ("outcome_result", "outcome_date", "outcome_time_sentenced", "outcome_adjourned_to",
          "outcome_adjournment_reason", "outcome_adjournment_other", "outcome_sentence",
          "outcome_order_months", "outcome_requirements", "outcome_recommendation_followed",
          "outcome_court_said", "outcome_detail")
LENGTH_PREFIX = "outcome_length_"


class OutcomeError(ValueError):
    """An outcome that cannot be used; the message names the id and the fault."""


@dataclass(frozen=True)
class CourtOutcome:
    result: str
    on: date
    time_sentenced: str | None = None
    adjourned_to: date | None = None
    adjournment_reason: str | None = None
    sentence: str | None = None
    order_months: int | None = None
    requirements: dict[str, int | None] = field(default_factory=dict)
    recommendation_followed: str | None = None
    court_said: str | None = None
    detail: str | None = None

    @property
    def community(self) -> bool:
        return self.result == "sentenced" and self.sentence in COMMUNITY

    @property
    def cstrs(self) -> tuple[str, ...]:
        """The treatment requirements made, in the order mhtr, drr, atr."""
        if not self.community:
            return ()
        return tuple(c for c in requirements().cstr_codes if c in self.requirements)


def outcome_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The ``outcome_*`` answers of a record's answers."""
    return {k: v for k, v in answers.items() if isinstance(k, str) and k.startswith(PREFIX)}


def _date(answers: Mapping[str, Any], name: str) -> date | None:
    value = answers.get(name)
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise OutcomeError(f"'{name}': {str(value)[:20]!r} is not a date (YYYY-MM-DD)")


def _choice(answers: Mapping[str, Any], name: str, allowed: tuple[str, ...]) -> str | None:
    value = answers.get(name)
    if value is None:
        return None
    if value not in allowed:
        raise OutcomeError(f"'{name}': {str(value)[:40]!r} is not one of {', '.join(allowed)}")
    return value


def _text(answers: Mapping[str, Any], name: str) -> str | None:
    value = answers.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > TEXT_MAX:
        raise OutcomeError(f"'{name}' is not a text of at most {TEXT_MAX} characters")
    return value.strip() or None


def _whole(answers: Mapping[str, Any], name: str, low: int, high: int) -> int | None:
    value = answers.get(name)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise OutcomeError(f"'{name}': {str(value)[:20]} is not a whole number from {low} to "
                           f"{high}")
    return value


def parse_outcome(answers: Mapping[str, Any], default_date: str | None = None,
                  strict: bool = True) -> CourtOutcome:
    """The outcome the ``outcome_*`` answers describe. ``default_date`` is the hearing date
    when ``outcome_date`` is not given (an outcome recorded in the record itself).
    ``strict`` refuses ids that are not outcome ids (an addendum); a record's own answers
    may hold the answers of questions no longer shown, which are ignored."""
    codes = requirements().by_code()
    if strict:
        for name in answers:
            if name not in FIELDS and not (isinstance(name, str)
                                           and name.startswith(LENGTH_PREFIX)
                                           and name[len(LENGTH_PREFIX):] in codes):
                raise OutcomeError(f"'{str(name)[:60]}' is not an outcome id")
    result = _choice(answers, "outcome_result", RESULTS)
    if result is None:
        raise OutcomeError("'outcome_result' is missing")
    on = _date(answers, "outcome_date")
    if on is None and default_date:
        on = _date({"hearing_date": default_date}, "hearing_date")
    if on is None:
        raise OutcomeError("'outcome_date' is missing")
    out: dict[str, Any] = {"result": result, "on": on,
                           "detail": _text(answers, "outcome_detail")}
    if result == "adjourned":
        out["adjourned_to"] = _date(answers, "outcome_adjourned_to")
        if out["adjourned_to"] is not None and out["adjourned_to"] < on:
            raise OutcomeError("'outcome_adjourned_to' is before the hearing it was "
                               "adjourned from")
        out["adjournment_reason"] = _choice(answers, "outcome_adjournment_reason",
                                            ADJOURN_REASONS)
        if out["adjournment_reason"] is None:
            raise OutcomeError("'outcome_adjournment_reason' is missing for an adjournment")
        if out["adjournment_reason"] == "other":
            out["detail"] = _text(answers, "outcome_adjournment_other") or out["detail"]
    if result == "sentenced":
        time_sentenced = answers.get("outcome_time_sentenced")
        if time_sentenced is not None and (not isinstance(time_sentenced, str)
                                           or not TIME_RE.match(time_sentenced)):
            raise OutcomeError("'outcome_time_sentenced' is not a time (HH:MM)")
        out["time_sentenced"] = time_sentenced
        out["sentence"] = _choice(answers, "outcome_sentence", SENTENCES)
        if out["sentence"] is None:
            raise OutcomeError("'outcome_sentence' is missing for a sentence")
        out["recommendation_followed"] = _choice(answers, "outcome_recommendation_followed",
                                                 FOLLOWED)
        out["court_said"] = _text(answers, "outcome_court_said")
        if out["sentence"] in COMMUNITY:
            out["order_months"] = _whole(answers, "outcome_order_months", 1, 36)
            out["requirements"] = _requirements(answers, codes)
    return CourtOutcome(**out)


def _requirements(answers: Mapping[str, Any], codes: dict) -> dict[str, int | None]:
    chosen = answers.get("outcome_requirements") or []
    if not isinstance(chosen, list) or any(not isinstance(c, str) for c in chosen):
        raise OutcomeError("'outcome_requirements' is not a list of requirement codes")
    made: dict[str, int | None] = {}
    for code in chosen:
        if code not in codes:
            raise OutcomeError(f"'outcome_requirements': '{code[:40]}' is not a requirement "
                               f"of the s.201 table ({', '.join(codes)})")
        made[code] = _whole(answers, LENGTH_PREFIX + code, 1, codes[code].max)
    return made
