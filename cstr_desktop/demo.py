"""A demo store: demo accounts and a court day of fictional people.

Everything here is invented. The names cover Welsh, Irish, Vietnamese and
other spellings so that screens and reports can be seen handling them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from .court_list import ListedCase
from .form_loader import FormBundle
from .store import Store

DEMO_ACCOUNTS = (
    ("demo-admin", "admin", "demo-admin-password"),
    ("demo-assessor", "assessor", "demo-assessor-password"),
    ("demo-reviewer", "reviewer", "demo-reviewer-password"),
)

# Who the demo accounts are, as printed where they sign (fictional people and numbers).
DEMO_PROFILES = {
    "demo-assessor": {"full_name": "Rhiannon Price", "profession": "Mental health nurse",
                      "registration": "NMC 00A0000W",
                      "supervisor": "Dr Eleri Hughes, clinical psychologist (HCPC PYL00000)"},
    "demo-reviewer": {"full_name": "Tomos Evans", "profession": "Probation officer"},
}

PEOPLE = (
    # courtroom, time, case suffix, family name, given names, date of birth, offence
    ("1", "09:30", "0101", "Gwilym", "Siân Angharad", "1988-03-02", "Theft from a shop"),
    ("1", "10:00", "0102", "Nguyễn", "Thị Minh", "1995-07-19", "Possession of a class A drug"),
    ("2", "10:00", "0103", "O'Brien", "Seán Patrick", "1979-12-31", "Criminal damage"),
    ("2", "10:30", "0104", "Okonkwo", "Chidi", "1990-05-14", "Drink driving"),
    ("3", "11:00", "0105", "Llewellyn-Jones", "Dafydd", "2001-09-09", "Assault by beating"),
    ("3", "11:30", "0106", "Kowalczyk", "Zofia", "1984-01-27", "Breach of a restraining order"),
    ("1", "14:00", "0107", "Ahmed", "Yusuf", "1999-11-03", "Burglary (non-dwelling)"),
    ("2", "14:30", "0108", "Brown", "Kerry-Ann", "1975-04-30", "Theft"),
)

# The dual MHTR and ATR example, as a finished interview (one awaiting review, one approved).
DUAL = {
    "language_preference": "en", "interpreter_used": "no", "consent_assessment": "yes",
    "capacity_to_consent": "yes", "convicted": "yes", "offence_imprisonable": "yes",
    "plea": "guilty_plea", "referral_source": "liaison_diversion",
    "assessment_place": "court_cell", "offence_main": "Theft from a shop",
    "mh_current_presentation": "Low mood and poor sleep for about a year; drinking most days.",
    "alcohol_use": "yes", "drug_use": "no",
    **{f"phq9_{i}": v for i, v in enumerate([1, 2, 2, 2, 1, 1, 1, 0, 0], start=1)},
    **{f"gad7_{i}": v for i, v in enumerate([1, 1, 1, 1, 0, 1, 1], start=1)},
    "audit_version": "uk",
    **{f"audit_{i}": v for i, v in enumerate([4, 3, 3, 3, 2, 3, 2, 2, 2, 4], start=1)},
    "current_thoughts_self_harm": "no",
    "risk_to_self": "No current thoughts of self-harm; one overdose in 2019 when drinking. "
                    "Protective: her daughter, and work she hopes to return to.",
    "immediate_actions": ["none_needed"], "requirements_considered": ["mhtr", "atr"],
    "capacity_notes": "Understood the purpose of the assessment, weighed it up and "
                      "explained her decision in her own words.",
    "mh_requires_treatment": "yes",
    "mh_requires_treatment_reason": "Moderate depression (PHQ-9 10) and mild anxiety for "
                                    "about a year, affecting sleep, work and drinking.",
    "mh_susceptible_to_treatment": "yes",
    "mh_susceptible_reason": "No previous treatment; she is motivated, and low mood of this "
                             "kind usually responds to psychological therapy.",
    "mh_warrants_hospital_or_guardianship": "no",
    "mh_hospital_reason": "No features that need hospital care; she can be treated in the "
                          "community.",
    "mh_care_level": "primary",
    "mh_arrangements_made": "yes", "alcohol_dependent": "yes",
    "alcohol_dependence_evidence": "AUDIT 28; drinks daily with morning drinking and "
                                   "withdrawal shakes.",
    "alcohol_requires_and_susceptible": "yes",
    "alcohol_susceptible_reason": "Wants to cut down and has not had alcohol treatment before.",
    "alcohol_arrangements_made": "yes",
    "atr_period_months": 9, "mhtr_period_months": 6, "requirements_explained": "yes",
    "willing_mhtr": "yes", "willing_atr": "yes",
    "willingness_own_words": "I want to sort my drinking out and talk to someone about how "
                             "I've been feeling. I'll go to the appointments.",
    "consent_share_court": "yes", "consent_share_probation": "yes", "consent_share_gp": "yes",
    "consent_share_provider": "yes",
    "recommendation_summary": "Suitable for a primary care MHTR (6 months) and an ATR "
                              "(9 months).",
    "sources_of_information": ["interview", "liaison_diversion_notes"],
    "sentence_indicated": "community_order",
    "phq9_language": "en", "gad7_language": "en", "audit_language": "en",
    "needs_summary_court": "Low mood and anxiety for about a year, and daily drinking with "
                           "signs of dependence. She wants help with both, and both can be "
                           "treated in the community.",
    "mh_arrangements_reason": "The primary care MHTR team has a place for her and can see "
                              "her within two weeks.",
    "mhtr_provider": "Primary Care MHTR Service (demo)",
    "mhtr_director_name": "Dr Eleri Hughes", "mhtr_director_role": "registered_psychologist",
    "mhtr_director_body": "hcpc", "mhtr_director_registration": "PYL00000",
    "mh_treatment_mode": "practitioner_based", "mhtr_place": "Canton Health Centre (demo)",
    "mhtr_supervising_psychologist": "Dr Eleri Hughes, HCPC PYL00000",
    "alcohol_arrangements_reason": "The community alcohol team can start treatment next week.",
    "atr_provider": "Community Alcohol Team (demo)", "atr_director_name": "Gareth Morgan",
    "atr_director_role": "qualified_person", "atr_director_body": "nmc",
    "atr_director_registration": "00A0000W", "atr_mode": "institution_based",
    "atr_place": "Community Alcohol Team, Cardiff (demo)",
    "recommendation_mhtr": "suitable", "recommendation_atr": "suitable",
}


def first_appointments(day: date) -> dict[str, str]:
    """The demo's first appointments, booked on the court day for the week after."""
    week = (day + timedelta(days=7)).isoformat()
    return {"mhtr_first_appointment_date": week, "mhtr_first_appointment_time": "10:00",
            "mhtr_first_appointment_place": "Canton Health Centre (demo)",
            "atr_first_appointment_date": week, "atr_first_appointment_time": "14:30",
            "atr_first_appointment_place": "Community Alcohol Team, Cardiff (demo)"}


