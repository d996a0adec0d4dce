"""The data behind the figures (KPI definitions, bank holidays, s.201 requirements) is
checked with coded errors; working days, periods, outcomes as answers, and the charts'
page copy, without a database."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
import yaml

from central import charts
from central.definitions import (
    CATEGORY_FACTS,
    DATA,
    DATE_FACTS,
    DISTINCT_FACTS,
    MEAN_FACTS,
    SUM_FACTS,
    DefinitionError,
    load_holidays,
    load_kpis,
    load_requirements,
)
from central.models import CaseFacts
from central.outcome_fields import OutcomeError, parse_outcome
from central.periods import Period, PeriodError
from central.working_days import Calendar


def test_the_shipped_files_load_and_name_only_real_facts():
    spec = load_kpis()
    assert {k.id for k in spec.kpis} >= {"assessed", "sentenced_on_day", "cstrs_made",
                                         "recommendations_followed", "first_within_5",
                                         "first_attended", "non_compliance", "completed",
                                         "phq9_change", "gad7_change", "audit_change",
                                         "custody_avoided"}
    assert all(k.formula.en and k.formula.cy for k in spec.kpis)
    columns = {c.name for c in CaseFacts.__table__.columns}
    assert set(DATE_FACTS) | SUM_FACTS | MEAN_FACTS | DISTINCT_FACTS | CATEGORY_FACTS <= columns
    assert load_requirements().cstr_codes == ("mhtr", "drr", "atr")
    assert len(load_requirements().requirements) == 15  # the s.201 table
    assert sorted(load_holidays().years) == [2024, 2025, 2026, 2027, 2028]


def _edited(tmp_path: Path, name: str, change) -> Path:
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "code", "words"), [
    (lambda d: d["kpis"][2].update(numerator="sentenced_today"), "KPI_003",
     "kpi 'sentenced_on_day': numerator 'sentenced_today' is not a fact"),
    (lambda d: d["kpis"][2].pop("denominator"), "KPI_004", "a rate needs a denominator"),
    (lambda d: d["kpis"].append(dict(d["kpis"][0])), "KPI_005", "'assessed': the id is used"),
    (lambda d: d["kpis"][0].update(group="elsewhere"), "KPI_006", "group 'elsewhere'"),
    (lambda d: d["charts"]["rates"].append("assessed"), "KPI_007", "chart 'rates'"),
    (lambda d: d["breakdowns"][0].update(column="court_key"), "KPI_009", "not a category"),
    (lambda d: d["kpis"][0]["title"].pop("cy"), "KPI_002", "kpis.0.title.cy"),
    (lambda d: d["kpis"][0].update(kind="median"), "KPI_002", "kpis.0.kind"),
])
def test_a_bad_kpi_file_is_refused_with_its_code(tmp_path, change, code, words):
    with pytest.raises(DefinitionError) as caught:
        load_kpis(_edited(tmp_path, "kpis.yaml", change))
    assert str(caught.value).startswith(f"{code}: kpis.yaml")
    assert words in str(caught.value)


def test_bad_holidays_and_requirements_are_refused(tmp_path):
    with pytest.raises(DefinitionError, match="HOL_002.*2026-12-26 is a Saturday"):
        load_holidays(_edited(tmp_path, "bank_holidays.yaml",
                              lambda d: d["years"][2026]["dates"].append(date(2026, 12, 26))))
    with pytest.raises(DefinitionError, match="HOL_002.*2025-12-25 is listed under 2026"):
        load_holidays(_edited(tmp_path, "bank_holidays.yaml",
                              lambda d: d["years"][2026]["dates"].append(date(2025, 12, 25))))
    with pytest.raises(DefinitionError, match="REQ_005"):
        load_requirements(_edited(tmp_path, "requirements.yaml",
                                  lambda d: d["requirements"][3].update(cstr=True)))
    (tmp_path / "broken.yaml").write_text("kpis: [", encoding="utf-8")
    with pytest.raises(DefinitionError, match="KPI_001: broken.yaml: not valid YAML"):
        load_kpis(tmp_path / "broken.yaml")


def test_working_days():
    days = Calendar.from_file()
    # Friday 20 Nov 2026: the 5th working day after is Friday 27 Nov.
    assert days.add(date(2026, 11, 20), 5) == (date(2026, 11, 27), True)
    assert days.within(date(2026, 11, 20), date(2026, 11, 27), 5) == (True, True)
    assert days.within(date(2026, 11, 20), date(2026, 11, 30), 5) == (False, True)
    assert days.within(date(2026, 11, 20), date(2026, 11, 20), 5) == (True, True)
    # Christmas 2026: 25 Dec (Fri) and 28 Dec (Boxing Day's substitute) are not worked.
    assert days.add(date(2026, 12, 22), 5) == (date(2026, 12, 31), True)
    # Easter 2027: Good Friday 26 Mar and Easter Monday 29 Mar.
    assert days.add(date(2027, 3, 24), 2) == (date(2027, 3, 30), True)
    # A sentence on a Saturday: day 1 is the Monday.
    assert days.add(date(2026, 11, 21), 1) == (date(2026, 11, 23), True)
    # 2028 is listed but not yet published, 2029 not listed: both uncertain.
    assert days.add(date(2028, 5, 26), 5) == (date(2028, 6, 5), False)
    assert days.add(date(2029, 1, 5), 5)[1] is False
    assert days.add(date(2027, 12, 30), 5) == (date(2028, 1, 7), False)  # crosses into 2028


def test_periods():
    assert Period.parse("2026-11").label("cy") == "Tachwedd 2026"
    quarter = Period.parse("2026-Q4")
    assert (quarter.start, quarter.end) == (date(2026, 10, 1), date(2027, 1, 1))
    assert quarter.label("en") == "October to December 2026"
    assert quarter.label("cy") == "Hydref i Ragfyr 2026"
    assert [m.key for m in Period.parse("2026-02").trailing_months(3)] == [
        "2025-12", "2026-01", "2026-02"]
    assert Period.parse("2026").previous().key == "2025"
    assert Period.parse("2026-01").previous().key == "2025-12"
    for bad in ("2026-13", "2026-Q5", "26-11", "November", "1999-01"):
        with pytest.raises(PeriodError):
            Period.parse(bad)


def test_an_outcome_as_answers():
    outcome = parse_outcome({"outcome_result": "sentenced", "outcome_date": "2026-11-20",
                             "outcome_sentence": "suspended_sentence_order",
                             "outcome_requirements": ["atr", "mhtr", "curfew"],
                             "outcome_length_mhtr": 6, "outcome_length_curfew": 3})
    assert outcome.cstrs == ("mhtr", "atr")  # in a fixed order, whatever order typed
    assert outcome.requirements == {"atr": None, "mhtr": 6, "curfew": 3}
    custody = parse_outcome({"outcome_result": "sentenced", "outcome_sentence": "custody",
                             "outcome_requirements": ["mhtr"]}, default_date="2026-11-20")
    assert custody.cstrs == () and custody.on == date(2026, 11, 20)
    for answers, words in (
            ({"outcome_result": "adjourned", "outcome_date": "2026-11-20"},
             "'outcome_adjournment_reason' is missing"),
            ({"outcome_result": "adjourned", "outcome_date": "2026-11-20",
              "outcome_adjournment_reason": "other", "outcome_adjourned_to": "2026-11-19"},
             "before the hearing"),
            ({"outcome_result": "sentenced", "outcome_date": "2026-11-20"},
             "'outcome_sentence' is missing"),
            ({"outcome_result": "sentenced", "outcome_date": "2026-11-20",
              "outcome_sentence": "community_order", "outcome_requirements": ["mhtr"],
              "outcome_length_mhtr": 40}, "from 1 to 36"),
            ({"outcome_result": "sentenced", "outcome_date": "20/11/2026",
              "outcome_sentence": "custody"}, "is not a date"),
            ({"outcome_result": "sentenced", "outcome_date": "2026-11-20",
              "outcome_sentence": "custody", "outcome_time_sentenced": "25:00"}, "HH:MM"),
            ({"outcome_date": "2026-11-20"}, "'outcome_result' is missing")):
        with pytest.raises(OutcomeError, match=words):
            parse_outcome(answers)


def test_the_page_copy_of_a_chart_has_no_style_attributes():
    drawing = charts.lines_by_month(["Jan", "Feb", "Mar"], [
        charts.Series("Sentenced on the day", [80.0, None, 70.0]),
        charts.Series("Attended", [50.0, 60.0, 65.0])], [(0, 80, "80% in the pilots")])
    svg = charts.svg_for_page(drawing, "chart-x", "Twelve months", "Rates by month")
    root = ET.fromstring(svg)
    elements = list(root.iter())
    assert not [e for e in elements if "style" in e.attrib]
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-x-title chart-x-desc"
    ids = [e.get("id") for e in elements if e.get("id")]
    assert ids and all(i.startswith("chart-x-") for i in ids)
    assert "url(#chart-x-clip)" in svg
    texts = [e for e in elements if e.tag.endswith("text")]
    assert texts and all(e.get("font-family", "").startswith("DejaVu Sans") for e in texts)
    assert any(e.text == "80% in the pilots" for e in texts)
    assert root.find("{http://www.w3.org/2000/svg}title").text == "Twelve months"


def test_axes_step_in_whole_numbers():
    assert charts.axis(0) == (1, 1)
    assert charts.axis(3) == (3, 3)
    assert charts.axis(18) == (20, 4)
    assert charts.axis(32) == (40, 4)
    assert charts.axis(101) == (150, 3)
