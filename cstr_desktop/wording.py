"""Every fixed text of the app, the reports and the core, in English and Welsh: one
lookup, :func:`t`, over the wording data in ``cstr_desktop/texts/`` (no Welsh in code).

A key is ``DOMAIN.NAME``: the domain names the file (``app`` for the desktop app's
screens, ``report`` for the printed report, ``core`` for words the core itself puts in
results: dates, "not yet answered", yes and no), loaded on first use. Each entry is
``{"en": ..., "cy": ...}``; English is required and stands in for a missing Welsh
text. ``{name}`` fields are filled from the keyword arguments.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path

TEXTS = Path(__file__).resolve().parent / "texts"


@cache
def domain(name: str) -> Mapping[str, Mapping[str, str]]:
    """All the entries of one wording file, by name."""
    with open(TEXTS / f"{name}.json", encoding="utf-8") as fh:
        return json.load(fh)


def entry(key: str) -> Mapping[str, str]:
    """The ``{"en": ..., "cy": ...}`` entry of ``DOMAIN.NAME``; KeyError if none."""
    name, _, rest = key.partition(".")
    return domain(name)[rest]


def t(key: str, lang: str = "en", **values: object) -> str:
    """The text of ``DOMAIN.NAME`` in ``lang`` (English when it has no Welsh), with its
    ``{fields}`` filled from ``values``."""
    texts = entry(key)
    text = texts.get(lang) or texts["en"]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    name, _, rest = key.partition(".")
    return rest in domain(name)
