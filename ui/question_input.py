"""What every question's input is: a widget that says when an answer is given or changed
(``answered(value)``, ``None`` clearing it), when the assessor wants to move on
(``done()``), and when typed text cannot be read (``invalid(error)``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

FOCUS_RING = QColor("#1d3557")


class QuestionInput(QWidget):
    answered = Signal(object)
    done = Signal()
    invalid = Signal(object)  # an EntryError: typed text that is not a date or time

    def __init__(self, name: str, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = name
        # Set by the screen after each answer: True while the answer shown was refused.
        self.problem = False
        self.setAccessibleName(label)

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        return self

    def commit(self) -> None:
        """Hand over what is typed but not yet given (before the window locks or closes)."""

    def move_on(self) -> None:
        """Enter: on to the next question, unless this answer was refused."""
        if not self.problem:
            self.done.emit()

    # A choice group takes the focus itself: draw a ring so the eye can find it.
    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if self.hasFocus() and self.focusPolicy() != Qt.FocusPolicy.NoFocus:
            painter = QPainter(self)
            painter.setPen(QPen(FOCUS_RING, 2))
            painter.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), 4, 4)
            painter.end()
