"""The statutory criteria: gates, each criterion failing alone, the age gate, flags."""

from __future__ import annotations

from datetime import date

import pytest

from cstr_desktop.forms.criteria import age_on
from cstr_desktop.forms.interview import InterviewState

ELIGIBLE = {
    "person_dob": "1990-04-12",
    "hearing_date": "2026-11-23",
    "convicted": "yes",
    "offence_imprisonable": "yes",
    "capacity_to_consent": "yes",
    "mh_requires_treatment": "yes",
    "mh_susceptible_to_treatment": "yes",
    "mh_warrants_hospital_or_guardianship": "no",
    "mh_arrangements_made": "yes",
    "willing_mhtr": "yes",
    "drug_dependent_or_propensity": "yes",
    "drug_requires_and_susceptible": "yes",
    "drug_arrangements_made": "yes",
    "drr_probation_recommends": "yes",
    "willing_drr": "yes",
    "alcohol_dependent": "yes",
    "alcohol_requires_and_susceptible": "yes",
    "alcohol_arrangements_made": "yes",
    "willing_atr": "yes",
}

GATES = ["convicted", "age_18_plus", "offence_imprisonable", "capacity_to_consent"]
OWN = {
    "mhtr": ["mh_requires_treatment", "mh_susceptible_to_treatment",
             "mh_warrants_hospital_or_guardianship", "mh_arrangements_made", "willing_mhtr"],
    "drr": ["drug_dependent_or_propensity", "drug_requires_and_susceptible",
            "drug_arrangements_made", "drr_probation_recommends", "willing_drr"],
    "atr": ["alcohol_dependent", "alcohol_requires_and_susceptible",
            "alcohol_arrangements_made", "willing_atr"],
}


def requirements(bundle, answers):
    return InterviewState(bundle, answers).result()["requirements"]


def test_all_three_eligible_with_criteria_in_contract_order(bundle):
    result = requirements(bundle, ELIGIBLE)
    for req, own in OWN.items():
        assert result[req]["status"] == "eligible"
        assert [c["id"] for c in result[req]["criteria"]] == GATES + own
        assert all(c["met"] is True for c in result[req]["criteria"])


def failing(criterion: str) -> dict:
    answers = dict(ELIGIBLE)
    if criterion == "age_18_plus":
        answers["person_dob"] = "2010-01-01"
    elif criterion == "mh_warrants_hospital_or_guardianship":
        answers[criterion] = "yes"
    else:
        answers[criterion] = "no"
    return answers


@pytest.mark.parametrize("criterion", GATES)
def test_each_gate_failing_alone_makes_every_requirement_not_eligible(bundle, criterion):
    result = requirements(bundle, failing(criterion))
    for req in OWN:
        assert result[req]["status"] == "not_eligible"
        unmet = [c["id"] for c in result[req]["criteria"] if c["met"] is False]
        assert unmet == [criterion]


@pytest.mark.parametrize(("req", "criterion"),
                         [(r, c) for r, own in OWN.items() for c in own])
def test_each_own_criterion_failing_alone(bundle, req, criterion):
    result = requirements(bundle, failing(criterion))
    assert result[req]["status"] == "not_eligible"
    assert [c["id"] for c in result[req]["criteria"] if c["met"] is False] == [criterion]
    for other in OWN:
        if other != req:
            assert result[other]["status"] == "eligible"


@pytest.mark.parametrize(("req", "criterion"),
                         [(r, c) for r, own in OWN.items() for c in GATES + own])
def test_each_criterion_unanswered_alone_is_incomplete(bundle, req, criterion):
    answers = dict(ELIGIBLE)
    if criterion == "age_18_plus":
        del answers["person_dob"]
    else:
        del answers[criterion]
    result = requirements(bundle, answers)
    assert result[req]["status"] == "incomplete"
    assert [c["id"] for c in result[req]["criteria"] if c["met"] is None] == [criterion]


def test_not_met_outranks_unanswered(bundle):
    answers = dict(ELIGIBLE, convicted="no")
    del answers["willing_mhtr"]
    assert requirements(bundle, answers)["mhtr"]["status"] == "not_eligible"


@pytest.mark.parametrize(("dob", "hearing", "age", "met"), [
    ("2008-11-23", "2026-11-23", 18, True),    # the 18th birthday itself
    ("2008-11-24", "2026-11-23", 17, False),   # the day before it
    ("2008-11-22", "2026-11-23", 18, True),
    ("2008-02-29", "2026-02-28", 17, False),   # leap-day birthday: 18 on 1 March
    ("2008-02-29", "2026-03-01", 18, True),
    ("1990-04-12", "2026-11-23", 36, True),
])
def test_age_gate_on_the_18th_birthday(bundle, dob, hearing, age, met):
    state = InterviewState(bundle, dict(ELIGIBLE, person_dob=dob, hearing_date=hearing))
    result = state.result()
    assert result["age"] == age
    gate = next(c for c in result["requirements"]["mhtr"]["criteria"] if c["id"] == "age_18_plus")
    assert gate["met"] is met


