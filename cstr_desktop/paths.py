"""Where the store lives by default (kept light: the app's start imports it)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "cstr-desktop"
SLOTS_FILE = "keyslots.json"


def default_data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def store_exists(folder: Path) -> bool:
    return (Path(folder) / SLOTS_FILE).exists()
