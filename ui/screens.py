"""The sign-in, court list and add-defendant screens (each a plain widget)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .day_words import long_date, short_date, when
from .outcome_words import outcome_cell, paint_outcome
from .text import t, tn


def button(text: str, parent: QWidget, slot: Callable[[], None]) -> QPushButton:
    b = QPushButton(text, parent)
    b.setAccessibleName(text.rstrip("…"))
    b.clicked.connect(slot)
    return b


def line(label: str, parent: QWidget, password: bool = False) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setAccessibleName(label)
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class SignInView(QWidget):
    """Sign in; on first run, create the store and its first account; or unlock."""

    submitted = Signal(str, str, str)  # mode ("sign_in", "create", "unlock"), name, password

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.mode = "sign_in"
        self.title = QLabel(t("app", lang), self)
        self.title.setObjectName("apptitle")
        self.title.setAccessibleName(t("app", lang))
        self.intro = QLabel("", self)
        self.intro.setWordWrap(True)
        self.intro.setAccessibleName(t("sign_in", lang))
        self.name = line(t("account", lang), self)
        self.password = line(t("password", lang), self, password=True)
        self.again = line(t("password_again", lang), self, password=True)
        self.error = QLabel("", self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(t("status", lang))
        self.go = button(t("sign_in", lang), self, self._submit)
        self.go.setDefault(True)
        form = QFormLayout()
        form.addRow(t("account", lang), self.name)
        form.addRow(t("password", lang), self.password)
        form.addRow(t("password_again", lang), self.again)
        self._again_label = form.labelForField(self.again)
        self._name_label = form.labelForField(self.name)
        self._password_label = form.labelForField(self.password)
        box = QWidget(self)
        box.setMaximumWidth(440)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.intro)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addWidget(self.go)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(box)
        column.addStretch(2)
        outer.addLayout(column)
        outer.addStretch(1)
        for edit in (self.name, self.password, self.again):
            edit.returnPressed.connect(self._submit)
            edit.setMinimumWidth(240)

    def set_mode(self, mode: str, user: str = "", message: str = "") -> None:
        """``sign_in``, ``create`` (first run), ``unlock`` (``message`` says why it
        locked) or ``busy`` (the store is open elsewhere: ``message`` says where)."""
        self.mode = mode
        self.error.clear()
        self.password.clear()
        self.again.clear()
        creating = mode == "create"
        busy = mode == "busy"
        self.again.setVisible(creating)
        self._again_label.setVisible(creating)
        for widget in (self.name, self.password, self._name_label, self._password_label):
            widget.setVisible(not busy)
        self.name.setReadOnly(mode == "unlock")
        self.name.setText(user)
        self.intro.setText(message or {"create": t("first_run", self.lang),
                                       "unlock": t("locked", self.lang, user=user)}.get(mode, ""))
        self.go.setText(t({"create": "create", "unlock": "unlock",
                           "busy": "try_again_button"}.get(mode, "sign_in"), self.lang))
        if busy:
            self.go.setFocus()
        else:
            (self.password if mode == "unlock" or user else self.name).setFocus()

    def _submit(self) -> None:
        if self.mode == "create" and self.password.text() != self.again.text():
            self.show_error(t("passwords_differ", self.lang))
            return
        self.submitted.emit(self.mode, self.name.text().strip(), self.password.text())

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.password.clear()
        self.password.setFocus()


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


class AddDefendantView(QWidget):
    """Add a defendant by hand."""

    submitted = Signal(dict)
    cancelled = Signal()
    FIELDS = ("family_name", "given_names", "date_of_birth", "case_number", "hearing_date",
              "court_name", "courtroom", "list_time")

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.edits = {}
        form = QFormLayout()
        for field in self.FIELDS:
            label = t(field if field != "case_number" else "case", lang)
            self.edits[field] = line(label, self)
            form.addRow(label, self.edits[field])
            self.edits[field].returnPressed.connect(self._submit)
        self.error = QLabel("", self)
        self.error.setObjectName("error")
        self.error.setAccessibleName(t("status", lang))
        self.error.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(button(t("add", lang), self, self._submit))
        buttons.addWidget(button(t("cancel", lang), self, self.cancelled.emit))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        title = QLabel(t("add_defendant", lang).rstrip("…"), self)
        title.setObjectName("sectiontitle")
        title.setAccessibleName(title.text())
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def reset(self, hearing_date: str, court: str) -> None:
        for edit in self.edits.values():
            edit.clear()
        year, month, day = hearing_date.split("-")
        self.edits["hearing_date"].setText(f"{day}/{month}/{year}")
        self.edits["court_name"].setText(court)
        self.error.clear()
        self.edits["family_name"].setFocus()

    def show_problems(self, problems: list) -> None:
        """Each problem beside the field's own label (never a column name)."""
        from .error_text import say_error

        lines = []
        for field, problem in problems:
            label = t(field if field != "case_number" else "case", self.lang).split(" (")[0] \
                if field else ""
            if problem == "required":
                lines.append(t("field_required", self.lang, field=label))
            elif label:
                lines.append(f"{label}: {say_error(problem, self.lang)}")
            else:
                text = say_error(problem, self.lang)
                for name in self.FIELDS:
                    text = text.replace(name, t(name if name != "case_number" else "case",
                                                self.lang).split(" (")[0])
                lines.append(text)
        self.error.setText("\n".join(lines))
        first = next((f for f, _ in problems if f in self.edits), None)
        if first:
            self.edits[first].setFocus()

    def _submit(self) -> None:
        self.submitted.emit({f: e.text().strip() for f, e in self.edits.items()})
