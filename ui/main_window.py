"""The main window: screens in a stack, menus and shortcuts, wired to the actions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, QThreadPool, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QWindow
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cstr_desktop.folder_lock import FolderLock
from cstr_desktop.paths import store_exists
from cstr_desktop.store_errors import StoreUnavailable

from .accounts_view import AccountsView, PasswordView, say
from .background_job import BackgroundJob
from .dialogs import Dialogs
from .error_text import say_error
from .screens import AddDefendantView, CaseListView, SignInView
from .session import Session
from .settings import load_settings, save_settings
from .text import sentence, t, tn


class _Actions:
    """``ui.actions``, imported on first use: the sign-in window opens before the store,
    the forms and the report renderer are loaded."""

    def __getattr__(self, name: str) -> Any:
        from . import actions as module

        return getattr(module, name)


actions = _Actions()


def errors(*kinds: str) -> tuple[type[Exception], ...]:
    """The core's exception classes, imported when an error is being handled."""
    from cstr_desktop.court_list import CourtListError
    from cstr_desktop.key_slots import SignInError
    from cstr_desktop.lifecycle import LifecycleError
    from cstr_desktop.store import StoreError

    table = {"court_list": CourtListError, "sign_in": SignInError,
             "lifecycle": LifecycleError, "store": StoreError}
    return tuple(table[k] for k in kinds)

STYLE = """
QWidget { font-size: 10.5pt; }
QLabel#apptitle { font-size: 20pt; font-weight: 600; color: #1d3557; }
QLabel#sectiontitle { font-size: 14pt; font-weight: 600; color: #1d3557; }
QLabel#caseheader { font-size: 12pt; font-weight: 600; padding: 4px 12px; }
QLabel#label { font-weight: 600; }
QLabel#note { font-style: italic; color: #333; background: #f3f3ea; padding: 6px; }
QLabel#help { color: #555; }
QLabel#status { color: #2d6a2d; }
QLabel#status[error="true"] { color: #8b1e1e; font-weight: 600; }
QLabel#status[empty="true"] { color: #555; font-style: italic; }
QLabel#error { color: #8b1e1e; font-weight: 600; }
QLabel#problem { color: #8b1e1e; font-weight: 600; background: #fbeaea;
                 border: 1px solid #d9a3a3; padding: 6px; }
QLabel#banner { background: #fff4d6; border: 1px solid #d9a400; padding: 6px; }
QLabel#recoverykey { font-family: "DejaVu Sans Mono", monospace; font-size: 17pt;
                     font-weight: 600; color: #111; background: #fff; padding: 12px 18px;
                     border: 1px solid #9aa5b1; }
QLabel#fingerprint { font-family: "DejaVu Sans Mono", monospace; font-size: 12pt; }
QLabel#message { color: #1d3557; }
QLabel#message[error="true"] { color: #8b1e1e; font-weight: 600; }
QFrame#question { border-bottom: 1px solid #e2e2e2; }
QWidget:focus { outline: 2px solid #1d3557; }
QRadioButton:disabled, QCheckBox:disabled { color: #4a4a4a; }
QRadioButton:disabled:checked, QCheckBox:disabled:checked { color: #000; font-weight: 600; }
QLineEdit:disabled, QPlainTextEdit:disabled { color: #111; background: #f7f7f4; }
"""


def render_pdf(snapshot: dict, summary: bool) -> bytes:
    """A report snapshot as PDF bytes (run off the UI thread, by a BackgroundJob)."""
    from reports.court_report import render
    from reports.summary_card import render_card

    return (render_card if summary else render)(snapshot)


class ActivityWatcher(QObject):
    """Restarts the idle timer on every key press or mouse use.

    It watches the window's native window, where the keyboard and mouse arrive
    before Qt hands them to a widget: a few events a second, rather than the
    thousands of paint and layout events an application-wide filter would see.
    """

    ACTIVITY = frozenset((QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                          QEvent.Type.MouseMove, QEvent.Type.Wheel))

    def __init__(self, timer: QTimer):
        super().__init__()
        self.timer = timer

    def watch(self, window: QWindow | None) -> None:
        """Watch another window too, e.g. a file dialog (installing twice is harmless)."""
        if window is not None:
            window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in self.ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False


