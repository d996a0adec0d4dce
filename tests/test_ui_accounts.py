"""Accounts in the app: an administrator adds, removes and resets; everyone changes their own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from support.ui_driver import focused, make_window, sign_in_by_keys

from cstr_desktop.key_slots import FAST_KDF_FOR_TESTS, SignInError
from cstr_desktop.store import Store

ADMIN_PASSWORD = "admin password"


def fill(view, name: str, password: str, again: str | None = None, role: str = "assessor"):
    """Type into the add-account fields from the keyboard; Enter in the last one adds."""
    view.role.setCurrentIndex(view.role.findData(role))
    view.name.clear()  # after an error the name is kept for correcting
    view.name.setFocus()
    QTest.keyClicks(view.name, name)
    view.password.setFocus()
    QTest.keyClicks(view.password, password)
    view.again.setFocus()
    QTest.keyClicks(view.again, password if again is None else again)
    QTest.keyClick(focused(), Qt.Key.Key_Return)


def names(view) -> list[str]:
    return [view.table.item(r, 0).text() for r in range(view.table.rowCount())]


def signs_in(folder, name, password) -> bool:
    try:
        Store.open(folder, name, password, kdf=FAST_KDF_FOR_TESTS).close()
    except SignInError:
        return False
    return True


def test_administrator_manages_accounts(qtbot, tmp_path):
    folder = tmp_path / "data"
    window = make_window(qtbot, folder, tmp_path)
    sign_in_by_keys(window, "admin", ADMIN_PASSWORD, again=True)
    assert window.menu_actions["manage_accounts"].isVisible()
    window.menu_actions["manage_accounts"].trigger()
    view = window.accounts_view
    assert window.stack.currentWidget() is view
    assert names(view) == ["admin  (you)"]

    fill(view, "sam", "assessor pass 1")
    fill(view, "rita", "reviewer pass 1", role="reviewer")
    assert names(view) == ["admin  (you)", "rita", "sam"]
    assert view.table.item(1, 1).text() == "Reviewer (probation officer)"
    assert view.message.text() == "Account rita added."
    assert not view.message.property("error")
    # Bad input is explained and adds nothing.
    fill(view, "tom", "assessor pass 1", again="assessor pass 2")
    assert view.message.text() == "The two passwords differ."
    assert view.message.property("error") is True
    assert view.name.text() == "tom" and not view.password.text() and focused() is view.password
    fill(view, "tom", "short")
    assert "at least 10 characters" in view.message.text()
    fill(view, "sam", "assessor pass 9")
    assert "already exists" in view.message.text()
    assert names(view) == ["admin  (you)", "rita", "sam"]

    # A forgotten password: select the account, type a new one twice.
    view.table.selectRow(2)
    view.password.setText("assessor pass 2")
    view.again.setText("assessor pass 2")
    view._reset()
    assert view.message.text() == "New password set for sam."
    # Remove rita: the first press asks, the second removes; choosing another row forgets.
    view.table.selectRow(1)
    view._remove()
    assert view.message.text().startswith("Remove rita? They will no longer be able to sign in")
    assert names(view) == ["admin  (you)", "rita", "sam"]
    view.table.selectRow(2)
    assert view.message.text() == ""
    view.table.selectRow(1)
    view._remove()
    assert names(view) == ["admin  (you)", "rita", "sam"]
    view._remove()
    assert names(view) == ["admin  (you)", "sam"]
    assert view.message.text() == "Account rita removed: it can no longer sign in."
    # The administrator cannot remove themself.
    view.table.selectRow(0)
    view._remove()
    assert view.message.text() == "You cannot remove the account you are signed in with."
    window.close()

    assert signs_in(folder, "sam", "assessor pass 2")
    assert not signs_in(folder, "sam", "assessor pass 1")
    assert not signs_in(folder, "rita", "reviewer pass 1")
    with Store.open(folder, "admin", ADMIN_PASSWORD, kdf=FAST_KDF_FOR_TESTS) as store:
        actions = [e["action"] for e in store.audit_entries()]
    assert actions.count("account_added") == 2
    assert "account_removed" in actions and "password_reset" in actions


def test_anyone_changes_their_own_password_and_only_admins_see_accounts(qtbot, tmp_path,
                                                                       fresh_store):
    folder = fresh_store({"sam": ("assessor pass 1", "assessor")}, admin=("admin", ADMIN_PASSWORD))
    window = make_window(qtbot, folder, tmp_path)
    sign_in_by_keys(window, "sam", "assessor pass 1")
    assert not window.menu_actions["manage_accounts"].isVisible()
    window.show_accounts()  # even if reached some other way, it does nothing
    assert window.accounts_view is None
    window.menu_actions["change_password"].trigger()
    view = window.password_view
    assert focused() is view.current
    for text in ("wrong password", "assessor pass 2", "assessor pass 2"):
        QTest.keyClicks(focused(), text)
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
    view._submit()
    assert view.message.text() == "The current password is wrong."
    view.reset()
    view.current.setText("assessor pass 1")
    view.new.setText("assessor pass 2")
    view.again.setText("assessor pass 2")
    QTest.keyClick(view.again, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.list_view
    assert window.list_view.message.text() == "Your password has been changed."
    window.close()
    assert signs_in(folder, "sam", "assessor pass 2")
    assert not signs_in(folder, "sam", "assessor pass 1")
