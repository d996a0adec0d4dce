"""The add-defendant screen: a defendant typed in by hand, each problem beside its field."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .controls import button, line
from .text import t


class AddDefendantView(QWidget):
    """Add a defendant by hand."""

    submitted = Signal(dict)
    cancelled = Signal()
    FIELDS = ("family_name", "given_names", "date_of_birth", "case_number", "hearing_date",
              "court_name", "courtroom", "list_time")

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.edits = {}
        form = QFormLayout()
        for field in self.FIELDS:
            label = t(field if field != "case_number" else "case", lang)
            self.edits[field] = line(label, self)
            form.addRow(label, self.edits[field])
            self.edits[field].returnPressed.connect(self._submit)
        self.error = QLabel("", self)
        self.error.setObjectName("error")
        self.error.setAccessibleName(t("status", lang))
        self.error.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(button(t("add", lang), self, self._submit))
        buttons.addWidget(button(t("cancel", lang), self, self.cancelled.emit))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        title = QLabel(t("add_defendant", lang).rstrip("…"), self)
        title.setObjectName("sectiontitle")
        title.setAccessibleName(title.text())
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def reset(self, hearing_date: str, court: str) -> None:
        for edit in self.edits.values():
            edit.clear()
        year, month, day = hearing_date.split("-")
        self.edits["hearing_date"].setText(f"{day}/{month}/{year}")
        self.edits["court_name"].setText(court)
        self.error.clear()
        self.edits["family_name"].setFocus()

    def show_problems(self, problems: list) -> None:
        """Each problem beside the field's own label (never a column name)."""
        from .error_text import say_error

        lines = []
        for field, problem in problems:
            label = t(field if field != "case_number" else "case", self.lang).split(" (")[0] \
                if field else ""
            if problem == "required":
                lines.append(t("field_required", self.lang, field=label))
            elif label:
                lines.append(f"{label}: {say_error(problem, self.lang)}")
            else:
                text = say_error(problem, self.lang)
                for name in self.FIELDS:
                    text = text.replace(name, t(name if name != "case_number" else "case",
                                                self.lang).split(" (")[0])
                lines.append(text)
        self.error.setText("\n".join(lines))
        first = next((f for f, _ in problems if f in self.edits), None)
        if first:
            self.edits[first].setFocus()

    def _submit(self) -> None:
        self.submitted.emit({f: e.text().strip() for f, e in self.edits.items()})
