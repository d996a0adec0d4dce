"""A store made on branch issue-8 before issues 9 and 10 were merged into it
(tests/data/store_issue8, made by make_store.py there: before signed accounts, with m005
and without m006 and m007) is upgraded by its administrator after the merge, takes m007
and m006, and keeps what m005 made: a case opened but not answered stays listed, the
review's comments and the assessor's reply stay in order, and its kept report's codes
still verify (attested at the upgrade)."""

from __future__ import annotations

import json
import shutil

import pytest
from support.cli import run
from support.paths import ROOT

from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
from cstr_desktop.store import Store
from cstr_desktop.store_errors import LegacyStore
from cstr_desktop.upgrade import upgrade

STORE = ROOT / "tests" / "data" / "store_issue8"
EXPECTED = json.loads((STORE / "expected.json").read_text(encoding="utf-8"))
PASSWORDS = {"admin": "admin password", "sam": "assessor password",
             "rita": "reviewer password"}


@pytest.fixture
def folder(tmp_path):
    """A copy of the store, upgraded (the fixture itself never changes)."""
    target = tmp_path / "data"
    target.mkdir()
    for name in ("store.db", "keyslots.json"):
        shutil.copyfile(STORE / name, target / name)
    with pytest.raises(LegacyStore):  # until an administrator upgrades it, it says so
        Store.open(target, "sam", PASSWORDS["sam"], kdf=FAST_KDF_FOR_TESTS)
    with upgrade(target, "admin", PASSWORDS["admin"], kdf=FAST_KDF_FOR_TESTS).store as admin:
        admin.reset_password("sam", PASSWORDS["sam"])
        admin.reset_password("rita", PASSWORDS["rita"])
    return target


def open_as(folder, name):
    return Store.open(folder, name, PASSWORDS[name], kdf=FAST_KDF_FOR_TESTS)


def test_it_upgrades_takes_m007_and_m006_and_keeps_what_m005_made(folder):
    with open_as(folder, "sam") as sam:
        names = [r["name"] for r in sam.db["_sqlite_migrations"].rows]
        assert names == ["m001_core_tables", "m002_cases_lifecycle_versions",
                         "m003_resume_position", "m004_frozen_reports",
                         "m005_started_review_comments_search",
                         "m007_profiles_and_reader_copies", "m006_signed_accounts_and_steps",
                         "m008_sync_outbox", "m009_outcome_addenda"]
        statuses = {c["case_number"]: c["status"] for c in sam.cases(day="2026-11-20")}
        assert statuses == EXPECTED["statuses"]
        assert statuses["CF-E-0004"] == "listed"
        assert [c["case_number"] for c in sam.cases(search="obrien")] == ["CF-E-0002"]
        returned = sam.assessment_for_case("CF-E-0002")["id"]
        comments = sam.review_comments(returned)
        assert [[c["kind"], c["text"], c["author"]] for c in comments] == EXPECTED["comments"]
        assert [c["author_role"] for c in comments] == ["reviewer", "assessor"]
        report = sam.verify_audit()
        assert report.ok, report.problem


def test_its_kept_report_codes_still_verify(folder):
    with open_as(folder, "rita") as rita:
        for lang, code in EXPECTED["verification_codes"].items():
            found = rita.find_verification(code)
            assert found["problem"] is None, found["problem"]
            assert (found["case_number"], found["reader"], found["lang"]) == (
                "CF-E-0001", "all", lang)
    proc = run("audit-verify", "--user", "admin", "--data-dir", str(folder),
               password=PASSWORDS["admin"])
    assert proc.returncode == 0, proc.stderr
