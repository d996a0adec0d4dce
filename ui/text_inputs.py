"""Typed answers: one line (text, integer, date, time) and a longer text.

Dates and times are read as typed in the UK (12/10/2026, 0910, 2.15pm) and shown back as
stored, so a slip shows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from cstr_desktop.errors import EntryError
from cstr_desktop.uk_formats import parse_date, parse_time

from .question_input import QuestionInput


class LineInput(QuestionInput):
    """text, integer, date and time: a line edit, saved when editing finishes."""

    def __init__(self, name: str, label: str, kind: str, placeholder: str = "",
                 parent: QWidget | None = None, unit: str = ""):
        super().__init__(name, label, parent)
        self.kind = kind
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(f"{label} ({unit})" if unit else label)
        self.edit.setPlaceholderText(placeholder)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        if unit:
            # The unit beside the box ("months"), so a number is never read in the wrong one.
            self.edit.setMaximumWidth(120)
            self.unit = QLabel(unit, self)
            self.unit.setAccessibleName(unit)
            layout.addWidget(self.unit)
            layout.addStretch(1)
        self._last: Any = None
        self.edit.editingFinished.connect(self.commit)
        self.edit.returnPressed.connect(self._return)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.edit.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def _parse(self, text: str) -> Any:
        """The value to save; raises EntryError for a date or time it cannot read."""
        text = text.strip()
        if not text:
            return None
        if self.kind == "integer":
            try:
                return int(text)
            except ValueError:
                return text  # the core's check names the fault
        if self.kind == "date":
            return parse_date(text)
        if self.kind == "time":
            return parse_time(text)
        return text

    def commit(self) -> None:
        try:
            value = self._parse(self.edit.text())
        except EntryError as exc:
            self.problem = True
            self._last = self.edit.text()
            self.invalid.emit(exc)
            return
        if value != self._last:
            self._last = value
            self.answered.emit(value)
        if self.kind in ("date", "time") and value is not None and not self.problem:
            # Shown back as stored (12/10/2026 becomes 2026-10-12), so a slip shows.
            self.edit.setText(value)

    def _return(self) -> None:
        self.commit()
        self.move_on()

    def set_value(self, value: Any) -> None:
        self._last = value
        self.edit.setText("" if value is None else str(value))


class LongTextInput(QuestionInput):
    """long_text: a multi-line box; Tab leaves it, Ctrl+Enter moves on; saved as typed."""

    def __init__(self, name: str, label: str, parent: QWidget | None = None):
        super().__init__(name, label, parent)
        self.edit = _PlainText(self)
        self.edit.setAccessibleName(label)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(70)
        self.edit.setMaximumHeight(140)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self._last: Any = None
        # Saved shortly after typing stops, and when the box loses focus.
        self._timer = QTimer(self, singleShot=True, interval=700)
        self._timer.timeout.connect(self.commit)
        self.edit.textChanged.connect(self._timer.start)
        self.edit.left.connect(self.commit)
        self.edit.finished.connect(self._finish)
        self.setFocusProxy(self.edit)

    def commit(self) -> None:
        self._timer.stop()
        value = self.edit.toPlainText().strip() or None
        if value != self._last:
            self._last = value
            self.answered.emit(value)

    def _finish(self) -> None:
        self.commit()
        self.move_on()

    def set_value(self, value: Any) -> None:
        self._last = value
        self.edit.blockSignals(True)
        self.edit.setPlainText(value or "")
        self.edit.blockSignals(False)


class _PlainText(QPlainTextEdit):
    left = Signal()
    finished = Signal()

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.left.emit()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.finished.emit()
            return
        super().keyPressEvent(event)
