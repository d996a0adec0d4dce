"""Dates and times in words for the screen ("Monday 12 October 2026"), in English or Welsh."""

from __future__ import annotations

from datetime import date, datetime

from cstr_desktop.wording import t


def _weekday(day: date, lang: str) -> str:
    return t(f"core.weekday_{day.weekday()}", lang)


def _month(month: int, lang: str) -> str:
    return t(f"core.month_{month}", lang)


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
    return (f"{_weekday(day, lang)} {day.day} {_month(day.month, lang)} "
            f"{day.year}")


def short_date(value: str | date, lang: str = "en") -> str:
    """ "Mon 12 Oct 2026" (for a table column)."""
    day = _date(value)
    if day is None:
        return str(value or "")
    weekday = _weekday(day, lang)
    weekday = weekday[:3] if lang == "en" else weekday.replace("Dydd ", "")[:3]
    return f"{weekday} {day.day} {_month(day.month, lang)[:3]} {day.year}"


def when(value: str | None, lang: str = "en") -> str:
    """A stored time stamp as local date and time, "12 Oct 2026 10:15"."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value).astimezone()
    except ValueError:
        return value
    return f"{moment.day} {_month(moment.month, lang)[:3]} {moment.year} " \
           f"{moment:%H:%M}"
