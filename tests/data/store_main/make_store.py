"""How store.db here was made: on main at 0f7edfb (issues 9 and 10 in, issue 8 not), run as
    PYTHONPATH=<a checkout of 0f7edfb> python make_store.py OUT_FOLDER
A signed store (key file cstr-keyslots/2, migrations up to m006 and m007, no m005) with:
a countersigned assessment and its kept readers' copies, one returned with a reviewer's
comment, one with answers, one opened but not answered, and an O'Brien to search for;
for the tests that such a store opens after issue 8's merge and takes m005."""
# ruff: noqa: E402, E501, I001 - a record of how the fixture was made, run on older code
import json
import sys
from pathlib import Path

import cstr_desktop
assert "/tmp/mainsnap" in cstr_desktop.__file__, cstr_desktop.__file__
from cstr_desktop.court_list import ListedCase
from cstr_desktop.demo import DUAL, first_appointments
from cstr_desktop.form_loader import load_bundle
from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS as KDF
from cstr_desktop.store import Store
from reports.record import freeze_final_reports

from datetime import date

folder = Path(sys.argv[1])
bundle = load_bundle()
DAY = "2026-11-20"
COURT = "Cardiff Magistrates' Court"
with Store.create(folder, "admin", "admin password", kdf=KDF) as admin:
    admin.add_account("sam", "assessor password", "assessor")
    admin.add_account("rita", "reviewer password", "reviewer")
    admin.set_profile("rita", full_name="Rita Evans", profession="Probation officer")
with Store.open(folder, "sam", "assessor password", kdf=KDF) as sam:
    sam.import_court_list([
        ListedCase(DAY, COURT, "2", "10:00", "CF-M-0001", "Pryce", "Megan", "1986-06-14"),
        ListedCase(DAY, COURT, "2", "10:30", "CF-M-0002", "O'Brien", "Seán", "1979-12-31"),
        ListedCase(DAY, COURT, "1", "11:00", "CF-M-0003", "Lloyd", "Aled", "2001-02-03"),
        ListedCase(DAY, COURT, "1", "11:30", "CF-M-0004", "Ahmed", "Yusuf", "1999-11-03")])
    person = {"person_family_name": "Pryce", "person_given_names": "Megan",
              "person_dob": "1986-06-14", "hearing_date": DAY, "court_name": COURT,
              "courtroom": "2", "case_number": "CF-M-0001"}
    approved = sam.start_assessment(bundle, "CF-M-0001")
    sam.import_answers(bundle, approved, {**DUAL, **person,
                                          **first_appointments(date.fromisoformat(DAY))})
    sam.submit_for_review(approved)
    returned = sam.start_assessment(bundle, "CF-M-0002")
    sam.import_answers(bundle, returned, {**DUAL, "person_family_name": "O'Brien",
                                          "person_given_names": "Seán"})
    sam.submit_for_review(returned)
    started = sam.start_assessment(bundle, "CF-M-0003")
    sam.save_answer(bundle, started, "interpreter_used", "no")
    sam.start_assessment(bundle, "CF-M-0004")  # opened; only the listing copied in
with Store.open(folder, "rita", "reviewer password", kdf=KDF) as rita:
    row = rita.countersign(approved, "reviewer password")
    codes = freeze_final_reports(rita, row, "2026-11-20T12:00:00+00:00")
    rita.request_changes(returned, "Please add the GP's name and practice.")
    statuses = {c["case_number"]: c["status"] for c in rita.cases(day=DAY)}
(folder / "expected.json").write_text(json.dumps(
    {"verification_codes": codes, "statuses": statuses,
     "made_with": "main at 0f7edfb, before issue 8 (tests/data/store_main/make_store.py)"},
    indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
print(codes, statuses)
