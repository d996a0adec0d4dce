"""The validator for what issue 10 added to the form files: layouts and readers, warnings,
period limits, score conditions, a requirement's recommendation and period, an
instrument's language question. Each test breaks one thing in the small valid set of
tests/support/form_docs.py (with a layout added) and checks the code and what it names."""

from __future__ import annotations

import copy

import pytest
from support.form_docs import (
    CRITERIA_FILE,
    FILES,
    FORM_FILE,
    INSTRUMENT_FILE,
    assert_first,
    base_docs,
    dump,
    form_question,
)

from cstr_desktop.errors import FormError
from cstr_desktop.forms.loader import FormLibrary

LAYOUT_FILE = "layouts/rep.v1.yaml"
FILES_WITH_LAYOUT = {**FILES, "layout": LAYOUT_FILE}


def texts_of(docs: dict) -> dict[str, str]:
    return {FILES_WITH_LAYOUT[kind]: dump(doc) for kind, doc in docs.items()}


def load(docs: dict) -> FormLibrary:
    return FormLibrary.from_texts(texts_of(docs))


def load_error(docs: dict) -> FormError:
    with pytest.raises(FormError) as info:
        FormLibrary.from_texts(texts_of(docs))
    return info.value

LAYOUT = {
    "kind": "layout", "id": "rep", "version": 1, "title": {"en": "Report"},
    "roles": {"given_names": "substance_details", "family_name": "substance_details",
              "date_of_birth": "person_dob", "hearing_date": "hearing_date",
              "case_number": "substance_details", "court_name": "substance_details"},
    "parts": [{"key": "who", "kind": "identifiers", "title": {"en": "Who"},
               "sections": ["person"]},
              {"key": "scores", "kind": "measures", "title": {"en": "Scores"}}],
    "readers": [
        {"id": "court", "label": {"en": "the court"}, "copy_title": {"en": "Court copy"},
         "description": {"en": "For the court."}, "consent": "convicted",
         "when_refused": "notice", "measures": "totals", "risk": "summary",
         "withheld": "withheld_court"},
        {"id": "probation", "label": {"en": "probation"}, "copy_title": {"en": "Probation"},
         "description": {"en": "For probation."}},
    ],
    "risk_summary": {"identified_when": {"question": "mini_2", "greater_than": 0},
                     "assessed_when": {"question": "mini_2", "answered": True},
                     "actions_question": "custody_status", "details_in": "probation"},
}
WARNING = {"code": "W_HEAVY_ON_BAIL", "questions": ["drinks_per_day"],
           "when": {"all": [{"question": "custody_status", "equals": "bailed"},
                            {"score": "mini", "at_least": 3}]},
           "message": {"en": "On bail but drinking heavily."}}
PERIODS = {"code": "W_TOO_LONG", "order_question": "custody_status",
           "message": {"en": "{requirement}: {months} is over {limit}."},
           "unit": {"en": "months"}, "unit_one": {"en": "month"},
           "orders": [{"order": "bailed", "label": {"en": "bail"}, "max_months": 36,
                       "rule": {"en": "three years"}, "source": {"en": "s.209"}}]}


def docs_with_layout() -> dict:
    docs = base_docs()
    docs["choices"]["lists"]["shareable"] = [
        {"value": "person", "label": {"en": "Everything about the person"}},
        {"value": "custody_notes", "label": {"en": "Custody notes"}}]
    docs["form"]["sections"][0]["questions"].append(
        {"name": "withheld_court", "type": "multi_choice", "choices": "shareable",
         "readers": [], "label": {"en": "Not for the court"}})
    docs["form"]["uses"]["layout"] = {"rep": 1}
    form_question(docs, "custody_notes")["readers"] = ["probation"]
    docs["criteria"]["warnings"] = [copy.deepcopy(WARNING)]
    docs["criteria"]["period_limits"] = copy.deepcopy(PERIODS)
    docs["criteria"]["requirements"][0].update(
        {"period_question": "drinks_per_day", "arrangements_section": "person",
         "recommendation": {"question": "custody_status", "recommends": ["bailed"]}})
    docs["layout"] = copy.deepcopy(LAYOUT)
    return docs


def test_the_set_with_a_layout_loads():
    bundle = load(docs_with_layout()).bundle("court_day", 1)
    assert bundle.reader_ids() == ("court", "probation")
    assert bundle.readers_of("custody_notes") == ("probation",)
    assert bundle.readers_of("convicted") == ("court", "probation")
    assert bundle.readers_of("withheld_court") == ()
    assert bundle.role("date_of_birth") == "person_dob"
    assert bundle.criteria.warnings[0].code == "W_HEAVY_ON_BAIL"


