"""The outcome's choices and limits as data: ``forms/outcomes/court_outcome.v1.yaml``.

The file is a form file of kind ``outcomes``, read by the same strict YAML parser and
pydantic models as every form file: a fault is a coded ``FormError`` (``FORM_002`` for
the schema, ``FORM_020`` for a list that does not hold together) naming the file and
the entry.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from ..schema_base import LocalText, Name, Strict

# The values the outcome's rules are written against (docs/outcomes.md): the file may
# word them, and add sentences or reasons, but it must have these.
NEEDED_RESULTS = ("sentenced", "adjourned", "remanded", "other")
NEEDED_REASONS = ("other",)
NEEDED_FOLLOWED = ("yes", "partly", "no")
Unit = Literal["hours", "days", "months"]


class Choice(Strict):
    value: Name
    label: LocalText
    short: LocalText | None = None


class Requirement(Strict):
    code: Name
    cstr: bool
    unit: Unit
    min: int = Field(default=1, ge=1)
    max: int = Field(ge=1)
    label: LocalText
    short: LocalText


class Bounds(Strict):
    min: int = Field(ge=1)
    max: int = Field(ge=1)


class OutcomeDefinitions(Strict):
    kind: Literal["outcomes"]
    id: Name
    version: int = Field(ge=1)
    title: LocalText
    results: list[Choice] = Field(min_length=1)
    sentences: list[Choice] = Field(min_length=1)
    with_requirements: list[Name]
    requirement_needed: list[Name]
    order_months: Bounds
    adjournment_reasons: list[Choice] = Field(min_length=1)
    recommendation_followed: list[Choice] = Field(min_length=1)
    text_max: int = Field(ge=1, le=100_000)
    units: dict[Unit, LocalText]
    requirements: list[Requirement] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> OutcomeDefinitions:
        for name, choices, needed in (("results", self.results, NEEDED_RESULTS),
                                      ("adjournment_reasons", self.adjournment_reasons,
                                       NEEDED_REASONS),
                                      ("recommendation_followed",
                                       self.recommendation_followed, NEEDED_FOLLOWED)):
            values = [c.value for c in choices]
            _unique(name, values)
            missing = [v for v in needed if v not in values]
            if missing:
                raise ValueError(f"{name}: '{missing[0]}' is missing (the outcome's rules "
                                 "use it)")
        sentences = [s.value for s in self.sentences]
        _unique("sentences", sentences)
        for name in ("with_requirements", "requirement_needed"):
            for value in getattr(self, name):
                if value not in sentences:
                    raise ValueError(f"{name}: '{value}' is not one of the sentences")
        for value in self.requirement_needed:
            if value not in self.with_requirements:
                raise ValueError(f"requirement_needed: '{value}' is not in with_requirements")
        _unique("requirements", [r.code for r in self.requirements])
        for r in self.requirements:
            if r.min > r.max:
                raise ValueError(f"requirements: '{r.code}' has min {r.min} above max {r.max}")
            if r.unit not in self.units:
                raise ValueError(f"requirements: '{r.code}' is in {r.unit}, which units lacks")
        if self.order_months.min > self.order_months.max:
            raise ValueError("order_months: min is above max")
        return self

    # -- lookups ------------------------------------------------------------------------

    def requirement(self, code: str) -> Requirement | None:
        return next((r for r in self.requirements if r.code == code), None)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.requirements)

    def choices(self, name: str) -> list[Choice]:
        return {"result": self.results, "sentence": self.sentences,
                "adjournment_reason": self.adjournment_reasons,
                "recommendation_followed": self.recommendation_followed}[name]

    def values(self, name: str) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices(name))

    def label(self, name: str, value: str) -> LocalText | None:
        return next((c.label for c in self.choices(name) if c.value == value), None)


def _unique(name: str, values: list[str]) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{name}: '{value}' is listed twice")
        seen.add(value)


def default_file() -> Path:
    from ..form_loader import default_forms_dir

    return default_forms_dir() / "outcomes" / "court_outcome.v1.yaml"


def load_definitions(path: Path | str) -> OutcomeDefinitions:
    """The outcomes file at ``path``, checked; ``FormError`` naming each fault."""
    from ..form_errors import FormError, FormProblem
    from ..form_loader import parse_document

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FormError([FormProblem("FORM_001", path.name, "", f"cannot be read: {exc}")]) \
            from None
    doc = parse_document(text, path.name)
    if not isinstance(doc, OutcomeDefinitions):
        raise FormError([FormProblem("FORM_020", path.name, "",
                                     f"a file of kind '{doc.kind}', not 'outcomes'")])
    return doc


@cache
def outcome_definitions() -> OutcomeDefinitions:
    """The shipped definitions (read once)."""
    return load_definitions(default_file())
