"""Visibility, completeness and progress of the court-day interview."""

from __future__ import annotations

from cstr_desktop.interview import InterviewState


def test_sections_follow_the_issue_order(bundle):
    assert [s.name for s in bundle.sections] == [
        "language", "consent_capacity", "person_listing", "offences", "mental_health",
        "substance_use", "phq9", "gad7", "audit", "score_only", "risk_safety", "needs_summary",
        "requirements", "mhtr_criteria", "drr_criteria", "atr_criteria", "mhtr_arrangements",
        "drr_arrangements", "atr_arrangements", "arrangements", "willingness",
        "consent_share", "recommendation", "sources"]


def test_show_if_hides_and_shows_live(bundle):
    state = InterviewState(bundle, {})
    assert not state.visible("interpreter_language")
    state = state.with_answer("interpreter_used", "yes")
    assert state.visible("interpreter_language")
    state = state.with_answer("interpreter_used", "no")
    assert not state.visible("interpreter_language")


def test_multi_choice_includes_condition(bundle):
    state = InterviewState(bundle, {"drug_use": "yes", "drug_substances": ["cannabis"]})
    assert state.visible("drug_substances") and not state.visible("drug_substances_other")
    state = state.with_answer("drug_substances", ["cannabis", "other"])
    assert state.visible("drug_substances_other")


def test_requirement_sections_follow_the_requirements_considered(bundle):
    state = InterviewState(bundle, {})
    # Until the assessor chooses, every requirement's criteria are offered.
    assert all(state.section_visible(s) for s in ("mhtr_criteria", "drr_criteria", "atr_criteria"))
    state = state.with_answer("requirements_considered", ["mhtr", "atr"])
    assert state.section_visible("mhtr_criteria") and state.section_visible("atr_criteria")
    assert not state.section_visible("drr_criteria")
    assert not state.visible("drug_dependent_or_propensity")
    assert not state.visible("willing_drr") and state.visible("willing_mhtr")
    assert state.visible("atr_period_months") and not state.visible("drr_period_months")


def test_considered_requirements_follow_the_criteria_files_question(bundle):
    state = InterviewState(bundle, {})
    assert state.considered == ("mhtr", "drr", "atr")
    # Criteria-file order, whatever order the assessor ticked them in.
    state = state.with_answer("requirements_considered", ["atr", "mhtr"])
    assert state.considered == ("mhtr", "atr")
    state = state.with_answer("requirements_considered", [])
    assert state.considered == ()
    # The result of assess still reports every requirement.
    assert set(state.result()["requirements"]) == {"mhtr", "drr", "atr"}


def test_hidden_answers_are_kept_but_not_shown(bundle):
    state = InterviewState(bundle, {"interpreter_used": "yes", "interpreter_language": "Polish"})
    assert state.shown_answers()["interpreter_language"] == "Polish"
    state = state.with_answer("interpreter_used", "no")
    assert state.answers["interpreter_language"] == "Polish"
    assert "interpreter_language" not in state.shown_answers()


def test_missing_required_in_form_order_and_excludes_hidden(bundle):
    state = InterviewState(bundle, {})
    missing = state.missing_required()
    assert missing[:3] == ["language_preference", "interpreter_used", "consent_assessment"]
    assert "interpreter_language" not in missing        # hidden
    assert "language_offer_script" not in missing       # a note
    assert "phq9_difficulty" not in missing             # not required
    state = state.with_answer("language_preference", "cy")
    assert state.missing_required()[0] == "interpreter_used"


def test_skipped_audit_items_are_not_missing(bundle):
    state = InterviewState(bundle, {"audit_version": "uk", "audit_1": 0})
    audit = next(s for s in bundle.sections if s.name == "audit")
    assert state.section_status(audit).missing_required == ("audit_9", "audit_10")


