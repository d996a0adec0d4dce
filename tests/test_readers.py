"""Each reader's copy: the court's holds only what the court needs and the person agreed
to share; a copy without its consent is a notice (the court) or refused (the others); a
declined assessment says no assessment took place. Every copy is read back from the PDF."""

from __future__ import annotations

import json

import pytest
from support.cli import one_line_error, run
from support.paths import EXAMPLES
from support.reporting import APPROVED, full_answers, pages, pdf_text, reader, snapshot, squash

from cstr_desktop.form_loader import load_bundle
from cstr_desktop.interview import InterviewState
from cstr_desktop.readers import CopyRefused, copy_contents, copy_plan
from reports.court_report import render
from reports.snapshot import ReportContext, verification_code
from reports.summary_card import render_card

# Detailed history and identifiers the court does not need, each written so that it can be
# found in a PDF's text.
DETAIL = {
    "nhs_number": "943 476 5919",
    "gp_registered": "yes",
    "gp_details": "Llandaff North Surgery",
    "mh_history": "Admitted to Whitchurch Hospital in 2015 after an overdose.",
    "diagnosis": "Emotionally unstable personality disorder",
    "diagnosis_source": ["records_seen"],
    "trauma_history": "Witnessed violence at home as a child; a violent partner until 2021.",
    "physical_health": "Epilepsy, controlled by medication.",
    "medication": "Sertraline 100 mg daily.",
    "social_circumstances": "Sofa-surfing with her sister since October.",
    "drug_use": "yes", "drug_substances": ["cannabis"], "injecting": "yes",
    "injecting_details": "Last injected in 2019; shared equipment then.",
    "bbv_notes": "Hepatitis C treated in 2020.",
    "risk_from_others": "Her former partner has been released and has made threats.",
    "risk_to_self": "Overdose in 2019 when drinking; no current plans.",
}
SECRETS = {name: value for name, value in DETAIL.items()
           if isinstance(value, str) and len(value) > 10}
CLINICAL = {name: value for name, value in SECRETS.items()
            if name not in ("nhs_number", "gp_details")}


def answers(**extra) -> dict:
    return full_answers(**DETAIL, **extra)


def text_of(snap) -> str:
    return " ".join(pdf_text(render(snap)).split())


def found(text: str, value: str) -> bool:
    return squash(value) in squash(text)


def test_the_court_copy_holds_no_nhs_number_gp_or_detailed_history():
    text = text_of(snapshot(answers(), reader="court"))
    for name, value in SECRETS.items():
        assert not found(text, value), name
    assert "NHS number" not in text and "GP practice" not in text
    # What the court does need is there: the summary of needs, the opinion with its reasons,
    # the arrangements, willingness and the recommendation.
    for value in (full_answers()["needs_summary_court"], full_answers()["mh_hospital_reason"],
                  "Dr Eleri Hughes", full_answers()["willingness_own_words"],
                  full_answers()["recommendation_summary"]):
        assert found(text, value), value
    assert "Copy for the court" in text


@pytest.mark.parametrize("who", ["probation", "provider"])
def test_the_fuller_copies_hold_the_history(who):
    text = text_of(snapshot(answers(), reader=who))
    for name in ("mh_history", "trauma_history", "risk_from_others", "diagnosis"):
        assert found(text, DETAIL[name]), name
    assert found(text, "943 476 5919")
    # Physical health, injecting and blood-borne viruses are for the provider alone.
    for name in ("physical_health", "injecting_details", "bbv_notes"):
        assert found(text, DETAIL[name]) == (who == "provider"), name


def test_each_copy_names_its_reader_on_every_page_and_has_its_own_code():
    codes = set()
    for who, title in (("court", "Copy for the court"),
                       ("probation", "Copy for the Probation Service"),
                       ("provider", "Copy for the treatment provider")):
        snap = snapshot(answers(), context=APPROVED, reader=who)
        pdf = render(snap)
        assert all(title in page for page in pages(pdf)), who
        code = verification_code(snap)
        assert code in pdf_text(pdf)
        codes.add(code)
    assert len(codes) == 3


