"""Take screenshots of the app's main screens under Xvfb, into docs/.

Run: xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots.py [SCALE]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
scale = sys.argv[1] if len(sys.argv) > 1 else "1"
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
os.environ["QT_SCALE_FACTOR"] = scale

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from cstr_desktop.demo import create_demo_store  # noqa: E402
from cstr_desktop.form_loader import load_bundle  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.session import Session  # noqa: E402


def main() -> None:
    app = QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp())
    create_demo_store(tmp / "data", load_bundle())
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Session(data_dir=tmp / "data"), settings, idle_minutes=60)
    window.resize(1280, 800)
    window.show()
    suffix = "" if scale == "1" else f"-{int(float(scale) * 100)}"

    def shot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(ROOT / "docs" / f"app-{name}{suffix}.png"))

    shot("sign-in")
    window.sign_in_submitted("sign_in", "demo-assessor", "demo-assessor-password")
    shot("court-list")
    window.open_case(f"CF-{window.session.day[:4]}-0102")
    answers = {"phq9_1": 2, "phq9_2": 3, "phq9_3": 1, "phq9_4": 2, "phq9_5": 1, "phq9_6": 2,
               "phq9_7": 1, "phq9_8": 0, "phq9_9": 1}
    for name, value in answers.items():
        window.save_answer(name, value)
    state, row = __import__("ui.actions", fromlist=["x"]).open_case(window.session,
                                                                     window.session.case_number)
    window._show_case(state, row)
    window.interview_view.show_section("phq9", "phq9_9")
    shot("interview")
    # Answers that contradict each other: the side panel names the warnings.
    for name, value in {"convicted": "yes", "plea": "not_yet",
                        "sentence_indicated": "suspended_sentence_order"}.items():
        window.save_answer(name, value)
    state, row = __import__("ui.actions", fromlist=["x"]).open_case(window.session,
                                                                     window.session.case_number)
    window._show_case(state, row)
    window.interview_view.show_section("offences", "sentence_indicated")
    shot("warnings")
    window.switch_user()
    window.sign_in_submitted("sign_in", "demo-reviewer", "demo-reviewer-password")
    window.show_review_queue()
    window.open_case(f"CF-{window.session.day[:4]}-0101")
    window.interview_view.show_section("mhtr_criteria")
    shot("review")
    window.preview_report()
    window.pool.waitForDone(10_000)
    for _ in range(20):
        app.processEvents()
    shot("preview")
    window.switch_user()
    window.sign_in_submitted("sign_in", "demo-admin", "demo-admin-password")
    window.show_accounts()
    window.accounts_view.table.selectRow(1)
    shot("accounts")
    window.show_about()
    shot("about")
    window.close()
    # The first run on a new laptop: the recovery key, shown once.
    first = MainWindow(Session(data_dir=tmp / "new"), settings, idle_minutes=60)
    first.resize(1280, 800)
    first.show()
    first.sign_in_submitted("create", "admin", "a long admin password")
    for _ in range(5):
        app.processEvents()
    first.grab().save(str(ROOT / "docs" / f"app-recovery-key{suffix}.png"))
    first.close()


if __name__ == "__main__":
    main()
