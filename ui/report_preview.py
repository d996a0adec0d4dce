"""Preview, print and save the report: the preview/print controller of the case.

:class:`ReportPreview` owns the report screen (built with the case's screen at the first
sign-in: it needs QtPdf). A copy is frozen on the UI thread and rendered off it by a
:class:`ui.background_job.BackgroundJob`; only the newest render is shown. It is given
the window, and uses its other parts through it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from .background_job import BackgroundJob
from .deferred import actions
from .text import sentence, t

if TYPE_CHECKING:
    from .main_window import MainWindow


def render_pdf(snapshot: dict, summary: bool) -> bytes:
    """A report snapshot as PDF bytes (run off the UI thread, by a BackgroundJob)."""
    from reports.court_report import render
    from reports.summary_card import render_card

    return (render_card if summary else render)(snapshot)


class ReportPreview:
    """The report screen and the actions on it."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.session = window.session
        self.lang = window.lang
        self.report_view = None  # built with the case's screen
        self._summary = False  # the report screen shows the summary card, not the report
        self._render_count = 0  # only the newest render is shown

    def screens(self) -> list[QWidget | None]:
        return [self.report_view]

    def build(self) -> None:
        """The report screen, once (after the case's screen, whose Back it goes to)."""
        if self.report_view is not None:
            return
        from .report_view import ReportView

        window = self.window
        self.report_view = ReportView(self.lang, window)
        self.report_view.back.connect(lambda: window.stack.setCurrentWidget(window.case_page))
        self.report_view.save_pdf.connect(self.choose_pdf_path)
        self.report_view.print_pdf.connect(self.print_report)
        self.report_view.reader_changed.connect(self.show_copy)

    def preview_report(self, summary: bool = False) -> None:
        """Show a copy of the report (or its summary card): the reader chosen last, the
        court's at first, with what the copy holds beside it. Answers not yet written are
        saved first (the copy is made from what is stored)."""
        if not self.window.cases.all_saved_in_case():
            return
        self._summary = summary
        readers = actions.report_readers(self.session, self.lang)
        if len(readers) == 1 and not readers[0][1]:
            readers = [(readers[0][0], t("whole_report", self.lang))]
        current = self.report_view.current_reader() or readers[0][0]
        self.report_view.set_readers(readers, current)
        self.window.stack.setCurrentWidget(self.report_view)
        self.show_copy(self.report_view.current_reader())

    def preview_card(self) -> None:
        self.preview_report(summary=True)

    def show_copy(self, reader: str) -> None:
        """Freeze the chosen reader's copy, say what it holds, and render it off the UI
        thread (a copy the person did not agree to is not made)."""
        view = self.report_view
        snapshot, contents = actions.report_snapshot(self.session, reader)
        view.show_contents(snapshot, contents)
        if snapshot is None:
            view.clear_pdf()
            view.status.setText(sentence(contents.refusal or ""))
            return
        view.status.setText(t("generating", self.lang))
        self._render_count += 1
        number, summary = self._render_count, self._summary
        # Made for this screen: a render that ends after it has gone (the language
        # changed) is dropped.
        BackgroundJob(lambda: render_pdf(snapshot, summary),
                      lambda pdf: self._report_ready(pdf, number),
                      lambda exc: view.status.setText(str(exc)),
                      parent=view).start(self.window.pool)

    def _report_ready(self, pdf: bytes, number: int | None = None) -> None:
        if number is not None and number != self._render_count:
            return  # a copy the person has since moved away from
        self.report_view.status.clear()
        self.report_view.show_pdf(pdf)

    def print_report(self) -> None:
        if self.report_view.pdf:
            self.window.dialogs.print_pdf(self.report_view.pdf, self.printed)

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
        self.window.dialogs.save_file(t("save_pdf", self.lang), name, "PDF (*.pdf)",
                                      self.save_pdf)

    def save_pdf(self, path: str) -> None:
        try:
            actions.save_pdf(self.session, self.report_view.pdf, path,
                             self.report_view.current_reader())
        except OSError as exc:
            self.report_view.status.setText(sentence(f"{exc.strerror or exc}: {path}"))
            return
        self.report_view.status.setText(path)
