"""The laptop's device key: an Ed25519 key pair made at enrolment, kept in the store.

The private key is wrapped with AES-256-GCM under a key derived (HKDF-SHA256) from the
database key, bound to the store's id, as the account keys are wrapped under their
password keys: a copy of the rows alone opens nothing. During a re-key the key is also
wrapped under the next database key (``device_key_next``) before the database is
re-keyed, so a crash at any moment leaves one of the two able to open it.
"""

from __future__ import annotations

import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from cstr_desktop.errors import SyncError
from cstr_desktop.trust.signatures import b64, unb64

INFO = b"cstr-device-key/1"


def _wrap_key(db_key: bytes, store_id: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=store_id.encode("utf-8"),
                info=INFO).derive(db_key)


def new_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def wrap(key: Ed25519PrivateKey, db_key: bytes, store_id: str) -> str:
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(_wrap_key(db_key, store_id)).encrypt(nonce, raw, INFO)
    return b64(nonce + sealed)


def unwrap(wrapped: str, db_key: bytes, store_id: str) -> Ed25519PrivateKey:
    try:
        data = unb64(wrapped)
        raw = AESGCM(_wrap_key(db_key, store_id)).decrypt(data[:12], data[12:], INFO)
    except (ValueError, InvalidTag):
        raise SyncError("the device key does not open with this store's key: enrol this "
                        "laptop again") from None
    return Ed25519PrivateKey.from_private_bytes(raw)


def open_key(row: dict, db_key: bytes, store_id: str) -> Ed25519PrivateKey:
    """The device key from the enrolment row, under the current (or, mid re-key, the
    next) database key."""
    try:
        return unwrap(row["device_key_wrapped"], db_key, store_id)
    except SyncError:
        if not row.get("device_key_next"):
            raise
        return unwrap(row["device_key_next"], db_key, store_id)


def before_rekey(db, old_key: bytes, new_key: bytes, store_id: str) -> None:
    """Wrap the device key under the next database key too (before ``PRAGMA rekey``)."""
    row = next(db["sync_central"].rows_where("id = 1"), None) if \
        db["sync_central"].exists() else None
    if row is None or not row["device_key_wrapped"]:
        return
    key = open_key(row, old_key, store_id)
    db["sync_central"].update(1, {"device_key_next": wrap(key, new_key, store_id)})


def after_rekey(db, done: bool) -> None:
    """The re-key finished (the next wrap becomes the wrap) or was dropped."""
    if not db["sync_central"].exists():
        return
    row = next(db["sync_central"].rows_where("id = 1"), None)
    if row is None or not row["device_key_next"]:
        return
    changes = {"device_key_wrapped": row["device_key_next"]} if done else {}
    db["sync_central"].update(1, {**changes, "device_key_next": None})
