"""The outcome at court in the app (issue 13): the real dialog driven by keys, its checks
said beside the field, the day list's column, and an addendum after approval."""

from __future__ import annotations

import pytest
from outcome_helpers import HEARING, PASSWORDS, approve, list_cases, make_folder
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from support.ui_driver import (
    closed,
    focused,
    key,
    make_window,
    open_dialog,
    shortcut,
    sign_in_by_keys,
)

from ui.outcome_dialog import OutcomeDialog

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def folder(tmp_path):
    folder = make_folder(tmp_path)
    list_cases(folder, "CF-1", "CF-2", "CF-3")
    return folder


def on_list(qtbot, folder, tmp_path, lang="en", who="sam"):
    window = make_window(qtbot, folder, tmp_path, lang=lang)
    sign_in_by_keys(window, who, PASSWORDS[who])
    window.session.day = HEARING
    window.show_list()
    window.list_view.table.setFocus()
    return window


def outcome_dialog(qtbot, window, row: int) -> OutcomeDialog:
    """Down to the row in the list, then Ctrl+Shift+O."""
    for _ in range(row):
        key(Qt.Key.Key_Down)
    shortcut(window, "Ctrl+Shift+O")
    dialog = open_dialog(qtbot, OutcomeDialog)
    # The window manager gives the new dialog the keyboard (offscreen, nothing does).
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    qtbot.waitUntil(lambda: focused() is dialog.results.buttons()[0] or
                    focused() is dialog.results.checkedButton(), timeout=3000)
    return dialog


def alt(qtbot, letter) -> None:
    """Alt and a choice's underlined letter (a button clicks itself a moment later)."""
    key(letter, ALT)
    qtbot.wait(200)


def type_in(text: str) -> None:
    from PySide6.QtTest import QTest

    widget = focused()
    if isinstance(widget, QLineEdit):
        widget.selectAll()
    QTest.keyClicks(widget, text)


def column(window) -> list[str]:
    return window.list_view.column_texts("outcome")


def test_a_community_order_with_two_requirements_in_a_few_keystrokes(qtbot, folder, tmp_path):
    window = on_list(qtbot, folder, tmp_path)
    dialog = outcome_dialog(qtbot, window, 1)  # CF-2
    assert "CF-2" in dialog.findChild(type(dialog.problem), "label").text()
    alt(qtbot, Qt.Key.Key_S)  # Sentenced
    assert dialog.result() == "sentenced" and dialog.sentenced.isVisible()
    assert not dialog.adjourned.isVisible()
    key(Qt.Key.Key_Tab)  # the date of the hearing: the listed day, already there
    assert focused() is dialog.date and dialog.date.text() == "25/11/2026"
    key(Qt.Key.Key_Tab)
    assert focused() is dialog.time
    type_in("1240")
    key(Qt.Key.Key_Tab)
    assert focused() is dialog.sentence
    key(Qt.Key.Key_Down)  # the first sentence: a community order
    assert dialog.sentence.currentData() == "community_order"
    key(Qt.Key.Key_Tab)
    type_in("12")  # months
    key(Qt.Key.Key_Tab)
    mhtr, mhtr_length = dialog.ticks["mhtr"]
    assert focused() is mhtr
    key(Qt.Key.Key_Space)  # ticked: the cursor goes to its length
    assert focused() is mhtr_length
    type_in("6")
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Tab)  # past DRR (its length is off until ticked)
    atr, atr_length = dialog.ticks["atr"]
    assert focused() is atr
    key(Qt.Key.Key_Space)
    type_in("6")
    alt(qtbot, Qt.Key.Key_Y)  # Yes, as recommended
    key(Qt.Key.Key_Return, CTRL)
    closed(qtbot, dialog)
    store = window.session.store
    kept = store.answers(store.case("CF-2")["assessment_id"])
    assert {k: v for k, v in kept.items() if k.startswith("outcome_")} == {
        "outcome_result": "sentenced", "outcome_date": HEARING, "outcome_time_sentenced": "12:40",
        "outcome_sentence": "community_order", "outcome_order_months": 12,
        "outcome_requirements": ["mhtr", "atr"], "outcome_length_mhtr": 6,
        "outcome_length_atr": 6, "outcome_recommendation_followed": "yes"}
    assert column(window) == ["", "Sentenced: CO · MHTR, ATR", ""]
    assert window.list_view.current_case() == "CF-2"
    assert window.list_view.message.text() == "Outcome saved for CF-2."
    assert store.verify_audit().ok


