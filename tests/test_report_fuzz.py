"""Generated text in every free-text field never crashes the renderer or loses printable text."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.fuzz import examples
from support.reporting import body_text, full_answers, snapshot, squash

from cstr_desktop.form_loader import load_bundle
from cstr_desktop.form_schema import LongTextQuestion, TextQuestion
from reports.court_report import render
from reports.fonts import FONT_DIR
from reports.summary_card import render_card

BUNDLE = load_bundle()
FREE_TEXT = [q.name for q in BUNDLE.questions.values()
             if isinstance(q, TextQuestion | LongTextQuestion)
             and q.show_if is None and q.name not in ("nhs_number",)]


from reportlab.pdfbase.ttfonts import TTFontFile  # noqa: E402

COVERED = set(TTFontFile(str(FONT_DIR / "DejaVuSans.ttf")).charToGlyph)

ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=3000)
# Letters the fonts hold, with spaces and punctuation: what must come back out.
PRINTABLE = st.text(st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:'!?()-")
    + list("âêîôûŵŷáéíóúàèìòùäëïöüÿÂÊÎÔÛŴŶđĐễệạảấầẩẫậắằẳẵặ")
    + list("абвгдежзийклмнопрстуфхцчшщъыьэюяαβγδεζηθικλμνξοπρστυφχψω")), min_size=1,
    max_size=400)


def _fill(texts: list[str]) -> dict:
    answers = full_answers(language_preference="en")
    for name, text in zip(FREE_TEXT, texts, strict=False):
        q = BUNDLE.questions[name]
        if isinstance(q, TextQuestion):
            text = text.replace("\n", " ").replace("\r", " ")[: q.max_length]
        answers[name] = text
    return answers


@pytest.mark.fuzz
@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ANY_TEXT, min_size=1, max_size=len(FREE_TEXT)),
       st.sampled_from(["en", "cy", "both"]))
def test_any_text_never_crashes(texts, lang):
    snap = snapshot(_fill(texts), lang=lang)
    assert render(snap).startswith(b"%PDF")
    assert render_card(snap).startswith(b"%PDF")


@pytest.mark.fuzz
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PRINTABLE)
def test_printable_text_is_not_lost(text):
    answers = _fill([])
    answers["willingness_own_words"] = text
    out = squash(unicodedata.normalize("NFC", body_text(render(snapshot(answers)))))
    assert squash(unicodedata.normalize("NFC", text)) in out


def test_control_characters_and_right_to_left_text():
    text = "Before\x00\x07\x1b after \u202eשלום עולם\u202c مرحبا\n\nNext line\ttab"
    answers = _fill([])
    answers["willingness_own_words"] = text
    out = body_text(render(snapshot(answers)))
    assert "Before after" in out  # control characters dropped, nothing else
    assert set("שלוםעולםمرحبا") <= set(out)  # right-to-left letters all printed
    assert "Next line" in out


def test_a_ten_thousand_character_word_wraps():
    answers = _fill([])
    answers["mh_history"] = "x" * 10_000
    out = squash(body_text(render(snapshot(answers, reader="probation"))))
    assert out.count("x") >= 10_000


def test_every_characters_in_the_names_are_covered_by_the_font():
    assert all(ord(ch) in COVERED for ch in "Siân Thị Minh Nguyễn-O'Brien ŵŷ Đ")


def test_fields_under_test():
    assert {"willingness_own_words", "mh_history", "risk_to_self", "offence_main",
            "recommendation_summary"} <= set(FREE_TEXT)
    assert not [n for n in FREE_TEXT if re.search(r"[^a-z0-9_]", n)]
