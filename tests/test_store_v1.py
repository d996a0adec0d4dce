"""A store made before readers' copies existed, on form version 1, still opens, scores and
prints as it did (tests/data/store_v1, made by make_store.py there on the older code).

It was also made before signed accounts (key file ``cstr-keyslots/1``): an administrator
upgrades it once (``cstr-desktop upgrade``), which certifies every account, attests what
was countersigned then, and gives the others one-time passwords; here the administrator
then sets the passwords the tests sign in with.
"""

from __future__ import annotations

import json
import shutil

import pytest
from support.cli import one_line_error, run
from support.paths import ROOT
from support.reporting import pages, pdf_text

from cstr_desktop.form_loader import load_bundle
from cstr_desktop.interview import InterviewState
from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
from cstr_desktop.store import Store
from cstr_desktop.store_errors import LegacyStore
from cstr_desktop.upgrade import upgrade
from reports.court_report import render
from reports.record import freeze_final_reports, stored_report
from reports.snapshot import verification_code
from reports.summary_card import render_card

STORE_V1 = ROOT / "tests" / "data" / "store_v1"
EXPECTED = json.loads((STORE_V1 / "expected.json").read_text(encoding="utf-8"))
NOW = "2027-01-05T09:00:00+00:00"


@pytest.fixture
def folder(tmp_path):
    """A copy of the old store, upgraded (the fixture itself never changes)."""
    target = tmp_path / "data"
    target.mkdir()
    for name in ("store.db", "keyslots.json"):
        shutil.copyfile(STORE_V1 / name, target / name)
    with pytest.raises(LegacyStore):  # until an administrator upgrades it, it says so
        Store.open(target, "sam", "assessor password", kdf=FAST_KDF_FOR_TESTS)
    with upgrade(target, "admin", "admin password", kdf=FAST_KDF_FOR_TESTS).store as admin:
        admin.reset_password("sam", "assessor password")
        admin.reset_password("rita", "reviewer password")
    return target


def open_as(folder, name):
    password = {"admin": "admin password", "sam": "assessor password",
                "rita": "reviewer password"}[name]
    return Store.open(folder, name, password, kdf=FAST_KDF_FOR_TESTS)


def test_it_opens_and_takes_the_new_migration(folder):
    with open_as(folder, "rita") as rita:
        names = [r["name"] for r in rita.db["_sqlite_migrations"].rows]
        assert {"m006_signed_accounts_and_steps", "m007_profiles_and_reader_copies"} <= set(
            names)
        kept = list(rita.db["frozen_reports"].rows)
        # The reports kept at countersignature were one report for everyone.
        assert len(kept) == 3 and {r["reader"] for r in kept} == {"all"}
        assert all(a.full_name is None and a.display_name == a.username
                   for a in rita.accounts())
        assert rita.verify_audit().ok


def test_its_version_1_assessments_score_exactly_as_before(folder):
    with open_as(folder, "sam") as sam:
        for case, expected in EXPECTED["results"].items():
            row = sam.assessment_for_case(case)
            assert (row["form_id"], row["form_version"]) == ("cstr_court_day", 1)
            state = InterviewState(load_bundle(row["form_id"], row["form_version"]),
                                   sam.answers(row["id"]))
            assert state.result() == expected
            assert state.warnings == []  # version 1's criteria have none


def test_its_countersigned_report_reprints_with_the_same_code(folder):
    with open_as(folder, "sam") as sam:
        row = sam.assessment_for_case("CF-V1-0001")
        assert row["status"] == "approved"
        for lang, code in EXPECTED["verification_codes"].items():
            kept = stored_report(sam, row, lang, NOW)
            assert verification_code(kept) == code
            assert kept["schema"] == "cstr-report-snapshot/1"
        pdf = render(stored_report(sam, row, "en", NOW))
        text = pdf_text(pdf)
        assert EXPECTED["verification_codes"]["en"] in text
        assert "Megan Pryce" in text and "DRAFT" not in text
        assert "Copy for the court" not in text  # one report, as it was
        assert "Summary for court" in pdf_text(render_card(stored_report(sam, row, "en", NOW)))
        # Kept again at a later freeze: nothing changes, nothing is added for readers.
        assert freeze_final_reports(sam, row, NOW) == {
            f"all/{lang}": code for lang, code in EXPECTED["verification_codes"].items()}
        found = sam.find_verification(EXPECTED["verification_codes"]["cy"])
        assert (found["case_number"], found["reader"], found["lang"]) == (
            "CF-V1-0001", "all", "cy")


def test_its_draft_prints_the_one_report_of_version_1(folder):
    with open_as(folder, "sam") as sam:
        row = sam.assessment_for_case("CF-V1-0002")
        snapshot = stored_report(sam, row, "en", NOW)
    assert snapshot["reader"] is None and snapshot["copy"] == "full"
    assert [p["key"] for p in snapshot["parts"]][:3] == ["s_identifiers", "s_offences",
                                                         "s_sources"]
    pdf = render(snapshot)
    assert "DRAFT" in pages(pdf)[0]
    assert "Aled Lloyd" in pdf_text(pdf)


def test_the_command_line_prints_it_and_refuses_a_readers_copy_it_never_had(folder, tmp_path):
    out = tmp_path / "v1.pdf"
    proc = run("report", "--case", "CF-V1-0002", "--out", str(out), "--data-dir", str(folder),
               "--user", "sam", password="assessor password")
    assert proc.returncode == 0, proc.stderr
    assert "Aled Lloyd" in pdf_text(out.read_bytes())
    err = one_line_error(run("report", "--case", "CF-V1-0002", "--for", "probation",
                             "--out", str(tmp_path / "p.pdf"), "--data-dir", str(folder),
                             "--user", "sam", password="assessor password"), 2)
    assert "form 'cstr_court_day' version 1, which has one report for every reader" in err
    proc = run("verify", EXPECTED["verification_codes"]["en"], "--data-dir", str(folder),
               "--user", "rita", password="reviewer password")
    assert proc.returncode == 0, proc.stderr
    assert "version 1 (the one report, English)" in proc.stdout


def test_an_export_of_a_version_1_assessment_is_read_with_version_1(folder, tmp_path):
    out = tmp_path / "v1.json"
    proc = run("export", "CF-V1-0001", "--out", str(out), "--data-dir", str(folder), "--user",
               "sam", password="assessor password")
    assert proc.returncode == 0, proc.stderr
    proc = run("assess", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == EXPECTED["results"]["CF-V1-0001"]
    proc = run("report", str(out), "--out", str(tmp_path / "v1.pdf"))
    assert proc.returncode == 0 and "the report (DRAFT)" in proc.stdout
    exported = json.loads(out.read_text())
    exported["form_version"] = 9
    out.write_text(json.dumps(exported))
    err = one_line_error(run("assess", str(out), "--json"), 2)
    assert "FILE_003: the file names form 'cstr_court_day' version 9" in err