@pytest.mark.parametrize(("consent", "says"), [
    ("no", "did not agree to the assessment being shared with the court"),
    (None, "agreement to the assessment being shared with the court has not been recorded"),
])
def test_without_court_consent_the_court_copy_is_a_one_page_notice(consent, says):
    given = answers(phq9_9=2)
    if consent is None:
        given.pop("consent_share_court")
    else:
        given["consent_share_court"] = consent
    snap = snapshot(given, context=APPROVED, reader="court")
    pdf = render(snap)
    assert len(reader(pdf).pages) == 1
    text = " ".join(pdf_text(pdf).split())
    assert "Notice: this assessment cannot be shared with the court" in text
    assert says in text
    assert verification_code(snap) in text  # a countersigned notice is still checkable
    # No scores, answers or opinion.
    for absent in ("PHQ-9", "AUDIT", "Moderate", "Met", "criteria", "Theft from a shop",
                   "Suitable", full_answers()["willingness_own_words"][:30],
                   "Risk to self", *SECRETS.values()):
        assert absent not in text, absent
    assert "Siân Thị Minh Nguyễn-O'Brien" in text and "CF-2026-0101" in text
    # The summary card likewise.
    card = " ".join(pdf_text(render_card(snap)).split())
    assert "Notice: this assessment cannot be shared with the court" in card
    assert "PHQ-9" not in card and "Recommended" not in card


@pytest.mark.parametrize("who", ["probation", "provider"])
def test_a_copy_for_probation_or_the_provider_needs_their_consent(who):
    consent = f"consent_share_{who}"
    with pytest.raises(CopyRefused, match=f"{consent} is answered 'no', not 'yes'"):
        snapshot(answers(**{consent: "no"}), reader=who)
    given = answers()
    given.pop(consent)
    with pytest.raises(CopyRefused, match=f"{consent} is not answered"):
        snapshot(given, reader=who)


def test_a_declined_assessment_says_no_assessment_took_place_and_nothing_reads_met():
    given = answers(consent_assessment="no")
    for who in ("court", "probation"):
        snap = snapshot(given, context=APPROVED, reader=who)
        assert snap["copy"] == "declined" and snap["requirements"] == []
        text = text_of(snap)
        assert "No assessment took place" in text
        assert "no opinion is given on the statutory criteria" in text
        for absent in ("criteria met", "Met", "PHQ-9", "Moderate", "Suitable",
                       *CLINICAL.values()):
            assert absent not in text, (who, absent)
        card = " ".join(pdf_text(render_card(snap)).split())
        assert "No assessment took place" in card and "criteria met" not in card
    # What the person said is in the copies for those they agreed to share with.
    words = full_answers()["willingness_own_words"]
    assert found(text_of(snapshot(given, reader="probation")), words)


