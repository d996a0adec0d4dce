"""The court report: snapshot exactly, PDF read back, DRAFT, pages, fonts, verification."""

from __future__ import annotations

import json
import subprocess

import pytest
from support.paths import ROOT
from support.reporting import (
    APPROVED,
    DRAFT,
    GENERATED,
    PERSON,
    body_text,
    full_answers,
    pages,
    pdf_text,
    reader,
    snapshot,
    squash,
)

from reports.court_report import render
from reports.snapshot import ReportContext, snapshot_hash, verification_code
from reports.summary_card import render_card

GOLDEN = ROOT / "tests" / "golden"


def test_snapshot_of_a_minimal_assessment_exactly(example_answers):
    from cstr_desktop.form_loader import load_bundle
    from reports.snapshot import build_snapshot

    snap = build_snapshot(load_bundle(), example_answers("example_incomplete"),
                          ReportContext(assessor="ann"), "en", GENERATED)
    expected = json.loads((GOLDEN / "snapshot_incomplete_en.json").read_text(encoding="utf-8"))
    assert snap == expected


def test_a_report_kept_before_readers_copies_still_renders():
    """A snapshot of schema 1 (kept at a countersignature before this version) prints."""
    old = json.loads((GOLDEN / "snapshot_schema1_incomplete_en.json").read_text(
        encoding="utf-8"))
    text = pdf_text(render(old))
    assert "Identifiers and listing" in text and "Sam Example" in text
    assert "Opinion against the statutory criteria" in text
    assert "OFFICIAL" in text
    assert "Summary for court" in pdf_text(render_card(old))


def test_snapshot_prints_only_questions_shown_and_answered():
    answers = full_answers(interpreter_used="no", interpreter_language="Polish")
    snap = snapshot(answers)
    names = [i["name"] for part in snap["parts"] for i in part["items"]]
    assert "interpreter_language" not in names          # hidden by interpreter_used = no
    assert "language_offer_script" not in names         # a note
    assert "gp_details" not in names                    # not answered
    assert "phq9_1" not in names                        # instruments go in the measures table
    assert names.count("person_family_name") == 1


def test_snapshot_measures_and_criteria():
    snap = snapshot(full_answers(phq9_9=2), reader="probation")
    phq9 = next(m for m in snap["measures"] if m["id"] == "phq9")
    assert (phq9["total"], phq9["band"], phq9["complete"]) == (12, {"en": "Moderate"}, True)
    assert phq9["key_items"] == [{"item": 9, "label": {"en": PHQ9_ITEM9},
                                  "answer": {"en": "More than half the days"}}]
    assert phq9["asked_in"] == {"en": "Asked in English"}
    audit = next(m for m in snap["measures"] if m["id"] == "audit")
    assert audit["variant"] == "uk" and audit["subscores"][0]["value"] == 10
    assert audit["version"] == {"en": "UK version (units)"}
    assert snap["caveat"] == {"en": "Each score is a screening score, not a diagnosis."}
    assert snap["alerts"] == [{"en": "PHQ-9 item 9 is positive: explore thoughts of death or "
                                     "self-harm now, and record the immediate actions taken in "
                                     "Risk and safety."}]
    assert [r["id"] for r in snap["requirements"]] == ["mhtr", "atr"]  # those considered
    assert [c["id"] for c in snap["gates"]] == ["convicted", "age_18_plus",
                                                "offence_imprisonable", "capacity_to_consent"]
    assert snap["requirements"][0]["status"] == "eligible"


def test_the_court_reads_totals_bands_and_a_risk_statement_not_the_assessors_alert():
    snap = snapshot(full_answers(phq9_9=2, immediate_actions=["safety_plan_agreed",
                                                               "custody_healthcare"]))
    phq9 = next(m for m in snap["measures"] if m["id"] == "phq9")
    assert (phq9["total"], phq9["key_items"], phq9["subscores"]) == (12, [], [])
    assert snap["alerts"] == []
    assert snap["risk_statement"] == {"en": (
        "Risk to self was identified at this assessment. Immediate actions taken: Safety plan "
        "agreed with the person; Custody healthcare informed. The details are in the copy for "
        "the Probation Service.")}
    text = pdf_text(render(snap))
    assert "PHQ-9 item 9 is positive" not in text
    assert "Risk to self was identified at this assessment" in " ".join(text.split())
    none = snapshot(full_answers(phq9_9=1, immediate_actions=["none_needed"]))
    assert "No immediate actions were recorded." in none["risk_statement"]["en"]
    clear = snapshot(full_answers(phq9_9=0, current_thoughts_self_harm="no"))
    assert clear["risk_statement"] == {"en": "No risk to self was identified at this "
                                             "assessment."}


