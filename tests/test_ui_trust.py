"""Trust in the app: the recovery key shown once at the first run (and printed through the
real print dialog), About with the root key's fingerprint, and amending as a reviewer with
a password."""

from __future__ import annotations

import io

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from support.reporting import full_answers, pdf_text, reader
from support.stores import KDF, make_store
from support.ui_driver import focused, make_window, print_to_pdf, sign_in_by_keys

from cstr_desktop.cli import main
from cstr_desktop.store import Store


def test_the_first_run_shows_the_recovery_key_once_and_prints_it(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "data", tmp_path)
    view = window.sign_in_view
    view.name.setFocus()
    QTest.keyClicks(view.name, "admin")
    QTest.keyClick(view.name, Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), "admin password")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), "admin password")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.recovery_view
    key = window.recovery_view.key
    assert len(key.split("-")) == 14
    shown = window.recovery_view.key_label.text().replace("\n", "  ").split()
    assert "-".join(shown) == key
    assert window.session.store.recovery_key is None  # not kept anywhere else
    QTest.keyClick(focused(), Qt.Key.Key_Space)  # Print… has the focus
    print_to_pdf(qtbot, tmp_path / "recovery.pdf")
    qtbot.waitUntil(lambda: window.recovery_view.message.text() == "Sent to the printer.",
                    timeout=10_000)
    # The printer gets the page as an image (at up to 300 dpi): one page came out; the
    # sheet it was made from holds the key and the root key's fingerprint.
    assert len(reader((tmp_path / "recovery.pdf").read_bytes()).pages) == 1
    from ui import actions

    sheet = actions.recovery_sheet(window.session, window.recovery_view.key)
    printed = " ".join(pdf_text(sheet).replace("\xa0", " ").split())
    assert " ".join(key.split("-")[:4]) in printed
    assert window.session.store.root_fingerprint() in printed
    window.recovery_view.done_button.click()
    assert window.stack.currentWidget() is window.list_view
    assert window.recovery_view.key == "" and window.recovery_view.key_label.text() == ""


def test_about_shows_the_root_fingerprint_as_the_command_line_does(qtbot, tmp_path,
                                                                   monkeypatch):
    folder = tmp_path / "data"
    make_store(folder)
    window = make_window(qtbot, folder, tmp_path)
    window.menu_actions["about"].trigger()  # before anyone signs in, too
    assert window.stack.currentWidget() is window.about_view
    out = io.StringIO()
    assert main(["fingerprint", "--data-dir", str(folder)], out=out, err=io.StringIO()) == 0
    assert window.about_view.fingerprint.text() == out.getvalue().strip()
    window.about_view.back_button.click()
    assert window.stack.currentWidget() is window.sign_in_view


def test_a_reviewer_amends_with_a_reason_and_their_password(qtbot, tmp_path, bundle):
    folder = tmp_path / "data"
    make_store(folder, {"sam": ("assessor password", "assessor"),
                        "rita": ("reviewer password", "reviewer")})
    with Store.open(folder, "sam", "assessor password", kdf=KDF) as sam:
        a = sam.create_assessment(bundle, "CF-1")
        sam.import_answers(bundle, a, full_answers())
        sam.submit_for_review(a)
    with Store.open(folder, "rita", "reviewer password", kdf=KDF) as rita:
        rita.countersign(a, "reviewer password")
    window = make_window(qtbot, folder, tmp_path)
    sign_in_by_keys(window, "rita", "reviewer password")
    window.open_case("CF-1")
    bar = window.review_bar
    assert bar.buttons["amend"].isVisibleTo(window) and bar.amend_password.isVisibleTo(window)
    assert not bar.review_row.isVisibleTo(window)  # nothing to countersign: it is approved
    bar.reason.setText("Wrong date.")
    bar.amend_password.setText("reviewer password")
    window.amend()
    assert "at least a sentence" in window.interview_view.problem.text()
    assert bar.amend_password.text() == ""  # never left in the box
    bar.reason.setText("The date of birth was taken from the wrong listing.")
    bar.amend_password.setText("reviewer password")
    window.amend()
    row = window.session.store.assessment(a)
    assert (row["status"], row["version"]) == ("draft", 2)


def test_an_administrator_sees_a_case_read_only(qtbot, tmp_path, bundle):
    folder = tmp_path / "data"
    make_store(folder, {"sam": ("assessor password", "assessor")})
    with Store.open(folder, "sam", "assessor password", kdf=KDF) as sam:
        a = sam.create_assessment(bundle, "CF-1")
        sam.save_answer(bundle, a, "person_family_name", "Gwilym")
    window = make_window(qtbot, folder, tmp_path)
    sign_in_by_keys(window, "admin", "admin password")
    window.open_case("CF-1")
    assert window.interview_view.read_only
    bar = window.review_bar
    assert not bar.buttons["submit"].isVisibleTo(window)
    assert not any(row.isVisibleTo(window) for row in (bar.review_row, bar.reply_row,
                                                        bar.amend_row))
    outcome = window.save_answer("person_family_name", "Other")
    assert outcome.state is None and "admin role cannot" in str(outcome.refused)
    assert window.session.store.answers(a)["person_family_name"] == "Gwilym"