def create_demo_store(folder: Path, bundle: FormBundle, day: date | None = None,
                      countersigned: Callable[[Store, dict], object] | None = None
                      ) -> tuple[tuple[tuple[str, str, str], ...], int]:
    """Create the demo store in ``folder``; returns the sign-ins and the number of cases.

    The day has an interview in progress, one awaiting review and one approved
    (countersigned by the demo reviewer). ``countersigned(store, row)`` runs in the
    reviewer's session right after the countersignature, as the app keeps the final
    reports then (``reports.record.freeze_final_reports``, which the core cannot import):
    without it the approved case's report carries no code that verifies."""
    day = day or date.today()
    admin_name, _, admin_password = DEMO_ACCOUNTS[0]
    with Store.create(folder, admin_name, admin_password) as admin:
        for name, role, password in DEMO_ACCOUNTS[1:]:
            admin.add_account(name, password, role)
        for name, profile in DEMO_PROFILES.items():
            admin.set_profile(name, **profile)
    court = "Cardiff Magistrates' Court"
    cases = [ListedCase(day.isoformat(), court, room, time, f"CF-{day.year}-{suffix}", family,
                        given, dob, offence=offence)
             for room, time, suffix, family, given, dob, offence in PEOPLE]
    with Store.open(folder, "demo-assessor", DEMO_ACCOUNTS[1][2]) as assessor:
        assessor.import_court_list(cases)
        started = assessor.start_assessment(bundle, cases[1].case_number)
        for name, value in {"language_preference": "en", "interpreter_used": "yes",
                            "interpreter_language": "Vietnamese (booked via the court)",
                            "consent_assessment": "yes", "capacity_to_consent": "yes"}.items():
            assessor.save_answer(bundle, started, name, value)
        finished = assessor.start_assessment(bundle, cases[0].case_number)
        assessor.import_answers(bundle, finished, {**DUAL, **first_appointments(day)})
        assessor.submit_for_review(finished)
        # A second finished interview, which the reviewer countersigns below.
        approved = assessor.start_assessment(bundle, cases[5].case_number)
        assessor.import_answers(bundle, approved, {**DUAL, **first_appointments(day),
                                                   "offence_main": cases[5].offence})
        assessor.submit_for_review(approved)
    reviewer_name, _, reviewer_password = DEMO_ACCOUNTS[2]
    with Store.open(folder, reviewer_name, reviewer_password) as reviewer:
        row = reviewer.countersign(approved, reviewer_password)
        if countersigned is not None:
            countersigned(reviewer, row)
    return DEMO_ACCOUNTS, len(cases)


