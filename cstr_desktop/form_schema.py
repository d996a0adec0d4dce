"""The shape of the files in ``forms/``: pydantic models, nothing else.

Every file carries a ``kind`` (form, instrument, choices, criteria, layout), an ``id``
and a ``version``. Models forbid unknown keys, so a typo in a form file is an
error at load time rather than a silently ignored setting. Cross-references
between files (a ``show_if`` naming a question, a section naming an
instrument) are checked by :mod:`cstr_desktop.form_loader`, which has the
whole bundle in view.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, model_validator

from .criteria_schema import (  # noqa: F401 - re-exported
    AgeRule,
    ConsistencyWarning,
    CriteriaFile,
    Criterion,
    Flag,
    OrderLimit,
    PeriodLimits,
    Recommendation,
    Requirement,
)
from .layout_schema import LayoutFile
from .outcomes.definitions import OutcomeDefinitions
from .schema_base import (  # noqa: F401 - re-exported: the form files' building blocks
    COMPARISONS,
    LANGUAGES,
    AllCondition,
    AnyCondition,
    ChoiceValue,
    Condition,
    LocalText,
    Name,
    NotCondition,
    QuestionCondition,
    ScoreCondition,
    Strict,
    SumCondition,
    _condition_kind,
)

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
    # The readers whose copy of the report prints this answer (ids of the layout's
    # readers); absent: as the section says, else the layout's default readers.
    readers: list[Name] | None = None


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
    # The unit after the number 1 ("1 month", not "1 months"); ``unit`` otherwise.
    unit_one: LocalText | None = None

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
    # When the note applies (e.g. the instrument was asked in English); without it,
    # the note is printed on every report that has Welsh in it.
    translation_note_when: Condition | None = None
    # The instrument's question recording the language it was asked in.
    language_question: Name | None = None
    # A question saying what the score is about (the LDQ's substance), printed with it.
    subject_question: Name | None = None
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
# The interview form
# --------------------------------------------------------------------------


class Section(Strict):
    name: Name
    title: LocalText
    intro: LocalText | None = None
    show_if: Condition | None = None
    # The readers whose copy prints this section's answers (its instruments' measures);
    # a question may name its own.
    readers: list[Name] | None = None
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
    # The report layout: its parts, the questions' roles and the readers' copies.
    layout: dict[Name, int] = {}


class FormFile(Strict):
    kind: Literal["form"]
    id: Name
    version: int = Field(ge=1)
    title: LocalText
    uses: Uses = Field(default_factory=Uses)
    sections: list[Section] = Field(min_length=1)


FormDocument = Annotated[
    FormFile | Instrument | ChoicesFile | CriteriaFile | LayoutFile | OutcomeDefinitions,
    Field(discriminator="kind"),
]
