"""One form file read into its model: YAML parsed, the schema applied, and each
schema fault turned into a coded problem naming the file, the question and the field."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from cstr_desktop.errors import FormError, FormProblem
from cstr_desktop.forms.schema import (
    FormDocument,
    _condition_kind,
)


@lru_cache(maxsize=1)
def _document_adapter() -> TypeAdapter[Any]:
    """Built at the first validation only: a start that reads the validated forms from
    the cache (form_cache.py) never pays for building the validators."""
    return TypeAdapter(FormDocument)


def parse_document(text: str, file: str) -> Any:
    """Parse one form file's text into its model; raise FormError on any fault."""
    import yaml

    from cstr_desktop.forms.yaml_text import load_yaml

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
