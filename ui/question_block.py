"""One question on the interview screen: its label (with "required" in words), help, input
and what became of its answer (saved, refused, not saved)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from cstr_desktop.forms.interview import InterviewState
from cstr_desktop.local_text import tr

from .controls import label
from .question_widgets import QuestionInput, make_input
from .text import t


class QuestionBlock(QFrame):
    """One question: its label (with "required" in words), help, input and save state."""

    def __init__(self, question: Any, state: InterviewState, lang: str, scored: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.name = question.name
        self.setObjectName("question")
        label_text = state.label(question.name, lang)
        if question.required:
            label_text += f"  {t('required', lang)}"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(3)
        self.label = QLabel(label_text, self)
        self.label.setWordWrap(True)
        self.label.setAccessibleName(label_text)
        self.label.setObjectName("note" if question.type == "note" else "label")
        layout.addWidget(self.label)
        if question.help:
            layout.addWidget(label(tr(question.help, lang), self, "help"))
        choices = [(c.value, tr(c.label, lang)) for c in state.choices(question.name)]
        self.input: QuestionInput | None = make_input(question, label_text, choices, scored, self,
                                                      lang)
        if self.input is not None:
            layout.addWidget(self.input)
            self.label.setBuddy(self.input)
            if question.name in state.answers:
                self.input.set_value(state.answers[question.name])
        self.status = QLabel("", self)
        self.status.setWordWrap(True)  # a reason in full, never wider than the page
        self.status.setObjectName("status")
        self.status.setAccessibleName(t("status", lang))
        layout.addWidget(self.status)

    def show_not_answered(self, lang: str) -> None:
        """Read-only, with no answer: say so in words instead of showing an empty input."""
        self.input.hide()
        self.status.setText(t("not_answered", lang))
        self.status.setProperty("empty", True)

    def show_status(self, text: str, error: bool) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text or self.status.accessibleName())
        self.status.setProperty("error", error)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