def test_a_question_naming_an_unknown_reader_is_form_019():
    docs = docs_with_layout()
    form_question(docs, "custody_notes")["readers"] = ["probaton"]
    assert_first(load_error(docs), "FORM_019", FORM_FILE, "question 'custody_notes'",
                 "'probaton'", "['court', 'probation']")


def test_a_section_naming_a_reader_without_a_layout_is_form_019():
    docs = base_docs()
    docs["form"]["sections"][0]["readers"] = ["court"]
    assert_first(load_error(docs), "FORM_019", FORM_FILE, "section 'person'", "'court'")


@pytest.mark.parametrize(("change", "subject", "fragment"), [
    (lambda d: d["layout"]["roles"].update(given_names="nmae"), "role 'given_names'",
     "'nmae' is not a question"),
    (lambda d: d["layout"]["parts"][0]["sections"].append("scren"), "part 'who'",
     "'scren' is not a section"),
    (lambda d: d["layout"]["parts"][1].update(sections=["person"]), "part 'scores'",
     "section 'person' is already printed in part 'who'"),
    (lambda d: d["layout"]["readers"][0].update(consent="custody_status"), "reader 'court'",
     "consent 'custody_status' is not a yes/no question"),
    (lambda d: d["layout"]["readers"][1].update(when_refused="notice"), "reader 'probation'",
     "needs the consent question"),
    (lambda d: d["layout"]["readers"][0].update(withheld="substances_used"), "reader 'court'",
     "offers 'alcohol', which is neither a question nor a section"),
    (lambda d: d["layout"]["readers"].append(copy.deepcopy(d["layout"]["readers"][1])),
     "reader 'probation'", "the id is used twice"),
    (lambda d: d["layout"].update(default_readers=["defence"]), "default_readers",
     "'defence' is not one of the layout's readers"),
    (lambda d: d["layout"]["risk_summary"].update(details_in="defence"), "risk_summary",
     "details_in 'defence'"),
    (lambda d: d["layout"]["risk_summary"].update(actions_question="nope"), "risk_summary",
     "actions_question 'nope'"),
])
def test_layout_references_are_checked_form_018(change, subject, fragment):
    docs = docs_with_layout()
    change(docs)
    assert_first(load_error(docs), "FORM_018", LAYOUT_FILE, subject, fragment)


def test_a_missing_layout_and_two_layouts_for_one_form_are_form_011():
    docs = docs_with_layout()
    docs["form"]["uses"]["layout"] = {"rep": 2}
    assert_first(load_error(docs), "FORM_011", FORM_FILE, "uses layout 'rep' version 2")
    docs = docs_with_layout()
    del docs["form"]["uses"]["layout"]
    docs["layout"]["applies_to"] = [{"form": "court_day", "version": 1}]
    other = copy.deepcopy(docs["layout"])
    other["version"] = 2
    texts = texts_of(docs)
    texts["layouts/rep.v2.yaml"] = dump(other)
    with pytest.raises(FormError) as info:
        FormLibrary.from_texts(texts)
    assert_first(info.value, "FORM_011", FORM_FILE, "more than one layout applies")


def test_a_layout_named_by_applies_to_is_found_without_the_form_naming_it():
    docs = docs_with_layout()
    del docs["form"]["uses"]["layout"]
    docs["layout"]["applies_to"] = [{"form": "court_day", "version": 1}]
    assert load(docs).bundle("court_day", 1).layout.id == "rep"


@pytest.mark.parametrize(("change", "code", "subject", "fragment"), [
    (lambda w: w["when"]["all"].append({"question": "drinkz", "answered": True}), "FORM_003",
     "warning 'W_HEAVY_ON_BAIL'", "unknown question 'drinkz'"),
    (lambda w: w["when"]["all"].append({"score": "minny", "at_least": 1}), "FORM_003",
     "warning 'W_HEAVY_ON_BAIL'", "unknown instrument 'minny'"),
    (lambda w: w.update(questions=["intro_script"]), "FORM_007",
     "warning 'W_HEAVY_ON_BAIL'", "names 'intro_script' as the question to fix it"),
    (lambda w: w.update(applies_to="drr"), "FORM_007", "warning 'W_HEAVY_ON_BAIL'",
     "applies_to 'drr' is not a requirement"),
    (lambda w: w.update(code="W_TOO_LONG"), "FORM_005", "warning 'W_TOO_LONG'",
     "the code is used twice"),
    (lambda w: w.update(code="heavy"), "FORM_002", "", "String should match pattern"),
])
def test_warnings_are_checked(change, code, subject, fragment):
    docs = docs_with_layout()
    change(docs["criteria"]["warnings"][0])
    err = load_error(docs)
    assert_first(err, code, CRITERIA_FILE, subject, fragment)


