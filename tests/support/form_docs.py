"""A small, valid set of form files (a choice list file, a three-item instrument, a
criteria file and a two-section form) as inline YAML, and helpers to break one thing in
it and read the coded error back. Used by the form validation tests."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from cstr_desktop.form_errors import FormError
from cstr_desktop.form_loader import FormLibrary

# --------------------------------------------------------------------------
# The minimal valid set
# --------------------------------------------------------------------------

CHOICES_YAML = """\
kind: choices
id: basic
version: 1
lists:
  custody_status:
    - {value: remanded, label: {en: "Remanded in custody", cy: "Wedi'i remandio"}}
    - {value: bailed, label: {en: "On bail", cy: "Ar fechnïaeth"}}
  substances:
    - {value: alcohol, label: {en: "Alcohol"}}
    - {value: drugs, label: {en: "Drugs"}}
"""

INSTRUMENT_YAML = """\
kind: instrument
id: mini
version: 1
title: {en: "Mini screen"}
short_title: MINI
attribution: {en: "Written for these tests."}
licence: {en: "Public domain."}
key_items: [mini_2]
choices:
  mini_frequency:
    - {value: 0, label: {en: "Never"}}
    - {value: 1, label: {en: "Sometimes"}}
    - {value: 2, label: {en: "Often"}}
questions:
  - {name: mini_1, type: single_choice, choices: mini_frequency, label: {en: "Item one"}}
  - {name: mini_2, type: single_choice, choices: mini_frequency, label: {en: "Item two"}}
  - name: mini_difficulty
    type: yes_no
    label: {en: "Has this made things difficult?"}
    show_if: {sum: [mini_1, mini_2], greater_than: 0}
scoring:
  method: sum
  items: [mini_1, mini_2]
  min: 0
  max: 4
  skip_rules:
    - when: {question: mini_1, equals: 0}
      skip: [mini_2]
  bands:
    - {id: low, min: 0, max: 1, label: {en: "Low"}}
    - {id: high, min: 2, max: 4, label: {en: "High"}}
alerts:
  - id: mini_alert
    when: {question: mini_2, at_least: 2}
    action_question: custody_notes
    message: {en: "Item two is high: record what you did."}
"""

CRITERIA_YAML = """\
kind: criteria
id: crit
version: 1
title: {en: "Criteria"}
age: {date_of_birth: person_dob, on_date: hearing_date}
gates:
  - id: convicted
    question: convicted
    met_when: "yes"
    label: {en: "Convicted"}
    not_met: {en: "Needs a conviction."}
  - id: adult
    derived: age_at_least
    years: 18
    label: {en: "Aged 18 or over"}
    not_met: {en: "For adults only."}
requirements:
  - id: mhtr
    title: {en: "MHTR"}
    statute: {en: "Sentencing Act 2020, Sch. 9"}
    criteria:
      - id: on_bail
        question: custody_status
        met_when: bailed
        reason_question: custody_notes
        label: {en: "On bail"}
        not_met: {en: "Must be on bail."}
flags:
  - id: heavy_drinking
    label: {en: "Drinks heavily"}
    when: {question: drinks_per_day, greater_than: 10}
"""

FORM_YAML = """\
kind: form
id: court_day
version: 1
title: {en: "Court day", cy: "Diwrnod llys"}
uses:
  choices: {basic: 1}
  instruments: {mini: 1}
  criteria: {crit: 1}
sections:
  - name: person
    title: {en: "Person"}
    questions:
      - {name: intro_script, type: note, label: {en: "Say who you are."}}
      - name: person_dob
        type: date
        min: 1900-01-01
        not_after: hearing_date
        label: {en: "Date of birth"}
      - {name: hearing_date, type: date, label: {en: "Hearing date"}}
      - {name: convicted, type: yes_no, label: {en: "Convicted?"}}
      - {name: custody_status, type: single_choice, choices: custody_status, label: {en: "Custody"}}
      - name: custody_notes
        type: long_text
        label: {en: "Custody notes"}
        show_if: {question: custody_status, equals: remanded}
      - {name: substances_used, type: multi_choice, choices: substances, label: {en: "Substances"}}
      - name: substance_details
        type: text
        label: {en: "Which drugs"}
        show_if: {question: substances_used, includes: drugs}
      - {name: drinks_per_day, type: integer, min: 0, max: 50, label: {en: "Drinks a day"}}
  - name: screen
    title: {en: "Screen"}
    show_if:
      all:
        - {question: convicted, equals: "yes"}
        - {not: {question: drinks_per_day, at_most: 0}}
    instruments: [mini]
"""

FILES = {
    "choices": "choices/basic.v1.yaml",
    "instrument": "instruments/mini.v1.yaml",
    "criteria": "criteria/crit.v1.yaml",
    "form": "interview/court_day.v1.yaml",
}
TEXTS = {"choices": CHOICES_YAML, "instrument": INSTRUMENT_YAML,
         "criteria": CRITERIA_YAML, "form": FORM_YAML}
FORM_FILE = FILES["form"]
CRITERIA_FILE = FILES["criteria"]
INSTRUMENT_FILE = FILES["instrument"]

# Every name the valid set defines: question, list, file and item ids.
KNOWN_NAMES = {
    "basic", "mini", "crit", "court_day", "custody_status", "substances", "mini_frequency",
    "intro_script", "person_dob", "hearing_date", "convicted", "custody_notes",
    "substances_used", "substance_details", "drinks_per_day", "mini_1", "mini_2",
    "mini_difficulty", "person", "screen", "mhtr", "on_bail", "adult", "heavy_drinking",
    "mini_alert", "low", "high",
}


def base_docs() -> dict[str, dict[str, Any]]:
    """The valid set as fresh dicts, one per kind, to break in a test."""
    return {kind: yaml.safe_load(text) for kind, text in TEXTS.items()}


def dump(doc: Any) -> str:
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def texts_of(docs: dict[str, Any]) -> dict[str, str]:
    return {FILES[kind]: dump(doc) for kind, doc in docs.items()}


def load(docs: dict[str, Any]) -> FormLibrary:
    return FormLibrary.from_texts(texts_of(docs))


def load_error(docs_or_texts: dict[str, Any]) -> FormError:
    """The FormError raised for these docs (by kind) or raw texts (by file name)."""
    if all(k in FILES for k in docs_or_texts):
        texts = texts_of(docs_or_texts)
    else:
        texts = docs_or_texts
    with pytest.raises(FormError) as info:
        FormLibrary.from_texts(texts)
    return info.value


def assert_first(err: FormError, code: str, *fragments: str) -> None:
    """The first problem has ``code`` and its message names every fragment."""
    first = err.problems[0]
    assert err.code == code, str(err)
    assert first.code == code
    message = str(first)
    assert message.startswith(f"{code}: ")
    assert str(err).splitlines()[0] == message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


def form_question(docs: dict[str, Any], name: str) -> dict[str, Any]:
    for section in docs["form"]["sections"]:
        for q in section.get("questions", []):
            if q["name"] == name:
                return q
    raise KeyError(name)


def instrument_question(docs: dict[str, Any], name: str) -> dict[str, Any]:
    return next(q for q in docs["instrument"]["questions"] if q["name"] == name)


def section(docs: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in docs["form"]["sections"] if s["name"] == name)
