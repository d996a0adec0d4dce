"""The form-file validator: coded errors naming the file, the subject and the fault.

Every test starts from a small, valid set of inline YAML files (a choice list
file, a three-item instrument, a criteria file and a two-section form), breaks
one thing, and checks the code of the first problem and that its message
names the file and the question (or other subject) at fault. Hypothesis then
mangles the same files at random: the loader must either accept them or raise
a FormError whose every problem carries a known FORM_ code, never anything
else.
"""

from __future__ import annotations

import copy
import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from support.form_docs import (
    CHOICES_YAML,
    CRITERIA_FILE,
    CRITERIA_YAML,
    FILES,
    FORM_FILE,
    FORM_YAML,
    INSTRUMENT_FILE,
    INSTRUMENT_YAML,
    KNOWN_NAMES,
    TEXTS,
    assert_first,
    base_docs,
    dump,
    form_question,
    instrument_question,
    load,
    load_error,
    section,
    texts_of,
)
from support.fuzz import examples

from cstr_desktop.form_errors import FORM_CODES, FormError
from cstr_desktop.form_loader import FormLibrary, default_forms_dir, parse_document
from cstr_desktop.form_schema import ChoicesFile, CriteriaFile, FormFile, Instrument
from cstr_desktop.interview import InterviewState

# --------------------------------------------------------------------------
# The valid set loads
# --------------------------------------------------------------------------


def test_minimal_set_loads_and_resolves():
    library = FormLibrary.from_texts({FILES[k]: t for k, t in TEXTS.items()})
    bundle = library.bundle("court_day", 1)
    assert [s.name for s in bundle.sections] == ["person", "screen"]
    assert list(bundle.questions) == [
        "intro_script", "person_dob", "hearing_date", "convicted", "custody_status",
        "custody_notes", "substances_used", "substance_details", "drinks_per_day",
        "mini_1", "mini_2", "mini_difficulty",
    ]
    assert bundle.section_of["mini_2"] == "screen"
    assert bundle.instrument_of == {"mini_1": "mini", "mini_2": "mini", "mini_difficulty": "mini"}
    assert [c.value for c in bundle.choices(bundle.questions["custody_status"])] == [
        "remanded", "bailed"]
    assert [c.value for c in bundle.choices(bundle.questions["mini_1"])] == [0, 1, 2]
    assert [c.value for c in bundle.choices(bundle.questions["convicted"])] == ["yes", "no"]
    assert bundle.criteria.id == "crit"
    assert [g.id for g in bundle.criteria.gates] == ["convicted", "adult"]
    assert bundle.instruments["mini"].scoring.max == 4


def test_minimal_set_round_trips_through_safe_dump():
    # The fault tests edit dicts and dump them: the unedited dump must load too.
    bundle = load(base_docs()).bundle("court_day", 1)
    assert bundle.questions["person_dob"].not_after == "hearing_date"
    assert str(bundle.questions["person_dob"].min) == "1900-01-01"


def test_each_minimal_file_parses_alone():
    kinds = {"choices": ChoicesFile, "instrument": Instrument, "criteria": CriteriaFile,
             "form": FormFile}
    for kind, text in TEXTS.items():
        doc = parse_document(text, FILES[kind])
        assert isinstance(doc, kinds[kind])
        assert doc.version == 1


# --------------------------------------------------------------------------
# FORM_001: the file cannot be read as YAML
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "detail"), [
    pytest.param("kind: form\nid: [court_day\n", "not valid YAML", id="unclosed-flow"),
    pytest.param("kind: form\n  id: court_day\n bad", "not valid YAML", id="bad-indent"),
    pytest.param("kind: form\nid: court_day\nid: other\n", "duplicate key 'id'", id="dup-key"),
    pytest.param("- kind: form\n- id: court_day\n", "mapping", id="list"),
    pytest.param("just some words\n", "mapping", id="scalar"),
    pytest.param("", "mapping", id="empty"),
    pytest.param("# only a comment\n", "mapping", id="comment-only"),
    pytest.param("kind: form\nx: !!python/object:os.system {}\n", "not valid YAML", id="py-tag"),
    pytest.param("kind: form\nx: *nowhere\n", "not valid YAML", id="unknown-alias"),
    pytest.param("kind: form\n\tid: x\n", "not valid YAML", id="tab-indent"),
])
def test_unreadable_yaml_is_form_001(text, detail):
    err = load_error({FORM_FILE: text})
    assert_first(err, "FORM_001", FORM_FILE, detail)
    assert len(err.problems) == 1


def test_duplicate_key_in_a_nested_question_is_form_001():
    text = FORM_YAML.replace("type: long_text\n", "type: long_text\n        type: text\n")
    assert text != FORM_YAML
    err = load_error({**{FILES[k]: t for k, t in TEXTS.items()}, FORM_FILE: text})
    assert_first(err, "FORM_001", FORM_FILE, "duplicate key 'type'")


def test_duplicate_key_message_gives_the_line():
    err = load_error({FORM_FILE: "kind: form\nid: a\nversion: 1\nid: b\n"})
    assert_first(err, "FORM_001", FORM_FILE, "duplicate key 'id'", "line 4")


def test_not_utf8_is_form_001():
    with pytest.raises(FormError) as info:
        FormLibrary.from_texts({FORM_FILE: "kind: form\nid: caf\xe9\n".encode("latin-1")})
    err = info.value
    assert_first(err, "FORM_001", FORM_FILE, "not UTF-8")


@pytest.mark.parametrize(("text", "detail"), [
    pytest.param("kind: form\nd: 2026-02-30\n", "day is out of range", id="impossible-date"),
    pytest.param("kind: form\nversion: !!int one\n", "invalid literal for int()",
                 id="bad-int-tag"),
    pytest.param("kind: form\nversion: !!float one\n", "could not convert string to float",
                 id="bad-float-tag"),
    pytest.param("kind: form\nt: 2020-01-01T25:00:00\n", "hour must be in 0..23",
                 id="impossible-time"),
    pytest.param("kind: form\n? [a, b]\n: c\n", "a key cannot be a list", id="list-as-key"),
    pytest.param("kind: form\n? {a: 1}\n: c\n", "a key cannot be a dict", id="mapping-as-key"),
    pytest.param("kind: form\nx: " + "[" * 3000 + "]" * 3000 + "\n", "maximum nesting depth",
                 id="deep-lists"),
    pytest.param("kind: form\nx: " + "{a: " * 600 + "1" + "}" * 600 + "\n", "nested too deeply",
                 id="deep-mappings"),
])
def test_yaml_values_that_cannot_be_built_are_form_001(text, detail):
    # PyYAML raises ValueError / TypeError / RecursionError for these, not
    # YAMLError: they must still come out as a coded problem naming the file.
    err = load_error({FORM_FILE: text})
    assert_first(err, "FORM_001", FORM_FILE, detail)


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "NO", "y", "n"])
def test_unquoted_yes_and_no_are_answers_not_booleans(word):
    # YAML 1.1 made these booleans; a form author writing `met_when: yes` means the answer.
    doc = yaml.safe_load(CRITERIA_YAML)
    text = CRITERIA_YAML.replace('met_when: "yes"', f"met_when: {word}")
    assert text != CRITERIA_YAML
    parsed = parse_document(text, CRITERIA_FILE)
    assert parsed.gates[0].met_when == word
    assert doc["gates"][0]["met_when"] == "yes"


