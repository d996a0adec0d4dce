"""Printing a report: its PDF pages drawn onto a printer through Qt.

Each page is rendered as an image at no more than ``dpi`` (a printer's own
resolution can be 1200 dpi, which for one A4 page would be a 550 MB image) and
placed on the printable area with its shape kept. It runs off the UI thread
(Qt allows a QPainter on a QPrinter in a worker thread, here through
``BackgroundJob``), so the window never freezes while a long report prints.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, QThreadPool
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument

from .background_job import BackgroundJob

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


def print_in_background(printer: Any, pdf: bytes, done: Callable[[str | None], None],
                        pool: QThreadPool | None = None) -> None:
    """Print on a worker thread; ``done`` is called on the UI thread with None or a reason."""

    def failed(exc: BaseException) -> None:
        done(str(exc) if isinstance(exc, PrintError)
             else f"the report could not be printed ({exc})")

    BackgroundJob(lambda: print_pdf_pages(printer, pdf), lambda _pages: done(None),
                  failed).start(pool)