def test_progress_counts_visible_answerable_questions(bundle):
    empty = InterviewState(bundle, {}).progress()
    assert empty.answered == 0 and empty.answerable > 100
    assert empty.required > 50 and empty.required_answered == 0
    state = InterviewState(bundle, {"language_preference": "en", "interpreter_used": "yes"})
    progress = state.progress()
    assert progress.answered == 2
    # Answering "yes" revealed the interpreter's language: one more to answer.
    assert progress.answerable == empty.answerable + 1
    assert progress.required_answered == 2


def test_section_completeness(bundle):
    language = bundle.sections[0]
    state = InterviewState(bundle, {"language_preference": "en"})
    status = state.section_status(language)
    assert (status.answered, status.answerable, status.missing_required, status.complete) == (
        1, 2, ("interpreter_used",), False)
    state = state.with_answer("interpreter_used", "no")
    assert state.section_status(language).complete


def test_with_answer_none_clears(bundle):
    state = InterviewState(bundle, {"convicted": "yes"}).with_answer("convicted", None)
    assert "convicted" not in state.answers


def test_welsh_labels_for_the_interview_and_english_for_instruments(bundle):
    state = InterviewState(bundle, {})
    assert state.label("person_family_name", "cy") != state.label("person_family_name", "en")
    # Validated instruments stay in English, whatever the language.
    assert state.label("phq9_1", "cy") == "Little interest or pleasure in doing things"


def test_example_interview_progress(bundle, example_answers):
    state = InterviewState(bundle, example_answers("example_mhtr_primary"))
    progress = state.progress()
    assert progress.answered == len(state.shown_answers())
    assert "consent_share_gp" in state.missing_required()


def _final(**changes):
    from support.reporting import full_answers

    answers = full_answers()
    for name, value in changes.items():
        if value is None:
            answers.pop(name, None)
        else:
            answers[name] = value
    return answers


def test_a_complete_opinion_has_no_open_findings(bundle):
    state = InterviewState(bundle, _final())
    assert state.open_findings == [] and state.still_needed() == []


def test_a_criterion_without_its_reason_is_open(bundle):
    state = InterviewState(bundle, _final(mh_susceptible_reason=None))
    [finding] = state.open_findings
    assert (finding.scope, finding.criterion.id, finding.missing, finding.question) == (
        "mhtr", "mh_susceptible_to_treatment", "reason", "mh_susceptible_reason")
    assert finding.describe() == ("MHTR: The condition may be susceptible to treatment "
                                  "(no reason given)")
    assert finding.describe("cy") == "MHTR: Gall y cyflwr ymateb i driniaeth (dim rheswm)"
    assert state.still_needed() == ["mh_susceptible_reason"]


def test_an_unanswered_criterion_of_a_requirement_considered_is_open(bundle):
    state = InterviewState(bundle, _final(alcohol_arrangements_made=None))
    assert [(f.scope, f.criterion.id, f.missing) for f in state.open_findings] == [
        ("atr", "alcohol_arrangements_made", "answer")]
    # A requirement not considered asks for nothing.
    state = InterviewState(bundle, _final(requirements_considered=["mhtr"],
                                          alcohol_arrangements_made=None))
    assert state.open_findings == []


def test_once_a_requirement_is_ruled_out_its_unanswered_criteria_do_not_matter(bundle):
    state = InterviewState(bundle, _final(alcohol_dependent="no",
                                          alcohol_requires_and_susceptible=None,
                                          alcohol_arrangements_made=None))
    assert state.requirements["atr"].status == "not_eligible"
    assert state.open_findings == []  # its reason was given
    state = InterviewState(bundle, _final(alcohol_dependent="no",
                                          alcohol_dependence_evidence=None,
                                          alcohol_arrangements_made=None))
    assert [(f.criterion.id, f.missing) for f in state.open_findings] == [
        ("alcohol_dependent", "reason")]


def test_a_failed_gate_rules_out_every_requirement(bundle):
    state = InterviewState(bundle, _final(convicted="no", offence_imprisonable=None,
                                          mh_arrangements_made=None))
    assert state.open_findings == []
