"""The interview's side panel: live scores, alerts and the criteria still open."""

from __future__ import annotations

from cstr_desktop.interview import InterviewState
from ui.side_panel import SidePanel


def panel_text(qtbot, bundle, answers, lang="en") -> str:
    panel = SidePanel(lang)
    qtbot.addWidget(panel)
    panel.show_state(InterviewState(bundle, answers))
    return panel.text()


def test_gates_are_listed_once_not_under_every_requirement(qtbot, bundle):
    text = panel_text(qtbot, bundle, {})
    assert text.count("Convicted (pleaded guilty or found guilty)") == 1
    assert "For every requirement" in text
    for req in ("MHTR", "DRR", "ATR"):
        assert f"… {req}</b>: not all answered" in text
    assert "Not considered" not in text


def test_requirements_not_considered_are_named_once_without_their_criteria(qtbot, bundle):
    text = panel_text(qtbot, bundle, {"requirements_considered": ["mhtr"]})
    assert "Not considered: DRR, ATR" in text
    assert "MHTR</b>" in text and "DRR</b>" not in text
    assert "Dependent on, or has a propensity to misuse" not in text


def test_an_unmet_gate_shows_in_red_and_every_requirement_is_not_met(qtbot, bundle):
    text = panel_text(qtbot, bundle, {"convicted": "no", "requirements_considered": ["atr"]})
    assert "color:#8b1e1e'>✘ Convicted" in text
    assert "✘ ATR</b>: not met" in text


def test_met_gates_drop_out_of_the_panel(qtbot, bundle):
    answers = {"convicted": "yes", "offence_imprisonable": "yes", "capacity_to_consent": "yes",
               "person_dob": "1990-01-01", "hearing_date": "2026-11-25"}
    text = panel_text(qtbot, bundle, answers)
    assert "For every requirement" not in text and "Convicted" not in text


def test_welsh_panel(qtbot, bundle):
    text = panel_text(qtbot, bundle, {"requirements_considered": ["drr"]}, lang="cy")
    assert "Ar gyfer pob gofyniad" in text and "Heb eu hystyried: MHTR, ATR" in text


def test_open_warnings_and_period_limits_are_shown(qtbot, bundle):
    from support.reporting import full_answers

    text = panel_text(qtbot, bundle, full_answers(sentence_indicated="custody"))
    assert "Warnings" in text and "⚠ The court has indicated immediate custody" in text
    assert "cannot be countersigned while a warning is open" in text
    text = panel_text(qtbot, bundle, full_answers(sentence_indicated="suspended_sentence_order"))
    assert "Period limits" in text and "Suspended sentence order: within the order's " \
                                      "supervision period" in text
    assert "[UNCERTAIN]" in text and "not settled" in text
    assert "Community order" not in text  # the order indicated, only
    text = panel_text(qtbot, bundle, full_answers(sentence_indicated="not_indicated"))
    assert "Community order: at most 3 years" in text and "[UNCERTAIN]" in text
    welsh = panel_text(qtbot, bundle, full_answers(sentence_indicated="custody"), lang="cy")
    assert "Rhybuddion" in welsh and "[ANSICR]" in welsh


def test_a_declined_assessment_shows_no_criteria(qtbot, bundle):
    text = panel_text(qtbot, bundle, {"consent_assessment": "no"})
    assert "The person declined the assessment: no assessment takes place" in text
    assert "For every requirement" not in text and "MHTR" not in text


def test_capacity_is_shown_as_good_practice_and_scores_as_screening(qtbot, bundle):
    text = panel_text(qtbot, bundle, {"capacity_to_consent": "no", "phq9_1": 1})
    assert "Has capacity to consent (Good practice under the Mental Capacity Act 2005" in text
    assert "Screening scores, not diagnoses." in text
