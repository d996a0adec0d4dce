"""Check a layout file's references, and the readers named in the form, against the form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cstr_desktop.errors import FormProblem
from cstr_desktop.forms.condition_checks import check_condition, possible_values
from cstr_desktop.forms.layout_schema import LayoutFile
from cstr_desktop.forms.schema import FormFile, MultiChoiceQuestion, NoteQuestion, YesNoQuestion

if TYPE_CHECKING:
    from cstr_desktop.forms.bundle import FormBundle


def check_layout(layout: LayoutFile, bundle: FormBundle, file: str) -> list[FormProblem]:
    problems: list[FormProblem] = []
    sections = {s.name for s in bundle.sections}

    def bad(subject: str, detail: str) -> None:
        problems.append(FormProblem("FORM_018", file, subject, detail))

    def answerable(name: str) -> bool:
        q = bundle.questions.get(name)
        return q is not None and not isinstance(q, NoteQuestion)

    for role, name in layout.roles:
        if name is not None and not answerable(name):
            bad(f"role '{role}'", f"'{name}' is not a question of form '{bundle.id}'")
    if layout.bilingual_when is not None:
        problems.extend(check_condition(layout.bilingual_when, bundle, file, "bilingual_when",
                                        None))
    placed: dict[str, str] = {}
    keys: set[str] = set()
    for part in layout.parts:
        subject = f"part '{part.key}'"
        if part.key in keys:
            bad(subject, "the key is used twice")
        keys.add(part.key)
        for name in part.sections:
            if name not in sections:
                bad(subject, f"'{name}' is not a section of form '{bundle.id}'")
            elif name in placed:
                bad(subject, f"section '{name}' is already printed in part '{placed[name]}'")
            else:
                placed[name] = part.key
    measures = any(part.kind == "measures" for part in layout.parts)
    for section in bundle.sections:
        if section.name in placed or (section.instruments and measures):
            continue
        where = ("a part whose kind is 'measures'" if section.instruments
                 else "the sections of one part")
        problems.append(FormProblem(
            "FORM_021", file, f"section '{section.name}'",
            f"is printed in no part of the report: add it to {where}"))
    for field, name in layout.prefill.items():
        if not answerable(name):
            bad(f"prefill '{field}'", f"'{name}' is not a question of form '{bundle.id}'")
    reader_ids: set[str] = set()
    for reader in layout.readers:
        subject = f"reader '{reader.id}'"
        if reader.id in reader_ids:
            bad(subject, "the id is used twice")
        reader_ids.add(reader.id)
        if reader.consent is not None and not isinstance(bundle.questions.get(reader.consent),
                                                         YesNoQuestion):
            bad(subject, f"consent '{reader.consent}' is not a yes/no question of the form")
        if reader.consent is None and reader.when_refused == "notice":
            bad(subject, "a notice in place of the copy needs the consent question it follows")
        if reader.withheld is not None:
            problems.extend(_check_withheld(reader.withheld, bundle, file, subject, sections))
    for name in layout.default_readers or []:
        if name not in reader_ids:
            bad("default_readers", f"'{name}' is not one of the layout's readers")
    summary = layout.risk_summary
    if summary is not None:
        for label, cond in (("identified_when", summary.identified_when),
                            ("assessed_when", summary.assessed_when)):
            problems.extend(check_condition(cond, bundle, file, f"risk_summary {label}", None))
        q = bundle.questions.get(summary.actions_question)
        if not answerable(summary.actions_question):
            bad("risk_summary", f"actions_question '{summary.actions_question}' is not a "
                                "question of the form")
        else:
            allowed = possible_values(q, bundle) or []
            for value in summary.no_action_values:
                if value not in allowed:
                    bad("risk_summary", f"no_action_values has {value!r}, which is not an "
                                        f"answer of '{summary.actions_question}'")
        if summary.details_in is not None and summary.details_in not in reader_ids:
            bad("risk_summary", f"details_in '{summary.details_in}' is not one of the "
                                "layout's readers")
    return problems


def _check_withheld(name: str, bundle: FormBundle, file: str, subject: str,
                    sections: set[str]) -> list[FormProblem]:
    """The withheld-items question: a multi-choice whose answers name questions or sections."""
    q = bundle.questions.get(name)
    if not isinstance(q, MultiChoiceQuestion):
        return [FormProblem("FORM_018", file, subject,
                            f"withheld '{name}' is not a multi_choice question of the form")]
    return [FormProblem("FORM_018", file, subject,
                        f"withheld '{name}' offers {c.value!r}, which is neither a question nor "
                        "a section of the form")
            for c in bundle.choices(q)
            if c.value not in bundle.questions and c.value not in sections]


def check_readers_named(form: FormFile, layout: LayoutFile | None,
                        file: str) -> list[FormProblem]:
    """Every reader a section or question names is one of the layout's readers."""
    known = {r.id for r in layout.readers} if layout is not None else set()
    problems = []
    for section in form.sections:
        named = [(f"section '{section.name}'", section.readers)] + [
            (f"question '{q.name}'", q.readers) for q in section.questions]
        for subject, readers in named:
            for reader in readers or []:
                if reader not in known:
                    problems.append(FormProblem(
                        "FORM_019", file, subject,
                        f"names the reader '{reader}', which is not one of the layout's "
                        f"readers {sorted(known)}"))
    return problems
