"""Stored UTC times shown as UK local time (the pages, the steering report)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

try:
    LOCAL = ZoneInfo("Europe/London")
except ZoneInfoNotFoundError:  # no time zone data: show UTC rather than fail
    LOCAL = ZoneInfo("UTC")


def when(stamp: str | None) -> str:
    """A stored UTC time as UK local time, e.g. 2026-11-23 10:42."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        return stamp
    return moment.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M")
