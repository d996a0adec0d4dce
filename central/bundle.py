"""Bundles for laptops with no network (docs/bundle-format.md), and the receipts file.

A bundle is sealed to central's X25519 bundle key (ephemeral X25519, HKDF-SHA256,
AES-256-GCM) and its contents are signed by the sending device's key, so only central
can read it and central knows which enrolled device made it. ``seal`` is the reference
the laptop follows; central itself only ever opens bundles.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from central.canonical import b64, canonical, fingerprint, now, public_key, signature_ok, unb64
from central.keys import CentralKeys

INFO = b"cstr-bundle/1"


class BundleError(Exception):
    """The bundle cannot be opened or trusted; the message says why, in one line."""


@dataclass(frozen=True)
class Contents:
    bundle_id: str
    device_id: str
    records: list[Any]


def _raw(key) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _aes_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient,
                info=INFO).derive(shared)


def _header(recipient: str, ephemeral: str, nonce: str) -> dict:
    return {"type": "cstr-bundle/1", "recipient": recipient, "ephemeral_key": ephemeral,
            "nonce": nonce}


def seal(bundle_key_b64: str, device_key: Ed25519PrivateKey, device_id: str,
         records: list[dict], bundle_id: str | None = None) -> bytes:
    recipient_raw = unb64(bundle_key_b64)
    recipient = X25519PublicKey.from_public_bytes(recipient_raw)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = _raw(ephemeral.public_key())
    payload = {"type": "cstr-bundle-contents/1", "bundle_id": bundle_id or str(uuid.uuid4()),
               "device_id": device_id, "created_at": now(), "records": records}
    signed = {"payload": payload, "signer": device_id,
              "signature": b64(device_key.sign(canonical(payload)))}
    nonce = os.urandom(12)
    header = _header(fingerprint(recipient_raw), b64(ephemeral_raw), b64(nonce))
    key = _aes_key(ephemeral.exchange(recipient), ephemeral_raw, recipient_raw)
    sealed = AESGCM(key).encrypt(nonce, canonical(signed), canonical(header))
    return json.dumps({**header, "ciphertext": b64(sealed)}).encode("utf-8")


def open_sealed(keys: CentralKeys, data: bytes) -> tuple[dict, Any]:
    """The signed contents (not yet checked against a device) of a bundle file."""
    try:
        outer = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError("not a bundle: the file is not JSON") from exc
    if not isinstance(outer, dict) or outer.get("type") != "cstr-bundle/1":
        raise BundleError("not a bundle: its type is not cstr-bundle/1")
    if outer.get("recipient") != keys.bundle_fingerprint:
        raise BundleError("the bundle was sealed to another central key "
                          f"({outer.get('recipient')}; this central's is "
                          f"{keys.bundle_fingerprint})")
    try:
        ephemeral_raw = unb64(outer.get("ephemeral_key"))
        nonce = unb64(outer.get("nonce"))
        sealed = unb64(outer.get("ciphertext"))
        ephemeral = X25519PublicKey.from_public_bytes(ephemeral_raw)
    except ValueError as exc:
        raise BundleError("the bundle's header is damaged") from exc
    header = _header(outer["recipient"], outer["ephemeral_key"], outer["nonce"])
    key = _aes_key(keys.bundle.exchange(ephemeral), ephemeral_raw,
                   _raw(keys.bundle.public_key()))
    try:
        plain = AESGCM(key).decrypt(nonce, sealed, canonical(header))
    except InvalidTag as exc:
        raise BundleError("the bundle does not decrypt: it was damaged or altered") from exc
    signed = json.loads(plain.decode("utf-8"))
    payload = signed.get("payload") if isinstance(signed, dict) else None
    if not isinstance(payload, dict) or payload.get("type") != "cstr-bundle-contents/1" \
            or not isinstance(payload.get("records"), list):
        raise BundleError("the bundle's contents are not cstr-bundle-contents/1")
    return signed, payload


def check_signed(signed: dict, payload: dict, device_public_key: str) -> Contents:
    if signed.get("signer") != payload.get("device_id") or not signature_ok(
            public_key(device_public_key), payload, signed.get("signature")):
        raise BundleError("the bundle is not signed by the device it names")
    return Contents(bundle_id=str(payload.get("bundle_id")), device_id=payload["device_id"],
                    records=payload["records"])


def receipts_file(keys: CentralKeys, contents: Contents, results: list[dict]) -> bytes:
    signed = keys.sign({"type": "cstr-receipts/1", "bundle_id": contents.bundle_id,
                        "device_id": contents.device_id, "made_at": now(),
                        "results": results})
    return (json.dumps(signed, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
