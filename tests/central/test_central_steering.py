"""``cstr-central steering-report`` and ``export-deidentified`` as a person runs them, on
the court days of central_outcome_data.py: real PDFs read back (pypdf, pdffonts) and
real CSV files."""

from __future__ import annotations

import csv
import io
import re
import stat
import subprocess
from pathlib import Path

import pytest
from central_commands import cli
from central_outcome_data import CARDIFF, SWANSEA, load
from pypdf import PdfReader

from central.config import Settings, database_url
from central.db import Database
from central.keys import load_keys


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("steering")
    db = Database(Settings(data_dir=folder, database_url=database_url(folder, None),
                           key_dir=folder / "keys"))
    db.migrate()
    load(db, load_keys(folder / "keys"))
    db.dispose()
    return folder


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def fonts(path: Path) -> list[list[str]]:
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    return [row.split() for row in rows]


def test_the_monthly_report_in_english(data_dir, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Sentenced on the day fell to 76%: the list reached the team late.",
                    encoding="utf-8")
    out = tmp_path / "november.pdf"
    done = cli(data_dir, "steering-report", "--month", "2026-11", "--out", str(out),
               "--commentary", str(note))
    assert done.returncode == 0, done.stderr
    assert "November 2026 (all courts, en)" in done.stdout
    pages = pages_text(out)
    total = len(pages)
    assert total >= 3
    for number, text in enumerate(pages, start=1):
        assert text.count("OFFICIAL-SENSITIVE") == 2, number  # head and foot
        assert f"Page {number} of {total}" in text
    whole = " ".join(" ".join(pages).split())
    assert "CSTR steering group report" in whole and "November 2026 · All courts" in whole
    assert "the list reached the team late" in whole
    # The figures, with their formulas beside them; small counts suppressed.
    assert re.search(r"Assessments The number of countersigned assessments .*? 18 ", whole)
    assert re.search(r"Sentenced on the day .*? 76% 13 of 17 80% in the pilots", whole)
    assert re.search(r"Combined orders The number of those orders .*? <5 ", whole)
    assert re.search(r"Custody avoided where custody was indicated .*? – <5 of 5", whole)
    assert "Court by court" in whole and CARDIFF in whole and SWANSEA in whole
    assert "MHTR + ATR" in whole  # the combinations chart
    found = fonts(out)
    assert found and all(f[0].endswith(("DejaVuSans", "DejaVuSans-Bold")) for f in found)
    assert all(f[-5] == "yes" for f in found)  # every font embedded


def test_welsh_and_both_and_one_court(data_dir, tmp_path):
    welsh, both = tmp_path / "cy.pdf", tmp_path / "both.pdf"
    assert cli(data_dir, "steering-report", "--month", "2026-11", "--out", str(welsh),
               "--lang", "cy").returncode == 0
    text = " ".join(pages_text(welsh))
    assert "Adroddiad grŵp llywio CSTR" in text and "Tachwedd 2026" in text
    assert "SWYDDOGOL-SENSITIF" in text and "Tudalen 1 o" in text
    assert "Dedfrydwyd ar y diwrnod" in text and "OFFICIAL-SENSITIVE" not in text
    done = cli(data_dir, "steering-report", "--month", "2026-11", "--out", str(both),
               "--lang", "both", "--court", "swansea magistrates' court", "--marking",
               "OFFICIAL")
    assert done.returncode == 0, done.stderr
    pages = pages_text(both)
    assert "Page 1 of" in pages[0] and "Tudalen 1 o" in pages[0]
    assert "OFFICIAL / SWYDDOGOL" in pages[0]
    joined = " ".join(" ".join(pages).split())
    assert "November 2026 · Swansea Magistrates' Court" in joined
    assert "Tachwedd 2026 · Swansea Magistrates' Court" in joined
    assert "Court by court" not in joined  # one court: no comparison
    assert re.search(r"Assessments The number .*? 6 ", joined)


