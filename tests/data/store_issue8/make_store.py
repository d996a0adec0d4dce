"""How store.db here was made: on branch issue-8 at a1163c9 (before issues 9 and 10 were
merged into it), run as
    PYTHONPATH=<a checkout of a1163c9> python make_store.py OUT_FOLDER
A store made before signed accounts (key file cstr-keyslots/1) with m005 applied and not
m006 or m007: a countersigned assessment with its kept report, one returned with the
reviewer's comment and the assessor's reply, one opened but not answered; for the tests
that it upgrades after the merge and keeps all of it."""
# ruff: noqa: E402, E501, I001 - a record of how the fixture was made, run on older code
import json
import sys
from pathlib import Path

import cstr_desktop
assert "/tmp/i8snap" in cstr_desktop.__file__, cstr_desktop.__file__
from cstr_desktop.court_list import ListedCase
from cstr_desktop.demo import DUAL
from cstr_desktop.form_loader import load_bundle
from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS as KDF
from cstr_desktop.store import Store
from reports.record import freeze_final_reports

folder = Path(sys.argv[1])
bundle = load_bundle()
DAY = "2026-11-20"
COURT = "Cardiff Magistrates' Court"
with Store.create(folder, "admin", "admin password", kdf=KDF) as admin:
    admin.add_account("sam", "assessor password", "assessor")
    admin.add_account("rita", "reviewer password", "reviewer")
with Store.open(folder, "sam", "assessor password", kdf=KDF) as sam:
    sam.import_court_list([
        ListedCase(DAY, COURT, "2", "10:00", "CF-E-0001", "Pryce", "Megan", "1986-06-14"),
        ListedCase(DAY, COURT, "2", "10:30", "CF-E-0002", "O'Brien", "Seán", "1979-12-31"),
        ListedCase(DAY, COURT, "1", "11:30", "CF-E-0004", "Ahmed", "Yusuf", "1999-11-03")])
    approved = sam.start_assessment(bundle, "CF-E-0001")
    sam.import_answers(bundle, approved, {**DUAL, "person_family_name": "Pryce",
                                          "person_given_names": "Megan"})
    sam.submit_for_review(approved)
    returned = sam.start_assessment(bundle, "CF-E-0002")
    sam.import_answers(bundle, returned, {**DUAL, "person_family_name": "O'Brien",
                                          "person_given_names": "Seán"})
    sam.submit_for_review(returned)
    sam.start_assessment(bundle, "CF-E-0004")  # opened; only the listing copied in
with Store.open(folder, "rita", "reviewer password", kdf=KDF) as rita:
    row = rita.countersign(approved, "reviewer password")
    codes = freeze_final_reports(rita, row, "2026-11-20T12:00:00+00:00")
    rita.request_changes(returned, "Please add the GP's name and practice.")
with Store.open(folder, "sam", "assessor password", kdf=KDF) as sam:
    sam.reply_to_review(returned, "Asked the surgery; waiting for their answer.")
    statuses = {c["case_number"]: c["status"] for c in sam.cases(day=DAY)}
    comments = [[c["kind"], c["text"], c["author"]] for c in sam.review_comments(returned)]
(folder / "expected.json").write_text(json.dumps(
    {"verification_codes": codes, "statuses": statuses, "comments": comments,
     "made_with": "issue-8 at a1163c9 (tests/data/store_issue8/make_store.py)"},
    indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
print(codes, statuses, comments)
