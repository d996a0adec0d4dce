"""Signatures, certificates and the verification code (docs/trust-model.md).

Every format here is fixed by the trust model, so that central records can check
what the laptop signs: canonical JSON, SHA-256 in hex, Ed25519 keys and
signatures in standard base64, fingerprints in 8 groups of 4 hex characters.
A payload carries a ``type`` field, so a signature made for one purpose never
verifies for another.
"""

from __future__ import annotations

import base64
import binascii
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from cstr_desktop.canonical import (  # noqa: F401  (the trust model's primitives)
    canonical,
    content_hash,
    sha256_hex,
    snapshot_hash,
    verification_code,
)

CERT_TYPE = "cstr-account-cert/1"
LIFECYCLE_TYPE = "cstr-lifecycle/1"
AUDIT_TYPE = "cstr-audit/1"
ROLES = ("assessor", "reviewer", "admin")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str, length: int | None = None) -> bytes:
    """Standard base64 to bytes; ValueError for anything else (or the wrong length)."""
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValueError("not base64") from None
    if length is not None and len(data) != length:
        raise ValueError(f"{len(data)} bytes where {length} are expected")
    return data


def fold_name(name: str) -> str:
    """An account name as compared and certified: NFKC, then Unicode case folding."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


# -- keys -------------------------------------------------------------------------

def public_raw(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_b64(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    return b64(public_raw(key))


def fingerprint(public_key_b64: str) -> str:
    """SHA-256 of the 32 raw bytes, first 32 hex characters, in 8 groups of 4."""
    digest = sha256_hex(unb64(public_key_b64, 32))[:32]
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def load_public(public_key_b64: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(unb64(public_key_b64, 32))


# -- signed objects -----------------------------------------------------------------

def sign(payload: Mapping[str, Any], key: Ed25519PrivateKey, signer: str) -> dict[str, Any]:
    """A signed object: ``{"payload": ..., "signer": ..., "signature": ...}``."""
    if "type" not in payload:
        raise ValueError("a signed payload needs a type")
    return {"payload": dict(payload), "signer": signer,
            "signature": b64(key.sign(canonical(payload)))}


def signature_ok(public: Ed25519PublicKey, signature_b64: str | None, payload: Any) -> bool:
    if not signature_b64:
        return False
    try:
        public.verify(unb64(signature_b64, 64), canonical(payload))
    except (InvalidSignature, ValueError):
        return False
    return True


def audit_payload(entry_hash: str) -> dict[str, str]:
    return {"type": AUDIT_TYPE, "hash": entry_hash}


# -- the verification code -------------------------------------------------------------

def normal_code(code: str) -> str:
    """A verification code as typed (any case, spaces or dashes) in its printed form."""
    letters = "".join(ch for ch in code.upper() if ch.isalnum())
    return "-".join(letters[i:i + 4] for i in range(0, len(letters), 4))


# -- certificates ----------------------------------------------------------------------

def cert_payload(store_id: str, account_id: str, username: str, role: str, public_key: str,
                 issued_at: str, issued_by: str, revoked: bool = False) -> dict[str, Any]:
    return {"type": CERT_TYPE, "store_id": store_id, "account_id": account_id,
            "username": fold_name(username), "role": role, "public_key": public_key,
            "issued_at": issued_at, "issued_by": issued_by, "revoked": revoked}


@dataclass(frozen=True)
class Certificate:
    seq: int
    account_id: str
    username: str
    role: str
    public_key: str
    issued_at: str
    issued_by: str
    revoked: bool
    signed: dict

    @property
    def key(self) -> Ed25519PublicKey:
        return load_public(self.public_key)


class CertificateBook:
    """The store's certificates, checked against the pinned root key.

    A certificate counts only when it is *properly certified*: it chains to the
    root key, and each issuer held the admin role (not revoked) when it was issued.
    Anything else (say, a role written in by someone with the database key) is
    listed in ``problems`` and ignored.
    """

    def __init__(self, store_id: str, root_public_key: str, signed: Iterable[tuple[int, dict]]):
        self.store_id = store_id
        self.root_public_key = root_public_key
        self.valid: dict[str, list[Certificate]] = {}
        self.problems: list[str] = []
        self._keys: dict[str, Ed25519PublicKey] = {}
        self._raw: dict[str, bytes] = {}
        rows = []
        for seq, obj in signed:
            cert = self._parse(seq, obj)
            if cert is not None:
                rows.append(cert)
        for cert in sorted(rows, key=lambda c: (c.issued_at, c.seq)):
            problem = self._check(cert)
            if problem:
                self.problems.append(f"certificate {cert.seq} ({cert.username}): {problem}")
            else:
                self.valid.setdefault(cert.account_id, []).append(cert)

    def _parse(self, seq: int, obj: Any) -> Certificate | None:
        try:
            p = obj["payload"]
            cert = Certificate(seq, p["account_id"], p["username"], p["role"], p["public_key"],
                               p["issued_at"], p["issued_by"], p["revoked"], obj)
            if p["type"] != CERT_TYPE or p["store_id"] != self.store_id or \
                    cert.role not in ROLES or obj["signer"] != cert.issued_by or \
                    not all(isinstance(v, str) for v in (cert.account_id, cert.username,
                                                          cert.issued_at, cert.issued_by)) or \
                    not isinstance(cert.revoked, bool):
                raise ValueError
            cert.key  # noqa: B018 - the public key must load
        except (KeyError, TypeError, ValueError):
            self.problems.append(f"certificate {seq} is malformed or not of this store")
            return None
        return cert

    def _check(self, cert: Certificate) -> str | None:
        p = cert.signed["payload"]
        if cert.issued_by == cert.account_id and cert.public_key == self.root_public_key:
            if cert.role != "admin" or cert.revoked:
                return "the root certificate must be an administrator's"
            issuer_key = load_public(self.root_public_key)
        else:
            issuer = self.at(cert.issued_by, cert.issued_at)
            if issuer is None or issuer.role != "admin" or issuer.revoked:
                return "its issuer was not a certified administrator when it was issued"
            issuer_key = issuer.key
        if not signature_ok(issuer_key, cert.signed.get("signature"), p):
            return "its signature does not verify"
        return None

    def at(self, account_id: str | None, when: str) -> Certificate | None:
        """The account's certificate in force at ``when`` (the newest issued by then)."""
        found = None
        for cert in self.valid.get(account_id or "", ()):
            if cert.issued_at <= when:
                found = cert
        return found

    def current(self, account_id: str) -> Certificate | None:
        certs = self.valid.get(account_id)
        return certs[-1] if certs else None

    def raw_key(self, cert: Certificate) -> bytes:
        """The certificate's public key as its 32 raw bytes (decoded once)."""
        raw = self._raw.get(cert.public_key)
        if raw is None:
            raw = self._raw[cert.public_key] = unb64(cert.public_key, 32)
        return raw

    def key(self, cert: Certificate) -> Ed25519PublicKey:
        if cert.public_key not in self._keys:
            self._keys[cert.public_key] = cert.key
        return self._keys[cert.public_key]

    def signer_ok(self, account_id: str | None, when: str, signature: str | None,
                  payload: Any, roles: tuple[str, ...] = ROLES,
                  check_signature: bool = True) -> str | None:
        """None when ``signature`` is ``account_id``'s, certified at ``when`` in one of
        ``roles``; otherwise what is wrong, in words. (``check_signature=False``: only the
        certificate and role, the signature being checked elsewhere.)"""
        cert = self.at(account_id, when)
        if cert is None:
            return "its signer had no certified account at the time"
        if cert.revoked:
            return "its signer's account had been removed"
        if cert.role not in roles:
            return f"its signer was {cert.role}, not {' or '.join(roles)}"
        if check_signature and not signature_ok(self.key(cert), signature, payload):
            return "its signature does not verify"
        return None


def lifecycle_payload(store_id: str, assessment_id: str, version: int, action: str,
                      answers_hash: str, audit_head: str, at: str, actor: str,
                      comment: str | None) -> dict[str, Any]:
    return {"type": LIFECYCLE_TYPE, "store_id": store_id, "assessment_id": assessment_id,
            "version": version, "action": action, "content_hash": answers_hash,
            "audit_head": audit_head, "at": at, "actor": actor, "comment": comment}
