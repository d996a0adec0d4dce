"""``cstr-desktop report`` from a file and from a case, as real processes."""

from __future__ import annotations

import json

import pytest
from support.cli import one_line_error, run
from support.paths import EXAMPLES
from support.reporting import ARRANGEMENTS, REASONS, pages, pdf_text, reader
from support.stores import TEAM

EXAMPLE = str(EXAMPLES / "example_mhtr_atr_dual.json")


def test_report_from_a_file_is_a_draft(tmp_path):
    out = tmp_path / "report.pdf"
    proc = run("report", EXAMPLE, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "(DRAFT)" in proc.stdout
    pdf = out.read_bytes()
    assert "DRAFT" in pages(pdf)[0]
    assert "Sam Example" in pdf_text(pdf)


def test_welsh_and_summary(tmp_path):
    out = tmp_path / "cy.pdf"
    assert run("report", EXAMPLE, "--out", str(out), "--lang", "cy").returncode == 0
    assert "Manylion adnabod a rhestru" in pdf_text(out.read_bytes())
    card = tmp_path / "card.pdf"
    assert run("report", EXAMPLE, "--summary", "--out", str(card)).returncode == 0
    assert len(reader(card.read_bytes()).pages) == 1


@pytest.mark.parametrize(("args", "message"), [
    (["/no/such.json"], "FILE_001"),
    ([str(EXAMPLES / "example_incomplete.expected.json")], "FILE_003"),
    ([EXAMPLE, "--case", "X-1"], "either an answers FILE or --case"),
    ([], "either an answers FILE or --case"),
    ([EXAMPLE, "--lang", "fr"], "invalid choice: 'fr'"),
])
def test_bad_input_exits_2_and_writes_no_file(tmp_path, args, message):
    out = tmp_path / "report.pdf"
    err = one_line_error(run("report", *args, "--out", str(out)), 2)
    assert message in err
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_missing_output_folder(tmp_path):
    err = one_line_error(run("report", EXAMPLE, "--out", str(tmp_path / "no" / "r.pdf")), 2)
    assert "no such folder" in err


def test_report_for_a_case_draft_then_approved_with_its_code(tmp_path, fresh_store):
    from cstr_desktop.form_loader import load_bundle
    from cstr_desktop.store import Store
    from reports.record import freeze_final_reports

    folder = fresh_store(TEAM)
    bundle = load_bundle()
    answers = {**json.loads(open(EXAMPLE, encoding="utf-8").read())["answers"], **REASONS,
               **ARRANGEMENTS, "requirements_considered": ["mhtr", "atr"]}
    with Store.open(folder, "sam", "assessor password") as sam:
        a = sam.create_assessment(bundle, "MK-2026-0412")
        sam.import_answers(bundle, a, answers)
        sam.submit_for_review(a)
    draft = tmp_path / "draft.pdf"
    proc = run("report", "--case", "MK-2026-0412", "--out", str(draft), "--data-dir",
               str(folder), "--user", "rita", password="reviewer password")
    assert proc.returncode == 0, proc.stderr
    assert "DRAFT" in pages(draft.read_bytes())[0]
    with Store.open(folder, "rita", "reviewer password") as rita:
        # As the app does: countersigned, and the final report kept in the same session.
        freeze_final_reports(rita, rita.countersign(a, "reviewer password"),
                             "2026-11-25T12:00:00+00:00")
    final = tmp_path / "final.pdf"
    proc = run("report", "--case", "MK-2026-0412", "--out", str(final), "--data-dir",
               str(folder), "--user", "sam", password="assessor password")
    assert proc.returncode == 0, proc.stderr
    code = proc.stdout.split("verification code ")[1].split(")")[0]
    text = pdf_text(final.read_bytes())
    assert "DRAFT" not in text and code in text
    assert "Countersigned by" in text and "rita" in text
    with Store.open(folder, "admin", "admin password") as admin:
        printed = [e for e in admin.audit_entries() if e["action"] == "report_printed"]
        assert len(printed) == 2 and code in printed[-1]["reason"]
    err = one_line_error(run("report", "--case", "NOPE", "--out", str(tmp_path / "n.pdf"),
                             "--data-dir", str(folder), "--user", "sam",
                             password="assessor password"), 2)
    assert "no assessment for case NOPE" in err

    # The paper copy's code checks out against the store, typed any way.
    def verify(code_text):
        return run("verify", code_text, "--data-dir", str(folder), "--user", "rita",
                   password="reviewer password")

    for typed in (code, code.lower().replace("-", " ")):
        proc = verify(typed)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith(f"{code} is the countersigned report of case "
                                      "MK-2026-0412, version 1 (the court copy, English), "
                                      "countersigned by rita")
    err = one_line_error(verify("AAAA-BBBB-CCCC-DDDD"), 1)
    assert "no countersigned report in this store has the code AAAA-BBBB-CCCC-DDDD" in err
    with Store.open(folder, "sam", "assessor password") as sam:
        sam.amend(a, "Wrong provider named")
    proc = verify(code)
    assert proc.returncode == 0 and "since been amended: the record is now version 2" in (
        proc.stdout)
