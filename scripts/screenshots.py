"""Take screenshots of the app's main screens under Xvfb, into docs/.

Run: xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots.py [SCALE]
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
scale = sys.argv[1] if len(sys.argv) > 1 else "1"
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
os.environ["QT_SCALE_FACTOR"] = scale

import sqlcipher3  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from cli.demo import PEOPLE, create_demo_store  # noqa: E402
from cstr_desktop.forms.loader import load_bundle  # noqa: E402
from cstr_desktop.store.court_list import ListedCase  # noqa: E402
from ui.entry import keep_final_reports  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.session import Session  # noqa: E402


def main() -> None:
    app = QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp())
    create_demo_store(tmp / "data", load_bundle(), countersigned=keep_final_reports)
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
    store = window.session.store
    today = date.fromisoformat(window.session.day)
    yesterday = (today - timedelta(days=1)).isoformat()
    store.add_case(ListedCase(yesterday, "Cardiff Magistrates' Court", "2", "10:30",
                              f"CF-{today.year}-0091", "O'Connor", "Aoife", "1993-08-21",
                              offence="Affray"))
    window.show_list()
    shot("court-list")
    window.list_view.search.setText("o")
    shot("search")
    window.show_list()

    # A second list for the day: one added, one moved, one whose date of birth changed,
    # one taken off (untouched), and the started ones kept.
    people = [(room, time_, suffix, family, given, dob, offence)
              for room, time_, suffix, family, given, dob, offence in PEOPLE]
    people[2] = (*people[2][:5], "1979-12-13", people[2][6])  # O'Brien: another birthday?
    people[3] = ("3", "12:00", *people[3][2:])  # Okonkwo: moved
    del people[7]  # Brown: off the list
    people.append(("1", "15:00", "0109", "Evans", "Rhodri", "1986-06-06", "Theft"))
    csv = tmp / "court-list-afternoon.csv"
    csv.write_text("hearing_date,court_name,courtroom,list_time,case_number,family_name,"
                   "given_names,date_of_birth,offence\n" + "".join(
                       f"{today},Cardiff Magistrates' Court,{room},{time_},CF-{today.year}-"
                       f"{suffix},{family},{given},{dob},{offence}\n"
                       for room, time_, suffix, family, given, dob, offence in people),
                   encoding="utf-8")
    window.preview_court_list(str(csv))
    shot("import-preview")
    window.cancel_import()
    window.open_case(f"CF-{today.year}-0102")
    answers = {"phq9_1": 2, "phq9_2": 3, "phq9_3": 1, "phq9_4": 2, "phq9_5": 1, "phq9_6": 2,
               "phq9_7": 1, "phq9_8": 0, "phq9_9": 1}
    for name, value in answers.items():
        window.save_answer(name, value)
    state, row = __import__("ui.actions", fromlist=["x"]).open_case(window.session,
                                                                     window.session.case_number)
    window.cases.show_case(state, row)
    window.interview_view.show_section("phq9", "phq9_9")
    shot("interview")
    # Another program holds the store's write lock: the answer is kept, and says so.
    blocker = sqlcipher3.connect(str(tmp / "data" / "store.db"), isolation_level=None)
    blocker.execute(f"PRAGMA key = \"x'{store._key().hex()}'\"")
    blocker.execute("BEGIN IMMEDIATE")
    store.set_busy_timeout(0.1)
    window.interview_view.show_section("offences", "offence_main")
    line = window.interview_view.blocks()["offence_main"].input
    line.edit.setText("Possession of a class A drug (cocaine) with intent to supply")
    line.commit()
    window.interview_view.focus_question("offence_main")
    shot("not-saved")
    blocker.execute("ROLLBACK")
    blocker.close()
    window.interview_view.retry_unsaved()
    # Answers that contradict each other: the side panel names the warnings.
    for name, value in {"convicted": "yes", "plea": "not_yet",
                        "sentence_indicated": "suspended_sentence_order"}.items():
        window.save_answer(name, value)
    state, row = __import__("ui.actions", fromlist=["x"]).open_case(window.session,
                                                                     window.session.case_number)
    window.cases.show_case(state, row)
    window.interview_view.show_section("offences", "sentence_indicated")
    shot("warnings")
    window.switch_user()
    window.sign_in_submitted("sign_in", "demo-reviewer", "demo-reviewer-password")
    window.show_review_queue()
    shot("review-queue")
    window.open_case(f"CF-{today.year}-0101")
    window.interview_view.show_section("mhtr_criteria")
    window.review_bar.comment.setText("Please give the GP's name and say whether she is "
                                      "registered.")
    shot("review")
    window.request_changes()
    window.switch_user()
    window.sign_in_submitted("sign_in", "demo-assessor", "demo-assessor-password")
    window.open_case(f"CF-{today.year}-0101")
    window.review_bar.reply.setText("Added: Dr Rhys, Cathays Surgery; she is registered.")
    window.send_reply()
    window.review_bar.reply.setText("Anything else before I resubmit?")
    shot("review-reply")
    window.switch_user()
    window.sign_in_submitted("sign_in", "demo-reviewer", "demo-reviewer-password")
    window.open_case(f"CF-{today.year}-0101")
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
