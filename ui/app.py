"""The desktop app. For now a start window; the court day arrives with issue 5."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget

from cstr_desktop import __version__


def build_window() -> QMainWindow:
    window = QMainWindow()
    window.setWindowTitle("CSTR Court Day")
    body = QWidget()
    layout = QVBoxLayout(body)
    title = QLabel("CSTR Court Day")
    title.setAccessibleName("Application name")
    title.setStyleSheet("font-size: 20pt; font-weight: 600;")
    version = QLabel(f"Version {__version__}")
    version.setStyleSheet("color: #555;")
    version.setAccessibleName("Version")
    note = QLabel("The assessment engine is ready. Use 'cstr-desktop assess FILE' to score an "
                  "answers file; the court-day screens are being built.")
    note.setWordWrap(True)
    note.setAccessibleName("Status")
    layout.setContentsMargins(48, 32, 48, 32)
    layout.setSpacing(10)
    layout.addStretch(1)
    for widget in (title, version, note):
        widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(widget)
    layout.addStretch(1)
    window.setCentralWidget(body)
    window.resize(640, 360)
    return window


def run(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = build_window()
    window.show()
    return app.exec()
