"""Input hygiene: hidden characters in names, bounded reads, JSON with no key twice.

A right-to-left override or a zero-width space in a name or a case number makes
one thing print as another (``CF-1234`` that sorts and searches as something
else), so names and case numbers refuse every invisible formatting character
(Unicode category Cf: bidirectional controls, zero-width spaces and joiners, the
byte-order mark). Control characters are refused where the text is checked.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

from cstr_desktop.errors import DuplicateKey

MAX_ANSWERS_FILE = 2 * 1024 * 1024
MAX_COURT_LIST = 16 * 1024 * 1024


def hidden_characters(text: str) -> list[str]:
    """The invisible formatting characters in ``text``, as U+XXXX NAME."""
    return [f"U+{ord(ch):04X} {unicodedata.name(ch, 'FORMAT CHARACTER')}"
            for ch in text if unicodedata.category(ch) == "Cf"]


def refuse_hidden_characters(text: str, what: str, error: type[Exception] | None = None) -> None:
    found = hidden_characters(text) if isinstance(text, str) else []
    if found:
        if error is None:
            from cstr_desktop.errors import StoreError

            error = StoreError
        raise error(f"{what} contains a hidden character ({found[0]}), which could make it "
                    "print or sort as something else: type it again without it")


def read_bounded(path: Path | str, limit: int, what: str) -> bytes:
    """A file's bytes, refusing one larger than ``limit`` without reading it all."""
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"{what} {path} is larger than {limit // 1024 // 1024} MiB: "
                         "not an answers file")
    return data


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


def loads_strict(text: str) -> Any:
    """JSON where an object giving the same key twice is an error, not 'the last wins'."""
    return json.loads(text, object_pairs_hook=_no_duplicate_keys)


def disable_core_dumps() -> bool:
    """No core file from this process: it holds keys and people's data in memory."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        return False
    return True
