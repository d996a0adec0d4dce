"""The office pages in a browser: signing in, the audit rows a view left, and whether a
page scrolls sideways. Shared by the office and dashboard tests."""

from __future__ import annotations

import re

from central_seed import PASSWORDS
from sqlalchemy import select

from central.models import AuditEvent


def sign_in(page, base: str, name: str, next_path: str = "/records") -> None:
    page.goto(f"{base}{next_path}")
    assert "/signin" in page.url
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORDS[name])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(next_path) + "$"))


def audit_rows(server, action: str) -> list[AuditEvent]:
    db = server.db()
    try:
        with db.read() as session:
            return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)
                                        .order_by(AuditEvent.id)))
    finally:
        db.dispose()


WIDEST = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
  .slice(0, 5).join('; ')"""


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
