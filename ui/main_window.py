"""The main window: screens in a stack, menus and shortcuts, wired to the actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRunnable, QSettings, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QWindow
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cstr_desktop.paths import store_exists

from .accounts_view import AccountsView, PasswordView, say
from .screens import AddDefendantView, CaseListView, SignInView, button
from .session import Session
from .text import sentence, t


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


class Dialogs:
    """File choosers, opened without blocking (``open()`` and a signal, never ``exec()``).

    Tests pass a stand-in that answers at once.
    """

    def __init__(self, parent: QWidget):
        self.parent = parent

    def open_file(self, title: str, filter_: str, done: Callable[[str], None]) -> None:
        dialog = QFileDialog(self.parent, title, "", filter_)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(done)
        dialog.open()

    def save_file(self, title: str, name: str, filter_: str, done: Callable[[str], None]) -> None:
        dialog = QFileDialog(self.parent, title, name, filter_)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(done)
        dialog.open()

    def print_pdf(self, pdf: bytes, done: Callable[[str | None], None]) -> None:
        """Ask for a printer, then print; ``done`` gets None, or what went wrong."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # noqa: PLC0415

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.parent)
        from .printing import print_in_background  # noqa: PLC0415

        dialog.accepted.connect(lambda: print_in_background(printer, pdf, done))
        dialog.open()


class _RenderJob(QRunnable):
    """Render a report snapshot to PDF bytes off the UI thread."""

    class Signals(QObject):
        finished = Signal(bytes, int)  # the PDF, and the job's number
        failed = Signal(str)

    def __init__(self, snapshot: dict, summary: bool, number: int = 0):
        super().__init__()
        self.snapshot = snapshot
        self.summary = summary
        self.number = number
        self.signals = self.Signals()

    def run(self) -> None:
        from reports.court_report import render
        from reports.summary_card import render_card

        try:
            pdf = (render_card if self.summary else render)(self.snapshot)
        except Exception as exc:  # noqa: BLE001 - shown in plain words, never a traceback
            self.signals.failed.emit(str(exc))
            return
        self.signals.finished.emit(pdf, self.number)


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


