"""What happened next, from treatment providers' CSV files: all or nothing, every bad row
named, each change audited with its old and new value, the figures updated."""

from __future__ import annotations

import json
from datetime import date

import pytest
from central_commands import cli
from central_factory import make_record, sample_answers
from central_outcome_data import load
from sqlalchemy import select

from central.audit import Actor
from central.config import Settings, database_url
from central.db import Database
from central.follow_up_csv import ImportRefused, english, import_csv
from central.ingest import receive
from central.keys import load_keys
from central.models import AuditEvent, CaseFacts, OrderFollowUp, TreatmentFollowUp


@pytest.fixture
def held(tmp_path):
    db = Database(Settings(data_dir=tmp_path, database_url=database_url(tmp_path, None),
                           key_dir=tmp_path / "keys"))
    db.migrate()
    data = load(db, load_keys(tmp_path / "keys"))
    yield db, data, tmp_path
    db.dispose()


def case(data, kind: str, n: int = 0) -> tuple[str, str]:
    record = data.records[kind][n]
    return record["case_number"], record["assessment_id"]


TODAY = date(2027, 1, 10)  # the checks of dates in the future do not follow the clock


def run(db, text: str):
    return import_csv(db, text.encode("utf-8"), Actor("provider", "office"), "f.csv", english,
                      today=TODAY)


def test_a_good_file_changes_what_it_names_and_audits_each_change(held):
    db, data, _ = held
    c_case, c_id = case(data, "C")  # adjourned, then a DRR by addendum on 3 Dec
    b_case, b_id = case(data, "B")
    text = ("\ufeffCase_Number,REQUIREMENT,first_appointment_date,first_appointment_attended,"
            "attendance_notified_date,warnings,order_end,order_end_date,phq9_end\n"
            f"{c_case},drr,2026-12-08,yes,2026-12-08,,,,\n"
            f"{b_case},,,,,2,,,\n"
            f"{b_case},atr,,yes,,,,,\n")
    summary = run(db, text)
    assert (summary.rows, summary.cases, summary.changed) == (3, 2, 5)
    with db.read() as session:
        drr = session.get(TreatmentFollowUp, (c_id, "drr"))
        assert (drr.first_date, drr.first_attended, drr.notified_date) == (
            "2026-12-08", "yes", "2026-12-08")
        assert session.get(OrderFollowUp, b_id).warnings == 2
        atr = session.get(TreatmentFollowUp, (b_id, "atr"))
        assert (atr.first_date, atr.first_attended) == ("2026-11-23", "yes")  # blank kept
        facts = session.get(CaseFacts, c_id)
        assert (facts.first_known, facts.first_within5, facts.first_attended) == (1, 1, 1)
        changes = [json.loads(e.detail) for e in session.scalars(
            select(AuditEvent).where(AuditEvent.action == "follow_up_change")
            .order_by(AuditEvent.id)) if json.loads(e.detail)["via"] == "csv"]
        imports = list(session.scalars(select(AuditEvent).where(
            AuditEvent.action == "follow_up_import")))
    assert {"assessment_id": c_id, "scope": "drr", "via": "csv", "changes": {
        "first_date": [None, "2026-12-08"], "first_attended": [None, "yes"],
        "notified_date": [None, "2026-12-08"]}} in changes
    assert {"assessment_id": b_id, "scope": "order", "via": "csv",
            "changes": {"warnings": [1, 2]}} in changes
    assert {"assessment_id": b_id, "scope": "atr", "via": "csv",
            "changes": {"first_attended": ["no", "yes"]}} in changes
    assert len(imports) == 1 and json.loads(imports[0].detail)["changed"] == 5


