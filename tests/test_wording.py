"""One wording lookup (cstr_desktop.wording.t) for the core, the reports and the app, over
data files; no Welsh text written in the code."""

from __future__ import annotations

import ast
import json
import string

import pytest
from support.paths import ROOT

from cstr_desktop import wording
from reports.wording import marking_text, say
from ui.day_words import long_date
from ui.text import t as app_t

DOMAINS = sorted(p.stem for p in wording.TEXTS.glob("*.json"))


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_domains_are_the_app_the_report_and_the_core():
    assert DOMAINS == ["app", "core", "report"]


@pytest.mark.parametrize("name", DOMAINS)
def test_every_text_is_in_english_and_welsh_and_the_welsh_keeps_every_field(name):
    entries = json.loads((wording.TEXTS / f"{name}.json").read_text(encoding="utf-8"))
    assert len(entries) > 20
    for key, texts in entries.items():
        assert set(texts) == {"en", "cy"}, key
        assert texts["en"].strip() and texts["cy"].strip(), key
        assert fields(texts["en"]) <= fields(texts["cy"]), key  # Welsh loses nothing


def test_the_app_the_report_and_the_core_all_look_up_through_t():
    assert app_t("sign_in", "cy") == wording.t("app.sign_in", "cy") == "Mewngofnodi"
    assert say("page_of", "cy", page=2, pages=5) == "Tudalen 2 o 5"
    assert marking_text("OFFICIAL-SENSITIVE", "cy") == "SWYDDOGOL-SENSITIF"
    assert marking_text("SECRET-ISH", "cy") == "SECRET-ISH"  # unknown: as it was set
    assert long_date("2026-12-03", "cy") == "Dydd Iau 3 Rhagfyr 2026"
    assert wording.t("core.not_yet_answered", "en", label="Convicted") == \
        "Not yet answered: Convicted"
    with pytest.raises(KeyError):
        wording.t("app.no_such_text")


def _welsh_in_code(path) -> list[str]:
    """Texts written in the code as a translation: a dict of just "en" and "cy" (and no
    more keys) whose Welsh is text."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Dict):
            continue
        keys = {k.value: v for k, v in zip(node.keys, node.values, strict=True)
                if isinstance(k, ast.Constant)}
        if set(keys) == {"en", "cy"} and isinstance(keys["cy"], ast.Constant | ast.JoinedStr):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_welsh_text_is_written_in_the_code():
    files = [p for folder in ("cstr_desktop", "reports", "ui")
             for p in sorted((ROOT / folder).rglob("*.py"))]
    found = [where for path in files for where in _welsh_in_code(path)]
    assert found == [], "move these texts to cstr_desktop/texts/*.json: " + ", ".join(found)
