"""The store commands of contract.md section 3, run as real processes on real stores."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support.cli import ADMIN_PW, one_line_error, run
from support.paths import EXAMPLES
from support.reporting import pdf_text

LIST = """hearing_date,court_name,courtroom,list_time,case_number,family_name,given_names,\
date_of_birth
2026-11-23,Milton Keynes Magistrates' Court,3,10:00,MK-2026-0412,Example,Sam,1990-04-12
2026-11-23,Milton Keynes Magistrates' Court,1,09:30,MK-2026-0413,Gwilym,Siân,1985-06-01
"""


@pytest.fixture
def store_dir(tmp_path):
    folder = tmp_path / "data"
    proc = run("init", "--user", "ann", "--data-dir", str(folder))
    assert proc.returncode == 0, proc.stderr
    assert "admin account 'ann'" in proc.stdout
    return str(folder)


def test_init_twice_is_refused(store_dir):
    err = one_line_error(run("init", "--user", "bob", "--data-dir", store_dir), 2)
    assert "a store already exists" in err


def test_no_password_without_a_terminal(tmp_path):
    err = one_line_error(run("init", "--user", "ann", "--data-dir", str(tmp_path / "d"),
                             password=None), 2)
    assert "set CSTR_PASSWORD" in err


def test_user_add_and_roles(store_dir):
    proc = run("user", "add", "sam", "--role", "assessor", "--data-dir", store_dir,
               "--user", "ann", new_password="assessor pass 1")
    assert proc.returncode == 0 and "Added the assessor account 'sam'" in proc.stdout
    err = one_line_error(run("user", "add", "eve", "--role", "admin", "--data-dir", store_dir,
                             "--user", "sam", password="assessor pass 1",
                             new_password="whatever pass"), 3)
    assert "assessor role cannot" in err
    err = one_line_error(run("user", "add", "eve", "--role", "judge", "--data-dir", store_dir,
                             "--user", "ann", new_password="whatever pass"), 2)
    assert "invalid choice: 'judge'" in err


def test_wrong_password_exits_3(store_dir):
    err = one_line_error(run("cases", "--json", "--data-dir", store_dir, "--user", "ann",
                             password="not it at all"), 3)
    assert "wrong account name or password" in err


def test_no_store_is_a_clear_error(tmp_path):
    err = one_line_error(run("cases", "--data-dir", str(tmp_path), "--user", "ann"), 2)
    assert "there is no store" in err


def test_import_list_cases_import_answers_export(store_dir, tmp_path):
    csv_path = tmp_path / "list.csv"
    csv_path.write_text(LIST, encoding="utf-8")
    proc = run("import-list", str(csv_path), "--data-dir", store_dir, "--user", "ann")
    assert proc.returncode == 0, proc.stderr
    assert "2 added, 0 changed, 0 unchanged, 0 removed" in proc.stdout
    proc = run("cases", "--date", "2026-11-23", "--json", "--data-dir", store_dir,
               "--user", "ann")
    cases = json.loads(proc.stdout)
    assert [(c["case_number"], c["family_name"], c["given_names"], c["hearing_date"],
             c["status"]) for c in cases] == [
        ("MK-2026-0413", "Gwilym", "Siân", "2026-11-23", "listed"),
        ("MK-2026-0412", "Example", "Sam", "2026-11-23", "listed")]
    proc = run("cases", "--search", "sian", "--json", "--data-dir", store_dir, "--user", "ann")
    assert [c["case_number"] for c in json.loads(proc.stdout)] == ["MK-2026-0413"]

    example = EXAMPLES / "example_mhtr_atr_dual.json"
    # An administrator writes no assessment; an assessor does.
    err = one_line_error(run("import-answers", str(example), "--case", "MK-2026-0412",
                             "--data-dir", store_dir, "--user", "ann"), 3)
    assert "admin role cannot" in err
    run("user", "add", "sam", "--role", "assessor", "--data-dir", store_dir, "--user", "ann",
        new_password="assessor pass 1")
    proc = run("import-answers", str(example), "--case", "MK-2026-0412", "--data-dir",
               store_dir, "--user", "sam", password="assessor pass 1")
    assert proc.returncode == 0, proc.stderr
    proc = run("cases", "--json", "--data-dir", store_dir, "--user", "ann")
    assert {c["case_number"]: c["status"] for c in json.loads(proc.stdout)} == {
        "MK-2026-0412": "draft", "MK-2026-0413": "listed"}

    out = tmp_path / "export.json"
    proc = run("export", "MK-2026-0412", "--out", str(out), "--data-dir", store_dir,
               "--user", "ann")
    assert proc.returncode == 0, proc.stderr
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert out.stat().st_mode & 0o777 == 0o600  # personal data: the owner's alone
    original = json.loads(example.read_text(encoding="utf-8"))
    assert exported["schema"] == "cstr-answers/1"
    assert {k: exported["answers"][k] for k in original["answers"]} == original["answers"]
    # The export is an answers file: assess takes it and gives the example's result.
    proc = run("assess", str(out), "--json")
    expected = json.loads((EXAMPLES / "example_mhtr_atr_dual.expected.json").read_text())
    assert json.loads(proc.stdout) == expected

    proc = run("audit-verify", "--data-dir", store_dir, "--user", "ann")
    assert proc.returncode == 0 and "intact" in proc.stdout


def test_a_bad_list_imports_nothing(store_dir, tmp_path):
    csv_path = tmp_path / "list.csv"
    csv_path.write_text(LIST + "2026-11-23,MK,1,9.30,MK-9,Bad,Row,1990-01-01\n",
                        encoding="utf-8")
    err = one_line_error(run("import-list", str(csv_path), "--data-dir", store_dir,
                             "--user", "ann"), 2)
    assert "row 4: list_time '9.30' is not a time" in err and "nothing was imported" in err
    proc = run("cases", "--json", "--data-dir", store_dir, "--user", "ann")
    assert json.loads(proc.stdout) == []


def test_export_and_import_answers_need_a_known_case(store_dir, tmp_path):
    err = one_line_error(run("export", "NOPE-1", "--out", str(tmp_path / "x.json"),
                             "--data-dir", store_dir, "--user", "ann"), 2)
    assert "no assessment for case NOPE-1" in err
    assert not (tmp_path / "x.json").exists()
    err = one_line_error(run("import-answers", str(EXAMPLES / "example_incomplete.json"),
                             "--case", "NOPE-1", "--data-dir", store_dir, "--user", "ann"), 2)
    assert "no case NOPE-1" in err


def test_audit_verify_names_the_first_bad_entry(store_dir):
    from cstr_desktop.store import Store

    run("cases", "--data-dir", store_dir, "--user", "ann")
    with Store.open(store_dir, "ann", ADMIN_PW) as store:
        store.db.execute("UPDATE audit SET action = 'nothing' WHERE seq = 2")
    proc = run("audit-verify", "--data-dir", store_dir, "--user", "ann")
    err = one_line_error(proc, 1)
    assert "broken at entry 2: entry 2 was altered" in err


def test_demo_creates_a_store_with_sign_ins(tmp_path):
    folder = str(tmp_path / "demo")
    proc = run("demo", "--data-dir", folder, password=None)
    assert proc.returncode == 0, proc.stderr
    assert "demo-reviewer" in proc.stdout and "demo-assessor-password" in proc.stdout
    proc = run("cases", "--json", "--data-dir", folder, "--user", "demo-reviewer",
               password="demo-reviewer-password")
    cases = json.loads(proc.stdout)
    statuses = [c["status"] for c in cases]
    assert len(statuses) == 8
    # Contract section 3: one in progress, one awaiting review, one approved.
    assert statuses.count("awaiting_review") == 1 and statuses.count("draft") == 1
    assert statuses.count("approved") == 1
    # The approved one is countersigned: its report is final, with a code that checks out.
    approved = next(c["case_number"] for c in cases if c["status"] == "approved")
    pdf = Path(folder) / "approved.pdf"
    proc = run("report", "--case", approved, "--out", str(pdf), "--data-dir", folder,
               "--user", "demo-assessor", password="demo-assessor-password")
    assert proc.returncode == 0, proc.stderr
    code = proc.stdout.split("verification code ")[1].split(")")[0]
    text = pdf_text(pdf.read_bytes())
    assert "DRAFT" not in text and code in text and "Tomos Evans" in text
    proc = run("verify", code, "--data-dir", folder, "--user", "demo-reviewer",
               password="demo-reviewer-password")
    assert proc.returncode == 0 and approved in proc.stdout, proc.stderr
    assert run("audit-verify", "--data-dir", folder, "--user", "demo-admin",
               password="demo-admin-password").returncode == 0
    err = one_line_error(run("demo", "--data-dir", folder, password=None), 2)
    assert "already exists" in err


def test_import_list_dry_run_prints_the_reconcile_and_changes_nothing(store_dir, tmp_path):
    csv_path = tmp_path / "list.csv"
    csv_path.write_text(LIST, encoding="utf-8")
    assert run("import-list", str(csv_path), "--user", "ann", "--data-dir",
               store_dir).returncode == 0
    changed = LIST.replace("1985-06-01", "1985-06-02").replace(
        "2026-11-23,Milton Keynes Magistrates' Court,3,10:00,MK-2026-0412,Example,Sam,"
        "1990-04-12\n", "")
    csv_path.write_text(changed, encoding="utf-8")
    proc = run("import-list", str(csv_path), "--dry-run", "--user", "ann", "--data-dir",
               store_dir)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == ("Dry run, nothing was changed. Importing 1 listed case would give: "
                        "0 added, 1 changed, 0 unchanged, 1 removed.")
    assert lines[1] == ("  change  MK-2026-0413  Gwilym, Siân: date of birth 1985-06-01 -> "
                        "1985-06-02  [WHO THE PERSON IS HAS CHANGED: check it is the same "
                        "person]")
    assert lines[2] == "  remove  MK-2026-0412  Example, Sam"
    listed = json.loads(run("cases", "--json", "--user", "ann", "--data-dir",
                            store_dir).stdout)
    assert {c["case_number"] for c in listed} == {"MK-2026-0412", "MK-2026-0413"}
    assert {c["date_of_birth"] for c in listed} == {"1990-04-12", "1985-06-01"}


def test_a_command_on_a_store_open_in_the_app_says_busy_not_damaged(store_dir):
    from cstr_desktop.folder_lock import FolderLock

    with FolderLock(store_dir, "CSTR Court Day"):
        proc = run("cases", "--user", "ann", "--data-dir", store_dir)
    err = one_line_error(proc, 4)
    assert err.startswith(f"cstr-desktop: busy: the store in {store_dir} is open in CSTR "
                          f"Court Day (process {os.getpid()}, on ")
    assert "close it there first, then try again" in err and "damaged" not in err
    assert run("cases", "--user", "ann", "--data-dir", store_dir).returncode == 0


def test_a_command_waiting_on_another_programs_write_says_busy(store_dir):
    from pathlib import Path

    from support.disks import write_lock

    from cstr_desktop.key_slots import KeySlots

    key = KeySlots(Path(store_dir)).unlock("ann", ADMIN_PW).db_keys[0]
    with write_lock(Path(store_dir), key):
        proc = run("audit-verify", "--user", "ann", "--data-dir", store_dir)
    err = one_line_error(proc, 4)
    assert err == (f"cstr-desktop: busy: the store in {store_dir} is busy: another window or "
                   "program is using it; try again in a moment (nothing was lost)\n")
