"""What version 2 of the forms prints: the instruments' corrections, the summary card's
recommendations, capacity as good practice, Welsh words and plurals, the arrangements of
each requirement, and the plain-text summary of ``assess``."""

from __future__ import annotations

import json

from support.cli import cstr_desktop
from support.paths import EXAMPLES
from support.reporting import APPROVED, full_answers, pdf_text, snapshot

from cstr_desktop.form_loader import load_bundle
from cstr_desktop.interview import InterviewState
from reports.court_report import render
from reports.summary_card import render_card

BUNDLE = load_bundle()


def text(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf).split())


def measure(snap: dict, ident: str) -> dict:
    return next(m for m in snap["measures"] if m["id"] == ident)


def test_sadq_under_16_reads_mild_or_no_physical_dependence():
    state = InterviewState(BUNDLE, {"sadq_total": 15})
    assert state.scores["sadq"].band.label["en"] == "Mild or no physical dependence"
    assert InterviewState(load_bundle(version=1), {"sadq_total": 15}).scores[
        "sadq"].band.label["en"] == "Mild"


def test_ldq_says_which_substance_and_uses_the_publishers_bands():
    snap = snapshot(full_answers(ldq_total=14, ldq_substance="opioids"), reader="probation")
    ldq = measure(snap, "ldq")
    assert ldq["subject"] == {"en": "Heroin or other opioids"}
    assert ldq["band"] == {"en": "Moderate dependence"}
    assert "LDQ (Heroin or other opioids) 14 / 30 Moderate dependence" in text(render(snap))


def test_core10_item_6_raises_the_risk_alert():
    state = InterviewState(BUNDLE, full_answers(core10_total=18, core10_6=1))
    assert [a.id for a in state.alerts] == ["core10_item6_positive"]
    assert "core10_item6_positive" in state.result()["alerts"]
    court = snapshot(full_answers(core10_total=18, core10_6=2, current_thoughts_self_harm="no"))
    assert court["risk_statement"]["en"].startswith("Risk to self was identified")
    assert InterviewState(BUNDLE, full_answers(core10_6=0)).alerts == []


def test_every_copy_says_a_score_is_a_screening_score_not_a_diagnosis():
    for who in ("court", "probation", "provider"):
        printed = text(render(snapshot(reader=who)))
        assert "Each score is a screening score, not a diagnosis." in printed, who
        assert "Band (a screening score, not a diagnosis)" in printed
    welsh = text(render(snapshot(lang="cy")))
    assert "Sgôr sgrinio yw pob sgôr, nid diagnosis." in welsh


def test_a_diagnosis_is_recorded_with_its_source():
    state = InterviewState(BUNDLE, full_answers(diagnosis="Depression (GP records)"))
    assert "diagnosis_source" in state.missing_required()
    snap = snapshot(full_answers(diagnosis="Recurrent depression",
                                 diagnosis_source=["records_seen", "own_account"]),
                    reader="probation")
    printed = text(render(snap))
    assert "Where the diagnoses come from Records seen (GP or mental health records); The " \
           "person's own account" in printed


def test_the_audit_version_used_is_named_on_the_report():
    assert "AUDIT UK version (units) 28 / 40" in text(render(snapshot()))


def test_the_asked_in_english_note_only_when_it_was_asked_in_english():
    welsh_choice = full_answers(language_preference="cy")
    asked_english = measure(snapshot(welsh_choice, lang="cy"), "phq9")
    assert asked_english["translation_note"] == {"cy": "Nid oes cyfieithiad Cymraeg dilys ar "
                                                       "gael."}
    assert asked_english["asked_in"] == {"cy": "Gofynnwyd yn Saesneg"}
    asked_welsh = measure(snapshot({**welsh_choice, "phq9_language": "cy"}, lang="cy"), "phq9")
    assert asked_welsh["translation_note"] is None
    assert asked_welsh["asked_in"]["cy"].startswith("Gofynnwyd yn Gymraeg")
    # An English report for someone who chose English: no note at all.
    assert measure(snapshot(), "phq9")["translation_note"] is None
    # Not recorded: no claim either way.
    unrecorded = {k: v for k, v in welsh_choice.items() if k != "gad7_language"}
    assert measure(snapshot(unrecorded, lang="cy"), "gad7")["translation_note"] is None


