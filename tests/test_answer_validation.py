"""Answer validation against the shipped form, and reading an answers file.

Each fault has a code (``ANS_001``..``ANS_010``, ``FILE_001``..``FILE_003``)
and a message naming the question. Boundary values are accepted. Hypothesis
then throws random answers and random JSON documents at the checker: it must
return the accepted answers or raise an AnswerError with a known code.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.fuzz import examples

from cstr_desktop.answers import (
    ANSWERS_SCHEMA,
    answers_document,
    check_answer,
    check_answers,
    is_valid_nhs_number,
    parse_answers_document,
    read_answers_file,
)
from cstr_desktop.form_errors import ANSWER_CODES, AnswerError
from cstr_desktop.form_loader import load_bundle, possible_values

# For parametrize lists, and for Hypothesis tests (whose failure reports would
# otherwise print the whole bundle); the other tests use the `bundle` fixture.
_BUNDLE = load_bundle()
LATEST = _BUNDLE.version
QUESTIONS = dict(_BUNDLE.questions)


def names_of(type_: str) -> list[str]:
    return [n for n, q in QUESTIONS.items() if q.type == type_]


INTEGER_QUESTIONS = names_of("integer")
SINGLE_CHOICE = names_of("single_choice")
MULTI_CHOICE = names_of("multi_choice")
YES_NO = names_of("yes_no")
NOTES = names_of("note")
DATES = names_of("date")
TIMES = names_of("time")
ONE_LINE_TEXT = [n for n in names_of("text") if QUESTIONS[n].format is None]
LONG_TEXT = names_of("long_text")


def fault(bundle, name: str, value: Any, answers: dict | None = None) -> AnswerError:
    with pytest.raises(AnswerError) as info:
        check_answer(bundle, name, value, answers)
    return info.value


def assert_fault(err: AnswerError, code: str, question: str | None, *fragments: str) -> None:
    assert err.code == code, str(err)
    assert err.question == question
    message = str(err)
    if question is None:
        assert message.startswith(f"{code}: ")
    else:
        assert message.startswith(f"{code}: '{question}': ")
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def answers_fault(bundle, answers: Any) -> AnswerError:
    with pytest.raises(AnswerError) as info:
        check_answers(bundle, answers)
    return info.value


def test_the_question_tables_are_the_shipped_ones():
    # Guards the parametrizations below against an empty or changed form.
    assert set(INTEGER_QUESTIONS) >= {"sadq_total", "drr_period_months", "core10_total"}
    assert {"phq9_1", "audit_9", "audit_10", "language_preference"} <= set(SINGLE_CHOICE)
    assert "language_offer_script" in NOTES
    assert {"person_dob", "hearing_date", "offence_date"} <= set(DATES)
    assert QUESTIONS["nhs_number"].format == "nhs_number"


# --------------------------------------------------------------------------
# ANS_001: unknown question id
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["custodi", "phq9_10", "PHQ9_1", "phq9_1 ", "ünïcode"])
def test_unknown_id_is_ans_001(bundle, name):
    err = fault(bundle, name, "yes")
    assert_fault(err, "ANS_001", name, "no question has this id",
                 f"'cstr_court_day' version {LATEST}")


def test_empty_id_is_ans_001(bundle):
    # AnswerError leaves an empty id out of the message ("if question:"), so
    # only the code and the attribute can be checked here.
    err = fault(bundle, "", "yes")
    assert (err.code, err.question) == ("ANS_001", "")
    assert str(err).startswith("ANS_001: no question has this id")


def test_unknown_id_among_answers_is_ans_001(bundle):
    err = answers_fault(bundle, {"convicted": "yes", "custodi": 1})
    assert_fault(err, "ANS_001", "custodi")


def test_unknown_id_is_found_even_when_its_value_is_null(bundle):
    err = answers_fault(bundle, {"custodi": None})
    assert_fault(err, "ANS_001", "custodi")


def test_unknown_id_is_reported_before_a_bad_value(bundle):
    err = answers_fault(bundle, {"phq9_1": 9, "custodi": 1})
    assert_fault(err, "ANS_001", "custodi")


# --------------------------------------------------------------------------
# ANS_002: wrong type of value
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "value", "shown"), [
    ("sadq_total", "12", 'text "12"'),
    ("sadq_total", True, "true/false true"),
    ("sadq_total", False, "true/false false"),
    ("sadq_total", 12.0, "a decimal number 12.0"),
    ("sadq_total", 12.5, "a decimal number 12.5"),
    ("drr_period_months", "12", 'text "12"'),
    ("drr_period_months", [12], "a list [12]"),
    ("drr_period_months", {"months": 12}, "an object"),
    ("drr_period_months", float("inf"), "a decimal number Infinity"),
    ("drr_period_months", float("nan"), "a decimal number NaN"),
])
def test_not_a_whole_number_for_an_integer_is_ans_002(bundle, name, value, shown):
    err = fault(bundle, name, value)
    assert_fault(err, "ANS_002", name, "expected a whole number", shown)


@pytest.mark.parametrize(("name", "value", "shown"), [
    ("convicted", 1, "a whole number 1"),
    ("convicted", 0, "a whole number 0"),
    ("convicted", True, "true/false true"),
    ("convicted", ["yes"], 'a list ["yes"]'),
    ("phq9_1", "3", 'text "3"'),
    ("phq9_1", True, "true/false true"),
    ("phq9_1", 1.0, "a decimal number 1.0"),
    ("audit_version", 0, "a whole number 0"),
    ("language_preference", {"en": True}, "an object"),
])
def test_wrong_type_for_a_choice_is_ans_002(bundle, name, value, shown):
    err = fault(bundle, name, value)
    assert_fault(err, "ANS_002", name, shown)


@pytest.mark.parametrize(("value", "fragment"), [
    ("cannabis", 'expected a list of choices, got text "cannabis"'),
    ({"cannabis": True}, "expected a list of choices, got an object"),
    ([], "choose at least one option"),
    (["cannabis", "cannabis"], "listed more than once"),
    (["cannabis", 1], "a whole number 1"),
    ([["cannabis"]], "a list"),
])
def test_bad_multi_choice_shape_is_ans_002(bundle, value, fragment):
    err = fault(bundle, "drug_substances", value)
    assert_fault(err, "ANS_002", "drug_substances", fragment)


@pytest.mark.parametrize(("name", "value"), [
    ("person_family_name", 12),
    ("person_family_name", ["Example"]),
    ("address", {"line1": "1 Street"}),
    ("nhs_number", 9434765919),
    ("mh_history", True),
])
def test_not_text_for_a_text_question_is_ans_002(bundle, name, value):
    err = fault(bundle, name, value)
    assert_fault(err, "ANS_002", name, "expected text")


# --------------------------------------------------------------------------
# ANS_003: out of range
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "value", "range_"), [
    ("sadq_total", 61, "0–60"),
    ("sadq_total", -1, "0–60"),
    ("sadq_total", 10**30, "0–60"),
    ("drr_period_months", 0, "1–60"),
    ("drr_period_months", 61, "1–60"),
    ("dast10_total", 11, "0–10"),
    ("drr_review_interval_months", 13, "1–12"),
])
def test_integer_out_of_range_is_ans_003(bundle, name, value, range_):
    err = fault(bundle, name, value)
    assert_fault(err, "ANS_003", name, f"{value} is out of range {range_}")


def test_an_integer_too_long_to_print_is_still_ans_003(bundle):
    # Python refuses to turn a 5,000-digit int into text; the message must not.
    err = fault(bundle, "sadq_total", 10**5000)
    assert_fault(err, "ANS_003", "sadq_total", "out of range 0–60", "digits")


@pytest.mark.parametrize(("name", "value", "fragment"), [
    ("person_dob", "1899-12-31", "before the earliest allowed, 1900-01-01"),
    ("hearing_date", "1999-12-31", "before the earliest allowed, 2000-01-01"),
])
def test_date_before_its_minimum_is_ans_003(bundle, name, value, fragment):
    err = fault(bundle, name, value)
    assert_fault(err, "ANS_003", name, fragment)


# --------------------------------------------------------------------------
# ANS_004: not one of the choices
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "value", "allowed"), [
    ("convicted", "maybe", '["yes", "no"]'),
    ("convicted", "Yes", '["yes", "no"]'),
    ("convicted", "", '["yes", "no"]'),
    ("phq9_1", 4, "[0, 1, 2, 3]"),
    ("phq9_1", -1, "[0, 1, 2, 3]"),
    ("audit_9", 1, "[0, 2, 4]"),
    ("audit_9", 3, "[0, 2, 4]"),
    ("audit_10", 5, "[0, 2, 4]"),
    ("audit_version", "us", '["who", "uk"]'),
    ("language_preference", "fr", '["en", "cy"]'),
])
def test_value_not_among_the_choices_is_ans_004(bundle, name, value, allowed):
    err = fault(bundle, name, value)
    assert_fault(err, "ANS_004", name, f"{json.dumps(value)} is not one of {allowed}")


def test_multi_choice_item_not_among_the_choices_is_ans_004(bundle):
    err = fault(bundle, "drug_substances", ["cannabis", "heroin"])
    assert_fault(err, "ANS_004", "drug_substances", '"heroin" is not one of')


# --------------------------------------------------------------------------
# ANS_005: not a valid date
# --------------------------------------------------------------------------


@pytest.mark.parametrize("value", [
    "2026-02-30", "2026-13-01", "2026-00-10", "23/11/2026", "2026-1-5", "2026/11/23",
    "2026-11-23T10:00", "20261123", "", " 2026-11-23", "2026-11-23\n", "23 November 2026",
    "\u0662\u0660\u0662\u0666-\u0661\u0661-\u0662\u0663",  # Arabic-Indic digits
    20261123, None, ["2026-11-23"],
])
def test_not_a_date_is_ans_005(bundle, value):
    err = fault(bundle, "hearing_date", value)
    assert_fault(err, "ANS_005", "hearing_date", "expected a date as YYYY-MM-DD")


# --------------------------------------------------------------------------
# ANS_006: not a valid time
# --------------------------------------------------------------------------


@pytest.mark.parametrize("value", [
    "24:00", "9:30", "09:60", "09:30:00", "0930", "09.30", "", " 09:30", "09:30\n",
    "\uff10\uff19:\uff13\uff10",  # full-width digits
    "\u0660\u0669:\u0663\u0660",  # Arabic-Indic digits
    930, 9.5, None,
])
def test_not_a_time_is_ans_006(bundle, value):
    err = fault(bundle, "list_time", value)
    assert_fault(err, "ANS_006", "list_time", "expected a time as HH:MM (24-hour)")


@pytest.mark.parametrize("value", ["00:00", "09:30", "19:59", "23:59"])
def test_valid_times_are_accepted(bundle, value):
    assert check_answer(bundle, "list_time", value) == value


# --------------------------------------------------------------------------
# ANS_007: a note takes no answer
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", NOTES)
@pytest.mark.parametrize("value", ["read", "yes", True, 1])
def test_answering_a_note_is_ans_007(bundle, name, value):
    err = fault(bundle, name, value)
    assert_fault(err, "ANS_007", name, "takes no answer")


def test_null_for_a_note_is_simply_unanswered(bundle):
    assert check_answers(bundle, {"language_offer_script": None, "convicted": "yes"}) == {
        "convicted": "yes"}


# --------------------------------------------------------------------------
# ANS_008: NHS number format
# --------------------------------------------------------------------------


def nhs_check_digit(nine: str) -> int | None:
    """The modulus-11 check digit of nine digits; None when there is none (11 - r == 10)."""
    total = sum(int(d) * (10 - i) for i, d in enumerate(nine))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def test_check_digit_helper_agrees_with_a_published_example():
    assert nhs_check_digit("943476591") == 9


# First nine digits with no possible check digit: every completion is invalid.
NO_CHECK_DIGIT = next(f"{n:09d}" for n in range(100_000_000, 200_000_000)
                      if nhs_check_digit(f"{n:09d}") is None)


@pytest.mark.parametrize("value", [
    "943 476 5919", "9434765919", "401 023 2137", "0000000000",
    *[f"{nine[:3]} {nine[3:6]} {nine[6:]}{nhs_check_digit(nine)}"
      for nine in ("123456788", "987654321", "450557710", "600000001")
      if nhs_check_digit(nine) is not None],
])
def test_valid_nhs_numbers_are_accepted(bundle, value):
    assert is_valid_nhs_number(value)
    assert check_answer(bundle, "nhs_number", value) == value


@pytest.mark.parametrize("value", [
    "943 476 5918", "9434765910", "943476591", "94347659190", "abcdefghij", "",
    "943-476-5919", "943\t476\t5919", NO_CHECK_DIGIT + "0", NO_CHECK_DIGIT + "1",
    "\u0669\u0664\u0663\u0664\u0667\u0666\u0665\u0669\u0661\u0669",  # Arabic-Indic 9434765919
    "\uff19\uff14\uff13\uff14\uff17\uff16\uff15\uff19\uff11\uff19",  # full-width 9434765919
])
def test_invalid_nhs_numbers_are_ans_008(bundle, value):
    assert not is_valid_nhs_number(value)
    err = fault(bundle, "nhs_number", value)
    assert_fault(err, "ANS_008", "nhs_number", "not a valid NHS number")


@pytest.mark.fuzz
@settings(max_examples=examples(300), deadline=None)
@given(nine=st.text(alphabet="0123456789", min_size=9, max_size=9),
       last=st.integers(0, 9), spaced=st.booleans())
def test_nhs_number_is_valid_exactly_when_its_check_digit_is(nine, last, spaced):
    bundle = _BUNDLE
    number = nine + str(last)
    if spaced:
        number = f"{number[:3]} {number[3:6]} {number[6:]}"
    expected = nhs_check_digit(nine) == last
    assert is_valid_nhs_number(number) is expected
    if expected:
        assert check_answer(bundle, "nhs_number", number) == number
    else:
        err = fault(bundle, "nhs_number", number)
        assert_fault(err, "ANS_008", "nhs_number")


# --------------------------------------------------------------------------
# ANS_009: control characters, line breaks, length
# --------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f",
                                  "\x7f", "\x85", "\x9f"])
@pytest.mark.parametrize("name", ["person_family_name", "mh_history"])
def test_control_character_is_ans_009(bundle, name, char):
    err = fault(bundle, name, f"Exam{char}ple")
    assert_fault(err, "ANS_009", name, f"control character U+{ord(char):04X} at position 4")


@pytest.mark.parametrize("value", ["Exam\nple", "Exam\rple", "Example\r\n", "\n"])
@pytest.mark.parametrize("name", ONE_LINE_TEXT[:4] + ["nhs_number"])
def test_line_break_in_one_line_text_is_ans_009(bundle, name, value):
    err = fault(bundle, name, value)
    assert_fault(err, "ANS_009", name, "a one-line answer cannot contain a line break")


@pytest.mark.parametrize("value", ["Line one\nline two", "Windows\r\nlines", "a\ttab",
                                   "Welsh: ŵ ŷ â", "emoji 🙂"])
def test_long_text_takes_line_breaks_and_tabs(bundle, value):
    assert check_answer(bundle, "mh_history", value) == value


@pytest.mark.parametrize(("name", "limit"), [
    ("case_number", 40), ("pnc_id", 20), ("person_family_name", 200), ("address", 500),
    ("mh_history", 20_000),
])
def test_text_longer_than_its_limit_is_ans_009(bundle, name, limit):
    assert QUESTIONS[name].max_length == limit
    assert check_answer(bundle, name, "x" * limit) == "x" * limit
    err = fault(bundle, name, "x" * (limit + 1))
    assert_fault(err, "ANS_009", name, f"{limit + 1} characters long", f"most allowed is {limit}")


def test_text_length_counts_characters_not_bytes(bundle):
    assert check_answer(bundle, "case_number", "ŵ" * 40) == "ŵ" * 40


# --------------------------------------------------------------------------
# ANS_010: inconsistent with another answer
# --------------------------------------------------------------------------


def test_date_of_birth_after_hearing_is_ans_010(bundle):
    err = answers_fault(bundle, {"person_dob": "2027-01-01", "hearing_date": "2026-11-23"})
    assert_fault(err, "ANS_010", "person_dob", "2027-01-01 is after hearing_date (2026-11-23)")


def test_offence_after_hearing_is_ans_010(bundle):
    err = answers_fault(bundle, {"offence_date": "2026-11-24", "hearing_date": "2026-11-23"})
    assert_fault(err, "ANS_010", "offence_date", "after hearing_date")


def test_single_answer_check_uses_the_other_answers(bundle):
    err = fault(bundle, "person_dob", "2026-11-24", {"hearing_date": "2026-11-23"})
    assert_fault(err, "ANS_010", "person_dob", "hearing_date")
    assert check_answer(bundle, "person_dob", "2026-11-24") == "2026-11-24"


@pytest.mark.parametrize("hearing", [None, "not a date", "2026-02-30"])
def test_date_limit_without_a_valid_other_date_is_not_applied(bundle, hearing):
    assert check_answer(bundle, "person_dob", "2026-11-24", {"hearing_date": hearing}) \
        == "2026-11-24"


def test_date_of_birth_on_the_hearing_day_is_accepted(bundle):
    answers = {"person_dob": "2026-11-23", "hearing_date": "2026-11-23"}
    assert check_answers(bundle, answers) == answers


# --------------------------------------------------------------------------
# Boundaries accepted
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", INTEGER_QUESTIONS)
def test_integer_limits_are_accepted_and_one_beyond_rejected(bundle, name):
    q = bundle.questions[name]
    assert q.min is not None and q.max is not None
    assert check_answer(bundle, name, q.min) == q.min
    assert check_answer(bundle, name, q.max) == q.max
    for outside in (q.min - 1, q.max + 1):
        assert_fault(fault(bundle, name, outside), "ANS_003", name)


@pytest.mark.parametrize("name", [f"phq9_{i}" for i in range(1, 10)]
                         + [f"gad7_{i}" for i in range(1, 8)])
@pytest.mark.parametrize("value", [0, 1, 2, 3])
def test_every_phq9_and_gad7_item_value_is_accepted(bundle, name, value):
    assert check_answer(bundle, name, value) == value


@pytest.mark.parametrize("name", ["audit_9", "audit_10"])
def test_audit_9_and_10_take_0_2_and_4(bundle, name):
    assert [c.value for c in bundle.choices(bundle.questions[name])] == [0, 2, 4]
    for value in (0, 2, 4):
        assert check_answer(bundle, name, value) == value
    for value in (1, 3, 5, -2):
        assert_fault(fault(bundle, name, value), "ANS_004", name)


@pytest.mark.parametrize("name", SINGLE_CHOICE + YES_NO)
def test_every_choice_of_every_question_is_accepted(bundle, name):
    allowed = possible_values(bundle.questions[name], bundle)
    assert allowed
    for value in allowed:
        assert check_answer(bundle, name, value) == value


@pytest.mark.parametrize("name", MULTI_CHOICE)
def test_every_choice_alone_and_all_together_are_accepted(bundle, name):
    allowed = possible_values(bundle.questions[name], bundle)
    for value in allowed:
        assert check_answer(bundle, name, [value]) == [value]
    assert check_answer(bundle, name, list(reversed(allowed))) == list(reversed(allowed))


@pytest.mark.parametrize(("name", "value"), [
    ("person_dob", "1900-01-01"), ("hearing_date", "2000-01-01"), ("hearing_date", "2099-12-31"),
    ("mhtr_first_appointment_date", "2024-02-29"), ("offence_date", "0001-01-01"),
])
def test_date_boundaries_are_accepted(bundle, name, value):
    assert check_answer(bundle, name, value) == value


def test_shipped_examples_are_accepted_unchanged(bundle, example_answers):
    for name in ("example_mhtr_primary", "example_mhtr_atr_dual", "example_incomplete"):
        answers = example_answers(name)
        checked = check_answers(bundle, answers)
        assert checked == {k: v for k, v in answers.items() if v is not None}


def test_check_answers_drops_nulls_and_keeps_form_order(bundle):
    checked = check_answers(bundle, {"phq9_1": 0, "convicted": "yes", "courtroom": None})
    assert checked == {"convicted": "yes", "phq9_1": 0}
    assert list(checked) == ["convicted", "phq9_1"]


def test_check_answers_reports_the_first_fault_in_form_order(bundle):
    err = answers_fault(bundle, {"phq9_1": 7, "convicted": "maybe"})
    assert_fault(err, "ANS_004", "convicted")


@pytest.mark.parametrize("answers", [["convicted"], "convicted=yes", 3, None])
def test_answers_that_are_not_an_object_are_file_003(bundle, answers):
    err = answers_fault(bundle, answers)
    assert_fault(err, "FILE_003", None, "'answers' must be an object")


# --------------------------------------------------------------------------
# Answers files
# --------------------------------------------------------------------------


def write(tmp_path: Path, content: str | bytes, name: str = "answers.json") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def file_fault(path: Path, bundle) -> AnswerError:
    with pytest.raises(AnswerError) as info:
        read_answers_file(path, bundle)
    return info.value


def test_a_good_file_is_read(tmp_path, bundle):
    path = write(tmp_path, json.dumps(answers_document({"convicted": "yes", "phq9_9": 3})))
    assert read_answers_file(path, bundle) == {"convicted": "yes", "phq9_9": 3}
    assert read_answers_file(str(path), bundle) == {"convicted": "yes", "phq9_9": 3}


def test_missing_file_is_file_001(tmp_path, bundle):
    path = tmp_path / "nowhere.json"
    assert_fault(file_fault(path, bundle), "FILE_001", None, "no such file", str(path))


def test_folder_is_file_001(tmp_path, bundle):
    assert_fault(file_fault(tmp_path, bundle), "FILE_001", None, "is a folder", str(tmp_path))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="permissions do not stop root")
def test_unreadable_file_is_file_001(tmp_path, bundle):
    path = write(tmp_path, json.dumps(answers_document({})))
    path.chmod(0)
    try:
        assert_fault(file_fault(path, bundle), "FILE_001", None, "cannot read")
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize("content", [
    b"\xff\xfe{\x00}\x00",
    b'{"schema": "cstr-answers/1", "answers": {"person_family_name": "Caf\xe9"}}',
    b"\x80",
])
def test_not_utf8_is_file_002(tmp_path, bundle, content):
    path = write(tmp_path, content)
    assert_fault(file_fault(path, bundle), "FILE_002", None, "not UTF-8", str(path))


@pytest.mark.parametrize(("content", "fragment"), [
    ("{not json", "line 1, column 2"),
    ("", "line 1, column 1"),
    ('{"schema": "cstr-answers/1",\n "answers": {},}', "line 2"),
    ("{'schema': 'cstr-answers/1'}", "line 1"),
    ('{"schema": "cstr-answers/1"} trailing', "Extra data"),
    ("\ufeff", "line 1"),
])
def test_invalid_json_is_file_002(tmp_path, bundle, content, fragment):
    path = write(tmp_path, content)
    assert_fault(file_fault(path, bundle), "FILE_002", None, "is not valid JSON", fragment)


def test_number_too_long_for_python_is_file_002(tmp_path, bundle):
    path = write(tmp_path, '{"schema": "cstr-answers/1", "answers": {"sadq_total": '
                 + "1" * 5000 + "}}")
    assert_fault(file_fault(path, bundle), "FILE_002", None, "is not valid JSON")


def test_json_nested_too_deeply_is_file_002(tmp_path, bundle):
    path = write(tmp_path, '{"schema": "cstr-answers/1", "answers": {"address": '
                 + "[" * 200_000 + "]" * 200_000 + "}}")
    assert_fault(file_fault(path, bundle), "FILE_002", None, "nested too deeply")


@pytest.mark.parametrize(("document", "fragment"), [
    ([], "a JSON object with 'schema' and 'answers'"),
    ("cstr-answers/1", "a JSON object"),
    (None, "a JSON object"),
    ({"answers": {}}, "'schema' must be \"cstr-answers/1\", got null"),
    ({"schema": "cstr-answers/2", "answers": {}}, 'got "cstr-answers/2"'),
    ({"schema": "CSTR-ANSWERS/1", "answers": {}}, 'got "CSTR-ANSWERS/1"'),
    ({"schema": 1, "answers": {}}, "got 1"),
    ({"schema": ANSWERS_SCHEMA}, "no 'answers' object"),
    ({"schema": ANSWERS_SCHEMA, "answers": []}, "'answers' must be an object"),
    ({"schema": ANSWERS_SCHEMA, "answers": "convicted"}, "got text"),
    ({"schema": ANSWERS_SCHEMA, "answers": None}, "got null"),
])
def test_wrong_schema_is_file_003(tmp_path, bundle, document, fragment):
    path = write(tmp_path, json.dumps(document))
    assert_fault(file_fault(path, bundle), "FILE_003", None, fragment)


def test_answer_fault_in_a_file_names_the_question(tmp_path, bundle):
    path = write(tmp_path, json.dumps(answers_document({"drr_period_months": "12"})))
    assert_fault(file_fault(path, bundle), "ANS_002", "drr_period_months")


def test_nulls_in_a_file_are_unanswered(tmp_path, bundle):
    document = answers_document({"convicted": "yes", "phq9_1": None, "nhs_number": None,
                                 "language_offer_script": None})
    path = write(tmp_path, json.dumps(document))
    assert read_answers_file(path, bundle) == {"convicted": "yes"}


def test_utf8_bom_is_accepted(tmp_path, bundle):
    document = answers_document({"person_family_name": "Llŷr", "convicted": "no"})
    path = write(tmp_path, b"\xef\xbb\xbf" + json.dumps(document, ensure_ascii=False)
                 .encode("utf-8"))
    assert read_answers_file(path, bundle) == {"person_family_name": "Llŷr", "convicted": "no"}


def test_extra_top_level_keys_are_allowed(tmp_path, bundle):
    # An export may add keys (contract section 2).
    document = {**answers_document({"convicted": "yes"}), "exported_at": "2026-11-23T10:00"}
    path = write(tmp_path, json.dumps(document))
    assert read_answers_file(path, bundle) == {"convicted": "yes"}


def test_json_nan_for_an_integer_is_ans_002(tmp_path, bundle):
    path = write(tmp_path, '{"schema": "cstr-answers/1", "answers": {"sadq_total": NaN}}')
    assert_fault(file_fault(path, bundle), "ANS_002", "sadq_total")


# --------------------------------------------------------------------------
# Hypothesis: random answers give accepted answers or coded errors only
# --------------------------------------------------------------------------

QUESTION_IDS = sorted(QUESTIONS)
SCALARS = (st.none() | st.booleans() | st.integers()
           | st.integers(min_value=-(10**60), max_value=10**60) | st.integers(-2, 62)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text()
           | st.text(alphabet="0123456789-: /", max_size=12)
           | st.sampled_from(["yes", "no", "en", "cy", "cannabis", "mhtr", "uk", "who",
                              "2026-11-23", "1990-04-12", "2027-01-01", "09:30", "24:00",
                              "943 476 5919", "9434765919", "other", ""]))
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner,
                                                                 max_size=5),
    max_leaves=15,
)
ANSWER_VALUES = SCALARS | st.lists(SCALARS, max_size=4) | JSON
KEYS = st.sampled_from(QUESTION_IDS) | st.text(max_size=20)
ANSWERS = st.dictionaries(KEYS, ANSWER_VALUES, max_size=12)


def assert_checked_or_coded(call, answers: Any = None) -> dict | None:
    try:
        result = call()
    except AnswerError as err:
        assert err.code in ANSWER_CODES, err
        assert str(err).startswith(f"{err.code}: ")
        if err.question:
            assert f"'{err.question}'" in str(err)
            if isinstance(answers, dict):
                assert err.question in answers
        return None
    assert isinstance(result, dict)
    return result


@pytest.mark.fuzz
@settings(max_examples=examples(300), deadline=None)
@given(answers=ANSWERS)
def test_random_answers_are_checked_or_coded(answers):
    bundle = _BUNDLE
    result = assert_checked_or_coded(lambda: check_answers(bundle, answers), answers)
    if result is not None:
        assert result == {k: v for k, v in answers.items() if v is not None}
        assert set(result) <= set(bundle.questions)


@pytest.mark.fuzz
@settings(max_examples=examples(300), deadline=None)
@given(name=st.sampled_from(QUESTION_IDS), value=ANSWER_VALUES)
def test_random_single_answers_are_checked_or_coded(name, value):
    bundle = _BUNDLE
    try:
        assert check_answer(bundle, name, value) is value
    except AnswerError as err:
        assert err.code in ANSWER_CODES and err.code.startswith("ANS_")
        assert err.question == name


@pytest.mark.fuzz
@settings(max_examples=examples(300), deadline=None)
@given(document=JSON | st.fixed_dictionaries(
    {"schema": st.just(ANSWERS_SCHEMA) | JSON, "answers": ANSWERS | JSON}))
def test_random_json_documents_are_checked_or_coded(document):
    bundle = _BUNDLE
    assert_checked_or_coded(lambda: parse_answers_document(document, bundle))


@pytest.mark.fuzz
@settings(max_examples=examples(150), deadline=None)
@given(content=st.binary(max_size=200) | st.text(max_size=200).map(str.encode)
       | ANSWERS.map(lambda a: json.dumps(answers_document(a)).encode()))
def test_random_file_contents_are_checked_or_coded(content):
    bundle = _BUNDLE
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.json"
        path.write_bytes(content)
        assert_checked_or_coded(lambda: read_answers_file(path, bundle))


# --------------------------------------------------------------------------
# Hypothesis: answers drawn from the questions' own rules are all accepted
# --------------------------------------------------------------------------

SAFE_TEXT_CHARS = st.characters(blacklist_categories=("Cs", "Cc"))


def valid_value(q: Any, draw, chosen: dict[str, Any]) -> Any:
    if q.type == "text":
        if q.format == "nhs_number":
            nine = draw(st.text(alphabet="0123456789", min_size=9, max_size=9).filter(
                lambda n: nhs_check_digit(n) is not None))
            return nine + str(nhs_check_digit(nine))
        return draw(st.text(alphabet=SAFE_TEXT_CHARS, max_size=min(q.max_length, 40)))
    if q.type == "long_text":
        return draw(st.text(alphabet=SAFE_TEXT_CHARS | st.sampled_from("\n\r\t"),
                            max_size=min(q.max_length, 80)))
    if q.type == "integer":
        return draw(st.integers(q.min, q.max))
    if q.type == "date":
        low, high = q.min or date(1900, 1, 1), date(2099, 12, 31)
        if q.not_after in chosen:
            high = date.fromisoformat(chosen[q.not_after])
        if q.not_before in chosen:
            low = max(low, date.fromisoformat(chosen[q.not_before]))
        return draw(st.dates(low, max(low, high))).isoformat()
    if q.type == "time":
        return f"{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
    allowed = possible_values(q, _BUNDLE)
    if q.type == "multi_choice":
        return draw(st.lists(st.sampled_from(allowed), min_size=1, unique=True))
    return draw(st.sampled_from(allowed))


@st.composite
def valid_answers(draw) -> dict[str, Any]:
    answerable = [n for n, q in QUESTIONS.items() if q.type != "note"]
    names = draw(st.lists(st.sampled_from(answerable), unique=True, max_size=len(answerable)))
    # Dates that others are limited by come first.
    names.sort(key=lambda n: n != "hearing_date")
    chosen: dict[str, Any] = {}
    for name in names:
        chosen[name] = valid_value(QUESTIONS[name], draw, chosen)
    return chosen


@pytest.mark.fuzz
@settings(max_examples=examples(200), deadline=None)
@given(answers=valid_answers())
def test_answers_within_the_rules_are_all_accepted(answers):
    bundle = _BUNDLE
    assert check_answers(bundle, answers) == answers


def test_hearing_date_limit_is_respected_by_the_generator(bundle):
    # The generator's date rule mirrors the form's: a date of birth the day after
    # the hearing is refused.
    hearing = date(2026, 11, 23)
    answers = {"hearing_date": hearing.isoformat(),
               "person_dob": (hearing + timedelta(days=1)).isoformat()}
    assert_fault(answers_fault(bundle, answers), "ANS_010", "person_dob")


def test_lone_surrogate_is_refused(bundle):
    with pytest.raises(AnswerError) as exc:
        check_answer(bundle, "mh_history", "low mood \ud800 since")
    assert exc.value.code == "ANS_009" and "U+D800" in str(exc.value)