@pytest.mark.parametrize(("change", "fragment"), [
    (lambda p: p["orders"][0].update(order="freed"), "order 'freed' is not an answer"),
    (lambda p: p["orders"][0].update(within="custody_notes"),
     "within 'custody_notes' is not an integer question"),
    (lambda p: p.update(order_question="convicted"),
     "order_question 'convicted' is not a single_choice question"),
])
def test_period_limits_are_checked_form_007(change, fragment):
    docs = docs_with_layout()
    change(docs["criteria"]["period_limits"])
    assert_first(load_error(docs), "FORM_007", CRITERIA_FILE, "period_limits", fragment)


def test_an_order_limit_needs_a_limit_form_002():
    docs = docs_with_layout()
    del docs["criteria"]["period_limits"]["orders"][0]["max_months"]
    assert_first(load_error(docs), "FORM_002", CRITERIA_FILE, "needs 'max_months', 'within'")


@pytest.mark.parametrize(("change", "fragment"), [
    (lambda r: r["recommendation"].update(recommends=["freed"]),
     "recommends 'freed', which is not an answer of 'custody_status'"),
    (lambda r: r.update(period_question="custody_notes"),
     "period_question 'custody_notes' is not an integer question"),
    (lambda r: r.update(arrangements_section="plans"),
     "arrangements_section 'plans' is not a section"),
    (lambda r: r.update(first_appointment=["when"]), "first_appointment names 'when'"),
])
def test_a_requirements_recommendation_period_and_arrangements_are_checked(change, fragment):
    docs = docs_with_layout()
    change(docs["criteria"]["requirements"][0])
    assert_first(load_error(docs), "FORM_007", CRITERIA_FILE, "requirement 'mhtr'", fragment)


def test_an_instruments_language_question_must_be_a_single_choice_of_its_own():
    docs = docs_with_layout()
    docs["instrument"]["language_question"] = "mini_difficulty"
    assert_first(load_error(docs), "FORM_013", INSTRUMENT_FILE, "instrument 'mini'",
                 "language_question 'mini_difficulty' must be a single_choice question")


def test_a_section_printed_in_no_part_of_the_report_is_form_020():
    docs = docs_with_layout()
    docs["layout"]["parts"][0]["sections"] = []
    assert_first(load_error(docs), "FORM_021", LAYOUT_FILE, "section 'person'",
                 "is printed in no part of the report", "the sections of one part")


def test_an_instrument_section_needs_a_measures_part_form_020():
    docs = docs_with_layout()
    instrument_sections = [s["name"] for s in docs["form"]["sections"] if s.get("instruments")]
    assert instrument_sections  # the small set asks an instrument
    docs["layout"]["parts"] = [docs["layout"]["parts"][0]]
    assert_first(load_error(docs), "FORM_021", LAYOUT_FILE,
                 f"section '{instrument_sections[0]}'", "a part whose kind is 'measures'")


def opinion_docs(**bindings) -> dict:
    """The set with its identifiers part made the opinion part, binding requirements."""
    docs = docs_with_layout()
    docs["layout"]["parts"][0].update(kind="opinion", requirement_sections=bindings)
    return docs


def test_an_opinion_part_binds_each_requirement_to_its_criteria_section():
    docs = opinion_docs(mhtr="person")
    docs["layout"]["kept_card"] = {
        "requirements": {"mhtr": {"recommendation": "custody_status",
                                  "period": "drinks_per_day"}},
        "first_appointment": ["hearing_date"], "provider": ["substance_details"]}
    layout = load(docs).bundle("court_day", 1).layout
    assert layout.parts[0].requirement_sections == {"mhtr": "person"}
    assert layout.kept_card.requirements["mhtr"].period == "drinks_per_day"
    assert layout.kept_card.first_appointment == ["hearing_date"]


def _second_requirement(docs: dict) -> dict:
    docs["criteria"]["requirements"].append(
        {**copy.deepcopy(docs["criteria"]["requirements"][0]), "id": "atr"})
    return docs