def test_each_check_is_said_beside_its_field_and_nothing_typed_is_lost(qtbot, folder,
                                                                      tmp_path):
    window = on_list(qtbot, folder, tmp_path)
    dialog = outcome_dialog(qtbot, window, 0)  # CF-1
    key(Qt.Key.Key_Return)  # nothing chosen yet
    assert dialog.problem.text() == ("Choose what happened: sentenced, adjourned, remanded or "
                                     "other.")
    alt(qtbot, Qt.Key.Key_A)  # Adjourned
    key(Qt.Key.Key_Return, CTRL)
    assert dialog.problem.text() == "An adjournment needs the date it is adjourned to."
    assert focused() is dialog.adjourned_to
    type_in("1/1/2020")
    key(Qt.Key.Key_Return)
    assert dialog.problem.text() == ("The adjourned date must be on or after the hearing "
                                     "(Wednesday 25 November 2026).")
    assert focused() is dialog.adjourned_to and dialog.adjourned_to.text() == "1/1/2020"
    type_in("31/11/2026")
    key(Qt.Key.Key_Return)
    assert dialog.problem.text() == "'31/11/2026' is not a date in the calendar."
    type_in("9/12/2026")
    key(Qt.Key.Key_Return)
    assert dialog.problem.text() == "Choose why it was adjourned."
    assert focused() is dialog.reason
    for _ in range(4):
        key(Qt.Key.Key_Down)  # the last: another reason
    key(Qt.Key.Key_Return, CTRL)
    assert dialog.problem.text() == "Say what the other reason was."
    assert focused() is dialog.reason_other
    type_in("Interpreter not available")
    key(Qt.Key.Key_Return)
    closed(qtbot, dialog)
    assert column(window)[0] == "Adjourned to Wed 9 Dec 2026"
    # Opened again, it starts from what was kept; Escape changes nothing.
    window.list_view.table.setFocus()
    dialog = outcome_dialog(qtbot, window, 0)
    assert dialog.result() == "adjourned"
    assert dialog.reason_other.text() == "Interpreter not available"
    key(Qt.Key.Key_Escape)
    closed(qtbot, dialog)
    assert column(window)[0] == "Adjourned to Wed 9 Dec 2026"


def test_after_approval_the_dialog_makes_a_signed_addendum_and_the_list_says_to_send(
        qtbot, folder, tmp_path, bundle):
    ident = approve(folder, bundle, "CF-3")
    window = on_list(qtbot, folder, tmp_path)
    dialog = outcome_dialog(qtbot, window, 2)  # CF-3, countersigned
    assert dialog.addendum and "signed addendum" in dialog.findChildren(
        type(dialog.problem), "banner")[0].text()
    alt(qtbot, Qt.Key.Key_R)  # Remanded
    assert dialog.other.isVisible()
    key(Qt.Key.Key_Return, CTRL)
    closed(qtbot, dialog)
    store = window.session.store
    assert store.assessment(ident)["status"] == "approved"
    assert column(window)[2] == "Remanded  ⟳ to send"
    [pending] = store.pending_outcome_addenda()
    assert pending["body"]["outcome"]["payload"]["answers"]["outcome_result"] == "remanded"
    # A second one may correct the first: chosen in the dialog, then filled from it.
    window.list_view.table.setFocus()
    dialog = outcome_dialog(qtbot, window, 0)
    assert dialog.corrects is not None and dialog.corrects.count() == 2
    dialog.corrects.setFocus()
    key(Qt.Key.Key_Down)
    assert dialog.result() == "remanded"
    alt(qtbot, Qt.Key.Key_O)  # Other
    key(Qt.Key.Key_Return, CTRL)
    closed(qtbot, dialog)
    history = store.outcomes("CF-3")
    assert [o["superseded"] for o in history] == [True, False]
    assert history[1]["supersedes"] == history[0]["outcome_id"]
    assert column(window)[2] == "Other  ⟳ to send"


