"""Putting a form together with the files it uses, checking every cross-reference
(conditions, choice lists, instruments, criteria, the layout); all faults found are
reported together."""

from __future__ import annotations

from typing import Any

from cstr_desktop.errors import FormError, FormProblem
from cstr_desktop.forms.bundle import YES_NO, YES_NO_LIST, FormBundle, ResolvedSection  # noqa: F401
from cstr_desktop.forms.condition_checks import check_condition
from cstr_desktop.forms.criteria_checks import check_criteria
from cstr_desktop.forms.layout_checks import check_layout, check_readers_named
from cstr_desktop.forms.layout_schema import LayoutFile
from cstr_desktop.forms.schema import (
    Choice,
    DateQuestion,
    FormFile,
    Instrument,
    IntegerQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)

# --------------------------------------------------------------------------
# Cross-reference checks
# --------------------------------------------------------------------------


def _resolve(form: FormFile, file: str, documents: dict) -> FormBundle:
    problems: list[FormProblem] = []
    # Where each instrument and the criteria came from, so a fault names its file.
    source: dict[tuple[str, str], str] = {}

    def need(kind: str, ident: str, version: int):
        found = documents.get((kind, ident, version))
        if found is None:
            problems.append(FormProblem(
                "FORM_011", file, f"uses {kind} '{ident}' version {version}",
                "no such file in the forms folder"))
            return None
        source[(kind, ident)] = found[1]
        return found[0]

    choice_lists: dict[str, list[Choice]] = {}
    for ident, version in form.uses.choices.items():
        doc = need("choices", ident, version)
        if doc is not None:
            choice_lists.update(doc.lists)
    instruments: dict[str, Instrument] = {}
    for ident, version in form.uses.instruments.items():
        doc = need("instrument", ident, version)
        if doc is not None:
            instruments[ident] = doc
    criteria = None
    if len(form.uses.criteria) != 1:
        problems.append(FormProblem("FORM_011", file, "uses criteria",
                                    "a form uses exactly one criteria file"))
    for ident, version in form.uses.criteria.items():
        criteria = need("criteria", ident, version)
    layout = _find_layout(form, file, documents, need, problems)
    if problems:
        raise FormError(problems)

    sections: list[ResolvedSection] = []
    questions: dict[str, Any] = {}
    section_of: dict[str, str] = {}
    instrument_of: dict[str, str] = {}
    section_names: set[str] = set()
    for section in form.sections:
        if section.name in section_names:
            problems.append(FormProblem("FORM_005", file, f"section '{section.name}'",
                                        "the section name is used twice"))
        section_names.add(section.name)
        owners: list[tuple[Any, Instrument | None]] = [(q, None) for q in section.questions]
        used: list[Instrument] = []
        for ident in section.instruments:
            inst = instruments.get(ident)
            if inst is None:
                problems.append(FormProblem(
                    "FORM_006", file, f"section '{section.name}'",
                    f"instrument '{ident}' is not in the form's 'uses: instruments'"))
                continue
            used.append(inst)
            owners.extend((q, inst) for q in inst.questions)
        for q, inst in owners:
            if q.name in questions:
                problems.append(FormProblem(
                    "FORM_005", file, f"question '{q.name}'",
                    f"the name is already used in section '{section_of[q.name]}'"))
                continue
            questions[q.name] = q
            section_of[q.name] = section.name
            if inst is not None:
                instrument_of[q.name] = inst.id
        sections.append(ResolvedSection(
            section.name, section.title, section.intro, section.show_if,
            tuple(q for q, _ in owners), tuple(used),
            tuple(section.readers) if section.readers is not None else None))

    bundle = FormBundle(form, file, sections, questions, section_of, instruments, criteria,
                        choice_lists, instrument_of, layout)

    for q in questions.values():
        owner = instrument_of.get(q.name)
        where = source[("instrument", owner)] if owner else file
        own = instruments[owner].choices if owner else {}
        unknown = [n for n in _list_names(q) if n not in own and n not in choice_lists]
        for list_name in unknown:
            problems.append(FormProblem(
                "FORM_004", where, f"question '{q.name}'",
                f"choices refers to unknown list '{list_name}'"))
        if isinstance(q, YesNoQuestion) and not unknown:
            values = [c.value for c in bundle.choices(q)]
            if values != ["yes", "no"]:
                problems.append(FormProblem(
                    "FORM_017", where, f"question '{q.name}'",
                    f"its answer words have the values {values}; they must be ['yes', 'no']"))
        if isinstance(q, DateQuestion):
            for limit in (q.not_after, q.not_before):
                if limit is not None and not isinstance(questions.get(limit), DateQuestion):
                    problems.append(FormProblem(
                        "FORM_015", file, f"question '{q.name}'",
                        f"date limit refers to '{limit}', which is not a date question of "
                        "this form"))
    if problems:
        raise FormError(problems)

    for section in sections:
        if section.show_if is not None:
            problems.extend(check_condition(section.show_if, bundle, file,
                                            f"section '{section.name}'", None))
        for q in section.questions:
            if q.show_if is not None:
                owner = bundle.instrument_of.get(q.name)
                where = source[("instrument", owner)] if owner else file
                problems.extend(check_condition(q.show_if, bundle, where,
                                                f"question '{q.name}'", q.name))
    for inst in instruments.values():
        inst_file = source[("instrument", inst.id)]
        for rule in inst.scoring.skip_rules:
            problems.extend(check_condition(rule.when, bundle, inst_file, "skip rule", None))
        for alert in inst.alerts:
            problems.extend(check_condition(alert.when, bundle, inst_file,
                                            f"alert '{alert.id}'", None))
            if alert.action_question and alert.action_question not in questions:
                problems.append(FormProblem(
                    "FORM_016", inst_file, f"alert '{alert.id}'",
                    f"action_question '{alert.action_question}' is not a question of form "
                    f"'{form.id}'"))
        if inst.translation_note_when is not None:
            problems.extend(check_condition(inst.translation_note_when, bundle, inst_file,
                                            f"instrument '{inst.id}' translation_note_when",
                                            None))
    problems.extend(check_criteria(criteria, bundle, source[("criteria", criteria.id)]))
    problems.extend(check_readers_named(form, layout, file))
    if layout is not None:
        problems.extend(check_layout(layout, bundle, source[("layout", layout.id)]))
    if problems:
        raise FormError(problems)
    return bundle


