"""Helpers for the report tests: build snapshots and read PDFs back."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader

from cstr_desktop.demo import DUAL
from cstr_desktop.form_loader import load_bundle
from reports.snapshot import ReportContext, build_snapshot

GENERATED = "2026-11-25T11:02:00+00:00"
PERSON = {"person_family_name": "Nguyễn-O'Brien", "person_given_names": "Siân Thị Minh",
          "person_dob": "1988-03-02", "hearing_date": "2026-11-25",
          "court_name": "Cardiff Magistrates' Court", "courtroom": "1",
          "case_number": "CF-2026-0101"}
APPROVED = ReportContext(assessment_id="a-1", version=1, status="approved", assessor="ann",
                         assessor_role="Liaison and Diversion practitioner",
                         countersigned_by="rita", countersigned_at="2026-11-25T11:40:00+00:00",
                         countersignature="c2lnbmF0dXJl" * 7 + "AA==", audit_entries=1234,
                         audit_head="3f2a91c0" * 8)
DRAFT = ReportContext(assessment_id="a-1", version=1, status="draft", assessor="ann")


def full_answers(**extra) -> dict:
    return {**DUAL, **PERSON, **extra}


def snapshot(answers: dict | None = None, context: ReportContext = DRAFT, lang: str = "en",
             reader: str | None = None):
    """One reader's copy (default: the court's) of the full demo interview."""
    return build_snapshot(load_bundle(), full_answers() if answers is None else answers,
                          context, lang, GENERATED, reader)


def pdf_text(pdf: bytes) -> str:
    """The text as poppler reads it: in drawing order, nothing joined or dehyphenated, form
    feeds between pages, the diagonal watermark left out."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.pdf"
        path.write_bytes(pdf)
        return subprocess.run(["pdftotext", "-raw", "-nodiag", "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, text=True, check=True).stdout


def pages(pdf: bytes) -> list[str]:
    """Each page's text as pypdf reads it (the diagonal watermark included)."""
    return [page.extract_text() for page in reader(pdf).pages]


def body_text(pdf: bytes) -> str:
    """The text without the running header and footer, pages joined."""
    running = re.compile(r"^OFFICIAL(-SENSITIVE)?$|Case: CF-|^Author: |Page \d+ of \d+$"
                         r"|^Copy for the (court|Probation Service|treatment provider)$")
    lines = pdf_text(pdf).replace("\f", "\n").splitlines()
    return "\n".join(line for line in lines if not running.search(line.strip()))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def ink_fraction(pdf_path: Path, first_page: int = 1) -> float:
    """The share of a page's pixels that are dark, as poppler renders it (grey, 30 dpi)."""
    out = subprocess.run(["pdftoppm", "-gray", "-r", "30", "-f", str(first_page), "-l",
                          str(first_page), str(pdf_path)], capture_output=True, check=True).stdout
    # A binary PGM: "P5\nW H\n255\n" then one byte per pixel.
    header, _, rest = out.partition(b"\n255\n")
    width, height = (int(v) for v in header.split()[1:3])
    pixels = rest[: width * height]
    return sum(1 for b in pixels if b < 128) / len(pixels)


# The reasons the statutory criteria ask for, in the demo's finished interview: an
# assessment can only be countersigned once each criterion has an answer and a reason.
REASONS = {name: DUAL[name] for name in (
    "capacity_notes", "mh_requires_treatment_reason", "mh_susceptible_reason",
    "mh_hospital_reason", "alcohol_dependence_evidence", "alcohol_susceptible_reason",
    "mh_arrangements_reason", "alcohol_arrangements_reason", "willingness_own_words")}


# What the demo interview records of the arrangements for its MHTR and ATR: with the
# arrangements criteria answered "yes", a countersignature needs them recorded.
ARRANGEMENTS = {name: value for name, value in DUAL.items()
                if name.startswith(("mhtr_", "atr_")) or name == "mh_treatment_mode"}


def without_reasons(answers: dict) -> dict:
    return {k: v for k, v in answers.items() if k not in REASONS}
