"""The small building blocks the screens use: a button, a line box, a wrapping label, and
a box centred on its screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget


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


def label(text: str, parent: QWidget, name: str | None = None) -> QLabel:
    """Words that wrap, read out as they are; ``name`` picks their style."""
    widget = QLabel(text, parent)
    widget.setWordWrap(True)
    widget.setAccessibleName(text)
    if name:
        widget.setObjectName(name)
    return widget


def centred(parent: QWidget, box: QWidget) -> None:
    """``box`` in the middle of ``parent``, a little above the centre."""
    outer = QHBoxLayout(parent)
    outer.addStretch(1)
    column = QVBoxLayout()
    column.addStretch(1)
    column.addWidget(box)
    column.addStretch(2)
    outer.addLayout(column)
    outer.addStretch(1)