def test_unquoted_yes_in_a_condition_loads_and_means_the_answer():
    texts = {FILES[k]: t for k, t in TEXTS.items()}
    texts[CRITERIA_FILE] = CRITERIA_YAML.replace('met_when: "yes"', "met_when: yes")
    bundle = FormLibrary.from_texts(texts).bundle("court_day", 1)  # FORM_008 before
    gate = next(g for g in bundle.criteria.gates if g.id == "convicted")
    assert gate.met_when == "yes"  # the answer "yes", not the boolean True
    for answer, met in (("yes", True), ("no", False)):
        criteria = InterviewState(bundle, {"convicted": answer}).requirements["mhtr"].criteria
        assert next(c for c in criteria if c.id == "convicted").met is met


@pytest.mark.parametrize(("word", "value"), [("true", True), ("false", False),
                                             ("True", True), ("FALSE", False)])
def test_true_and_false_are_still_booleans(word, value):
    shipped = (default_forms_dir() / "interview" / "cstr_court_day.v1.yaml").read_text(
        encoding="utf-8")
    text = shipped.replace("required: true", f"required: {word}")
    form = parse_document(text, FORM_FILE)
    flags = {q.required for s in form.sections for q in s.questions
             if q.name == "consent_assessment"}
    assert flags == {value}


def test_an_invalid_date_in_a_real_form_is_form_001():
    docs_texts = {FILES[k]: t for k, t in TEXTS.items()}
    docs_texts[FORM_FILE] = FORM_YAML.replace("min: 1900-01-01", "min: 1900-02-30")
    err = load_error(docs_texts)
    assert_first(err, "FORM_001", FORM_FILE, "day is out of range")


def test_every_bad_file_is_reported_together():
    texts = {FILES[k]: t for k, t in TEXTS.items()}
    texts[FILES["choices"]] = "kind: choices\nid: [basic\n"
    texts[FILES["criteria"]] = CRITERIA_YAML.replace("years: 18", "years: 200")
    err = load_error(texts)
    assert [p.code for p in err.problems] == ["FORM_001", "FORM_002"]
    assert err.problems[0].file == FILES["choices"]
    assert err.problems[1].file == FILES["criteria"]
    assert "years" in str(err.problems[1])
    assert str(err).splitlines() == [str(p) for p in err.problems]


# --------------------------------------------------------------------------
# FORM_002: the file does not match the schema
# --------------------------------------------------------------------------


def test_unknown_key_on_a_question_is_form_002():
    docs = base_docs()
    form_question(docs, "custody_notes")["colour"] = "red"
    err = load_error(docs)
    assert_first(err, "FORM_002", FORM_FILE, "question 'custody_notes'", "colour",
                 "Extra inputs are not permitted")


def test_misspelt_show_if_key_is_form_002():
    docs = base_docs()
    q = form_question(docs, "custody_notes")
    q["show_iff"] = q.pop("show_if")
    err = load_error(docs)
    assert_first(err, "FORM_002", FORM_FILE, "question 'custody_notes'", "show_iff")


@pytest.mark.parametrize(("question", "key", "value"), [
    ("custody_notes", "max_length", "long"),
    ("custody_notes", "required", "perhaps"),
    ("drinks_per_day", "min", "none"),
    ("drinks_per_day", "max", 2.5),
    ("person_dob", "min", "yesterday"),
    ("custody_status", "choices", ["custody_status"]),
    ("custody_notes", "label", "Custody notes"),
    ("custody_notes", "max_length", 0),
    ("custody_notes", "name", "Custody-Notes"),
])
def test_wrong_type_on_a_question_is_form_002(question, key, value):
    docs = base_docs()
    form_question(docs, question)[key] = value
    err = load_error(docs)
    expected_subject = question if key != "name" else "Custody-Notes"
    assert_first(err, "FORM_002", FORM_FILE, f"question '{expected_subject}'", key)


def test_unknown_question_type_is_form_002():
    docs = base_docs()
    form_question(docs, "custody_notes")["type"] = "essay"
    err = load_error(docs)
    assert_first(err, "FORM_002", FORM_FILE, "question 'custody_notes'", "essay")


def test_missing_required_key_is_form_002():
    docs = base_docs()
    del form_question(docs, "custody_status")["choices"]
    err = load_error(docs)
    assert_first(err, "FORM_002", FORM_FILE, "question 'custody_status'", "choices",
                 "Field required")


@pytest.mark.parametrize(("kind", "key", "value", "fragment"), [
    ("form", "kind", "survey", "kind"),
    ("form", "version", 0, "version"),
    ("form", "id", "Court Day", "id"),
    ("choices", "lists", [], "lists"),
    ("criteria", "requirements", [], "requirements"),
])
def test_bad_top_level_value_is_form_002(kind, key, value, fragment):
    docs = base_docs()
    docs[kind][key] = value
    err = load_error(docs)
    assert_first(err, "FORM_002", FILES[kind], fragment)


def test_a_note_marked_required_is_form_002():
    docs = base_docs()
    form_question(docs, "intro_script")["required"] = True
    err = load_error(docs)
    assert_first(err, "FORM_002", FORM_FILE, "question 'intro_script'",
                 "a note cannot be required")


def test_integer_min_above_max_is_form_002():
    docs = base_docs()
    form_question(docs, "drinks_per_day").update(min=10, max=5)
    err = load_error(docs)
    assert_first(err, "FORM_002", FORM_FILE, "question 'drinks_per_day'",
                 "min (10) is greater than max (5)")


def test_missing_english_label_is_form_002():
    docs = base_docs()
    form_question(docs, "custody_notes")["label"] = {"cy": "Nodiadau"}
    err = load_error(docs)
    assert_first(err, "FORM_002", FORM_FILE, "question 'custody_notes'",
                 "an English ('en') text is required")


def test_unknown_language_key_is_form_002():
    docs = base_docs()
    form_question(docs, "custody_notes")["label"] = {"en": "Notes", "fr": "Remarques"}
    err = load_error(docs)
    assert_first(err, "FORM_002", FORM_FILE, "question 'custody_notes'",
                 "unknown language 'fr'")


def test_empty_label_text_is_form_002():
    docs = base_docs()
    form_question(docs, "custody_notes")["label"] = {"en": "Notes", "cy": "   "}
    err = load_error(docs)
    assert_first(err, "FORM_002", FORM_FILE, "question 'custody_notes'", "'cy' text is empty")


def test_section_title_without_english_names_the_section():
    docs = base_docs()
    section(docs, "screen")["title"] = {"cy": "Sgrinio"}
    err = load_error(docs)
    assert_first(err, "FORM_002", FORM_FILE, "section 'screen'", "English")


