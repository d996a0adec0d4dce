"""Office pages for what happened next: a record's follow-up form, the providers' CSV
import, and the decision on a quarantined outcome addendum."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from central import follow_ups
from central.follow_up_csv import MAX_BYTES, ImportRefused, import_csv
from central.models import OutcomeAddendum, Record
from central.office_records import actor_of, show_record
from central.outcomes import resolve_outcome
from central.text import translate
from central.web import Visitor, check_csrf, language, redirect, render, signed_in

router = APIRouter()
FOLLOW_FIELDS = (*follow_ups.ORDER_FIELDS,
                 *(f"{code}_{name}" for code in follow_ups.TREATMENTS
                   for name in follow_ups.TREATMENT_FIELDS))


def _save_follow_up(request: Request, visitor: Visitor, record_id: str,
                    form: dict[str, str]) -> Response:
    state = request.app.state
    with state.db.write() as session:
        row = session.get(Record, record_id)
        if row is None:
            return render(request, "error.html", visitor, status=404, message="error_404")
        order, treatments, problems = follow_ups.from_form(session, row.assessment_id, form)
        if not problems:
            changed = follow_ups.save(session, row.assessment_id, order, treatments,
                                      actor_of(visitor), via="page")
    if problems:
        return show_record(request, visitor, record_id, status=400, form={
            "values": {k: form.get(k, "") for k in FOLLOW_FIELDS},
            "problems": problems.items})
    return redirect(f"/records/{record_id}?done=follow_up_{changed}#next")


@router.post("/records/{record_id}/follow-up", response_class=HTMLResponse)
async def follow_up(request: Request, record_id: str) -> Response:
    visitor = await run_in_threadpool(signed_in, request)
    form = await request.form()
    if not check_csrf(visitor, str(form.get("csrf", ""))):
        return render(request, "error.html", visitor, status=403, message="csrf_failed")
    values = {k: str(form.get(k, ""))[:40] for k in FOLLOW_FIELDS if k in form}
    return await run_in_threadpool(_save_follow_up, request, visitor, record_id, values)


@router.get("/follow-ups/import", response_class=HTMLResponse)
def import_page(request: Request) -> HTMLResponse:
    visitor = signed_in(request)
    return render(request, "follow_up_import.html", visitor, section="follow_ups")


def _import(request: Request, visitor: Visitor, data: bytes, name: str) -> HTMLResponse:
    lang = language(request)

    def say(key: str, **values) -> str:
        return translate(lang, key, **values)

    try:
        summary = import_csv(request.app.state.db, data, actor_of(visitor), name, say)
    except ImportRefused as exc:
        return render(request, "follow_up_import.html", visitor, status=400,
                      section="follow_ups", problems=exc.problems, filename=name)
    return render(request, "follow_up_import.html", visitor, section="follow_ups",
                  summary=summary, filename=name)


@router.post("/follow-ups/import", response_class=HTMLResponse)
async def import_upload(request: Request) -> Response:
    visitor = await run_in_threadpool(signed_in, request)
    form = await request.form(max_files=1, max_fields=10, max_part_size=MAX_BYTES + 1)
    if not check_csrf(visitor, str(form.get("csrf", ""))):
        return render(request, "error.html", visitor, status=403, message="csrf_failed")
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return render(request, "follow_up_import.html", visitor, status=400,
                      section="follow_ups", problems=[translate(language(request),
                                                                "csv_no_file")])
    data = await upload.read(MAX_BYTES + 1)
    return await run_in_threadpool(_import, request, visitor, data, upload.filename)


def _resolve(request: Request, visitor: Visitor, row_id: str, decision: str,
             reason: str) -> Response:
    state = request.app.state
    with state.db.read() as session:
        row = session.get(OutcomeAddendum, row_id)
    if row is None:
        return render(request, "error.html", visitor, status=404, message="error_404")
    if decision not in ("accept", "reject") or (decision == "reject" and not reason.strip()):
        need = "reason" if decision == "reject" else "decision"
        return redirect(f"/quarantine?problem=outcome_need_{need}#outcomes")
    try:
        resolve_outcome(state.db, state.keys, row_id, decision, reason, actor_of(visitor))
    except ValueError:
        return redirect("/quarantine?problem=outcome_unusable#outcomes")
    return redirect(f"/quarantine?done=outcome_{decision}#outcomes")


@router.post("/outcomes/{row_id}/resolve", response_class=HTMLResponse)
async def resolve(request: Request, row_id: str) -> Response:
    visitor = await run_in_threadpool(signed_in, request, ("manager", "admin"))
    form = await request.form()
    if not check_csrf(visitor, str(form.get("csrf", ""))):
        return render(request, "error.html", visitor, status=403, message="csrf_failed")
    return await run_in_threadpool(_resolve, request, visitor, row_id,
                                   str(form.get("decision", "")),
                                   str(form.get("reason", ""))[:2000])
