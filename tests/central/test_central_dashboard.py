"""The dashboard, the steering report from it, and the record page's follow-up form, in a
real browser (Debian's chromium through Playwright) against a real server over TLS:
keyboard only, Welsh, 200% zoom, the charts under the content security policy, roles."""

from __future__ import annotations

import re

import pytest
from central_outcome_data import CARDIFF, load
from central_pages import WIDEST, audit_rows, no_horizontal_scroll, sign_in
from central_seed import add_users
from playwright.sync_api import expect
from sqlalchemy import select

from central.keys import load_keys
from central.models import CaseFacts, Record, TreatmentFollowUp

# A browser and a page per test: CI's run (--all), not the quick one.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def outcomes(shared_servers):
    server = shared_servers("sqlite")
    add_users(server)
    db = server.db()
    try:
        data = load(db, load_keys(server.settings.key_dir))
    finally:
        db.dispose()
    return server, data


def kpi(page, kpi_id: str) -> str:
    return " ".join(page.locator(f"#kpi-{kpi_id}").inner_text().split())


def test_the_figures_and_filters_by_keyboard(outcomes, page):
    server, _ = outcomes
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in
            m.text else None)
    sign_in(page, server.base_url, "mared", "/dashboard?period=2026-11")
    expect(page.get_by_role("heading", level=2, name="November 2026: All courts")).to_be_visible()
    assert kpi(page, "assessed").startswith("Assessments 18 ")
    assert "76% 13 of 17 80% in the pilots" in kpi(page, "sentenced_on_day")
    assert "An adjournment followed by a sentence on a later day does not count" in \
        kpi(page, "sentenced_on_day")
    assert "36% 4 of 11 8% in the pilots" in kpi(page, "non_compliance")
    charts = page.locator("svg.chart")
    assert charts.count() == 5  # two trends and three breakdowns
    assert page.locator("svg.chart [style]").count() == 0
    assert charts.first.get_attribute("role") == "img"
    page.get_by_text("The numbers in this chart").first.click()
    numbers = page.locator("table.numbers").first
    expect(numbers).to_be_visible()
    assert "2026-11 18 11 0" in " ".join(numbers.inner_text().split())
    # Keyboard only: the court filter, then Show.
    page.locator("#d-court").focus()
    page.keyboard.press("ArrowDown")  # the first court: Cardiff Crown Court
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Show"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"court=cardiff\+crown\+court"))
    expect(page.get_by_role("heading", level=2, name=f"November 2026: {CARDIFF}"))\
        .to_be_visible()
    assert kpi(page, "assessed").startswith("Assessments 12 ")
    assert page.locator("#courts").count() == 0  # one court: no comparison
    page.goto(f"{server.base_url}/dashboard?period=2026-Q4")
    assert kpi(page, "people_assessed").startswith("People assessed 19 ")
    assert refused == []


def test_welsh_and_200_percent_zoom(outcomes, browser):
    server, data = outcomes
    context = browser.new_context(ignore_https_errors=True, device_scale_factor=2,
                                  viewport={"width": 640, "height": 720})
    page = context.new_page()
    try:
        sign_in(page, server.base_url, "olwen", "/dashboard?period=2026-11")
        assert no_horizontal_scroll(page), page.evaluate(WIDEST)
        page.get_by_role("link", name="Cymraeg").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Dangosfwrdd")
        expect(page.get_by_role("heading", level=2, name="Tachwedd 2026: Pob llys"))\
            .to_be_visible()
        assert "Asesiadau 18" in kpi(page, "assessed")
        assert "80% yn y cynlluniau peilot" in kpi(page, "sentenced_on_day")
        assert page.locator("svg.chart text", has_text="Tach").count() >= 2
        assert no_horizontal_scroll(page), page.evaluate(WIDEST)
        # An office role sees the figures, not the steering report's form.
        assert page.locator("#steering").count() == 0
        page.goto(f"{server.base_url}/follow-ups/import")
        assert no_horizontal_scroll(page), page.evaluate(WIDEST)
        page.goto(f"{server.base_url}/records?case={data.records['B'][0]['case_number']}")
        page.locator("tbody a").first.click()
        expect(page.locator("#outcome")).to_contain_text("Gorchymyn dedfryd ohiriedig")
        assert no_horizontal_scroll(page), page.evaluate(WIDEST)
    finally:
        context.close()


