"""The report preview (QtPdf), loaded only when a report is first shown."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .screens import button
from .text import t


class ReportView(QWidget):
    """The report preview (QtPdf), with save and print."""

    back = Signal()
    save_pdf = Signal()
    print_pdf = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName(t("preview", lang))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel("", self)
        self.status.setAccessibleName(t("status", lang))
        self._buffer: QBuffer | None = None
        self.pdf = b""
        buttons = QHBoxLayout()
        buttons.addWidget(button(t("back_to_case", lang), self, self.back.emit))
        buttons.addWidget(button(t("save_pdf", lang), self, self.save_pdf.emit))
        buttons.addWidget(button(t("print", lang), self, self.print_pdf.emit))
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        # Escape goes back to the interview; Page Up and Page Down scroll the report.
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in ((Qt.Key.Key_Escape, self.back.emit),
                          (Qt.Key.Key_PageDown, lambda: self.scroll_pages(1)),
                          (Qt.Key.Key_PageUp, lambda: self.scroll_pages(-1))):
            QShortcut(QKeySequence(key), self, slot, context=context)

    def scroll_pages(self, step: int) -> None:
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.value() + step * bar.pageStep())

    def show_pdf(self, pdf: bytes) -> None:
        self.pdf = pdf
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.view.setFocus()
