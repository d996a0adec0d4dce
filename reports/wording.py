"""The report's own wording in English and Welsh: the ``report`` domain of the one
wording lookup (``cstr_desktop.wording.t``; the texts are data, in
``cstr_desktop/texts/report.json``).

Labels of questions and choices come from the form files; these are the
report's headings and fixed phrases.
"""

from __future__ import annotations

from cstr_desktop.wording import has, t


def marking_text(marking: str, lang: str) -> str:
    """The marking in a language: SWYDDOGOL-SENSITIF on a Welsh page; a marking the app
    does not know is printed as it was set."""
    key = f"report.marking_{marking}"
    return t(key, lang) if has(key) else marking


def say(key: str, lang: str = "en", **values: object) -> str:
    """The report's text ``key`` (``cstr_desktop/texts/report.json``) in ``lang``."""
    return t("report." + key, lang, **values)