@pytest.mark.parametrize(("bands", "fragments"), [
    pytest.param([(0, 1, "low"), (3, 4, "high")],
                 ["band 'high' starts at 3, expected 2", "gaps"], id="gap"),
    pytest.param([(0, 2, "low"), (2, 4, "high")],
                 ["band 'high' starts at 2, expected 3", "overlaps"], id="overlap"),
    pytest.param([(0, 1, "low"), (2, 3, "high")],
                 ["the last band ends at 3, but the score range ends at 4"], id="short"),
    pytest.param([(0, 1, "low"), (2, 5, "high")],
                 ["the last band ends at 5, but the score range ends at 4"], id="past-max"),
    pytest.param([(1, 1, "low"), (2, 4, "high")],
                 ["band 'low' starts at 1, expected 0"], id="late-start"),
    pytest.param([(0, 1, "low"), (2, 1, "high")],
                 ["band 'high' ends (1) before it starts (2)"], id="backwards"),
    pytest.param([(2, 4, "high"), (0, 1, "low")],
                 ["band 'high' starts at 2, expected 0"], id="out-of-order"),
])
def test_bands_must_cover_the_score_range_in_order(bands, fragments):
    docs = base_docs()
    docs["instrument"]["scoring"]["bands"] = [
        {"id": ident, "min": lo, "max": hi, "label": {"en": ident}} for lo, hi, ident in bands]
    err = load_error(docs)
    assert_first(err, "FORM_002", INSTRUMENT_FILE, "scoring", *fragments)


def test_entered_score_with_two_items_is_form_002():
    docs = base_docs()
    docs["instrument"]["scoring"]["method"] = "entered"
    err = load_error(docs)
    assert_first(err, "FORM_002", INSTRUMENT_FILE, "an entered score names exactly one item")


def test_condition_with_two_comparisons_is_form_002():
    docs = base_docs()
    form_question(docs, "custody_notes")["show_if"] = {
        "question": "custody_status", "equals": "remanded", "not_equals": "bailed"}
    err = load_error(docs)
    assert_first(err, "FORM_002", FORM_FILE, "question 'custody_notes'",
                 "a condition needs exactly one of", "(got equals, not_equals)")


def test_condition_without_comparison_is_form_002():
    docs = base_docs()
    form_question(docs, "custody_notes")["show_if"] = {"question": "custody_status"}
    err = load_error(docs)
    assert_first(err, "FORM_002", FORM_FILE, "question 'custody_notes'", "(got none)")


def test_condition_of_no_known_kind_is_form_002():
    docs = base_docs()
    form_question(docs, "custody_notes")["show_if"] = {"custody_status": "remanded"}
    err = load_error(docs)
    assert_first(err, "FORM_002", FORM_FILE, "question 'custody_notes'",
                 "a condition needs one of the keys: question, sum, score, all, any, not")


def test_sum_condition_with_two_comparisons_is_form_002():
    docs = base_docs()
    instrument_question(docs, "mini_difficulty")["show_if"] = {
        "sum": ["mini_1", "mini_2"], "greater_than": 0, "at_most": 3}
    err = load_error(docs)
    assert_first(err, "FORM_002", INSTRUMENT_FILE, "question 'mini_difficulty'",
                 "a sum condition needs exactly one of")


def test_section_with_questions_and_instruments_is_form_002():
    docs = base_docs()
    section(docs, "screen")["questions"] = [
        {"name": "extra", "type": "yes_no", "label": {"en": "Extra"}}]
    err = load_error(docs)
    assert_first(err, "FORM_002", FORM_FILE, "section 'screen'",
                 "either 'questions' or 'instruments'")


def test_choice_list_repeating_a_value_is_form_002():
    docs = base_docs()
    docs["choices"]["lists"]["custody_status"].append(
        {"value": "bailed", "label": {"en": "Bailed again"}})
    err = load_error(docs)
    assert_first(err, "FORM_002", FILES["choices"],
                 "choice list 'custody_status' repeats the value 'bailed'")


def test_criterion_with_question_and_derived_is_form_002():
    docs = base_docs()
    docs["criteria"]["gates"][1]["question"] = "convicted"
    err = load_error(docs)
    assert_first(err, "FORM_002", FILES["criteria"], "'adult'",
                 "exactly one of 'question' or 'derived'")


def test_criterion_on_a_question_without_met_when_is_form_002():
    docs = base_docs()
    del docs["criteria"]["gates"][0]["met_when"]
    err = load_error(docs)
    assert_first(err, "FORM_002", FILES["criteria"], "'convicted'", "needs 'met_when'")


# --------------------------------------------------------------------------
# FORM_003: a condition refers to an unknown question
# --------------------------------------------------------------------------


def test_show_if_naming_an_unknown_question_is_form_003():
    docs = base_docs()
    form_question(docs, "custody_notes")["show_if"]["question"] = "custodi"
    err = load_error(docs)
    assert_first(err, "FORM_003", FORM_FILE, "question 'custody_notes'",
                 "condition refers to unknown question 'custodi'")
    assert str(err).startswith(
        f"FORM_003: {FORM_FILE}: question 'custody_notes': condition refers to unknown "
        "question 'custodi'")


def test_section_show_if_naming_an_unknown_question_is_form_003():
    docs = base_docs()
    section(docs, "screen")["show_if"]["all"][1]["not"]["question"] = "drinks_a_day"
    err = load_error(docs)
    assert_first(err, "FORM_003", FORM_FILE, "section 'screen'", "'drinks_a_day'")


def test_instrument_item_show_if_naming_an_unknown_question_is_form_003():
    docs = base_docs()
    instrument_question(docs, "mini_difficulty")["show_if"]["sum"] = ["mini_1", "mini_3"]
    err = load_error(docs)
    assert_first(err, "FORM_003", INSTRUMENT_FILE, "question 'mini_difficulty'",
                 "'mini_3'")


@pytest.mark.parametrize(("where", "subject"), [
    ("skip_rule", "skip rule"),
    ("alert", "alert 'mini_alert'"),
    ("flag", "flag 'heavy_drinking'"),
])
def test_other_conditions_naming_an_unknown_question_are_form_003(where, subject):
    docs = base_docs()
    if where == "skip_rule":
        docs["instrument"]["scoring"]["skip_rules"][0]["when"]["question"] = "mini_one"
        file, name = INSTRUMENT_FILE, "mini_one"
    elif where == "alert":
        docs["instrument"]["alerts"][0]["when"]["question"] = "mini_two"
        file, name = INSTRUMENT_FILE, "mini_two"
    else:
        docs["criteria"]["flags"][0]["when"]["question"] = "drinks"
        file, name = CRITERIA_FILE, "drinks"
    err = load_error(docs)
    assert_first(err, "FORM_003", file, subject, f"unknown question '{name}'")


# --------------------------------------------------------------------------
# FORM_004: unknown choice list
# --------------------------------------------------------------------------


def test_question_naming_an_unknown_choice_list_is_form_004():
    docs = base_docs()
    form_question(docs, "custody_status")["choices"] = "custody_statuses"
    err = load_error(docs)
    assert_first(err, "FORM_004", FORM_FILE, "question 'custody_status'",
                 "unknown list 'custody_statuses'")


def test_multi_choice_naming_an_unknown_list_is_form_004():
    docs = base_docs()
    form_question(docs, "substances_used")["choices"] = "drugs"
    err = load_error(docs)
    assert_first(err, "FORM_004", FORM_FILE, "question 'substances_used'", "'drugs'")