PROSE = ("She described low mood most days since her mother died, poor sleep, and drinking "
         "to get to sleep; she has missed work and fallen behind with the rent. ")


# What the longest interview answers besides its text, so that every text question is
# asked (and so printed in the fullest copy): drugs and injecting, all three requirements,
# and an immediate action taken.
EVERY_QUESTION = {"drug_use": "yes", "drug_substances": ["cannabis"], "injecting": "yes",
                  "immediate_actions": ["safety_plan_agreed"],
                  "requirements_considered": ["mhtr", "drr", "atr"]}


def longest_answers(bundle: FormBundle, lines: bool = False) -> dict:
    """The finished demo interview with every text question asked and its answer at the
    form's maximum length, each ending in "[end of NAME]" (so a test can find every one).

    Prose in paragraphs by default; with ``lines``, each long answer is instead one
    character a line (the most lines it can hold). For the report's tests and bench.
    """
    from .answers import check_answer  # noqa: PLC0415

    answers = {**DUAL, **EVERY_QUESTION, "person_family_name": "Llewellyn-Jones",
               "person_given_names": "Siân", "person_dob": "1988-03-02",
               "hearing_date": "2026-11-25", "court_name": "Cardiff Magistrates' Court",
               "courtroom": "1", "case_number": "CF-2026-0101"}
    for name, question in bundle.questions.items():
        if question.type not in ("text", "long_text"):
            continue
        size = question.max_length
        end = f" [end of {name}]" if question.type == "long_text" else ""
        if question.type == "long_text" and lines:
            value = ("x\n" * size)[:size - len(end)] + end
        elif question.type == "long_text":
            paragraph = (PROSE * (600 // len(PROSE) + 1))[:600].rstrip() + "\n"
            value = (paragraph * (size // len(paragraph) + 1))[:size - len(end)] + end
        else:
            value = (PROSE * (size // len(PROSE) + 1))[:size].strip()
        try:
            check_answer(bundle, name, value, answers)
        except ValueError:
            continue  # a field with a format of its own (an NHS number) keeps its value
        answers[name] = value
    return answers
