"""A store made on main before issue 8 was merged (tests/data/store_main, made by
make_store.py there on that code: signed accounts, readers' copies, migrations up to m006
and m007) opens after the merge and takes m005 last: a case opened but not answered is
listed again, a reviewer's comment is kept in the review's history, search folds
punctuation, and every signature, audit entry and kept report still verifies."""

from __future__ import annotations

import json
import shutil

import pytest
from support.cli import run
from support.paths import ROOT

from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
from cstr_desktop.store import Store
from reports.record import stored_report
from reports.snapshot import verification_code

STORE = ROOT / "tests" / "data" / "store_main"
EXPECTED = json.loads((STORE / "expected.json").read_text(encoding="utf-8"))
NOW = "2027-01-05T09:00:00+00:00"
PASSWORDS = {"admin": "admin password", "sam": "assessor password",
             "rita": "reviewer password"}


@pytest.fixture
def folder(tmp_path):
    """A copy of the store (the fixture itself never changes)."""
    target = tmp_path / "data"
    target.mkdir()
    for name in ("store.db", "keyslots.json"):
        shutil.copyfile(STORE / name, target / name)
    return target


def open_as(folder, name):
    return Store.open(folder, name, PASSWORDS[name], kdf=FAST_KDF_FOR_TESTS)


def test_it_opens_takes_m005_last_and_its_cases_read_as_they_should(folder):
    assert EXPECTED["statuses"]["CF-M-0004"] == "draft"  # main counted the listing copied in
    with open_as(folder, "sam") as sam:
        names = [r["name"] for r in sam.db["_sqlite_migrations"].rows]
        assert names[-5:] == ["m007_profiles_and_reader_copies",
                              "m006_signed_accounts_and_steps",
                              "m005_started_review_comments_search", "m008_sync_outbox",
                              "m009_outcome_addenda"]
        statuses = {c["case_number"]: c["status"] for c in sam.cases(day="2026-11-20")}
        assert statuses == {**EXPECTED["statuses"], "CF-M-0004": "listed"}
        assert [c["case_number"] for c in sam.cases(search="obrien")] == ["CF-M-0002"]
        returned = sam.assessment_for_case("CF-M-0002")["id"]
        assert [(c["kind"], c["text"], c["author"], c["author_role"])
                for c in sam.review_comments(returned)] == [
            ("changes_requested", "Please add the GP's name and practice.", "rita",
             "reviewer")]
        report = sam.verify_audit()
        assert report.ok and report.signed == report.entries, report.problem


def test_its_kept_reports_reprint_and_verify_with_the_same_codes(folder):
    with open_as(folder, "rita") as rita:
        row = rita.assessment_for_case("CF-M-0001")
        assert row["status"] == "approved"
        for key, code in EXPECTED["verification_codes"].items():
            who, lang = key.split("/")
            assert verification_code(stored_report(rita, row, lang, NOW, who)) == code
            found = rita.find_verification(code)
            assert found["problem"] is None and (found["reader"], found["lang"]) == (who, lang)


def test_the_day_goes_on_reply_resubmit_countersign_then_audit_verify(folder):
    from cstr_desktop.form_loader import load_bundle

    bundle = load_bundle()
    with open_as(folder, "sam") as sam:
        returned = sam.assessment_for_case("CF-M-0002")["id"]
        sam.reply_to_review(returned, "Added: Dr Rhys, Cathays Surgery.")
        sam.save_answer(bundle, returned, "gp_details", "Dr Rhys, Cathays Surgery")
        sam.submit_for_review(returned)
    with open_as(folder, "rita") as rita:
        assert rita.countersign(returned, "reviewer password")["status"] == "approved"
        assert [c["kind"] for c in rita.review_comments(returned)] == [
            "changes_requested", "reply"]
    proc = run("audit-verify", "--user", "admin", "--data-dir", str(folder),
               password="admin password")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("The audit trail is intact:")