def test_the_steering_report_from_the_dashboard(outcomes, browser):
    server, _ = outcomes
    context = browser.new_context(ignore_https_errors=True, accept_downloads=True)
    page = context.new_page()
    try:
        sign_in(page, server.base_url, "mared", "/dashboard?period=2026-11")
        page.get_by_label("Welsh", exact=True).check()
        page.get_by_label("Commentary (optional)").fill("Llai na'r cynlluniau peilot.")
        with page.expect_download() as download:
            page.get_by_role("button", name="Make the steering report (PDF)").click()
        assert download.value.suggested_filename == \
            "cstr-steering-2026-11-all-courts-cy.pdf"
        data = open(download.value.path(), "rb").read()
        assert data.startswith(b"%PDF-")
        events = audit_rows(server, "steering_report")
        assert events[-1].actor == "mared"
        assert '"lang": "cy"' in events[-1].detail and '"month": "2026-11"' in events[-1].detail
    finally:
        context.close()
    office = browser.new_context(ignore_https_errors=True)
    page = office.new_page()
    try:
        sign_in(page, server.base_url, "olwen", "/dashboard?period=2026-11")
        token = page.locator("form[action='/signout'] input[name=csrf]").get_attribute("value")
        answer = page.request.post(f"{server.base_url}/dashboard/steering-report",
                                   form={"csrf": token, "period": "2026-11", "lang": "en"})
        assert answer.status == 403
    finally:
        office.close()


def test_what_happened_next_on_a_record_page(outcomes, page):
    server, data = outcomes
    record = data.records["C"][1]  # a DRR made by addendum on 3 December
    db = server.db()
    try:
        with db.read() as session:
            record_id = session.scalar(select(Record.id).where(
                Record.assessment_id == record["assessment_id"]))
    finally:
        db.dispose()
    sign_in(page, server.base_url, "olwen", f"/records/{record_id}")
    outcome = page.locator("#outcome")
    expect(outcome).to_contain_text("Adjourned, 2026-11-20")
    expect(outcome).to_contain_text("Recorded after approval (signed addendum)")
    expect(outcome).to_contain_text("Drug rehabilitation (DRR): 6 months")
    form = page.locator("#next")
    expect(form.locator("legend").first).to_have_text(
        "Drug rehabilitation (DRR): starting treatment")
    page.get_by_label("First appointment offered: its date").fill("2026-11-30")
    page.get_by_label("Attended the first appointment?").select_option("yes")
    page.get_by_role("button", name="Save what happened next").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("is before the sentence on 2026-12-03")
    page.get_by_role("link", name=re.compile("First appointment offered")).click()
    assert page.evaluate("document.activeElement.id") == "fu-drr_first_date"
    page.get_by_label("First appointment offered: its date").fill("2026-12-04")
    page.get_by_label("First appointment offered: its date").press("Enter")  # submits
    expect(page.locator("#next .banner")).to_have_text("Saved: 2 values changed.")
    db = server.db()
    try:
        with db.read() as session:
            held = session.get(TreatmentFollowUp, (record["assessment_id"], "drr"))
            facts = session.get(CaseFacts, record["assessment_id"])
    finally:
        db.dispose()
    assert (held.first_date, held.first_attended) == ("2026-12-04", "yes")
    assert held.updated_by == "olwen"
    assert (facts.first_known, facts.first_within5, facts.first_attended) == (1, 1, 1)
    changes = [e for e in audit_rows(server, "follow_up_change") if e.actor == "olwen"]
    assert changes and '"via": "page"' in changes[-1].detail
