"""The open case: the interview with the review bar above it, and the steps of the review.

:class:`CaseFlow` owns the case's screen (built at the first sign-in: it needs the forms),
opens a case, saves each answer, and takes the lifecycle's steps (submit, request changes,
countersign, reply, amend), showing only those ``lifecycle.allowed_moves`` gives this
account. Answers not yet written keep the person in the case until saved or discarded
(:meth:`CaseFlow.leave_case`). It is given the window, and uses its other parts through it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from cstr_desktop.errors import LifecycleError, SignInError, StoreError, StoreUnavailable

from .deferred import actions
from .error_text import say_error
from .text import esc, t, tn

if TYPE_CHECKING:
    from .main_window import MainWindow


class CaseFlow:
    """The case's screen and the actions on it."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.session = window.session
        self.lang = window.lang
        # Built at the first sign-in (the interview needs the forms).
        self.interview_view = None
        self.review_bar = None
        self.case_page = None
        self._submit_warned: tuple | None = None  # the case and missing answers warned of

    def screens(self) -> list[QWidget | None]:
        return [self.case_page]

    def build(self) -> None:
        """The interview under the review bar, once."""
        if self.interview_view is not None:
            return
        from .interview_view import InterviewView
        from .review_bar import ReviewBar

        window = self.window
        self.interview_view = InterviewView(self.session.bundle(), self.lang, self.save_answer,
                                            window)
        self.interview_view.section_changed.connect(self.remember_position)
        self.review_bar = ReviewBar(self.lang, {
            "back": window.show_list, "preview": window.preview_report,
            "summary_card": window.preview_card, "submit": self.submit,
            "request_changes": self.request_changes, "countersign": self.countersign,
            "send_reply": self.send_reply, "amend": self.amend}, window)
        self.case_page = QWidget(window)
        case_layout = QVBoxLayout(self.case_page)
        case_layout.setContentsMargins(0, 4, 0, 0)
        case_layout.addWidget(self.review_bar)
        case_layout.addWidget(self.interview_view, 1)

    def next_section(self) -> None:
        if self.interview_view is not None:
            self.interview_view.step_section(1)

    def previous_section(self) -> None:
        if self.interview_view is not None:
            self.interview_view.step_section(-1)

    # -- leaving a case with answers not saved ------------------------------------------

    def in_case(self) -> bool:
        return self.interview_view is not None and self.window.stack.currentWidget() in (
            self.case_page, self.window.report_view)

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

        self.window.dialogs.ask(
            t("unsaved_title", self.lang), text,
            [("retry", t("try_again", self.lang), "accept"),
             ("discard", t("discard_and_go_on", self.lang), "destructive"),
             ("stay", t("stay", self.lang), "reject")], answered, default="retry")

    def _not_saved_yet(self) -> bool:
        """Say so, and True, when answers given are still not written."""
        view = self.interview_view
        view.commit_editing()
        if not view.unsaved or view.retry_unsaved():
            return False
        reason = say_error(view.unsaved_reason, self.lang) if view.unsaved_reason else ""
        view.show_problem(tn("still_not_saved", len(view.unsaved), self.lang, reason=reason))
        return True

    def all_saved_in_case(self) -> bool:
        """A case is open on screen and every answer given is written (if not, it says so)."""
        return bool(self.session.assessment_id) and self.in_case() and \
            not self._not_saved_yet()

    # -- the interview ------------------------------------------------------------

    def open_case(self, case_number: str) -> None:
        window = self.window
        try:
            state, row = actions.open_case(self.session, case_number)
        except StoreError as exc:
            window.list_view.message.setText(say_error(exc, self.lang))
            return
        self.show_case(state, row)
        window.stack.setCurrentWidget(self.case_page)
        self.interview_view.show_section(self.interview_view.current,
                                         row.get("resume_question"))

    def show_case(self, state, row: dict) -> None:
        """The case's answers, read only unless this account may edit them, and the review
        steps this account may take (as the lifecycle's rules say)."""
        answers = state.answers
        given, family = (state.bundle.role(r) for r in ("given_names", "family_name"))
        name = f"{answers.get(given, '') if given else ''} " \
               f"{answers.get(family, '') if family else ''}"
        header = (f"{name.strip()} · {row['case_number'] or ''} · "
                  f"{t('status_' + row['status'], self.lang)}")
        comments = actions.review_comments(self.session)
        # What this account may do with it, as the lifecycle's rules say (only assessors
        # write: reviewers review, administrators manage the store).
        moves = self.session.store.allowed_moves(row)
        read_only = "edit" not in moves
        if self.interview_view.bundle is not self.session.bundle():
            self.interview_view.bundle = self.session.bundle()
        self.interview_view.load(state, header, read_only, row.get("resume_section"),
                                 row.get("resume_question"), self._history(comments))
        self.review_bar.show_for(moves, self.session.store.user.role, bool(comments))

    def _history(self, comments: list[dict]) -> str | None:
        """The review's comments and the replies, oldest first, each with who and when."""
        if not comments:
            return None
        from .day_words import when

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

    def go_to_next_missing(self) -> None:
        if self.interview_view is None or self.window.stack.currentWidget() is not \
                self.case_page:
            return
        if self.interview_view.go_to_next_missing() is None:
            self.window.statusBar().showMessage(t("nothing_missing", self.lang), 5000)

    # -- the review's steps ---------------------------------------------------------

    def _lifecycle(self, run: Callable[[], dict], done: str | None = None) -> None:
        try:
            row = run()
        except (LifecycleError, StoreError, SignInError) as exc:
            self.interview_view.show_problem(say_error(exc, self.lang))
            # Never leave a password typed in a box.
            self.review_bar.password.clear()
            self.review_bar.amend_password.clear()
            return
        state, row = actions.open_case(self.session, self.session.case_number)
        self.show_case(state, row)
        self.window.statusBar().showMessage(t(done, self.lang) if done else
                                            t("status_" + row["status"], self.lang), 5000)

    def submit(self) -> None:
        """Submit for review. With required answers missing, the first press says so and
        a second press (with nothing changed in between) submits anyway."""
        if not self.all_saved_in_case():
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

    def request_changes(self) -> None:
        self._lifecycle(lambda: actions.request_changes(self.session,
                                                        self.review_bar.comment.text()))

    def countersign(self) -> None:
        password = self.review_bar.password.text()
        self.review_bar.password.clear()
        self._lifecycle(lambda: actions.countersign(self.session, password))
        self.window.sync.sync_now()  # queued with the countersignature: sent when central is there

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