def test_age_unknown_without_both_dates(bundle):
    answers = dict(ELIGIBLE)
    del answers["hearing_date"]
    result = InterviewState(bundle, answers).result()
    assert result["age"] is None
    assert result["requirements"]["atr"]["criteria"][1] == {"id": "age_18_plus", "met": None}


def test_age_on_counts_whole_years():
    assert age_on(date(2000, 1, 1), date(2000, 12, 31)) == 0
    assert age_on(date(2000, 1, 1), date(2001, 1, 1)) == 1


@pytest.mark.parametrize(("answers", "flags"), [
    ({}, {"aamr_contraindicated": False, "drr_review_required": False,
          "report_shareable_with_court": False, "assessment_declined": False}),
    ({"alcohol_dependent": "yes", "drr_period_months": 13, "consent_share_court": "yes",
      "consent_assessment": "yes"},
     {"aamr_contraindicated": True, "drr_review_required": True,
      "report_shareable_with_court": True, "assessment_declined": False}),
    ({"alcohol_dependent": "no", "drr_period_months": 12, "consent_share_court": "no",
      "consent_assessment": "no"},
     {"aamr_contraindicated": False, "drr_review_required": False,
      "report_shareable_with_court": False, "assessment_declined": True}),
])
def test_flags(bundle, answers, flags):
    assert InterviewState(bundle, answers).result()["flags"] == flags


def test_reasons_say_why(bundle):
    answers = dict(ELIGIBLE, convicted="no", mh_requires_treatment_reason="Low mood for a year.")
    del answers["willing_atr"]
    state = InterviewState(bundle, answers)
    mhtr = {c.id: c for c in state.requirements["mhtr"].criteria}
    assert mhtr["convicted"].reason() == "A treatment requirement can only follow a conviction."
    assert mhtr["mh_requires_treatment"].assessor_reason == "Low mood for a year."
    atr = {c.id: c for c in state.requirements["atr"].criteria}
    assert atr["willing_atr"].reason() == "Not yet answered: Expresses willingness to comply"
    assert atr["willing_atr"].reason("cy").startswith("Heb ei ateb eto: ")
    assert [c.id for c in state.requirements["atr"].unanswered] == ["willing_atr"]


def test_age_gate_is_tested_on_the_conviction_date_when_answered(bundle):
    # 18 on the hearing date, 17 when convicted: not eligible (s.202(1)).
    late = dict(ELIGIBLE, person_dob="2008-06-01", conviction_date="2026-05-20")
    state = InterviewState(bundle, late)
    assert (state.age, state.age_at_conviction) == (18, 17)
    assert requirements(bundle, late)["mhtr"]["status"] == "not_eligible"
    # Convicted on the 18th birthday: eligible.
    on_birthday = dict(late, conviction_date="2026-06-01")
    assert requirements(bundle, on_birthday)["mhtr"]["status"] == "eligible"
    # No conviction date (guilty plea on the day): tested on the hearing date.
    assert requirements(bundle, dict(late, conviction_date=None))["mhtr"]["status"] == "eligible"


def test_declining_the_assessment_makes_every_requirement_not_assessed(bundle):
    state = InterviewState(bundle, dict(ELIGIBLE, consent_assessment="no"))
    assert {r["status"] for r in state.result()["requirements"].values()} == {"not_assessed"}
    assert state.flags["assessment_declined"] is True
    assert state.open_findings == []  # nothing to finish: there is no opinion
    agreed = InterviewState(bundle, dict(ELIGIBLE, consent_assessment="yes"))
    assert agreed.result()["requirements"]["mhtr"]["status"] == "eligible"
    assert agreed.flags["assessment_declined"] is False


def test_version_1_criteria_still_read_as_they_did():
    """An assessment captured on form v1 scores exactly as before: age on the hearing
    date, and a declined assessment is not a status of its own there."""
    from cstr_desktop.forms.loader import load_bundle

    v1 = load_bundle("cstr_court_day", 1)
    assert v1.criteria.version == 1 and "conviction_date" not in v1.questions
    result = InterviewState(v1, dict(ELIGIBLE, consent_assessment="no")).result()
    assert result["requirements"]["mhtr"]["status"] == "eligible"
    assert result["age_at_conviction"] is None
    assert list(result["flags"]) == ["aamr_contraindicated", "drr_review_required",
                                     "report_shareable_with_court"]