def test_in_welsh(qtbot, folder, tmp_path):
    window = on_list(qtbot, folder, tmp_path, lang="cy")
    dialog = outcome_dialog(qtbot, window, 0)
    assert dialog.windowTitle() == "Canlyniad yn y llys"
    alt(qtbot, Qt.Key.Key_D)  # Dedfrydwyd
    assert dialog.result() == "sentenced"
    dialog.time.setText("")
    key(Qt.Key.Key_Return, CTRL)
    assert dialog.problem.text() == "Dewiswch y ddedfryd."
    # Each Alt+letter is one choice's alone, in Welsh too ("Do" is not "Dedfrydwyd").
    letters = [b.text().split("&")[1][0].lower() for group in (dialog.results, dialog.followed)
               for b in group.buttons()]
    assert len(letters) == len(set(letters)) == 7
    assert window.list_view.table.horizontalHeaderItem(
        window.list_view.COLUMNS.index("outcome")).text() == "Canlyniad"
    key(Qt.Key.Key_Escape)
    closed(qtbot, dialog)


def test_awaiting_review_says_why_and_opens_nothing(qtbot, folder, tmp_path, bundle):
    from support.reporting import full_answers

    with __import__("outcome_helpers").sign_in(folder, "sam") as sam:
        ident = sam.start_assessment(bundle, "CF-1")
        sam.import_answers(bundle, ident, {**full_answers(), "case_number": "CF-1"})
        sam.submit_for_review(ident)
    window = on_list(qtbot, folder, tmp_path)
    shortcut(window, "Ctrl+Shift+O")
    qtbot.wait(50)
    assert QApplication.activeModalWidget() is None
    assert "waiting for its countersignature" in window.list_view.message.text()


def test_from_the_open_case_and_the_interview_goes_on(qtbot, folder, tmp_path):
    window = on_list(qtbot, folder, tmp_path)
    window.open_case("CF-1")
    window.interview_view.setFocus()
    shortcut(window, "Ctrl+Shift+O")
    dialog = open_dialog(qtbot, OutcomeDialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    assert dialog.info["case_number"] == "CF-1" and not dialog.addendum
    alt(qtbot, Qt.Key.Key_R)  # Remanded
    key(Qt.Key.Key_Return, CTRL)
    closed(qtbot, dialog)
    assert window.statusBar().currentMessage() == "Outcome saved for CF-1."
    assert window.stack.currentWidget() is window.case_page
    window.interview_view._answered("interpreter_used", "no")
    store = window.session.store
    kept = store.answers(store.case("CF-1")["assessment_id"])
    assert kept["interpreter_used"] == "no" and kept["outcome_result"] == "remanded"
    window.show_list()
    assert column(window)[0] == "Remanded"


def test_a_reviewer_records_after_approval_only_and_an_administrator_never(qtbot, folder,
                                                                           tmp_path):
    window = on_list(qtbot, folder, tmp_path, who="rita")
    shortcut(window, "Ctrl+Shift+O")
    qtbot.wait(50)
    assert QApplication.activeModalWidget() is None
    assert window.list_view.message.text() == ("Until the report is countersigned, the "
                                               "assessor records the outcome with the "
                                               "assessment.")
    window.close()
    window = on_list(qtbot, folder, tmp_path / "admin", who="admin")
    shortcut(window, "Ctrl+Shift+O")
    qtbot.wait(50)
    assert QApplication.activeModalWidget() is None
    assert window.list_view.message.text() == ("Administrators record no outcome: an "
                                               "assessor does.")


def test_the_lock_hides_the_dialog_and_unlocking_brings_it_back_as_it_was(qtbot, folder,
                                                                          tmp_path):
    window = on_list(qtbot, folder, tmp_path)
    dialog = outcome_dialog(qtbot, window, 0)
    alt(qtbot, Qt.Key.Key_A)  # Adjourned
    dialog.adjourned_to.setText("9/12/2026")
    window.lock(now=True)
    assert not dialog.isVisible() and window.stack.currentWidget() is window.sign_in_view
    window.sign_in_submitted("unlock", "", PASSWORDS["sam"])
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.result() == "adjourned" and dialog.adjourned_to.text() == "9/12/2026"
    window.switch_user()  # another person: the dialog goes
    qtbot.waitUntil(lambda: window.outcome_dialog is None, timeout=3000)
