"""Devices (laptops): one-time enrolment codes, enrolment, revocation, and the
authentication of every request a device sends (a signature by its device key over the
method, path, body hash, time and a nonce; see docs/sync-protocol.md).
"""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central.audit import Actor, record_event
from central.canonical import (
    HEX32_RE,
    fingerprint,
    now,
    parse_time,
    public_key,
    sha256_hex,
    signature_ok,
    stamp,
    unb64,
)
from central.keys import CentralKeys
from central.models import Device, RequestNonce

CODE_CHARS = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no I, L, O, U, 0 or 1 to misread
CODE_LENGTH = 20  # about 98 bits
CODE_HOURS = 24
NAME_RE = re.compile(r"^[\w][\w .'-]{0,99}$")
NONCE_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
HEADERS = ("cstr-device", "cstr-timestamp", "cstr-nonce", "cstr-signature")


@dataclass
class DeviceError(Exception):
    """A refusal with its HTTP status and a stable machine-readable code."""

    status: int
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def normalise_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def show_code(code: str) -> str:
    return "-".join(code[i:i + 5] for i in range(0, len(code), 5))


def add_device(session: Session, name: str, actor: Actor) -> tuple[Device, str]:
    """A new device waiting for enrolment, and its one-time code (shown once)."""
    name = " ".join(name.split())
    if not NAME_RE.match(name):
        raise DeviceError(400, "bad_name", "a device name is 1 to 100 letters, digits, "
                          "spaces, dots, apostrophes or dashes")
    if session.scalar(select(Device).where(Device.name == name)) is not None:
        raise DeviceError(409, "device_exists", f"a device named '{name}' already exists")
    code = "".join(secrets.choice(CODE_CHARS) for _ in range(CODE_LENGTH))
    device = Device(id=str(uuid.uuid4()), name=name, status="pending",
                    code_hash=sha256_hex(code.encode()), created_at=now(),
                    code_expires_at=stamp(datetime.now(UTC) + timedelta(hours=CODE_HOURS)),
                    created_by=actor.name)
    session.add(device)
    session.flush()
    record_event(session, actor, "device_add", subject=f"device {name}")
    return device, show_code(code)


def revoke_device(session: Session, name: str, actor: Actor) -> Device:
    device = session.scalar(select(Device).where(Device.name == name))
    if device is None:
        raise DeviceError(404, "device_unknown", f"no device is named '{name}'")
    if device.status != "revoked":
        device.status = "revoked"
        device.revoked_at = now()
        device.code_hash = None
        record_event(session, actor, "device_revoke", subject=f"device {name}")
    return device


def list_devices(session: Session) -> list[Device]:
    return list(session.scalars(select(Device).order_by(Device.created_at.desc())))


