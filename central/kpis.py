"""The steering group's figures, computed from the per-assessment facts.

Each figure (``central/data/kpis.yaml``) is a sum, a count of different people, a rate of
two sums or a mean over the assessments whose date (of assessment, of sentence, or of the
order's end) falls in the period: one query per kind of date, a range of its index, in
either database. ``shown`` writes a figure for a page or a PDF, with small numbers
suppressed when asked (``SUPPRESS_BELOW``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.definitions import Breakdown, Kpi, KpiFile, kpis
from central.models import CaseFacts
from central.periods import Period

SUPPRESS_BELOW = 5  # counts from 1 to 4 are shown as "<5" where suppression applies
T = CaseFacts.__table__.c


@dataclass(frozen=True)
class Figure:
    kpi: Kpi
    numerator: int | None  # a count, a sum, or for a mean the sum of the values
    denominator: int | None  # a rate's denominator; for a mean, how many values

    @property
    def value(self) -> float | None:
        if self.kpi.kind in ("count", "distinct"):
            return float(self.numerator or 0)
        if not self.denominator:
            return None
        ratio = (self.numerator or 0) / self.denominator
        return 100 * ratio if self.kpi.kind == "rate" else ratio

    def suppressed(self) -> bool:
        """Whether a small number would show (a count, a rate's parts, a mean's n)."""
        if self.kpi.kind in ("count", "distinct"):
            return small(self.numerator)
        if self.kpi.kind == "rate":
            return small(self.numerator) or small(self.denominator)
        return small(self.denominator)


def small(n: int | None) -> bool:
    return n is not None and 0 < n < SUPPRESS_BELOW


def count_text(n: int | None, suppress: bool) -> str:
    n = n or 0
    return f"<{SUPPRESS_BELOW}" if suppress and small(n) else f"{n:,}"


WORDS = {"of": {"en": "of", "cy": "o"}, "none": {"en": "no cases", "cy": "dim achosion"},
         "n": {"en": "n", "cy": "n"}}


def shown(figure: Figure, lang: str, suppress: bool) -> tuple[str, str]:
    """(the figure, its basis) as words: ("80%", "16 of 20"), ("–", "<5 of 12")."""
    lang = "cy" if lang == "cy" else "en"
    kpi = figure.kpi
    if kpi.kind in ("count", "distinct"):
        return count_text(figure.numerator, suppress), ""
    hidden = suppress and figure.suppressed()
    if kpi.kind == "rate":
        basis = (f"{count_text(figure.numerator, suppress)} {WORDS['of'][lang]} "
                 f"{count_text(figure.denominator, suppress)}")
        if not figure.denominator:
            return "–", WORDS["none"][lang]
        return ("–" if hidden else f"{figure.value:.0f}%"), basis
    basis = f"n = {count_text(figure.denominator, suppress)}"
    if not figure.denominator:
        return "–", WORDS["none"][lang]
    if hidden:
        return "–", basis
    unit = f" {kpi.unit.get(lang)}" if kpi.unit else ""
    return f"{figure.value:+.1f}".replace("-", "−") + unit, basis


# Queries ---------------------------------------------------------------------------------


def _columns(spec: KpiFile, date_name: str) -> list:
    wanted: list = []
    for kpi in spec.kpis:
        if kpi.date != date_name:
            continue
        if kpi.kind == "distinct":
            wanted.append(func.count(func.distinct(T[kpi.numerator])).label(kpi.id + "__n"))
        elif kpi.kind == "mean":
            wanted.append(func.sum(T[kpi.numerator]).label(kpi.id + "__n"))
            wanted.append(func.count(T[kpi.numerator]).label(kpi.id + "__d"))
        else:
            wanted.append(func.sum(T[kpi.numerator]).label(kpi.id + "__n"))
            if kpi.denominator:
                wanted.append(func.sum(T[kpi.denominator]).label(kpi.id + "__d"))
    return wanted


def _dates(spec: KpiFile) -> list[str]:
    return sorted({k.date for k in spec.kpis})


def _figures(spec: KpiFile, values: dict[str, Any]) -> dict[str, Figure]:
    out = {}
    for kpi in spec.kpis:
        n = values.get(kpi.id + "__n")
        d = values.get(kpi.id + "__d")
        out[kpi.id] = Figure(kpi, int(n or 0), int(d or 0) if kpi.kind in ("rate", "mean")
                             else None)
    return out


def compute(session: Session, period: Period, court_key: str | None = None,
            spec: KpiFile | None = None) -> dict[str, Figure]:
    """Every figure for one period, for one court (its folded name) or all."""
    spec = spec or kpis()
    values: dict[str, Any] = {}
    for date_name in _dates(spec):
        query = select(*_columns(spec, date_name)).where(
            T[date_name] >= period.start.isoformat(), T[date_name] < period.end.isoformat())
        if court_key:
            query = query.where(T.court_key == court_key)
        values.update(session.execute(query).one()._mapping)
    return _figures(spec, values)


def trend(session: Session, months: list[Period], court_key: str | None = None,
          spec: KpiFile | None = None) -> list[dict[str, Figure]]:
    """Every figure for each month of ``months`` (consecutive), one query per kind of date."""
    spec = spec or kpis()
    per_month: dict[str, dict[str, Any]] = defaultdict(dict)
    for date_name in _dates(spec):
        month = func.substr(T[date_name], 1, 7).label("month")
        query = select(month, *_columns(spec, date_name)).where(
            T[date_name] >= months[0].start.isoformat(),
            T[date_name] < months[-1].end.isoformat()).group_by(month)
        if court_key:
            query = query.where(T.court_key == court_key)
        for row in session.execute(query):
            per_month[row.month].update({k: v for k, v in row._mapping.items()
                                         if k != "month"})
    return [_figures(spec, per_month.get(m.key, {})) for m in months]


def by_court(session: Session, period: Period, spec: KpiFile | None = None
             ) -> dict[str, dict[str, Figure]]:
    """Every figure for the period, court by court (by the court's name)."""
    spec = spec or kpis()
    per_court: dict[str, dict[str, Any]] = defaultdict(dict)
    for date_name in _dates(spec):
        query = select(T.court_key, func.max(T.court_name).label("court_name"),
                       *_columns(spec, date_name)).where(
            T[date_name] >= period.start.isoformat(),
            T[date_name] < period.end.isoformat()).group_by(T.court_key)
        for row in session.execute(query):
            values = dict(row._mapping)
            name = values.pop("court_name") or "?"
            values.pop("court_key")
            per_court[name].update(values)
    return {name: _figures(spec, values) for name, values in sorted(per_court.items())}


def breakdown(session: Session, item: Breakdown, period: Period,
              court_key: str | None = None) -> list[tuple[str, int]]:
    """(category, count) for one breakdown, largest first."""
    column = T[item.column]
    query = select(column, func.count()).where(
        T[item.date] >= period.start.isoformat(), T[item.date] < period.end.isoformat(),
        T[item.where] > 0).group_by(column)
    if court_key:
        query = query.where(T.court_key == court_key)
    rows = [(str(category or "unknown"), int(n)) for category, n in session.execute(query)]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def uncertain(session: Session, period: Period, court_key: str | None = None) -> bool:
    """Whether a first-appointment figure of the period used a year of bank holidays that
    is not published (central/data/bank_holidays.yaml)."""
    query = select(func.sum(T.uncertain_days)).where(
        T.sentenced_on >= period.start.isoformat(), T.sentenced_on < period.end.isoformat())
    if court_key:
        query = query.where(T.court_key == court_key)
    return bool(session.scalar(query))
