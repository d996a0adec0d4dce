"""The shape of the files in ``forms/``: pydantic models, nothing else.

Every file carries a ``kind`` (form, instrument, choices, criteria), an ``id``
and a ``version``. Models forbid unknown keys, so a typo in a form file is an
error at load time rather than a silently ignored setting. Cross-references
between files (a ``show_if`` naming a question, a section naming an
instrument) are checked by :mod:`cstr_desktop.form_loader`, which has the
whole bundle in view.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

LANGUAGES = ("en", "cy")
QUESTION_TYPES = (
    "text",
    "long_text",
    "integer",
    "date",
    "yes_no",
    "single_choice",
    "multi_choice",
    "time",
    "note",
)

Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
ChoiceValue = int | str


def _check_local_text(value: dict[str, str]) -> dict[str, str]:
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise ValueError(f"unknown language {unknown[0]!r} (expected one of: en, cy)")
    if "en" not in value:
        raise ValueError("an English ('en') text is required")
    for lang, text in value.items():
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"the {lang!r} text is empty")
    return value


LocalText = Annotated[dict[str, str], AfterValidator(_check_local_text)]
"""Text in one or more languages: ``{"en": "...", "cy": "..."}``; English required."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              defer_build=True)


# --------------------------------------------------------------------------
# Conditions (show_if, skip rules, alerts, flags): data, never code strings.
# --------------------------------------------------------------------------

COMPARISONS = ("equals", "not_equals", "in", "includes", "greater_than", "at_least",
               "less_than", "at_most", "answered")


class QuestionCondition(Strict):
    """A test on one answer: ``{question: convicted, equals: "yes"}``."""

    question: Name
    equals: ChoiceValue | None = None
    not_equals: ChoiceValue | None = None
    in_: list[ChoiceValue] | None = Field(default=None, alias="in")
    includes: ChoiceValue | None = None
    greater_than: float | None = None
    at_least: float | None = None
    less_than: float | None = None
    at_most: float | None = None
    answered: bool | None = None

    @model_validator(mode="after")
    def _one_comparison(self) -> QuestionCondition:
        given = [c for c in COMPARISONS if self.comparison_value(c) is not None]
        if len(given) != 1:
            raise ValueError(
                "a condition needs exactly one of: " + ", ".join(COMPARISONS)
                + (f" (got {', '.join(given)})" if given else " (got none)")
            )
        return self

    def comparison_value(self, name: str) -> Any:
        return self.in_ if name == "in" else getattr(self, name)

    @property
    def comparison(self) -> tuple[str, Any]:
        for c in COMPARISONS:
            v = self.comparison_value(c)
            if v is not None:
                return c, v
        raise AssertionError("validated to have one comparison")


