"""Pick the text for a language from a ``{"en": ..., "cy": ...}`` mapping."""

from __future__ import annotations

from collections.abc import Mapping


def tr(text: Mapping[str, str] | None, lang: str = "en") -> str:
    """The text in ``lang``, falling back to English; "" for no text."""
    if not text:
        return ""
    return text.get(lang) or text["en"]
