"""Check a layout file's references, and the readers named in the form, against the form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cstr_desktop.errors import FormProblem
from cstr_desktop.forms.condition_checks import check_condition, possible_values
from cstr_desktop.forms.layout_schema import KeptCard, LayoutFile, Part
from cstr_desktop.forms.schema import (
    FormFile,
    IntegerQuestion,
    MultiChoiceQuestion,
    NoteQuestion,
    SingleChoiceQuestion,
    YesNoQuestion,
)

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
        problems.extend(_check_requirement_sections(part, bundle, file))
    if layout.kept_card is not None:
        problems.extend(_check_kept_card(layout.kept_card, bundle, file))
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


def _requirement_ids(bundle: FormBundle) -> list[str]:
    return [r.id for r in bundle.criteria.requirements]


def _unknown_requirement(ident: str, bundle: FormBundle) -> str:
    return (f"'{ident}' is not a requirement of criteria '{bundle.criteria.id}' "
            f"{_requirement_ids(bundle)}")


def _check_requirement_sections(part: Part, bundle: FormBundle,
                                file: str) -> list[FormProblem]:
    """An opinion part's binding of each requirement to the section of its own criteria
    (FORM_022): a requirement of the criteria, and a section of this part, once."""
    problems: list[FormProblem] = []
    subject = f"part '{part.key}' requirement_sections"

    def bad(detail: str) -> None:
        problems.append(FormProblem("FORM_022", file, subject, detail))

    if part.requirement_sections and part.kind != "opinion":
        bad(f"binds requirements in a part whose kind is '{part.kind}': only a part of kind "
            "'opinion' prints a requirement's criteria")
        return problems
    bound: dict[str, str] = {}
    for ident, section in part.requirement_sections.items():
        if ident not in _requirement_ids(bundle):
            bad(_unknown_requirement(ident, bundle))
        elif section not in part.sections:
            bad(f"binds '{ident}' to '{section}', which is not one of this part's sections "
                f"{part.sections}")
        elif section in bound:
            bad(f"binds '{ident}' to section '{section}', which already holds "
                f"'{bound[section]}'")
        else:
            bound[section] = ident
    return problems


def _check_kept_card(card: KeptCard, bundle: FormBundle, file: str) -> list[FormProblem]:
    """The questions a kept card reads (FORM_022): each requirement's recommendation (a
    single choice) and period (whole months), the first appointment and the provider."""
    problems: list[FormProblem] = []

    def bad(subject: str, detail: str) -> None:
        problems.append(FormProblem("FORM_022", file, subject, detail))

    for ident, binding in card.requirements.items():
        subject = f"kept_card requirement '{ident}'"
        if ident not in _requirement_ids(bundle):
            bad(subject, _unknown_requirement(ident, bundle))
        for key, name, kind, words in (
                ("recommendation", binding.recommendation, SingleChoiceQuestion,
                 "a single_choice question"),
                ("period", binding.period, IntegerQuestion, "an integer question")):
            if name is not None and not isinstance(bundle.questions.get(name), kind):
                bad(subject, f"{key} '{name}' is not {words} of form '{bundle.id}'")
    for key, names in (("first_appointment", card.first_appointment),
                       ("provider", card.provider)):
        for name in names:
            q = bundle.questions.get(name)
            if q is None or isinstance(q, NoteQuestion):
                bad(f"kept_card {key}", f"'{name}' is not a question of form '{bundle.id}'")
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
