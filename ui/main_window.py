"""The main window: screens in a stack, menus and shortcuts, and the status bar.

The window owns its collaborators, one for each part of the day, each given the window:

- :class:`ui.sign_in_flow.SignInFlow`: sign in, lock, unlock, switch user;
- :class:`ui.trust_flow.TrustFlow`: the recovery key at the first run, and About;
- :class:`ui.day_list.DayList`: the day's list, search, review queue, court list, add;
- :class:`ui.case_flow.CaseFlow`: the open case, its answers and the review's steps;
- :class:`ui.report_preview.ReportPreview`: preview, print and save the report;
- :class:`ui.accounts_flow.AccountsFlow`: accounts and passwords;
- :class:`ui.outcome_flow.OutcomeFlow`: the outcome at court.

These hold the screens, so they are made anew when the language changes. What outlasts
them is the window's own: the session, the settings, the data folder held
(:class:`ui.sign_in_flow.HeldFolder`), the idle lock (:mod:`ui.idle_lock`) and the sync
status (:class:`ui.sync_bar.SyncBar`). The menus (:mod:`ui.menus`), the tests and the
scripts call the user's actions by name on the window, each a collaborator's
(:class:`Forward`). Dependencies come in; nothing is global.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget

from .accounts_flow import AccountsFlow
from .case_flow import CaseFlow
from .day_list import DayList
from .deferred import actions
from .dialogs import Dialogs
from .idle_lock import IdleLock, minutes_before_lock
from .menus import build_menus, enable_menus
from .outcome_flow import OutcomeFlow
from .report_preview import ReportPreview
from .session import Session
from .settings import load_settings, save_settings
from .sign_in_flow import HeldFolder, SignInFlow
from .style import STYLE
from .sync_bar import SyncBar
from .text import t
from .trust_flow import TrustFlow


class Forward:
    """A name on the window that is a collaborator's (``open_case = Forward("cases")``),
    looked up each time it is used: after a change of language, the new one's."""

    def __init__(self, owner: str, name: str | None = None):
        self.owner, self.name = owner, name

    def __set_name__(self, cls: type, name: str) -> None:
        self.name = self.name or name

    def __get__(self, window: Any, cls: type | None = None) -> Any:
        if window is None:
            return self
        return getattr(getattr(window, self.owner), self.name)


