"""The small building blocks every screen uses: a labelled button and a line box."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget


def button(text: str, parent: QWidget, slot: Callable[[], None]) -> QPushButton:
    b = QPushButton(text, parent)
    b.setAccessibleName(text.rstrip("…"))
    b.clicked.connect(slot)
    return b


def line(label: str, parent: QWidget, password: bool = False) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setAccessibleName(label)
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit
