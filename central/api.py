"""The API the laptops call (docs/sync-protocol.md). JSON in, JSON out.

Every call but ``health`` and ``enrol`` is signed by an enrolled device's key. Each
record is stored in its own transaction, so a batch cut short (central stopped, the
connection lost) leaves every record either stored with its receipt or not at all, and
sending the batch again is harmless.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from central.devices import DeviceError, authenticate, enrol
from central.ingest import lookup, receive
from central.models import Device
from central.outcomes import receive_outcome

router = APIRouter(prefix="/api/v1")
MAX_BATCH = 100


def error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": code, "message": message, **extra}, status_code=status)


async def device_error(request: Request, exc: DeviceError) -> JSONResponse:
    """The app's handler for a DeviceError raised anywhere in a call: its JSON error."""
    return error(exc.status, exc.code, exc.message)


async def _body(request: Request) -> bytes:
    limit = request.app.state.settings.max_body_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise DeviceError(413, "too_large", f"the body is over {limit // 2**20} MiB")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise DeviceError(413, "too_large", f"the body is over {limit // 2**20} MiB")
        chunks.append(chunk)
    return b"".join(chunks)


def _json(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DeviceError(400, "bad_json", "the body is not JSON in UTF-8") from exc


def _enrol(request: Request, body: Any) -> dict:
    state = request.app.state
    with state.db.write() as session:
        return enrol(session, body, state.keys)


def _device(request: Request, body: bytes) -> Device:
    state = request.app.state
    with state.db.write() as session:
        return authenticate(session, request.headers, request.method, request.url.path, body,
                            state.settings.clock_skew_seconds)


@dataclass
class SignedCall:
    """A call signed by an enrolled device: the device, and the body parsed."""
    device: Device
    body: Any


async def signed_call(request: Request) -> SignedCall:
    """Read the body (bounded), check the device's signature on it, parse it as JSON.
    A DeviceError goes to the app's handler, which answers with its JSON error."""
    raw = await _body(request)
    device = await run_in_threadpool(_device, request, raw)
    return SignedCall(device, await run_in_threadpool(_json, raw))


Signed = Annotated[SignedCall, Depends(signed_call)]


def _lookup(request: Request, versions: list, device: Device) -> list[dict]:
    with request.app.state.db.read() as session:
        return [o.as_json() for o in lookup(session, versions, device)]


@router.get("/health")
def health(request: Request) -> dict:
    keys = request.app.state.keys
    return {"status": "ok", "service": "cstr-central", "signing_key": keys.signing_public,
            "signing_fingerprint": keys.signing_fingerprint, "bundle_key": keys.bundle_public,
            "bundle_fingerprint": keys.bundle_fingerprint}


@router.post("/enrol")
async def enrol_device(request: Request) -> JSONResponse:
    body = _json(await _body(request))
    answer = await run_in_threadpool(_enrol, request, body)
    return JSONResponse(answer, status_code=201)


@router.put("/records/{assessment_id}/{version}")
async def put_record(request: Request, assessment_id: str, version: str,
                     call: Signed) -> JSONResponse:
    device, record = call.device, call.body
    if not isinstance(record, dict) or record.get("assessment_id") != assessment_id or \
            str(record.get("version")) != version:
        return error(400, "path_mismatch", "the path names another version than the body")
    state = request.app.state
    outcome = await run_in_threadpool(receive, state.db, state.keys, record, device)
    return JSONResponse(outcome.as_json(), status_code=outcome.http_status)


@router.post("/batches")
async def post_batch(request: Request, call: Signed) -> JSONResponse:
    device, batch = call.device, call.body
    if not isinstance(batch, dict) or batch.get("type") != "cstr-batch/1" or \
            not isinstance(batch.get("records"), list):
        return error(400, "bad_request", "the body is not a cstr-batch/1 object")
    if len(batch["records"]) > MAX_BATCH:
        return error(413, "too_many", f"a batch holds at most {MAX_BATCH} records")
    state = request.app.state
    results = []
    for record in batch["records"]:  # each its own transaction, off the event loop
        outcome = await run_in_threadpool(receive, state.db, state.keys, record, device)
        results.append(outcome.as_json())
    return JSONResponse({"type": "cstr-batch-results/1", "results": results})


@router.put("/outcomes/{outcome_id}")
async def put_outcome(request: Request, outcome_id: str, call: Signed) -> JSONResponse:
    """A court outcome recorded after approval: a signed cstr-outcome/1 addendum."""
    device, body = call.device, call.body
    signed = body.get("outcome") if isinstance(body, dict) else None
    payload = signed.get("payload") if isinstance(signed, dict) else None
    if not isinstance(payload, dict) or payload.get("outcome_id") != outcome_id:
        return error(400, "path_mismatch", "the path names another outcome than the body")
    state = request.app.state
    result = await run_in_threadpool(receive_outcome, state.db, state.keys, body, device)
    return JSONResponse(result.as_json(), status_code=result.http_status)


@router.post("/receipts")
async def post_receipts(request: Request, call: Signed) -> JSONResponse:
    device, query = call.device, call.body
    versions = query.get("versions") if isinstance(query, dict) else None
    if not isinstance(versions, list) or len(versions) > 1000:
        return error(400, "bad_request", "the body is {\"versions\": [...]} with at most "
                     "1000 items")
    results = await run_in_threadpool(_lookup, request, versions, device)
    return JSONResponse({"type": "cstr-receipt-lookup/1", "results": results})
