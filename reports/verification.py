"""A snapshot's canonical form and the verification code printed on its copy.

The code is derived from the countersignature and the SHA-256 of the canonical
snapshot without its generation time (docs/trust-model.md), so every print of the
same countersigned copy carries the same code, each reader's copy (and each
language) its own, and no code can be made for a version no reviewer signed.
"""

from __future__ import annotations

from typing import Any

from cstr_desktop.canonical import canonical as canonical_json
from cstr_desktop.canonical import snapshot_hash
from cstr_desktop.canonical import verification_code as code_from


def canonical(snapshot: dict[str, Any]) -> bytes:
    """The canonical snapshot: the trust model's canonical JSON, without ``generated_at``."""
    return canonical_json({k: v for k, v in snapshot.items() if k != "generated_at"})


def verification_code(snapshot: dict[str, Any]) -> str:
    """The code printed on this snapshot's copy: from its countersignature and its hash
    (one function, ``cstr_desktop.trust.signatures.verification_code``, for every copy)."""
    signature = (snapshot.get("signatures") or {}).get("countersignature")
    return code_from(signature, snapshot_hash(snapshot))


__all__ = ["canonical", "snapshot_hash", "verification_code"]
