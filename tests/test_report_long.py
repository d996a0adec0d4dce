"""Long answers never break the report: every text field at its maximum length prints in
every reader's copy that holds it, flowing across pages, with nothing lost and never
inside one table cell."""

from __future__ import annotations

import pytest
from support.reporting import APPROVED, GENERATED, full_answers, pdf_text, reader

from cli.demo import longest_answers
from cstr_desktop.forms.answers import check_answers
from reports.blocks import CELL_LIMIT
from reports.court_report import render
from reports.snapshot import build_snapshot
from reports.summary_card import render_card
from reports.text_block import wrap_lines

READERS = ("court", "probation", "provider")


@pytest.fixture(scope="module")
def longest(bundle):
    answers = longest_answers(bundle)
    check_answers(bundle, answers)  # within the form's limits, every one
    return answers


def long_names(bundle) -> list[str]:
    return [n for n, q in bundle.questions.items() if q.type == "long_text"]


def held(snapshot: dict) -> set[str]:
    """The questions whose answers a copy prints (its parts, and each requirement's
    arrangements)."""
    return ({i["name"] for part in snapshot["parts"] for i in part["items"]}
            | {i["name"] for req in snapshot["requirements"] for i in req.get("arrangements", [])})


@pytest.fixture(scope="module")
def copies(bundle, longest):
    """Each reader's copy of the longest interview, in English and Welsh (the longest way)."""
    out = {}
    for who in READERS:
        snapshot = build_snapshot(bundle, longest, APPROVED, "both", GENERATED, who)
        out[who] = (snapshot, render(snapshot))
    return out


def test_every_text_field_at_its_maximum_is_within_the_form(bundle, longest):
    long_fields = long_names(bundle)
    assert len(long_fields) > 30
    assert all(len(longest[n]) == bundle.questions[n].max_length for n in long_fields)
    assert sum(len(v) for v in longest.values() if isinstance(v, str)) > 600_000


def test_the_fullest_copy_holds_every_long_answer(bundle, copies):
    snapshot, _ = copies["provider"]
    assert set(long_names(bundle)) <= held(snapshot)


@pytest.mark.parametrize("who", READERS)
def test_every_copy_renders_every_long_answer_it_holds_to_its_last_words(bundle, copies, who):
    snapshot, pdf = copies[who]
    assert snapshot["copy"] == "full"
    pages = len(reader(pdf).pages)
    text = pdf_text(pdf)
    assert "Page 1 of" in text and f"Page {pages} of {pages}" in text
    names = [n for n in long_names(bundle) if n in held(snapshot)]
    # Every criterion's reason is printed too (a long one under its table).
    names += sorted({c["assessor_reason"].rsplit("[end of ", 1)[-1].rstrip("]")
                     for req in snapshot["requirements"] for c in req["criteria"]
                     if (c["assessor_reason"] or "").endswith("]")})
    assert len(names) > (10 if who == "court" else 30)
    # Each answer ends "[end of NAME]": its end is there.
    words = " ".join(text.split())
    missing = [n for n in names if f"[end of {n}]" not in words]
    assert not missing
    # About 5,000 characters a page: the text flows, it is not cut or squeezed.
    printed = sum(len(a) for part in snapshot["parts"] for i in part["items"]
                  for a in i["answer"].values() if isinstance(a, str))
    assert printed / 8000 < pages < printed / 2000


def test_nothing_of_a_long_answer_is_lost(bundle):
    # Each line of a long answer numbered, so every one can be found in the PDF (in the
    # provider's copy: the risk formulation is not in the court's).
    size = bundle.questions["risk_to_self"].max_length
    numbered = "\n".join(f"line {i:05d} of the risk note" for i in range(size // 25))[:size]
    answers = full_answers(risk_to_self=numbered)
    pdf = render(build_snapshot(bundle, answers, APPROVED, "en", GENERATED, "provider"))
    text = pdf_text(pdf)
    last = numbered.splitlines()[-1]
    expected = [line for line in numbered.splitlines() if line.strip()]
    found = [line for line in expected if line in text]
    assert len(found) == len(expected), set(expected) - set(found)
    assert last in text


def test_ten_thousand_short_lines_print_one_to_a_line(bundle):
    size = bundle.questions["risk_to_self"].max_length
    lines = ("x\n" * 10_000)[:size]
    pdf = render(build_snapshot(bundle, full_answers(risk_to_self=lines), APPROVED, "en",
                                GENERATED, "provider"))
    # 10,000 lines at about 55 a page, plus the rest of the report.
    assert 180 < len(reader(pdf).pages) < 240


def test_a_long_reason_is_printed_under_the_criteria_table(bundle):
    reason = ("She understood the purpose of the assessment and weighed it up. " * 50)[:3000]
    pdf = render(build_snapshot(bundle, full_answers(capacity_notes=reason), APPROVED, "en",
                                GENERATED))
    text = pdf_text(pdf)
    assert "Given in full below the table." in text
    assert "Reasons: Has capacity to consent" in text
    assert len(reason) > CELL_LIMIT
    # The end of the reason is there too.
    assert "weighed it up." in text.split("Reasons: Has capacity to consent")[1]


@pytest.mark.parametrize("who", READERS)
def test_the_summary_card_cuts_a_long_answer_and_says_where_the_rest_is(bundle, longest, who):
    pdf = render_card(build_snapshot(bundle, longest, APPROVED, "en", GENERATED, who))
    text = pdf_text(pdf)
    assert "given in full in the court report" in text
    assert len(reader(pdf).pages) <= 2


def test_lines_wrap_at_spaces_and_break_only_words_wider_than_a_line():
    lines = wrap_lines("one two three four five six\n\nsecond paragraph " + "W" * 400,
                       "DejaVuSans", 9.5, 120)
    assert lines[0].startswith("one two")
    assert "" in lines  # the person's blank line is kept
    assert all(len(line) < 60 for line in lines)
    assert "".join(line for line in lines if set(line) == {"W"}) == "W" * 400
