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
from ui.settings import load_settings, save_settings


def open_dialog(qtbot, kind: type, timeout: int = 5000):
    """The dialog of ``kind`` the app has just opened (with ``open()``), once it shows."""
    found: list = []

    def shown() -> bool:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            found.append(dialog)
            return True
        return False

    qtbot.waitUntil(shown, timeout=timeout)
    return found[-1]


def closed(qtbot, dialog) -> None:
    """Wait for a dialog to close and be deleted, as the event loop does at once in the
    app (a nested wait would leave the deletion, and the focus it moves, for later)."""
    from PySide6.QtCore import QEvent  # noqa: PLC0415

    window = dialog.parentWidget().window() if dialog.parentWidget() else None
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    if window is not None and window.isVisible() and QApplication.activeModalWidget() is None:
        # The window manager gives the window back the keyboard (offscreen, nothing does).
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)


def choose_file(qtbot, path) -> None:
    """Put a path in the real file dialog the app opened (as pasted: typed key by key, the
    dialog's completer would take the Enter), and press Enter, as a person would."""
    from PySide6.QtWidgets import QFileDialog, QLineEdit  # noqa: PLC0415

    dialog = open_dialog(qtbot, QFileDialog)
    edit = dialog.findChild(QLineEdit, "fileNameEdit")
    edit.setFocus()
    edit.setText(str(path))
    QTest.keyClick(edit, Qt.Key.Key_Return)
    closed(qtbot, dialog)


def print_to_pdf(qtbot, path) -> None:
    """In the real print dialog: choose the PDF printer, type the file's name, press
    Print."""
    from PySide6.QtPrintSupport import QPrintDialog  # noqa: PLC0415
    from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton  # noqa: PLC0415

    dialog = open_dialog(qtbot, QPrintDialog)
    printers = dialog.findChild(QComboBox, "printers")
    printers.setCurrentIndex(printers.findText("Print to File (PDF)"))
    edit = dialog.findChild(QLineEdit, "filename")
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, str(path))
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Print")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    closed(qtbot, dialog)


def answer_question_box(qtbot, label: str) -> str:
    """Press the button labelled ``label`` in the real message box the app opened; returns
    the box's text."""
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    box = open_dialog(qtbot, QMessageBox)
    text = box.text()
    button = next(b for b in box.buttons() if b.text().replace("&", "") == label)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    closed(qtbot, box)
    return text


def make_window(qtbot, data_dir: Path, tmp_path: Path, lang="en",
                idle_minutes: float = 60) -> MainWindow:
    """The app's window as a person starts it (its real dialogs), with a quick key
    derivation for the tests' accounts."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    prefs = load_settings(settings)
    prefs.language = lang
    save_settings(settings, prefs)
    window = MainWindow(Session(data_dir=data_dir, lang=lang, kdf=FAST_KDF_FOR_TESTS), settings,
                        idle_minutes=idle_minutes)
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


ADMIN = ("admin", "admin password")
ASSESSOR = ("sam", "assessor password")
REVIEWER = ("rita", "reviewer password")


def first_run(window: MainWindow, as_: tuple[str, str] = ASSESSOR) -> None:
    """The first run: the administrator makes the store and the day's accounts (an
    assessor and a reviewer), then hands the laptop to ``as_``. Duties are separate: only
    an assessor writes assessments."""
    sign_in_by_keys(window, *ADMIN, again=True)
    store = window.session.store
    store.add_account(*ASSESSOR, "assessor")
    store.add_account(*REVIEWER, "reviewer")
    if as_ != ADMIN:
        shortcut(window, "Ctrl+Shift+U")
        sign_in_by_keys(window, *as_)


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
