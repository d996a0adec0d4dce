"""Pick the text for a language from a ``{"en": ..., "cy": ...}`` mapping."""

from __future__ import annotations

from collections.abc import Mapping


def tr(text: Mapping[str, str] | None, lang: str = "en") -> str:
    """The text in ``lang``, falling back to English; "" for no text."""
    if not text:
        return ""
    return text.get(lang) or text["en"]


def count_text(n: int, one: Mapping[str, str] | None, other: Mapping[str, str] | None,
               lang: str = "en") -> str:
    """A number with its unit: "1 month", "9 months" ("1 mis", "9 mis" in Welsh, where a
    noun after a number stays singular). Without a unit, the number alone."""
    unit = tr(one, lang) if n == 1 and one else tr(other, lang)
    return f"{n} {unit}" if unit else str(n)
