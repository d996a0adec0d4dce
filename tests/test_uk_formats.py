"""Dates and times as typed in England and Wales: day first, 24-hour or am/pm."""

from __future__ import annotations

import pytest

from cstr_desktop.uk_formats import EntryError, parse_date, parse_time


@pytest.mark.parametrize(("typed", "stored"), [
    ("12/10/2026", "2026-10-12"), ("12-10-2026", "2026-10-12"), ("12.10.2026", "2026-10-12"),
    ("1/2/2026", "2026-02-01"), (" 12 10 2026 ", "2026-10-12"), ("2026-10-12", "2026-10-12"),
    ("29/02/2028", "2028-02-29"),
])
def test_dates_are_day_first(typed, stored):
    assert parse_date(typed) == stored


@pytest.mark.parametrize(("typed", "code"), [
    ("31/02/2026", "date_none"), ("12/10/26", "date_year"), ("next tuesday", "date_form"),
    ("13/13/2026", "date_none"), ("", "date_form"),
])
def test_what_is_not_a_date_says_why(typed, code):
    with pytest.raises(EntryError) as caught:
        parse_date(typed)
    assert caught.value.code == code


@pytest.mark.parametrize(("typed", "stored"), [
    ("0910", "09:10"), ("9:10", "09:10"), ("09:10", "09:10"), ("9.10", "09:10"),
    ("2.15pm", "14:15"), ("2.15 PM", "14:15"), ("2pm", "14:00"), ("12pm", "12:00"),
    ("12am", "00:00"), ("12.30am", "00:30"), ("14:15", "14:15"), ("910", "09:10"),
    ("2.15 p.m.", "14:15"), ("23:59", "23:59"),
])
def test_times_24_hour_or_am_pm(typed, stored):
    assert parse_time(typed) == stored


@pytest.mark.parametrize(("typed", "code"), [
    ("25:00", "time_none"), ("13pm", "time_none"), ("0960", "time_none"),
    ("9:5", "time_form"), ("noon", "time_form"), ("0pm", "time_none"),
])
def test_what_is_not_a_time_says_why(typed, code):
    with pytest.raises(EntryError) as caught:
        parse_time(typed)
    assert caught.value.code == code
