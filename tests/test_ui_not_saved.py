"""No answer is ever lost silently, tested against real faults in the app's own window:
a save that cannot be written says "Not saved" beside the question in words, keeps the
value on screen, is tried again, and holds the case (and quitting) until it is saved or
the person discards it through the real question box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from support.disks import failing_disk, fill, read_only, small_disk, write_lock
from support.ui_driver import (
    ADMIN,
    answer_question_box,
    first_run,
    focused,
    key,
    make_window,
    shortcut,
    sign_in_by_keys,
)

import ui.interview_view
from cstr_desktop.court_list import ListedCase
from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS
from cstr_desktop.store import Store


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    monkeypatch.setattr(ui.interview_view, "RETRY_SECONDS", (0.2,))


def open_case(qtbot, data, tmp_path):
    window = make_window(qtbot, data, tmp_path)
    first_run(window)  # the assessor sam, signed in
    store = window.session.store
    store.add_case(ListedCase(window.session.day, "Cardiff", "1", "10:00", "CF-1", "Ali", "Sara",
                              "1990-01-01", offence="Theft"))
    store.set_busy_timeout(0.2)
    window.show_list()
    key(Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.case_page
    return window


def type_answer(window, section: str, name: str, text: str, enter: bool = True):
    window.interview_view.show_section(section, name)
    edit = focused()
    edit.selectAll()
    QTest.keyClicks(edit, text)
    if enter:
        QTest.keyClick(edit, Qt.Key.Key_Return)
    return window.interview_view.blocks()[name]


def stored(data, name):
    with Store.open(data, *ADMIN, kdf=FAST_KDF_FOR_TESTS) as store:
        row = store.assessment_for_case("CF-1")
        assert store.verify_audit().ok
        return store.answers(row["id"]).get(name)


def test_busy_not_saved_then_saved_when_free_and_the_case_held_meanwhile(qtbot, tmp_path):
    data = tmp_path / "data"
    window = open_case(qtbot, data, tmp_path)
    view = window.interview_view
    with write_lock(data, window.session.store._key()):
        block = type_answer(window, "offences", "offence_main", "Burglary of a shed")
        assert block.status.text().startswith(
            "Not saved: the store is busy: another program is writing to it. Your answer is "
            "kept here")
        assert block.input.edit.text() == "Burglary of a shed"  # still on the screen
        assert view.unsaved == {"offence_main": "Burglary of a shed"}
        # Leaving the case asks first, in a real question box; "Stay here" stays.
        shortcut(window, "Ctrl+Shift+L")
        text = answer_question_box(qtbot, "Stay here")
        assert text.startswith("1 answer is not saved: the store is busy")
        assert window.stack.currentWidget() is window.case_page
        assert window.session.store.answers(window.session.assessment_id)[
            "offence_main"] == "Theft"  # the listed offence, filled in; not yet the new one
    # The write lock is gone: the retry saves it, and says so.
    qtbot.waitUntil(lambda: not view.unsaved, timeout=5000)
    assert block.status.text() == "Saved"
    shortcut(window, "Ctrl+Shift+L")
    assert window.stack.currentWidget() is window.list_view  # no question now
    window.close()
    assert stored(data, "offence_main") == "Burglary of a shed"


def test_full_disk_not_saved_retried_and_saved_once_there_is_room(qtbot, tmp_path):
    with small_disk(tmp_path / "disk", "8m") as disk:
        data = disk / "data"
        window = open_case(qtbot, data, tmp_path)
        try:
            filler = fill(disk)
            big = "Long account of events. " * 800
            block = type_answer(window, "offences", "offence_main", "Criminal damage")
            for i in range(20):  # until the write-ahead log has no room left
                if window.interview_view.unsaved:
                    break
                window.interview_view._answered("risk_to_self", f"{i} {big}")
            assert window.interview_view.unsaved
            shown = window.interview_view.blocks()
            reasons = [shown[n].status.text() for n in window.interview_view.unsaved]
            assert all(r.startswith("Not saved: the disk is full.") for r in reasons), reasons
            # Submitting waits for the answers, and says why.
            shortcut(window, "Ctrl+Shift+Return")
            assert "not saved yet (the disk is full)" in window.interview_view.problem.text()
            filler.unlink()
            qtbot.waitUntil(lambda: not window.interview_view.unsaved, timeout=5000)
            assert block.status.text() == "Saved"
        finally:
            window.close()
        assert stored(data, "offence_main") == "Criminal damage"


def test_read_only_folder_quitting_asks_and_discarding_is_the_persons_choice(qtbot, tmp_path):
    data = tmp_path / "data"
    window = open_case(qtbot, data, tmp_path)
    with read_only(data):
        block = type_answer(window, "offences", "offence_main", "Affray")
        assert block.status.text().startswith(
            "Not saved: the store's folder cannot be written to (it is read-only).")
        shortcut(window, "Ctrl+Q")
        assert answer_question_box(qtbot, "Try again").startswith("1 answer is not saved")
        # Still read-only: asked again; this time the person discards it and quits.
        answer_question_box(qtbot, "Discard and go on")
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert stored(data, "offence_main") == "Theft"


def test_io_error_not_saved_and_the_app_closes_without_a_crash(qtbot, tmp_path):
    with failing_disk(tmp_path / "ext4") as (disk, shut_down):
        window = open_case(qtbot, disk / "data", tmp_path)
        shut_down()
        block = type_answer(window, "offences", "offence_main", "Assault")
        assert block.status.text().startswith(
            "Not saved: the disk could not be written to (an input/output error).")
        window.close()
        answer_question_box(qtbot, "Discard and go on")
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
        assert window.session.store is None


@pytest.mark.parametrize("how", ["quit", "lock", "switch_user", "back"])
def test_the_answer_being_typed_is_saved_on_quit_lock_switch_and_leaving(qtbot, tmp_path,
                                                                         how):
    data = tmp_path / "data"
    window = open_case(qtbot, data, tmp_path)
    type_answer(window, "offences", "offence_main", "Typed, Enter not pressed", enter=False)
    type_answer(window, "risk_safety", "risk_to_self", "A long answer, still being typed",
                enter=False)
    keys = {"quit": "Ctrl+Q", "lock": "Ctrl+L", "switch_user": "Ctrl+Shift+U",
            "back": "Ctrl+Shift+L"}
    shortcut(window, keys[how])
    if how == "quit":
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    else:
        assert window.stack.currentWidget() in (window.sign_in_view, window.list_view)
        window.close()
    assert stored(data, "offence_main") == "Typed, Enter not pressed"
    assert stored(data, "risk_to_self") == "A long answer, still being typed"


def test_enter_on_a_refused_answer_stays_and_the_next_keys_stay_there(qtbot, tmp_path):
    data = tmp_path / "data"
    window = open_case(qtbot, data, tmp_path)
    view = window.interview_view
    view._answered("requirements_considered", ["mhtr"])  # its arrangements are asked
    block = type_answer(window, "mhtr_arrangements", "mhtr_first_appointment_time", "25:99")
    assert view.focused_question() == "mhtr_first_appointment_time"
    assert block.status.text() == ("'25:99' is not a time: hours go up to 23 (or 12 with am "
                                   "or pm) and minutes up to 59.")
    # Typed on: the keys land in the same box, not in the questions after it.
    after = {n: view.state.answers.get(n) for n in view.state.answers}
    focused().selectAll()
    QTest.keyClicks(focused(), "9:10")
    key(Qt.Key.Key_Return)
    assert block.input.edit.text() == "09:10"  # shown back as stored
    assert view.focused_question() != "mhtr_first_appointment_time"  # now it moves on
    answers = window.session.store.answers(window.session.assessment_id)
    assert answers["mhtr_first_appointment_time"] == "09:10"
    assert {n: answers.get(n) for n in after} == after  # nothing else was answered
    # A check the core refuses stays too (a date after the hearing).
    block = type_answer(window, "offences", "offence_date", "01/01/2099")
    assert view.focused_question() == "offence_date"
    assert block.status.property("error") is True
    assert "offence_date" not in window.session.store.answers(window.session.assessment_id)


def test_uk_dates_and_times_are_understood_and_shown_back_as_stored(qtbot, tmp_path):
    data = tmp_path / "data"
    window = open_case(qtbot, data, tmp_path)
    window.interview_view._answered("requirements_considered", ["mhtr"])
    for typed, shown in (("0910", "09:10"), ("2.15pm", "14:15"), ("9:10", "09:10")):
        block = type_answer(window, "mhtr_arrangements", "mhtr_first_appointment_time", typed)
        assert block.input.edit.text() == shown
    block = type_answer(window, "mhtr_arrangements", "mhtr_first_appointment_date", "12/10/2026")
    assert block.input.edit.text() == "2026-10-12"
    assert block.status.text() == "Saved: Monday 12 October 2026"
    block = type_answer(window, "mhtr_arrangements", "mhtr_first_appointment_date", "12-10-2026")
    assert block.input.edit.text() == "2026-10-12"
    answers = window.session.store.answers(window.session.assessment_id)
    assert answers["mhtr_first_appointment_date"] == "2026-10-12"
    assert answers["mhtr_first_appointment_time"] == "09:10"


def test_a_second_app_on_the_same_folder_is_told_plainly(qtbot, tmp_path):
    import os
    import socket

    data = tmp_path / "data"
    first = make_window(qtbot, data, tmp_path)
    sign_in_by_keys(first, *ADMIN, again=True)
    (tmp_path / "second").mkdir()
    second = make_window(qtbot, data, tmp_path / "second")
    view = second.sign_in_view
    assert view.mode == "busy" and not view.name.isVisible()
    assert view.intro.text() == (
        f"This store is already open in CSTR Court Day (process {os.getpid()} on "
        f"{socket.gethostname()}, since {view.intro.text().split('since ')[1].split(')')[0]})"
        ". Close it there first, then press Try again.")
    assert view.go.text() == "Try again"
    QTest.keyClick(view.go, Qt.Key.Key_Space)
    assert view.mode == "busy"  # still open in the first
    first.close()
    QTest.keyClick(view.go, Qt.Key.Key_Space)
    assert view.mode == "sign_in"
    sign_in_by_keys(second, *ADMIN)
    assert second.stack.currentWidget() is second.list_view
