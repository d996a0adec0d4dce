"""Accounts on this laptop (administrators) and changing one's own password (everyone)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .controls import button, line
from .text import sentence, t

ROLES = ("assessor", "reviewer", "admin")
PROFILE_FIELDS = ("full_name", "profession", "registration", "supervisor")
MARKINGS = ("OFFICIAL-SENSITIVE", "OFFICIAL")


def _title(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("sectiontitle")
    label.setAccessibleName(text)
    return label


def _message(lang: str, parent: QWidget) -> QLabel:
    label = QLabel("", parent)
    label.setObjectName("message")
    label.setWordWrap(True)
    label.setAccessibleName(t("status", lang))
    return label


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("help")
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def say(label: QLabel, text: str, error: bool = False) -> None:
    """Show a message; an error in the error style, starting with a capital."""
    label.setText(sentence(text))
    label.setProperty("error", error)
    label.style().unpolish(label)
    label.style().polish(label)


class AccountsView(QWidget):
    """The accounts that can sign in here: add one, remove one, set a forgotten password."""

    add_requested = Signal(str, str, str)  # name, role, password
    remove_requested = Signal(str)
    reset_requested = Signal(str, str)  # name, new password
    profile_requested = Signal(str, dict)  # name, {full_name, profession, ...}
    marking_requested = Signal(str)
    back = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.table = QTableWidget(0, 2, self)
        self.table.setAccessibleName(t("accounts", lang))
        self.table.setHorizontalHeaderLabels([t("account", lang), t("role", lang)])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self._pending_removal: str | None = None  # asked once; removed on the second press
        self._me: str | None = None
        self.table.itemSelectionChanged.connect(self._forget_removal)
        self.table.itemSelectionChanged.connect(self._fill_profile)
        self._accounts: dict[str, object] = {}
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        self.name = line(t("account", lang), self)
        self.role = QComboBox(self)
        self.role.setAccessibleName(t("role", lang))
        self.role.view().setAccessibleName(t("role", lang))
        for role in ROLES:
            self.role.addItem(t("role_" + role, lang), role)
        self.password = line(t("password", lang), self, password=True)
        self.again = line(t("password_again", lang), self, password=True)
        form = QFormLayout()
        form.addRow(t("account", lang), self.name)
        form.addRow(t("role", lang), self.role)
        form.addRow(t("password", lang), self.password)
        form.addRow(t("password_again", lang), self.again)
        for edit in (self.name, self.password, self.again):
            edit.returnPressed.connect(self._add)
        self.message = _message(lang, self)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(button(t("remove_account", lang), self, self._remove))
        row_buttons.addWidget(button(t("reset_password", lang), self, self._reset))
        row_buttons.addStretch(1)
        add_buttons = QHBoxLayout()
        add_buttons.addWidget(button(t("add_account", lang), self, self._add))
        add_buttons.addWidget(button(t("back_to_list", lang), self, self.back.emit))
        add_buttons.addStretch(1)
        hint = _hint(t("accounts_hint", lang), self)
        # The selected account's profile: what is printed where they sign a report.
        self.profile = {field: line(t("profile_" + field, lang), self)
                        for field in PROFILE_FIELDS}
        profile_form = QFormLayout()
        profile_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for field, edit in self.profile.items():
            profile_form.addRow(t("profile_" + field, lang), edit)
            edit.returnPressed.connect(self._save_profile)
        profile_buttons = QHBoxLayout()
        profile_buttons.addWidget(button(t("save_profile", lang), self, self._save_profile))
        profile_buttons.addStretch(1)
        self.marking = QComboBox(self)
        self.marking.setEditable(True)
        self.marking.setAccessibleName(t("marking", lang))
        self.marking.addItems(list(MARKINGS))
        self.marking.view().setAccessibleName(t("marking", lang))
        self.marking.lineEdit().setAccessibleName(t("marking", lang))
        marking_row = QHBoxLayout()
        marking_row.addWidget(self.marking, 1)
        marking_row.addWidget(button(t("save_marking", lang), self,
                                     lambda: self.marking_requested.emit(
                                         self.marking.currentText())))
        # Left: the accounts, and adding one. Right: the selected account's profile, and
        # the laptop's protective marking. Below both: what was done, or what went wrong.
        box = QWidget(self)
        box.setMaximumWidth(640)
        layout = QVBoxLayout(box)
        layout.addWidget(_title(t("accounts", lang), self))
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addLayout(add_buttons)
        right = QWidget(self)
        right.setMaximumWidth(560)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(_title(t("profile", lang), self))
        right_layout.addWidget(_hint(t("profile_hint", lang), self))
        right_layout.addLayout(profile_form)
        right_layout.addLayout(profile_buttons)
        right_layout.addSpacing(16)
        right_layout.addWidget(_title(t("marking", lang), self))
        right_layout.addWidget(_hint(t("marking_hint", lang), self))
        right_layout.addLayout(marking_row)
        right_layout.addStretch(1)
        columns = QHBoxLayout()
        columns.addWidget(box, 1)
        columns.addSpacing(12)
        columns.addWidget(right, 1)
        columns.addStretch(0)
        outer = QVBoxLayout(self)
        outer.addLayout(columns, 1)
        outer.addWidget(self.message)

    def show_accounts(self, accounts: list, me: str, marking: str | None = None) -> None:
        self._me = me
        self._accounts = {a.username: a for a in accounts}
        if marking is not None:
            self.marking.setCurrentText(marking)
        self.table.setRowCount(len(accounts))
        for r, account in enumerate(accounts):
            name = account.username + (f"  ({t('you', self.lang)})" if account.username == me
                                       else "")
            for c, value in enumerate((name, t("role_" + account.role, self.lang))):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, account.username)
                self.table.setItem(r, c, item)
        self.clear_fields()

    def _fill_profile(self) -> None:
        account = self._accounts.get(self.selected() or "")
        for field, edit in self.profile.items():
            edit.setText((getattr(account, field, None) or "") if account else "")

    def _save_profile(self) -> None:
        name = self.selected()
        if name is None:
            say(self.message, t("choose_account", self.lang), error=True)
            return
        self.profile_requested.emit(name, {field: edit.text()
                                           for field, edit in self.profile.items()})

    def _forget_removal(self) -> None:
        if self._pending_removal is not None:
            self._pending_removal = None
            self.message.clear()

    def clear_fields(self) -> None:
        for edit in (self.name, self.password, self.again):
            edit.clear()
        self.name.setFocus()

    def selected(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def show_error(self, text: str) -> None:
        """Say what is wrong; keep the name and role, ask for the password again."""
        say(self.message, text, error=True)
        self.password.clear()
        self.again.clear()
        self.password.setFocus()

    def _passwords(self) -> str | None:
        if self.password.text() != self.again.text():
            self.show_error(t("passwords_differ", self.lang))
            return None
        return self.password.text()

    def _add(self) -> None:
        password = self._passwords()
        if password is not None:
            self.add_requested.emit(self.name.text().strip(), self.role.currentData(), password)

    def _remove(self) -> None:
        """Remove the selected account: the first press asks, a second press removes."""
        name = self.selected()
        if name is None:
            say(self.message, t("choose_account", self.lang), error=True)
            return
        if name == self._me:
            say(self.message, t("cannot_remove_self", self.lang), error=True)
            return
        if self._pending_removal != name:
            self._pending_removal = name
            say(self.message, t("confirm_remove", self.lang, name=name), error=True)
            return
        self._pending_removal = None
        self.remove_requested.emit(name)

    def _reset(self) -> None:
        name = self.selected()
        if name is None:
            say(self.message, t("choose_account", self.lang), error=True)
            return
        password = self._passwords()
        if password is not None:
            self.reset_requested.emit(name, password)


class PasswordView(QWidget):
    """Change the signed-in person's own password."""

    submitted = Signal(str, str)  # current password, new password
    cancelled = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.current = line(t("current_password", lang), self, password=True)
        self.new = line(t("new_password", lang), self, password=True)
        self.again = line(t("password_again", lang), self, password=True)
        form = QFormLayout()
        form.addRow(t("current_password", lang), self.current)
        form.addRow(t("new_password", lang), self.new)
        form.addRow(t("password_again", lang), self.again)
        for edit in (self.current, self.new, self.again):
            edit.returnPressed.connect(self._submit)
            edit.setMinimumWidth(240)
        self.message = _message(lang, self)
        buttons = QHBoxLayout()
        buttons.addWidget(button(t("change_password", lang).rstrip("…"), self, self._submit))
        buttons.addWidget(button(t("cancel", lang), self, self.cancelled.emit))
        buttons.addStretch(1)
        box = QWidget(self)
        box.setMaximumWidth(520)
        layout = QVBoxLayout(box)
        layout.addWidget(_title(t("change_password", lang).rstrip("…"), self))
        layout.addWidget(_hint(t("password_rule", lang), self))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addWidget(box, 1)
        outer.addStretch(0)

    def show_error(self, text: str) -> None:
        say(self.message, text, error=True)
        self.new.clear()
        self.again.clear()
        self.current.clear()
        self.current.setFocus()

    def reset(self) -> None:
        for edit in (self.current, self.new, self.again):
            edit.clear()
        self.message.clear()
        self.current.setFocus()

    def _submit(self) -> None:
        if self.new.text() != self.again.text():
            self.show_error(t("passwords_differ", self.lang))
            return
        self.submitted.emit(self.current.text(), self.new.text())
