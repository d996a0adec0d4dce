"""The app's settings as a typed model with a schema version and migrations (napari's
pattern), kept in a ``QSettings`` (the user's settings file or registry).

:func:`load_settings` reads what is stored, runs each migration from the stored
``schema_version`` up to :data:`SCHEMA_VERSION`, writes the result back, and checks
every value: one that is the wrong type or out of range is replaced by its default
and named in ``AppSettings.refused`` (the window warns about it), never cast where
it is read. :func:`save_settings` writes the model. Nothing else in the app reads or
writes a settings key.

Versions: 0 had loose keys (``language``, ``idle_minutes``, ``geometry``); 1 groups
them (``app/language``, ``lock/idle_minutes``, ``window/geometry``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1
LANGUAGES = ("en", "cy")
IDLE_DEFAULT = 5.0
IDLE_RANGE = (1.0, 60.0)

# Where each field is kept (version 1).
KEYS = {"language": "app/language", "idle_minutes": "lock/idle_minutes",
        "geometry": "window/geometry"}


@dataclass
class AppSettings:
    """What the app remembers between runs."""

    language: str = "en"
    idle_minutes: float = IDLE_DEFAULT  # the lock after this long without use, 1 to 60
    geometry: bytes = b""  # the window's place and size, as Qt saves it
    # Values found in the settings that were refused, as (field, value): not stored.
    refused: list[tuple[str, str]] = field(default_factory=list, compare=False)


def _from_loose_keys(raw: dict[str, Any]) -> dict[str, Any]:
    """0 -> 1: the loose keys move into their groups."""
    return {KEYS[name]: raw[name] for name in KEYS if name in raw}


# MIGRATIONS[n] takes the raw values of version n to version n + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _from_loose_keys}


def _raw(store: Any) -> dict[str, Any]:
    return {key: store.value(key) for key in store.allKeys() if key != "schema_version"}


def _version(store: Any) -> int:
    try:
        return int(store.value("schema_version", 0))
    except (TypeError, ValueError):
        return 0


def _language(value: Any) -> str:
    if value in LANGUAGES:
        return value
    raise ValueError


def _minutes(value: Any) -> float:
    minutes = float(value)
    if not IDLE_RANGE[0] <= minutes <= IDLE_RANGE[1]:
        raise ValueError
    return minutes


def _geometry(value: Any) -> bytes:
    if value is None or value == "":
        return b""
    data = value.data() if hasattr(value, "data") else value  # a QByteArray
    if isinstance(data, bytes):
        return data
    raise ValueError


CHECKS: dict[str, Callable[[Any], Any]] = {"language": _language, "idle_minutes": _minutes,
                                           "geometry": _geometry}


def checked(raw: dict[str, Any]) -> AppSettings:
    """The model from version-1 raw values; a bad value is its default, and noted."""
    settings = AppSettings()
    for name, check in CHECKS.items():
        value = raw.get(KEYS[name])
        if value is None:
            continue
        try:
            setattr(settings, name, check(value))
        except (TypeError, ValueError):
            settings.refused.append((name, str(value)[:20]))
    return settings


def migrate(raw: dict[str, Any], version: int) -> dict[str, Any]:
    """Raw values of ``version`` brought up to :data:`SCHEMA_VERSION`."""
    for step in range(version, SCHEMA_VERSION):
        raw = MIGRATIONS[step](raw)
    return raw


def load_settings(store: Any) -> AppSettings:
    """Read (and, when older, migrate and rewrite) the settings kept in ``store``."""
    version = _version(store)
    raw = _raw(store)
    if version < SCHEMA_VERSION:
        raw = migrate(raw, version)
        store.clear()
        for key, value in raw.items():
            store.setValue(key, value)
        store.setValue("schema_version", SCHEMA_VERSION)
    return checked(raw)


def save_settings(store: Any, settings: AppSettings) -> None:
    """Write the model to ``store`` (the refused values are not kept)."""
    store.setValue("schema_version", SCHEMA_VERSION)
    for name, key in KEYS.items():
        store.setValue(key, getattr(settings, name))