def _find_layout(form: FormFile, file: str, documents: dict, need: Any,
                 problems: list[FormProblem]) -> LayoutFile | None:
    """The form's layout: the one it names in ``uses``, else the one whose ``applies_to``
    names it (a form made before layouts existed); a form may have none."""
    if len(form.uses.layout) > 1:
        problems.append(FormProblem("FORM_011", file, "uses layout",
                                    "a form uses at most one layout file"))
        return None
    for ident, version in form.uses.layout.items():
        return need("layout", ident, version)
    found = [(doc, rel) for (kind, _, _), (doc, rel) in sorted(documents.items())
             if kind == "layout" and any(ref.form == form.id and ref.version == form.version
                                         for ref in doc.applies_to)]
    if len(found) > 1:
        problems.append(FormProblem(
            "FORM_011", file, "layout",
            f"more than one layout applies to this form: {', '.join(r for _, r in found)}"))
        return None
    if not found:
        return None
    doc, rel = found[0]
    need("layout", doc.id, doc.version)  # records where it came from
    return doc


def _list_names(q: Any) -> list[str]:
    """The choice lists a question refers to, its wording variants' included."""
    names = [getattr(q, "choices", None)] + [v.choices for v in (q.variants or {}).values()]
    return [n for n in names if n]


def _check_instrument(inst: Instrument, file: str) -> list[FormProblem]:
    problems: list[FormProblem] = []
    by_name = {q.name: q for q in inst.questions}
    subject = f"instrument '{inst.id}'"

    def bad(detail: str) -> None:
        problems.append(FormProblem("FORM_013", file, subject, detail))

    if len(by_name) != len(inst.questions):
        seen: set[str] = set()
        for q in inst.questions:
            if q.name in seen:
                problems.append(FormProblem("FORM_005", file, f"question '{q.name}'",
                                            "the name is used twice in the instrument"))
            seen.add(q.name)
    for q in inst.questions:
        for list_name in _list_names(q):
            if list_name not in inst.choices:
                problems.append(FormProblem(
                    "FORM_004", file, f"question '{q.name}'",
                    f"choices refers to unknown list '{list_name}' (an instrument's lists are "
                    "its own)"))
    if problems:
        return problems
    scoring = inst.scoring
    for name in scoring.items:
        q = by_name.get(name)
        if q is None:
            bad(f"scoring item '{name}' is not a question of the instrument")
        elif scoring.method == "sum":
            if not isinstance(q, SingleChoiceQuestion):
                bad(f"scoring item '{name}' must be a single_choice question to be summed")
            else:
                lists = _list_names(q)
                for list_name in lists:
                    values = [c.value for c in inst.choices[list_name]]
                    if not all(isinstance(v, int) for v in values):
                        bad(f"scoring item '{name}': list '{list_name}' has values that are not "
                            "whole numbers")
        elif not isinstance(q, IntegerQuestion):
            bad(f"entered total '{name}' must be an integer question")
    for rule in scoring.skip_rules:
        for name in rule.skip:
            if name not in scoring.items:
                bad(f"skip rule skips '{name}', which is not a scoring item")
    for sub in scoring.subscores:
        for name in sub.items:
            if name not in scoring.items:
                bad(f"subscore '{sub.id}' uses '{name}', which is not a scoring item")
    for name in inst.key_items:
        if name not in by_name:
            bad(f"key item '{name}' is not a question of the instrument")
    for role in ("language_question", "subject_question"):
        name = getattr(inst, role)
        if name is not None and not isinstance(by_name.get(name), SingleChoiceQuestion):
            bad(f"{role} '{name}' must be a single_choice question of the instrument")
    if inst.variant_question is not None:
        vq = by_name.get(inst.variant_question)
        if not isinstance(vq, SingleChoiceQuestion):
            problems.append(FormProblem(
                "FORM_014", file, subject,
                f"variant_question '{inst.variant_question}' must be a single_choice question of "
                "the instrument"))
        else:
            allowed = {c.value for c in inst.choices[vq.choices]}
            for q in inst.questions:
                for key, variant in (q.variants or {}).items():
                    if key not in allowed:
                        problems.append(FormProblem(
                            "FORM_014", file, f"question '{q.name}'",
                            f"variant '{key}' is not a value of '{inst.variant_question}'"))
                    if variant.choices and getattr(q, "choices", None):
                        base = [c.value for c in inst.choices[q.choices]]
                        other = [c.value for c in inst.choices[variant.choices]]
                        if base != other:
                            problems.append(FormProblem(
                                "FORM_014", file, f"question '{q.name}'",
                                f"variant '{key}' offers values {other}, not the same as {base}"))
    else:
        for q in inst.questions:
            if q.variants:
                problems.append(FormProblem(
                    "FORM_014", file, f"question '{q.name}'",
                    "has wording variants but the instrument has no variant_question"))
    return problems

