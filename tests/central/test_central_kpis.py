"""Every figure on a set of court days whose answers are known by construction
(central_outcome_data.py describes the cases and why each number below is what it is),
through central's own ingest, on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import pytest
from central_outcome_data import CARDIFF, SWANSEA, load
from sqlalchemy import select

from central import kpis, monthly
from central.canonical import search_terms
from central.config import Settings, database_url
from central.db import Database
from central.definitions import kpis as kpi_spec
from central.facts import rebuild
from central.keys import load_keys
from central.models import CaseFacts, MonthlyFacts
from central.periods import Period


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def loaded(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"kpi-{request.param}")
    url = None if request.param == "sqlite" else request.getfixturevalue("pg").new_database()
    db = Database(Settings(data_dir=folder, database_url=database_url(folder, url),
                           key_dir=folder / "keys"))
    db.migrate()
    data = load(db, load_keys(folder / "keys"))
    yield db, data
    db.dispose()


def figures(db, period: str, court: str | None = None) -> dict[str, tuple]:
    key = " ".join(search_terms(court)) if court else None
    with db.read() as session:
        found = kpis.compute(session, Period.parse(period), key)
    return {k: (f.numerator, f.denominator) for k, f in found.items()}


NOVEMBER = {
    "assessed": (18, None), "people_assessed": (17, None),
    "sentenced_on_day": (13, 17), "adjourned_at_hearing": (3, None),
    "outcome_missing": (1, None),
    "cstrs_made": (11, None), "made_mhtr": (9, None), "made_drr": (0, None),
    "made_atr": (5, None), "combined": (3, None),
    "recommendations_followed": (9, 11), "custody_avoided": (3, 5),
    "first_within_5": (9, 12), "first_not_recorded": (2, None), "first_attended": (6, 12),
    "non_compliance": (4, 11), "warned": (4, 11), "breach": (1, 11),
    "completed": (0, None), "completion_rate": (0, 0), "revoked": (0, None),
    "transferred": (0, None), "phq9_change": (0, 0), "gad7_change": (0, 0),
    "audit_change": (0, 0),
}


def test_a_month_overall(loaded):
    db, _ = loaded
    assert figures(db, "2026-11") == NOVEMBER


def test_adjourned_then_sentenced_counts_in_the_month_of_the_sentence(loaded):
    db, _ = loaded
    december = figures(db, "2026-12")
    assert december["assessed"] == (2, None)  # only the two of 22 December
    assert december["sentenced_on_day"] == (2, 2)
    assert december["cstrs_made"] == (4, None)  # C's two DRRs (by addendum) and I's two
    assert (december["made_drr"], december["made_mhtr"]) == ((2, None), (2, None))
    assert december["recommendations_followed"] == (2, 2)
    # Around Christmas: the 5th working day after Tue 22 Dec is Thu 31 Dec.
    assert december["first_within_5"] == (1, 2)
    assert december["first_not_recorded"] == (2, None)


def test_a_quarter_and_a_year_are_not_sums_of_people(loaded):
    db, _ = loaded
    quarter = figures(db, "2026-Q4")
    assert quarter["assessed"] == (20, None)
    assert quarter["people_assessed"] == (19, None)
    assert quarter["sentenced_on_day"] == (15, 19)
    assert quarter["cstrs_made"] == (15, None)
    assert figures(db, "2026") == quarter


def test_endings_and_change_in_scores(loaded):
    db, _ = loaded
    january, may, year = figures(db, "2027-01"), figures(db, "2027-05"), figures(db, "2027")
    assert (january["revoked"], january["completion_rate"]) == ((1, None), (0, 1))
    assert (may["completed"], may["completion_rate"]) == ((5, None), (5, 5))
    assert may["phq9_change"] == (-40, 5)  # 6 - 14, five times: a mean of -8
    assert may["gad7_change"] == (-30, 5)
    assert may["audit_change"] == (0, 0)
    assert year["completion_rate"] == (5, 6)
    with db.read() as session:
        mean = kpis.compute(session, Period.parse("2027-05"))["phq9_change"]
    assert mean.value == -8.0
    assert kpis.shown(mean, "en", suppress=False) == ("−8.0 points", "n = 5")
    assert kpis.shown(mean, "cy", suppress=True) == ("−8.0 pwynt", "n = 5")


def test_per_court(loaded):
    db, _ = loaded
    cardiff, swansea = figures(db, "2026-11", CARDIFF), figures(db, "2026-11", SWANSEA)
    assert (cardiff["assessed"], swansea["assessed"]) == ((12, None), (6, None))
    assert (cardiff["cstrs_made"], swansea["cstrs_made"]) == ((6, None), (5, None))
    assert swansea["people_assessed"] == (5, None)  # the person with two cases
    assert swansea["custody_avoided"] == (3, 3)
    assert cardiff["custody_avoided"] == (0, 2)
    with db.read() as session:
        courts = kpis.by_court(session, Period.parse("2026-11"))
    assert list(courts) == [CARDIFF, SWANSEA]
    assert courts[SWANSEA]["combined"].numerator == 3
    for kpi_id, (n, _d) in NOVEMBER.items():  # the courts add up to the whole
        total = sum(c[kpi_id].numerator for c in courts.values())
        if kpi_id != "people_assessed":
            assert total == n, kpi_id
    for key in ("2026-Q4", "2026", "2027"):  # a quarter's and a year's courts add up too
        whole = figures(db, key)
        with db.read() as session:
            courts = kpis.by_court(session, Period.parse(key))
        each = {name: figures(db, key, name) for name in courts}
        for kpi_id, (n, d) in whole.items():
            if kpi_id != "people_assessed":
                assert sum(c[kpi_id][0] for c in each.values()) == n, (key, kpi_id)
                assert sum(c[kpi_id][1] or 0 for c in each.values()) == (d or 0), (key, kpi_id)
        assert {k: (f.numerator, f.denominator) for k, f in courts[CARDIFF].items()} \
            == each[CARDIFF], key


def test_breakdowns(loaded):
    db, _ = loaded
    spec = {b.id: b for b in kpi_spec().breakdowns}
    november = Period.parse("2026-11")
    with db.read() as session:
        combos = kpis.breakdown(session, spec["combinations"], november)
        sentences = kpis.breakdown(session, spec["sentences"], november)
        reasons = kpis.breakdown(session, spec["adjournment_reasons"], november)
    assert combos == [("mhtr", 6), ("mhtr+atr", 3), ("atr", 2)]
    assert sentences == [("community_order", 8), ("suspended_sentence_order", 3),
                         ("custody", 2)]
    assert reasons == [("report_not_ready", 2), ("awaiting_assessment", 1)]


def test_trend_by_month(loaded):
    db, _ = loaded
    months = Period.parse("2026-12").trailing_months(3)
    with db.read() as session:
        rows = kpis.trend(session, months)
    assert [m.key for m in months] == ["2026-10", "2026-11", "2026-12"]
    assert [r["assessed"].numerator for r in rows] == [0, 18, 2]
    assert [r["cstrs_made"].numerator for r in rows] == [0, 11, 4]
    assert [(r["first_within_5"].numerator, r["first_within_5"].denominator)
            for r in rows] == [(0, 0), (9, 12), (1, 2)]


def test_an_unlisted_year_of_bank_holidays_is_marked_uncertain(loaded):
    db, _ = loaded
    with db.read() as session:
        assert kpis.uncertain(session, Period.parse("2029-01"))
        assert not kpis.uncertain(session, Period.parse("2026-12"))
        assert not kpis.uncertain(session, Period.parse("2026-11"))
    assert figures(db, "2029-01")["first_within_5"] == (1, 1)


def monthly_rows(db) -> list[tuple]:
    with db.read() as session:
        return sorted(tuple(r) for r in session.execute(select(MonthlyFacts.__table__)))


def test_the_monthly_sums_kept_step_by_step_equal_sums_made_afresh(loaded):
    db, _ = loaded
    kept = [r for r in monthly_rows(db) if any(r[4:])]  # rows moved down to zero dropped
    with db.write() as session:
        monthly.rebuild(session)
    assert kept == monthly_rows(db)
    assert len(kept) > 10


def test_rebuilding_the_facts_gives_the_same_figures(loaded):
    db, _ = loaded
    with db.write() as session:
        session.query(CaseFacts).filter(CaseFacts.court_name == SWANSEA).delete()
        session.query(MonthlyFacts).delete()
    assert figures(db, "2026-11")["assessed"] == (0, None)
    assert rebuild(db) > 0
    assert rebuild(db) == 0  # nothing left to do
    assert figures(db, "2026-11") == NOVEMBER


def test_small_numbers_are_suppressed_when_asked(loaded):
    db, _ = loaded
    with db.read() as session:
        swansea = kpis.compute(session, Period.parse("2026-11"),
                               " ".join(search_terms(SWANSEA)))
    assert kpis.shown(swansea["combined"], "en", suppress=True) == ("<5", "")
    assert kpis.shown(swansea["combined"], "en", suppress=False) == ("3", "")
    assert kpis.shown(swansea["assessed"], "en", suppress=True) == ("6", "")
    assert kpis.shown(swansea["made_drr"], "en", suppress=True) == ("0", "")
    # 3 of 3 custody avoided: the rate would show the small count, so it is hidden.
    assert kpis.shown(swansea["custody_avoided"], "en", suppress=True) == ("–", "<5 of <5")
    assert kpis.shown(swansea["custody_avoided"], "cy", suppress=False) == ("100%", "3 o 3")
    assert kpis.shown(swansea["completion_rate"], "en", suppress=True) == ("–", "no cases")


def test_the_dashboards_window_agrees_with_each_period(loaded):
    db, _ = loaded
    spec = {b.id: b for b in kpi_spec().breakdowns}
    with db.read() as session:
        for key in ("2026-11", "2026-Q4", "2026", "2027-05", "2029-01"):
            period = Period.parse(key)
            got, rolling, months, uncertain = kpis.window(session, period)
            assert {k: (f.numerator, f.denominator) for k, f in got.items()} == \
                figures(db, key), key
            trailing = period.trailing_months(12)
            whole = kpis.compute(session, Period("rolling", trailing[0].start,
                                                 trailing[-1].end))
            assert {k: (f.numerator, f.denominator) for k, f in rolling.items()} == \
                {k: (f.numerator, f.denominator) for k, f in whole.items()}, key
            assert [m["assessed"].numerator for m in months] == \
                [f["assessed"].numerator for f in kpis.trend(session, trailing)]
            assert uncertain == (key == "2029-01")
        swansea = " ".join(search_terms(SWANSEA))
        assert kpis.breakdown(session, spec["combinations"], Period.parse("2026-11"),
                              swansea) == [("mhtr+atr", 3), ("atr", 2)]