def test_instrument_item_using_a_form_list_is_form_004():
    # An instrument's lists are its own, so that a version is self-contained.
    docs = base_docs()
    instrument_question(docs, "mini_2")["choices"] = "custody_status"
    err = load_error(docs)
    assert_first(err, "FORM_004", INSTRUMENT_FILE, "question 'mini_2'",
                 "unknown list 'custody_status'", "its own")


def test_form_question_variant_naming_an_unknown_list_is_form_004():
    docs = base_docs()
    form_question(docs, "custody_status")["variants"] = {"uk": {"choices": "custody_uk"}}
    err = load_error(docs)
    assert_first(err, "FORM_004", FORM_FILE, "question 'custody_status'", "'custody_uk'")


# --------------------------------------------------------------------------
# FORM_005: a name used twice
# --------------------------------------------------------------------------


def test_question_name_used_twice_in_a_form_is_form_005():
    docs = base_docs()
    docs["form"]["sections"].append({
        "name": "later", "title": {"en": "Later"},
        "questions": [{"name": "custody_notes", "type": "text", "label": {"en": "Again"}}]})
    err = load_error(docs)
    assert_first(err, "FORM_005", FORM_FILE, "question 'custody_notes'",
                 "already used in section 'person'")


def test_form_question_named_like_an_instrument_item_is_form_005():
    docs = base_docs()
    docs["form"]["sections"].append({
        "name": "later", "title": {"en": "Later"},
        "questions": [{"name": "mini_1", "type": "text", "label": {"en": "Clash"}}]})
    err = load_error(docs)
    assert_first(err, "FORM_005", FORM_FILE, "question 'mini_1'",
                 "already used in section 'screen'")


def test_section_name_used_twice_is_form_005():
    docs = base_docs()
    section(docs, "screen")["name"] = "person"
    err = load_error(docs)
    assert_first(err, "FORM_005", FORM_FILE, "section 'person'", "used twice")


def test_question_name_used_twice_in_an_instrument_is_form_005():
    docs = base_docs()
    instrument_question(docs, "mini_difficulty")["name"] = "mini_2"
    err = load_error(docs)
    assert_first(err, "FORM_005", INSTRUMENT_FILE, "question 'mini_2'",
                 "used twice in the instrument")


def test_requirement_id_used_twice_is_form_005():
    docs = base_docs()
    docs["criteria"]["requirements"].append(copy.deepcopy(docs["criteria"]["requirements"][0]))
    err = load_error(docs)
    assert_first(err, "FORM_005", CRITERIA_FILE, "requirement 'mhtr'", "used twice")


# --------------------------------------------------------------------------
# FORM_006: a section names an unknown instrument
# --------------------------------------------------------------------------


def test_section_naming_an_unknown_instrument_is_form_006():
    docs = base_docs()
    section(docs, "screen")["instruments"] = ["mino"]
    err = load_error(docs)
    assert_first(err, "FORM_006", FORM_FILE, "section 'screen'", "instrument 'mino'",
                 "uses: instruments")


def test_section_naming_an_instrument_the_form_does_not_use_is_form_006():
    # The instrument's file is there, but the form's 'uses' does not list it.
    docs = base_docs()
    other = yaml.safe_load(INSTRUMENT_YAML.replace("mini", "other"))
    other["alerts"] = []
    texts = texts_of(docs)
    texts["instruments/other.v1.yaml"] = dump(other)
    assert {d.id for d in FormLibrary.from_texts(texts).documents("instrument")} == {
        "mini", "other"}
    docs["form"]["sections"].append({"name": "other_screen", "title": {"en": "Other"},
                                     "instruments": ["other"]})
    texts = texts_of(docs)
    texts["instruments/other.v1.yaml"] = dump(other)
    err = load_error(texts)
    assert_first(err, "FORM_006", FORM_FILE, "section 'other_screen'", "instrument 'other'",
                 "not in the form's 'uses: instruments'")


# --------------------------------------------------------------------------
# FORM_007: a criterion refers to an unknown or unsuitable question
# --------------------------------------------------------------------------


def test_criterion_naming_an_unknown_question_is_form_007():
    docs = base_docs()
    docs["criteria"]["gates"][0]["question"] = "convicted_today"
    err = load_error(docs)
    assert_first(err, "FORM_007", CRITERIA_FILE, "criterion 'convicted'",
                 "unknown question 'convicted_today'")


def test_criterion_on_a_note_is_form_007():
    docs = base_docs()
    crit = docs["criteria"]["requirements"][0]["criteria"][0]
    crit["question"] = "intro_script"
    err = load_error(docs)
    assert_first(err, "FORM_007", CRITERIA_FILE, "criterion 'on_bail'", "'intro_script'")


@pytest.mark.parametrize(("key", "target"), [
    ("date_of_birth", "convicted"),
    ("on_date", "hearing_day"),
    ("on_date", "drinks_per_day"),
])
def test_age_rule_on_a_non_date_question_is_form_007(key, target):
    docs = base_docs()
    docs["criteria"]["age"][key] = target
    err = load_error(docs)
    assert_first(err, "FORM_007", CRITERIA_FILE, "age", f"'{target}' is not a date question")


@pytest.mark.parametrize("reason", ["convicted", "custody_note", "intro_script"])
def test_reason_question_that_is_not_text_is_form_007(reason):
    docs = base_docs()
    docs["criteria"]["requirements"][0]["criteria"][0]["reason_question"] = reason
    err = load_error(docs)
    assert_first(err, "FORM_007", CRITERIA_FILE, "criterion 'on_bail'",
                 f"reason_question '{reason}'")


@pytest.mark.parametrize(("target", "fault"), [
    ("custody_status", "'custody_status' is not a multi_choice question"),
    ("no_such_question", "'no_such_question' is not a multi_choice question"),
    ("substances_used", "requirement 'mhtr' is not a choice of 'substances_used'"),
])
def test_considered_by_that_cannot_name_the_requirements_is_form_007(target, fault):
    docs = base_docs()
    docs["criteria"]["considered_by"] = target
    err = load_error(docs)
    assert_first(err, "FORM_007", CRITERIA_FILE, "considered_by", fault)


def test_considered_by_naming_requirements_as_choices_loads():
    docs = base_docs()
    docs["choices"]["lists"]["substances"].append({"value": "mhtr", "label": {"en": "MHTR"}})
    docs["criteria"]["considered_by"] = "substances_used"
    bundle = load(docs).bundle("court_day", 1)  # raises FormError if it were refused
    # Loaded means: the question decides which requirements are considered.
    assert bundle.criteria.considered_by == "substances_used"
    assert InterviewState(bundle, {"substances_used": ["mhtr"]}).considered == ("mhtr",)
    assert InterviewState(bundle, {"substances_used": ["alcohol"]}).considered == ()


