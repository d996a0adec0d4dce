"""Accounts: an administrator adds, removes and resets accounts, sets who signs as whom
and the marking; everyone changes their own password.

:class:`AccountsFlow` owns the two screens (built when first asked for). It is given the
window, and uses its other parts through it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from cstr_desktop.errors import SignInError, StoreError

from .accounts_view import AccountsView, PasswordView, say
from .deferred import actions
from .error_text import say_error
from .text import t

if TYPE_CHECKING:
    from .main_window import MainWindow


class AccountsFlow:
    """The accounts screen and the password screen, and the actions on them."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.session = window.session
        self.lang = window.lang
        self.accounts_view = None
        self.password_view = None

    def screens(self) -> list[QWidget | None]:
        return [self.accounts_view, self.password_view]

    def show_accounts(self) -> None:
        if self.session.store is None or self.session.store.user.role != "admin":
            return
        self.window.leave_case(self._show_accounts)

    def _show_accounts(self) -> None:
        if self.accounts_view is None:
            self.accounts_view = AccountsView(self.lang, self.window)
            self.accounts_view.add_requested.connect(self.add_account)
            self.accounts_view.remove_requested.connect(self.remove_account)
            self.accounts_view.reset_requested.connect(self.reset_password)
            self.accounts_view.profile_requested.connect(self.save_profile)
            self.accounts_view.marking_requested.connect(self.save_marking)
            self.accounts_view.back.connect(self.window.show_list)
            self.window.stack.addWidget(self.accounts_view)
        self.accounts_view.message.clear()
        self._refresh_accounts()
        self.window.stack.setCurrentWidget(self.accounts_view)

    def _refresh_accounts(self) -> None:
        self.accounts_view.show_accounts(actions.list_accounts(self.session),
                                         self.session.store.user.username,
                                         self.session.store.marking())

    def _account_change(self, run: Callable[[], None], done: str, name: str) -> None:
        try:
            run()
        except (StoreError, SignInError) as exc:
            self.accounts_view.show_error(say_error(exc, self.lang))
            return
        self._refresh_accounts()
        say(self.accounts_view.message, t(done, self.lang, name=name))

    def add_account(self, name: str, role: str, password: str) -> None:
        self._account_change(lambda: actions.add_account(self.session, name, role, password),
                             "account_added", name)

    def remove_account(self, name: str) -> None:
        self._account_change(lambda: actions.remove_account(self.session, name),
                             "account_removed", name)

    def reset_password(self, name: str, password: str) -> None:
        self._account_change(lambda: actions.reset_password(self.session, name, password),
                             "password_was_reset", name)

    def save_profile(self, name: str, profile: dict) -> None:
        self._account_change(lambda: actions.set_profile(self.session, name, profile),
                             "profile_saved", name)

    def save_marking(self, marking: str) -> None:
        try:
            actions.set_marking(self.session, marking)
        except StoreError as exc:
            self.accounts_view.show_error(str(exc))
            return
        self._refresh_accounts()
        say(self.accounts_view.message, t("marking_saved", self.lang,
                                          name=self.session.store.marking()))

    # -- one's own password -------------------------------------------------------------

    def show_change_password(self) -> None:
        if self.session.store is None:
            return
        self.window.leave_case(self._show_change_password)

    def _show_change_password(self) -> None:
        if self.password_view is None:
            self.password_view = PasswordView(self.lang, self.window)
            self.password_view.submitted.connect(self.change_password)
            self.password_view.cancelled.connect(self.window.show_list)
            self.window.stack.addWidget(self.password_view)
        self.password_view.reset()
        self.window.stack.setCurrentWidget(self.password_view)

    def change_password(self, current: str, new: str) -> None:
        try:
            actions.change_password(self.session, current, new)
        except (StoreError, SignInError) as exc:
            self.password_view.show_error(say_error(exc, self.lang))
            return
        self.window.show_list()
        self.window.list_view.message.setText(t("password_changed", self.lang))