class MainWindow(QMainWindow):
    """The court day on screen. Dependencies come in; nothing is global."""

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
        self._build_sync()

        self._build_views()
        self._build_menus()
        self.pool = QThreadPool(self)
        self.idle = QTimer(self, singleShot=True)
        self.prefs = load_settings(settings)  # the typed settings (ui/settings.py)
        if idle_minutes is not None:
            from .session import checked_idle_minutes

            minutes, self.idle_warning = checked_idle_minutes(idle_minutes)
        else:
            minutes = self.prefs.idle_minutes
            self.idle_warning = dict(self.prefs.refused).get("idle_minutes")
        if self.idle_warning is not None:
            self.idle_warning = t("idle_setting", self.lang, value=self.idle_warning)
            self.statusBar().showMessage(self.idle_warning, 30_000)
        self.idle.setInterval(int(minutes * 60_000))
        self.idle.timeout.connect(self.lock)
        self.watcher = ActivityWatcher(self.idle)
        self.winId()  # the native window exists from now on, so it can be watched
        self.windowHandle().installEventFilter(self.watcher)
        # A file or print dialog is a window of its own: watch each one that takes focus.
        QGuiApplication.instance().focusWindowChanged.connect(self.watcher.watch)
        self.restoreGeometry(self.prefs.geometry)
        if not self.prefs.geometry:
            self.resize(1200, 780)
        # One app at a time on a data folder: held until the window closes.
        self.folder_lock = FolderLock(session.data_dir, t("app", "en"))
        self.folder_problem: StoreUnavailable | None = None
        self._take_folder()
        self._closing = False
        self._closed = False
        self.show_sign_in()

    def _take_folder(self) -> bool:
        """Hold the data folder (a folder not made yet is held when the store is made)."""
        if not self.session.data_dir.exists():
            return True
        try:
            self.folder_lock.acquire()
        except StoreUnavailable as exc:
            self.folder_problem = exc
            return False
        self.folder_problem = None
        return True

    def _build_views(self) -> None:
        self.sign_in_view = SignInView(self.lang, self)
        self.sign_in_view.submitted.connect(self.sign_in_submitted)
        self.list_view = CaseListView(self.lang, self)
        self.list_view.open_case.connect(self.open_case)
        self.list_view.search_changed.connect(self.search_cases)
        self.list_view.import_list.connect(self.choose_court_list)
        self.list_view.add_defendant.connect(self.show_add_defendant)
        self.list_view.record_outcome.connect(self.show_outcome)
        self.list_view.day_changed.connect(self.change_day)
        self.add_view = AddDefendantView(self.lang, self)
        self.add_view.submitted.connect(self.add_defendant)
        self.add_view.cancelled.connect(self.show_list)
        for view in (self.sign_in_view, self.list_view, self.add_view):
            self.stack.addWidget(view)
        # The interview and report screens need the forms and QtPdf: built at first sign-in.
        self.interview_view = None
        self.report_view = None
        self.case_page = None
        self._submit_warned: tuple | None = None  # the case and missing answers warned of
        self._summary = False  # the report screen shows the summary card, not the report
        self._render_count = 0  # only the newest render is shown
        # Account screens and the import preview are rare: built when first asked for.
        self.accounts_view = None
        self.password_view = None
        self.recovery_view = None
        self.about_view = None
        self.import_view = None
        self._import_cases: list | None = None
        self.outcome_dialog = None

    def _build_case_screens(self) -> None:
        if self.interview_view is not None:
            return
        from .interview_view import InterviewView
        from .report_view import ReportView

        self.interview_view = InterviewView(self.session.bundle(), self.lang,
                                            self.save_answer, self)
        self.interview_view.section_changed.connect(self.remember_position)
        from .review_bar import ReviewBar

        self.review_bar = ReviewBar(self.lang, {
            "back": self.show_list, "preview": self.preview_report,
            "summary_card": self.preview_card, "submit": self.submit,
            "request_changes": self.request_changes, "countersign": self.countersign,
            "send_reply": self.send_reply, "amend": self.amend}, self)
        self.case_page = QWidget(self)
        case_layout = QVBoxLayout(self.case_page)
        case_layout.setContentsMargins(0, 4, 0, 0)
        case_layout.addWidget(self.review_bar)
        case_layout.addWidget(self.interview_view, 1)
        self.report_view = ReportView(self.lang, self)
        self.report_view.back.connect(lambda: self.stack.setCurrentWidget(self.case_page))
        self.report_view.save_pdf.connect(self.choose_pdf_path)
        self.report_view.print_pdf.connect(self.print_report)
        self.report_view.reader_changed.connect(self.show_copy)
        self.stack.addWidget(self.case_page)
        self.stack.addWidget(self.report_view)

    def _step(self, step: int) -> None:
        if self.interview_view is not None:
            self.interview_view.step_section(step)

    # -- menus ------------------------------------------------------------------

    def _action(self, menu, key: str, slot, shortcut=None) -> QAction:
        action = QAction(t(key, self.lang), self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        self.menu_actions[key] = action
        return action

    def _build_menus(self) -> None:
        self.menu_actions: dict[str, QAction] = {}
        bar = self.menuBar()
        file_menu = bar.addMenu(t("file_menu", self.lang))
        self._action(file_menu, "import_list", self.choose_court_list, "Ctrl+I")
        self._action(file_menu, "lock_now", self.lock_now, "Ctrl+L")
        self._action(file_menu, "switch_user", self.switch_user, "Ctrl+Shift+U")
        self._action(file_menu, "change_password", self.show_change_password)
        self._action(file_menu, "manage_accounts", self.show_accounts)
        file_menu.addSeparator()
        self._action(file_menu, "central_records", self.show_central_records)
        self._action(file_menu, "sync_now", self.sync_now, "Ctrl+Shift+S")
        file_menu.addSeparator()
        # Ctrl+Q on every platform (Windows has no standard key for Quit).
        self._action(file_menu, "quit", self.close, "Ctrl+Q")
        go_menu = bar.addMenu(t("go_menu", self.lang))
        self._action(go_menu, "back_to_list", self.show_list, "Ctrl+Shift+L")
        self._action(go_menu, "review_queue", self.show_review_queue, "Ctrl+Shift+R")
        self._action(go_menu, "next_section", lambda: self._step(1), "Ctrl+PgDown")
        self._action(go_menu, "previous_section", lambda: self._step(-1), "Ctrl+PgUp")
        self._action(go_menu, "next_missing", self.go_to_next_missing, "Ctrl+M")
        case_menu = bar.addMenu(t("case_menu", self.lang))
        self._action(case_menu, "preview", self.preview_report, "Ctrl+P")
        self._action(case_menu, "summary_card", self.preview_card, "Ctrl+Shift+P")
        self._action(case_menu, "submit", self.submit, "Ctrl+Shift+Return")
        self._action(case_menu, "record_outcome", self.show_outcome, "Ctrl+Shift+O")
        help_menu = bar.addMenu(t("help_menu", self.lang))
        self._action(help_menu, "about", self.show_about)
        # Named in both languages, so either reader can find it (last, where it stands out).
        language_menu = bar.addMenu(t("language_menu", self.lang))
        for lang, key in (("en", "english"), ("cy", "welsh")):
            action = self._action(language_menu, key, lambda _=False, code=lang:
                                  self.set_language(code))
            action.setCheckable(True)
            action.setChecked(lang == self.lang)
        self._set_signed_in(False)

    def _set_signed_in(self, signed_in: bool) -> None:
        locked = self.sign_in_view.mode == "unlock"
        for key, action in self.menu_actions.items():
            always = key in ("quit", "about") or (key in ("english", "welsh") and not locked)
            action.setEnabled(signed_in or always)

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
        for view in (self.sign_in_view, self.list_view, self.add_view, self.case_page,
                     self.report_view, self.accounts_view, self.password_view,
                     self.recovery_view, self.about_view, self.import_view):
            if view is not None:
                self.stack.removeWidget(view)
                view.deleteLater()
        self.menuBar().clear()
        self._build_views()
        self._build_menus()
        self.setWindowTitle(t("app", lang))
        if not signed_in:
            self.show_sign_in()
            return
        self._signed_in_screens()
        if in_case and self.session.case_number:
            self.open_case(self.session.case_number)
        else:
            self.show_list()

    # -- leaving a case with answers not saved ------------------------------------------

    def in_case(self) -> bool:
        return self.interview_view is not None and self.stack.currentWidget() in (
            self.case_page, self.report_view)

    def leave_case(self, then: Callable[[], None]) -> None:
        """Do ``then`` once every answer given is saved. The answer being typed is handed
        over first; one that cannot be written (the store busy, the disk full...) keeps
        the person here, asked to try again or to discard it."""
        view = self.interview_view
        if view is None or (not self.in_case() and not view.unsaved):
            then()
            return
        view.commit_editing()
        if not view.unsaved or view.retry_unsaved():
            then()
            return
        reason = say_error(view.unsaved_reason, self.lang) if view.unsaved_reason else ""
        text = tn("unsaved_question", len(view.unsaved), self.lang, reason=reason)

        def answered(choice: str | None) -> None:
            if choice == "retry":
                self.leave_case(then)
            elif choice == "discard":
                names = view.discard_unsaved()
                try:
                    self.session.store.log("answers_discarded", "assessment",
                                           self.session.assessment_id, reason=", ".join(names))
                except StoreUnavailable:
                    pass  # the store cannot be written: that is why they were not saved
                then()
            # "Stay here": nothing changes; the answers are still retried.

        self.dialogs.ask(t("unsaved_title", self.lang), text,
                         [("retry", t("try_again", self.lang), "accept"),
                          ("discard", t("discard_and_go_on", self.lang), "destructive"),
                          ("stay", t("stay", self.lang), "reject")], answered, default="retry")

    # -- sign in, lock, switch user ---------------------------------------------

    def show_sign_in(self) -> None:
        if self.folder_problem is not None:
            self.sign_in_view.set_mode("busy", message=say_error(self.folder_problem,
                                                                  self.lang))
        else:
            mode = "sign_in" if store_exists(self.session.data_dir) else "create"
            self.sign_in_view.set_mode(mode)
        self.stack.setCurrentWidget(self.sign_in_view)
        self._set_signed_in(False)

    def sign_in_submitted(self, mode: str, name: str, password: str) -> None:
        try:
            if mode == "busy":
                self._take_folder()
                self.show_sign_in()
                return
            if mode == "unlock":
                problem = actions.unlock(self.session, password)
                if problem is not None:
                    waiting = getattr(problem, "wait_seconds", None) is not None
                    self.sign_in_view.show_error(
                        say_error(problem, self.lang) if waiting else
                        t("unlock_wrong", self.lang, user=self.session.store.user.username))
                    return
                self.stack.setCurrentWidget(self._before_lock)
                self._set_signed_in(True)
                self.idle.start()
                if getattr(self.outcome_dialog, "hidden_by_lock", False):
                    self.outcome_dialog.hidden_by_lock = False
                    self.outcome_dialog.open()
                if self.interview_view is not None and self.interview_view.unsaved:
                    self.interview_view.retry_unsaved()
                return
            if not self.folder_lock.held:
                self.folder_lock.acquire()  # StoreBusy if another copy has just taken it
            if mode == "create":
                store = actions.create_store(self.session, name, password)
            else:
                actions.sign_in(self.session, name, password)
        except StoreUnavailable as exc:
            self.folder_problem = exc if not self.folder_lock.held else None
            if self.folder_problem is not None:
                self.show_sign_in()
            else:
                self.sign_in_view.show_error(say_error(exc, self.lang))
            return
        except errors("sign_in", "store") as exc:
            self.sign_in_view.show_error(say_error(exc, self.lang))
            return
        self._signed_in_screens()
        self.idle.start()
        if mode == "create":
            self.show_recovery_key(store.recovery_key, store.root_fingerprint())
            store.recovery_key = None
            return
        self.show_list()

    # -- the recovery key (first run) and About -------------------------------------

    def show_recovery_key(self, key: str, fingerprint: str) -> None:
        from .trust_views import RecoveryKeyView

        if self.recovery_view is None:
            self.recovery_view = RecoveryKeyView(self.lang, self)
            self.recovery_view.print_requested.connect(self.print_recovery_key)
            self.recovery_view.done.connect(self.recovery_key_kept)
            self.stack.addWidget(self.recovery_view)
        self.recovery_view.show_key(key, fingerprint)
        self.stack.setCurrentWidget(self.recovery_view)

    def print_recovery_key(self) -> None:
        view = self.recovery_view
        pdf = actions.recovery_sheet(self.session, view.key)
        self.dialogs.print_pdf(pdf, lambda problem: view.message.setText(
            sentence(problem) if problem else t("printed", self.lang)))

    def recovery_key_kept(self) -> None:
        self.recovery_view.forget()
        self.show_list()

    def show_about(self) -> None:
        from .trust_views import AboutView

        if self.about_view is None:
            self.about_view = AboutView(self.lang, self)
            self.about_view.back.connect(self._back_from_about)
            self.stack.addWidget(self.about_view)
        current = self.stack.currentWidget()
        if current is not self.about_view:
            self._before_about = current
        version, folder, fingerprint = actions.about(self.session)
        self.about_view.show_about(version, folder, fingerprint or t("no_store_yet", self.lang))
        self.stack.setCurrentWidget(self.about_view)

    def _back_from_about(self) -> None:
        self.stack.setCurrentWidget(getattr(self, "_before_about", None) or self.sign_in_view)

    def _signed_in_screens(self) -> None:
        self._build_case_screens()
        user = self.session.store.user
        self.status_label.setText(t("signed_in_as", self.lang, user=user.username,
                                    role=t("role_" + user.role, self.lang)))
        self._set_signed_in(True)
        self.menu_actions["manage_accounts"].setVisible(user.role == "admin")
        self.sync.lang = self.lang
        self.sync_button.setText(t("sync_now", self.lang))
        self.sync_button.setAccessibleName(t("sync_now", self.lang))
        self.sync_label.setAccessibleName(t("central_title", self.lang))
        self.sync_label.show()
        self.sync_button.show()
        self.sync.start()

    def lock_now(self) -> None:
        self.lock(now=True)

    def lock(self, now: bool = False) -> None:
        """Hide everything until the same person signs in again. The answer being typed
        is handed over first (one that cannot be written stays, and is tried again)."""
        if self.session.store is None or self.stack.currentWidget() is self.sign_in_view:
            return
        if self.interview_view is not None:
            self.interview_view.commit_editing()
        self._before_lock = self.stack.currentWidget()
        if self.outcome_dialog is not None and self.outcome_dialog.isVisible():
            self.outcome_dialog.hide()  # shown again, as it was, when unlocked
            self.outcome_dialog.hidden_by_lock = True
        user = self.session.store.user.username
        message = t("locked_now" if now else "locked", self.lang, user=user)
        self.sign_in_view.set_mode("unlock", user, message)
        self.stack.setCurrentWidget(self.sign_in_view)
        self.statusBar().clearMessage()
        self._set_signed_in(False)
        try:
            self.session.store.log("locked")
        except StoreUnavailable:
            pass  # locking must never wait for the disk

    def switch_user(self) -> None:
        self.leave_case(self._switch_user)

    def _switch_user(self) -> None:
        if self.outcome_dialog is not None:
            self.outcome_dialog.reject()  # the next person's day is not this one's
        self.sync.stop()
        self.sync_label.hide()
        self.sync_button.hide()
        actions.sign_out(self.session)
        self.status_label.clear()
        self.statusBar().clearMessage()  # what the last person did is not the next one's
        self.show_sign_in()

    # -- accounts -----------------------------------------------------------------

    def show_accounts(self) -> None:
        if self.session.store is None or self.session.store.user.role != "admin":
            return
        self.leave_case(self._show_accounts)

    def _show_accounts(self) -> None:
        if self.accounts_view is None:
            self.accounts_view = AccountsView(self.lang, self)
            self.accounts_view.add_requested.connect(self.add_account)
            self.accounts_view.remove_requested.connect(self.remove_account)
            self.accounts_view.reset_requested.connect(self.reset_password)
            self.accounts_view.profile_requested.connect(self.save_profile)
            self.accounts_view.marking_requested.connect(self.save_marking)
            self.accounts_view.back.connect(self.show_list)
            self.stack.addWidget(self.accounts_view)
        self.accounts_view.message.clear()
        self._refresh_accounts()
        self.stack.setCurrentWidget(self.accounts_view)

    def _refresh_accounts(self) -> None:
        self.accounts_view.show_accounts(actions.list_accounts(self.session),
                                         self.session.store.user.username,
                                         self.session.store.marking())

    def _account_change(self, run: Callable[[], None], done: str, name: str) -> None:
        try:
            run()
        except errors("store", "sign_in") as exc:
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
        except errors("store") as exc:
            self.accounts_view.show_error(str(exc))
            return
        self._refresh_accounts()
        say(self.accounts_view.message, t("marking_saved", self.lang,
                                          name=self.session.store.marking()))

    def show_change_password(self) -> None:
        if self.session.store is None:
            return
        self.leave_case(self._show_change_password)

    def _show_change_password(self) -> None:
        if self.password_view is None:
            self.password_view = PasswordView(self.lang, self)
            self.password_view.submitted.connect(self.change_password)
            self.password_view.cancelled.connect(self.show_list)
            self.stack.addWidget(self.password_view)
        self.password_view.reset()
        self.stack.setCurrentWidget(self.password_view)

    def change_password(self, current: str, new: str) -> None:
        try:
            actions.change_password(self.session, current, new)
        except errors("store", "sign_in") as exc:
            self.password_view.show_error(say_error(exc, self.lang))
            return
        self.show_list()
        self.list_view.message.setText(t("password_changed", self.lang))

    # -- the list -----------------------------------------------------------------

    def show_list(self) -> None:
        if self.session.store is None:
            return
        self.leave_case(self._show_list)

    def _show_list(self) -> None:
        self.list_view.search.blockSignals(True)
        self.list_view.search.clear()
        self.list_view.search.blockSignals(False)
        self.list_view.message.clear()
        self.list_view.show_day(actions.list_cases(self.session), self.session.day)
        self.stack.setCurrentWidget(self.list_view)
        self.list_view.search.setFocus()  # typing searches at once; Down goes to the table

    def change_day(self, day: str) -> None:
        """Show another day's list (Alt+Left, Alt+Right, or the date picker)."""
        self.session.day = day
        if self.stack.currentWidget() is self.list_view and self.list_view.mode != "review":
            self._show_list()

    def show_review_queue(self) -> None:
        if self.session.store is None:
            return
        self.leave_case(self._show_review_queue)

    def _show_review_queue(self) -> None:
        self.list_view.message.clear()
        self.list_view.show_cases(actions.review_queue(self.session),
                                  t("review_queue", self.lang), "review")
        self.stack.setCurrentWidget(self.list_view)
        self.list_view.table.setFocus()

    def search_cases(self, text: str) -> None:
        if self.session.store is None:
            return
        if not text.strip():
            self.list_view.show_day(actions.list_cases(self.session), self.session.day)
            return
        self.list_view.show_cases(actions.list_cases(self.session, text), t("search", self.lang),
                                  "search")

    def choose_court_list(self) -> None:
        if self.session.store is None:
            return
        self.leave_case(lambda: self.dialogs.open_file(t("import_list", self.lang),
                                                       "CSV (*.csv)", self.preview_court_list))

    def preview_court_list(self, path: str) -> None:
        """Show what the list would change; nothing changes until the person confirms."""
        try:
            cases, plan = actions.plan_court_list(self.session, path)
        except errors("court_list") as exc:
            self._show_list()
            self.list_view.message.setText(t("cannot_import", self.lang) + "\n"
                                           + "\n".join(exc.problems[:10]))
            return
        except errors("store") as exc:
            self._show_list()
            self.list_view.message.setText(say_error(exc, self.lang))
            return
        if plan.empty:
            self._show_list()
            self.list_view.message.setText(t("nothing_to_import", self.lang))
            return
        if self.import_view is None:
            from .import_preview import ImportPreview

            self.import_view = ImportPreview(self.lang, self)
            self.import_view.confirmed.connect(self.import_court_list)
            self.import_view.cancelled.connect(self.cancel_import)
            self.stack.addWidget(self.import_view)
        self._import_cases = cases
        self.import_view.show_plan(plan, Path(path).name)
        self.stack.setCurrentWidget(self.import_view)
        self.import_view.import_button.setFocus()

    def import_court_list(self) -> None:
        """Import the list the person looked at."""
        cases, self._import_cases = self._import_cases, None
        if not cases:
            return
        try:
            plan = actions.apply_court_list(self.session, cases)
        except errors("store") as exc:
            self._show_list()
            self.list_view.message.setText(say_error(exc, self.lang))
            return
        from .import_preview import plan_summary

        self._show_list()
        self.list_view.message.setText(t("imported", self.lang,
                                         summary=plan_summary(plan, self.lang)))

    def cancel_import(self) -> None:
        self._import_cases = None
        self._show_list()
        self.list_view.message.setText(t("import_cancelled", self.lang))

    def show_add_defendant(self) -> None:
        self.add_view.reset(self.session.day, "")
        self.stack.setCurrentWidget(self.add_view)

    def add_defendant(self, fields: dict) -> None:
        try:
            actions.add_defendant(self.session, fields)
        except actions.FieldProblems as exc:
            self.add_view.show_problems(exc.problems)
            return
        except errors("store") as exc:
            self.add_view.error.setText(say_error(exc, self.lang))
            return
        self._show_list()

    # -- the outcome at court -------------------------------------------------------

    def show_outcome(self) -> None:
        """The outcome dialog for the open case, or the case chosen in the list."""
        if self.session.store is None:
            return
        in_list = self.stack.currentWidget() is self.list_view
        case_number = self.list_view.current_case() if in_list else self.session.case_number
        say = self.list_view.message.setText if in_list else \
            (lambda text: self.statusBar().showMessage(text, 8000))
        if not case_number or case_number == "-":
            say(t("outcome_pick_case", self.lang))
            return
        try:
            info = actions.outcome_form(self.session, case_number)
        except errors("store") as exc:
            say(say_error(exc, self.lang))
            return
        role = self.session.store.user.role
        refusal = "outcome_waits" if info["status"] == "awaiting_review" else \
            "outcome_not_admin" if role == "admin" else \
            "outcome_reviewer_later" if role == "reviewer" and info["status"] != "approved" \
            else None
        if refusal:
            say(t(refusal, self.lang))
            return
        from cstr_desktop.outcomes import outcome_definitions

        from .outcome_dialog import OutcomeDialog

        dialog = self.outcome_dialog = OutcomeDialog(outcome_definitions(), self.lang, info,
                                                     self)
        dialog.finished.connect(lambda _: self._outcome_closed(dialog))
        dialog.submitted.connect(lambda answers, supersedes: self.record_outcome(
            case_number, answers, supersedes, dialog))
        dialog.open()

    def _outcome_closed(self, dialog) -> None:
        if self.outcome_dialog is dialog:
            self.outcome_dialog = None

    def record_outcome(self, case_number: str, answers: dict, supersedes: str | None,
                       dialog) -> None:
        from cstr_desktop.form_errors import AnswerError

        try:
            kept = actions.record_outcome(self.session, case_number, answers, supersedes)
        except (AnswerError, *errors("store", "lifecycle")) as exc:
            dialog.show_problem(exc)
            return
        dialog.accept()
        done = t("outcome_saved_addendum" if kept["kind"] == "addendum" else "outcome_saved",
                 self.lang, case=case_number)
        if self.stack.currentWidget() is not self.list_view:
            self.statusBar().showMessage(done, 8000)
        elif self.list_view.mode != "review":
            self.search_cases(self.list_view.search.text())
            self.list_view.select_case(case_number)
            self.list_view.message.setText(done)
            self.list_view.table.setFocus()

    # -- the interview ------------------------------------------------------------

    def open_case(self, case_number: str) -> None:
        try:
            state, row = actions.open_case(self.session, case_number)
        except errors("store") as exc:
            self.list_view.message.setText(say_error(exc, self.lang))
            return
        self._show_case(state, row)
        self.stack.setCurrentWidget(self.case_page)
        self.interview_view.show_section(self.interview_view.current,
                                         row.get("resume_question"))

    def _show_case(self, state, row: dict) -> None:
        answers = state.answers
        given, family = (state.bundle.role(r) for r in ("given_names", "family_name"))
        name = f"{answers.get(given, '') if given else ''} " \
               f"{answers.get(family, '') if family else ''}"
        header = (f"{name.strip()} · {row['case_number'] or ''} · "
                  f"{t('status_' + row['status'], self.lang)}")
        comments = actions.review_comments(self.session)
        # Only assessors write: reviewers review, administrators manage the store.
        read_only = row["status"] not in ("draft", "changes_requested") or \
            self.session.store.user.role != "assessor"
        if self.interview_view.bundle is not self.session.bundle():
            self.interview_view.bundle = self.session.bundle()
        self.interview_view.load(state, header, read_only, row.get("resume_section"),
                                 row.get("resume_question"), self._history(comments))
        self.review_bar.show_for(row["status"], self.session.store.user.role,
                                 row["created_by"] == self.session.store.user.id,
                                 bool(comments))

    def _history(self, comments: list[dict]) -> str | None:
        """The review's comments and the replies, oldest first, each with who and when."""
        if not comments:
            return None
        from .day_words import when
        from .side_panel import _esc as esc

        lines = [f"<b>{t('review_history', self.lang)}</b>"]
        for c in comments:
            role = t("role_" + c["author_role"], self.lang) if c["author_role"] else ""
            lines.append(f"<b>{esc(c['author'] or '?')}</b> · {esc(role)} · "
                         f"{t('kind_' + c['kind'], self.lang)}, {when(c['at'], self.lang)}:"
                         f"<br/>&nbsp;&nbsp;{esc(c['text'])}")
        return "<br/>".join(lines)

    def save_answer(self, name: str, value: Any):
        if self.session.store is None or self.session.assessment_id is None:
            # A late signal after signing out: the answer was handed over before.
            from .actions import SaveOutcome

            return SaveOutcome(refused=ValueError("no case is open"))
        return actions.save_answer(self.session, name, value)

    def remember_position(self, section: str, question: object) -> None:
        try:
            actions.remember_position(self.session, section, question)
        except StoreUnavailable:
            pass  # only a convenience: the answers matter, and they are kept apart

    def _reload_case(self, row: dict) -> None:
        state, row = actions.open_case(self.session, self.session.case_number)
        self._show_case(state, row)

    def _not_saved_yet(self) -> bool:
        """Say so, and True, when answers given are still not written."""
        view = self.interview_view
        view.commit_editing()
        if not view.unsaved or view.retry_unsaved():
            return False
        reason = say_error(view.unsaved_reason, self.lang) if view.unsaved_reason else ""
        view.show_problem(tn("still_not_saved", len(view.unsaved), self.lang, reason=reason))
        return True

    def _lifecycle(self, run: Callable[[], dict], done: str | None = None) -> None:
        try:
            row = run()
        except errors("lifecycle", "store", "sign_in") as exc:
            self.interview_view.show_problem(say_error(exc, self.lang))
            # Never leave a password typed in a box.
            self.review_bar.password.clear()
            self.review_bar.amend_password.clear()
            return
        self._reload_case(row)
        self.statusBar().showMessage(t(done, self.lang) if done else
                                     t("status_" + row["status"], self.lang), 5000)

    def submit(self) -> None:
        """Submit for review. With required answers missing, the first press says so and
        a second press (with nothing changed in between) submits anyway."""
        if not self.session.assessment_id or not self.in_case() or self._not_saved_yet():
            return
        missing = self.interview_view.state.still_needed()
        key = (self.session.assessment_id, tuple(missing))
        if missing and self._submit_warned != key:
            self._submit_warned = key
            self.interview_view.show_problem(tn("missing_before_submit", len(missing),
                                                self.lang))
            return
        self._submit_warned = None
        self._lifecycle(lambda: actions.submit(self.session, missing))

    def go_to_next_missing(self) -> None:
        if self.interview_view is None or self.stack.currentWidget() is not self.case_page:
            return
        if self.interview_view.go_to_next_missing() is None:
            self.statusBar().showMessage(t("nothing_missing", self.lang), 5000)

    def request_changes(self) -> None:
        self._lifecycle(lambda: actions.request_changes(self.session,
                                                        self.review_bar.comment.text()))

    def countersign(self) -> None:
        password = self.review_bar.password.text()
        self.review_bar.password.clear()
        self._lifecycle(lambda: actions.countersign(self.session, password))
        self.sync.sync_now()  # queued with the countersignature: send it when central is there

    def send_reply(self) -> None:
        if self._not_saved_yet():
            return
        self._lifecycle(lambda: actions.reply_to_review(self.session,
                                                        self.review_bar.reply.text()),
                        "reply_sent")

    def amend(self) -> None:
        bar = self.review_bar
        password = bar.amend_password.text() if bar.amend_password.isVisibleTo(bar) else None
        bar.amend_password.clear()
        self._lifecycle(lambda: actions.amend(self.session, bar.reason.text(), password))

    # -- the report ---------------------------------------------------------------

    def preview_report(self, summary: bool = False) -> None:
        """Show a copy of the report (or its summary card): the reader chosen last, the
        court's at first, with what the copy holds beside it. Answers not yet written are
        saved first (the copy is made from what is stored)."""
        if not self.session.assessment_id or not self.in_case() or self._not_saved_yet():
            return
        self._summary = summary
        readers = actions.report_readers(self.session, self.lang)
        if len(readers) == 1 and not readers[0][1]:
            readers = [(readers[0][0], t("whole_report", self.lang))]
        current = self.report_view.current_reader() or readers[0][0]
        self.report_view.set_readers(readers, current)
        self.stack.setCurrentWidget(self.report_view)
        self.show_copy(self.report_view.current_reader())

    def show_copy(self, reader: str) -> None:
        """Freeze the chosen reader's copy, say what it holds, and render it off the UI
        thread (a copy the person did not agree to is not made)."""
        snapshot, contents = actions.report_snapshot(self.session, reader)
        self.report_view.show_contents(snapshot, contents)
        if snapshot is None:
            self.report_view.clear_pdf()
            self.report_view.status.setText(sentence(contents.refusal or ""))
            return
        self.report_view.status.setText(t("generating", self.lang))
        self._render_count += 1
        number, summary = self._render_count, self._summary
        BackgroundJob(lambda: render_pdf(snapshot, summary),
                      lambda pdf: self._report_ready(pdf, number),
                      lambda exc: self.report_view.status.setText(str(exc))).start(self.pool)

    def preview_card(self) -> None:
        self.preview_report(summary=True)

    def _report_ready(self, pdf: bytes, number: int | None = None) -> None:
        if number is not None and number != self._render_count:
            return  # a copy the person has since moved away from
        self.report_view.status.clear()
        self.report_view.show_pdf(pdf)

    def print_report(self) -> None:
        if self.report_view.pdf:
            self.dialogs.print_pdf(self.report_view.pdf, self.printed)

    def printed(self, problem: str | None) -> None:
        if problem:
            self.report_view.status.setText(sentence(problem))
            return
        actions.record_print(self.session, self.report_view.current_reader())
        self.report_view.status.setText(t("printed", self.lang))

    def choose_pdf_path(self) -> None:
        reader = self.report_view.current_reader()
        name = f"{self.session.case_number or 'report'}" + (
            f"-{reader}.pdf" if reader and reader != "all" else ".pdf")
        self.dialogs.save_file(t("save_pdf", self.lang), name, "PDF (*.pdf)", self.save_pdf)

    def save_pdf(self, path: str) -> None:
        try:
            actions.save_pdf(self.session, self.report_view.pdf, path,
                             self.report_view.current_reader())
        except OSError as exc:
            self.report_view.status.setText(sentence(f"{exc.strerror or exc}: {path}"))
            return
        self.report_view.status.setText(path)

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
        self.windowHandle().removeEventFilter(self.watcher)
        QGuiApplication.instance().focusWindowChanged.disconnect(self.watcher.watch)
        self.sync.stop()
        self.pool.waitForDone(5000)
        if view is not None:
            view.retry_timer.stop()
        self._purge_due()
        actions.sign_out(self.session)
        self.folder_lock.release()
        self._closed = True
        super().closeEvent(event)

    # -- central records (issue 12) -----------------------------------------------

    def _build_sync(self) -> None:
        from PySide6.QtWidgets import QPushButton

        from .sync_status import SyncWorker

        self.sync = SyncWorker(self, lambda: self.session.store, self.lang, self._audit_sync)
        self.sync_label = QLabel("", self)
        self.sync_label.setObjectName("sync_status")
        self.sync_label.setAccessibleName(t("central_title", self.lang))
        self.sync_button = QPushButton(t("sync_now", self.lang), self)
        self.sync_button.setObjectName("sync_now")
        self.sync_button.setAccessibleName(t("sync_now", self.lang))
        self.sync_button.setFlat(True)
        self.sync_button.clicked.connect(self.sync_now)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.statusBar().addPermanentWidget(self.sync_button)
        self.sync_label.hide()
        self.sync_button.hide()
        self.sync.changed.connect(self.sync_label.setText)

    def _audit_sync(self, outcome: dict) -> None:
        if self.session.store is not None and (outcome["received"] or outcome["held"]):
            self.session.store.log("sync_run", "store", self.session.store.store_id,
                                   reason=", ".join(f"{k}={v}" for k, v in outcome.items()))

    def sync_now(self) -> None:
        if self.session.store is not None:
            self.sync.failures = 0
            self.sync.sync_now()

    def _purge_due(self) -> None:
        """At quitting: clear what central has held for the grace period (with a valid
        receipt), so identifiable data does not stay on the laptop for ever."""
        from cstr_desktop.store_errors import StoreError
        from cstr_desktop.sync import purge

        store = self.session.store
        if store is None:
            return
        try:
            if purge.due(store.db, purge.grace_days(store.db)):
                purge.purge(store)
        except (StoreError, OSError):
            pass  # never stops quitting; 'cstr-desktop purge' names the problem

    def show_central_records(self) -> None:
        if self.session.store is None:
            return
        from .central_dialog import CentralRecordsDialog

        dialog = CentralRecordsDialog(self, self.session.store, self.lang, self.sync_now,
                                      self.sync.text)
        self.sync.changed.connect(dialog.status_changed)
        self.central_dialog = dialog
        dialog.open()

    def _close_now(self) -> None:
        self._closing = True
        self.close()
