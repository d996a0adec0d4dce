"""No network: the queued records sealed to central's bundle key, and the receipts file
that comes back (docs/bundle-format.md). Follows ``central.bundle.seal``, the reference."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from cstr_desktop.errors import SyncError
from cstr_desktop.sync import outbox
from cstr_desktop.sync.client import now_iso
from cstr_desktop.sync.enrolment import Enrolment
from cstr_desktop.sync.receipts import central_signer, signed_by_central
from cstr_desktop.sync.sender import SyncReport, apply_result, transaction
from cstr_desktop.trust.signatures import b64, canonical, sha256_hex, unb64

INFO = b"cstr-bundle/1"


def _raw(key) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def seal(bundle_key: str, device_key, device_id: str, records: list[dict],
         bundle_id: str) -> bytes:
    recipient_raw = unb64(bundle_key, 32)
    recipient = X25519PublicKey.from_public_bytes(recipient_raw)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = _raw(ephemeral.public_key())
    payload = {"type": "cstr-bundle-contents/1", "bundle_id": bundle_id,
               "device_id": device_id, "created_at": now_iso(), "records": records}
    contents = {"payload": payload, "signer": device_id,
                "signature": b64(device_key.sign(canonical(payload)))}
    nonce = os.urandom(12)
    header = {"type": "cstr-bundle/1", "recipient": sha256_hex(recipient_raw)[:32],
              "ephemeral_key": b64(ephemeral_raw), "nonce": b64(nonce)}
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_raw + recipient_raw,
               info=INFO).derive(ephemeral.exchange(recipient))
    sealed = AESGCM(key).encrypt(nonce, canonical(contents), canonical(header))
    return json.dumps({**header, "ciphertext": b64(sealed)}).encode("utf-8")


def write_bundle(path: Path, items: list[tuple[dict, dict]], enrolment: Enrolment,
                 device_key) -> str:
    """Seal the records to central and write the file (atomically); returns its id."""
    if not path.parent.is_dir():
        raise SyncError(f"no such folder for the bundle: {path.parent}")
    bundle_id = str(uuid.uuid4())
    data = seal(enrolment.bundle_key, device_key, enrolment.device_id,
                [record for _, record in items], bundle_id)
    tmp = path.with_name(f".{path.name}.{bundle_id[:8]}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return bundle_id


def read_receipts(path: Path, enrolment: Enrolment) -> dict:
    """The receipts file's payload, once its signature by the pinned key is checked."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SyncError(f"no such receipts file: {path}") from None
    except (OSError, UnicodeDecodeError, ValueError):
        raise SyncError(f"{path} is not a receipts file (not JSON)") from None
    if not isinstance(data, dict) or not isinstance(data.get("payload"), dict) or \
            data["payload"].get("type") != "cstr-receipts/1":
        raise SyncError(f"{path} is not a cstr-receipts/1 file")
    if data.get("signer") != central_signer(enrolment.signing_key) or \
            not signed_by_central(data, enrolment.signing_key):
        raise SyncError("the receipts file is not signed by the central key pinned at "
                        "enrolment: nothing was taken from it")
    payload = data["payload"]
    if payload.get("device_id") != enrolment.device_id:
        raise SyncError("the receipts file is for another device")
    if not isinstance(payload.get("results"), list):
        raise SyncError("the receipts file has no results")
    return payload


def import_receipts(db, path: Path, enrolment: Enrolment) -> SyncReport:
    payload = read_receipts(path, enrolment)
    report = SyncReport()
    rows = {(r["assessment_id"], r["version"]): r
            for r in outbox.rows(db, (outbox.QUEUED, *outbox.NEEDS_OFFICE), kind="record")}
    now = now_iso()
    with transaction(db):
        for result in payload["results"]:
            if not isinstance(result, dict):
                continue
            row = rows.get((result.get("assessment_id"), result.get("version")))
            if row is not None:
                apply_result(db, enrolment, row, result, now, report)
    return report
