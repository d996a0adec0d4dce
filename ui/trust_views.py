"""The recovery key at the first run (shown once, printable) and About (the root key's
fingerprint, to compare with the one enrolled at central records)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .controls import button, centred, label
from .text import t


def _mono(text: str, parent: QWidget, size: float) -> QLabel:
    label = QLabel(text, parent)
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(size)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(text)
    return label


class RecoveryKeyView(QWidget):
    """The recovery key, once, after the store is created: print it, then go on."""

    print_requested = Signal()
    done = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.key = ""
        box = QWidget(self)
        box.setMaximumWidth(620)
        layout = QVBoxLayout(box)
        layout.addWidget(label(t("recovery_title", lang), box, "apptitle"))
        layout.addWidget(label(t("recovery_intro", lang), box, "banner"))
        self.key_label = _mono("", box, 15)
        self.key_label.setObjectName("recoverykey")
        layout.addWidget(self.key_label)
        self.fingerprint = label("", box, "help")
        layout.addWidget(self.fingerprint)
        self.message = label("", box, "message")
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.print_button = button(t("print_recovery", lang), box, self.print_requested.emit)
        self.done_button = button(t("recovery_kept", lang), box, self.done.emit)
        row.addWidget(self.print_button)
        row.addWidget(self.done_button)
        row.addStretch(1)
        layout.addLayout(row)
        centred(self, box)

    def show_key(self, key: str, fingerprint: str) -> None:
        self.key = key
        groups = key.split("-")
        self.key_label.setText("\n".join("  ".join(groups[i:i + 4])
                                         for i in range(0, len(groups), 4)))
        self.key_label.setAccessibleName(t("recovery_title", self.lang))
        self.fingerprint.setText(f"{t('fingerprint', self.lang)}: {fingerprint}")
        self.message.clear()
        self.print_button.setFocus()

    def forget(self) -> None:
        """The key is shown once: it leaves the screen and this object."""
        self.key = ""
        self.key_label.clear()


class AboutView(QWidget):
    """The version, the data folder and the store's root key fingerprint."""

    back = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        box = QWidget(self)
        box.setMaximumWidth(620)
        layout = QVBoxLayout(box)
        layout.addWidget(label(t("app", lang), box, "apptitle"))
        form = QFormLayout()
        self.version = label("", box)
        self.folder = label("", box)
        self.fingerprint = _mono("", box, 12)
        self.fingerprint.setObjectName("fingerprint")
        form.addRow(t("version", lang), self.version)
        form.addRow(t("data_folder", lang), self.folder)
        form.addRow(t("fingerprint", lang), self.fingerprint)
        layout.addLayout(form)
        layout.addWidget(label(t("fingerprint_help", lang), box, "help"))
        self.back_button = button(t("back", lang), box, self.back.emit)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        layout.addLayout(row)
        centred(self, box)

    def show_about(self, version: str, folder: str, fingerprint: str) -> None:
        self.version.setText(version)
        self.folder.setText(folder)
        self.fingerprint.setText(fingerprint)
        self.fingerprint.setAccessibleName(fingerprint)
        self.back_button.setFocus()
