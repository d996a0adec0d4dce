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
from central.models import CaseFacts, MonthlyCategory, MonthlyFacts
from central.monthly import KIND_OF_DATE
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
# Sums, rates and means come from the monthly sums (a dozen rows for a year); the number of
# different people, which cannot be summed, from the facts (an index of date, court and
# person).

M = MonthlyFacts.__table__.c
C = MonthlyCategory.__table__.c


def _monthly_columns(spec: KpiFile, date_name: str) -> list:
    wanted: list = []
    for kpi in spec.kpis:
        if kpi.date != date_name or kpi.kind == "distinct":
            continue
        if kpi.kind == "mean":
            wanted.append(func.sum(M[kpi.numerator + "_sum"]).label(kpi.id + "__n"))
            wanted.append(func.sum(M[kpi.numerator + "_n"]).label(kpi.id + "__d"))
        else:
            wanted.append(func.sum(M[kpi.numerator]).label(kpi.id + "__n"))
            if kpi.denominator:
                wanted.append(func.sum(M[kpi.denominator]).label(kpi.id + "__d"))
    return wanted


def _distinct_columns(spec: KpiFile, date_name: str) -> list:
    return [func.count(func.distinct(T[k.numerator])).label(k.id + "__n")
            for k in spec.kpis if k.date == date_name and k.kind == "distinct"]


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


def _month_range(query, first: Period, last: Period):
    return query.where(M.month >= first.key, M.month <= last.key)


def compute(session: Session, period: Period, court_key: str | None = None,
            spec: KpiFile | None = None) -> dict[str, Figure]:
    """Every figure for one period, for one court (its folded name) or all."""
    spec = spec or kpis()
    values: dict[str, Any] = {}
    months = period.months()
    for date_name in _dates(spec):
        columns = _monthly_columns(spec, date_name)
        if columns:
            query = _month_range(select(*columns).where(
                M.kind == KIND_OF_DATE[date_name]), months[0], months[-1])
            if court_key:
                query = query.where(M.court_key == court_key)
            values.update(session.execute(query).one()._mapping)
        distinct = _distinct_columns(spec, date_name)
        if distinct:
            query = select(*distinct).where(T[date_name] >= period.start.isoformat(),
                                            T[date_name] < period.end.isoformat())
            if court_key:
                query = query.where(T.court_key == court_key)
            values.update(session.execute(query).one()._mapping)
    return _figures(spec, values)


def trend(session: Session, months: list[Period], court_key: str | None = None,
          spec: KpiFile | None = None) -> list[dict[str, Figure]]:
    """Every figure for each month of ``months`` (consecutive)."""
    spec = spec or kpis()
    per_month: dict[str, dict[str, Any]] = defaultdict(dict)
    for date_name in _dates(spec):
        columns = _monthly_columns(spec, date_name)
        if columns:
            query = _month_range(select(M.month, *columns).where(
                M.kind == KIND_OF_DATE[date_name]), months[0], months[-1]).group_by(M.month)
            if court_key:
                query = query.where(M.court_key == court_key)
            for row in session.execute(query):
                per_month[row.month].update({k: v for k, v in row._mapping.items()
                                             if k != "month"})
        distinct = _distinct_columns(spec, date_name)
        if distinct:
            month = func.substr(T[date_name], 1, 7).label("month")
            query = select(month, *distinct).where(
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
    names: dict[str, str] = {}
    months = period.months()
    for date_name in _dates(spec):
        columns = _monthly_columns(spec, date_name)
        if columns:
            query = _month_range(select(M.court_key, func.max(M.court_name).label("name"),
                                        *columns).where(M.kind == KIND_OF_DATE[date_name]),
                                 months[0], months[-1]).group_by(M.court_key)
            for row in session.execute(query):
                values = dict(row._mapping)
                names.setdefault(values.pop("court_key"), values.pop("name") or "?")
                per_court[row.court_key].update(values)
        distinct = _distinct_columns(spec, date_name)
        if distinct:
            query = select(T.court_key, *distinct).where(
                T[date_name] >= period.start.isoformat(),
                T[date_name] < period.end.isoformat()).group_by(T.court_key)
            for row in session.execute(query):
                values = dict(row._mapping)
                per_court[values.pop("court_key")].update(values)
    shown = {key: values for key, values in per_court.items() if key in names}
    return {names[key]: _figures(spec, values)
            for key, values in sorted(shown.items(), key=lambda kv: names[kv[0]])}


def breakdown(session: Session, item: Breakdown, period: Period,
              court_key: str | None = None) -> list[tuple[str, int]]:
    """(category, count) for one breakdown, largest first."""
    months = period.months()
    query = select(C.value, func.sum(C.n)).where(
        C.kind == KIND_OF_DATE[item.date], C.category == item.column,
        C.month >= months[0].key, C.month <= months[-1].key).group_by(C.value)
    if court_key:
        query = query.where(C.court_key == court_key)
    rows = [(str(value), int(n)) for value, n in session.execute(query) if n]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def window(session: Session, period: Period, court_key: str | None = None,
           spec: KpiFile | None = None) -> tuple[dict[str, Figure], dict[str, Figure],
                                                 list[dict[str, Figure]], bool]:
    """What the dashboard and the report show for a period, from one reading of the
    monthly sums of the twelve months to its end: the period's figures, the twelve months'
    figures, each month's (its different people not counted: no chart shows them), and
    whether a first-appointment count used an unpublished year of bank holidays."""
    spec = spec or kpis()
    months = period.trailing_months(12)
    per_month: dict[str, dict[str, Any]] = defaultdict(dict)
    for date_name in _dates(spec):
        columns = _monthly_columns(spec, date_name)
        if date_name == "sentenced_on":
            columns.append(func.sum(M.uncertain_days).label("uncertain__n"))
        query = _month_range(select(M.month, *columns).where(
            M.kind == KIND_OF_DATE[date_name]), months[0], months[-1]).group_by(M.month)
        if court_key:
            query = query.where(M.court_key == court_key)
        for row in session.execute(query):
            per_month[row.month].update({k: v for k, v in row._mapping.items()
                                         if k != "month"})
    inside = {m.key for m in period.months()}

    def summed(keys) -> dict[str, Any]:
        total: dict[str, Any] = defaultdict(int)
        for key in keys:
            for name, value in per_month.get(key, {}).items():
                total[name] += value or 0
        return total

    in_period, rolling = summed(inside), summed(m.key for m in months)
    for values, (start, end) in ((in_period, (period.start, period.end)),
                                 (rolling, (months[0].start, months[-1].end))):
        for date_name in _dates(spec):
            distinct = _distinct_columns(spec, date_name)
            if distinct:
                query = select(*distinct).where(T[date_name] >= start.isoformat(),
                                                T[date_name] < end.isoformat())
                if court_key:
                    query = query.where(T.court_key == court_key)
                values.update(session.execute(query).one()._mapping)
    return (_figures(spec, in_period), _figures(spec, rolling),
            [_figures(spec, per_month.get(m.key, {})) for m in months],
            bool(in_period.get("uncertain__n")))


def uncertain(session: Session, period: Period, court_key: str | None = None) -> bool:
    """Whether a first-appointment figure of the period used a year of bank holidays that
    is not published (central/data/bank_holidays.yaml)."""
    months = period.months()
    query = _month_range(select(func.sum(M.uncertain_days)).where(M.kind == "sentenced"),
                         months[0], months[-1])
    if court_key:
        query = query.where(M.court_key == court_key)
    return bool(session.scalar(query))
