"""The desktop app's start window (the court day screens come with issue 5)."""

from __future__ import annotations

from cstr_desktop import __version__


def test_start_window_shows_name_and_version(qtbot):
    from PySide6.QtWidgets import QLabel

    from ui.app import build_window

    window = build_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    texts = [label.text() for label in window.findChildren(QLabel)]
    assert window.windowTitle() == "CSTR Court Day"
    assert f"Version {__version__}" in texts
    assert all(label.accessibleName() for label in window.findChildren(QLabel))