def _identifiers_binding() -> dict:
    docs = docs_with_layout()
    docs["layout"]["parts"][0]["requirement_sections"] = {"mhtr": "person"}
    return docs


def kept_card_docs(**card) -> dict:
    docs = docs_with_layout()
    docs["layout"]["kept_card"] = card
    return docs


@pytest.mark.parametrize(("docs", "subject", "fragment"), [
    (lambda: opinion_docs(mhrt="person"), "part 'who' requirement_sections",
     "'mhrt' is not a requirement of criteria 'crit' ['mhtr']"),
    (lambda: opinion_docs(mhtr="screen"), "part 'who' requirement_sections",
     "binds 'mhtr' to 'screen', which is not one of this part's sections ['person']"),
    (lambda: _second_requirement(opinion_docs(mhtr="person", atr="person")),
     "part 'who' requirement_sections",
     "binds 'atr' to section 'person', which already holds 'mhtr'"),
    (_identifiers_binding, "part 'who' requirement_sections",
     "binds requirements in a part whose kind is 'identifiers': only a part of kind 'opinion'"),
    (lambda: kept_card_docs(requirements={"mhrt": {}}), "kept_card requirement 'mhrt'",
     "'mhrt' is not a requirement of criteria 'crit'"),
    (lambda: kept_card_docs(requirements={"mhtr": {"recommendation": "drinks_per_day"}}),
     "kept_card requirement 'mhtr'",
     "recommendation 'drinks_per_day' is not a single_choice question of form 'court_day'"),
    (lambda: kept_card_docs(requirements={"mhtr": {"period": "custody_status"}}),
     "kept_card requirement 'mhtr'",
     "period 'custody_status' is not an integer question of form 'court_day'"),
    (lambda: kept_card_docs(first_appointment=["hearing_date", "when"]),
     "kept_card first_appointment", "'when' is not a question of form 'court_day'"),
])
def test_a_requirement_bound_wrongly_in_the_layout_is_form_022(docs, subject, fragment):
    assert_first(load_error(docs()), "FORM_022", LAYOUT_FILE, subject, fragment)


def test_a_misspelt_requirement_binding_is_form_002():
    docs = docs_with_layout()
    docs["layout"]["parts"][0]["requirement_section"] = {"mhtr": "person"}
    assert load_error(docs).code == "FORM_002"


def test_prefill_binds_listing_fields_to_questions_and_is_checked():
    docs = docs_with_layout()
    docs["layout"]["prefill"] = {"hearing_date": "hearing_date", "date_of_birth": "person_dob"}
    bundle = load(docs).bundle("court_day", 1)
    assert bundle.prefill() == {"hearing_date": "hearing_date", "date_of_birth": "person_dob"}
    docs["layout"]["prefill"]["crn"] = "crn_number"
    assert_first(load_error(docs), "FORM_018", LAYOUT_FILE, "prefill 'crn'",
                 "'crn_number' is not a question")
    docs["layout"]["prefill"] = {"shoe_size": "person_dob"}
    assert load_error(docs).code == "FORM_002"  # not a field of the court list


def test_the_shipped_forms_declare_their_bindings():
    from cstr_desktop.forms.loader import load_bundle

    for version in (1, 2):
        bundle = load_bundle("cstr_court_day", version)
        assert bundle.prefill()["date_of_birth"] == bundle.role("date_of_birth") == "person_dob"
        assert bundle.prefill()["case_number"] == bundle.role("case_number") == "case_number"
        assert bundle.prefill()["offence"] == bundle.role("offence") == "offence_main"
        placed = {name for part in bundle.layout.parts for name in part.sections}
        assert {s.name for s in bundle.sections if not s.instruments} <= placed
        # Each requirement's own criteria section is bound in the opinion part.
        opinion = next(part for part in bundle.layout.parts if part.kind == "opinion")
        assert set(opinion.requirement_sections) == {r.id for r in bundle.criteria.requirements}
        assert set(opinion.requirement_sections.values()) < set(opinion.sections)
    # Version 1's copies kept before readers' copies: the card's questions, as data.
    kept = load_bundle("cstr_court_day", 1).layout.kept_card
    assert kept.requirements["drr"].period == "drr_period_months"
    assert kept.requirements["atr"].recommendation == "recommendation_atr"
    assert load_bundle("cstr_court_day", 2).layout.kept_card is None
    assert load_bundle("cstr_court_day", 2).role("conviction_date") == \
        load_bundle("cstr_court_day", 2).criteria.age.convicted_on == "conviction_date"
