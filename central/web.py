"""What every office page shares: templates, language, who is signed in, CSRF.

A page handler asks ``signed_in(request, roles)`` for the user (a redirect to sign-in
or a 403 page otherwise) and renders with ``render``. Every form carries the session's
CSRF token; ``check_csrf`` refuses a POST without it.
"""

from __future__ import annotations

import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy import func, select

from central import users
from central.canonical import show_fingerprint
from central.local_time import when
from central.models import OutcomeAddendum, Record, User, WebSession
from central.text import LANGS, translate

TEMPLATES = Path(__file__).resolve().parent / "templates"
SESSION_COOKIE = "cstr_central_session"
LANG_COOKIE = "cstr_central_lang"
SIGNIN_CSRF_COOKIE = "cstr_central_signin"
templates = Jinja2Templates(directory=str(TEMPLATES))
templates.env.autoescape = True
templates.env.filters["when"] = when
templates.env.filters["fromjson"] = json.loads
templates.env.filters["fingerprint"] = show_fingerprint


class NeedSignIn(Exception):
    def __init__(self, next_path: str, expired: bool = False) -> None:
        self.next_path, self.expired = next_path, expired


class Forbidden(Exception):
    pass


@dataclass
class Visitor:
    user: User
    web: WebSession
    token: str


def language(request: Request) -> str:
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in LANGS:
        return chosen
    accept = request.headers.get("accept-language", "").lower()
    return "cy" if accept.startswith("cy") else "en"


def signed_in(request: Request, roles: tuple[str, ...] = ("office", "manager", "admin")
              ) -> Visitor:
    token = request.cookies.get(SESSION_COOKIE)
    state = request.app.state
    with state.db.read() as session:  # most pages need no write for the session
        found = users.current(session, token, state.settings, touch=False)
    if found is None or users.needs_touch(found[1]):
        with state.db.write() as session:
            found = users.current(session, token, state.settings)
    if found is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise NeedSignIn(target, expired=bool(token))
    user, web = found
    if user.role not in roles:
        raise Forbidden()
    return Visitor(user, web, token or "")


def check_csrf(visitor: Visitor, sent: str) -> bool:
    """The form's token is this session's (compared in constant time)."""
    return bool(sent) and hmac.compare_digest(sent.encode(), visitor.web.csrf_token.encode())


def quarantine_count(request: Request) -> int:
    with request.app.state.db.read() as session:
        records = session.scalar(select(func.count()).select_from(Record).where(
            Record.status == "quarantined", Record.resolution.is_(None))) or 0
        outcomes = session.scalar(select(func.count()).select_from(OutcomeAddendum).where(
            OutcomeAddendum.status == "quarantined", OutcomeAddendum.resolution.is_(None)))
        return records + (outcomes or 0)


def render(request: Request, template: str, visitor: Visitor | None, /, status: int = 200,
           **context: Any) -> HTMLResponse:
    lang = language(request)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    manager = visitor is not None and visitor.user.role in ("manager", "admin")
    response = templates.TemplateResponse(request, template, {
        "lang": lang, "other_lang": "cy" if lang == "en" else "en",
        "t": lambda key, /, **values: translate(lang, key, **values),
        "user": visitor.user if visitor else None,
        "csrf": visitor.web.csrf_token if visitor else context.pop("signin_csrf", ""),
        "here": quote(here, safe="/?=&"),
        "quarantine_count": quarantine_count(request) if manager else 0,
        **context}, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def redirect(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def safe_next(path: str | None) -> str:
    """Only a path on this site (no scheme, no other host) is followed after sign-in."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/records"
    return path


def new_signin_token() -> str:
    return secrets.token_urlsafe(24)
