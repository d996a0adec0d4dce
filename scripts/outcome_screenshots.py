"""Screenshots of the outcome at court (issue 13): the dialog (English and Welsh, a refusal,
an addendum) and the day list with its outcome column, into docs/.

Run: xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/outcome_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from cstr_desktop.demo import DEMO_ACCOUNTS, create_demo_store  # noqa: E402
from cstr_desktop.form_loader import load_bundle  # noqa: E402
from cstr_desktop.store import Store  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.session import Session  # noqa: E402


def main() -> None:
    app = QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp())
    bundle = load_bundle()
    create_demo_store(tmp / "data", bundle)
    passwords = {name: password for name, _, password in DEMO_ACCOUNTS}
    with Store.open(tmp / "data", "demo-assessor", passwords["demo-assessor"]) as sam:
        rows = sam.cases()
        day = rows[0]["hearing_date"]
        numbers = [r["case_number"] for r in rows]
        waiting = next(r for r in rows if r["status"] == "awaiting_review")["case_number"]
    with Store.open(tmp / "data", "demo-reviewer", passwords["demo-reviewer"]) as rita:
        rita.countersign(rita.case(waiting)["assessment_id"], passwords["demo-reviewer"])
    others = [n for n in numbers if n != waiting]
    with Store.open(tmp / "data", "demo-assessor", passwords["demo-assessor"]) as sam:
        sam.record_outcome(bundle, others[0], {
            "outcome_result": "adjourned", "outcome_date": day,
            "outcome_adjourned_to": (date.fromisoformat(day) + timedelta(days=14)).isoformat(),
            "outcome_adjournment_reason": "report_not_ready"})
        sam.record_outcome(bundle, others[1], {
            "outcome_result": "remanded", "outcome_date": day,
            "outcome_detail": "Remanded in custody for a psychiatric report"})
        sam.record_outcome(bundle, others[2], {
            "outcome_result": "sentenced", "outcome_date": day, "outcome_time_sentenced": "15:10",
            "outcome_sentence": "custody", "outcome_recommendation_followed": "no",
            "outcome_court_said": "Custody threshold passed; the offence too serious."})
    settings = QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Session(data_dir=tmp / "data"), settings, idle_minutes=60)
    window.resize(1280, 800)
    window.show()
    window.session.day = day

    def settle() -> None:
        for _ in range(8):
            app.processEvents()

    def shot(widget, name: str) -> None:
        settle()
        widget.grab().save(str(ROOT / "docs" / f"app-outcome-{name}.png"))

    window.sign_in_submitted("sign_in", "demo-assessor", passwords["demo-assessor"])
    window.show_list()
    window.list_view.select_case(waiting)
    window.show_outcome()
    dialog = window.outcome_dialog
    dialog.fill({"outcome_result": "sentenced", "outcome_date": day,
                 "outcome_time_sentenced": "12:40", "outcome_sentence": "community_order",
                 "outcome_order_months": 12, "outcome_requirements": ["mhtr", "atr"],
                 "outcome_length_mhtr": 6, "outcome_length_atr": 6,
                 "outcome_recommendation_followed": "yes"})
    shot(dialog, "dialog-sentenced")
    dialog.save()
    window.list_view.select_case(others[3])
    window.show_outcome()
    dialog = window.outcome_dialog
    dialog.fill({"outcome_result": "adjourned", "outcome_date": day,
                 "outcome_adjourned_to": "2020-01-01",
                 "outcome_adjournment_reason": "no_treatment_place"})
    dialog.save()
    shot(dialog, "dialog-refused")
    dialog.reject()
    shot(window, "day-list")
    window.set_language("cy")
    settle()
    window.list_view.select_case(others[3])
    window.show_outcome()
    dialog = window.outcome_dialog
    dialog.fill({"outcome_result": "sentenced", "outcome_date": day,
                 "outcome_time_sentenced": "12:40",
                 "outcome_sentence": "suspended_sentence_order", "outcome_order_months": 24,
                 "outcome_requirements": ["drr", "unpaid_work"], "outcome_length_drr": 6,
                 "outcome_recommendation_followed": "partly",
                 "outcome_court_said": "DRR yn lle ATR"})
    dialog.save()
    shot(dialog, "dialog-cy")
    dialog.reject()
    shot(window, "day-list-cy")
    window.close()


if __name__ == "__main__":
    main()
