"""Reporting periods: a calendar month (``2026-11``), quarter (``2026-Q4``) or year
(``2026``), with their names in English and Welsh."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {"en": ("January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"),
          "cy": ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf",
                 "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr")}
SHORT = {"en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                "Dec"),
         "cy": ("Ion", "Chwe", "Maw", "Ebr", "Mai", "Meh", "Gor", "Awst", "Medi", "Hyd",
                "Tach", "Rhag")}
QUARTERS = {"en": ("January to March", "April to June", "July to September",
                   "October to December"),
            "cy": ("Ionawr i Fawrth", "Ebrill i Fehefin", "Gorffennaf i Fedi",
                   "Hydref i Ragfyr")}
PERIOD_RE = re.compile(r"^(\d{4})(?:-(\d{2})|-Q([1-4]))?$")


class PeriodError(ValueError):
    pass


def _month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    kind: str  # month, quarter, year
    start: date
    end: date  # the first day after the period

    @staticmethod
    def parse(text: str) -> Period:
        match = PERIOD_RE.match(text.strip())
        if not match:
            raise PeriodError(f"'{text[:20]}' is not a period: YYYY-MM, YYYY-Qn or YYYY")
        year = int(match.group(1))
        if not 2000 <= year <= 2100:
            raise PeriodError(f"{year} is outside 2000 to 2100")
        if match.group(2):
            month = int(match.group(2))
            if not 1 <= month <= 12:
                raise PeriodError(f"'{text[:20]}': there is no month {month}")
            return Period.month(year, month)
        if match.group(3):
            quarter = int(match.group(3))
            return Period("quarter", _month_start(year, 3 * quarter - 2),
                          _month_start(year, 3 * quarter + 1))
        return Period("year", date(year, 1, 1), date(year + 1, 1, 1))

    @staticmethod
    def month(year: int, month: int) -> Period:
        return Period("month", _month_start(year, month), _month_start(year, month + 1))

    @property
    def key(self) -> str:
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    def label(self, lang: str) -> str:
        lang = "cy" if lang == "cy" else "en"
        if self.kind == "month":
            return f"{MONTHS[lang][self.start.month - 1]} {self.start.year}"
        if self.kind == "quarter":
            return f"{QUARTERS[lang][(self.start.month - 1) // 3]} {self.start.year}"
        if self.kind == "rolling":
            last = self.months()[-1].label(lang)
            return f"12 mis hyd at {last}" if lang == "cy" else f"12 months to {last}"
        return str(self.start.year)

    def short(self, lang: str) -> str:
        """A month's short name for a chart's axis (Jan ... Dec; Ion ... Rhag)."""
        return SHORT["cy" if lang == "cy" else "en"][self.start.month - 1]

    def months(self) -> list[Period]:
        out, start = [], self.start
        while start < self.end:
            out.append(Period.month(start.year, start.month))
            start = out[-1].end
        return out

    def trailing_months(self, count: int = 12) -> list[Period]:
        """The ``count`` months that end with this period's last month."""
        last = self.months()[-1]
        return [Period.month(last.start.year, last.start.month - count + 1 + i)
                for i in range(count)]

    def previous(self) -> Period:
        months = {"month": 1, "quarter": 3, "year": 12}[self.kind]
        start = _month_start(self.start.year, self.start.month - months)
        return Period(self.kind, start, self.start)


def recent(today: date, months: int = 24, quarters: int = 8, years: int = 3
           ) -> dict[str, list[Period]]:
    """The periods to choose from, newest first."""
    this = Period.month(today.year, today.month)
    quarter = Period.parse(f"{today.year}-Q{(today.month - 1) // 3 + 1}")
    out = {"month": [this], "quarter": [quarter],
           "year": [Period.parse(str(today.year))]}
    for _ in range(months - 1):
        out["month"].append(out["month"][-1].previous())
    for _ in range(quarters - 1):
        out["quarter"].append(out["quarter"][-1].previous())
    for _ in range(years - 1):
        out["year"].append(out["year"][-1].previous())
    return out
