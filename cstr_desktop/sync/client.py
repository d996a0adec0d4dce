"""Talking to central: HTTPS to the pinned certificate, every call signed by the device
key over its method, path, body hash, time and a fresh nonce (docs/sync-protocol.md)."""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime
from typing import Any

import httpx

from cstr_desktop.errors import CentralRefused, CentralUnreachable, WrongCertificate
from cstr_desktop.sync.tls_pin import pinned_context
from cstr_desktop.trust.signatures import b64, canonical, sha256_hex

API = "/api/v1"
TIMEOUT = httpx.Timeout(30.0, connect=10.0)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _is_certificate_error(exc: BaseException) -> bool:
    import ssl

    while exc is not None:
        if isinstance(exc, ssl.SSLCertVerificationError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


class CentralClient:
    """One connection to central for a sync run (``close`` when done)."""

    def __init__(self, url: str, tls_pem: str | None, device_id: str | None = None,
                 device_key: Any = None, timeout: httpx.Timeout | float = TIMEOUT) -> None:
        self.url = url.rstrip("/")
        self.device_id = device_id
        self.device_key = device_key
        verify: Any = pinned_context(tls_pem) if tls_pem else False
        self.http = httpx.Client(base_url=self.url, verify=verify, timeout=timeout,
                                 follow_redirects=False)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _headers(self, method: str, path: str, body: bytes) -> dict[str, str]:
        stamp, nonce = now_iso(), secrets.token_urlsafe(24)
        payload = {"type": "cstr-request/1", "device_id": self.device_id, "method": method,
                   "path": path, "timestamp": stamp, "nonce": nonce,
                   "body_sha256": sha256_hex(body)}
        return {"CSTR-Device": self.device_id or "", "CSTR-Timestamp": stamp,
                "CSTR-Nonce": nonce,
                "CSTR-Signature": b64(self.device_key.sign(canonical(payload))),
                "Content-Type": "application/json"}

    def call(self, method: str, path: str, obj: Any = None, signed: bool = True,
             ok: tuple[int, ...] = (200, 201)) -> dict:
        """The JSON answer; CentralUnreachable for a network fault, a timeout or a server
        error (try again later), CentralRefused for central's refusal."""
        path = API + path
        body = json.dumps(obj, ensure_ascii=False).encode("utf-8") if obj is not None else b""
        headers = self._headers(method, path, body) if signed else \
            {"Content-Type": "application/json"}
        try:
            response = self.http.request(method, path, content=body or None, headers=headers)
        except httpx.TimeoutException:
            raise CentralUnreachable("central did not answer in time") from None
        except httpx.HTTPError as exc:
            if _is_certificate_error(exc):
                raise WrongCertificate("central's TLS certificate is not the one pinned at "
                                       "enrolment: nothing was sent (if central's "
                                       "certificate was renewed, enrol this laptop again)"
                                       ) from None
            raise CentralUnreachable(f"central could not be reached ({type(exc).__name__}: "
                                     f"{exc})") from None
        if response.status_code >= 500:
            raise CentralUnreachable(f"central answered {response.status_code}: try again "
                                     "later")
        try:
            answer = response.json()
        except ValueError:
            raise CentralUnreachable(f"central answered {response.status_code} without "
                                     "JSON") from None
        if response.status_code not in ok:
            if isinstance(answer, dict) and "error" in answer:
                raise CentralRefused(str(answer["error"]), str(answer.get("message", "")),
                                     response.status_code)
            raise CentralRefused("unexpected", f"central answered {response.status_code}",
                                 response.status_code)
        if not isinstance(answer, dict):
            raise CentralUnreachable("central's answer is not a JSON object")
        return answer
