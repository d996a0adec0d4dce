"""How store.db here was made: on main at 641bfd8 (before issue 10), run as
    PYTHONPATH=<a checkout of 641bfd8> python make_store.py OUT_FOLDER
A store with form version 1 assessments (one countersigned, one a draft), for the
tests that such a store still opens, scores and prints as it did."""
# ruff: noqa: E402, E501, I001 - a record of how the fixture was made, run on older code
import json
import sys
from pathlib import Path

import cstr_desktop
assert "/tmp/mainsnap" in cstr_desktop.__file__, cstr_desktop.__file__
from cstr_desktop.store.court_list import ListedCase
from cli.demo import DUAL
from cstr_desktop.forms.loader import load_bundle
from cstr_desktop.forms.interview import InterviewState
from cstr_desktop.trust.key_slots import FAST_KDF_FOR_TESTS as KDF
from cstr_desktop.store.session import Store
from reports.record import freeze_final_reports

folder = Path(sys.argv[1])
v1 = load_bundle(version=1)
assert v1.version == 1
PERSON = {"person_family_name": "Pryce", "person_given_names": "Megan", "person_dob": "1986-06-14",
          "hearing_date": "2026-11-20", "court_name": "Cardiff Magistrates' Court", "courtroom": "2",
          "case_number": "CF-V1-0001"}
approved = {k: v for k, v in {**DUAL, **PERSON}.items() if k in v1.questions}
draft = {"person_family_name": "Lloyd", "person_given_names": "Aled", "person_dob": "2001-02-03",
         "hearing_date": "2026-11-20", "court_name": "Cardiff Magistrates' Court",
         "case_number": "CF-V1-0002", "convicted": "yes", "consent_assessment": "yes",
         "phq9_1": 1, "phq9_2": 2, "phq9_3": 0, "phq9_4": 1, "phq9_5": 0, "phq9_6": 1,
         "phq9_7": 0, "phq9_8": 0, "phq9_9": 0, "consent_share_court": "yes"}
with Store.create(folder, "admin", "admin password", kdf=KDF) as admin:
    admin.add_account("sam", "assessor password", "assessor")
    admin.add_account("rita", "reviewer password", "reviewer")
with Store.open(folder, "sam", "assessor password", kdf=KDF) as sam:
    sam.import_court_list([
        ListedCase("2026-11-20", "Cardiff Magistrates' Court", "2", "10:00", "CF-V1-0001",
                   "Pryce", "Megan", "1986-06-14"),
        ListedCase("2026-11-20", "Cardiff Magistrates' Court", "2", "10:30", "CF-V1-0002",
                   "Lloyd", "Aled", "2001-02-03")])
    a = sam.start_assessment(v1, "CF-V1-0001")
    sam.import_answers(v1, a, approved)
    sam.submit_for_review(a)
    b = sam.start_assessment(v1, "CF-V1-0002")
    sam.import_answers(v1, b, draft)
with Store.open(folder, "rita", "reviewer password", kdf=KDF) as rita:
    row = rita.countersign(a, "reviewer password")
    codes = freeze_final_reports(rita, row, "2026-11-20T12:00:00+00:00")
    results = {case: InterviewState(v1, rita.answers(ident)).result()
               for case, ident in (("CF-V1-0001", a), ("CF-V1-0002", b))}
(folder / "expected.json").write_text(json.dumps(
    {"verification_codes": codes, "results": results,
     "made_with": "main before issue 10 (tests/data/store_v1/make_store.py)"}, indent=1,
    ensure_ascii=False) + "\n", encoding="utf-8")
print(codes)
