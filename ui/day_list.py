"""The day's list: the cases of a day, a search, the review queue, a court list imported
(after a preview of what it would change) and a defendant added by hand.

:class:`DayList` owns the list, add-defendant and import-preview screens; it is given the
window, and uses the window's other parts through it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from cstr_desktop.errors import CourtListError, StoreError

from .add_defendant_view import AddDefendantView
from .day_list_view import CaseListView
from .deferred import actions
from .error_text import say_error
from .text import t

if TYPE_CHECKING:
    from .main_window import MainWindow


class DayList:
    """The list screen and the screens it opens."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.session = window.session
        self.lang = window.lang
        self.list_view = CaseListView(self.lang, window)
        self.list_view.open_case.connect(window.open_case)
        self.list_view.search_changed.connect(self.search_cases)
        self.list_view.import_list.connect(self.choose_court_list)
        self.list_view.add_defendant.connect(self.show_add_defendant)
        self.list_view.record_outcome.connect(window.show_outcome)
        self.list_view.day_changed.connect(self.change_day)
        self.add_view = AddDefendantView(self.lang, window)
        self.add_view.submitted.connect(self.add_defendant)
        self.add_view.cancelled.connect(self.show_list)
        self.import_view = None  # built when first asked for
        self._import_cases: list | None = None

    def screens(self) -> list[QWidget | None]:
        return [self.list_view, self.add_view, self.import_view]

    def show_list(self) -> None:
        if self.session.store is None:
            return
        self.window.leave_case(self.show_list_now)

    def show_list_now(self) -> None:
        """The day's list, the search cleared (once the open case, if any, is left)."""
        view = self.list_view
        view.search.blockSignals(True)
        view.search.clear()
        view.search.blockSignals(False)
        view.message.clear()
        view.show_day(actions.list_cases(self.session), self.session.day)
        self.window.stack.setCurrentWidget(view)
        view.search.setFocus()  # typing searches at once; Down goes to the table

    def change_day(self, day: str) -> None:
        """Show another day's list (Alt+Left, Alt+Right, or the date picker)."""
        self.session.day = day
        if self.window.stack.currentWidget() is self.list_view and \
                self.list_view.mode != "review":
            self.show_list_now()

    def show_review_queue(self) -> None:
        if self.session.store is None:
            return
        self.window.leave_case(self._show_review_queue)

    def _show_review_queue(self) -> None:
        self.list_view.message.clear()
        self.list_view.show_cases(actions.review_queue(self.session),
                                  t("review_queue", self.lang), "review")
        self.window.stack.setCurrentWidget(self.list_view)
        self.list_view.table.setFocus()

    def search_cases(self, text: str) -> None:
        if self.session.store is None:
            return
        if not text.strip():
            self.list_view.show_day(actions.list_cases(self.session), self.session.day)
            return
        self.list_view.show_cases(actions.list_cases(self.session, text),
                                  t("search", self.lang), "search")

    # -- a court list ---------------------------------------------------------------

    def choose_court_list(self) -> None:
        if self.session.store is None:
            return
        self.window.leave_case(lambda: self.window.dialogs.open_file(
            t("import_list", self.lang), "CSV (*.csv)", self.preview_court_list))

    def _say(self, text: str) -> None:
        """The list, with a message under it."""
        self.show_list_now()
        self.list_view.message.setText(text)

    def preview_court_list(self, path: str) -> None:
        """Show what the list would change; nothing changes until the person confirms."""
        try:
            cases, plan = actions.plan_court_list(self.session, path)
        except CourtListError as exc:
            self._say(t("cannot_import", self.lang) + "\n" + "\n".join(exc.problems[:10]))
            return
        except StoreError as exc:
            self._say(say_error(exc, self.lang))
            return
        if plan.empty:
            self._say(t("nothing_to_import", self.lang))
            return
        if self.import_view is None:
            from .import_preview import ImportPreview

            self.import_view = ImportPreview(self.lang, self.window)
            self.import_view.confirmed.connect(self.import_court_list)
            self.import_view.cancelled.connect(self.cancel_import)
            self.window.stack.addWidget(self.import_view)
        self._import_cases = cases
        self.import_view.show_plan(plan, Path(path).name)
        self.window.stack.setCurrentWidget(self.import_view)
        self.import_view.import_button.setFocus()

    def import_court_list(self) -> None:
        """Import the list the person looked at."""
        cases, self._import_cases = self._import_cases, None
        if not cases:
            return
        try:
            plan = actions.apply_court_list(self.session, cases)
        except StoreError as exc:
            self._say(say_error(exc, self.lang))
            return
        from .import_preview import plan_summary

        self._say(t("imported", self.lang, summary=plan_summary(plan, self.lang)))

    def cancel_import(self) -> None:
        self._import_cases = None
        self._say(t("import_cancelled", self.lang))

    # -- a defendant added by hand ----------------------------------------------------

    def show_add_defendant(self) -> None:
        self.add_view.reset(self.session.day, "")
        self.window.stack.setCurrentWidget(self.add_view)

    def add_defendant(self, fields: dict) -> None:
        try:
            actions.add_defendant(self.session, fields)
        except actions.FieldProblems as exc:
            self.add_view.show_problems(exc.problems)
            return
        except StoreError as exc:
            self.add_view.error.setText(say_error(exc, self.lang))
            return
        self.show_list_now()