def test_a_file_with_any_bad_row_changes_nothing_and_names_every_bad_row(held):
    db, data, _ = held
    a_case, a_id = case(data, "A")
    b_case, _ = case(data, "B")
    text = ("case_number,requirement,first_appointment_date,first_appointment_attended,"
            "attendance_notified_date,warnings,order_end,order_end_date\n"
            f"{a_case},mhtr,2026-11-26,no,,,,\n"                       # row 2: good
            "CR-1999-00001,mhtr,2026-11-26,,,,,\n"                     # 3: unknown case
            f"{a_case},,2026-11-26,,,,,\n"                             # 4: no requirement
            f"{a_case},drr,2026-11-26,,,,,\n"                          # 5: not imposed
            f"{b_case},mhtr,2026-02-30,maybe,,,,\n"                    # 6: date, yes/no
            f"{a_case},mhtr,,,2026-11-20,,,\n"                         # 7: repeat; before
            f"{b_case},,,,,many,,\n"                                   # 8: not a number
            f"{b_case},atr,2026-11-19,,,,,\n"                          # 9: before sentence
            f"{b_case},atr\n"                                          # 10: too few fields
            f"{case(data, 'G')[0]},,,,,,completed,\n")                 # 11: no end date
    with pytest.raises(ImportRefused) as refused:
        run(db, text)
    problems = refused.value.problems
    assert [p.split(":")[0] for p in problems] == [f"row {n}" for n in range(3, 12)]
    joined = "\n".join(problems)
    for words in ("row 3: central holds no accepted record with case number CR-1999-00001",
                  "row 4: requirement (mhtr, drr or atr) is needed for first_appointment_date",
                  "row 5: the order recorded for this case has no DRR",
                  "row 6: first_appointment_date: '2026-02-30' is not a date (YYYY-MM-DD); "
                  "first_appointment_attended: 'maybe' is not yes or no",
                  "row 7: repeats row 2 for the same case and requirement",
                  "row 8: warnings: 'many' is not a whole number from 0 to 99",
                  "row 11: order_end_date: how the order ended and the date it ended go "
                  "together",
                  "row 9: first_appointment_date: is before the sentence on 2026-11-20",
                  "row 10: has 2 fields, the header has 8"):
        assert words in joined, (words, joined)
    with db.read() as session:  # row 2 was good, but nothing at all was imported
        assert session.get(TreatmentFollowUp, (a_id, "mhtr")).first_attended == "yes"
        assert not list(session.scalars(select(AuditEvent).where(
            AuditEvent.action == "follow_up_import")))


@pytest.mark.parametrize(("text", "words"), [
    ("requirement,warnings\nmhtr,1\n", "header: missing column case_number"),
    ("case_number,mood\nX,calm\n", "header: unknown column(s): mood"),
    ("case_number,warnings,Warnings\nX,1,1\n", "header: column(s) given twice: warnings"),
    ("case_number,warnings\n", "the file has a header but no rows"),
    ("", "the file is empty: a header row is required"),
])
def test_the_header_is_checked_first(held, text, words):
    db, _, _ = held
    with pytest.raises(ImportRefused) as refused:
        run(db, text)
    assert refused.value.problems == [words]


def test_a_case_number_with_two_assessments_needs_the_assessment_id(held):
    db, data, folder = held
    a_case, a_id = case(data, "A", 1)
    again = make_record(data.store, answers={**sample_answers(300, "2026-11-27"),
                                             "case_number": a_case}, pdfs=False)
    assert receive(db, load_keys(folder / "keys"), again, data.device).status == "accepted"
    with pytest.raises(ImportRefused, match="has 2 assessments at central: add the "
                                            "assessment_id column"):
        run(db, f"case_number,warnings\n{a_case},1\n")
    with pytest.raises(ImportRefused, match="is not an assessment of case"):
        run(db, f"case_number,assessment_id,warnings\n{a_case},"
                f"{data.records['B'][0]['assessment_id']},1\n")
    run(db, f"case_number,assessment_id,warnings\n{a_case},{a_id},1\n")
    with db.read() as session:
        assert session.get(OrderFollowUp, a_id).warnings == 1


def test_from_the_command_line(held):
    db, data, folder = held
    a_case, a_id = case(data, "A", 2)
    good, bad = folder / "good.csv", folder / "bad.csv"
    good.write_text(f"case_number,phq9_end,gad7_end\n{a_case},3,2\n", encoding="utf-8")
    bad.write_text(f"case_number,phq9_end\n{a_case},28\nCR-1,1\n", encoding="utf-8")
    done = cli(folder, "import-follow-ups", str(good))
    assert done.returncode == 0, done.stderr
    assert "1 rows imported for 1 cases; 2 values changed" in done.stdout
    refused = cli(folder, "import-follow-ups", str(bad))
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1
    assert ("row 2: phq9_end: '28' is not a whole number from 0 to 27 | row 3: central "
            "holds no accepted record with case number CR-1 (nothing was imported)"
            ) in refused.stderr
    with db.read() as session:
        order = session.get(OrderFollowUp, a_id)
        assert (order.phq9_end, order.gad7_end) == (3, 2)
        assert session.get(CaseFacts, a_id).phq9_change == 3 - 14