class SumCondition(Strict):
    """A test on the sum of integer answers: ``{sum: [audit_2, audit_3], equals: 0}``.

    Only true when every named item is answered.
    """

    sum: list[Name] = Field(min_length=1)
    equals: float | None = None
    greater_than: float | None = None
    at_least: float | None = None
    less_than: float | None = None
    at_most: float | None = None

    @model_validator(mode="after")
    def _one_comparison(self) -> SumCondition:
        names = ("equals", "greater_than", "at_least", "less_than", "at_most")
        given = [n for n in names if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError("a sum condition needs exactly one of: " + ", ".join(names))
        return self

    @property
    def comparison(self) -> tuple[str, float]:
        for n in ("equals", "greater_than", "at_least", "less_than", "at_most"):
            v = getattr(self, n)
            if v is not None:
                return n, v
        raise AssertionError("validated to have one comparison")


class AllCondition(Strict):
    all: list[Condition] = Field(min_length=1)


class AnyCondition(Strict):
    any: list[Condition] = Field(min_length=1)


class NotCondition(Strict):
    not_: Condition = Field(alias="not")


def _condition_kind(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        return {
            QuestionCondition: "question", SumCondition: "sum", AllCondition: "all",
            AnyCondition: "any", NotCondition: "not",
        }.get(type(value))
    if isinstance(value, dict):
        for key in ("all", "any", "not", "sum", "question"):
            if key in value:
                return key
    return None


Condition = Annotated[
    Annotated[QuestionCondition, Tag("question")]
    | Annotated[SumCondition, Tag("sum")]
    | Annotated[AllCondition, Tag("all")]
    | Annotated[AnyCondition, Tag("any")]
    | Annotated[NotCondition, Tag("not")],
    Discriminator(
        _condition_kind,
        custom_error_type="condition_kind",
        custom_error_message="a condition needs one of the keys: question, sum, all, any, not",
    ),
]

# Models are built lazily (defer_build): the first validation resolves the forward
# references, so importing this module stays cheap for a command that reads the
# validated forms from the cache (form_cache.py) and never validates.


# --------------------------------------------------------------------------
# Questions: a discriminated union on ``type``.
# --------------------------------------------------------------------------


class QuestionBase(Strict):
    name: Name
    label: LocalText
    help: LocalText | None = None
    required: bool = False
    show_if: Condition | None = None
    # Wording that depends on another answer (AUDIT's WHO/UK versions):
    # {uk: {label: {...}, choices: audit_units}} chosen by the instrument's
    # variant question.
    variants: dict[Name, QuestionVariant] | None = None


class QuestionVariant(Strict):
    label: LocalText | None = None
    choices: Name | None = None


class TextQuestion(QuestionBase):
    type: Literal["text"]
    max_length: int = Field(default=200, ge=1, le=100_000)
    format: Literal["nhs_number"] | None = None


class LongTextQuestion(QuestionBase):
    type: Literal["long_text"]
    max_length: int = Field(default=20_000, ge=1, le=1_000_000)


class IntegerQuestion(QuestionBase):
    type: Literal["integer"]
    min: int | None = None
    max: int | None = None
    unit: LocalText | None = None

    @model_validator(mode="after")
    def _range(self) -> IntegerQuestion:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        return self


class DateQuestion(QuestionBase):
    type: Literal["date"]
    min: date | None = None
    max: date | None = None
    # Another date question this one may not come after / before.
    not_after: Name | None = None
    not_before: Name | None = None


class YesNoQuestion(QuestionBase):
    type: Literal["yes_no"]
    # The words for the answers: a choice list whose values are exactly "yes"
    # and "no" (Welsh answers a question with its own verb: "Oes", "Gellir").
    # Without it, the choice files' list "yes_no" if there is one, else the default.
    choices: Name | None = None


class SingleChoiceQuestion(QuestionBase):
    type: Literal["single_choice"]
    choices: Name


class MultiChoiceQuestion(QuestionBase):
    type: Literal["multi_choice"]
    choices: Name


class TimeQuestion(QuestionBase):
    type: Literal["time"]


class NoteQuestion(QuestionBase):
    """Text shown to the assessor (a script to read out); never answered."""

    type: Literal["note"]

    @model_validator(mode="after")
    def _never_required(self) -> NoteQuestion:
        if self.required:
            raise ValueError("a note cannot be required: it takes no answer")
        return self


Question = Annotated[
    TextQuestion
    | LongTextQuestion
    | IntegerQuestion
    | DateQuestion
    | YesNoQuestion
    | SingleChoiceQuestion
    | MultiChoiceQuestion
    | TimeQuestion
    | NoteQuestion,
    Field(discriminator="type"),
]



# --------------------------------------------------------------------------
# Choice lists
# --------------------------------------------------------------------------


class Choice(Strict):
    value: ChoiceValue
    label: LocalText


def _check_choice_lists(lists: dict[str, list[Choice]]) -> dict[str, list[Choice]]:
    for name, choices in lists.items():
        if not choices:
            raise ValueError(f"choice list {name!r} is empty")
        seen: set[Any] = set()
        for c in choices:
            key = (type(c.value), c.value)
            if key in seen:
                raise ValueError(f"choice list {name!r} repeats the value {c.value!r}")
            seen.add(key)
    return lists


ChoiceLists = Annotated[dict[Name, list[Choice]], AfterValidator(_check_choice_lists)]


class ChoicesFile(Strict):
    kind: Literal["choices"]
    id: Name
    version: int = Field(ge=1)
    lists: ChoiceLists


# --------------------------------------------------------------------------
# Instruments
# --------------------------------------------------------------------------


class Band(Strict):
    id: Name
    min: int
    max: int
    label: LocalText
    zone: int | None = None


class SkipRule(Strict):
    """When ``when`` holds, the ``skip`` items are not asked and score 0."""

    when: Condition
    skip: list[Name] = Field(min_length=1)


class Subscore(Strict):
    id: Name
    label: LocalText
    items: list[Name] = Field(min_length=1)
    positive_at: int | None = None


class Scoring(Strict):
    # "sum": total of the item answers (choice values are the item scores).
    # "entered": a total entered by the assessor (licensed wording not held).
    method: Literal["sum", "entered"]
    items: list[Name] = Field(min_length=1)
    min: int = 0
    max: int
    skip_rules: list[SkipRule] = []
    bands: list[Band] = Field(min_length=1)
    subscores: list[Subscore] = []

    @model_validator(mode="after")
    def _bands_cover_range(self) -> Scoring:
        expected = self.min
        for band in self.bands:
            if band.min != expected:
                raise ValueError(
                    f"band {band.id!r} starts at {band.min}, expected {expected}: "
                    "bands must cover the score range in order, without gaps or overlaps"
                )
            if band.max < band.min:
                raise ValueError(
                    f"band {band.id!r} ends ({band.max}) before it starts ({band.min})")
            expected = band.max + 1
        if expected - 1 != self.max:
            raise ValueError(
                f"the last band ends at {expected - 1}, but the score range ends at {self.max}")
        if self.method == "entered" and len(self.items) != 1:
            raise ValueError("an entered score names exactly one item: the total")
        return self


class Alert(Strict):
    id: Name
    when: Condition
    message: LocalText
    # Question where the assessor records what they did about it.
    action_question: Name | None = None


class Instrument(Strict):
    kind: Literal["instrument"]
    id: Name
    version: int = Field(ge=1)
    title: LocalText
    short_title: str
    instructions: LocalText | None = None
    stem: LocalText | None = None
    attribution: LocalText
    licence: LocalText
    # Validated instruments stay in the language they were validated in.
    translation_note: LocalText | None = None
    # Shown in the assessment result (``assess --json``): automatically scored
    # instruments. Score-only entries are shown in the app and the report.
    in_result: bool = True
    variant_question: Name | None = None
    key_items: list[Name] = []
    # Choice lists of the instrument's own, so that a version is self-contained.
    choices: ChoiceLists = {}
    questions: list[Question] = Field(min_length=1)
    scoring: Scoring
    alerts: list[Alert] = []


# --------------------------------------------------------------------------
# Statutory criteria
# --------------------------------------------------------------------------


class AgeRule(Strict):
    """Where age is worked out: ``age`` is the age on ``on_date`` (the hearing).

    ``convicted_on`` names the date of conviction: when it is answered, the age
    gate (``derived: age_at_least``) is tested on it instead (s.202(1): 18 or over
    when convicted), and the result's ``age_at_conviction`` is the age on it.
    """

    date_of_birth: Name
    on_date: Name
    convicted_on: Name | None = None


class Criterion(Strict):
    """One thing the court must be satisfied of.

    Either an answer (``question`` with the value ``met_when``) or a derived
    fact (``derived: age_at_least`` with ``years``).
    """

    id: Name
    label: LocalText
    question: Name | None = None
    met_when: ChoiceValue | None = None
    derived: Literal["age_at_least"] | None = None
    years: int | None = Field(default=None, ge=0, le=150)
    not_met: LocalText
    reason_question: Name | None = None

    @model_validator(mode="after")
    def _source(self) -> Criterion:
        if (self.question is None) == (self.derived is None):
            raise ValueError("a criterion needs exactly one of 'question' or 'derived'")
        if self.question is not None and self.met_when is None:
            raise ValueError("a criterion on a question needs 'met_when'")
        if self.derived == "age_at_least" and self.years is None:
            raise ValueError("'derived: age_at_least' needs 'years'")
        return self


class Requirement(Strict):
    id: Name
    title: LocalText
    statute: LocalText
    criteria: list[Criterion] = Field(min_length=1)


class Flag(Strict):
    id: Name
    label: LocalText
    when: Condition


class CriteriaFile(Strict):
    kind: Literal["criteria"]
    id: Name
    version: int = Field(ge=1)
    title: LocalText
    age: AgeRule
    gates: list[Criterion]
    requirements: list[Requirement] = Field(min_length=1)
    flags: list[Flag] = []
    # When this holds (the person declined the assessment), every requirement's
    # status is "not_assessed": no opinion can be given, whatever else was recorded.
    declined_when: Condition | None = None
    # The multi-choice question whose answer names the requirements being
    # considered (its choice values are requirement ids). Until it is answered,
    # every requirement is treated as considered.
    considered_by: Name | None = None


# --------------------------------------------------------------------------
# The interview form
# --------------------------------------------------------------------------


class Section(Strict):
    name: Name
    title: LocalText
    intro: LocalText | None = None
    show_if: Condition | None = None
    questions: list[Question] = []
    # Or one or more instruments, asked in turn.
    instruments: list[Name] = []

    @model_validator(mode="after")
    def _questions_or_instruments(self) -> Section:
        if bool(self.questions) == bool(self.instruments):
            raise ValueError(
                "a section has either 'questions' or 'instruments', not both or neither")
        return self


class Uses(Strict):
    choices: dict[Name, int] = {}
    instruments: dict[Name, int] = {}
    criteria: dict[Name, int] = {}


class FormFile(Strict):
    kind: Literal["form"]
    id: Name
    version: int = Field(ge=1)
    title: LocalText
    uses: Uses = Field(default_factory=Uses)
    sections: list[Section] = Field(min_length=1)


FormDocument = Annotated[
    FormFile | Instrument | ChoicesFile | CriteriaFile,
    Field(discriminator="kind"),
]