# --------------------------------------------------------------------------
# FORM_008: met_when is not a possible answer
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("where", "value", "shown"), [
    ("gate", "maybe", "'maybe'"),
    ("gate", "Yes", "'Yes'"),
    ("gate", True, "1"),           # unquoted YAML `yes` is a boolean
    ("requirement", "detained", "'detained'"),
    ("requirement", 1, "1"),
])
def test_met_when_that_is_not_a_possible_answer_is_form_008(where, value, shown):
    docs = base_docs()
    if where == "gate":
        crit, question = docs["criteria"]["gates"][0], "convicted"
    else:
        crit, question = docs["criteria"]["requirements"][0]["criteria"][0], "custody_status"
    crit["met_when"] = value
    err = load_error(docs)
    assert_first(err, "FORM_008", CRITERIA_FILE, f"criterion '{crit['id']}'",
                 f"met_when {shown} is not an answer '{question}' can take")


def test_met_when_on_an_integer_question_is_open():
    docs = base_docs()
    docs["criteria"]["gates"][0].update(question="drinks_per_day", met_when=3)
    assert load(docs).bundle("court_day", 1).criteria.gates[0].met_when == 3


# --------------------------------------------------------------------------
# FORM_009: a condition compares with a value the question cannot take
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("condition", "fragment"), [
    pytest.param({"question": "custody_status", "equals": "detained"},
                 "compares 'custody_status' with 'detained'", id="impossible-value"),
    pytest.param({"question": "custody_status", "in": ["bailed", "released"]},
                 "compares 'custody_status' with 'released'", id="impossible-in"),
    pytest.param({"question": "convicted", "equals": True},
                 "compares 'convicted' with 1", id="unquoted-yes"),
    pytest.param({"question": "mini_1", "equals": "1"},
                 "compares 'mini_1' with '1'", id="string-for-int"),
    pytest.param({"question": "substances_used", "equals": "drugs"},
                 "'equals' cannot test the multi_choice question 'substances_used'",
                 id="equals-on-multi"),
    pytest.param({"question": "substances_used", "not_equals": "drugs"},
                 "'not_equals' cannot test the multi_choice", id="not-equals-on-multi"),
    pytest.param({"question": "substances_used", "includes": "tobacco"},
                 "compares 'substances_used' with 'tobacco'", id="includes-impossible"),
    pytest.param({"question": "custody_status", "includes": "bailed"},
                 "'includes' needs a multi_choice question; 'custody_status' is single_choice",
                 id="includes-on-single"),
    pytest.param({"question": "substance_details", "greater_than": 3},
                 "compares 'substance_details' as a number, but it is a text question",
                 id="number-on-text"),
    pytest.param({"question": "convicted", "at_least": 1},
                 "compares 'convicted' as a number, but it is a yes_no question",
                 id="number-on-yes-no"),
    pytest.param({"question": "hearing_date", "less_than": 2026},
                 "it is a date question", id="number-on-date"),
    pytest.param({"sum": ["drinks_per_day", "convicted"], "at_least": 1},
                 "sums 'convicted', which does not take a whole number", id="sum-of-yes-no"),
    pytest.param({"question": "intro_script", "answered": True},
                 "tests 'intro_script', a note that takes no answer", id="note"),
])
def test_impossible_comparison_is_form_009(condition, fragment):
    docs = base_docs()
    form_question(docs, "custody_notes")["show_if"] = condition
    err = load_error(docs)
    assert_first(err, "FORM_009", FORM_FILE, "question 'custody_notes'", fragment)


def test_impossible_comparison_in_a_flag_is_form_009():
    docs = base_docs()
    docs["criteria"]["flags"][0]["when"] = {"question": "convicted", "equals": "guilty"}
    err = load_error(docs)
    assert_first(err, "FORM_009", CRITERIA_FILE, "flag 'heavy_drinking'", "'guilty'")


def test_impossible_comparison_in_an_alert_is_form_009():
    docs = base_docs()
    docs["instrument"]["alerts"][0]["when"] = {"question": "mini_2", "equals": 3}
    err = load_error(docs)
    assert_first(err, "FORM_009", INSTRUMENT_FILE, "alert 'mini_alert'",
                 "compares 'mini_2' with 3", "[0, 1, 2]")


def test_numeric_comparison_on_a_numeric_choice_is_allowed():
    docs = base_docs()
    form_question(docs, "custody_notes")["show_if"] = {"question": "mini_2", "at_least": 1}
    bundle = load(docs).bundle("court_day", 1)
    assert bundle.questions["custody_notes"].show_if.comparison == ("at_least", 1)


# --------------------------------------------------------------------------
# FORM_010: two files with the same kind, id and version
# --------------------------------------------------------------------------


def test_same_kind_id_and_version_twice_is_form_010():
    texts = texts_of(base_docs())
    texts["choices/basic_copy.v1.yaml"] = CHOICES_YAML
    err = load_error(texts)
    assert_first(err, "FORM_010", "choices/basic_copy.v1.yaml", "choices 'basic' version 1",
                 f"already defined in {FILES['choices']}")


def test_same_id_in_a_new_version_is_fine():
    texts = texts_of(base_docs())
    texts["choices/basic.v2.yaml"] = CHOICES_YAML.replace("version: 1", "version: 2")
    library = FormLibrary.from_texts(texts)
    assert [d.version for d in library.documents("choices")] == [1, 2]


def test_same_id_in_another_kind_is_fine():
    texts = texts_of(base_docs())
    texts["choices/mini.v1.yaml"] = CHOICES_YAML.replace("id: basic", "id: mini")
    library = FormLibrary.from_texts(texts)
    assert {d.id for d in library.documents("choices")} == {"basic", "mini"}


# --------------------------------------------------------------------------
# FORM_011: a form uses a file that does not exist
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "uses", "subject"), [
    ("choices", {"basic": 2}, "uses choices 'basic' version 2"),
    ("instruments", {"mini": 1, "phq9": 1}, "uses instrument 'phq9' version 1"),
    ("criteria", {"criteria": 1}, "uses criteria 'criteria' version 1"),
])
def test_uses_a_missing_file_is_form_011(kind, uses, subject):
    docs = base_docs()
    docs["form"]["uses"][kind] = uses
    err = load_error(docs)
    assert_first(err, "FORM_011", FORM_FILE, subject, "no such file")


@pytest.mark.parametrize("criteria", [{}, {"crit": 1, "other": 1}])
def test_uses_not_exactly_one_criteria_file_is_form_011(criteria):
    docs = base_docs()
    docs["form"]["uses"]["criteria"] = criteria
    err = load_error(docs)
    assert_first(err, "FORM_011", FORM_FILE, "uses criteria",
                 "a form uses exactly one criteria file")


def test_missing_choices_file_is_form_011():
    docs = base_docs()
    del docs["choices"]
    err = load_error(docs)
    assert_first(err, "FORM_011", FORM_FILE, "uses choices 'basic' version 1")


def test_asking_for_a_form_that_does_not_exist_is_form_011():
    library = load(base_docs())
    with pytest.raises(FormError) as info:
        library.bundle("court_day", 2)
    assert_first(info.value, "FORM_011", "form 'court_day' version 2", "no such form")
    with pytest.raises(FormError) as info:
        library.bundle("other_form")
    assert_first(info.value, "FORM_011", "form 'other_form'")


