"""Load the files in ``forms/`` and check every cross-reference.

``FormLibrary.load(folder)`` reads every ``*.yaml`` file below the folder,
validates each against :mod:`cstr_desktop.forms.schema`, and resolves each form
into a :class:`FormBundle` (its sections, questions, choice lists,
instruments and criteria). All faults found are reported together, each
with a code, the file, the question and the fault.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from cstr_desktop.errors import FormError, FormProblem
from cstr_desktop.forms.bundle import YES_NO, YES_NO_LIST, FormBundle, ResolvedSection  # noqa: F401
from cstr_desktop.forms.condition_checks import possible_values  # noqa: F401
from cstr_desktop.forms.documents import parse_document
from cstr_desktop.forms.resolve import _check_instrument, _resolve
from cstr_desktop.forms.schema import Question, Section  # noqa: F401

DEFAULT_FORM_ID = "cstr_court_day"


def default_forms_dir() -> Path:
    """The ``forms/`` folder shipped with the package (beside its ``__init__``, which is
    also where a PyInstaller bundle unpacks the form files)."""
    import forms

    return Path(forms.__file__).resolve().parent


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
    from cstr_desktop.forms.cache import load_library

    return load_library(Path(folder), FormLibrary)


def load_bundle(form_id: str = DEFAULT_FORM_ID, version: int | None = None,
                folder: Path | str | None = None) -> FormBundle:
    """The shipped (or given) form, loaded once per process."""
    folder = Path(folder) if folder is not None else default_forms_dir()
    return _cached_library(str(folder.resolve())).bundle(form_id, version)


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
