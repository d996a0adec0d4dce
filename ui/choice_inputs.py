"""Chosen answers: radio buttons for one choice, check boxes for several; digits choose.

On an instrument item the digit is the score itself (0–4), elsewhere the option's number;
with ten options or more, "1" then "0" picks the tenth (:class:`ui.digit_keys.DigitKeys`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from .digit_keys import DigitKeys
from .question_input import QuestionInput

RING = 4  # the margin a choice group keeps for its focus ring


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
        layout.setContentsMargins(RING, RING, RING, RING)  # room for the focus ring
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
        self.digits = DigitKeys(self, self.values if self.scored else
                                range(1, len(self.values) + 1), self._picked, self._show_pending)

    def _clicked(self, index: int) -> None:
        self.answered.emit(self.values[index])

    def choose(self, index: int) -> None:
        self.group.button(index).setChecked(True)
        self._clicked(index)

    def _picked(self, number: int) -> None:
        index = self.values.index(number) if self.scored else number - 1
        self.choose(index)
        self.move_on()

    def _show_pending(self, number: int) -> None:
        index = self.values.index(number) if self.scored else number - 1
        self.group.button(index).setChecked(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        text = event.text()
        if len(text) == 1 and text.isdigit() and self.digits.digit(text):
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not self.digits.flush():
                self.move_on()
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
        layout.setContentsMargins(RING, RING, RING, RING)  # room for the focus ring
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
        self.digits = DigitKeys(self, range(1, len(self.values) + 1), self._picked)

    def _changed(self) -> None:
        chosen = [v for v, box in zip(self.values, self.boxes, strict=True) if box.isChecked()]
        self.answered.emit(chosen or None)

    def _picked(self, number: int) -> None:
        box = self.boxes[number - 1]
        box.setChecked(not box.isChecked())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        text = event.text()
        if len(text) == 1 and text.isdigit() and self.digits.digit(text):
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.digits.flush()
            self.move_on()
            return
        super().keyPressEvent(event)

    def set_value(self, value: Any) -> None:
        for v, box in zip(self.values, self.boxes, strict=True):
            box.blockSignals(True)
            box.setChecked(bool(value) and v in value)
            box.blockSignals(False)