# --------------------------------------------------------------------------
# FORM_012: a show_if refers to its own question
# --------------------------------------------------------------------------


@pytest.mark.parametrize("condition", [
    pytest.param({"question": "custody_notes", "answered": True}, id="direct"),
    pytest.param({"all": [{"question": "custody_status", "equals": "remanded"},
                          {"not": {"question": "custody_notes", "answered": True}}]},
                 id="nested"),
    pytest.param({"any": [{"question": "custody_notes", "answered": False}]}, id="any"),
])
def test_show_if_referring_to_itself_is_form_012(condition):
    docs = base_docs()
    form_question(docs, "custody_notes")["show_if"] = condition
    err = load_error(docs)
    assert_first(err, "FORM_012", FORM_FILE, "question 'custody_notes'",
                 "show_if refers to itself")


def test_instrument_item_summing_itself_is_form_012():
    docs = base_docs()
    instrument_question(docs, "mini_difficulty")["show_if"]["sum"] = ["mini_1", "mini_difficulty"]
    err = load_error(docs)
    assert_first(err, "FORM_012", INSTRUMENT_FILE, "question 'mini_difficulty'", "itself")


# --------------------------------------------------------------------------
# FORM_013: an instrument's scoring refers to an unknown or unsuitable item
# --------------------------------------------------------------------------


def test_scoring_item_unknown_is_form_013():
    docs = base_docs()
    docs["instrument"]["scoring"]["items"] = ["mini_1", "mini_3"]
    err = load_error(docs)
    assert_first(err, "FORM_013", INSTRUMENT_FILE, "instrument 'mini'",
                 "scoring item 'mini_3' is not a question of the instrument")


def test_summed_item_that_is_not_single_choice_is_form_013():
    docs = base_docs()
    docs["instrument"]["scoring"]["items"] = ["mini_1", "mini_2", "mini_difficulty"]
    err = load_error(docs)
    assert_first(err, "FORM_013", INSTRUMENT_FILE, "instrument 'mini'",
                 "scoring item 'mini_difficulty' must be a single_choice question")


def test_summed_item_with_text_values_is_form_013():
    docs = base_docs()
    docs["instrument"]["choices"]["mini_frequency"][1]["value"] = "sometimes"
    err = load_error(docs)
    assert_first(err, "FORM_013", INSTRUMENT_FILE, "instrument 'mini'",
                 "scoring item 'mini_1': list 'mini_frequency' has values that are not whole "
                 "numbers")


def test_entered_total_that_is_not_an_integer_is_form_013():
    docs = base_docs()
    scoring = docs["instrument"]["scoring"]
    scoring.update(method="entered", items=["mini_1"], skip_rules=[])
    err = load_error(docs)
    assert_first(err, "FORM_013", INSTRUMENT_FILE, "instrument 'mini'",
                 "entered total 'mini_1' must be an integer question")


@pytest.mark.parametrize(("edit", "fragment"), [
    (lambda inst: inst["scoring"]["skip_rules"][0].update(skip=["mini_difficulty"]),
     "skip rule skips 'mini_difficulty', which is not a scoring item"),
    (lambda inst: inst["scoring"].update(subscores=[
        {"id": "part", "label": {"en": "Part"}, "items": ["mini_1", "mini_9"]}]),
     "subscore 'part' uses 'mini_9', which is not a scoring item"),
    (lambda inst: inst.update(key_items=["mini_9"]),
     "key item 'mini_9' is not a question of the instrument"),
], ids=["skip-rule", "subscore", "key-item"])
def test_other_scoring_references_are_form_013(edit, fragment):
    docs = base_docs()
    edit(docs["instrument"])
    err = load_error(docs)
    assert_first(err, "FORM_013", INSTRUMENT_FILE, "instrument 'mini'", fragment)


# --------------------------------------------------------------------------
# FORM_014: an instrument's wording variant is inconsistent
# --------------------------------------------------------------------------


def with_variants() -> dict[str, Any]:
    """The valid set plus a wording variant (as AUDIT has WHO and UK wording)."""
    docs = base_docs()
    inst = docs["instrument"]
    inst["variant_question"] = "mini_version"
    inst["choices"]["mini_versions"] = [
        {"value": "who", "label": {"en": "WHO"}}, {"value": "uk", "label": {"en": "UK"}}]
    inst["choices"]["mini_frequency_uk"] = [
        {"value": v, "label": {"en": f"UK {v}"}} for v in (0, 1, 2)]
    inst["questions"].insert(0, {"name": "mini_version", "type": "single_choice",
                                 "choices": "mini_versions", "label": {"en": "Wording"}})
    instrument_question(docs, "mini_1")["variants"] = {
        "uk": {"label": {"en": "Item one (UK)"}, "choices": "mini_frequency_uk"}}
    return docs


def test_variant_set_loads():
    bundle = load(with_variants()).bundle("court_day", 1)
    q = bundle.questions["mini_1"]
    assert [c.label["en"] for c in bundle.choices(q, "uk")] == ["UK 0", "UK 1", "UK 2"]
    assert [c.label["en"] for c in bundle.choices(q, "who")] == ["Never", "Sometimes", "Often"]


def test_variant_question_that_is_not_single_choice_is_form_014():
    docs = with_variants()
    instrument_question(docs, "mini_version").update(type="text")
    del instrument_question(docs, "mini_version")["choices"]
    err = load_error(docs)
    assert_first(err, "FORM_014", INSTRUMENT_FILE, "instrument 'mini'",
                 "variant_question 'mini_version' must be a single_choice question")


def test_unknown_variant_question_is_form_014():
    docs = with_variants()
    docs["instrument"]["variant_question"] = "mini_wording"
    err = load_error(docs)
    assert_first(err, "FORM_014", INSTRUMENT_FILE, "variant_question 'mini_wording'")


def test_variant_key_that_is_not_a_value_is_form_014():
    docs = with_variants()
    variants = instrument_question(docs, "mini_1")["variants"]
    variants["us"] = variants.pop("uk")
    err = load_error(docs)
    assert_first(err, "FORM_014", INSTRUMENT_FILE, "question 'mini_1'",
                 "variant 'us' is not a value of 'mini_version'")


def test_variant_offering_other_values_is_form_014():
    docs = with_variants()
    docs["instrument"]["choices"]["mini_frequency_uk"][2]["value"] = 3
    err = load_error(docs)
    assert_first(err, "FORM_014", INSTRUMENT_FILE, "question 'mini_1'",
                 "variant 'uk' offers values [0, 1, 3], not the same as [0, 1, 2]")


def test_variants_without_variant_question_is_form_014():
    docs = with_variants()
    del docs["instrument"]["variant_question"]
    err = load_error(docs)
    assert_first(err, "FORM_014", INSTRUMENT_FILE, "question 'mini_1'",
                 "has wording variants but the instrument has no variant_question")


# --------------------------------------------------------------------------
# FORM_015: a date limit refers to an unknown or non-date question
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "target"), [
    ("not_after", "convicted"),
    ("not_after", "hearing_day"),
    ("not_before", "drinks_per_day"),
    ("not_before", "mini_1"),
])
def test_date_limit_on_a_non_date_question_is_form_015(key, target):
    docs = base_docs()
    form_question(docs, "person_dob")[key] = target
    err = load_error(docs)
    assert_first(err, "FORM_015", FORM_FILE, "question 'person_dob'",
                 f"date limit refers to '{target}', which is not a date question")


