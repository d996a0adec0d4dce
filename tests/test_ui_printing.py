"""Printing on a worker thread: pages fitted to the printer, failures in plain words."""

from __future__ import annotations

import pytest
from PySide6.QtPrintSupport import QPrinter
from support.reporting import full_answers, reader, snapshot

from reports.court_report import render
from ui.printing import PrintError, print_in_background, print_pdf_pages


def pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.fixture(scope="module")
def report_pdf() -> bytes:
    return render(snapshot(full_answers()))


def test_every_page_is_printed_at_no_more_than_300_dpi(qtbot, tmp_path, report_pdf):
    out = tmp_path / "printed.pdf"
    results = []
    print_in_background(pdf_printer(out), report_pdf, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert results == [None]
    printed = reader(out.read_bytes())
    assert len(printed.pages) == len(reader(report_pdf).pages)
    widths = {x.get_object()["/Width"] for page in printed.pages
              for x in page["/Resources"]["/XObject"].values()}
    assert max(widths) <= 2481  # 300 dpi across A4, not the printer's 1200


def test_a_printer_that_cannot_start_is_reported_in_words(qtbot, tmp_path, report_pdf):
    printer = pdf_printer(tmp_path / "no such folder" / "out.pdf")
    with pytest.raises(PrintError, match="the printer could not be started"):
        print_pdf_pages(printer, report_pdf)
    results = []
    print_in_background(printer, report_pdf, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert results == ["the printer could not be started; check that it is connected"]


def test_a_broken_report_is_refused_before_the_printer_starts(tmp_path):
    with pytest.raises(PrintError, match="could not be read for printing"):
        print_pdf_pages(pdf_printer(tmp_path / "x.pdf"), b"%PDF-1.4 not really")
    assert not (tmp_path / "x.pdf").exists()
