"""Enrolling this laptop with central records (docs/sync-protocol.md, Enrolment).

An administrator gives central's URL and the one-time code read out by central's
administrator. The laptop makes its device key, sends it signed, checks that central's
answer verifies under the signing key it names, and keeps (pins) that key, central's
bundle key and the TLS certificate it talked to.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from cstr_desktop.errors import CentralRefused, NotEnrolled, SyncError
from cstr_desktop.sync import device_key
from cstr_desktop.sync.client import CentralClient, now_iso
from cstr_desktop.sync.receipts import central_signer, signed_by_central
from cstr_desktop.sync.tls_pin import fingerprint_of, trusted_certificate
from cstr_desktop.trust.signatures import b64, canonical, fingerprint, public_b64

CODE_RE = re.compile(r"^[A-Z0-9]{20}$")
REFUSALS = {
    "code_unknown": "central does not know this code: check it, or ask for a new one",
    "code_expired": "the code has expired (codes last 24 hours): ask for a new one",
    "code_used": "the code was used already: ask central's administrator for a new one",
    "device_revoked": "central revoked this device before it enrolled",
    "key_in_use": "this device key is enrolled already",
}


@dataclass(frozen=True)
class Enrolment:
    """What the laptop keeps from its enrolment."""

    url: str
    device_id: str
    device_name: str
    signing_key: str
    bundle_key: str
    tls_cert_pem: str | None
    tls_fingerprint: str | None
    enrolled_at: str
    device_key_row: dict

    @property
    def signing_fingerprint(self) -> str:
        return fingerprint(self.signing_key)

    @property
    def bundle_fingerprint(self) -> str:
        return fingerprint(self.bundle_key)

    def device_key(self, db_key: bytes, store_id: str):
        return device_key.open_key(self.device_key_row, db_key, store_id)


def normal_code(code: str) -> str:
    letters = "".join(ch for ch in code.upper() if ch not in " -")
    if not CODE_RE.match(letters):
        raise SyncError("an enrolment code is 20 letters and digits, as "
                        "ABCDE-FGHJK-MNPQR-STVWX")
    return "-".join(letters[i:i + 5] for i in range(0, 20, 5))


def load(db) -> Enrolment | None:
    if not db["sync_central"].exists():
        return None
    row = next(db["sync_central"].rows_where("id = 1"), None)
    if row is None or not row["device_id"]:
        return None
    return Enrolment(row["url"], row["device_id"], row["device_name"] or "",
                     row["signing_key"], row["bundle_key"], row["tls_cert_pem"],
                     row["tls_fingerprint"], row["enrolled_at"], row)


def require(db) -> Enrolment:
    found = load(db)
    if found is None:
        raise NotEnrolled("this laptop is not enrolled with central records: an "
                          "administrator runs 'cstr-desktop enrol URL CODE' (or File › "
                          "Central records…)")
    return found


def _check_answer(answer: Any, public: str, root: str, store_id: str) -> dict:
    if not isinstance(answer, dict) or not isinstance(answer.get("payload"), dict):
        raise SyncError("central's answer to the enrolment is not a signed object")
    p = answer["payload"]
    key = p.get("signing_key")
    if p.get("type") != "cstr-enrolment/1" or not isinstance(key, str):
        raise SyncError("central's answer is not a cstr-enrolment/1")
    if not signed_by_central(answer, key) or answer.get("signer") != central_signer(key):
        raise SyncError("central's answer to the enrolment does not verify under the key it "
                        "names: not enrolled")
    if p.get("device_key_fingerprint") != fingerprint(public).replace(" ", "") or \
            p.get("root_fingerprint") != root or p.get("store_id") != store_id:
        raise SyncError("central's answer names another device key or store: not enrolled")
    for name in ("device_id", "bundle_key"):
        if not isinstance(p.get(name), str) or not p[name]:
            raise SyncError(f"central's answer has no {name}: not enrolled")
    return p


@dataclass(frozen=True)
class Answer:
    """Central's checked answer to an enrolment, with what to keep."""

    url: str
    payload: dict
    signed: dict
    pem: str | None
    key: Any  # the new device key (private)


def request(url: str, code: str, root: str, store_id: str, ca_file: str | None = None,
            tls_fingerprint: str | None = None) -> Answer:
    """The network half of an enrolment (no store needed: the window runs it off its
    thread). Raises SyncError, in words for a person, for anything refused."""
    code = normal_code(code)
    pem = trusted_certificate(url, ca_file, tls_fingerprint)
    key = device_key.new_key()
    public = public_b64(key)
    payload = {"type": "cstr-enrol/1", "code": code, "device_public_key": public,
               "root_fingerprint": root, "store_id": store_id, "at": now_iso()}
    body = {"payload": payload, "signer": "device",
            "signature": b64(key.sign(canonical(payload)))}
    with CentralClient(url, pem) as client:
        try:
            answer = client.call("POST", "/enrol", body, signed=False, ok=(201,))
        except CentralRefused as exc:
            raise SyncError(REFUSALS.get(exc.code) or
                            f"central refused the enrolment: {exc}") from None
    return Answer(url.rstrip("/"), _check_answer(answer, public, root, store_id), answer, pem,
                  key)


def save(store, answer: Answer) -> Enrolment:
    """Keep an enrolment (an administrator only); replaces an earlier one."""
    store.unit.require("admin")
    p = answer.payload
    now = store.unit.now()
    row = {"id": 1, "url": answer.url, "device_id": p["device_id"],
           "device_name": p.get("device_name") or "",
           "device_public_key": public_b64(answer.key),
           "device_key_wrapped": device_key.wrap(answer.key, store._key(), store.store_id),
           "device_key_next": None, "signing_key": p["signing_key"],
           "bundle_key": p["bundle_key"], "tls_cert_pem": answer.pem,
           "tls_fingerprint": fingerprint_of(answer.pem) if answer.pem else None,
           "enrolment": json.dumps(answer.signed, ensure_ascii=False), "enrolled_at": now,
           "enrolled_by": store.user.id}
    with store.unit.transaction():
        store.db["sync_central"].upsert(row, pk="id")
        store.unit.audit("central_enrolled", "store", store.store_id, new={
            "url": row["url"], "device_id": row["device_id"],
            "device_name": row["device_name"],
            "signing_fingerprint": fingerprint(row["signing_key"]),
            "tls_fingerprint": row["tls_fingerprint"]})
    store.checkpoint()
    return require(store.db)


def enrol(store, url: str, code: str, ca_file: str | None = None,
          tls_fingerprint: str | None = None) -> Enrolment:
    """Enrol this laptop (an administrator only); replaces an earlier enrolment."""
    store.unit.require("admin")
    return save(store, request(url, code, store.root_fingerprint().replace(" ", ""),
                               store.store_id, ca_file, tls_fingerprint))
