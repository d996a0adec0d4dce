"""Everything the dashboard and the steering report show for a period and a court: the
figures with their formulas, twelve months of trend, the breakdowns and the courts side
by side, worked out once and drawn twice (a page, a PDF) from the same charts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.graphics.shapes import Drawing
from sqlalchemy import select
from sqlalchemy.orm import Session

from central import charts, kpis
from central.definitions import KpiFile
from central.definitions import kpis as kpi_spec
from central.kpis import Figure, shown, small
from central.models import Court
from central.periods import Period
from central.text import translate

COURT_COLUMNS = ("assessed", "sentenced_on_day", "cstrs_made", "first_within_5",
                 "non_compliance", "completed")


@dataclass
class Row:
    id: str
    title: str
    value: str
    basis: str
    formula: str
    rolling: str
    rolling_basis: str
    reference: str | None


@dataclass
class Group:
    title: str
    rows: list[Row]


@dataclass
class BreakdownView:
    id: str
    title: str
    formula: str
    items: list[tuple[str, float, str]]  # label, value drawn, text shown


@dataclass
class Dashboard:
    period: Period
    lang: str
    suppress: bool
    court: str | None
    scope: str
    groups: list[Group]
    months: list[str]
    month_keys: list[str]
    count_series: list[charts.Series]
    count_table: list[list[str]]
    rate_series: list[charts.Series]
    rate_table: list[list[str]]
    references: list[tuple[int, float, str]]
    breakdowns: list[BreakdownView]
    courts: list[list[str]] = field(default_factory=list)
    court_headings: list[str] = field(default_factory=list)
    uncertain: bool = False

    def t(self, key: str, **values: Any) -> str:
        return translate(self.lang, key, **values)

    def drawings(self, width: float = 500, size: float = 8) -> dict[str, Drawing]:
        """The charts: for the PDF at its width; for a page narrower, with larger text
        (the page scales them to its column)."""
        height = width * 0.5
        out = {"counts": charts.bars_by_month(self.months, self.count_series, width, height,
                                              size),
               "rates": charts.lines_by_month(self.months, self.rate_series,
                                              self.references, width, height, size)}
        for item in self.breakdowns:
            if item.items:
                out[item.id] = charts.bars_across(item.items, width, size)
        return out


def courts(session: Session) -> list[tuple[str, str]]:
    """(folded name, name) of every court named in a record."""
    return [(c.court_search, c.court_name) for c in session.scalars(
        select(Court).order_by(Court.court_name))]


def category_label(column: str, value: str, lang: str) -> str:
    if column == "combination":
        return " + ".join(part.upper() for part in value.split("+"))
    prefix = {"sentence": "sentence_", "adjourn_reason": "reason_"}.get(column)
    try:
        return translate(lang, prefix + value) if prefix else value
    except KeyError:
        return value


def build(session: Session, period: Period, lang: str, suppress: bool,
          court: tuple[str, str] | None = None, spec: KpiFile | None = None) -> Dashboard:
    spec = spec or kpi_spec()
    key = court[0] if court else None
    figures, rolling, per_month, uncertain = kpis.window(session, period, key, spec)
    groups = []
    for group in spec.groups:
        rows = []
        for kpi in spec.group_kpis(group.id):
            value, basis = shown(figures[kpi.id], lang, suppress)
            r_value, r_basis = shown(rolling[kpi.id], lang, suppress)
            rows.append(Row(kpi.id, kpi.title.get(lang), value, basis, kpi.formula.get(lang),
                            r_value, r_basis,
                            kpi.reference.label.get(lang) if kpi.reference else None))
        groups.append(Group(group.title.get(lang), rows))
    months = period.trailing_months(12)
    month_names = [m.short(lang) for m in months]
    count_series, count_table = _series(spec.charts.counts, per_month, lang, suppress, spec)
    rate_series, rate_table = _series(spec.charts.rates, per_month, lang, suppress, spec)
    references = [(i, spec.kpi(k).reference.value, spec.kpi(k).reference.label.get(lang))
                  for i, k in enumerate(spec.charts.rates) if spec.kpi(k).reference]
    breakdowns = []
    for item in spec.breakdowns:
        counted = kpis.breakdown(session, item, period, key)
        breakdowns.append(BreakdownView(item.id, item.title.get(lang), item.formula.get(lang), [
            (category_label(item.column, category, lang),
             0 if suppress and small(n) else n, kpis.count_text(n, suppress))
            for category, n in counted]))
    board = Dashboard(period=period, lang=lang, suppress=suppress,
                      court=court[1] if court else None,
                      scope=court[1] if court else translate(lang, "dash_all_courts"),
                      groups=groups, months=month_names, month_keys=[m.key for m in months],
                      count_series=count_series, count_table=count_table,
                      rate_series=rate_series, rate_table=rate_table, references=references,
                      breakdowns=breakdowns, uncertain=uncertain)
    if court is None:
        board.court_headings = [spec.kpi(k).title.get(lang) for k in COURT_COLUMNS]
        for name, values in kpis.by_court(session, period, spec).items():
            board.courts.append([name, *(_cell(values[k], lang, suppress)
                                         for k in COURT_COLUMNS)])
    return board


def _cell(figure: Figure, lang: str, suppress: bool) -> str:
    value, basis = shown(figure, lang, suppress)
    return f"{value} ({basis})" if basis and figure.kpi.kind == "rate" else value


def _series(ids: list[str], per_month: list[dict[str, Figure]], lang: str, suppress: bool,
            spec: KpiFile) -> tuple[list[charts.Series], list[list[str]]]:
    series, table = [], []
    for kpi_id in ids:
        kpi = spec.kpi(kpi_id)
        values: list[float | None] = []
        cells = [kpi.title.get(lang)]
        for month in per_month:
            figure = month[kpi_id]
            hidden = suppress and figure.suppressed()
            values.append(None if hidden else figure.value)
            cells.append(shown(figure, lang, suppress)[0])
        series.append(charts.Series(kpi.title.get(lang), values))
        table.append(cells)
    return series, table