class MainWindow(QMainWindow):
    """The court day on screen. Dependencies come in; nothing is global."""

    # sign in, lock, switch user
    sign_in_view = Forward("gate")
    show_sign_in = Forward("gate")
    sign_in_submitted = Forward("gate")
    lock = Forward("gate")
    lock_now = Forward("gate")
    switch_user = Forward("gate")
    folder_problem = Forward("folder", "problem")
    idle = Forward("idle_lock", "timer")
    # the recovery key and About
    recovery_view = Forward("trust")
    show_recovery_key = Forward("trust")
    about_view = Forward("trust")
    show_about = Forward("trust")
    # the day's list
    list_view = Forward("day")
    add_view = Forward("day")
    import_view = Forward("day")
    show_list = Forward("day")
    show_review_queue = Forward("day")
    choose_court_list = Forward("day")
    preview_court_list = Forward("day")
    cancel_import = Forward("day")
    show_add_defendant = Forward("day")
    # the open case and its review
    interview_view = Forward("cases")
    review_bar = Forward("cases")
    case_page = Forward("cases")
    in_case = Forward("cases")
    leave_case = Forward("cases")
    open_case = Forward("cases")
    save_answer = Forward("cases")
    next_section = Forward("cases")
    previous_section = Forward("cases")
    go_to_next_missing = Forward("cases")
    submit = Forward("cases")
    request_changes = Forward("cases")
    countersign = Forward("cases")
    send_reply = Forward("cases")
    amend = Forward("cases")
    # the report
    report_view = Forward("report")
    preview_report = Forward("report")
    preview_card = Forward("report")
    choose_pdf_path = Forward("report")
    # accounts
    accounts_view = Forward("accounts")
    password_view = Forward("accounts")
    show_accounts = Forward("accounts")
    show_change_password = Forward("accounts")
    # the outcome at court
    outcome_dialog = Forward("outcome")
    show_outcome = Forward("outcome")
    # central records
    sync = Forward("sync_bar")
    sync_label = Forward("sync_bar")
    sync_button = Forward("sync_bar")
    central_dialog = Forward("sync_bar")
    sync_now = Forward("sync_bar")
    show_central_records = Forward("sync_bar")

    def __init__(self, session: Session, settings: QSettings,
                 dialogs: Dialogs | None = None, idle_minutes: float | None = None):
        super().__init__()
        self.session = session
        self.settings = settings
        self.lang = session.lang
        self.dialogs = dialogs or Dialogs(self)
        self.setWindowTitle(t("app", self.lang))
        self.setStyleSheet(STYLE)
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.status_label = QLabel("", self)
        self.status_label.setAccessibleName(t("status", self.lang))
        self.statusBar().addWidget(self.status_label, 1)
        self.sync_bar = SyncBar(self)
        self._build_parts()
        self._build_menus()
        self.pool = QThreadPool(self)
        self.prefs = load_settings(settings)  # the typed settings (ui/settings.py)
        minutes, self.idle_warning = minutes_before_lock(self.prefs, idle_minutes, self.lang)
        if self.idle_warning is not None:
            self.statusBar().showMessage(self.idle_warning, 30_000)
        self.idle_lock = IdleLock(self, minutes, lambda: self.lock())
        self.restoreGeometry(self.prefs.geometry)
        if not self.prefs.geometry:
            self.resize(1200, 780)
        # One app at a time on a data folder: held until the window closes.
        self.folder = HeldFolder(session.data_dir)
        self.folder.take()
        self._closing = False
        self._closed = False
        self.show_sign_in()

    def _build_parts(self) -> None:
        """The parts of the day and their screens, in the window's language (the list's
        screen is wired to the case's and the outcome's actions, so it comes after them)."""
        self.gate = SignInFlow(self)
        self.trust = TrustFlow(self)
        self.cases = CaseFlow(self)
        self.report = ReportPreview(self)
        self.accounts = AccountsFlow(self)
        self.outcome = OutcomeFlow(self)
        self.day = DayList(self)
        for view in (self.sign_in_view, self.list_view, self.add_view):
            self.stack.addWidget(view)

    def _build_menus(self) -> None:
        self.menu_actions = build_menus(self, self.lang, self.set_language)
        self.set_signed_in(False)

    def set_signed_in(self, signed_in: bool) -> None:
        """The menus for someone signed in, or for no one (or a locked window)."""
        enable_menus(self.menu_actions, signed_in, self.sign_in_view.mode == "unlock")

    def signed_in(self) -> None:
        """After signing in: the case's screens, who is signed in, the menus, the sync."""
        self.cases.build()
        self.report.build()
        if self.stack.indexOf(self.case_page) < 0:
            self.stack.addWidget(self.case_page)
            self.stack.addWidget(self.report_view)
        user = self.session.store.user
        self.status_label.setText(t("signed_in_as", self.lang, user=user.username,
                                    role=t("role_" + user.role, self.lang)))
        self.set_signed_in(True)
        self.menu_actions["manage_accounts"].setVisible(user.role == "admin")
        self.sync_bar.signed_in(self.lang)

    # -- the language ---------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Show the interface in English or Welsh from now on, on the same screen."""
        if lang == self.lang:
            self.menu_actions["english" if lang == "en" else "welsh"].setChecked(True)
            return
        self.leave_case(lambda: self._set_language(lang))

    def _set_language(self, lang: str) -> None:
        self.prefs.language = lang
        save_settings(self.settings, self.prefs)
        self.session.lang = self.lang = lang
        current = self.stack.currentWidget()
        in_case = current is not None and current in (self.case_page, self.report_view)
        signed_in = self.session.store is not None and current is not self.sign_in_view
        for part in (self.gate, self.day, self.cases, self.report, self.accounts, self.trust):
            for view in part.screens():
                if view is not None:
                    self.stack.removeWidget(view)
                    view.deleteLater()
        self.menuBar().clear()
        self._build_parts()
        self._build_menus()
        self.setWindowTitle(t("app", lang))
        if not signed_in:
            self.show_sign_in()
            return
        self.signed_in()
        if in_case and self.session.case_number:
            self.open_case(self.session.case_number)
        else:
            self.show_list()

    # -- closing ------------------------------------------------------------------

    def closeEvent(self, event) -> None:  # noqa: N802
        """Quit (Ctrl+Q, or the window closed): the answer being typed is saved first; one
        that cannot be written keeps the window open until saved or discarded."""
        if self._closed:
            super().closeEvent(event)
            return
        view = self.interview_view
        if not self._closing and view is not None and (self.in_case() or view.unsaved):
            view.commit_editing()
            if view.unsaved and not view.retry_unsaved():
                event.ignore()
                self.leave_case(self._close_now)
                return
        self.prefs.geometry = self.saveGeometry().data()
        save_settings(self.settings, self.prefs)
        self.idle_lock.stop_watching()
        self.sync.stop()
        self.pool.waitForDone(5000)
        if view is not None:
            view.retry_timer.stop()
        self.sync_bar.purge_due()
        actions.sign_out(self.session)
        self.folder.lock.release()
        self._closed = True
        super().closeEvent(event)

    def _close_now(self) -> None:
        self._closing = True
        self.close()
