"""Sign in, lock and switch user: who is at the keyboard.

:class:`HeldFolder` keeps other copies of the app off the data folder while this one
runs. :class:`SignInFlow` owns the sign-in screen: signing in (or, on the first run,
making the store), the idle lock and Lock now, unlocking, and changing user. It is
given the window, and uses the window's other parts through it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from cstr_desktop.errors import SignInError, StoreError, StoreUnavailable
from cstr_desktop.paths import store_exists
from cstr_desktop.store.folder_lock import FolderLock

from .deferred import actions
from .error_text import say_error
from .sign_in_view import SignInView
from .text import t

if TYPE_CHECKING:
    from .main_window import MainWindow


class HeldFolder:
    """One app at a time on a data folder: held until the window closes. ``problem`` says
    why it could not be taken (another copy has it open)."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.lock = FolderLock(data_dir, t("app", "en"))
        self.problem: StoreUnavailable | None = None

    def take(self) -> bool:
        """Hold the data folder (a folder not made yet is held when the store is made)."""
        if not self.data_dir.exists():
            return True
        try:
            self.lock.acquire()
        except StoreUnavailable as exc:
            self.problem = exc
            return False
        self.problem = None
        return True


class SignInFlow:
    """The sign-in screen and what it leads to."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.lang = window.lang
        self.sign_in_view = SignInView(self.lang, window)
        self.sign_in_view.submitted.connect(self.sign_in_submitted)
        self.before_lock: QWidget | None = None  # the screen shown again at unlocking

    def screens(self) -> list[QWidget | None]:
        return [self.sign_in_view]

    def show_sign_in(self) -> None:
        window, folder = self.window, self.window.folder
        if folder.problem is not None:
            self.sign_in_view.set_mode("busy", message=say_error(folder.problem, self.lang))
        else:
            mode = "sign_in" if store_exists(window.session.data_dir) else "create"
            self.sign_in_view.set_mode(mode)
        window.stack.setCurrentWidget(self.sign_in_view)
        window.set_signed_in(False)

    def sign_in_submitted(self, mode: str, name: str, password: str) -> None:
        window, folder = self.window, self.window.folder
        try:
            if mode == "busy":
                folder.take()
                self.show_sign_in()
                return
            if mode == "unlock":
                self._unlock(password)
                return
            if not folder.lock.held:
                folder.lock.acquire()  # StoreBusy if another copy has just taken it
            if mode == "create":
                store = actions.create_store(window.session, name, password)
            else:
                actions.sign_in(window.session, name, password)
        except StoreUnavailable as exc:
            folder.problem = exc if not folder.lock.held else None
            if folder.problem is not None:
                self.show_sign_in()
            else:
                self.sign_in_view.show_error(say_error(exc, self.lang))
            return
        except (SignInError, StoreError) as exc:
            self.sign_in_view.show_error(say_error(exc, self.lang))
            return
        window.signed_in()
        window.idle.start()
        if mode == "create":
            window.show_recovery_key(store.recovery_key, store.root_fingerprint())
            store.recovery_key = None
            return
        window.show_list()

    def _unlock(self, password: str) -> None:
        """The same person again: back to the screen that was locked, as it was."""
        window = self.window
        problem = actions.unlock(window.session, password)
        if problem is not None:
            waiting = getattr(problem, "wait_seconds", None) is not None
            self.sign_in_view.show_error(
                say_error(problem, self.lang) if waiting else
                t("unlock_wrong", self.lang, user=window.session.store.user.username))
            return
        window.stack.setCurrentWidget(self.before_lock)
        window.set_signed_in(True)
        window.idle.start()
        if getattr(window.outcome_dialog, "hidden_by_lock", False):
            window.outcome_dialog.hidden_by_lock = False
            window.outcome_dialog.open()
        if window.interview_view is not None and window.interview_view.unsaved:
            window.interview_view.retry_unsaved()

    def lock_now(self) -> None:
        self.lock(now=True)

    def lock(self, now: bool = False) -> None:
        """Hide everything until the same person signs in again. The answer being typed
        is handed over first (one that cannot be written stays, and is tried again)."""
        window = self.window
        if window.session.store is None or window.stack.currentWidget() is self.sign_in_view:
            return
        if window.interview_view is not None:
            window.interview_view.commit_editing()
        self.before_lock = window.stack.currentWidget()
        dialog = window.outcome_dialog
        if dialog is not None and dialog.isVisible():
            dialog.hide()  # shown again, as it was, when unlocked
            dialog.hidden_by_lock = True
        user = window.session.store.user.username
        message = t("locked_now" if now else "locked", self.lang, user=user)
        self.sign_in_view.set_mode("unlock", user, message)
        window.stack.setCurrentWidget(self.sign_in_view)
        window.statusBar().clearMessage()
        window.set_signed_in(False)
        try:
            window.session.store.log("locked")
        except StoreUnavailable:
            pass  # locking must never wait for the disk

    def switch_user(self) -> None:
        self.window.leave_case(self._switch_user)

    def _switch_user(self) -> None:
        window = self.window
        if window.outcome_dialog is not None:
            window.outcome_dialog.reject()  # the next person's day is not this one's
        window.sync_bar.signed_out()
        actions.sign_out(window.session)
        window.status_label.clear()
        window.statusBar().clearMessage()  # what the last person did is not the next one's
        self.show_sign_in()
