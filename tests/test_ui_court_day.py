"""The court day in the app, driven by key presses only: sign in to countersigned PDF."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from support.paths import EXAMPLES
from support.reporting import ink_fraction, pages, pdf_text, reader
from support.stores import ADMIN_PASSWORD, make_store
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

from cstr_desktop.court_list import ListedCase
from cstr_desktop.demo import DUAL

LIST = ("hearing_date,court_name,courtroom,list_time,case_number,family_name,given_names,"
        "date_of_birth\n"
        "{day},Cardiff Magistrates' Court,2,10:00,CF-9001,Gwilym,Siân,1988-03-02\n"
        "{day},Cardiff Magistrates' Court,1,09:30,CF-9002,Nguyễn,Thị Minh,1995-07-19\n")

ANSWERS = {**DUAL, "interpreter_used": "no", "phq9_difficulty": 1}


@pytest.fixture
def setup(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "data", tmp_path)
    return window, None, tmp_path


def assessor_with_one_case(window) -> None:
    """A store (made by its administrator) and its assessor, sam, with one case, CF-1, on
    today's list."""
    make_store(window.session.data_dir, {"sam": ("assessor password", "assessor")})
    window.show_sign_in()
    sign_in_by_keys(window, "sam", "assessor password")
    window.session.store.add_case(ListedCase(window.session.day, "Cardiff", "1", "10:00",
                                             "CF-1", "Ali", "Sara", "1990-01-01"))


