"""Check answers against their questions, and read an answers file.

Every fault raises :class:`AnswerError` with a code and a message that names
the question and says what is wrong and what is allowed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from cstr_desktop.errors import AnswerError, DuplicateKey
from cstr_desktop.forms.bundle import FormBundle
from cstr_desktop.forms.condition_checks import possible_values
from cstr_desktop.forms.schema import (
    DateQuestion,
    IntegerQuestion,
    LongTextQuestion,
    MultiChoiceQuestion,
    NoteQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    TimeQuestion,
    YesNoQuestion,
)
from cstr_desktop.hygiene import MAX_ANSWERS_FILE, hidden_characters, loads_strict
from cstr_desktop.outcomes.fields import check_outcome, check_outcome_answer, is_outcome_id

ANSWERS_SCHEMA = "cstr-answers/1"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
# C0 controls other than tab, line feed and carriage return, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Answers that name the person or the case: no invisible formatting characters
# (bidirectional overrides, zero-width spaces), which make one name print as another.
# The roles whose answers name the person or the case: no hidden characters there.
NAME_ROLES = ("family_name", "given_names", "case_number")


def is_valid_nhs_number(text: str) -> bool:
    """Ten digits whose last is the modulus-11 check digit of the first nine."""
    digits = text.replace(" ", "")
    if not re.fullmatch(r"[0-9]{10}", digits):
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def parse_date(value: Any) -> date | None:
    """A date from an ISO ``YYYY-MM-DD`` string, or None if it is not one."""
    if not isinstance(value, str) or not _DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _describe(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except ValueError:  # an integer too long to print (over 4,300 digits)
        return f"{_kind(value)} of about {int(value.bit_length() * 0.30103) + 1} digits"
    return text if len(text) <= 40 else text[:37] + "..."


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def check_answer(bundle: FormBundle, name: str, value: Any,
                 answers: Mapping[str, Any] | None = None) -> Any:
    """Return the value if it is a valid answer to ``name``; raise AnswerError if not.

    ``answers`` (the other answers) lets a date be checked against another
    date, such as a date of birth against the hearing date.
    """
    q = bundle.questions.get(name)
    if q is None and is_outcome_id(name):
        # The outcome at court (docs/outcomes.md): its own ids, checked as a whole by
        # check_answers and cstr_desktop.outcomes.
        return check_outcome_answer(name, value)
    if q is None:
        raise AnswerError("ANS_001", name, "no question has this id in form "
                                           f"'{bundle.id}' version {bundle.version}")
    if isinstance(q, NoteQuestion):
        raise AnswerError("ANS_007", name,
                          "this is a note shown to the assessor; it takes no answer")
    if isinstance(q, TextQuestion | LongTextQuestion):
        return _check_text(q, name, value, tuple(bundle.role(r) for r in NAME_ROLES))
    if isinstance(q, IntegerQuestion):
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnswerError("ANS_002", name, f"expected a whole number, got {_kind(value)} "
                                               f"{_describe(value)}")
        if (q.min is not None and value < q.min) or (q.max is not None and value > q.max):
            raise AnswerError("ANS_003", name, f"{_describe(value)} is out of range "
                                               f"{_range(q.min, q.max)}")
        return value
    if isinstance(q, DateQuestion):
        return _check_date(bundle, q, name, value, answers or {})
    if isinstance(q, TimeQuestion):
        if not isinstance(value, str) or not _TIME.fullmatch(value):
            raise AnswerError("ANS_006", name, f"expected a time as HH:MM (24-hour), got "
                                               f"{_describe(value)}")
        return value
    allowed = possible_values(q, bundle)
    assert allowed is not None
    if isinstance(q, YesNoQuestion | SingleChoiceQuestion):
        _check_choice_type(name, value, allowed)
        if not _one_of(value, allowed):
            raise AnswerError("ANS_004", name, f"{_describe(value)} is not one of "
                                               f"{_describe(allowed)}")
        return value
    assert isinstance(q, MultiChoiceQuestion)
    if not isinstance(value, list):
        raise AnswerError("ANS_002", name, f"expected a list of choices, got {_kind(value)} "
                                           f"{_describe(value)}")
    if not value:
        raise AnswerError("ANS_002", name, "choose at least one option, or leave it unanswered")
    for item in value:
        _check_choice_type(name, item, allowed)
        if not _one_of(item, allowed):
            raise AnswerError("ANS_004", name, f"{_describe(item)} is not one of "
                                               f"{_describe(allowed)}")
    if len({json.dumps(v) for v in value}) != len(value):
        raise AnswerError("ANS_002", name, "a choice is listed more than once")
    return value


def _check_choice_type(name: str, value: Any, allowed: list[Any]) -> None:
    """A choice of the wrong type (1 for "yes", "3" for 3) is ANS_002, not ANS_004."""
    if isinstance(value, bool) or not any(type(value) is type(a) for a in allowed):
        kinds = " or ".join(sorted({_kind(a) for a in allowed}))
        raise AnswerError("ANS_002", name, f"expected {kinds}, one of {_describe(allowed)}; got "
                                           f"{_kind(value)} {_describe(value)}")


def _one_of(value: Any, allowed: list[Any]) -> bool:
    return not isinstance(value, bool) and any(
        value == a and type(value) is type(a) for a in allowed)


def _range(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low}–{high}"
    return f"at least {low}" if low is not None else f"at most {high}"


def _check_text(q: Any, name: str, value: Any, names: tuple[str | None, ...] = ()) -> str:
    """A text answer; ``names`` are the questions that name the person or the case."""
    if not isinstance(value, str):
        raise AnswerError("ANS_002", name, f"expected text, got {_kind(value)} {_describe(value)}")
    if len(value) > q.max_length:
        raise AnswerError("ANS_009", name, f"the text is {len(value)} characters long; "
                                           f"the most allowed is {q.max_length}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        code_point = ord(value[exc.start])
        raise AnswerError("ANS_009", name, f"contains a lone surrogate (U+{code_point:04X}) "
                                           f"at position {exc.start}: not valid text") from None
    bad = _CONTROL.search(value)
    if bad:
        raise AnswerError("ANS_009", name, f"contains the control character "
                                           f"U+{ord(bad.group()):04X} at position {bad.start()}")
    if name in names and hidden_characters(value):
        raise AnswerError("ANS_009", name, f"contains a hidden character "
                                           f"({hidden_characters(value)[0]}), which could make "
                                           "it print or sort as something else")
    if isinstance(q, TextQuestion) and ("\n" in value or "\r" in value):
        raise AnswerError("ANS_009", name, "a one-line answer cannot contain a line break")
    if getattr(q, "format", None) == "nhs_number" and not is_valid_nhs_number(value):
        raise AnswerError("ANS_008", name, f"{_describe(value)} is not a valid NHS number "
                                           "(10 digits with a correct check digit)")
    return value


def _check_date(bundle: FormBundle, q: DateQuestion, name: str, value: Any,
                answers: Mapping[str, Any]) -> str:
    parsed = parse_date(value)
    if parsed is None:
        raise AnswerError("ANS_005", name, f"expected a date as YYYY-MM-DD, got "
                                           f"{_describe(value)}")
    if q.min is not None and parsed < q.min:
        raise AnswerError("ANS_003", name, f"{value} is before the earliest allowed, "
                                           f"{q.min.isoformat()}")
    if q.max is not None and parsed > q.max:
        raise AnswerError("ANS_003", name, f"{value} is after the latest allowed, "
                                           f"{q.max.isoformat()}")
    if q.not_after is not None:
        other = parse_date(answers.get(q.not_after))
        if other is not None and parsed > other:
            raise AnswerError("ANS_010", name, f"{value} is after {q.not_after} "
                                               f"({other.isoformat()})")
    if q.not_before is not None:
        other = parse_date(answers.get(q.not_before))
        if other is not None and parsed < other:
            raise AnswerError("ANS_010", name, f"{value} is before {q.not_before} "
                                               f"({other.isoformat()})")
    return value


def check_answers(bundle: FormBundle, answers: Any) -> dict[str, Any]:
    """Check a whole set of answers; ``None`` values mean "not answered" and are dropped.

    Raises the first fault found, in the form's question order.
    """
    if not isinstance(answers, dict):
        raise AnswerError("FILE_003", None, f"'answers' must be an object of question ids and "
                                            f"values, got {_kind(answers)}")
    for name in answers:
        if name not in bundle.questions and not is_outcome_id(name):
            raise AnswerError("ANS_001", name, "no question has this id in form "
                                               f"'{bundle.id}' version {bundle.version}")
    given = {k: v for k, v in answers.items() if v is not None}
    checked: dict[str, Any] = {}
    for name in bundle.questions:
        if name in given:
            checked[name] = check_answer(bundle, name, given[name], given)
    outcome = {k: v for k, v in given.items() if is_outcome_id(k)}
    if outcome:
        # The outcome at court, recorded before approval, goes with the answers.
        hearing = checked.get(bundle.role("hearing_date") or bundle.criteria.age.on_date)
        checked.update(check_outcome(outcome, hearing if isinstance(hearing, str) else None))
    return checked


def read_answers_file(path: Path | str, bundle: FormBundle) -> dict[str, Any]:
    """Read and check an answers file (``contract.md`` section 2)."""
    return parse_answers_document(read_json_file(path), bundle)


def form_named(data: Any) -> tuple[str, int] | None:
    """The form an answers file says it was captured with (an export adds ``form_id`` and
    ``form_version``), or None when it does not say."""
    if not isinstance(data, dict):
        return None
    form_id, version = data.get("form_id"), data.get("form_version")
    if isinstance(form_id, str) and isinstance(version, int) and not isinstance(version, bool):
        return form_id, version
    return None


def read_json_file(path: Path | str) -> Any:
    """An answers file's JSON, or AnswerError (FILE_001, FILE_002) saying why not."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_ANSWERS_FILE + 1)
    except FileNotFoundError:
        raise AnswerError("FILE_001", None, f"no such file: {path}") from None
    except IsADirectoryError:
        raise AnswerError("FILE_001", None, f"{path} is a folder, not an answers file") from None
    except OSError as exc:
        raise AnswerError("FILE_001", None, f"cannot read {path}: {exc.strerror}") from None
    if len(raw) > MAX_ANSWERS_FILE:
        raise AnswerError("FILE_002", None, f"{path} is larger than "
                                            f"{MAX_ANSWERS_FILE // 1024 // 1024} MiB: too large "
                                            "for an answers file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AnswerError("FILE_002", None, f"{path} is not UTF-8 text (byte {exc.start})") \
            from None
    try:
        data = loads_strict(text)
    except DuplicateKey as exc:
        raise AnswerError("FILE_002", None, f"{path}: {exc}; each question may be answered "
                                            "only once") from None
    except json.JSONDecodeError as exc:
        raise AnswerError("FILE_002", None, f"{path} is not valid JSON: {exc.msg} at line "
                                            f"{exc.lineno}, column {exc.colno}") from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number; nesting too deep
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise AnswerError("FILE_002", None, f"{path} is not valid JSON: {reason}") from None
    return data


def parse_answers_document(data: Any, bundle: FormBundle) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise AnswerError("FILE_003", None, "the file must hold a JSON object with 'schema' "
                                            "and 'answers'")
    schema = data.get("schema")
    if schema != ANSWERS_SCHEMA:
        raise AnswerError("FILE_003", None, f"'schema' must be \"{ANSWERS_SCHEMA}\", got "
                                            f"{_describe(schema)}")
    if "answers" not in data:
        raise AnswerError("FILE_003", None, "the file has no 'answers' object")
    return check_answers(bundle, data["answers"])


def read_answers_with_form(path: Path | str, load: Any) -> tuple[FormBundle, dict[str, Any]]:
    """An answers file checked against the form it names (an export of an assessment made on
    an older form version), or against the current form (``load()``) when it names none."""
    from cstr_desktop.errors import FormError

    data = read_json_file(path)
    named = form_named(data)
    try:
        bundle = load(*named) if named else load()
    except FormError:
        raise AnswerError("FILE_003", None, f"the file names form '{named[0]}' version "
                                            f"{named[1]}, which these form files do not "
                                            "have") from None
    return bundle, parse_answers_document(data, bundle)


def answers_document(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers file's content for a set of answers."""
    return {"schema": ANSWERS_SCHEMA, "answers": dict(answers)}
