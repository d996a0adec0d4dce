"""The office pages in a real browser: Playwright driving Debian's chromium, against a
real server over TLS, signed in with real sessions. Keyboard, Welsh, 200% zoom, CSRF,
expiry, and the audit of every view."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from central_pages import WIDEST, audit_rows, no_horizontal_scroll, sign_in
from central_seed import PASSWORDS, seed
from playwright.sync_api import expect
from sqlalchemy import select, update

from central.canonical import stamp
from central.models import Record, WebSession

# A browser and a page per test: CI's run (--all), not the quick one.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def office(shared_servers, tls):
    server = shared_servers("sqlite")
    seeded = seed(server, tls.ca_file)
    yield server, seeded
    seeded.laptop.close()


def test_sign_in_search_and_open_a_record(office, page, tmp_path):
    server, seeded = office
    page.goto(f"{server.base_url}/records")
    page.get_by_label("User name").fill("olwen")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("The user name or password is wrong.")

    sign_in(page, server.base_url, "olwen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Records")
    expect(page.locator("#result-count")).to_have_text("8 records")
    page.get_by_label("Name").fill("sian")  # no accent typed: Siân is found
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#result-count")).to_have_text("1 record")
    expect(page.locator("tbody tr td").first).to_have_text("HUGHES, Siân")

    page.get_by_role("link", name="Clear search").click()
    page.get_by_label("Court").fill("magistrates")
    page.get_by_label("Hearing date").fill("2026-11-24")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#result-count")).to_have_text("3 records")
    names = page.locator("tbody tr td:first-child").all_inner_texts()
    assert sorted(names) == ["AHMED, Yasmin", "KOWALSKI, Tomasz", "KOWALSKI, Tomasz"]
    page.goto(f"{server.base_url}/records?status=quarantined")
    expect(page.locator("#result-count")).to_have_text("3 records")
    page.goto(f"{server.base_url}/records?case=cr-2026-01000")
    expect(page.locator("#result-count")).to_have_text("2 records")

    page.get_by_role("link", name="PRITCHARD, Elin Mair").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PRITCHARD, Elin Mair")
    frames = page.locator("iframe")
    assert frames.count() == 3
    src = frames.first.get_attribute("src")
    pdf = page.request.get(server.base_url + src.split("#")[0])
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")
    versions = page.locator("h2:has-text('Every version') + .table-wrap tbody tr")
    assert versions.count() == 2
    row_id = page.url.rsplit("/", 1)[1]
    db = server.db()
    with db.read() as session:
        row = session.get(Record, row_id)
    db.dispose()
    assert page.get_by_text(row.receipt_id).first.is_visible()
    views = [e for e in audit_rows(server, "record_view") if e.record_id == row_id]
    assert views and views[-1].actor == "olwen"
    assert views[-1].subject == f"Pritchard, Elin Mair ({row.case_number})"
    opened = [e for e in audit_rows(server, "copy_open") if e.record_id == row_id]
    assert opened and opened[-1].actor == "olwen"
    # An office role sees no quarantine, audit or devices.
    assert page.get_by_role("link", name="Quarantine").count() == 0
    page.goto(f"{server.base_url}/devices")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sorry, there is a problem")


def test_verify_a_paper_code(office, page):
    server, seeded = office
    sign_in(page, server.base_url, "olwen", "/verify")
    first = seeded.records[0]
    page.get_by_label("Verification code").fill(first["verification_codes"]["court/en"])
    page.get_by_role("button", name="Verify").click()
    expect(page.locator("#verify-result")).to_be_visible()
    result = page.locator("#verify-result").inner_text()
    assert "Court copy, English of version 1 for PRITCHARD, Elin Mair" in result
    assert "It has been amended since: version 2 is the newest." in result
    page.get_by_label("Verification code").fill("hello")
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("alert")).to_contain_text("That is not a verification code")
    page.get_by_label("Verification code").fill(
        seeded.tampered["verification_codes"]["probation/en"])
    page.get_by_role("button", name="Verify").click()
    expect(page.locator("#verify-result")).to_contain_text("do not rely on it")


def test_quarantine_reject_with_reason_and_accept_as_new_version(office, page):
    server, seeded = office
    sign_in(page, server.base_url, "mared", "/quarantine")
    rows = page.locator("tbody tr")
    assert rows.count() == 3
    page.get_by_role("link", name=re.compile("Resolve OKAFOR")).click()  # the tampered one
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("alert")).to_have_text("Choose accept or reject.")
    page.get_by_role("radio", name="Reject").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("alert")).to_have_text("Give a reason to reject.")
    page.get_by_role("radio", name="Reject").check()
    page.get_by_label("Reason (required to reject)").fill(
        "Copy altered after countersigning; the laptop will resend.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("#status")).to_contain_text("Rejected. The copy is kept.")
    expect(page.locator("#status")).to_contain_text("Copy altered after countersigning")

    page.goto(f"{server.base_url}/quarantine")
    page.get_by_role("link", name=re.compile(r"Resolve KOWALSKI, Tomasz, version 1")).last.click()
    page.get_by_label("Accept as a new version").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("#status")).to_contain_text("Accepted as version 2 at central.")
    db = server.db()
    with db.read() as session:
        copies = list(session.scalars(select(Record).where(
            Record.assessment_id == seeded.conflict["assessment_id"])
            .order_by(Record.copy_no)))
    db.dispose()
    assert [(c.copy_no, c.status, c.central_version) for c in copies][1] == \
        (1, "accepted", 2)
    assert copies[1].receipt_id and copies[1].resolved_by == "mared"
    assert [e.actor for e in audit_rows(server, "quarantine_reject")] == ["mared"]
    page.goto(f"{server.base_url}/quarantine")
    assert page.locator("tbody tr").count() == 1  # the original copy of the conflict


def test_devices_add_and_revoke(office, page, tls):
    from central_laptop import Laptop

    server, seeded = office
    sign_in(page, server.base_url, "aled", "/devices")
    page.get_by_label("Device name").fill("Newport laptop 03")
    page.get_by_role("button", name="Add device").click()
    code = page.locator("#enrolment-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{5}(-[A-Z2-9]{5}){3}", code)
    laptop = Laptop(server.base_url, tls.ca_file)
    try:
        assert laptop.enrol(code).status_code == 201
        page.goto(f"{server.base_url}/devices")
        page.get_by_role("link", name="Revoke Newport laptop 03").click()
        page.get_by_role("button", name="Revoke the device").click()
        expect(page.get_by_role("status")).to_have_text("Device Newport laptop 03 is revoked.")
        from central_factory import make_record

        assert laptop.put_record(make_record(laptop.store)).status_code == 403
    finally:
        laptop.close()
    page.get_by_label("Device name").fill("Newport laptop 03")
    page.get_by_role("button", name="Add device").click()
    expect(page.get_by_role("alert")).to_contain_text("already exists")


def test_forms_need_their_csrf_token(office, page):
    server, _ = office
    sign_in(page, server.base_url, "aled", "/devices")
    forged = page.request.post(f"{server.base_url}/devices", form={"name": "forged laptop"})
    assert forged.status == 403
    wrong = page.request.post(f"{server.base_url}/devices",
                              form={"name": "forged laptop", "csrf": "guess"})
    assert wrong.status == 403
    page.context.clear_cookies()
    page.goto(f"{server.base_url}/signin")
    page.context.clear_cookies()  # the sign-in form's own token is gone
    page.get_by_label("User name").fill("aled")
    page.get_by_label("Password").fill(PASSWORDS["aled"])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("did not come from this site")


def test_sessions_expire(office, page):
    server, _ = office
    sign_in(page, server.base_url, "olwen")
    db = server.db()
    with db.write() as session:
        session.execute(update(WebSession).values(
            last_seen_at=stamp(datetime.now(UTC) - timedelta(minutes=31))))
    db.dispose()
    page.goto(f"{server.base_url}/records")
    assert "/signin" in page.url
    expect(page.get_by_role("status")).to_have_text("Your session ended. Sign in again to go on.")
    sign_in(page, server.base_url, "olwen")
    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{server.base_url}/records")
    assert "/signin" in page.url


def test_keyboard_only(office, page):
    server, _ = office
    page.goto(f"{server.base_url}/signin")
    assert page.evaluate("document.activeElement.id") == "username"  # ready to type
    page.keyboard.type("olwen")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORDS["olwen"])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/records$"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    order = []
    for _ in range(4):  # (the date's day, month and year then take a Tab each)
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id"))
    assert order == ["f-name", "f-case", "f-court", "f-date"]
    page.locator("#f-name").focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # a visible focus ring
    page.keyboard.type("okafor")
    page.keyboard.press("Enter")
    expect(page.locator("#result-count")).to_have_text("2 records")


def test_welsh_and_200_percent_zoom(office, browser):
    server, seeded = office
    context = browser.new_context(ignore_https_errors=True,
                                  viewport={"width": 640, "height": 720},
                                  device_scale_factor=2)  # a 1280 px window at 200%
    page = context.new_page()
    try:
        sign_in(page, server.base_url, "mared")
        page.get_by_role("link", name="Cymraeg").click()
        # Waited for (the click navigates; evaluating at once may meet no document yet).
        expect(page.locator("html")).to_have_attribute("lang", "cy")
        expect(page.get_by_role("heading", level=1)).to_have_text("Cofnodion")
        for path in ("/records", "/verify", "/quarantine", "/audit"):
            page.goto(server.base_url + path)
            assert no_horizontal_scroll(page), path
        page.goto(f"{server.base_url}/records?name=pritchard")
        page.locator("tbody a").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("PRITCHARD, Elin Mair")
        page.wait_for_load_state("load")
        assert no_horizontal_scroll(page), page.evaluate(WIDEST)
        assert page.get_by_role("heading", name="Copïau darllenwyr").is_visible()
        page.get_by_role("link", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
    finally:
        context.close()