def enrol(session: Session, body: Any, keys: CentralKeys) -> dict:
    """Enrol the device that presents a valid code; returns central's signed answer."""
    payload = body.get("payload") if isinstance(body, dict) else None
    if not isinstance(payload, dict) or payload.get("type") != "cstr-enrol/1":
        raise DeviceError(400, "bad_request", "the body is not a signed cstr-enrol/1 object")
    code = normalise_code(str(payload.get("code", "")))
    root = payload.get("root_fingerprint")
    store_id = payload.get("store_id")
    try:
        key = public_key(payload.get("device_public_key"))
        raw = unb64(payload["device_public_key"])
    except ValueError as exc:
        raise DeviceError(400, "bad_request", "device_public_key is not an Ed25519 "
                          "public key in base64") from exc
    if not isinstance(root, str) or not HEX32_RE.match(root):
        raise DeviceError(400, "bad_request", "root_fingerprint is not 32 hex characters")
    if not isinstance(store_id, str) or not store_id:
        raise DeviceError(400, "bad_request", "store_id is missing")
    if not signature_ok(key, payload, body.get("signature")):
        raise DeviceError(400, "bad_signature", "the enrolment is not signed by the device "
                          "key it presents")
    device = session.scalar(select(Device).where(
        Device.code_hash == sha256_hex(code.encode())).with_for_update()) if code else None
    if device is None:
        raise DeviceError(403, "code_unknown", "this enrolment code is not known: ask for "
                          "a new one")
    if device.status == "revoked":
        raise DeviceError(403, "device_revoked", f"the device '{device.name}' is revoked")
    if device.code_used_at is not None:
        raise DeviceError(409, "code_used", "this enrolment code has already been used: "
                          "ask for a new one")
    if device.code_expires_at is None or device.code_expires_at < now():
        raise DeviceError(403, "code_expired", "this enrolment code has expired (codes last "
                          f"{CODE_HOURS} hours): ask for a new one")
    if session.scalar(select(Device).where(Device.key_fingerprint == fingerprint(raw))):
        raise DeviceError(409, "key_in_use", "this device key is already enrolled")
    device.code_used_at = now()
    device.status = "active"
    device.public_key = payload["device_public_key"]
    device.key_fingerprint = fingerprint(raw)
    device.root_fingerprint = root
    device.store_id = store_id
    device.enrolled_at = device.code_used_at
    record_event(session, Actor(f"device:{device.name}", "device"), "device_enrol",
                 subject=f"device {device.name}", detail={"root_fingerprint": root})
    return keys.sign({
        "type": "cstr-enrolment/1", "device_id": device.id, "device_name": device.name,
        "device_key_fingerprint": device.key_fingerprint, "root_fingerprint": root,
        "store_id": store_id, "signing_key": keys.signing_public,
        "signing_fingerprint": keys.signing_fingerprint, "bundle_key": keys.bundle_public,
        "bundle_fingerprint": keys.bundle_fingerprint, "enrolled_at": device.enrolled_at})


def request_payload(device_id: str, method: str, path: str, timestamp: str, nonce: str,
                    body: bytes) -> dict:
    return {"type": "cstr-request/1", "device_id": device_id, "method": method.upper(),
            "path": path, "timestamp": timestamp, "nonce": nonce,
            "body_sha256": sha256_hex(body)}


def authenticate(session: Session, headers: Mapping[str, str], method: str, path: str,
                 body: bytes, skew_seconds: int) -> Device:
    """The active device that signed this request, or DeviceError. Records the nonce."""
    values = {name: headers.get(name) for name in HEADERS}
    if not all(values.values()):
        raise DeviceError(401, "auth_missing", "the request is not signed by a device "
                          "(CSTR-Device, CSTR-Timestamp, CSTR-Nonce, CSTR-Signature)")
    device = session.get(Device, values["cstr-device"])
    if device is None or device.public_key is None:
        raise DeviceError(401, "device_unknown", "this device is not enrolled")
    try:
        sent = parse_time(values["cstr-timestamp"])
    except ValueError as exc:
        raise DeviceError(401, "bad_timestamp", "CSTR-Timestamp is not an ISO 8601 time "
                          "with its zone") from exc
    if abs((datetime.now(UTC) - sent).total_seconds()) > skew_seconds:
        raise DeviceError(401, "clock_skew", "the request's time is more than "
                          f"{skew_seconds // 60} minutes from central's ({now()}): check "
                          "the laptop's clock")
    nonce = values["cstr-nonce"]
    if not NONCE_RE.match(nonce):
        raise DeviceError(401, "bad_nonce", "CSTR-Nonce is 16 to 64 letters or digits")
    payload = request_payload(device.id, method, path, values["cstr-timestamp"], nonce, body)
    if not signature_ok(public_key(device.public_key), payload, values["cstr-signature"]):
        raise DeviceError(401, "bad_signature", "the request's signature does not verify "
                          "under the enrolled device key")
    if device.status == "revoked":
        raise DeviceError(403, "device_revoked", f"the device '{device.name}' is revoked")
    if device.status != "active":
        raise DeviceError(401, "device_unknown", "this device is not enrolled")
    cutoff = stamp(datetime.now(UTC) - timedelta(seconds=2 * skew_seconds))
    session.execute(delete(RequestNonce).where(RequestNonce.device_id == device.id,
                                               RequestNonce.seen_at < cutoff))
    try:
        with session.begin_nested():
            session.add(RequestNonce(device_id=device.id, nonce=nonce, seen_at=now()))
    except IntegrityError as exc:
        raise DeviceError(401, "replayed", "this request was already received "
                          "(its nonce was used)") from exc
    device.last_seen_at = now()
    return device