def test_the_whole_court_day_by_keyboard(setup, qtbot):
    window, dialogs, tmp_path = setup
    # First run: the store and the first account (admin).
    assert window.sign_in_view.mode == "create"
    sign_in_by_keys(window, "admin", "admin password", again=True)
    assert window.stack.currentWidget() is window.list_view
    window.session.store.add_account("sam", "assessor password", "assessor")
    window.session.store.add_account("rita", "reviewer password", "reviewer")

    # The assessor signs in and imports the day's list.
    shortcut(window, "Ctrl+Shift+U")
    sign_in_by_keys(window, "sam", "assessor password")
    csv_path = tmp_path / "list.csv"
    csv_path.write_text(LIST.format(day=window.session.day), encoding="utf-8")
    shortcut(window, "Ctrl+I")  # the real file dialog: the path typed in it, then Enter
    choose_file(qtbot, csv_path)
    # The reconcile is shown first; Enter on Import applies it.
    assert window.stack.currentWidget() is window.import_view
    assert [r[:3] for r in window.import_view.rows()] == [
        ("Add", "CF-9001", "Gwilym, Siân"), ("Add", "CF-9002", "Nguyễn, Thị Minh")]
    key(Qt.Key.Key_Return)
    assert "2 to add" in window.list_view.message.text()
    assert window.list_view.case_numbers() == ["CF-9002", "CF-9001"]
    assert window.list_view.counts.text() == "2 listed"

    # Search as you type (focus starts in the search box), then open the case with Enter.
    assert focused() is window.list_view.search
    for ch in "gwil":
        key(ch)
    assert window.list_view.case_numbers() == ["CF-9001"]
    key(Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.case_page

    # The whole interview, by key presses only.
    visited = complete_interview(window, ANSWERS)
    state = window.interview_view.state
    assert {"phq9_9", "audit_10", "willingness_own_words", "sources_of_information"} <= set(
        visited)
    assert state.requirements["mhtr"].status == "eligible"
    assert state.requirements["atr"].status == "eligible"
    assert state.scores["audit"].total == 28 and state.scores["phq9"].total == 10
    assert not state.missing_required()
    side = window.interview_view.side.text()
    assert "✔ MHTR" in side and "✔ ATR" in side
    assert "Not considered: DRR" in side and "DRR</b>" not in side
    assert window.session.store.answers(window.session.assessment_id)["audit_1"] == 4

    # Preview (rendered off the UI thread), then submit.
    shortcut(window, "Ctrl+P")
    qtbot.waitUntil(lambda: bool(window.report_view.pdf), timeout=10_000)
    assert window.report_view.document.pageCount() >= 3
    assert "DRAFT" in pages(window.report_view.pdf)[0]
    shortcut(window, "Ctrl+Shift+Return")
    assert window.session.store.assessment(window.session.assessment_id)["status"] == \
        "awaiting_review"

    # The reviewer signs in on the same laptop, finds it, countersigns.
    shortcut(window, "Ctrl+Shift+U")
    sign_in_by_keys(window, "rita", "reviewer password")
    shortcut(window, "Ctrl+Shift+R")
    assert window.list_view.case_numbers() == ["CF-9001"]
    window.list_view.table.setFocus()
    key(Qt.Key.Key_Return)
    assert window.review_bar.buttons["countersign"].isVisibleTo(window)
    window.review_bar.password.setFocus()
    for ch in "reviewer password":
        key(ch)
    key(Qt.Key.Key_Tab)  # to the Countersign button beside the password
    assert focused() is window.review_bar.buttons["countersign"]
    key(Qt.Key.Key_Space)
    assert window.session.store.assessment(window.session.assessment_id)["status"] == "approved"
    # The final report is kept at countersignature, in every language.
    assert all(window.session.store.frozen_report(window.session.assessment_id, 1, lang)
               for lang in ("en", "cy", "both"))

    # The final report: no DRAFT, saved as a PDF.
    before = window.report_view.pdf
    shortcut(window, "Ctrl+P")
    qtbot.waitUntil(lambda: window.report_view.pdf != before, timeout=10_000)
    assert not any("DRAFT" in page for page in pages(window.report_view.pdf))
    out = tmp_path / "final.pdf"
    window.report_view.setFocus()
    window.choose_pdf_path()  # the real save dialog
    choose_file(qtbot, out)
    text = pdf_text(out.read_bytes())
    assert "DRAFT" not in text and "Countersigned by" in text and "Siân Gwilym" in text

    # Print through the real print dialog, to its PDF printer; printed on a worker thread.
    printed_path = tmp_path / "printed.pdf"
    window.report_view.print_pdf.emit()
    print_to_pdf(qtbot, printed_path)
    qtbot.waitUntil(lambda: window.report_view.status.text() == "Sent to the printer.",
                    timeout=10_000)
    printed = reader(printed_path.read_bytes())
    assert len(printed.pages) == len(reader(window.report_view.pdf).pages)
    for page in printed.pages:
        images = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
        # Each page is one image of at most 300 dpi across A4 (not the printer's 1200).
        assert len(images) == 1 and 2000 < images[0]["/Width"] <= 2481
    assert ink_fraction(printed_path, first_page=1) > 0.01
    actions = [e["action"] for e in window.session.store.audit_entries()]
    assert "report_printed" in actions


def test_a_bad_answer_is_shown_in_plain_words_and_not_saved(setup, qtbot):
    window, dialogs, tmp_path = setup
    assessor_with_one_case(window)
    window.show_list()
    key(Qt.Key.Key_Return)
    window.interview_view.show_section("person_listing", "nhs_number")
    for ch in "123":
        key(ch)
    key(Qt.Key.Key_Return)
    block = window.interview_view.blocks()["nhs_number"]
    assert "not a valid NHS number" in block.status.text()
    assert "nhs_number" not in window.session.store.answers(window.session.assessment_id)


def test_wrong_password_is_refused_in_words(setup):
    window, _, _ = setup
    sign_in_by_keys(window, "admin", "admin password", again=True)
    shortcut(window, "Ctrl+Shift+U")
    sign_in_by_keys(window, "admin", "wrong password!")
    assert window.stack.currentWidget() is window.sign_in_view
    assert window.sign_in_view.error.text() == "Wrong account name or password."


def test_idle_lock_hides_everything_until_the_same_person_signs_in(setup, qtbot):
    window, _, _ = setup
    sign_in_by_keys(window, "admin", "admin password", again=True)
    window.idle.setInterval(50)
    window.idle.start()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_view, timeout=3000)
    assert window.sign_in_view.mode == "unlock" and window.sign_in_view.name.isReadOnly()
    assert not window.menu_actions["back_to_list"].isEnabled()
    sign_in_by_keys(window, "admin", "not it at all")
    assert window.stack.currentWidget() is window.sign_in_view
    sign_in_by_keys(window, "admin", "admin password")
    assert window.stack.currentWidget() is window.list_view


def test_typing_and_mouse_use_keep_the_window_unlocked(setup, qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    window, _, _ = setup
    sign_in_by_keys(window, "admin", "admin password", again=True)
    window.idle.setInterval(400)
    window.idle.start()
    handle = window.windowHandle()  # as the keyboard and mouse arrive, through the window
    for i in range(8):  # 8 x 100 ms: twice the idle time, with activity all along
        qtbot.wait(100)
        if i % 2:
            QTest.keyClick(handle, Qt.Key.Key_Shift)
        else:
            QTest.mouseMove(handle, QPoint(100 + i, 100))
    assert window.stack.currentWidget() is window.list_view
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in_view, timeout=3000)


