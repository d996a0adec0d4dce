"""Dates and times in words for the screen ("Monday 12 October 2026"), in English or Welsh."""

from __future__ import annotations

from datetime import date, datetime

WEEKDAYS = {"en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                   "Sunday"),
            "cy": ("Dydd Llun", "Dydd Mawrth", "Dydd Mercher", "Dydd Iau", "Dydd Gwener",
                   "Dydd Sadwrn", "Dydd Sul")}
MONTHS = {"en": ("January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"),
          "cy": ("Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf",
                 "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr")}


def _date(value: str | date) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def long_date(value: str | date, lang: str = "en") -> str:
    """ "Monday 12 October 2026"; the value itself when it is not a date."""
    day = _date(value)
    if day is None:
        return str(value)
    return (f"{WEEKDAYS[lang][day.weekday()]} {day.day} {MONTHS[lang][day.month - 1]} "
            f"{day.year}")


def short_date(value: str | date, lang: str = "en") -> str:
    """ "Mon 12 Oct 2026" (for a table column)."""
    day = _date(value)
    if day is None:
        return str(value or "")
    weekday = WEEKDAYS[lang][day.weekday()]
    weekday = weekday[:3] if lang == "en" else weekday.replace("Dydd ", "")[:3]
    return f"{weekday} {day.day} {MONTHS[lang][day.month - 1][:3]} {day.year}"


def when(value: str | None, lang: str = "en") -> str:
    """A stored time stamp as local date and time, "12 Oct 2026 10:15"."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value).astimezone()
    except ValueError:
        return value
    return f"{moment.day} {MONTHS[lang][moment.month - 1][:3]} {moment.year} " \
           f"{moment:%H:%M}"