def test_welsh_band_names_capacity_and_plurals():
    assert InterviewState(BUNDLE, {f"gad7_{i}": 0 for i in range(1, 8)}).scores[
        "gad7"].band.label["cy"] == "Ychydig iawn"
    welsh = text(render(snapshot(lang="cy")))
    assert "Mae ganddo/ganddi alluedd i gydsynio" in welsh
    assert "gallu i gydsynio" not in welsh
    one = snapshot(full_answers(mhtr_period_months=1), lang="both")
    item = next(i for part in one["parts"] for i in part["items"]
                if i["name"] == "mhtr_period_months")
    assert item["answer"] == {"en": "1 month", "cy": "1 mis"}
    nine = next(i for part in snapshot(lang="both")["parts"] for i in part["items"]
                if i["name"] == "atr_period_months")
    assert nine["answer"] == {"en": "9 months", "cy": "9 mis"}


def test_capacity_is_labelled_good_practice_not_a_schedule_9_condition():
    printed = text(render(snapshot()))
    assert ("Has capacity to consent (Good practice under the Mental Capacity Act 2005, not a "
            "condition of Schedule 9)") in printed
    gate = next(g for g in BUNDLE.criteria.gates if g.id == "capacity_to_consent")
    assert "Mental Capacity Act 2005" in gate.source["en"]


def test_each_requirement_has_its_own_arrangements():
    snap = snapshot(reader="court")
    mhtr, atr = snap["requirements"]
    names = [i["name"] for i in mhtr["arrangements"]]
    assert names[:5] == ["mhtr_provider", "mhtr_director_name", "mhtr_director_role",
                         "mhtr_director_body", "mhtr_director_registration"]
    assert "mh_treatment_mode" in names and "mhtr_supervising_psychologist" in names
    assert [i["name"] for i in atr["arrangements"]][0] == "atr_provider"
    printed = text(render(snap))
    assert "Mental Health Treatment Requirement (MHTR) Treatment provider Primary Care MHTR " \
           "Service (demo)" in printed
    assert "Treatment mode Institution-based treatment" in printed


def test_the_summary_card_lists_what_is_recommended():
    card = text(render_card(snapshot(context=APPROVED)))
    assert "Recommended ✔ Mental Health Treatment Requirement (MHTR) Suitable · 6 months ✔ " \
           "Alcohol Treatment Requirement (ATR) Suitable · 9 months" in card
    assert "DRR" not in card  # not considered: not listed
    # Eligible is not recommended: only what the recommendation section says.
    partly = text(render_card(snapshot(full_answers(recommendation_atr="not_suitable"))))
    assert "Alcohol Treatment Requirement (ATR) Suitable" not in partly
    assert "Considered, not recommended: ATR (Not suitable)" in partly
    none = text(render_card(snapshot(full_answers(recommendation_mhtr=None,
                                                  recommendation_atr=None))))
    assert "No treatment requirement is recommended." in none
    first = text(render_card(snapshot(full_answers(mhtr_first_appointment_date="2026-12-02",
                                                   mhtr_first_appointment_time="10:00"))))
    assert "MHTR 2 December 2026 · 10:00" in first


def test_assess_lists_only_the_requirements_considered(tmp_path):
    example = json.loads((EXAMPLES / "example_mhtr_primary.json").read_text())
    example["answers"]["requirements_considered"] = ["mhtr"]
    path = tmp_path / "a.json"
    path.write_text(json.dumps(example), encoding="utf-8")
    out = cstr_desktop("assess", str(path)).stdout
    assert "Mental Health Treatment Requirement (MHTR): eligible" in out
    assert "Drug Rehabilitation Requirement" not in out and "Alcohol Treatment" not in out
    assert "Not considered: DRR, ATR" in out
    assert "(screening scores, not diagnoses)" in out
    declined = cstr_desktop("assess", str(EXAMPLES / "declined.json")).stdout
    assert "declined the assessment: no assessment took place" in declined
    assert "eligible" not in declined and "[  met  ]" not in declined
