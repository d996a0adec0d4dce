"""Every shipped form file loads, and the interview keeps the contract's ids and wording."""

from __future__ import annotations

import pytest
import yaml
from support.paths import ROOT

from cstr_desktop.form_loader import FormLibrary, parse_document
from cstr_desktop.form_schema import NoteQuestion

FORMS = ROOT / "forms"
SHIPPED = sorted(p.relative_to(FORMS).as_posix() for p in FORMS.rglob("*.yaml"))


def test_there_are_shipped_files():
    assert {"interview/cstr_court_day.v1.yaml", "instruments/phq9.v1.yaml",
            "instruments/gad7.v1.yaml", "instruments/audit.v1.yaml",
            "criteria/cstr_criteria.v1.yaml", "choices/common.v1.yaml"} <= set(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_each_shipped_file_parses(name):
    doc = parse_document((FORMS / name).read_text(encoding="utf-8"), name)
    assert doc.id and doc.version >= 1
    # The file name says the id and version, so old versions sit beside new ones.
    assert name.split("/")[-1] == f"{doc.id}.v{doc.version}.yaml"


def test_the_library_loads_and_resolves_every_form():
    library = FormLibrary.load(FORMS)
    forms = library.documents("form")
    assert sorted((f.id, f.version) for f in forms) == [("cstr_court_day", 1),
                                                         ("cstr_court_day", 2)]
    for form in forms:
        assert library.bundle(form.id, form.version).questions


CONTRACT_TYPES = {
    **{n: "text" for n in ("person_family_name", "person_given_names", "court_name",
                           "courtroom", "case_number", "pnc_id", "crn", "nhs_number")},
    "person_dob": "date", "hearing_date": "date", "language_preference": "single_choice",
    **{n: "yes_no" for n in (
        "interpreter_used", "convicted", "offence_imprisonable", "capacity_to_consent",
        "consent_assessment", "consent_share_court", "consent_share_probation",
        "consent_share_gp", "consent_share_provider", "mh_requires_treatment",
        "mh_susceptible_to_treatment", "mh_warrants_hospital_or_guardianship",
        "mh_arrangements_made", "willing_mhtr", "drug_dependent_or_propensity",
        "drug_requires_and_susceptible", "drug_arrangements_made", "drr_probation_recommends",
        "willing_drr", "alcohol_dependent", "alcohol_requires_and_susceptible",
        "alcohol_arrangements_made", "willing_atr")},
    "mh_care_level": "single_choice",
    "drr_period_months": "integer", "atr_period_months": "integer",
    **{f"phq9_{i}": "single_choice" for i in range(1, 10)}, "phq9_difficulty": "single_choice",
    **{f"gad7_{i}": "single_choice" for i in range(1, 8)},
    "audit_version": "single_choice", **{f"audit_{i}": "single_choice" for i in range(1, 11)},
    "sadq_total": "integer", "ldq_total": "integer", "dast10_total": "integer",
    "core10_total": "integer",
}


def test_contract_item_ids_and_types(bundle):
    assert {n: bundle.questions[n].type for n in CONTRACT_TYPES if n in bundle.questions} == \
        CONTRACT_TYPES


@pytest.mark.parametrize(("name", "values"), [
    ("language_preference", ["en", "cy"]), ("mh_care_level", ["primary", "secondary"]),
    ("audit_version", ["who", "uk"]), ("phq9_1", [0, 1, 2, 3]), ("phq9_difficulty", [0, 1, 2, 3]),
    ("gad7_7", [0, 1, 2, 3]), ("audit_8", [0, 1, 2, 3, 4]), ("audit_9", [0, 2, 4]),
    ("audit_10", [0, 2, 4])])
def test_contract_values(bundle, name, values):
    assert [c.value for c in bundle.choices(bundle.questions[name])] == values


@pytest.mark.parametrize(("name", "high"), [("sadq_total", 60), ("ldq_total", 30),
                                           ("dast10_total", 10), ("core10_total", 40)])
def test_score_only_ranges(bundle, name, high):
    q = bundle.questions[name]
    assert (q.min, q.max) == (0, high)


PHQ9 = [
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your "
    "family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
    "being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
]
GAD7 = [
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid, as if something awful might happen",
]
AUDIT_WHO = [
    "How often do you have a drink containing alcohol?",
    "How many drinks containing alcohol do you have on a typical day when you are drinking?",
    "How often do you have six or more drinks on one occasion?",
    "How often during the last year have you found that you were not able to stop drinking "
    "once you had started?",
    "How often during the last year have you failed to do what was normally expected from "
    "you because of drinking?",
    "How often during the last year have you needed a first drink in the morning to get "
    "yourself going after a heavy drinking session?",
    "How often during the last year have you had a feeling of guilt or remorse after drinking?",
    "How often during the last year have you been unable to remember what happened the night "
    "before because you had been drinking?",
    "Have you or someone else been injured as a result of your drinking?",
    "Has a relative or friend or a doctor or another health worker been concerned about your "
    "drinking or suggested you cut down?",
]
FREQUENCY = ["Not at all", "Several days", "More than half the days", "Nearly every day"]


def test_phq9_exact_wording(bundle):
    inst = bundle.instruments["phq9"]
    assert [bundle.questions[f"phq9_{i}"].label["en"] for i in range(1, 10)] == PHQ9
    assert inst.stem["en"] == ("Over the last 2 weeks, how often have you been bothered by any "
                               "of the following problems?")
    assert [c.label["en"] for c in bundle.choices(bundle.questions["phq9_1"])] == FREQUENCY
    assert "No permission required to reproduce" in inst.attribution["en"]


def test_gad7_exact_wording_and_not_at_all(bundle):
    assert [bundle.questions[f"gad7_{i}"].label["en"] for i in range(1, 8)] == GAD7
    labels = [c.label["en"] for c in bundle.choices(bundle.questions["gad7_1"])]
    assert labels == FREQUENCY and "Not at all sure" not in labels


def test_audit_exact_who_wording(bundle):
    assert [bundle.questions[f"audit_{i}"].label["en"] for i in range(1, 11)] == AUDIT_WHO
    assert [c.label["en"] for c in bundle.choices(bundle.questions["audit_9"])] == [
        "No", "Yes, but not in the last year", "Yes, during the last year"]
    assert "not for sale" in bundle.instruments["audit"].licence["en"]


def test_validated_instruments_carry_no_machine_welsh(bundle):
    for ident in ("phq9", "gad7", "audit"):
        inst = bundle.instruments[ident]
        scored = set(inst.scoring.items)
        for q in inst.questions:
            if q.name in scored:
                assert "cy" not in q.label, q.name
        assert "cy" in inst.translation_note


def _english_without_welsh(node, path=""):
    if isinstance(node, dict):
        if isinstance(node.get("en"), str) and "cy" not in node:
            yield path
        for key, value in node.items():
            yield from _english_without_welsh(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _english_without_welsh(value, f"{path}[{i}]")


@pytest.mark.parametrize("name", ["interview/cstr_court_day.v1.yaml", "choices/common.v1.yaml",
                                  "criteria/cstr_criteria.v1.yaml"])
def test_interview_wording_has_welsh(name):
    data = yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))
    assert list(_english_without_welsh(data)) == []


