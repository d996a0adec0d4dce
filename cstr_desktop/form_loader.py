"""Load the files in ``forms/`` and check every cross-reference.

``FormLibrary.load(folder)`` reads every ``*.yaml`` file below the folder,
validates each against :mod:`cstr_desktop.form_schema`, and resolves each form
into a :class:`FormBundle` (its sections, questions, choice lists,
instruments and criteria). All faults found are reported together, each
with a code, the file, the question and the fault.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .condition_checks import check_condition, possible_values
from .criteria_checks import check_criteria
from .form_errors import FormError, FormProblem
from .form_schema import (
    Choice,
    CriteriaFile,
    DateQuestion,
    FormDocument,
    FormFile,
    Instrument,
    IntegerQuestion,
    Question,
    Section,
    SingleChoiceQuestion,
    YesNoQuestion,
    _condition_kind,
)
from .layout_checks import check_layout, check_readers_named
from .layout_schema import LayoutFile
from .wording import entry

DEFAULT_FORM_ID = "cstr_court_day"
# A choice list of this name, if a form's choice files have one, words yes/no answers.
YES_NO_LIST = "yes_no"
YES_NO = [Choice(value=value, label=dict(entry(f"core.{value}"))) for value in ("yes", "no")]



@lru_cache(maxsize=1)
def _document_adapter() -> TypeAdapter[Any]:
    """Built at the first validation only: a start that reads the validated forms from
    the cache (form_cache.py) never pays for building the validators."""
    return TypeAdapter(FormDocument)


def default_forms_dir() -> Path:
    """The ``forms/`` folder shipped with the package (beside its ``__init__``, which is
    also where a PyInstaller bundle unpacks the form files)."""
    import forms

    return Path(forms.__file__).resolve().parent


def parse_document(text: str, file: str) -> Any:
    """Parse one form file's text into its model; raise FormError on any fault."""
    import yaml

    from .form_yaml import load_yaml

    try:
        raw = load_yaml(text)
    except yaml.YAMLError as exc:
        detail = str(exc).replace("\n", " ")
        raise FormError([FormProblem("FORM_001", file, "", f"not valid YAML: {detail}")]) from None
    except ValueError as exc:
        # PyYAML builds dates and tagged values with plain constructors, which raise
        # ValueError for "2026-02-30" or "!!int one".
        raise FormError([FormProblem("FORM_001", file, "", f"not valid YAML: {exc}")]) from None
    except RecursionError:
        raise FormError([FormProblem("FORM_001", file, "",
                                     "not valid YAML: nested too deeply")]) from None
    if not isinstance(raw, dict):
        raise FormError([FormProblem("FORM_001", file, "", "the file must hold a mapping of keys")])
    try:
        return _document_adapter().validate_python(raw)
    except ValidationError as exc:
        raise FormError(_schema_problems(exc, raw, file)) from None


def _schema_problems(exc: ValidationError, raw: Any, file: str) -> list[FormProblem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = list(err["loc"])
        subject = _subject_for(raw, loc)
        path = ".".join(str(p) for p in _field_path(raw, loc))
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        problems.append(FormProblem("FORM_002", file, subject, f"{path or 'file'}: {msg}"))
    return problems


_UNION_TAGS = {"form", "instrument", "choices", "criteria", "layout", "outcomes", "question",
               "sum", "score", "all", "any", "not",
               "text", "long_text", "integer", "date", "yes_no", "single_choice", "multi_choice",
               "time", "note", "int", "str"}


def _field_path(raw: Any, loc: list[Any]) -> list[Any]:
    """The error's location in the file: ``loc`` without pydantic's union tags.

    A tag is told from a key of the same name ('choices', 'criteria',
    'question', 'not') by the data: it is the node's kind, type or condition
    kind, and it comes once, before the node's own keys.
    """
    path: list[Any] = []
    node = raw
    tag_used = False
    for part in loc:
        if isinstance(part, str) and part.startswith("function-"):
            continue
        if not tag_used and isinstance(part, str) and part in _UNION_TAGS and (
                not isinstance(node, dict)
                or part in (node.get("kind"), node.get("type"), _condition_kind(node))):
            tag_used = True
            continue
        path.append(part)
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
        tag_used = False
    return path


def _subject_for(raw: Any, loc: list[Any]) -> str:
    """Name the nearest question, section or item on the error's path."""
    subject = ""
    node = raw
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            continue
        if isinstance(node, dict) and isinstance(node.get("name"), str):
            kind = "section" if ("questions" in node or "instruments" in node) else "question"
            subject = f"{kind} '{node['name']}'"
        elif isinstance(node, dict) and isinstance(node.get("id"), str) and node is not raw:
            subject = f"'{node['id']}'"
    return subject


# --------------------------------------------------------------------------
# The resolved bundle the engine works on.
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ResolvedSection:
    name: str
    title: dict[str, str]
    intro: dict[str, str] | None
    show_if: Any
    questions: tuple[Any, ...]
    instruments: tuple[Instrument, ...] = ()
    readers: tuple[str, ...] | None = None


@dataclass
class FormBundle:
    """A form with everything it refers to, resolved and checked."""

    form: FormFile
    file: str
    sections: list[ResolvedSection]
    questions: dict[str, Any]
    section_of: dict[str, str]
    instruments: dict[str, Instrument]
    criteria: CriteriaFile
    choice_lists: dict[str, list[Choice]]
    instrument_of: dict[str, str] = field(default_factory=dict)
    # How the answers become each reader's copy of the report (None: no report layout).
    layout: LayoutFile | None = None

    @property
    def id(self) -> str:
        return self.form.id

    def reader_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.layout.readers) if self.layout else ()

    def readers_of(self, name: str) -> tuple[str, ...]:
        """The readers whose copy prints a question's answer (an instrument item: its
        section's readers): the question's own list, else its section's, else the
        layout's default readers, else every reader."""
        question = self.questions[name]
        own = getattr(question, "readers", None)
        if own is not None and name not in self.instrument_of:
            return tuple(own)
        return self.section_readers(self.section_of[name])

    def section_readers(self, section_name: str) -> tuple[str, ...]:
        section = next(s for s in self.sections if s.name == section_name)
        if section.readers is not None:
            return section.readers
        if self.layout is not None and self.layout.default_readers is not None:
            return tuple(self.layout.default_readers)
        return self.reader_ids()

    def role(self, name: str) -> str | None:
        """The question that plays a role in the report (``given_names``, ...)."""
        return getattr(self.layout.roles, name) if self.layout is not None else None

    @property
    def version(self) -> int:
        return self.form.version

    def choices(self, question: Any, variant: str | None = None) -> list[Choice]:
        """The choices offered for a question (with an instrument's wording variant)."""
        if isinstance(question, YesNoQuestion):
            list_name = question.choices or (
                YES_NO_LIST if YES_NO_LIST in self.choice_lists else None)
            return self._list(question.name, list_name) if list_name else YES_NO
        list_name = getattr(question, "choices", None)
        if variant and question.variants and variant in question.variants:
            list_name = question.variants[variant].choices or list_name
        if list_name is None:
            return []
        return self._list(question.name, list_name)

    def _list(self, question_name: str, list_name: str) -> list[Choice]:
        inst = self.instrument_of.get(question_name)
        if inst is not None and list_name in self.instruments[inst].choices:
            return self.instruments[inst].choices[list_name]
        return self.choice_lists[list_name]


