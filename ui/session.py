"""What the window works on, kept free of heavy imports so the app starts quickly."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .settings import IDLE_DEFAULT, IDLE_RANGE


@dataclass
class Session:
    """What the window works on: the data folder, the form, the signed-in store, the case."""

    data_dir: Path
    lang: str = "en"
    kdf: Any = None  # the key derivation's cost; None for the store's default
    store: Any = None
    assessment_id: str | None = None
    case_number: str | None = None
    day: str = field(default_factory=lambda: date.today().isoformat())
    bundles: dict[tuple[str, int], Any] = field(default_factory=dict)

    def bundle(self) -> Any:
        """The form the open assessment was captured with (or the current one)."""
        from cstr_desktop.form_loader import load_bundle

        if self.assessment_id and self.store:
            row = self.store.assessment(self.assessment_id)
            key = (row["form_id"], row["form_version"])
            if key not in self.bundles:
                self.bundles[key] = load_bundle(*key)
            return self.bundles[key]
        return load_bundle()






def checked_idle_minutes(value: Any) -> tuple[float, str | None]:
    """The idle lock's minutes from the setting: 1 to 60, else the default and the value
    that was refused (to warn about)."""
    try:
        minutes = float(value)
    except (TypeError, ValueError):
        return IDLE_DEFAULT, str(value)[:20]
    if not IDLE_RANGE[0] <= minutes <= IDLE_RANGE[1]:
        return IDLE_DEFAULT, str(value)[:20]
    return minutes, None