PHQ9_ITEM9 = "Thoughts that you would be better off dead or of hurting yourself in some way"


def test_names_read_back_exactly():
    text = pdf_text(render(snapshot()))
    assert "Siân Thị Minh Nguyễn-O'Brien" in text
    assert "Cardiff Magistrates' Court" in text


def test_draft_until_approved_and_never_after():
    draft = pages(render(snapshot()))
    assert all("DRAFT" in page for page in draft)
    approved = render(snapshot(context=APPROVED))
    assert not any("DRAFT" in page for page in pages(approved))
    assert "DRAFT" not in pdf_text(approved)
    # A file's report is never approved: the context from a file is a draft.
    assert "DRAFT" in pages(render(snapshot(context=ReportContext())))[0]


def test_an_amended_report_says_so_and_is_a_draft_again():
    amended = ReportContext(status="draft", version=2, assessor="ann",
                            amendment_reason="The date of birth was wrong.")
    text = pdf_text(render(snapshot(context=amended)))
    assert "Amended after countersignature. Reason: The date of birth was wrong." in text
    assert "DRAFT" in pages(render(snapshot(context=amended)))[0]


def test_page_x_of_y_on_a_long_report():
    story = "\n\n".join(f"Paragraph {i}: " + "A long account of the history. " * 30
                        for i in range(40))
    pdf = render(snapshot(full_answers(mh_history=story, risk_to_others=story[:9000]),
                          reader="probation"))
    found = pdf_text(pdf).split("\f")[:-1]
    total = len(reader(pdf).pages)
    assert total >= 6 and len(found) == total
    for number, page in enumerate(found, start=1):
        assert f"Page {number} of {total}" in page
        assert page.count("OFFICIAL-SENSITIVE") == 2  # top and bottom
    # The long narrative flowed across pages and nothing was lost.
    assert squash(story) in squash(body_text(pdf))


@pytest.mark.parametrize("variant", ["approved", "warnings", "notice", "declined", "card"])
def test_every_font_is_embedded(tmp_path, variant):
    snap = {"approved": lambda: snapshot(context=APPROVED, lang="both"),
            "warnings": lambda: snapshot(full_answers(sentence_indicated="custody"),
                                         lang="both"),
            "notice": lambda: snapshot(full_answers(consent_share_court="no"), lang="both"),
            "declined": lambda: snapshot(full_answers(consent_assessment="no"), lang="both"),
            "card": lambda: snapshot(full_answers(sentence_indicated="custody"))}[variant]()
    path = tmp_path / "r.pdf"
    path.write_bytes(render_card(snap) if variant == "card" else render(snap))
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    names = [row.split()[0] for row in rows]
    assert names and all("DejaVuSans" in name for name in names), names
    assert all(row.split()[-5] == "yes" for row in rows), rows  # the "emb" column


def test_the_qr_code_reads_back_as_the_verification_code(tmp_path):
    snap = snapshot(context=APPROVED)
    pdf = render(snap)
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    last = len(reader(pdf).pages)
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", str(last), "-l", str(last),
                    str(path), str(tmp_path / "page")], check=True)
    image = next(tmp_path.glob("page*.png"))
    found = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True,
                           text=True).stdout.strip()
    assert found == verification_code(snap)


def test_the_printed_verification_code_matches_the_snapshot():
    snap = snapshot(context=APPROVED)
    text = pdf_text(render(snap))
    code = verification_code(snap)
    assert code in text
    assert len(code) == 19 and code.count("-") == 3
    # The code comes from the countersignature and the snapshot's hash (trust model).
    from cstr_desktop.trust import verification_code as code_from

    assert code == code_from(snap["signatures"]["countersignature"], snapshot_hash(snap))
    assert "1234 entries, newest 3f2a91c0" in text  # the audit trail's head, short form
    # Another countersignature of the same content gives another code.
    resigned = {**snap, "signatures": {**snap["signatures"], "countersignature": "AAAA"}}
    assert verification_code(resigned) != code
    # The code names the record, not the print: it ignores the generation time...
    later = dict(snap, generated_at="2027-01-01T00:00:00+00:00")
    assert verification_code(later) == code
    # ...but any change to what is printed changes it.
    other = snapshot(full_answers(willingness_own_words="Something else."), context=APPROVED)
    assert verification_code(other) != code


