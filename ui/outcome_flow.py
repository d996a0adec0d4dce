"""The outcome at court: the dialog for the case open or chosen in the list, and the
outcome it records (with the assessment before approval, a signed addendum after it).

Who may record one, and when, is the lifecycle's to say
(``cstr_desktop.store.lifecycle.outcome_refusal``): the dialog is not opened for an account
that may not, and the words say why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cstr_desktop.errors import LifecycleError, StoreError

from .deferred import actions
from .error_text import say_error
from .text import t

if TYPE_CHECKING:
    from .main_window import MainWindow

# The lifecycle's reason for refusing, in the words shown.
REFUSALS = {"waits": "outcome_waits", "role": "outcome_not_admin",
            "after_approval": "outcome_reviewer_later"}


class OutcomeFlow:
    """The outcome dialog (one at a time) and what it records."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.session = window.session
        self.lang = window.lang
        self.outcome_dialog = None

    def show_outcome(self) -> None:
        """The outcome dialog for the open case, or the case chosen in the list."""
        window = self.window
        if self.session.store is None:
            return
        in_list = window.stack.currentWidget() is window.list_view
        case_number = window.list_view.current_case() if in_list else self.session.case_number
        say = window.list_view.message.setText if in_list else \
            (lambda text: window.statusBar().showMessage(text, 8000))
        if not case_number or case_number == "-":
            say(t("outcome_pick_case", self.lang))
            return
        try:
            info = actions.outcome_form(self.session, case_number)
        except StoreError as exc:
            say(say_error(exc, self.lang))
            return
        from cstr_desktop.store.lifecycle import outcome_refusal

        refusal = outcome_refusal(info["status"], self.session.store.user.role)
        if refusal:
            say(t(REFUSALS[refusal], self.lang))
            return
        from cstr_desktop.outcomes import outcome_definitions

        from .outcome_dialog import OutcomeDialog

        dialog = self.outcome_dialog = OutcomeDialog(outcome_definitions(), self.lang, info,
                                                     window)
        dialog.finished.connect(lambda _: self._outcome_closed(dialog))
        dialog.submitted.connect(lambda answers, supersedes: self.record_outcome(
            case_number, answers, supersedes, dialog))
        dialog.open()

    def _outcome_closed(self, dialog) -> None:
        if self.outcome_dialog is dialog:
            self.outcome_dialog = None

    def record_outcome(self, case_number: str, answers: dict, supersedes: str | None,
                       dialog) -> None:
        from cstr_desktop.errors import AnswerError

        window = self.window
        try:
            kept = actions.record_outcome(self.session, case_number, answers, supersedes)
        except (AnswerError, StoreError, LifecycleError) as exc:
            dialog.show_problem(exc)
            return
        dialog.accept()
        done = t("outcome_saved_addendum" if kept["kind"] == "addendum" else "outcome_saved",
                 self.lang, case=case_number)
        if window.stack.currentWidget() is not window.list_view:
            window.statusBar().showMessage(done, 8000)
        elif window.list_view.mode != "review":
            window.day.search_cases(window.list_view.search.text())
            window.list_view.select_case(case_number)
            window.list_view.message.setText(done)
            window.list_view.table.setFocus()