def test_date_limit_on_another_date_is_fine():
    docs = base_docs()
    form_question(docs, "hearing_date")["not_before"] = "person_dob"
    bundle = load(docs).bundle("court_day", 1)
    assert bundle.questions["hearing_date"].not_before == "person_dob"


# --------------------------------------------------------------------------
# FORM_016: an alert's action question is unknown
# --------------------------------------------------------------------------


def test_alert_action_question_unknown_is_form_016():
    docs = base_docs()
    docs["instrument"]["alerts"][0]["action_question"] = "custody_notez"
    err = load_error(docs)
    assert_first(err, "FORM_016", INSTRUMENT_FILE, "alert 'mini_alert'",
                 "action_question 'custody_notez' is not a question of form 'court_day'")


# --------------------------------------------------------------------------
# FORM_017: a yes/no question's answer words are not exactly yes and no
# --------------------------------------------------------------------------


def _question(docs, name):
    return next(q for s in docs["form"]["sections"] for q in s["questions"]
                if q["name"] == name)


def test_yes_no_words_from_a_list_of_other_values_is_form_017():
    docs = base_docs()
    _question(docs, "convicted")["choices"] = "custody_status"
    err = load_error(docs)
    assert_first(err, "FORM_017", FORM_FILE, "question 'convicted'",
                 "['remanded', 'bailed']", "must be ['yes', 'no']")


def test_a_default_yes_no_list_with_other_values_is_form_017_for_every_yes_no_question():
    docs = base_docs()
    docs["choices"]["lists"]["yes_no"] = [{"value": "yes", "label": {"en": "Yes"}},
                                          {"value": "maybe", "label": {"en": "Maybe"}}]
    err = load_error(docs)
    assert {(p.code, p.subject) for p in err.problems} >= {
        ("FORM_017", "question 'convicted'"), ("FORM_017", "question 'mini_difficulty'")}


def test_yes_no_words_from_an_unknown_list_is_form_004():
    docs = base_docs()
    _question(docs, "convicted")["choices"] = "yes_no_oes"
    err = load_error(docs)
    assert_first(err, "FORM_004", FORM_FILE, "question 'convicted'", "unknown list 'yes_no_oes'")


def test_yes_no_words_come_from_the_question_then_the_yes_no_list_then_the_default():
    docs = base_docs()
    bundle = load(docs).bundle("court_day", 1)
    neutral = bundle.choices(bundle.questions["convicted"])
    assert [c.label["cy"] for c in neutral] == ["Ydy / Oes / Do", "Nac ydy / Nac oes / Naddo"]
    docs["choices"]["lists"]["yes_no"] = [{"value": "yes", "label": {"en": "Yes", "cy": "Ydy"}},
                                          {"value": "no", "label": {"en": "No", "cy": "Nac ydy"}}]
    docs["choices"]["lists"]["yes_no_oes"] = [
        {"value": "yes", "label": {"en": "Yes", "cy": "Oes"}},
        {"value": "no", "label": {"en": "No", "cy": "Nac oes"}}]
    _question(docs, "convicted")["choices"] = "yes_no_oes"
    bundle = load(docs).bundle("court_day", 1)
    assert [c.label["cy"] for c in bundle.choices(bundle.questions["convicted"])] == [
        "Oes", "Nac oes"]
    assert [c.label["cy"] for c in bundle.choices(bundle.questions["mini_difficulty"])] == [
        "Ydy", "Nac ydy"]


# --------------------------------------------------------------------------
# References renamed to random names: the matching code, naming the name
# --------------------------------------------------------------------------

NEW_NAMES = st.from_regex(r"[a-z][a-z0-9_]{0,30}", fullmatch=True).filter(
    lambda n: n not in KNOWN_NAMES)


def _set_show_if(docs, name):
    form_question(docs, "custody_notes")["show_if"]["question"] = name


def _set_choices(docs, name):
    form_question(docs, "custody_status")["choices"] = name


def _set_instrument(docs, name):
    section(docs, "screen")["instruments"] = [name]


def _set_criterion(docs, name):
    docs["criteria"]["gates"][0]["question"] = name


def _set_scoring_item(docs, name):
    docs["instrument"]["scoring"]["items"][1] = name


def _set_date_limit(docs, name):
    form_question(docs, "person_dob")["not_after"] = name


def _set_action(docs, name):
    docs["instrument"]["alerts"][0]["action_question"] = name


def _set_uses(docs, name):
    docs["form"]["uses"]["choices"] = {name: 1}


@pytest.mark.parametrize(("rename", "code"), [
    (_set_show_if, "FORM_003"),
    (_set_choices, "FORM_004"),
    (_set_instrument, "FORM_006"),
    (_set_criterion, "FORM_007"),
    (_set_scoring_item, "FORM_013"),
    (_set_date_limit, "FORM_015"),
    (_set_action, "FORM_016"),
    (_set_uses, "FORM_011"),
], ids=lambda v: getattr(v, "__name__", v))
@pytest.mark.fuzz
@settings(max_examples=examples(25), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NEW_NAMES)
def test_renamed_reference_gives_its_code_and_names_the_name(rename, code, name):
    docs = base_docs()
    rename(docs, name)
    err = load_error(docs)
    assert_first(err, code, f"'{name}'")


# --------------------------------------------------------------------------
# Hypothesis: malformed forms only ever give coded FormErrors
# --------------------------------------------------------------------------

SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(-3, 60)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20)
           | st.dates() | st.sampled_from(sorted(KNOWN_NAMES))
           | st.sampled_from(["yes", "no", "en", "cy", "text", "note", "integer", "date",
                              "single_choice", "multi_choice", "sum", "entered", "form",
                              "instrument", "choices", "criteria", "age_at_least"]))
JUNK = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.text(max_size=10) | st.sampled_from(["en", "cy", "question", "equals", "name",
                                                "type", "label", "not", "all", "sum"]),
        inner, max_size=4),
    max_leaves=12,
)
NAMEISH = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True) | st.sampled_from(
    sorted(KNOWN_NAMES))
