"""A whole court day in one process, lived the way a day is lived.

Eight defendants on an imported list, each a full interview typed key by key, with
previews, prints through the real print dialog to its PDF printer, review, changes
requested and resubmitted, countersignatures, idle locks and changes of user between.
At the end the app is still answering, every answer typed is in the store (read back
from the file by a new sign-in), and ``cstr-desktop audit-verify`` finds the audit
chain intact. Its time is in the bench (``bench/run.py``).
"""

from __future__ import annotations

import sys
import time
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from support.cli import clean_env, cstr_desktop
from support.reporting import reader
from support.ui_driver import (
    choose_file,
    complete_interview,
    focused,
    key,
    make_window,
    print_to_pdf,
    shortcut,
    sign_in_by_keys,
)

from cstr_desktop.court_list import fold
from cstr_desktop.demo import DUAL, PEOPLE
from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
from cstr_desktop.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

ADMIN, SAM, RITA = (("admin", "admin password"), ("sam", "assessor password"),
                    ("rita", "reviewer password"))
TODAY = date.today()


def court_list() -> str:
    rows = [f"{TODAY.isoformat()},Cardiff Magistrates' Court,{room},{time_},CF-{suffix},"
            f"{family},{given},{dob},{offence}"
            for room, time_, suffix, family, given, dob, offence in PEOPLE]
    return ("hearing_date,court_name,courtroom,list_time,case_number,family_name,given_names,"
            "date_of_birth,offence\n" + "\n".join(rows) + "\n")


def answers_for(i: int, offence: str) -> tuple[dict, dict]:
    """What is typed for defendant ``i``, and what the store must then hold (the listed
    offence is already in "Main offence", filled in from the court list)."""
    typed = {**DUAL, "interpreter_used": "no", "phq9_difficulty": 1 + i % 3,
             "phq9_1": i % 4, "gad7_2": (i + 1) % 4,
             "mh_current_presentation": f"Defendant {i}: low mood and poor sleep; drinks "
                                        "most days.",
             "mhtr_first_appointment_date": f"{10 + i}/10/2026",
             "mhtr_first_appointment_time": ("0910", "9:10", "2.15pm", "14:30")[i % 4],
             "mhtr_first_appointment_place": f"Cardiff Community Team, room {i}"}
    stored = {**typed, "offence_main": offence,
              "mhtr_first_appointment_date": f"2026-10-{10 + i}",
              "mhtr_first_appointment_time": ("09:10", "09:10", "14:15", "14:30")[i % 4]}
    return typed, stored


def switch_to(window, account) -> None:
    shortcut(window, "Ctrl+Shift+U")
    sign_in_by_keys(window, *account)
    assert window.stack.currentWidget() is window.list_view


def idle_lock_and_back(qtbot, window, account) -> None:
    """Leave the laptop: it locks; the same person types their password to go on."""
    window.idle.setInterval(150)
    window.idle.start()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_view, timeout=5000)
    window.idle.setInterval(60 * 60_000)
    sign_in_by_keys(window, *account)
    assert window.stack.currentWidget() is not window.sign_in_view


