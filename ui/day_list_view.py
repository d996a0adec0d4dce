"""The day list view: the day's cases by time and courtroom, a search, and the review queue."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .controls import button, line
from .day_words import long_date, short_date, when
from .outcome_words import outcome_cell, paint_outcome
from .text import t, tn


class CaseTable(QTableWidget):
    """The list's table: one stop for Tab (arrows move inside it), and typing a letter
    or digit goes to the search box."""

    typed = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        text = event.text()
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                          | Qt.KeyboardModifier.AltModifier))
        if plain and len(text) == 1 and text.isprintable() and not text.isspace():
            self.typed.emit(text)
            return
        super().keyPressEvent(event)


class CaseListView(QWidget):
    """The day's list by time and courtroom, with search as you type, the day chosen by
    Alt+Left and Alt+Right or a date picker, and a line counting the cases by status."""

    open_case = Signal(str)
    import_list = Signal()
    add_defendant = Signal()
    record_outcome = Signal()
    search_changed = Signal(str)
    day_changed = Signal(str)

    COLUMNS = ("date", "time", "courtroom", "case", "name", "status", "outcome", "author",
               "submitted_at")
    SHOWN = {"day": ("time", "courtroom", "case", "name", "status", "outcome"),
             "search": ("date", "time", "courtroom", "case", "name", "status", "outcome"),
             "review": ("date", "time", "courtroom", "case", "name", "author", "submitted_at")}
    COUNTED = ("listed", "draft", "changes_requested", "awaiting_review", "approved")

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.mode = "day"
        self.heading = QLabel(t("today", lang), self)
        self.heading.setObjectName("sectiontitle")
        self.heading.setAccessibleName(t("today", lang))
        self.previous = button(t("previous_day", lang), self, lambda: self.step_day(-1))
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setAccessibleName(t("choose_day", lang))
        self.day.dateChanged.connect(self._day_picked)
        self.next = button(t("next_day", lang), self, lambda: self.step_day(1))
        self.today = button(t("today_button", lang), self,
                            lambda: self.day.setDate(QDate.currentDate()))
        for b in (self.previous, self.next, self.today):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Left and Alt+Right do the same
        QShortcut(QKeySequence("Alt+Left"), self, lambda: self.step_day(-1))
        QShortcut(QKeySequence("Alt+Right"), self, lambda: self.step_day(1))
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        self.search = line(t("search", lang), self)
        self.search.setPlaceholderText(t("search_hint", lang))
        self.search.textChanged.connect(self.search_changed.emit)
        self.search.returnPressed.connect(self._open_current)
        self.search.installEventFilter(self)
        self.table = CaseTable(0, len(self.COLUMNS), self)
        self.table.setAccessibleName(t("today", lang))
        self.table.setHorizontalHeaderLabels([t(c, lang) for c in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table: it is one stop
        self.table.verticalHeader().setVisible(False)
        self.table.typed.connect(self._typed_in_table)
        header = self.table.horizontalHeader()
        for column in range(len(self.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COLUMNS.index("name"), QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _: self._open_current())
        self.table.activated.connect(lambda _: self._open_current())
        self.counts = QLabel("", self)
        self.counts.setAccessibleName(t("status", lang))
        self.counts.setObjectName("help")
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(t("status", lang))
        self.message.setObjectName("message")
        days = QHBoxLayout()
        days.addWidget(self.heading, 1)
        for widget in (self.previous, self.day, self.next, self.today):
            days.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addWidget(button(t("open_case", lang), self, self._open_current))
        buttons.addWidget(button(t("import_list", lang), self, self.import_list.emit))
        buttons.addWidget(button(t("add_defendant", lang), self, self.add_defendant.emit))
        buttons.addWidget(button(t("record_outcome", lang), self, self.record_outcome.emit))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(days)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    # -- the day --------------------------------------------------------------------

    def set_day(self, iso: str) -> None:
        """Show ``iso`` in the picker (without asking for the list again)."""
        self.day.blockSignals(True)
        self.day.setDate(QDate.fromString(iso, "yyyy-MM-dd"))
        self.day.blockSignals(False)

    def step_day(self, step: int) -> None:
        self.day.setDate(self.day.date().addDays(step))

    def _day_picked(self, day: QDate) -> None:
        self.day_changed.emit(day.toString("yyyy-MM-dd"))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _typed_in_table(self, text: str) -> None:
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.search.insert(text)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        # Down from the search box goes into the table.
        if obj is self.search and event.type() == event.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and \
                self.table.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(obj, event)

    # -- the rows -------------------------------------------------------------------

    def show_day(self, rows: list[dict], day: str) -> None:
        self.set_day(day)
        self.show_cases(rows, t("list_heading", self.lang, day=long_date(day, self.lang)),
                        "day")

    def show_cases(self, rows: list[dict], heading: str, mode: str = "day") -> None:
        self.mode = mode
        self.heading.setText(heading)
        self.heading.setAccessibleName(heading)
        shown = self.SHOWN[mode]
        for column, key in enumerate(self.COLUMNS):
            self.table.setColumnHidden(column, key not in shown)
        for widget in (self.previous, self.day, self.next, self.today):
            widget.setVisible(mode != "review")
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = {"date": short_date(row.get("hearing_date") or "", self.lang),
                      "time": row.get("list_time") or "", "courtroom": row.get("courtroom") or "",
                      "case": row["case_number"],
                      "name": f"{row['family_name']}, {row['given_names']}",
                      "status": t("status_" + row["status"], self.lang),
                      "author": row.get("author") or "",
                      "submitted_at": when(row.get("submitted_at"), self.lang)}
            outcome = row.get("outcome")
            values["outcome"] = outcome_cell(outcome, self.lang)
            for c, key in enumerate(self.COLUMNS):
                item = QTableWidgetItem(values[key])
                item.setData(Qt.ItemDataRole.UserRole, row["case_number"])
                if key == "outcome" and outcome:
                    paint_outcome(item, outcome, self.lang)
                self.table.setItem(r, c, item)
        if rows:
            self.table.selectRow(0)
        self.counts.setText(self._count_line(rows, mode))

    def _count_line(self, rows: list[dict], mode: str) -> str:
        lang = self.lang
        if mode == "review":
            return tn("waiting", len(rows), lang) if rows else t("review_empty", lang)
        if mode == "search":
            return tn("found", len(rows), lang) if rows else t("found_none", lang)
        if not rows:
            return t("no_cases", lang)
        statuses = [row["status"] for row in rows]
        return ", ".join(tn("count_" + status, statuses.count(status), lang)
                         for status in self.COUNTED if status in statuses)

    def _open_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.open_case.emit(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole))

    def select_case(self, case_number: str) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == case_number:
                self.table.selectRow(r)
                return

    def current_case(self) -> str | None:
        row = self.table.currentRow()
        return self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) if row >= 0 else None

    def case_numbers(self) -> list[str]:
        column = self.COLUMNS.index("case")
        return [self.table.item(r, column).text() for r in range(self.table.rowCount())]

    def column_texts(self, key: str) -> list[str]:
        column = self.COLUMNS.index(key)
        return [self.table.item(r, column).text() for r in range(self.table.rowCount())]
