"""The web application: the laptops' API and the office pages, on one database.

``create_app`` takes its settings; ``app_from_env`` is what each uvicorn worker calls,
so every worker (and every host started with the same environment) is the same.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import select
from starlette.exceptions import HTTPException as StarletteHTTPException

from central import (
    __version__,
    api,
    config,
    office_admin,
    office_dashboard,
    office_outcomes,
    office_records,
)
from central.canonical import now
from central.db import Database
from central.devices import DeviceError
from central.keys import CentralKeys, load_keys
from central.models import CentralKey
from central.web import Forbidden, NeedSignIn, redirect, render

STATIC = Path(__file__).resolve().parent / "static"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-src 'self'; object-src 'self'; "
                               "frame-ancestors 'self'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "no-referrer",
}


class StartupError(Exception):
    """The service cannot start as configured; the message says what to do."""


def check_keys(db: Database, keys: CentralKeys) -> None:
    """The first start records central's public keys; any later start must have the same."""
    with db.write() as session:
        held = session.scalar(select(CentralKey).where(CentralKey.id == 1))
        if held is None:
            session.add(CentralKey(id=1, signing_public=keys.signing_public,
                                   bundle_public=keys.bundle_public, created_at=now()))
        elif (held.signing_public, held.bundle_public) != (keys.signing_public,
                                                           keys.bundle_public):
            raise StartupError("this host's key files are not the ones this database was "
                               "started with: copy the key folder of the first host")


def create_app(settings: config.Settings) -> FastAPI:
    db = Database(settings)
    if not db.is_current():
        raise StartupError("the database schema is not up to date: run "
                           "'cstr-central migrate' first")
    keys = load_keys(settings.key_dir)
    check_keys(db, keys)
    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        db.dispose()

    app = FastAPI(title="CSTR central records", version=__version__, docs_url=None,
                  redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.settings, app.state.db, app.state.keys = settings, db, keys
    app.include_router(api.router)
    app.include_router(office_admin.router)
    app.include_router(office_records.router)
    app.include_router(office_outcomes.router)
    app.include_router(office_dashboard.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.url.scheme == "https":
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

    app.add_exception_handler(DeviceError, api.device_error)

    @app.exception_handler(NeedSignIn)
    async def need_sign_in(request: Request, exc: NeedSignIn) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "auth_missing", "message": "sign in"}, 401)
        problem = "&problem=signin_expired" if exc.expired else ""
        return redirect(f"/signin?next={quote(exc.next_path, safe='/')}{problem}")

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return render(request, "error.html", None, status=403, message="error_403")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "http_error", "message": str(exc.detail)},
                                exc.status_code)
        if exc.status_code == 404:
            return render(request, "error.html", None, status=404, message="error_404")
        return Response(str(exc.detail), status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        return JSONResponse({"error": "bad_request", "message": "the request is malformed"},
                            400)

    return app


def app_from_env() -> FastAPI:
    return create_app(config.load())