@pytest.mark.parametrize(("args", "words"), [
    (("--month", "2026-13"), "--month: '2026-13': there is no month 13"),
    (("--month", "2026-Q4"), "is not a month (YYYY-MM)"),
    (("--month", "2026-11", "--court", "Atlantis"), "no court named 'Atlantis' (courts: "),
    (("--month", "2026-11", "--commentary", "/nonexistent/note.txt"),
     "cannot read the commentary file"),
    (("--month", "2026-11", "--marking", ""), "--marking: give a marking"),
])
def test_bad_input_is_one_line_and_exit_2(data_dir, tmp_path, args, words):
    done = cli(data_dir, "steering-report", *args, "--out", str(tmp_path / "x.pdf"))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and words in done.stderr, done.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_on_postgresql(pg, tmp_path):
    url = pg.new_database()
    db = Database(Settings(data_dir=tmp_path, database_url=database_url(tmp_path, url),
                           key_dir=tmp_path / "keys"))
    db.migrate()
    load(db, load_keys(tmp_path / "keys"))
    db.dispose()
    out = tmp_path / "pg.pdf"
    done = cli(tmp_path, "steering-report", "--month", "2026-12", "--out", str(out),
               database=url)
    assert done.returncode == 0, done.stderr
    whole = " ".join(" ".join(pages_text(out)).split())
    assert re.search(r"Orders with a CSTR The number .*? <5 ", whole)  # 4 in December
    assert re.search(r"First appointment within 5 working days .*? – <5 of <5", whole)


# The de-identified export --------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_deidentified_export(data_dir, tmp_path):
    out = tmp_path / "evaluation.csv"
    done = cli(data_dir, "export-deidentified", "--from", "2026-11", "--to", "2026-12",
               "--out", str(out))
    assert done.returncode == 0, done.stderr
    rows = read_csv(out)
    assert len(rows) == 20  # 18 in November, 2 in December; not the quarantined one
    text = out.read_text(encoding="utf-8")
    for forbidden in ("Pritchard", "Rees", "Gethin", "CR-2026", "1988-03-14", "1979",
                      "14:30"):
        assert forbidden not in text, forbidden
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "a date, not a month"
    assert {r["assessed_month"] for r in rows} == {"2026-11", "2026-12"}
    assert len({r["case_pseudonym"] for r in rows}) == 20
    people = [r["person_pseudonym"] for r in rows]
    assert len(set(people)) == 19  # Gethin Rees, two cases, one pseudonym
    # Swansea in November: 4 people aged 35-44 and 2 cases of one aged 47: each too few.
    swansea = [r for r in rows if r["court"] == SWANSEA and r["assessed_month"] == "2026-11"]
    assert {r["age_band"] for r in swansea} == {"withheld"}
    cardiff = [r for r in rows if r["court"] == CARDIFF]
    assert {r["age_band"] for r in cardiff} == {"35-44"}
    adjourned = [r for r in cardiff if r["adjournment_reason"] == "report_not_ready"]
    assert [(r["first_outcome"], r["sentenced_month"], r["sentenced_on_day"],
             r["cstr_combination"]) for r in adjourned] == [
        ("adjourned", "2026-12", "no", "drr")] * 2
    key = data_dir / "keys" / "pseudonym.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == 32
    # The same key, the same pseudonyms; a new key, none the same.
    again = tmp_path / "again.csv"
    assert cli(data_dir, "export-deidentified", "--from", "2026-11", "--to", "2026-12",
               "--out", str(again)).returncode == 0
    assert read_csv(again) == rows
    original = key.read_bytes()
    key.unlink()
    try:
        assert cli(data_dir, "export-deidentified", "--from", "2026-11", "--to", "2026-12",
                   "--out", str(again)).returncode == 0
        assert not {r["person_pseudonym"] for r in read_csv(again)} & set(people)
    finally:
        key.write_bytes(original)
        key.chmod(0o600)


def test_the_figures_beside_the_export_are_suppressed(data_dir, tmp_path):
    out = tmp_path / "evaluation.csv"
    assert cli(data_dir, "export-deidentified", "--from", "2026-11", "--to", "2026-11",
               "--out", str(out)).returncode == 0
    figures = {(r["court"], r["figure"]): r for r in read_csv(tmp_path /
                                                              "evaluation.counts.csv")}
    assert figures[("all courts", "assessed")]["value"] == "18"
    assert figures[("all courts", "combined")]["value"] == "<5"
    assert figures[("all courts", "sentenced_on_day")]["value"] == "76"
    assert (figures[("all courts", "sentenced_on_day")]["numerator"],
            figures[("all courts", "sentenced_on_day")]["denominator"]) == ("13", "17")
    swansea = figures[(SWANSEA, "custody_avoided")]
    assert (swansea["value"], swansea["numerator"], swansea["denominator"]) == (
        "", "<5", "<5")
    assert figures[(CARDIFF, "made_drr")]["value"] == "0"


@pytest.mark.parametrize(("args", "words"), [
    (("--from", "2026-12", "--to", "2026-11"), "--to is before --from"),
    (("--from", "2026", "--to", "2026-11"), "--from: '2026' is not a month"),
])
def test_export_bad_input(data_dir, tmp_path, args, words):
    done = cli(data_dir, "export-deidentified", *args, "--out", str(tmp_path / "x.csv"))
    assert done.returncode == 2 and words in done.stderr, done.stderr
