"""The building blocks every form file shares: names, text in two languages, conditions.

Conditions (``show_if``, skip rules, alerts, flags, warnings) are data, never code
strings. Split from :mod:`cstr_desktop.forms.schema` so that the criteria and
layout models can use them without importing each other.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

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


NUMBER_COMPARISONS = ("equals", "greater_than", "at_least", "less_than", "at_most")


class _Compared(Strict):
    """A number compared in exactly one way (a sum's or a score's)."""

    equals: float | None = None
    greater_than: float | None = None
    at_least: float | None = None
    less_than: float | None = None
    at_most: float | None = None
    _what: ClassVar[str] = "a condition"

    @model_validator(mode="after")
    def _one_comparison(self) -> _Compared:
        given = [n for n in NUMBER_COMPARISONS if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError(f"{self._what} needs exactly one of: " + ", ".join(NUMBER_COMPARISONS))
        return self

    @property
    def comparison(self) -> tuple[str, float]:
        for n in NUMBER_COMPARISONS:
            v = getattr(self, n)
            if v is not None:
                return n, v
        raise AssertionError("validated to have one comparison")


class SumCondition(_Compared):
    """A test on the sum of integer answers: ``{sum: [audit_2, audit_3], equals: 0}``.

    Only true when every named item is answered.
    """

    sum: list[Name] = Field(min_length=1)
    _what: ClassVar[str] = "a sum condition"


class ScoreCondition(_Compared):
    """A test on an instrument's total: ``{score: audit, less_than: 20}``.

    Only true when the instrument's total is known (every item it needs answered).
    Used by the criteria file's consistency warnings, where a measure is compared
    with an answer (dependence "yes" with a low score).
    """

    score: Name
    _what: ClassVar[str] = "a score condition"


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
            AnyCondition: "any", NotCondition: "not", ScoreCondition: "score",
        }.get(type(value))
    if isinstance(value, dict):
        for key in ("all", "any", "not", "sum", "score", "question"):
            if key in value:
                return key
    return None


Condition = Annotated[
    Annotated[QuestionCondition, Tag("question")]
    | Annotated[SumCondition, Tag("sum")]
    | Annotated[ScoreCondition, Tag("score")]
    | Annotated[AllCondition, Tag("all")]
    | Annotated[AnyCondition, Tag("any")]
    | Annotated[NotCondition, Tag("not")],
    Discriminator(
        _condition_kind,
        custom_error_type="condition_kind",
        custom_error_message="a condition needs one of the keys: question, sum, score, all, "
                             "any, not",
    ),
]

# Models are built lazily (defer_build): the first validation resolves the forward
# references, so importing this module stays cheap for a command that reads the
# validated forms from the cache (form_cache.py) and never validates.
