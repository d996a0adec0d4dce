"""A court list checked before it is imported: each case to add, change, remove or keep.

Nothing changes until the person presses Import; a change in who the person
is (name or date of birth) is marked, since it may be a different person
rather than a corrected listing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cstr_desktop.store.court_list import IDENTITY_FIELDS, ReconcilePlan

from .controls import button
from .day_words import short_date
from .text import t

WARN = QColor("#fbeaea")


def plan_summary(plan: ReconcilePlan, lang: str) -> str:
    """ "1 to add, 2 to change, 5 unchanged" (what does not happen is left out)."""
    counts = (("sum_add", plan.added), ("sum_change", plan.changed),
              ("sum_remove", plan.removed), ("sum_keep", plan.kept_with_work),
              ("sum_unchanged", plan.unchanged))
    return ", ".join(t(key, lang, n=len(items)) for key, items in counts if items) or \
        t("sum_nothing", lang)


def _field(name: str, lang: str) -> str:
    label = t(name if name != "case_number" else "case", lang)
    return label.split(" (")[0]  # "Date of birth (YYYY-MM-DD)" -> "Date of birth"


class ImportPreview(QWidget):
    """The reconcile of a court list, shown before anything is changed."""

    confirmed = Signal()
    cancelled = Signal()
    COLUMNS = ("col_what", "case", "name", "col_details")

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        title = QLabel(t("preview_import_title", lang), self)
        title.setObjectName("sectiontitle")
        title.setAccessibleName(title.text())
        self.intro = QLabel("", self)
        self.intro.setWordWrap(True)
        self.intro.setAccessibleName(t("status", lang))
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setAccessibleName(t("preview_import_title", lang))
        self.table.setHorizontalHeaderLabels([t(c, lang) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.import_button = button(t("import_button", lang).replace("&", ""), self,
                                    self.confirmed.emit)
        self.import_button.setText(t("import_button", lang))
        self.import_button.setDefault(True)
        cancel = button(t("import_cancel", lang), self, self.cancelled.emit)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancelled.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def show_plan(self, plan: ReconcilePlan, file_name: str) -> None:
        lang = self.lang
        self.intro.setText(t("preview_import_intro", lang, file=file_name,
                             summary=plan_summary(plan, lang)))
        rows: list[tuple[str, str, str, str, bool]] = []
        for case in plan.added:
            details = (f"{short_date(case.hearing_date, lang)} {case.list_time} · "
                       f"{t('courtroom', lang)} {case.courtroom} · "
                       f"{_field('date_of_birth', lang)} {case.date_of_birth}")
            rows.append(("change_add", case.case_number,
                         f"{case.family_name}, {case.given_names}", details, False))
        for case, diff in plan.changed:
            identity = [f for f in IDENTITY_FIELDS if f in diff]
            changes = "; ".join(f"{_field(f, lang)}: {old or '-'} → {new or '-'}"
                                for f, (old, new) in diff.items())
            warning = t("identity_changed", lang) if identity else ""
            rows.append(("change_change", case.case_number,
                         plan.names.get(case.case_number, ""), warning + changes, bool(identity)))
        for number in plan.removed:
            rows.append(("change_remove", number, plan.names.get(number, ""),
                         t("remove_detail", lang), False))
        for number in plan.kept_with_work:
            rows.append(("change_keep", number, plan.names.get(number, ""),
                         t("keep_detail", lang), False))
        self.table.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        for r, (what, number, name, details, warn) in enumerate(rows):
            for c, text in enumerate((t(what, lang), number, name, details)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if warn:
                    item.setBackground(QBrush(WARN))
                    item.setFont(bold)
                self.table.setItem(r, c, item)
        self.import_button.setFocus()
        QTimer.singleShot(0, self.table.resizeRowsToContents)  # once the columns have widths

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        QTimer.singleShot(0, self.table.resizeRowsToContents)

    def rows(self) -> list[tuple[str, ...]]:
        """The table as text (what, case, name, details), for reading back."""
        return [tuple(self.table.item(r, c).text() for c in range(self.table.columnCount()))
                for r in range(self.table.rowCount())]
