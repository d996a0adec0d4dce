"""A minimal laptop for the tests: enrols, signs requests with its device key, sends
records and batches, checks receipts against the key it pinned (docs/sync-protocol.md).

Written from the protocol page, not from central's code, apart from the canonical JSON
primitive that both sides share by definition.
"""

from __future__ import annotations

import json
import secrets
import ssl

import httpx
from central_factory import LaptopStore

from central.canonical import b64, canonical, now, public_key, sha256_hex, signature_ok


class Laptop:
    def __init__(self, base_url: str, ca_file: str, store: LaptopStore | None = None,
                 timeout: float = 30.0) -> None:
        self.store = store or LaptopStore()
        self.base_url = base_url
        context = ssl.create_default_context(cafile=ca_file)
        self.http = httpx.Client(base_url=base_url, verify=context, timeout=timeout)
        self.device_id: str | None = None
        self.central_key: str | None = None
        self.bundle_key: str | None = None

    def close(self) -> None:
        self.http.close()

    # Enrolment -----------------------------------------------------------------------

    def enrol_body(self, code: str) -> dict:
        payload = {"type": "cstr-enrol/1", "code": code,
                   "device_public_key": self.store.device_public,
                   "root_fingerprint": self.store.root_fingerprint,
                   "store_id": self.store.store_id, "at": now()}
        return {"payload": payload, "signer": "device",
                "signature": b64(self.store.device_key.sign(canonical(payload)))}

    def enrol(self, code: str) -> httpx.Response:
        response = self.http.post("/api/v1/enrol", json=self.enrol_body(code))
        if response.status_code == 201:
            answer = response.json()
            key = answer["payload"]["signing_key"]
            assert signature_ok(public_key(key), answer["payload"], answer["signature"])
            self.device_id = answer["payload"]["device_id"]
            self.central_key = key
            self.bundle_key = answer["payload"]["bundle_key"]
        return response

    # Signed requests -----------------------------------------------------------------

    def signed_headers(self, method: str, path: str, body: bytes, nonce: str | None = None,
                       timestamp: str | None = None) -> dict[str, str]:
        assert self.device_id, "enrol first"
        timestamp = timestamp or now()
        nonce = nonce or secrets.token_hex(16)
        payload = {"type": "cstr-request/1", "device_id": self.device_id,
                   "method": method, "path": path, "timestamp": timestamp, "nonce": nonce,
                   "body_sha256": sha256_hex(body)}
        return {"CSTR-Device": self.device_id, "CSTR-Timestamp": timestamp,
                "CSTR-Nonce": nonce,
                "CSTR-Signature": b64(self.store.device_key.sign(canonical(payload))),
                "Content-Type": "application/json"}

    def send(self, method: str, path: str, obj, **header_args) -> httpx.Response:
        body = json.dumps(obj).encode("utf-8")
        headers = self.signed_headers(method, path, body, **header_args)
        return self.http.request(method, path, content=body, headers=headers)

    def put_record(self, record: dict) -> httpx.Response:
        return self.send("PUT", f"/api/v1/records/{record['assessment_id']}/"
                                f"{record['version']}", record)

    def send_batch(self, records: list[dict]) -> httpx.Response:
        return self.send("POST", "/api/v1/batches", {"type": "cstr-batch/1",
                                                     "records": records})

    def put_outcome(self, addendum: dict) -> httpx.Response:
        outcome_id = addendum["outcome"]["payload"]["outcome_id"]
        return self.send("PUT", f"/api/v1/outcomes/{outcome_id}", addendum)

    def outcome_receipt_ok(self, receipt: dict, addendum: dict) -> bool:
        """An outcome's receipt: central's pinned key, for this outcome and content."""
        payload = receipt["payload"]
        sent = addendum["outcome"]["payload"]
        return (payload["type"] == "cstr-outcome-receipt/1"
                and payload["outcome_id"] == sent["outcome_id"]
                and payload["content_hash"] == sha256_hex(canonical(sent))
                and signature_ok(public_key(self.central_key), payload, receipt["signature"]))

    def lookup(self, records: list[dict]) -> httpx.Response:
        return self.send("POST", "/api/v1/receipts", {"versions": [
            {k: r[k] for k in ("assessment_id", "version", "content_hash")} for r in records]})

    def receipt_ok(self, receipt: dict, record: dict) -> bool:
        """A receipt counts only if central's pinned key signed it, for this version."""
        payload = receipt["payload"]
        return (payload["type"] == "cstr-receipt/1"
                and payload["assessment_id"] == record["assessment_id"]
                and payload["version"] == record["version"]
                and payload["content_hash"] == record["content_hash"]
                and signature_ok(public_key(self.central_key), payload, receipt["signature"]))
