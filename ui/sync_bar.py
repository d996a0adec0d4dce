"""The sync status in the status bar: what waits to go to central records, a *Sync now*
button, the Central records dialog, and what central has held long enough cleared at
quitting (issue 12).

:class:`SyncBar` lasts as long as the window (the worker keeps its timer across a change
of language); it is shown while someone is signed in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QPushButton

from .sync_status import SyncWorker
from .text import t

if TYPE_CHECKING:
    from .main_window import MainWindow


class SyncBar:
    """The worker (``sync``), its words (``sync_label``) and ``sync_button``."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.session = window.session
        self.sync = SyncWorker(window, lambda: self.session.store, window.lang, self._audit)
        self.sync_label = QLabel("", window)
        self.sync_label.setObjectName("sync_status")
        self.sync_label.setAccessibleName(t("central_title", window.lang))
        self.sync_button = QPushButton(t("sync_now", window.lang), window)
        self.sync_button.setObjectName("sync_now")
        self.sync_button.setAccessibleName(t("sync_now", window.lang))
        self.sync_button.setFlat(True)
        self.sync_button.clicked.connect(self.sync_now)
        window.statusBar().addPermanentWidget(self.sync_label)
        window.statusBar().addPermanentWidget(self.sync_button)
        self.sync_label.hide()
        self.sync_button.hide()
        self.sync.changed.connect(self.sync_label.setText)
        self.central_dialog = None

    def signed_in(self, lang: str) -> None:
        """Shown, in ``lang``, and started."""
        self.sync.lang = lang
        self.sync_button.setText(t("sync_now", lang))
        self.sync_button.setAccessibleName(t("sync_now", lang))
        self.sync_label.setAccessibleName(t("central_title", lang))
        self.sync_label.show()
        self.sync_button.show()
        self.sync.start()

    def signed_out(self) -> None:
        self.sync.stop()
        self.sync_label.hide()
        self.sync_button.hide()

    def _audit(self, outcome: dict) -> None:
        store = self.session.store
        if store is not None and (outcome["received"] or outcome["held"]):
            store.log("sync_run", "store", store.store_id,
                      reason=", ".join(f"{k}={v}" for k, v in outcome.items()))

    def sync_now(self) -> None:
        if self.session.store is not None:
            self.sync.failures = 0
            self.sync.sync_now()

    def purge_due(self) -> None:
        """At quitting: clear what central has held for the grace period (with a valid
        receipt), so identifiable data does not stay on the laptop for ever."""
        from cstr_desktop.errors import StoreError
        from cstr_desktop.sync import purge

        store = self.session.store
        if store is None:
            return
        try:
            if purge.due(store.db, purge.grace_days(store.db)):
                purge.purge(store)
        except (StoreError, OSError):
            pass  # never stops quitting; 'cstr-desktop purge' names the problem

    def show_central_records(self) -> None:
        if self.session.store is None:
            return
        from .central_dialog import CentralRecordsDialog

        dialog = CentralRecordsDialog(self.window, self.session.store, self.window.lang,
                                      self.sync_now, self.sync.text)
        self.sync.changed.connect(dialog.status_changed)
        self.central_dialog = dialog
        dialog.open()
