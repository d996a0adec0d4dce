"""Render the report pages shown in the README into docs/ as PNG (needs pdftoppm).

Run: .venv/bin/python scripts/report_pages.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cli.demo import DUAL  # noqa: E402
from cstr_desktop.forms.loader import load_bundle  # noqa: E402
from reports.court_report import render  # noqa: E402
from reports.snapshot import ReportContext, build_snapshot  # noqa: E402
from reports.summary_card import render_card  # noqa: E402

GENERATED = "2026-11-25T11:02:00+00:00"
PERSON = {"person_family_name": "Nguyễn-O'Brien", "person_given_names": "Siân Thị Minh",
          "person_dob": "1988-03-02", "hearing_date": "2026-11-25",
          "court_name": "Cardiff Magistrates' Court", "courtroom": "1",
          "case_number": "CF-2026-0101"}
MINIMAL = {"person_family_name": "Example", "person_given_names": "Sam",
           "person_dob": "1990-04-12", "hearing_date": "2026-11-23",
           "court_name": "Milton Keynes Magistrates' Court", "courtroom": "3",
           "case_number": "MK-2026-0412", "language_preference": "en", "convicted": "yes",
           "capacity_to_consent": "yes", "consent_assessment": "yes",
           "consent_share_court": "yes", "consent_share_probation": "yes",
           "phq9_1": 1, "phq9_2": 1, "phq9_3": 1, "phq9_5": 0, "phq9_6": 0, "phq9_7": 0,
           "phq9_8": 0, "phq9_9": 0, "mh_requires_treatment": "yes"}
APPROVED = ReportContext(assessment_id="a-1", version=1, status="approved",
                         assessor="Rhiannon Price", assessor_role="Mental health nurse",
                         assessor_registration="NMC 00A0000W",
                         assessor_supervisor="Dr Eleri Hughes, clinical psychologist "
                                             "(HCPC PYL00000)",
                         countersigned_by="Tomos Evans", countersigner_role="Probation officer",
                         countersigned_at="2026-11-25T11:40:00+00:00",
                         countersignature="Hq3t2x9Vb0kq" * 7 + "AA==", audit_entries=1234,
                         audit_head="3f2a91c0" * 8)
DRAFT = ReportContext(assessment_id="a-1", version=1, status="draft", assessor="Rhiannon Price",
                      assessor_role="Mental health nurse")


def png(pdf: bytes, page: int, name: str) -> None:
    """One page of a PDF as docs/NAME.png at 60 dpi (-1: the last page)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.pdf"
        path.write_bytes(pdf)
        if page < 0:
            info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                                  check=True).stdout
            pages = int(next(line.split()[-1] for line in info.splitlines()
                             if line.startswith("Pages:")))
            page = pages + 1 + page
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page),
                        "-singlefile", str(path), str(ROOT / "docs" / name)], check=True)


def page_with(pdf: bytes, text: str) -> int:
    """The first page of a PDF whose text holds ``text``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.pdf"
        path.write_bytes(pdf)
        for page in range(1, 50):
            found = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(path),
                                    "-"], capture_output=True, text=True)
            if found.returncode != 0:
                break
            if text in found.stdout:
                return page
    return -1


def main() -> None:
    bundle = load_bundle()
    full = {**DUAL, **PERSON, "phq9_9": 1, "current_thoughts_self_harm": "no",
            "immediate_actions": ["safety_plan_agreed", "custody_healthcare"],
            "mhtr_first_appointment_date": "2026-12-02", "mhtr_first_appointment_time": "10:00",
            "mhtr_first_appointment_place": "Canton Health Centre (demo)",
            "atr_first_appointment_date": "2026-12-03", "atr_first_appointment_time": "14:30",
            "atr_first_appointment_place": "Community Alcohol Team, Cardiff (demo)"}

    def copy(answers: dict, context: ReportContext, lang: str = "en", reader: str = "court"):
        return build_snapshot(bundle, answers, context, lang, GENERATED, reader)

    court = render(copy(full, APPROVED))
    png(court, 1, "report-court-page1")
    png(court, 2, "report-court-page2")
    png(court, page_with(court, "Verification code"), "report-court-signatures")
    png(render(copy({**full, "consent_share_court": "no"}, APPROVED)), 1, "report-court-notice")
    png(render_card(copy(full, APPROVED)), 1, "summary-card")
    png(render(copy(full, DRAFT, reader="probation")), 3, "report-probation-page3")
    png(render(copy(MINIMAL, DRAFT)), 1, "report-minimal-page1")
    png(render(copy({**full, "language_preference": "cy"}, APPROVED, "both")), 1,
        "report-bilingual-page1")


if __name__ == "__main__":
    main()
