"""The real dialogs the app opens: file choosers, the print dialog and questions.

Each opens without blocking (``open()`` and a signal, never ``exec()``), so the
window keeps working and the tests drive the same dialogs people use. Each is
deleted when closed, so a long day does not pile them up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget


class Dialogs:
    """Opens each dialog on ``parent`` and calls back with what the person chose."""

    def __init__(self, parent: QWidget):
        self.parent = parent

    def open_file(self, title: str, filter_: str, done: Callable[[str], None]) -> QFileDialog:
        dialog = QFileDialog(self.parent, title, "", filter_)
        dialog.setObjectName("open_file")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(done)
        dialog.open()
        return dialog

    def save_file(self, title: str, name: str, filter_: str,
                  done: Callable[[str], None]) -> QFileDialog:
        dialog = QFileDialog(self.parent, title, name, filter_)
        dialog.setObjectName("save_file")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(done)
        dialog.open()
        return dialog

    def print_pdf(self, pdf: bytes, done: Callable[[str | None], None]) -> QDialog:
        """Ask for a printer, then print on a worker thread; ``done`` gets None, or what
        went wrong. Cancelling the dialog prints nothing and calls nothing."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from .printing import print_in_background

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.parent)
        dialog.setObjectName("print")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: print_in_background(printer, pdf, done))
        # PySide6 binds only QPrintDialog.open(receiver, member); QDialog's own open()
        # is the same window-modal, non-blocking open with the result as a signal.
        QDialog.open(dialog)
        return dialog

    def ask(self, title: str, text: str, choices: Sequence[tuple[str, str, str]],
            done: Callable[[str | None], None], default: str | None = None) -> QMessageBox:
        """A question with buttons ``(key, label, role)``, role one of "accept",
        "destructive" or "reject"; ``done`` gets the key chosen (None if closed)."""
        roles = {"accept": QMessageBox.ButtonRole.AcceptRole,
                 "destructive": QMessageBox.ButtonRole.DestructiveRole,
                 "reject": QMessageBox.ButtonRole.RejectRole}
        box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                          QMessageBox.StandardButton.NoButton, self.parent)
        box.setObjectName("ask")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        keys = {}
        for key, label, role in choices:
            button = box.addButton(label, roles[role])
            button.setAccessibleName(label.replace("&", ""))
            keys[button] = key
            if key == default:
                box.setDefaultButton(button)
            if role == "reject":
                box.setEscapeButton(button)
        answered: list[str | None] = []

        def clicked(button) -> None:
            answered.append(keys.get(button))

        box.buttonClicked.connect(clicked)
        box.finished.connect(lambda _: done(answered[0] if answered else None))
        box.open()
        return box
