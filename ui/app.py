"""Start the desktop app: the window on the chosen data folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from cstr_desktop.paths import default_data_dir

from .main_window import MainWindow
from .session import Session
from .settings import load_settings


def build_window(data_dir: Path, settings: QSettings | None = None, **kwargs) -> MainWindow:
    settings = settings or QSettings("CSTR Court Day", "cstr-desktop")
    session = Session(data_dir=data_dir, lang=load_settings(settings).language)
    return MainWindow(session, settings, **kwargs)


def run(args: argparse.Namespace) -> int:
    from cstr_desktop.hygiene import disable_core_dumps

    disable_core_dumps()  # keys and people's data are in this process's memory
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("CSTR Court Day")
    data_dir = Path(args.data_dir) if getattr(args, "data_dir", None) else default_data_dir()
    window = build_window(data_dir)
    window.show()
    if getattr(args, "check_start", False):
        # An installation check: the window came up with its sign-in screen; say so, quit.
        app.processEvents()
        shown = window.isVisible() and window.stack.currentWidget() is window.sign_in_view
        print("cstr-desktop: the sign-in window is up" if shown
              else "cstr-desktop: error: the sign-in window did not come up", flush=True)
        window.close()
        return 0 if shown else 1
    return app.exec()
