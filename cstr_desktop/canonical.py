"""The one canonical JSON and the hashes made from it (docs/trust-model.md, Primitives).

Sorted keys, no spaces, UTF-8. Signatures, the audit chain's entry hashes, the
hash of a version's answers, the hash of a printed report's snapshot and the
verification code are all made from these bytes, on the laptop and in central
records alike: central imports this module (standard library only, importing
nothing else of the core), so the two cannot drift apart.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from typing import Any

# The fields an audit entry's chain hash covers.
AUDIT_HASHED_FIELDS = ("seq", "id", "at", "actor", "action", "entity", "entity_id", "field",
                       "old", "new", "reason", "prev_hash")


def canonical(obj: Any) -> bytes:
    """The one canonical JSON: sorted keys, no spaces, UTF-8."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_hash(answers: Mapping[str, Any]) -> str:
    """The SHA-256 of the canonical JSON of a version's answers."""
    return sha256_hex(canonical(dict(answers)))


def audit_entry_hash(entry: Mapping[str, Any]) -> str:
    """An audit entry's chain hash: its hashed fields (``prev_hash`` among them)."""
    return sha256_hex(canonical({k: entry.get(k) for k in AUDIT_HASHED_FIELDS}))


def snapshot_hash(snapshot: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical snapshot, leaving out ``generated_at`` (the time of the
    print), so every print of one kept snapshot has the same hash."""
    return sha256_hex(canonical({k: v for k, v in snapshot.items() if k != "generated_at"}))


def show_code(code: str) -> str:
    """A code as printed: 4 groups of 4 joined by dashes."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def verification_code(countersignature: str | None, snapshot_hash: str) -> str:
    """A printed report's code, from the countersignature and the printed snapshot's hash.

    The first 16 characters of the base32 of SHA-256(canonical({"countersignature": ...,
    "snapshot": ...})), in 4 groups of 4 joined by '-' (trust model, Verification code).

    ``countersignature`` None: a report countersigned before signatures existed (a store
    upgraded from version 0.1), which keeps the code it was printed with, the first 16
    base32 characters of the snapshot's hash itself.
    """
    if countersignature is None:
        digest = bytes.fromhex(snapshot_hash)
    else:
        digest = hashlib.sha256(canonical({"countersignature": countersignature,
                                           "snapshot": snapshot_hash})).digest()
    return show_code(base64.b32encode(digest).decode("ascii")[:16])
