"""The report preview (QtPdf), loaded only when a report is first shown.

Above the preview: whose copy it is (the court's, probation's, the treatment
provider's); beside it, before anything is printed, what that copy holds and
what it leaves out.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .controls import button
from .text import esc, sentence, t


class ReportView(QWidget):
    """The report preview (QtPdf), the reader whose copy it is, with save and print."""

    back = Signal()
    save_pdf = Signal()
    print_pdf = Signal()
    reader_changed = Signal(str)

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setAccessibleName(t("preview", lang))
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel("", self)
        self.status.setAccessibleName(t("status", lang))
        self.status.setWordWrap(True)
        self._buffer: QBuffer | None = None
        self.pdf = b""
        self.readers = QComboBox(self)
        self.readers.setAccessibleName(t("copy_for", lang))
        self.readers.view().setAccessibleName(t("copy_for", lang))
        self.readers.currentIndexChanged.connect(self._reader_chosen)
        self.contents = QLabel("", self)
        self.contents.setWordWrap(True)
        self.contents.setTextFormat(Qt.TextFormat.RichText)
        self.contents.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.contents.setAccessibleName(t("copy_holds", lang))
        self.contents.setObjectName("sidepanel")
        side = QScrollArea(self)
        side.setWidget(self.contents)
        side.setWidgetResizable(True)
        side.setMinimumWidth(280)
        buttons = QHBoxLayout()
        buttons.addWidget(button(t("back_to_case", lang), self, self.back.emit))
        label = QLabel(t("copy_choice", lang), self)
        label.setBuddy(self.readers)
        buttons.addWidget(label)
        buttons.addWidget(self.readers)
        self.save_button = button(t("save_pdf", lang), self, self.save_pdf.emit)
        self.print_button = button(t("print", lang), self, self.print_pdf.emit)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.status, 1)
        splitter = QSplitter(self)
        splitter.addWidget(self.view)
        splitter.addWidget(side)
        splitter.setSizes([900, 320])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        # Escape goes back to the interview; Page Up and Page Down scroll the report.
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in ((Qt.Key.Key_Escape, self.back.emit),
                          (Qt.Key.Key_PageDown, lambda: self.scroll_pages(1)),
                          (Qt.Key.Key_PageUp, lambda: self.scroll_pages(-1))):
            QShortcut(QKeySequence(key), self, slot, context=context)

    def scroll_pages(self, step: int) -> None:
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.value() + step * bar.pageStep())

    # -- the readers ----------------------------------------------------------------

    def set_readers(self, readers: list[tuple[str, str]], current: str) -> None:
        """The copies this assessment can have: (reader id, copy title)."""
        self.readers.blockSignals(True)
        self.readers.clear()
        for ident, title in readers:
            self.readers.addItem(title, ident)
        index = self.readers.findData(current)
        self.readers.setCurrentIndex(max(index, 0))
        self.readers.setEnabled(len(readers) > 1)
        self.readers.blockSignals(False)

    def current_reader(self) -> str | None:
        return self.readers.currentData()

    def _reader_chosen(self, _index: int) -> None:
        if self.readers.currentData() is not None:
            self.reader_changed.emit(self.readers.currentData())

    def show_contents(self, snapshot: dict | None, contents) -> None:
        """What the copy holds (read from its snapshot: what prints) and what it leaves out."""
        lang = self.lang
        html = [f"<h3>{t('copy_holds', lang)}</h3>"]
        if contents.refusal:
            html.append(f"<p style='color:#8b1e1e'><b>{esc(sentence(contents.refusal))}."
                        "</b></p>")
        elif snapshot is not None and snapshot.get("copy") == "notice":
            html.append(f"<p><b>{t('copy_notice', lang)}</b></p>")
        elif snapshot is not None:
            if snapshot.get("copy") == "declined":
                html.append(f"<p><b>{t('copy_declined', lang)}</b></p>")
            for part in snapshot["parts"]:
                labels = [i["label"][lang] if lang in i["label"] else i["label"]["en"]
                          for i in part["items"]]
                if part.get("kind") == "measures":
                    labels = [m["short_title"] for m in snapshot["measures"]]
                elif part.get("kind") == "risk" and snapshot.get("risk_statement"):
                    labels = [t("risk_statement_only", lang)]
                if labels:
                    title = part["title"].get(lang) or part["title"]["en"]
                    html.append(f"<p><b>{esc(title)}</b><br/>"
                                + "<br/>".join(f"• {esc(x)}" for x in labels) + "</p>")
        if contents.withheld:
            html.append(f"<h3>{t('copy_withheld', lang)}</h3><p>"
                        + "<br/>".join(f"• {esc(x)}" for x in contents.withheld) + "</p>")
        if contents.not_for_reader:
            html.append(f"<h3>{t('copy_not_for_reader', lang)}</h3><p style='color:#555'>"
                        + "<br/>".join(f"• {esc(x)}" for x in contents.not_for_reader)
                        + "</p>")
        self.contents.setText("".join(html))
        for widget in (self.save_button, self.print_button):
            widget.setEnabled(not contents.refusal)

    def clear_pdf(self) -> None:
        self.pdf = b""
        self.document.close()

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