class ReviewBar(QWidget):
    """The case's actions: preview, submit, request changes, countersign, amend."""

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.buttons: dict[str, Any] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        self.layout_ = layout

    def add(self, key: str, text: str, slot: Callable[[], None]) -> None:
        self.buttons[key] = button(text, self, slot)
        self.layout_.addWidget(self.buttons[key])

    def finish(self) -> None:
        # Made after the buttons, so Tab and Shift+Tab move between it and them in order.
        self.text = QLineEdit(self)
        self.text.setAccessibleName(t("comment", self.lang))
        self.layout_.addWidget(self.text, 1)
        # A reviewer confirms an amendment with their password.
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(t("amend_password", self.lang))
        self.password.setAccessibleName(t("amend_password", self.lang))
        self.password.setVisible(False)
        self.layout_.addWidget(self.password)
        self.layout_.addStretch(0)


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

        self._build_views()
        self._build_menus()
        self.pool = QThreadPool(self)
        self.idle = QTimer(self, singleShot=True)
        from .session import checked_idle_minutes

        minutes, self.idle_warning = checked_idle_minutes(
            idle_minutes if idle_minutes is not None else settings.value("idle_minutes", 5))
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
        self.restoreGeometry(settings.value("geometry", b""))
        if not settings.value("geometry"):
            self.resize(1200, 780)
        self.show_sign_in()

    def _build_views(self) -> None:
        self.sign_in_view = SignInView(self.lang, self)
        self.sign_in_view.submitted.connect(self.sign_in_submitted)
        self.list_view = CaseListView(self.lang, self)
        self.list_view.open_case.connect(self.open_case)
        self.list_view.search_changed.connect(self.search_cases)
        self.list_view.import_list.connect(self.choose_court_list)
        self.list_view.add_defendant.connect(self.show_add_defendant)
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
        # Account screens are rare: built when first asked for.
        self.accounts_view = None
        self.password_view = None
        self.recovery_view = None
        self.about_view = None

    def _build_case_screens(self) -> None:
        if self.interview_view is not None:
            return
        from .interview_view import InterviewView
        from .report_view import ReportView

        self.interview_view = InterviewView(self.session.bundle(), self.lang,
                                            self.save_answer, self)
        self.interview_view.section_changed.connect(self.remember_position)
        self.review_bar = ReviewBar(self.lang, self)
        for key, slot in (("back", self.show_list), ("preview", self.preview_report),
                          ("summary_card", self.preview_card), ("submit", self.submit),
                          ("request_changes", self.request_changes),
                          ("countersign", self.countersign), ("amend", self.amend)):
            self.review_bar.add(key, t("back_to_list" if key == "back" else key, self.lang),
                                slot)
        self.review_bar.finish()
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
        self._action(file_menu, "lock_now", self.lock, "Ctrl+L")
        self._action(file_menu, "switch_user", self.switch_user, "Ctrl+Shift+U")
        self._action(file_menu, "change_password", self.show_change_password)
        self._action(file_menu, "manage_accounts", self.show_accounts)
        file_menu.addSeparator()
        self._action(file_menu, "quit", self.close, QKeySequence.StandardKey.Quit)
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
        self.settings.setValue("language", lang)
        self.session.lang = self.lang = lang
        current = self.stack.currentWidget()
        in_case = current is not None and current in (self.case_page, self.report_view)
        signed_in = self.session.store is not None and current is not self.sign_in_view
        for view in (self.sign_in_view, self.list_view, self.add_view, self.case_page,
                     self.report_view, self.accounts_view, self.password_view,
                     self.recovery_view, self.about_view):
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

    # -- sign in, lock, switch user ---------------------------------------------

    def show_sign_in(self) -> None:
        mode = "sign_in" if store_exists(self.session.data_dir) else "create"
        self.sign_in_view.set_mode(mode)
        self.stack.setCurrentWidget(self.sign_in_view)
        self._set_signed_in(False)

    def sign_in_submitted(self, mode: str, name: str, password: str) -> None:
        try:
            if mode == "unlock":
                problem = actions.unlock(self.session, password)
                if problem:
                    self.sign_in_view.show_error(sentence(problem))
                    return
                self.stack.setCurrentWidget(self._before_lock)
                self._set_signed_in(True)
                self.idle.start()
                return
            if mode == "create":
                store = actions.create_store(self.session, name, password)
            else:
                actions.sign_in(self.session, name, password)
        except errors("sign_in", "store") as exc:
            self.sign_in_view.show_error(str(exc))
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

    def lock(self) -> None:
        if self.session.store is None or self.stack.currentWidget() is self.sign_in_view:
            return
        self._before_lock = self.stack.currentWidget()
        self.sign_in_view.set_mode("unlock", self.session.store.user.username)
        self.stack.setCurrentWidget(self.sign_in_view)
        self._set_signed_in(False)
        self.session.store.log("locked")

    def switch_user(self) -> None:
        actions.sign_out(self.session)
        self.status_label.clear()
        self.show_sign_in()

    # -- accounts -----------------------------------------------------------------

    def show_accounts(self) -> None:
        if self.session.store is None or self.session.store.user.role != "admin":
            return
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
            self.accounts_view.show_error(str(exc))
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
            self.password_view.show_error(str(exc))
            return
        self.show_list()
        self.list_view.message.setText(t("password_changed", self.lang))

    # -- the list -----------------------------------------------------------------

    def show_list(self) -> None:
        self.list_view.search.clear()
        self.list_view.show_cases(actions.list_cases(self.session),
                                  f"{t('today', self.lang)} · {self.session.day}")
        self.stack.setCurrentWidget(self.list_view)
        self.list_view.table.setFocus()

    def show_review_queue(self) -> None:
        self.list_view.show_cases(actions.review_queue(self.session),
                                  t("review_queue", self.lang))
        self.stack.setCurrentWidget(self.list_view)
        self.list_view.table.setFocus()

    def search_cases(self, text: str) -> None:
        heading = f"{t('today', self.lang)} · {self.session.day}" if not text.strip() else \
            t("search", self.lang)
        self.list_view.show_cases(actions.list_cases(self.session, text), heading)

    def choose_court_list(self) -> None:
        self.dialogs.open_file(t("import_list", self.lang), "CSV (*.csv)",
                               self.import_court_list)

    def import_court_list(self, path: str) -> None:
        try:
            summary = actions.import_court_list(self.session, path)
        except errors("court_list") as exc:
            self.list_view.message.setText(t("cannot_import", self.lang) + "\n"
                                           + "\n".join(exc.problems[:10]))
            return
        except errors("store") as exc:
            self.list_view.message.setText(str(exc))
            return
        self.show_list()
        self.list_view.message.setText(t("imported", self.lang, summary=summary))

    def show_add_defendant(self) -> None:
        self.add_view.reset(self.session.day, "")
        self.stack.setCurrentWidget(self.add_view)

    def add_defendant(self, fields: dict) -> None:
        try:
            actions.add_defendant(self.session, fields)
        except errors("store") as exc:
            self.add_view.error.setText(str(exc))
            return
        self.show_list()

    # -- the interview ------------------------------------------------------------

    def open_case(self, case_number: str) -> None:
        try:
            state, row = actions.open_case(self.session, case_number)
        except errors("store") as exc:
            self.list_view.message.setText(str(exc))
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
        banner = (t("reviewer_comment", self.lang, text=row["review_comment"])
                  if row.get("review_comment") else None)
        # Only assessors write: reviewers review, administrators manage the store.
        read_only = row["status"] not in ("draft", "changes_requested") or \
            self.session.store.user.role != "assessor"
        if self.interview_view.bundle is not self.session.bundle():
            self.interview_view.bundle = self.session.bundle()
        self.interview_view.load(state, header, read_only, row.get("resume_section"),
                                 row.get("resume_question"), banner)
        self._update_review_bar(row)

    def _update_review_bar(self, row: dict) -> None:
        role = self.session.store.user.role
        status = row["status"]
        author = row["created_by"] == self.session.store.user.id
        show = {
            "submit": role == "assessor" and status in ("draft", "changes_requested"),
            "request_changes": role == "reviewer" and status == "awaiting_review" and not author,
            "countersign": role == "reviewer" and status == "awaiting_review" and not author,
            # The author, or a reviewer with their password.
            "amend": status == "approved" and (author or role == "reviewer"),
        }
        for key, visible in show.items():
            self.review_bar.buttons[key].setVisible(visible)
        needs_text = show["request_changes"] or show["amend"] or show["countersign"]
        self.review_bar.text.setVisible(needs_text)
        self.review_bar.layout_.setStretch(self.review_bar.layout_.count() - 1,
                                           0 if needs_text else 1)
        self.review_bar.text.clear()
        self.review_bar.password.clear()
        self.review_bar.password.setVisible(show["amend"] and role == "reviewer")
        if show["countersign"]:
            self.review_bar.text.setEchoMode(QLineEdit.EchoMode.Password)
            self.review_bar.text.setPlaceholderText(
                f"{t('password', self.lang)} ({t('countersign', self.lang)}) · "
                f"{t('comment', self.lang)} ({t('request_changes', self.lang)})")
        else:
            self.review_bar.text.setEchoMode(QLineEdit.EchoMode.Normal)
            self.review_bar.text.setPlaceholderText(t("reason", self.lang))
        self.review_bar.text.setAccessibleName(self.review_bar.text.placeholderText())

    def save_answer(self, name: str, value: Any):
        return actions.save_answer(self.session, name, value)

    def remember_position(self, section: str, question: object) -> None:
        actions.remember_position(self.session, section, question)

    def _reload_case(self, row: dict) -> None:
        state, row = actions.open_case(self.session, self.session.case_number)
        self._show_case(state, row)

    def _lifecycle(self, run: Callable[[], dict]) -> None:
        try:
            row = run()
        except errors("lifecycle", "store", "sign_in") as exc:
            self.interview_view.show_problem(str(exc))
            self.review_bar.text.clear()  # never leave a password typed in the box
            self.review_bar.password.clear()
            return
        self._reload_case(row)
        self.statusBar().showMessage(t("status_" + row["status"], self.lang), 5000)

    def submit(self) -> None:
        """Submit for review. With required answers missing, the first press says so and
        a second press (with nothing changed in between) submits anyway."""
        if not self.session.assessment_id:
            return
        missing = self.interview_view.state.still_needed()
        key = (self.session.assessment_id, tuple(missing))
        if missing and self._submit_warned != key:
            self._submit_warned = key
            words = "missing_before_submit_one" if len(missing) == 1 else "missing_before_submit"
            self.interview_view.show_problem(t(words, self.lang, n=len(missing)))
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
                                                        self.review_bar.text.text()))

    def countersign(self) -> None:
        self._lifecycle(lambda: actions.countersign(self.session, self.review_bar.text.text()))

    def amend(self) -> None:
        password = self.review_bar.password.text() if self.review_bar.password.isVisible() \
            else None
        self._lifecycle(lambda: actions.amend(self.session, self.review_bar.text.text(),
                                              password))

    # -- the report ---------------------------------------------------------------

    def preview_report(self, summary: bool = False) -> None:
        """Show a copy of the report (or its summary card): the reader chosen last, the
        court's at first, with what the copy holds beside it."""
        if not self.session.assessment_id:
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
        job = _RenderJob(snapshot, self._summary, self._render_count)
        job.signals.finished.connect(self._report_ready)
        job.signals.failed.connect(lambda text: self.report_view.status.setText(text))
        self._job = job
        self.pool.start(job)

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
            self.report_view.status.setText(str(exc))
            return
        self.report_view.status.setText(path)

    # -- closing ------------------------------------------------------------------

    def closeEvent(self, event) -> None:  # noqa: N802
        self.settings.setValue("geometry", self.saveGeometry())
        self.windowHandle().removeEventFilter(self.watcher)
        QGuiApplication.instance().focusWindowChanged.disconnect(self.watcher.watch)
        self.pool.waitForDone(5000)
        actions.sign_out(self.session)
        super().closeEvent(event)
