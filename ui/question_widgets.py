"""Input widgets for questions, chosen from a registry keyed by question type.

Every widget emits ``answered(value)`` when the assessor gives or changes an
answer (``None`` clears it) and ``done()`` when they want to move on (Enter, or
a digit key on a choice). An answer that was refused (``problem`` set by the
screen) keeps the keyboard where it is: Enter does not move on, so the next
keys never land in the next question. A digit key answers a choice: on an
instrument item the digit is the score itself (0–4), elsewhere the option's
number; with ten options or more, "1" then "0" picks the tenth. Dates and times
are read as typed in the UK (12/10/2026, 0910, 2.15pm) and shown back as stored.

The widgets themselves: :mod:`ui.question_input` (what they share),
:mod:`ui.text_inputs` and :mod:`ui.choice_inputs`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from .choice_inputs import ChoiceInput, MultiChoiceInput
from .question_input import QuestionInput
from .text import t
from .text_inputs import LineInput, LongTextInput

__all__ = ["REGISTRY", "ChoiceInput", "LineInput", "LongTextInput", "MultiChoiceInput",
           "QuestionInput", "make_input"]


def make_input(question: Any, label: str, choices: list[tuple[Any, str]], scored: bool,
               parent: QWidget | None = None, lang: str = "en") -> QuestionInput | None:
    """The input widget for a question, from the registry; None for a note."""
    kind = question.type
    if kind == "note":
        return None
    factory = REGISTRY[kind]
    return factory(question, label, choices, scored, parent, lang)


def _unit(question: Any, lang: str) -> str:
    from cstr_desktop.local_text import tr

    unit = getattr(question, "unit", None)
    return tr(unit, lang) if unit else ""


REGISTRY = {
    "text": lambda q, label, c, s, p, lang: LineInput(q.name, label, "text", "", p),
    "integer": lambda q, label, c, s, p, lang: LineInput(q.name, label, "integer", "", p,
                                                         _unit(q, lang)),
    "date": lambda q, label, c, s, p, lang: LineInput(q.name, label, "date",
                                                      t("date_hint", lang), p),
    "time": lambda q, label, c, s, p, lang: LineInput(q.name, label, "time",
                                                      t("time_hint", lang), p),
    "long_text": lambda q, label, c, s, p, lang: LongTextInput(q.name, label, p),
    "yes_no": lambda q, label, c, s, p, lang: ChoiceInput(q.name, label, c, False, p),
    "single_choice": lambda q, label, c, s, p, lang: ChoiceInput(q.name, label, c, s, p),
    "multi_choice": lambda q, label, c, s, p, lang: MultiChoiceInput(q.name, label, c, p),
}