def test_what_the_person_asked_not_to_share_is_left_out_of_the_copies_named():
    given = answers(consent_share_notes="Not her trauma, and not her PHQ-9, to the court.",
                    withheld_from_court=["trauma_history", "phq9"],
                    withheld_from_probation=["diagnosis"],
                    withheld_from_provider=["mental_health"])
    court = snapshot(given, reader="court")
    assert "phq9" not in [m["id"] for m in court["measures"]]
    assert court["withheld"] is True
    assert "left out of this copy at the person's request" in text_of(court)
    probation = snapshot(given, reader="probation")
    probation_text = text_of(probation)
    assert found(probation_text, DETAIL["trauma_history"])
    assert "phq9" in [m["id"] for m in probation["measures"]]
    assert not found(probation_text, DETAIL["diagnosis"])
    provider = text_of(snapshot(given, reader="provider"))
    for name in ("mh_history", "trauma_history", "diagnosis", "medication", "physical_health"):
        assert not found(provider, DETAIL[name]), name
    assert found(provider, DETAIL["injecting_details"])  # not covered by what was withheld
    # A question asked only because of a withheld answer goes with it: the diagnoses'
    # source is asked only when there are diagnoses.
    state = InterviewState(load_bundle(), given)
    plan = copy_plan(state, "probation")
    assert {"diagnosis", "diagnosis_source"} <= set(plan.withheld)
    assert not {"diagnosis", "diagnosis_source"} & set(plan.questions)
    # The app lists what each copy leaves out.
    contents = copy_contents(state, "court")
    assert contents.withheld == ("PHQ-9",)  # the court never sees the trauma history
    assert {"NHS number (if known)", "Experience of trauma"} <= set(contents.not_for_reader)
    assert copy_contents(state, "probation").withheld == ("Diagnoses, if any",
                                                          "Where the diagnoses come from")


def test_every_question_of_the_form_says_which_readers_see_it():
    bundle = load_bundle()
    court = {name for name in bundle.questions if "court" in bundle.readers_of(name)}
    for name in ("nhs_number", "gp_details", "mh_history", "trauma_history", "physical_health",
                 "bbv_notes", "risk_from_others", "injecting_details", "consent_share_notes",
                 "withheld_from_court"):
        assert name not in court, name
    for name in ("offence_main", "needs_summary_court", "mh_requires_treatment_reason",
                 "mhtr_director_name", "willingness_own_words", "recommendation_summary",
                 "sources_of_information", "phq9_1"):
        assert name in court, name
    # What was marked as not to be shared is printed in no copy at all.
    assert bundle.readers_of("withheld_from_probation") == ()


def test_report_for_each_reader_on_the_command_line(tmp_path):
    example = json.loads((EXAMPLES / "example_mhtr_atr_dual.json").read_text())
    path = tmp_path / "a.json"
    path.write_text(json.dumps(example), encoding="utf-8")
    out = tmp_path / "court.pdf"
    proc = run("report", str(path), "--out", str(out))  # the court's copy by default
    assert proc.returncode == 0, proc.stderr
    assert "the copy for the court (DRAFT)" in proc.stdout
    assert "Copy for the court" in pdf_text(out.read_bytes())
    proc = run("report", str(path), "--for", "probation", "--out", str(tmp_path / "p.pdf"))
    assert proc.returncode == 0 and "Copy for the Probation Service" in pdf_text(
        (tmp_path / "p.pdf").read_bytes())
    # The example has no answer to consent_share_provider: refused, naming it, no file.
    err = one_line_error(run("report", str(path), "--for", "provider", "--out",
                             str(tmp_path / "v.pdf")), 2)
    assert "no copy for the treatment provider: consent_share_provider is not answered" in err
    assert not (tmp_path / "v.pdf").exists()
    example["answers"]["consent_share_court"] = "no"
    path.write_text(json.dumps(example), encoding="utf-8")
    proc = run("report", str(path), "--out", str(out))
    assert proc.returncode == 0 and "a notice: no consent to share" in proc.stdout
    assert len(reader(out.read_bytes()).pages) == 1


def test_the_marking_is_official_sensitive_and_welsh_on_welsh_pages():
    assert "OFFICIAL-SENSITIVE" in pages(render(snapshot()))[0]
    welsh = pages(render(snapshot(lang="cy")))[0]
    assert "SWYDDOGOL-SENSITIF" in welsh and "OFFICIAL-SENSITIVE" not in welsh
    both = pdf_text(render(snapshot(lang="both")))
    assert "OFFICIAL-SENSITIVE / SWYDDOGOL-SENSITIF" in both
    official = pdf_text(render(snapshot(context=ReportContext(marking="OFFICIAL"), lang="cy")))
    assert "SWYDDOGOL" in official and "SENSITIF" not in official
