"""Score an instrument from answers: totals, bands, subscores, skips, alerts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cstr_desktop.forms.conditions import holds
from cstr_desktop.forms.schema import Band, Instrument


@dataclass(frozen=True)
class SubscoreResult:
    id: str
    value: int | None
    positive: bool | None


@dataclass(frozen=True)
class InstrumentScore:
    instrument: str
    total: int | None
    complete: bool
    band: Band | None
    missing: tuple[str, ...]
    skipped: tuple[str, ...]
    subscores: tuple[SubscoreResult, ...] = field(default=())
    has_zones: bool = False

    def as_result(self) -> dict[str, Any]:
        """The instrument's entry in ``assess --json`` (contract.md section 3)."""
        result: dict[str, Any] = {"total": self.total, "complete": self.complete}
        if self.has_zones:
            result["zone"] = self.band.zone if self.band else None
        result["band"] = self.band.id if self.band else None
        for sub in self.subscores:
            result[sub.id] = sub.value
            result[f"{sub.id}_positive"] = sub.positive
        return result


def skipped_items(instrument: Instrument, answers: Mapping[str, Any]) -> set[str]:
    """Items not asked because a skip rule holds (they score 0)."""
    skipped: set[str] = set()
    for rule in instrument.scoring.skip_rules:
        if holds(rule.when, answers):
            skipped.update(rule.skip)
    return skipped


def score(instrument: Instrument, answers: Mapping[str, Any]) -> InstrumentScore:
    scoring = instrument.scoring
    skipped = skipped_items(instrument, answers)
    values: dict[str, int] = {}
    missing: list[str] = []
    for name in scoring.items:
        if name in skipped:
            values[name] = 0
        elif isinstance(answers.get(name), int) and not isinstance(answers.get(name), bool):
            values[name] = answers[name]
        else:
            missing.append(name)
    complete = not missing
    total = sum(values.values()) if complete else None
    band = None
    if total is not None:
        band = next((b for b in scoring.bands if b.min <= total <= b.max), None)
    subscores = []
    for sub in scoring.subscores:
        parts = [values.get(name) for name in sub.items]
        value = None if any(p is None for p in parts) else sum(parts)
        positive = None
        if value is not None and sub.positive_at is not None:
            positive = value >= sub.positive_at
        subscores.append(SubscoreResult(sub.id, value, positive))
    return InstrumentScore(
        instrument=instrument.id,
        total=total,
        complete=complete,
        band=band,
        missing=tuple(missing),
        skipped=tuple(n for n in scoring.items if n in skipped),
        subscores=tuple(subscores),
        has_zones=any(b.zone is not None for b in scoring.bands),
    )


def raised_alerts(instrument: Instrument, answers: Mapping[str, Any]) -> list[str]:
    return [alert.id for alert in instrument.alerts if holds(alert.when, answers)]
