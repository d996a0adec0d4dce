"""Dates and times as people in England and Wales type them, turned into the stored form.

Dates are day first (12/10/2026, 12-10-2026, 12.10.2026 are 12 October 2026)
and stored as YYYY-MM-DD; times are stored as HH:MM on the 24-hour clock
(0910, 9:10, 9.10, 2.15pm, 2pm, 14:15). A value that cannot be read raises
:class:`EntryError` saying what was expected, never a guess.
"""

from __future__ import annotations

import re
from datetime import date

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})$")
_SPACED = re.compile(r"^(\d{1,2})\s+(\d{1,2})\s+(\d{4})$")
_TIME = re.compile(r"^(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")
_COMPACT = re.compile(r"^(\d{3,4})\s*(am|pm|a\.m\.|p\.m\.)?$")


class EntryError(ValueError):
    """Typed text that is not a date or time. ``code`` names the fault for translation."""

    def __init__(self, code: str, text: str, message: str):
        self.code = code
        self.text = text
        super().__init__(message)


def parse_date(text: str) -> str:
    """``text`` as YYYY-MM-DD; UK order (day, month, year) for the other forms."""
    raw = text.strip()
    match = _ISO.match(raw)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DAY_FIRST.match(raw) or _SPACED.match(raw)
        if not match:
            raise EntryError("date_form", raw, f"'{raw}' is not a date: type it as "
                             "DD/MM/YYYY (for example 12/10/2026) or YYYY-MM-DD")
        day, month, year_text = int(match.group(1)), int(match.group(2)), match.group(3)
        if len(year_text) != 4:
            raise EntryError("date_year", raw, f"'{raw}': write the year in full, for "
                             "example 12/10/2026")
        year = int(year_text)
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise EntryError("date_none", raw, f"'{raw}' is not a date in the calendar (day "
                         f"{day}, month {month}, year {year})") from None


def parse_time(text: str) -> str:
    """``text`` as HH:MM (24-hour)."""
    raw = text.strip()
    folded = raw.lower().replace(" ", "")
    match = _COMPACT.match(folded)
    if match:
        digits, suffix = match.groups()
        hour, minute = int(digits[:-2]), int(digits[-2:])
    else:
        match = _TIME.match(folded)
        if not match:
            raise EntryError("time_form", raw, f"'{raw}' is not a time: type it as 09:10, "
                             "0910 or 2.15pm")
        hour, minute, suffix = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if suffix:
        if not 1 <= hour <= 12:
            raise EntryError("time_none", raw, f"'{raw}' is not a time: with am or pm the "
                             "hour is 1 to 12")
        hour = hour % 12 + (12 if suffix.startswith("p") else 0)
    if hour > 23 or minute > 59:
        raise EntryError("time_none", raw, f"'{raw}' is not a time: hours go up to 23 and "
                         "minutes up to 59")
    return f"{hour:02d}:{minute:02d}"
