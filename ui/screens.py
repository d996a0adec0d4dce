"""The sign-in, court list and add-defendant screens (each a plain widget)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from .text import t


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

    def set_mode(self, mode: str, user: str = "") -> None:
        self.mode = mode
        self.error.clear()
        self.password.clear()
        self.again.clear()
        creating = mode == "create"
        self.again.setVisible(creating)
        self._again_label.setVisible(creating)
        self.name.setReadOnly(mode == "unlock")
        self.name.setText(user)
        self.intro.setText({"create": t("first_run", self.lang),
                            "unlock": t("locked", self.lang, user=user)}.get(mode, ""))
        self.go.setText(t({"create": "create", "unlock": "unlock"}.get(mode, "sign_in"),
                          self.lang))
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


class CaseListView(QWidget):
    """The day's list by time and courtroom, with search as you type."""

    open_case = Signal(str)
    import_list = Signal()
    add_defendant = Signal()
    search_changed = Signal(str)

    COLUMNS = ("time", "courtroom", "case", "name", "status")

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.heading = QLabel(t("today", lang), self)
        self.heading.setObjectName("sectiontitle")
        self.heading.setAccessibleName(t("today", lang))
        self.search = line(t("search", lang), self)
        self.search.setPlaceholderText(t("search", lang))
        self.search.textChanged.connect(self.search_changed.emit)
        self.search.returnPressed.connect(self._open_current)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setAccessibleName(t("today", lang))
        self.table.setHorizontalHeaderLabels([t(c, lang) for c in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(len(self.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _: self._open_current())
        self.table.activated.connect(lambda _: self._open_current())
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(t("status", lang))
        self.message.setObjectName("message")
        buttons = QHBoxLayout()
        buttons.addWidget(button(t("open_case", lang), self, self._open_current))
        buttons.addWidget(button(t("import_list", lang), self, self.import_list.emit))
        buttons.addWidget(button(t("add_defendant", lang), self, self.add_defendant.emit))
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def show_cases(self, rows: list[dict], heading: str) -> None:
        self.heading.setText(heading)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            name = f"{row['family_name']}, {row['given_names']}"
            values = (row["list_time"] or "", row["courtroom"] or "", row["case_number"], name,
                      t("status_" + row["status"], self.lang))
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, row["case_number"])
                self.table.setItem(r, c, item)
        if rows:
            self.table.selectRow(0)

    def _open_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.open_case.emit(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole))

    def case_numbers(self) -> list[str]:
        return [self.table.item(r, 2).text() for r in range(self.table.rowCount())]


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
        self.edits["hearing_date"].setText(hearing_date)
        self.edits["court_name"].setText(court)
        self.error.clear()
        self.edits["family_name"].setFocus()

    def _submit(self) -> None:
        self.submitted.emit({f: e.text().strip() for f, e in self.edits.items()})