def test_typing_in_a_dialog_window_keeps_the_app_unlocked(setup, qtbot):
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    window, _, _ = setup
    sign_in_by_keys(window, "admin", "admin password", again=True)
    dialog = QLineEdit()  # stands for a file dialog: a top-level window of its own
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is dialog.windowHandle(), timeout=3000)
    window.idle.setInterval(400)
    window.idle.start()
    for _ in range(8):
        qtbot.wait(100)
        QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_A)
    assert window.stack.currentWidget() is window.list_view


def test_missing_required_answers_are_found_by_key_and_submitting_asks_first(setup, qtbot):
    window, _, _ = setup
    assessor_with_one_case(window)
    window.show_list()
    key(Qt.Key.Key_Return)
    view = window.interview_view
    missing = view.state.still_needed()
    assert len(missing) > 20 and set(view.state.missing_required()) <= set(missing)
    # Ctrl+M: to each answer still needed, in form order.
    # From outside any question, the first; from a question, the next after it.
    window.review_bar.buttons["preview"].setFocus()
    assert view.focused_question() is None
    shortcut(window, "Ctrl+M")
    assert view.focused_question() == missing[0]
    assert view.current == window.session.bundle().section_of[missing[0]]
    shortcut(window, "Ctrl+M")
    assert view.focused_question() == missing[1]

    # Submit with answers missing: the first press only says so.
    shortcut(window, "Ctrl+Shift+Return")
    assessment = window.session.assessment_id
    assert window.session.store.assessment(assessment)["status"] == "draft"
    assert window.interview_view.problem.text().startswith(
        f"{len(missing)} answers are still needed (required ones, reasons for the "
        "statutory criteria, or answers a warning asks you to correct). Ctrl+M goes to each")
    # An answer given in between means the next press warns again (with the new count).
    view.show_section("consent_capacity")
    view._answered("consent_assessment", "yes")  # as the answer's widget reports it
    assert not view.problem.isVisibleTo(window)  # the warning was about the old answers
    shortcut(window, "Ctrl+Shift+Return")
    assert window.session.store.assessment(assessment)["status"] == "draft"
    assert window.interview_view.problem.text().startswith(f"{len(missing) - 1} answers")
    shortcut(window, "Ctrl+Shift+Return")
    assert window.session.store.assessment(assessment)["status"] == "awaiting_review"
    logged = [e for e in window.session.store.audit_entries()
              if e["action"] == "submitted_with_missing"]
    assert len(logged) == 1 and missing[1] in logged[0]["reason"]
    assert "consent_assessment" not in logged[0]["reason"]

    # The reviewer cannot countersign an opinion that is not final: told why, in full.
    window.switch_user()
    sign_in_by_keys(window, "admin", ADMIN_PASSWORD)
    window.session.store.add_account("rita", "reviewer password", "reviewer")
    window.switch_user()
    sign_in_by_keys(window, "rita", "reviewer password")
    window.open_case("CF-1")
    assert not window.interview_view.problem.isVisibleTo(window)
    window.review_bar.password.setText("reviewer password")
    window.countersign()
    assert window.session.store.assessment(assessment)["status"] == "awaiting_review"
    assert window.interview_view.problem.isVisibleTo(window)
    assert window.interview_view.problem.text().startswith(
        "Not countersigned: the opinion on the statutory criteria is not final (all "
        "requirements: Convicted (pleaded guilty or found guilty) (no answer);")
    assert window.review_bar.password.text() == ""  # the password is not left in the box


def test_next_missing_says_when_nothing_is_missing(setup, qtbot):
    window, _, _ = setup
    assessor_with_one_case(window)
    window.open_case("CF-1")
    for _ in range(300):  # each pass answers one question, so this ends
        if not window.interview_view.state.still_needed():
            break
        name = window.interview_view.state.still_needed()[0]
        q = window.session.bundle().questions[name]
        value = {"yes_no": "yes", "date": "2026-11-25", "time": "10:00", "integer": 1}.get(
            q.type)
        if value is None and q.type in ("single_choice", "multi_choice"):
            first = window.interview_view.state.choices(name)[0].value
            value = [first] if q.type == "multi_choice" else first
        if value is None:
            value = "Recorded."
        outcome = window.save_answer(name, value)
        assert outcome.state is not None, (name, outcome)
        window.interview_view.refresh(outcome.state)
    assert window.interview_view.state.still_needed() == []
    assert window.interview_view.state.open_findings == []
    window.go_to_next_missing()
    assert window.statusBar().currentMessage() == "No answer is still needed."


def test_example_file_exists():
    assert (EXAMPLES / "example_mhtr_atr_dual.json").exists()