def open_by_search(window, case_number: str, family: str) -> None:
    window.list_view.focus_search()
    # Typed without accents, as on a UK keyboard: search folds them ("nguye" finds Nguyễn).
    QTest.keyClicks(focused(), fold(family)[:5])
    assert case_number in window.list_view.case_numbers()
    row = window.list_view.case_numbers().index(case_number)
    key(Qt.Key.Key_Down)
    window.list_view.table.selectRow(row)
    key(Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.case_page


def preview(qtbot, window) -> bytes:
    before = window.report_view.pdf
    shortcut(window, "Ctrl+P")
    qtbot.waitUntil(lambda: bool(window.report_view.pdf) and window.report_view.pdf != before,
                    timeout=20_000)
    return window.report_view.pdf


def test_a_whole_court_day_in_one_process(qtbot, tmp_path):
    started = time.perf_counter()
    none_before = sys.getrefcount(None)
    data = tmp_path / "data"
    window = make_window(qtbot, data, tmp_path)
    sign_in_by_keys(window, *ADMIN, again=True)
    window.session.store.add_account(*SAM, "assessor")
    window.session.store.add_account(*RITA, "reviewer")
    switch_to(window, SAM)

    # Morning: the day's list, through the real file dialog, looked at, then imported.
    listing = tmp_path / "list.csv"
    listing.write_text(court_list(), encoding="utf-8")
    shortcut(window, "Ctrl+I")
    choose_file(qtbot, listing)
    assert len(window.import_view.rows()) == len(PEOPLE)
    key(Qt.Key.Key_Return)
    assert window.list_view.counts.text() == f"{len(PEOPLE)} listed"

    expected: dict[str, dict] = {}
    printed = 0
    for i, (_, _, suffix, family, _, _, offence) in enumerate(PEOPLE):
        case_number = f"CF-{suffix}"
        typed, stored = answers_for(i, offence)
        expected[case_number] = stored
        # The assessor interviews, key by key.
        open_by_search(window, case_number, family)
        complete_interview(window, typed)
        assert not window.interview_view.state.still_needed(), case_number
        if i % 3 == 1:
            idle_lock_and_back(qtbot, window, SAM)  # called away mid-case
        pdf = preview(qtbot, window)
        assert "DRAFT" in reader(pdf).pages[0].extract_text()
        if i % 2 == 0:
            # Printed through the real print dialog, to its PDF printer.
            out = tmp_path / f"printed-{case_number}.pdf"
            window.report_view.print_pdf.emit()
            print_to_pdf(qtbot, out)
            qtbot.waitUntil(lambda: window.report_view.status.text() == "Sent to the printer.",
                            timeout=30_000)
            assert len(reader(out.read_bytes()).pages) == len(reader(pdf).pages)
            printed += 1
        key(Qt.Key.Key_Escape)  # back to the interview
        shortcut(window, "Ctrl+Shift+Return")  # submit for review
        assert window.session.store.assessment(window.session.assessment_id)["status"] == \
            "awaiting_review", window.interview_view.problem.text()
        shortcut(window, "Ctrl+Shift+L")

        # The reviewer, on the same laptop.
        switch_to(window, RITA)
        shortcut(window, "Ctrl+Shift+R")
        assert window.list_view.case_numbers() == [case_number]
        window.list_view.table.setFocus()
        key(Qt.Key.Key_Return)
        bar = window.review_bar
        if i % 3 == 0:
            bar.comment.setFocus()
            QTest.keyClicks(focused(), f"Please say where the first appointment is ({i}).")
            key(Qt.Key.Key_Return)  # requests changes
            switch_to(window, SAM)
            window.open_case(case_number)
            assert "Please say where" in window.interview_view.banner.text()
            place = f"Cardiff Community Team, room {i}, ground floor"
            window.interview_view.show_section("mhtr_arrangements",
                                               "mhtr_first_appointment_place")
            focused().selectAll()
            QTest.keyClicks(focused(), place)
            key(Qt.Key.Key_Return)
            expected[case_number]["mhtr_first_appointment_place"] = place
            bar.reply.setFocus()
            QTest.keyClicks(focused(), "Done: the room is on the ground floor.")
            key(Qt.Key.Key_Return)
            shortcut(window, "Ctrl+Shift+Return")  # resubmitted
            switch_to(window, RITA)
            shortcut(window, "Ctrl+Shift+R")
            window.list_view.table.setFocus()
            key(Qt.Key.Key_Return)
        bar.password.setFocus()
        QTest.keyClicks(focused(), RITA[1])
        key(Qt.Key.Key_Return)  # countersigns
        row = window.session.store.assessment(window.session.assessment_id)
        assert row["status"] == "approved", window.interview_view.problem.text()
        if i == len(PEOPLE) - 1:
            final = preview(qtbot, window)
            assert not any("DRAFT" in p.extract_text() for p in reader(final).pages)
            key(Qt.Key.Key_Escape)
        if i % 4 == 2:
            idle_lock_and_back(qtbot, window, RITA)
        switch_to(window, SAM)

    # The end of the day: the list says so, and the app still answers the keyboard.
    window.show_list()
    assert window.list_view.counts.text() == f"{len(PEOPLE)} countersigned"
    shortcut(window, "Ctrl+F")
    assert focused() is window.list_view.search
    shortcut(window, "Ctrl+Q")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert printed == 4

    # Every answer typed is in the store, read back by a new sign-in.
    with Store.open(data, *ADMIN, kdf=FAST_KDF_FOR_TESTS) as store:
        for case_number, answers in expected.items():
            saved = store.answers(store.assessment_for_case(case_number)["id"])
            wrong = {k: (v, saved.get(k)) for k, v in answers.items() if saved.get(k) != v}
            assert not wrong, (case_number, wrong)
        replies = [c for n in expected for c in store.review_comments(
            store.assessment_for_case(n)["id"]) if c["kind"] == "reply"]
        assert len(replies) == 3
    # The audit chain, checked by the command line as an administrator would.
    proc = cstr_desktop("audit-verify", "--user", "admin", "--data-dir", str(data),
                        env=clean_env(CSTR_PASSWORD=ADMIN[1]), real=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("The audit trail is intact:")
    # Nothing in Qt dropped references to None along the way (the 6.12.0 abort).
    assert sys.getrefcount(None) >= none_before - 100
    assert QApplication.instance() is not None
    seconds = time.perf_counter() - started
    print(f"\nsoak: a whole court day of {len(PEOPLE)} defendants in {seconds:.0f} s")
