"""The README's note on the law is made from the criteria file, and says what is uncertain."""

from __future__ import annotations

import importlib.util

from support.paths import ROOT

from cstr_desktop.form_loader import load_bundle


def _note_module():
    spec = importlib.util.spec_from_file_location("criteria_note",
                                                  ROOT / "scripts" / "criteria_note.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_note_matches_the_criteria_file():
    note = _note_module().note()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert note in readme, "run: python scripts/criteria_note.py --write"


def test_every_criterion_and_warning_names_its_source_and_the_note_lists_them():
    criteria = load_bundle().criteria
    note = _note_module().note()
    everything = [*criteria.gates, *(c for r in criteria.requirements for c in r.criteria)]
    for criterion in everything:
        assert criterion.source, criterion.id
        assert f"`{criterion.id}`" in note
    for warning in criteria.warnings:
        assert warning.source, warning.code
        assert f"`{warning.code}`" in note
    assert "[UNCERTAIN]" in note and "not settled" in note
