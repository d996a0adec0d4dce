"""Answers as a report prints them, per language: dates in words, numbers with their
unit ("1 month", "9 months"), choices by their labels."""

from __future__ import annotations

from typing import Any

from cstr_desktop.forms.answers import parse_date
from cstr_desktop.forms.interview import InterviewState
from cstr_desktop.forms.schema import (
    DateQuestion,
    IntegerQuestion,
    MultiChoiceQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)
from cstr_desktop.local_text import count_text, tr
from cstr_desktop.wording import t

from .wording import say


def long_date(value: str, lang: str) -> str:
    parsed = parse_date(value)
    if parsed is None:
        return value
    month = t(f"core.month_{parsed.month}", lang)
    return f"{parsed.day} {month} {parsed.year}"


def texts(local: dict[str, str] | None, langs: tuple[str, ...]) -> dict[str, str]:
    """A text of the form files in each of the report's languages."""
    return {lang: tr(local, lang) for lang in langs}


def said(key: str, langs: tuple[str, ...], **values: object) -> dict[str, str]:
    """One of the report's own texts in each of its languages."""
    return {lang: say(key, lang, **values) for lang in langs}


def answer_text(state: InterviewState, name: str, langs: tuple[str, ...]) -> dict[str, str]:
    """An answer as printed, per language ("1 month", "9 months"; choices in words)."""
    q = state.bundle.questions[name]
    value = state.answers[name]
    if isinstance(q, YesNoQuestion | SingleChoiceQuestion | MultiChoiceQuestion):
        labels = {c.value: c.label for c in state.choices(name)}
        values = value if isinstance(value, list) else [value]
        return {lang: "; ".join(tr(labels.get(v), lang) or str(v) for v in values)
                for lang in langs}
    if isinstance(q, DateQuestion):
        return {lang: long_date(value, lang) for lang in langs}
    if isinstance(q, IntegerQuestion) and q.unit:
        return {lang: count_text(value, q.unit_one, q.unit, lang) for lang in langs}
    return {lang: str(value) for lang in langs}


def item(state: InterviewState, name: str, langs: tuple[str, ...]) -> dict[str, Any]:
    """One printed answer: its question, section, label and answer per language."""
    q = state.bundle.questions[name]
    return {"name": name, "section": state.bundle.section_of[name],
            "label": {lang: state.label(name, lang) for lang in langs},
            "long": q.type == "long_text", "answer": answer_text(state, name, langs)}
