"""Input widgets for questions, chosen from a registry keyed by question type.

Every widget emits ``answered(value)`` when the assessor gives or changes an
answer (``None`` clears it) and ``done()`` when they want to move on (Enter, or
a digit key on a choice). An answer that was refused (``problem`` set by the
screen) keeps the keyboard where it is: Enter does not move on, so the next
keys never land in the next question. A digit key answers a choice: on an
instrument item the digit is the score itself (0–4), elsewhere the option's
number; with ten options or more, "1" then "0" picks the tenth. Dates and times
are read as typed in the UK (12/10/2026, 0910, 2.15pm) and shown back as stored.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cstr_desktop.uk_formats import EntryError, parse_date, parse_time

from .text import t

FOCUS_RING = QColor("#1d3557")
# How long a first digit waits for a second one, when a list has ten options or more.
DIGIT_PAUSE_MS = 800
RING = 4  # the margin a choice group keeps for its focus ring


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


class DigitKeys:
    """Digits typed on a list: one digit picks at once when no longer number could
    follow; with ten options or more, "1" waits briefly for a "0" or "1"."""

    def _init_digits(self, numbers: list[int]) -> None:
        self._numbers = {str(n) for n in numbers}  # the keys that pick an option
        self._typed = ""
        self._pause = QTimer(self, singleShot=True, interval=DIGIT_PAUSE_MS)
        self._pause.timeout.connect(self._flush_digits)

    def _valid(self, text: str) -> bool:
        return text in self._numbers

    def _longer_possible(self, text: str) -> bool:
        return any(self._valid(text + d) for d in "0123456789")

    def _digit(self, digit: str) -> bool:
        """Take one digit; True if it was used."""
        typed = self._typed + digit
        if not self._valid(typed):
            if not self._typed:
                return False
            self._flush_digits()
            return self._digit(digit)
        if self._longer_possible(typed):
            self._typed = typed
            self._pause.start()
            self._show_pending(int(typed))
            return True
        self._typed = ""
        self._pause.stop()
        self._picked(int(typed))
        return True

    def _flush_digits(self) -> bool:
        """Pick what was typed so far (at the pause, or on Enter); True if anything."""
        self._pause.stop()
        typed, self._typed = self._typed, ""
        if typed:
            self._picked(int(typed))
            return True
        return False

    def _show_pending(self, number: int) -> None:
        """Show which option a digit would pick while waiting for a second one."""

    def _picked(self, number: int) -> None:
        raise NotImplementedError


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


class ChoiceInput(DigitKeys, QuestionInput):
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
        self._init_digits(self.values if self.scored else
                          list(range(1, len(self.values) + 1)))

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
        if len(text) == 1 and text.isdigit() and self._digit(text):
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not self._flush_digits():
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


class MultiChoiceInput(DigitKeys, QuestionInput):
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
        self._init_digits(list(range(1, len(self.values) + 1)))

    def _changed(self) -> None:
        chosen = [v for v, box in zip(self.values, self.boxes, strict=True) if box.isChecked()]
        self.answered.emit(chosen or None)

    def _picked(self, number: int) -> None:
        box = self.boxes[number - 1]
        box.setChecked(not box.isChecked())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        text = event.text()
        if len(text) == 1 and text.isdigit() and self._digit(text):
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._flush_digits()
            self.move_on()
            return
        super().keyPressEvent(event)

    def set_value(self, value: Any) -> None:
        for v, box in zip(self.values, self.boxes, strict=True):
            box.blockSignals(True)
            box.setChecked(bool(value) and v in value)
            box.blockSignals(False)


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
