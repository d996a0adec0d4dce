"""The resolved form the engine works on: a form with its sections, questions, choice
lists, instruments, criteria and report layout (:class:`FormBundle`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cstr_desktop.forms.layout_schema import LayoutFile
from cstr_desktop.forms.schema import (
    Choice,
    CriteriaFile,
    FormFile,
    Instrument,
    YesNoQuestion,
)
from cstr_desktop.wording import entry

# A choice list of this name, if a form's choice files have one, words yes/no answers.
YES_NO_LIST = "yes_no"
YES_NO = [Choice(value=value, label=dict(entry(f"core.{value}"))) for value in ("yes", "no")]


# --------------------------------------------------------------------------
# The resolved bundle the engine works on.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ResolvedSection:
    name: str
    title: dict[str, str]
    intro: dict[str, str] | None
    show_if: Any
    questions: tuple[Any, ...]
    instruments: tuple[Instrument, ...] = ()
    readers: tuple[str, ...] | None = None


@dataclass
class FormBundle:
    """A form with everything it refers to, resolved and checked."""

    form: FormFile
    file: str
    sections: list[ResolvedSection]
    questions: dict[str, Any]
    section_of: dict[str, str]
    instruments: dict[str, Instrument]
    criteria: CriteriaFile
    choice_lists: dict[str, list[Choice]]
    instrument_of: dict[str, str] = field(default_factory=dict)
    # How the answers become each reader's copy of the report (None: no report layout).
    layout: LayoutFile | None = None

    @property
    def id(self) -> str:
        return self.form.id

    def reader_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.layout.readers) if self.layout else ()

    def readers_of(self, name: str) -> tuple[str, ...]:
        """The readers whose copy prints a question's answer (an instrument item: its
        section's readers): the question's own list, else its section's, else the
        layout's default readers, else every reader."""
        question = self.questions[name]
        own = getattr(question, "readers", None)
        if own is not None and name not in self.instrument_of:
            return tuple(own)
        return self.section_readers(self.section_of[name])

    def section_readers(self, section_name: str) -> tuple[str, ...]:
        section = next(s for s in self.sections if s.name == section_name)
        if section.readers is not None:
            return section.readers
        if self.layout is not None and self.layout.default_readers is not None:
            return tuple(self.layout.default_readers)
        return self.reader_ids()

    def role(self, name: str) -> str | None:
        """The question that plays a role in the report (``given_names``, ...)."""
        return getattr(self.layout.roles, name) if self.layout is not None else None

    def prefill(self) -> dict[str, str]:
        """Which court-list field fills which of this form's questions (from its layout)."""
        return dict(self.layout.prefill) if self.layout is not None else {}

    @property
    def version(self) -> int:
        return self.form.version

    def choices(self, question: Any, variant: str | None = None) -> list[Choice]:
        """The choices offered for a question (with an instrument's wording variant)."""
        if isinstance(question, YesNoQuestion):
            list_name = question.choices or (
                YES_NO_LIST if YES_NO_LIST in self.choice_lists else None)
            return self._list(question.name, list_name) if list_name else YES_NO
        list_name = getattr(question, "choices", None)
        if variant and question.variants and variant in question.variants:
            list_name = question.variants[variant].choices or list_name
        if list_name is None:
            return []
        return self._list(question.name, list_name)

    def _list(self, question_name: str, list_name: str) -> list[Choice]:
        inst = self.instrument_of.get(question_name)
        if inst is not None and list_name in self.instruments[inst].choices:
            return self.instruments[inst].choices[list_name]
        return self.choice_lists[list_name]
