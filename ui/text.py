"""The app's own words, in British English and Welsh: the ``app`` domain of the one
wording lookup (``cstr_desktop.wording.t``; the texts are data, in
``cstr_desktop/texts/app.json``)."""

from __future__ import annotations

from cstr_desktop import wording


def t(key: str, lang: str = "en", **values: object) -> str:
    """The app's text ``key`` (``cstr_desktop/texts/app.json``) in ``lang``."""
    return wording.t("app." + key, lang, **values)


def tn(key: str, n: int, lang: str = "en", **values: object) -> str:
    """A text with a count: ``key_one`` for 1, ``key_other`` otherwise ("1 answer is",
    "2 answers are"; Welsh takes the singular noun after a number, so both read alike)."""
    return t(f"{key}_{'one' if n == 1 else 'other'}", lang, n=n, **values)


def sentence(text: str) -> str:
    """A message from the core (written to follow a colon) as a sentence on its own."""
    return text[:1].upper() + text[1:]


def esc(text: str) -> str:
    """Plain text made safe to show inside a label's rich text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