MUTATIONS = ("delete", "replace", "wrap", "rename", "reference", "duplicate", "nudge",
             "rekey", "swap")


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value below ``node`` (dict keys and list indices)."""
    found = []
    if isinstance(node, dict):
        items = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        return found
    for key, value in items:
        found.append(prefix + (key,))
        found.extend(paths(value, prefix + (key,)))
    return found


def get(node: Any, path: tuple) -> Any:
    for part in path:
        node = node[part]
    return node


def mutate(data: st.DataObject, docs: dict[str, Any]) -> None:
    kind = data.draw(st.sampled_from(sorted(docs)), label="file")
    doc = docs[kind]
    candidates = paths(doc)
    if not candidates:
        docs[kind] = data.draw(JUNK, label="whole file")
        return
    path = data.draw(st.sampled_from(candidates), label="path")
    parent, key = get(doc, path[:-1]), path[-1]
    value = parent[key]
    # Strings are mostly names: swapping in another name reaches the cross-reference
    # checks, where junk would mostly stop at the schema.
    choices = MUTATIONS + ("reference",) * 6 if isinstance(value, str) else MUTATIONS
    how = data.draw(st.sampled_from(choices), label="mutation")
    if how == "delete":
        del parent[key]
    elif how == "replace":
        parent[key] = data.draw(JUNK, label="junk")
    elif how == "wrap":
        parent[key] = [value] if data.draw(st.booleans()) else {"value": value}
    elif how == "rename":
        parent[key] = data.draw(st.text(max_size=15), label="text")
    elif how == "reference":
        parent[key] = data.draw(NAMEISH, label="name")
    elif how == "duplicate" and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(value))
    elif how == "nudge" and isinstance(value, int) and not isinstance(value, bool):
        parent[key] = value + data.draw(st.integers(-3, 3), label="delta")
    elif how == "rekey" and isinstance(parent, dict):
        new_key = data.draw(NAMEISH | st.text(max_size=8), label="new key")
        parent[new_key] = parent.pop(key)
    elif how == "swap":
        other = data.draw(st.sampled_from(candidates), label="other path")
        try:
            parent[key] = copy.deepcopy(get(doc, other))
        except (KeyError, IndexError, TypeError):
            pass


def assert_coded(texts: dict[str, Any]) -> FormLibrary | None:
    try:
        return FormLibrary.from_texts(texts)
    except FormError as err:
        assert err.problems
        assert err.code == err.problems[0].code
        for p in err.problems:
            assert p.code in FORM_CODES, p
            assert str(p).startswith(f"{p.code}: ")
            assert p.file or p.subject, p
        assert str(err)
        return None


@pytest.mark.fuzz
@settings(max_examples=examples(300), deadline=None)
@given(data=st.data(), rounds=st.integers(1, 3))
def test_mutated_forms_give_only_coded_errors(data, rounds):
    docs = base_docs()
    for _ in range(rounds):
        mutate(data, docs)
    texts = {FILES[k]: dump(v) for k, v in docs.items()}
    library = assert_coded(texts)
    if library is not None and ("form", "court_day", 1) in library._documents:
        bundle = library.bundle("court_day", 1)
        assert bundle.questions


@pytest.mark.fuzz
@settings(max_examples=examples(200), deadline=None)
@given(data=st.data())
def test_files_dropped_copied_or_replaced_give_only_coded_errors(data):
    texts: dict[str, Any] = {FILES[k]: t for k, t in TEXTS.items()}
    names = sorted(texts)
    action = data.draw(st.sampled_from(["drop", "copy", "junk", "text", "bytes"]))
    target = data.draw(st.sampled_from(names))
    if action == "drop":
        del texts[target]
    elif action == "copy":
        texts[f"copy/{target}"] = texts[target]
    elif action == "junk":
        texts[target] = dump(data.draw(JUNK))
    elif action == "text":
        texts[target] = data.draw(st.text(max_size=200))
    else:
        texts[target] = data.draw(st.binary(max_size=200))
    library = assert_coded(texts)
    if action == "copy":
        assert library is None
    if action == "drop":
        assert library is None or target == FILES["form"]


YAML_NOISE = st.text(alphabet=string.printable + "\u00e9\u2028\ufeff", max_size=6)


@pytest.mark.fuzz
@settings(max_examples=examples(300), deadline=None)
@given(data=st.data())
def test_raw_text_edits_give_only_coded_errors(data):
    kind = data.draw(st.sampled_from(sorted(TEXTS)))
    text = TEXTS[kind]
    for _ in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 12)))
        text = text[:start] + data.draw(YAML_NOISE) + text[end:]
    texts = {FILES[k]: t for k, t in TEXTS.items()}
    texts[FILES[kind]] = text
    assert_coded(texts)


@pytest.mark.fuzz
@settings(max_examples=examples(200), deadline=None)
@given(text=st.text(max_size=300))
def test_random_text_as_a_form_file_gives_only_coded_errors(text):
    texts = {FILES[k]: t for k, t in TEXTS.items()}
    texts[FORM_FILE] = text
    assert assert_coded(texts) is None or text == FORM_YAML


@pytest.mark.fuzz
@settings(max_examples=examples(100), deadline=None)
@given(depth=st.integers(1, 400), wrapper=st.sampled_from(["not", "all", "any"]))
def test_deeply_nested_conditions_give_only_coded_errors(depth, wrapper):
    docs = base_docs()
    condition: Any = {"question": "custody_status", "equals": "remanded"}
    for _ in range(depth):
        condition = {"not": condition} if wrapper == "not" else {wrapper: [condition]}
    form_question(docs, "custody_notes")["show_if"] = condition
    try:
        text = yaml.safe_dump(docs["form"], sort_keys=False)
    except RecursionError:
        assume(False)
    texts = texts_of({k: v for k, v in docs.items() if k != "form"})
    texts[FORM_FILE] = text
    library = assert_coded(texts)
    if library is not None:
        assert "custody_notes" in library.bundle("court_day", 1).questions


# --------------------------------------------------------------------------
# The shipped forms
# --------------------------------------------------------------------------

SHIPPED = sorted(default_forms_dir().rglob("*.yaml"))


def test_shipped_forms_load():
    library = FormLibrary.load()
    bundle = library.bundle()
    assert bundle.id == "cstr_court_day"
    assert bundle.version == 2  # the newest; version 1 stays loadable
    assert library.bundle("cstr_court_day", 1).version == 1
    assert set(bundle.instruments) == {"phq9", "gad7", "audit", "sadq", "ldq", "dast10",
                                       "core10"}
    assert bundle.criteria.id == "cstr_criteria"
    assert [r.id for r in bundle.criteria.requirements] == ["mhtr", "drr", "atr"]
    assert "language_offer_script" in bundle.questions
    assert bundle.instrument_of["audit_9"] == "audit"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_each_shipped_file_parses(path):
    doc = parse_document(path.read_text(encoding="utf-8"), path.name)
    assert path.name.startswith(f"{doc.id}.v{doc.version}.")
    expected_folder = {"form": "interview", "instrument": "instruments",
                       "choices": "choices", "criteria": "criteria", "layout": "layouts",
                       "outcomes": "outcomes"}[doc.kind]
    assert path.parent.name == expected_folder


def test_shipped_forms_with_a_fault_report_the_shipped_file(tmp_path):
    # The folder loader names files relative to the forms folder.
    import shutil

    target = tmp_path / "forms"
    shutil.copytree(default_forms_dir(), target, ignore=shutil.ignore_patterns("*.py",
                                                                              "__pycache__"))
    form = target / "interview" / "cstr_court_day.v1.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace(
        "show_if: {question: gp_registered, equals: \"yes\"}",
        "show_if: {question: gp_registerd, equals: \"yes\"}"), encoding="utf-8")
    with pytest.raises(FormError) as info:
        FormLibrary.load(target)
    assert_first(info.value, "FORM_003", str(Path("forms/interview/cstr_court_day.v1.yaml")),
                 "question 'gp_details'", "unknown question 'gp_registerd'")
