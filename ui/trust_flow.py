"""The recovery key at the first run (shown once, printable) and the About screen (the
version, the data folder and the root key's fingerprint)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from .deferred import actions
from .text import sentence, t

if TYPE_CHECKING:
    from .main_window import MainWindow


class TrustFlow:
    """The two screens about the store's keys, each built when first asked for."""

    def __init__(self, window: MainWindow):
        self.window = window
        self.lang = window.lang
        self.recovery_view = None
        self.about_view = None
        self.before_about: QWidget | None = None  # the screen About goes back to

    def screens(self) -> list[QWidget | None]:
        return [self.recovery_view, self.about_view]

    def show_recovery_key(self, key: str, fingerprint: str) -> None:
        from .trust_views import RecoveryKeyView

        if self.recovery_view is None:
            self.recovery_view = RecoveryKeyView(self.lang, self.window)
            self.recovery_view.print_requested.connect(self.print_recovery_key)
            self.recovery_view.done.connect(self.recovery_key_kept)
            self.window.stack.addWidget(self.recovery_view)
        self.recovery_view.show_key(key, fingerprint)
        self.window.stack.setCurrentWidget(self.recovery_view)

    def print_recovery_key(self) -> None:
        view = self.recovery_view
        pdf = actions.recovery_sheet(self.window.session, view.key)
        self.window.dialogs.print_pdf(pdf, lambda problem: view.message.setText(
            sentence(problem) if problem else t("printed", self.lang)))

    def recovery_key_kept(self) -> None:
        self.recovery_view.forget()
        self.window.show_list()

    def show_about(self) -> None:
        from .trust_views import AboutView

        stack = self.window.stack
        if self.about_view is None:
            self.about_view = AboutView(self.lang, self.window)
            self.about_view.back.connect(self._back_from_about)
            stack.addWidget(self.about_view)
        current = stack.currentWidget()
        if current is not self.about_view:
            self.before_about = current
        version, folder, fingerprint = actions.about(self.window.session)
        self.about_view.show_about(version, folder, fingerprint or t("no_store_yet", self.lang))
        stack.setCurrentWidget(self.about_view)

    def _back_from_about(self) -> None:
        self.window.stack.setCurrentWidget(self.before_about or self.window.sign_in_view)
