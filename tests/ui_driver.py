"""Drive the app by key presses only, as an assessor at a keyboard would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
from ui.interview_view import QuestionBlock
from ui.main_window import MainWindow
from ui.question_widgets import ChoiceInput, LineInput, LongTextInput, MultiChoiceInput
from ui.session import Session


class StubDialogs:
    """Answers file choosers at once, with the paths the test set."""

    def __init__(self):
        self.open_path = ""
        self.save_path = ""
        self.print_path = ""
        self.printed: list[bytes] = []

    def open_file(self, title, filter_, done):
        done(self.open_path)

    def save_file(self, title, name, filter_, done):
        done(self.save_path)

    def print_pdf(self, pdf, done):
        """As if the person chose a PDF printer writing to ``print_path``: the real
        printing code runs; only the choosing is skipped."""
        from PySide6.QtPrintSupport import QPrinter  # noqa: PLC0415

        from ui.printing import print_in_background  # noqa: PLC0415

        self.printed.append(pdf)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.print_path))
        print_in_background(printer, pdf, done)


def make_window(qtbot, data_dir: Path, tmp_path: Path, dialogs=None, lang="en") -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", lang)
    window = MainWindow(Session(data_dir=data_dir, lang=lang, kdf=FAST_KDF_FOR_TESTS), settings,
                        dialogs=dialogs or StubDialogs(), idle_minutes=60)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    return window


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def type_text(text: str, enter: bool = True) -> None:
    widget = focused()
    QTest.keyClicks(widget, text)
    if enter:
        QTest.keyClick(focused(), Qt.Key.Key_Return)


def key(key_: Any, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key_, modifier)


def shortcut(window: MainWindow, sequence: str) -> None:
    """Press a menu shortcut (delivered to the focused widget, as a person's would be)."""
    from PySide6.QtGui import QKeySequence  # noqa: PLC0415

    combo = QKeySequence(sequence)[0]
    target = focused() or window
    QTest.keyClick(target, combo.key(), combo.keyboardModifiers())


def sign_in_by_keys(window: MainWindow, name: str, password: str, again: bool = False) -> None:
    view = window.sign_in_view
    if not view.name.isReadOnly():
        view.name.setFocus()
        QTest.keyClicks(view.name, name)
        QTest.keyClick(view.name, Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), password)
    if again:
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        QTest.keyClicks(focused(), password)
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    if again and window.stack.currentWidget() is window.recovery_view:
        # The first run shows the recovery key once: from Print to "I have kept it safe".
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        QTest.keyClick(focused(), Qt.Key.Key_Space)


def current_block() -> QuestionBlock | None:
    widget = focused()
    while widget is not None and not isinstance(widget, QuestionBlock):
        widget = widget.parentWidget()
    return widget


def answer_focused(answers: dict[str, Any]) -> str | None:
    """Answer the focused question from ``answers`` by key presses (or pass it by)."""
    block = current_block()
    if block is None:
        return None
    widget = block.input
    value = answers.get(block.name)
    if isinstance(widget, ChoiceInput):
        if value is None:
            key(Qt.Key.Key_Return)
        else:
            index = widget.values.index(value)
            digit = value if widget.scored else index + 1
            QTest.keyClicks(focused(), str(digit))
    elif isinstance(widget, MultiChoiceInput):
        for item in value or []:
            QTest.keyClicks(focused(), str(widget.values.index(item) + 1))
        key(Qt.Key.Key_Return)
    elif isinstance(widget, LongTextInput):
        if value is not None and not widget.edit.toPlainText():
            QTest.keyClicks(focused(), str(value))
        key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    elif isinstance(widget, LineInput):
        if value is not None and not widget.edit.text():
            QTest.keyClicks(focused(), str(value))
        key(Qt.Key.Key_Return)
    return block.name


def complete_interview(window: MainWindow, answers: dict[str, Any], limit: int = 400) -> list:
    """Answer every question in order, moving on with the keyboard, to the last section."""
    view = window.interview_view
    visited = []
    for _ in range(limit):
        name = answer_focused(answers)
        if name is None:
            raise AssertionError(f"no question has the focus (after {visited[-3:]})")
        visited.append(name)
        QApplication.processEvents()
        sections = view.state.visible_sections()
        last = sections[-1]
        inputs = [q.name for q in view.state.visible_questions(last) if q.type != "note"]
        if name == inputs[-1]:
            break
    return visited
