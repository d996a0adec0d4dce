"""Office pages around the records: sign-in, language, quarantine, devices, audit."""

from __future__ import annotations

import hmac
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from central import audit, search, users
from central.devices import DeviceError, add_device, list_devices, revoke_device
from central.models import Device
from central.office_records import actor_of
from central.outcomes import quarantined as quarantined_outcomes
from central.text import LANGS
from central.web import (
    LANG_COOKIE,
    SESSION_COOKIE,
    SIGNIN_CSRF_COOKIE,
    check_csrf,
    new_signin_token,
    redirect,
    render,
    safe_next,
    signed_in,
)

router = APIRouter()


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


@router.get("/signin", response_class=HTMLResponse)
def signin_form(request: Request, problem: str = "", next: str = "/records") -> Response:
    token = new_signin_token()
    response = render(request, "signin.html", None, section="signin", problem=problem,
                      next_path=safe_next(next), signin_csrf=token)
    response.set_cookie(SIGNIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=_secure(request), path="/signin")
    return response


@router.post("/signin", response_class=HTMLResponse)
def signin(request: Request, csrf: str = Form(""), username: str = Form(""),
           password: str = Form(""), next: str = Form("")) -> Response:
    next_path = safe_next(next)
    cookie = request.cookies.get(SIGNIN_CSRF_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie.encode(), csrf.encode()):
        return redirect(f"/signin?problem=csrf_failed&next={quote(next_path)}")
    state = request.app.state
    try:
        with state.db.write() as session:
            user = users.check_password(session, username, password)
            token = users.start_session(session, user, state.settings)
    except users.SignInError as exc:
        problem = "signin_locked" if str(exc) == "locked" else "signin_wrong"
        return redirect(f"/signin?problem={problem}&next={quote(next_path)}")
    response = redirect(next_path)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict",
                        secure=_secure(request), path="/")
    response.delete_cookie(SIGNIN_CSRF_COOKIE, path="/signin")
    return response


@router.post("/signout")
def signout(request: Request, csrf: str = Form("")) -> Response:
    visitor = signed_in(request)
    if not check_csrf(visitor, csrf):
        return render(request, "error.html", visitor, status=403, message="csrf_failed")
    with request.app.state.db.write() as session:
        users.end_session(session, visitor.token)
        audit.record_event(session, actor_of(visitor), "sign_out")
    response = redirect("/signin?problem=signed_out")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/language")
def choose_language(request: Request, set: str = "en", next: str = "/records") -> Response:
    response = redirect(safe_next(next))
    response.set_cookie(LANG_COOKIE, set if set in LANGS else "en", max_age=365 * 86400,
                        samesite="lax", secure=_secure(request), path="/")
    return response


@router.get("/quarantine", response_class=HTMLResponse)
def quarantine(request: Request) -> HTMLResponse:
    visitor = signed_in(request, ("manager", "admin"))
    with request.app.state.db.read() as session:
        rows = search.quarantined(session)
        outcome_rows = quarantined_outcomes(session)
    return render(request, "quarantine.html", visitor, section="quarantine", rows=rows,
                  outcome_rows=outcome_rows, display_status=search.display_status,
                  problem=request.query_params.get("problem", ""),
                  done=request.query_params.get("done", ""))


@router.get("/devices", response_class=HTMLResponse)
def devices(request: Request) -> HTMLResponse:
    visitor = signed_in(request, ("admin",))
    with request.app.state.db.read() as session:
        rows = list_devices(session)
    return render(request, "devices.html", visitor, section="devices", rows=rows,
                  problem=request.query_params.get("problem", ""),
                  done=request.query_params.get("revoked", ""))


@router.post("/devices", response_class=HTMLResponse)
def devices_add(request: Request, csrf: str = Form(""), name: str = Form("")) -> Response:
    visitor = signed_in(request, ("admin",))
    if not check_csrf(visitor, csrf):
        return render(request, "error.html", visitor, status=403, message="csrf_failed")
    try:
        with request.app.state.db.write() as session:
            device, code = add_device(session, name, actor_of(visitor))
    except DeviceError as exc:
        with request.app.state.db.read() as session:
            rows = list_devices(session)
        return render(request, "devices.html", visitor, status=400, section="devices",
                      rows=rows, problem=exc.message, name=name[:100])
    return render(request, "device_added.html", visitor, section="devices", device=device,
                  code=code)


@router.get("/devices/{device_id}/revoke", response_class=HTMLResponse)
def revoke_confirm(request: Request, device_id: str) -> HTMLResponse:
    visitor = signed_in(request, ("admin",))
    with request.app.state.db.read() as session:
        device = session.get(Device, device_id)
    if device is None:
        return render(request, "error.html", visitor, status=404, message="error_404")
    return render(request, "device_revoke.html", visitor, section="devices", device=device)


@router.post("/devices/{device_id}/revoke")
def revoke(request: Request, device_id: str, csrf: str = Form("")) -> Response:
    visitor = signed_in(request, ("admin",))
    if not check_csrf(visitor, csrf):
        return render(request, "error.html", visitor, status=403, message="csrf_failed")
    with request.app.state.db.write() as session:
        device = session.get(Device, device_id)
        if device is None:
            return render(request, "error.html", visitor, status=404, message="error_404")
        revoke_device(session, device.name, actor_of(visitor))
        name = device.name
    return redirect(f"/devices?revoked={quote(name)}")


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request) -> HTMLResponse:
    visitor = signed_in(request, ("manager", "admin"))
    who = request.query_params.get("actor", "").strip()[:200]
    with request.app.state.db.read() as session:
        rows = audit.events(session, actor=who or None, limit=200)
    return render(request, "audit.html", visitor, section="audit", rows=rows, who=who)
