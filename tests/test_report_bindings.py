"""The reports name no question or section of one form version: how a form groups what a
copy prints is data in its layout (an opinion part's ``requirement_sections``, the
``kept_card`` of version 1), read by the renderer from the form the snapshot names.
These tests change that data and watch the printed copy follow it, and scan the
reports' code for any form id written in it."""

from __future__ import annotations

import ast
import dataclasses
import typing

import pytest
from support.paths import ROOT
from support.reporting import APPROVED, GENERATED, body_text, full_answers, pdf_text, snapshot

from cstr_desktop.forms.layout_schema import Part, Roles
from cstr_desktop.forms.loader import load_bundle
from reports import bindings
from reports.court_report import render
from reports.snapshot import build_snapshot
from reports.summary_card import render_card

MHTR = "Mental Health Treatment Requirement (MHTR)"
ATR = "Alcohol Treatment Requirement (ATR)"
GATES = "Conditions for any treatment requirement"


def with_layout(monkeypatch, version: int, **changes) -> None:
    """The renderer reads the form's layout with ``changes`` (to the opinion part's
    ``requirement_sections``, or to the layout itself)."""
    bundle = load_bundle(version=version)
    sections = changes.pop("requirement_sections", None)
    parts = [part.model_copy(update={"requirement_sections": sections})
             if sections is not None and part.kind == "opinion" else part
             for part in bundle.layout.parts]
    layout = bundle.layout.model_copy(update={"parts": parts, **changes})
    changed = dataclasses.replace(bundle, layout=layout)
    monkeypatch.setattr(bindings, "load_bundle", lambda form_id, form_version: changed)


def opinion(pdf: bytes) -> tuple[str, str]:
    """The opinion part's text before the gates' table, and from it on."""
    text = body_text(pdf)
    text = text[text.index("7. Opinion against"):text.index("8. Arrangements")]
    return text[:text.index(GATES)], text[text.index(GATES):]


def test_a_requirements_own_answers_follow_the_section_the_layout_binds(monkeypatch):
    copy = snapshot(reader="probation")
    first, rest = opinion(render(copy))
    # The level of care is asked in the MHTR's criteria section, and printed under it.
    assert rest.index(MHTR) < rest.index("Level of care") < rest.index(ATR)
    assert "Which treatment requirements" in first and "Level of care" not in first
    with_layout(monkeypatch, 2, requirement_sections={"mhtr": "atr_criteria",
                                                      "atr": "mhtr_criteria"})
    first, rest = opinion(render(copy))
    assert rest.index(ATR) < rest.index("Level of care")
    with_layout(monkeypatch, 2, requirement_sections={})
    first, rest = opinion(render(copy))  # a section bound to no requirement comes first
    assert "Level of care" in first and "Level of care" not in rest


KEPT_ANSWERS = {"recommendation_mhtr": "suitable", "recommendation_atr": "not_suitable",
                "mhtr_period_months": 6, "first_appointment_date": "2026-12-01",
                "first_appointment_time": "10:30", "first_appointment_place": "Cardiff CMHT",
                "provider_name": "Cardiff and Vale UHB",
                "treatment_director_name": "Dr Eleri Hughes"}


def kept_copy() -> dict:
    """A version 1 copy as it was kept before readers' copies existed (schema 1)."""
    bundle = load_bundle(version=1)
    answers = {k: v for k, v in full_answers(**KEPT_ANSWERS).items() if k in bundle.questions}
    copy = build_snapshot(bundle, answers, APPROVED, "en", GENERATED)
    return {**copy, "schema": "cstr-report-snapshot/1"}


def test_a_kept_cards_answers_are_the_questions_version_1_binds(monkeypatch):
    card = " ".join(pdf_text(render_card(kept_copy())).split())
    assert f"{MHTR} All criteria met · Suitable · 6 months" in card
    assert f"{ATR} All criteria met · Not suitable · 9 months" in card
    assert "Main offence Theft from a shop" in card
    assert "First appointment 1 December 2026 · 10:30 · Cardiff CMHT" in card
    assert "Cardiff and Vale UHB · Dr Eleri Hughes" in card
    with_layout(monkeypatch, 1, kept_card=None)
    unbound = " ".join(pdf_text(render_card(kept_copy())).split())
    # No recommendation, no period, no appointment: the card says only what it knows.
    assert f"{MHTR} All criteria met ✔ {ATR} All criteria met Suitable for a" in unbound
    assert "First appointment Nothing recorded." in unbound


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def _form_ids_in(path, form_ids: set[str], allowed: set[str], requirements: list[str]
                 ) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)}
    compared = {id(c) for node in ast.walk(tree) if isinstance(node, ast.Compare)
                for c in [node.left, *node.comparators]}
    kinds = set(typing.get_args(Part.model_fields["kind"].annotation))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                id(node) not in docstrings and node.value in form_ids:
            # A snapshot's own key or a role's name may be spelt like an id; an id compared
            # with an answer's name or section may not.
            ok = node.value in kinds if id(node) in compared else node.value in allowed
            if not ok:
                found.append(f"{path.name}:{node.lineno}: {node.value!r}")
        elif isinstance(node, ast.JoinedStr):
            pattern = "".join(v.value if isinstance(v, ast.Constant) else "{}"
                              for v in node.values)
            if pattern.count("{}") == 1:
                hits = [pattern.format(r) for r in requirements
                        if pattern.format(r) in form_ids]
                found += [f"{path.name}:{node.lineno}: f{pattern!r} makes {hit!r}"
                          for hit in hits]
    return found


def test_no_question_or_section_id_is_written_in_the_reports():
    form_ids, requirements = set(), []
    for version in (1, 2):
        bundle = load_bundle(version=version)
        form_ids |= set(bundle.questions) | {s.name for s in bundle.sections}
        requirements += [r.id for r in bundle.criteria.requirements]
    copies = [snapshot(reader=r) for r in ("court", "probation", "provider")]
    copies += [snapshot(full_answers(consent_share_court="no")),
               snapshot(full_answers(consent_assessment="no"), reader="probation")]
    allowed = set().union(*map(_keys, copies)) | set(Roles.model_fields)
    found = [hit for path in sorted((ROOT / "reports").glob("*.py"))
             for hit in _form_ids_in(path, form_ids, allowed, requirements)]
    assert found == []


@pytest.mark.parametrize("folder", ["reports"])
def test_no_report_module_is_long(folder):
    long = {p.name: n for p in (ROOT / folder).glob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert long == {}
