"""Input hygiene: hidden characters in names and case numbers, an answers file giving a
key twice, huge inputs, and the idle lock's setting."""

from __future__ import annotations

import io
import json
import resource

import pytest

from cli.main import main
from cstr_desktop.errors import AnswerError, CourtListError
from cstr_desktop.forms.answers import read_answers_file
from cstr_desktop.hygiene import (
    MAX_ANSWERS_FILE,
    MAX_COURT_LIST,
    disable_core_dumps,
    hidden_characters,
)
from cstr_desktop.store.court_list import parse_court_list, read_court_list

HEADER = ("hearing_date,court_name,courtroom,list_time,case_number,family_name,given_names,"
          "date_of_birth\n")
RLO, ZWSP, ZWJ, LRI, BOM = "\u202e", "\u200b", "\u200d", "\u2066", "\ufeff"


@pytest.mark.parametrize("hidden", [RLO, ZWSP, ZWJ, LRI, BOM])
@pytest.mark.parametrize("column", ["case_number", "family_name", "given_names"])
def test_a_court_list_with_a_hidden_character_in_a_name_or_case_number(hidden, column):
    row = {"case_number": "CF-1", "family_name": "Gwilym", "given_names": "Siân"}
    row[column] = row[column][:2] + hidden + row[column][2:]
    text = HEADER + (f"2026-11-23,Cardiff,1,10:00,{row['case_number']},{row['family_name']},"
                     f"{row['given_names']},1990-01-01\n")
    with pytest.raises(CourtListError) as exc:
        parse_court_list(text)
    assert exc.value.problems == [f"row 2: {column} contains a hidden character "
                                  f"({hidden_characters(hidden)[0]})"]


def test_welsh_irish_and_vietnamese_names_are_not_hidden_characters():
    for name in ("Siân", "Seán", "Nguyễn Thị Minh", "Llewellyn-Jones", "O'Brien", "Ŵyn"):
        assert hidden_characters(name) == []


@pytest.mark.parametrize("name", ["person_family_name", "person_given_names", "case_number"])
def test_an_answer_naming_the_person_or_case_refuses_a_hidden_character(tmp_path, bundle,
                                                                        name):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"schema": "cstr-answers/1",
                                "answers": {name: f"CF{RLO}-1234"}}), encoding="utf-8")
    with pytest.raises(AnswerError) as exc:
        read_answers_file(path, bundle)
    assert exc.value.code == "ANS_009" and "U+202E" in str(exc.value)


def test_other_long_answers_keep_their_joiners(bundle):
    from cstr_desktop.forms.answers import check_answer

    # A zero-width joiner is part of some scripts: only names and case numbers refuse it.
    assert check_answer(bundle, "mh_current_presentation", f"a{ZWJ}b") == f"a{ZWJ}b"


def test_an_answers_file_giving_a_key_twice_is_an_error(tmp_path):
    path = tmp_path / "twice.json"
    path.write_text('{"schema": "cstr-answers/1", "answers": {"phq9_1": 0, "phq9_1": 3}}',
                    encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["assess", str(path)], out=out, err=err) == 2
    assert err.getvalue() == (f"cstr-desktop: error: FILE_002: {path}: the key 'phq9_1' "
                              "appears twice; each question may be answered only once\n")


def test_a_huge_answers_file_is_refused_without_reading_it_all(tmp_path, bundle):
    path = tmp_path / "huge.json"
    with open(path, "wb") as fh:
        fh.truncate(MAX_ANSWERS_FILE * 50)  # 100 MiB, sparse
    with pytest.raises(AnswerError, match="larger than 2 MiB"):
        read_answers_file(path, bundle)


def test_a_huge_court_list_is_refused(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as fh:
        fh.truncate(MAX_COURT_LIST + 1)
    with pytest.raises(CourtListError, match="too large"):
        read_court_list(path)


@pytest.mark.parametrize(("value", "minutes", "warned"), [
    (5, 5.0, False), ("1", 1.0, False), (60, 60.0, False), ("0.5", 5.0, True),
    (0, 5.0, True), (-3, 5.0, True), (61, 5.0, True), ("never", 5.0, True), (None, 5.0, True),
    ("1e9", 5.0, True), ("nan", 5.0, True),
])
def test_the_idle_setting_is_checked(value, minutes, warned):
    from ui.session import checked_idle_minutes

    got, warning = checked_idle_minutes(value)
    assert got == minutes and (warning is not None) == warned


def test_an_idle_setting_out_of_range_is_said_at_start(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from cstr_desktop.trust.key_slots import FAST_KDF_FOR_TESTS
    from ui.main_window import MainWindow
    from ui.session import Session

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("idle_minutes", 0)  # would lock at once, over and over
    window = MainWindow(Session(data_dir=tmp_path / "data", kdf=FAST_KDF_FOR_TESTS), settings)
    qtbot.addWidget(window)
    assert window.idle.interval() == 5 * 60_000
    assert "not 1 to 60 minutes" in window.statusBar().currentMessage()


def test_core_dumps_are_off_in_the_process():
    assert disable_core_dumps()
    assert resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)
