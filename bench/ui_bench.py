"""App timings: start-up to the sign-in window against a bare PySide6 window, page switches."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setWindowTitle("bare"); w.show()
app.processEvents()
"""

APP = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QSettings
app = QApplication(sys.argv[:1])
from ui.app import build_window
w = build_window(Path(sys.argv[1]), QSettings(sys.argv[2], QSettings.Format.IniFormat))
w.show()
app.processEvents()
assert w.stack.currentWidget() is w.sign_in_view
"""


def start_times(runs: int = 8) -> tuple[list[float], list[float]]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    bare, app = [], []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        for _ in range(runs):
            for script, out, args in ((BARE, bare, []),
                                      (APP, app, [str(data), str(Path(tmp) / "s.ini")])):
                start = time.perf_counter()
                subprocess.run([sys.executable, "-c", script, *args], check=True, env=env,
                               cwd=ROOT, capture_output=True)
                out.append((time.perf_counter() - start) * 1000)
    return sorted(bare), sorted(app)


def page_switch_times() -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from cli.demo import create_demo_store
    from cstr_desktop.forms.loader import load_bundle
    from ui.main_window import MainWindow
    from ui.session import Session

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        create_demo_store(Path(tmp) / "d", load_bundle())
        window = MainWindow(Session(data_dir=Path(tmp) / "d"),
                            QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat),
                            idle_minutes=60)
        window.resize(1280, 800)
        window.show()
        window.sign_in_submitted("sign_in", "demo-assessor", "demo-assessor-password")
        window.open_case("CF-2026-0103")
        view = window.interview_view
        times = []
        for _ in range(3):  # the first pass builds each page; later passes reuse it
            for section in view.state.visible_sections():
                start = time.perf_counter()
                view.show_section(section.name)
                app.processEvents()
                times.append((time.perf_counter() - start) * 1000)
        window.close()
    return sorted(times)


def rows() -> list[tuple[str, float, float, str]]:
    def pct(values, p):
        return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]

    bare, app = start_times()
    switches = page_switch_times()
    ratio = statistics.median(app) / statistics.median(bare)
    return [
        ("start: bare PySide6 window (whole process)", statistics.median(bare), pct(bare, 95),
         "reference"),
        ("start: app to the sign-in window (whole process)", statistics.median(app),
         pct(app, 95), f"within 2x the bare window: {ratio:.2f}x"),
        ("switch interview page (first visits build it)", statistics.median(switches),
         pct(switches, 95), "tail = p95; budget p95 < 30 ms"),
    ]


if __name__ == "__main__":
    for name, median, tail, budget in rows():
        print(f"{name:<50} {median:>10.2f} {tail:>10.2f}  {budget}")
