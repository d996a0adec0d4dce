"""Working days in England and Wales: Monday to Friday, except bank holidays.

The bank holidays are data (``central/data/bank_holidays.yaml``). A count that passes
through a year the file does not list, or lists as uncertain, is still right about
weekends but may miss a holiday, so it is returned marked uncertain.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from central.definitions import HolidayFile, holidays


@dataclass(frozen=True)
class Calendar:
    holidays: frozenset[date]
    certain_years: frozenset[int]

    @staticmethod
    def from_file(spec: HolidayFile | None = None) -> Calendar:
        spec = spec or holidays()
        return Calendar(frozenset(d for y in spec.years.values() for d in y.dates),
                        frozenset(year for year, y in spec.years.items()
                                  if y.status == "published"))

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def add(self, start: date, days: int) -> tuple[date, bool]:
        """The ``days``-th working day after ``start`` (``start`` itself not counted, so
        the 5th working day after Friday is the next Friday), and whether every year passed
        through has its bank holidays listed as published."""
        day, left, certain = start, days, start.year in self.certain_years
        while left > 0:
            day += timedelta(days=1)
            certain = certain and day.year in self.certain_years
            if self.is_working_day(day):
                left -= 1
        return day, certain

    def within(self, start: date, end: date, days: int) -> tuple[bool, bool]:
        """Whether ``end`` is on or before the ``days``-th working day after ``start``
        (an appointment on the day of sentence counts), and whether that is certain."""
        deadline, certain = self.add(start, days)
        return end <= deadline, certain


@cache
def calendar() -> Calendar:
    return Calendar.from_file()
