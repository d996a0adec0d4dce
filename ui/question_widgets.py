"""Input widgets for questions, chosen from a registry keyed by question type.

Every widget emits ``answered(value)`` when the assessor gives or changes an
answer (``None`` clears it) and ``done()`` when they want to move on (Enter, or
a digit key on a choice). A digit key answers a choice: on an instrument item
the digit is the score itself (0–4), elsewhere the option's number (1–9).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


class QuestionInput(QWidget):
    answered = Signal(object)
    done = Signal()

    def __init__(self, name: str, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = name
        self.setAccessibleName(label)

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        return self


class LineInput(QuestionInput):
    """text, integer, date and time: a line edit, saved when editing finishes."""

    def __init__(self, name: str, label: str, kind: str, placeholder: str = "",
                 parent: QWidget | None = None):
        super().__init__(name, label, parent)
        self.kind = kind
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(label)
        self.edit.setPlaceholderText(placeholder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self._last: Any = None
        self.edit.editingFinished.connect(self._commit)
        self.edit.returnPressed.connect(self.done.emit)
        self.setFocusProxy(self.edit)

    def _parse(self, text: str) -> Any:
        text = text.strip()
        if not text:
            return None
        if self.kind == "integer":
            try:
                return int(text)
            except ValueError:
                return text  # the core's check names the fault
        return text

    def _commit(self) -> None:
        value = self._parse(self.edit.text())
        if value != self._last:
            self._last = value
            self.answered.emit(value)

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
        self.done.emit()

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


class ChoiceInput(QuestionInput):
    """yes_no and single_choice: radio buttons; a digit chooses, and moves on."""

    def __init__(self, name: str, label: str, choices: list[tuple[Any, str]],
                 scored: bool = False, parent: QWidget | None = None):
        super().__init__(name, label, parent)
        self.values = [v for v, _ in choices]
        self.scored = scored and all(isinstance(v, int) for v in self.values)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        # Short answers side by side (Yes / No); longer ones one per line, so nothing is cut.
        side_by_side = len(choices) <= 3 and not scored and sum(len(c) for _, c in choices) < 40
        layout = QHBoxLayout(self) if side_by_side else QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for index, (value, text) in enumerate(choices):
            key = value if self.scored else index + 1
            button = QRadioButton(f"{key}  {text}", self)
            button.setAccessibleName(f"{label}: {text}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.group.addButton(button, index)
            layout.addWidget(button)
        if isinstance(layout, QHBoxLayout):
            layout.addStretch(1)
        self.group.idClicked.connect(self._clicked)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def _clicked(self, index: int) -> None:
        self.answered.emit(self.values[index])

    def choose(self, index: int) -> None:
        self.group.button(index).setChecked(True)
        self._clicked(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        text = event.text()
        if text.isdigit():
            digit = int(text)
            index = self.values.index(digit) if self.scored and digit in self.values else (
                digit - 1 if not self.scored and 1 <= digit <= len(self.values) else None)
            if index is not None:
                self.choose(index)
                self.done.emit()
                return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.done.emit()
            return
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            current = self.group.checkedId()
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            self.choose(max(0, min(len(self.values) - 1, (current if current >= 0 else -step)
                                   + step)))
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_value(None)
            self.answered.emit(None)
            return
        super().keyPressEvent(event)

    def set_value(self, value: Any) -> None:
        self.group.setExclusive(False)
        for index, button in enumerate(self.group.buttons()):
            button.setChecked(value is not None and self.values[index] == value
                              and type(self.values[index]) is type(value))
        self.group.setExclusive(True)


class MultiChoiceInput(QuestionInput):
    """multi_choice: check boxes; a digit toggles that option, Enter moves on."""

    def __init__(self, name: str, label: str, choices: list[tuple[Any, str]],
                 parent: QWidget | None = None):
        super().__init__(name, label, parent)
        self.values = [v for v, _ in choices]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.boxes: list[QCheckBox] = []
        for index, (_, text) in enumerate(choices):
            box = QCheckBox(f"{index + 1}  {text}", self)
            box.setAccessibleName(f"{label}: {text}")
            box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            box.toggled.connect(self._changed)
            self.boxes.append(box)
            layout.addWidget(box)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def _changed(self) -> None:
        chosen = [v for v, box in zip(self.values, self.boxes, strict=True) if box.isChecked()]
        self.answered.emit(chosen or None)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= len(self.boxes):
            box = self.boxes[int(text) - 1]
            box.setChecked(not box.isChecked())
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.done.emit()
            return
        super().keyPressEvent(event)

    def set_value(self, value: Any) -> None:
        for v, box in zip(self.values, self.boxes, strict=True):
            box.blockSignals(True)
            box.setChecked(bool(value) and v in value)
            box.blockSignals(False)


PLACEHOLDERS = {"date": "YYYY-MM-DD", "time": "HH:MM"}


def make_input(question: Any, label: str, choices: list[tuple[Any, str]], scored: bool,
               parent: QWidget | None = None) -> QuestionInput | None:
    """The input widget for a question, from the registry; None for a note."""
    kind = question.type
    if kind == "note":
        return None
    factory = REGISTRY[kind]
    return factory(question, label, choices, scored, parent)


REGISTRY = {
    "text": lambda q, label, c, s, p: LineInput(q.name, label, "text", "", p),
    "integer": lambda q, label, c, s, p: LineInput(q.name, label, "integer", "", p),
    "date": lambda q, label, c, s, p: LineInput(q.name, label, "date", PLACEHOLDERS["date"], p),
    "time": lambda q, label, c, s, p: LineInput(q.name, label, "time", PLACEHOLDERS["time"], p),
    "long_text": lambda q, label, c, s, p: LongTextInput(q.name, label, p),
    "yes_no": lambda q, label, c, s, p: ChoiceInput(q.name, label, c, False, p),
    "single_choice": lambda q, label, c, s, p: ChoiceInput(q.name, label, c, s, p),
    "multi_choice": lambda q, label, c, s, p: MultiChoiceInput(q.name, label, c, p),
}
