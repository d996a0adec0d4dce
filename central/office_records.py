"""Office pages about records: the list with search, one record, its copies, verify.

Every view of a record (its page, or one of its PDFs) is written to the audit trail in
the same transaction that reads it: who saw whose record, and when.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from central import audit, search
from central.audit import Actor
from central.canonical import normalise_code, show_code, unb64
from central.ingest import resolve
from central.models import Device, Record, RecordBody, VerificationCode
from central.outcome_view import outcome_context
from central.web import Visitor, check_csrf, redirect, render, signed_in

router = APIRouter()
READERS = ("court", "probation", "provider")


def actor_of(visitor: Visitor) -> Actor:
    return Actor(visitor.user.username, visitor.user.role)


@router.get("/", include_in_schema=False)
def home(request: Request) -> Response:
    signed_in(request)
    return redirect("/records")


@router.get("/records", response_class=HTMLResponse)
def records(request: Request) -> HTMLResponse:
    visitor = signed_in(request)
    filters = search.Filters.from_query(request.query_params)
    with request.app.state.db.read() as session:
        rows, total = search.search(session, filters)
    pages = max(1, -(-total // search.PER_PAGE))
    return render(request, "records.html", visitor, section="records", rows=rows,
                  total=total, filters=filters, pages=pages, statuses=search.STATUSES,
                  display_status=search.display_status)


def _copy_label(t, key: str) -> dict[str, str]:
    reader, _, lang = key.partition("/")
    reader_key = f"reader_{reader}" if reader in READERS else None
    lang_key = f"lang_{lang}" if lang in ("en", "cy", "both") else None
    return {"reader": t(reader_key) if reader_key else reader,
            "lang": t(lang_key) if lang_key else lang}


@router.get("/records/{record_id}", response_class=HTMLResponse)
def record_page(request: Request, record_id: str) -> HTMLResponse:
    return show_record(request, signed_in(request), record_id)


def show_record(request: Request, visitor: Visitor, record_id: str, status: int = 200,
                **extra: Any) -> HTMLResponse:
    """A record's page (its viewing audited), with what happened next; ``extra`` carries a
    follow-up form sent back with its problems."""
    state = request.app.state
    with state.db.write() as session:
        row = session.get(Record, record_id)
        if row is None:
            return render(request, "error.html", visitor, status=404, message="error_404")
        body = session.get(RecordBody, record_id)
        record: dict[str, Any] = json.loads(body.body) if body else {}
        audit.record_event(session, actor_of(visitor), "record_view", row)
        versions = search.versions_of(session, row.assessment_id)
        device = session.get(Device, row.device_id) if row.device_id else None
        views = audit.events(session, record_id=record_id, limit=100) \
            if visitor.user.role in ("manager", "admin") else []
        outcomes = outcome_context(session, row, record, extra.pop("form", None))
    return render(request, "record.html", visitor, status=status, section="records", row=row,
                  record=record, versions=versions, device=device, views=views,
                  copies=_copies(record), copy_label=_copy_label,
                  receipt=json.loads(row.receipt) if row.receipt else None,
                  display_status=search.display_status,
                  answers=record.get("answers") if isinstance(record.get("answers"), dict)
                  else {}, message=request.query_params.get("done", ""), **outcomes, **extra)


def _copies(record: dict) -> list[dict[str, Any]]:
    snapshots = record.get("snapshots") if isinstance(record.get("snapshots"), dict) else {}
    codes = record.get("verification_codes") \
        if isinstance(record.get("verification_codes"), dict) else {}
    pdfs = record.get("pdfs") if isinstance(record.get("pdfs"), dict) else {}
    readers = {reader: i for i, reader in enumerate(READERS)}
    langs = {"en": 0, "cy": 1, "both": 2}
    keys = sorted(set(snapshots) | set(pdfs),
                  key=lambda k: (readers.get(k.partition("/")[0], 9),
                                 langs.get(k.partition("/")[2], 9), k))
    return [{"key": k, "code": codes.get(k, ""), "has_pdf": k in pdfs,
             "reader": k.partition("/")[0], "lang": k.partition("/")[2]} for k in keys]


@router.get("/records/{record_id}/copies/{reader}/{lang}.pdf")
def copy_pdf(request: Request, record_id: str, reader: str, lang: str) -> Response:
    visitor = signed_in(request)
    key = f"{reader}/{lang}"
    with request.app.state.db.write() as session:
        row = session.get(Record, record_id)
        body = session.get(RecordBody, record_id) if row else None
        pdfs = (json.loads(body.body).get("pdfs") or {}) if body else {}
        if row is None or not isinstance(pdfs, dict) or key not in pdfs:
            return Response("no such copy", status_code=404, media_type="text/plain")
        try:
            data = unb64(pdfs[key])
        except ValueError:
            return Response("the copy is not readable", status_code=422,
                            media_type="text/plain")
        audit.record_event(session, actor_of(visitor), "copy_open", row,
                           detail={"copy": key})
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", f"{row.case_number or 'record'}-{reader}-{lang}")
    return Response(data, media_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{name[:100]}.pdf"',
        "Cache-Control": "no-store"})


@router.post("/records/{record_id}/resolve", response_class=HTMLResponse)
def resolve_record(request: Request, record_id: str, csrf: str = Form(""),
                   decision: str = Form(""), reason: str = Form("")) -> Response:
    visitor = signed_in(request, ("manager", "admin"))
    if not check_csrf(visitor, csrf):
        return render(request, "error.html", visitor, status=403, message="csrf_failed")
    state = request.app.state
    if decision not in ("accept", "reject"):
        problem = "resolve_need_decision"
    elif decision == "reject" and not reason.strip():
        problem = "resolve_need_reason"
    else:
        try:
            row = resolve(state.db, state.keys, record_id, decision, reason, actor_of(visitor))
        except LookupError:
            return render(request, "error.html", visitor, status=404, message="error_404")
        except ValueError:
            return redirect(f"/records/{record_id}")
        done = f"accept-{row.central_version}" if decision == "accept" else "reject"
        return redirect(f"/records/{record_id}?done={done}#status")
    return redirect(f"/records/{record_id}?problem={problem}#resolve")


@router.get("/verify", response_class=HTMLResponse)
def verify_page(request: Request) -> HTMLResponse:
    visitor = signed_in(request)
    typed = request.query_params.get("code", "").strip()[:40]
    result: dict[str, Any] | None = None
    if typed:
        code = normalise_code(typed)
        if code is None:
            result = {"problem": "verify_bad"}
        else:
            with request.app.state.db.write() as session:
                result = lookup_code(session, code)
                audit.record_event(session, actor_of(visitor), "verify_code",
                                   result.get("row"), detail={"code": show_code(code)})
    return render(request, "verify.html", visitor, section="verify", typed=typed,
                  result=result, copy_label=_copy_label)


def lookup_code(session, code: str) -> dict[str, Any]:
    """Whose report a code belongs to, and whether a newer version has arrived since."""
    hit = session.execute(select(Record, VerificationCode.copy_key).join(
        VerificationCode, VerificationCode.record_id == Record.id)
        .where(VerificationCode.code == code)
        .order_by(Record.received_at)).first()
    if hit is None:
        return {"problem": "verify_none"}
    row, copy_key = hit
    newer = [v for v in search.versions_of(session, row.assessment_id)
             if v.status == "accepted" and v.version > row.version]
    return {"row": row, "copy_key": copy_key,
            "newest": max((v.version for v in newer), default=None)}