def test_a_draft_carries_no_verification_code():
    snap = snapshot()
    assert verification_code(snap) not in pdf_text(render(snap))
    assert "Not yet countersigned" in pdf_text(render(snap))


def test_welsh_and_bilingual_reports():
    pdf = render(snapshot(lang="cy"))
    welsh = pdf_text(pdf)
    assert "Manylion adnabod a rhestru" in welsh and "Identifiers and listing" not in welsh
    assert "DRAFFT" in pages(pdf)[0] and "Tudalen 1 o" in welsh
    # Validated instruments stay in English, with a note.
    assert "Gofynnwyd yn Saesneg" in welsh
    # Yes/no answers in the question's own verb, not "Ydy / Oes / Do".
    assert "Ydy / Oes / Do" not in welsh
    assert "Gellir" in squash_lines(welsh, "A ellir cosbi'r drosedd")
    both = pdf_text(render(snapshot(lang="both")))
    assert "Identifiers and listing / Manylion adnabod a rhestru" in both
    assert "Page 1 of" in both and "Tudalen 1 o" in both


def squash_lines(text: str, start: str) -> str:
    """The text from ``start`` to 200 characters on, lines joined."""
    joined = " ".join(text.split())
    at = joined.index(start)
    return joined[at:at + 200]


def test_summary_card_is_one_page():
    snap = snapshot(context=APPROVED)
    pdf = render_card(snap)
    assert len(reader(pdf).pages) == 1
    text = pdf_text(pdf)
    assert "Summary for court" in text and "Siân Thị Minh Nguyễn-O'Brien" in text
    assert squash("Mental Health Treatment Requirement (MHTR)") in squash(text)
    assert "9 months" in text
    assert "Countersigned by: rita" in text and "Page 1 of 1" in text


def test_protective_marking_is_configurable():
    context = ReportContext(status="draft", marking="OFFICIAL-SENSITIVE")
    assert pdf_text(render(snapshot(context=context))).count("OFFICIAL-SENSITIVE") >= 2


def test_person_and_case_in_every_header():
    for page in pages(render(snapshot())):
        assert PERSON["case_number"] in page
        assert "Siân Thị Minh Nguyễn-O'Brien" in page


@pytest.mark.parametrize("lang", ["en", "cy", "both"])
def test_draft_context_default(lang):
    assert snapshot(context=DRAFT, lang=lang)["assessment"]["approved"] is False


def _rows_item(n: int) -> dict:
    """A table row whose label wraps onto several lines, tagged at both ends."""
    label = f"Rowstart{n:03d} " + "wrapping label words " * (1 + n % 4) + f"Rowend{n:03d}"
    return {"name": f"row_{n}", "long": False, "label": {"en": label},
            "answer": {"en": f"Answerstart{n:03d} short answer Answerend{n:03d}"}}


def test_a_table_row_is_never_split_across_pages():
    # A narrative of growing length before a long table moves the page break
    # through it; each row (label start and end, answer start and end) must
    # land whole on one page.
    straddled = 0
    for words in range(0, 400, 50):
        snap = snapshot(full_answers())
        narrative = {"name": "pad", "long": True, "label": {"en": "Narrative"},
                     "answer": {"en": " ".join(["detail"] * words) or "-"}}
        snap["parts"][0]["items"] = [narrative] + [_rows_item(n) for n in range(70)]
        page_texts = pdf_text(render(snap)).split("\f")
        pages_used = set()
        for n in range(70):
            marks = (f"Rowstart{n:03d}", f"Rowend{n:03d}", f"Answerstart{n:03d}",
                     f"Answerend{n:03d}")
            on = {i for i, text in enumerate(page_texts) for mark in marks if mark in text}
            assert len(on) == 1, (words, n, on)
            pages_used |= on
        straddled += len(pages_used) > 1
    # The table really did cross a page break in every variant.
    assert straddled == 8
