"""Printing a report: its PDF pages drawn onto a printer through Qt.

Each page is rendered as an image at no more than ``dpi`` (a printer's own
resolution can be 1200 dpi, which for one A4 page would be a 550 MB image) and
placed on the printable area with its shape kept. It runs off the UI thread
(Qt allows a QPainter on a QPrinter in a worker thread), so the window never
freezes while a long report prints.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRect,
    QRunnable,
    QSize,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument

PRINT_DPI = 300


class PrintError(Exception):
    """The printer could not be used; the message is for the person printing."""


def print_pdf_pages(printer: Any, pdf: bytes, dpi: int = PRINT_DPI) -> int:
    """Print every page of ``pdf`` on ``printer``; returns the number of pages printed."""
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise PrintError("the report could not be read for printing")
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("the printer could not be started; check that it is connected")
    try:
        area = painter.viewport()
        for page in range(document.pageCount()):
            if page and not printer.newPage():
                raise PrintError(f"the printer stopped before page {page + 1}")
            points = document.pagePointSize(page)
            # Fit the page into the printable area, keeping its shape.
            scale = min(area.width() / points.width(), area.height() / points.height())
            target = QRect(area.x(), area.y(), int(points.width() * scale),
                           int(points.height() * scale))
            pixels = QSize(min(target.width(), int(points.width() * dpi / 72)),
                           min(target.height(), int(points.height() * dpi / 72)))
            painter.drawImage(target, document.render(page, pixels))
    finally:
        painter.end()
    return document.pageCount()


class _PrintJob(QRunnable):
    class Signals(QObject):
        finished = Signal(object)  # None when printed, else what went wrong

    def __init__(self, printer: Any, pdf: bytes):
        super().__init__()
        self.printer = printer
        self.pdf = pdf
        self.signals = self.Signals()  # made here, on the UI thread: results arrive there

    def run(self) -> None:
        try:
            print_pdf_pages(self.printer, self.pdf)
        except PrintError as exc:
            self.signals.finished.emit(str(exc))
            return
        self.signals.finished.emit(None)


_running: set[_PrintJob] = set()  # kept alive until their result has been delivered


def print_in_background(printer: Any, pdf: bytes, done: Callable[[str | None], None],
                        pool: QThreadPool | None = None) -> None:
    """Print on a worker thread; ``done`` is called on the UI thread with None or a reason."""
    job = _PrintJob(printer, pdf)
    job.setAutoDelete(False)
    _running.add(job)

    def finished(problem: str | None) -> None:
        _running.discard(job)
        done(problem)

    job.signals.finished.connect(finished)
    (pool or QThreadPool.globalInstance()).start(job)