class FormLibrary:
    """Every form file in a folder, parsed, indexed and cross-checked."""

    def __init__(self, folder: Path, documents: dict[tuple[str, str, int], tuple[Any, str]]):
        self.folder = folder
        self._documents = documents
        self._bundles: dict[tuple[str, int], FormBundle] = {}

    @classmethod
    def load(cls, folder: Path | str | None = None) -> FormLibrary:
        """Every ``*.yaml`` file below ``folder`` (default: the shipped ``forms/``)."""
        folder = Path(folder) if folder is not None else default_forms_dir()
        texts: dict[str, str | bytes] = {}
        for path in sorted(folder.rglob("*.yaml")):
            texts[_display_path(path, folder)] = path.read_bytes()
        return cls.from_texts(texts, folder)

    @classmethod
    def from_texts(cls, texts: dict[str, str | bytes], folder: Path | None = None) -> FormLibrary:
        """A library from file names and contents; raises FormError listing every fault."""
        problems: list[FormProblem] = []
        documents: dict[tuple[str, str, int], tuple[Any, str]] = {}
        for rel, content in texts.items():
            try:
                text = content.decode("utf-8") if isinstance(content, bytes) else content
                doc = parse_document(text, rel)
            except UnicodeDecodeError as exc:
                problems.append(FormProblem("FORM_001", rel, "", f"not UTF-8 text ({exc.reason})"))
                continue
            except FormError as exc:
                problems.extend(exc.problems)
                continue
            key = (doc.kind, doc.id, doc.version)
            if key in documents:
                problems.append(FormProblem(
                    "FORM_010", rel, f"{doc.kind} '{doc.id}' version {doc.version}",
                    f"already defined in {documents[key][1]}"))
                continue
            documents[key] = (doc, rel)
        library = cls(folder or Path("."), documents)
        for (kind, _id, _version), (doc, rel) in documents.items():
            if kind == "instrument":
                problems.extend(_check_instrument(doc, rel))
        if not problems:
            for (kind, form_id, version), _ in sorted(documents.items()):
                if kind == "form":
                    try:
                        library.bundle(form_id, version)
                    except FormError as exc:
                        problems.extend(exc.problems)
        if problems:
            raise FormError(problems)
        return library

    def documents(self, kind: str) -> list[Any]:
        return [doc for (k, _, _), (doc, _) in sorted(self._documents.items()) if k == kind]

    def latest_version(self, form_id: str) -> int:
        versions = [v for (k, i, v) in self._documents if k == "form" and i == form_id]
        if not versions:
            raise FormError([FormProblem("FORM_011", "", f"form '{form_id}'", "no such form")])
        return max(versions)

    def bundle(self, form_id: str = DEFAULT_FORM_ID, version: int | None = None) -> FormBundle:
        if version is None:
            version = self.latest_version(form_id)
        key = (form_id, version)
        if key not in self._bundles:
            found = self._documents.get(("form", form_id, version))
            if found is None:
                raise FormError([FormProblem(
                    "FORM_011", "", f"form '{form_id}' version {version}", "no such form")])
            self._bundles[key] = _resolve(found[0], found[1], self._documents)
        return self._bundles[key]


def _display_path(path: Path, folder: Path) -> str:
    try:
        return str(Path(folder.name) / path.relative_to(folder))
    except ValueError:
        return str(path)


@lru_cache(maxsize=8)
def _cached_library(folder: str) -> FormLibrary:
    from .form_cache import load_library

    return load_library(Path(folder), FormLibrary)


def load_bundle(form_id: str = DEFAULT_FORM_ID, version: int | None = None,
                folder: Path | str | None = None) -> FormBundle:
    """The shipped (or given) form, loaded once per process."""
    folder = Path(folder) if folder is not None else default_forms_dir()
    return _cached_library(str(folder.resolve())).bundle(form_id, version)


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


__all__ = [
    "DEFAULT_FORM_ID",
    "FormBundle",
    "FormLibrary",
    "Question",
    "ResolvedSection",
    "Section",
    "default_forms_dir",
    "load_bundle",
    "parse_document",
    "possible_values",
]
