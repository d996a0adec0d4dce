"""The court list CSV: all or nothing, every bad row named, reconcile by case number."""

from __future__ import annotations

import pytest

from cstr_desktop.court_list import CourtListError, fold, parse_court_list, read_court_list

HEADER = "hearing_date,court_name,courtroom,list_time,case_number,family_name,given_names," \
         "date_of_birth,pnc_id,crn,offence"
ROWS = [
    "2026-11-25,Cardiff Magistrates' Court,2,10:00,CF-1,Gwilym,Siân,1988-03-02,,X123456,Theft",
    "2026-11-25,Cardiff Magistrates' Court,1,10:30,CF-2,Nguyễn,Thị Minh,1995-07-19,,,Assault",
    "2026-11-25,Cardiff Magistrates' Court,1,09:30,CF-3,O'Brien,Seán,1979-12-31,,,Criminal damage",
]


def csv_text(rows=ROWS, header=HEADER):
    return "\n".join([header, *rows]) + "\n"


@pytest.fixture
def store(fresh_store):
    return fresh_store({"ann": ("correct horse battery", "assessor")}, sign_in="ann")


def test_parse_a_good_list():
    cases = parse_court_list(csv_text())
    assert [c.case_number for c in cases] == ["CF-1", "CF-2", "CF-3"]
    assert cases[1].family_name == "Nguyễn" and cases[0].pnc_id is None
    assert cases[0].crn == "X123456"


