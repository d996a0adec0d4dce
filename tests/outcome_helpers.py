"""A store with a listed case at each stage, for the court outcome's tests (issue 13)."""

from __future__ import annotations

from pathlib import Path

from support.reporting import full_answers

from cstr_desktop.court_list import ListedCase
from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
from cstr_desktop.store import Store

KDF = FAST_KDF_FOR_TESTS
PASSWORDS = {"admin": "admin password", "sam": "assessor password",
             "rita": "reviewer password"}
HEARING = "2026-11-25"

SENTENCED = {"outcome_result": "sentenced", "outcome_date": HEARING,
             "outcome_time_sentenced": "12:40", "outcome_sentence": "community_order",
             "outcome_order_months": 12, "outcome_requirements": ["atr", "mhtr"],
             "outcome_length_mhtr": 6, "outcome_length_atr": 6,
             "outcome_recommendation_followed": "yes"}
ADJOURNED = {"outcome_result": "adjourned", "outcome_date": HEARING,
             "outcome_adjourned_to": "2026-12-09",
             "outcome_adjournment_reason": "no_treatment_place"}


def listed(case_number: str, family: str = "Jones", given: str = "Carys") -> ListedCase:
    return ListedCase(HEARING, "Cardiff Magistrates' Court", "1", "10:00", case_number, family,
                      given, "1988-03-02")


def make_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Store.create(folder, "admin", PASSWORDS["admin"], kdf=KDF) as admin:
        admin.add_account("sam", PASSWORDS["sam"], "assessor")
        admin.add_account("rita", PASSWORDS["rita"], "reviewer")
    return folder


def sign_in(folder: Path, name: str) -> Store:
    return Store.open(folder, name, PASSWORDS[name], kdf=KDF)


def list_cases(folder: Path, *numbers: str) -> None:
    with sign_in(folder, "sam") as sam:
        sam.import_court_list([listed(n, family=f"Person{i}") for i, n in enumerate(numbers)])


def approve(folder: Path, bundle, case_number: str) -> str:
    """The case's assessment, answered in full, submitted and countersigned."""
    with sign_in(folder, "sam") as sam:
        ident = sam.start_assessment(bundle, case_number)
        sam.import_answers(bundle, ident, {**full_answers(), "case_number": case_number})
        sam.submit_for_review(ident)
    with sign_in(folder, "rita") as rita:
        rita.countersign(ident, PASSWORDS["rita"])
    return ident