def test_notes_are_never_required(bundle):
    assert not [q.name for q in bundle.questions.values()
                if isinstance(q, NoteQuestion) and q.required]


def test_the_item9_alert_points_at_the_immediate_actions(bundle):
    alert = bundle.instruments["phq9"].alerts[0]
    assert (alert.id, alert.action_question) == ("phq9_item9_positive", "immediate_actions")
    assert bundle.section_of["immediate_actions"] == "risk_safety"


@pytest.mark.parametrize(("name", "yes", "no"), [
    ("convicted", "Ydy", "Nac ydy"),              # A yw'r unigolyn wedi'i gollfarnu?
    ("interpreter_used", "Oes", "Nac oes"),       # A oes cyfieithydd yn cael ei ddefnyddio?
    ("capacity_to_consent", "Oes", "Nac oes"),    # A oes gan yr unigolyn alluedd...?
    ("mh_arrangements_made", "Oes", "Nac oes"),   # A oes trefniadau wedi'u gwneud...?
    ("offence_imprisonable", "Gellir", "Na ellir"),          # A ellir cosbi'r drosedd...?
    ("mh_susceptible_to_treatment", "Gallai", "Na allai"),   # A allai'r cyflwr ymateb...?
])
def test_welsh_yes_no_answers_use_the_questions_verb(bundle, name, yes, no):
    q = bundle.questions[name]
    assert [c.label["cy"] for c in bundle.choices(q)] == [yes, no]
    assert [c.label["en"] for c in bundle.choices(q)] == ["Yes", "No"]
    # The answer word agrees with the verb the Welsh question opens with.
    opening = {"Oes": "A oes", "Gellir": "A ellir", "Gallai": "A allai", "Ydy": "A yw"}[yes]
    assert q.label["cy"].startswith(opening)