def test_header_is_case_insensitive_and_bom_is_accepted(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes("\ufeff".encode() + csv_text(header=HEADER.upper()).encode())
    assert len(read_court_list(path)) == 3


def test_every_bad_row_is_named_and_nothing_is_imported(store):
    bad = ROWS + [
        "2026-11-25,Cardiff,1,25:00,CF-4,Smith,Jo,1990-01-01,,,",
        "25/11/2026,Cardiff,1,10:00,CF-5,Jones,Al,1990-01-01,,,",
        "2026-11-25,Cardiff,1,10:00,,Evans,Di,1990-01-01,,,",
        "2026-11-25,Cardiff,1,10:00,CF-1,Dup,Row,1990-01-01,,,",
        "2026-11-25,Cardiff,1,10:00,CF-6,Short,Row",
        "2026-11-25,Cardiff,1,10:00,CF-7,Born,Later,2027-01-01,,,",
    ]
    with pytest.raises(CourtListError) as exc:
        parse_court_list(csv_text(bad))
    problems = exc.value.problems
    assert [p.split(":")[0] for p in problems] == [
        "row 5", "row 6", "row 7", "row 8", "row 9", "row 10"]
    assert "list_time '25:00' is not a time" in problems[0]
    assert "hearing_date '25/11/2026' is not a date" in problems[1]
    assert "case_number is empty" in problems[2]
    assert "also on row 2" in problems[3]
    assert "has 7 fields, the header has 11" in problems[4]
    assert "date_of_birth is after hearing_date" in problems[5]
    assert "nothing was imported" in str(exc.value)
    assert store.cases() == []


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"), (HEADER + "\n", "no rows"),
    ("hearing_date,court_name\n2026-11-25,X\n", "missing columns: courtroom, list_time"),
    (HEADER + ",ward\n", "unknown column: ward"),
])
def test_bad_files(text, message):
    with pytest.raises(CourtListError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_court_list(text)


def test_not_utf8(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(csv_text(ROWS[:1]).encode("cp1252"))
    with pytest.raises(CourtListError, match="not UTF-8"):
        read_court_list(path)


def test_import_lists_by_time_and_courtroom(store):
    plan = store.import_court_list(parse_court_list(csv_text()))
    assert plan.summary() == "3 added, 0 changed, 0 unchanged, 0 removed"
    day = store.cases(day="2026-11-25")
    assert [c["case_number"] for c in day] == ["CF-3", "CF-1", "CF-2"]
    assert {c["status"] for c in day} == {"listed"}


def test_reimport_reconciles_and_keeps_started_work(store, bundle):
    store.import_court_list(parse_court_list(csv_text()))
    assessment = store.start_assessment(bundle, "CF-1")
    store.save_answer(bundle, assessment, "phq9_1", 2)
    store.start_assessment(bundle, "CF-2")  # opened; prefilled but nothing else
    new_rows = [
        ROWS[1].replace("10:30", "11:15"),  # CF-2 moved
        ROWS[2],                              # CF-3 unchanged
        "2026-11-25,Cardiff Magistrates' Court,3,12:00,CF-9,Price,Ffion,2001-05-05,,,",
    ]  # CF-1 (started) is no longer listed
    plan = store.import_court_list(parse_court_list(csv_text(new_rows)))
    assert [c.case_number for c in plan.added] == ["CF-9"]
    assert [(c.case_number, d) for c, d in plan.changed] == [
        ("CF-2", {"list_time": ("10:30", "11:15")})]
    assert plan.unchanged == ["CF-3"] and plan.removed == [] and plan.kept_with_work == ["CF-1"]
    assert "kept because work has started (CF-1)" in plan.summary()
    kept = store.case("CF-1")
    assert kept["listing"] == "off_list" and kept["status"] == "draft"
    assert store.answers(assessment)["phq9_1"] == 2
    assert [c["case_number"] for c in store.cases(day="2026-11-25")] == [
        "CF-3", "CF-1", "CF-2", "CF-9"]


def test_reimport_removes_unstarted_cases(store):
    store.import_court_list(parse_court_list(csv_text()))
    plan = store.import_court_list(parse_court_list(csv_text(ROWS[:2])))
    assert plan.removed == ["CF-3"]
    assert [c["case_number"] for c in store.cases()] == ["CF-1", "CF-2"]


def test_start_assessment_fills_in_the_listing(store, bundle):
    store.import_court_list(parse_court_list(csv_text()))
    a = store.start_assessment(bundle, "CF-2")
    assert store.start_assessment(bundle, "CF-2") == a  # one assessment per case
    answers = store.answers(a)
    assert answers["person_family_name"] == "Nguyễn"
    assert answers["person_dob"] == "1995-07-19" and answers["list_time"] == "10:30"
    assert store.assessment(a)["case_number"] == "CF-2"


def test_manual_add(store):
    from cstr_desktop.court_list import ListedCase

    store.add_case(ListedCase("2026-11-25", "Cardiff", "4", "14:00", "M-1", "Ali", "Sara",
                              "2000-02-02"))
    assert store.case("M-1")["listing"] == "manual"
    with pytest.raises(Exception, match="already listed"):
        store.add_case(ListedCase("2026-11-25", "Cardiff", "4", "14:00", "M-1", "X", "Y",
                                  "2000-02-02"))


@pytest.mark.parametrize(("query", "found"), [
    ("gwilym", ["CF-1"]), ("GWIL", ["CF-1"]), ("sian", ["CF-1"]), ("Siân", ["CF-1"]),
    ("nguyen", ["CF-2"]), ("thi minh", ["CF-2"]), ("o'brien", ["CF-3"]), ("obrien", ["CF-3"]),
    ("O Brien", ["CF-3"]), ("brien", ["CF-3"]), ("obri", ["CF-3"]),
    ("CF-3", ["CF-3"]), ("cf", ["CF-3", "CF-1", "CF-2"]), ("X123456", ["CF-1"]),
    ("zzz", []), ("", []), ("\"*(", []),
])
def test_search_folds_diacritics_and_case(store, query, found):
    store.import_court_list(parse_court_list(csv_text()))
    assert [c["case_number"] for c in store.cases(search=query)] == found


def test_fold():
    assert fold("Nguyễn Đức") == "nguyen duc"
    assert fold("SIÂN") == "sian"


def test_search_within_a_day(store):
    store.import_court_list(parse_court_list(csv_text()))
    other_day = ROWS[0].replace("2026-11-25", "2026-11-26").replace("CF-1", "CF-8")
    store.import_court_list(parse_court_list(csv_text([other_day])))
    assert [c["case_number"] for c in store.cases(search="gwil")] == ["CF-8", "CF-1"]
    assert [c["case_number"] for c in store.cases(day="2026-11-25", search="gwil")] == ["CF-1"]
    assert [c["case_number"] for c in store.cases(day="2026-11-26", search="cf 8")] == ["CF-8"]
    assert store.cases(day="2026-11-25", search="nobody") == []


def test_search_limit_keeps_the_most_recent(store):
    store.import_court_list(parse_court_list(csv_text()))
    assert [c["case_number"] for c in store.cases(search="cf", limit=1)] == ["CF-3"]


def test_opening_a_case_leaves_it_listed_until_a_person_answers(store, bundle):
    store.import_court_list(parse_court_list(csv_text()))
    assessment = store.start_assessment(bundle, "CF-1")
    assert store.answers(assessment)  # the listing details, copied in
    assert store.case("CF-1")["status"] == "listed"
    store.save_answer(bundle, assessment, "interpreter_used", "no")
    assert store.case("CF-1")["status"] == "draft"


def test_the_plan_is_the_import_and_looking_changes_nothing(store):
    store.import_court_list(parse_court_list(csv_text()))
    before = store.cases(day="2026-11-25")
    plan = store.plan_court_list(parse_court_list(csv_text().replace("Gwilym", "Gwillim")))
    assert [c.case_number for c, _ in plan.changed] == ["CF-1"]
    assert plan.identity_changed(plan.changed[0][1]) == ["family_name"]
    assert plan.names["CF-1"].startswith("Gwilym,")
    assert store.cases(day="2026-11-25") == before
