"""File › Central records…: enrol this laptop, the fingerprints pinned at enrolment,
the last sync and the outbox (what waits, what was received, what the office holds).

Enrolling talks to central off the window's thread; the enrolment is kept on it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cstr_desktop.sync import enrolment, outbox

from .background_job import BackgroundJob
from .text import sentence, t


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class CentralRecordsDialog(QDialog):
    def __init__(self, parent: QWidget, store, lang: str, sync_now: Callable[[], None],
                 status: Callable[[], str]) -> None:
        super().__init__(parent)
        self.setObjectName("central_records")
        self.store = store
        self.lang = lang
        self.status_of = status
        self.job: BackgroundJob | None = None
        self.setWindowTitle(t("central_title", lang))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(820, 620)
        layout = QVBoxLayout(self)

        self.enrol_box = QGroupBox(t("enrolment", lang), self)
        form = QFormLayout(self.enrol_box)
        self.enrolled_label = _selectable("")
        form.addRow(self.enrolled_label)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://records.example.gov.uk")
        self.code = QLineEdit(self)
        self.code.setPlaceholderText("ABCDE-FGHJK-MNPQR-STVWX")
        self.tls_fingerprint = QLineEdit(self)
        for field, key in ((self.url, "central_url"), (self.code, "enrol_code"),
                           (self.tls_fingerprint, "tls_fingerprint_field")):
            field.setAccessibleName(t(key, lang))
        form.addRow(t("central_url", lang), self.url)
        form.addRow(t("enrol_code", lang), self.code)
        form.addRow(t("tls_fingerprint_field", lang), self.tls_fingerprint)
        self.enrol_button = QPushButton(t("enrol", lang), self)
        self.enrol_button.clicked.connect(self.enrol)
        self.enrol_message = _selectable("")
        self.enrol_message.setObjectName("enrol_message")
        form.addRow(self.enrol_button, self.enrol_message)
        layout.addWidget(self.enrol_box)

        self.pins_box = QGroupBox(t("pinned", lang), self)
        pins = QFormLayout(self.pins_box)
        self.signing = _selectable("")
        self.tls = _selectable("")
        self.bundle = _selectable("")
        for key, label in (("signing_key", self.signing), ("tls_certificate", self.tls),
                           ("bundle_key", self.bundle)):
            label.setStyleSheet("font-family: monospace;")
            pins.addRow(t(key, lang), label)
        layout.addWidget(self.pins_box)

        queue_box = QGroupBox(t("queue", lang), self)
        queue = QVBoxLayout(queue_box)
        self.status = _selectable("")
        self.status.setObjectName("sync_status")
        queue.addWidget(self.status)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([t(k, lang) for k in (
            "queue_case", "queue_version", "queue_state", "queue_detail")])
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(t("queue", lang))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        queue.addWidget(self.table, 1)
        layout.addWidget(queue_box, 1)

        buttons = QDialogButtonBox(self)
        self.sync_button = buttons.addButton(t("sync_now", lang),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.sync_button.clicked.connect(sync_now)
        close = buttons.addButton(t("close", lang), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        found = enrolment.load(self.store.db)
        admin = self.store.user.role == "admin"
        if found is None:
            self.enrolled_label.setText(t("not_enrolled_help", self.lang))
        else:
            self.enrolled_label.setText(t("enrolled_with", self.lang, url=found.url,
                                          name=found.device_name,
                                          date=found.enrolled_at[:10]))
            self.enrol_button.setText(t("enrol_again", self.lang))
        for widget in (self.url, self.code, self.tls_fingerprint, self.enrol_button):
            widget.setEnabled(admin and not (self.job and self.job.running))
        if not admin:
            self.enrol_message.setText(t("admins_enrol", self.lang))
        self.pins_box.setVisible(found is not None)
        self.sync_button.setEnabled(found is not None)
        if found is not None:
            self.signing.setText(found.signing_fingerprint)
            self.tls.setText(found.tls_fingerprint or "—")
            self.bundle.setText(found.bundle_fingerprint)
        self.status.setText(self.status_of())
        rows = outbox.rows(self.store.db)
        cases = dict(self.store.db.execute(
            "SELECT id, case_number FROM assessments").fetchall())
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            detail = row["receipt_id"] or row["last_error"] or ""
            cells = (cases.get(row["assessment_id"]) or t("cleared", self.lang),
                     str(row["version"]), t(f"state_{row['state']}", self.lang), detail)
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()

    def status_changed(self, _text: str) -> None:
        self.refresh()

    def enrol(self) -> None:
        if self.job is not None and self.job.running:
            return
        url, code = self.url.text().strip(), self.code.text().strip()
        fingerprint = self.tls_fingerprint.text().strip() or None
        root = self.store.root_fingerprint().replace(" ", "")
        store_id = self.store.store_id
        self.enrol_message.setText(t("enrolling", self.lang))
        self.job = BackgroundJob(
            lambda: enrolment.request(url, code, root, store_id, None, fingerprint),
            self._enrolled, self._not_enrolled, parent=self)
        self.job.start()
        self.refresh()

    def _enrolled(self, answer) -> None:
        try:
            enrolment.save(self.store, answer)
        except Exception as exc:  # noqa: BLE001 - shown in words
            self._not_enrolled(exc)
            return
        self.code.clear()
        self.enrol_message.setText(t("enrolled_now", self.lang))
        self.refresh()

    def _not_enrolled(self, exc: Exception) -> None:
        self.enrol_message.setText(sentence(str(exc)))
        self.refresh()
