"""Consistency warnings (criteria file data): each fires alone and clears, the period limits
by order type, and an open warning refuses a countersignature."""

from __future__ import annotations

import pytest
from support.reporting import full_answers, pdf_text, snapshot
from support.stores import TEAM

from cstr_desktop.form_loader import load_bundle
from cstr_desktop.interview import InterviewState
from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
from cstr_desktop.lifecycle import LifecycleError
from cstr_desktop.store import Store
from reports.summary_card import render_card

BUNDLE = load_bundle()
NO_ARRANGEMENTS = {f"{req}_{field}": None for req in ("mhtr", "drr", "atr")
                   for field in ("provider", "director_name", "place",
                                 "first_appointment_date")}
LOW_AUDIT = {f"audit_{i}": v for i, v in enumerate([1, 0, 0, 0, 0, 0, 0, 0, 0, 0], start=1)}


def codes(answers: dict) -> list[str]:
    given = {k: v for k, v in answers.items() if v is not None}
    return [w.code for w in InterviewState(BUNDLE, given).warnings]


def test_the_finished_interview_has_none():
    assert codes(full_answers()) == []


# Each: (changes that open it, and only it; changes that then close it).
CASES = {
    "W_PLEA_NOT_CONVICTED": ({"plea": "not_yet"}, {"plea": "found_guilty"}),
    "W_CONVICTED_NOT_RECORDED": ({"convicted": "no"}, {"convicted": "yes"}),
    "W_CUSTODY_INDICATED": ({"sentence_indicated": "custody"},
                            {"sentence_indicated": "suspended_sentence_order"}),
    "W_MHTR_NO_ARRANGEMENTS": ({k: None for k in NO_ARRANGEMENTS if k.startswith("mhtr")},
                               {"mhtr_place": "Canton Health Centre"}),
    "W_ATR_NO_ARRANGEMENTS": ({k: None for k in NO_ARRANGEMENTS if k.startswith("atr")},
                              {"atr_first_appointment_date": "2026-12-02"}),
    "W_DRR_NO_ARRANGEMENTS": ({"requirements_considered": ["mhtr", "drr", "atr"],
                               "drug_arrangements_made": "yes"},
                              {"drr_provider": "Dyfodol (demo)"}),
    "W_MHTR_DIRECTOR_NOT_REGISTERED": ({"mhtr_director_role": "qualified_person"},
                                       {"mhtr_director_role": "registered_psychologist"}),
    "W_ALCOHOL_DEPENDENCE_UNSUPPORTED": ({**LOW_AUDIT, "sadq_total": 12,
                                          "alcohol_dependence_evidence": None},
                                         {"alcohol_dependence_evidence": "Withdrawal fits "
                                          "in custody last month (custody records)."}),
    "W_PERIOD_LIMIT": ({"atr_period_months": 40}, {"atr_period_months": 36}),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_warning_fires_alone_and_clears(code):
    opening, closing = CASES[code]
    answers = {**full_answers(), **opening}
    assert codes(answers) == [code]
    assert codes({**answers, **closing}) == []


def test_a_psychologist_directing_an_mhtr_must_be_registered_with_the_hcpc():
    answers = full_answers(mhtr_director_body="nmc")
    assert codes(answers) == ["W_MHTR_DIRECTOR_NOT_REGISTERED"]
    assert codes({**answers, "mhtr_director_role": "registered_medical_practitioner",
                  "mhtr_director_body": "gmc"}) == []


def test_a_requirement_not_considered_raises_none_of_its_warnings():
    answers = {**full_answers(), **NO_ARRANGEMENTS}
    assert codes(answers) == ["W_MHTR_NO_ARRANGEMENTS", "W_ATR_NO_ARRANGEMENTS"]
    assert codes({**answers, "requirements_considered": ["mhtr"]}) == [
        "W_MHTR_NO_ARRANGEMENTS"]


def test_dependence_with_a_high_measure_needs_no_other_evidence():
    answers = {**full_answers(), "alcohol_dependence_evidence": None}
    assert codes(answers) == []  # AUDIT 28: possible dependence
    assert codes({**answers, **LOW_AUDIT, "sadq_total": 20}) == []  # SADQ moderate
    low = ["W_ALCOHOL_DEPENDENCE_UNSUPPORTED"]
    assert codes({**answers, **LOW_AUDIT, "sadq_total": 15}) == low
    assert codes({**answers, **LOW_AUDIT}) == low  # the one measure recorded is low
    no_measures = {k: v for k, v in answers.items() if not k.startswith("audit_")}
    assert codes(no_measures) == []  # nothing recorded to contradict it


def test_period_limits_by_order_type():
    state = InterviewState(BUNDLE, full_answers(sentence_indicated="suspended_sentence_order",
                                                sso_supervision_months=6))
    [warning] = state.warnings
    assert warning.code == "W_PERIOD_LIMIT" and warning.questions == ("atr_period_months",)
    assert warning.text() == ("ATR: the proposed period (9 months) is longer than a suspended "
                              "sentence order allows (6 months).")
    assert warning.text("cy") == ("ATR: mae'r cyfnod arfaethedig (9 mis) yn hwy nag y mae "
                                  "gorchymyn dedfryd ohiriedig yn ei ganiatáu (6 mis).")
    assert codes(full_answers(sentence_indicated="suspended_sentence_order",
                              sso_supervision_months=12)) == []
    # Without the supervision period, the outer limit (3 years, [UNCERTAIN]) applies.
    assert codes(full_answers(sentence_indicated="suspended_sentence_order",
                              atr_period_months=37)) == ["W_PERIOD_LIMIT"]
    # No order indicated: no limit to test against.
    assert codes(full_answers(sentence_indicated="not_indicated", atr_period_months=50)) == []
    one = InterviewState(BUNDLE, full_answers(sentence_indicated="suspended_sentence_order",
                                              sso_supervision_months=1))
    assert "(1 month)" in one.warnings[0].text() and "months)." not in one.warnings[0].text()


def test_the_uncertain_limit_is_marked_in_the_data():
    limits = BUNDLE.criteria.period_limits
    sso = next(o for o in limits.orders if o.order == "suspended_sentence_order")
    co = next(o for o in limits.orders if o.order == "community_order")
    assert sso.uncertain and "not settled" in sso.uncertain["en"] and sso.uncertain["cy"]
    assert co.uncertain is None and co.max_months == 36


def test_a_declined_assessment_raises_no_warnings():
    answers = full_answers(consent_assessment="no", plea="not_yet", sentence_indicated="custody")
    assert codes(answers) == []


def test_warnings_are_still_needed_and_named_on_the_draft_and_the_card():
    state = InterviewState(BUNDLE, full_answers(sentence_indicated="custody"))
    assert "sentence_indicated" in state.still_needed()
    assert state.not_final()[-1].startswith("W_CUSTODY_INDICATED: The court has indicated")
    snap = snapshot(full_answers(sentence_indicated="custody"))
    text = " ".join(pdf_text(render_card(snap)).split())
    assert "Open warnings" in text and "The court has indicated immediate custody" in text


def test_an_open_warning_refuses_a_countersignature(fresh_store, bundle):
    folder = fresh_store(TEAM)
    with Store.open(folder, "sam", "assessor password", kdf=FAST_KDF_FOR_TESTS) as sam:
        a = sam.create_assessment(bundle, "CF-1")
        sam.import_answers(bundle, a, full_answers(sentence_indicated="custody"))
        sam.submit_for_review(a)
    with Store.open(folder, "rita", "reviewer password", kdf=FAST_KDF_FOR_TESTS) as rita:
        with pytest.raises(LifecycleError, match=r"not final \(W_CUSTODY_INDICATED: The court "
                                                 r"has indicated immediate custody"):
            rita.countersign(a, "reviewer password")
        rita.request_changes(a, "Custody was indicated: check.")
    with Store.open(folder, "sam", "assessor password", kdf=FAST_KDF_FOR_TESTS) as sam:
        sam.save_answer(bundle, a, "sentence_indicated", "community_order")
        sam.submit_for_review(a)
    with Store.open(folder, "rita", "reviewer password", kdf=FAST_KDF_FOR_TESTS) as rita:
        assert rita.countersign(a, "reviewer password")["status"] == "approved"
