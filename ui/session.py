"""What the window works on, kept free of heavy imports so the app starts quickly."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any


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


