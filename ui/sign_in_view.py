"""The sign-in screen: sign in; on the first run, create the store and its first account;
unlock a locked window; or say the store is open elsewhere and offer to try again."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from .controls import button, centred, line
from .text import t


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
        centred(self, box)
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
